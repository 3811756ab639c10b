/* rs-bundle-check.c: the check phase: whether the session can be exported,
 * and the issues that stop it or that the user should see.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "rs-bundle-checklist.h"
#include "rs-ack.h"
#include "rs-photo-set.h"
#include "rs-read.h"
#include "rs-content.h"
#include "rs-bundle-job.h"

const char *
rs_bundle_check_name (const char *id)
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
    { RS_CHECK_DOCUMENT_RECAPTURE, N_("The document itself, not a screen") },
    { RS_CHECK_DUPLICATE, N_("Different from the other photos") },
    { RS_CHECK_DOCUMENT_READABLE, N_("Text on the document readable") },
    { RS_CHECK_DETAILS_MATCH, N_("Details match the document") },
    { RS_CHECK_FACE_COUNT, N_("One face in the selfie") },
    { RS_CHECK_FACE_SIZE, N_("Face large enough") },
    { RS_CHECK_FACE_INSIDE, N_("Whole face in the picture") },
    { RS_CHECK_FACE_QUALITY, N_("Face well lit and sharp") },
    { RS_CHECK_SELFIE_DOCUMENT, N_("Document shown in the selfie") },
    { RS_CHECK_DOCUMENT_PORTRAIT, N_("Photo of the holder on the document") },
    { RS_CHECK_DOCUMENT_SIDE, N_("Right side of the card") },
    { RS_CHECK_DOCUMENT_TYPE, N_("Right type of document") },
    { RS_CHECK_DOCUMENT_COUNT, N_("One document in the photo") },
    { RS_CHECK_DOCUMENT_OCCLUDED, N_("Nothing covering the document") },
    { RS_CHECK_DOCUMENT_SAME, N_("Different sides of the document") },
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
  RsBundleIssue *issue = rs_bundle_issue_new (severity, key, subject, message);

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

gboolean
rs_bundle_job_check (Job          *job,
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

      rs_bundle_job_progress (job, progress_from + (progress_to - progress_from) * i / MAX (n_slots, 1),
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
        job->reports[i] = rs_photo_check_file_for_document (path, job->profile, slot, job->document_type,
                                                            cancellable, &local_error);
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
  /* The same side of the document in two slots from different shots (the
   * same shot is a duplicate above). */
  for (guint i = 0; i < n_slots; i++)
    for (guint j = 0; job->reports[i] != NULL && j < n_slots; j++)
      {
        RsContentReport *a, *b;

        if (j == i || job->reports[j] == NULL)
          continue;
        a = rs_photo_report_get_content (job->reports[i]);
        b = rs_photo_report_get_content (job->reports[j]);
        if (a != NULL && b != NULL &&
            !rs_photo_report_same_photo (job->reports[i], job->reports[j]) &&
            rs_content_same_document (a, b, NULL))
          {
            g_autofree char *key = rs_ack_photo_key (job->slots[i], RS_CHECK_DOCUMENT_SAME);
            g_autofree char *found = rs_photo_same_document_message (job->slots[j]);
            g_autofree char *message = g_strdup_printf ("%s: %s", rs_slot_get_name (job->slots[i]), found);

            add_issue (job, RS_BUNDLE_ISSUE_ERROR, key, job->slots[i], message);
            break;
          }
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

  /* details.match: typed details that differ from what a photo reads block
   * the export (the selfie carries no document text). */
  for (guint i = 0; i < n_slots; i++)
    {
      g_autofree char *found = NULL;
      g_autoptr(GPtrArray) diff = rs_read_match_report (job->reports[i], job->document_type,
                                                        job->fields, &found);

      if (diff != NULL && diff->len > 0)
        {
          g_autofree char *key = rs_ack_photo_key (job->slots[i], RS_CHECK_DETAILS_MATCH);
          g_autofree char *message = g_strdup_printf ("%s: %s", rs_slot_get_name (job->slots[i]), found);

          add_issue (job, RS_BUNDLE_ISSUE_ERROR, key, job->slots[i], message);
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

  job = rs_bundle_job_new (self, NULL, NULL, NULL);
  if (!rs_bundle_job_check (job, cancellable, 0, 1, error))
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

  if (!rs_bundle_job_check (job, cancellable, 0, 1, &error))
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
  g_task_set_task_data (task, rs_bundle_job_new (self, NULL, NULL, NULL), (GDestroyNotify) rs_bundle_job_free);
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
