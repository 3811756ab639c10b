/* test-match.c: what was read on a document photo, in the app (issue 12):
 * details.match on the Review and Photos steps, with buttons to the field,
 * and "Fill from photo" on the Details step.  The passport page is made up
 * and drawn with the OCR-B face here (tests/read/rs-test-doc.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-counters.h"
#include "rs-details-page.h"
#include "rs-draft.h"
#include "rs-navigator.h"
#include "rs-photos-page.h"
#include "rs-read.h"
#include "rs-review-page.h"
#include "rs-test-doc.h"
#include "rs-test-screenshot.h"
#include "rs-validate.h"
#include "rs-window.h"
#include "widgets/rs-photo-slot.h"

#define TIMEOUT_MS 60000

static RsApplication *app;
static char *work_dir;
static char *passport_path;

/* ICAO 9303's specimen, a made-up person. */
static const char *td3[] = {
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
  "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
  NULL,
};
#define READ_NUMBER  "L898902C3"
#define TYPED_NUMBER "L898920C3"  /* two digits swapped */

typedef struct {
  RsWindow    *window;
  RsNavigator *navigator;
  RsSession   *session;
} Fixture;

static gboolean
skip_without_font (void)
{
  if (rs_test_doc_have_font ())
    return FALSE;
  g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed");
  return TRUE;
}

/* A phone-like photo of the page: turned, tilted, a little blurred. */
static const char *
passport_photo (void)
{
  if (passport_path == NULL)
    {
      g_autoptr(GdkPixbuf) doc = rs_test_doc_render (RS_TEST_DOC_PASSPORT, td3, 10);
      g_autoptr(GdkPixbuf) photo = NULL;
      g_autoptr(GError) error = NULL;
      RsTestShot shot;

      rs_test_shot_init (&shot);
      shot.width = 2000;
      shot.height = 1500;
      shot.doc_width = 0.75;
      shot.rotate = 2;
      shot.tilt = 0.03;
      shot.blur = 1.0;
      shot.light = 0.15;
      photo = rs_test_doc_photo (doc, &shot, NULL);
      passport_path = g_build_filename (work_dir, "passport.jpg", NULL);
      g_assert_true (gdk_pixbuf_save (photo, passport_path, "jpeg", &error, "quality", "90", NULL));
      g_assert_no_error (error);
    }
  return passport_path;
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  /* No "resume where you left off" from the test before. */
  g_assert_true (rs_draft_delete_all_data (NULL, NULL));
  f->window = rs_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 1000);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (rs_test_wait_mapped (GTK_WIDGET (f->window), 5000));
  f->navigator = rs_window_get_navigator (f->window);
  f->session = rs_window_get_session (f->window);
  rs_session_reset (f->session);
  profile = rs_profile_load_builtin ("generic", &error);
  g_assert_no_error (error);
  rs_session_set_profile (f->session, profile);
  rs_session_set_document_type (f->session, RS_DOC_PASSPORT);
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

static guint
step_of (Fixture *f,
         GType    type)
{
  for (guint i = 0; i < rs_navigator_get_n_pages (f->navigator); i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (rs_navigator_get_page (f->navigator, i), type))
      return i;
  g_assert_not_reached ();
  return 0;
}

static RsPage *
go_to (Fixture *f,
       GType    type)
{
  rs_navigator_go_to_step (f->navigator, step_of (f, type));
  rs_test_wait_idle (1000);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (rs_navigator_get_current_page (f->navigator), type));
  return rs_navigator_get_current_page (f->navigator);
}

/* The details of the specimen, but for @number. */
static void
type_details (Fixture    *f,
              const char *number)
{
  rs_session_set_field (f->session, RS_FIELD_SURNAME, "Eriksson");
  rs_session_set_field (f->session, RS_FIELD_GIVEN_NAMES, "Anna Maria");
  rs_session_set_field (f->session, RS_FIELD_ID_NUMBER, number);
  rs_session_set_field (f->session, RS_FIELD_ID_NUMBER_CONFIRM, number);
  rs_session_set_field (f->session, RS_FIELD_NATIONALITY, "UTO");
  rs_session_set_field (f->session, RS_FIELD_BIRTH_DATE, "1974-08-12");
  rs_session_set_field (f->session, RS_FIELD_SEX, "female");
  rs_session_set_field (f->session, RS_FIELD_EXPIRY_DATE, "2012-04-15");
}

static gboolean
photos_idle (gpointer data)
{
  return !rs_photos_page_get_busy (data);
}

static gboolean
review_idle (gpointer data)
{
  return !rs_review_page_get_busy (data);
}

/* The passport photo through the Photos step, as the user adds it. */
static RsPhotoSlot *
add_passport (Fixture *f)
{
  RsPhotosPage *page = RS_PHOTOS_PAGE (go_to (f, RS_TYPE_PHOTOS_PAGE));
  g_autoptr(GFile) file = g_file_new_for_path (passport_photo ());
  RsPhotoSlot *slot;
  RsReadResult *read;

  g_assert_cmpuint (rs_photos_page_add_files (page, &file, 1, RS_SLOT_PASSPORT), ==, 1);
  g_assert_true (rs_test_wait_until (photos_idle, page, TIMEOUT_MS));
  rs_test_wait_idle (1000);
  slot = rs_photos_page_find_slot (page, RS_SLOT_PASSPORT);
  g_assert_nonnull (rs_photo_slot_get_report (slot));
  read = rs_photo_report_get_read (rs_photo_slot_get_report (slot));
  g_assert_nonnull (read);
  g_assert_true (rs_read_result_get_valid (read));
  g_assert_cmpstr (rs_read_result_get_field (read, "document_number"), ==, READ_NUMBER);
  return slot;
}

static gboolean
shows_finding (RsPhotoSlot *slot,
               const char  *id)
{
  g_auto(GStrv) ids = rs_photo_slot_dup_shown_finding_ids (slot);
  return g_strv_contains ((const char * const *) ids, id);
}

/* Keyboard focus is on @widget or inside it. */
static gboolean
focus_in (Fixture   *f,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
scroll_to (RsPage    *page,
           GtkWidget *widget)
{
  GtkWidget *scrolled = rs_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  g_assert_true (rs_test_wait_mapped (widget, 5000));
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, MAX (0, point.y - 60));
  rs_test_wait_frame (scrolled, 1000);
}

static void
assert_translated (Fixture    *f,
                   GtkWidget  *root,
                   const char *what)
{
  rs_test_translation_ignore_data (root, f->session);
  g_assert_cmpuint (rs_test_assert_translated (root, what,
                                               (const char * const[]) { "YYYY", "MM", "DD", "UTO", "CHN",
                                                                        "ERIKSSON", "ANNA", "MARIA",
                                                                        READ_NUMBER, TYPED_NUMBER,
                                                                        "Resubmit", NULL }),
                    ==, 0);
}

/* Review: a failing row with both numbers; its Fix focuses the number on
 * the Details step; once corrected the row is gone. */
static void
test_review (void)
{
  Fixture f = { 0 };
  RsReviewPage *review;
  RsDetailsPage *details;
  GtkWidget *row;
  const char *subtitle;
  guint failures;

  if (skip_without_font ())
    return;
  fixture_open (&f);
  type_details (&f, TYPED_NUMBER);
  add_passport (&f);

  review = RS_REVIEW_PAGE (go_to (&f, RS_TYPE_REVIEW_PAGE));
  g_assert_true (rs_test_wait_until (review_idle, review, TIMEOUT_MS));
  rs_test_wait_idle (1000);
  g_assert_cmpint (rs_review_page_get_item_status (review, "match:passport"), ==, RS_REVIEW_STATUS_FAIL);
  row = rs_test_find_widget (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, "match:passport");
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, TYPED_NUMBER));
  g_assert_nonnull (strstr (subtitle, READ_NUMBER));
  g_assert_false (rs_page_get_complete (RS_PAGE (review)));
  failures = rs_review_page_count_failures (review);
  scroll_to (RS_PAGE (review), row);
  g_free (rs_test_screenshot (GTK_WIDGET (f.window), "match-review"));
  assert_translated (&f, GTK_WIDGET (review), "Review with details.match");

  /* Fix: the Details step, the number's row focused. */
  g_signal_emit_by_name (rs_test_find_widget (row, GTK_TYPE_BUTTON, "match:passport:fix"), "clicked");
  rs_test_wait_idle (1000);
  details = RS_DETAILS_PAGE (rs_navigator_get_current_page (f.navigator));
  g_assert_true (RS_IS_DETAILS_PAGE (details));
  g_assert_true (focus_in (&f, rs_details_page_get_field_widget (details, RS_FIELD_ID_NUMBER)));

  /* Corrected: Review shows no difference any more. */
  gtk_editable_set_text (GTK_EDITABLE (rs_details_page_get_field_widget (details, RS_FIELD_ID_NUMBER)),
                         READ_NUMBER);
  gtk_editable_set_text (GTK_EDITABLE (rs_details_page_get_field_widget (details, RS_FIELD_ID_NUMBER_CONFIRM)),
                         READ_NUMBER);
  rs_details_page_check_now (details);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER), ==, READ_NUMBER);
  review = RS_REVIEW_PAGE (go_to (&f, RS_TYPE_REVIEW_PAGE));
  g_assert_true (rs_test_wait_until (review_idle, review, TIMEOUT_MS));
  g_assert_cmpint (rs_review_page_get_item_status (review, "match:passport"), ==, RS_REVIEW_STATUS_UNKNOWN);
  g_assert_cmpuint (rs_review_page_count_failures (review), ==, failures - 1);

  fixture_close (&f);
}

/* Photos: the slot shows the difference as a failing finding with a button
 * to the field; typing compares again without checking the photo again. */
static void
test_photos (void)
{
  Fixture f = { 0 };
  RsPhotoSlot *slot;
  RsPhotosPage *photos;
  RsDetailsPage *details;
  GtkWidget *button;
  guint checks;

  if (skip_without_font ())
    return;
  fixture_open (&f);
  type_details (&f, READ_NUMBER);
  slot = add_passport (&f);
  photos = RS_PHOTOS_PAGE (rs_navigator_get_current_page (f.navigator));
  g_assert_false (shows_finding (slot, RS_CHECK_DETAILS_MATCH));
  g_assert_null (rs_photo_slot_get_details_mismatch (slot));

  rs_counters_reset ();
  rs_session_set_field (f.session, RS_FIELD_BIRTH_DATE, "1974-08-21");
  rs_test_wait_idle (1000);
  g_assert_true (shows_finding (slot, RS_CHECK_DETAILS_MATCH));
  g_assert_nonnull (strstr (rs_photo_slot_get_details_mismatch (slot), "1974-08-21"));
  g_assert_nonnull (strstr (rs_photo_slot_get_details_mismatch (slot), "1974-08-12"));
  g_assert_false (rs_photo_slot_get_ready (slot));
  g_assert_false (rs_page_get_complete (RS_PAGE (photos)));
  button = rs_test_find_widget (GTK_WIDGET (slot), GTK_TYPE_BUTTON, "go-to-field");
  g_assert_nonnull (button);
  scroll_to (RS_PAGE (photos), button);
  g_free (rs_test_screenshot (GTK_WIDGET (f.window), "match-photos"));
  assert_translated (&f, GTK_WIDGET (photos), "Photos with details.match");

  rs_session_set_field (f.session, RS_FIELD_BIRTH_DATE, "1974-08-12");
  rs_test_wait_idle (1000);
  g_assert_false (shows_finding (slot, RS_CHECK_DETAILS_MATCH));
  rs_session_set_field (f.session, RS_FIELD_BIRTH_DATE, "1974-08-21");
  rs_test_wait_idle (1000);
  g_assert_true (shows_finding (slot, RS_CHECK_DETAILS_MATCH));
  /* Compared from the stored report: no check, no decode. */
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, 0);
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_DECODE), ==, 0);

  /* The button: the birth date on the Details step. */
  checks = rs_counters_get (RS_COUNTER_CHECK);
  /* The findings were listed again: a new button. */
  button = rs_test_find_widget (GTK_WIDGET (slot), GTK_TYPE_BUTTON, "go-to-field");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rs_test_wait_idle (1000);
  details = RS_DETAILS_PAGE (rs_navigator_get_current_page (f.navigator));
  g_assert_true (RS_IS_DETAILS_PAGE (details));
  g_assert_true (focus_in (&f, rs_details_page_get_field_widget (details, RS_FIELD_BIRTH_DATE)));
  g_assert_cmpuint (rs_counters_get (RS_COUNTER_CHECK), ==, checks);

  fixture_close (&f);
}


static char *
field_text (RsDetailsPage *page,
            const char    *field)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (rs_details_page_get_field_widget (page, field))));
}

/* Details: hidden until something was read; fills the empty fields at
 * once (toast, Undo); asks before replacing a differing value. */
static void
test_fill (void)
{
  Fixture f = { 0 };
  RsDetailsPage *details;
  GtkWidget *group;
  GtkWidget *button;
  GtkWidget *undo;
  AdwMessageDialog *dialog;
  g_autofree char *undo_label = NULL;
  g_autofree char *number = NULL;
  g_autofree char *given = NULL;
  const char *body;

  if (skip_without_font ())
    return;
  fixture_open (&f);
  details = RS_DETAILS_PAGE (go_to (&f, RS_TYPE_DETAILS_PAGE));
  rs_session_clear_fields (f.session);
  rs_details_page_check_now (details);
  button = rs_test_find_widget (GTK_WIDGET (details), GTK_TYPE_BUTTON, "fill-from-photo");
  g_assert_nonnull (button);
  group = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP);
  /* Nothing read yet: not offered. */
  g_assert_false (gtk_widget_get_visible (group));

  add_passport (&f);
  details = RS_DETAILS_PAGE (go_to (&f, RS_TYPE_DETAILS_PAGE));
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_is_sensitive (button));
  rs_test_assert_mnemonics_unique (GTK_WIDGET (details));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  scroll_to (RS_PAGE (details), button);
  g_free (rs_test_screenshot (GTK_WIDGET (f.window), "match-fill-offer"));
  assert_translated (&f, GTK_WIDGET (details), "Details with Fill from photo");

  /* Every field empty: filled at once, no question. */
  g_signal_emit_by_name (button, "clicked");
  rs_test_wait_idle (1000);
  if (rs_test_find_message_dialog () != NULL)
    g_test_message ("unexpected: %s", adw_message_dialog_get_body (rs_test_find_message_dialog ()));
  g_assert_null (rs_test_find_message_dialog ());
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER), ==, READ_NUMBER);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER_CONFIRM), ==, READ_NUMBER);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_BIRTH_DATE), ==, "1974-08-12");
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_EXPIRY_DATE), ==, "2012-04-15");
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_SEX), ==, "female");
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_NATIONALITY), ==, "UTO");
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_SURNAME), ==, "ERIKSSON");
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_GIVEN_NAMES), ==, "ANNA MARIA");
  g_assert_nonnull (rs_session_get_field (f.session, RS_FIELD_MRZ));
  number = field_text (details, RS_FIELD_ID_NUMBER);
  g_assert_cmpstr (number, ==, READ_NUMBER);
  /* 8 fields: surname, given names, number, nationality, birth, sex,
   * expiry and the MRZ (the number's second copy follows it). */
  g_assert_nonnull (rs_details_page_get_fill_message (details));
  g_assert_nonnull (strstr (rs_details_page_get_fill_message (details), "8"));
  /* Nothing left to fill. */
  g_assert_false (gtk_widget_is_sensitive (button));
  g_free (rs_test_screenshot (GTK_WIDGET (f.window), "match-fill-toast"));

  /* Undo (the toast's button): the fields are empty again. */
  /* As rs_test_find_button_by_label() compares: underscores dropped. */
  undo_label = g_strdup (_("_Undo"));
  for (char *r = undo_label, *w = undo_label;; r++)
    if (*r != '_' && (*w++ = *r) == '\0')
      break;
  undo = rs_test_find_button_by_label (GTK_WIDGET (f.window), undo_label);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  rs_test_wait_idle (1000);
  g_assert_null (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER));
  g_assert_null (rs_session_get_field (f.session, RS_FIELD_SURNAME));
  g_assert_null (rs_session_get_field (f.session, RS_FIELD_MRZ));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* A typed number that differs: the dialog lists it; "fill empty only"
   * keeps it. */
  type_details (&f, TYPED_NUMBER);
  rs_session_set_field (f.session, RS_FIELD_SURNAME, NULL);
  rs_details_page_check_now (details);
  given = g_strdup (rs_session_get_field (f.session, RS_FIELD_GIVEN_NAMES));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rs_test_wait_message_dialog (TRUE, 5000));
  dialog = rs_test_find_message_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, TYPED_NUMBER " → " READ_NUMBER));
  /* Only what differs is listed: one line. */
  g_assert_null (strstr (strstr (body, "→") + 1, "→"));
  g_assert_null (strstr (body, "1974-08-12"));
  rs_test_wait_frame (GTK_WIDGET (dialog), 1000);
  g_free (rs_test_screenshot (GTK_WIDGET (dialog), "match-fill-dialog"));
  assert_translated (&f, GTK_WIDGET (dialog), "Fill from photo dialog");
  rs_test_message_dialog_click (dialog, "keep");
  g_assert_true (rs_test_wait_message_dialog (FALSE, 5000));
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER), ==, TYPED_NUMBER);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_SURNAME), ==, "ERIKSSON");
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_GIVEN_NAMES), ==, given);

  /* Cancel changes nothing; Replace takes the number read. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rs_test_wait_message_dialog (TRUE, 5000));
  rs_test_message_dialog_click (rs_test_find_message_dialog (), "cancel");
  g_assert_true (rs_test_wait_message_dialog (FALSE, 5000));
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER), ==, TYPED_NUMBER);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (rs_test_wait_message_dialog (TRUE, 5000));
  rs_test_message_dialog_click (rs_test_find_message_dialog (), "replace");
  g_assert_true (rs_test_wait_message_dialog (FALSE, 5000));
  rs_test_wait_idle (1000);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER), ==, READ_NUMBER);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_ID_NUMBER_CONFIRM), ==, READ_NUMBER);
  g_assert_cmpstr (rs_session_get_field (f.session, RS_FIELD_GIVEN_NAMES), ==, given);
  g_assert_false (gtk_widget_is_sensitive (button));

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  rs_test_init (&argc, &argv);
  work_dir = g_dir_make_tmp ("test-match-XXXXXX", &error);
  g_assert_no_error (error);
  app = rs_test_application_new ();

  g_test_add_func ("/app/match/review", test_review);
  g_test_add_func ("/app/match/photos", test_photos);
  g_test_add_func ("/app/match/fill", test_fill);

  status = g_test_run ();

  rs_test_application_free (&app);
  if (passport_path != NULL)
    g_unlink (passport_path);
  g_rmdir (work_dir);
  g_free (passport_path);
  g_free (work_dir);
  return status;
}
