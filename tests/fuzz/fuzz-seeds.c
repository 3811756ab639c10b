/* fuzz-seeds.c: writes a seed corpus for each harness into DIR/NAME/:
 * a real exported bundle (zip, and folder files joined for
 * fuzz-bundle-folder), a saved draft, small JPEG/PNG photos and details
 * records.  build-aux/dev fuzz runs it before fuzzing; nothing is
 * committed but tests/fuzz/regressions/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "rs-bundle.h"
#include "rs-draft.h"
#include "rs-test-fixtures.h"

static void
put (const char *dir,
     const char *harness,
     const char *name,
     const char *data,
     gssize      length)
{
  g_autofree char *sub = g_build_filename (dir, harness, NULL);
  g_autofree char *path = g_build_filename (sub, name, NULL);

  g_mkdir_with_parents (sub, 0700);
  if (!g_file_set_contents (path, data, length, NULL))
    g_error ("cannot write %s", path);
}

static char *
slurp (const char *dir,
       const char *name,
       gsize      *length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *data = NULL;

  if (!g_file_get_contents (path, &data, length, NULL))
    g_error ("cannot read %s", path);
  return data;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = NULL, *front = NULL, *back = NULL, *selfie = NULL;
  g_autofree char *folder = NULL, *zip = NULL, *draft = NULL;
  g_autoptr(RsSession) session = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  const char *out;

  if (argc != 2)
    {
      g_printerr ("usage: fuzz-seeds DIR\n");
      return 2;
    }
  out = argv[1];
  setlocale (LC_ALL, "C.UTF-8");
  tmp = g_dir_make_tmp ("resubmit-seeds-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);

  front = g_build_filename (tmp, "front.jpg", NULL);
  back = g_build_filename (tmp, "back.jpg", NULL);
  selfie = g_build_filename (tmp, "selfie.jpg", NULL);
  rs_test_save_id_photos (front, back, selfie);
  session = rs_test_make_session ("generic", front, back, selfie);
  rs_session_set_acknowledged (session, "confirm:compared-details", TRUE);
  now = g_date_time_new_local (2026, 6, 1, 12, 0, 0);

  /* Bundles: a zip, and a folder's small files for fuzz-bundle-folder. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *target = g_build_filename (tmp, i == 0 ? "bundle" : "bundle.zip", NULL);
      g_autoptr(RsBundleRequest) request = rs_bundle_request_new (session, target);
      g_autofree char *path = NULL;

      rs_bundle_request_set_now (request, now);
      rs_bundle_request_set_lang (request, "en");
      path = rs_bundle_export (request, NULL, NULL, NULL, &error);
      if (path == NULL)
        g_error ("export: %s", error->message);
      if (i == 0)
        folder = g_steal_pointer (&path);
      else
        zip = g_steal_pointer (&path);
    }
  {
    gsize length = 0;
    g_autofree char *data = slurp (tmp, "bundle.zip", &length);

    put (out, "fuzz-bundle-zip", "exported.zip", data, (gssize) length);
  }
  {
    g_autoptr(GString) joined = g_string_new (NULL);
    const char *names[] = { "manifest.json", "manifest.sha256", "checklist.txt" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        gsize length = 0;
        g_autofree char *data = slurp (folder, names[i], &length);

        if (i > 0)
          g_string_append (joined, "\n--8<--\n");
        g_string_append_len (joined, data, (gssize) length);
      }
    put (out, "fuzz-bundle-folder", "exported", joined->str, (gssize) joined->len);
    {
      gsize length = 0;
      g_autofree char *manifest = slurp (folder, "manifest.json", &length);

      /* The manifest is a details-bearing JSON too. */
      put (out, "fuzz-details", "manifest.json", manifest, (gssize) length);
    }
  }

  /* A saved draft. */
  draft = g_build_filename (tmp, "draft.json", NULL);
  if (!rs_draft_save (session, draft, &error))
    g_error ("draft: %s", error->message);
  {
    gsize length = 0;
    g_autofree char *data = slurp (tmp, "draft.json", &length);

    put (out, "fuzz-draft", "draft.json", data, (gssize) length);
  }

  /* Photos: small ones, so the fuzzer works on headers and markers. */
  {
    g_autoptr(GdkPixbuf) full = gdk_pixbuf_new_from_file (front, &error);
    g_autoptr(GdkPixbuf) small = NULL;
    g_autofree char *jpeg = NULL, *png = NULL;
    gsize jpeg_len = 0, png_len = 0;

    if (full == NULL)
      g_error ("%s", error->message);
    small = gdk_pixbuf_scale_simple (full, 64, 48, GDK_INTERP_BILINEAR);
    if (!gdk_pixbuf_save_to_buffer (small, &jpeg, &jpeg_len, "jpeg", &error, "quality", "70", NULL) ||
        !gdk_pixbuf_save_to_buffer (small, &png, &png_len, "png", &error, NULL))
      g_error ("%s", error->message);
    put (out, "fuzz-image", "small.jpg", jpeg, (gssize) jpeg_len);
    put (out, "fuzz-image", "small.png", png, (gssize) png_len);
  }

  /* Details: the fixtures' record; profiles and the examples are copied
   * from the source tree by build-aux/dev fuzz. */
  put (out, "fuzz-details", "cn-ric.json", rs_test_cn_ric_details, -1);
  put (out, "fuzz-details", "hkid.txt", "OV290326[A]", -1);

  rs_test_remove_tree (tmp);
  g_print ("seeds written to %s\n", out);
  return 0;
}
