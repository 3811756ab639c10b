/* rs-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "rs-camera.h"

/* How long a source may take to deliver its first picture. */
#define DEFAULT_START_TIMEOUT_MS 10000

struct _RsCamera
{
  GObject       parent_instance;

  RsCameraState state;
  GError       *error;
  char         *source_name;

  GListStore   *devices;      /* GtkStringObject display names */
  GPtrArray    *gst_devices;  /* GstDevice, same order */

  GstElement   *pipeline;
  guint         bus_watch;
  guint         start_timeout;
  GCancellable *cancellable;  /* portal request */
  XdpPortal    *portal;

  /* Shared with the streaming thread. */
  GMutex         lock;
  RsCameraFrame *latest;
  gboolean       dispatch_pending;
  guint64        n_frames;
  guint          generation;  /* bumps on stop: stale dispatches are ignored */
};

G_DEFINE_FINAL_TYPE (RsCamera, rs_camera, G_TYPE_OBJECT)

enum {
  FRAME,
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (rs-camera-error-quark, rs_camera_error)

G_DEFINE_BOXED_TYPE (RsCameraFrame, rs_camera_frame, rs_camera_frame_ref, rs_camera_frame_unref)

static RsCameraFrame *
rs_camera_frame_new (void)
{
  return g_atomic_rc_box_new0 (RsCameraFrame);
}

RsCameraFrame *
rs_camera_frame_ref (RsCameraFrame *frame)
{
  return g_atomic_rc_box_acquire (frame);
}

static void
rs_camera_frame_clear (RsCameraFrame *frame)
{
  g_clear_pointer (&frame->pixels, g_bytes_unref);
}

void
rs_camera_frame_unref (RsCameraFrame *frame)
{
  g_atomic_rc_box_release_full (frame, (GDestroyNotify) rs_camera_frame_clear);
}

GdkTexture *
rs_camera_frame_to_texture (RsCameraFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);
  /* The bytes are shared, not copied. */
  return gdk_memory_texture_new (frame->width, frame->height, GDK_MEMORY_R8G8B8A8,
                                 frame->pixels, frame->stride);
}

static void
set_state (RsCamera      *self,
           RsCameraState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

static void
teardown (RsCamera *self)
{
  g_mutex_lock (&self->lock);
  self->generation++;
  g_clear_pointer (&self->latest, rs_camera_frame_unref);
  self->dispatch_pending = FALSE;
  g_mutex_unlock (&self->lock);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->start_timeout, g_source_remove);
  g_clear_handle_id (&self->bus_watch, g_source_remove);

  if (self->pipeline)
    {
      /* NULL releases the device synchronously: the camera light goes off. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
}

static void
fail (RsCamera *self,
      GError   *error)
{
  /* Takes @error.  The first failure wins: a teardown error must not hide the cause. */
  teardown (self);
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
  set_state (self, RS_CAMERA_STATE_FAILED);
}

static void
rs_camera_dispose (GObject *object)
{
  RsCamera *self = (RsCamera *) object;

  teardown (self);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (rs_camera_parent_class)->dispose (object);
}

static void
rs_camera_finalize (GObject *object)
{
  RsCamera *self = (RsCamera *) object;

  g_clear_error (&self->error);
  g_free (self->source_name);
  g_clear_object (&self->devices);
  g_clear_pointer (&self->gst_devices, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rs_camera_parent_class)->finalize (object);
}

static void
rs_camera_class_init (RsCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rs_camera_dispose;
  object_class->finalize = rs_camera_finalize;

  /**
   * RsCamera::frame:
   * @frame: the newest RsCameraFrame
   *
   * Emitted on the main thread.  Frames that arrived while the main loop
   * was busy are skipped: only the newest is delivered.
   */
  signals[FRAME] = g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 RS_TYPE_CAMERA_FRAME | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
rs_camera_init (RsCamera *self)
{
  g_mutex_init (&self->lock);
  self->devices = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->gst_devices = g_ptr_array_new_with_free_func (gst_object_unref);
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
ensure_gst (void)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
}

/* PipeWire devices first: they are what the desktop shares; V4L2 otherwise. */
static int
device_rank (GstDevice *device)
{
  g_autoptr(GstStructure) props = gst_device_get_properties (device);
  const char *api = props ? gst_structure_get_string (props, "device.api") : NULL;

  if (g_strcmp0 (api, "pipewire") == 0)
    return 0;
  if (g_strcmp0 (api, "v4l2") == 0)
    return 1;
  return 2;
}

static gint
compare_devices (gconstpointer a,
                 gconstpointer b)
{
  return device_rank (*(GstDevice **) a) - device_rank (*(GstDevice **) b);
}

static void
refresh_devices (RsCamera *self)
{
  g_autoptr(GstDeviceMonitor) monitor = NULL;
  GList *list;

  g_list_store_remove_all (self->devices);
  g_ptr_array_set_size (self->gst_devices, 0);

  if (g_getenv ("RESUBMIT_CAMERA_PIPELINE") || in_flatpak ())
    return;

  monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  if (!gst_device_monitor_start (monitor))
    return;
  list = gst_device_monitor_get_devices (monitor);
  gst_device_monitor_stop (monitor);

  for (GList *l = list; l; l = l->next)
    g_ptr_array_add (self->gst_devices, l->data);
  g_list_free (list);
  g_ptr_array_sort (self->gst_devices, compare_devices);

  /* PipeWire and V4L2 both list the same camera: keep one of each name. */
  for (guint i = 0; i < self->gst_devices->len; i++)
    {
      g_autofree char *name = gst_device_get_display_name (self->gst_devices->pdata[i]);
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        {
          g_autofree char *other = gst_device_get_display_name (self->gst_devices->pdata[j]);
          seen = g_strcmp0 (name, other) == 0;
        }
      if (seen)
        g_ptr_array_remove_index (self->gst_devices, i--);
      else
        {
          g_autoptr(GtkStringObject) item = gtk_string_object_new (name);
          g_list_store_append (self->devices, item);
        }
    }
}

RsCamera *
rs_camera_new (void)
{
  RsCamera *self;

  ensure_gst ();
  self = g_object_new (RS_TYPE_CAMERA, NULL);
  refresh_devices (self);
  return self;
}

GListModel *
rs_camera_get_devices (RsCamera *self)
{
  g_return_val_if_fail (RS_IS_CAMERA (self), NULL);
  return G_LIST_MODEL (self->devices);
}

RsCameraState
rs_camera_get_state (RsCamera *self)
{
  g_return_val_if_fail (RS_IS_CAMERA (self), RS_CAMERA_STATE_STOPPED);
  return self->state;
}

const GError *
rs_camera_get_error (RsCamera *self)
{
  g_return_val_if_fail (RS_IS_CAMERA (self), NULL);
  return self->error;
}

guint64
rs_camera_get_n_frames (RsCamera *self)
{
  guint64 n;

  g_return_val_if_fail (RS_IS_CAMERA (self), 0);
  g_mutex_lock (&self->lock);
  n = self->n_frames;
  g_mutex_unlock (&self->lock);
  return n;
}

const char *
rs_camera_get_source_name (RsCamera *self)
{
  g_return_val_if_fail (RS_IS_CAMERA (self), NULL);
  return self->source_name;
}

typedef struct {
  GWeakRef camera;
  guint    generation;
} Dispatch;

static gboolean
dispatch_frame (gpointer data)
{
  Dispatch *d = data;
  g_autoptr(RsCamera) self = g_weak_ref_get (&d->camera);
  RsCameraFrame *frame = NULL;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->lock);
  if (d->generation == self->generation)
    {
      frame = g_steal_pointer (&self->latest);
      self->dispatch_pending = FALSE;
    }
  g_mutex_unlock (&self->lock);

  if (frame == NULL)
    return G_SOURCE_REMOVE;

  if (self->state == RS_CAMERA_STATE_STARTING)
    {
      g_clear_handle_id (&self->start_timeout, g_source_remove);
      set_state (self, RS_CAMERA_STATE_RUNNING);
    }
  if (self->state == RS_CAMERA_STATE_RUNNING)
    g_signal_emit (self, signals[FRAME], 0, frame);
  rs_camera_frame_unref (frame);
  return G_SOURCE_REMOVE;
}

static void
dispatch_free (gpointer data)
{
  Dispatch *d = data;

  g_weak_ref_clear (&d->camera);
  g_free (d);
}

/* Streaming thread: copy the frame out and let the main thread know, unless
 * it already has a wake-up pending (then the newer frame just replaces the
 * older one). */
static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    user_data)
{
  RsCamera *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstVideoInfo info;
  GstVideoFrame vframe;
  RsCameraFrame *frame;
  gboolean wake;
  guint8 *copy;
  int row;

  if (sample == NULL)
    return GST_FLOW_EOS;
  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&vframe, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return GST_FLOW_OK;

  frame = rs_camera_frame_new ();
  frame->width = GST_VIDEO_FRAME_WIDTH (&vframe);
  frame->height = GST_VIDEO_FRAME_HEIGHT (&vframe);
  frame->stride = frame->width * 4;
  row = GST_VIDEO_FRAME_PLANE_STRIDE (&vframe, 0);
  copy = g_malloc ((gsize) frame->stride * frame->height);
  for (int y = 0; y < frame->height; y++)
    memcpy (copy + (gsize) y * frame->stride,
            (const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&vframe, 0) + (gsize) y * row,
            frame->stride);
  gst_video_frame_unmap (&vframe);
  frame->pixels = g_bytes_new_take (copy, (gsize) frame->stride * frame->height);
  frame->arrived_us = g_get_monotonic_time ();

  g_mutex_lock (&self->lock);
  frame->number = ++self->n_frames;
  if (self->latest)
    rs_camera_frame_unref (self->latest);
  self->latest = frame;
  wake = !self->dispatch_pending;
  self->dispatch_pending = TRUE;
  if (wake)
    {
      Dispatch *d = g_new0 (Dispatch, 1);

      g_weak_ref_init (&d->camera, self);
      d->generation = self->generation;
      g_idle_add_full (G_PRIORITY_DEFAULT, dispatch_frame, d, dispatch_free);
    }
  g_mutex_unlock (&self->lock);

  return GST_FLOW_OK;
}

static GError *
error_from_message (RsCamera   *self,
                    GstMessage *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  gboolean had_frames = rs_camera_get_n_frames (self) > 0;
  gsize len;

  gst_message_parse_error (message, &gst_error, &debug);
  /* GStreamer's sentence ends with its own full stop; ours follows it. */
  len = strlen (gst_error->message);
  while (len > 0 && (gst_error->message[len - 1] == '.' || g_ascii_isspace (gst_error->message[len - 1])))
    gst_error->message[--len] = '\0';
  g_debug ("camera pipeline error: %s (%s)", gst_error->message, debug ? debug : "");

  if (gst_error->domain == GST_RESOURCE_ERROR)
    {
      switch (gst_error->code)
        {
        case GST_RESOURCE_ERROR_BUSY:
          return g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_BUSY,
                                      _("The camera is being used by another application. Close it and try again."));
        case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
          return g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_PERMISSION_DENIED,
                                      _("Resubmit is not allowed to use the camera. Allow camera access in Settings → Privacy, then try again."));
        case GST_RESOURCE_ERROR_NOT_FOUND:
        case GST_RESOURCE_ERROR_OPEN_READ:
        case GST_RESOURCE_ERROR_OPEN_READ_WRITE:
        case GST_RESOURCE_ERROR_READ:
          if (had_frames)
            return g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_DISCONNECTED,
                                        _("The camera stopped working. Was it unplugged? Connect it and try again."));
          if (strstr (debug ? debug : "", "Permission denied") != NULL)
            return g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_PERMISSION_DENIED,
                                        _("Resubmit is not allowed to use the camera. Allow camera access in Settings → Privacy, then try again."));
          return g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_NO_CAMERA,
                                      _("The camera could not be opened. Check that it is connected and try again."));
        default:
          break;
        }
    }

  if (had_frames)
    return g_error_new (RS_CAMERA_ERROR, RS_CAMERA_ERROR_DISCONNECTED,
                        _("The camera stopped with an error: %s. You can try again or import a photo from a file."),
                        gst_error->message);
  return g_error_new (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                      _("The camera could not be started: %s. You can try again or import a photo from a file."),
                      gst_error->message);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  RsCamera *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      self->bus_watch = 0;
      fail (self, error_from_message (self, message));
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_EOS:
      self->bus_watch = 0;
      fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_DISCONNECTED,
                                       _("The camera stopped sending pictures. Try again, or import a photo from a file.")));
      return G_SOURCE_REMOVE;

    default:
      return G_SOURCE_CONTINUE;
    }
}

static gboolean
on_start_timeout (gpointer user_data)
{
  RsCamera *self = user_data;

  self->start_timeout = 0;
  fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_NOT_STARTED,
                                   _("The camera did not send any picture. It may be in use or not working; try again or import a photo from a file.")));
  return G_SOURCE_REMOVE;
}

static guint
start_timeout_ms (void)
{
  const char *env = g_getenv ("RESUBMIT_CAMERA_START_TIMEOUT_MS");
  guint64 value;

  if (env && g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &value, NULL))
    return (guint) value;
  return DEFAULT_START_TIMEOUT_MS;
}

/* Builds source ! videoconvert ! RGBA ! appsink around @source and plays it. */
static void
play (RsCamera   *self,
      GstElement *source,
      const char *source_name)
{
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstElement *convert, *scale, *filter, *sink;
  GstAppSinkCallbacks callbacks = { NULL, NULL, on_new_sample };

  g_free (self->source_name);
  self->source_name = g_strdup (source_name);

  self->pipeline = gst_pipeline_new ("resubmit-camera");
  convert = gst_element_factory_make ("videoconvert", NULL);
  scale = gst_element_factory_make ("videoscale", NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  if (!convert || !scale || !filter || !sink)
    {
      g_clear_object (&convert);
      g_clear_object (&scale);
      g_clear_object (&filter);
      g_clear_object (&sink);
      gst_object_unref (source);
      fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                       _("The video components are missing (GStreamer base plugins). Install them, or import a photo from a file.")));
      return;
    }

  /* Live analysis needs no more than 1280 pixels wide; bigger frames only cost time. */
  caps = gst_caps_from_string ("video/x-raw,format=RGBA,width=[1,1920],height=[1,1920]");
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "max-buffers", 1, "drop", TRUE, "sync", TRUE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);

  gst_bin_add_many (GST_BIN (self->pipeline), source, convert, scale, filter, sink, NULL);
  if (!gst_element_link_many (source, convert, scale, filter, sink, NULL))
    {
      fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                       _("The camera’s picture format is not supported. Try another camera, or import a photo from a file.")));
      return;
    }

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  self->start_timeout = g_timeout_add (start_timeout_ms (), on_start_timeout, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      /* The bus usually carries the precise reason; take it if there. */
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message)
        fail (self, error_from_message (self, message));
      else
        fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                         _("The camera could not be started. You can try again or import a photo from a file.")));
    }
}

static void
on_portal_access (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RsCamera) self = user_data;
  g_autoptr(GError) error = NULL;
  GstElement *source;
  int fd;

  if (!xdp_portal_access_camera_finish (XDP_PORTAL (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      fail (self, g_error_new (RS_CAMERA_ERROR, RS_CAMERA_ERROR_PERMISSION_DENIED,
                               _("Camera access was not granted (%s). Allow it in Settings → Privacy → Camera, or import a photo from a file."),
                               error->message));
      return;
    }

  fd = xdp_portal_open_pipewire_remote_for_camera (XDP_PORTAL (object));
  if (fd < 0)
    {
      fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                       _("The camera could not be opened through the desktop portal. Try again, or import a photo from a file.")));
      return;
    }

  source = gst_element_factory_make ("pipewiresrc", NULL);
  if (source == NULL)
    {
      close (fd);
      fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                       _("The PipeWire video component is missing. Import a photo from a file instead.")));
      return;
    }
  g_object_set (source, "fd", fd, NULL);
  play (self, source, "portal");
}

void
rs_camera_start (RsCamera  *self,
                 GtkWindow *parent,
                 int        index)
{
  const char *description;

  g_return_if_fail (RS_IS_CAMERA (self));

  rs_camera_stop (self);
  g_clear_error (&self->error);
  g_mutex_lock (&self->lock);
  self->n_frames = 0;
  g_mutex_unlock (&self->lock);
  set_state (self, RS_CAMERA_STATE_STARTING);

  description = g_getenv ("RESUBMIT_CAMERA_PIPELINE");
  if (description && *description)
    {
      g_autoptr(GError) error = NULL;
      GstElement *source = gst_parse_bin_from_description (description, TRUE, &error);

      if (source == NULL)
        {
          fail (self, g_error_new (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                   _("RESUBMIT_CAMERA_PIPELINE is not a valid video source: %s"),
                                   error->message));
          return;
        }
      play (self, source, "RESUBMIT_CAMERA_PIPELINE");
      return;
    }

  if (in_flatpak ())
    {
      XdpParent *xparent = NULL;

      if (self->portal == NULL)
        self->portal = xdp_portal_new ();
      if (!xdp_portal_is_camera_present (self->portal))
        {
          fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_NO_CAMERA,
                                           _("No camera was found. Connect a camera, or import a photo from a file.")));
          return;
        }
      self->cancellable = g_cancellable_new ();
      if (parent)
        xparent = xdp_parent_new_gtk (parent);
      xdp_portal_access_camera (self->portal, xparent, XDP_CAMERA_FLAG_NONE, self->cancellable,
                                on_portal_access, g_object_ref (self));
      if (xparent)
        xdp_parent_free (xparent);
      return;
    }

  if (self->gst_devices->len == 0)
    refresh_devices (self);
  if (self->gst_devices->len == 0)
    {
      fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_NO_CAMERA,
                                       _("No camera was found. Connect a camera, or import a photo from a file.")));
      return;
    }

  {
    GstDevice *device = self->gst_devices->pdata[index >= 0 && (guint) index < self->gst_devices->len ? index : 0];
    g_autofree char *name = gst_device_get_display_name (device);
    GstElement *source = gst_device_create_element (device, NULL);

    if (source == NULL)
      {
        fail (self, g_error_new_literal (RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED,
                                         _("The camera could not be opened. Check that it is connected and try again.")));
        return;
      }
    play (self, source, name);
  }
}

void
rs_camera_stop (RsCamera *self)
{
  g_return_if_fail (RS_IS_CAMERA (self));

  teardown (self);
  if (self->state != RS_CAMERA_STATE_FAILED)
    set_state (self, RS_CAMERA_STATE_STOPPED);
}
