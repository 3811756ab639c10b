/* rs-content-count.c: a second document in the photo.
 *
 * The localiser (rs-locate.h) returns its best outline only.  To look for
 * another, the found document is painted out of a reduced copy of the image
 * with the background around it, row by row from its left to its right
 * neighbour (so no new outline appears where it was), and the localiser
 * runs again on the copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "rs-content-private.h"

/* The copy's long side: twice the localiser's work size is all it uses. */
#define COPY_LONG 768
/* The painted region: the outline grown by this share about its centre, so
 * that its edge and shadow go too. */
#define PAINT_GROW 0.06

static void
grow_quad (const RsQuad *q,
           double        grow,
           RsQuad       *out)
{
  double cx = 0, cy = 0;

  for (int i = 0; i < 4; i++)
    {
      cx += q->p[i].x / 4;
      cy += q->p[i].y / 4;
    }
  for (int i = 0; i < 4; i++)
    {
      out->p[i].x = cx + (q->p[i].x - cx) * (1 + grow);
      out->p[i].y = cy + (q->p[i].y - cy) * (1 + grow);
    }
}

/* Where the row @y crosses the convex quad @q: [*x0, *x1]. */
static gboolean
row_span (const RsQuad *q,
          double        y,
          double       *x0,
          double       *x1)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  for (int i = 0; i < 4; i++)
    {
      const RsPoint *a = &q->p[i], *b = &q->p[(i + 1) % 4];

      if ((a->y <= y && b->y > y) || (b->y <= y && a->y > y))
        {
          double x = a->x + (y - a->y) / (b->y - a->y) * (b->x - a->x);
          lo = MIN (lo, x);
          hi = MAX (hi, x);
        }
    }
  *x0 = lo;
  *x1 = hi;
  return lo <= hi;
}

void
rs_content_paint_out (guint8       *pixels,
                      int           W,
                      int           H,
                      int           stride,
                      int           channels,
                      const RsQuad *quad)
{
  int c = channels;

  for (int y = 0; y < H; y++)
    {
      double fx0, fx1;
      int x0, x1, xl, xr;
      guint8 *row = pixels + (gsize) y * stride;

      if (!row_span (quad, y + 0.5, &fx0, &fx1))
        continue;
      x0 = MAX (0, (int) floor (fx0));
      x1 = MIN (W - 1, (int) ceil (fx1));
      if (x0 > x1)
        continue;
      /* the neighbours just outside, or the one side there is */
      xl = x0 - 2 >= 0 ? x0 - 2 : -1;
      xr = x1 + 2 < W ? x1 + 2 : -1;
      for (int x = x0; x <= x1; x++)
        for (int k = 0; k < MIN (c, 3); k++)
          {
            double a, b, t = (double) (x - x0 + 1) / (x1 - x0 + 2);

            if (xl < 0 && xr < 0)
              a = b = 128;
            else
              {
                a = row[(xl >= 0 ? xl : xr) * c + k];
                b = row[(xr >= 0 ? xr : xl) * c + k];
              }
            row[x * c + k] = (guint8) lround (a + (b - a) * t);
          }
    }
}

gboolean
rs_locate_another (const RsContentImage *image,
                   const RsQuad         *first,
                   double                aspect_hint,
                   int                   work_size,
                   RsLocateResult       *out)
{
  double s = MIN (1.0, (double) COPY_LONG / MAX (image->width, image->height));
  int W = MAX (1, (int) (image->width * s)), H = MAX (1, (int) (image->height * s));
  g_autofree guint8 *copy = g_malloc ((gsize) W * H * 3);
  RsContentImage im = { copy, W, H, W * 3, 3, 1 };
  RsQuad paint, sq;
  RsLocateOptions lo = { work_size, aspect_hint };
  int c = image->channels;

  memset (out, 0, sizeof *out);
  /* reduce: box average over the source pixels of each copy pixel */
  for (int y = 0; y < H; y++)
    {
      int sy0 = (int) (y / s), sy1 = MAX (sy0 + 1, MIN (image->height, (int) ((y + 1) / s)));

      for (int x = 0; x < W; x++)
        {
          int sx0 = (int) (x / s), sx1 = MAX (sx0 + 1, MIN (image->width, (int) ((x + 1) / s)));
          guint acc[3] = { 0, 0, 0 }, n = 0;

          /* every other source pixel is enough for a 2×+ reduction */
          for (int yy = sy0; yy < sy1; yy += sy1 - sy0 > 2 ? 2 : 1)
            {
              const guint8 *row = image->pixels + (gsize) yy * image->stride;

              for (int xx = sx0; xx < sx1; xx += sx1 - sx0 > 2 ? 2 : 1)
                {
                  const guint8 *p = row + (gsize) xx * c;

                  acc[0] += p[0];
                  acc[1] += p[c == 1 ? 0 : 1];
                  acc[2] += p[c == 1 ? 0 : 2];
                  n++;
                }
            }
          for (int k = 0; k < 3; k++)
            copy[((gsize) y * W + x) * 3 + k] = (guint8) (acc[k] / MAX (n, 1u));
        }
    }

  for (int i = 0; i < 4; i++)
    {
      sq.p[i].x = first->p[i].x * s;
      sq.p[i].y = first->p[i].y * s;
    }
  grow_quad (&sq, PAINT_GROW, &paint);
  rs_content_paint_out (copy, W, H, W * 3, 3, &paint);

  rs_locate_document (im.pixels, im.width, im.height, im.stride, 3, &lo, out);
  if (!out->found)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      out->quad.p[i].x /= s;
      out->quad.p[i].y /= s;
    }
  /* what is left of the painted document is not another one */
  {
    RsQuad grown;
    double cx = 0, cy = 0;

    grow_quad (first, PAINT_GROW, &grown);
    for (int i = 0; i < 4; i++)
      {
        cx += out->quad.p[i].x / 4;
        cy += out->quad.p[i].y / 4;
      }
    if (rs_quad_iou (&out->quad, &grown) > 0.05 || rs_quad_contains (&grown, cx, cy))
      {
        out->found = FALSE;
        return FALSE;
      }
  }
  return TRUE;
}
