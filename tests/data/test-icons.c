/* test-icons.c: the application icons are SVGs that actually render.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

static gboolean
have_svg_loader (void)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l; l = l->next)
    if (g_str_equal (gdk_pixbuf_format_get_name (l->data), "svg"))
      return TRUE;
  return FALSE;
}

/* Renders @path at @size and checks that it is not blank. */
static void
check_icon (const char *path,
            int         size,
            gboolean    symbolic)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *pixels;
  int stride, opaque = 0;

  if (!have_svg_loader ())
    {
      g_test_skip ("no SVG loader for GdkPixbuf (install librsvg2-common)");
      return;
    }

  pixbuf = gdk_pixbuf_new_from_file_at_size (path, size, size, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, size);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, size);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;

        if (p[3] > 128)
          {
            opaque++;
            /* Symbolic icons are recoloured by GTK: they must be grey. */
            if (symbolic)
              g_assert_true (p[0] == p[1] && p[1] == p[2]);
          }
      }

  /* Drawn, but not a filled square either. */
  g_assert_cmpint (opaque, >, size * size / 10);
  g_assert_cmpint (opaque, <, size * size * 9 / 10);
}

/* Both profiles' icons (meson_options.txt), whichever is configured. */
#define BASE_APP_ID "io.github.resubmit.Resubmit"

static char *
icon_path (const char *kind,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "icons", "hicolor",
                                kind, "apps", name, NULL);
}

static void
test_app_icon (void)
{
  g_autofree char *path = icon_path ("scalable", BASE_APP_ID ".svg");

  check_icon (path, 128, FALSE);
  check_icon (path, 32, FALSE);
}

/* The development icon is the app icon with stripes: drawn, and different. */
static void
test_devel_icon (void)
{
  g_autofree char *path = icon_path ("scalable", BASE_APP_ID ".Devel.svg");
  g_autofree char *release = icon_path ("scalable", BASE_APP_ID ".svg");
  g_autoptr(GdkPixbuf) a = NULL;
  g_autoptr(GdkPixbuf) b = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *pa, *pb;
  int differing = 0;

  check_icon (path, 128, FALSE);
  check_icon (path, 32, FALSE);
  if (!have_svg_loader ())
    return;

  a = gdk_pixbuf_new_from_file_at_size (path, 64, 64, &error);
  g_assert_no_error (error);
  b = gdk_pixbuf_new_from_file_at_size (release, 64, 64, &error);
  g_assert_no_error (error);
  pa = gdk_pixbuf_read_pixels (a);
  pb = gdk_pixbuf_read_pixels (b);
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 64; x++)
      {
        const guint8 *p = pa + y * gdk_pixbuf_get_rowstride (a) + x * 4;
        const guint8 *q = pb + y * gdk_pixbuf_get_rowstride (b) + x * 4;

        if (abs (p[0] - q[0]) + abs (p[1] - q[1]) + abs (p[2] - q[2]) > 60)
          differing++;
      }
  /* The stripes: a visible band, not the whole icon. */
  g_assert_cmpint (differing, >, 64 * 64 / 50);
  g_assert_cmpint (differing, <, 64 * 64 / 4);
}

static void
test_symbolic_icon (void)
{
  g_autofree char *path = icon_path ("symbolic", BASE_APP_ID "-symbolic.svg");

  check_icon (path, 16, TRUE);
  check_icon (path, 64, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icons/app", test_app_icon);
  g_test_add_func ("/icons/devel", test_devel_icon);
  g_test_add_func ("/icons/symbolic", test_symbolic_icon);

  return g_test_run ();
}
