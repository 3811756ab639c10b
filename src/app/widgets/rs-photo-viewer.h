/* rs-photo-viewer.h: a photo shown large, with its outline and marks.
 *
 * Opened from a preview (click, Space or Enter); zoom with +/-, 0 to fit,
 * Ctrl+scroll; Escape closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "rs-photo-check.h"

G_BEGIN_DECLS

#define RS_TYPE_PHOTO_VIEWER (rs_photo_viewer_get_type ())
G_DECLARE_FINAL_TYPE (RsPhotoViewer, rs_photo_viewer, RS, PHOTO_VIEWER, GtkWindow)

/* @report (nullable): draws the outline and marks as the preview does. */
GtkWidget *rs_photo_viewer_new      (GtkWindow     *parent,
                                     GdkTexture    *texture,
                                     RsPhotoReport *report,
                                     const char    *title);
double     rs_photo_viewer_get_zoom (RsPhotoViewer *self);
void       rs_photo_viewer_set_zoom (RsPhotoViewer *self,
                                     double         zoom);

G_END_DECLS
