/* rs-slot-example.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-slot-example.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rs-profile.h"

struct _RsSlotExample
{
  GtkWidget  parent_instance;

  char      *slot;
};

G_DEFINE_FINAL_TYPE (RsSlotExample, rs_slot_example, GTK_TYPE_WIDGET)

#define EX_W 160.0
#define EX_H 112.0

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
text_line (cairo_t *cr,
           double   x,
           double   y,
           double   w)
{
  rounded_rect (cr, x, y, w, 3.5, 1.5);
  cairo_fill (cr);
}

/* Card of ID-1 shape centred in the frame with a clear margin. */
static void
card (cairo_t *cr,
      double  *x,
      double  *y,
      double  *w,
      double  *h)
{
  *w = 118;
  *h = 118 / 1.586;
  *x = (EX_W - *w) / 2;
  *y = (EX_H - *h) / 2;
  rounded_rect (cr, *x, *y, *w, *h, 5);
  cairo_set_source_rgb (cr, 0.93, 0.95, 0.98);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.55, 0.62, 0.72);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
}

static void
draw_front (cairo_t *cr)
{
  double x, y, w, h;

  card (cr, &x, &y, &w, &h);
  /* Portrait on the right, as on the card's photo side. */
  cairo_rectangle (cr, x + w - 36, y + 9, 27, 34);
  cairo_set_source_rgb (cr, 0.80, 0.84, 0.90);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.55, 0.62, 0.72);
  cairo_arc (cr, x + w - 22.5, y + 21, 6, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x + w - 22.5, y + 41, 11, G_PI, 2 * G_PI);
  cairo_fill (cr);
  /* Name, sex, birth, address lines, then the number along the bottom. */
  cairo_set_source_rgb (cr, 0.45, 0.50, 0.58);
  text_line (cr, x + 9, y + 11, 40);
  text_line (cr, x + 9, y + 19, 52);
  text_line (cr, x + 9, y + 27, 48);
  text_line (cr, x + 9, y + 35, 60);
  text_line (cr, x + 9, y + 42, 44);
  cairo_set_source_rgb (cr, 0.25, 0.30, 0.38);
  text_line (cr, x + 30, y + h - 12, 80);
}

static void
draw_back (cairo_t *cr)
{
  double x, y, w, h, cx, cy;

  card (cr, &x, &y, &w, &h);
  /* The emblem: a ring with a five-pointed star. */
  cx = x + 20;
  cy = y + 20;
  cairo_set_source_rgb (cr, 0.85, 0.25, 0.20);
  cairo_arc (cr, cx, cy, 11, 0, 2 * G_PI);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.95, 0.75, 0.15);
  for (int i = 0; i < 10; i++)
    {
      double r = (i % 2 == 0) ? 7 : 3;
      double a = -G_PI / 2 + i * G_PI / 5;
      if (i == 0)
        cairo_move_to (cr, cx + r * cos (a), cy + r * sin (a));
      else
        cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
    }
  cairo_close_path (cr);
  cairo_fill (cr);
  /* Title in two lines, then authority and validity. */
  cairo_set_source_rgb (cr, 0.25, 0.30, 0.38);
  rounded_rect (cr, x + 40, y + 12, 66, 5, 2);
  cairo_fill (cr);
  rounded_rect (cr, x + 48, y + 22, 50, 4, 2);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.45, 0.50, 0.58);
  text_line (cr, x + 24, y + h - 22, 72);
  text_line (cr, x + 24, y + h - 13, 66);
}

static void
draw_passport (cairo_t *cr)
{
  double w = 124, h = 124 / 1.42;
  double x = (EX_W - w) / 2, y = (EX_H - h) / 2;

  rounded_rect (cr, x, y, w, h, 3);
  cairo_set_source_rgb (cr, 0.96, 0.94, 0.90);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.62, 0.58, 0.52);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  /* Portrait on the left, data on the right. */
  cairo_rectangle (cr, x + 8, y + 12, 30, 38);
  cairo_set_source_rgb (cr, 0.86, 0.83, 0.78);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.62, 0.58, 0.52);
  cairo_arc (cr, x + 23, y + 25, 6.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x + 23, y + 48, 12, G_PI, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.50, 0.46, 0.42);
  for (int i = 0; i < 5; i++)
    text_line (cr, x + 46, y + 12 + i * 8, i % 2 ? 50 : 64);
  /* The two machine-readable lines: rows of small chevrons. */
  cairo_set_source_rgb (cr, 0.20, 0.20, 0.22);
  cairo_set_line_width (cr, 1);
  for (int row = 0; row < 2; row++)
    {
      double ly = y + h - 17 + row * 8;
      for (double lx = x + 7; lx < x + w - 9; lx += 4)
        {
          cairo_move_to (cr, lx + 2.5, ly);
          cairo_line_to (cr, lx, ly + 2.5);
          cairo_line_to (cr, lx + 2.5, ly + 5);
        }
      cairo_stroke (cr);
    }
}

static void
draw_selfie (cairo_t  *cr,
             gboolean  with_document)
{
  double cx = with_document ? 62 : EX_W / 2, cy = 38;

  /* Head and shoulders. */
  cairo_set_source_rgb (cr, 0.55, 0.62, 0.72);
  cairo_arc (cr, cx, cy, 17, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, cx - 42, EX_H);
  cairo_curve_to (cr, cx - 40, cy + 26, cx + 40, cy + 26, cx + 42, EX_H);
  cairo_close_path (cr);
  cairo_fill (cr);
  if (!with_document)
    return;
  /* A raised arm holding a card beside the face, face not covered. */
  cairo_set_line_width (cr, 7);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, cx + 34, EX_H - 6);
  cairo_line_to (cr, cx + 54, cy + 26);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_translate (cr, cx + 58, cy + 8);
  rounded_rect (cr, -20, -13, 40, 25, 3);
  cairo_set_source_rgb (cr, 0.93, 0.95, 0.98);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.35, 0.40, 0.48);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_rectangle (cr, 7, -8, 9, 12);
  cairo_fill (cr);
  text_line (cr, -16, -7, 18);
  text_line (cr, -16, 0, 14);
  cairo_restore (cr);
}

static void
rs_slot_example_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RsSlotExample *self = RS_SLOT_EXAMPLE (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  double scale;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  scale = MIN (w / EX_W, h / EX_H);
  cairo_translate (cr, (w - EX_W * scale) / 2, (h - EX_H * scale) / 2);
  cairo_scale (cr, scale, scale);

  /* A plain dark surface: what a good background looks like. */
  rounded_rect (cr, 0, 0, EX_W, EX_H, 8);
  cairo_set_source_rgb (cr, 0.22, 0.24, 0.27);
  cairo_fill (cr);

  if (g_strcmp0 (self->slot, RS_SLOT_ID_BACK) == 0)
    draw_back (cr);
  else if (g_strcmp0 (self->slot, RS_SLOT_PASSPORT) == 0)
    draw_passport (cr);
  else if (g_strcmp0 (self->slot, RS_SLOT_SELFIE) == 0)
    draw_selfie (cr, FALSE);
  else if (g_strcmp0 (self->slot, RS_SLOT_EXAMPLE_SELFIE_WITH_DOCUMENT) == 0)
    draw_selfie (cr, TRUE);
  else
    draw_front (cr);

  cairo_destroy (cr);
}

static void
rs_slot_example_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? (int) EX_W / 2 : (int) EX_H / 2;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? (int) EX_W : (int) EX_H;
}

static void
update_description (RsSlotExample *self)
{
  const char *desc;

  if (g_strcmp0 (self->slot, RS_SLOT_ID_BACK) == 0)
    desc = _("Example of a good photo: the whole emblem side of the card, flat, on a plain dark surface with space around it");
  else if (g_strcmp0 (self->slot, RS_SLOT_PASSPORT) == 0)
    desc = _("Example of a good photo: the whole passport photo page including the two lines of characters at the bottom, with space around it");
  else if (g_strcmp0 (self->slot, RS_SLOT_EXAMPLE_SELFIE_WITH_DOCUMENT) == 0)
    desc = _("Example of a good photo: your face and shoulders, holding the document beside your face without covering it");
  else if (g_strcmp0 (self->slot, RS_SLOT_SELFIE) == 0)
    desc = _("Example of a good photo: your face and shoulders, looking straight at the camera in even light");
  else
    desc = _("Example of a good photo: the whole photo side of the card, flat, on a plain dark surface with space around it");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, desc,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), desc);
}

static void
rs_slot_example_finalize (GObject *object)
{
  RsSlotExample *self = RS_SLOT_EXAMPLE (object);

  g_free (self->slot);

  G_OBJECT_CLASS (rs_slot_example_parent_class)->finalize (object);
}

static void
rs_slot_example_class_init (RsSlotExampleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rs_slot_example_finalize;
  widget_class->snapshot = rs_slot_example_snapshot;
  widget_class->measure = rs_slot_example_measure;

  gtk_widget_class_set_css_name (widget_class, "rs-slot-example");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rs_slot_example_init (RsSlotExample *self)
{
  update_description (self);
}

GtkWidget *
rs_slot_example_new (const char *slot)
{
  RsSlotExample *self = g_object_new (RS_TYPE_SLOT_EXAMPLE, NULL);

  rs_slot_example_set_slot (self, slot);
  return GTK_WIDGET (self);
}

void
rs_slot_example_set_slot (RsSlotExample *self,
                          const char    *slot)
{
  g_return_if_fail (RS_IS_SLOT_EXAMPLE (self));

  g_free (self->slot);
  self->slot = g_strdup (slot);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
rs_slot_example_get_slot (RsSlotExample *self)
{
  g_return_val_if_fail (RS_IS_SLOT_EXAMPLE (self), NULL);
  return self->slot;
}
