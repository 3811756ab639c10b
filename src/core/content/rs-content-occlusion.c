/* rs-content-occlusion.c: a finger or hand over the document.
 *
 * A finger laid on a card enters it from outside: along a stretch of the
 * outline the skin-toned region lies on both sides of it and the card's
 * edge cannot be seen there (inside and outside look alike).  Such border
 * stretches seed a region grown over skin-toned pixels of the finger's colour
 * inside the flattened document; its share of the document is the measure.
 * Skin-toned print (a pink licence, the portrait) that meets the edge is
 * not counted: the card's edge still shows there, or the outside is not
 * skin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "rs-content-private.h"

/* Depth of the bands either side of the outline that are compared, as a
 * share of the document's height, and the border step in flat pixels. */
#define BAND_NEAR 0.015
#define BAND_FAR  0.05
/* A finger goes on well beyond the outline: a band further out (past an
 * outline found a little inside the card's edge) must look alike too. */
#define BAND_OUT0 0.07
#define BAND_OUT1 0.14
#define STEP      4
/* Border points this near a corner (share of the document's height) are
 * not seeds: past a card's rounded corner (ID-1: radius 5.9 % of the
 * height; the test fixtures' 7 %) the inside band shows the table, which on
 * a wooden desk is skin-toned too.  A thumb over a corner is wider than
 * this and still crosses both edges beyond it. */
#define CORNER_SKIP 0.03
/* Inside and outside alike: mean RGB difference under these. */
#define EDGE_HIDDEN 28.0
#define FAR_ALIKE   40.0
/* Region growing: RGB distance (sum of the three) to the finger's colour
 * outside, and how far in from the outline a finger reaches (share of the
 * document's height). */
#define GROW_DIST  75
#define GROW_DEPTH 0.45

gboolean
rs_content_is_skin (int r,
                    int g,
                    int b)
{
  double y = 0.299 * r + 0.587 * g + 0.114 * b;
  double cr = 128 + 0.713 * (r - y);
  double cb = 128 + 0.564 * (b - y);

  return y >= 40 && y <= 245 && cr >= 136 && cr <= 178 && cb >= 78 && cb <= 130 &&
         r > g && r > b && r - MIN (g, b) >= 15;
}

/* Mean RGB over the band from @d0 to @d1 (flat pixels; negative is outside)
 * beside border point @t of side @side, through the flat's map onto
 * @image; *skin: the share of skin-toned samples. */
static void
band_mean (const RsContentImage *image,
           const RsFlat         *f,
           int                   side,
           double                t,
           double                d0,
           double                d1,
           double                mean[3],
           double               *skin)
{
  int n = 0, ns = 0, c = image->channels;

  mean[0] = mean[1] = mean[2] = 0;
  for (int k = 0; k < 4; k++)
    for (int j = -1; j <= 1; j++)
      {
        double d = d0 + (d1 - d0) * (k + 0.5) / 4, u = t + j * STEP / 3.0;
        double fx, fy, px, py;
        int ix, iy;
        const guint8 *p;

        switch (side)
          {
          case 0: fx = u; fy = d; break;              /* top */
          case 1: fx = f->W - d; fy = u; break;       /* right */
          case 2: fx = u; fy = f->H - d; break;       /* bottom */
          default: fx = d; fy = u; break;             /* left */
          }
        rs_homography_apply (f->h, fx, fy, &px, &py);
        ix = (int) floor (px);
        iy = (int) floor (py);
        if (ix < 0 || iy < 0 || ix >= image->width || iy >= image->height)
          continue;
        p = image->pixels + (gsize) iy * image->stride + (gsize) ix * c;
        for (int q = 0; q < 3; q++)
          mean[q] += p[c == 1 ? 0 : q];
        ns += c != 1 && rs_content_is_skin (p[0], p[1], p[2]);
        n++;
      }
  if (n > 0)
    for (int q = 0; q < 3; q++)
      mean[q] /= n;
  *skin = n > 0 ? (double) ns / n : -1;
}

double
rs_content_occlusion (const RsContentImage *image,
                      const RsFlat         *f,
                      double                box[4])
{
  gsize n = (gsize) f->W * f->H;
  g_autofree guint8 *state = g_malloc0 (n); /* 1 skin, 2 in the region */
  g_autofree int *stack = NULL;
  gsize top = 0, area = 0;
  double finger[3] = { 0, 0, 0 };
  int nseed = 0, nfinger = 0, x0 = f->W, y0 = f->H, x1 = -1, y1 = -1;
  double near = BAND_NEAR * f->H, far = BAND_FAR * f->H, depth = GROW_DEPTH * f->H;

  box[0] = box[1] = box[2] = box[3] = 0;
  if (image->channels == 1)
    return 0;
  for (gsize i = 0; i < n; i++)
    state[i] = rs_content_is_skin (f->rgb[i * 3], f->rgb[i * 3 + 1], f->rgb[i * 3 + 2]);

  stack = g_malloc (n * sizeof (int));
  for (int side = 0; side < 4; side++)
    {
      int len = side % 2 == 0 ? f->W : f->H;

      for (int t = STEP / 2; t < len; t += STEP)
        {
          double in[3], out[3], beyond[3], skin_in, skin_out, skin_beyond, diff, diff2;

          if (t < CORNER_SKIP * f->H || t > len - CORNER_SKIP * f->H)
            continue;
          band_mean (image, f, side, t, near, far, in, &skin_in);
          if (skin_in < 0.75)
            continue;
          band_mean (image, f, side, t, -near, -far, out, &skin_out);
          if (skin_out < 0.75)
            continue;
          band_mean (image, f, side, t, -BAND_OUT0 * f->H, -BAND_OUT1 * f->H, beyond, &skin_beyond);
          if (skin_beyond < 0.75)
            continue;
          diff = (fabs (in[0] - out[0]) + fabs (in[1] - out[1]) + fabs (in[2] - out[2])) / 3;
          diff2 = (fabs (in[0] - beyond[0]) + fabs (in[1] - beyond[1]) + fabs (in[2] - beyond[2])) / 3;
          if (diff >= EDGE_HIDDEN || diff2 >= FAR_ALIKE)
            continue;
          for (int q = 0; q < 3; q++)
            finger[q] += beyond[q];
          nfinger++;
          /* seed the flat pixels of the inside band at this point */
          for (int d = 0; d < (int) ceil (far); d++)
            for (int j = -STEP / 2; j < STEP / 2; j++)
              {
                int x, y;
                gsize i;

                switch (side)
                  {
                  case 0: x = t + j; y = d; break;
                  case 1: x = f->W - 1 - d; y = t + j; break;
                  case 2: x = t + j; y = f->H - 1 - d; break;
                  default: x = d; y = t + j; break;
                  }
                if (x < 0 || y < 0 || x >= f->W || y >= f->H)
                  continue;
                i = (gsize) y * f->W + x;
                if (state[i] == 1)
                  {
                    state[i] = 2;
                    stack[top++] = (int) i;
                    nseed++;
                  }
              }
        }
    }
  if (nseed == 0 || nfinger == 0)
    return 0;
  for (int q = 0; q < 3; q++)
    finger[q] /= nfinger;

  while (top > 0)
    {
      int i = stack[--top], x = i % f->W, y = i / f->W;
      const int nx[4] = { x - 1, x + 1, x, x }, ny[4] = { y, y, y - 1, y + 1 };

      area++;
      x0 = MIN (x0, x);
      x1 = MAX (x1, x);
      y0 = MIN (y0, y);
      y1 = MAX (y1, y);
      for (int k = 0; k < 4; k++)
        {
          gsize j;
          const guint8 *p;

          if (nx[k] < 0 || ny[k] < 0 || nx[k] >= f->W || ny[k] >= f->H)
            continue;
          if (MIN (MIN (nx[k], f->W - 1 - nx[k]), MIN (ny[k], f->H - 1 - ny[k])) > depth)
            continue;
          j = (gsize) ny[k] * f->W + nx[k];
          if (state[j] != 1)
            continue;
          p = f->rgb + j * 3;
          if (fabs (p[0] - finger[0]) + fabs (p[1] - finger[1]) + fabs (p[2] - finger[2]) > GROW_DIST)
            continue;
          state[j] = 2;
          stack[top++] = (int) j;
        }
    }
  box[0] = x0;
  box[1] = y0;
  box[2] = x1 - x0 + 1;
  box[3] = y1 - y0 + 1;
  return (double) area / n;
}
