/* rs-bundle-private.h: test hooks of the bundle module.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-bundle.h"

G_BEGIN_DECLS

/* Simulate a failing disk: every file-system operation of the export fails
 * with @error_number (ENOSPC, EACCES, EROFS, ENOENT…) once @after_bytes
 * bytes have been written (0: the very first operation fails).  -1 turns
 * the simulation off. */
void rs_bundle_request_set_write_failure (RsBundleRequest *self,
                                          gint64           after_bytes,
                                          int              error_number);

G_END_DECLS
