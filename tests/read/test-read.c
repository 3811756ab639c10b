/* test-read.c: the reader on rendered OCR-B documents photographed in
 * software.  Skips when fonts-ocr-b is not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "rs-read.h"
#include "rs-photo-check.h"
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

static GdkPixbuf *
shot_of (RsTestDocKind       kind,
         const char * const *lines,
         double              blur,
         double              glare_x,
         double              glare_w)
{
  g_autoptr(GdkPixbuf) doc = rs_test_doc_render (kind, lines, kind == RS_TEST_DOC_PASSPORT ? 10 : 12);
  RsTestShot shot;

  rs_test_shot_init (&shot);
  shot.doc_width = kind == RS_TEST_DOC_PASSPORT ? 0.8 : 0.7;
  shot.rotate = -3;
  shot.tilt = 0.05;
  shot.blur = blur;
  shot.light = 0.3;
  shot.glare_x = glare_x;
  shot.glare_w = glare_w;
  shot.jpeg_quality = 70;
  return rs_test_doc_photo (doc, &shot, NULL);
}

static RsReadResult *
photo_of (RsTestDocKind       kind,
          const char * const *lines,
          const char         *slot,
          const char         *type,
          double              blur,
          double              glare_x,
          double              glare_w)
{
  g_autoptr(GdkPixbuf) photo = shot_of (kind, lines, blur, glare_x, glare_w);

  return read_photo (photo, slot, type, TRUE);
}

/* A small, soft photo of a page whose code is printed faintly: at the
 * usual binarisation the strokes break into pieces and no band of two
 * lines is seen (measured when this test was written: this photo read
 * nothing before the second pass existed); the reader tries again keeping
 * fainter ink, and the check digits judge what it reads. */
static void
test_faint_print (void)
{
  g_autoptr(GdkPixbuf) doc = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(RsReadResult) r = NULL;
  RsTestShot shot;

  if (skip_without_font ())
    return;
  doc = rs_test_doc_render (RS_TEST_DOC_PASSPORT, td3, 10);
  {
    guint8 *px = gdk_pixbuf_get_pixels (doc);
    int rs = gdk_pixbuf_get_rowstride (doc), nc = gdk_pixbuf_get_n_channels (doc);

    /* ink and paper closer together: a light print */
    for (int y = 0; y < gdk_pixbuf_get_height (doc); y++)
      for (int x = 0; x < gdk_pixbuf_get_width (doc) * nc; x++)
        px[(gsize) y * rs + x] = (guint8) (255 - (255 - px[(gsize) y * rs + x]) * 0.5);
  }
  rs_test_shot_init (&shot);
  shot.width = 640;
  shot.height = 480;
  shot.doc_width = 0.85;
  shot.blur = 0.8;
  shot.jpeg_quality = 80;
  photo = rs_test_doc_photo (doc, &shot, NULL);
  r = read_photo (photo, RS_SLOT_PASSPORT, NULL, TRUE);
  g_test_message ("faint print: source %d valid %d band %d", rs_read_result_get_source (r),
                  rs_read_result_get_valid (r), rs_read_result_get_band_seen (r));
  assert_lines (r, td3);
  g_assert_true (rs_read_result_get_valid (r));
}

/* Every card number type, read without being told the type. */
static void
test_card_numbers (void)
{
  struct { const char *type, *printed, *normalized; } cards[] = {
    { RS_DOC_CN_RIC, "11010519491231002X", "11010519491231002X" },
    { RS_DOC_HK_HKID, "A123456(3)", "A123456(3)" },
    { RS_DOC_MO_BIR, "5215299(8)", "5215299(8)" },
    { RS_DOC_TW_ID, "A123456789", "A123456789" },
  };

  if (skip_without_font ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      const char *lines[] = { cards[i].printed, NULL };
      g_autoptr(RsValidation) v = rs_validate_id (cards[i].type, cards[i].printed, NULL);
      g_autoptr(RsReadResult) r = NULL;
      g_autoptr(JsonNode) json = NULL;
      g_autofree char *text = NULL;
      RsCheckStatus status;
      const char *message;

      g_assert_true (rs_validation_get_valid (v));
      r = photo_of (RS_TEST_DOC_CARD, lines, RS_SLOT_ID_FRONT, NULL, 1.5, 0, 0);
      g_test_message ("%s: %s", cards[i].type, rs_read_result_get_field (r, "number"));
      g_assert_cmpint (rs_read_result_get_source (r), ==, RS_READ_SOURCE_NUMBER);
      g_assert_cmpstr (rs_read_result_get_field (r, "document_type"), ==, cards[i].type);
      g_assert_cmpstr (rs_read_result_get_field (r, "number"), ==, cards[i].normalized);
      g_assert_true (rs_read_result_get_valid (r));
      g_assert_true (rs_read_result_readable (r, RS_SLOT_ID_FRONT, FALSE, &status, &message));
      g_assert_cmpint (status, ==, RS_CHECK_PASS);
      json = rs_read_result_to_json (r);
      text = json_to_string (json, FALSE);
      g_assert_nonnull (strstr (text, "\"source\":\"number\""));
    }
}

/* A document printed with a wrong check digit reads as it is: warn, and
 * the part is named. */
static void
test_wrong_check_digit (void)
{
  const char *bad[] = { td3[0], "L898902C36UTO7408123F1204159ZE184226B<<<<<10", NULL };
  g_autoptr(RsReadResult) r = NULL;
  RsCheckStatus status;
  const char *message;

  if (skip_without_font ())
    return;
  r = photo_of (RS_TEST_DOC_PASSPORT, bad, RS_SLOT_PASSPORT, NULL, 1.2, 0, 0);
  assert_lines (r, bad);
  g_assert_false (rs_read_result_get_valid (r));
  g_assert_true (rs_read_result_readable (r, RS_SLOT_PASSPORT, TRUE, &status, &message));
  g_assert_cmpint (status, ==, RS_CHECK_WARN);
  g_assert_nonnull (strstr (rs_read_result_get_bad_parts (r), "birth date"));
  g_test_message ("%s", message);
}

/* Glare over the middle of the band: warn naming the parts; over all of
 * it: fail. */
static void
test_glare (void)
{
  g_autoptr(RsReadResult) part = NULL;
  g_autoptr(RsReadResult) all = NULL;
  RsCheckStatus status;
  const char *message;

  if (skip_without_font ())
    return;
  part = photo_of (RS_TEST_DOC_PASSPORT, td3, RS_SLOT_PASSPORT, NULL, 1.2, 0.35, 0.2);
  g_assert_true (rs_read_result_readable (part, RS_SLOT_PASSPORT, TRUE, &status, &message));
  g_test_message ("part: %s (%s)", message, rs_read_result_get_bad_parts (part));
  g_assert_cmpint (status, ==, RS_CHECK_WARN);
  g_assert_nonnull (rs_read_result_get_bad_parts (part));

  all = photo_of (RS_TEST_DOC_PASSPORT, td3, RS_SLOT_PASSPORT, NULL, 1.2, -0.1, 1.2);
  /* nothing of the code is left: nothing read; a fail where the page must
   * carry a code, no finding where it need not */
  g_assert_cmpint (rs_read_result_get_source (all), ==, RS_READ_SOURCE_NONE);
  g_assert_false (rs_read_result_readable (all, RS_SLOT_PASSPORT, FALSE, &status, &message));
  g_assert_true (rs_read_result_readable (all, RS_SLOT_PASSPORT, TRUE, &status, &message));
  g_assert_cmpint (status, ==, RS_CHECK_FAIL);
}

/* the status of document.readable, or -1 when there is none */
static int
readable_status (GdkPixbuf  *photo,
                 const char *kind)
{
  g_autoptr(RsPhotoReport) report = rs_photo_check_pixbuf (photo, NULL, NULL, kind);
  const RsPhotoFinding *f = rs_photo_report_find_finding (report, RS_CHECK_DOCUMENT_READABLE);

  if (f == NULL)
    return -1;
  g_test_message ("%s: %s", kind, f->message);
  return (int) f->status;
}

/* The whole check: a passport page found whose code cannot be read at all
 * fails document.readable (a passport always carries one); a card whose
 * number is not read gives no finding (not every card prints it where the
 * reader looks). */
static void
test_unread_passport (void)
{
  const char *none[] = { NULL };
  g_autoptr(GdkPixbuf) good = NULL;
  g_autoptr(GdkPixbuf) glared = NULL;
  g_autoptr(GdkPixbuf) blank = NULL;
  g_autoptr(GdkPixbuf) card = NULL;

  if (skip_without_font ())
    return;
  good = shot_of (RS_TEST_DOC_PASSPORT, td3, 1.2, 0, 0);
  g_assert_cmpint (readable_status (good, RS_SLOT_PASSPORT), ==, RS_CHECK_PASS);
  glared = shot_of (RS_TEST_DOC_PASSPORT, td3, 1.2, -0.1, 1.2);
  g_assert_cmpint (readable_status (glared, RS_SLOT_PASSPORT), ==, RS_CHECK_FAIL);
  blank = shot_of (RS_TEST_DOC_PASSPORT, none, 1.2, 0, 0);
  g_assert_cmpint (readable_status (blank, RS_SLOT_PASSPORT), ==, RS_CHECK_FAIL);
  card = shot_of (RS_TEST_DOC_CARD, none, 1.2, 0, 0);
  g_assert_cmpint (readable_status (card, RS_SLOT_ID_FRONT), ==, -1);
}

static GHashTable *
passport_details (void)
{
  GHashTable *f = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (f, (char *) RS_FIELD_SURNAME, g_strdup ("Eriksson"));
  g_hash_table_insert (f, (char *) RS_FIELD_GIVEN_NAMES, g_strdup ("Anna María"));
  g_hash_table_insert (f, (char *) RS_FIELD_ID_NUMBER, g_strdup ("l898902c3"));
  g_hash_table_insert (f, (char *) RS_FIELD_NATIONALITY, g_strdup ("UTO"));
  g_hash_table_insert (f, (char *) RS_FIELD_BIRTH_DATE, g_strdup ("1974-08-12"));
  g_hash_table_insert (f, (char *) RS_FIELD_SEX, g_strdup ("female"));
  g_hash_table_insert (f, (char *) RS_FIELD_EXPIRY_DATE, g_strdup ("2012/4/15"));
  return f;
}

/* Typed details against the read MRZ: accents, case and '<' do not count;
 * a birth date one day off and a changed number character do. */
static void
test_details_match (void)
{
  g_autoptr(GdkPixbuf) doc = NULL;
  g_autoptr(RsReadResult) r = NULL;
  g_autoptr(GHashTable) fields = passport_details ();
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GPtrArray) diff2 = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *msg2 = NULL;

  if (skip_without_font ())
    return;
  r = photo_of (RS_TEST_DOC_PASSPORT, td3, RS_SLOT_PASSPORT, NULL, 1.5, 0, 0);
  g_assert_true (rs_read_result_get_valid (r));
  same = rs_read_match_details (r, RS_DOC_PASSPORT, fields, &msg);
  g_assert_nonnull (same);
  g_assert_cmpuint (same->len, ==, 0);
  g_assert_null (msg);

  g_hash_table_insert (fields, (char *) RS_FIELD_BIRTH_DATE, g_strdup ("1974-08-13"));
  diff = rs_read_match_details (r, RS_DOC_PASSPORT, fields, &msg);
  g_assert_cmpuint (diff->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (diff, 0), ==, RS_FIELD_BIRTH_DATE);
  g_assert_nonnull (strstr (msg, "1974-08-13"));
  g_assert_nonnull (strstr (msg, "1974-08-12"));

  g_hash_table_insert (fields, (char *) RS_FIELD_BIRTH_DATE, g_strdup ("1974-08-12"));
  g_hash_table_insert (fields, (char *) RS_FIELD_ID_NUMBER, g_strdup ("L898920C3"));
  diff2 = rs_read_match_details (r, RS_DOC_PASSPORT, fields, &msg2);
  g_assert_cmpuint (diff2->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (diff2, 0), ==, RS_FIELD_ID_NUMBER);

  /* names are compared too (they read clearly here) */
  {
    g_autoptr(GPtrArray) diff3 = NULL;

    g_hash_table_insert (fields, (char *) RS_FIELD_ID_NUMBER, g_strdup ("L898902C3"));
    g_hash_table_insert (fields, (char *) RS_FIELD_SURNAME, g_strdup ("Eriksen"));
    diff3 = rs_read_match_details (r, RS_DOC_PASSPORT, fields, NULL);
    g_assert_cmpuint (diff3->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (diff3, 0), ==, RS_FIELD_SURNAME);
  }
}

static void
test_fold_name (void)
{
  struct { const char *typed, *folded; } names[] = {
    { "Anna María", "ANNA MARIA" },
    { "VAN DER<BERG", "VAN DER BERG" },
    { "  o'neil-smith ", "O NEIL SMITH" },
    { "Ærøskøbing", "AEROSKOBING" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *f = rs_read_fold_name (names[i].typed);
      g_assert_cmpstr (f, ==, names[i].folded);
    }
}

/* Names with accents and fillers, read and compared. */
static void
test_accented_names (void)
{
  const char *lines[] = {
    "P<D<<MUELLER<LUEDENSCHEIDT<<JOSE<ANGEL<<<<<<",
    "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4",
    NULL,
  };
  g_autoptr(RsReadResult) r = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(RsValidation) v = rs_validate_mrz (lines, NULL);

  if (skip_without_font ())
    return;
  g_assert_false (rs_validation_has_issue (v, "checksum"));
  r = photo_of (RS_TEST_DOC_PASSPORT, lines, RS_SLOT_PASSPORT, NULL, 1.2, 0, 0);
  assert_lines (r, lines);
  g_assert_true (rs_read_result_get_valid (r));
  g_assert_cmpstr (rs_read_result_get_field (r, "surname"), ==, "MUELLER LUEDENSCHEIDT");
  g_hash_table_insert (fields, (char *) RS_FIELD_SURNAME, (char *) "Müller-Lüdenscheidt");
  g_hash_table_insert (fields, (char *) RS_FIELD_GIVEN_NAMES, (char *) "José Ángel");
  diff = rs_read_match_details (r, RS_DOC_PASSPORT, fields, NULL);
  g_assert_cmpuint (diff->len, ==, 0);
}

/* A machine readable visa (MRV-A): no optional-data or composite digit. */
static void
test_visa (void)
{
  const char *visa[] = {
    "VIUSATRAVELER<<HAPPYPERSON<<<<<<<<<<<<<<<<<<",
    "555123ABC6GBR6502056F0412236IFLND00AMS803085",
    NULL,
  };
  g_autoptr(RsReadResult) r = NULL;

  if (skip_without_font ())
    return;
  r = photo_of (RS_TEST_DOC_PASSPORT, visa, RS_SLOT_PASSPORT, NULL, 1.2, 0, 0);
  assert_lines (r, visa);
  g_assert_true (rs_read_result_get_valid (r));
  g_assert_cmpstr (rs_read_result_get_field (r, "document_number"), ==, "555123ABC");
}

/* "Fill from photo": a clean read gives the typed-details form of every
 * field; a read whose check digit fails gives nothing. */
static void
test_details_fill (void)
{
  const char *bad[] = { td3[0], "L898902C36UTO7408123F1204159ZE184226B<<<<<10", NULL };
  g_autoptr(RsReadResult) r = NULL;
  g_autoptr(RsReadResult) wrong = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autofree char *mrz = NULL;

  if (skip_without_font ())
    return;
  r = photo_of (RS_TEST_DOC_PASSPORT, td3, RS_SLOT_PASSPORT, NULL, 1.2, 0, 0);
  g_assert_true (rs_read_result_get_valid (r));
  fields = rs_read_result_get_details (r, RS_DOC_PASSPORT);
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_ID_NUMBER), ==, "L898902C3");
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_BIRTH_DATE), ==, "1974-08-12");
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_SEX), ==, "female");
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_EXPIRY_DATE), ==, "2012-04-15");
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_NATIONALITY), ==, "UTO");
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_SURNAME), ==, "ERIKSSON");
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_GIVEN_NAMES), ==, "ANNA MARIA");
  mrz = g_strjoinv ("\n", (char **) td3);
  g_assert_cmpstr (g_hash_table_lookup (fields, RS_FIELD_MRZ), ==, mrz);
  /* what it gives matches itself */
  {
    g_autoptr(GPtrArray) diff = rs_read_match_details (r, RS_DOC_PASSPORT, fields, NULL);

    g_assert_nonnull (diff);
    g_assert_cmpuint (diff->len, ==, 0);
  }

  wrong = photo_of (RS_TEST_DOC_PASSPORT, bad, RS_SLOT_PASSPORT, NULL, 1.2, 0, 0);
  g_assert_false (rs_read_result_get_valid (wrong));
  none = rs_read_result_get_details (wrong, RS_DOC_PASSPORT);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  /* A Mainland card's number carries the birth date and sex; it is
   * offered only for that document type. */
  {
    const char *number[] = { "11010519491231002X", NULL };
    g_autoptr(RsReadResult) card = photo_of (RS_TEST_DOC_CARD, number, RS_SLOT_ID_FRONT, NULL, 1.5, 0, 0);
    g_autoptr(GHashTable) cn = NULL;
    g_autoptr(GHashTable) other = NULL;

    g_assert_true (rs_read_result_get_valid (card));
    cn = rs_read_result_get_details (card, RS_DOC_CN_RIC);
    g_assert_cmpstr (g_hash_table_lookup (cn, RS_FIELD_ID_NUMBER), ==, "11010519491231002X");
    g_assert_cmpstr (g_hash_table_lookup (cn, RS_FIELD_BIRTH_DATE), ==, "1949-12-31");
    g_assert_cmpstr (g_hash_table_lookup (cn, RS_FIELD_SEX), ==, "female");
    g_assert_null (g_hash_table_lookup (cn, RS_FIELD_MRZ));
    other = rs_read_result_get_details (card, RS_DOC_HK_HKID);
    g_assert_cmpuint (g_hash_table_size (other), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/read/td3/flat", test_td3_flat);
  g_test_add_func ("/read/td3/photos", test_td3_photos);
  g_test_add_func ("/read/td1/photo", test_td1_photo);
  g_test_add_func ("/read/visa", test_visa);
  g_test_add_func ("/read/numbers", test_card_numbers);
  g_test_add_func ("/read/wrong-check-digit", test_wrong_check_digit);
  g_test_add_func ("/read/glare", test_glare);
  g_test_add_func ("/read/unread-passport", test_unread_passport);
  g_test_add_func ("/read/faint-print", test_faint_print);
  g_test_add_func ("/read/details-match", test_details_match);
  g_test_add_func ("/read/details-fill", test_details_fill);
  g_test_add_func ("/read/fold-name", test_fold_name);
  g_test_add_func ("/read/accented-names", test_accented_names);
  return g_test_run ();
}
