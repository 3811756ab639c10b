/* test-bundle-hostile.c: bundles made to break the reader.  Each case is a
 * defect an audit found (empty entries, cut zips, deep JSON, NUL, huge or
 * linked manifests, too many entries); verifying and opening must give a
 * clear answer and never crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle.h"
#include "rs-bundle-open.h"
#include "rs-test-fixtures.h"

static char *tmp_root;
static char *bundle_dir;   /* a good exported folder bundle */
static char *bundle_zip;   /* the same as a good zip */

/* Writes @zip with the files of bundle_dir, replacing each name in
 * @replace (name → contents, "" for an empty entry) and adding @extra
 * empty entries named extra-N.txt. */
static void
write_zip (const char *zip,
           GHashTable *replace,
           guint       extra)
{
  struct archive *out = archive_write_new ();
  g_autoptr(GDir) d = g_dir_open (bundle_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  archive_write_set_format_zip (out);
  g_assert_cmpint (archive_write_open_filename (out, zip), ==, ARCHIVE_OK);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (bundle_dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;
      struct archive_entry *entry = archive_entry_new ();
      const char *replaced = replace ? g_hash_table_lookup (replace, name) : NULL;

      if (replaced != NULL)
        {
          data = g_strdup (replaced);
          length = strlen (replaced);
        }
      else
        g_assert_true (g_file_get_contents (file, &data, &length, NULL));
      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_size (entry, (la_int64_t) length);
      g_assert_cmpint (archive_write_header (out, entry), ==, ARCHIVE_OK);
      if (length > 0)
        g_assert_cmpint (archive_write_data (out, data, length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }
  for (guint i = 0; i < extra; i++)
    {
      g_autofree char *extra_name = g_strdup_printf ("extra-%u.txt", i);
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, extra_name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_size (entry, 0);
      g_assert_cmpint (archive_write_header (out, entry), ==, ARCHIVE_OK);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);
}

static char *
zip_with (const char *label,
          const char *name,
          const char *contents)
{
  g_autoptr(GHashTable) replace = g_hash_table_new (g_str_hash, g_str_equal);
  char *zip = g_strdup_printf ("%s/%s.zip", tmp_root, label);

  g_hash_table_insert (replace, (gpointer) name, (gpointer) contents);
  write_zip (zip, replace, 0);
  return zip;
}

static char *
copy_folder (const char *label)
{
  g_autofree char *parent = rs_test_make_dir (tmp_root, label);
  char *dir = g_build_filename (parent, "bundle", NULL);
  g_autoptr(GDir) d = g_dir_open (bundle_dir, 0, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (bundle_dir, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &data, &length, NULL));
      g_assert_true (g_file_set_contents (to, data, (gssize) length, NULL));
    }
  return dir;
}

static char *
nested_json (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Verification returns a report that is not valid and names @file/@id. */
static void
assert_invalid (const char *path,
                const char *file,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBundleVerification) v = rs_bundle_verify (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  g_assert_false (rs_bundle_verification_is_valid (v));
  if (file != NULL || id != NULL)
    g_assert_true (rs_test_has_problem (rs_bundle_verification_get_problems (v), file, id));
}

/* Verification refuses to read @path at all, with a message. */
static void
assert_unreadable (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBundleVerification) v = rs_bundle_verify (path, NULL, &error);

  g_assert_null (v);
  g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_READ);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "(null)"));
}

/* Opening fails with @code and leaves the session empty. */
static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsBundleVerification) v = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_false (rs_bundle_open (path, session, NULL, &v, &error));
  g_assert_error (error, RS_BUNDLE_OPEN_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "(null)"));
  fields = rs_session_list_fields (session);
  g_assert_cmpuint (g_strv_length (fields), ==, 0);
}

static void
test_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBundleVerification) v = rs_bundle_verify (bundle_zip, NULL, &error);

  /* The fixtures are sound: what fails below fails for its defect. */
  g_assert_no_error (error);
  g_assert_true (rs_bundle_verification_is_valid (v));
}

static void
test_empty_sums (void)
{
  g_autofree char *zip = zip_with ("empty-sums", "manifest.sha256", "");
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsBundleVerification) v = NULL;
  g_autoptr(GError) error = NULL;

  assert_invalid (zip, "manifest.sha256", "manifest");
  /* Opening still works; its verification says what is wrong. */
  g_assert_true (rs_bundle_open (zip, session, NULL, &v, &error));
  g_assert_no_error (error);
  g_assert_false (rs_bundle_verification_is_valid (v));
}

static void
test_empty_manifest (void)
{
  g_autofree char *zip = zip_with ("empty-manifest", "manifest.json", "");

  assert_invalid (zip, "manifest.json", "manifest");
  assert_open_fails (zip, RS_BUNDLE_OPEN_ERROR_MALFORMED);
}

static void
test_deep_manifest (void)
{
  g_autofree char *deep = nested_json (80000);
  g_autofree char *zip = zip_with ("deep-manifest", "manifest.json", deep);
  g_autofree char *dir = copy_folder ("deep-manifest");
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);

  assert_invalid (zip, "manifest.json", "manifest");
  assert_open_fails (zip, RS_BUNDLE_OPEN_ERROR_MALFORMED);
  g_assert_true (g_file_set_contents (manifest, deep, -1, NULL));
  assert_invalid (dir, "manifest.json", "manifest");
  assert_open_fails (dir, RS_BUNDLE_OPEN_ERROR_MALFORMED);
}

static void
test_nul_in_manifest (void)
{
  g_autofree char *dir = copy_folder ("nul");
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  char *at;

  /* Put \u0000 into the first string value of the manifest. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  at = strstr (text, "\"resubmit-bundle\"");
  g_assert_nonnull (at);
  edited = g_strdup_printf ("%.*s\"resubmit\\u0000-bundle\"%s", (int) (at - text), text,
                            at + strlen ("\"resubmit-bundle\""));
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  assert_invalid (dir, "manifest.json", "manifest");
  assert_open_fails (dir, RS_BUNDLE_OPEN_ERROR_MALFORMED);
}

static void
test_cut_zip (void)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  /* The last 30 bytes (inside the end record), and a cut in the middle of
   * the central directory. */
  const gsize cuts[] = { 30, 200 };

  g_assert_true (g_file_get_contents (bundle_zip, &data, &length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *zip = g_strdup_printf ("%s/cut-%u.zip", tmp_root, i);

      g_assert_cmpuint (length, >, cuts[i]);
      g_assert_true (g_file_set_contents (zip, data, (gssize) (length - cuts[i]), NULL));
      assert_unreadable (zip);
      assert_open_fails (zip, RS_BUNDLE_OPEN_ERROR_READ);
    }
}

static void
test_many_entries (void)
{
  g_autofree char *zip = g_strdup_printf ("%s/many.zip", tmp_root);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBundleVerification) v = NULL;

  write_zip (zip, NULL, 300);
  v = rs_bundle_verify (zip, NULL, &error);
  g_assert_null (v);
  g_assert_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_READ);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "256"));
}

static void
test_huge_manifest (void)
{
  g_autofree char *dir = copy_folder ("huge");
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  int fd;

  /* A sparse 1 GiB manifest: refused from its size, never read. */
  fd = g_open (path, O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1 << 30), ==, 0);
  close (fd);
  assert_open_fails (dir, RS_BUNDLE_OPEN_ERROR_READ);
  assert_invalid (dir, "manifest.json", "extra");
}

static void
test_linked_manifest (void)
{
  g_autofree char *dir = copy_folder ("linked");
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *outside = g_build_filename (tmp_root, "outside-manifest.json", NULL);
  g_autofree char *good = g_build_filename (bundle_dir, "manifest.json", NULL);
  g_autofree char *text = NULL;

  /* The link points at a good manifest outside the folder: still refused. */
  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (outside, text, -1, NULL));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (symlink (outside, path), ==, 0);
  assert_open_fails (dir, RS_BUNDLE_OPEN_ERROR_READ);
  assert_invalid (dir, "manifest.json", "extra");
}

/* Privacy of what the export writes: zip entries owned by the user, not
 * root; the PDF's own dates are the export's (pinned) time. */
static void
test_zip_owner (void)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  guint n = 0;

  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, bundle_zip, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_assert_cmpint (archive_entry_uid (entry), ==, getuid ());
      g_assert_cmpint (archive_entry_gid (entry), ==, getgid ());
      n++;
    }
  archive_read_free (archive);
  g_assert_cmpuint (n, >=, 5);
}

/* @needle in binary @data (g_strstr_len() stops at a NUL). */
static const char *
find_bytes (const char *data,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static void
test_pdf_dates (void)
{
  g_autofree char *pdf = g_build_filename (bundle_dir, "checklist.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (pdf, &data, &length, NULL));
  /* The export's time is 2026-06-01 12:00 local (cairo 1.16 leaves out the
   * "D:" prefix), not the wall clock. */
  for (guint i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "/CreationDate (" : "/ModDate (";
      const char *at = find_bytes (data, length, key);

      g_assert_nonnull (at);
      at += strlen (key);
      if (g_str_has_prefix (at, "D:"))
        at += 2;
      g_assert_true (g_str_has_prefix (at, "20260601120000"));
    }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("RESUBMIT_LOCALEDIR");
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *front = NULL, *back = NULL, *selfie = NULL;
  g_autoptr(GDateTime) today = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  tmp_root = g_dir_make_tmp ("resubmit-bundle-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  config = g_build_filename (tmp_root, "config", NULL);
  cache = g_build_filename (tmp_root, "cache", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  g_test_init (&argc, &argv, NULL);

  today = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
  front = g_build_filename (tmp_root, "front.jpg", NULL);
  back = g_build_filename (tmp_root, "back.jpg", NULL);
  selfie = g_build_filename (tmp_root, "selfie.jpg", NULL);
  rs_test_save_id_photos (front, back, selfie);
  {
    g_autoptr(RsSession) session = rs_test_make_session ("generic", front, back, selfie);
    g_autoptr(GError) error = NULL;
    g_autofree char *target = g_build_filename (tmp_root, "good", NULL);
    g_autoptr(RsBundleRequest) request = rs_bundle_request_new (session, target);
    g_autofree char *zip_target = g_build_filename (tmp_root, "good.zip", NULL);
    g_autoptr(RsBundleRequest) zip_request = rs_bundle_request_new (session, zip_target);

    rs_session_set_acknowledged (session, "confirm:compared-details", TRUE);
    rs_bundle_request_set_now (request, today);
    rs_bundle_request_set_lang (request, "en");
    bundle_dir = rs_bundle_export (request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    rs_bundle_request_set_now (zip_request, today);
    rs_bundle_request_set_lang (zip_request, "en");
    bundle_zip = rs_bundle_export (zip_request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/bundle/hostile/good", test_good);
  g_test_add_func ("/bundle/hostile/empty-sums", test_empty_sums);
  g_test_add_func ("/bundle/hostile/empty-manifest", test_empty_manifest);
  g_test_add_func ("/bundle/hostile/deep-manifest", test_deep_manifest);
  g_test_add_func ("/bundle/hostile/nul-in-manifest", test_nul_in_manifest);
  g_test_add_func ("/bundle/hostile/cut-zip", test_cut_zip);
  g_test_add_func ("/bundle/hostile/many-entries", test_many_entries);
  g_test_add_func ("/bundle/hostile/huge-manifest", test_huge_manifest);
  g_test_add_func ("/bundle/hostile/linked-manifest", test_linked_manifest);
  g_test_add_func ("/bundle/privacy/zip-owner", test_zip_owner);
  g_test_add_func ("/bundle/privacy/pdf-dates", test_pdf_dates);

  status = g_test_run ();

  rs_test_remove_tree (tmp_root);
  g_free (tmp_root);
  g_free (bundle_dir);
  g_free (bundle_zip);
  return status;
}
