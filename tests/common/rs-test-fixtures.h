/* rs-test-fixtures.h: made-up photos and details shared by the tests (no
 * real document or person involved).  Together with rs-test-card.h (the
 * checker's card renderer and image filters) in the rs-test-fixtures
 * library: link rs_test_fixtures_dep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rs-profile.h"
#include "rs-session.h"
#include "rs-test-card.h"

G_BEGIN_DECLS

typedef enum {
  RS_TEST_SCENE_CARD_FRONT, /* ID-1 card, portrait side */
  RS_TEST_SCENE_CARD_BACK,  /* ID-1 card, emblem side */
  RS_TEST_SCENE_PASSPORT,   /* passport data page with an MRZ */
  RS_TEST_SCENE_SELFIE,     /* a face in front of a wall */
} RsTestScene;

/* A photo of @scene: the document lies on a wooden table, filling about
 * 60 % of the width, turned and moved a little; @seed varies the content
 * so two photos are not duplicates; @noise adds per-pixel grain (0..1) to
 * make JPEGs big. */
GdkPixbuf *rs_test_scene_photo      (RsTestScene   scene,
                                     int           width,
                                     int           height,
                                     guint         seed,
                                     double        noise);

/* Smear the code (MRZ) of a passport page photographed by
 * rs_test_scene_photo() at @photo's size: a Gaussian blur of @sigma pixels
 * over the page's bottom band only, so that the page still passes the
 * pixel checks while its two lines are seen but no longer read (about
 * 2–3 px at 1280 × 720 to 1600 × 1200). */
void       rs_test_scene_smear_code (GdkPixbuf    *photo,
                                     double        sigma);

/* The corners of an ID-1 card 60 % of @width wide, clockwise from its
 * top-left: centred, moved right by @shift × @width, turned by
 * @angle_deg and tilted (@tilt 0..1: the top edge further away). */
void       rs_test_scene_quad       (int           width,
                                     int           height,
                                     double        angle_deg,
                                     double        tilt,
                                     double        shift,
                                     RsQuad       *out);

/* A photo of a card @scene (front or back) with its corners exactly at
 * @quad on a plain dark desk, with slight grain from @seed. */
GdkPixbuf *rs_test_scene_photo_at   (RsTestScene   scene,
                                     int           width,
                                     int           height,
                                     const RsQuad *quad,
                                     guint         seed);

/* Write a JPEG photo of @scene at @path, the same on every run (seeded by
 * the file name): a card (front or back) with its corners at
 * rs_test_scene_quad (@width, @height, @angle_deg, @tilt, @shift) and, when
 * @glare, a lamp's reflection in its middle; a selfie or passport page
 * ignores the placement (rs_test_scene_photo() with slight grain). */
gboolean   rs_test_write_scene      (const char   *path,
                                     RsTestScene   scene,
                                     int           width,
                                     int           height,
                                     double        angle_deg,
                                     double        tilt,
                                     double        shift,
                                     gboolean      glare,
                                     GError      **error);

/* Write @pixbuf as JPEG at @path (quality 92); the test fails if it
 * cannot. */
void       rs_test_save_jpeg        (GdkPixbuf    *pixbuf,
                                     const char   *path);

/* Write @pixbuf as JPEG at @path with an APP1 Exif segment (orientation
 * @orientation and a GPS IFD at 31.2304 N 121.4737 E), an APP1 XMP packet
 * and a COM comment, all inserted right after SOI. */
void       rs_test_save_jpeg_with_metadata (GdkPixbuf  *pixbuf,
                                            int         orientation,
                                            const char *path);

/* Delete @path and, for a folder, everything in it (even read-only
 * folders); symbolic links are removed, never followed. */
void       rs_test_remove_tree      (const char   *path);

/* A valid cn-ric details record (JSON text) and its ID number. */
extern const char *rs_test_cn_ric_details;
extern const char *rs_test_cn_ric_id_number;

/* A new folder @parent/@name-N (N counts up in each process); g_free() it. */
char      *rs_test_make_dir         (const char   *parent,
                                     const char   *name);

/* The installed profile @id (fails the test when there is none). */
RsProfile *rs_test_load_profile     (const char   *id);

/* A session for profile @profile_id holding rs_test_cn_ric_details and the
 * photos given (NULL: that slot stays empty). */
RsSession *rs_test_make_session     (const char   *profile_id,
                                     const char   *front_path,
                                     const char   *back_path,
                                     const char   *selfie_path);

/* The usual three photos of a generic bundle as JPEGs: a card's front and
 * back and a selfie, 1600×1200 each (seeds 7, 8 and 9, no grain). */
void       rs_test_save_id_photos   (const char   *front_path,
                                     const char   *back_path,
                                     const char   *selfie_path);

/* The SHA-256 of the file @path in hex (fails the test when it cannot be
 * read); g_free() it. */
char      *rs_test_file_sha256      (const char   *path);

/* Whether @problems (RsBundleProblem, from a bundle verification) hold one
 * about @file (NULL: the bundle as a whole) with @id. */
gboolean   rs_test_has_problem      (GPtrArray    *problems,
                                     const char   *file,
                                     const char   *id);

G_END_DECLS
