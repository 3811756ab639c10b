/* rs-json.c: a pre-scan before json-glib sees untrusted JSON.
 *
 * json-glib 1.6 parses recursively without a depth limit, and it keeps a
 * string only up to an embedded NUL, so "王\u0000丽" would silently become
 * "王".  Both are refused here with an error the caller can show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "rs-json.h"

G_DEFINE_QUARK (rs-json-error-quark, rs_json_error)

static gboolean
is_nul_escape (const char *p,
               const char *end)
{
  /* p points at the 'u' after a backslash. */
  return end - p >= 5 && p[1] == '0' && p[2] == '0' && p[3] == '0' && p[4] == '0';
}

gboolean
rs_json_check (const char  *data,
               gsize        length,
               GError     **error)
{
  const char *end;
  gboolean in_string = FALSE;
  gboolean any = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* An empty GBytes has no data pointer at all (NULL + 0 is undefined). */
  if (length == 0)
    {
      g_set_error (error, RS_JSON_ERROR, RS_JSON_ERROR_EMPTY, "%s", _("it is empty"));
      return FALSE;
    }
  end = data + length;

  for (const char *p = data; p < end; p++)
    {
      char c = *p;

      if (c == '\0')
        {
          g_set_error (error, RS_JSON_ERROR, RS_JSON_ERROR_NUL, "%s",
                       _("it contains a NUL character, which no text field may hold"));
          return FALSE;
        }
      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            {
              p++;
              if (*p == 'u' && is_nul_escape (p, end))
                {
                  g_set_error (error, RS_JSON_ERROR, RS_JSON_ERROR_NUL, "%s",
                               _("it contains a NUL character (\\u0000), which no text "
                                 "field may hold"));
                  return FALSE;
                }
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          any = TRUE;
          break;
        case '[':
        case '{':
          any = TRUE;
          if (++depth > RS_JSON_MAX_DEPTH)
            {
              g_set_error (error, RS_JSON_ERROR, RS_JSON_ERROR_TOO_DEEP,
                           _("it is nested more than %d levels deep, far more than any "
                             "file of Resubmit"), RS_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
          break;
        default:
          any = TRUE;
          break;
        }
    }
  if (!any)
    {
      g_set_error (error, RS_JSON_ERROR, RS_JSON_ERROR_EMPTY, "%s", _("it is empty"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rs_json_load (JsonParser  *parser,
              const char  *data,
              gsize        length,
              GError     **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (!rs_json_check (data, length, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, (gssize) length, error))
    return FALSE;
  /* json-glib accepts some inputs without a value and sets no error. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, RS_JSON_ERROR, RS_JSON_ERROR_EMPTY, "%s", _("it is empty"));
      return FALSE;
    }
  return TRUE;
}
