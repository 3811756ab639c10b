/* rs-file.h: one bounded, link-refusing way to read the files the core parses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RS_FILE_ERROR (rs_file_error_quark ())

typedef enum {
  RS_FILE_ERROR_TOO_LARGE,    /* larger than the cap for its kind */
  RS_FILE_ERROR_NOT_REGULAR,  /* a folder, device, pipe … */
  RS_FILE_ERROR_SYMLINK,      /* a symbolic link: never followed */
} RsFileError;

/* Size caps per kind of file, shared by every reader (folder or zip). */
#define RS_FILE_MAX_MANIFEST ((gsize) 4 * 1000 * 1000)
#define RS_FILE_MAX_SUMS     ((gsize) 1 * 1000 * 1000)
#define RS_FILE_MAX_PROFILE  ((gsize) 1 * 1000 * 1000)
#define RS_FILE_MAX_DRAFT    ((gsize) 16 * 1000 * 1000)
#define RS_FILE_MAX_DETAILS  ((gsize) 1 * 1000 * 1000)
#define RS_FILE_MAX_PHOTO    ((gsize) 64 * 1000 * 1000)

typedef enum {
  RS_FILE_READ_DEFAULT      = 0,       /* refuse symbolic links */
  RS_FILE_READ_FOLLOW_LINKS = 1 << 0,  /* for a path the user typed */
} RsFileReadFlags;

GQuark    rs_file_error_quark (void);

gboolean  rs_file_read        (const char  *path,
                               gsize        max_bytes,
                               RsFileReadFlags flags,
                               char       **contents,
                               gsize       *length,
                               GError     **error);

G_END_DECLS
