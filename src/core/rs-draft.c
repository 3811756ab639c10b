/* rs-draft.c: save and restore the session, atomically and privately.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-draft.h"
#include "rs-cleanup.h"
#include "rs-file.h"
#include "rs-json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

G_DEFINE_QUARK (rs-draft-error-quark, rs_draft_error)

static gboolean fail_before_rename_for_testing;

void
rs_draft_set_fail_before_rename_for_testing (gboolean fail)
{
  fail_before_rename_for_testing = fail;
}

char *
rs_draft_get_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "resubmit", NULL);
}

char *
rs_draft_get_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "resubmit", NULL);
}

char *
rs_draft_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "resubmit", "draft.json", NULL);
}

static char *
resolve_path (const char *path)
{
  return path != NULL ? g_strdup (path) : rs_draft_get_default_path ();
}

/* Create @dir if needed and make it private: it holds ID numbers and
 * photos of ID documents. */
static gboolean
ensure_private_dir (const char  *dir,
                    GError     **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (dir, 0700) == 0 && g_chmod (dir, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO,
               _("Could not create the folder “%s” for your draft: %s. "
                 "Check that your home folder is writable and not full."),
               dir, g_strerror (saved_errno));
  return FALSE;
}

char *
rs_draft_ensure_cache_dir (GError **error)
{
  g_autofree char *dir = rs_draft_get_cache_dir ();

  if (!ensure_private_dir (dir, error))
    return NULL;
  return g_steal_pointer (&dir);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
rs_draft_to_json (RsSession *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* ISO 8601 with the local offset, whole seconds: "2026-11-26T09:14:03+08:00". */
  g_autofree char *saved = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) slots = NULL;
  g_auto(GStrv) acks = NULL;
  RsReason reasons;

  g_return_val_if_fail (RS_IS_SESSION (session), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, RS_DRAFT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, RS_DRAFT_VERSION);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_string_value (builder, saved);
  add_string_or_null (builder, "profile", rs_session_get_profile_id (session));
  add_string_or_null (builder, "document_type", rs_session_get_document_type (session));

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  reasons = rs_session_get_reasons (session);
  for (guint bit = 0; bit < 32; bit++)
    {
      const char *id;

      if ((reasons & (1u << bit)) == 0)
        continue;
      id = rs_reason_to_string ((RsReason) (1u << bit));
      if (id != NULL)
        json_builder_add_string_value (builder, id);
    }
  json_builder_end_array (builder);

  /* The same record `resubmit-check details` reads. */
  json_builder_set_member_name (builder, "details");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "document_type", rs_session_get_document_type (session));
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  fields = rs_session_list_fields (session);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, fields[i]);
      json_builder_add_string_value (builder, rs_session_get_field (session, fields[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "photos");
  json_builder_begin_object (builder);
  slots = rs_session_list_photo_slots (session);
  for (guint i = 0; slots[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, slots[i]);
      json_builder_add_string_value (builder, rs_session_get_photo (session, slots[i]));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "acknowledged");
  json_builder_begin_array (builder);
  acks = rs_session_list_acknowledged (session);
  for (guint i = 0; acks[i] != NULL; i++)
    json_builder_add_string_value (builder, acks[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "step");
  json_builder_add_int_value (builder, rs_session_get_step (session));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Make the rename itself durable; failure only weakens the guarantee after
 * a power cut, so it is not reported. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO,
               _("Could not save your draft to “%s”: %s. "
                 "Your work is still open; free some disk space or check "
                 "the folder’s permissions, then continue."),
               path, g_strerror (saved_errno));
}

gboolean
rs_draft_save (RsSession   *session,
               const char  *path,
               GError     **error)
{
  g_autofree char *target = resolve_path (path);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *tmp = NULL;
  g_autofree char *json = NULL;
  int fd;
  int saved_errno;

  g_return_val_if_fail (RS_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_private_dir (dir, error))
    return FALSE;

  json = rs_draft_to_json (session);

  /* Write a temp file next to the target, sync it, then rename over the
   * old draft: a crash at any point leaves either the old or the new draft
   * complete, never a mix. */
  tmp = g_strconcat (target, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, target, errno);
      return FALSE;
    }

  if (fchmod (fd, 0600) != 0 ||
      !write_all (fd, json, strlen (json)) ||
      fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      set_write_error (error, target, saved_errno);
      return FALSE;
    }

  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      set_write_error (error, target, saved_errno);
      return FALSE;
    }

  if (fail_before_rename_for_testing)
    {
      /* As if the process died here: the temp file stays behind. */
      fail_before_rename_for_testing = FALSE;
      set_write_error (error, target, EIO);
      return FALSE;
    }

  if (g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      set_write_error (error, target, saved_errno);
      return FALSE;
    }

  sync_dir (dir);
  return TRUE;
}

gboolean
rs_draft_exists (const char *path)
{
  g_autofree char *target = resolve_path (path);

  return g_file_test (target, G_FILE_TEST_IS_REGULAR);
}

gboolean
rs_draft_delete (const char  *path,
                 GError     **error)
{
  g_autofree char *target = resolve_path (path);

  if (g_unlink (target) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO,
                   _("Could not remove the draft “%s”: %s. "
                     "Check the folder’s permissions and try again."),
                   target, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* ---- Loading ---------------------------------------------------------- */

/* What a draft holds, checked completely before anything touches the
 * session, so a bad draft never leaves a half-restored form. */
typedef struct {
  char       *saved;
  char       *profile_id;
  char       *document_type;
  RsReason    reasons;
  GHashTable *fields;
  GHashTable *photos;
  GPtrArray  *acks;
  int         step;
} DraftData;

static void
draft_data_free (DraftData *data)
{
  g_free (data->saved);
  g_free (data->profile_id);
  g_free (data->document_type);
  g_clear_pointer (&data->fields, g_hash_table_unref);
  g_clear_pointer (&data->photos, g_hash_table_unref);
  g_clear_pointer (&data->acks, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftData, draft_data_free)

/* Sets *problem (a short, translated description) and returns FALSE. */
static gboolean
bad (char       **problem,
     const char  *format,
     ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad (char       **problem,
     const char  *format,
     ...)
{
  va_list args;

  va_start (args, format);
  *problem = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A member that must be a string, or null / absent when @nullable. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     char       **out,
                     char       **problem)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!is_string (node))
    return bad (problem, _("“%s” is not text"), member);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_string_map (JsonObject  *object,
                const char  *member,
                GHashTable **out,
                char       **problem)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) names = NULL;
  JsonObject *inner;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad (problem, _("“%s” is not an object"), member);
      inner = json_node_get_object (node);
      names = json_object_get_members (inner);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (inner, l->data);

          if (!is_string (value))
            return bad (problem, _("“%s” in “%s” is not text"), (const char *) l->data, member);
          g_hash_table_insert (map, g_strdup (l->data), g_strdup (json_node_get_string (value)));
        }
    }
  *out = g_steal_pointer (&map);
  return TRUE;
}

static gboolean
get_string_array (JsonObject  *object,
                  const char  *member,
                  GPtrArray  **out,
                  char       **problem)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_free);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *inner;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return bad (problem, _("“%s” is not a list"), member);
      inner = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (inner); i++)
        {
          JsonNode *value = json_array_get_element (inner, i);

          if (!is_string (value))
            return bad (problem, _("item %u of “%s” is not text"), i + 1, member);
          g_ptr_array_add (array, g_strdup (json_node_get_string (value)));
        }
    }
  *out = g_steal_pointer (&array);
  return TRUE;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

typedef enum {
  PARSE_OK,
  PARSE_CORRUPT,
  PARSE_NEWER,
} ParseResult;

static ParseResult
corrupt (char       **problem,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static ParseResult
corrupt (char       **problem,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  *problem = g_strdup_vprintf (format, args);
  va_end (args);
  return PARSE_CORRUPT;
}

static ParseResult
parse_draft (const char  *contents,
             gsize        length,
             DraftData  **out,
             gint64      *version_out,
             char       **problem)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DraftData) data = g_new0 (DraftData, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *details_type = NULL;
  JsonObject *root;
  JsonObject *details = NULL;
  JsonNode *node;
  gint64 version;

  if (!g_utf8_validate (contents, length, NULL))
    return corrupt (problem, _("it is not UTF-8 text"));

  /* json-glib's own wording is often untranslated: give the place in ours. */
  if (!rs_json_load (parser, contents, length, &local_error))
    {
      int line = 0, column = 0;

      if (local_error->domain == RS_JSON_ERROR)
        return corrupt (problem, "%s", local_error->message);

      if (sscanf (local_error->message, "<data>:%d:%d:", &line, &column) == 2)
        return corrupt (problem, _("it is not valid JSON (line %d, column %d)"), line, column);
      return corrupt (problem, _("it is not valid JSON"));
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return corrupt (problem, _("it is not a JSON object"));
  root = json_node_get_object (node);

  node = json_object_get_member (root, "format");
  if (node == NULL || !is_string (node) ||
      g_strcmp0 (json_node_get_string (node), RS_DRAFT_FORMAT) != 0)
    return corrupt (problem, _("it is not a Resubmit draft"));

  node = json_object_get_member (root, "version");
  if (node == NULL || !is_integer (node) || json_node_get_int (node) < 1)
    return corrupt (problem, _("its version is missing or invalid"));
  version = json_node_get_int (node);
  *version_out = version;
  /* Checked before anything else: a newer format may look different. */
  if (version > RS_DRAFT_VERSION)
    return PARSE_NEWER;

  if (!get_optional_string (root, "saved", &data->saved, problem) ||
      !get_optional_string (root, "profile", &data->profile_id, problem) ||
      !get_optional_string (root, "document_type", &data->document_type, problem) ||
      !get_string_array (root, "reasons", &reasons, problem) ||
      !get_string_map (root, "photos", &data->photos, problem) ||
      !get_string_array (root, "acknowledged", &data->acks, problem))
    return PARSE_CORRUPT;

  if (data->saved != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (data->saved, NULL);

      if (when == NULL)
        return corrupt (problem, _("“%s” is not a date and time"), "saved");
    }

  for (guint i = 0; i < reasons->len; i++)
    {
      RsReason reason = rs_reason_from_string (g_ptr_array_index (reasons, i));

      if (reason == RS_REASON_NONE)
        return corrupt (problem, _("“%s” is not a known reason"),
                        (const char *) g_ptr_array_index (reasons, i));
      data->reasons |= reason;
    }

  node = json_object_get_member (root, "details");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return corrupt (problem, _("“%s” is not an object"), "details");
      details = json_node_get_object (node);
      if (!get_optional_string (details, "document_type", &details_type, problem))
        return PARSE_CORRUPT;
      if (details_type != NULL && data->document_type != NULL &&
          !g_str_equal (details_type, data->document_type))
        return corrupt (problem, _("the document type is recorded twice, differently"));
      if (data->document_type == NULL)
        data->document_type = g_steal_pointer (&details_type);
      if (!get_string_map (details, "fields", &data->fields, problem))
        return PARSE_CORRUPT;
    }
  else
    data->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  node = json_object_get_member (root, "step");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!is_integer (node) || json_node_get_int (node) < 0 || json_node_get_int (node) > 1000)
        return corrupt (problem, _("“%s” is not a step number"), "step");
      data->step = (int) json_node_get_int (node);
    }

  *out = g_steal_pointer (&data);
  return PARSE_OK;
}

/* Rename the bad draft so the app starts cleanly and the user (or a
 * developer) can still look at it.  Returns the new path or NULL. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *aside = NULL;

      if (n == 1)
        aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
      else
        aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);

      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, aside) == 0)
        return g_steal_pointer (&aside);

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                           g_strerror (errno));
      return NULL;
    }
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, g_strerror (EEXIST));
  return NULL;
}

static void
set_corrupt_error (GError     **error,
                   const char  *path,
                   const char  *problem)
{
  g_autoptr(GError) move_error = NULL;
  g_autofree char *aside = move_aside (path, &move_error);

  if (aside != NULL)
    g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_CORRUPT,
                 _("Your saved draft could not be read (%s). It was moved to "
                   "“%s” and Resubmit started with an empty form; you need to "
                   "enter your details again."),
                 problem, aside);
  else
    g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_CORRUPT,
                 _("Your saved draft “%s” could not be read (%s), and moving it "
                   "aside failed too (%s). Resubmit started with an empty form; "
                   "remove the file or use “Delete all my data”."),
                 path, problem, move_error->message);
}

gboolean
rs_draft_load_full (const char  *path,
                    RsSession   *into,
                    GPtrArray   *profiles,
                    char       **missing_profile_id,
                    GDateTime  **saved,
                    GError     **error)
{
  g_autofree char *target = resolve_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(DraftData) data = NULL;
  g_autoptr(GPtrArray) loaded_profiles = NULL;
  RsProfile *profile = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gsize length = 0;
  gint64 version = 0;

  g_return_val_if_fail (RS_IS_SESSION (into), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (missing_profile_id != NULL)
    *missing_profile_id = NULL;
  if (saved != NULL)
    *saved = NULL;

  if (!rs_file_read (target, RS_FILE_MAX_DRAFT, RS_FILE_READ_DEFAULT, &contents, &length, &read_error))
    {
      if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NOT_FOUND,
                       _("There is no saved draft at “%s”."), target);
          return FALSE;
        }
      set_corrupt_error (error, target, read_error->message);
      return FALSE;
    }

  switch (parse_draft (contents, length, &data, &version, &problem))
    {
    case PARSE_OK:
      break;
    case PARSE_NEWER:
      g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_NEWER_VERSION,
                   _("Your saved draft “%s” was written by a newer version of "
                     "Resubmit (draft format %d; this version understands up "
                     "to %d). It was left untouched: open it with the newer "
                     "version, or update Resubmit."),
                   target, (int) MIN (version, G_MAXINT), RS_DRAFT_VERSION);
      return FALSE;
    case PARSE_CORRUPT:
    default:
      set_corrupt_error (error, target, problem);
      return FALSE;
    }

  if (data->profile_id != NULL)
    {
      if (profiles == NULL)
        profiles = loaded_profiles = rs_profile_load_all (NULL, NULL);
      profile = rs_profile_find (profiles, data->profile_id);
    }

  rs_session_reset (into);
  if (profile != NULL)
    rs_session_set_profile (into, profile);
  else if (data->profile_id != NULL)
    rs_session_set_profile_id (into, data->profile_id);  /* kept for the next save */
  rs_session_set_document_type (into, data->document_type);
  rs_session_set_reasons (into, data->reasons);

  g_hash_table_iter_init (&iter, data->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    rs_session_set_field (into, key, value);

  g_hash_table_iter_init (&iter, data->photos);
  while (g_hash_table_iter_next (&iter, &key, &value))
    rs_session_set_photo (into, key, value);

  for (guint i = 0; i < data->acks->len; i++)
    rs_session_set_acknowledged (into, g_ptr_array_index (data->acks, i), TRUE);

  rs_session_set_step (into, data->step);

  if (saved != NULL && data->saved != NULL)
    *saved = g_date_time_new_from_iso8601 (data->saved, NULL);

  if (data->profile_id != NULL && profile == NULL)
    {
      if (missing_profile_id != NULL)
        *missing_profile_id = g_strdup (data->profile_id);
      g_set_error (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_PROFILE_MISSING,
                   _("Your draft was restored, but it was made for the platform "
                     "profile “%s”, which is no longer installed. Choose the "
                     "platform again; your details and photos are kept."),
                   data->profile_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
rs_draft_load (const char  *path,
               RsSession   *into,
               GError     **error)
{
  return rs_draft_load_full (path, into, NULL, NULL, NULL, error);
}

/* ---- Delete all my data ------------------------------------------------ */

static gboolean
remove_tree (const char  *path,
             GPtrArray   *removed,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (rs_remove_tree (path, removed, &local_error))
    return TRUE;
  g_set_error_literal (error, RS_DRAFT_ERROR, RS_DRAFT_ERROR_IO, local_error->message);
  return FALSE;
}

gboolean
rs_draft_delete_all_data (char   ***removed_paths,
                          GError  **error)
{
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_dir = rs_draft_get_data_dir ();
  g_autofree char *cache_dir = rs_draft_get_cache_dir ();
  gboolean ok;

  /* Staging folders of killed exports live next to the user's targets,
   * outside these folders: the notes naming them are in data_dir. */
  rs_cleanup_leftovers (removed);
  ok = remove_tree (data_dir, removed, error) &&
       remove_tree (cache_dir, removed, error);

  if (removed_paths != NULL)
    {
      g_ptr_array_add (removed, NULL);
      *removed_paths = (char **) g_ptr_array_steal (removed, NULL);
    }
  return ok;
}

/* ---- Autosave ---------------------------------------------------------- */

struct _RsDraftAutosave
{
  GObject    parent_instance;

  RsSession *session;
  char      *path;
  gulong     changed_id;
  guint      timeout_id;
  gboolean   pending;
  gboolean   paused;
};

G_DEFINE_FINAL_TYPE (RsDraftAutosave, rs_draft_autosave, G_TYPE_OBJECT)

enum {
  SIGNAL_SAVED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
session_is_empty (RsSession *session)
{
  g_auto(GStrv) fields = rs_session_list_fields (session);
  g_auto(GStrv) slots = rs_session_list_photo_slots (session);
  g_auto(GStrv) acks = rs_session_list_acknowledged (session);

  return rs_session_get_profile_id (session) == NULL &&
         rs_session_get_document_type (session) == NULL &&
         rs_session_get_reasons (session) == RS_REASON_NONE &&
         rs_session_get_step (session) == 0 &&
         fields[0] == NULL && slots[0] == NULL && acks[0] == NULL;
}

static gboolean
autosave_write (RsDraftAutosave  *self,
                GError          **error)
{
  gboolean ok;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* "Start over" empties the session: nothing to keep, so no draft. */
  if (session_is_empty (self->session))
    ok = rs_draft_delete (self->path, error);
  else
    ok = rs_draft_save (self->session, self->path, error);

  if (ok)
    self->pending = FALSE;
  return ok;
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  RsDraftAutosave *self = user_data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (autosave_write (self, &error))
    g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  else
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);

  return G_SOURCE_REMOVE;
}

static void
session_changed_cb (RsDraftAutosave *self)
{
  if (self->paused)
    return;

  self->pending = TRUE;
  /* Debounce without postponing: the first unsaved change starts the
   * clock, later ones ride along. */
  if (self->timeout_id == 0)
    {
      self->timeout_id = g_timeout_add (RS_DRAFT_AUTOSAVE_DELAY_MS, autosave_timeout_cb, self);
      g_source_set_name_by_id (self->timeout_id, "[resubmit] draft autosave");
    }
}

static void
rs_draft_autosave_dispose (GObject *object)
{
  RsDraftAutosave *self = (RsDraftAutosave *) object;

  if (self->session != NULL)
    {
      /* Whatever is still pending is written rather than lost. */
      if (self->pending && !self->paused)
        {
          g_autoptr(GError) error = NULL;

          if (!autosave_write (self, &error))
            g_warning ("Draft not saved on exit: %s", error->message);
        }
      g_clear_signal_handler (&self->changed_id, self->session);
      g_clear_object (&self->session);
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (rs_draft_autosave_parent_class)->dispose (object);
}

static void
rs_draft_autosave_finalize (GObject *object)
{
  RsDraftAutosave *self = (RsDraftAutosave *) object;

  g_free (self->path);

  G_OBJECT_CLASS (rs_draft_autosave_parent_class)->finalize (object);
}

static void
rs_draft_autosave_class_init (RsDraftAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rs_draft_autosave_dispose;
  object_class->finalize = rs_draft_autosave_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  signals[SIGNAL_ERROR] = g_signal_new ("error",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1,
                                        G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
rs_draft_autosave_init (RsDraftAutosave *self)
{
}

RsDraftAutosave *
rs_draft_autosave_new (RsSession  *session,
                       const char *path)
{
  RsDraftAutosave *self;

  g_return_val_if_fail (RS_IS_SESSION (session), NULL);

  self = g_object_new (RS_TYPE_DRAFT_AUTOSAVE, NULL);
  self->session = g_object_ref (session);
  self->path = resolve_path (path);
  self->changed_id = g_signal_connect_swapped (session, "changed",
                                               G_CALLBACK (session_changed_cb), self);
  return self;
}

const char *
rs_draft_autosave_get_path (RsDraftAutosave *self)
{
  g_return_val_if_fail (RS_IS_DRAFT_AUTOSAVE (self), NULL);
  return self->path;
}

gboolean
rs_draft_autosave_get_pending (RsDraftAutosave *self)
{
  g_return_val_if_fail (RS_IS_DRAFT_AUTOSAVE (self), FALSE);
  return self->pending;
}

gboolean
rs_draft_autosave_flush (RsDraftAutosave  *self,
                         GError          **error)
{
  g_return_val_if_fail (RS_IS_DRAFT_AUTOSAVE (self), FALSE);

  if (!self->pending || self->paused)
    return TRUE;
  if (!autosave_write (self, error))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  return TRUE;
}

void
rs_draft_autosave_set_paused (RsDraftAutosave *self,
                              gboolean         paused)
{
  g_return_if_fail (RS_IS_DRAFT_AUTOSAVE (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  if (paused)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      self->pending = FALSE;
    }
}
