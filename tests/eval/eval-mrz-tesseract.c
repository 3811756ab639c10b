/* eval-mrz-tesseract.c: the issue's option 1, measured — Tesseract (Debian's
 * libtesseract 5.3, `eng` model) on the MRZ band, raw and with field-aware
 * correction (per field only the characters it allows, look-alikes mapped;
 * then one look-alike swap per field where that makes its check digit agree).
 *
 * eval-mrz-tesseract MRZ-DEV-DIR
 *
 * Same images and the same band as eval-mrz: the localiser's outline,
 * flattened, bottom 42 % (the whole picture when no outline is found).
 * Skips (exit 0) when the folder is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tesseract/capi.h>

#include "rs-image.h"
#include "rs-locate.h"
#include "rs-validate.h"

/* Grey flattened band of the document (or the whole picture). */
static guint8 *
band_of (GdkPixbuf            *pb,
         const RsLocateResult *loc,
         gboolean              card,
         int                  *bw,
         int                  *bh)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int stride = gdk_pixbuf_get_rowstride (pb), ch = gdk_pixbuf_get_n_channels (pb);
  const guint8 *px = gdk_pixbuf_read_pixels (pb);
  RsQuad q;
  RsPoint rect[4];
  double hm[9], top, left;
  int W, H, y0;
  guint8 *out;

  if (loc->found)
    q = loc->quad;
  else
    {
      q.p[0] = (RsPoint) { 0, 0 };
      q.p[1] = (RsPoint) { w, 0 };
      q.p[2] = (RsPoint) { w, h };
      q.p[3] = (RsPoint) { 0, h };
    }
  top = hypot (q.p[1].x - q.p[0].x, q.p[1].y - q.p[0].y);
  left = hypot (q.p[3].x - q.p[0].x, q.p[3].y - q.p[0].y);
  W = card ? 1100 : 1400;
  H = (int) lround (W * left / top);
  rect[0] = (RsPoint) { 0, 0 };
  rect[1] = (RsPoint) { W, 0 };
  rect[2] = (RsPoint) { W, H };
  rect[3] = (RsPoint) { 0, H };
  g_assert_true (rs_quad_homography (rect, q.p, hm));
  y0 = loc->found ? (int) (H * 0.58) : 0;
  *bw = W;
  *bh = H - y0;
  out = g_malloc ((gsize) W * *bh);
  for (int y = 0; y < *bh; y++)
    for (int x = 0; x < W; x++)
      {
        double u, v;
        int xi, yi;
        const guint8 *p;

        rs_homography_apply (hm, x + 0.5, y + y0 + 0.5, &u, &v);
        xi = CLAMP ((int) u, 0, w - 1);
        yi = CLAMP ((int) v, 0, h - 1);
        p = px + (gsize) yi * stride + (gsize) xi * ch;
        out[(gsize) y * W + x] = ch < 3 ? p[0] : (guint8) (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]);
      }
  return out;
}

/* The MRZ lines among Tesseract's: the last 2 or 3 long ones, padded or
 * cut to the format's width. */
static char **
pick_lines (const char *text)
{
  g_auto(GStrv) raw = g_strsplit (text ? text : "", "\n", -1);
  g_autoptr(GPtrArray) long_lines = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *out = g_ptr_array_new ();
  guint n, width;

  for (guint i = 0; raw[i]; i++)
    {
      GString *s = g_string_new (NULL);

      for (const char *p = raw[i]; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (s, *p);
      if (s->len >= 25)
        g_ptr_array_add (long_lines, g_string_free (s, FALSE));
      else
        g_string_free (s, TRUE);
    }
  n = long_lines->len;
  if (n < 2)
    {
      g_ptr_array_add (out, NULL);
      return (char **) g_ptr_array_free (out, FALSE);
    }
  if (n >= 3 && strlen (g_ptr_array_index (long_lines, n - 1)) <= 33 &&
      strlen (g_ptr_array_index (long_lines, n - 2)) <= 33)
    width = 30;
  else
    width = MAX (strlen (g_ptr_array_index (long_lines, n - 1)),
                 strlen (g_ptr_array_index (long_lines, n - 2))) > 40 ? 44 : 36;
  for (guint i = n - (width == 30 ? 3 : 2); i < n; i++)
    {
      GString *s = g_string_new (g_ptr_array_index (long_lines, i));

      while (s->len < width)
        g_string_append_c (s, '<');
      g_string_truncate (s, width);
      g_ptr_array_add (out, g_string_free (s, FALSE));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
checks_valid (char **lines)
{
  g_autoptr(RsValidation) v = NULL;

  if (lines[0] == NULL)
    return FALSE;
  v = rs_validate_mrz ((const char * const *) lines, NULL);
  return !rs_validation_has_issue (v, "checksum") && !rs_validation_has_issue (v, "format") &&
         !rs_validation_has_issue (v, "length");
}

/* Per position: D digit, A letter or <, X any. */
static const char *
classes (guint width,
         guint line)
{
  static char buf[3][45];

  if (width == 44)
    {
      if (line == 0)
        return memset (buf[0], 'A', 44), buf[0][44] = 0, buf[0];
      return "XXXXXXXXXDAAADDDDDDDADDDDDDDXXXXXXXXXXXXXXXD";
    }
  if (width == 36)
    {
      if (line == 0)
        return memset (buf[1], 'A', 36), buf[1][36] = 0, buf[1];
      return "XXXXXXXXXXAAADDDDDDDADDDDDDDXXXXXXXD";
    }
  if (line == 0)
    return "AAAAAXXXXXXXXXXXXXXXXXXXXXXXXX";
  if (line == 1)
    return "DDDDDDDADDDDDDDAAAXXXXXXXXXXXD";
  return memset (buf[2], 'A', 30), buf[2][30] = 0, buf[2];
}

static const char to_digit[][2] = { { 'O', '0' }, { 'Q', '0' }, { 'D', '0' }, { 'U', '0' },
                                    { 'I', '1' }, { 'L', '1' }, { 'Z', '2' }, { 'S', '5' },
                                    { 'B', '8' }, { 'G', '6' }, { 'T', '7' }, { 'A', '4' } };

static void
map_fields (char **lines)
{
  guint width = (guint) strlen (lines[0]);

  for (guint l = 0; lines[l]; l++)
    {
      const char *cls = classes (width, l);

      for (guint i = 0; i < width; i++)
        for (guint k = 0; k < G_N_ELEMENTS (to_digit); k++)
          {
            if (cls[i] == 'D' && lines[l][i] == to_digit[k][0])
              lines[l][i] = to_digit[k][1];
            else if (cls[i] == 'A' && lines[l][i] == to_digit[k][1] && k != 2 && k != 3)
              lines[l][i] = to_digit[k][0];
          }
    }
}

/* One look-alike swap anywhere that makes every check agree. */
static gboolean
swap_fix (char **lines)
{
  static const char *pairs = "O0Q0D0I1L1Z2S5B8G6T7";
  guint width = (guint) strlen (lines[0]);

  if (checks_valid (lines))
    return TRUE;
  for (guint l = 0; lines[l]; l++)
    for (guint i = 0; i < width; i++)
      for (const char *p = pairs; *p; p += 2)
        {
          char old = lines[l][i], alt;

          if (old == p[0])
            alt = p[1];
          else if (old == p[1])
            alt = p[0];
          else
            continue;
          lines[l][i] = alt;
          if (checks_valid (lines))
            return TRUE;
          lines[l][i] = old;
        }
  return FALSE;
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int argc, char **argv)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  TessBaseAPI *api;
  const char *name;
  int n = 0, raw_ok = 0, fixed_ok = 0, peer = 0;
  double total_ms = 0;

  setlocale (LC_ALL, "");
  if (argc < 2 || (d = g_dir_open (argv[1], 0, NULL)) == NULL)
    {
      printf ("eval-mrz-tesseract: %s is absent, skipped\n", argc > 1 ? argv[1] : "(no folder)");
      return 0;
    }
  api = TessBaseAPICreate ();
  if (TessBaseAPIInit3 (api, NULL, "eng") != 0)
    {
      printf ("eval-mrz-tesseract: no eng model (tesseract-ocr-eng), skipped\n");
      TessBaseAPIDelete (api);
      return 0;
    }
  TessBaseAPISetVariable (api, "tessedit_char_whitelist", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<");
  TessBaseAPISetPageSegMode (api, PSM_SINGLE_BLOCK);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (argv[1], file, NULL);
      g_autoptr(GdkPixbuf) pb = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, NULL);
      gboolean card = strstr (file, "_id-") != NULL || strstr (file, "_card-") != NULL;
      RsLocateOptions opts = { 0, card ? 1.586 : 1.42 };
      RsLocateResult loc = { 0 };
      g_autofree guint8 *band = NULL;
      g_auto(GStrv) lines = NULL;
      char *text;
      int bw, bh;
      gboolean raw, fixed = FALSE;
      gint64 t0;

      if (pb == NULL)
        continue;
      rs_locate_document (gdk_pixbuf_read_pixels (pb), gdk_pixbuf_get_width (pb),
                          gdk_pixbuf_get_height (pb), gdk_pixbuf_get_rowstride (pb),
                          gdk_pixbuf_get_n_channels (pb), &opts, &loc);
      t0 = g_get_monotonic_time ();
      band = band_of (pb, &loc, card, &bw, &bh);
      TessBaseAPISetImage (api, band, bw, bh, 1, bw);
      text = TessBaseAPIGetUTF8Text (api);
      lines = pick_lines (text);
      TessDeleteText (text);
      raw = checks_valid (lines);
      if (!raw && lines[0])
        {
          map_fields (lines);
          fixed = swap_fix (lines);
        }
      total_ms += (g_get_monotonic_time () - t0) / 1000.0;
      n++;
      raw_ok += raw;
      fixed_ok += raw || fixed;
      peer += atoi (file) == 100;
      printf ("%-22s %4d raw %-3s corrected %-3s %s%s%s\n", file, atoi (file), raw ? "yes" : "no",
              raw || fixed ? "yes" : "no", lines[0] ? lines[0] : "-", lines[0] && lines[1] ? " " : "",
              lines[0] && lines[1] ? lines[1] : "");
    }
  printf ("\nmrz-dev with Tesseract %s (eng, whitelist, single block): %d images; every check digit "
          "valid: raw %d, with field-aware correction %d; PassportEye (score 100) %d; mean %.0f ms\n",
          TessVersion (), n, raw_ok, fixed_ok, peer, n ? total_ms / n : 0);
  TessBaseAPIEnd (api);
  TessBaseAPIDelete (api);
  return 0;
}
