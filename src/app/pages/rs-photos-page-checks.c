/* rs-photos-page-checks.c: checking a photo on the Photos step through
 * the session's photo model (one decode gives the report and the preview),
 * and committing the result to its slot and the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photos-page.h"
#include "rs-photos-page-private.h"

#include <glib/gi18n.h>

#include "rs-details-page.h"
#include "rs-photo-set.h"
#include "rs-read.h"
#include "rs-validate.h"

/* Checking */

void
rs_photos_page_push_undo (RsPhotosPage *self,
                          RsPhotoSlot  *slot)
{
  UndoEntry *e = g_new0 (UndoEntry, 1);

  e->slot_id = g_strdup (rs_photo_slot_get_slot_id (slot));
  g_set_object (&e->file, rs_photo_slot_get_file (slot));
  g_set_object (&e->texture, rs_photo_slot_get_texture (slot));
  g_set_object (&e->report, rs_photo_slot_get_report (slot));
  e->acknowledged = rs_photo_slot_get_acknowledged (slot);
  g_set_object (&e->original_texture, rs_photo_slot_get_original_texture (slot));
  g_set_object (&e->original_report, rs_photo_slot_get_original_report (slot));
  g_ptr_array_add (self->undo, e);
  /* A short history is plenty (each entry holds a preview); the oldest goes. */
  if (self->undo->len > 10)
    g_ptr_array_remove_index (self->undo, 0);
}

/* The slot keeps its before-fix photo, so that undo can bring the whole
 * state back. */
void
rs_photos_page_slot_commit (RsPhotosPage  *self,
                            RsPhotoSlot   *slot,
                            GFile         *file,
                            GdkTexture    *texture,
                            RsPhotoReport *report,
                            GdkTexture    *original_texture,
                            RsPhotoReport *original_report,
                            gboolean       acknowledged)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  rs_photo_slot_set_photo (slot, file, texture, report, original_texture, original_report);
  rs_photo_slot_set_acknowledged (slot, acknowledged);
  if (session != NULL)
    rs_session_set_photo (session, rs_photo_slot_get_slot_id (slot), path);
  rs_photos_page_store_acknowledgments (self, slot);
}

/* The session's photo model; a page without a session has its own. */
RsPhotoSet *
rs_photos_page_get_photo_set (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  if (session != NULL)
    return rs_photo_set_for_session (session);
  if (self->own_photo_set == NULL)
    self->own_photo_set = rs_photo_set_new ();
  return self->own_photo_set;
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckCall *call = user_data;
  RsPhotosPage *self = call->self;
  Job *job = call->job;
  RsPhotoSlot *slot;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsPhotoReport) report = NULL;
  g_autoptr(GdkPixbuf) preview = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *done_message = NULL;

  report = rs_photo_set_check_finish (RS_PHOTO_SET (source), result, &preview, &error);

  /* Replaced or removed meanwhile, or the page is gone: stale. */
  if (self->jobs == NULL || g_hash_table_lookup (self->jobs, job->slot_id) != job)
    {
      rs_photos_page_check_call_free (call);
      return;
    }
  slot = rs_photos_page_find_slot (self, job->slot_id);
  g_assert (slot != NULL);

  if (report == NULL)
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *msg = NULL;

      msg = g_strdup_printf (_("“%s” was not used: %s"), name, error->message);
      rs_photo_slot_set_error (slot, msg);
      g_hash_table_remove (self->jobs, job->slot_id);
      rs_photo_slot_set_busy (slot, FALSE, NULL);
      rs_photos_page_show_message (self, msg, FALSE);
      rs_photos_page_update_set_level (self);
      rs_photos_page_check_call_free (call);
      return;
    }

  if (preview != NULL)
    texture = gdk_texture_new_for_pixbuf (preview);
  else
    texture = g_object_ref (job->texture);

  switch (job->origin)
    {
    case ORIGIN_REPLACE:
      done_message = _("Photo replaced.");
      break;
    case ORIGIN_ROTATE:
      done_message = _("Photo rotated. The checks ran again on the result.");
      break;
    case ORIGIN_STRAIGHTEN:
      done_message = _("Photo cropped and straightened. The checks ran again on the result.");
      break;
    case ORIGIN_ADD:
    case ORIGIN_RESTORE:
    default:
      break;
    }
  /* A swap pushed its undo entries when it began, for both slots at once. */
  if (job->origin != ORIGIN_ADD && job->origin != ORIGIN_RESTORE && job->origin != ORIGIN_SWAP &&
      rs_photo_slot_get_file (slot) != NULL)
    rs_photos_page_push_undo (self, slot);

  rs_photo_slot_set_error (slot, NULL);
  if (job->origin == ORIGIN_RESTORE)
    {
      /* Keep the session's acknowledgments: the user gave them for this
       * very photo. */
      rs_photo_slot_set_photo (slot, job->file, texture, report, NULL, NULL);
      rs_photo_slot_set_acknowledged (slot, rs_photos_page_session_acknowledges (self, slot));
    }
  else
    rs_photos_page_slot_commit (self, slot, job->file, texture, report,
                                job->original_texture, job->original_report, FALSE);

  g_hash_table_remove (self->jobs, job->slot_id);
  rs_photo_slot_set_busy (slot, FALSE, NULL);
  rs_photos_page_update_set_level (self);

  if (done_message != NULL)
    rs_photos_page_show_message (self, done_message, TRUE);
  rs_photos_page_check_call_free (call);
}

static void
start_check (RsPhotosPage  *self,
             RsPhotoSlot   *slot,
             GFile         *file,
             Origin         origin,
             GdkTexture    *original_texture,
             RsPhotoReport *original_report,
             GdkTexture    *texture)
{
  CheckCall *call;
  Job *job;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *msg = g_strdup_printf (_("“%s” was not used: only files on this computer can be checked. Save the photo to your computer first."),
                                              name);
      rs_photo_slot_set_error (slot, msg);
      rs_photos_page_show_message (self, msg, FALSE);
      return;
    }

  job = rs_photos_page_job_new (slot, file, origin, original_texture, original_report);
  g_set_object (&job->texture, texture);
  /* Replaces (and so cancels) a check still running for this slot. */
  g_hash_table_replace (self->jobs, g_strdup (job->slot_id), job);

  rs_photo_slot_set_busy (slot, TRUE, _("Checking the photo…"));
  rs_photos_page_update_set_level (self);

  /* The model checks each file once (a restored draft's photo it already
   * checked is only decoded for its preview). */
  call = g_new0 (CheckCall, 1);
  call->self = g_object_ref (self);
  call->job = g_rc_box_acquire (job);
  rs_photo_set_check_async (rs_photos_page_get_photo_set (self), job->slot_id, path, rs_photos_page_get_profile (self),
                            job->texture != NULL ? 0 : PREVIEW_SIZE, job->cancellable, on_check_done, call);
}

void
rs_photos_page_start_check (RsPhotosPage  *self,
                            RsPhotoSlot   *slot,
                            GFile         *file,
                            Origin         origin,
                            GdkTexture    *original_texture,
                            RsPhotoReport *original_report)
{
  start_check (self, slot, file, origin, original_texture, original_report, NULL);
}

/* @texture: the file's preview, which the page already shows elsewhere. */
void
rs_photos_page_start_check_with_preview (RsPhotosPage *self,
                                         RsPhotoSlot  *slot,
                                         GFile        *file,
                                         Origin        origin,
                                         GdkTexture   *texture)
{
  start_check (self, slot, file, origin, NULL, NULL, texture);
}

/* details.match on the Photos step: the typed details against what each
 * document photo's report read when it was checked.  Only the stored read
 * result is compared: typing never checks or reads a photo again. */
void
rs_photos_page_update_details_match (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *document_type = rs_photos_page_get_document_type (self);
  g_autoptr(GHashTable) typed = NULL;
  g_autoptr(GPtrArray) infos = NULL;

  if (session != NULL)
    {
      typed = rs_details_from_session (session);
      infos = document_type != NULL ? rs_details_required_fields (document_type) : NULL;
    }
  for (guint i = 0; i < self->slots->len; i++)
    {
      RsPhotoSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GPtrArray) diff = NULL;
      g_autofree char *message = NULL;
      const char *field = NULL;
      const char *label = NULL;

      if (typed != NULL)
        diff = rs_read_match_report (rs_photo_slot_get_report (slot), document_type, typed, &message);
      if (diff != NULL && diff->len > 0)
        {
          field = g_ptr_array_index (diff, 0);
          label = field;
          for (guint j = 0; infos != NULL && j < infos->len; j++)
            {
              const RsFieldInfo *info = g_ptr_array_index (infos, j);

              if (g_str_equal (info->id, field))
                label = info->label;
            }
        }
      else
        g_clear_pointer (&message, g_free);
      rs_photo_slot_set_details_mismatch (slot, message, field, label);
    }
}

/* A typed field changed: the slots compare again (and the page's
 * completeness follows). */
void
rs_photos_page_field_changed (RsSession    *session,
                              const char   *field,
                              RsPhotosPage *self)
{
  rs_photos_page_update_set_level (self);
}

/* The details.match finding's button: the field on the Details step. */
void
rs_photos_page_action_go_to_field (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  rs_page_go_to (RS_PAGE (widget), RS_TYPE_DETAILS_PAGE, g_variant_get_string (parameter, NULL));
}
