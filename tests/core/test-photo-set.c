/* test-photo-set.c: the photo model checks each photo once per change,
 * shares its reports, and finds the same picture in two slots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <utime.h>

#include "rs-bundle.h"
#include "rs-counters.h"
#include "rs-photo-set.h"

/* A textured picture; @seed changes it enough to be another photo. */
static char *
write_photo (const char *dir,
             const char *name,
             guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  char *path = g_build_filename (dir, name, NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int cx = g_rand_int_range (rand, 100, 540), cy = g_rand_int_range (rand, 100, 380);

  for (int y = 0; y < 480; y++)
    for (int x = 0; x < 640; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        int v = d < 90 * 90 ? 230 : 40 + (x * 3 + y * 2 + (int) seed * 37) % 120;

        p[0] = v;
        p[1] = (v + y) % 256;
        p[2] = (v + x) % 256;
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return path;
}

typedef struct {
  RsPhotoReport *report;
  GdkPixbuf     *preview;
  GError        *error;
  gboolean       done;
} Result;

static void
result_clear (Result *r)
{
  g_clear_object (&r->report);
  g_clear_object (&r->preview);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->report = rs_photo_set_check_finish (RS_PHOTO_SET (source), result, &r->preview, &r->error);
  r->done = TRUE;
}

static void
check (RsPhotoSet   *set,
       const char   *slot,
       const char   *path,
       int           preview_size,
       GCancellable *cancellable,
       Result       *r)
{
  result_clear (r);
  rs_photo_set_check_async (set, slot, path, NULL, preview_size, cancellable, on_checked, r);
  /* Never synchronous: the answer comes from the main loop. */
  g_assert_false (r->done);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_report_changed (RsPhotoSet *set,
                   const char *slot,
                   guint      *n)
{
  (*n)++;
}

static void
test_once_per_photo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rs-photo-set-XXXXXX", NULL);
  g_autofree char *a = write_photo (dir, "a.png", 1);
  g_autofree char *b = write_photo (dir, "b.png", 2);
  g_autoptr(RsSession) session = rs_session_new ();
  RsPhotoSet *set = rs_photo_set_for_session (session);
  const char *slots[] = { RS_SLOT_ID_FRONT, RS_SLOT_ID_BACK, NULL };
  g_autoptr(RsPhotoReport) first = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };
  guint changed = 0;

  g_assert_true (rs_photo_set_for_session (session) == set);
  g_signal_connect (set, "report-changed", G_CALLBACK (on_report_changed), &changed);
  rs_counters_reset ();

  /* Import: one decode and one check give the report and the preview. */
  check (set, RS_SLOT_ID_FRONT, a, 320, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.report);
  g_assert_nonnull (r.preview);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (r.preview), gdk_pixbuf_get_height (r.preview)), <=, 320);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_DECODE), ==, 1);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  first = g_object_ref (r.report);
  rs_session_set_photo (session, RS_SLOT_ID_FRONT, a);
  g_assert_true (rs_photo_set_lookup (set, RS_SLOT_ID_FRONT, a, NULL, NULL) == first);

  /* Review: the same report, nothing decoded or checked. */
  check (set, RS_SLOT_ID_FRONT, a, 0, NULL, &r);
  g_assert_true (r.report == first);
  g_assert_null (r.preview);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_DECODE), ==, 1);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 1);

  /* Pages built again: a preview needs a decode, not a check. */
  check (set, RS_SLOT_ID_FRONT, a, 320, NULL, &r);
  g_assert_true (r.report == first);
  g_assert_nonnull (r.preview);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_DECODE), ==, 2);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 1);

  /* Set level: the same file in another slot is the same picture; the
   * reports stay as the checker made them. */
  check (set, RS_SLOT_ID_BACK, a, 0, NULL, &r);
  rs_session_set_photo (session, RS_SLOT_ID_BACK, a);
  g_assert_cmpstr (rs_photo_set_find_duplicate (set, session, NULL, RS_SLOT_ID_FRONT, slots), ==,
                   RS_SLOT_ID_BACK);
  g_assert_null (rs_photo_report_find_finding (first, RS_CHECK_DUPLICATE));
  check (set, RS_SLOT_ID_BACK, b, 0, NULL, &r);
  rs_session_set_photo (session, RS_SLOT_ID_BACK, b);
  g_assert_null (rs_photo_set_find_duplicate (set, session, NULL, RS_SLOT_ID_FRONT, slots));
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 3);

  /* A cancelled check stores nothing. */
  g_cancellable_cancel (cancellable);
  changed = 0;
  check (set, RS_SLOT_ID_BACK, a, 0, cancellable, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.report);
  g_assert_cmpuint (changed, ==, 0);

  /* A file changed in place is checked again. */
  g_assert_cmpint (g_unlink (a), ==, 0);
  g_free (write_photo (dir, "a.png", 3));
  {
    /* (a later time even within the same second) */
    struct utimbuf times = { .actime = 1e9, .modtime = 1e9 };
    g_assert_cmpint (g_utime (a, &times), ==, 0);
  }
  g_assert_null (rs_photo_set_lookup (set, RS_SLOT_ID_FRONT, a, NULL, NULL));

  /* A photo put back in its slot is not checked again. */
  g_assert_nonnull (rs_photo_set_lookup (set, RS_SLOT_ID_BACK, b, NULL, NULL));
  check (set, RS_SLOT_ID_BACK, b, 0, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 3);

  /* "Delete all my data": the model and its reports go with the photos. */
  g_object_add_weak_pointer (G_OBJECT (set), (gpointer *) &set);
  rs_session_reset (session);
  g_assert_null (set);
  set = rs_photo_set_for_session (session);
  g_assert_null (rs_photo_set_lookup (set, RS_SLOT_ID_BACK, b, NULL, NULL));

  result_clear (&r);
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rs-photo-set-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.jpg", NULL);
  g_autoptr(RsPhotoSet) set = rs_photo_set_new ();
  const GError *stored = NULL;
  Result r = { 0 };

  g_assert_true (g_file_set_contents (path, "not a photo", -1, NULL));
  check (set, RS_SLOT_ID_FRONT, path, 320, NULL, &r);
  g_assert_null (r.report);
  g_assert_nonnull (r.error);
  /* The error is kept for the pages to show, until the file changes. */
  g_assert_null (rs_photo_set_lookup (set, RS_SLOT_ID_FRONT, path, NULL, &stored));
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->message, ==, r.error->message);

  result_clear (&r);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
has_issue (GPtrArray  *issues,
           const char *key)
{
  for (guint i = 0; i < issues->len; i++)
    if (g_strcmp0 (((RsBundleIssue *) g_ptr_array_index (issues, i))->key, key) == 0)
      return TRUE;
  return FALSE;
}

/* The export's check takes the model's reports as they are: no decode, no
 * check; a photo the model has not seen is checked there.  The same
 * picture in two slots is found from the stored reports. */
static void
test_export_takes_reports (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rs-photo-set-XXXXXX", NULL);
  g_autofree char *a = write_photo (dir, "a.png", 1);
  g_autofree char *b = write_photo (dir, "b.png", 2);
  g_autofree char *target = g_build_filename (dir, "out", NULL);
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsProfile) profile = rs_profile_load_builtin ("generic", NULL);
  g_autoptr(RsBundleRequest) request = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  RsPhotoSet *set;
  Result r = { 0 };

  g_assert_nonnull (profile);
  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, RS_DOC_CN_RIC);
  set = rs_photo_set_for_session (session);
  request = rs_bundle_request_new (session, target);

  rs_session_set_photo (session, RS_SLOT_ID_FRONT, a);
  rs_session_set_photo (session, RS_SLOT_ID_BACK, b);
  result_clear (&r);
  rs_photo_set_check_async (set, RS_SLOT_ID_FRONT, a, profile, 0, NULL, on_checked, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  result_clear (&r);
  rs_photo_set_check_async (set, RS_SLOT_ID_BACK, b, profile, 0, NULL, on_checked, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (r.report);

  rs_counters_reset ();
  issues = rs_bundle_request_check (request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (issues);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_DECODE), ==, 0);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 0);
  g_assert_false (has_issue (issues, "photo:" RS_SLOT_ID_BACK ":" RS_CHECK_DUPLICATE));
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* The front photo in the back slot too: not in the model for that slot,
   * so checked once there, and a duplicate. */
  rs_session_set_photo (session, RS_SLOT_ID_BACK, a);
  issues = rs_bundle_request_check (request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 1);
  g_assert_true (has_issue (issues, "photo:" RS_SLOT_ID_BACK ":" RS_CHECK_DUPLICATE));
  g_assert_true (has_issue (issues, "photo:" RS_SLOT_ID_FRONT ":" RS_CHECK_DUPLICATE));

  result_clear (&r);
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/photo-set/once-per-photo", test_once_per_photo);
  g_test_add_func ("/photo-set/unreadable", test_unreadable);
  g_test_add_func ("/photo-set/export-takes-reports", test_export_takes_reports);
  return g_test_run ();
}
