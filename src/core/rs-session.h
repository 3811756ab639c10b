/* rs-session.h: everything the user has chosen and typed, in one typed object.
 *
 * Pages read and write it; the draft module saves and restores it.  Each
 * part tells its observers when it changes, so that pages update in place
 * after a resume or a reset: the properties "profile", "profile-id",
 * "document-type", "reasons" and "step" (notify::), the detailed signals
 * "field-changed::<field>" and "photo-changed::<slot>", and
 * "acknowledged-changed"; rs_session_reset() then emits "reset".  After any
 * of them it emits "changed", so that autosave can follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-profile.h"

G_BEGIN_DECLS

/* Why the last attempt was rejected; several may be set. */
typedef enum {
  RS_REASON_NONE    = 0,
  RS_REASON_DETAILS = 1 << 0, /* details did not match the document */
  RS_REASON_PHOTO   = 1 << 1, /* a photo was rejected */
  RS_REASON_FILES   = 1 << 2, /* files missing, wrong format or size */
  RS_REASON_UPLOAD  = 1 << 3, /* upload failed: network or system problem */
  RS_REASON_UNSURE  = 1 << 4, /* not sure */
} RsReason;

#define RS_REASON_ALL (RS_REASON_DETAILS | RS_REASON_PHOTO | RS_REASON_FILES | \
                       RS_REASON_UPLOAD | RS_REASON_UNSURE)

/* Stable string ids for reasons (draft, manifest): "details", "photo",
 * "files", "upload", "unsure". */
const char *rs_reason_to_string   (RsReason    reason);
RsReason    rs_reason_from_string (const char *id);

#define RS_TYPE_SESSION (rs_session_get_type ())
G_DECLARE_FINAL_TYPE (RsSession, rs_session, RS, SESSION, GObject)

RsSession  *rs_session_new                 (void);

/* Profile: the id is what is stored; the object is a convenience. */
const char *rs_session_get_profile_id      (RsSession  *self);
RsProfile  *rs_session_get_profile         (RsSession  *self);
void        rs_session_set_profile         (RsSession  *self,
                                            RsProfile  *profile);

/* Keeps a profile id whose profile is not installed (a draft made with a
 * profile that was since removed), so that saving does not lose it.
 * Clears the profile object when it has another id. */
void        rs_session_set_profile_id      (RsSession  *self,
                                            const char *profile_id);

const char *rs_session_get_document_type   (RsSession  *self);
void        rs_session_set_document_type   (RsSession  *self,
                                            const char *type);

RsReason    rs_session_get_reasons         (RsSession  *self);
void        rs_session_set_reasons         (RsSession  *self,
                                            RsReason    reasons);
gboolean    rs_session_has_reason          (RsSession  *self,
                                            RsReason    reason);

/* Details, as normalised strings keyed by field id ("name", "id_number",
 * "id_number_confirm", "birth_date" (YYYY-MM-DD), "sex" (male/female),
 * "valid_from", "valid_until" (YYYY-MM-DD or "long-term"), "surname",
 * "given_names", "nationality", "mrz", "phone", "email"…).  Setting NULL or
 * "" removes the field. */
const char *rs_session_get_field           (RsSession  *self,
                                            const char *field);
void        rs_session_set_field           (RsSession  *self,
                                            const char *field,
                                            const char *value);
/* Sorted field ids that have a value; free with g_strfreev. */
char      **rs_session_list_fields         (RsSession  *self);
void        rs_session_clear_fields        (RsSession  *self);

/* Photos: slot id (RS_SLOT_*) → path of the file the user chose (the
 * original, never modified) or of the app's fixed copy. */
const char *rs_session_get_photo           (RsSession  *self,
                                            const char *slot);
void        rs_session_set_photo           (RsSession  *self,
                                            const char *slot,
                                            const char *path);
char      **rs_session_list_photo_slots    (RsSession  *self);

/* Acknowledged warnings, as opaque keys such as "details:region" or
 * "photo:id-front:glare" or "confirm:compared-details". */
gboolean    rs_session_is_acknowledged     (RsSession  *self,
                                            const char *key);
void        rs_session_set_acknowledged    (RsSession  *self,
                                            const char *key,
                                            gboolean    acknowledged);
char      **rs_session_list_acknowledged   (RsSession  *self);

/* Which wizard step the user was on (for resuming a draft). */
int         rs_session_get_step            (RsSession  *self);
void        rs_session_set_step            (RsSession  *self,
                                            int         step);

/* The photo model (rs-photo-set.h) lives in a library above this one: the
 * session only owns it.  See rs_photo_set_for_session(). */
typedef struct _RsPhotoSet RsPhotoSet;
RsPhotoSet *rs_session_get_photo_set       (RsSession  *self);
void        rs_session_set_photo_set       (RsSession  *self,
                                            RsPhotoSet *photo_set);

/* Forget everything (after "Delete all my data" or "Start over"), the
 * photo model with its reports included. */
void        rs_session_reset               (RsSession  *self);

/* Replace @self's work with @from's: profile, document type, fields,
 * photos and acknowledgements.  The reasons are kept — an opened bundle
 * does not say why the last attempt was rejected. */
void        rs_session_take_work           (RsSession  *self,
                                            RsSession  *from);

G_END_DECLS
