/* rs-bundle-checklist.h: the printable checklist (PDF and plain text),
 * private to the bundle module.  The same model renders both, so they say
 * the same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

typedef struct {
  char *label;
  char *value;       /* as entered (normalised) */
  char *pdf_value;   /* what the PDF shows (masked ID number), NULL: value */
  gboolean mono;     /* fixed-width (machine-readable zone) */
} RsChecklistField;

typedef struct {
  char *status;      /* "pass", "warn", "fail" */
  char *text;        /* translated line, e.g. "Sharpness: OK" */
} RsChecklistResult;

typedef struct {
  guint      order;
  char      *file_name;
  char      *slot_name;
  int        width;
  int        height;
  gint64     bytes;
  GdkPixbuf *thumbnail;  /* may be NULL */
  GPtrArray *results;    /* RsChecklistResult */
} RsChecklistPhoto;

typedef struct {
  char      *title;
  char      *profile_name;
  char      *document_name;
  char      *created;          /* human-readable local time */
  char      *created_iso;      /* the same, ISO 8601, for the PDF metadata */
  GPtrArray *fields;           /* RsChecklistField, in the form's order */
  GPtrArray *photos;           /* RsChecklistPhoto, in upload order */
  GPtrArray *acknowledged;     /* char*: translated warnings the user accepted */
  GPtrArray *next_steps;       /* char* */
  char      *support_message;  /* never contains the ID number */
  gboolean   masked;           /* the PDF masks the ID number */
} RsChecklist;

RsChecklist *rs_checklist_new       (void);
void         rs_checklist_free      (RsChecklist *checklist);
RsChecklistField *rs_checklist_add_field (RsChecklist *checklist,
                                     const char  *label,
                                     const char  *value,
                                     const char  *pdf_value);
RsChecklistPhoto *rs_checklist_add_photo (RsChecklist *checklist);
void         rs_checklist_photo_add_result (RsChecklistPhoto *photo,
                                            const char       *status,
                                            const char       *text);

char        *rs_checklist_to_text   (RsChecklist *checklist);
/* A4 PDF; font "Noto Sans CJK SC, Sans" so Chinese renders. */
GBytes      *rs_checklist_to_pdf    (RsChecklist *checklist,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsChecklist, rs_checklist_free)

G_END_DECLS
