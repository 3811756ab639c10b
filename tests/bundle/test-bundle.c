/* test-bundle.c: export and verify, end to end, with generated photos.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle.h"
#include "rs-bundle-private.h"
#include "rs-bundle-jpeg.h"
#include "rs-bundle-checklist.h"
#include "rs-validate.h"
#include "rs-test-fixtures.h"

static char *tmp_root;
static char *front_path;
static char *back_path;
static char *selfie_path;
static char *exif_path;
static GDateTime *today;
static gboolean chinese;

/* ---- helpers ---- */

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static RsBundleRequest *
make_request (RsSession  *session,
              const char *target)
{
  RsBundleRequest *request = rs_bundle_request_new (session, target);

  rs_bundle_request_set_now (request, today);
  rs_bundle_request_set_lang (request, chinese ? "zh_CN" : "en");
  return request;
}

static char *
export_ok (RsSession  *session,
           const char *target)
{
  g_autoptr(RsBundleRequest) request = make_request (session, target);
  g_autoptr(GError) error = NULL;
  char *path = rs_bundle_export (request, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, target);
  return path;
}

/* Exports @session to @target, asserts that it fails with @code and
 * returns the error. */
static GError *
export_fails (RsSession  *session,
              const char *target,
              int         code)
{
  g_autoptr(RsBundleRequest) request = make_request (session, target);
  GError *error = NULL;
  g_autofree char *path = rs_bundle_export (request, NULL, NULL, NULL, &error);

  g_assert_null (path);
  g_assert_error (error, RS_BUNDLE_ERROR, code);
  return error;
}

static RsBundleVerification *
verify (const char *path)
{
  g_autoptr(GError) error = NULL;
  RsBundleVerification *result = rs_bundle_verify (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_valid (const char *path)
{
  g_autoptr(RsBundleVerification) result = verify (path);
  GPtrArray *problems = rs_bundle_verification_get_problems (result);

  for (guint i = 0; i < problems->len; i++)
    {
      RsBundleProblem *problem = g_ptr_array_index (problems, i);
      g_test_message ("unexpected problem: %s %s %s", problem->file, problem->id, problem->message);
    }
  g_assert_true (rs_bundle_verification_is_valid (result));
}

/* Verifies @path and asserts it is invalid, with problem @id on @file. */
static void
assert_problem (const char *path,
                const char *file,
                const char *id)
{
  g_autoptr(RsBundleVerification) result = verify (path);

  g_assert_false (rs_bundle_verification_is_valid (result));
  g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (result), file, id));
}

static JsonObject *
load_manifest (const char *dir,
               JsonParser *parser)
{
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset, <, length);
  data[offset] ^= 0x01;
  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle,
               gsize       needle_len)
{
  return memmem (data, length, needle, needle_len) != NULL;
}

static void
assert_jpeg_clean (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_true (rs_jpeg_scan_metadata ((const guint8 *) data, length, found));
  g_assert_cmpuint (found->len, ==, 0);
  /* Independent of the scanner: no Exif or XMP signature, no comment text,
   * and no APP1/APP13/COM marker before the image data. */
  g_assert_false (bytes_contain (data, length, "Exif\0\0", 6));
  g_assert_false (bytes_contain (data, length, "http://ns.adobe.com", 19));
  g_assert_false (bytes_contain (data, length, "xmpmeta", 7));
  g_assert_false (bytes_contain (data, length, "Shanghai", 8));
  for (gsize i = 2; i + 3 < length; )
    {
      guint8 marker = (guint8) data[i + 1];
      gsize seg;

      g_assert_cmpint ((guint8) data[i], ==, 0xFF);
      g_assert_cmpint (marker, !=, 0xE1);
      g_assert_cmpint (marker, !=, 0xED);
      g_assert_cmpint (marker, !=, 0xFE);
      if (marker == 0xDA)
        break;
      seg = ((gsize) (guint8) data[i + 2] << 8) | (guint8) data[i + 3];
      i += 2 + seg;
    }
}

/* ---- tests ---- */

static void
test_scan (void)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func (g_free);
  int w = 0, h = 0;

  g_assert_true (g_file_get_contents (exif_path, &data, &length, NULL));
  g_assert_true (rs_jpeg_scan_metadata ((const guint8 *) data, length, found));
  g_assert_true (g_ptr_array_find_with_equal_func (found, "exif", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (found, "xmp", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (found, "comment", g_str_equal, NULL));
  /* Stored rotated: 1200 wide, 1600 high. */
  g_assert_true (rs_jpeg_get_size ((const guint8 *) data, length, &w, &h));
  g_assert_cmpint (w, ==, 1200);
  g_assert_cmpint (h, ==, 1600);

  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (front_path, &data, &length, NULL));
  g_assert_true (rs_jpeg_scan_metadata ((const guint8 *) data, length, clean));
  g_assert_cmpuint (clean->len, ==, 0);

  /* Cut in the middle of the image data. */
  g_assert_false (rs_jpeg_scan_metadata ((const guint8 *) data, length / 2, broken));
  g_assert_true (g_ptr_array_find_with_equal_func (broken, "structure", g_str_equal, NULL));

  /* Every short prefix and random damage: an answer, never a crash (this
   * runs under AddressSanitizer in CI). */
  {
    GRand *rand = g_rand_new_with_seed (42);
    g_autofree guint8 *copy = g_memdup2 (data, length);

    for (gsize n = 0; n < 4096 && n <= length; n++)
      {
        g_autoptr(GPtrArray) any = g_ptr_array_new_with_free_func (g_free);
        rs_jpeg_scan_metadata (copy, n, any);
        rs_jpeg_get_size (copy, n, &w, &h);
      }
    for (int round = 0; round < 200; round++)
      {
        g_autoptr(GPtrArray) any = g_ptr_array_new_with_free_func (g_free);
        gsize at = g_rand_int_range (rand, 0, MIN ((gint32) length, 4096));

        copy[at] = (guint8) g_rand_int (rand);
        rs_jpeg_scan_metadata (copy, length, any);
        rs_jpeg_get_size (copy, length, &w, &h);
      }
    g_rand_free (rand);
  }
}

static void
test_folder_roundtrip (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "folder");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, target);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest;
  JsonArray *files;
  const char *expected[] = { "1-id-card-front.jpg", "2-id-card-back.jpg", "3-selfie.jpg",
                             "checklist.pdf", "checklist.txt", "manifest.json",
                             "manifest.sha256" };
  GStatBuf st;
  g_autofree char *text = NULL;
  g_autofree char *txt_path = g_build_filename (path, "checklist.txt", NULL);
  g_autofree char *photo = g_build_filename (path, "1-id-card-front.jpg", NULL);
  g_autofree char *original_sha = rs_test_file_sha256 (front_path);

  /* Exactly the expected files, folder 0700, files 0600, nothing else left
   * next to it. */
  g_assert_cmpuint (count_entries (path), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *file = g_build_filename (path, expected[i], NULL);
      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  assert_jpeg_clean (photo);

  manifest = load_manifest (path, parser);
  g_assert_cmpstr (json_object_get_string_member (manifest, "format"), ==, "resubmit-bundle");
  g_assert_cmpint (json_object_get_int_member (manifest, "format_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (manifest, "profile"), "id"),
                   ==, "generic");
  g_assert_cmpstr (json_object_get_string_member (manifest, "document_type"), ==, "cn-ric");
  /* The manifest keeps the ID number whole. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (manifest, "details"),
                                                    "fields"), "id_number"),
                   ==, rs_test_cn_ric_id_number);
  files = json_object_get_array_member (manifest, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *item = json_array_get_object_element (files, i);
      g_autofree char *file = g_build_filename (path, expected[i], NULL);
      g_autofree char *sha = rs_test_file_sha256 (file);
      JsonArray *findings = json_object_get_array_member (json_object_get_object_member (item, "checks"),
                                                          "findings");

      g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, expected[i]);
      g_assert_cmpstr (json_object_get_string_member (item, "sha256"), ==, sha);
      g_assert_cmpint (json_object_get_int_member (item, "order"), ==, i + 1);
      g_assert_cmpint (json_object_get_int_member (item, "width"), ==, 1600);
      g_assert_cmpint (json_object_get_int_member (item, "height"), ==, 1200);
      g_assert_cmpuint (json_array_get_length (findings), >, 3);
      for (guint j = 0; j < json_array_get_length (findings); j++)
        {
          JsonObject *finding = json_array_get_object_element (findings, j);
          g_assert_true (json_object_has_member (finding, "id"));
          g_assert_true (json_object_has_member (finding, "status"));
          g_assert_true (json_object_has_member (finding, "value"));
          g_assert_true (json_object_has_member (finding, "threshold"));
        }
    }

  /* The text checklist keeps the number whole and lists the upload order. */
  g_assert_true (g_file_get_contents (txt_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, rs_test_cn_ric_id_number));
  g_assert_nonnull (strstr (text, "王丽"));
  {
    const char *sep = C_("list separator", ", ");
    g_autofree char *order = g_strjoin (sep, "1-id-card-front.jpg", "2-id-card-back.jpg",
                                        "3-selfie.jpg", NULL);
    g_assert_nonnull (strstr (text, order));
  }
  /* …but the support draft never contains it. */
  g_assert_null (strstr (strstr (text, "\n5. ") ? strstr (text, "\n5. ") : text,
                         rs_test_cn_ric_id_number));

  /* The original is untouched. */
  {
    g_autofree char *after = rs_test_file_sha256 (front_path);
    g_assert_cmpstr (after, ==, original_sha);
  }

  assert_valid (path);
}

/* In the checksum list @sums, the SHA-256 of @old_text becomes that of
 * @new_text (as a forger would). */
static void
replace_sum (const char *sums,
             const char *old_text,
             const char *new_text)
{
  g_autofree char *data = NULL;
  g_autofree char *old_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, old_text, -1);
  g_autofree char *new_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, new_text, -1);
  char *p;

  g_assert_true (g_file_get_contents (sums, &data, NULL, NULL));
  p = strstr (data, old_sum);
  g_assert_nonnull (p);
  memcpy (p, new_sum, 64);
  g_assert_true (g_file_set_contents (sums, data, -1, NULL));
}

static void
test_folder_tamper (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "tamper");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, target);
  g_autofree char *photo = g_build_filename (path, "2-id-card-back.jpg", NULL);
  g_autofree char *manifest = g_build_filename (path, "manifest.json", NULL);
  g_autofree char *sums = g_build_filename (path, "manifest.sha256", NULL);
  g_autofree char *extra = g_build_filename (path, "notes.txt", NULL);
  g_autofree char *selfie = g_build_filename (path, "3-selfie.jpg", NULL);
  g_autofree char *moved = g_build_filename (dir, "3-selfie.jpg", NULL);
  GStatBuf st;

  assert_valid (path);

  /* One changed byte in the image data of a photo. */
  g_assert_cmpint (g_stat (photo, &st), ==, 0);
  flip_byte (photo, (gsize) st.st_size / 2);
  assert_problem (path, "2-id-card-back.jpg", "hash");
  flip_byte (photo, (gsize) st.st_size / 2);
  assert_valid (path);

  /* One changed byte in the manifest (a digit of a recorded hash). */
  {
    g_autofree char *data = NULL;
    g_autofree char *orig = NULL;
    char *p;

    g_assert_true (g_file_get_contents (manifest, &data, NULL, NULL));
    orig = g_strdup (data);
    p = strstr (data, "\"jpeg_quality\"");
    g_assert_nonnull (p);
    p = strchr (p, ':') + 2;
    *p = *p == '9' ? '8' : '9';
    g_assert_true (g_file_set_contents (manifest, data, -1, NULL));
    assert_problem (path, "manifest.json", "hash");

    /* A changed check result, with manifest.sha256 recomputed to match:
     * running the checks again still gives it away. */
    g_clear_pointer (&data, g_free);
    data = g_strdup (orig);
    p = strstr (data, "\"status\" : \"pass\"");
    g_assert_nonnull (p);
    memcpy (p + strlen ("\"status\" : \""), "warn", 4);
    g_assert_true (g_file_set_contents (manifest, data, -1, NULL));
    replace_sum (sums, orig, data);
    {
      g_autoptr(RsBundleVerification) result = verify (path);
      g_assert_false (rs_bundle_verification_is_valid (result));
      g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                          "manifest.json", "manifest"));
      g_assert_false (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                           "manifest.json", "hash"));
    }

    /* Put everything back. */
    g_assert_true (g_file_set_contents (manifest, orig, -1, NULL));
    replace_sum (sums, data, orig);
    assert_valid (path);
  }

  /* An extra file. */
  g_assert_true (g_file_set_contents (extra, "hello", -1, NULL));
  assert_problem (path, "notes.txt", "extra");
  g_assert_cmpint (g_unlink (extra), ==, 0);

  /* A missing file. */
  g_assert_cmpint (g_rename (selfie, moved), ==, 0);
  {
    g_autoptr(RsBundleVerification) result = verify (path);
    g_autoptr(JsonNode) node = rs_bundle_verification_to_json (result);
    JsonObject *object = json_node_get_object (node);

    g_assert_false (rs_bundle_verification_is_valid (result));
    g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                        "3-selfie.jpg", "missing"));
    g_assert_false (json_object_get_boolean_member (object, "valid"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "problems")), >, 0);
  }
  g_assert_cmpint (g_rename (moved, selfie), ==, 0);
  assert_valid (path);
}

/* Rewrite a zip with one byte of one entry changed (so the zip itself is
 * well-formed and only the content differs). */
static void
rewrite_zip (const char *path,
             const char *entry_name)
{
  g_autofree char *out_path = g_strconcat (path, ".new", NULL);
  struct archive *in = archive_read_new ();
  struct archive *out = archive_write_new ();
  struct archive_entry *entry;
  gboolean changed = FALSE;

  archive_read_support_format_zip (in);
  g_assert_cmpint (archive_read_open_filename (in, path, 65536), ==, ARCHIVE_OK);
  archive_write_set_format_zip (out);
  g_assert_cmpint (archive_write_open_filename (out, out_path), ==, ARCHIVE_OK);
  while (archive_read_next_header (in, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buffer[65536];
      la_ssize_t n;

      while ((n = archive_read_data (in, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, (guint8 *) buffer, (guint) n);
      if (g_str_equal (archive_entry_pathname (entry), entry_name))
        {
          data->data[data->len / 2] ^= 0x01;
          changed = TRUE;
        }
      archive_write_header (out, entry);
      archive_write_data (out, data->data, data->len);
    }
  archive_read_free (in);
  archive_write_free (out);
  g_assert_true (changed);
  g_assert_cmpint (g_rename (out_path, path), ==, 0);
}

static void
test_zip_roundtrip (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "zip");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, target);
  g_autofree char *copy = g_build_filename (dir, "copy.zip", NULL);
  g_autofree char *data = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_valid (path);

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data, (gssize) length, NULL));

  rewrite_zip (path, "1-id-card-front.jpg");
  assert_problem (path, "1-id-card-front.jpg", "hash");

  rewrite_zip (copy, "manifest.json");
  assert_problem (copy, "manifest.json", "hash");
}

/* A byte changed inside the zip file itself (stored data, so the zip's own
 * CRC no longer matches): still a problem with the file, not a crash. */
static void
test_zip_corrupt (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "zip-crc");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, target);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  /* The first entry is the front photo; its middle is well inside it. */
  flip_byte (path, 60000);
  assert_problem (path, "1-id-card-front.jpg", "hash");
}

static void
test_metadata_stripped (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "exif");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", exif_path, back_path, selfie_path);
  g_autofree char *before = rs_test_file_sha256 (exif_path);
  g_autofree char *path = export_ok (session, target);
  g_autofree char *photo = g_build_filename (path, "1-id-card-front.jpg", NULL);
  g_autofree char *after = rs_test_file_sha256 (exif_path);
  g_autofree char *data = NULL;
  gsize length;
  int w = 0, h = 0;

  assert_jpeg_clean (photo);
  /* Orientation 6 was applied: stored 1200×1600, exported upright 1600×1200. */
  g_assert_true (g_file_get_contents (photo, &data, &length, NULL));
  g_assert_true (rs_jpeg_get_size ((const guint8 *) data, length, &w, &h));
  g_assert_cmpint (w, ==, 1600);
  g_assert_cmpint (h, ==, 1200);
  g_assert_cmpstr (before, ==, after);
  assert_valid (path);
}

static void
test_large_photo (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "large");
  g_autofree char *big = g_build_filename (dir, "big-front.jpg", NULL);
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(GdkPixbuf) pixbuf = rs_test_scene_photo (RS_TEST_SCENE_CARD_FRONT, 4000, 3000, 99, 0.6);
  g_autoptr(RsSession) session = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *files;
  GStatBuf st;

  rs_test_save_jpeg (pixbuf, big);
  g_clear_object (&pixbuf);
  g_assert_cmpint (g_stat (big, &st), ==, 0);
  g_test_message ("12 MP input: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  /* The test profile allows 1.5 MB and a 3000 px long side: the input is
   * far over both. */
  g_assert_cmpint (st.st_size, >, 1500000);

  session = rs_test_make_session ("bundle-test", big, back_path, selfie_path);
  path = export_ok (session, target);
  files = json_object_get_array_member (load_manifest (path, parser), "files");
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *item = json_array_get_object_element (files, i);
      g_autofree char *file = g_build_filename (path, json_object_get_string_member (item, "name"), NULL);

      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_size, <=, 1500000);
      g_assert_cmpint (MAX (json_object_get_int_member (item, "width"),
                            json_object_get_int_member (item, "height")), <=, 3000);
      g_test_message ("%s: %" G_GINT64_FORMAT " bytes, %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT
                      ", quality %" G_GINT64_FORMAT,
                      json_object_get_string_member (item, "name"), (gint64) st.st_size,
                      json_object_get_int_member (item, "width"),
                      json_object_get_int_member (item, "height"),
                      json_object_get_int_member (item, "jpeg_quality"));
    }
  {
    JsonObject *item = json_array_get_object_element (files, 0);
    g_assert_cmpint (json_object_get_int_member (item, "width"), ==, 3000);
    g_assert_cmpint (json_object_get_int_member (item, "height"), ==, 2250);
  }
  assert_valid (path);
}

static void
test_exists (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "exists");
  g_autofree char *folder = g_build_filename (dir, "bundle", NULL);
  g_autofree char *zip = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *inside = g_build_filename (folder, "mine.txt", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "keep me", -1, NULL));
  g_assert_true (g_file_set_contents (zip, "not a zip", -1, NULL));

  error = export_fails (session, folder, RS_BUNDLE_ERROR_EXISTS);
  g_clear_error (&error);
  error = export_fails (session, zip, RS_BUNDLE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_assert_cmpuint (count_entries (folder), ==, 1);
  g_assert_true (g_file_get_contents (zip, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "not a zip");
}

static const RsBundleIssue *
find_issue (GPtrArray  *issues,
            const char *key)
{
  for (guint i = 0; i < issues->len; i++)
    {
      RsBundleIssue *issue = g_ptr_array_index (issues, i);
      if (g_str_equal (issue->key, key))
        return issue;
    }
  return NULL;
}

static void
test_not_ready (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "not-ready");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, NULL, selfie_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *path = NULL;

  /* A mistyped ID number and a missing photo: both listed. */
  rs_session_set_field (session, "id_number", "110105194912310021");
  {
    g_autoptr(RsBundleRequest) request = make_request (session, target);

    issues = rs_bundle_request_check (request, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (rs_bundle_issues_block_export (issues));
    {
      const RsBundleIssue *missing = find_issue (issues, "photo:id-back:missing");
      g_assert_nonnull (missing);
      g_assert_true (missing != NULL && missing->severity == RS_BUNDLE_ISSUE_ERROR);
    }

    path = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_null (path);
    g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY);
    g_test_message ("%s", error->message);
    /* One line per reason. */
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), >=, 3);
    }
    g_assert_nonnull (strstr (error->message, rs_slot_get_name (RS_SLOT_ID_BACK)));
    g_clear_error (&error);
    g_clear_pointer (&issues, g_ptr_array_unref);
  }
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* Fixed; the same photo for both sides is refused. */
  rs_session_set_field (session, "id_number", rs_test_cn_ric_id_number);
  rs_session_set_photo (session, RS_SLOT_ID_BACK, front_path);
  {
    g_autoptr(RsBundleRequest) request = make_request (session, target);

    path = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_null (path);
    g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY);
    g_test_message ("%s", error->message);
    issues = rs_bundle_request_check (request, NULL, NULL);
    g_assert_nonnull (find_issue (issues, "photo:id-back:duplicate"));
    g_clear_error (&error);
    g_clear_pointer (&issues, g_ptr_array_unref);
  }
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* A warning (a phone number of the wrong shape) needs an acknowledgment,
   * and the acknowledgment is recorded. */
  rs_session_set_photo (session, RS_SLOT_ID_BACK, back_path);
  rs_session_set_field (session, "phone", "12345");
  {
    g_autoptr(RsBundleRequest) request = make_request (session, target);
    const RsBundleIssue *warning = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *manifest_text = NULL;
    g_autofree char *manifest_path = NULL;
    g_autofree char *key = NULL;

    issues = rs_bundle_request_check (request, NULL, NULL);
    for (guint i = 0; i < issues->len; i++)
      {
        RsBundleIssue *issue = g_ptr_array_index (issues, i);
        g_assert_cmpint (issue->severity, ==, RS_BUNDLE_ISSUE_WARNING);
        if (g_str_has_prefix (issue->key, "details:phone:"))
          warning = issue;
      }
    g_assert_nonnull (warning);
    g_assert_false (warning->acknowledged);
    key = g_strdup (warning->key);
    g_clear_pointer (&issues, g_ptr_array_unref);

    path = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY);
    g_clear_error (&error);
    g_assert_cmpuint (count_entries (dir), ==, 0);

    rs_session_set_acknowledged (session, key, TRUE);
    path = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    manifest_path = g_build_filename (path, "manifest.json", NULL);
    g_assert_true (g_file_get_contents (manifest_path, &manifest_text, NULL, NULL));
    g_assert_nonnull (strstr (manifest_text, key));
    assert_valid (path);
  }
}

static void
assert_write_failure (RsSession  *session,
                      const char *dir,
                      const char *target,
                      gint64      after,
                      int         errsv)
{
  g_autoptr(RsBundleRequest) request = make_request (session, target);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  rs_bundle_request_set_write_failure (request, after, errsv);
  path = rs_bundle_export (request, NULL, NULL, NULL, &error);
  g_assert_null (path);
  g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE);
  g_test_message ("after %" G_GINT64_FORMAT " bytes: %s", after, error->message);
  /* Nothing half-written left behind. */
  g_assert_cmpuint (count_entries (dir), ==, 0);
}

static gint64
folder_size (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 total = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (file, &st), ==, 0);
      total += st.st_size;
    }
  return total;
}

static void
test_disk_full (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "full");
  g_autofree char *sized = rs_test_make_dir (tmp_root, "full-size");
  g_autofree char *folder = g_build_filename (dir, "bundle", NULL);
  g_autofree char *zip = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *reference = g_build_filename (sized, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, reference);
  gint64 staged = folder_size (path);

  /* While staging the photos, the checklist, the manifest… */
  assert_write_failure (session, dir, folder, 0, ENOSPC);
  assert_write_failure (session, dir, folder, 100000, ENOSPC);
  assert_write_failure (session, dir, folder, staged - 100, ENOSPC);
  assert_write_failure (session, dir, zip, staged / 2, ENOSPC);
  /* …and while writing the zip itself, after everything was staged. */
  assert_write_failure (session, dir, zip, staged + 50000, ENOSPC);
  assert_write_failure (session, dir, zip, staged + 50000, EIO);
}

/* A real small file system, when the test may mount one (root). */
static void
test_tmpfs_full (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "tmpfs");
  g_autofree char *command = NULL;
  g_autofree char *umount = NULL;
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  g_autofree char *mount = g_find_program_in_path ("mount");

  if (geteuid () != 0 || mount == NULL)
    {
      g_test_skip ("mounting a small tmpfs needs root; the simulated failures cover this");
      return;
    }
  command = g_strdup_printf ("mount -t tmpfs -o size=300k,mode=0700 resubmit-test '%s'", dir);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("cannot mount a tmpfs here; the simulated failures cover this");
      return;
    }
  umount = g_strdup_printf ("umount '%s'", dir);

  session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  {
    g_autoptr(RsBundleRequest) request = make_request (session, target);
    g_autofree char *path = rs_bundle_export (request, NULL, NULL, NULL, &error);

    g_assert_null (path);
    g_test_message ("%s", error ? error->message : "(no error)");
  }
  {
    guint left = count_entries (dir);
    g_spawn_command_line_sync (umount, NULL, NULL, NULL, NULL);
    g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE);
    g_assert_cmpuint (left, ==, 0);
  }
}

static void
test_read_only (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "readonly");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autofree char *gone = g_build_filename (dir, "no-such-folder", "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autoptr(GError) error = NULL;

  if (geteuid () != 0)
    {
      g_autoptr(RsBundleRequest) request = make_request (session, target);
      g_autofree char *path = NULL;

      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
      path = rs_bundle_export (request, NULL, NULL, NULL, &error);
      g_chmod (dir, 0700);
      g_assert_null (path);
      g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (count_entries (dir), ==, 0);
    }
  else
    {
      /* root writes anywhere: simulate the refusal. */
      g_test_message ("running as root: read-only target simulated");
      assert_write_failure (session, dir, target, 0, EACCES);
      assert_write_failure (session, dir, target, 0, EROFS);
    }

  /* The target's folder vanished (a removed USB drive). */
  error = export_fails (session, gone, RS_BUNDLE_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* A folder that exists but takes no new files (even for root): it must
   * not be called missing. */
  if (g_file_test ("/proc/self", G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) proc_error = export_fails (session, "/proc/resubmit-test-bundle",
                                                   RS_BUNDLE_ERROR_WRITE);
      const char *gone_message = error->message;

      g_test_message ("%s", proc_error->message);
      g_assert_nonnull (strstr (proc_error->message, "“/proc”"));
      g_assert_cmpstr (proc_error->message, !=, gone_message);
      if (!chinese)
        g_assert_null (strstr (proc_error->message, "does not exist"));
    }
}

static void
test_pdf (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "pdf");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, target);
  g_autofree char *pdf = g_build_filename (path, "checklist.pdf", NULL);
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (pdf, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_true (bytes_contain (data, length, "%%EOF", 5));

  if (pdftoppm == NULL)
    g_test_message ("pdftoppm not installed: PDF not rendered back");
  else
    {
      g_autofree char *prefix = g_build_filename (dir, "page", NULL);
      g_autofree char *page = g_build_filename (dir, "page-1.png", NULL);
      const char *argv[] = { pdftoppm, "-r", "40", "-png", pdf, prefix, NULL };
      g_autofree char *err = NULL;
      int status = -1;
      g_autoptr(GdkPixbuf) image = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                   NULL, NULL, NULL, &err, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (err, ==, "");
      image = gdk_pixbuf_new_from_file (page, NULL);
      g_assert_nonnull (image);
      /* A4 at 40 dpi. */
      g_assert_cmpint (gdk_pixbuf_get_width (image), ==, 331);
    }

  if (pdftotext == NULL)
    g_test_message ("pdftotext not installed: PDF text not checked");
  else
    {
      const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
      g_autofree char *text = NULL;
      int status = -1;
      g_autofree char *masked = g_strdup ("**************002X");

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      /* Chinese rendered as text (the CJK font is embedded with a ToUnicode
       * map), the ID number masked, photos listed. */
      g_assert_nonnull (strstr (text, "王丽"));
      g_assert_null (strstr (text, rs_test_cn_ric_id_number));
      g_assert_nonnull (strstr (text, masked));
      g_assert_nonnull (strstr (text, "1-id-card-front.jpg"));
      if (chinese)
        {
          const char *heading = _("Resubmission checklist");

          if (g_str_equal (heading, "Resubmission checklist"))
            g_test_message ("no zh_CN translation compiled yet: only the details checked");
          else
            {
              g_assert_nonnull (strstr (text, heading));
              g_assert_nonnull (strstr (text, rs_document_type_get_name (RS_DOC_CN_RIC)));
            }
        }
      else
        g_assert_nonnull (strstr (text, "Resubmission checklist"));
    }

  /* Unmasked on request. */
  {
    g_autofree char *target2 = g_build_filename (dir, "unmasked", NULL);
    g_autoptr(RsBundleRequest) request = make_request (session, target2);
    g_autoptr(GError) error = NULL;
    g_autofree char *path2 = NULL;
    g_autofree char *pdf2 = NULL;
    const char *argv[] = { pdftotext, "-enc", "UTF-8", NULL, "-", NULL };
    g_autofree char *text = NULL;

    rs_bundle_request_set_mask_id_number (request, FALSE);
    path2 = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    pdf2 = g_build_filename (path2, "checklist.pdf", NULL);
    argv[3] = pdf2;
    if (pdftotext != NULL)
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                     NULL, NULL, &text, NULL, NULL, NULL));
        g_assert_nonnull (strstr (text, rs_test_cn_ric_id_number));
      }
  }
}

typedef struct {
  GMainLoop *loop;
  GArray    *fractions;
  char      *path;
  GError    *error;
  GThread   *thread;
  gboolean   freed;
} AsyncData;

/* The progress data is released in the caller's thread, like the progress
 * calls (it is often a widget). */
static void
on_progress_free (gpointer user_data)
{
  AsyncData *data = user_data;

  g_assert_true (g_thread_self () == data->thread);
  data->freed = TRUE;
}

static void
on_progress (double      fraction,
             const char *what,
             gpointer    user_data)
{
  AsyncData *data = user_data;

  g_assert_true (g_thread_self () == data->thread);
  g_assert_nonnull (what);
  g_array_append_val (data->fractions, fraction);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  data->path = rs_bundle_export_finish (RS_BUNDLE_REQUEST (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "async");
  g_autofree char *target = g_build_filename (dir, "bundle.zip", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autoptr(RsBundleRequest) request = make_request (session, target);
  AsyncData data = { 0 };

  data.loop = g_main_loop_new (NULL, FALSE);
  data.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  data.thread = g_thread_self ();
  rs_bundle_export_async (request, NULL, on_progress, &data, on_progress_free, on_exported, &data);
  g_main_loop_run (data.loop);
  /* Progress updates queued before completion have all been delivered, and
   * the progress data is released once the task is gone. */
  g_object_unref (request);
  request = NULL;
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!data.freed && g_get_monotonic_time () < deadline)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  g_assert_true (data.freed);
  g_assert_no_error (data.error);
  g_assert_cmpstr (data.path, ==, target);
  g_assert_cmpuint (data.fractions->len, >=, 5);
  for (guint i = 1; i < data.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (data.fractions, double, i), >=,
                       g_array_index (data.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (data.fractions, double, data.fractions->len - 1), ==, 1.0);
  assert_valid (data.path);
  g_free (data.path);
  g_array_unref (data.fractions);

  /* Cancelled: an error and nothing left. */
  {
    g_autofree char *target2 = g_build_filename (dir, "cancelled", NULL);
    g_autoptr(RsBundleRequest) request2 = make_request (session, target2);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AsyncData data2 = { 0 };

    data2.loop = data.loop;
    data2.fractions = g_array_new (FALSE, FALSE, sizeof (double));
    data2.thread = g_thread_self ();
    g_cancellable_cancel (cancellable);
    rs_bundle_export_async (request2, cancellable, on_progress, &data2, NULL, on_exported, &data2);
    g_main_loop_run (data2.loop);
    g_assert_null (data2.path);
    g_assert_error (data2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&data2.error);
    g_array_unref (data2.fractions);
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }
  g_main_loop_unref (data.loop);
}

static void
test_verify_not_bundle (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "not-bundle");
  g_autofree char *missing = g_build_filename (dir, "nothing-here", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.zip", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBundleVerification) empty = verify (dir);
  RsBundleVerification *none;

  g_assert_false (rs_bundle_verification_is_valid (empty));
  g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (empty),
                                      "manifest.json", "missing"));

  none = rs_bundle_verify (missing, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_READ);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "this is not a zip file at all", -1, NULL));
  none = rs_bundle_verify (junk, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_READ);
}

/* Verification looks at the bytes: a comment segment slipped into an
 * exported photo (with every hash recomputed) is still reported. */
static void
test_verify_metadata (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "verify-metadata");
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(RsSession) session = rs_test_make_session ("generic", front_path, back_path, selfie_path);
  g_autofree char *path = export_ok (session, target);
  g_autofree char *photo = g_build_filename (path, "3-selfie.jpg", NULL);
  g_autofree char *manifest = g_build_filename (path, "manifest.json", NULL);
  g_autofree char *sums = g_build_filename (path, "manifest.sha256", NULL);
  g_autofree char *data = NULL;
  g_autofree char *old_sha = NULL;
  g_autofree char *new_sha = NULL;
  g_autofree char *text = NULL;
  g_autofree char *manifest_sha = NULL;
  g_autoptr(GByteArray) changed = g_byte_array_new ();
  const char comment[] = "\xFF\xFE\x00\x0Ehello world!";
  gsize length;
  char *p;

  g_assert_true (g_file_get_contents (photo, &data, &length, NULL));
  old_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  g_byte_array_append (changed, (const guint8 *) data, 2);
  g_byte_array_append (changed, (const guint8 *) comment, sizeof comment - 1);
  g_byte_array_append (changed, (const guint8 *) data + 2, (guint) length - 2);
  g_assert_true (g_file_set_contents (photo, (const char *) changed->data, changed->len, NULL));
  new_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, changed->data, changed->len);

  /* Make the hashes agree again, as a forger would. */
  g_assert_true (g_file_get_contents (manifest, &text, NULL, NULL));
  p = strstr (text, old_sha);
  g_assert_nonnull (p);
  memcpy (p, new_sha, 64);
  p = strstr (text, "\"3-selfie.jpg\"");
  g_assert_nonnull (p);
  p = strstr (p, "\"bytes\" : ");
  g_assert_nonnull (p);
  {
    g_autofree char *before = g_strdup_printf ("\"bytes\" : %" G_GSIZE_FORMAT, length);
    g_autofree char *after = g_strdup_printf ("\"bytes\" : %" G_GSIZE_FORMAT, (gsize) changed->len);

    g_assert_true (g_str_has_prefix (p, before));
    g_assert_cmpuint (strlen (before), ==, strlen (after));
    memcpy (p, after, strlen (after));
  }
  g_assert_true (g_file_set_contents (manifest, text, -1, NULL));
  manifest_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (sums, &text, NULL, NULL));
  p = strstr (text, old_sha);
  g_assert_nonnull (p);
  memcpy (p, new_sha, 64);
  p = strstr (text, "  manifest.json");
  g_assert_nonnull (p);
  memcpy (p - 64, manifest_sha, 64);
  g_assert_true (g_file_set_contents (sums, text, -1, NULL));

  {
    g_autoptr(RsBundleVerification) result = verify (path);
    g_assert_false (rs_bundle_verification_is_valid (result));
    g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                        "3-selfie.jpg", "metadata"));
    g_assert_false (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                         "3-selfie.jpg", "hash"));
    g_assert_false (rs_test_has_problem (rs_bundle_verification_get_problems (result),
                                         "manifest.json", "hash"));
  }
}

/* A PNG comes out as JPEG; the async readiness check gives the same list. */
static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray **issues = user_data;
  g_autoptr(GError) error = NULL;

  *issues = rs_bundle_request_check_finish (RS_BUNDLE_REQUEST (source), result, &error);
  g_assert_no_error (error);
}

static void
test_png_and_check_async (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "png");
  g_autofree char *png = g_build_filename (dir, "back.png", NULL);
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(GdkPixbuf) pixbuf = rs_test_scene_photo (RS_TEST_SCENE_CARD_BACK, 1600, 1200, 8, 0);
  g_autoptr(RsSession) session = NULL;
  g_autoptr(RsBundleRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *issues = NULL;
  g_autofree char *path = NULL;
  g_autofree char *photo = NULL;

  g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", &error, NULL));
  g_assert_no_error (error);
  session = rs_test_make_session ("generic", front_path, png, selfie_path);
  rs_session_set_photo (session, RS_SLOT_SELFIE, NULL);
  request = make_request (session, target);

  rs_bundle_request_check_async (request, NULL, on_checked, &issues);
  while (issues == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((RsBundleIssue *) g_ptr_array_index (issues, 0))->key, ==, "photo:selfie:missing");
  g_ptr_array_unref (issues);

  rs_session_set_photo (session, RS_SLOT_SELFIE, selfie_path);
  path = rs_bundle_export (request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  photo = g_build_filename (path, "2-id-card-back.jpg", NULL);
  assert_jpeg_clean (photo);
  assert_valid (path);
}

/* Dark pixels of page 1 of @pdf rendered at 150 dpi, or -1 without pdftoppm. */
static gint64
pdf_ink (const char *dir,
         GBytes     *pdf)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *file = g_build_filename (dir, "ink.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "ink", NULL);
  g_autofree char *png = g_build_filename (dir, "ink-1.png", NULL);
  const char *argv[] = { NULL, "-r", "150", "-f", "1", "-l", "1", "-png", NULL, NULL, NULL };
  g_autoptr(GdkPixbuf) image = NULL;
  int status = -1;
  gint64 ink = 0;

  if (pdftoppm == NULL)
    return -1;
  argv[0] = pdftoppm;
  argv[8] = file;
  argv[9] = prefix;
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  image = gdk_pixbuf_new_from_file (png, NULL);
  g_assert_nonnull (image);
  for (int y = 0; y < gdk_pixbuf_get_height (image); y++)
    {
      const guint8 *row = gdk_pixbuf_read_pixels (image) + (gsize) y * gdk_pixbuf_get_rowstride (image);
      for (int x = 0; x < gdk_pixbuf_get_width (image); x++)
        ink += row[x * gdk_pixbuf_get_n_channels (image)] < 192;
    }
  g_unlink (png);
  g_unlink (file);
  return ink;
}

static GBytes *
checklist_pdf_with (const char *support_message)
{
  g_autoptr(RsChecklist) checklist = rs_checklist_new ();
  g_autoptr(GError) error = NULL;
  GBytes *pdf;

  checklist->title = g_strdup ("T");
  checklist->profile_name = g_strdup ("P");
  checklist->document_name = g_strdup ("D");
  checklist->created = g_strdup ("C");
  checklist->support_message = g_strdup (support_message);
  pdf = rs_checklist_to_pdf (checklist, &error);
  g_assert_no_error (error);
  return pdf;
}

/* Every Chinese character must leave ink when the PDF is rendered back:
 * 如 vanished with Noto Sans CJK SC Regular under cairo 1.16 + poppler. */
static void
test_pdf_glyphs (void)
{
  g_autofree char *dir = rs_test_make_dir (tmp_root, "glyphs");
  g_autoptr(GBytes) empty = checklist_pdf_with (" ");
  const char *samples[] = { "如", "例如", "需", "证", "王丽", "长期" };
  gint64 base = pdf_ink (dir, empty);

  if (base < 0)
    {
      g_test_skip ("pdftoppm not installed: glyphs not rendered back");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GBytes) pdf = checklist_pdf_with (samples[i]);
      gint64 ink = pdf_ink (dir, pdf);

      g_test_message ("%s: %" G_GINT64_FORMAT " dark pixels more", samples[i], ink - base);
      g_assert_cmpint (ink - base, >, 40 * g_utf8_strlen (samples[i], -1));
    }
}

/* A passport: one page and a selfie; the number is masked in the PDF,
 * also inside the machine-readable zone. */
static void
test_passport (void)
{
  const char *details =
    "{\"document_type\":\"passport\",\"fields\":{\"surname\":\"ZHANG\",\"given_names\":\"SAN\","
    "\"id_number\":\"E12345678\",\"id_number_confirm\":\"E12345678\",\"nationality\":\"CHN\","
    "\"birth_date\":\"1990-01-01\",\"sex\":\"male\",\"expiry_date\":\"2032-01-01\","
    "\"mrz\":\"P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\\nE123456782CHN9001011M3201015<<<<<<<<<<<<<<<2\"}}";
  g_autofree char *dir = rs_test_make_dir (tmp_root, "passport");
  g_autofree char *page = g_build_filename (dir, "page.jpg", NULL);
  g_autofree char *target = g_build_filename (dir, "bundle", NULL);
  g_autoptr(GdkPixbuf) pixbuf = rs_test_scene_photo (RS_TEST_SCENE_PASSPORT, 1600, 1200, 21, 0);
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsProfile) profile = rs_test_load_profile ("generic");
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GHashTable) fields = rs_details_from_data (details, -1, &type, &error);
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  g_assert_no_error (error);
  rs_test_save_jpeg (pixbuf, page);
  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, type);
  rs_details_apply_to_session (session, type, fields);
  rs_session_set_photo (session, RS_SLOT_PASSPORT, page);
  rs_session_set_photo (session, RS_SLOT_SELFIE, selfie_path);
  /* A photo for a slot this document does not use is left out. */
  rs_session_set_photo (session, RS_SLOT_ID_BACK, back_path);

  path = export_ok (session, target);
  first = g_build_filename (path, "1-passport.jpg", NULL);
  second = g_build_filename (path, "2-selfie.jpg", NULL);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (path), ==, 6);
  assert_valid (path);

  if (pdftotext != NULL)
    {
      g_autofree char *pdf = g_build_filename (path, "checklist.pdf", NULL);
      const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
      g_autofree char *text = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, NULL, NULL));
      g_assert_null (strstr (text, "E12345678"));
      g_assert_nonnull (strstr (text, "*****5678"));
      g_assert_nonnull (strstr (text, "*****56782CHN9001011M3201015"));
    }
}

/* Hostile or broken manifests: problems, never a crash. */
static void
test_verify_bad_manifests (void)
{
  const char *manifests[] = {
    "",
    "[]",
    "{\"format\":\"resubmit-bundle\",\"format_version\":1}",
    "{\"format\":\"resubmit-bundle\",\"format_version\":2,\"files\":[]}",
    "{\"format\":\"resubmit-bundle\",\"format_version\":1,\"files\":[1,\"x\",null,{},"
      "{\"name\":\"../etc/passwd\"},{\"name\":\"manifest.json\"},{\"name\":5}]}",
    "{\"format\":\"resubmit-bundle\",\"format_version\":1,\"profile\":{\"id\":\"no-such\"},"
      "\"files\":[{\"name\":\"a.jpg\",\"role\":\"photo\",\"sha256\":\"00\",\"bytes\":\"x\","
      "\"checks\":{\"findings\":[1,{\"id\":null}]}}]}",
    "{\"format\":\"resubmit-bundle\",\"format_version\":1,\"profile\":{\"id\":\"generic\",\"version\":1},"
      "\"document_type\":\"cn-ric\",\"files\":[{\"name\":\"a.jpg\",\"role\":\"photo\",\"slot\":7}]}",
    "{\"format\":\"resubmit-bundle\",\"format_version\":1,\"app\":{\"version\":1},"
      "\"profile\":{\"id\":3,\"version\":\"1\"},\"document_type\":[],"
      "\"files\":[{\"name\":\"a.jpg\",\"role\":\"photo\",\"sha256\":5,\"bytes\":\"x\","
      "\"slot\":\"id-front\",\"width\":\"w\",\"checks\":{\"findings\":{}}}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (manifests); i++)
    {
      g_autofree char *dir = rs_test_make_dir (tmp_root, "bad-manifest");
      g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);
      g_autofree char *sums = g_build_filename (dir, "manifest.sha256", NULL);
      g_autofree char *photo = g_build_filename (dir, "a.jpg", NULL);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, manifests[i], -1);
      g_autofree char *sums_text = g_strdup_printf ("%s  manifest.json\nnot a line\n", sum);
      g_autoptr(RsBundleVerification) result = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_assert_true (g_file_set_contents (manifest, manifests[i], -1, NULL));
      g_assert_true (g_file_set_contents (sums, sums_text, -1, NULL));
      g_assert_true (g_file_set_contents (photo, "\xFF\xD8\xFF\xD9", 4, NULL));
      result = verify (dir);
      g_assert_false (rs_bundle_verification_is_valid (result));
      node = rs_bundle_verification_to_json (result);
      g_assert_nonnull (node);
    }
}

static void
test_file_names (void)
{
  g_autofree char *a = rs_bundle_photo_file_name (RS_SLOT_ID_FRONT, 1);
  g_autofree char *b = rs_bundle_photo_file_name (RS_SLOT_ID_BACK, 2);
  g_autofree char *c = rs_bundle_photo_file_name (RS_SLOT_SELFIE, 3);
  g_autofree char *d = rs_bundle_photo_file_name (RS_SLOT_PASSPORT, 1);

  g_assert_cmpstr (a, ==, "1-id-card-front.jpg");
  g_assert_cmpstr (b, ==, "2-id-card-back.jpg");
  g_assert_cmpstr (c, ==, "3-selfie.jpg");
  g_assert_cmpstr (d, ==, "1-passport.jpg");
}

/* The test profile: generic, but 1.5 MB and 3000 px at most. */
static void
write_test_profile (const char *config)
{
  const char *root = g_getenv ("RESUBMIT_SOURCE_ROOT");
  g_autofree char *source = g_build_filename (root ? root : ".", "data", "profiles", "generic.json", NULL);
  g_autofree char *dir = g_build_filename (config, "resubmit", "profiles", NULL);
  g_autofree char *dest = g_build_filename (dir, "bundle-test.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_file (parser, source, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (object, "id", "bundle-test");
  json_object_set_int_member (object, "max_bytes", 1500000);
  json_object_set_int_member (object, "max_long_side", 3000);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, dest, &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("RESUBMIT_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *config = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  chinese = language != NULL && g_str_has_prefix (language, "zh");

  tmp_root = g_dir_make_tmp ("resubmit-bundle-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  /* User profiles come from here (the 12 MP test's small limits). */
  config = g_build_filename (tmp_root, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  write_test_profile (config);

  g_test_init (&argc, &argv, NULL);

  today = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
  front_path = g_build_filename (tmp_root, "front.jpg", NULL);
  back_path = g_build_filename (tmp_root, "back.jpg", NULL);
  selfie_path = g_build_filename (tmp_root, "selfie.jpg", NULL);
  exif_path = g_build_filename (tmp_root, "front-exif.jpg", NULL);
  {
    g_autoptr(GdkPixbuf) front = rs_test_scene_photo (RS_TEST_SCENE_CARD_FRONT, 1600, 1200, 7, 0);
    g_autoptr(GdkPixbuf) stored = gdk_pixbuf_rotate_simple (front, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);

    rs_test_save_id_photos (front_path, back_path, selfie_path);
    /* Orientation 6: turn 90° clockwise to display, i.e. back to "front". */
    rs_test_save_jpeg_with_metadata (stored, 6, exif_path);
  }

  g_test_add_func ("/bundle/file-names", test_file_names);
  g_test_add_func ("/bundle/jpeg-scan", test_scan);
  g_test_add_func ("/bundle/export/folder", test_folder_roundtrip);
  g_test_add_func ("/bundle/export/zip", test_zip_roundtrip);
  g_test_add_func ("/bundle/export/metadata-stripped", test_metadata_stripped);
  g_test_add_func ("/bundle/export/large-photo", test_large_photo);
  g_test_add_func ("/bundle/export/exists", test_exists);
  g_test_add_func ("/bundle/export/not-ready", test_not_ready);
  g_test_add_func ("/bundle/export/disk-full", test_disk_full);
  g_test_add_func ("/bundle/export/tmpfs-full", test_tmpfs_full);
  g_test_add_func ("/bundle/export/read-only", test_read_only);
  g_test_add_func ("/bundle/export/pdf", test_pdf);
  g_test_add_func ("/bundle/export/passport", test_passport);
  g_test_add_func ("/bundle/checklist/glyphs", test_pdf_glyphs);
  g_test_add_func ("/bundle/export/async", test_async);
  g_test_add_func ("/bundle/verify/tamper", test_folder_tamper);
  g_test_add_func ("/bundle/verify/zip-corrupt", test_zip_corrupt);
  g_test_add_func ("/bundle/verify/not-a-bundle", test_verify_not_bundle);
  g_test_add_func ("/bundle/verify/metadata", test_verify_metadata);
  g_test_add_func ("/bundle/verify/bad-manifests", test_verify_bad_manifests);
  g_test_add_func ("/bundle/export/png-and-check-async", test_png_and_check_async);

  status = g_test_run ();

  rs_test_remove_tree (tmp_root);
  g_free (tmp_root);
  g_free (front_path);
  g_free (back_path);
  g_free (selfie_path);
  g_free (exif_path);
  g_date_time_unref (today);
  return status;
}
