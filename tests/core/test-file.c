/* test-file.c: the bounded reader and the JSON pre-scan every parser uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "rs-file.h"
#include "rs-json.h"

static char *tmp_root;

static char *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (tmp_root, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
test_read_ok (void)
{
  g_autofree char *path = write_file ("ok.json", "{\"a\": 1}", -1);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (rs_file_read (path, 100, RS_FILE_READ_DEFAULT, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 8);
  g_assert_cmpstr (contents, ==, "{\"a\": 1}");
}

static void
test_read_cap (void)
{
  g_autofree char *exact = write_file ("exact", "0123456789", 10);
  g_autofree char *path = g_build_filename (tmp_root, "sparse", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  /* Exactly the cap is fine; one byte more is not. */
  g_assert_true (rs_file_read (exact, 10, RS_FILE_READ_DEFAULT, &contents, NULL, &error));
  g_clear_pointer (&contents, g_free);
  g_assert_false (rs_file_read (exact, 9, RS_FILE_READ_DEFAULT, &contents, NULL, &error));
  g_assert_error (error, RS_FILE_ERROR, RS_FILE_ERROR_TOO_LARGE);
  g_assert_null (contents);
  g_clear_error (&error);

  /* A 1 GiB sparse file is refused from its size, without reading it. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1 << 30), ==, 0);
  close (fd);
  g_assert_false (rs_file_read (path, RS_FILE_MAX_MANIFEST, RS_FILE_READ_DEFAULT,
                                &contents, NULL, &error));
  g_assert_error (error, RS_FILE_ERROR, RS_FILE_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_unlink (path);
}

static void
test_read_refuses (void)
{
  g_autofree char *target = write_file ("target", "secret", -1);
  g_autofree char *link = g_build_filename (tmp_root, "link", NULL);
  g_autofree char *fifo = g_build_filename (tmp_root, "fifo", NULL);
  g_autofree char *missing = g_build_filename (tmp_root, "missing", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_false (rs_file_read (link, 100, RS_FILE_READ_DEFAULT, &contents, NULL, &error));
  g_assert_error (error, RS_FILE_ERROR, RS_FILE_ERROR_SYMLINK);
  g_clear_error (&error);
  /* A path the user typed may be a link. */
  g_assert_true (rs_file_read (link, 100, RS_FILE_READ_FOLLOW_LINKS, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "secret");
  g_clear_pointer (&contents, g_free);

  g_assert_false (rs_file_read (tmp_root, 100, RS_FILE_READ_DEFAULT, &contents, NULL, &error));
  g_assert_error (error, RS_FILE_ERROR, RS_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  /* A FIFO must not block the reader. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (rs_file_read (fifo, 100, RS_FILE_READ_DEFAULT, &contents, NULL, &error));
  g_assert_error (error, RS_FILE_ERROR, RS_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);

  g_assert_false (rs_file_read (missing, 100, RS_FILE_READ_DEFAULT, &contents, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, i % 2 ? "{\"a\":" : "[");
  g_string_append (s, "1");
  for (guint i = depth; i-- > 0;)
    g_string_append_c (s, i % 2 ? '}' : ']');
  return g_string_free (s, FALSE);
}

static void
test_json_depth (void)
{
  g_autofree char *ok = nested (RS_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (RS_JSON_MAX_DEPTH + 1);
  g_autofree char *huge = nested (80000);
  g_autofree char *in_string = g_strdup_printf ("{\"a\": \"%s\"}", huge);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rs_json_load (parser, ok, strlen (ok), &error));
  g_assert_no_error (error);
  g_assert_false (rs_json_load (parser, deep, strlen (deep), &error));
  g_assert_error (error, RS_JSON_ERROR, RS_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);
  /* 80,000 levels overflow json-glib's stack: refused before it sees them. */
  g_assert_false (rs_json_load (parser, huge, strlen (huge), &error));
  g_assert_error (error, RS_JSON_ERROR, RS_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);
  /* Brackets inside a string are text, not nesting. */
  g_assert_true (rs_json_check (in_string, strlen (in_string), &error));
  g_assert_no_error (error);
}

static void
test_json_nul (void)
{
  static const char escaped[] = "{\"name\": \"王\\u0000丽\"}";
  static const char raw[] = "{\"name\": \"王\0丽\"}";
  static const char backslash[] = "{\"name\": \"a\\\\u0000\"}";  /* a, \, u0000: text */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rs_json_load (parser, escaped, strlen (escaped), &error));
  g_assert_error (error, RS_JSON_ERROR, RS_JSON_ERROR_NUL);
  g_clear_error (&error);
  g_assert_false (rs_json_load (parser, raw, sizeof raw - 1, &error));
  g_assert_error (error, RS_JSON_ERROR, RS_JSON_ERROR_NUL);
  g_clear_error (&error);
  g_assert_true (rs_json_load (parser, backslash, strlen (backslash), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "name"), ==, "a\\u0000");
}

static void
test_json_empty (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rs_json_load (parser, NULL, 0, &error));
  g_assert_error (error, RS_JSON_ERROR, RS_JSON_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (rs_json_load (parser, " \n\t", 3, &error));
  g_assert_error (error, RS_JSON_ERROR, RS_JSON_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (rs_json_load (parser, "{", 1, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_root = g_dir_make_tmp ("resubmit-file-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);

  g_test_add_func ("/file/read/ok", test_read_ok);
  g_test_add_func ("/file/read/cap", test_read_cap);
  g_test_add_func ("/file/read/refuses", test_read_refuses);
  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add_func ("/json/nul", test_json_nul);
  g_test_add_func ("/json/empty", test_json_empty);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_root, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_root, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_root);
    g_free (tmp_root);
  }
  return status;
}
