/* test-read.c: the reader on rendered OCR-B documents photographed in
 * software.  Skips when fonts-ocr-b is not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "rs-read.h"
#include "rs-validate.h"
#include "rs-test-doc.h"

/* ICAO 9303's specimen. */
static const char *td3[] = {
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
  "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
  NULL,
};

static const char *td1[] = {
  "I<UTOD231458907<<<<<<<<<<<<<<<",
  "7408122F1204159UTO<<<<<<<<<<<6",
  "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  NULL,
};

static RsReadResult *
read_photo (GdkPixbuf  *photo,
            const char *kind,
            const char *type,
            gboolean    locate)
{
  RsLocateResult loc = { 0 };

  if (locate)
    {
      RsLocateOptions opts = { 0, g_strcmp0 (kind, RS_SLOT_PASSPORT) == 0 ? 1.42 : 1.586 };
      rs_locate_document (gdk_pixbuf_read_pixels (photo), gdk_pixbuf_get_width (photo),
                          gdk_pixbuf_get_height (photo), gdk_pixbuf_get_rowstride (photo),
                          gdk_pixbuf_get_n_channels (photo), &opts, &loc);
    }
  return rs_read_document (gdk_pixbuf_read_pixels (photo), gdk_pixbuf_get_width (photo),
                           gdk_pixbuf_get_height (photo), gdk_pixbuf_get_rowstride (photo),
                           gdk_pixbuf_get_n_channels (photo), loc.found ? &loc.quad : NULL,
                           kind, type);
}

static gboolean
skip_without_font (void)
{
  if (rs_test_doc_have_font ())
    return FALSE;
  g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed");
  return TRUE;
}

static void
assert_lines (RsReadResult       *r,
              const char * const *expected)
{
  const char * const *lines = rs_read_result_get_lines (r);

  g_assert_cmpint (rs_read_result_get_source (r), ==, RS_READ_SOURCE_MRZ);
  g_assert_nonnull (lines);
  for (int i = 0; expected[i]; i++)
    g_assert_cmpstr (lines[i], ==, expected[i]);
  g_assert_null (lines[g_strv_length ((char **) expected)]);
}

static void
test_td3_flat (void)
{
  g_autoptr(GdkPixbuf) doc = NULL;
  g_autoptr(RsReadResult) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  if (skip_without_font ())
    return;
  doc = rs_test_doc_render (RS_TEST_DOC_PASSPORT, td3, 8);
  r = read_photo (doc, RS_SLOT_PASSPORT, NULL, FALSE);
  assert_lines (r, td3);
  g_assert_true (rs_read_result_get_valid (r));
  g_assert_cmpstr (rs_read_result_get_field (r, "document_number"), ==, "L898902C3");
  g_assert_cmpstr (rs_read_result_get_field (r, "birth_date"), ==, "1974-08-12");
  g_assert_cmpstr (rs_read_result_get_field (r, "sex"), ==, "female");
  g_assert_cmpstr (rs_read_result_get_field (r, "expiry_date"), ==, "2012-04-15");
  g_assert_cmpstr (rs_read_result_get_field (r, "surname"), ==, "ERIKSSON");
  g_assert_cmpstr (rs_read_result_get_field (r, "given_names"), ==, "ANNA MARIA");
  g_assert_cmpstr (rs_read_result_get_field (r, "nationality"), ==, "UTO");
  json = rs_read_result_to_json (r);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"source\":\"mrz\""));
  g_assert_nonnull (strstr (text, "\"valid\":true"));
}

static void
test_td3_photos (void)
{
  struct { double rotate, tilt, blur, light; int q; } shots[] = {
    { 0, 0, 1.0, 0, 70 },
    { 4, 0.05, 1.5, 0.3, 70 },
    { -6, 0.08, 2.0, 0.4, 70 },
    { 180, 0.03, 1.2, 0.2, 70 },
  };

  if (skip_without_font ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autoptr(GdkPixbuf) doc = rs_test_doc_render (RS_TEST_DOC_PASSPORT, td3, 10);
      g_autoptr(GdkPixbuf) photo = NULL;
      g_autoptr(RsReadResult) r = NULL;
      RsTestShot shot;

      rs_test_shot_init (&shot);
      shot.rotate = shots[i].rotate;
      shot.tilt = shots[i].tilt;
      shot.blur = shots[i].blur;
      shot.light = shots[i].light;
      shot.jpeg_quality = shots[i].q;
      shot.seed = i + 1;
      photo = rs_test_doc_photo (doc, &shot, NULL);
      r = read_photo (photo, RS_SLOT_PASSPORT, NULL, TRUE);
      g_test_message ("shot %u: %s / %s", i,
                      rs_read_result_get_lines (r) ? rs_read_result_get_lines (r)[0] : "-",
                      rs_read_result_get_lines (r) ? rs_read_result_get_lines (r)[1] : "-");
      assert_lines (r, td3);
      g_assert_true (rs_read_result_get_valid (r));
    }
}

static void
test_td1_photo (void)
{
  g_autoptr(GdkPixbuf) doc = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(RsReadResult) r = NULL;
  RsTestShot shot;

  if (skip_without_font ())
    return;
  doc = rs_test_doc_render (RS_TEST_DOC_TD1, td1, 12);
  rs_test_shot_init (&shot);
  shot.doc_width = 0.7;
  shot.rotate = 3;
  shot.tilt = 0.05;
  shot.blur = 1.5;
  shot.light = 0.3;
  shot.jpeg_quality = 70;
  photo = rs_test_doc_photo (doc, &shot, NULL);
  r = read_photo (photo, RS_SLOT_ID_BACK, NULL, TRUE);
  assert_lines (r, td1);
  g_assert_true (rs_read_result_get_valid (r));
  g_assert_cmpstr (rs_read_result_get_field (r, "document_number"), ==, "D23145890");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/read/td3/flat", test_td3_flat);
  g_test_add_func ("/read/td3/photos", test_td3_photos);
  g_test_add_func ("/read/td1/photo", test_td1_photo);
  return g_test_run ();
}
