/* rs-window-bundle.c: opening an exported bundle in the main window
 * (File → Open Bundle…, `resubmit bundle.zip`).  The bundle is read and
 * verified into a session of its own; a changed one is shown and never
 * taken, a sound one replaces the session (after asking, when there is
 * work it would replace).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-bundle-open.h"
#include "rs-photo-set.h"
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

/* What the bundle holds, one line each, for the dialogs. */
static char *
describe_bundle (RsSession *opened)
{
  GString *text = g_string_new (NULL);
  RsProfile *profile = rs_session_get_profile (opened);
  const char *document = rs_session_get_document_type (opened);
  g_auto(GStrv) fields = rs_session_list_fields (opened);
  g_auto(GStrv) slots = rs_session_list_photo_slots (opened);
  guint n_fields = 0;

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const char *value = rs_session_get_field (opened, fields[i]);
      if (value != NULL && *value != '\0')
        n_fields++;
    }
  /* TRANSLATORS: %s is the platform's name */
  g_string_append_printf (text, _("Platform: %s"),
                          profile != NULL ? rs_profile_get_name (profile)
                                          : rs_session_get_profile_id (opened));
  if (document != NULL)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: %s is the document type, e.g. "Passport" */
      g_string_append_printf (text, _("Document: %s"), rs_document_type_get_name (document));
    }
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u detail filled in",
                                             "%u details filled in", n_fields),
                          n_fields);
  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: %s is the photo's item, e.g. "Selfie" */
      g_string_append_printf (text, _("Photo: %s"),
                              rs_slot_get_name_for_document (slots[i], document));
    }
  return g_string_free (text, FALSE);
}

/* A left-aligned, wrapping label for a dialog's extra child. */
static GtkWidget *
dialog_label (const char *text,
              const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Without it the label asks for the width of one long line and the
   * dialog cuts the wrapped text off. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  return label;
}

/* The bundle's contents, then (when there are any) its faults, each once. */
static GtkWidget *
bundle_contents_box (RsSession            *opened,
                     RsBundleVerification *verification)
{
  GPtrArray *problems = rs_bundle_verification_get_problems (verification);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *holds = describe_bundle (opened);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading;

  heading = gtk_label_new (_("The bundle holds"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), dialog_label (holds, "bundle-contents"));

  if (problems->len > 0)
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          RsBundleProblem *problem = g_ptr_array_index (problems, i);
          /* The verification may word one fault of one file several ways
           * (against each of the bundle's records): it is listed once. */
          char *key = g_strdup_printf ("%s\x1f%s", problem->file ? problem->file : "",
                                       problem->id ? problem->id : problem->message);

          if (!g_hash_table_add (seen, key))
            continue;
          g_string_append_printf (list, "%s• %s", list->len > 0 ? "\n" : "", problem->message);
        }
      heading = gtk_label_new (_("What is wrong with it"));
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), dialog_label (list->str, "bundle-problems"));
      g_string_free (list, TRUE);
    }
  return box;
}

/* A short list as it is: a scrolled window sizes itself for the text's
 * natural (one long line) width, so wrapped text in it looked cut off
 * mid-sentence.  Only a long one scrolls, in a window plainly taller than
 * a few lines. */
static GtkWidget *
scrolled_extra (GtkWidget *child,
                guint      n_lines)
{
  GtkWidget *scrolled;

  if (n_lines <= 12)
    return child;
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  return scrolled;
}

/* What bundle_contents_box() lists: a line per photo, three more, and the
 * problems. */
static guint
count_lines (RsSession            *opened,
             RsBundleVerification *verification)
{
  g_auto(GStrv) slots = rs_session_list_photo_slots (opened);

  return 3 + (slots ? g_strv_length (slots) : 0) +
         rs_bundle_verification_get_problems (verification)->len;
}

/* The photos a zip was unpacked into belong to no session when the bundle
 * is not taken: remove them (never anything outside the app's cache). */
static void
discard_opened (RsSession *opened)
{
  g_autofree char *cache = rs_draft_get_cache_dir ();
  g_auto(GStrv) slots = rs_session_list_photo_slots (opened);
  g_autofree char *dir = NULL;

  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *photo = rs_session_get_photo (opened, slots[i]);

      if (photo == NULL || cache == NULL || !g_str_has_prefix (photo, cache))
        continue;
      g_remove (photo);
      if (dir == NULL)
        dir = g_path_get_dirname (photo);
    }
  if (dir != NULL)
    g_rmdir (dir);
}

/* Copies the opened bundle into the window's session; the pages follow its
 * signals (they are not built again).  Why the last attempt was rejected
 * is not in a bundle, so the reasons are kept. */
static void
take_opened (RsWindow  *self,
             RsSession *opened)
{
  rs_session_take_work (self->session, opened);
  rs_photo_set_take_reports (self->session, opened);

  rs_window_show_restored_session (self, RS_TYPE_REVIEW_PAGE, 0);
  rs_window_show_toast (self, _("Bundle opened. Check the review."));

  /* The opened bundle is the draft from now on. */
  if (self->bundle_took_draft_check)
    {
      self->bundle_took_draft_check = FALSE;
      self->autosave_armed = TRUE;
      rs_window_maybe_start_autosave (self, TRUE);
    }
}

/* A changed or damaged bundle is shown, never taken: the current work
 * stays as it is. */
static void
show_bundle_problems (RsWindow             *self,
                      RsSession            *opened,
                      RsBundleVerification *verification)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Bundle Has Problems"),
                                                       _("The bundle is not as it was exported, so it "
                                                         "was not opened and your current work is "
                                                         "unchanged. Export a new bundle from the "
                                                         "original photos.")));
  adw_message_dialog_set_extra_child (dialog, scrolled_extra (bundle_contents_box (opened, verification),
                                                             count_lines (opened, verification)));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  RsWindow  *self;
  char      *display;    /* the bundle's file or folder name */
  gboolean   ask;        /* there is work (or a draft) it would replace */
  RsSession *opened;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->display);
  g_clear_object (&request->opened);
  g_free (request);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     OpenRequest      *request)
{
  if (g_strcmp0 (response, "replace") == 0)
    take_opened (request->self, request->opened);
  else
    {
      discard_opened (request->opened);
      give_back_draft_check (request->self);
    }
}

static void
ask_replace (OpenRequest          *request,
             RsBundleVerification *verification)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* TRANSLATORS: %s is the bundle's file or folder name */
  body = g_strdup_printf (_("Opening “%s” replaces the details, photos and choices you have entered "
                            "with the ones in the bundle, and your saved draft with them. Your "
                            "original photo files are not touched."),
                          request->display);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (request->self),
                                                       _("Replace Your Current Work?"),
                                                       body));
  adw_message_dialog_set_extra_child (dialog, scrolled_extra (bundle_contents_box (request->opened,
                                                                                   verification),
                                                             count_lines (request->opened, verification)));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (replace_response_cb), request,
                         (GClosureNotify) (void (*) (void)) open_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bundle_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenRequest *request = user_data;
  RsWindow *self = request->self;
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  /* The window went away, or another bundle was opened meanwhile: leave
   * the session alone (the unopened result cleans up after itself). */
  if (g_task_get_cancellable (G_TASK (result)) != self->open_cancellable ||
      g_cancellable_is_cancelled (self->open_cancellable))
    {
      open_request_free (request);
      return;
    }
  g_clear_object (&self->open_cancellable);

  /* Read and verified into a session of its own first: nothing of the
   * current work changes until the user has seen what the bundle holds. */
  request->opened = rs_session_new ();
  if (!rs_bundle_open_finish (result, request->opened, &verification, &error))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Open the Bundle"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      give_back_draft_check (self);
      open_request_free (request);
      return;
    }

  if (!rs_bundle_verification_is_valid (verification))
    {
      show_bundle_problems (self, request->opened, verification);
      discard_opened (request->opened);
      give_back_draft_check (self);
      open_request_free (request);
      return;
    }

  if (request->ask || rs_window_session_has_user_data (self->session))
    {
      ask_replace (request, verification);
      return;
    }
  take_opened (self, request->opened);
  open_request_free (request);
}

static void
open_bundle_now (RsWindow   *self,
                 const char *path,
                 const char *display,
                 gboolean    ask)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);

  request->self = g_object_ref (self);
  request->display = g_strdup (display);
  request->ask = ask;
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  rs_bundle_open_async (path, NULL, self->open_cancellable, bundle_opened_cb, request);
}

void
rs_window_open_bundle (RsWindow *self,
                       GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  gboolean draft_waiting = FALSE;

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

  /* Name the bundle folder, not the manifest.json picked inside it. */
  if (g_str_has_suffix (path, G_DIR_SEPARATOR_S "manifest.json"))
    {
      g_autofree char *folder = g_path_get_dirname (path);
      display = g_filename_display_basename (folder);
    }
  else
    display = g_filename_display_basename (path);

  /* Verified first; whether to replace the work is asked afterwards. */
  open_bundle_now (self, path, display, draft_waiting);
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
