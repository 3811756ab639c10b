/* rs-file.c: bounded reads that never follow a symbolic link.
 *
 * Every file the core parses (profiles, drafts, manifests, details, photos
 * in a bundle folder) is read here, so a 1 GiB manifest or a link pointing
 * out of a bundle folder is refused the same way everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "rs-file.h"

G_DEFINE_QUARK (rs-file-error-quark, rs_file_error)

static void
set_errno_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* TRANSLATORS: %s is a file, the second %s the system's reason */
               _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
}

static void
set_too_large (GError    **error,
               const char *path,
               gsize       max_bytes)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *limit = g_format_size (max_bytes);

  g_set_error (error, RS_FILE_ERROR, RS_FILE_ERROR_TOO_LARGE,
               /* TRANSLATORS: %s is a file, the second %s a size like “4.0 MB” */
               _("“%s” is larger than %s, far larger than a file of its kind, so it was not read"),
               display, limit);
}

gboolean
rs_file_read (const char  *path,
              gsize        max_bytes,
              RsFileReadFlags flags,
              char       **contents,
              gsize       *length,
              GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize used = 0, allocated;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* O_NONBLOCK: opening a FIFO must not hang; regular files ignore it. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY |
                     ((flags & RS_FILE_READ_FOLLOW_LINKS) ? 0 : O_NOFOLLOW), 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, RS_FILE_ERROR, RS_FILE_ERROR_SYMLINK,
                       _("“%s” is a symbolic link, and links are not followed"), display);
        }
      else
        set_errno_error (error, path, saved_errno);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_errno_error (error, path, saved_errno);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      close (fd);
      g_set_error (error, RS_FILE_ERROR, RS_FILE_ERROR_NOT_REGULAR,
                   _("“%s” is not a regular file"), display);
      return FALSE;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_bytes)
    {
      close (fd);
      set_too_large (error, path, max_bytes);
      return FALSE;
    }

  /* The size may change while reading: never read more than the cap. */
  allocated = (gsize) st.st_size + 1;
  buffer = g_malloc (allocated + 1);
  for (;;)
    {
      gssize n;

      if (used == allocated)
        {
          if (allocated > max_bytes)
            {
              close (fd);
              set_too_large (error, path, max_bytes);
              return FALSE;
            }
          allocated = MIN (allocated * 2, max_bytes + 1);
          buffer = g_realloc (buffer, allocated + 1);
        }
      n = read (fd, buffer + used, allocated - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          set_errno_error (error, path, saved_errno);
          return FALSE;
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }
  close (fd);
  if (used > max_bytes)
    {
      set_too_large (error, path, max_bytes);
      return FALSE;
    }
  buffer[used] = '\0';
  if (length != NULL)
    *length = used;
  *contents = g_steal_pointer (&buffer);
  return TRUE;
}
