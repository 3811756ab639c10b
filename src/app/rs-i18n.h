/* rs-i18n.h: set up gettext for the app and its tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* setlocale() and bind our domain to $RESUBMIT_LOCALEDIR (uninstalled runs
 * and tests) or to the installed LOCALEDIR. */
void rs_i18n_init (void);

G_END_DECLS
