/* test-content: the content checks (faces, portrait, side, type, one
 * document, occlusion, same side twice) on photos drawn here, with a real
 * face from a photo Debian ships (rs-test-content.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "rs-content-private.h"
#include "rs-test-content.h"
#include "rs-test-fixtures.h"

#define W 1280
#define H 960

static GdkPixbuf *face_photo;

static GdkPixbuf *
face (void)
{
  if (face_photo == NULL)
    {
      g_autofree char *path = NULL;

      face_photo = rs_test_load_face_photo (&path);
      if (face_photo == NULL)
        g_error ("%s is missing: install python3-skimage (build-aux/dev does)", path);
    }
  return face_photo;
}

static RsCheckStatus
status_of (RsContentReport *r,
           const char      *id)
{
  const RsPhotoFinding *f = rs_content_report_find_finding (r, id);

  if (f == NULL)
    g_error ("finding %s missing", id);
  g_test_message ("%s: %s (value %.3f, threshold %.3f) %s", id, rs_check_status_to_string (f->status),
                  f->value, f->threshold, f->message);
  return f->status;
}

static gboolean
has_mark (RsContentReport *r,
          RsMarkKind       kind,
          RsQuad          *out)
{
  for (guint i = 0; i < rs_content_report_get_n_marks (r); i++)
    {
      const RsContentMark *m = rs_content_report_get_mark (r, i);
      if (m->kind == kind)
        {
          if (out != NULL)
            *out = m->outline;
          return TRUE;
        }
    }
  return FALSE;
}

/* A card photographed at @quad: front (the astronaut's portrait in the
 * photo box on the right, or on the left when @left) or back. */
static GdkPixbuf *
card_photo (RsTestScene   scene,
            const RsQuad *quad,
            gboolean      left,
            guint         seed)
{
  GdkPixbuf *pb = rs_test_scene_photo_at (scene, W, H, quad, seed);

  if (scene == RS_TEST_SCENE_CARD_FRONT)
    {
      g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());

      if (left)
        {
          /* cover the right-hand photo box with the card's colour first */
          g_autoptr(GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 4);

          gdk_pixbuf_fill (blank, 0xe4e9f1ff);
          rs_test_paste_in_quad (pb, quad, 0.62, 0.10, 0.94, 0.70, blank);
          rs_test_paste_in_quad (pb, quad, 0.05, 0.12, 0.33, 0.68, crop);
        }
      else
        rs_test_paste_in_quad (pb, quad, 0.64, 0.12, 0.92, 0.68, crop);
    }
  return pb;
}

static RsContentReport *
analyse (GdkPixbuf      *pb,
         const char     *kind,
         const char     *type,
         RsLocateResult *found)
{
  RsContentImage im;
  RsLocateResult loc = { 0 };
  RsLocateOptions lo = { 0, g_strcmp0 (kind, RS_SLOT_PASSPORT) == 0 ? 1.42 : 1.586 };
  RsContentReport *r;

  rs_test_content_image (pb, &im);
  if (g_strcmp0 (kind, RS_SLOT_SELFIE) != 0)
    {
      rs_locate_document (im.pixels, im.width, im.height, im.stride, im.channels, &lo, &loc);
      g_assert_true (loc.found);
    }
  if (found != NULL)
    *found = loc;
  r = rs_content_analyse (&im, kind, type, &loc, NULL, NULL);
  g_test_message ("analysed in %.1f ms (faces %.1f ms)", rs_content_report_get_ms (r),
                  rs_content_report_get_face_ms (r));
  return r;
}

static RsContentReport *
analyse_selfie (GdkPixbuf             *pb,
                const RsContentLimits *limits)
{
  RsContentImage im;

  rs_test_content_image (pb, &im);
  return rs_content_analyse (&im, RS_SLOT_SELFIE, NULL, NULL, limits, NULL);
}

/* ---- the detector ---- */

static void
test_detect_photo (void)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pb = face ();
  g_autoptr(GArray) faces = rs_face_detect (gdk_pixbuf_read_pixels (pb), gdk_pixbuf_get_width (pb),
                                            gdk_pixbuf_get_height (pb), gdk_pixbuf_get_rowstride (pb),
                                            gdk_pixbuf_get_n_channels (pb), NULL, &error);
  const RsFace *f;

  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 1);
  f = &g_array_index (faces, RsFace, 0);
  g_test_message ("face at %.0f,%.0f %.0f×%.0f (%d neighbours)", f->x, f->y, f->width, f->height,
                  f->neighbours);
  /* her face: between the hairline (y ≈ 60) and the chin (y ≈ 185), x 170–280 */
  g_assert_cmpfloat (f->x + f->width / 2, >, 200);
  g_assert_cmpfloat (f->x + f->width / 2, <, 250);
  g_assert_cmpfloat (f->y + f->height / 2, >, 95);
  g_assert_cmpfloat (f->y + f->height / 2, <, 150);
  g_assert_cmpint (rs_face_window_size (), >=, 20);
}

static void
test_detect_restricted (void)
{
  GdkPixbuf *pb = face ();
  RsFaceOptions too_big = { .min_size = 200 };
  RsFaceOptions elsewhere = { .region_x = 0, .region_y = 250, .region_width = 512, .region_height = 262 };
  g_autoptr(GArray) a = rs_face_detect (gdk_pixbuf_read_pixels (pb), 512, 512, gdk_pixbuf_get_rowstride (pb),
                                        3, &too_big, NULL);
  g_autoptr(GArray) b = rs_face_detect (gdk_pixbuf_read_pixels (pb), 512, 512, gdk_pixbuf_get_rowstride (pb),
                                        3, &elsewhere, NULL);

  /* the face is about 75 px: not found when asked for 200 px and up, nor
   * below it */
  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
}

static gpointer
detect_thread (gpointer data)
{
  GdkPixbuf *pb = data;
  guint found = 0;

  for (int i = 0; i < 8; i++)
    {
      g_autoptr(GArray) f = rs_face_detect (gdk_pixbuf_read_pixels (pb), 512, 512,
                                            gdk_pixbuf_get_rowstride (pb), 3, NULL, NULL);
      found += f->len;
    }
  return GUINT_TO_POINTER (found);
}

static void
test_detect_threads (void)
{
  GThread *t[3];

  for (int i = 0; i < 3; i++)
    t[i] = g_thread_new ("detect", detect_thread, face ());
  for (int i = 0; i < 3; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (t[i])), ==, 8);
}

/* ---- selfie ---- */

static void
test_selfie_good (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) pb = rs_test_selfie_from (crop, 720, 960, 0.6, 0.5, 0.45);
  g_autoptr(RsContentReport) r = analyse_selfie (pb, NULL);
  RsImageRect box;

  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_SIZE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_INSIDE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_QUALITY), ==, RS_CHECK_PASS);
  g_assert_null (rs_content_report_find_finding (r, RS_CHECK_SELFIE_DOCUMENT));
  g_assert_cmpuint (rs_content_report_get_n_faces (r), ==, 1);
  rs_content_report_get_face (r, 0, &box);
  /* the face's centre near the picture's centre line, in its upper half */
  g_assert_cmpint (abs (box.x + box.width / 2 - 360), <, 60);
  g_assert_cmpint (box.y + box.height / 2, <, 480);
  g_assert_true (has_mark (r, RS_MARK_FACE, NULL));
}

/* A profile's selfie.min_face_percent is the face.size limit: the same
 * good selfie fails for a profile that asks for a face filling 60 %. */
static void
test_selfie_profile_face_size (void)
{
  static const char data[] =
    "{ \"id\": \"face\", \"version\": 1, \"name\": { \"en\": \"Face\", \"zh_CN\": \"人脸\" },"
    "  \"documents\": [ { \"type\": \"passport\", \"sides\": [\"photo-page\"] } ],"
    "  \"selfie\": { \"required\": true, \"min_face_percent\": 60 } }";
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = rs_profile_new_from_data (data, -1, "face.json", &error);
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) pb = rs_test_selfie_from (crop, 720, 960, 0.6, 0.5, 0.45);
  g_autoptr(RsContentReport) r = NULL;
  RsContentLimits limits;

  g_assert_no_error (error);
  rs_content_limits_init (&limits, profile);
  g_assert_cmpfloat_with_epsilon (limits.min_face_share, 0.60, 1e-9);
  r = analyse_selfie (pb, &limits);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_SIZE), ==, RS_CHECK_FAIL);
}

static void
test_selfie_two_faces (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) one = rs_test_selfie_from (crop, 600, 960, 0.55, 0.5, 0.45);
  g_autoptr(GdkPixbuf) pb = rs_test_side_by_side (one, one, 40);
  g_autoptr(RsContentReport) r = analyse_selfie (pb, NULL);
  const RsPhotoFinding *f;

  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_FAIL);
  f = rs_content_report_find_finding (r, RS_CHECK_FACE_COUNT);
  g_assert_cmpfloat (f->value, ==, 2);
  g_assert_nonnull (strstr (f->message, "more than one face"));
}

static void
test_selfie_no_face (void)
{
  /* the back of a card on a desk: print, an emblem, no face */
  RsQuad q;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsContentReport) r = NULL;

  rs_test_scene_quad (W, H, 5, 0, 0, &q);
  pb = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_BACK, W, H, &q, 3);
  r = analyse_selfie (pb, NULL);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_FAIL);
  g_assert_null (rs_content_report_find_finding (r, RS_CHECK_FACE_SIZE));
}

static void
test_selfie_small_face (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) pb = rs_test_selfie_from (crop, 720, 960, 0.22, 0.5, 0.45);
  g_autoptr(RsContentReport) r = analyse_selfie (pb, NULL);
  RsContentLimits lax;

  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_SIZE), ==, RS_CHECK_FAIL);

  /* the same face passes with a profile that asks for less */
  rs_content_limits_init (&lax, NULL);
  lax.min_face_share = 0.05;
  g_clear_object (&r);
  r = analyse_selfie (pb, &lax);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_SIZE), ==, RS_CHECK_PASS);
}

static void
test_selfie_cut_off (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  /* the forehead above the frame, eyes to chin still in it */
  g_autoptr(GdkPixbuf) pb = rs_test_selfie_from (crop, 720, 960, 0.9, 0.5, 0.25);
  g_autoptr(RsContentReport) r = analyse_selfie (pb, NULL);

  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_INSIDE), ==, RS_CHECK_FAIL);
}

static void
test_selfie_dark_and_blurred (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) dark = rs_test_selfie_from (crop, 720, 960, 0.6, 0.5, 0.45);
  g_autoptr(GdkPixbuf) blur = gdk_pixbuf_copy (dark);
  g_autoptr(RsContentReport) r = NULL;

  rs_test_scale_values (dark, 0.25);
  r = analyse_selfie (dark, NULL);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_QUALITY), ==, RS_CHECK_FAIL);
  g_assert_nonnull (strstr (rs_content_report_find_finding (r, RS_CHECK_FACE_QUALITY)->message, "dark"));

  rs_test_blur (blur, 4);
  g_clear_object (&r);
  r = analyse_selfie (blur, NULL);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_QUALITY), ==, RS_CHECK_FAIL);
  g_assert_nonnull (strstr (rs_content_report_find_finding (r, RS_CHECK_FACE_QUALITY)->message, "blurred"));
}

static void
test_selfie_with_document (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) pb = rs_test_selfie_from (crop, 1280, 960, 0.55, 0.28, 0.45);
  /* her photo as it is: no pasted rectangle the localiser could take for a card */
  g_autoptr(GdkPixbuf) alone = gdk_pixbuf_scale_simple (face (), 960, 960, GDK_INTERP_BILINEAR);
  g_autoptr(RsContentReport) r = NULL;
  RsContentLimits limits;
  RsQuad q = { { { 720, 300 }, { 1200, 300 }, { 1200, 603 }, { 720, 603 } } };
  g_autoptr(GdkPixbuf) card = NULL;

  rs_content_limits_init (&limits, NULL);
  limits.selfie_with_document = TRUE;
  /* the card held beside the face: draw it on its own photo, copy it over */
  card = card_photo (RS_TEST_SCENE_CARD_FRONT, &q, FALSE, 5);
  gdk_pixbuf_copy_area (card, 680, 260, 560, 383, pb, 680, 260);

  r = analyse_selfie (pb, &limits);
  /* the card's portrait is not a second person */
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_SELFIE_DOCUMENT), ==, RS_CHECK_PASS);
  g_assert_true (has_mark (r, RS_MARK_DOCUMENT, NULL));

  g_clear_object (&r);
  r = analyse_selfie (alone, &limits);
  g_assert_cmpint (status_of (r, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (r, RS_CHECK_SELFIE_DOCUMENT), ==, RS_CHECK_FAIL);
}

/* ---- documents ---- */

static void
test_front_and_back (void)
{
  RsQuad q;
  g_autoptr(GdkPixbuf) front = NULL, back = NULL;
  g_autoptr(RsContentReport) f_in_front = NULL, f_in_back = NULL, b_in_front = NULL, b_in_back = NULL;
  RsQuad mark;

  rs_test_scene_quad (W, H, 8, 0.1, 0, &q);
  front = card_photo (RS_TEST_SCENE_CARD_FRONT, &q, FALSE, 11);
  back = card_photo (RS_TEST_SCENE_CARD_BACK, &q, FALSE, 11);

  f_in_front = analyse (front, RS_SLOT_ID_FRONT, RS_DOC_CN_RIC, NULL);
  g_assert_cmpint (status_of (f_in_front, RS_CHECK_DOCUMENT_PORTRAIT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (f_in_front, RS_CHECK_DOCUMENT_SIDE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (f_in_front, RS_CHECK_DOCUMENT_TYPE), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (f_in_front, RS_CHECK_DOCUMENT_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (f_in_front, RS_CHECK_DOCUMENT_OCCLUDED), ==, RS_CHECK_PASS);
  g_assert_cmpint (rs_content_report_get_side (f_in_front), ==, RS_SIDE_GUESS_FRONT);
  /* the portrait mark lies over the photo box on the card's right */
  g_assert_true (has_mark (f_in_front, RS_MARK_PORTRAIT, &mark));
  {
    double cx = 0, qx0 = G_MAXDOUBLE, qx1 = -G_MAXDOUBLE;
    for (int k = 0; k < 4; k++)
      {
        cx += mark.p[k].x / 4;
        qx0 = MIN (qx0, q.p[k].x);
        qx1 = MAX (qx1, q.p[k].x);
      }
    g_assert_cmpfloat (cx, >, qx0 + 0.55 * (qx1 - qx0));
  }

  f_in_back = analyse (front, RS_SLOT_ID_BACK, RS_DOC_CN_RIC, NULL);
  g_assert_cmpint (status_of (f_in_back, RS_CHECK_DOCUMENT_SIDE), ==, RS_CHECK_FAIL);
  g_assert_null (rs_content_report_find_finding (f_in_back, RS_CHECK_DOCUMENT_PORTRAIT));

  b_in_front = analyse (back, RS_SLOT_ID_FRONT, RS_DOC_CN_RIC, NULL);
  g_assert_cmpint (status_of (b_in_front, RS_CHECK_DOCUMENT_SIDE), ==, RS_CHECK_FAIL);
  g_assert_cmpstr (rs_content_report_find_finding (b_in_front, RS_CHECK_DOCUMENT_SIDE)->message, ==,
                   "This looks like the back of the card; put it in the back slot.");
  g_assert_cmpint (status_of (b_in_front, RS_CHECK_DOCUMENT_PORTRAIT), ==, RS_CHECK_FAIL);
  g_assert_cmpint (rs_content_report_get_side (b_in_front), ==, RS_SIDE_GUESS_BACK);

  b_in_back = analyse (back, RS_SLOT_ID_BACK, RS_DOC_CN_RIC, NULL);
  g_assert_cmpint (status_of (b_in_back, RS_CHECK_DOCUMENT_SIDE), ==, RS_CHECK_PASS);

  /* the two photos in each other's slots: swapping fixes both */
  g_assert_true (rs_content_should_swap (b_in_front, f_in_back));
  g_assert_false (rs_content_should_swap (f_in_front, b_in_back));
}

static void
test_upside_down (void)
{
  RsQuad q, turned;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsContentReport) r = NULL;
  gboolean known = FALSE;

  rs_test_scene_quad (W, H, 0, 0, 0, &q);
  /* the card's own top-left at the photo's bottom-right */
  for (int k = 0; k < 4; k++)
    turned.p[k] = q.p[(k + 2) % 4];
  pb = card_photo (RS_TEST_SCENE_CARD_FRONT, &turned, FALSE, 12);
  r = analyse (pb, RS_SLOT_ID_FRONT, NULL, NULL);
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_PORTRAIT), ==, RS_CHECK_PASS);
  g_assert_true (rs_content_report_get_upside_down (r, &known));
  g_assert_true (known);
}

static void
test_type (void)
{
  RsQuad q;
  g_autoptr(GdkPixbuf) left = NULL, right = NULL;
  g_autoptr(RsContentReport) a = NULL, b = NULL, c = NULL, d = NULL;
  RsContentText td3 = { TRUE, '3', "P" };
  RsContentImage im;
  RsLocateResult loc;

  rs_test_scene_quad (W, H, -4, 0, 0, &q);
  left = card_photo (RS_TEST_SCENE_CARD_FRONT, &q, TRUE, 21);
  right = card_photo (RS_TEST_SCENE_CARD_FRONT, &q, FALSE, 21);

  /* a Mainland ID card has its photo on the right */
  a = analyse (left, RS_SLOT_ID_FRONT, RS_DOC_CN_RIC, NULL);
  g_assert_cmpint (status_of (a, RS_CHECK_DOCUMENT_PORTRAIT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (a, RS_CHECK_DOCUMENT_TYPE), ==, RS_CHECK_WARN);
  /* for a type whose layout is not known, the place says nothing */
  b = analyse (left, RS_SLOT_ID_FRONT, RS_DOC_HK_HKID, NULL);
  g_assert_cmpint (status_of (b, RS_CHECK_DOCUMENT_TYPE), ==, RS_CHECK_PASS);
  /* an ID-1 card in the passport slot */
  c = analyse (right, RS_SLOT_PASSPORT, RS_DOC_PASSPORT, NULL);
  g_assert_cmpint (status_of (c, RS_CHECK_DOCUMENT_TYPE), ==, RS_CHECK_WARN);
  g_assert_nonnull (strstr (rs_content_report_find_finding (c, RS_CHECK_DOCUMENT_TYPE)->message, "ID card"));
  /* a passport MRZ read on a card slot */
  rs_test_content_image (right, &im);
  rs_locate_document (im.pixels, im.width, im.height, im.stride, im.channels, NULL, &loc);
  d = rs_content_analyse (&im, RS_SLOT_ID_FRONT, RS_DOC_CN_RIC, &loc, NULL, &td3);
  g_assert_cmpint (status_of (d, RS_CHECK_DOCUMENT_TYPE), ==, RS_CHECK_WARN);
  g_assert_nonnull (strstr (rs_content_report_find_finding (d, RS_CHECK_DOCUMENT_TYPE)->message, "passport"));
}

/* An ID-1 card 480 px long centred at (@cx, @cy), turned by @deg. */
static void
card_quad_at (double  cx,
              double  cy,
              double  deg,
              RsQuad *q)
{
  const double hw = 240, hh = 240 / 1.586, a = deg * G_PI / 180;
  const double base[4][2] = { { -hw, -hh }, { hw, -hh }, { hw, hh }, { -hw, hh } };

  for (int k = 0; k < 4; k++)
    {
      q->p[k].x = cx + base[k][0] * cos (a) - base[k][1] * sin (a);
      q->p[k].y = cy + base[k][0] * sin (a) + base[k][1] * cos (a);
    }
}

static void
test_two_documents (void)
{
  RsQuad qa, qb, mark;
  g_autoptr(GdkPixbuf) both = NULL, b = NULL;
  g_autoptr(RsContentReport) r = NULL;
  guint8 *dst;
  const guint8 *src;
  int st;

  /* two cards on one desk, not lined up: two cards edge to edge can be
   * outlined as one document (docs/content.md, limits) */
  card_quad_at (430, 480, 8, &qa);
  card_quad_at (1150, 560, -14, &qb);
  both = card_photo (RS_TEST_SCENE_CARD_FRONT, &qa, FALSE, 31);
  b = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_BACK, W, H, &qb, 32);
  /* card_photo draws at W × H = 1280 × 960; the second card is copied in */
  dst = gdk_pixbuf_get_pixels (both);
  src = gdk_pixbuf_read_pixels (b);
  st = gdk_pixbuf_get_rowstride (both);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (rs_quad_contains (&qb, x + 0.5, y + 0.5))
        memcpy (dst + (gsize) y * st + x * 3, src + (gsize) y * st + x * 3, 3);
  r = analyse (both, RS_SLOT_ID_FRONT, NULL, NULL);
  {
    const RsOtherDocument *o = &rs_content_report_get_measures (r)->other;
    g_test_message ("other: found %d, %.2f × area, confidence %.2f, aspect %.3f, support %.2f",
                    o->found, o->area_ratio, o->confidence, o->aspect, o->support);
  }
  g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_COUNT), ==, RS_CHECK_FAIL);
  g_assert_cmpstr (rs_content_report_find_finding (r, RS_CHECK_DOCUMENT_COUNT)->message, ==,
                   "Only one document in the photo, please. Take the other one out of the picture.");
  /* the mark is the other card */
  g_assert_true (has_mark (r, RS_MARK_DOCUMENT, &mark));
  g_assert_cmpfloat (MAX (rs_quad_iou (&mark, &qa), rs_quad_iou (&mark, &qb)), >, 0.8);
}

/* The localiser's outline is larger than the card in it (a tray or a book
 * around it): a second card beside it is only 0.35 × that outline, but of
 * the card's size, so there are two documents; without the second card
 * there is one. */
static void
test_two_documents_large_first (void)
{
  RsQuad qa, qb, mark;
  g_autoptr(GdkPixbuf) one = NULL, both = NULL, b = NULL;
  g_autoptr(RsContentReport) r1 = NULL, r2 = NULL;
  RsLocateResult loc = { TRUE, 1.0, { { { 40, 120 }, { 620, 120 }, { 620, 840 }, { 40, 840 } } }, FALSE, 0 };
  RsContentImage im;
  guint8 *dst;
  const guint8 *src;
  int st;

  card_quad_at (330, 480, 3, &qa);
  card_quad_at (980, 520, -6, &qb);
  one = card_photo (RS_TEST_SCENE_CARD_FRONT, &qa, FALSE, 35);
  both = gdk_pixbuf_copy (one);
  b = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_BACK, W, H, &qb, 36);
  dst = gdk_pixbuf_get_pixels (both);
  src = gdk_pixbuf_read_pixels (b);
  st = gdk_pixbuf_get_rowstride (both);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (rs_quad_contains (&qb, x + 0.5, y + 0.5))
        memcpy (dst + (gsize) y * st + x * 3, src + (gsize) y * st + x * 3, 3);

  rs_test_content_image (one, &im);
  r1 = rs_content_analyse (&im, RS_SLOT_ID_FRONT, NULL, &loc, NULL, NULL);
  g_assert_cmpint (status_of (r1, RS_CHECK_DOCUMENT_COUNT), ==, RS_CHECK_PASS);

  rs_test_content_image (both, &im);
  r2 = rs_content_analyse (&im, RS_SLOT_ID_FRONT, NULL, &loc, NULL, NULL);
  {
    const RsOtherDocument *o = &rs_content_report_get_measures (r2)->other;
    g_test_message ("other: found %d, %.2f × area, confidence %.2f, aspect %.3f, support %.2f",
                    o->found, o->area_ratio, o->confidence, o->aspect, o->support);
  }
  g_assert_cmpint (status_of (r2, RS_CHECK_DOCUMENT_COUNT), ==, RS_CHECK_FAIL);
  g_assert_true (has_mark (r2, RS_MARK_DOCUMENT, &mark));
  g_assert_cmpfloat (rs_quad_iou (&mark, &qb), >, 0.8);
}

static void
test_thumb (void)
{
  RsQuad q, mark;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsContentReport) clean = NULL, r = NULL;

  rs_test_scene_quad (W, H, 6, 0, 0, &q);
  pb = card_photo (RS_TEST_SCENE_CARD_FRONT, &q, FALSE, 41);
  clean = analyse (pb, RS_SLOT_ID_FRONT, NULL, NULL);
  g_assert_cmpint (status_of (clean, RS_CHECK_DOCUMENT_OCCLUDED), ==, RS_CHECK_PASS);

  for (int tone = 0; tone < 6; tone += 5)
    {
      g_autoptr(GdkPixbuf) th = gdk_pixbuf_copy (pb);
      double dmin = G_MAXDOUBLE;

      rs_test_draw_thumb (th, &q, 3, tone, 0.04, 7);
      g_clear_object (&r);
      r = analyse (th, RS_SLOT_ID_FRONT, NULL, NULL);
      g_assert_cmpint (status_of (r, RS_CHECK_DOCUMENT_OCCLUDED), ==, RS_CHECK_FAIL);
      /* the covered part is marked at the bottom-left corner */
      g_assert_true (has_mark (r, RS_MARK_OCCLUSION, &mark));
      for (int k = 0; k < 4; k++)
        dmin = MIN (dmin, hypot (mark.p[k].x - q.p[3].x, mark.p[k].y - q.p[3].y));
      g_assert_cmpfloat (dmin, <, 0.15 * hypot (q.p[1].x - q.p[0].x, q.p[1].y - q.p[0].y));
    }
}

static void
test_same_document (void)
{
  RsQuad q1, q2;
  g_autoptr(GdkPixbuf) a = NULL, b = NULL, back = NULL;
  g_autoptr(RsContentReport) ra = NULL, rb = NULL, rback = NULL;
  double score;

  rs_test_scene_quad (W, H, 4, 0, -0.05, &q1);
  rs_test_scene_quad (W, H, -10, 0.15, 0.08, &q2);
  a = card_photo (RS_TEST_SCENE_CARD_FRONT, &q1, FALSE, 51);
  b = card_photo (RS_TEST_SCENE_CARD_FRONT, &q2, FALSE, 51);
  rs_test_scale_values (b, 0.8);
  back = card_photo (RS_TEST_SCENE_CARD_BACK, &q2, FALSE, 51);
  ra = analyse (a, RS_SLOT_ID_FRONT, NULL, NULL);
  rb = analyse (b, RS_SLOT_ID_BACK, NULL, NULL);
  rback = analyse (back, RS_SLOT_ID_BACK, NULL, NULL);

  g_assert_true (rs_content_same_document (ra, rb, &score));
  g_test_message ("same side, different shots: %.3f", score);
  g_assert_false (rs_content_same_document (ra, rback, &score));
  g_test_message ("front and back: %.3f", score);
  g_assert_true (rs_content_check_pair (ra, "Front", rb, "Back"));
  g_assert_cmpint (status_of (rb, RS_CHECK_DOCUMENT_SAME), ==, RS_CHECK_FAIL);
  g_assert_nonnull (strstr (rs_content_report_find_finding (rb, RS_CHECK_DOCUMENT_SAME)->message, "Front"));
}

static void
test_json (void)
{
  RsQuad q;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(RsContentReport) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *findings, *marks;
  gboolean seen_side = FALSE;

  rs_test_scene_quad (W, H, 3, 0, 0, &q);
  pb = card_photo (RS_TEST_SCENE_CARD_FRONT, &q, FALSE, 61);
  r = analyse (pb, RS_SLOT_ID_BACK, NULL, NULL);
  node = rs_content_report_to_json (r);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "side"), ==, "front");
  findings = json_object_get_array_member (o, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      g_assert_true (json_object_has_member (f, "value"));
      g_assert_true (json_object_has_member (f, "threshold"));
      g_assert_nonnull (json_object_get_string_member (f, "message"));
      if (g_str_equal (json_object_get_string_member (f, "id"), RS_CHECK_DOCUMENT_SIDE))
        {
          g_assert_cmpstr (json_object_get_string_member (f, "status"), ==, "fail");
          seen_side = TRUE;
        }
    }
  g_assert_true (seen_side);
  marks = json_object_get_array_member (o, "marks");
  g_assert_cmpuint (json_array_get_length (marks), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (marks, 0), "kind"), ==,
                   "portrait");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (marks, 0),
                                                                          "outline")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "faces")), ==, 1);
}

/* ---- live frames ---- */

static void
test_live (void)
{
  g_autoptr(GdkPixbuf) crop = rs_test_face_crop (face ());
  g_autoptr(GdkPixbuf) selfie = rs_test_selfie_from (crop, 1280, 720, 0.7, 0.5, 0.45);
  g_autoptr(GdkPixbuf) wall = rs_test_selfie_from (crop, 1280, 720, 0.7, -2, 0.45);
  g_autoptr(RsContentReport) a = NULL, b = NULL, c = NULL;
  RsContentImage im;
  RsLocateResult loc;
  RsLocateOptions lo = { 320, 1.586 };
  RsQuad qa, qb;
  g_autoptr(GdkPixbuf) ca = NULL, cb = NULL, both = NULL;

  rs_test_content_image (selfie, &im);
  a = rs_content_analyse_frame (&im, RS_SLOT_SELFIE, NULL, NULL);
  g_assert_cmpint (status_of (a, RS_CHECK_FACE_COUNT), ==, RS_CHECK_PASS);
  g_assert_cmpint (status_of (a, RS_CHECK_FACE_SIZE), ==, RS_CHECK_PASS);
  g_assert_null (rs_content_report_find_finding (a, RS_CHECK_FACE_QUALITY));
  rs_test_content_image (wall, &im);
  b = rs_content_analyse_frame (&im, RS_SLOT_SELFIE, NULL, NULL);
  g_assert_cmpint (status_of (b, RS_CHECK_FACE_COUNT), ==, RS_CHECK_FAIL);
  /* live frames are shrunk by whole 3 × 3 blocks (faces from 0.1875 of the
   * height): faces from just above that floor up are found, of the size the
   * full check measures */
  for (double share = 0.70; share < 1.3; share += 0.05)
    {
      g_autoptr(GdkPixbuf) sm = rs_test_selfie_from (crop, 1280, 720, share, 0.4, 0.5);
      g_autoptr(RsContentReport) r = NULL, full = NULL;
      double live_share, full_share;

      rs_test_content_image (sm, &im);
      r = rs_content_analyse_frame (&im, RS_SLOT_SELFIE, NULL, NULL);
      full = rs_content_analyse (&im, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
      live_share = rs_content_report_get_measures (r)->face_share;
      full_share = rs_content_report_get_measures (full)->face_share;
      g_test_message ("live, crop %.2f of the height: %d faces, face share %.3f (full check %.3f)",
                      share, rs_content_report_get_n_faces (r), live_share, full_share);
      g_assert_cmpint (rs_content_report_get_n_faces (r), ==, 1);
      g_assert_cmpfloat (fabs (live_share - full_share), <, 0.15 * full_share);
    }

  rs_test_scene_quad (640, 720, 85, 0, 0, &qa);
  rs_test_scene_quad (640, 720, 92, 0, 0, &qb);
  ca = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_FRONT, 640, 720, &qa, 71);
  cb = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_BACK, 640, 720, &qb, 72);
  both = rs_test_side_by_side (ca, cb, 0);
  rs_test_content_image (both, &im);
  rs_locate_document (im.pixels, im.width, im.height, im.stride, im.channels, &lo, &loc);
  g_assert_true (loc.found);
  c = rs_content_analyse_frame (&im, RS_SLOT_ID_FRONT, &loc, NULL);
  g_assert_cmpint (status_of (c, RS_CHECK_DOCUMENT_COUNT), ==, RS_CHECK_FAIL);
  g_assert_null (rs_content_report_find_finding (c, RS_CHECK_DOCUMENT_SIDE));
}

static void
test_true_aspect (void)
{
  /* a 1.586 card seen in perspective: the side ratio is off, the estimate
   * is not */
  RsQuad q = { { { 300, 300 }, { 980, 320 }, { 1030, 760 }, { 250, 740 } } };
  RsQuad flat = { { { 200, 200 }, { 200 + 634.4, 200 }, { 200 + 634.4, 600 }, { 200, 600 } } };
  double a = rs_quad_true_aspect (&q, W, H);

  g_test_message ("estimated aspect %.3f", a);
  g_assert_cmpfloat (fabs (rs_quad_true_aspect (&flat, W, H) - 1.586), <, 0.005);
  g_assert_cmpfloat (a, >, 1.0);
  g_assert_cmpfloat (a, <, 3.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/face/detect/photo", test_detect_photo);
  g_test_add_func ("/face/detect/restricted", test_detect_restricted);
  g_test_add_func ("/face/detect/threads", test_detect_threads);
  g_test_add_func ("/content/selfie/good", test_selfie_good);
  g_test_add_func ("/content/selfie/two-faces", test_selfie_two_faces);
  g_test_add_func ("/content/selfie/profile-face-size", test_selfie_profile_face_size);
  g_test_add_func ("/content/selfie/no-face", test_selfie_no_face);
  g_test_add_func ("/content/selfie/small-face", test_selfie_small_face);
  g_test_add_func ("/content/selfie/cut-off", test_selfie_cut_off);
  g_test_add_func ("/content/selfie/dark-and-blurred", test_selfie_dark_and_blurred);
  g_test_add_func ("/content/selfie/with-document", test_selfie_with_document);
  g_test_add_func ("/content/document/front-and-back", test_front_and_back);
  g_test_add_func ("/content/document/upside-down", test_upside_down);
  g_test_add_func ("/content/document/type", test_type);
  g_test_add_func ("/content/document/two", test_two_documents);
  g_test_add_func ("/content/document/two-large-first", test_two_documents_large_first);
  g_test_add_func ("/content/document/thumb", test_thumb);
  g_test_add_func ("/content/document/same", test_same_document);
  g_test_add_func ("/content/json", test_json);
  g_test_add_func ("/content/live", test_live);
  g_test_add_func ("/content/true-aspect", test_true_aspect);
  return g_test_run ();
}
