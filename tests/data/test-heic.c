/* test-heic.c: a real HEIC photo goes through the checker and the export
 * like a JPEG does.
 *
 * The test draws a card photo, saves it as JPEG and encodes that with
 * libheif's heif-enc (HEVC), then compares what the checker says about both
 * and exports a bundle from the HEIC file.  It needs heif-enc (Debian:
 * libheif-examples) and a GdkPixbuf HEIF loader (heif-gdk-pixbuf); both are
 * in build-aux/dev's packages, and without them the test says so and skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <glib/gstdio.h>

#include "rs-bundle.h"
#include "rs-image.h"
#include "rs-photo-check.h"
#include "rs-test-fixtures.h"

static char *tmp_root;
static char *jpeg_path;
static char *heic_path;
static char *skip_reason;

static gboolean
skip_if_unavailable (void)
{
  if (skip_reason == NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

static void
test_probe (void)
{
  RsImageInfo jpeg = { 0 }, heic = { 0 };
  g_autoptr(GError) error = NULL;

  if (skip_if_unavailable ())
    return;
  g_assert_true (rs_image_probe (jpeg_path, &jpeg, &error));
  g_assert_no_error (error);
  g_assert_true (rs_image_probe (heic_path, &heic, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (heic.format, ==, "heif");
  g_assert_nonnull (heic.mime_type);
  g_assert_true (g_str_has_prefix (heic.mime_type, "image/hei"));
  g_assert_cmpint (heic.width, ==, jpeg.width);
  g_assert_cmpint (heic.height, ==, jpeg.height);
  g_assert_cmpint (heic.orientation, ==, 1);
  rs_image_info_clear (&jpeg);
  rs_image_info_clear (&heic);
}

/* Decoded at full size and at a bounded size, it is the same picture. */
static void
test_decode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) jpeg = NULL;
  g_autoptr(GdkPixbuf) heic = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  const guint8 *a, *b;
  int stride_a, stride_b, channels_a, channels_b;
  double diff = 0;

  if (skip_if_unavailable ())
    return;
  jpeg = rs_image_load (jpeg_path, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  heic = rs_image_load (heic_path, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (heic), ==, gdk_pixbuf_get_width (jpeg));
  g_assert_cmpint (gdk_pixbuf_get_height (heic), ==, gdk_pixbuf_get_height (jpeg));

  a = gdk_pixbuf_read_pixels (jpeg);
  b = gdk_pixbuf_read_pixels (heic);
  stride_a = gdk_pixbuf_get_rowstride (jpeg);
  stride_b = gdk_pixbuf_get_rowstride (heic);
  channels_a = gdk_pixbuf_get_n_channels (jpeg);
  channels_b = gdk_pixbuf_get_n_channels (heic);
  for (int y = 0; y < gdk_pixbuf_get_height (jpeg); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (jpeg); x++)
      for (int c = 0; c < 3; c++)
        diff += fabs ((double) a[y * stride_a + x * channels_a + c] -
                      b[y * stride_b + x * channels_b + c]);
  diff /= 3.0 * gdk_pixbuf_get_width (jpeg) * gdk_pixbuf_get_height (jpeg);
  g_test_message ("mean absolute difference HEIC vs JPEG: %.2f levels", diff);
  /* Lossy HEVC of a lossy JPEG: close, but not a blank or shifted picture. */
  g_assert_cmpfloat (diff, <, 6.0);

  small = rs_image_load (heic_path, 800, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (small), gdk_pixbuf_get_height (small)), <=, 800);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (small), gdk_pixbuf_get_height (small)), >=, 700);
}

/* The checker judges the HEIC as it judges the JPEG it was made from. */
static void
test_check (void)
{
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(RsPhotoReport) jpeg = NULL;
  g_autoptr(RsPhotoReport) heic = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_if_unavailable ())
    return;
  profile = rs_test_load_profile ("generic");
  jpeg = rs_photo_check_file (jpeg_path, profile, RS_SLOT_ID_FRONT, NULL, &error);
  g_assert_no_error (error);
  heic = rs_photo_check_file (heic_path, profile, RS_SLOT_ID_FRONT, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (rs_photo_report_get_image_info (heic)->format, ==, "heif");
  g_assert_true (rs_photo_report_get_document_found (heic));
  g_assert_cmpint (rs_photo_report_get_verdict (jpeg), ==, RS_CHECK_PASS);
  g_assert_cmpint (rs_photo_report_get_verdict (heic), ==, rs_photo_report_get_verdict (jpeg));
  g_assert_cmpuint (rs_photo_report_get_n_findings (heic), ==, rs_photo_report_get_n_findings (jpeg));
  for (guint i = 0; i < rs_photo_report_get_n_findings (jpeg); i++)
    {
      const RsPhotoFinding *expected = rs_photo_report_get_finding (jpeg, i);
      const RsPhotoFinding *found = rs_photo_report_find_finding (heic, expected->id);

      g_assert_nonnull (found);
      g_test_message ("%s: JPEG %g, HEIC %g", expected->id, expected->value, found->value);
      g_assert_cmpint (found->status, ==, expected->status);
    }
  /* The generic profile accepts HEIC as it is. */
  g_assert_cmpint (rs_photo_report_find_finding (heic, "file.format")->status, ==, RS_CHECK_PASS);
}

/* Exported, the HEIC becomes an upload-ready JPEG that passes. */
static void
test_export (void)
{
  g_autofree char *back = NULL;
  g_autofree char *selfie = NULL;
  g_autofree char *target = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(RsSession) session = NULL;
  g_autoptr(RsBundleRequest) request = NULL;
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RsImageInfo info = { 0 };

  if (skip_if_unavailable ())
    return;
  back = g_build_filename (tmp_root, "back.jpg", NULL);
  selfie = g_build_filename (tmp_root, "selfie.jpg", NULL);
  {
    g_autofree char *unused = g_build_filename (tmp_root, "unused.jpg", NULL);

    rs_test_save_id_photos (unused, back, selfie);
  }
  session = rs_test_make_session ("generic", heic_path, back, selfie);
  target = g_build_filename (tmp_root, "bundle", NULL);
  request = rs_bundle_request_new (session, target);
  rs_bundle_request_set_now (request, now);
  path = rs_bundle_export (request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, target);

  exported = g_build_filename (target, "1-id-card-front.jpg", NULL);
  g_assert_true (rs_image_probe (exported, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.format, ==, "jpeg");
  rs_image_info_clear (&info);

  verification = rs_bundle_verify (target, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rs_bundle_verification_is_valid (verification));
}

/* heif-enc from Debian's libheif-examples, on the photo the test drew. */
static void
make_fixtures (void)
{
  g_autoptr(GdkPixbuf) front = rs_test_scene_photo (RS_TEST_SCENE_CARD_FRONT, 1600, 1200, 7, 0);
  g_autofree char *heif_enc = g_find_program_in_path ("heif-enc");
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gboolean have_loader = FALSE;
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();
  int status = 0;

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_auto(GStrv) types = gdk_pixbuf_format_get_mime_types (l->data);

      if (g_strv_contains ((const char * const *) types, "image/heic") ||
          g_strv_contains ((const char * const *) types, "image/heif"))
        have_loader = TRUE;
    }
  if (!have_loader)
    {
      skip_reason = g_strdup ("no GdkPixbuf loader for HEIF (build-aux/dev installs heif-gdk-pixbuf)");
      return;
    }
  if (heif_enc == NULL)
    {
      skip_reason = g_strdup ("heif-enc is not installed (build-aux/dev installs libheif-examples)");
      return;
    }

  jpeg_path = g_build_filename (tmp_root, "front.jpg", NULL);
  heic_path = g_build_filename (tmp_root, "front.heic", NULL);
  rs_test_save_jpeg (front, jpeg_path);
  {
    const char *argv[] = { heif_enc, "-q", "90", "-o", heic_path, jpeg_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("heif-enc failed: %s", err);
  }
  g_assert_true (g_file_test (heic_path, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  tmp_root = g_dir_make_tmp ("resubmit-heic-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  g_setenv ("XDG_CONFIG_HOME", tmp_root, TRUE);
  make_fixtures ();

  g_test_add_func ("/heic/probe", test_probe);
  g_test_add_func ("/heic/decode", test_decode);
  g_test_add_func ("/heic/check", test_check);
  g_test_add_func ("/heic/export", test_export);
  result = g_test_run ();

  rs_test_remove_tree (tmp_root);
  g_free (skip_reason);
  return result;
}
