/* fuzz-bundle-folder.c: a bundle folder.  The input is split at lines
 * "--8<--" into manifest.json, manifest.sha256 and checklist.txt, so the
 * fuzzer can change each file and their agreement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rs-fuzz.h"
#include "rs-bundle.h"
#include "rs-bundle-open.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *names[] = { "manifest.json", "manifest.sha256", "checklist.txt" };
  static const char mark[] = "\n--8<--\n";
  static char *dir;
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(RsBundleVerification) opened = NULL;
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  const char *p = (const char *) data, *end = p + size;

  if (dir == NULL)
    {
      dir = g_build_filename (rs_fuzz_scratch (), "bundle", NULL);
      g_mkdir_with_parents (dir, 0700);
    }
  rs_fuzz_empty (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *next = NULL;
      g_autofree char *file = g_build_filename (dir, names[i], NULL);

      for (const char *q = p; q + sizeof mark - 1 <= end; q++)
        if (memcmp (q, mark, sizeof mark - 1) == 0)
          {
            next = q;
            break;
          }
      if (next == NULL)
        next = end;
      if (!g_file_set_contents (file, p, next - p, NULL))
        g_error ("cannot write %s", file);
      if (next == end)
        break;
      p = next + sizeof mark - 1;
    }

  verification = rs_bundle_verify (dir, NULL, &error);
  g_assert ((verification == NULL) == (error != NULL));
  g_clear_error (&error);
  if (rs_bundle_open (dir, session, NULL, &opened, &error))
    g_assert (opened != NULL);
  else
    g_assert (error != NULL);
  return 0;
}
