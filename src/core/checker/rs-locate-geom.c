/* rs-locate-geom.c: the localiser's geometry: areas, corner order, homographies,
 * polygon clipping and the overlap (IoU) of two outlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate-private.h"


double
rs_quad_area (const RsQuad *quad)
{
  g_return_val_if_fail (quad != NULL, 0);
  return fabs (poly_signed_area (quad->p, 4));
}

void
rs_quad_normalize (RsQuad *quad)
{
  RsPoint c = { 0, 0 };
  double ang[4];
  RsPoint tmp[4];
  int order[4] = { 0, 1, 2, 3 };
  int start = 0;
  double best = G_MAXDOUBLE;

  g_return_if_fail (quad != NULL);

  for (int i = 0; i < 4; i++)
    {
      c.x += quad->p[i].x / 4;
      c.y += quad->p[i].y / 4;
    }
  /* With y pointing down, increasing atan2 runs clockwise on screen. */
  for (int i = 0; i < 4; i++)
    ang[i] = atan2 (quad->p[i].y - c.y, quad->p[i].x - c.x);
  for (int i = 1; i < 4; i++)
    for (int j = i; j > 0 && ang[order[j]] < ang[order[j - 1]]; j--)
      {
        int t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (int i = 0; i < 4; i++)
    {
      const RsPoint *p = &quad->p[order[i]];
      double d = p->x * p->x + p->y * p->y;
      if (d < best)
        {
          best = d;
          start = i;
        }
    }
  for (int i = 0; i < 4; i++)
    tmp[i] = quad->p[order[(start + i) % 4]];
  memcpy (quad->p, tmp, sizeof tmp);
}

gboolean
rs_quad_homography (const RsPoint from[4],
                    const RsPoint to[4],
                    double        h[9])
{
  double A[8][9];

  g_return_val_if_fail (from != NULL && to != NULL && h != NULL, FALSE);

  /* The 8×8 linear system in h[0..7], solved by Gauss-Jordan elimination
   * with partial pivoting. */
  for (int i = 0; i < 4; i++)
    {
      double u = from[i].x, v = from[i].y, x = to[i].x, y = to[i].y;
      double r0[9] = { u, v, 1, 0, 0, 0, -u * x, -v * x, x };
      double r1[9] = { 0, 0, 0, u, v, 1, -u * y, -v * y, y };
      memcpy (A[2 * i], r0, sizeof r0);
      memcpy (A[2 * i + 1], r1, sizeof r1);
    }
  for (int c = 0; c < 8; c++)
    {
      int piv = c;
      for (int r = c + 1; r < 8; r++)
        if (fabs (A[r][c]) > fabs (A[piv][c]))
          piv = r;
      if (fabs (A[piv][c]) < 1e-12)
        return FALSE;
      if (piv != c)
        for (int k = 0; k < 9; k++)
          {
            double t = A[c][k];
            A[c][k] = A[piv][k];
            A[piv][k] = t;
          }
      for (int r = 0; r < 8; r++)
        if (r != c)
          {
            double f = A[r][c] / A[c][c];
            for (int k = c; k < 9; k++)
              A[r][k] -= f * A[c][k];
          }
    }
  for (int i = 0; i < 8; i++)
    h[i] = A[i][8] / A[i][i];
  h[8] = 1;
  return TRUE;
}

void
rs_homography_apply (const double h[9],
                     double       x,
                     double       y,
                     double      *out_x,
                     double      *out_y)
{
  double w = h[6] * x + h[7] * y + h[8];

  if (fabs (w) < 1e-12)
    w = 1e-12;
  *out_x = (h[0] * x + h[1] * y + h[2]) / w;
  *out_y = (h[3] * x + h[4] * y + h[5]) / w;
}

/* Clip polygon @in (n points) by the half-plane left of a->b (for a
 * counter-clockwise clip polygon in y-up terms, i.e. positive signed area). */
int
rs_locate_clip_half_plane (const RsPoint *in,
                           int            n,
                           RsPoint        a,
                           RsPoint        b,
                           RsPoint       *out)
{
  int m = 0;

  for (int i = 0; i < n; i++)
    {
      RsPoint p = in[i];
      RsPoint q = in[(i + 1) % n];
      double sp = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
      double sq = (b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x);

      if (sp >= 0)
        out[m++] = p;
      if ((sp >= 0) != (sq >= 0))
        {
          double t = sp / (sp - sq);
          out[m].x = p.x + t * (q.x - p.x);
          out[m].y = p.y + t * (q.y - p.y);
          m++;
        }
    }
  return m;
}

static void
to_positive_orientation (const RsQuad *q,
                         RsPoint      *out)
{
  if (poly_signed_area (q->p, 4) >= 0)
    memcpy (out, q->p, sizeof q->p);
  else
    for (int i = 0; i < 4; i++)
      out[i] = q->p[3 - i];
}

double
rs_quad_iou (const RsQuad *a,
             const RsQuad *b)
{
  RsQuad na, nb;
  RsPoint pa[4], pb[4];
  RsPoint buf1[16], buf2[16];
  RsPoint *cur = buf1, *nxt = buf2;
  int n = 4;
  double ia, ua;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  /* Any corner order: sort both around their centroids first. */
  na = *a;
  nb = *b;
  rs_quad_normalize (&na);
  rs_quad_normalize (&nb);
  to_positive_orientation (&na, pa);
  to_positive_orientation (&nb, pb);

  memcpy (cur, pa, sizeof pa);
  for (int i = 0; i < 4 && n > 0; i++)
    {
      RsPoint *t;
      n = rs_locate_clip_half_plane (cur, n, pb[i], pb[(i + 1) % 4], nxt);
      t = cur;
      cur = nxt;
      nxt = t;
    }
  ia = n >= 3 ? fabs (poly_signed_area (cur, n)) : 0;
  ua = rs_quad_area (a) + rs_quad_area (b) - ia;
  return ua > 0 ? ia / ua : 0;
}
