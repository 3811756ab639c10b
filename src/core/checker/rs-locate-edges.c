/* rs-locate-edges.c: the localiser's image preparation: downsampling to the work size, smoothing,
 * the colour gradient and edge thinning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate-private.h"


void
rs_locate_work_free (Work *w)
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
void
rs_locate_downsample (const guint8 *pixels,
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
void
rs_locate_smooth (float *restrict plane,
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
void
rs_locate_gradient (Work *w)
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

void
rs_locate_thin_edges (Work *w)
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
