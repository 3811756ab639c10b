/* rs-window-bundle.c: opening an exported bundle in the main window
 * (File → Open Bundle…, `resubmit bundle.zip`): it replaces the session,
 * after asking when there is unsaved work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-bundle-open.h"
#include "rs-review-page.h"
#include "rs-settings.h"
#include "rs-window.h"
#include "rs-window-private.h"

/* Opening a bundle */

/* The draft question is asked after all when the bundle was not opened. */
static void
give_back_draft_check (RsWindow *self)
{
  if (!self->bundle_took_draft_check)
    return;
  self->bundle_took_draft_check = FALSE;
  self->draft_checked = FALSE;
  rs_window_check_draft (self);
}

static void
show_bundle_problems (RsWindow             *self,
                      RsBundleVerification *verification)
{
  GPtrArray *problems = rs_bundle_verification_get_problems (verification);
  GString *list = g_string_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *label;

  for (guint i = 0; i < problems->len; i++)
    {
      RsBundleProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", problem->message);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Bundle Has Problems"),
                                                       _("The bundle was opened, but it is not as it was "
                                                         "exported. Check your details and photos on each "
                                                         "step, then export a new bundle.")));
  /* The list, left-aligned and scrollable, under the text. */
  label = gtk_label_new (list->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, "bundle-problems");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (list, TRUE);
}

static void
bundle_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RsWindow) self = user_data;
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* The window went away, or another bundle was opened meanwhile: leave
   * the session alone (the unopened result cleans up after itself). */
  if (g_task_get_cancellable (G_TASK (result)) != self->open_cancellable ||
      g_cancellable_is_cancelled (self->open_cancellable))
    return;
  g_clear_object (&self->open_cancellable);

  if (!rs_bundle_open_finish (result, self->session, &verification, &error))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Open the Bundle"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      give_back_draft_check (self);
      return;
    }

  /* The Review and Export steps may hold a previous bundle's state. */
  rs_navigator_rebuild (self->navigator);
  rs_window_show_restored_session (self, RS_TYPE_REVIEW_PAGE, 0);
  rs_window_show_toast (self, _("Bundle opened. Check the review, then export again if you changed anything."));
  if (!rs_bundle_verification_is_valid (verification))
    show_bundle_problems (self, verification);

  /* The opened bundle is the draft from now on. */
  if (self->bundle_took_draft_check)
    {
      self->bundle_took_draft_check = FALSE;
      self->autosave_armed = TRUE;
      rs_window_maybe_start_autosave (self, TRUE);
    }
}

static void
open_bundle_now (RsWindow   *self,
                 const char *path)
{
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  rs_bundle_open_async (path, NULL, self->open_cancellable, bundle_opened_cb, g_object_ref (self));
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RsWindow         *self)
{
  if (g_strcmp0 (response, "replace") == 0)
    open_bundle_now (self, g_object_get_data (G_OBJECT (dialog), "bundle-path"));
  else
    give_back_draft_check (self);
}

void
rs_window_open_bundle (RsWindow *self,
                       GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *body = NULL;
  gboolean draft_waiting = FALSE;
  AdwMessageDialog *dialog;

  g_return_if_fail (RS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Before the window is mapped: the bundle, not the draft, decides what it
   * shows, so no "Resume your draft?" on top; a draft on disk counts as
   * work that the bundle would replace. */
  if (!self->draft_checked && g_getenv ("RESUBMIT_NO_DRAFT_CHECK") == NULL)
    {
      self->draft_checked = TRUE;
      self->bundle_took_draft_check = TRUE;
      draft_waiting = rs_draft_exists (self->draft_path);
    }
  else if (self->resume_dialog != NULL)
    {
      /* Still asking about the draft: answering it later would overwrite
       * the bundle, so the bundle takes the question over. */
      g_signal_handlers_disconnect_by_data (self->resume_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->resume_dialog));
      self->bundle_took_draft_check = TRUE;
      draft_waiting = TRUE;
    }
  gtk_window_present (GTK_WINDOW (self));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      rs_window_show_toast (self, _("Only bundles saved on this computer can be opened. Copy the bundle "
                                    "to a local folder first."));
      give_back_draft_check (self);
      return;
    }

  if (!draft_waiting && !rs_window_session_has_user_data (self->session))
    {
      open_bundle_now (self, path);
      return;
    }

  /* Name the bundle folder, not the manifest.json picked inside it. */
  if (g_str_has_suffix (path, G_DIR_SEPARATOR_S "manifest.json"))
    {
      g_autofree char *folder = g_path_get_dirname (path);
      display = g_filename_display_basename (folder);
    }
  else
    display = g_filename_display_basename (path);
  /* TRANSLATORS: %s is the bundle's file or folder name */
  body = g_strdup_printf (_("Opening “%s” replaces the details, photos and choices you have entered "
                            "with the ones in the bundle, and your saved draft with them. Your "
                            "original photo files are not touched."),
                          display);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Replace Your Current Work?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bundle-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          RsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        rs_window_open_bundle (self, file);
    }
  g_object_unref (native);
}

void
rs_window_open_bundle_activated (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  RsWindow *self = RS_WINDOW (user_data);
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  native = gtk_file_chooser_native_new (_("Open Bundle"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  /* A zip, or the manifest.json inside a bundle folder. */
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Resubmit bundles"));
  gtk_file_filter_add_pattern (filter, "manifest.json");
  gtk_file_filter_add_pattern (filter, "*.zip");
  gtk_file_filter_add_pattern (filter, "*.ZIP");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
