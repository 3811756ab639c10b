/* rs-camera-window.h: the "Take Photo" window for one photo slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-camera-view.h"

G_BEGIN_DECLS

#define RS_TYPE_CAMERA_WINDOW (rs_camera_window_get_type ())
G_DECLARE_FINAL_TYPE (RsCameraWindow, rs_camera_window, RS, CAMERA_WINDOW, AdwWindow)

/* A modal window over @parent.  Emits "captured" (path of the JPEG in the
 * cache) and closes, or "import-requested" and closes; closing it in any
 * way stops the camera at once. */
RsCameraWindow *rs_camera_window_new      (GtkWindow  *parent,
                                           RsProfile  *profile,
                                           const char *kind,
                                           const char *slot_title);
RsCameraView   *rs_camera_window_get_view (RsCameraWindow *self);

G_END_DECLS
