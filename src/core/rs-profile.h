/* rs-profile.h: what a verification platform accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Document type ids used everywhere (profiles, session, CLI, manifest). */
#define RS_DOC_CN_RIC          "cn-ric"          /* mainland resident ID card */
#define RS_DOC_PASSPORT        "passport"
#define RS_DOC_HK_HKID         "hk-hkid"         /* Hong Kong identity card */
#define RS_DOC_MO_BIR          "mo-bir"          /* Macau resident identity card */
#define RS_DOC_TW_ID           "tw-id"           /* Taiwan national ID card */
#define RS_DOC_HK_MO_PERMIT    "hk-mo-permit"    /* 港澳居民来往内地通行证 */
#define RS_DOC_TW_PERMIT       "tw-permit"       /* 台湾居民来往大陆通行证 */
#define RS_DOC_DRIVING_LICENCE "driving-licence" /* mainland driving licence */

/* Sides a document type may require. */
#define RS_SIDE_FRONT      "front"
#define RS_SIDE_BACK       "back"
#define RS_SIDE_PHOTO_PAGE "photo-page"

/* Photo slot ids (also the checker's --kind values). */
#define RS_SLOT_ID_FRONT "id-front"
#define RS_SLOT_ID_BACK  "id-back"
#define RS_SLOT_PASSPORT "passport"
#define RS_SLOT_SELFIE   "selfie"

#define RS_PROFILE_ERROR (rs_profile_error_quark ())

typedef enum {
  RS_PROFILE_ERROR_PARSE,         /* not JSON at all */
  RS_PROFILE_ERROR_INVALID_FIELD, /* JSON, but a field is missing, wrongly typed or out of range */
  RS_PROFILE_ERROR_UNKNOWN_DOCUMENT,
  RS_PROFILE_ERROR_NOT_FOUND,
} RsProfileError;

GQuark rs_profile_error_quark (void);

typedef struct {
  char  *type;   /* an RS_DOC_* id */
  char **sides;  /* NULL-terminated RS_SIDE_* ids, in upload order */
} RsProfileDocument;

#define RS_TYPE_PROFILE (rs_profile_get_type ())
G_DECLARE_FINAL_TYPE (RsProfile, rs_profile, RS, PROFILE, GObject)

/* Parse one profile. @source names the file (or resource) in error messages. */
RsProfile          *rs_profile_new_from_data        (const char   *data,
                                                     gssize        length,
                                                     const char   *source,
                                                     GError      **error);
RsProfile          *rs_profile_new_from_file        (GFile        *file,
                                                     GError      **error);

const char         *rs_profile_get_id               (RsProfile    *self);
int                 rs_profile_get_version          (RsProfile    *self);
const char         *rs_profile_get_source           (RsProfile    *self);
/* Name in the current UI language (zh_CN when the locale asks for it). */
const char         *rs_profile_get_name             (RsProfile    *self);
const char         *rs_profile_get_name_for_lang    (RsProfile    *self,
                                                     const char   *lang);

/* Accepted documents, in the profile's order. */
guint               rs_profile_get_n_documents      (RsProfile    *self);
const RsProfileDocument *rs_profile_get_document    (RsProfile    *self,
                                                     guint         index);
const RsProfileDocument *rs_profile_find_document   (RsProfile    *self,
                                                     const char   *type);

gboolean            rs_profile_get_selfie_required  (RsProfile    *self);
gboolean            rs_profile_get_selfie_with_document (RsProfile *self);
/* selfie.min_face_percent: the face's height at least this % of the
 * selfie's (face.size); 12 when the profile does not say. */
double              rs_profile_get_selfie_min_face_percent (RsProfile *self);
/* Lower-case format names: "jpeg", "png", "webp", "heic", "pdf". */
const char * const *rs_profile_get_formats          (RsProfile    *self);
gboolean            rs_profile_accepts_format       (RsProfile    *self,
                                                     const char   *format);
gint64              rs_profile_get_max_bytes        (RsProfile    *self);
int                 rs_profile_get_min_short_side   (RsProfile    *self);
int                 rs_profile_get_max_long_side    (RsProfile    *self);
gboolean            rs_profile_get_color_required   (RsProfile    *self);
double              rs_profile_get_min_margin_percent (RsProfile  *self);
double              rs_profile_get_max_skew_degrees (RsProfile    *self);
int                 rs_profile_get_min_age          (RsProfile    *self);
int                 rs_profile_get_min_days_valid   (RsProfile    *self);

/* The photo slots (RS_SLOT_* ids, upload order) for a document type:
 * the document's sides, then the selfie when required.  Free with g_strfreev. */
char              **rs_profile_get_slots            (RsProfile    *self,
                                                     const char   *document_type);

/* Human names for ids, translated.  An unknown id is returned unchanged.
 * rs_slot_get_name() names the mainland ID card's sides ("ID card — portrait
 * side"); use rs_slot_get_name_for_document() when the document is known, so
 * that other documents get "Document front" etc. (slot ids do not change). */
const char         *rs_document_type_get_name       (const char   *type);
const char         *rs_slot_get_name                (const char   *slot);
const char         *rs_slot_get_name_for_document   (const char   *slot,
                                                     const char   *document_type);
gboolean            rs_document_type_is_known       (const char   *type);
/* Every RS_DOC_* id, NULL-terminated, in display order. */
const char * const *rs_document_type_get_all        (void);
/* RS_SIDE_* → RS_SLOT_* (front → id-front, back → id-back,
 * photo-page → passport); NULL for an unknown side. */
const char         *rs_side_to_slot                 (const char   *side);

/* Load the built-in profiles (GResource) and then every *.json in @user_dir
 * (NULL: $XDG_CONFIG_HOME/resubmit/profiles).  A bad file is skipped and its
 * GError (message naming the file, line:column and field) is appended to
 * @errors when non-NULL.  A user profile with a built-in id replaces it.
 * Returns a GPtrArray of RsProfile, built-ins first. */
/* The profile with @id in @profiles (from rs_profile_load_all(); may be
 * NULL), or NULL.  No reference is added. */
RsProfile          *rs_profile_find                 (GPtrArray    *profiles,
                                                     const char   *id);
GPtrArray          *rs_profile_load_all             (const char   *user_dir,
                                                     GPtrArray   **errors);
RsProfile          *rs_profile_load_builtin         (const char   *id,
                                                     GError      **error);

G_END_DECLS
