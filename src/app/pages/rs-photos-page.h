/* rs-photos-page.h: the Photos step — one slot per required photo, live
 * checks, fixes, set-level checks and gating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-page.h"
#include "widgets/rs-photo-slot.h"

G_BEGIN_DECLS

#define RS_TYPE_PHOTOS_PAGE (rs_photos_page_get_type ())
G_DECLARE_FINAL_TYPE (RsPhotosPage, rs_photos_page, RS, PHOTOS_PAGE, RsPage)

GtkWidget   *rs_photos_page_new              (RsSession    *session);

/* THE way photos enter the page: the file chooser, drag and drop, paste,
 * files opened with the app and the camera all call this.  @target_slot:
 * the slot the user aimed at (replaces its photo), or NULL to fill the
 * empty slots in order.  Several files fill empty slots in order (starting
 * with @target_slot when it is empty); files left over are reported.
 * Each accepted file is checked off the main thread; a file that cannot be
 * used leaves the slot's previous photo in place with a message.
 * Returns how many files were taken. */
guint        rs_photos_page_add_files        (RsPhotosPage  *self,
                                              GFile        **files,
                                              guint          n_files,
                                              const char    *target_slot);

/* The same actions as the slot's buttons. */
void         rs_photos_page_remove           (RsPhotosPage  *self,
                                              const char    *slot_id);
void         rs_photos_page_rotate           (RsPhotosPage  *self,
                                              const char    *slot_id);
void         rs_photos_page_straighten       (RsPhotosPage  *self,
                                              const char    *slot_id);
/* Undo the last replace, remove or fix.  FALSE when there is nothing. */
gboolean     rs_photos_page_undo             (RsPhotosPage  *self);
/* The two sides of the card look swapped between their slots
 * (rs_photo_set_sides_swapped()): the page offers to swap them back. */
gboolean     rs_photos_page_get_swap_offered (RsPhotosPage  *self);
/* The offer's button: each of the two slots gets the other's photo, which
 * is checked for its new slot; one undo brings both back.  FALSE when
 * there is nothing to swap. */
gboolean     rs_photos_page_swap_sides       (RsPhotosPage  *self);
/* Paste an image or files from the clipboard into @target_slot (NULL: the
 * first empty slot). */
void         rs_photos_page_paste            (RsPhotosPage  *self,
                                              const char    *target_slot);

/* Slots currently shown, in order. */
guint        rs_photos_page_get_n_slots      (RsPhotosPage  *self);
RsPhotoSlot *rs_photos_page_get_slot         (RsPhotosPage  *self,
                                              guint          index);
RsPhotoSlot *rs_photos_page_find_slot        (RsPhotosPage  *self,
                                              const char    *slot_id);
/* TRUE while a check or fix is running. */
gboolean     rs_photos_page_get_busy         (RsPhotosPage  *self);

/* The last message shown as a toast (also when not in a window), for tests. */
const char  *rs_photos_page_get_last_message (RsPhotosPage *self);

/* Camera hook: the camera helper calls this once a camera implementation
 * exists, which shows the slots' "Take Photo" buttons; pressing one emits
 * "take-photo" (slot id).  The camera then hands its picture to
 * rs_photos_page_add_files(). */
void         rs_photos_page_set_camera_available (RsPhotosPage *self,
                                                  gboolean      available);

G_END_DECLS
