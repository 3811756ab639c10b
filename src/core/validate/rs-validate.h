/* rs-validate.h: identity document numbers, passport MRZs, contact details
 * and the cross-checks of a whole details record.
 *
 * Everything here is pure: no I/O apart from the bundled region-code table
 * (a GResource of this module).  "Today" is always passed in, so results are
 * deterministic.  Messages are translated; issue ids are stable (see
 * docs/cli.md for the list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rs-session.h"

G_BEGIN_DECLS

/* Field ids of a details record (the same strings as in RsSession). */
#define RS_FIELD_NAME              "name"
#define RS_FIELD_ID_NUMBER         "id_number"
#define RS_FIELD_ID_NUMBER_CONFIRM "id_number_confirm"
#define RS_FIELD_BIRTH_DATE        "birth_date"
#define RS_FIELD_SEX               "sex"
#define RS_FIELD_VALID_FROM        "valid_from"
#define RS_FIELD_VALID_UNTIL       "valid_until"
#define RS_FIELD_SURNAME           "surname"
#define RS_FIELD_GIVEN_NAMES       "given_names"
#define RS_FIELD_NATIONALITY       "nationality"
#define RS_FIELD_EXPIRY_DATE       "expiry_date"
#define RS_FIELD_MRZ               "mrz"
#define RS_FIELD_PHONE             "phone"
#define RS_FIELD_EMAIL             "email"

/* The value of valid_until for a card without an end date (长期). */
#define RS_VALID_LONG_TERM "long-term"

typedef enum {
  RS_SEVERITY_ERROR,   /* must be fixed before export */
  RS_SEVERITY_WARNING, /* probably fine, but the user should look */
} RsSeverity;

/* One finding.  @id is stable ("format", "checksum", "date", "region",
 * "length", "composite", "legacy", "mismatch", "age", "expired", "expiry",
 * "validity", "name", "sex", "required", "unsupported");
 * @message is translated and says what is wrong and how to fix it;
 * @field is the field id it belongs to, or NULL for a lone value. */
typedef struct {
  char       *id;
  RsSeverity  severity;
  char       *message;
  char       *field;
} RsIssue;

/* ------------------------------------------------------------------ */
/* RsValidation: the result of checking one value (or one field).      */

typedef struct _RsValidation RsValidation;

#define RS_TYPE_VALIDATION (rs_validation_get_type ())
GType         rs_validation_get_type        (void) G_GNUC_CONST;

RsValidation *rs_validation_new             (const char         *normalized);
RsValidation *rs_validation_ref             (RsValidation       *self);
void          rs_validation_unref           (RsValidation       *self);

/* TRUE when there is no issue of severity error (warnings are allowed). */
gboolean      rs_validation_get_valid       (const RsValidation *self);
/* The normalised value: what should be stored and shown back. Never NULL. */
const char   *rs_validation_get_normalized  (const RsValidation *self);
/* RsIssue*, errors and warnings in the order they were found. */
GPtrArray    *rs_validation_get_issues      (const RsValidation *self);
guint         rs_validation_count_issues    (const RsValidation *self,
                                             RsSeverity          severity);
gboolean      rs_validation_has_issue       (const RsValidation *self,
                                             const char         *id);
/* Parsed fields (char* → char*), e.g. "birth_date", "sex", "region_code",
 * "region_name"; for MRZs "format", "document_number", "surname",
 * "given_names", "nationality", "birth_date", "sex", "expiry_date",
 * "issuing_state". */
GHashTable   *rs_validation_get_fields      (const RsValidation *self);
const char   *rs_validation_get_field       (const RsValidation *self,
                                             const char         *key);

void          rs_validation_add_issue       (RsValidation       *self,
                                             const char         *id,
                                             RsSeverity          severity,
                                             const char         *field,
                                             const char         *message);
void          rs_validation_set_field       (RsValidation       *self,
                                             const char         *key,
                                             const char         *value);

/* The CLI's JSON shape: {"type", "input", "normalized", "valid",
 * "errors": [{"id", "message"}…], "warnings": […], "fields": {…}}.
 * @type and @input may be NULL (then omitted). */
JsonNode     *rs_validation_to_json         (const RsValidation *self,
                                             const char         *type,
                                             const char         *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsValidation, rs_validation_unref)

/* ------------------------------------------------------------------ */
/* Normalisation.  All return newly allocated UTF-8 (never NULL; NULL  */
/* input gives "").                                                    */

/* NFKC (full-width → ASCII), remove all white space, upper-case letters
 * (a typed "x" check character becomes "X"). */
char         *rs_normalize_document_number  (const char *input);
/* NFKC, trim, collapse inner white space to one space, drop spaces between
 * Han characters, fold middle-dot look-alikes (•, ‧, ・, ･, ·, ∙, ⋅, ᛫, ⸱ …)
 * to U+00B7 without spaces around it. */
char         *rs_normalize_name             (const char *input);

/* ------------------------------------------------------------------ */
/* Single values.                                                      */

/* Document number types for rs_validate_id(): RS_DOC_CN_RIC,
 * RS_DOC_HK_HKID, RS_DOC_MO_BIR, RS_DOC_TW_ID, RS_DOC_HK_MO_PERMIT,
 * RS_DOC_TW_PERMIT (and RS_DOC_DRIVING_LICENCE, whose number is the
 * holder's resident ID number).  NULL-terminated. */
const char * const *rs_validate_id_types    (void);
gboolean      rs_validate_id_type_is_supported (const char *type);

/* @now: "today" (local date is used); NULL means the current time.
 * An unsupported @type gives an "unsupported" error. */
RsValidation *rs_validate_id                (const char         *type,
                                             const char         *input,
                                             GDateTime          *now);
/* A passport MRZ as 2 (TD2, TD3) or 3 (TD1) lines. */
/* Whether the first three characters of @code ('<' as filler: "D<<") are an
 * issuing state or nationality ICAO Doc 9303 lists. */
gboolean      rs_validate_mrz_country_known (const char         *code);
/* The list itself, sorted: *@n_codes entries of three characters. */
const char * const *rs_validate_mrz_countries (guint          *n_codes);

RsValidation *rs_validate_mrz               (const char * const *lines,
                                             GDateTime          *now);
/* The same, lines separated by newlines (the session's "mrz" field). */
RsValidation *rs_validate_mrz_text          (const char         *text,
                                             GDateTime          *now);
/* Warnings only: a phone number in E.164 shape (mainland mobiles: 11
 * digits, 13x–19x) and an e-mail address of the right shape. */
RsValidation *rs_validate_phone             (const char         *input);
RsValidation *rs_validate_email             (const char         *input);

/* ICAO 9303 check digit of @text (digits, A–Z, '<'; @length -1: all of
 * it); -1 on a bad character.  The reader lets it choose among candidates. */
int           rs_mrz_check_digit            (const char         *text,
                                             gssize              length);

/* Typed dates: "1990-01-01", "1990/1/1", "1990.01.01", "19900101",
 * "1990年1月1日" → "1990-01-01"; NULL when not a real calendar date. */
char         *rs_normalize_date             (const char         *input);

/* ------------------------------------------------------------------ */
/* Details records.                                                    */

typedef enum {
  RS_FIELD_KIND_TEXT,
  RS_FIELD_KIND_DOCUMENT_NUMBER,
  RS_FIELD_KIND_DATE,        /* YYYY-MM-DD */
  RS_FIELD_KIND_DATE_OR_LONG_TERM, /* YYYY-MM-DD or RS_VALID_LONG_TERM */
  RS_FIELD_KIND_SEX,         /* "male" or "female" */
  RS_FIELD_KIND_COUNTRY,     /* ICAO 3-letter code */
  RS_FIELD_KIND_MRZ,         /* several lines */
  RS_FIELD_KIND_PHONE,
  RS_FIELD_KIND_EMAIL,
} RsFieldKind;

/* One row of the Details page.  Strings are static (label and hint are
 * already translated). */
typedef struct {
  const char  *id;        /* RS_FIELD_* */
  const char  *label;
  const char  *hint;      /* may be NULL */
  RsFieldKind  kind;
  gboolean     required;  /* FALSE: optional (phone, e-mail) */
} RsFieldInfo;

/* The fields of @document_type in display order (RsFieldInfo*, owned by the
 * array); NULL for an unknown type. */
GPtrArray    *rs_details_required_fields    (const char         *document_type);

typedef struct _RsDetailsCheck RsDetailsCheck;

#define RS_TYPE_DETAILS_CHECK (rs_details_check_get_type ())
GType           rs_details_check_get_type      (void) G_GNUC_CONST;
RsDetailsCheck *rs_details_check_ref           (RsDetailsCheck *self);
void            rs_details_check_unref         (RsDetailsCheck *self);

/* Check a whole record: each field alone, then all cross-checks.
 * @fields: field id → typed value (char* → char*); @profile may be NULL
 * (then no minimum age or days of validity); @now NULL = current time. */
RsDetailsCheck *rs_details_check               (const char     *document_type,
                                                GHashTable     *fields,
                                                RsProfile      *profile,
                                                GDateTime      *now);
/* Same, reading the document type, fields and profile from @session. */
RsDetailsCheck *rs_details_check_session       (RsSession      *session,
                                                GDateTime      *now);

/* TRUE when no field has an error. */
gboolean        rs_details_check_get_valid     (RsDetailsCheck *self);
const char     *rs_details_check_get_document_type (RsDetailsCheck *self);
/* Field ids in display order: the type's fields, then any extra ones. */
const char * const *rs_details_check_list_fields (RsDetailsCheck *self);
/* The result of one field (normalized value + its issues); NULL if the
 * field is neither known for the type nor present. */
RsValidation   *rs_details_check_get_field     (RsDetailsCheck *self,
                                                const char     *field);
/* Issues about the record as a whole (unknown document type…). */
RsValidation   *rs_details_check_get_record    (RsDetailsCheck *self);
/* Every issue (record and fields), each with its field set. */
GPtrArray      *rs_details_check_get_all_issues (RsDetailsCheck *self);
/* {"type", "valid", "errors": [{"id","message","field"}…] (all of them),
 * "warnings": […], "fields": [{"field","value","errors","warnings"}…]} */
JsonNode       *rs_details_check_to_json       (RsDetailsCheck *self,
                                                const char     *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsDetailsCheck, rs_details_check_unref)

/* The details record as stored in drafts and example files:
 * {"document_type": "cn-ric", "fields": {"name": "…", …}}.
 * rs_details_from_json() returns the field map (char* → char*, values as
 * typed; non-string members are an error) and sets @document_type. */
/* The most characters the field @field may hold (every field has a limit;
 * docs/details.md lists them).  rs_details_check() reports a longer value as
 * "too-long", and rs_details_from_json() refuses it. */
guint         rs_details_field_max_length   (const char   *field);
GHashTable   *rs_details_from_json          (JsonNode     *node,
                                             char        **document_type,
                                             GError      **error);
GHashTable   *rs_details_from_data          (const char   *data,
                                             gssize        length,
                                             char        **document_type,
                                             GError      **error);
JsonNode     *rs_details_to_json            (const char   *document_type,
                                             GHashTable   *fields);
/* Copy a record into / out of a session (fields replaced). */
void          rs_details_apply_to_session   (RsSession    *session,
                                             const char   *document_type,
                                             GHashTable   *fields);
GHashTable   *rs_details_from_session       (RsSession    *session);

#define RS_VALIDATE_ERROR (rs_validate_error_quark ())
typedef enum {
  RS_VALIDATE_ERROR_PARSE,   /* not JSON, or not a details record */
  RS_VALIDATE_ERROR_INVALID, /* a member has the wrong type */
} RsValidateError;
GQuark        rs_validate_error_quark       (void);

G_END_DECLS
