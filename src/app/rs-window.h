/* rs-window.h: the main window: header bar with the step indicator, toasts
 * and the wizard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rs-navigator.h"

G_BEGIN_DECLS

#define RS_TYPE_WINDOW (rs_window_get_type ())
G_DECLARE_FINAL_TYPE (RsWindow, rs_window, RS, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests). */
RsWindow        *rs_window_new               (GtkApplication *application);

RsSession       *rs_window_get_session       (RsWindow       *self);
RsNavigator     *rs_window_get_navigator     (RsWindow       *self);
AdwToastOverlay *rs_window_get_toast_overlay (RsWindow       *self);
void             rs_window_show_toast        (RsWindow       *self,
                                              const char     *message);

/* Looks for a draft and offers to resume it (AdwMessageDialog: Resume /
 * Start Over), reports a corrupt or too-new draft, then arms autosave: the
 * draft is written from the first thing the user chooses or types.  Called
 * once when the window is first mapped, unless $RESUBMIT_NO_DRAFT_CHECK is
 * set (then there is no draft handling at all: for tests that open several
 * windows and do not want the dialog); drafts live in $XDG_DATA_HOME, which
 * rs_test_init() points to a temporary directory. */
void             rs_window_check_draft       (RsWindow       *self);

/* Resumes from the bundle at @file (a folder, its manifest.json or a .zip;
 * see rs-bundle-open.h): asks first (Replace / Cancel) when the session or
 * a draft on disk already holds work, then loads it, rebuilds the pages and
 * shows the Review step with a toast; a bundle that fails verification
 * opens with a dialog listing its problems.  Presents the window.  Called
 * by the application's "open" and the win.open-bundle action (Ctrl+O). */
void             rs_window_open_bundle       (RsWindow       *self,
                                              GFile          *file);

G_END_DECLS
