/* bench-checker: speed and memory of the photo checker.
 *
 * - a 4000 × 3000 JPEG (quality 90, made here) checked end to end;
 * - one 1280 × 720 live frame;
 * - peak memory (VmHWM) of a separate process doing one 12 MP check.
 * Prints medians; a benchmark, not a test (it asserts nothing about time).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rs-photo-check-private.h"
#include "rs-test-card.h"
#include "rs-content.h"
#include "rs-read.h"

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *a)
{
  g_array_sort (a, cmp_double);
  return g_array_index (a, double, a->len / 2);
}

/* CPU time of this thread: less disturbed than wall time when other work
 * shares the machine. */
static gint64
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* CPU time of the whole process (OpenCV's face search may use a second
 * thread). */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static long
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmHWM:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

/* Child mode: one check, then report the peak resident memory. */
static int
child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  long before = vm_hwm_kib ();

  r = rs_photo_check_file (path, NULL, RS_SLOT_ID_FRONT, NULL, &error);
  if (r == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%ld %ld\n", before, vm_hwm_kib ());
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *load = NULL;
  g_autoptr(GdkPixbuf) big = NULL;
  g_autoptr(GdkPixbuf) frame = NULL;
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) decode = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) analyse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) locate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) live_locate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_pcpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) content_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) face_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean portrait = FALSE;
  g_autoptr(GArray) live_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  RsQuad q;
  const int runs = 9, frames = 41;
  gboolean found = FALSE;

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return child (argv[2]);

  if (!g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    load = g_strdup ("unknown\n");

  dir = g_dir_make_tmp ("rs-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "card-12mp.jpg", NULL);

  rs_test_card_quad (4000, 3000, 2800, 4, &q);
  big = rs_test_render_card (4000, 3000, &q, 41);
  {
    /* sensor-like noise, so that the JPEG is as large and as slow to decode
     * as a camera photo (a clean render compresses far better) */
    guint8 *px = gdk_pixbuf_get_pixels (big);
    int rs = gdk_pixbuf_get_rowstride (big);
    guint32 state = 12345;

    for (int y = 0; y < 3000; y++)
      for (int x = 0; x < 4000 * 3; x++)
        {
          int n;
          state = state * 1664525u + 1013904223u;
          n = (int) ((state >> 24) % 21) - 10;
          px[(gsize) y * rs + x] = (guint8) CLAMP (px[(gsize) y * rs + x] + n, 0, 255);
        }
  }
  if (!gdk_pixbuf_save (big, path, "jpeg", &error, "quality", "90", NULL))
    g_error ("%s", error->message);
  g_clear_object (&big);

  for (int i = 0; i < runs; i++)
    {
      double pc0 = process_cpu_ms ();
      gint64 c0 = cpu_us (), t0 = g_get_monotonic_time ();
      g_autoptr(RsPhotoReport) r = rs_photo_check_file (path, NULL, RS_SLOT_ID_FRONT, NULL, &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0, d, a;
      double cms = (cpu_us () - c0) / 1000.0;

      g_array_append_val (total_cpu, cms);
      g_assert_no_error (error);
      if (rs_photo_report_get_content (r) != NULL)
        {
          RsContentReport *c = rs_photo_report_get_content (r);
          const RsPhotoFinding *p = rs_content_report_find_finding (c, RS_CHECK_DOCUMENT_PORTRAIT);
          double cm = rs_content_report_get_ms (c), fm = rs_content_report_get_face_ms (c);

          g_array_append_val (content_ms, cm);
          g_array_append_val (face_ms, fm);
          portrait = p != NULL && p->status == RS_CHECK_PASS;
        }
      {
        double pc = process_cpu_ms () - pc0;
        g_array_append_val (total_pcpu, pc);
      }
      found = rs_photo_report_get_document_found (r);
      d = rs_photo_report_get_decode_ms (r);
      a = rs_photo_report_get_analyse_ms (r);
      g_array_append_val (total, ms);
      g_array_append_val (decode, d);
      g_array_append_val (analyse, a);
    }
  {
    /* the localiser's share of the analysis */
    g_autoptr(GdkPixbuf) work = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, &error);
    g_assert_no_error (error);
    for (int i = 0; i < runs; i++)
      {
        RsLocateResult res;
        RsLocateOptions opts = { 0, 1.586 };
        gint64 t0 = g_get_monotonic_time ();
        double ms;

        rs_locate_document (gdk_pixbuf_read_pixels (work), gdk_pixbuf_get_width (work),
                            gdk_pixbuf_get_height (work), gdk_pixbuf_get_rowstride (work),
                            gdk_pixbuf_get_n_channels (work), &opts, &res);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (locate, ms);

        /* the reader's share: it looks for the card's number line */
        t0 = g_get_monotonic_time ();
        {
          g_autoptr(RsReadResult) rr = rs_read_document (gdk_pixbuf_read_pixels (work),
                                                         gdk_pixbuf_get_width (work),
                                                         gdk_pixbuf_get_height (work),
                                                         gdk_pixbuf_get_rowstride (work),
                                                         gdk_pixbuf_get_n_channels (work),
                                                         res.found ? &res.quad : NULL,
                                                         RS_SLOT_ID_FRONT, NULL);
        }
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (read_ms, ms);
      }
  }

  rs_test_card_quad (1280, 720, 620, 3, &q);
  frame = rs_test_render_card (1280, 720, &q, 42);
  for (int i = 0; i < frames; i++)
    {
      gint64 c0 = cpu_us (), t0 = g_get_monotonic_time ();
      g_autoptr(RsPhotoReport) r = rs_photo_check_frame (gdk_pixbuf_read_pixels (frame), 1280, 720,
                                                         gdk_pixbuf_get_rowstride (frame), 3,
                                                         NULL, RS_SLOT_ID_FRONT, NULL);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;
      double cms = (cpu_us () - c0) / 1000.0;

      g_array_append_val (live_cpu, cms);
      RsLocateResult res;
      RsLocateOptions opts = { 320, 1.586 };

      g_array_append_val (live, ms);
      t0 = g_get_monotonic_time ();
      rs_locate_document (gdk_pixbuf_read_pixels (frame), 1280, 720, gdk_pixbuf_get_rowstride (frame),
                          3, &opts, &res);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (live_locate, ms);
    }

  printf ("load average at start: %s", load);
  {
    GStatBuf st;
    if (g_stat (path, &st) == 0)
      printf ("test photo: %s, %.2f MB\n", path, st.st_size / 1e6);
  }
  printf ("12 MP JPEG (4000×3000, quality 90), end to end, median of %d: %.1f ms wall, %.1f ms CPU of the calling thread "
          "(wall: decode %.1f ms, analyse %.1f ms of which localiser %.1f ms, reading %.1f ms); "
          "document found: %s\n",
          runs, median (total), median (total_cpu), median (decode), median (analyse), median (locate),
          median (read_ms), found ? "yes" : "no");
  printf ("  of which content checks %.1f ms wall (face detection %.1f ms); process CPU %.1f ms; "
          "portrait found: %s\n",
          content_ms->len ? median (content_ms) : -1.0, face_ms->len ? median (face_ms) : -1.0,
          median (total_pcpu), portrait ? "yes" : "no");
  printf ("1280×720 live frame, median of %d: %.2f ms wall, %.2f ms CPU (localiser %.2f ms wall)\n",
          frames, median (live), median (live_cpu), median (live_locate));

  {
    const char *child_argv[] = { argv[0], "--child", path, NULL };
    g_autofree char *out = NULL;
    int status = 0;

    if (g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                      &status, &error) && g_spawn_check_wait_status (status, NULL))
      {
        long before = 0, after = 0;
        if (sscanf (out, "%ld %ld", &before, &after) == 2)
          printf ("peak memory of one 12 MP check in a fresh process (VmHWM): %.1f MB "
                  "(%.1f MB before the check)\n", after / 1024.0, before / 1024.0);
      }
    else
      printf ("peak memory: child failed: %s\n", error ? error->message : "exit status");
  }

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
