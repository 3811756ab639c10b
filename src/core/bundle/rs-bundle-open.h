/* rs-bundle-open.h: open an exported bundle and resume from it.
 *
 * Reads a bundle written by rs_bundle_export() (a folder, a .zip, or the
 * manifest.json inside a bundle folder) back into an RsSession: platform
 * profile, document type, details, acknowledgments and photos.  The bundle
 * is verified too (rs_bundle_verify()); a damaged or edited bundle still
 * opens, and the caller gets the verification to tell the user what is
 * wrong.  See docs/bundle.md, "Opening a bundle in the app".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-bundle.h"

G_BEGIN_DECLS

#define RS_BUNDLE_OPEN_ERROR (rs_bundle_open_error_quark ())

typedef enum {
  RS_BUNDLE_OPEN_ERROR_NOT_BUNDLE,    /* no manifest.json, or not a Resubmit manifest */
  RS_BUNDLE_OPEN_ERROR_READ,          /* the path or a file in it cannot be read */
  RS_BUNDLE_OPEN_ERROR_NEWER_VERSION, /* format_version is newer than RS_BUNDLE_FORMAT_VERSION */
  RS_BUNDLE_OPEN_ERROR_MALFORMED,     /* manifest.json is damaged or incomplete */
  RS_BUNDLE_OPEN_ERROR_WRITE,         /* the zip's photos could not be unpacked to the cache */
} RsBundleOpenError;

GQuark    rs_bundle_open_error_quark (void);

/* TRUE for a folder holding manifest.json, a manifest.json file itself, or a
 * zip file that holds a manifest.json at its top level.  Reads at most the
 * zip's entry headers; says nothing about whether the manifest is valid. */
gboolean  rs_bundle_path_is_bundle   (const char *path);

/* Load the bundle at @path into @into.
 *
 * @profiles: the profiles to match the manifest's profile id against (NULL:
 * rs_profile_load_all (NULL, NULL)).  When the profile is not installed,
 * @into keeps its id (rs_session_set_profile_id()) and has no profile
 * object; the verification then holds a "profile" problem.
 *
 * Photos: for a folder, @into's photo paths point at the bundle's own photo
 * files; for a zip they are unpacked to
 * $XDG_CACHE_HOME/resubmit/opened/<unique>/ (folder 0700, files 0600) and
 * the paths point there.  A photo the manifest lists but the bundle lacks
 * is left out (the verification says it is missing).
 *
 * The bundle does not record why the last attempt was rejected, so
 * @into's reasons are kept; everything else is replaced and the step is 0.
 *
 * @verification (optional) gets the result of rs_bundle_verify(); check
 * rs_bundle_verification_is_valid().
 *
 * On error (RS_BUNDLE_OPEN_ERROR_*) @into is untouched and nothing is left
 * in the cache. */
gboolean  rs_bundle_open             (const char            *path,
                                      RsSession             *into,
                                      GPtrArray             *profiles,
                                      RsBundleVerification **verification,
                                      GError               **error);

/* The same on a worker thread (the verification re-runs the photo checks,
 * which takes a moment).  @into is only written in _finish(). */
void      rs_bundle_open_async       (const char            *path,
                                      GPtrArray             *profiles,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data);
gboolean  rs_bundle_open_finish      (GAsyncResult          *result,
                                      RsSession             *into,
                                      RsBundleVerification **verification,
                                      GError               **error);

G_END_DECLS
