/* rs-photo-preview.h: a photo with the checker's findings drawn over it:
 * the document outline (green when framing passes, amber for a warning,
 * red for a failure), cut-off corners and glare spots, and what the
 * content checks mark: the covered part, another document, faces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rs-content.h"
#include "rs-photo-check.h"

G_BEGIN_DECLS

/* What the outline says, also exposed for tests. */
typedef enum {
  RS_OUTLINE_NONE, /* no photo, no report, or no document found */
  RS_OUTLINE_PASS, /* green */
  RS_OUTLINE_WARN, /* amber */
  RS_OUTLINE_FAIL, /* red */
} RsOutlineState;

#define RS_TYPE_PHOTO_PREVIEW (rs_photo_preview_get_type ())
G_DECLARE_FINAL_TYPE (RsPhotoPreview, rs_photo_preview, RS, PHOTO_PREVIEW, GtkWidget)

GtkWidget      *rs_photo_preview_new              (void);

/* @texture: the photo, upright, at any scale; @report: its check (may be
 * NULL while checking).  Coordinates in the report are scaled to the
 * texture using the report's image size. */
void            rs_photo_preview_set_photo        (RsPhotoPreview *self,
                                                   GdkTexture     *texture,
                                                   RsPhotoReport  *report);
GdkTexture     *rs_photo_preview_get_texture      (RsPhotoPreview *self);
RsPhotoReport  *rs_photo_preview_get_report       (RsPhotoPreview *self);

/* The worst status of the framing checks (found, cut-off, margin, size,
 * skew), which is the outline's colour. */
RsOutlineState  rs_photo_preview_get_outline_state (RsPhotoPreview *self);
/* The outline as drawn, in texture pixels.  FALSE when none is drawn. */
gboolean        rs_photo_preview_get_outline      (RsPhotoPreview *self,
                                                   RsQuad         *quad);
guint           rs_photo_preview_get_n_glare_spots (RsPhotoPreview *self);
guint           rs_photo_preview_get_cut_corners  (RsPhotoPreview *self);
/* How many content marks of @kind are drawn (the covered part, another
 * document, faces): only those of a finding that did not pass. */
guint           rs_photo_preview_get_n_marks      (RsPhotoPreview *self,
                                                   RsMarkKind      kind);

/* The accessible name: what the photo shows marked. */
char           *rs_photo_preview_dup_label        (RsPhotoPreview *self);

/* @title (nullable): the viewer's title; set, a click, Space or Enter on
 * the photo shows it large (rs_photo_preview_enlarge()). */
void            rs_photo_preview_set_enlarge_title (RsPhotoPreview *self,
                                                    const char     *title);
/* Opens the photo in an RsPhotoViewer; NULL without a photo. */
GtkWidget      *rs_photo_preview_enlarge          (RsPhotoPreview *self);

/* Shared with the slot: the framing status of a report. */
RsOutlineState  rs_outline_state_for_report      (RsPhotoReport  *report);

G_END_DECLS
