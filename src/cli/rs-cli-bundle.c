/* Not written yet: the export issue replaces this file. */
#include "rs-cli.h"
#include <glib/gi18n.h>

int rs_cli_export_main (int argc, char **argv) { return rs_cli_fail ("%s", _("This command is not available yet.")); }
int rs_cli_bundle_main (int argc, char **argv) { return rs_cli_fail ("%s", _("This command is not available yet.")); }
