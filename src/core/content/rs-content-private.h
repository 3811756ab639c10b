/* rs-content-private.h: internals shared by the content checks' files and
 * their tests.  Not for other modules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-content.h"
#include "rs-face.h"

G_BEGIN_DECLS

/* A candidate for a second document (rs_locate_another()). */
typedef struct {
  gboolean found;       /* some candidate apart from the first */
  gboolean is_document; /* it passes as a second document */
  RsQuad   quad;        /* image pixels */
  double   confidence;  /* the localiser's */
  double   area_ratio;  /* its area / the first's */
  double   aspect;      /* estimated true aspect */
  double   support;     /* share of its weakest side that shows an edge */
} RsOtherDocument;

/* The measures behind the findings, for the evaluation. */
typedef struct {
  double portrait_height;  /* portrait box / document height, 0 when none */
  double portrait_x;       /* portrait centre / document width, upright */
  double aspect;           /* estimated true aspect of the outline */
  double occluded;         /* fraction of the document covered */
  RsOtherDocument other;  /* the best other candidate (document.count) */
  double face_share;       /* selfie: largest face box height / picture height */
  double face_luma;        /* selfie: median luminance on the face */
  double face_sharpness;   /* selfie: gradient bandwidth on the face */
  int    n_faces;
} RsContentMeasures;

/* A flattened document (or a reduced whole picture): RGB and luminance,
 * W × H, and the map from its pixels to the image's. */
typedef struct {
  int     W, H;
  guint8 *rgb;
  float  *lum;
  double  h[9]; /* canonical (x, y) → image pixels */
} RsFlat;

void      rs_flat_clear         (RsFlat *f);
/* Warp @quad of @image to W × round(W / aspect), the quad's first edge
 * made the long (top) side; @ss² bilinear samples per pixel.  FALSE when the
 * quad is degenerate. */
gboolean  rs_flat_document      (const RsContentImage *image,
                                 const RsQuad         *quad,
                                 double                aspect,
                                 int                   W,
                                 int                   ss,
                                 RsFlat               *out);
/* The whole image reduced to long side ≤ @max_long. */
void      rs_flat_whole         (const RsContentImage *image,
                                 int                   max_long,
                                 RsFlat               *out);
/* Turn @f by 180° in place (its map follows). */
void      rs_flat_rotate_180    (RsFlat *f);
/* Map a flat-pixel rectangle to an image quad (through f->h, times @scale). */
void      rs_flat_rect_to_quad  (const RsFlat *f,
                                 double        x,
                                 double        y,
                                 double        w,
                                 double        h,
                                 double        scale,
                                 RsQuad       *out);

/* Whether (@x, @y) lies inside the convex quad @q. */
gboolean  rs_quad_contains      (const RsQuad *q,
                                 double        x,
                                 double        y);

/* True aspect (long/short) of the rectangle seen as @quad in an image of
 * @width × @height, undoing perspective (Zhang & He's whiteboard method)
 * when the focal length can be recovered, else the ratio of mean side
 * lengths. */
double    rs_quad_true_aspect   (const RsQuad *quad,
                                 int           width,
                                 int           height);

/* A portrait on an ID-1 card or a passport page: the detector's box as a
 * share of the document's height (docs/content.md gives the sizes
 * measured); ghost portraits (small security copies) are smaller. */
#define RS_PORTRAIT_MIN_SHARE 0.12
#define RS_PORTRAIT_MAX_SHARE 0.70

/* Faces on a flattened document: look for a portrait between @min_share
 * and @max_share of the document's height, upright or turned 180°.
 * Returns the faces (flat pixels of @f as it is on return: @f is turned
 * when the portrait was only found upside down, and *@turned says so). */
GArray   *rs_content_find_portrait (RsFlat   *f,
                                    gboolean *turned,
                                    double   *ms);

/* Selfie findings (face.*, selfie.document) into @report; @face_ms grows
 * by the time spent detecting. */
void      rs_content_selfie     (const RsContentImage  *image,
                                 const RsContentLimits *limits,
                                 gboolean               live,
                                 RsContentReport       *report,
                                 RsContentMeasures     *m,
                                 double                *face_ms);

/* Paint the convex @quad out of an 8-bit image (@channels ≥ 3 or 1), each
 * row blended from its left to its right neighbour outside the quad. */
void      rs_content_paint_out  (guint8       *pixels,
                                 int           width,
                                 int           height,
                                 int           stride,
                                 int           channels,
                                 const RsQuad *quad);

/* Another document in the photo besides @first (image pixels): the first
 * is painted out with the background around it and the localiser run
 * again (and again, up to three times, past candidates that are not a
 * document).  @work_size as in RsLocateOptions. */

gboolean  rs_locate_another     (const RsContentImage *image,
                                 const RsQuad         *first,
                                 double                aspect_hint,
                                 int                   work_size,
                                 RsOtherDocument      *out);

/* Occlusion of the flattened document @f (as flattened from @image):
 * fraction of the document covered by skin-toned regions that
 * enter across its outline, and the covered region's bounding box in flat
 * pixels (x, y, w, h; all 0 when nothing is covered). */
double    rs_content_occlusion  (const RsContentImage *image,
                                 const RsFlat         *f,
                                 double                box[4]);

/* Skin tone test on 8-bit RGB (a wide YCbCr box; see docs/content.md). */
gboolean  rs_content_is_skin    (int r,
                                 int g,
                                 int b);

/* Report building. */
RsContentReport *rs_content_report_new          (void);
void             rs_content_report_add_finding  (RsContentReport *self,
                                                 const char      *id,
                                                 RsCheckStatus    status,
                                                 double           value,
                                                 double           threshold,
                                                 const char      *message);
void             rs_content_report_add_mark     (RsContentReport *self,
                                                 RsMarkKind       kind,
                                                 const char      *finding,
                                                 const RsQuad    *outline);
void             rs_content_report_add_face     (RsContentReport *self,
                                                 const RsImageRect *rect);
void             rs_content_report_set_side     (RsContentReport *self,
                                                 RsSideGuess      side);
void             rs_content_report_set_upside_down (RsContentReport *self,
                                                    gboolean         known,
                                                    gboolean         upside_down);
/* The signature used by rs_content_same_document(): RS_SIG_W × RS_SIG_H
 * normalised luminance of the flattened document (upright when
 * @upright_known). */
#define RS_SIG_W 40
#define RS_SIG_H 25
void             rs_content_report_set_signature (RsContentReport *self,
                                                  const float     *sig,
                                                  gboolean         upright_known);
void             rs_content_report_set_timings  (RsContentReport *self,
                                                 double           ms,
                                                 double           face_ms);
void             rs_content_report_set_measures (RsContentReport *self,
                                                 const RsContentMeasures *m);
const RsContentMeasures *rs_content_report_get_measures (RsContentReport *self);

G_END_DECLS
