/* rs-details-page.h: step 2 — the details as printed on the document,
 * checked live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-page.h"

G_BEGIN_DECLS

#define RS_TYPE_DETAILS_PAGE (rs_details_page_get_type ())
G_DECLARE_FINAL_TYPE (RsDetailsPage, rs_details_page, RS, DETAILS_PAGE, RsPage)

/* How long after the last keystroke the fields are checked. */
#define RS_DETAILS_PAGE_CHECK_DELAY_MS 250
/* However fast the user keeps typing, what was typed reaches the session
 * (and so the draft) at most this long after the first unchecked change. */
#define RS_DETAILS_PAGE_CHECK_MAX_DELAY_MS 500

/* Item ids for rs_page_focus_item(): the field ids of the current document
 * type (RS_FIELD_* in rs-validate.h), e.g. "id_number", "mrz", plus
 * "acknowledge" (the warnings check button). */

/* Checks the fields now instead of after the typing delay (tests, Next). */
void       rs_details_page_check_now          (RsDetailsPage *self);
/* Whether a check waits for the typing pause (what tests wait on). */
gboolean   rs_details_page_get_check_pending  (RsDetailsPage *self);

/* The editable widget of @field (an AdwEntryRow, AdwComboRow or, for the
 * long-term choice "valid_until:long-term", a GtkSwitch), or NULL. */
GtkWidget *rs_details_page_get_field_widget   (RsDetailsPage *self,
                                               const char    *field);

/* The message shown beneath @field ("" when none) and whether it is an
 * error, a warning or neither. */
const char *rs_details_page_get_field_message (RsDetailsPage *self,
                                               const char    *field);
gboolean   rs_details_page_field_has_error    (RsDetailsPage *self,
                                               const char    *field);
gboolean   rs_details_page_field_has_warning  (RsDetailsPage *self,
                                               const char    *field);

/* "Fill from photo" (the button is named "fill-from-photo"): the toast
 * text of the last fill, or NULL (tests). */
const char *rs_details_page_get_fill_message  (RsDetailsPage *self);

G_END_DECLS
