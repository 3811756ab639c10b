/* rs-bundle.c: export of an upload-ready bundle.
 *
 * The export works on a snapshot of the session taken in the caller's
 * thread, writes everything into a temporary folder next to the target and
 * only then moves it into place without replacing anything.  Any failure
 * removes what was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle.h"
#include "rs-bundle-private.h"
#include "rs-cleanup.h"
#include "rs-bundle-checklist.h"
#include "rs-bundle-jpeg.h"
#include "rs-validate.h"
#include "rs-photo-check.h"
#include "rs-ack.h"
#include "rs-photo-set.h"
#include "rs-image.h"

#define THUMBNAIL_SIZE 480

G_DEFINE_QUARK (rs-bundle-error-quark, rs_bundle_error)

/* ------------------------------------------------------------------ */
/* Issues                                                             */

void
rs_bundle_issue_free (RsBundleIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->key);
  g_free (issue->subject);
  g_free (issue->message);
  g_free (issue);
}

static RsBundleIssue *
issue_new (RsBundleIssueSeverity severity,
           const char           *key,
           const char           *subject,
           const char           *message)
{
  RsBundleIssue *issue = g_new0 (RsBundleIssue, 1);

  issue->severity = severity;
  issue->key = g_strdup (key);
  issue->subject = g_strdup (subject);
  issue->message = g_strdup (message);
  return issue;
}

gboolean
rs_bundle_issues_block_export (GPtrArray *issues)
{
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      RsBundleIssue *issue = g_ptr_array_index (issues, i);
      if (issue->severity == RS_BUNDLE_ISSUE_ERROR || !issue->acknowledged)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The request                                                        */

struct _RsBundleRequest
{
  GObject         parent_instance;

  RsSession      *session;
  char           *target;
  RsBundleFormat  format;
  gboolean        format_set;
  gboolean        mask;
  char           *lang;
  GDateTime      *now;
  gint64          fail_after;
  int             fail_errno;
};

G_DEFINE_FINAL_TYPE (RsBundleRequest, rs_bundle_request, G_TYPE_OBJECT)

static void
rs_bundle_request_finalize (GObject *object)
{
  RsBundleRequest *self = (RsBundleRequest *) object;

  g_clear_object (&self->session);
  g_free (self->target);
  g_free (self->lang);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (rs_bundle_request_parent_class)->finalize (object);
}

static void
rs_bundle_request_class_init (RsBundleRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_bundle_request_finalize;
}

static void
rs_bundle_request_init (RsBundleRequest *self)
{
  self->mask = TRUE;
  self->fail_after = -1;
}

RsBundleRequest *
rs_bundle_request_new (RsSession  *session,
                       const char *target)
{
  RsBundleRequest *self;

  g_return_val_if_fail (RS_IS_SESSION (session), NULL);

  self = g_object_new (RS_TYPE_BUNDLE_REQUEST, NULL);
  self->session = g_object_ref (session);
  self->target = g_strdup (target);
  return self;
}

RsSession *
rs_bundle_request_get_session (RsBundleRequest *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (self), NULL);
  return self->session;
}

const char *
rs_bundle_request_get_target (RsBundleRequest *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (self), NULL);
  return self->target;
}

void
rs_bundle_request_set_target (RsBundleRequest *self,
                              const char      *target)
{
  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));
  g_free (self->target);
  self->target = g_strdup (target);
}

RsBundleFormat
rs_bundle_request_get_format (RsBundleRequest *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (self), RS_BUNDLE_FORMAT_FOLDER);

  if (self->format_set)
    return self->format;
  if (self->target != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (self->target, -1);
      if (g_str_has_suffix (lower, ".zip"))
        return RS_BUNDLE_FORMAT_ZIP;
    }
  return RS_BUNDLE_FORMAT_FOLDER;
}

void
rs_bundle_request_set_format (RsBundleRequest *self,
                              RsBundleFormat   format)
{
  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));
  self->format = format;
  self->format_set = TRUE;
}

gboolean
rs_bundle_request_get_mask_id_number (RsBundleRequest *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (self), TRUE);
  return self->mask;
}

void
rs_bundle_request_set_mask_id_number (RsBundleRequest *self,
                                      gboolean         mask)
{
  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));
  self->mask = !!mask;
}

const char *
rs_bundle_request_get_lang (RsBundleRequest *self)
{
  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (self), NULL);
  return self->lang;
}

void
rs_bundle_request_set_lang (RsBundleRequest *self,
                            const char      *lang)
{
  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));
  g_free (self->lang);
  self->lang = g_strdup (lang);
}

void
rs_bundle_request_set_now (RsBundleRequest *self,
                           GDateTime       *now)
{
  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

void
rs_bundle_request_set_write_failure (RsBundleRequest *self,
                                     gint64           after_bytes,
                                     int              error_number)
{
  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));
  self->fail_after = after_bytes;
  self->fail_errno = error_number;
}

char *
rs_bundle_photo_file_name (const char *slot,
                           guint       order)
{
  const char *stem = slot;

  if (g_strcmp0 (slot, RS_SLOT_ID_FRONT) == 0)
    stem = "id-card-front";
  else if (g_strcmp0 (slot, RS_SLOT_ID_BACK) == 0)
    stem = "id-card-back";
  return g_strdup_printf ("%u-%s.jpg", order, stem);
}

/* ------------------------------------------------------------------ */
/* Progress, delivered in the caller's main context for async exports  */

typedef struct {
  RsBundleProgressFunc func;
  gpointer             data;
  GDestroyNotify       destroy;
} ProgressTarget;

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

/* ------------------------------------------------------------------ */
/* The job: a snapshot of the session and the request                 */

typedef struct {
  RsProfile      *profile;
  char           *profile_id;
  char           *document_type;
  GHashTable     *fields;      /* field → value as typed */
  GHashTable     *photos;      /* slot → path */
  GHashTable     *known;       /* slot → RsPhotoReport the session's photo model made */
  GHashTable     *acks;        /* key set */
  char          **all_acks;    /* sorted, for the manifest */
  RsReason        reasons;
  char           *target;
  RsBundleFormat  format;
  gboolean        mask;
  char           *lang;
  GDateTime      *now;
  gint64          fail_after;
  int             fail_errno;
  gint64          written;

  ProgressTarget *progress;    /* NULL: none */
  GMainContext   *context;     /* NULL: call progress directly */

  /* Filled by the check phase. */
  char          **slots;
  RsPhotoReport **reports;     /* one per slot, NULL when unreadable/missing */
  RsDetailsCheck *details;
  GPtrArray      *issues;
} Job;

static void
job_free (Job *job)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* The UI language as the manifest records it: "zh_CN" or "en". */
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

static Job *
job_new (RsBundleRequest     *request,
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

static void
job_progress (Job        *job,
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

/* ------------------------------------------------------------------ */
/* Check phase                                                        */

static const char *
check_name (const char *id)
{
  static const struct {
    const char *id;
    const char *name;
  } names[] = {
    { RS_CHECK_FILE_FORMAT, N_("File format") },
    { RS_CHECK_FILE_SIZE, N_("File size") },
    { RS_CHECK_IMAGE_RESOLUTION, N_("Resolution") },
    { RS_CHECK_DOCUMENT_FOUND, N_("Document found") },
    { RS_CHECK_DOCUMENT_CUTOFF, N_("All four corners visible") },
    { RS_CHECK_DOCUMENT_MARGIN, N_("Margin around the document") },
    { RS_CHECK_DOCUMENT_SIZE, N_("Document size in the frame") },
    { RS_CHECK_DOCUMENT_SKEW, N_("Angle") },
    { RS_CHECK_SHARPNESS, N_("Sharpness") },
    { RS_CHECK_EXPOSURE_DARK, N_("Not too dark") },
    { RS_CHECK_EXPOSURE_BRIGHT, N_("Not too bright") },
    { RS_CHECK_GLARE, N_("No glare") },
    { RS_CHECK_COLOR_GRAYSCALE, N_("Colour photo") },
    { RS_CHECK_DUPLICATE, N_("Different from the other photos") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].id, id) == 0)
      return _(names[i].name);
  return id;
}

gboolean
rs_bundle_finding_fixed_by_export (RsPhotoReport        *report,
                                   const RsPhotoFinding *finding,
                                   RsProfile            *profile)
{
  const RsImageInfo *info = rs_photo_report_get_image_info (report);
  int max_long = rs_profile_get_max_long_side (profile);

  if (finding->status != RS_CHECK_WARN)
    return FALSE;
  if (g_strcmp0 (finding->id, RS_CHECK_FILE_SIZE) == 0 ||
      g_strcmp0 (finding->id, RS_CHECK_FILE_FORMAT) == 0)
    return TRUE;
  /* Too many pixels (not too few): export scales the photo down. */
  return g_strcmp0 (finding->id, RS_CHECK_IMAGE_RESOLUTION) == 0 && info != NULL &&
         max_long > 0 && MAX (info->width, info->height) > max_long &&
         MIN (info->width, info->height) >= rs_profile_get_min_short_side (profile);
}

static void
add_issue (Job                  *job,
           RsBundleIssueSeverity severity,
           const char           *key,
           const char           *subject,
           const char           *message)
{
  RsBundleIssue *issue = issue_new (severity, key, subject, message);

  if (severity == RS_BUNDLE_ISSUE_WARNING)
    issue->acknowledged = g_hash_table_contains (job->acks, key);
  g_ptr_array_add (job->issues, issue);
}

static int
issue_compare (gconstpointer a,
               gconstpointer b)
{
  const RsBundleIssue *ia = *(RsBundleIssue * const *) a;
  const RsBundleIssue *ib = *(RsBundleIssue * const *) b;

  return (int) ia->severity - (int) ib->severity;
}

static gboolean
job_check (Job          *job,
           GCancellable *cancellable,
           double        progress_from,
           double        progress_to,
           GError      **error)
{
  guint n_slots;

  g_clear_pointer (&job->issues, g_ptr_array_unref);
  job->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) rs_bundle_issue_free);

  if (job->profile == NULL && job->profile_id != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The platform profile “%s” is not available "
                                                    "any more. Go back to the start and choose "
                                                    "the platform again."), job->profile_id);
      add_issue (job, RS_BUNDLE_ISSUE_ERROR, "profile:missing", NULL, message);
      return TRUE;
    }
  if (job->profile == NULL)
    {
      add_issue (job, RS_BUNDLE_ISSUE_ERROR, "profile:missing", NULL,
                 _("No platform is chosen. Go back to the start and choose the platform you "
                   "are verifying with."));
      return TRUE;
    }
  if (job->document_type == NULL ||
      rs_profile_find_document (job->profile, job->document_type) == NULL)
    {
      add_issue (job, RS_BUNDLE_ISSUE_ERROR, "document:missing", NULL,
                 _("No document type accepted by this platform is chosen. Go back and choose "
                   "the document you will upload."));
      return TRUE;
    }

  /* Details: every error blocks, every warning needs an acknowledgment. */
  job->details = rs_details_check (job->document_type, job->fields, job->profile, job->now);
  {
    GPtrArray *all = rs_details_check_get_all_issues (job->details);

    for (guint i = 0; all != NULL && i < all->len; i++)
      {
        RsIssue *issue = g_ptr_array_index (all, i);
        g_autofree char *key = rs_ack_details_key (issue->field, issue->id);
        add_issue (job,
                   issue->severity == RS_SEVERITY_ERROR ? RS_BUNDLE_ISSUE_ERROR
                                                        : RS_BUNDLE_ISSUE_WARNING,
                   key, issue->field, issue->message);
      }
  }

  /* Photos, in upload order. */
  job->slots = rs_profile_get_slots (job->profile, job->document_type);
  n_slots = job->slots ? g_strv_length (job->slots) : 0;
  job->reports = g_new0 (RsPhotoReport *, n_slots + 1);
  for (guint i = 0; i < n_slots; i++)
    {
      const char *slot = job->slots[i];
      const char *path = g_hash_table_lookup (job->photos, slot);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *key = NULL;
      g_autofree char *message = NULL;

      job_progress (job, progress_from + (progress_to - progress_from) * i / MAX (n_slots, 1),
                    _("Checking the photos…"));
      if (path == NULL)
        {
          key = rs_ack_photo_key (slot, "missing");
          message = g_strdup_printf (_("The photo “%s” is missing. Add it on the Photos step."),
                                     rs_slot_get_name (slot));
          add_issue (job, RS_BUNDLE_ISSUE_ERROR, key, slot, message);
          continue;
        }
      /* What the Photos step checked is taken as it is; only a photo it did
       * not check (the command line, a changed file) is checked here. */
      if (g_hash_table_contains (job->known, slot))
        job->reports[i] = g_object_ref (g_hash_table_lookup (job->known, slot));
      else
        job->reports[i] = rs_photo_check_file (path, job->profile, slot, cancellable, &local_error);
      if (job->reports[i] == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          key = rs_ack_photo_key (slot, "unreadable");
          message = g_strdup_printf ("%s: %s", rs_slot_get_name (slot), local_error->message);
          add_issue (job, RS_BUNDLE_ISSUE_ERROR, key, slot, message);
          continue;
        }
    }

  /* Set level, without changing the (shared) reports. */
  for (guint i = 0; i < n_slots; i++)
    for (guint j = 0; job->reports[i] != NULL && j < n_slots; j++)
      if (j != i && job->reports[j] != NULL &&
          rs_photo_report_same_photo (job->reports[i], job->reports[j]))
        {
          g_autofree char *key = rs_ack_photo_key (job->slots[i], RS_CHECK_DUPLICATE);
          g_autofree char *found = rs_photo_set_duplicate_message (job->slots[i], job->slots[j]);
          g_autofree char *message = g_strdup_printf ("%s: %s", rs_slot_get_name (job->slots[i]), found);

          add_issue (job, RS_BUNDLE_ISSUE_ERROR, key, job->slots[i], message);
          break;
        }

  for (guint i = 0; i < n_slots; i++)
    {
      RsPhotoReport *report = job->reports[i];

      for (guint j = 0; report != NULL && j < rs_photo_report_get_n_findings (report); j++)
        {
          const RsPhotoFinding *finding = rs_photo_report_get_finding (report, j);
          g_autofree char *key = NULL;
          g_autofree char *message = NULL;

          if (finding->status == RS_CHECK_PASS ||
              rs_bundle_finding_fixed_by_export (report, finding, job->profile))
            continue;
          key = rs_ack_photo_key (job->slots[i], finding->id);
          message = g_strdup_printf ("%s: %s", rs_slot_get_name (job->slots[i]), finding->message);
          add_issue (job,
                     finding->status == RS_CHECK_FAIL ? RS_BUNDLE_ISSUE_ERROR
                                                      : RS_BUNDLE_ISSUE_WARNING,
                     key, job->slots[i], message);
        }
    }

  g_ptr_array_sort (job->issues, issue_compare);
  return TRUE;
}

GPtrArray *
rs_bundle_request_check (RsBundleRequest *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (self), NULL);

  job = job_new (self, NULL, NULL, NULL);
  if (!job_check (job, cancellable, 0, 1, error))
    return NULL;
  return g_ptr_array_ref (job->issues);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (!job_check (job, cancellable, 0, 1, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_ptr_array_ref (job->issues),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
rs_bundle_request_check_async (RsBundleRequest    *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RS_IS_BUNDLE_REQUEST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rs_bundle_request_check_async);
  g_task_set_task_data (task, job_new (self, NULL, NULL, NULL), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, check_thread);
}

GPtrArray *
rs_bundle_request_check_finish (RsBundleRequest *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Safe writing                                                       */

static void
set_write_error (GError    **error,
                 int         errsv,
                 const char *where)
{
  g_autofree char *display = g_filename_display_name (where);

  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("There is not enough free space in “%s” to write the bundle. Free some "
                     "space or choose another place, then export again."), display);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("You are not allowed to write in “%s”. Choose another folder, for example "
                     "your Documents folder, then export again."), display);
      break;
    case ENOENT:
    case ENOTDIR:
      /* A folder that is there but takes no new files (e.g. /proc) says
       * ENOENT too: do not claim it is missing. */
      if (g_file_test (where, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                       _("New files cannot be created in “%s”: it is a system folder or does not "
                         "allow writing. Choose another folder, for example your Documents "
                         "folder, then export again."), display);
          break;
        }
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("The folder “%s” does not exist (any more). If it was on a removable drive, "
                     "connect it again or choose another place, then export again."), display);
      break;
    default:
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("Writing in “%s” failed: %s. Choose another place and export again."),
                   display, g_strerror (errsv));
      break;
    }
}

/* The test hook: pretend the disk fails once enough was written. */
static gboolean
io_allowed (Job   *job,
            gsize  n_bytes)
{
  if (job->fail_after < 0)
    return TRUE;
  if (job->written + (gint64) n_bytes >= job->fail_after)
    {
      errno = job->fail_errno;
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_fd (Job          *job,
          int           fd,
          const guint8 *data,
          gsize         length)
{
  while (length > 0)
    {
      gsize chunk = MIN (length, (gsize) 1 << 20);
      ssize_t n;

      if (!io_allowed (job, chunk))
        return FALSE;
      n = write (fd, data, chunk);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      job->written += n;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
write_file (Job          *job,
            const char   *dir,
            const char   *name,
            GBytes       *bytes,
            GError      **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  /* Messages name the folder the user chose, not our hidden staging one. */
  g_autofree char *where = g_path_get_dirname (dir);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  int fd, errsv;

  if (!io_allowed (job, 0))
    {
      set_write_error (error, errno, where);
      return FALSE;
    }
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, errno, where);
      return FALSE;
    }
  if (!write_fd (job, fd, data, length) || fsync (fd) != 0)
    {
      errsv = errno;
      close (fd);
      set_write_error (error, errsv, where);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_write_error (error, errno, where);
      return FALSE;
    }
  return TRUE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Move into place without ever replacing an existing file or folder. */
static int
rename_noreplace (const char *from,
                  const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return errno;
  /* File systems without RENAME_NOREPLACE: check, then rename (racy, but
   * the target is chosen by the user a moment ago). */
  if (g_file_test (to, G_FILE_TEST_EXISTS) || g_file_test (to, G_FILE_TEST_IS_SYMLINK))
    return EEXIST;
  if (rename (from, to) != 0)
    return errno;
  return 0;
}

static void
set_exists_error (GError    **error,
                  const char *target)
{
  g_autofree char *display = g_filename_display_name (target);

  g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_EXISTS,
               _("“%s” already exists. Choose another name; an existing bundle is never "
                 "overwritten."), display);
}

typedef struct {
  Job  *job;
  int   fd;
  int   errsv;
} ZipSink;

static la_ssize_t
zip_write_cb (struct archive *archive,
              void           *client_data,
              const void     *buffer,
              size_t          length)
{
  ZipSink *sink = client_data;

  if (!write_fd (sink->job, sink->fd, buffer, length))
    {
      sink->errsv = errno;
      archive_set_error (archive, errno, "%s", g_strerror (errno));
      return -1;
    }
  return (la_ssize_t) length;
}

/* Zip the staged files (flat, stored: JPEG does not compress further). */
static gboolean
write_zip (Job         *job,
           const char  *zip_path,
           int          fd,
           const char  *stage,
           GPtrArray   *names,
           GError     **error)
{
  struct archive *archive = archive_write_new ();
  ZipSink sink = { job, fd, 0 };
  gboolean ok = FALSE;
  g_autofree char *parent = g_path_get_dirname (zip_path);

  archive_write_set_format_zip (archive);
  archive_write_set_options (archive, "zip:compression=store");
  archive_write_set_bytes_per_block (archive, 0);
  if (archive_write_open (archive, &sink, NULL, zip_write_cb, NULL) != ARCHIVE_OK)
    goto out;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (stage, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      struct archive_entry *entry;
      g_autoptr(GError) read_error = NULL;

      if (!g_file_get_contents (path, &contents, &length, &read_error))
        {
          sink.errsv = EIO;
          goto out;
        }
      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0600);
      archive_entry_set_size (entry, (la_int64_t) length);
      archive_entry_set_mtime (entry, g_date_time_to_unix (job->now), 0);
      /* libarchive writes uid/gid 0 (root) unless told: the user's own. */
      archive_entry_set_uid (entry, getuid ());
      archive_entry_set_gid (entry, getgid ());
      if (archive_write_header (archive, entry) != ARCHIVE_OK ||
          archive_write_data (archive, contents, length) != (la_ssize_t) length)
        {
          archive_entry_free (entry);
          goto out;
        }
      archive_entry_free (entry);
    }
  if (archive_write_close (archive) != ARCHIVE_OK)
    goto out;
  if (fsync (fd) != 0)
    {
      sink.errsv = errno;
      goto out;
    }
  ok = TRUE;

out:
  if (!ok)
    {
      if (sink.errsv != 0)
        set_write_error (error, sink.errsv, parent);
      else
        g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                     _("The zip file could not be written (%s). Choose another place and "
                       "export again."), archive_error_string (archive));
    }
  archive_write_free (archive);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Export                                                             */

typedef struct {
  char             *file_name;
  const char       *slot;
  guint             order;
  GBytes           *bytes;
  char             *sha256;
  RsJpegEncodeInfo  info;
  GdkPixbuf        *thumbnail;
  RsPhotoReport    *report;   /* checks of the exported file */
} ExportedPhoto;

static void
exported_photo_free (gpointer data)
{
  ExportedPhoto *photo = data;

  g_free (photo->file_name);
  g_clear_pointer (&photo->bytes, g_bytes_unref);
  g_free (photo->sha256);
  g_clear_object (&photo->thumbnail);
  g_clear_object (&photo->report);
  g_free (photo);
}

static char *
mask_value (const char *value)
{
  glong n = g_utf8_strlen (value, -1);
  GString *out = g_string_new (NULL);
  const char *p = value;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      if (i < n - 4 || n <= 4)
        g_string_append_c (out, '*');
      else
        g_string_append_unichar (out, g_utf8_get_char (p));
    }
  return g_string_free (out, FALSE);
}

static char *
display_value (const char *field,
               const char *value)
{
  if (g_strcmp0 (field, RS_FIELD_SEX) == 0)
    {
      if (g_strcmp0 (value, "male") == 0)
        return g_strdup (_("Male"));
      if (g_strcmp0 (value, "female") == 0)
        return g_strdup (_("Female"));
    }
  if (g_strcmp0 (value, RS_VALID_LONG_TERM) == 0)
    return g_strdup (_("Long-term"));
  return g_strdup (value);
}

static void
add_finding_json (JsonBuilder          *builder,
                  const RsPhotoFinding *finding)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, finding->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, rs_check_status_to_string (finding->status));
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, finding->value);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_double_value (builder, finding->threshold);
  json_builder_end_object (builder);
}

static void
add_file_json (JsonBuilder *builder,
               const char  *name,
               const char  *role,
               GBytes      *bytes)
{
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, sha);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) g_bytes_get_size (bytes));
}

static GBytes *
build_manifest (Job       *job,
                GPtrArray *photos,
                GBytes    *pdf,
                GBytes    *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) utc = g_date_time_to_utc (job->now);
  g_autofree char *created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GHashTable) normalized = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            NULL, g_free);
  g_autoptr(JsonNode) details = NULL;
  const char * const *fields = rs_details_check_list_fields (job->details);
  char *data;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "resubmit-bundle");
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, RS_BUNDLE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "app");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Resubmit");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "profile");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, rs_profile_get_id (job->profile));
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, rs_profile_get_version (job->profile));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, job->lang);
  json_builder_set_member_name (builder, "document_type");
  json_builder_add_string_value (builder, job->document_type);

  /* The details as entered, normalised: the same record as drafts use. */
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      RsValidation *validation = rs_details_check_get_field (job->details, fields[i]);
      const char *typed = g_hash_table_lookup (job->fields, fields[i]);

      if (typed == NULL || *typed == '\0' || validation == NULL)
        continue;
      g_hash_table_insert (normalized, (gpointer) fields[i],
                           g_strdup (rs_validation_get_normalized (validation)));
    }
  details = rs_details_to_json (job->document_type, normalized);
  json_builder_set_member_name (builder, "details");
  json_builder_add_value (builder, g_steal_pointer (&details));

  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < photos->len; i++)
    {
      ExportedPhoto *photo = g_ptr_array_index (photos, i);

      json_builder_begin_object (builder);
      add_file_json (builder, photo->file_name, "photo", photo->bytes);
      json_builder_set_member_name (builder, "slot");
      json_builder_add_string_value (builder, photo->slot);
      json_builder_set_member_name (builder, "order");
      json_builder_add_int_value (builder, photo->order);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, "jpeg");
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, photo->info.width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, photo->info.height);
      json_builder_set_member_name (builder, "jpeg_quality");
      json_builder_add_int_value (builder, photo->info.quality);
      json_builder_set_member_name (builder, "scale");
      json_builder_add_double_value (builder, photo->info.scale);
      json_builder_set_member_name (builder, "checks");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder,
                                     rs_check_status_to_string (rs_photo_report_get_verdict (photo->report)));
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint j = 0; j < rs_photo_report_get_n_findings (photo->report); j++)
        add_finding_json (builder, rs_photo_report_get_finding (photo->report, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_begin_object (builder);
  add_file_json (builder, "checklist.pdf", "checklist", pdf);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  add_file_json (builder, "checklist.txt", "checklist", text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  /* The warnings this export had and the user accepted, with their text in
   * the language of the export; then every key the session holds. */
  json_builder_set_member_name (builder, "acknowledged_warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < job->issues->len; i++)
    {
      RsBundleIssue *issue = g_ptr_array_index (job->issues, i);

      if (issue->severity != RS_BUNDLE_ISSUE_WARNING)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, issue->key);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, issue->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "acknowledgments");
  json_builder_begin_array (builder);
  for (guint i = 0; job->all_acks != NULL && job->all_acks[i] != NULL; i++)
    json_builder_add_string_value (builder, job->all_acks[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pdf_id_number_masked");
  json_builder_add_boolean_value (builder, job->mask);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  /* End with a newline like any text file. */
  data = g_realloc (data, length + 2);
  data[length] = '\n';
  data[length + 1] = '\0';
  return g_bytes_new_take (data, length + 1);
}

static RsChecklist *
build_checklist (Job       *job,
                 GPtrArray *photos)
{
  RsChecklist *checklist = rs_checklist_new ();
  g_autoptr(GPtrArray) infos = rs_details_required_fields (job->document_type);
  const char *id_number = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GString) support = g_string_new (NULL);
  g_autoptr(GString) passed = g_string_new (NULL);
  RsValidation *validation;

  checklist->title = g_strdup (_("Resubmission checklist"));
  checklist->profile_name = g_strdup (rs_profile_get_name_for_lang (job->profile, job->lang));
  checklist->document_name = g_strdup (rs_document_type_get_name (job->document_type));
  checklist->created = g_date_time_format (job->now, "%Y-%m-%d %H:%M");
  checklist->created_iso = g_date_time_format (job->now, "%Y-%m-%dT%H:%M:%S%:z");
  checklist->masked = job->mask;

  validation = rs_details_check_get_field (job->details, RS_FIELD_ID_NUMBER);
  if (validation != NULL)
    id_number = rs_validation_get_normalized (validation);

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      RsFieldInfo *info = g_ptr_array_index (infos, i);
      const char *typed = g_hash_table_lookup (job->fields, info->id);
      g_autofree char *value = NULL;
      g_autofree char *pdf_value = NULL;
      RsChecklistField *field;

      /* The form asks once; the second entry was only our typing check. */
      if (g_str_equal (info->id, RS_FIELD_ID_NUMBER_CONFIRM) || typed == NULL || *typed == '\0')
        continue;
      validation = rs_details_check_get_field (job->details, info->id);
      value = display_value (info->id, validation ? rs_validation_get_normalized (validation)
                                                  : typed);
      if (job->mask && id_number != NULL && *id_number != '\0' && strstr (value, id_number) != NULL)
        {
          g_autofree char *masked = mask_value (id_number);
          g_auto(GStrv) parts = g_strsplit (value, id_number, -1);
          pdf_value = g_strjoinv (masked, parts);
        }
      field = rs_checklist_add_field (checklist, info->label, value, pdf_value);
      field->mono = info->kind == RS_FIELD_KIND_MRZ;
    }

  for (guint i = 0; i < photos->len; i++)
    {
      ExportedPhoto *photo = g_ptr_array_index (photos, i);
      RsChecklistPhoto *item = rs_checklist_add_photo (checklist);

      item->order = photo->order;
      item->file_name = g_strdup (photo->file_name);
      item->slot_name = g_strdup (rs_slot_get_name (photo->slot));
      item->width = photo->info.width;
      item->height = photo->info.height;
      item->bytes = (gint64) g_bytes_get_size (photo->bytes);
      item->thumbnail = photo->thumbnail ? g_object_ref (photo->thumbnail) : NULL;
      /* Passed checks on one line, then each warning with its message. */
      for (guint j = 0; j < rs_photo_report_get_n_findings (photo->report); j++)
        {
          const RsPhotoFinding *finding = rs_photo_report_get_finding (photo->report, j);

          if (finding->status == RS_CHECK_PASS)
            g_string_append_printf (passed, "%s%s", passed->len ? C_("list separator", ", ") : "",
                                    check_name (finding->id));
        }
      if (passed->len > 0)
        rs_checklist_photo_add_result (item, "pass", passed->str);
      g_string_truncate (passed, 0);
      for (guint j = 0; j < rs_photo_report_get_n_findings (photo->report); j++)
        {
          const RsPhotoFinding *finding = rs_photo_report_get_finding (photo->report, j);
          g_autofree char *text = NULL;

          if (finding->status == RS_CHECK_PASS)
            continue;
          text = g_strdup_printf ("%s — %s", check_name (finding->id), finding->message);
          rs_checklist_photo_add_result (item, rs_check_status_to_string (finding->status), text);
        }
      g_string_append_printf (order, "%s%s", i ? C_("list separator", ", ") : "", photo->file_name);
    }

  for (guint i = 0; i < job->issues->len; i++)
    {
      RsBundleIssue *issue = g_ptr_array_index (job->issues, i);

      if (issue->severity == RS_BUNDLE_ISSUE_WARNING)
        g_ptr_array_add (checklist->acknowledged, g_strdup (issue->message));
    }

  g_ptr_array_add (checklist->next_steps,
                   g_strdup_printf (_("Upload the photos in this order: %s."), order->str));
  g_ptr_array_add (checklist->next_steps,
                   g_strdup (_("Type the details exactly as listed above, character for character, "
                               "and compare them with your document once more before you submit.")));
  g_ptr_array_add (checklist->next_steps,
                   g_strdup (_("Keep the network stable while uploading: stay on one reliable Wi-Fi or "
                               "wired connection and do not switch apps until the upload has finished.")));
  g_ptr_array_add (checklist->next_steps,
                   g_strdup (_("Submit once. Do not submit again while the review is pending: repeated "
                               "submissions can restart or delay the review.")));
  g_ptr_array_add (checklist->next_steps,
                   g_strdup (_("Wait for the platform’s feedback and read it carefully before changing "
                               "anything.")));
  g_ptr_array_add (checklist->next_steps,
                   g_strdup (_("If you need help, send support the message below. Never send your ID "
                               "number or photos by chat or e-mail.")));

  /* The support draft names the document type, never the number. */
  g_string_append (support, _("Hello,"));
  g_string_append (support, "\n\n");
  g_string_append_printf (support,
                          _("My identity verification was not approved. I have prepared a new "
                            "submission with my %s: the details were checked against the document "
                            "and the photos were checked for sharpness, lighting, glare and framing."),
                          rs_document_type_get_name (job->document_type));
  g_string_append (support, "\n\n");
  if (job->reasons & RS_REASON_UPLOAD)
    {
      g_string_append (support, _("Last time the upload itself seemed to fail."));
      g_string_append (support, " ");
    }
  g_string_append (support,
                   _("Could you please tell me exactly what was not accepted last time, so that I "
                     "can correct it? I will wait for your review and will not submit again while "
                     "it is pending."));
  g_string_append (support, "\n\n");
  g_string_append (support, _("Thank you."));
  checklist->support_message = g_string_free (g_steal_pointer (&support), FALSE);

  return checklist;
}

static GdkPixbuf *
make_thumbnail (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  double scale = MIN (1.0, (double) THUMBNAIL_SIZE / MAX (w, h));

  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (w * scale)), MAX (1, (int) (h * scale)),
                                  GDK_INTERP_BILINEAR);
}

static char *
not_ready_message (GPtrArray *issues)
{
  GString *message = g_string_new (_("The bundle cannot be exported yet:"));

  for (guint i = 0; i < issues->len; i++)
    {
      RsBundleIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity == RS_BUNDLE_ISSUE_ERROR)
        g_string_append_printf (message, "\n• %s", issue->message);
      else if (!issue->acknowledged)
        g_string_append_printf (message, "\n• %s %s",
                                _("Confirm that you checked this warning:"), issue->message);
    }
  return g_string_free (message, FALSE);
}

static gboolean
stage_photo (Job            *job,
             guint           index,
             const char     *stage,
             ExportedPhoto  *photo,
             GCancellable   *cancellable,
             GError        **error)
{
  const char *slot = job->slots[index];
  const char *path = g_hash_table_lookup (job->photos, slot);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GPtrArray) metadata = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *staged = NULL;
  const guint8 *data;
  gsize length;

  photo->slot = slot;
  photo->order = index + 1;
  photo->file_name = rs_bundle_photo_file_name (slot, photo->order);

  pixbuf = rs_image_load (path, 0, NULL, cancellable, &local_error);
  if (pixbuf == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_PHOTO, "%s: %s",
                     rs_slot_get_name (slot), local_error->message);
      return FALSE;
    }

  photo->bytes = rs_jpeg_encode_within (pixbuf, rs_profile_get_max_bytes (job->profile),
                                        rs_profile_get_max_long_side (job->profile),
                                        &photo->info, cancellable, &local_error);
  if (photo->bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_PHOTO, "%s: %s",
                     rs_slot_get_name (slot), local_error->message);
      return FALSE;
    }

  /* Belt and braces: the encoder writes no metadata; make sure. */
  data = g_bytes_get_data (photo->bytes, &length);
  if (!rs_jpeg_scan_metadata (data, length, metadata) || metadata->len > 0)
    {
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_PHOTO,
                   _("%s: the re-encoded photo still carries metadata. Please report this "
                     "problem; nothing was exported."), rs_slot_get_name (slot));
      return FALSE;
    }

  photo->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo->bytes);
  photo->thumbnail = make_thumbnail (pixbuf);
  g_clear_object (&pixbuf);

  if (!write_file (job, stage, photo->file_name, photo->bytes, error))
    return FALSE;

  /* The manifest records the checks of the file that is uploaded, so that
   * verification can run them again and compare. */
  staged = g_build_filename (stage, photo->file_name, NULL);
  photo->report = rs_photo_check_file (staged, job->profile, slot, cancellable, &local_error);
  if (photo->report == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_PHOTO, "%s: %s",
                     rs_slot_get_name (slot), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
job_export (Job          *job,
            GCancellable *cancellable,
            GError      **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *zip_tmp = NULL;
  g_autofree char *stage_note = NULL;
  g_autofree char *zip_note = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (exported_photo_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RsChecklist) checklist = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(GBytes) sums = NULL;
  g_autoptr(GString) sums_text = g_string_new (NULL);
  g_autofree char *text_data = NULL;
  guint n_slots;
  int zip_fd = -1;
  int errsv;

  if (job->target == NULL || *job->target == '\0')
    {
      g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_WRITE,
                   _("No place to save the bundle was chosen. Choose a folder or a .zip file name."));
      return NULL;
    }
  /* Fail early, before minutes of work; the final move checks again. */
  if (g_file_test (job->target, G_FILE_TEST_EXISTS) ||
      g_file_test (job->target, G_FILE_TEST_IS_SYMLINK))
    {
      set_exists_error (error, job->target);
      return NULL;
    }

  job_progress (job, 0.0, _("Checking the details and photos…"));
  if (!job_check (job, cancellable, 0.0, 0.3, error))
    return NULL;
  if (rs_bundle_issues_block_export (job->issues))
    {
      g_autofree char *message = not_ready_message (job->issues);
      g_set_error_literal (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY, message);
      return NULL;
    }

  parent = g_path_get_dirname (job->target);
  base = g_path_get_basename (job->target);
  stage = g_strdup_printf ("%s/.%s.partial-XXXXXX", parent, base);
  if (!io_allowed (job, 0) || g_mkdtemp_full (stage, 0700) == NULL)
    {
      set_write_error (error, errno, parent);
      g_clear_pointer (&stage, g_free);
      return NULL;
    }
  /* If this process dies, the next start removes the staged ID photos. */
  stage_note = rs_cleanup_remember (stage);

  n_slots = g_strv_length (job->slots);
  for (guint i = 0; i < n_slots; i++)
    {
      ExportedPhoto *photo = g_new0 (ExportedPhoto, 1);
      g_autofree char *what = g_strdup_printf (_("Preparing photo %u of %u for upload…"),
                                               i + 1, n_slots);

      g_ptr_array_add (photos, photo);
      job_progress (job, 0.3 + 0.55 * i / n_slots, what);
      if (!stage_photo (job, i, stage, photo, cancellable, error))
        goto fail;
      g_ptr_array_add (names, g_strdup (photo->file_name));
      if (rs_photo_report_get_verdict (photo->report) == RS_CHECK_FAIL)
        {
          g_autoptr(GString) why = g_string_new (NULL);

          for (guint j = 0; j < rs_photo_report_get_n_findings (photo->report); j++)
            {
              const RsPhotoFinding *finding = rs_photo_report_get_finding (photo->report, j);
              if (finding->status == RS_CHECK_FAIL)
                g_string_append_printf (why, "\n• %s", finding->message);
            }
          g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY,
                       _("%s: after resizing it to the platform’s limits the photo no longer "
                         "passes the checks. Take it again closer to the document:%s"),
                       rs_slot_get_name (photo->slot), why->str);
          goto fail;
        }
    }

  job_progress (job, 0.85, _("Writing the checklist…"));
  checklist = build_checklist (job, photos);
  text_data = rs_checklist_to_text (checklist);
  text = g_bytes_new (text_data, strlen (text_data));
  pdf = rs_checklist_to_pdf (checklist, error);
  if (pdf == NULL)
    goto fail;
  if (!write_file (job, stage, "checklist.pdf", pdf, error) ||
      !write_file (job, stage, "checklist.txt", text, error))
    goto fail;
  g_ptr_array_add (names, g_strdup ("checklist.pdf"));
  g_ptr_array_add (names, g_strdup ("checklist.txt"));

  job_progress (job, 0.92, _("Writing the manifest…"));
  manifest = build_manifest (job, photos, pdf, text);
  if (!write_file (job, stage, "manifest.json", manifest, error))
    goto fail;
  g_ptr_array_add (names, g_strdup ("manifest.json"));

  /* `sha256sum -c manifest.sha256` works on the unpacked bundle. */
  for (guint i = 0; i < photos->len; i++)
    {
      ExportedPhoto *photo = g_ptr_array_index (photos, i);
      g_string_append_printf (sums_text, "%s  %s\n", photo->sha256, photo->file_name);
    }
  {
    g_autofree char *pdf_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
    g_autofree char *text_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, text);
    g_autofree char *manifest_sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, manifest);

    g_string_append_printf (sums_text, "%s  checklist.pdf\n%s  checklist.txt\n%s  manifest.json\n",
                            pdf_sum, text_sum, manifest_sum);
  }
  sums = g_bytes_new (sums_text->str, sums_text->len);
  if (!write_file (job, stage, "manifest.sha256", sums, error))
    goto fail;
  g_ptr_array_add (names, g_strdup ("manifest.sha256"));
  fsync_dir (stage);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  job_progress (job, 0.96, _("Saving the bundle…"));
  if (job->format == RS_BUNDLE_FORMAT_FOLDER)
    {
      if (!io_allowed (job, 0))
        {
          set_write_error (error, errno, parent);
          goto fail;
        }
      errsv = rename_noreplace (stage, job->target);
      if (errsv == EEXIST || errsv == ENOTEMPTY)
        {
          set_exists_error (error, job->target);
          goto fail;
        }
      if (errsv != 0)
        {
          set_write_error (error, errsv, parent);
          goto fail;
        }
      g_clear_pointer (&stage, g_free);
      fsync_dir (parent);
      rs_cleanup_forget (stage_note);
    }
  else
    {
      zip_tmp = g_strdup_printf ("%s/.%s.tmp-XXXXXX", parent, base);
      if (!io_allowed (job, 0))
        {
          set_write_error (error, errno, parent);
          g_clear_pointer (&zip_tmp, g_free);
          goto fail;
        }
      zip_fd = g_mkstemp_full (zip_tmp, O_RDWR | O_CLOEXEC, 0600);
      if (zip_fd < 0)
        {
          set_write_error (error, errno, parent);
          g_clear_pointer (&zip_tmp, g_free);
          goto fail;
        }
      zip_note = rs_cleanup_remember (zip_tmp);
      if (!write_zip (job, job->target, zip_fd, stage, names, error))
        goto fail;
      if (close (zip_fd) != 0)
        {
          zip_fd = -1;
          set_write_error (error, errno, parent);
          goto fail;
        }
      zip_fd = -1;
      /* link() never replaces an existing file. */
      if (link (zip_tmp, job->target) == 0)
        g_unlink (zip_tmp);
      else
        {
          errsv = errno;
          if (errsv == EEXIST)
            {
              set_exists_error (error, job->target);
              goto fail;
            }
          /* File systems without hard links (FAT): a no-replace rename. */
          errsv = rename_noreplace (zip_tmp, job->target);
          if (errsv == EEXIST)
            {
              set_exists_error (error, job->target);
              goto fail;
            }
          if (errsv != 0)
            {
              set_write_error (error, errsv, parent);
              goto fail;
            }
        }
      g_clear_pointer (&zip_tmp, g_free);
      fsync_dir (parent);
      remove_tree (stage);
      g_clear_pointer (&stage, g_free);
      rs_cleanup_forget (zip_note);
      rs_cleanup_forget (stage_note);
    }

  job_progress (job, 1.0, _("Done"));
  return g_strdup (job->target);

fail:
  if (zip_fd >= 0)
    close (zip_fd);
  if (zip_tmp != NULL)
    g_unlink (zip_tmp);
  remove_tree (stage);
  rs_cleanup_forget (zip_note);
  rs_cleanup_forget (stage_note);
  return NULL;
}

char *
rs_bundle_export (RsBundleRequest     *request,
                  GCancellable        *cancellable,
                  RsBundleProgressFunc progress,
                  gpointer             progress_data,
                  GError             **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RS_IS_BUNDLE_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = job_new (request, progress, progress_data, NULL);
  return job_export (job, cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  char *path = job_export (job, cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
rs_bundle_export_async (RsBundleRequest     *request,
                        GCancellable        *cancellable,
                        RsBundleProgressFunc progress,
                        gpointer             progress_data,
                        GDestroyNotify       progress_data_free,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RS_IS_BUNDLE_REQUEST (request));

  job = job_new (request, progress, progress_data, progress_data_free);
  job->context = g_main_context_ref_thread_default ();
  task = g_task_new (request, cancellable, callback, user_data);
  g_task_set_source_tag (task, rs_bundle_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

char *
rs_bundle_export_finish (RsBundleRequest *request,
                         GAsyncResult    *result,
                         GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, request), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
