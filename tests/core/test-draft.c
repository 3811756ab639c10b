/* test-draft.c: saving, restoring, autosaving and deleting the draft.
 *
 * Every test runs with its own XDG directories (G_TEST_OPTION_ISOLATE_DIRS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rs-draft.h"
#include "rs-cleanup.h"

#define SECRET_ID "11010519491231002X"

G_STATIC_ASSERT (RS_DRAFT_AUTOSAVE_DELAY_MS < 1000);

/* Everything logged in this process, to prove the ID number never is. */
static GString *all_logs;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].value != NULL)
      {
        if (fields[i].length < 0)
          g_string_append (all_logs, fields[i].value);
        else
          g_string_append_len (all_logs, fields[i].value, fields[i].length);
        g_string_append_c (all_logs, '\n');
      }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static RsProfile *
first_profile (GPtrArray *profiles)
{
  g_assert_nonnull (profiles);
  g_assert_cmpuint (profiles->len, >, 0);
  return g_ptr_array_index (profiles, 0);
}

/* A session with every part set. */
static RsSession *
full_session (GPtrArray *profiles)
{
  RsSession *session = rs_session_new ();
  RsProfile *profile = first_profile (profiles);
  const RsProfileDocument *doc;

  rs_session_set_profile (session, profile);
  g_assert_cmpuint (rs_profile_get_n_documents (profile), >, 0);
  doc = rs_profile_get_document (profile, 0);
  rs_session_set_document_type (session, doc->type);
  rs_session_set_reasons (session, RS_REASON_DETAILS | RS_REASON_PHOTO | RS_REASON_UNSURE);
  rs_session_set_field (session, "name", "张三");
  rs_session_set_field (session, "id_number", SECRET_ID);
  rs_session_set_field (session, "id_number_confirm", SECRET_ID);
  rs_session_set_field (session, "birth_date", "1949-12-31");
  rs_session_set_field (session, "sex", "female");
  rs_session_set_field (session, "valid_until", "long-term");
  rs_session_set_field (session, "note", "quote \" backslash \\ newline \n tab \t");
  rs_session_set_photo (session, RS_SLOT_ID_FRONT, "/home/u/照片/front side.jpg");
  rs_session_set_photo (session, RS_SLOT_SELFIE, "/tmp/selfie.png");
  rs_session_set_acknowledged (session, "details:birth_date:age-near-limit", TRUE);
  rs_session_set_acknowledged (session, "photo:id-front:glare", TRUE);
  rs_session_set_step (session, 3);
  return session;
}

static void
assert_strv_equal (char **a,
                   char **b)
{
  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  for (guint i = 0; a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_sessions_equal (RsSession *a,
                       RsSession *b)
{
  g_auto(GStrv) fa = rs_session_list_fields (a);
  g_auto(GStrv) fb = rs_session_list_fields (b);
  g_auto(GStrv) pa = rs_session_list_photo_slots (a);
  g_auto(GStrv) pb = rs_session_list_photo_slots (b);
  g_auto(GStrv) aa = rs_session_list_acknowledged (a);
  g_auto(GStrv) ab = rs_session_list_acknowledged (b);

  g_assert_cmpstr (rs_session_get_profile_id (a), ==, rs_session_get_profile_id (b));
  g_assert_cmpstr (rs_session_get_document_type (a), ==, rs_session_get_document_type (b));
  g_assert_cmpint (rs_session_get_reasons (a), ==, rs_session_get_reasons (b));
  g_assert_cmpint (rs_session_get_step (a), ==, rs_session_get_step (b));
  assert_strv_equal (fa, fb);
  for (guint i = 0; fa[i] != NULL; i++)
    g_assert_cmpstr (rs_session_get_field (a, fa[i]), ==, rs_session_get_field (b, fa[i]));
  assert_strv_equal (pa, pb);
  for (guint i = 0; pa[i] != NULL; i++)
    g_assert_cmpstr (rs_session_get_photo (a, pa[i]), ==, rs_session_get_photo (b, pa[i]));
  assert_strv_equal (aa, ab);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Names in @dir starting with @prefix, sorted. */
static GPtrArray *
list_dir (const char *dir,
          const char *prefix)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static void
test_paths (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *data = rs_draft_get_data_dir ();
  g_autofree char *cache = rs_draft_get_cache_dir ();
  g_autofree char *want_path = g_build_filename (g_get_user_data_dir (), "resubmit", "draft.json", NULL);
  g_autofree char *want_cache = g_build_filename (g_get_user_cache_dir (), "resubmit", NULL);

  g_assert_cmpstr (path, ==, want_path);
  g_assert_cmpstr (cache, ==, want_cache);
  g_assert_true (g_str_has_prefix (path, data));
  /* Isolated: never the real home of whoever runs the tests. */
  g_assert_true (g_str_has_prefix (path, g_get_tmp_dir ()) || g_getenv ("XDG_DATA_HOME") != NULL);
  g_assert_false (rs_draft_exists (NULL));
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  g_autoptr(RsSession) session = full_session (profiles);
  g_autoptr(RsSession) restored = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autofree char *missing = NULL;

  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rs_draft_exists (NULL));

  rs_session_set_field (restored, "stale", "must disappear");
  rs_draft_load_full (NULL, restored, profiles, &missing, &saved, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  assert_sessions_equal (session, restored);
  g_assert_null (rs_session_get_field (restored, "stale"));
  g_assert_true (rs_session_get_profile (restored) == first_profile (profiles));

  g_assert_nonnull (saved);
  /* Saved in whole seconds, so allow the second it was saved in. */
  g_assert_cmpint (g_date_time_difference (saved, before), >=, -G_TIME_SPAN_SECOND);

  /* rs_draft_load() finds the same profile by id among the installed ones. */
  {
    g_autoptr(RsSession) again = rs_session_new ();

    rs_draft_load (NULL, again, &error);
    g_assert_no_error (error);
    assert_sessions_equal (session, again);
    g_assert_nonnull (rs_session_get_profile (again));
  }
}

static void
test_json_shape (void)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  g_autoptr(RsSession) session = full_session (profiles);
  g_autofree char *json = rs_draft_to_json (session);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved = NULL;
  JsonObject *root, *details, *fields, *photos;
  JsonArray *reasons, *acks;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "resubmit-draft");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  saved = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "saved"), NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==,
                   rs_session_get_profile_id (session));
  g_assert_cmpstr (json_object_get_string_member (root, "document_type"), ==,
                   rs_session_get_document_type (session));

  reasons = json_object_get_array_member (root, "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (reasons, 0), ==, "details");
  g_assert_cmpstr (json_array_get_string_element (reasons, 1), ==, "photo");
  g_assert_cmpstr (json_array_get_string_element (reasons, 2), ==, "unsure");

  /* The details record is the one `resubmit-check details` reads:
   * exactly document_type and fields. */
  details = json_object_get_object_member (root, "details");
  g_assert_cmpuint (json_object_get_size (details), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (details, "document_type"), ==,
                   rs_session_get_document_type (session));
  fields = json_object_get_object_member (details, "fields");
  g_assert_cmpuint (json_object_get_size (fields), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (fields, "id_number"), ==, SECRET_ID);
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "张三");

  photos = json_object_get_object_member (root, "photos");
  g_assert_cmpstr (json_object_get_string_member (photos, "id-front"), ==,
                   "/home/u/照片/front side.jpg");
  acks = json_object_get_array_member (root, "acknowledged");
  g_assert_cmpuint (json_array_get_length (acks), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "step"), ==, 3);
}

static void
test_empty_session (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsSession) restored = rs_session_new ();
  g_autoptr(GError) error = NULL;

  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  rs_session_set_step (restored, 4);
  rs_draft_load (NULL, restored, &error);
  g_assert_no_error (error);
  assert_sessions_equal (session, restored);
  g_assert_null (rs_session_get_profile (restored));
}

static void
test_not_found (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;

  rs_session_set_field (session, "name", "kept");
  g_assert_false (rs_draft_load (NULL, session, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NOT_FOUND);
  g_assert_cmpstr (rs_session_get_field (session, "name"), ==, "kept");
}

static const struct {
  const char *name;
  const char *contents;
  int         length; /* -1: strlen */
} corrupt_cases[] = {
  { "garbage", "\x89PNG\r\n\x1a\n this is not a draft at all", -1 },
  { "empty", "", 0 },
  { "not-utf8", "{\"format\":\"resubmit-draft\",\"version\":1,\"profile\":\"\xff\xfe\"}", -1 },
  { "truncated", "{\"format\":\"resubmit-draft\",\"version\":1,\"profile\":\"okx\",\"details\":{\"document_type\":\"cn-ric\",\"fie", -1 },
  { "array-root", "[1, 2, 3]", -1 },
  { "wrong-format", "{\"format\":\"something-else\",\"version\":1}", -1 },
  { "no-version", "{\"format\":\"resubmit-draft\"}", -1 },
  { "version-string", "{\"format\":\"resubmit-draft\",\"version\":\"1\"}", -1 },
  { "version-zero", "{\"format\":\"resubmit-draft\",\"version\":0}", -1 },
  { "profile-number", "{\"format\":\"resubmit-draft\",\"version\":1,\"profile\":7}", -1 },
  { "reasons-string", "{\"format\":\"resubmit-draft\",\"version\":1,\"reasons\":\"details\"}", -1 },
  { "reason-unknown", "{\"format\":\"resubmit-draft\",\"version\":1,\"reasons\":[\"bribery\"]}", -1 },
  { "field-number", "{\"format\":\"resubmit-draft\",\"version\":1,\"details\":{\"document_type\":\"cn-ric\",\"fields\":{\"id_number\":110105}}}", -1 },
  { "details-array", "{\"format\":\"resubmit-draft\",\"version\":1,\"details\":[]}", -1 },
  { "type-mismatch", "{\"format\":\"resubmit-draft\",\"version\":1,\"document_type\":\"passport\",\"details\":{\"document_type\":\"cn-ric\",\"fields\":{}}}", -1 },
  { "photos-array", "{\"format\":\"resubmit-draft\",\"version\":1,\"photos\":[\"/a.jpg\"]}", -1 },
  { "ack-object", "{\"format\":\"resubmit-draft\",\"version\":1,\"acknowledged\":[{}]}", -1 },
  { "step-string", "{\"format\":\"resubmit-draft\",\"version\":1,\"step\":\"two\"}", -1 },
  { "step-negative", "{\"format\":\"resubmit-draft\",\"version\":1,\"step\":-1}", -1 },
  /* json-glib would keep "a" of "a\u0000b", or overflow its stack on deep
   * nesting (80,000 levels crashed every start). */
  { "nul-escape", "{\"format\":\"resubmit-draft\",\"version\":1,\"profile\":\"a\\u0000b\"}", -1 },
  { "deep", "{\"format\":\"resubmit-draft\",\"version\":1,\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", -1 },
  { "saved-not-date", "{\"format\":\"resubmit-draft\",\"version\":1,\"saved\":\"yesterday\"}", -1 },
};

static void
test_corrupt (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *dir = rs_draft_get_data_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (corrupt_cases); i++)
    {
      g_autoptr(RsSession) session = rs_session_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GPtrArray) after = NULL;
      g_autofree char *aside = NULL;
      g_autofree char *moved = NULL;
      gsize length = corrupt_cases[i].length < 0 ? strlen (corrupt_cases[i].contents)
                                                 : (gsize) corrupt_cases[i].length;

      g_test_message ("corrupt case: %s", corrupt_cases[i].name);
      write_file (path, corrupt_cases[i].contents, (gssize) length);
      before = list_dir (dir, "draft.json.corrupt-");

      rs_session_set_field (session, "name", "typed before loading");
      g_assert_false (rs_draft_load (NULL, session, &error));
      g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_CORRUPT);

      /* The session was not touched: the app starts cleanly. */
      g_assert_cmpstr (rs_session_get_field (session, "name"), ==, "typed before loading");
      g_assert_false (rs_draft_exists (NULL));

      /* Exactly one new copy, named by the time, holding the original
       * bytes, and the message says where it is. */
      after = list_dir (dir, "draft.json.corrupt-");
      g_assert_cmpuint (after->len, ==, before->len + 1);
      for (guint j = 0; j < after->len && aside == NULL; j++)
        if (!g_ptr_array_find_with_equal_func (before, g_ptr_array_index (after, j), g_str_equal, NULL))
          aside = g_build_filename (dir, (char *) g_ptr_array_index (after, j), NULL);
      g_assert_nonnull (aside);
      g_assert_true (g_regex_match_simple ("draft\\.json\\.corrupt-[0-9]{8}-[0-9]{6}(-[0-9]+)?$",
                                           aside, 0, 0));
      g_assert_nonnull (strstr (error->message, aside));
      g_file_get_contents (aside, &moved, &length, NULL);
      g_assert_nonnull (moved);
      g_assert_cmpmem (moved, length, corrupt_cases[i].contents,
                       corrupt_cases[i].length < 0 ? strlen (corrupt_cases[i].contents)
                                                   : (gsize) corrupt_cases[i].length);

      /* Starting again afterwards is clean: no draft. */
      g_clear_error (&error);
      g_assert_false (rs_draft_load (NULL, session, &error));
      g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NOT_FOUND);
    }
}

static void
test_unreadable (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *dir = rs_draft_get_data_dir ();
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) aside = NULL;

  /* A directory where the draft should be cannot be read as a file. */
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_false (rs_draft_load (NULL, session, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_CORRUPT);
  aside = list_dir (dir, "draft.json.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_newer_version (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *dir = rs_draft_get_data_dir ();
  /* A future format may change anything but format and version. */
  const char *future = "{\"format\":\"resubmit-draft\",\"version\":2,"
                       "\"details\":[\"restructured\"],\"step\":\"x\"}";
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autofree char *after = NULL;

  write_file (path, future, -1);
  rs_session_set_field (session, "name", "untouched");
  g_assert_false (rs_draft_load (NULL, session, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_nonnull (strstr (error->message, path));

  after = read_file (path);
  g_assert_cmpstr (after, ==, future);
  aside = list_dir (dir, "draft.json.corrupt-");
  g_assert_cmpuint (aside->len, ==, 0);
  g_assert_cmpstr (rs_session_get_field (session, "name"), ==, "untouched");
}

static void
test_profile_missing (void)
{
  g_autofree char *path = rs_draft_get_default_path ();
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  write_file (path,
              "{\"format\":\"resubmit-draft\",\"version\":1,\"profile\":\"gone-exchange\","
              "\"document_type\":\"passport\",\"reasons\":[\"photo\"],"
              "\"details\":{\"document_type\":\"passport\",\"fields\":{\"surname\":\"LI\"}},"
              "\"photos\":{\"passport\":\"/p.jpg\"},\"acknowledged\":[\"a\"],\"step\":2}",
              -1);
  g_assert_false (rs_draft_load_full (NULL, session, profiles, &missing, NULL, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_PROFILE_MISSING);
  g_assert_nonnull (strstr (error->message, "gone-exchange"));
  g_assert_cmpstr (missing, ==, "gone-exchange");

  /* Everything else came back. */
  g_assert_null (rs_session_get_profile (session));
  g_assert_cmpstr (rs_session_get_document_type (session), ==, "passport");
  g_assert_cmpint (rs_session_get_reasons (session), ==, RS_REASON_PHOTO);
  g_assert_cmpstr (rs_session_get_field (session, "surname"), ==, "LI");
  g_assert_cmpstr (rs_session_get_photo (session, "passport"), ==, "/p.jpg");
  g_assert_true (rs_session_is_acknowledged (session, "a"));
  g_assert_cmpint (rs_session_get_step (session), ==, 2);
  /* The draft itself is kept as it was. */
  g_assert_true (rs_draft_exists (NULL));

  /* The missing profile's id survives the next save. */
  g_assert_cmpstr (rs_session_get_profile_id (session), ==, "gone-exchange");
  g_clear_error (&error);
  g_assert_true (rs_draft_save (session, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *saved = read_file (path);
    g_assert_nonnull (strstr (saved, "\"gone-exchange\""));
  }
}

static void
test_interrupted_save (void)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  g_autoptr(RsSession) session = full_session (profiles);
  g_autoptr(RsSession) restored = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *dir = rs_draft_get_data_dir ();
  g_autofree char *good = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) temps = NULL;
  g_autofree char *stale = NULL;

  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  good = read_file (path);

  /* Die after the temp file is complete, before the rename. */
  rs_session_set_field (session, "name", "李四");
  rs_draft_set_fail_before_rename_for_testing (TRUE);
  g_assert_false (rs_draft_save (session, NULL, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO);
  g_clear_error (&error);

  now = read_file (path);
  g_assert_cmpstr (now, ==, good);
  temps = list_dir (dir, "draft.json.");
  g_assert_cmpuint (temps->len, ==, 1);  /* the leftover temp file */

  /* A truncated leftover (a crash mid-write) is not read either. */
  stale = g_build_filename (dir, "draft.json.AbC123", NULL);
  write_file (stale, "{\"format\":\"resubmit-dr", -1);

  rs_draft_load_full (NULL, restored, profiles, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_session_get_field (restored, "name"), ==, "张三");

  /* The next save goes through. */
  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  rs_draft_load_full (NULL, restored, profiles, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_session_get_field (restored, "name"), ==, "李四");
}

static void
test_rename_fails (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "elsewhere", NULL);
  g_autofree char *path = g_build_filename (dir, "draft.json", NULL);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autoptr(GPtrArray) left = NULL;

  /* The target is a non-empty directory: rename(2) must fail, and the
   * temp file must not be left behind. */
  write_file (inside, "x", -1);
  rs_session_set_field (session, "name", "x");
  g_assert_false (rs_draft_save (session, path, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  left = list_dir (dir, "draft.json.");
  g_assert_cmpuint (left->len, ==, 0);
}

static void
test_modes (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *dir = rs_draft_get_data_dir ();
  g_autofree char *cache = NULL;
  GStatBuf st;
  mode_t old_umask;

  /* A permissive umask must not leak into the files we create. */
  old_umask = umask (0);
  rs_session_set_field (session, "id_number", SECRET_ID);
  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  umask (old_umask);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);

  /* An existing, too open directory is tightened; the replaced file is 0600. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  cache = rs_draft_ensure_cache_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (cache, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
}

typedef struct {
  guint   saved;
  guint   errors;
  gint64  first_saved_at;
  GError *error;
} AutosaveCounts;

static void
on_saved (RsDraftAutosave *autosave,
          AutosaveCounts  *counts)
{
  if (counts->saved++ == 0)
    counts->first_saved_at = g_get_monotonic_time ();
}

static void
on_error (RsDraftAutosave *autosave,
          const GError    *error,
          AutosaveCounts  *counts)
{
  counts->errors++;
  g_clear_error (&counts->error);
  counts->error = g_error_copy (error);
}

static void
spin_for (gint64 usec)
{
  gint64 end = g_get_monotonic_time () + usec;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* Spin until @counter moves past @than or @timeout_usec passes. */
static gboolean
spin_until_more (const guint *counter,
                 guint        than,
                 gint64       timeout_usec)
{
  gint64 end = g_get_monotonic_time () + timeout_usec;

  while (*counter <= than && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return *counter > than;
}

static void
test_autosave_debounce (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsSession) restored = rs_session_new ();
  g_autoptr(RsDraftAutosave) autosave = rs_draft_autosave_new (session, NULL);
  g_autoptr(GError) error = NULL;
  AutosaveCounts counts = { 0 };
  const char *typing[] = { "1", "11", "110", "1101", "11010" };
  gint64 started;

  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved), &counts);
  g_signal_connect (autosave, "error", G_CALLBACK (on_error), &counts);
  g_assert_false (rs_draft_autosave_get_pending (autosave));

  /* A burst of typing is coalesced into one write with the last value. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      rs_session_set_field (session, "id_number", typing[i]);
      g_assert_true (rs_draft_autosave_get_pending (autosave));
      spin_for (20 * 1000);
    }
  g_assert_false (rs_draft_exists (NULL));
  g_assert_true (spin_until_more (&counts.saved, 0, 5 * G_USEC_PER_SEC));
  g_test_message ("first autosave %" G_GINT64_FORMAT " ms after the first change",
                  (counts.first_saved_at - started) / 1000);
  /* Not before the delay (so it debounces), and within 1 s of the first
   * change (the timer is set for RS_DRAFT_AUTOSAVE_DELAY_MS). */
  g_assert_cmpint (counts.first_saved_at - started, >=, RS_DRAFT_AUTOSAVE_DELAY_MS * 1000);
  g_assert_cmpint (counts.first_saved_at - started, <, G_USEC_PER_SEC);
  spin_for (RS_DRAFT_AUTOSAVE_DELAY_MS * 2 * 1000);
  g_assert_cmpuint (counts.saved, ==, 1);
  g_assert_cmpuint (counts.errors, ==, 0);
  g_assert_false (rs_draft_autosave_get_pending (autosave));
  rs_draft_load (NULL, restored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_session_get_field (restored, "id_number"), ==, "11010");
}

static void
test_autosave_not_postponed (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsDraftAutosave) autosave = rs_draft_autosave_new (session, NULL);
  AutosaveCounts counts = { 0 };
  gint64 end;
  guint n = 0;

  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved), &counts);

  /* Continuous typing, one key every 100 ms for 3 delays: a debounce that
   * restarted on each change would never save during it. */
  end = g_get_monotonic_time () + RS_DRAFT_AUTOSAVE_DELAY_MS * 3 * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_autofree char *value = g_strdup_printf ("%u", n++);

      rs_session_set_field (session, "name", value);
      spin_for (100 * 1000);
    }
  g_assert_cmpuint (counts.saved, >=, 2);
  g_assert_true (rs_draft_exists (NULL));
}

static void
test_autosave_flush (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsSession) restored = rs_session_new ();
  g_autoptr(RsDraftAutosave) autosave = rs_draft_autosave_new (session, NULL);
  g_autoptr(GError) error = NULL;
  AutosaveCounts counts = { 0 };

  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved), &counts);

  g_assert_true (rs_draft_autosave_flush (autosave, &error));
  g_assert_cmpuint (counts.saved, ==, 0);  /* nothing pending */

  rs_session_set_field (session, "name", "quit right away");
  g_assert_true (rs_draft_autosave_flush (autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.saved, ==, 1);
  g_assert_false (rs_draft_autosave_get_pending (autosave));
  rs_draft_load (NULL, restored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_session_get_field (restored, "name"), ==, "quit right away");

  /* The timer was cancelled by the flush. */
  spin_for (RS_DRAFT_AUTOSAVE_DELAY_MS * 2 * 1000);
  g_assert_cmpuint (counts.saved, ==, 1);

  /* Dropping the autosave writes what is pending. */
  rs_session_set_field (session, "name", "on dispose");
  g_clear_object (&autosave);
  rs_draft_load (NULL, restored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_session_get_field (restored, "name"), ==, "on dispose");
}

static void
test_autosave_start_over (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsDraftAutosave) autosave = rs_draft_autosave_new (session, NULL);
  g_autoptr(GError) error = NULL;

  rs_session_set_field (session, "name", "x");
  g_assert_true (rs_draft_autosave_flush (autosave, &error));
  g_assert_true (rs_draft_exists (NULL));

  /* Start over: an empty session leaves no draft behind. */
  rs_session_reset (session);
  g_assert_true (rs_draft_autosave_flush (autosave, &error));
  g_assert_no_error (error);
  g_assert_false (rs_draft_exists (NULL));

  /* Paused: changes are not written, and unpausing does not write them. */
  rs_draft_autosave_set_paused (autosave, TRUE);
  rs_session_set_field (session, "name", "y");
  g_assert_false (rs_draft_autosave_get_pending (autosave));
  spin_for (RS_DRAFT_AUTOSAVE_DELAY_MS * 2 * 1000);
  g_assert_false (rs_draft_exists (NULL));
  rs_draft_autosave_set_paused (autosave, FALSE);
  g_assert_true (rs_draft_autosave_flush (autosave, &error));
  g_assert_false (rs_draft_exists (NULL));
  rs_session_set_field (session, "name", "z");
  g_assert_true (rs_draft_autosave_flush (autosave, &error));
  g_assert_true (rs_draft_exists (NULL));
}

static void
test_autosave_error (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "a-file", NULL);
  g_autofree char *path = g_build_filename (blocker, "draft.json", NULL);
  g_autoptr(RsDraftAutosave) autosave = NULL;
  AutosaveCounts counts = { 0 };

  /* The draft's folder cannot be created: a file is in the way. */
  write_file (blocker, "", 0);
  autosave = rs_draft_autosave_new (session, path);
  g_assert_cmpstr (rs_draft_autosave_get_path (autosave), ==, path);
  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved), &counts);
  g_signal_connect (autosave, "error", G_CALLBACK (on_error), &counts);

  rs_session_set_field (session, "name", "x");
  g_assert_true (spin_until_more (&counts.errors, 0, 5 * G_USEC_PER_SEC));
  g_assert_cmpuint (counts.saved, ==, 0);
  g_assert_error (counts.error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (counts.error->message, blocker));
  g_assert_true (rs_draft_autosave_get_pending (autosave));

  /* Fix the problem: the next change is saved. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  rs_session_set_field (session, "name", "y");
  g_assert_true (spin_until_more (&counts.saved, 0, 5 * G_USEC_PER_SEC));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_error (&counts.error);
}

/* Notes @path as a staging path from a process that then dies. */
static void
remember_in_dead_process (const char *path)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (rs_cleanup_remember (path) != NULL ? 0 : 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
test_leftovers (void)
{
  g_autofree char *exports = g_build_filename (g_get_user_config_dir (), "exports", NULL);
  g_autofree char *stage = g_build_filename (exports, ".Resubmit.zip.partial-Ab12Cd", NULL);
  g_autofree char *photo = g_build_filename (stage, "1-id-card-front.jpg", NULL);
  g_autofree char *zip_tmp = g_build_filename (exports, ".Resubmit.zip.tmp-Xy34Zw", NULL);
  g_autofree char *live = g_build_filename (exports, ".Live.zip.partial-Ef56Gh", NULL);
  g_autofree char *important = g_build_filename (exports, "important", NULL);
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *temp = g_strconcat (path, ".Qw12Er", NULL);
  g_autofree char *corrupt = g_strconcat (path, ".corrupt-20260101-120000", NULL);
  g_autofree char *live_note = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir_with_parents (stage, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (live, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (important, 0700), ==, 0);
  write_file (photo, "\xff\xd8\xff", 3);
  write_file (zip_tmp, "PK", -1);
  write_file (temp, "{", -1);
  write_file (corrupt, "junk", -1);

  /* A killed export's staging folder and zip temp file go; so does an
   * orphan draft temp file. The staging of a process still running, and a
   * path that is no staging path whatever the note says, stay. */
  remember_in_dead_process (stage);
  remember_in_dead_process (zip_tmp);
  remember_in_dead_process (important);
  live_note = rs_cleanup_remember (live);
  g_assert_nonnull (live_note);

  g_assert_cmpuint (rs_cleanup_leftovers (removed), ==, 4);
  g_assert_false (g_file_test (stage, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (zip_tmp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_ptr_array_find_with_equal_func (removed, photo, g_str_equal, NULL));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (important, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (corrupt, G_FILE_TEST_EXISTS));

  /* The notes of the dead are gone: nothing more to do next time. */
  g_ptr_array_set_size (removed, 0);
  g_assert_cmpuint (rs_cleanup_leftovers (removed), ==, 0);

  rs_cleanup_forget (live_note);
  g_assert_false (g_file_test (live_note, G_FILE_TEST_EXISTS));
  g_rmdir (live);
  g_rmdir (important);
  g_unlink (corrupt);
}

static void
test_delete_all (void)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  g_autoptr(RsSession) session = full_session (profiles);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = rs_draft_get_data_dir ();
  g_autofree char *cache = NULL;
  g_autofree char *path = rs_draft_get_default_path ();
  g_autofree char *corrupt = g_strconcat (path, ".corrupt-20260101-120000", NULL);
  g_autofree char *temp = g_strconcat (path, ".Zx81Qp", NULL);
  g_autofree char *fixed = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *outside = g_build_filename (g_get_user_config_dir (), "not-ours.txt", NULL);
  g_autofree char *link = NULL;
  g_auto(GStrv) removed = NULL;

  rs_draft_save (session, NULL, &error);
  g_assert_no_error (error);
  write_file (corrupt, "junk", -1);
  write_file (temp, "{", -1);
  cache = rs_draft_ensure_cache_dir (&error);
  g_assert_no_error (error);
  fixed = g_build_filename (cache, "id-front-fixed.jpg", NULL);
  nested = g_build_filename (cache, "thumbs", "a.png", NULL);
  write_file (fixed, "\xff\xd8\xff", 3);
  write_file (nested, "png", -1);
  /* A symlink to a file that is not ours: the link goes, the file stays. */
  write_file (outside, "keep me", -1);
  link = g_build_filename (cache, "link", NULL);
  g_assert_cmpint (symlink (outside, link), ==, 0);

  g_assert_true (rs_draft_delete_all_data (&removed, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_strv_contains ((const char * const *) removed, path));
  g_assert_true (g_strv_contains ((const char * const *) removed, corrupt));
  g_assert_true (g_strv_contains ((const char * const *) removed, temp));
  g_assert_true (g_strv_contains ((const char * const *) removed, fixed));
  g_assert_true (g_strv_contains ((const char * const *) removed, nested));
  g_assert_true (g_strv_contains ((const char * const *) removed, link));
  g_assert_true (g_strv_contains ((const char * const *) removed, data));
  g_assert_true (g_strv_contains ((const char * const *) removed, cache));
  g_assert_cmpuint (g_strv_length (removed), ==, 9);  /* + thumbs/ and its file */

  /* Nothing left: a second call removes nothing and succeeds. */
  g_clear_pointer (&removed, g_strfreev);
  g_assert_true (rs_draft_delete_all_data (&removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (removed), ==, 0);
}

static void
test_delete_all_fails (void)
{
  g_autofree char *data = rs_draft_get_data_dir ();
  g_autofree char *locked = g_build_filename (data, "locked", NULL);
  g_autofree char *inside = g_build_filename (locked, "f", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) removed = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores directory permissions");
      return;
    }

  write_file (inside, "x", -1);
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
  g_assert_false (rs_draft_delete_all_data (&removed, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, inside));
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

/* Last: nothing above wrote the ID number to the log. */
static void
test_no_id_in_logs (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rs_draft_get_default_path ();

  /* And a failing load of a draft full of it does not echo it either. */
  write_file (path, "{\"format\":\"resubmit-draft\",\"version\":1,\"details\":{\"fields\":{\""
              SECRET_ID "\":" SECRET_ID "0}}}", -1);
  g_assert_false (rs_draft_load (NULL, session, &error));
  g_assert_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_CORRUPT);
  g_log_structured_standard (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG, __FILE__, G_STRINGIFY (__LINE__),
                             G_STRFUNC, "%s", "log capture works");

  g_assert_nonnull (strstr (all_logs->str, "log capture works"));
  g_assert_null (strstr (all_logs->str, SECRET_ID));
}

int
main (int   argc,
      char *argv[])
{
  all_logs = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draft/paths", test_paths);
  g_test_add_func ("/draft/round-trip", test_round_trip);
  g_test_add_func ("/draft/json-shape", test_json_shape);
  g_test_add_func ("/draft/empty-session", test_empty_session);
  g_test_add_func ("/draft/not-found", test_not_found);
  g_test_add_func ("/draft/corrupt", test_corrupt);
  g_test_add_func ("/draft/unreadable", test_unreadable);
  g_test_add_func ("/draft/newer-version", test_newer_version);
  g_test_add_func ("/draft/profile-missing", test_profile_missing);
  g_test_add_func ("/draft/interrupted-save", test_interrupted_save);
  g_test_add_func ("/draft/rename-fails", test_rename_fails);
  g_test_add_func ("/draft/modes", test_modes);
  g_test_add_func ("/draft/autosave/debounce", test_autosave_debounce);
  g_test_add_func ("/draft/autosave/not-postponed", test_autosave_not_postponed);
  g_test_add_func ("/draft/autosave/flush", test_autosave_flush);
  g_test_add_func ("/draft/autosave/start-over", test_autosave_start_over);
  g_test_add_func ("/draft/autosave/error", test_autosave_error);
  g_test_add_func ("/draft/leftovers", test_leftovers);
  g_test_add_func ("/draft/delete-all", test_delete_all);
  g_test_add_func ("/draft/delete-all-fails", test_delete_all_fails);
  /* A separate suite, so it runs after every /draft test above. */
  g_test_add_func ("/draft-logs/no-id-number", test_no_id_in_logs);

  return g_test_run ();
}
