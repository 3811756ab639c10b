/* test-camera.c: the real capture path, driven by RESUBMIT_CAMERA_PIPELINE
 * playing generated frames, and the camera's failure modes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-camera-window.h"
#include "rs-pages.h"
#include "rs-photos-page.h"
#include "rs-photo-check-private.h"
#include "rs-read.h"
#include "rs-test-card.h"
#include "rs-test-content.h"
#include "rs-test-fixtures.h"
#include "rs-test-screenshot.h"

#define FRAME_W 1280
#define FRAME_H 720
#define FPS     20
#define SEGMENT 26   /* frames a segment: 1.3 s, longer than the 1 s dwell */

typedef enum {
  SEG_CUT_OFF,
  SEG_BLURRY,
  SEG_DARK,
  SEG_GOOD,
  N_SEGMENTS
} Segment;

static char *frames_dir;

static GdkPixbuf *
render_segment (Segment segment)
{
  RsQuad quad;
  GdkPixbuf *pixbuf;

  rs_test_card_quad (FRAME_W, FRAME_H, 640, 0, &quad);
  if (segment == SEG_CUT_OFF)
    for (int i = 0; i < 4; i++)
      quad.p[i].x += 520;   /* the right-hand corners leave the frame */

  pixbuf = rs_test_render_card (FRAME_W, FRAME_H, &quad, 7);
  if (segment == SEG_BLURRY)
    rs_test_blur (pixbuf, 5.0);
  else if (segment == SEG_DARK)
    rs_test_scale_values (pixbuf, 0.22);
  return pixbuf;
}

static RsPhotoReport *
check_pixbuf_frame (GdkPixbuf *pixbuf)
{
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);

  return rs_photo_check_frame (gdk_pixbuf_read_pixels (rgba),
                               gdk_pixbuf_get_width (rgba), gdk_pixbuf_get_height (rgba),
                               gdk_pixbuf_get_rowstride (rgba), 4, NULL, RS_SLOT_ID_FRONT, NULL);
}

static const RsGuide expected_guide[N_SEGMENTS] = {
  RS_GUIDE_FULLY_IN_FRAME, RS_GUIDE_BLUR, RS_GUIDE_TOO_DARK, RS_GUIDE_HOLD_STILL,
};

/* Writes the frames once; each segment's picture is checked first, so a
 * fixture that no longer shows what it should fails loudly here. */
static void
ensure_frames (void)
{
  GError *error = NULL;
  guint n = 0;

  if (frames_dir)
    return;
  frames_dir = g_dir_make_tmp ("rs-camera-XXXXXX", &error);
  g_assert_no_error (error);

  for (Segment s = 0; s < N_SEGMENTS; s++)
    {
      g_autoptr(GdkPixbuf) pixbuf = render_segment (s);
      g_autoptr(RsPhotoReport) report = check_pixbuf_frame (pixbuf);
      g_autofree char *first = NULL;
      guint count = s == SEG_GOOD ? SEGMENT * 3 : SEGMENT;

      g_assert_cmpstr (rs_guide_to_string (rs_guide_from_report (report)), ==,
                       rs_guide_to_string (expected_guide[s]));

      first = g_strdup_printf ("%s/frame-%04u.png", frames_dir, n);
      gdk_pixbuf_save (pixbuf, first, "png", &error, "compression", "1", NULL);
      g_assert_no_error (error);
      n++;
      for (guint i = 1; i < count; i++, n++)
        {
          g_autofree char *path = g_strdup_printf ("%s/frame-%04u.png", frames_dir, n);
          g_assert_cmpint (link (first, path), ==, 0);
        }
    }
}

static void
set_pipeline (guint stop_index)
{
  g_autofree char *desc =
    g_strdup_printf ("multifilesrc location=%s/frame-%%04d.png index=0 stop-index=%u "
                     "caps=\"image/png,framerate=(fraction)%d/1\" ! pngdec",
                     frames_dir, stop_index, FPS);
  g_setenv ("RESUBMIT_CAMERA_PIPELINE", desc, TRUE);
}

typedef struct {
  GPtrArray *guides;    /* distinct guidance ids, in order shown */
  char      *captured;  /* path */
  gboolean   closed;
} Run;

static void
on_guidance (RsCameraView *view,
             const char   *id,
             Run          *run)
{
  if (run->guides->len == 0 ||
      g_strcmp0 (g_ptr_array_index (run->guides, run->guides->len - 1), id) != 0)
    g_ptr_array_add (run->guides, g_strdup (id));
}

static void
on_captured (RsCameraWindow *window,
             const char     *path,
             Run            *run)
{
  g_assert_null (run->captured);
  run->captured = g_strdup (path);
}

static gboolean
captured_cond (gpointer data)
{
  return ((Run *) data)->captured != NULL;
}

static guint
index_of (GPtrArray  *array,
          const char *id,
          guint       from)
{
  for (guint i = from; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), id))
      return i;
  return G_MAXUINT;
}

/* The view shows live guidance, with its resolution note. */
static gboolean
view_live (gpointer view)
{
  return g_strcmp0 (rs_camera_view_get_mode (view), "live") == 0 &&
         rs_camera_view_get_resolution_note (view) != NULL;
}

static gboolean
camera_has_frames (gpointer camera)
{
  return rs_camera_get_state (camera) == RS_CAMERA_STATE_RUNNING && rs_camera_get_n_frames (camera) > 0;
}

static void
test_camera_guided_capture (void)
{
  RsCameraWindow *window;
  RsCameraView *view;
  Run run = { g_ptr_array_new_with_free_func (g_free), NULL, FALSE };
  guint at = 0;
  g_autoptr(GdkPixbuf) shot = NULL;
  g_autoptr(RsPhotoReport) report = NULL;
  GError *error = NULL;
  /* The chosen frame is read before it is taken (the card's number line). */
  const char *order[] = { "fully-in-frame", "blur", "too-dark", "reading", "captured" };
  g_autoptr(RsProfile) profile = rs_profile_load_builtin ("generic", NULL);

  ensure_frames ();
  set_pipeline (SEGMENT * 6 - 1);

  window = g_object_ref (rs_camera_window_new (NULL, profile, RS_SLOT_ID_FRONT, rs_slot_get_name (RS_SLOT_ID_FRONT)));
  view = rs_camera_window_get_view (window);
  g_signal_connect (view, "guidance-changed", G_CALLBACK (on_guidance), &run);
  g_signal_connect (window, "captured", G_CALLBACK (on_captured), &run);
  gtk_window_present (GTK_WINDOW (window));

  /* Screenshot while the guidance is live (in the cut-off segment). */
  g_assert_true (rs_test_wait_until (view_live, view, 10000));
  g_assert_cmpstr (rs_camera_view_get_mode (view), ==, "live");
  /* 1280×720 frames are below the profile's minimum short side: the view
   * says so before the user shoots. */
  g_assert_cmpint (rs_profile_get_min_short_side (profile), >, FRAME_H);
  g_assert_nonnull (rs_camera_view_get_resolution_note (view));
  g_free (rs_test_screenshot (GTK_WIDGET (window), "camera-live"));
  rs_test_assert_translated (GTK_WIDGET (window), "camera", NULL);

  g_assert_true (rs_test_wait_until (captured_cond, &run, 20000));

  /* The guidance went framing → blur → lighting → captured, in that order. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint found = index_of (run.guides, order[i], at);

      if (found == G_MAXUINT)
        {
          g_autofree char *seen = g_strjoinv (" ", (char **) g_ptr_array_copy (run.guides, (GCopyFunc) g_strdup, NULL)->pdata);
          g_test_message ("guidance seen: %s", seen);
        }
      g_assert_cmpuint (found, !=, G_MAXUINT);
      at = found + 1;
    }
  /* Nothing was captured before the good frames: "captured" comes last. */
  g_assert_cmpuint (index_of (run.guides, "captured", 0), ==, run.guides->len - 1);

  /* The shot itself is a good frame (checked independently of the view). */
  shot = gdk_pixbuf_new_from_file (run.captured, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (shot), ==, FRAME_W);
  report = check_pixbuf_frame (shot);
  g_assert_cmpstr (rs_guide_to_string (rs_guide_from_report (report)), ==, "hold-still");
  g_assert_cmpint (rs_photo_report_get_verdict (report), ==, RS_CHECK_PASS);
  /* Auto-capture read it before taking it ("reading" above).  The fixture
   * card prints no OCR-B text, so nothing machine-readable is seen on it and
   * the first chosen frame is taken at once (waiting for a frame that reads
   * is /camera/guide/reading). */
  if (rs_read_font_path () != NULL)
    {
      RsQuad quad;
      g_autoptr(RsReadResult) read = NULL;

      g_assert_true (rs_photo_report_get_document_quad (report, &quad));
      read = rs_read_document (gdk_pixbuf_read_pixels (shot), gdk_pixbuf_get_width (shot),
                               gdk_pixbuf_get_height (shot), gdk_pixbuf_get_rowstride (shot),
                               gdk_pixbuf_get_n_channels (shot), &quad, RS_SLOT_ID_FRONT, NULL);
      g_assert_false (rs_read_result_get_valid (read));
      g_assert_cmpint (rs_read_result_get_source (read), ==, RS_READ_SOURCE_NONE);
      g_assert_false (rs_read_result_get_band_seen (read));
    }

  /* The file is private. */
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (run.captured, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Capturing closed the window and with it the camera. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));

  g_unlink (run.captured);
  g_free (run.captured);
  g_ptr_array_unref (run.guides);
  g_object_unref (window);
}

/* ---- a passport page through the camera: auto-capture reads ---- */

#define PASSPORT_SEED 11

/* The scene's passport page; with @smudged, the bottom of the page (its
 * code) is smeared: the two lines are still seen there, but they do not
 * read. */
static GdkPixbuf *
render_passport (gboolean smudged)
{
  GdkPixbuf *pixbuf = rs_test_scene_photo (RS_TEST_SCENE_PASSPORT, FRAME_W, FRAME_H, PASSPORT_SEED, 0.0);

  if (smudged)
    rs_test_scene_smear_code (pixbuf, 2.2);
  return pixbuf;
}

static RsReadResult *
read_passport_frame (GdkPixbuf *pixbuf)
{
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);
  g_autoptr(RsPhotoReport) report = rs_photo_check_frame (gdk_pixbuf_read_pixels (rgba), FRAME_W, FRAME_H,
                                                         gdk_pixbuf_get_rowstride (rgba), 4, NULL,
                                                         RS_SLOT_PASSPORT, NULL);
  RsQuad quad;

  /* the live checks pass it: auto-capture would choose it */
  g_assert_cmpstr (rs_guide_to_string (rs_guide_from_report (report)), ==, "hold-still");
  g_assert_true (rs_photo_report_get_document_quad (report, &quad));
  return rs_read_document (gdk_pixbuf_read_pixels (pixbuf), FRAME_W, FRAME_H,
                           gdk_pixbuf_get_rowstride (pixbuf), gdk_pixbuf_get_n_channels (pixbuf),
                           &quad, RS_SLOT_PASSPORT, NULL);
}

/* Auto-capture on a passport page: the first chosen frames show the code
 * smudged (seen, not read), then the page is held so that it reads.  The
 * guide waits past the smudged frames and takes one whose code reads. */
static void
test_camera_reads_passport (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *desc = NULL;
  g_autoptr(GdkPixbuf) smudged = render_passport (TRUE);
  g_autoptr(GdkPixbuf) sharp = render_passport (FALSE);
  g_autoptr(GdkPixbuf) shot = NULL;
  g_autoptr(RsReadResult) read = NULL;
  g_autoptr(RsProfile) profile = rs_profile_load_builtin ("generic", NULL);
  RsCameraWindow *window;
  RsCameraView *view;
  Run run = { g_ptr_array_new_with_free_func (g_free), NULL, FALSE };
  GError *error = NULL;
  /* the smudged frames last about one chosen frame, dwell included (three
   * that do not read would make the guide take the best of them) */
  const guint n_smudged = SEGMENT, n_sharp = SEGMENT * 4;

  if (rs_read_font_path () == NULL)
    {
      g_test_skip ("the OCR-B face (fonts-ocr-b) is not installed: nothing is read");
      return;
    }

  /* The fixtures show what they should, checked outside the view. */
  {
    g_autoptr(RsReadResult) r = read_passport_frame (smudged);

    g_assert_true (rs_read_result_get_band_seen (r));
    g_assert_false (rs_read_result_get_valid (r));
  }
  {
    g_autoptr(RsReadResult) r = read_passport_frame (sharp);

    g_assert_true (rs_read_result_get_valid (r));
  }

  dir = g_dir_make_tmp ("rs-camera-passport-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_smudged + n_sharp; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/frame-%04u.png", dir, i);
      g_autofree char *first = g_strdup_printf ("%s/frame-%04u.png", dir, i < n_smudged ? 0 : n_smudged);

      if (i == 0 || i == n_smudged)
        {
          gdk_pixbuf_save (i == 0 ? smudged : sharp, path, "png", &error, "compression", "1", NULL);
          g_assert_no_error (error);
        }
      else
        g_assert_cmpint (link (first, path), ==, 0);
    }
  desc = g_strdup_printf ("multifilesrc location=%s/frame-%%04d.png index=0 stop-index=%u "
                          "caps=\"image/png,framerate=(fraction)%d/1\" ! pngdec",
                          dir, n_smudged + n_sharp - 1, FPS);
  g_setenv ("RESUBMIT_CAMERA_PIPELINE", desc, TRUE);

  window = g_object_ref (rs_camera_window_new (NULL, profile, RS_SLOT_PASSPORT,
                                               rs_slot_get_name (RS_SLOT_PASSPORT)));
  view = rs_camera_window_get_view (window);
  g_signal_connect (view, "guidance-changed", G_CALLBACK (on_guidance), &run);
  g_signal_connect (window, "captured", G_CALLBACK (on_captured), &run);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rs_test_wait_until (captured_cond, &run, 30000));
  {
    GString *seen = g_string_new (NULL);

    for (guint i = 0; i < run.guides->len; i++)
      g_string_append_printf (seen, " %s", (const char *) g_ptr_array_index (run.guides, i));
    g_test_message ("guidance seen:%s", seen->str);
    g_string_free (seen, TRUE);
  }
  /* it read before it took the frame */
  g_assert_cmpuint (index_of (run.guides, "reading", 0), <, index_of (run.guides, "captured", 0));

  /* The frame taken is one whose code reads, with the page's values. */
  shot = gdk_pixbuf_new_from_file (run.captured, &error);
  g_assert_no_error (error);
  read = read_passport_frame (shot);
  g_assert_true (rs_read_result_get_valid (read));
  g_assert_cmpint (rs_read_result_get_source (read), ==, RS_READ_SOURCE_MRZ);
  g_assert_cmpstr (rs_read_result_get_field (read, "document_number"), ==, "E12345678");
  g_assert_cmpstr (rs_read_result_get_field (read, "birth_date"), ==, "1990-01-01");
  g_assert_cmpstr (rs_read_result_get_lines (read)[1], ==, "E123456782CHN9001011M3201015<<<<<<<<<<<<<<<2");

  g_unlink (run.captured);
  g_free (run.captured);
  g_ptr_array_unref (run.guides);
  g_object_unref (window);
  rs_test_remove_tree (dir);
}

/* Closing the window stops the camera at once (pipeline to NULL). */
static void
test_camera_close_stops (void)
{
  RsCameraWindow *window;
  RsCamera *camera;

  ensure_frames ();
  set_pipeline (SEGMENT * 6 - 1);
  window = rs_camera_window_new (NULL, NULL, RS_SLOT_ID_FRONT, rs_slot_get_name (RS_SLOT_ID_FRONT));
  camera = g_object_ref (rs_camera_view_get_camera (rs_camera_window_get_view (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rs_test_wait_until (camera_has_frames, camera, 10000));
  g_assert_cmpint (rs_camera_get_state (camera), ==, RS_CAMERA_STATE_RUNNING);
  g_assert_cmpuint (rs_camera_get_n_frames (camera), >, 0);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (rs_camera_get_state (camera), ==, RS_CAMERA_STATE_STOPPED);
  g_object_unref (camera);
}

typedef struct {
  RsCameraView *view;
} Fault;

static gboolean
error_shown_cond (gpointer data)
{
  return g_strcmp0 (rs_camera_view_get_mode (data), "error") == 0;
}

static RsCameraWindow *
run_until_error (const char         *name,
                 guint               timeout_ms,
                 const char * const *technical_words)
{
  RsCameraWindow *window = rs_camera_window_new (NULL, NULL, RS_SLOT_ID_FRONT, rs_slot_get_name (RS_SLOT_ID_FRONT));
  RsCameraView *view = rs_camera_window_get_view (window);
  RsCamera *camera = rs_camera_view_get_camera (view);
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rs_test_wait_until (error_shown_cond, view, timeout_ms));
  g_assert_cmpint (rs_camera_get_state (camera), ==, RS_CAMERA_STATE_FAILED);
  g_assert_nonnull (rs_camera_get_error (camera));

  /* A clear reason and a way back to importing a file. */
  page = ADW_STATUS_PAGE (rs_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, rs_camera_get_error (camera)->message);
  g_assert_cmpuint (strlen (adw_status_page_get_title (page)), >, 0);
  g_free (rs_test_screenshot (GTK_WIDGET (window), name));
  rs_test_assert_translated (GTK_WIDGET (window), "camera", technical_words);
  return window;
}

/* A source that delivers a few frames and then breaks (a corrupt picture). */
static void
test_camera_error_after_frames (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *desc = NULL;
  RsCameraWindow *window;
  RsCamera *camera;
  GError *error = NULL;

  ensure_frames ();
  dir = g_dir_make_tmp ("rs-camera-bad-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *src = g_strdup_printf ("%s/frame-%04u.png", frames_dir, SEGMENT * 3 + i);
      g_autofree char *dst = g_strdup_printf ("%s/frame-%04u.png", dir, i);
      g_assert_cmpint (link (src, dst), ==, 0);
    }
  /* identity fails the stream after five frames, as a broken driver would. */
  desc = g_strdup_printf ("multifilesrc location=%s/frame-%%04d.png index=0 stop-index=4 loop=true "
                          "caps=\"image/png,framerate=(fraction)%d/1\" ! pngdec ! identity error-after=5",
                          dir, FPS);
  g_setenv ("RESUBMIT_CAMERA_PIPELINE", desc, TRUE);

  window = run_until_error ("camera-error", 10000, NULL);
  camera = rs_camera_view_get_camera (rs_camera_window_get_view (window));
  g_assert_cmpuint (rs_camera_get_n_frames (camera), >=, 1);
  g_assert_error ((GError *) rs_camera_get_error (camera), RS_CAMERA_ERROR, RS_CAMERA_ERROR_DISCONNECTED);
  /* The pipeline's own error, not a plain end of stream. */
  /* The pipeline's error, not a plain end of stream. */
  g_assert_cmpstr (rs_camera_get_error (camera)->message, !=,
                   _("The camera stopped sending pictures. Try again, or import a photo from a file."));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A source that never delivers a frame. */
static void
test_camera_never_starts (void)
{
  RsCameraWindow *window;
  RsCamera *camera;

  g_setenv ("RESUBMIT_CAMERA_PIPELINE",
            "appsrc is-live=true format=time caps=\"video/x-raw,format=RGBA,width=320,height=240,framerate=(fraction)10/1\"",
            TRUE);
  g_setenv ("RESUBMIT_CAMERA_START_TIMEOUT_MS", "1500", TRUE);
  window = run_until_error ("camera-not-started", 8000, NULL);
  camera = rs_camera_view_get_camera (rs_camera_window_get_view (window));
  g_assert_cmpuint (rs_camera_get_n_frames (camera), ==, 0);
  g_assert_error ((GError *) rs_camera_get_error (camera), RS_CAMERA_ERROR, RS_CAMERA_ERROR_NOT_STARTED);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("RESUBMIT_CAMERA_START_TIMEOUT_MS");
}

/* A description that is not a pipeline at all. */
static void
test_camera_bad_description (void)
{
  RsCameraWindow *window;

  /* The variable's name and GStreamer's words are quoted as they are. */
  const char * const technical[] = { "RESUBMIT", "CAMERA", "PIPELINE", "no", "such", "element", "here", NULL };

  g_setenv ("RESUBMIT_CAMERA_PIPELINE", "no-such-element-here ! !", TRUE);
  window = run_until_error ("camera-bad-pipeline", 5000, technical);
  g_assert_error ((GError *) rs_camera_get_error (rs_camera_view_get_camera (rs_camera_window_get_view (window))),
                  RS_CAMERA_ERROR, RS_CAMERA_ERROR_FAILED);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without the variable and without a camera (CI machines have none). */
static void
test_camera_no_camera (void)
{
  g_autoptr(RsCamera) probe = NULL;
  RsCameraWindow *window;

  g_unsetenv ("RESUBMIT_CAMERA_PIPELINE");
  probe = rs_camera_new ();
  if (g_list_model_get_n_items (rs_camera_get_devices (probe)) > 0 ||
      g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine has a camera");
      return;
    }
  window = run_until_error ("camera-none", 5000, NULL);
  g_assert_error ((GError *) rs_camera_get_error (rs_camera_view_get_camera (rs_camera_window_get_view (window))),
                  RS_CAMERA_ERROR, RS_CAMERA_ERROR_NO_CAMERA);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The guide on its own, with made-up timestamps: dwell, priority, and the
 * steady period before the shot. */
static void
test_guide_logic (void)
{
  g_autoptr(RsCaptureGuide) guide = rs_capture_guide_new ();
  g_autoptr(GdkPixbuf) cut = render_segment (SEG_CUT_OFF);
  g_autoptr(GdkPixbuf) dark = render_segment (SEG_DARK);
  g_autoptr(GdkPixbuf) good = render_segment (SEG_GOOD);
  g_autoptr(RsPhotoReport) r_cut = check_pixbuf_frame (cut);
  g_autoptr(RsPhotoReport) r_dark = check_pixbuf_frame (dark);
  g_autoptr(RsPhotoReport) r_good = check_pixbuf_frame (good);
  gint64 t = 0, step = G_USEC_PER_SEC / 10;

  g_assert_false (rs_capture_guide_feed (guide, r_cut, t));
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_FULLY_IN_FRAME);

  /* A different problem 0.3 s later does not replace the message yet… */
  t += 3 * step;
  g_assert_false (rs_capture_guide_feed (guide, r_dark, t));
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_FULLY_IN_FRAME);
  /* …but after a second it does. */
  t += 8 * step;
  g_assert_false (rs_capture_guide_feed (guide, r_dark, t));
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_TOO_DARK);

  /* Good frames: no shot until the outline has been steady for 0.5 s. */
  for (int i = 0; i < 5; i++)
    {
      t += step;
      g_assert_false (rs_capture_guide_feed (guide, r_good, t));
    }
  /* A bad frame in between starts the steady period again. */
  t += step;
  g_assert_false (rs_capture_guide_feed (guide, r_dark, t));
  g_assert_cmpfloat (rs_capture_guide_get_progress (guide), ==, 0.0);
  {
    gboolean fired = FALSE;
    int n = 0;

    while (!fired && n < 20)
      {
        t += step;
        fired = rs_capture_guide_feed (guide, r_good, t);
        n++;
      }
    g_assert_true (fired);
    /* The first good frame starts the clock (the outline was already
     * steady), the fifth after it completes 0.5 s. */
    g_assert_cmpint (n, ==, 6);
  }
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_CAPTURED);
  /* Once taken, it does not fire again until reset. */
  t += step;
  g_assert_false (rs_capture_guide_feed (guide, r_good, t));
}

/* Fire the guide on steady good frames from @t; returns the time it fired. */
static gint64
fire (RsCaptureGuide *guide,
      RsPhotoReport  *good,
      gint64          t)
{
  for (int n = 0; n < 40; n++)
    {
      t += G_USEC_PER_SEC / 10;
      if (rs_capture_guide_feed (guide, good, t))
        return t;
    }
  g_assert_not_reached ();
}

/* Auto-capture prefers a frame whose text reads: a chosen frame that does
 * not read arms the guide again; the best of RS_CAPTURE_READ_MAX_TRIES is
 * taken when none reads; a frame that reads is taken at once. */
static void
test_guide_reading (void)
{
  g_autoptr(GdkPixbuf) good = render_segment (SEG_GOOD);
  g_autoptr(RsPhotoReport) r_good = check_pixbuf_frame (good);
  g_autoptr(RsCaptureGuide) guide = rs_capture_guide_new ();
  gboolean best = FALSE;
  gint64 t = 0;

  t = fire (guide, r_good, t);
  rs_capture_guide_start_reading (guide, t);
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_READING);
  /* Frames while reading do not fire. */
  g_assert_false (rs_capture_guide_feed (guide, r_good, t + 1000));
  g_assert_cmpint (rs_capture_guide_read_done (guide, FALSE, 0.50, t + 2000, &best), ==,
                   RS_CAPTURE_READ_AGAIN);
  g_assert_true (best);
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_HOLD_STILL);

  /* Armed again: a new steady period, a worse frame. */
  t = fire (guide, r_good, t + 2000);
  rs_capture_guide_start_reading (guide, t);
  g_assert_cmpint (rs_capture_guide_read_done (guide, FALSE, 0.40, t + 1000, &best), ==,
                   RS_CAPTURE_READ_AGAIN);
  g_assert_false (best);
  /* The third does not read either: the best so far is taken. */
  t = fire (guide, r_good, t + 1000);
  rs_capture_guide_start_reading (guide, t);
  g_assert_cmpint (rs_capture_guide_read_done (guide, FALSE, 0.45, t + 1000, &best), ==,
                   RS_CAPTURE_READ_TAKE_BEST);
  g_assert_false (best);
  g_assert_cmpint (rs_capture_guide_get_guide (guide), ==, RS_GUIDE_CAPTURED);

  /* After a reset, a frame that reads is taken at once. */
  rs_capture_guide_reset (guide);
  t = fire (guide, r_good, t + 1000);
  rs_capture_guide_start_reading (guide, t);
  g_assert_cmpint (rs_capture_guide_read_done (guide, TRUE, 0.9, t + 1000, &best), ==,
                   RS_CAPTURE_READ_TAKE);
  g_assert_true (best);

  /* However many tries are left, no more than RS_CAPTURE_READ_MAX_US is
   * spent reading. */
  rs_capture_guide_reset (guide);
  t = fire (guide, r_good, t + 1000);
  rs_capture_guide_start_reading (guide, t);
  g_assert_cmpint (rs_capture_guide_read_done (guide, FALSE, 0.3, t + RS_CAPTURE_READ_MAX_US, &best), ==,
                   RS_CAPTURE_READ_TAKE_BEST);
}

/* Priority: framing beats lighting when both are wrong. */
static void
test_guide_priority (void)
{
  g_autoptr(GdkPixbuf) pixbuf = render_segment (SEG_CUT_OFF);
  g_autoptr(RsPhotoReport) report = NULL;

  rs_test_scale_values (pixbuf, 0.22);
  report = check_pixbuf_frame (pixbuf);
  g_assert_nonnull (rs_photo_report_find_finding (report, RS_CHECK_EXPOSURE_DARK));
  g_assert_cmpint (rs_guide_from_report (report), ==, RS_GUIDE_FULLY_IN_FRAME);
}

/* The scenes' real face (tests/common/rs-test-fixtures.c). */
static gboolean
has_face_photo (void)
{
  const char *path = g_getenv ("RS_TEST_FACE_PHOTO");

  return g_file_test (path ? path : "/usr/lib/python3/dist-packages/skimage/data/astronaut.png",
                      G_FILE_TEST_EXISTS);
}

static RsPhotoReport *
check_frame_as (GdkPixbuf  *pixbuf,
                const char *kind)
{
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);

  return rs_photo_check_frame (gdk_pixbuf_read_pixels (rgba),
                               gdk_pixbuf_get_width (rgba), gdk_pixbuf_get_height (rgba),
                               gdk_pixbuf_get_rowstride (rgba), 4, NULL, kind, NULL);
}

/* Feeds @report as a steady stream for 3 s: whether the guide took the
 * shot, and what it shows at the end. */
static gboolean
feed_steady (RsPhotoReport *report,
             RsGuide       *shown)
{
  g_autoptr(RsCaptureGuide) guide = rs_capture_guide_new ();
  gboolean taken = FALSE;

  for (gint64 t = 0; t <= 3 * G_USEC_PER_SEC && !taken; t += G_USEC_PER_SEC / FPS)
    taken = rs_capture_guide_feed (guide, report, t);
  *shown = rs_capture_guide_get_guide (guide);
  return taken;
}

/* Live guidance from what is in view (the frame check's content subset):
 * two cards → "only one document", not "move closer"; and the shot waits. */
static void
test_guide_one_document (void)
{
  RsQuad qa, qb;
  g_autoptr(GdkPixbuf) ca = NULL, cb = NULL, both = NULL, one = NULL;
  g_autoptr(RsPhotoReport) report = NULL, single = NULL;
  const RsPhotoFinding *count;
  RsGuide shown;

  if (!has_face_photo ())
    {
      g_test_skip ("the face photo (python3-skimage) is not installed");
      return;
    }
  rs_test_scene_quad (FRAME_W / 2, FRAME_H, 85, 0, 0, &qa);
  rs_test_scene_quad (FRAME_W / 2, FRAME_H, 92, 0, 0, &qb);
  ca = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_FRONT, FRAME_W / 2, FRAME_H, &qa, 71);
  cb = rs_test_scene_photo_at (RS_TEST_SCENE_CARD_BACK, FRAME_W / 2, FRAME_H, &qb, 72);
  both = rs_test_side_by_side (ca, cb, 0);
  report = check_frame_as (both, RS_SLOT_ID_FRONT);
  count = rs_photo_report_find_finding (report, RS_CHECK_DOCUMENT_COUNT);
  g_assert_nonnull (count);
  g_assert_cmpint (count->status, ==, RS_CHECK_FAIL);
  g_assert_cmpint (rs_guide_from_report (report), ==, RS_GUIDE_ONE_DOCUMENT);
  g_assert_cmpstr (rs_guide_to_string (RS_GUIDE_ONE_DOCUMENT), ==, "one-document");
  g_assert_false (feed_steady (report, &shown));
  g_assert_cmpint (shown, ==, RS_GUIDE_ONE_DOCUMENT);

  /* One card alone (the good segment): one document, and it is taken. */
  one = render_segment (SEG_GOOD);
  single = check_frame_as (one, RS_SLOT_ID_FRONT);
  g_assert_cmpint (rs_photo_report_find_finding (single, RS_CHECK_DOCUMENT_COUNT)->status, ==,
                   RS_CHECK_PASS);
  g_assert_cmpint (rs_guide_from_report (single), ==, RS_GUIDE_HOLD_STILL);
  g_assert_true (feed_steady (single, &shown));
}

/* A selfie: no face, two faces, a face too small, then a good one. */
static void
test_guide_face (void)
{
  g_autoptr(GdkPixbuf) photo = NULL, crop = NULL, wall = NULL, small = NULL, half = NULL;
  g_autoptr(GdkPixbuf) two = NULL, good = NULL;
  g_autofree char *path = NULL;
  struct {
    GdkPixbuf  *frame;
    RsGuide     expected;
    const char *id;
  } cases[4];
  RsGuide shown;

  photo = rs_test_load_face_photo (&path);
  if (photo == NULL)
    {
      g_test_skip ("the face photo (python3-skimage) is not installed");
      return;
    }
  crop = rs_test_face_crop (photo);
  wall = rs_test_selfie_from (crop, FRAME_W, FRAME_H, 0.7, -2, 0.45);
  small = rs_test_selfie_from (crop, FRAME_W, FRAME_H, 0.35, 0.5, 0.45);
  half = rs_test_selfie_from (crop, FRAME_W / 2, FRAME_H, 0.8, 0.5, 0.45);
  two = rs_test_side_by_side (half, half, 0);
  good = rs_test_selfie_from (crop, FRAME_W, FRAME_H, 0.7, 0.5, 0.45);
  cases[0].frame = wall; cases[0].expected = RS_GUIDE_FACE; cases[0].id = "face";
  cases[1].frame = two; cases[1].expected = RS_GUIDE_ONE_FACE; cases[1].id = "one-face";
  /* Smaller than the live detector looks for (docs/content.md): not seen. */
  cases[2].frame = small; cases[2].expected = RS_GUIDE_FACE; cases[2].id = "face";
  cases[3].frame = good; cases[3].expected = RS_GUIDE_HOLD_STILL; cases[3].id = "hold-still";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RsPhotoReport) report = check_frame_as (cases[i].frame, RS_SLOT_SELFIE);
      RsGuide guide = rs_guide_from_report (report);

      const RsPhotoFinding *count = rs_photo_report_find_finding (report, RS_CHECK_FACE_COUNT);
      const RsPhotoFinding *size = rs_photo_report_find_finding (report, RS_CHECK_FACE_SIZE);

      g_test_message ("case %s: guide %s, faces %.0f, share %.3f", cases[i].id,
                      rs_guide_to_string (guide), count ? count->value : -1, size ? size->value : -1);
      g_assert_cmpstr (rs_guide_to_string (guide), ==, cases[i].id);
      g_assert_cmpint (guide, ==, cases[i].expected);
      g_assert_cmpstr (rs_guide_get_message (guide), !=, "");
      /* Auto-capture waits for the face; the good selfie is taken. */
      g_assert_cmpint (feed_steady (report, &shown), ==, cases[i].expected == RS_GUIDE_HOLD_STILL);
      if (cases[i].expected != RS_GUIDE_HOLD_STILL)
        g_assert_cmpint (shown, ==, cases[i].expected);
    }

  /* face.size failing (a profile asking for a larger face than the live
   * detector's minimum): no rendered frame gives it with the built-in
   * limits, so the report is made here.  Framing comes before light. */
  {
    g_autoptr(RsPhotoReport) report = rs_photo_report_new (RS_SLOT_SELFIE, NULL, NULL);

    rs_photo_report_add_finding (report, RS_CHECK_EXPOSURE_DARK, RS_CHECK_FAIL, 40, 60, "dark");
    rs_photo_report_add_finding (report, RS_CHECK_FACE_COUNT, RS_CHECK_PASS, 1, 1, "one");
    rs_photo_report_add_finding (report, RS_CHECK_FACE_SIZE, RS_CHECK_FAIL, 0.2, 0.3, "small");
    rs_photo_report_finish (report);
    g_assert_cmpint (rs_guide_from_report (report), ==, RS_GUIDE_FACE_CLOSER);
    g_assert_cmpstr (rs_guide_to_string (RS_GUIDE_FACE_CLOSER), ==, "face-closer");
    g_assert_false (feed_steady (report, &shown));
    g_assert_cmpint (shown, ==, RS_GUIDE_FACE_CLOSER);
  }
}

typedef struct {
  RsSession   *session;
  RsPhotoSlot *slot;
} SlotWait;

static gboolean
slot_checked_cond (gpointer data)
{
  SlotWait *w = data;

  return rs_session_get_photo (w->session, RS_SLOT_ID_FRONT) != NULL &&
         !rs_photo_slot_get_busy (w->slot) &&
         rs_photo_slot_get_report (w->slot) != NULL;
}

/* "Take Photo…" on the real Photos page: the camera window opens, takes the
 * shot by itself and the picture lands in the slot with the full check. */
static void
test_camera_into_photos_page (void)
{
  g_autoptr(RsSession) session = rs_session_new ();
  g_autoptr(RsProfile) profile = rs_profile_load_builtin ("generic", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkWidget *take;
  SlotWait w;
  g_autofree char *desc = NULL;
  RsPhotoReport *report;

  ensure_frames ();
  /* Only the good frames. */
  desc = g_strdup_printf ("multifilesrc location=%s/frame-%%04d.png index=%u stop-index=%u "
                          "caps=\"image/png,framerate=(fraction)%d/1\" ! pngdec",
                          frames_dir, SEGMENT * 3, SEGMENT * 6 - 1, FPS);
  g_setenv ("RESUBMIT_CAMERA_PIPELINE", desc, TRUE);

  g_assert_nonnull (profile);
  rs_session_set_profile (session, profile);
  rs_session_set_document_type (session, RS_DOC_CN_RIC);
  page = rs_photos_page_new (session);
  /* Composed here as the navigator composes its steps. */
  rs_pages_compose (page);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rs_test_wait_mapped (page, 5000));

  w.session = session;
  w.slot = rs_photos_page_find_slot (RS_PHOTOS_PAGE (page), RS_SLOT_ID_FRONT);
  take = rs_test_find_widget (GTK_WIDGET (w.slot), GTK_TYPE_BUTTON, "take-photo");
  g_assert_nonnull (take);
  g_assert_true (gtk_widget_get_visible (take));
  g_signal_emit_by_name (take, "clicked");

  g_assert_true (rs_test_wait_until (slot_checked_cond, &w, 30000));
  g_assert_true (g_str_has_prefix (rs_session_get_photo (session, RS_SLOT_ID_FRONT),
                                   g_get_user_cache_dir ()));
  report = rs_photo_slot_get_report (w.slot);
  g_assert_true (rs_photo_report_get_document_found (report));
  /* A 1280×720 frame goes through the same full check as a file: whatever
   * it finds, the slot shows it (the resolution rule depends on the profile). */
  g_assert_nonnull (rs_photo_report_find_finding (report, RS_CHECK_DOCUMENT_CUTOFF));
  g_assert_cmpint (rs_photo_report_find_finding (report, RS_CHECK_DOCUMENT_CUTOFF)->status, ==, RS_CHECK_PASS);
  g_assert_cmpint (rs_photo_report_find_finding (report, RS_CHECK_SHARPNESS)->status, !=, RS_CHECK_FAIL);
  g_free (rs_test_screenshot (window, "camera-into-slot"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_frames (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!frames_dir)
    return;
  dir = g_dir_open (frames_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (frames_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (frames_dir);
  g_clear_pointer (&frames_dir, g_free);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  rs_test_init (&argc, &argv);

  g_test_add_func ("/camera/guide/logic", test_guide_logic);
  g_test_add_func ("/camera/guide/priority", test_guide_priority);
  g_test_add_func ("/camera/guide/reading", test_guide_reading);
  g_test_add_func ("/camera/guide/one-document", test_guide_one_document);
  g_test_add_func ("/camera/guide/face", test_guide_face);
  g_test_add_func ("/camera/capture/guided", test_camera_guided_capture);
  g_test_add_func ("/camera/capture/close-stops", test_camera_close_stops);
  g_test_add_func ("/camera/capture/reads-passport", test_camera_reads_passport);
  g_test_add_func ("/camera/capture/into-photos-page", test_camera_into_photos_page);
  g_test_add_func ("/camera/fault/error-after-frames", test_camera_error_after_frames);
  g_test_add_func ("/camera/fault/never-starts", test_camera_never_starts);
  g_test_add_func ("/camera/fault/bad-description", test_camera_bad_description);
  g_test_add_func ("/camera/fault/no-camera", test_camera_no_camera);

  ret = g_test_run ();
  remove_frames ();
  return ret;
}
