/* rs-face.h: frontal face detection behind a small C interface.
 *
 * OpenCV's objdetect module with the LBP cascade
 * lbpcascade_frontalface_improved.xml from opencv-data, compiled into the
 * program as a resource (docs/content.md says why this detector).  The
 * caller says where to look and at what sizes; the image is shrunk so that
 * the smallest face asked for just fits the cascade's window, which is what
 * keeps the detection cheap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RS_FACE_ERROR (rs_face_error_quark ())

typedef enum {
  RS_FACE_ERROR_MODEL, /* the detector's model could not be loaded */
} RsFaceError;

GQuark rs_face_error_quark (void);

/* One face: the detector's box (roughly eyebrows to mouth, cheek to cheek)
 * in the input image's pixels. */
typedef struct {
  double x;
  double y;
  double width;
  double height;
  int    neighbours; /* overlapping raw detections merged into it: higher is surer */
} RsFace;

typedef struct {
  /* Smallest and largest face side to look for, in input pixels; 0: the
   * cascade's window (24 px) and the region's short side. */
  double min_size;
  double max_size;
  /* Where to look, in input pixels; width or height 0: the whole image. */
  int    region_x;
  int    region_y;
  int    region_width;
  int    region_height;
  /* Raw detections that must overlap to count as a face; 0: 3. */
  int    min_neighbours;
  /* Size ratio between the scales searched; 0: 1.1.  Larger is faster and
   * may miss a face between two scales. */
  double scale_step;
  /* Shrink by whole n × n blocks only (the shrink rounded up to 1/n), with
   * no resampling after: faster, and the smallest face seen is the window
   * × n, up to a block larger than min_size.  For live frames. */
  gboolean whole_blocks;
} RsFaceOptions;

/* Find upright frontal faces in an 8-bit image: @channels 1 (grey), 3 (RGB)
 * or 4 (RGBA), @stride in bytes.  @options may be NULL.  Returns an array of
 * RsFace, largest first (empty when there is none), or NULL with @error set
 * when the model cannot be loaded.  Thread-safe: detectors are kept in a
 * pool, one per concurrent call. */
GArray  *rs_face_detect       (const guint8         *pixels,
                               int                   width,
                               int                   height,
                               int                   stride,
                               int                   channels,
                               const RsFaceOptions  *options,
                               GError              **error);

/* The cascade's window side in pixels (the smallest face it can see at
 * scale 1), or 0 when the model cannot be loaded. */
int      rs_face_window_size  (void);

G_END_DECLS
