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
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

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
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
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
    eval_midv (argv[2]);
  return 0;
}
