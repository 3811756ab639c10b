/* rs-counters.h: process-wide counts of costly work (image decodes, full
 * photo checks), so that tests and benchmarks can prove a photo is decoded
 * and checked once from import to export.  Atomic, so cheap enough to stay
 * on in release builds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RS_COUNTER_DECODE, /* rs_image_load(): a file decoded to pixels */
  RS_COUNTER_CHECK,  /* a full (not live-frame) photo check */
  RS_N_COUNTERS
} RsCounter;

void  rs_counters_add   (RsCounter counter);
guint rs_counters_get   (RsCounter counter);
void  rs_counters_reset (void);

G_END_DECLS
