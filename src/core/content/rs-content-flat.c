/* rs-content-flat.c: the flattened document the content checks look at,
 * and the outline's true aspect ratio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "rs-content-private.h"

void
rs_flat_clear (RsFlat *f)
{
  g_clear_pointer (&f->rgb, g_free);
  g_clear_pointer (&f->lum, g_free);
}

static double
side (const RsQuad *q,
      int           i)
{
  const RsPoint *a = &q->p[i], *b = &q->p[(i + 1) % 4];

  return hypot (b->x - a->x, b->y - a->y);
}

static void
flat_alloc (RsFlat *f)
{
  f->rgb = g_malloc ((gsize) f->W * f->H * 3);
  f->lum = g_malloc ((gsize) f->W * f->H * sizeof (float));
}

/* Rounds a non-negative @v as lround() does (half away from zero). */
static inline int
round_pos (double v)
{
  int r = (int) v;

  return v - r >= 0.5 ? r + 1 : r;
}

/* Bilinear RGB (pixel centres at integers, clamped) at the homography's
 * image of each sample.  Along a row of samples the homography's
 * numerators and denominator step by constants: one reciprocal per sample
 * instead of the 3×3 product and two divisions (this loop was 23 ms of a
 * 12 MP check's ~57 ms of content checks). */
static void
flat_fill (const RsContentImage *im,
           int                   ss,
           RsFlat               *f)
{
  const double *h = f->h;
  const int c = im->channels, Wm = im->width - 1, Hm = im->height - 1;
  const int o1 = c == 1 ? 0 : 1, o2 = c == 1 ? 0 : 2;
  const double n = ss * ss, du = 1.0 / ss;
  g_autofree double *acc = g_new (double, (gsize) f->W * 3);

  for (int y = 0; y < f->H; y++)
    {
      memset (acc, 0, sizeof (double) * f->W * 3);
      for (int sy = 0; sy < ss; sy++)
        {
          double Yc = y + (sy + 0.5) * du, X0 = 0.5 * du;
          double nx = h[0] * X0 + h[1] * Yc + h[2];
          double ny = h[3] * X0 + h[4] * Yc + h[5];
          double w = h[6] * X0 + h[7] * Yc + h[8];
          const double dnx = h[0] * du, dny = h[3] * du, dw = h[6] * du;

          for (int x = 0; x < f->W; x++)
            {
              double *a = acc + (gsize) x * 3;

              for (int sx = 0; sx < ss; sx++)
                {
                  double iw = 1.0 / (fabs (w) < 1e-12 ? 1e-12 : w);
                  double px = nx * iw - 0.5, py = ny * iw - 0.5, fx, fy;
                  int x0, y0, x1, y1;
                  const guint8 *r0, *r1;

                  nx += dnx;
                  ny += dny;
                  w += dw;
                  if (!(px >= 0))
                    px = 0;
                  if (!(py >= 0))
                    py = 0;
                  if (!(px <= Wm))
                    px = Wm;
                  if (!(py <= Hm))
                    py = Hm;
                  x0 = (int) px;
                  y0 = (int) py;
                  x1 = MIN (x0 + 1, Wm) * c;
                  y1 = MIN (y0 + 1, Hm);
                  fx = px - x0;
                  fy = py - y0;
                  x0 *= c;
                  r0 = im->pixels + (gsize) y0 * im->stride;
                  r1 = im->pixels + (gsize) y1 * im->stride;
                  {
                    double w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy);
                    double w10 = (1 - fx) * fy, w11 = fx * fy;

                    a[0] += r0[x0] * w00 + r0[x1] * w01 + r1[x0] * w10 + r1[x1] * w11;
                    a[1] += r0[x0 + o1] * w00 + r0[x1 + o1] * w01 + r1[x0 + o1] * w10 + r1[x1 + o1] * w11;
                    a[2] += r0[x0 + o2] * w00 + r0[x1 + o2] * w01 + r1[x0 + o2] * w10 + r1[x1 + o2] * w11;
                  }
                }
            }
        }
      for (int x = 0; x < f->W; x++)
        {
          gsize i = (gsize) y * f->W + x;
          const double *a = acc + (gsize) x * 3;

          f->rgb[i * 3 + 0] = (guint8) CLAMP (round_pos (a[0] / n), 0, 255);
          f->rgb[i * 3 + 1] = (guint8) CLAMP (round_pos (a[1] / n), 0, 255);
          f->rgb[i * 3 + 2] = (guint8) CLAMP (round_pos (a[2] / n), 0, 255);
          f->lum[i] = (float) ((0.299 * a[0] + 0.587 * a[1] + 0.114 * a[2]) / n);
        }
    }
}

gboolean
rs_flat_document (const RsContentImage *image,
                  const RsQuad         *quad,
                  double                aspect,
                  int                   W,
                  int                   ss,
                  RsFlat               *out)
{
  RsQuad q = *quad;
  const RsPoint *p;

  memset (out, 0, sizeof *out);
  /* the long sides first */
  if (side (quad, 0) + side (quad, 2) < side (quad, 1) + side (quad, 3))
    for (int i = 0; i < 4; i++)
      q.p[i] = quad->p[(i + 1) % 4];
  out->W = W;
  out->H = MAX (8, (int) lround (W / (aspect > 0 ? aspect : 1.586)));
  {
    const RsPoint rect[4] = { { 0, 0 }, { out->W, 0 }, { out->W, out->H }, { 0, out->H } };

    if (!rs_quad_homography (rect, q.p, out->h))
      return FALSE;
  }
  p = q.p;
  for (int i = 0; i < 4; i++)
    if (!isfinite (p[i].x) || !isfinite (p[i].y))
      return FALSE;
  flat_alloc (out);
  flat_fill (image, MAX (1, ss), out);
  return TRUE;
}

void
rs_flat_whole (const RsContentImage *image,
               int                   max_long,
               RsFlat               *out)
{
  double s = MAX (1.0, (double) MAX (image->width, image->height) / max_long);

  memset (out, 0, sizeof *out);
  out->W = MAX (1, (int) (image->width / s));
  out->H = MAX (1, (int) (image->height / s));
  out->h[0] = (double) image->width / out->W;
  out->h[4] = (double) image->height / out->H;
  out->h[8] = 1;
  flat_alloc (out);
  flat_fill (image, CLAMP ((int) ceil (s - 0.25), 1, 3), out);
}

void
rs_flat_rotate_180 (RsFlat *f)
{
  gsize n = (gsize) f->W * f->H;
  double t[9], r[9] = { -1, 0, f->W, 0, -1, f->H, 0, 0, 1 };

  for (gsize i = 0; i < n / 2; i++)
    {
      gsize j = n - 1 - i;
      float l = f->lum[i];

      f->lum[i] = f->lum[j];
      f->lum[j] = l;
      for (int k = 0; k < 3; k++)
        {
          guint8 c = f->rgb[i * 3 + k];
          f->rgb[i * 3 + k] = f->rgb[j * 3 + k];
          f->rgb[j * 3 + k] = c;
        }
    }
  /* new (x, y) is old (W − x, H − y): h' = h · r */
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      t[i * 3 + j] = f->h[i * 3] * r[j] + f->h[i * 3 + 1] * r[3 + j] + f->h[i * 3 + 2] * r[6 + j];
  memcpy (f->h, t, sizeof t);
}

void
rs_flat_rect_to_quad (const RsFlat *f,
                      double        x,
                      double        y,
                      double        w,
                      double        h,
                      double        scale,
                      RsQuad       *out)
{
  const double cx[4] = { x, x + w, x + w, x };
  const double cy[4] = { y, y, y + h, y + h };

  for (int k = 0; k < 4; k++)
    {
      rs_homography_apply (f->h, cx[k], cy[k], &out->p[k].x, &out->p[k].y);
      out->p[k].x *= scale;
      out->p[k].y *= scale;
    }
  rs_quad_normalize (out);
}

/* Zhang & He, "Whiteboard scanning and image enhancement" (2007): with the
 * principal point at the image centre and square pixels, the quad's
 * vanishing geometry gives the focal length and the rectangle's true
 * aspect. */
double
rs_quad_true_aspect (const RsQuad *quad,
                     int           width,
                     int           height)
{
  double u0 = width / 2.0, v0 = height / 2.0;
  /* m1 top-left, m2 top-right, m3 bottom-left, m4 bottom-right */
  const RsPoint *P = quad->p;
  double m1[3] = { P[0].x, P[0].y, 1 }, m2[3] = { P[1].x, P[1].y, 1 };
  double m3[3] = { P[3].x, P[3].y, 1 }, m4[3] = { P[2].x, P[2].y, 1 };
  double c14[3], k2, k3, n2[3], n3[3], f2, w2, h2, a;
  double l0 = (side (quad, 0) + side (quad, 2)) / 2, l1 = (side (quad, 1) + side (quad, 3)) / 2;
  double simple = l0 > l1 ? l0 / MAX (l1, 1e-9) : l1 / MAX (l0, 1e-9);

  c14[0] = m1[1] * m4[2] - m1[2] * m4[1];
  c14[1] = m1[2] * m4[0] - m1[0] * m4[2];
  c14[2] = m1[0] * m4[1] - m1[1] * m4[0];
  {
    double d2 = (m2[1] * m4[2] - m2[2] * m4[1]) * m3[0] + (m2[2] * m4[0] - m2[0] * m4[2]) * m3[1] +
                (m2[0] * m4[1] - m2[1] * m4[0]) * m3[2];
    double d3 = (m3[1] * m4[2] - m3[2] * m4[1]) * m2[0] + (m3[2] * m4[0] - m3[0] * m4[2]) * m2[1] +
                (m3[0] * m4[1] - m3[1] * m4[0]) * m2[2];
    if (fabs (d2) < 1e-9 || fabs (d3) < 1e-9)
      return simple;
    k2 = (c14[0] * m3[0] + c14[1] * m3[1] + c14[2] * m3[2]) / d2;
    k3 = (c14[0] * m2[0] + c14[1] * m2[1] + c14[2] * m2[2]) / d3;
  }
  for (int i = 0; i < 3; i++)
    {
      n2[i] = k2 * m2[i] - m1[i];
      n3[i] = k3 * m3[i] - m1[i];
    }
  /* nearly parallel sides: no usable vanishing point, no perspective to undo */
  if (fabs (n2[2]) < 1e-3 * fabs (n2[0]) + 1e-9 || fabs (n3[2]) < 1e-3 * fabs (n3[1]) + 1e-9 ||
      fabs (n2[2] * n3[2]) < 1e-12)
    return simple;
  f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0) +
         (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)) /
       (n2[2] * n3[2]);
  if (!(f2 > 0))
    return simple;
  {
    /* |A⁻¹ n|² with A = [[f,0,u0],[0,f,v0],[0,0,1]] */
    double f = sqrt (f2);
    double x2 = (n2[0] - u0 * n2[2]) / f, y2 = (n2[1] - v0 * n2[2]) / f;
    double x3 = (n3[0] - u0 * n3[2]) / f, y3 = (n3[1] - v0 * n3[2]) / f;

    w2 = x2 * x2 + y2 * y2 + n2[2] * n2[2];
    h2 = x3 * x3 + y3 * y3 + n3[2] * n3[2];
  }
  if (!(w2 > 0 && h2 > 0))
    return simple;
  a = sqrt (w2 / h2);
  if (a < 1)
    a = 1 / a;
  /* a focal length far outside a phone's (tiny perspective) makes the
   * estimate unstable; the simple ratio is then as good */
  if (!isfinite (a) || sqrt (f2) > 20.0 * MAX (width, height) || sqrt (f2) < 0.3 * MAX (width, height))
    return simple;
  return a;
}

gboolean
rs_quad_contains (const RsQuad *q,
                  double        x,
                  double        y)
{
  int sign = 0;

  for (int i = 0; i < 4; i++)
    {
      const RsPoint *a = &q->p[i], *b = &q->p[(i + 1) % 4];
      double c = (b->x - a->x) * (y - a->y) - (b->y - a->y) * (x - a->x);
      int sg = c > 0 ? 1 : (c < 0 ? -1 : 0);

      if (sg != 0 && sign != 0 && sg != sign)
        return FALSE;
      if (sg != 0)
        sign = sg;
    }
  return TRUE;
}
