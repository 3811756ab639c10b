/* rs-bundle-job.h: what the export's files share: the request's fields, the
 * job (a snapshot of the session and the request, and what the check phase
 * found), its progress and the photos it stages.  Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>

#include "rs-bundle.h"
#include "rs-bundle-jpeg.h"
#include "rs-photo-check.h"
#include "rs-validate.h"

G_BEGIN_DECLS

/* Read by the job when it snapshots the request. */
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

/* Where progress goes; an atomic rc box shared with pending updates. */
typedef struct {
  RsBundleProgressFunc func;
  gpointer             data;
  GDestroyNotify       destroy;
} ProgressTarget;

/* A snapshot of the session and the request, taken in the caller's thread. */
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

/* A photo re-encoded for the bundle, with what the manifest says of it. */
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

/* rs-bundle-request.c */
RsBundleIssue *
rs_bundle_issue_new (RsBundleIssueSeverity severity,
                     const char           *key,
                     const char           *subject,
                     const char           *message);

/* rs-bundle-job.c */
void
rs_bundle_job_free (Job *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, rs_bundle_job_free)

Job *
rs_bundle_job_new (RsBundleRequest     *request,
                   RsBundleProgressFunc progress,
                   gpointer             progress_data,
                   GDestroyNotify       progress_data_free);

void
rs_bundle_job_progress (Job        *job,
                        double      fraction,
                        const char *what);

/* rs-bundle-check.c */
const char *
rs_bundle_check_name (const char *id);

gboolean
rs_bundle_job_check (Job          *job,
                     GCancellable *cancellable,
                     double        progress_from,
                     double        progress_to,
                     GError      **error);

/* rs-bundle-write.c */
void
rs_bundle_set_write_error (GError    **error,
                           int         errsv,
                           const char *where);

/* The test hook: pretend the disk fails once enough was written. */
gboolean
rs_bundle_io_allowed (Job   *job,
                      gsize  n_bytes);

gboolean
rs_bundle_write_file (Job          *job,
                      const char   *dir,
                      const char   *name,
                      GBytes       *bytes,
                      GError      **error);

void
rs_bundle_fsync_dir (const char *dir);

/* Move into place without ever replacing an existing file or folder. */
int
rs_bundle_rename_noreplace (const char *from,
                            const char *to);

void
rs_bundle_set_exists_error (GError    **error,
                            const char *target);

/* Zip the staged files (flat, stored: JPEG does not compress further). */
gboolean
rs_bundle_write_zip (Job         *job,
                     const char  *zip_path,
                     int          fd,
                     const char  *stage,
                     GPtrArray   *names,
                     GError     **error);

/* rs-bundle-manifest.c */
GBytes *
rs_bundle_build_manifest (Job       *job,
                          GPtrArray *photos,
                          GBytes    *pdf,
                          GBytes    *text);

RsChecklist *
rs_bundle_build_checklist (Job       *job,
                           GPtrArray *photos);

G_END_DECLS
