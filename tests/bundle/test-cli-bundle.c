/* test-cli-bundle.c: resubmit-check export and bundle, run as a user would.
 *
 * Usage: test-cli-bundle PATH-TO-resubmit-check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rs-test-fixtures.h"

static const char *cli;
static char *tmp_root;
static char *front;
static char *back;
static char *selfie;
static char *details;

typedef struct {
  int         status;
  char       *out;
  char       *err;
  JsonParser *parser;
  JsonObject *json;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_object (&run->parser);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  const char *arg;
  va_list args;

  envp = g_environ_setenv (envp, "RESUBMIT_TODAY", "2026-06-01", TRUE);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (run->status) ? WEXITSTATUS (run->status) : -1;
  if (run->out != NULL && *run->out != '\0')
    {
      run->parser = json_parser_new ();
      json_parser_load_from_data (run->parser, run->out, -1, &error);
      g_assert_no_error (error);
      run->json = json_node_get_object (json_parser_get_root (run->parser));
    }
  g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);
  return run;
}

static const char *
error_code (Run *run)
{
  g_assert_nonnull (run->json);
  return json_object_get_string_member (json_object_get_object_member (run->json, "error"), "code");
}

static gboolean
has_issue_prefix (Run        *run,
                  const char *prefix,
                  char      **key)
{
  JsonArray *issues = json_object_get_array_member (run->json, "issues");

  for (guint i = 0; i < json_array_get_length (issues); i++)
    {
      const char *k = json_object_get_string_member (json_array_get_object_element (issues, i), "key");
      if (g_str_has_prefix (k, prefix))
        {
          if (key != NULL)
            *key = g_strdup (k);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_problem (Run        *run,
             const char *file)
{
  JsonArray *problems = json_object_get_array_member (run->json, "problems");

  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);
      if (!json_object_get_null_member (problem, "file") &&
          g_strcmp0 (json_object_get_string_member (problem, "file"), file) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
photo_arg (const char *slot,
           const char *path)
{
  return g_strdup_printf ("%s=%s", slot, path);
}

static void
test_export_and_verify (void)
{
  g_autofree char *out = g_build_filename (tmp_root, "bundle", NULL);
  g_autofree char *a = photo_arg ("id-front", front);
  g_autofree char *b = photo_arg ("id-back", back);
  g_autofree char *c = photo_arg ("selfie", selfie);
  g_autofree char *photo = g_build_filename (out, "1-id-card-front.jpg", NULL);
  g_autofree char *data = NULL;
  gsize length;

  {
    g_autoptr(Run) run = run_cli ("export", "--profile", "generic", "--document", "cn-ric",
                                  "--details", details, "--photo", a, "--photo", b,
                                  "--photo", c, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (json_object_get_boolean_member (run->json, "ok"));
    g_assert_true (json_object_get_boolean_member (run->json, "valid"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (run->json, "files")), ==, 7);
  }
  {
    g_autoptr(Run) run = run_cli ("bundle", out, NULL);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (json_object_get_boolean_member (run->json, "valid"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (run->json, "problems")), ==, 0);
  }

  /* One changed byte. */
  g_assert_true (g_file_get_contents (photo, &data, &length, NULL));
  data[length / 2] ^= 0x10;
  g_assert_true (g_file_set_contents (photo, data, (gssize) length, NULL));
  {
    g_autoptr(Run) run = run_cli ("bundle", out, NULL);
    g_assert_cmpint (run->status, ==, 1);
    g_assert_false (json_object_get_boolean_member (run->json, "valid"));
    g_assert_true (has_problem (run, "1-id-card-front.jpg"));
  }

  /* The target exists now: never overwritten. */
  {
    g_autoptr(Run) run = run_cli ("export", "--details", details, "--photo", a, "--photo", b,
                                  "--photo", c, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 2);
    g_assert_cmpstr (error_code (run), ==, "exists");
  }
}

static void
test_zip_chinese (void)
{
  g_autofree char *out = g_build_filename (tmp_root, "bundle-zh.zip", NULL);
  g_autofree char *a = photo_arg ("id-front", front);
  g_autofree char *b = photo_arg ("id-back", back);
  g_autofree char *c = photo_arg ("selfie", selfie);

  {
    g_autoptr(Run) run = run_cli ("export", "--lang", "zh_CN", "--quiet", "--details", details,
                                  "--photo", a, "--photo", b, "--photo", c, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->err, ==, "");
  }
  {
    g_autoptr(Run) run = run_cli ("bundle", out, NULL);
    g_assert_cmpint (run->status, ==, 0);
  }
}

static void
test_not_ready (void)
{
  g_autofree char *out = g_build_filename (tmp_root, "not-ready", NULL);
  g_autofree char *warn_details = g_build_filename (tmp_root, "details-phone.json", NULL);
  g_autofree char *a = photo_arg ("id-front", front);
  g_autofree char *b = photo_arg ("id-back", back);
  g_autofree char *c = photo_arg ("selfie", selfie);
  g_autofree char *key = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  /* A missing photo. */
  {
    g_autoptr(Run) run = run_cli ("export", "--details", details, "--photo", a, "--photo", c,
                                  "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 1);
    g_assert_cmpstr (error_code (run), ==, "not-ready");
    g_assert_true (has_issue_prefix (run, "photo:id-back:missing", NULL));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  /* A warning: refused until acknowledged with --ack. */
  json_parser_load_from_data (parser, rs_test_cn_ric_details, -1, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                                "fields"),
                                 "phone", "12345");
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, warn_details, &error);
  g_assert_no_error (error);
  {
    g_autoptr(Run) run = run_cli ("export", "--details", warn_details, "--photo", a, "--photo", b,
                                  "--photo", c, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 1);
    g_assert_true (has_issue_prefix (run, "details:phone:", &key));
  }
  {
    g_autoptr(Run) run = run_cli ("export", "--details", warn_details, "--photo", a, "--photo", b,
                                  "--photo", c, "--ack", key, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 0);
  }
}

static void
test_usage (void)
{
  g_autofree char *a = photo_arg ("id-front", front);
  g_autofree char *bad = photo_arg ("passport", front);
  g_autofree char *out = g_build_filename (tmp_root, "usage", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_root, "no-such-bundle", NULL);

  {
    g_autoptr(Run) run = run_cli ("export", "--details", details, "--photo", a, NULL);
    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("export", "--details", details, "--photo", bad, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("export", "--profile", "no-such-profile", "--details", details,
                                  "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("export", "--lang", "fr", "--details", details, "--out", out, NULL);
    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("bundle", NULL);
    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(Run) run = run_cli ("bundle", nowhere, NULL);
    g_assert_cmpint (run->status, ==, 2);
    g_assert_cmpstr (error_code (run), ==, "read");
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  const char *root = g_getenv ("RESUBMIT_SOURCE_ROOT");
  g_autofree char *example = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: test-cli-bundle PATH-TO-resubmit-check\n");
      return 2;
    }
  cli = argv[1];

  tmp_root = g_dir_make_tmp ("resubmit-cli-bundle-XXXXXX", NULL);
  front = g_build_filename (tmp_root, "front.jpg", NULL);
  back = g_build_filename (tmp_root, "back.jpg", NULL);
  selfie = g_build_filename (tmp_root, "selfie.jpg", NULL);
  {
    g_autoptr(GdkPixbuf) f = rs_test_scene_photo (RS_TEST_SCENE_CARD_FRONT, 1600, 1200, 17, 0);
    g_autoptr(GdkPixbuf) b = rs_test_scene_photo (RS_TEST_SCENE_CARD_BACK, 1600, 1200, 18, 0);
    g_autoptr(GdkPixbuf) s = rs_test_scene_photo (RS_TEST_SCENE_SELFIE, 1600, 1200, 19, 0);

    rs_test_save_jpeg (f, front);
    rs_test_save_jpeg (b, back);
    rs_test_save_jpeg (s, selfie);
  }

  /* The validators' example record when it is there, else our own. */
  example = g_build_filename (root ? root : ".", "docs", "examples", "details-cn-ric.json", NULL);
  if (g_file_test (example, G_FILE_TEST_IS_REGULAR))
    details = g_strdup (example);
  else
    {
      details = g_build_filename (tmp_root, "details.json", NULL);
      g_assert_true (g_file_set_contents (details, rs_test_cn_ric_details, -1, NULL));
    }

  g_test_add_func ("/cli/bundle/export-and-verify", test_export_and_verify);
  g_test_add_func ("/cli/bundle/zip-chinese", test_zip_chinese);
  g_test_add_func ("/cli/bundle/not-ready", test_not_ready);
  g_test_add_func ("/cli/bundle/usage", test_usage);
  status = g_test_run ();

  rs_test_remove_tree (tmp_root);
  g_free (tmp_root);
  g_free (front);
  g_free (back);
  g_free (selfie);
  g_free (details);
  return status;
}
