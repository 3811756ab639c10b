/* rs-photo-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photo-viewer.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rs-photo-preview.h"

#define ZOOM_MIN  1.0
#define ZOOM_MAX  8.0
#define ZOOM_STEP 1.25

struct _RsPhotoViewer
{
  GtkWindow          parent_instance;

  GtkScrolledWindow *scrolled;
  RsPhotoPreview    *preview;
  GtkWidget         *zoom_in;
  GtkWidget         *zoom_out;
  GtkWidget         *zoom_fit;
  double             zoom;     /* 1: the photo fits the window */
  double             centre_x; /* the view's middle, 0…1 of the photo */
  double             centre_y;
  double             old_upper;  /* the view's width before the zoom */
  guint              recentre_id;
  guint              recentre_frames;
};

G_DEFINE_FINAL_TYPE (RsPhotoViewer, rs_photo_viewer, GTK_TYPE_WINDOW)

/* After the zoomed size is allocated: scroll the remembered middle back
 * to the middle of the view. */
static gboolean
recentre_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  RsPhotoViewer *self = RS_PHOTO_VIEWER (widget);
  GtkAdjustment *ha = gtk_scrolled_window_get_hadjustment (self->scrolled);
  GtkAdjustment *va = gtk_scrolled_window_get_vadjustment (self->scrolled);

  /* Ticks come before layout: wait for the frame that has the new size. */
  if (gtk_adjustment_get_upper (ha) == self->old_upper && ++self->recentre_frames < 10)
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (ha, self->centre_x * gtk_adjustment_get_upper (ha) -
                                gtk_adjustment_get_page_size (ha) / 2);
  gtk_adjustment_set_value (va, self->centre_y * gtk_adjustment_get_upper (va) -
                                gtk_adjustment_get_page_size (va) / 2);
  self->recentre_id = 0;
  return G_SOURCE_REMOVE;
}

static void
zoom_by (RsPhotoViewer *self,
         double         factor)
{
  rs_photo_viewer_set_zoom (self, self->zoom * factor);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RsPhotoViewer         *self)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      zoom_by (self, ZOOM_STEP);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      zoom_by (self, 1 / ZOOM_STEP);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      rs_photo_viewer_set_zoom (self, ZOOM_MIN);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Ctrl+scroll zooms; plain scrolling pans the zoomed photo. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           RsPhotoViewer            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  zoom_by (self, dy < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
  return TRUE;
}

static GtkWidget *
icon_button (const char *icon,
             const char *name,
             const char *key)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  /* The key in the tooltip only: the name is read on its own. */
  g_autofree char *tooltip = g_strdup_printf ("%s (%s)", name, key);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

static void
rs_photo_viewer_class_init (RsPhotoViewerClass *klass)
{
}

static void
rs_photo_viewer_init (RsPhotoViewer *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkEventController *key, *scroll;

  self->zoom = ZOOM_MIN;
  gtk_widget_add_css_class (GTK_WIDGET (self), "rs-photo-viewer");

  self->zoom_out = icon_button ("zoom-out-symbolic", _("Zoom Out"), "−");
  self->zoom_fit = icon_button ("zoom-fit-best-symbolic", _("Fit to Window"), "0");
  self->zoom_in = icon_button ("zoom-in-symbolic", _("Zoom In"), "+");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->zoom_out);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->zoom_fit);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->zoom_in);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  self->preview = RS_PHOTO_PREVIEW (rs_photo_preview_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->preview), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->preview), TRUE);
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->preview));
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->scrolled));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), scroll);
}

static void
zoom_in_clicked (RsPhotoViewer *self)
{
  zoom_by (self, ZOOM_STEP);
}

static void
zoom_out_clicked (RsPhotoViewer *self)
{
  zoom_by (self, 1 / ZOOM_STEP);
}

static void
zoom_fit_clicked (RsPhotoViewer *self)
{
  rs_photo_viewer_set_zoom (self, ZOOM_MIN);
}

GtkWidget *
rs_photo_viewer_new (GtkWindow     *parent,
                     GdkTexture    *texture,
                     RsPhotoReport *report,
                     const char    *title)
{
  RsPhotoViewer *self;
  int width = 1000, height = 760;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  self = g_object_new (RS_TYPE_PHOTO_VIEWER, NULL);
  g_signal_connect_swapped (self->zoom_out, "clicked", G_CALLBACK (zoom_out_clicked), self);
  g_signal_connect_swapped (self->zoom_in, "clicked", G_CALLBACK (zoom_in_clicked), self);
  g_signal_connect_swapped (self->zoom_fit, "clicked", G_CALLBACK (zoom_fit_clicked), self);

  gtk_window_set_title (GTK_WINDOW (self), title);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_modal (GTK_WINDOW (self), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
      /* Large, but inside the main window's screen area. */
      width = MIN (width, MAX (gtk_widget_get_width (GTK_WIDGET (parent)), 360));
      height = MIN (height, MAX (gtk_widget_get_height (GTK_WIDGET (parent)), 480));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  rs_photo_preview_set_photo (self->preview, texture, report);
  rs_photo_viewer_set_zoom (self, ZOOM_MIN);
  return GTK_WIDGET (self);
}

double
rs_photo_viewer_get_zoom (RsPhotoViewer *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_VIEWER (self), 1.0);
  return self->zoom;
}

void
rs_photo_viewer_set_zoom (RsPhotoViewer *self,
                          double         zoom)
{
  int w, h;

  g_return_if_fail (RS_IS_PHOTO_VIEWER (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  self->zoom = zoom;
  gtk_widget_set_sensitive (self->zoom_in, zoom < ZOOM_MAX);
  gtk_widget_set_sensitive (self->zoom_out, zoom > ZOOM_MIN);
  gtk_widget_set_sensitive (self->zoom_fit, zoom > ZOOM_MIN);
  /* Zoomed: larger than the view, which then scrolls. */
  w = gtk_widget_get_width (GTK_WIDGET (self->scrolled));
  h = gtk_widget_get_height (GTK_WIDGET (self->scrolled));
  if (zoom <= ZOOM_MIN || w <= 0 || h <= 0)
    gtk_widget_set_size_request (GTK_WIDGET (self->preview), -1, -1);
  else
    {
      /* Keep the middle of the view where it was once the new size is
       * laid out. */
      GtkAdjustment *ha = gtk_scrolled_window_get_hadjustment (self->scrolled);
      GtkAdjustment *va = gtk_scrolled_window_get_vadjustment (self->scrolled);
      double old_w = MAX (gtk_adjustment_get_upper (ha), 1);
      double old_h = MAX (gtk_adjustment_get_upper (va), 1);

      self->centre_x = (gtk_adjustment_get_value (ha) + w / 2.0) / old_w;
      self->centre_y = (gtk_adjustment_get_value (va) + h / 2.0) / old_h;
      self->old_upper = gtk_adjustment_get_upper (ha);
      self->recentre_frames = 0;
      gtk_widget_set_size_request (GTK_WIDGET (self->preview), (int) (w * zoom), (int) (h * zoom));
      if (self->recentre_id == 0)
        self->recentre_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), recentre_tick, NULL, NULL);
    }
}
