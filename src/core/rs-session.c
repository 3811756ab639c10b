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
  FIELD_CHANGED,
  PHOTO_CHANGED,
  ACKNOWLEDGED_CHANGED,
  RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_PROFILE_ID,
  PROP_DOCUMENT_TYPE,
  PROP_REASONS,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

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
emit_detailed (RsSession  *self,
               guint       signal,
               const char *id)
{
  g_signal_emit (self, signals[signal], g_quark_from_string (id), id);
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
rs_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RsSession *self = RS_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile_id);
      break;
    case PROP_DOCUMENT_TYPE:
      g_value_set_string (value, self->document_type);
      break;
    case PROP_REASONS:
      g_value_set_uint (value, self->reasons);
      break;
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RsSession *self = RS_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      rs_session_set_profile (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT_TYPE:
      rs_session_set_document_type (self, g_value_get_string (value));
      break;
    case PROP_REASONS:
      rs_session_set_reasons (self, g_value_get_uint (value));
      break;
    case PROP_STEP:
      rs_session_set_step (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_session_class_init (RsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_session_finalize;
  object_class->get_property = rs_session_get_property;
  object_class->set_property = rs_session_set_property;

  props[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, RS_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_PROFILE_ID] =
    g_param_spec_string ("profile-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_DOCUMENT_TYPE] =
    g_param_spec_string ("document-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* RsReason flags. */
  props[PROP_REASONS] =
    g_param_spec_uint ("reasons", NULL, NULL, 0, RS_REASON_ALL, RS_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * RsSession::field-changed:
   * @field: the field id (also the signal's detail)
   *
   * A detail was set, changed or removed.
   */
  signals[FIELD_CHANGED] = g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * RsSession::photo-changed:
   * @slot: the slot id (also the signal's detail)
   *
   * A slot's photo was set, replaced or removed.
   */
  signals[PHOTO_CHANGED] = g_signal_new ("photo-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * RsSession::acknowledged-changed:
   * @key: the acknowledgement key (rs-ack.h)
   */
  /**
   * RsSession::reset:
   *
   * Emitted by rs_session_reset() after the parts' own signals, for pages
   * that make a first choice again (the remembered platform).
   */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACKNOWLEDGED_CHANGED] = g_signal_new ("acknowledged-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

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

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->profile, profile);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROFILE]);
  if (g_strcmp0 (self->profile_id, profile ? rs_profile_get_id (profile) : NULL) != 0)
    {
      g_free (self->profile_id);
      self->profile_id = profile ? g_strdup (rs_profile_get_id (profile)) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROFILE_ID]);
    }

  /* A document type the new profile does not accept cannot stay chosen. */
  if (profile && self->document_type &&
      !rs_profile_find_document (profile, self->document_type))
    {
      g_clear_pointer (&self->document_type, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DOCUMENT_TYPE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  rs_session_changed (self);
}

void
rs_session_set_profile_id (RsSession  *self,
                           const char *profile_id)
{
  g_return_if_fail (RS_IS_SESSION (self));

  if (g_strcmp0 (self->profile_id, profile_id) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->profile && g_strcmp0 (rs_profile_get_id (self->profile), profile_id) != 0)
    {
      g_clear_object (&self->profile);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROFILE]);
    }
  g_free (self->profile_id);
  self->profile_id = g_strdup (profile_id);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROFILE_ID]);
  g_object_thaw_notify (G_OBJECT (self));
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
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DOCUMENT_TYPE]);
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
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_REASONS]);
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

/* Empties @table, then tells about each key it held (@signal: -1 for
 * none). */
static void
clear_table (RsSession  *self,
             GHashTable *table,
             int         signal)
{
  g_auto(GStrv) keys = sorted_keys (table);

  g_hash_table_remove_all (table);
  for (guint i = 0; signal >= 0 && keys[i] != NULL; i++)
    {
      if (signal == ACKNOWLEDGED_CHANGED)
        g_signal_emit (self, signals[signal], 0, keys[i]);
      else
        emit_detailed (self, signal, keys[i]);
    }
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
    {
      emit_detailed (self, FIELD_CHANGED, field);
      rs_session_changed (self);
    }
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
  clear_table (self, self->fields, FIELD_CHANGED);
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
    {
      emit_detailed (self, PHOTO_CHANGED, slot);
      rs_session_changed (self);
    }
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
    {
      g_signal_emit (self, signals[ACKNOWLEDGED_CHANGED], 0, key);
      rs_session_changed (self);
    }
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
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STEP]);
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

  /* The reports (with their thumbnails) go with the photos. */
  g_clear_object (&self->photo_set);

  /* Every part tells its observers, so that pages update in place. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->profile != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROFILE]);
  if (self->profile_id != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PROFILE_ID]);
  if (self->document_type != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DOCUMENT_TYPE]);
  if (self->reasons != RS_REASON_NONE)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_REASONS]);
  if (self->step != 0)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STEP]);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->profile_id, g_free);
  g_clear_pointer (&self->document_type, g_free);
  self->reasons = RS_REASON_NONE;
  self->step = 0;
  clear_table (self, self->fields, FIELD_CHANGED);
  clear_table (self, self->photos, PHOTO_CHANGED);
  clear_table (self, self->acks, ACKNOWLEDGED_CHANGED);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[RESET], 0);
  rs_session_changed (self);
}

void
rs_session_take_work (RsSession *self,
                      RsSession *from)
{
  RsReason reasons;
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) slots = NULL;
  g_auto(GStrv) acks = NULL;

  g_return_if_fail (RS_IS_SESSION (self));
  g_return_if_fail (RS_IS_SESSION (from));

  reasons = rs_session_get_reasons (self);
  fields = rs_session_list_fields (from);
  slots = rs_session_list_photo_slots (from);
  acks = rs_session_list_acknowledged (from);
  rs_session_reset (self);
  if (rs_session_get_profile (from) != NULL)
    rs_session_set_profile (self, rs_session_get_profile (from));
  else
    rs_session_set_profile_id (self, rs_session_get_profile_id (from));
  rs_session_set_document_type (self, rs_session_get_document_type (from));
  rs_session_set_reasons (self, reasons);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    rs_session_set_field (self, fields[i], rs_session_get_field (from, fields[i]));
  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    rs_session_set_photo (self, slots[i], rs_session_get_photo (from, slots[i]));
  for (guint i = 0; acks != NULL && acks[i] != NULL; i++)
    rs_session_set_acknowledged (self, acks[i], TRUE);
}
