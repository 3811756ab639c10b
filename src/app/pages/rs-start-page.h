/* rs-start-page.h: step 1 — platform, document and what went wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-page.h"

G_BEGIN_DECLS

#define RS_TYPE_START_PAGE (rs_start_page_get_type ())
G_DECLARE_FINAL_TYPE (RsStartPage, rs_start_page, RS, START_PAGE, RsPage)

/* The draft support message for a failed upload, in the UI language.  It
 * names the platform and document type, never the ID number or any other
 * detail the user typed. */
char *rs_start_page_build_support_message (RsStartPage *self);

/* Item ids for rs_page_focus_item(): "profile", "document", "reasons". */

G_END_DECLS
