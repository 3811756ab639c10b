/* rs-cli-bundle.c: resubmit-check export and bundle.
 *
 * `export` does what the wizard's Export step does, through the same
 * rs_bundle_export(); `bundle` verifies a bundle folder or zip.  Both print
 * one JSON object on stdout.  RESUBMIT_TODAY=YYYY-MM-DD pins "today".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-cli.h"
#include "rs-file.h"
#include "rs-bundle.h"
#include "rs-validate.h"
#include "rs-photo-check.h"

static void
print_progress (double      fraction,
                const char *what,
                gpointer    user_data)
{
  fprintf (stderr, "[%3d%%] %s\n", (int) (fraction * 100 + 0.5), what);
}

static RsProfile *
find_profile (const char  *id,
              GString     *known)
{
  g_autoptr(GPtrArray) profiles = rs_profile_load_all (NULL, NULL);
  RsProfile *found = NULL;

  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    {
      RsProfile *profile = g_ptr_array_index (profiles, i);

      g_string_append_printf (known, "%s%s", i ? ", " : "", rs_profile_get_id (profile));
      if (found == NULL && g_strcmp0 (rs_profile_get_id (profile), id) == 0)
        found = g_object_ref (profile);
    }
  return found;
}

static JsonNode *
error_json (const GError *error,
            GPtrArray    *issues,
            const char   *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *code = "error";

  if (error->domain == RS_BUNDLE_ERROR)
    switch (error->code)
      {
      case RS_BUNDLE_ERROR_EXISTS: code = "exists"; break;
      case RS_BUNDLE_ERROR_NOT_READY: code = "not-ready"; break;
      case RS_BUNDLE_ERROR_PHOTO: code = "photo"; break;
      case RS_BUNDLE_ERROR_WRITE: code = "write"; break;
      case RS_BUNDLE_ERROR_READ: code = "read"; break;
      default: break;
      }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "issues");
  json_builder_begin_array (builder);
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      RsBundleIssue *issue = g_ptr_array_index (issues, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, issue->severity == RS_BUNDLE_ISSUE_ERROR
                                              ? "error" : "warning");
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, issue->key);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, issue->message);
      json_builder_set_member_name (builder, "acknowledged");
      json_builder_add_boolean_value (builder, issue->acknowledged);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
rs_cli_export_main (int    argc,
                    char **argv)
{
  g_autofree char *profile_id = NULL;
  g_autofree char *document = NULL;
  g_autofree char *details_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *lang = NULL;
  g_auto(GStrv) photos = NULL;
  g_auto(GStrv) acks = NULL;
  gboolean no_mask = FALSE;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = NULL;
  g_autoptr(RsSession) session = NULL;
  g_autoptr(RsBundleRequest) request = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GString) known = g_string_new (NULL);
  g_autofree char *details_type = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) slots = NULL;
  gsize length;
  int status = 2;
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_id,
      N_("Platform profile id (default: generic)"), N_("ID") },
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document,
      N_("Document type (default: the details file’s)"), N_("TYPE") },
    { "details", 0, 0, G_OPTION_ARG_FILENAME, &details_path,
      N_("Details record (JSON)"), N_("FILE") },
    { "photo", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &photos,
      N_("A photo for a slot: id-front, id-back, passport or selfie (repeat)"), N_("SLOT=FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Where to write the bundle: a new folder, or a file ending in .zip"), N_("PATH") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Language of the checklist: zh_CN or en"), N_("LANG") },
    { "ack", 0, 0, G_OPTION_ARG_STRING_ARRAY, &acks,
      N_("Acknowledge a warning by its key, e.g. photo:id-front:glare (repeat)"), N_("KEY") },
    { "no-mask", 0, 0, G_OPTION_ARG_NONE, &no_mask,
      N_("Show the whole ID number in checklist.pdf"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Do not report progress on standard error"), NULL },
    { NULL }
  };

  /* --lang must take effect before the first translated string. */
  if (!rs_cli_apply_lang_option (argc, argv, &status))
    return status;

  context = g_option_context_new (_("— write an upload-ready bundle"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Prints one JSON object. Exit status: 0 written, 1 not ready "
                                      "(details or photos need fixing, or warnings need --ack), "
                                      "2 usage or I/O error (including an existing target)."));
  if (!rs_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return rs_cli_fail (_("Unexpected argument “%s”."), argv[1]);

  if (details_path == NULL)
    return rs_cli_fail ("%s", _("Give the details record with --details FILE.json."));
  if (out == NULL)
    return rs_cli_fail ("%s", _("Give where to write the bundle with --out DIR or --out FILE.zip."));
  if (!rs_cli_get_today (&now, &status))
    return status;

  profile = find_profile (profile_id ? profile_id : "generic", known);
  if (profile == NULL)
    return rs_cli_fail (_("Unknown profile “%s”. Known profiles: %s."),
                        profile_id ? profile_id : "generic", known->str);

  if (!rs_file_read (details_path, RS_FILE_MAX_DETAILS, RS_FILE_READ_FOLLOW_LINKS,
                     &contents, &length, &error))
    return rs_cli_fail ("%s", error->message);
  fields = rs_details_from_data (contents, (gssize) length, &details_type, &error);
  if (fields == NULL)
    {
      g_autofree char *display = g_filename_display_name (details_path);
      return rs_cli_fail ("%s: %s", display, error->message);
    }
  if (document != NULL && details_type != NULL && !g_str_equal (document, details_type))
    return rs_cli_fail (_("The details file is for “%s” but --document says “%s”."),
                        details_type, document);
  if (document == NULL)
    document = g_strdup (details_type);
  if (document == NULL)
    return rs_cli_fail ("%s", _("Give the document type with --document TYPE."));
  if (rs_profile_find_document (profile, document) == NULL)
    return rs_cli_fail (_("The profile “%s” does not accept the document type “%s”."),
                        rs_profile_get_id (profile), document);

  session = rs_session_new ();
  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, document);
  rs_details_apply_to_session (session, document, fields);

  slots = rs_profile_get_slots (profile, document);
  for (guint i = 0; photos != NULL && photos[i] != NULL; i++)
    {
      const char *eq = strchr (photos[i], '=');
      g_autofree char *slot = NULL;

      if (eq == NULL || eq == photos[i] || eq[1] == '\0')
        return rs_cli_fail (_("--photo wants SLOT=FILE, e.g. id-front=front.jpg; got “%s”."),
                            photos[i]);
      slot = g_strndup (photos[i], (gsize) (eq - photos[i]));
      if (slots == NULL || !g_strv_contains ((const char * const *) slots, slot))
        {
          g_autofree char *wanted = slots ? g_strjoinv (", ", slots) : g_strdup ("");
          return rs_cli_fail (_("This document needs the photo slots %s; “%s” is not one of them."),
                              wanted, slot);
        }
      rs_session_set_photo (session, slot, eq + 1);
    }
  for (guint i = 0; acks != NULL && acks[i] != NULL; i++)
    rs_session_set_acknowledged (session, acks[i], TRUE);

  request = rs_bundle_request_new (session, out);
  rs_bundle_request_set_mask_id_number (request, !no_mask);
  rs_bundle_request_set_lang (request, lang);
  rs_bundle_request_set_now (request, now);

  path = rs_bundle_export (request, NULL, quiet ? NULL : print_progress, NULL, &error);
  if (path == NULL)
    {
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(JsonNode) node = NULL;

      /* List every issue (and its key for --ack) when something blocks. */
      if (g_error_matches (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY))
        issues = rs_bundle_request_check (request, NULL, NULL);
      node = error_json (error, issues, out);
      rs_cli_print_json (node);
      if (!quiet)
        fprintf (stderr, "%s\n", error->message);
      return g_error_matches (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_NOT_READY) ? 1 : 2;
    }

  {
    g_autoptr(RsBundleVerification) check = rs_bundle_verify (path, NULL, NULL);
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) verification = check ? rs_bundle_verification_to_json (check) : NULL;
    g_autoptr(JsonNode) node = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "ok");
    json_builder_add_boolean_value (builder, TRUE);
    json_builder_set_member_name (builder, "path");
    json_builder_add_string_value (builder, path);
    if (verification != NULL)
      {
        JsonObject *object = json_node_get_object (verification);

        json_builder_set_member_name (builder, "valid");
        json_builder_add_boolean_value (builder, json_object_get_boolean_member (object, "valid"));
        json_builder_set_member_name (builder, "files");
        json_builder_add_value (builder, json_node_copy (json_object_get_member (object, "files")));
      }
    json_builder_end_object (builder);
    node = json_builder_get_root (builder);
    rs_cli_print_json (node);
  }
  return 0;
}

int
rs_cli_bundle_main (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBundleVerification) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status = 2;

  context = g_option_context_new (_("PATH — verify a bundle folder or zip"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Prints one JSON object. Exit status: 0 valid, 1 anything "
                                      "wrong (a changed byte, a missing or extra file, a changed "
                                      "manifest), 2 usage or read error."));
  if (!rs_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return rs_cli_fail ("%s", _("Give exactly one bundle folder or zip file."));

  result = rs_bundle_verify (argv[1], NULL, &error);
  if (result == NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, "read");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      rs_cli_print_json (node);
      return rs_cli_fail ("%s", error->message);
    }
  node = rs_bundle_verification_to_json (result);
  rs_cli_print_json (node);
  return rs_bundle_verification_is_valid (result) ? 0 : 1;
}
