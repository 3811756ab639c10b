/* rs-test-card.h: made-up photos of an ID card for the checker's tests and
 * benchmark (no real document involved).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include "rs-locate.h"

G_BEGIN_DECLS

/* A card-like document (header band, photo box, lines of text-like marks)
 * drawn into the quad @card (clockwise from the card's top-left) on a
 * textured table, @width × @height RGB. */
GdkPixbuf *rs_test_render_card   (int           width,
                                  int           height,
                                  const RsQuad *card,
                                  guint32       seed);
/* An axis-aligned card of @card_width centred, rotated by @degrees. */
void       rs_test_card_quad     (int           width,
                                  int           height,
                                  double        card_width,
                                  double        degrees,
                                  RsQuad       *out);
void       rs_test_blur          (GdkPixbuf    *pixbuf,
                                  double        sigma);
/* A shaken hand: the average along a line of @length px at @degrees
 * (0 = horizontal, counter-clockwise), sampled bilinearly. */
void       rs_test_motion_blur   (GdkPixbuf    *pixbuf,
                                  double        length,
                                  double        degrees);
void       rs_test_scale_values  (GdkPixbuf    *pixbuf,
                                  double        factor);
void       rs_test_grayscale     (GdkPixbuf    *pixbuf);
/* @pixbuf saved as JPEG at @quality ("10" … "100") and decoded again. */
GdkPixbuf *rs_test_reencode      (GdkPixbuf    *pixbuf,
                                  const char   *quality);
/* A soft white blob covering @fraction of the quad's area, at its centre. */
void       rs_test_add_glare     (GdkPixbuf    *pixbuf,
                                  const RsQuad *quad,
                                  double        fraction);
/* Largest distance between corresponding corners, any starting corner. */
double     rs_test_quad_distance (const RsQuad *a,
                                  const RsQuad *b);

G_END_DECLS
