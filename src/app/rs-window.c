/* rs-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-bundle-open.h"
#include "rs-draft.h"
#include "rs-review-page.h"
#include "rs-settings.h"
#include "rs-window.h"

struct _RsWindow
{
  AdwApplicationWindow  parent_instance;

  RsSession            *session;
  RsDraftAutosave      *autosave;
  char                 *draft_path;
  gboolean              draft_checked;
  gboolean              autosave_armed;
  /* Opening a bundle took over the draft question (see rs_window_open_bundle). */
  gboolean              bundle_took_draft_check;
  GtkWidget            *resume_dialog;  /* weak: the "Resume your draft?" question */
  GCancellable         *open_cancellable;

  AdwWindowTitle       *step_title;
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *menu_button;
  RsNavigator          *navigator;
};

G_DEFINE_FINAL_TYPE (RsWindow, rs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (RsWindow *self)
{
  RsPage *page = rs_navigator_get_current_page (self->navigator);
  guint n = rs_navigator_get_n_pages (self->navigator);
  g_autofree char *step = NULL;

  /* TRANSLATORS: the wizard's step indicator in the header bar */
  step = g_strdup_printf (_("Step %u of %u"), rs_navigator_get_step (self->navigator) + 1, n);
  adw_window_title_set_title (self->step_title, step);
  adw_window_title_set_subtitle (self->step_title, page ? rs_page_get_title (page) : NULL);
}

static void
step_changed_cb (RsWindow    *self,
                 guint        step,
                 RsNavigator *navigator)
{
  update_title (self);
}

static void
sync_actions (RsWindow *self)
{
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "next");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               rs_navigator_get_can_go_next (self->navigator));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "back");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               rs_navigator_get_can_go_back (self->navigator));
}

static void
next_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  rs_navigator_next (RS_WINDOW (user_data)->navigator);
}

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  rs_navigator_back (RS_WINDOW (user_data)->navigator);
}

/* Drafts */

static void
autosave_error_cb (RsWindow     *self,
                   const GError *error)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: %s is the reason, e.g. "No space left on device" */
  message = g_strdup_printf (_("Could not save your draft: %s"), error->message);
  rs_window_show_toast (self, message);
}

/* Defaults the pages fill in (platform, document type) are not worth a
 * draft; anything the user chose or typed is. */
static gboolean
session_has_user_data (RsSession *session)
{
  g_auto(GStrv) fields = rs_session_list_fields (session);
  g_auto(GStrv) photos = rs_session_list_photo_slots (session);
  g_auto(GStrv) acks = rs_session_list_acknowledged (session);

  return rs_session_get_reasons (session) != RS_REASON_NONE ||
         (fields != NULL && fields[0] != NULL) ||
         (photos != NULL && photos[0] != NULL) ||
         (acks != NULL && acks[0] != NULL);
}

static void
stop_autosave (RsWindow *self,
               gboolean  flush)
{
  if (self->autosave == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->autosave, self);
  if (flush)
    {
      g_autoptr(GError) error = NULL;

      if (!rs_draft_autosave_flush (self->autosave, &error))
        g_warning ("Could not save the draft: %s", error->message);
    }
  /* Nothing may be written once we let go of it. */
  rs_draft_autosave_set_paused (self->autosave, TRUE);
  g_clear_object (&self->autosave);
}

/* Autosave starts with the first thing the user enters, so that a fresh
 * start (or "Delete All My Data") leaves no draft behind by itself. */
static void
maybe_start_autosave (RsWindow *self,
                      gboolean  save_now)
{
  if (!self->autosave_armed || self->autosave != NULL ||
      !session_has_user_data (self->session))
    return;

  self->autosave = rs_draft_autosave_new (self->session, self->draft_path);
  g_signal_connect_object (self->autosave, "error",
                           G_CALLBACK (autosave_error_cb), self,
                           G_CONNECT_SWAPPED);

  /* The change that got us here came before the autosave listened. */
  if (save_now)
    {
      g_autoptr(GError) error = NULL;

      if (!rs_draft_save (self->session, self->draft_path, &error))
        autosave_error_cb (self, error);
    }
}

static void
start_autosave (RsWindow *self)
{
  self->autosave_armed = TRUE;
  /* A resumed draft is on disk already. */
  maybe_start_autosave (self, FALSE);
}

static void
session_changed_cb (RsWindow *self)
{
  if (self->autosave == NULL)
    maybe_start_autosave (self, TRUE);
}

/* After a draft or a bundle was loaded into the session: the pages follow
 * the session's signals and show it already.  Shows the step of @page_type
 * when it is not 0, else @step but never beyond the first incomplete step. */
static void
show_restored_session (RsWindow *self,
                       GType     page_type,
                       int       step)
{
  RsPage *page;
  guint first_incomplete;

  page = page_type != 0 ? rs_navigator_find_page (self->navigator, page_type) : NULL;
  for (guint i = 0; page != NULL && i < rs_navigator_get_n_pages (self->navigator); i++)
    if (rs_navigator_get_page (self->navigator, i) == page)
      {
        rs_navigator_go_to_step (self->navigator, i);
        return;
      }
  first_incomplete = rs_navigator_get_first_incomplete_step (self->navigator);
  step = MAX (step, 0);
  rs_navigator_go_to_step (self->navigator, MIN ((guint) step, first_incomplete));
}

static void
resume_draft (RsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rs_draft_load (self->draft_path, self->session, &error) &&
      !g_error_matches (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_PROFILE_MISSING))
    {
      rs_window_show_toast (self, error->message);
      rs_navigator_go_to_step (self->navigator, 0);
      start_autosave (self);
      return;
    }

  show_restored_session (self, 0, rs_session_get_step (self->session));

  if (error != NULL)
    rs_window_show_toast (self, error->message);

  start_autosave (self);
}

static void
start_over (RsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rs_draft_delete (self->draft_path, &error))
    rs_window_show_toast (self, error->message);

  /* The pages follow the reset (they are not built again). */
  rs_session_reset (self->session);
  rs_navigator_go_to_step (self->navigator, 0);
  start_autosave (self);
}

static void
resume_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RsWindow         *self)
{
  if (g_strcmp0 (response, "start-over") == 0)
    start_over (self);
  else
    resume_draft (self);
}

static char *
describe_draft (RsSession *draft,
                GDateTime *saved)
{
  GString *text = g_string_new (_("You did not finish last time. Your answers were kept on this computer."));
  RsProfile *profile = rs_session_get_profile (draft);
  const char *document_type = rs_session_get_document_type (draft);

  if (profile != NULL || document_type != NULL)
    {
      g_string_append (text, "\n");
      /* One a line: profile names contain a dash of their own
       * ("OKX — from its published photo guide"). */
      if (profile != NULL)
        g_string_append_printf (text, "\n%s", rs_profile_get_name (profile));
      if (document_type != NULL)
        g_string_append_printf (text, "\n%s", rs_document_type_get_name (document_type));
    }

  if (saved != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (saved);
      /* TRANSLATORS: strftime format of the draft's save time */
      g_autofree char *when = g_date_time_format (local, _("%Y-%m-%d %H:%M"));

      g_string_append (text, "\n");
      /* TRANSLATORS: %s is a date and time */
      g_string_append_printf (text, _("Saved %s"), when);
    }

  return g_string_free (text, FALSE);
}

void
rs_window_check_draft (RsWindow *self)
{
  g_autoptr(RsSession) draft = NULL;
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (RS_IS_WINDOW (self));

  if (self->draft_checked)
    return;
  self->draft_checked = TRUE;

  /* Read the draft into a scratch session first: the user decides whether
   * it replaces the (empty) current one. */
  draft = rs_session_new ();
  if (!rs_draft_load_full (self->draft_path, draft, NULL, NULL, &saved, &error))
    {
      if (g_error_matches (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NOT_FOUND))
        {
          start_autosave (self);
          return;
        }
      if (g_error_matches (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NEWER_VERSION))
        {
          g_autofree char *message = NULL;

          /* Autosaving now would overwrite the newer draft. */
          /* TRANSLATORS: %s explains why the draft cannot be read */
          message = g_strdup_printf (_("%s Your work in this window will not be saved as a draft."),
                                     error->message);
          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                               _("Draft From a Newer Version"),
                                                               message));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      if (!g_error_matches (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_PROFILE_MISSING))
        {
          /* Corrupt: it was moved aside, so start cleanly and say where. */
          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                               _("Draft Could Not Be Read"),
                                                               error->message));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
          start_autosave (self);
          return;
        }
    }

  body = describe_draft (draft, saved);
  if (error != NULL)
    {
      g_autofree char *with_error = g_strconcat (body, "\n\n", error->message, NULL);
      g_free (body);
      body = g_steal_pointer (&with_error);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Resume Your Draft?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "start-over", _("_Start Over"),
                                    "resume", _("_Resume"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start-over", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resume");
  adw_message_dialog_set_close_response (dialog, "resume");
  g_signal_connect_object (dialog, "response", G_CALLBACK (resume_response_cb), self, 0);
  self->resume_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->resume_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_dialog (RsWindow  *self,
                char     **removed,
                GError    *error)
{
  GString *body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  guint n = removed ? g_strv_length (removed) : 0;

  if (error != NULL)
    g_string_append_printf (body, "%s\n\n", error->message);

  if (n == 0 && error == NULL)
    g_string_append (body, _("There was nothing to delete: no draft or copies of photos were stored."));
  else if (n > 0)
    g_string_append_printf (body,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Removed %u item from this computer.",
                                         "Removed %u items from this computer.", n),
                            n);
  g_string_append (body, "\n");
  g_string_append (body, _("Your original photo files were not touched."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       error ? _("Not Everything Could Be Deleted")
                                                             : _("Your Data Was Deleted"),
                                                       body->str));

  /* The paths themselves, left-aligned and selectable, under the text. */
  if (n > 0)
    {
      g_autofree char *list = g_strjoinv ("\n", removed);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (list);
      PangoAttrList *attrs;

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_yalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
      /* A path broken with an inserted hyphen reads as a different path. */
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_name (label, "removed-paths");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Removed files and folders"),
                                      -1);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RsWindow         *self)
{
  g_auto(GStrv) removed = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  /* Stop saving first, or the reset below would be written back. */
  self->autosave_armed = FALSE;
  stop_autosave (self, FALSE);

  rs_draft_delete_all_data (&removed, &error);
  rs_session_reset (self->session);
  rs_navigator_rebuild (self->navigator);

  /* From now on only what the user enters again creates a draft. */
  self->autosave_armed = TRUE;

  deleted_dialog (self, removed, error);
}

static void
delete_data_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RsWindow *self = RS_WINDOW (user_data);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete All Your Data?"),
                                                       _("This removes the saved draft with everything you entered, "
                                                         "and the corrected copies of your photos, from this computer. "
                                                         "Your original photo files and exported bundles are not touched. "
                                                         "This cannot be undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

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
  show_restored_session (self, RS_TYPE_REVIEW_PAGE, 0);
  rs_window_show_toast (self, _("Bundle opened. Check the review, then export again if you changed anything."));
  if (!rs_bundle_verification_is_valid (verification))
    show_bundle_problems (self, verification);

  /* The opened bundle is the draft from now on. */
  if (self->bundle_took_draft_check)
    {
      self->bundle_took_draft_check = FALSE;
      self->autosave_armed = TRUE;
      maybe_start_autosave (self, TRUE);
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

  if (!draft_waiting && !session_has_user_data (self->session))
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

static void
open_bundle_activated (GSimpleAction *action,
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

/* Window state */

static void
load_window_state (RsWindow *self)
{
  GSettings *settings = rs_settings_get_default ();
  int width, height;

  if (settings == NULL)
    return;

  width = g_settings_get_int (settings, "window-width");
  height = g_settings_get_int (settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (RsWindow *self)
{
  GSettings *settings = rs_settings_get_default ();
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (settings);
}

static gboolean
rs_window_close_request (GtkWindow *window)
{
  RsWindow *self = RS_WINDOW (window);

  save_window_state (self);

  if (self->autosave != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The window is going away; the draft must be complete on disk. */
      if (!rs_draft_autosave_flush (self->autosave, &error))
        g_warning ("Could not save the draft: %s", error->message);
    }

  return GTK_WINDOW_CLASS (rs_window_parent_class)->close_request (window);
}

static void
rs_window_map (GtkWidget *widget)
{
  RsWindow *self = RS_WINDOW (widget);

  GTK_WIDGET_CLASS (rs_window_parent_class)->map (widget);

  /* Offer the draft once the window is on screen, so that the dialog has a
   * parent to attach to. */
  if (!self->draft_checked && g_getenv ("RESUBMIT_NO_DRAFT_CHECK") == NULL)
    rs_window_check_draft (self);
}

static void
rs_window_dispose (GObject *object)
{
  RsWindow *self = RS_WINDOW (object);

  /* Destroyed without a close request (app quit): save what is pending
   * now, and make sure nothing is written afterwards. */
  self->autosave_armed = FALSE;
  stop_autosave (self, TRUE);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->resume_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->resume_dialog), (gpointer *) &self->resume_dialog);
      self->resume_dialog = NULL;
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_WINDOW);

  G_OBJECT_CLASS (rs_window_parent_class)->dispose (object);
}

static void
rs_window_finalize (GObject *object)
{
  RsWindow *self = RS_WINDOW (object);

  g_clear_object (&self->session);
  g_free (self->draft_path);

  G_OBJECT_CLASS (rs_window_parent_class)->finalize (object);
}

static void
rs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RsWindow *self = RS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_window_class_init (RsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rs_window_dispose;
  object_class->finalize = rs_window_finalize;
  object_class->get_property = rs_window_get_property;
  widget_class->map = rs_window_map;
  window_class->close_request = rs_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         RS_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/rs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RsWindow, step_title);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, menu_button);
}

static const GActionEntry win_actions[] = {
  { "next", next_activated, NULL, NULL, NULL, { 0 } },
  { "back", back_activated, NULL, NULL, NULL, { 0 } },
  { "delete-data", delete_data_activated, NULL, NULL, NULL, { 0 } },
  { "open-bundle", open_bundle_activated, NULL, NULL, NULL, { 0 } },
};

static void
rs_window_init (RsWindow *self)
{
  g_type_ensure (RS_TYPE_NAVIGATOR);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A development build (-Dprofile=development) looks it: striped header bar. */
  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->session = rs_session_new ();
  self->draft_path = rs_draft_get_default_path ();
  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  self->navigator = RS_NAVIGATOR (rs_navigator_new (self->session));
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->navigator));
  g_signal_connect_object (self->navigator, "step-changed",
                           G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->navigator, "notify::can-go-next",
                           G_CALLBACK (sync_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->navigator, "notify::can-go-back",
                           G_CALLBACK (sync_actions), self, G_CONNECT_SWAPPED);

  update_title (self);
  sync_actions (self);
  load_window_state (self);
}

RsWindow *
rs_window_new (GtkApplication *application)
{
  return g_object_new (RS_TYPE_WINDOW, "application", application, NULL);
}

RsSession *
rs_window_get_session (RsWindow *self)
{
  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  return self->session;
}

RsNavigator *
rs_window_get_navigator (RsWindow *self)
{
  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  return self->navigator;
}

AdwToastOverlay *
rs_window_get_toast_overlay (RsWindow *self)
{
  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  return self->toast_overlay;
}

void
rs_window_show_toast (RsWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (RS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are Pango markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}
