/* rs-profile.c: requirement profiles: the object, what it requires, and the
 * names of document types and photo slots.  Parsing is in rs-profile-parse.c,
 * loading the built-in and the user's profiles in rs-profile-load.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "rs-profile-private.h"

/* Defaults of the optional fields; docs/profiles.md lists the same values. */

#define DEFAULT_MAX_BYTES          (10 * 1024 * 1024)

#define DEFAULT_MIN_SHORT_SIDE     800

#define DEFAULT_MAX_LONG_SIDE      8000

#define DEFAULT_COLOR_REQUIRED     TRUE

#define DEFAULT_MIN_MARGIN_PERCENT 2.0
/* The face's height in the selfie, % of the picture's (a head and
 * shoulders shot at arm's length is about 25–40 %). */
#define DEFAULT_SELFIE_MIN_FACE_PERCENT 12.0

#define DEFAULT_MAX_SKEW_DEGREES   10.0

#define DEFAULT_MIN_AGE            18

#define DEFAULT_MIN_DAYS_VALID     0

G_DEFINE_FINAL_TYPE (RsProfile, rs_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (rs-profile-error-quark, rs_profile_error)

static const struct {
  const char *id;
  const char *name;
} document_types[] = {
  { RS_DOC_CN_RIC, N_("Mainland resident ID card") },
  { RS_DOC_PASSPORT, N_("Passport") },
  { RS_DOC_HK_HKID, N_("Hong Kong identity card") },
  { RS_DOC_MO_BIR, N_("Macao resident identity card") },
  { RS_DOC_TW_ID, N_("Taiwan identity card") },
  { RS_DOC_HK_MO_PERMIT, N_("Mainland Travel Permit for Hong Kong and Macao Residents") },
  { RS_DOC_TW_PERMIT, N_("Mainland Travel Permit for Taiwan Residents") },
  { RS_DOC_DRIVING_LICENCE, N_("Mainland driving licence") },
};

static void
rs_profile_document_free (RsProfileDocument *doc)
{
  g_free (doc->type);
  g_strfreev (doc->sides);
  g_free (doc);
}

static void
rs_profile_finalize (GObject *object)
{
  RsProfile *self = (RsProfile *) object;

  g_free (self->id);
  g_free (self->source);
  g_hash_table_unref (self->names);
  g_ptr_array_unref (self->documents);
  g_strfreev (self->formats);

  G_OBJECT_CLASS (rs_profile_parent_class)->finalize (object);
}

static void
rs_profile_class_init (RsProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_profile_finalize;
}

static void
rs_profile_init (RsProfile *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) rs_profile_document_free);
  self->max_bytes = DEFAULT_MAX_BYTES;
  self->min_short_side = DEFAULT_MIN_SHORT_SIDE;
  self->max_long_side = DEFAULT_MAX_LONG_SIDE;
  self->color_required = DEFAULT_COLOR_REQUIRED;
  self->min_margin_percent = DEFAULT_MIN_MARGIN_PERCENT;
  self->selfie_min_face_percent = DEFAULT_SELFIE_MIN_FACE_PERCENT;
  self->max_skew_degrees = DEFAULT_MAX_SKEW_DEGREES;
  self->min_age = DEFAULT_MIN_AGE;
  self->min_days_valid = DEFAULT_MIN_DAYS_VALID;
}

const char *
rs_profile_get_id (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);
  return self->id;
}

int
rs_profile_get_version (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->version;
}

const char *
rs_profile_get_source (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);
  return self->source;
}

/* Only "en" and "zh_CN" are guaranteed; any "zh*" falls back to zh_CN,
 * anything else to English. */

const char *
rs_profile_get_name_for_lang (RsProfile  *self,
                              const char *lang)
{
  g_autofree char *base = NULL;
  const char *name;
  gsize len;

  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);

  if (lang == NULL)
    return rs_profile_get_name (self);

  if ((name = g_hash_table_lookup (self->names, lang)))
    return name;

  /* "zh_CN.UTF-8" → "zh_CN", "pt_BR@x" → "pt_BR" */
  len = strcspn (lang, ".@");
  base = g_strndup (lang, len);
  if ((name = g_hash_table_lookup (self->names, base)))
    return name;

  if (g_str_has_prefix (lang, "zh"))
    return g_hash_table_lookup (self->names, "zh_CN");

  len = strcspn (lang, "_.@");
  g_free (base);
  base = g_strndup (lang, len);
  if ((name = g_hash_table_lookup (self->names, base)))
    return name;

  return g_hash_table_lookup (self->names, "en");
}

/* Mirrors gettext's fallback: the first language in the list that we have
 * (Chinese or English) wins; "C" means English. */

static gboolean
ui_language_is_chinese (void)
{
  const char * const *langs = g_get_language_names ();

  for (guint i = 0; langs[i]; i++)
    {
      if (g_str_has_prefix (langs[i], "zh"))
        return TRUE;
      if (g_str_has_prefix (langs[i], "en") ||
          g_str_equal (langs[i], "C") || g_str_equal (langs[i], "POSIX"))
        return FALSE;
    }
  return FALSE;
}

const char *
rs_profile_get_name (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);
  return g_hash_table_lookup (self->names, ui_language_is_chinese () ? "zh_CN" : "en");
}

guint
rs_profile_get_n_documents (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->documents->len;
}

const RsProfileDocument *
rs_profile_get_document (RsProfile *self,
                         guint      index)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->documents->len, NULL);
  return g_ptr_array_index (self->documents, index);
}

const RsProfileDocument *
rs_profile_find_document (RsProfile  *self,
                          const char *type)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);

  for (guint i = 0; type != NULL && i < self->documents->len; i++)
    {
      const RsProfileDocument *doc = g_ptr_array_index (self->documents, i);

      if (g_str_equal (doc->type, type))
        return doc;
    }
  return NULL;
}

gboolean
rs_profile_get_selfie_required (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), FALSE);
  return self->selfie_required;
}

double
rs_profile_get_selfie_min_face_percent (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), DEFAULT_SELFIE_MIN_FACE_PERCENT);
  return self->selfie_min_face_percent;
}

gboolean
rs_profile_get_selfie_with_document (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), FALSE);
  return self->selfie_with_document;
}

const char * const *
rs_profile_get_formats (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);
  return (const char * const *) self->formats;
}

gboolean
rs_profile_accepts_format (RsProfile  *self,
                           const char *format)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), FALSE);
  return format != NULL && g_strv_contains ((const char * const *) self->formats, format);
}

gint64
rs_profile_get_max_bytes (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->max_bytes;
}

int
rs_profile_get_min_short_side (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->min_short_side;
}

int
rs_profile_get_max_long_side (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->max_long_side;
}

gboolean
rs_profile_get_color_required (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), FALSE);
  return self->color_required;
}

double
rs_profile_get_min_margin_percent (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->min_margin_percent;
}

double
rs_profile_get_max_skew_degrees (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->max_skew_degrees;
}

int
rs_profile_get_min_age (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->min_age;
}

int
rs_profile_get_min_days_valid (RsProfile *self)
{
  g_return_val_if_fail (RS_IS_PROFILE (self), 0);
  return self->min_days_valid;
}

const char *
rs_side_to_slot (const char *side)
{
  if (g_strcmp0 (side, RS_SIDE_FRONT) == 0)
    return RS_SLOT_ID_FRONT;
  if (g_strcmp0 (side, RS_SIDE_BACK) == 0)
    return RS_SLOT_ID_BACK;
  if (g_strcmp0 (side, RS_SIDE_PHOTO_PAGE) == 0)
    return RS_SLOT_PASSPORT;
  return NULL;
}

char **
rs_profile_get_slots (RsProfile  *self,
                      const char *document_type)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  const RsProfileDocument *doc;

  g_return_val_if_fail (RS_IS_PROFILE (self), NULL);

  doc = rs_profile_find_document (self, document_type);
  if (doc == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; doc->sides[i]; i++)
    g_strv_builder_add (builder, rs_side_to_slot (doc->sides[i]));
  if (self->selfie_required)
    g_strv_builder_add (builder, RS_SLOT_SELFIE);

  return g_strv_builder_end (builder);
}

gboolean
rs_document_type_is_known (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (document_types); i++)
    if (g_str_equal (document_types[i].id, type))
      return TRUE;
  return FALSE;
}

const char * const *
rs_document_type_get_all (void)
{
  static const char * const all[] = {
    RS_DOC_CN_RIC, RS_DOC_PASSPORT, RS_DOC_HK_HKID, RS_DOC_MO_BIR, RS_DOC_TW_ID,
    RS_DOC_HK_MO_PERMIT, RS_DOC_TW_PERMIT, RS_DOC_DRIVING_LICENCE, NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (all) == G_N_ELEMENTS (document_types) + 1);
  return all;
}

const char *
rs_document_type_get_name (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (document_types); i++)
    if (g_str_equal (document_types[i].id, type))
      return _(document_types[i].name);
  return type;
}

const char *
rs_slot_get_name (const char *slot)
{
  return rs_slot_get_name_for_document (slot, NULL);
}

/* The slot ids stay the checker's kinds (id-front, id-back, passport,
 * selfie); only the label depends on the document. */

const char *
rs_slot_get_name_for_document (const char *slot,
                               const char *document_type)
{
  gboolean mainland_card;
  gboolean passport;

  g_return_val_if_fail (slot != NULL, NULL);

  mainland_card = document_type == NULL || g_str_equal (document_type, RS_DOC_CN_RIC);
  passport = document_type == NULL || g_str_equal (document_type, RS_DOC_PASSPORT);

  if (g_str_equal (slot, RS_SLOT_ID_FRONT))
    return mainland_card ? _("ID card — portrait side") : _("Document front");
  if (g_str_equal (slot, RS_SLOT_ID_BACK))
    return mainland_card ? _("ID card — national emblem side") : _("Document back");
  if (g_str_equal (slot, RS_SLOT_PASSPORT))
    return passport ? _("Passport photo page") : _("Document photo page");
  if (g_str_equal (slot, RS_SLOT_SELFIE))
    return _("Selfie");
  return slot;
}
