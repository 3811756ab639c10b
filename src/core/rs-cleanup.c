/* rs-cleanup.c: a journal of staging paths, and removing what dead
 * processes left.
 *
 * An export stages the photos in a hidden folder next to the target, so a
 * process killed mid-way leaves ID photos where the user never looks.  Each
 * staging path is noted in $XDG_DATA_HOME/resubmit/pending/PID-XXXXXX
 * (0600) while it exists; a later start removes the paths whose process is
 * gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "rs-cleanup.h"
#include "rs-draft.h"
#include "rs-file.h"

static char *
pending_dir (void)
{
  g_autofree char *data = rs_draft_get_data_dir ();

  return g_build_filename (data, "pending", NULL);
}

char *
rs_cleanup_remember (const char *path)
{
  g_autofree char *dir = pending_dir ();
  g_autofree char *token = NULL;
  g_autofree char *absolute = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* The next start may run in another folder. */
  absolute = g_canonicalize_filename (path, NULL);
  path = absolute;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;
  token = g_strdup_printf ("%s/%ld-XXXXXX", dir, (long) getpid ());
  fd = g_mkstemp_full (token, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return NULL;
  if (write (fd, path, strlen (path)) != (gssize) strlen (path))
    {
      close (fd);
      g_unlink (token);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&token);
}

void
rs_cleanup_forget (const char *token)
{
  if (token != NULL)
    g_unlink (token);
}

static gboolean
process_alive (long pid)
{
  if (pid <= 0)
    return FALSE;
  if (pid == (long) getpid ())
    return TRUE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* Only what an export names this way is ever removed, whatever the note
 * says: ".NAME.partial-XXXXXX" folders and ".NAME.tmp-XXXXXX" files. */
static gboolean
is_staging_path (const char *path,
                 gboolean   *is_dir)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *mark;
  GStatBuf st;

  if (!g_path_is_absolute (path) || base[0] != '.' || g_lstat (path, &st) != 0)
    return FALSE;
  if ((mark = g_strrstr (base, ".partial-")) != NULL && S_ISDIR (st.st_mode))
    *is_dir = TRUE;
  else if ((mark = g_strrstr (base, ".tmp-")) != NULL && S_ISREG (st.st_mode))
    *is_dir = FALSE;
  else
    return FALSE;
  return mark > base && strlen (strchr (mark + 1, '-') + 1) == 6;
}

static gboolean
is_draft_temp (const char *name)
{
  /* rs_draft_save() writes "draft.json.XXXXXX" and renames it. */
  if (!g_str_has_prefix (name, "draft.json.") || strlen (name) != strlen ("draft.json.") + 6)
    return FALSE;
  for (const char *p = name + strlen ("draft.json."); *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

guint
rs_cleanup_leftovers (GPtrArray *removed)
{
  g_autofree char *dir = pending_dir ();
  g_autofree char *data = rs_draft_get_data_dir ();
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *note = g_build_filename (dir, name, NULL);
      g_autofree char *path = NULL;
      gboolean is_dir = FALSE;

      if (process_alive (strtol (name, NULL, 10)))
        continue;
      if (rs_file_read (note, 4096, RS_FILE_READ_DEFAULT, &path, NULL, NULL) &&
          is_staging_path (path, &is_dir))
        rs_remove_tree (path, done, NULL);
      g_unlink (note);
    }

  /* A draft save killed before its rename leaves its temporary file. The
   * app is single-instance, so no save of another process is in flight. */
  g_clear_pointer (&d, g_dir_close);
  d = g_dir_open (data, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (is_draft_temp (name))
      {
        g_autofree char *path = g_build_filename (data, name, NULL);

        rs_remove_tree (path, done, NULL);
      }

  if (removed != NULL)
    for (guint i = 0; i < done->len; i++)
      g_ptr_array_add (removed, g_strdup (g_ptr_array_index (done, i)));
  return done->len;
}

gboolean
rs_remove_tree (const char  *path,
                GPtrArray   *removed,
                GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      goto fail;
    }

  /* Never follow symlinks: remove the link, not what it points to. */
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      if (dir == NULL)
        goto fail;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!rs_remove_tree (child, removed, error))
            return FALSE;
        }
      if (g_rmdir (path) != 0)
        goto fail;
    }
  else if (g_unlink (path) != 0)
    goto fail;

  if (removed != NULL)
    g_ptr_array_add (removed, g_strdup (path));
  return TRUE;

fail:
  {
    int saved_errno = errno;
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Could not remove “%s”: %s. Close other programs using it, "
                   "check its permissions and try again."),
                 display, g_strerror (saved_errno));
    return FALSE;
  }
}
