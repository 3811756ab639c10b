/* bench-camera.c: live analysis rate and frame-to-guidance latency at
 * 1280×720, through the real RsCamera → RsLiveAnalyser path, with a
 * generated 30 frames/s source.  Prints figures; asserts nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "rs-camera.h"
#include "rs-capture-guide.h"
#include "rs-live-analyser.h"
#include "rs-test-card.h"

#define SECONDS 8

typedef struct {
  RsLiveAnalyser *analyser;
  GArray         *latency_ms;
  guint64         delivered;
  gint64          start_us;
  gboolean        measuring;
} Bench;

static void
on_frame (RsCamera      *camera,
          RsCameraFrame *frame,
          Bench         *b)
{
  if (b->measuring)
    b->delivered++;
  rs_live_analyser_push (b->analyser, frame);
}

static void
on_analysed (RsLiveAnalyser *analyser,
             RsPhotoReport  *report,
             RsCameraFrame  *frame,
             Bench          *b)
{
  double ms = (g_get_monotonic_time () - frame->arrived_us) / 1000.0;

  /* the guidance would be on screen now */
  (void) rs_guide_get_message (rs_guide_from_report (report));
  if (b->measuring)
    g_array_append_val (b->latency_ms, ms);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rs-bench-camera-XXXXXX", &error);
  g_autofree char *png = NULL;
  g_autofree char *desc = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(RsCamera) camera = NULL;
  Bench b = { 0 };
  RsQuad quad;
  guint64 analysed0;
  double fps, median, p95;

  g_assert_no_error (error);
  rs_test_card_quad (1280, 720, 640, 3, &quad);
  pixbuf = rs_test_render_card (1280, 720, &quad, 11);
  png = g_build_filename (dir, "frame.png", NULL);
  gdk_pixbuf_save (pixbuf, png, "png", &error, NULL);
  g_assert_no_error (error);

  /* Decoded once, then repeated at 30 frames/s like a webcam. */
  desc = g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze is-live=true ! "
                          "video/x-raw,framerate=30/1 ! identity", png);
  g_setenv ("RESUBMIT_CAMERA_PIPELINE", desc, TRUE);

  camera = rs_camera_new ();
  b.analyser = rs_live_analyser_new (NULL, RS_SLOT_ID_FRONT);
  b.latency_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (camera, "frame", G_CALLBACK (on_frame), &b);
  g_signal_connect (b.analyser, "analysed", G_CALLBACK (on_analysed), &b);
  rs_camera_start (camera, NULL, -1);

  /* One second of warm-up, then measure. */
  g_timeout_add (1000, quit_cb, loop);
  g_main_loop_run (loop);
  if (rs_camera_get_state (camera) != RS_CAMERA_STATE_RUNNING)
    {
      g_printerr ("bench-camera: the test source did not start: %s\n",
                  rs_camera_get_error (camera) ? rs_camera_get_error (camera)->message : "?");
      return 1;
    }
  b.measuring = TRUE;
  analysed0 = rs_live_analyser_get_n_analysed (b.analyser);
  b.start_us = g_get_monotonic_time ();
  g_timeout_add (SECONDS * 1000, quit_cb, loop);
  g_main_loop_run (loop);
  b.measuring = FALSE;

  fps = (rs_live_analyser_get_n_analysed (b.analyser) - analysed0) /
        ((g_get_monotonic_time () - b.start_us) / 1e6);
  g_array_sort (b.latency_ms, compare_double);
  median = b.latency_ms->len ? g_array_index (b.latency_ms, double, b.latency_ms->len / 2) : -1;
  p95 = b.latency_ms->len ? g_array_index (b.latency_ms, double, (b.latency_ms->len * 95) / 100) : -1;

  g_print ("camera live analysis at 1280x720, %d s, source 30 frames/s\n", SECONDS);
  g_print ("  frames delivered to the main thread: %.1f /s\n", b.delivered / (double) SECONDS);
  g_print ("  frames analysed:                     %.1f /s (goal >= 15)\n", fps);
  g_print ("  frame-to-guidance latency:           median %.1f ms, p95 %.1f ms (goal <= 150)\n",
           median, p95);
  g_print ("  frames skipped while analysing:      %" G_GUINT64_FORMAT "\n",
           rs_live_analyser_get_n_skipped (b.analyser));

  rs_camera_stop (camera);
  g_object_unref (b.analyser);
  g_array_unref (b.latency_ms);
  g_unlink (png);
  g_rmdir (dir);
  return 0;
}
