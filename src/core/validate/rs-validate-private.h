/* rs-validate-private.h: helpers shared inside the validate module.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-validate.h"

G_BEGIN_DECLS

/* @input made valid UTF-8 and NFKC-normalised (full-width forms become
 * ASCII); never NULL ("" for NULL).  g_free() it. */
char *rs_normalize_nfkc (const char *input);

void      rs_validation_add            (RsValidation *self,
                                        const char   *id,
                                        RsSeverity    severity,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (4, 5);
void      rs_validation_set_normalized (RsValidation *self,
                                        const char   *normalized);
/* Copy @other's issues into @self, setting their field to @field if non-NULL. */
void      rs_validation_take_issues    (RsValidation *self,
                                        RsValidation *other,
                                        const char   *field);
void      rs_issue_to_json             (JsonBuilder   *builder,
                                        const RsIssue *issue,
                                        gboolean       with_field);
void      rs_issues_to_json            (JsonBuilder   *builder,
                                        GPtrArray     *issues,
                                        RsSeverity     severity,
                                        gboolean       with_field);

/* Dates: GDate in the local calendar. */
void      rs_today                     (GDateTime    *now,
                                        GDate        *out);
gboolean  rs_date_parse_iso            (const char   *text,
                                        GDate        *out);
char     *rs_date_to_iso               (const GDate  *date);
/* Whole years from @from to @to (an age). */
int       rs_date_years_between        (const GDate  *from,
                                        const GDate  *to);

/* GB/T 2260 region codes (areacodes.tsv).  Returns FALSE when unknown;
 * otherwise @name (static), @first year, @last (exclusive; 0 while in use). */
gboolean  rs_region_lookup             (const char   *code,
                                        const char  **name,
                                        int          *first,
                                        int          *last);

/* ICAO 9303 check digit of @text (digits, A–Z, '<'); -1 on a bad character. */
int       rs_mrz_check_digit           (const char   *text,
                                        gssize        length);

G_END_DECLS
