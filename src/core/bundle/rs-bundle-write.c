/* rs-bundle-write.c: safe writing: every file written whole and synced,
 * nothing replaced, the zip written from memory, failures simulated for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive_entry.h>

#include "rs-bundle-checklist.h"
#include "rs-bundle-job.h"

void
rs_bundle_set_write_error (GError    **error,
                           int         errsv,
                           const char *where)
{
  g_autofree char *display = g_filename_display_name (where);

  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("There is not enough free space in “%s” to write the bundle. Free some "
                     "space or choose another place, then export again."), display);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("You are not allowed to write in “%s”. Choose another folder, for example "
                     "your Documents folder, then export again."), display);
      break;
    case ENOENT:
    case ENOTDIR:
      /* A folder that is there but takes no new files (e.g. /proc) says
       * ENOENT too: do not claim it is missing. */
      if (g_file_test (where, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                       _("New files cannot be created in “%s”: it is a system folder or does not "
                         "allow writing. Choose another folder, for example your Documents "
                         "folder, then export again."), display);
          break;
        }
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("The folder “%s” does not exist (any more). If it was on a removable drive, "
                     "connect it again or choose another place, then export again."), display);
      break;
    default:
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("Writing in “%s” failed: %s. Choose another place and export again."),
                   display, g_strerror (errsv));
      break;
    }
}

gboolean
rs_bundle_io_allowed (Job   *job,
                      gsize  n_bytes)
{
  if (job->fail_after < 0)
    return TRUE;
  if (job->written + (gint64) n_bytes >= job->fail_after)
    {
      errno = job->fail_errno;
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_fd (Job          *job,
          int           fd,
          const guint8 *data,
          gsize         length)
{
  while (length > 0)
    {
      gsize chunk = MIN (length, (gsize) 1 << 20);
      ssize_t n;

      if (!rs_bundle_io_allowed (job, chunk))
        return FALSE;
      n = write (fd, data, chunk);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      job->written += n;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
rs_bundle_write_file (Job          *job,
                      const char   *dir,
                      const char   *name,
                      GBytes       *bytes,
                      GError      **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  /* Messages name the folder the user chose, not our hidden staging one. */
  g_autofree char *where = g_path_get_dirname (dir);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  int fd, errsv;

  if (!rs_bundle_io_allowed (job, 0))
    {
      rs_bundle_set_write_error (error, errno, where);
      return FALSE;
    }
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      rs_bundle_set_write_error (error, errno, where);
      return FALSE;
    }
  if (!write_fd (job, fd, data, length) || fsync (fd) != 0)
    {
      errsv = errno;
      close (fd);
      rs_bundle_set_write_error (error, errsv, where);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      rs_bundle_set_write_error (error, errno, where);
      return FALSE;
    }
  return TRUE;
}

void
rs_bundle_fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

int
rs_bundle_rename_noreplace (const char *from,
                            const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return errno;
  /* File systems without RENAME_NOREPLACE: check, then rename (racy, but
   * the target is chosen by the user a moment ago). */
  if (g_file_test (to, G_FILE_TEST_EXISTS) || g_file_test (to, G_FILE_TEST_IS_SYMLINK))
    return EEXIST;
  if (rename (from, to) != 0)
    return errno;
  return 0;
}

void
rs_bundle_set_exists_error (GError    **error,
                            const char *target)
{
  g_autofree char *display = g_filename_display_name (target);

  g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_EXISTS,
               _("“%s” already exists. Choose another name; an existing bundle is never "
                 "overwritten."), display);
}

typedef struct {
  Job  *job;
  int   fd;
  int   errsv;
} ZipSink;

static la_ssize_t
zip_write_cb (struct archive *archive,
              void           *client_data,
              const void     *buffer,
              size_t          length)
{
  ZipSink *sink = client_data;

  if (!write_fd (sink->job, sink->fd, buffer, length))
    {
      sink->errsv = errno;
      archive_set_error (archive, errno, "%s", g_strerror (errno));
      return -1;
    }
  return (la_ssize_t) length;
}

/* Zip the staged files (flat, stored: JPEG does not compress further). */

gboolean
rs_bundle_write_zip (Job         *job,
                     const char  *zip_path,
                     int          fd,
                     const char  *stage,
                     GPtrArray   *names,
                     GError     **error)
{
  struct archive *archive = archive_write_new ();
  ZipSink sink = { job, fd, 0 };
  gboolean ok = FALSE;
  g_autofree char *parent = g_path_get_dirname (zip_path);

  archive_write_set_format_zip (archive);
  archive_write_set_options (archive, "zip:compression=store");
  archive_write_set_bytes_per_block (archive, 0);
  if (archive_write_open (archive, &sink, NULL, zip_write_cb, NULL) != ARCHIVE_OK)
    goto out;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (stage, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      struct archive_entry *entry;
      g_autoptr(GError) read_error = NULL;

      if (!g_file_get_contents (path, &contents, &length, &read_error))
        {
          sink.errsv = EIO;
          goto out;
        }
      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_size (entry, (la_int64_t) length);
      archive_entry_set_mtime (entry, g_date_time_to_unix (job->now), 0);
      /* libarchive writes uid/gid 0 (root) unless told: the user's own. */
      archive_entry_set_uid (entry, getuid ());
      archive_entry_set_gid (entry, getgid ());
      if (archive_write_header (archive, entry) != ARCHIVE_OK ||
          archive_write_data (archive, contents, length) != (la_ssize_t) length)
        {
          archive_entry_free (entry);
          goto out;
        }
      archive_entry_free (entry);
    }
  if (archive_write_close (archive) != ARCHIVE_OK)
    goto out;
  if (fsync (fd) != 0)
    {
      sink.errsv = errno;
      goto out;
    }
  ok = TRUE;

out:
  if (!ok)
    {
      if (sink.errsv != 0)
        rs_bundle_set_write_error (error, sink.errsv, parent);
      else
        g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                     _("The zip file could not be written (%s). Choose another place and "
                       "export again."), archive_error_string (archive));
    }
  archive_write_free (archive);
  return ok;
}
