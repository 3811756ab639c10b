/* test-recapture: document.recapture on made-up photos of a card, shown
 * on a screen and re-photographed in software (rs-test-screen.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photo-check-private.h"
#include "rs-recapture.h"
#include "rs-test-card.h"
#include "rs-test-screen.h"

#define W 1280
#define H 960

static RsPhotoReport *
check (GdkPixbuf *pb)
{
  RsImageInfo info = { (char *) "jpeg", NULL, gdk_pixbuf_get_width (pb),
                       gdk_pixbuf_get_height (pb), 1, 300000 };

  return rs_photo_check_pixbuf (pb, &info, NULL, RS_SLOT_ID_FRONT);
}

static const RsPhotoFinding *
recapture_of (RsPhotoReport *r)
{
  const RsPhotoFinding *f = rs_photo_report_find_finding (r, RS_CHECK_DOCUMENT_RECAPTURE);

  g_assert_nonnull (f);
  g_test_message ("document.recapture %s, value %.1f (threshold %.0f)",
                  rs_check_status_to_string (f->status), f->value, f->threshold);
  return f;
}

/* the card itself, and the card after strong JPEG compression (its 8 px
 * block grid is periodic too): not a screen */
static void
test_card (gconstpointer data)
{
  const char *quality = data;
  RsQuad q;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GdkPixbuf) j = NULL;
  g_autoptr(RsPhotoReport) r = NULL;

  rs_test_card_quad (W, H, 900, 3, &q);
  pb = rs_test_render_card (W, H, &q, 22);
  j = rs_test_reencode (pb, quality);
  r = check (j);
  g_assert_cmpint (recapture_of (r)->status, ==, RS_CHECK_PASS);
}

/* the same card shown on screens of several pixel pitches, turned a little */
static void
test_screen (gconstpointer data)
{
  double pitch = GPOINTER_TO_INT (data) / 10.0;
  RsQuad q;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GdkPixbuf) s = NULL;
  g_autoptr(GdkPixbuf) j = NULL;
  g_autoptr(RsPhotoReport) r = NULL;
  const RsPhotoFinding *f;

  rs_test_card_quad (W, H, 900, 3, &q);
  pb = rs_test_render_card (W, H, &q, 22);
  s = rs_test_screen_photo (pb, pitch, 2);
  j = rs_test_reencode (s, "85");
  r = check (j);
  f = recapture_of (r);
  g_assert_cmpint (f->status, ==, RS_CHECK_FAIL);
  /* it is the headline: nothing else helps until the real card is used */
  g_assert_cmpstr (rs_photo_report_get_guidance_id (r), ==, RS_CHECK_DOCUMENT_RECAPTURE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/recapture/card/q90", "90", test_card);
  g_test_add_data_func ("/recapture/card/q10", "10", test_card);
  g_test_add_data_func ("/recapture/screen/3.5", GINT_TO_POINTER (35), test_screen);
  g_test_add_data_func ("/recapture/screen/5", GINT_TO_POINTER (50), test_screen);
  g_test_add_data_func ("/recapture/screen/7", GINT_TO_POINTER (70), test_screen);
  return g_test_run ();
}
