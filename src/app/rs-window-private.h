/* rs-window-private.h: what the files of the main window share.
 *
 * rs-window.c: the window, its actions, "Delete All My Data" and its
 * state; rs-window-drafts.c: the draft lifecycle (autosave, the resume
 * question, resuming, starting over); rs-window-bundle.c: opening an
 * exported bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-draft.h"
#include "rs-window.h"

G_BEGIN_DECLS

struct _RsWindow
{
  AdwApplicationWindow  parent_instance;

  RsSession            *session;
  RsDraftAutosave      *autosave;
  char                 *draft_path;
  gboolean              draft_checked;
  gboolean              autosave_armed;
  /* Opening a bundle took over the draft question (see rs_window_open_bundle). */
  gboolean              bundle_took_draft_check;
  GtkWidget            *resume_dialog;  /* weak: the "Resume your draft?" question */
  GCancellable         *open_cancellable;

  AdwWindowTitle       *step_title;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *announcer;
  GtkMenuButton        *menu_button;
  RsNavigator          *navigator;
};

/* rs-window-drafts.c */
gboolean rs_window_session_has_user_data (RsSession *session);
void rs_window_maybe_start_autosave (RsWindow *self, gboolean save_now);
void rs_window_session_changed_cb (RsWindow *self);
void rs_window_show_restored_session (RsWindow *self, GType page_type, int step);

/* rs-window-bundle.c */
void rs_window_open_bundle_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data);

G_END_DECLS
