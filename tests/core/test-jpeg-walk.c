/* test-jpeg-walk.c: the JPEG marker walk that every header reader shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rs-jpeg-walk.h"

/* SOI, fill bytes, APP1 "Exif", a standalone RST, SOF0 of 640 × 480, SOS,
 * entropy data with a stuffed 0xFF00 and a restart marker, EOI, a trailer. */
static const guint8 good[] = {
  0xFF, 0xD8,
  0xFF, 0xFF, 0xE1, 0x00, 0x08, 'E', 'x', 'i', 'f', 0x00, 0x00,
  0xFF, 0xD3,
  0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00,
  0xFF, 0xDA, 0x00, 0x04, 0x01, 0x00,
  0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56,
  0xFF, 0xD9,
  0xAB,
};

static void
test_walk_good (void)
{
  RsJpegWalk walk;
  guint8 marker;
  const guint8 *payload;
  gsize len;
  const guint8 expect[] = { 0xE1, 0xD3, 0xC0, 0xDA, 0xD9 };
  guint i = 0;

  g_assert_true (rs_jpeg_walk_init (&walk, good, sizeof good));
  while (rs_jpeg_walk_next (&walk, &marker, &payload, &len))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expect));
      g_assert_cmphex (marker, ==, expect[i]);
      switch (marker)
        {
        case 0xE1:
          g_assert_cmpuint (len, ==, 6);
          g_assert_cmpmem (payload, 4, "Exif", 4);
          /* The fill bytes are skipped: the marker's 0xFF is the last one. */
          g_assert_cmpuint (walk.marker_pos, ==, 3);
          break;
        case 0xD3:
          g_assert_null (payload);
          g_assert_cmpuint (len, ==, 0);
          break;
        case 0xC0:
          g_assert_true (rs_jpeg_marker_is_sof (marker));
          g_assert_cmpuint (len, ==, 9);
          g_assert_cmpint ((payload[1] << 8) | payload[2], ==, 480);
          g_assert_cmpint ((payload[3] << 8) | payload[4], ==, 640);
          break;
        case 0xDA:
          g_assert_cmpuint (walk.marker_pos, ==, 28);
          rs_jpeg_walk_skip_scan (&walk);
          g_assert_cmpuint (walk.pos, ==, 41);
          break;
        case 0xD9:
          g_assert_cmpuint (walk.pos, ==, sizeof good - 1);
          break;
        default:
          g_assert_not_reached ();
        }
      i++;
      if (marker == 0xD9)
        break;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expect));
  g_assert_cmpint (walk.status, ==, RS_JPEG_WALK_OK);
}

static void
test_walk_bad (void)
{
  RsJpegWalk walk;
  guint8 marker;
  const guint8 *payload;
  gsize len;
  const guint8 not_jpeg[] = { 0x89, 'P', 'N', 'G' };
  const guint8 cut[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F' };
  const guint8 no_marker[] = { 0xFF, 0xD8, 0x00, 0x00, 0xFF, 0xD9 };
  const guint8 short_len[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xD9 };
  const guint8 only_fill[] = { 0xFF, 0xD8, 0xFF, 0xFF, 0xFF };

  g_assert_false (rs_jpeg_walk_init (&walk, not_jpeg, sizeof not_jpeg));
  g_assert_false (rs_jpeg_walk_init (&walk, NULL, 10));
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));

  g_assert_true (rs_jpeg_walk_init (&walk, cut, sizeof cut));
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));
  g_assert_cmpint (walk.status, ==, RS_JPEG_WALK_TRUNCATED);

  g_assert_true (rs_jpeg_walk_init (&walk, no_marker, sizeof no_marker));
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));
  g_assert_cmpint (walk.status, ==, RS_JPEG_WALK_BROKEN);

  g_assert_true (rs_jpeg_walk_init (&walk, short_len, sizeof short_len));
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));
  g_assert_cmpint (walk.status, ==, RS_JPEG_WALK_BROKEN);

  g_assert_true (rs_jpeg_walk_init (&walk, only_fill, sizeof only_fill));
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));
  g_assert_cmpint (walk.status, ==, RS_JPEG_WALK_TRUNCATED);
  /* Once stopped, it stays stopped. */
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));

  /* A scan that never ends runs to the end of the data. */
  g_assert_true (rs_jpeg_walk_init (&walk, good, 41));
  while (rs_jpeg_walk_next (&walk, &marker, &payload, &len) && marker != 0xDA)
    ;
  g_assert_cmphex (marker, ==, 0xDA);
  rs_jpeg_walk_skip_scan (&walk);
  g_assert_cmpuint (walk.pos, ==, 41);
  g_assert_false (rs_jpeg_walk_next (&walk, &marker, &payload, &len));
  g_assert_cmpint (walk.status, ==, RS_JPEG_WALK_TRUNCATED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jpeg-walk/good", test_walk_good);
  g_test_add_func ("/jpeg-walk/bad", test_walk_bad);
  return g_test_run ();
}
