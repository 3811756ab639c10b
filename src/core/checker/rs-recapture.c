/* rs-recapture.c: is this a photo of a screen showing the document?
 *
 * A screen is a grid of pixels, each three coloured stripes with dark gaps
 * between them.  Photographed, the grid survives as a strong periodic
 * pattern of the same pitch all over the document: isolated peaks in the
 * spectrum of small native-resolution patches, far above the spectrum
 * around them at the same frequency.  Print, paper texture and noise have a
 * smooth spectrum there.  The JPEG block grid (8 px) would also make peaks,
 * so the frequencies it can produce are left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rs-recapture.h"

#define N       64  /* patch side, native pixels; a power of two */
#define LOG2N   6
#define R_MIN   4   /* ring radius in frequency bins: period N / r ... */
#define R_MAX   29  /* ... from 16 down to 2.2 px */

typedef struct { double re, im; } Cplx;

/* In-place radix-2 FFT of @n = 2^@log2n points with stride @stride. */
static void
fft (Cplx *a,
     int   n,
     int   log2n,
     int   stride)
{
  for (int i = 1, j = 0; i < n; i++)
    {
      int bit = n >> 1;

      for (; j & bit; bit >>= 1)
        j ^= bit;
      j ^= bit;
      if (i < j)
        {
          Cplx t = a[i * stride];
          a[i * stride] = a[j * stride];
          a[j * stride] = t;
        }
    }
  for (int s = 1; s <= log2n; s++)
    {
      int m = 1 << s, h = m >> 1;
      double ang = -2 * G_PI / m;
      Cplx wm = { cos (ang), sin (ang) };

      for (int k = 0; k < n; k += m)
        {
          Cplx w = { 1, 0 };

          for (int j = 0; j < h; j++)
            {
              Cplx *x = &a[(k + j) * stride], *y = &a[(k + j + h) * stride];
              Cplx t = { w.re * y->re - w.im * y->im, w.re * y->im + w.im * y->re };
              Cplx nw = { w.re * wm.re - w.im * wm.im, w.re * wm.im + w.im * wm.re };

              y->re = x->re - t.re;
              y->im = x->im - t.im;
              x->re += t.re;
              x->im += t.im;
              w = nw;
            }
        }
    }
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Whether frequency index @k (−N/2 … N/2−1) is one the 8-pixel JPEG block
 * grid (of period @block px) can produce. */
static gboolean
on_block_line (int    k,
               double block)
{
  double f = abs (k) * block / N; /* cycles per block */

  return block >= 2 && fabs (f - round (f)) * N / block < 0.75;
}

/* The strongest isolated peak of one patch's spectrum: power over the
 * median power of its ring, the largest over the rings of interest. */
static double
patch_peak (const float  *sig,
            const double *window,
            double        block)
{
  Cplx a[N * N];
  double p[N * N], mean = 0, best = 0;
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < N * N; i++)
    mean += sig[i];
  mean /= N * N;
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        a[y * N + x].re = (sig[y * N + x] - mean) * window[y] * window[x];
        a[y * N + x].im = 0;
      }
  for (int y = 0; y < N; y++)
    fft (a + y * N, N, LOG2N, 1);
  for (int x = 0; x < N; x++)
    fft (a + x, N, LOG2N, N);
  for (int i = 0; i < N * N; i++)
    p[i] = a[i].re * a[i].re + a[i].im * a[i].im;

  for (int r = R_MIN; r <= R_MAX; r++)
    {
      double med, top = 0, local = 0, ratio;
      int tx = 0, ty = 0, nl = 0;

      g_array_set_size (ring, 0);
      /* half the plane: the spectrum of a real signal is symmetric */
      for (int ky = 0; ky < N / 2; ky++)
        for (int kx = -N / 2 + 1; kx < N / 2; kx++)
          {
            double d = sqrt ((double) kx * kx + (double) ky * ky), v;

            if ((int) lround (d) != r || (ky == 0 && kx < 0))
              continue;
            if (on_block_line (kx, block) || on_block_line (ky, block))
              continue;
            v = p[ky * N + (kx + N) % N];
            g_array_append_val (ring, v);
            if (v > top)
              {
                top = v;
                tx = kx;
                ty = ky;
              }
          }
      if (ring->len < 8)
        continue;
      g_array_sort (ring, cmp_double);
      med = g_array_index (ring, double, ring->len / 2);
      /* a grid's peak is also sharp against its neighbours 2–3 bins away;
       * the side lobes between a blur's spectral nulls (motion blur is a
       * box filter) stand out of the ring's median but not of those */
      for (int dy = -3; dy <= 3; dy++)
        for (int dx = -3; dx <= 3; dx++)
          if (MAX (abs (dx), abs (dy)) >= 2)
            {
              local += p[((ty + dy + N) % N) * N + (tx + dx + N) % N];
              nl++;
            }
      local /= nl;
      if (med <= 0 || local <= 0)
        continue;
      ratio = MIN (top / med, top / local);
      best = MAX (best, ratio);
    }
  return best;
}

double
rs_recapture_measure (const guint8 *pixels,
                      int           width,
                      int           height,
                      int           stride,
                      int           channels,
                      const RsQuad *quad,
                      double        to_upright,
                      int          *n_patches)
{
  static const double at[3] = { 0.3, 0.5, 0.7 };
  double window[N], block = 8.0 / (to_upright > 0 ? to_upright : 1);
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  float luma[N * N], chroma[N * N];

  *n_patches = 0;
  for (int i = 0; i < N; i++)
    window[i] = 0.5 - 0.5 * cos (2 * G_PI * (i + 0.5) / N);

  for (int j = 0; j < 3; j++)
    for (int i = 0; i < 3; i++)
      {
        /* the patch centre: the outline's bilinear interpolation at (u, v) */
        double u = at[i], v = at[j], cx, cy, best = 0;
        int x0, y0;
        const RsPoint *p = quad->p;

        cx = (1 - v) * ((1 - u) * p[0].x + u * p[1].x) + v * ((1 - u) * p[3].x + u * p[2].x);
        cy = (1 - v) * ((1 - u) * p[0].y + u * p[1].y) + v * ((1 - u) * p[3].y + u * p[2].y);
        x0 = (int) lround (cx) - N / 2;
        y0 = (int) lround (cy) - N / 2;
        if (x0 < 0 || y0 < 0 || x0 + N > width || y0 + N > height)
          continue;
        for (int y = 0; y < N; y++)
          {
            const guint8 *row = pixels + (gsize) (y0 + y) * stride + (gsize) x0 * channels;

            for (int x = 0; x < N; x++)
              {
                const guint8 *q = row + x * channels;

                if (channels < 3)
                  {
                    luma[y * N + x] = q[0];
                    chroma[y * N + x] = 0;
                  }
                else
                  {
                    luma[y * N + x] = 0.299f * q[0] + 0.587f * q[1] + 0.114f * q[2];
                    chroma[y * N + x] = (float) q[0] - q[2];
                  }
              }
          }
        best = patch_peak (luma, window, block);
        if (channels >= 3)
          best = MAX (best, patch_peak (chroma, window, block));
        g_array_append_val (scores, best);
      }
  if (scores->len < 3)
    return 0;
  *n_patches = (int) scores->len;
  g_array_sort (scores, cmp_double);
  /* the median: a screen's grid is everywhere, a print pattern or a
   * reflection is in a patch or two */
  return g_array_index (scores, double, scores->len / 2);
}
