/* rs-live-analyser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-live-analyser.h"

struct _RsLiveAnalyser
{
  GObject        parent_instance;

  RsProfile     *profile;
  char          *kind;
  GCancellable  *cancellable;   /* of the running analysis */
  RsCameraFrame *pending;
  gboolean       busy;
  gboolean       have_quad;
  RsQuad         last_quad;
  guint64        n_analysed;
  guint64        n_skipped;
};

G_DEFINE_FINAL_TYPE (RsLiveAnalyser, rs_live_analyser, G_TYPE_OBJECT)

enum {
  ANALYSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  RsCameraFrame *frame;
  RsProfile     *profile;
  char          *kind;
  gboolean       have_quad;
  RsQuad         quad;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  rs_camera_frame_unref (job->frame);
  g_clear_object (&job->profile);
  g_free (job->kind);
  g_free (job);
}

static void
analyse_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  RsPhotoReport *report;

  report = rs_photo_check_frame (g_bytes_get_data (job->frame->pixels, NULL),
                                 job->frame->width, job->frame->height, job->frame->stride, 4,
                                 job->profile, job->kind,
                                 job->have_quad ? &job->quad : NULL);
  g_task_return_pointer (task, report, g_object_unref);
}

static void start_next (RsLiveAnalyser *self);

static void
analyse_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RsLiveAnalyser *self = RS_LIVE_ANALYSER (object);
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(RsPhotoReport) report = g_task_propagate_pointer (task, NULL);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean cancelled = cancellable && g_cancellable_is_cancelled (cancellable);

  if (cancellable == self->cancellable)
    {
      g_clear_object (&self->cancellable);
      self->busy = FALSE;
    }

  if (report && !cancelled)
    {
      self->n_analysed++;
      self->have_quad = rs_photo_report_get_document_quad (report, &self->last_quad);
      g_signal_emit (self, signals[ANALYSED], 0, report, job->frame);
    }

  if (!self->busy)
    start_next (self);
}

static void
start_next (RsLiveAnalyser *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->busy || self->pending == NULL)
    return;

  job = g_new0 (Job, 1);
  job->frame = g_steal_pointer (&self->pending);
  job->profile = self->profile ? g_object_ref (self->profile) : NULL;
  job->kind = g_strdup (self->kind);
  job->have_quad = self->have_quad;
  job->quad = self->last_quad;

  self->busy = TRUE;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, analyse_done, NULL);
  g_task_set_source_tag (task, start_next);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, analyse_thread);
}

static void
rs_live_analyser_dispose (GObject *object)
{
  RsLiveAnalyser *self = (RsLiveAnalyser *) object;

  rs_live_analyser_cancel (self);

  G_OBJECT_CLASS (rs_live_analyser_parent_class)->dispose (object);
}

static void
rs_live_analyser_finalize (GObject *object)
{
  RsLiveAnalyser *self = (RsLiveAnalyser *) object;

  g_clear_object (&self->profile);
  g_free (self->kind);

  G_OBJECT_CLASS (rs_live_analyser_parent_class)->finalize (object);
}

static void
rs_live_analyser_class_init (RsLiveAnalyserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rs_live_analyser_dispose;
  object_class->finalize = rs_live_analyser_finalize;

  /**
   * RsLiveAnalyser::analysed:
   * @report: the RsPhotoReport of @frame
   * @frame: the RsCameraFrame that was analysed
   */
  signals[ANALYSED] = g_signal_new ("analysed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    RS_TYPE_PHOTO_REPORT,
                                    RS_TYPE_CAMERA_FRAME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
rs_live_analyser_init (RsLiveAnalyser *self)
{
}

RsLiveAnalyser *
rs_live_analyser_new (RsProfile  *profile,
                      const char *kind)
{
  RsLiveAnalyser *self = g_object_new (RS_TYPE_LIVE_ANALYSER, NULL);

  self->profile = profile ? g_object_ref (profile) : NULL;
  self->kind = g_strdup (kind ? kind : RS_SLOT_ID_FRONT);
  return self;
}

void
rs_live_analyser_push (RsLiveAnalyser *self,
                       RsCameraFrame  *frame)
{
  g_return_if_fail (RS_IS_LIVE_ANALYSER (self));
  g_return_if_fail (frame != NULL);

  if (self->pending)
    {
      /* A newer frame makes the waiting one pointless. */
      rs_camera_frame_unref (self->pending);
      self->n_skipped++;
    }
  self->pending = rs_camera_frame_ref (frame);
  start_next (self);
}

void
rs_live_analyser_cancel (RsLiveAnalyser *self)
{
  g_return_if_fail (RS_IS_LIVE_ANALYSER (self));

  g_clear_pointer (&self->pending, rs_camera_frame_unref);
  if (self->cancellable)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  self->busy = FALSE;
  self->have_quad = FALSE;
}

gboolean
rs_live_analyser_is_busy (RsLiveAnalyser *self)
{
  g_return_val_if_fail (RS_IS_LIVE_ANALYSER (self), FALSE);
  return self->busy;
}

guint64
rs_live_analyser_get_n_analysed (RsLiveAnalyser *self)
{
  g_return_val_if_fail (RS_IS_LIVE_ANALYSER (self), 0);
  return self->n_analysed;
}

guint64
rs_live_analyser_get_n_skipped (RsLiveAnalyser *self)
{
  g_return_val_if_fail (RS_IS_LIVE_ANALYSER (self), 0);
  return self->n_skipped;
}
