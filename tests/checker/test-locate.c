/* test-locate.c: the document localiser on drawn fixtures.
 *
 * Each fixture is a card-like document (light card, header band, lines of
 * text-like marks, a photo box, rounded corners) drawn at known corners onto
 * a cluttered, noisy background.  The corners are exact by construction, so
 * the tests can demand the outline within a few pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "rs-locate.h"

#define ID1 1.586

typedef struct {
  int     width, height, channels, stride;
  guint8 *pixels;
} Image;

static Image *
image_new (int width,
           int height,
           int channels,
           int pad)
{
  Image *im = g_new0 (Image, 1);

  im->width = width;
  im->height = height;
  im->channels = channels;
  im->stride = width * channels + pad;
  im->pixels = g_new0 (guint8, (gsize) im->stride * height);
  return im;
}

static void
image_free (Image *im)
{
  g_free (im->pixels);
  g_free (im);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static void
put (Image        *im,
     int           x,
     int           y,
     const double *rgb)
{
  guint8 *p = im->pixels + (gsize) y * im->stride + (gsize) x * im->channels;

  if (im->channels == 1)
    p[0] = (guint8) CLAMP (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2], 0, 255);
  else
    for (int c = 0; c < 3; c++)
      p[c] = (guint8) CLAMP (rgb[c], 0, 255);
  if (im->channels == 4)
    p[3] = 255;
}

/* Homography taking the quad @q to the unit square (q[0] → (0,0), q[1] →
 * (1,0), q[2] → (1,1), q[3] → (0,1)). */
static void
homography_to_unit (const RsQuad *q,
                    double        h[9])
{
  static const RsPoint unit[4] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };

  g_assert_true (rs_quad_homography (q->p, unit, h));
}

/* What the card shows at card coordinates (s, t) ∈ [0,1]²; FALSE outside
 * its rounded outline. */
static gboolean
card_colour (double  s,
             double  t,
             double *rgb)
{
  const double rs = 0.035, rt = 0.055;  /* corner radius, ~3 mm on ID-1 */
  double cs = CLAMP (s, rs, 1 - rs), ct = CLAMP (t, rt, 1 - rt);
  double ds = (s - cs) / rs, dt = (t - ct) / rt;

  if (s < 0 || s > 1 || t < 0 || t > 1 || ds * ds + dt * dt > 1)
    return FALSE;
  /* pale base with a slight tint gradient, like a printed guilloche */
  rgb[0] = 232 - 10 * t;
  rgb[1] = 224 - 6 * s;
  rgb[2] = 208 + 12 * s;
  /* header band */
  if (t > 0.08 && t < 0.16 && s > 0.05 && s < 0.95)
    {
      rgb[0] = 70;
      rgb[1] = 105;
      rgb[2] = 165;
    }
  /* photo box */
  if (s > 0.05 && s < 0.31 && t > 0.22 && t < 0.88)
    {
      double face = pow ((s - 0.18) / 0.09, 2) + pow ((t - 0.48) / 0.17, 2);
      rgb[0] = face < 1 ? 205 : 150;
      rgb[1] = face < 1 ? 165 : 150;
      rgb[2] = face < 1 ? 140 : 160;
    }
  /* lines of "text": words of dark marks */
  if (s > 0.37 && s < 0.93 && t > 0.22 && t < 0.90)
    {
      int row = (int) ((t - 0.22) / 0.085);
      double in_row = (t - 0.22) / 0.085 - row;
      double word = fmod ((s - 0.37) * (7.0 + row % 3) + row * 0.37, 1.0);
      double line_end = 0.60 + 0.33 * fmod (row * 0.618, 1.0);
      if (in_row > 0.35 && in_row < 0.75 && word < 0.78 && s < line_end &&
          fmod (s * 211, 1.0) < 0.7)
        {
          rgb[0] = 45;
          rgb[1] = 45;
          rgb[2] = 60;
        }
    }
  return TRUE;
}

/* A cluttered desk: wood grain, some small objects, noise. */
static void
background_colour (double  x,
                   double  y,
                   int     w,
                   int     h,
                   double *rgb)
{
  double grain = sin (x * 0.05 + 4 * sin (y * 0.013)) * 0.5 + 0.5;

  rgb[0] = 140 + 30 * grain;
  rgb[1] = 92 + 20 * grain;
  rgb[2] = 55 + 10 * grain;
  /* a dark keyboard-like block with keys, along the bottom left */
  if (x < 0.30 * w && y > 0.80 * h)
    {
      gboolean key = fmod (x, 22) > 3 && fmod (y, 22) > 3;
      rgb[0] = rgb[1] = rgb[2] = key ? 38 : 15;
    }
  /* a sticky note, a pen, a cable */
  if (x > 0.82 * w && x < 0.95 * w && y > 0.05 * h && y < 0.20 * h)
    {
      rgb[0] = 250;
      rgb[1] = 235;
      rgb[2] = 60;
    }
  if (fabs ((x - 0.04 * w) * 0.8 - (y - 0.03 * h)) < 4 && x < 0.2 * w)
    {
      rgb[0] = 20;
      rgb[1] = 60;
      rgb[2] = 180;
    }
  if (fabs (y - (0.9 * h + 0.06 * h * sin (x * 0.02))) < 2.5)
    {
      rgb[0] = rgb[1] = rgb[2] = 25;
    }
}

/* Draw the card with corners @truth (card top-left, top-right,
 * bottom-right, bottom-left) onto the background; 3×3 supersampled. */
static Image *
render (int           width,
        int           height,
        int           channels,
        int           pad,
        const RsQuad *truth,
        gboolean      with_card,
        guint32       seed)
{
  Image *im = image_new (width, height, channels, pad);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double h[9];

  if (with_card)
    homography_to_unit (truth, h);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double acc[3] = { 0, 0, 0 };

        for (int sy = 0; sy < 3; sy++)
          for (int sx = 0; sx < 3; sx++)
            {
              double px = x + (sx + 0.5) / 3, py = y + (sy + 0.5) / 3;
              double rgb[3];
              gboolean on_card = FALSE;

              if (with_card)
                {
                  double den = h[6] * px + h[7] * py + h[8];
                  double s = (h[0] * px + h[1] * py + h[2]) / den;
                  double t = (h[3] * px + h[4] * py + h[5]) / den;
                  on_card = card_colour (s, t, rgb);
                }
              if (!on_card)
                background_colour (px, py, width, height, rgb);
              for (int c = 0; c < 3; c++)
                acc[c] += rgb[c] / 9;
            }
        for (int c = 0; c < 3; c++)
          acc[c] += g_rand_double_range (rand, -6, 6);
        put (im, x, y, acc);
      }
  return im;
}

static RsQuad
card_quad (double cx,
           double cy,
           double long_side,
           double angle_deg)
{
  RsQuad q;
  double a = angle_deg * G_PI / 180, hw = long_side / 2, hh = long_side / ID1 / 2;
  double dx[4] = { -hw, hw, hw, -hw }, dy[4] = { -hh, -hh, hh, hh };

  for (int i = 0; i < 4; i++)
    {
      q.p[i].x = cx + dx[i] * cos (a) - dy[i] * sin (a);
      q.p[i].y = cy + dx[i] * sin (a) + dy[i] * cos (a);
    }
  return q;
}

/* A card seen by a pinhole camera (principal point at the image centre,
 * focal length @f): centred on the image point (cx, cy), turned by @rot
 * degrees in its plane, tilted back by @tilt degrees about the image's
 * horizontal axis. */
static RsQuad
card_quad_tilted (int    width,
                  int    height,
                  double cx,
                  double cy,
                  double long_side,
                  double rot,
                  double tilt,
                  double f)
{
  RsQuad q;
  double hw = long_side / 2, hh = long_side / ID1 / 2;
  double dx[4] = { -hw, hw, hw, -hw }, dy[4] = { -hh, -hh, hh, hh };
  double cr = cos (rot * G_PI / 180), sr = sin (rot * G_PI / 180);
  double ct = cos (tilt * G_PI / 180), st = sin (tilt * G_PI / 180);
  double u0 = width / 2.0, v0 = height / 2.0;
  /* centre of the card in camera space, at depth f */
  double X0 = cx - u0, Y0 = cy - v0, Z0 = f;

  for (int i = 0; i < 4; i++)
    {
      double x = dx[i] * cr - dy[i] * sr, y = dx[i] * sr + dy[i] * cr;
      /* tilt about the x axis: y goes partly into depth */
      double X = X0 + x, Y = Y0 + y * ct, Z = Z0 + y * st;
      q.p[i].x = u0 + f * X / Z;
      q.p[i].y = v0 + f * Y / Z;
    }
  return q;
}

static double
max_corner_error (const RsQuad *found,
                  const RsQuad *truth)
{
  RsQuad a = *found, b = *truth;
  double worst = 0;

  rs_quad_normalize (&a);
  rs_quad_normalize (&b);
  for (int i = 0; i < 4; i++)
    worst = MAX (worst, hypot (a.p[i].x - b.p[i].x, a.p[i].y - b.p[i].y));
  return worst;
}

static void
locate (const Image    *im,
        double          aspect,
        RsLocateResult *res)
{
  RsLocateOptions opt = { 0, aspect };

  rs_locate_document (im->pixels, im->width, im->height, im->stride, im->channels, &opt, res);
}

/* Set RS_TEST_LOCATE_DUMP=DIR to look at the fixtures (PPM, found outline
 * drawn in red). */
static void
debug_save (const Image          *im,
            const RsLocateResult *res)
{
  const char *dir = g_getenv ("RS_TEST_LOCATE_DUMP");
  g_autofree char *path = NULL;
  g_autoptr(GString) out = NULL;
  guint8 *rgb;

  if (dir == NULL)
    return;
  rgb = g_new (guint8, (gsize) im->width * im->height * 3);
  for (int y = 0; y < im->height; y++)
    for (int x = 0; x < im->width; x++)
      for (int c = 0; c < 3; c++)
        rgb[(y * im->width + x) * 3 + c] =
          im->pixels[(gsize) y * im->stride + (gsize) x * im->channels + (im->channels == 1 ? 0 : c)];
  if (res->found)
    for (int i = 0; i < 4; i++)
      {
        RsPoint a = res->quad.p[i], b = res->quad.p[(i + 1) % 4];
        for (int k = 0; k <= 1000; k++)
          {
            int x = (int) (a.x + (b.x - a.x) * k / 1000), y = (int) (a.y + (b.y - a.y) * k / 1000);
            if (x >= 0 && y >= 0 && x < im->width && y < im->height)
              {
                rgb[(y * im->width + x) * 3] = 255;
                rgb[(y * im->width + x) * 3 + 1] = 0;
                rgb[(y * im->width + x) * 3 + 2] = 0;
              }
          }
      }
  out = g_string_new (NULL);
  g_string_append_printf (out, "P6\n%d %d\n255\n", im->width, im->height);
  g_string_append_len (out, (const char *) rgb, (gssize) im->width * im->height * 3);
  path = g_strdup_printf ("%s/%s.ppm", dir, g_test_get_path () + 1);
  for (char *p = strchr (path + strlen (dir) + 1, '/'); p; p = strchr (p, '/'))
    *p = '-';
  g_file_set_contents (path, out->str, (gssize) out->len, NULL);
  g_free (rgb);
}

static void
assert_found_near (const Image  *im,
                   const RsQuad *truth,
                   double        max_err)
{
  RsLocateResult res;
  double iou, err;

  locate (im, ID1, &res);
  debug_save (im, &res);
  g_assert_true (res.found);
  iou = rs_quad_iou (&res.quad, truth);
  err = max_corner_error (&res.quad, truth);
  g_test_message ("IoU %.4f, worst corner error %.2f px, confidence %.2f", iou, err, res.confidence);
  g_assert_cmpfloat (iou, >=, 0.95);
  g_assert_cmpfloat (err, <=, max_err);
  g_assert_cmpfloat (res.confidence, >, 0.5);
  g_assert_false (res.cut_off);
  g_assert_cmpuint (res.cut_corners, ==, 0);
  /* the contract: clockwise from the corner nearest the top-left */
  {
    RsQuad n = res.quad;
    rs_quad_normalize (&n);
    for (int i = 0; i < 4; i++)
      {
        g_assert_cmpfloat (n.p[i].x, ==, res.quad.p[i].x);
        g_assert_cmpfloat (n.p[i].y, ==, res.quad.p[i].y);
      }
  }
}

/* ---- geometry helpers ---- */

static void
test_quad_area (void)
{
  RsQuad sq = { { { 0, 0 }, { 10, 0 }, { 10, 5 }, { 0, 5 } } };
  RsQuad rev = { { { 0, 5 }, { 10, 5 }, { 10, 0 }, { 0, 0 } } };

  g_assert_cmpfloat_with_epsilon (rs_quad_area (&sq), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_quad_area (&rev), 50, 1e-9);
}

static void
test_quad_normalize (void)
{
  /* a rotated card given in a scrambled order */
  RsQuad q = card_quad (200, 150, 160, 20);
  RsQuad scrambled = { { q.p[2], q.p[0], q.p[3], q.p[1] } };
  double best = G_MAXDOUBLE;
  int start = -1;

  rs_quad_normalize (&scrambled);
  /* starts at the corner nearest the image's top-left */
  for (int i = 0; i < 4; i++)
    {
      double d = hypot (q.p[i].x, q.p[i].y);
      if (d < best)
        {
          best = d;
          start = i;
        }
    }
  for (int i = 0; i < 4; i++)
    {
      /* q is clockwise on screen already, so the order must follow it */
      g_assert_cmpfloat_with_epsilon (scrambled.p[i].x, q.p[(start + i) % 4].x, 1e-9);
      g_assert_cmpfloat_with_epsilon (scrambled.p[i].y, q.p[(start + i) % 4].y, 1e-9);
    }
  /* clockwise on screen (y down): positive shoelace sum */
  {
    double s = 0;
    for (int i = 0; i < 4; i++)
      s += scrambled.p[i].x * scrambled.p[(i + 1) % 4].y - scrambled.p[(i + 1) % 4].x * scrambled.p[i].y;
    g_assert_cmpfloat (s, >, 0);
  }
}

static void
test_quad_iou (void)
{
  RsQuad a = { { { 0, 0 }, { 10, 0 }, { 10, 10 }, { 0, 10 } } };
  RsQuad a_ccw = { { { 0, 10 }, { 10, 10 }, { 10, 0 }, { 0, 0 } } };
  RsQuad half = { { { 5, 0 }, { 15, 0 }, { 15, 10 }, { 5, 10 } } };
  RsQuad far = { { { 20, 20 }, { 30, 20 }, { 30, 30 }, { 20, 30 } } };
  RsQuad inner = { { { 0, 0 }, { 5, 0 }, { 5, 10 }, { 0, 10 } } };
  RsQuad diamond = { { { 5, -5 }, { 15, 5 }, { 5, 15 }, { -5, 5 } } };

  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&a, &a), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&a, &a_ccw), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&a, &half), 50.0 / 150.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&a, &far), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&a, &inner), 0.5, 1e-9);
  /* the diamond (area 200) has the square's corners on its sides, so it
   * contains the square: IoU = 100 / 200 */
  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&a, &diamond), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (rs_quad_iou (&diamond, &a), 0.5, 1e-9);
}

/* ---- the localiser ---- */

static void
test_locate_axis_aligned (void)
{
  RsQuad truth = card_quad (330, 250, 380, 0);
  g_autoptr(Image) im = render (640, 480, 3, 0, &truth, TRUE, 1);

  assert_found_near (im, &truth, 3.0);
}

static void
test_locate_rotated (void)
{
  RsQuad truth = card_quad (310, 245, 360, 15);
  g_autoptr(Image) im = render (640, 480, 3, 0, &truth, TRUE, 2);

  assert_found_near (im, &truth, 3.0);
}

static void
test_locate_perspective (void)
{
  /* a card tilted 35° away from the camera: the far side is shorter and
   * the card looks squatter than 1.586 */
  RsQuad truth = card_quad_tilted (640, 480, 330, 240, 380, 4, 35, 700);
  g_autoptr(Image) im = render (640, 480, 3, 0, &truth, TRUE, 3);

  assert_found_near (im, &truth, 3.0);
}

static void
test_locate_portrait_rgba_padded (void)
{
  /* portrait frame, RGBA with padded rows, rotated the other way */
  RsQuad truth = card_quad (240, 330, 400, -8);
  g_autoptr(Image) im = render (480, 640, 4, 12, &truth, TRUE, 4);

  assert_found_near (im, &truth, 3.0);
}

static void
test_locate_gray (void)
{
  RsQuad truth = card_quad (320, 240, 400, 5);
  g_autoptr(Image) im = render (640, 480, 1, 3, &truth, TRUE, 5);

  assert_found_near (im, &truth, 3.0);
}

static void
test_locate_large_input (void)
{
  /* a photo-sized input: the localiser downsamples and refines back */
  RsQuad truth = card_quad (800, 620, 1050, -12);
  g_autoptr(Image) im = render (1600, 1200, 3, 0, &truth, TRUE, 6);

  assert_found_near (im, &truth, 5.0);
}

static void
test_locate_cut_off (void)
{
  /* the top-right corner is 40 px beyond the right edge */
  RsQuad truth = { { { 240, 120 }, { 680, 150 }, { 620, 410 }, { 200, 380 } } };
  g_autoptr(Image) im = render (640, 480, 3, 0, &truth, TRUE, 7);
  RsLocateResult res;
  RsQuad norm = truth;
  int expected = -1;

  locate (im, ID1, &res);
  debug_save (im, &res);
  g_assert_true (res.found);
  g_test_message ("IoU %.4f, worst corner error %.2f px, cut %d (0x%x)", rs_quad_iou (&res.quad, &truth),
                  max_corner_error (&res.quad, &truth), res.cut_off, res.cut_corners);
  g_assert_cmpfloat (rs_quad_iou (&res.quad, &truth), >=, 0.95);
  /* the extrapolated corners are where the truth has them */
  g_assert_cmpfloat (max_corner_error (&res.quad, &truth), <=, 6.0);
  g_assert_true (res.cut_off);
  rs_quad_normalize (&norm);
  for (int i = 0; i < 4; i++)
    if (norm.p[i].x > 640)
      expected = i;
  g_assert_cmpint (expected, >=, 0);
  g_assert_cmpuint (res.cut_corners, ==, 1u << expected);
  g_assert_cmpfloat (res.quad.p[expected].x, >, 640);
}

static void
test_locate_cut_off_side (void)
{
  /* the whole bottom side is below the frame: only the aspect ratio tells
   * where it is */
  RsQuad truth = card_quad (320, 375, 420, 3);
  g_autoptr(Image) im = render (640, 480, 3, 0, &truth, TRUE, 8);
  RsLocateResult res;

  locate (im, ID1, &res);
  debug_save (im, &res);
  g_assert_true (res.found);
  g_test_message ("IoU %.4f, cut 0x%x", rs_quad_iou (&res.quad, &truth), res.cut_corners);
  g_assert_true (res.cut_off);
  /* the two bottom corners, and only those */
  g_assert_cmpuint (res.cut_corners, ==, (1u << 2) | (1u << 3));
  g_assert_cmpfloat (rs_quad_iou (&res.quad, &truth), >=, 0.90);
}

static void
test_locate_no_document (void)
{
  RsQuad unused = { { { 0 } } };
  g_autoptr(Image) im = render (640, 480, 3, 0, &unused, FALSE, 9);
  RsLocateResult res;

  locate (im, ID1, &res);
  debug_save (im, &res);
  g_test_message ("found %d confidence %.2f", res.found, res.confidence);
  g_assert_true (!res.found || res.confidence < 0.5);
}

static void
test_locate_tiny_and_flat (void)
{
  guint8 flat[64 * 48 * 3];
  RsLocateResult res;

  memset (flat, 128, sizeof flat);
  rs_locate_document (flat, 64, 48, 64 * 3, 3, NULL, &res);
  g_assert_false (res.found);
  rs_locate_document (flat, 8, 8, 8 * 3, 3, NULL, &res);
  g_assert_false (res.found);
}

/* ---- a card on a printed sheet ---- */

typedef void (*BackgroundFunc) (double x, double y, int w, int h, double *rgb);

/* Like render(), on another background. */
static Image *
render_on (int             width,
           int             height,
           const RsQuad   *truth,
           BackgroundFunc  background,
           guint32         seed)
{
  Image *im = image_new (width, height, 3, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double h[9];

  homography_to_unit (truth, h);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double acc[3] = { 0, 0, 0 };

        for (int sy = 0; sy < 3; sy++)
          for (int sx = 0; sx < 3; sx++)
            {
              double px = x + (sx + 0.5) / 3, py = y + (sy + 0.5) / 3;
              double den = h[6] * px + h[7] * py + h[8];
              double s = (h[0] * px + h[1] * py + h[2]) / den;
              double t = (h[3] * px + h[4] * py + h[5]) / den;
              double rgb[3];

              if (!card_colour (s, t, rgb))
                background (px, py, width, height, rgb);
              for (int c = 0; c < 3; c++)
                acc[c] += rgb[c] / 9;
            }
        for (int c = 0; c < 3; c++)
          acc[c] += g_rand_double_range (rand, -6, 6);
        put (im, x, y, acc);
      }
  return im;
}

/* A printed sheet, larger than the frame on the left and at the bottom,
 * on a dark table; ruled blue lines and grey print on it. */
static void
printed_sheet (double  x,
               double  y,
               int     w,
               int     h,
               double *rgb)
{
  /* the sheet's top and right edges, turned by ~20° */
  double u = 0.94 * x + 0.34 * y, v = -0.34 * x + 0.94 * y;

  if (v < 0.02 * h || u > 0.95 * w)
    {
      rgb[0] = 60;
      rgb[1] = 52;
      rgb[2] = 48;
      return;
    }
  rgb[0] = 240;
  rgb[1] = 240;
  rgb[2] = 236;
  /* ruled lines and boxes, parallel to the sheet's edges */
  if (fmod (v, 120) < 3 || fmod (u, 150) < 3)
    {
      rgb[0] = 40;
      rgb[1] = 90;
      rgb[2] = 200;
    }
  /* a printed logo in some boxes */
  else if (fmod (u, 150) > 40 && fmod (u, 150) < 90 && fmod (v, 120) > 40 && fmod (v, 120) < 60 &&
           fmod (u * 0.37, 3) < 1.6)
    rgb[0] = rgb[1] = rgb[2] = 70;
}

static void
test_locate_card_on_sheet (void)
{
  /* the sheet's outline is longer and straighter than the card's and runs
   * out of the frame; the card lies fully inside it */
  RsQuad truth = card_quad (250, 300, 330, -3);
  g_autoptr(Image) im = render_on (640, 480, &truth, printed_sheet, 12);
  RsLocateResult res;

  locate (im, 0, &res);
  debug_save (im, &res);
  g_assert_true (res.found);
  g_test_message ("IoU %.4f, worst corner error %.2f px, cut %d, confidence %.2f", rs_quad_iou (&res.quad, &truth),
                  max_corner_error (&res.quad, &truth), res.cut_off, res.confidence);
  g_assert_false (res.cut_off);
  g_assert_cmpfloat (rs_quad_iou (&res.quad, &truth), >=, 0.95);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locate/quad/area", test_quad_area);
  g_test_add_func ("/locate/quad/normalize", test_quad_normalize);
  g_test_add_func ("/locate/quad/iou", test_quad_iou);
  g_test_add_func ("/locate/axis-aligned", test_locate_axis_aligned);
  g_test_add_func ("/locate/rotated-15", test_locate_rotated);
  g_test_add_func ("/locate/perspective", test_locate_perspective);
  g_test_add_func ("/locate/card-on-sheet", test_locate_card_on_sheet);
  g_test_add_func ("/locate/portrait-rgba-padded", test_locate_portrait_rgba_padded);
  g_test_add_func ("/locate/gray", test_locate_gray);
  g_test_add_func ("/locate/large-input", test_locate_large_input);
  g_test_add_func ("/locate/cut-off-corner", test_locate_cut_off);
  g_test_add_func ("/locate/cut-off-side", test_locate_cut_off_side);
  g_test_add_func ("/locate/no-document", test_locate_no_document);
  g_test_add_func ("/locate/tiny-and-flat", test_locate_tiny_and_flat);

  return g_test_run ();
}
