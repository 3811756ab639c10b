/* rs-camera-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-camera-view.h"
#include "rs-read.h"

/* ---- Frame paintable ----------------------------------------------------
 *
 * Swapping GtkPicture's paintable every frame would relayout the window 30
 * times a second; this paintable keeps its identity and only invalidates
 * its contents while the frame size stays the same. */

#define RS_TYPE_FRAME_PAINTABLE (rs_frame_paintable_get_type ())
G_DECLARE_FINAL_TYPE (RsFramePaintable, rs_frame_paintable, RS, FRAME_PAINTABLE, GObject)

struct _RsFramePaintable
{
  GObject     parent_instance;
  GdkTexture *texture;
};

static void
rs_frame_paintable_snapshot (GdkPaintable *paintable,
                             GdkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  RsFramePaintable *self = RS_FRAME_PAINTABLE (paintable);

  if (self->texture)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static int
rs_frame_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  RsFramePaintable *self = RS_FRAME_PAINTABLE (paintable);
  return self->texture ? gdk_texture_get_width (self->texture) : 0;
}

static int
rs_frame_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  RsFramePaintable *self = RS_FRAME_PAINTABLE (paintable);
  return self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static void
rs_frame_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = rs_frame_paintable_snapshot;
  iface->get_intrinsic_width = rs_frame_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = rs_frame_paintable_get_intrinsic_height;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RsFramePaintable, rs_frame_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, rs_frame_paintable_iface_init))

static void
rs_frame_paintable_finalize (GObject *object)
{
  g_clear_object (&RS_FRAME_PAINTABLE (object)->texture);
  G_OBJECT_CLASS (rs_frame_paintable_parent_class)->finalize (object);
}

static void
rs_frame_paintable_class_init (RsFramePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_frame_paintable_finalize;
}

static void
rs_frame_paintable_init (RsFramePaintable *self)
{
}

static void
rs_frame_paintable_set_texture (RsFramePaintable *self,
                                GdkTexture       *texture)
{
  gboolean resized = self->texture == NULL ||
                     gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
                     gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);

  g_set_object (&self->texture, texture);
  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/* ---- Overlay: guide frame, found outline, flash ------------------------ */

#define RS_TYPE_CAMERA_OVERLAY (rs_camera_overlay_get_type ())
G_DECLARE_FINAL_TYPE (RsCameraOverlay, rs_camera_overlay, RS, CAMERA_OVERLAY, GtkWidget)

struct _RsCameraOverlay
{
  GtkWidget parent_instance;

  int      frame_width;
  int      frame_height;
  double   aspect;      /* guide frame long/short */
  gboolean have_quad;
  RsQuad   quad;
  gboolean good;
  double   flash;       /* 0..1 */
  guint    flash_tick;
  gint64   flash_start;
};

G_DEFINE_FINAL_TYPE (RsCameraOverlay, rs_camera_overlay, GTK_TYPE_WIDGET)

/* Where a frame pixel lands in the widget, as GtkPicture "contain" shows it. */
static void
frame_transform (RsCameraOverlay *self,
                 double          *scale,
                 double          *ox,
                 double          *oy)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  *scale = MIN (w / MAX (self->frame_width, 1), h / MAX (self->frame_height, 1));
  *ox = (w - self->frame_width * *scale) / 2;
  *oy = (h - self->frame_height * *scale) / 2;
}

static void
rs_camera_overlay_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RsCameraOverlay *self = RS_CAMERA_OVERLAY (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  double scale, ox, oy, gw, gh, fw, fh;
  cairo_t *cr;

  if (self->frame_width <= 0 || self->frame_height <= 0)
    return;

  frame_transform (self, &scale, &ox, &oy);
  fw = self->frame_width * scale;
  fh = self->frame_height * scale;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  /* Guide frame in the document's aspect ratio, 80 % of the view. */
  if (fw / fh > self->aspect)
    {
      gh = fh * 0.8;
      gw = gh * self->aspect;
    }
  else
    {
      gw = fw * 0.8;
      gh = gw / self->aspect;
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, ox, oy, fw, fh);
  cairo_rectangle (cr, ox + (fw - gw) / 2, oy + (fh - gh) / 2, gw, gh);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 2);
  {
    double dashes[] = { 10, 6 };
    cairo_set_dash (cr, dashes, 2, 0);
  }
  cairo_rectangle (cr, ox + (fw - gw) / 2, oy + (fh - gh) / 2, gw, gh);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The outline the checker found: green when it is good to go. */
  if (self->have_quad)
    {
      if (self->good)
        cairo_set_source_rgba (cr, 0.18, 0.76, 0.49, 0.95);
      else
        cairo_set_source_rgba (cr, 0.96, 0.62, 0.04, 0.95);
      cairo_set_line_width (cr, 4);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (int i = 0; i < 4; i++)
        {
          double x = ox + self->quad.p[i].x * scale;
          double y = oy + self->quad.p[i].y * scale;

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
      cairo_stroke (cr);
    }

  if (self->flash > 0)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, self->flash);
      cairo_paint (cr);
    }

  cairo_destroy (cr);
}

static gboolean
flash_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  RsCameraOverlay *self = RS_CAMERA_OVERLAY (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->flash_start) / 400000.0;

  self->flash = t >= 1 ? 0 : 0.85 * (1 - t);
  gtk_widget_queue_draw (widget);
  if (self->flash <= 0)
    {
      self->flash_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
rs_camera_overlay_flash (RsCameraOverlay *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->flash = 0.85;
  self->flash_start = clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  if (self->flash_tick == 0)
    self->flash_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), flash_tick, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rs_camera_overlay_class_init (RsCameraOverlayClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = rs_camera_overlay_snapshot;
}

static void
rs_camera_overlay_init (RsCameraOverlay *self)
{
  self->aspect = 85.60 / 53.98;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* ---- The view --------------------------------------------------------- */

struct _RsCameraView
{
  AdwBin          parent_instance;

  RsProfile      *profile;
  char           *kind;
  RsCamera       *camera;
  RsLiveAnalyser *analyser;
  RsCaptureGuide *guide;
  RsCameraFrame  *last_good;   /* newest frame whose live checks all passed */
  RsCameraFrame  *last_frame;  /* newest analysed frame */

  GtkStack       *stack;
  GtkPicture     *picture;
  RsFramePaintable *frame_paintable;
  RsCameraOverlay *overlay;
  GtkLabel       *guidance;
  GtkLabel       *resolution_note;
  GtkWidget      *resolution_box;
  int             noted_width;
  int             noted_height;
  GtkProgressBar *progress;
  AdwStatusPage  *error_page;
  GtkDropDown    *picker;
  GtkButton      *shutter;
  gboolean        captured;

  /* Auto-capture reads the chosen frame first (rs_capture_guide_read_done). */
  GCancellable   *read_cancellable; /* of the running read; NULL: none */
  RsCameraFrame  *best_read;        /* the best frame that did not read */
};

G_DEFINE_FINAL_TYPE (RsCameraView, rs_camera_view, ADW_TYPE_BIN)

enum {
  CAPTURED,
  IMPORT_REQUESTED,
  GUIDANCE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
rs_camera_save_frame (RsCameraFrame *frame,
                      const char    *kind,
                      GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "resubmit", "captures", NULL);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder for camera photos: %s"), g_strerror (saved));
      return NULL;
    }
  g_chmod (dir, 0700);

  name = g_strdup_printf ("capture-%s-%s-%" G_GUINT64_FORMAT ".jpg", kind, stamp, frame->number);
  path = g_build_filename (dir, name, NULL);
  /* Create it 0600 before the encoder writes anything. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not save the camera photo: %s"), g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);

  pixbuf = gdk_pixbuf_new_from_bytes (frame->pixels, GDK_COLORSPACE_RGB, TRUE, 8,
                                      frame->width, frame->height, frame->stride);
  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", error, "quality", "95", NULL))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
set_guidance (RsCameraView *self,
              RsGuide       guide)
{
  const char *text = rs_guide_get_message (guide);

  if (g_strcmp0 (gtk_label_get_label (self->guidance), text) == 0)
    return;
  gtk_label_set_label (self->guidance, text);
  /* Screen readers hear the new instruction. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->guidance),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_signal_emit (self, signals[GUIDANCE_CHANGED], 0, rs_guide_to_string (guide));
}

static void cancel_read (RsCameraView *self);

static void
take (RsCameraView  *self,
      RsCameraFrame *frame)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->captured || frame == NULL)
    return;

  path = rs_camera_save_frame (frame, self->kind, &error);
  if (path == NULL)
    {
      adw_status_page_set_title (self->error_page, _("The Photo Could Not Be Saved"));
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      rs_camera_view_stop (self);
      return;
    }

  self->captured = TRUE;
  rs_camera_overlay_flash (self->overlay);
  set_guidance (self, RS_GUIDE_CAPTURED);
  /* The camera light goes off as soon as the shot is taken. */
  rs_camera_stop (self->camera);
  rs_live_analyser_cancel (self->analyser);
  g_signal_emit (self, signals[CAPTURED], 0, path);
  cancel_read (self);
}

typedef struct {
  RsCameraFrame *frame;
  char          *kind;
  gboolean       have_quad;
  RsQuad         quad;
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  rs_camera_frame_unref (job->frame);
  g_free (job->kind);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  RsReadResult *read;

  read = rs_read_document (g_bytes_get_data (job->frame->pixels, NULL),
                           job->frame->width, job->frame->height, job->frame->stride, 4,
                           job->have_quad ? &job->quad : NULL, job->kind, NULL);
  g_task_return_pointer (task, read, (GDestroyNotify) rs_read_result_unref);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RsCameraView *self = RS_CAMERA_VIEW (source);
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(RsReadResult) read = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean best = FALSE;
  gint64 now = g_get_monotonic_time ();

  /* Cancelled (the view stopped or started again): nothing to take. */
  if (read == NULL || self->captured ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->read_cancellable);

  /* Nothing machine-readable seen at all (the back of a card without a
   * code): there is nothing better to wait for. */
  if (!rs_read_result_get_valid (read) &&
      rs_read_result_get_source (read) == RS_READ_SOURCE_NONE &&
      !rs_read_result_get_band_seen (read))
    {
      take (self, job->frame);
      return;
    }

  switch (rs_capture_guide_read_done (self->guide, rs_read_result_get_valid (read),
                                      rs_read_result_get_score (read), now, &best))
    {
    case RS_CAPTURE_READ_TAKE:
      take (self, job->frame);
      return;
    case RS_CAPTURE_READ_TAKE_BEST:
      take (self, best || self->best_read == NULL ? job->frame : self->best_read);
      return;
    case RS_CAPTURE_READ_AGAIN:
    default:
      if (best)
        {
          g_clear_pointer (&self->best_read, rs_camera_frame_unref);
          self->best_read = rs_camera_frame_ref (job->frame);
        }
      set_guidance (self, rs_capture_guide_get_guide (self->guide));
      return;
    }
}

/* The guide chose @frame: take it, after reading it where the slot's
 * document carries machine-readable text. */
static void
choose (RsCameraView  *self,
        RsCameraFrame *frame,
        RsPhotoReport *report)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  if (g_strcmp0 (self->kind, RS_SLOT_SELFIE) == 0 || rs_read_font_path () == NULL)
    {
      take (self, frame);
      return;
    }
  if (self->read_cancellable != NULL)
    return;

  job = g_new0 (ReadJob, 1);
  job->frame = rs_camera_frame_ref (frame);
  job->kind = g_strdup (self->kind);
  job->have_quad = rs_photo_report_get_document_quad (report, &job->quad);

  rs_capture_guide_start_reading (self->guide, g_get_monotonic_time ());
  set_guidance (self, rs_capture_guide_get_guide (self->guide));
  self->read_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->read_cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, choose);
  g_task_set_name (task, "rs_camera_view read");
  g_task_set_task_data (task, job, read_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, read_thread);
}

static void
cancel_read (RsCameraView *self)
{
  if (self->read_cancellable != NULL)
    g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_pointer (&self->best_read, rs_camera_frame_unref);
}

static void
on_analysed (RsLiveAnalyser *analyser,
             RsPhotoReport  *report,
             RsCameraFrame  *frame,
             RsCameraView   *self)
{
  gboolean fire;
  RsGuide wanted;
  double progress;

  if (self->captured)
    return;

  wanted = rs_guide_from_report (report);
  fire = rs_capture_guide_feed (self->guide, report, frame->arrived_us);

  g_clear_pointer (&self->last_frame, rs_camera_frame_unref);
  self->last_frame = rs_camera_frame_ref (frame);
  if (wanted == RS_GUIDE_HOLD_STILL)
    {
      g_clear_pointer (&self->last_good, rs_camera_frame_unref);
      self->last_good = rs_camera_frame_ref (frame);
    }

  self->overlay->frame_width = frame->width;
  self->overlay->frame_height = frame->height;
  self->overlay->have_quad = rs_photo_report_get_document_quad (report, &self->overlay->quad);
  self->overlay->good = wanted == RS_GUIDE_HOLD_STILL;
  gtk_widget_queue_draw (GTK_WIDGET (self->overlay));

  /* Only touch widgets whose state changes: every change relayouts. */
  progress = rs_capture_guide_get_progress (self->guide);
  if (progress != gtk_progress_bar_get_fraction (self->progress))
    gtk_progress_bar_set_fraction (self->progress, progress);
  if ((progress > 0) != gtk_widget_get_visible (GTK_WIDGET (self->progress)))
    gtk_widget_set_visible (GTK_WIDGET (self->progress), progress > 0);

  /* Only a frame whose every live check passed is ever taken automatically
   * (choosing it says "reading" or "taken" itself). */
  if (fire)
    choose (self, frame, report);
  else
    set_guidance (self, rs_capture_guide_get_guide (self->guide));
}

/* A camera whose pictures are smaller than the platform accepts cannot make
 * a good shot however well it is held: say so before the user tries. */
static void
update_resolution_note (RsCameraView *self,
                        int           width,
                        int           height)
{
  int need = self->profile ? rs_profile_get_min_short_side (self->profile) : 0;

  self->noted_width = width;
  self->noted_height = height;
  if (need > 0 && MIN (width, height) < need)
    {
      g_autofree char *text =
        g_strdup_printf (_("This camera gives %d × %d pictures; the platform needs at least %d pixels on the short side. Use a better camera, or import a photo taken with a phone."),
                         width, height, need);
      gtk_label_set_label (self->resolution_note, text);
      gtk_widget_set_visible (self->resolution_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->resolution_box, FALSE);
}

static void
on_frame (RsCamera      *camera,
          RsCameraFrame *frame,
          RsCameraView  *self)
{
  g_autoptr(GdkTexture) texture = rs_camera_frame_to_texture (frame);

  rs_frame_paintable_set_texture (self->frame_paintable, texture);
  if (frame->width != self->noted_width || frame->height != self->noted_height)
    update_resolution_note (self, frame->width, frame->height);
  self->overlay->frame_width = frame->width;
  self->overlay->frame_height = frame->height;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "live") != 0)
    gtk_stack_set_visible_child_name (self->stack, "live");
  rs_live_analyser_push (self->analyser, frame);
}

static void
on_state_changed (RsCamera     *camera,
                  RsCameraView *self)
{
  const GError *error;

  switch (rs_camera_get_state (camera))
    {
    case RS_CAMERA_STATE_STARTING:
      gtk_stack_set_visible_child_name (self->stack, "starting");
      break;
    case RS_CAMERA_STATE_FAILED:
      error = rs_camera_get_error (camera);
      rs_live_analyser_cancel (self->analyser);
      switch (error ? error->code : RS_CAMERA_ERROR_FAILED)
        {
        case RS_CAMERA_ERROR_NO_CAMERA:
          adw_status_page_set_title (self->error_page, _("No Camera Found"));
          break;
        case RS_CAMERA_ERROR_PERMISSION_DENIED:
          adw_status_page_set_title (self->error_page, _("Camera Access Denied"));
          break;
        case RS_CAMERA_ERROR_BUSY:
          adw_status_page_set_title (self->error_page, _("Camera Busy"));
          break;
        case RS_CAMERA_ERROR_DISCONNECTED:
          adw_status_page_set_title (self->error_page, _("Camera Disconnected"));
          break;
        default:
          adw_status_page_set_title (self->error_page, _("The Camera Did Not Start"));
          break;
        }
      adw_status_page_set_description (self->error_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      break;
    case RS_CAMERA_STATE_RUNNING:
    case RS_CAMERA_STATE_STOPPED:
    default:
      break;
    }
}

static void
on_shutter_clicked (RsCameraView *self)
{
  rs_camera_view_capture (self);
}

static void
on_import_clicked (RsCameraView *self)
{
  rs_camera_view_stop (self);
  g_signal_emit (self, signals[IMPORT_REQUESTED], 0);
}

static void
on_retry_clicked (RsCameraView *self)
{
  rs_camera_view_start (self);
}

static void
on_picker_selected (RsCameraView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->captured)
    rs_camera_view_start (self);
}

static void
rs_camera_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rs_camera_view_parent_class)->map (widget);
  rs_camera_view_start (RS_CAMERA_VIEW (widget));
}

static void
rs_camera_view_unmap (GtkWidget *widget)
{
  /* Leaving the view stops the camera at once. */
  rs_camera_view_stop (RS_CAMERA_VIEW (widget));
  GTK_WIDGET_CLASS (rs_camera_view_parent_class)->unmap (widget);
}

static void
rs_camera_view_dispose (GObject *object)
{
  RsCameraView *self = (RsCameraView *) object;

  if (self->camera)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      rs_camera_stop (self->camera);
    }
  if (self->analyser)
    {
      g_signal_handlers_disconnect_by_data (self->analyser, self);
      rs_live_analyser_cancel (self->analyser);
    }
  g_clear_object (&self->camera);
  g_clear_object (&self->analyser);
  g_clear_object (&self->guide);
  g_clear_object (&self->profile);
  g_clear_object (&self->frame_paintable);
  g_clear_pointer (&self->last_good, rs_camera_frame_unref);
  g_clear_pointer (&self->last_frame, rs_camera_frame_unref);
  cancel_read (self);

  G_OBJECT_CLASS (rs_camera_view_parent_class)->dispose (object);
}

static void
rs_camera_view_finalize (GObject *object)
{
  RsCameraView *self = (RsCameraView *) object;

  g_free (self->kind);

  G_OBJECT_CLASS (rs_camera_view_parent_class)->finalize (object);
}

static void
rs_camera_view_class_init (RsCameraViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_camera_view_dispose;
  object_class->finalize = rs_camera_view_finalize;
  widget_class->map = rs_camera_view_map;
  widget_class->unmap = rs_camera_view_unmap;

  /**
   * RsCameraView::captured:
   * @path: the JPEG written into the cache
   */
  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[IMPORT_REQUESTED] = g_signal_new ("import-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  /**
   * RsCameraView::guidance-changed:
   * @id: rs_guide_to_string() of the guidance now shown
   */
  signals[GUIDANCE_CHANGED] = g_signal_new ("guidance-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
build_starting_page (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (_("Starting the camera…"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Starting the camera"), -1);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
rs_camera_view_init (RsCameraView *self)
{
  GtkWidget *overlay, *osd, *bar, *error_box, *retry, *import, *import2, *live;

  self->camera = rs_camera_new ();
  self->guide = rs_capture_guide_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  gtk_stack_add_named (self->stack, build_starting_page (), "starting");

  /* Live: picture, overlay, guidance and the controls. */
  self->frame_paintable = g_object_new (RS_TYPE_FRAME_PAINTABLE, NULL);
  self->picture = GTK_PICTURE (gtk_picture_new_for_paintable (GDK_PAINTABLE (self->frame_paintable)));
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Camera preview"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), 480, 270);

  self->overlay = g_object_new (RS_TYPE_CAMERA_OVERLAY, NULL);
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->picture));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->overlay));

  osd = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (osd, "osd");
  gtk_widget_add_css_class (osd, "toolbar");
  gtk_widget_set_halign (osd, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (osd, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (osd, 18);
  self->guidance = GTK_LABEL (gtk_label_new (rs_guide_get_message (RS_GUIDE_FIND_DOCUMENT)));
  gtk_widget_add_css_class (GTK_WIDGET (self->guidance), "title-3");
  gtk_label_set_wrap (self->guidance, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->guidance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Guidance"), -1);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time until the photo is taken"), -1);
  gtk_box_append (GTK_BOX (osd), GTK_WIDGET (self->guidance));
  gtk_box_append (GTK_BOX (osd), GTK_WIDGET (self->progress));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), osd);

  /* A warning icon with the text: never colour alone. */
  self->resolution_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (self->resolution_box, "osd");
  gtk_widget_add_css_class (self->resolution_box, "toolbar");
  gtk_widget_set_halign (self->resolution_box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->resolution_box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->resolution_box, 12);
  gtk_widget_set_margin_start (self->resolution_box, 12);
  gtk_widget_set_margin_end (self->resolution_box, 12);
  gtk_box_append (GTK_BOX (self->resolution_box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  self->resolution_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->resolution_note, TRUE);
  gtk_label_set_max_width_chars (self->resolution_note, 56);
  gtk_label_set_width_chars (self->resolution_note, 40);
  gtk_label_set_xalign (self->resolution_note, 0);
  gtk_box_append (GTK_BOX (self->resolution_box), GTK_WIDGET (self->resolution_note));
  gtk_widget_set_visible (self->resolution_box, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->resolution_box);

  bar = gtk_center_box_new ();
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);

  self->picker = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (rs_camera_get_devices (self->camera)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->picker), _("Camera"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picker), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Camera"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->picker),
                          g_list_model_get_n_items (rs_camera_get_devices (self->camera)) > 1);
  g_signal_connect_swapped (self->picker, "notify::selected", G_CALLBACK (on_picker_selected), self);
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (bar), GTK_WIDGET (self->picker));

  self->shutter = GTK_BUTTON (gtk_button_new_from_icon_name ("camera-photo-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->shutter), "circular");
  gtk_widget_add_css_class (GTK_WIDGET (self->shutter), "suggested-action");
  gtk_widget_set_size_request (GTK_WIDGET (self->shutter), 56, 56);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->shutter), _("Take Photo Now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->shutter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Take Photo Now"), -1);
  g_signal_connect_swapped (self->shutter, "clicked", G_CALLBACK (on_shutter_clicked), self);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (bar), GTK_WIDGET (self->shutter));

  import = gtk_button_new_with_mnemonic (_("_Import a File Instead"));
  g_signal_connect_swapped (import, "clicked", G_CALLBACK (on_import_clicked), self);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (bar), import);

  live = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (live), overlay);
  gtk_box_append (GTK_BOX (live), bar);
  gtk_stack_add_named (self->stack, live, "live");

  /* Faults: the reason and a way back to importing a file. */
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "camera-disabled-symbolic");
  error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (error_box, GTK_ALIGN_CENTER);
  retry = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_add_css_class (retry, "pill");
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (on_retry_clicked), self);
  import2 = gtk_button_new_with_mnemonic (_("_Import a File Instead"));
  gtk_widget_add_css_class (import2, "pill");
  gtk_widget_add_css_class (import2, "suggested-action");
  g_signal_connect_swapped (import2, "clicked", G_CALLBACK (on_import_clicked), self);
  gtk_box_append (GTK_BOX (error_box), retry);
  gtk_box_append (GTK_BOX (error_box), import2);
  adw_status_page_set_child (self->error_page, error_box);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  g_signal_connect (self->camera, "frame", G_CALLBACK (on_frame), self);
  g_signal_connect (self->camera, "state-changed", G_CALLBACK (on_state_changed), self);
}

GtkWidget *
rs_camera_view_new (RsProfile  *profile,
                    const char *kind)
{
  RsCameraView *self = g_object_new (RS_TYPE_CAMERA_VIEW, NULL);

  self->profile = profile ? g_object_ref (profile) : NULL;
  self->kind = g_strdup (kind ? kind : RS_SLOT_ID_FRONT);
  self->analyser = rs_live_analyser_new (profile, self->kind);
  g_signal_connect (self->analyser, "analysed", G_CALLBACK (on_analysed), self);
  if (g_strcmp0 (self->kind, RS_SLOT_PASSPORT) == 0)
    self->overlay->aspect = 125.0 / 88.0;   /* ID-3 passport page */
  return GTK_WIDGET (self);
}

void
rs_camera_view_start (RsCameraView *self)
{
  GtkRoot *root;
  guint selected;

  g_return_if_fail (RS_IS_CAMERA_VIEW (self));

  self->captured = FALSE;
  rs_capture_guide_reset (self->guide);
  rs_live_analyser_cancel (self->analyser);
  cancel_read (self);
  g_clear_pointer (&self->last_good, rs_camera_frame_unref);
  g_clear_pointer (&self->last_frame, rs_camera_frame_unref);
  self->overlay->have_quad = FALSE;
  set_guidance (self, RS_GUIDE_FIND_DOCUMENT);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  selected = gtk_drop_down_get_selected (self->picker);
  rs_camera_start (self->camera, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                   selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected);
}

void
rs_camera_view_stop (RsCameraView *self)
{
  g_return_if_fail (RS_IS_CAMERA_VIEW (self));

  rs_camera_stop (self->camera);
  rs_live_analyser_cancel (self->analyser);
  cancel_read (self);
}

void
rs_camera_view_capture (RsCameraView *self)
{
  g_return_if_fail (RS_IS_CAMERA_VIEW (self));

  /* The manual shutter takes what is on screen now, good or not: the full
   * check on the Photos page then says what is wrong with it. */
  take (self, self->last_frame);
}

RsCamera *
rs_camera_view_get_camera (RsCameraView *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_VIEW (self), NULL);
  return self->camera;
}

RsCaptureGuide *
rs_camera_view_get_guide (RsCameraView *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_VIEW (self), NULL);
  return self->guide;
}

RsLiveAnalyser *
rs_camera_view_get_analyser (RsCameraView *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_VIEW (self), NULL);
  return self->analyser;
}

const char *
rs_camera_view_get_guidance_text (RsCameraView *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_VIEW (self), NULL);
  return gtk_label_get_label (self->guidance);
}

const char *
rs_camera_view_get_resolution_note (RsCameraView *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_VIEW (self), NULL);
  if (!gtk_widget_get_visible (self->resolution_box))
    return NULL;
  return gtk_label_get_label (self->resolution_note);
}

const char *
rs_camera_view_get_mode (RsCameraView *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
