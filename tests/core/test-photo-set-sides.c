/* test-photo-set-sides.c: the photo model's set-level content checks — the
 * card's two sides swapped between their slots, and the same side in two
 * slots from different shots.  The scenes carry the real face photo the
 * content tests use (tests/common/rs-test-fixtures.c); without it the test
 * is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "rs-content.h"
#include "rs-photo-set.h"
#include "rs-test-fixtures.h"

#define FACE_PHOTO "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

typedef struct {
  char       *dir;
  RsSession  *session;
  RsProfile  *profile;
  RsPhotoSet *set;
} Fixture;

static char *
write_scene (Fixture    *f,
             const char *name,
             RsTestScene scene,
             double      angle,
             guint       seed)
{
  RsQuad q;
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GdkPixbuf) pb = NULL;

  rs_test_scene_quad (1600, 1200, angle, 0, 0, &q);
  pb = rs_test_scene_photo_at (scene, 1600, 1200, &q, seed);
  rs_test_save_jpeg (pb, path);
  return path;
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(RsPhotoReport) report = rs_photo_set_check_finish (RS_PHOTO_SET (source), result,
                                                               NULL, NULL);

  g_assert_nonnull (report);
  *done = TRUE;
}

static void
put (Fixture    *f,
     const char *slot,
     const char *path)
{
  gboolean done = FALSE;

  rs_session_set_photo (f->session, slot, path);
  rs_photo_set_check_async (f->set, slot, path, f->profile, 0, NULL, on_checked, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static RsPhotoReport *
report_of (Fixture    *f,
           const char *slot)
{
  return rs_photo_set_lookup (f->set, slot, rs_session_get_photo (f->session, slot), f->profile, NULL);
}

static gboolean
fixture_open (Fixture *f)
{
  if (!g_file_test (g_getenv ("RS_TEST_FACE_PHOTO") ? g_getenv ("RS_TEST_FACE_PHOTO") : FACE_PHOTO,
                    G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the face photo (python3-skimage) is not installed");
      return FALSE;
    }
  f->dir = g_dir_make_tmp ("rs-photo-set-sides-XXXXXX", NULL);
  f->session = rs_session_new ();
  f->profile = rs_profile_load_builtin ("generic", NULL);
  g_assert_nonnull (f->profile);
  rs_session_set_profile (f->session, f->profile);
  rs_session_set_document_type (f->session, RS_DOC_CN_RIC);
  f->set = rs_photo_set_for_session (f->session);
  return TRUE;
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->session);
  g_clear_object (&f->profile);
  if (f->dir != NULL)
    rs_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_swapped (void)
{
  Fixture f = { 0 };
  g_autofree char *front = NULL, *back = NULL;
  const char *a = NULL, *b = NULL;
  const RsPhotoFinding *side;

  if (!fixture_open (&f))
    return;
  front = write_scene (&f, "front.jpg", RS_TEST_SCENE_CARD_FRONT, 3, 7);
  back = write_scene (&f, "back.jpg", RS_TEST_SCENE_CARD_BACK, -2, 8);

  /* each side in its slot: nothing to swap */
  put (&f, RS_SLOT_ID_FRONT, front);
  put (&f, RS_SLOT_ID_BACK, back);
  g_assert_false (rs_photo_set_sides_swapped (f.set, f.session, f.profile, &a, &b));
  g_assert_null (a);
  g_assert_cmpint (rs_photo_report_find_finding (report_of (&f, RS_SLOT_ID_FRONT),
                                                 RS_CHECK_DOCUMENT_SIDE)->status, ==, RS_CHECK_PASS);

  /* the two photos swapped: each slot says so, and the set offers the swap */
  put (&f, RS_SLOT_ID_FRONT, back);
  put (&f, RS_SLOT_ID_BACK, front);
  g_assert_true (rs_photo_set_sides_swapped (f.set, f.session, f.profile, &a, &b));
  g_assert_cmpstr (a, ==, RS_SLOT_ID_FRONT);
  g_assert_cmpstr (b, ==, RS_SLOT_ID_BACK);
  side = rs_photo_report_find_finding (report_of (&f, RS_SLOT_ID_FRONT), RS_CHECK_DOCUMENT_SIDE);
  g_assert_nonnull (side);
  g_assert_cmpint (side->status, ==, RS_CHECK_FAIL);
  g_assert_cmpstr (side->message, ==, "This looks like the back of the card; put it in the back slot.");
  /* the wrong side is the headline, not a pixel issue */
  g_assert_cmpstr (rs_photo_report_get_guidance_id (report_of (&f, RS_SLOT_ID_FRONT)), ==,
                   RS_CHECK_DOCUMENT_SIDE);
  side = rs_photo_report_find_finding (report_of (&f, RS_SLOT_ID_BACK), RS_CHECK_DOCUMENT_SIDE);
  g_assert_cmpint (side->status, ==, RS_CHECK_FAIL);

  /* only one of them wrong: not a swap */
  put (&f, RS_SLOT_ID_BACK, back);
  g_assert_false (rs_photo_set_sides_swapped (f.set, f.session, f.profile, NULL, NULL));
  fixture_close (&f);
}

static void
test_same_side (void)
{
  Fixture f = { 0 };
  g_autofree char *front = NULL, *front2 = NULL, *back = NULL;
  const char *slots[] = { RS_SLOT_ID_FRONT, RS_SLOT_ID_BACK, NULL };
  RsPhotoReport *reports[2];

  if (!fixture_open (&f))
    return;
  front = write_scene (&f, "front.jpg", RS_TEST_SCENE_CARD_FRONT, 3, 7);
  front2 = write_scene (&f, "front2.jpg", RS_TEST_SCENE_CARD_FRONT, -6, 7);
  back = write_scene (&f, "back.jpg", RS_TEST_SCENE_CARD_BACK, -2, 8);

  put (&f, RS_SLOT_ID_FRONT, front);
  put (&f, RS_SLOT_ID_BACK, back);
  g_assert_null (rs_photo_set_find_same_document (f.set, f.session, f.profile, RS_SLOT_ID_FRONT, slots));

  /* another shot of the portrait side in the back slot: not the same photo,
   * but the same side */
  put (&f, RS_SLOT_ID_BACK, front2);
  g_assert_false (rs_photo_report_same_photo (report_of (&f, RS_SLOT_ID_FRONT),
                                              report_of (&f, RS_SLOT_ID_BACK)));
  g_assert_cmpstr (rs_photo_set_find_same_document (f.set, f.session, f.profile, RS_SLOT_ID_FRONT, slots),
                   ==, RS_SLOT_ID_BACK);
  g_assert_cmpstr (rs_photo_set_find_same_document (f.set, f.session, f.profile, RS_SLOT_ID_BACK, slots),
                   ==, RS_SLOT_ID_FRONT);

  /* the checker's set level marks both (on copies: the model's reports
   * stay as they are) */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RsPhotoReport) r0 = rs_photo_check_file (front, f.profile, RS_SLOT_ID_FRONT, NULL, &error);
    g_autoptr(RsPhotoReport) r1 = rs_photo_check_file (front2, f.profile, RS_SLOT_ID_BACK, NULL, &error);

    g_assert_no_error (error);
    reports[0] = r0;
    reports[1] = r1;
    g_assert_cmpuint (rs_photo_set_check (reports, 2), ==, 0);
    for (int i = 0; i < 2; i++)
      {
        const RsPhotoFinding *same = rs_photo_report_find_finding (reports[i], RS_CHECK_DOCUMENT_SAME);

        g_assert_nonnull (same);
        g_assert_cmpint (same->status, ==, RS_CHECK_FAIL);
        g_assert_cmpint (rs_photo_report_get_verdict (reports[i]), ==, RS_CHECK_FAIL);
      }
  }
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/photo-set/sides-swapped", test_swapped);
  g_test_add_func ("/photo-set/same-side", test_same_side);
  return g_test_run ();
}
