/* rs-fix.h: software fixes for a photo: rotate by quarter turns, crop and
 * straighten a document to its outline.
 *
 * Originals are never modified: the file variants write the result to a new
 * private file under $XDG_CACHE_HOME/resubmit/fixed/ (directory 0700,
 * files 0600) and return it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rs-locate.h"

G_BEGIN_DECLS

#define RS_FIX_ERROR (rs_fix_error_quark ())

typedef enum {
  RS_FIX_ERROR_LOAD,        /* not a local file (loading errors are RS_IMAGE_ERROR) */
  RS_FIX_ERROR_NO_OUTLINE,  /* no usable document outline to straighten to */
  RS_FIX_ERROR_TOO_SMALL,   /* the document is too small to straighten */
  RS_FIX_ERROR_WRITE,       /* the result could not be saved */
} RsFixError;

GQuark      rs_fix_error_quark      (void);

/* Aspect ratios (long side / short side) of the document formats. */
#define RS_FIX_ASPECT_ID1 1.5858 /* 85.60 × 53.98 mm: ID cards, permits */
#define RS_FIX_ASPECT_ID3 1.4205 /* 125 × 88 mm: passport photo page */

/* The aspect ratio for a document type id (RS_DOC_*); ID-1 when unknown. */
double      rs_fix_aspect_for_document (const char *document_type);

/* Rotate clockwise by @quarter_turns × 90° (any integer, negative turns
 * rotate counter-clockwise).  Returns a new reference. */
GdkPixbuf  *rs_fix_rotate           (GdkPixbuf    *source,
                                     int           quarter_turns);

/* Where a rectangle of @width × @height lands after rs_fix_rotate(): maps a
 * point of the source to the rotated image. */
RsPoint     rs_fix_rotate_point     (RsPoint       point,
                                     int           width,
                                     int           height,
                                     int           quarter_turns);

/* Perspective-correct the document outlined by @quad (corners in source
 * pixels, any order) to an upright rectangle of @aspect (long/short; the
 * orientation, landscape or portrait, follows the outline) surrounded by a
 * margin of @margin_percent of the output's width and height on each side.
 * Pixels the source does not cover (margin past the photo's edge) repeat the
 * nearest edge pixel.  The output's long side is the document's measured
 * long side plus margins, at most @max_long_side (0: no limit); when its
 * short side would be under @min_short_side (0: no minimum) it is scaled up
 * to that size, which meets a platform's pixel minimum but adds no detail
 * (the checker's effective-resolution check still measures the original).
 * If @out_quad is not NULL it receives the document's corners in the result
 * (clockwise from top-left). */
GdkPixbuf  *rs_fix_warp             (GdkPixbuf    *source,
                                     const RsQuad *quad,
                                     double        aspect,
                                     double        margin_percent,
                                     int           min_short_side,
                                     int           max_long_side,
                                     RsQuad       *out_quad,
                                     GError      **error);

/* $XDG_CACHE_HOME/resubmit/@subdir, created 0700 when missing. */
char       *rs_fix_get_cache_dir    (const char   *subdir,
                                     GError      **error);

/* Write @bytes to a new private (0600) file named from @stem and @extension
 * in the cache's @subdir; never replaces an existing file. */
GFile      *rs_fix_write_private    (const char   *subdir,
                                     const char   *stem,
                                     const char   *extension,
                                     GBytes       *bytes,
                                     GError      **error);

/* Save @pixbuf as a JPEG (no alpha; quality 92) in the cache's fixed/ dir. */
GFile      *rs_fix_save_pixbuf      (GdkPixbuf    *pixbuf,
                                     const char   *stem,
                                     GError      **error);

/* File variants: load @source (EXIF orientation applied), fix, save the
 * result as a new file in the cache.  Blocking; run them in a thread or use
 * the async variants. */
GFile      *rs_fix_rotate_file      (GFile        *source,
                                     int           quarter_turns,
                                     GCancellable *cancellable,
                                     GError      **error);
GFile      *rs_fix_straighten_file  (GFile        *source,
                                     const RsQuad *quad,
                                     double        aspect,
                                     double        margin_percent,
                                     int           min_short_side,
                                     int           max_long_side,
                                     GCancellable *cancellable,
                                     GError      **error);

void        rs_fix_rotate_file_async      (GFile               *source,
                                           int                  quarter_turns,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        rs_fix_straighten_file_async  (GFile               *source,
                                           const RsQuad        *quad,
                                           double               aspect,
                                           double               margin_percent,
                                           int                  min_short_side,
                                           int                  max_long_side,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Finishes either async variant; returns the new file. */
GFile      *rs_fix_file_finish            (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
