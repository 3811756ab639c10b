/* test-help.c: Help on the real application and window: F1 and the main
 * menu's Help item run app.help, the shortcuts window lists F1, and
 * without a help viewer the user gets a dialog saying so (never nothing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-application.h"
#include "rs-test-screenshot.h"
#include "rs-window.h"

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
shortcuts_have (GtkWidget  *root,
                const char *accelerator)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accel = NULL;

      g_object_get (root, "accelerator", &accel, NULL);
      if (g_strcmp0 (accel, accelerator) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shortcuts_have (child, accelerator))
      return TRUE;
  return FALSE;
}

static gboolean
has_dialog (gpointer data)
{
  return rs_test_find_message_dialog () != NULL;
}

static void
test_help (void)
{
  g_autoptr(RsApplication) app = rs_test_application_new ();
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_auto(GStrv) accels = NULL;
  RsWindow *window;
  GtkWidget *menu_button;
  GtkShortcutsWindow *overlay;
  AdwMessageDialog *dialog;

  window = rs_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  rs_test_wait (200);

  /* F1 runs app.help. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));

  /* The main menu has Help. */
  menu_button = rs_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                  "app.help"));

  /* The shortcuts window lists F1. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (shortcuts_have (GTK_WIDGET (overlay), "F1"));

  if (viewer != NULL)
    {
      /* Activating would open a real viewer on this machine. */
      g_test_message ("a help viewer (%s) is installed: the no-viewer dialog is not checked",
                      g_app_info_get_id (viewer));
    }
  else
    {
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
      g_assert_true (rs_test_wait_until (has_dialog, NULL, 10000));
      dialog = rs_test_find_message_dialog ();
      g_object_get (dialog, "heading", &heading, "body", &body, NULL);
      g_assert_cmpstr (heading, ==, _("Could Not Open the Help"));
      g_assert_nonnull (strstr (body, "yelp"));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      rs_test_screenshot (GTK_WIDGET (dialog), "help-no-viewer");
      g_assert_cmpuint (rs_test_assert_translated (GTK_WIDGET (dialog), "help dialog",
                                                   (const char * const[]) { "Yelp", "yelp", NULL }),
                        ==, 0);
      rs_test_message_dialog_click (dialog, "close");
      rs_test_wait (100);
      g_assert_null (rs_test_find_message_dialog ());
    }

  gtk_window_destroy (GTK_WINDOW (window));
  rs_test_wait (50);
  rs_test_application_free (&app);
}

int
main (int   argc,
      char *argv[])
{
  rs_test_init (&argc, &argv);
  g_test_add_func ("/help/f1-menu-and-no-viewer", test_help);
  return g_test_run ();
}
