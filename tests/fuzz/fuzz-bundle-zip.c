/* fuzz-bundle-zip.c: a bundle zip, verified and opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-fuzz.h"
#include "rs-bundle.h"
#include "rs-bundle-open.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = rs_fuzz_write ("bundle.zip", data, size);
  g_autoptr(RsBundleVerification) verification = NULL;
  g_autoptr(RsBundleVerification) opened = NULL;
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;

  verification = rs_bundle_verify (path, NULL, &error);
  g_assert ((verification == NULL) == (error != NULL));
  g_clear_error (&error);
  if (rs_bundle_open (path, session, NULL, &opened, &error))
    g_assert (opened != NULL);
  else
    g_assert (error != NULL);
  /* Opening unpacks photos into the cache: keep it from filling up. */
  cache = g_build_filename (rs_fuzz_scratch (), "cache", NULL);
  rs_fuzz_empty (cache);
  return 0;
}
