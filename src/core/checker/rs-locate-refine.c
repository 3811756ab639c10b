/* rs-locate-refine.c: the localiser's sub-pixel refinement of the chosen outline's sides on the
 * input image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate-private.h"

static void
src_sample (const Src *s,
            double     x,
            double     y,
            double    *out)
{
  int x0, y0, nc = s->channels >= 3 ? 3 : 1;
  double fx, fy;
  const guint8 *p00, *p01, *p10, *p11;

  x = CLAMP (x, 0, s->width - 1.001);
  y = CLAMP (y, 0, s->height - 1.001);
  x0 = (int) x;
  y0 = (int) y;
  fx = x - x0;
  fy = y - y0;
  p00 = s->pixels + (gsize) y0 * s->stride + (gsize) x0 * s->channels;
  p01 = p00 + s->channels;
  p10 = p00 + s->stride;
  p11 = p10 + s->channels;
  for (int c = 0; c < nc; c++)
    out[c] = (1 - fy) * ((1 - fx) * p00[c] + fx * p01[c]) + fy * ((1 - fx) * p10[c] + fx * p11[c]);
}

/* Fit a line to the strongest edge along the normals of side a→b, searching
 * ±@range input pixels.  Returns FALSE when too few points were found. */
static gboolean
refine_side (const Src *s,
             RsPoint    a,
             RsPoint    b,
             double     range,
             double     h,
             double    *nx_out,
             double    *ny_out,
             double    *rho_out)
{
  enum { NS = 48, MAXSTEP = 64 };
  double len = dist (a, b);
  double dx = (b.x - a.x) / len, dy = (b.y - a.y) / len;
  double nx = -dy, ny = dx;
  double px[NS], py[NS], wt[NS];
  int np = 0;
  int nsteps = MIN (MAXSTEP, (int) ceil (2 * range) + 1);
  double step = 2 * range / (nsteps - 1);
  int nc = s->channels >= 3 ? 3 : 1;

  for (int k = 0; k < NS; k++)
    {
      double t = SIDE_TRIM + (1 - 2 * SIDE_TRIM) * k / (NS - 1.0);
      double cx = a.x + t * (b.x - a.x), cy = a.y + t * (b.y - a.y);
      double resp[MAXSTEP];
      int best = -1;
      double bv = 0;

      /* Only where the whole search segment is inside the image. */
      {
        double ex1 = cx - (range + h) * nx, ey1 = cy - (range + h) * ny;
        double ex2 = cx + (range + h) * nx, ey2 = cy + (range + h) * ny;
        if (MIN (ex1, ex2) < 1 || MIN (ey1, ey2) < 1 ||
            MAX (ex1, ex2) > s->width - 2 || MAX (ey1, ey2) > s->height - 2)
          continue;
      }
      for (int j = 0; j < nsteps; j++)
        {
          double o = -range + j * step;
          double c1[3], c2[3], d2 = 0;
          src_sample (s, cx + (o - h) * nx, cy + (o - h) * ny, c1);
          src_sample (s, cx + (o + h) * nx, cy + (o + h) * ny, c2);
          for (int c = 0; c < nc; c++)
            d2 += (c2[c] - c1[c]) * (c2[c] - c1[c]);
          resp[j] = sqrt (d2 / nc);
          if (resp[j] > bv)
            {
              bv = resp[j];
              best = j;
            }
        }
      if (best <= 0 || best >= nsteps - 1 || bv < 8)
        continue;
      {
        double ym = resp[best - 1], y0 = resp[best], yp = resp[best + 1];
        double den = ym - 2 * y0 + yp;
        double sub = fabs (den) > 1e-9 ? 0.5 * (ym - yp) / den : 0;
        double o = -range + (best + CLAMP (sub, -0.5, 0.5)) * step;
        px[np] = cx + o * nx;
        py[np] = cy + o * ny;
        wt[np] = bv;
        np++;
      }
    }
  if (np < 8)
    return FALSE;

  /* Weighted total least squares, then one pass dropping outliers. */
  for (int pass = 0; pass < 3; pass++)
    {
      double sw = 0, mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, theta;
      double lnx, lny, rho;
      int kept = 0;

      for (int k = 0; k < np; k++)
        if (wt[k] > 0)
          {
            sw += wt[k];
            mx += wt[k] * px[k];
            my += wt[k] * py[k];
          }
      if (sw <= 0)
        return FALSE;
      mx /= sw;
      my /= sw;
      for (int k = 0; k < np; k++)
        if (wt[k] > 0)
          {
            double ux = px[k] - mx, uy = py[k] - my;
            sxx += wt[k] * ux * ux;
            sxy += wt[k] * ux * uy;
            syy += wt[k] * uy * uy;
          }
      /* Direction of largest spread; the normal is perpendicular to it. */
      theta = 0.5 * atan2 (2 * sxy, sxx - syy);
      lnx = -sin (theta);
      lny = cos (theta);
      rho = lnx * mx + lny * my;
      *nx_out = lnx;
      *ny_out = lny;
      *rho_out = rho;
      if (pass == 2)
        break;
      for (int k = 0; k < np; k++)
        {
          double r = fabs (lnx * px[k] + lny * py[k] - rho);
          if (r > MAX (1.0, range * 0.25))
            wt[k] = 0;
          else if (wt[k] > 0)
            kept++;
        }
      if (kept < 6)
        return FALSE;
    }
  return TRUE;
}

void
rs_locate_refine_quad (const Src *s,
                       RsQuad    *q,
                       double     scale)
{
  Line sides[4];
  gboolean ok[4];
  double h = MAX (1.0, 0.5 / scale);
  RsQuad orig = *q;

  /* Two passes: a wide search at work-pixel accuracy, then a narrow one. */
  for (int pass = 0; pass < 2; pass++)
    {
      double range = pass == 0 ? 2.0 / scale : MAX (1.5, 0.6 / scale);
      RsQuad nq;

      for (int i = 0; i < 4; i++)
        {
          RsPoint a = q->p[i], b = q->p[(i + 1) % 4];
          ok[i] = refine_side (s, a, b, range, pass == 0 ? h : MAX (1.0, h * 0.5),
                               &sides[i].nx, &sides[i].ny, &sides[i].rho);
        }
      nq = *q;
      for (int i = 0; i < 4; i++)
        {
          int prev = (i + 3) % 4;
          Line lp, li;
          RsPoint a = q->p[prev], b = q->p[i], c = q->p[(i + 1) % 4];
          RsPoint p;

          /* Corner i joins side prev (i-1 → i) and side i (i → i+1). */
          if (ok[prev])
            lp = sides[prev];
          else
            {
              lp.nx = -(b.y - a.y) / dist (a, b);
              lp.ny = (b.x - a.x) / dist (a, b);
              lp.rho = lp.nx * a.x + lp.ny * a.y;
            }
          if (ok[i])
            li = sides[i];
          else
            {
              li.nx = -(c.y - b.y) / dist (b, c);
              li.ny = (c.x - b.x) / dist (b, c);
              li.rho = li.nx * b.x + li.ny * b.y;
            }
          if (intersect (&lp, &li, &p))
            nq.p[i] = p;
        }
      /* Refinement may only nudge corners. */
      for (int i = 0; i < 4; i++)
        if (dist (nq.p[i], orig.p[i]) > 4.0 / scale)
          return;
      if (!rs_locate_quad_convex (nq.p))
        return;
      *q = nq;
    }
}
