/* rs-locate-private.h: what the localiser's files share: the work image,
 * lines and candidate quadrilaterals, the tuning constants and the helpers
 * one stage calls in another.  Not installed; only rs-locate*.c include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-locate.h"

#include <math.h>

#define N_THETA           180   /* 1° accumulator bins */
#define MAX_LINES         64    /* strongest accumulator lines kept */
#define MAX_RANKED        32    /* candidates kept for the finer ranking */
#define SIDE_TRIM         0.08  /* skip rounded corners when measuring sides */
#define ID1_ASPECT        1.586
#define ID3_ASPECT        1.42
#define KNOWN3            0.92  /* prior of a quad with one side unseen */
#define REFIT_ITER        1
#define BORDER_GAP        3.0   /* work pixels: a line this close to the border all along is the border */
#define CONF_LOW          0.9   /* score with no confidence */
#define CONF_HIGH         1.3   /* score with full confidence */
#define POLARITY_MIN      12.0  /* mean luminance step that has a sign */
#define POLARITY_W        0.1   /* penalty per side of the other polarity */
#define CONTRAST_FULL     60.0  /* colour distance counted as full contrast */
#define WEAK_THR          0.5   /* edge threshold for a faint side, × the usual one */
#define WEAK_MIN          0.5   /* least support of a faint side */
#define WEAK_W            0.05  /* penalty of a quad with a faint side */
#define WEAK_SEEN         0.5   /* least support of each of the other three sides */
#define NEST_GAP          0.2   /* a nested quad this close to the winner's score … */
#define NEST_BUSY         1.4   /* … and this much busier inside than the rest wins */

typedef struct {
  int     w, h, nch;
  double  scale;       /* work pixels per input pixel */
  float  *chan[3];     /* smoothed colour planes */
  float  *gx, *gy, *mag;
  guint8 *edge;        /* thinned edge points */
  float   thr;         /* edge threshold on mag */
} Work;

typedef struct {
  double  nx, ny, rho; /* x·nx + y·ny = rho */
  double  votes;
  double  ta, tb;      /* in-image parameter range along d = (-ny, nx) */
  int     nsamp;
  float  *sup;         /* prefix sums of edge support, nsamp + 1 */
} Line;

typedef struct {
  RsPoint c[4];        /* corners: a1∩b1, b1∩a2, a2∩b2, b2∩a1 */
  double  edge;        /* edge support 0..1 */
  double  ext;         /* support of the side lines past the corners */
  double  contrast;    /* colour contrast across the sides 0..1 */
  double  score;
} Cand;

/* The input image, for refinement at full resolution. */
typedef struct {
  const guint8 *pixels;
  int           width, height, stride, channels;
} Src;

/* floor and ceil to int without a libm call (the baseline x86-64 target
 * has no rounding instruction); these run in the inner loops. */
static inline int
ifloor (double v)
{
  int i = (int) v;
  return v < i ? i - 1 : i;
}

static inline int
iceil (double v)
{
  int i = (int) v;
  return v > i ? i + 1 : i;
}

/* atan2 to within ~0.3°, enough for 1° accumulator bins and much cheaper
 * than the libm call done once per edge point. */
static inline double
fast_atan2 (double y,
            double x)
{
  double ax = fabs (x), ay = fabs (y), a, r, s;

  if (ax < 1e-12 && ay < 1e-12)
    return 0;
  a = MIN (ax, ay) / MAX (ax, ay);
  s = a * a;
  r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
  if (ay > ax)
    r = G_PI / 2 - r;
  if (x < 0)
    r = G_PI - r;
  return y < 0 ? -r : r;
}

/* Small helpers used in the inner loops of several stages. */
static inline double
dist (RsPoint a,
      RsPoint b)
{
  return sqrt ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
}

static inline gboolean
intersect (const Line *a,
           const Line *b,
           RsPoint    *p)
{
  double det = a->nx * b->ny - a->ny * b->nx;

  if (fabs (det) < 1e-6)
    return FALSE;
  p->x = (a->rho * b->ny - a->ny * b->rho) / det;
  p->y = (a->nx * b->rho - a->rho * b->nx) / det;
  return TRUE;
}

static inline double
poly_signed_area (const RsPoint *p,
                  int            n)
{
  double a = 0;

  for (int i = 0; i < n; i++)
    {
      const RsPoint *q = &p[(i + 1) % n];
      a += p[i].x * q->y - q->x * p[i].y;
    }
  return a / 2;
}

static inline double
line_param (const Line *l,
            RsPoint     p)
{
  return -p.x * l->ny + p.y * l->nx;
}

/* rs-locate-geom.c */
int
rs_locate_clip_half_plane (const RsPoint *in,
                           int            n,
                           RsPoint        a,
                           RsPoint        b,
                           RsPoint       *out);

/* rs-locate-edges.c */
void
rs_locate_work_free (Work *w);

void
rs_locate_downsample (const guint8 *pixels,
                      int           width,
                      int           height,
                      int           stride,
                      int           channels,
                      Work         *w);

void
rs_locate_smooth (float *restrict plane,
                  int             w,
                  int             h,
                  float *restrict tmp);

void
rs_locate_gradient (Work *w);

void
rs_locate_thin_edges (Work *w);

/* rs-locate-lines.c */
int
rs_locate_find_lines (Work  *w,
                      Line  *lines,
                      int    max_lines);

void
rs_locate_line_clip (const Work *w,
                     Line       *l);

void
rs_locate_line_profile (const Work *w,
                        Line       *l,
                        const Line *path,
                        float       thr);

void
rs_locate_line_prepare (const Work *w,
                        Line       *l);

double
rs_locate_segment_visible (const Line *l,
                           double      t1,
                           double      t2);

double
rs_locate_segment_support (const Line *l,
                           double      t1,
                           double      t2,
                           double      trim,
                           double     *vis);

/* rs-locate-quads.c */
double
rs_locate_cos_between (const Line *a,
                       const Line *b);

gboolean
rs_locate_quad_convex (const RsPoint *c);

double
rs_locate_quad_aspect (const RsPoint *c,
                       double         u0,
                       double         v0,
                       double         diag);

double
rs_locate_quad_contrast (const Work    *w,
                         const RsPoint *c,
                         int           *against);

double
rs_locate_quad_busyness (const Work    *w,
                         const RsPoint *c,
                         const RsPoint *hole);

int
rs_locate_compare_cand (gconstpointer a,
                        gconstpointer b);

double
rs_locate_area_inside (const RsPoint *c,
                       double         W,
                       double         H);

double
rs_locate_aspect_penalty (double asp,
                          double hint);

gboolean
rs_locate_cand_eval (const Work    *w,
                     const Line   **L,
                     const RsPoint *corners,
                     double       aspect_lo,
                     double       aspect_hi,
                     double       hint,
                     double       floor_score,
                     Cand        *out);

/* rs-locate-refine.c */
void
rs_locate_refine_quad (const Src *s,
                       RsQuad    *q,
                       double     scale);
