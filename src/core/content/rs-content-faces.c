/* rs-content-faces.c: faces in a selfie and the portrait on a document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>

#include "rs-content-private.h"


static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static GArray *
detect (const guint8        *pixels,
        int                  width,
        int                  height,
        int                  stride,
        int                  channels,
        const RsFaceOptions *options)
{
  g_autoptr(GError) error = NULL;
  GArray *faces = rs_face_detect (pixels, width, height, stride, channels, options, &error);

  if (faces == NULL)
    {
      g_warning ("face detection: %s", error->message);
      faces = g_array_new (FALSE, FALSE, sizeof (RsFace));
    }
  return faces;
}

GArray *
rs_content_find_portrait (RsFlat   *f,
                          gboolean *turned,
                          double   *ms)
{
  RsFaceOptions o = { 0 };
  double t0 = now_ms ();
  GArray *faces;

  o.min_size = RS_PORTRAIT_MIN_SHARE * f->H;
  o.max_size = RS_PORTRAIT_MAX_SHARE * f->H;
  *turned = FALSE;
  faces = detect (f->rgb, f->W, f->H, f->W * 3, 3, &o);
  if (faces->len == 0)
    {
      /* the outline does not say which way up the document is */
      g_array_unref (faces);
      rs_flat_rotate_180 (f);
      faces = detect (f->rgb, f->W, f->H, f->W * 3, 3, &o);
      if (faces->len > 0)
        *turned = TRUE;
      else
        rs_flat_rotate_180 (f);
    }
  if (ms != NULL)
    *ms += now_ms () - t0;
  return faces;
}

/* ---- selfie ---- */

/* Where faces are looked for, as shares of the picture's height: first
 * the sizes a selfie has; only when none is found, small ones too (so that
 * a small face is reported as small, not as missing).  Live frames look
 * for faces of 0.18 of the height (or the profile's minimum if larger) and
 * up only, in coarser steps, which is what keeps them cheap: a face
 * between the minimum and 0.18 counts as none until the user comes
 * closer.  Of the faces found, those under half
 * the largest one's height are not counted (people far behind, a poster). */
#define FIND_LARGE_MIN   0.10
#define FIND_SMALL_MIN   0.04
#define FIND_MAX         0.90
#define FIND_LIVE_MIN    0.18
#define COUNT_RELATIVE   0.5
/* On the face (the detector's box, reduced to 64 × 64): the median
 * luminance and the gradient bandwidth (the checker's sharpness measure,
 * here × 1000). */
#define FACE_DARK_FAIL   70.0
#define FACE_SHARP_FAIL  400.0

static double
bandwidth (const float *lum,
           int          W,
           int          H)
{
  double best = G_MAXDOUBLE;

  for (int axis = 0; axis < 2; axis++)
    {
      double s1 = 0, s2 = 0;

      for (int y = 1; y < H - 1; y++)
        for (int x = 1; x < W - 1; x++)
          {
            int i = y * W + x, d = axis == 0 ? 1 : W;
            double d1 = (lum[i + d] - lum[i - d]) / 2;
            double d2 = lum[i + d] - 2 * lum[i] + lum[i - d];
            s1 += d1 * d1;
            s2 += d2 * d2;
          }
      if (s1 > 1e-6)
        best = MIN (best, sqrt (s2 / s1));
    }
  return best == G_MAXDOUBLE ? 0 : best * 1000;
}

static int
cmp_float (gconstpointer a,
           gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return (x > y) - (x < y);
}

static void
face_quality (const RsContentImage *im,
              const RsFace         *face,
              double               *luma,
              double               *sharp)
{
  RsFlat f;
  RsQuad q;
  float *sorted;
  int n;

  /* the inner part of the box: cheeks, eyes, nose, mouth */
  q.p[0].x = face->x + 0.15 * face->width;
  q.p[0].y = face->y + 0.15 * face->height;
  q.p[1].x = face->x + 0.85 * face->width;
  q.p[1].y = q.p[0].y;
  q.p[2].x = q.p[1].x;
  q.p[2].y = face->y + 0.95 * face->height;
  q.p[3].x = q.p[0].x;
  q.p[3].y = q.p[2].y;
  if (!rs_flat_document (im, &q, 1.0, 64, 2, &f))
    {
      *luma = *sharp = 0;
      return;
    }
  n = f.W * f.H;
  sorted = g_memdup2 (f.lum, n * sizeof (float));
  qsort (sorted, n, sizeof (float), cmp_float);
  *luma = sorted[n / 2];
  g_free (sorted);
  *sharp = bandwidth (f.lum, f.W, f.H);
  rs_flat_clear (&f);
}

static void
rect_quad (double  x,
           double  y,
           double  w,
           double  h,
           double  scale,
           RsQuad *q)
{
  q->p[0].x = x * scale;
  q->p[0].y = y * scale;
  q->p[1].x = (x + w) * scale;
  q->p[1].y = y * scale;
  q->p[2].x = (x + w) * scale;
  q->p[2].y = (y + h) * scale;
  q->p[3].x = x * scale;
  q->p[3].y = (y + h) * scale;
}

void
rs_content_selfie (const RsContentImage  *im,
                   const RsContentLimits *limits,
                   gboolean               live,
                   RsContentReport       *report,
                   RsContentMeasures     *m,
                   double                *face_ms)
{
  RsFaceOptions o = { 0 };
  double up = im->to_upright > 0 ? im->to_upright : 1;
  double t0 = now_ms ();
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) faces = g_array_new (FALSE, FALSE, sizeof (RsFace));
  RsLocateResult doc = { 0 };
  gboolean have_doc = FALSE;
  double doc_side = G_MAXDOUBLE;

  /* the document held next to the face carries a portrait of its own */
  if (limits->selfie_with_document)
    {
      RsLocateOptions lo = { live ? 320 : 0, 1.586 };

      rs_locate_document (im->pixels, im->width, im->height, im->stride, im->channels, &lo, &doc);
      have_doc = doc.found && !doc.cut_off;
      for (int i = 0; have_doc && i < 4; i++)
        {
          const RsPoint *a = &doc.quad.p[i], *b = &doc.quad.p[(i + 1) % 4];
          doc_side = MIN (doc_side, hypot (b->x - a->x, b->y - a->y));
        }
    }

  o.max_size = FIND_MAX * im->height;
  if (live)
    {
      o.min_size = MAX (limits->min_face_share, FIND_LIVE_MIN) * im->height;
      o.scale_step = 1.2;
      /* 1280 × 720: 3 × 3 blocks, faces from 0.1875 of the height */
      o.whole_blocks = TRUE;
      all = detect (im->pixels, im->width, im->height, im->stride, im->channels, &o);
    }
  else
    {
      o.min_size = MIN (FIND_LARGE_MIN, limits->min_face_share) * im->height;
      o.scale_step = 1.1;
      all = detect (im->pixels, im->width, im->height, im->stride, im->channels, &o);
      if (all->len == 0)
        {
          g_array_unref (all);
          o.max_size = o.min_size * 1.2;
          o.min_size = MIN (FIND_SMALL_MIN, limits->min_face_share) * im->height;
          o.scale_step = 1.1;
          all = detect (im->pixels, im->width, im->height, im->stride, im->channels, &o);
        }
    }
  *face_ms += now_ms () - t0;
  for (guint i = 0; i < all->len; i++)
    {
      const RsFace *f = &g_array_index (all, RsFace, i);

      /* the card's portrait: inside it, and of a portrait's size for it */
      if (have_doc && rs_quad_contains (&doc.quad, f->x + f->width / 2, f->y + f->height / 2) &&
          f->height < 0.5 * doc_side)
        continue;
      if (faces->len > 0 && f->height < COUNT_RELATIVE * g_array_index (faces, RsFace, 0).height)
        continue;
      g_array_append_val (faces, *f);
    }
  m->n_faces = faces->len;

  for (guint i = 0; i < faces->len; i++)
    {
      const RsFace *f = &g_array_index (faces, RsFace, i);
      RsImageRect r = { (int) floor (f->x * up), (int) floor (f->y * up),
                        (int) ceil (f->width * up), (int) ceil (f->height * up) };
      RsQuad q;

      rs_content_report_add_face (report, &r);
      rect_quad (f->x, f->y, f->width, f->height, up, &q);
      rs_content_report_add_mark (report, RS_MARK_FACE, RS_CHECK_FACE_COUNT, &q);
    }

  if (faces->len == 0)
    rs_content_report_add_finding (report, RS_CHECK_FACE_COUNT, RS_CHECK_FAIL, 0, 1,
                                   _("No face was found. Look straight at the camera, with your whole face in the picture and light on it."));
  else if (faces->len > 1)
    rs_content_report_add_finding (report, RS_CHECK_FACE_COUNT, RS_CHECK_FAIL, faces->len, 1,
                                   _("There is more than one face in the photo. Only you should be in the selfie."));
  else
    rs_content_report_add_finding (report, RS_CHECK_FACE_COUNT, RS_CHECK_PASS, 1, 1,
                                   _("One face was found."));

  if (faces->len > 0)
    {
      const RsFace *f = &g_array_index (faces, RsFace, 0);
      double share = f->height / im->height;
      /* the head around the detector's box (hair, forehead, chin, ears) */
      double hx0 = f->x - 0.2 * f->width, hx1 = f->x + 1.2 * f->width;
      double hy0 = f->y - 0.4 * f->height, hy1 = f->y + 1.3 * f->height;
      double out = MAX (MAX (-hx0, hx1 - im->width), MAX (-hy0, hy1 - im->height));

      m->face_share = share;
      if (share < limits->min_face_share)
        rs_content_report_add_finding (report, RS_CHECK_FACE_SIZE, RS_CHECK_FAIL, share,
                                       limits->min_face_share,
                                       _("Your face is too small in the photo. Hold the camera closer, so that your face fills more of the picture."));
      else
        rs_content_report_add_finding (report, RS_CHECK_FACE_SIZE, RS_CHECK_PASS, share,
                                       limits->min_face_share, _("Your face is large enough."));

      if (!live)
        {
          if (out > 0)
            rs_content_report_add_finding (report, RS_CHECK_FACE_INSIDE, RS_CHECK_FAIL,
                                           out / f->height, 0,
                                           _("Part of your head is outside the photo. Move so that your whole face is in the middle of the picture."));
          else
            rs_content_report_add_finding (report, RS_CHECK_FACE_INSIDE, RS_CHECK_PASS,
                                           out / f->height, 0, _("Your whole face is in the photo."));

          face_quality (im, f, &m->face_luma, &m->face_sharpness);
          if (m->face_luma < FACE_DARK_FAIL)
            rs_content_report_add_finding (report, RS_CHECK_FACE_QUALITY, RS_CHECK_FAIL, m->face_luma,
                                           FACE_DARK_FAIL,
                                           _("Your face is too dark. Face a window or a lamp, with no bright light behind you."));
          else if (m->face_sharpness < FACE_SHARP_FAIL)
            rs_content_report_add_finding (report, RS_CHECK_FACE_QUALITY, RS_CHECK_FAIL,
                                           m->face_sharpness, FACE_SHARP_FAIL,
                                           _("Your face is blurred. Hold the camera still and let it focus on your face."));
          else
            rs_content_report_add_finding (report, RS_CHECK_FACE_QUALITY, RS_CHECK_PASS,
                                           m->face_sharpness, FACE_SHARP_FAIL,
                                           _("Your face is well lit and sharp."));
        }
    }

  if (limits->selfie_with_document && !live)
    {
      double doc_short = 0;

      if (have_doc)
        {
          const RsQuad *q = &doc.quad;
          double s[4];

          for (int i = 0; i < 4; i++)
            s[i] = hypot (q->p[(i + 1) % 4].x - q->p[i].x, q->p[(i + 1) % 4].y - q->p[i].y);
          doc_short = MIN (s[0] + s[2], s[1] + s[3]) / 2 * up;
          rs_content_report_add_mark (report, RS_MARK_DOCUMENT, RS_CHECK_SELFIE_DOCUMENT, &(RsQuad) {
            { { q->p[0].x * up, q->p[0].y * up }, { q->p[1].x * up, q->p[1].y * up },
              { q->p[2].x * up, q->p[2].y * up }, { q->p[3].x * up, q->p[3].y * up } } });
        }
      if (!have_doc)
        rs_content_report_add_finding (report, RS_CHECK_SELFIE_DOCUMENT, RS_CHECK_FAIL, 0,
                                       limits->min_selfie_document_side,
                                       _("No document was found next to your face. Hold your document beside your face, all of it in the picture, its photo side to the camera."));
      else if (doc_short < limits->min_selfie_document_side)
        rs_content_report_add_finding (report, RS_CHECK_SELFIE_DOCUMENT, RS_CHECK_FAIL, doc_short,
                                       limits->min_selfie_document_side,
                                       _("The document next to your face is too small to read. Hold it closer to the camera."));
      else
        rs_content_report_add_finding (report, RS_CHECK_SELFIE_DOCUMENT, RS_CHECK_PASS, doc_short,
                                       limits->min_selfie_document_side,
                                       _("The document next to your face can be read."));
    }
}
