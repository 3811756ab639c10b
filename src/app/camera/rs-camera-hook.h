/* rs-camera-hook.h: connects "Take Photo" on the Photos page to the camera.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-photos-page.h"

G_BEGIN_DECLS

/* Shows the slots' "Take Photo" buttons; pressing one opens the camera
 * window for that slot.  The captured picture goes through
 * rs_photos_page_add_files() like any imported file; "Import a File
 * Instead" opens the slot's file chooser. */
void rs_camera_hook_attach (RsPhotosPage *page);

G_END_DECLS
