/* rs-locate-quads.c: the localiser's candidate quadrilaterals: convexity, perspective-corrected
 * aspect ratio, colour contrast across the sides, busyness inside, scoring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate-private.h"


/* |cos| of the angle between two lines */
double
rs_locate_cos_between (const Line *a,
                       const Line *b)
{
  return fabs (a->nx * b->nx + a->ny * b->ny);
}

gboolean
rs_locate_quad_convex (const RsPoint *c)
{
  int sign = 0;

  for (int i = 0; i < 4; i++)
    {
      RsPoint a = c[i], b = c[(i + 1) % 4], d = c[(i + 2) % 4];
      double cr = (b.x - a.x) * (d.y - b.y) - (b.y - a.y) * (d.x - b.x);
      int s = cr > 0 ? 1 : -1;
      if (fabs (cr) < 1e-9)
        return FALSE;
      if (sign == 0)
        sign = s;
      else if (s != sign)
        return FALSE;
    }
  return TRUE;
}

static double
quad_aspect_affine (const RsPoint *c)
{
  double s0 = dist (c[0], c[1]) + dist (c[2], c[3]);
  double s1 = dist (c[1], c[2]) + dist (c[3], c[0]);
  double a = s0 / MAX (1e-9, s1);
  return a >= 1 ? a : 1 / a;
}

static void
cross3 (const double *a,
        const double *b,
        double       *out)
{
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

static double
dot3 (const double *a,
      const double *b)
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* Aspect ratio (long/short) of the rectangle that the quad is a picture of,
 * undoing perspective (Zhang & He, "Whiteboard scanning and image
 * enhancement", 2007): with the principal point at the image centre
 * (u0, v0) the quad gives the focal length and then the ratio.  A quad that
 * is nearly a parallelogram carries no perspective to undo: use the ratio
 * of its side lengths. */
double
rs_locate_quad_aspect (const RsPoint *c,
                       double         u0,
                       double         v0,
                       double         diag)
{
  double m1[3] = { c[0].x, c[0].y, 1 }, m2[3] = { c[1].x, c[1].y, 1 };
  double m4[3] = { c[2].x, c[2].y, 1 }, m3[3] = { c[3].x, c[3].y, 1 };
  double x14[3], x24[3], x34[3], k2, k3, n2[3], n3[3], f2, f, a2[3], a3[3], r;

  cross3 (m1, m4, x14);
  cross3 (m2, m4, x24);
  cross3 (m3, m4, x34);
  if (fabs (dot3 (x24, m3)) < 1e-9 || fabs (dot3 (x34, m2)) < 1e-9)
    return quad_aspect_affine (c);
  k2 = dot3 (x14, m3) / dot3 (x24, m3);
  k3 = dot3 (x14, m2) / dot3 (x34, m2);
  for (int i = 0; i < 3; i++)
    {
      n2[i] = k2 * m2[i] - m1[i];
      n3[i] = k3 * m3[i] - m1[i];
    }
  if (fabs (n2[2] * n3[2]) < 1e-6)
    return quad_aspect_affine (c);
  f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
         + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0))
       / (n2[2] * n3[2]);
  f = f2 > 0 ? sqrt (f2) : 0;
  /* weak perspective gives a meaningless focal length */
  if (f < 0.4 * diag || f > 6 * diag)
    return quad_aspect_affine (c);
  /* A^-1 n, with A the camera matrix */
  a2[0] = (n2[0] - u0 * n2[2]) / f;
  a2[1] = (n2[1] - v0 * n2[2]) / f;
  a2[2] = n2[2];
  a3[0] = (n3[0] - u0 * n3[2]) / f;
  a3[1] = (n3[1] - v0 * n3[2]) / f;
  a3[2] = n3[2];
  r = sqrt (dot3 (a2, a2) / MAX (1e-12, dot3 (a3, a3)));
  return r >= 1 ? r : 1 / r;
}

/* Mean colour distance between points just inside and just outside each
 * side, over the visible part of the side. */
double
rs_locate_quad_contrast (const Work    *w,
                         const RsPoint *c,
                         int           *against)
{
  double sign[4];
  int nsign = 0, pos = 0, neg = 0;
  RsPoint m = { (c[0].x + c[1].x + c[2].x + c[3].x) / 4,
                (c[0].y + c[1].y + c[2].y + c[3].y) / 4 };
  double total = 0, weakest = 1;
  int sides = 0;
  const double off = 2.5;

  for (int s = 0; s < 4; s++)
    {
      RsPoint a = c[s], b = c[(s + 1) % 4];
      double len = dist (a, b);
      double nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
      double sum = 0, lum = 0;
      int n = 0;

      /* Point the normal outwards. */
      if ((a.x - m.x) * nx + (a.y - m.y) * ny < 0)
        {
          nx = -nx;
          ny = -ny;
        }
      for (int k = 0; k < 24; k++)
        {
          double t = 0.12 + 0.76 * k / 23.0;
          double px = a.x + t * (b.x - a.x), py = a.y + t * (b.y - a.y);
          int xi = ifloor (px - off * nx + 0.5), yi = ifloor (py - off * ny + 0.5);
          int xo = ifloor (px + off * nx + 0.5), yo = ifloor (py + off * ny + 0.5);
          double d2 = 0;

          if (xi < 0 || yi < 0 || xi >= w->w || yi >= w->h ||
              xo < 0 || yo < 0 || xo >= w->w || yo >= w->h)
            continue;
          for (int ch = 0; ch < w->nch; ch++)
            {
              double d = w->chan[ch][yi * w->w + xi] - w->chan[ch][yo * w->w + xo];
              d2 += d * d;
              lum += d;
            }
          sum += sqrt (d2 / w->nch);
          n++;
        }
      if (n >= 4)
        {
          double v = MIN (1.0, sum / n / CONTRAST_FULL);
          total += v;
          weakest = MIN (weakest, v);
          sides++;
          lum /= n * w->nch;
          if (fabs (lum) > POLARITY_MIN)
            sign[nsign++] = lum;
        }
    }
  /* A document is lighter (or darker) than what is around it on all sides;
   * count the sides that disagree with the majority. */
  for (int i = 0; i < nsign; i++)
    {
      pos += sign[i] > 0;
      neg += sign[i] < 0;
    }
  if (against)
    *against = MIN (pos, neg);
  /* The weakest side matters: a quad that ends inside the document (at a
   * photo box, a printed band) has one side with little contrast. */
  return sides > 0 ? 0.5 * total / sides + 0.5 * weakest : 0;
}

/* Is @p inside the convex quad @c (either orientation)? */
static gboolean
point_in_quad (const RsPoint *c,
               double         x,
               double         y)
{
  int pos = 0, neg = 0;

  for (int i = 0; i < 4; i++)
    {
      const RsPoint *a = &c[i], *b = &c[(i + 1) % 4];
      double cr = (b->x - a->x) * (y - a->y) - (b->y - a->y) * (x - a->x);
      pos += cr > 0;
      neg += cr < 0;
    }
  return pos == 0 || neg == 0;
}

/* Mean gradient magnitude over a grid spread across the inside of @c
 * (bilinear in the corners, away from the sides), leaving out points within
 * @hole (scaled up by 10 % about its centre) when it is given: how busy the
 * inside is.  Print, a photo and security patterns make a document's inside
 * busy; a plain sheet or a table is not.  Returns -1 if too few points. */
double
rs_locate_quad_busyness (const Work    *w,
                         const RsPoint *c,
                         const RsPoint *hole)
{
  RsPoint big[4];
  double sum = 0;
  int n = 0;

  if (hole)
    {
      double mx = (hole[0].x + hole[1].x + hole[2].x + hole[3].x) / 4;
      double my = (hole[0].y + hole[1].y + hole[2].y + hole[3].y) / 4;
      for (int i = 0; i < 4; i++)
        {
          big[i].x = mx + 1.1 * (hole[i].x - mx);
          big[i].y = my + 1.1 * (hole[i].y - my);
        }
    }
  for (int j = 0; j < 16; j++)
    for (int i = 0; i < 16; i++)
      {
        double u = 0.08 + 0.84 * i / 15, v = 0.08 + 0.84 * j / 15;
        double x = (1 - v) * ((1 - u) * c[0].x + u * c[1].x) + v * ((1 - u) * c[3].x + u * c[2].x);
        double y = (1 - v) * ((1 - u) * c[0].y + u * c[1].y) + v * ((1 - u) * c[3].y + u * c[2].y);
        int xi = ifloor (x + 0.5), yi = ifloor (y + 0.5);

        if (xi < 1 || yi < 1 || xi >= w->w - 1 || yi >= w->h - 1)
          continue;
        if (hole && point_in_quad (big, x, y))
          continue;
        {
          gboolean busy = FALSE;
          for (int dy = -2; dy <= 2 && !busy; dy++)
            for (int dx = -2; dx <= 2 && !busy; dx++)
              {
                int xx = CLAMP (xi + dx, 0, w->w - 1), yy = CLAMP (yi + dy, 0, w->h - 1);
                busy = w->edge[yy * w->w + xx] != 0;
              }
          sum += busy;
        }
        n++;
      }
  return n >= 24 ? sum / n : -1;
}

int
rs_locate_compare_cand (gconstpointer a,
                        gconstpointer b)
{
  const Cand *ca = a, *cb = b;
  return ca->score < cb->score ? 1 : ca->score > cb->score ? -1 : 0;
}

/* Area of the part of polygon @c inside [0,W]×[0,H]. */
double
rs_locate_area_inside (const RsPoint *c,
                       double         W,
                       double         H)
{
  RsPoint rect[4] = { { 0, 0 }, { W, 0 }, { W, H }, { 0, H } };
  RsPoint buf1[16], buf2[16];
  RsPoint *cur = buf1, *nxt = buf2;
  int n = 4;

  memcpy (cur, c, 4 * sizeof (RsPoint));
  if (poly_signed_area (cur, 4) < 0)
    for (int i = 0; i < 4; i++)
      cur[i] = c[3 - i];
  for (int i = 0; i < 4 && n > 0; i++)
    {
      RsPoint *t;
      n = rs_locate_clip_half_plane (cur, n, rect[i], rect[(i + 1) % 4], nxt);
      t = cur;
      cur = nxt;
      nxt = t;
    }
  return n >= 3 ? fabs (poly_signed_area (cur, n)) : 0;
}

double
rs_locate_aspect_penalty (double asp,
                          double hint)
{
  double d;

  if (hint > 0)
    d = fabs (log (asp / hint));
  else  /* ID-1 cards and ID-3 passport pages */
    d = MIN (fabs (log (asp / ID1_ASPECT)), fabs (log (asp / ID3_ASPECT)));
  /* perspective makes the apparent aspect wander a little */
  return MAX (0, d - 0.04);
}

/* Score the quadrilateral bounded by lines L[0..3] (side i on L[i]; corner i
 * where L[i] meets L[i+1]).  A line with sup == NULL is inferred, not seen:
 * it must lie (mostly) outside the image. */
gboolean
rs_locate_cand_eval (const Work    *w,
                     const Line   **L,
                     const RsPoint *corners,
                     double       aspect_lo,
                     double       aspect_hi,
                     double       hint,
                     double       floor_score,
                     Cand        *out)
{
  RsPoint *c = out->c;
  double W = w->w, H = w->h;
  double area, inside, asp, fr[4], vis[4], sum = 0, mn = 1, ext = 0;
  int known = 0;

  memcpy (c, corners, 4 * sizeof (RsPoint));
  area = fabs (poly_signed_area (c, 4));
  if (area < 0.06 * W * H || area > 1.3 * W * H)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (c[i].x < -0.35 * W || c[i].x > 1.35 * W || c[i].y < -0.35 * H || c[i].y > 1.35 * H)
      return FALSE;

  /* Side i lies on line L[i] between corners c[i-1] and c[i]. */
  for (int i = 0; i < 4; i++)
    {
      RsPoint p = c[(i + 3) % 4], q = c[i];
      double tp = line_param (L[i], p), tq = line_param (L[i], q);

      fr[i] = 0;
      if (L[i]->sup == NULL)
        {
          if (rs_locate_segment_visible (L[i], tp, tq) >= 0.2)
            return FALSE;
          vis[i] = 0;
          continue;
        }
      fr[i] = rs_locate_segment_support (L[i], tp, tq, SIDE_TRIM, &vis[i]);
      if (vis[i] >= 0.2)
        {
          sum += fr[i];
          mn = MIN (mn, fr[i]);
          known++;
        }
    }
  if (known < 3)
    return FALSE;
  out->edge = 0.6 * (sum / known) + 0.4 * mn;
  if (known == 3)
    out->edge *= KNOWN3;
  /* Everything below only lowers the score: stop if it cannot make it. */
  if (out->edge + 0.25 * sqrt (area / (W * H)) <= floor_score)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      RsPoint p = c[(i + 3) % 4], q = c[i], r = c[(i + 1) % 4];
      double ux = p.x - q.x, uy = p.y - q.y, vx = r.x - q.x, vy = r.y - q.y;
      double dot = ux * vx + uy * vy;
      /* interior angle outside ~53°..127° */
      if (dot * dot > 0.36 * (ux * ux + uy * uy) * (vx * vx + vy * vy))
        return FALSE;
    }
  if (!rs_locate_quad_convex (c))
    return FALSE;
  asp = rs_locate_quad_aspect (c, W / 2, H / 2, hypot (W, H));
  if (asp < aspect_lo || asp > aspect_hi)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (L[i]->sup != NULL && vis[i] >= 0.2)
      {
        RsPoint p = c[(i + 3) % 4], q = c[i];
        double tp = line_param (L[i], p), tq = line_param (L[i], q);
        double len = fabs (tq - tp), dir = tq > tp ? 1 : -1, ve;

        /* Does the line go on with support past the corners?  Then this
         * side is part of a longer edge and the quad ends too early. */
        ext += rs_locate_segment_support (L[i], tq + dir * 0.06 * len, tq + dir * 0.25 * len, 0, &ve) * (ve >= 0.5);
        ext += rs_locate_segment_support (L[i], tp - dir * 0.06 * len, tp - dir * 0.25 * len, 0, &ve) * (ve >= 0.5);
      }
  inside = rs_locate_area_inside (c, W, H);
  out->ext = ext;
  out->score = out->edge + 0.25 * sqrt (inside / (W * H))
               - 0.15 * ext
               - 0.8 * rs_locate_aspect_penalty (asp, hint)
               - 6.0 * (1 - inside / area) * (1 - inside / area);
  return TRUE;
}
