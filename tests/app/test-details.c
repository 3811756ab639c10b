/* test-details.c: the Details page in the real window, typed into like a
 * user would, in English and Simplified Chinese.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "rs-application.h"
#include "rs-details-page.h"
#include "rs-navigator.h"
#include "rs-test-screenshot.h"
#include "rs-validate.h"
#include "rs-start-page.h"

/* A real mainland ID number (the standard's own example) and a typo of it. */
#define GOOD_ID     "11010519491231002X"
#define TYPO_ID     "110105194912310021"   /* wrong check character */
#define OTHER_ID    "11010519491231003X"   /* differs from GOOD_ID at character 17 */

#define REASON_HEADING _("Your last attempt was rejected because the details did not match the document")

/* The page of the open fixture, for wait_for_check(). */
static RsDetailsPage *checking_page;

static RsApplication *app;

/* A last step after Details, so that Next can be on; the other real pages
 * are left out so that this test depends only on the start page, the
 * navigator and the Details page. */
#define TEST_TYPE_END_PAGE (test_end_page_get_type ())
G_DECLARE_FINAL_TYPE (TestEndPage, test_end_page, TEST, END_PAGE, RsPage)

struct _TestEndPage
{
  RsPage parent_instance;
};

G_DEFINE_FINAL_TYPE (TestEndPage, test_end_page, RS_TYPE_PAGE)

static void
test_end_page_class_init (TestEndPageClass *klass)
{
}

static void
test_end_page_init (TestEndPage *self)
{
  adw_bin_set_child (ADW_BIN (self), gtk_label_new ("end"));
}

typedef struct {
  GtkWidget     *window;
  RsNavigator   *navigator;
  RsSession     *session;
  RsDetailsPage *page;
} Fixture;

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
next_enabled (GtkWidget *window)
{
  GtkWidget *next = find_actionable (window, "navigator.next");
  RsNavigator *navigator = RS_NAVIGATOR (rs_test_find_widget (window, RS_TYPE_NAVIGATOR, NULL));

  /* The navigator's state and the button the user sees must agree. */
  g_assert_nonnull (next);
  rs_test_wait_idle (1000);
  g_assert_cmpint (gtk_widget_is_sensitive (next), ==, rs_navigator_get_can_go_next (navigator));
  return rs_navigator_get_can_go_next (navigator);
}

static void
select_profile (RsSession  *session,
                const char *id)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);

  for (guint i = 0; i < profiles->len; i++)
    if (g_str_equal (rs_profile_get_id (g_ptr_array_index (profiles, i)), id))
      {
        rs_session_set_profile (session, g_ptr_array_index (profiles, i));
        return;
      }
  g_assert_not_reached ();
}

/* A window with the wizard (Start, Details, end) on the Details step, for
 * @document_type on OKX. */
static void
fixture_open (Fixture    *fx,
              const char *document_type,
              RsReason    reasons)
{
  const GType types[] = { RS_TYPE_START_PAGE, RS_TYPE_DETAILS_PAGE, TEST_TYPE_END_PAGE };
  g_autoptr(RsSession) session = rs_session_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title;

  select_profile (session, "okx");
  rs_session_set_document_type (session, document_type);
  rs_session_set_reasons (session, reasons);

  fx->window = adw_application_window_new (GTK_APPLICATION (app));
  /* As tall as the virtual screen allows; scroll_to() shows the rest. */
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 760, 1000);
  fx->navigator = RS_NAVIGATOR (rs_navigator_new_with_types (session, types, G_N_ELEMENTS (types)));
  fx->session = rs_navigator_get_session (fx->navigator);
  rs_session_set_document_type (fx->session, document_type);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fx->navigator));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fx->window), box);

  rs_navigator_go_to_step (fx->navigator, 1);
  fx->page = RS_DETAILS_PAGE (rs_navigator_get_page (fx->navigator, 1));
  g_assert_true (rs_navigator_get_current_page (fx->navigator) == RS_PAGE (fx->page));
  title = adw_window_title_new (rs_page_get_title (RS_PAGE (fx->page)), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_window_present (GTK_WINDOW (fx->window));
  g_assert_true (rs_test_wait_mapped (GTK_WIDGET (fx->page), 5000));
  checking_page = fx->page;
}

static void
fixture_close (Fixture *fx)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  checking_page = NULL;
  rs_test_wait_idle (1000);
}

static GtkWidget *
widget_of (Fixture    *fx,
           const char *field)
{
  GtkWidget *widget = rs_details_page_get_field_widget (fx->page, field);

  g_assert_nonnull (widget);
  return widget;
}

/* Scrolls the page so that @widget is near the top: the window cannot be
 * taller than the virtual screen, so screenshots show one part at a time. */
static void
scroll_to (Fixture   *fx,
           GtkWidget *widget)
{
  GtkWidget *scrolled = rs_test_find_widget (GTK_WIDGET (fx->page), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (rs_test_wait_mapped (widget, 5000));
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, MAX (0, point.y - 80));
  rs_test_wait_frame (scrolled, 1000);
}

static gboolean
text_visible (Fixture    *fx,
              const char *text)
{
  g_autoptr(GPtrArray) texts = rs_test_collect_visible_texts (GTK_WIDGET (fx->page));

  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  RsDetailsPage *page;
  const char    *field;
} FieldRef;

static gboolean
has_error (gpointer data)
{
  FieldRef *ref = data;
  return rs_details_page_field_has_error (ref->page, ref->field);
}

static gboolean
has_no_issue (gpointer data)
{
  FieldRef *ref = data;
  return !rs_details_page_field_has_error (ref->page, ref->field) &&
         !rs_details_page_field_has_warning (ref->page, ref->field);
}

static gboolean
has_warning (gpointer data)
{
  FieldRef *ref = data;
  return rs_details_page_field_has_warning (ref->page, ref->field);
}

/* Types into a field as the user would: the check follows by itself after
 * the typing pause. */
static void
type_into (Fixture    *fx,
           const char *field,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (widget_of (fx, field)), text);
}

static gboolean
check_settled (gpointer data)
{
  return data == NULL || !rs_details_page_get_check_pending (data);
}

/* Waits for the live check (debounced) to settle. */
static void
wait_for_check (void)
{
  g_assert_true (rs_test_wait_until (check_settled, checking_page, 5000));
  rs_test_wait_idle (1000);
}

static void
choose_sex (Fixture    *fx,
            const char *sex)
{
  AdwComboRow *row = ADW_COMBO_ROW (widget_of (fx, RS_FIELD_SEX));

  /* The choices: not chosen, male, female. */
  adw_combo_row_set_selected (row, g_str_equal (sex, "male") ? 1 : 2);
}

static void
assert_row_style (Fixture    *fx,
                  const char *field,
                  const char *style,
                  gboolean    present)
{
  GtkWidget *row = widget_of (fx, field);
  g_autofree char *message_name = g_strconcat (field, ":message", NULL);
  GtkWidget *message = rs_test_find_widget (GTK_WIDGET (fx->page), GTK_TYPE_LIST_BOX_ROW,
                                            message_name);

  g_assert_nonnull (message);
  g_assert_cmpint (gtk_widget_has_css_class (row, style), ==, present);
  g_assert_cmpint (gtk_widget_has_css_class (message, style), ==, present);
  if (present)
    {
      /* Never by colour alone: an icon and the text are shown. */
      GtkWidget *icon = rs_test_find_widget (message, GTK_TYPE_IMAGE, NULL);
      GtkWidget *label = rs_test_find_widget (message, GTK_TYPE_LABEL, NULL);

      g_assert_true (gtk_widget_get_visible (message));
      g_assert_true (gtk_widget_get_visible (icon));
      g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==,
                       g_str_equal (style, "error") ? "dialog-error-symbolic"
                                                    : "dialog-warning-symbolic");
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                       rs_details_page_get_field_message (fx->page, field));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
    }
}

static void
assert_translated (Fixture    *fx,
                   const char *what)
{
  /* The zh_CN catalogue is built from po/zh_CN.po; the lead merges the
   * fragments into it.  Without them the check cannot pass, so say so. */
  if (rs_test_is_chinese () && g_str_equal (_("Your Details"), "Your Details"))
    {
      g_test_message ("zh_CN catalogue does not have the Details page yet "
                      "(po/fragments/details.po not merged): translation not checked");
      return;
    }
  /* Shown as is to Chinese users too: the date format 年-月-日（YYYY-MM-DD）
   * and the passport's nationality code in an example (例如 CHN). */
  g_assert_cmpuint (rs_test_assert_translated (GTK_WIDGET (fx->window), what,
                                               (const char * const[]) { "YYYY", "MM", "DD", "CHN", NULL }),
                    ==, 0);
}

static void
fill_good_cn_ric (Fixture *fx)
{
  type_into (fx, RS_FIELD_NAME, "张三");
  type_into (fx, RS_FIELD_ID_NUMBER, GOOD_ID);
  type_into (fx, RS_FIELD_ID_NUMBER_CONFIRM, GOOD_ID);
  /* Typed with slashes: kept as YYYY-MM-DD. */
  type_into (fx, RS_FIELD_BIRTH_DATE, "1949/12/31");
  choose_sex (fx, "female");
  type_into (fx, RS_FIELD_VALID_FROM, "2010-01-05");
  gtk_switch_set_active (GTK_SWITCH (widget_of (fx, "valid_until:long-term")), TRUE);
  wait_for_check ();
}

static void
test_cn_ric (void)
{
  Fixture fx = { 0 };
  g_autofree char *shot = NULL;
  FieldRef id_ref;

  fixture_open (&fx, RS_DOC_CN_RIC, RS_REASON_DETAILS | RS_REASON_PHOTO);
  id_ref = (FieldRef) { fx.page, RS_FIELD_ID_NUMBER };

  /* The rows are those the validators list for the ID card, plus the
   * long-term switch and the double entry. */
  for (const char * const *f = (const char * const[]) { RS_FIELD_NAME, RS_FIELD_ID_NUMBER,
         RS_FIELD_ID_NUMBER_CONFIRM, RS_FIELD_BIRTH_DATE, RS_FIELD_VALID_FROM,
         RS_FIELD_VALID_UNTIL, RS_FIELD_PHONE, RS_FIELD_EMAIL, NULL }; *f != NULL; f++)
    g_assert_true (ADW_IS_ENTRY_ROW (widget_of (&fx, *f)));
  g_assert_true (ADW_IS_COMBO_ROW (widget_of (&fx, RS_FIELD_SEX)));
  g_assert_true (GTK_IS_SWITCH (widget_of (&fx, "valid_until:long-term")));
  g_assert_null (rs_details_page_get_field_widget (fx.page, RS_FIELD_SURNAME));
  g_assert_null (rs_details_page_get_field_widget (fx.page, RS_FIELD_MRZ));

  /* Rejected for the details: the page says why it matters. */
  g_assert_true (text_visible (&fx, REASON_HEADING));

  /* Empty: nothing is scolded yet, but Next is off. */
  g_assert_false (rs_page_get_complete (RS_PAGE (fx.page)));
  g_assert_false (next_enabled (fx.window));
  g_assert_false (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER));

  /* A mistyped ID number: the error appears after the typing pause. */
  fill_good_cn_ric (&fx);
  g_assert_true (rs_page_get_complete (RS_PAGE (fx.page)));
  type_into (&fx, RS_FIELD_ID_NUMBER, TYPO_ID);
  g_assert_false (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER));
  g_assert_true (rs_test_wait_until (has_error, &id_ref, 3000));
  assert_row_style (&fx, RS_FIELD_ID_NUMBER, "error", TRUE);
  g_assert_false (rs_page_get_complete (RS_PAGE (fx.page)));
  g_assert_false (next_enabled (fx.window));
  /* The typo also makes the two copies differ. */
  g_assert_true (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER_CONFIRM));
  shot = rs_test_screenshot (GTK_WIDGET (fx.window), "details-cn-ric-error");
  rs_test_assert_mnemonics_unique (GTK_WIDGET (fx.window));
  assert_translated (&fx, "Details page, mistyped ID number");

  /* Corrected: the errors go, Next comes back on. */
  type_into (&fx, RS_FIELD_ID_NUMBER, GOOD_ID);
  g_assert_true (rs_test_wait_until (has_no_issue, &id_ref, 3000));
  assert_row_style (&fx, RS_FIELD_ID_NUMBER, "error", FALSE);
  g_assert_false (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER_CONFIRM));
  g_assert_true (rs_page_get_complete (RS_PAGE (fx.page)));
  g_assert_true (next_enabled (fx.window));

  /* The normalised values are in the session (and so in the draft). */
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_NAME), ==, "张三");
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_ID_NUMBER), ==, GOOD_ID);
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_BIRTH_DATE), ==, "1949-12-31");
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_SEX), ==, "female");
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_VALID_UNTIL), ==, RS_VALID_LONG_TERM);
  g_assert_false (gtk_widget_get_sensitive (widget_of (&fx, RS_FIELD_VALID_UNTIL)));

  /* Leaving a field shows the value as it is kept. */
  g_assert_true (rs_page_focus_item (RS_PAGE (fx.page), RS_FIELD_BIRTH_DATE));
  g_assert_true (rs_page_focus_item (RS_PAGE (fx.page), RS_FIELD_NAME));
  rs_test_wait_idle (1000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget_of (&fx, RS_FIELD_BIRTH_DATE))), ==,
                   "1949-12-31");

  /* A lower-case x is the same number. */
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, "11010519491231002x");
  wait_for_check ();
  g_assert_false (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER_CONFIRM));
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_ID_NUMBER_CONFIRM), ==, GOOD_ID);

  /* Sex disagreeing with the ID number is caught. */
  choose_sex (&fx, "male");
  g_assert_true (rs_details_page_field_has_error (fx.page, RS_FIELD_SEX));
  g_assert_false (next_enabled (fx.window));
  choose_sex (&fx, "female");
  g_assert_true (next_enabled (fx.window));

  /* Review's "Fix" buttons. */
  g_assert_true (rs_page_focus_item (RS_PAGE (fx.page), RS_FIELD_BIRTH_DATE));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx.window)),
                                         widget_of (&fx, RS_FIELD_BIRTH_DATE)));
  g_assert_false (rs_page_focus_item (RS_PAGE (fx.page), "no-such-field"));
  g_assert_false (rs_page_focus_item (RS_PAGE (fx.page), "acknowledge"));  /* no warnings */

  g_clear_pointer (&shot, g_free);
  shot = rs_test_screenshot (GTK_WIDGET (fx.window), "details-cn-ric-ok");
  assert_translated (&fx, "Details page, all fine");
  fixture_close (&fx);
}

static void
test_double_entry (void)
{
  Fixture fx = { 0 };
  FieldRef confirm_ref;
  const char *message;

  fixture_open (&fx, RS_DOC_CN_RIC, RS_REASON_PHOTO);
  confirm_ref = (FieldRef) { fx.page, RS_FIELD_ID_NUMBER_CONFIRM };

  /* Not rejected for the details: no explanation at the top. */
  g_assert_false (text_visible (&fx, REASON_HEADING));
  rs_session_set_reasons (fx.session, RS_REASON_PHOTO | RS_REASON_DETAILS);
  rs_test_wait_idle (1000);
  g_assert_true (text_visible (&fx, REASON_HEADING));

  fill_good_cn_ric (&fx);
  g_assert_true (next_enabled (fx.window));

  /* Both copies valid on their own, but different. */
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, OTHER_ID);
  g_assert_true (rs_test_wait_until (has_error, &confirm_ref, 3000));
  assert_row_style (&fx, RS_FIELD_ID_NUMBER_CONFIRM, "error", TRUE);
  message = rs_details_page_get_field_message (fx.page, RS_FIELD_ID_NUMBER_CONFIRM);
  /* The message points at where they differ (character 17). */
  g_test_message ("mismatch message: %s", message);
  g_assert_nonnull (strstr (message, "17"));
  g_assert_false (next_enabled (fx.window));

  /* Only the first copy goes wrong: still caught. */
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, GOOD_ID);
  type_into (&fx, RS_FIELD_ID_NUMBER, GOOD_ID "1");
  wait_for_check ();
  g_assert_true (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER) ||
                 rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER_CONFIRM));
  g_assert_false (next_enabled (fx.window));

  type_into (&fx, RS_FIELD_ID_NUMBER, GOOD_ID);
  g_assert_true (rs_test_wait_until (has_no_issue, &confirm_ref, 3000));
  g_assert_true (next_enabled (fx.window));

  /* An empty confirmation is an error once the user has been there. */
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, "");
  wait_for_check ();
  g_assert_true (rs_details_page_field_has_error (fx.page, RS_FIELD_ID_NUMBER_CONFIRM));
  g_assert_false (next_enabled (fx.window));

  fixture_close (&fx);
}

static void
test_warnings_acknowledged (void)
{
  Fixture fx = { 0 };
  GtkWidget *ack;
  FieldRef phone_ref;
  g_autofree char *shot = NULL;

  fixture_open (&fx, RS_DOC_CN_RIC, RS_REASON_DETAILS);
  phone_ref = (FieldRef) { fx.page, RS_FIELD_PHONE };
  fill_good_cn_ric (&fx);
  g_assert_true (next_enabled (fx.window));

  ack = rs_test_find_widget (GTK_WIDGET (fx.page), GTK_TYPE_CHECK_BUTTON, "acknowledge");
  g_assert_nonnull (ack);
  g_assert_false (gtk_widget_get_mapped (ack));

  /* A phone number of an odd shape is a warning, not an error. */
  type_into (&fx, RS_FIELD_PHONE, "12345");
  g_assert_true (rs_test_wait_until (has_warning, &phone_ref, 3000));
  assert_row_style (&fx, RS_FIELD_PHONE, "warning", TRUE);
  assert_row_style (&fx, RS_FIELD_PHONE, "error", FALSE);
  g_assert_true (gtk_widget_get_mapped (ack));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (ack)));
  /* Warnings must be acknowledged before going on. */
  g_assert_false (next_enabled (fx.window));
  scroll_to (&fx, widget_of (&fx, RS_FIELD_VALID_UNTIL));
  shot = rs_test_screenshot (GTK_WIDGET (fx.window), "details-warning");
  assert_translated (&fx, "Details page, warning");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (ack), TRUE);
  g_assert_true (next_enabled (fx.window));
  {
    g_auto(GStrv) acks = rs_session_list_acknowledged (fx.session);
    gboolean found = FALSE;

    for (guint i = 0; acks[i] != NULL; i++)
      found |= g_str_has_prefix (acks[i], "details:phone:");
    g_assert_true (found);
  }
  g_assert_true (rs_page_focus_item (RS_PAGE (fx.page), "acknowledge"));

  /* The warning gone: its acknowledgment is forgotten. */
  type_into (&fx, RS_FIELD_PHONE, "");
  g_assert_true (rs_test_wait_until (has_no_issue, &phone_ref, 3000));
  g_assert_false (gtk_widget_get_mapped (ack));
  {
    g_auto(GStrv) acks = rs_session_list_acknowledged (fx.session);

    for (guint i = 0; acks[i] != NULL; i++)
      g_assert_false (g_str_has_prefix (acks[i], "details:"));
  }
  g_assert_true (next_enabled (fx.window));

  fixture_close (&fx);
}

/* ICAO 9303 check digit. */
static char
mrz_check (const char *s)
{
  static const int weights[] = { 7, 3, 1 };
  int sum = 0;

  for (guint i = 0; s[i] != '\0'; i++)
    {
      int v = 0;

      if (g_ascii_isdigit (s[i]))
        v = s[i] - '0';
      else if (g_ascii_isupper (s[i]))
        v = s[i] - 'A' + 10;
      sum += v * weights[i % 3];
    }
  return (char) ('0' + sum % 10);
}

static char *
pad (const char *s,
     guint       width)
{
  GString *out = g_string_new (s);

  while (out->len < width)
    g_string_append_c (out, '<');
  return g_string_free (out, FALSE);
}

typedef struct {
  char *line1;
  char *line2;
  char *expiry;   /* YYYY-MM-DD */
} Mrz;

static void
make_mrz (Mrz *mrz)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) + 5;
  g_autofree char *expiry = g_strdup_printf ("%02d0501", year % 100);
  g_autofree char *number = g_strdup_printf ("E12345678%c", mrz_check ("E12345678"));
  g_autofree char *birth = g_strdup_printf ("900101%c", mrz_check ("900101"));
  g_autofree char *exp = g_strdup_printf ("%s%c", expiry, mrz_check (expiry));
  g_autofree char *personal = g_strdup_printf ("<<<<<<<<<<<<<<%c", mrz_check ("<<<<<<<<<<<<<<"));
  g_autofree char *composite = g_strconcat (number, birth, exp, personal, NULL);

  mrz->line1 = pad ("P<CHNZHANG<<SAN", 44);
  mrz->line2 = g_strdup_printf ("%sCHN%sM%s%s%c", number, birth, exp, personal,
                                mrz_check (composite));
  mrz->expiry = g_strdup_printf ("%d-05-01", year);
  g_assert_cmpuint (strlen (mrz->line1), ==, 44);
  g_assert_cmpuint (strlen (mrz->line2), ==, 44);
}

static void
test_passport_mrz (void)
{
  Fixture fx = { 0 };
  Mrz mrz = { 0 };
  g_autofree char *shot = NULL;
  g_autofree char *expected_mrz = NULL;
  g_autofree char *bad_line2 = NULL;
  FieldRef mrz_ref;

  make_mrz (&mrz);
  fixture_open (&fx, RS_DOC_PASSPORT, RS_REASON_DETAILS);
  mrz_ref = (FieldRef) { fx.page, RS_FIELD_MRZ };

  /* The passport's own rows; the MRZ has two lines. */
  g_assert_null (rs_details_page_get_field_widget (fx.page, RS_FIELD_NAME));
  g_assert_true (ADW_IS_ENTRY_ROW (widget_of (&fx, RS_FIELD_SURNAME)));
  g_assert_true (ADW_IS_ENTRY_ROW (widget_of (&fx, RS_FIELD_NATIONALITY)));
  g_assert_true (ADW_IS_ENTRY_ROW (widget_of (&fx, RS_FIELD_EXPIRY_DATE)));
  g_assert_true (widget_of (&fx, "mrz:1") == widget_of (&fx, RS_FIELD_MRZ));
  g_assert_nonnull (widget_of (&fx, "mrz:2"));
  g_assert_null (rs_details_page_get_field_widget (fx.page, "mrz:3"));

  type_into (&fx, RS_FIELD_SURNAME, "ZHANG");
  type_into (&fx, RS_FIELD_GIVEN_NAMES, "SAN");
  type_into (&fx, RS_FIELD_ID_NUMBER, "E12345678");
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, "e12345678");
  type_into (&fx, RS_FIELD_NATIONALITY, "CHN");
  type_into (&fx, RS_FIELD_BIRTH_DATE, "1990-01-01");
  choose_sex (&fx, "male");
  type_into (&fx, RS_FIELD_EXPIRY_DATE, mrz.expiry);
  type_into (&fx, "mrz:1", mrz.line1);
  type_into (&fx, "mrz:2", mrz.line2);
  wait_for_check ();

  for (const char * const *f = (const char * const[]) { RS_FIELD_SURNAME, RS_FIELD_GIVEN_NAMES,
         RS_FIELD_ID_NUMBER, RS_FIELD_ID_NUMBER_CONFIRM, RS_FIELD_NATIONALITY, RS_FIELD_BIRTH_DATE,
         RS_FIELD_SEX, RS_FIELD_EXPIRY_DATE, RS_FIELD_MRZ, NULL }; *f != NULL; f++)
    {
      if (rs_details_page_field_has_error (fx.page, *f))
        g_test_message ("%s: %s", *f, rs_details_page_get_field_message (fx.page, *f));
      g_assert_false (rs_details_page_field_has_error (fx.page, *f));
    }
  g_assert_true (rs_page_get_complete (RS_PAGE (fx.page)));
  g_assert_true (next_enabled (fx.window));
  expected_mrz = g_strconcat (mrz.line1, "\n", mrz.line2, NULL);
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_MRZ), ==, expected_mrz);
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_ID_NUMBER_CONFIRM), ==, "E12345678");
  scroll_to (&fx, widget_of (&fx, RS_FIELD_ID_NUMBER));
  shot = rs_test_screenshot (GTK_WIDGET (fx.window), "details-passport");
  rs_test_assert_mnemonics_unique (GTK_WIDGET (fx.window));
  assert_translated (&fx, "Details page, passport");

  /* A misread MRZ character breaks its check digit. */
  bad_line2 = g_strdup (mrz.line2);
  bad_line2[3] = bad_line2[3] == '3' ? '4' : '3';
  type_into (&fx, "mrz:2", bad_line2);
  g_assert_true (rs_test_wait_until (has_error, &mrz_ref, 3000));
  assert_row_style (&fx, RS_FIELD_MRZ, "error", TRUE);
  g_assert_true (gtk_widget_has_css_class (widget_of (&fx, "mrz:2"), "error"));
  g_assert_false (next_enabled (fx.window));
  type_into (&fx, "mrz:2", mrz.line2);
  g_assert_true (rs_test_wait_until (has_no_issue, &mrz_ref, 3000));
  g_assert_true (next_enabled (fx.window));

  /* The MRZ and the typed passport number must agree. */
  type_into (&fx, RS_FIELD_ID_NUMBER, "E12345679");
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, "E12345679");
  wait_for_check ();
  g_assert_false (next_enabled (fx.window));
  type_into (&fx, RS_FIELD_ID_NUMBER, "E12345678");
  type_into (&fx, RS_FIELD_ID_NUMBER_CONFIRM, "E12345678");
  wait_for_check ();
  g_assert_true (next_enabled (fx.window));

  g_free (mrz.line1);
  g_free (mrz.line2);
  g_free (mrz.expiry);
  fixture_close (&fx);
}

/* Switching the document type rebuilds the rows; what was typed for the
 * other type comes back when switching back. */
static void
test_document_type_switch (void)
{
  Fixture fx = { 0 };

  fixture_open (&fx, RS_DOC_CN_RIC, RS_REASON_DETAILS);
  fill_good_cn_ric (&fx);

  rs_session_set_document_type (fx.session, RS_DOC_PASSPORT);
  g_assert_null (rs_details_page_get_field_widget (fx.page, RS_FIELD_NAME));
  g_assert_nonnull (rs_details_page_get_field_widget (fx.page, RS_FIELD_SURNAME));
  /* The ID card's name is not a passport field: put aside, not exported. */
  g_assert_null (rs_session_get_field (fx.session, RS_FIELD_NAME));
  g_assert_null (rs_session_get_field (fx.session, RS_FIELD_VALID_FROM));
  /* Shared fields stay. */
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_BIRTH_DATE), ==, "1949-12-31");
  g_assert_false (next_enabled (fx.window));

  rs_session_set_document_type (fx.session, RS_DOC_CN_RIC);
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_NAME), ==, "张三");
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_VALID_UNTIL), ==, RS_VALID_LONG_TERM);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget_of (&fx, RS_FIELD_NAME))), ==, "张三");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget_of (&fx, "valid_until:long-term"))));

  /* Through "no type" (the platform changing): nothing is lost either. */
  rs_session_set_document_type (fx.session, NULL);
  g_assert_null (rs_details_page_get_field_widget (fx.page, RS_FIELD_NAME));
  g_assert_false (next_enabled (fx.window));
  rs_session_set_document_type (fx.session, RS_DOC_CN_RIC);
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_NAME), ==, "张三");
  g_assert_true (next_enabled (fx.window));

  /* A value set from elsewhere (a restored draft, Review) is shown, not
   * overwritten by the next check. */
  rs_session_set_field (fx.session, RS_FIELD_NAME, "李四");
  wait_for_check ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget_of (&fx, RS_FIELD_NAME))), ==, "李四");
  g_assert_cmpstr (rs_session_get_field (fx.session, RS_FIELD_NAME), ==, "李四");

  fixture_close (&fx);
}

/* Every control is named: GTK 4.8 has no getter for accessible properties,
 * so this checks the visible names the page also gives as accessible
 * labels (row titles; the switch's row). */
static void
test_control_names (void)
{
  Fixture fx = { 0 };
  const char *fields[] = { RS_FIELD_NAME, RS_FIELD_ID_NUMBER, RS_FIELD_ID_NUMBER_CONFIRM,
                           RS_FIELD_BIRTH_DATE, RS_FIELD_SEX, RS_FIELD_VALID_FROM,
                           RS_FIELD_VALID_UNTIL, RS_FIELD_PHONE, RS_FIELD_EMAIL };
  GtkWidget *switch_row;

  fixture_open (&fx, RS_DOC_CN_RIC, RS_REASON_DETAILS);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget_of (&fx, fields[i])));

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
    }
  switch_row = gtk_widget_get_ancestor (widget_of (&fx, "valid_until:long-term"), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (switch_row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (switch_row)), ==,
                   _("No end date (long-term)"));
  fixture_close (&fx);
}

/* Typing on without a pause still reaches the session (and so the draft)
 * within RS_DETAILS_PAGE_CHECK_MAX_DELAY_MS: killing the app loses at most
 * about a second of typing. */
static void
test_continuous_typing_saved (void)
{
  Fixture fx = { 0 };
  const char *name = "欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜";
  GString *typed = g_string_new (NULL);
  const char *p = name;
  gint64 start = 0, reached = 0;

  fixture_open (&fx, RS_DOC_CN_RIC, RS_REASON_NONE);

  /* One character every 100 ms for two seconds, never pausing long enough
   * for the 250 ms "user paused" check. */
  while (*p)
    {
      const char *next = g_utf8_next_char (p);

      g_string_append_len (typed, p, next - p);
      type_into (&fx, RS_FIELD_NAME, typed->str);
      if (start == 0)
        start = g_get_monotonic_time ();
      rs_test_wait (100);
      if (reached == 0 && rs_session_get_field (fx.session, RS_FIELD_NAME) != NULL)
        reached = g_get_monotonic_time ();
      p = next;
    }

  g_assert_cmpint (reached, >, 0);
  g_test_message ("first typed text reached the session after %" G_GINT64_FORMAT " ms",
                  (reached - start) / 1000);
  g_assert_cmpint ((reached - start) / 1000, <=, RS_DETAILS_PAGE_CHECK_MAX_DELAY_MS + 150);

  g_string_free (typed, TRUE);
  fixture_close (&fx);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rs_test_init (&argc, &argv);

  app = rs_test_application_new ();

  g_test_add_func ("/details/cn-ric", test_cn_ric);
  g_test_add_func ("/details/double-entry", test_double_entry);
  g_test_add_func ("/details/warnings", test_warnings_acknowledged);
  g_test_add_func ("/details/passport-mrz", test_passport_mrz);
  g_test_add_func ("/details/document-type-switch", test_document_type_switch);
  g_test_add_func ("/details/control-names", test_control_names);
  g_test_add_func ("/details/continuous-typing-saved", test_continuous_typing_saved);

  status = g_test_run ();
  rs_test_application_free (&app);
  return status;
}
