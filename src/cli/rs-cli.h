/* rs-cli.h: subcommands of resubmit-check.  Each gets argv with argv[0] set
 * to the subcommand's name and returns the process exit status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

G_BEGIN_DECLS

int rs_cli_id_main      (int argc, char **argv); /* rs-cli-id.c */
int rs_cli_mrz_main     (int argc, char **argv); /* rs-cli-id.c */
int rs_cli_details_main (int argc, char **argv); /* rs-cli-id.c */
int rs_cli_photo_main   (int argc, char **argv); /* rs-cli-photo.c */
int rs_cli_export_main  (int argc, char **argv); /* rs-cli-bundle.c */
int rs_cli_bundle_main  (int argc, char **argv); /* rs-cli-bundle.c */

/* Shared helpers (rs-cli.c). */

/* Print a usage/I-O error as one line on stderr; returns 2. */
int      rs_cli_fail              (const char      *format,
                                   ...) G_GNUC_PRINTF (1, 2);
/* Print @node as pretty JSON on stdout (and flush). */
void     rs_cli_print_json        (JsonNode        *node);
/* g_option_context_parse(); on failure prints why, sets *@status to 2 and
 * returns FALSE. */
gboolean rs_cli_parse_options     (GOptionContext  *context,
                                   int             *argc,
                                   char          ***argv,
                                   int             *status);
/* "Today" pinned by RESUBMIT_TODAY=YYYY-MM-DD (noon, local time), or NULL
 * in *@now when the variable is unset.  When it is set but not a date:
 * prints why, sets *@status to 2 and returns FALSE. */
gboolean rs_cli_get_today         (GDateTime      **now,
                                   int             *status);
/* Honour --lang zh_CN|en (or --lang=…) in @argv before any text is
 * translated: GLib decides once per process whether to translate.  An
 * unknown language: prints why, sets *@status to 2, returns FALSE. */
gboolean rs_cli_apply_lang_option (int              argc,
                                   char           **argv,
                                   int             *status);

G_END_DECLS
