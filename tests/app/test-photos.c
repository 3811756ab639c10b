/* test-photos.c: the Photos step with generated photos, through the same
 * code path as drag and drop, the file chooser, paste and "Open With".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-application.h"
#include "rs-navigator.h"
#include "rs-content.h"
#include "rs-counters.h"
#include "rs-photos-page.h"
#include "rs-read.h"
#include "rs-test-screenshot.h"
#include "rs-window.h"
#include "widgets/rs-photo-preview.h"
#include "widgets/rs-photo-slot.h"
#include "widgets/rs-photo-viewer.h"

#include "rs-test-content.h"
#include "rs-test-fixtures.h"

#define FIX_W 1600
#define FIX_H 1200
#define CHECK_TIMEOUT_MS 30000

static RsApplication *app;
static char *fixture_dir;

static char *
fixture_path (const char *name)
{
  return g_build_filename (fixture_dir, name, NULL);
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = fixture_path (name);
  return g_file_new_for_path (path);
}

static guint32
png_crc (const guint8 *data,
         gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

static void
make_fixtures (void)
{
  struct {
    const char *name;
    RsTestScene scene;
    double      angle;
    double      tilt;
    double      shift;
    gboolean    glare;
  } fixtures[] = {
    { "front.jpg", RS_TEST_SCENE_CARD_FRONT, 0, 0, 0, FALSE },
    { "back.jpg", RS_TEST_SCENE_CARD_BACK, 0, 0, 0, FALSE },
    { "selfie.jpg", RS_TEST_SCENE_SELFIE, 0, 0, 0, FALSE },
    /* Off the right edge: two corners cut off. */
    { "cut.jpg", RS_TEST_SCENE_CARD_FRONT, 3, 0, 0.35, FALSE },
    /* Photographed turned and at an angle: skew warning. */
    { "skewed.jpg", RS_TEST_SCENE_CARD_BACK, 14, 0.12, 0, FALSE },
    /* A lamp reflected on the card. */
    { "glare.jpg", RS_TEST_SCENE_CARD_FRONT, 0, 0, 0, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *front = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  gsize len;

  fixture_dir = g_dir_make_tmp ("test-photos-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *p = fixture_path (fixtures[i].name);
      g_assert_true (rs_test_write_scene (p, fixtures[i].scene, FIX_W, FIX_H, fixtures[i].angle,
                                          fixtures[i].tilt, fixtures[i].shift, fixtures[i].glare,
                                          &error));
      g_assert_no_error (error);
    }

  /* A thumb over the bottom-left corner of the card (document.occluded),
   * and two cards side by side (document.count). */
  {
    RsQuad q, qa, qb;
    g_autoptr(GdkPixbuf) covered = NULL, ca = NULL, cb = NULL, both = NULL;
    g_autofree char *p = fixture_path ("thumb.jpg");

    rs_test_scene_quad (FIX_W, FIX_H, 6, 0, 0, &q);
    covered = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_FRONT, FIX_W, FIX_H, &q, 41);
    rs_test_draw_thumb (covered, &q, 3, 2, 0.04, 7);
    rs_test_save_jpeg (covered, p);
    g_clear_pointer (&p, g_free);

    rs_test_scene_quad (FIX_W / 2, FIX_H, 85, 0, 0, &qa);
    rs_test_scene_quad (FIX_W / 2, FIX_H, 92, 0, 0, &qb);
    ca = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_FRONT, FIX_W / 2, FIX_H, &qa, 71);
    cb = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_BACK, FIX_W / 2, FIX_H, &qb, 72);
    both = rs_test_side_by_side (ca, cb, 0);
    p = fixture_path ("two-cards.jpg");
    rs_test_save_jpeg (both, p);
    g_clear_pointer (&p, g_free);
  }
  /* A passport page whose code reads, and the same page with its code
   * smeared (the two lines are seen but do not read). */
  {
    g_autoptr(GdkPixbuf) page = rs_test_scene_photo (RS_TEST_SCENE_PASSPORT, FIX_W, FIX_H, 5, 0.05);
    g_autofree char *p = fixture_path ("passport.jpg");

    rs_test_save_jpeg (page, p);
    g_clear_pointer (&p, g_free);
    rs_test_scene_smear_code (page, 3.0);
    p = fixture_path ("passport-unread.jpg");
    rs_test_save_jpeg (page, p);
  }
  /* Two people in the selfie (face.count), from the scenes' real face. */
  {
    g_autofree char *face_path = NULL;
    g_autoptr(GdkPixbuf) photo = rs_test_load_face_photo (&face_path);
    g_autoptr(GdkPixbuf) crop = NULL, half = NULL, two = NULL;
    g_autofree char *p = fixture_path ("two-faces.jpg");

    if (photo == NULL)
      g_error ("%s is missing: install python3-skimage (build-aux/dev does)", face_path);
    crop = rs_test_face_crop (photo);
    half = rs_test_selfie_from (crop, FIX_W / 2, FIX_H, 0.8, 0.5, 0.45);
    two = rs_test_side_by_side (half, half, 0);
    rs_test_save_jpeg (two, p);
  }

  /* The front again, re-encoded as PNG: the same picture, another file. */
  front = fixture_path ("front.jpg");
  pixbuf = gdk_pixbuf_new_from_file (front, &error);
  g_assert_no_error (error);
  path = fixture_path ("front-copy.png");
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);

  /* Bad input: text named .jpg, and a JPEG cut short. */
  path = fixture_path ("notes.jpg");
  g_assert_true (g_file_set_contents (path, "These are my notes, not a photo.\n", -1, &error));
  g_clear_pointer (&path, g_free);
  g_assert_true (g_file_get_contents (front, &data, &len, &error));
  path = fixture_path ("truncated.jpg");
  g_assert_true (g_file_set_contents (path, data, 1500, &error));
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);

  /* A PNG whose header claims 20000 × 20000 pixels: refused unread. */
  {
    static const guint8 sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    guint8 ihdr[17] = { 'I', 'H', 'D', 'R', 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0 };
    guint8 buf[8 + 4 + 17 + 4];
    guint32 crc = png_crc (ihdr, sizeof ihdr);

    memcpy (buf, sig, 8);
    buf[8] = 0; buf[9] = 0; buf[10] = 0; buf[11] = 13;
    memcpy (buf + 12, ihdr, 17);
    buf[29] = crc >> 24; buf[30] = (crc >> 16) & 0xff; buf[31] = (crc >> 8) & 0xff; buf[32] = crc & 0xff;
    path = fixture_path ("huge.png");
    g_assert_true (g_file_set_contents (path, (const char *) buf, sizeof buf, &error));
    g_assert_no_error (error);
  }
}

static char *
checksum_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Window with the real wizard, on the Photos step. */

typedef struct {
  RsWindow     *window;
  RsNavigator  *navigator;
  RsSession    *session;
  RsPhotosPage *page;
} Fixture;

static void
fixture_open (Fixture    *f,
              const char *document_type,
              RsReason    reasons)
{
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  guint step = G_MAXUINT;

  f->window = rs_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 760, 1300);
  gtk_window_present (GTK_WINDOW (f->window));
  f->navigator = rs_window_get_navigator (f->window);
  f->session = rs_window_get_session (f->window);

  profile = rs_profile_load_builtin ("generic", &error);
  g_assert_no_error (error);
  rs_session_set_profile (f->session, profile);
  rs_session_set_document_type (f->session, document_type);
  rs_session_set_reasons (f->session, reasons);

  for (guint i = 0; i < rs_navigator_get_n_pages (f->navigator); i++)
    if (RS_IS_PHOTOS_PAGE (rs_navigator_get_page (f->navigator, i)))
      step = i;
  /* Registered third, after Start and Details. */
  g_assert_cmpuint (step, ==, 2);
  rs_navigator_go_to_step (f->navigator, step);
  f->page = RS_PHOTOS_PAGE (rs_navigator_get_page (f->navigator, step));
  g_assert_true (rs_test_wait_mapped (GTK_WIDGET (f->page), 5000));
}

static void
fixture_close (Fixture *f)
{
  AdwMessageDialog *dialog;

  while ((dialog = rs_test_find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  rs_test_wait_idle (1000);
}

static gboolean
page_idle (gpointer data)
{
  return !rs_photos_page_get_busy (data);
}

static void
wait_for_checks (Fixture *f)
{
  /* A timeout is a failure: checks must finish. */
  g_assert_true (rs_test_wait_until (page_idle, f->page, CHECK_TIMEOUT_MS));
  rs_test_wait_idle (1000);
}

/* Next's sensitivity.  While the Photos step is the last registered step
 * the navigator shows no Next at all, so the page's "complete" (which
 * drives Next) is what counts; otherwise the window's action must agree. */
static gboolean
next_enabled (Fixture *f)
{
  gboolean complete = rs_page_get_complete (RS_PAGE (f->page));

  if (rs_navigator_get_step (f->navigator) + 1 < rs_navigator_get_n_pages (f->navigator))
    g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "next"), ==, complete);
  return complete;
}

static RsPhotoSlot *
slot (Fixture    *f,
      const char *id)
{
  RsPhotoSlot *s = rs_photos_page_find_slot (f->page, id);
  g_assert_nonnull (s);
  return s;
}

static void
add (Fixture    *f,
     const char *name,
     const char *target)
{
  g_autoptr(GFile) file = fixture_file (name);
  guint n = rs_photos_page_add_files (f->page, &file, 1, target);

  g_assert_cmpuint (n, ==, 1);
}

static gboolean
shows_finding (RsPhotoSlot *s,
               const char  *id)
{
  g_auto(GStrv) ids = rs_photo_slot_dup_shown_finding_ids (s);
  return g_strv_contains ((const char * const *) ids, id);
}

static const RsPhotoFinding *
finding (RsPhotoSlot *s,
         const char  *id)
{
  RsPhotoReport *report = rs_photo_slot_get_report (s);

  g_assert_nonnull (report);
  return rs_photo_report_find_finding (report, id);
}

static gboolean
same_file (GFile      *file,
           const char *name)
{
  g_autoptr(GFile) expected = fixture_file (name);
  return file != NULL && g_file_equal (file, expected);
}

/* Tests */

static void
test_slots (void)
{
  Fixture f = { 0 };
  GtkWidget *take;
  RsPhotoSlot *s;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);

  /* Mainland ID card under the generic profile: both sides and a selfie. */
  g_assert_cmpuint (rs_photos_page_get_n_slots (f.page), ==, 3);
  g_assert_cmpstr (rs_photo_slot_get_slot_id (rs_photos_page_get_slot (f.page, 0)), ==, RS_SLOT_ID_FRONT);
  g_assert_cmpstr (rs_photo_slot_get_slot_id (rs_photos_page_get_slot (f.page, 1)), ==, RS_SLOT_ID_BACK);
  g_assert_cmpstr (rs_photo_slot_get_slot_id (rs_photos_page_get_slot (f.page, 2)), ==, RS_SLOT_SELFIE);
  g_assert_cmpstr (rs_photo_slot_get_title (slot (&f, RS_SLOT_ID_FRONT)), ==,
                   rs_slot_get_name_for_document (RS_SLOT_ID_FRONT, RS_DOC_CN_RIC));
  g_assert_false (next_enabled (&f));
  g_assert_false (rs_page_get_complete (RS_PAGE (f.page)));

  /* Each empty slot shows its drawn example. */
  s = slot (&f, RS_SLOT_ID_BACK);
  g_assert_nonnull (rs_test_find_widget (GTK_WIDGET (s), g_type_from_name ("RsSlotExample"), NULL));
  g_assert_true (gtk_widget_get_mapped (rs_test_find_widget (GTK_WIDGET (s), g_type_from_name ("RsSlotExample"), NULL)));

  /* "Take Photo" is there (the camera hook attaches itself) and follows
   * the camera's availability. */
  take = rs_test_find_widget (GTK_WIDGET (s), GTK_TYPE_BUTTON, "take-photo");
  g_assert_nonnull (take);
  g_assert_true (gtk_widget_get_visible (take));
  rs_photos_page_set_camera_available (f.page, FALSE);
  g_assert_false (gtk_widget_get_visible (take));
  rs_photos_page_set_camera_available (f.page, TRUE);
  g_assert_true (gtk_widget_get_visible (take));

  /* A passport needs its photo page (and the selfie). */
  rs_session_set_document_type (f.session, RS_DOC_PASSPORT);
  rs_test_wait_idle (1000);
  g_assert_cmpuint (rs_photos_page_get_n_slots (f.page), ==, 2);
  g_assert_cmpstr (rs_photo_slot_get_slot_id (rs_photos_page_get_slot (f.page, 0)), ==, RS_SLOT_PASSPORT);
  g_assert_cmpstr (rs_photo_slot_get_slot_id (rs_photos_page_get_slot (f.page, 1)), ==, RS_SLOT_SELFIE);
  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-empty-passport");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, empty", NULL);

  fixture_close (&f);
}

/* @tolerance: fraction of the photo's width; corners outside the photo
 * are extrapolated by the localiser, so they get more. */
static void
assert_outline_near_fixture (RsPhotoSlot *s,
                             double       angle,
                             double       tilt,
                             double       shift,
                             double       tolerance)
{
  RsPhotoPreview *preview = rs_photo_slot_get_preview (s);
  GdkTexture *texture = rs_photo_preview_get_texture (preview);
  RsQuad expected;
  double scale;
  RsQuad quad;

  g_assert_nonnull (texture);
  g_assert_true (rs_photo_preview_get_outline (preview, &quad));
  scale = (double) gdk_texture_get_width (texture) / FIX_W;
  rs_test_scene_quad (FIX_W, FIX_H, angle, tilt, shift, &expected);
  /* The drawn outline is where the card is. */
  for (int i = 0; i < 4; i++)
    {
      double best = G_MAXDOUBLE;
      for (int j = 0; j < 4; j++)
        best = MIN (best, hypot (quad.p[i].x - expected.p[j].x * scale,
                                 quad.p[i].y - expected.p[j].y * scale));
      g_assert_cmpfloat (best, <, tolerance * FIX_W * scale);
    }
}

/* Sends @keyval to the first key controller of @widget, as a key press. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        {
          g_signal_emit_by_name (c, "key-pressed", keyval, 0, 0, &handled);
          break;
        }
    }
  return handled;
}

static GtkWindow *
find_viewer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not owned */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (RS_IS_PHOTO_VIEWER (w))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static void
test_pass_and_gating (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front, *back, *selfie;
  g_autoptr(GFile) back_file = fixture_file ("back.jpg");
  g_autoptr(GFile) selfie_file = fixture_file ("selfie.jpg");
  GFile *two[2] = { back_file, selfie_file };
  g_autofree char *path = NULL;
  const char *guidance;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);
  back = slot (&f, RS_SLOT_ID_BACK);
  selfie = slot (&f, RS_SLOT_SELFIE);

  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  /* The check runs off the main thread; the slot says it is working. */
  g_assert_true (rs_photos_page_get_busy (f.page));
  g_assert_true (rs_photo_slot_get_busy (front));
  g_assert_true (gtk_widget_get_visible (rs_test_find_widget (GTK_WIDGET (front), GTK_TYPE_SPINNER, NULL)));
  g_assert_false (next_enabled (&f));
  wait_for_checks (&f);
  g_assert_false (rs_photo_slot_get_busy (front));

  /* Findings shown, with the measured values. */
  g_assert_true (shows_finding (front, RS_CHECK_DOCUMENT_FOUND));
  g_assert_true (shows_finding (front, RS_CHECK_DOCUMENT_SKEW));
  g_assert_true (shows_finding (front, RS_CHECK_SHARPNESS));
  g_assert_true (shows_finding (front, RS_CHECK_GLARE));
  g_assert_cmpint (rs_photo_report_get_verdict (rs_photo_slot_get_report (front)), ==, RS_CHECK_PASS);
  guidance = rs_photo_slot_get_guidance (front);
  g_assert_nonnull (guidance);
  g_assert_cmpstr (guidance, ==, rs_photo_report_get_guidance (rs_photo_slot_get_report (front)));
  /* The outline is drawn green, where the card is. */
  g_assert_cmpint (rs_photo_preview_get_outline_state (rs_photo_slot_get_preview (front)), ==, RS_OUTLINE_PASS);
  assert_outline_near_fixture (front, 0, 0, 0, 0.02);
  g_assert_true (rs_photo_slot_get_ready (front));
  g_assert_true (same_file (rs_photo_slot_get_file (front), "front.jpg"));
  path = fixture_path ("front.jpg");
  g_assert_cmpstr (rs_session_get_photo (f.session, RS_SLOT_ID_FRONT), ==, path);

  /* Other slots empty: Next stays off. */
  g_assert_false (next_enabled (&f));

  /* Two files, no target: the empty slots in order. */
  g_assert_cmpuint (rs_photos_page_add_files (f.page, two, 2, NULL), ==, 2);
  wait_for_checks (&f);
  g_assert_true (same_file (rs_photo_slot_get_file (back), "back.jpg"));
  g_assert_true (same_file (rs_photo_slot_get_file (selfie), "selfie.jpg"));
  g_assert_true (rs_photo_slot_get_ready (back));
  g_assert_true (rs_photo_slot_get_ready (selfie));
  g_assert_false (rs_photo_slot_get_is_duplicate (front));
  /* A selfie has no document outline. */
  g_assert_cmpint (rs_photo_preview_get_outline_state (rs_photo_slot_get_preview (selfie)), ==, RS_OUTLINE_NONE);

  g_assert_true (rs_page_get_complete (RS_PAGE (f.page)));
  g_assert_true (next_enabled (&f));

  /* More files than empty slots: says why not. */
  g_assert_cmpuint (rs_photos_page_add_files (f.page, two, 2, NULL), ==, 0);
  g_assert_nonnull (rs_photos_page_get_last_message (f.page));
  g_assert_nonnull (strstr (rs_photos_page_get_last_message (f.page),
                            g_dngettext (GETTEXT_PACKAGE, "Not added: every item already has a photo. Use “Replace” to change one.",
                                         "Not added: every item already has a photo. Use “Replace” to change one.", 2)));

  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-pass");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, passing photos", NULL);

  /* HIG: no suggested (blue) or destructive (red) button in a slot; Remove
   * is in the slot's menu, whose button names the slot. */
  {
    GtkWidget *choose = rs_test_find_widget (GTK_WIDGET (back), GTK_TYPE_BUTTON, "choose");
    GtkWidget *remove = rs_test_find_widget (GTK_WIDGET (back), GTK_TYPE_BUTTON, "remove");
    GtkWidget *more = rs_test_find_widget (GTK_WIDGET (back), GTK_TYPE_MENU_BUTTON, "more");

    g_assert_false (gtk_widget_has_css_class (choose, "suggested-action"));
    g_assert_false (gtk_widget_has_css_class (remove, "destructive-action"));
    g_assert_nonnull (more);
    g_assert_true (gtk_widget_get_visible (more));
    g_assert_true (gtk_widget_is_ancestor (remove, GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)))));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (more), rs_photo_slot_get_title (back)));
  }

  /* Space on a preview shows the photo large, with its outline; + zooms,
   * Escape closes. */
  {
    RsPhotoPreview *preview = rs_photo_slot_get_preview (front);
    GtkWindow *viewer;
    RsPhotoPreview *large;

    g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (preview)));
    g_assert_null (find_viewer ());
    g_assert_true (press_key (GTK_WIDGET (preview), GDK_KEY_space));
    viewer = find_viewer ();
    g_assert_nonnull (viewer);
    g_assert_cmpstr (gtk_window_get_title (viewer), ==, rs_photo_slot_get_title (front));
    large = RS_PHOTO_PREVIEW (rs_test_find_widget (GTK_WIDGET (viewer), RS_TYPE_PHOTO_PREVIEW, NULL));
    g_assert_cmpint (rs_photo_preview_get_outline_state (large), ==, RS_OUTLINE_PASS);
    g_assert_true (rs_test_wait_mapped (GTK_WIDGET (viewer), 5000));
    rs_test_screenshot (GTK_WIDGET (viewer), "photos-viewer");
    g_assert_cmpfloat (rs_photo_viewer_get_zoom (RS_PHOTO_VIEWER (viewer)), ==, 1.0);
    g_assert_true (press_key (GTK_WIDGET (viewer), GDK_KEY_plus));
    g_assert_cmpfloat (rs_photo_viewer_get_zoom (RS_PHOTO_VIEWER (viewer)), >, 1.0);
    rs_test_wait_idle (300);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (large)), >, 0);
    rs_test_screenshot (GTK_WIDGET (viewer), "photos-viewer-zoomed");
    {
      /* Zoomed about the middle, not the top left corner. */
      GtkWidget *scrolled = rs_test_find_widget (GTK_WIDGET (viewer), GTK_TYPE_SCROLLED_WINDOW, NULL);
      GtkAdjustment *ha = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
      double middle = gtk_adjustment_get_value (ha) + gtk_adjustment_get_page_size (ha) / 2;

      g_assert_cmpfloat (fabs (middle - gtk_adjustment_get_upper (ha) / 2), <, 4);
    }
    g_assert_true (press_key (GTK_WIDGET (viewer), GDK_KEY_minus));
    g_assert_cmpfloat (rs_photo_viewer_get_zoom (RS_PHOTO_VIEWER (viewer)), ==, 1.0);
    g_assert_true (press_key (GTK_WIDGET (viewer), GDK_KEY_Escape));
    rs_test_wait_idle (500);
    g_assert_null (find_viewer ());
  }

  /* Remove is one click; Undo brings the photo back. */
  rs_photos_page_remove (f.page, RS_SLOT_ID_BACK);
  g_assert_null (rs_photo_slot_get_file (back));
  g_assert_null (rs_session_get_photo (f.session, RS_SLOT_ID_BACK));
  g_assert_false (next_enabled (&f));
  g_assert_true (rs_photos_page_undo (f.page));
  g_assert_true (same_file (rs_photo_slot_get_file (back), "back.jpg"));
  g_assert_nonnull (rs_session_get_photo (f.session, RS_SLOT_ID_BACK));
  g_assert_true (next_enabled (&f));
  g_assert_false (rs_photos_page_undo (f.page));

  fixture_close (&f);
}

/* The step at a phone's width, a laptop's and full HD: nothing needs more
 * than 360 px, and the previews grow with the window. */
static void
test_window_sizes (void)
{
  const int sizes[][2] = { { 360, 640 }, { 1280, 900 }, { 1920, 1080 } };
  Fixture f = { 0 };
  RsPhotoSlot *front;
  int last_width = 0;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);
  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("photos-%dx%d", sizes[i][0], sizes[i][1]);
      GtkWidget *preview = GTK_WIDGET (rs_photo_slot_get_preview (front));
      int minimum = 0, width;

      gtk_widget_measure (GTK_WIDGET (f.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, 360);
      gtk_window_set_default_size (GTK_WINDOW (f.window), sizes[i][0], sizes[i][1]);
      rs_test_wait_idle (1000);
      rs_test_wait_frame (GTK_WIDGET (f.window), 1000);
      width = gtk_widget_get_width (preview);
      g_test_message ("%s: preview %d×%d", name, width, gtk_widget_get_height (preview));
      g_assert_cmpint (width, >=, last_width);
      last_width = width;
      rs_test_screenshot (GTK_WIDGET (f.window), name);
    }
  /* Full HD: far larger than the old 110×190. */
  g_assert_cmpint (last_width, >=, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (rs_photo_slot_get_preview (front))), >=, 250);

  fixture_close (&f);
}

static void
test_duplicate (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front, *back;
  g_auto(GStrv) ids = NULL;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);
  back = slot (&f, RS_SLOT_ID_BACK);

  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  add (&f, "selfie.jpg", RS_SLOT_SELFIE);
  /* The same picture as another file (re-encoded PNG). */
  add (&f, "front-copy.png", RS_SLOT_ID_BACK);
  wait_for_checks (&f);

  g_assert_true (rs_photo_slot_get_is_duplicate (front));
  g_assert_true (rs_photo_slot_get_is_duplicate (back));
  ids = rs_photo_slot_dup_shown_finding_ids (back);
  g_assert_cmpstr (ids[0], ==, RS_CHECK_DUPLICATE);
  g_assert_false (rs_photo_slot_get_ready (back));
  g_assert_false (next_enabled (&f));

  /* Replacing it (drop on the slot = the same call) clears the failure. */
  add (&f, "back.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  g_assert_false (rs_photo_slot_get_is_duplicate (front));
  g_assert_false (rs_photo_slot_get_is_duplicate (back));
  g_assert_true (next_enabled (&f));
  /* Replace can be undone. */
  g_assert_nonnull (rs_photos_page_get_last_message (f.page));

  /* The very same file twice. */
  add (&f, "front.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  g_assert_true (rs_photo_slot_get_is_duplicate (back));
  g_assert_false (next_enabled (&f));
  g_assert_true (rs_photos_page_undo (f.page));
  g_assert_true (same_file (rs_photo_slot_get_file (back), "back.jpg"));
  g_assert_false (rs_photo_slot_get_is_duplicate (back));
  g_assert_true (next_enabled (&f));

  fixture_close (&f);
}

static void
test_failing (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front;
  RsPhotoPreview *preview;
  g_auto(GStrv) ids = NULL;
  GtkWidget *straighten;
  const RsPhotoFinding *cut;

  /* The user said a photo was rejected: rejection checks come first. */
  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_PHOTO);
  front = slot (&f, RS_SLOT_ID_FRONT);
  preview = rs_photo_slot_get_preview (front);

  /* Chosen from the slot, as from its button: the verdict is announced. */
  g_assert_true (rs_photo_slot_focus (front));
  add (&f, "cut.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);
  {
    GtkWidget *announcer = g_object_get_data (G_OBJECT (f.window), "rs-a11y-announcer");
    const char *told;

    g_assert_nonnull (announcer);
    g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (announcer)), ==,
                     GTK_ACCESSIBLE_ROLE_ALERT);
    g_assert_true (gtk_widget_get_visible (announcer));
    told = gtk_label_get_text (GTK_LABEL (announcer));
    g_test_message ("announced: %s", told);
    g_assert_true (g_str_has_prefix (told, rs_photo_slot_get_title (front)));
    g_assert_nonnull (rs_photo_slot_get_guidance (front));
    g_assert_nonnull (strstr (told, rs_photo_slot_get_guidance (front)));
  }

  cut = finding (front, RS_CHECK_DOCUMENT_CUTOFF);
  g_assert_nonnull (cut);
  g_assert_cmpint (cut->status, ==, RS_CHECK_FAIL);
  g_assert_cmpint (rs_photo_preview_get_outline_state (preview), ==, RS_OUTLINE_FAIL);
  g_assert_cmpuint (rs_photo_preview_get_cut_corners (preview), !=, 0);
  assert_outline_near_fixture (front, 3, 0, 0.35, 0.05);
  g_assert_false (rs_photo_slot_get_ready (front));
  g_assert_false (next_enabled (&f));

  ids = rs_photo_slot_dup_shown_finding_ids (front);
  g_assert_nonnull (ids[0]);
  /* A failing framing check first; file checks (which passed) last. */
  g_assert_true (g_str_equal (ids[0], RS_CHECK_DOCUMENT_CUTOFF) ||
                 g_str_equal (ids[0], RS_CHECK_DOCUMENT_MARGIN));
  g_assert_cmpstr (ids[g_strv_length (ids) - 1], ==, RS_CHECK_IMAGE_RESOLUTION);
  g_assert_true (gtk_widget_get_visible (rs_test_find_widget (GTK_WIDGET (f.page), GTK_TYPE_LABEL, "rejection-note")));
  g_assert_true (gtk_widget_get_visible (rs_test_find_widget (GTK_WIDGET (front), GTK_TYPE_LABEL, "retake-hint")));

  /* A cut-off document cannot be straightened: the button is not offered,
   * and the slot says how to retake. */
  straighten = rs_test_find_widget (GTK_WIDGET (front), GTK_TYPE_BUTTON, "straighten");
  g_assert_nonnull (straighten);
  g_assert_false (gtk_widget_get_visible (straighten));

  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-fail");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, failing photo", NULL);

  fixture_close (&f);
}

static void
test_bad_input (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front;
  const char *bad[] = { "notes.jpg", "truncated.jpg", "does-not-exist.jpg", "huge.png" };

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);

  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);
  g_assert_true (rs_photo_slot_get_ready (front));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = NULL;

      add (&f, bad[i], RS_SLOT_ID_FRONT);
      wait_for_checks (&f);
      /* A clear message on the slot and as a toast; the photo is kept. */
      g_assert_nonnull (rs_photo_slot_get_error (front));
      g_assert_nonnull (strstr (rs_photo_slot_get_error (front), bad[i]));
      g_assert_cmpstr (rs_photos_page_get_last_message (f.page), ==, rs_photo_slot_get_error (front));
      g_assert_true (same_file (rs_photo_slot_get_file (front), "front.jpg"));
      g_assert_true (rs_photo_slot_get_ready (front));
    }

  /* Into an empty slot: it stays empty, with the message. */
  add (&f, "notes.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  g_assert_null (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_BACK)));
  g_assert_nonnull (rs_photo_slot_get_error (slot (&f, RS_SLOT_ID_BACK)));

  /* A good photo clears the message. */
  add (&f, "back.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  g_assert_null (rs_photo_slot_get_error (slot (&f, RS_SLOT_ID_BACK)));

  fixture_close (&f);
}

static void
test_glare (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front;
  RsPhotoPreview *preview;
  const RsPhotoFinding *glare;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);
  preview = rs_photo_slot_get_preview (front);

  add (&f, "glare.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);
  glare = finding (front, RS_CHECK_GLARE);
  g_assert_nonnull (glare);
  g_assert_cmpint (glare->status, !=, RS_CHECK_PASS);
  /* Framing is fine (green outline); the glare spot is marked. */
  g_assert_cmpint (rs_photo_preview_get_outline_state (preview), ==, RS_OUTLINE_PASS);
  g_assert_cmpuint (rs_photo_preview_get_n_glare_spots (preview), >=, 1);
  g_assert_true (gtk_widget_get_visible (rs_test_find_widget (GTK_WIDGET (front), GTK_TYPE_LABEL, "retake-hint")));
  {
    g_auto(GStrv) ids = rs_photo_slot_dup_shown_finding_ids (front);
    g_assert_cmpstr (ids[0], ==, RS_CHECK_GLARE);
  }
  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-glare");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, glare", NULL);
  fixture_close (&f);
}

/* A passport page whose code does not read fails document.readable, with
 * advice, on the Photos step; one whose code reads passes it.  Without the
 * OCR-B face the reader does not run and says nothing. */
static void log_findings (RsPhotoSlot *s);

static void
test_passport_unread (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *page;
  const RsPhotoFinding *readable;

  if (rs_read_font_path () == NULL)
    {
      g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed: nothing is read");
      return;
    }
  fixture_open (&f, RS_DOC_PASSPORT, RS_REASON_NONE);
  page = slot (&f, RS_SLOT_PASSPORT);

  add (&f, "passport-unread.jpg", RS_SLOT_PASSPORT);
  wait_for_checks (&f);
  log_findings (page);
  readable = finding (page, RS_CHECK_DOCUMENT_READABLE);
  g_assert_nonnull (readable);
  g_assert_cmpint (readable->status, ==, RS_CHECK_FAIL);
  g_assert_true (shows_finding (page, RS_CHECK_DOCUMENT_READABLE));
  /* the band was seen: the advice is about sharpness and light */
  g_assert_cmpstr (readable->message, ==,
                   _("The code at the bottom of the page could not be read. Move closer so the code is sharp, and tilt the page so the light does not shine on it."));
  g_assert_false (next_enabled (&f));
  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-passport-unread");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, passport code not read", NULL);

  /* The same page with its code sharp: read, pass. */
  add (&f, "passport.jpg", RS_SLOT_PASSPORT);
  wait_for_checks (&f);
  readable = finding (page, RS_CHECK_DOCUMENT_READABLE);
  g_assert_nonnull (readable);
  g_assert_cmpint (readable->status, ==, RS_CHECK_PASS);
  g_assert_cmpstr (readable->message, ==, _("The code at the bottom of the page could be read."));
  fixture_close (&f);
}

/* The card's two photos in each other's slot: the page offers the swap
 * once, swapping checks each file for its new slot (once), and one Undo
 * brings both back. */
static void
test_swap (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front, *back;
  GtkWidget *offer, *button;
  const RsPhotoFinding *side;
  guint decodes, checks;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);
  back = slot (&f, RS_SLOT_ID_BACK);
  offer = rs_test_find_widget (GTK_WIDGET (f.page), GTK_TYPE_BOX, "swap-offer");
  g_assert_nonnull (offer);

  /* Swapped: each slot fails the side check, and the offer shows once. */
  add (&f, "selfie.jpg", RS_SLOT_SELFIE);
  add (&f, "back.jpg", RS_SLOT_ID_FRONT);
  add (&f, "front.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  side = finding (front, RS_CHECK_DOCUMENT_SIDE);
  g_assert_nonnull (side);
  g_assert_cmpint (side->status, ==, RS_CHECK_FAIL);
  g_assert_cmpint (finding (back, RS_CHECK_DOCUMENT_SIDE)->status, ==, RS_CHECK_FAIL);
  g_assert_false (next_enabled (&f));
  g_assert_true (rs_photos_page_get_swap_offered (f.page));
  g_assert_true (gtk_widget_get_visible (offer));
  button = rs_test_find_widget (offer, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Swap Photos"));
  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-swap-offer");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, sides swapped", NULL);

  /* Swap (the button's action): each file is decoded and checked once for
   * its new slot; the previews are reused. */
  rs_counters_reset ();
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (rs_photos_page_get_swap_offered (f.page));
  wait_for_checks (&f);
  decodes = rs_counters_get (RS_COUNTER_DECODE);
  checks = rs_counters_get (RS_COUNTER_CHECK);
  /* The button went away with the offer: the keyboard is on the first slot. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f.window));

    g_assert_nonnull (focus);
    g_assert_true (focus == GTK_WIDGET (front) || gtk_widget_is_ancestor (focus, GTK_WIDGET (front)));
  }
  g_assert_cmpuint (checks, ==, 2);
  g_assert_cmpuint (decodes, ==, 2);
  g_assert_true (same_file (rs_photo_slot_get_file (front), "front.jpg"));
  g_assert_true (same_file (rs_photo_slot_get_file (back), "back.jpg"));
  g_assert_cmpstr (rs_session_get_photo (f.session, RS_SLOT_ID_FRONT), ==,
                   g_file_peek_path (rs_photo_slot_get_file (front)));
  g_assert_cmpint (finding (front, RS_CHECK_DOCUMENT_SIDE)->status, ==, RS_CHECK_PASS);
  g_assert_cmpint (finding (back, RS_CHECK_DOCUMENT_SIDE)->status, ==, RS_CHECK_PASS);
  g_assert_false (rs_photo_slot_get_is_duplicate (front));
  g_assert_false (rs_photos_page_get_swap_offered (f.page));
  g_assert_true (next_enabled (&f));
  g_assert_nonnull (strstr (rs_photos_page_get_last_message (f.page), rs_photo_slot_get_title (front)));

  /* One Undo restores both slots (and the offer), checking nothing. */
  g_assert_true (rs_photos_page_undo (f.page));
  rs_test_wait_idle (1000);
  g_assert_true (same_file (rs_photo_slot_get_file (front), "back.jpg"));
  g_assert_true (same_file (rs_photo_slot_get_file (back), "front.jpg"));
  g_assert_cmpint (finding (front, RS_CHECK_DOCUMENT_SIDE)->status, ==, RS_CHECK_FAIL);
  g_assert_true (rs_photos_page_get_swap_offered (f.page));
  g_assert_false (rs_photos_page_get_busy (f.page));

  /* Swapping again: both reports are already stored. */
  g_assert_true (rs_photos_page_swap_sides (f.page));
  wait_for_checks (&f);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, checks);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_DECODE), ==, decodes);
  g_assert_cmpint (finding (front, RS_CHECK_DOCUMENT_SIDE)->status, ==, RS_CHECK_PASS);
  fixture_close (&f);
}

/* What the content checks mark on the preview: the covered part of the
 * card, the second card. */
static void
test_content_marks (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front, *back;
  RsPhotoPreview *pf, *pb;
  const RsPhotoFinding *occluded, *count;
  g_autofree char *label = NULL;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);
  back = slot (&f, RS_SLOT_ID_BACK);
  pf = rs_photo_slot_get_preview (front);
  pb = rs_photo_slot_get_preview (back);

  /* A clean card: nothing marked. */
  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);
  g_assert_cmpuint (rs_photo_preview_get_n_marks (pf, RS_MARK_OCCLUSION), ==, 0);
  g_assert_cmpuint (rs_photo_preview_get_n_marks (pf, RS_MARK_DOCUMENT), ==, 0);
  g_assert_cmpuint (rs_photo_preview_get_n_marks (pf, RS_MARK_FACE), ==, 0);

  add (&f, "thumb.jpg", RS_SLOT_ID_FRONT);
  add (&f, "two-cards.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  occluded = finding (front, RS_CHECK_DOCUMENT_OCCLUDED);
  g_assert_nonnull (occluded);
  g_assert_cmpint (occluded->status, ==, RS_CHECK_FAIL);
  g_assert_cmpuint (rs_photo_preview_get_n_marks (pf, RS_MARK_OCCLUSION), >=, 1);
  g_assert_true (shows_finding (front, RS_CHECK_DOCUMENT_OCCLUDED));
  label = rs_photo_preview_dup_label (pf);
  g_assert_nonnull (strstr (label, _("The covered part of the document is marked")));

  count = finding (back, RS_CHECK_DOCUMENT_COUNT);
  g_assert_nonnull (count);
  g_assert_cmpint (count->status, ==, RS_CHECK_FAIL);
  g_assert_cmpuint (rs_photo_preview_get_n_marks (pb, RS_MARK_DOCUMENT), ==, 1);
  g_assert_true (shows_finding (back, RS_CHECK_DOCUMENT_COUNT));
  g_clear_pointer (&label, g_free);
  label = rs_photo_preview_dup_label (pb);
  g_assert_nonnull (strstr (label, _("Another document in the photo is outlined")));

  /* A selfie with two people: both faces boxed; one alone: none. */
  add (&f, "two-faces.jpg", RS_SLOT_SELFIE);
  wait_for_checks (&f);
  {
    RsPhotoSlot *selfie = slot (&f, RS_SLOT_SELFIE);
    RsPhotoPreview *ps = rs_photo_slot_get_preview (selfie);

    g_assert_cmpint (finding (selfie, RS_CHECK_FACE_COUNT)->status, ==, RS_CHECK_FAIL);
    g_assert_cmpuint (rs_photo_preview_get_n_marks (ps, RS_MARK_FACE), ==, 2);
    g_clear_pointer (&label, g_free);
    label = rs_photo_preview_dup_label (ps);
    g_assert_nonnull (strstr (label, _("The faces found are marked")));
    {
      g_autofree char *shot = NULL;

      rs_photo_slot_focus (selfie);
      rs_test_wait_idle (500);
      shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-content-marks-faces");
      g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
    }
    add (&f, "selfie.jpg", RS_SLOT_SELFIE);
    wait_for_checks (&f);
    g_assert_cmpint (finding (selfie, RS_CHECK_FACE_COUNT)->status, ==, RS_CHECK_PASS);
    g_assert_cmpuint (rs_photo_preview_get_n_marks (ps, RS_MARK_FACE), ==, 0);
  }

  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-content-marks");
    g_autofree char *shot2 = NULL;

    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
    /* The second slot scrolled into view: the other card outlined. */
    rs_photo_slot_focus (back);
    rs_test_wait_idle (500);
    shot2 = rs_test_screenshot (GTK_WIDGET (f.window), "photos-content-marks-two");
    g_assert_true (g_file_test (shot2, G_FILE_TEST_EXISTS));
  }
  rs_test_assert_translated (GTK_WIDGET (f.window), "Photos step, content marks", NULL);
  fixture_close (&f);
}

static void
test_replace_cancels (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *front;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  front = slot (&f, RS_SLOT_ID_FRONT);

  /* Replacing while the first check runs: only the last one counts. */
  add (&f, "cut.jpg", RS_SLOT_ID_FRONT);
  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);
  g_assert_true (same_file (rs_photo_slot_get_file (front), "front.jpg"));
  g_assert_cmpint (rs_photo_preview_get_outline_state (rs_photo_slot_get_preview (front)), ==, RS_OUTLINE_PASS);

  fixture_close (&f);
}

static void
log_findings (RsPhotoSlot *s)
{
  RsPhotoReport *report = rs_photo_slot_get_report (s);

  for (guint i = 0; report != NULL && i < rs_photo_report_get_n_findings (report); i++)
    {
      const RsPhotoFinding *fd = rs_photo_report_get_finding (report, i);
      g_test_message ("%s: %s %g (limit %g)", rs_photo_slot_get_slot_id (s), fd->id,
                      fd->value, fd->threshold);
    }
}

static void
test_fix_and_acknowledge (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *back;
  const RsPhotoFinding *skew;
  g_autoptr(GFile) original = fixture_file ("skewed.jpg");
  g_autofree char *before = checksum_file (original);
  g_autofree char *after = NULL;
  g_autofree char *fixed_path = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *key = g_strdup_printf ("photo:%s:%s", RS_SLOT_ID_BACK, RS_CHECK_DOCUMENT_SKEW);
  int w0, h0;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  back = slot (&f, RS_SLOT_ID_BACK);
  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  add (&f, "skewed.jpg", RS_SLOT_ID_BACK);
  add (&f, "selfie.jpg", RS_SLOT_SELFIE);
  wait_for_checks (&f);

  /* Skew is a warning: Next waits for an acknowledgment. */
  skew = finding (back, RS_CHECK_DOCUMENT_SKEW);
  g_assert_nonnull (skew);
  g_assert_cmpint (skew->status, ==, RS_CHECK_WARN);
  g_assert_cmpint (rs_photo_preview_get_outline_state (rs_photo_slot_get_preview (back)), ==, RS_OUTLINE_WARN);
  g_assert_false (rs_photo_slot_get_ready (back));
  g_assert_false (next_enabled (&f));
  /* The slot points at the fix. */
  g_assert_true (gtk_widget_get_visible (rs_test_find_widget (GTK_WIDGET (back), GTK_TYPE_BUTTON, "straighten")));
  g_assert_true (gtk_widget_get_visible (rs_test_find_widget (GTK_WIDGET (back), GTK_TYPE_LABEL, "retake-hint")));

  rs_photo_slot_set_acknowledged (back, TRUE);
  g_assert_true (rs_session_is_acknowledged (f.session, key));
  g_assert_true (rs_photo_slot_get_ready (back));
  g_assert_true (next_enabled (&f));
  rs_photo_slot_set_acknowledged (back, FALSE);
  g_assert_false (rs_session_is_acknowledged (f.session, key));
  g_assert_false (next_enabled (&f));

  /* Crop and straighten: a new file in the cache, checked again. */
  w0 = gdk_texture_get_width (rs_photo_slot_get_texture (back));
  h0 = gdk_texture_get_height (rs_photo_slot_get_texture (back));
  rs_photos_page_straighten (f.page, RS_SLOT_ID_BACK);
  g_assert_true (rs_photos_page_get_busy (f.page));
  wait_for_checks (&f);

  g_assert_null (rs_photo_slot_get_error (back));
  g_assert_false (same_file (rs_photo_slot_get_file (back), "skewed.jpg"));
  fixed_path = g_file_get_path (rs_photo_slot_get_file (back));
  cache_dir = g_build_filename (g_get_user_cache_dir (), "resubmit", "fixed", NULL);
  g_assert_true (g_str_has_prefix (fixed_path, cache_dir));
  g_assert_cmpstr (rs_session_get_photo (f.session, RS_SLOT_ID_BACK), ==, fixed_path);
  log_findings (back);
  skew = finding (back, RS_CHECK_DOCUMENT_SKEW);
  g_assert_nonnull (skew);
  g_assert_cmpint (skew->status, ==, RS_CHECK_PASS);
  g_assert_cmpint (rs_photo_preview_get_outline_state (rs_photo_slot_get_preview (back)), ==, RS_OUTLINE_PASS);
  g_assert_true (rs_photo_slot_get_ready (back));
  g_assert_true (next_enabled (&f));
  /* The earlier acknowledgment does not carry over to a new photo. */
  g_assert_false (rs_session_is_acknowledged (f.session, key));

  /* Before/after. */
  g_assert_true (rs_photo_slot_get_has_original (back));
  gtk_widget_grab_focus (GTK_WIDGET (back));
  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-straightened");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  rs_photo_slot_set_comparing (back, TRUE);
  {
    g_autofree char *shot = rs_test_screenshot (GTK_WIDGET (f.window), "photos-before-fix");
    g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (gdk_texture_get_width (rs_photo_preview_get_texture (rs_photo_slot_get_preview (back))), ==, w0);
  rs_photo_slot_set_comparing (back, FALSE);
  g_assert_true (rs_photo_preview_get_texture (rs_photo_slot_get_preview (back)) == rs_photo_slot_get_texture (back));

  /* Rotate: quarter turn, checks again. */
  rs_photos_page_rotate (f.page, RS_SLOT_ID_BACK);
  wait_for_checks (&f);
  g_assert_cmpint (gdk_texture_get_width (rs_photo_slot_get_texture (back)), <,
                   gdk_texture_get_height (rs_photo_slot_get_texture (back)));

  /* Undo twice: the rotation, then the straightening. */
  g_assert_true (rs_photos_page_undo (f.page));
  g_assert_cmpstr (rs_session_get_photo (f.session, RS_SLOT_ID_BACK), ==, fixed_path);
  g_assert_true (rs_photos_page_undo (f.page));
  g_assert_true (same_file (rs_photo_slot_get_file (back), "skewed.jpg"));
  g_assert_cmpint (gdk_texture_get_width (rs_photo_slot_get_texture (back)), ==, w0);
  g_assert_cmpint (gdk_texture_get_height (rs_photo_slot_get_texture (back)), ==, h0);
  g_assert_false (rs_photo_slot_get_has_original (back));

  /* The original was never touched. */
  after = checksum_file (original);
  g_assert_cmpstr (before, ==, after);

  fixture_close (&f);
}

static void
test_drop_and_open_with (void)
{
  Fixture f = { 0 };
  GtkDropTarget *drop = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GValue value = G_VALUE_INIT;
  GSList *list = NULL;
  gboolean handled = FALSE;
  GFile *files[2];

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);

  /* Drop two files on the back slot: back first, then the next empty. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (slot (&f, RS_SLOT_ID_BACK)));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        drop = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (drop);
  list = g_slist_append (list, fixture_file ("back.jpg"));
  list = g_slist_append (list, fixture_file ("selfie.jpg"));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  wait_for_checks (&f);
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_BACK)), "back.jpg"));
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)), "selfie.jpg"));
  g_assert_null (rs_photo_slot_get_file (slot (&f, RS_SLOT_SELFIE)));

  /* "resubmit a.jpg b.jpg": the empty slots in order. */
  rs_photos_page_remove (f.page, RS_SLOT_ID_FRONT);
  files[0] = fixture_file ("front.jpg");
  files[1] = fixture_file ("selfie.jpg");
  g_application_open (G_APPLICATION (app), files, 2, "");
  wait_for_checks (&f);
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)), "front.jpg"));
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_SELFIE)), "selfie.jpg"));
  g_assert_cmpuint (rs_application_get_n_pending_files (app), ==, 0);
  g_assert_true (next_enabled (&f));
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  fixture_close (&f);
}

static gboolean slot_filled (gpointer data);

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return file != NULL;
}

static gboolean
file_chooser_shown (gpointer data)
{
  return find_file_chooser () != NULL;
}

/* The slot's "Choose File…" button opens the file chooser (the fallback
 * dialog without a portal); accepting a file checks it like any other. */
static void
test_file_chooser (void)
{
  Fixture f = { 0 };
  GtkWidget *button, *chooser;
  g_autoptr(GFile) file = fixture_file ("back.jpg");
  g_autoptr(GError) error = NULL;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  button = rs_test_find_widget (GTK_WIDGET (slot (&f, RS_SLOT_ID_BACK)), GTK_TYPE_BUTTON, "choose");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rs_test_wait_until (file_chooser_shown, NULL, 5000));
  chooser = find_file_chooser ();

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* Selecting waits for the folder to load. */
  g_assert_true (rs_test_wait_until (chooser_has_file, chooser, 10000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_assert_true (rs_test_wait_until (slot_filled, slot (&f, RS_SLOT_ID_BACK), CHECK_TIMEOUT_MS));
  wait_for_checks (&f);
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_BACK)), "back.jpg"));
  g_assert_null (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)));
  fixture_close (&f);
}

static gboolean
slot_filled (gpointer data)
{
  return rs_photo_slot_get_file (data) != NULL && !rs_photo_slot_get_busy (data);
}

static void
test_paste (void)
{
  Fixture f = { 0 };
  g_autofree char *front = fixture_path ("back.jpg");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pasted_dir = NULL;
  RsPhotoSlot *back;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  back = slot (&f, RS_SLOT_ID_BACK);

  texture = gdk_texture_new_from_filename (front, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (f.page)), texture);
  rs_photos_page_paste (f.page, RS_SLOT_ID_BACK);
  g_assert_true (rs_test_wait_until (slot_filled, back, CHECK_TIMEOUT_MS));
  wait_for_checks (&f);

  /* Saved as a private PNG in the cache, then checked like any file. */
  g_assert_nonnull (rs_photo_slot_get_file (back));
  path = g_file_get_path (rs_photo_slot_get_file (back));
  pasted_dir = g_build_filename (g_get_user_cache_dir (), "resubmit", "pasted", NULL);
  g_assert_true (g_str_has_prefix (path, pasted_dir));
  g_assert_true (g_str_has_suffix (path, ".png"));
  g_assert_true (rs_photo_slot_get_ready (back));

  /* A file on the clipboard, pasted with the Ctrl+V action while the
   * keyboard focus is in the selfie slot: that slot gets it. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f.page));
    g_autoptr(GFile) selfie_file = fixture_file ("selfie.jpg");
    GSList list = { selfie_file, NULL };
    RsPhotoSlot *selfie = slot (&f, RS_SLOT_SELFIE);

    gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, &list);
    g_assert_true (rs_photo_slot_focus (selfie));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "photos.paste", NULL));
    g_assert_true (rs_test_wait_until (slot_filled, selfie, CHECK_TIMEOUT_MS));
    wait_for_checks (&f);
    g_assert_true (same_file (rs_photo_slot_get_file (selfie), "selfie.jpg"));
    g_assert_null (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)));
  }

  fixture_close (&f);
}

/* Keyboard: Tab reaches every control, and every control has a name. */

static gboolean
is_interactive (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) || GTK_IS_EXPANDER (w) ||
         (GTK_IS_LIST_BOX_ROW (w) && gtk_widget_get_focusable (w));
}

static gboolean
has_accessible_name (GtkWidget *w)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL &&
      *gtk_button_get_label (GTK_BUTTON (w)) != '\0')
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (w) && gtk_check_button_get_label (GTK_CHECK_BUTTON (w)) != NULL)
    return TRUE;
  if (GTK_IS_EXPANDER (w) && gtk_expander_get_label (GTK_EXPANDER (w)) != NULL)
    return TRUE;
  return FALSE;
}

static void
collect_interactive (GtkWidget *w,
                     GPtrArray *out)
{
  if (!gtk_widget_get_mapped (w) || !gtk_widget_is_sensitive (w))
    return;
  if (is_interactive (w))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_interactive (c, out);
}

static void
test_keyboard (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  GtkWidget *first = NULL;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_PHOTO);
  add (&f, "front.jpg", RS_SLOT_ID_FRONT);
  add (&f, "skewed.jpg", RS_SLOT_ID_BACK);
  wait_for_checks (&f);

  /* Tab through the whole window until focus comes round again. */
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (f.window));
      if (focus == NULL)
        continue;
      /* The focus may land on an internal child (a check button's
       * indicator): count the nearest interactive ancestor. */
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        if (is_interactive (w))
          {
            focus = w;
            break;
          }
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      g_hash_table_add (reached, focus);
    }

  collect_interactive (GTK_WIDGET (f.page), controls);
  g_assert_cmpuint (controls->len, >=, 8);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (controls, i);

      const char *type = g_type_name (G_OBJECT_TYPE (w));

      if (!g_hash_table_contains (reached, w))
        {
          g_test_message ("%s cannot be reached with the keyboard", type);
          g_test_fail ();
        }
      if (!has_accessible_name (w))
        {
          g_test_message ("%s has no accessible name", type);
          g_test_fail ();
        }
    }
  g_assert_false (g_test_failed ());

  /* Ctrl+Z is Undo on the page as well. */
  rs_photos_page_remove (f.page, RS_SLOT_ID_FRONT);
  g_assert_null (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)));
  gtk_widget_activate_action (GTK_WIDGET (f.page), "photos.undo", NULL);
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)), "front.jpg"));

  fixture_close (&f);
}

/* A draft brings photos and acknowledgments back: the rebuilt page checks
 * the photos again and keeps the user's acknowledgments for them. */
static void
test_restore (void)
{
  Fixture f = { 0 };
  g_autofree char *front = fixture_path ("front.jpg");
  g_autofree char *skewed = fixture_path ("skewed.jpg");
  g_autofree char *selfie = fixture_path ("selfie.jpg");
  g_autofree char *key = g_strdup_printf ("photo:%s:%s", RS_SLOT_ID_BACK, RS_CHECK_DOCUMENT_SKEW);
  RsPhotoSlot *back;

  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);
  rs_session_set_photo (f.session, RS_SLOT_ID_FRONT, front);
  rs_session_set_photo (f.session, RS_SLOT_ID_BACK, skewed);
  rs_session_set_photo (f.session, RS_SLOT_SELFIE, selfie);
  rs_session_set_acknowledged (f.session, key, TRUE);

  rs_navigator_rebuild (f.navigator);
  rs_navigator_go_to_step (f.navigator, 2);
  f.page = RS_PHOTOS_PAGE (rs_navigator_get_page (f.navigator, 2));
  wait_for_checks (&f);

  back = slot (&f, RS_SLOT_ID_BACK);
  g_assert_true (same_file (rs_photo_slot_get_file (slot (&f, RS_SLOT_ID_FRONT)), "front.jpg"));
  g_assert_true (same_file (rs_photo_slot_get_file (back), "skewed.jpg"));
  g_assert_true (rs_photo_slot_get_acknowledged (back));
  g_assert_true (rs_session_is_acknowledged (f.session, key));
  g_assert_true (next_enabled (&f));

  fixture_close (&f);
}

/* Benchmark (-m perf, `meson test --benchmark`): how long the main loop is
 * blocked at most while a 12-megapixel photo is checked.  A figure, not a
 * pass/fail limit. */
typedef struct {
  gint64 last;
  gint64 max_gap;
} Ticks;

static gboolean
on_tick (gpointer data)
{
  Ticks *t = data;
  gint64 now = g_get_monotonic_time ();

  t->max_gap = MAX (t->max_gap, now - t->last);
  t->last = now;
  return G_SOURCE_CONTINUE;
}

static void
test_perf_12mp (void)
{
  Fixture f = { 0 };
  g_autofree char *path = fixture_path ("big.jpg");
  g_autoptr(GError) error = NULL;
  Ticks ticks = { 0 };
  gint64 start;
  guint source;

  g_assert_true (rs_test_write_scene (path, RS_TEST_SCENE_CARD_FRONT, 4000, 3000, 4, 0.05, 0,
                                      FALSE, &error));
  g_assert_no_error (error);
  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);

  ticks.last = start = g_get_monotonic_time ();
  source = g_timeout_add (5, on_tick, &ticks);
  add (&f, "big.jpg", RS_SLOT_ID_FRONT);
  wait_for_checks (&f);
  g_source_remove (source);

  g_test_minimized_result (ticks.max_gap / 1000.0,
                           "12 MP photo: check done in %.0f ms, main loop blocked at most %.1f ms",
                           (g_get_monotonic_time () - start) / 1000.0, ticks.max_gap / 1000.0);
  g_assert_nonnull (rs_photo_slot_get_report (slot (&f, RS_SLOT_ID_FRONT)));
  fixture_close (&f);
}

/* Benchmark: the Photos step's import time of three 12-megapixel photos
 * (front, back, selfie) added at once, from the add to the last report
 * shown, with the decodes and checks it took. */
static void
test_perf_12mp_three (void)
{
  Fixture f = { 0 };
  const char *slots[] = { RS_SLOT_ID_FRONT, RS_SLOT_ID_BACK, RS_SLOT_SELFIE };
  const RsTestScene scenes[] = { RS_TEST_SCENE_CARD_FRONT, RS_TEST_SCENE_CARD_BACK, RS_TEST_SCENE_SELFIE };
  GFile *files[G_N_ELEMENTS (slots)];
  guint decodes, checks;
  gint64 start;
  double ms;

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autofree char *name = g_strdup_printf ("big-%u.jpg", i);
      g_autofree char *path = fixture_path (name);
      g_autoptr(GError) error = NULL;

      g_assert_true (rs_test_write_scene (path, scenes[i], 4000, 3000, 2, 0.03, 0, FALSE, &error));
      g_assert_no_error (error);
      files[i] = g_file_new_for_path (path);
    }
  fixture_open (&f, RS_DOC_CN_RIC, RS_REASON_NONE);

  rs_counters_reset ();
  start = g_get_monotonic_time ();
  g_assert_cmpuint (rs_photos_page_add_files (f.page, files, G_N_ELEMENTS (files), NULL), ==,
                    G_N_ELEMENTS (files));
  g_assert_true (rs_test_wait_until (page_idle, f.page, CHECK_TIMEOUT_MS));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  decodes = rs_counters_get (RS_COUNTER_DECODE);
  checks = rs_counters_get (RS_COUNTER_CHECK);

  g_test_minimized_result (ms, "three 12 MP photos: imported in %.0f ms, %u decodes, %u checks",
                           ms, decodes, checks);
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_assert_nonnull (rs_photo_slot_get_report (slot (&f, slots[i])));
      g_object_unref (files[i]);
    }
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test accessibility backend keeps the accessible properties that
   * the keyboard test reads. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  rs_test_init (&argc, &argv);

  app = rs_test_application_new ();

  make_fixtures ();

  g_test_add_func ("/photos/slots", test_slots);
  g_test_add_func ("/photos/pass-and-gating", test_pass_and_gating);
  g_test_add_func ("/photos/duplicate", test_duplicate);
  g_test_add_func ("/photos/failing", test_failing);
  g_test_add_func ("/photos/bad-input", test_bad_input);
  g_test_add_func ("/photos/glare", test_glare);
  g_test_add_func ("/photos/swap", test_swap);
  g_test_add_func ("/photos/passport-unread", test_passport_unread);
  g_test_add_func ("/photos/content-marks", test_content_marks);
  g_test_add_func ("/photos/replace-cancels", test_replace_cancels);
  g_test_add_func ("/photos/fix-and-acknowledge", test_fix_and_acknowledge);
  g_test_add_func ("/photos/drop-and-open-with", test_drop_and_open_with);
  g_test_add_func ("/photos/paste", test_paste);
  g_test_add_func ("/photos/file-chooser", test_file_chooser);
  g_test_add_func ("/photos/keyboard", test_keyboard);
  g_test_add_func ("/photos/restore", test_restore);
  g_test_add_func ("/photos/window-sizes", test_window_sizes);
  if (g_test_perf ())
    {
      g_test_add_func ("/photos/perf/12mp", test_perf_12mp);
      g_test_add_func ("/photos/perf/12mp-three", test_perf_12mp_three);
    }

  status = g_test_run ();

  rs_test_remove_tree (fixture_dir);
  g_free (fixture_dir);
  rs_test_application_free (&app);
  return status;
}
