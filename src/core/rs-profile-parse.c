/* rs-profile-parse.c: reading a profile from JSON, with a message for every
 * field that is wrong that says where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rs-file.h"
#include "rs-json.h"
#include "rs-profile-private.h"

/* JPEG and PNG cannot be larger than this on a side anyway. */
#define MAX_PIXELS 65535
#define MAX_AGE 120
#define MAX_DAYS_VALID 3660
#define MAX_ID_LENGTH 64

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
          g_autofree char *known = g_strjoinv (", ", (char **) rs_document_type_get_all ());

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
                     &self->selfie_with_document, error) ||
      !read_double (object, "min_face_percent", 5, 60, self->source,
                    &self->selfie_min_face_percent, error))
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
