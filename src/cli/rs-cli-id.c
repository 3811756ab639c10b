/* rs-cli-id.c: resubmit-check id, mrz and details.
 *
 * Each prints one JSON object on stdout and exits 0 when valid, 1 when
 * invalid, 2 on a usage or I/O error.  RESUBMIT_TODAY=YYYY-MM-DD pins
 * "today" (for tests and for checking as of another day).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rs-cli.h"
#include "rs-file.h"
#include "rs-validate.h"

/* "Today" from RESUBMIT_TODAY, or the current time. */
static gboolean
get_now (GDateTime **now,
         int        *status)
{
  if (!rs_cli_get_today (now, status))
    return FALSE;
  if (*now == NULL)
    *now = g_date_time_new_now_local ();
  return TRUE;
}

int
rs_cli_id_main (int    argc,
                char **argv)
{
  g_autofree char *type = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(RsValidation) v = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *types = NULL;
  g_autofree char *description = NULL;
  int status = 2;
  const GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type,
      N_("Document type: cn-ric, hk-hkid, mo-bir, tw-id, hk-mo-permit or tw-permit"), N_("TYPE") },
    { NULL }
  };

  context = g_option_context_new (_("VALUE — check an identity document number"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  types = g_strjoinv (", ", (char **) rs_validate_id_types ());
  description = g_strdup_printf (_("Prints one JSON object. Exit status: 0 valid, 1 invalid, 2 usage error.\nTypes: %s."), types);
  g_option_context_set_description (context, description);
  if (!rs_cli_parse_options (context, &argc, &argv, &status))
    return status;

  if (type == NULL)
    return rs_cli_fail ("%s", _("Give the document type with --type, for example --type cn-ric."));
  if (!rs_validate_id_type_is_supported (type))
    return rs_cli_fail (_("Unknown document type “%s”. Use one of: %s."), type, types);
  if (argc != 2)
    return rs_cli_fail ("%s", _("Give exactly one document number (quote it if it contains spaces)."));
  if (!get_now (&now, &status))
    return status;

  v = rs_validate_id (type, argv[1], now);
  node = rs_validation_to_json (v, type, argv[1]);
  rs_cli_print_json (node);
  return rs_validation_get_valid (v) ? 0 : 1;
}

int
rs_cli_mrz_main (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(RsValidation) v = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *input = NULL;
  int status = 2;

  context = g_option_context_new (_("LINE LINE [LINE] — check a passport or ID card machine-readable zone"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _("Give each MRZ line as one argument (quote it). Prints one JSON object. Exit status: 0 valid, 1 invalid, 2 usage error."));
  if (!rs_cli_parse_options (context, &argc, &argv, &status))
    return status;
  /* One argument is allowed too: a whole MRZ pasted as one line. */
  if (argc < 2 || argc > 4)
    return rs_cli_fail ("%s", _("Give the 2 or 3 lines of the MRZ, each as one argument."));
  if (!get_now (&now, &status))
    return status;

  v = rs_validate_mrz ((const char * const *) argv + 1, now);
  input = g_strjoinv ("\n", argv + 1);
  node = rs_validation_to_json (v, "mrz", input);
  rs_cli_print_json (node);
  return rs_validation_get_valid (v) ? 0 : 1;
}

static RsProfile *
load_profile (const char  *id,
              GError     **error)
{
  /* A path to a profile file, or the id of a built-in one. */
  if (g_str_has_suffix (id, ".json") || strchr (id, '/'))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (id);
      return rs_profile_new_from_file (file, error);
    }
  return rs_profile_load_builtin (id, error);
}

int
rs_cli_details_main (int    argc,
                     char **argv)
{
  g_autofree char *profile_id = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(RsDetailsCheck) check = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *document_type = NULL;
  gsize length;
  int status = 2;
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_id,
      N_("Platform profile (built-in id or .json file) for the minimum age and validity"), N_("ID") },
    { NULL }
  };

  context = g_option_context_new (_("FILE.json — check a details record with all cross-checks"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _("Prints one JSON object. Exit status: 0 valid, 1 invalid, 2 usage or I/O error."));
  if (!rs_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return rs_cli_fail ("%s", _("Give exactly one details file (JSON)."));
  if (!get_now (&now, &status))
    return status;

  if (!rs_file_read (argv[1], RS_FILE_MAX_DETAILS, RS_FILE_READ_FOLLOW_LINKS,
                     &contents, &length, &error))
    return rs_cli_fail ("%s", error->message);
  fields = rs_details_from_data (contents, (gssize) length, &document_type, &error);
  if (fields == NULL)
    return rs_cli_fail ("%s: %s", argv[1], error->message);

  if (profile_id)
    {
      profile = load_profile (profile_id, &error);
      if (profile == NULL)
        return rs_cli_fail ("%s", error->message);
    }

  check = rs_details_check (document_type, fields, profile, now);
  node = rs_details_check_to_json (check, argv[1]);
  rs_cli_print_json (node);
  return rs_details_check_get_valid (check) ? 0 : 1;
}
