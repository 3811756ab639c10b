/* eval-shapes: the localiser and the headline on two document shapes the
 * development photos do not show as such (issue 14): a frame cropped so
 * the document exactly fills it, and a black-and-white photocopy of the
 * document on a sheet of paper, photographed on the frame's own table.
 *
 * Usage: eval-shapes [-v] DIR   (DIR: the midv-dev folder, see
 * /work/shared/eval/README.md).  Exits 0 and says so when DIR is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rs-eval-truth.h"
#include "rs-photo-check-private.h"

/* The sheet and the document on it, in sheet pixels (A4 at 150 dpi, an
 * ID-1 card at the same scale). */
#define SHEET_W 1240
#define SHEET_H 1754
#define CARD_W  506
#define CARD_H  319

static void
sample (const GdkPixbuf *pb,
        double           x,
        double           y,
        double           rgb[3])
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  const guint8 *px = gdk_pixbuf_read_pixels (pb);
  int x0, y0, x1, y1;
  double fx, fy;

  x = CLAMP (x - 0.5, 0, w - 1);
  y = CLAMP (y - 0.5, 0, h - 1);
  x0 = (int) x;
  y0 = (int) y;
  x1 = MIN (x0 + 1, w - 1);
  y1 = MIN (y0 + 1, h - 1);
  fx = x - x0;
  fy = y - y0;
  for (int k = 0; k < 3; k++)
    rgb[k] = (px[y0 * rs + x0 * nc + k] * (1 - fx) + px[y0 * rs + x1 * nc + k] * fx) * (1 - fy) +
             (px[y1 * rs + x0 * nc + k] * (1 - fx) + px[y1 * rs + x1 * nc + k] * fx) * fy;
}

/* Renders @dst's pixels inside @to from @src through the homography that
 * takes @to to @from (src coordinates); @gray: as a copier would. */
static void
paste (GdkPixbuf       *dst,
       const RsPoint    to[4],
       const GdkPixbuf *src,
       const RsPoint    from[4],
       gboolean         gray,
       double           light)
{
  int w = gdk_pixbuf_get_width (dst), h = gdk_pixbuf_get_height (dst);
  int nc = gdk_pixbuf_get_n_channels (dst), rs = gdk_pixbuf_get_rowstride (dst);
  int sw = gdk_pixbuf_get_width (src), sh = gdk_pixbuf_get_height (src);
  guint8 *px = gdk_pixbuf_get_pixels (dst);
  double hm[9];
  int minx = w, miny = h, maxx = 0, maxy = 0;

  if (!rs_quad_homography (to, from, hm))
    return;
  for (int i = 0; i < 4; i++)
    {
      minx = MIN (minx, (int) floor (to[i].x));
      miny = MIN (miny, (int) floor (to[i].y));
      maxx = MAX (maxx, (int) ceil (to[i].x));
      maxy = MAX (maxy, (int) ceil (to[i].y));
    }
  for (int y = MAX (0, miny); y < MIN (h, maxy + 1); y++)
    for (int x = MAX (0, minx); x < MIN (w, maxx + 1); x++)
      {
        double u, v, rgb[3];
        guint8 *o = px + (gsize) y * rs + (gsize) x * nc;

        rs_homography_apply (hm, x + 0.5, y + 0.5, &u, &v);
        if (u < 0 || v < 0 || u >= sw || v >= sh)
          continue;
        sample (src, u, v, rgb);
        if (gray)
          {
            /* toner: a little more contrast than the original */
            double l = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];

            l = CLAMP ((l - 128) * 1.25 + 150, 0, 255);
            rgb[0] = rgb[1] = rgb[2] = l;
          }
        for (int k = 0; k < 3; k++)
          o[k] = (guint8) CLAMP (rgb[k] * light, 0, 255);
      }
}

static void
quad_points (const RsQuad *q,
             RsPoint       p[4])
{
  for (int i = 0; i < 4; i++)
    p[i] = q->p[i];
}

static void
rect_points (double  x,
             double  y,
             double  w,
             double  h,
             RsPoint p[4])
{
  p[0] = (RsPoint) { x, y };
  p[1] = (RsPoint) { x + w, y };
  p[2] = (RsPoint) { x + w, y + h };
  p[3] = (RsPoint) { x, y + h };
}

static gboolean
bad (RsPhotoReport *r,
     const char    *id)
{
  const RsPhotoFinding *f = rs_photo_report_find_finding (r, id);

  return f != NULL && f->status != RS_CHECK_PASS;
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = NULL;
  gboolean verbose = FALSE;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  const char *name;
  guint n = 0;
  guint fill_found = 0, fill_iou = 0, fill_cut = 0, fill_headline_framing = 0;
  guint copy_card = 0, copy_sheet = 0, copy_gray = 0, copy_headline_gray = 0, copy_bright = 0;
  guint plain_gray = 0;
  /* The copy's card edge drawn (as copiers show it) unless told not to. */
  gboolean with_edge = g_getenv ("EVAL_SHAPES_NO_EDGE") == NULL;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "-v"))
      verbose = TRUE;
    else
      dir = argv[i];
  if (dir == NULL)
    {
      fprintf (stderr, "Usage: eval-shapes [-v] DIR\n");
      return 2;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      printf ("eval-shapes: SKIP: evaluation data not found at %s (see /work/shared/eval/README.md)\n", dir);
      return 0;
    }

  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *stem = g_strndup (names->pdata[i], strlen (names->pdata[i]) - 4);
      g_autofree char *jname = g_strconcat (stem, ".json", NULL);
      g_autofree char *jpath = g_build_filename (dir, jname, NULL);
      g_autoptr(GdkPixbuf) orig = rs_image_load (path, RS_IMAGE_WORK_SIZE, NULL, NULL, NULL);
      RsQuad truth;
      gboolean inside = TRUE;
      int ow, oh;

      if (orig == NULL)
        continue;
      ow = gdk_pixbuf_get_width (orig);
      oh = gdk_pixbuf_get_height (orig);
      if (!rs_eval_read_truth (jpath, ow, &truth, NULL))
        continue;
      rs_quad_normalize (&truth);
      for (int k = 0; k < 4; k++)
        inside &= truth.p[k].x >= 0 && truth.p[k].y >= 0 && truth.p[k].x <= ow && truth.p[k].y <= oh;
      if (!inside)
        {
          if (verbose)
            printf ("%-8s document not wholly in the frame: skipped\n", stem);
          continue;
        }
      n++;

      /* 1. Exact fill: the frame cropped to the document's bounding box. */
      {
        int x0 = ow, y0 = oh, x1 = 0, y1 = 0;
        g_autoptr(GdkPixbuf) crop = NULL;
        g_autoptr(RsPhotoReport) r = NULL;
        RsQuad shifted = truth, found;
        double iou = 0;

        for (int k = 0; k < 4; k++)
          {
            x0 = MIN (x0, (int) floor (truth.p[k].x));
            y0 = MIN (y0, (int) floor (truth.p[k].y));
            x1 = MAX (x1, (int) ceil (truth.p[k].x));
            y1 = MAX (y1, (int) ceil (truth.p[k].y));
          }
        x0 = MAX (0, x0);
        y0 = MAX (0, y0);
        x1 = MIN (ow, x1);
        y1 = MIN (oh, y1);
        crop = gdk_pixbuf_new_subpixbuf (orig, x0, y0, x1 - x0, y1 - y0);
        r = rs_photo_check_pixbuf (crop, NULL, NULL, RS_SLOT_ID_FRONT);
        for (int k = 0; k < 4; k++)
          {
            shifted.p[k].x -= x0;
            shifted.p[k].y -= y0;
          }
        if (rs_photo_report_get_document_quad (r, &found))
          {
            fill_found++;
            iou = rs_quad_iou (&found, &shifted);
            if (iou >= 0.9)
              fill_iou++;
          }
        /* Every corner is in the picture: a cut-off is a false one. */
        if (bad (r, RS_CHECK_DOCUMENT_CUTOFF))
          fill_cut++;
        if (g_strcmp0 (rs_photo_report_get_guidance_id (r), RS_CHECK_DOCUMENT_CUTOFF) == 0 ||
            g_strcmp0 (rs_photo_report_get_guidance_id (r), RS_CHECK_DOCUMENT_MARGIN) == 0 ||
            g_strcmp0 (rs_photo_report_get_guidance_id (r), RS_CHECK_DOCUMENT_FOUND) == 0)
          fill_headline_framing++;
        if (verbose)
          {
            double out = 0;

            for (int k = 0; k < 4 && rs_photo_report_get_document_found (r); k++)
              out = MAX (out, MAX (MAX (-found.p[k].x, found.p[k].x - (x1 - x0)),
                                   MAX (-found.p[k].y, found.p[k].y - (y1 - y0))));
            printf ("%-8s fill  %4dx%-4d found %d IoU %.3f cut %d (corner out by %.1f px) headline %s\n",
                    stem, x1 - x0, y1 - y0, rs_photo_report_get_document_found (r), iou,
                    bad (r, RS_CHECK_DOCUMENT_CUTOFF), out,
                    rs_photo_report_get_guidance_id (r) ? rs_photo_report_get_guidance_id (r) : "-");
          }
      }

      /* 2. A black-and-white copy on a sheet, on the frame's own table. */
      {
        g_autoptr(GdkPixbuf) sheet = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, SHEET_W, SHEET_H);
        g_autoptr(GdkPixbuf) frame = gdk_pixbuf_copy (orig);
        g_autoptr(RsPhotoReport) r = NULL;
        RsPoint from[4], to[4], sheet_in_frame[4], card_on_sheet[4];
        RsQuad card_quad, sheet_quad, found;
        double cx = g_rand_double_range (rand, 80, SHEET_W - CARD_W - 80);
        double cy = g_rand_double_range (rand, 120, SHEET_H * 0.55);
        double angle = g_rand_double_range (rand, -6, 6) * G_PI / 180;
        double fill = g_rand_double_range (rand, 0.70, 0.85);
        double sw, sh, mx, my, iou_card = 0, iou_sheet = 0, hm[9];

        gdk_pixbuf_fill (sheet, 0xf6f6f3ff);
        /* the card, copied in gray, with its edge as a copier shows it:
         * a thin gray line (the card's thickness keeps the lid off it) */
        quad_points (&truth, from);
        rect_points (cx, cy, CARD_W, CARD_H, to);
        paste (sheet, to, orig, from, TRUE, 1.0);
        memcpy (card_on_sheet, to, sizeof to);
        if (with_edge)
          {
            int ss = gdk_pixbuf_get_rowstride (sheet);
            guint8 *sp = gdk_pixbuf_get_pixels (sheet);

            for (int y = (int) cy - 1; y <= (int) cy + CARD_H; y++)
              for (int x = (int) cx - 1; x <= (int) cx + CARD_W; x++)
                if (y < (int) cy + 1 || y > (int) cy + CARD_H - 2 || x < (int) cx + 1 || x > (int) cx + CARD_W - 2)
                  memset (sp + (gsize) y * ss + (gsize) x * 3, 125, 3);
          }

        /* the sheet in the frame: upright, rotated a little, filling
         * @fill of the frame's height and centred */
        sh = oh * fill;
        sw = sh * SHEET_W / SHEET_H;
        if (sw > ow * 0.92)
          {
            sw = ow * 0.92;
            sh = sw * SHEET_H / SHEET_W;
          }
        mx = ow / 2.0;
        my = oh / 2.0;
        {
          double c = cos (angle), s = sin (angle);
          double hx[4] = { -sw / 2, sw / 2, sw / 2, -sw / 2 };
          double hy[4] = { -sh / 2, -sh / 2, sh / 2, sh / 2 };

          for (int k = 0; k < 4; k++)
            sheet_in_frame[k] = (RsPoint) { mx + c * hx[k] - s * hy[k], my + s * hx[k] + c * hy[k] };
        }
        rect_points (0, 0, SHEET_W, SHEET_H, from);
        paste (frame, sheet_in_frame, sheet, from, FALSE, 0.92);

        /* where the card is in the frame */
        if (!rs_quad_homography (from, sheet_in_frame, hm))
          continue;
        for (int k = 0; k < 4; k++)
          rs_homography_apply (hm, card_on_sheet[k].x, card_on_sheet[k].y, &card_quad.p[k].x, &card_quad.p[k].y);
        for (int k = 0; k < 4; k++)
          sheet_quad.p[k] = sheet_in_frame[k];

        r = rs_photo_check_pixbuf (frame, NULL, NULL, RS_SLOT_ID_FRONT);
        if (rs_photo_report_get_document_quad (r, &found))
          {
            iou_card = rs_quad_iou (&found, &card_quad);
            iou_sheet = rs_quad_iou (&found, &sheet_quad);
          }
        copy_card += iou_card >= 0.9;
        copy_sheet += iou_sheet >= 0.8;
        copy_gray += bad (r, RS_CHECK_COLOR_GRAYSCALE);
        copy_bright += bad (r, RS_CHECK_EXPOSURE_BRIGHT);
        copy_headline_gray += g_strcmp0 (rs_photo_report_get_guidance_id (r), RS_CHECK_COLOR_GRAYSCALE) == 0;
        if (verbose)
          printf ("%-8s copy  IoU card %.3f sheet %.3f gray %d bright %d headline %s\n", stem, iou_card, iou_sheet,
                  bad (r, RS_CHECK_COLOR_GRAYSCALE), bad (r, RS_CHECK_EXPOSURE_BRIGHT),
                  rs_photo_report_get_guidance_id (r) ? rs_photo_report_get_guidance_id (r) : "-");
        if (g_getenv ("EVAL_SHAPES_DUMP") != NULL)
          {
            g_autofree char *out = g_strdup_printf ("%s/copy-%s.jpg", g_getenv ("EVAL_SHAPES_DUMP"), stem);

            gdk_pixbuf_save (frame, out, "jpeg", NULL, "quality", "90", NULL);
          }
      }

      /* The untouched frame: grayscale is a false alarm there. */
      {
        g_autoptr(RsPhotoReport) r = rs_photo_check_pixbuf (orig, NULL, NULL, RS_SLOT_ID_FRONT);

        plain_gray += bad (r, RS_CHECK_COLOR_GRAYSCALE);
      }
    }

  printf ("eval-shapes: %u frames with the document wholly in view\n", n);
  printf ("exact fill (cropped to the document's box): found %u/%u, outline IoU >= 0.9 %u/%u, "
          "false cut-off %u/%u, framing headline %u/%u\n",
          fill_found, n, fill_iou, n, fill_cut, n, fill_headline_framing, n);
  printf ("photocopy on a sheet (%s): outline on the card (IoU >= 0.9) %u/%u, on the sheet (IoU >= 0.8) %u/%u; "
          "color.grayscale flagged %u/%u, headline %u/%u; exposure.bright flagged %u/%u\n",
          with_edge ? "card edge drawn" : "no card edge", copy_card, n, copy_sheet, n, copy_gray, n,
          copy_headline_gray, n, copy_bright, n);
  printf ("untouched frames: color.grayscale flagged %u/%u (false alarms)\n", plain_gray, n);
  return 0;
}
