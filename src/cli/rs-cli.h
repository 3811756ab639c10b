/* rs-cli.h: subcommands of resubmit-check.  Each gets argv with argv[0] set
 * to the subcommand's name and returns the process exit status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

int rs_cli_id_main      (int argc, char **argv); /* rs-cli-id.c */
int rs_cli_mrz_main     (int argc, char **argv); /* rs-cli-id.c */
int rs_cli_details_main (int argc, char **argv); /* rs-cli-id.c */
int rs_cli_photo_main   (int argc, char **argv); /* rs-cli-photo.c */
int rs_cli_export_main  (int argc, char **argv); /* rs-cli-bundle.c */
int rs_cli_bundle_main  (int argc, char **argv); /* rs-cli-bundle.c */

/* Shared helper: print a usage/I-O error as one line on stderr; returns 2. */
int rs_cli_fail         (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
