/* rs-bundle-verify.c: check a bundle written by rs_bundle_export().
 *
 * Recomputes every hash (manifest.json's list and manifest.sha256), looks for
 * missing and extra files and for metadata in the photos, and runs the photo
 * checks again with the recorded profile, comparing with what the manifest
 * says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <math.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle.h"
#include "rs-bundle-jpeg.h"
#include "rs-bundle-private.h"
#include "rs-file.h"
#include "rs-json.h"
#include "rs-photo-check.h"

typedef struct {
  char    *name;
  char    *sha256;
  gint64   bytes;
  gboolean ok;
  gboolean listed;
} FileState;

struct _RsBundleVerification
{
  GObject     parent_instance;

  gboolean    read;
  GPtrArray  *problems;  /* RsBundleProblem */
  GPtrArray  *files;     /* FileState, sorted by name */
  GHashTable *reports;   /* slot → RsPhotoReport of the bundle's photo */
};

G_DEFINE_FINAL_TYPE (RsBundleVerification, rs_bundle_verification, G_TYPE_OBJECT)

static void
problem_free (gpointer data)
{
  RsBundleProblem *problem = data;

  g_free (problem->file);
  g_free (problem->id);
  g_free (problem->message);
  g_free (problem);
}

static void
file_state_free (gpointer data)
{
  FileState *state = data;

  g_free (state->name);
  g_free (state->sha256);
  g_free (state);
}

static void
rs_bundle_verification_finalize (GObject *object)
{
  RsBundleVerification *self = (RsBundleVerification *) object;

  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->files);
  g_hash_table_unref (self->reports);
  G_OBJECT_CLASS (rs_bundle_verification_parent_class)->finalize (object);
}

static void
rs_bundle_verification_class_init (RsBundleVerificationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_bundle_verification_finalize;
}

static void
rs_bundle_verification_init (RsBundleVerification *self)
{
  self->problems = g_ptr_array_new_with_free_func (problem_free);
  self->files = g_ptr_array_new_with_free_func (file_state_free);
  self->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

gboolean
rs_bundle_verification_is_valid (RsBundleVerification *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_VERIFICATION (self), FALSE);
  return self->problems->len == 0;
}

GPtrArray *
rs_bundle_verification_get_problems (RsBundleVerification *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_VERIFICATION (self), NULL);
  return self->problems;
}

RsPhotoReport *
rs_bundle_verification_get_report (RsBundleVerification *self,
                                   const char           *slot)
{
  g_return_val_if_fail (RS_IS_BUNDLE_VERIFICATION (self), NULL);
  g_return_val_if_fail (slot != NULL, NULL);
  return g_hash_table_lookup (self->reports, slot);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
rs_bundle_verification_to_json (RsBundleVerification *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RS_IS_BUNDLE_VERIFICATION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, self->problems->len == 0);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->problems->len; i++)
    {
      RsBundleProblem *problem = g_ptr_array_index (self->problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      add_string_or_null (builder, problem->file);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, problem->id);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->files->len; i++)
    {
      FileState *state = g_ptr_array_index (self->files, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, state->name);
      json_builder_set_member_name (builder, "sha256");
      add_string_or_null (builder, state->sha256);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, state->bytes);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, state->ok);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_problem (RsBundleVerification *self,
             const char           *file,
             const char           *id,
             const char           *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (RsBundleVerification *self,
             const char           *file,
             const char           *id,
             const char           *format,
             ...)
{
  RsBundleProblem *problem = g_new0 (RsBundleProblem, 1);
  va_list args;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->file = g_strdup (file);
  problem->id = g_strdup (id);
  g_ptr_array_add (self->problems, problem);

  for (guint i = 0; file != NULL && i < self->files->len; i++)
    {
      FileState *state = g_ptr_array_index (self->files, i);
      if (g_str_equal (state->name, file))
        state->ok = FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* Reading the bundle into memory: name → GBytes                      */

static void
set_read_error (GError    **error,
                const char *path,
                const char *why)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_READ,
               _("“%s” cannot be read as a bundle: %s"), display, why);
}

static GHashTable *
read_folder (RsBundleVerification *self,
             const char           *path,
             GError              **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &local_error);
  const char *name;
  gint64 total = 0;

  if (dir == NULL)
    {
      set_read_error (error, path, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *display = g_filename_display_name (name);
      char *contents = NULL;
      gsize length = 0;
      GStatBuf st;

      if (g_lstat (file, &st) != 0 || !S_ISREG (st.st_mode))
        {
          add_problem (self, display, "extra",
                       _("“%s” is not a regular file and does not belong in a bundle."), display);
          continue;
        }
      if ((gsize) st.st_size > rs_bundle_entry_cap (name) || total + st.st_size > RS_BUNDLE_MAX_TOTAL_BYTES ||
          g_hash_table_size (entries) >= RS_BUNDLE_MAX_ENTRIES)
        {
          add_problem (self, display, "extra",
                       _("“%s” is far larger than anything a bundle holds."), display);
          continue;
        }
      if (!rs_file_read (file, rs_bundle_entry_cap (name), RS_FILE_READ_DEFAULT,
                         &contents, &length, &local_error))
        {
          set_read_error (error, path, local_error->message);
          return NULL;
        }
      total += (gint64) length;
      g_hash_table_insert (entries, g_strdup (display), g_bytes_new_take (contents, length));
    }
  return g_steal_pointer (&entries);
}

typedef struct {
  RsBundleVerification *self;
  GHashTable           *entries;  /* name → GBytes */
} ZipRead;

static RsBundleZipAction
verify_zip_entry (struct archive_entry *entry,
                  const char           *name,
                  gpointer              user_data)
{
  ZipRead *zr = user_data;

  if (name == NULL)
    name = "?";
  if (archive_entry_filetype (entry) != AE_IFREG || !rs_bundle_name_is_safe (name))
    {
      add_problem (zr->self, name, "extra",
                   _("“%s” is not a plain file at the top of the zip and does not belong in "
                     "a bundle."), name);
      return RS_BUNDLE_ZIP_SKIP;
    }
  if (g_hash_table_size (zr->entries) >= RS_BUNDLE_MAX_ENTRIES)
    {
      add_problem (zr->self, name, "extra", _("The zip holds far more files than a bundle."));
      return RS_BUNDLE_ZIP_STOP;
    }
  if (g_hash_table_contains (zr->entries, name))
    {
      add_problem (zr->self, name, "extra", _("“%s” is in the zip twice."), name);
      return RS_BUNDLE_ZIP_SKIP;
    }
  return RS_BUNDLE_ZIP_READ;
}

static void
verify_zip_data (const char *name,
                 GBytes     *data,
                 const char *damage,
                 gpointer    user_data)
{
  ZipRead *zr = user_data;

  if (damage != NULL)
    add_problem (zr->self, name, "hash", _("“%s” is damaged inside the zip: %s"), name, damage);
  g_hash_table_insert (zr->entries, g_strdup (name), g_bytes_ref (data));
}

static GHashTable *
read_zip (RsBundleVerification *self,
          const char           *path,
          GError              **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_bytes_unref);
  g_autofree char *why = NULL;
  ZipRead zr = { self, entries };

  if (!rs_bundle_zip_read (path, TRUE, verify_zip_entry, verify_zip_data, &zr, &why))
    {
      set_read_error (error, path, why);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* ------------------------------------------------------------------ */
/* Checks                                                             */

static FileState *
find_state (RsBundleVerification *self,
            const char           *name)
{
  for (guint i = 0; i < self->files->len; i++)
    {
      FileState *state = g_ptr_array_index (self->files, i);
      if (g_str_equal (state->name, name))
        return state;
    }
  return NULL;
}

static int
state_compare (gconstpointer a,
               gconstpointer b)
{
  const FileState *sa = *(FileState * const *) a;
  const FileState *sb = *(FileState * const *) b;

  return strcmp (sa->name, sb->name);
}

static RsProfile *
find_profile (const char *id)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  RsProfile *profile = rs_profile_find (profiles, id);

  return profile ? g_object_ref (profile) : NULL;
}

static gboolean
same_value (double a,
            double b)
{
  return fabs (a - b) <= 1e-6 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

/* The checker needs a file: zips are unpacked to a private temp folder. */
static char *
photo_path (const char *bundle_dir,
            char      **temp_dir,
            const char *name,
            GBytes     *bytes)
{
  g_autofree char *path = NULL;

  if (bundle_dir != NULL)
    return g_build_filename (bundle_dir, name, NULL);
  if (*temp_dir == NULL)
    {
      *temp_dir = g_dir_make_tmp ("resubmit-verify-XXXXXX", NULL);
      if (*temp_dir == NULL)
        return NULL;
    }
  path = g_build_filename (*temp_dir, name, NULL);
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    return NULL;
  return g_steal_pointer (&path);
}


/* The status words of the manifest ("pass", "warn", "fail") as the user
 * reads them. */
static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "pass") == 0)
    return _("passed");
  if (g_strcmp0 (status, "warn") == 0)
    return _("warning");
  if (g_strcmp0 (status, "fail") == 0)
    return _("failed");
  return status;
}

static void
verify_photo (RsBundleVerification *self,
              RsProfile            *profile,
              JsonObject           *item,
              const char           *name,
              GBytes               *bytes,
              const char           *path,
              GPtrArray            *reports,
              gboolean              same_version,
              GCancellable         *cancellable)
{
  g_autoptr(GPtrArray) metadata = g_ptr_array_new_with_free_func (g_free);
  const guint8 *data;
  gsize length;
  int width = 0, height = 0;
  const char *slot = rs_bundle_json_get_string (item, "slot", "");
  JsonObject *checks = NULL;
  JsonArray *findings = NULL;
  g_autoptr(RsPhotoReport) report = NULL;
  g_autoptr(GError) error = NULL;

  data = g_bytes_get_data (bytes, &length);
  if (!rs_jpeg_scan_metadata (data, length, metadata))
    add_problem (self, name, "format",
                 _("“%s” is not a complete JPEG file; it was damaged or replaced."), name);
  for (guint i = 0; i < metadata->len; i++)
    {
      const char *what = g_ptr_array_index (metadata, i);

      if (!g_str_equal (what, "structure"))
        add_problem (self, name, "metadata",
                     _("“%s” carries metadata (%s) that could reveal private information; "
                       "export the bundle again."), name, what);
    }

  if (!rs_jpeg_get_size (data, length, &width, &height) ||
      width != json_object_get_int_member_with_default (item, "width", -1) ||
      height != json_object_get_int_member_with_default (item, "height", -1))
    add_problem (self, name, "dimensions",
                 _("The size in pixels of “%s” differs from the manifest."), name);

  if (profile == NULL || path == NULL)
    return;
  if (slot == NULL || *slot == '\0')
    {
      add_problem (self, "manifest.json", "manifest",
                   _("The manifest does not say which photo “%s” is."), name);
      return;
    }

  report = rs_photo_check_file (path, profile, slot, cancellable, &error);
  if (report == NULL)
    {
      add_problem (self, name, "check", _("“%s” cannot be checked: %s"), name, error->message);
      return;
    }
  g_ptr_array_add (reports, g_object_ref (report));
  /* Kept for the opener: the session's photo set starts with it instead of
   * checking the same photo again.  A slot listed twice keeps its first. */
  if (!g_hash_table_contains (self->reports, slot))
    g_hash_table_insert (self->reports, g_strdup (slot), g_object_ref (report));

  if (json_object_has_member (item, "checks") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "checks")))
    checks = json_object_get_object_member (item, "checks");
  if (checks != NULL && json_object_has_member (checks, "findings") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (checks, "findings")))
    findings = json_object_get_array_member (checks, "findings");
  if (findings == NULL)
    {
      add_problem (self, "manifest.json", "manifest",
                   _("The manifest does not record the check results of “%s”."), name);
      return;
    }

  /* Every recorded result must be what the checks say today, and every
   * check that runs must be recorded. */
  for (guint i = 0; i < rs_photo_report_get_n_findings (report); i++)
    {
      const RsPhotoFinding *finding = rs_photo_report_get_finding (report, i);
      JsonObject *recorded = NULL;

      for (guint j = 0; j < json_array_get_length (findings); j++)
        {
          JsonNode *node = json_array_get_element (findings, j);
          if (JSON_NODE_HOLDS_OBJECT (node) &&
              g_strcmp0 (rs_bundle_json_get_string (json_node_get_object (node),
                                                    "id", NULL),
                         finding->id) == 0)
            recorded = json_node_get_object (node);
        }
      if (finding->status == RS_CHECK_FAIL)
        add_problem (self, name, "check", "%s", finding->message);
      /* Another version of the checker may measure a little differently:
       * then only a failure counts (above). */
      if (!same_version)
        continue;
      if (recorded == NULL)
        add_problem (self, "manifest.json", "manifest",
                     _("The manifest does not record the check “%s” of “%s”."), finding->id, name);
      else if (g_strcmp0 (rs_bundle_json_get_string (recorded, "status", ""),
                          rs_check_status_to_string (finding->status)) != 0 ||
               !same_value (json_object_get_double_member_with_default (recorded, "value", NAN),
                            finding->value) ||
               !same_value (json_object_get_double_member_with_default (recorded, "threshold", NAN),
                            finding->threshold))
        add_problem (self, "manifest.json", "manifest",
                     _("The manifest records the check “%s” of “%s” as %s (%g); running it again "
                       "gives %s (%g)."),
                     finding->id, name,
                     status_label (rs_bundle_json_get_string (recorded, "status", "?")),
                     json_object_get_double_member_with_default (recorded, "value", NAN),
                     status_label (rs_check_status_to_string (finding->status)), finding->value);
    }
}

/* manifest.sha256 in `sha256sum` format must cover every file, including
 * manifest.json itself. */
static void
verify_sums (RsBundleVerification *self,
             GHashTable           *entries)
{
  GBytes *bytes = g_hash_table_lookup (entries, "manifest.sha256");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);

  if (bytes == NULL)
    {
      add_problem (self, "manifest.sha256", "missing",
                   _("manifest.sha256 is missing, so changes to the manifest cannot be detected."));
      return;
    }
  /* An empty entry has no data pointer at all. */
  if (g_bytes_get_size (bytes) == 0)
    {
      add_problem (self, "manifest.sha256", "manifest",
                   _("manifest.sha256 is empty, so changes to the bundle cannot be detected."));
      return;
    }
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *name;
      GBytes *file;
      g_autofree char *sum = NULL;

      if (*line == '\0')
        continue;
      if (strlen (line) < 67 || line[64] != ' ' || line[65] != ' ')
        {
          add_problem (self, "manifest.sha256", "manifest",
                       _("manifest.sha256 has a damaged line (%u)."), i + 1);
          continue;
        }
      name = line + 66;
      file = g_hash_table_lookup (entries, name);
      if (file == NULL)
        continue;  /* reported as missing from manifest.json's list */
      g_hash_table_add (covered, (gpointer) name);
      sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);
      if (g_ascii_strncasecmp (sum, line, 64) != 0)
        add_problem (self, name, "hash",
                     _("“%s” was changed after export: its SHA-256 differs from "
                       "manifest.sha256."), name);
    }

  if (!g_hash_table_contains (covered, "manifest.json"))
    add_problem (self, "manifest.json", "manifest",
                 _("manifest.sha256 does not cover manifest.json."));
}

RsBundleVerification *
rs_bundle_verify (const char   *path,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr(RsBundleVerification) self = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *temp_dir = NULL;
  const char *bundle_dir = NULL;
  GBytes *manifest_bytes;
  JsonObject *manifest;
  JsonArray *files = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *document_type;
  guint photo_order = 0;
  gboolean same_version = FALSE;
  g_autoptr(GPtrArray) photo_slots = g_ptr_array_new ();

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RS_TYPE_BUNDLE_VERIFICATION, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      entries = read_folder (self, path, error);
      bundle_dir = path;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    entries = read_zip (self, path, error);
  else
    {
      set_read_error (error, path, g_file_test (path, G_FILE_TEST_EXISTS)
                                   ? _("it is neither a folder nor a zip file")
                                   : _("it does not exist"));
      return NULL;
    }
  if (entries == NULL)
    return NULL;

  /* Every file found starts as "ok"; problems clear the flag. */
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FileState *state = g_new0 (FileState, 1);

      state->name = g_strdup (key);
      state->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, value);
      state->bytes = (gint64) g_bytes_get_size (value);
      state->ok = TRUE;
      g_ptr_array_add (self->files, state);
    }
  g_ptr_array_sort (self->files, state_compare);

  manifest_bytes = g_hash_table_lookup (entries, "manifest.json");
  if (manifest_bytes == NULL)
    {
      add_problem (self, "manifest.json", "missing",
                   _("manifest.json is missing: this is not a bundle written by Resubmit, or it "
                     "was damaged."));
      return g_steal_pointer (&self);
    }
  verify_sums (self, entries);

  if (!rs_json_load (parser, g_bytes_get_data (manifest_bytes, NULL),
                     g_bytes_get_size (manifest_bytes), &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      add_problem (self, "manifest.json", "manifest",
                   _("manifest.json cannot be read: %s"),
                   local_error ? local_error->message : _("it is not a JSON object"));
      return g_steal_pointer (&self);
    }
  manifest = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (rs_bundle_json_get_string (manifest, "format", NULL),
                 "resubmit-bundle") != 0 ||
      json_object_get_int_member_with_default (manifest, "format_version", 0) != RS_BUNDLE_FORMAT_VERSION)
    {
      add_problem (self, "manifest.json", "manifest",
                   _("manifest.json is not a Resubmit bundle manifest of a version this program "
                     "understands."));
      return g_steal_pointer (&self);
    }
  if (json_object_has_member (manifest, "files") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (manifest, "files")))
    files = json_object_get_array_member (manifest, "files");
  if (files == NULL)
    {
      add_problem (self, "manifest.json", "manifest", _("manifest.json lists no files."));
      return g_steal_pointer (&self);
    }

  /* The recorded check values are compared exactly only when this is the
   * version that wrote them. */
  if (json_object_has_member (manifest, "app") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (manifest, "app")))
    same_version = g_strcmp0 (rs_bundle_json_get_string (
                                json_object_get_object_member (manifest, "app"), "version", NULL),
                              PACKAGE_VERSION) == 0;

  if (json_object_has_member (manifest, "profile") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (manifest, "profile")))
    {
      JsonObject *p = json_object_get_object_member (manifest, "profile");
      const char *id = rs_bundle_json_get_string (p, "id", NULL);
      gint64 version = json_object_get_int_member_with_default (p, "version", -1);

      profile = id ? find_profile (id) : NULL;
      if (profile == NULL)
        add_problem (self, NULL, "profile",
                     _("The platform profile “%s” recorded in the manifest is not available, so "
                       "the photos cannot be checked again."), id ? id : "?");
      else if (rs_profile_get_version (profile) != version)
        {
          add_problem (self, NULL, "profile",
                       _("The platform profile “%s” has changed since the export (version %d, "
                         "recorded %d). Export the bundle again to meet the current "
                         "requirements."),
                       id, rs_profile_get_version (profile), (int) version);
          g_clear_object (&profile);
        }
    }
  else
    add_problem (self, "manifest.json", "manifest", _("manifest.json names no platform profile."));

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonObject *item;
      const char *name, *sha, *role;
      GBytes *bytes;
      FileState *state;
      g_autofree char *sum = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          add_problem (self, "manifest.json", "manifest", _("manifest.json has a damaged file entry."));
          continue;
        }
      item = json_node_get_object (node);
      name = rs_bundle_json_get_string (item, "name", NULL);
      sha = rs_bundle_json_get_string (item, "sha256", "");
      role = rs_bundle_json_get_string (item, "role", "");
      if (name == NULL || !rs_bundle_name_is_safe (name) || g_str_equal (name, "manifest.json") ||
          g_str_equal (name, "manifest.sha256"))
        {
          add_problem (self, "manifest.json", "manifest", _("manifest.json has a damaged file entry."));
          continue;
        }
      bytes = g_hash_table_lookup (entries, name);
      state = find_state (self, name);
      if (bytes == NULL || state == NULL)
        {
          FileState *missing = g_new0 (FileState, 1);

          missing->name = g_strdup (name);
          missing->listed = TRUE;
          g_ptr_array_add (self->files, missing);
          add_problem (self, name, "missing", _("“%s” is missing from the bundle."), name);
          continue;
        }
      state->listed = TRUE;
      sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      if (g_ascii_strcasecmp (sum, sha) != 0)
        add_problem (self, name, "hash",
                     _("“%s” was changed after export: its SHA-256 differs from the manifest."),
                     name);
      if (json_object_get_int_member_with_default (item, "bytes", -1) != (gint64) g_bytes_get_size (bytes))
        add_problem (self, name, "size",
                     _("The size of “%s” differs from the manifest."), name);

      if (g_str_equal (role, "photo"))
        {
          g_autofree char *photo = NULL;
          g_autofree char *expected = NULL;
          const char *slot = rs_bundle_json_get_string (item, "slot", NULL);

          photo_order++;
          expected = rs_bundle_photo_file_name (slot, photo_order);
          if (slot == NULL || !g_str_equal (expected, name))
            add_problem (self, name, "order",
                         _("“%s” is not where the manifest’s upload order puts it."), name);
          if (slot != NULL)
            g_ptr_array_add (photo_slots, (gpointer) slot);
          photo = photo_path (bundle_dir, &temp_dir, name, bytes);
          verify_photo (self, profile, item, name, bytes, photo, reports, same_version,
                        cancellable);
        }
    }

  /* Set level: the same photo in two slots. */
  if (reports->len > 1 &&
      rs_photo_set_check ((RsPhotoReport **) reports->pdata, reports->len) > 0)
    add_problem (self, NULL, "check",
                 _("The same photo is used for two different sides or slots."));

  /* Every slot the platform asks for is present. */
  document_type = rs_bundle_json_get_string (manifest, "document_type", NULL);
  if (profile != NULL && document_type != NULL)
    {
      g_auto(GStrv) slots = rs_profile_get_slots (profile, document_type);

      for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
        {
          gboolean found = FALSE;
          for (guint j = 0; j < photo_slots->len; j++)
            found |= g_str_equal (slots[i], g_ptr_array_index (photo_slots, j));
          if (!found)
            add_problem (self, NULL, "missing",
                         _("The photo “%s” that the platform requires is not in the bundle."),
                         rs_slot_get_name (slots[i]));
        }
    }

  for (guint i = 0; i < self->files->len; i++)
    {
      FileState *state = g_ptr_array_index (self->files, i);

      if (!state->listed && !g_str_equal (state->name, "manifest.json") &&
          !g_str_equal (state->name, "manifest.sha256"))
        add_problem (self, state->name, "extra",
                     _("“%s” is not listed in the manifest and does not belong in the bundle."),
                     state->name);
    }
  g_ptr_array_sort (self->files, state_compare);

  if (temp_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (temp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (temp_dir, name, NULL);
          g_unlink (file);
        }
      g_rmdir (temp_dir);
    }

  return g_steal_pointer (&self);
}
