/* test-image: safe loading — bad inputs give clear errors, EXIF orientation
 * is applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rs-photo-check.h"
#include "rs-test-card.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
write_bytes (const char   *path,
             const void   *data,
             gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
}

static GBytes *
jpeg_bytes (GdkPixbuf *pb)
{
  g_autoptr(GError) error = NULL;
  char *buf = NULL;
  gsize len = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pb, &buf, &len, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buf, len);
}

static GdkPixbuf *
small_card (void)
{
  RsQuad q;
  rs_test_card_quad (400, 300, 260, 0, &q);
  return rs_test_render_card (400, 300, &q, 21);
}

static void
assert_load_error (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pb = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, &error);
  g_autoptr(RsPhotoReport) r = NULL;

  g_assert_null (pb);
  g_assert_error (error, RS_IMAGE_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_test_message ("%s: %s", rs_image_error_code_to_string (code), error->message);
  g_clear_error (&error);
  r = rs_photo_check_file (path, NULL, RS_SLOT_ID_FRONT, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, RS_IMAGE_ERROR, code);
}

static void
test_empty (void)
{
  g_autofree char *p = tmp_path ("empty.jpg");
  write_bytes (p, "", 0);
  assert_load_error (p, RS_IMAGE_ERROR_EMPTY);
}

static void
test_missing (void)
{
  g_autofree char *p = tmp_path ("does-not-exist.jpg");
  assert_load_error (p, RS_IMAGE_ERROR_NOT_FOUND);
}

static void
test_truncated (void)
{
  g_autofree char *p = tmp_path ("truncated.jpg");
  g_autoptr(GdkPixbuf) pb = small_card ();
  g_autoptr(GBytes) bytes = jpeg_bytes (pb);
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);

  write_bytes (p, d, len / 2);
  assert_load_error (p, RS_IMAGE_ERROR_CORRUPT);
  /* only the first bytes of the header */
  write_bytes (p, d, 40);
  assert_load_error (p, RS_IMAGE_ERROR_CORRUPT);
}

static guint32
crc32_bytes (const guint8 *d,
             gsize         n)
{
  guint32 c = 0xFFFFFFFFu;
  for (gsize i = 0; i < n; i++)
    {
      c ^= d[i];
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
  return c ^ 0xFFFFFFFFu;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* PNG headers declaring 100000 × 100000 and 0xFFFFFFFF × 0xFFFFFFFF (whose
 * product overflowed a signed 64-bit multiplication): "too large", refused
 * before decoding, never "damaged". */
static void
test_huge_png (void)
{
  static const guint32 sides[] = { 100000, 0xFFFFFFFFu };

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autofree char *name = g_strdup_printf ("huge-%u.png", i);
      g_autofree char *p = tmp_path (name);
      guint8 png[8 + 25 + 12] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
      guint8 *ihdr = png + 8;

      put32 (ihdr, 13);
      memcpy (ihdr + 4, "IHDR", 4);
      put32 (ihdr + 8, sides[i]);
      put32 (ihdr + 12, sides[i]);
      ihdr[16] = 8; /* bit depth */
      ihdr[17] = 2; /* RGB */
      ihdr[18] = ihdr[19] = ihdr[20] = 0;
      put32 (ihdr + 21, crc32_bytes (ihdr + 4, 17));
      put32 (png + 33, 0);
      memcpy (png + 37, "IEND", 4);
      put32 (png + 41, crc32_bytes (png + 37, 4));
      write_bytes (p, png, sizeof png);
      assert_load_error (p, RS_IMAGE_ERROR_TOO_LARGE);
    }
}

static void
test_wrong_extension (void)
{
  g_autofree char *png_as_jpg = tmp_path ("really-a-png.jpg");
  g_autofree char *text_as_jpg = tmp_path ("notes.jpg");
  g_autoptr(GdkPixbuf) pb = small_card ();
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GError) error = NULL;
  RsImageInfo info = { 0 };
  const char *text = "This is a text file, not a photo.\nIt has a .jpg name.\n";

  g_assert_true (gdk_pixbuf_save (pb, png_as_jpg, "png", &error, NULL));
  loaded = rs_image_load (png_as_jpg, RS_IMAGE_WORK_SIZE, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (info.format, ==, "png");
  g_assert_cmpint (info.width, ==, 400);
  rs_image_info_clear (&info);

  write_bytes (text_as_jpg, text, strlen (text));
  assert_load_error (text_as_jpg, RS_IMAGE_ERROR_UNSUPPORTED_FORMAT);
}

static void
test_directory (void)
{
  g_autofree char *p = tmp_path ("a-folder.jpg");
  g_assert_cmpint (g_mkdir (p, 0700), ==, 0);
  assert_load_error (p, RS_IMAGE_ERROR_NOT_REGULAR_FILE);
  g_rmdir (p);
}

static void
test_unreadable (void)
{
  g_autofree char *p = tmp_path ("locked.jpg");
  g_autoptr(GdkPixbuf) pb = small_card ();

  g_assert_true (gdk_pixbuf_save (pb, p, "jpeg", NULL, NULL));
  g_assert_cmpint (g_chmod (p, 0), ==, 0);
  if (access (p, R_OK) == 0)
    {
      /* root reads anything */
      g_test_skip ("running with privileges that ignore file permissions");
    }
  else
    assert_load_error (p, RS_IMAGE_ERROR_UNREADABLE);
  g_chmod (p, 0600);
}

static void
test_non_utf8_name (void)
{
  g_autofree char *p = tmp_path ("card-\xff\xfe-photo.jpg");
  g_autoptr(GdkPixbuf) pb = small_card ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *json = NULL;

  g_assert_true (gdk_pixbuf_save (pb, p, "jpeg", &error, NULL));
  r = rs_photo_check_file (p, NULL, RS_SLOT_ID_FRONT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  node = rs_photo_report_to_json (r, NULL);
  json_generator_set_root (gen, node);
  json = json_generator_to_data (gen, NULL);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_nonnull (strstr (json, "card-"));
  g_unlink (p);
}

static void
test_animated_gif (void)
{
  g_autofree char *p = tmp_path ("moving.gif");
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0,
    0, 0, 0, 255, 255, 255,                              /* 2-colour table */
    0x21, 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0, 0,
    0x21, 0xF9, 4, 0, 10, 0, 0, 0,                       /* frame 1 */
    0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0,
    0x21, 0xF9, 4, 0, 10, 0, 0, 0,                       /* frame 2 */
    0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0,
    0x3B,
  };

  write_bytes (p, gif, sizeof gif);
  assert_load_error (p, RS_IMAGE_ERROR_ANIMATED);
}

/* EXIF: a minimal APP1 segment with only the orientation tag. */
static GBytes *
with_orientation (GBytes *jpeg,
                  int     orientation)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (jpeg, &len);
  guint8 app1[2 + 2 + 6 + 26] = { 0xFF, 0xE1, 0, 2 + 6 + 26, 'E', 'x', 'i', 'f', 0, 0,
                                  'M', 'M', 0, 42, 0, 0, 0, 8,      /* TIFF header */
                                  0, 1,                             /* one entry */
                                  0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0,
                                  0, 0, 0, 0 };
  GByteArray *out = g_byte_array_new ();

  app1[29] = (guint8) orientation;
  g_byte_array_append (out, d, 2); /* SOI */
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, d + 2, len - 2);
  return g_byte_array_free_to_bytes (out);
}

/* What to store so that applying EXIF @orientation shows @upright. */
static GdkPixbuf *
stored_for (GdkPixbuf *upright,
            int        orientation)
{
  g_autoptr(GdkPixbuf) t = NULL;

  switch (orientation)
    {
    case 2: return gdk_pixbuf_flip (upright, TRUE);
    case 3: return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4: return gdk_pixbuf_flip (upright, FALSE);
    case 5: /* transpose */
      t = gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return gdk_pixbuf_flip (t, TRUE);
    case 6: return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    case 7: /* transverse */
      t = gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return gdk_pixbuf_flip (t, TRUE);
    case 8: return gdk_pixbuf_rotate_simple (upright, GDK_PIXBUF_ROTATE_CLOCKWISE);
    default: return g_object_ref (upright);
    }
}

static double
mean_abs_diff (GdkPixbuf *a,
               GdkPixbuf *b)
{
  int w = gdk_pixbuf_get_width (a), h = gdk_pixbuf_get_height (a);
  const guint8 *pa = gdk_pixbuf_read_pixels (a), *pb = gdk_pixbuf_read_pixels (b);
  int ra = gdk_pixbuf_get_rowstride (a), rb = gdk_pixbuf_get_rowstride (b);
  int na = gdk_pixbuf_get_n_channels (a), nb = gdk_pixbuf_get_n_channels (b);
  double sum = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        sum += abs (pa[(gsize) y * ra + x * na + c] - pb[(gsize) y * rb + x * nb + c]);
  return sum / ((double) w * h * 3);
}

static void
test_orientation (void)
{
  RsQuad truth, first = { { { 0 } } };
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) reference = NULL;

  /* a card off-centre, so that every orientation looks different */
  rs_test_card_quad (900, 600, 500, 6, &truth);
  for (int i = 0; i < 4; i++)
    truth.p[i].x -= 120;
  upright = rs_test_render_card (900, 600, &truth, 22);

  for (int o = 1; o <= 8; o++)
    {
      g_autofree char *name = g_strdup_printf ("orientation-%d.jpg", o);
      g_autofree char *p = tmp_path (name);
      g_autoptr(GdkPixbuf) stored = stored_for (upright, o);
      g_autoptr(GBytes) plain = jpeg_bytes (stored);
      g_autoptr(GBytes) tagged = with_orientation (plain, o);
      g_autoptr(GdkPixbuf) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RsPhotoReport) r = NULL;
      RsImageInfo info = { 0 };
      RsQuad q;

      write_bytes (p, g_bytes_get_data (tagged, NULL), g_bytes_get_size (tagged));
      loaded = rs_image_load (p, 0, &info, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (info.orientation, ==, o);
      g_assert_cmpint (info.width, ==, 900);
      g_assert_cmpint (info.height, ==, 600);
      g_assert_cmpint (gdk_pixbuf_get_width (loaded), ==, 900);
      g_assert_cmpint (gdk_pixbuf_get_height (loaded), ==, 600);
      if (reference == NULL)
        reference = g_object_ref (loaded);
      /* only JPEG noise differs */
      g_assert_cmpfloat (mean_abs_diff (reference, loaded), <, 3.0);
      rs_image_info_clear (&info);

      /* the same outline, in upright pixels, through the whole checker */
      r = rs_photo_check_file (p, NULL, RS_SLOT_ID_FRONT, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (rs_photo_report_get_document_quad (r, &q));
      g_assert_cmpint (rs_photo_report_get_image_info (r)->orientation, ==, o);
      if (o == 1)
        {
          first = q;
          g_assert_cmpfloat (rs_test_quad_distance (&q, &truth), <, 6);
        }
      else
        g_assert_cmpfloat (rs_test_quad_distance (&q, &first), <, 4);
      g_unlink (p);
    }
}

static void
test_webp (void)
{
  g_autofree char *p = tmp_path ("card.webp");
  g_autoptr(GdkPixbuf) pb = small_card ();
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GError) error = NULL;
  RsImageInfo info = { 0 };

  if (!gdk_pixbuf_save (pb, p, "webp", &error, NULL))
    {
      g_test_skip ("no WebP saver installed");
      return;
    }
  loaded = rs_image_load (p, RS_IMAGE_WORK_SIZE, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info.format, ==, "webp");
  g_assert_cmpint (gdk_pixbuf_get_width (loaded), ==, 400);
  rs_image_info_clear (&info);
  g_unlink (p);
}

/* A big JPEG decodes at a bounded working size but reports its real size. */
static void
test_scaled_decode (void)
{
  g_autofree char *p = tmp_path ("big.jpg");
  g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
  g_autoptr(GdkPixbuf) work = NULL;
  g_autoptr(GdkPixbuf) full = NULL;
  g_autoptr(GError) error = NULL;
  RsImageInfo info = { 0 };

  gdk_pixbuf_fill (pb, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pb, p, "jpeg", &error, NULL));
  work = rs_image_load (p, RS_IMAGE_WORK_SIZE, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (work), gdk_pixbuf_get_height (work)), <=, RS_IMAGE_WORK_SIZE);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (work), gdk_pixbuf_get_height (work)), >=, RS_IMAGE_WORK_SIZE / 2);
  g_assert_cmpint (info.width, ==, 4000);
  g_assert_cmpint (info.height, ==, 3000);
  rs_image_info_clear (&info);
  full = rs_image_load (p, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (full), ==, 4000);
  g_unlink (p);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("rs-image-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/image/empty", test_empty);
  g_test_add_func ("/image/missing", test_missing);
  g_test_add_func ("/image/truncated", test_truncated);
  g_test_add_func ("/image/huge-png", test_huge_png);
  g_test_add_func ("/image/wrong-extension", test_wrong_extension);
  g_test_add_func ("/image/directory", test_directory);
  g_test_add_func ("/image/unreadable", test_unreadable);
  g_test_add_func ("/image/non-utf8-name", test_non_utf8_name);
  g_test_add_func ("/image/animated-gif", test_animated_gif);
  g_test_add_func ("/image/orientation", test_orientation);
  g_test_add_func ("/image/scaled-decode", test_scaled_decode);
  g_test_add_func ("/image/webp", test_webp);
  ret = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (tmpdir, n, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return ret;
}
