/* test-wizard.c: the real window, the navigator and the Start page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-application.h"
#include "rs-draft.h"
#include "rs-navigator.h"
#include "rs-recent.h"
#include "rs-settings.h"
#include "rs-start-page.h"
#include "rs-test-screenshot.h"
#include "rs-window.h"

static RsApplication *app;

/* A page whose apply step can be made to fail, for the navigator tests. */

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, RsPage)

struct _TestPage
{
  RsPage     parent_instance;
  gboolean   fail;
  guint      n_shown;
  guint      n_applied;
  char      *focused;
  GtkWidget *entry;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, RS_TYPE_PAGE)

static gboolean
apply_done_cb (gpointer data)
{
  GTask *task = data;
  TestPage *self = g_task_get_source_object (task);

  self->n_applied++;
  if (self->fail)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "The photo could not be read <again> & again");
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Start, Details and Export fit a window @width px wide (issue 15): each
 * page is no wider than that less what the window adds around the pages
 * (its frame).  The window as a whole is as wide as its widest page. */
static void
assert_pages_fit (GtkWidget *window,
                  int        width)
{
  static const char * const pages[] = { "RsStartPage", "RsDetailsPage", "RsExportPage" };
  GtkWidget *navigator = rs_test_find_widget (window, g_type_from_name ("RsNavigator"), NULL);
  int window_min = 0, navigator_min = 0;

  g_assert_nonnull (navigator);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &window_min, NULL, NULL, NULL);
  gtk_widget_measure (navigator, GTK_ORIENTATION_HORIZONTAL, -1, &navigator_min, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = rs_test_find_widget (window, g_type_from_name (pages[i]), NULL);

      g_assert_nonnull (page);
      rs_test_assert_min_width (page, width - (window_min - navigator_min));
    }
}

static void
test_page_apply_async (RsPage              *page,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (page, cancellable, callback, user_data);

  /* Asynchronous for real, so the busy state can be seen. */
  g_timeout_add (50, apply_done_cb, task);
}

static gboolean
test_page_apply_finish (RsPage        *page,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_page_shown (RsPage *page)
{
  TEST_PAGE (page)->n_shown++;
}

static gboolean
test_page_focus_item (RsPage     *page,
                      const char *item_id)
{
  TestPage *self = TEST_PAGE (page);

  g_free (self->focused);
  self->focused = g_strdup (item_id);
  return g_str_equal (item_id, "entry") && gtk_widget_grab_focus (self->entry);
}

static void
test_page_finalize (GObject *object)
{
  g_free (TEST_PAGE (object)->focused);
  G_OBJECT_CLASS (test_page_parent_class)->finalize (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  RsPageClass *page_class = RS_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_page_finalize;
  page_class->apply_async = test_page_apply_async;
  page_class->apply_finish = test_page_apply_finish;
  page_class->shown = test_page_shown;
  page_class->focus_item = test_page_focus_item;
}

static void
test_page_init (TestPage *self)
{
  self->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->entry), TRUE);
  adw_bin_set_child (ADW_BIN (self), self->entry);
  rs_page_set_title (RS_PAGE (self), "Test");
}

/* Helpers */

static gboolean
not_busy (gpointer data)
{
  return !rs_navigator_get_busy (data);
}

static gboolean
on_second_step (gpointer data)
{
  return rs_navigator_get_step (data) == 1 && !rs_navigator_get_busy (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
has_dialog (gpointer data)
{
  return rs_test_find_message_dialog () != NULL;
}

/* An open message dialog other than @skip (which may be closing). */
static AdwMessageDialog *
find_other_dialog (gpointer skip)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && (gpointer) window != skip &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
other_dialog (gpointer data)
{
  return find_other_dialog (data) != NULL;
}

/* Labels showing file paths are data, not UI text. */
static void
ignore_path_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && strchr (gtk_label_get_text (GTK_LABEL (widget)), '/') != NULL)
    rs_test_translation_ignore (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ignore_path_labels (child);
}

static gboolean
no_dialog (gpointer data)
{
  return rs_test_find_message_dialog () == NULL;
}

static gboolean
step_is (RsNavigator *navigator,
         guint        step)
{
  return rs_navigator_get_step (navigator) == step;
}

static gboolean
next_enabled (RsWindow *window)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), "next");
}

static gboolean
back_enabled (RsWindow *window)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), "back");
}

/* @fresh: without the draft an earlier test left behind. */
static gboolean
draft_exists_cond (gpointer path)
{
  return rs_draft_exists (path);
}

/* A visible toplevel of the GType in @type. */
static gboolean
has_toplevel_of_type (gpointer type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, GPOINTER_TO_SIZE (type)) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

static RsWindow *
open_window_full (gboolean fresh)
{
  RsWindow *window;

  if (fresh)
    g_assert_true (rs_draft_delete_all_data (NULL, NULL));

  window = rs_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rs_test_wait_mapped (GTK_WIDGET (window), 5000));
  return window;
}

static RsWindow *
open_window (void)
{
  return open_window_full (TRUE);
}

static void
close_window (RsWindow *window)
{
  AdwMessageDialog *dialog;

  while ((dialog = rs_test_find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  rs_test_wait_idle (1000);
}

static RsStartPage *
get_start_page (RsWindow *window)
{
  RsPage *page = rs_navigator_find_page (rs_window_get_navigator (window), RS_TYPE_START_PAGE);

  g_assert_nonnull (page);
  return RS_START_PAGE (page);
}

static GtkCheckButton *
reason_check (RsStartPage *page,
              RsReason     reason)
{
  GtkWidget *check = rs_test_find_widget (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON,
                                          rs_reason_to_string (reason));

  g_assert_nonnull (check);
  return GTK_CHECK_BUTTON (check);
}

/* The advice row is the list row that follows the reason's row. */
static GtkWidget *
advice_row (GtkCheckButton *check)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);

  g_assert_nonnull (row);
  return gtk_widget_get_next_sibling (row);
}

static guint
find_string (GListModel *model,
             const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
scroll_to_end (GtkWidget *page)
{
  GtkWidget *scrolled = rs_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  g_assert_true (rs_test_wait_mapped (scrolled, 5000));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static char *
expected_step_title (guint step,
                     guint n)
{
  return g_strdup_printf (_("Step %u of %u"), step, n);
}

/* Tests */

static void
test_start_page (void)
{
  RsWindow *window = open_window ();
  RsNavigator *navigator = rs_window_get_navigator (window);
  RsSession *session = rs_window_get_session (window);
  RsStartPage *page = get_start_page (window);
  AdwComboRow *profile_row, *document_row;
  GtkWidget *errors_row, *copy_button, *title;
  g_autofree char *step_title = NULL;
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  GListModel *documents;
  GSettings *settings;
  RsProfile *profile;
  guint n_pages = rs_navigator_get_n_pages (navigator);
  guint passport, okx = GTK_INVALID_LIST_POSITION;
  const char * const reasons[] = { "details", "photo", "files", "upload", "unsure" };

  g_assert_cmpuint (n_pages, >=, 1);
  g_assert_true (rs_navigator_get_page (navigator, 0) == RS_PAGE (page));
  g_assert_cmpuint (rs_navigator_get_step (navigator), ==, 0);

  /* Header: step indicator and the page's name. */
  step_title = expected_step_title (1, n_pages);
  title = rs_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, step_title);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   rs_page_get_title (RS_PAGE (page)));
  g_assert_cmpstr (rs_page_get_title (RS_PAGE (page)), ==, _("Platform and Reason"));

  /* Profiles load, and one with its documents is chosen from the start. */
  profile_row = ADW_COMBO_ROW (rs_test_find_widget (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, "profile-row"));
  document_row = ADW_COMBO_ROW (rs_test_find_widget (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, "document-row"));
  errors_row = rs_test_find_widget (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "errors-row");
  g_assert_nonnull (profile_row);
  g_assert_nonnull (document_row);
  g_assert_nonnull (errors_row);
  g_assert_false (gtk_widget_get_visible (errors_row));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (profile_row)), >=, 2);
  g_assert_nonnull (rs_session_get_profile (session));
  g_assert_nonnull (rs_session_get_document_type (session));

  /* No reason yet: not complete, Next off, Back off on the first step. */
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_NONE);
  g_assert_false (rs_page_get_complete (RS_PAGE (page)));
  g_assert_false (next_enabled (window));
  g_assert_false (back_enabled (window));
  g_assert_false (rs_navigator_get_can_go_back (navigator));

  /* Choose OKX (by its id) and then the passport. */
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (profile_row)); i++)
    {
      adw_combo_row_set_selected (profile_row, i);
      if (g_strcmp0 (rs_session_get_profile_id (session), "okx") == 0)
        {
          okx = i;
          break;
        }
    }
  g_assert_cmpuint (okx, !=, GTK_INVALID_LIST_POSITION);
  profile = rs_session_get_profile (session);
  g_assert_cmpstr (rs_profile_get_id (profile), ==, "okx");

  settings = rs_settings_get_default ();
  if (settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (settings, "last-profile");
      g_assert_cmpstr (last, ==, "okx");
    }
  else
    g_test_message ("GSettings schema not found: last-profile not checked");

  documents = adw_combo_row_get_model (document_row);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, rs_profile_get_n_documents (profile));
  passport = find_string (documents, rs_document_type_get_name (RS_DOC_PASSPORT));
  g_assert_cmpuint (passport, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (document_row, passport);
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_PASSPORT);
  g_assert_false (rs_page_get_complete (RS_PAGE (page)));

  /* Every reason reveals its advice and is stored. */
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      RsReason reason = rs_reason_from_string (reasons[i]);
      GtkCheckButton *check = reason_check (page, reason);
      GtkWidget *advice = advice_row (check);

      g_assert_false (gtk_widget_get_visible (advice));
      gtk_check_button_set_active (check, TRUE);
      g_assert_true (gtk_widget_get_visible (advice));
      g_assert_true (rs_session_has_reason (session, reason));
      g_assert_true (rs_page_get_complete (RS_PAGE (page)));
      gtk_check_button_set_active (check, FALSE);
      g_assert_false (gtk_widget_get_visible (advice));
      g_assert_false (rs_session_has_reason (session, reason));
      g_assert_false (rs_page_get_complete (RS_PAGE (page)));
    }

  /* Clicking the row toggles the check too (activatable widget). */
  gtk_widget_activate (GTK_WIDGET (reason_check (page, RS_REASON_PHOTO)));
  g_assert_true (rs_session_has_reason (session, RS_REASON_PHOTO));
  gtk_check_button_set_active (reason_check (page, RS_REASON_UPLOAD), TRUE);
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_PHOTO | RS_REASON_UPLOAD);
  g_assert_true (rs_page_get_complete (RS_PAGE (page)));
  g_assert_cmpint (next_enabled (window), ==, n_pages > 1);

  /* Changing the platform keeps a document type it accepts, and the
   * reasons ticked before it, in the session and in what the draft saves
   * (issue 15: once a draft held "reasons": [] after this). */
  adw_combo_row_set_selected (profile_row, okx == 0 ? 1 : 0);
  g_assert_nonnull (rs_session_get_document_type (session));
  g_assert_nonnull (rs_profile_find_document (rs_session_get_profile (session),
                                              rs_session_get_document_type (session)));
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_PHOTO | RS_REASON_UPLOAD);
  g_assert_true (gtk_check_button_get_active (reason_check (page, RS_REASON_PHOTO)));
  {
    g_autofree char *draft = rs_draft_to_json (session);

    g_assert_nonnull (strstr (draft, "\"photo\""));
    g_assert_nonnull (strstr (draft, "\"upload\""));
  }
  adw_combo_row_set_selected (profile_row, okx);
  adw_combo_row_set_selected (document_row, passport);
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_PASSPORT);

  path = rs_test_screenshot (GTK_WIDGET (window), "start");
  rs_test_assert_mnemonics_unique (GTK_WIDGET (window));
  assert_pages_fit (GTK_WIDGET (window), 360);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  rs_test_assert_translated (GTK_WIDGET (window), "Start page", NULL);

  /* The support message names platform and document, never the ID number. */
  rs_session_set_field (session, "id_number", "E12345678");
  rs_session_set_field (session, "name", "ZHANG San");
  copy_button = rs_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "copy-support-message");
  g_assert_nonnull (copy_button);
  g_assert_true (gtk_widget_get_mapped (copy_button));
  g_signal_emit_by_name (copy_button, "clicked");
  message = rs_test_clipboard_text (copy_button);
  g_test_message ("support message:\n%s", message);
  g_assert_nonnull (strstr (message, "OKX"));
  g_assert_null (strstr (message, " — "));
  g_assert_nonnull (strstr (message, rs_document_type_get_name (RS_DOC_PASSPORT)));
  g_assert_null (strstr (message, "E12345678"));
  g_assert_null (strstr (message, "ZHANG"));
  g_assert_null (strstr (message, "%"));
  if (rs_test_is_chinese ())
    g_assert_nonnull (strstr (message, "您好"));
  else
    g_assert_true (g_str_has_prefix (message, "Hello"));

  /* Focus items for the Review page's "Fix" buttons. */
  g_assert_true (rs_page_focus_item (RS_PAGE (page), "document"));
  g_assert_false (rs_page_focus_item (RS_PAGE (page), "no-such-item"));

  /* The advice of the upload reason, with its button, at the bottom. */
  scroll_to_end (GTK_WIDGET (page));
  g_free (path);
  path = rs_test_screenshot (GTK_WIDGET (window), "start-advice");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  rs_test_assert_translated (GTK_WIDGET (window), "Start page, advice", NULL);

  /* Next and Back through the window's actions. */
  if (n_pages > 1)
    {
      g_autofree char *title2 = expected_step_title (2, n_pages);

      g_action_group_activate_action (G_ACTION_GROUP (window), "next", NULL);
      g_assert_true (rs_test_wait_until (not_busy, navigator, 10000));
      g_assert_true (step_is (navigator, 1));
      g_assert_cmpint (rs_session_get_step (session), ==, 1);
      g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, title2);
      g_assert_true (back_enabled (window));

      g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
      g_assert_true (step_is (navigator, 0));
      g_assert_cmpint (rs_session_get_step (session), ==, 0);
      g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, step_title);
      g_assert_false (back_enabled (window));
      /* The choices survive the round trip. */
      g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_PHOTO | RS_REASON_UPLOAD);
      g_assert_true (gtk_check_button_get_active (reason_check (page, RS_REASON_UPLOAD)));
    }
  else
    {
      g_test_message ("only the Start page is registered: Next is off on the last step");
      g_assert_false (next_enabled (window));
    }

  close_window (window);

  /* The next start preselects the platform chosen last. */
  if (settings != NULL)
    {
      window = open_window ();
      g_assert_cmpstr (rs_session_get_profile_id (rs_window_get_session (window)), ==, "okx");
      close_window (window);
    }
}

/* Every registered step, as the user sees it, in both languages. */
static void
test_screenshot_all_steps (void)
{
  RsWindow *window = open_window ();
  RsNavigator *navigator = rs_window_get_navigator (window);
  RsStartPage *page = get_start_page (window);

  gtk_check_button_set_active (reason_check (page, RS_REASON_DETAILS), TRUE);
  gtk_check_button_set_active (reason_check (page, RS_REASON_PHOTO), TRUE);

  for (guint i = 0; i < rs_navigator_get_n_pages (navigator); i++)
    {
      g_autofree char *name = g_strdup_printf ("step%u", i + 1);
      g_autofree char *path = NULL;
      g_autofree char *what = NULL;
      g_autoptr(GPtrArray) texts = NULL;

      rs_navigator_go_to_step (navigator, i);
      g_assert_cmpuint (rs_navigator_get_step (navigator), ==, i);
      path = rs_test_screenshot (GTK_WIDGET (window), name);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

      texts = rs_test_collect_visible_texts (GTK_WIDGET (window));
      g_assert_cmpuint (texts->len, >, 0);
      what = g_strdup_printf ("step %u (%s)", i + 1,
                              G_OBJECT_TYPE_NAME (rs_navigator_get_page (navigator, i)));
      /* Other steps are checked strictly by their own tests; here they are
       * only reported. */
      if (i == 0)
        rs_test_assert_translated (GTK_WIDGET (window), what, NULL);
      else if (rs_test_is_chinese ())
        {
          g_autoptr(GPtrArray) bad = rs_test_list_untranslated (GTK_WIDGET (window), NULL);

          for (guint j = 0; j < bad->len; j++)
            g_test_message ("%s: untranslated %s", what, (const char *) g_ptr_array_index (bad, j));
        }
    }

  close_window (window);
}

static void
test_navigator (void)
{
  const GType types[] = { TEST_TYPE_PAGE, TEST_TYPE_PAGE, TEST_TYPE_PAGE };
  g_autoptr(RsSession) session = rs_session_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  RsNavigator *navigator;
  TestPage *first, *second, *third;
  g_autoptr(GPtrArray) texts = NULL;
  gboolean toast_found = FALSE;

  navigator = RS_NAVIGATOR (rs_navigator_new_with_types (session, types, G_N_ELEMENTS (types)));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (navigator));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpuint (rs_navigator_get_n_pages (navigator), ==, 3);
  first = TEST_PAGE (rs_navigator_get_page (navigator, 0));
  second = TEST_PAGE (rs_navigator_get_page (navigator, 1));
  third = TEST_PAGE (rs_navigator_get_page (navigator, 2));
  g_assert_cmpuint (first->n_shown, ==, 1);
  g_assert_cmpuint (rs_navigator_get_first_incomplete_step (navigator), ==, 0);

  /* Next follows the page's completeness. */
  g_assert_false (rs_navigator_get_can_go_next (navigator));
  rs_navigator_next (navigator);
  g_assert_cmpuint (first->n_applied, ==, 0);
  rs_page_set_complete (RS_PAGE (first), TRUE);
  g_assert_true (rs_navigator_get_can_go_next (navigator));
  g_assert_cmpuint (rs_navigator_get_first_incomplete_step (navigator), ==, 1);

  /* A failing apply: busy meanwhile, then stays with the error as a toast. */
  first->fail = TRUE;
  rs_navigator_next (navigator);
  g_assert_true (rs_navigator_get_busy (navigator));
  g_assert_false (rs_navigator_get_can_go_next (navigator));
  g_assert_false (gtk_widget_get_can_target (gtk_widget_get_parent (GTK_WIDGET (first))));
  g_assert_true (rs_test_wait_until (not_busy, navigator, 5000));
  g_assert_cmpuint (first->n_applied, ==, 1);
  g_assert_cmpuint (rs_navigator_get_step (navigator), ==, 0);
  g_assert_true (gtk_widget_get_can_target (gtk_widget_get_parent (GTK_WIDGET (first))));
  rs_test_wait_frame (GTK_WIDGET (navigator), 1000);
  texts = rs_test_collect_visible_texts (window);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), "The photo could not be read <again> & again"))
      toast_found = TRUE;
  g_assert_true (toast_found);

  /* Then it succeeds, via Enter in an entry that activates the default. */
  first->fail = FALSE;
  g_assert_true (gtk_widget_grab_focus (first->entry));
  g_signal_emit_by_name (rs_test_find_widget (first->entry, GTK_TYPE_TEXT, NULL), "activate");
  /* A button activated by the keyboard clicks after a short delay. */
  g_assert_true (rs_test_wait_until (on_second_step, navigator, 5000));
  g_assert_cmpuint (first->n_applied, ==, 2);
  g_assert_cmpuint (rs_navigator_get_step (navigator), ==, 1);
  g_assert_cmpint (rs_session_get_step (session), ==, 1);
  g_assert_cmpuint (second->n_shown, ==, 1);
  g_assert_true (rs_navigator_get_can_go_back (navigator));
  g_assert_false (rs_navigator_get_can_go_next (navigator));

  rs_navigator_back (navigator);
  g_assert_cmpuint (rs_navigator_get_step (navigator), ==, 0);
  g_assert_cmpuint (first->n_shown, ==, 2);
  g_assert_false (rs_navigator_get_can_go_back (navigator));
  rs_navigator_back (navigator);
  g_assert_cmpuint (rs_navigator_get_step (navigator), ==, 0);

  /* "Fix" buttons: jump to a page and an item on it. */
  g_assert_true (rs_navigator_go_to_item (navigator, TEST_TYPE_PAGE, "entry"));
  g_assert_cmpstr (first->focused, ==, "entry");
  g_assert_true (rs_page_go_to (RS_PAGE (first), TEST_TYPE_PAGE, NULL));
  g_assert_false (rs_navigator_go_to_item (navigator, RS_TYPE_START_PAGE, NULL));

  /* The last step has no Next. */
  rs_navigator_go_to_step (navigator, 2);
  g_assert_cmpuint (third->n_shown, ==, 1);
  rs_page_set_complete (RS_PAGE (third), TRUE);
  g_assert_false (rs_navigator_get_can_go_next (navigator));

  /* Rebuilding starts over with fresh pages. */
  rs_navigator_rebuild (navigator);
  g_assert_cmpuint (rs_navigator_get_step (navigator), ==, 0);
  g_assert_cmpuint (rs_navigator_get_n_pages (navigator), ==, 3);
  g_assert_false (rs_page_get_complete (rs_navigator_get_page (navigator, 0)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_profile_errors (void)
{
  g_autofree char *dir = g_build_filename (rs_test_get_config_dir (), "resubmit", "profiles", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GPtrArray) texts = NULL;
  RsWindow *window;
  RsStartPage *page;
  GtkWidget *errors_row;
  gboolean named = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (bad, "{ \"id\": \"broken\", \"version\": ", -1, NULL));

  window = open_window ();
  page = get_start_page (window);
  errors_row = rs_test_find_widget (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "errors-row");
  g_assert_true (gtk_widget_get_visible (errors_row));
  /* The built-in profiles are still there to choose. */
  g_assert_nonnull (rs_session_get_profile (rs_window_get_session (window)));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (errors_row), TRUE);
  rs_test_wait_frame (errors_row, 1000);
  texts = rs_test_collect_visible_texts (errors_row);
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), "broken.json") != NULL)
      named = TRUE;
  g_assert_true (named);
  rs_test_screenshot (GTK_WIDGET (window), "start-profile-errors");
  /* The messages name the file: its path is data, the rest must be translated. */
  ignore_path_labels (errors_row);
  rs_test_assert_translated (GTK_WIDGET (window), "profile errors", NULL);

  g_remove (bad);
  close_window (window);
}

static void
test_draft_resume (void)
{
  g_autoptr(RsSession) saved = rs_session_new ();
  g_autoptr(RsProfile) okx = rs_profile_load_builtin ("okx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rs_draft_get_default_path ();
  AdwMessageDialog *dialog;
  RsWindow *window;
  RsSession *session;
  RsStartPage *page;
  RsStartPage *built;

  g_assert_nonnull (okx);
  rs_session_set_profile (saved, okx);
  rs_session_set_document_type (saved, RS_DOC_PASSPORT);
  rs_session_set_reasons (saved, RS_REASON_DETAILS | RS_REASON_FILES);
  /* Saved on the second step: resuming returns there (the Start page is
   * complete, so nothing before it needs attention). */
  rs_session_set_step (saved, 1);
  g_assert_true (rs_draft_save (saved, path, &error));
  g_assert_no_error (error);

  /* Resume: the pages show the draft's choices. */
  window = open_window_full (FALSE);
  g_assert_true (rs_test_wait_until (has_dialog, NULL, 5000));
  dialog = rs_test_find_message_dialog ();
  rs_test_screenshot (GTK_WIDGET (dialog), "resume-dialog");
  rs_test_assert_translated (GTK_WIDGET (dialog), "resume dialog", NULL);
  built = get_start_page (window);
  rs_test_message_dialog_click (dialog, "resume");
  g_assert_true (rs_test_wait_until (no_dialog, NULL, 5000));

  session = rs_window_get_session (window);
  page = get_start_page (window);
  /* Updated in place from the session's signals, not built again. */
  g_assert_true (page == built);
  g_assert_cmpstr (rs_session_get_profile_id (session), ==, "okx");
  g_assert_cmpstr (rs_session_get_document_type (session), ==, RS_DOC_PASSPORT);
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_DETAILS | RS_REASON_FILES);
  g_assert_true (gtk_check_button_get_active (reason_check (page, RS_REASON_FILES)));
  g_assert_false (gtk_check_button_get_active (reason_check (page, RS_REASON_PHOTO)));
  g_assert_true (rs_page_get_complete (RS_PAGE (page)));
  g_assert_cmpuint (rs_navigator_get_step (rs_window_get_navigator (window)), ==,
                    MIN (1, rs_navigator_get_n_pages (rs_window_get_navigator (window)) - 1));
  rs_navigator_go_to_step (rs_window_get_navigator (window), 0);

  /* Autosave follows the changes. */
  gtk_check_button_set_active (reason_check (page, RS_REASON_UNSURE), TRUE);
  close_window (window);
  {
    g_autoptr(RsSession) reread = rs_session_new ();

    g_assert_true (rs_draft_load (path, reread, &error));
    g_assert_no_error (error);
    g_assert_true (rs_session_has_reason (reread, RS_REASON_UNSURE));
  }

  /* Start over: the draft is gone and the page is empty again. */
  window = open_window_full (FALSE);
  g_assert_true (rs_test_wait_until (has_dialog, NULL, 5000));
  built = get_start_page (window);
  rs_test_message_dialog_click (rs_test_find_message_dialog (), "start-over");
  g_assert_true (rs_test_wait_until (no_dialog, NULL, 5000));
  session = rs_window_get_session (window);
  g_assert_true (get_start_page (window) == built);
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_NONE);
  g_assert_false (gtk_check_button_get_active (reason_check (built, RS_REASON_UNSURE)));
  g_assert_false (rs_page_get_complete (RS_PAGE (get_start_page (window))));
  g_assert_false (rs_draft_exists (path));
  close_window (window);
}

static void
test_draft_corrupt (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean moved = FALSE;
  RsWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"format\": \"resubmit-draft\", \"vers", -1, NULL));

  window = open_window_full (FALSE);
  g_assert_true (rs_test_wait_until (has_dialog, NULL, 5000));
  /* The app starts cleanly and the bad file was kept aside. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "draft.json.corrupt-"))
      moved = TRUE;
  g_assert_true (moved);
  g_assert_cmpint (rs_session_get_reasons (rs_window_get_session (window)), ==, RS_REASON_NONE);
  rs_test_screenshot (GTK_WIDGET (rs_test_find_message_dialog ()), "corrupt-draft-dialog");
  close_window (window);
}

static gboolean
recent_gone (gpointer uri)
{
  return !gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri);
}

static void
test_delete_all_data (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  AdwMessageDialog *confirm, *done;
  GtkWidget *paths;
  RsWindow *window;
  RsStartPage *page;

  window = open_window ();
  page = get_start_page (window);
  gtk_check_button_set_active (reason_check (page, RS_REASON_DETAILS), TRUE);
  /* Autosave writes within its delay. */
  g_assert_true (rs_test_wait_until (draft_exists_cond, path, RS_DRAFT_AUTOSAVE_DELAY_MS + 5000));

  /* What a file chooser records for us goes at once; other apps' entries
   * stay. */
  {
    GtkRecentManager *recent = gtk_recent_manager_get_default ();
    GtkRecentData ours = { NULL, NULL, (char *) "image/jpeg", (char *) "Resubmit",
                           (char *) "resubmit %u", NULL, FALSE };
    GtkRecentData other = { NULL, NULL, (char *) "text/plain", (char *) "OtherApp",
                            (char *) "other %u", NULL, FALSE };
    GtkRecentData bundle = { NULL, NULL, (char *) "application/x-resubmit-bundle",
                             (char *) "Files", (char *) "files %u", NULL, FALSE };

    g_assert_true (gtk_recent_manager_add_full (recent, "file:///tmp/id-front.jpg", &ours));
    g_assert_true (gtk_recent_manager_add_full (recent, "file:///tmp/notes.txt", &other));
    g_assert_true (gtk_recent_manager_add_full (recent, "file:///tmp/Resubmit-1.zip", &bundle));
    g_assert_true (rs_test_wait_until (recent_gone, (gpointer) "file:///tmp/id-front.jpg", 5000));
    g_assert_true (rs_test_wait_until (recent_gone, (gpointer) "file:///tmp/Resubmit-1.zip", 5000));
    g_assert_true (gtk_recent_manager_has_item (recent, "file:///tmp/notes.txt"));
  }
  /* What another app recorded for one of the session's photos goes too
   * (a list of our own here, not watched). */
  {
    g_autofree char *file = g_build_filename (g_get_user_data_dir (), "other-recent.xbel", NULL);
    g_autoptr(GtkRecentManager) list = g_object_new (GTK_TYPE_RECENT_MANAGER, "filename", file, NULL);
    g_autoptr(RsSession) session = rs_session_new ();
    g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
    GtkRecentData viewer = { NULL, NULL, (char *) "image/jpeg", (char *) "Image Viewer",
                             (char *) "eog %u", NULL, FALSE };

    rs_session_set_photo (session, "id-front", "/tmp/front.jpg");
    g_assert_true (gtk_recent_manager_add_full (list, "file:///tmp/front.jpg", &viewer));
    g_assert_true (gtk_recent_manager_add_full (list, "file:///tmp/holiday.jpg", &viewer));
    g_assert_cmpuint (rs_recent_forget_ours (list, session, removed), ==, 1);
    g_assert_cmpstr (g_ptr_array_index (removed, 0), ==, "file:///tmp/front.jpg");
    g_assert_true (gtk_recent_manager_has_item (list, "file:///tmp/holiday.jpg"));
  }

  g_action_group_activate_action (G_ACTION_GROUP (window), "delete-data", NULL);
  g_assert_true (rs_test_wait_until (has_dialog, NULL, 5000));
  rs_test_screenshot (GTK_WIDGET (rs_test_find_message_dialog ()), "delete-data-dialog");
  rs_test_assert_translated (GTK_WIDGET (rs_test_find_message_dialog ()), "delete dialog", NULL);
  confirm = rs_test_find_message_dialog ();
  rs_test_message_dialog_click (confirm, "delete");

  /* A second dialog says what was removed. */
  g_assert_true (rs_test_wait_until (other_dialog, confirm, 5000));
  g_assert_false (rs_draft_exists (path));
  g_assert_false (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), "file:///tmp/id-front.jpg"));
  g_assert_false (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), "file:///tmp/Resubmit-1.zip"));
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), "file:///tmp/notes.txt"));
  g_assert_cmpint (rs_session_get_reasons (rs_window_get_session (window)), ==, RS_REASON_NONE);
  g_assert_false (rs_page_get_complete (RS_PAGE (get_start_page (window))));
  done = find_other_dialog (confirm);
  paths = rs_test_find_widget (GTK_WIDGET (done), GTK_TYPE_LABEL, "removed-paths");
  g_assert_nonnull (paths);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (paths)), path));
  rs_test_screenshot (GTK_WIDGET (done), "data-deleted-dialog");
  ignore_path_labels (GTK_WIDGET (done));
  rs_test_assert_translated (GTK_WIDGET (done), "data deleted dialog", NULL);
  rs_test_message_dialog_click (done, "close");
  /* Nothing was written back behind the user's back: an absence, so a
   * fixed wait, one autosave delay and some. */
  rs_test_wait (RS_DRAFT_AUTOSAVE_DELAY_MS + 300);
  g_assert_false (rs_draft_exists (path));
  close_window (window);
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
test_application (void)
{
  g_auto(GStrv) next = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.next");
  g_auto(GStrv) back = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.back");
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_autoptr(GPtrArray) files = NULL;
  GFile *opened[2];
  guint n_signals = 0;

  g_assert_cmpstr (next[0], ==, "<Alt>Right");
  g_assert_cmpstr (back[0], ==, "<Alt>Left");
  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));

  /* Files opened with the app wait for the Photos step. */
  opened[0] = g_file_new_for_path ("/tmp/a.jpg");
  opened[1] = g_file_new_for_path ("/tmp/b.jpg");
  g_signal_connect_swapped (app, "files-opened", G_CALLBACK (count_cb), &n_signals);
  g_application_open (G_APPLICATION (app), opened, 2, "");
  g_signal_handlers_disconnect_by_func (app, count_cb, &n_signals);
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (rs_application_get_n_pending_files (app), ==, 2);
  /* ...and a window is there to take them. */
  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (app)));
  files = rs_application_take_pending_files (app);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (g_file_equal (g_ptr_array_index (files, 1), opened[1]));
  g_assert_cmpuint (rs_application_get_n_pending_files (app), ==, 0);
  g_object_unref (opened[0]);
  g_object_unref (opened[1]);

  /* The primary menu offers About, the shortcuts and deleting all data. */
  {
    RsWindow *window = open_window ();
    GtkWidget *button = rs_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
    g_autoptr(GPtrArray) texts = NULL;
    g_autofree char *delete_label = NULL;
    GtkPopover *popover;
    gboolean found = FALSE;

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)), ==, "open-menu-symbolic");
    g_assert_nonnull (gtk_widget_get_tooltip_text (button));
    /* A popover only opens from a mapped button: wait for the window
     * first (slow machines map it late). */
    g_assert_true (rs_test_wait_until (is_mapped, button, 5000));
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    g_assert_nonnull (popover);
    g_assert_true (rs_test_wait_until (is_mapped, popover, 5000));
    g_free (rs_test_screenshot (GTK_WIDGET (popover), "menu"));
    rs_test_assert_translated (GTK_WIDGET (popover), "primary menu", NULL);
    /* The label as shown: the translation without its mnemonic mark. */
    delete_label = g_strdup (_("_Delete All My Data…"));
    {
      char *w = delete_label;
      for (const char *r = delete_label; *r != '\0'; r++)
        if (*r != '_')
          *w++ = *r;
      *w = '\0';
    }
    texts = rs_test_collect_visible_texts (GTK_WIDGET (popover));
    for (guint i = 0; i < texts->len; i++)
      if (g_str_equal (g_ptr_array_index (texts, i), delete_label))
        found = TRUE;
    g_assert_true (found);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
    close_window (window);
  }

  /* Keyboard shortcuts window (gtk/help-overlay.ui), through the menu's action. */
  {
    RsWindow *window = open_window ();
    GtkWidget *shortcuts = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
    g_assert_true (rs_test_wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (GTK_IS_SHORTCUTS_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
          shortcuts = GTK_WIDGET (w);
      }
    g_assert_nonnull (shortcuts);
    rs_test_screenshot (shortcuts, "shortcuts");
    rs_test_assert_translated (shortcuts, "shortcuts window", NULL);
    gtk_window_destroy (GTK_WINDOW (shortcuts));
    close_window (window);
  }

  /* About window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (rs_test_wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 5000));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (w))
          {
            AdwAboutWindow *about = ADW_ABOUT_WINDOW (w);

            g_assert_cmpstr (adw_about_window_get_application_name (about), ==, _("Resubmit"));
            g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
            g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
            g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));
            g_assert_nonnull (adw_about_window_get_developer_name (about));
            /* It says that nothing is sent and that it is no exchange's app. */
            g_assert_nonnull (strstr (adw_about_window_get_comments (about),
                                      rs_test_is_chinese () ? "无隶属" : "not affiliated"));
            g_assert_nonnull (strstr (adw_about_window_get_comments (about),
                                      rs_test_is_chinese () ? "不会向任何地方发送" : "sends nothing"));
            rs_test_screenshot (GTK_WIDGET (w), "about");
            gtk_window_destroy (w);
            break;
          }
      }
  }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
}

static void
test_window_state (void)
{
  GSettings *settings = rs_settings_get_default ();
  RsWindow *window;
  int width, height;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not installed (GSETTINGS_SCHEMA_DIR)");
      return;
    }

  /* Closing remembers the size... */
  window = open_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 610);
  rs_test_wait_frame (GTK_WIDGET (window), 1000);
  gtk_window_close (GTK_WINDOW (window));
  rs_test_wait_idle (1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* ...and the next window starts with it. */
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 610);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rs_test_init (&argc, &argv);

  app = rs_test_application_new ();

  g_test_add_func ("/app/navigator", test_navigator);
  g_test_add_func ("/app/start-page", test_start_page);
  g_test_add_func ("/app/screenshots", test_screenshot_all_steps);
  g_test_add_func ("/app/profile-errors", test_profile_errors);
  g_test_add_func ("/app/draft/resume", test_draft_resume);
  g_test_add_func ("/app/draft/corrupt", test_draft_corrupt);
  g_test_add_func ("/app/delete-all-data", test_delete_all_data);
  g_test_add_func ("/app/application", test_application);
  g_test_add_func ("/app/window-state", test_window_state);

  status = g_test_run ();

  rs_test_application_free (&app);
  return status;
}
