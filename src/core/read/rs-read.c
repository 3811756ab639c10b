/* rs-read.c: flatten, binarise, find the text lines, cut them into cells,
 * classify the cells against the OCR-B templates and let the check digits
 * choose among close candidates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rs-read-private.h"
#include "rs-validate.h"

/* Long side of the flattened document: about 8 px per mm on a passport page
 * and 11 on a card, so that an OCR-B character is about 20 px high. */
#define PASSPORT_SIDE 1000
#define CARD_SIDE     950
#define WHOLE_SIDE    1600
/* Share of the page (from its bottom) a passport's MRZ is looked for in. */
#define MRZ_BAND      0.42

/* A candidate may replace the best one only when its score is this close:
 * the check digits choose between look-alikes, not between any glyphs. */
#define DELTA 0.12
/* Below this a cell is unreadable. */
#define MIN_SCORE 0.45

#define O_ZERO_MARGIN 0.08

/* Cells of unchecked parts below this score, or this close to a rival,
 * make the part unsure. */
#define UNSURE_SCORE  0.7
#define UNSURE_MARGIN 0.05

/* A number line must look like OCR-B throughout. */
#define NUMBER_MIN_MEAN 0.8
#define NUMBER_MIN_CELL 0.55
/* An MRZ block is kept only when its cells' mean score is above this:
 * printed OCR-B scores above 0.85, other text about 0.75. */
#define MRZ_MIN_MEAN 0.82
/* At most this many cells of stray ink before an MRZ line (mrz_decode's
 * @start). */
#define MRZ_MAX_START 4

#define SHIFT_X 2
#define SHIFT_Y 2

/* ------------------------------------------------------------------ */
/* Geometry                                                            */

static gboolean
solve8 (double a[8][9])
{
  for (int c = 0; c < 8; c++)
    {
      int piv = c;

      for (int r = c + 1; r < 8; r++)
        if (fabs (a[r][c]) > fabs (a[piv][c]))
          piv = r;
      if (fabs (a[piv][c]) < 1e-12)
        return FALSE;
      if (piv != c)
        for (int k = 0; k < 9; k++)
          {
            double t = a[c][k];
            a[c][k] = a[piv][k];
            a[piv][k] = t;
          }
      for (int r = 0; r < 8; r++)
        if (r != c)
          {
            double f = a[r][c] / a[c][c];
            for (int k = c; k < 9; k++)
              a[r][k] -= f * a[c][k];
          }
    }
  return TRUE;
}

/* h maps @from[i] to @to[i]. */
static gboolean
homography (const RsPoint from[4],
            const RsPoint to[4],
            double        h[9])
{
  double a[8][9];

  for (int i = 0; i < 4; i++)
    {
      double x = from[i].x, y = from[i].y, u = to[i].x, v = to[i].y;
      double r0[9] = { x, y, 1, 0, 0, 0, -u * x, -u * y, u };
      double r1[9] = { 0, 0, 0, x, y, 1, -v * x, -v * y, v };

      memcpy (a[2 * i], r0, sizeof r0);
      memcpy (a[2 * i + 1], r1, sizeof r1);
    }
  if (!solve8 (a))
    return FALSE;
  for (int i = 0; i < 8; i++)
    h[i] = a[i][8] / a[i][i];
  h[8] = 1;
  return TRUE;
}

typedef struct {
  const guint8 *pixels;
  int           width, height, stride, channels;
} Image;

static double
sample (const Image *im,
        double       x,
        double       y)
{
  int x0, y0, x1, y1;
  double fx, fy;

  if (!(x >= 0))
    x = 0;
  if (!(y >= 0))
    y = 0;
  if (!(x <= im->width - 1))
    x = im->width - 1;
  if (!(y <= im->height - 1))
    y = im->height - 1;
  x0 = (int) x;
  y0 = (int) y;
  x1 = MIN (x0 + 1, im->width - 1);
  y1 = MIN (y0 + 1, im->height - 1);
  fx = x - x0;
  fy = y - y0;
  {
    const guint8 *a = im->pixels + (gsize) y0 * im->stride, *b = im->pixels + (gsize) y1 * im->stride;
    const int c = im->channels, i0 = x0 * c, i1 = x1 * c;
    double w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;

    if (c < 3)
      return a[i0] * w00 + a[i1] * w01 + b[i0] * w10 + b[i1] * w11;
    return 0.299 * (a[i0] * w00 + a[i1] * w01 + b[i0] * w10 + b[i1] * w11) +
           0.587 * (a[i0 + 1] * w00 + a[i1 + 1] * w01 + b[i0 + 1] * w10 + b[i1 + 1] * w11) +
           0.114 * (a[i0 + 2] * w00 + a[i1 + 2] * w01 + b[i0 + 2] * w10 + b[i1 + 2] * w11);
  }
}

/* A grey float image. */
typedef struct {
  float *v;
  int    w, h;
} Gray;

static void
gray_clear (Gray *g)
{
  g_clear_pointer (&g->v, g_free);
}

static gboolean
flatten (const Image  *im,
         const RsQuad *quad,
         int           long_side,
         Gray         *out)
{
  const RsQuad *q = quad;
  double top = hypot (q->p[1].x - q->p[0].x, q->p[1].y - q->p[0].y);
  double bottom = hypot (q->p[2].x - q->p[3].x, q->p[2].y - q->p[3].y);
  double left = hypot (q->p[3].x - q->p[0].x, q->p[3].y - q->p[0].y);
  double right = hypot (q->p[2].x - q->p[1].x, q->p[2].y - q->p[1].y);
  double wd = (top + bottom) / 2, hd = (left + right) / 2, s, src_scale, h[9];
  int ss;
  RsPoint from[4];

  if (wd < 16 || hd < 16)
    return FALSE;
  s = long_side / MAX (wd, hd);
  out->w = MAX (16, (int) lround (wd * s));
  out->h = MAX (16, (int) lround (hd * s));
  from[0] = (RsPoint) { 0, 0 };
  from[1] = (RsPoint) { out->w, 0 };
  from[2] = (RsPoint) { out->w, out->h };
  from[3] = (RsPoint) { 0, out->h };
  if (!homography (from, q->p, h))
    return FALSE;
  /* supersample when the source is finer than the output */
  src_scale = 1.0 / s;
  ss = src_scale > 2.0 ? 2 : 1;
  out->v = g_new (float, (gsize) out->w * out->h);
  /* Along a row of samples the homography's numerators and denominator
   * step by constants, so a sample costs two divisions, not the 3×3
   * product; sample() blends the three channels before taking luminance
   * (which is linear), not the luminance of four pixels. */
  for (int y = 0; y < out->h; y++)
    for (int sy = 0; sy < ss; sy++)
      {
        double v = y + (sy + 0.5) / ss, u = 0.5 / ss;
        double X = h[0] * u + h[1] * v + h[2];
        double Y = h[3] * u + h[4] * v + h[5];
        double Z = h[6] * u + h[7] * v + h[8];
        double dX = h[0] / ss, dY = h[3] / ss, dZ = h[6] / ss;
        float *row = out->v + (gsize) y * out->w;

        for (int x = 0; x < out->w; x++)
          {
            double acc = 0;

            for (int sx = 0; sx < ss; sx++)
              {
                double d = fabs (Z) < 1e-9 ? 1e-9 : Z;

                acc += sample (im, X / d - 0.5, Y / d - 0.5);
                X += dX;
                Y += dY;
                Z += dZ;
              }
            acc /= ss * ss;
            row[x] = sy == 0 ? (float) acc : (float) (row[x] + acc);
          }
      }
  return TRUE;
}

/* Rotate by @quarter × 90° clockwise. */
static void
gray_rotate (const Gray *in,
             int         quarter,
             Gray       *out)
{
  quarter &= 3;
  out->w = quarter % 2 ? in->h : in->w;
  out->h = quarter % 2 ? in->w : in->h;
  out->v = g_new (float, (gsize) in->w * in->h);
  for (int y = 0; y < out->h; y++)
    for (int x = 0; x < out->w; x++)
      {
        int sx, sy;

        switch (quarter)
          {
          case 0: sx = x; sy = y; break;
          case 1: sx = y; sy = in->h - 1 - x; break;
          case 2: sx = in->w - 1 - x; sy = in->h - 1 - y; break;
          default: sx = in->w - 1 - y; sy = x; break;
          }
        out->v[(gsize) y * out->w + x] = in->v[(gsize) sy * in->w + sx];
      }
}

/* Rows [@y0, @y1) of @in. */
static void
gray_crop_rows (const Gray *in,
                int         y0,
                int         y1,
                Gray       *out)
{
  out->w = in->w;
  out->h = y1 - y0;
  out->v = g_memdup2 (in->v + (gsize) y0 * in->w, sizeof (float) * (gsize) in->w * out->h);
}

/* ------------------------------------------------------------------ */
/* Binarisation and connected components                               */

/* Sauvola's local threshold on integral images: ink is darker than the
 * local mean by more than the local contrast allows. */
static guint8 *
binarise (const Gray *g,
          int         radius,
          double      k)
{
  int w = g->w, h = g->h;
  gsize n1 = (gsize) (w + 1) * (h + 1);
  g_autofree double *s = g_new0 (double, n1);
  g_autofree double *s2 = g_new0 (double, n1);
  guint8 *mask = g_new0 (guint8, (gsize) w * h);

  for (int y = 0; y < h; y++)
    {
      double row = 0, row2 = 0;

      for (int x = 0; x < w; x++)
        {
          double v = g->v[(gsize) y * w + x];

          row += v;
          row2 += v * v;
          s[(gsize) (y + 1) * (w + 1) + x + 1] = s[(gsize) y * (w + 1) + x + 1] + row;
          s2[(gsize) (y + 1) * (w + 1) + x + 1] = s2[(gsize) y * (w + 1) + x + 1] + row2;
        }
    }
  for (int y = 0; y < h; y++)
    {
      int y0 = MAX (0, y - radius), y1 = MIN (h, y + radius + 1);

      for (int x = 0; x < w; x++)
        {
          int x0 = MAX (0, x - radius), x1 = MIN (w, x + radius + 1);
          double n = (double) (x1 - x0) * (y1 - y0);
          gsize a = (gsize) y0 * (w + 1) + x0, b = (gsize) y0 * (w + 1) + x1;
          gsize c = (gsize) y1 * (w + 1) + x0, d = (gsize) y1 * (w + 1) + x1;
          double m = (s[d] - s[b] - s[c] + s[a]) / n, var, t;
          double v = g->v[(gsize) y * w + x];

          /* ink is darker than the mean (t < m always): most pixels stop here */
          if (v >= m)
            continue;
          var = (s2[d] - s2[b] - s2[c] + s2[a]) / n - m * m;
          /* a flat area holds no ink, however dark */
          if (var <= 144)
            continue;
          t = m * (1 + k * (sqrt (var) / 128.0 - 1));
          if (v < t)
            mask[(gsize) y * w + x] = 1;
        }
    }
  return mask;
}

typedef struct {
  int    x0, y0, x1, y1; /* bounding box, x1/y1 exclusive */
  int    area;
  double cx, cy;
  int    line;
} Comp;

static int
uf_find (int *parent,
         int  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static GArray *
components (const guint8 *mask,
            int           w,
            int           h)
{
  g_autofree int *label = g_new (int, (gsize) w * h);
  g_autoptr(GArray) parent = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) boxes = NULL;
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Comp));
  int *par;
  int n;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        int best = -1;
        int nb[4] = { -1, -1, -1, -1 };

        label[i] = -1;
        if (!mask[i])
          continue;
        if (x > 0)
          nb[0] = label[i - 1];
        if (y > 0)
          {
            nb[1] = label[i - w];
            if (x > 0)
              nb[2] = label[i - w - 1];
            if (x < w - 1)
              nb[3] = label[i - w + 1];
          }
        for (int k = 0; k < 4; k++)
          if (nb[k] >= 0)
            {
              int r = uf_find ((int *) parent->data, nb[k]);

              if (best < 0)
                best = r;
              else if (r != best)
                {
                  int lo = MIN (r, best), hi = MAX (r, best);
                  g_array_index (parent, int, hi) = lo;
                  best = lo;
                }
            }
        if (best < 0)
          {
            best = (int) parent->len;
            g_array_append_val (parent, best);
          }
        label[i] = best;
      }

  par = (int *) parent->data;
  n = (int) parent->len;
  boxes = g_array_sized_new (FALSE, TRUE, sizeof (Comp), (guint) n);
  g_array_set_size (boxes, (guint) n);
  for (int i = 0; i < n; i++)
    {
      Comp *c = &g_array_index (boxes, Comp, i);
      c->x0 = w;
      c->y0 = h;
      c->x1 = c->y1 = 0;
      c->line = -1;
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int l = label[(gsize) y * w + x];
        Comp *c;

        if (l < 0)
          continue;
        c = &g_array_index (boxes, Comp, uf_find (par, l));
        c->x0 = MIN (c->x0, x);
        c->y0 = MIN (c->y0, y);
        c->x1 = MAX (c->x1, x + 1);
        c->y1 = MAX (c->y1, y + 1);
        c->area++;
      }
  for (int i = 0; i < n; i++)
    {
      Comp *c = &g_array_index (boxes, Comp, i);
      int cw = c->x1 - c->x0, ch = c->y1 - c->y0;

      if (c->area == 0 || ch < 7 || ch > h / 4 || cw > 3 * ch || cw > w / 8)
        continue;
      c->cx = (c->x0 + c->x1) / 2.0;
      c->cy = (c->y0 + c->y1) / 2.0;
      g_array_append_val (out, *c);
    }
  return out;
}

static int
cmp_comp_x (gconstpointer a,
            gconstpointer b)
{
  const Comp *ca = a, *cb = b;

  return (ca->cx > cb->cx) - (ca->cx < cb->cx);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* ------------------------------------------------------------------ */
/* Text lines                                                          */

typedef struct {
  GArray *comps;   /* Comp, left to right */
  double  h;       /* cap height */
  double  a, b;    /* centre line y = a + b x */
  double  x0, p;   /* cell k centre x = x0 + k p */
  int    *index;   /* cell index of each comp */
  int     n;       /* cells from the first comp to the last */
} Line;

static void
line_clear (Line *l)
{
  g_clear_pointer (&l->comps, g_array_unref);
  g_clear_pointer (&l->index, g_free);
}

static double
median (double *v,
        int     n)
{
  if (n <= 0)
    return 0;
  qsort (v, (size_t) n, sizeof (double), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void line_fit_pitch (Line *l);

/* Height, centre line and fixed pitch of a chain of comps.  FALSE when
 * they do not look like one line of monospaced characters. */
static gboolean
line_fit (Line *l)
{
  int n = (int) l->comps->len, m = 0;
  g_autofree double *v = g_new (double, n + 1);
  double sx = 0, sy = 0, sxx = 0, sxy = 0, hmax = 0;

  if (n < 5)
    return FALSE;
  /* cap height: the tall comps ('<' is shorter), robust to a few merged
   * with a stroke above or below */
  for (int i = 0; i < n; i++)
    v[i] = g_array_index (l->comps, Comp, i).y1 - g_array_index (l->comps, Comp, i).y0;
  qsort (v, (size_t) n, sizeof (double), cmp_double);
  hmax = v[(int) (0.8 * (n - 1))];
  for (int i = 0; i < n; i++)
    {
      const Comp *c = &g_array_index (l->comps, Comp, i);
      double ch = c->y1 - c->y0;
      if (ch >= 0.9 * hmax && ch <= 1.15 * hmax)
        v[m++] = ch;
    }
  l->h = median (v, m);
  /* centre line from the comps of full height ('<' is shorter) */
  m = 0;
  for (int i = 0; i < n; i++)
    {
      const Comp *c = &g_array_index (l->comps, Comp, i);
      double ch = c->y1 - c->y0;

      if (ch < 0.8 * l->h || ch > 1.2 * l->h)
        continue;
      sx += c->cx;
      sy += c->cy;
      sxx += c->cx * c->cx;
      sxy += c->cx * c->cy;
      m++;
    }
  if (m < 3)
    return FALSE;
  if (fabs (m * sxx - sx * sx) > 1e-6)
    l->b = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  else
    l->b = 0;
  if (fabs (l->b) > 0.15)
    l->b = 0;
  l->a = (sy - l->b * sx) / m;

  /* pitch: the usual distance between neighbours */
  m = 0;
  for (int i = 1; i < n; i++)
    {
      double d = g_array_index (l->comps, Comp, i).cx - g_array_index (l->comps, Comp, i - 1).cx;
      if (d > 0.45 * l->h && d < 1.6 * l->h)
        v[m++] = d;
    }
  if (m < 3)
    return FALSE;
  l->p = median (v, m);
  l->index = g_new (int, n);
  l->index[0] = 0;
  for (int i = 1; i < n; i++)
    {
      double d = g_array_index (l->comps, Comp, i).cx - g_array_index (l->comps, Comp, i - 1).cx;
      l->index[i] = l->index[i - 1] + MAX (0, (int) lround (d / l->p));
    }
  line_fit_pitch (l);
  return TRUE;
}

/* Least squares cx = x0 + k p over the comps, their cell indices known. */
static void
line_fit_pitch (Line *l)
{
  int n = (int) l->comps->len;
  double sk = 0, skk = 0, sxk = 0, sxs = 0;

  for (int i = 0; i < n; i++)
    {
      double k = l->index[i], x = g_array_index (l->comps, Comp, i).cx;
      sk += k;
      skk += k * k;
      sxk += x * k;
      sxs += x;
    }
  if (fabs (n * skk - sk * sk) > 1e-9)
    {
      double p = (n * sxk - sk * sxs) / (n * skk - sk * sk);
      if (p > 0.5 * l->p && p < 1.5 * l->p)
        l->p = p;
    }
  l->x0 = (sxs - l->p * sk) / n;
  l->n = l->index[n - 1] + 1;
}

/* Glare or a finger splits a line: pieces on the same centre line, with
 * the same pitch and whole cells apart, are one line. */
static void
merge_fragments (GArray *lines)
{
  gboolean merged = TRUE;

  while (merged)
    {
      merged = FALSE;
      for (guint i = 0; i < lines->len && !merged; i++)
        for (guint j = 0; j < lines->len && !merged; j++)
          {
            Line *a = &g_array_index (lines, Line, i), *b = &g_array_index (lines, Line, j);
            const Comp *a_last = &g_array_index (a->comps, Comp, a->comps->len - 1);
            double first_b = g_array_index (b->comps, Comp, 0).cx;
            double dy = (a->a + a->b * first_b) - (b->a + b->b * first_b);
            double cells = (b->x0 - a->x0) / a->p;
            int shift = (int) lround (cells);
            int na = (int) a->comps->len, nb = (int) b->comps->len;

            if (i == j || first_b <= a_last->cx || fabs (dy) > 0.35 * a->h ||
                fabs (b->p / a->p - 1) > 0.1 || fabs (b->h / a->h - 1) > 0.25 ||
                fabs (cells - shift) > 0.4 || shift + b->n > 60)
              continue;
            a->index = g_renew (int, a->index, na + nb);
            for (int k = 0; k < nb; k++)
              a->index[na + k] = shift + b->index[k];
            g_array_append_vals (a->comps, b->comps->data, b->comps->len);
            line_fit_pitch (a);
            line_clear (b);
            g_array_remove_index (lines, j);
            merged = TRUE;
          }
    }
}

/* Chains comps into lines: a comp joins the line whose last comp is just to
 * its left at about the same height. */
static GArray *
find_lines (GArray *comps)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_autoptr(GArray) open = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_sort (comps, cmp_comp_x);
  for (guint i = 0; i < comps->len; i++)
    {
      Comp *c = &g_array_index (comps, Comp, i);
      double ch = c->y1 - c->y0;
      int best = -1;
      double best_d = G_MAXDOUBLE;

      for (guint k = 0; k < open->len; k++)
        {
          Line *l = &g_array_index (open, Line, k);
          const Comp *last = &g_array_index (l->comps, Comp, l->comps->len - 1);
          double lh = l->h, gap = c->x0 - last->x1, dy = fabs (c->cy - last->cy);

          if (gap < -0.2 * lh || gap > 2.2 * lh || dy > 0.4 * MAX (lh, ch) ||
              ch > 1.7 * lh || ch < 0.3 * lh)
            continue;
          if (dy + 0.1 * gap < best_d)
            {
              best_d = dy + 0.1 * gap;
              best = (int) k;
            }
        }
      if (best >= 0)
        {
          Line *l = &g_array_index (open, Line, best);
          g_array_append_val (l->comps, *c);
          l->h = MAX (l->h, ch);
        }
      else
        {
          Line l = { 0 };
          l.comps = g_array_new (FALSE, TRUE, sizeof (Comp));
          g_array_append_val (l.comps, *c);
          l.h = ch;
          g_array_append_val (open, l);
        }
    }
  for (guint k = 0; k < open->len; k++)
    {
      Line *l = &g_array_index (open, Line, k);

      if (l->comps->len >= 5 && line_fit (l))
        g_array_append_val (lines, *l);
      else
        line_clear (l);
    }
  merge_fragments (lines);
  return lines;
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */

typedef struct {
  float score[RS_READ_N_GLYPHS];
  int   best;        /* among the allowed glyphs */
  char  c;           /* chosen */
  int   part;        /* index into the part names */
  guint64 allowed;
  gboolean unreadable;
  gboolean locked;   /* a check digit confirmed it */
} Cell;

#define PAD_W (RS_READ_PW + 2 * SHIFT_X)
#define PAD_H (RS_READ_PH + 2 * SHIFT_Y)

typedef float V4 __attribute__ ((vector_size (16)));

/* The dot product of a glyph (RS_READ_PW × RS_READ_PH, packed) with the
 * window of the same size at @win in a pad of PAD_W columns. */
static inline float
dot_window (const float *glyph,
            const float *win)
{
  V4 acc[RS_READ_PW / 4] = { { 0 } };
  float out = 0;

  G_STATIC_ASSERT (RS_READ_PW % 4 == 0);
  for (int v = 0; v < RS_READ_PH; v++)
    for (int j = 0; j < RS_READ_PW / 4; j++)
      {
        V4 a, b;

        memcpy (&a, glyph + v * RS_READ_PW + 4 * j, sizeof a);
        memcpy (&b, win + v * PAD_W + 4 * j, sizeof b);
        acc[j] += a * b;
      }
  for (int j = 1; j < RS_READ_PW / 4; j++)
    acc[0] += acc[j];
  for (int i = 0; i < 4; i++)
    out += acc[0][i];
  return out;
}

/* Scores of the cell centred at (@cx, line centre) against every glyph. */
static void
classify (const Gray            *g,
          const Line            *l,
          double                 cx,
          const RsReadTemplates *t,
          double                 contrast,
          Cell                  *cell)
{
  float pad[PAD_W * PAD_H];
  double hy = l->h * RS_READ_PATCH_HEIGHT, sd_best = 0;

  for (int v = 0; v < PAD_H; v++)
    for (int u = 0; u < PAD_W; u++)
      {
        double acc = 0;

        for (int s = 0; s < 4; s++)
          {
            double x = cx + ((u - SHIFT_X + (s % 2 + 0.5) / 2) / RS_READ_PW - 0.5) * l->p;
            double y = l->a + l->b * x + ((v - SHIFT_Y + (s / 2 + 0.5) / 2) / RS_READ_PH - 0.5) * hy;
            int xi = (int) floor (x - 0.5), yi = (int) floor (y - 0.5);
            double fx = x - 0.5 - xi, fy = y - 0.5 - yi;
            int xa = CLAMP (xi, 0, g->w - 1), xb = CLAMP (xi + 1, 0, g->w - 1);
            int ya = CLAMP (yi, 0, g->h - 1), yb = CLAMP (yi + 1, 0, g->h - 1);
            double p00 = g->v[(gsize) ya * g->w + xa], p01 = g->v[(gsize) ya * g->w + xb];
            double p10 = g->v[(gsize) yb * g->w + xa], p11 = g->v[(gsize) yb * g->w + xb];

            acc += (p00 * (1 - fx) + p01 * fx) * (1 - fy) + (p10 * (1 - fx) + p11 * fx) * fy;
          }
        pad[v * PAD_W + u] = (float) (-acc / 4); /* ink positive */
      }

  /* Each shifted window is compared with each glyph by normalised
   * correlation.  The glyphs have zero mean, so the window's mean need not
   * be taken off before the dot product, only out of its norm: the sums
   * over each window come from prefix sums of the pad, and the dots run on
   * the pad's rows in place (four floats at a time; this loop is most of
   * the reader's time). */
  {
    double S[(PAD_H + 1) * (PAD_W + 1)], S2[(PAD_H + 1) * (PAD_W + 1)];
    const int n = RS_READ_PW * RS_READ_PH;

    for (int u = 0; u <= PAD_W; u++)
      S[u] = S2[u] = 0;
    for (int v = 0; v < PAD_H; v++)
      {
        double row = 0, row2 = 0;

        S[(v + 1) * (PAD_W + 1)] = S2[(v + 1) * (PAD_W + 1)] = 0;
        for (int u = 0; u < PAD_W; u++)
          {
            double p = pad[v * PAD_W + u];

            row += p;
            row2 += p * p;
            S[(v + 1) * (PAD_W + 1) + u + 1] = S[v * (PAD_W + 1) + u + 1] + row;
            S2[(v + 1) * (PAD_W + 1) + u + 1] = S2[v * (PAD_W + 1) + u + 1] + row2;
          }
      }

    for (int k = 0; k < RS_READ_N_GLYPHS; k++)
      cell->score[k] = -1;
    for (int dy = 0; dy <= 2 * SHIFT_Y; dy++)
      for (int dx = 0; dx <= 2 * SHIFT_X; dx++)
        {
#define WSUM(T) (T[(dy + RS_READ_PH) * (PAD_W + 1) + dx + RS_READ_PW] - T[dy * (PAD_W + 1) + dx + RS_READ_PW] \
                 - T[(dy + RS_READ_PH) * (PAD_W + 1) + dx] + T[dy * (PAD_W + 1) + dx])
          double sum = WSUM (S), mean = sum / n, ss = MAX (0, WSUM (S2) - sum * mean);
#undef WSUM
          float inv = ss > 1e-12 ? (float) (1 / sqrt (ss)) : 0;

          sd_best = MAX (sd_best, sqrt (ss / n));
          for (int k = 0; k < RS_READ_N_GLYPHS; k++)
            {
              float dot;

              /* only the glyphs this cell may hold are ever chosen */
              if (cell->allowed && !((cell->allowed >> k) & 1))
                continue;
              dot = dot_window (t->glyph[k], pad + dy * PAD_W + dx) * inv;
              if (dot > cell->score[k])
                cell->score[k] = dot;
            }
        }
  }
  /* a washed-out or empty cell has no contrast left */
  cell->unreadable = contrast > 0 && sd_best < 0.25 * contrast;
}

#define G_DIGITS   ((guint64) 0x3ff)
#define G_LETTERS  (((guint64) 0x3ffffff) << 10)
#define G_FILLER   ((guint64) 1 << 36)
#define G_OPEN     ((guint64) 1 << 37)
#define G_CLOSE    ((guint64) 1 << 38)
#define G_BIT(c)   ((guint64) 1 << rs_read_glyph_index (c))

static void
cell_choose (Cell *c)
{
  c->best = -1;
  for (int k = 0; k < RS_READ_N_GLYPHS; k++)
    if ((c->allowed >> k) & 1)
      if (c->best < 0 || c->score[k] > c->score[c->best])
        c->best = k;
  /* Where letters and digits are both allowed (document numbers, optional
   * data), a near tie between a letter and its look-alike digit (O/Q/D 0,
   * Z 2, S 5, B 8, G 6, I 1) goes to the digit: the check digits cannot
   * tell them apart when several cancel out, and numbers are mostly
   * digits. */
  if (c->best >= 10 && c->best < 36 && (c->allowed & G_DIGITS))
    {
      static const char look_alike[][2] = { { 'O', '0' }, { 'Q', '0' }, { 'D', '0' }, { 'Z', '2' },
                                            { 'S', '5' }, { 'B', '8' }, { 'G', '6' }, { 'I', '1' } };

      for (guint k = 0; k < G_N_ELEMENTS (look_alike); k++)
        if (rs_read_alphabet[c->best] == look_alike[k][0])
          {
            int d = look_alike[k][1] - '0';
            if (c->score[d] > c->score[c->best] - O_ZERO_MARGIN)
              c->best = d;
            break;
          }
    }
  c->c = c->best >= 0 ? rs_read_alphabet[c->best] : '<';
  if (c->best >= 0 && c->score[c->best] < MIN_SCORE)
    c->unreadable = TRUE;
}

/* ------------------------------------------------------------------ */
/* MRZ                                                                 */

typedef enum { TD1, TD2, TD3 } Format;

typedef struct {
  int line, start, len;
} Range;

typedef struct {
  Range       r[4];
  int         n_ranges;
  int         line, pos;   /* the check digit */
  gboolean    optional;    /* all fillers and a filler digit: fine */
  int         part;
} Check;

enum {
  PART_DOCUMENT_TYPE,
  PART_NUMBER,
  PART_NATIONALITY,
  PART_BIRTH,
  PART_SEX,
  PART_EXPIRY,
  PART_OPTIONAL,
  PART_COMPOSITE,
  PART_NAME,
  PART_NUMBER_LINE,
  N_PARTS
};

static const char *
part_name (int part)
{
  /* The names fill "Part of the code could not be read (%s)". */
  switch (part)
    {
    case PART_DOCUMENT_TYPE: return _("document type");
    case PART_NUMBER: return _("document number");
    case PART_NATIONALITY: return _("nationality");
    case PART_BIRTH: return _("birth date");
    case PART_SEX: return _("sex");
    case PART_EXPIRY: return _("expiry date");
    case PART_OPTIONAL: return _("optional data");
    case PART_COMPOSITE: return _("final check digit");
    case PART_NAME: return _("name");
    default: return _("number");
    }
}

static int
format_width (Format f)
{
  return f == TD1 ? 30 : f == TD2 ? 36 : 44;
}

static int
format_lines (Format f)
{
  return f == TD1 ? 3 : 2;
}

static void
set_cells (Cell   *cells,
           int     from,
           int     len,
           guint64 allowed,
           int     part)
{
  for (int i = from; i < from + len; i++)
    {
      cells[i].allowed = allowed;
      cells[i].part = part;
    }
}

/* Allowed glyphs and parts of each cell, and the checks.  @visa: a machine
 * readable visa (MRV-A 2 × 44, MRV-B 2 × 36, first letter V): the TD3/TD2
 * layout without the optional-data and composite check digits. */
static int
mrz_layout (Format  f,
            Cell  **rows,
            Check  *checks,
            gboolean visa)
{
  guint64 alf = G_LETTERS | G_FILLER, anf = G_DIGITS | G_LETTERS | G_FILLER;
  guint64 sex = G_BIT ('M') | G_BIT ('F') | G_BIT ('X') | G_FILLER;
  int n = 0;

  switch (f)
    {
    case TD3:
    case TD2:
      {
        int w = format_width (f), opt_end = f == TD3 ? 42 : 35;

        set_cells (rows[0], 0, 1, G_LETTERS, PART_DOCUMENT_TYPE);
        set_cells (rows[0], 1, 1, alf, PART_DOCUMENT_TYPE);
        set_cells (rows[0], 2, 3, alf, PART_NATIONALITY);
        set_cells (rows[0], 5, w - 5, alf, PART_NAME);
        set_cells (rows[1], 0, 9, anf, PART_NUMBER);
        set_cells (rows[1], 9, 1, G_DIGITS | G_FILLER, PART_NUMBER);
        set_cells (rows[1], 10, 3, alf, PART_NATIONALITY);
        set_cells (rows[1], 13, 7, G_DIGITS, PART_BIRTH);
        set_cells (rows[1], 20, 1, sex, PART_SEX);
        set_cells (rows[1], 21, 7, G_DIGITS, PART_EXPIRY);
        checks[n++] = (Check) { { { 1, 0, 9 } }, 1, 1, 9, FALSE, PART_NUMBER };
        checks[n++] = (Check) { { { 1, 13, 6 } }, 1, 1, 19, FALSE, PART_BIRTH };
        checks[n++] = (Check) { { { 1, 21, 6 } }, 1, 1, 27, FALSE, PART_EXPIRY };
        if (visa)
          {
            set_cells (rows[1], 28, w - 28, anf, PART_OPTIONAL);
            break;
          }
        set_cells (rows[1], 28, opt_end - 28, anf, PART_OPTIONAL);
        if (f == TD3)
          set_cells (rows[1], 42, 1, G_DIGITS | G_FILLER, PART_OPTIONAL);
        set_cells (rows[1], w - 1, 1, G_DIGITS, PART_COMPOSITE);
        if (f == TD3)
          checks[n++] = (Check) { { { 1, 28, 14 } }, 1, 1, 42, TRUE, PART_OPTIONAL };
        checks[n++] = (Check) { { { 1, 0, 10 }, { 1, 13, 7 }, { 1, 21, w - 22 } }, 3, 1, w - 1, FALSE, PART_COMPOSITE };
        break;
      }
    case TD1:
    default:
      set_cells (rows[0], 0, 1, G_LETTERS, PART_DOCUMENT_TYPE);
      set_cells (rows[0], 1, 1, alf, PART_DOCUMENT_TYPE);
      set_cells (rows[0], 2, 3, alf, PART_NATIONALITY);
      set_cells (rows[0], 5, 9, anf, PART_NUMBER);
      set_cells (rows[0], 14, 1, G_DIGITS | G_FILLER, PART_NUMBER);
      set_cells (rows[0], 15, 15, anf, PART_OPTIONAL);
      set_cells (rows[1], 0, 7, G_DIGITS, PART_BIRTH);
      set_cells (rows[1], 7, 1, sex, PART_SEX);
      set_cells (rows[1], 8, 7, G_DIGITS, PART_EXPIRY);
      set_cells (rows[1], 15, 3, alf, PART_NATIONALITY);
      set_cells (rows[1], 18, 11, anf, PART_OPTIONAL);
      set_cells (rows[1], 29, 1, G_DIGITS, PART_COMPOSITE);
      set_cells (rows[2], 0, 30, alf, PART_NAME);
      checks[n++] = (Check) { { { 0, 5, 9 } }, 1, 0, 14, FALSE, PART_NUMBER };
      checks[n++] = (Check) { { { 1, 0, 6 } }, 1, 1, 6, FALSE, PART_BIRTH };
      checks[n++] = (Check) { { { 1, 8, 6 } }, 1, 1, 14, FALSE, PART_EXPIRY };
      checks[n++] = (Check) { { { 0, 5, 25 }, { 1, 0, 7 }, { 1, 8, 7 }, { 1, 18, 11 } }, 4, 1, 29, FALSE, PART_COMPOSITE };
      break;
    }
  return n;
}

static gboolean
check_ok (Cell       **rows,
          const Check *k)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char c = rows[k->line][k->pos].c;
  int d;
  gboolean all_filler = TRUE;

  for (int i = 0; i < k->n_ranges; i++)
    for (int j = 0; j < k->r[i].len; j++)
      {
        char x = rows[k->r[i].line][k->r[i].start + j].c;
        g_string_append_c (s, x);
        if (x != '<')
          all_filler = FALSE;
      }
  if (c == '<')
    /* an empty optional field, or a long TD1/TD2 document number whose
     * check digit is in the optional data */
    return (k->optional && all_filler) || k->part == PART_NUMBER;
  d = rs_mrz_check_digit (s->str, (gssize) s->len);
  return d >= 0 && c - '0' == d;
}

typedef struct {
  Cell *cell;
  int   glyph;
  float loss;
} Alt;

/* Alternatives of the unlocked cells a check covers, the closest first. */
static GArray *
check_alternatives (Cell       **rows,
                    const Check *k)
{
  GArray *alts = g_array_new (FALSE, FALSE, sizeof (Alt));

  for (int i = 0; i <= k->n_ranges; i++)
    {
      int line = i < k->n_ranges ? k->r[i].line : k->line;
      int start = i < k->n_ranges ? k->r[i].start : k->pos;
      int len = i < k->n_ranges ? k->r[i].len : 1;

      for (int j = start; j < start + len; j++)
        {
          Cell *c = &rows[line][j];

          if (c->locked || c->best < 0)
            continue;
          for (int g = 0; g < RS_READ_N_GLYPHS; g++)
            {
              float loss = c->score[c->best] - c->score[g];

              if (g == c->best || !((c->allowed >> g) & 1) || loss > DELTA)
                continue;
              g_array_append_val (alts, ((Alt) { c, g, loss }));
            }
        }
    }
  return alts;
}

static void
lock_check (Cell       **rows,
            const Check *k)
{
  for (int i = 0; i < k->n_ranges; i++)
    for (int j = 0; j < k->r[i].len; j++)
      rows[k->r[i].line][k->r[i].start + j].locked = TRUE;
  rows[k->line][k->pos].locked = TRUE;
}

/* Make the check agree by changing one or two close candidates, the
 * smallest total loss first. */
static gboolean
check_fix (Cell       **rows,
           const Check *k)
{
  g_autoptr(GArray) alts = NULL;
  float best_loss = G_MAXFLOAT;
  int bi = -1, bj = -1;

  if (check_ok (rows, k))
    return TRUE;
  alts = check_alternatives (rows, k);
  for (guint i = 0; i < alts->len; i++)
    {
      Alt *a = &g_array_index (alts, Alt, i);
      char old = a->cell->c;

      a->cell->c = rs_read_alphabet[a->glyph];
      if (a->loss < best_loss && check_ok (rows, k))
        {
          best_loss = a->loss;
          bi = (int) i;
          bj = -1;
        }
      for (guint j = i + 1; j < alts->len; j++)
        {
          Alt *b = &g_array_index (alts, Alt, j);
          char old_b = b->cell->c;

          if (b->cell == a->cell || a->loss + b->loss >= best_loss || a->loss + b->loss > 1.5 * DELTA)
            continue;
          b->cell->c = rs_read_alphabet[b->glyph];
          if (check_ok (rows, k))
            {
              best_loss = a->loss + b->loss;
              bi = (int) i;
              bj = (int) j;
            }
          b->cell->c = old_b;
        }
      a->cell->c = old;
    }
  if (bi < 0)
    return FALSE;
  {
    Alt *a = &g_array_index (alts, Alt, bi);
    a->cell->c = rs_read_alphabet[a->glyph];
    if (bj >= 0)
      {
        Alt *b = &g_array_index (alts, Alt, bj);
        b->cell->c = rs_read_alphabet[b->glyph];
      }
  }
  return TRUE;
}

typedef struct {
  int    n_lines;
  Line  *lines[3];
  Format format;
} Block;

static double
line_left (const Line *l)
{
  return l->x0;
}

static float
second_best (const Cell *c,
             int         gi)
{
  float best = -1;

  for (int k = 0; k < RS_READ_N_GLYPHS; k++)
    if (k != gi && ((c->allowed >> k) & 1) && c->score[k] > best)
      best = c->score[k];
  return best;
}

/* No check digit covers the issuing state and nationality: among close
 * candidates (within DELTA of each cell's best, one cell changed at most),
 * take the letters that make a code ICAO lists, the best-scoring such code.
 * FALSE when none does: the letters stay as read, and are unsure.  A changed
 * cell is not its best glyph, so the part stays unsure for details.match. */
static gboolean
country_fix (Cell *c)
{
  int cand[3][RS_READ_N_GLYPHS], n[3] = { 0 };
  double best_score = -1;
  int best[3] = { -1, -1, -1 };
  char code[4] = { c[0].c, c[1].c, c[2].c, '\0' };

  if (rs_validate_mrz_country_known (code))
    return TRUE;
  for (int i = 0; i < 3; i++)
    {
      if (c[i].best < 0)
        return FALSE;
      for (int k = 0; k < RS_READ_N_GLYPHS; k++)
        if (((c[i].allowed >> k) & 1) && c[i].score[k] >= c[i].score[c[i].best] - DELTA)
          cand[i][n[i]++] = k;
    }
  for (int a = 0; a < n[0]; a++)
    for (int b = 0; b < n[1]; b++)
      for (int d = 0; d < n[2]; d++)
        {
          int g[3] = { cand[0][a], cand[1][b], cand[2][d] };
          double score = c[0].score[g[0]] + c[1].score[g[1]] + c[2].score[g[2]];

          code[0] = rs_read_alphabet[g[0]];
          code[1] = rs_read_alphabet[g[1]];
          code[2] = rs_read_alphabet[g[2]];
          /* One look-alike at most: changing more is a guess. */
          if ((g[0] != c[0].best) + (g[1] != c[1].best) + (g[2] != c[2].best) > 1)
            continue;
          if (score > best_score && rs_validate_mrz_country_known (code))
            {
              best_score = score;
              memcpy (best, g, sizeof best);
            }
        }
  if (best_score < 0)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      c[i].best = best[i];
      c[i].c = rs_read_alphabet[best[i]];
    }
  return TRUE;
}

/* Decode a block of MRZ lines into @r, cell 0 @start cells right of where
 * the lines start.  Returns the mean score. */
static double
mrz_decode (const Gray            *g,
            const Block           *blk,
            const RsReadTemplates *t,
            int                    start,
            RsReadResult          *r)
{
  int w = format_width (blk->format), nl = format_lines (blk->format);
  g_autofree Cell *storage = g_new0 (Cell, (gsize) w * nl);
  Cell *rows[3] = { storage, storage + w, nl > 2 ? storage + 2 * w : NULL };
  Check checks[8];
  int n_checks, n_cells = 0;
  double total = 0, contrast = 0, x_ref;
  gboolean bad[N_PARTS] = { FALSE };
  gboolean all_ok = TRUE;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) parts = g_string_new (NULL);
  double lefts[3];

  n_checks = mrz_layout (blk->format, rows, checks, FALSE);

  /* The lines are left-aligned: the one starting furthest left gives
   * cell 0 (glare may hide the first cells of another). */
  for (int i = 0; i < nl; i++)
    lefts[i] = line_left (blk->lines[i]);
  x_ref = lefts[0];
  for (int i = 1; i < nl; i++)
    x_ref = MIN (x_ref, lefts[i]);
  x_ref += start * blk->lines[0]->p;

  /* the contrast of a clear cell: the median comp patch deviation */
  {
    const Line *l = blk->lines[0];
    double sum = 0, n = 0;

    for (guint i = 0; i < l->comps->len; i++)
      {
        const Comp *c = &g_array_index (l->comps, Comp, i);
        double m = 0, mm = 0, cnt = 0;

        for (int y = c->y0; y < c->y1; y++)
          for (int x = MAX (0, (int) (c->cx - l->p / 2)); x < MIN (g->w, (int) (c->cx + l->p / 2)); x++)
            {
              double v = g->v[(gsize) y * g->w + x];
              m += v;
              mm += v * v;
              cnt++;
            }
        if (cnt > 0)
          {
            m /= cnt;
            sum += sqrt (MAX (0, mm / cnt - m * m));
            n++;
          }
      }
    contrast = n > 0 ? sum / n : 0;
  }

  /* a visa starts with V: its own layout */
  if (blk->format != TD1)
    {
      const Line *l = blk->lines[0];
      double x0 = l->x0 - lround ((l->x0 - x_ref) / l->p) * l->p;

      classify (g, l, x0, t, contrast, &rows[0][0]);
      cell_choose (&rows[0][0]);
      if (rows[0][0].c == 'V')
        {
          memset (storage, 0, sizeof (Cell) * (gsize) w * nl);
          n_checks = mrz_layout (blk->format, rows, checks, TRUE);
        }
    }

  /* Give up as soon as the block cannot reach MRZ_MIN_MEAN: a cell ends
   * up with at most its best score over all glyphs (fixes only pick other
   * glyphs), and no score exceeds 1 (both vectors are normalised).  Most
   * blocks on a card's front are other print and stop here early. */
  {
    double reachable = 0, need = MRZ_MIN_MEAN * w * nl - 1e-4;
    int left = w * nl;

    for (int li = 0; li < nl; li++)
      {
        const Line *l = blk->lines[li];
        /* this line's origin: its own fit, moved by whole cells onto x_ref */
        double shift = lround ((l->x0 - x_ref) / l->p);
        double x0 = l->x0 - shift * l->p;

        for (int k = 0; k < w; k++)
          {
            Cell *c = &rows[li][k];
            float top = 0;

            classify (g, l, x0 + k * l->p, t, contrast, c);
            cell_choose (c);
            for (int gi = 0; gi < RS_READ_N_GLYPHS; gi++)
              top = MAX (top, c->score[gi]);
            reachable += top;
            left--;
            if (reachable + left <= need)
              {
                r->score = 0;
                return 0;
              }
          }
      }
  }

  for (int i = 0; i < n_checks; i++)
    {
      if (checks[i].part == PART_COMPOSITE)
        continue;
      if (check_fix (rows, &checks[i]))
        lock_check (rows, &checks[i]);
      else
        {
          bad[checks[i].part] = TRUE;
          all_ok = FALSE;
        }
    }
  for (int i = 0; i < n_checks; i++)
    if (checks[i].part == PART_COMPOSITE && !check_fix (rows, &checks[i]))
      {
        bad[PART_COMPOSITE] = TRUE;
        all_ok = FALSE;
      }

  for (int li = 0; li < nl; li++)
    for (int k = 0; k + 3 <= w; k++)
      if (rows[li][k].part == PART_NATIONALITY &&
          (k == 0 || rows[li][k - 1].part != PART_NATIONALITY) &&
          !country_fix (&rows[li][k]))
        r->nationality_unsure = TRUE;

  for (int li = 0; li < nl; li++)
    {
      char *s = g_new0 (char, w + 1);

      for (int k = 0; k < w; k++)
        {
          Cell *c = &rows[li][k];
          int gi = rs_read_glyph_index (c->c);

          /* No check digit covers names and nationality: a weak or
           * ambiguous cell there keeps them out of details.match. */
          if ((c->part == PART_NAME || c->part == PART_NATIONALITY) && gi >= 0 &&
              (c->score[gi] < UNSURE_SCORE || second_best (c, gi) > c->score[gi] - UNSURE_MARGIN))
            {
              if (c->part == PART_NAME)
                r->names_unsure = TRUE;
              else
                r->nationality_unsure = TRUE;
            }
          s[k] = c->c;
          total += gi >= 0 ? c->score[gi] : 0;
          n_cells++;
          if (c->unreadable)
            {
              bad[c->part] = TRUE;
              all_ok = FALSE;
            }
        }
      g_ptr_array_add (lines, s);
    }
  g_ptr_array_add (lines, NULL);

  {
    g_autoptr(RsValidation) v = rs_validate_mrz ((const char * const *) lines->pdata, NULL);
    GHashTable *f = rs_validation_get_fields (v);
    GHashTableIter it;
    gpointer key, value;

    g_hash_table_remove_all (r->fields);
    g_hash_table_iter_init (&it, f);
    while (g_hash_table_iter_next (&it, &key, &value))
      if (value && *(const char *) value && !g_str_equal (key, "format"))
        g_hash_table_insert (r->fields, g_strdup (key), g_strdup (value));
    /* the parser checks dates too: an impossible date is unreadable */
    if (rs_validation_has_issue (v, "date"))
      all_ok = FALSE;
  }

  for (int i = 0; i < N_PARTS; i++)
    if (bad[i])
      {
        if (parts->len)
          g_string_append (parts, ", ");
        g_string_append (parts, part_name (i));
      }

  g_strfreev (r->lines);
  r->lines = (char **) g_ptr_array_steal (lines, NULL);
  r->source = RS_READ_SOURCE_MRZ;
  r->valid = all_ok;
  g_free (r->bad_parts);
  r->bad_parts = parts->len ? g_strdup (parts->str) : NULL;
  r->score = n_cells ? total / n_cells : 0;
  g_debug ("mrz %s: score %.3f valid %d bad %s", r->lines[0], r->score, r->valid,
           r->bad_parts ? r->bad_parts : "-");
  return r->score;
}

/* Blocks of 2 (TD2, TD3) or 3 (TD1) lines of the right length, one under
 * the other with the same pitch. */
static GArray *
find_blocks (GArray *lines,
             gboolean want_td1,
             gboolean want_td23)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));

  for (guint i = 0; i < lines->len; i++)
    {
      Line *a = &g_array_index (lines, Line, i);

      if (a->n < 12 || a->n > 47)
        continue;
      for (guint j = 0; j < lines->len; j++)
        {
          Line *b = &g_array_index (lines, Line, j);
          double dy = (b->a + b->b * b->x0) - (a->a + a->b * a->x0);
          int nmax;

          if (j == i || b->n < 12 || b->n > 47 ||
              fabs (b->p / a->p - 1) > 0.12 || fabs (b->h / a->h - 1) > 0.25 ||
              dy < 1.2 * a->h || dy > 3.2 * a->h ||
              fabs (b->x0 - a->x0) > 12 * a->p)
            continue;
          nmax = MAX (a->n, b->n);
          if (want_td23)
            {
              Block blk = { 2, { a, b, NULL }, nmax > 40 ? TD3 : TD2 };
              if (nmax >= 26)
                g_array_append_val (blocks, blk);
            }
          if (want_td1)
            for (guint k = 0; k < lines->len; k++)
              {
                Line *c = &g_array_index (lines, Line, k);
                double dy2 = (c->a + c->b * c->x0) - (b->a + b->b * b->x0);

                if (k == i || k == j || c->n < 8 || c->n > 32 || a->n > 32 || b->n > 32 ||
                    fabs (c->p / b->p - 1) > 0.12 || dy2 < 1.2 * b->h || dy2 > 3.2 * b->h ||
                    fabs (c->x0 - b->x0) > 12 * b->p)
                  continue;
                g_array_append_val (blocks, ((Block) { 3, { a, b, c }, TD1 }));
              }
        }
    }
  return blocks;
}

/* ------------------------------------------------------------------ */
/* Card numbers                                                        */

typedef struct {
  const char *type;
  const char *pattern; /* D digit, L letter, X digit or X, A digit or A, ( ), 1 [157], 2 [1289] */
} NumberPattern;

static const NumberPattern number_patterns[] = {
  { RS_DOC_CN_RIC, "DDDDDDDDDDDDDDDDDX" },
  { RS_DOC_HK_HKID, "LDDDDDD(A)" },
  { RS_DOC_HK_HKID, "LLDDDDDD(A)" },
  { RS_DOC_MO_BIR, "1DDDDDD(D)" },
  { RS_DOC_TW_ID, "L2DDDDDDDD" },
};

static guint64
pattern_allowed (char p)
{
  switch (p)
    {
    case 'D': return G_DIGITS;
    case 'L': return G_LETTERS;
    case 'X': return G_DIGITS | G_BIT ('X');
    case 'A': return G_DIGITS | G_BIT ('A');
    case '(': return G_OPEN;
    case ')': return G_CLOSE;
    case '1': return G_BIT ('1') | G_BIT ('5') | G_BIT ('7');
    case '2': return G_BIT ('1') | G_BIT ('2') | G_BIT ('8') | G_BIT ('9');
    default: return 0;
    }
}

static gboolean
number_valid (const char *type,
              Cell       *cells,
              int         n,
              char      **normalized)
{
  g_autofree char *s = g_new0 (char, n + 1);
  g_autoptr(RsValidation) v = NULL;

  for (int i = 0; i < n; i++)
    s[i] = cells[i].c;
  v = rs_validate_id (type, s, NULL);
  if (!rs_validation_get_valid (v))
    return FALSE;
  if (normalized)
    *normalized = g_strdup (rs_validation_get_normalized (v));
  return TRUE;
}

/* Read the word of cells [@k0, @k0 + strlen (pattern)) of line @l as @np. */
static double
number_decode (const Gray            *g,
               const Line            *l,
               int                    k0,
               const NumberPattern   *np,
               const RsReadTemplates *t,
               RsReadResult          *r)
{
  int n = (int) strlen (np->pattern);
  g_autofree Cell *cells = g_new0 (Cell, n);
  g_autofree char *norm = NULL;
  gboolean ok, unreadable = FALSE;
  double total = 0, lowest = 1;

  for (int i = 0; i < n; i++)
    {
      cells[i].allowed = pattern_allowed (np->pattern[i]);
      classify (g, l, l->x0 + (k0 + i) * l->p, t, 0, &cells[i]);
      cell_choose (&cells[i]);
      total += cells[i].score[cells[i].best];
      lowest = MIN (lowest, cells[i].score[cells[i].best]);
      unreadable |= cells[i].unreadable;
      /* the thresholds below can no longer be met (a score is at most 1):
       * most words tried are not this number */
      if (lowest < NUMBER_MIN_CELL || total + (n - i - 1) < NUMBER_MIN_MEAN * n)
        return 0;
    }
  total /= n;
  /* Not this kind of number at all: leave the result alone.  Printed OCR-B
   * scores above 0.85; other print (card fronts of other countries) is
   * what the thresholds keep out. */
  if (total < NUMBER_MIN_MEAN || lowest < NUMBER_MIN_CELL)
    return 0;

  ok = number_valid (np->type, cells, n, &norm);
  /* One close candidate may make the number valid, where the check is
   * strong enough not to be met by chance (cn-ric: mod 11 over 17 digits,
   * plus a real date and region); the 1-in-10 and 1-in-11 checks of the
   * other cards would make false reads valid. */
  for (int i = 0; !ok && g_str_equal (np->type, RS_DOC_CN_RIC) && i < n; i++)
    {
      Cell *c = &cells[i];
      char old = c->c;
      float best_loss = G_MAXFLOAT;
      int best_g = -1;

      for (int gi = 0; gi < RS_READ_N_GLYPHS; gi++)
        {
          float loss = c->score[c->best] - c->score[gi];

          if (gi == c->best || !((c->allowed >> gi) & 1) || loss > DELTA || loss >= best_loss)
            continue;
          c->c = rs_read_alphabet[gi];
          if (number_valid (np->type, cells, n, NULL))
            {
              best_loss = loss;
              best_g = gi;
            }
          c->c = old;
        }
      if (best_g >= 0)
        {
          c->c = rs_read_alphabet[best_g];
          ok = number_valid (np->type, cells, n, &norm);
        }
    }

  /* Text-like marks score about 0.75, printed OCR-B above 0.85: a number
   * that does not validate (or whose format is all its check, as in Macau)
   * must look like OCR-B throughout. */
  if ((!ok || g_str_equal (np->type, RS_DOC_MO_BIR)) && (total < 0.85 || lowest < 0.6))
    return 0;

  g_hash_table_remove_all (r->fields);
  {
    g_autofree char *raw = g_new0 (char, n + 1);
    g_autoptr(RsValidation) v = NULL;

    for (int i = 0; i < n; i++)
      raw[i] = cells[i].c;
    v = rs_validate_id (np->type, raw, NULL);
    g_hash_table_insert (r->fields, g_strdup ("number"),
                         g_strdup (norm ? norm : rs_validation_get_normalized (v)));
    if (ok)
      {
        const char *bd = rs_validation_get_field (v, "birth_date");
        const char *sex = rs_validation_get_field (v, "sex");

        if (bd)
          g_hash_table_insert (r->fields, g_strdup ("birth_date"), g_strdup (bd));
        if (sex)
          g_hash_table_insert (r->fields, g_strdup ("sex"), g_strdup (sex));
      }
  }
  g_hash_table_insert (r->fields, g_strdup ("document_type"), g_strdup (np->type));
  g_clear_pointer (&r->lines, g_strfreev);
  r->source = RS_READ_SOURCE_NUMBER;
  r->valid = ok && !unreadable;
  g_free (r->bad_parts);
  r->bad_parts = r->valid ? NULL : g_strdup (part_name (PART_NUMBER_LINE));
  r->score = total;
  g_debug ("number %s %s: score %.3f lowest %.3f valid %d", np->type,
           (const char *) g_hash_table_lookup (r->fields, "number"), total, lowest, r->valid);
  return ok ? 1 + total : total;
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */

typedef struct {
  const RsReadTemplates *t;
  gboolean               want_mrz_td1;
  gboolean               want_mrz_td23;
  gboolean               want_number;
  const char            *document_type;
  double                 sauvola_k;  /* binarisation: higher keeps less ink */
} Plan;

/* One orientation of the flattened document.  TRUE once a valid read is in
 * @best. */
static gboolean
read_gray (const Gray   *g,
           const Plan   *plan,
           RsReadResult *best,
           double       *best_score)
{
  int radius = MAX (8, MAX (g->w, g->h) / 60);
  g_autofree guint8 *mask = binarise (g, radius, plan->sauvola_k);
  g_autoptr(GArray) comps = components (mask, g->w, g->h);
  g_autoptr(GArray) lines = find_lines (comps);
  gboolean done = FALSE;

  if (plan->want_mrz_td1 || plan->want_mrz_td23)
    {
      g_autoptr(GArray) blocks = find_blocks (lines, plan->want_mrz_td1, plan->want_mrz_td23);

      if (blocks->len > 0)
        best->band_seen = TRUE;
      for (guint i = 0; i < blocks->len && !done; i++)
        {
          const Block *blk = &g_array_index (blocks, Block, i);
          int extra = 0;

          /* A line that spans more cells than its format has picked up ink
           * beside it (the page's edge, a shadow): the lines may start up to
           * that many cells further right.  The check digits choose. */
          for (int li = 0; li < format_lines (blk->format); li++)
            extra = MAX (extra, blk->lines[li]->n - format_width (blk->format));
          extra = MIN (extra, MRZ_MAX_START);
          for (int start = 0; start <= extra && !done; start++)
            {
              g_autoptr(RsReadResult) r = rs_read_result_new ();
              double s = mrz_decode (g, blk, plan->t, start, r);

              /* a valid read outranks any score */
              if (r->valid)
                s += 1;
              if (s > *best_score && r->score > MRZ_MIN_MEAN)
                {
                  *best_score = s;
                  best->source = r->source;
                  best->valid = r->valid;
                  g_strfreev (best->lines);
                  best->lines = g_steal_pointer (&r->lines);
                  g_hash_table_unref (best->fields);
                  best->fields = g_hash_table_ref (r->fields);
                  g_free (best->bad_parts);
                  best->bad_parts = g_steal_pointer (&r->bad_parts);
                  best->score = r->score;
                  best->names_unsure = r->names_unsure;
                  best->nationality_unsure = r->nationality_unsure;
                }
              done = best->valid && best->source == RS_READ_SOURCE_MRZ;
            }
        }
    }

  if (plan->want_number && !done)
    for (guint i = 0; i < lines->len && !done; i++)
      {
        const Line *l = &g_array_index (lines, Line, i);

        for (guint k = 0; k < G_N_ELEMENTS (number_patterns) && !done; k++)
          {
            const NumberPattern *np = &number_patterns[k];
            int len = (int) strlen (np->pattern);

            if (plan->document_type && !g_str_equal (plan->document_type, np->type))
              continue;
            /* the number is a word of its own: cells with ink at both ends */
            for (guint c = 0; c < l->comps->len && !done; c++)
              {
                int k0 = l->index[c], k1 = k0 + len - 1;
                gboolean end = FALSE, gap_before = c == 0 || l->index[c - 1] < k0 - 1;

                if (!gap_before)
                  continue;
                for (guint e = c; e < l->comps->len; e++)
                  if (l->index[e] == k1 && (e + 1 == l->comps->len || l->index[e + 1] > k1 + 1))
                    end = TRUE;
                if (!end)
                  continue;
                {
                  g_autoptr(RsReadResult) r = rs_read_result_new ();
                  double s = number_decode (g, l, k0, np, plan->t, r);

                  if (s > *best_score && best->source != RS_READ_SOURCE_MRZ)
                    {
                      *best_score = s;
                      best->source = r->source;
                      best->valid = r->valid;
                      g_clear_pointer (&best->lines, g_strfreev);
                      g_hash_table_unref (best->fields);
                      best->fields = g_hash_table_ref (r->fields);
                      g_free (best->bad_parts);
                      best->bad_parts = g_steal_pointer (&r->bad_parts);
                      best->score = r->score;
                    }
                }
              }
          }
      }

  /* every pattern was tried on every word: the best one stands */
  for (guint i = 0; i < lines->len; i++)
    line_clear (&g_array_index (lines, Line, i));
  g_array_unref (lines);
  lines = NULL;
  return best->valid;
}

RsReadResult *
rs_read_document (const guint8 *pixels,
                  int           width,
                  int           height,
                  int           stride,
                  int           channels,
                  const RsQuad *quad,
                  const char   *kind,
                  const char   *document_type)
{
  RsReadResult *result = rs_read_result_new ();
  Image im = { pixels, width, height, stride, channels };
  Plan plan = { 0 };
  RsQuad whole;
  Gray flat = { 0 };
  double best_score = 0;
  int order[4], n_order = 0;
  gboolean portrait, band_only;

  g_return_val_if_fail (pixels != NULL && width > 0 && height > 0, result);

  plan.t = rs_read_templates ();
  if (plan.t == NULL || g_strcmp0 (kind, RS_SLOT_SELFIE) == 0)
    return result;
  plan.document_type = document_type;
  if (g_strcmp0 (kind, RS_SLOT_PASSPORT) == 0 || g_strcmp0 (document_type, RS_DOC_PASSPORT) == 0)
    {
      plan.want_mrz_td23 = TRUE;
      plan.want_mrz_td1 = TRUE;
      plan.document_type = NULL;
    }
  else
    {
      plan.want_number = TRUE;
      plan.want_mrz_td1 = g_strcmp0 (kind, RS_SLOT_ID_BACK) == 0;
      plan.want_mrz_td23 = plan.want_mrz_td1;
      if (document_type && !rs_validate_id_type_is_supported (document_type))
        plan.want_number = FALSE;
      if (g_strcmp0 (document_type, RS_DOC_HK_MO_PERMIT) == 0 ||
          g_strcmp0 (document_type, RS_DOC_TW_PERMIT) == 0 ||
          g_strcmp0 (document_type, RS_DOC_DRIVING_LICENCE) == 0)
        plan.want_number = FALSE; /* not printed in OCR-B */
    }

  if (quad == NULL)
    {
      whole.p[0] = (RsPoint) { 0, 0 };
      whole.p[1] = (RsPoint) { width, 0 };
      whole.p[2] = (RsPoint) { width, height };
      whole.p[3] = (RsPoint) { 0, height };
      quad = &whole;
    }
  if (!flatten (&im, quad,
                quad == &whole ? MIN (WHOLE_SIDE, MAX (width, height) * 2)
                : plan.want_number ? CARD_SIDE : PASSPORT_SIDE,
                &flat))
    return result;

  portrait = flat.h > flat.w;
  if (portrait && quad != &whole)
    {
      order[n_order++] = 1;
      order[n_order++] = 3;
    }
  order[n_order++] = 0;
  order[n_order++] = 2;
  if (portrait && quad == &whole)
    {
      order[n_order++] = 1;
      order[n_order++] = 3;
    }

  /* Sauvola's k = 0.3 keeps the print of a sharp page whole; light or
   * blurred print (a small or soft photo of the code) breaks into pieces
   * there, and no band of two lines is seen at all.  Then, and only for a
   * code whose check digits will judge what is read, once more with a
   * lower k that keeps fainter ink. */
  plan.sauvola_k = 0.3;
  /* a passport's code is in the bottom of its page (of the lower page of
   * a spread): read that band only */
  band_only = !plan.want_number && quad != &whole;
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          if (result->source != RS_READ_SOURCE_NONE || result->band_seen ||
              !(plan.want_mrz_td1 || plan.want_mrz_td23))
            break;
          plan.sauvola_k = 0.1;
          plan.want_number = FALSE; /* a number has no check strong enough */
        }
      for (int i = 0; i < n_order; i++)
        {
          Gray g = { 0 };
          gboolean valid;

          if (order[i] == 0)
            g = flat;
          else
            gray_rotate (&flat, order[i], &g);
          if (band_only)
            {
              Gray band = { 0 };

              gray_crop_rows (&g, (int) (g.h * (1 - MRZ_BAND)), g.h, &band);
              valid = read_gray (&band, &plan, result, &best_score);
              gray_clear (&band);
            }
          else
            valid = read_gray (&g, &plan, result, &best_score);
          if (order[i] != 0)
            gray_clear (&g);
          if (valid)
            break;
        }
    }
  gray_clear (&flat);
  return result;
}
