/* rs-fix.c: rotate, crop and straighten photos into new cache files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-fix.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rs-image.h"
#include "rs-profile.h"

G_DEFINE_QUARK (rs-fix-error-quark, rs_fix_error)

/* Smallest document side (pixels) worth straightening: below this the
 * result would be a blur of a few pixels. */
#define MIN_DOC_SIDE 48.0

double
rs_fix_aspect_for_document (const char *document_type)
{
  if (g_strcmp0 (document_type, RS_DOC_PASSPORT) == 0)
    return RS_FIX_ASPECT_ID3;
  return RS_FIX_ASPECT_ID1;
}

static int
normalize_turns (int quarter_turns)
{
  return ((quarter_turns % 4) + 4) % 4;
}

GdkPixbuf *
rs_fix_rotate (GdkPixbuf *source,
               int        quarter_turns)
{
  static const GdkPixbufRotation rotations[] = {
    GDK_PIXBUF_ROTATE_NONE,
    GDK_PIXBUF_ROTATE_CLOCKWISE,
    GDK_PIXBUF_ROTATE_UPSIDEDOWN,
    GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE,
  };
  int turns;

  g_return_val_if_fail (GDK_IS_PIXBUF (source), NULL);

  turns = normalize_turns (quarter_turns);
  if (turns == 0)
    return gdk_pixbuf_copy (source);
  return gdk_pixbuf_rotate_simple (source, rotations[turns]);
}

RsPoint
rs_fix_rotate_point (RsPoint point,
                     int     width,
                     int     height,
                     int     quarter_turns)
{
  RsPoint r = point;

  switch (normalize_turns (quarter_turns))
    {
    case 1:
      r.x = height - point.y;
      r.y = point.x;
      break;
    case 2:
      r.x = width - point.x;
      r.y = height - point.y;
      break;
    case 3:
      r.x = point.y;
      r.y = width - point.x;
      break;
    default:
      break;
    }
  return r;
}

static double
dist (RsPoint a,
      RsPoint b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

static gboolean
quad_is_convex (const RsQuad *q)
{
  int sign = 0;

  for (int i = 0; i < 4; i++)
    {
      RsPoint a = q->p[i], b = q->p[(i + 1) % 4], c = q->p[(i + 2) % 4];
      double cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
      int s = cross > 0 ? 1 : (cross < 0 ? -1 : 0);
      if (s == 0)
        return FALSE;
      if (sign == 0)
        sign = s;
      else if (s != sign)
        return FALSE;
    }
  return TRUE;
}

GdkPixbuf *
rs_fix_warp (GdkPixbuf    *source,
             const RsQuad *quad,
             double        aspect,
             double        margin_percent,
             int           min_short_side,
             int           max_long_side,
             RsQuad       *out_quad,
             GError      **error)
{
  RsQuad q;
  double top, bottom, left, right, horiz, vert, doc_long, doc_w, doc_h;
  double m, out_wf, out_hf, scale, mx, my;
  double h[9];
  RsPoint dst[4];
  int out_w, out_h, sw, sh, sstride, schannels, dstride;
  const guint8 *spix;
  guint8 *dpix;
  gboolean landscape;
  g_autoptr(GdkPixbuf) result = NULL;

  g_return_val_if_fail (GDK_IS_PIXBUF (source), NULL);
  g_return_val_if_fail (quad != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(aspect >= 1.0) || !isfinite (aspect))
    aspect = RS_FIX_ASPECT_ID1;
  if (!(margin_percent >= 0.0) || !isfinite (margin_percent))
    margin_percent = 0.0;
  margin_percent = MIN (margin_percent, 30.0);

  for (int i = 0; i < 4; i++)
    if (!isfinite (quad->p[i].x) || !isfinite (quad->p[i].y))
      {
        g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_NO_OUTLINE,
                     _("The document’s outline is not known, so the photo cannot be straightened. Take the photo again against a plain, contrasting background."));
        return NULL;
      }

  /* Clockwise (y down) from the corner nearest the image's top-left. */
  q = *quad;
  rs_quad_normalize (&q);
  if (!quad_is_convex (&q))
    {
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_NO_OUTLINE,
                   _("The document’s outline is not a proper four-cornered shape, so the photo cannot be straightened. Take the photo again with the whole document flat and in view."));
      return NULL;
    }

  top = dist (q.p[0], q.p[1]);
  right = dist (q.p[1], q.p[2]);
  bottom = dist (q.p[2], q.p[3]);
  left = dist (q.p[3], q.p[0]);
  horiz = (top + bottom) / 2.0;
  vert = (left + right) / 2.0;
  landscape = horiz >= vert;

  if (MIN (horiz, vert) < MIN_DOC_SIDE)
    {
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_TOO_SMALL,
                   _("The document is too small in this photo to straighten it. Take the photo again closer, so the document fills most of the frame."));
      return NULL;
    }

  /* Keep the resolution the photo has along the document's long side. */
  doc_long = MAX (MAX (horiz, vert), MIN (horiz, vert) * aspect);
  doc_w = landscape ? doc_long : doc_long / aspect;
  doc_h = landscape ? doc_long / aspect : doc_long;

  m = margin_percent / 100.0;
  out_wf = doc_w / (1.0 - 2.0 * m);
  out_hf = doc_h / (1.0 - 2.0 * m);
  scale = 1.0;
  if (min_short_side > 0 && MIN (out_wf, out_hf) < min_short_side)
    scale = min_short_side / MIN (out_wf, out_hf);
  if (max_long_side > 0 && MAX (out_wf, out_hf) * scale > max_long_side)
    scale = max_long_side / MAX (out_wf, out_hf);
  out_wf *= scale;
  out_hf *= scale;
  doc_w *= scale;
  doc_h *= scale;
  out_w = MAX (1, (int) lround (out_wf));
  out_h = MAX (1, (int) lround (out_hf));
  mx = (out_w - doc_w) / 2.0;
  my = (out_h - doc_h) / 2.0;

  dst[0] = (RsPoint) { mx, my };
  dst[1] = (RsPoint) { mx + doc_w, my };
  dst[2] = (RsPoint) { mx + doc_w, my + doc_h };
  dst[3] = (RsPoint) { mx, my + doc_h };

  /* Inverse mapping: output pixel → source position. */
  if (!rs_quad_homography (dst, q.p, h))
    {
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_NO_OUTLINE,
                   _("The document’s outline is not a proper four-cornered shape, so the photo cannot be straightened. Take the photo again with the whole document flat and in view."));
      return NULL;
    }

  result = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, out_w, out_h);
  if (result == NULL)
    {
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_TOO_SMALL,
                   _("There is not enough memory to straighten this photo."));
      return NULL;
    }

  sw = gdk_pixbuf_get_width (source);
  sh = gdk_pixbuf_get_height (source);
  sstride = gdk_pixbuf_get_rowstride (source);
  schannels = gdk_pixbuf_get_n_channels (source);
  spix = gdk_pixbuf_read_pixels (source);
  dstride = gdk_pixbuf_get_rowstride (result);
  dpix = gdk_pixbuf_get_pixels (result);

  for (int y = 0; y < out_h; y++)
    {
      guint8 *row = dpix + (gsize) y * dstride;
      double py = y + 0.5;

      for (int x = 0; x < out_w; x++)
        {
          double sx, sy;
          int x0, y0, x1, y1;
          double fx, fy;

          rs_homography_apply (h, x + 0.5, py, &sx, &sy);
          sx -= 0.5;
          sy -= 0.5;
          /* Clamp: the margin past the photo's edge repeats the edge. */
          sx = CLAMP (sx, 0.0, sw - 1.0);
          sy = CLAMP (sy, 0.0, sh - 1.0);
          x0 = (int) sx;
          y0 = (int) sy;
          x1 = MIN (x0 + 1, sw - 1);
          y1 = MIN (y0 + 1, sh - 1);
          fx = sx - x0;
          fy = sy - y0;

          for (int c = 0; c < 3; c++)
            {
              double v00 = spix[(gsize) y0 * sstride + x0 * schannels + c];
              double v10 = spix[(gsize) y0 * sstride + x1 * schannels + c];
              double v01 = spix[(gsize) y1 * sstride + x0 * schannels + c];
              double v11 = spix[(gsize) y1 * sstride + x1 * schannels + c];
              double v = (v00 * (1 - fx) + v10 * fx) * (1 - fy) +
                         (v01 * (1 - fx) + v11 * fx) * fy;
              row[x * 3 + c] = (guint8) CLAMP (lround (v), 0, 255);
            }
        }
    }

  if (out_quad != NULL)
    for (int i = 0; i < 4; i++)
      out_quad->p[i] = dst[i];

  return g_steal_pointer (&result);
}

char *
rs_fix_get_cache_dir (const char  *subdir,
                      GError     **error)
{
  g_autofree char *top = g_build_filename (g_get_user_cache_dir (), "resubmit", NULL);
  g_autofree char *dir = g_build_filename (top, subdir, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_WRITE,
                   _("Could not create the folder “%s” for the app’s copies of your photos: %s. Check that your home folder has free space and is writable."),
                   dir, g_strerror (saved));
      return NULL;
    }
  /* The folders hold copies of identity documents: owner only, even when
   * they existed before with looser permissions. */
  g_chmod (top, 0700);
  g_chmod (dir, 0700);
  return g_steal_pointer (&dir);
}

static char *
clean_stem (const char *stem)
{
  GString *s = g_string_new (NULL);

  for (const char *p = stem ? stem : ""; *p != '\0' && s->len < 40; p++)
    {
      char ch = *p;
      if (g_ascii_isalnum (ch) || ch == '_')
        g_string_append_c (s, ch);
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_append (s, "photo");
  return g_string_free (s, FALSE);
}

GFile *
rs_fix_write_private (const char  *subdir,
                      const char  *stem,
                      const char  *extension,
                      GBytes      *bytes,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  dir = rs_fix_get_cache_dir (subdir, error);
  if (dir == NULL)
    return NULL;
  clean = clean_stem (stem);

  for (int attempt = 0; attempt < 16; attempt++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%08x.%s", clean, g_random_int (),
                                               extension ? extension : "bin");
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) out = NULL;
      g_autoptr(GError) local = NULL;
      gsize written = 0;

      out = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, &local);
      if (out == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
            continue;
          g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_WRITE,
                       _("Could not save the app’s copy of the photo: %s. Check that your home folder has free space."),
                       local->message);
          return NULL;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out),
                                      g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes),
                                      &written, NULL, &local) ||
          !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local))
        {
          g_file_delete (file, NULL, NULL);
          g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_WRITE,
                       _("Could not save the app’s copy of the photo: %s. Check that your home folder has free space."),
                       local->message);
          return NULL;
        }
      return g_steal_pointer (&file);
    }

  g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_WRITE,
               _("Could not find a free file name for the app’s copy of the photo in “%s”."),
               dir);
  return NULL;
}

GFile *
rs_fix_save_pixbuf (GdkPixbuf   *pixbuf,
                    const char  *stem,
                    GError     **error)
{
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  /* JPEG has no alpha: flatten onto white. */
  if (gdk_pixbuf_get_has_alpha (pixbuf))
    flat = gdk_pixbuf_composite_color_simple (pixbuf,
                                              gdk_pixbuf_get_width (pixbuf),
                                              gdk_pixbuf_get_height (pixbuf),
                                              GDK_INTERP_NEAREST, 255, 32,
                                              0xffffffff, 0xffffffff);
  else
    flat = g_object_ref (pixbuf);

  if (flat == NULL ||
      !gdk_pixbuf_save_to_buffer (flat, &buffer, &size, "jpeg", &local,
                                  "quality", "92", NULL))
    {
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_WRITE,
                   _("Could not encode the fixed photo: %s"),
                   local ? local->message : g_strerror (ENOMEM));
      return NULL;
    }
  bytes = g_bytes_new_take (buffer, size);
  return rs_fix_write_private ("fixed", stem, "jpg", bytes, error);
}

static GdkPixbuf *
load_oriented (GFile         *source,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *path = g_file_get_path (source);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (source);
      g_set_error (error, RS_FIX_ERROR, RS_FIX_ERROR_LOAD,
                   _("Could not read the photo “%s”: it is not a local file. Copy it to your computer first."),
                   name);
      return NULL;
    }
  /* Safe loading: limits and format checked before decoding; upright. */
  return rs_image_load (path, 0, NULL, cancellable, error);
}

static char *
stem_for (GFile      *source,
          const char *suffix)
{
  g_autofree char *base = g_file_get_basename (source);
  char *dot;

  if (base == NULL)
    base = g_strdup ("photo");
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strconcat (base, "-", suffix, NULL);
}

GFile *
rs_fix_rotate_file (GFile         *source,
                    int            quarter_turns,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) rotated = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (G_IS_FILE (source), NULL);

  pixbuf = load_oriented (source, cancellable, error);
  if (pixbuf == NULL)
    return NULL;
  rotated = rs_fix_rotate (pixbuf, quarter_turns);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  stem = stem_for (source, "rotated");
  return rs_fix_save_pixbuf (rotated, stem, error);
}

GFile *
rs_fix_straighten_file (GFile         *source,
                        const RsQuad  *quad,
                        double         aspect,
                        double         margin_percent,
                        int            min_short_side,
                        int            max_long_side,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) warped = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (quad != NULL, NULL);

  pixbuf = load_oriented (source, cancellable, error);
  if (pixbuf == NULL)
    return NULL;
  warped = rs_fix_warp (pixbuf, quad, aspect, margin_percent, min_short_side, max_long_side,
                        NULL, error);
  if (warped == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  stem = stem_for (source, "straightened");
  return rs_fix_save_pixbuf (warped, stem, error);
}

typedef struct {
  GFile   *source;
  gboolean straighten;
  int      quarter_turns;
  RsQuad   quad;
  double   aspect;
  double   margin_percent;
  int      min_short_side;
  int      max_long_side;
} FixJob;

static void
fix_job_free (gpointer data)
{
  FixJob *job = data;

  g_clear_object (&job->source);
  g_free (job);
}

static void
fix_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FixJob *job = task_data;
  GError *error = NULL;
  GFile *result;

  if (job->straighten)
    result = rs_fix_straighten_file (job->source, &job->quad, job->aspect,
                                     job->margin_percent, job->min_short_side, job->max_long_side,
                                     cancellable, &error);
  else
    result = rs_fix_rotate_file (job->source, job->quarter_turns, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
fix_run_async (FixJob              *job,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, fix_run_async);
  g_task_set_task_data (task, job, fix_job_free);
  g_task_run_in_thread (task, fix_thread);
}

void
rs_fix_rotate_file_async (GFile               *source,
                          int                  quarter_turns,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  FixJob *job;

  g_return_if_fail (G_IS_FILE (source));

  job = g_new0 (FixJob, 1);
  job->source = g_object_ref (source);
  job->quarter_turns = quarter_turns;
  fix_run_async (job, cancellable, callback, user_data);
}

void
rs_fix_straighten_file_async (GFile               *source,
                              const RsQuad        *quad,
                              double               aspect,
                              double               margin_percent,
                              int                  min_short_side,
                              int                  max_long_side,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  FixJob *job;

  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (quad != NULL);

  job = g_new0 (FixJob, 1);
  job->source = g_object_ref (source);
  job->straighten = TRUE;
  job->quad = *quad;
  job->aspect = aspect;
  job->margin_percent = margin_percent;
  job->min_short_side = min_short_side;
  job->max_long_side = max_long_side;
  fix_run_async (job, cancellable, callback, user_data);
}

GFile *
rs_fix_file_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
