/* rs-test-fixtures.c: made-up photos and details shared by the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "rs-test-fixtures.h"
#include "rs-bundle.h"
#include "rs-validate.h"

/* GB 11643-1999's own example number (check character X): region 110105,
 * born 1949-12-31, female.  Issued at 60, so the card is long-term. */
const char *rs_test_cn_ric_id_number = "11010519491231002X";
const char *rs_test_cn_ric_details =
  "{\"document_type\":\"cn-ric\",\"fields\":{"
  "\"name\":\"王丽\","
  "\"id_number\":\"11010519491231002X\","
  "\"id_number_confirm\":\"11010519491231002X\","
  "\"birth_date\":\"1949-12-31\","
  "\"sex\":\"female\","
  "\"valid_from\":\"2010-03-01\","
  "\"valid_until\":\"long-term\"}}";

/* A real face, since the checker looks for one (a drawn oval is no face to
 * a real detector): the portrait photo of astronaut Eileen Collins (NASA,
 * public domain) that Debian's python3-skimage ships, as tests/content
 * uses it; $RS_TEST_FACE_PHOTO overrides the path.  Head and shoulders
 * (3:4) painted into @w × @h at (@x, @y); FALSE when the photo is not
 * installed. */
#define FACE_PHOTO "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

static cairo_surface_t *
face_surface (void)
{
  static cairo_surface_t *surface;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *path = g_getenv ("RS_TEST_FACE_PHOTO");
      g_autoptr(GdkPixbuf) photo = NULL;

      if (path == NULL || *path == '\0')
        path = FACE_PHOTO;
      photo = gdk_pixbuf_new_from_file (path, NULL);
      if (photo != NULL)
        {
          double sc = gdk_pixbuf_get_width (photo) / 512.0;
          int x0 = (int) (128 * sc), y0 = (int) (4 * sc), w = (int) (204 * sc), h = (int) (272 * sc);
          int n = gdk_pixbuf_get_n_channels (photo), rs = gdk_pixbuf_get_rowstride (photo);
          const guint8 *px = gdk_pixbuf_read_pixels (photo);
          guint8 *d;
          int ds;

          surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
          cairo_surface_flush (surface);
          d = cairo_image_surface_get_data (surface);
          ds = cairo_image_surface_get_stride (surface);
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              {
                const guint8 *q = px + (gsize) (y0 + y) * rs + (gsize) (x0 + x) * n;
                guint32 *o = (guint32 *) (gpointer) (d + (gsize) y * ds) + x;

                *o = 0xff000000u | ((guint32) q[0] << 16) | ((guint32) q[1] << 8) | q[2];
              }
          cairo_surface_mark_dirty (surface);
        }
      g_once_init_leave (&once, 1);
    }
  return surface;
}

static gboolean
paint_face (cairo_t *cr,
            double   x,
            double   y,
            double   w,
            double   h)
{
  cairo_surface_t *face = face_surface ();

  if (face == NULL)
    return FALSE;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w / cairo_image_surface_get_width (face), h / cairo_image_surface_get_height (face));
  cairo_set_source_surface (cr, face, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  return TRUE;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
table (cairo_t *cr,
       int      width,
       int      height,
       GRand   *rand)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, width, height);

  cairo_pattern_add_color_stop_rgb (gradient, 0, 0.42, 0.30, 0.20);
  cairo_pattern_add_color_stop_rgb (gradient, 1, 0.34, 0.24, 0.16);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  /* Wood grain: thin darker streaks. */
  cairo_set_line_width (cr, MAX (1.0, height / 400.0));
  for (int i = 0; i < 60; i++)
    {
      double y = g_rand_double (rand) * height;

      cairo_set_source_rgba (cr, 0.25, 0.17, 0.10, 0.25);
      cairo_move_to (cr, 0, y);
      cairo_curve_to (cr, width / 3.0, y + g_rand_double_range (rand, -20, 20),
                      2 * width / 3.0, y + g_rand_double_range (rand, -20, 20), width, y);
      cairo_stroke (cr);
    }
}

static void
text_line (cairo_t    *cr,
           double      x,
           double      y,
           double      size,
           const char *text)
{
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, size);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

/* The document's face at @cw × @ch, its top-left at the origin. */
static void
card (cairo_t    *cr,
      RsTestScene kind,
      double      cw,
      double      ch,
      guint       seed,
      gboolean    rounded)
{
  cairo_pattern_t *fill = cairo_pattern_create_linear (0, 0, cw, ch);
  char line[64];

  if (kind == RS_TEST_SCENE_PASSPORT)
    {
      cairo_pattern_add_color_stop_rgb (fill, 0, 0.96, 0.93, 0.90);
      cairo_pattern_add_color_stop_rgb (fill, 1, 0.90, 0.86, 0.84);
    }
  else
    {
      cairo_pattern_add_color_stop_rgb (fill, 0, 0.95, 0.96, 0.98);
      cairo_pattern_add_color_stop_rgb (fill, 1, 0.84, 0.89, 0.95);
    }
  if (rounded)
    rounded_rect (cr, 0, 0, cw, ch, kind == RS_TEST_SCENE_PASSPORT ? cw * 0.01 : cw * 0.045);
  else
    cairo_rectangle (cr, 0, 0, cw, ch);
  cairo_set_source (cr, fill);
  cairo_fill (cr);
  cairo_pattern_destroy (fill);

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.15);
  switch (kind)
    {
    case RS_TEST_SCENE_CARD_FRONT:
      /* Portrait on the right, lines of text on the left. */
      cairo_set_source_rgb (cr, 0.70, 0.74, 0.80);
      cairo_rectangle (cr, cw * 0.64, ch * 0.12, cw * 0.28, ch * 0.56);
      cairo_fill (cr);
      if (!paint_face (cr, cw * 0.64, ch * 0.12, cw * 0.28, ch * 0.56))
        {
          cairo_set_source_rgb (cr, 0.55, 0.42, 0.35);
          cairo_save (cr);
          cairo_translate (cr, cw * 0.78, ch * 0.36);
          cairo_scale (cr, cw * 0.08, ch * 0.16);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.12, 0.12, 0.15);
      for (int i = 0; i < 5; i++)
        {
          g_snprintf (line, sizeof line, "NAME %c%c%c LINE %u-%d", 'A' + (seed + i) % 26,
                      'K' + i, 'M' + (seed % 7), seed, i);
          text_line (cr, cw * 0.07, ch * (0.18 + i * 0.11), ch * 0.06, line);
        }
      text_line (cr, cw * 0.07, ch * 0.88, ch * 0.08, "110105 19491231 002X");
      break;

    case RS_TEST_SCENE_CARD_BACK:
      cairo_set_source_rgb (cr, 0.80, 0.15, 0.12);
      cairo_arc (cr, cw * 0.16, ch * 0.28, ch * 0.17, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.95, 0.80, 0.20);
      cairo_arc (cr, cw * 0.16, ch * 0.28, ch * 0.08, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.12, 0.12, 0.15);
      text_line (cr, cw * 0.33, ch * 0.25, ch * 0.09, "PEOPLE'S REPUBLIC");
      text_line (cr, cw * 0.33, ch * 0.38, ch * 0.09, "IDENTITY CARD");
      for (int i = 0; i < 2; i++)
        {
          g_snprintf (line, sizeof line, "AUTHORITY %u BUREAU %d  2010.03.01-LONG", seed, i);
          text_line (cr, cw * 0.12, ch * (0.72 + i * 0.12), ch * 0.06, line);
        }
      break;

    case RS_TEST_SCENE_PASSPORT:
      cairo_set_source_rgb (cr, 0.68, 0.70, 0.76);
      cairo_rectangle (cr, cw * 0.05, ch * 0.14, cw * 0.26, ch * 0.48);
      cairo_fill (cr);
      paint_face (cr, cw * 0.05, ch * 0.14, cw * 0.26, ch * 0.48);
      cairo_set_source_rgb (cr, 0.12, 0.12, 0.15);
      for (int i = 0; i < 6; i++)
        {
          g_snprintf (line, sizeof line, "FIELD %d VALUE %u", i, seed * 7 + i);
          text_line (cr, cw * 0.36, ch * (0.16 + i * 0.08), ch * 0.045, line);
        }
      {
        /* the MRZ in OCR-B (fonts-ocr-b) where ICAO 9303 prints it on a
         * 125 × 88 mm page (two lines 4.4 mm apart, 2.54 mm pitch), each
         * glyph at its own cell, so the checker's reader reads it; the
         * text is test-bundle's passport details.  Without the face the
         * reader does not run either. */
        static const char *mrz[] = {
          "P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
          "E123456782CHN9001011M3201015<<<<<<<<<<<<<<<2",
        };
        double k = cw / 125;
        cairo_text_extents_t ext;

        cairo_select_font_face (cr, "OCR B", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size (cr, 100);
        cairo_text_extents (cr, "H", &ext);
        /* the face is monospaced: its advance is the pitch */
        cairo_set_font_size (cr, 100 * 2.54 * k / ext.x_advance);
        for (int i = 0; i < 2; i++)
          for (int j = 0; mrz[i][j]; j++)
            {
              char glyph[2] = { mrz[i][j], 0 };

              cairo_move_to (cr, (6 + 2.54 * j) * k, (88 - 10.2 + 4.4 * i) * ch / 88);
              cairo_show_text (cr, glyph);
            }
      }
      break;

    case RS_TEST_SCENE_SELFIE:
    default:
      break;
    }
}

static void
selfie (cairo_t *cr,
        int      width,
        int      height,
        guint    seed)
{
  cairo_pattern_t *wall = cairo_pattern_create_linear (0, 0, 0, height);
  char line[64];

  cairo_pattern_add_color_stop_rgb (wall, 0, 0.78, 0.80, 0.76);
  cairo_pattern_add_color_stop_rgb (wall, 1, 0.62, 0.66, 0.60);
  cairo_set_source (cr, wall);
  cairo_paint (cr);
  cairo_pattern_destroy (wall);

  /* the real face, about half the picture's height; else a drawn one */
  if (paint_face (cr, width * 0.5 - height * 0.6 * 0.75 / 2, height * 0.22,
                  height * 0.6 * 0.75, height * 0.6))
    {
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      g_snprintf (line, sizeof line, "POSTER %u", seed);
      text_line (cr, width * 0.05, height * 0.1, height * 0.05, line);
      return;
    }
  /* Shoulders, face, eyes, mouth, hair. */
  cairo_set_source_rgb (cr, 0.20, 0.30, 0.55);
  cairo_arc (cr, width * 0.5, height * 1.05, width * 0.32, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.88, 0.70, 0.58);
  cairo_save (cr);
  cairo_translate (cr, width * 0.5, height * 0.45);
  cairo_scale (cr, width * 0.15, height * 0.25);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.12, 0.08, 0.06);
  cairo_save (cr);
  cairo_translate (cr, width * 0.5, height * 0.25);
  cairo_scale (cr, width * 0.16, height * 0.10);
  cairo_arc (cr, 0, 0, 1, G_PI, 2 * G_PI);
  cairo_restore (cr);
  cairo_fill (cr);
  for (int side = -1; side <= 1; side += 2)
    {
      cairo_arc (cr, width * (0.5 + side * 0.055), height * 0.41, width * 0.015, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, width * 0.006);
  cairo_set_source_rgb (cr, 0.55, 0.20, 0.20);
  cairo_arc (cr, width * 0.5, height * 0.52, width * 0.05, 0.2, G_PI - 0.2);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  g_snprintf (line, sizeof line, "POSTER %u", seed);
  text_line (cr, width * 0.05, height * 0.1, height * 0.05, line);
}

/* The page's size in rs_test_scene_photo(). */
static void
page_size (RsTestScene kind,
           int         width,
           int         height,
           double     *cw,
           double     *ch)
{
  double aspect = kind == RS_TEST_SCENE_PASSPORT ? 1.42 : 1.586;

  *cw = width * 0.62;
  *ch = *cw / aspect;
  if (*ch > height * 0.7)
    {
      *ch = height * 0.7;
      *cw = *ch * aspect;
    }
}

void
rs_test_scene_smear_code (GdkPixbuf *photo,
                          double     sigma)
{
  int width = gdk_pixbuf_get_width (photo), height = gdk_pixbuf_get_height (photo);
  double cw, ch;
  int y0, y1;
  g_autoptr(GdkPixbuf) band = NULL;

  page_size (RS_TEST_SCENE_PASSPORT, width, height, &cw, &ch);
  /* the code's two lines lie 0.80–0.95 of the page down; the page is
   * centred to ±2 % of the height */
  y0 = (int) (height / 2.0 - ch / 2 + 0.76 * ch - 0.02 * height);
  y1 = (int) MIN (height, height / 2.0 + ch / 2 + 0.02 * height);
  band = gdk_pixbuf_new_subpixbuf (photo, 0, y0, width, y1 - y0);
  rs_test_blur (band, sigma);
}

GdkPixbuf *
rs_test_scene_photo (RsTestScene kind,
                     int         width,
                     int         height,
                     guint       seed,
                     double      noise)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (seed);
  GdkPixbuf *pixbuf;
  const guint8 *src;
  int stride;

  if (kind == RS_TEST_SCENE_SELFIE)
    selfie (cr, width, height, seed);
  else
    {
      double cw, ch;

      page_size (kind, width, height, &cw, &ch);
      table (cr, width, height, rand);
      cairo_save (cr);
      cairo_translate (cr, width / 2.0 + g_rand_double_range (rand, -0.02, 0.02) * width,
                       height / 2.0 + g_rand_double_range (rand, -0.02, 0.02) * height);
      cairo_rotate (cr, g_rand_double_range (rand, -1.5, 1.5) * G_PI / 180);
      /* A soft shadow under the card. */
      cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
      rounded_rect (cr, -cw / 2 + cw * 0.01, -ch / 2 + cw * 0.012, cw, ch, cw * 0.045);
      cairo_fill (cr);
      cairo_translate (cr, -cw / 2, -ch / 2);
      card (cr, kind, cw, ch, seed, TRUE);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  src = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *s = (const guint32 *) (gconstpointer) (src + (gsize) y * stride);
      guint8 *d = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++, d += 3)
        {
          int r = (s[x] >> 16) & 0xFF, g = (s[x] >> 8) & 0xFF, b = s[x] & 0xFF;

          if (noise > 0)
            {
              int n = (int) ((g_rand_double (rand) - 0.5) * 2 * 40 * noise);
              r = CLAMP (r + n, 0, 255);
              g = CLAMP (g + (int) ((g_rand_double (rand) - 0.5) * 2 * 40 * noise), 0, 255);
              b = CLAMP (b + n, 0, 255);
            }
          d[0] = (guint8) r;
          d[1] = (guint8) g;
          d[2] = (guint8) b;
        }
    }
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return pixbuf;
}

void
rs_test_scene_quad (int     width,
                    int     height,
                    double  angle_deg,
                    double  tilt,
                    double  shift,
                    RsQuad *out)
{
  double cw = width * 0.60, ch = cw / 1.586;
  double cx = width / 2.0 + shift * width, cy = height / 2.0;
  double a = angle_deg * G_PI / 180;
  /* Tilt: the top edge further away, so shorter. */
  double base[4][2] = {
    { -cw / 2 * (1 - tilt), -ch / 2 * (1 - tilt * 0.3) },
    {  cw / 2 * (1 - tilt), -ch / 2 * (1 - tilt * 0.3) },
    {  cw / 2, ch / 2 },
    { -cw / 2, ch / 2 },
  };

  for (int i = 0; i < 4; i++)
    {
      out->p[i].x = cx + base[i][0] * cos (a) - base[i][1] * sin (a);
      out->p[i].y = cy + base[i][0] * sin (a) + base[i][1] * cos (a);
    }
}

#define FACE_W 856
#define FACE_H 540

GdkPixbuf *
rs_test_scene_photo_at (RsTestScene   scene,
                        int           width,
                        int           height,
                        const RsQuad *quad,
                        guint         seed)
{
  GdkPixbuf *pixbuf;
  guint8 *pix;
  int stride;
  cairo_surface_t *face;
  cairo_t *cr;
  GRand *rand;
  const guint8 *tex;
  int tstride;
  const RsPoint rect[4] = {
    { 0, 0 }, { FACE_W, 0 }, { FACE_W, FACE_H }, { 0, FACE_H },
  };
  double h[9];

  g_return_val_if_fail (scene == RS_TEST_SCENE_CARD_FRONT || scene == RS_TEST_SCENE_CARD_BACK, NULL);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  pix = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  rand = g_rand_new_with_seed (seed);
  /* The face upright, then mapped onto @quad; square corners, so that the
   * card's outline is exactly @quad (tests compare the found outline). */
  face = cairo_image_surface_create (CAIRO_FORMAT_RGB24, FACE_W, FACE_H);
  cr = cairo_create (face);
  card (cr, scene, FACE_W, FACE_H, seed, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (face);
  tex = cairo_image_surface_get_data (face);
  tstride = cairo_image_surface_get_stride (face);

  /* Photo pixel → card face pixel. */
  g_assert_true (rs_quad_homography (quad->p, rect, h));
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *d = pix + (gsize) y * stride + x * 3;
        double px = x + 0.5, py = y + 0.5;
        double w = h[6] * px + h[7] * py + h[8];
        double u = (h[0] * px + h[1] * py + h[2]) / w;
        double v = (h[3] * px + h[4] * py + h[5]) / w;
        int n = g_rand_int_range (rand, -3, 4);
        int r, g, b;

        if (u >= 0 && v >= 0 && u < FACE_W && v < FACE_H)
          {
            guint32 t = *(const guint32 *) (gconstpointer) (tex + (gsize) (int) v * tstride + (int) u * 4);

            r = (t >> 16) & 0xff;
            g = (t >> 8) & 0xff;
            b = t & 0xff;
          }
        else
          {
            /* A plain dark desk, slightly lighter towards the top. */
            r = 46 - y * 12 / height;
            g = 52 - y * 12 / height;
            b = 62 - y * 12 / height;
          }
        d[0] = (guint8) CLAMP (r + n, 0, 255);
        d[1] = (guint8) CLAMP (g + n, 0, 255);
        d[2] = (guint8) CLAMP (b + n, 0, 255);
      }
  cairo_surface_destroy (face);
  g_rand_free (rand);
  return pixbuf;
}

gboolean
rs_test_write_scene (const char  *path,
                     RsTestScene  scene,
                     int          width,
                     int          height,
                     double       angle_deg,
                     double       tilt,
                     double       shift,
                     gboolean     glare,
                     GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  guint seed = g_str_hash (base);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (scene == RS_TEST_SCENE_CARD_FRONT || scene == RS_TEST_SCENE_CARD_BACK)
    {
      RsQuad quad;

      rs_test_scene_quad (width, height, angle_deg, tilt, shift, &quad);
      pixbuf = rs_test_scene_photo_at (scene, width, height, &quad, seed);
      if (glare)
        rs_test_add_glare (pixbuf, &quad, 0.04);
    }
  else
    pixbuf = rs_test_scene_photo (scene, width, height, seed, 0.08);
  return gdk_pixbuf_save (pixbuf, path, "jpeg", error, "quality", "92", NULL);
}

void
rs_test_save_jpeg (GdkPixbuf  *pixbuf,
                   const char *path)
{
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);
}

static void
put16 (GByteArray *a,
       guint       v)
{
  guint8 b[2] = { v & 0xFF, (v >> 8) & 0xFF };  /* little endian ("II") */
  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, (v >> 24) & 0xFF };
  g_byte_array_append (a, b, 4);
}

static void
entry (GByteArray *a,
       guint       tag,
       guint       type,
       guint32     count,
       guint32     value)
{
  put16 (a, tag);
  put16 (a, type);
  put32 (a, count);
  put32 (a, value);
}

static void
segment (GByteArray   *out,
         guint8        marker,
         const guint8 *payload,
         gsize         length)
{
  guint8 head[4] = { 0xFF, marker, (guint8) ((length + 2) >> 8), (guint8) ((length + 2) & 0xFF) };

  g_byte_array_append (out, head, 4);
  g_byte_array_append (out, payload, (guint) length);
}

void
rs_test_save_jpeg_with_metadata (GdkPixbuf  *pixbuf,
                                 int         orientation,
                                 const char *path)
{
  g_autoptr(GError) error = NULL;
  gchar *jpeg = NULL;
  gsize jpeg_len = 0;
  g_autoptr(GByteArray) tiff = g_byte_array_new ();
  g_autoptr(GByteArray) app1 = g_byte_array_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const char *xmp = "http://ns.adobe.com/xap/1.0/\0"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                    "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" "
                    "exif:GPSLatitude=\"31,13.824N\"/></rdf:RDF></x:xmpmeta>";
  gsize xmp_len = 29 + strlen (xmp + 29);
  const char *comment = "Shot at home, Shanghai";
  /* IFD0 at 8: 2 entries (Orientation, GPSInfo) = 2 + 24 + 4 = 30 bytes
   * → GPS IFD at 38: 4 entries = 2 + 48 + 4 = 54 → rationals at 92. */
  const guint32 gps_ifd = 38, rationals = 92;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_len, "jpeg", &error,
                                            "quality", "92", NULL));
  g_assert_no_error (error);

  g_byte_array_append (tiff, (const guint8 *) "II*\0", 4);
  put32 (tiff, 8);
  put16 (tiff, 2);
  entry (tiff, 0x0112, 3, 1, (guint32) orientation);  /* Orientation, SHORT */
  entry (tiff, 0x8825, 4, 1, gps_ifd);                /* GPSInfo IFD pointer */
  put32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, gps_ifd);
  put16 (tiff, 4);
  entry (tiff, 0x0001, 2, 2, 'N');                    /* GPSLatitudeRef "N" */
  entry (tiff, 0x0002, 5, 3, rationals);              /* GPSLatitude */
  entry (tiff, 0x0003, 2, 2, 'E');                    /* GPSLongitudeRef "E" */
  entry (tiff, 0x0004, 5, 3, rationals + 24);         /* GPSLongitude */
  put32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, rationals);
  /* 31° 13' 49.44" and 121° 28' 25.32" */
  put32 (tiff, 31); put32 (tiff, 1); put32 (tiff, 13); put32 (tiff, 1);
  put32 (tiff, 4944); put32 (tiff, 100);
  put32 (tiff, 121); put32 (tiff, 1); put32 (tiff, 28); put32 (tiff, 1);
  put32 (tiff, 2532); put32 (tiff, 100);

  g_byte_array_append (app1, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (app1, tiff->data, tiff->len);

  g_byte_array_append (out, (const guint8 *) jpeg, 2);  /* SOI */
  segment (out, 0xE1, app1->data, app1->len);
  segment (out, 0xE1, (const guint8 *) xmp, xmp_len);
  segment (out, 0xFE, (const guint8 *) comment, strlen (comment));
  g_byte_array_append (out, (const guint8 *) jpeg + 2, (guint) (jpeg_len - 2));
  g_free (jpeg);

  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);
}

void
rs_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rs_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
rs_test_make_dir (const char *parent,
                  const char *name)
{
  static int counter;
  char *dir = g_strdup_printf ("%s/%s-%d", parent, name, ++counter);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

RsProfile *
rs_test_load_profile (const char *id)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);

  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    if (g_str_equal (rs_profile_get_id (g_ptr_array_index (profiles, i)), id))
      return g_object_ref (g_ptr_array_index (profiles, i));
  g_assert_not_reached ();
  return NULL;
}

RsSession *
rs_test_make_session (const char *profile_id,
                      const char *front_path,
                      const char *back_path,
                      const char *selfie_path)
{
  RsSession *session = rs_session_new ();
  g_autoptr(RsProfile) profile = rs_test_load_profile (profile_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GHashTable) fields = rs_details_from_data (rs_test_cn_ric_details, -1, &type, &error);

  g_assert_no_error (error);
  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, type);
  rs_details_apply_to_session (session, type, fields);
  if (front_path)
    rs_session_set_photo (session, RS_SLOT_ID_FRONT, front_path);
  if (back_path)
    rs_session_set_photo (session, RS_SLOT_ID_BACK, back_path);
  if (selfie_path)
    rs_session_set_photo (session, RS_SLOT_SELFIE, selfie_path);
  return session;
}

void
rs_test_save_id_photos (const char *front_path,
                        const char *back_path,
                        const char *selfie_path)
{
  g_autoptr(GdkPixbuf) front = rs_test_scene_photo (RS_TEST_SCENE_CARD_FRONT, 1600, 1200, 7, 0);
  g_autoptr(GdkPixbuf) back = rs_test_scene_photo (RS_TEST_SCENE_CARD_BACK, 1600, 1200, 8, 0);
  g_autoptr(GdkPixbuf) selfie = rs_test_scene_photo (RS_TEST_SCENE_SELFIE, 1600, 1200, 9, 0);

  rs_test_save_jpeg (front, front_path);
  rs_test_save_jpeg (back, back_path);
  rs_test_save_jpeg (selfie, selfie_path);
}

char *
rs_test_file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

gboolean
rs_test_has_problem (GPtrArray  *problems,
                     const char *file,
                     const char *id)
{
  for (guint i = 0; i < problems->len; i++)
    {
      RsBundleProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->file, file) == 0 && g_strcmp0 (problem->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}
