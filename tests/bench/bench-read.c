/* bench-read: what reading the document adds to a photo's check.
 *
 * A 4000 × 3000 JPEG (quality 90, made here) of a passport page whose MRZ
 * is drawn with the OCR-B face, and one of a page without any code (the
 * reader then tries every orientation: its worst case).  For each: the
 * median CPU time of the whole check (reading included) and of the read
 * alone on the checker's working image, and in a fresh process the peak
 * resident memory (VmHWM) before and after the read.  A benchmark: it
 * asserts nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rs-photo-check.h"
#include "rs-read.h"
#include "rs-test-doc.h"

static const char *td3[] = {
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
  "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
  NULL,
};

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

static gint64
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
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

/* The working image and outline the checker reads on. */
static GdkPixbuf *
load_and_locate (const char *path,
                 RsLocateResult *loc)
{
  GdkPixbuf *pb = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, NULL);
  RsLocateOptions opts = { 0, 1.42 };

  g_assert_nonnull (pb);
  rs_locate_document (gdk_pixbuf_read_pixels (pb), gdk_pixbuf_get_width (pb),
                      gdk_pixbuf_get_height (pb), gdk_pixbuf_get_rowstride (pb),
                      gdk_pixbuf_get_n_channels (pb), &opts, loc);
  return pb;
}

static RsReadResult *
read_once (GdkPixbuf            *pb,
           const RsLocateResult *loc)
{
  return rs_read_document (gdk_pixbuf_read_pixels (pb), gdk_pixbuf_get_width (pb),
                           gdk_pixbuf_get_height (pb), gdk_pixbuf_get_rowstride (pb),
                           gdk_pixbuf_get_n_channels (pb), loc->found ? &loc->quad : NULL,
                           RS_SLOT_PASSPORT, NULL);
}

/* Child mode: peak memory before and after one read. */
static int
child (const char *path)
{
  RsLocateResult loc = { 0 };
  g_autoptr(GdkPixbuf) pb = load_and_locate (path, &loc);
  long before = vm_hwm_kib ();
  g_autoptr(RsReadResult) r = read_once (pb, &loc);

  printf ("%ld %ld\n", before, vm_hwm_kib ());
  return 0;
}

static void
measure (const char *self,
         const char *path,
         const char *what)
{
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (double));
  RsLocateResult loc = { 0 };
  g_autoptr(GdkPixbuf) pb = load_and_locate (path, &loc);
  g_autoptr(RsReadResult) last = NULL;

  for (int i = 0; i < 5; i++)
    {
      gint64 t0 = cpu_us ();
      g_autoptr(RsPhotoReport) r = rs_photo_check_file (path, NULL, RS_SLOT_PASSPORT, NULL, NULL);
      double ms = (cpu_us () - t0) / 1000.0;

      g_assert_nonnull (r);
      g_array_append_val (check, ms);
      t0 = cpu_us ();
      g_clear_pointer (&last, rs_read_result_unref);
      last = read_once (pb, &loc);
      ms = (cpu_us () - t0) / 1000.0;
      g_array_append_val (read, ms);
    }
  printf ("%s: whole check %.1f ms (CPU, median of 5), of which reading %.1f ms; read %s, valid %s\n",
          what, median (check), median (read),
          rs_read_result_get_source (last) == RS_READ_SOURCE_MRZ ? "an MRZ" : "nothing",
          rs_read_result_get_valid (last) ? "yes" : "no");

  {
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    const char *argv[] = { self, "--child", path, NULL };
    int status = 0;
    long before = 0, after = 0;

    if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                      &status, &error) && g_spawn_check_wait_status (status, NULL) &&
        sscanf (out, "%ld %ld", &before, &after) == 2)
      printf ("%s: peak memory (VmHWM) %.1f MB before the read, %.1f MB after: the read adds %.1f MB\n",
              what, before / 1024.0, after / 1024.0, (after - before) / 1024.0);
    else
      printf ("%s: memory: child failed\n", what);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  const char *none[] = { NULL };

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return child (argv[2]);
  if (!rs_test_doc_have_font ())
    {
      printf ("bench-read: the OCR-B face (fonts-ocr-b) is not installed, skipped\n");
      return 0;
    }
  dir = g_dir_make_tmp ("resubmit-bench-read-XXXXXX", NULL);
  with = g_build_filename (dir, "passport.jpg", NULL);
  without = g_build_filename (dir, "no-code.jpg", NULL);
  for (int k = 0; k < 2; k++)
    {
      g_autoptr(GdkPixbuf) doc = rs_test_doc_render (RS_TEST_DOC_PASSPORT, k == 0 ? td3 : none, 26);
      g_autoptr(GdkPixbuf) photo = NULL;
      RsTestShot shot;

      rs_test_shot_init (&shot);
      shot.width = 4000;
      shot.height = 3000;
      shot.rotate = 3;
      shot.tilt = 0.04;
      shot.blur = 2.0;
      shot.light = 0.2;
      photo = rs_test_doc_photo (doc, &shot, NULL);
      g_assert_true (gdk_pixbuf_save (photo, k == 0 ? with : without, "jpeg", NULL, "quality", "90", NULL));
    }
  measure (argv[0], with, "12 MP passport photo");
  measure (argv[0], without, "12 MP page without a code");
  g_unlink (with);
  g_unlink (without);
  g_rmdir (dir);
  return 0;
}
