/* rs-bundle.h: export an upload-ready bundle and verify one later.
 *
 * One code path for the GUI (async) and the CLI/tests (sync).  A bundle is a
 * folder or a .zip holding the normalised photos, manifest.json,
 * manifest.sha256, checklist.pdf and checklist.txt; see docs/bundle.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rs-photo-check.h"
#include "rs-profile.h"
#include "rs-session.h"

G_BEGIN_DECLS

#define RS_BUNDLE_FORMAT_VERSION 1

#define RS_BUNDLE_ERROR (rs_bundle_error_quark ())

typedef enum {
  RS_BUNDLE_ERROR_EXISTS,     /* the target already exists: never overwritten */
  RS_BUNDLE_ERROR_NOT_READY,  /* details errors, failing or missing photos, unacknowledged warnings */
  RS_BUNDLE_ERROR_PHOTO,      /* a photo could not be read or re-encoded within the limits */
  RS_BUNDLE_ERROR_WRITE,      /* disk full, permission denied, target folder vanished… */
  RS_BUNDLE_ERROR_READ,       /* verify: the path cannot be read or is not a folder/zip */
} RsBundleError;

GQuark rs_bundle_error_quark (void);

typedef enum {
  RS_BUNDLE_FORMAT_FOLDER,
  RS_BUNDLE_FORMAT_ZIP,
} RsBundleFormat;

typedef enum {
  RS_BUNDLE_ISSUE_ERROR,
  RS_BUNDLE_ISSUE_WARNING,
} RsBundleIssueSeverity;

/* One reason the bundle cannot be exported yet, or a warning that needs an
 * acknowledgment.  @key is the acknowledgment key for warnings
 * ("details:<field>:<id>", "photo:<slot>:<check-id>", "photo:<slot>:duplicate"),
 * and a stable id for errors too. */
typedef struct {
  RsBundleIssueSeverity severity;
  char    *key;
  char    *subject;       /* field id, slot id or NULL */
  char    *message;       /* translated, says what to do */
  gboolean acknowledged;  /* warnings only */
} RsBundleIssue;

void rs_bundle_issue_free (RsBundleIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsBundleIssue, rs_bundle_issue_free)

/* Whether @finding of @report is a warning the export itself removes, so
 * nobody needs to acknowledge it: the export re-encodes to JPEG within
 * @profile's file size and long side (file size, file format, too many
 * pixels — not too few). */
gboolean rs_bundle_finding_fixed_by_export (RsPhotoReport        *report,
                                            const RsPhotoFinding *finding,
                                            RsProfile            *profile);

/* Progress: @fraction in 0..1, @what is a translated short description.
 * Async exports call it in the thread-default main context of the caller. */
typedef void (*RsBundleProgressFunc) (double      fraction,
                                      const char *what,
                                      gpointer    user_data);

#define RS_TYPE_BUNDLE_REQUEST (rs_bundle_request_get_type ())
G_DECLARE_FINAL_TYPE (RsBundleRequest, rs_bundle_request, RS, BUNDLE_REQUEST, GObject)

/* The request reads profile, document type, details, photos and
 * acknowledgments from @session at export time.  @target: a folder path, or
 * a path ending in ".zip" for a zip (see set_format). */
RsBundleRequest *rs_bundle_request_new           (RsSession       *session,
                                                  const char      *target);
RsSession       *rs_bundle_request_get_session   (RsBundleRequest *self);
const char      *rs_bundle_request_get_target    (RsBundleRequest *self);
void             rs_bundle_request_set_target    (RsBundleRequest *self,
                                                  const char      *target);
RsBundleFormat   rs_bundle_request_get_format    (RsBundleRequest *self);
void             rs_bundle_request_set_format    (RsBundleRequest *self,
                                                  RsBundleFormat   format);
/* Mask the ID number in checklist.pdf except its last 4 characters
 * (default TRUE); manifest.json and checklist.txt keep it whole. */
gboolean         rs_bundle_request_get_mask_id_number (RsBundleRequest *self);
void             rs_bundle_request_set_mask_id_number (RsBundleRequest *self,
                                                       gboolean         mask);
/* "zh_CN" or "en" for names taken from the profile; NULL: UI language.
 * Translated text follows the process's gettext language. */
const char      *rs_bundle_request_get_lang      (RsBundleRequest *self);
void             rs_bundle_request_set_lang      (RsBundleRequest *self,
                                                  const char      *lang);
/* "Now" for validation and the manifest's created time; NULL: real time. */
void             rs_bundle_request_set_now       (RsBundleRequest *self,
                                                  GDateTime       *now);

/* Everything that stops the export or needs an acknowledgment: details
 * errors and warnings, missing slots, photo failures and warnings, the same
 * photo used twice.  Runs the photo checks (slow: call from a thread or use
 * the async variant).  Returns a GPtrArray of RsBundleIssue (errors first),
 * or NULL with @error when cancelled. */
GPtrArray       *rs_bundle_request_check         (RsBundleRequest *self,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
void             rs_bundle_request_check_async   (RsBundleRequest    *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
GPtrArray       *rs_bundle_request_check_finish  (RsBundleRequest *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);
/* TRUE when @issues hold an error or a warning not acknowledged yet. */
gboolean         rs_bundle_issues_block_export   (GPtrArray       *issues);

/* Export.  Returns the path of the written bundle (free with g_free), or
 * NULL with an RS_BUNDLE_ERROR (or G_IO_ERROR_CANCELLED) and nothing left
 * behind.  NOT_READY messages list every reason, one per line. */
char            *rs_bundle_export                (RsBundleRequest     *request,
                                                  GCancellable        *cancellable,
                                                  RsBundleProgressFunc progress,
                                                  gpointer             progress_data,
                                                  GError             **error);
void             rs_bundle_export_async          (RsBundleRequest     *request,
                                                  GCancellable        *cancellable,
                                                  RsBundleProgressFunc progress,
                                                  gpointer             progress_data,
                                                  GDestroyNotify       progress_data_free,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char            *rs_bundle_export_finish         (RsBundleRequest     *request,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* File name for a photo slot at 1-based upload position @order, e.g.
 * "1-id-card-front.jpg", "3-selfie.jpg", "1-passport.jpg". */
char            *rs_bundle_photo_file_name       (const char *slot,
                                                  guint       order);

/* ---- Verification ---- */

typedef struct {
  char *file;     /* bundle-relative name, or NULL for the bundle as a whole */
  char *id;       /* "missing", "extra", "hash", "size", "metadata", "manifest", "check", … */
  char *message;  /* translated */
} RsBundleProblem;

#define RS_TYPE_BUNDLE_VERIFICATION (rs_bundle_verification_get_type ())
G_DECLARE_FINAL_TYPE (RsBundleVerification, rs_bundle_verification, RS, BUNDLE_VERIFICATION, GObject)

/* @path: a bundle folder or zip.  Returns NULL with RS_BUNDLE_ERROR_READ
 * only when @path cannot be read at all; every defect of a readable bundle
 * is a problem in the result. */
RsBundleVerification *rs_bundle_verify           (const char      *path,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
gboolean         rs_bundle_verification_is_valid     (RsBundleVerification *self);
/* Array of RsBundleProblem (owned by @self). */
GPtrArray       *rs_bundle_verification_get_problems (RsBundleVerification *self);
/* The report of the check of @slot's photo as the bundle holds it (owned by
 * @self), or NULL (no such photo, no profile to check it against, or it
 * could not be checked). */
RsPhotoReport   *rs_bundle_verification_get_report   (RsBundleVerification *self,
                                                      const char           *slot);
/* The bytes of the file @name at the top of the bundle @bundle (a folder or
 * a zip, read within the limits the opener and the verification keep), or
 * NULL with @error: G_IO_ERROR_NOT_FOUND when it has no such file. */
GBytes          *rs_bundle_read_file                 (const char           *bundle,
                                                      const char           *name,
                                                      GError              **error);
/* {"valid":…,"problems":[{"file":…,"id":…,"message":…}],"files":[…]} */
JsonNode        *rs_bundle_verification_to_json      (RsBundleVerification *self);

G_END_DECLS
