/* rs-test-card.c: made-up photos of an ID card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "rs-test-card.h"

#define TEX_W 1024
#define TEX_H 646

static guint32
hash32 (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  x ^= x >> 16;
  return x;
}

/* The portrait photo of astronaut Eileen Collins (NASA, public domain) that
 * Debian's python3-skimage ships, head and shoulders cropped as
 * tests/content/rs-test-content.c does, scaled to @width × @height; NULL
 * when it is not installed.  $RS_TEST_FACE_PHOTO overrides the path. */
#define FACE_PHOTO "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

static GdkPixbuf *
portrait_photo (int width,
                int height)
{
  const char *path = g_getenv ("RS_TEST_FACE_PHOTO");
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GdkPixbuf) crop = NULL;
  double s;

  if (path == NULL || *path == '\0')
    path = FACE_PHOTO;
  photo = gdk_pixbuf_new_from_file (path, NULL);
  if (photo == NULL)
    return NULL;
  s = gdk_pixbuf_get_width (photo) / 512.0;
  crop = gdk_pixbuf_new_subpixbuf (photo, (int) (128 * s), (int) (4 * s), (int) (204 * s),
                                   (int) (272 * s));
  return gdk_pixbuf_scale_simple (crop, width, height, GDK_INTERP_BILINEAR);
}

/* The card's face, TEX_W × TEX_H RGB. */
static guint8 *
card_texture (guint32 seed)
{
  guint8 *t = g_malloc ((gsize) TEX_W * TEX_H * 3);
  GRand *rand = g_rand_new_with_seed (seed);

  for (int y = 0; y < TEX_H; y++)
    for (int x = 0; x < TEX_W; x++)
      {
        guint8 *p = t + ((gsize) y * TEX_W + x) * 3;
        double g = (double) x / TEX_W;
        /* pastel guilloche-like background */
        double wave = 6 * sin (x * 0.05 + 3 * sin (y * 0.03));

        p[0] = (guint8) CLAMP (228 - 20 * g + wave, 0, 255);
        p[1] = (guint8) CLAMP (212 + 10 * g + wave, 0, 255);
        p[2] = (guint8) CLAMP (222 + 12 * g - wave, 0, 255);
        if (y > TEX_H * 0.04 && y < TEX_H * 0.16 && x > TEX_W * 0.03 && x < TEX_W * 0.97)
          {
            /* header band */
            p[0] = 40;
            p[1] = 70;
            p[2] = 150;
          }
      }
  /* photo box: a real portrait, since the checker now looks for one
   * (document.portrait, document.side) and a drawn oval is no face to a
   * real detector; the same photo as tests/content's fixtures */
  {
    int bx0 = (int) (TEX_W * 0.05), bx1 = (int) (TEX_W * 0.32);
    int by0 = (int) (TEX_H * 0.26), by1 = (int) (TEX_H * 0.88);
    GdkPixbuf *face = portrait_photo (bx1 - bx0, by1 - by0);

    for (int y = by0; y < by1; y++)
      for (int x = bx0; x < bx1; x++)
        {
          guint8 *p = t + ((gsize) y * TEX_W + x) * 3;

          if (face != NULL)
            {
              const guint8 *q = gdk_pixbuf_read_pixels (face) +
                                (gsize) (y - by0) * gdk_pixbuf_get_rowstride (face) +
                                (gsize) (x - bx0) * gdk_pixbuf_get_n_channels (face);
              memcpy (p, q, 3);
            }
          else
            {
              /* no photo installed: a plain box (the portrait checks then fail) */
              p[0] = 150;
              p[1] = 170;
              p[2] = 190;
            }
        }
    g_clear_object (&face);
  }
  /* lines of text: words of dark marks */
  for (int line = 0; line < 9; line++)
    {
      int y0 = (int) (TEX_H * (0.24 + line * 0.075));
      int x = (int) (TEX_W * 0.38);
      int h = line == 8 ? 30 : 18;

      while (x < TEX_W * 0.95)
        {
          int word = g_rand_int_range (rand, 40, 160);
          for (int cx = x; cx < MIN (x + word, (int) (TEX_W * 0.95)); cx += 11)
            {
              /* a glyph: a few strokes */
              guint32 bits = g_rand_int (rand);
              for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < 8; xx++)
                  {
                    gboolean on = (xx < 2 && (bits & 1)) || (xx > 5 && (bits & 2)) ||
                                  (yy < 3 && (bits & 4)) || (yy > h - 4 && (bits & 8)) ||
                                  (abs (yy - h / 2) < 2 && (bits & 16));
                    if (on)
                      {
                        guint8 *p = t + ((gsize) (y0 + yy) * TEX_W + cx + xx) * 3;
                        p[0] = 35;
                        p[1] = 35;
                        p[2] = 50;
                      }
                  }
            }
          x += word + g_rand_int_range (rand, 15, 30);
        }
    }
  g_rand_free (rand);
  return t;
}

/* Homography from the unit square to @q (p0 ↔ (0,0), p1 ↔ (1,0), …), inverted:
 * maps image points to card coordinates. */
static void
inverse_bilinear_setup (const RsQuad *q,
                        double        m[9])
{
  /* square → quad (Heckbert) */
  double x0 = q->p[0].x, y0 = q->p[0].y, x1 = q->p[1].x, y1 = q->p[1].y;
  double x2 = q->p[2].x, y2 = q->p[2].y, x3 = q->p[3].x, y3 = q->p[3].y;
  double sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  double a, b, c, d, e, f, g, h, det;
  double A[9];

  if (fabs (sx) < 1e-9 && fabs (sy) < 1e-9)
    {
      a = x1 - x0; b = x2 - x1; c = x0;
      d = y1 - y0; e = y2 - y1; f = y0;
      g = 0; h = 0;
    }
  else
    {
      double dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
      double den = dx1 * dy2 - dx2 * dy1;
      g = (sx * dy2 - dx2 * sy) / den;
      h = (dx1 * sy - sx * dy1) / den;
      a = x1 - x0 + g * x1; b = x3 - x0 + h * x3; c = x0;
      d = y1 - y0 + g * y1; e = y3 - y0 + h * y3; f = y0;
    }
  if (fabs (sx) < 1e-9 && fabs (sy) < 1e-9)
    {
      /* parallelogram: (u,v) → p0 + u (p1-p0) + v (p3-p0) */
      a = x1 - x0; b = x3 - x0; d = y1 - y0; e = y3 - y0;
    }
  /* adjugate = inverse up to scale */
  A[0] = e - f * h; A[1] = c * h - b; A[2] = b * f - c * e;
  A[3] = f * g - d; A[4] = a - c * g; A[5] = c * d - a * f;
  A[6] = d * h - e * g; A[7] = b * g - a * h; A[8] = a * e - b * d;
  det = A[8];
  for (int i = 0; i < 9; i++)
    m[i] = A[i] / (fabs (det) > 1e-12 ? det : 1);
}

GdkPixbuf *
rs_test_render_card (int           width,
                     int           height,
                     const RsQuad *card,
                     guint32       seed)
{
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  int rs = gdk_pixbuf_get_rowstride (pb);
  g_autofree guint8 *tex = card_texture (seed);
  double m[9];

  inverse_bilinear_setup (card, m);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double acc[3] = { 0, 0, 0 };

        for (int s = 0; s < 4; s++)
          {
            double fx = x + 0.25 + 0.5 * (s & 1), fy = y + 0.25 + 0.5 * (s >> 1);
            double w = m[6] * fx + m[7] * fy + m[8];
            double u = (m[0] * fx + m[1] * fy + m[2]) / w;
            double v = (m[3] * fx + m[4] * fy + m[5]) / w;

            if (u >= 0 && u < 1 && v >= 0 && v < 1)
              {
                const guint8 *t = tex + ((gsize) (v * TEX_H) * TEX_W + (gsize) (u * TEX_W)) * 3;
                acc[0] += t[0];
                acc[1] += t[1];
                acc[2] += t[2];
              }
            else
              {
                /* a plain dark table with soft shading */
                double shade = 10 * sin (fx * 0.004) + 8 * cos (fy * 0.005);
                acc[0] += 70 + shade;
                acc[1] += 62 + shade;
                acc[2] += 58 + shade * 0.8;
              }
          }
        for (int c = 0; c < 3; c++)
          {
            int noise = (int) (hash32 ((guint32) (y * width + x) * 3 + c + seed) % 7) - 3;
            px[(gsize) y * rs + x * 3 + c] = (guint8) CLAMP (acc[c] / 4 + noise, 0, 255);
          }
      }
  return pb;
}

void
rs_test_card_quad (int     width,
                   int     height,
                   double  card_width,
                   double  degrees,
                   RsQuad *out)
{
  double cw = card_width / 2, ch = card_width / 1.586 / 2;
  double a = degrees * G_PI / 180, c = cos (a), s = sin (a);
  double cx = width / 2.0, cy = height / 2.0;
  double px[4] = { -cw, cw, cw, -cw }, py[4] = { -ch, -ch, ch, ch };

  for (int i = 0; i < 4; i++)
    {
      out->p[i].x = cx + px[i] * c - py[i] * s;
      out->p[i].y = cy + px[i] * s + py[i] * c;
    }
}

void
rs_test_blur (GdkPixbuf *pb,
              double     sigma)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  int r = (int) ceil (3 * sigma);
  g_autofree float *k = g_new (float, 2 * r + 1);
  g_autofree float *tmp = g_new (float, (gsize) w * h * 3);
  float sum = 0;

  for (int i = -r; i <= r; i++)
    sum += k[i + r] = (float) exp (-(i * i) / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * r; i++)
    k[i] /= sum;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        {
          float a = 0;
          for (int i = -r; i <= r; i++)
            a += k[i + r] * px[(gsize) y * rs + CLAMP (x + i, 0, w - 1) * nc + c];
          tmp[((gsize) y * w + x) * 3 + c] = a;
        }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        {
          float a = 0;
          for (int i = -r; i <= r; i++)
            a += k[i + r] * tmp[((gsize) CLAMP (y + i, 0, h - 1) * w + x) * 3 + c];
          px[(gsize) y * rs + x * nc + c] = (guint8) CLAMP (a + 0.5f, 0, 255);
        }
}

void
rs_test_motion_blur (GdkPixbuf *pb,
                     double     length,
                     double     degrees)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  g_autofree guint8 *src = g_memdup2 (px, (gsize) rs * (h - 1) + w * nc);
  int n = MAX (2, (int) ceil (length * 2) + 1);
  double ux = cos (degrees * G_PI / 180), uy = -sin (degrees * G_PI / 180);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double acc[3] = { 0, 0, 0 };

        for (int i = 0; i < n; i++)
          {
            double t = length * ((double) i / (n - 1) - 0.5);
            double sx = CLAMP (x + t * ux, 0, w - 1), sy = CLAMP (y + t * uy, 0, h - 1);
            int x0 = (int) sx, y0 = (int) sy;
            int x1 = MIN (x0 + 1, w - 1), y1 = MIN (y0 + 1, h - 1);
            double fx = sx - x0, fy = sy - y0;

            for (int c = 0; c < 3; c++)
              acc[c] += (1 - fy) * ((1 - fx) * src[(gsize) y0 * rs + x0 * nc + c] + fx * src[(gsize) y0 * rs + x1 * nc + c])
                        + fy * ((1 - fx) * src[(gsize) y1 * rs + x0 * nc + c] + fx * src[(gsize) y1 * rs + x1 * nc + c]);
          }
        for (int c = 0; c < 3; c++)
          px[(gsize) y * rs + x * nc + c] = (guint8) CLAMP (acc[c] / n + 0.5, 0, 255);
      }
}

void
rs_test_scale_values (GdkPixbuf *pb,
                      double     factor)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        {
          guint8 *p = px + (gsize) y * rs + x * nc + c;
          *p = (guint8) CLAMP (*p * factor + 0.5, 0, 255);
        }
}

void
rs_test_grayscale (GdkPixbuf *pb)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *p = px + (gsize) y * rs + x * nc;
        guint8 l = (guint8) (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] + 0.5);
        p[0] = p[1] = p[2] = l;
      }
}

void
rs_test_add_glare (GdkPixbuf    *pb,
                   const RsQuad *q,
                   double        fraction)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  double cx = 0, cy = 0, core, fade;

  for (int i = 0; i < 4; i++)
    {
      cx += q->p[i].x / 4;
      cy += q->p[i].y / 4;
    }
  core = sqrt (fraction * rs_quad_area (q) / G_PI);
  fade = 0.5 * core;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double d = hypot (x - cx, y - cy);
        double a = d <= core ? 1.0 : exp (-(d - core) * (d - core) / (2 * fade * fade));

        for (int c = 0; c < 3; c++)
          {
            guint8 *p = px + (gsize) y * rs + x * nc + c;
            *p = (guint8) (*p * (1 - a) + 255 * a + 0.5);
          }
      }
}

double
rs_test_quad_distance (const RsQuad *a,
                       const RsQuad *b)
{
  double best = G_MAXDOUBLE;

  for (int shift = 0; shift < 4; shift++)
    {
      double worst = 0;
      for (int i = 0; i < 4; i++)
        worst = MAX (worst, hypot (a->p[i].x - b->p[(i + shift) % 4].x,
                                   a->p[i].y - b->p[(i + shift) % 4].y));
      best = MIN (best, worst);
    }
  return best;
}

GdkPixbuf *
rs_test_reencode (GdkPixbuf  *pixbuf,
                  const char *quality)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autofree char *buf = NULL;
  gsize len = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buf, &len, "jpeg", NULL, "quality", quality, NULL));
  g_assert_true (gdk_pixbuf_loader_write (loader, (const guchar *) buf, len, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}
