/* rs-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RS_TYPE_APPLICATION (rs_application_get_type ())
G_DECLARE_FINAL_TYPE (RsApplication, rs_application, RS, APPLICATION, AdwApplication)

RsApplication *rs_application_new                (void);

/* Files given on the command line or with "Open With", not yet taken by
 * the Photos step.  Returns them (GFile, in the order given; transfer full,
 * possibly empty) and forgets them.  The "files-opened" signal says that
 * new files are waiting. */
GPtrArray     *rs_application_take_pending_files (RsApplication *self);
guint          rs_application_get_n_pending_files (RsApplication *self);

G_END_DECLS
