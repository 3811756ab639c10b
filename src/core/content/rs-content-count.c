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

static int
cmp_u8 (gconstpointer a,
        gconstpointer b)
{
  return *(const guint8 *) a - *(const guint8 *) b;
}

void
rs_content_paint_out (guint8       *pixels,
                      int           W,
                      int           H,
                      int           stride,
                      int           channels,
                      const RsQuad *quad)
{
  int c = channels, nc = MIN (c, 3), n = 0;
  guint8 ring[3][256], med[3] = { 128, 128, 128 };

  /* the background around the quad: median of points just outside it */
  for (int i = 0; i < 4; i++)
    {
      const RsPoint *a = &quad->p[i], *b = &quad->p[(i + 1) % 4];
      double len = MAX (hypot (b->x - a->x, b->y - a->y), 1e-9);
      double nx = (b->y - a->y) / len, ny = -(b->x - a->x) / len;

      for (int k = 0; k < 64 && n < 256; k++)
        {
          double t = (k + 0.5) / 64;
          int x = (int) lround (a->x + (b->x - a->x) * t + 4 * nx);
          int y = (int) lround (a->y + (b->y - a->y) * t + 4 * ny);

          if (x < 0 || y < 0 || x >= W || y >= H || rs_quad_contains (quad, x, y))
            continue;
          for (int q = 0; q < nc; q++)
            ring[q][n] = pixels[(gsize) y * stride + x * c + q];
          n++;
        }
    }
  if (n > 0)
    for (int q = 0; q < nc; q++)
      {
        qsort (ring[q], n, 1, cmp_u8);
        med[q] = ring[q][n / 2];
      }

  for (int y = 0; y < H; y++)
    {
      double fx0, fx1, a[3], b[3];
      int x0, x1, xl, xr;
      guint8 *row = pixels + (gsize) y * stride;

      if (!row_span (quad, y + 0.5, &fx0, &fx1))
        continue;
      x0 = MAX (0, (int) floor (fx0));
      x1 = MIN (W - 1, (int) ceil (fx1));
      if (x0 > x1)
        continue;
      /* the neighbours just outside, unless they are something else than
       * the background (another document next to this one) */
      xl = x0 - 2 >= 0 ? x0 - 2 : -1;
      xr = x1 + 2 < W ? x1 + 2 : -1;
      for (int side = 0; side < 2; side++)
        {
          int xs = side == 0 ? xl : xr, d = 0;
          double *v = side == 0 ? a : b;

          for (int q = 0; q < nc; q++)
            {
              v[q] = xs >= 0 ? row[xs * c + q] : med[q];
              d += abs ((int) v[q] - med[q]);
            }
          if (d > 3 * 40)
            for (int q = 0; q < nc; q++)
              v[q] = med[q];
        }
      for (int x = x0; x <= x1; x++)
        {
          double t = (double) (x - x0 + 1) / (x1 - x0 + 2);

          for (int q = 0; q < nc; q++)
            row[x * c + q] = (guint8) lround (a[q] + (b[q] - a[q]) * t);
        }
    }
}

/* How much of each side of @q (copy pixels) shows a colour step across it:
 * the smallest share over the four sides of 32 samples each with a mean
 * RGB difference ≥ 20 between points 3 px either side. */
static double
side_support (const RsContentImage *im,
              const RsQuad         *q)
{
  double worst = 1;

  for (int i = 0; i < 4; i++)
    {
      const RsPoint *a = &q->p[i], *b = &q->p[(i + 1) % 4];
      double dx = b->x - a->x, dy = b->y - a->y, len = hypot (dx, dy), nx, ny;
      int hits = 0, n = 0;

      if (len < 1)
        return 0;
      nx = -dy / len;
      ny = dx / len;
      for (int k = 0; k < 32; k++)
        {
          double t = 0.1 + 0.8 * (k + 0.5) / 32, x = a->x + dx * t, y = a->y + dy * t;
          int x0 = (int) lround (x - 3 * nx), y0 = (int) lround (y - 3 * ny);
          int x1 = (int) lround (x + 3 * nx), y1 = (int) lround (y + 3 * ny);
          const guint8 *p0, *p1;

          if (x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0 || x0 >= im->width || x1 >= im->width ||
              y0 >= im->height || y1 >= im->height)
            continue;
          p0 = im->pixels + (gsize) y0 * im->stride + x0 * 3;
          p1 = im->pixels + (gsize) y1 * im->stride + x1 * 3;
          n++;
          hits += (abs (p0[0] - p1[0]) + abs (p0[1] - p1[1]) + abs (p0[2] - p1[2])) >= 60;
        }
      worst = MIN (worst, n > 0 ? (double) hits / n : 0);
    }
  return worst;
}

/* A candidate that is another document: of similar size, and found with
 * the localiser's confidence or with an edge along all its sides and a
 * document's shape (docs/content.md has the figures behind these). */
#define OTHER_MIN_CONFIDENCE 0.25
#define OTHER_MIN_SUPPORT    0.70
#define OTHER_ASPECT_MIN     1.35
#define OTHER_ASPECT_MAX     1.85
#define OTHER_AREA_MIN       0.4
#define OTHER_AREA_MAX       2.5
/* Candidates tried: a rejected one is painted out too and the localiser
 * asked again. */
#define OTHER_TRIES 3
/* A rejected candidate this many times the first's area is searched
 * inside (its bounding box grown by the margin on each side). */
/* A document-like candidate 0.1–0.4 × the first's area: the first outline
 * may be something larger with a document inside (a frame, a book); when
 * the localiser finds one inside it of the candidate's size, there are two. */
#define INNER_OTHER_MIN   0.1
#define OTHER_ZOOM_AREA   1.5
#define OTHER_ZOOM_MARGIN 0.15

static gboolean
is_document (const RsOtherDocument *o)
{
  return o->area_ratio >= OTHER_AREA_MIN && o->area_ratio <= OTHER_AREA_MAX &&
         (o->confidence >= OTHER_MIN_CONFIDENCE ||
          (o->support >= OTHER_MIN_SUPPORT && o->aspect >= OTHER_ASPECT_MIN &&
           o->aspect <= OTHER_ASPECT_MAX));
}

/* @image reduced by @s into the W × H RGB @copy: box average over the
 * source pixels of each copy pixel. */
static void
reduce (const RsContentImage *image,
        double                s,
        guint8               *copy,
        int                   W,
        int                   H)
{
  int c = image->channels;

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

}

/* Judges the localiser's answer @r on the copy @im (found in the region at
 * @ox, @oy; mapped to image pixels in place): 1 when it is another
 * document, 0 when not, -1 when it is what is left of the first; keeps the
 * best candidate in @out. */
static int
judge (const RsContentImage *im,
       const RsContentImage *image,
       RsLocateResult       *r,
       int                   ox,
       int                   oy,
       double                s,
       double                first_area,
       const RsQuad         *grown,
       RsOtherDocument      *out,
       RsOtherDocument      *small)
{
  RsOtherDocument o = { 0 };
  double cx = 0, cy = 0;

  for (int i = 0; i < 4; i++)
    {
      r->quad.p[i].x += ox;
      r->quad.p[i].y += oy;
    }
  o.found = TRUE;
  o.support = side_support (im, &r->quad);
  for (int i = 0; i < 4; i++)
    {
      r->quad.p[i].x /= s;
      r->quad.p[i].y /= s;
      cx += r->quad.p[i].x / 4;
      cy += r->quad.p[i].y / 4;
    }
  o.quad = r->quad;
  o.confidence = r->confidence;
  o.area_ratio = rs_quad_area (&r->quad) / first_area;
  o.aspect = rs_quad_true_aspect (&r->quad, image->width, image->height);
  /* what is left of the painted document is not another one */
  if (rs_quad_iou (&r->quad, grown) > 0.05 || rs_quad_contains (grown, cx, cy))
    return -1;
  o.is_document = is_document (&o);
  if (!out->found || o.is_document)
    *out = o;
  if (!o.is_document && !small->found && o.area_ratio >= INNER_OTHER_MIN && o.area_ratio < OTHER_AREA_MIN)
    {
      RsOtherDocument t = o;

      /* the same test with the size left out */
      t.area_ratio = 1;
      if (is_document (&t))
        *small = o;
    }
  return o.is_document;
}

gboolean
rs_locate_another (const RsContentImage *image,
                   const RsQuad         *first,
                   double                aspect_hint,
                   int                   work_size,
                   RsOtherDocument      *out)
{
  /* a live frame is localised at @work_size anyway: a larger copy only
   * costs time (the whole live check of a 1280 × 720 frame: 10.4 → 8.3 ms) */
  double s = MIN (1.0, (double) (work_size > 0 ? work_size : COPY_LONG) /
                       MAX (image->width, image->height));
  int W = MAX (1, (int) (image->width * s)), H = MAX (1, (int) (image->height * s));
  g_autofree guint8 *copy = g_malloc ((gsize) W * H * 3);
  RsContentImage im = { copy, W, H, W * 3, 3, 1 };
  RsQuad paint, sq, grown;
  RsLocateOptions lo = { work_size, aspect_hint };
  int n_big;
  double first_area = MAX (rs_quad_area (first), 1.0);
  RsQuad big[OTHER_TRIES];
  RsOtherDocument small = { 0 };

  memset (out, 0, sizeof *out);
  reduce (image, s, copy, W, H);

  grow_quad (first, PAINT_GROW, &grown);
  sq = *first;
  n_big = 0;
  for (int tries = 0; tries < OTHER_TRIES; tries++)
    {
      RsLocateResult r;
      int verdict;

      for (int i = 0; i < 4; i++)
        {
          paint.p[i].x = sq.p[i].x * s;
          paint.p[i].y = sq.p[i].y * s;
        }
      grow_quad (&paint, PAINT_GROW, &paint);
      rs_content_paint_out (copy, W, H, W * 3, 3, &paint);

      rs_locate_document (im.pixels, im.width, im.height, im.stride, 3, &lo, &r);
      if (!r.found)
        break;
      verdict = judge (&im, image, &r, 0, 0, s, first_area, &grown, out, &small);
      if (verdict > 0)
        return TRUE;
      /* an outline larger than a document may hold one: looked into below */
      if (verdict == 0 && rs_quad_area (&r.quad) > OTHER_ZOOM_AREA * first_area)
        {
          for (int i = 0; i < 4; i++)
            {
              big[n_big].p[i].x = r.quad.p[i].x * s;
              big[n_big].p[i].y = r.quad.p[i].y * s;
            }
          n_big++;
        }
      sq = r.quad;
    }

  /* Not found in the whole picture: the localiser's best outline there can
   * be clutter or a long straight edge with the other document inside it.
   * Look again in smaller regions (the painted copy, so the first document
   * is not found again): inside each too-large outline, and in the strips
   * beside the first document that are wide enough to hold another.  Not
   * for live frames (@work_size set): too slow there, and the photo taken
   * gets the full check. */
  if (work_size <= 0)
  {
    int rx[8], ry[8], rw[8], rh[8], n = 0;
    double bx0 = G_MAXDOUBLE, by0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE, by1 = -G_MAXDOUBLE;

    for (int k = 0; k < n_big; k++)
      {
        double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE, gx, gy;

        for (int i = 0; i < 4; i++)
          {
            x0 = MIN (x0, big[k].p[i].x);
            x1 = MAX (x1, big[k].p[i].x);
            y0 = MIN (y0, big[k].p[i].y);
            y1 = MAX (y1, big[k].p[i].y);
          }
        gx = (x1 - x0) * OTHER_ZOOM_MARGIN;
        gy = (y1 - y0) * OTHER_ZOOM_MARGIN;
        rx[n] = MAX (0, (int) (x0 - gx));
        ry[n] = MAX (0, (int) (y0 - gy));
        rw[n] = MIN (W, (int) ceil (x1 + gx)) - rx[n];
        rh[n] = MIN (H, (int) ceil (y1 + gy)) - ry[n];
        n++;
      }
    for (int i = 0; i < 4; i++)
      {
        bx0 = MIN (bx0, grown.p[i].x * s);
        bx1 = MAX (bx1, grown.p[i].x * s);
        by0 = MIN (by0, grown.p[i].y * s);
        by1 = MAX (by1, grown.p[i].y * s);
      }
    {
      /* a strip must hold a document of the smallest size counted */
      double need = sqrt (OTHER_AREA_MIN) * MIN (bx1 - bx0, by1 - by0);
      int l = (int) MAX (0, bx0), r = (int) MIN (W, bx1), t = (int) MAX (0, by0), b = (int) MIN (H, by1);

      if (l >= need)
        rx[n] = 0, ry[n] = 0, rw[n] = l, rh[n] = H, n++;
      if (W - r >= need)
        rx[n] = r, ry[n] = 0, rw[n] = W - r, rh[n] = H, n++;
      if (t >= need)
        rx[n] = 0, ry[n] = 0, rw[n] = W, rh[n] = t, n++;
      if (H - b >= need)
        rx[n] = 0, ry[n] = b, rw[n] = W, rh[n] = H - b, n++;
    }
    for (int k = 0; k < n; k++)
      {
        RsLocateResult r;

        if (rw[k] < 16 || rh[k] < 16)
          continue;
        rs_locate_document (im.pixels + (gsize) ry[k] * im.stride + (gsize) rx[k] * 3, rw[k], rh[k],
                            im.stride, 3, &lo, &r);
        /* mostly outside the region: extrapolated from clutter or from the
         * region's own border (one corner out is a document cut by it) */
        if (!r.found || (r.cut_corners & (r.cut_corners - 1)) != 0)
          continue;
        if (judge (&im, image, &r, rx[k], ry[k], s, first_area, &grown, out, &small) > 0)
          return TRUE;
      }
  }
  if (small.found && work_size <= 0)
    {
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
      RsLocateResult r;
      int rx, ry, rw, rh;

      reduce (image, s, copy, W, H); /* undo the painting */
      for (int i = 0; i < 4; i++)
        {
          x0 = MIN (x0, grown.p[i].x * s);
          x1 = MAX (x1, grown.p[i].x * s);
          y0 = MIN (y0, grown.p[i].y * s);
          y1 = MAX (y1, grown.p[i].y * s);
        }
      rx = MAX (0, (int) x0);
      ry = MAX (0, (int) y0);
      rw = MIN (W, (int) ceil (x1)) - rx;
      rh = MIN (H, (int) ceil (y1)) - ry;
      if (rw >= 16 && rh >= 16)
        {
          rs_locate_document (im.pixels + (gsize) ry * im.stride + (gsize) rx * 3, rw, rh, im.stride, 3,
                              &lo, &r);
          if (r.found && (r.cut_corners & (r.cut_corners - 1)) == 0)
            {
              double inner;

              for (int i = 0; i < 4; i++)
                {
                  r.quad.p[i].x = (r.quad.p[i].x + rx) / s;
                  r.quad.p[i].y = (r.quad.p[i].y + ry) / s;
                }
              inner = rs_quad_area (&r.quad);
              if (inner < 0.8 * first_area && inner >= OTHER_AREA_MIN * small.area_ratio * first_area &&
                  inner <= OTHER_AREA_MAX * small.area_ratio * first_area)
                {
                  *out = small;
                  out->is_document = TRUE;
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}
