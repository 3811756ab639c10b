/* rs-recent.c: keeping ID photos out of the recent-files list.
 *
 * GTK's file chooser records every file it returns in
 * $XDG_DATA_HOME/recently-used.xbel, so every other app's "Recent" would
 * list the ID photos and the exported bundle.  Our entries are removed as
 * soon as they appear, and "Delete All My Data" removes what earlier
 * versions left.  GtkSettings:gtk-recent-files-enabled is no way out: with
 * it off, GTK 4.8 rewrites the whole file empty on the next change, wiping
 * every other app's entries too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-recent.h"
#include "rs-draft.h"

static void
recent_changed_cb (GtkRecentManager *manager,
                   RsSession        *session)
{
  /* Removing schedules one more "changed", which then finds nothing. */
  rs_recent_forget_ours (manager, session, NULL);
}

void
rs_recent_watch (GtkRecentManager *manager,
                 RsSession        *session)
{
  g_return_if_fail (GTK_IS_RECENT_MANAGER (manager));
  g_return_if_fail (RS_IS_SESSION (session));

  g_signal_connect_object (manager, "changed", G_CALLBACK (recent_changed_cb), session, 0);
}

static gboolean
is_ours (GtkRecentInfo *info,
         GHashTable    *photo_uris,
         const char    *data_uri,
         const char    *cache_uri)
{
  const char *uri = gtk_recent_info_get_uri (info);
  const char *mime = gtk_recent_info_get_mime_type (info);
  /* The name we registered under depends on the language of the time. */
  const char *names[] = { "Resubmit", g_get_application_name (), g_get_prgname () };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i] != NULL && gtk_recent_info_has_application (info, names[i]))
      return TRUE;
  if (uri == NULL)
    return FALSE;
  if (g_hash_table_contains (photo_uris, uri) ||
      (data_uri != NULL && g_str_has_prefix (uri, data_uri)) ||
      (cache_uri != NULL && g_str_has_prefix (uri, cache_uri)))
    return TRUE;
  return g_strcmp0 (mime, "application/x-resubmit-bundle") == 0;
}

static char *
dir_uri (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  /* NULL when the path has no URI: then nothing is under it. */
  return uri ? g_strconcat (uri, "/", NULL) : NULL;
}

guint
rs_recent_forget_ours (GtkRecentManager *manager,
                       RsSession        *session,
                       GPtrArray        *removed)
{
  g_autoptr(GHashTable) photo_uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *data = rs_draft_get_data_dir ();
  g_autofree char *cache = rs_draft_get_cache_dir ();
  g_autofree char *data_uri = dir_uri (data);
  g_autofree char *cache_uri = dir_uri (cache);
  GList *items;
  guint n = 0;

  g_return_val_if_fail (GTK_IS_RECENT_MANAGER (manager), 0);

  if (session != NULL)
    {
      g_auto(GStrv) slots = rs_session_list_photo_slots (session);

      for (guint i = 0; slots[i] != NULL; i++)
        {
          const char *path = rs_session_get_photo (session, slots[i]);
          char *uri = path ? g_filename_to_uri (path, NULL, NULL) : NULL;

          if (uri != NULL)
            g_hash_table_add (photo_uris, uri);
        }
    }

  items = gtk_recent_manager_get_items (manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (is_ours (info, photo_uris, data_uri, cache_uri) &&
          gtk_recent_manager_remove_item (manager, gtk_recent_info_get_uri (info), NULL))
        {
          n++;
          if (removed != NULL)
            g_ptr_array_add (removed, g_strdup (gtk_recent_info_get_uri (info)));
        }
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return n;
}
