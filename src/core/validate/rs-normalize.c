/* rs-normalize.c: normalising typed values, and dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rs-validate.h"
#include "rs-validate-private.h"

char *
rs_normalize_nfkc (const char *input)
{
  g_autofree char *valid = NULL;
  char *out;

  if (input == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (input, -1);
  out = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  return out ? out : g_strdup ("");
}

char *
rs_normalize_document_number (const char *input)
{
  g_autofree char *norm = rs_normalize_nfkc (input);
  GString *out = g_string_new (NULL);

  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* People copy numbers with spaces or line breaks in them. */
      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        continue;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Dots people (and input methods) type between the parts of a minority or
 * foreign name; all mean U+00B7 on Chinese documents. */
static gboolean
is_middle_dot (gunichar c)
{
  switch (c)
    {
    case 0x00B7: /* MIDDLE DOT */
    case 0x0387: /* GREEK ANO TELEIA */
    case 0x16EB: /* RUNIC SINGLE PUNCTUATION */
    case 0x2022: /* BULLET */
    case 0x2024: /* ONE DOT LEADER */
    case 0x2027: /* HYPHENATION POINT */
    case 0x2219: /* BULLET OPERATOR */
    case 0x22C5: /* DOT OPERATOR */
    case 0x2E31: /* WORD SEPARATOR MIDDLE DOT */
    case 0x30FB: /* KATAKANA MIDDLE DOT */
    case 0xFF65: /* HALFWIDTH KATAKANA MIDDLE DOT */
    case 0x318D: /* HANGUL LETTER ARAEA */
    case 0x1427: /* CANADIAN SYLLABICS FINAL MIDDLE DOT */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

char *
rs_normalize_name (const char *input)
{
  g_autofree char *norm = rs_normalize_nfkc (input);
  g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  GString *out;
  guint n;

  /* Collapse white space to single spaces, trimmed. */
  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        {
          if (chars->len > 0 && g_array_index (chars, gunichar, chars->len - 1) != ' ')
            {
              gunichar sp = ' ';
              g_array_append_val (chars, sp);
            }
          continue;
        }
      if (is_middle_dot (c))
        c = 0x00B7;
      g_array_append_val (chars, c);
    }
  if (chars->len > 0 && g_array_index (chars, gunichar, chars->len - 1) == ' ')
    g_array_set_size (chars, chars->len - 1);

  /* A full stop between two Han characters is a mistyped middle dot. */
  n = chars->len;
  for (guint i = 1; i + 1 < n; i++)
    {
      gunichar *c = &g_array_index (chars, gunichar, i);
      if (*c == '.' &&
          is_han (g_array_index (chars, gunichar, i - 1)) &&
          is_han (g_array_index (chars, gunichar, i + 1)))
        *c = 0x00B7;
    }

  /* Chinese names have no spaces: drop those between Han characters and
   * around the middle dot. */
  out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      gunichar c = g_array_index (chars, gunichar, i);

      if (c == ' ' && i > 0 && i + 1 < n)
        {
          gunichar prev = g_array_index (chars, gunichar, i - 1);
          gunichar next = g_array_index (chars, gunichar, i + 1);

          if ((is_han (prev) && is_han (next)) || prev == 0x00B7 || next == 0x00B7)
            continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Dates */

void
rs_today (GDateTime *now,
          GDate     *out)
{
  g_autoptr(GDateTime) local = NULL;

  if (now)
    local = g_date_time_ref (now);
  else
    local = g_date_time_new_now_local ();
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

static gboolean
set_dmy (GDate *out,
         int    year,
         int    month,
         int    day)
{
  g_date_clear (out, 1);
  if (year < 1 || year > 9999 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

gboolean
rs_date_parse_iso (const char *text,
                   GDate      *out)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return set_dmy (out,
                  (int) g_ascii_strtoll (text, NULL, 10),
                  (int) g_ascii_strtoll (text + 5, NULL, 10),
                  (int) g_ascii_strtoll (text + 8, NULL, 10));
}

char *
rs_date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

int
rs_date_years_between (const GDate *from,
                       const GDate *to)
{
  int years = (int) g_date_get_year (to) - (int) g_date_get_year (from);

  if (g_date_get_month (to) < g_date_get_month (from) ||
      (g_date_get_month (to) == g_date_get_month (from) &&
       g_date_get_day (to) < g_date_get_day (from)))
    years--;
  return years;
}

char *
rs_normalize_date (const char *input)
{
  g_autofree char *norm = rs_normalize_nfkc (input);
  int parts[3] = { 0, 0, 0 };
  int lengths[3] = { 0, 0, 0 };
  int n = 0;
  GDate date;
  const char *p;

  p = g_strstrip (norm);
  /* "19900101" */
  if (strlen (p) == 8 && strspn (p, "0123456789") == 8)
    {
      char buf[5] = { 0 };

      memcpy (buf, p, 4);
      parts[0] = atoi (buf);
      memset (buf, 0, sizeof buf);
      memcpy (buf, p + 4, 2);
      parts[1] = atoi (buf);
      parts[2] = atoi (p + 6);
      return set_dmy (&date, parts[0], parts[1], parts[2]) ? rs_date_to_iso (&date) : NULL;
    }

  /* Three groups of digits separated by -, /, ., spaces or 年/月/日. */
  while (*p)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 3)
            return NULL;
          while (g_ascii_isdigit (*p))
            {
              if (lengths[n] >= 4)
                return NULL;
              parts[n] = parts[n] * 10 + (*p - '0');
              lengths[n]++;
              p++;
            }
          n++;
          continue;
        }
      if (*p == '-' || *p == '/' || *p == '.' || *p == ' ')
        {
          p++;
          continue;
        }
      if (g_str_has_prefix (p, "年") || g_str_has_prefix (p, "月") || g_str_has_prefix (p, "日"))
        {
          p += strlen ("年");
          continue;
        }
      return NULL;
    }
  if (n != 3 || lengths[0] != 4 || lengths[1] > 2 || lengths[2] > 2)
    return NULL;
  return set_dmy (&date, parts[0], parts[1], parts[2]) ? rs_date_to_iso (&date) : NULL;
}
