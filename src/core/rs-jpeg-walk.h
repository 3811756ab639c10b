/* rs-jpeg-walk.h: one walk over the marker segments of a JPEG, for every
 * place that reads its headers (size, EXIF orientation, metadata, where the
 * scan starts) without decoding it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RS_JPEG_WALK_OK,        /* still walking */
  RS_JPEG_WALK_TRUNCATED, /* the data ended inside a marker or segment */
  RS_JPEG_WALK_BROKEN,    /* no marker where one must be, or a bad length */
} RsJpegWalkStatus;

typedef struct {
  const guint8     *data;
  gsize             length;
  gsize             pos;         /* where the next marker is looked for */
  gsize             marker_pos;  /* offset of the last marker's first 0xFF */
  RsJpegWalkStatus  status;
} RsJpegWalk;

/* Starts a walk over @data (@length bytes, possibly only the head of a file).
 * FALSE when it does not start with the SOI marker. */
gboolean rs_jpeg_walk_init (RsJpegWalk   *walk,
                            const guint8 *data,
                            gsize         length);

/* The next marker: TRUE with *@marker, and *@payload / *@payload_len the
 * segment's bytes after its length field (NULL / 0 for the markers that have
 * no segment: TEM, RSTn, SOI, EOI).  A segment is returned only when it lies
 * wholly in the data.  After SOS (0xDA) the caller either stops or moves
 * @walk->pos past the entropy-coded data (rs_jpeg_walk_skip_scan()).
 * FALSE when the data ends or is malformed: @walk->status says which. */
gboolean rs_jpeg_walk_next (RsJpegWalk    *walk,
                            guint8        *marker,
                            const guint8 **payload,
                            gsize         *payload_len);

/* After SOS: moves past the entropy-coded data (stuffed 0xFF00 and restart
 * markers) to the next marker. */
void     rs_jpeg_walk_skip_scan (RsJpegWalk *walk);

/* Whether @marker is a start of frame (SOF0..SOF15 but DHT, JPG and DAC),
 * whose payload holds precision, height and width. */
gboolean rs_jpeg_marker_is_sof (guint8 marker);

G_END_DECLS
