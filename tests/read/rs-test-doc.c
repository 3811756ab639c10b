/* rs-test-doc.c: OCR-B fixtures for the reader's tests, evaluation and
 * benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "rs-read.h"
#include "rs-test-doc.h"

gboolean
rs_test_doc_have_font (void)
{
  return rs_read_font_path () != NULL;
}

static cairo_font_face_t *
ocrb_face (void)
{
  static FT_Library lib;
  static FT_Face face;
  static cairo_font_face_t *cface;

  if (cface == NULL)
    {
      g_assert_true (FT_Init_FreeType (&lib) == 0);
      g_assert_true (FT_New_Face (lib, rs_read_font_path (), 0, &face) == 0);
      cface = cairo_ft_font_face_create_for_ft_face (face, 0);
    }
  return cface;
}

/* Text in OCR-B with a fixed pitch of @pitch (px), baseline at @y. */
static void
draw_ocrb (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      pitch)
{
  cairo_text_extents_t ext;
  double size;

  cairo_set_font_face (cr, ocrb_face ());
  /* the face's advance is 0.6 em or so: find the size giving @pitch */
  cairo_set_font_size (cr, 100);
  cairo_text_extents (cr, "H", &ext);
  size = 100 * pitch / ext.x_advance;
  cairo_set_font_size (cr, size);
  for (const char *p = text; *p; p++)
    {
      char s[2] = { *p, 0 };
      cairo_move_to (cr, x + (p - text) * pitch, y);
      cairo_show_text (cr, s);
    }
}

static void
draw_sans (cairo_t    *cr,
           const char *family,
           const char *text,
           double      x,
           double      y,
           double      size)
{
  cairo_select_font_face (cr, family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

static GdkPixbuf *
surface_to_pixbuf (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *src;
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *dst = gdk_pixbuf_get_pixels (pb);
  int ds = gdk_pixbuf_get_rowstride (pb);

  cairo_surface_flush (s);
  src = cairo_image_surface_get_data (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 v = *(const guint32 *) (src + (gsize) y * stride + x * 4);
        guint8 *d = dst + (gsize) y * ds + x * 3;
        d[0] = (v >> 16) & 0xff;
        d[1] = (v >> 8) & 0xff;
        d[2] = v & 0xff;
      }
  return pb;
}

GdkPixbuf *
rs_test_doc_render (RsTestDocKind       kind,
                    const char * const *lines,
                    double              px_per_mm)
{
  double wmm = kind == RS_TEST_DOC_PASSPORT ? 125 : 85.6;
  double hmm = kind == RS_TEST_DOC_PASSPORT ? 88 : 54;
  int w = (int) lround (wmm * px_per_mm), h = (int) lround (hmm * px_per_mm);
  double k = px_per_mm;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (s);
  GdkPixbuf *pb;

  /* paper, a faint guilloche, a photo box and some printed text */
  cairo_set_source_rgb (cr, 0.93, 0.92, 0.86);
  cairo_paint (cr);
  cairo_set_line_width (cr, 0.15 * k);
  cairo_set_source_rgb (cr, 0.80, 0.84, 0.86);
  for (int i = 0; i < 30; i++)
    {
      cairo_move_to (cr, 0, (i * 3.1) * k);
      for (double x = 0; x <= wmm; x += 2)
        cairo_line_to (cr, x * k, (i * 3.1 + 1.5 * sin (x / 4.0 + i)) * k);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.58);
  if (kind == RS_TEST_DOC_PASSPORT)
    cairo_rectangle (cr, 6 * k, 20 * k, 32 * k, 42 * k);
  else if (kind == RS_TEST_DOC_CARD)
    cairo_rectangle (cr, 58 * k, 8 * k, 22 * k, 28 * k);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.2);
  if (kind == RS_TEST_DOC_PASSPORT)
    {
      draw_sans (cr, "Sans", "PASSPORT  PASS  PASSEPORT", 42 * k, 12 * k, 3.2 * k);
      draw_sans (cr, "Sans", "Surname / Nom", 42 * k, 22 * k, 2 * k);
      draw_sans (cr, "Sans", "ERIKSSON", 42 * k, 26 * k, 3 * k);
      draw_sans (cr, "Sans", "Given names / Prenoms", 42 * k, 31 * k, 2 * k);
      draw_sans (cr, "Sans", "ANNA MARIA", 42 * k, 35 * k, 3 * k);
      draw_sans (cr, "Sans", "Date of birth  12 AUG 1974", 42 * k, 42 * k, 2.5 * k);
      draw_sans (cr, "Sans", "Date of expiry  15 APR 2012", 42 * k, 48 * k, 2.5 * k);
      cairo_set_source_rgb (cr, 0.05, 0.05, 0.08);
      for (int i = 0; lines && lines[i]; i++)
        draw_ocrb (cr, lines[i], 6 * k, (hmm - 10.2 + 4.4 * i) * k, 2.54 * k);
    }
  else if (kind == RS_TEST_DOC_TD1)
    {
      draw_sans (cr, "Sans", "Address / Adresse  1 Main Street", 5 * k, 8 * k, 2.5 * k);
      draw_sans (cr, "Sans", "Authority  UTOPIA", 5 * k, 14 * k, 2.5 * k);
      cairo_set_source_rgb (cr, 0.05, 0.05, 0.08);
      for (int i = 0; lines && lines[i]; i++)
        draw_ocrb (cr, lines[i], 4.8 * k, (hmm - 13.4 + 4.3 * i) * k, 2.54 * k);
    }
  else
    {
      draw_sans (cr, "Noto Sans CJK SC", "姓名  张三", 6 * k, 10 * k, 3.5 * k);
      draw_sans (cr, "Noto Sans CJK SC", "住址  北京市东城区", 6 * k, 20 * k, 3 * k);
      draw_sans (cr, "Noto Sans CJK SC", "公民身份号码", 6 * k, (hmm - 6.5) * k, 3 * k);
      cairo_set_source_rgb (cr, 0.05, 0.05, 0.08);
      if (lines && lines[0])
        draw_ocrb (cr, lines[0], (strlen (lines[0]) > 12 ? 30 : 52) * k, (hmm - 6.5) * k, 2.55 * k);
    }
  cairo_destroy (cr);
  pb = surface_to_pixbuf (s);
  cairo_surface_destroy (s);
  return pb;
}

void
rs_test_shot_init (RsTestShot *shot)
{
  memset (shot, 0, sizeof *shot);
  shot->width = 1600;
  shot->height = 1200;
  shot->doc_width = 0.8;
  shot->seed = 1;
}

static void
gauss_blur (guint8 *p,
            int     w,
            int     h,
            int     stride,
            double  sigma)
{
  int r = (int) ceil (3 * sigma);
  g_autofree double *k = g_new (double, 2 * r + 1);
  g_autofree double *line = g_new (double, (gsize) MAX (w, h) * 3);
  double sum = 0;

  for (int i = -r; i <= r; i++)
    sum += k[i + r] = exp (-(i * i) / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * r; i++)
    k[i] /= sum;
  for (int y = 0; y < h; y++)
    {
      guint8 *row = p + (gsize) y * stride;
      for (int x = 0; x < w; x++)
        for (int c = 0; c < 3; c++)
          {
            double a = 0;
            for (int i = -r; i <= r; i++)
              a += k[i + r] * row[CLAMP (x + i, 0, w - 1) * 3 + c];
            line[x * 3 + c] = a;
          }
      for (int x = 0; x < w * 3; x++)
        row[x] = (guint8) CLAMP (lround (line[x]), 0, 255);
    }
  for (int x = 0; x < w; x++)
    {
      for (int y = 0; y < h; y++)
        for (int c = 0; c < 3; c++)
          {
            double a = 0;
            for (int i = -r; i <= r; i++)
              a += k[i + r] * p[(gsize) CLAMP (y + i, 0, h - 1) * stride + x * 3 + c];
            line[y * 3 + c] = a;
          }
      for (int y = 0; y < h; y++)
        for (int c = 0; c < 3; c++)
          p[(gsize) y * stride + x * 3 + c] = (guint8) CLAMP (lround (line[y * 3 + c]), 0, 255);
    }
}

GdkPixbuf *
rs_test_doc_photo (GdkPixbuf        *doc,
                   const RsTestShot *shot,
                   RsQuad           *quad_out)
{
  int dw = gdk_pixbuf_get_width (doc), dh = gdk_pixbuf_get_height (doc);
  int ds = gdk_pixbuf_get_rowstride (doc);
  const guint8 *dp = gdk_pixbuf_read_pixels (doc);
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, shot->width, shot->height);
  guint8 *p = gdk_pixbuf_get_pixels (pb);
  int stride = gdk_pixbuf_get_rowstride (pb);
  double qw = shot->doc_width * shot->width, qh = qw * dh / dw;
  double cx = shot->width / 2.0, cy = shot->height / 2.0;
  double a = shot->rotate * G_PI / 180, h[9];
  RsPoint corners[4], rect[4];
  RsQuad quad;
  GRand *rand = g_rand_new_with_seed (shot->seed);

  /* corners of the document, the top edge narrowed by the tilt */
  {
    double half[4][2] = {
      { -qw / 2 * (1 - shot->tilt), -qh / 2 }, { qw / 2 * (1 - shot->tilt), -qh / 2 },
      { qw / 2 * (1 + shot->tilt / 2), qh / 2 }, { -qw / 2 * (1 + shot->tilt / 2), qh / 2 },
    };
    for (int i = 0; i < 4; i++)
      {
        corners[i].x = cx + half[i][0] * cos (a) - half[i][1] * sin (a);
        corners[i].y = cy + half[i][0] * sin (a) + half[i][1] * cos (a);
        quad.p[i] = corners[i];
      }
  }
  rect[0] = (RsPoint) { 0, 0 };
  rect[1] = (RsPoint) { dw, 0 };
  rect[2] = (RsPoint) { dw, dh };
  rect[3] = (RsPoint) { 0, dh };
  g_assert_true (rs_quad_homography (corners, rect, h));

  for (int y = 0; y < shot->height; y++)
    for (int x = 0; x < shot->width; x++)
      {
        guint8 *o = p + (gsize) y * stride + x * 3;
        double u, v, shade = 1 - shot->light * ((double) x / shot->width) * ((double) y / shot->height + 0.5);
        double rgb[3];

        rs_homography_apply (h, x + 0.5, y + 0.5, &u, &v);
        if (u >= 0 && v >= 0 && u < dw - 1 && v < dh - 1)
          {
            int x0 = (int) u, y0 = (int) v;
            double fx = u - x0, fy = v - y0;
            for (int c = 0; c < 3; c++)
              {
                const guint8 *r0 = dp + (gsize) y0 * ds + x0 * 3 + c, *r1 = r0 + ds;
                rgb[c] = (r0[0] * (1 - fx) + r0[3] * fx) * (1 - fy) + (r1[0] * (1 - fx) + r1[3] * fx) * fy;
              }
            if (shot->glare_w > 0)
              {
                double gx = u / dw, gy = v / dh;
                double in_x = MIN (gx - shot->glare_x, shot->glare_x + shot->glare_w - gx) * dw;
                double in_y = (gy - 0.70) * dh;
                double alpha = CLAMP (MIN (in_x, in_y) / (0.02 * dw) + 0.5, 0, 1) * 0.97;
                for (int c = 0; c < 3; c++)
                  rgb[c] = rgb[c] * (1 - alpha) + 255 * alpha;
              }
          }
        else
          {
            /* a wooden table */
            double grain = 0.5 + 0.5 * sin (x * 0.05 + 3 * sin (y * 0.013));
            rgb[0] = 120 + 40 * grain + g_rand_int_range (rand, -10, 10);
            rgb[1] = 80 + 25 * grain + g_rand_int_range (rand, -10, 10);
            rgb[2] = 50 + 15 * grain + g_rand_int_range (rand, -10, 10);
          }
        for (int c = 0; c < 3; c++)
          o[c] = (guint8) CLAMP (lround (rgb[c] * shade + g_rand_int_range (rand, -4, 5)), 0, 255);
      }
  g_rand_free (rand);
  if (shot->blur > 0)
    gauss_blur (p, shot->width, shot->height, stride, shot->blur);
  if (shot->jpeg_quality > 0)
    {
      g_autofree char *buf = NULL;
      gsize len = 0;
      g_autofree char *q = g_strdup_printf ("%d", shot->jpeg_quality);
      g_autoptr(GInputStream) in = NULL;
      GdkPixbuf *decoded;

      g_assert_true (gdk_pixbuf_save_to_buffer (pb, &buf, &len, "jpeg", NULL, "quality", q, NULL));
      in = g_memory_input_stream_new_from_data (buf, (gssize) len, NULL);
      decoded = gdk_pixbuf_new_from_stream (in, NULL, NULL);
      g_assert_nonnull (decoded);
      g_object_unref (pb);
      pb = decoded;
    }
  if (quad_out)
    *quad_out = quad;
  return pb;
}
