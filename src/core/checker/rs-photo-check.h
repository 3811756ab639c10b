/* rs-photo-check.h: quality checks of a photo of an identity document.
 *
 * One report per photo (file or live camera frame): a verdict, the located
 * document, a list of findings with stable ids and one headline guidance
 * message.  Thresholds come from the platform profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rs-profile.h"
#include "rs-locate.h"
#include "rs-image.h"

G_BEGIN_DECLS

/* Stable finding ids (CLI JSON, export manifest, session acknowledgements). */
#define RS_CHECK_FILE_FORMAT       "file.format"
#define RS_CHECK_FILE_SIZE         "file.size"
#define RS_CHECK_IMAGE_RESOLUTION  "image.resolution"
#define RS_CHECK_DOCUMENT_FOUND    "document.found"
#define RS_CHECK_DOCUMENT_CUTOFF   "document.cutoff"
#define RS_CHECK_DOCUMENT_MARGIN   "document.margin"
#define RS_CHECK_DOCUMENT_SIZE     "document.size"
#define RS_CHECK_DOCUMENT_SKEW     "document.skew"
#define RS_CHECK_SHARPNESS         "sharpness"
#define RS_CHECK_EXPOSURE_DARK     "exposure.dark"
#define RS_CHECK_EXPOSURE_BRIGHT   "exposure.bright"
#define RS_CHECK_GLARE             "glare"
#define RS_CHECK_COLOR_GRAYSCALE   "color.grayscale"
#define RS_CHECK_DOCUMENT_RECAPTURE "document.recapture" /* a photo of a screen */
#define RS_CHECK_DUPLICATE         "duplicate"   /* set level, see rs_photo_set_check() */

typedef enum {
  RS_CHECK_PASS,
  RS_CHECK_WARN,
  RS_CHECK_FAIL,
} RsCheckStatus;

/* "pass", "warn", "fail". */
const char *rs_check_status_to_string (RsCheckStatus status);

typedef struct {
  const char    *id;        /* an RS_CHECK_* id */
  RsCheckStatus  status;
  double         value;     /* measured; unit depends on the check (see docs/checker.md) */
  double         threshold; /* the limit the value was compared with */
  const char    *message;   /* translated, actionable; never NULL */
} RsPhotoFinding;

/* A rectangle in upright-image pixels (glare spots). */
typedef struct {
  int x;
  int y;
  int width;
  int height;
} RsImageRect;

#define RS_TYPE_PHOTO_REPORT (rs_photo_report_get_type ())
G_DECLARE_FINAL_TYPE (RsPhotoReport, rs_photo_report, RS, PHOTO_REPORT, GObject)

/* What was checked: an RS_SLOT_* id ("id-front", "id-back", "passport",
 * "selfie"). */
const char           *rs_photo_report_get_kind            (RsPhotoReport *self);
/* File path (filename encoding) or NULL for a live frame. */
const char           *rs_photo_report_get_path            (RsPhotoReport *self);
RsCheckStatus         rs_photo_report_get_verdict         (RsPhotoReport *self);

/* The image as stored (format, bytes) and upright (width, height). For a live
 * frame: format "raw", bytes 0, orientation 1. */
const RsImageInfo    *rs_photo_report_get_image_info      (RsPhotoReport *self);

/* The document outline in upright-image pixels (corners may lie outside the
 * image when it is cut off).  Returns FALSE (and leaves @quad alone) when no
 * document was found or the kind has none (selfie). */
gboolean              rs_photo_report_get_document_found  (RsPhotoReport *self);
double                rs_photo_report_get_document_confidence (RsPhotoReport *self);
gboolean              rs_photo_report_get_document_quad   (RsPhotoReport *self,
                                                           RsQuad        *quad);
/* Bit i set: corner i of the quad is outside the image. */
guint                 rs_photo_report_get_cut_corners     (RsPhotoReport *self);

guint                 rs_photo_report_get_n_findings      (RsPhotoReport *self);
const RsPhotoFinding *rs_photo_report_get_finding         (RsPhotoReport *self,
                                                           guint          index);
/* NULL when the check did not run (e.g. no document found, or selfie). */
const RsPhotoFinding *rs_photo_report_find_finding        (RsPhotoReport *self,
                                                           const char    *id);
/* One headline message: framing first, then lighting, glare, blur. */
const char           *rs_photo_report_get_guidance        (RsPhotoReport *self);
/* Id of the finding the guidance comes from, or NULL when all passed. */
const char           *rs_photo_report_get_guidance_id     (RsPhotoReport *self);

/* Glare spots inside the document, upright-image pixels, the one washing
 * out most of the document first. */
const RsImageRect    *rs_photo_report_get_glare_spots     (RsPhotoReport *self,
                                                           guint         *n_spots);

/* Perceptual hash (64-bit dHash) of the upright image, for callers that want
 * a compact key; rs_photo_set_check() uses a finer signature. */
guint64               rs_photo_report_get_hash            (RsPhotoReport *self);

/* What was read on the document (rs-read.h), read once when the photo was
 * checked; NULL for a live frame or a selfie. */
typedef struct _RsReadResult RsReadResult;
RsReadResult         *rs_photo_report_get_read            (RsPhotoReport *self);

/* The content checks' report (rs-content.h: faces, the document's
 * portrait, side, marks to draw), made once when the photo was checked; its
 * findings are also among this report's.  NULL when they did not run (no
 * document found, or a live frame of a document without a second
 * outline). */
typedef struct _RsContentReport RsContentReport;
RsContentReport      *rs_photo_report_get_content         (RsPhotoReport *self);

double                rs_photo_report_get_decode_ms       (RsPhotoReport *self);
double                rs_photo_report_get_analyse_ms      (RsPhotoReport *self);

/* The CLI / manifest object (see docs/cli.md).  @display_name: the
 * "file" member, NULL for g_filename_display_name() of the path. */
JsonNode             *rs_photo_report_to_json             (RsPhotoReport *self,
                                                           const char    *display_name);

/* Check a file.  @profile NULL: built-in defaults equal to the generic
 * profile's.  @kind: an RS_SLOT_* id.  Errors: RS_IMAGE_ERROR (unreadable,
 * unsupported…) or G_IO_ERROR_CANCELLED.  A photo with problems is not an
 * error: it gives a report whose verdict is fail. */
RsPhotoReport        *rs_photo_check_file                 (const char    *path,
                                                           RsProfile     *profile,
                                                           const char    *kind,
                                                           GCancellable  *cancellable,
                                                           GError       **error);

/* The same when the chosen document type is known (an RS_DOC_* id; NULL:
 * the one the profile has for @kind's side, when it has only one): the
 * content checks judge the side, portrait and type against it. */
RsPhotoReport        *rs_photo_check_file_for_document    (const char    *path,
                                                           RsProfile     *profile,
                                                           const char    *kind,
                                                           const char    *document_type,
                                                           GCancellable  *cancellable,
                                                           GError       **error);

/* The same on a worker thread (GTask); @callback runs in the caller's main
 * context. */
void                  rs_photo_check_file_async           (const char          *path,
                                                           RsProfile           *profile,
                                                           const char          *kind,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
RsPhotoReport        *rs_photo_check_file_finish          (GAsyncResult        *result,
                                                           GError             **error);

/* Check an already decoded, upright image (e.g. the photo-fix module's output).
 * @info may be NULL (then format "raw", bytes 0). */
RsPhotoReport        *rs_photo_check_pixbuf               (GdkPixbuf           *pixbuf,
                                                           const RsImageInfo   *info,
                                                           RsProfile           *profile,
                                                           const char          *kind);
RsPhotoReport        *rs_photo_check_pixbuf_for_document  (GdkPixbuf           *pixbuf,
                                                           const RsImageInfo   *info,
                                                           RsProfile           *profile,
                                                           const char          *kind,
                                                           const char          *document_type);

/* Light check of one live camera frame: 8-bit interleaved @pixels with
 * @channels 1 (gray), 3 (RGB) or 4 (RGBA).  Runs the localiser at a small
 * working size and the cheap checks (framing, skew, sharpness, exposure,
 * glare) and the content checks' cheap subset (rs_content_analyse_frame():
 * one document; a face present in a selfie); no file checks.  @previous_quad (frame pixels, may be NULL): the
 * outline found in the previous frame, used to steady the outline.  Never
 * fails.  Thread-safe. */
RsPhotoReport        *rs_photo_check_frame                (const guint8        *pixels,
                                                           int                  width,
                                                           int                  height,
                                                           int                  stride,
                                                           int                  channels,
                                                           RsProfile           *profile,
                                                           const char          *kind,
                                                           const RsQuad        *previous_quad);

/* Set level: two slots holding the same photo (correlation of normalised
 * 16 × 16 grey thumbnails of the whole image, robust to re-encoding,
 * scaling and exposure changes).  Adds a failing "duplicate" finding to each
 * report involved (and updates its verdict and guidance); two different
 * shots of the same document side (rs_content_same_document()) get a
 * failing "document.same" finding each.  Returns the number of duplicate
 * pairs found. */
guint                 rs_photo_set_check                  (RsPhotoReport     **reports,
                                                           guint               n_reports);

/* The message of the set-level document.same finding (rs_photo_set_check()
 * adds it to both reports when two slots show the same side of the
 * document in different shots): names @other_slot.  Newly allocated. */
char                 *rs_photo_same_document_message      (const char         *other_slot);

/* Whether @a and @b show the same photo — the test rs_photo_set_check()
 * applies — without changing either report. */
gboolean              rs_photo_report_same_photo          (RsPhotoReport      *a,
                                                           RsPhotoReport      *b);

/* Hamming distance between two hashes (0..64). */
guint                 rs_photo_hash_distance              (guint64             a,
                                                           guint64             b);

G_END_DECLS
