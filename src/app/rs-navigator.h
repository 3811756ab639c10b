/* rs-navigator.h: the wizard's page stack with Back and Next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rs-page.h"

G_BEGIN_DECLS

#define RS_TYPE_NAVIGATOR (rs_navigator_get_type ())
G_DECLARE_FINAL_TYPE (RsNavigator, rs_navigator, RS, NAVIGATOR, GtkWidget)

/* Creates every page registered in rs-pages.c for @session. */
GtkWidget *rs_navigator_new               (RsSession   *session);
/* Creates pages of the given types instead (tests, or a shorter wizard). */
GtkWidget *rs_navigator_new_with_types    (RsSession   *session,
                                           const GType *page_types,
                                           guint        n_page_types);

RsSession *rs_navigator_get_session       (RsNavigator *self);
guint      rs_navigator_get_n_pages       (RsNavigator *self);
RsPage    *rs_navigator_get_page          (RsNavigator *self,
                                           guint        index);
/* The first page of @page_type, or NULL. */
RsPage    *rs_navigator_find_page         (RsNavigator *self,
                                           GType        page_type);
guint      rs_navigator_get_step          (RsNavigator *self);
RsPage    *rs_navigator_get_current_page  (RsNavigator *self);

gboolean   rs_navigator_get_can_go_back   (RsNavigator *self);
gboolean   rs_navigator_get_can_go_next   (RsNavigator *self);
gboolean   rs_navigator_get_busy          (RsNavigator *self);

/* Next: runs the current page's apply step, then moves on if it succeeds. */
void       rs_navigator_next              (RsNavigator *self);
void       rs_navigator_back              (RsNavigator *self);
/* Jumps to @step without running apply (Review's "Fix", resuming a draft). */
void       rs_navigator_go_to_step        (RsNavigator *self,
                                           guint        step);
gboolean   rs_navigator_go_to_item        (RsNavigator *self,
                                           GType        page_type,
                                           const char  *item_id);
/* The first step whose page is not complete (n_pages when all are). */
guint      rs_navigator_get_first_incomplete_step (RsNavigator *self);

/* Throws the pages away and builds them again from the session (after a
 * draft was loaded into it or it was reset). */
void       rs_navigator_rebuild           (RsNavigator *self);

G_END_DECLS
