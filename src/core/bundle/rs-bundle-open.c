/* rs-bundle-open.c: read a bundle back into a session.
 *
 * Everything is loaded into a scratch session first and copied into the
 * caller's only when the whole bundle was read, so a failure never leaves a
 * half-restored session behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle-open.h"
#include "rs-bundle-private.h"
#include "rs-draft.h"
#include "rs-file.h"
#include "rs-json.h"
#include "rs-photo-set.h"
#include "rs-validate.h"

G_DEFINE_QUARK (rs-bundle-open-error-quark, rs_bundle_open_error)

typedef struct {
  RsSession            *session;
  RsBundleVerification *verification;
  char                 *extracted_dir; /* zip: where the photos went */
} OpenResult;

static void
remove_extracted (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
open_result_free (OpenResult *result)
{
  g_clear_object (&result->session);
  g_clear_object (&result->verification);
  /* Still set: nobody took the session, so its unpacked photos go too. */
  remove_extracted (result->extracted_dir);
  g_free (result->extracted_dir);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenResult, open_result_free)

static gboolean
is_manifest_file (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_str_equal (base, "manifest.json") && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
zip_has_manifest (const char *path)
{
  struct archive *archive;
  struct archive_entry *entry;
  gboolean found = FALSE;

  if (rs_bundle_zip_open (path, &archive))
    while (!found && archive_read_next_header (archive, &entry) == ARCHIVE_OK)
      found = archive_entry_filetype (entry) == AE_IFREG &&
              g_strcmp0 (rs_bundle_zip_entry_name (entry), "manifest.json") == 0;
  archive_read_free (archive);
  return found;
}

gboolean
rs_bundle_path_is_bundle (const char *path)
{
  g_autofree char *manifest = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      manifest = g_build_filename (path, "manifest.json", NULL);
      return g_file_test (manifest, G_FILE_TEST_IS_REGULAR);
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  if (is_manifest_file (path))
    return TRUE;
  return zip_has_manifest (path);
}

/* ------------------------------------------------------------------ */
/* Reading                                                            */

static void
set_read_error (GError    **error,
                const char *path,
                const char *why)
{
  g_autofree char *display = g_filename_display_name (path);

  /* TRANSLATORS: %s is a path, the second %s the reason */
  g_set_error (error, RS_BUNDLE_OPEN_ERROR, RS_BUNDLE_OPEN_ERROR_READ,
               _("“%s” could not be read: %s. Check that the file or folder is still there "
                 "and that you may read it, then open it again."),
               display, why);
}

static void
set_not_bundle_error (GError    **error,
                      const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, RS_BUNDLE_OPEN_ERROR, RS_BUNDLE_OPEN_ERROR_NOT_BUNDLE,
               _("“%s” is not a bundle exported by Resubmit: it holds no manifest.json. "
                 "Choose the .zip file the app exported, or the manifest.json inside an "
                 "exported bundle folder."),
               display);
}

static void
set_malformed_error (GError    **error,
                     const char *path,
                     const char *why)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *reason = g_strdup (why);

  /* @why may be a whole sentence of its own (the validators' messages). */
  g_strchomp (reason);
  while (g_str_has_suffix (reason, "."))
    reason[strlen (reason) - 1] = '\0';
  while (g_str_has_suffix (reason, "。"))
    reason[strlen (reason) - strlen ("。")] = '\0';

  /* TRANSLATORS: %s is a path, the second %s says what is wrong */
  g_set_error (error, RS_BUNDLE_OPEN_ERROR, RS_BUNDLE_OPEN_ERROR_MALFORMED,
               _("The bundle “%s” is damaged: %s. Export the bundle again from your draft, "
                 "or enter your details again."),
               display, reason);
}

typedef struct {
  GHashTable *wanted;   /* NULL: only manifest.json */
  GHashTable *entries;  /* name → GBytes */
} ZipRead;

static RsBundleZipAction
open_zip_entry (struct archive_entry *entry,
                const char           *name,
                gpointer              user_data)
{
  ZipRead *zr = user_data;

  if (archive_entry_filetype (entry) != AE_IFREG || !rs_bundle_name_is_safe (name) ||
      g_hash_table_contains (zr->entries, name))
    return RS_BUNDLE_ZIP_SKIP;
  if (zr->wanted == NULL ? !g_str_equal (name, "manifest.json")
                         : !g_hash_table_contains (zr->wanted, name))
    return RS_BUNDLE_ZIP_SKIP;
  return RS_BUNDLE_ZIP_READ;
}

static void
open_zip_data (const char *name,
               GBytes     *data,
               const char *damage,
               gpointer    user_data)
{
  ZipRead *zr = user_data;

  g_hash_table_insert (zr->entries, g_strdup (name), g_bytes_ref (data));
}

/* @wanted: names to read (NULL: only manifest.json).  Returns name → GBytes
 * of the wanted entries found (a missing one is simply absent). */
static GHashTable *
read_zip_entries (const char  *path,
                  GHashTable  *wanted,
                  GError     **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  g_autofree char *why = NULL;
  ZipRead zr = { wanted, entries };

  if (!rs_bundle_zip_read (path, FALSE, open_zip_entry, open_zip_data, &zr, &why))
    {
      set_read_error (error, path, why);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Parses @data as a manifest and fills @session (a scratch one) with
 * everything but the photos; @photos gets slot → file name. */
static gboolean
parse_manifest (const char  *path,
                GBytes      *data,
                GPtrArray   *profiles,
                RsSession   *session,
                GHashTable  *photos,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *details_type = NULL;
  JsonObject *manifest, *profile_object;
  JsonNode *node;
  const char *profile_id, *document_type;
  gint64 version;

  if (!rs_json_load (parser, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                     &local_error))
    {
      /* TRANSLATORS: %s is the JSON parser's message */
      g_autofree char *why = g_strdup_printf (_("manifest.json is not valid JSON (%s)"),
                                              local_error->message);
      set_malformed_error (error, path, why);
      return FALSE;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      g_strcmp0 (rs_bundle_json_get_string (json_node_get_object (node), "format", NULL),
                 "resubmit-bundle") != 0)
    {
      set_not_bundle_error (error, path);
      return FALSE;
    }
  manifest = json_node_get_object (node);

  node = json_object_get_member (manifest, "format_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    {
      set_malformed_error (error, path, _("manifest.json has no valid format version"));
      return FALSE;
    }
  version = json_node_get_int (node);
  if (version > RS_BUNDLE_FORMAT_VERSION)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RS_BUNDLE_OPEN_ERROR, RS_BUNDLE_OPEN_ERROR_NEWER_VERSION,
                   _("The bundle “%s” was written by a newer version of Resubmit (bundle "
                     "format %d; this version understands up to %d). Open it with the newer "
                     "version, or update Resubmit."),
                   display, (int) MIN (version, G_MAXINT), RS_BUNDLE_FORMAT_VERSION);
      return FALSE;
    }

  node = json_object_get_member (manifest, "profile");
  profile_object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  profile_id = rs_bundle_json_get_string (profile_object, "id", NULL);
  if (profile_id == NULL || *profile_id == '\0')
    {
      set_malformed_error (error, path, _("manifest.json names no platform profile"));
      return FALSE;
    }

  node = json_object_get_member (manifest, "details");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_malformed_error (error, path, _("manifest.json holds no details record"));
      return FALSE;
    }
  fields = rs_details_from_json (node, &details_type, &local_error);
  if (fields == NULL)
    {
      set_malformed_error (error, path, local_error->message);
      return FALSE;
    }
  document_type = rs_bundle_json_get_string (manifest, "document_type", NULL);
  if (document_type == NULL)
    document_type = details_type;
  if (document_type == NULL || !rs_document_type_is_known (document_type))
    {
      set_malformed_error (error, path, _("manifest.json names no document type this version knows"));
      return FALSE;
    }

  node = json_object_get_member (manifest, "files");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_malformed_error (error, path, _("manifest.json lists no files"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item_node = json_array_get_element (json_node_get_array (node), i);
      JsonObject *item;
      const char *name, *slot;

      if (!JSON_NODE_HOLDS_OBJECT (item_node))
        continue;
      item = json_node_get_object (item_node);
      if (g_strcmp0 (rs_bundle_json_get_string (item, "role", NULL), "photo") != 0)
        continue;
      name = rs_bundle_json_get_string (item, "name", NULL);
      slot = rs_bundle_json_get_string (item, "slot", NULL);
      if (!rs_bundle_name_is_safe (name) || slot == NULL || *slot == '\0')
        {
          set_malformed_error (error, path, _("manifest.json has a damaged photo entry"));
          return FALSE;
        }
      g_hash_table_insert (photos, g_strdup (slot), g_strdup (name));
    }

  node = json_object_get_member (manifest, "acknowledgments");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_malformed_error (error, path, _("manifest.json has damaged acknowledgments"));
      return FALSE;
    }

  /* Everything is understood: fill the scratch session. */
  {
    RsProfile *profile = rs_profile_find (profiles, profile_id);

    if (profile != NULL)
      rs_session_set_profile (session, profile);
    else
      rs_session_set_profile_id (session, profile_id);  /* kept, and reported */
  }
  rs_session_set_document_type (session, document_type);
  rs_details_apply_to_session (session, document_type, fields);
  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *key = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (key) && json_node_get_value_type (key) == G_TYPE_STRING &&
          *json_node_get_string (key) != '\0')
        rs_session_set_acknowledged (session, json_node_get_string (key), TRUE);
    }
  return TRUE;
}

static void
set_unpack_error (GError    **error,
                  const char *dir,
                  const char *why)
{
  g_autofree char *display = g_filename_display_name (dir);

  /* TRANSLATORS: %s is a folder, the second %s the system's reason */
  g_set_error (error, RS_BUNDLE_OPEN_ERROR, RS_BUNDLE_OPEN_ERROR_WRITE,
               _("The photos in the zip could not be unpacked to “%s”: %s. Make sure your "
                 "home folder has free space and can be written to, or unpack the zip "
                 "yourself and open the folder."),
               display, why);
}

/* $XDG_CACHE_HOME/resubmit/opened/<unique>, 0700. */
static char *
make_extract_dir (GError **error)
{
  g_autofree char *cache = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *unique = NULL;
  g_autoptr(GError) local_error = NULL;
  int saved_errno;

  cache = rs_draft_ensure_cache_dir (&local_error);
  if (cache == NULL)
    {
      g_autofree char *wanted = rs_draft_get_cache_dir ();

      set_unpack_error (error, wanted, local_error->message);
      return NULL;
    }
  opened = g_build_filename (cache, "opened", NULL);
  unique = g_build_filename (opened, "bundle-XXXXXX", NULL);
  if (g_mkdir_with_parents (opened, 0700) == 0 && g_chmod (opened, 0700) == 0 &&
      g_mkdtemp_full (unique, 0700) != NULL)
    return g_steal_pointer (&unique);

  saved_errno = errno;
  set_unpack_error (error, opened, g_strerror (saved_errno));
  return NULL;
}

static gboolean
write_private_file (const char  *file,
                    GBytes      *bytes,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_set_contents_full (file, g_bytes_get_data (bytes, NULL),
                                (gssize) g_bytes_get_size (bytes),
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    return TRUE;
  {
    g_autofree char *dir = g_path_get_dirname (file);

    set_unpack_error (error, dir, local_error->message);
  }
  return FALSE;
}

static OpenResult *
open_scratch (const char   *path,
              GPtrArray    *profiles,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(OpenResult) result = g_new0 (OpenResult, 1);
  g_autoptr(GPtrArray) loaded_profiles = NULL;
  g_autoptr(GHashTable) photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bundle = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean is_zip;

  if (profiles == NULL)
    profiles = loaded_profiles = rs_profile_load_all (NULL, NULL);

  /* The manifest.json inside a folder stands for the folder. */
  bundle = is_manifest_file (path) ? g_path_get_dirname (path) : g_strdup (path);
  is_zip = !g_file_test (bundle, G_FILE_TEST_IS_DIR);
  if (!g_file_test (bundle, G_FILE_TEST_EXISTS))
    {
      set_read_error (error, bundle, _("it does not exist"));
      return NULL;
    }

  if (!is_zip)
    {
      g_autofree char *file = g_build_filename (bundle, "manifest.json", NULL);
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        {
          set_not_bundle_error (error, bundle);
          return NULL;
        }
      /* Bounded like the zip's, and never through a link out of the folder. */
      if (!rs_file_read (file, RS_FILE_MAX_MANIFEST, RS_FILE_READ_DEFAULT,
                         &contents, &length, &local_error))
        {
          set_read_error (error, file, local_error->message);
          return NULL;
        }
      manifest = g_bytes_new_take (contents, length);
    }
  else
    {
      g_autoptr(GHashTable) entries = NULL;
      gsize head_length = 0;

      /* Only zips: a photo or a PDF is "not a bundle", not "damaged". */
      {
        g_autoptr(GFile) gfile = g_file_new_for_path (bundle);
        g_autoptr(GFileInputStream) in = g_file_read (gfile, cancellable, &local_error);
        guint8 magic[4] = { 0 };

        if (in == NULL)
          {
            set_read_error (error, bundle, local_error->message);
            return NULL;
          }
        if (!g_input_stream_read_all (G_INPUT_STREAM (in), magic, sizeof magic, &head_length,
                                      cancellable, &local_error))
          {
            set_read_error (error, bundle, local_error->message);
            return NULL;
          }
        if (head_length < 4 || memcmp (magic, "PK\003\004", 4) != 0)
          {
            set_not_bundle_error (error, bundle);
            return NULL;
          }
      }
      entries = read_zip_entries (bundle, NULL, error);
      if (entries == NULL)
        return NULL;
      manifest = g_hash_table_lookup (entries, "manifest.json");
      if (manifest == NULL)
        {
          set_not_bundle_error (error, bundle);
          return NULL;
        }
      g_bytes_ref (manifest);
    }

  result->session = rs_session_new ();
  if (!parse_manifest (bundle, manifest, profiles, result->session, photos, error))
    return NULL;

  if (!is_zip)
    {
      g_hash_table_iter_init (&iter, photos);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *file = g_build_filename (bundle, value, NULL);
          GStatBuf st;

          /* A missing photo (or a link in its place) is the verification's
           * to report. */
          if (g_lstat (file, &st) == 0 && S_ISREG (st.st_mode))
            rs_session_set_photo (result->session, key, file);
        }
    }
  else if (g_hash_table_size (photos) > 0)
    {
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) entries = NULL;

      g_hash_table_iter_init (&iter, photos);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_add (wanted, value);
      entries = read_zip_entries (bundle, wanted, error);
      if (entries == NULL)
        return NULL;

      result->extracted_dir = make_extract_dir (error);
      if (result->extracted_dir == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, photos);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GBytes *bytes = g_hash_table_lookup (entries, value);
          g_autofree char *file = NULL;

          if (bytes == NULL)
            continue;
          file = g_build_filename (result->extracted_dir, value, NULL);
          if (!write_private_file (file, bytes, error))
            return NULL;
          rs_session_set_photo (result->session, key, file);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result->verification = rs_bundle_verify (bundle, cancellable, &local_error);
  if (result->verification == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_read_error (error, bundle, local_error->message);
      return NULL;
    }

  /* The verification has just checked each photo as the bundle holds it:
   * the session's photo set starts with those reports (the unpacked file
   * has the same bytes), so that the pages do not check them again. */
  {
    g_auto(GStrv) slots = rs_session_list_photo_slots (result->session);
    RsProfile *profile = rs_session_get_profile (result->session);

    for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
      {
        RsPhotoReport *report = rs_bundle_verification_get_report (result->verification, slots[i]);

        if (report != NULL && profile != NULL)
          rs_photo_set_add_report (rs_photo_set_for_session (result->session), slots[i],
                                   rs_session_get_photo (result->session, slots[i]),
                                   profile, report);
      }
  }
  return g_steal_pointer (&result);
}

/* Copies @result into @into (the only place @into is written). */
static void
take_result (OpenResult *result,
             RsSession  *into)
{
  rs_session_take_work (into, result->session);
  rs_photo_set_take_reports (into, result->session);

  /* The unpacked photos belong to the session now. */
  g_clear_pointer (&result->extracted_dir, g_free);
}

gboolean
rs_bundle_open (const char            *path,
                RsSession             *into,
                GPtrArray             *profiles,
                RsBundleVerification **verification,
                GError               **error)
{
  g_autoptr(OpenResult) result = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (RS_IS_SESSION (into), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result = open_scratch (path, profiles, NULL, error);
  if (result == NULL)
    return FALSE;
  take_result (result, into);
  if (verification != NULL)
    *verification = g_steal_pointer (&result->verification);
  return TRUE;
}

typedef struct {
  char      *path;
  GPtrArray *profiles;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->profiles, g_ptr_array_unref);
  g_free (job);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  OpenResult *result = open_scratch (job->path, job->profiles, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) open_result_free);
}

void
rs_bundle_open_async (const char          *path,
                      GPtrArray           *profiles,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (path != NULL);

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->profiles = profiles ? g_ptr_array_ref (profiles) : NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rs_bundle_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

gboolean
rs_bundle_open_finish (GAsyncResult          *result,
                       RsSession             *into,
                       RsBundleVerification **verification,
                       GError               **error)
{
  g_autoptr(OpenResult) opened = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (RS_IS_SESSION (into), FALSE);

  opened = g_task_propagate_pointer (G_TASK (result), error);
  if (opened == NULL)
    return FALSE;
  take_result (opened, into);
  if (verification != NULL)
    *verification = g_steal_pointer (&opened->verification);
  return TRUE;
}
