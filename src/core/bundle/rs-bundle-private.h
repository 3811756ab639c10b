/* rs-bundle-private.h: test hooks of the bundle module, and helpers its
 * files share (rs-bundle-zip.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-bundle.h"

G_BEGIN_DECLS

/* Simulate a failing disk: every file-system operation of the export fails
 * with @error_number (ENOSPC, EACCES, EROFS, ENOENT…) once @after_bytes
 * bytes have been written (0: the very first operation fails).  -1 turns
 * the simulation off. */
void rs_bundle_request_set_write_failure (RsBundleRequest *self,
                                          gint64           after_bytes,
                                          int              error_number);

struct archive;
struct archive_entry;

/* A plain file name: not empty, not hidden, no directory part. */
gboolean    rs_bundle_name_is_safe    (const char           *name);
/* @member of @object (may be NULL) when it is a string, else @fallback. */
const char *rs_bundle_json_get_string (JsonObject           *object,
                                       const char           *member,
                                       const char           *fallback);
/* Starts reading the zip @path: *@archive is always set (free it with
 * archive_read_free()); FALSE when the zip cannot be opened, and then
 * archive_error_string() says why. */
gboolean    rs_bundle_zip_open        (const char           *path,
                                       struct archive      **archive);
/* Reads the end record and the central directory of the zip @path: FALSE,
 * with *@why (free it) saying so, when either is missing or inconsistent
 * (the zip was cut short).  *@names: the set of entry names it lists. */
gboolean    rs_bundle_zip_read_index  (const char           *path,
                                       GHashTable          **names,
                                       guint64              *n_entries,
                                       char                **why);
/* The most bytes a bundle's file @name may hold, the same in a folder and
 * in a zip (RS_FILE_MAX_MANIFEST for manifest.json …). */
gsize       rs_bundle_entry_cap       (const char           *name);
/* Why reading @archive failed, never NULL. */
const char *rs_bundle_zip_error       (struct archive       *archive);
/* Whether @entry (walked by the streaming reader) is one the central
 * directory @index (from rs_bundle_zip_read_index()) lists. */
gboolean    rs_bundle_zip_entry_listed (GHashTable          *index,
                                        struct archive_entry *entry);
/* A zip entry's name, or NULL when it has none we can use. */
const char *rs_bundle_zip_entry_name  (struct archive_entry *entry);

/* Nothing we write comes near these; they keep a hostile bundle from eating
 * memory, the same for a folder and a zip, for verifying and opening. */
#define RS_BUNDLE_MAX_TOTAL_BYTES ((gint64) 512 * 1000 * 1000)
#define RS_BUNDLE_MAX_ENTRIES     256

typedef enum {
  RS_BUNDLE_ZIP_SKIP, /* go on to the next entry */
  RS_BUNDLE_ZIP_READ, /* read its data and hand it over */
  RS_BUNDLE_ZIP_STOP, /* stop: what was handed over so far stands */
} RsBundleZipAction;

/* Called for every entry; @name is NULL when the entry has none we can use. */
typedef RsBundleZipAction (*RsBundleZipEntryFunc) (struct archive_entry *entry,
                                                   const char           *name,
                                                   gpointer              user_data);
/* Called with a read entry's bytes.  @damage is NULL, or why its data could
 * not be read to the end (then @data is what was read). */
typedef void (*RsBundleZipDataFunc) (const char *name,
                                     GBytes     *data,
                                     const char *damage,
                                     gpointer    user_data);

/* Reads the zip @path entry by entry, every entry checked against the
 * central directory, within RS_BUNDLE_MAX_ENTRIES, rs_bundle_entry_cap() and
 * RS_BUNDLE_MAX_TOTAL_BYTES.  With @keep_damaged, an entry whose data fails
 * part-way is handed over with its damage and reading goes on (unless the
 * zip cannot be read further); without it that ends the reading.  FALSE,
 * with *@why (free it) saying so, when the zip cannot be read as a bundle. */
gboolean    rs_bundle_zip_read        (const char           *path,
                                       gboolean              keep_damaged,
                                       RsBundleZipEntryFunc  entry_func,
                                       RsBundleZipDataFunc   data_func,
                                       gpointer              user_data,
                                       char                **why);

G_END_DECLS
