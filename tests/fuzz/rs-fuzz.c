/* rs-fuzz.c: scratch files for the fuzz harnesses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <glib/gstdio.h>

#include "rs-fuzz.h"
#include "rs-cleanup.h"

static char *scratch;

const char *
rs_fuzz_scratch (void)
{
  if (scratch == NULL)
    {
      g_autofree char *data = NULL, *cache = NULL, *config = NULL;

      /* Harnesses never need the user's locale; messages in C. */
      setlocale (LC_ALL, "C.UTF-8");
      scratch = g_dir_make_tmp ("resubmit-fuzz-XXXXXX", NULL);
      g_assert (scratch != NULL);
      data = g_build_filename (scratch, "data", NULL);
      cache = g_build_filename (scratch, "cache", NULL);
      config = g_build_filename (scratch, "config", NULL);
      g_setenv ("XDG_DATA_HOME", data, TRUE);
      g_setenv ("XDG_CACHE_HOME", cache, TRUE);
      g_setenv ("XDG_CONFIG_HOME", config, TRUE);
      g_mkdir_with_parents (data, 0700);
      g_mkdir_with_parents (cache, 0700);
      g_mkdir_with_parents (config, 0700);
      /* libFuzzer ends with exit(): remove the scratch folder then. */
      atexit (rs_fuzz_cleanup_at_exit);
    }
  return scratch;
}

void
rs_fuzz_cleanup_at_exit (void)
{
  if (scratch != NULL)
    rs_remove_tree (scratch, NULL, NULL);
}

const char *
rs_fuzz_write (const char    *name,
               const uint8_t *data,
               size_t         size)
{
  static char *path;

  g_free (path);
  path = g_build_filename (rs_fuzz_scratch (), name, NULL);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    g_error ("cannot write %s", path);
  return path;
}

void
rs_fuzz_empty (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      rs_remove_tree (child, NULL, NULL);
    }
}
