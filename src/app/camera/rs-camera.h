/* rs-camera.h: a live camera as a stream of frames.
 *
 * The source is, in order: the RESUBMIT_CAMERA_PIPELINE description (tests,
 * demos); inside Flatpak the camera portal and pipewiresrc on its fd;
 * otherwise a device from GstDeviceMonitor (PipeWire preferred, else V4L2).
 * Frames arrive on the main thread as RGBA; only the latest frame is kept,
 * so a slow consumer never builds a queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RS_CAMERA_ERROR (rs_camera_error_quark ())

typedef enum {
  RS_CAMERA_ERROR_NO_CAMERA,         /* nothing to open */
  RS_CAMERA_ERROR_PERMISSION_DENIED, /* the portal or the device said no */
  RS_CAMERA_ERROR_BUSY,              /* another application uses it */
  RS_CAMERA_ERROR_NOT_STARTED,       /* no picture arrived in time */
  RS_CAMERA_ERROR_DISCONNECTED,      /* it stopped sending pictures (unplugged) */
  RS_CAMERA_ERROR_FAILED,            /* any other pipeline error */
} RsCameraError;

GQuark rs_camera_error_quark (void);

/* One RGBA frame (4 bytes a pixel, no padding beyond @stride). */
typedef struct {
  GBytes *pixels;
  int     width;
  int     height;
  int     stride;
  gint64  arrived_us;  /* g_get_monotonic_time() when it left the pipeline */
  guint64 number;      /* 1, 2, 3 … since start */
} RsCameraFrame;

#define RS_TYPE_CAMERA_FRAME (rs_camera_frame_get_type ())
GType          rs_camera_frame_get_type   (void) G_GNUC_CONST;
RsCameraFrame *rs_camera_frame_ref        (RsCameraFrame *frame);
void           rs_camera_frame_unref      (RsCameraFrame *frame);
GdkTexture    *rs_camera_frame_to_texture (RsCameraFrame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsCameraFrame, rs_camera_frame_unref)

typedef enum {
  RS_CAMERA_STATE_STOPPED,
  RS_CAMERA_STATE_STARTING,
  RS_CAMERA_STATE_RUNNING,
  RS_CAMERA_STATE_FAILED,
} RsCameraState;

#define RS_TYPE_CAMERA (rs_camera_get_type ())
G_DECLARE_FINAL_TYPE (RsCamera, rs_camera, RS, CAMERA, GObject)

RsCamera      *rs_camera_new              (void);

/* Cameras that can be picked (display names, in the monitor's order); empty
 * inside Flatpak (the portal picks) or when RESUBMIT_CAMERA_PIPELINE is set. */
GListModel    *rs_camera_get_devices      (RsCamera     *self);

/* Start streaming from device @index of rs_camera_get_devices() (-1: the
 * best one).  @parent is used for the portal's permission dialog.  Failures
 * come as the "failed" signal (also when starting), never as a crash. */
void           rs_camera_start            (RsCamera     *self,
                                           GtkWindow    *parent,
                                           int           index);
/* Stop at once: the pipeline goes to NULL and the device is released (the
 * camera light goes off).  Safe to call at any time, also twice. */
void           rs_camera_stop             (RsCamera     *self);

RsCameraState  rs_camera_get_state        (RsCamera     *self);
/* The error that put the camera in RS_CAMERA_STATE_FAILED, or NULL. */
const GError  *rs_camera_get_error        (RsCamera     *self);
/* Frames delivered since start. */
guint64        rs_camera_get_n_frames     (RsCamera     *self);
/* What the source is, for the status line and logs (no personal data). */
const char    *rs_camera_get_source_name  (RsCamera     *self);

G_END_DECLS
