/* rs-profile-load.c: the built-in profiles (GResource) and the user's own,
 * loaded together; finding one by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "rs-core-resources.h"
#include "rs-profile-private.h"

#define BUILTIN_PROFILES_PATH "/io/github/resubmit/Resubmit/core/profiles"

/* The resource lives in a static library: referencing it here keeps the
 * linker from dropping it, and registering it on first use makes it work
 * whether or not the generated constructor ran. */
static void
ensure_resources (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      if (!g_resources_get_info (BUILTIN_PROFILES_PATH "/generic.json",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
        g_resources_register (rs_core_get_resource ());
      g_once_init_leave (&once, 1);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
load_builtins (GPtrArray **errors)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) children = NULL;
  g_autoptr(GError) error = NULL;

  ensure_resources ();
  children = g_resources_enumerate_children (BUILTIN_PROFILES_PATH,
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (children == NULL)
    {
      /* A build without the profiles is broken; say so instead of crashing. */
      if (errors && *errors)
        g_ptr_array_add (*errors, g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                                               _("The built-in profiles are missing: %s"),
                                               error->message));
      return g_steal_pointer (&profiles);
    }

  qsort (children, g_strv_length (children), sizeof (char *), compare_strings);
  for (guint i = 0; children[i]; i++)
    {
      g_autofree char *path = g_build_path ("/", BUILTIN_PROFILES_PATH, children[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      RsProfile *profile;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (children[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (bytes)
        {
          data = g_bytes_get_data (bytes, &size);
          profile = rs_profile_new_from_data (data, (gssize) size, children[i], &local_error);
          if (profile)
            {
              g_ptr_array_add (profiles, profile);
              continue;
            }
        }
      if (errors && *errors)
        g_ptr_array_add (*errors, g_steal_pointer (&local_error));
    }

  return g_steal_pointer (&profiles);
}

static int
find_index (GPtrArray  *profiles,
            const char *id)
{
  for (guint i = 0; i < profiles->len; i++)
    if (g_str_equal (rs_profile_get_id (g_ptr_array_index (profiles, i)), id))
      return (int) i;
  return -1;
}

RsProfile *
rs_profile_find (GPtrArray  *profiles,
                 const char *id)
{
  int i;

  if (profiles == NULL || id == NULL)
    return NULL;
  i = find_index (profiles, id);
  return i < 0 ? NULL : g_ptr_array_index (profiles, i);
}

GPtrArray *
rs_profile_load_all (const char  *user_dir,
                     GPtrArray  **errors)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) user_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *default_dir = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  guint n_builtin;

  if (errors && *errors == NULL)
    *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  profiles = load_builtins (errors);
  n_builtin = profiles->len;

  if (user_dir == NULL)
    user_dir = default_dir = g_build_filename (g_get_user_config_dir (), "resubmit", "profiles", NULL);

  dir = g_file_new_for_path (user_dir);
  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (enumerator == NULL)
    {
      /* No folder simply means no user profiles. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && errors)
        g_ptr_array_add (*errors,
                         g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                                      _("%s: could not read the profile folder: %s"),
                                      user_dir, error->message));
      return g_steal_pointer (&profiles);
    }

  while (TRUE)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &error))
        {
          if (errors)
            g_ptr_array_add (*errors,
                             g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                                          _("%s: could not read the profile folder: %s"),
                                          user_dir, error->message));
          break;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY ||
          !g_str_has_suffix (g_file_info_get_name (info), ".json"))
        continue;
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_ptr_array_index (names, i));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RsProfile) profile = rs_profile_new_from_file (file, &local_error);
      const char *previous;
      int index;

      if (profile == NULL)
        {
          if (errors)
            g_ptr_array_add (*errors, g_steal_pointer (&local_error));
          continue;
        }

      previous = g_hash_table_lookup (user_ids, rs_profile_get_id (profile));
      if (previous)
        {
          if (errors)
            g_ptr_array_add (*errors,
                             g_error_new (RS_PROFILE_ERROR, RS_PROFILE_ERROR_INVALID_FIELD,
                                          _("%s: field “%s” is “%s”, which %s already uses; "
                                            "give one of them another id"),
                                          rs_profile_get_source (profile), "id",
                                          rs_profile_get_id (profile), previous));
          continue;
        }
      g_hash_table_insert (user_ids, g_strdup (rs_profile_get_id (profile)),
                           g_strdup (rs_profile_get_source (profile)));

      /* A user profile with a built-in id replaces the built-in, in place. */
      index = find_index (profiles, rs_profile_get_id (profile));
      if (index >= 0 && (guint) index < n_builtin)
        {
          g_object_unref (g_ptr_array_index (profiles, index));
          g_ptr_array_index (profiles, index) = g_steal_pointer (&profile);
        }
      else
        g_ptr_array_add (profiles, g_steal_pointer (&profile));
    }

  return g_steal_pointer (&profiles);
}

RsProfile *
rs_profile_load_builtin (const char  *id,
                         GError     **error)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  int index;

  g_return_val_if_fail (id != NULL, NULL);

  profiles = load_builtins (&errors);
  index = find_index (profiles, id);
  if (index < 0)
    {
      g_set_error (error, RS_PROFILE_ERROR, RS_PROFILE_ERROR_NOT_FOUND,
                   _("There is no built-in profile called “%s”"), id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (profiles, index));
}
