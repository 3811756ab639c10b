/* rs-photos-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photos-page.h"

#include <glib/gi18n.h>

#include "rs-ack.h"
#include "rs-application.h"
#include "rs-fix.h"
#include "rs-image.h"
#include "rs-photo-check.h"
#include "rs-photo-set.h"
#include "widgets/rs-slot-example.h"

/* Long side of the preview image decoded for display. */
#define PREVIEW_SIZE 1600
/* Extra space, in percent of the image side, that straightening leaves
 * beyond the profile’s minimum margin: the found outline can be off by a
 * percent or two, and the result must still pass the margin check. */
#define STRAIGHTEN_EXTRA_MARGIN 4.0

typedef enum {
  ORIGIN_ADD,        /* a new photo into an empty slot */
  ORIGIN_REPLACE,    /* a new photo over an existing one */
  ORIGIN_RESTORE,    /* from the session (draft) */
  ORIGIN_ROTATE,
  ORIGIN_STRAIGHTEN,
} Origin;

/* A running check or fix of one slot.  Reference counted: the page's job
 * table holds one reference (dropping it cancels the job), the running
 * operation another. */
typedef struct {
  char          *slot_id;
  GFile         *file;
  Origin         origin;
  GCancellable  *cancellable;
  /* For fixes: the photo before any fix, for before/after. */
  GdkTexture    *original_texture;
  RsPhotoReport *original_report;
} Job;

/* A check handed to the session's photo model. */
typedef struct {
  RsPhotosPage  *self; /* owned */
  Job           *job;  /* owned */
} CheckCall;

/* What a slot held before a replace, remove or fix. */
typedef struct {
  char          *slot_id;
  GFile         *file;
  GdkTexture    *texture;
  RsPhotoReport *report;
  GdkTexture    *original_texture;
  RsPhotoReport *original_report;
  gboolean       acknowledged;
} UndoEntry;

struct _RsPhotosPage
{
  RsPage         parent_instance;

  GtkLabel      *rejection_label;
  GtkBox        *slots_box;
  GtkLabel      *summary_label;

  GPtrArray     *slots;       /* RsPhotoSlot, in order */
  GHashTable    *jobs;        /* slot id → Job* (owned) */
  GPtrArray     *undo;        /* UndoEntry*, last is newest */
  RsProfile     *fallback_profile;
  RsPhotoSet    *own_photo_set; /* without a session only */
  char         **slot_ids;
  char          *document_type;
  char          *last_message;
  gboolean       camera_available;
  gboolean       photos_stale; /* the session's photos changed while hidden */
  gulong         files_opened_id;
};

G_DEFINE_FINAL_TYPE (RsPhotosPage, rs_photos_page, RS_TYPE_PAGE)

enum {
  TAKE_PHOTO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_check (RsPhotosPage *self,
                         RsPhotoSlot  *slot,
                         GFile        *file,
                         Origin        origin,
                         GdkTexture   *original_texture,
                         RsPhotoReport *original_report);

static void
job_clear (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->cancellable);
  g_clear_object (&job->file);
  g_clear_object (&job->original_texture);
  g_clear_object (&job->original_report);
  g_free (job->slot_id);
}

static Job *
job_new (RsPhotoSlot   *slot,
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

static void
job_unref (Job *job)
{
  g_rc_box_release_full (job, job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

/* The job table's value destructor: a job dropped from the table is
 * cancelled (replaced, removed, page gone). */
static void
job_cancel_unref (gpointer data)
{
  Job *job = data;

  g_cancellable_cancel (job->cancellable);
  job_unref (job);
}

typedef struct {
  RsPhotosPage *page;
  Job          *job;
} FixCall;

static void
check_call_free (CheckCall *call)
{
  g_object_unref (call->self);
  g_rc_box_release_full (call->job, job_clear);
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

static RsProfile *
get_profile (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = session ? rs_session_get_profile (session) : NULL;

  if (profile != NULL)
    return profile;
  if (self->fallback_profile == NULL)
    self->fallback_profile = rs_profile_load_builtin ("generic", NULL);
  return self->fallback_profile;
}

static const char *
get_document_type (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *type = session ? rs_session_get_document_type (session) : NULL;

  return type != NULL ? type : RS_DOC_CN_RIC;
}

static void
show_message (RsPhotosPage *self,
              const char   *message,
              gboolean      with_undo);

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

static void
store_acknowledgments (RsPhotosPage *self,
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
static gboolean
session_acknowledges (RsPhotosPage *self,
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

static void
update_set_level (RsPhotosPage *self)
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

          if (i == j || rb == NULL)
            continue;
          if (g_file_equal (rs_photo_slot_get_file (a), rs_photo_slot_get_file (b)) ||
              rs_photo_report_same_photo (ra, rb))
            dup = rs_photo_slot_get_title (b);
        }
      rs_photo_slot_set_duplicate_of (a, dup);
    }

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
  store_acknowledgments (self, slot);
  update_set_level (self);
}

static void
rebuild_slots (RsPhotosPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = get_profile (self);
  const char *doc_type = get_document_type (self);
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
          start_check (self, RS_PHOTO_SLOT (slot), file, ORIGIN_RESTORE, NULL, NULL);
        }
    }
  update_set_level (self);
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

/* Checking */

static void
push_undo (RsPhotosPage *self,
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
static void
slot_commit (RsPhotosPage  *self,
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
  store_acknowledgments (self, slot);
}

/* The session's photo model; a page without a session has its own. */
static RsPhotoSet *
get_photo_set (RsPhotosPage *self)
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
      check_call_free (call);
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
      show_message (self, msg, FALSE);
      update_set_level (self);
      check_call_free (call);
      return;
    }

  texture = gdk_texture_new_for_pixbuf (preview);

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
  if (job->origin != ORIGIN_ADD && job->origin != ORIGIN_RESTORE &&
      rs_photo_slot_get_file (slot) != NULL)
    push_undo (self, slot);

  rs_photo_slot_set_error (slot, NULL);
  if (job->origin == ORIGIN_RESTORE)
    {
      /* Keep the session's acknowledgments: the user gave them for this
       * very photo. */
      rs_photo_slot_set_photo (slot, job->file, texture, report, NULL, NULL);
      rs_photo_slot_set_acknowledged (slot, session_acknowledges (self, slot));
    }
  else
    slot_commit (self, slot, job->file, texture, report,
                 job->original_texture, job->original_report, FALSE);

  g_hash_table_remove (self->jobs, job->slot_id);
  rs_photo_slot_set_busy (slot, FALSE, NULL);
  update_set_level (self);

  if (done_message != NULL)
    show_message (self, done_message, TRUE);
  check_call_free (call);
}

static void
start_check (RsPhotosPage  *self,
             RsPhotoSlot   *slot,
             GFile         *file,
             Origin         origin,
             GdkTexture    *original_texture,
             RsPhotoReport *original_report)
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
      show_message (self, msg, FALSE);
      return;
    }

  job = job_new (slot, file, origin, original_texture, original_report);
  /* Replaces (and so cancels) a check still running for this slot. */
  g_hash_table_replace (self->jobs, g_strdup (job->slot_id), job);

  rs_photo_slot_set_busy (slot, TRUE, _("Checking the photo…"));
  update_set_level (self);

  /* The model checks each file once (a restored draft's photo it already
   * checked is only decoded for its preview). */
  call = g_new0 (CheckCall, 1);
  call->self = g_object_ref (self);
  call->job = g_rc_box_acquire (job);
  rs_photo_set_check_async (get_photo_set (self), job->slot_id, path, get_profile (self),
                            PREVIEW_SIZE, job->cancellable, on_check_done, call);
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
      start_check (self, slot, files[i], origin, NULL, NULL);
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
      show_message (self, msg, FALSE);
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
      update_set_level (self);
      return;
    }
  push_undo (self, slot);
  slot_commit (self, slot, NULL, NULL, NULL, NULL, NULL, FALSE);
  update_set_level (self);
  show_message (self, _("Photo removed."), TRUE);
}

gboolean
rs_photos_page_undo (RsPhotosPage *self)
{
  UndoEntry *e;
  RsPhotoSlot *slot;

  g_return_val_if_fail (RS_IS_PHOTOS_PAGE (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  e = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  slot = rs_photos_page_find_slot (self, e->slot_id);
  if (slot != NULL)
    {
      g_hash_table_remove (self->jobs, e->slot_id);
      rs_photo_slot_set_busy (slot, FALSE, NULL);
      rs_photo_slot_set_error (slot, NULL);
      slot_commit (self, slot, e->file, e->texture, e->report,
                   e->original_texture, e->original_report, e->acknowledged);
      update_set_level (self);
    }
  undo_entry_free (e);
  return slot != NULL;
}

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
      show_message (self, error->message, FALSE);
      update_set_level (self);
    }
  else
    start_check (self, slot, fixed, job->origin, job->original_texture, job->original_report);
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
  job = job_new (slot, rs_photo_slot_get_file (slot), origin,
                 orig ? orig : rs_photo_slot_get_texture (slot),
                 orig ? orig_report : rs_photo_slot_get_report (slot));
  g_hash_table_replace (self->jobs, g_strdup (job->slot_id), job);

  rs_photo_slot_set_busy (slot, TRUE, origin == ORIGIN_ROTATE ? _("Rotating…") : _("Straightening…"));
  update_set_level (self);

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
      show_message (self, _("The document’s outline was not found in full, so the photo cannot be straightened. Take the photo again with all four corners in view."), FALSE);
      return;
    }

  profile = get_profile (self);
  margin = (profile ? rs_profile_get_min_margin_percent (profile) : 2.0) + STRAIGHTEN_EXTRA_MARGIN;
  max_long = profile ? rs_profile_get_max_long_side (profile) : 0;
  min_short = profile ? rs_profile_get_min_short_side (profile) : 0;

  call = start_fix_job (self, slot, ORIGIN_STRAIGHTEN);
  rs_fix_straighten_file_async (call->job->file, &quad,
                                rs_fix_aspect_for_document (get_document_type (self)),
                                margin, min_short, max_long, call->job->cancellable,
                                on_fix_done, call);
}

/* Messages and undo */

static void
on_toast_undo (AdwToast     *toast,
               RsPhotosPage *self)
{
  rs_photos_page_undo (self);
}

static void
show_message (RsPhotosPage *self,
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

/* Paste */

static void
save_texture_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (GDK_TEXTURE (task_data));
  GError *error = NULL;
  GFile *file = rs_fix_write_private ("pasted", "pasted", "png", png, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

static void
on_pasted_texture_saved (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (source);
  g_autofree char *target = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    {
      show_message (self, error->message, FALSE);
      return;
    }
  rs_photos_page_add_files (self, &file, 1, target);
}

/* An asynchronous request (paste, file chooser) aimed at a slot. */
typedef struct {
  RsPhotosPage *page;
  char         *target;
} SlotCall;

static void
slot_call_free (SlotCall *call)
{
  g_object_unref (call->page);
  g_free (call->target);
  g_free (call);
}

static void
on_clipboard_texture (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SlotCall *call = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (texture == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not paste the image: %s"), error->message);
      show_message (call->page, msg, FALSE);
      slot_call_free (call);
      return;
    }
  /* Encoding a large image takes a moment: off the main thread. */
  task = g_task_new (call->page, NULL, on_pasted_texture_saved, g_strdup (call->target));
  g_task_set_task_data (task, g_object_ref (texture), g_object_unref);
  g_task_run_in_thread (task, save_texture_thread);
  slot_call_free (call);
}

static void
on_clipboard_files (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SlotCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
      g_ptr_array_add (files, g_object_ref (l->data));

  if (files->len == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not paste the files: %s"),
                                              error ? error->message : _("the clipboard is empty"));
      show_message (call->page, msg, FALSE);
    }
  else
    rs_photos_page_add_files (call->page, (GFile **) files->pdata, files->len, call->target);
  slot_call_free (call);
}

void
rs_photos_page_paste (RsPhotosPage *self,
                      const char   *target_slot)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;
  SlotCall *call;

  g_return_if_fail (RS_IS_PHOTOS_PAGE (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);
  call = g_new0 (SlotCall, 1);
  call->page = g_object_ref (self);
  call->target = g_strdup (target_slot);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    NULL, on_clipboard_files, call);
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, NULL, on_clipboard_texture, call);
  else
    {
      show_message (self, _("There is no image or photo file on the clipboard to paste. Copy a photo first."), FALSE);
      slot_call_free (call);
    }
}

/* The slot the keyboard focus is in, if any. */
static const char *
focused_slot_id (RsPhotosPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *slot = focus ? gtk_widget_get_ancestor (focus, RS_TYPE_PHOTO_SLOT) : NULL;

  return slot ? rs_photo_slot_get_slot_id (RS_PHOTO_SLOT (slot)) : NULL;
}

/* File chooser */


static void
add_file_list (RsPhotosPage *self,
               GListModel   *list,
               const char   *target)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = list ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (list, i));
  rs_photos_page_add_files (self, (GFile **) files->pdata, files->len, target);
}

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/heif");
  gtk_file_filter_add_mime_type (filter, "image/heic");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "webp");
  gtk_file_filter_add_suffix (filter, "heic");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* The build pins GDK_VERSION_MAX_ALLOWED to 4.8, so newer API is marked
 * unavailable; where GtkFileDialog exists it is the right choice anyway. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_file_dialog_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SlotCall *call = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);
  if (files != NULL)
    add_file_list (call->page, files, call->target);
  slot_call_free (call);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
on_file_chooser_response (GtkNativeDialog *dialog,
                          int              response,
                          SlotCall      *call)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      add_file_list (call->page, files, call->target);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  slot_call_free (call);
}
#endif

static void
choose_file (RsPhotosPage *self,
             const char   *slot_id)
{
  RsPhotoSlot *slot = rs_photos_page_find_slot (self, slot_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = image_filter ();
  g_autofree char *title = NULL;
  SlotCall *call = g_new0 (SlotCall, 1);

  call->page = g_object_ref (self);
  call->target = g_strdup (slot_id);
  title = g_strdup_printf (_("Choose a Photo: %s"),
                           slot ? rs_photo_slot_get_title (slot) : _("Photos"));

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_open_multiple (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   NULL, on_file_dialog_done, call);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *dialog;

    dialog = gtk_file_chooser_native_new (title,
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                          _("_Open"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
    g_signal_connect (dialog, "response", G_CALLBACK (on_file_chooser_response), call);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}

/* Actions */

static void
action_choose (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (RS_PHOTOS_PAGE (widget), g_variant_get_string (parameter, NULL));
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

  rs_photos_page_paste (self, focused_slot_id (self));
}

static void
action_undo (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rs_photos_page_undo (RS_PHOTOS_PAGE (widget));
}

/* Files opened with the app */

static void
take_pending_files (RsPhotosPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GPtrArray) files = NULL;

  if (!RS_IS_APPLICATION (app) || rs_application_get_n_pending_files (RS_APPLICATION (app)) == 0)
    return;
  files = rs_application_take_pending_files (RS_APPLICATION (app));
  rs_photos_page_add_files (self, (GFile **) files->pdata, files->len, NULL);
}

static void
on_files_opened (GApplication *app,
                 RsPhotosPage *self)
{
  /* Only while the step is on screen: the slots depend on the document
   * chosen on earlier steps.  Otherwise they wait for shown(). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    take_pending_files (self);
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
      update_set_level (self);
      return;
    }
  file = g_file_new_for_path (path);
  if (shown != NULL && g_file_equal (shown, file))
    return;
  start_check (self, slot, file, ORIGIN_RESTORE, NULL, NULL);
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
  take_pending_files (self);
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
    }
  if (RS_IS_APPLICATION (app))
    g_signal_connect_object (app, "files-opened", G_CALLBACK (on_files_opened), self, 0);

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

  gtk_widget_class_install_action (widget_class, "photos.choose", "s", action_choose);
  gtk_widget_class_install_action (widget_class, "photos.take-photo", "s", action_take_photo);
  gtk_widget_class_install_action (widget_class, "photos.remove", "s", action_remove);
  gtk_widget_class_install_action (widget_class, "photos.rotate", "s", action_rotate);
  gtk_widget_class_install_action (widget_class, "photos.straighten", "s", action_straighten);
  gtk_widget_class_install_action (widget_class, "photos.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "photos.undo", NULL, action_undo);
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
