/* rs-photos-page.c: the Photos step: its slots, adding and removing
 * photos, messages and undo, the actions and the RsPage side.  Checking,
 * fixes and the sources of photos are in rs-photos-page-*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photos-page.h"
#include "rs-photos-page-private.h"

#include <glib/gi18n.h>

#include "rs-ack.h"
#include "rs-application.h"
#include "rs-content.h"
#include "rs-fix.h"
#include "rs-image.h"
#include "rs-photo-check.h"
#include "rs-photo-set.h"
#include "widgets/rs-slot-example.h"

G_DEFINE_FINAL_TYPE (RsPhotosPage, rs_photos_page, RS_TYPE_PAGE)

enum {
  TAKE_PHOTO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
rs_photos_page_job_clear (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->cancellable);
  g_clear_object (&job->file);
  g_clear_object (&job->original_texture);
  g_clear_object (&job->original_report);
  g_clear_object (&job->texture);
  g_free (job->slot_id);
}

Job *
rs_photos_page_job_new (RsPhotoSlot   *slot,
                        GFile         *file,
                        Origin         origin,
                        GdkTexture    *original_texture,
                        RsPhotoReport *original_report)
{
  Job *job = g_rc_box_new0 (Job);

  job->slot_id = g_strdup (rs_photo_slot_get_slot_id (slot));
  job->file = g_object_ref (file);
  job->origin = origin;
  job->cancellable = g_cancellable_new ();
  g_set_object (&job->original_texture, original_texture);
  g_set_object (&job->original_report, original_report);
  return job;
}

void
rs_photos_page_job_unref (Job *job)
{
  g_rc_box_release_full (job, rs_photos_page_job_clear);
}

/* The job table's value destructor: a job dropped from the table is
 * cancelled (replaced, removed, page gone). */
static void
job_cancel_unref (gpointer data)
{
  Job *job = data;

  g_cancellable_cancel (job->cancellable);
  rs_photos_page_job_unref (job);
}

void
rs_photos_page_check_call_free (CheckCall *call)
{
  g_object_unref (call->self);
  g_rc_box_release_full (call->job, rs_photos_page_job_clear);
  g_free (call);
}

static void
undo_entry_free (gpointer data)
{
  UndoEntry *e = data;

  g_free (e->slot_id);
  g_clear_object (&e->file);
  g_clear_object (&e->texture);
  g_clear_object (&e->report);
  g_clear_object (&e->original_texture);
  g_clear_object (&e->original_report);
  g_free (e);
}

RsProfile *
rs_photos_page_get_profile (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = session ? rs_session_get_profile (session) : NULL;

  if (profile != NULL)
    return profile;
  if (self->fallback_profile == NULL)
    self->fallback_profile = rs_profile_load_builtin ("generic", NULL);
  return self->fallback_profile;
}

const char *
rs_photos_page_get_document_type (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *type = session ? rs_session_get_document_type (session) : NULL;

  return type != NULL ? type : RS_DOC_CN_RIC;
}

/* Slot descriptions: what the slot wants, in plain words. */
static const char *
slot_description (const char *slot_id,
                  const char *document_type,
                  gboolean    selfie_with_document)
{
  gboolean mainland = g_strcmp0 (document_type, RS_DOC_CN_RIC) == 0;

  if (g_strcmp0 (slot_id, RS_SLOT_ID_FRONT) == 0)
    return mainland
      ? _("The side with your portrait. Lay the card flat on a plain, dark surface and photograph it from straight above, with all four corners in view.")
      : _("The front of the document, with your portrait. Lay it flat on a plain, dark surface and photograph it from straight above, with all four corners in view.");
  if (g_strcmp0 (slot_id, RS_SLOT_ID_BACK) == 0)
    return mainland
      ? _("The side with the national emblem, the issuing authority and the validity dates. Photograph it the same way, with all four corners in view.")
      : _("The back of the document. Photograph it the same way, with all four corners in view.");
  if (g_strcmp0 (slot_id, RS_SLOT_PASSPORT) == 0)
    return _("The page with your photo and the two lines of characters at the bottom. Open the passport flat and keep the whole page in view.");
  if (g_strcmp0 (slot_id, RS_SLOT_SELFIE) == 0)
    return selfie_with_document
      ? _("Your face and shoulders, holding the document beside your face without covering it. Face the light; no hat, mask or sunglasses.")
      : _("Your face and shoulders, looking straight at the camera. Face the light; no hat, mask or sunglasses.");
  return NULL;
}

void
rs_photos_page_store_acknowledgments (RsPhotosPage *self,
                                      RsPhotoSlot  *slot)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *slot_id = rs_photo_slot_get_slot_id (slot);
  g_autofree const char **warnings = NULL;

  if (session == NULL)
    return;
  rs_ack_photo_clear (session, slot_id);
  if (!rs_photo_slot_get_acknowledged (slot))
    return;
  warnings = rs_photo_slot_get_warning_ids (slot);
  for (guint i = 0; warnings[i] != NULL; i++)
    rs_ack_photo_set (session, slot_id, warnings[i], TRUE);
}

/* Whether the session already acknowledges every warning of the slot's
 * photo (a restored draft). */
gboolean
rs_photos_page_session_acknowledges (RsPhotosPage *self,
                                     RsPhotoSlot  *slot)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_autofree const char **warnings = rs_photo_slot_get_warning_ids (slot);

  if (session == NULL || warnings[0] == NULL)
    return FALSE;
  for (guint i = 0; warnings[i] != NULL; i++)
    if (!rs_ack_photo_get (session, rs_photo_slot_get_slot_id (slot), warnings[i]))
      return FALSE;
  return TRUE;
}

/* The two slots whose photos look swapped, when both are settled (no
 * check running): from the session's photo model, or without a session
 * from the slots' own reports. */
static gboolean
swap_offer (RsPhotosPage  *self,
            RsPhotoSlot  **a,
            RsPhotoSlot  **b)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *id_a = RS_SLOT_ID_FRONT, *id_b = RS_SLOT_ID_BACK;
  RsPhotoSlot *sa, *sb;
  RsPhotoReport *ra, *rb;

  if (session != NULL &&
      !rs_photo_set_sides_swapped (rs_photos_page_get_photo_set (self), session,
                                   rs_photos_page_get_profile (self), &id_a, &id_b))
    return FALSE;
  sa = rs_photos_page_find_slot (self, id_a);
  sb = rs_photos_page_find_slot (self, id_b);
  if (sa == NULL || sb == NULL ||
      g_hash_table_contains (self->jobs, id_a) || g_hash_table_contains (self->jobs, id_b))
    return FALSE;
  ra = rs_photo_slot_get_report (sa);
  rb = rs_photo_slot_get_report (sb);
  if (ra == NULL || rb == NULL || rs_photo_slot_get_file (sa) == NULL ||
      rs_photo_slot_get_file (sb) == NULL)
    return FALSE;
  if (session == NULL &&
      (rs_photo_report_get_content (ra) == NULL || rs_photo_report_get_content (rb) == NULL ||
       !rs_content_should_swap (rs_photo_report_get_content (ra), rs_photo_report_get_content (rb))))
    return FALSE;
  if (a != NULL)
    *a = sa;
  if (b != NULL)
    *b = sb;
  return TRUE;
}

gboolean
rs_photos_page_get_swap_offered (RsPhotosPage *self)
{
  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->swap_box);
}

void
rs_photos_page_update_set_level (RsPhotosPage *self)
{
  guint n_ready = 0;
  gboolean busy = g_hash_table_size (self->jobs) > 0;
  g_autofree char *summary = NULL;

  /* Duplicates: the same file, or the same picture (the checker's
   * set-level test, which leaves the reports as they are). */
  for (guint i = 0; i < self->slots->len; i++)
    {
      RsPhotoSlot *a = g_ptr_array_index (self->slots, i);
      RsPhotoReport *ra = rs_photo_slot_get_report (a);
      const char *dup = NULL;

      for (guint j = 0; ra != NULL && j < self->slots->len && dup == NULL; j++)
        {
          RsPhotoSlot *b = g_ptr_array_index (self->slots, j);
          RsPhotoReport *rb = rs_photo_slot_get_report (b);

          /* A slot being checked is about to change (a swap in progress
           * briefly has the same file in both). */
          if (i == j || rb == NULL ||
              g_hash_table_contains (self->jobs, rs_photo_slot_get_slot_id (b)))
            continue;
          if (g_file_equal (rs_photo_slot_get_file (a), rs_photo_slot_get_file (b)) ||
              rs_photo_report_same_photo (ra, rb))
            dup = rs_photo_slot_get_title (b);
        }
      rs_photo_slot_set_duplicate_of (a, dup);
    }
  rs_photos_page_update_details_match (self);

  /* Shown once for the set, not in each slot (each slot's own finding
   * already says which side it looks like). */
  gtk_widget_set_visible (self->swap_box, swap_offer (self, NULL, NULL));

  for (guint i = 0; i < self->slots->len; i++)
    if (rs_photo_slot_get_ready (g_ptr_array_index (self->slots, i)))
      n_ready++;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u photo is ready.",
                                          "%u of %u photos are ready.",
                                          self->slots->len),
                             n_ready, self->slots->len);
  gtk_label_set_text (self->summary_label, summary);

  rs_page_set_complete (RS_PAGE (self),
                        self->slots->len > 0 && n_ready == self->slots->len && !busy);
}

RsPhotoSlot *
rs_photos_page_find_slot (RsPhotosPage *self,
                          const char   *slot_id)
{
  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), NULL);

  for (guint i = 0; slot_id != NULL && i < self->slots->len; i++)
    {
      RsPhotoSlot *slot = g_ptr_array_index (self->slots, i);
      if (g_strcmp0 (rs_photo_slot_get_slot_id (slot), slot_id) == 0)
        return slot;
    }
  return NULL;
}

static void
on_files_dropped (RsPhotoSlot  *slot,
                  GPtrArray    *files,
                  RsPhotosPage *self)
{
  rs_photos_page_add_files (self, (GFile **) files->pdata, files->len,
                            rs_photo_slot_get_slot_id (slot));
}

static void
on_acknowledged_changed (RsPhotoSlot  *slot,
                         RsPhotosPage *self)
{
  rs_photos_page_store_acknowledgments (self, slot);
  rs_photos_page_update_set_level (self);
}

static void
rebuild_slots (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = rs_photos_page_get_profile (self);
  const char *doc_type = rs_photos_page_get_document_type (self);
  g_auto(GStrv) ids = NULL;

  if (profile != NULL)
    ids = rs_profile_get_slots (profile, doc_type);
  if (ids == NULL || ids[0] == NULL)
    {
      /* The profile does not list this document: ask for both sides. */
      const char *fallback[] = { RS_SLOT_ID_FRONT, RS_SLOT_ID_BACK, NULL };
      g_strfreev (ids);
      ids = g_strdupv ((char **) fallback);
    }

  if (self->slot_ids != NULL && g_strv_equal ((const char * const *) self->slot_ids,
                                              (const char * const *) ids) &&
      g_strcmp0 (self->document_type, doc_type) == 0)
    return;

  g_hash_table_remove_all (self->jobs);
  g_ptr_array_set_size (self->undo, 0);
  for (guint i = 0; i < self->slots->len; i++)
    gtk_box_remove (self->slots_box, g_ptr_array_index (self->slots, i));
  g_ptr_array_set_size (self->slots, 0);

  g_strfreev (self->slot_ids);
  self->slot_ids = g_steal_pointer (&ids);
  g_free (self->document_type);
  self->document_type = g_strdup (doc_type);

  for (guint i = 0; self->slot_ids[i] != NULL; i++)
    {
      const char *id = self->slot_ids[i];
      gboolean with_document = profile && rs_profile_get_selfie_with_document (profile);
      GtkWidget *slot = rs_photo_slot_new (id, rs_slot_get_name_for_document (id, doc_type),
                                           slot_description (id, doc_type, with_document));
      const char *path = session ? rs_session_get_photo (session, id) : NULL;

      rs_photo_slot_set_camera_available (RS_PHOTO_SLOT (slot), self->camera_available);
      if (g_str_equal (id, RS_SLOT_SELFIE) && with_document)
        rs_photo_slot_set_example (RS_PHOTO_SLOT (slot), RS_SLOT_EXAMPLE_SELFIE_WITH_DOCUMENT);
      rs_photo_slot_set_rejection_first (RS_PHOTO_SLOT (slot),
                                         session && rs_session_has_reason (session, RS_REASON_PHOTO));
      g_signal_connect_object (slot, "files-dropped", G_CALLBACK (on_files_dropped), self, 0);
      g_signal_connect_object (slot, "acknowledged-changed",
                               G_CALLBACK (on_acknowledged_changed), self, 0);
      gtk_box_append (self->slots_box, slot);
      g_ptr_array_add (self->slots, g_object_ref_sink (slot));

      /* A photo chosen earlier (draft): check it again. */
      if (path != NULL && *path != '\0')
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);
          rs_photos_page_start_check (self, RS_PHOTO_SLOT (slot), file, ORIGIN_RESTORE, NULL, NULL);
        }
    }
  rs_photos_page_update_set_level (self);
}

static void
update_reason (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  gboolean photo_reason = session && rs_session_has_reason (session, RS_REASON_PHOTO);

  gtk_widget_set_visible (GTK_WIDGET (self->rejection_label), photo_reason);
  for (guint i = 0; i < self->slots->len; i++)
    rs_photo_slot_set_rejection_first (g_ptr_array_index (self->slots, i), photo_reason);
}

/* Adding files */

static gboolean
slot_is_free (RsPhotosPage *self,
              RsPhotoSlot  *slot)
{
  return rs_photo_slot_get_file (slot) == NULL &&
         !g_hash_table_contains (self->jobs, rs_photo_slot_get_slot_id (slot));
}

guint
rs_photos_page_add_files (RsPhotosPage  *self,
                          GFile        **files,
                          guint          n_files,
                          const char    *target_slot)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  RsPhotoSlot *target;
  guint n_taken;

  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), 0);
  g_return_val_if_fail (files != NULL || n_files == 0, 0);

  if (n_files == 0)
    return 0;
  if (self->slots->len == 0)
    rebuild_slots (self);

  target = rs_photos_page_find_slot (self, target_slot);
  if (n_files == 1 && target != NULL)
    g_ptr_array_add (targets, target);
  else
    {
      /* Several files (or none aimed): the empty slots in order, starting
       * with the aimed-at slot when it is empty. */
      if (target != NULL && slot_is_free (self, target))
        g_ptr_array_add (targets, target);
      for (guint i = 0; i < self->slots->len && targets->len < n_files; i++)
        {
          RsPhotoSlot *slot = g_ptr_array_index (self->slots, i);
          if (slot != target && slot_is_free (self, slot))
            g_ptr_array_add (targets, slot);
        }
    }

  n_taken = MIN (targets->len, n_files);
  for (guint i = 0; i < n_taken; i++)
    {
      RsPhotoSlot *slot = g_ptr_array_index (targets, i);
      Origin origin = rs_photo_slot_get_file (slot) ? ORIGIN_REPLACE : ORIGIN_ADD;
      rs_photos_page_start_check (self, slot, files[i], origin, NULL, NULL);
    }

  if (n_taken < n_files)
    {
      g_autofree char *msg = NULL;
      guint left = n_files - n_taken;

      if (n_taken == 0)
        msg = g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                     "Not added: every item already has a photo. Use “Replace” to change one.",
                                     "Not added: every item already has a photo. Use “Replace” to change one.",
                                     n_files));
      else
        msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u file not added: no empty item was left for it.",
                                            "%u files not added: no empty item was left for them.",
                                            left),
                               left);
      rs_photos_page_show_message (self, msg, FALSE);
    }
  return n_taken;
}

void
rs_photos_page_remove (RsPhotosPage *self,
                       const char   *slot_id)
{
  RsPhotoSlot *slot;

  g_return_if_fail (RS_IS_PHOTOS_PAGE (self));

  slot = rs_photos_page_find_slot (self, slot_id);
  if (slot == NULL)
    return;
  g_hash_table_remove (self->jobs, slot_id);
  rs_photo_slot_set_busy (slot, FALSE, NULL);
  rs_photo_slot_set_error (slot, NULL);
  if (rs_photo_slot_get_file (slot) == NULL)
    {
      rs_photos_page_update_set_level (self);
      return;
    }
  rs_photos_page_push_undo (self, slot);
  rs_photos_page_slot_commit (self, slot, NULL, NULL, NULL, NULL, NULL, FALSE);
  rs_photos_page_update_set_level (self);
  rs_photos_page_show_message (self, _("Photo removed."), TRUE);
}

gboolean
rs_photos_page_undo (RsPhotosPage *self)
{
  gboolean undone = FALSE;
  gboolean more = TRUE;

  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), FALSE);

  while (more && self->undo->len > 0)
    {
      UndoEntry *e = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
      RsPhotoSlot *slot = rs_photos_page_find_slot (self, e->slot_id);

      more = e->with_previous;
      if (slot != NULL)
        {
          g_hash_table_remove (self->jobs, e->slot_id);
          rs_photo_slot_set_busy (slot, FALSE, NULL);
          rs_photo_slot_set_error (slot, NULL);
          rs_photos_page_slot_commit (self, slot, e->file, e->texture, e->report,
                                      e->original_texture, e->original_report, e->acknowledged);
          undone = TRUE;
        }
      undo_entry_free (e);
    }
  if (undone)
    rs_photos_page_update_set_level (self);
  return undone;
}

gboolean
rs_photos_page_swap_sides (RsPhotosPage *self)
{
  RsPhotoSlot *a, *b;
  g_autoptr(GFile) file_a = NULL, file_b = NULL;
  g_autoptr(GdkTexture) texture_a = NULL, texture_b = NULL;
  g_autofree char *msg = NULL;
  UndoEntry *second;

  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), FALSE);

  if (!swap_offer (self, &a, &b))
    return FALSE;
  file_a = g_object_ref (rs_photo_slot_get_file (a));
  file_b = g_object_ref (rs_photo_slot_get_file (b));
  g_set_object (&texture_a, rs_photo_slot_get_texture (a));
  g_set_object (&texture_b, rs_photo_slot_get_texture (b));

  rs_photos_page_push_undo (self, a);
  rs_photos_page_push_undo (self, b);
  second = g_ptr_array_index (self->undo, self->undo->len - 1);
  second->with_previous = TRUE;

  /* Each file is checked for its new slot's kind (the photo set keeps the
   * old reports, so Undo and a second swap check nothing); the previews
   * are the ones already shown. */
  rs_photos_page_start_check_with_preview (self, a, file_b, ORIGIN_SWAP, texture_b);
  rs_photos_page_start_check_with_preview (self, b, file_a, ORIGIN_SWAP, texture_a);

  /* The offer's button goes away: keep the keyboard on the first slot. */
  rs_photo_slot_focus (a);
  msg = g_strdup_printf (_("Photos swapped: “%s” and “%s” now have each other’s photo. They are checked again for their new places."),
                         rs_photo_slot_get_title (a), rs_photo_slot_get_title (b));
  rs_photos_page_show_message (self, msg, TRUE);
  return TRUE;
}

/* Messages and undo */

static void
on_toast_undo (AdwToast     *toast,
               RsPhotosPage *self)
{
  rs_photos_page_undo (self);
}

void
rs_photos_page_show_message (RsPhotosPage *self,
                             const char   *message,
                             gboolean      with_undo)
{
  AdwToastOverlay *overlay = rs_page_get_window_toast_overlay (RS_PAGE (self));
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  if (overlay == NULL)
    return;

  /* Toast titles are Pango markup in libadwaita 1.2, and messages may name
   * files (“Tom & Jerry.jpg”). */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo), self, 0);
    }
  adw_toast_overlay_add_toast (overlay, toast);
}

const char *
rs_photos_page_get_last_message (RsPhotosPage *self)
{
  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), NULL);
  return self->last_message;
}

/* Actions */

static void
action_choose (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rs_photos_page_choose_file (RS_PHOTOS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
action_take_photo (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (widget);

  if (self->camera_available)
    g_signal_emit (self, signals[TAKE_PHOTO], 0, g_variant_get_string (parameter, NULL));
}

static void
action_remove (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rs_photos_page_remove (RS_PHOTOS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
action_rotate (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rs_photos_page_rotate (RS_PHOTOS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
action_straighten (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rs_photos_page_straighten (RS_PHOTOS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
action_paste (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (widget);

  rs_photos_page_paste (self, rs_photos_page_focused_slot_id (self));
}

static void
action_swap (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rs_photos_page_swap_sides (RS_PHOTOS_PAGE (widget));
}

static void
action_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rs_photos_page_undo (RS_PHOTOS_PAGE (widget));
}

/* The profile, the document type or the reasons changed. */
static void
on_session_part_changed (RsSession    *session,
                         GParamSpec   *pspec,
                         RsPhotosPage *self)
{
  update_reason (self);
  /* Slots follow the profile and document type; rebuilding is a no-op
   * while those stay the same. */
  if (self->slot_ids != NULL)
    rebuild_slots (self);
}

/* Shows the session's photo for @slot_id when someone else (a resumed
 * draft, an opened bundle, the Review step) changed it.  The page's own
 * commits leave the slot and the session alike, so they do nothing here. */
static void
sync_photo (RsPhotosPage *self,
            const char   *slot_id)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsPhotoSlot *slot = rs_photos_page_find_slot (self, slot_id);
  const char *path = session != NULL ? rs_session_get_photo (session, slot_id) : NULL;
  Job *job = g_hash_table_lookup (self->jobs, slot_id);
  GFile *shown;
  g_autoptr(GFile) file = NULL;

  if (slot == NULL)
    return;
  shown = job != NULL ? job->file : rs_photo_slot_get_file (slot);
  if (path == NULL || *path == '\0')
    {
      if (shown == NULL)
        return;
      g_hash_table_remove (self->jobs, slot_id);
      rs_photo_slot_set_busy (slot, FALSE, NULL);
      rs_photo_slot_set_error (slot, NULL);
      rs_photo_slot_set_photo (slot, NULL, NULL, NULL, NULL, NULL);
      rs_photos_page_update_set_level (self);
      return;
    }
  file = g_file_new_for_path (path);
  if (shown != NULL && g_file_equal (shown, file))
    return;
  rs_photos_page_start_check (self, slot, file, ORIGIN_RESTORE, NULL, NULL);
}

static void
on_session_photo_changed (RsSession    *session,
                          const char   *slot_id,
                          RsPhotosPage *self)
{
  /* Hidden, the page catches up when shown: a photo the Review step tries
   * in a slot is not decoded for a preview nobody sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->photos_stale = TRUE;
  else
    sync_photo (self, slot_id);
}

/* RsPage */

static void
rs_photos_page_shown (RsPage *page)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (page);

  rebuild_slots (self);
  if (self->photos_stale)
    {
      self->photos_stale = FALSE;
      for (guint i = 0; self->slot_ids != NULL && self->slot_ids[i] != NULL; i++)
        sync_photo (self, self->slot_ids[i]);
    }
  update_reason (self);
  rs_photos_page_take_pending_files (self);
}

static gboolean
rs_photos_page_focus_item (RsPage     *page,
                           const char *item_id)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (page);
  RsPhotoSlot *slot;
  g_auto(GStrv) parts = NULL;

  /* "id-front" or "photo:id-front:glare" (an acknowledgment key). */
  parts = g_strsplit (item_id, ":", 3);
  if (parts[0] == NULL)
    return FALSE;
  slot = rs_photos_page_find_slot (self, g_str_equal (parts[0], "photo") && parts[1] ? parts[1] : parts[0]);
  if (slot == NULL)
    return FALSE;
  return rs_photo_slot_focus (slot);
}

static void
rs_photos_page_constructed (GObject *object)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (object);
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (rs_photos_page_parent_class)->constructed (object);

  if (session != NULL)
    {
      const char *parts[] = { "notify::profile", "notify::document-type", "notify::reasons" };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        g_signal_connect_object (session, parts[i], G_CALLBACK (on_session_part_changed), self, 0);
      g_signal_connect_object (session, "photo-changed", G_CALLBACK (on_session_photo_changed),
                               self, 0);
      g_signal_connect_object (session, "field-changed", G_CALLBACK (rs_photos_page_field_changed),
                               self, 0);
    }
  if (RS_IS_APPLICATION (app))
    g_signal_connect_object (app, "files-opened", G_CALLBACK (rs_photos_page_files_opened), self, 0);

  rebuild_slots (self);
  update_reason (self);
}

static void
rs_photos_page_dispose (GObject *object)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (object);

  /* Cancels whatever is still running. */
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_object (&self->fallback_profile);
  g_clear_object (&self->own_photo_set);
  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_PHOTOS_PAGE);

  G_OBJECT_CLASS (rs_photos_page_parent_class)->dispose (object);
}

static void
rs_photos_page_finalize (GObject *object)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (object);

  g_strfreev (self->slot_ids);
  g_free (self->document_type);
  g_free (self->last_message);

  G_OBJECT_CLASS (rs_photos_page_parent_class)->finalize (object);
}

static void
rs_photos_page_class_init (RsPhotosPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RsPageClass *page_class = RS_PAGE_CLASS (klass);

  object_class->constructed = rs_photos_page_constructed;
  object_class->dispose = rs_photos_page_dispose;
  object_class->finalize = rs_photos_page_finalize;
  page_class->shown = rs_photos_page_shown;
  page_class->focus_item = rs_photos_page_focus_item;

  /**
   * RsPhotosPage::take-photo:
   * @slot_id: the slot to fill
   *
   * Camera hook: emitted by a slot's "Take Photo" button, which is only
   * shown after rs_photos_page_set_camera_available().
   */
  signals[TAKE_PHOTO] = g_signal_new ("take-photo",
                                      G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RS_TYPE_PHOTO_SLOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/pages/rs-photos-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsPhotosPage, rejection_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotosPage, slots_box);
  gtk_widget_class_bind_template_child (widget_class, RsPhotosPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotosPage, swap_box);
  gtk_widget_class_bind_template_child (widget_class, RsPhotosPage, swap_button);

  gtk_widget_class_install_action (widget_class, "photos.choose", "s", action_choose);
  gtk_widget_class_install_action (widget_class, "photos.take-photo", "s", action_take_photo);
  gtk_widget_class_install_action (widget_class, "photos.remove", "s", action_remove);
  gtk_widget_class_install_action (widget_class, "photos.rotate", "s", action_rotate);
  gtk_widget_class_install_action (widget_class, "photos.straighten", "s", action_straighten);
  gtk_widget_class_install_action (widget_class, "photos.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "photos.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "photos.swap", NULL, action_swap);
  gtk_widget_class_install_action (widget_class, "photos.go-to-field", "s", rs_photos_page_action_go_to_field);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "photos.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "photos.undo", NULL);
}

static void
rs_photos_page_init (RsPhotosPage *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, job_cancel_unref);
  self->undo = g_ptr_array_new_with_free_func (undo_entry_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  rs_page_set_title (RS_PAGE (self), _("Photos"));
}

GtkWidget *
rs_photos_page_new (RsSession *session)
{
  return g_object_new (RS_TYPE_PHOTOS_PAGE, "session", session, NULL);
}

guint
rs_photos_page_get_n_slots (RsPhotosPage *self)
{
  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), 0);
  return self->slots->len;
}

RsPhotoSlot *
rs_photos_page_get_slot (RsPhotosPage *self,
                         guint         index)
{
  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->slots->len, NULL);
  return g_ptr_array_index (self->slots, index);
}

gboolean
rs_photos_page_get_busy (RsPhotosPage *self)
{
  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), FALSE);
  return g_hash_table_size (self->jobs) > 0;
}

void
rs_photos_page_set_camera_available (RsPhotosPage *self,
                                     gboolean      available)
{
  g_return_if_fail (RS_IS_PHOTOS_PAGE (self));

  self->camera_available = !!available;
  for (guint i = 0; i < self->slots->len; i++)
    rs_photo_slot_set_camera_available (g_ptr_array_index (self->slots, i), available);
}
