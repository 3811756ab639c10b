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

G_END_DECLS
