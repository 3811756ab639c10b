/* rs-photo-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photo-preview.h"
#include "rs-photo-viewer.h"
#include "rs-content.h"

#include <math.h>
#include <glib/gi18n.h>

struct _RsPhotoPreview
{
  GtkWidget      parent_instance;

  GdkTexture    *texture;
  RsPhotoReport *report;
  char          *title;   /* set: a click, Space or Enter shows it large */
};

G_DEFINE_FINAL_TYPE (RsPhotoPreview, rs_photo_preview, GTK_TYPE_WIDGET)

static const char * const framing_checks[] = {
  RS_CHECK_DOCUMENT_FOUND,
  RS_CHECK_DOCUMENT_CUTOFF,
  RS_CHECK_DOCUMENT_MARGIN,
  RS_CHECK_DOCUMENT_SIZE,
  RS_CHECK_DOCUMENT_SKEW,
};

RsOutlineState
rs_outline_state_for_report (RsPhotoReport *report)
{
  RsCheckStatus worst = RS_CHECK_PASS;
  RsQuad quad;

  if (report == NULL || !rs_photo_report_get_document_quad (report, &quad))
    return RS_OUTLINE_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (framing_checks); i++)
    {
      const RsPhotoFinding *f = rs_photo_report_find_finding (report, framing_checks[i]);
      if (f != NULL && f->status > worst)
        worst = f->status;
    }
  switch (worst)
    {
    case RS_CHECK_FAIL:
      return RS_OUTLINE_FAIL;
    case RS_CHECK_WARN:
      return RS_OUTLINE_WARN;
    case RS_CHECK_PASS:
    default:
      return RS_OUTLINE_PASS;
    }
}

/* Whether the content mark @mark is drawn: only what illustrates a
 * finding that did not pass (a found portrait or a good selfie's face
 * needs no mark). */
static gboolean
mark_shown (RsPhotoReport       *report,
            const RsContentMark *mark)
{
  const RsPhotoFinding *f;

  switch (mark->kind)
    {
    case RS_MARK_OCCLUSION:
    case RS_MARK_DOCUMENT:
      f = rs_photo_report_find_finding (report, mark->finding);
      return f != NULL && f->status != RS_CHECK_PASS;
    case RS_MARK_FACE:
      /* Every face found, when any face check failed: which face is too
       * small, cut off or one too many. */
      {
        static const char * const face_checks[] = {
          RS_CHECK_FACE_COUNT, RS_CHECK_FACE_SIZE, RS_CHECK_FACE_INSIDE, RS_CHECK_FACE_QUALITY,
        };

        for (guint i = 0; i < G_N_ELEMENTS (face_checks); i++)
          {
            f = rs_photo_report_find_finding (report, face_checks[i]);
            if (f != NULL && f->status != RS_CHECK_PASS)
              return TRUE;
          }
        return FALSE;
      }
    case RS_MARK_PORTRAIT:
    default:
      return FALSE;
    }
}

static guint
count_marks (RsPhotoReport *report,
             RsMarkKind     kind)
{
  RsContentReport *content = report != NULL ? rs_photo_report_get_content (report) : NULL;
  guint n = 0;

  for (guint i = 0; content != NULL && i < rs_content_report_get_n_marks (content); i++)
    {
      const RsContentMark *m = rs_content_report_get_mark (content, i);

      if (m->kind == kind && mark_shown (report, m))
        n++;
    }
  return n;
}

/* Report pixels → texture pixels. */
static double
report_scale (RsPhotoPreview *self)
{
  const RsImageInfo *info;

  if (self->texture == NULL || self->report == NULL)
    return 1.0;
  info = rs_photo_report_get_image_info (self->report);
  if (info == NULL || info->width <= 0)
    return 1.0;
  return (double) gdk_texture_get_width (self->texture) / info->width;
}

char *
rs_photo_preview_dup_label (RsPhotoPreview *self)
{
  const char *desc;
  char *label;

  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), NULL);

  if (self->texture == NULL)
    desc = _("No photo yet");
  else if (self->report == NULL)
    desc = _("Photo, being checked");
  else
    switch (rs_photo_preview_get_outline_state (self))
      {
      case RS_OUTLINE_PASS:
        desc = _("Photo with the document’s outline marked: framing is good");
        break;
      case RS_OUTLINE_WARN:
        desc = _("Photo with the document’s outline marked: framing could be better");
        break;
      case RS_OUTLINE_FAIL:
        desc = _("Photo with the document’s outline marked: framing has a problem");
        break;
      case RS_OUTLINE_NONE:
      default:
        desc = _("Photo; no document outline was found");
        break;
      }

  /* What else is drawn, each its own sentence. */
  label = g_strdup (desc);
  if (self->texture != NULL && self->report != NULL)
    {
      const struct {
        RsMarkKind  kind;
        const char *sentence;
      } marks[] = {
        { RS_MARK_OCCLUSION, N_("The covered part of the document is marked") },
        { RS_MARK_DOCUMENT, N_("Another document in the photo is outlined") },
        { RS_MARK_FACE, N_("The faces found are marked") },
      };

      for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
        if (count_marks (self->report, marks[i].kind) > 0)
          {
            /* TRANSLATORS: joins the photo's description and a sentence
             * about what else is marked on it */
            char *joined = g_strdup_printf (_("%s. %s"), label, _(marks[i].sentence));

            g_free (label);
            label = joined;
          }
    }
  return label;
}

static void
update_description (RsPhotoPreview *self)
{
  g_autofree char *label = rs_photo_preview_dup_label (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* Only a photo can be enlarged; the empty preview takes no focus. */
  if (self->title != NULL)
    {
      gboolean can = self->texture != NULL;

      gtk_widget_set_focusable (GTK_WIDGET (self), can);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), can ? "zoom-in" : NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), can ? _("Show the photo larger") : NULL);
      if (can)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        _("Press Space or Enter to show the photo larger"),
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

GtkWidget *
rs_photo_preview_enlarge (RsPhotoPreview *self)
{
  GtkWidget *viewer;
  GtkRoot *root;

  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), NULL);

  if (self->texture == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  viewer = rs_photo_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->texture, self->report,
                                self->title ? self->title : _("Photo"));
  gtk_window_present (GTK_WINDOW (viewer));
  return viewer;
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RsPhotoPreview  *self)
{
  if (self->title != NULL && n_press == 1)
    rs_photo_preview_enlarge (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RsPhotoPreview        *self)
{
  if (self->title == NULL || self->texture == NULL)
    return FALSE;
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space ||
      keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
    {
      rs_photo_preview_enlarge (self);
      return TRUE;
    }
  return FALSE;
}

void
rs_photo_preview_set_enlarge_title (RsPhotoPreview *self,
                                    const char     *title)
{
  g_return_if_fail (RS_IS_PHOTO_PREVIEW (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_description (self);
}

static void
set_color (cairo_t        *cr,
           RsOutlineState  state,
           double          alpha)
{
  switch (state)
    {
    case RS_OUTLINE_PASS:
      cairo_set_source_rgba (cr, 0.15, 0.64, 0.41, alpha);  /* green */
      break;
    case RS_OUTLINE_WARN:
      cairo_set_source_rgba (cr, 0.90, 0.65, 0.04, alpha);  /* amber */
      break;
    case RS_OUTLINE_FAIL:
    case RS_OUTLINE_NONE:
    default:
      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, alpha);  /* red */
      break;
    }
}

static void
quad_path (cairo_t      *cr,
           const RsQuad *q,
           double        ox,
           double        oy,
           double        rs)
{
  cairo_new_path (cr);
  cairo_move_to (cr, ox + q->p[0].x * rs, oy + q->p[0].y * rs);
  for (int i = 1; i < 4; i++)
    cairo_line_to (cr, ox + q->p[i].x * rs, oy + q->p[i].y * rs);
  cairo_close_path (cr);
}

/* The content checks' marks (upright-image pixels, as the report's). */
static void
draw_content_marks (RsPhotoPreview *self,
                    cairo_t        *cr,
                    double          ox,
                    double          oy,
                    double          rs,
                    double          dw,
                    double          dh)
{
  RsContentReport *content = rs_photo_report_get_content (self->report);

  if (content == NULL)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, ox, oy, dw, dh);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < rs_content_report_get_n_marks (content); i++)
    {
      const RsContentMark *m = rs_content_report_get_mark (content, i);
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

      if (!mark_shown (self->report, m))
        continue;
      for (int k = 0; k < 4; k++)
        {
          x0 = MIN (x0, ox + m->outline.p[k].x * rs);
          y0 = MIN (y0, oy + m->outline.p[k].y * rs);
          x1 = MAX (x1, ox + m->outline.p[k].x * rs);
          y1 = MAX (y1, oy + m->outline.p[k].y * rs);
        }
      switch (m->kind)
        {
        case RS_MARK_OCCLUSION:
          /* Like a glare spot, in red: hatched, so it does not depend on
           * colour alone. */
          cairo_save (cr);
          quad_path (cr, &m->outline, ox, oy, rs);
          cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.25);
          cairo_fill_preserve (cr);
          cairo_clip_preserve (cr);
          cairo_set_line_width (cr, 2);
          cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.95);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1);
          for (double d = -(y1 - y0); d < x1 - x0; d += 6)
            {
              cairo_move_to (cr, x0 + d, y1);
              cairo_line_to (cr, x0 + d + (y1 - y0), y0);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
          break;
        case RS_MARK_DOCUMENT:
          {
            /* The other document: a dashed red outline with a dark halo. */
            double dash[] = { 4, 6 };

            quad_path (cr, &m->outline, ox, oy, rs);
            cairo_set_line_width (cr, 5);
            cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
            cairo_stroke_preserve (cr);
            cairo_set_dash (cr, dash, 2, 0);
            cairo_set_line_width (cr, 3);
            cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1.0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
          break;
        case RS_MARK_FACE:
          /* A face: a rounded amber box. */
          {
            double r = MIN (8, MIN (x1 - x0, y1 - y0) / 4);

            cairo_new_path (cr);
            cairo_arc (cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
            cairo_arc (cr, x1 - r, y1 - r, r, 0, G_PI / 2);
            cairo_arc (cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
            cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
            cairo_close_path (cr);
            cairo_set_line_width (cr, 5);
            cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
            cairo_stroke_preserve (cr);
            cairo_set_line_width (cr, 3);
            set_color (cr, RS_OUTLINE_WARN, 1.0);
            cairo_stroke (cr);
          }
          break;
        case RS_MARK_PORTRAIT:
        default:
          break;
        }
    }
  cairo_restore (cr);
}

static void
draw_overlays (RsPhotoPreview *self,
               cairo_t        *cr,
               double          ox,
               double          oy,
               double          scale,
               double          dw,
               double          dh)
{
  RsQuad quad;
  RsOutlineState state = rs_photo_preview_get_outline_state (self);
  double rs = report_scale (self) * scale;
  const RsImageRect *spots;
  guint n_spots = 0;
  guint cut;

  /* Glare spots: a hatched yellow box each. */
  spots = rs_photo_report_get_glare_spots (self->report, &n_spots);
  for (guint i = 0; i < n_spots; i++)
    {
      double x = ox + spots[i].x * rs, y = oy + spots[i].y * rs;
      double w = MAX (spots[i].width * rs, 6), h = MAX (spots[i].height * rs, 6);

      cairo_save (cr);
      cairo_rectangle (cr, x, y, w, h);
      cairo_set_source_rgba (cr, 1.0, 0.85, 0.0, 0.25);
      cairo_fill_preserve (cr);
      cairo_clip_preserve (cr);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 1.0, 0.85, 0.0, 0.95);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1);
      for (double d = -h; d < w; d += 6)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  draw_content_marks (self, cr, ox, oy, rs, dw, dh);

  if (!rs_photo_report_get_document_quad (self->report, &quad))
    return;

  /* The outline: solid when framing passes, dashed otherwise (so the state
   * does not depend on colour alone). */
  cairo_save (cr);
  cairo_rectangle (cr, ox, oy, dw, dh);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, ox + quad.p[0].x * rs, oy + quad.p[0].y * rs);
  for (int i = 1; i < 4; i++)
    cairo_line_to (cr, ox + quad.p[i].x * rs, oy + quad.p[i].y * rs);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 5);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_stroke_preserve (cr);
  if (state != RS_OUTLINE_PASS)
    {
      double dash[] = { 10, 6 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_set_line_width (cr, 3);
  set_color (cr, state, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Cut-off corners: a red ring with a cross where the corner leaves the
   * frame (clamped to the photo's edge). */
  cut = rs_photo_report_get_cut_corners (self->report);
  for (int i = 0; i < 4; i++)
    {
      double x, y;

      if (!(cut & (1u << i)))
        continue;
      x = CLAMP (ox + quad.p[i].x * rs, ox + 10, ox + dw - 10);
      y = CLAMP (oy + quad.p[i].y * rs, oy + 10, oy + dh - 10);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.5);
      set_color (cr, RS_OUTLINE_FAIL, 1.0);
      cairo_stroke (cr);
      cairo_move_to (cr, x - 4.5, y - 4.5);
      cairo_line_to (cr, x + 4.5, y + 4.5);
      cairo_move_to (cr, x + 4.5, y - 4.5);
      cairo_line_to (cr, x - 4.5, y + 4.5);
      cairo_stroke (cr);
    }
}

static void
rs_photo_preview_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RsPhotoPreview *self = RS_PHOTO_PREVIEW (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  double tw, th, scale, dw, dh, ox, oy;

  if (self->texture == NULL || w <= 0 || h <= 0)
    return;

  tw = gdk_texture_get_width (self->texture);
  th = gdk_texture_get_height (self->texture);
  scale = MIN (w / tw, h / th);
  dw = tw * scale;
  dh = th * scale;
  ox = floor ((w - dw) / 2);
  oy = floor ((h - dh) / 2);

  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (ox, oy, dw, dh));

  if (self->report != NULL)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (0, 0, w, h));
      draw_overlays (self, cr, ox, oy, scale, dw, dh);
      cairo_destroy (cr);
    }
}

static void
rs_photo_preview_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* A 3:2 box the photo is fitted into, growing with the width it gets
   * (up to a height that still leaves the findings in view). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    {
      /* As the minimum too: in a scrolled page children get their
       * minimum height, and the box would never grow. */
      *natural = for_size > 0 ? CLAMP (for_size * 2 / 3, 150, 420) : 240;
      *minimum = *natural;
    }
}

static GtkSizeRequestMode
rs_photo_preview_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rs_photo_preview_dispose (GObject *object)
{
  RsPhotoPreview *self = RS_PHOTO_PREVIEW (object);

  g_clear_object (&self->texture);
  g_clear_object (&self->report);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (rs_photo_preview_parent_class)->dispose (object);
}

static void
rs_photo_preview_class_init (RsPhotoPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_photo_preview_dispose;
  widget_class->snapshot = rs_photo_preview_snapshot;
  widget_class->measure = rs_photo_preview_measure;
  widget_class->get_request_mode = rs_photo_preview_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "rs-photo-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rs_photo_preview_init (RsPhotoPreview *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  update_description (self);
}

GtkWidget *
rs_photo_preview_new (void)
{
  return g_object_new (RS_TYPE_PHOTO_PREVIEW, NULL);
}

void
rs_photo_preview_set_photo (RsPhotoPreview *self,
                            GdkTexture     *texture,
                            RsPhotoReport  *report)
{
  g_return_if_fail (RS_IS_PHOTO_PREVIEW (self));

  g_set_object (&self->texture, texture);
  g_set_object (&self->report, report);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
rs_photo_preview_get_texture (RsPhotoPreview *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), NULL);
  return self->texture;
}

RsPhotoReport *
rs_photo_preview_get_report (RsPhotoPreview *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), NULL);
  return self->report;
}

RsOutlineState
rs_photo_preview_get_outline_state (RsPhotoPreview *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), RS_OUTLINE_NONE);

  if (self->texture == NULL)
    return RS_OUTLINE_NONE;
  return rs_outline_state_for_report (self->report);
}

gboolean
rs_photo_preview_get_outline (RsPhotoPreview *self,
                              RsQuad         *quad)
{
  RsQuad q;
  double s;

  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), FALSE);

  if (self->texture == NULL || self->report == NULL ||
      !rs_photo_report_get_document_quad (self->report, &q))
    return FALSE;
  s = report_scale (self);
  for (int i = 0; i < 4; i++)
    {
      q.p[i].x *= s;
      q.p[i].y *= s;
    }
  if (quad != NULL)
    *quad = q;
  return TRUE;
}

guint
rs_photo_preview_get_n_glare_spots (RsPhotoPreview *self)
{
  guint n = 0;

  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), 0);

  if (self->texture != NULL && self->report != NULL)
    rs_photo_report_get_glare_spots (self->report, &n);
  return n;
}

guint
rs_photo_preview_get_cut_corners (RsPhotoPreview *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), 0);

  if (self->texture == NULL || self->report == NULL)
    return 0;
  return rs_photo_report_get_cut_corners (self->report);
}

guint
rs_photo_preview_get_n_marks (RsPhotoPreview *self,
                              RsMarkKind      kind)
{
  g_return_val_if_fail (RS_IS_PHOTO_PREVIEW (self), 0);

  if (self->texture == NULL)
    return 0;
  return count_marks (self->report, kind);
}
