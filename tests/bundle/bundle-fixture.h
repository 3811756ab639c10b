/* bundle-fixture.h: generated photos and details for the bundle tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

typedef enum {
  FIXTURE_CARD_FRONT,
  FIXTURE_CARD_BACK,
  FIXTURE_PASSPORT,
  FIXTURE_SELFIE,
} FixtureKind;

/* A photo of an ID-1 card (or passport page, or a selfie-like scene) lying
 * on a textured table, filling about 60 % of the width; @seed varies the
 * content so two photos are not duplicates; @noise adds per-pixel grain
 * (0..1) to make JPEGs big. */
GdkPixbuf *fixture_photo          (FixtureKind kind,
                                   int         width,
                                   int         height,
                                   guint       seed,
                                   double      noise);

/* Write @pixbuf as JPEG at @path (quality 92). */
void       fixture_save_jpeg      (GdkPixbuf  *pixbuf,
                                   const char *path);

/* Write @pixbuf as JPEG at @path with an APP1 Exif segment (orientation
 * @orientation and a GPS IFD at 31.2304 N 121.4737 E), an APP1 XMP packet
 * and a COM comment, all inserted right after SOI. */
void       fixture_save_jpeg_with_metadata (GdkPixbuf  *pixbuf,
                                            int         orientation,
                                            const char *path);

/* A valid cn-ric details record (JSON text) and its ID number. */
extern const char *fixture_cn_ric_details;
extern const char *fixture_cn_ric_id_number;

G_END_DECLS
