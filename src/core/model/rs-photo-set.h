/* rs-photo-set.h: the photos of a session and what the checker found in
 * them, computed once per photo and per change.
 *
 * Slot → the report of the file the session holds for it, checked off the
 * main thread with one decode, keyed by the file (path, size, modification
 * time) and the profile, so that the Photos step, the Review step and the
 * export share one report per photo instead of checking it again each.
 * A slot keeps the reports of the last few files it held, so that a photo
 * put back is not checked again.  Set-level findings (the same picture in
 * two slots) are computed from the stored reports without changing them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rs-photo-check.h"
#include "rs-session.h"

G_BEGIN_DECLS

#define RS_TYPE_PHOTO_SET (rs_photo_set_get_type ())
G_DECLARE_FINAL_TYPE (RsPhotoSet, rs_photo_set, RS, PHOTO_SET, GObject)

RsPhotoSet    *rs_photo_set_new               (void);

/* The session's photo set, made on first use; owned by @session (a reset
 * drops it). */
RsPhotoSet    *rs_photo_set_for_session       (RsSession     *session);

/* The report made for @slot from this very file (same path, size and
 * modification time) under @profile (NULL: the built-in defaults), or
 * NULL.  @error, when not NULL, receives (not owned) the error of a file
 * that could not be checked. */
RsPhotoReport *rs_photo_set_lookup            (RsPhotoSet    *self,
                                               const char    *slot,
                                               const char    *path,
                                               RsProfile     *profile,
                                               const GError **error);

/* Checks @path as @slot's photo on a worker thread and stores the result
 * (a report or an error) unless cancelled or overtaken by a newer request
 * for the slot; then emits "report-changed".  A file already checked under
 * @profile is not checked again.  @preview_size > 0: also return an
 * upright preview of at most that long side, made from the same decode. */
void           rs_photo_set_check_async       (RsPhotoSet          *self,
                                               const char          *slot,
                                               const char          *path,
                                               RsProfile           *profile,
                                               int                  preview_size,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* A new reference to the report; @preview (may be NULL) receives the
 * preview when one was asked for. */
RsPhotoReport *rs_photo_set_check_finish      (RsPhotoSet          *self,
                                               GAsyncResult        *result,
                                               GdkPixbuf          **preview,
                                               GError             **error);

/* Stores @report, made elsewhere for @slot's photo @path under @profile
 * (the verification of an opened bundle), as if this set had checked the
 * file as it is now; emits "report-changed".  A later check of the same
 * file only makes its preview. */
void           rs_photo_set_add_report        (RsPhotoSet    *self,
                                               const char    *slot,
                                               const char    *path,
                                               RsProfile     *profile,
                                               RsPhotoReport *report);

/* After rs_session_take_work (@into, @from): the reports @from's set holds
 * for the photos @into now has (an opened bundle's verification) go into
 * @into's own set, so that they are not checked again. */
void           rs_photo_set_take_reports      (RsSession     *into,
                                               RsSession     *from);

/* Forgets @slot's report (the photo was removed). */
void           rs_photo_set_forget            (RsPhotoSet    *self,
                                               const char    *slot);

/* Set level: the first of @slots (other than @slot) whose stored report
 * shows the same picture as @slot's (rs_photo_report_same_photo()), or
 * NULL.  Only reports of the files @session holds count. */
const char    *rs_photo_set_find_duplicate    (RsPhotoSet    *self,
                                               RsSession     *session,
                                               RsProfile     *profile,
                                               const char    *slot,
                                               const char * const *slots);

/* Set level: the first of @slots (other than @slot) whose stored report
 * shows the same side of the document as @slot's in a different shot
 * (rs_content_same_document(); the same shot is a duplicate, not this), or
 * NULL.  Its finding is RS_CHECK_DOCUMENT_SAME, with the message
 * rs_photo_same_document_message() gives. */
const char    *rs_photo_set_find_same_document (RsPhotoSet   *self,
                                               RsSession     *session,
                                               RsProfile     *profile,
                                               const char    *slot,
                                               const char * const *slots);

/* Set level for a two-sided card: TRUE when the photo in the front slot
 * looks like the back and the one in the back slot like the front
 * (rs_content_should_swap()), so that swapping them fixes both; then @a and
 * @b (may be NULL) receive the two slots (RS_SLOT_ID_FRONT, RS_SLOT_ID_BACK).
 * FALSE when either slot has no stored report for the session's file. */
gboolean       rs_photo_set_sides_swapped     (RsPhotoSet    *self,
                                               RsSession     *session,
                                               RsProfile     *profile,
                                               const char   **a,
                                               const char   **b);

/* The message of the set-level "duplicate" finding of @slot whose picture
 * is also @other_slot's. */
char          *rs_photo_set_duplicate_message (const char    *slot,
                                               const char    *other_slot);

G_END_DECLS
