/* rs-test-screenshot.h: shared helpers for the GUI tests in tests/app.
 *
 * Screenshots go to $RS_SCREENSHOT_DIR, else <G_TEST_BUILDDIR>/app/screenshots
 * (that is <builddir>/tests/app/screenshots), as <name>-<lang>.png where
 * <lang> is "en" or "zh_CN" depending on $LANGUAGE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rs-application.h"
#include "rs-session.h"

G_BEGIN_DECLS

/* gtk_init + adw_init, the app's gettext setup, no animations, and fresh
 * temporary XDG data/cache/config dirs (so no real draft or profile is
 * read or written).  Call instead of g_test_init(). */
void        rs_test_init                     (int          *argc,
                                              char       ***argv);

/* A registered, non-unique RsApplication (the en and zh_CN runs may share
 * one session bus), held so that it lives while the tests present their
 * own windows.  Undo with rs_test_application_free(). */
RsApplication *rs_test_application_new       (void);
/* Releases and unrefs *@app, and sets it to NULL. */
void        rs_test_application_free         (RsApplication **app);

/* The text our own process put on @widget's clipboard (the local content,
 * no round trip through the display server). */
char       *rs_test_clipboard_text           (GtkWidget    *widget);

/* "en" or "zh_CN". */
const char *rs_test_get_lang                 (void);
gboolean    rs_test_is_chinese               (void);

/* The temporary XDG_CONFIG_HOME made by rs_test_init(). */
const char *rs_test_get_config_dir           (void);

/* Runs the main loop for @ms milliseconds (layout, idles, timeouts). */
void        rs_test_wait                     (guint         ms);
/* Runs the main loop until @condition returns TRUE or @timeout_ms passes;
 * returns the condition's last value. */
gboolean    rs_test_wait_until               (gboolean    (*condition) (gpointer data),
                                              gpointer      data,
                                              guint         timeout_ms);

/* Conditions to wait on instead of fixed sleeps (each returns FALSE when
 * the timeout passed first). */
/* Until @widget is mapped and has a size (a presented window laid out). */
gboolean    rs_test_wait_mapped              (GtkWidget    *widget,
                                              guint         timeout_ms);
/* Until @widget's frame clock has drawn a frame after this call (a scroll
 * or a state change shown). */
gboolean    rs_test_wait_frame               (GtkWidget    *widget,
                                              guint         timeout_ms);
/* Until the main loop has run what is ready at a higher priority than
 * G_PRIORITY_LOW (layout, drawing, idles, finished tasks, destroyed
 * windows' clean-up). */
gboolean    rs_test_wait_idle                (guint         timeout_ms);
/* Until a GtkFileChooser shows @folder as its current folder, or has
 * @file selected: both are set asynchronously (the chooser first asks
 * the file system about them). */
gboolean    rs_test_wait_chooser_folder      (GtkWidget    *chooser,
                                              GFile        *folder,
                                              guint         timeout_ms);
gboolean    rs_test_wait_chooser_file        (GtkWidget    *chooser,
                                              GFile        *file,
                                              guint         timeout_ms);

/* Depth-first search under @root for a widget of @type (G_TYPE_NONE: any)
 * whose gtk_widget_get_name() is @name (NULL: any). */
GtkWidget  *rs_test_find_widget              (GtkWidget    *root,
                                              GType         type,
                                              const char   *name);
/* The first GtkButton under @root whose label (mnemonic removed) is @label. */
GtkWidget  *rs_test_find_button_by_label     (GtkWidget    *root,
                                              const char   *label);
/* An open AdwMessageDialog (any toplevel), or NULL. */
AdwMessageDialog *rs_test_find_message_dialog (void);
/* Until a message dialog is shown (@shown) or none is. */
gboolean    rs_test_wait_message_dialog      (gboolean      shown,
                                              guint         timeout_ms);

/* Clicks the button of @response in @dialog, as the user would (the dialog
 * then closes itself; adw_message_dialog_response() alone does not close
 * it in libadwaita 1.2). */
void        rs_test_message_dialog_click     (AdwMessageDialog *dialog,
                                              const char   *response);

/* Renders the window (or popover) that @widget is in to
 * <dir>/<name>-<lang>.png and returns the path.
 * Fails the test if nothing could be written. */
char       *rs_test_screenshot               (GtkWidget    *widget,
                                              const char   *name);

/* Every text the user can see under @root: labels (row titles, subtitles
 * and button labels are labels too), tooltips of visible widgets and the
 * window title.  Only mapped widgets count. */
GPtrArray  *rs_test_collect_visible_texts    (GtkWidget    *root);
void        rs_test_assert_mnemonics_unique  (GtkWidget    *root);
void        rs_test_assert_min_width         (GtkWidget    *root,
                                              int           width);

/* Excludes @widget and its children from rs_test_assert_translated(): for
 * text the user typed or file paths. */
void        rs_test_translation_ignore       (GtkWidget    *widget);
/* rs_test_translation_ignore() on every label under @root that shows data:
 * a value of one of @session's fields, or a path or e-mail address. */
void        rs_test_translation_ignore_data  (GtkWidget    *root,
                                              RsSession    *session);

/* The visible file chooser dialog (any toplevel), or NULL; and conditions
 * for rs_test_wait_until() on it. */
GtkWidget  *rs_test_find_file_chooser        (void);
gboolean    rs_test_has_file_chooser         (gpointer      data);
gboolean    rs_test_no_file_chooser          (gpointer      data);

/* In the zh_CN run, fails the test (listing every offender) when a visible
 * text still contains a Latin word outside the allow-list (OKX, ID, MRZ,
 * JPEG, PNG, HEIC, WebP, PDF, e-mail, …) and @extra_allowed (NULL-terminated,
 * may be NULL).  Does nothing in the English run.  @what names the screen in
 * the failure message.  Returns the number of offending texts. */
guint       rs_test_assert_translated        (GtkWidget    *root,
                                              const char   *what,
                                              const char * const *extra_allowed);

/* The visible texts under @root that contain a Latin word outside the
 * allow-list, formatted for a message (any language; never fails). */
GPtrArray  *rs_test_list_untranslated        (GtkWidget    *root,
                                              const char * const *extra_allowed);

G_END_DECLS
