/* eval-content.c: the content checks on real phone photos of ID cards
 * (../shared/eval/midv-dev, read in place, never copied) and on cases
 * derived from them whose truth is known by construction.
 *
 *   eval-content [-v] DIR
 *
 * Every frame there is the portrait side of an ID-1 card.  Untouched, in
 * the front slot, it must pass document.side, document.portrait,
 * document.count, document.occluded and document.type (false alarms when
 * not).  Derived cases, each flagged when its check does not pass:
 *   back slot       the frame in the back slot          → document.side
 *   no portrait     the portrait painted out (a back)   → document.side (front slot)
 *   passport slot   the card in the passport slot       → document.type
 *   two documents   two frames side by side             → document.count
 *   thumb           a thumb over a corner (4 %)         → document.occluded
 *   selfie          the portrait cut out as a selfie    → face.count must pass (a find)
 *   two faces       two such portraits side by side     → face.count
 *   small face      the portrait crop 12 % of the height → face.size
 *   cut-off face    the portrait half out of the frame  → face.inside or face.count
 *   dark face       the selfie × 0.3                    → face.quality
 *   blurred face    the selfie blurred, σ 6 px          → face.quality
 *   no face         the frame with the card painted out → face.count
 *   same side       two shots of the same card          → rs_content_same_document()
 * The same thresholds for every frame; the only per-card knowledge is the
 * portrait's place, used to build the derived cases (not by the checks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "rs-content-private.h"
#include "rs-test-content.h"
#include "rs-test-card.h"

static gboolean verbose;
static const char *only; /* --only=a,b: run only these groups (doc, side, type, count, thumb, selfie, noface) */

static gboolean
want (const char *group)
{
  g_auto(GStrv) v = NULL;

  if (only == NULL)
    return TRUE;
  v = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) v, group);
}

static gboolean
read_truth (const char *json_path,
            RsQuad     *quad)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *q;

  if (!json_parser_load_from_file (parser, json_path, NULL))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || !json_object_has_member (root, "quad"))
    return FALSE;
  q = json_object_get_array_member (root, "quad");
  if (json_array_get_length (q) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      JsonArray *pt = json_array_get_array_element (q, i);
      quad->p[i].x = json_array_get_double_element (pt, 0);
      quad->p[i].y = json_array_get_double_element (pt, 1);
    }
  return TRUE;
}

/* The printed portrait on each card of the set (document-relative, its
 * own top-left first: x0, y0, x1, y1), looked up by the video number. */
static void
portrait_box (const char *name,
              double      box[4])
{
  static const struct { int video; double b[4]; } boxes[] = {
    { 2, { 0.02, 0.20, 0.27, 0.76 } }, { 3, { 0.02, 0.22, 0.30, 0.82 } },
    { 4, { 0.62, 0.15, 0.92, 0.76 } }, { 10, { 0.01, 0.30, 0.30, 0.99 } },
    { 14, { 0.01, 0.15, 0.35, 0.99 } }, { 22, { 0.01, 0.12, 0.30, 0.76 } },
    /* measured on 26_01 flattened: the portrait spans 0.035–0.29 across,
     * 0.29–0.76 down (the box before 4 Dec 2026, 0.01–0.20 × 0.20–0.80,
     * cut the face in half) */
    { 26, { 0.03, 0.27, 0.30, 0.78 } },
  };
  int v = atoi (name);

  memcpy (box, boxes[0].b, sizeof boxes[0].b);
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    if (boxes[i].video == v)
      memcpy (box, boxes[i].b, sizeof boxes[i].b);
}

/* Untouched frames where a finger lies over the card (looked at by eye:
 * a thumb or finger covering part of the card, not just touching its
 * edge).  document.occluded is right to flag these; they are kept apart
 * from the false-alarm count. */
static gboolean
finger_on_card (const char *name)
{
  static const char *const fingers[] = { "02_04", "03_03", "04_03", "10_04", "14_03", "14_04", NULL };

  return g_strv_contains (fingers, name);
}

typedef struct {
  const char *name;
  int flagged;
  int total;
} Rate;

static void
count (Rate    *r,
       gboolean flagged)
{
  r->flagged += flagged != FALSE;
  r->total++;
}

static gboolean
not_pass (RsContentReport *r,
          const char      *id)
{
  const RsPhotoFinding *f = rs_content_report_find_finding (r, id);

  return f != NULL && f->status != RS_CHECK_PASS;
}

static RsContentReport *
check (GdkPixbuf            *pb,
       const char           *kind,
       const char           *type,
       const RsLocateResult *given,
       RsLocateResult       *found,
       double               *ms)
{
  RsContentImage im;
  RsLocateResult loc = { 0 };
  RsLocateOptions lo = { 0, g_strcmp0 (kind, RS_SLOT_PASSPORT) == 0 ? 1.42 : 1.586 };
  RsContentReport *r;

  rs_test_content_image (pb, &im);
  if (given != NULL)
    loc = *given;
  else if (g_strcmp0 (kind, RS_SLOT_SELFIE) != 0)
    rs_locate_document (im.pixels, im.width, im.height, im.stride, im.channels, &lo, &loc);
  if (found != NULL)
    *found = loc;
  r = rs_content_analyse (&im, kind, type, &loc, NULL, NULL);
  if (ms != NULL)
    *ms += rs_content_report_get_ms (r);
  return r;
}

/* The flattened card (its own top-left first) at @W, as a pixbuf. */
static GdkPixbuf *
flatten (GdkPixbuf    *pb,
         const RsQuad *truth,
         int           W)
{
  RsContentImage im;
  RsFlat f;
  GdkPixbuf *out;

  rs_test_content_image (pb, &im);
  if (!rs_flat_document (&im, truth, 1.586, W, 2, &f))
    return NULL;
  out = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, f.W, f.H);
  for (int y = 0; y < f.H; y++)
    memcpy (gdk_pixbuf_get_pixels (out) + (gsize) y * gdk_pixbuf_get_rowstride (out),
            f.rgb + (gsize) y * f.W * 3, (gsize) f.W * 3);
  rs_flat_clear (&f);
  return out;
}

static void
scale_values (GdkPixbuf *pb,
              double     k)
{
  guint8 *p = gdk_pixbuf_get_pixels (pb);
  int st = gdk_pixbuf_get_rowstride (pb), c = gdk_pixbuf_get_n_channels (pb);

  for (int y = 0; y < gdk_pixbuf_get_height (pb); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pb); x++)
      for (int q = 0; q < 3; q++)
        p[y * st + x * c + q] = (guint8) MIN (255, lround (p[y * st + x * c + q] * k));
}

/* Debugging (RS_EVAL_DUMP=dir): the picture with the first outline in
 * red and the other candidate in green. */
static void
draw_quad (GdkPixbuf    *pb,
           const RsQuad *q,
           guint8        r,
           guint8        g)
{
  guint8 *p = gdk_pixbuf_get_pixels (pb);
  int st = gdk_pixbuf_get_rowstride (pb), c = gdk_pixbuf_get_n_channels (pb);
  int W = gdk_pixbuf_get_width (pb), H = gdk_pixbuf_get_height (pb);

  for (int i = 0; i < 4; i++)
    for (int k = 0; k <= 400; k++)
      {
        double t = k / 400.0;
        int x = (int) (q->p[i].x + (q->p[(i + 1) % 4].x - q->p[i].x) * t);
        int y = (int) (q->p[i].y + (q->p[(i + 1) % 4].y - q->p[i].y) * t);

        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            if (x + dx >= 0 && y + dy >= 0 && x + dx < W && y + dy < H)
              {
                guint8 *o = p + (y + dy) * st + (x + dx) * c;
                o[0] = r;
                o[1] = g;
                o[2] = 0;
              }
      }
}

static void
dump_quads (GdkPixbuf    *pb,
            const RsQuad *first,
            const RsQuad *other,
            const char   *name,
            gboolean      flagged)
{
  g_autoptr(GdkPixbuf) c = gdk_pixbuf_copy (pb);
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", g_getenv ("RS_EVAL_DUMP"), name,
                                           flagged ? "hit" : "miss");
  g_autoptr(GdkPixbuf) small = NULL;

  draw_quad (c, first, 255, 0);
  if (other != NULL)
    draw_quad (c, other, 0, 255);
  small = gdk_pixbuf_scale_simple (c, gdk_pixbuf_get_width (c) / 2, gdk_pixbuf_get_height (c) / 2,
                                   GDK_INTERP_BILINEAR);
  gdk_pixbuf_save (small, path, "png", NULL, NULL);
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static const char *
status_of (RsContentReport *r,
           const char      *id)
{
  const RsPhotoFinding *f = r != NULL ? rs_content_report_find_finding (r, id) : NULL;

  return r == NULL ? "." : f == NULL ? "-" : rs_check_status_to_string (f->status);
}

/* The measures of @r, zeros when the case did not run. */
static const RsContentMeasures *
meas (RsContentReport *r)
{
  static const RsContentMeasures none;

  return r != NULL ? rs_content_report_get_measures (r) : &none;
}

int
main (int    argc,
      char **argv)
{
  const char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fronts = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;
  Rate fa_side = { "document.side (front slot)" }, fa_portrait = { "document.portrait" };
  Rate fa_count = { "document.count" }, fa_occl = { "document.occluded (no finger on the card)" }, fa_type = { "document.type" };
  Rate fa_face = { "face.count (portrait selfie)" }, fa_fq = { "face.quality (portrait selfie)" };
  Rate fa_fs = { "face.size (portrait selfie)" }, fa_fi = { "face.inside (portrait selfie)" };
  Rate fa_back_side = { "document.side (no-portrait card, back slot)" };
  Rate back = { "front in the back slot → document.side" };
  Rate noportrait = { "portrait painted out, front slot → document.side" };
  Rate passport = { "card in the passport slot → document.type" };
  Rate cnric = { "card in the cn-ric front slot → document.type" };
  Rate two = { "two frames side by side → document.count" };
  Rate thumb = { "thumb over a corner → document.occluded" };
  Rate real_finger = { "real finger on the card (untouched) → document.occluded" };
  Rate selfie = { "portrait cut out as selfie → one face found" };
  Rate twofaces = { "two portraits side by side → face.count" };
  Rate small = { "portrait crop 12 % of the height → face.size" };
  Rate cutoff = { "portrait half out of the frame → face.inside/count" };
  Rate dark = { "portrait selfie × 0.3 → face.quality" };
  Rate blurred = { "portrait selfie blurred σ 6 px → face.quality" };
  Rate noface = { "frame with the card painted out → face.count" };
  Rate same = { "same card, different shots → same document" };
  Rate fa_same = { "different cards → same document" };
  double ms_doc = 0, ms_selfie = 0, face_ms = 0;
  int n_doc = 0, n_selfie = 0, not_found = 0;
  GArray *aspects = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *portrait_h = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "-v"))
      verbose = TRUE;
    else if (g_str_has_prefix (argv[i], "--only="))
      only = argv[i] + 7;
    else
      dir = argv[i];
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_print ("SKIP: no evaluation photos at %s\n", dir != NULL ? dir : "(none given)");
      return 0;
    }
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - 4));
  g_ptr_array_sort (names, cmp_names);
  if (names->len == 0)
    {
      g_print ("SKIP: no frames in %s\n", dir);
      return 0;
    }

  if (verbose)
    g_print ("frame  side portr count occl type | back noport pass cnric two thumb | selfie two small cut dark noface | aspect portrait\n");
  for (guint i = 0; i < names->len; i++)
    {
      const char *nm = names->pdata[i];
      g_autofree char *jpg = g_strdup_printf ("%s/%s.jpg", dir, nm);
      g_autofree char *js = g_strdup_printf ("%s/%s.json", dir, nm);
      g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new_from_file (jpg, NULL);
      RsQuad truth;
      RsLocateResult loc;
      double box[4];
      g_autoptr(RsContentReport) r0 = NULL, r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL, r7 = NULL;
      g_autoptr(RsContentReport) s0 = NULL, s1 = NULL, s2 = NULL, s3 = NULL, s4 = NULL, s5 = NULL;
      const RsContentMeasures *m;

      if (pb == NULL || !read_truth (js, &truth))
        {
          g_printerr ("%s: cannot read\n", nm);
          return 1;
        }
      portrait_box (nm, box);

      /* untouched, front slot */
      r0 = check (pb, RS_SLOT_ID_FRONT, NULL, NULL, &loc, &ms_doc);
      n_doc++;
      if (!loc.found)
        not_found++;
      count (&fa_side, not_pass (r0, RS_CHECK_DOCUMENT_SIDE));
      count (&fa_portrait, not_pass (r0, RS_CHECK_DOCUMENT_PORTRAIT));
      count (&fa_count, not_pass (r0, RS_CHECK_DOCUMENT_COUNT));
      if (finger_on_card (nm))
        count (&real_finger, not_pass (r0, RS_CHECK_DOCUMENT_OCCLUDED));
      else
        count (&fa_occl, not_pass (r0, RS_CHECK_DOCUMENT_OCCLUDED));
      count (&fa_type, not_pass (r0, RS_CHECK_DOCUMENT_TYPE));
      m = rs_content_report_get_measures (r0);
      g_array_append_val (aspects, m->aspect);
      g_array_append_val (portrait_h, m->portrait_height);
      face_ms += rs_content_report_get_face_ms (r0);
      g_ptr_array_add (fronts, g_object_ref (r0));

      /* the same photo in the back slot, the passport slot, a cn-ric front */
      r1 = check (pb, RS_SLOT_ID_BACK, NULL, &loc, NULL, NULL);
      count (&back, not_pass (r1, RS_CHECK_DOCUMENT_SIDE));
      if (want ("type"))
        {
          r2 = check (pb, RS_SLOT_PASSPORT, RS_DOC_PASSPORT, NULL, NULL, NULL);
          count (&passport, not_pass (r2, RS_CHECK_DOCUMENT_TYPE));
          r3 = check (pb, RS_SLOT_ID_FRONT, RS_DOC_CN_RIC, &loc, NULL, NULL);
          count (&cnric, not_pass (r3, RS_CHECK_DOCUMENT_TYPE));
        }

      /* a card without its portrait: the back of a card, as far as faces go */
      if (want ("side"))
      {
        g_autoptr(GdkPixbuf) nb = gdk_pixbuf_copy (pb);
        RsQuad pq;
        const RsPoint unit[4] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };
        double h[9];
        double u[4] = { box[0] - 0.02, box[2] + 0.02, box[2] + 0.02, box[0] - 0.02 };
        double v[4] = { box[1] - 0.03, box[1] - 0.03, box[3] + 0.01, box[3] + 0.01 };

        g_assert_true (rs_quad_homography (unit, truth.p, h));
        for (int k = 0; k < 4; k++)
          rs_homography_apply (h, CLAMP (u[k], 0.01, 0.99), CLAMP (v[k], 0.01, 0.99), &pq.p[k].x, &pq.p[k].y);
        rs_quad_normalize (&pq);
        rs_content_paint_out (gdk_pixbuf_get_pixels (nb), gdk_pixbuf_get_width (nb),
                              gdk_pixbuf_get_height (nb), gdk_pixbuf_get_rowstride (nb),
                              gdk_pixbuf_get_n_channels (nb), &pq);
        r4 = check (nb, RS_SLOT_ID_FRONT, NULL, NULL, NULL, NULL);
        count (&noportrait, not_pass (r4, RS_CHECK_DOCUMENT_SIDE));
        r7 = check (nb, RS_SLOT_ID_BACK, NULL, NULL, NULL, NULL);
        count (&fa_back_side, not_pass (r7, RS_CHECK_DOCUMENT_SIDE));
      }

      /* two cards: this frame and the next one of another card */
      if (want ("count"))
      {
        guint j = (i + 7) % names->len;
        g_autofree char *jpg2 = g_strdup_printf ("%s/%s.jpg", dir, (char *) names->pdata[j]);
        g_autoptr(GdkPixbuf) pb2 = gdk_pixbuf_new_from_file (jpg2, NULL);
        g_autoptr(GdkPixbuf) both = rs_test_side_by_side (pb, pb2, 0);
        g_autoptr(GdkPixbuf) half = gdk_pixbuf_scale_simple (both, gdk_pixbuf_get_width (both) / 2,
                                                             gdk_pixbuf_get_height (both) / 2,
                                                             GDK_INTERP_BILINEAR);

        RsLocateResult l5;

        r5 = check (half, RS_SLOT_ID_FRONT, NULL, NULL, &l5, NULL);
        count (&two, not_pass (r5, RS_CHECK_DOCUMENT_COUNT));
        if (g_getenv ("RS_EVAL_DUMP") != NULL)
          dump_quads (half, &l5.quad, meas (r5)->other.found ? &meas (r5)->other.quad : NULL,
                      nm, not_pass (r5, RS_CHECK_DOCUMENT_COUNT));
        if (verbose)
          g_print ("   two documents: other %.2f × area, confidence %.2f, aspect %.3f, support %.2f; untouched: %.2f × area, confidence %.2f, aspect %.3f, support %.2f\n",
                   meas (r5)->other.area_ratio, meas (r5)->other.confidence, meas (r5)->other.aspect,
                   meas (r5)->other.support, m->other.area_ratio, m->other.confidence, m->other.aspect,
                   m->other.support);
      }

      /* a thumb over a corner */
      if (want ("thumb"))
      {
        g_autoptr(GdkPixbuf) th = gdk_pixbuf_copy (pb);

        rs_test_draw_thumb (th, &truth, (int) (i % 4), (int) (i % 6), 0.04, 1000 + i);
        r6 = check (th, RS_SLOT_ID_FRONT, NULL, NULL, NULL, NULL);
        count (&thumb, not_pass (r6, RS_CHECK_DOCUMENT_OCCLUDED));
      }

      /* the portrait as a selfie */
      if (want ("selfie"))
      {
        g_autoptr(GdkPixbuf) flat = flatten (pb, &truth, 1280);
        int fw = gdk_pixbuf_get_width (flat), fh = gdk_pixbuf_get_height (flat);
        g_autoptr(GdkPixbuf) crop = gdk_pixbuf_new_subpixbuf (flat, (int) (box[0] * fw), (int) (box[1] * fh),
                                                              (int) ((box[2] - box[0]) * fw),
                                                              (int) ((box[3] - box[1]) * fh));
        g_autoptr(GdkPixbuf) sf = rs_test_selfie_from (crop, 720, 960, 0.55, 0.5, 0.45);
        g_autoptr(GdkPixbuf) pair = rs_test_side_by_side (sf, sf, 0);
        g_autoptr(GdkPixbuf) sm = rs_test_selfie_from (crop, 720, 960, 0.12, 0.5, 0.45);
        g_autoptr(GdkPixbuf) cut = rs_test_selfie_from (crop, 720, 960, 0.55, 0.02, 0.45);
        g_autoptr(GdkPixbuf) dk = gdk_pixbuf_copy (sf);

        s0 = check (sf, RS_SLOT_SELFIE, NULL, NULL, NULL, &ms_selfie);
        n_selfie++;
        count (&selfie, rs_content_report_get_measures (s0)->n_faces == 1);
        count (&fa_face, not_pass (s0, RS_CHECK_FACE_COUNT));
        count (&fa_fq, not_pass (s0, RS_CHECK_FACE_QUALITY));
        count (&fa_fs, not_pass (s0, RS_CHECK_FACE_SIZE));
        count (&fa_fi, not_pass (s0, RS_CHECK_FACE_INSIDE));
        s1 = check (pair, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
        count (&twofaces, not_pass (s1, RS_CHECK_FACE_COUNT));
        s2 = check (sm, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
        count (&small, not_pass (s2, RS_CHECK_FACE_SIZE) || not_pass (s2, RS_CHECK_FACE_COUNT));
        s3 = check (cut, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
        count (&cutoff, not_pass (s3, RS_CHECK_FACE_INSIDE) || not_pass (s3, RS_CHECK_FACE_COUNT));
        scale_values (dk, 0.3);
        s4 = check (dk, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
        count (&dark, not_pass (s4, RS_CHECK_FACE_QUALITY) || not_pass (s4, RS_CHECK_FACE_COUNT));
        {
          g_autoptr(GdkPixbuf) bl = gdk_pixbuf_copy (sf);
          g_autoptr(RsContentReport) s6 = NULL;

          rs_test_blur (bl, 6);
          s6 = check (bl, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
          count (&blurred, not_pass (s6, RS_CHECK_FACE_QUALITY) || not_pass (s6, RS_CHECK_FACE_COUNT));
        }
      }

      /* a scene without a face: the frame, the card painted out */
      if (want ("noface"))
      {
        g_autoptr(GdkPixbuf) nf = gdk_pixbuf_copy (pb);
        RsQuad grown = truth;
        double cx = 0, cy = 0;

        for (int k = 0; k < 4; k++)
          {
            cx += truth.p[k].x / 4;
            cy += truth.p[k].y / 4;
          }
        for (int k = 0; k < 4; k++)
          {
            grown.p[k].x = cx + (truth.p[k].x - cx) * 1.08;
            grown.p[k].y = cy + (truth.p[k].y - cy) * 1.08;
          }
        rs_quad_normalize (&grown);
        rs_content_paint_out (gdk_pixbuf_get_pixels (nf), gdk_pixbuf_get_width (nf),
                              gdk_pixbuf_get_height (nf), gdk_pixbuf_get_rowstride (nf),
                              gdk_pixbuf_get_n_channels (nf), &grown);
        s5 = check (nf, RS_SLOT_SELFIE, NULL, NULL, NULL, NULL);
        count (&noface, not_pass (s5, RS_CHECK_FACE_COUNT));
      }

      if (verbose)
        g_print ("%s  %s %s %s %s %s | %s %s %s %s %s %s(%.3f) | %d %s %s %s %s %s | %.3f %.3f\n", nm,
                 status_of (r0, RS_CHECK_DOCUMENT_SIDE), status_of (r0, RS_CHECK_DOCUMENT_PORTRAIT),
                 status_of (r0, RS_CHECK_DOCUMENT_COUNT), status_of (r0, RS_CHECK_DOCUMENT_OCCLUDED),
                 status_of (r0, RS_CHECK_DOCUMENT_TYPE), status_of (r1, RS_CHECK_DOCUMENT_SIDE),
                 status_of (r4, RS_CHECK_DOCUMENT_SIDE), status_of (r2, RS_CHECK_DOCUMENT_TYPE),
                 status_of (r3, RS_CHECK_DOCUMENT_TYPE), status_of (r5, RS_CHECK_DOCUMENT_COUNT),
                 status_of (r6, RS_CHECK_DOCUMENT_OCCLUDED), meas (r6)->occluded,
                 meas (s0)->n_faces, status_of (s1, RS_CHECK_FACE_COUNT),
                 status_of (s2, RS_CHECK_FACE_SIZE), status_of (s3, RS_CHECK_FACE_INSIDE),
                 status_of (s4, RS_CHECK_FACE_QUALITY), status_of (s5, RS_CHECK_FACE_COUNT),
                 m->aspect, m->portrait_height);
      if (verbose && (not_pass (r0, RS_CHECK_DOCUMENT_OCCLUDED) || not_pass (r0, RS_CHECK_DOCUMENT_COUNT)))
        g_print ("   untouched: occluded %.4f, other %.2f × area conf %.2f\n", m->occluded,
                 m->other.area_ratio, m->other.confidence);
      if (verbose)
        g_print ("   selfie: sharp %.0f luma %.0f share %.3f; dark luma %.0f\n",
                 meas (s0)->face_sharpness,
                 meas (s0)->face_luma,
                 meas (s0)->face_share,
                 meas (s4)->face_luma);
    }

  /* the same card side in different shots (frames of one video) */
  {
    double same_lo = 2, same_hi = -2, diff_hi = -2;

    for (guint i = 0; i < fronts->len; i++)
      for (guint j = i + 1; j < fronts->len; j++)
        {
          gboolean video = atoi (names->pdata[i]) == atoi (names->pdata[j]);
          double score;
          gboolean s = rs_content_same_document (fronts->pdata[i], fronts->pdata[j], &score);

          if (video)
            {
              count (&same, s);
              same_lo = MIN (same_lo, score);
              same_hi = MAX (same_hi, score);
            }
          else
            {
              count (&fa_same, s);
              diff_hi = MAX (diff_hi, score);
            }
        }
    g_print ("# same-side correlation: same card %.3f–%.3f, different cards up to %.3f\n",
             same_lo, same_hi, diff_hi);
  }

  {
    double amin = 9, amax = 0, pmin = 9, pmax = 0;

    for (guint i = 0; i < aspects->len; i++)
      {
        amin = MIN (amin, g_array_index (aspects, double, i));
        amax = MAX (amax, g_array_index (aspects, double, i));
        if (g_array_index (portrait_h, double, i) > 0)
          {
            pmin = MIN (pmin, g_array_index (portrait_h, double, i));
            pmax = MAX (pmax, g_array_index (portrait_h, double, i));
          }
      }
    g_print ("# aspect of the found outlines (perspective undone): %.3f–%.3f; portrait box / card height %.3f–%.3f\n",
             amin, amax, pmin, pmax);
  }
  g_print ("# %d frames from %s; document not found in %d\n", n_doc, dir, not_found);
  g_print ("# mean content analysis: document photo %.1f ms (faces %.1f ms), selfie %.1f ms\n",
           ms_doc / MAX (n_doc, 1), face_ms / MAX (n_doc, 1), ms_selfie / MAX (n_selfie, 1));
  g_print ("\nfalse alarms on untouched frames (front slot):\n");
  {
    Rate *fa[] = { &fa_side, &fa_portrait, &fa_count, &fa_occl, &fa_type, &fa_back_side,
                   &fa_face, &fa_fs, &fa_fi, &fa_fq, &fa_same };
    Rate *fl[] = { &back, &noportrait, &passport, &cnric, &two, &thumb, &real_finger, &selfie, &twofaces, &small,
                   &cutoff, &dark, &blurred, &noface, &same };

    for (guint i = 0; i < G_N_ELEMENTS (fa); i++)
      g_print ("  %-48s %3d/%-3d = %5.1f %%\n", fa[i]->name, fa[i]->flagged, fa[i]->total,
               100.0 * fa[i]->flagged / MAX (fa[i]->total, 1));
    g_print ("flagged derived cases:\n");
    for (guint i = 0; i < G_N_ELEMENTS (fl); i++)
      g_print ("  %-48s %3d/%-3d = %5.1f %%\n", fl[i]->name, fl[i]->flagged, fl[i]->total,
               100.0 * fl[i]->flagged / MAX (fl[i]->total, 1));
  }
  g_array_unref (aspects);
  g_array_unref (portrait_h);
  return 0;
}
