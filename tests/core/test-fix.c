/* test-fix.c: rotate and straighten on generated images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "rs-fix.h"

#define BG_R 40
#define BG_G 90
#define BG_B 50

/* Cairo ARGB32 (premultiplied, opaque here) → RGB pixbuf. */
static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int sstride = cairo_image_surface_get_stride (surface);
  const guint8 *src;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  int dstride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *dst = gdk_pixbuf_get_pixels (pixbuf);

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 v = *(const guint32 *) (src + (gsize) y * sstride + x * 4);
        guint8 *d = dst + (gsize) y * dstride + x * 3;
        d[0] = (v >> 16) & 0xff;
        d[1] = (v >> 8) & 0xff;
        d[2] = v & 0xff;
      }
  return pixbuf;
}

static void
get_rgb (GdkPixbuf *pixbuf,
         int        x,
         int        y,
         guint8     rgb[3])
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) +
                    (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) +
                    x * gdk_pixbuf_get_n_channels (pixbuf);
  memcpy (rgb, p, 3);
}

static gboolean
near_rgb (const guint8 rgb[3],
          int          r,
          int          g,
          int          b,
          int          tolerance)
{
  return ABS (rgb[0] - r) <= tolerance &&
         ABS (rgb[1] - g) <= tolerance &&
         ABS (rgb[2] - b) <= tolerance;
}

/* A card (cream, red mark in its top-left corner, blue mark in its
 * bottom-right corner) drawn as the perspective image of the unit square
 * under @quad, on a green background. */
static GdkPixbuf *
render_card (int           width,
             int           height,
             const RsQuad *quad)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GdkPixbuf *pixbuf;

  cairo_set_source_rgb (cr, BG_R / 255.0, BG_G / 255.0, BG_B / 255.0);
  cairo_paint (cr);

  /* Bilinear interpolation of the quad is close enough for marks placed
   * well inside the card. */
#define AT(u, v, c) ((1 - (v)) * ((1 - (u)) * quad->p[0].c + (u) * quad->p[1].c) + \
                     (v) * ((1 - (u)) * quad->p[3].c + (u) * quad->p[2].c))
  cairo_move_to (cr, quad->p[0].x, quad->p[0].y);
  for (int i = 1; i < 4; i++)
    cairo_line_to (cr, quad->p[i].x, quad->p[i].y);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.95, 0.92, 0.80);
  cairo_fill (cr);

  cairo_move_to (cr, AT (0.05, 0.05, x), AT (0.05, 0.05, y));
  cairo_line_to (cr, AT (0.25, 0.05, x), AT (0.25, 0.05, y));
  cairo_line_to (cr, AT (0.25, 0.30, x), AT (0.25, 0.30, y));
  cairo_line_to (cr, AT (0.05, 0.30, x), AT (0.05, 0.30, y));
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_fill (cr);

  cairo_move_to (cr, AT (0.75, 0.70, x), AT (0.75, 0.70, y));
  cairo_line_to (cr, AT (0.95, 0.70, x), AT (0.95, 0.70, y));
  cairo_line_to (cr, AT (0.95, 0.95, x), AT (0.95, 0.95, y));
  cairo_line_to (cr, AT (0.75, 0.95, x), AT (0.75, 0.95, y));
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.85);
  cairo_fill (cr);
#undef AT

  cairo_destroy (cr);
  pixbuf = pixbuf_from_surface (surface);
  cairo_surface_destroy (surface);
  return pixbuf;
}

static void
test_rotate (void)
{
  RsQuad quad = { { { 20, 20 }, { 180, 20 }, { 180, 120 }, { 20, 120 } } };
  g_autoptr(GdkPixbuf) src = render_card (200, 140, &quad);

  for (int turns = -1; turns <= 4; turns++)
    {
      g_autoptr(GdkPixbuf) rotated = rs_fix_rotate (src, turns);
      int t = ((turns % 4) + 4) % 4;
      /* The red mark's centre in the source, mapped. */
      RsPoint red = { 20 + 0.15 * 160, 20 + 0.175 * 100 };
      RsPoint mapped = rs_fix_rotate_point (red, 200, 140, turns);
      guint8 rgb[3];

      if (t % 2 == 1)
        {
          g_assert_cmpint (gdk_pixbuf_get_width (rotated), ==, 140);
          g_assert_cmpint (gdk_pixbuf_get_height (rotated), ==, 200);
        }
      else
        {
          g_assert_cmpint (gdk_pixbuf_get_width (rotated), ==, 200);
          g_assert_cmpint (gdk_pixbuf_get_height (rotated), ==, 140);
        }
      get_rgb (rotated, (int) mapped.x, (int) mapped.y, rgb);
      g_assert_true (near_rgb (rgb, 217, 26, 26, 12));
    }

  /* A full turn is the identity on points. */
  {
    RsPoint p = { 13.5, 77.25 };
    RsPoint q = p;
    int w = 200, h = 140;
    for (int i = 0; i < 4; i++)
      {
        q = rs_fix_rotate_point (q, w, h, 1);
        { int t = w; w = h; h = t; }
      }
    g_assert_cmpfloat_with_epsilon (q.x, p.x, 1e-9);
    g_assert_cmpfloat_with_epsilon (q.y, p.y, 1e-9);
  }
}

static void
check_warp_result (GdkPixbuf    *out,
                   const RsQuad *out_quad,
                   double        aspect,
                   double        margin_percent,
                   gboolean      landscape)
{
  int w = gdk_pixbuf_get_width (out);
  int h = gdk_pixbuf_get_height (out);
  double doc_w = out_quad->p[1].x - out_quad->p[0].x;
  double doc_h = out_quad->p[3].y - out_quad->p[0].y;
  guint8 rgb[3];

  /* An upright rectangle of the document's aspect… */
  g_assert_cmpfloat_with_epsilon (out_quad->p[0].y, out_quad->p[1].y, 1e-6);
  g_assert_cmpfloat_with_epsilon (out_quad->p[1].x, out_quad->p[2].x, 1e-6);
  g_assert_cmpfloat_with_epsilon (out_quad->p[2].y, out_quad->p[3].y, 1e-6);
  g_assert_cmpfloat_with_epsilon (out_quad->p[3].x, out_quad->p[0].x, 1e-6);
  if (landscape)
    g_assert_cmpfloat_with_epsilon (doc_w / doc_h, aspect, 1e-3);
  else
    g_assert_cmpfloat_with_epsilon (doc_h / doc_w, aspect, 1e-3);

  /* …with the requested margin on every side (±1 px of rounding). */
  g_assert_cmpfloat_with_epsilon (out_quad->p[0].x, w * margin_percent / 100.0, 1.0);
  g_assert_cmpfloat_with_epsilon (w - out_quad->p[1].x, w * margin_percent / 100.0, 1.0);
  g_assert_cmpfloat_with_epsilon (out_quad->p[0].y, h * margin_percent / 100.0, 1.0);
  g_assert_cmpfloat_with_epsilon (h - out_quad->p[3].y, h * margin_percent / 100.0, 1.0);

  /* The content lands where it should: background in the margin, card
   * just inside each corner, red mark top-left, blue mark bottom-right. */
  if (margin_percent >= 2)
    {
      get_rgb (out, (int) (out_quad->p[0].x / 2), (int) (out_quad->p[0].y / 2), rgb);
      g_assert_true (near_rgb (rgb, BG_R, BG_G, BG_B, 20));
    }
  get_rgb (out, (int) (out_quad->p[1].x - doc_w * 0.02), (int) (out_quad->p[1].y + doc_h * 0.03), rgb);
  g_assert_true (near_rgb (rgb, 242, 235, 204, 20));
  get_rgb (out, (int) (out_quad->p[3].x + doc_w * 0.02), (int) (out_quad->p[3].y - doc_h * 0.03), rgb);
  g_assert_true (near_rgb (rgb, 242, 235, 204, 20));
  if (landscape)
    {
      get_rgb (out, (int) (out_quad->p[0].x + doc_w * 0.15), (int) (out_quad->p[0].y + doc_h * 0.175), rgb);
      g_assert_true (near_rgb (rgb, 217, 26, 26, 25));
      get_rgb (out, (int) (out_quad->p[0].x + doc_w * 0.85), (int) (out_quad->p[0].y + doc_h * 0.825), rgb);
      g_assert_true (near_rgb (rgb, 26, 26, 217, 25));
    }
}

static void
test_warp_perspective (void)
{
  /* A card seen at an angle: a trapezoid, rotated a little. */
  RsQuad quad = { { { 230, 160 }, { 1010, 210 }, { 960, 700 }, { 190, 640 } } };
  g_autoptr(GdkPixbuf) src = render_card (1200, 850, &quad);
  g_autoptr(GError) error = NULL;
  RsQuad out_quad;
  g_autoptr(GdkPixbuf) out = NULL;
  RsQuad shuffled;

  out = rs_fix_warp (src, &quad, RS_FIX_ASPECT_ID1, 8.0, 0, 0, &out_quad, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  check_warp_result (out, &out_quad, RS_FIX_ASPECT_ID1, 8.0, TRUE);
  /* Resolution kept: the long side is about the measured top/bottom edge. */
  g_assert_cmpfloat (out_quad.p[1].x - out_quad.p[0].x, >, 740);
  g_assert_cmpfloat (out_quad.p[1].x - out_quad.p[0].x, <, 820);
  g_clear_object (&out);

  /* Corner order does not matter. */
  shuffled.p[0] = quad.p[2];
  shuffled.p[1] = quad.p[0];
  shuffled.p[2] = quad.p[3];
  shuffled.p[3] = quad.p[1];
  out = rs_fix_warp (src, &shuffled, RS_FIX_ASPECT_ID1, 8.0, 0, 0, &out_quad, &error);
  g_assert_no_error (error);
  check_warp_result (out, &out_quad, RS_FIX_ASPECT_ID1, 8.0, TRUE);
  g_clear_object (&out);

  /* Short side raised to a platform's pixel minimum. */
  out = rs_fix_warp (src, &quad, RS_FIX_ASPECT_ID1, 8.0, 900, 0, &out_quad, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_height (out), >=, 899);
  g_assert_cmpint (gdk_pixbuf_get_height (out), <=, 901);
  check_warp_result (out, &out_quad, RS_FIX_ASPECT_ID1, 8.0, TRUE);
  g_clear_object (&out);

  /* Long side bounded. */
  out = rs_fix_warp (src, &quad, RS_FIX_ASPECT_ID3, 5.0, 0, 400, &out_quad, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (out), <=, 400);
  g_assert_cmpint (gdk_pixbuf_get_width (out), >=, 399);
  check_warp_result (out, &out_quad, RS_FIX_ASPECT_ID3, 5.0, TRUE);
}

static void
test_warp_portrait (void)
{
  /* The card stands on its side in the photo: result is portrait. */
  RsQuad quad = { { { 300, 100 }, { 640, 130 }, { 610, 660 }, { 280, 640 } } };
  g_autoptr(GdkPixbuf) src = render_card (900, 800, &quad);
  g_autoptr(GError) error = NULL;
  RsQuad out_quad;
  g_autoptr(GdkPixbuf) out = NULL;

  out = rs_fix_warp (src, &quad, RS_FIX_ASPECT_ID1, 6.0, 0, 0, &out_quad, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_height (out), >, gdk_pixbuf_get_width (out));
  check_warp_result (out, &out_quad, RS_FIX_ASPECT_ID1, 6.0, FALSE);
}

static void
test_warp_errors (void)
{
  RsQuad ok = { { { 20, 20 }, { 180, 20 }, { 180, 120 }, { 20, 120 } } };
  RsQuad flat = { { { 10, 10 }, { 100, 10 }, { 190, 10 }, { 50, 10 } } };
  RsQuad tiny = { { { 10, 10 }, { 40, 10 }, { 40, 30 }, { 10, 30 } } };
  RsQuad nan_quad = ok;
  g_autoptr(GdkPixbuf) src = render_card (200, 140, &ok);
  GdkPixbuf *out;
  GError *error = NULL;

  out = rs_fix_warp (src, &flat, RS_FIX_ASPECT_ID1, 5, 0, 0, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, RS_FIX_ERROR, RS_FIX_ERROR_NO_OUTLINE);
  g_assert_true (g_utf8_strlen (error->message, -1) > 20);
  g_clear_error (&error);

  out = rs_fix_warp (src, &tiny, RS_FIX_ASPECT_ID1, 5, 0, 0, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, RS_FIX_ERROR, RS_FIX_ERROR_TOO_SMALL);
  g_clear_error (&error);

  nan_quad.p[2].x = NAN;
  out = rs_fix_warp (src, &nan_quad, RS_FIX_ASPECT_ID1, 5, 0, 0, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, RS_FIX_ERROR, RS_FIX_ERROR_NO_OUTLINE);
  g_clear_error (&error);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
assert_private_in_cache (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "resubmit", "fixed", NULL);
  GStatBuf st;

  g_assert_cmpstr (dir, ==, expected);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
on_fix_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GFile **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rs_fix_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_files (void)
{
  RsQuad quad = { { { 150, 120 }, { 820, 170 }, { 790, 600 }, { 120, 560 } } };
  g_autoptr(GdkPixbuf) src = render_card (960, 720, &quad);
  g_autofree char *tmpdir = g_dir_make_tmp ("test-fix-XXXXXX", NULL);
  g_autofree char *orig = g_build_filename (tmpdir, "my photo (1).png", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) orig_file = NULL;
  g_autoptr(GFile) rotated = NULL;
  g_autoptr(GFile) straight = NULL;
  g_autoptr(GFile) async_result = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_pixbuf_save (src, orig, "png", &error, NULL));
  g_assert_no_error (error);
  before = checksum_file (orig);
  orig_file = g_file_new_for_path (orig);

  rotated = rs_fix_rotate_file (orig_file, 1, NULL, &error);
  g_assert_no_error (error);
  assert_private_in_cache (rotated);
  {
    g_autofree char *path = g_file_get_path (rotated);
    g_autofree char *base = g_path_get_basename (path);
    g_assert_true (g_str_has_prefix (base, "my-photo-1-rotated-"));
    g_assert_true (g_str_has_suffix (base, ".jpg"));
    loaded = gdk_pixbuf_new_from_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (loaded), ==, 720);
    g_assert_cmpint (gdk_pixbuf_get_height (loaded), ==, 960);
    g_clear_object (&loaded);
  }

  straight = rs_fix_straighten_file (orig_file, &quad, RS_FIX_ASPECT_ID1, 5.0, 0, 0, NULL, &error);
  g_assert_no_error (error);
  assert_private_in_cache (straight);
  {
    g_autofree char *path = g_file_get_path (straight);
    loaded = gdk_pixbuf_new_from_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon ((double) gdk_pixbuf_get_width (loaded) /
                                    gdk_pixbuf_get_height (loaded),
                                    RS_FIX_ASPECT_ID1, 0.01);
  }

  /* Async variant, on a worker thread. */
  rs_fix_rotate_file_async (orig_file, 2, NULL, on_fix_done, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_private_in_cache (async_result);
  g_assert_false (g_file_equal (async_result, rotated));

  /* The original is never touched. */
  after = checksum_file (orig);
  g_assert_cmpstr (before, ==, after);

  g_unlink (orig);
  g_rmdir (tmpdir);
}

static void
test_file_errors (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("test-fix-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "notes.jpg", NULL);
  g_autoptr(GFile) bad_file = NULL;
  g_autoptr(GFile) missing = NULL;
  GFile *out;
  GError *error = NULL;
  RsQuad quad = { { { 20, 20 }, { 180, 20 }, { 180, 120 }, { 20, 120 } } };

  g_assert_true (g_file_set_contents (bad, "this is not a photo\n", -1, NULL));
  bad_file = g_file_new_for_path (bad);
  out = rs_fix_rotate_file (bad_file, 1, NULL, &error);
  g_assert_null (out);
  g_assert_nonnull (error);
  g_assert_true (error->message != NULL && *error->message != '\0');
  g_clear_error (&error);

  missing = g_file_new_for_path ("/nonexistent/resubmit/photo.jpg");
  out = rs_fix_straighten_file (missing, &quad, RS_FIX_ASPECT_ID1, 5, 0, 0, NULL, &error);
  g_assert_null (out);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_unlink (bad);
  g_rmdir (tmpdir);
}

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_autofree char *cache = g_dir_make_tmp ("test-fix-cache-XXXXXX", NULL);
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: that hides the MIME database that
   * image loading needs.  A private cache is all the fixes write to. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fix/rotate", test_rotate);
  g_test_add_func ("/fix/warp/perspective", test_warp_perspective);
  g_test_add_func ("/fix/warp/portrait", test_warp_portrait);
  g_test_add_func ("/fix/warp/errors", test_warp_errors);
  g_test_add_func ("/fix/files", test_files);
  g_test_add_func ("/fix/files/errors", test_file_errors);

  status = g_test_run ();
  rm_rf (cache);
  return status;
}
