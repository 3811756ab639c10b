/* rs-camera-view.h: live camera with a guide frame, the found outline, one
 * steady guidance line, auto-capture and a manual shutter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rs-camera.h"
#include "rs-capture-guide.h"
#include "rs-live-analyser.h"

G_BEGIN_DECLS

#define RS_TYPE_CAMERA_VIEW (rs_camera_view_get_type ())
G_DECLARE_FINAL_TYPE (RsCameraView, rs_camera_view, RS, CAMERA_VIEW, AdwBin)

/* @profile may be NULL; @kind an RS_SLOT_* id. */
GtkWidget      *rs_camera_view_new             (RsProfile    *profile,
                                                const char   *kind);
/* The camera starts when the view is mapped and stops when it is unmapped;
 * these are for explicit control ("Try Again"). */
void            rs_camera_view_start           (RsCameraView *self);
void            rs_camera_view_stop            (RsCameraView *self);
/* Take the newest analysed frame now (the manual shutter). */
void            rs_camera_view_capture         (RsCameraView *self);

RsCamera       *rs_camera_view_get_camera      (RsCameraView *self);
RsCaptureGuide *rs_camera_view_get_guide       (RsCameraView *self);
RsLiveAnalyser *rs_camera_view_get_analyser    (RsCameraView *self);
/* The guidance line as shown. */
const char     *rs_camera_view_get_guidance_text (RsCameraView *self);
/* The notice shown when the camera's pictures are smaller than the profile
 * accepts, or NULL. */
const char     *rs_camera_view_get_resolution_note (RsCameraView *self);
/* "starting", "live" or "error". */
const char     *rs_camera_view_get_mode        (RsCameraView *self);

/* Writes @frame as a JPEG into the app's cache (captures/, 0700/0600) and
 * returns its path. */
char           *rs_camera_save_frame           (RsCameraFrame *frame,
                                                const char    *kind,
                                                GError       **error);

G_END_DECLS
