/* rs-photo-set.c: the photos of a session and what the checker found in
 * them, computed once per photo and per change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rs-photo-set.h"
#include "rs-image.h"
#include "rs-content.h"

/* What identifies one version of a photo: a file replaced in place (a fix
 * writes a new file, but a user may overwrite one) is checked again. */
typedef struct {
  char   *path;
  char   *profile_id;
  gint64  mtime;
  gint64  size;
} Stamp;

/* One checked version of a slot's photo. */
typedef struct {
  Stamp          stamp;
  RsPhotoReport *report; /* NULL: the file could not be checked */
  GError        *error;
} Result;

/* A slot keeps the results of the last few files it held, so that putting
 * a photo back (undo, Review's own tests, a replace cancelled) does not
 * check it again. */
#define MAX_RESULTS_PER_SLOT 4

typedef struct {
  GPtrArray *results; /* Result*, newest first */
  guint      serial;  /* of the newest request for the slot */
} Entry;

struct _RsPhotoSet
{
  GObject     parent_instance;

  GHashTable *entries; /* slot → Entry* */
  guint       serial;
};

G_DEFINE_FINAL_TYPE (RsPhotoSet, rs_photo_set, G_TYPE_OBJECT)

enum {
  REPORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stamp_clear (Stamp *stamp)
{
  g_clear_pointer (&stamp->path, g_free);
  g_clear_pointer (&stamp->profile_id, g_free);
}

static void
stamp_init (Stamp      *stamp,
            const char *path,
            RsProfile  *profile)
{
  GStatBuf st;

  stamp->path = g_strdup (path);
  stamp->profile_id = g_strdup (profile != NULL ? rs_profile_get_id (profile) : "");
  stamp->mtime = 0;
  stamp->size = -1;
  if (g_stat (path, &st) == 0)
    {
      stamp->mtime = (gint64) st.st_mtime;
      stamp->size = (gint64) st.st_size;
    }
}

static gboolean
stamp_equal (const Stamp *a,
             const Stamp *b)
{
  return g_strcmp0 (a->path, b->path) == 0 &&
         g_strcmp0 (a->profile_id, b->profile_id) == 0 &&
         a->mtime == b->mtime && a->size == b->size;
}

static void
result_free (gpointer data)
{
  Result *result = data;

  stamp_clear (&result->stamp);
  g_clear_object (&result->report);
  g_clear_error (&result->error);
  g_free (result);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_ptr_array_unref (entry->results);
  g_free (entry);
}

static Entry *
ensure_entry (RsPhotoSet *self,
              const char *slot)
{
  Entry *entry = g_hash_table_lookup (self->entries, slot);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->results = g_ptr_array_new_with_free_func (result_free);
      g_hash_table_insert (self->entries, g_strdup (slot), entry);
    }
  return entry;
}

static void
rs_photo_set_finalize (GObject *object)
{
  RsPhotoSet *self = RS_PHOTO_SET (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  G_OBJECT_CLASS (rs_photo_set_parent_class)->finalize (object);
}

static void
rs_photo_set_class_init (RsPhotoSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_photo_set_finalize;

  /**
   * RsPhotoSet::report-changed:
   * @slot: the slot whose report was stored or forgotten
   */
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rs_photo_set_init (RsPhotoSet *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

RsPhotoSet *
rs_photo_set_new (void)
{
  return g_object_new (RS_TYPE_PHOTO_SET, NULL);
}

RsPhotoSet *
rs_photo_set_for_session (RsSession *session)
{
  RsPhotoSet *set;

  g_return_val_if_fail (RS_IS_SESSION (session), NULL);

  set = rs_session_get_photo_set (session);
  if (set == NULL)
    {
      g_autoptr(RsPhotoSet) created = rs_photo_set_new ();

      rs_session_set_photo_set (session, created);
      set = created;
    }
  return set;
}

static Result *
lookup_result (RsPhotoSet *self,
               const char *slot,
               const char *path,
               RsProfile  *profile)
{
  Entry *entry = g_hash_table_lookup (self->entries, slot);
  Stamp stamp = { 0 };
  Result *found = NULL;

  if (entry == NULL || path == NULL)
    return NULL;
  stamp_init (&stamp, path, profile);
  for (guint i = 0; found == NULL && i < entry->results->len; i++)
    {
      Result *result = g_ptr_array_index (entry->results, i);

      if (stamp_equal (&stamp, &result->stamp))
        found = result;
    }
  stamp_clear (&stamp);
  return found;
}

RsPhotoReport *
rs_photo_set_lookup (RsPhotoSet    *self,
                     const char    *slot,
                     const char    *path,
                     RsProfile     *profile,
                     const GError **error)
{
  Result *result;

  g_return_val_if_fail (RS_IS_PHOTO_SET (self), NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  result = lookup_result (self, slot, path, profile);
  if (error != NULL)
    *error = result != NULL ? result->error : NULL;
  return result != NULL ? result->report : NULL;
}

/* Checking */

typedef struct {
  char          *slot;
  Stamp          stamp;
  RsProfile     *profile;
  int            preview_size;
  guint          serial;
  RsPhotoReport *known;   /* already checked: only the preview is made */
  /* results */
  RsPhotoReport *report;
  GdkPixbuf     *preview;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *d = data;

  g_free (d->slot);
  stamp_clear (&d->stamp);
  g_clear_object (&d->profile);
  g_clear_object (&d->known);
  g_clear_object (&d->report);
  g_clear_object (&d->preview);
  g_free (d);
}

static GdkPixbuf *
scale_to (GdkPixbuf *pixbuf,
          int        size)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  double s;

  if (MAX (w, h) <= size)
    return g_object_ref (pixbuf);
  s = (double) size / MAX (w, h);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (w * s + 0.5)),
                                  MAX (1, (int) (h * s + 0.5)), GDK_INTERP_BILINEAR);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *d = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  RsImageInfo info = { 0 };
  GError *error = NULL;

  /* One decode at the checker's working size serves the check and the
   * preview; a known report needs only the preview. */
  pixbuf = rs_image_load (d->stamp.path,
                          d->known != NULL ? d->preview_size : RS_IMAGE_WORK_SIZE,
                          d->known != NULL ? NULL : &info, cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (d->known != NULL)
    d->report = g_object_ref (d->known);
  else
    {
      d->report = rs_photo_check_pixbuf (pixbuf, &info, d->profile, d->slot);
      rs_image_info_clear (&info);
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (d->preview_size > 0)
    d->preview = scale_to (pixbuf, d->preview_size);
  g_task_return_boolean (task, TRUE);
}

static gboolean
return_known_cb (gpointer data)
{
  GTask *task = data;

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* The newest result of @entry's slot: replaces one of the same stamp. */
static void
entry_push (Entry         *entry,
            const Stamp   *stamp,
            RsPhotoReport *report,
            const GError  *error)
{
  Result *result;

  for (guint i = 0; i < entry->results->len; i++)
    if (stamp_equal (stamp, &((Result *) g_ptr_array_index (entry->results, i))->stamp))
      {
        g_ptr_array_remove_index (entry->results, i);
        break;
      }
  result = g_new0 (Result, 1);
  result->stamp.path = g_strdup (stamp->path);
  result->stamp.profile_id = g_strdup (stamp->profile_id);
  result->stamp.mtime = stamp->mtime;
  result->stamp.size = stamp->size;
  if (error != NULL)
    result->error = g_error_copy (error);
  else
    result->report = g_object_ref (report);
  g_ptr_array_insert (entry->results, 0, result);
  if (entry->results->len > MAX_RESULTS_PER_SLOT)
    g_ptr_array_set_size (entry->results, MAX_RESULTS_PER_SLOT);
}

static void
store_result (RsPhotoSet *self,
              CheckData  *d,
              GError     *error)
{
  Entry *entry = g_hash_table_lookup (self->entries, d->slot);

  /* Overtaken by a newer request, or forgotten meanwhile. */
  if (entry == NULL || entry->serial != d->serial)
    return;
  if (d->known != NULL && error == NULL)
    return;
  entry_push (entry, &d->stamp, d->report, error);
  g_signal_emit (self, signals[REPORT_CHANGED], 0, d->slot);
}

void
rs_photo_set_add_report (RsPhotoSet    *self,
                         const char    *slot,
                         const char    *path,
                         RsProfile     *profile,
                         RsPhotoReport *report)
{
  Stamp stamp = { 0 };

  g_return_if_fail (RS_IS_PHOTO_SET (self));
  g_return_if_fail (slot != NULL && path != NULL);
  g_return_if_fail (profile == NULL || RS_IS_PROFILE (profile));
  g_return_if_fail (RS_IS_PHOTO_REPORT (report));

  stamp_init (&stamp, path, profile);
  entry_push (ensure_entry (self, slot), &stamp, report, NULL);
  stamp_clear (&stamp);
  g_signal_emit (self, signals[REPORT_CHANGED], 0, slot);
}

static void
on_thread_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  RsPhotoSet *self = g_task_get_source_object (outer);
  CheckData *d = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        store_result (self, d, error);
      g_task_return_error (outer, error);
      return;
    }
  store_result (self, d, NULL);
  g_task_return_pointer (outer, g_object_ref (G_TASK (result)), g_object_unref);
}

void
rs_photo_set_check_async (RsPhotoSet          *self,
                          const char          *slot,
                          const char          *path,
                          RsProfile           *profile,
                          int                  preview_size,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  CheckData *d;
  Entry *entry;
  RsPhotoReport *known;

  g_return_if_fail (RS_IS_PHOTO_SET (self));
  g_return_if_fail (slot != NULL && path != NULL);
  g_return_if_fail (profile == NULL || RS_IS_PROFILE (profile));

  known = rs_photo_set_lookup (self, slot, path, profile, NULL);

  d = g_new0 (CheckData, 1);
  d->slot = g_strdup (slot);
  stamp_init (&d->stamp, path, profile);
  d->profile = profile != NULL ? g_object_ref (profile) : NULL;
  d->preview_size = MAX (preview_size, 0);
  d->known = known != NULL ? g_object_ref (known) : NULL;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rs_photo_set_check_async);

  if (known != NULL && d->preview_size == 0)
    {
      /* Nothing to compute: answer from the main loop, as promised. */
      d->report = g_object_ref (known);
      inner = g_task_new (self, cancellable, NULL, NULL);
      g_task_set_task_data (inner, d, check_data_free);
      g_task_return_boolean (inner, TRUE);
      g_task_set_task_data (outer, g_steal_pointer (&inner), g_object_unref);
      g_idle_add_full (G_PRIORITY_DEFAULT, return_known_cb, g_steal_pointer (&outer), g_object_unref);
      return;
    }

  /* The newest request for a slot wins over those still running. */
  entry = ensure_entry (self, slot);
  entry->serial = d->serial = ++self->serial;

  inner = g_task_new (self, cancellable, on_thread_done, g_object_ref (outer));
  g_task_set_source_tag (inner, check_thread);
  g_task_set_name (inner, "rs_photo_set_check_async");
  g_task_set_task_data (inner, d, check_data_free);
  g_task_run_in_thread (inner, check_thread);
}

RsPhotoReport *
rs_photo_set_check_finish (RsPhotoSet    *self,
                           GAsyncResult  *result,
                           GdkPixbuf    **preview,
                           GError       **error)
{
  g_autoptr(GTask) inner = NULL;
  CheckData *d;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rs_photo_set_check_async, NULL);

  if (preview != NULL)
    *preview = NULL;
  /* A known report came back by an idle: its data holds the answer. */
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    {
      /* (the task reports a cancellation itself) */
      if (!g_task_propagate_boolean (G_TASK (result), error))
        return NULL;
      inner = g_object_ref (g_task_get_task_data (G_TASK (result)));
    }
  else
    {
      inner = g_task_propagate_pointer (G_TASK (result), error);
      if (inner == NULL)
        return NULL;
    }
  d = g_task_get_task_data (inner);
  if (preview != NULL && d->preview != NULL)
    *preview = g_object_ref (d->preview);
  return g_object_ref (d->report);
}

void
rs_photo_set_take_reports (RsSession *into,
                           RsSession *from)
{
  RsPhotoSet *set;
  RsProfile *profile;
  g_auto(GStrv) slots = NULL;

  g_return_if_fail (RS_IS_SESSION (into));
  g_return_if_fail (RS_IS_SESSION (from));

  set = rs_session_get_photo_set (from);
  if (set == NULL)
    return;
  profile = rs_session_get_profile (into);
  slots = rs_session_list_photo_slots (into);
  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *path = rs_session_get_photo (into, slots[i]);
      RsPhotoReport *report = rs_photo_set_lookup (set, slots[i], path, profile, NULL);

      if (report != NULL)
        rs_photo_set_add_report (rs_photo_set_for_session (into), slots[i], path, profile, report);
    }
}

void
rs_photo_set_forget (RsPhotoSet *self,
                     const char *slot)
{
  g_return_if_fail (RS_IS_PHOTO_SET (self));
  g_return_if_fail (slot != NULL);

  if (g_hash_table_remove (self->entries, slot))
    g_signal_emit (self, signals[REPORT_CHANGED], 0, slot);
}

/* Set level */

typedef gboolean (*SameFunc) (RsPhotoReport *report,
                              RsPhotoReport *other);

/* The first of @slots other than @slot whose report @same pairs with
 * @slot's. */
static const char *
find_other (RsPhotoSet          *self,
            RsSession           *session,
            RsProfile           *profile,
            const char          *slot,
            const char * const  *slots,
            SameFunc             same)
{
  RsPhotoReport *report;

  g_return_val_if_fail (RS_IS_PHOTO_SET (self), NULL);
  g_return_val_if_fail (RS_IS_SESSION (session), NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  report = rs_photo_set_lookup (self, slot, rs_session_get_photo (session, slot), profile, NULL);
  for (guint i = 0; report != NULL && slots != NULL && slots[i] != NULL; i++)
    {
      RsPhotoReport *other;

      if (g_str_equal (slots[i], slot))
        continue;
      other = rs_photo_set_lookup (self, slots[i], rs_session_get_photo (session, slots[i]),
                                   profile, NULL);
      if (other != NULL && same (report, other))
        return slots[i];
    }
  return NULL;
}

const char *
rs_photo_set_find_duplicate (RsPhotoSet          *self,
                             RsSession           *session,
                             RsProfile           *profile,
                             const char          *slot,
                             const char * const  *slots)
{
  return find_other (self, session, profile, slot, slots, rs_photo_report_same_photo);
}

/* Different shots of the same side of a document. */
static gboolean
same_document (RsPhotoReport *report,
               RsPhotoReport *other)
{
  return rs_photo_report_get_content (report) != NULL &&
         rs_photo_report_get_content (other) != NULL &&
         !rs_photo_report_same_photo (report, other) &&
         rs_content_same_document (rs_photo_report_get_content (report),
                                   rs_photo_report_get_content (other), NULL);
}

const char *
rs_photo_set_find_same_document (RsPhotoSet          *self,
                                 RsSession           *session,
                                 RsProfile           *profile,
                                 const char          *slot,
                                 const char * const  *slots)
{
  return find_other (self, session, profile, slot, slots, same_document);
}

gboolean
rs_photo_set_sides_swapped (RsPhotoSet   *self,
                            RsSession    *session,
                            RsProfile    *profile,
                            const char  **a,
                            const char  **b)
{
  RsPhotoReport *front, *back;

  g_return_val_if_fail (RS_IS_PHOTO_SET (self), FALSE);
  g_return_val_if_fail (RS_IS_SESSION (session), FALSE);

  front = rs_photo_set_lookup (self, RS_SLOT_ID_FRONT,
                               rs_session_get_photo (session, RS_SLOT_ID_FRONT), profile, NULL);
  back = rs_photo_set_lookup (self, RS_SLOT_ID_BACK,
                              rs_session_get_photo (session, RS_SLOT_ID_BACK), profile, NULL);
  if (front == NULL || back == NULL ||
      rs_photo_report_get_content (front) == NULL || rs_photo_report_get_content (back) == NULL ||
      !rs_content_should_swap (rs_photo_report_get_content (front), rs_photo_report_get_content (back)))
    return FALSE;
  if (a != NULL)
    *a = RS_SLOT_ID_FRONT;
  if (b != NULL)
    *b = RS_SLOT_ID_BACK;
  return TRUE;
}

char *
rs_photo_set_duplicate_message (const char *slot,
                                const char *other_slot)
{
  /* The checker's words for its set-level finding (rs_photo_set_check()). */
  if (g_strcmp0 (slot, other_slot) == 0)
    return g_strdup (_("The same photo is used twice. Take a separate photo for each slot."));
  return g_strdup_printf (_("This is the same photo as the one for “%s”. Take a separate photo for each slot."),
                          rs_slot_get_name (other_slot));
}
