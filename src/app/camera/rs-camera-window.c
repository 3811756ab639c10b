/* rs-camera-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-camera-window.h"

struct _RsCameraWindow
{
  AdwWindow     parent_instance;

  RsCameraView *view;
};

G_DEFINE_FINAL_TYPE (RsCameraWindow, rs_camera_window, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  IMPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_captured (RsCameraView   *view,
             const char     *path,
             RsCameraWindow *self)
{
  /* Let the flash show for a moment before the window goes. */
  g_signal_emit (self, signals[CAPTURED], 0, path);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_import_requested (RsCameraView   *view,
                     RsCameraWindow *self)
{
  g_signal_emit (self, signals[IMPORT_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rs_camera_window_close_request (GtkWindow *window)
{
  RsCameraWindow *self = RS_CAMERA_WINDOW (window);

  if (self->view)
    rs_camera_view_stop (self->view);
  return GTK_WINDOW_CLASS (rs_camera_window_parent_class)->close_request (window);
}

static void
rs_camera_window_class_init (RsCameraWindowClass *klass)
{
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  window_class->close_request = rs_camera_window_close_request;

  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[IMPORT_REQUESTED] = g_signal_new ("import-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rs_camera_window_init (RsCameraWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

RsCameraWindow *
rs_camera_window_new (GtkWindow  *parent,
                      RsProfile  *profile,
                      const char *kind,
                      const char *slot_title)
{
  RsCameraWindow *self = g_object_new (RS_TYPE_CAMERA_WINDOW,
                                       "transient-for", parent,
                                       NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  g_autofree char *title = g_strdup_printf (_("Take Photo: %s"), slot_title ? slot_title : "");

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);

  self->view = RS_CAMERA_VIEW (rs_camera_view_new (profile, kind));
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));
  g_signal_connect (self->view, "captured", G_CALLBACK (on_captured), self);
  g_signal_connect (self->view, "import-requested", G_CALLBACK (on_import_requested), self);

  adw_window_set_content (ADW_WINDOW (self), box);
  return self;
}

RsCameraView *
rs_camera_window_get_view (RsCameraWindow *self)
{
  g_return_val_if_fail (RS_IS_CAMERA_WINDOW (self), NULL);
  return self->view;
}
