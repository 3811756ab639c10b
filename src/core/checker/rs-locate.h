/* rs-locate.h: find the outline of an identity document in a photo.
 *
 * Contract between the localiser (rs-locate.c) and the photo checker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x;
  double y;
} RsPoint;

/* Four corners in image pixels, clockwise, starting from the corner nearest
 * the image's top-left.  Corners may lie outside the image when the document
 * extends past the frame (extrapolated). */
typedef struct {
  RsPoint p[4];
} RsQuad;

typedef struct {
  gboolean found;
  double   confidence;     /* 0..1 */
  RsQuad   quad;           /* valid when found */
  gboolean cut_off;        /* some corner is outside the image */
  guint    cut_corners;    /* bit i set: quad.p[i] is outside the image */
} RsLocateResult;

/* Work size used when RsLocateOptions.work_size is 0. */
#define RS_LOCATE_DEFAULT_WORK_SIZE 384

typedef struct {
  /* Long side the localiser works at (it downsamples internally); 0 = default.
   * Live frames use a smaller size for speed. */
  int    work_size;
  /* Aspect ratio (long/short) hint of the expected document: 1.586 for ID-1
   * cards, 1.42 for a passport page (ID-3); 0 = any. */
  double aspect_hint;
} RsLocateOptions;

/* @pixels: 8-bit interleaved, @channels 1 (gray), 3 (RGB) or 4 (RGBA);
 * @stride in bytes.  @options may be NULL.  Never fails: result->found says
 * whether a document was found.  Thread-safe (no global state). */
void     rs_locate_document (const guint8          *pixels,
                             int                    width,
                             int                    height,
                             int                    stride,
                             int                    channels,
                             const RsLocateOptions *options,
                             RsLocateResult        *result);

/* How far (px) a corner of @quad may lie outside a @width × @height image
 * and the document still be whole (the error of measuring a corner on the
 * border).  The localiser and the checks use the same. */
double   rs_locate_cut_tolerance (const RsQuad *quad,
                                  double        width,
                                  double        height);

/* Geometry helpers shared with the checker and the evaluation. */
double   rs_quad_area       (const RsQuad *quad);
/* Intersection over union of two (convex) quadrilaterals, any corner order. */
double   rs_quad_iou        (const RsQuad *a,
                             const RsQuad *b);
/* Reorder to clockwise starting nearest the image's top-left. */
void     rs_quad_normalize  (RsQuad       *quad);
/* Projective map @h (row-major 3×3, h[8] = 1) taking @from[i] to @to[i].
 * Returns FALSE when the points are degenerate (three in a line). */
gboolean rs_quad_homography (const RsPoint from[4],
                             const RsPoint to[4],
                             double        h[9]);
/* Maps (@x, @y) through @h (a vanishing denominator is clamped). */
void     rs_homography_apply (const double h[9],
                              double       x,
                              double       y,
                              double      *out_x,
                              double      *out_y);

G_END_DECLS
