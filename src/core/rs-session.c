/* rs-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-session.h"

struct _RsSession
{
  GObject     parent_instance;

  RsProfile  *profile;
  char       *profile_id;
  char       *document_type;
  RsReason    reasons;
  GHashTable *fields;   /* char* → char* */
  GHashTable *photos;   /* slot → path */
  GHashTable *acks;     /* key set */
  int         step;
  GObject    *photo_set; /* RsPhotoSet, owned */
};

G_DEFINE_FINAL_TYPE (RsSession, rs_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  RsReason    reason;
  const char *id;
} reason_ids[] = {
  { RS_REASON_DETAILS, "details" },
  { RS_REASON_PHOTO, "photo" },
  { RS_REASON_FILES, "files" },
  { RS_REASON_UPLOAD, "upload" },
  { RS_REASON_UNSURE, "unsure" },
};

const char *
rs_reason_to_string (RsReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_ids); i++)
    if (reason_ids[i].reason == reason)
      return reason_ids[i].id;
  return NULL;
}

RsReason
rs_reason_from_string (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (reason_ids); i++)
    if (g_str_equal (reason_ids[i].id, id))
      return reason_ids[i].reason;
  return RS_REASON_NONE;
}

static void
rs_session_changed (RsSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rs_session_finalize (GObject *object)
{
  RsSession *self = (RsSession *) object;

  g_clear_object (&self->profile);
  g_free (self->profile_id);
  g_free (self->document_type);
  g_hash_table_unref (self->fields);
  g_hash_table_unref (self->photos);
  g_hash_table_unref (self->acks);
  g_clear_object (&self->photo_set);

  G_OBJECT_CLASS (rs_session_parent_class)->finalize (object);
}

static void
rs_session_class_init (RsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_session_finalize;

  /**
   * RsSession::changed:
   *
   * Emitted after any change, for autosave and for pages that depend on
   * other pages' choices.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
rs_session_init (RsSession *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

RsSession *
rs_session_new (void)
{
  return g_object_new (RS_TYPE_SESSION, NULL);
}

const char *
rs_session_get_profile_id (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return self->profile_id;
}

RsProfile *
rs_session_get_profile (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return self->profile;
}

void
rs_session_set_profile (RsSession *self,
                        RsProfile *profile)
{
  g_return_if_fail (RS_IS_SESSION (self));
  g_return_if_fail (!profile || RS_IS_PROFILE (profile));

  if (self->profile == profile)
    return;

  g_set_object (&self->profile, profile);
  g_free (self->profile_id);
  self->profile_id = profile ? g_strdup (rs_profile_get_id (profile)) : NULL;

  /* A document type the new profile does not accept cannot stay chosen. */
  if (profile && self->document_type &&
      !rs_profile_find_document (profile, self->document_type))
    g_clear_pointer (&self->document_type, g_free);

  rs_session_changed (self);
}

void
rs_session_set_profile_id (RsSession  *self,
                           const char *profile_id)
{
  g_return_if_fail (RS_IS_SESSION (self));

  if (g_strcmp0 (self->profile_id, profile_id) == 0)
    return;

  if (self->profile && g_strcmp0 (rs_profile_get_id (self->profile), profile_id) != 0)
    g_clear_object (&self->profile);
  g_free (self->profile_id);
  self->profile_id = g_strdup (profile_id);
  rs_session_changed (self);
}

const char *
rs_session_get_document_type (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return self->document_type;
}

void
rs_session_set_document_type (RsSession  *self,
                              const char *type)
{
  g_return_if_fail (RS_IS_SESSION (self));

  if (g_strcmp0 (self->document_type, type) == 0)
    return;

  g_free (self->document_type);
  self->document_type = g_strdup (type);
  rs_session_changed (self);
}

RsReason
rs_session_get_reasons (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), RS_REASON_NONE);
  return self->reasons;
}

void
rs_session_set_reasons (RsSession *self,
                        RsReason   reasons)
{
  g_return_if_fail (RS_IS_SESSION (self));

  reasons &= RS_REASON_ALL;
  if (self->reasons == reasons)
    return;

  self->reasons = reasons;
  rs_session_changed (self);
}

gboolean
rs_session_has_reason (RsSession *self,
                       RsReason   reason)
{
  g_return_val_if_fail (RS_IS_SESSION (self), FALSE);
  return (self->reasons & reason) != 0;
}

/* Returns TRUE when the table changed. */
static gboolean
set_string (GHashTable *table,
            const char *key,
            const char *value)
{
  const char *old = g_hash_table_lookup (table, key);

  if (value == NULL || *value == '\0')
    return g_hash_table_remove (table, key);

  if (g_strcmp0 (old, value) == 0)
    return FALSE;

  g_hash_table_insert (table, g_strdup (key), g_strdup (value));
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_keys (GHashTable *table)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (table, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;
  guint n = g_hash_table_size (table);

  qsort (keys, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

const char *
rs_session_get_field (RsSession  *self,
                      const char *field)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  return g_hash_table_lookup (self->fields, field);
}

void
rs_session_set_field (RsSession  *self,
                      const char *field,
                      const char *value)
{
  g_return_if_fail (RS_IS_SESSION (self));
  g_return_if_fail (field != NULL);

  if (set_string (self->fields, field, value))
    rs_session_changed (self);
}

char **
rs_session_list_fields (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return sorted_keys (self->fields);
}

void
rs_session_clear_fields (RsSession *self)
{
  g_return_if_fail (RS_IS_SESSION (self));

  if (g_hash_table_size (self->fields) == 0)
    return;
  g_hash_table_remove_all (self->fields);
  rs_session_changed (self);
}

const char *
rs_session_get_photo (RsSession  *self,
                      const char *slot)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  g_return_val_if_fail (slot != NULL, NULL);
  return g_hash_table_lookup (self->photos, slot);
}

void
rs_session_set_photo (RsSession  *self,
                      const char *slot,
                      const char *path)
{
  g_return_if_fail (RS_IS_SESSION (self));
  g_return_if_fail (slot != NULL);

  if (set_string (self->photos, slot, path))
    rs_session_changed (self);
}

char **
rs_session_list_photo_slots (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return sorted_keys (self->photos);
}

gboolean
rs_session_is_acknowledged (RsSession  *self,
                            const char *key)
{
  g_return_val_if_fail (RS_IS_SESSION (self), FALSE);
  return key != NULL && g_hash_table_contains (self->acks, key);
}

void
rs_session_set_acknowledged (RsSession  *self,
                             const char *key,
                             gboolean    acknowledged)
{
  gboolean changed;

  g_return_if_fail (RS_IS_SESSION (self));
  g_return_if_fail (key != NULL);

  if (acknowledged)
    changed = g_hash_table_add (self->acks, g_strdup (key));
  else
    changed = g_hash_table_remove (self->acks, key);

  if (changed)
    rs_session_changed (self);
}

char **
rs_session_list_acknowledged (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return sorted_keys (self->acks);
}

int
rs_session_get_step (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), 0);
  return self->step;
}

void
rs_session_set_step (RsSession *self,
                     int        step)
{
  g_return_if_fail (RS_IS_SESSION (self));

  if (self->step == step)
    return;
  self->step = step;
  rs_session_changed (self);
}

RsPhotoSet *
rs_session_get_photo_set (RsSession *self)
{
  g_return_val_if_fail (RS_IS_SESSION (self), NULL);
  return (RsPhotoSet *) self->photo_set;
}

void
rs_session_set_photo_set (RsSession  *self,
                          RsPhotoSet *photo_set)
{
  g_return_if_fail (RS_IS_SESSION (self));
  g_return_if_fail (photo_set == NULL || G_IS_OBJECT (photo_set));
  g_set_object (&self->photo_set, (GObject *) photo_set);
}

void
rs_session_reset (RsSession *self)
{
  g_return_if_fail (RS_IS_SESSION (self));

  g_clear_object (&self->profile);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->document_type, g_free);
  self->reasons = RS_REASON_NONE;
  self->step = 0;
  g_hash_table_remove_all (self->fields);
  g_hash_table_remove_all (self->photos);
  g_hash_table_remove_all (self->acks);
  /* The reports (with their thumbnails) go with the photos. */
  g_clear_object (&self->photo_set);
  rs_session_changed (self);
}
