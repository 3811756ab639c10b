/* rs-test-screen.c: a photo re-photographed off a screen, in software.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "rs-test-card.h"
#include "rs-test-screen.h"

#define SUB     4     /* subsamples per camera pixel and axis */
#define STRIPE  0.80  /* lit share of a subpixel stripe's width */
#define ROW     0.85  /* lit share of a screen pixel's height */

GdkPixbuf *
rs_test_screen_photo (GdkPixbuf *pixbuf,
                      double     pitch,
                      double     degrees)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int sst = gdk_pixbuf_get_rowstride (pixbuf), sch = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  GdkPixbuf *out = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  int dst = gdk_pixbuf_get_rowstride (out);
  guint8 *d = gdk_pixbuf_get_pixels (out);
  double a = degrees * G_PI / 180, ca = cos (a), sa = sin (a);
  double cx = w / 2.0, cy = h / 2.0;
  /* each channel is lit on a third of the area times the gaps */
  double gain = 3.0 / (STRIPE * ROW);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double acc[3] = { 0, 0, 0 };

        for (int j = 0; j < SUB; j++)
          for (int i = 0; i < SUB; i++)
            {
              double px = x + (i + 0.5) / SUB - cx, py = y + (j + 0.5) / SUB - cy;
              /* camera → screen pixel units */
              double u = (ca * px + sa * py) / pitch, v = (-sa * px + ca * py) / pitch;
              double iu = floor (u), iv = floor (v), fu = u - iu, fv = v - iv;
              int s = (int) (fu * 3);
              double bx, by;
              int sx, sy;

              if (s > 2 || fu * 3 - s >= STRIPE || fv >= ROW)
                continue;
              /* the screen pixel shows the photo at its centre */
              bx = (iu + 0.5) * pitch;
              by = (iv + 0.5) * pitch;
              sx = (int) (ca * bx - sa * by + cx);
              sy = (int) (sa * bx + ca * by + cy);
              sx = CLAMP (sx, 0, w - 1);
              sy = CLAMP (sy, 0, h - 1);
              acc[s] += src[(gsize) sy * sst + (gsize) sx * sch + s];
            }
        for (int k = 0; k < 3; k++)
          d[(gsize) y * dst + x * 3 + k] = (guint8) MIN (255.0, acc[k] * gain / (SUB * SUB) + 0.5);
      }
  rs_test_blur (out, 0.7);
  return out;
}
