/* rs-photo-analyse.c: the pixel checks, given where the document is.
 *
 * Everything about the document is measured on the found region warped to
 * a canonical rectangle (640 × 404 for an ID-1 card), so the figures do not
 * depend on how large the document is in the photo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rs-photo-check-private.h"
#include "rs-recapture.h"

/* ---- thresholds measured on the evaluation set (docs/checker.md) ---- */

/* sharpness of a photo: 1000 / the print's effective edge width (its
 * worst direction × how much wider than the best), in 1/640 of the
 * document's long side (measure_print_sharpness) */
#define SHARP_FAIL          200.0
#define SHARP_WARN          290.0
/* a live frame keeps the gradient's effective bandwidth, in 1/1000 rad per
 * pixel of a 320-pixel-wide document sampled without supersampling
 * (measure_sharpness) */
#define SHARP_LIVE_FAIL     650.0
#define SHARP_LIVE_WARN     850.0
/* exposure.dark: 90th percentile of document luminance (0..255) */
#define DARK_FAIL            70.0
#define DARK_WARN           100.0
/* exposure.bright: fraction of document pixels clipped white */
#define BRIGHT_CLIP_LEVEL   250
#define BRIGHT_FAIL           0.40
#define BRIGHT_WARN           0.20
/* glare: near-white, colourless pixels in blobs */
#define GLARE_LEVEL         245
#define GLARE_MAX_CHROMA     40
#define GLARE_MIN_SPOT        0.001  /* of the document, smaller blobs are print */
#define GLARE_MIN_SOLIDITY    0.80
/* a specular reflection saturates the sensor: a glare spot has a clipped
 * core; bright but unclipped paper (245..252) is exposure, not glare */
#define GLARE_CLIP_LEVEL    253
#define GLARE_MIN_CLIPPED     0.20
/* what gets a photo rejected is print washed out, not a bright glint: inside
 * a glare spot a pixel is washed out when it is blown out with no texture
 * left around it (luminance range over 5 × 5), and only the parts of the
 * washed-out region at least GLARE_MIN_WIDTH of the document's height across
 * count (on a card about 9 mm, two or three lines of text: enough to hide a
 * whole field; glints, streaks and thin bands along an edge are narrower) */
#define GLARE_WASHED_LEVEL  250
#define GLARE_FLAT_RADIUS     2
#define GLARE_FLAT_RANGE      8
#define GLARE_MIN_WIDTH       0.16
/* thresholds on the washed-out fraction of the document */
#define GLARE_WARN            0.030
#define GLARE_FAIL            0.040
/* glare is judged only on a document at least this many pixels high */
#define GLARE_MIN_SHORT_SIDE  200.0
/* color.grayscale: mean and 95th percentile chroma (max - min of RGB) */
#define GRAY_MEAN_CHROMA      6.0
#define GRAY_P95_CHROMA      16.0
/* document.size: the document's extent along its tighter image axis */
#define SIZE_FAIL             0.30
#define SIZE_WARN             0.45
#define SIZE_CLOSE_WARN       0.98
/* image.resolution: the document's short side in upright pixels */
#define DOC_MIN_SHORT_SIDE  400.0

#define CANON_LONG          640
#define CANON_LONG_LIVE     320

void
rs_check_limits_init (RsCheckLimits *limits,
                      RsProfile     *profile)
{
  memset (limits, 0, sizeof *limits);
  if (profile != NULL)
    {
      const char * const *formats = rs_profile_get_formats (profile);

      limits->formats = g_strdupv ((char **) formats);
      limits->max_bytes = rs_profile_get_max_bytes (profile);
      limits->min_short_side = rs_profile_get_min_short_side (profile);
      limits->max_long_side = rs_profile_get_max_long_side (profile);
      limits->color_required = rs_profile_get_color_required (profile);
      limits->min_margin_percent = rs_profile_get_min_margin_percent (profile);
      limits->max_skew_degrees = rs_profile_get_max_skew_degrees (profile);
    }
  else
    {
      /* the generic profile's values */
      const char *formats[] = { "jpeg", "png", "webp", "heic", NULL };

      limits->formats = g_strdupv ((char **) formats);
      limits->max_bytes = 10 * 1024 * 1024;
      limits->min_short_side = 800;
      limits->max_long_side = 8000;
      limits->color_required = TRUE;
      limits->min_margin_percent = 2;
      limits->max_skew_degrees = 10;
    }
  if (limits->max_skew_degrees <= 0)
    limits->max_skew_degrees = 10;
}

void
rs_check_limits_clear (RsCheckLimits *limits)
{
  g_clear_pointer (&limits->formats, g_strfreev);
}

double
rs_photo_kind_aspect (const char *kind)
{
  if (g_strcmp0 (kind, RS_SLOT_SELFIE) == 0)
    return 0;
  if (g_strcmp0 (kind, RS_SLOT_PASSPORT) == 0)
    return 1.42; /* ID-3 page */
  return 1.586;  /* ID-1 card */
}

/* ---- file checks ---- */

static gboolean
format_accepted (const RsCheckLimits *limits,
                 const char          *format)
{
  if (limits->formats == NULL)
    return TRUE;
  for (guint i = 0; limits->formats[i]; i++)
    if (g_ascii_strcasecmp (limits->formats[i], format) == 0 ||
        (g_str_equal (format, "heif") && g_ascii_strcasecmp (limits->formats[i], "heic") == 0))
      return TRUE;
  return FALSE;
}

void
rs_photo_check_file_findings (const RsImageInfo   *info,
                              const RsCheckLimits *limits,
                              RsPhotoReport       *report)
{
  int short_side = MIN (info->width, info->height);
  int long_side = MAX (info->width, info->height);

  if (format_accepted (limits, info->format))
    rs_photo_report_add_finding (report, RS_CHECK_FILE_FORMAT, RS_CHECK_PASS, 1, 1,
                                 _("The file format is accepted."));
  else if (format_accepted (limits, "jpeg"))
    {
      g_autofree char *msg = g_strdup_printf (_("The platform does not accept %s files; export will save the photo as JPEG."),
                                              info->format);
      rs_photo_report_add_finding (report, RS_CHECK_FILE_FORMAT, RS_CHECK_WARN, 0, 1, msg);
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("The platform does not accept %s files. Save the photo in an accepted format."),
                                              info->format);
      rs_photo_report_add_finding (report, RS_CHECK_FILE_FORMAT, RS_CHECK_FAIL, 0, 1, msg);
    }

  if (limits->max_bytes <= 0 || info->bytes <= limits->max_bytes)
    rs_photo_report_add_finding (report, RS_CHECK_FILE_SIZE, RS_CHECK_PASS, info->bytes,
                                 limits->max_bytes, _("The file size is within the limit."));
  else
    {
      g_autofree char *msg = g_strdup_printf (_("The file is %.1f MB, more than the %.1f MB allowed; export will re-encode it to fit."),
                                              info->bytes / 1048576.0, limits->max_bytes / 1048576.0);
      rs_photo_report_add_finding (report, RS_CHECK_FILE_SIZE, RS_CHECK_WARN, info->bytes,
                                   limits->max_bytes, msg);
    }

  if (limits->min_short_side > 0 && short_side < limits->min_short_side)
    {
      g_autofree char *msg = g_strdup_printf (_("The photo is only %d pixels on its short side; at least %d are needed. Take it again with the camera’s full resolution."),
                                              short_side, limits->min_short_side);
      rs_photo_report_add_finding (report, RS_CHECK_IMAGE_RESOLUTION, RS_CHECK_FAIL, short_side,
                                   limits->min_short_side, msg);
    }
  else if (limits->max_long_side > 0 && long_side > limits->max_long_side)
    {
      g_autofree char *msg = g_strdup_printf (_("The photo is %d pixels on its long side, more than the %d allowed; export will scale it down."),
                                              long_side, limits->max_long_side);
      rs_photo_report_add_finding (report, RS_CHECK_IMAGE_RESOLUTION, RS_CHECK_WARN, short_side,
                                   limits->min_short_side, msg);
    }
  else
    rs_photo_report_add_finding (report, RS_CHECK_IMAGE_RESOLUTION, RS_CHECK_PASS, short_side,
                                 limits->min_short_side, _("The resolution is high enough."));
}

/* ---- geometry ---- */

/* Homography mapping the canonical rectangle's corners (0,0) (W,0) (W,H)
 * (0,H) to @q; h[8] = 1. */
static gboolean
homography (const RsQuad *q,
            double        W,
            double        H,
            double        h[9])
{
  const RsPoint rect[4] = { { 0, 0 }, { W, 0 }, { W, H }, { 0, H } };

  return rs_quad_homography (rect, q->p, h);
}

static double
edge_len (const RsQuad *q,
          int           i)
{
  const RsPoint *a = &q->p[i], *b = &q->p[(i + 1) % 4];
  return hypot (b->x - a->x, b->y - a->y);
}

/* Warped document: RGB and luminance planes, W × H. */
typedef struct {
  int     W, H;
  guint8 *rgb;
  float  *lum;
  double  h[9]; /* canonical → view pixels */
} Warp;

static void
warp_clear (Warp *w)
{
  g_free (w->rgb);
  g_free (w->lum);
}

/* Orders @q so that its first edge is a long one (the canonical width). */
static void
landscape_quad (const RsQuad *q,
                RsQuad       *out)
{
  if (edge_len (q, 0) + edge_len (q, 2) >= edge_len (q, 1) + edge_len (q, 3))
    *out = *q;
  else
    for (int i = 0; i < 4; i++)
      out->p[i] = q->p[(i + 1) % 4];
}

/* Bilinear sample of @v at (@x, @y) (pixel centres at integers), 8-bit
 * fixed-point weights: this is the inner loop of the warp. */
static inline void
sample_fast (const RsImageView *v,
             double             x,
             double             y,
             int                out[3])
{
  int c = v->channels, x0, y0, x1, y1, fx, fy;
  const guint8 *r0, *r1;

  /* written so that NaN (a degenerate outline) also lands inside */
  if (!(x >= 0))
    x = 0;
  if (!(y >= 0))
    y = 0;
  if (!(x <= v->width - 1))
    x = v->width - 1;
  if (!(y <= v->height - 1))
    y = v->height - 1;
  x0 = (int) x;
  y0 = (int) y;
  fx = (int) ((x - x0) * 256);
  fy = (int) ((y - y0) * 256);
  x1 = x0 + 1 < v->width ? x0 + 1 : x0;
  y1 = y0 + 1 < v->height ? y0 + 1 : y0;
  r0 = v->pixels + (gsize) y0 * v->stride;
  r1 = v->pixels + (gsize) y1 * v->stride;
  if (c == 1)
    {
      int a = r0[x0] * (256 - fx) + r0[x1] * fx;
      int b = r1[x0] * (256 - fx) + r1[x1] * fx;
      out[0] = out[1] = out[2] = a * (256 - fy) + b * fy;
      return;
    }
  for (int k = 0; k < 3; k++)
    {
      int a = r0[x0 * c + k] * (256 - fx) + r0[x1 * c + k] * fx;
      int b = r1[x0 * c + k] * (256 - fx) + r1[x1 * c + k] * fx;
      out[k] = a * (256 - fy) + b * fy; /* value × 65536 */
    }
}

static gboolean
warp_document (const RsImageView *v,
               const RsQuad      *q,
               double             aspect,
               int                canon_long,
               int                max_ss,
               Warp              *w)
{
  RsQuad lq;
  double scale;
  int ss;

  landscape_quad (q, &lq);
  w->W = canon_long;
  w->H = (int) (canon_long / (aspect > 0 ? aspect : 1.586) + 0.5);
  if (!homography (&lq, w->W, w->H, w->h))
    return FALSE;
  /* supersample when the document is much larger than the canonical size,
   * so that resampling does not alias (which would look "sharp") */
  scale = (edge_len (&lq, 0) + edge_len (&lq, 2)) / 2 / w->W;
  ss = CLAMP ((int) ceil (scale - 0.25), 1, max_ss);
  w->rgb = g_malloc ((gsize) w->W * w->H * 3);
  w->lum = g_malloc ((gsize) w->W * w->H * sizeof (float));
  {
    const double *h = w->h, du = 1.0 / ss;
    double norm = 1.0 / (65536.0 * ss * ss);
    g_autofree gint64 *acc = g_new (gint64, (gsize) w->W * 3);

    /* The homography's numerators and denominator are linear along a row
     * of samples: step them by adding (one division per sample for the
     * perspective) instead of evaluating the 3×3 product each time.  This
     * loop is most of a 12 MP check's warp. */
    for (int y = 0; y < w->H; y++)
      {
        memset (acc, 0, sizeof (gint64) * w->W * 3);
        for (int sy = 0; sy < ss; sy++)
          {
            double v0 = y + (sy + 0.5) * du, u0 = 0.5 * du;
            double X = h[0] * u0 + h[1] * v0 + h[2];
            double Y = h[3] * u0 + h[4] * v0 + h[5];
            double Z = h[6] * u0 + h[7] * v0 + h[8];
            double dX = h[0] * du, dY = h[3] * du, dZ = h[6] * du;

            for (int x = 0; x < w->W; x++)
              {
                gint64 *a = acc + (gsize) x * 3;

                for (int sx = 0; sx < ss; sx++)
                  {
                    double iz = 1.0 / (fabs (Z) < 1e-12 ? 1e-12 : Z);
                    int smp[3];

                    sample_fast (v, X * iz - 0.5, Y * iz - 0.5, smp);
                    a[0] += smp[0];
                    a[1] += smp[1];
                    a[2] += smp[2];
                    X += dX;
                    Y += dY;
                    Z += dZ;
                  }
              }
          }
        for (int x = 0; x < w->W; x++)
          {
            gsize i = (gsize) y * w->W + x;
            const gint64 *a = acc + (gsize) x * 3;

            for (int k = 0; k < 3; k++)
              w->rgb[i * 3 + k] = (guint8) MIN (255, (int) (a[k] * norm + 0.5));
            w->lum[i] = (float) ((0.299 * a[0] + 0.587 * a[1] + 0.114 * a[2]) * norm);
          }
      }
  }
  return TRUE;
}

/* The whole image reduced to at most @max_long (selfie, no document,
 * thumbnails), averaging up to @max_ss² samples per pixel. */
static void
warp_whole (const RsImageView *v,
            int                max_long,
            int                max_ss,
            Warp              *w)
{
  double s = MAX (1.0, (double) MAX (v->width, v->height) / max_long);
  int ss = CLAMP ((int) ceil (s - 0.25), 1, max_ss);
  double norm;

  w->W = MAX (1, (int) (v->width / s));
  w->H = MAX (1, (int) (v->height / s));
  memset (w->h, 0, sizeof w->h);
  w->h[0] = (double) v->width / w->W;
  w->h[4] = (double) v->height / w->H;
  w->h[8] = 1;
  w->rgb = g_malloc ((gsize) w->W * w->H * 3);
  w->lum = g_malloc ((gsize) w->W * w->H * sizeof (float));
  norm = 1.0 / (65536.0 * ss * ss);
  for (int y = 0; y < w->H; y++)
    for (int x = 0; x < w->W; x++)
      {
        gsize i = (gsize) y * w->W + x;
        gint64 acc[3] = { 0, 0, 0 };
        int smp[3];

        for (int sy = 0; sy < ss; sy++)
          for (int sx = 0; sx < ss; sx++)
            {
              sample_fast (v, (x + (sx + 0.5) / ss) * w->h[0] - 0.5,
                           (y + (sy + 0.5) / ss) * w->h[4] - 0.5, smp);
              acc[0] += smp[0];
              acc[1] += smp[1];
              acc[2] += smp[2];
            }
        for (int k = 0; k < 3; k++)
          w->rgb[i * 3 + k] = (guint8) MIN (255, (int) (acc[k] * norm + 0.5));
        w->lum[i] = (float) ((0.299 * acc[0] + 0.587 * acc[1] + 0.114 * acc[2]) * norm);
      }
}

/* ---- measurements on the warp (inner part: the outline may be a few
 * pixels off, so a band of 4 % along each edge is left out) ---- */

#define INSET(w) (MAX (2, (w)->H / 25))

/* Sharpness: the gradient's effective bandwidth, sqrt(E[d2²] / E[d1²]) per
 * axis, the smaller of the two (motion blur smears one direction).  It does
 * not depend on contrast or exposure, and blur lowers it: a Gaussian blur of
 * σ px leaves mostly frequencies below 1/σ. */
static double
measure_sharpness (const Warp *w)
{
  int m = INSET (w);
  double e1x = 0, e2x = 0, e1y = 0, e2y = 0;

  for (int y = m + 1; y < w->H - m - 1; y++)
    for (int x = m + 1; x < w->W - m - 1; x++)
      {
        const float *p = w->lum + (gsize) y * w->W + x;
        double dx = (p[1] - p[-1]) * 0.5, dy = (p[w->W] - p[-w->W]) * 0.5;
        double ddx = p[1] - 2 * p[0] + p[-1], ddy = p[w->W] - 2 * p[0] + p[-w->W];

        e1x += dx * dx;
        e2x += ddx * ddx;
        e1y += dy * dy;
        e2y += ddy * ddy;
      }
  if (e1x < 1e-6 || e1y < 1e-6)
    return 0;
  return 1000.0 * MIN (sqrt (e2x / e1x), sqrt (e2y / e1y));
}

/* Sharpness of the print: the width of its edges, per direction.
 *
 * Measured on a warp of the document near its native resolution (at most
 * SHARP_LONG_MAX px long, no supersampling, which would blur it), on the
 * text-like tiles only (the SHARP_TEXT_TILES share with the most gradient
 * energy: print, not paper, photo or JPEG blocks in flat areas).  Along a
 * direction, with d1 the difference of neighbours and dk the difference k
 * pixels apart, Σdk² / (k Σd1²) is about the width of the edges crossed
 * (1 for a step, w(1 - w/3k) for a ramp w px wide), whatever their contrast
 * (× √2 along a diagonal, to have it in px).
 *
 * Each direction's width is divided by what the print itself gives there
 * (SHARP_PRINT_ANISO: lines of text measure wider across the lines than
 * along them), so that a sharp document measures about alike in all four.
 * A motion smear widens one direction only, defocus all of them: the
 * effective width is the widest direction times its ratio to the narrowest
 * (a smear counts once for how wide it makes the print and once for how
 * one-sided), scaled to 1/640 of the document's long side, so a large and a
 * small document are judged alike.  The value is 1000 / that width: higher
 * is sharper.  A block edge of strong JPEG compression is a low-contrast
 * step in a flat area: it is not in the text-like tiles and carries little
 * energy next to the print. */
#define SHARP_LONG_MAX   1280
#define SHARP_K             8
#define SHARP_TILE         16
#define SHARP_TEXT_TILES    0.25
/* the untouched evaluation frames' median width per direction over the
 * 0° one, rounded (0°, 90°, 45°, 135°; docs/checker.md) */
static const double SHARP_PRINT_ANISO[4] = { 1.0, 1.4, 1.1, 1.1 };

static int
cmp_energy_desc (gconstpointer a,
                 gconstpointer b)
{
  double x = ((const double *) a)[0], y = ((const double *) b)[0];
  return (x < y) - (x > y);
}

/* The print's edge width along each direction (px): Σdk² / (k Σd1²) over
 * the frac of the tiles (inside a margin of m px) with the most gradient
 * energy.  block: the JPEG block of each warp pixel, or NULL. */
static gboolean
print_widths (const Warp    *w,
              const guint32 *block,
              int            m,
              double         frac,
              double        *width)
{
  static const int dir[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
  int tx = (w->W - 2 * m) / SHARP_TILE, ty = (w->H - 2 * m) / SHARP_TILE, n, take;
  double e1[4] = { 0 }, ek[4] = { 0 };
  g_autofree double *tiles = NULL;

  if (tx < 1 || ty < 1)
    return FALSE;
  /* per tile: gradient energy, then Σd1² and Σdk² per direction */
  tiles = g_new0 (double, (gsize) tx * ty * 9);
  for (int j = 0; j < ty; j++)
    for (int i = 0; i < tx; i++)
      {
        double *t = tiles + ((gsize) j * tx + i) * 9;

        for (int y = m + j * SHARP_TILE; y < m + (j + 1) * SHARP_TILE; y++)
          for (int x = m + i * SHARP_TILE; x < m + (i + 1) * SHARP_TILE; x++)
            {
              const float *p = w->lum + (gsize) y * w->W + x;

              for (int d = 0; d < 4; d++)
                {
                  gssize o = dir[d][1] * (gssize) w->W + dir[d][0];
                  double a, b;

                  if (block != NULL)
                    {
                      gsize bi = (gsize) y * w->W + x;

                      if (block[bi] != block[bi + o])
                        continue;
                    }
                  a = p[o] - p[0];
                  b = p[SHARP_K * o] - p[0];

                  t[1 + d] += a * a;
                  t[5 + d] += b * b;
                }
            }
        t[0] = t[1] + t[2];
      }
  n = tx * ty;
  qsort (tiles, n, 9 * sizeof (double), cmp_energy_desc);
  take = MAX (1, (int) (n * frac));
  for (int k = 0; k < take; k++)
    for (int d = 0; d < 4; d++)
      {
        e1[d] += tiles[k * 9 + 1 + d];
        ek[d] += tiles[k * 9 + 5 + d];
      }
  for (int d = 0; d < 4; d++)
    {
      if (e1[d] < 1e-6)
        return FALSE;
      /* a diagonal step is √2 px long: widths in px, so that a smear of
       * the same length counts alike in every direction */
      width[d] = ek[d] / (SHARP_K * e1[d]) * (d >= 2 ? G_SQRT2 : 1.0);
    }
  return TRUE;
}

static double
measure_print_sharpness (const RsImageView *v,
                         const RsQuad      *q,
                         double             aspect,
                         double             to_upright,
                         double            *spread,
                         double            *width)
{
  Warp w = { 0 };
  RsQuad lq;
  int W;
  double widest = 0, narrowest = G_MAXDOUBLE;
  g_autofree guint32 *block = NULL;
  double period = 8.0 / (to_upright > 0 ? to_upright : 1);

  landscape_quad (q, &lq);
  W = (int) CLAMP ((edge_len (&lq, 0) + edge_len (&lq, 2)) / 2, CANON_LONG, SHARP_LONG_MAX);
  if (!warp_document (v, q, aspect, W, 1, &w))
    return 0;
  /* the JPEG block each warp pixel comes from (8 × 8 in the upright image,
   * as the encoder saw it): a neighbour pair across a block boundary may be
   * a block edge, so those positions are left out (d1 and dk alike, which
   * keeps the ratio unbiased for the print); below 2 px a block is too
   * small to matter */
  if (period >= 2)
    {
      const double *h = w.h, ip = 1.0 / period;

      block = g_new (guint32, (gsize) w.W * w.H);
      /* the homography stepped along each row, as in the warp */
      for (int y = 0; y < w.H; y++)
        {
          double X = h[0] * 0.5 + h[1] * (y + 0.5) + h[2];
          double Y = h[3] * 0.5 + h[4] * (y + 0.5) + h[5];
          double Z = h[6] * 0.5 + h[7] * (y + 0.5) + h[8];

          for (int x = 0; x < w.W; x++, X += h[0], Y += h[3], Z += h[6])
            {
              double iz = ip / (fabs (Z) < 1e-12 ? 1e-12 : Z);

              block[(gsize) y * w.W + x] = ((guint32) MAX (0, (int) (X * iz)) & 0xffff)
                                           | ((guint32) MAX (0, (int) (Y * iz)) << 16);
            }
        }
    }
  if (!print_widths (&w, block, INSET (&w) + SHARP_K, SHARP_TEXT_TILES, width))
    {
      warp_clear (&w);
      return 0;
    }
  for (int d = 0; d < 4; d++)
    {
      double wd = width[d] / SHARP_PRINT_ANISO[d];

      widest = MAX (widest, wd);
      narrowest = MIN (narrowest, wd);
    }
  *spread = widest / MAX (narrowest, 1e-6);
  widest *= *spread * CANON_LONG / w.W;
  warp_clear (&w);
  return widest > 0 ? 1000.0 / widest : 0;
}

typedef struct {
  double p90;
  double median;
  double clip;        /* fraction >= BRIGHT_CLIP_LEVEL */
  double chroma_mean;
  double chroma_p95;
} Levels;

static void
measure_levels (const Warp *w,
                int         inset,
                Levels     *out)
{
  guint hist[256] = { 0 };
  guint chist[256] = { 0 };
  guint64 n = 0, clip = 0;
  double csum = 0;
  guint64 acc;

  for (int y = inset; y < w->H - inset; y++)
    for (int x = inset; x < w->W - inset; x++)
      {
        gsize i = (gsize) y * w->W + x;
        int l = (int) CLAMP (w->lum[i] + 0.5f, 0, 255);
        const guint8 *c = w->rgb + i * 3;
        int mx = MAX (c[0], MAX (c[1], c[2])), mn = MIN (c[0], MIN (c[1], c[2]));

        hist[l]++;
        chist[mx - mn]++;
        csum += mx - mn;
        n++;
        if (l >= BRIGHT_CLIP_LEVEL)
          clip++;
      }
  memset (out, 0, sizeof *out);
  if (n == 0)
    return;
  acc = 0;
  out->median = -1;
  for (int i = 0; i < 256; i++)
    {
      acc += hist[i];
      if (out->median < 0 && acc * 2 >= n)
        out->median = i;
      if (acc * 10 >= n * 9)
        {
          out->p90 = i;
          break;
        }
    }
  acc = 0;
  for (int i = 0; i < 256; i++)
    {
      acc += chist[i];
      if (acc * 100 >= n * 95)
        {
          out->chroma_p95 = i;
          break;
        }
    }
  out->clip = (double) clip / n;
  out->chroma_mean = csum / n;
}

typedef struct {
  int x0, y0, x1, y1;
  int area;
  int clipped; /* pixels at GLARE_CLIP_LEVEL or more */
  int holes;   /* enclosed pixels that are not glare-coloured */
  int washed;  /* pixels of its washed-out part wide enough to count */
} Blob;

static int
cmp_blob (gconstpointer a,
          gconstpointer b)
{
  return ((const Blob *) b)->washed - ((const Blob *) a)->washed;
}

/* In place, within [x0, x1) × [y0, y1) of a W-wide plane: @d holds 0 at
 * the sources and a large value elsewhere; afterwards, the distance to the
 * nearest source (8-neighbour chamfer, steps 1 and √2: within 8 % of the
 * Euclidean distance).  The one-pixel ring around the rectangle is read but
 * not written, so it must be inside the plane and set. */
static void
chamfer_distance (float *d,
                  int    W,
                  int    x0,
                  int    y0,
                  int    x1,
                  int    y1)
{
  const float diag = (float) G_SQRT2;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        float *p = d + (gsize) y * W + x;
        float v = *p;

        if (v == 0)
          continue;
        v = MIN (v, p[-1] + 1);
        v = MIN (v, p[-W] + 1);
        v = MIN (v, p[-W - 1] + diag);
        v = MIN (v, p[-W + 1] + diag);
        *p = v;
      }
  for (int y = y1 - 1; y >= y0; y--)
    for (int x = x1 - 1; x >= x0; x--)
      {
        float *p = d + (gsize) y * W + x;
        float v = *p;

        if (v == 0)
          continue;
        v = MIN (v, p[1] + 1);
        v = MIN (v, p[W] + 1);
        v = MIN (v, p[W + 1] + diag);
        v = MIN (v, p[W - 1] + diag);
        *p = v;
      }
}

/* Blown out with nothing of the print left around it. */
static gboolean
washed_out (const Warp *w,
            int         x,
            int         y)
{
  float lo, hi;

  lo = hi = w->lum[(gsize) y * w->W + x];
  if (lo < GLARE_WASHED_LEVEL)
    return FALSE;
  for (int yy = MAX (0, y - GLARE_FLAT_RADIUS); yy <= MIN (w->H - 1, y + GLARE_FLAT_RADIUS); yy++)
    for (int xx = MAX (0, x - GLARE_FLAT_RADIUS); xx <= MIN (w->W - 1, x + GLARE_FLAT_RADIUS); xx++)
      {
        float l = w->lum[(gsize) yy * w->W + xx];

        lo = MIN (lo, l);
        hi = MAX (hi, l);
        if (hi - lo > GLARE_FLAT_RANGE)
          return FALSE;
      }
  return TRUE;
}

/* Glare: connected near-white, colourless regions that are solid and have
 * a clipped core, judged by how much of the document they wash out.
 *
 * The clipped paper of a brightly lit white card is not glare: the print
 * shows through it, so it is full of holes (letters, the photo), while a
 * reflection hides what is under it.  Solidity = area / (area + holes).
 *
 * Within such a spot, the washed-out pixels (see washed_out()) are opened
 * with a disc GLARE_MIN_WIDTH of the document's height across (distance
 * transform, erosion, dilation): a small glint, a thin streak or a band along
 * the edge leaves the print around it readable and counts for nothing, while
 * a highlight large enough to hide a field counts with its whole washed-out
 * area.  Returns the spots that wash out some of the document, most first;
 * @fraction is their washed-out area over the document's, @largest the
 * first one's. */
static GArray *
measure_glare (const Warp *w,
               int         inset,
               double     *fraction,
               double     *largest)
{
  int W = w->W, H = w->H, n_comp = 0;
  g_autofree int *label = g_malloc0 ((gsize) W * H * sizeof (int));
  g_autofree int *stack = g_malloc ((gsize) W * H * sizeof (int));
  g_autofree int *owner_of = NULL;
  g_autofree float *dist = NULL;
  g_autofree guint8 *washed = NULL;
  g_autoptr(GArray) comps = g_array_new (FALSE, TRUE, sizeof (Blob));
  GArray *blobs = g_array_new (FALSE, FALSE, sizeof (Blob));
  double doc_area = (double) (W - 2 * inset) * (H - 2 * inset);
  double radius = GLARE_MIN_WIDTH * H / 2;
  int bx0 = W, by0 = H, bx1 = -1, by1 = -1;
  int total = 0;

  *fraction = *largest = 0;

  /* label: 0 not glare-coloured, -1 candidate, >0 component, -2 outside */
  for (int y = inset; y < H - inset; y++)
    for (int x = inset; x < W - inset; x++)
      {
        gsize i = (gsize) y * W + x;
        const guint8 *c = w->rgb + i * 3;
        int mx = MAX (c[0], MAX (c[1], c[2])), mn = MIN (c[0], MIN (c[1], c[2]));

        if (w->lum[i] >= GLARE_LEVEL && mx - mn <= GLARE_MAX_CHROMA)
          label[i] = -1;
      }

#define FLOOD(seed, from, to, ON_PIXEL)                                      \
  G_STMT_START {                                                           \
    int sp_ = 0;                                                           \
    label[seed] = (to);                                                    \
    stack[sp_++] = (seed);                                                 \
    while (sp_ > 0)                                                        \
      {                                                                    \
        int i_ = stack[--sp_], x_ = i_ % W, y_ = i_ / W;                   \
        int nb_[4] = { x_ > 0 ? i_ - 1 : -1, x_ < W - 1 ? i_ + 1 : -1,     \
                       y_ > 0 ? i_ - W : -1, y_ < H - 1 ? i_ + W : -1 };   \
        ON_PIXEL;                                                          \
        for (int k_ = 0; k_ < 4; k_++)                                     \
          if (nb_[k_] >= 0 && label[nb_[k_]] == (from))                    \
            {                                                              \
              label[nb_[k_]] = (to);                                       \
              stack[sp_++] = nb_[k_];                                      \
            }                                                              \
      }                                                                    \
  } G_STMT_END

  /* the glare-coloured components (index 0 unused) */
  g_array_set_size (comps, 1);
  for (int start = 0; start < W * H; start++)
    {
      Blob b = { 0 };

      if (label[start] != -1)
        continue;
      n_comp++;
      b.x0 = b.x1 = start % W;
      b.y0 = b.y1 = start / W;
      FLOOD (start, -1, n_comp, {
        b.area++;
        if (w->lum[i_] >= GLARE_CLIP_LEVEL)
          b.clipped++;
        b.x0 = MIN (b.x0, x_);
        b.x1 = MAX (b.x1, x_);
        b.y0 = MIN (b.y0, y_);
        b.y1 = MAX (b.y1, y_);
      });
      g_array_append_val (comps, b);
    }
  if (n_comp == 0)
    return blobs;
  /* the components are overwritten below: keep who owns each pixel */
  owner_of = g_memdup2 (label, (gsize) W * H * sizeof (int));

  /* everything not glare that is reachable from the border is outside */
  FLOOD (0, 0, -2, {});
  /* what is left are holes: credit each to the component around it */
  for (int start = 0; start < W * H; start++)
    {
      int area = 0, owner = 0;

      if (label[start] != 0)
        continue;
      FLOOD (start, 0, -3, {
        area++;
        for (int k = 0; k < 4; k++)
          if (owner == 0 && nb_[k] >= 0 && label[nb_[k]] > 0)
            owner = label[nb_[k]];
      });
      if (owner > 0)
        g_array_index (comps, Blob, owner).holes += area;
    }
#undef FLOOD

  /* the spots that look like glare; the others own nothing from here on */
  for (int c = 1; c <= n_comp; c++)
    {
      Blob *b = &g_array_index (comps, Blob, c);
      double solidity = (double) b->area / (b->area + b->holes);

      if (b->area >= GLARE_MIN_SPOT * doc_area && solidity >= GLARE_MIN_SOLIDITY &&
          b->clipped >= GLARE_MIN_CLIPPED * b->area)
        {
          bx0 = MIN (bx0, b->x0);
          by0 = MIN (by0, b->y0);
          bx1 = MAX (bx1, b->x1);
          by1 = MAX (by1, b->y1);
        }
      else
        b->area = 0;
    }
  if (bx1 < 0)
    return blobs;

  /* the washed-out pixels of those spots, and their distance to the nearest
   * pixel that is not (the inset band, never a candidate, surrounds the
   * rectangle, so the ring around it is all sources) */
  washed = g_malloc0 ((gsize) W * H);
  dist = g_malloc ((gsize) W * H * sizeof (float));
  for (int y = by0 - 1; y <= by1 + 1; y++)
    for (int x = bx0 - 1; x <= bx1 + 1; x++)
      {
        gsize i = (gsize) y * W + x;
        int c = owner_of[i];

        washed[i] = c > 0 && g_array_index (comps, Blob, c).area > 0 && washed_out (w, x, y);
        dist[i] = washed[i] ? G_MAXFLOAT : 0;
      }
  chamfer_distance (dist, W, bx0, by0, bx1 + 1, by1 + 1);
  /* erosion: the centres of washed-out discs of the minimum width become
   * the sources; dilation: the washed-out pixels within that radius of a
   * centre are the part that counts */
  for (int y = by0 - 1; y <= by1 + 1; y++)
    for (int x = bx0 - 1; x <= bx1 + 1; x++)
      {
        float *p = dist + (gsize) y * W + x;
        *p = *p >= radius ? 0 : G_MAXFLOAT;
      }
  chamfer_distance (dist, W, bx0, by0, bx1 + 1, by1 + 1);
  for (int y = by0; y <= by1; y++)
    for (int x = bx0; x <= bx1; x++)
      {
        gsize i = (gsize) y * W + x;

        if (washed[i] && dist[i] < radius)
          g_array_index (comps, Blob, owner_of[i]).washed++;
      }

  for (int c = 1; c <= n_comp; c++)
    {
      const Blob *b = &g_array_index (comps, Blob, c);

      if (b->washed > 0)
        {
          g_array_append_val (blobs, *b);
          total += b->washed;
        }
    }
  g_array_sort (blobs, cmp_blob);
  if (doc_area > 0)
    {
      *fraction = total / doc_area;
      *largest = blobs->len > 0 ? g_array_index (blobs, Blob, 0).washed / doc_area : 0;
    }
  return blobs;
}

/* Rotation from the nearest multiple of 90° (mean over the four edges) and
 * perspective tilt (largest angle between opposite edges), in degrees. */
static void
measure_skew (const RsQuad *q,
              double       *rotation,
              double       *tilt)
{
  double ang[4], sx = 0, sy = 0;

  for (int i = 0; i < 4; i++)
    {
      const RsPoint *a = &q->p[i], *b = &q->p[(i + 1) % 4];
      ang[i] = atan2 (b->y - a->y, b->x - a->x);
      /* 4θ folds every multiple of 90° onto 0 */
      sx += cos (4 * ang[i]);
      sy += sin (4 * ang[i]);
    }
  *rotation = fabs (atan2 (sy, sx) / 4) * 180 / G_PI;
  *tilt = 0;
  for (int i = 0; i < 2; i++)
    {
      double d = ang[i] - (ang[i + 2] - G_PI);
      d = fabs (remainder (d, 2 * G_PI)) * 180 / G_PI;
      *tilt = MAX (*tilt, d);
    }
}

/* ---- hashing ---- */

static guint64
dhash_lum (const float *lum,
           int          W,
           int          H)
{
  double cell[8][9];
  guint64 hash = 0;

  for (int cy = 0; cy < 8; cy++)
    for (int cx = 0; cx < 9; cx++)
      {
        int x0 = cx * W / 9, x1 = MAX (x0 + 1, (cx + 1) * W / 9);
        int y0 = cy * H / 8, y1 = MAX (y0 + 1, (cy + 1) * H / 8);
        double s = 0;
        int n = 0;
        int step = MAX (1, (x1 - x0) / 8);
        int ystep = MAX (1, (y1 - y0) / 8);

        for (int y = y0; y < y1 && y < H; y += ystep)
          for (int x = x0; x < x1 && x < W; x += step)
            {
              s += lum[(gsize) y * W + x];
              n++;
            }
        cell[cy][cx] = n ? s / n : 0;
      }
  for (int cy = 0; cy < 8; cy++)
    for (int cx = 0; cx < 8; cx++)
      hash = (hash << 1) | (cell[cy][cx] < cell[cy][cx + 1] ? 1 : 0);
  return hash;
}

/* RS_THUMB_SIDE² cell means of a luminance plane, normalised to zero mean
 * and unit variance (so exposure changes do not matter). */
static void
thumb_lum (const float *lum,
           int          W,
           int          H,
           float       *out)
{
  const int S = RS_THUMB_SIDE;
  double mean = 0, var = 0;

  for (int cy = 0; cy < S; cy++)
    for (int cx = 0; cx < S; cx++)
      {
        int x0 = cx * W / S, x1 = MAX (x0 + 1, (cx + 1) * W / S);
        int y0 = cy * H / S, y1 = MAX (y0 + 1, (cy + 1) * H / S);
        double s = 0;
        int n = 0;

        for (int y = y0; y < y1 && y < H; y++)
          for (int x = x0; x < x1 && x < W; x++)
            {
              s += lum[(gsize) y * W + x];
              n++;
            }
        out[cy * S + cx] = n ? (float) (s / n) : 0;
        mean += out[cy * S + cx];
      }
  mean /= S * S;
  for (int i = 0; i < S * S; i++)
    var += (out[i] - mean) * (out[i] - mean);
  var = sqrt (var / (S * S));
  for (int i = 0; i < S * S; i++)
    out[i] = var > 1e-6 ? (float) ((out[i] - mean) / var) : 0;
}

guint64
rs_photo_dhash (const RsImageView *view)
{
  Warp w = { 0 };
  guint64 h;

  warp_whole (view, 144, 2, &w);
  h = dhash_lum (w.lum, w.W, w.H);
  warp_clear (&w);
  return h;
}

/* ---- the checks ---- */

/* A photo of a screen showing the document (rs-recapture.c).  Not on live
 * frames: the camera's preview is too small to show a screen's grid. */
static void
check_recapture (const RsImageView    *view,
                 const RsAnalyseInput *input,
                 const RsQuad         *quad,
                 RsPhotoReport        *report)
{
  int n = 0;
  double score;

  score = rs_recapture_measure (view->pixels, view->width, view->height, view->stride,
                                view->channels, quad, input->to_upright, &n);
  if (n == 0)
    return;
  if (score >= RS_RECAPTURE_FAIL)
    rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_RECAPTURE, RS_CHECK_FAIL, score,
                                 RS_RECAPTURE_FAIL,
                                 _("This looks like a photo of a screen. Photograph the document itself, not a picture of it on a monitor or phone."));
  else
    rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_RECAPTURE, RS_CHECK_PASS, score,
                                 RS_RECAPTURE_FAIL,
                                 _("The photo shows the document itself, not a screen."));
}

static void
check_levels (const Levels        *lv,
              const RsAnalyseInput *input,
              const RsCheckLimits *limits,
              gboolean             color_known,
              RsPhotoReport       *report)
{
  gboolean selfie = g_strcmp0 (input->kind, RS_SLOT_SELFIE) == 0;

  if (lv->p90 < DARK_FAIL)
    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_DARK, RS_CHECK_FAIL, lv->p90, DARK_FAIL,
                                 selfie ? _("The photo is too dark. Face a window or a lamp and take it again.")
                                        : _("The photo is too dark to read. Move to a brighter place or turn on a light, without using the flash."));
  else if (lv->p90 < DARK_WARN)
    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_DARK, RS_CHECK_WARN, lv->p90, DARK_WARN,
                                 _("The photo is rather dark. More light will make the details easier to read."));
  else
    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_DARK, RS_CHECK_PASS, lv->p90, DARK_WARN,
                                 _("The brightness is good."));

  if (lv->clip > BRIGHT_FAIL)
    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_BRIGHT, RS_CHECK_FAIL, lv->clip, BRIGHT_FAIL,
                                 _("The photo is overexposed: parts are pure white. Move away from direct light and turn off the flash."));
  else if (lv->clip > BRIGHT_WARN)
    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_BRIGHT, RS_CHECK_WARN, lv->clip, BRIGHT_WARN,
                                 _("The photo is very bright and some details may be lost. Use softer light."));
  else
    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_BRIGHT, RS_CHECK_PASS, lv->clip, BRIGHT_WARN,
                                 _("No part of the photo is overexposed."));

  if (!color_known)
    return;
  /* a photo too dark or too washed out has no colour left to judge: the
   * exposure finding is the one to act on */
  if (lv->p90 < DARK_FAIL || lv->clip > BRIGHT_FAIL)
    {
      rs_photo_report_add_finding (report, RS_CHECK_COLOR_GRAYSCALE, RS_CHECK_PASS, lv->chroma_mean,
                                   GRAY_MEAN_CHROMA,
                                   _("The colours cannot be judged until the exposure is right."));
      return;
    }
  if (lv->chroma_mean < GRAY_MEAN_CHROMA && lv->chroma_p95 < GRAY_P95_CHROMA)
    {
      if (limits->color_required)
        rs_photo_report_add_finding (report, RS_CHECK_COLOR_GRAYSCALE, RS_CHECK_FAIL, lv->chroma_mean,
                                     GRAY_MEAN_CHROMA,
                                     _("The photo is black and white, but a colour photo is required. Photograph the original document in colour, not a copy."));
      else
        rs_photo_report_add_finding (report, RS_CHECK_COLOR_GRAYSCALE, RS_CHECK_PASS, lv->chroma_mean,
                                     GRAY_MEAN_CHROMA, _("The photo is black and white, which the platform accepts."));
    }
  else
    rs_photo_report_add_finding (report, RS_CHECK_COLOR_GRAYSCALE, RS_CHECK_PASS, lv->chroma_mean,
                                 GRAY_MEAN_CHROMA, _("The photo is in colour."));
}

static void
check_sharpness (double         sharp,
                 gboolean       live,
                 RsPhotoReport *report)
{
  double fail = live ? SHARP_LIVE_FAIL : SHARP_FAIL, warn = live ? SHARP_LIVE_WARN : SHARP_WARN;

  if (sharp < fail)
    rs_photo_report_add_finding (report, RS_CHECK_SHARPNESS, RS_CHECK_FAIL, sharp, fail,
                                 _("The photo is blurred. Hold the phone still, tap the document to focus and take it again."));
  else if (sharp < warn)
    rs_photo_report_add_finding (report, RS_CHECK_SHARPNESS, RS_CHECK_WARN, sharp, warn,
                                 _("The photo is slightly blurred. Hold the phone steady and let it focus before taking the photo."));
  else
    rs_photo_report_add_finding (report, RS_CHECK_SHARPNESS, RS_CHECK_PASS, sharp, warn,
                                 _("The photo is sharp."));
}

static const char *
corner_name (guint corners)
{
  /* the quad starts nearest the image's top-left and goes clockwise */
  static const char *names[4] = { N_("top-left"), N_("top-right"), N_("bottom-right"), N_("bottom-left") };
  for (int i = 0; i < 4; i++)
    if (corners & (1u << i))
      return _(names[i]);
  return "";
}

/* A finite outline with some area (the localiser's contract says so, but a
 * bad outline must not take the checks down). */
static gboolean
quad_usable (const RsQuad *q)
{
  for (int i = 0; i < 4; i++)
    if (!isfinite (q->p[i].x) || !isfinite (q->p[i].y) ||
        fabs (q->p[i].x) > 1e7 || fabs (q->p[i].y) > 1e7)
      return FALSE;
  return rs_quad_area (q) >= 1.0;
}

void
rs_photo_analyse (const RsImageView    *view,
                  const RsAnalyseInput *input,
                  const RsCheckLimits  *limits,
                  RsPhotoReport        *report)
{
  RsMeasures m = { 0 };
  Warp w = { 0 };
  Levels lv;
  gboolean selfie = g_strcmp0 (input->kind, RS_SLOT_SELFIE) == 0;
  gboolean color_known = view->channels != 1;
  double up = input->to_upright > 0 ? input->to_upright : 1;
  guint64 image_hash;
  float image_thumb[RS_THUMB_SIZE], doc_thumb[RS_THUMB_SIZE];

  {
    Warp small = { 0 };

    warp_whole (view, 144, input->live ? 1 : 2, &small);
    image_hash = dhash_lum (small.lum, small.W, small.H);
    thumb_lum (small.lum, small.W, small.H, image_thumb);
    warp_clear (&small);
  }
  rs_photo_report_set_thumbs (report, image_thumb, NULL);

  if (selfie)
    {
      /* no document: exposure, sharpness and colour of the whole picture */
      warp_whole (view, input->live ? CANON_LONG_LIVE : CANON_LONG, input->live ? 1 : 3, &w);
      measure_levels (&w, 0, &lv);
      m.sharpness = measure_sharpness (&w);
      check_levels (&lv, input, limits, color_known, report);
      check_sharpness (m.sharpness, input->live, report);
      m.dark_level = lv.p90;
      m.bright_clip = lv.clip;
      m.bright_median = lv.median;
      m.chroma = lv.chroma_mean;
      rs_photo_report_set_hash (report, image_hash, FALSE, 0);
      rs_photo_report_set_measures (report, &m);
      warp_clear (&w);
      return;
    }

  if (!input->locate.found || !quad_usable (&input->locate.quad))
    {
      rs_photo_report_set_document (report, FALSE, input->locate.confidence, NULL, 0);
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_FOUND, RS_CHECK_FAIL,
                                   input->locate.confidence, 0.5,
                                   _("No document was found. Put the whole document on a plain, darker surface and fill most of the frame with it."));
      /* lighting may be why: judge it on the whole photo */
      warp_whole (view, input->live ? CANON_LONG_LIVE : CANON_LONG, 1, &w);
      measure_levels (&w, 0, &lv);
      check_levels (&lv, input, limits, color_known, report);
      /* a screen's pixel grid is what often hides the document's edges
       * from the localiser: look for it in the middle of the picture */
      if (!input->live)
        {
          RsQuad mid = { .p = { { view->width * 0.25, view->height * 0.25 },
                                { view->width * 0.75, view->height * 0.25 },
                                { view->width * 0.75, view->height * 0.75 },
                                { view->width * 0.25, view->height * 0.75 } } };

          check_recapture (view, input, &mid, report);
        }
      m.dark_level = lv.p90;
      m.bright_clip = lv.clip;
      m.chroma = lv.chroma_mean;
      rs_photo_report_set_hash (report, image_hash, FALSE, 0);
      rs_photo_report_set_measures (report, &m);
      warp_clear (&w);
      return;
    }

  {
    RsQuad uq = input->locate.quad;
    double W = view->width * up, H = view->height * up;
    double left = G_MAXDOUBLE, right = -G_MAXDOUBLE, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
    double margins[4], fill, rot, tilt, doc_short;
    /* As in the localiser: a corner on the border is measured to a pixel
     * or two either side (a document that exactly fills the frame is not
     * cut off; before, any corner 0.1 px out was). */
    double tol;
    guint cut = 0;
    int ncut = 0;

    for (int i = 0; i < 4; i++)
      {
        uq.p[i].x *= up;
        uq.p[i].y *= up;
      }
    tol = rs_locate_cut_tolerance (&uq, W, H);
    for (int i = 0; i < 4; i++)
      {
        if (uq.p[i].x < -tol || uq.p[i].y < -tol || uq.p[i].x > W + tol || uq.p[i].y > H + tol)
          {
            cut |= 1u << i;
            ncut++;
          }
        left = MIN (left, uq.p[i].x);
        right = MAX (right, uq.p[i].x);
        top = MIN (top, uq.p[i].y);
        bottom = MAX (bottom, uq.p[i].y);
      }
    cut |= input->locate.cut_corners;
    rs_photo_report_set_document (report, TRUE, input->locate.confidence, &uq, cut);
    rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_FOUND, RS_CHECK_PASS,
                                 input->locate.confidence, 0.5, _("The document was found."));

    /* cut off */
    if (cut != 0)
      {
        g_autofree char *msg = g_strdup_printf (_("Part of the document is outside the photo (%s corner). Move the phone back until all four corners are visible."),
                                                corner_name (cut));
        rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_CUTOFF, RS_CHECK_FAIL,
                                     MAX (ncut, 1), 0, msg);
      }
    else
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_CUTOFF, RS_CHECK_PASS, 0, 0,
                                   _("All four corners are in the photo."));

    /* margin: background visible on every side */
    margins[0] = left / W * 100;
    margins[1] = (W - right) / W * 100;
    margins[2] = top / H * 100;
    margins[3] = (H - bottom) / H * 100;
    m.margin_percent = MIN (MIN (margins[0], margins[1]), MIN (margins[2], margins[3]));
    if (cut == 0 && m.margin_percent < limits->min_margin_percent / 2)
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_MARGIN, RS_CHECK_FAIL, m.margin_percent,
                                   limits->min_margin_percent,
                                   _("The document touches the edge of the photo. Leave some background visible on every side."));
    else if (cut == 0 && m.margin_percent < limits->min_margin_percent)
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_MARGIN, RS_CHECK_WARN, m.margin_percent,
                                   limits->min_margin_percent,
                                   _("The document is very close to the edge of the photo. Leave a little more background on every side."));
    else if (cut != 0)
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_MARGIN, RS_CHECK_FAIL, m.margin_percent,
                                   limits->min_margin_percent,
                                   _("The document does not fit in the photo. Leave some background visible on every side."));
    else
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_MARGIN, RS_CHECK_PASS, m.margin_percent,
                                   limits->min_margin_percent, _("There is background around the document."));

    /* size: how much of the frame the document fills along its tighter axis */
    fill = MAX ((right - left) / W, (bottom - top) / H);
    m.area_fraction = rs_quad_area (&uq) / (W * H);
    if (fill < SIZE_FAIL)
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SIZE, RS_CHECK_FAIL, fill, SIZE_FAIL,
                                   _("The document is too far away. Move closer so that it fills most of the frame."));
    else if (fill < SIZE_WARN)
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SIZE, RS_CHECK_WARN, fill, SIZE_WARN,
                                   _("The document is rather small in the photo. Move a little closer."));
    else if (fill > SIZE_CLOSE_WARN && cut == 0)
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SIZE, RS_CHECK_WARN, fill, SIZE_CLOSE_WARN,
                                   _("The document is too close. Move the phone back a little."));
    else
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SIZE, RS_CHECK_PASS, fill, SIZE_WARN,
                                   _("The document is a good size in the photo."));

    /* skew */
    measure_skew (&uq, &rot, &tilt);
    m.skew_rotation = rot;
    m.skew_tilt = tilt;
    if (tilt > 2 * limits->max_skew_degrees)
      {
        g_autofree char *msg = g_strdup_printf (_("The document is photographed at a steep angle (%.0f°). Hold the phone flat above the document."),
                                                tilt);
        rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SKEW, RS_CHECK_FAIL, tilt,
                                     limits->max_skew_degrees, msg);
      }
    else if (tilt > limits->max_skew_degrees)
      {
        g_autofree char *msg = g_strdup_printf (_("The document is photographed at an angle (%.0f°). Hold the phone flat above the document."),
                                                tilt);
        rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SKEW, RS_CHECK_WARN, tilt,
                                     limits->max_skew_degrees, msg);
      }
    else if (rot > limits->max_skew_degrees)
      {
        g_autofree char *msg = g_strdup_printf (_("The document is rotated by %.0f°. Turn it straight, or let export straighten it."),
                                                rot);
        rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SKEW, RS_CHECK_WARN, rot,
                                     limits->max_skew_degrees, msg);
      }
    else
      rs_photo_report_add_finding (report, RS_CHECK_DOCUMENT_SKEW, RS_CHECK_PASS, MAX (rot, tilt),
                                   limits->max_skew_degrees, _("The document is straight."));

    /* effective resolution of the document */
    doc_short = MIN ((edge_len (&uq, 0) + edge_len (&uq, 2)) / 2, (edge_len (&uq, 1) + edge_len (&uq, 3)) / 2);
    m.doc_short_side = doc_short;
    if (!input->live && doc_short < DOC_MIN_SHORT_SIDE)
      {
        const RsPhotoFinding *res = rs_photo_report_find_finding (report, RS_CHECK_IMAGE_RESOLUTION);
        if (res == NULL || res->status == RS_CHECK_PASS)
          {
            g_autofree char *msg = g_strdup_printf (_("The document covers only %.0f pixels on its short side; at least %.0f are needed to read it. Move closer or use a higher resolution."),
                                                    doc_short, DOC_MIN_SHORT_SIDE);
            rs_photo_report_add_finding (report, RS_CHECK_IMAGE_RESOLUTION, RS_CHECK_WARN, doc_short,
                                         DOC_MIN_SHORT_SIDE, msg);
          }
      }
  }

  /* the document region itself */
  if (!warp_document (view, &input->locate.quad, rs_photo_kind_aspect (input->kind),
                      input->live ? CANON_LONG_LIVE : CANON_LONG,
                      input->live ? 1 : 3, &w))
    {
      rs_photo_report_set_hash (report, image_hash, FALSE, 0);
      rs_photo_report_set_measures (report, &m);
      return;
    }
  {
    int inset = INSET (&w);
    double gfrac, glargest;
    g_autoptr(GArray) blobs = NULL;

    measure_levels (&w, inset, &lv);
    m.dark_level = lv.p90;
    m.bright_clip = lv.clip;
    m.bright_median = lv.median;
    m.chroma = lv.chroma_mean;
    check_levels (&lv, input, limits, color_known, report);

    blobs = measure_glare (&w, inset, &gfrac, &glargest);
    m.glare_fraction = gfrac;
    m.glare_largest = glargest;
    for (guint i = 0; i < blobs->len && i < 16 && !(m.doc_short_side > 0 && m.doc_short_side < GLARE_MIN_SHORT_SIDE); i++)
      {
        const Blob *b = &g_array_index (blobs, Blob, i);
        double cx[4] = { b->x0, b->x1 + 1, b->x1 + 1, b->x0 };
        double cy[4] = { b->y0, b->y0, b->y1 + 1, b->y1 + 1 };
        double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
        RsImageRect r;

        for (int k = 0; k < 4; k++)
          {
            double px, py;
            rs_homography_apply (w.h, cx[k], cy[k], &px, &py);
            x0 = MIN (x0, px * up);
            x1 = MAX (x1, px * up);
            y0 = MIN (y0, py * up);
            y1 = MAX (y1, py * up);
          }
        r.x = (int) floor (x0);
        r.y = (int) floor (y0);
        r.width = (int) ceil (x1) - r.x;
        r.height = (int) ceil (y1) - r.y;
        rs_photo_report_add_glare_spot (report, &r);
      }
    if (m.doc_short_side > 0 && m.doc_short_side < GLARE_MIN_SHORT_SIDE)
      /* in a thumbnail, print blends into flat patches that look washed
       * out: too few pixels to tell glare from paper */
      rs_photo_report_add_finding (report, RS_CHECK_GLARE, RS_CHECK_PASS, gfrac, GLARE_WARN,
                                   _("The document is too small in the photo to judge glare."));
    else if (gfrac >= GLARE_FAIL)
      rs_photo_report_add_finding (report, RS_CHECK_GLARE, RS_CHECK_FAIL, gfrac, GLARE_FAIL,
                                   _("There is glare on the document that hides details. Tilt the document slightly or move away from the lamp or window, and turn off the flash."));
    else if (gfrac >= GLARE_WARN)
      rs_photo_report_add_finding (report, RS_CHECK_GLARE, RS_CHECK_WARN, gfrac, GLARE_WARN,
                                   _("There is a small glare spot on the document. Tilt it slightly so that the light does not reflect into the camera."));
    else
      rs_photo_report_add_finding (report, RS_CHECK_GLARE, RS_CHECK_PASS, gfrac, GLARE_WARN,
                                   _("There is no glare on the document."));

    m.sharpness = input->live ? measure_sharpness (&w)
                              : measure_print_sharpness (view, &input->locate.quad,
                                                         rs_photo_kind_aspect (input->kind),
                                                         input->to_upright, &m.sharp_spread,
                                                         m.sharp_width);
    check_sharpness (m.sharpness, input->live, report);
    if (!input->live)
      check_recapture (view, input, &input->locate.quad, report);

    rs_photo_report_set_hash (report, image_hash, TRUE, dhash_lum (w.lum, w.W, w.H));
    thumb_lum (w.lum, w.W, w.H, doc_thumb);
    rs_photo_report_set_thumbs (report, image_thumb, doc_thumb);
  }
  rs_photo_report_set_measures (report, &m);
  warp_clear (&w);
}
