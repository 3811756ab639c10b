/* rs-read.h: reading the machine-readable text of an identity document.
 *
 * A dedicated reader for the OCR-B alphabet: the MRZ of ICAO 9303 documents
 * (TD1, TD2, TD3) and the number line of the ID cards the profiles list
 * (cn-ric, hk-hkid, mo-bir, tw-id).  The band is flattened through the
 * outline the localiser found, binarised, cut into fixed-pitch cells and
 * each cell is compared with glyphs rendered from the OCR-B typeface; the
 * check digits choose among close candidates.  See docs/reading.md.
 *
 * Pure and thread-safe: the glyph templates are rendered once (g_once) and
 * never change.  Running it off the main thread is the caller's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rs-locate.h"
#include "rs-photo-check.h"

G_BEGIN_DECLS

#define RS_CHECK_DOCUMENT_READABLE "document.readable"
#define RS_CHECK_DETAILS_MATCH     "details.match"

typedef enum {
  RS_READ_SOURCE_NONE,   /* nothing was read */
  RS_READ_SOURCE_MRZ,    /* an ICAO 9303 machine-readable zone */
  RS_READ_SOURCE_NUMBER, /* the number line of an ID card */
} RsReadSource;

typedef struct _RsReadResult RsReadResult;

#define RS_TYPE_READ_RESULT (rs_read_result_get_type ())
GType          rs_read_result_get_type      (void) G_GNUC_CONST;
RsReadResult  *rs_read_result_ref           (RsReadResult *self);
void           rs_read_result_unref         (RsReadResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsReadResult, rs_read_result_unref)

/* Path of the OCR-B face the reader uses, or NULL when it is not installed
 * (then rs_read_document() reads nothing).  $RESUBMIT_OCRB_FONT overrides. */
const char    *rs_read_font_path            (void);

/* Read the document in an 8-bit image (@channels 1, 3 or 4).  @quad: the
 * document outline in image pixels (clockwise from the top-left, as the
 * localiser gives it), or NULL to look at the whole image.  @kind: an
 * RS_SLOT_* id (passport: MRZ; id-front: the card's number line; id-back:
 * a TD1 MRZ or the number).  @document_type: an RS_DOC_* id narrowing the
 * number patterns, or NULL for any.  Never returns NULL. */
RsReadResult  *rs_read_document             (const guint8  *pixels,
                                             int            width,
                                             int            height,
                                             int            stride,
                                             int            channels,
                                             const RsQuad  *quad,
                                             const char    *kind,
                                             const char    *document_type);

RsReadSource   rs_read_result_get_source    (RsReadResult *self);
/* TRUE when lines shaped like an MRZ were seen (whether or not they read). */
gboolean       rs_read_result_get_band_seen (RsReadResult *self);
/* TRUE when every check digit of what was read agrees (and no character
 * was unreadable). */
gboolean       rs_read_result_get_valid     (RsReadResult *self);
/* MRZ lines as printed ('<' kept; an unreadable cell is its best guess),
 * NULL-terminated; NULL for a number. */
const char * const *rs_read_result_get_lines (RsReadResult *self);
/* "mrz" fields: document_number, nationality, birth_date, sex,
 * expiry_date, surname, given_names (and issuing_state); "number":
 * document_type, number (normalised as the validator shows it), birth_date
 * and sex when the number carries them.  NULL when absent. */
const char    *rs_read_result_get_field     (RsReadResult *self,
                                             const char   *key);
/* The parts that did not read (translated names such as "birth date"),
 * joined with ", "; NULL when everything read. */
const char    *rs_read_result_get_bad_parts (RsReadResult *self);
/* Mean template score of the cells read (0..1), for the evaluation. */
double         rs_read_result_get_score     (RsReadResult *self);
/* The CLI's "read" object (see docs/cli.md); NULL when nothing was read. */
JsonNode      *rs_read_result_to_json       (RsReadResult *self);

/* The document.readable finding for a photo of @kind: pass when what was
 * read has valid check digits, warn (naming the parts) when a check digit
 * fails or cells did not read, fail when nothing was read and @must_read
 * (a found passport page, with the reader able to run).  FALSE, no finding,
 * when nothing was read otherwise: a card need not carry a code we read
 * (see docs/reading.md).  @message: translated, static or owned by @self. */
gboolean       rs_read_result_readable      (RsReadResult   *self,
                                             const char     *kind,
                                             gboolean        must_read,
                                             RsCheckStatus  *status,
                                             const char    **message);

/* details.match: compare the typed @fields (RS_FIELD_* → value, the
 * details record of docs/examples/) with what was read.  Returns the ids
 * of the fields that differ (char*, in a fixed order; empty when all that
 * was read matches), or NULL when nothing comparable was read.  @message:
 * translated, naming both values of each difference ("Typed: 1990-01-02 —
 * on the document: 1990-01-01"); NULL when nothing differs. */
GPtrArray     *rs_read_match_details        (RsReadResult *self,
                                             const char   *document_type,
                                             GHashTable   *fields,
                                             char        **message);

/* What was read as typed details (RS_FIELD_* → value in the details
 * format of docs/examples/: YYYY-MM-DD dates, "male"/"female", the number
 * as the validator shows it, the MRZ lines joined by newlines), for "Fill
 * from photo".  Only what can be trusted: nothing unless every check digit
 * agrees (rs_read_result_get_valid()); no names or nationality whose cells
 * had close rivals; a card number only when it is of @document_type (NULL:
 * any).  Newly allocated (keys static); empty when nothing is usable. */
GHashTable    *rs_read_result_get_details   (RsReadResult *self,
                                             const char   *document_type);

/* rs_read_match_details() on what @report read (its rs_photo_report_get_read()):
 * NULL when @report is NULL or nothing was read (a selfie never is).  The
 * one place the Photos and Review steps, the export and the CLI compare a
 * checked photo with the typed details. */
GPtrArray     *rs_read_match_report         (RsPhotoReport *report,
                                             const char    *document_type,
                                             GHashTable    *fields,
                                             char         **message);

/* Names compared the ICAO way: '<' as space, case and accents ignored,
 * runs of space and punctuation folded ("Müller-Lüdenscheidt" equals
 * "MULLER<LUDENSCHEIDT").  Newly allocated. */
char          *rs_read_fold_name            (const char   *name);

G_END_DECLS
