/* rs-live-analyser.h: runs the checker's per-frame API on a worker thread.
 *
 * At most one frame is analysed at a time; while it runs, newer frames
 * replace each other and only the newest is analysed next — never a queue,
 * so guidance is about what the camera sees now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-camera.h"
#include "rs-photo-check.h"

G_BEGIN_DECLS

#define RS_TYPE_LIVE_ANALYSER (rs_live_analyser_get_type ())
G_DECLARE_FINAL_TYPE (RsLiveAnalyser, rs_live_analyser, RS, LIVE_ANALYSER, GObject)

/* @profile may be NULL (built-in defaults).  @kind: an RS_SLOT_* id. */
RsLiveAnalyser *rs_live_analyser_new          (RsProfile      *profile,
                                               const char     *kind);
/* Hand over a frame (main thread).  Emits "analysed" (report, frame) on the
 * main thread when done. */
void            rs_live_analyser_push         (RsLiveAnalyser *self,
                                               RsCameraFrame  *frame);
/* Drop the pending frame and ignore the running one's result. */
void            rs_live_analyser_cancel       (RsLiveAnalyser *self);
gboolean        rs_live_analyser_is_busy      (RsLiveAnalyser *self);
guint64         rs_live_analyser_get_n_analysed (RsLiveAnalyser *self);
guint64         rs_live_analyser_get_n_skipped  (RsLiveAnalyser *self);

G_END_DECLS
