/* rs-draft.h: the draft, so that nothing the user typed is ever lost.
 *
 * The whole RsSession is saved as JSON to $XDG_DATA_HOME/resubmit/draft.json
 * (atomically: temp file, fsync, rename; mode 0600 in a 0700 directory) and
 * restored on the next start.  See docs/drafts.md for the format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rs-session.h"

G_BEGIN_DECLS

#define RS_DRAFT_FORMAT  "resubmit-draft"
#define RS_DRAFT_VERSION 1

/* Longest time between the first unsaved change and the save. */
#define RS_DRAFT_AUTOSAVE_DELAY_MS 500

#define RS_DRAFT_ERROR (rs_draft_error_quark ())

typedef enum {
  RS_DRAFT_ERROR_NOT_FOUND,        /* there is no draft: start fresh, nothing to show */
  RS_DRAFT_ERROR_CORRUPT,          /* unreadable; moved aside (the message says where) */
  RS_DRAFT_ERROR_NEWER_VERSION,    /* written by a newer Resubmit; left untouched */
  RS_DRAFT_ERROR_PROFILE_MISSING,  /* restored, but its platform profile is gone */
  RS_DRAFT_ERROR_IO,               /* could not write, create or remove a file */
} RsDraftError;

GQuark      rs_draft_error_quark        (void);

/* $XDG_DATA_HOME/resubmit, $XDG_CACHE_HOME/resubmit and the draft's default
 * path (…/resubmit/draft.json).  Newly allocated; nothing is created. */
char       *rs_draft_get_data_dir       (void);
char       *rs_draft_get_cache_dir      (void);
char       *rs_draft_get_default_path   (void);

/* Create (or tighten to 0700) the app's cache directory and return its path,
 * for the Photos step's fixed copies. */
char       *rs_draft_ensure_cache_dir   (GError     **error);

/* The draft's JSON text for @session (pretty-printed, UTF-8).  The "details"
 * member is exactly the record `resubmit-check details` reads. */
char       *rs_draft_to_json            (RsSession   *session);

/* Save @session to @path (NULL: the default path) atomically.  On failure the
 * previous draft, if any, is left intact. */
gboolean    rs_draft_save               (RsSession   *session,
                                         const char  *path,
                                         GError     **error);

gboolean    rs_draft_exists             (const char  *path);

/* Restore @into from @path (NULL: the default path).
 *
 *  - no draft → FALSE, RS_DRAFT_ERROR_NOT_FOUND; @into untouched.
 *  - corrupt → the file is renamed to draft.json.corrupt-YYYYMMDD-HHMMSS,
 *    FALSE, RS_DRAFT_ERROR_CORRUPT (message says where it went); @into
 *    untouched, so the app starts cleanly.
 *  - newer version → FALSE, RS_DRAFT_ERROR_NEWER_VERSION; file and @into
 *    untouched.
 *  - the profile id is not among rs_profile_load_all() → everything else is
 *    restored into @into, FALSE, RS_DRAFT_ERROR_PROFILE_MISSING (message
 *    names the id; use rs_draft_load_full() to get it).
 *  - otherwise TRUE and @into holds the draft (rs_session_reset() first).
 */
gboolean    rs_draft_load               (const char  *path,
                                         RsSession   *into,
                                         GError     **error);

/* As rs_draft_load(), with the profiles to match against (NULL: load them
 * with rs_profile_load_all (NULL, NULL)), and out-parameters for the missing
 * profile's id (set only with RS_DRAFT_ERROR_PROFILE_MISSING) and the time the
 * draft was saved (may be NULL if the draft did not say). */
gboolean    rs_draft_load_full          (const char  *path,
                                         RsSession   *into,
                                         GPtrArray   *profiles,
                                         char       **missing_profile_id,
                                         GDateTime  **saved,
                                         GError     **error);

/* Remove the draft at @path (NULL: default).  Missing is not an error. */
gboolean    rs_draft_delete             (const char  *path,
                                         GError     **error);

/* "Delete all my data": remove the draft, corrupt-draft copies, temp files
 * and everything under $XDG_DATA_HOME/resubmit and $XDG_CACHE_HOME/resubmit
 * (the directories too).  @removed_paths (optional) gets the paths removed,
 * files before their directories.  Stops at the first failure, with the
 * paths removed so far. */
gboolean    rs_draft_delete_all_data    (char      ***removed_paths,
                                         GError     **error);

/* Autosave: follows the session's "changed" signal and saves at most
 * RS_DRAFT_AUTOSAVE_DELAY_MS after the first unsaved change (later changes
 * do not postpone it).  A session with nothing in it (after "Start over")
 * removes the draft instead of saving an empty one.
 *
 * Signals:
 *   "saved" ()                    after each successful save or removal;
 *   "error" (const GError *error) when a save failed (the UI shows it; the
 *                                 next change tries again). */
#define RS_TYPE_DRAFT_AUTOSAVE (rs_draft_autosave_get_type ())
G_DECLARE_FINAL_TYPE (RsDraftAutosave, rs_draft_autosave, RS, DRAFT_AUTOSAVE, GObject)

RsDraftAutosave *rs_draft_autosave_new          (RsSession       *session,
                                                 const char      *path);
const char      *rs_draft_autosave_get_path     (RsDraftAutosave *self);
/* TRUE while a change has not been written yet. */
gboolean         rs_draft_autosave_get_pending  (RsDraftAutosave *self);
/* Write now if anything is pending (call on quit).  TRUE when nothing was
 * pending or the write succeeded. */
gboolean         rs_draft_autosave_flush        (RsDraftAutosave *self,
                                                 GError         **error);
/* While paused, changes are not written (e.g. during "Delete all my data");
 * unpausing does not write the changes made meanwhile. */
void             rs_draft_autosave_set_paused   (RsDraftAutosave *self,
                                                 gboolean         paused);

/* Testing only: make the next rs_draft_save() fail after the temp file is
 * written and synced but before the rename, as a crash would. */
void             rs_draft_set_fail_before_rename_for_testing (gboolean fail);

G_END_DECLS
