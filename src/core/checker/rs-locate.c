/* rs-locate.c: find the outline of an identity document in a photo.
 *
 * Method (see docs/checker.md, "Document localisation"): downsample to a small work size,
 * smooth, take the colour gradient (strongest RGB channel), thin it, vote
 * the edge points into an orientation-restricted Hough accumulator, keep the
 * strongest lines (each refitted to its edge points), build quadrilaterals
 * from pairs of roughly parallel lines crossing another such pair (or three
 * lines and a fourth side inferred out of the frame from the aspect ratio),
 * rank them by edge support along each side, area, perspective-corrected
 * aspect ratio and the part outside the frame, then by colour contrast and
 * polarity across the sides, and refine the winner's sides on the input
 * image with sub-pixel edge fits.
 *
 * Plain C on GLib and libm; no global state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-locate-private.h"


static gboolean
cand_same (const Cand *a,
           const Cand *b)
{
  for (int i = 0; i < 4; i++)
    {
      double best = G_MAXDOUBLE;
      for (int j = 0; j < 4; j++)
        {
          double dx = a->c[i].x - b->c[j].x, dy = a->c[i].y - b->c[j].y;
          best = MIN (best, dx * dx + dy * dy);
        }
      if (best > 2.5 * 2.5)
        return FALSE;
    }
  return TRUE;
}

/* Keep the MAX_RANKED best candidates by stage-one score, best first. */
static void
top_insert (Cand       *top,
            int        *ntop,
            const Cand *c)
{
  int i;

  if (*ntop == MAX_RANKED && c->score <= top[MAX_RANKED - 1].score)
    return;
  /* Lines a pixel apart make near-copies of one quad: keep the best copy
   * so that the list holds different outlines. */
  for (int j = 0; j < *ntop; j++)
    if (cand_same (&top[j], c))
      {
        if (c->score <= top[j].score)
          return;
        memmove (&top[j], &top[j + 1], (*ntop - j - 1) * sizeof (Cand));
        (*ntop)--;
        break;
      }
  i = *ntop < MAX_RANKED ? (*ntop)++ : MAX_RANKED - 1;
  while (i > 0 && top[i - 1].score < c->score)
    {
      top[i] = top[i - 1];
      i--;
    }
  top[i] = *c;
}


/* Bits set in a 32-bit mask. */
static inline int
popcount32 (guint32 v)
{
  v = v - ((v >> 1) & 0x55555555u);
  v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
  return (int) ((((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24);
}

#define WEAK_SAMPLES 16
#define WEAK_MAX_OFF 192

/* A side the line finder missed: a pale card on white paper can have one
 * side too faint for the accumulator.  Given two roughly parallel sides
 * a1, a2 and the side b crossing them at c1 and c2, look for a straight
 * edge parallel to b at offsets off_lo..off_hi (along b's normal) with a
 * lower gradient threshold, and one polarity all along (a texture has
 * both).  Returns the supported fraction at the best offset (*best_off). */
static double
weak_side_search (const Work *w,
                  const Line *a1,
                  const Line *a2,
                  const Line *b,
                  RsPoint     c1,
                  RsPoint     c2,
                  double      da1,
                  double      da2,
                  double      off_lo,
                  double      off_hi,
                  double     *best_off)
{
  guint32 pos[WEAK_MAX_OFF], neg[WEAK_MAX_OFF], seen = 0;
  int noff = MIN (WEAK_MAX_OFF, (int) (off_hi - off_lo) + 1);
  float thr = WEAK_THR * w->thr, cosmin = (float) cos (20 * G_PI / 180);
  double d1x = -a1->ny / da1, d1y = a1->nx / da1, d2x = -a2->ny / da2, d2y = a2->nx / da2;
  double best = 0;
  int nseen;

  *best_off = 0;
  if (noff < 3)
    return 0;
  for (int o = 0; o < noff; o++)
    {
      double off = off_lo + o;
      double p1x = c1.x + off * d1x, p1y = c1.y + off * d1y;
      double p2x = c2.x + off * d2x, p2y = c2.y + off * d2y;

      pos[o] = neg[o] = 0;
      for (int j = 0; j < WEAK_SAMPLES; j++)
        {
          double t = 0.1 + 0.8 * j / (WEAK_SAMPLES - 1);
          int x = ifloor (p1x + t * (p2x - p1x) + 0.5), y = ifloor (p1y + t * (p2y - p1y) + 0.5);
          int i;
          float m, g;

          if (x < 1 || y < 1 || x >= w->w - 1 || y >= w->h - 1)
            continue;
          seen |= 1u << j;
          i = y * w->w + x;
          m = w->mag[i];
          if (m < thr)
            continue;
          g = w->gx[i] * (float) b->nx + w->gy[i] * (float) b->ny;
          if (g >= cosmin * m)
            pos[o] |= 1u << j;
          else if (-g >= cosmin * m)
            neg[o] |= 1u << j;
        }
    }
  nseen = popcount32 (seen);
  if (nseen < WEAK_SAMPLES * 3 / 4)
    return 0;
  for (int o = 1; o < noff - 1; o++)
    {
      int np = popcount32 (pos[o - 1] | pos[o] | pos[o + 1]);
      int nn = popcount32 (neg[o - 1] | neg[o] | neg[o + 1]);
      double f = (double) MAX (np, nn) / nseen;

      if (f > best)
        {
          best = f;
          *best_off = off_lo + o;
        }
    }
  return best;
}

static inline double
dist2 (RsPoint a,
       RsPoint b)
{
  return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

typedef struct {
  const Line *a1, *b, *a2;
  RsPoint     c1, c2;
  double      da1, da2, off;
  double      bound;       /* best stage-one score it could reach */
} Weak;

#define MAX_WEAK 40
#define WEAK_KEEP 4

/* Sides a1, b, a2 seen, the fourth expected at offset @off from b inside
 * the frame, yet no line there.  Keep the MAX_WEAK most promising such
 * triples by the score they would reach with a fully supported fourth
 * side; the search for a faint side runs on those only. */
static void
weak_note (const Work *w,
           const Weak *k,
           double      sb,
           double      best_score,
           Weak       *list,
           int        *nlist)
{
  RsPoint e1, e2;
  double s[3], vis, mn, bound, area_term, floor_bound;
  int i;

  /* Bound with sides a1 and a2 fully supported first: it needs no
   * measurement. */
  area_term = 0.25 * sqrt (dist (k->c1, k->c2) * fabs (k->off) / (w->w * (double) w->h)) - WEAK_W;
  floor_bound = MAX (*nlist == MAX_WEAK ? list[MAX_WEAK - 1].bound : -G_MAXDOUBLE, best_score - 0.35);
  if (0.6 * (sb + 3) / 4 + 0.4 * sb + area_term <= floor_bound)
    return;
  e1.x = k->c1.x + k->off / k->da1 * -k->a1->ny;
  e1.y = k->c1.y + k->off / k->da1 * k->a1->nx;
  e2.x = k->c2.x + k->off / k->da2 * -k->a2->ny;
  e2.y = k->c2.y + k->off / k->da2 * k->a2->nx;

  /* The three seen sides must be well seen: the fourth is the doubtful
   * one.  (The caller has measured b, the same for every offset.) */
  s[1] = sb;
  s[0] = rs_locate_segment_support (k->a1, line_param (k->a1, k->c1), line_param (k->a1, e1), SIDE_TRIM, &vis);
  if (vis < 0.2 || s[0] < WEAK_SEEN)
    return;
  s[2] = rs_locate_segment_support (k->a2, line_param (k->a2, k->c2), line_param (k->a2, e2), SIDE_TRIM, &vis);
  if (vis < 0.2 || s[2] < WEAK_SEEN)
    return;
  mn = MIN (s[0], MIN (s[1], s[2]));
  bound = 0.6 * (s[0] + s[1] + s[2] + 1) / 4 + 0.4 * mn + area_term;
  /* Contrast adds at most 0.35 in the finer ranking: a quad that cannot
   * reach the best stage-one score with it is not worth the search. */
  if (bound <= floor_bound)
    return;
  /* Lines a pixel apart make near-copies: keep the list diverse. */
  for (int j = 0; j < *nlist; j++)
    {
      double tol2 = 0.0025 * dist2 (k->c1, k->c2);   /* (5 % of the side)² */
      gboolean same_end = (dist2 (k->c1, list[j].c1) < tol2 && dist2 (k->c2, list[j].c2) < tol2) ||
                          (dist2 (k->c1, list[j].c2) < tol2 && dist2 (k->c2, list[j].c1) < tol2);

      if (!same_end || fabs (k->off - list[j].off) > 0.1 * fabs (k->off) + 2 ||
          (k->off > 0) != (list[j].off > 0))
        continue;
      if (bound <= list[j].bound)
        return;
      memmove (&list[j], &list[j + 1], (*nlist - j - 1) * sizeof (Weak));
      (*nlist)--;
      break;
    }
  i = *nlist < MAX_WEAK ? (*nlist)++ : MAX_WEAK - 1;
  while (i > 0 && list[i - 1].bound < bound)
    {
      list[i] = list[i - 1];
      i--;
    }
  list[i] = *k;
  list[i].bound = bound;
}

/* Search for the faint fourth side of @k; add the quad it closes. */
static void
weak_try (const Work *w,
          const Weak *k,
          double      asp_lo,
          double      asp_hi,
          double      hint,
          Cand       *top,
          int        *ntop)
{
  double floor_score = *ntop == WEAK_KEEP ? top[WEAK_KEEP - 1].score : -G_MAXDOUBLE;
  double off = k->off;
  double lo = off > 0 ? 0.88 * off : 1.12 * off, hi = off > 0 ? 1.12 * off : 0.88 * off;
  double sup, best_off;
  Line weak;
  const Line *L[4];
  RsPoint q[4];
  Cand c;

  if (k->bound <= floor_score)
    return;
  sup = weak_side_search (w, k->a1, k->a2, k->b, k->c1, k->c2, k->da1, k->da2, lo, hi, &best_off);
  if (sup < WEAK_MIN)
    return;
  weak = *k->b;
  weak.rho = k->b->rho + best_off;
  weak.votes = 0;
  q[0] = k->c1;
  q[1] = k->c2;
  q[2].x = k->c2.x + best_off / k->da2 * -k->a2->ny;
  q[2].y = k->c2.y + best_off / k->da2 * k->a2->nx;
  q[3].x = k->c1.x + best_off / k->da1 * -k->a1->ny;
  q[3].y = k->c1.y + best_off / k->da1 * k->a1->nx;
  rs_locate_line_profile (w, &weak, &weak, WEAK_THR * w->thr);
  L[0] = k->a1;
  L[1] = k->b;
  L[2] = k->a2;
  L[3] = &weak;
  if (rs_locate_cand_eval (w, L, q, asp_lo, asp_hi, hint, floor_score + WEAK_W, &c))
    {
      c.score -= WEAK_W;
      for (int i = 0; i < *ntop; i++)
        if (cand_same (&top[i], &c))
          {
            if (c.score > top[i].score)
              top[i] = c;
            goto done;
          }
      {
        int i = *ntop < WEAK_KEEP ? (*ntop)++ : WEAK_KEEP - 1;
        while (i > 0 && top[i - 1].score < c.score)
          {
            top[i] = top[i - 1];
            i--;
          }
        top[i] = c;
      }
    }
done:
  g_free (weak.sup);
}

/* Does the quad run out of the W×H frame (by more than 0.2 % of the long
 * side, as for the result's cut_off)? */
static gboolean
cand_outside (const Cand *c,
              double      W,
              double      H)
{
  double tol = 0.002 * MAX (W, H);

  for (int i = 0; i < 4; i++)
    if (c->c[i].x < -0.5 - tol || c->c[i].y < -0.5 - tol ||
        c->c[i].x > W - 0.5 + tol || c->c[i].y > H - 0.5 + tol)
      return TRUE;
  return FALSE;
}

#define TOP_FLOOR (ntop == MAX_RANKED ? top[MAX_RANKED - 1].score : -G_MAXDOUBLE)

/* Pairs of roughly parallel lines × pairs of lines crossing them, then
 * three seen sides with the fourth inferred out of the frame.  Keeps the
 * best MAX_RANKED in @top by the stage-one score; returns how many.
 * With @weak, builds no candidates but lists in @weak (MAX_WEAK entries)
 * the three seen sides whose fourth would lie inside the frame, where no
 * line was found, that could beat @weak_best with a faint fourth side. */
static int
collect_candidates (const Work *w,
                    const Line *lines,
                    int         nlines,
                    double      asp_lo,
                    double      asp_hi,
                    double      hint,
                    Cand       *top,
                    double      weak_best,
                    Weak       *weak,
                    int        *nweak_out)
{
  int ntop = 0;
  int nweak = 0;

  {
    const double cos_par = cos (22 * G_PI / 180), cos_cross = cos (45 * G_PI / 180);
    int npairs = 0;
    const Line *L[4];
    int *pairs = g_new (int, nlines * nlines + 2);
    double *sep = g_new (double, nlines * nlines / 2 + 1);
    /* Crossing points of all crossing line pairs, computed once. */
    RsPoint *X = g_new (RsPoint, nlines * nlines);
    guint8 *xok = g_new0 (guint8, nlines * nlines);

    for (int i = 0; i < nlines; i++)
      for (int j = i + 1; j < nlines; j++)
        {
          RsPoint p;
          if (rs_locate_cos_between (&lines[i], &lines[j]) > cos_cross || !intersect (&lines[i], &lines[j], &p))
            continue;
          if (p.x < -0.35 * w->w || p.x > 1.35 * w->w || p.y < -0.35 * w->h || p.y > 1.35 * w->h)
            continue;
          X[i * nlines + j] = X[j * nlines + i] = p;
          xok[i * nlines + j] = xok[j * nlines + i] = 1;
        }

    for (int i = 0; i < nlines; i++)
      for (int j = i + 1; j < nlines; j++)
        {
          double dd;
          if (rs_locate_cos_between (&lines[i], &lines[j]) < cos_par)
            continue;
          /* Separation, measured at the image centre. */
          dd = fabs ((lines[i].nx * w->w / 2 + lines[i].ny * w->h / 2 - lines[i].rho)
                     - (lines[j].nx * w->w / 2 + lines[j].ny * w->h / 2 - lines[j].rho)
                       * (lines[i].nx * lines[j].nx + lines[i].ny * lines[j].ny > 0 ? 1 : -1));
          if (dd < 0.12 * MIN (w->w, w->h))
            continue;
          pairs[2 * npairs] = i;
          pairs[2 * npairs + 1] = j;
          sep[npairs] = dd;
          npairs++;
        }
    for (int p = 0; p < npairs && weak == NULL; p++)
      for (int q = p + 1; q < npairs; q++)
        {
          int a1 = pairs[2 * p], a2 = pairs[2 * p + 1], b1 = pairs[2 * q], b2 = pairs[2 * q + 1];
          RsPoint cs[4];
          Cand c;

          /* Cheap shape tests on the pair separations: the area, and the
           * ratio of the sides (with room for perspective). */
          if (sep[p] * sep[q] < 0.05 * w->w * w->h ||
              sep[p] > 2.8 * sep[q] || sep[q] > 2.8 * sep[p])
            continue;
          if (!xok[a1 * nlines + b1] || !xok[b1 * nlines + a2] ||
              !xok[a2 * nlines + b2] || !xok[b2 * nlines + a1])
            continue;
          cs[0] = X[a1 * nlines + b1];
          cs[1] = X[b1 * nlines + a2];
          cs[2] = X[a2 * nlines + b2];
          cs[3] = X[b2 * nlines + a1];
          L[0] = &lines[a1];
          L[1] = &lines[b1];
          L[2] = &lines[a2];
          L[3] = &lines[b2];
          if (!rs_locate_cand_eval (w, L, cs, asp_lo, asp_hi, hint, TOP_FLOOR, &c))
            continue;
          top_insert (top, &ntop, &c);
        }

    /* Three seen sides: infer the fourth, beyond the frame, from the
     * expected aspect ratio (a document cut off along one side). */
    for (int p = 0; p < npairs; p++)
      for (int k = 0; k < nlines; k++)
        {
          int ia1 = pairs[2 * p], ia2 = pairs[2 * p + 1];
          const Line *a1 = &lines[ia1], *a2 = &lines[ia2], *b = &lines[k];
          RsPoint c1, c2;
          double side, da1, da2, sb = -1;

          if (!xok[ia1 * nlines + k] || !xok[ia2 * nlines + k])
            continue;
          c1 = X[ia1 * nlines + k];
          c2 = X[ia2 * nlines + k];
          side = dist (c1, c2);
          /* moving b by off along its normal moves its crossing with a
           * line a by off / (n_b · d_a) along a */
          da1 = -b->nx * a1->ny + b->ny * a1->nx;
          da2 = -b->nx * a2->ny + b->ny * a2->nx;
          if (fabs (da1) < 0.3 || fabs (da2) < 0.3)
            continue;
          for (int v = 0; v < 4; v++)
            {
              double ratio = hint > 0 ? hint : ID1_ASPECT;
              double off = (v & 1 ? side * ratio : side / ratio) * (v & 2 ? 1 : -1);
              Line inferred = *b;
              RsPoint cs[3];
              Cand c;

              if (side * fabs (off) < 0.05 * w->w * w->h)
                continue;
              inferred.rho = b->rho + off;
              inferred.sup = NULL;
              /* Cheap test first: the inferred side must be out of the frame. */
              cs[1].x = c2.x - off / da2 * a2->ny;
              cs[1].y = c2.y + off / da2 * a2->nx;
              cs[2].x = c1.x - off / da1 * a1->ny;
              cs[2].y = c1.y + off / da1 * a1->nx;
              /* (with one corner out, both its sides show: the four-line
               * candidates cover that) */
              {
                gboolean in1 = cs[1].x >= 0 && cs[1].y >= 0 && cs[1].x <= w->w - 1 && cs[1].y <= w->h - 1;
                gboolean in2 = cs[2].x >= 0 && cs[2].y >= 0 && cs[2].x <= w->w - 1 && cs[2].y <= w->h - 1;

                /* The fourth side would be in the frame, yet no line was
                 * found there: look for a faint one. */
                if (in1 && in2 && weak != NULL)
                  {
                    Weak wk = { a1, b, a2, c1, c2, da1, da2, off, 0 };

                    if (sb < -0.5)
                      {
                        double vb;
                        sb = rs_locate_segment_support (b, line_param (b, c1), line_param (b, c2), SIDE_TRIM, &vb);
                        if (vb < 0.2)
                          sb = 0;
                      }
                    if (sb >= WEAK_SEEN)
                      weak_note (w, &wk, sb, weak_best, weak, &nweak);
                  }
                if (in1 || in2 || weak != NULL)
                  continue;
              }
              if (cs[1].x < -0.35 * w->w || cs[1].x > 1.35 * w->w || cs[1].y < -0.35 * w->h || cs[1].y > 1.35 * w->h ||
                  cs[2].x < -0.35 * w->w || cs[2].x > 1.35 * w->w || cs[2].y < -0.35 * w->h || cs[2].y > 1.35 * w->h)
                continue;
              rs_locate_line_clip (w, &inferred);
              L[0] = a1;
              L[1] = b;
              L[2] = a2;
              L[3] = &inferred;
              {
                RsPoint q[4] = { c1, c2, cs[1], cs[2] };
                if (!rs_locate_cand_eval (w, L, q, asp_lo, asp_hi, hint, TOP_FLOOR, &c))
                  continue;
              }
              top_insert (top, &ntop, &c);
            }
        }
    if (nweak_out)
      *nweak_out = nweak;
    g_free (pairs);
    g_free (sep);
    g_free (X);
    g_free (xok);
  }

  return ntop;
}

/* Is (nearly) all of @inner inside @outer, and @inner at most 70 % of it? */
static gboolean
cand_nested (const Cand *inner,
             const Cand *outer)
{
  double a_in = fabs (poly_signed_area (inner->c, 4)), a_out = fabs (poly_signed_area (outer->c, 4));
  RsQuad qi, qo;
  double iou;

  if (a_in > 0.7 * a_out)
    return FALSE;
  memcpy (qi.p, inner->c, sizeof qi.p);
  memcpy (qo.p, outer->c, sizeof qo.p);
  iou = rs_quad_iou (&qi, &qo);
  /* the shared area, from the IoU */
  return iou * (a_in + a_out) / (1 + iou) >= 0.9 * a_in;
}

/* A document often lies on a larger sheet (a form, a printed page) whose
 * outline is straighter and longer than the card's own.  When a candidate
 * nested inside the winner scores nearly as well, is at least as close to a
 * document's shape, and its inside is much busier than the rest of the
 * winner, the winner is the sheet: take the nested one. */
static gboolean
nest_choose (const Work *w,
             Cand       *top,
             int         ntop,
             double      hint)
{
  double a_area = rs_locate_area_inside (top[0].c, w->w, w->h);
  double a_asp = rs_locate_aspect_penalty (rs_locate_quad_aspect (top[0].c, w->w / 2.0, w->h / 2.0, hypot (w->w, w->h)), hint);
  double ring = -2;

  for (int i = 1; i < ntop; i++)
    {
      const Cand *b = &top[i];
      double b_area = fabs (poly_signed_area (b->c, 4)), inner, b_asp;

      if (b->score < top[0].score - NEST_GAP)
        break;
      if (b_area > 0.7 * a_area || b_area < 0.1 * a_area || !cand_nested (b, &top[0]))
        continue;
      b_asp = rs_locate_aspect_penalty (rs_locate_quad_aspect (b->c, w->w / 2.0, w->h / 2.0, hypot (w->w, w->h)), hint);
      if (b_asp > a_asp + 0.01)
        continue;
      if (ring < -1)
        ring = rs_locate_quad_busyness (w, top[0].c, b->c);
      inner = rs_locate_quad_busyness (w, b->c, NULL);
      if (ring < 0 || inner < 0 || inner < NEST_BUSY * ring)
        continue;
      {
        Cand t = top[0];
        top[0] = *b;
        top[i] = t;
      }
      return TRUE;
    }
  return FALSE;
}

double
rs_locate_cut_tolerance (const RsQuad *quad,
                         double        width,
                         double        height)
{
  /* A pixel or two of measurement either side of the border.  (Allowing
   * for the rounded corners as well, 1.1 % of the side, cost cut-off
   * recall on midv-dev: 5/5 → 4/5 real, 39/44 → 36/44 cropped.) */
  return 0.002 * MAX (width, height);
}

void
rs_locate_document (const guint8          *pixels,
                    int                    width,
                    int                    height,
                    int                    stride,
                    int                    channels,
                    const RsLocateOptions *options,
                    RsLocateResult        *result)
{
  Work w = { 0 };
  Line lines[MAX_LINES];
  int nlines;
  int work_size = options && options->work_size > 0 ? options->work_size : RS_LOCATE_DEFAULT_WORK_SIZE;
  double hint = options ? options->aspect_hint : 0;
  double asp_lo, asp_hi;
  Cand top[MAX_RANKED + WEAK_KEEP];
  int ntop;
  Weak weak[MAX_WEAK];
  int nweak = 0;
  Cand best = { 0 };
  gboolean nested = FALSE;
  double best_score = -1, second_score = 0;
  float *tmp;

  g_return_if_fail (result != NULL);
  memset (result, 0, sizeof *result);
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (channels == 1 || channels == 3 || channels == 4);
  g_return_if_fail (stride >= width * channels);

  if (width < 16 || height < 16)
    return;

  w.scale = MIN (1.0, (double) work_size / MAX (width, height));
  w.w = MAX (8, (int) floor (width * w.scale + 0.5));
  w.h = MAX (8, (int) floor (height * w.scale + 0.5));
  w.scale = 0.5 * ((double) w.w / width + (double) w.h / height);
  w.nch = channels >= 3 ? 3 : 1;
  for (int c = 0; c < w.nch; c++)
    w.chan[c] = g_new (float, (gsize) w.w * w.h);
  w.gx = g_new0 (float, (gsize) w.w * w.h);
  w.gy = g_new0 (float, (gsize) w.w * w.h);
  w.mag = g_new0 (float, (gsize) w.w * w.h);
  w.edge = g_new0 (guint8, (gsize) w.w * w.h);

  rs_locate_downsample (pixels, width, height, stride, channels, &w);
  tmp = g_new (float, (gsize) w.w * w.h);
  for (int c = 0; c < w.nch; c++)
    rs_locate_smooth (w.chan[c], w.w, w.h, tmp);
  g_free (tmp);
  rs_locate_gradient (&w);
  rs_locate_thin_edges (&w);

  nlines = rs_locate_find_lines (&w, lines, MAX_LINES);
  for (int i = 0; i < nlines; i++)
    rs_locate_line_prepare (&w, &lines[i]);

  if (hint > 0)
    {
      asp_lo = hint / 1.45;
      asp_hi = hint * 1.45;
    }
  else
    {
      asp_lo = 1.0;
      asp_hi = 2.4;
    }

  ntop = collect_candidates (&w, lines, nlines, asp_lo, asp_hi, hint, top, 0, NULL, NULL);
  if (ntop > 0)
    {
      double best_stage1 = top[0].score;

      for (int i = 0; i < ntop; i++)
        {
          int against = 0;
          top[i].contrast = rs_locate_quad_contrast (&w, top[i].c, &against);
          top[i].score += 0.35 * top[i].contrast - POLARITY_W * against;
        }
      qsort (top, ntop, sizeof (Cand), rs_locate_compare_cand);
      /* A winner running out of the frame is where a missed faint side
       * does harm (a side inferred outside, or a larger sheet taken for the
       * card): only then look for faint sides.  Such quads go to the finer
       * ranking even when their stage-one score would drop them: it is the
       * weak side that costs them there, and contrast can tell. */
      if (cand_outside (&top[0], w.w, w.h))
        {
          Cand wtop[WEAK_KEEP];
          int nwtop = 0;

          collect_candidates (&w, lines, nlines, asp_lo, asp_hi, hint, NULL, best_stage1, weak, &nweak);

          for (int i = 0; i < nweak; i++)
            weak_try (&w, &weak[i], asp_lo, asp_hi, hint, wtop, &nwtop);
          for (int i = 0; i < nwtop; i++)
            {
              gboolean dup = FALSE;
              int against = 0;

              for (int j = 0; j < ntop && !dup; j++)
                dup = cand_same (&top[j], &wtop[i]);
              if (dup)
                continue;
              wtop[i].contrast = rs_locate_quad_contrast (&w, wtop[i].c, &against);
              wtop[i].score += 0.35 * wtop[i].contrast - POLARITY_W * against;
              top[ntop++] = wtop[i];
            }
          qsort (top, ntop, sizeof (Cand), rs_locate_compare_cand);
        }
      nested = nest_choose (&w, top, ntop, hint);
      best = top[0];
      best_score = best.score;
      for (int i = 1; i < ntop; i++)
        {
          RsQuad qa, qb;
          memcpy (qa.p, best.c, sizeof qa.p);
          memcpy (qb.p, top[i].c, sizeof qb.p);
          /* (the sheets passed over for a nested document do not count) */
          if (rs_quad_iou (&qa, &qb) < 0.8 && !(nested && cand_nested (&best, &top[i])))
            {
              second_score = top[i].score;
              break;
            }
        }
    }


  if (best_score > 0 && best.edge > 0.3)
    {
      Src src = { pixels, width, height, stride, channels };
      RsQuad q;
      double margin = best_score - second_score;
      double tol;

      for (int i = 0; i < 4; i++)
        {
          q.p[i].x = (best.c[i].x + 0.5) / w.scale - 0.5;
          q.p[i].y = (best.c[i].y + 0.5) / w.scale - 0.5;
        }
      rs_locate_refine_quad (&src, &q, w.scale);
      rs_quad_normalize (&q);
      result->found = TRUE;
      result->quad = q;
      /* On the development photos right outlines score 1.15–1.45 and wrong
       * ones below ~1.1; a close runner-up means the choice was a guess. */
      result->confidence = CLAMP ((best_score - CONF_LOW) / (CONF_HIGH - CONF_LOW), 0, 1)
                           * CLAMP (0.5 + margin / 0.2, 0, 1);
      tol = rs_locate_cut_tolerance (&q, width, height);
      for (int i = 0; i < 4; i++)
        if (q.p[i].x < -tol || q.p[i].y < -tol || q.p[i].x > width + tol || q.p[i].y > height + tol)
          result->cut_corners |= 1u << i;
      result->cut_off = result->cut_corners != 0;
    }

  for (int i = 0; i < nlines; i++)
    g_free (lines[i].sup);
  rs_locate_work_free (&w);
}
