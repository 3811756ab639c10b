/* rs-locate.c: find the outline of an identity document in a photo.
 *
 * Method (see docs/checker.md, "Document localisation"): downsample to a small work size,
 * smooth, take the colour gradient (strongest RGB channel), thin it, vote
 * the edge points into an orientation-restricted Hough accumulator, keep the
 * strongest lines (each refitted to its edge points), build quadrilaterals
 * from pairs of roughly parallel lines crossing another such pair (or three
 * lines and a fourth side inferred out of the frame from the aspect ratio),
 * rank them by edge support along each side, area, perspective-corrected
 * aspect ratio and the part outside the frame, then by colour contrast and
 * polarity across the sides, and refine the winner's sides on the input
 * image with sub-pixel edge fits.
 *
 * Plain C on GLib and libm; no global state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate.h"

#include <math.h>
#include <string.h>
/* Debugging aid: build with -DRS_LOCATE_TRACE to print stage timings and
 * the best candidates on stderr (RS_LOCATE_TRUTH="x,y,…" in input pixels
 * also reports how the candidate nearest to a known outline fared). */
#ifdef RS_LOCATE_TRACE
#include <stdio.h>
#define TT(name) g_printerr ("  t %-10s %.3f ms\n", name, (g_get_monotonic_time () - t_start) / 1000.0)
#else
#define TT(name)
#endif

#define N_THETA           180   /* 1° accumulator bins */
#define MAX_LINES         64    /* strongest accumulator lines kept */
#define MAX_RANKED        32    /* candidates kept for the finer ranking */
#define SIDE_TRIM         0.08  /* skip rounded corners when measuring sides */
#define ID1_ASPECT        1.586
#define ID3_ASPECT        1.42
#define KNOWN3            0.92  /* prior of a quad with one side unseen */
#define REFIT_ITER        1
#define BORDER_GAP        3.0   /* work pixels: a line this close to the border all along is the border */
#define CONF_LOW          0.9   /* score with no confidence */
#define CONF_HIGH         1.3   /* score with full confidence */
#define POLARITY_MIN      12.0  /* mean luminance step that has a sign */
#define POLARITY_W        0.1   /* penalty per side of the other polarity */
#define CONTRAST_FULL     60.0  /* colour distance counted as full contrast */
#define WEAK_THR          0.5   /* edge threshold for a faint side, × the usual one */
#define WEAK_MIN          0.5   /* least support of a faint side */
#define WEAK_W            0.05  /* penalty of a quad with a faint side */
#define WEAK_SEEN         0.5   /* least support of each of the other three sides */
#define NEST_GAP          0.2   /* a nested quad this close to the winner's score … */
#define NEST_BUSY         1.4   /* … and this much busier inside than the rest wins */

typedef struct {
  int     w, h, nch;
  double  scale;       /* work pixels per input pixel */
  float  *chan[3];     /* smoothed colour planes */
  float  *gx, *gy, *mag;
  guint8 *edge;        /* thinned edge points */
  float   thr;         /* edge threshold on mag */
} Work;

typedef struct {
  double  nx, ny, rho; /* x·nx + y·ny = rho */
  double  votes;
  double  ta, tb;      /* in-image parameter range along d = (-ny, nx) */
  int     nsamp;
  float  *sup;         /* prefix sums of edge support, nsamp + 1 */
} Line;

typedef struct {
  RsPoint c[4];        /* corners: a1∩b1, b1∩a2, a2∩b2, b2∩a1 */
  double  edge;        /* edge support 0..1 */
  double  ext;         /* support of the side lines past the corners */
  double  contrast;    /* colour contrast across the sides 0..1 */
#ifdef RS_LOCATE_TRACE
  double  fr[4], vis[4];
#endif
  double  score;
} Cand;

/* floor and ceil to int without a libm call (the baseline x86-64 target
 * has no rounding instruction); these run in the inner loops. */
static inline int
ifloor (double v)
{
  int i = (int) v;
  return v < i ? i - 1 : i;
}

static inline int
iceil (double v)
{
  int i = (int) v;
  return v > i ? i + 1 : i;
}

/* atan2 to within ~0.3°, enough for 1° accumulator bins and much cheaper
 * than the libm call done once per edge point. */
static inline double
fast_atan2 (double y,
            double x)
{
  double ax = fabs (x), ay = fabs (y), a, r, s;

  if (ax < 1e-12 && ay < 1e-12)
    return 0;
  a = MIN (ax, ay) / MAX (ax, ay);
  s = a * a;
  r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
  if (ay > ax)
    r = G_PI / 2 - r;
  if (x < 0)
    r = G_PI - r;
  return y < 0 ? -r : r;
}

/* ------------------------------------------------------------------------ */
/* Geometry helpers                                                         */

static double
poly_signed_area (const RsPoint *p,
                  int            n)
{
  double a = 0;

  for (int i = 0; i < n; i++)
    {
      const RsPoint *q = &p[(i + 1) % n];
      a += p[i].x * q->y - q->x * p[i].y;
    }
  return a / 2;
}

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
static int
clip_half_plane (const RsPoint *in,
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
      n = clip_half_plane (cur, n, pb[i], pb[(i + 1) % 4], nxt);
      t = cur;
      cur = nxt;
      nxt = t;
    }
  ia = n >= 3 ? fabs (poly_signed_area (cur, n)) : 0;
  ua = rs_quad_area (a) + rs_quad_area (b) - ia;
  return ua > 0 ? ia / ua : 0;
}

static gboolean
intersect (const Line *a,
           const Line *b,
           RsPoint    *p)
{
  double det = a->nx * b->ny - a->ny * b->nx;

  if (fabs (det) < 1e-6)
    return FALSE;
  p->x = (a->rho * b->ny - a->ny * b->rho) / det;
  p->y = (a->nx * b->rho - a->rho * b->nx) / det;
  return TRUE;
}

static double
dist (RsPoint a,
      RsPoint b)
{
  return sqrt ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
}

/* ------------------------------------------------------------------------ */
/* Image preparation                                                        */

static void
work_free (Work *w)
{
  for (int c = 0; c < 3; c++)
    g_free (w->chan[c]);
  g_free (w->gx);
  g_free (w->gy);
  g_free (w->mag);
  g_free (w->edge);
}

/* Box-average downsampling on a sparse grid (about 2×2 samples per box; the
 * smoothing that follows removes the aliasing) keeps a 12 MP input cheap. */
static void
downsample (const guint8 *pixels,
            int           width,
            int           height,
            int           stride,
            int           channels,
            Work         *w)
{
  int W = w->w, H = w->h;
  double inv = 1.0 / w->scale;
  /* Per output column: up to two source byte offsets. */
  int *xo = g_new (int, 2 * W);
  int nx = 1;

  for (int x = 0; x < W; x++)
    {
      int xa = MIN (width - 1, (int) floor (x * inv + 0.5));
      int xb = MAX (xa + 1, MIN (width, (int) floor ((x + 1) * inv + 0.5)));
      int xs = (xb - xa) / 2;

      xo[2 * x] = (xa + xs / 2) * channels;
      xo[2 * x + 1] = MIN (width - 1, xa + xs / 2 + xs) * channels;
      if (xs > 0)
        nx = 2;
    }

  for (int y = 0; y < H; y++)
    {
      int ya = MIN (height - 1, (int) floor (y * inv + 0.5));
      int yb = MAX (ya + 1, MIN (height, (int) floor ((y + 1) * inv + 0.5)));
      int ys = (yb - ya) / 2;
      const guint8 *r0 = pixels + (gsize) (ya + ys / 2) * stride;
      const guint8 *r1 = pixels + (gsize) MIN (height - 1, ya + ys / 2 + ys) * stride;
      float *o0 = w->chan[0] + y * W;

      if (nx == 1)
        r1 = r0;
      if (w->nch == 3)
        {
          float *o1 = w->chan[1] + y * W, *o2 = w->chan[2] + y * W;
          for (int x = 0; x < W; x++)
            {
              const guint8 *a = r0 + xo[2 * x], *b = r0 + xo[2 * x + 1];
              const guint8 *c = r1 + xo[2 * x], *d = r1 + xo[2 * x + 1];
              o0[x] = 0.25f * (a[0] + b[0] + c[0] + d[0]);
              o1[x] = 0.25f * (a[1] + b[1] + c[1] + d[1]);
              o2[x] = 0.25f * (a[2] + b[2] + c[2] + d[2]);
            }
        }
      else
        for (int x = 0; x < W; x++)
          o0[x] = 0.25f * (r0[xo[2 * x]] + r0[xo[2 * x + 1]] + r1[xo[2 * x]] + r1[xo[2 * x + 1]]);
    }
  g_free (xo);
}

#if defined(__GNUC__) || defined(__clang__)
#define RS_HAVE_VECTOR_EXT 1
typedef float v4sf __attribute__ ((vector_size (16)));
typedef int v4si __attribute__ ((vector_size (16)));

static inline v4sf
v4_load (const float *p)
{
  v4sf v;
  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
v4_store (float *p,
          v4sf   v)
{
  memcpy (p, &v, sizeof v);
}

static inline v4sf
v4_select (v4si mask,
           v4sf a,
           v4sf b)
{
  return (v4sf) ((mask & (v4si) a) | (~mask & (v4si) b));
}
#endif

/* Separable [1 4 6 4 1] / 16 smoothing with clamped borders. */
static void
smooth (float *restrict plane,
        int             w,
        int             h,
        float *restrict tmp)
{
  for (int y = 0; y < h; y++)
    {
      const float *restrict r = plane + y * w;
      float *restrict o = tmp + y * w;
      for (int x = 0; x < 2 && x < w; x++)
        o[x] = (r[MAX (0, x - 2)] + r[MIN (w - 1, x + 2)] + 4 * (r[MAX (0, x - 1)] + r[MIN (w - 1, x + 1)]) + 6 * r[x]) * (1.0f / 16);
      int x = 2;
#ifdef RS_HAVE_VECTOR_EXT
      for (; x + 4 <= w - 2; x += 4)
        v4_store (o + x, (v4_load (r + x - 2) + v4_load (r + x + 2)
                          + 4 * (v4_load (r + x - 1) + v4_load (r + x + 1)) + 6 * v4_load (r + x)) * (1.0f / 16));
#endif
      for (; x < w - 2; x++)
        o[x] = (r[x - 2] + r[x + 2] + 4 * (r[x - 1] + r[x + 1]) + 6 * r[x]) * (1.0f / 16);
      for (x = MAX (2, w - 2); x < w; x++)
        o[x] = (r[MAX (0, x - 2)] + r[MIN (w - 1, x + 2)] + 4 * (r[MAX (0, x - 1)] + r[MIN (w - 1, x + 1)]) + 6 * r[x]) * (1.0f / 16);
    }
  for (int y = 0; y < h; y++)
    {
      const float *restrict a2 = tmp + MAX (0, y - 2) * w;
      const float *restrict a1 = tmp + MAX (0, y - 1) * w;
      const float *restrict c = tmp + y * w;
      const float *restrict b1 = tmp + MIN (h - 1, y + 1) * w;
      const float *restrict b2 = tmp + MIN (h - 1, y + 2) * w;
      float *restrict o = plane + y * w;
      int x = 0;
#ifdef RS_HAVE_VECTOR_EXT
      for (; x + 4 <= w; x += 4)
        v4_store (o + x, (v4_load (a2 + x) + v4_load (b2 + x)
                          + 4 * (v4_load (a1 + x) + v4_load (b1 + x)) + 6 * v4_load (c + x)) * (1.0f / 16));
#endif
      for (; x < w; x++)
        o[x] = (a2[x] + b2[x] + 4 * (a1[x] + b1[x]) + 6 * c[x]) * (1.0f / 16);
    }
}

/* Sobel on every channel; keep the channel with the strongest response so
 * that colour edges with little luminance contrast still show.  Row-wise
 * so that the compiler can vectorise it. */
static void
gradient (Work *w)
{
  int W = w->w, H = w->h;

  for (int y = 1; y < H - 1; y++)
    {
      float *restrict gx = w->gx + y * W, *restrict gy = w->gy + y * W, *restrict mag = w->mag + y * W;

      for (int x = 0; x < W; x++)
        mag[x] = -1;
      for (int c = 0; c < w->nch; c++)
        {
          const float *restrict u = w->chan[c] + (y - 1) * W;
          const float *restrict m = w->chan[c] + y * W;
          const float *restrict d = w->chan[c] + (y + 1) * W;

          int x = 1;
#ifdef RS_HAVE_VECTOR_EXT
          /* four pixels at a time (GCC/Clang vector extension) */
          for (; x + 4 <= W - 1; x += 4)
            {
              v4sf um = v4_load (u + x - 1), uc = v4_load (u + x), up = v4_load (u + x + 1);
              v4sf mm = v4_load (m + x - 1), mp = v4_load (m + x + 1);
              v4sf dm = v4_load (d + x - 1), dc = v4_load (d + x), dp = v4_load (d + x + 1);
              v4sf sx = (up + 2 * mp + dp) - (um + 2 * mm + dm);
              v4sf sy = (dm + 2 * dc + dp) - (um + 2 * uc + up);
              v4sf sm = sx * sx + sy * sy;
              v4sf om = v4_load (mag + x), ox = v4_load (gx + x), oy = v4_load (gy + x);
              v4si better = sm > om;

              v4_store (mag + x, v4_select (better, sm, om));
              v4_store (gx + x, v4_select (better, sx, ox));
              v4_store (gy + x, v4_select (better, sy, oy));
            }
#endif
          for (; x < W - 1; x++)
            {
              float sx = (u[x + 1] + 2 * m[x + 1] + d[x + 1]) - (u[x - 1] + 2 * m[x - 1] + d[x - 1]);
              float sy = (d[x - 1] + 2 * d[x] + d[x + 1]) - (u[x - 1] + 2 * u[x] + u[x + 1]);
              float sm = sx * sx + sy * sy;
              gboolean better = sm > mag[x];
              /* branch-free: which channel wins is unpredictable */
              gx[x] = better ? sx : gx[x];
              gy[x] = better ? sy : gy[x];
              mag[x] = better ? sm : mag[x];
            }
        }
      /* Scaled so that a step of height h gives a magnitude of about h. */
      for (int x = 1; x < W - 1; x++)
        {
          gx[x] *= 0.25f;
          gy[x] *= 0.25f;
          mag[x] = 0.25f * sqrtf (mag[x]);
        }
      gx[0] = gy[0] = mag[0] = 0;
      gx[W - 1] = gy[W - 1] = mag[W - 1] = 0;
    }
}

static void
thin_edges (Work *w)
{
  int W = w->w, H = w->h;
  guint hist[256] = { 0 };
  guint total = 0, acc = 0;
  float p90 = 0;

  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      {
        hist[MIN (255, (int) w->mag[y * W + x])]++;
        total++;
      }
  for (int b = 0; b < 256; b++)
    {
      acc += hist[b];
      if (acc >= total * 0.9)
        {
          p90 = b;
          break;
        }
    }
  w->thr = MAX (4.0f, 0.25f * p90);

  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      {
        int i = y * W + x;
        float m = w->mag[i];
        float ax, ay;
        int off;

        if (m < w->thr)
          continue;
        ax = fabsf (w->gx[i]);
        ay = fabsf (w->gy[i]);
        if (ay < 0.4142f * ax)
          off = 1;
        else if (ax < 0.4142f * ay)
          off = W;
        else if ((w->gx[i] > 0) == (w->gy[i] > 0))
          off = W + 1;
        else
          off = W - 1;
        if (m >= w->mag[i - off] && m > w->mag[i + off])
          w->edge[i] = 1;
      }
}

/* ------------------------------------------------------------------------ */
/* Lines                                                                    */

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

static int
find_lines (Work  *w,
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
static void
line_clip (const Work *w,
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

      line_clip (w, l);
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
static void
line_profile (const Work *w,
              Line       *l,
              const Line *path,
              float       thr)
{
  int W = w->w, H = w->h;
  double dx = -path->ny, dy = path->nx;
  double p0x = path->rho * path->nx, p0y = path->rho * path->ny;
  float cosmin = (float) cos (20 * G_PI / 180);

  line_clip (w, l);
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

static void
line_prepare (const Work *w,
              Line       *l)
{
  Line path = *l;

  line_refit (w, l);
  line_profile (w, l, &path, 0.7f * w->thr);
}

/* Visible fraction of the segment of @l between parameters t1 and t2. */
static double
segment_visible (const Line *l,
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
static double
segment_support (const Line *l,
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

static double
line_param (const Line *l,
            RsPoint     p)
{
  return -p.x * l->ny + p.y * l->nx;
}

/* ------------------------------------------------------------------------ */
/* Candidate quadrilaterals                                                 */

/* |cos| of the angle between two lines */
static double
cos_between (const Line *a,
             const Line *b)
{
  return fabs (a->nx * b->nx + a->ny * b->ny);
}

static gboolean
quad_convex (const RsPoint *c)
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
static double
quad_aspect (const RsPoint *c,
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
static double
quad_contrast (const Work    *w,
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
static double
quad_busyness (const Work    *w,
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

static int
compare_cand (gconstpointer a,
              gconstpointer b)
{
  const Cand *ca = a, *cb = b;
  return ca->score < cb->score ? 1 : ca->score > cb->score ? -1 : 0;
}

/* Area of the part of polygon @c inside [0,W]×[0,H]. */
static double
area_inside (const RsPoint *c,
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
      n = clip_half_plane (cur, n, rect[i], rect[(i + 1) % 4], nxt);
      t = cur;
      cur = nxt;
      nxt = t;
    }
  return n >= 3 ? fabs (poly_signed_area (cur, n)) : 0;
}

static double
aspect_penalty (double asp,
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
static gboolean
cand_eval (const Work    *w,
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
          if (segment_visible (L[i], tp, tq) >= 0.2)
            return FALSE;
          vis[i] = 0;
          continue;
        }
      fr[i] = segment_support (L[i], tp, tq, SIDE_TRIM, &vis[i]);
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
  if (!quad_convex (c))
    return FALSE;
  asp = quad_aspect (c, W / 2, H / 2, hypot (W, H));
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
        ext += segment_support (L[i], tq + dir * 0.06 * len, tq + dir * 0.25 * len, 0, &ve) * (ve >= 0.5);
        ext += segment_support (L[i], tp - dir * 0.06 * len, tp - dir * 0.25 * len, 0, &ve) * (ve >= 0.5);
      }
  inside = area_inside (c, W, H);
  out->ext = ext;
#ifdef RS_LOCATE_TRACE
  memcpy (out->fr, fr, sizeof fr);
  memcpy (out->vis, vis, sizeof vis);
#endif
  out->score = out->edge + 0.25 * sqrt (inside / (W * H))
               - 0.15 * ext
               - 0.8 * aspect_penalty (asp, hint)
               - 6.0 * (1 - inside / area) * (1 - inside / area);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sub-pixel refinement on the input image                                  */

typedef struct {
  const guint8 *pixels;
  int           width, height, stride, channels;
} Src;

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

static void
refine_quad (const Src *s,
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
      if (!quad_convex (nq.p))
        return;
      *q = nq;
    }
}

/* ------------------------------------------------------------------------ */

static gboolean
cand_same (const Cand *a,
           const Cand *b)
{
  for (int i = 0; i < 4; i++)
    {
      double best = G_MAXDOUBLE;
      for (int j = 0; j < 4; j++)
        {
          double dx = a->c[i].x - b->c[j].x, dy = a->c[i].y - b->c[j].y;
          best = MIN (best, dx * dx + dy * dy);
        }
      if (best > 2.5 * 2.5)
        return FALSE;
    }
  return TRUE;
}

/* Keep the MAX_RANKED best candidates by stage-one score, best first. */
static void
top_insert (Cand       *top,
            int        *ntop,
            const Cand *c)
{
  int i;

  if (*ntop == MAX_RANKED && c->score <= top[MAX_RANKED - 1].score)
    return;
  /* Lines a pixel apart make near-copies of one quad: keep the best copy
   * so that the list holds different outlines. */
  for (int j = 0; j < *ntop; j++)
    if (cand_same (&top[j], c))
      {
        if (c->score <= top[j].score)
          return;
        memmove (&top[j], &top[j + 1], (*ntop - j - 1) * sizeof (Cand));
        (*ntop)--;
        break;
      }
  i = *ntop < MAX_RANKED ? (*ntop)++ : MAX_RANKED - 1;
  while (i > 0 && top[i - 1].score < c->score)
    {
      top[i] = top[i - 1];
      i--;
    }
  top[i] = *c;
}

#ifdef RS_LOCATE_TRACE
/* Debugging aid: how the candidate nearest to a known truth fared. */
static double trace_best_iou;
static Cand trace_best;
static int trace_best_n;
static int trace_npairs;

static gboolean
trace_get_truth (const Work *w,
                 RsQuad     *tq)
{
  const char *env = g_getenv ("RS_LOCATE_TRUTH");
  if (env == NULL || g_getenv ("RS_LOCATE_NOTRUTH"))
    return FALSE;
  sscanf (env, "%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf",
          &tq->p[0].x, &tq->p[0].y, &tq->p[1].x, &tq->p[1].y, &tq->p[2].x, &tq->p[2].y, &tq->p[3].x, &tq->p[3].y);
  for (int i = 0; i < 4; i++)
    {
      tq->p[i].x *= w->scale;
      tq->p[i].y *= w->scale;
    }
  return TRUE;
}

static void
trace_cand (const Work *w,
            const Cand *c,
            int         n)
{
  RsQuad tq, cq;
  double v;

  if (n == 1)
    trace_best_iou = -1;
  if (!trace_get_truth (w, &tq))
    return;
  memcpy (cq.p, c->c, sizeof cq.p);
  v = rs_quad_iou (&cq, &tq);
  if (v > trace_best_iou)
    {
      trace_best_iou = v;
      trace_best = *c;
      trace_best_n = n;
    }
}

static void
trace_truth (const Work *w,
             const Line *lines,
             int         nlines)
{
  RsQuad tq;

  if (!trace_get_truth (w, &tq))
    return;
  if (trace_best_iou >= 0)
    g_printerr ("truth-best cand #%d iou %.3f stage1 %.3f edge %.3f ext %.3f contrast %.3f\n",
                trace_best_n, trace_best_iou, trace_best.score, trace_best.edge, trace_best.ext,
                quad_contrast (w, trace_best.c, NULL));
  if (trace_best_iou >= 0)
    for (int i = 0; i < 4; i++)
      g_printerr ("  side %d: support %.2f visible %.2f  corner (%.1f,%.1f)\n", i, trace_best.fr[i], trace_best.vis[i],
                  trace_best.c[i].x / w->scale, trace_best.c[i].y / w->scale);
  for (int i = 0; i < 4; i++)
    {
      RsPoint a = tq.p[i], b = tq.p[(i + 1) % 4];
      double len = dist (a, b), nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
      double rho = nx * a.x + ny * a.y, bd = 1e9;
      int bj = -1;
      for (int j = 0; j < nlines; j++)
        {
          double cth = nx * lines[j].nx + ny * lines[j].ny;
          double dr = fabs (cth > 0 ? rho - lines[j].rho : rho + lines[j].rho);
          if (fabs (cth) > cos (3 * G_PI / 180) && dr < bd)
            {
              bd = dr;
              bj = j;
            }
        }
      g_printerr ("  truth side %d: nearest line %d (d=%.1f votes %.0f) truth nx %.3f ny %.3f rho %.1f\n", i, bj, bd, bj >= 0 ? lines[bj].votes : 0, nx, ny, rho);
    }
}
#endif

/* Bits set in a 32-bit mask. */
static inline int
popcount32 (guint32 v)
{
  v = v - ((v >> 1) & 0x55555555u);
  v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
  return (int) ((((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24);
}

#define WEAK_SAMPLES 16
#define WEAK_MAX_OFF 192

/* A side the line finder missed: a pale card on white paper can have one
 * side too faint for the accumulator.  Given two roughly parallel sides
 * a1, a2 and the side b crossing them at c1 and c2, look for a straight
 * edge parallel to b at offsets off_lo..off_hi (along b's normal) with a
 * lower gradient threshold, and one polarity all along (a texture has
 * both).  Returns the supported fraction at the best offset (*best_off). */
static double
weak_side_search (const Work *w,
                  const Line *a1,
                  const Line *a2,
                  const Line *b,
                  RsPoint     c1,
                  RsPoint     c2,
                  double      da1,
                  double      da2,
                  double      off_lo,
                  double      off_hi,
                  double     *best_off)
{
  guint32 pos[WEAK_MAX_OFF], neg[WEAK_MAX_OFF], seen = 0;
  int noff = MIN (WEAK_MAX_OFF, (int) (off_hi - off_lo) + 1);
  float thr = WEAK_THR * w->thr, cosmin = (float) cos (20 * G_PI / 180);
  double d1x = -a1->ny / da1, d1y = a1->nx / da1, d2x = -a2->ny / da2, d2y = a2->nx / da2;
  double best = 0;
  int nseen;

  *best_off = 0;
  if (noff < 3)
    return 0;
  for (int o = 0; o < noff; o++)
    {
      double off = off_lo + o;
      double p1x = c1.x + off * d1x, p1y = c1.y + off * d1y;
      double p2x = c2.x + off * d2x, p2y = c2.y + off * d2y;

      pos[o] = neg[o] = 0;
      for (int j = 0; j < WEAK_SAMPLES; j++)
        {
          double t = 0.1 + 0.8 * j / (WEAK_SAMPLES - 1);
          int x = ifloor (p1x + t * (p2x - p1x) + 0.5), y = ifloor (p1y + t * (p2y - p1y) + 0.5);
          int i;
          float m, g;

          if (x < 1 || y < 1 || x >= w->w - 1 || y >= w->h - 1)
            continue;
          seen |= 1u << j;
          i = y * w->w + x;
          m = w->mag[i];
          if (m < thr)
            continue;
          g = w->gx[i] * (float) b->nx + w->gy[i] * (float) b->ny;
          if (g >= cosmin * m)
            pos[o] |= 1u << j;
          else if (-g >= cosmin * m)
            neg[o] |= 1u << j;
        }
    }
  nseen = popcount32 (seen);
  if (nseen < WEAK_SAMPLES * 3 / 4)
    return 0;
  for (int o = 1; o < noff - 1; o++)
    {
      int np = popcount32 (pos[o - 1] | pos[o] | pos[o + 1]);
      int nn = popcount32 (neg[o - 1] | neg[o] | neg[o + 1]);
      double f = (double) MAX (np, nn) / nseen;

      if (f > best)
        {
          best = f;
          *best_off = off_lo + o;
        }
    }
  return best;
}

static inline double
dist2 (RsPoint a,
       RsPoint b)
{
  return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

typedef struct {
  const Line *a1, *b, *a2;
  RsPoint     c1, c2;
  double      da1, da2, off;
  double      bound;       /* best stage-one score it could reach */
} Weak;

#define MAX_WEAK 40
#define WEAK_KEEP 4

/* Sides a1, b, a2 seen, the fourth expected at offset @off from b inside
 * the frame, yet no line there.  Keep the MAX_WEAK most promising such
 * triples by the score they would reach with a fully supported fourth
 * side; the search for a faint side runs on those only. */
static void
weak_note (const Work *w,
           const Weak *k,
           double      sb,
           double      best_score,
           Weak       *list,
           int        *nlist)
{
  RsPoint e1, e2;
  double s[3], vis, mn, bound, area_term, floor_bound;
  int i;

  /* Bound with sides a1 and a2 fully supported first: it needs no
   * measurement. */
  area_term = 0.25 * sqrt (dist (k->c1, k->c2) * fabs (k->off) / (w->w * (double) w->h)) - WEAK_W;
  floor_bound = MAX (*nlist == MAX_WEAK ? list[MAX_WEAK - 1].bound : -G_MAXDOUBLE, best_score - 0.35);
  if (0.6 * (sb + 3) / 4 + 0.4 * sb + area_term <= floor_bound)
    return;
  e1.x = k->c1.x + k->off / k->da1 * -k->a1->ny;
  e1.y = k->c1.y + k->off / k->da1 * k->a1->nx;
  e2.x = k->c2.x + k->off / k->da2 * -k->a2->ny;
  e2.y = k->c2.y + k->off / k->da2 * k->a2->nx;

  /* The three seen sides must be well seen: the fourth is the doubtful
   * one.  (The caller has measured b, the same for every offset.) */
  s[1] = sb;
  s[0] = segment_support (k->a1, line_param (k->a1, k->c1), line_param (k->a1, e1), SIDE_TRIM, &vis);
  if (vis < 0.2 || s[0] < WEAK_SEEN)
    return;
  s[2] = segment_support (k->a2, line_param (k->a2, k->c2), line_param (k->a2, e2), SIDE_TRIM, &vis);
  if (vis < 0.2 || s[2] < WEAK_SEEN)
    return;
  mn = MIN (s[0], MIN (s[1], s[2]));
  bound = 0.6 * (s[0] + s[1] + s[2] + 1) / 4 + 0.4 * mn + area_term;
  /* Contrast adds at most 0.35 in the finer ranking: a quad that cannot
   * reach the best stage-one score with it is not worth the search. */
  if (bound <= floor_bound)
    return;
  /* Lines a pixel apart make near-copies: keep the list diverse. */
  for (int j = 0; j < *nlist; j++)
    {
      double tol2 = 0.0025 * dist2 (k->c1, k->c2);   /* (5 % of the side)² */
      gboolean same_end = (dist2 (k->c1, list[j].c1) < tol2 && dist2 (k->c2, list[j].c2) < tol2) ||
                          (dist2 (k->c1, list[j].c2) < tol2 && dist2 (k->c2, list[j].c1) < tol2);

      if (!same_end || fabs (k->off - list[j].off) > 0.1 * fabs (k->off) + 2 ||
          (k->off > 0) != (list[j].off > 0))
        continue;
      if (bound <= list[j].bound)
        return;
      memmove (&list[j], &list[j + 1], (*nlist - j - 1) * sizeof (Weak));
      (*nlist)--;
      break;
    }
  i = *nlist < MAX_WEAK ? (*nlist)++ : MAX_WEAK - 1;
  while (i > 0 && list[i - 1].bound < bound)
    {
      list[i] = list[i - 1];
      i--;
    }
  list[i] = *k;
  list[i].bound = bound;
}

/* Search for the faint fourth side of @k; add the quad it closes. */
static void
weak_try (const Work *w,
          const Weak *k,
          double      asp_lo,
          double      asp_hi,
          double      hint,
          Cand       *top,
          int        *ntop)
{
  double floor_score = *ntop == WEAK_KEEP ? top[WEAK_KEEP - 1].score : -G_MAXDOUBLE;
  double off = k->off;
  double lo = off > 0 ? 0.88 * off : 1.12 * off, hi = off > 0 ? 1.12 * off : 0.88 * off;
  double sup, best_off;
  Line weak;
  const Line *L[4];
  RsPoint q[4];
  Cand c;

  if (k->bound <= floor_score)
    return;
  sup = weak_side_search (w, k->a1, k->a2, k->b, k->c1, k->c2, k->da1, k->da2, lo, hi, &best_off);
#ifdef RS_LOCATE_TRACE
  g_printerr ("  weak side: bound %.3f support %.2f  (%.0f,%.0f) (%.0f,%.0f) off %.1f\n", k->bound, sup,
              k->c1.x / w->scale, k->c1.y / w->scale, k->c2.x / w->scale, k->c2.y / w->scale, best_off / w->scale);
#endif
  if (sup < WEAK_MIN)
    return;
  weak = *k->b;
  weak.rho = k->b->rho + best_off;
  weak.votes = 0;
  q[0] = k->c1;
  q[1] = k->c2;
  q[2].x = k->c2.x + best_off / k->da2 * -k->a2->ny;
  q[2].y = k->c2.y + best_off / k->da2 * k->a2->nx;
  q[3].x = k->c1.x + best_off / k->da1 * -k->a1->ny;
  q[3].y = k->c1.y + best_off / k->da1 * k->a1->nx;
  line_profile (w, &weak, &weak, WEAK_THR * w->thr);
  L[0] = k->a1;
  L[1] = k->b;
  L[2] = k->a2;
  L[3] = &weak;
  if (cand_eval (w, L, q, asp_lo, asp_hi, hint, floor_score + WEAK_W, &c))
    {
      c.score -= WEAK_W;
#ifdef RS_LOCATE_TRACE
      trace_cand (w, &c, 1000000);
      g_printerr ("    weak cand %.3f edge %.3f (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f)\n", c.score, c.edge,
                  c.c[0].x / w->scale, c.c[0].y / w->scale, c.c[1].x / w->scale, c.c[1].y / w->scale,
                  c.c[2].x / w->scale, c.c[2].y / w->scale, c.c[3].x / w->scale, c.c[3].y / w->scale);
#endif
      for (int i = 0; i < *ntop; i++)
        if (cand_same (&top[i], &c))
          {
            if (c.score > top[i].score)
              top[i] = c;
            goto done;
          }
      {
        int i = *ntop < WEAK_KEEP ? (*ntop)++ : WEAK_KEEP - 1;
        while (i > 0 && top[i - 1].score < c.score)
          {
            top[i] = top[i - 1];
            i--;
          }
        top[i] = c;
      }
    }
done:
  g_free (weak.sup);
}

/* Does the quad run out of the W×H frame (by more than 0.2 % of the long
 * side, as for the result's cut_off)? */
static gboolean
cand_outside (const Cand *c,
              double      W,
              double      H)
{
  double tol = 0.002 * MAX (W, H);

  for (int i = 0; i < 4; i++)
    if (c->c[i].x < -0.5 - tol || c->c[i].y < -0.5 - tol ||
        c->c[i].x > W - 0.5 + tol || c->c[i].y > H - 0.5 + tol)
      return TRUE;
  return FALSE;
}

#define TOP_FLOOR (ntop == MAX_RANKED ? top[MAX_RANKED - 1].score : -G_MAXDOUBLE)

/* Pairs of roughly parallel lines × pairs of lines crossing them, then
 * three seen sides with the fourth inferred out of the frame.  Keeps the
 * best MAX_RANKED in @top by the stage-one score; returns how many.
 * With @weak, builds no candidates but lists in @weak (MAX_WEAK entries)
 * the three seen sides whose fourth would lie inside the frame, where no
 * line was found, that could beat @weak_best with a faint fourth side. */
static int
collect_candidates (const Work *w,
                    const Line *lines,
                    int         nlines,
                    double      asp_lo,
                    double      asp_hi,
                    double      hint,
                    Cand       *top,
                    double      weak_best,
                    Weak       *weak,
                    int        *nweak_out)
{
  int ntop = 0;
  int nweak = 0;
#ifdef RS_LOCATE_TRACE
  int ncands = 0;
#endif

  {
    const double cos_par = cos (22 * G_PI / 180), cos_cross = cos (45 * G_PI / 180);
    int npairs = 0;
    const Line *L[4];
    int *pairs = g_new (int, nlines * nlines + 2);
    double *sep = g_new (double, nlines * nlines / 2 + 1);
    /* Crossing points of all crossing line pairs, computed once. */
    RsPoint *X = g_new (RsPoint, nlines * nlines);
    guint8 *xok = g_new0 (guint8, nlines * nlines);

    for (int i = 0; i < nlines; i++)
      for (int j = i + 1; j < nlines; j++)
        {
          RsPoint p;
          if (cos_between (&lines[i], &lines[j]) > cos_cross || !intersect (&lines[i], &lines[j], &p))
            continue;
          if (p.x < -0.35 * w->w || p.x > 1.35 * w->w || p.y < -0.35 * w->h || p.y > 1.35 * w->h)
            continue;
          X[i * nlines + j] = X[j * nlines + i] = p;
          xok[i * nlines + j] = xok[j * nlines + i] = 1;
        }

    for (int i = 0; i < nlines; i++)
      for (int j = i + 1; j < nlines; j++)
        {
          double dd;
          if (cos_between (&lines[i], &lines[j]) < cos_par)
            continue;
          /* Separation, measured at the image centre. */
          dd = fabs ((lines[i].nx * w->w / 2 + lines[i].ny * w->h / 2 - lines[i].rho)
                     - (lines[j].nx * w->w / 2 + lines[j].ny * w->h / 2 - lines[j].rho)
                       * (lines[i].nx * lines[j].nx + lines[i].ny * lines[j].ny > 0 ? 1 : -1));
          if (dd < 0.12 * MIN (w->w, w->h))
            continue;
          pairs[2 * npairs] = i;
          pairs[2 * npairs + 1] = j;
          sep[npairs] = dd;
          npairs++;
        }
    for (int p = 0; p < npairs && weak == NULL; p++)
      for (int q = p + 1; q < npairs; q++)
        {
          int a1 = pairs[2 * p], a2 = pairs[2 * p + 1], b1 = pairs[2 * q], b2 = pairs[2 * q + 1];
          RsPoint cs[4];
          Cand c;

          /* Cheap shape tests on the pair separations: the area, and the
           * ratio of the sides (with room for perspective). */
          if (sep[p] * sep[q] < 0.05 * w->w * w->h ||
              sep[p] > 2.8 * sep[q] || sep[q] > 2.8 * sep[p])
            continue;
          if (!xok[a1 * nlines + b1] || !xok[b1 * nlines + a2] ||
              !xok[a2 * nlines + b2] || !xok[b2 * nlines + a1])
            continue;
          cs[0] = X[a1 * nlines + b1];
          cs[1] = X[b1 * nlines + a2];
          cs[2] = X[a2 * nlines + b2];
          cs[3] = X[b2 * nlines + a1];
          L[0] = &lines[a1];
          L[1] = &lines[b1];
          L[2] = &lines[a2];
          L[3] = &lines[b2];
          if (!cand_eval (w, L, cs, asp_lo, asp_hi, hint, TOP_FLOOR, &c))
            continue;
#ifdef RS_LOCATE_TRACE
          trace_cand (w, &c, ++ncands);
#endif
          top_insert (top, &ntop, &c);
        }

    /* Three seen sides: infer the fourth, beyond the frame, from the
     * expected aspect ratio (a document cut off along one side). */
    for (int p = 0; p < npairs; p++)
      for (int k = 0; k < nlines; k++)
        {
          int ia1 = pairs[2 * p], ia2 = pairs[2 * p + 1];
          const Line *a1 = &lines[ia1], *a2 = &lines[ia2], *b = &lines[k];
          RsPoint c1, c2;
          double side, da1, da2, sb = -1;

          if (!xok[ia1 * nlines + k] || !xok[ia2 * nlines + k])
            continue;
          c1 = X[ia1 * nlines + k];
          c2 = X[ia2 * nlines + k];
          side = dist (c1, c2);
          /* moving b by off along its normal moves its crossing with a
           * line a by off / (n_b · d_a) along a */
          da1 = -b->nx * a1->ny + b->ny * a1->nx;
          da2 = -b->nx * a2->ny + b->ny * a2->nx;
          if (fabs (da1) < 0.3 || fabs (da2) < 0.3)
            continue;
          for (int v = 0; v < 4; v++)
            {
              double ratio = hint > 0 ? hint : ID1_ASPECT;
              double off = (v & 1 ? side * ratio : side / ratio) * (v & 2 ? 1 : -1);
              Line inferred = *b;
              RsPoint cs[3];
              Cand c;

              if (side * fabs (off) < 0.05 * w->w * w->h)
                continue;
              inferred.rho = b->rho + off;
              inferred.sup = NULL;
              /* Cheap test first: the inferred side must be out of the frame. */
              cs[1].x = c2.x - off / da2 * a2->ny;
              cs[1].y = c2.y + off / da2 * a2->nx;
              cs[2].x = c1.x - off / da1 * a1->ny;
              cs[2].y = c1.y + off / da1 * a1->nx;
              /* (with one corner out, both its sides show: the four-line
               * candidates cover that) */
              {
                gboolean in1 = cs[1].x >= 0 && cs[1].y >= 0 && cs[1].x <= w->w - 1 && cs[1].y <= w->h - 1;
                gboolean in2 = cs[2].x >= 0 && cs[2].y >= 0 && cs[2].x <= w->w - 1 && cs[2].y <= w->h - 1;

                /* The fourth side would be in the frame, yet no line was
                 * found there: look for a faint one. */
                if (in1 && in2 && weak != NULL)
                  {
                    Weak wk = { a1, b, a2, c1, c2, da1, da2, off, 0 };

                    if (sb < -0.5)
                      {
                        double vb;
                        sb = segment_support (b, line_param (b, c1), line_param (b, c2), SIDE_TRIM, &vb);
                        if (vb < 0.2)
                          sb = 0;
                      }
                    if (sb >= WEAK_SEEN)
                      weak_note (w, &wk, sb, weak_best, weak, &nweak);
                  }
                if (in1 || in2 || weak != NULL)
                  continue;
              }
              if (cs[1].x < -0.35 * w->w || cs[1].x > 1.35 * w->w || cs[1].y < -0.35 * w->h || cs[1].y > 1.35 * w->h ||
                  cs[2].x < -0.35 * w->w || cs[2].x > 1.35 * w->w || cs[2].y < -0.35 * w->h || cs[2].y > 1.35 * w->h)
                continue;
              line_clip (w, &inferred);
              L[0] = a1;
              L[1] = b;
              L[2] = a2;
              L[3] = &inferred;
              {
                RsPoint q[4] = { c1, c2, cs[1], cs[2] };
                if (!cand_eval (w, L, q, asp_lo, asp_hi, hint, TOP_FLOOR, &c))
                  continue;
              }
#ifdef RS_LOCATE_TRACE
              trace_cand (w, &c, ++ncands);
#endif
              top_insert (top, &ntop, &c);
            }
        }
#ifdef RS_LOCATE_TRACE
    trace_npairs = npairs;
#endif
    if (nweak_out)
      *nweak_out = nweak;
    g_free (pairs);
    g_free (sep);
    g_free (X);
    g_free (xok);
  }

  return ntop;
}

/* Is (nearly) all of @inner inside @outer, and @inner at most 70 % of it? */
static gboolean
cand_nested (const Cand *inner,
             const Cand *outer)
{
  double a_in = fabs (poly_signed_area (inner->c, 4)), a_out = fabs (poly_signed_area (outer->c, 4));
  RsQuad qi, qo;
  double iou;

  if (a_in > 0.7 * a_out)
    return FALSE;
  memcpy (qi.p, inner->c, sizeof qi.p);
  memcpy (qo.p, outer->c, sizeof qo.p);
  iou = rs_quad_iou (&qi, &qo);
  /* the shared area, from the IoU */
  return iou * (a_in + a_out) / (1 + iou) >= 0.9 * a_in;
}

/* A document often lies on a larger sheet (a form, a printed page) whose
 * outline is straighter and longer than the card's own.  When a candidate
 * nested inside the winner scores nearly as well, is at least as close to a
 * document's shape, and its inside is much busier than the rest of the
 * winner, the winner is the sheet: take the nested one. */
static gboolean
nest_choose (const Work *w,
             Cand       *top,
             int         ntop,
             double      hint)
{
  double a_area = area_inside (top[0].c, w->w, w->h);
  double a_asp = aspect_penalty (quad_aspect (top[0].c, w->w / 2.0, w->h / 2.0, hypot (w->w, w->h)), hint);
  double ring = -2;

  for (int i = 1; i < ntop; i++)
    {
      const Cand *b = &top[i];
      double b_area = fabs (poly_signed_area (b->c, 4)), inner, b_asp;

      if (b->score < top[0].score - NEST_GAP)
        break;
      if (b_area > 0.7 * a_area || b_area < 0.1 * a_area || !cand_nested (b, &top[0]))
        continue;
      b_asp = aspect_penalty (quad_aspect (b->c, w->w / 2.0, w->h / 2.0, hypot (w->w, w->h)), hint);
      if (b_asp > a_asp + 0.01)
        continue;
      if (ring < -1)
        ring = quad_busyness (w, top[0].c, b->c);
      inner = quad_busyness (w, b->c, NULL);
#ifdef RS_LOCATE_TRACE
      g_printerr ("  nested #%d score %.3f busy %.2f vs ring %.2f\n", i, b->score, inner, ring);
#endif
      if (ring < 0 || inner < 0 || inner < NEST_BUSY * ring)
        continue;
      {
        Cand t = top[0];
        top[0] = *b;
        top[i] = t;
      }
      return TRUE;
    }
  return FALSE;
}

void
rs_locate_document (const guint8          *pixels,
                    int                    width,
                    int                    height,
                    int                    stride,
                    int                    channels,
                    const RsLocateOptions *options,
                    RsLocateResult        *result)
{
  Work w = { 0 };
  Line lines[MAX_LINES];
  int nlines;
  int work_size = options && options->work_size > 0 ? options->work_size : RS_LOCATE_DEFAULT_WORK_SIZE;
  double hint = options ? options->aspect_hint : 0;
  double asp_lo, asp_hi;
  Cand top[MAX_RANKED + WEAK_KEEP];
  int ntop;
  Weak weak[MAX_WEAK];
  int nweak = 0;
  Cand best = { 0 };
  gboolean nested = FALSE;
  double best_score = -1, second_score = 0;
  float *tmp;

  g_return_if_fail (result != NULL);
  memset (result, 0, sizeof *result);
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (channels == 1 || channels == 3 || channels == 4);
  g_return_if_fail (stride >= width * channels);

  if (width < 16 || height < 16)
    return;

  w.scale = MIN (1.0, (double) work_size / MAX (width, height));
  w.w = MAX (8, (int) floor (width * w.scale + 0.5));
  w.h = MAX (8, (int) floor (height * w.scale + 0.5));
  w.scale = 0.5 * ((double) w.w / width + (double) w.h / height);
  w.nch = channels >= 3 ? 3 : 1;
  for (int c = 0; c < w.nch; c++)
    w.chan[c] = g_new (float, (gsize) w.w * w.h);
  w.gx = g_new0 (float, (gsize) w.w * w.h);
  w.gy = g_new0 (float, (gsize) w.w * w.h);
  w.mag = g_new0 (float, (gsize) w.w * w.h);
  w.edge = g_new0 (guint8, (gsize) w.w * w.h);

#ifdef RS_LOCATE_TRACE
  gint64 t_start = g_get_monotonic_time ();
#endif
  downsample (pixels, width, height, stride, channels, &w);
  TT ("down");
  tmp = g_new (float, (gsize) w.w * w.h);
  for (int c = 0; c < w.nch; c++)
    smooth (w.chan[c], w.w, w.h, tmp);
  g_free (tmp);
  TT ("smooth");
  gradient (&w);
  TT ("gradient");
  thin_edges (&w);
  TT ("thin");

#ifdef RS_LOCATE_TRACE
  if (g_getenv ("RS_LOCATE_DUMP") && !g_file_test (g_getenv ("RS_LOCATE_DUMP"), G_FILE_TEST_EXISTS))
    {
      FILE *f = fopen (g_getenv ("RS_LOCATE_DUMP"), "wb");
      fprintf (f, "P5\n%d %d\n255\n", w.w, w.h);
      for (int i = 0; i < w.w * w.h; i++)
        fputc (w.edge[i] ? 255 : MIN (200, (int) (w.mag[i] * 4)), f);
      fclose (f);
    }
#endif
  nlines = find_lines (&w, lines, MAX_LINES);
  TT ("hough");
  for (int i = 0; i < nlines; i++)
    line_prepare (&w, &lines[i]);
  TT ("lines");

  if (hint > 0)
    {
      asp_lo = hint / 1.45;
      asp_hi = hint * 1.45;
    }
  else
    {
      asp_lo = 1.0;
      asp_hi = 2.4;
    }

  ntop = collect_candidates (&w, lines, nlines, asp_lo, asp_hi, hint, top, 0, NULL, NULL);
  TT ("cands");
  if (ntop > 0)
    {
      double best_stage1 = top[0].score;

      for (int i = 0; i < ntop; i++)
        {
          int against = 0;
          top[i].contrast = quad_contrast (&w, top[i].c, &against);
          top[i].score += 0.35 * top[i].contrast - POLARITY_W * against;
        }
      qsort (top, ntop, sizeof (Cand), compare_cand);
      /* A winner running out of the frame is where a missed faint side
       * does harm (a side inferred outside, or a larger sheet taken for the
       * card): only then look for faint sides.  Such quads go to the finer
       * ranking even when their stage-one score would drop them: it is the
       * weak side that costs them there, and contrast can tell. */
      if (cand_outside (&top[0], w.w, w.h))
        {
          Cand wtop[WEAK_KEEP];
          int nwtop = 0;

          collect_candidates (&w, lines, nlines, asp_lo, asp_hi, hint, NULL, best_stage1, weak, &nweak);

          for (int i = 0; i < nweak; i++)
            weak_try (&w, &weak[i], asp_lo, asp_hi, hint, wtop, &nwtop);
          for (int i = 0; i < nwtop; i++)
            {
              gboolean dup = FALSE;
              int against = 0;

              for (int j = 0; j < ntop && !dup; j++)
                dup = cand_same (&top[j], &wtop[i]);
              if (dup)
                continue;
              wtop[i].contrast = quad_contrast (&w, wtop[i].c, &against);
              wtop[i].score += 0.35 * wtop[i].contrast - POLARITY_W * against;
              top[ntop++] = wtop[i];
            }
          qsort (top, ntop, sizeof (Cand), compare_cand);
        }
      TT ("faint");
      nested = nest_choose (&w, top, ntop, hint);
#ifdef RS_LOCATE_TRACE
      g_printerr ("lines %d pairs %d thr %.1f\n", nlines, trace_npairs, w.thr);
      for (int i = 0; i < MIN (ntop, 8); i++)
        {
          Cand *c = &top[i];
          g_printerr ("  %.3f edge %.3f ext %.3f contrast %.3f area %.3f asp %.2f  (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f)\n",
                      c->score, c->edge, c->ext, quad_contrast (&w, c->c, NULL),
                      fabs (poly_signed_area (c->c, 4)) / (w.w * w.h), quad_aspect (c->c, w.w / 2.0, w.h / 2.0, hypot (w.w, w.h)),
                      c->c[0].x / w.scale, c->c[0].y / w.scale, c->c[1].x / w.scale, c->c[1].y / w.scale,
                      c->c[2].x / w.scale, c->c[2].y / w.scale, c->c[3].x / w.scale, c->c[3].y / w.scale);
        }
      trace_truth (&w, lines, nlines);
#endif
      best = top[0];
      best_score = best.score;
      for (int i = 1; i < ntop; i++)
        {
          RsQuad qa, qb;
          memcpy (qa.p, best.c, sizeof qa.p);
          memcpy (qb.p, top[i].c, sizeof qb.p);
          /* (the sheets passed over for a nested document do not count) */
          if (rs_quad_iou (&qa, &qb) < 0.8 && !(nested && cand_nested (&best, &top[i])))
            {
              second_score = top[i].score;
              break;
            }
        }
    }


  if (best_score > 0 && best.edge > 0.3)
    {
      Src src = { pixels, width, height, stride, channels };
      RsQuad q;
      double margin = best_score - second_score;
      double tol = 0.002 * MAX (width, height);

      for (int i = 0; i < 4; i++)
        {
          q.p[i].x = (best.c[i].x + 0.5) / w.scale - 0.5;
          q.p[i].y = (best.c[i].y + 0.5) / w.scale - 0.5;
        }
      TT ("rank");
      refine_quad (&src, &q, w.scale);
      TT ("refine");
      rs_quad_normalize (&q);
      result->found = TRUE;
      result->quad = q;
      /* On the development photos right outlines score 1.15–1.45 and wrong
       * ones below ~1.1; a close runner-up means the choice was a guess. */
      result->confidence = CLAMP ((best_score - CONF_LOW) / (CONF_HIGH - CONF_LOW), 0, 1)
                           * CLAMP (0.5 + margin / 0.2, 0, 1);
#ifdef RS_LOCATE_TRACE
      g_printerr ("final score %.3f margin %.3f edge %.3f contrast %.3f ext %.3f\n", best_score, margin, best.edge, best.contrast, best.ext);
#endif
      for (int i = 0; i < 4; i++)
        if (q.p[i].x < -tol || q.p[i].y < -tol || q.p[i].x > width + tol || q.p[i].y > height + tol)
          result->cut_corners |= 1u << i;
      result->cut_off = result->cut_corners != 0;
    }

  for (int i = 0; i < nlines; i++)
    g_free (lines[i].sup);
  work_free (&w);
}
