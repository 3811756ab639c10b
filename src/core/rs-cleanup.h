/* rs-cleanup.h: nothing left behind — what a killed export or draft save
 * leaves is found and removed at the next start and by "Delete All My Data".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Notes that @path (a staging folder or temporary file an export makes next
 * to the user's target, named ".NAME.partial-XXXXXX" or ".NAME.tmp-XXXXXX")
 * exists for as long as this process works on it.  Returns a token for
 * rs_cleanup_forget(); NULL when the note could not be written (the export
 * goes on: only the cleanup after a crash is lost). */
char     *rs_cleanup_remember  (const char *path);
/* The work on the path of @token is done (moved into place or removed). */
void      rs_cleanup_forget    (const char *token);

/* Removes what processes that are gone left behind: the staging paths they
 * noted, and temporary draft files ("draft.json.XXXXXX") in the data
 * folder.  Paths removed are appended to @removed (char*, may be NULL).
 * Returns how many were removed. */
guint     rs_cleanup_leftovers (GPtrArray  *removed);

/* Removes @path and, for a folder, everything in it; a symbolic link is
 * removed, never followed.  Each path removed is appended to @removed (may
 * be NULL). */
gboolean  rs_remove_tree       (const char *path,
                                GPtrArray  *removed,
                                GError    **error);

G_END_DECLS
