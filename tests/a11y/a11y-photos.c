/* a11y-photos.c: writes the made-up photos the accessibility walk adds to
 * the real window (a card's front and back and a selfie, drawn by the
 * shared fixtures, so the checker passes them): a11y-photos DIR prints
 * the three paths, one a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <glib/gstdio.h>

#include "rs-test-fixtures.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  g_autofree char *selfie = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DIR\n", argv[0]);
      return 2;
    }
  if (g_mkdir_with_parents (argv[1], 0700) != 0)
    {
      fprintf (stderr, "%s: cannot create %s\n", argv[0], argv[1]);
      return 1;
    }

  /* No "_" in the names: a file name shown in the window must not look
   * like a mnemonic to the walk. */
  front = g_build_filename (argv[1], "front.jpg", NULL);
  back = g_build_filename (argv[1], "back.jpg", NULL);
  selfie = g_build_filename (argv[1], "selfie.jpg", NULL);
  rs_test_save_id_photos (front, back, selfie);
  printf ("%s\n%s\n%s\n", front, back, selfie);
  return 0;
}
