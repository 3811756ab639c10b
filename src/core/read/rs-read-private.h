/* rs-read-private.h: internals of the reader shared by its files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-read.h"

G_BEGIN_DECLS

/* The alphabet: digits, A-Z, the filler and the brackets of HKID / Macau
 * numbers. */
#define RS_READ_N_GLYPHS 39
extern const char rs_read_alphabet[RS_READ_N_GLYPHS + 1];

/* A cell patch: one pitch wide, RS_READ_PATCH_HEIGHT cap heights high,
 * centred on the cell centre and the middle of the cap height. */
#define RS_READ_PW 16
#define RS_READ_PH 24
#define RS_READ_PATCH_HEIGHT 1.5

typedef struct {
  double pitch_per_height;  /* advance / cap height of the face */
  float  glyph[RS_READ_N_GLYPHS][RS_READ_PW * RS_READ_PH]; /* zero mean, unit norm */
} RsReadTemplates;

/* NULL when the face is not installed. */
const RsReadTemplates *rs_read_templates   (void);
int                    rs_read_glyph_index (char c);
void                   rs_read_smooth      (float *p,
                                            int    w,
                                            int    h);
double                 rs_read_normalize   (float *p,
                                            int    n);

struct _RsReadResult {
  gatomicrefcount ref;
  RsReadSource    source;
  gboolean        valid;
  char          **lines;      /* MRZ */
  GHashTable     *fields;     /* char* → char* */
  char           *bad_parts;
  char           *message;    /* document.readable, owned */
  double          score;
  gboolean        band_seen;  /* text of the right shape was seen */
  gboolean        names_unsure;       /* a name cell had a close rival */
  gboolean        nationality_unsure; /* the same for the nationality */
};

RsReadResult *rs_read_result_new (void);

G_END_DECLS
