/* rs-bundle-checklist.c: the checklist as A4 PDF (cairo + pango) and text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>

#include "rs-bundle.h"
#include "rs-bundle-checklist.h"

/* A4 in PostScript points. */
#define PAGE_W   595.28
#define PAGE_H   841.89
#define MARGIN   50.0
#define TEXT_W   (PAGE_W - 2 * MARGIN)
#define BOTTOM   (PAGE_H - MARGIN - 14.0)  /* room for the footer */
/* Latin from DejaVu Sans first: cairo's subsetter embeds up to 800 KB of
 * Noto CJK's CFF data for some sets of Latin glyphs; with DejaVu the PDF
 * stays near 150 KB.  Chinese (fonts-noto-cjk, Simplified forms): headings
 * and values in Noto Sans CJK SC Bold (黑体 style), running text in Noto
 * Serif CJK SC (宋体 style) — also because the Regular weight of Noto Sans
 * CJK SC loses a glyph (如) in cairo 1.16's subset as poppler renders it
 * (checked over all of GB 2312 level 1; tests/bundle renders 如 back).
 * "Sans" is the last resort. */
#define FONT_BOLD    "DejaVu Sans, Noto Sans CJK SC, Sans"
#define FONT_REGULAR "DejaVu Sans, Noto Serif CJK SC, Noto Sans CJK SC, Sans"
#define FONT_MONO    "DejaVu Sans Mono, Monospace Bold 8.5"
#define THUMB_W  150.0
#define THUMB_H  112.0

static void
field_free (gpointer data)
{
  RsChecklistField *field = data;

  g_free (field->label);
  g_free (field->value);
  g_free (field->pdf_value);
  g_free (field);
}

static void
result_free (gpointer data)
{
  RsChecklistResult *result = data;

  g_free (result->status);
  g_free (result->text);
  g_free (result);
}

static void
photo_free (gpointer data)
{
  RsChecklistPhoto *photo = data;

  g_free (photo->file_name);
  g_free (photo->slot_name);
  g_clear_object (&photo->thumbnail);
  g_ptr_array_unref (photo->results);
  g_free (photo);
}

RsChecklist *
rs_checklist_new (void)
{
  RsChecklist *checklist = g_new0 (RsChecklist, 1);

  checklist->fields = g_ptr_array_new_with_free_func (field_free);
  checklist->photos = g_ptr_array_new_with_free_func (photo_free);
  checklist->acknowledged = g_ptr_array_new_with_free_func (g_free);
  checklist->next_steps = g_ptr_array_new_with_free_func (g_free);
  return checklist;
}

void
rs_checklist_free (RsChecklist *checklist)
{
  if (checklist == NULL)
    return;
  g_free (checklist->title);
  g_free (checklist->profile_name);
  g_free (checklist->document_name);
  g_free (checklist->created);
  g_free (checklist->created_iso);
  g_ptr_array_unref (checklist->fields);
  g_ptr_array_unref (checklist->photos);
  g_ptr_array_unref (checklist->acknowledged);
  g_ptr_array_unref (checklist->next_steps);
  g_free (checklist->support_message);
  g_free (checklist);
}

RsChecklistField *
rs_checklist_add_field (RsChecklist *checklist,
                        const char  *label,
                        const char  *value,
                        const char  *pdf_value)
{
  RsChecklistField *field = g_new0 (RsChecklistField, 1);

  field->label = g_strdup (label);
  field->value = g_strdup (value);
  field->pdf_value = g_strdup (pdf_value);
  g_ptr_array_add (checklist->fields, field);
  return field;
}

RsChecklistPhoto *
rs_checklist_add_photo (RsChecklist *checklist)
{
  RsChecklistPhoto *photo = g_new0 (RsChecklistPhoto, 1);

  photo->results = g_ptr_array_new_with_free_func (result_free);
  g_ptr_array_add (checklist->photos, photo);
  return photo;
}

void
rs_checklist_photo_add_result (RsChecklistPhoto *photo,
                               const char       *status,
                               const char       *text)
{
  RsChecklistResult *result = g_new0 (RsChecklistResult, 1);

  result->status = g_strdup (status);
  result->text = g_strdup (text);
  g_ptr_array_add (photo->results, result);
}

static const char *
status_word (const char *status)
{
  if (g_strcmp0 (status, "pass") == 0)
    return _("OK");
  if (g_strcmp0 (status, "warn") == 0)
    return _("Warning");
  if (g_strcmp0 (status, "fail") == 0)
    return _("Failed");
  return status;
}

static const char *
section_title (guint n)
{
  switch (n)
    {
    case 0: return _("1. Details to type into the form, in this order");
    case 1: return _("2. Photos, in upload order");
    case 2: return _("3. Warnings you acknowledged");
    case 3: return _("4. Next steps");
    case 4: return _("5. Message to support (draft)");
    default: g_assert_not_reached ();
    }
  return NULL;
}

static char *
format_bytes (gint64 bytes)
{
  return g_format_size_full ((guint64) bytes, G_FORMAT_SIZE_DEFAULT);
}

/* ---- Plain text ---- */

/* Columns on a terminal: CJK characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

char *
rs_checklist_to_text (RsChecklist *checklist)
{
  GString *out = g_string_new (NULL);
  guint max_label = 0;

  g_string_append_printf (out, "%s\n", checklist->title);
  g_string_append_printf (out, "%s %s\n", _("Platform:"), checklist->profile_name);
  g_string_append_printf (out, "%s %s\n", _("Document:"), checklist->document_name);
  g_string_append_printf (out, "%s %s\n", _("Created:"), checklist->created);

  g_string_append_printf (out, "\n%s\n\n", section_title (0));
  for (guint i = 0; i < checklist->fields->len; i++)
    {
      RsChecklistField *field = g_ptr_array_index (checklist->fields, i);
      max_label = MAX (max_label, display_width (field->label));
    }
  for (guint i = 0; i < checklist->fields->len; i++)
    {
      RsChecklistField *field = g_ptr_array_index (checklist->fields, i);
      guint pad = max_label - display_width (field->label);

      g_auto(GStrv) lines = g_strsplit (field->value, "\n", -1);

      /* TRANSLATORS: a field's label in the text checklist, before its
       * value; use the colon of your language (as in "Platform:"). */
      g_autofree char *label = g_strdup_printf (C_("checklist field", "%s:"), field->label);

      g_string_append_printf (out, "  %s%*s %s\n", label, (int) pad, "", lines[0]);
      /* Continuation lines (an MRZ) line up with the first. */
      for (guint j = 1; lines[0] != NULL && lines[j] != NULL; j++)
        g_string_append_printf (out, "  %*s  %s\n", (int) max_label, "", lines[j]);
    }

  g_string_append_printf (out, "\n%s\n", section_title (1));
  for (guint i = 0; i < checklist->photos->len; i++)
    {
      RsChecklistPhoto *photo = g_ptr_array_index (checklist->photos, i);
      g_autofree char *size = format_bytes (photo->bytes);

      g_string_append_printf (out, "\n  %u. %s — %s (%d × %d, %s)\n", photo->order,
                              photo->file_name, photo->slot_name,
                              photo->width, photo->height, size);
      for (guint j = 0; j < photo->results->len; j++)
        {
          RsChecklistResult *result = g_ptr_array_index (photo->results, j);
          g_string_append_printf (out, "     [%s] %s\n", status_word (result->status),
                                  result->text);
        }
    }

  g_string_append_printf (out, "\n%s\n\n", section_title (2));
  if (checklist->acknowledged->len == 0)
    g_string_append_printf (out, "  %s\n", _("None."));
  for (guint i = 0; i < checklist->acknowledged->len; i++)
    g_string_append_printf (out, "  - %s\n",
                            (char *) g_ptr_array_index (checklist->acknowledged, i));

  g_string_append_printf (out, "\n%s\n\n", section_title (3));
  for (guint i = 0; i < checklist->next_steps->len; i++)
    g_string_append_printf (out, "  %u. %s\n", i + 1,
                            (char *) g_ptr_array_index (checklist->next_steps, i));

  g_string_append_printf (out, "\n%s\n\n", section_title (4));
  {
    g_auto(GStrv) lines = g_strsplit (checklist->support_message, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      g_string_append_printf (out, "  %s\n", lines[i]);
  }

  return g_string_free (out, FALSE);
}

/* ---- PDF ---- */

typedef struct {
  cairo_t      *cr;
  PangoContext *context;
  double        y;
  int           page;
} Pdf;

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (bold ? FONT_BOLD
                                                                                 : FONT_REGULAR);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
footer (Pdf *pdf)
{
  g_autofree char *text = g_strdup_printf (_("Resubmit checklist — page %d"), pdf->page);
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, 8, FALSE, TEXT_W);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (pdf->cr, 0.45, 0.45, 0.45);
  cairo_move_to (pdf->cr, MARGIN, PAGE_H - MARGIN);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
new_page (Pdf *pdf)
{
  footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > BOTTOM && pdf->y > MARGIN)
    new_page (pdf);
}

static void
show_at (Pdf         *pdf,
         PangoLayout *layout,
         double       x,
         double       y,
         double       gray)
{
  cairo_set_source_rgb (pdf->cr, gray, gray, gray);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
paragraph (Pdf        *pdf,
           const char *text,
           double      size,
           gboolean    bold,
           double      indent,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, size, bold, TEXT_W - indent);
  double h = layout_height (layout);

  ensure_space (pdf, h);
  show_at (pdf, layout, MARGIN + indent, pdf->y, 0.0);
  pdf->y += h + space_after;
}

static void
heading (Pdf        *pdf,
         const char *text)
{
  /* Keep a heading with at least a little of what follows. */
  ensure_space (pdf, 60);
  pdf->y += 8;
  paragraph (pdf, text, 13, TRUE, 0, 6);
}

/* A JPEG thumbnail as a cairo surface; the JPEG bytes are attached so the
 * PDF embeds them as they are instead of raw pixels. */
static cairo_surface_t *
thumbnail_surface (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8 *dst;
  int dst_stride;
  gchar *jpeg = NULL;
  gsize jpeg_len = 0;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dst + (gsize) y * dst_stride);

      for (int x = 0; x < w; x++, s += n)
        d[x] = 0xFF000000u | ((guint32) s[0] << 16) | ((guint32) s[1] << 8) | s[2];
    }
  cairo_surface_mark_dirty (surface);

  if (!gdk_pixbuf_get_has_alpha (pixbuf) &&
      gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_len, "jpeg", NULL,
                                 "quality", "80", NULL))
    cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                                 (const guchar *) jpeg, jpeg_len, g_free, jpeg);
  return surface;
}

static void
photo_block (Pdf              *pdf,
             RsChecklistPhoto *photo)
{
  double text_x = MARGIN + THUMB_W + 12;
  double text_w = TEXT_W - THUMB_W - 12;
  g_autofree char *size = format_bytes (photo->bytes);
  g_autofree char *title = g_strdup_printf ("%u. %s", photo->order, photo->slot_name);
  g_autofree char *info = g_strdup_printf ("%s\n%d × %d, %s", photo->file_name,
                                           photo->width, photo->height, size);
  g_autoptr(PangoLayout) title_layout = make_layout (pdf, title, 11, TRUE, text_w);
  g_autoptr(PangoLayout) info_layout = make_layout (pdf, info, 9, FALSE, text_w);
  g_autoptr(GString) results = g_string_new (NULL);
  g_autoptr(PangoLayout) results_layout = NULL;
  double text_h, block_h, y;

  for (guint j = 0; j < photo->results->len; j++)
    {
      RsChecklistResult *result = g_ptr_array_index (photo->results, j);
      g_string_append_printf (results, "%s[%s] %s", j ? "\n" : "",
                              status_word (result->status), result->text);
    }
  results_layout = make_layout (pdf, results->str, 8.5, FALSE, text_w);

  text_h = layout_height (title_layout) + 2 + layout_height (info_layout) + 4 +
           layout_height (results_layout);
  block_h = MAX (text_h, THUMB_H);
  ensure_space (pdf, block_h);
  y = pdf->y;

  if (photo->thumbnail != NULL)
    {
      cairo_surface_t *surface = thumbnail_surface (photo->thumbnail);
      int w = gdk_pixbuf_get_width (photo->thumbnail);
      int h = gdk_pixbuf_get_height (photo->thumbnail);
      double scale = MIN (THUMB_W / w, THUMB_H / h);

      cairo_save (pdf->cr);
      cairo_translate (pdf->cr, MARGIN + (THUMB_W - w * scale) / 2, y);
      cairo_scale (pdf->cr, scale, scale);
      cairo_set_source_surface (pdf->cr, surface, 0, 0);
      cairo_paint (pdf->cr);
      cairo_restore (pdf->cr);
      cairo_surface_destroy (surface);

      cairo_set_source_rgb (pdf->cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (pdf->cr, 0.5);
      cairo_rectangle (pdf->cr, MARGIN + (THUMB_W - w * scale) / 2, y, w * scale, h * scale);
      cairo_stroke (pdf->cr);
    }

  show_at (pdf, title_layout, text_x, y, 0.0);
  y += layout_height (title_layout) + 2;
  show_at (pdf, info_layout, text_x, y, 0.3);
  y += layout_height (info_layout) + 4;
  show_at (pdf, results_layout, text_x, y, 0.0);

  pdf->y += block_h + 14;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
rs_checklist_to_pdf (RsChecklist *checklist,
                     GError     **error)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  cairo_status_t status;
  Pdf pdf = { 0 };
  g_autofree char *meta = NULL;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, array, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, checklist->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Resubmit " PACKAGE_VERSION);
  /* cairo would stamp the wall-clock time: use the export's own (pinned by
   * RESUBMIT_TODAY in tests and reproducible exports). */
  if (checklist->created_iso != NULL)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, checklist->created_iso);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, checklist->created_iso);
    }
  pdf.cr = cairo_create (surface);
  pdf.context = pango_cairo_create_context (pdf.cr);
  /* One user unit is one point: lay text out at 72 dpi, without hinting. */
  pango_cairo_context_set_resolution (pdf.context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf.context, options);
  cairo_font_options_destroy (options);
  pdf.y = MARGIN;
  pdf.page = 1;

  paragraph (&pdf, checklist->title, 20, TRUE, 0, 6);
  meta = g_strdup_printf ("%s %s\n%s %s\n%s %s",
                          _("Platform:"), checklist->profile_name,
                          _("Document:"), checklist->document_name,
                          _("Created:"), checklist->created);
  paragraph (&pdf, meta, 10, FALSE, 0, 4);

  heading (&pdf, section_title (0));
  for (guint i = 0; i < checklist->fields->len; i++)
    {
      RsChecklistField *field = g_ptr_array_index (checklist->fields, i);
      g_autoptr(PangoLayout) label = make_layout (&pdf, field->label, 10, FALSE, 150);
      g_autoptr(PangoLayout) value = make_layout (&pdf, field->pdf_value ? field->pdf_value
                                                                       : field->value,
                                                  11, TRUE, TEXT_W - 160);
      double h;

      if (field->mono)
        {
          g_autoptr(PangoFontDescription) mono = pango_font_description_from_string (FONT_MONO);
          pango_layout_set_font_description (value, mono);
        }
      h = MAX (layout_height (label), layout_height (value));

      ensure_space (&pdf, h);
      show_at (&pdf, label, MARGIN, pdf.y + 1, 0.3);
      show_at (&pdf, value, MARGIN + 160, pdf.y, 0.0);
      pdf.y += h + 5;
    }
  if (checklist->masked)
    paragraph (&pdf, _("The document number is masked in this PDF except its last 4 characters. "
                       "checklist.txt and manifest.json in the bundle keep it whole."),
               8.5, FALSE, 0, 2);

  heading (&pdf, section_title (1));
  for (guint i = 0; i < checklist->photos->len; i++)
    photo_block (&pdf, g_ptr_array_index (checklist->photos, i));

  heading (&pdf, section_title (2));
  if (checklist->acknowledged->len == 0)
    paragraph (&pdf, _("None."), 10, FALSE, 0, 2);
  for (guint i = 0; i < checklist->acknowledged->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s",
                                               (char *) g_ptr_array_index (checklist->acknowledged, i));
      paragraph (&pdf, line, 10, FALSE, 0, 3);
    }

  heading (&pdf, section_title (3));
  for (guint i = 0; i < checklist->next_steps->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1,
                                               (char *) g_ptr_array_index (checklist->next_steps, i));
      paragraph (&pdf, line, 10, FALSE, 0, 3);
    }

  heading (&pdf, section_title (4));
  paragraph (&pdf, checklist->support_message, 10, FALSE, 10, 2);

  footer (&pdf);
  cairo_show_page (pdf.cr);

  g_object_unref (pdf.context);
  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("The checklist PDF could not be created (%s). Close other "
                     "applications to free memory and export again."),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}
