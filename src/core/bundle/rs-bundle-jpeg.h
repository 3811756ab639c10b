/* rs-bundle-jpeg.h: JPEG re-encoding within limits and metadata scanning
 * (private to the bundle module and its tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* Walk the JPEG segment structure of @data and list the metadata it carries
 * as short ids: "exif" (APP1 Exif), "xmp" (APP1 XMP), "app1" (other APP1),
 * "app13" (Photoshop/IPTC), "comment" (COM), "appN" (other application
 * segments except APP0 JFIF, APP2 ICC and APP14 Adobe), "trailing" (data
 * after the end-of-image marker).  Returns FALSE when @data is not a
 * well-formed JPEG (@found then also holds "structure"). */
gboolean   rs_jpeg_scan_metadata   (const guint8 *data,
                                    gsize         length,
                                    GPtrArray    *found);

/* Dimensions from the SOFn segment; FALSE when not found. */
gboolean   rs_jpeg_get_size        (const guint8 *data,
                                    gsize         length,
                                    int          *width,
                                    int          *height);

typedef struct {
  int    quality;
  int    width;
  int    height;
  double scale;  /* 1.0 when not downscaled */
} RsJpegEncodeInfo;

/* Encode @upright (orientation already applied) as a JPEG without any
 * metadata, downscaled so the long side is at most @max_long_side (0: no
 * limit) and searching the quality (92 down to 60, then downscaling
 * further) until the file is at most @max_bytes (0: no limit). */
GBytes    *rs_jpeg_encode_within   (GdkPixbuf        *upright,
                                    gint64            max_bytes,
                                    int               max_long_side,
                                    RsJpegEncodeInfo *info,
                                    GCancellable     *cancellable,
                                    GError          **error);

G_END_DECLS
