/* rs-profile.c: requirement profiles, parsed from JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rs-profile.h"
#include "rs-file.h"
#include "rs-json.h"
#include "rs-core-resources.h"

#define BUILTIN_PROFILES_PATH "/io/github/resubmit/Resubmit/core/profiles"

/* Defaults of the optional fields; docs/profiles.md lists the same values. */
#define DEFAULT_MAX_BYTES          (10 * 1024 * 1024)
#define DEFAULT_MIN_SHORT_SIDE     800
#define DEFAULT_MAX_LONG_SIDE      8000
#define DEFAULT_COLOR_REQUIRED     TRUE
#define DEFAULT_MIN_MARGIN_PERCENT 2.0
#define DEFAULT_MAX_SKEW_DEGREES   10.0
#define DEFAULT_MIN_AGE            18
#define DEFAULT_MIN_DAYS_VALID     0

/* JPEG and PNG cannot be larger than this on a side anyway. */
#define MAX_PIXELS 65535
#define MAX_AGE 120
#define MAX_DAYS_VALID 3660
#define MAX_ID_LENGTH 64

struct _RsProfile
{
  GObject     parent_instance;

  char       *id;
  int         version;
  char       *source;
  GHashTable *names;     /* language → name */
  GPtrArray  *documents; /* RsProfileDocument* */
  gboolean    selfie_required;
  gboolean    selfie_with_document;
  char      **formats;
  gint64      max_bytes;
  int         min_short_side;
  int         max_long_side;
  gboolean    color_required;
  double      min_margin_percent;
  double      max_skew_degrees;
  int         min_age;
  int         min_days_valid;
};

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

static const char * const known_sides[] = {
  RS_SIDE_FRONT, RS_SIDE_BACK, RS_SIDE_PHOTO_PAGE, NULL
};

static const char * const known_formats[] = {
  "jpeg", "png", "webp", "heic", "pdf", NULL
};

static const char * const known_fields[] = {
  "id", "version", "name", "documents", "selfie", "formats", "max_bytes",
  "min_short_side", "max_long_side", "color_required", "min_margin_percent",
  "max_skew_degrees", "min_age", "min_days_valid", NULL
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
  self->max_skew_degrees = DEFAULT_MAX_SKEW_DEGREES;
  self->min_age = DEFAULT_MIN_AGE;
  self->min_days_valid = DEFAULT_MIN_DAYS_VALID;
}

/* Parsing helpers.  Each takes the source name and the field's path (such as
 * "documents[1].type") so that every message says where the problem is. */

static gboolean
fail_field (GError    **error,
            int         code,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_field (GError    **error,
            int         code,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RS_PROFILE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
is_integer_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_number_node (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_boolean_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *member,
            gboolean     required,
            const char  *source,
            const char  *path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && required)
    fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                _("%s: required field “%s” is missing"), source, path);
  return node;
}

/* Reads a whole number in [min, max].  A missing optional field keeps *value. */
static gboolean
read_int (JsonObject  *object,
          const char  *member,
          gboolean     required,
          gint64       min,
          gint64       max,
          const char  *source,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = get_member (object, member, required, source, member, error);
  gint64 v = 0;

  if (node == NULL)
    return !required;

  if (!is_integer_node (node) || (v = json_node_get_int (node)) < min || v > max)
    {
      /* Say "positive" rather than quoting a huge upper limit. */
      if (min == 1 && max >= G_MAXINT)
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must be a positive whole number"),
                           source, member);
      return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                         _("%s: field “%s” must be a whole number from %d to %d"),
                         source, member, (int) min, (int) max);
    }

  *value = v;
  return TRUE;
}

static gboolean
read_double (JsonObject  *object,
             const char  *member,
             double       min,
             double       max,
             const char  *source,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double v = 0;

  if (node == NULL)
    return TRUE;

  if (!is_number_node (node) ||
      (v = json_node_get_double (node), !(v >= min && v <= max)))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be a number from %d to %d"),
                       source, member, (int) min, (int) max);

  *value = v;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *member,
              const char  *source,
              const char  *path,
              gboolean    *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!is_boolean_node (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be true or false"), source, path);

  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (*id == '\0' || strlen (id) > MAX_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_id (RsProfile   *self,
          JsonObject  *root,
          GError     **error)
{
  JsonNode *node = get_member (root, "id", TRUE, self->source, "id", error);

  if (node == NULL)
    return FALSE;
  if (!is_string_node (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be a string"), self->source, "id");
  if (!is_valid_id (json_node_get_string (node)))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be 1 to %d characters of lower-case "
                         "letters a–z, digits 0–9 and “-”"),
                       self->source, "id", MAX_ID_LENGTH);

  self->id = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
parse_names (RsProfile   *self,
             JsonObject  *root,
             GError     **error)
{
  static const char * const required_langs[] = { "en", "zh_CN", NULL };
  JsonNode *node = get_member (root, "name", TRUE, self->source, "name", error);
  JsonObjectIter iter;
  const char *lang;
  JsonNode *value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be an object with an “en” and a “zh_CN” name"),
                       self->source, "name");

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &lang, &value))
    {
      g_autofree char *path = g_strdup_printf ("name.%s", lang);
      g_autofree char *name = NULL;

      if (!is_string_node (value))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must be a string"), self->source, path);
      name = g_strstrip (g_strdup (json_node_get_string (value)));
      if (*name == '\0')
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must not be empty"), self->source, path);
      g_hash_table_replace (self->names, g_strdup (lang), g_steal_pointer (&name));
    }

  for (guint i = 0; required_langs[i]; i++)
    if (!g_hash_table_contains (self->names, required_langs[i]))
      {
        g_autofree char *path = g_strdup_printf ("name.%s", required_langs[i]);

        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: required field “%s” is missing"), self->source, path);
      }

  return TRUE;
}

static gboolean
parse_sides (RsProfile         *self,
             JsonNode          *node,
             const char        *path,
             RsProfileDocument *doc,
             GError           **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: required field “%s” is missing"), self->source, path);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be a list"), self->source, path);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must not be empty"), self->source, path);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      const char *side;

      if (!is_string_node (element))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must be a string"), self->source, element_path);
      side = json_node_get_string (element);
      if (!g_strv_contains (known_sides, side))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” has the unknown side “%s”; use “front”, "
                             "“back” or “photo-page”"),
                           self->source, element_path, side);
      if (!g_hash_table_add (seen, (gpointer) side))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” lists “%s” twice"), self->source, path, side);
      g_strv_builder_add (builder, side);
    }

  doc->sides = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_documents (RsProfile   *self,
                 JsonObject  *root,
                 GError     **error)
{
  JsonNode *node = get_member (root, "documents", TRUE, self->source, "documents", error);
  JsonArray *array;
  guint n;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be a list"), self->source, "documents");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must not be empty"), self->source, "documents");

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("documents[%u]", i);
      g_autofree char *type_path = g_strdup_printf ("documents[%u].type", i);
      g_autofree char *sides_path = g_strdup_printf ("documents[%u].sides", i);
      RsProfileDocument *doc;
      JsonObject *object;
      JsonNode *type_node;
      const char *type;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must be an object with “type” and “sides”"),
                           self->source, path);
      object = json_node_get_object (element);

      type_node = json_object_get_member (object, "type");
      if (type_node == NULL)
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: required field “%s” is missing"), self->source, type_path);
      if (!is_string_node (type_node))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must be a string"), self->source, type_path);
      type = json_node_get_string (type_node);
      if (!rs_document_type_is_known (type))
        {
          g_autofree char *known = NULL;
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) ids = NULL;

          for (guint k = 0; k < G_N_ELEMENTS (document_types); k++)
            g_strv_builder_add (builder, document_types[k].id);
          ids = g_strv_builder_end (builder);
          known = g_strjoinv (", ", ids);
          return fail_field (error, RS_PROFILE_ERROR_UNKNOWN_DOCUMENT,
                             _("%s: field “%s” names the unknown document type “%s”; "
                               "known types are: %s"),
                             self->source, type_path, type, known);
        }
      if (rs_profile_find_document (self, type))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” lists “%s” twice"),
                           self->source, "documents", type);

      doc = g_new0 (RsProfileDocument, 1);
      doc->type = g_strdup (type);
      g_ptr_array_add (self->documents, doc);

      if (!parse_sides (self, json_object_get_member (object, "sides"), sides_path, doc, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_selfie (RsProfile   *self,
              JsonObject  *root,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "selfie");
  JsonObject *object;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be an object with “required” and “with_document”"),
                       self->source, "selfie");

  object = json_node_get_object (node);
  if (!read_boolean (object, "required", self->source, "selfie.required",
                     &self->selfie_required, error) ||
      !read_boolean (object, "with_document", self->source, "selfie.with_document",
                     &self->selfie_with_document, error))
    return FALSE;

  /* Holding the document only means something when there is a selfie. */
  if (self->selfie_with_document && !self->selfie_required)
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” can only be true when “%s” is true"),
                       self->source, "selfie.with_document", "selfie.required");
  return TRUE;
}

static gboolean
parse_formats (RsProfile   *self,
               JsonObject  *root,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (root, "formats");
  JsonArray *array;
  guint n;

  if (node == NULL)
    {
      static const char * const defaults[] = { "jpeg", "png", NULL };

      self->formats = g_strdupv ((char **) defaults);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must be a list"), self->source, "formats");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” must not be empty"), self->source, "formats");

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("formats[%u]", i);
      const char *format;

      if (!is_string_node (element))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” must be a string"), self->source, path);
      format = json_node_get_string (element);
      if (!g_strv_contains (known_formats, format))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” has the unknown format “%s”; use jpeg, png, "
                             "webp, heic or pdf"),
                           self->source, path, format);
      if (!g_hash_table_add (seen, (gpointer) format))
        return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                           _("%s: field “%s” lists “%s” twice"), self->source, "formats", format);
      g_strv_builder_add (builder, format);
    }

  self->formats = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_root (RsProfile   *self,
            JsonObject  *root,
            GError     **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gint64 number;

  /* Catch misspelt fields instead of silently using a default.  Names
   * starting with "_" are free for comments. */
  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &member, &value))
    if (member[0] != '_' && !g_strv_contains (known_fields, member))
      return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                         _("%s: unknown field “%s”; check its spelling (names are "
                           "lower-case with “_”)"),
                         self->source, member);

  if (!parse_id (self, root, error))
    return FALSE;

  if (!read_int (root, "version", TRUE, 1, G_MAXINT, self->source, &number, error))
    return FALSE;
  self->version = (int) number;

  if (!parse_names (self, root, error) ||
      !parse_documents (self, root, error) ||
      !parse_selfie (self, root, error) ||
      !parse_formats (self, root, error))
    return FALSE;

  number = self->max_bytes;
  if (!read_int (root, "max_bytes", FALSE, 1, G_MAXINT64, self->source, &number, error))
    return FALSE;
  self->max_bytes = number;

  number = self->min_short_side;
  if (!read_int (root, "min_short_side", FALSE, 1, MAX_PIXELS, self->source, &number, error))
    return FALSE;
  self->min_short_side = (int) number;

  number = self->max_long_side;
  if (!read_int (root, "max_long_side", FALSE, 1, MAX_PIXELS, self->source, &number, error))
    return FALSE;
  self->max_long_side = (int) number;

  if (self->max_long_side < self->min_short_side)
    return fail_field (error, RS_PROFILE_ERROR_INVALID_FIELD,
                       _("%s: field “%s” (%d) must not be smaller than “%s” (%d)"),
                       self->source, "max_long_side", self->max_long_side,
                       "min_short_side", self->min_short_side);

  if (!read_boolean (root, "color_required", self->source, "color_required",
                     &self->color_required, error) ||
      !read_double (root, "min_margin_percent", 0, 50, self->source,
                    &self->min_margin_percent, error) ||
      !read_double (root, "max_skew_degrees", 0, 45, self->source,
                    &self->max_skew_degrees, error))
    return FALSE;

  number = self->min_age;
  if (!read_int (root, "min_age", FALSE, 0, MAX_AGE, self->source, &number, error))
    return FALSE;
  self->min_age = (int) number;

  number = self->min_days_valid;
  if (!read_int (root, "min_days_valid", FALSE, 0, MAX_DAYS_VALID, self->source, &number, error))
    return FALSE;
  self->min_days_valid = (int) number;

  return TRUE;
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: …" in its own words
 * (often untranslated); say which file and where, in ours. */
static void
set_parse_error (const char  *source,
                 const char  *message,
                 GError     **error)
{
  int line = 0, column = 0;

  if (sscanf (message, "<data>:%d:%d:", &line, &column) == 2)
    g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE,
                 _("%s:%d:%d: this is not valid JSON; look for a missing comma, "
                   "quote or bracket at or just before that place"),
                 source, line, column);
  else
    g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE,
                 _("%s: this is not valid JSON; look for a missing comma, quote or bracket"),
                 source);
}

RsProfile *
rs_profile_new_from_data (const char  *data,
                          gssize       length,
                          const char  *source,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RsProfile) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source == NULL)
    source = _("(profile)");

  if (length < 0)
    length = (gssize) strlen (data);
  if (!rs_json_load (parser, data, (gsize) length, &local_error))
    {
      if (g_error_matches (local_error, RS_JSON_ERROR, RS_JSON_ERROR_EMPTY))
        g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE,
                     _("%s: the file is empty; a profile is one JSON object"), source);
      else if (local_error->domain == RS_JSON_ERROR)
        g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE,
                     "%s: %s", source, local_error->message);
      else
        set_parse_error (source, local_error->message, error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE,
                   _("%s: the file is empty; a profile is one JSON object"), source);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_INVALID_FIELD,
                   _("%s: a profile must be one JSON object in “{ }”"), source);
      return NULL;
    }

  self = g_object_new (RS_TYPE_PROFILE, NULL);
  self->source = g_strdup (source);
  if (!parse_root (self, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

RsProfile *
rs_profile_new_from_file (GFile   *file,
                          GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path != NULL ? !rs_file_read (path, RS_FILE_MAX_PROFILE, RS_FILE_READ_FOLLOW_LINKS, &contents, &length, &local_error)
                   : !g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                   _("%s: could not read the profile: %s"), name, local_error->message);
      return NULL;
    }

  return rs_profile_new_from_data (contents, (gssize) length, name, error);
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

/* Loading */

/* The resource lives in a static library: referencing it here keeps the
 * linker from dropping it, and registering it on first use makes it work
 * whether or not the generated constructor ran. */
static void
ensure_resources (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      if (!g_resources_get_info (BUILTIN_PROFILES_PATH "/generic.json",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
        g_resources_register (rs_core_get_resource ());
      g_once_init_leave (&once, 1);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
load_builtins (GPtrArray **errors)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) children = NULL;
  g_autoptr(GError) error = NULL;

  ensure_resources ();
  children = g_resources_enumerate_children (BUILTIN_PROFILES_PATH,
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (children == NULL)
    {
      /* A build without the profiles is broken; say so instead of crashing. */
      if (errors && *errors)
        g_ptr_array_add (*errors, g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                                               _("The built-in profiles are missing: %s"),
                                               error->message));
      return g_steal_pointer (&profiles);
    }

  qsort (children, g_strv_length (children), sizeof (char *), compare_strings);
  for (guint i = 0; children[i]; i++)
    {
      g_autofree char *path = g_build_path ("/", BUILTIN_PROFILES_PATH, children[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      RsProfile *profile;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (children[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (bytes)
        {
          data = g_bytes_get_data (bytes, &size);
          profile = rs_profile_new_from_data (data, (gssize) size, children[i], &local_error);
          if (profile)
            {
              g_ptr_array_add (profiles, profile);
              continue;
            }
        }
      if (errors && *errors)
        g_ptr_array_add (*errors, g_steal_pointer (&local_error));
    }

  return g_steal_pointer (&profiles);
}

static int
find_index (GPtrArray  *profiles,
            const char *id)
{
  for (guint i = 0; i < profiles->len; i++)
    if (g_str_equal (rs_profile_get_id (g_ptr_array_index (profiles, i)), id))
      return (int) i;
  return -1;
}

RsProfile *
rs_profile_find (GPtrArray  *profiles,
                 const char *id)
{
  int i;

  if (profiles == NULL || id == NULL)
    return NULL;
  i = find_index (profiles, id);
  return i < 0 ? NULL : g_ptr_array_index (profiles, i);
}

GPtrArray *
rs_profile_load_all (const char  *user_dir,
                     GPtrArray  **errors)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) user_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *default_dir = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  guint n_builtin;

  if (errors && *errors == NULL)
    *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  profiles = load_builtins (errors);
  n_builtin = profiles->len;

  if (user_dir == NULL)
    user_dir = default_dir = g_build_filename (g_get_user_config_dir (), "resubmit", "profiles", NULL);

  dir = g_file_new_for_path (user_dir);
  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      /* No folder simply means no user profiles. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && errors)
        g_ptr_array_add (*errors,
                         g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                                      _("%s: could not read the profile folder: %s"),
                                      user_dir, error->message));
      return g_steal_pointer (&profiles);
    }

  while (TRUE)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &error))
        {
          if (errors)
            g_ptr_array_add (*errors,
                             g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                                          _("%s: could not read the profile folder: %s"),
                                          user_dir, error->message));
          break;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY ||
          !g_str_has_suffix (g_file_info_get_name (info), ".json"))
        continue;
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_ptr_array_index (names, i));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RsProfile) profile = rs_profile_new_from_file (file, &local_error);
      const char *previous;
      int index;

      if (profile == NULL)
        {
          if (errors)
            g_ptr_array_add (*errors, g_steal_pointer (&local_error));
          continue;
        }

      previous = g_hash_table_lookup (user_ids, rs_profile_get_id (profile));
      if (previous)
        {
          if (errors)
            g_ptr_array_add (*errors,
                             g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_INVALID_FIELD,
                                          _("%s: field “%s” is “%s”, which %s already uses; "
                                            "give one of them another id"),
                                          rs_profile_get_source (profile), "id",
                                          rs_profile_get_id (profile), previous));
          continue;
        }
      g_hash_table_insert (user_ids, g_strdup (rs_profile_get_id (profile)),
                           g_strdup (rs_profile_get_source (profile)));

      /* A user profile with a built-in id replaces the built-in, in place. */
      index = find_index (profiles, rs_profile_get_id (profile));
      if (index >= 0 && (guint) index < n_builtin)
        {
          g_object_unref (g_ptr_array_index (profiles, index));
          g_ptr_array_index (profiles, index) = g_steal_pointer (&profile);
        }
      else
        g_ptr_array_add (profiles, g_steal_pointer (&profile));
    }

  return g_steal_pointer (&profiles);
}

RsProfile *
rs_profile_load_builtin (const char  *id,
                         GError     **error)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  int index;

  g_return_val_if_fail (id != NULL, NULL);

  profiles = load_builtins (&errors);
  index = find_index (profiles, id);
  if (index < 0)
    {
      g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                   _("There is no built-in profile called “%s”"), id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (profiles, index));
}
