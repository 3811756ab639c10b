/* rs-bundle-manifest.c: the bundle's manifest.json and checklist, built
 * from the job and the staged photos.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "rs-bundle-checklist.h"
#include "rs-bundle-job.h"

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

GBytes *
rs_bundle_build_manifest (Job       *job,
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

RsChecklist *
rs_bundle_build_checklist (Job       *job,
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
                                    rs_bundle_check_name (finding->id));
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
          text = g_strdup_printf ("%s — %s", rs_bundle_check_name (finding->id), finding->message);
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
