/* rs-capture-guide.h: turns a stream of per-frame reports into one steady
 * guidance line and the decision to take the shot.
 *
 * Pure logic (no widgets, no clock of its own: timestamps are passed in), so
 * that it is tested frame by frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-photo-check.h"

G_BEGIN_DECLS

/* What the user should do, in the priority order capture SDKs use:
 * framing → lighting → glare → blur.  What is in view (one document, one
 * face large enough) is part of framing. */
typedef enum {
  RS_GUIDE_FIND_DOCUMENT,  /* no document in view */
  RS_GUIDE_ONE_DOCUMENT,   /* another document in view (document.count) */
  RS_GUIDE_FULLY_IN_FRAME, /* a corner is cut off or no margin */
  RS_GUIDE_MOVE_CLOSER,
  RS_GUIDE_MOVE_AWAY,
  RS_GUIDE_STRAIGHTEN,     /* tilted or rotated */
  RS_GUIDE_FACE,           /* selfie: no face in view (face.count) */
  RS_GUIDE_ONE_FACE,       /* selfie: more than one face (face.count) */
  RS_GUIDE_FACE_CLOSER,    /* selfie: the face is too small (face.size) */
  RS_GUIDE_TOO_DARK,
  RS_GUIDE_TOO_BRIGHT,
  RS_GUIDE_GLARE,
  RS_GUIDE_BLUR,           /* hold still / focus */
  RS_GUIDE_HOLD_STILL,     /* all good: keep it steady for the shot */
  RS_GUIDE_READING,        /* the chosen frame's text is being read */
  RS_GUIDE_CAPTURED,
} RsGuide;

/* What to do once the text of a chosen frame was read. */
typedef enum {
  RS_CAPTURE_READ_TAKE,      /* it reads: take this frame */
  RS_CAPTURE_READ_TAKE_BEST, /* no frame read in time: take the best one */
  RS_CAPTURE_READ_AGAIN,     /* keep looking: the guide is armed again */
} RsCaptureRead;

/* Short live message for @guide, translated. */
const char *rs_guide_get_message (RsGuide guide);
/* Stable id ("find-document", "fully-in-frame", …) for tests and logs. */
const char *rs_guide_to_string   (RsGuide guide);

/* The guide a single report asks for (no smoothing). */
RsGuide     rs_guide_from_report (RsPhotoReport *report);

#define RS_TYPE_CAPTURE_GUIDE (rs_capture_guide_get_type ())
G_DECLARE_FINAL_TYPE (RsCaptureGuide, rs_capture_guide, RS, CAPTURE_GUIDE, GObject)

RsCaptureGuide *rs_capture_guide_new          (void);

/* Feed the report of a frame analysed at @time_us (monotonic µs).  Returns
 * TRUE when this frame is the one to capture: every live check passed and
 * the outline has overlapped the previous one by ≥ 0.95 (IoU) for
 * rs_capture_guide_get_stable_us().  After TRUE the guide stays at
 * RS_GUIDE_CAPTURED until rs_capture_guide_reset(). */
gboolean        rs_capture_guide_feed         (RsCaptureGuide *self,
                                               RsPhotoReport  *report,
                                               gint64          time_us);
/* The message on screen now: a new one replaces it only after the current
 * one has been shown for the dwell time (about a second), so the text does
 * not flicker; "all good" and "captured" show at once. */
RsGuide         rs_capture_guide_get_guide    (RsCaptureGuide *self);
/* 0..1: how far the steady period before auto-capture has progressed (for a
 * countdown ring). */
double          rs_capture_guide_get_progress (RsCaptureGuide *self);
void            rs_capture_guide_reset        (RsCaptureGuide *self);

/* Auto-capture prefers a frame whose text reads (the MRZ or the number
 * line).  After feed() returned TRUE on a document slot the caller reads
 * that frame off the main thread: start_reading() shows RS_GUIDE_READING,
 * read_done() says what to do with the outcome.  A frame that does not
 * read is kept as a candidate when its reading score is the best so far
 * (@is_best); after RS_CAPTURE_READ_MAX_TRIES frames or
 * RS_CAPTURE_READ_MAX_US since the first, the best candidate is taken, so
 * that a document the reader cannot read is still captured. */
#define RS_CAPTURE_READ_MAX_TRIES 3
#define RS_CAPTURE_READ_MAX_US    (3 * G_USEC_PER_SEC)
void            rs_capture_guide_start_reading (RsCaptureGuide *self,
                                                gint64          time_us);
RsCaptureRead   rs_capture_guide_read_done     (RsCaptureGuide *self,
                                                gboolean        valid,
                                                double          score,
                                                gint64          time_us,
                                                gboolean       *is_best);

/* Tunables (defaults: dwell 1 s, stable 0.5 s, IoU 0.95). */
void            rs_capture_guide_set_timing   (RsCaptureGuide *self,
                                               gint64          dwell_us,
                                               gint64          stable_us,
                                               double          min_iou);
gint64          rs_capture_guide_get_stable_us (RsCaptureGuide *self);

G_END_DECLS
