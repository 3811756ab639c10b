/* rs-bundle-job.c: the export's job, a snapshot of the session and the
 * request taken in the caller's thread, and progress delivered in the
 * caller's main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rs-bundle-checklist.h"
#include "rs-photo-set.h"
#include "rs-bundle-job.h"

static void
progress_target_clear (gpointer data)
{
  ProgressTarget *target = data;

  if (target->destroy != NULL)
    target->destroy (target->data);
}

static gboolean
progress_target_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_target_clear);
  return G_SOURCE_REMOVE;
}

typedef struct {
  ProgressTarget *target;  /* atomic rc box */
  double          fraction;
  char           *what;
} ProgressUpdate;

static gboolean
progress_dispatch (gpointer data)
{
  ProgressUpdate *update = data;

  update->target->func (update->fraction, update->what, update->target->data);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_atomic_rc_box_release_full (update->target, progress_target_clear);
  g_free (update->what);
  g_free (update);
}

void
rs_bundle_job_free (Job *job)
{
  g_clear_object (&job->profile);
  g_free (job->profile_id);
  g_free (job->document_type);
  g_hash_table_unref (job->fields);
  g_hash_table_unref (job->photos);
  g_hash_table_unref (job->known);
  g_hash_table_unref (job->acks);
  g_strfreev (job->all_acks);
  g_free (job->target);
  g_free (job->lang);
  g_date_time_unref (job->now);
  if (job->progress != NULL && job->context != NULL)
    {
      /* The task may be finalized on the worker: release the caller's
       * progress data (often a widget) in the caller's context. */
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, progress_target_release, job->progress, NULL);
      g_source_set_static_name (source, "[resubmit] bundle progress release");
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
  else if (job->progress != NULL)
    g_atomic_rc_box_release_full (job->progress, progress_target_clear);
  g_clear_pointer (&job->context, g_main_context_unref);
  if (job->reports != NULL)
    {
      for (guint i = 0; job->slots[i] != NULL; i++)
        g_clear_object (&job->reports[i]);
      g_free (job->reports);
    }
  g_strfreev (job->slots);
  g_clear_pointer (&job->details, rs_details_check_unref);
  g_clear_pointer (&job->issues, g_ptr_array_unref);
  g_free (job);
}

static const char *
ui_lang (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return "zh_CN";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return "en";
    }
  return "en";
}

Job *
rs_bundle_job_new (RsBundleRequest     *request,
                   RsBundleProgressFunc progress,
                   gpointer             progress_data,
                   GDestroyNotify       progress_data_free)
{
  Job *job = g_new0 (Job, 1);
  RsSession *session = request->session;
  RsProfile *profile = rs_session_get_profile (session);
  g_auto(GStrv) field_ids = rs_session_list_fields (session);
  g_auto(GStrv) slots = rs_session_list_photo_slots (session);

  job->profile = profile ? g_object_ref (profile) : NULL;
  job->profile_id = g_strdup (rs_session_get_profile_id (session));
  job->document_type = g_strdup (rs_session_get_document_type (session));
  job->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; field_ids != NULL && field_ids[i] != NULL; i++)
    g_hash_table_insert (job->fields, g_strdup (field_ids[i]),
                         g_strdup (rs_session_get_field (session, field_ids[i])));
  job->photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *path = rs_session_get_photo (session, slots[i]);
      RsPhotoSet *set = rs_session_get_photo_set (session);
      RsPhotoReport *known = set != NULL && path != NULL
                             ? rs_photo_set_lookup (set, slots[i], path, profile, NULL) : NULL;

      g_hash_table_insert (job->photos, g_strdup (slots[i]), g_strdup (path));
      /* Reports are immutable once made: the worker thread may share them. */
      if (known != NULL)
        g_hash_table_insert (job->known, g_strdup (slots[i]), g_object_ref (known));
    }
  job->acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->all_acks = rs_session_list_acknowledged (session);
  for (guint i = 0; job->all_acks != NULL && job->all_acks[i] != NULL; i++)
    g_hash_table_add (job->acks, g_strdup (job->all_acks[i]));
  job->reasons = rs_session_get_reasons (session);
  job->target = g_strdup (request->target);
  job->format = rs_bundle_request_get_format (request);
  job->mask = request->mask;
  job->lang = g_strdup (request->lang ? request->lang : ui_lang ());
  job->now = request->now ? g_date_time_ref (request->now) : g_date_time_new_now_local ();
  job->fail_after = request->fail_after;
  job->fail_errno = request->fail_errno;

  if (progress != NULL)
    {
      job->progress = g_atomic_rc_box_new0 (ProgressTarget);
      job->progress->func = progress;
      job->progress->data = progress_data;
      job->progress->destroy = progress_data_free;
    }
  else if (progress_data_free != NULL)
    progress_data_free (progress_data);
  return job;
}

void
rs_bundle_job_progress (Job        *job,
                        double      fraction,
                        const char *what)
{
  ProgressUpdate *update;

  if (job->progress == NULL)
    return;
  if (job->context == NULL)
    {
      job->progress->func (CLAMP (fraction, 0.0, 1.0), what, job->progress->data);
      return;
    }
  update = g_new0 (ProgressUpdate, 1);
  update->target = g_atomic_rc_box_acquire (job->progress);
  update->fraction = CLAMP (fraction, 0.0, 1.0);
  update->what = g_strdup (what);
  /* Not g_main_context_invoke(): from a worker whose thread-default context
   * is the global one it may run the callback right here. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, progress_dispatch, update, progress_update_free);
    g_source_set_static_name (source, "[resubmit] bundle progress");
    g_source_attach (source, job->context);
    g_source_unref (source);
  }
}
