/* test-validate.c: table tests of the validators and cross-checks.
 *
 * Vectors and their sources:
 *  - 11010519491231002X: the example number in GB 11643-1999 (appendix);
 *  - MRZ specimens of ICAO Doc 9303: part 4 (TD3 passport of Anna Maria
 *    Eriksson, "P<UTOERIKSSON<<ANNA<MARIA…"), part 5 (TD1 "I<UTOD231458907…")
 *    and part 6 (TD2 "I<UTOERIKSSON<<ANNA<MARIA…"); part 5's TD1 with a
 *    long document number ("I<UTOD23145890<7349…", STEVENSON<<PETER<JOHN);
 *  - HKID A123456(3), G123456(A) and C668668(9): examples used in public
 *    descriptions of the HKID check digit (e.g. Wikipedia, "Hong Kong
 *    identity card");
 *  - Taiwan A123456789: the example number of public descriptions of the
 *    Taiwan ID check digit (e.g. Wikipedia, "National identification card
 *    (Taiwan)").
 * Other numbers are made up, with check digits computed from those rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "rs-validate.h"

static GDateTime *
day (int y, int m, int d)
{
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

/* "Today" for every test: 2025-06-01. */
static GDateTime *
today (void)
{
  return day (2025, 6, 1);
}

static const char *
first_error_id (RsValidation *v)
{
  GPtrArray *issues = rs_validation_get_issues (v);

  for (guint i = 0; i < issues->len; i++)
    {
      RsIssue *issue = g_ptr_array_index (issues, i);
      if (issue->severity == RS_SEVERITY_ERROR)
        return issue->id;
    }
  return NULL;
}

static const char *
first_message (RsValidation *v,
               const char   *id)
{
  GPtrArray *issues = rs_validation_get_issues (v);

  for (guint i = 0; i < issues->len; i++)
    {
      RsIssue *issue = g_ptr_array_index (issues, i);
      if (g_str_equal (issue->id, id))
        return issue->message;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */

static void
test_normalize_number (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "11010519491231002x", "11010519491231002X" },
    { " 1101 0519 4912 3100 2X ", "11010519491231002X" },
    { "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X" },
    { "ａ１２３４５６（３）", "A123456(3)" },
    { "a123456\u3000(3)", "A123456(3)" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = rs_normalize_document_number (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  {
    g_autofree char *out = rs_normalize_document_number (NULL);
    g_assert_cmpstr (out, ==, "");
  }
}

static void
test_normalize_name (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "  张三 ", "张三" },
    { "张 三", "张三" },
    { "阿依古丽·买买提", "阿依古丽·买买提" },          /* U+00B7 */
    { "阿依古丽•买买提", "阿依古丽·买买提" },          /* U+2022 */
    { "阿依古丽‧买买提", "阿依古丽·买买提" },          /* U+2027 */
    { "阿依古丽・买买提", "阿依古丽·买买提" },         /* U+30FB */
    { "阿依古丽･买买提", "阿依古丽·买买提" },          /* U+FF65 */
    { "阿依古丽\u0387买买提", "阿依古丽·买买提" },     /* U+0387 */
    { "阿依古丽\u2219买买提", "阿依古丽·买买提" },     /* U+2219 */
    { "阿依古丽\u22C5买买提", "阿依古丽·买买提" },     /* U+22C5 */
    { "阿依古丽\u16EB买买提", "阿依古丽·买买提" },     /* U+16EB */
    { "阿依古丽\u2E31买买提", "阿依古丽·买买提" },     /* U+2E31 */
    { "阿依古丽 · 买买提", "阿依古丽·买买提" },
    { "阿依古丽.买买提", "阿依古丽·买买提" },          /* full stop between Han */
    { "Chan  Tai\tMan", "Chan Tai Man" },
    { "ＺＨＡＮＧ", "ZHANG" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = rs_normalize_name (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_normalize_date (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "1990-01-31", "1990-01-31" },
    { "1990/1/31", "1990-01-31" },
    { "1990.01.31", "1990-01-31" },
    { "19900131", "1990-01-31" },
    { "1990年1月31日", "1990-01-31" },
    { "１９９０－０１－３１", "1990-01-31" },
    { "1990-02-30", NULL },
    { "2023-02-29", NULL },
    { "2024-02-29", "2024-02-29" },
    { "31/01/1990", NULL },
    { "yesterday", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = rs_normalize_date (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* ------------------------------------------------------------------ */

typedef struct {
  const char *type;
  const char *input;
  const char *normalized;
  gboolean    valid;
  const char *error;     /* id of the first error, or NULL */
  const char *warning;   /* an expected warning id, or NULL */
} IdCase;

static const IdCase id_cases[] = {
  /* Mainland resident ID */
  { "cn-ric", "11010519491231002X", "11010519491231002X", TRUE, NULL, NULL },
  { "cn-ric", "11010519491231002x", "11010519491231002X", TRUE, NULL, NULL },
  { "cn-ric", "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", TRUE, NULL, NULL },
  { "cn-ric", "110105 19491231 002X", "11010519491231002X", TRUE, NULL, NULL },
  { "cn-ric", "110105199001011232", "110105199001011232", TRUE, NULL, NULL },
  { "cn-ric", "110105194912310021", NULL, FALSE, "checksum", NULL },
  { "cn-ric", "11010519491231002", NULL, FALSE, "length", NULL },
  { "cn-ric", "1101051949123100200", NULL, FALSE, "length", NULL },
  { "cn-ric", "110105491231002", NULL, FALSE, "legacy", NULL },
  { "cn-ric", "1101051949A231002X", NULL, FALSE, "format", NULL },
  { "cn-ric", "11010519491231002Y", NULL, FALSE, "format", NULL },
  { "cn-ric", "张10519491231002X", NULL, FALSE, "format", NULL },
  { "cn-ric", "11010519900230001X", NULL, FALSE, "date", NULL },      /* 30 February */
  { "cn-ric", "11010520300101001X", NULL, FALSE, "date", NULL },      /* future */
  { "cn-ric", "110105189001010011", NULL, FALSE, "date", NULL },      /* before 1900 */
  { "cn-ric", "990105199001011236", NULL, TRUE, NULL, "region" },     /* unknown region */
  { "cn-ric", "110103200001010013", NULL, TRUE, NULL, "region" },     /* retired 崇文区 */
  { "cn-ric", "810000199001011230", NULL, TRUE, NULL, NULL },         /* HK residence permit */
  { "cn-ric", "", "", FALSE, "required", NULL },
  { "driving-licence", "11010519491231002X", NULL, TRUE, NULL, NULL },
  /* Hong Kong */
  { "hk-hkid", "A123456(3)", "A123456(3)", TRUE, NULL, NULL },
  { "hk-hkid", "A1234563", "A123456(3)", TRUE, NULL, NULL },
  { "hk-hkid", "a123456 (3)", "A123456(3)", TRUE, NULL, NULL },
  { "hk-hkid", "Ａ１２３４５６（３）", "A123456(3)", TRUE, NULL, NULL },
  { "hk-hkid", "G123456(A)", "G123456(A)", TRUE, NULL, NULL },
  { "hk-hkid", "g123456(a)", "G123456(A)", TRUE, NULL, NULL },
  { "hk-hkid", "C668668(9)", "C668668(9)", TRUE, NULL, NULL },
  { "hk-hkid", "XA123456(8)", "XA123456(8)", TRUE, NULL, NULL },
  /* Square and full-width brackets around the check digit, as validator.js's
   * test vectors and some forms write them. */
  { "hk-hkid", "OV290326[A]", "OV290326(A)", TRUE, NULL, NULL },
  { "hk-hkid", "Q803337[0]", "Q803337(0)", TRUE, NULL, NULL },
  { "hk-hkid", "Q803337［0］", "Q803337(0)", TRUE, NULL, NULL },
  { "hk-hkid", "Q803337（0）", "Q803337(0)", TRUE, NULL, NULL },
  { "hk-hkid", "Q803337[0", NULL, FALSE, "format", NULL },
  { "hk-hkid", "A123456(4)", NULL, FALSE, "checksum", NULL },
  { "hk-hkid", "A12345(3)", NULL, FALSE, "length", NULL },
  { "hk-hkid", "1234567(3)", NULL, FALSE, "format", NULL },
  { "hk-hkid", "A12(3)4563", NULL, FALSE, "format", NULL },
  { "hk-hkid", "A123456(B)", NULL, FALSE, "format", NULL },
  /* Macau: format only, with a warning that says so */
  { "mo-bir", "1234567(8)", "1234567(8)", TRUE, NULL, "checksum" },
  { "mo-bir", "51234568", "5123456(8)", TRUE, NULL, "checksum" },
  { "mo-bir", "7123456（1）", "7123456(1)", TRUE, NULL, "checksum" },
  { "mo-bir", "1234567[8]", "1234567(8)", TRUE, NULL, "checksum" },
  { "mo-bir", "2234567(8)", NULL, FALSE, "format", NULL },
  { "mo-bir", "123456(8)", NULL, FALSE, "length", NULL },
  /* Taiwan */
  { "tw-id", "A123456789", "A123456789", TRUE, NULL, NULL },
  { "tw-id", "a123456789", "A123456789", TRUE, NULL, NULL },
  { "tw-id", "A223456781", NULL, TRUE, NULL, NULL },
  { "tw-id", "A800000014", NULL, TRUE, NULL, NULL },   /* 2021 resident certificate */
  { "tw-id", "A900000016", NULL, TRUE, NULL, NULL },
  { "tw-id", "A123456788", NULL, FALSE, "checksum", NULL },
  { "tw-id", "A323456789", NULL, FALSE, "format", NULL },
  { "tw-id", "1123456789", NULL, FALSE, "format", NULL },
  { "tw-id", "A12345678", NULL, FALSE, "length", NULL },
  { "tw-id", "AB12345678", NULL, FALSE, "legacy", NULL },
  /* Mainland travel permits */
  { "hk-mo-permit", "H12345678", "H12345678", TRUE, NULL, NULL },
  { "hk-mo-permit", "m1234567890", "M1234567890", TRUE, NULL, NULL },
  { "hk-mo-permit", "C12345678", NULL, FALSE, "format", NULL },
  { "hk-mo-permit", "H123456789", NULL, FALSE, "format", NULL },
  { "hk-mo-permit", "H1234", NULL, FALSE, "length", NULL },
  { "tw-permit", "12345678", "12345678", TRUE, NULL, NULL },
  { "tw-permit", "１２３４ ５６７８", "12345678", TRUE, NULL, NULL },
  { "tw-permit", "1234567", NULL, FALSE, "length", NULL },
  { "tw-permit", "1234567A", NULL, FALSE, "format", NULL },
  /* Anything else */
  { "passport", "E12345678", NULL, FALSE, "unsupported", NULL },
  { "xx", "1", NULL, FALSE, "unsupported", NULL },
};

static void
test_id_table (void)
{
  g_autoptr(GDateTime) now = today ();

  for (guint i = 0; i < G_N_ELEMENTS (id_cases); i++)
    {
      const IdCase *c = &id_cases[i];
      g_autoptr(RsValidation) v = rs_validate_id (c->type, c->input, now);

      g_test_message ("%s %s", c->type, c->input);
      g_assert_cmpint (rs_validation_get_valid (v), ==, c->valid);
      if (c->normalized)
        g_assert_cmpstr (rs_validation_get_normalized (v), ==, c->normalized);
      g_assert_cmpstr (first_error_id (v), ==, c->error);
      if (c->warning)
        {
          g_assert_true (rs_validation_has_issue (v, c->warning));
          g_assert_cmpuint (rs_validation_count_issues (v, RS_SEVERITY_WARNING), >, 0);
        }
      else if (c->valid)
        g_assert_cmpuint (rs_validation_count_issues (v, RS_SEVERITY_WARNING), ==, 0);
      /* Every issue says something. */
      for (guint j = 0; j < rs_validation_get_issues (v)->len; j++)
        {
          RsIssue *issue = g_ptr_array_index (rs_validation_get_issues (v), j);
          g_assert_cmpuint (strlen (issue->message), >, 20);
        }
    }
}

static void
test_cn_ric_fields (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(RsValidation) v = rs_validate_id ("cn-ric", "11010519491231002X", now);
  g_autoptr(RsValidation) m = rs_validate_id ("cn-ric", "110105199001011232", now);
  g_autoptr(RsValidation) bad = rs_validate_id ("cn-ric", "110105194912310021", now);
  g_autoptr(RsValidation) old = rs_validate_id ("cn-ric", "110103200001010013", now);
  g_autoptr(RsValidation) legacy = rs_validate_id ("cn-ric", "110105491231002", now);
  g_autoptr(RsValidation) hk = rs_validate_id ("cn-ric", "810000199001011230", now);
  const char *msg;

  g_assert_cmpstr (rs_validation_get_field (v, "birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (rs_validation_get_field (v, "sex"), ==, "female");
  g_assert_cmpstr (rs_validation_get_field (v, "region_code"), ==, "110105");
  g_assert_cmpstr (rs_validation_get_field (v, "region_name"), ==, "北京市朝阳区");
  g_assert_cmpstr (rs_validation_get_field (m, "sex"), ==, "male");

  /* The message names the right check character. */
  msg = first_message (bad, "checksum");
  g_assert_nonnull (msg);
  g_assert_nonnull (strstr (msg, "X"));
  g_assert_nonnull (strstr (msg, "17"));

  /* A retired code's warning names it and its years. */
  msg = first_message (old, "region");
  g_assert_nonnull (msg);
  g_assert_nonnull (strstr (msg, "崇文区"));
  g_assert_nonnull (strstr (msg, "1981"));
  g_assert_nonnull (strstr (msg, "2010"));
  g_assert_true (rs_validation_get_valid (old));

  /* The legacy number is explained, not just refused. */
  msg = first_message (legacy, "legacy");
  g_assert_nonnull (strstr (msg, "18"));

  /* Retired (2010) before the birth year (2012): worded differently. */
  {
    g_autoptr(RsValidation) late = rs_validate_id ("cn-ric", "110103201201010012", now);
    msg = first_message (late, "region");
    g_assert_nonnull (msg);
    g_assert_nonnull (strstr (msg, "2012"));
    g_assert_true (rs_validation_get_valid (late));
  }

  g_assert_cmpstr (rs_validation_get_field (hk, "residence_permit"), ==, "true");
  g_assert_false (rs_validation_has_issue (hk, "region"));
}

static void
test_tw_fields (void)
{
  g_autoptr(RsValidation) m = rs_validate_id ("tw-id", "A123456789", NULL);
  g_autoptr(RsValidation) f = rs_validate_id ("tw-id", "A223456781", NULL);
  g_autoptr(RsValidation) r = rs_validate_id ("tw-id", "A800000014", NULL);

  g_assert_cmpstr (rs_validation_get_field (m, "sex"), ==, "male");
  g_assert_cmpstr (rs_validation_get_field (m, "kind"), ==, "national-id");
  g_assert_cmpstr (rs_validation_get_field (f, "sex"), ==, "female");
  g_assert_cmpstr (rs_validation_get_field (r, "kind"), ==, "resident-certificate");
}

static void
test_region_table_loaded (void)
{
  /* The table covers the whole country: a few spot checks. */
  static const char *codes[] = { "110000", "310115", "440305", "540102", "650102", "460200" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *number = g_strdup_printf ("%s19900101123", codes[i]);
      g_autoptr(RsValidation) v = NULL;
      static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
      int sum = 0;
      char *full;

      for (int j = 0; j < 17; j++)
        sum += (number[j] - '0') * weights[j];
      full = g_strdup_printf ("%s%c", number, "10X98765432"[sum % 11]);
      v = rs_validate_id ("cn-ric", full, NULL);
      g_free (full);
      g_assert_true (rs_validation_get_valid (v));
      g_assert_false (rs_validation_has_issue (v, "region"));
      g_assert_nonnull (rs_validation_get_field (v, "region_name"));
    }
}

/* ------------------------------------------------------------------ */
/* MRZ                                                                 */

#define TD3_1 "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
#define TD3_2 "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
#define TD2_1 "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<"
#define TD2_2 "D231458907UTO7408122F1204159<<<<<<<6"
#define TD1_1 "I<UTOD231458907<<<<<<<<<<<<<<<"
#define TD1_2 "7408122F1204159UTO<<<<<<<<<<<6"
#define TD1_3 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"

static void
assert_specimen_fields (RsValidation *v,
                        const char   *format,
                        const char   *number)
{
  g_assert_true (rs_validation_get_valid (v));
  g_assert_cmpstr (rs_validation_get_field (v, "format"), ==, format);
  g_assert_cmpstr (rs_validation_get_field (v, "document_number"), ==, number);
  g_assert_cmpstr (rs_validation_get_field (v, "surname"), ==, "ERIKSSON");
  g_assert_cmpstr (rs_validation_get_field (v, "given_names"), ==, "ANNA MARIA");
  g_assert_cmpstr (rs_validation_get_field (v, "nationality"), ==, "UTO");
  g_assert_cmpstr (rs_validation_get_field (v, "issuing_state"), ==, "UTO");
  g_assert_cmpstr (rs_validation_get_field (v, "birth_date"), ==, "1974-08-12");
  g_assert_cmpstr (rs_validation_get_field (v, "sex"), ==, "female");
  g_assert_cmpstr (rs_validation_get_field (v, "expiry_date"), ==, "2012-04-15");
  /* Expired long ago: a warning, not an error. */
  g_assert_true (rs_validation_has_issue (v, "expired"));
}

static void
test_mrz_specimens (void)
{
  g_autoptr(GDateTime) now = today ();
  const char *td3[] = { TD3_1, TD3_2, NULL };
  const char *td2[] = { TD2_1, TD2_2, NULL };
  const char *td1[] = { TD1_1, TD1_2, TD1_3, NULL };
  g_autoptr(RsValidation) v3 = rs_validate_mrz (td3, now);
  g_autoptr(RsValidation) v2 = rs_validate_mrz (td2, now);
  g_autoptr(RsValidation) v1 = rs_validate_mrz (td1, now);

  assert_specimen_fields (v3, "td3", "L898902C3");
  assert_specimen_fields (v2, "td2", "D23145890");
  assert_specimen_fields (v1, "td1", "D23145890");
  g_assert_cmpstr (rs_validation_get_normalized (v3), ==, TD3_1 "\n" TD3_2);

  /* ICAO Doc 9303 part 5: a document number longer than 9 characters
   * continues in the optional data, followed by its check digit. */
  {
    const char *lines[] = { "I<UTOD23145890<7349<<<<<<<<<<<",
                            "3407127M9507122UTO<<<<<<<<<<<2",
                            "STEVENSON<<PETER<JOHN<<<<<<<<<", NULL };
    const char *broken[] = { "I<UTOD23145890<7348<<<<<<<<<<<",
                             "3407127M9507122UTO<<<<<<<<<<<2",
                             "STEVENSON<<PETER<JOHN<<<<<<<<<", NULL };
    g_autoptr(RsValidation) v = rs_validate_mrz (lines, now);
    g_autoptr(RsValidation) b = rs_validate_mrz (broken, now);

    g_assert_true (rs_validation_get_valid (v));
    g_assert_cmpstr (rs_validation_get_field (v, "document_number"), ==, "D23145890734");
    g_assert_cmpstr (rs_validation_get_field (v, "surname"), ==, "STEVENSON");
    g_assert_cmpstr (rs_validation_get_field (v, "given_names"), ==, "PETER JOHN");
    g_assert_cmpstr (rs_validation_get_field (v, "birth_date"), ==, "1934-07-12");
    g_assert_cmpstr (rs_validation_get_field (v, "sex"), ==, "male");
    g_assert_true (rs_validation_has_issue (b, "checksum"));
  }
}

static void
test_mrz_tolerant (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autofree char *lower1 = g_ascii_strdown (TD3_1, -1);
  g_autofree char *lower2 = g_ascii_strdown (TD3_2, -1);
  g_autofree char *spaced = g_strdup_printf ("  %.10s %s ", lower2, lower2 + 10);
  const char *lines[] = { lower1, spaced, NULL };
  g_autoptr(RsValidation) v = rs_validate_mrz (lines, now);
  g_autoptr(RsValidation) one = rs_validate_mrz_text (TD3_1 TD3_2, now);
  g_autoptr(RsValidation) text = rs_validate_mrz_text (TD1_1 "\n" TD1_2 "\r\n" TD1_3 "\n", now);
  g_autoptr(RsValidation) wide = rs_validate_mrz_text ("Ｐ<ＵＴＯＥＲＩＫＳＳＯＮ<<ＡＮＮＡ<ＭＡＲＩＡ<<<<<<<<<<<<<<<<<<<\n" TD3_2, now);

  assert_specimen_fields (v, "td3", "L898902C3");
  g_assert_cmpstr (rs_validation_get_normalized (v), ==, TD3_1 "\n" TD3_2);
  assert_specimen_fields (one, "td3", "L898902C3");
  assert_specimen_fields (text, "td1", "D23145890");
  assert_specimen_fields (wide, "td3", "L898902C3");
}

typedef struct {
  const char *l1, *l2, *l3;
  const char *error;
} MrzCase;

static const MrzCase mrz_cases[] = {
  /* document number check digit 6 → 5 */
  { TD3_1, "L898902C35UTO7408122F1204159ZE184226B<<<<<10", NULL, "checksum" },
  /* birth date check digit */
  { TD3_1, "L898902C36UTO7408123F1204159ZE184226B<<<<<10", NULL, "checksum" },
  /* expiry check digit */
  { TD3_1, "L898902C36UTO7408122F1204158ZE184226B<<<<<10", NULL, "checksum" },
  /* personal number check digit */
  { TD3_1, "L898902C36UTO7408122F1204159ZE184226B<<<<<20", NULL, "checksum" },
  /* composite only */
  { TD3_1, "L898902C36UTO7408122F1204159ZE184226B<<<<<11", NULL, "composite" },
  { TD2_1, "D231458907UTO7408122F1204159<<<<<<<5", NULL, "composite" },
  { TD1_1, "7408122F1204159UTO<<<<<<<<<<<5", TD1_3, "composite" },
  /* TD1 document number check digit */
  { "I<UTOD231458906<<<<<<<<<<<<<<<", TD1_2, TD1_3, "checksum" },
  /* lengths */
  { TD3_1, "L898902C36UTO7408122F1204159ZE184226B<<<<1", NULL, "length" },
  { "P<UTOERIKSSON", TD3_2, NULL, "length" },
  { TD3_1, NULL, NULL, "length" },
  /* characters */
  { TD3_1, "L898902C36UTO7408122F1204159ZE184226B<<<<-10", NULL, "format" },
  /* not a passport: TD3 must start with P */
  { "X<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", TD3_2, NULL, "format" },
  /* 31 April (check digits recomputed) */
  { TD3_1, "L898902C36UTO7404319F1204159ZE184226B<<<<<14", NULL, "date" },
  /* sex */
  { TD3_1, "L898902C36UTO7408122Q1204159ZE184226B<<<<<10", NULL, "sex" },
  { "", NULL, NULL, "required" },
};

static void
test_mrz_errors (void)
{
  g_autoptr(GDateTime) now = today ();

  for (guint i = 0; i < G_N_ELEMENTS (mrz_cases); i++)
    {
      const char *lines[] = { mrz_cases[i].l1, mrz_cases[i].l2, mrz_cases[i].l3, NULL };
      g_autoptr(RsValidation) v = rs_validate_mrz (lines, now);

      g_test_message ("case %u", i);
      g_assert_false (rs_validation_get_valid (v));
      g_assert_true (rs_validation_has_issue (v, mrz_cases[i].error));
    }
}

static void
test_mrz_check_digit_message (void)
{
  g_autoptr(GDateTime) now = today ();
  const char *lines[] = { TD3_1, "L898902C35UTO7408122F1204159ZE184226B<<<<<10", NULL };
  g_autoptr(RsValidation) v = rs_validate_mrz (lines, now);
  const char *msg = first_message (v, "checksum");

  /* Says where and what it should be. */
  g_assert_nonnull (strstr (msg, "10"));
  g_assert_nonnull (strstr (msg, "6"));
}

static void
test_mrz_century (void)
{
  /* A child born 2015 and a person born 1930, passport expiring 2031. */
  g_autoptr(GDateTime) now = today ();
  const char *child[] = { "P<CHNZHANG<<XIAO<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                          "E123456782CHN1505052M3105054<<<<<<<<<<<<<<<4", NULL };
  const char *old[] = { "P<CHNZHANG<<LAO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                        "E123456782CHN3001019F3105054<<<<<<<<<<<<<<<6", NULL };
  g_autoptr(RsValidation) c = rs_validate_mrz (child, now);
  g_autoptr(RsValidation) o = rs_validate_mrz (old, now);

  g_assert_cmpstr (rs_validation_get_field (c, "birth_date"), ==, "2015-05-05");
  g_assert_cmpstr (rs_validation_get_field (c, "expiry_date"), ==, "2031-05-05");
  g_assert_cmpstr (rs_validation_get_field (c, "sex"), ==, "male");
  g_assert_cmpstr (rs_validation_get_field (o, "birth_date"), ==, "1930-01-01");
  g_assert_false (rs_validation_has_issue (c, "expired"));
}

/* ------------------------------------------------------------------ */
/* Phone and e-mail                                                    */

static void
test_phone (void)
{
  static const struct { const char *in, *norm; gboolean warn; } cases[] = {
    { "+86 138 0013 8000", "+8613800138000", FALSE },
    { "138-0013-8000", "13800138000", FALSE },
    { "１３８００１３８０００", "13800138000", FALSE },
    { "008613800138000", "+8613800138000", FALSE },
    { "+852 2123 4567", "+85221234567", FALSE },
    { "+86 128 0013 8000", NULL, TRUE },   /* 12x is not a mobile range */
    { "1380013800", NULL, TRUE },           /* 10 digits */
    { "21234567", NULL, TRUE },             /* no country code */
    { "+0123456789", NULL, TRUE },
    { "+1234567", NULL, TRUE },             /* too short */
    { "call me", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RsValidation) v = rs_validate_phone (cases[i].in);

      g_test_message ("%s", cases[i].in);
      /* Warnings only, never errors. */
      g_assert_true (rs_validation_get_valid (v));
      g_assert_cmpuint (rs_validation_count_issues (v, RS_SEVERITY_WARNING) > 0, ==, cases[i].warn);
      if (cases[i].norm)
        g_assert_cmpstr (rs_validation_get_normalized (v), ==, cases[i].norm);
    }
  {
    g_autoptr(RsValidation) v = rs_validate_phone ("13800138000");
    g_assert_cmpstr (rs_validation_get_field (v, "e164"), ==, "+8613800138000");
  }
}

static void
test_email (void)
{
  static const struct { const char *in, *norm; gboolean warn; } cases[] = {
    { "zhangsan@example.com", "zhangsan@example.com", FALSE },
    { " ZhangSan@Example.COM ", "ZhangSan@example.com", FALSE },
    { "zhang.san+kyc@mail.example.cn", NULL, FALSE },
    { "zhangsan＠example.com", "zhangsan@example.com", FALSE },
    { "zhangsan.example.com", NULL, TRUE },
    { "zhangsan@example", NULL, TRUE },
    { "zhang san@example.com", NULL, TRUE },
    { "a@@example.com", NULL, TRUE },
    { "@example.com", NULL, TRUE },
    { "zhangsan@example..com", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RsValidation) v = rs_validate_email (cases[i].in);

      g_test_message ("%s", cases[i].in);
      g_assert_true (rs_validation_get_valid (v));
      g_assert_cmpuint (rs_validation_count_issues (v, RS_SEVERITY_WARNING) > 0, ==, cases[i].warn);
      if (cases[i].norm)
        g_assert_cmpstr (rs_validation_get_normalized (v), ==, cases[i].norm);
    }
}

/* ------------------------------------------------------------------ */
/* JSON of a single result                                             */

static void
test_validation_json (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(RsValidation) v = rs_validate_id ("cn-ric", "110105194912310021", now);
  g_autoptr(JsonNode) node = rs_validation_to_json (v, "cn-ric", "110105194912310021");
  JsonObject *o = json_node_get_object (node);
  JsonArray *errors = json_object_get_array_member (o, "errors");

  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "cn-ric");
  g_assert_cmpstr (json_object_get_string_member (o, "normalized"), ==, "110105194912310021");
  g_assert_false (json_object_get_boolean_member (o, "valid"));
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "id"), ==, "checksum");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "fields"), "sex"), ==, "female");
}

/* ------------------------------------------------------------------ */
/* Details records                                                     */

static RsProfile *
test_profile (int min_age,
              int min_days)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"test\", \"version\": 1, \"name\": {\"en\": \"Test platform\", \"zh_CN\": \"测试平台\"},"
    " \"documents\": [{\"type\": \"cn-ric\", \"sides\": [\"front\", \"back\"]},"
    "                 {\"type\": \"passport\", \"sides\": [\"photo-page\"]}],"
    " \"selfie\": {\"required\": true, \"with_document\": false},"
    " \"formats\": [\"jpeg\"], \"max_bytes\": 5242880, \"min_short_side\": 800,"
    " \"max_long_side\": 4096, \"color_required\": true, \"min_margin_percent\": 2,"
    " \"max_skew_degrees\": 10, \"min_age\": %d, \"min_days_valid\": %d}", min_age, min_days);
  g_autoptr(GError) error = NULL;
  RsProfile *profile = rs_profile_new_from_data (json, -1, "test", &error);

  g_assert_no_error (error);
  return profile;
}

static GHashTable *
cn_record (void)
{
  GHashTable *f = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (f, g_strdup ("name"), g_strdup ("张三"));
  g_hash_table_insert (f, g_strdup ("id_number"), g_strdup ("110105199001011232"));
  g_hash_table_insert (f, g_strdup ("id_number_confirm"), g_strdup ("110105199001011232"));
  g_hash_table_insert (f, g_strdup ("birth_date"), g_strdup ("1990-01-01"));
  g_hash_table_insert (f, g_strdup ("sex"), g_strdup ("male"));
  g_hash_table_insert (f, g_strdup ("valid_from"), g_strdup ("2020-03-01"));
  g_hash_table_insert (f, g_strdup ("valid_until"), g_strdup ("2040-03-01"));
  return f;
}

static GHashTable *
passport_record (void)
{
  GHashTable *f = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (f, g_strdup ("surname"), g_strdup ("ZHANG"));
  g_hash_table_insert (f, g_strdup ("given_names"), g_strdup ("SAN"));
  g_hash_table_insert (f, g_strdup ("id_number"), g_strdup ("E12345678"));
  g_hash_table_insert (f, g_strdup ("id_number_confirm"), g_strdup ("E12345678"));
  g_hash_table_insert (f, g_strdup ("nationality"), g_strdup ("CHN"));
  g_hash_table_insert (f, g_strdup ("birth_date"), g_strdup ("1990-01-01"));
  g_hash_table_insert (f, g_strdup ("sex"), g_strdup ("male"));
  g_hash_table_insert (f, g_strdup ("expiry_date"), g_strdup ("2032-01-01"));
  g_hash_table_insert (f, g_strdup ("mrz"),
                       g_strdup ("P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
                                 "E123456782CHN9001011M3201015<<<<<<<<<<<<<<<2"));
  return f;
}

static gboolean
field_has (RsDetailsCheck *check,
           const char     *field,
           const char     *id)
{
  RsValidation *v = rs_details_check_get_field (check, field);
  return v != NULL && rs_validation_has_issue (v, id);
}

static guint
n_issues (RsDetailsCheck *check)
{
  return rs_details_check_get_all_issues (check)->len;
}

static void
test_details_valid (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(RsProfile) profile = test_profile (18, 30);
  g_autoptr(GHashTable) cn = cn_record ();
  g_autoptr(GHashTable) pp = passport_record ();
  g_autoptr(RsDetailsCheck) c1 = rs_details_check ("cn-ric", cn, profile, now);
  g_autoptr(RsDetailsCheck) c2 = rs_details_check ("passport", pp, profile, now);
  const char * const *order = rs_details_check_list_fields (c1);

  g_assert_true (rs_details_check_get_valid (c1));
  g_assert_cmpuint (n_issues (c1), ==, 0);
  g_assert_true (rs_details_check_get_valid (c2));
  g_assert_cmpuint (n_issues (c2), ==, 0);
  g_assert_cmpstr (order[0], ==, "name");
  g_assert_cmpstr (order[1], ==, "id_number");
  g_assert_cmpstr (rs_details_check_get_document_type (c1), ==, "cn-ric");
}

/* Each mutation of the valid cn-ric record and the issue it must raise. */
typedef struct {
  const char *field;
  const char *value;    /* NULL removes the field */
  const char *on;       /* field the issue is reported on */
  const char *id;
  gboolean    error;
} Mutation;

static const Mutation cn_mutations[] = {
  { "name", "张San", "name", "name", TRUE },
  { "name", "张三3", "name", "name", TRUE },
  { "name", "Zhang San", "name", "name", TRUE },
  { "name", "张三!", "name", "name", TRUE },
  { "name", "·张三", "name", "name", TRUE },
  { "name", NULL, "name", "required", TRUE },
  { "id_number_confirm", "110105199001011223", "id_number_confirm", "mismatch", TRUE },
  { "id_number_confirm", "11010519900101123", "id_number_confirm", "mismatch", TRUE },
  { "id_number_confirm", NULL, "id_number_confirm", "required", TRUE },
  { "id_number", "110105199001011231", "id_number", "checksum", TRUE },
  { "birth_date", "1990-01-02", "birth_date", "mismatch", TRUE },
  { "birth_date", "1990-02-30", "birth_date", "date", TRUE },
  { "birth_date", "2030-01-01", "birth_date", "date", TRUE },
  { "sex", "female", "sex", "mismatch", TRUE },
  { "sex", "unknown", "sex", "sex", TRUE },
  { "valid_until", "2024-03-01", "valid_until", "expired", TRUE },
  { "valid_until", "2025-06-20", "valid_until", "expiry", TRUE },      /* 19 days < 30 */
  { "valid_until", "2030-03-01", "valid_until", "validity", FALSE },   /* 10 years at 30 */
  { "valid_until", "long-term", "valid_until", "validity", FALSE },
  { "valid_until", "2019-03-01", "valid_until", "date", TRUE },
  { "valid_from", "2026-01-01", "valid_from", "date", TRUE },
  { "valid_until", "soon", "valid_until", "date", TRUE },
  { "phone", "12345", "phone", "format", FALSE },
  { "email", "nobody", "email", "format", FALSE },
};

static void
test_details_mutations (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(RsProfile) profile = test_profile (18, 30);

  for (guint i = 0; i < G_N_ELEMENTS (cn_mutations); i++)
    {
      const Mutation *m = &cn_mutations[i];
      g_autoptr(GHashTable) f = cn_record ();
      g_autoptr(RsDetailsCheck) check = NULL;
      GPtrArray *all;
      gboolean found = FALSE;

      g_test_message ("%s = %s", m->field, m->value);
      if (m->value)
        g_hash_table_insert (f, g_strdup (m->field), g_strdup (m->value));
      else
        g_hash_table_remove (f, m->field);
      check = rs_details_check ("cn-ric", f, profile, now);
      g_assert_true (field_has (check, m->on, m->id));
      g_assert_cmpint (rs_details_check_get_valid (check), ==, !m->error);

      /* The flat list carries the field too. */
      all = rs_details_check_get_all_issues (check);
      for (guint j = 0; j < all->len; j++)
        {
          RsIssue *issue = g_ptr_array_index (all, j);
          g_assert_nonnull (issue->field);
          if (g_str_equal (issue->field, m->on) && g_str_equal (issue->id, m->id))
            found = TRUE;
        }
      g_assert_true (found);
    }
}

static void
test_details_confirm_position (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GHashTable) f = cn_record ();
  g_autoptr(RsDetailsCheck) check = NULL;
  RsValidation *v;
  RsIssue *issue;

  g_hash_table_insert (f, g_strdup ("id_number_confirm"), g_strdup ("110105199001021232"));
  check = rs_details_check ("cn-ric", f, NULL, now);
  v = rs_details_check_get_field (check, "id_number_confirm");
  issue = g_ptr_array_index (rs_validation_get_issues (v), 0);
  g_assert_cmpstr (issue->id, ==, "mismatch");
  /* Character 14 is the first that differs. */
  g_assert_nonnull (strstr (issue->message, "14"));
}

static void
test_details_age (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(RsProfile) profile = test_profile (18, 30);
  g_autoptr(GHashTable) f = cn_record ();
  g_autoptr(RsDetailsCheck) young = NULL;
  g_autoptr(RsDetailsCheck) birthday = NULL;
  g_autoptr(RsDetailsCheck) no_profile = NULL;

  /* 17 the day before the 18th birthday; 18 on it. */
  g_hash_table_insert (f, g_strdup ("id_number"), g_strdup ("110105200706020011"));
  g_hash_table_insert (f, g_strdup ("id_number_confirm"), g_strdup ("110105200706020011"));
  g_hash_table_insert (f, g_strdup ("birth_date"), g_strdup ("2007-06-02"));
  g_hash_table_insert (f, g_strdup ("valid_from"), g_strdup ("2023-07-01"));
  g_hash_table_insert (f, g_strdup ("valid_until"), g_strdup ("2033-07-01"));
  young = rs_details_check ("cn-ric", f, profile, now);
  g_assert_true (field_has (young, "birth_date", "age"));
  g_assert_false (rs_details_check_get_valid (young));
  no_profile = rs_details_check ("cn-ric", f, NULL, now);
  g_assert_true (rs_details_check_get_valid (no_profile));

  g_hash_table_insert (f, g_strdup ("id_number"), g_strdup ("110105200706010016"));
  g_hash_table_insert (f, g_strdup ("id_number_confirm"), g_strdup ("110105200706010016"));
  g_hash_table_insert (f, g_strdup ("birth_date"), g_strdup ("2007-06-01"));
  birthday = rs_details_check ("cn-ric", f, profile, now);
  g_assert_false (field_has (birthday, "birth_date", "age"));
  g_assert_true (rs_details_check_get_valid (birthday));
}

/* Validity length vs age at issue: under 16: 5 years; 16–25: 10;
 * 26–45: 20; 46 and over: long-term. */
static void
test_details_validity_table (void)
{
  static const struct {
    const char *birth, *id, *from, *until;
    gboolean warn;
  } cases[] = {
    { "2015-01-01", "110105201501010017", "2023-01-01", "2028-01-01", FALSE },  /* 8: 5 y */
    { "2015-01-01", "110105201501010017", "2023-01-01", "2033-01-01", TRUE },
    { "2000-01-01", "110105200001010016", "2020-01-01", "2030-01-01", FALSE },  /* 20: 10 y */
    { "2000-01-01", "110105200001010016", "2020-01-01", "2040-01-01", TRUE },
    { "1990-01-01", "110105199001011232", "2020-03-01", "2040-03-01", FALSE },  /* 30: 20 y */
    { "1990-01-01", "110105199001011232", "2020-03-01", "2040-03-02", TRUE },
    { "1970-01-01", "110105197001010011", "2020-01-01", "long-term", FALSE },   /* 50: 长期 */
    { "1970-01-01", "110105197001010011", "2020-01-01", "长期", FALSE },
    { "1970-01-01", "110105197001010011", "2020-01-01", "2040-01-01", TRUE },
  };
  g_autoptr(GDateTime) now = today ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) f = cn_record ();
      g_autoptr(RsDetailsCheck) check = NULL;

      g_test_message ("case %u", i);
      g_hash_table_insert (f, g_strdup ("birth_date"), g_strdup (cases[i].birth));
      g_hash_table_insert (f, g_strdup ("id_number"), g_strdup (cases[i].id));
      g_hash_table_insert (f, g_strdup ("id_number_confirm"), g_strdup (cases[i].id));
      g_hash_table_insert (f, g_strdup ("valid_from"), g_strdup (cases[i].from));
      g_hash_table_insert (f, g_strdup ("valid_until"), g_strdup (cases[i].until));
      check = rs_details_check ("cn-ric", f, NULL, now);
      g_assert_true (rs_details_check_get_valid (check));
      g_assert_cmpint (field_has (check, "valid_until", "validity"), ==, cases[i].warn);
    }
}

static void
test_details_normalized_values (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GHashTable) f = cn_record ();
  g_autoptr(RsDetailsCheck) check = NULL;

  g_hash_table_insert (f, g_strdup ("name"), g_strdup ("阿依古丽 • 买买提"));
  g_hash_table_insert (f, g_strdup ("id_number"), g_strdup ("１１０１０５ １９９００１０１１２３２"));
  g_hash_table_insert (f, g_strdup ("birth_date"), g_strdup ("1990年1月1日"));
  g_hash_table_insert (f, g_strdup ("sex"), g_strdup ("男"));
  g_hash_table_insert (f, g_strdup ("valid_until"), g_strdup ("2040/3/1"));
  check = rs_details_check ("cn-ric", f, NULL, now);

  g_assert_true (rs_details_check_get_valid (check));
  g_assert_cmpstr (rs_validation_get_normalized (rs_details_check_get_field (check, "name")), ==, "阿依古丽·买买提");
  g_assert_cmpstr (rs_validation_get_normalized (rs_details_check_get_field (check, "id_number")), ==, "110105199001011232");
  g_assert_cmpstr (rs_validation_get_normalized (rs_details_check_get_field (check, "birth_date")), ==, "1990-01-01");
  g_assert_cmpstr (rs_validation_get_normalized (rs_details_check_get_field (check, "sex")), ==, "male");
  g_assert_cmpstr (rs_validation_get_normalized (rs_details_check_get_field (check, "valid_until")), ==, "2040-03-01");
}

static const Mutation passport_mutations[] = {
  { "surname", "LI", "surname", "mismatch", TRUE },
  { "given_names", "SAN FENG", "given_names", "mismatch", TRUE },
  { "surname", "Zhang", NULL, NULL, FALSE },     /* case does not matter */
  { "surname", "张", "surname", "name", TRUE },
  { "id_number", "E12345679", "id_number", "mismatch", TRUE },
  { "id_number", "E123", "id_number", "length", TRUE },
  { "nationality", "HKG", "nationality", "mismatch", TRUE },
  { "nationality", "CN", "nationality", "format", TRUE },
  { "birth_date", "1990-01-02", "birth_date", "mismatch", TRUE },
  { "sex", "female", "sex", "mismatch", TRUE },
  { "expiry_date", "2032-01-02", "expiry_date", "mismatch", TRUE },
  { "mrz", "P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nE123456782CHN9001011M3201015<<<<<<<<<<<<<<<3",
    "mrz", "composite", TRUE },
  { "mrz", NULL, "mrz", "required", TRUE },
};

static void
test_details_passport (void)
{
  g_autoptr(GDateTime) now = today ();

  for (guint i = 0; i < G_N_ELEMENTS (passport_mutations); i++)
    {
      const Mutation *m = &passport_mutations[i];
      g_autoptr(GHashTable) f = passport_record ();
      g_autoptr(RsDetailsCheck) check = NULL;

      g_test_message ("%s = %s", m->field, m->value);
      if (m->value)
        g_hash_table_insert (f, g_strdup (m->field), g_strdup (m->value));
      else
        g_hash_table_remove (f, m->field);
      check = rs_details_check ("passport", f, NULL, now);
      if (m->id)
        g_assert_true (field_has (check, m->on, m->id));
      else
        g_assert_cmpuint (n_issues (check), ==, 0);
      g_assert_cmpint (rs_details_check_get_valid (check), ==, !m->error);
    }
}

static void
test_details_passport_names (void)
{
  /* MRZ transliteration: spaces and hyphens become <. */
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GHashTable) f = passport_record ();
  g_autoptr(RsDetailsCheck) check = NULL;
  const char *l1 = "P<CHNOUYANG<LI<<XIAO<MING<<<<<<<<<<<<<<<<<<<";

  g_hash_table_insert (f, g_strdup ("surname"), g_strdup ("Ouyang-Li"));
  g_hash_table_insert (f, g_strdup ("given_names"), g_strdup ("xiao ming"));
  g_hash_table_insert (f, g_strdup ("mrz"),
                       g_strconcat (l1, "\nE123456782CHN9001011M3201015<<<<<<<<<<<<<<<2", NULL));
  check = rs_details_check ("passport", f, NULL, now);
  g_assert_cmpuint (n_issues (check), ==, 0);
  g_assert_cmpstr (rs_validation_get_normalized (rs_details_check_get_field (check, "surname")), ==, "OUYANG-LI");
}

static void
test_details_expiry_profile (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GHashTable) f = passport_record ();
  g_autoptr(RsProfile) strict = test_profile (18, 3000);
  g_autoptr(RsProfile) lenient = test_profile (18, 30);
  g_autoptr(RsDetailsCheck) a = rs_details_check ("passport", f, strict, now);
  g_autoptr(RsDetailsCheck) b = rs_details_check ("passport", f, lenient, now);

  /* 2032-01-01 is 2405 days after 2025-06-01. */
  g_assert_true (field_has (a, "expiry_date", "expiry"));
  g_assert_false (field_has (b, "expiry_date", "expiry"));
}

static void
test_details_other_types (void)
{
  static const struct {
    const char *type, *name, *number, *birth, *sex, *extra_field, *extra;
    gboolean valid;
    const char *on, *id;
  } cases[] = {
    { "hk-hkid", "陳大文", "A123456(3)", "1985-05-05", "male", NULL, NULL, TRUE, NULL, NULL },
    { "hk-hkid", "CHAN, Tai Man", "A1234563", "1985-05-05", "male", NULL, NULL, TRUE, NULL, NULL },
    { "hk-hkid", "陳大文 Chan", "A123456(3)", "1985-05-05", "male", NULL, NULL, FALSE, "name", "name" },
    { "tw-id", "王小明", "A123456789", "1991-02-03", "male", NULL, NULL, TRUE, NULL, NULL },
    { "tw-id", "王小明", "A123456789", "1991-02-03", "female", NULL, NULL, FALSE, "sex", "mismatch" },
    { "tw-id", "Wang", "A123456789", "1991-02-03", "male", NULL, NULL, FALSE, "name", "name" },
    { "mo-bir", "陳小明", "1234567(8)", "1988-08-08", "male", "expiry_date", "2031-08-08", TRUE, "id_number", "checksum" },
    { "hk-mo-permit", "陈大文", "H12345678", "1985-05-05", "male", "expiry_date", "2033-05-04", TRUE, NULL, NULL },
    { "hk-mo-permit", "陈大文", "H12345678", "1985-05-05", "male", "expiry_date", "2025-01-01", FALSE, "expiry_date", "expired" },
    { "tw-permit", "王小明", "12345678", "1991-02-03", "male", "expiry_date", "2030-02-02", TRUE, NULL, NULL },
    { "tw-permit", "王小明", "1234567", "1991-02-03", "male", "expiry_date", "2030-02-02", FALSE, "id_number", "length" },
    { "driving-licence", "李四", "440304199203150020", "1992-03-15", "female", NULL, NULL, FALSE, "valid_from", "required" },
  };
  g_autoptr(GDateTime) now = today ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) f = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(RsDetailsCheck) check = NULL;

      g_test_message ("case %u", i);
      g_hash_table_insert (f, (char *) "name", (char *) cases[i].name);
      g_hash_table_insert (f, (char *) "id_number", (char *) cases[i].number);
      g_hash_table_insert (f, (char *) "id_number_confirm", (char *) cases[i].number);
      g_hash_table_insert (f, (char *) "birth_date", (char *) cases[i].birth);
      g_hash_table_insert (f, (char *) "sex", (char *) cases[i].sex);
      if (cases[i].extra_field)
        g_hash_table_insert (f, (char *) cases[i].extra_field, (char *) cases[i].extra);
      check = rs_details_check (cases[i].type, f, NULL, now);
      g_assert_cmpint (rs_details_check_get_valid (check), ==, cases[i].valid);
      if (cases[i].on)
        g_assert_true (field_has (check, cases[i].on, cases[i].id));
      else
        g_assert_cmpuint (n_issues (check), ==, 0);
    }
}

static void
test_details_unknown_type (void)
{
  g_autoptr(GHashTable) f = cn_record ();
  g_autoptr(RsDetailsCheck) check = rs_details_check ("library-card", f, NULL, NULL);
  g_autoptr(RsProfile) profile = test_profile (18, 30);
  g_autoptr(RsDetailsCheck) not_accepted = NULL;
  g_autoptr(GHashTable) tw = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_false (rs_details_check_get_valid (check));
  g_assert_true (rs_validation_has_issue (rs_details_check_get_record (check), "unsupported"));
  /* Fields typed are kept (and shown back). */
  g_assert_nonnull (rs_details_check_get_field (check, "name"));

  /* The test profile accepts cn-ric and passport only. */
  not_accepted = rs_details_check ("tw-id", tw, profile, NULL);
  g_assert_true (rs_validation_has_issue (rs_details_check_get_record (not_accepted), "unsupported"));
}

static void
test_required_fields (void)
{
  const char *types[] = { "cn-ric", "passport", "hk-hkid", "mo-bir", "tw-id",
                          "hk-mo-permit", "tw-permit", "driving-licence" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GPtrArray) fields = rs_details_required_fields (types[i]);
      gboolean has_number = FALSE, has_confirm = FALSE;

      g_assert_nonnull (fields);
      for (guint j = 0; j < fields->len; j++)
        {
          RsFieldInfo *info = g_ptr_array_index (fields, j);

          g_assert_nonnull (info->label);
          g_assert_cmpstr (info->label, !=, "");
          has_number |= g_str_equal (info->id, "id_number");
          has_confirm |= g_str_equal (info->id, "id_number_confirm");
        }
      g_assert_true (has_number && has_confirm);
    }
  g_assert_null (rs_details_required_fields ("library-card"));
  {
    g_autoptr(GPtrArray) pp = rs_details_required_fields ("passport");
    gboolean has_mrz = FALSE;

    for (guint j = 0; j < pp->len; j++)
      has_mrz |= g_str_equal (((RsFieldInfo *) g_ptr_array_index (pp, j))->id, "mrz");
    g_assert_true (has_mrz);
  }
}

static void
test_details_json (void)
{
  const char *data = "{\"document_type\": \"cn-ric\", \"fields\": {\"name\": \"张三\", \"phone\": null}}";
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GHashTable) fields = rs_details_from_data (data, -1, &type, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) bad = NULL;
  g_autoptr(GHashTable) not_json = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "cn-ric");
  g_assert_cmpstr (g_hash_table_lookup (fields, "name"), ==, "张三");
  g_assert_false (g_hash_table_contains (fields, "phone"));

  node = rs_details_to_json (type, fields);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (text, ==, "{\"document_type\":\"cn-ric\",\"fields\":{\"name\":\"张三\"}}");

  bad = rs_details_from_data ("{\"document_type\": \"cn-ric\", \"fields\": {\"name\": 3}}", -1, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);

  not_json = rs_details_from_data ("{", -1, NULL, &error);
  g_assert_null (not_json);
  g_assert_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_PARSE);
  g_clear_error (&error);

  /* A NUL would cut "王\u0000丽" to "王": refused, not truncated. */
  g_clear_pointer (&not_json, g_hash_table_unref);
  not_json = rs_details_from_data ("{\"document_type\": \"cn-ric\", \"fields\": {\"name\": \"王\\u0000丽\"}}",
                                   -1, NULL, &error);
  g_assert_null (not_json);
  g_assert_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
}

static void
test_details_too_long (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RsDetailsCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) parsed = NULL;
  g_autoptr(GString) json = g_string_new ("{\"document_type\": \"cn-ric\", \"fields\": {\"name\": \"");
  g_autoptr(GString) name = g_string_new (NULL);
  guint max = rs_details_field_max_length (RS_FIELD_NAME);
  const RsValidation *v;

  /* Every field has a limit. */
  g_assert_cmpuint (max, >=, 39);
  g_assert_cmpuint (rs_details_field_max_length ("anything-else"), >, 0);

  for (guint i = 0; i <= max; i++)
    g_string_append (name, "王");
  g_hash_table_insert (fields, (gpointer) RS_FIELD_NAME, name->str);
  check = rs_details_check ("cn-ric", fields, NULL, now);
  v = rs_details_check_get_field (check, RS_FIELD_NAME);
  g_assert_nonnull (v);
  g_assert_true (rs_validation_has_issue (v, "too-long"));
  g_assert_false (rs_details_check_get_valid (check));

  /* One character less is not "too long". */
  g_string_truncate (name, name->len - strlen ("王"));
  g_clear_pointer (&check, rs_details_check_unref);
  check = rs_details_check ("cn-ric", fields, NULL, now);
  g_assert_false (rs_validation_has_issue (rs_details_check_get_field (check, RS_FIELD_NAME), "too-long"));

  /* A record read from a file (the CLI, an opened bundle) is refused. */
  g_string_append (json, name->str);
  g_string_append (json, "王\"}}");
  parsed = rs_details_from_data (json->str, -1, NULL, &error);
  g_assert_null (parsed);
  g_assert_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_INVALID);
  g_test_message ("%s", error->message);
}

static void
test_details_check_json (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(GHashTable) f = cn_record ();
  g_autoptr(RsDetailsCheck) check = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *fields, *errors;

  g_hash_table_insert (f, g_strdup ("sex"), g_strdup ("female"));
  check = rs_details_check ("cn-ric", f, NULL, now);
  node = rs_details_check_to_json (check, "x.json");
  o = json_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (o, "valid"));
  errors = json_object_get_array_member (o, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"), ==, "sex");
  fields = json_object_get_array_member (o, "fields");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "field"), ==, "name");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "value"), ==, "张三");
}

static void
test_details_session (void)
{
  g_autoptr(GDateTime) now = today ();
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GHashTable) f = cn_record ();
  g_autoptr(GHashTable) back = NULL;
  g_autoptr(RsDetailsCheck) check = NULL;

  rs_details_apply_to_session (session, "cn-ric", f);
  g_assert_cmpstr (rs_session_get_document_type (session), ==, "cn-ric");
  g_assert_cmpstr (rs_session_get_field (session, "name"), ==, "张三");
  back = rs_details_from_session (session);
  g_assert_cmpuint (g_hash_table_size (back), ==, g_hash_table_size (f));
  check = rs_details_check_session (session, now);
  g_assert_true (rs_details_check_get_valid (check));
}

/* Every example record in docs/examples is valid as of its writing. */
static void
test_examples (void)
{
  const char *root = g_getenv ("RESUBMIT_SOURCE_ROOT");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GDateTime) now = today ();
  const char *name;
  guint n = 0;

  if (root == NULL)
    {
      g_test_skip ("RESUBMIT_SOURCE_ROOT is not set");
      return;
    }
  dir_path = g_build_filename (root, "docs", "examples", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *type = NULL;
      g_autoptr(GHashTable) fields = NULL;
      g_autoptr(RsDetailsCheck) check = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_prefix (name, "details-") || !g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      fields = rs_details_from_data (contents, -1, &type, &error);
      g_assert_no_error (error);
      g_test_message ("%s", name);
      /* The file name names the type. */
      g_assert_true (g_str_has_prefix (name + strlen ("details-"), type));
      check = rs_details_check (type, fields, NULL, now);
      g_assert_true (rs_details_check_get_valid (check));
      n++;
    }
  /* One per supported document type. */
  g_assert_cmpuint (n, ==, 8);
}

static void
test_mrz_countries (void)
{
  guint n = 0;
  const char * const *codes = rs_validate_mrz_countries (&n);

  /* ISO 3166-1 alpha-3 (249) and the 27 codes ICAO Doc 9303 adds. */
  g_assert_cmpuint (n, ==, 276);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (codes[i]), ==, 3);
      if (i > 0)
        g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);
      g_assert_true (rs_validate_mrz_country_known (codes[i]));
    }
  g_assert_true (rs_validate_mrz_country_known ("UTO"));
  g_assert_true (rs_validate_mrz_country_known ("D<<"));
  g_assert_true (rs_validate_mrz_country_known ("CHNXYZ")); /* only the first three count */
  g_assert_true (rs_validate_mrz_country_known ("GBN"));
  g_assert_true (rs_validate_mrz_country_known ("XXA"));
  g_assert_false (rs_validate_mrz_country_known ("TSZ"));
  g_assert_false (rs_validate_mrz_country_known ("EQY"));
  g_assert_false (rs_validate_mrz_country_known ("D<"));
  g_assert_false (rs_validate_mrz_country_known ("chn"));
  g_assert_false (rs_validate_mrz_country_known (NULL));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/normalize/number", test_normalize_number);
  g_test_add_func ("/validate/normalize/name", test_normalize_name);
  g_test_add_func ("/validate/normalize/date", test_normalize_date);
  g_test_add_func ("/validate/id/table", test_id_table);
  g_test_add_func ("/validate/id/cn-ric-fields", test_cn_ric_fields);
  g_test_add_func ("/validate/id/tw-fields", test_tw_fields);
  g_test_add_func ("/validate/id/region-table", test_region_table_loaded);
  g_test_add_func ("/validate/mrz/specimens", test_mrz_specimens);
  g_test_add_func ("/validate/mrz/tolerant", test_mrz_tolerant);
  g_test_add_func ("/validate/mrz/errors", test_mrz_errors);
  g_test_add_func ("/validate/mrz/check-digit-message", test_mrz_check_digit_message);
  g_test_add_func ("/validate/mrz/century", test_mrz_century);
  g_test_add_func ("/validate/mrz/countries", test_mrz_countries);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/json", test_validation_json);
  g_test_add_func ("/validate/details/valid", test_details_valid);
  g_test_add_func ("/validate/details/mutations", test_details_mutations);
  g_test_add_func ("/validate/details/confirm-position", test_details_confirm_position);
  g_test_add_func ("/validate/details/age", test_details_age);
  g_test_add_func ("/validate/details/validity", test_details_validity_table);
  g_test_add_func ("/validate/details/normalized", test_details_normalized_values);
  g_test_add_func ("/validate/details/passport", test_details_passport);
  g_test_add_func ("/validate/details/passport-names", test_details_passport_names);
  g_test_add_func ("/validate/details/expiry-profile", test_details_expiry_profile);
  g_test_add_func ("/validate/details/other-types", test_details_other_types);
  g_test_add_func ("/validate/details/unknown-type", test_details_unknown_type);
  g_test_add_func ("/validate/details/required-fields", test_required_fields);
  g_test_add_func ("/validate/details/json", test_details_json);
  g_test_add_func ("/validate/details/too-long", test_details_too_long);
  g_test_add_func ("/validate/details/check-json", test_details_check_json);
  g_test_add_func ("/validate/details/session", test_details_session);
  g_test_add_func ("/validate/details/examples", test_examples);

  return g_test_run ();
}
