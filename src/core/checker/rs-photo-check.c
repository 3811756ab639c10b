/* rs-photo-check.c: checking a photo file, a decoded image or a live frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rs-photo-check-private.h"
#include "rs-counters.h"
#include "rs-read.h"
#include "rs-content.h"

/* Long side the localiser works at for live frames: its cost grows with the
 * square of this. */
#define LIVE_LOCATE_SIZE 320

static const char *
normal_kind (const char *kind)
{
  if (g_strcmp0 (kind, RS_SLOT_ID_BACK) == 0)
    return RS_SLOT_ID_BACK;
  if (g_strcmp0 (kind, RS_SLOT_PASSPORT) == 0)
    return RS_SLOT_PASSPORT;
  if (g_strcmp0 (kind, RS_SLOT_SELFIE) == 0)
    return RS_SLOT_SELFIE;
  return RS_SLOT_ID_FRONT;
}

/* The document type a slot expects, for the content checks: a passport for
 * the passport slot; for a card side, the profile's card type with that
 * side when there is only one.  NULL (a generic card: no layout assumed)
 * when the profile accepts several card types and the caller did not say
 * which one was chosen — guessing would judge an HKID by the Mainland
 * card's layout. */
static const char *
slot_document_type (RsProfile  *profile,
                    const char *kind)
{
  const char *found = NULL;

  if (g_str_equal (kind, RS_SLOT_PASSPORT))
    return RS_DOC_PASSPORT;
  if (g_str_equal (kind, RS_SLOT_SELFIE) || profile == NULL)
    return NULL;
  for (guint i = 0; i < rs_profile_get_n_documents (profile); i++)
    {
      const RsProfileDocument *d = rs_profile_get_document (profile, i);

      if (g_strcmp0 (d->type, RS_DOC_PASSPORT) == 0 || d->sides == NULL)
        continue;
      for (int k = 0; d->sides[k] != NULL; k++)
        if (g_strcmp0 (rs_side_to_slot (d->sides[k]), kind) == 0)
          {
            if (found != NULL && g_strcmp0 (found, d->type) != 0)
              return NULL;
            found = d->type;
          }
    }
  return found;
}

/* What the reader found that tells documents apart: the MRZ's format and
 * document code. */
static void
content_text_from_read (RsReadResult  *read,
                        RsContentText *text)
{
  const char * const *lines;
  guint n;

  memset (text, 0, sizeof *text);
  if (read == NULL || rs_read_result_get_source (read) != RS_READ_SOURCE_MRZ)
    return;
  lines = rs_read_result_get_lines (read);
  if (lines == NULL || lines[0] == NULL)
    return;
  n = g_strv_length ((char **) lines);
  text->mrz_found = TRUE;
  if (n == 3)
    text->mrz_format = '1';
  else if (n == 2 && strlen (lines[0]) >= 44)
    text->mrz_format = '3';
  for (int i = 0; i < 2 && lines[0][i] != '\0' && lines[0][i] != '<'; i++)
    text->mrz_code[i] = lines[0][i];
}

/* For a photo (not a live frame) the three parts of a check run side by
 * side: the pixel checks (rs_photo_analyse(), on the caller's thread),
 * reading the text, and the content checks, which need the text only at
 * their end and wait for it there.  The reading and the content checks
 * touch neither the report nor each other's data; their findings are added
 * after both, in the order they had when the three ran one after another. */
typedef struct {
  const RsImageView    *view;
  const RsLocateResult *locate;
  const char           *kind;
  const char           *document_type;
  double                to_upright;
  RsProfile            *profile;
  GThread              *reader;   /* NULL: not started, or joined */
  RsReadResult         *read;     /* out; NULL for a selfie */
  RsContentText         text;
  RsContentReport      *content;  /* out */
} SideWork;

static gpointer
read_run (gpointer data)
{
  SideWork *w = data;
  const RsImageView *view = w->view;

  /* the text is read once per photo, never on live frames */
  w->read = rs_read_document (view->pixels, view->width, view->height,
                              view->stride, view->channels,
                              w->locate->found ? &w->locate->quad : NULL,
                              w->kind, NULL);
  content_text_from_read (w->read, &w->text);
  return NULL;
}

/* The content checks' wait for the text. */
static const RsContentText *
side_text (gpointer data)
{
  SideWork *w = data;

  if (w->reader != NULL)
    g_thread_join (g_steal_pointer (&w->reader));
  return &w->text;
}

static gpointer
content_run (gpointer data)
{
  SideWork *w = data;
  const RsImageView *view = w->view;
  RsContentImage cim = { view->pixels, view->width, view->height, view->stride,
                         view->channels, w->to_upright };
  RsContentLimits climits;

  rs_content_limits_init (&climits, w->profile);
  w->content = rs_content_analyse_text_later (&cim, w->kind, w->document_type, w->locate,
                                              &climits, side_text, w);
  side_text (w);  /* not asked for (a selfie, no document): joined here */
  return NULL;
}

static RsPhotoReport *
check_view (const RsImageView *view,
            const RsImageInfo *info,
            const char        *path,
            RsProfile         *profile,
            const char        *kind,
            const char        *document_type,
            gboolean           live,
            const RsQuad      *previous_quad)
{
  RsCheckLimits limits;
  RsAnalyseInput input = { 0 };
  RsPhotoReport *report;

  if (!live)
    rs_counters_add (RS_COUNTER_CHECK);
  kind = normal_kind (kind);
  rs_check_limits_init (&limits, profile);
  report = rs_photo_report_new (kind, path, info);

  input.kind = kind;
  input.live = live;
  input.to_upright = info && info->width > 0 ? (double) info->width / view->width : 1.0;

  if (!g_str_equal (kind, RS_SLOT_SELFIE))
    {
      RsLocateOptions opts = { 0 };

      opts.work_size = live ? LIVE_LOCATE_SIZE : 0;
      opts.aspect_hint = rs_photo_kind_aspect (kind);
      rs_locate_document (view->pixels, view->width, view->height, view->stride,
                          view->channels, &opts, &input.locate);
      /* steady the outline between frames: a small move is jitter */
      if (input.locate.found && previous_quad != NULL)
        {
          double diag = hypot (view->width, view->height), moved = 0;

          for (int i = 0; i < 4; i++)
            moved = MAX (moved, hypot (input.locate.quad.p[i].x - previous_quad->p[i].x,
                                       input.locate.quad.p[i].y - previous_quad->p[i].y));
          if (moved < 0.01 * diag)
            for (int i = 0; i < 4; i++)
              {
                input.locate.quad.p[i].x = (input.locate.quad.p[i].x + previous_quad->p[i].x) / 2;
                input.locate.quad.p[i].y = (input.locate.quad.p[i].y + previous_quad->p[i].y) / 2;
              }
        }
    }

  if (live)
    {
      RsContentImage cim = { view->pixels, view->width, view->height, view->stride,
                             view->channels, input.to_upright };
      RsContentLimits climits;
      g_autoptr(RsContentReport) content = NULL;

      rs_photo_analyse (view, &input, &limits, report);
      rs_content_limits_init (&climits, profile);
      content = rs_content_analyse_frame (&cim, kind, &input.locate, &climits);
      rs_photo_report_set_content (report, content);
    }
  else
    {
      SideWork work = { view, &input.locate, kind, document_type, input.to_upright, profile };
      g_autoptr(GThread) content = NULL;

      if (work.document_type == NULL)
        work.document_type = slot_document_type (profile, kind);
      if (!g_str_equal (kind, RS_SLOT_SELFIE))
        {
          work.reader = g_thread_try_new ("rs-check read", read_run, &work, NULL);
          if (work.reader == NULL)
            read_run (&work);
        }
      content = g_thread_try_new ("rs-check content", content_run, &work, NULL);
      rs_photo_analyse (view, &input, &limits, report);
      if (content != NULL)
        g_thread_join (g_steal_pointer (&content));
      else
        content_run (&work);
      /* the same order of findings as when these ran one after another */
      if (work.read != NULL)
        {
          /* a passport page carries an MRZ: when the page was found and the
           * reader could run, reading nothing is a failure, not silence */
          rs_photo_report_set_read (report, work.read,
                                    g_str_equal (kind, RS_SLOT_PASSPORT) && input.locate.found &&
                                    rs_read_font_path () != NULL);
          rs_read_result_unref (work.read);
        }
      rs_photo_report_set_content (report, work.content);
      g_clear_object (&work.content);
    }
  /* the file checks last: the findings' order is their display order among
   * equals, and what the photo shows matters more than the file */
  if (info != NULL && info->bytes > 0)
    rs_photo_check_file_findings (info, &limits, report);
  rs_photo_report_finish (report);
  rs_check_limits_clear (&limits);
  return report;
}

RsPhotoReport *
rs_photo_check_pixbuf (GdkPixbuf         *pixbuf,
                       const RsImageInfo *info,
                       RsProfile         *profile,
                       const char        *kind)
{
  return rs_photo_check_pixbuf_for_document (pixbuf, info, profile, kind, NULL);
}

RsPhotoReport *
rs_photo_check_pixbuf_for_document (GdkPixbuf         *pixbuf,
                                    const RsImageInfo *info,
                                    RsProfile         *profile,
                                    const char        *kind,
                                    const char        *document_type)
{
  RsImageView view;
  RsImageInfo local = { 0 };
  RsPhotoReport *report;
  gint64 t0 = g_get_monotonic_time ();

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, NULL);

  view.pixels = gdk_pixbuf_read_pixels (pixbuf);
  view.width = gdk_pixbuf_get_width (pixbuf);
  view.height = gdk_pixbuf_get_height (pixbuf);
  view.stride = gdk_pixbuf_get_rowstride (pixbuf);
  view.channels = gdk_pixbuf_get_n_channels (pixbuf);

  if (info == NULL)
    {
      local.format = (char *) "raw";
      local.width = view.width;
      local.height = view.height;
      local.orientation = 1;
      info = &local;
    }
  report = check_view (&view, info, NULL, profile, kind, document_type, FALSE, NULL);
  rs_photo_report_set_timings (report, 0, (g_get_monotonic_time () - t0) / 1000.0);
  return report;
}

RsPhotoReport *
rs_photo_check_file (const char    *path,
                     RsProfile     *profile,
                     const char    *kind,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return rs_photo_check_file_for_document (path, profile, kind, NULL, cancellable, error);
}

RsPhotoReport *
rs_photo_check_file_for_document (const char    *path,
                                  RsProfile     *profile,
                                  const char    *kind,
                                  const char    *document_type,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  RsImageInfo info = { 0 };
  RsImageView view;
  RsPhotoReport *report;
  gint64 t0, t1;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (profile == NULL || RS_IS_PROFILE (profile), NULL);

  t0 = g_get_monotonic_time ();
  pixbuf = rs_image_load (path, RS_IMAGE_WORK_SIZE, &info, cancellable, error);
  if (pixbuf == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      rs_image_info_clear (&info);
      return NULL;
    }
  t1 = g_get_monotonic_time ();

  view.pixels = gdk_pixbuf_read_pixels (pixbuf);
  view.width = gdk_pixbuf_get_width (pixbuf);
  view.height = gdk_pixbuf_get_height (pixbuf);
  view.stride = gdk_pixbuf_get_rowstride (pixbuf);
  view.channels = gdk_pixbuf_get_n_channels (pixbuf);
  report = check_view (&view, &info, path, profile, kind, document_type, FALSE, NULL);
  rs_photo_report_set_timings (report, (t1 - t0) / 1000.0, (g_get_monotonic_time () - t1) / 1000.0);
  rs_image_info_clear (&info);
  return report;
}

RsPhotoReport *
rs_photo_check_frame (const guint8 *pixels,
                      int           width,
                      int           height,
                      int           stride,
                      int           channels,
                      RsProfile    *profile,
                      const char   *kind,
                      const RsQuad *previous_quad)
{
  RsImageView view = { pixels, width, height, stride, channels };
  RsImageInfo info = { 0 };
  RsPhotoReport *report;
  gint64 t0 = g_get_monotonic_time ();

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (channels == 1 || channels == 3 || channels == 4, NULL);
  g_return_val_if_fail (stride >= width * channels, NULL);

  info.format = (char *) "raw";
  info.width = width;
  info.height = height;
  info.orientation = 1;
  report = check_view (&view, &info, NULL, profile, kind, NULL, TRUE, previous_quad);
  rs_photo_report_set_timings (report, 0, (g_get_monotonic_time () - t0) / 1000.0);
  return report;
}

typedef struct {
  char      *path;
  RsProfile *profile;
  char      *kind;
} CheckTask;

static void
check_task_free (gpointer data)
{
  CheckTask *t = data;

  g_free (t->path);
  g_clear_object (&t->profile);
  g_free (t->kind);
  g_free (t);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckTask *t = task_data;
  GError *error = NULL;
  RsPhotoReport *report;

  report = rs_photo_check_file (t->path, t->profile, t->kind, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    g_object_unref (report);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
rs_photo_check_file_async (const char          *path,
                           RsProfile           *profile,
                           const char          *kind,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckTask *t;

  g_return_if_fail (path != NULL);
  g_return_if_fail (profile == NULL || RS_IS_PROFILE (profile));

  t = g_new0 (CheckTask, 1);
  t->path = g_strdup (path);
  t->profile = profile ? g_object_ref (profile) : NULL;
  t->kind = g_strdup (kind);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rs_photo_check_file_async);
  g_task_set_name (task, "rs_photo_check_file_async");
  g_task_set_task_data (task, t, check_task_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, check_thread);
}

RsPhotoReport *
rs_photo_check_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rs_photo_check_file_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
