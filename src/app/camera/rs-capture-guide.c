/* rs-capture-guide.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-capture-guide.h"
#include "rs-content.h"

struct _RsCaptureGuide
{
  GObject  parent_instance;

  gint64   dwell_us;
  gint64   stable_us;
  double   min_iou;

  RsGuide  shown;
  gint64   shown_since;   /* -1: nothing shown yet */
  gboolean have_quad;
  RsQuad   last_quad;
  gint64   stable_since;  /* -1: not steady */
  gint64   last_time;
  gboolean captured;

  /* Reading the chosen frames (auto-capture prefers one that reads). */
  guint    n_reads;
  gint64   first_read;    /* -1: none yet */
  double   best_score;    /* of the frames read so far; -1: none */
};

G_DEFINE_FINAL_TYPE (RsCaptureGuide, rs_capture_guide, G_TYPE_OBJECT)

static const struct {
  RsGuide     guide;
  const char *id;
  const char *message;
} guides[] = {
  { RS_GUIDE_FIND_DOCUMENT, "find-document", N_("Place the document inside the frame") },
  { RS_GUIDE_ONE_DOCUMENT, "one-document", N_("Only one document in view") },
  { RS_GUIDE_FULLY_IN_FRAME, "fully-in-frame", N_("Move the card fully into the frame") },
  { RS_GUIDE_MOVE_CLOSER, "move-closer", N_("Move closer") },
  { RS_GUIDE_MOVE_AWAY, "move-away", N_("Move a little further away") },
  { RS_GUIDE_STRAIGHTEN, "straighten", N_("Hold the camera flat above the document") },
  { RS_GUIDE_FACE, "face", N_("Show your face in the frame") },
  { RS_GUIDE_ONE_FACE, "one-face", N_("Only one face, please") },
  { RS_GUIDE_FACE_CLOSER, "face-closer", N_("Come closer") },
  { RS_GUIDE_TOO_DARK, "too-dark", N_("Too dark — find more light") },
  { RS_GUIDE_TOO_BRIGHT, "too-bright", N_("Too bright — move out of direct light") },
  { RS_GUIDE_GLARE, "glare", N_("Tilt to remove the glare") },
  { RS_GUIDE_BLUR, "blur", N_("Hold still — the picture is blurry") },
  { RS_GUIDE_HOLD_STILL, "hold-still", N_("Hold still…") },
  { RS_GUIDE_READING, "reading", N_("Hold still — reading the document…") },
  { RS_GUIDE_CAPTURED, "captured", N_("Photo taken") },
};

const char *
rs_guide_get_message (RsGuide guide)
{
  for (guint i = 0; i < G_N_ELEMENTS (guides); i++)
    if (guides[i].guide == guide)
      return _(guides[i].message);
  return "";
}

const char *
rs_guide_to_string (RsGuide guide)
{
  for (guint i = 0; i < G_N_ELEMENTS (guides); i++)
    if (guides[i].guide == guide)
      return guides[i].id;
  return "unknown";
}

static gboolean
is_bad (RsPhotoReport *report,
        const char    *id)
{
  const RsPhotoFinding *f = rs_photo_report_find_finding (report, id);

  return f != NULL && f->status != RS_CHECK_PASS;
}

RsGuide
rs_guide_from_report (RsPhotoReport *report)
{
  gboolean selfie;

  g_return_val_if_fail (RS_IS_PHOTO_REPORT (report), RS_GUIDE_FIND_DOCUMENT);

  selfie = g_strcmp0 (rs_photo_report_get_kind (report), RS_SLOT_SELFIE) == 0;

  /* Framing first: nothing else matters until the document is in view. */
  if (!selfie)
    {
      const RsPhotoFinding *size;

      if (!rs_photo_report_get_document_found (report) ||
          is_bad (report, RS_CHECK_DOCUMENT_FOUND))
        return RS_GUIDE_FIND_DOCUMENT;
      /* Before the size: with two cards in view the one found is often
       * small, and "move closer" would be the wrong advice. */
      if (is_bad (report, RS_CHECK_DOCUMENT_COUNT))
        return RS_GUIDE_ONE_DOCUMENT;
      if (is_bad (report, RS_CHECK_DOCUMENT_CUTOFF) ||
          is_bad (report, RS_CHECK_DOCUMENT_MARGIN))
        return RS_GUIDE_FULLY_IN_FRAME;
      size = rs_photo_report_find_finding (report, RS_CHECK_DOCUMENT_SIZE);
      if (size && size->status != RS_CHECK_PASS)
        return size->value < size->threshold ? RS_GUIDE_MOVE_CLOSER : RS_GUIDE_MOVE_AWAY;
      if (is_bad (report, RS_CHECK_DOCUMENT_SKEW))
        return RS_GUIDE_STRAIGHTEN;
    }
  else
    {
      /* A selfie's framing: one face, large enough (the live frame's
       * content subset, rs_content_analyse_frame()). */
      const RsPhotoFinding *count = rs_photo_report_find_finding (report, RS_CHECK_FACE_COUNT);

      if (count != NULL && count->status != RS_CHECK_PASS)
        return count->value > count->threshold ? RS_GUIDE_ONE_FACE : RS_GUIDE_FACE;
      if (is_bad (report, RS_CHECK_FACE_SIZE))
        return RS_GUIDE_FACE_CLOSER;
    }

  /* Then lighting, glare, blur. */
  if (is_bad (report, RS_CHECK_EXPOSURE_DARK))
    return RS_GUIDE_TOO_DARK;
  if (is_bad (report, RS_CHECK_EXPOSURE_BRIGHT))
    return RS_GUIDE_TOO_BRIGHT;
  if (is_bad (report, RS_CHECK_GLARE))
    return RS_GUIDE_GLARE;
  if (is_bad (report, RS_CHECK_SHARPNESS))
    return RS_GUIDE_BLUR;

  /* Anything else the live check flagged still blocks the shot. */
  if (rs_photo_report_get_verdict (report) != RS_CHECK_PASS)
    {
      for (guint i = 0; i < rs_photo_report_get_n_findings (report); i++)
        if (rs_photo_report_get_finding (report, i)->status != RS_CHECK_PASS)
          return selfie ? RS_GUIDE_BLUR : RS_GUIDE_STRAIGHTEN;
    }

  return RS_GUIDE_HOLD_STILL;
}

static void
rs_capture_guide_class_init (RsCaptureGuideClass *klass)
{
}

static void
rs_capture_guide_init (RsCaptureGuide *self)
{
  self->dwell_us = G_USEC_PER_SEC;
  self->stable_us = G_USEC_PER_SEC / 2;
  self->min_iou = 0.95;
  rs_capture_guide_reset (self);
}

RsCaptureGuide *
rs_capture_guide_new (void)
{
  return g_object_new (RS_TYPE_CAPTURE_GUIDE, NULL);
}

void
rs_capture_guide_reset (RsCaptureGuide *self)
{
  g_return_if_fail (RS_IS_CAPTURE_GUIDE (self));

  self->shown = RS_GUIDE_FIND_DOCUMENT;
  self->shown_since = -1;
  self->have_quad = FALSE;
  self->stable_since = -1;
  self->last_time = 0;
  self->captured = FALSE;
  self->n_reads = 0;
  self->first_read = -1;
  self->best_score = -1.0;
}

void
rs_capture_guide_start_reading (RsCaptureGuide *self,
                                gint64          time_us)
{
  g_return_if_fail (RS_IS_CAPTURE_GUIDE (self));
  g_return_if_fail (self->captured);

  if (self->first_read < 0)
    self->first_read = time_us;
  self->shown = RS_GUIDE_READING;
  self->shown_since = time_us;
}

RsCaptureRead
rs_capture_guide_read_done (RsCaptureGuide *self,
                            gboolean        valid,
                            double          score,
                            gint64          time_us,
                            gboolean       *is_best)
{
  gboolean best;

  g_return_val_if_fail (RS_IS_CAPTURE_GUIDE (self), RS_CAPTURE_READ_TAKE);

  self->n_reads++;
  best = valid || score > self->best_score;
  if (best)
    self->best_score = score;
  if (is_best != NULL)
    *is_best = best;

  if (valid)
    {
      self->shown = RS_GUIDE_CAPTURED;
      self->shown_since = time_us;
      return RS_CAPTURE_READ_TAKE;
    }
  if (self->n_reads >= RS_CAPTURE_READ_MAX_TRIES ||
      (self->first_read >= 0 && time_us - self->first_read >= RS_CAPTURE_READ_MAX_US))
    {
      self->shown = RS_GUIDE_CAPTURED;
      self->shown_since = time_us;
      return RS_CAPTURE_READ_TAKE_BEST;
    }

  /* Armed again: the next steady period chooses another frame.  The
   * message stays "hold still" (the user is doing the right thing). */
  self->captured = FALSE;
  self->stable_since = -1;
  self->shown = RS_GUIDE_HOLD_STILL;
  self->shown_since = time_us;
  return RS_CAPTURE_READ_AGAIN;
}

void
rs_capture_guide_set_timing (RsCaptureGuide *self,
                             gint64          dwell_us,
                             gint64          stable_us,
                             double          min_iou)
{
  g_return_if_fail (RS_IS_CAPTURE_GUIDE (self));

  self->dwell_us = MAX (dwell_us, 0);
  self->stable_us = MAX (stable_us, 0);
  self->min_iou = CLAMP (min_iou, 0.0, 1.0);
}

gint64
rs_capture_guide_get_stable_us (RsCaptureGuide *self)
{
  g_return_val_if_fail (RS_IS_CAPTURE_GUIDE (self), 0);
  return self->stable_us;
}

gboolean
rs_capture_guide_feed (RsCaptureGuide *self,
                       RsPhotoReport  *report,
                       gint64          time_us)
{
  RsGuide wanted;
  RsQuad quad;
  gboolean has_quad, selfie, steady;

  g_return_val_if_fail (RS_IS_CAPTURE_GUIDE (self), FALSE);
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (report), FALSE);

  if (self->captured)
    return FALSE;

  self->last_time = time_us;
  wanted = rs_guide_from_report (report);
  selfie = g_strcmp0 (rs_photo_report_get_kind (report), RS_SLOT_SELFIE) == 0;
  has_quad = rs_photo_report_get_document_quad (report, &quad);

  /* Steady: good now, and the outline barely moved since the last frame. */
  steady = wanted == RS_GUIDE_HOLD_STILL &&
           (selfie || (has_quad && self->have_quad &&
                       rs_quad_iou (&quad, &self->last_quad) >= self->min_iou));
  if (wanted != RS_GUIDE_HOLD_STILL)
    self->stable_since = -1;
  else if (!steady || self->stable_since < 0)
    self->stable_since = time_us;

  self->have_quad = has_quad;
  if (has_quad)
    self->last_quad = quad;

  /* Hold the message on screen for the dwell time so it does not flicker. */
  if (self->shown_since < 0 ||
      (wanted != self->shown && time_us - self->shown_since >= self->dwell_us))
    {
      self->shown = wanted;
      self->shown_since = time_us;
    }

  if (steady && self->stable_since >= 0 && time_us - self->stable_since >= self->stable_us)
    {
      self->captured = TRUE;
      self->shown = RS_GUIDE_CAPTURED;
      self->shown_since = time_us;
      return TRUE;
    }

  return FALSE;
}

RsGuide
rs_capture_guide_get_guide (RsCaptureGuide *self)
{
  g_return_val_if_fail (RS_IS_CAPTURE_GUIDE (self), RS_GUIDE_FIND_DOCUMENT);
  return self->shown;
}

double
rs_capture_guide_get_progress (RsCaptureGuide *self)
{
  g_return_val_if_fail (RS_IS_CAPTURE_GUIDE (self), 0.0);

  if (self->captured)
    return 1.0;
  if (self->stable_since < 0 || self->stable_us == 0)
    return 0.0;
  return CLAMP ((double) (self->last_time - self->stable_since) / self->stable_us, 0.0, 1.0);
}
