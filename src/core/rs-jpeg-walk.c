/* rs-jpeg-walk.c: the JPEG marker walk (see rs-jpeg-walk.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-jpeg-walk.h"

gboolean
rs_jpeg_walk_init (RsJpegWalk   *walk,
                   const guint8 *data,
                   gsize         length)
{
  walk->data = data;
  walk->length = data != NULL ? length : 0;
  walk->pos = 2;
  walk->marker_pos = 0;
  walk->status = RS_JPEG_WALK_OK;
  if (data == NULL || length < 4 || data[0] != 0xFF || data[1] != 0xD8)
    {
      walk->status = RS_JPEG_WALK_BROKEN;
      return FALSE;
    }
  return TRUE;
}

gboolean
rs_jpeg_walk_next (RsJpegWalk    *walk,
                   guint8        *marker,
                   const guint8 **payload,
                   gsize         *payload_len)
{
  const guint8 *d = walk->data;
  gsize n = walk->length, pos = walk->pos, seg_len;
  guint8 m;

  *payload = NULL;
  *payload_len = 0;
  if (walk->status != RS_JPEG_WALK_OK)
    return FALSE;
  if (pos >= n)
    {
      walk->status = RS_JPEG_WALK_TRUNCATED;
      return FALSE;
    }
  if (d[pos] != 0xFF)
    {
      walk->status = RS_JPEG_WALK_BROKEN;
      return FALSE;
    }
  /* Any number of 0xFF fill bytes may precede a marker. */
  while (pos < n && d[pos] == 0xFF)
    pos++;
  if (pos >= n)
    {
      walk->status = RS_JPEG_WALK_TRUNCATED;
      return FALSE;
    }
  walk->marker_pos = pos - 1;
  m = d[pos++];
  *marker = m;
  if (m == 0x01 || (m >= 0xD0 && m <= 0xD9))
    {
      walk->pos = pos;
      return TRUE;
    }
  if (pos + 2 > n)
    {
      walk->status = RS_JPEG_WALK_TRUNCATED;
      return FALSE;
    }
  seg_len = ((gsize) d[pos] << 8) | d[pos + 1];
  if (seg_len < 2)
    {
      walk->status = RS_JPEG_WALK_BROKEN;
      return FALSE;
    }
  if (seg_len > n - pos)
    {
      walk->status = RS_JPEG_WALK_TRUNCATED;
      return FALSE;
    }
  *payload = d + pos + 2;
  *payload_len = seg_len - 2;
  walk->pos = pos + seg_len;
  return TRUE;
}

void
rs_jpeg_walk_skip_scan (RsJpegWalk *walk)
{
  const guint8 *d = walk->data;
  gsize pos = walk->pos, n = walk->length;

  while (pos + 1 < n)
    {
      if (d[pos] == 0xFF)
        {
          guint8 next = d[pos + 1];

          if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF)
            {
              pos += next == 0xFF ? 1 : 2;
              continue;
            }
          walk->pos = pos;
          return;
        }
      pos++;
    }
  walk->pos = n;
}

gboolean
rs_jpeg_marker_is_sof (guint8 marker)
{
  return marker >= 0xC0 && marker <= 0xCF &&
         marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}
