/* rs-test-screen.h: a photo re-photographed off a screen, in software.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* @pixbuf as a camera would see it shown on a screen that maps it 1:1 in
 * position: a grid of screen pixels of @pitch camera pixels, turned by
 * @degrees, each three vertical R, G, B stripes with dark gaps between
 * stripes and rows; then the lens's blur (σ 0.7 px).  Brightness is kept
 * on average, as the camera's exposure would. */
GdkPixbuf *rs_test_screen_photo (GdkPixbuf *pixbuf,
                                 double     pitch,
                                 double     degrees);

G_END_DECLS
