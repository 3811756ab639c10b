/* fuzz-draft.c: loading a draft (rs_draft_load), as at every start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-fuzz.h"
#include "rs-draft.h"
#include "rs-profile.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GPtrArray *profiles;
  static char *dir;
  g_autoptr(RsSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    {
      dir = g_build_filename (rs_fuzz_scratch (), "drafts", NULL);
      g_mkdir_with_parents (dir, 0700);
      profiles = rs_profile_load_all (NULL, NULL);
    }
  /* A bad draft is moved aside: start each input in an empty folder. */
  rs_fuzz_empty (dir);
  path = g_build_filename (dir, "draft.json", NULL);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    g_error ("cannot write %s", path);
  session = rs_session_new ();
  if (!rs_draft_load_full (path, session, profiles, NULL, NULL, &error))
    g_assert (error != NULL);
  return 0;
}
