/* eval-checks: accuracy of the photo checks on real frames and on made-up
 * degradations of them (blur, darkening, glare).
 *
 * Usage: eval-checks [-v] [-d CASES] DIR   (DIR: the midv-dev folder, see
 * /work/shared/eval/README.md).  Exits 0 and says so when DIR is absent.
 * -d blur,motion,jpeg10: only the untouched frames and these cases (short
 * names: blur dark glare motion jpeg10 screen), to iterate faster.
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
#include "rs-test-card.h"
#include "rs-test-screen.h"

typedef enum {
  DEG_NONE,
  DEG_BLUR,
  DEG_DARK,
  DEG_GLARE,
  DEG_MOTION,
  DEG_JPEG,
  DEG_SCREEN,
  N_DEG
} Degradation;

static const char *deg_names[N_DEG] = { "none", "blur σ=3px", "exposure ×0.3", "glare blob ≥3 %",
                                        "motion blur 4-8 px, 0/45/90/135°",
                                        "JPEG quality 10 (should pass: flagged = false alarm)",
                                        "photo of a screen, pitch 3.3-6.2 px, 0-5°, JPEG 85" };
static const char *deg_short[N_DEG] = { "none", "blur", "dark", "glare", "motion", "jpeg10", "screen" };
static const char *deg_check[N_DEG] = { NULL, RS_CHECK_SHARPNESS, RS_CHECK_EXPOSURE_DARK, RS_CHECK_GLARE,
                                        RS_CHECK_SHARPNESS, RS_CHECK_SHARPNESS, RS_CHECK_DOCUMENT_RECAPTURE };

/* A soft white blob inside the true quad: fully white over 4 % of the
 * document, fading out around it. */
static void
add_glare (GdkPixbuf    *pb,
           const RsQuad *q,
           GRand        *rand)
{
  int w = gdk_pixbuf_get_width (pb), h = gdk_pixbuf_get_height (pb);
  int nc = gdk_pixbuf_get_n_channels (pb), rs = gdk_pixbuf_get_rowstride (pb);
  guint8 *px = gdk_pixbuf_get_pixels (pb);
  double s = g_rand_double_range (rand, 0.3, 0.7), t = g_rand_double_range (rand, 0.3, 0.7);
  double cx, cy, core, fade;

  /* bilinear point of the quad */
  cx = (1 - t) * ((1 - s) * q->p[0].x + s * q->p[1].x) + t * ((1 - s) * q->p[3].x + s * q->p[2].x);
  cy = (1 - t) * ((1 - s) * q->p[0].y + s * q->p[1].y) + t * ((1 - s) * q->p[3].y + s * q->p[2].y);
  core = sqrt (0.04 * rs_quad_area (q) / G_PI);
  fade = 0.5 * core;
  for (int y = MAX (0, (int) (cy - core - 3 * fade)); y < MIN (h, (int) (cy + core + 3 * fade)); y++)
    for (int x = MAX (0, (int) (cx - core - 3 * fade)); x < MIN (w, (int) (cx + core + 3 * fade)); x++)
      {
        double d = hypot (x - cx, y - cy), a;

        a = d <= core ? 1.0 : exp (-(d - core) * (d - core) / (2 * fade * fade));
        for (int c = 0; c < 3; c++)
          {
            guint8 *p = px + (gsize) y * rs + x * nc + c;
            *p = (guint8) (*p * (1 - a) + 255 * a + 0.5);
          }
      }
}

static RsCheckStatus
status_of (RsPhotoReport *r,
           const char    *id)
{
  const RsPhotoFinding *f = rs_photo_report_find_finding (r, id);
  return f ? f->status : RS_CHECK_PASS;
}

static int
view_w (GdkPixbuf *pb)
{
  return gdk_pixbuf_get_width (pb);
}

static int
view_h (GdkPixbuf *pb)
{
  return gdk_pixbuf_get_height (pb);
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = NULL;
  gboolean verbose = FALSE;
  const char *only = NULL;   /* -d: only these cases (and the untouched frames) */
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  /* [degradation][0: full checker, 1: true quad, 2: live frame API] */
  guint flagged[N_DEG][3] = { { 0 } }, total[N_DEG][3] = { { 0 } };
  guint false_alarm[N_DEG][3] = { { 0 } };
  guint found[N_DEG] = { 0 };
  /* motion blur by length (4, 6, 8 px) and mode */
  guint motion_flagged[3][3] = { { 0 } }, motion_total[3][3] = { { 0 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *live_times[N_DEG];
  /* per-frame glare values worth a look: alarms on untouched frames, misses */
  g_autoptr(GString) glare_notes = g_string_new (NULL);
  g_autoptr(GPtrArray) untouched = g_ptr_array_new_with_free_func (g_object_unref);
  guint dup_found = 0, dup_total = 0;
  guint jpeg_screen_alarm = 0, jpeg_screen_total = 0;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "-v"))
      verbose = TRUE;
    else if (g_str_equal (argv[i], "-d") && i + 1 < argc)
      only = argv[++i];
    else
      dir = argv[i];
  if (dir == NULL)
    {
      fprintf (stderr, "Usage: eval-checks [-v] [-d blur,dark,glare,motion,jpeg10,screen] DIR\n");
      return 2;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      printf ("eval-checks: SKIP: evaluation data not found at %s (see /work/shared/eval/README.md)\n", dir);
      return 0;
    }

  for (int deg = 0; deg < N_DEG; deg++)
    live_times[deg] = g_array_new (FALSE, FALSE, sizeof (double));
  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);

  if (verbose)
    printf ("%-10s %-16s %5s %7s %6s %6s %7s %6s\n", "frame", "degradation", "found",
            "sharp", "p90", "clip", "glare", "chroma");

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *stem = g_strndup (names->pdata[i], strlen (names->pdata[i]) - 4);
      g_autofree char *jname = g_strconcat (stem, ".json", NULL);
      g_autofree char *jpath = g_build_filename (dir, jname, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) orig = NULL;
      RsImageInfo info = { 0 };
      RsQuad truth;

      if (!rs_eval_read_truth (jpath, 0, &truth, NULL))
        {
          printf ("%s: no ground truth, skipped\n", (char *) names->pdata[i]);
          continue;
        }
      orig = rs_image_load (path, RS_IMAGE_WORK_SIZE, &info, NULL, &error);
      if (orig == NULL)
        {
          printf ("%s: %s\n", (char *) names->pdata[i], error->message);
          continue;
        }
      for (int deg = 0; deg < N_DEG; deg++)
        {
          g_autoptr(GdkPixbuf) pb = gdk_pixbuf_copy (orig);
          g_autoptr(RsPhotoReport) full = NULL;
          g_autoptr(RsPhotoReport) known = NULL;
          g_autoptr(RsPhotoReport) live = NULL;
          RsImageView view;
          RsAnalyseInput in = { 0 };
          RsCheckLimits limits;
          const RsMeasures *m;
          gint64 t0;
          double ms;

          if (only != NULL && deg != DEG_NONE && !strstr (only, deg_short[deg]))
            continue;
          if (deg == DEG_BLUR)
            rs_test_blur (pb, 3.0);
          else if (deg == DEG_DARK)
            rs_test_scale_values (pb, 0.3);
          else if (deg == DEG_GLARE)
            add_glare (pb, &truth, rand);
          else if (deg == DEG_MOTION)
            /* length and angle cycle over the frames, so every pair occurs */
            rs_test_motion_blur (pb, 4 + 2 * (i % 3), 45 * ((i / 3) % 4));
          else if (deg == DEG_JPEG)
            {
              GdkPixbuf *j = rs_test_reencode (pb, "10");
              g_object_unref (pb);
              pb = j;
            }
          else if (deg == DEG_SCREEN)
            {
              static const double pitch[3] = { 3.3, 4.6, 6.2 }, angle[4] = { 0, 2, -3, 5 };
              g_autoptr(GdkPixbuf) s = rs_test_screen_photo (pb, pitch[i % 3], angle[(i / 3) % 4]);
              GdkPixbuf *j = rs_test_reencode (s, "85");

              g_object_unref (pb);
              pb = j;
            }
          if (deg == DEG_JPEG || deg == DEG_BLUR || deg == DEG_MOTION)
            jpeg_screen_total++;

          t0 = g_get_monotonic_time ();
          full = rs_photo_check_pixbuf (pb, &info, NULL, RS_SLOT_ID_FRONT);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (times, ms);

          /* the checks alone, on the true outline */
          view.pixels = gdk_pixbuf_read_pixels (pb);
          view.width = gdk_pixbuf_get_width (pb);
          view.height = gdk_pixbuf_get_height (pb);
          view.stride = gdk_pixbuf_get_rowstride (pb);
          view.channels = gdk_pixbuf_get_n_channels (pb);
          in.kind = RS_SLOT_ID_FRONT;
          in.to_upright = 1;
          in.locate.found = TRUE;
          in.locate.confidence = 1;
          in.locate.quad = truth;
          rs_quad_normalize (&in.locate.quad);
          rs_check_limits_init (&limits, NULL);
          known = rs_photo_report_new (RS_SLOT_ID_FRONT, NULL, &info);
          rs_photo_analyse (&view, &in, &limits, known);
          rs_photo_report_finish (known);
          rs_check_limits_clear (&limits);

          if (rs_photo_report_get_document_found (full))
            found[deg]++;
          t0 = g_get_monotonic_time ();
          live = rs_photo_check_frame (view.pixels, view.width, view.height, view.stride, view.channels,
                                       NULL, RS_SLOT_ID_FRONT, NULL);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (live_times[deg], ms);
          if (deg == DEG_NONE)
            {
              /* the same photo scaled to half and re-encoded at quality 70 */
              g_autoptr(GdkPixbuf) half = gdk_pixbuf_scale_simple (pb, view_w (pb) / 2, view_h (pb) / 2,
                                                                   GDK_INTERP_BILINEAR);
              g_autofree char *buf = NULL;
              gsize len = 0;
              g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
              g_autoptr(RsPhotoReport) copy = NULL;
              RsPhotoReport *pair[2];

              gdk_pixbuf_save_to_buffer (half, &buf, &len, "jpeg", NULL, "quality", "70", NULL);
              gdk_pixbuf_loader_write (loader, (const guchar *) buf, len, NULL);
              gdk_pixbuf_loader_close (loader, NULL);
              copy = rs_photo_check_pixbuf (gdk_pixbuf_loader_get_pixbuf (loader), NULL, NULL, RS_SLOT_ID_BACK);
              pair[0] = full;
              pair[1] = copy;
              dup_total++;
              if (rs_photo_set_check (pair, 2) == 1)
                dup_found++;
              if (verbose)
                {
                  double ic, dc;
                  rs_photo_report_similarity (full, copy, &ic, &dc);
                  printf ("%-10s copy correlation image %.3f document %.3f\n", stem, ic, dc);
                }
              g_ptr_array_add (untouched, g_object_ref (full));
            }

          if (deg == DEG_NONE || deg == DEG_GLARE)
            {
              /* untouched frames with some glare measured, highlighted
               * frames the glare check misses */
              gboolean note = FALSE;

              for (int k = 0; k < 3; k++)
                {
                  RsPhotoReport *r = k == 0 ? full : k == 1 ? known : live;
                  gboolean alarm = status_of (r, RS_CHECK_GLARE) != RS_CHECK_PASS;

                  if (deg == DEG_NONE ? alarm || rs_photo_report_get_measures (r)->glare_fraction > 0 : !alarm)
                    note = TRUE;
                }
              if (note)
                {
                  g_string_append_printf (glare_notes, "%-6s %-9s", stem, deg == DEG_NONE ? "untouched" : "glare");
                  for (int k = 0; k < 3; k++)
                    {
                      RsPhotoReport *r = k == 0 ? full : k == 1 ? known : live;

                      g_string_append_printf (glare_notes, "  %s %s %.4f", k == 0 ? "file" : k == 1 ? "truth" : "live",
                                              rs_check_status_to_string (status_of (r, RS_CHECK_GLARE)),
                                              rs_photo_report_get_measures (r)->glare_fraction);
                    }
                  g_string_append_c (glare_notes, '\n');
                }
            }

          if ((deg == DEG_JPEG || deg == DEG_BLUR || deg == DEG_MOTION) &&
              status_of (full, RS_CHECK_DOCUMENT_RECAPTURE) != RS_CHECK_PASS)
            jpeg_screen_alarm++;
          if (verbose)
            {
              const RsPhotoFinding *rf = rs_photo_report_find_finding (full, RS_CHECK_DOCUMENT_RECAPTURE);
              printf ("%-10s %-8s recapture %.1f\n", stem, deg_short[deg], rf ? rf->value : -1);
            }
          for (int k = 0; k < 3; k++)
            {
              RsPhotoReport *r = k == 0 ? full : k == 1 ? known : live;

              if (deg == DEG_NONE)
                {
                  for (int c = 1; c < N_DEG; c++)
                    if (status_of (r, deg_check[c]) != RS_CHECK_PASS)
                      false_alarm[c][k]++;
                  total[DEG_NONE][k]++;
                }
              else
                {
                  total[deg][k]++;
                  if (status_of (r, deg_check[deg]) != RS_CHECK_PASS)
                    flagged[deg][k]++;
                  if (deg == DEG_MOTION)
                    {
                      motion_total[i % 3][k]++;
                      if (status_of (r, deg_check[deg]) != RS_CHECK_PASS)
                        motion_flagged[i % 3][k]++;
                    }
                }
            }
          if (verbose)
            for (int k = 0; k < 3; k++)
              {
                RsPhotoReport *r = k == 0 ? full : k == 1 ? known : live;
                m = rs_photo_report_get_measures (r);
                printf ("%-10s %-8s %5s %7.1f %5.2f %6.0f %6.3f %7.4f %6.1f %s\n", stem, deg_short[deg],
                        k == 2 ? "live" : k == 1 ? "truth" : rs_photo_report_get_document_found (r) ? "yes" : "no",
                        m->sharpness, m->sharp_spread, m->dark_level, m->bright_clip, m->glare_fraction, m->chroma,
                        rs_check_status_to_string (rs_photo_report_get_verdict (r)));
                if (k < 2)
                  printf ("    widths %.2f %.2f %.2f %.2f\n", m->sharp_width[0], m->sharp_width[1],
                          m->sharp_width[2], m->sharp_width[3]);
                for (guint f = 0; f < rs_photo_report_get_n_findings (r); f++)
                  {
                    const RsPhotoFinding *pf = rs_photo_report_get_finding (r, f);
                    if (pf->status != RS_CHECK_PASS)
                      printf ("    %s %s %.3f\n", pf->id, rs_check_status_to_string (pf->status), pf->value);
                  }
              }
        }
      rs_image_info_clear (&info);
    }

  if (total[DEG_NONE][0] == 0)
    {
      printf ("eval-checks: SKIP: no frames with ground truth in %s\n", dir);
      for (int deg = 0; deg < N_DEG; deg++)
        g_array_unref (live_times[deg]);
      return 0;
    }

  printf ("\nPhoto checks on %u frames of %s (same thresholds for every frame)\n", total[DEG_NONE][0], dir);
  printf ("document found by the localiser: untouched %u/%u, blurred %u/%u, dark %u/%u, glare %u/%u\n\n",
          found[DEG_NONE], total[DEG_NONE][0], found[DEG_BLUR], total[DEG_BLUR][0],
          found[DEG_DARK], total[DEG_DARK][0], found[DEG_GLARE], total[DEG_GLARE][0]);
  printf ("| degradation | check | mode | flagged | false alarms on untouched frames |\n");
  printf ("|---|---|---|---|---|\n");
  for (int deg = 1; deg < N_DEG; deg++)
    for (int k = 0; k < 3; k++)
      if (total[deg][k] > 0)
        printf ("| %s | %s | %s | %u/%u = %.1f %% | %u/%u = %.1f %% |\n",
                deg_names[deg], deg_check[deg],
                k == 0 ? "file check (localiser)" : k == 1 ? "checks on the true outline" : "live frame API",
                flagged[deg][k], total[deg][k], 100.0 * flagged[deg][k] / MAX (1, total[deg][k]),
                false_alarm[deg][k], total[DEG_NONE][k], 100.0 * false_alarm[deg][k] / MAX (1, total[DEG_NONE][k]));
  if (total[DEG_MOTION][0] > 0)
    {
      printf ("\nmotion blur flagged by length (file check, true outline, live frame API):");
      for (int l = 0; l < 3; l++)
        printf ("%s %d px %u/%u, %u/%u, %u/%u", l > 0 ? ";" : "", 4 + 2 * l,
                motion_flagged[l][0], motion_total[l][0], motion_flagged[l][1], motion_total[l][1],
                motion_flagged[l][2], motion_total[l][2]);
      printf ("\n");
    }
  {
    guint n = untouched->len, distinct = 0;

    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++)
        {
          RsPhotoReport *pair[2] = { untouched->pdata[i], untouched->pdata[j] };
          double ic, dc;

          rs_photo_report_similarity (pair[0], pair[1], &ic, &dc);
          if (verbose && ic > 0.8)
            printf ("distinct pair %u %u correlation image %.3f document %.3f\n", i, j, ic, dc);
          distinct += rs_photo_set_check (pair, 2);
        }
    printf ("\nduplicate: same frame scaled ×0.5 and re-encoded (quality 70) found %u/%u; "
            "different frames (same scenes, same documents) wrongly paired %u/%u\n",
            dup_found, dup_total, distinct, n * (n - 1) / 2);
  }
  printf ("\ndocument.recapture on the blurred, motion-blurred and JPEG-10 frames (should pass): "
          "%u/%u flagged\n", jpeg_screen_alarm, jpeg_screen_total);
  printf ("\nglare: untouched frames where some is measured, highlighted frames missed (status and measured "
          "fraction of the document; file check, true outline, live frame API):\n%s",
          glare_notes->len > 0 ? glare_notes->str : "none\n");
  g_array_sort (times, cmp_double);
  printf ("\nfull check of a decoded 1080×1920 frame (localise + all checks): median %.1f ms\n",
          g_array_index (times, double, times->len / 2));
  printf ("live frame API on the same frames, median:");
  for (int deg = 0; deg < N_DEG; deg++)
    {
      g_array_sort (live_times[deg], cmp_double);
      if (live_times[deg]->len > 0)
        printf (" %s %.1f ms%s", deg_short[deg], g_array_index (live_times[deg], double, live_times[deg]->len / 2),
                deg + 1 < N_DEG ? "," : "");
      if (deg + 1 == N_DEG)
        printf ("\n");
      g_array_unref (live_times[deg]);
    }
  return 0;
}
