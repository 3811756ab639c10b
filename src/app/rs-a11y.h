/* rs-a11y.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *rs_a11y_strip_mnemonic (const char *text);
void  rs_a11y_set_name       (GtkWidget  *widget,
                              const char *name);
void  rs_a11y_name_once      (GtkWidget  *widget);
void  rs_a11y_fix_button     (GtkWidget  *button);
void  rs_a11y_mark_headings  (GtkWidget  *root);
void  rs_a11y_name_list      (GtkWidget  *container,
                              const char *name);
void  rs_a11y_set_announcer  (GtkWidget  *root,
                              GtkWidget  *announcer);
void  rs_a11y_announce       (GtkWidget  *widget,
                              const char *message);

G_END_DECLS
