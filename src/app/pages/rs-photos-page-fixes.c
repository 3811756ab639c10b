/* rs-photos-page-fixes.c: rotate and straighten on the Photos step; the
 * fixed copy is checked like any new photo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photos-page.h"
#include "rs-photos-page-private.h"

#include <glib/gi18n.h>

#include "rs-fix.h"

/* Fixes */

static void
on_fix_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FixCall *call = user_data;
  g_autoptr(RsPhotosPage) self = call->page;
  g_autoptr(Job) job = call->job;
  RsPhotoSlot *slot;
  g_autoptr(GFile) fixed = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  fixed = rs_fix_file_finish (result, &error);
  if (self->jobs == NULL || g_hash_table_lookup (self->jobs, job->slot_id) != job)
    {
      /* Stale: the slot changed meanwhile; drop the cache copy. */
      if (fixed != NULL)
        g_file_delete (fixed, NULL, NULL);
      return;
    }
  slot = rs_photos_page_find_slot (self, job->slot_id);
  g_hash_table_remove (self->jobs, job->slot_id);
  rs_photo_slot_set_busy (slot, FALSE, NULL);

  if (fixed == NULL)
    {
      rs_photo_slot_set_error (slot, error->message);
      rs_photos_page_show_message (self, error->message, FALSE);
      rs_photos_page_update_set_level (self);
    }
  else
    rs_photos_page_start_check (self, slot, fixed, job->origin, job->original_texture, job->original_report);
}

static FixCall *
start_fix_job (RsPhotosPage *self,
               RsPhotoSlot  *slot,
               Origin        origin)
{
  GdkTexture *orig = rs_photo_slot_get_original_texture (slot);
  RsPhotoReport *orig_report = rs_photo_slot_get_original_report (slot);
  FixCall *call = g_new0 (FixCall, 1);
  Job *job;

  /* Before/after compares with the photo before the first fix. */
  job = rs_photos_page_job_new (slot, rs_photo_slot_get_file (slot), origin,
                                orig ? orig : rs_photo_slot_get_texture (slot),
                                orig ? orig_report : rs_photo_slot_get_report (slot));
  g_hash_table_replace (self->jobs, g_strdup (job->slot_id), job);

  rs_photo_slot_set_busy (slot, TRUE, origin == ORIGIN_ROTATE ? _("Rotating…") : _("Straightening…"));
  rs_photos_page_update_set_level (self);

  call->page = g_object_ref (self);
  call->job = g_rc_box_acquire (job);
  return call;
}

void
rs_photos_page_rotate (RsPhotosPage *self,
                       const char   *slot_id)
{
  RsPhotoSlot *slot;
  FixCall *call;

  g_return_if_fail (RS_IS_PHOTOS_PAGE (self));

  slot = rs_photos_page_find_slot (self, slot_id);
  if (slot == NULL || rs_photo_slot_get_file (slot) == NULL)
    return;
  call = start_fix_job (self, slot, ORIGIN_ROTATE);
  rs_fix_rotate_file_async (call->job->file, 1, call->job->cancellable, on_fix_done, call);
}

void
rs_photos_page_straighten (RsPhotosPage *self,
                           const char   *slot_id)
{
  RsPhotoSlot *slot;
  RsPhotoReport *report;
  RsProfile *profile;
  RsQuad quad;
  FixCall *call;
  double margin;
  int max_long, min_short;

  g_return_if_fail (RS_IS_PHOTOS_PAGE (self));

  slot = rs_photos_page_find_slot (self, slot_id);
  report = slot ? rs_photo_slot_get_report (slot) : NULL;
  if (report == NULL || rs_photo_slot_get_file (slot) == NULL)
    return;
  if (!rs_photo_report_get_document_quad (report, &quad) ||
      rs_photo_report_get_cut_corners (report) != 0)
    {
      rs_photos_page_show_message (self, _("The document’s outline was not found in full, so the photo cannot be straightened. Take the photo again with all four corners in view."), FALSE);
      return;
    }

  profile = rs_photos_page_get_profile (self);
  margin = (profile ? rs_profile_get_min_margin_percent (profile) : 2.0) + STRAIGHTEN_EXTRA_MARGIN;
  max_long = profile ? rs_profile_get_max_long_side (profile) : 0;
  min_short = profile ? rs_profile_get_min_short_side (profile) : 0;

  call = start_fix_job (self, slot, ORIGIN_STRAIGHTEN);
  rs_fix_straighten_file_async (call->job->file, &quad,
                                rs_fix_aspect_for_document (rs_photos_page_get_document_type (self)),
                                margin, min_short, max_long, call->job->cancellable,
                                on_fix_done, call);
}
