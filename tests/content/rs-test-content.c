/* rs-test-content.c: fixtures for the content checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "rs-test-content.h"

#define FACE_PHOTO "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

GdkPixbuf *
rs_test_load_face_photo (char **path)
{
  const char *p = g_getenv ("RS_TEST_FACE_PHOTO");
  GdkPixbuf *pb;

  if (p == NULL || *p == '\0')
    p = FACE_PHOTO;
  if (path != NULL)
    *path = g_strdup (p);
  pb = gdk_pixbuf_new_from_file (p, NULL);
  if (pb != NULL && gdk_pixbuf_get_has_alpha (pb))
    {
      GdkPixbuf *rgb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, gdk_pixbuf_get_width (pb),
                                       gdk_pixbuf_get_height (pb));
      gdk_pixbuf_fill (rgb, 0xffffffff);
      gdk_pixbuf_composite (pb, rgb, 0, 0, gdk_pixbuf_get_width (pb), gdk_pixbuf_get_height (pb),
                            0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
      g_object_unref (pb);
      pb = rgb;
    }
  return pb;
}

GdkPixbuf *
rs_test_face_crop (GdkPixbuf *photo)
{
  /* in the 512 × 512 original: hair to collar, shoulders cut at the sides */
  double s = gdk_pixbuf_get_width (photo) / 512.0;

  return gdk_pixbuf_new_subpixbuf (photo, (int) (128 * s), (int) (4 * s), (int) (204 * s),
                                   (int) (272 * s));
}

static void
sample_rgb (GdkPixbuf *pb,
            double     x,
            double     y,
            double     out[3])
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int c = gdk_pixbuf_get_n_channels (pb), st = gdk_pixbuf_get_rowstride (pb);
  const guint8 *px = gdk_pixbuf_read_pixels (pb);
  int x0, y0, x1, y1;
  double fx, fy;

  x = CLAMP (x, 0, w - 1);
  y = CLAMP (y, 0, h - 1);
  x0 = (int) x;
  y0 = (int) y;
  x1 = MIN (x0 + 1, w - 1);
  y1 = MIN (y0 + 1, h - 1);
  fx = x - x0;
  fy = y - y0;
  for (int k = 0; k < 3; k++)
    out[k] = (px[y0 * st + x0 * c + k] * (1 - fx) + px[y0 * st + x1 * c + k] * fx) * (1 - fy) +
             (px[y1 * st + x0 * c + k] * (1 - fx) + px[y1 * st + x1 * c + k] * fx) * fy;
}

void
rs_test_paste_in_quad (GdkPixbuf    *dst,
                       const RsQuad *quad,
                       double        u0,
                       double        v0,
                       double        u1,
                       double        v1,
                       GdkPixbuf    *src)
{
  int w = gdk_pixbuf_get_width (dst), h = gdk_pixbuf_get_height (dst);
  int c = gdk_pixbuf_get_n_channels (dst), st = gdk_pixbuf_get_rowstride (dst);
  guint8 *px = gdk_pixbuf_get_pixels (dst);
  int sw = gdk_pixbuf_get_width (src), sh = gdk_pixbuf_get_height (src);
  const RsPoint unit[4] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };
  double hq[9];

  /* image pixel → (u, v) in the quad */
  g_assert_true (rs_quad_homography (quad->p, unit, hq));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double u, v, rgb[3];

        rs_homography_apply (hq, x + 0.5, y + 0.5, &u, &v);
        if (u < u0 || u >= u1 || v < v0 || v >= v1)
          continue;
        sample_rgb (src, (u - u0) / (u1 - u0) * sw - 0.5, (v - v0) / (v1 - v0) * sh - 0.5, rgb);
        for (int k = 0; k < 3; k++)
          px[(gsize) y * st + x * c + k] = (guint8) CLAMP (lround (rgb[k]), 0, 255);
      }
}

/* Skin tones, light to dark (sRGB), after common make-up swatch charts. */
static const guint8 tones[6][3] = {
  { 247, 213, 190 }, { 234, 192, 160 }, { 216, 166, 130 },
  { 190, 134, 100 }, { 150, 100,  70 }, { 105,  68,  48 },
};

void
rs_test_draw_thumb (GdkPixbuf    *dst,
                    const RsQuad *quad,
                    int           corner,
                    int           tone,
                    double        share,
                    guint32       seed)
{
  int w = gdk_pixbuf_get_width (dst), h = gdk_pixbuf_get_height (dst);
  int c = gdk_pixbuf_get_n_channels (dst), st = gdk_pixbuf_get_rowstride (dst);
  guint8 *px = gdk_pixbuf_get_pixels (dst);
  const guint8 *tc = tones[CLAMP (tone, 0, 5)];
  GRand *rand = g_rand_new_with_seed (seed);
  const RsPoint *P = &quad->p[corner & 3];
  double cx = 0, cy = 0, dx, dy, len, area = rs_quad_area (quad), side;
  double width, depth, ax, ay, bx, by;

  for (int i = 0; i < 4; i++)
    {
      cx += quad->p[i].x / 4;
      cy += quad->p[i].y / 4;
    }
  /* the thumb points from outside the corner towards the centre */
  dx = cx - P->x;
  dy = cy - P->y;
  len = hypot (dx, dy);
  dx /= len;
  dy /= len;
  side = sqrt (area / 1.586);
  width = 0.26 * side;
  /* covered ≈ width × depth inside, less the corner's missing triangle */
  depth = share * area / width + 0.25 * width;
  /* the thumb's axis from far outside (A) to its tip (B) */
  bx = P->x + dx * depth;
  by = P->y + dy * depth;
  ax = P->x - dx * 3 * side;
  ay = P->y - dy * 3 * side;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        /* distance to the segment A–B: a capsule, rounded at the tip */
        double vx = bx - ax, vy = by - ay, t = ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy);
        double qx, qy, d, r = width / 2, shade, along, cover;
        guint8 *p;
        int n;

        t = CLAMP (t, 0, 1);
        qx = ax + t * vx;
        qy = ay + t * vy;
        d = hypot (x - qx, y - qy);
        if (d > r + 1)
          continue;
        cover = CLAMP (r + 1 - d, 0, 1) / 1.0; /* anti-aliased rim */
        cover = MIN (cover, 1);
        /* round across (a cylinder lit from above-left), darker at the rim */
        shade = 0.72 + 0.28 * sqrt (MAX (0, 1 - (d / r) * (d / r)));
        along = hypot (x - bx, y - by);
        p = px + (gsize) y * st + x * c;
        n = g_rand_int_range (rand, -6, 7);
        for (int k = 0; k < 3; k++)
          {
            double v = tc[k] * shade + n;

            /* the nail: a paler, pinker oval near the tip */
            if (along < 0.55 * width && d < 0.3 * width && t > 0.9)
              v = v * 0.75 + (k == 0 ? 250 : k == 1 ? 215 : 210) * 0.25;
            p[k] = (guint8) CLAMP (lround (p[k] * (1 - cover) + v * cover), 0, 255);
          }
      }
  g_rand_free (rand);
}

GdkPixbuf *
rs_test_side_by_side (GdkPixbuf *a,
                      GdkPixbuf *b,
                      int        dy)
{
  int aw = gdk_pixbuf_get_width (a), ah = gdk_pixbuf_get_height (a);
  int bw = gdk_pixbuf_get_width (b), bh = gdk_pixbuf_get_height (b);
  int H = MAX (ah, bh + dy);
  GdkPixbuf *out = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, aw + bw, H);
  const guint8 *p = gdk_pixbuf_read_pixels (a);
  guint32 fill = ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | 0xff;

  gdk_pixbuf_fill (out, fill);
  gdk_pixbuf_copy_area (a, 0, 0, aw, ah, out, 0, 0);
  gdk_pixbuf_copy_area (b, 0, 0, bw, bh, out, aw, dy);
  return out;
}

void
rs_test_content_image (GdkPixbuf      *pixbuf,
                       RsContentImage *out)
{
  out->pixels = gdk_pixbuf_read_pixels (pixbuf);
  out->width = gdk_pixbuf_get_width (pixbuf);
  out->height = gdk_pixbuf_get_height (pixbuf);
  out->stride = gdk_pixbuf_get_rowstride (pixbuf);
  out->channels = gdk_pixbuf_get_n_channels (pixbuf);
  out->to_upright = 1;
}

GdkPixbuf *
rs_test_selfie_from (GdkPixbuf *face,
                     int        width,
                     int        height,
                     double     share,
                     double     cx,
                     double     cy)
{
  GdkPixbuf *out = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int fw = gdk_pixbuf_get_width (face), fh = gdk_pixbuf_get_height (face);
  double s = share * height / fh;
  double ox = cx * width - fw * s / 2, oy = cy * height - fh * s / 2;
  int x0 = MAX (0, (int) floor (ox)), y0 = MAX (0, (int) floor (oy));
  int x1 = MIN (width, (int) ceil (ox + fw * s)), y1 = MIN (height, (int) ceil (oy + fh * s));

  gdk_pixbuf_fill (out, 0xc8ccc4ff);
  if (x1 > x0 && y1 > y0)
    gdk_pixbuf_composite (face, out, x0, y0, x1 - x0, y1 - y0, ox, oy, s, s,
                          GDK_INTERP_BILINEAR, 255);
  return out;
}
