/* rs-bundle.c: export of an upload-ready bundle.
 *
 * The export works on a snapshot of the session taken in the caller's
 * thread, writes everything into a temporary folder next to the target and
 * only then moves it into place without replacing anything.  Any failure
 * removes what was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <fcntl.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "rs-cleanup.h"
#include "rs-bundle-checklist.h"
#include "rs-bundle-job.h"

#define THUMBNAIL_SIZE 480

G_DEFINE_QUARK (rs-bundle-error-quark, rs_bundle_error)

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

  if (!rs_bundle_write_file (job, stage, photo->file_name, photo->bytes, error))
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
      rs_bundle_set_exists_error (error, job->target);
      return NULL;
    }

  rs_bundle_job_progress (job, 0.0, _("Checking the details and photos…"));
  if (!rs_bundle_job_check (job, cancellable, 0.0, 0.3, error))
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
  if (!rs_bundle_io_allowed (job, 0) || g_mkdtemp_full (stage, 0700) == NULL)
    {
      rs_bundle_set_write_error (error, errno, parent);
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
      rs_bundle_job_progress (job, 0.3 + 0.55 * i / n_slots, what);
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

  rs_bundle_job_progress (job, 0.85, _("Writing the checklist…"));
  checklist = rs_bundle_build_checklist (job, photos);
  text_data = rs_checklist_to_text (checklist);
  text = g_bytes_new (text_data, strlen (text_data));
  pdf = rs_checklist_to_pdf (checklist, error);
  if (pdf == NULL)
    goto fail;
  if (!rs_bundle_write_file (job, stage, "checklist.pdf", pdf, error) ||
      !rs_bundle_write_file (job, stage, "checklist.txt", text, error))
    goto fail;
  g_ptr_array_add (names, g_strdup ("checklist.pdf"));
  g_ptr_array_add (names, g_strdup ("checklist.txt"));

  rs_bundle_job_progress (job, 0.92, _("Writing the manifest…"));
  manifest = rs_bundle_build_manifest (job, photos, pdf, text);
  if (!rs_bundle_write_file (job, stage, "manifest.json", manifest, error))
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
  if (!rs_bundle_write_file (job, stage, "manifest.sha256", sums, error))
    goto fail;
  g_ptr_array_add (names, g_strdup ("manifest.sha256"));
  rs_bundle_fsync_dir (stage);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  rs_bundle_job_progress (job, 0.96, _("Saving the bundle…"));
  if (job->format == RS_BUNDLE_FORMAT_FOLDER)
    {
      if (!rs_bundle_io_allowed (job, 0))
        {
          rs_bundle_set_write_error (error, errno, parent);
          goto fail;
        }
      errsv = rs_bundle_rename_noreplace (stage, job->target);
      if (errsv == EEXIST || errsv == ENOTEMPTY)
        {
          rs_bundle_set_exists_error (error, job->target);
          goto fail;
        }
      if (errsv != 0)
        {
          rs_bundle_set_write_error (error, errsv, parent);
          goto fail;
        }
      g_clear_pointer (&stage, g_free);
      rs_bundle_fsync_dir (parent);
      rs_cleanup_forget (stage_note);
    }
  else
    {
      zip_tmp = g_strdup_printf ("%s/.%s.tmp-XXXXXX", parent, base);
      if (!rs_bundle_io_allowed (job, 0))
        {
          rs_bundle_set_write_error (error, errno, parent);
          g_clear_pointer (&zip_tmp, g_free);
          goto fail;
        }
      zip_fd = g_mkstemp_full (zip_tmp, O_RDWR | O_CLOEXEC, 0600);
      if (zip_fd < 0)
        {
          rs_bundle_set_write_error (error, errno, parent);
          g_clear_pointer (&zip_tmp, g_free);
          goto fail;
        }
      zip_note = rs_cleanup_remember (zip_tmp);
      if (!rs_bundle_write_zip (job, job->target, zip_fd, stage, names, error))
        goto fail;
      if (close (zip_fd) != 0)
        {
          zip_fd = -1;
          rs_bundle_set_write_error (error, errno, parent);
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
              rs_bundle_set_exists_error (error, job->target);
              goto fail;
            }
          /* File systems without hard links (FAT): a no-replace rename. */
          errsv = rs_bundle_rename_noreplace (zip_tmp, job->target);
          if (errsv == EEXIST)
            {
              rs_bundle_set_exists_error (error, job->target);
              goto fail;
            }
          if (errsv != 0)
            {
              rs_bundle_set_write_error (error, errsv, parent);
              goto fail;
            }
        }
      g_clear_pointer (&zip_tmp, g_free);
      rs_bundle_fsync_dir (parent);
      rs_remove_tree (stage, NULL, NULL);
      g_clear_pointer (&stage, g_free);
      rs_cleanup_forget (zip_note);
      rs_cleanup_forget (stage_note);
    }

  rs_bundle_job_progress (job, 1.0, _("Done"));
  return g_strdup (job->target);

fail:
  if (zip_fd >= 0)
    close (zip_fd);
  if (zip_tmp != NULL)
    g_unlink (zip_tmp);
  if (stage != NULL)
    rs_remove_tree (stage, NULL, NULL);
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

  job = rs_bundle_job_new (request, progress, progress_data, NULL);
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

  job = rs_bundle_job_new (request, progress, progress_data, progress_data_free);
  job->context = g_main_context_ref_thread_default ();
  task = g_task_new (request, cancellable, callback, user_data);
  g_task_set_source_tag (task, rs_bundle_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) rs_bundle_job_free);
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
