/* rs-cli.c: helpers shared by the resubmit-check subcommands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-cli.h"
#include "rs-validate.h"

int
rs_cli_fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  return 2;
}

void
rs_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

gboolean
rs_cli_parse_options (GOptionContext *context,
                      int            *argc,
                      char         ***argv,
                      int            *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = rs_cli_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
rs_cli_get_today (GDateTime **now,
                  int        *status)
{
  const char *env = g_getenv ("RESUBMIT_TODAY");
  g_autofree char *iso = NULL;
  int y, m, d;

  *now = NULL;
  if (env == NULL || *env == '\0')
    return TRUE;
  iso = rs_normalize_date (env);
  if (iso != NULL && sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    *now = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (*now == NULL)
    {
      *status = rs_cli_fail (_("RESUBMIT_TODAY is “%s”, but it must be a date like 2025-01-31."),
                             env);
      return FALSE;
    }
  return TRUE;
}

/* Switch the gettext language of this process; FALSE for an unknown one. */
static gboolean
apply_lang (const char *lang)
{
  const char *messages;

  if (!g_str_equal (lang, "zh_CN") && !g_str_equal (lang, "en"))
    return FALSE;
  g_setenv ("LANGUAGE", lang, TRUE);
  setlocale (LC_ALL, "");
  /* gettext ignores LANGUAGE in the plain C locale. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  return TRUE;
}

gboolean
rs_cli_apply_lang_option (int    argc,
                          char **argv,
                          int   *status)
{
  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (g_str_has_prefix (argv[i], "--lang="))
        value = argv[i] + strlen ("--lang=");
      else if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        value = argv[i + 1];
      if (value != NULL && !apply_lang (value))
        {
          *status = rs_cli_fail (_("Unknown language “%s”. Use zh_CN or en."), value);
          return FALSE;
        }
    }
  return TRUE;
}
