/* rs-recent.h: keeping ID photos out of the desktop's recent-files list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rs-session.h"

G_BEGIN_DECLS

/* From now on, whenever the recent-files list changes (our file choosers,
 * or a file chooser portal, adding what the user picked), the entries
 * rs_recent_forget_ours() matches are removed again, for as long as
 * @session lives. */
void  rs_recent_watch       (GtkRecentManager *manager,
                             RsSession        *session);
/* Removes from the recent-files list every entry an earlier version (or a
 * file chooser portal) added for us: entries registered by Resubmit, the
 * photos of @session (may be NULL), files in our data and cache folders,
 * and bundle zips.  URIs removed are appended to @removed (may be NULL).
 * Returns how many. */
guint rs_recent_forget_ours (GtkRecentManager *manager,
                             RsSession        *session,
                             GPtrArray        *removed);

G_END_DECLS
