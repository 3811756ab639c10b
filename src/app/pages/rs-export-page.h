/* Owned by the Review/Export page helper. */
/* rs-export-page.h: step 5 — write the bundle (folder or .zip), show the
 * progress, then open it, copy its checklist and show its verification.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-page.h"
#include "rs-bundle.h"

G_BEGIN_DECLS

#define RS_TYPE_EXPORT_PAGE (rs_export_page_get_type ())
G_DECLARE_FINAL_TYPE (RsExportPage, rs_export_page, RS, EXPORT_PAGE, RsPage)

typedef enum {
  RS_EXPORT_PAGE_STATE_OPTIONS,   /* choosing where and how */
  RS_EXPORT_PAGE_STATE_EXPORTING, /* progress bar, Cancel */
  RS_EXPORT_PAGE_STATE_DONE,      /* "Bundle Ready" */
} RsExportPageState;

RsExportPageState     rs_export_page_get_state         (RsExportPage *self);

/* The folder the bundle is created in (default: ~/Documents or $HOME). */
const char           *rs_export_page_get_parent_folder (RsExportPage *self);
void                  rs_export_page_set_parent_folder (RsExportPage *self,
                                                        const char   *path);
/* The bundle's name without ".zip" (default "Resubmit-<profile>-<date>"). */
const char           *rs_export_page_get_bundle_name   (RsExportPage *self);
void                  rs_export_page_set_bundle_name   (RsExportPage *self,
                                                        const char   *name);
gboolean              rs_export_page_get_zip           (RsExportPage *self);
void                  rs_export_page_set_zip           (RsExportPage *self,
                                                        gboolean      zip);
gboolean              rs_export_page_get_mask_id_number (RsExportPage *self);
/* The path that Export will write: parent folder / name[.zip]. */
char                 *rs_export_page_get_target        (RsExportPage *self);

/* The same as the Export button: asks first when the target exists. */
void                  rs_export_page_export            (RsExportPage *self);
/* The same as the Cancel button while exporting. */
void                  rs_export_page_cancel            (RsExportPage *self);

/* After a successful export: the bundle written, and (once the check has
 * run) its verification; NULL before. */
const char           *rs_export_page_get_result_path   (RsExportPage *self);
RsBundleVerification *rs_export_page_get_verification  (RsExportPage *self);
/* The message of the last failed export, or NULL. */
const char           *rs_export_page_get_last_error    (RsExportPage *self);
/* checklist.txt of the written bundle (folder or zip), or NULL with @error. */
char                 *rs_export_page_read_checklist    (RsExportPage *self,
                                                        GError      **error);

G_END_DECLS
