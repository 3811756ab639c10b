/* rs-validate-contact.c: phone numbers and e-mail addresses.  Shape checks
 * only, and only warnings: the user knows their own number better.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rs-validate.h"
#include "rs-validate-private.h"

static char *
nfkc_trim (const char *input)
{
  return g_strstrip (rs_normalize_nfkc (input));
}

RsValidation *
rs_validate_phone (const char *input)
{
  g_autofree char *norm = nfkc_trim (input);
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  RsValidation *v;
  const char *national;

  /* Keep a leading + (or 00) and the digits; drop the usual separators. */
  for (const char *p = norm; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (*p == ' ' || *p == '-' || *p == '(' || *p == ')' || *p == '.')
        continue;
      else
        {
          v = rs_validation_new (norm);
          rs_validation_add (v, "format", RS_SEVERITY_WARNING, "%s",
                             _("A phone number contains only digits, with an optional + and country code in front, like +86 138 0013 8000. Check what you typed."));
          return v;
        }
    }
  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }

  {
    g_autofree char *normalized = g_strconcat (plus ? "+" : "", digits->str, NULL);
    v = rs_validation_new (normalized);
  }
  if (digits->len == 0)
    {
      rs_validation_add (v, "required", RS_SEVERITY_WARNING, "%s",
                         _("The phone number is empty."));
      return v;
    }

  /* Mainland numbers: with +86, or 11 digits starting with 1 and no +. */
  national = NULL;
  if (plus && g_str_has_prefix (digits->str, "86"))
    national = digits->str + 2;
  else if (!plus && digits->str[0] == '1')
    national = digits->str;

  if (national && national[0] == '1')
    {
      if (strlen (national) != 11 || national[1] < '3' || national[1] > '9')
        rs_validation_add (v, "format", RS_SEVERITY_WARNING, "%s",
                           _("A mainland mobile number has 11 digits and starts with 13 to 19, like 138 0013 8000. Check for a missing or extra digit."));
      else
        {
          g_autofree char *e164 = g_strconcat ("+86", national, NULL);
          rs_validation_set_field (v, "e164", e164);
          rs_validation_set_field (v, "kind", "cn-mobile");
        }
      return v;
    }

  if (!plus)
    {
      rs_validation_add (v, "format", RS_SEVERITY_WARNING, "%s",
                         _("Add the country code with + in front (for example +852 for Hong Kong), so that the number can be reached from abroad."));
      return v;
    }
  /* E.164: at most 15 digits including the country code, which never
   * starts with 0. */
  if (digits->len < 8 || digits->len > 15 || digits->str[0] == '0')
    rs_validation_add (v, "format", RS_SEVERITY_WARNING, "%s",
                       _("An international phone number has a country code and 8 to 15 digits in all, like +852 2123 4567. Check for a missing or extra digit."));
  else
    rs_validation_set_field (v, "e164", rs_validation_get_normalized (v));
  return v;
}

RsValidation *
rs_validate_email (const char *input)
{
  g_autofree char *norm = nfkc_trim (input);
  const char *at, *domain;
  RsValidation *v;
  gboolean ok = TRUE;

  at = strchr (norm, '@');
  if (at)
    {
      /* Domains are case-insensitive; the local part may not be. */
      g_autofree char *lower = g_ascii_strdown (at, -1);
      g_autofree char *local = g_strndup (norm, (gsize) (at - norm));
      g_autofree char *joined = g_strconcat (local, lower, NULL);
      v = rs_validation_new (joined);
    }
  else
    v = rs_validation_new (norm);

  if (*norm == '\0')
    {
      rs_validation_add (v, "required", RS_SEVERITY_WARNING, "%s",
                         _("The e-mail address is empty."));
      return v;
    }

  if (at == NULL || at == norm || strchr (at + 1, '@') != NULL)
    ok = FALSE;
  else
    {
      domain = at + 1;
      if (strchr (domain, '.') == NULL || domain[0] == '.' || g_str_has_suffix (domain, ".") ||
          strstr (domain, "..") != NULL || norm[0] == '.' || at[-1] == '.' || strstr (norm, "..") != NULL)
        ok = FALSE;
      for (const char *p = norm; *p && ok; p++)
        if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>' || *p == '"')
          ok = FALSE;
      for (const char *p = domain; *p && ok; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && (guchar) *p < 0x80)
          ok = FALSE;
    }
  if (!ok)
    rs_validation_add (v, "format", RS_SEVERITY_WARNING, "%s",
                       _("This does not look like an e-mail address (name@example.com): check for a missing @ or dot, spaces or a typo."));
  return v;
}
