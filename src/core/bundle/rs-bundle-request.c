/* rs-bundle-request.c: what an export is asked to do (RsBundleRequest) and
 * the issues the check phase reports (RsBundleIssue).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rs-bundle-private.h"
#include "rs-bundle-checklist.h"
#include "rs-bundle-job.h"

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

RsBundleIssue *
rs_bundle_issue_new (RsBundleIssueSeverity severity,
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
