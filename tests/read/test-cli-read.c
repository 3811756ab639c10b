/* test-cli-read.c: the CLI contract of reading (docs/cli.md): the "read"
 * object of `resubmit-check photo`, `--details` and details.match, and
 * `export` refusing while details.match fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "rs-read.h"
#include "rs-test-doc.h"

static const char *cli;
static char *tmp_root;

static const char *td3[] = {
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
  "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
  NULL,
};

typedef struct {
  int        status;
  char      *out;
  JsonNode  *json;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  if (run->json)
    json_node_unref (run->json);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Run *run = g_new0 (Run, 1);
  int wait = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &run->out, NULL, &wait, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait) ? WEXITSTATUS (wait) : -1;
  g_test_message ("exit %d: %s", run->status, run->out);
  /* photo prints one object a line: the first is enough here */
  {
    char *nl = strchr (run->out, '\n');
    g_autofree char *line = nl && nl[1] && nl[1] != '\n' && run->out[0] == '{' && nl[-1] == '}'
                            ? g_strndup (run->out, (gsize) (nl - run->out)) : g_strdup (run->out);
    if (json_parser_load_from_data (parser, line, -1, NULL))
      run->json = json_node_ref (json_parser_get_root (parser));
  }
  return run;
}

static char *
write_photo (RsTestDocKind       kind,
             const char * const *lines,
             const char         *name)
{
  g_autoptr(GdkPixbuf) doc = rs_test_doc_render (kind, lines, kind == RS_TEST_DOC_PASSPORT ? 10 : 12);
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_root, name, NULL);
  RsTestShot shot;

  rs_test_shot_init (&shot);
  shot.doc_width = kind == RS_TEST_DOC_PASSPORT ? 0.8 : 0.7;
  shot.rotate = 3;
  shot.tilt = 0.04;
  shot.blur = 1.2;
  shot.light = 0.2;
  photo = rs_test_doc_photo (doc, &shot, NULL);
  g_assert_true (gdk_pixbuf_save (photo, path, "jpeg", &error, "quality", "85", NULL));
  g_assert_no_error (error);
  return path;
}

static char *
write_details (const char *name,
               const char *json)
{
  char *path = g_build_filename (tmp_root, name, NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static JsonObject *
find_finding (JsonObject *report,
              const char *id)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      if (g_strcmp0 (json_object_get_string_member (f, "id"), id) == 0)
        return f;
    }
  return NULL;
}

#define PASSPORT_DETAILS \
  "{\"document_type\":\"passport\",\"fields\":{\"surname\":\"Eriksson\",\"given_names\":\"Anna Maria\"," \
  "\"id_number\":\"L898902C3\",\"nationality\":\"UTO\",\"birth_date\":\"%s\",\"sex\":\"female\"," \
  "\"expiry_date\":\"2012-04-15\"}}"

static void
test_photo_read (void)
{
  g_autofree char *photo = NULL;
  g_autoptr(Run) run = NULL;
  JsonObject *read, *fields;
  JsonArray *lines;

  if (!rs_test_doc_have_font ())
    {
      g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed");
      return;
    }
  photo = write_photo (RS_TEST_DOC_PASSPORT, td3, "passport.jpg");
  run = run_cli ("photo", "--kind", "passport", photo, NULL);
  g_assert_nonnull (run->json);
  read = json_object_get_object_member (json_node_get_object (run->json), "read");
  g_assert_nonnull (read);
  g_assert_cmpstr (json_object_get_string_member (read, "source"), ==, "mrz");
  lines = json_object_get_array_member (read, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (lines, 0), ==, td3[0]);
  g_assert_cmpstr (json_array_get_string_element (lines, 1), ==, td3[1]);
  g_assert_true (json_object_get_boolean_member (read, "valid"));
  fields = json_object_get_object_member (read, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "document_number"), ==, "L898902C3");
  g_assert_cmpstr (json_object_get_string_member (fields, "nationality"), ==, "UTO");
  g_assert_cmpstr (json_object_get_string_member (fields, "birth_date"), ==, "1974-08-12");
  g_assert_cmpstr (json_object_get_string_member (fields, "sex"), ==, "female");
  g_assert_cmpstr (json_object_get_string_member (fields, "expiry_date"), ==, "2012-04-15");
  g_assert_cmpstr (json_object_get_string_member (fields, "surname"), ==, "ERIKSSON");
  g_assert_cmpstr (json_object_get_string_member (fields, "given_names"), ==, "ANNA MARIA");
  g_assert_cmpstr (json_object_get_string_member (find_finding (json_node_get_object (run->json),
                                                                RS_CHECK_DOCUMENT_READABLE), "status"), ==, "pass");
}

static void
test_photo_number (void)
{
  const char *number[] = { "5215299(8)", NULL };
  g_autofree char *photo = NULL;
  g_autoptr(Run) run = NULL;
  JsonObject *read;

  if (!rs_test_doc_have_font ())
    {
      g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed");
      return;
    }
  photo = write_photo (RS_TEST_DOC_CARD, number, "mo-bir.jpg");
  run = run_cli ("photo", "--kind", "id-front", photo, NULL);
  read = json_object_get_object_member (json_node_get_object (run->json), "read");
  g_assert_nonnull (read);
  g_assert_cmpstr (json_object_get_string_member (read, "source"), ==, "number");
  g_assert_cmpstr (json_object_get_string_member (read, "document_type"), ==, "mo-bir");
  g_assert_cmpstr (json_object_get_string_member (read, "number"), ==, "5215299(8)");
  g_assert_true (json_object_get_boolean_member (read, "valid"));
}

static void
test_details_match (void)
{
  g_autofree char *photo = NULL;
  g_autofree char *good_json = g_strdup_printf (PASSPORT_DETAILS, "1974-08-12");
  g_autofree char *bad_json = g_strdup_printf (PASSPORT_DETAILS, "1974-08-13");
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *out = NULL;
  g_autofree char *photo_arg = NULL;
  g_autoptr(Run) ok = NULL;
  g_autoptr(Run) differ = NULL;
  g_autoptr(Run) export = NULL;
  JsonObject *f;
  JsonArray *value;

  if (!rs_test_doc_have_font ())
    {
      g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed");
      return;
    }
  photo = write_photo (RS_TEST_DOC_PASSPORT, td3, "passport-match.jpg");
  good = write_details ("good.json", good_json);
  bad = write_details ("bad.json", bad_json);

  ok = run_cli ("photo", "--kind", "passport", "--details", good, photo, NULL);
  f = find_finding (json_node_get_object (ok->json), RS_CHECK_DETAILS_MATCH);
  g_assert_nonnull (f);
  g_assert_cmpstr (json_object_get_string_member (f, "status"), ==, "pass");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "value")), ==, 0);

  differ = run_cli ("photo", "--kind", "passport", "--details", bad, photo, NULL);
  g_assert_cmpint (differ->status, ==, 1);
  f = find_finding (json_node_get_object (differ->json), RS_CHECK_DETAILS_MATCH);
  g_assert_nonnull (f);
  g_assert_cmpstr (json_object_get_string_member (f, "status"), ==, "fail");
  value = json_object_get_array_member (f, "value");
  g_assert_cmpuint (json_array_get_length (value), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (value, 0), ==, "birth_date");
  g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "1974-08-13"));
  g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "1974-08-12"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (differ->json), "verdict"), ==, "fail");

  /* export refuses while details.match fails */
  out = g_build_filename (tmp_root, "bundle", NULL);
  photo_arg = g_strdup_printf ("passport=%s", photo);
  export = run_cli ("export", "--profile", "generic", "--details", bad, "--photo", photo_arg,
                    "--out", out, "--quiet", NULL);
  g_assert_cmpint (export->status, ==, 1);
  g_assert_nonnull (strstr (export->out, "not-ready"));
  g_assert_nonnull (strstr (export->out, "1974-08-13"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: test-cli-read PATH-TO-resubmit-check\n");
      return 2;
    }
  cli = argv[1];
  tmp_root = g_dir_make_tmp ("resubmit-cli-read-XXXXXX", NULL);
  g_test_add_func ("/cli/read/photo", test_photo_read);
  g_test_add_func ("/cli/read/number", test_photo_number);
  g_test_add_func ("/cli/read/details-match", test_details_match);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_root);
    (void) system (cmd);
  }
  return status;
}
