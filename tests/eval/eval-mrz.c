/* eval-mrz.c: the reader on real documents.
 *
 * eval-mrz MRZ-DEV-DIR [MIDV-DEV-DIR]
 *
 * MRZ-DEV-DIR: ../shared/eval/mrz-dev (PassportEye's test images, each name
 * starting with the score PassportEye got): per image, whether the reader
 * gave an MRZ with every check digit valid, against PassportEye's score.
 * MIDV-DEV-DIR: ../shared/eval/midv-dev (card fronts on cluttered tables):
 * what is read there, and how long it takes.  Skips (exit 0) when a folder
 * is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "rs-read-private.h" /* the unsure flags */
#include "rs-image.h"
#include "rs-locate.h"
#include "rs-validate.h"
#include "rs-test-doc.h"

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* @ms: the read on the outline, as the checker does it (the fallback on
 * the whole picture is the evaluation's own). */
static RsReadResult *
read_file (const char *path,
           const char *kind,
           double      aspect,
           gboolean   *located,
           double     *ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pb = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, &error);
  RsLocateOptions opts = { 0, aspect };
  RsLocateResult loc = { 0 };
  RsReadResult *r;
  const guint8 *px;
  int w, h, stride, ch;
  gint64 t0;

  if (pb == NULL)
    {
      printf ("  cannot load %s: %s\n", path, error->message);
      return NULL;
    }
  px = gdk_pixbuf_read_pixels (pb);
  w = gdk_pixbuf_get_width (pb);
  h = gdk_pixbuf_get_height (pb);
  stride = gdk_pixbuf_get_rowstride (pb);
  ch = gdk_pixbuf_get_n_channels (pb);
  rs_locate_document (px, w, h, stride, ch, &opts, &loc);
  t0 = g_get_monotonic_time ();
  r = rs_read_document (px, w, h, stride, ch, loc.found ? &loc.quad : NULL, kind, NULL);
  *located = loc.found;
  *ms = (g_get_monotonic_time () - t0) / 1000.0;
  /* unlike the checker: when the outline gave nothing, the whole picture */
  if (!rs_read_result_get_valid (r) && loc.found)
    {
      RsReadResult *whole = rs_read_document (px, w, h, stride, ch, NULL, kind, NULL);

      if (rs_read_result_get_valid (whole) ||
          (rs_read_result_get_source (r) == RS_READ_SOURCE_NONE &&
           rs_read_result_get_source (whole) != RS_READ_SOURCE_NONE))
        {
          rs_read_result_unref (r);
          r = whole;
          *located = FALSE;
        }
      else
        rs_read_result_unref (whole);
    }
  return r;
}

static int
eval_mrz_dev (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int n = 0, ours = 0, peer = 0, both = 0, ours_only = 0, peer_only = 0, names_sure = 0;
  double total_ms = 0;

  if (d == NULL)
    {
      printf ("eval-mrz: %s is absent, skipped\n", dir);
      return 0;
    }
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);

  printf ("%-22s %5s %-6s %-5s %7s  %s\n", "image", "peer", "source", "valid", "ms", "lines / unreadable");
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      int peer_score = atoi (file);
      gboolean card = strstr (file, "_id-") != NULL || strstr (file, "_card-") != NULL;
      gboolean located = FALSE;
      double ms = 0;
      g_autoptr(RsReadResult) r = read_file (path, card ? RS_SLOT_ID_BACK : RS_SLOT_PASSPORT,
                                             card ? 1.586 : 1.42, &located, &ms);
      gboolean valid;
      const char * const *lines;

      if (r == NULL)
        continue;
      n++;
      total_ms += ms;
      valid = rs_read_result_get_valid (r) && rs_read_result_get_source (r) == RS_READ_SOURCE_MRZ;
      lines = rs_read_result_get_lines (r);
      ours += valid;
      names_sure += valid && !r->names_unsure && !r->nationality_unsure;
      peer += peer_score == 100;
      both += valid && peer_score == 100;
      ours_only += valid && peer_score != 100;
      peer_only += !valid && peer_score == 100;
      printf ("%-22s %5d %-6s %-5s %7.1f  %s%s%s%s%s\n", file, peer_score,
              rs_read_result_get_source (r) == RS_READ_SOURCE_MRZ ? "mrz"
              : rs_read_result_get_source (r) == RS_READ_SOURCE_NUMBER ? "number" : "-",
              valid ? "yes" : "no", ms,
              lines && lines[0] ? lines[0] : "", lines && lines[1] ? " " : "",
              lines && lines[1] ? lines[1] : "",
              rs_read_result_get_bad_parts (r) ? " / " : "",
              rs_read_result_get_bad_parts (r) ? rs_read_result_get_bad_parts (r) : "");
    }
  printf ("\nmrz-dev: %d images; every check digit valid: reader %d, PassportEye (score 100) %d; "
          "both %d, reader only %d, PassportEye only %d; of the reader's, names and nationality "
          "clear enough for details.match: %d; mean read time %.1f ms\n",
          n, ours, peer, both, ours_only, peer_only, names_sure, n ? total_ms / n : 0);
  return 0;
}

static int
eval_midv (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int n = 0, read_any = 0, valid = 0;
  double total_ms = 0, max_ms = 0;

  if (d == NULL)
    {
      printf ("eval-mrz: %s is absent, skipped\n", dir);
      return 0;
    }
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, (const char *) g_ptr_array_index (names, i), NULL);
      gboolean located;
      double ms = 0;
      g_autoptr(RsReadResult) r = read_file (path, RS_SLOT_ID_FRONT, 1.586, &located, &ms);

      if (r == NULL)
        continue;
      n++;
      total_ms += ms;
      max_ms = MAX (max_ms, ms);
      if (rs_read_result_get_source (r) != RS_READ_SOURCE_NONE)
        {
          g_autoptr(JsonNode) json = rs_read_result_to_json (r);
          g_autofree char *text = json_to_string (json, FALSE);

          read_any++;
          valid += rs_read_result_get_valid (r);
          printf ("  %s: %s\n", (const char *) g_ptr_array_index (names, i), text);
        }
    }
  printf ("midv-dev: %d card fronts (none carries an MRZ or a supported number): something read on %d, "
          "valid on %d; read time mean %.1f ms, max %.1f ms\n",
          n, read_any, valid, n ? total_ms / n : 0, max_ms);
  return 0;
}

/* A made-up TD3 MRZ with valid check digits. */
static void
make_mrz (GRand *rand,
          char   l1[45],
          char   l2[45])
{
  static const char *surnames[] = { "ERIKSSON", "MUELLER", "ZHANG", "OCONNOR", "VAN<DER<BERG", "GARCIA<LOPEZ" };
  static const char *given[] = { "ANNA<MARIA", "JOSE", "SAN", "LI<NA", "PIETER", "MARIE<CLAIRE" };
  char num[10], birth[7], expiry[7], composite[64];
  int c;

  for (int i = 0; i < 9; i++)
    num[i] = i < 2 ? (char) ('A' + g_rand_int_range (rand, 0, 26)) : (char) ('0' + g_rand_int_range (rand, 0, 10));
  num[9] = 0;
  g_snprintf (birth, sizeof birth, "%02d%02d%02d", g_rand_int_range (rand, 50, 100),
              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  g_snprintf (expiry, sizeof expiry, "%02d%02d%02d", g_rand_int_range (rand, 27, 36),
              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  g_snprintf (l1, 45, "P<UTO%s<<%s", surnames[g_rand_int_range (rand, 0, 6)], given[g_rand_int_range (rand, 0, 6)]);
  for (size_t i = strlen (l1); i < 44; i++)
    l1[i] = '<';
  l1[44] = 0;
  g_snprintf (l2, 45, "%s%dUTO%s%d%c%s%d%s<", num, rs_mrz_check_digit (num, -1), birth,
              rs_mrz_check_digit (birth, -1), g_rand_boolean (rand) ? 'F' : 'M', expiry,
              rs_mrz_check_digit (expiry, -1), "<<<<<<<<<<<<<<");
  g_snprintf (composite, sizeof composite, "%.10s%.7s%.22s", l2, l2 + 13, l2 + 21);
  c = rs_mrz_check_digit (composite, -1);
  l2[43] = (char) ('0' + c);
  l2[44] = 0;
}

/* Rendered passport pages put into the real frames of midv-dev, over the
 * card each frame shows (its ground-truth quad): real phone photos of
 * cluttered tables, at an angle, with their light and blur, but with an MRZ. */
#define LIGHT_BLOCK 24

static int
eval_midv_passports (const char *dir,
                     gboolean    true_shape)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  const char *name;
  int n = 0, exact = 0, valid_wrong = 0, nothing = 0;
  double total_ms = 0;
  g_autofree guint8 *blocks = NULL;
  int light_bw = 0, light_bh = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *json_path = g_strndup (path, strlen (path) - 4);
      g_autofree char *json_file = g_strconcat (json_path, ".json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GdkPixbuf) frame = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, NULL);
      g_autoptr(GdkPixbuf) page = NULL;
      g_autoptr(RsReadResult) r = NULL;
      char l1[45], l2[45];
      const char *lines[] = { l1, l2, NULL };
      JsonArray *quad;
      RsPoint corners[4], rect[4];
      RsLocateOptions opts = { 0, 1.42 };
      RsLocateResult loc = { 0 };
      double h[9], scale;
      int fw, fh, fs, pw, ph, ps;
      guint8 *fp;
      const guint8 *pp;
      gint64 t0;

      if (frame == NULL || !json_parser_load_from_file (parser, json_file, NULL))
        continue;
      quad = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "quad");
      scale = (double) gdk_pixbuf_get_width (frame) /
              json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "width");
      for (int k = 0; k < 4; k++)
        {
          JsonArray *pt = json_array_get_array_element (quad, k);
          corners[k].x = json_array_get_double_element (pt, 0) * scale;
          corners[k].y = json_array_get_double_element (pt, 1) * scale;
        }
      /* A passport page is 1.42 : 1, a card 1.586 : 1.  Stretched over the
       * whole card the page has the card's shape, which a passport never
       * has; with @true_shape it has its own shape, as wide as the card and
       * taller, centred on it, under the same perspective: it covers the
       * card, as a passport laid where the card was would. */
      if (true_shape)
        {
          const double over = (1.586 / 1.42 - 1) / 2;
          RsPoint unit[4] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };
          RsPoint sub[4] = { { 0, -over }, { 1, -over }, { 1, 1 + over }, { 0, 1 + over } };
          double to_frame[9];

          if (!rs_quad_homography (unit, corners, to_frame))
            continue;
          for (int k = 0; k < 4; k++)
            rs_homography_apply (to_frame, sub[k].x, sub[k].y, &corners[k].x, &corners[k].y);
        }
      make_mrz (rand, l1, l2);
      page = rs_test_doc_render (RS_TEST_DOC_PASSPORT, lines, 10);
      pw = gdk_pixbuf_get_width (page);
      ph = gdk_pixbuf_get_height (page);
      ps = gdk_pixbuf_get_rowstride (page);
      pp = gdk_pixbuf_read_pixels (page);
      rect[0] = (RsPoint) { 0, 0 };
      rect[1] = (RsPoint) { pw, 0 };
      rect[2] = (RsPoint) { pw, ph };
      rect[3] = (RsPoint) { 0, ph };
      if (!rs_quad_homography (corners, rect, h))
        continue;
      fw = gdk_pixbuf_get_width (frame);
      fh = gdk_pixbuf_get_height (frame);
      fs = gdk_pixbuf_get_rowstride (frame);
      fp = gdk_pixbuf_get_pixels (frame);
      /* With @true_shape the light is the card's paper, not its print: the
       * brightest pixel of each block, interpolated (a passport photographed
       * in that light shows no other document's print through it). */
      if (true_shape)
        {
          int c = gdk_pixbuf_get_n_channels (frame);
          int bw = (fw + LIGHT_BLOCK - 1) / LIGHT_BLOCK, bh = (fh + LIGHT_BLOCK - 1) / LIGHT_BLOCK;

          g_free (blocks);
          blocks = g_new0 (guint8, (gsize) bw * bh);
          for (int y = 0; y < fh; y++)
            for (int x = 0; x < fw; x++)
              {
                const guint8 *o = fp + (gsize) y * fs + (gsize) x * c;
                guint8 *b = blocks + (gsize) (y / LIGHT_BLOCK) * bw + x / LIGHT_BLOCK;

                *b = MAX (*b, MAX (o[0], MAX (o[1], o[2])));
              }
          light_bw = bw;
          light_bh = bh;
        }
      /* the page takes the card's place; the card's own light (its
       * brightness relative to paper) is kept by multiplying */
      for (int y = 0; y < fh; y++)
        for (int x = 0; x < fw; x++)
          {
            double u, v;
            int c = gdk_pixbuf_get_n_channels (frame);
            guint8 *o = fp + (gsize) y * fs + (gsize) x * c;

            rs_homography_apply (h, x + 0.5, y + 0.5, &u, &v);
            if (u < 0 || v < 0 || u >= pw || v >= ph)
              continue;
            {
              const guint8 *s = pp + (gsize) (int) v * ps + (gsize) (int) u * 3;
              double light = MAX (o[0], MAX (o[1], o[2])) / 255.0;

              if (true_shape)
                {
                  double bx = CLAMP ((x + 0.5) / LIGHT_BLOCK - 0.5, 0, light_bw - 1);
                  double by = CLAMP ((y + 0.5) / LIGHT_BLOCK - 0.5, 0, light_bh - 1);
                  int x0 = (int) bx, y0 = (int) by;
                  int x1 = MIN (x0 + 1, light_bw - 1), y1 = MIN (y0 + 1, light_bh - 1);
                  double fx = bx - x0, fy = by - y0;

                  light = ((blocks[y0 * light_bw + x0] * (1 - fx) + blocks[y0 * light_bw + x1] * fx) * (1 - fy) +
                           (blocks[y1 * light_bw + x0] * (1 - fx) + blocks[y1 * light_bw + x1] * fx) * fy) / 255.0;
                }

              light = CLAMP (0.35 + light, 0.5, 1.0);
              for (int k = 0; k < 3; k++)
                o[k] = (guint8) CLAMP (s[k] * light, 0, 255);
            }
          }
      if (g_getenv ("EVAL_MRZ_DUMP") != NULL)
        {
          g_autofree char *out = g_strdup_printf ("%s/%s-%s", g_getenv ("EVAL_MRZ_DUMP"),
                                                  true_shape ? "page" : "card", file);

          gdk_pixbuf_save (frame, out, "jpeg", NULL, "quality", "90", NULL);
        }
      rs_locate_document (fp, fw, fh, fs, gdk_pixbuf_get_n_channels (frame), &opts, &loc);
      t0 = g_get_monotonic_time ();
      r = rs_read_document (fp, fw, fh, fs, gdk_pixbuf_get_n_channels (frame),
                            loc.found ? &loc.quad : NULL, RS_SLOT_PASSPORT, NULL);
      total_ms += (g_get_monotonic_time () - t0) / 1000.0;
      n++;
      if (rs_read_result_get_source (r) != RS_READ_SOURCE_MRZ)
        nothing++;
      else if (g_str_equal (rs_read_result_get_lines (r)[0], l1) && g_str_equal (rs_read_result_get_lines (r)[1], l2))
        exact++;
      else if (rs_read_result_get_valid (r))
        valid_wrong++;
      if (g_getenv ("EVAL_MRZ_VERBOSE") || (rs_read_result_get_valid (r) &&
          !(g_str_equal (rs_read_result_get_lines (r)[0], l1) && g_str_equal (rs_read_result_get_lines (r)[1], l2))))
        {
          RsQuad truth;

          for (int k = 0; k < 4; k++)
            truth.p[k] = corners[k];
          printf ("  %s: %s %s (outline %s, IoU with the page %.2f, band %s)\n", file,
                  rs_read_result_get_source (r) == RS_READ_SOURCE_MRZ ? rs_read_result_get_lines (r)[1] : "-", l2,
                  loc.found ? "found" : "not found", loc.found ? rs_quad_iou (&loc.quad, &truth) : 0.0,
                  rs_read_result_get_band_seen (r) ? "seen" : "not seen");
        }
    }
  printf ("midv-dev with rendered passport pages in place of the cards (%s): %d frames; exact MRZ %d, "
          "valid but wrong %d, nothing read %d; read time mean %.1f ms\n",
          true_shape ? "the page's own shape, 1.42" : "stretched to the card's shape, 1.586",
          n, exact, valid_wrong, nothing, n ? total_ms / n : 0);
  return 0;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: eval-mrz MRZ-DEV-DIR [MIDV-DEV-DIR]\n");
      return 2;
    }
  if (rs_read_font_path () == NULL)
    {
      printf ("eval-mrz: the OCR-B face (fonts-ocr-b) is not installed, skipped\n");
      return 0;
    }
  eval_mrz_dev (argv[1]);
  if (argc > 2)
    {
      eval_midv (argv[2]);
      eval_midv_passports (argv[2], FALSE);
      eval_midv_passports (argv[2], TRUE);
    }
  return 0;
}
