/* resubmit-check: the headless face of the core.  Every subcommand prints
 * JSON on stdout; exit 0 valid, 1 invalid, 2 usage or I/O error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <glib/gi18n.h>

#include "rs-cli.h"

static const struct {
  const char *name;
  int (*main) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "id", rs_cli_id_main, N_("Check an identity document number") },
  { "mrz", rs_cli_mrz_main, N_("Check a passport machine-readable zone") },
  { "details", rs_cli_details_main, N_("Check a details record with all cross-checks") },
  { "photo", rs_cli_photo_main, N_("Check photos of a document") },
  { "export", rs_cli_export_main, N_("Write an upload-ready bundle") },
  { "bundle", rs_cli_bundle_main, N_("Verify a bundle") },
};

static int
usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: resubmit-check COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “resubmit-check COMMAND --help” for a command’s options."));
  return out == stdout ? 0 : 2;
}

int
main (int    argc,
      char **argv)
{
  const char *localedir;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("RESUBMIT_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage (stderr);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return usage (stdout);
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("resubmit-check %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].main (argc - 1, argv + 1);

  fprintf (stderr, _("Unknown command “%s”."), argv[1]);
  fputc ('\n', stderr);
  return usage (stderr);
}
