/* rs-image.h: safe loading of user photos.
 *
 * The header is read first; anything over the limits or in a format we do
 * not accept is refused before decoding.  Every failure is a GError in
 * RS_IMAGE_ERROR with a message a user understands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

#define RS_IMAGE_MAX_PIXELS   (60 * 1000 * 1000)         /* 60 megapixels */
#define RS_IMAGE_MAX_BYTES    ((gint64) 60 * 1000 * 1000) /* 60 MB */
#define RS_IMAGE_WORK_SIZE    2048                       /* analysis long side, about */

#define RS_IMAGE_ERROR (rs_image_error_quark ())

typedef enum {
  RS_IMAGE_ERROR_NOT_FOUND,          /* no such file */
  RS_IMAGE_ERROR_NOT_REGULAR_FILE,   /* a directory, device, … */
  RS_IMAGE_ERROR_UNREADABLE,         /* permission denied or I/O error */
  RS_IMAGE_ERROR_EMPTY,              /* zero bytes */
  RS_IMAGE_ERROR_UNSUPPORTED_FORMAT, /* not an image, or a format we refuse */
  RS_IMAGE_ERROR_TOO_LARGE,          /* over RS_IMAGE_MAX_PIXELS or RS_IMAGE_MAX_BYTES */
  RS_IMAGE_ERROR_CORRUPT,            /* truncated or damaged data */
  RS_IMAGE_ERROR_ANIMATED,           /* an animation, not a photo */
} RsImageError;

GQuark      rs_image_error_quark          (void);
/* Stable string for JSON: "not-found", "not-regular-file", "unreadable",
 * "empty", "unsupported-format", "too-large", "corrupt", "animated". */
const char *rs_image_error_code_to_string (int code);

typedef struct {
  char   *format;      /* "jpeg", "png", "webp", "heif"; "raw" for frames */
  char   *mime_type;   /* may be NULL */
  int     width;       /* upright (orientation applied), full resolution */
  int     height;
  int     orientation; /* EXIF orientation 1..8 as stored (1 when none) */
  gint64  bytes;       /* file size */
} RsImageInfo;

void        rs_image_info_clear           (RsImageInfo *info);
void        rs_image_info_copy            (const RsImageInfo *src,
                                           RsImageInfo       *dest);

/* Check the file and read its header only (no decoding).  Fills @info
 * (clear it with rs_image_info_clear()). */
gboolean    rs_image_probe                (const char   *path,
                                           RsImageInfo  *info,
                                           GError      **error);

/* Decode upright (EXIF orientation applied).  @max_long_side > 0: decode
 * at a bounded size (JPEG decodes scaled, so this is cheap); the result's
 * long side is at most about @max_long_side (never upscaled).  0: full
 * resolution, for export.  @info may be NULL. */
GdkPixbuf  *rs_image_load                 (const char    *path,
                                           int            max_long_side,
                                           RsImageInfo   *info,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
