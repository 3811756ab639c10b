/* rs-photo-check-private.h: internals shared by the checker's files and its
 * tests.  Not installed, not for other modules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-photo-check.h"

G_BEGIN_DECLS

/* Thresholds: from the profile, plus the checker's own measured limits
 * (docs/checker.md says why each has its value). */
typedef struct {
  char     **formats;          /* accepted formats (lower case) */
  gint64     max_bytes;
  int        min_short_side;
  int        max_long_side;
  gboolean   color_required;
  double     min_margin_percent;
  double     max_skew_degrees;
} RsCheckLimits;

void            rs_check_limits_init        (RsCheckLimits *limits,
                                             RsProfile     *profile);
void            rs_check_limits_clear       (RsCheckLimits *limits);

/* 8-bit view of an upright image being analysed. */
typedef struct {
  const guint8 *pixels;
  int           width;
  int           height;
  int           stride;
  int           channels; /* 1, 3 or 4 */
} RsImageView;

/* What the analysis needs besides the pixels. */
typedef struct {
  const char     *kind;        /* RS_SLOT_* */
  gboolean        live;        /* camera frame: cheaper subset */
  double          to_upright;  /* factor from view pixels to upright-image pixels */
  RsLocateResult  locate;      /* in view pixels; ignored for selfie */
} RsAnalyseInput;

/* Measurements, kept for the evaluation and tests. */
typedef struct {
  double sharpness;       /* higher is sharper */
  double sharp_spread;    /* widest / narrowest edge width over the directions (each over the print's own) */
  double sharp_width[4];  /* edge width (px) along 0°, 90°, 45°, 135° */
  double dark_level;      /* 90th percentile luminance of the document, 0..255 */
  double bright_clip;     /* fraction of document pixels clipped white */
  double bright_median;   /* median luminance of the document */
  double glare_fraction;  /* fraction of the document washed out by glare */
  double glare_largest;   /* the same for the spot washing out most */
  double chroma;          /* mean chroma of the document */
  double skew_rotation;   /* degrees from the nearest multiple of 90 */
  double skew_tilt;       /* degrees between opposite edges */
  double area_fraction;   /* document area / image area */
  double margin_percent;  /* smallest background band, % of the image side */
  double doc_short_side;  /* upright-image pixels */
} RsMeasures;

RsPhotoReport  *rs_photo_report_new         (const char        *kind,
                                             const char        *path,
                                             const RsImageInfo *info);
void            rs_photo_report_add_finding (RsPhotoReport     *self,
                                             const char        *id,
                                             RsCheckStatus      status,
                                             double             value,
                                             double             threshold,
                                             const char        *message);
void            rs_photo_report_set_document (RsPhotoReport    *self,
                                             gboolean           found,
                                             double             confidence,
                                             const RsQuad      *quad,
                                             guint              cut_corners);
void            rs_photo_report_add_glare_spot (RsPhotoReport  *self,
                                             const RsImageRect *rect);
/* Small normalised grey thumbnails used for the set-level duplicate check
 * (robust to re-encoding and scaling, unlike single hash bits on flat
 * documents). */
#define RS_THUMB_SIDE 16
#define RS_THUMB_SIZE (RS_THUMB_SIDE * RS_THUMB_SIDE)
void            rs_photo_report_set_thumbs  (RsPhotoReport     *self,
                                             const float       *image_thumb,
                                             const float       *doc_thumb);
/* Correlations of the two reports' thumbnails (whole image, document
 * region; -2 when a document thumbnail is missing).  For the evaluation. */
void            rs_photo_report_similarity  (RsPhotoReport     *a,
                                             RsPhotoReport     *b,
                                             double            *image_corr,
                                             double            *doc_corr);
/* @doc_hash: of the document region (0 and FALSE when none). */
void            rs_photo_report_set_hash    (RsPhotoReport     *self,
                                             guint64            image_hash,
                                             gboolean           has_doc_hash,
                                             guint64            doc_hash);
void            rs_photo_report_set_timings (RsPhotoReport     *self,
                                             double             decode_ms,
                                             double             analyse_ms);
void            rs_photo_report_set_measures (RsPhotoReport    *self,
                                             const RsMeasures  *measures);
const RsMeasures *rs_photo_report_get_measures (RsPhotoReport  *self);
/* Keep what was read (a ref) and add its document.readable finding.
 * @must_read: the document must carry machine-readable text and the reader
 * had a fair chance (a passport page found, the OCR-B face present), so
 * nothing read fails instead of giving no finding. */
void            rs_photo_report_set_read    (RsPhotoReport     *self,
                                             RsReadResult      *read,
                                             gboolean           must_read);
/* Keep the content report (a ref) and add its findings. */
void            rs_photo_report_set_content (RsPhotoReport     *self,
                                             RsContentReport   *content);
/* Recompute verdict and guidance from the findings. */
void            rs_photo_report_finish      (RsPhotoReport     *self);

/* Run every pixel check on @view given the located document in @input, and
 * add findings to @report (file checks excluded: see rs_photo_check_file_findings). */
void            rs_photo_analyse            (const RsImageView    *view,
                                             const RsAnalyseInput *input,
                                             const RsCheckLimits  *limits,
                                             RsPhotoReport        *report);
/* file.format, file.size, image.resolution (needs the document first for
 * the effective resolution). */
void            rs_photo_check_file_findings (const RsImageInfo   *info,
                                             const RsCheckLimits  *limits,
                                             RsPhotoReport        *report);

/* 64-bit dHash of a view (9×8 gray differences). */
guint64         rs_photo_dhash              (const RsImageView    *view);

/* Aspect (long/short) of the document expected for a kind; 0 for selfie. */
double          rs_photo_kind_aspect        (const char           *kind);

G_END_DECLS
