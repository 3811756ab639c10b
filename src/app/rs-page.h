/* rs-page.h: one step of the wizard.
 *
 * A page is a widget that reads and writes the shared RsSession.  The
 * navigator shows one page at a time; "Next" is sensitive only while the
 * page is complete, and pressing it runs the page's optional asynchronous
 * apply step first.
 *
 * Subclasses with a .ui template: better not bind the page's direct child
 * (<property name="child">) with gtk_widget_class_bind_template_child():
 * gtk_widget_dispose_template() unparents it behind AdwBin's back, and
 * AdwBin's dispose then unparents a freed widget.  (The navigator empties
 * pages before destroying them, so this only bites pages used elsewhere.)
 * Pages read their state from the session when
 * they are constructed, then follow its per-part signals (rs-session.h): a
 * resumed draft or "Start over" updates them in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rs-session.h"

G_BEGIN_DECLS

#define RS_TYPE_PAGE (rs_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (RsPage, rs_page, RS, PAGE, AdwBin)

struct _RsPageClass
{
  AdwBinClass parent_class;

  /* The page became the visible step (also after Back). */
  void     (*shown)        (RsPage              *self);

  /* Optional: run when the user presses Next.  The navigator shows that it
   * is busy, and stays on this page with the error as a toast when
   * apply_finish() fails.  The default implementation succeeds at once. */
  void     (*apply_async)  (RsPage              *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
  gboolean (*apply_finish) (RsPage              *self,
                            GAsyncResult        *result,
                            GError             **error);

  /* Optional: move the keyboard focus to a field or slot (the Review page's
   * "Fix" buttons).  Returns FALSE when the page has no such item. */
  gboolean (*focus_item)   (RsPage              *self,
                            const char          *item_id);

  gpointer padding[8];
};

RsSession       *rs_page_get_session        (RsPage              *self);

/* The translated step name shown in the header bar. */
const char      *rs_page_get_title          (RsPage              *self);
void             rs_page_set_title          (RsPage              *self,
                                             const char          *title);

gboolean         rs_page_get_complete       (RsPage              *self);
void             rs_page_set_complete       (RsPage              *self,
                                             gboolean             complete);

/* TRUE while the page runs something the user should not walk away from
 * (an export): Back and Next are off meanwhile. */
gboolean         rs_page_get_busy           (RsPage              *self);
void             rs_page_set_busy           (RsPage              *self,
                                             gboolean             busy);

void             rs_page_shown              (RsPage              *self);
void             rs_page_apply_async        (RsPage              *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean         rs_page_apply_finish       (RsPage              *self,
                                             GAsyncResult        *result,
                                             GError             **error);
gboolean         rs_page_focus_item         (RsPage              *self,
                                             const char          *item_id);

/* The window's toast overlay, or NULL when the page is not in a window. */
AdwToastOverlay *rs_page_get_window_toast_overlay (RsPage        *self);
/* Shows @message as a toast in the window (no-op outside a window). */
void             rs_page_show_toast         (RsPage              *self,
                                             const char          *message);

/* Switch the wizard to the page of type @page_type and focus @item_id on it
 * (NULL: just show the page; an item the page does not know: the page is
 * shown as with NULL).  Used by the Review page's "Fix" buttons.  Activates
 * the navigator's "navigator.go-to" action; returns FALSE when no navigator
 * contains @self. */
gboolean         rs_page_go_to              (RsPage              *self,
                                             GType                page_type,
                                             const char          *item_id);

G_END_DECLS
