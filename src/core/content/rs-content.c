/* rs-content.c: the content checks of one photo or live frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rs-content-private.h"

/* The flattened document's long side (photo), as the checker's. */
#define FLAT_LONG 640
/* Side and portrait are judged only on a document seen well enough: the
 * 90th percentile of its luminance (the checker fails darker ones). */
#define SEEN_MIN_P90 70.0
/* Aspect (long/short, perspective undone): ID-1 cards are 1.586, passport
 * pages (ID-3) 1.42; docs/content.md has the measured spread. */
#define ASPECT_CARD_MIN     1.49
#define ASPECT_PASSPORT_MAX 1.52
/* Covered share of the document. */
#define OCCLUDED_FAIL 0.010

void
rs_content_limits_init (RsContentLimits *limits,
                        RsProfile       *profile)
{
  limits->min_face_share = profile != NULL ? rs_profile_get_selfie_min_face_percent (profile) / 100.0
                                           : RS_CONTENT_DEFAULT_MIN_FACE_SHARE;
  limits->min_selfie_document_side = RS_CONTENT_DEFAULT_MIN_SELFIE_DOCUMENT_SIDE;
  limits->selfie_with_document = profile != NULL && rs_profile_get_selfie_with_document (profile);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gboolean
is_slot (const char *kind,
         const char *slot)
{
  return g_strcmp0 (kind, slot) == 0;
}

/* Where the portrait is on the upright document, for the types whose
 * layout is fixed: -1 left half, +1 right half, 0 not known. */
static int
portrait_half (const char *document_type,
               const char *kind)
{
  if (is_slot (kind, RS_SLOT_PASSPORT))
    return -1; /* ICAO 9303: the portrait is left of the data */
  if (g_strcmp0 (document_type, RS_DOC_CN_RIC) == 0 && is_slot (kind, RS_SLOT_ID_FRONT))
    return +1;
  return 0;
}

static double
percentile90 (const RsFlat *f)
{
  guint hist[256] = { 0 };
  gsize n = (gsize) f->W * f->H, acc = 0;

  for (gsize i = 0; i < n; i++)
    hist[CLAMP ((int) f->lum[i], 0, 255)]++;
  for (int v = 0; v < 256; v++)
    {
      acc += hist[v];
      if (acc >= n * 9 / 10)
        return v;
    }
  return 255;
}

/* The layout signature: block means of the inner document, minus a blurred
 * copy (lighting), normalised. */
static void
signature (const RsFlat *f,
           float        *sig)
{
  double blocks[RS_SIG_W * RS_SIG_H], mean = 0, var = 0;
  int mx = f->W / 25, my = f->H / 25;

  for (int by = 0; by < RS_SIG_H; by++)
    for (int bx = 0; bx < RS_SIG_W; bx++)
      {
        int xa = mx + (f->W - 2 * mx) * bx / RS_SIG_W, xb = mx + (f->W - 2 * mx) * (bx + 1) / RS_SIG_W;
        int ya = my + (f->H - 2 * my) * by / RS_SIG_H, yb = my + (f->H - 2 * my) * (by + 1) / RS_SIG_H;
        double s = 0;
        int n = 0;

        for (int y = ya; y < MAX (yb, ya + 1); y++)
          for (int x = xa; x < MAX (xb, xa + 1); x++)
            {
              s += f->lum[y * f->W + x];
              n++;
            }
        blocks[by * RS_SIG_W + bx] = s / MAX (n, 1);
      }
  for (int y = 0; y < RS_SIG_H; y++)
    for (int x = 0; x < RS_SIG_W; x++)
      {
        double s = 0;
        int n = 0;

        for (int dy = -4; dy <= 4; dy++)
          for (int dx = -4; dx <= 4; dx++)
            {
              int xx = x + dx, yy = y + dy;
              if (xx < 0 || yy < 0 || xx >= RS_SIG_W || yy >= RS_SIG_H)
                continue;
              s += blocks[yy * RS_SIG_W + xx];
              n++;
            }
        sig[y * RS_SIG_W + x] = (float) (blocks[y * RS_SIG_W + x] - s / n);
      }
  for (int i = 0; i < RS_SIG_W * RS_SIG_H; i++)
    mean += sig[i];
  mean /= RS_SIG_W * RS_SIG_H;
  for (int i = 0; i < RS_SIG_W * RS_SIG_H; i++)
    var += (sig[i] - mean) * (sig[i] - mean);
  var = sqrt (var / (RS_SIG_W * RS_SIG_H));
  for (int i = 0; i < RS_SIG_W * RS_SIG_H; i++)
    sig[i] = (float) (var > 1e-6 ? (sig[i] - mean) / var : 0);
}

static const char *
type_name (const char *document_type)
{
  return document_type != NULL ? rs_document_type_get_name (document_type) : _("the chosen document");
}

static void
check_type (RsContentReport     *report,
            const char          *kind,
            const char          *document_type,
            double               aspect,
            const RsContentText *text,
            int                  found_half,
            int                  expected_half)
{
  gboolean passport_slot = is_slot (kind, RS_SLOT_PASSPORT);
  const char *looks = NULL; /* "passport", "card", "other" */
  double value = aspect, threshold = passport_slot ? ASPECT_PASSPORT_MAX : ASPECT_CARD_MIN;
  g_autofree char *msg = NULL;

  if (text != NULL && text->mrz_found)
    {
      if (passport_slot && text->mrz_format == '1')
        looks = "card";
      else if (!passport_slot && (text->mrz_format == '3' || text->mrz_code[0] == 'P'))
        looks = "passport";
      else if (!passport_slot && g_strcmp0 (document_type, RS_DOC_CN_RIC) == 0)
        looks = "other"; /* a Mainland ID card has no MRZ */
    }
  if (looks == NULL && aspect > 0)
    {
      if (passport_slot && aspect > ASPECT_PASSPORT_MAX)
        looks = "card";
      else if (!passport_slot && aspect < ASPECT_CARD_MIN)
        looks = "passport";
    }
  if (looks == NULL && expected_half != 0 && found_half != 0 && found_half != expected_half)
    {
      looks = "other";
      value = found_half;
      threshold = expected_half;
    }

  if (looks == NULL)
    {
      rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_TYPE, RS_CHECK_PASS, value, threshold,
                                     _("The document looks like the chosen type."));
      return;
    }
  if (g_str_equal (looks, "card"))
    msg = g_strdup (_("This looks like an ID card, not a passport page. Photograph the passport's photo page, or choose the document you have."));
  else if (g_str_equal (looks, "passport"))
    /* TRANSLATORS: %s is a document type, e.g. "Mainland ID card" */
    msg = g_strdup_printf (_("This looks like a passport page, not a %s. Photograph the %s, or choose the document you have."),
                           type_name (document_type), type_name (document_type));
  else
    /* TRANSLATORS: %s is a document type, e.g. "Mainland ID card" */
    msg = g_strdup_printf (_("This does not look like a %s: its photo is not where that document has it. Check that you chose the right document."),
                           type_name (document_type));
  rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_TYPE, RS_CHECK_WARN, value, threshold, msg);
}

/* document.count: another document-like outline of similar size. */
static void
check_count (const RsContentImage *im,
             const RsQuad         *quad,
             double                aspect,
             int                   work_size,
             RsContentReport      *report,
             RsContentMeasures    *m)
{
  double up = im->to_upright > 0 ? im->to_upright : 1;

  if (rs_locate_another (im, quad, aspect, work_size, &m->other))
    {
      RsQuad q = m->other.quad;

      for (int i = 0; i < 4; i++)
        {
          q.p[i].x *= up;
          q.p[i].y *= up;
        }
      rs_content_report_add_mark (report, RS_MARK_DOCUMENT, RS_CHECK_DOCUMENT_COUNT, &q);
      rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_COUNT, RS_CHECK_FAIL, 2, 1,
                                     _("Only one document in the photo, please. Take the other one out of the picture."));
    }
  else
    rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_COUNT, RS_CHECK_PASS, 1, 1,
                                   _("There is one document in the photo."));
}

static void
analyse_document (const RsContentImage  *im,
                  const char            *kind,
                  const char            *document_type,
                  const RsLocateResult  *locate,
                  const RsContentText   *text,
                  RsContentTextFunc      get_text,
                  gpointer               text_data,
                  double                *wait_ms,
                  RsContentReport       *report,
                  RsContentMeasures     *m,
                  double                *face_ms)
{
  double up = im->to_upright > 0 ? im->to_upright : 1;
  gboolean passport_slot = is_slot (kind, RS_SLOT_PASSPORT);
  gboolean front = is_slot (kind, RS_SLOT_ID_FRONT), back = is_slot (kind, RS_SLOT_ID_BACK);
  double aspect = passport_slot ? 1.42 : 1.586;
  RsFlat f;
  g_autoptr(GArray) faces = NULL;
  gboolean turned = FALSE, seen;
  int found_half = 0;
  float sig[RS_SIG_W * RS_SIG_H];

  check_count (im, &locate->quad, aspect, 0, report, m);

  if (!rs_flat_document (im, &locate->quad, aspect, FLAT_LONG, 2, &f))
    return;

  /* nothing covering it */
  {
    double box[4];

    m->occluded = rs_content_occlusion (im, &f, box);
    if (m->occluded >= OCCLUDED_FAIL)
      {
        RsQuad q;

        rs_flat_rect_to_quad (&f, box[0], box[1], box[2], box[3], up, &q);
        rs_content_report_add_mark (report, RS_MARK_OCCLUSION, RS_CHECK_DOCUMENT_OCCLUDED, &q);
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_OCCLUDED, RS_CHECK_FAIL, m->occluded,
                                       OCCLUDED_FAIL,
                                       _("Keep your fingers off the document: part of it is covered. Lay it on a table, or hold it by its edges."));
      }
    else
      rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_OCCLUDED, RS_CHECK_PASS, m->occluded,
                                     OCCLUDED_FAIL, _("Nothing covers the document."));
  }

  /* portrait, side */
  faces = rs_content_find_portrait (&f, &turned, face_ms);
  seen = percentile90 (&f) >= SEEN_MIN_P90;
  rs_content_report_set_upside_down (report, faces->len > 0, turned);
  if (faces->len > 0)
    {
      const RsFace *p = &g_array_index (faces, RsFace, 0);
      RsQuad q;
      RsImageRect r;

      m->portrait_height = p->height / f.H;
      m->portrait_x = (p->x + p->width / 2) / f.W;
      found_half = m->portrait_x < 0.5 ? -1 : +1;
      /* the whole printed photo: the head around the detector's box */
      rs_flat_rect_to_quad (&f, p->x - 0.25 * p->width, p->y - 0.45 * p->height,
                            1.5 * p->width, 1.9 * p->height, up, &q);
      rs_content_report_add_mark (report, RS_MARK_PORTRAIT, RS_CHECK_DOCUMENT_PORTRAIT, &q);
      rs_flat_rect_to_quad (&f, p->x, p->y, p->width, p->height, up, &q);
      {
        double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
        for (int k = 0; k < 4; k++)
          {
            x0 = MIN (x0, q.p[k].x);
            x1 = MAX (x1, q.p[k].x);
            y0 = MIN (y0, q.p[k].y);
            y1 = MAX (y1, q.p[k].y);
          }
        r.x = (int) floor (x0);
        r.y = (int) floor (y0);
        r.width = (int) ceil (x1 - x0);
        r.height = (int) ceil (y1 - y0);
        rs_content_report_add_face (report, &r);
      }
      rs_content_report_set_side (report, RS_SIDE_GUESS_FRONT);
    }
  else
    rs_content_report_set_side (report, seen ? RS_SIDE_GUESS_BACK : RS_SIDE_GUESS_UNKNOWN);

  if ((front || passport_slot) && (faces->len > 0 || seen))
    {
      if (faces->len > 0)
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_PORTRAIT, RS_CHECK_PASS,
                                       m->portrait_height, RS_PORTRAIT_MIN_SHARE,
                                       _("The document's photo was found."));
      else if (passport_slot)
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_PORTRAIT, RS_CHECK_FAIL, 0,
                                       RS_PORTRAIT_MIN_SHARE,
                                       _("No photo of the holder was found on the page. Photograph the passport's photo page, and keep your fingers and glare off the photo."));
      else
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_PORTRAIT, RS_CHECK_FAIL, 0,
                                       RS_PORTRAIT_MIN_SHARE,
                                       _("No photo of the holder was found on the card. Photograph the side with your photo, and keep your fingers and glare off it."));
    }
  if ((front || back) && (faces->len > 0 || seen))
    {
      if (front && faces->len == 0)
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_SIDE, RS_CHECK_FAIL, 0, 1,
                                       _("This looks like the back of the card; put it in the back slot."));
      else if (back && faces->len > 0)
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_SIDE, RS_CHECK_FAIL, 1, 0,
                                       _("This looks like the front of the card, the side with the photo; put it in the front slot."));
      else
        rs_content_report_add_finding (report, RS_CHECK_DOCUMENT_SIDE, RS_CHECK_PASS, faces->len > 0, front,
                                       _("This is the right side of the card."));
    }

  /* the right document */
  {
    RsQuad uq = locate->quad;

    m->aspect = rs_quad_true_aspect (&uq, im->width, im->height);
    if (text == NULL && get_text != NULL)
      {
        double w0 = now_ms ();

        text = get_text (text_data);
        *wait_ms = now_ms () - w0;
      }
    if (!back || (text != NULL && text->mrz_found))
      check_type (report, kind, document_type, m->aspect, text, found_half,
                  faces->len > 0 ? portrait_half (document_type, kind) : 0);
  }

  signature (&f, sig);
  rs_content_report_set_signature (report, sig, faces->len > 0);
  rs_flat_clear (&f);
}

/* Both entry points: the whole set of checks, or the live subset. */
static RsContentReport *
analyse (const RsContentImage  *image,
         const char            *kind,
         const char            *document_type,
         const RsLocateResult  *locate,
         const RsContentLimits *limits,
         const RsContentText   *text,
         RsContentTextFunc      get_text,
         gpointer               text_data,
         gboolean               live)
{
  RsContentReport *report = rs_content_report_new ();
  RsContentMeasures m = { 0 };
  RsContentLimits defaults;
  double t0 = now_ms (), face_ms = 0, wait_ms = 0;

  g_return_val_if_fail (image != NULL && image->pixels != NULL, report);
  if (limits == NULL)
    {
      rs_content_limits_init (&defaults, NULL);
      limits = &defaults;
    }
  if (is_slot (kind, RS_SLOT_SELFIE))
    rs_content_selfie (image, limits, live, report, &m, &face_ms);
  else if (locate != NULL && locate->found && live)
    check_count (image, &locate->quad, is_slot (kind, RS_SLOT_PASSPORT) ? 1.42 : 1.586, 320,
                 report, &m);
  else if (locate != NULL && locate->found)
    analyse_document (image, kind, document_type, locate, text, get_text, text_data, &wait_ms,
                      report, &m, &face_ms);
  rs_content_report_set_measures (report, &m);
  /* the checks' own time, not the wait for the text */
  rs_content_report_set_timings (report, now_ms () - t0 - wait_ms, face_ms);
  return report;
}

RsContentReport *
rs_content_analyse (const RsContentImage  *image,
                    const char            *kind,
                    const char            *document_type,
                    const RsLocateResult  *locate,
                    const RsContentLimits *limits,
                    const RsContentText   *text)
{
  return analyse (image, kind, document_type, locate, limits, text, NULL, NULL, FALSE);
}

RsContentReport *
rs_content_analyse_text_later (const RsContentImage  *image,
                               const char            *kind,
                               const char            *document_type,
                               const RsLocateResult  *locate,
                               const RsContentLimits *limits,
                               RsContentTextFunc      get_text,
                               gpointer               data)
{
  return analyse (image, kind, document_type, locate, limits, NULL, get_text, data, FALSE);
}

RsContentReport *
rs_content_analyse_frame (const RsContentImage  *image,
                          const char            *kind,
                          const RsLocateResult  *locate,
                          const RsContentLimits *limits)
{
  return analyse (image, kind, NULL, locate, limits, NULL, NULL, NULL, TRUE);
}
