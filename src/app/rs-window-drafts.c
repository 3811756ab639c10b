/* rs-window-drafts.c: the draft lifecycle of the main window: autosave from
 * the first thing the user enters, the "Resume your draft?" question,
 * resuming (the pages follow the session) and starting over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-review-page.h"
#include "rs-settings.h"
#include "rs-window.h"
#include "rs-window-private.h"

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
gboolean
rs_window_session_has_user_data (RsSession *session)
{
  g_auto(GStrv) fields = rs_session_list_fields (session);
  g_auto(GStrv) photos = rs_session_list_photo_slots (session);
  g_auto(GStrv) acks = rs_session_list_acknowledged (session);

  return rs_session_get_reasons (session) != RS_REASON_NONE ||
         (fields != NULL && fields[0] != NULL) ||
         (photos != NULL && photos[0] != NULL) ||
         (acks != NULL && acks[0] != NULL);
}

/* Autosave starts with the first thing the user enters, so that a fresh
 * start (or "Delete All My Data") leaves no draft behind by itself. */
void
rs_window_maybe_start_autosave (RsWindow *self,
                                gboolean  save_now)
{
  if (!self->autosave_armed || self->autosave != NULL ||
      !rs_window_session_has_user_data (self->session))
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
  rs_window_maybe_start_autosave (self, FALSE);
}

void
rs_window_session_changed_cb (RsWindow *self)
{
  if (self->autosave == NULL)
    rs_window_maybe_start_autosave (self, TRUE);
}

/* After a draft or a bundle was loaded into the session: the pages follow
 * the session's signals and show it already.  Shows the step of @page_type
 * when it is not 0, else @step but never beyond the first incomplete step. */
void
rs_window_show_restored_session (RsWindow *self,
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

  rs_window_show_restored_session (self, 0, rs_session_get_step (self->session));

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
