/* rs-settings.h: the app's GSettings, when its schema is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The shared io.github.resubmit.Resubmit settings, or NULL when the schema
 * is not installed (an uninstalled run): callers then simply do not
 * remember anything.  The returned object is owned by the app. */
GSettings *rs_settings_get_default (void);

G_END_DECLS
