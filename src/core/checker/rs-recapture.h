/* rs-recapture.h: telling a photo of a screen from a photo of the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rs-locate.h"

G_BEGIN_DECLS

/* On midv-dev, untouched, blurred, dark, glared and JPEG-10 frames score
 * 3.8–11.1 and the same frames photographed off a screen 21–4242
 * (docs/checker.md, "Photos of a screen"). */
#define RS_RECAPTURE_FAIL 16.0

/* How strongly a periodic pattern (a screen's pixel grid) stands out in
 * the spectrum of small native-resolution patches inside @quad: the
 * median over the patches of the largest peak-to-ring-median power ratio.
 * @to_upright: upright-image pixels per view pixel (the JPEG block grid's
 * scale).  @n_patches: how many patches fitted (fewer than 3: the
 * result is 0, too little to judge). */
double rs_recapture_measure (const guint8 *pixels,
                             int           width,
                             int           height,
                             int           stride,
                             int           channels,
                             const RsQuad *quad,
                             double        to_upright,
                             int          *n_patches);

G_END_DECLS
