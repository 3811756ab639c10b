/* Owned by the Review/Export page helper. */
/* rs-export-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-export-page.h"
#include "rs-a11y.h"

/* Larger than any checklist: the text lists fields, photos and warnings. */

struct _RsExportPage
{
  RsPage                parent_instance;

  GtkStack             *stack;
  GtkSwitch            *zip_switch;
  AdwEntryRow          *name_row;
  AdwActionRow         *location_row;
  AdwActionRow         *target_row;
  GtkButton            *choose_button;
  GtkSwitch            *mask_switch;
  GtkButton            *export_button;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkButton            *cancel_button;
  AdwStatusPage        *done_page;
  AdwActionRow         *verify_row;
  GtkImage             *verify_icon;
  AdwPreferencesGroup  *verify_group;
  GtkButton            *open_button;
  GtkButton            *copy_button;
  GtkButton            *again_button;

  GPtrArray            *problem_rows;
  char                 *parent_folder;
  char                 *result_path;
  char                 *last_error;
  RsBundleVerification *verification;
  GCancellable         *cancellable;
  GCancellable         *verify_cancellable;
  GtkNativeDialog      *chooser;
  gboolean              name_edited;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (RsExportPage, rs_export_page, RS_TYPE_PAGE)

static void start_export (RsExportPage *self);

/* ------------------------------------------------------------------ */
/* Where                                                              */

static char *
default_parent_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);
  return g_strdup (g_get_home_dir ());
}

static char *
default_bundle_name (RsExportPage *self)
{
  RsProfile *profile = rs_session_get_profile (rs_page_get_session (RS_PAGE (self)));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Profile ids are ASCII: safe in a file name on every system. */
  return g_strdup_printf ("Resubmit-%s-%s",
                          profile != NULL ? rs_profile_get_id (profile) : "bundle", date);
}

/* The typed name, without a ".zip" and without characters that would make
 * it a path. */
static char *
clean_name (RsExportPage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *name = g_strstrip (g_strdup (typed));

  g_strdelimit (name, "/\\", '-');
  if (g_str_has_suffix (name, ".zip"))
    name[strlen (name) - 4] = '\0';
  if (*name == '\0' || g_str_equal (name, ".") || g_str_equal (name, ".."))
    return default_bundle_name (self);
  return g_steal_pointer (&name);
}

char *
rs_export_page_get_target (RsExportPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);

  name = clean_name (self);
  file_name = gtk_switch_get_active (self->zip_switch) ? g_strconcat (name, ".zip", NULL)
                                                        : g_strdup (name);
  return g_build_filename (self->parent_folder, file_name, NULL);
}

static void
update_target (RsExportPage *self)
{
  g_autofree char *target = rs_export_page_get_target (self);
  g_autofree char *shown = g_filename_display_name (target);
  g_autofree char *parent = g_filename_display_name (self->parent_folder);

  adw_action_row_set_subtitle (self->location_row, parent);
  adw_action_row_set_subtitle (self->target_row, shown);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row),
                                 gtk_switch_get_active (self->zip_switch) ? _("Zip file name")
                                                                          : _("Folder name"));
}

const char *
rs_export_page_get_parent_folder (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);
  return self->parent_folder;
}

void
rs_export_page_set_parent_folder (RsExportPage *self,
                                  const char   *path)
{
  g_return_if_fail (RS_IS_EXPORT_PAGE (self));
  g_return_if_fail (path != NULL);

  g_free (self->parent_folder);
  self->parent_folder = g_strdup (path);
  update_target (self);
}

const char *
rs_export_page_get_bundle_name (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

void
rs_export_page_set_bundle_name (RsExportPage *self,
                                const char   *name)
{
  g_return_if_fail (RS_IS_EXPORT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

gboolean
rs_export_page_get_zip (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), FALSE);
  return gtk_switch_get_active (self->zip_switch);
}

void
rs_export_page_set_zip (RsExportPage *self,
                        gboolean      zip)
{
  g_return_if_fail (RS_IS_EXPORT_PAGE (self));
  gtk_switch_set_active (self->zip_switch, zip);
}

gboolean
rs_export_page_get_mask_id_number (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), TRUE);
  return gtk_switch_get_active (self->mask_switch);
}

RsExportPageState
rs_export_page_get_state (RsExportPage *self)
{
  const char *name;

  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), RS_EXPORT_PAGE_STATE_OPTIONS);

  name = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (name, "exporting") == 0)
    return RS_EXPORT_PAGE_STATE_EXPORTING;
  if (g_strcmp0 (name, "done") == 0)
    return RS_EXPORT_PAGE_STATE_DONE;
  return RS_EXPORT_PAGE_STATE_OPTIONS;
}

static void
sync_busy (RsExportPage *self)
{
  rs_page_set_busy (RS_PAGE (self),
                    rs_export_page_get_state (self) == RS_EXPORT_PAGE_STATE_EXPORTING);
}

const char *
rs_export_page_get_result_path (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);
  return self->result_path;
}

RsBundleVerification *
rs_export_page_get_verification (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);
  return self->verification;
}

const char *
rs_export_page_get_last_error (RsExportPage *self)
{
  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);
  return self->last_error;
}

static void
name_changed_cb (RsExportPage *self)
{
  if (!self->updating)
    self->name_edited = TRUE;
  update_target (self);
}

static void
zip_changed_cb (RsExportPage *self)
{
  update_target (self);
}

static GtkWindow *
parent_window (RsExportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  RsExportPage *self = RS_EXPORT_PAGE (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && g_file_peek_path (file) != NULL)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *base = g_file_get_basename (file);

          if (parent != NULL && g_file_peek_path (parent) != NULL)
            rs_export_page_set_parent_folder (self, g_file_peek_path (parent));
          rs_export_page_set_bundle_name (self, base);
        }
      else
        rs_export_page_set_parent_folder (self, g_file_peek_path (file));
    }
  else if (file != NULL)
    rs_page_show_toast (RS_PAGE (self),
                        _("That location is not a local folder. Choose a folder on this computer."));

  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (RsExportPage *self)
{
  gboolean zip = gtk_switch_get_active (self->zip_switch);
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = g_file_new_for_path (self->parent_folder);

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (zip ? _("Save the Bundle as a Zip File")
                                             : _("Choose Where to Create the Bundle Folder"),
                                         parent_window (self),
                                         zip ? GTK_FILE_CHOOSER_ACTION_SAVE
                                             : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         zip ? _("_Save") : _("_Select"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (zip)
    {
      g_autofree char *name = clean_name (self);
      g_autofree char *file_name = g_strconcat (name, ".zip", NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* Export                                                             */

static void
show_failure (RsExportPage *self,
              const char   *message)
{
  AdwMessageDialog *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Export Failed"), NULL));
  /* The module's message says what went wrong and what to do; nothing was
   * left behind. */
  adw_message_dialog_format_body (dialog, "%s\n\n%s", message,
                                  _("Nothing was written. Fix the problem and export again."));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
progress_cb (double      fraction,
             const char *what,
             gpointer    user_data)
{
  RsExportPage *self = RS_EXPORT_PAGE (user_data);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_label_set_text (self->progress_label, what != NULL ? what : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, what != NULL ? what : "",
                                  -1);
}

static void
clear_problem_rows (RsExportPage *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->verify_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
}

static void
show_verification (RsExportPage         *self,
                   RsBundleVerification *verification,
                   const GError         *error)
{
  GPtrArray *problems;

  clear_problem_rows (self);
  if (verification == NULL)
    {
      gtk_image_set_from_icon_name (self->verify_icon, "dialog-error-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->verify_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_icon), "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verify_row),
                                     _("The bundle could not be checked"));
      adw_action_row_set_subtitle (self->verify_row, error != NULL ? error->message : "");
      rs_a11y_announce (GTK_WIDGET (self), _("The bundle could not be checked"));
      return;
    }

  problems = rs_bundle_verification_get_problems (verification);
  if (rs_bundle_verification_is_valid (verification))
    {
      gtk_image_set_from_icon_name (self->verify_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_icon), "success");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verify_row), _("Verified"));
      adw_action_row_set_subtitle (self->verify_row,
                                   _("Every file is present and matches the manifest’s checksums"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Passed"), -1);
      {
        /* The export's end, told once it is verified: where it went. */
        g_autofree char *message = g_strdup_printf (_("Bundle ready and verified. %s"),
                                                    adw_status_page_get_description (self->done_page));

        rs_a11y_announce (GTK_WIDGET (self), message);
      }
      return;
    }

  gtk_image_set_from_icon_name (self->verify_icon, "dialog-error-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_icon), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verify_row),
                                 _("The bundle has problems"));
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u problem found. Export again to a new name.",
                                                           "%u problems found. Export again to a new name.",
                                                           problems->len),
                                              problems->len);
    adw_action_row_set_subtitle (self->verify_row, count);
    rs_a11y_announce (GTK_WIDGET (self), count);
  }
  for (guint i = 0; i < problems->len; i++)
    {
      const RsBundleProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     problem->file != NULL ? problem->file : _("The bundle"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->verify_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  RsBundleVerification *verification = rs_bundle_verify (task_data, cancellable, &error);

  if (verification == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, verification, g_object_unref);
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RsExportPage *self = RS_EXPORT_PAGE (source);
  g_autoptr(GError) error = NULL;
  RsBundleVerification *verification = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->verification);
  self->verification = verification;
  show_verification (self, verification, error);
}

static void
start_verify (RsExportPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  self->verify_cancellable = g_cancellable_new ();
  g_clear_object (&self->verification);
  clear_problem_rows (self);

  gtk_image_set_from_icon_name (self->verify_icon, "content-loading-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_icon), "error");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verify_row), _("Checking the bundle…"));
  adw_action_row_set_subtitle (self->verify_row,
                               _("Reading every file back and comparing it with the manifest"));

  task = g_task_new (self, self->verify_cancellable, verify_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->result_path), g_free);
  g_task_run_in_thread (task, verify_thread);
}

static void
show_done (RsExportPage *self,
           char         *path)
{
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *description = NULL;

  g_free (self->result_path);
  self->result_path = path;

  description = g_strdup_printf (_("Saved to %s. Upload the photos to the platform in the order "
                                   "of their numbers, and keep the checklist for your records."),
                                 shown);
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  rs_page_set_complete (RS_PAGE (self), TRUE);
  start_verify (self);
}

static void
confirm_replace_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data);

static void
ask_replace (RsExportPage *self,
             const char   *target)
{
  g_autofree char *base = g_filename_display_basename (target);
  g_autofree char *dir_path = g_path_get_dirname (target);
  g_autofree char *dir = g_filename_display_name (dir_path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Replace the Existing Bundle?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” already exists in %s. Replacing it moves the old one to "
                                    "the trash; keeping both saves the new bundle under another name."),
                                  base, dir);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Both"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rs-target", g_strdup (target), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_replace_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Name-2", "Name-3"… until nothing of that name exists. */
static void
choose_free_name (RsExportPage *self)
{
  g_autofree char *base = clean_name (self);

  /* The first free name: the base itself is taken (that is why we ask). */
  for (guint n = 2; n < 1000; n++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", base, n);
      g_autofree char *target = NULL;

      self->updating = TRUE;
      rs_export_page_set_bundle_name (self, name);
      self->updating = FALSE;
      target = rs_export_page_get_target (self);
      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        return;
    }
}

static void
trash_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RsExportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  if (!g_file_trash_finish (G_FILE (source), result, &error))
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
      g_autofree char *message = g_strdup_printf (_("The existing bundle could not be moved to the "
                                                    "trash: %s. Choose another name or folder."),
                                                  error->message);
      show_failure (self, message);
      return;
    }
  start_export (self);
}

static void
confirm_replace_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RsExportPage *self = RS_EXPORT_PAGE (user_data);
  const char *target = g_object_get_data (G_OBJECT (dialog), "rs-target");

  if (g_strcmp0 (response, "keep") == 0)
    {
      choose_free_name (self);
      rs_export_page_export (self);
    }
  else if (g_strcmp0 (response, "replace") == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_path (target);

      /* Busy from here on: the export follows the move to the trash. */
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_label_set_text (self->progress_label, _("Preparing…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "exporting");
      g_file_trash_async (file, G_PRIORITY_DEFAULT, NULL, trash_done_cb, g_object_ref (self));
    }
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RsExportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *path = rs_bundle_export_finish (RS_BUNDLE_REQUEST (source), result, &error);

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);

  if (path != NULL)
    {
      show_done (self, path);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "options");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      rs_page_show_toast (RS_PAGE (self), _("Export cancelled. Nothing was written."));
      return;
    }
  if (g_error_matches (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_EXISTS))
    {
      /* Created meanwhile: ask, as before any export. */
      g_autofree char *target = rs_export_page_get_target (self);

      ask_replace (self, target);
      return;
    }
  show_failure (self, error->message);
}

static void
start_export (RsExportPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_autofree char *target = rs_export_page_get_target (self);
  g_autoptr(RsBundleRequest) request = rs_bundle_request_new (session, target);

  g_clear_pointer (&self->last_error, g_free);
  rs_bundle_request_set_format (request, gtk_switch_get_active (self->zip_switch)
                                         ? RS_BUNDLE_FORMAT_ZIP : RS_BUNDLE_FORMAT_FOLDER);
  rs_bundle_request_set_mask_id_number (request, gtk_switch_get_active (self->mask_switch));

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->progress_label, _("Preparing…"));
  gtk_stack_set_visible_child_name (self->stack, "exporting");
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  rs_bundle_export_async (request, self->cancellable,
                          progress_cb, g_object_ref (self), g_object_unref,
                          export_done_cb, g_object_ref (self));
}

void
rs_export_page_export (RsExportPage *self)
{
  g_autofree char *target = NULL;

  g_return_if_fail (RS_IS_EXPORT_PAGE (self));

  if (rs_export_page_get_state (self) == RS_EXPORT_PAGE_STATE_EXPORTING)
    return;

  if (!g_file_test (self->parent_folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = g_filename_display_name (self->parent_folder);
      g_autofree char *message = g_strdup_printf (_("The folder “%s” does not exist. Choose another "
                                                    "folder."), shown);
      show_failure (self, message);
      return;
    }

  /* Never overwrite without asking; the module refuses anyway. */
  target = rs_export_page_get_target (self);
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      ask_replace (self, target);
      return;
    }
  start_export (self);
}

void
rs_export_page_cancel (RsExportPage *self)
{
  g_return_if_fail (RS_IS_EXPORT_PAGE (self));

  if (self->cancellable != NULL)
    {
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      g_cancellable_cancel (self->cancellable);
    }
}

/* ------------------------------------------------------------------ */
/* Done                                                               */

char *
rs_export_page_read_checklist (RsExportPage *self,
                               GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;

  g_return_val_if_fail (RS_IS_EXPORT_PAGE (self), NULL);

  if (self->result_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No bundle has been exported yet."));
      return NULL;
    }
  bytes = rs_bundle_read_file (self->result_path, "checklist.txt", error);
  if (bytes == NULL)
    return NULL;
  /* (a text: NUL-terminated, and without a NUL inside to be valid) */
  contents = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (contents != NULL && !g_utf8_validate (contents, -1, NULL))
    {
      g_free (contents);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The checklist is not valid text. Export the bundle again."));
      return NULL;
    }
  return contents;
}

static void
copy_checklist_cb (RsExportPage *self,
                   GtkButton    *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = rs_export_page_read_checklist (self, &error);

  if (text == NULL)
    {
      rs_page_show_toast (RS_PAGE (self), error->message);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  rs_page_show_toast (RS_PAGE (self), _("Checklist copied"));
}

static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RsExportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The folder could not be opened: %s"),
                                                  error->message);
      rs_page_show_toast (RS_PAGE (self), message);
    }
}

static void
open_folder_cb (RsExportPage *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (self->result_path == NULL)
    return;

  /* A zip is shown in the folder that holds it. */
  folder = g_file_test (self->result_path, G_FILE_TEST_IS_DIR)
           ? g_strdup (self->result_path) : g_path_get_dirname (self->result_path);
  uri = g_filename_to_uri (folder, NULL, NULL);
  if (uri == NULL)
    return;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  /* GtkFileLauncher needs GTK 4.10; Debian 12 has 4.8. */
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_done_cb, g_object_ref (self));
}

static void
export_again_cb (RsExportPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
}

/* ------------------------------------------------------------------ */

static void
rs_export_page_shown (RsPage *page)
{
  RsExportPage *self = RS_EXPORT_PAGE (page);

  /* The platform may have changed since the page was made. */
  if (!self->name_edited)
    {
      g_autofree char *name = default_bundle_name (self);

      self->updating = TRUE;
      rs_export_page_set_bundle_name (self, name);
      self->updating = FALSE;
    }
  update_target (self);
}

static gboolean
rs_export_page_focus_item (RsPage     *page,
                           const char *item_id)
{
  RsExportPage *self = RS_EXPORT_PAGE (page);

  if (g_strcmp0 (item_id, "name") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  if (g_strcmp0 (item_id, "location") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
  if (g_strcmp0 (item_id, "export") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
  return FALSE;
}

static void
rs_export_page_constructed (GObject *object)
{
  RsExportPage *self = RS_EXPORT_PAGE (object);
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (rs_export_page_parent_class)->constructed (object);

  rs_page_set_title (RS_PAGE (self), _("Export"));
  self->parent_folder = default_parent_folder ();
  name = default_bundle_name (self);
  self->updating = TRUE;
  rs_export_page_set_bundle_name (self, name);
  self->updating = FALSE;
  update_target (self);

  /* Nothing to wait for: the Review step gates the way here.  Complete
   * again once a bundle is written. */
  rs_page_set_complete (RS_PAGE (self), FALSE);
}

static void
rs_export_page_dispose (GObject *object)
{
  RsExportPage *self = RS_EXPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->verify_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), RS_TYPE_EXPORT_PAGE);

  G_OBJECT_CLASS (rs_export_page_parent_class)->dispose (object);
}

static void
rs_export_page_finalize (GObject *object)
{
  RsExportPage *self = RS_EXPORT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->verify_cancellable);
  g_clear_object (&self->verification);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_free (self->parent_folder);
  g_free (self->result_path);
  g_free (self->last_error);

  G_OBJECT_CLASS (rs_export_page_parent_class)->finalize (object);
}

static void
rs_export_page_class_init (RsExportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RsPageClass *page_class = RS_PAGE_CLASS (klass);

  object_class->constructed = rs_export_page_constructed;
  object_class->dispose = rs_export_page_dispose;
  object_class->finalize = rs_export_page_finalize;
  page_class->shown = rs_export_page_shown;
  page_class->focus_item = rs_export_page_focus_item;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/pages/rs-export-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, zip_switch);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, mask_switch);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, done_page);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, verify_row);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, verify_icon);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, verify_group);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, RsExportPage, again_button);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zip_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rs_export_page_export);
  gtk_widget_class_bind_template_callback (widget_class, rs_export_page_cancel);
  gtk_widget_class_bind_template_callback (widget_class, copy_checklist_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_again_cb);
}

static void
rs_export_page_init (RsExportPage *self)
{
  self->problem_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Named once each: these have their own accessible label (in the .ui),
   * which GTK 4.8 would otherwise read with the visible one after it. */
  rs_a11y_name_once (GTK_WIDGET (self->zip_switch));
  rs_a11y_name_once (GTK_WIDGET (self->choose_button));
  rs_a11y_name_once (GTK_WIDGET (self->mask_switch));
  rs_a11y_name_once (GTK_WIDGET (self->export_button));
  rs_a11y_name_once (GTK_WIDGET (self->cancel_button));
  rs_a11y_name_once (GTK_WIDGET (self->open_button));
  rs_a11y_name_once (GTK_WIDGET (self->copy_button));
  rs_a11y_fix_button (GTK_WIDGET (self->again_button));
  rs_a11y_mark_headings (GTK_WIDGET (self));
  /* Back and Next stay off while the bundle is written. */
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (sync_busy), self);
}
