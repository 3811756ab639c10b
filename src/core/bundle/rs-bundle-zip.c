/* rs-bundle-zip.c: reading helpers shared by opening and verifying a bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle-private.h"
#include "rs-file.h"

gboolean
rs_bundle_name_is_safe (const char *name)
{
  return name != NULL && name[0] != '\0' && name[0] != '.' &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL;
}

const char *
rs_bundle_json_get_string (JsonObject *object,
                           const char *member,
                           const char *fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  /* json-glib's _with_default gives NULL for a number: check the type. */
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

gboolean
rs_bundle_zip_open (const char      *path,
                    struct archive **archive)
{
  *archive = archive_read_new ();
  archive_read_support_format_zip (*archive);
  return archive_read_open_filename (*archive, path, 65536) == ARCHIVE_OK;
}

const char *
rs_bundle_zip_error (struct archive *archive)
{
  const char *why = archive_error_string (archive);

  /* libarchive may fail without a message. */
  return why != NULL ? why : _("it is not a complete zip file");
}

gsize
rs_bundle_entry_cap (const char *name)
{
  if (g_strcmp0 (name, "manifest.json") == 0)
    return RS_FILE_MAX_MANIFEST;
  if (g_strcmp0 (name, "manifest.sha256") == 0)
    return RS_FILE_MAX_SUMS;
  return RS_FILE_MAX_PHOTO;
}

gboolean
rs_bundle_zip_entry_listed (GHashTable           *index,
                            struct archive_entry *entry)
{
  const char *raw = archive_entry_pathname (entry);
  const char *name = rs_bundle_zip_entry_name (entry);

  return (raw != NULL && g_hash_table_contains (index, raw)) ||
         (name != NULL && g_hash_table_contains (index, name));
}

const char *
rs_bundle_zip_entry_name (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  return name;
}

/* ------------------------------------------------------------------ */
/* The zip's index: its end record and central directory               */

/* libarchive's streaming reader walks the local headers and never needs
 * the end of the file, so a zip cut short (a download stopped in its
 * central directory) would read as complete.  `unzip -t` refuses such a
 * zip, and so do we. */

#define EOCD_SIZE        22
#define EOCD_MAX_COMMENT 65535
#define ZIP64_LOCATOR    20
#define CD_HEADER_SIZE   46
#define MAX_CD_BYTES     ((guint64) 16 * 1000 * 1000)

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
le64 (const guint8 *p)
{
  return (guint64) le32 (p) | ((guint64) le32 (p + 4) << 32);
}

static gboolean
read_at (int      fd,
         guint64  offset,
         guint8  *buffer,
         gsize    length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = pread (fd, buffer + done, length - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
index_fail (char      **why,
            const char *message)
{
  if (why != NULL)
    *why = g_strdup (message);
  return FALSE;
}

gboolean
rs_bundle_zip_read_index (const char  *path,
                          GHashTable **names,
                          guint64     *n_entries,
                          char       **why)
{
  g_autofree guint8 *tail = NULL;
  g_autofree guint8 *cd = NULL;
  g_autoptr(GHashTable) found = NULL;
  const char *incomplete = _("the end of the zip is missing or damaged (it was probably cut off "
                             "while downloading or copying)");
  guint64 size, tail_start, eocd_at = 0, cd_offset, cd_size, total, end_of_cd;
  gsize tail_length;
  gboolean have_eocd = FALSE;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    return index_fail (why, g_strerror (errno));
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return index_fail (why, _("it is not a regular file"));
    }
  size = (guint64) st.st_size;
  if (size < EOCD_SIZE)
    {
      close (fd);
      return index_fail (why, incomplete);
    }

  /* The end record is the last 22 bytes plus a comment of up to 64 KiB;
   * it must end exactly at the end of the file. */
  tail_start = size > EOCD_SIZE + EOCD_MAX_COMMENT ? size - EOCD_SIZE - EOCD_MAX_COMMENT : 0;
  tail_length = (gsize) (size - tail_start);
  tail = g_malloc (tail_length);
  if (!read_at (fd, tail_start, tail, tail_length))
    {
      close (fd);
      return index_fail (why, incomplete);
    }
  for (gsize i = tail_length - EOCD_SIZE + 1; i-- > 0;)
    {
      const guint8 *p = tail + i;

      if (le32 (p) == 0x06054b50 && i + EOCD_SIZE + le16 (p + 20) == tail_length)
        {
          eocd_at = tail_start + i;
          have_eocd = TRUE;
          break;
        }
    }
  if (!have_eocd)
    {
      close (fd);
      return index_fail (why, incomplete);
    }
  {
    const guint8 *e = tail + (eocd_at - tail_start);

    if (le16 (e + 4) != 0 || le16 (e + 6) != 0 || le16 (e + 8) != le16 (e + 10))
      {
        close (fd);
        return index_fail (why, _("it is a zip split over several files, which a bundle never is"));
      }
    total = le16 (e + 10);
    cd_size = le32 (e + 12);
    cd_offset = le32 (e + 16);
    end_of_cd = eocd_at;

    if (total == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF)
      {
        guint8 locator[ZIP64_LOCATOR], record[56];
        guint64 record_at;

        if (eocd_at < ZIP64_LOCATOR || !read_at (fd, eocd_at - ZIP64_LOCATOR, locator, sizeof locator) ||
            le32 (locator) != 0x07064b50)
          {
            close (fd);
            return index_fail (why, incomplete);
          }
        record_at = le64 (locator + 8);
        if (record_at + sizeof record > eocd_at - ZIP64_LOCATOR ||
            !read_at (fd, record_at, record, sizeof record) || le32 (record) != 0x06064b50)
          {
            close (fd);
            return index_fail (why, incomplete);
          }
        total = le64 (record + 32);
        cd_size = le64 (record + 40);
        cd_offset = le64 (record + 48);
        end_of_cd = record_at;
      }
  }

  /* The central directory ends where the end record starts. */
  if (cd_offset > end_of_cd || cd_size != end_of_cd - cd_offset || cd_size > MAX_CD_BYTES ||
      total > cd_size / CD_HEADER_SIZE + (cd_size == 0))
    {
      close (fd);
      return index_fail (why, incomplete);
    }
  cd = g_malloc (cd_size + 1);
  if (!read_at (fd, cd_offset, cd, (gsize) cd_size))
    {
      close (fd);
      return index_fail (why, incomplete);
    }
  close (fd);

  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    guint64 at = 0, count = 0;

    while (at < cd_size)
      {
        const guint8 *h = cd + at;
        guint64 length;

        if (cd_size - at < CD_HEADER_SIZE || le32 (h) != 0x02014b50)
          return index_fail (why, incomplete);
        length = CD_HEADER_SIZE + (guint64) le16 (h + 28) + le16 (h + 30) + le16 (h + 32);
        if (length > cd_size - at)
          return index_fail (why, incomplete);
        g_hash_table_add (found, g_strndup ((const char *) h + CD_HEADER_SIZE, le16 (h + 28)));
        count++;
        at += length;
      }
    if (count != total)
      return index_fail (why, incomplete);
  }

  if (n_entries != NULL)
    *n_entries = total;
  if (names != NULL)
    *names = g_steal_pointer (&found);
  return TRUE;
}

gboolean
rs_bundle_zip_read (const char           *path,
                    gboolean              keep_damaged,
                    RsBundleZipEntryFunc  entry_func,
                    RsBundleZipDataFunc   data_func,
                    gpointer              user_data,
                    char                **why)
{
  g_autoptr(GHashTable) index = NULL;
  struct archive *archive;
  struct archive_entry *entry;
  gint64 total = 0;
  guint64 n_listed = 0, n_seen = 0;
  gboolean stopped = FALSE;
  int r;

  if (!rs_bundle_zip_read_index (path, &index, &n_listed, why))
    return FALSE;
  if (n_listed > RS_BUNDLE_MAX_ENTRIES)
    {
      *why = g_strdup_printf (_("it holds %u files; a bundle holds at most %d"),
                              (guint) MIN (n_listed, G_MAXUINT), RS_BUNDLE_MAX_ENTRIES);
      return FALSE;
    }
  if (!rs_bundle_zip_open (path, &archive))
    {
      *why = g_strdup (rs_bundle_zip_error (archive));
      archive_read_free (archive);
      return FALSE;
    }
  while ((r = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = rs_bundle_zip_entry_name (entry);
      g_autoptr(GByteArray) data = NULL;
      g_autoptr(GBytes) bytes = NULL;
      RsBundleZipAction action;
      char buffer[65536];
      la_ssize_t n;

      n_seen++;
      if (!rs_bundle_zip_entry_listed (index, entry))
        {
          *why = g_strdup (_("its table of contents does not match the files in it"));
          archive_read_free (archive);
          return FALSE;
        }
      action = entry_func (entry, name, user_data);
      if (action == RS_BUNDLE_ZIP_STOP)
        {
          stopped = TRUE;
          break;
        }
      if (action == RS_BUNDLE_ZIP_SKIP)
        continue;

      data = g_byte_array_new ();
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        {
          total += n;
          if ((gsize) data->len + (gsize) n > rs_bundle_entry_cap (name) ||
              total > RS_BUNDLE_MAX_TOTAL_BYTES)
            {
              *why = g_strdup (_("a file in it is far larger than a bundle holds"));
              archive_read_free (archive);
              return FALSE;
            }
          g_byte_array_append (data, (const guint8 *) buffer, (guint) n);
        }
      if (n < 0 && !keep_damaged)
        {
          *why = g_strdup (rs_bundle_zip_error (archive));
          archive_read_free (archive);
          return FALSE;
        }
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
      /* Damaged content (e.g. the zip's own CRC does not match) is a problem
       * of that file: what was read is kept, so its hash is compared too. */
      data_func (name, bytes, n < 0 ? rs_bundle_zip_error (archive) : NULL, user_data);
      if (n == ARCHIVE_FATAL)
        {
          stopped = TRUE;
          break;
        }
    }
  if (r != ARCHIVE_EOF && !stopped)
    {
      *why = g_strdup (rs_bundle_zip_error (archive));
      archive_read_free (archive);
      return FALSE;
    }
  archive_read_free (archive);
  if (!stopped && n_seen != n_listed)
    {
      *why = g_strdup (_("its table of contents does not match the files in it"));
      return FALSE;
    }
  return TRUE;
}

/* rs_bundle_read_file () */

typedef struct {
  const char *wanted;
  GBytes     *bytes;
  char       *damage;
} ReadOne;

static RsBundleZipAction
read_one_entry (struct archive_entry *entry,
                const char           *name,
                gpointer              user_data)
{
  ReadOne *one = user_data;

  return g_strcmp0 (name, one->wanted) == 0 ? RS_BUNDLE_ZIP_READ : RS_BUNDLE_ZIP_SKIP;
}

static void
read_one_data (const char *name,
               GBytes     *data,
               const char *damage,
               gpointer    user_data)
{
  ReadOne *one = user_data;

  if (one->bytes == NULL)
    {
      one->bytes = g_bytes_ref (data);
      one->damage = g_strdup (damage);
    }
}

GBytes *
rs_bundle_read_file (const char  *bundle,
                     const char  *name,
                     GError     **error)
{
  ReadOne one = { name, NULL, NULL };
  g_autofree char *why = NULL;

  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_file_test (bundle, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *path = g_build_filename (bundle, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, error))
        return NULL;
      return g_bytes_new_take (g_steal_pointer (&contents), length);
    }

  /* A zip: read as the opener and the verification read it, within the
   * same limits. */
  if (!rs_bundle_zip_read (bundle, FALSE, read_one_entry, read_one_data, &one, &why))
    {
      g_clear_pointer (&one.bytes, g_bytes_unref);
      g_free (one.damage);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The zip file could not be read: %s"), why);
      return NULL;
    }
  if (one.bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The bundle has no %s. Export it again."), name);
      return NULL;
    }
  if (one.damage != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The zip file could not be read: %s"), one.damage);
      g_bytes_unref (one.bytes);
      g_free (one.damage);
      return NULL;
    }
  return one.bytes;
}
