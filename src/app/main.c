/* main.c: the Resubmit app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-application.h"
#include "rs-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RsApplication) app = NULL;

  rs_i18n_init ();
  g_set_application_name (_("Resubmit"));

  app = rs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
