/* rs-cli-photo.c: resubmit-check photo — check photos of a document.
 *
 * One JSON object per file, one per line.  Exit 0 when every file passes or
 * only warns, 1 when any check fails, 2 on usage or read errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "rs-cli.h"
#include "rs-photo-check.h"
#include "rs-read.h"
#include "rs-validate.h"

/* json-glib writes every double with 17 significant digits (0.0319 becomes
 * 0.031900000000000005); rewrite each number outside strings in its
 * shortest form that reads back as the same double. */
static char *
tidy_numbers (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));
  gboolean in_string = FALSE;
  const char *p = json;

  while (*p)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1])
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (*p == '"')
            in_string = FALSE;
          g_string_append_c (out, *p++);
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *start = p;
          g_autofree char *token = NULL;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          double v;

          while (*p && (g_ascii_isdigit (*p) || strchr ("+-.eE", *p)))
            p++;
          token = g_strndup (start, p - start);
          v = g_ascii_strtod (token, NULL);
          if (strpbrk (token, ".eE") != NULL &&
              g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.15g", v), NULL) == v)
            g_string_append (out, buf);
          else
            g_string_append (out, token);
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static void
print_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *tidy = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  tidy = tidy_numbers (text);
  printf ("%s\n", tidy);
  fflush (stdout);
}

static JsonNode *
error_node (const char   *file,
            const GError *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, error->domain == RS_IMAGE_ERROR
                                      ? rs_image_error_code_to_string (error->code)
                                      : "error");
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Append the details.match finding to the report's JSON object: value
 * lists the fields that differ; a difference fails the photo. */
static gboolean
add_details_match (JsonNode   *node,
                   RsPhotoReport *report,
                   const char *document_type,
                   GHashTable *fields)
{
  JsonObject *obj = json_node_get_object (node);
  JsonArray *findings = json_object_get_array_member (obj, "findings");
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) diff = rs_read_match_report (report, document_type, fields, &message);
  JsonObject *f;
  JsonArray *value;

  if (diff == NULL || findings == NULL)
    return FALSE;
  f = json_object_new ();
  value = json_array_new ();
  for (guint i = 0; i < diff->len; i++)
    json_array_add_string_element (value, g_ptr_array_index (diff, i));
  json_object_set_string_member (f, "id", RS_CHECK_DETAILS_MATCH);
  json_object_set_string_member (f, "status", diff->len ? "fail" : "pass");
  json_object_set_array_member (f, "value", value);
  json_object_set_string_member (f, "message", message ? message
                                 : _("The typed details match what was read on the document."));
  json_array_add_object_element (findings, f);
  if (diff->len)
    {
      json_object_set_string_member (obj, "verdict", "fail");
      json_object_set_string_member (obj, "guidance", message);
    }
  return diff->len > 0;
}

int
rs_cli_photo_main (int    argc,
                   char **argv)
{
  g_autofree char *profile_id = NULL;
  g_autofree char *kind = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsProfile) profile = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *details_path = NULL;
  g_autofree char *details_type = NULL;
  g_autoptr(GHashTable) details = NULL;
  GOptionEntry entries[] = {
    { "details", 0, 0, G_OPTION_ARG_FILENAME, &details_path,
      N_("Compare the typed details in FILE.json (as in docs/examples) with what is read on each photo"),
      N_("FILE") },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_id,
      N_("Platform profile (default: generic)"), N_("ID") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
      N_("What the photo shows: id-front, id-back, passport or selfie (default: id-front)"), N_("KIND") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  int status = 0;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s", _("Check photos of a document."),
                             _("Prints one JSON object per file, one per line. A selfie is checked for "
                               "exposure, sharpness, colour and its face; document photos also for framing, "
                               "skew, glare and what they show (the side, the portrait, the document type, "
                               "one document, nothing covering it).\nExit status: 0 all pass or only warn, "
                               "1 a check failed, 2 usage or read error."));
  g_option_context_set_summary (context, summary);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rs_cli_fail ("%s", error->message);
  if (files == NULL || files[0] == NULL)
    return rs_cli_fail ("%s", _("No photo given. Usage: resubmit-check photo [--profile ID] [--kind KIND] [--details FILE.json] FILE…"));
  if (kind != NULL && g_strcmp0 (kind, RS_SLOT_ID_FRONT) != 0 && g_strcmp0 (kind, RS_SLOT_ID_BACK) != 0 &&
      g_strcmp0 (kind, RS_SLOT_PASSPORT) != 0 && g_strcmp0 (kind, RS_SLOT_SELFIE) != 0)
    return rs_cli_fail (_("Unknown kind “%s”: use id-front, id-back, passport or selfie."), kind);

  if (details_path != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (details_path, &contents, &length, &error))
        return rs_cli_fail ("%s", error->message);
      details = rs_details_from_data (contents, (gssize) length, &details_type, &error);
      if (details == NULL)
        {
          g_autofree char *display = g_filename_display_name (details_path);
          return rs_cli_fail ("%s: %s", display, error->message);
        }
    }

  profile = rs_profile_load_builtin (profile_id ? profile_id : "generic", &error);
  if (profile == NULL)
    return rs_cli_fail ("%s", error->message);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RsPhotoReport) report = NULL;
      g_autofree char *display = g_filename_display_name (files[i]);

      /* the details name the document: the content checks judge against it */
      report = rs_photo_check_file_for_document (files[i], profile, kind ? kind : RS_SLOT_ID_FRONT,
                                                 details_type, NULL, &local_error);
      if (report == NULL)
        {
          g_autoptr(JsonNode) node = error_node (display, local_error);
          print_node (node);
          status = 2;
        }
      else
        {
          g_autoptr(JsonNode) node = rs_photo_report_to_json (report, display);
          gboolean differ = details != NULL && add_details_match (node, report, details_type, details);

          print_node (node);
          if ((differ || rs_photo_report_get_verdict (report) == RS_CHECK_FAIL) && status == 0)
            status = 1;
        }
    }
  return status;
}
