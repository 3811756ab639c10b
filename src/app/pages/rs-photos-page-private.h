/* rs-photos-page-private.h: what the files of the Photos step share.
 *
 * rs-photos-page.c: the type, the slots, adding and removing, messages and
 * undo, the actions and the RsPage side; rs-photos-page-checks.c: checking
 * a photo through the session's photo model; rs-photos-page-fixes.c: rotate
 * and straighten; rs-photos-page-sources.c: paste, the file chooser and
 * files opened with the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-photos-page.h"
#include "rs-photo-set.h"
#include "widgets/rs-photo-slot.h"

G_BEGIN_DECLS

/* Long side of the preview image decoded for display. */
#define PREVIEW_SIZE 1600
/* Extra space, in percent of the image side, that straightening leaves
 * beyond the profile’s minimum margin: the found outline can be off by a
 * percent or two, and the result must still pass the margin check. */
#define STRAIGHTEN_EXTRA_MARGIN 4.0

typedef enum {
  ORIGIN_ADD,        /* a new photo into an empty slot */
  ORIGIN_REPLACE,    /* a new photo over an existing one */
  ORIGIN_RESTORE,    /* from the session (draft) */
  ORIGIN_ROTATE,
  ORIGIN_STRAIGHTEN,
  ORIGIN_SWAP,       /* the other slot's photo (the two sides swapped) */
} Origin;

/* A running check or fix of one slot.  Reference counted: the page's job
 * table holds one reference (dropping it cancels the job), the running
 * operation another. */
typedef struct {
  char          *slot_id;
  GFile         *file;
  Origin         origin;
  GCancellable  *cancellable;
  /* For fixes: the photo before any fix, for before/after. */
  GdkTexture    *original_texture;
  RsPhotoReport *original_report;
  /* The file's preview when the page already has it (a swap): the check
   * then decodes for the report only. */
  GdkTexture    *texture;
} Job;

/* A check handed to the session's photo model. */
typedef struct {
  RsPhotosPage  *self; /* owned */
  Job           *job;  /* owned */
} CheckCall;

/* What a slot held before a replace, remove or fix. */
typedef struct {
  char          *slot_id;
  GFile         *file;
  GdkTexture    *texture;
  RsPhotoReport *report;
  GdkTexture    *original_texture;
  RsPhotoReport *original_report;
  gboolean       acknowledged;
  /* Undone together with the entry before it (the two halves of a swap). */
  gboolean       with_previous;
} UndoEntry;

struct _RsPhotosPage
{
  RsPage         parent_instance;

  GtkLabel      *rejection_label;
  GtkBox        *slots_box;
  GtkLabel      *summary_label;
  GtkWidget     *swap_box;
  GtkWidget     *swap_button;

  GPtrArray     *slots;       /* RsPhotoSlot, in order */
  GHashTable    *jobs;        /* slot id → Job* (owned) */
  GPtrArray     *undo;        /* UndoEntry*, last is newest */
  RsProfile     *fallback_profile;
  RsPhotoSet    *own_photo_set; /* without a session only */
  char         **slot_ids;
  char          *document_type;
  char          *last_message;
  gboolean       camera_available;
  gboolean       photos_stale; /* the session's photos changed while hidden */
  gulong         files_opened_id;
};

typedef struct {
  RsPhotosPage *page;
  Job          *job;
} FixCall;

/* Jobs (rs-photos-page.c) */
void rs_photos_page_job_clear (gpointer data);
Job *rs_photos_page_job_new (RsPhotoSlot *slot, GFile *file, Origin origin, GdkTexture *original_texture, RsPhotoReport *original_report);
void rs_photos_page_job_unref (Job *job);
void rs_photos_page_check_call_free (CheckCall *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, rs_photos_page_job_unref)

/* The page (rs-photos-page.c) */
RsProfile *rs_photos_page_get_profile (RsPhotosPage *self);
const char *rs_photos_page_get_document_type (RsPhotosPage *self);
void rs_photos_page_show_message (RsPhotosPage *self, const char *message, gboolean with_undo);
void rs_photos_page_update_set_level (RsPhotosPage *self);
void rs_photos_page_store_acknowledgments (RsPhotosPage *self, RsPhotoSlot *slot);
gboolean rs_photos_page_session_acknowledges (RsPhotosPage *self, RsPhotoSlot *slot);

/* Checking (rs-photos-page-checks.c) */
void rs_photos_page_push_undo (RsPhotosPage *self, RsPhotoSlot *slot);
RsPhotoSet *rs_photos_page_get_photo_set (RsPhotosPage *self);
void rs_photos_page_slot_commit (RsPhotosPage *self, RsPhotoSlot *slot, GFile *file, GdkTexture *texture, RsPhotoReport *report, GdkTexture *original_texture, RsPhotoReport *original_report, gboolean acknowledged);
void rs_photos_page_start_check (RsPhotosPage *self, RsPhotoSlot *slot, GFile *file, Origin origin, GdkTexture *original_texture, RsPhotoReport *original_report);
void rs_photos_page_start_check_with_preview (RsPhotosPage *self, RsPhotoSlot *slot, GFile *file, Origin origin, GdkTexture *texture);
void rs_photos_page_update_details_match (RsPhotosPage *self);
void rs_photos_page_field_changed (RsSession *session, const char *field, RsPhotosPage *self);
void rs_photos_page_action_go_to_field (GtkWidget *widget, const char *action_name, GVariant *parameter);

/* Where photos come from (rs-photos-page-sources.c) */
void rs_photos_page_choose_file (RsPhotosPage *self, const char *slot_id);
void rs_photos_page_take_pending_files (RsPhotosPage *self);
const char *rs_photos_page_focused_slot_id (RsPhotosPage *self);
void rs_photos_page_files_opened (GApplication *app, RsPhotosPage *self);

G_END_DECLS
