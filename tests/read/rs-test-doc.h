/* rs-test-doc.h: made-up passport pages and ID cards whose machine-readable
 * text is drawn with the OCR-B face, and "photographs" of them taken in
 * software (perspective, blur, uneven light, glare, JPEG).  No real
 * document involved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include "rs-locate.h"

G_BEGIN_DECLS

typedef enum {
  RS_TEST_DOC_PASSPORT,  /* ID-3 page, TD3 MRZ (2 × 44) */
  RS_TEST_DOC_TD1,       /* ID-1 card back, TD1 MRZ (3 × 30) */
  RS_TEST_DOC_CARD,      /* ID-1 card front with a number line */
} RsTestDocKind;

/* The flat document at @px_per_mm.  @lines: the MRZ lines (NULL-terminated)
 * or, for RS_TEST_DOC_CARD, one element: the number as printed. */
GdkPixbuf *rs_test_doc_render  (RsTestDocKind       kind,
                                const char * const *lines,
                                double              px_per_mm);

typedef struct {
  int      width, height;   /* of the photo */
  double   doc_width;       /* fraction of the photo's width the document spans */
  double   rotate;          /* degrees */
  double   tilt;            /* perspective: 0 none, 0.1 strong */
  double   blur;            /* Gaussian sigma, photo pixels */
  double   light;           /* uneven light: 0 none, 0.4 strong gradient */
  double   glare_x, glare_w;/* glare over the band: from x (fraction of the
                               document width) over w; w 0 none */
  int      jpeg_quality;    /* 0: no JPEG round trip */
  guint32  seed;
} RsTestShot;

void       rs_test_shot_init   (RsTestShot *shot);
/* Photograph @doc; @quad (may be NULL) receives the document's corners. */
GdkPixbuf *rs_test_doc_photo   (GdkPixbuf        *doc,
                                const RsTestShot *shot,
                                RsQuad           *quad);

/* TRUE when the OCR-B face is installed (else the test skips). */
gboolean   rs_test_doc_have_font (void);

G_END_DECLS
