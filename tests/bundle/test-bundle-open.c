/* test-bundle-open.c: export a real bundle (generated photos), open it
 * again, and check that the session comes back whole; damaged, foreign and
 * too-new bundles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle.h"
#include "rs-bundle-open.h"
#include "rs-draft.h"
#include "rs-photo-set.h"
#include "rs-validate.h"
#include "rs-test-fixtures.h"

#define EXTRA_ACK "confirm:compared-details"

static char *tmp_root;
static char *front_path;
static char *back_path;
static char *selfie_path;
static GDateTime *today;

/* ---- helpers ---- */

static RsSession *
make_session (void)
{
  RsSession *session = rs_test_make_session ("generic", front_path, back_path, selfie_path);

  rs_session_set_acknowledged (session, EXTRA_ACK, TRUE);
  return session;
}

/* Exports a fresh session to @target (folder, or zip when it ends in .zip). */
static char *
export_bundle (const char *target)
{
  g_autoptr(RsSession) session = make_session ();
  g_autoptr(RsBundleRequest) request = rs_bundle_request_new (session, target);
  g_autoptr(GError) error = NULL;
  char *path;

  rs_bundle_request_set_now (request, today);
  rs_bundle_request_set_lang (request, "en");
  path = rs_bundle_export (request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, target);
  return path;
}

/* A session that already holds other things, to see them replaced (or,
 * after an error, kept). */
static RsSession *
make_other_session (void)
{
  RsSession *session = rs_session_new ();
  g_autoptr(RsProfile) profile = rs_test_load_profile ("okx");

  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, RS_DOC_PASSPORT);
  rs_session_set_reasons (session, RS_REASON_PHOTO | RS_REASON_DETAILS);
  rs_session_set_field (session, "email", "someone@example.org");
  rs_session_set_photo (session, RS_SLOT_PASSPORT, "/nowhere/passport.jpg");
  rs_session_set_acknowledged (session, "details:phone:format", TRUE);
  rs_session_set_step (session, 2);
  return session;
}

/* Everything a session holds, as one comparable text. */
static char *
snapshot (RsSession *session)
{
  GString *text = g_string_new (NULL);
  g_auto(GStrv) fields = rs_session_list_fields (session);
  g_auto(GStrv) slots = rs_session_list_photo_slots (session);
  g_auto(GStrv) acks = rs_session_list_acknowledged (session);

  g_string_append_printf (text, "profile=%s object=%d type=%s reasons=%u step=%d\n",
                          rs_session_get_profile_id (session),
                          rs_session_get_profile (session) != NULL,
                          rs_session_get_document_type (session),
                          (guint) rs_session_get_reasons (session),
                          rs_session_get_step (session));
  for (guint i = 0; fields[i] != NULL; i++)
    g_string_append_printf (text, "field %s=%s\n", fields[i], rs_session_get_field (session, fields[i]));
  for (guint i = 0; slots[i] != NULL; i++)
    g_string_append_printf (text, "photo %s=%s\n", slots[i], rs_session_get_photo (session, slots[i]));
  for (guint i = 0; acks[i] != NULL; i++)
    g_string_append_printf (text, "ack %s\n", acks[i]);
  return g_string_free (text, FALSE);
}

static JsonNode *
read_manifest_from_folder (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The manifest inside a zip. */
static JsonNode *
read_manifest_from_zip (const char *zip)
{
  struct archive *in = archive_read_new ();
  struct archive_entry *entry;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gboolean found = FALSE;

  archive_read_support_format_zip (in);
  g_assert_cmpint (archive_read_open_filename (in, zip, 65536), ==, ARCHIVE_OK);
  while (!found && archive_read_next_header (in, &entry) == ARCHIVE_OK)
    if (g_str_equal (archive_entry_pathname (entry), "manifest.json"))
      {
        char buffer[65536];
        la_ssize_t n;

        while ((n = archive_read_data (in, buffer, sizeof buffer)) > 0)
          g_byte_array_append (data, (guint8 *) buffer, (guint) n);
        found = TRUE;
      }
  archive_read_free (in);
  g_assert_true (found);
  json_parser_load_from_data (parser, (const char *) data->data, (gssize) data->len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The session holds exactly what @manifest records: profile, document
 * type, every details field, every acknowledgment, and one photo per
 * photo entry whose bytes have the recorded SHA-256.  Returns the folder the
 * photos are in. */
static char *
assert_session_matches (RsSession *session,
                        JsonNode  *manifest_node)
{
  JsonObject *manifest = json_node_get_object (manifest_node);
  JsonObject *fields = json_object_get_object_member (json_object_get_object_member (manifest, "details"),
                                                      "fields");
  JsonArray *files = json_object_get_array_member (manifest, "files");
  JsonArray *acks = json_object_get_array_member (manifest, "acknowledgments");
  g_autoptr(GList) members = json_object_get_members (fields);
  g_auto(GStrv) session_fields = rs_session_list_fields (session);
  g_auto(GStrv) session_slots = rs_session_list_photo_slots (session);
  g_auto(GStrv) session_acks = rs_session_list_acknowledged (session);
  char *photo_dir = NULL;
  guint n_photos = 0;

  g_assert_nonnull (rs_session_get_profile (session));
  g_assert_cmpstr (rs_session_get_profile_id (session), ==, "generic");
  g_assert_cmpstr (rs_session_get_document_type (session), ==, "cn-ric");
  g_assert_cmpstr (rs_session_get_document_type (session), ==,
                   json_object_get_string_member (manifest, "document_type"));

  /* Every field the user typed (rs_test_cn_ric_details has 7), and no
   * other. */
  g_assert_cmpuint (g_list_length (members), ==, 7);
  g_assert_cmpuint (g_strv_length (session_fields), ==, g_list_length (members));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (rs_session_get_field (session, l->data), ==,
                     json_object_get_string_member (fields, l->data));
  g_assert_cmpstr (rs_session_get_field (session, "id_number"), ==, rs_test_cn_ric_id_number);

  g_assert_cmpuint (g_strv_length (session_acks), ==, json_array_get_length (acks));
  g_assert_true (rs_session_is_acknowledged (session, EXTRA_ACK));
  for (guint i = 0; i < json_array_get_length (acks); i++)
    g_assert_true (rs_session_is_acknowledged (session, json_array_get_string_element (acks, i)));

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *item = json_array_get_object_element (files, i);
      const char *path;
      g_autofree char *base = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *sha = NULL;

      if (!g_str_equal (json_object_get_string_member (item, "role"), "photo"))
        continue;
      n_photos++;
      path = rs_session_get_photo (session, json_object_get_string_member (item, "slot"));
      g_assert_nonnull (path);
      g_assert_true (g_path_is_absolute (path));
      base = g_path_get_basename (path);
      g_assert_cmpstr (base, ==, json_object_get_string_member (item, "name"));
      dir = g_path_get_dirname (path);
      if (photo_dir == NULL)
        photo_dir = g_strdup (dir);
      g_assert_cmpstr (dir, ==, photo_dir);
      sha = rs_test_file_sha256 (path);
      g_assert_cmpstr (sha, ==, json_object_get_string_member (item, "sha256"));
    }
  g_assert_cmpuint (n_photos, ==, 3);
  g_assert_cmpuint (g_strv_length (session_slots), ==, n_photos);
  return photo_dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
opened_dir (void)
{
  g_autofree char *cache = rs_draft_get_cache_dir ();

  return g_build_filename (cache, "opened", NULL);
}

/* Writes @zip holding @dir's files, with manifest.json replaced by
 * @manifest when non-NULL and left out when @manifest is "". */
static void
write_zip (const char *zip,
           const char *dir,
           const char *manifest)
{
  struct archive *out = archive_write_new ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  archive_write_set_format_zip (out);
  g_assert_cmpint (archive_write_open_filename (out, zip), ==, ARCHIVE_OK);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;
      struct archive_entry *entry = archive_entry_new ();

      if (g_str_equal (name, "manifest.json") && manifest != NULL)
        {
          if (*manifest == '\0')
            {
              archive_entry_free (entry);
              continue;
            }
          data = g_strdup (manifest);
          length = strlen (manifest);
        }
      else
        g_assert_true (g_file_get_contents (file, &data, &length, NULL));
      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_size (entry, (la_int64_t) length);
      g_assert_cmpint (archive_write_header (out, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (out, data, length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);
}

/* @dir's manifest.json with @member set to the JSON value @json. */
static char *
edited_manifest (const char *dir,
                 const char *member,
                 const char *json)
{
  g_autoptr(JsonNode) root = read_manifest_from_folder (dir);
  g_autoptr(JsonNode) value = json_from_string (json, NULL);

  g_assert_nonnull (value);
  json_object_set_member (json_node_get_object (root), member, g_steal_pointer (&value));
  return json_to_string (root, TRUE);
}

static void
write_manifest (const char *dir,
                const char *text)
{
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Opening @path fails with @code, and @session and the cache are as before. */
static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(RsSession) session = make_other_session ();
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (session);
  g_autofree char *after = NULL;
  g_autofree char *opened = opened_dir ();
  guint n_opened = count_entries (opened);

  g_assert_false (rs_bundle_open (path, session, NULL, &verification, &error));
  g_assert_error (error, RS_BUNDLE_OPEN_ERROR, code);
  g_test_message ("%s: %s", path, error->message);
  g_assert_null (verification);
  after = snapshot (session);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_entries (opened), ==, n_opened);
}

/* ---- tests ---- */

/* The verification's report of each photo is in @session's photo set,
 * for the file the session now holds: the pages do not check it again. */
static void
assert_reports_taken (RsSession            *session,
                      RsBundleVerification *verification)
{
  g_auto(GStrv) slots = rs_session_list_photo_slots (session);
  RsPhotoSet *set = rs_session_get_photo_set (session);

  g_assert_nonnull (set);
  g_assert_cmpuint (g_strv_length (slots), ==, 3);
  for (guint i = 0; slots[i] != NULL; i++)
    {
      RsPhotoReport *verified = rs_bundle_verification_get_report (verification, slots[i]);
      RsPhotoReport *stored = rs_photo_set_lookup (set, slots[i], rs_session_get_photo (session, slots[i]),
                                                   rs_session_get_profile (session), NULL);

      g_assert_nonnull (verified);
      g_assert_true (stored == verified);
    }
  g_assert_null (rs_bundle_verification_get_report (verification, RS_SLOT_PASSPORT));
}

static void
test_folder (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "folder");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autofree char *path = export_bundle (target);
  g_autofree char *manifest_path = g_build_filename (path, "manifest.json", NULL);
  g_autoptr(JsonNode) manifest = read_manifest_from_folder (path);
  g_autoptr(RsSession) session = make_other_session ();
  g_autoptr(RsSession) again = rs_session_new ();
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_dir = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *opened = opened_dir ();
  guint n_opened = count_entries (opened);

  g_assert_true (rs_bundle_path_is_bundle (path));
  g_assert_true (rs_bundle_path_is_bundle (manifest_path));

  g_assert_true (rs_bundle_open (path, session, NULL, &verification, &error));
  g_assert_no_error (error);
  g_assert_nonnull (verification);
  g_assert_true (rs_bundle_verification_is_valid (verification));
  photo_dir = assert_session_matches (session, manifest);
  assert_reports_taken (session, verification);
  {
    g_autoptr(GBytes) checklist = rs_bundle_read_file (path, "checklist.txt", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (checklist), >, 100);
  }
  /* A folder: the photos are the bundle's own files, nothing copied. */
  g_assert_cmpstr (photo_dir, ==, path);
  g_assert_cmpuint (count_entries (opened), ==, n_opened);
  /* Replaced: the old passport photo, e-mail and acknowledgment are gone;
   * the reasons (which a bundle does not record) stay; back to step 0. */
  g_assert_null (rs_session_get_photo (session, RS_SLOT_PASSPORT));
  g_assert_null (rs_session_get_field (session, "email"));
  g_assert_false (rs_session_is_acknowledged (session, "details:phone:format"));
  g_assert_cmpuint (rs_session_get_reasons (session), ==, RS_REASON_PHOTO | RS_REASON_DETAILS);
  g_assert_cmpint (rs_session_get_step (session), ==, 0);

  /* The manifest.json inside the folder opens the same bundle. */
  g_assert_true (rs_bundle_open (manifest_path, again, NULL, NULL, &error));
  g_assert_no_error (error);
  rs_session_set_reasons (again, rs_session_get_reasons (session));
  first = snapshot (session);
  second = snapshot (again);
  g_assert_cmpstr (first, ==, second);

  /* The opened session is complete: it exports again, to a valid bundle. */
  {
    g_autofree char *target2 = g_build_filename (dir, "again", NULL);
    g_autoptr(RsBundleRequest) request = rs_bundle_request_new (session, target2);
    g_autofree char *path2 = NULL;

    rs_bundle_request_set_now (request, today);
    rs_bundle_request_set_lang (request, "en");
    path2 = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    {
      g_autoptr(RsBundleVerification) check = rs_bundle_verify (path2, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (rs_bundle_verification_is_valid (check));
    }
  }
}

static void
test_zip (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "zip");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *path = export_bundle (target);
  g_autoptr(JsonNode) manifest = read_manifest_from_zip (path);
  g_autoptr(RsSession) session = make_other_session ();
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_dir = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *opened = opened_dir ();
  g_autofree char *cache = rs_draft_get_cache_dir ();
  GStatBuf st;

  g_assert_true (rs_bundle_path_is_bundle (path));
  g_assert_true (rs_bundle_open (path, session, NULL, &verification, &error));
  g_assert_no_error (error);
  g_assert_true (rs_bundle_verification_is_valid (verification));
  photo_dir = assert_session_matches (session, manifest);
  assert_reports_taken (session, verification);

  /* One file of it, as the Export step's Copy Checklist reads it. */
  {
    g_autoptr(GBytes) checklist = rs_bundle_read_file (path, "checklist.txt", &error);
    g_autoptr(GBytes) none = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (checklist), >, 100);
    none = rs_bundle_read_file (path, "nothing.txt", &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Unpacked to $XDG_CACHE_HOME/resubmit/opened/<unique>/, private. */
  g_assert_true (g_str_has_prefix (photo_dir, cache));
  parent = g_path_get_dirname (photo_dir);
  g_assert_cmpstr (parent, ==, opened);
  g_assert_cmpint (g_stat (photo_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (opened, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (count_entries (photo_dir), ==, 3);
  {
    g_auto(GStrv) slots = rs_session_list_photo_slots (session);

    for (guint i = 0; slots[i] != NULL; i++)
      {
        g_assert_cmpint (g_stat (rs_session_get_photo (session, slots[i]), &st), ==, 0);
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      }
  }

  /* Opening it twice gives two folders: one session never loses its
   * photos to another. */
  {
    g_autoptr(RsSession) other = rs_session_new ();
    g_autofree char *other_dir = NULL;

    g_assert_true (rs_bundle_open (path, other, NULL, NULL, &error));
    g_assert_no_error (error);
    other_dir = g_path_get_dirname (rs_session_get_photo (other, RS_SLOT_SELFIE));
    g_assert_cmpstr (other_dir, !=, photo_dir);
  }
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "async");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *path = export_bundle (target);
  g_autoptr(JsonNode) manifest = read_manifest_from_zip (path);
  g_autoptr(RsSession) session = make_other_session ();
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo_dir = NULL;
  g_autofree char *before = snapshot (session);
  g_autofree char *during = NULL;

  rs_bundle_open_async (path, NULL, NULL, open_cb, &result);
  /* Nothing is written into the session before _finish. */
  during = snapshot (session);
  g_assert_cmpstr (during, ==, before);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rs_bundle_open_finish (result, session, &verification, &error));
  g_assert_no_error (error);
  g_assert_true (rs_bundle_verification_is_valid (verification));
  photo_dir = assert_session_matches (session, manifest);
}

/* Cancelled before it ran, or finished but never taken: no session change,
 * nothing left in the cache. */
static void
test_cancelled (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "cancel");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *path = export_bundle (target);
  g_autoptr(RsSession) session = make_other_session ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (session);
  g_autofree char *after = NULL;
  g_autofree char *opened = opened_dir ();
  guint n_opened = count_entries (opened);

  g_cancellable_cancel (cancellable);
  rs_bundle_open_async (path, NULL, cancellable, open_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rs_bundle_open_finish (result, session, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = snapshot (session);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_entries (opened), ==, n_opened);

  /* Unpacked, then dropped without _finish: the photos go with it. */
  g_clear_object (&result);
  rs_bundle_open_async (path, NULL, NULL, open_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_entries (opened), ==, n_opened + 1);
  g_clear_object (&result);
  /* GTask drops its result in an idle after the callback. */
  for (guint i = 0; i < 100 && count_entries (opened) != n_opened; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (count_entries (opened), ==, n_opened);
}

/* A changed photo: the bundle opens, and the caller is told what is wrong. */
static void
test_tampered (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "tampered");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autofree char *path = export_bundle (target);
  g_autofree char *photo = g_build_filename (path, "2-id-card-back.jpg", NULL);
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (photo, &data, &length, NULL));
  data[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (photo, data, (gssize) length, NULL));

  g_assert_true (rs_bundle_open (path, session, NULL, &verification, &error));
  g_assert_no_error (error);
  g_assert_nonnull (verification);
  g_assert_false (rs_bundle_verification_is_valid (verification));
  g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (verification),
                                      "2-id-card-back.jpg", "hash"));
  g_assert_cmpstr (rs_session_get_photo (session, RS_SLOT_ID_BACK), ==, photo);
  g_assert_cmpstr (rs_session_get_field (session, "id_number"), ==, rs_test_cn_ric_id_number);

  /* A photo removed from the bundle: opens without it, reported missing. */
  {
    g_autoptr(RsSession) without = rs_session_new ();
    g_autoptr(RsBundleVerification) result = NULL;
    g_autofree char *selfie = g_build_filename (path, "3-selfie.jpg", NULL);

    g_assert_cmpint (g_unlink (selfie), ==, 0);
    g_assert_true (rs_bundle_open (path, without, NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                        "3-selfie.jpg", "missing"));
    g_assert_null (rs_session_get_photo (without, RS_SLOT_SELFIE));
    g_assert_nonnull (rs_session_get_photo (without, RS_SLOT_ID_FRONT));
  }
}

/* A platform profile that is not installed: its id is kept and reported. */
static void
test_missing_profile (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "profile");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autofree char *path = export_bundle (target);
  g_autofree char *text = edited_manifest (path, "profile", "{\"id\": \"gone-exchange\", \"version\": 1}");
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(GError) error = NULL;

  write_manifest (path, text);
  g_assert_true (rs_bundle_open (path, session, NULL, &verification, &error));
  g_assert_no_error (error);
  g_assert_null (rs_session_get_profile (session));
  g_assert_cmpstr (rs_session_get_profile_id (session), ==, "gone-exchange");
  g_assert_cmpstr (rs_session_get_document_type (session), ==, "cn-ric");
  g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (verification),
                                      NULL, "profile"));
}

static void
test_not_a_bundle (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "not-bundle");
  g_autofree char *empty = rs_test_make_dir (tmp_root, "empty");
  g_autofree char *jpeg = g_build_filename (dir, "photo.jpg", NULL);
  g_autofree char *fake_zip = g_build_filename (dir, "fake.zip", NULL);
  g_autofree char *bare_zip = g_build_filename (dir, "bare.zip", NULL);
  g_autofree char *foreign = rs_test_make_dir (tmp_root, "foreign");
  g_autofree char *missing = g_build_filename (dir, "nothing-here", NULL);
  g_autofree char *text_file = g_build_filename (foreign, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (text_file, "hello", -1, NULL));
  {
    g_autoptr(GdkPixbuf) pixbuf = rs_test_scene_photo (RS_TEST_SCENE_SELFIE, 320, 240, 3, 0);
    rs_test_save_jpeg (pixbuf, jpeg);
  }
  g_assert_true (g_file_set_contents (fake_zip, "not a zip at all", -1, NULL));
  write_zip (bare_zip, foreign, NULL);

  for (guint i = 0; i < 5; i++)
    {
      const char *path = (const char *[]) { empty, jpeg, fake_zip, bare_zip, foreign }[i];

      g_assert_false (rs_bundle_path_is_bundle (path));
      assert_open_fails (path, RS_BUNDLE_OPEN_ERROR_NOT_BUNDLE);
    }
  g_assert_false (rs_bundle_path_is_bundle (missing));
  assert_open_fails (missing, RS_BUNDLE_OPEN_ERROR_READ);

  /* JSON, but not ours. */
  write_manifest (foreign, "{\"format\": \"something-else\", \"format_version\": 1}");
  assert_open_fails (foreign, RS_BUNDLE_OPEN_ERROR_NOT_BUNDLE);
}

static void
test_newer_and_malformed (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "newer");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autofree char *path = export_bundle (target);
  g_autofree char *original = NULL;
  g_autofree char *manifest_path = g_build_filename (path, "manifest.json", NULL);
  g_autofree char *newer = edited_manifest (path, "format_version", "2");
  g_autofree char *zip = g_build_filename (dir, "newer.zip", NULL);
  g_autofree char *no_manifest_zip = g_build_filename (dir, "no-manifest.zip", NULL);
  struct {
    const char *member;
    const char *json;
  } malformed[] = {
    { "format_version", "\"one\"" },
    { "details", "[1, 2]" },
    { "details", "{\"document_type\": \"cn-ric\", \"fields\": {\"name\": 7}}" },
    { "profile", "null" },
    { "document_type", "\"library-card\"" },
    { "files", "{}" },
    { "files", "[{\"role\": \"photo\", \"name\": \"../../etc/passwd\", \"slot\": \"selfie\"}]" },
    { "acknowledgments", "\"all\"" },
  };

  g_assert_true (g_file_get_contents (manifest_path, &original, NULL, NULL));

  write_manifest (path, newer);
  g_assert_true (rs_bundle_path_is_bundle (path));
  assert_open_fails (path, RS_BUNDLE_OPEN_ERROR_NEWER_VERSION);
  /* The same inside a zip: nothing unpacked either. */
  write_manifest (path, original);
  write_zip (zip, path, newer);
  assert_open_fails (zip, RS_BUNDLE_OPEN_ERROR_NEWER_VERSION);
  write_zip (no_manifest_zip, path, "");
  g_assert_false (rs_bundle_path_is_bundle (no_manifest_zip));
  assert_open_fails (no_manifest_zip, RS_BUNDLE_OPEN_ERROR_NOT_BUNDLE);

  write_manifest (path, "{\"format\": \"resubmit-bundle\", ");
  assert_open_fails (path, RS_BUNDLE_OPEN_ERROR_MALFORMED);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *text = NULL;

      write_manifest (path, original);
      text = edited_manifest (path, malformed[i].member, malformed[i].json);
      write_manifest (path, text);
      g_test_message ("malformed %s = %s", malformed[i].member, malformed[i].json);
      assert_open_fails (path, RS_BUNDLE_OPEN_ERROR_MALFORMED);
    }
}

/* The zip's photos cannot be unpacked: an error, nothing restored, nothing
 * left behind.  (A file where the cache's folder should be fails even for
 * root.) */
static void
test_unpack_fails (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "unpack");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *path = export_bundle (target);
  g_autoptr(RsSession) session = make_other_session ();
  g_autofree char *before = snapshot (session);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;

  /* GLib caches the user dirs; rs_draft_get_cache_dir() reads them. */
  resolved = rs_draft_get_cache_dir ();
  if (!g_str_has_prefix (resolved, tmp_root))
    {
      g_test_skip ("the cache folder is not the test's own");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (resolved, 0700), ==, 0);
  {
    g_autofree char *opened = opened_dir ();

    rs_test_remove_tree (opened);
    g_assert_true (g_file_set_contents (opened, "in the way", -1, NULL));
    g_assert_false (rs_bundle_open (path, session, NULL, NULL, &error));
    g_assert_error (error, RS_BUNDLE_OPEN_ERROR, RS_BUNDLE_OPEN_ERROR_WRITE);
    g_test_message ("%s", error->message);
    after = snapshot (session);
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (g_unlink (opened), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("RESUBMIT_LOCALEDIR");
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  tmp_root = g_dir_make_tmp ("resubmit-bundle-open-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  /* Before GLib reads them: no real profile or cache is touched. */
  config = g_build_filename (tmp_root, "config", NULL);
  cache = g_build_filename (tmp_root, "cache", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  g_test_init (&argc, &argv, NULL);

  today = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
  front_path = g_build_filename (tmp_root, "front.jpg", NULL);
  back_path = g_build_filename (tmp_root, "back.jpg", NULL);
  selfie_path = g_build_filename (tmp_root, "selfie.jpg", NULL);
  rs_test_save_id_photos (front_path, back_path, selfie_path);

  g_test_add_func ("/bundle/open/folder", test_folder);
  g_test_add_func ("/bundle/open/zip", test_zip);
  g_test_add_func ("/bundle/open/async", test_async);
  g_test_add_func ("/bundle/open/cancelled", test_cancelled);
  g_test_add_func ("/bundle/open/tampered", test_tampered);
  g_test_add_func ("/bundle/open/missing-profile", test_missing_profile);
  g_test_add_func ("/bundle/open/not-a-bundle", test_not_a_bundle);
  g_test_add_func ("/bundle/open/newer-and-malformed", test_newer_and_malformed);
  g_test_add_func ("/bundle/open/unpack-fails", test_unpack_fails);

  status = g_test_run ();

  rs_test_remove_tree (tmp_root);
  g_free (tmp_root);
  g_free (front_path);
  g_free (back_path);
  g_free (selfie_path);
  g_date_time_unref (today);
  return status;
}
