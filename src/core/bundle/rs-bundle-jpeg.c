/* rs-bundle-jpeg.c: JPEG re-encoding within limits and metadata scanning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <math.h>
#include <glib/gi18n-lib.h>

#include "rs-bundle.h"
#include "rs-bundle-jpeg.h"
#include "rs-jpeg-walk.h"

static void
add_unique (GPtrArray  *found,
            const char *id)
{
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (g_ptr_array_index (found, i), id))
      return;
  g_ptr_array_add (found, g_strdup (id));
}

static gboolean
has_prefix (const guint8 *p,
            gsize         len,
            const char   *prefix,
            gsize         prefix_len)
{
  return len >= prefix_len && memcmp (p, prefix, prefix_len) == 0;
}

gboolean
rs_jpeg_scan_metadata (const guint8 *data,
                       gsize         length,
                       GPtrArray    *found)
{
  RsJpegWalk walk;
  guint8 marker;
  const guint8 *payload;
  gsize payload_len;

  g_return_val_if_fail (found != NULL, FALSE);

  if (!rs_jpeg_walk_init (&walk, data, length))
    {
      add_unique (found, "structure");
      return FALSE;
    }

  while (rs_jpeg_walk_next (&walk, &marker, &payload, &payload_len))
    {
      if (marker == 0xD9) /* EOI */
        {
          for (gsize i = walk.pos; i < length; i++)
            if (data[i] != 0x00)
              {
                add_unique (found, "trailing");
                break;
              }
          return TRUE;
        }

      if (marker == 0xE1)
        {
          if (has_prefix (payload, payload_len, "Exif\0", 5))
            add_unique (found, "exif");
          else if (has_prefix (payload, payload_len, "http://ns.adobe.com/", 20))
            add_unique (found, "xmp");
          else
            add_unique (found, "app1");
        }
      else if (marker == 0xED)
        add_unique (found, "app13");
      else if (marker == 0xFE)
        add_unique (found, "comment");
      else if (marker >= 0xE0 && marker <= 0xEF &&
               marker != 0xE0 && marker != 0xE2 && marker != 0xEE)
        {
          char id[8];
          g_snprintf (id, sizeof id, "app%d", marker - 0xE0);
          add_unique (found, id);
        }

      if (marker == 0xDA) /* SOS: entropy-coded data follows */
        rs_jpeg_walk_skip_scan (&walk);
    }

  /* Ran out of data before EOI, or a broken marker. */
  add_unique (found, "structure");
  return FALSE;
}

gboolean
rs_jpeg_get_size (const guint8 *data,
                  gsize         length,
                  int          *width,
                  int          *height)
{
  RsJpegWalk walk;
  guint8 marker;
  const guint8 *payload;
  gsize payload_len;

  if (!rs_jpeg_walk_init (&walk, data, length))
    return FALSE;
  while (rs_jpeg_walk_next (&walk, &marker, &payload, &payload_len))
    {
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE;
      if (rs_jpeg_marker_is_sof (marker))
        {
          if (payload_len < 5)
            return FALSE;
          *height = (payload[1] << 8) | payload[2];
          *width = (payload[3] << 8) | payload[4];
          return TRUE;
        }
    }
  return FALSE;
}

/* JPEG has no alpha: composite over white so transparent areas do not turn
 * black. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  GdkPixbuf *out;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  out = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  gdk_pixbuf_fill (out, 0xFFFFFFFF);
  gdk_pixbuf_composite (pixbuf, out, 0, 0, w, h, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return out;
}

static GBytes *
encode (GdkPixbuf *pixbuf,
        int        quality,
        GError   **error)
{
  g_autofree char *q = g_strdup_printf ("%d", quality);
  gchar *buffer = NULL;
  gsize size = 0;

  /* No "icc-profile" or other options: the saver then writes only the JFIF
   * header, never EXIF/XMP.  rs_jpeg_scan_metadata() double-checks. */
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                  "quality", q, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

GBytes *
rs_jpeg_encode_within (GdkPixbuf        *upright,
                       gint64            max_bytes,
                       int               max_long_side,
                       RsJpegEncodeInfo *info,
                       GCancellable     *cancellable,
                       GError          **error)
{
  static const int qualities[] = { 92, 86, 80, 74, 68, 60 };
  g_autoptr(GdkPixbuf) current = NULL;
  int w, h, long_side;
  double scale = 1.0;

  g_return_val_if_fail (GDK_IS_PIXBUF (upright), NULL);

  current = flatten (upright);
  w = gdk_pixbuf_get_width (current);
  h = gdk_pixbuf_get_height (current);
  long_side = MAX (w, h);

  if (max_long_side > 0 && long_side > max_long_side)
    {
      GdkPixbuf *scaled;

      scale = (double) max_long_side / long_side;
      scaled = gdk_pixbuf_scale_simple (current,
                                        MAX (1, (int) floor (w * scale + 0.5)),
                                        MAX (1, (int) floor (h * scale + 0.5)),
                                        GDK_INTERP_BILINEAR);
      if (scaled == NULL)
        goto nomem;
      g_set_object (&current, scaled);
      g_object_unref (scaled);
    }

  /* Quality first (keeps detail), then smaller pixels; four rounds of
   * downscaling are more than enough for any real photo. */
  for (int round = 0; round < 5; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (qualities); i++)
        {
          g_autoptr(GBytes) bytes = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          bytes = encode (current, qualities[i], error);
          if (bytes == NULL)
            return NULL;
          if (max_bytes <= 0 || (gint64) g_bytes_get_size (bytes) <= max_bytes)
            {
              if (info != NULL)
                {
                  info->quality = qualities[i];
                  info->width = gdk_pixbuf_get_width (current);
                  info->height = gdk_pixbuf_get_height (current);
                  info->scale = scale;
                }
              return g_steal_pointer (&bytes);
            }
          /* Far too big: lower quality barely helps, go straight to
           * downscaling. */
          if ((gint64) g_bytes_get_size (bytes) > 3 * max_bytes)
            break;
        }

      {
        int cw = gdk_pixbuf_get_width (current);
        int ch = gdk_pixbuf_get_height (current);
        double step = 0.75;
        GdkPixbuf *scaled;

        if (cw < 64 || ch < 64)
          break;
        scaled = gdk_pixbuf_scale_simple (current,
                                          MAX (1, (int) (cw * step)),
                                          MAX (1, (int) (ch * step)),
                                          GDK_INTERP_BILINEAR);
        if (scaled == NULL)
          goto nomem;
        scale *= step;
        g_set_object (&current, scaled);
        g_object_unref (scaled);
      }
    }

  g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_PHOTO,
               _("The photo cannot be made smaller than the platform’s limit of %.1f MB "
                 "without losing too much detail. Take the photo again with less in the "
                 "frame around the document."),
               max_bytes / 1e6);
  return NULL;

nomem:
  g_set_error (error, RS_BUNDLE_ERROR, RS_BUNDLE_ERROR_PHOTO,
               _("There is not enough memory to resize the photo. Close other "
                 "applications and try again."));
  return NULL;
}
