/* fuzz-image.c: probing and decoding a photo (rs_image_probe/_load).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-fuzz.h"
#include "rs-image.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = rs_fuzz_write ("photo", data, size);
  RsImageInfo info = { 0 };
  g_autoptr(GError) error = NULL;

  if (rs_image_probe (path, &info, &error))
    {
      /* Small work size: the decoders' parsing, not their speed. */
      g_autoptr(GdkPixbuf) pixbuf = rs_image_load (path, 256, NULL, NULL, NULL);

      (void) pixbuf;
    }
  rs_image_info_clear (&info);
  return 0;
}
