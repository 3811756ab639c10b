/* rs-eval-truth.h: the ground truth of an evaluation frame (midv-dev's
 * FRAME.json: {"quad": [[x, y] × 4], "width": …, "height": …}).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rs-locate.h"

G_BEGIN_DECLS

/* Reads the document outline of @json_path into @quad.  @image_width > 0:
 * scaled from the JSON's "width" to an image that wide (the frame as
 * decoded); 0: as written.  FALSE with @error set when the file cannot be
 * read or has no four-point "quad". */
gboolean rs_eval_read_truth (const char *json_path,
                             int         image_width,
                             RsQuad     *quad,
                             GError    **error);

G_END_DECLS
