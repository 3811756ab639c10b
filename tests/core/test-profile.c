/* test-profile.c: parsing, validation and loading of requirement profiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <libintl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rs-profile.h"

/* A complete, valid profile; the malformed cases are edits of it. */
static const char good_profile[] =
  "{\n"
  "  \"id\": \"test-exchange\",\n"
  "  \"version\": 3,\n"
  "  \"name\": { \"en\": \"Test exchange\", \"zh_CN\": \"测试交易所\", \"zh_TW\": \"測試交易所\" },\n"
  "  \"documents\": [\n"
  "    { \"type\": \"cn-ric\", \"sides\": [\"front\", \"back\"] },\n"
  "    { \"type\": \"passport\", \"sides\": [\"photo-page\"] },\n"
  "    { \"type\": \"hk-hkid\", \"sides\": [\"front\"] }\n"
  "  ],\n"
  "  \"selfie\": { \"required\": true, \"with_document\": true },\n"
  "  \"formats\": [\"jpeg\", \"webp\", \"pdf\"],\n"
  "  \"max_bytes\": 7000000,\n"
  "  \"min_short_side\": 900,\n"
  "  \"max_long_side\": 5000,\n"
  "  \"color_required\": false,\n"
  "  \"min_margin_percent\": 2.5,\n"
  "  \"max_skew_degrees\": 12,\n"
  "  \"min_age\": 21,\n"
  "  \"min_days_valid\": 45,\n"
  "  \"_comment\": \"ignored\"\n"
  "}\n";

static const char minimal_profile[] =
  "{ \"id\": \"min\", \"version\": 1,"
  "  \"name\": { \"en\": \"Minimal\", \"zh_CN\": \"最少\" },"
  "  \"documents\": [ { \"type\": \"passport\", \"sides\": [\"photo-page\"] } ] }";

/* selfie.min_face_percent (the content checks' limit: tests/content). */
static void
test_selfie_face_percent (void)
{
  static const char data[] =
    "{ \"id\": \"face\", \"version\": 1, \"name\": { \"en\": \"Face\", \"zh_CN\": \"人脸\" },"
    "  \"documents\": [ { \"type\": \"passport\", \"sides\": [\"photo-page\"] } ],"
    "  \"selfie\": { \"required\": true, \"min_face_percent\": 25 } }";
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (data, -1, "face.json", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (rs_profile_get_selfie_min_face_percent (profile), ==, 25.0);
}

static void
test_good_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (good_profile, -1, "good.json", &error);
  const RsProfileDocument *doc;
  const char * const *formats;

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpstr (rs_profile_get_id (profile), ==, "test-exchange");
  g_assert_cmpint (rs_profile_get_version (profile), ==, 3);
  g_assert_cmpstr (rs_profile_get_source (profile), ==, "good.json");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "en"), ==, "Test exchange");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "zh_CN"), ==, "测试交易所");

  g_assert_cmpuint (rs_profile_get_n_documents (profile), ==, 3);
  doc = rs_profile_get_document (profile, 0);
  g_assert_cmpstr (doc->type, ==, RS_DOC_CN_RIC);
  g_assert_cmpuint (g_strv_length (doc->sides), ==, 2);
  g_assert_cmpstr (doc->sides[0], ==, RS_SIDE_FRONT);
  g_assert_cmpstr (doc->sides[1], ==, RS_SIDE_BACK);
  doc = rs_profile_get_document (profile, 1);
  g_assert_cmpstr (doc->type, ==, RS_DOC_PASSPORT);
  g_assert_cmpstr (doc->sides[0], ==, RS_SIDE_PHOTO_PAGE);
  g_assert_null (doc->sides[1]);
  g_assert_true (rs_profile_find_document (profile, RS_DOC_HK_HKID) == rs_profile_get_document (profile, 2));
  g_assert_null (rs_profile_find_document (profile, RS_DOC_TW_ID));
  g_assert_null (rs_profile_find_document (profile, NULL));

  g_assert_true (rs_profile_get_selfie_required (profile));
  g_assert_true (rs_profile_get_selfie_with_document (profile));

  formats = rs_profile_get_formats (profile);
  g_assert_cmpuint (g_strv_length ((char **) formats), ==, 3);
  g_assert_true (rs_profile_accepts_format (profile, "jpeg"));
  g_assert_true (rs_profile_accepts_format (profile, "pdf"));
  g_assert_false (rs_profile_accepts_format (profile, "png"));
  g_assert_false (rs_profile_accepts_format (profile, NULL));

  g_assert_cmpint (rs_profile_get_max_bytes (profile), ==, 7000000);
  g_assert_cmpint (rs_profile_get_min_short_side (profile), ==, 900);
  g_assert_cmpint (rs_profile_get_max_long_side (profile), ==, 5000);
  g_assert_false (rs_profile_get_color_required (profile));
  g_assert_cmpfloat_with_epsilon (rs_profile_get_min_margin_percent (profile), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_profile_get_max_skew_degrees (profile), 12.0, 1e-9);
  g_assert_cmpint (rs_profile_get_min_age (profile), ==, 21);
  g_assert_cmpint (rs_profile_get_min_days_valid (profile), ==, 45);
}

/* Optional fields take the defaults documented in docs/profiles.md. */
static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (minimal_profile, -1, "min.json", &error);
  const char * const *formats;

  g_assert_no_error (error);
  g_assert_false (rs_profile_get_selfie_required (profile));
  g_assert_false (rs_profile_get_selfie_with_document (profile));
  g_assert_cmpfloat (rs_profile_get_selfie_min_face_percent (profile), ==, 12.0);
  formats = rs_profile_get_formats (profile);
  g_assert_cmpuint (g_strv_length ((char **) formats), ==, 2);
  g_assert_cmpstr (formats[0], ==, "jpeg");
  g_assert_cmpstr (formats[1], ==, "png");
  g_assert_cmpint (rs_profile_get_max_bytes (profile), ==, 10 * 1024 * 1024);
  g_assert_cmpint (rs_profile_get_min_short_side (profile), ==, 800);
  g_assert_cmpint (rs_profile_get_max_long_side (profile), ==, 8000);
  g_assert_true (rs_profile_get_color_required (profile));
  g_assert_cmpfloat_with_epsilon (rs_profile_get_min_margin_percent (profile), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_profile_get_max_skew_degrees (profile), 10.0, 1e-9);
  g_assert_cmpint (rs_profile_get_min_age (profile), ==, 18);
  g_assert_cmpint (rs_profile_get_min_days_valid (profile), ==, 0);
}

/* Edge values that are allowed. */
static void
test_boundaries (void)
{
  static const char *edits[][2] = {
    { "min_margin_percent", "0" },
    { "min_margin_percent", "50" },
    { "max_skew_degrees", "0.0" },
    { "max_skew_degrees", "45" },
    { "min_age", "0" },
    { "min_days_valid", "0" },
    { "max_bytes", "1" },
    { "max_long_side", "900" }, /* equal to min_short_side */
    { "selfie", "{ \"required\": false }" },
    { "selfie", "{}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonParser) value = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(RsProfile) profile = NULL;
      g_autofree char *data = NULL;
      JsonObject *root;

      g_assert_true (json_parser_load_from_data (parser, good_profile, -1, NULL));
      g_assert_true (json_parser_load_from_data (value, edits[i][1], -1, NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      if (g_str_equal (edits[i][0], "selfie"))
        json_object_remove_member (root, "selfie");
      json_object_set_member (root, edits[i][0], json_node_copy (json_parser_get_root (value)));
      data = json_to_string (json_parser_get_root (parser), TRUE);

      profile = rs_profile_new_from_data (data, -1, "edge.json", &error);
      g_assert_no_error (error);
      g_assert_nonnull (profile);
    }
}

/* Malformed profiles: an edit of good_profile, the expected error code and
 * texts the message must contain (the file name always). */
typedef struct {
  const char *path;    /* "a.b[1].c"; the member to replace or remove */
  const char *value;   /* JSON text, or NULL to remove the member */
  int         code;
  const char *expect1;
  const char *expect2;
} BadCase;

static const BadCase bad_cases[] = {
  /* missing */
  { "id", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“id”", "missing" },
  { "version", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“version”", "missing" },
  { "name", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“name”", "missing" },
  { "name.en", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“name.en”", "missing" },
  { "name.zh_CN", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“name.zh_CN”", "missing" },
  { "documents", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“documents”", "missing" },
  { "documents[0].type", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].type”", "missing" },
  { "documents[1].sides", NULL, RS_PROFILE_ERROR_INVALID_FIELD, "“documents[1].sides”", "missing" },
  /* wrong types */
  { "id", "42", RS_PROFILE_ERROR_INVALID_FIELD, "“id”", "string" },
  { "version", "\"1\"", RS_PROFILE_ERROR_INVALID_FIELD, "“version”", "positive whole number" },
  { "version", "1.5", RS_PROFILE_ERROR_INVALID_FIELD, "“version”", "positive whole number" },
  { "name", "\"Test\"", RS_PROFILE_ERROR_INVALID_FIELD, "“name”", "object" },
  { "name.en", "7", RS_PROFILE_ERROR_INVALID_FIELD, "“name.en”", "string" },
  { "name.zh_CN", "\"  \"", RS_PROFILE_ERROR_INVALID_FIELD, "“name.zh_CN”", "empty" },
  { "documents", "{}", RS_PROFILE_ERROR_INVALID_FIELD, "“documents”", "list" },
  { "documents[2]", "\"hk-hkid\"", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[2]”", "object" },
  { "documents[0].type", "1", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].type”", "string" },
  { "documents[0].sides", "\"front\"", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].sides”", "list" },
  { "documents[0].sides[1]", "true", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].sides[1]”", "string" },
  { "selfie", "true", RS_PROFILE_ERROR_INVALID_FIELD, "“selfie”", "object" },
  { "selfie.required", "\"yes\"", RS_PROFILE_ERROR_INVALID_FIELD, "“selfie.required”", "true or false" },
  { "formats", "\"jpeg\"", RS_PROFILE_ERROR_INVALID_FIELD, "“formats”", "list" },
  { "formats[0]", "1", RS_PROFILE_ERROR_INVALID_FIELD, "“formats[0]”", "string" },
  { "max_bytes", "\"5 MB\"", RS_PROFILE_ERROR_INVALID_FIELD, "“max_bytes”", "positive whole number" },
  { "max_bytes", "1.5", RS_PROFILE_ERROR_INVALID_FIELD, "“max_bytes”", "positive whole number" },
  { "color_required", "1", RS_PROFILE_ERROR_INVALID_FIELD, "“color_required”", "true or false" },
  { "min_margin_percent", "\"3\"", RS_PROFILE_ERROR_INVALID_FIELD, "“min_margin_percent”", "number" },
  { "min_age", "18.5", RS_PROFILE_ERROR_INVALID_FIELD, "“min_age”", "whole number" },
  /* unknown values */
  { "documents[0].type", "\"id-card\"", RS_PROFILE_ERROR_UNKNOWN_DOCUMENT, "“documents[0].type”", "“id-card”" },
  { "documents[0].sides[0]", "\"left\"", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].sides[0]”", "“left”" },
  { "formats[1]", "\"gif\"", RS_PROFILE_ERROR_INVALID_FIELD, "“formats[1]”", "“gif”" },
  { "max_byte", "5", RS_PROFILE_ERROR_INVALID_FIELD, "“max_byte”", "unknown field" },
  { "id", "\"OKX\"", RS_PROFILE_ERROR_INVALID_FIELD, "“id”", "lower-case" },
  { "id", "\"\"", RS_PROFILE_ERROR_INVALID_FIELD, "“id”", "lower-case" },
  { "id", "\"a b\"", RS_PROFILE_ERROR_INVALID_FIELD, "“id”", "lower-case" },
  /* empty and duplicated lists */
  { "documents", "[]", RS_PROFILE_ERROR_INVALID_FIELD, "“documents”", "empty" },
  { "documents[0].sides", "[]", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].sides”", "empty" },
  { "documents[0].sides", "[\"front\", \"front\"]", RS_PROFILE_ERROR_INVALID_FIELD, "“documents[0].sides”", "twice" },
  { "documents[2].type", "\"passport\"", RS_PROFILE_ERROR_INVALID_FIELD, "“documents”", "twice" },
  { "formats", "[]", RS_PROFILE_ERROR_INVALID_FIELD, "“formats”", "empty" },
  { "formats", "[\"png\", \"png\"]", RS_PROFILE_ERROR_INVALID_FIELD, "“formats”", "twice" },
  /* negative sizes and out-of-range numbers */
  { "version", "0", RS_PROFILE_ERROR_INVALID_FIELD, "“version”", "positive whole number" },
  { "max_bytes", "-1", RS_PROFILE_ERROR_INVALID_FIELD, "“max_bytes”", "positive whole number" },
  { "max_bytes", "0", RS_PROFILE_ERROR_INVALID_FIELD, "“max_bytes”", "positive whole number" },
  { "min_short_side", "-800", RS_PROFILE_ERROR_INVALID_FIELD, "“min_short_side”", "from 1 to 65535" },
  { "min_short_side", "0", RS_PROFILE_ERROR_INVALID_FIELD, "“min_short_side”", "from 1 to 65535" },
  { "max_long_side", "-1", RS_PROFILE_ERROR_INVALID_FIELD, "“max_long_side”", "from 1 to 65535" },
  { "max_long_side", "100000", RS_PROFILE_ERROR_INVALID_FIELD, "“max_long_side”", "from 1 to 65535" },
  { "min_margin_percent", "-1", RS_PROFILE_ERROR_INVALID_FIELD, "“min_margin_percent”", "from 0 to 50" },
  { "min_margin_percent", "50.5", RS_PROFILE_ERROR_INVALID_FIELD, "“min_margin_percent”", "from 0 to 50" },
  { "max_skew_degrees", "46", RS_PROFILE_ERROR_INVALID_FIELD, "“max_skew_degrees”", "from 0 to 45" },
  { "max_skew_degrees", "-0.5", RS_PROFILE_ERROR_INVALID_FIELD, "“max_skew_degrees”", "from 0 to 45" },
  { "min_age", "-1", RS_PROFILE_ERROR_INVALID_FIELD, "“min_age”", "from 0 to 120" },
  { "min_days_valid", "-5", RS_PROFILE_ERROR_INVALID_FIELD, "“min_days_valid”", "from 0 to 3660" },
  /* inconsistent */
  { "max_long_side", "899", RS_PROFILE_ERROR_INVALID_FIELD, "“max_long_side” (899)", "“min_short_side” (900)" },
  { "selfie.required", "false", RS_PROFILE_ERROR_INVALID_FIELD, "“selfie.with_document”", "“selfie.required”" },
  { "selfie.min_face_percent", "80", RS_PROFILE_ERROR_INVALID_FIELD, "“min_face_percent”", "from 5 to 60" },
  { "selfie.min_face_percent", "\"big\"", RS_PROFILE_ERROR_INVALID_FIELD, "“min_face_percent”", "from 5 to 60" },
};

/* Replaces (or with @value NULL removes) the member at @path, such as
 * "documents[0].sides[1]", in the parsed good profile. */
static void
apply_edit (JsonNode   *root,
            const char *path,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i]; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      char *bracket = strchr (parts[i], '[');
      g_autofree char *member = g_strndup (parts[i], bracket ? (gsize) (bracket - parts[i]) : strlen (parts[i]));
      JsonObject *object = json_node_get_object (node);
      JsonNode *replacement = NULL;

      if (last && value)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_assert_true (json_parser_load_from_data (parser, value, -1, NULL));
          replacement = json_node_copy (json_parser_get_root (parser));
        }

      if (bracket == NULL)
        {
          if (!last)
            node = json_object_get_member (object, member);
          else if (replacement)
            json_object_set_member (object, member, replacement);
          else
            json_object_remove_member (object, member);
          continue;
        }

      /* one level of indexing is enough for the cases above */
      node = json_object_get_member (object, member);
      {
        guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
        JsonArray *array = json_node_get_array (node);

        if (!last)
          node = json_array_get_element (array, index);
        else
          {
            g_assert_nonnull (replacement);
            json_array_remove_element (array, index);
            /* JsonArray has no insert: rebuild with the replacement in place */
            {
              g_autoptr(JsonArray) rebuilt = json_array_new ();
              guint n = json_array_get_length (array);

              for (guint k = 0; k <= n; k++)
                {
                  if (k == index)
                    json_array_add_element (rebuilt, replacement);
                  if (k < n)
                    json_array_add_element (rebuilt, json_node_copy (json_array_get_element (array, k)));
                }
              json_node_set_array (node, rebuilt);
            }
          }
      }
    }
}

static void
test_bad_profiles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(RsProfile) profile = NULL;
      g_autofree char *data = NULL;

      g_test_message ("case %u: %s = %s", i, c->path, c->value ? c->value : "(removed)");
      g_assert_true (json_parser_load_from_data (parser, good_profile, -1, NULL));
      apply_edit (json_parser_get_root (parser), c->path, c->value);
      data = json_to_string (json_parser_get_root (parser), TRUE);

      profile = rs_profile_new_from_data (data, -1, "bad.json", &error);
      g_assert_null (profile);
      g_assert_error (error, RS_PROFILE_ERROR, c->code);
      g_test_message ("  → %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "bad.json: "));
      g_assert_nonnull (strstr (error->message, c->expect1));
      g_assert_nonnull (strstr (error->message, c->expect2));
    }
}

/* json-glib recurses per level: 80,000 levels crashed the verification of
 * every bundle while such a profile sat in the profiles folder. */
static void
test_deep_json (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"id\": \"x\", \"extra\": ");
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(RsProfile) nul = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  profile = rs_profile_new_from_data (deep->str, (gssize) deep->len, "deep.json", &error);
  g_assert_null (profile);
  g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "deep.json: "));
  g_clear_error (&error);

  nul = rs_profile_new_from_data ("{\"id\": \"a\\u0000b\"}", -1, "nul.json", &error);
  g_assert_null (nul);
  g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE);
}

static void
test_invalid_json (void)
{
  static const struct {
    const char *data;
    const char *location; /* "file:line:column" prefix */
  } cases[] = {
    /* missing comma after line 2 */
    { "{\n  \"id\": \"x\"\n  \"version\": 1\n}\n", "broken.json:2:11:" },
    /* trailing comma */
    { "{\n  \"id\": \"x\",\n}\n", "broken.json:2:12:" },
    /* unterminated string on line 4 */
    { "{\n\n\n  \"id\": \"x,\n  \"version\": 1\n", "broken.json:" },
    { "{ \"id\": x }", "broken.json:1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RsProfile) profile = rs_profile_new_from_data (cases[i].data, -1, "broken.json", &error);
      int line = 0, column = 0;

      g_assert_null (profile);
      g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].location));
      /* Always "file:LINE:COLUMN:" with real numbers. */
      g_assert_cmpint (sscanf (error->message, "broken.json:%d:%d:", &line, &column), ==, 2);
      g_assert_cmpint (line, >=, 1);
      g_assert_cmpint (column, >=, 1);
      g_assert_null (strstr (error->message, "<data>"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RsProfile) profile = rs_profile_new_from_data ("", -1, "empty.json", &error);

    g_assert_null (profile);
    g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_PARSE);
    g_assert_true (g_str_has_prefix (error->message, "empty.json: "));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RsProfile) profile = rs_profile_new_from_data ("[1, 2]", -1, "array.json", &error);

    g_assert_null (profile);
    g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_INVALID_FIELD);
    g_assert_true (g_str_has_prefix (error->message, "array.json: "));
  }
}

static void
test_names (void)
{
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (good_profile, -1, "good.json", NULL);

  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "zh_CN.UTF-8"), ==, "测试交易所");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "zh"), ==, "测试交易所");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "zh_TW"), ==, "測試交易所");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "zh_HK"), ==, "测试交易所");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "en_GB"), ==, "Test exchange");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "fr_FR"), ==, "Test exchange");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, "C"), ==, "Test exchange");

  /* The UI language follows g_get_language_names (), i.e. the environment. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (rs_profile_get_name (profile), ==, "测试交易所");
  g_assert_cmpstr (rs_profile_get_name_for_lang (profile, NULL), ==, "测试交易所");
  g_setenv ("LANGUAGE", "en_US:zh_CN", TRUE);
  g_assert_cmpstr (rs_profile_get_name (profile), ==, "Test exchange");
  g_setenv ("LANGUAGE", "fr:zh_CN", TRUE);
  g_assert_cmpstr (rs_profile_get_name (profile), ==, "测试交易所");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_assert_cmpstr (rs_profile_get_name (profile), ==, "Test exchange");
  g_unsetenv ("LANGUAGE");
}

static void
test_slots (void)
{
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (good_profile, -1, "good.json", NULL);
  g_autoptr(RsProfile) minimal = rs_profile_new_from_data (minimal_profile, -1, "min.json", NULL);
  g_auto(GStrv) ric = rs_profile_get_slots (profile, RS_DOC_CN_RIC);
  g_auto(GStrv) passport = rs_profile_get_slots (profile, RS_DOC_PASSPORT);
  g_auto(GStrv) hkid = rs_profile_get_slots (profile, RS_DOC_HK_HKID);
  g_auto(GStrv) no_selfie = rs_profile_get_slots (minimal, RS_DOC_PASSPORT);
  g_auto(GStrv) missing = rs_profile_get_slots (profile, RS_DOC_TW_ID);

  g_assert_cmpuint (g_strv_length (ric), ==, 3);
  g_assert_cmpstr (ric[0], ==, RS_SLOT_ID_FRONT);
  g_assert_cmpstr (ric[1], ==, RS_SLOT_ID_BACK);
  g_assert_cmpstr (ric[2], ==, RS_SLOT_SELFIE);
  g_assert_cmpuint (g_strv_length (passport), ==, 2);
  g_assert_cmpstr (passport[0], ==, RS_SLOT_PASSPORT);
  g_assert_cmpstr (passport[1], ==, RS_SLOT_SELFIE);
  g_assert_cmpuint (g_strv_length (hkid), ==, 2);
  g_assert_cmpstr (hkid[0], ==, RS_SLOT_ID_FRONT);
  g_assert_cmpuint (g_strv_length (no_selfie), ==, 1);
  g_assert_cmpstr (no_selfie[0], ==, RS_SLOT_PASSPORT);
  g_assert_null (missing);

  g_assert_cmpstr (rs_side_to_slot (RS_SIDE_FRONT), ==, RS_SLOT_ID_FRONT);
  g_assert_cmpstr (rs_side_to_slot (RS_SIDE_BACK), ==, RS_SLOT_ID_BACK);
  g_assert_cmpstr (rs_side_to_slot (RS_SIDE_PHOTO_PAGE), ==, RS_SLOT_PASSPORT);
  g_assert_null (rs_side_to_slot ("left"));
}

static void
test_document_names (void)
{
  const char * const *all = rs_document_type_get_all ();

  g_assert_cmpuint (g_strv_length ((char **) all), ==, 8);
  for (guint i = 0; all[i]; i++)
    {
      g_assert_true (rs_document_type_is_known (all[i]));
      g_assert_cmpstr (rs_document_type_get_name (all[i]), !=, all[i]);
    }
  g_assert_false (rs_document_type_is_known ("id-card"));
  g_assert_false (rs_document_type_is_known (NULL));
  g_assert_cmpstr (rs_document_type_get_name ("id-card"), ==, "id-card");

  g_assert_cmpstr (rs_document_type_get_name (RS_DOC_CN_RIC), ==, "Mainland resident ID card");
  g_assert_cmpstr (rs_slot_get_name (RS_SLOT_ID_FRONT), ==, "ID card — portrait side");
  g_assert_cmpstr (rs_slot_get_name (RS_SLOT_ID_BACK), ==, "ID card — national emblem side");
  g_assert_cmpstr (rs_slot_get_name (RS_SLOT_PASSPORT), ==, "Passport photo page");
  g_assert_cmpstr (rs_slot_get_name (RS_SLOT_SELFIE), ==, "Selfie");
  g_assert_cmpstr (rs_slot_get_name ("other"), ==, "other");

  g_assert_cmpstr (rs_slot_get_name_for_document (RS_SLOT_ID_FRONT, RS_DOC_CN_RIC), ==, "ID card — portrait side");
  g_assert_cmpstr (rs_slot_get_name_for_document (RS_SLOT_ID_FRONT, RS_DOC_HK_HKID), ==, "Document front");
  g_assert_cmpstr (rs_slot_get_name_for_document (RS_SLOT_ID_BACK, RS_DOC_DRIVING_LICENCE), ==, "Document back");
  g_assert_cmpstr (rs_slot_get_name_for_document (RS_SLOT_PASSPORT, RS_DOC_PASSPORT), ==, "Passport photo page");
  g_assert_cmpstr (rs_slot_get_name_for_document (RS_SLOT_SELFIE, RS_DOC_TW_PERMIT), ==, "Selfie");
}

/* Chinese names come from the compiled catalogue in the build tree. */
static void
test_document_names_chinese (void)
{
  const char *localedir = g_getenv ("RESUBMIT_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("RESUBMIT_LOCALEDIR is not set");
      return;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built (ninja resubmit-gmo)");
      return;
    }
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("the C.UTF-8 locale is missing");
      return;
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);

  if (g_str_equal (rs_slot_get_name (RS_SLOT_SELFIE), "Selfie"))
    {
      /* The lead merges po/fragments/profiles.po into zh_CN.po. */
      g_test_skip ("zh_CN.po does not have the profile strings yet");
    }
  else
    {
      g_assert_cmpstr (rs_document_type_get_name (RS_DOC_CN_RIC), ==, "居民身份证");
      g_assert_cmpstr (rs_slot_get_name (RS_SLOT_ID_FRONT), ==, "身份证人像面");
      g_assert_cmpstr (rs_slot_get_name (RS_SLOT_ID_BACK), ==, "身份证国徽面");
      g_assert_cmpstr (rs_slot_get_name (RS_SLOT_PASSPORT), ==, "护照个人信息页");
      g_assert_cmpstr (rs_slot_get_name (RS_SLOT_SELFIE), ==, "自拍照");
      g_assert_cmpstr (rs_slot_get_name_for_document (RS_SLOT_ID_FRONT, RS_DOC_HK_HKID), ==, "证件正面");
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) okx = rs_profile_load_builtin ("okx", &error);
  g_autoptr(RsProfile) generic = NULL;
  g_autoptr(RsProfile) none = NULL;
  static const char * const front_back[] = {
    RS_DOC_CN_RIC, RS_DOC_HK_HKID, RS_DOC_MO_BIR, RS_DOC_TW_ID,
    RS_DOC_HK_MO_PERMIT, RS_DOC_TW_PERMIT,
  };

  g_assert_no_error (error);
  g_assert_cmpstr (rs_profile_get_id (okx), ==, "okx");
  g_assert_cmpstr (rs_profile_get_name_for_lang (okx, "en"), ==, "OKX 欧易 — from its published photo guide");
  g_assert_cmpstr (rs_profile_get_name_for_lang (okx, "zh_CN"), ==, "OKX 欧易 — 依据其公开的拍摄指南");
  g_assert_true (rs_profile_get_selfie_required (okx));
  g_assert_true (rs_profile_get_color_required (okx));

  generic = rs_profile_load_builtin ("generic", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_profile_get_name_for_lang (generic, "en"), ==, "Crypto exchange — typical requirements");
  g_assert_cmpstr (rs_profile_get_name_for_lang (generic, "zh_CN"), ==, "加密货币交易所 — 常见要求");

  /* Both accept every document type, ID cards with both sides. */
  for (guint i = 0; i < G_N_ELEMENTS (front_back); i++)
    {
      RsProfile *profiles[] = { okx, generic };

      for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
        {
          const RsProfileDocument *doc = rs_profile_find_document (profiles[p], front_back[i]);

          g_assert_nonnull (doc);
          g_assert_cmpstrv (doc->sides, ((const char * const[]) { "front", "back", NULL }));
        }
    }
  g_assert_cmpstr (rs_profile_find_document (okx, RS_DOC_PASSPORT)->sides[0], ==, RS_SIDE_PHOTO_PAGE);
  g_assert_nonnull (rs_profile_find_document (okx, RS_DOC_DRIVING_LICENCE));
  g_assert_nonnull (rs_profile_find_document (generic, RS_DOC_DRIVING_LICENCE));

  none = rs_profile_load_builtin ("nope", &error);
  g_assert_null (none);
  g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“nope”"));
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
errors_mention (GPtrArray  *errors,
                const char *text)
{
  for (guint i = 0; i < errors->len; i++)
    if (strstr (((GError *) g_ptr_array_index (errors, i))->message, text))
      return TRUE;
  return FALSE;
}

/* XDG_CONFIG_HOME is a fresh temporary folder (G_TEST_OPTION_ISOLATE_DIRS). */
static void
test_load_all (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "resubmit", "profiles", NULL);
  g_autofree char *subdir = g_build_filename (dir, "folder.json", NULL);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *override = NULL;
  g_autofree char *duplicate = NULL;
  g_autofree char *renamed = NULL;

  g_assert_cmpint (g_mkdir_with_parents (subdir, 0700), ==, 0);

  renamed = g_strdup (good_profile);
  write_file (dir, "a-good.json", renamed);
  write_file (dir, "b-broken.json", "{ \"id\": \"broken\",\n  \"version\": }\n");
  write_file (dir, "c-negative.json", minimal_profile);
  {
    /* a valid file but a negative size */
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *data = NULL;

    g_assert_true (json_parser_load_from_data (parser, minimal_profile, -1, NULL));
    json_object_set_int_member (json_node_get_object (json_parser_get_root (parser)), "max_bytes", -5);
    data = json_to_string (json_parser_get_root (parser), FALSE);
    write_file (dir, "c-negative.json", data);
  }
  override = g_strdup ("{ \"id\": \"okx\", \"version\": 2,"
                       "  \"name\": { \"en\": \"My OKX\", \"zh_CN\": \"我的欧易\" },"
                       "  \"documents\": [ { \"type\": \"cn-ric\", \"sides\": [\"front\"] } ] }");
  write_file (dir, "d-okx.json", override);
  duplicate = g_strdup (good_profile);
  write_file (dir, "e-same-id.json", duplicate);
  write_file (dir, "f-unknown.json",
              "{ \"id\": \"u\", \"version\": 1, \"name\": { \"en\": \"U\", \"zh_CN\": \"U\" },"
              "  \"documents\": [ { \"type\": \"residence-permit\", \"sides\": [\"front\"] } ] }");
  write_file (dir, "g-min.json", minimal_profile);
  write_file (dir, "notes.txt", "not a profile");

  profiles = rs_profile_load_all (NULL, &errors);
  g_assert_nonnull (errors);
  for (guint i = 0; i < errors->len; i++)
    g_test_message ("error: %s", ((GError *) g_ptr_array_index (errors, i))->message);

  /* generic, okx (replaced in place), test-exchange, min */
  g_assert_cmpuint (profiles->len, ==, 4);
  g_assert_cmpstr (rs_profile_get_id (g_ptr_array_index (profiles, 0)), ==, "generic");
  g_assert_cmpstr (rs_profile_get_id (g_ptr_array_index (profiles, 1)), ==, "okx");
  g_assert_cmpstr (rs_profile_get_name_for_lang (g_ptr_array_index (profiles, 1), "en"), ==, "My OKX");
  g_assert_cmpint (rs_profile_get_version (g_ptr_array_index (profiles, 1)), ==, 2);
  g_assert_cmpstr (rs_profile_get_id (g_ptr_array_index (profiles, 2)), ==, "test-exchange");
  g_assert_cmpstr (rs_profile_get_id (g_ptr_array_index (profiles, 3)), ==, "min");
  g_assert_nonnull (strstr (rs_profile_get_source (g_ptr_array_index (profiles, 2)), "a-good.json"));

  /* broken JSON, negative size, duplicate id, unknown document */
  g_assert_cmpuint (errors->len, ==, 4);
  g_assert_true (errors_mention (errors, "b-broken.json:2:"));
  g_assert_true (errors_mention (errors, "c-negative.json: field “max_bytes”"));
  g_assert_true (errors_mention (errors, "e-same-id.json"));
  g_assert_true (errors_mention (errors, "f-unknown.json: field “documents[0].type”"));
  g_assert_false (errors_mention (errors, "notes.txt"));
  g_assert_false (errors_mention (errors, "folder.json"));

  /* The same folder passed explicitly, and no errors array. */
  {
    g_autoptr(GPtrArray) again = rs_profile_load_all (dir, NULL);

    g_assert_cmpuint (again->len, ==, 4);
  }
}

static void
test_load_all_no_folder (void)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "resubmit-no-such-folder", "x", NULL);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (dir, &errors);

  g_assert_cmpuint (profiles->len, ==, 2);
  g_assert_cmpuint (errors->len, ==, 0);
}

static void
test_new_from_file (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/resubmit/missing.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = rs_profile_new_from_file (missing, &error);
  g_autofree char *dir = g_dir_make_tmp ("resubmit-profile-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_null (profile);
  g_assert_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);

  g_assert_nonnull (dir);
  write_file (dir, "p.json", good_profile);
  path = g_build_filename (dir, "p.json", NULL);
  file = g_file_new_for_path (path);
  profile = rs_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_profile_get_source (profile), ==, path);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C", TRUE);
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/profile/good", test_good_profile);
  g_test_add_func ("/profile/selfie-face-percent", test_selfie_face_percent);
  g_test_add_func ("/profile/defaults", test_defaults);
  g_test_add_func ("/profile/boundaries", test_boundaries);
  g_test_add_func ("/profile/bad", test_bad_profiles);
  g_test_add_func ("/profile/invalid-json", test_invalid_json);
  g_test_add_func ("/profile/deep-json", test_deep_json);
  g_test_add_func ("/profile/names", test_names);
  g_test_add_func ("/profile/slots", test_slots);
  g_test_add_func ("/profile/document-names", test_document_names);
  g_test_add_func ("/profile/document-names-chinese", test_document_names_chinese);
  g_test_add_func ("/profile/builtin", test_builtin);
  g_test_add_func ("/profile/load-all", test_load_all);
  g_test_add_func ("/profile/load-all-no-folder", test_load_all_no_folder);
  g_test_add_func ("/profile/new-from-file", test_new_from_file);

  return g_test_run ();
}
