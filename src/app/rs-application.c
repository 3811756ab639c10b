/* rs-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-application.h"
#include "rs-bundle-open.h"
#include "rs-window.h"
#include "rs-cleanup.h"

struct _RsApplication
{
  AdwApplication  parent_instance;

  GPtrArray      *pending_files; /* GFile */
};

G_DEFINE_FINAL_TYPE (RsApplication, rs_application, ADW_TYPE_APPLICATION)

enum {
  FILES_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWindow *
get_or_create_window (RsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (rs_window_new (GTK_APPLICATION (self)));
  return window;
}

static void
rs_application_activate (GApplication *application)
{
  gtk_window_present (get_or_create_window (RS_APPLICATION (application)));
}

static void
rs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  RsApplication *self = RS_APPLICATION (application);
  GFile *bundle = NULL;
  guint n_photos = 0;

  /* A bundle is resumed from (the first one; one session per window);
   * anything else is a photo, kept until the Photos step takes it: it
   * knows which slots are free. */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      gboolean is_bundle = path != NULL && rs_bundle_path_is_bundle (path);

      if (is_bundle && bundle == NULL)
        bundle = files[i];
      else if (!is_bundle)
        {
          g_ptr_array_add (self->pending_files, g_object_ref (files[i]));
          n_photos++;
        }
    }

  if (bundle != NULL)
    rs_window_open_bundle (RS_WINDOW (get_or_create_window (self)), bundle);
  else
    gtk_window_present (get_or_create_window (self));
  if (n_photos > 0)
    g_signal_emit (self, signals[FILES_OPENED], 0);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *application = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing the windows (rather than g_application_quit) lets them save
   * their size and flush the draft. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      g_list_free_1 (l);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Resubmit developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "modal", TRUE,
                        "application-name", _("Resubmit"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Resubmit developers"),
                        "developers", developers,
                        "website", "https://github.com/resubmit/resubmit",
                        "issue-url", "https://github.com/resubmit/resubmit/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Resubmit developers",
                        "comments", _("Helps you resubmit an identity verification (KYC) that was rejected: "
                                      "re-enter your details with real checks, retake or fix your photos, "
                                      "and export a bundle that meets the platform’s rules.\n\n"
                                      "Resubmit is not affiliated with, endorsed by or connected to any "
                                      "exchange or verification provider. It works entirely offline and "
                                      "sends nothing anywhere: your details and photos stay on this computer "
                                      "until you upload them yourself."),
                        /* TRANSLATORS: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* GtkApplication loads gtk/help-overlay.ui and adds win.show-help-overlay. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* The user guide (help/) is installed where yelp finds it by the app id. */
#define HELP_URI "help:" APP_ID

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (window, result, &error))
    return;

  /* Never nothing: without a help viewer the user learns why and what to
   * install. */
  g_message ("Could not open %s: %s", HELP_URI, error->message);
  body = g_strdup_printf (_("The guide opens in the GNOME help viewer, Yelp, which could not be "
                            "started: %s\n\nInstall Yelp (the “yelp” package) and try again."),
                          error->message);
  dialog = adw_message_dialog_new (window, _("Could Not Open the Help"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = get_or_create_window (RS_APPLICATION (user_data));

  gtk_show_uri_full (window, HELP_URI, GDK_CURRENT_TIME, NULL, help_shown_cb, g_object_ref (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "shortcuts", shortcuts_activated, NULL, NULL, NULL, { 0 } },
  { "help", help_activated, NULL, NULL, NULL, { 0 } },
};

static void
rs_application_startup (GApplication *application)
{
  GtkApplication *gtk_app = GTK_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *next_accels[] = { "<Alt>Right", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (rs_application_parent_class)->startup (application);

  /* What a killed export or draft save left behind goes now. */
  rs_cleanup_leftovers (NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (gtk_app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (gtk_app, "win.next", next_accels);
  gtk_application_set_accels_for_action (gtk_app, "win.back", back_accels);
  gtk_application_set_accels_for_action (gtk_app, "win.open-bundle", open_accels);
  gtk_application_set_accels_for_action (gtk_app, "app.help", help_accels);
}

static void
rs_application_finalize (GObject *object)
{
  RsApplication *self = RS_APPLICATION (object);

  g_ptr_array_unref (self->pending_files);

  G_OBJECT_CLASS (rs_application_parent_class)->finalize (object);
}

static void
rs_application_class_init (RsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rs_application_finalize;
  app_class->activate = rs_application_activate;
  app_class->open = rs_application_open;
  app_class->startup = rs_application_startup;

  /**
   * RsApplication::files-opened:
   *
   * Emitted when files given with "Open With" or on the command line are
   * waiting in rs_application_take_pending_files().
   */
  signals[FILES_OPENED] = g_signal_new ("files-opened",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
rs_application_init (RsApplication *self)
{
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
}

RsApplication *
rs_application_new (void)
{
  return g_object_new (RS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/resubmit/Resubmit",
                       NULL);
}

GPtrArray *
rs_application_take_pending_files (RsApplication *self)
{
  GPtrArray *files;

  g_return_val_if_fail (RS_IS_APPLICATION (self), NULL);

  files = g_steal_pointer (&self->pending_files);
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  return files;
}

guint
rs_application_get_n_pending_files (RsApplication *self)
{
  g_return_val_if_fail (RS_IS_APPLICATION (self), 0);
  return self->pending_files->len;
}
