/* Owned by the Review/Export page helper. */
/* rs-review-page.h: step 4 — one checklist of everything that decides the
 * resubmission, with "Fix" buttons and the user's own confirmations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-page.h"

G_BEGIN_DECLS

#define RS_TYPE_REVIEW_PAGE (rs_review_page_get_type ())
G_DECLARE_FINAL_TYPE (RsReviewPage, rs_review_page, RS, REVIEW_PAGE, RsPage)

typedef enum {
  RS_REVIEW_STATUS_PASS,
  RS_REVIEW_STATUS_WARNING, /* needs an acknowledgment (or a confirmation) */
  RS_REVIEW_STATUS_FAIL,    /* blocks the export */
  RS_REVIEW_STATUS_PENDING, /* the photo is still being checked */
  RS_REVIEW_STATUS_UNKNOWN, /* no such item */
} RsReviewStatus;

/* Acknowledgment keys of the user's confirmations ("confirm:<id>"). */
#define RS_REVIEW_CONFIRM_COMPARED "confirm:compared-details"
#define RS_REVIEW_CONFIRM_ORIGINAL "confirm:original-document"
#define RS_REVIEW_CONFIRM_VALID    "confirm:document-valid"

/* Item ids (also the rows' widget names): "setup", "details:<field>",
 * "details:record", "photo:<slot>", "files", and the confirmation keys
 * above.  Each warning row has a check button named "<item>:acknowledge";
 * each non-pass row a "Fix" button named "<item>:fix". */

/* Checks everything again (also done whenever the page is shown).  Photo
 * checks run off the main thread in the session's photo model, which keeps
 * the results by file (a photo the Photos step checked is not checked
 * again). */
void           rs_review_page_refresh          (RsReviewPage *self);
/* TRUE while photos are being checked. */
gboolean       rs_review_page_get_busy         (RsReviewPage *self);
RsReviewStatus rs_review_page_get_item_status  (RsReviewPage *self,
                                                const char   *item_id);
/* Items that fail, and warnings not acknowledged yet (confirmations
 * included): what stands between the user and the export. */
guint          rs_review_page_count_failures   (RsReviewPage *self);
guint          rs_review_page_count_unacknowledged (RsReviewPage *self);
/* Photo checks this page asked the model for since it was made (photos
 * the model had no report of). */
guint          rs_review_page_get_n_photo_checks (RsReviewPage *self);

/* Item ids for rs_page_focus_item(): the item ids above. */

G_END_DECLS
