/* rs-photo-slot.h: one required photo on the Photos step.
 *
 * Shows what the slot wants (name, description, example drawing), the photo
 * with the checker's overlays, a spinner while the check runs, the headline
 * guidance and the findings (icon + text + measured value vs requirement),
 * and the slot's buttons.  The buttons activate the page's actions
 * ("photos.choose", "photos.take-photo", "photos.rotate",
 * "photos.straighten", "photos.remove", "photos.compare") with the slot id
 * as target; files dropped on the slot are emitted as "files-dropped".
 * The slot holds no logic beyond showing its state: the page decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rs-photo-check.h"
#include "rs-photo-preview.h"

G_BEGIN_DECLS

#define RS_TYPE_PHOTO_SLOT (rs_photo_slot_get_type ())
G_DECLARE_FINAL_TYPE (RsPhotoSlot, rs_photo_slot, RS, PHOTO_SLOT, GtkWidget)

GtkWidget      *rs_photo_slot_new                (const char    *slot_id,
                                                  const char    *title,
                                                  const char    *description);

const char     *rs_photo_slot_get_slot_id        (RsPhotoSlot   *self);
/* Which drawing the empty slot shows (rs_slot_example_set_slot() ids);
 * the slot id by default. */
void            rs_photo_slot_set_example        (RsPhotoSlot   *self,
                                                  const char    *example_id);
const char     *rs_photo_slot_get_title          (RsPhotoSlot   *self);

/* The photo in use (NULL: empty).  @original (may be NULL): the photo before
 * a software fix, for the before/after comparison. */
void            rs_photo_slot_set_photo          (RsPhotoSlot   *self,
                                                  GFile         *file,
                                                  GdkTexture    *texture,
                                                  RsPhotoReport *report,
                                                  GdkTexture    *original_texture,
                                                  RsPhotoReport *original_report);
GFile          *rs_photo_slot_get_file           (RsPhotoSlot   *self);
GdkTexture     *rs_photo_slot_get_texture        (RsPhotoSlot   *self);
RsPhotoReport  *rs_photo_slot_get_report         (RsPhotoSlot   *self);
gboolean        rs_photo_slot_get_has_original   (RsPhotoSlot   *self);
GdkTexture     *rs_photo_slot_get_original_texture (RsPhotoSlot *self);
RsPhotoReport  *rs_photo_slot_get_original_report  (RsPhotoSlot *self);
/* Before/after: show the original instead of the fixed photo. */
void            rs_photo_slot_set_comparing      (RsPhotoSlot   *self,
                                                  gboolean       comparing);
gboolean        rs_photo_slot_get_comparing      (RsPhotoSlot   *self);

/* A check (or fix) is running: spinner and "Checking…". */
void            rs_photo_slot_set_busy           (RsPhotoSlot   *self,
                                                  gboolean       busy,
                                                  const char    *what);
gboolean        rs_photo_slot_get_busy           (RsPhotoSlot   *self);

/* A problem with the last file offered (the previous photo is kept).
 * NULL clears it. */
void            rs_photo_slot_set_error          (RsPhotoSlot   *self,
                                                  const char    *message);
const char     *rs_photo_slot_get_error          (RsPhotoSlot   *self);

/* Set level: this photo is the same as the one in slot @other_title
 * (NULL: not a duplicate). */
void            rs_photo_slot_set_duplicate_of   (RsPhotoSlot   *self,
                                                  const char    *other_title);
gboolean        rs_photo_slot_get_is_duplicate   (RsPhotoSlot   *self);

/* Set level: the typed details differ from what was read on this photo
 * when it was checked (details.match, a failure).  @message names both
 * values; @field is the first differing RS_FIELD_* (the target of the
 * finding's "photos.go-to-field" button) and @field_label its name.
 * @message NULL: they match (or nothing comparable was read). */
void            rs_photo_slot_set_details_mismatch (RsPhotoSlot *self,
                                                  const char    *message,
                                                  const char    *field,
                                                  const char    *field_label);
const char     *rs_photo_slot_get_details_mismatch (RsPhotoSlot *self);

/* List the findings behind a photo rejection first. */
void            rs_photo_slot_set_rejection_first (RsPhotoSlot  *self,
                                                  gboolean       rejection_first);

/* Warnings acknowledged ("use this photo anyway"). */
void            rs_photo_slot_set_acknowledged   (RsPhotoSlot   *self,
                                                  gboolean       acknowledged);
gboolean        rs_photo_slot_get_acknowledged   (RsPhotoSlot   *self);
/* Ids of the findings with status warn, NULL-terminated (free the array
 * only, with g_free). */
const char    **rs_photo_slot_get_warning_ids    (RsPhotoSlot   *self);

/* Shows the "Take Photo" button; stays hidden until a camera exists. */
void            rs_photo_slot_set_camera_available (RsPhotoSlot *self,
                                                  gboolean       available);

/* Filled, checked, no failure, not a duplicate, warnings acknowledged. */
gboolean        rs_photo_slot_get_ready          (RsPhotoSlot   *self);

/* For tests and the page. */
RsPhotoPreview *rs_photo_slot_get_preview        (RsPhotoSlot   *self);
/* Finding ids in display order (the list shown under the photo), including
 * "duplicate" when set.  Free with g_strfreev. */
char          **rs_photo_slot_dup_shown_finding_ids (RsPhotoSlot *self);
const char     *rs_photo_slot_get_guidance       (RsPhotoSlot   *self);
/* Moves focus to the slot's main button. */
gboolean        rs_photo_slot_focus              (RsPhotoSlot   *self);

G_END_DECLS
