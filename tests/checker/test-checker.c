/* test-checker: the photo checks on made-up photos of a card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>

#include "rs-photo-check-private.h"
#include "rs-test-card.h"

#define W 1280
#define H 960

static RsProfile *
generic_profile (void)
{
  g_autoptr(GError) error = NULL;
  RsProfile *p = rs_profile_load_builtin ("generic", &error);
  g_assert_no_error (error);
  return p;
}

static RsCheckStatus
status_of (RsPhotoReport *r,
           const char    *id)
{
  const RsPhotoFinding *f = rs_photo_report_find_finding (r, id);

  if (f == NULL)
    g_error ("finding %s missing", id);
  return f->status;
}

static RsPhotoReport *
check (GdkPixbuf *pb,
       RsProfile *profile)
{
  RsImageInfo info = { (char *) "jpeg", NULL, gdk_pixbuf_get_width (pb),
                       gdk_pixbuf_get_height (pb), 1, 300000 };
  return rs_photo_check_pixbuf (pb, &info, profile, RS_SLOT_ID_FRONT);
}

static void
assert_outline (RsPhotoReport *r,
                const RsQuad  *truth,
                double         tolerance)
{
  RsQuad q;
  double d;

  g_assert_true (rs_photo_report_get_document_quad (r, &q));
  d = rs_test_quad_distance (&q, truth);
  g_test_message ("outline within %.1f px of the truth (tolerance %.1f)", d, tolerance);
  if (d > tolerance)
    g_error ("outline off by %.1f px (tolerance %.1f): found (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f), "
             "truth (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f) (%.0f,%.0f)", d, tolerance,
             q.p[0].x, q.p[0].y, q.p[1].x, q.p[1].y, q.p[2].x, q.p[2].y, q.p[3].x, q.p[3].y,
             truth->p[0].x, truth->p[0].y, truth->p[1].x, truth->p[1].y,
             truth->p[2].x, truth->p[2].y, truth->p[3].x, truth->p[3].y);
}

static void
test_clean (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 1);
  r = check (pb, profile);
  g_assert_true (rs_photo_report_get_document_found (r));
  assert_outline (r, &truth, 6);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_FOUND), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_CUTOFF), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_MARGIN), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_SIZE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_SKEW), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_SHARPNESS), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_EXPOSURE_DARK), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_EXPOSURE_BRIGHT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_GLARE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_COLOR_GRAYSCALE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FILE_FORMAT), ==, RS_CHECK_PASS);
  g_assert_cmpint (rs_photo_report_get_verdict (r), ==, RS_CHECK_PASS);
  g_assert_null (rs_photo_report_get_guidance_id (r));
  g_assert_cmpfloat_with_epsilon (rs_photo_report_find_finding (r, RS_CHECK_DOCUMENT_SKEW)->value, 3, 1.5);
}

static void
test_blur (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 2);
  rs_test_blur (pb, 3);
  r = check (pb, profile);
  /* a blurred edge is found less precisely */
  assert_outline (r, &truth, 16);
  /* defocus widens the print in every direction: a clear fail */
  g_assert_cmpint (status_of (r, RS_CHECK_SHARPNESS), ==, RS_CHECK_FAIL);
  g_assert_cmpint (status_of (r, RS_CHECK_EXPOSURE_DARK), ==, RS_CHECK_PASS);
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_SHARPNESS);
}

/* A shaken hand smears the print along one direction: 8 px is caught in
 * any direction, 6 px along the card's axes (along a diagonal it measures
 * 373 at 45°, over the warn line; 4 px mostly passes: the card is far
 * sharper than a photo). */
static void
test_motion_blur (gconstpointer data)
{
  double degrees = GPOINTER_TO_INT (data);
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) sharp = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 21);
  /* a phone's optics: the rendered card is sharper than any photo */
  rs_test_blur (pb, 1.0);
  sharp = check (pb, profile);
  g_assert_cmpint (status_of (sharp, RS_CHECK_SHARPNESS), ==, RS_CHECK_PASS);
  for (int length = 6; length <= 8; length += 2)
    {
      if (length < 8 && degrees != 0 && degrees != 90)
        continue;
      g_autoptr(GdkPixbuf) smeared = gdk_pixbuf_copy (pb);
      g_autoptr(RsPhotoReport) r = NULL;
      const RsMeasures *m;

      rs_test_motion_blur (smeared, length, degrees);
      r = check (smeared, profile);
      m = rs_photo_report_get_measures (r);
      g_test_message ("sharpness %.0f sharp, %.0f after %d px of motion blur at %.0f° (spread %.2f)",
                      rs_photo_report_get_measures (sharp)->sharpness, m->sharpness, length, degrees,
                      m->sharp_spread);
      g_assert_true (rs_photo_report_get_document_found (r));
      g_assert_cmpint (status_of (r, RS_CHECK_SHARPNESS), !=, RS_CHECK_PASS);
      g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_SHARPNESS);
      /* the smear is one-sided: the print is wider along it than across */
      g_assert_cmpfloat (m->sharp_spread, >, rs_photo_report_get_measures (sharp)->sharp_spread);
      g_assert_cmpfloat (m->sharpness, <, 0.25 * rs_photo_report_get_measures (sharp)->sharpness);
    }
}

/* Strong JPEG compression adds block edges, not detail: a sharp card saved
 * at quality 10 stays sharp and does not measure sharper; nor does one as
 * sharp as a phone's optics make it. */
static void
test_jpeg_blocks (gconstpointer data)
{
  double optics = GPOINTER_TO_INT (data) / 10.0;
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GdkPixbuf) q10 = NULL;
  g_autoptr(RsPhotoReport) r0 = NULL;
  g_autoptr(RsPhotoReport) r1 = NULL;
  double s0, s1;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 22);
  if (optics > 0)
    rs_test_blur (pb, optics);
  r0 = check (pb, profile);
  q10 = rs_test_reencode (pb, "10");
  r1 = check (q10, profile);
  s0 = rs_photo_report_get_measures (r0)->sharpness;
  s1 = rs_photo_report_get_measures (r1)->sharpness;
  g_test_message ("sharpness %.0f, %.0f after JPEG quality 10 (blur σ %.1f before)", s0, s1, optics);
  g_assert_cmpint (status_of (r0, RS_CHECK_SHARPNESS), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r1, RS_CHECK_SHARPNESS), ==, RS_CHECK_PASS);
  g_assert_cmpfloat (s1, <=, s0 * 1.02);
}

static void
test_dark (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 3);
  rs_test_scale_values (pb, 0.3);
  r = check (pb, profile);
  assert_outline (r, &truth, 8);
  g_assert_cmpint (status_of (r, RS_CHECK_EXPOSURE_DARK), ==, RS_CHECK_FAIL);
  g_assert_cmpint (status_of (r, RS_CHECK_SHARPNESS), ==, RS_CHECK_PASS);
  g_assert_cmpint (rs_photo_report_get_verdict (r), ==, RS_CHECK_FAIL);
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_EXPOSURE_DARK);
}

static void
test_glare (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  const RsImageRect *spots;
  guint n = 0;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 4);
  rs_test_add_glare (pb, &truth, 0.04);
  r = check (pb, profile);
  assert_outline (r, &truth, 8);
  g_assert_cmpint (status_of (r, RS_CHECK_GLARE), ==, RS_CHECK_FAIL);
  spots = rs_photo_report_get_glare_spots (r, &n);
  g_assert_cmpuint (n, >=, 1);
  /* the largest spot contains the blob's centre */
  g_assert_cmpint (spots[0].x, <, W / 2);
  g_assert_cmpint (spots[0].x + spots[0].width, >, W / 2);
  g_assert_cmpint (spots[0].y, <, H / 2);
  g_assert_cmpint (spots[0].y + spots[0].height, >, H / 2);
}

/* A blown-out streak along the card's long axis through its centre: @width
 * and @length as fractions of the card's short and long sides, fully white
 * across and fading out over half its half-width on each side (the line a
 * tube light or a window frame reflects on a laminated card). */
static void
add_streak (GdkPixbuf    *pb,
            const RsQuad *q,
            double        width,
            double        length)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  double lx = (q->p[1].x - q->p[0].x + q->p[2].x - q->p[3].x) / 2;
  double ly = (q->p[1].y - q->p[0].y + q->p[2].y - q->p[3].y) / 2;
  double sx = (q->p[3].x - q->p[0].x + q->p[2].x - q->p[1].x) / 2;
  double sy = (q->p[3].y - q->p[0].y + q->p[2].y - q->p[1].y) / 2;
  double cx = 0, cy = 0, len = hypot (lx, ly), half = width * hypot (sx, sy) / 2, fade = half / 2;

  for (int i = 0; i < 4; i++)
    {
      cx += q->p[i].x / 4;
      cy += q->p[i].y / 4;
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        /* distance to the segment along the long axis */
        double u = ((x - cx) * lx + (y - cy) * ly) / len;
        double v = fabs ((x - cx) * ly - (y - cy) * lx) / len;
        double over = MAX (0, fabs (u) - length * len / 2);
        double d = MAX (0, hypot (over, MAX (0, v - half)));
        double a = d <= 0 ? 1.0 : exp (-d * d / (2 * fade * fade));

        if (a < 0.002)
          continue;
        for (int c = 0; c < 3; c++)
          {
            guint8 *p = px + (gsize) y * rs + x * nc + c;
            *p = (guint8) (*p * (1 - a) + 255 * a + 0.5);
          }
      }
}

static RsPhotoReport *
check_live (GdkPixbuf *pb,
            RsProfile *profile)
{
  return rs_photo_check_frame (gdk_pixbuf_read_pixels (pb), gdk_pixbuf_get_width (pb),
                               gdk_pixbuf_get_height (pb), gdk_pixbuf_get_rowstride (pb),
                               gdk_pixbuf_get_n_channels (pb), profile, RS_SLOT_ID_FRONT, NULL);
}

/* Glare is judged by how much of the document it washes out: a small glint
 * and a thin specular streak leave the print around them readable and pass
 * (a streak 2.5 % of the card in area, which the check used to flag), a
 * highlight hiding a tenth of the card fails; in a photo and in a live
 * frame alike. */
static void
test_glare_size (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  enum { GLINT, STREAK, LARGE, N_CASES };
  const char *names[N_CASES] = { "glint 0.5 %", "streak 5 % by 50 %", "highlight 10 %" };
  const RsCheckStatus expected[N_CASES] = { RS_CHECK_PASS, RS_CHECK_PASS, RS_CHECK_FAIL };

  for (int k = 0; k < N_CASES; k++)
    for (int live = 0; live < 2; live++)
      {
        RsQuad truth;
        g_autoptr(GdkPixbuf) pb = NULL;
        g_autoptr(RsPhotoReport) r = NULL;
        const RsPhotoFinding *f;
        int fw = live ? 1280 : W, fh = live ? 720 : H;

        rs_test_card_quad (fw, fh, live ? 640 : 900, 3, &truth);
        pb = rs_test_render_card (fw, fh, &truth, 20 + k);
        if (k == GLINT)
          rs_test_add_glare (pb, &truth, 0.005);
        else if (k == STREAK)
          add_streak (pb, &truth, 0.05, 0.5);
        else
          rs_test_add_glare (pb, &truth, 0.10);
        r = live ? check_live (pb, profile) : check (pb, profile);
        assert_outline (r, &truth, live ? 10 : 8);
        f = rs_photo_report_find_finding (r, RS_CHECK_GLARE);
        g_assert_nonnull (f);
        g_test_message ("%s, %s: glare %s, washed-out fraction %.4f", names[k], live ? "live frame" : "photo",
                        rs_check_status_to_string (f->status), f->value);
        g_assert_cmpint (f->status, ==, expected[k]);
        if (k == LARGE)
          {
            guint n = 0;
            const RsImageRect *spots = rs_photo_report_get_glare_spots (r, &n);

            /* most of the highlight counts, and its spot is the first one */
            g_assert_cmpfloat (f->value, >, 0.08);
            g_assert_cmpuint (n, >=, 1);
            g_assert_cmpint (spots[0].x, <, fw / 2);
            g_assert_cmpint (spots[0].x + spots[0].width, >, fw / 2);
            g_assert_cmpint (spots[0].y, <, fh / 2);
            g_assert_cmpint (spots[0].y + spots[0].height, >, fh / 2);
          }
      }
}

static void
test_rotated (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 760, 25, &truth);
  pb = rs_test_render_card (W, H, &truth, 5);
  r = check (pb, profile);
  assert_outline (r, &truth, 8);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_SKEW), ==, RS_CHECK_WARN);
  g_assert_cmpfloat_with_epsilon (rs_photo_report_find_finding (r, RS_CHECK_DOCUMENT_SKEW)->value, 25, 1.5);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_CUTOFF), ==, RS_CHECK_PASS);
}

static void
test_cut_off (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth, q;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  /* push the card right so that its right corners leave the frame */
  for (int i = 0; i < 4; i++)
    truth.p[i].x += 200;
  pb = rs_test_render_card (W, H, &truth, 6);
  r = check (pb, profile);
  g_assert_true (rs_photo_report_get_document_quad (r, &q));
  /* the corners in the frame are where they should be */
  g_assert_cmpfloat (hypot (q.p[0].x - truth.p[0].x, q.p[0].y - truth.p[0].y), <, 10);
  g_assert_cmpfloat (hypot (q.p[3].x - truth.p[3].x, q.p[3].y - truth.p[3].y), <, 10);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_CUTOFF), ==, RS_CHECK_FAIL);
  g_assert_cmpuint (rs_photo_report_get_cut_corners (r) & ((1 << 1) | (1 << 2)), !=, 0);
  g_assert_cmpuint (rs_photo_report_get_cut_corners (r) & ((1 << 0) | (1 << 3)), ==, 0);
  g_assert_cmpint (rs_photo_report_get_verdict (r), ==, RS_CHECK_FAIL);
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_DOCUMENT_CUTOFF);
}

static void
test_grayscale (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 7);
  rs_test_grayscale (pb);
  r = check (pb, profile);
  assert_outline (r, &truth, 8);
  g_assert_cmpint (status_of (r, RS_CHECK_COLOR_GRAYSCALE), ==, RS_CHECK_FAIL);
}

/* A very dark photo has no colour to judge: only the exposure fails. */
static void
test_dark_not_gray (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 23);
  rs_test_scale_values (pb, 0.12);
  r = check (pb, profile);
  g_assert_cmpint (status_of (r, RS_CHECK_EXPOSURE_DARK), ==, RS_CHECK_FAIL);
  g_assert_cmpint (status_of (r, RS_CHECK_COLOR_GRAYSCALE), ==, RS_CHECK_PASS);
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_EXPOSURE_DARK);
}

/* A 240-pixel thumbnail: too few pixels to judge glare, which says so
 * instead of becoming the headline. */
static void
test_thumbnail_glare (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  const RsPhotoFinding *f;

  rs_test_card_quad (W, H, 900, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 24);
  /* a highlight over a tenth of the card, which fails in the full photo */
  rs_test_add_glare (pb, &truth, 0.10);
  thumb = gdk_pixbuf_scale_simple (pb, 240, 180, GDK_INTERP_BILINEAR);
  r = check (thumb, profile);
  g_assert_true (rs_photo_report_get_document_found (r));
  f = rs_photo_report_find_finding (r, RS_CHECK_GLARE);
  g_assert_nonnull (f);
  g_test_message ("glare %s %.4f: %s", rs_check_status_to_string (f->status), f->value, f->message);
  g_assert_cmpint (f->status, ==, RS_CHECK_PASS);
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), !=, RS_CHECK_GLARE);
}

static void
test_small (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 360, 3, &truth);
  pb = rs_test_render_card (W, H, &truth, 8);
  r = check (pb, profile);
  g_assert_true (rs_photo_report_get_document_found (r));
  assert_outline (r, &truth, 6);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_SIZE), ==, RS_CHECK_FAIL);
}

/* The checks alone, on a known outline (independent of the localiser). */
static void
test_known_quad (void)
{
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GdkPixbuf) blurred = NULL;
  RsCheckLimits limits;
  RsAnalyseInput in = { 0 };
  RsImageView view;

  rs_test_card_quad (W, H, 900, 0, &truth);
  pb = rs_test_render_card (W, H, &truth, 9);
  blurred = gdk_pixbuf_copy (pb);
  rs_test_blur (blurred, 3);
  rs_check_limits_init (&limits, NULL);
  in.kind = RS_SLOT_ID_FRONT;
  in.to_upright = 1;
  in.locate.found = TRUE;
  in.locate.confidence = 1;
  in.locate.quad = truth;
  for (int k = 0; k < 2; k++)
    {
      GdkPixbuf *p = k == 0 ? pb : blurred;
      g_autoptr(RsPhotoReport) r = rs_photo_report_new (RS_SLOT_ID_FRONT, NULL, NULL);

      view.pixels = gdk_pixbuf_read_pixels (p);
      view.width = W;
      view.height = H;
      view.stride = gdk_pixbuf_get_rowstride (p);
      view.channels = 3;
      rs_photo_analyse (&view, &in, &limits, r);
      rs_photo_report_finish (r);
      if (k == 0)
        g_assert_cmpint (status_of (r, RS_CHECK_SHARPNESS), ==, RS_CHECK_PASS);
      else
        g_assert_cmpint (status_of (r, RS_CHECK_SHARPNESS), !=, RS_CHECK_PASS);
      g_assert_cmpfloat (rs_photo_report_find_finding (r, RS_CHECK_DOCUMENT_SKEW)->value, <, 0.5);
      g_assert_cmpfloat_with_epsilon (rs_photo_report_get_measures (r)->doc_short_side, 900 / 1.586, 1);
    }
  rs_check_limits_clear (&limits);
}

static void
test_frame (void)
{
  g_autoptr(RsProfile) profile = generic_profile ();
  RsQuad truth, first;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GdkPixbuf) rgba = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  g_autoptr(RsPhotoReport) r2 = NULL;
  g_autoptr(RsPhotoReport) r3 = NULL;

  rs_test_card_quad (1280, 720, 640, 2, &truth);
  pb = rs_test_render_card (1280, 720, &truth, 10);
  r = rs_photo_check_frame (gdk_pixbuf_read_pixels (pb), 1280, 720, gdk_pixbuf_get_rowstride (pb), 3,
                            profile, RS_SLOT_ID_FRONT, NULL);
  assert_outline (r, &truth, 10);
  g_assert_true (rs_photo_report_get_document_quad (r, &first));
  g_assert_null (rs_photo_report_find_finding (r, RS_CHECK_FILE_SIZE));
  g_assert_nonnull (rs_photo_report_find_finding (r, RS_CHECK_SHARPNESS));
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_CUTOFF), ==, RS_CHECK_PASS);

  r2 = rs_photo_check_frame (gdk_pixbuf_read_pixels (pb), 1280, 720, gdk_pixbuf_get_rowstride (pb), 3,
                             profile, RS_SLOT_ID_FRONT, &first);
  g_assert_true (rs_photo_report_get_document_found (r2));

  {
    /* 8-bit grey with a padded stride: no colour check, the rest runs */
    int stride = 1280 + 16;
    g_autofree guint8 *gray = g_malloc0 ((gsize) stride * 720);
    const guint8 *src = gdk_pixbuf_read_pixels (pb);
    int rs = gdk_pixbuf_get_rowstride (pb);
    g_autoptr(RsPhotoReport) rg = NULL;

    for (int y = 0; y < 720; y++)
      for (int x = 0; x < 1280; x++)
        {
          const guint8 *p = src + (gsize) y * rs + x * 3;
          gray[(gsize) y * stride + x] = (guint8) ((p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8);
        }
    rg = rs_photo_check_frame (gray, 1280, 720, stride, 1, profile, RS_SLOT_ID_FRONT, NULL);
    assert_outline (rg, &truth, 10);
    g_assert_null (rs_photo_report_find_finding (rg, RS_CHECK_COLOR_GRAYSCALE));
    g_assert_cmpint (status_of (rg, RS_CHECK_EXPOSURE_DARK), ==, RS_CHECK_PASS);
  }

  rgba = gdk_pixbuf_add_alpha (pb, FALSE, 0, 0, 0);
  r3 = rs_photo_check_frame (gdk_pixbuf_read_pixels (rgba), 1280, 720, gdk_pixbuf_get_rowstride (rgba), 4,
                             NULL, RS_SLOT_ID_FRONT, NULL);
  g_assert_true (rs_photo_report_get_document_found (r3));
}

static void
test_selfie (void)
{
  RsQuad truth;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *doc;

  rs_test_card_quad (800, 1000, 500, 0, &truth);
  pb = rs_test_render_card (800, 1000, &truth, 11);
  r = rs_photo_check_pixbuf (pb, NULL, NULL, RS_SLOT_SELFIE);
  g_assert_false (rs_photo_report_get_document_found (r));
  g_assert_null (rs_photo_report_find_finding (r, RS_CHECK_DOCUMENT_FOUND));
  g_assert_nonnull (rs_photo_report_find_finding (r, RS_CHECK_EXPOSURE_DARK));
  g_assert_nonnull (rs_photo_report_find_finding (r, RS_CHECK_SHARPNESS));
  node = rs_photo_report_to_json (r, "selfie.jpg");
  doc = json_object_get_object_member (json_node_get_object (node), "document");
  g_assert_false (json_object_get_boolean_member (doc, "checked"));
}

static void
test_no_document (void)
{
  g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
  g_autoptr(RsPhotoReport) r = NULL;

  gdk_pixbuf_fill (pb, 0x808080ff);
  r = rs_photo_check_pixbuf (pb, NULL, NULL, RS_SLOT_ID_FRONT);
  g_assert_false (rs_photo_report_get_document_found (r));
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_FOUND), ==, RS_CHECK_FAIL);
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_DOCUMENT_FOUND);
}

/* duplicate: the same photo re-encoded and scaled, and a different one */
static void
test_duplicate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rs-dup-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.jpg", NULL);
  g_autofree char *b = g_build_filename (dir, "b.jpg", NULL);
  g_autofree char *c = g_build_filename (dir, "c.png", NULL);
  RsQuad q1, q2;
  g_autoptr(GdkPixbuf) p1 = NULL, p2 = NULL, small = NULL;
  RsPhotoReport *reports[3];
  g_autoptr(GError) error = NULL;

  rs_test_card_quad (1200, 900, 800, 4, &q1);
  rs_test_card_quad (1200, 900, 700, -8, &q2);
  p1 = rs_test_render_card (1200, 900, &q1, 12);
  p2 = rs_test_render_card (1200, 900, &q2, 13);
  small = gdk_pixbuf_scale_simple (p1, 600, 450, GDK_INTERP_BILINEAR);
  g_assert_true (gdk_pixbuf_save (p1, a, "jpeg", &error, "quality", "92", NULL));
  g_assert_true (gdk_pixbuf_save (small, b, "jpeg", &error, "quality", "60", NULL));
  g_assert_true (gdk_pixbuf_save (p2, c, "png", &error, NULL));
  reports[0] = rs_photo_check_file (a, NULL, RS_SLOT_ID_FRONT, NULL, &error);
  g_assert_no_error (error);
  reports[1] = rs_photo_check_file (b, NULL, RS_SLOT_ID_BACK, NULL, &error);
  g_assert_no_error (error);
  reports[2] = rs_photo_check_file (c, NULL, RS_SLOT_SELFIE, NULL, &error);
  g_assert_no_error (error);
  /* the pure comparison first: it changes nothing */
  g_assert_true (rs_photo_report_same_photo (reports[0], reports[1]));
  g_assert_false (rs_photo_report_same_photo (reports[0], reports[2]));
  g_assert_null (rs_photo_report_find_finding (reports[0], RS_CHECK_DUPLICATE));
  g_assert_cmpuint (rs_photo_set_check (reports, 3), ==, 1);
  g_assert_cmpint (status_of (reports[0], RS_CHECK_DUPLICATE), ==, RS_CHECK_FAIL);
  g_assert_cmpint (status_of (reports[1], RS_CHECK_DUPLICATE), ==, RS_CHECK_FAIL);
  g_assert_null (rs_photo_report_find_finding (reports[2], RS_CHECK_DUPLICATE));
  g_assert_cmpint (rs_photo_report_get_verdict (reports[0]), ==, RS_CHECK_FAIL);
  for (int i = 0; i < 3; i++)
    g_object_unref (reports[i]);
  g_unlink (a);
  g_unlink (b);
  g_unlink (c);
  g_rmdir (dir);
}

/* The file checks follow the profile's limits. */
static void
test_profile_limits (void)
{
  static const char *json =
    "{ \"id\": \"strict\", \"version\": 1, \"name\": { \"en\": \"Strict\", \"zh_CN\": \"严格\" },"
    "  \"documents\": [ { \"type\": \"cn-ric\", \"sides\": [\"front\", \"back\"] } ],"
    "  \"selfie\": { \"required\": false, \"with_document\": false },"
    "  \"formats\": [\"jpeg\"], \"max_bytes\": 20000, \"min_short_side\": 2000,"
    "  \"max_long_side\": 8000, \"color_required\": false, \"min_margin_percent\": 2,"
    "  \"max_skew_degrees\": 5, \"min_age\": 18, \"min_days_valid\": 30 }";
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (json, -1, "strict.json", &error);
  g_autofree char *dir = g_dir_make_tmp ("rs-limits-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "card.png", NULL);
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  RsQuad truth;

  g_assert_no_error (error);
  rs_test_card_quad (W, H, 900, 7, &truth);
  pb = rs_test_render_card (W, H, &truth, 15);
  rs_test_grayscale (pb);
  g_assert_true (gdk_pixbuf_save (pb, png, "png", &error, NULL));
  r = rs_photo_check_file (png, profile, RS_SLOT_ID_FRONT, NULL, &error);
  g_assert_no_error (error);
  /* PNG not accepted, but export writes JPEG: a warning */
  g_assert_cmpint (status_of (r, RS_CHECK_FILE_FORMAT), ==, RS_CHECK_WARN);
  /* too many bytes: export re-encodes, a warning */
  g_assert_cmpint (status_of (r, RS_CHECK_FILE_SIZE), ==, RS_CHECK_WARN);
  g_assert_cmpfloat (rs_photo_report_find_finding (r, RS_CHECK_FILE_SIZE)->threshold, ==, 20000);
  /* 960 < 2000 pixels: cannot be fixed */
  g_assert_cmpint (status_of (r, RS_CHECK_IMAGE_RESOLUTION), ==, RS_CHECK_FAIL);
  g_assert_cmpfloat (rs_photo_report_find_finding (r, RS_CHECK_IMAGE_RESOLUTION)->value, ==, 960);
  /* 7° rotation over this profile's 5° */
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_SKEW), ==, RS_CHECK_WARN);
  g_assert_cmpfloat (rs_photo_report_find_finding (r, RS_CHECK_DOCUMENT_SKEW)->threshold, ==, 5);
  /* grey, but this profile does not require colour */
  g_assert_cmpint (status_of (r, RS_CHECK_COLOR_GRAYSCALE), ==, RS_CHECK_PASS);
  g_unlink (png);
  g_rmdir (dir);
}

typedef struct {
  GMainLoop     *loop;
  RsPhotoReport *report;
  GError        *error;
} AsyncData;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *d = user_data;

  d->report = rs_photo_check_file_finish (result, &d->error);
  g_main_loop_quit (d->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rs-async-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.jpg", NULL);
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(RsProfile) profile = generic_profile ();
  AsyncData d = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  RsQuad q;

  rs_test_card_quad (1000, 800, 700, 0, &q);
  pb = rs_test_render_card (1000, 800, &q, 14);
  g_assert_true (gdk_pixbuf_save (pb, a, "jpeg", &error, NULL));

  rs_photo_check_file_async (a, profile, RS_SLOT_ID_FRONT, NULL, on_checked, &d);
  g_main_loop_run (d.loop);
  g_assert_no_error (d.error);
  g_assert_nonnull (d.report);
  g_assert_true (rs_photo_report_get_document_found (d.report));
  g_clear_object (&d.report);

  /* cancelled before it starts: G_IO_ERROR_CANCELLED, no report */
  g_cancellable_cancel (cancel);
  rs_photo_check_file_async (a, profile, RS_SLOT_ID_FRONT, cancel, on_checked, &d);
  g_main_loop_run (d.loop);
  g_assert_error (d.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (d.report);
  g_clear_error (&d.error);

  /* an unreadable file comes back as an error */
  rs_photo_check_file_async (dir, profile, RS_SLOT_ID_FRONT, NULL, on_checked, &d);
  g_main_loop_run (d.loop);
  g_assert_error (d.error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&d.error);

  g_main_loop_unref (d.loop);
  g_unlink (a);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checker/clean", test_clean);
  g_test_add_func ("/checker/blur", test_blur);
  g_test_add_data_func ("/checker/motion-blur/0", GINT_TO_POINTER (0), test_motion_blur);
  g_test_add_data_func ("/checker/motion-blur/45", GINT_TO_POINTER (45), test_motion_blur);
  g_test_add_data_func ("/checker/motion-blur/90", GINT_TO_POINTER (90), test_motion_blur);
  g_test_add_data_func ("/checker/motion-blur/135", GINT_TO_POINTER (135), test_motion_blur);
  g_test_add_data_func ("/checker/jpeg-blocks/rendered", GINT_TO_POINTER (0), test_jpeg_blocks);
  g_test_add_data_func ("/checker/jpeg-blocks/optics", GINT_TO_POINTER (10), test_jpeg_blocks);
  g_test_add_func ("/checker/dark", test_dark);
  g_test_add_func ("/checker/glare", test_glare);
  g_test_add_func ("/checker/glare-size", test_glare_size);
  g_test_add_func ("/checker/rotated", test_rotated);
  g_test_add_func ("/checker/cut-off", test_cut_off);
  g_test_add_func ("/checker/grayscale", test_grayscale);
  g_test_add_func ("/checker/small", test_small);
  g_test_add_func ("/checker/dark-not-gray", test_dark_not_gray);
  g_test_add_func ("/checker/thumbnail-glare", test_thumbnail_glare);
  g_test_add_func ("/checker/known-quad", test_known_quad);
  g_test_add_func ("/checker/frame", test_frame);
  g_test_add_func ("/checker/selfie", test_selfie);
  g_test_add_func ("/checker/no-document", test_no_document);
  g_test_add_func ("/checker/duplicate", test_duplicate);
  g_test_add_func ("/checker/async", test_async);
  g_test_add_func ("/checker/profile-limits", test_profile_limits);
  return g_test_run ();
}
