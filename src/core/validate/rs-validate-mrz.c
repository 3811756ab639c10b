/* rs-validate-mrz.c: machine-readable zones of passports and ID cards,
 * following ICAO Doc 9303 part 3 (check digits: weights 7-3-1, '<' = 0,
 * A = 10 … Z = 35), part 4 (TD3, 2×44), part 5 (TD1, 3×30) and part 6
 * (TD2, 2×36).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rs-validate.h"
#include "rs-validate-private.h"

typedef enum {
  MRZ_TD1,
  MRZ_TD2,
  MRZ_TD3,
} MrzFormat;

static int
char_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c == '<')
    return 0;
  return -1;
}

int
rs_mrz_check_digit (const char *text,
                    gssize      length)
{
  static const int weights[3] = { 7, 3, 1 };
  int sum = 0;

  if (length < 0)
    length = (gssize) strlen (text);
  for (gssize i = 0; i < length; i++)
    {
      int value = char_value (text[i]);
      if (value < 0)
        return -1;
      sum += value * weights[i % 3];
    }
  return sum % 10;
}

/* Whitespace removed, upper case, full-width folded. */
static char *
normalize_line (const char *line)
{
  return rs_normalize_document_number (line);
}

/* Copy of @s[start, start+len) with '<' fillers at the end removed and the
 * others turned into spaces. */
static char *
field_text (const char *s,
            int         start,
            int         len)
{
  g_autofree char *copy = g_strndup (s + start, (gsize) len);
  char *p;

  for (p = copy + strlen (copy); p > copy && p[-1] == '<'; p--)
    p[-1] = '\0';
  g_strdelimit (copy, "<", ' ');
  return g_strdup (copy);
}

/* Checks the digit at @line_no:@check_pos (both as shown, 1-based). */
static void
check_digit (RsValidation *v,
             const char   *text,
             int           len,
             char          check,
             int           line_no,
             int           check_pos,
             const char   *what)
{
  int expected = rs_mrz_check_digit (text, len);

  /* An empty optional field may have a filler as its check digit. */
  if (check == '<' && strspn (text, "<") >= (size_t) len)
    return;
  if (expected >= 0 && check - '0' != expected)
    rs_validation_add (v, "checksum", RS_SEVERITY_ERROR,
                       _("The check digit of the %s (line %d, character %d) should be %d, not “%c”: the %s or its check digit is mistyped. Compare this part with the document."),
                       what, line_no, check_pos, expected, check, what);
}

/* YYMMDD → ISO date; @birth picks the century so that the date is not in
 * the future; expiry dates are 20YY unless that is implausibly far away. */
static char *
mrz_date (RsValidation *v,
          const char   *s,
          gboolean      birth,
          const GDate  *today,
          int           line_no,
          int           pos)
{
  int yy, mm, dd, year, this_year = (int) g_date_get_year (today);
  GDate date;

  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (s[i]))
      goto bad;
  yy = (s[0] - '0') * 10 + (s[1] - '0');
  mm = (s[2] - '0') * 10 + (s[3] - '0');
  dd = (s[4] - '0') * 10 + (s[5] - '0');
  if (birth)
    year = yy > this_year % 100 ? 1900 + yy : 2000 + yy;
  else
    year = 2000 + yy > this_year + 50 ? 1900 + yy : 2000 + yy;
  if (!g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) year))
    goto bad;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) dd, (GDateMonth) mm, (GDateYear) year);
  if (birth && g_date_compare (&date, today) > 0)
    {
      rs_validation_add (v, "date", RS_SEVERITY_ERROR,
                         _("The birth date in the MRZ (line %d, from character %d) is in the future. Check these 6 digits (YYMMDD) against the document."),
                         line_no, pos);
      return NULL;
    }
  return rs_date_to_iso (&date);

bad:
  rs_validation_add (v, "date", RS_SEVERITY_ERROR,
                     birth ? _("The birth date in the MRZ (line %d, from character %d) is not a real date in the form YYMMDD. Check these 6 characters against the document.")
                           : _("The expiry date in the MRZ (line %d, from character %d) is not a real date in the form YYMMDD. Check these 6 characters against the document."),
                     line_no, pos);
  return NULL;
}

static void
parse_names (RsValidation *v,
             const char   *s,
             int           len)
{
  g_autofree char *copy = g_strndup (s, (gsize) len);
  g_autofree char *surname = NULL;
  g_autofree char *given = NULL;
  char *sep = strstr (copy, "<<");

  if (strpbrk (copy, "0123456789"))
    rs_validation_add (v, "name", RS_SEVERITY_ERROR, "%s",
                       _("The name part of the MRZ contains digits. Names use only letters and <; check that line against the document."));
  if (sep)
    {
      *sep = '\0';
      surname = field_text (copy, 0, (int) strlen (copy));
      given = field_text (sep + 2, 0, (int) strlen (sep + 2));
    }
  else
    {
      surname = field_text (copy, 0, (int) strlen (copy));
      given = g_strdup ("");
    }
  g_strstrip (given);
  g_strstrip (surname);
  rs_validation_set_field (v, "surname", surname);
  rs_validation_set_field (v, "given_names", given);
}

static void
parse_sex (RsValidation *v,
           char          c,
           int           line_no,
           int           pos)
{
  switch (c)
    {
    case 'M':
      rs_validation_set_field (v, "sex", "male");
      break;
    case 'F':
      rs_validation_set_field (v, "sex", "female");
      break;
    case '<':
    case 'X':
      rs_validation_set_field (v, "sex", "unspecified");
      break;
    default:
      rs_validation_add (v, "sex", RS_SEVERITY_ERROR,
                         _("The sex in the MRZ (line %d, character %d) is “%c”; it must be M, F or <. Check that character against the document."),
                         line_no, pos, c);
    }
}

static void
set_text_field (RsValidation *v,
                const char   *key,
                const char   *s,
                int           start,
                int           len)
{
  g_autofree char *text = field_text (s, start, len);
  rs_validation_set_field (v, key, text);
}

/* The document number, with the TD1/TD2 extension for numbers longer than
 * 9 characters: check position is '<' and the rest (with its check digit)
 * starts the optional data. */
static void
parse_document_number (RsValidation *v,
                       const char   *line,
                       int           start,
                       int           optional_start,
                       int           optional_len,
                       int           line_no,
                       gboolean      extensible)
{
  g_autofree char *number = NULL;

  if (extensible && line[start + 9] == '<' && line[optional_start] != '<')
    {
      g_autoptr(GString) full = g_string_new_len (line + start, 9);
      int end = optional_start;

      while (end < optional_start + optional_len && line[end] != '<')
        end++;
      /* The last character before the filler is the check digit. */
      g_string_append_len (full, line + optional_start, end - optional_start - 1);
      check_digit (v, full->str, (int) full->len, line[end - 1], line_no, end,
                   _("document number"));
      number = field_text (full->str, 0, (int) full->len);
    }
  else
    {
      check_digit (v, line + start, 9, line[start + 9], line_no, start + 10,
                   _("document number"));
      number = field_text (line, start, 9);
    }
  rs_validation_set_field (v, "document_number", number);
}

static void
check_composite (RsValidation *v,
                 const char   *text,
                 char          check,
                 int           line_no,
                 int           pos)
{
  int expected = rs_mrz_check_digit (text, -1);

  if (expected >= 0 && check - '0' != expected)
    rs_validation_add (v, "composite", RS_SEVERITY_ERROR,
                       _("The final check digit (line %d, character %d) should be %d, not “%c”: it covers the document number, dates and optional data, so one of those characters is mistyped. Compare line %d with the document."),
                       line_no, pos, expected, check, line_no);
}

static void
set_dates (RsValidation *v,
           const char   *line,
           int           birth_pos,
           int           expiry_pos,
           int           line_no,
           const GDate  *today)
{
  g_autofree char *birth = NULL;
  g_autofree char *expiry = NULL;

  check_digit (v, line + birth_pos, 6, line[birth_pos + 6], line_no, birth_pos + 7, _("birth date"));
  check_digit (v, line + expiry_pos, 6, line[expiry_pos + 6], line_no, expiry_pos + 7, _("expiry date"));
  birth = mrz_date (v, line + birth_pos, TRUE, today, line_no, birth_pos + 1);
  expiry = mrz_date (v, line + expiry_pos, FALSE, today, line_no, expiry_pos + 1);
  rs_validation_set_field (v, "birth_date", birth);
  rs_validation_set_field (v, "expiry_date", expiry);
  if (expiry)
    {
      GDate date;

      rs_date_parse_iso (expiry, &date);
      if (g_date_compare (&date, today) < 0)
        rs_validation_add (v, "expired", RS_SEVERITY_WARNING,
                           _("This document expired on %s. Platforms do not accept expired documents: use a valid one."),
                           expiry);
    }
}

static void
validate_td3 (RsValidation *v,
              char        **l,
              const GDate  *today)
{
  g_autofree char *composite = NULL;

  rs_validation_set_field (v, "format", "td3");
  if (l[0][0] != 'P')
    rs_validation_add (v, "format", RS_SEVERITY_ERROR,
                       _("A passport MRZ starts with P, but line 1 starts with “%c”. Check the first line."),
                       l[0][0]);
  set_text_field (v, "document_code", l[0], 0, 2);
  set_text_field (v, "issuing_state", l[0], 2, 3);
  parse_names (v, l[0] + 5, 39);

  parse_document_number (v, l[1], 0, 0, 0, 2, FALSE);
  set_text_field (v, "nationality", l[1], 10, 3);
  set_dates (v, l[1], 13, 21, 2, today);
  parse_sex (v, l[1][20], 2, 21);
  set_text_field (v, "optional_data", l[1], 28, 14);
  check_digit (v, l[1] + 28, 14, l[1][42], 2, 43, _("personal number"));
  composite = g_strdup_printf ("%.10s%.7s%.22s", l[1], l[1] + 13, l[1] + 21);
  check_composite (v, composite, l[1][43], 2, 44);
}

static void
validate_td2 (RsValidation *v,
              char        **l,
              const GDate  *today)
{
  g_autofree char *composite = NULL;

  rs_validation_set_field (v, "format", "td2");
  set_text_field (v, "document_code", l[0], 0, 2);
  set_text_field (v, "issuing_state", l[0], 2, 3);
  parse_names (v, l[0] + 5, 31);

  parse_document_number (v, l[1], 0, 28, 7, 2, TRUE);
  set_text_field (v, "nationality", l[1], 10, 3);
  set_dates (v, l[1], 13, 21, 2, today);
  parse_sex (v, l[1][20], 2, 21);
  composite = g_strdup_printf ("%.10s%.7s%.14s", l[1], l[1] + 13, l[1] + 21);
  check_composite (v, composite, l[1][35], 2, 36);
}

static void
validate_td1 (RsValidation *v,
              char        **l,
              const GDate  *today)
{
  g_autofree char *composite = NULL;

  rs_validation_set_field (v, "format", "td1");
  set_text_field (v, "document_code", l[0], 0, 2);
  set_text_field (v, "issuing_state", l[0], 2, 3);
  parse_document_number (v, l[0], 5, 15, 15, 1, TRUE);

  set_dates (v, l[1], 0, 8, 2, today);
  parse_sex (v, l[1][7], 2, 8);
  set_text_field (v, "nationality", l[1], 15, 3);
  composite = g_strdup_printf ("%.25s%.7s%.7s%.11s", l[0] + 5, l[1], l[1] + 8, l[1] + 18);
  check_composite (v, composite, l[1][29], 2, 30);

  parse_names (v, l[2], 30);
}

RsValidation *
rs_validate_mrz (const char * const *lines,
                 GDateTime          *now)
{
  g_autoptr(GPtrArray) norm = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *normalized = NULL;
  RsValidation *v;
  MrzFormat format;
  guint n;
  GDate today;

  for (guint i = 0; lines && lines[i]; i++)
    {
      char *line = normalize_line (lines[i]);

      if (*line == '\0')
        {
          g_free (line);
          continue;
        }
      g_ptr_array_add (norm, line);
      g_string_append (joined, line);
    }

  /* Pasted as one line: split by the total length. */
  if (norm->len == 1 && (joined->len == 88 || joined->len == 72 || joined->len == 90))
    {
      gsize width = joined->len == 90 ? 30 : joined->len / 2;

      g_ptr_array_set_size (norm, 0);
      for (gsize off = 0; off < joined->len; off += width)
        g_ptr_array_add (norm, g_strndup (joined->str + off, width));
    }
  g_ptr_array_add (norm, NULL);
  n = norm->len - 1;
  normalized = g_strjoinv ("\n", (char **) norm->pdata);
  v = rs_validation_new (normalized);

  if (n == 0)
    {
      rs_validation_add (v, "required", RS_SEVERITY_ERROR, "%s",
                         _("The MRZ is empty. Type the 2 or 3 lines of characters at the bottom of the document’s photo page."));
      return v;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *line = g_ptr_array_index (norm, i);
      size_t bad = strspn (line, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<");

      if (line[bad])
        {
          char c[8] = { 0 };

          g_unichar_to_utf8 (g_utf8_get_char (line + bad), c);
          rs_validation_add (v, "format", RS_SEVERITY_ERROR,
                             _("Line %u, character %u is “%s”: an MRZ contains only the letters A–Z, digits and <. Check that character against the document."),
                             i + 1, (guint) g_utf8_pointer_to_offset (line, line + bad) + 1, c);
          return v;
        }
    }

  {
    size_t len0 = strlen (g_ptr_array_index (norm, 0));

    if (n == 3 && len0 == 30)
      format = MRZ_TD1;
    else if (n == 2 && len0 == 36)
      format = MRZ_TD2;
    else if (n == 2 && len0 == 44)
      format = MRZ_TD3;
    else
      {
        if (n == 2 || n == 3)
          rs_validation_add (v, "length", RS_SEVERITY_ERROR,
                             _("Line 1 has %u characters. An MRZ has 2 lines of 44 characters (passports), 2 lines of 36 or 3 lines of 30; count the < signs too."),
                             (guint) g_utf8_strlen (g_ptr_array_index (norm, 0), -1));
        else
          rs_validation_add (v, "length", RS_SEVERITY_ERROR,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%u line was given. An MRZ has 2 lines of 44 characters (passports), 2 lines of 36 or 3 lines of 30; type each line on its own.",
                                          "%u lines were given. An MRZ has 2 lines of 44 characters (passports), 2 lines of 36 or 3 lines of 30; type each line on its own.",
                                          n),
                             n);
        return v;
      }
  }

  {
    size_t width = format == MRZ_TD1 ? 30 : format == MRZ_TD2 ? 36 : 44;

    for (guint i = 0; i < n; i++)
      {
        size_t len = strlen (g_ptr_array_index (norm, i));
        if (len != width)
          {
            rs_validation_add (v, "length", RS_SEVERITY_ERROR,
                               _("Line %u has %u characters, but it should have %u like line 1. Count the < signs too."),
                               i + 1, (guint) len, (guint) width);
            return v;
          }
      }
  }

  rs_today (now, &today);
  switch (format)
    {
    case MRZ_TD1:
      validate_td1 (v, (char **) norm->pdata, &today);
      break;
    case MRZ_TD2:
      validate_td2 (v, (char **) norm->pdata, &today);
      break;
    case MRZ_TD3:
    default:
      validate_td3 (v, (char **) norm->pdata, &today);
      break;
    }
  return v;
}

RsValidation *
rs_validate_mrz_text (const char *text,
                      GDateTime  *now)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  return rs_validate_mrz ((const char * const *) lines, now);
}
