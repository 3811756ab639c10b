/* test-cli-photo: resubmit-check photo on generated files — exit codes and
 * the JSON contract (docs/cli.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rs-test-card.h"

static const char *cli;
static char *tmpdir;

static int
run (const char * const *args,
     char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "photo");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static JsonObject *
parse_line (const char *line,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
write_card (const char *name,
            void      (*degrade) (GdkPixbuf *pb))
{
  char *p = g_build_filename (tmpdir, name, NULL);
  RsQuad q;
  g_autoptr(GdkPixbuf) pb = NULL;
  g_autoptr(GError) error = NULL;

  rs_test_card_quad (1280, 960, 900, 2, &q);
  pb = rs_test_render_card (1280, 960, &q, 31);
  if (degrade)
    degrade (pb);
  g_assert_true (gdk_pixbuf_save (pb, p, "jpeg", &error, "quality", "92", NULL));
  return p;
}

static void
darken (GdkPixbuf *pb)
{
  rs_test_scale_values (pb, 0.3);
}

static void
test_good (void)
{
  g_autofree char *p = write_card ("good.jpg", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { "--kind", "id-front", p, NULL };
  JsonObject *o, *image, *doc, *timing;
  JsonArray *quad, *findings;

  g_assert_cmpint (run (args, &out), ==, 0);
  g_assert_nonnull (strchr (out, '\n'));
  *strchr (out, '\n') = '\0';
  o = parse_line (out, parser);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "id-front");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), !=, "fail");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "file"), "good.jpg"));
  image = json_object_get_object_member (o, "image");
  g_assert_cmpint (json_object_get_int_member (image, "width"), ==, 1280);
  g_assert_cmpint (json_object_get_int_member (image, "height"), ==, 960);
  g_assert_cmpstr (json_object_get_string_member (image, "format"), ==, "jpeg");
  g_assert_cmpint (json_object_get_int_member (image, "bytes"), >, 1000);
  g_assert_cmpint (json_object_get_int_member (image, "orientation"), ==, 1);
  doc = json_object_get_object_member (o, "document");
  g_assert_true (json_object_get_boolean_member (doc, "found"));
  g_assert_cmpfloat (json_object_get_double_member (doc, "confidence"), >, 0);
  quad = json_object_get_array_member (doc, "quad");
  g_assert_cmpuint (json_array_get_length (quad), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (quad, 0)), ==, 2);
  findings = json_object_get_array_member (o, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >=, 12);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      g_assert_true (json_object_has_member (f, "id"));
      g_assert_true (json_object_has_member (f, "status"));
      g_assert_true (json_object_has_member (f, "value"));
      g_assert_true (json_object_has_member (f, "threshold"));
      g_assert_true (strlen (json_object_get_string_member (f, "message")) > 0);
    }
  g_assert_true (strlen (json_object_get_string_member (o, "guidance")) > 0);
  timing = json_object_get_object_member (o, "timing_ms");
  g_assert_true (json_object_has_member (timing, "decode"));
  g_assert_true (json_object_has_member (timing, "analyse"));
}

static void
test_fail_and_error (void)
{
  g_autofree char *good = write_card ("fine.jpg", NULL);
  g_autofree char *dark = write_card ("dark.jpg", darken);
  g_autofree char *text = g_build_filename (tmpdir, "notes.jpg", NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *err;

  g_assert_true (g_file_set_contents (text, "not a photo\n", -1, NULL));
  {
    const char *args[] = { good, dark, NULL };
    g_assert_cmpint (run (args, &out), ==, 1);
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3); /* two lines and the empty tail */
    o = parse_line (lines[1], parser);
    g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "fail");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&lines, g_strfreev);
  }
  {
    const char *args[] = { good, text, NULL };
    g_assert_cmpint (run (args, &out), ==, 2);
    lines = g_strsplit (out, "\n", -1);
    o = parse_line (lines[1], parser);
    err = json_object_get_object_member (o, "error");
    g_assert_nonnull (err);
    g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "unsupported-format");
    g_assert_true (strlen (json_object_get_string_member (err, "message")) > 10);
    g_clear_pointer (&out, g_free);
  }
}

static void
test_usage (void)
{
  g_autofree char *out = NULL;
  g_autofree char *good = write_card ("u.jpg", NULL);
  {
    const char *args[] = { NULL };
    g_assert_cmpint (run (args, &out), ==, 2);
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "--kind", "licence", good, NULL };
    g_assert_cmpint (run (args, &out), ==, 2);
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "--profile", "no-such-platform", good, NULL };
    g_assert_cmpint (run (args, &out), ==, 2);
    g_clear_pointer (&out, g_free);
  }
  {
    const char *args[] = { "--kind", "selfie", good, NULL };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o;
    g_assert_cmpint (run (args, &out), !=, 2);
    *strchr (out, '\n') = '\0';
    o = parse_line (out, parser);
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "selfie");
  }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-cli-photo PATH-TO-resubmit-check");
  cli = argv[1];
  tmpdir = g_dir_make_tmp ("rs-cli-photo-XXXXXX", NULL);
  g_test_add_func ("/cli/photo/good", test_good);
  g_test_add_func ("/cli/photo/fail-and-error", test_fail_and_error);
  g_test_add_func ("/cli/photo/usage", test_usage);
  ret = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (tmpdir, n, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return ret;
}
