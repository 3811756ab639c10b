/* fuzz-profile.c: platform profiles (rs_profile_new_from_data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-fuzz.h"
#include "rs-profile.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = NULL;

  profile = rs_profile_new_from_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  g_assert ((profile == NULL) == (error != NULL));
  return 0;
}
