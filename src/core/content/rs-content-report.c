/* rs-content-report.c: RsContentReport, its JSON and the set-level checks
 * (same document side in two slots, swapped sides).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rs-content-private.h"

struct _RsContentReport {
  GObject            parent_instance;
  GArray            *findings; /* RsPhotoFinding; id and message owned */
  GArray            *marks;    /* RsContentMark; finding owned */
  GArray            *faces;    /* RsImageRect */
  RsSideGuess        side;
  gboolean           upright_known;
  gboolean           upside_down;
  gboolean           has_sig;
  gboolean           sig_upright;
  float              sig[RS_SIG_W * RS_SIG_H];
  double             ms;
  double             face_ms;
  RsContentMeasures  measures;
};

G_DEFINE_FINAL_TYPE (RsContentReport, rs_content_report, G_TYPE_OBJECT)

static void
finding_clear (gpointer data)
{
  RsPhotoFinding *f = data;

  g_free ((char *) f->id);
  g_free ((char *) f->message);
}

static void
mark_clear (gpointer data)
{
  RsContentMark *m = data;

  g_free ((char *) m->finding);
}

static void
rs_content_report_finalize (GObject *object)
{
  RsContentReport *self = RS_CONTENT_REPORT (object);

  g_array_unref (self->findings);
  g_array_unref (self->marks);
  g_array_unref (self->faces);
  G_OBJECT_CLASS (rs_content_report_parent_class)->finalize (object);
}

static void
rs_content_report_class_init (RsContentReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_content_report_finalize;
}

static void
rs_content_report_init (RsContentReport *self)
{
  self->findings = g_array_new (FALSE, TRUE, sizeof (RsPhotoFinding));
  g_array_set_clear_func (self->findings, finding_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (RsContentMark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->faces = g_array_new (FALSE, TRUE, sizeof (RsImageRect));
}

RsContentReport *
rs_content_report_new (void)
{
  return g_object_new (RS_TYPE_CONTENT_REPORT, NULL);
}

void
rs_content_report_add_finding (RsContentReport *self,
                               const char      *id,
                               RsCheckStatus    status,
                               double           value,
                               double           threshold,
                               const char      *message)
{
  RsPhotoFinding f = { g_strdup (id), status, value, threshold, g_strdup (message) };

  g_array_append_val (self->findings, f);
}

void
rs_content_report_add_mark (RsContentReport *self,
                            RsMarkKind       kind,
                            const char      *finding,
                            const RsQuad    *outline)
{
  RsContentMark m = { kind, g_strdup (finding), *outline };

  g_array_append_val (self->marks, m);
}

void
rs_content_report_add_face (RsContentReport   *self,
                            const RsImageRect *rect)
{
  g_array_append_val (self->faces, *rect);
}

void
rs_content_report_set_side (RsContentReport *self,
                            RsSideGuess      side)
{
  self->side = side;
}

void
rs_content_report_set_upside_down (RsContentReport *self,
                                   gboolean         known,
                                   gboolean         upside_down)
{
  self->upright_known = known;
  self->upside_down = known && upside_down;
}

void
rs_content_report_set_signature (RsContentReport *self,
                                 const float     *sig,
                                 gboolean         upright_known)
{
  self->has_sig = sig != NULL;
  self->sig_upright = upright_known;
  if (sig != NULL)
    memcpy (self->sig, sig, sizeof self->sig);
}

void
rs_content_report_set_timings (RsContentReport *self,
                               double           ms,
                               double           face_ms)
{
  self->ms = ms;
  self->face_ms = face_ms;
}

void
rs_content_report_set_measures (RsContentReport         *self,
                                const RsContentMeasures *m)
{
  self->measures = *m;
}

const RsContentMeasures *
rs_content_report_get_measures (RsContentReport *self)
{
  return &self->measures;
}

guint
rs_content_report_get_n_findings (RsContentReport *self)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), 0);
  return self->findings->len;
}

const RsPhotoFinding *
rs_content_report_get_finding (RsContentReport *self,
                               guint            index)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return &g_array_index (self->findings, RsPhotoFinding, index);
}

const RsPhotoFinding *
rs_content_report_find_finding (RsContentReport *self,
                                const char      *id)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), NULL);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const RsPhotoFinding *f = &g_array_index (self->findings, RsPhotoFinding, i);
      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

guint
rs_content_report_get_n_marks (RsContentReport *self)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), 0);
  return self->marks->len;
}

const RsContentMark *
rs_content_report_get_mark (RsContentReport *self,
                            guint            index)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->marks->len, NULL);
  return &g_array_index (self->marks, RsContentMark, index);
}

guint
rs_content_report_get_n_faces (RsContentReport *self)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), 0);
  return self->faces->len;
}

void
rs_content_report_get_face (RsContentReport *self,
                            guint            index,
                            RsImageRect     *rect)
{
  g_return_if_fail (RS_IS_CONTENT_REPORT (self));
  g_return_if_fail (index < self->faces->len);
  *rect = g_array_index (self->faces, RsImageRect, index);
}

RsSideGuess
rs_content_report_get_side (RsContentReport *self)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), RS_SIDE_GUESS_UNKNOWN);
  return self->side;
}

gboolean
rs_content_report_get_upside_down (RsContentReport *self,
                                   gboolean        *known)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), FALSE);
  if (known != NULL)
    *known = self->upright_known;
  return self->upside_down;
}

double
rs_content_report_get_ms (RsContentReport *self)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), 0);
  return self->ms;
}

double
rs_content_report_get_face_ms (RsContentReport *self)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), 0);
  return self->face_ms;
}

static const char *
mark_kind_to_string (RsMarkKind kind)
{
  switch (kind)
    {
    case RS_MARK_FACE:
      return "face";
    case RS_MARK_PORTRAIT:
      return "portrait";
    case RS_MARK_OCCLUSION:
      return "occlusion";
    case RS_MARK_DOCUMENT:
    default:
      return "document";
    }
}

JsonNode *
rs_content_report_to_json (RsContentReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const char *sides[] = { "unknown", "front", "back" };

  g_return_val_if_fail (RS_IS_CONTENT_REPORT (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const RsPhotoFinding *f = &g_array_index (self->findings, RsPhotoFinding, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, f->id);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, rs_check_status_to_string (f->status));
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, f->value);
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, f->threshold);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "marks");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const RsContentMark *m = &g_array_index (self->marks, RsContentMark, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, mark_kind_to_string (m->kind));
      json_builder_set_member_name (b, "finding");
      json_builder_add_string_value (b, m->finding);
      json_builder_set_member_name (b, "outline");
      json_builder_begin_array (b);
      for (int k = 0; k < 4; k++)
        {
          json_builder_begin_array (b);
          json_builder_add_int_value (b, (gint64) lround (m->outline.p[k].x));
          json_builder_add_int_value (b, (gint64) lround (m->outline.p[k].y));
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "faces");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->faces->len; i++)
    {
      const RsImageRect *r = &g_array_index (self->faces, RsImageRect, i);

      json_builder_begin_array (b);
      json_builder_add_int_value (b, r->x);
      json_builder_add_int_value (b, r->y);
      json_builder_add_int_value (b, r->width);
      json_builder_add_int_value (b, r->height);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "side");
  json_builder_add_string_value (b, sides[self->side]);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- set level ---- */

static double
sig_corr (const float *a,
          const float *b,
          gboolean     turn_b)
{
  double s = 0;
  const int n = RS_SIG_W * RS_SIG_H;

  for (int i = 0; i < n; i++)
    s += (double) a[i] * b[turn_b ? n - 1 - i : i];
  return s / n;
}

/* Tuned on the development frames: docs/content.md gives the correlations
 * of same-side pairs from different shots and of different documents. */
#define SAME_DOCUMENT_MIN RS_CONTENT_SAME_DOCUMENT_MIN

gboolean
rs_content_same_document (RsContentReport *a,
                          RsContentReport *b,
                          double          *score)
{
  double c;

  g_return_val_if_fail (RS_IS_CONTENT_REPORT (a), FALSE);
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (b), FALSE);

  if (!a->has_sig || !b->has_sig)
    {
      if (score != NULL)
        *score = -1;
      return FALSE;
    }
  if (a->sig_upright && b->sig_upright)
    c = sig_corr (a->sig, b->sig, FALSE);
  else
    c = MAX (sig_corr (a->sig, b->sig, FALSE), sig_corr (a->sig, b->sig, TRUE));
  if (score != NULL)
    *score = c;
  return c >= SAME_DOCUMENT_MIN;
}

gboolean
rs_content_should_swap (RsContentReport *front,
                        RsContentReport *back)
{
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (front), FALSE);
  g_return_val_if_fail (RS_IS_CONTENT_REPORT (back), FALSE);
  return front->side == RS_SIDE_GUESS_BACK && back->side == RS_SIDE_GUESS_FRONT;
}

gboolean
rs_content_check_pair (RsContentReport *a,
                       const char      *slot_a,
                       RsContentReport *b,
                       const char      *slot_b)
{
  double score;
  g_autofree char *msg_a = NULL, *msg_b = NULL;

  if (!rs_content_same_document (a, b, &score))
    return FALSE;
  /* TRANSLATORS: %s is a photo slot's name, e.g. "ID card — emblem side" */
  msg_a = g_strdup_printf (_("This is the same side of the document as in “%s”. Photograph the other side."),
                           slot_b);
  msg_b = g_strdup_printf (_("This is the same side of the document as in “%s”. Photograph the other side."),
                           slot_a);
  rs_content_report_add_finding (a, RS_CHECK_DOCUMENT_SAME, RS_CHECK_FAIL, score,
                                 SAME_DOCUMENT_MIN, msg_a);
  rs_content_report_add_finding (b, RS_CHECK_DOCUMENT_SAME, RS_CHECK_FAIL, score,
                                 SAME_DOCUMENT_MIN, msg_b);
  return TRUE;
}
