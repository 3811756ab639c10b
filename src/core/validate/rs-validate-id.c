/* rs-validate-id.c: identity document numbers.
 *
 * Sources of the rules: GB 11643-1999 (citizen identity number, ISO 7064
 * MOD 11-2 check character); GB/T 2260 region codes (table from
 * github.com/yescallop/areacodes, CC0 1.0); the Hong Kong Immigration
 * Department's HKID format (check digit modulo 11); Taiwan's national ID and
 * 2021 resident certificate numbers (letter table, weights
 * 1,9,8,7,6,5,4,3,2,1,1).  Macau publishes no check-digit algorithm, so its
 * numbers are checked for format only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rs-validate.h"
#include "rs-validate-private.h"
#include "rs-validate-resources.h"

/* ------------------------------------------------------------------ */
/* Region codes                                                        */

typedef struct {
  const char *name;   /* latest name */
  int         first;  /* first year in use */
  int         last;   /* exclusive; 0 while in use */
} RegionEntry;

static GHashTable *regions; /* GUINT_TO_POINTER (code) → RegionEntry* */

static gpointer
load_regions (gpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  GHashTable *table = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  char *text, *line, *next;

  bytes = g_resource_lookup_data (rs_validate_get_resource (),
                                  "/io/github/resubmit/Resubmit/validate/areacodes.tsv",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_critical ("The region-code table is missing from the build.");
      return table;
    }
  /* Kept for the life of the process: names point into it. */
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (line = text; line && *line; line = next)
    {
      char *cols[4] = { NULL, };
      char *p = line;
      guint code;
      RegionEntry *entry;
      int first, last;

      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      if (*line == '#' || *line == '\0')
        continue;
      for (int i = 0; i < 4 && p; i++)
        {
          cols[i] = p;
          p = strchr (p, '\t');
          if (p)
            *p++ = '\0';
        }
      if (cols[3] == NULL)
        continue;
      code = (guint) g_ascii_strtoull (cols[0], NULL, 10);
      first = (int) g_ascii_strtoll (cols[2], NULL, 10);
      last = *cols[3] ? (int) g_ascii_strtoll (cols[3], NULL, 10) : 0;

      entry = g_hash_table_lookup (table, GUINT_TO_POINTER (code));
      if (entry == NULL)
        {
          entry = g_new0 (RegionEntry, 1);
          entry->first = first;
          entry->last = last;
          entry->name = cols[1];
          g_hash_table_insert (table, GUINT_TO_POINTER (code), entry);
          continue;
        }
      /* Rows come sorted by first year: the later one names the code now. */
      entry->first = MIN (entry->first, first);
      if (entry->last != 0 && (last == 0 || last > entry->last))
        entry->last = last;
      entry->name = cols[1];
    }
  return table;
}

gboolean
rs_region_lookup (const char  *code,
                  const char **name,
                  int         *first,
                  int         *last)
{
  static GOnce once = G_ONCE_INIT;
  const RegionEntry *entry;

  regions = g_once (&once, load_regions, NULL);
  if (code == NULL || strlen (code) != 6 || strspn (code, "0123456789") != 6)
    return FALSE;
  entry = g_hash_table_lookup (regions, GUINT_TO_POINTER ((guint) g_ascii_strtoull (code, NULL, 10)));
  if (entry == NULL)
    return FALSE;
  if (name)
    *name = entry->name;
  if (first)
    *first = entry->first;
  if (last)
    *last = entry->last;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* The first character that is not allowed, as a 1-based position. */
static int
first_not_in (const char *s,
              const char *allowed)
{
  size_t n = strspn (s, allowed);
  return s[n] ? (int) n + 1 : 0;
}

static void
add_required (RsValidation *v)
{
  rs_validation_add (v, "required", RS_SEVERITY_ERROR, "%s",
                     _("The number is empty. Type it exactly as printed on the document."));
}

/* Reject non-ASCII left after normalisation (Chinese characters, odd
 * punctuation) with the character named. */
static gboolean
check_ascii (RsValidation *v,
             const char   *norm)
{
  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    {
      if ((guchar) *p >= 0x80)
        {
          char c[8] = { 0 };
          g_unichar_to_utf8 (g_utf8_get_char (p), c);
          rs_validation_add (v, "format", RS_SEVERITY_ERROR,
                             _("“%s” cannot be part of a document number. Type only the letters, digits and brackets printed on the document."),
                             c);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Mainland resident ID (GB 11643)                                     */

static char
cn_ric_check_char (const char *digits17)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (digits17[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

static void
cn_ric_check_region (RsValidation *v,
                     const char   *number,
                     int           birth_year)
{
  char code[7];
  const char *name = NULL;
  int first = 0, last = 0;

  memcpy (code, number, 6);
  code[6] = '\0';
  rs_validation_set_field (v, "region_code", code);

  /* Residence permits for Hong Kong, Macao and Taiwan residents. */
  if (g_str_equal (code, "810000") || g_str_equal (code, "820000") || g_str_equal (code, "830000"))
    {
      rs_validation_set_field (v, "region_name",
                               code[1] == '1' ? "香港特别行政区" :
                               code[1] == '2' ? "澳门特别行政区" : "台湾地区");
      rs_validation_set_field (v, "residence_permit", "true");
      return;
    }

  if (!rs_region_lookup (code, &name, &first, &last))
    {
      rs_validation_add (v, "region", RS_SEVERITY_WARNING,
                         _("The region code %s (the first 6 digits) is not in the national list of region codes. Check these digits against your card; if they match, you can go on."),
                         code);
      return;
    }
  rs_validation_set_field (v, "region_name", name);
  /* Numbers are assigned at birth registration and kept: a code retired
   * before the birth year is unlikely to be right. */
  if (last != 0 && birth_year >= last)
    rs_validation_add (v, "region", RS_SEVERITY_WARNING,
                       _("The region code %s (%s) was retired in %d, before the birth year %d in the number. Check the first 6 digits against your card."),
                       code, name, last, birth_year);
  else if (last != 0)
    rs_validation_add (v, "region", RS_SEVERITY_WARNING,
                       _("The region code %s (%s) was in use from %d to %d and has since been retired. People keep the number they were given, so this is fine if the first 6 digits match your card."),
                       code, name, first, last);
}

static void
validate_cn_ric (RsValidation *v,
                 const char   *n,
                 GDateTime    *now)
{
  size_t len = strlen (n);
  int bad;
  char expected;
  GDate birth, today;
  char digits[9];

  if (len == 15 && strspn (n, "0123456789") == 15)
    {
      rs_validation_add (v, "legacy", RS_SEVERITY_ERROR, "%s",
                         _("This is a 15-digit first-generation ID number, which is no longer accepted. Use the 18-character number printed on your current ID card."));
      return;
    }
  if (len != 18)
    {
      rs_validation_add (v, "length", RS_SEVERITY_ERROR,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "The number has %d character, but a resident ID number has 18 (17 digits, then a digit or X). Check for missing or extra characters.",
                                      "The number has %d characters, but a resident ID number has 18 (17 digits, then a digit or X). Check for missing or extra characters.",
                                      len),
                         (int) len);
      return;
    }
  bad = first_not_in (n, "0123456789");
  if (bad != 0 && bad <= 17)
    {
      rs_validation_add (v, "format", RS_SEVERITY_ERROR,
                         _("Character %d is “%c”, but the first 17 characters must all be digits. Check the number against your card."),
                         bad, n[bad - 1]);
      return;
    }
  if (!g_ascii_isdigit (n[17]) && n[17] != 'X')
    {
      rs_validation_add (v, "format", RS_SEVERITY_ERROR,
                         _("The last character is “%c”, but it must be a digit or X."),
                         n[17]);
      return;
    }

  expected = cn_ric_check_char (n);
  if (expected != n[17])
    rs_validation_add (v, "checksum", RS_SEVERITY_ERROR,
                       _("The last character should be %c: one of the first 17 digits is probably mistyped (or the last one). Compare the number with your card digit by digit."),
                       expected);

  /* Birth date: digits 7–14. */
  memcpy (digits, n + 6, 8);
  digits[8] = '\0';
  {
    int y = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
    int m = (digits[4] - '0') * 10 + (digits[5] - '0');
    int d = (digits[6] - '0') * 10 + (digits[7] - '0');

    rs_today (now, &today);
    g_date_clear (&birth, 1);
    if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1)
      {
        rs_validation_add (v, "date", RS_SEVERITY_ERROR,
                           _("Digits 7–14 (%s) should be the birth date as YYYYMMDD, but that is not a real date. Check these digits against your card."),
                           digits);
      }
    else
      {
        g_autofree char *iso = NULL;

        g_date_set_dmy (&birth, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
        iso = rs_date_to_iso (&birth);
        if (g_date_compare (&birth, &today) > 0)
          rs_validation_add (v, "date", RS_SEVERITY_ERROR,
                             _("The birth date inside the number (%s, digits 7–14) is in the future. Check these digits against your card."),
                             iso);
        else if (y < 1900)
          rs_validation_add (v, "date", RS_SEVERITY_ERROR,
                             _("The birth date inside the number (%s, digits 7–14) is before 1900, which cannot be right. Check these digits against your card."),
                             iso);
        else
          rs_validation_set_field (v, "birth_date", iso);
      }
  }

  rs_validation_set_field (v, "sex", (n[16] - '0') % 2 ? "male" : "female");
  cn_ric_check_region (v, n, (n[6] - '0') * 1000 + (n[7] - '0') * 100 + (n[8] - '0') * 10 + (n[9] - '0'));
}

/* ------------------------------------------------------------------ */
/* Hong Kong identity card                                             */

static void
validate_hk_hkid (RsValidation *v,
                  const char   *n)
{
  g_autoptr(GString) core = g_string_new (NULL);
  const char *open = strchr (n, '(');
  const char *close = strchr (n, ')');
  size_t letters, len;
  int sum = 0, check;
  char expected;

  /* "A123456(3)", "A1234563" and "A123456 (3)" are the same number. */
  if ((open == NULL) != (close == NULL) ||
      (open && (close != n + strlen (n) - 1 || open != close - 2)))
    {
      rs_validation_add (v, "format", RS_SEVERITY_ERROR, "%s",
                         _("The brackets are in the wrong place: only the last character (the check digit) goes in brackets, like A123456(3)."));
      return;
    }
  for (const char *p = n; *p; p++)
    if (*p != '(' && *p != ')')
      g_string_append_c (core, *p);

  len = core->len;
  letters = strspn (core->str, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  if (letters < 1 || letters > 2 || strspn (core->str + letters, "0123456789") < 6 ||
      len != letters + 7 ||
      (!g_ascii_isdigit (core->str[len - 1]) && core->str[len - 1] != 'A'))
    {
      rs_validation_add (v, len < 8 || len > 9 ? "length" : "format", RS_SEVERITY_ERROR, "%s",
                         _("An HKID number has 1 or 2 letters, 6 digits and a check digit (0–9 or A) in brackets, like A123456(3). Check the number against your card."));
      return;
    }

  {
    g_autofree char *norm = g_strdup_printf ("%.*s(%c)", (int) len - 1, core->str, core->str[len - 1]);
    rs_validation_set_normalized (v, norm);
  }

  /* Weights 9..2 over two letter positions and six digits; a missing first
   * letter counts as a space, value 36. */
  if (letters == 1)
    sum = 36 * 9 + (core->str[0] - 'A' + 10) * 8;
  else
    sum = (core->str[0] - 'A' + 10) * 9 + (core->str[1] - 'A' + 10) * 8;
  for (int i = 0; i < 6; i++)
    sum += (core->str[letters + i] - '0') * (7 - i);
  check = (11 - sum % 11) % 11;
  expected = check == 10 ? 'A' : (char) ('0' + check);
  if (expected != core->str[len - 1])
    rs_validation_add (v, "checksum", RS_SEVERITY_ERROR,
                       _("The check digit in brackets should be %c: one of the letters or digits before it is probably mistyped. Compare the number with your card."),
                       expected);
}

/* ------------------------------------------------------------------ */
/* Macau resident identity card (BIR)                                  */

static void
validate_mo_bir (RsValidation *v,
                 const char   *n)
{
  g_autoptr(GString) core = g_string_new (NULL);
  const char *open = strchr (n, '(');
  const char *close = strchr (n, ')');

  if ((open == NULL) != (close == NULL) ||
      (open && (close != n + strlen (n) - 1 || open != close - 2)))
    {
      rs_validation_add (v, "format", RS_SEVERITY_ERROR, "%s",
                         _("The brackets are in the wrong place: only the last digit goes in brackets, like 1234567(8)."));
      return;
    }
  for (const char *p = n; *p; p++)
    if (*p != '(' && *p != ')')
      g_string_append_c (core, *p);

  if (core->len != 8 || strspn (core->str, "0123456789") != 8 ||
      (core->str[0] != '1' && core->str[0] != '5' && core->str[0] != '7'))
    {
      rs_validation_add (v, core->len != 8 ? "length" : "format", RS_SEVERITY_ERROR, "%s",
                         _("A Macao resident identity card number starts with 1, 5 or 7, then has 6 more digits and a check digit in brackets, like 1234567(8). Check the number against your card."));
      return;
    }
  {
    g_autofree char *norm = g_strdup_printf ("%.7s(%c)", core->str, core->str[7]);
    rs_validation_set_normalized (v, norm);
  }
  rs_validation_add (v, "checksum", RS_SEVERITY_WARNING, "%s",
                     _("Macao has not published how the check digit in brackets is calculated, so only the format was checked. Compare the whole number with your card."));
}

/* ------------------------------------------------------------------ */
/* Taiwan national ID and resident certificate                         */

static int
tw_letter_value (char c)
{
  /* A–Z in the order the numbers were issued, not alphabetical. */
  static const int values[26] = {
    10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
    22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
  };
  return c >= 'A' && c <= 'Z' ? values[c - 'A'] : -1;
}

static void
validate_tw_id (RsValidation *v,
                const char   *n)
{
  size_t len = strlen (n);
  int value, sum, expected;

  if (len != 10)
    {
      rs_validation_add (v, "length", RS_SEVERITY_ERROR,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "The number has %d character, but a Taiwan ID number has 10: a letter and 9 digits, like A123456789.",
                                      "The number has %d characters, but a Taiwan ID number has 10: a letter and 9 digits, like A123456789.",
                                      len),
                         (int) len);
      return;
    }
  if (g_ascii_isupper (n[0]) && g_ascii_isupper (n[1]) && strspn (n + 2, "0123456789") == 8)
    {
      rs_validation_add (v, "legacy", RS_SEVERITY_ERROR, "%s",
                         _("This is an old-style resident certificate number (two letters), replaced in 2021 by numbers whose second character is 8 or 9. Use the number on your current certificate."));
      return;
    }
  if (!g_ascii_isupper (n[0]) || strspn (n + 1, "0123456789") != 9)
    {
      rs_validation_add (v, "format", RS_SEVERITY_ERROR, "%s",
                         _("A Taiwan ID number is a letter followed by 9 digits, like A123456789. Check the number against your card."));
      return;
    }
  if (n[1] != '1' && n[1] != '2' && n[1] != '8' && n[1] != '9')
    {
      rs_validation_add (v, "format", RS_SEVERITY_ERROR,
                         _("The second character is %c, but it must be 1 or 2 (national ID card) or 8 or 9 (resident certificate). Check the number against your card."),
                         n[1]);
      return;
    }

  value = tw_letter_value (n[0]);
  sum = value / 10 + (value % 10) * 9;
  for (int i = 1; i <= 8; i++)
    sum += (n[i] - '0') * (9 - i);
  expected = (10 - sum % 10) % 10;
  if (expected != n[9] - '0')
    rs_validation_add (v, "checksum", RS_SEVERITY_ERROR,
                       _("The last digit should be %d: one of the characters before it is probably mistyped. Compare the number with your card."),
                       expected);

  rs_validation_set_field (v, "sex", n[1] == '1' || n[1] == '8' ? "male" : "female");
  rs_validation_set_field (v, "kind", n[1] == '1' || n[1] == '2' ? "national-id" : "resident-certificate");
}

/* ------------------------------------------------------------------ */
/* Mainland travel permits                                             */

static void
validate_hk_mo_permit (RsValidation *v,
                       const char   *n)
{
  size_t len = strlen (n);

  if ((n[0] != 'H' && n[0] != 'M') || (len != 9 && len != 11) ||
      strspn (n + 1, "0123456789") != len - 1)
    {
      rs_validation_add (v, len < 9 || len > 11 ? "length" : "format", RS_SEVERITY_ERROR, "%s",
                         _("A Mainland Travel Permit for Hong Kong and Macao Residents number is H (Hong Kong) or M (Macao) followed by 8 or 10 digits, like H12345678. Check the number against your permit."));
      return;
    }
  rs_validation_set_field (v, "issued_to", n[0] == 'H' ? "hong-kong" : "macao");
}

static void
validate_tw_permit (RsValidation *v,
                    const char   *n)
{
  size_t len = strlen (n);

  if (len != 8 || strspn (n, "0123456789") != 8)
    rs_validation_add (v, len != 8 ? "length" : "format", RS_SEVERITY_ERROR, "%s",
                       _("A Mainland Travel Permit for Taiwan Residents number has 8 digits. Check the number against your permit."));
}

/* ------------------------------------------------------------------ */

static const char * const id_types[] = {
  RS_DOC_CN_RIC,
  RS_DOC_HK_HKID,
  RS_DOC_MO_BIR,
  RS_DOC_TW_ID,
  RS_DOC_HK_MO_PERMIT,
  RS_DOC_TW_PERMIT,
  RS_DOC_DRIVING_LICENCE,
  NULL
};

const char * const *
rs_validate_id_types (void)
{
  return id_types;
}

gboolean
rs_validate_id_type_is_supported (const char *type)
{
  return type != NULL && g_strv_contains (id_types, type);
}

RsValidation *
rs_validate_id (const char *type,
                const char *input,
                GDateTime  *now)
{
  g_autofree char *norm = rs_normalize_document_number (input);
  RsValidation *v = rs_validation_new (norm);

  if (!rs_validate_id_type_is_supported (type))
    {
      rs_validation_add (v, "unsupported", RS_SEVERITY_ERROR,
                         _("“%s” is not a document type with a number check. Use one of: cn-ric, hk-hkid, mo-bir, tw-id, hk-mo-permit, tw-permit."),
                         type ? type : "");
      return v;
    }
  if (*norm == '\0')
    {
      add_required (v);
      return v;
    }
  if (!check_ascii (v, norm))
    return v;

  /* The check digit is written in ( ), [ ] or full-width brackets (NFKC
   * already made those ASCII): all mean the same. */
  if (g_str_equal (type, RS_DOC_HK_HKID) || g_str_equal (type, RS_DOC_MO_BIR))
    {
      g_strdelimit (norm, "[", '(');
      g_strdelimit (norm, "]", ')');
    }

  if (g_str_equal (type, RS_DOC_CN_RIC) || g_str_equal (type, RS_DOC_DRIVING_LICENCE))
    validate_cn_ric (v, norm, now);
  else if (g_str_equal (type, RS_DOC_HK_HKID))
    validate_hk_hkid (v, norm);
  else if (g_str_equal (type, RS_DOC_MO_BIR))
    validate_mo_bir (v, norm);
  else if (g_str_equal (type, RS_DOC_TW_ID))
    validate_tw_id (v, norm);
  else if (g_str_equal (type, RS_DOC_HK_MO_PERMIT))
    validate_hk_mo_permit (v, norm);
  else if (g_str_equal (type, RS_DOC_TW_PERMIT))
    validate_tw_permit (v, norm);

  return v;
}
