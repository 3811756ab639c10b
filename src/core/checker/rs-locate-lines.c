/* rs-locate-lines.c: the localiser's straight edges: the orientation-restricted Hough vote, line
 * refits to their edge points, and edge support along a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate-private.h"


typedef struct {
  guint v;
  int   t, r;
} Peak;

static int
compare_peaks (gconstpointer a,
               gconstpointer b)
{
  const Peak *pa = a, *pb = b;
  /* strongest first; ties in a fixed order */
  if (pa->v != pb->v)
    return pa->v < pb->v ? 1 : -1;
  if (pa->t != pb->t)
    return pa->t < pb->t ? -1 : 1;
  return pa->r < pb->r ? -1 : pa->r > pb->r ? 1 : 0;
}

int
rs_locate_find_lines (Work  *w,
                      Line  *lines,
                      int    max_lines)
{
  int W = w->w, H = w->h;
  double diag = hypot (W, H);
  int nr = (int) ceil (W + diag) + 3;
  int roff = W + 1;
  double cs[N_THETA], sn[N_THETA];
  guint16 *acc = g_new0 (guint16, (gsize) N_THETA * nr);
  int n = 0;
  guint min_votes = MAX (10, (guint) (0.06 * MIN (W, H)));
  GArray *peaks = g_array_new (FALSE, FALSE, sizeof (Peak));

  for (int t = 0; t < N_THETA; t++)
    {
      cs[t] = cos (t * G_PI / N_THETA);
      sn[t] = sin (t * G_PI / N_THETA);
    }

  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      {
        int i = y * W + x;
        double phi;
        int t0;

        if (!w->edge[i])
          continue;
        phi = fast_atan2 (w->gy[i], w->gx[i]);
        if (phi < 0)
          phi += G_PI;
        t0 = ifloor (phi / G_PI * N_THETA + 0.5);
        for (int dt = -2; dt <= 2; dt++)
          {
            int t = (t0 + dt + N_THETA) % N_THETA;
            int r = ifloor (x * cs[t] + y * sn[t] + 0.5) + roff;
            guint16 *a = &acc[t * nr + r];
            if (*a < G_MAXUINT16)
              (*a)++;
          }
      }

  for (int t = 0; t < N_THETA; t++)
    for (int r = 1; r < nr - 1; r++)
      {
        guint v = acc[t * nr + r];
        gboolean is_max = TRUE;

        if (v < min_votes)
          continue;
        for (int dt = -1; dt <= 1 && is_max; dt++)
          {
            int tt = t + dt;
            if (tt < 0 || tt >= N_THETA)
              continue;
            for (int dr = -1; dr <= 1; dr++)
              {
                guint u = acc[tt * nr + r + dr];
                if (u > v || (u == v && (dt * 3 + dr) > 0))
                  {
                    is_max = FALSE;
                    break;
                  }
              }
          }
        if (is_max)
          {
            Peak p = { v, t, r };
            g_array_append_val (peaks, p);
          }
      }

  /* Strongest first; suppress near-duplicates. */
  g_array_sort (peaks, compare_peaks);

  for (guint i = 0; i < peaks->len && n < max_lines; i++)
    {
      Peak *p = &g_array_index (peaks, Peak, i);
      double th = p->t * G_PI / N_THETA;
      double rho = p->r - roff;
      gboolean dup = FALSE;
      Line *l;

      for (int j = 0; j < n && !dup; j++)
        {
          double c = lines[j].nx * cos (th) + lines[j].ny * sin (th);
          double dr = c > 0 ? fabs (rho - lines[j].rho) : fabs (rho + lines[j].rho);
          if (fabs (c) > cos (3.5 * G_PI / 180) && dr < 4)
            dup = TRUE;
        }
      if (dup)
        continue;
      /* A line hugging the frame border is the end of the picture, not an
       * edge in it: a document running out of the frame gets its unseen
       * corners from the other sides instead. */
      if (fabs (cos (th)) > 0.9)
        {
          double x0 = rho / cos (th), x1 = (rho - (H - 1) * sin (th)) / cos (th);
          if ((fabs (x0 - 1) < BORDER_GAP && fabs (x1 - 1) < BORDER_GAP) ||
              (fabs (x0 - (W - 2)) < BORDER_GAP && fabs (x1 - (W - 2)) < BORDER_GAP))
            continue;
        }
      else
        {
          double y0 = rho / sin (th), y1 = (rho - (W - 1) * cos (th)) / sin (th);
          if ((fabs (y0 - 1) < BORDER_GAP && fabs (y1 - 1) < BORDER_GAP) ||
              (fabs (y0 - (H - 2)) < BORDER_GAP && fabs (y1 - (H - 2)) < BORDER_GAP))
            continue;
        }
      l = &lines[n++];
      memset (l, 0, sizeof *l);
      l->nx = cos (th);
      l->ny = sin (th);
      l->rho = rho;
      l->votes = p->v;
    }

  g_array_unref (peaks);
  g_free (acc);
  return n;
}

/* The parameter range of @l inside [0, W-1] × [0, H-1]. */
void
rs_locate_line_clip (const Work *w,
                     Line       *l)
{
  double ta = -G_MAXDOUBLE, tb = G_MAXDOUBLE;
  /* gradients are only valid a pixel in from the border */
  double lo[2] = { 1.5, 1.5 }, hi[2] = { w->w - 2.5, w->h - 2.5 };
  double p[2] = { l->rho * l->nx, l->rho * l->ny }, d[2] = { -l->ny, l->nx };

  for (int k = 0; k < 2; k++)
    {
      double t1, t2;
      if (fabs (d[k]) < 1e-9)
        {
          if (p[k] < lo[k] || p[k] > hi[k])
            ta = G_MAXDOUBLE;
          continue;
        }
      t1 = (lo[k] - p[k]) / d[k];
      t2 = (hi[k] - p[k]) / d[k];
      ta = MAX (ta, MIN (t1, t2));
      tb = MIN (tb, MAX (t1, t2));
    }
  if (tb > ta)
    {
      l->ta = ta;
      l->tb = tb;
      l->nsamp = ifloor (tb - ta) + 1;
    }
  else
    {
      l->ta = l->tb = 0;
      l->nsamp = 0;
    }
}

static float
mag_at (const Work *w,
        double      x,
        double      y)
{
  int xi = ifloor (x + 0.5), yi = ifloor (y + 0.5);

  if (xi < 1 || yi < 1 || xi >= w->w - 1 || yi >= w->h - 1)
    return 0;
  return w->mag[yi * w->w + xi];
}

/* Weighted total least squares line through points; FALSE if degenerate. */
static gboolean
fit_line (const double *px,
          const double *py,
          const double *wt,
          int           n,
          double       *nx,
          double       *ny,
          double       *rho)
{
  double sw = 0, mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, theta;

  for (int k = 0; k < n; k++)
    {
      sw += wt[k];
      mx += wt[k] * px[k];
      my += wt[k] * py[k];
    }
  if (sw <= 0)
    return FALSE;
  mx /= sw;
  my /= sw;
  for (int k = 0; k < n; k++)
    {
      double ux = px[k] - mx, uy = py[k] - my;
      sxx += wt[k] * ux * ux;
      sxy += wt[k] * ux * uy;
      syy += wt[k] * uy * uy;
    }
  /* direction of largest spread; the normal is perpendicular to it */
  theta = 0.5 * atan2 (2 * sxy, sxx - syy);
  *nx = -sin (theta);
  *ny = cos (theta);
  *rho = *nx * mx + *ny * my;
  return TRUE;
}

/* The accumulator quantises angle and offset; fit the line again to the
 * edge points along it (strongest aligned gradient within ±2 pixels of
 * each sample, sub-pixel along the normal), weighted by gradient. */
static void
line_refit (const Work *w,
            Line       *l)
{
  float cosmin = (float) cos (20 * G_PI / 180);
  int cap = (int) ceil (hypot (w->w, w->h)) + 2;
  double *px = g_new (double, 3 * cap), *py = px + cap, *wt = px + 2 * cap;

  for (int iter = 0; iter < REFIT_ITER; iter++)
    {
      double dx = -l->ny, dy = l->nx;
      double p0x = l->rho * l->nx, p0y = l->rho * l->ny;
      double nx, ny, rho;
      int n = 0;

      rs_locate_line_clip (w, l);
      for (int k = 0; k < l->nsamp && n < cap; k++)
        {
          double t = l->ta + k;
          double sx = p0x + t * dx, sy = p0y + t * dy;
          float best = 0;
          int bo = 0;

          for (int o = -2; o <= 2; o++)
            {
              int x = ifloor (sx + o * l->nx + 0.5);
              int y = ifloor (sy + o * l->ny + 0.5);
              int i;
              float m;

              if (x < 1 || y < 1 || x >= w->w - 1 || y >= w->h - 1)
                continue;
              i = y * w->w + x;
              m = w->mag[i];
              if (m < 0.7f * w->thr || m <= best)
                continue;
              if (fabsf (w->gx[i] * (float) l->nx + w->gy[i] * (float) l->ny) < cosmin * m)
                continue;
              best = m;
              bo = o;
            }
          if (best <= 0)
            continue;
          {
            double ox = sx + bo * l->nx, oy = sy + bo * l->ny;
            double ym = mag_at (w, ox - l->nx, oy - l->ny), yp = mag_at (w, ox + l->nx, oy + l->ny);
            double den = ym - 2 * best + yp;
            double sub = den < -1e-6 ? CLAMP (0.5 * (ym - yp) / den, -0.5, 0.5) : 0;

            px[n] = ox + sub * l->nx;
            py[n] = oy + sub * l->ny;
            wt[n] = best;
            n++;
          }
        }
      if (n < 8 || !fit_line (px, py, wt, n, &nx, &ny, &rho))
        break;
      if (nx * l->nx + ny * l->ny < 0)
        {
          nx = -nx;
          ny = -ny;
          rho = -rho;
        }
      /* a refit that turns the line is fitting something else */
      if (nx * l->nx + ny * l->ny < cos (4 * G_PI / 180))
        break;
      l->nx = nx;
      l->ny = ny;
      l->rho = rho;
    }
  g_free (px);
}

/* Measure where along the line there is edge support: an edge point within
 * a pixel whose gradient is roughly normal to the line. */
/* The samples run along @path (the line as the accumulator found it; the
 * same as @l for a line that was not refitted). */
void
rs_locate_line_profile (const Work *w,
                        Line       *l,
                        const Line *path,
                        float       thr)
{
  int W = w->w, H = w->h;
  double dx = -path->ny, dy = path->nx;
  double p0x = path->rho * path->nx, p0y = path->rho * path->ny;
  float cosmin = (float) cos (20 * G_PI / 180);

  rs_locate_line_clip (w, l);
  l->sup = g_new (float, l->nsamp + 1);
  l->sup[0] = 0;
  for (int k = 0; k < l->nsamp; k++)
    {
      double t = l->ta + k;
      double px = p0x + t * dx, py = p0y + t * dy;
      float s = 0;

      for (int o = -1; o <= 1; o++)
        {
          int x = ifloor (px + o * l->nx + 0.5);
          int y = ifloor (py + o * l->ny + 0.5);
          int i;
          float m;

          if (x < 1 || y < 1 || x >= W - 1 || y >= H - 1)
            continue;
          i = y * W + x;
          m = w->mag[i];
          if (m < thr)
            continue;
          if (fabsf (w->gx[i] * (float) l->nx + w->gy[i] * (float) l->ny) < cosmin * m)
            continue;
          s = 1;
          break;
        }
      l->sup[k + 1] = l->sup[k] + s;
    }
}

void
rs_locate_line_prepare (const Work *w,
                        Line       *l)
{
  Line path = *l;

  line_refit (w, l);
  rs_locate_line_profile (w, l, &path, 0.7f * w->thr);
}

/* Visible fraction of the segment of @l between parameters t1 and t2. */
double
rs_locate_segment_visible (const Line *l,
                           double      t1,
                           double      t2)
{
  double lo = MIN (t1, t2), hi = MAX (t1, t2);

  if (hi - lo <= 0 || l->tb <= l->ta)
    return 0;
  return MAX (0, MIN (hi, l->tb) - MAX (lo, l->ta)) / (hi - lo);
}

/* Support of the segment of @l between parameters t1 and t2 (any order),
 * trimmed by @trim of its length at both ends.  Returns the supported
 * fraction of the visible part and sets *vis to the visible fraction. */
double
rs_locate_segment_support (const Line *l,
                           double      t1,
                           double      t2,
                           double      trim,
                           double     *vis)
{
  double lo = MIN (t1, t2), hi = MAX (t1, t2);
  double len = hi - lo;
  int ks, ke;

  lo += trim * len;
  hi -= trim * len;
  len = hi - lo;
  lo = MAX (lo, l->ta);
  hi = MIN (hi, l->tb);
  if (l->nsamp == 0 || hi <= lo || len <= 0)
    {
      *vis = 0;
      return 0;
    }
  ks = iceil (lo - l->ta);
  ke = ifloor (hi - l->ta);
  ks = CLAMP (ks, 0, l->nsamp - 1);
  ke = CLAMP (ke, 0, l->nsamp - 1);
  if (ke < ks)
    {
      *vis = 0;
      return 0;
    }
  *vis = MIN (1.0, (ke - ks + 1) / len);
  return (l->sup[ke + 1] - l->sup[ks]) / (ke - ks + 1);
}
