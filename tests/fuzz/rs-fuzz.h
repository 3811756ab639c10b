/* rs-fuzz.h: what every fuzz harness shares.
 *
 * Each harness defines LLVMFuzzerTestOneInput().  Built with
 * -Dfuzzing=true (clang), libFuzzer drives it; in every other build
 * rs-fuzz-replay.c supplies main() and replays the files given, so the
 * regression inputs run in the normal suite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A private scratch folder for this process, with XDG_* pointed into it so
 * that nothing outside is read or written; created on first use. */
const char *rs_fuzz_scratch (void);
/* Writes @data to @name in the scratch folder; returns the path (static). */
const char *rs_fuzz_write   (const char    *name,
                             const uint8_t *data,
                             size_t         size);
/* Empties @dir (a path inside the scratch folder), keeping @dir. */
void        rs_fuzz_empty   (const char    *dir);
void        rs_fuzz_cleanup_at_exit (void);

G_END_DECLS
