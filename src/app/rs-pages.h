/* rs-pages.h: the ordered list of wizard steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Number of registered steps. */
guint rs_pages_get_n_pages   (void);
/* The GType of step @index (0-based), an RsPage subclass. */
GType rs_pages_get_page_type (guint index);

/* Connects what a step needs from outside its own code, where the steps are
 * composed (the navigator calls it for each page it builds): the camera to
 * the Photos step's "Take Photo". */
void  rs_pages_compose       (gpointer page);

G_END_DECLS
