/* rs-content.h: what is in the photo, beyond its pixels' quality.
 *
 * Faces in a selfie, the portrait on a document, which side of the card it
 * is, whether it looks like the chosen document type, one document only,
 * nothing covering it, and the same document side in two slots.  Findings
 * have the photo checker's shape (rs-photo-check.h) so that they can join
 * its report; marks say what to draw on the preview.  docs/content.md has
 * the method, thresholds and measured rates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rs-photo-check.h"
#include "rs-profile.h"
#include "rs-locate.h"

G_BEGIN_DECLS

/* Stable finding ids (same namespace as RS_CHECK_* in rs-photo-check.h). */
#define RS_CHECK_FACE_COUNT        "face.count"        /* selfie: exactly one face */
#define RS_CHECK_FACE_SIZE         "face.size"         /* selfie: face height / picture height */
#define RS_CHECK_FACE_INSIDE       "face.inside"       /* selfie: the head wholly in the frame */
#define RS_CHECK_FACE_QUALITY      "face.quality"      /* selfie: not too dark or blurred on the face */
#define RS_CHECK_SELFIE_DOCUMENT   "selfie.document"   /* selfie with document: a readable document */
#define RS_CHECK_DOCUMENT_PORTRAIT "document.portrait" /* a portrait where the document has one */
#define RS_CHECK_DOCUMENT_SIDE     "document.side"     /* front or back of a two-sided card */
#define RS_CHECK_DOCUMENT_TYPE     "document.type"     /* looks like the chosen document type */
#define RS_CHECK_DOCUMENT_COUNT    "document.count"    /* one document in the photo */
#define RS_CHECK_DOCUMENT_OCCLUDED "document.occluded" /* nothing covering it */
#define RS_CHECK_DOCUMENT_SAME     "document.same"     /* set level: the same side in two slots */

/* What the content checks need from the platform profile.  Until the
 * profile parser reads them (docs/content.md names the JSON fields),
 * rs_content_limits_init() fills the defaults and what the profile already
 * has. */
typedef struct {
  double   min_face_share;       /* selfie: face box height / picture height; default 0.12 */
  gboolean selfie_with_document; /* the selfie must show the document too; default FALSE */
  double   min_selfie_document_side; /* that document's short side in upright pixels; default 250 */
} RsContentLimits;

#define RS_CONTENT_DEFAULT_MIN_FACE_SHARE          0.12
#define RS_CONTENT_DEFAULT_MIN_SELFIE_DOCUMENT_SIDE 250.0

/* @profile may be NULL (defaults). */
void        rs_content_limits_init      (RsContentLimits *limits,
                                         RsProfile       *profile);

/* The decoded upright image (or a scaled view of it): 8-bit interleaved,
 * @channels 1, 3 or 4.  @to_upright: factor from these pixels to the
 * upright full-size image's (marks and faces are given in the latter);
 * 0 means 1. */
typedef struct {
  const guint8 *pixels;
  int           width;
  int           height;
  int           stride;
  int           channels;
  double        to_upright;
} RsContentImage;

/* Evidence from reading the document's text, when the caller has it (the
 * MRZ reader); zero-filled means "not read". */
typedef struct {
  gboolean mrz_found;
  char     mrz_format;   /* '1' TD1 (cards, 3 lines), '3' TD3 (passports, 2 lines), 0 unknown */
  char     mrz_code[3];  /* the document code, e.g. "P", "ID", "I", "AC"; NUL-terminated */
} RsContentText;

typedef enum {
  RS_MARK_FACE,      /* a face found in a selfie */
  RS_MARK_PORTRAIT,  /* the portrait found on a document */
  RS_MARK_OCCLUSION, /* the part of the document covered (like a glare spot) */
  RS_MARK_DOCUMENT,  /* another document outline (document.count) */
} RsMarkKind;

typedef struct {
  RsMarkKind  kind;
  const char *finding; /* the RS_CHECK_* id the mark illustrates */
  RsQuad      outline; /* upright-image pixels, clockwise; a rectangle has 4 corners */
} RsContentMark;

typedef enum {
  RS_SIDE_GUESS_UNKNOWN,
  RS_SIDE_GUESS_FRONT,   /* a portrait: the portrait side */
  RS_SIDE_GUESS_BACK,    /* no portrait, document well seen */
} RsSideGuess;

#define RS_TYPE_CONTENT_REPORT (rs_content_report_get_type ())
G_DECLARE_FINAL_TYPE (RsContentReport, rs_content_report, RS, CONTENT_REPORT, GObject)

guint                 rs_content_report_get_n_findings (RsContentReport *self);
const RsPhotoFinding *rs_content_report_get_finding    (RsContentReport *self,
                                                        guint            index);
/* NULL when the check did not run for this kind of photo. */
const RsPhotoFinding *rs_content_report_find_finding   (RsContentReport *self,
                                                        const char      *id);
guint                 rs_content_report_get_n_marks    (RsContentReport *self);
const RsContentMark  *rs_content_report_get_mark       (RsContentReport *self,
                                                        guint            index);
/* Faces found (selfie: in the picture; document: the portrait), in
 * upright-image pixels as RsFace boxes, largest first. */
guint                 rs_content_report_get_n_faces    (RsContentReport *self);
void                  rs_content_report_get_face       (RsContentReport *self,
                                                        guint            index,
                                                        RsImageRect     *rect);
RsSideGuess           rs_content_report_get_side       (RsContentReport *self);
/* Whether the document's top is at the outline's second edge's far end,
 * i.e. the flattened document had to be turned 180° (known when a portrait
 * was found). */
gboolean              rs_content_report_get_upside_down (RsContentReport *self,
                                                         gboolean        *known);
/* Time spent, ms (wall), and of it in face detection. */
double                rs_content_report_get_ms         (RsContentReport *self);
double                rs_content_report_get_face_ms    (RsContentReport *self);
/* {"findings": [{id, status, value, threshold, message}...],
 *  "marks": [{kind, finding, outline: [[x, y] × 4]}...],
 *  "faces": [[x, y, w, h]...], "side": "front"|"back"|"unknown"}
 * for the CLI and tests (docs/content.md). */
JsonNode             *rs_content_report_to_json        (RsContentReport *self);

/* Everything for one photo.  @kind: RS_SLOT_*; @document_type: RS_DOC_*
 * (NULL: generic); @locate: the document outline in @image's pixels (the
 * localiser's result; ignored for a selfie, where the document is looked
 * for here when @limits asks for one); @text may be NULL.  Never fails: a
 * face detector that cannot load gives no face findings and a warning in
 * the log.  Thread-safe; call it on a worker thread (it costs tens of ms). */
RsContentReport      *rs_content_analyse               (const RsContentImage  *image,
                                                        const char            *kind,
                                                        const char            *document_type,
                                                        const RsLocateResult  *locate,
                                                        const RsContentLimits *limits,
                                                        const RsContentText   *text);
/* The same, with the text asked for only when it is needed, near the end
 * (the document.type evidence): @get_text (@data) may block until the text
 * is read, so the reading can run beside everything before it; it is not
 * called for a selfie or a document that was not found.  It may return
 * NULL. */
typedef const RsContentText *(*RsContentTextFunc) (gpointer data);
RsContentReport      *rs_content_analyse_text_later    (const RsContentImage  *image,
                                                        const char            *kind,
                                                        const char            *document_type,
                                                        const RsLocateResult  *locate,
                                                        const RsContentLimits *limits,
                                                        RsContentTextFunc      get_text,
                                                        gpointer               data);

/* The cheap subset for a live camera frame: a face present and large
 * enough in a selfie (face.count, face.size), one document in a document
 * frame (document.count).  @locate as above (frame pixels). */
RsContentReport      *rs_content_analyse_frame         (const RsContentImage  *image,
                                                        const char            *kind,
                                                        const RsLocateResult  *locate,
                                                        const RsContentLimits *limits);

/* Set level: whether two photos show the same side of a document even when
 * they are different shots (correlation of their flattened documents,
 * turned upright when known).  @score (may be NULL): the correlation,
 * -1 when either has no document. */
#define RS_CONTENT_SAME_DOCUMENT_MIN 0.50 /* the correlation it needs (docs/content.md) */
gboolean              rs_content_same_document         (RsContentReport *a,
                                                        RsContentReport *b,
                                                        double          *score);

/* Set level for a two-sided card: TRUE when the photo in the front slot
 * looks like a back and the one in the back slot like a front, so that
 * swapping them fixes both. */
gboolean              rs_content_should_swap           (RsContentReport *front,
                                                        RsContentReport *back);

/* Adds a failing RS_CHECK_DOCUMENT_SAME finding to both reports when they
 * show the same document side (rs_content_same_document()); returns
 * whether it did.  @slot_a/@slot_b name the slots in the messages. */
gboolean              rs_content_check_pair            (RsContentReport *a,
                                                        const char      *slot_a,
                                                        RsContentReport *b,
                                                        const char      *slot_b);

G_END_DECLS
