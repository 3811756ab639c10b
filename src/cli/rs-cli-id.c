/* Not written yet: the validators issue replaces this file. */
#include "rs-cli.h"
#include <glib/gi18n.h>

int rs_cli_id_main (int argc, char **argv) { return rs_cli_fail ("%s", _("This command is not available yet.")); }
int rs_cli_mrz_main (int argc, char **argv) { return rs_cli_fail ("%s", _("This command is not available yet.")); }
int rs_cli_details_main (int argc, char **argv) { return rs_cli_fail ("%s", _("This command is not available yet.")); }
