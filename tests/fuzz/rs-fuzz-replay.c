/* rs-fuzz-replay.c: main() for the harnesses outside libFuzzer: runs each
 * file given (or each file in each folder given) through the harness once.
 * The normal suite replays tests/fuzz/regressions/ this way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "rs-fuzz.h"

static int
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  printf ("ok %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  int failed = 0, n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              failed |= replay_file (path);
              n++;
            }
        }
      else
        {
          failed |= replay_file (argv[i]);
          n++;
        }
    }
  printf ("%d inputs replayed\n", n);
  return failed;
}
