/* rs-test-content.h: fixtures for the content checks — a real face (a
 * photo a Debian package ships), a thumb over a corner, two documents side
 * by side.  No real document or private person is involved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rs-content.h"

G_BEGIN_DECLS

/* The portrait photo of astronaut Eileen Collins (NASA, public domain) that
 * Debian's python3-skimage ships as skimage/data/astronaut.png, 512 × 512;
 * $RS_TEST_FACE_PHOTO overrides the path.  NULL (and *@path set) when it is
 * not installed. */
GdkPixbuf *rs_test_load_face_photo (char **path);
/* Her head and shoulders from that photo (a passport-like crop, 3:4). */
GdkPixbuf *rs_test_face_crop       (GdkPixbuf *photo);

/* Paint @src into the part (@u0, @v0)–(@u1, @v1) (0..1, along the quad's
 * first and second edges) of @quad in @dst, bilinear. */
void       rs_test_paste_in_quad   (GdkPixbuf    *dst,
                                    const RsQuad *quad,
                                    double        u0,
                                    double        v0,
                                    double        u1,
                                    double        v1,
                                    GdkPixbuf    *src);

/* A thumb (skin tone @tone 0..5, light to dark; shading, grain and a nail)
 * laid over corner @corner of @quad, entering from outside the document
 * and covering about @share of its area. */
void       rs_test_draw_thumb      (GdkPixbuf    *dst,
                                    const RsQuad *quad,
                                    int           corner,
                                    int           tone,
                                    double        share,
                                    guint32       seed);

/* @a and @b next to each other on one canvas (@b shifted down by @dy),
 * the rest filled with @a's corner colour. */
GdkPixbuf *rs_test_side_by_side    (GdkPixbuf    *a,
                                    GdkPixbuf    *b,
                                    int           dy);

/* A view of @pixbuf for the content checks. */
void       rs_test_content_image   (GdkPixbuf      *pixbuf,
                                    RsContentImage *out);

/* @face placed on a plain wall of @width × @height, its height @share of
 * the picture's, its centre at (@cx, @cy) (0..1). */
GdkPixbuf *rs_test_selfie_from     (GdkPixbuf    *face,
                                    int           width,
                                    int           height,
                                    double        share,
                                    double        cx,
                                    double        cy);

G_END_DECLS
