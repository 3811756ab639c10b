/* bench-content: cost of the content checks (faces, side, type, one
 * document, occlusion) on a 12 MP photo and on live frames, next to the
 * photo checker's own cost for the same photo.
 *
 * Prints medians of wall time and of process CPU time (all threads: OpenCV
 * may use more than one), and the load average, since the 2-core machine
 * is shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "rs-content-private.h"
#include "rs-photo-check.h"
#include "rs-test-content.h"
#include "rs-test-fixtures.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A card front with a real portrait, 4000 × 3000, with sensor-like grain. */
static GdkPixbuf *
photo_12mp (GdkPixbuf *face)
{
  RsQuad q;
  GdkPixbuf *pb;
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face);
  guint8 *p;
  int st;
  GRand *rand = g_rand_new_with_seed (3);

  rs_test_scene_quad (4000, 3000, 7, 0.1, 0, &q);
  pb = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_FRONT, 4000, 3000, &q, 9);
  rs_test_paste_in_quad (pb, &q, 0.64, 0.12, 0.92, 0.68, crop);
  p = gdk_pixbuf_get_pixels (pb);
  st = gdk_pixbuf_get_rowstride (pb);
  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 4000 * 3; x++)
      p[y * st + x] = (guint8) CLAMP (p[y * st + x] + g_rand_int_range (rand, -10, 11), 0, 255);
  g_rand_free (rand);
  return pb;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GdkPixbuf) face = rs_test_load_face_photo (NULL);
  g_autofree char *dir = g_dir_make_tmp ("bench-content-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "front.jpg", NULL);
  g_autofree char *spath = g_build_filename (dir, "selfie.jpg", NULL);
  double load[3] = { 0 };
  enum { N_PHOTO = 7, N_FRAME = 41 };
  double check_w[N_PHOTO], check_c[N_PHOTO], doc_w[N_PHOTO], doc_c[N_PHOTO], faces_w[N_PHOTO];
  double self_w[N_PHOTO], self_c[N_PHOTO];
  double live_w[N_FRAME], live_c[N_FRAME], lself_w[N_FRAME], lself_c[N_FRAME];
  gboolean portrait = FALSE, one_face = FALSE, live_face = FALSE;

  if (face == NULL)
    {
      g_printerr ("bench-content: the face photo is missing (install python3-skimage)\n");
      return 1;
    }
  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  g_print ("# load average at start: %.2f\n", load[0]);

  {
    g_autoptr(GdkPixbuf) pb = photo_12mp (face);
    g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face);
    g_autoptr(GdkPixbuf) sf = rs_test_selfie_from (crop, 3000, 4000, 0.6, 0.5, 0.45);

    gdk_pixbuf_save (pb, path, "jpeg", NULL, "quality", "90", NULL);
    gdk_pixbuf_save (sf, spath, "jpeg", NULL, "quality", "90", NULL);
  }

  for (int i = 0; i < N_PHOTO; i++)
    {
      double w0, c0;
      g_autoptr(GError) error = NULL;
      g_autoptr(RsPhotoReport) report = NULL;
      g_autoptr(GdkPixbuf) view = NULL;
      g_autoptr(RsContentReport) content = NULL;
      RsContentImage im;
      RsLocateResult loc;
      RsImageInfo info = { 0 };

      /* the checker as it is: decode and every pixel check */
      w0 = wall_ms ();
      c0 = cpu_ms ();
      report = rs_photo_check_file (path, NULL, RS_SLOT_ID_FRONT, NULL, &error);
      g_assert_no_error (error);
      check_w[i] = wall_ms () - w0;
      check_c[i] = cpu_ms () - c0;

      /* the content checks on the same decoded view and outline */
      view = rs_image_load (path, RS_IMAGE_WORK_SIZE, &info, NULL, &error);
      g_assert_no_error (error);
      rs_test_content_image (view, &im);
      im.to_upright = (double) info.width / gdk_pixbuf_get_width (view);
      rs_locate_document (im.pixels, im.width, im.height, im.stride, im.channels,
                          &(RsLocateOptions) { 0, 1.586 }, &loc);
      w0 = wall_ms ();
      c0 = cpu_ms ();
      content = rs_content_analyse (&im, RS_SLOT_ID_FRONT, RS_DOC_CN_RIC, &loc, NULL, NULL);
      doc_w[i] = wall_ms () - w0;
      doc_c[i] = cpu_ms () - c0;
      faces_w[i] = rs_content_report_get_face_ms (content);
      portrait = rs_content_report_get_side (content) == RS_SIDE_GUESS_FRONT;
      rs_image_info_clear (&info);
    }

  for (int i = 0; i < N_PHOTO; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) view = rs_image_load (spath, RS_IMAGE_WORK_SIZE, NULL, NULL, &error);
      g_autoptr(RsContentReport) content = NULL;
      RsContentImage im;
      double w0, c0;

      g_assert_no_error (error);
      rs_test_content_image (view, &im);
      w0 = wall_ms ();
      c0 = cpu_ms ();
      content = rs_content_analyse (&im, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
      self_w[i] = wall_ms () - w0;
      self_c[i] = cpu_ms () - c0;
      one_face = rs_content_report_get_n_faces (content) == 1;
    }

  {
    RsQuad q;
    g_autoptr(GdkPixbuf) frame = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_FRONT, 1280, 720,
                                                         (rs_test_scene_quad (1280, 720, 5, 0, 0, &q), &q), 4);
    g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face);
    g_autoptr(GdkPixbuf) sframe = rs_test_selfie_from (crop, 1280, 720, 0.7, 0.5, 0.45);
    RsContentImage im, sim;
    RsLocateResult loc;

    rs_test_content_image (frame, &im);
    rs_test_content_image (sframe, &sim);
    rs_locate_document (im.pixels, im.width, im.height, im.stride, im.channels,
                        &(RsLocateOptions) { 320, 1.586 }, &loc);
    for (int i = 0; i < N_FRAME; i++)
      {
        double w0 = wall_ms (), c0 = cpu_ms ();
        g_autoptr(RsContentReport) a = rs_content_analyse_frame (&im, RS_SLOT_ID_FRONT, &loc, NULL);
        g_autoptr(RsContentReport) b = NULL;

        live_w[i] = wall_ms () - w0;
        live_c[i] = cpu_ms () - c0;
        w0 = wall_ms ();
        c0 = cpu_ms ();
        b = rs_content_analyse_frame (&sim, RS_SLOT_SELFIE, NULL, NULL);
        lself_w[i] = wall_ms () - w0;
        lself_c[i] = cpu_ms () - c0;
        live_face = rs_content_report_get_n_faces (b) == 1;
      }
  }

  {
    double cw = median (check_w, N_PHOTO), cc = median (check_c, N_PHOTO);
    double dw = median (doc_w, N_PHOTO), dc = median (doc_c, N_PHOTO);

    g_print ("12 MP JPEG card front, photo checker end to end, median of %d: %.1f ms wall, %.1f ms CPU\n",
             N_PHOTO, cw, cc);
    g_print ("12 MP JPEG card front, content checks on the decoded view, median of %d: %.1f ms wall, %.1f ms CPU (faces %.1f ms wall); portrait found: %s\n",
             N_PHOTO, dw, dc, median (faces_w, N_PHOTO), portrait ? "yes" : "NO");
    g_print ("12 MP JPEG card front, checker + content: %.1f ms wall, %.1f ms CPU (goal 250 ms)\n",
             cw + dw, cc + dc);
    g_print ("12 MP JPEG selfie, content checks, median of %d: %.1f ms wall, %.1f ms CPU; one face: %s\n",
             N_PHOTO, median (self_w, N_PHOTO), median (self_c, N_PHOTO), one_face ? "yes" : "NO");
    g_print ("1280×720 live document frame (document.count), median of %d: %.2f ms wall, %.2f ms CPU\n",
             N_FRAME, median (live_w, N_FRAME), median (live_c, N_FRAME));
    g_print ("1280×720 live selfie frame (face.count, face.size), median of %d: %.2f ms wall, %.2f ms CPU; face found: %s\n",
             N_FRAME, median (lself_w, N_FRAME), median (lself_c, N_FRAME), live_face ? "yes" : "NO");
  }
  g_unlink (path);
  g_unlink (spath);
  g_rmdir (dir);
  return portrait && one_face && live_face ? 0 : 1;
}
