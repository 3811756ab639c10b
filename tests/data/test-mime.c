/* test-mime.c: the app registers for exported bundles and nothing else.
 *
 * Installs the built MIME package and desktop file into a private XDG data
 * folder (update-mime-database, update-desktop-database), then asks GIO what
 * a file manager would: the content type of a real exported bundle, of other
 * zips and of a photo, and which apps "Open With" offers for each.
 *
 * Usage: test-mime MIME.xml APP.desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <archive.h>
#include <archive_entry.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rs-bundle.h"
#include "rs-test-fixtures.h"

#define BUNDLE_TYPE "application/x-resubmit-bundle"

static char *tmp_root;
static char *desktop_id;
static char *photo_path;
static char *bundle_path;

static char *
content_type_of (const char *path,
                 const char *attribute)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, attribute, G_FILE_QUERY_INFO_NONE,
                                                 NULL, &error);

  g_assert_no_error (error);
  return g_strdup (g_file_info_get_attribute_string (info, attribute));
}

/* What Nautilus shows once it has looked inside the file. */
static char *
content_type (const char *path)
{
  return content_type_of (path, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE);
}

/* Whether "Open With" for @type lists this app. */
static gboolean
app_offered_for (const char *type)
{
  GList *apps = g_app_info_get_all_for_type (type);
  gboolean found = FALSE;

  for (GList *l = apps; l != NULL; l = l->next)
    if (g_strcmp0 (g_app_info_get_id (l->data), desktop_id) == 0)
      found = TRUE;
  g_list_free_full (apps, g_object_unref);
  return found;
}

/* A zip written the way the export writes one (libarchive, stored entries),
 * holding @first (a small JPEG's bytes) and a manifest.json. */
static char *
write_zip (const char *name,
           const char *first)
{
  char *path = g_build_filename (tmp_root, name, NULL);
  struct archive *archive = archive_write_new ();
  const char *names[] = { first, "manifest.json" };
  g_autofree char *jpeg = NULL;
  gsize jpeg_length = 0;

  g_assert_true (g_file_get_contents (photo_path, &jpeg, &jpeg_length, NULL));
  archive_write_set_format_zip (archive);
  archive_write_set_options (archive, "zip:compression=store");
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *data = i == 0 ? jpeg : "{\"format\": \"resubmit-bundle\"}";
      gsize length = i == 0 ? jpeg_length : strlen (data);
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_size (entry, (la_int64_t) length);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, data, length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
  return path;
}

static void
test_exported_bundle (void)
{
  g_autofree char *type = content_type (bundle_path);
  g_autofree char *fast = content_type_of (bundle_path, G_FILE_ATTRIBUTE_STANDARD_FAST_CONTENT_TYPE);
  g_autofree char *renamed = g_build_filename (tmp_root, "for-my-second-try.zip", NULL);
  g_autofree char *renamed_type = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_cmpstr (type, ==, BUNDLE_TYPE);
  g_assert_true (g_content_type_is_a (type, "application/zip"));
  /* From the name alone it is a zip: the low-weight glob never wins. */
  g_assert_cmpstr (fast, ==, "application/zip");

  /* The content decides, not the name the export suggested. */
  g_assert_true (g_file_get_contents (bundle_path, &data, &length, NULL));
  g_assert_true (g_file_set_contents (renamed, data, (gssize) length, NULL));
  renamed_type = content_type (renamed);
  g_assert_cmpstr (renamed_type, ==, BUNDLE_TYPE);
}

/* Whatever slot a profile puts first, its photo's name is in the magic. */
static void
test_every_first_photo (void)
{
  const char *slots[] = { RS_SLOT_ID_FRONT, RS_SLOT_ID_BACK, RS_SLOT_PASSPORT, RS_SLOT_SELFIE };
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (tmp_root, NULL);
  guint n_documents = 0;

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autofree char *first = rs_bundle_photo_file_name (slots[i], 1);
      g_autofree char *zip = write_zip ("slot.zip", first);
      g_autofree char *type = content_type (zip);

      g_test_message ("first entry %s: %s", first, type);
      g_assert_cmpstr (type, ==, BUNDLE_TYPE);
      g_unlink (zip);
    }

  /* …and the built-in profiles only use those slots. */
  for (guint i = 0; i < profiles->len; i++)
    {
      RsProfile *profile = g_ptr_array_index (profiles, i);

      for (guint d = 0; d < rs_profile_get_n_documents (profile); d++)
        {
          const RsProfileDocument *document = rs_profile_get_document (profile, d);
          g_auto(GStrv) order = rs_profile_get_slots (profile, document->type);

          g_assert_nonnull (order);
          g_assert_nonnull (order[0]);
          g_assert_true (g_strv_contains (slots, order[0]));
          n_documents++;
        }
    }
  g_assert_cmpuint (n_documents, >, 0);
}

/* Other zips and photos keep their own types. */
static void
test_not_claimed (void)
{
  g_autofree char *other = write_zip ("photos.zip", "IMG_0001.jpg");
  g_autofree char *numbered = write_zip ("numbered.zip", "1-holiday.jpg");
  g_autofree char *other_type = content_type (other);
  g_autofree char *numbered_type = content_type (numbered);
  g_autofree char *photo_type = content_type (photo_path);

  g_assert_cmpstr (other_type, ==, "application/zip");
  g_assert_cmpstr (numbered_type, ==, "application/zip");
  g_assert_cmpstr (photo_type, ==, "image/jpeg");
}

/* "Open With": bundles yes; photos and other zips no. */
static void
test_open_with (void)
{
  const char *not_ours[] = {
    "image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "application/zip",
  };
  GList *all = g_app_info_get_all ();
  gboolean installed = FALSE;

  /* GIO read the desktop file at all. */
  for (GList *l = all; l != NULL; l = l->next)
    if (g_strcmp0 (g_app_info_get_id (l->data), desktop_id) == 0)
      installed = TRUE;
  g_list_free_full (all, g_object_unref);
  g_assert_true (installed);

  g_assert_true (app_offered_for (BUNDLE_TYPE));
  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    {
      g_test_message ("Open With for %s", not_ours[i]);
      g_assert_false (app_offered_for (not_ours[i]));
    }
}

/* The private data folder: the system's MIME database and applications stay
 * visible (application/zip, image/jpeg), ours is added in front. */
static void
install_data (const char *mime_xml,
              const char *desktop_file)
{
  g_autofree char *share = g_build_filename (tmp_root, "share", NULL);
  g_autofree char *packages = g_build_filename (share, "mime", "packages", NULL);
  g_autofree char *mime_dir = g_build_filename (share, "mime", NULL);
  g_autofree char *apps = g_build_filename (share, "applications", NULL);
  g_autofree char *mime_name = g_path_get_basename (mime_xml);
  g_autofree char *mime_copy = g_build_filename (packages, mime_name, NULL);
  g_autofree char *desktop_copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *home = g_build_filename (tmp_root, "home", NULL);
  const char *system_dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *dirs = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gsize length;

  desktop_id = g_path_get_basename (desktop_file);
  desktop_copy = g_build_filename (apps, desktop_id, NULL);
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_true (g_file_get_contents (mime_xml, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (mime_copy, contents, (gssize) length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (desktop_file, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (desktop_copy, contents, (gssize) length, NULL));

  {
    const char *mime_argv[] = { "update-mime-database", mime_dir, NULL };
    const char *desktop_argv[] = { "update-desktop-database", apps, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) mime_argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_spawn_sync (NULL, (char **) desktop_argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* GIO ignores a desktop file whose Exec program is not in PATH: a
   * stand-in resubmit (never run) for the uninstalled build. */
  {
    g_autofree char *bin = g_build_filename (tmp_root, "bin", NULL);
    g_autofree char *stand_in = g_build_filename (bin, "resubmit", NULL);
    g_autofree char *path = g_strconcat (bin, ":", g_getenv ("PATH"), NULL);

    g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
    g_assert_true (g_file_set_contents (stand_in, "#!/bin/sh\nexit 1\n", -1, NULL));
    g_assert_cmpint (g_chmod (stand_in, 0700), ==, 0);
    g_setenv ("PATH", path, TRUE);
  }

  /* Before GIO first reads them (it keeps the list of folders). */
  dirs = g_strconcat (share, ":", system_dirs != NULL && *system_dirs != '\0' ?
                      system_dirs : "/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  if (argc < 3)
    {
      g_printerr ("usage: test-mime MIME.xml APP.desktop\n");
      return 2;
    }
  if (!have_program ("update-mime-database") || !have_program ("update-desktop-database"))
    {
      g_print ("1..0 # SKIP update-mime-database or update-desktop-database is not installed "
               "(build-aux/dev setup installs them)\n");
      return 0;
    }

  tmp_root = g_dir_make_tmp ("resubmit-mime-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  /* No user profiles: only the built-in ones are enumerated. */
  g_setenv ("XDG_CONFIG_HOME", tmp_root, TRUE);
  install_data (argv[1], argv[2]);

  /* A real bundle, exported the way the Export step does it. */
  {
    g_autofree char *front = g_build_filename (tmp_root, "front.jpg", NULL);
    g_autofree char *back = g_build_filename (tmp_root, "back.jpg", NULL);
    g_autofree char *selfie = g_build_filename (tmp_root, "selfie.jpg", NULL);
    g_autoptr(RsSession) session = NULL;
    g_autoptr(RsBundleRequest) request = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
    g_autoptr(GError) error = NULL;

    rs_test_save_id_photos (front, back, selfie);
    photo_path = g_strdup (front);
    session = rs_test_make_session ("generic", front, back, selfie);
    bundle_path = g_build_filename (tmp_root, "Resubmit-generic-2026-06-01.zip", NULL);
    request = rs_bundle_request_new (session, bundle_path);
    rs_bundle_request_set_now (request, now);
    g_free (rs_bundle_export (request, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/mime/exported-bundle", test_exported_bundle);
  g_test_add_func ("/mime/every-first-photo", test_every_first_photo);
  g_test_add_func ("/mime/not-claimed", test_not_claimed);
  g_test_add_func ("/mime/open-with", test_open_with);
  result = g_test_run ();

  rs_test_remove_tree (tmp_root);
  return result;
}
