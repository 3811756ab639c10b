/* rs-image.c: safe loading of user photos.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rs-image.h"
#include "rs-jpeg-walk.h"
#include "rs-counters.h"

G_DEFINE_QUARK (rs-image-error-quark, rs_image_error)

const char *
rs_image_error_code_to_string (int code)
{
  switch (code)
    {
    case RS_IMAGE_ERROR_NOT_FOUND: return "not-found";
    case RS_IMAGE_ERROR_NOT_REGULAR_FILE: return "not-regular-file";
    case RS_IMAGE_ERROR_UNREADABLE: return "unreadable";
    case RS_IMAGE_ERROR_EMPTY: return "empty";
    case RS_IMAGE_ERROR_UNSUPPORTED_FORMAT: return "unsupported-format";
    case RS_IMAGE_ERROR_TOO_LARGE: return "too-large";
    case RS_IMAGE_ERROR_CORRUPT: return "corrupt";
    case RS_IMAGE_ERROR_ANIMATED: return "animated";
    default: return "unknown";
    }
}

void
rs_image_info_clear (RsImageInfo *info)
{
  if (info == NULL)
    return;
  g_clear_pointer (&info->format, g_free);
  g_clear_pointer (&info->mime_type, g_free);
  memset (info, 0, sizeof *info);
}

void
rs_image_info_copy (const RsImageInfo *src,
                    RsImageInfo       *dest)
{
  *dest = *src;
  dest->format = g_strdup (src->format);
  dest->mime_type = g_strdup (src->mime_type);
}

/* Formats we decode.  GIF is recognised only to explain why it is refused.
 * HEIF's GdkPixbuf loader is "heif/avif" (libheif's own, Debian 12) or
 * "heic" and "avif" (gdk-pixbuf's glycin loaders, GNOME runtime). */
static gboolean
format_allowed (const char *name)
{
  return g_strcmp0 (name, "jpeg") == 0 || g_strcmp0 (name, "png") == 0 ||
         g_strcmp0 (name, "webp") == 0 || g_strcmp0 (name, "heif") == 0 ||
         g_strcmp0 (name, "heic") == 0 || g_strcmp0 (name, "avif") == 0 ||
         g_strcmp0 (name, "heif/avif") == 0;
}

static guint16
rd16 (const guint8 *p, gboolean le)
{
  return le ? (guint16) (p[0] | (p[1] << 8)) : (guint16) ((p[0] << 8) | p[1]);
}

static guint32
rd32 (const guint8 *p, gboolean le)
{
  return le ? ((guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24))
            : (((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | (guint32) p[3]);
}

/* EXIF orientation from the APP1 segment of a JPEG; 1 when absent or bad. */
static int
jpeg_orientation (const guint8 *d,
                  gsize         n)
{
  RsJpegWalk walk;
  guint8 marker;
  const guint8 *payload;
  gsize len;

  if (!rs_jpeg_walk_init (&walk, d, n))
    return 1;
  while (rs_jpeg_walk_next (&walk, &marker, &payload, &len))
    {
      if (marker == 0xD9 || marker == 0xDA)
        return 1; /* end of image or start of scan: no EXIF before the data */
      if (marker == 0xE1 && len >= 14 && memcmp (payload, "Exif\0\0", 6) == 0)
        {
          const guint8 *t = payload + 6;
          gsize tn = len - 6;
          gboolean le;
          guint32 ifd;
          guint count;

          if (memcmp (t, "II", 2) == 0)
            le = TRUE;
          else if (memcmp (t, "MM", 2) == 0)
            le = FALSE;
          else
            return 1;
          ifd = rd32 (t + 4, le);
          if (ifd < 8 || (gsize) ifd + 2 > tn)
            return 1;
          count = rd16 (t + ifd, le);
          for (guint i = 0; i < count; i++)
            {
              gsize e = ifd + 2 + (gsize) i * 12;

              if (e + 12 > tn)
                return 1;
              if (rd16 (t + e, le) == 0x0112)
                {
                  guint v = rd16 (t + e + 8, le);
                  return (v >= 1 && v <= 8) ? (int) v : 1;
                }
            }
          return 1;
        }
    }
  return 1;
}

/* Count the frames of a GIF without decoding it; stops at 2. */
static guint
gif_frame_count (const guint8 *d,
                 gsize         n)
{
  gsize pos = 13;
  guint frames = 0;

  if (n < 13)
    return 0;
  if (d[10] & 0x80)
    pos += 3u * (1u << ((d[10] & 7) + 1));
  while (pos < n && frames < 2)
    {
      guint8 b = d[pos];

      if (b == 0x3B)
        break;
      if (b == 0x21)
        {
          pos += 2;
        }
      else if (b == 0x2C)
        {
          frames++;
          if (pos + 10 > n)
            break;
          if (d[pos + 9] & 0x80)
            pos += 3u * (1u << ((d[pos + 9] & 7) + 1));
          pos += 11; /* descriptor and LZW minimum code size */
        }
      else
        break;
      /* data sub-blocks */
      while (pos < n && d[pos] != 0)
        pos += 1 + d[pos];
      pos++;
    }
  return frames;
}

/* An animated WebP has a VP8X chunk with the animation flag. */
static gboolean
webp_animated (const guint8 *d,
               gsize         n)
{
  return n >= 21 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0 &&
         memcmp (d + 12, "VP8X", 4) == 0 && (d[20] & 0x02) != 0;
}

/* Offset of the first start-of-scan marker of a JPEG, or 0 when it is not
 * in @d. */
static gsize
jpeg_scan_offset (const guint8 *d,
                  gsize         n)
{
  RsJpegWalk walk;
  guint8 marker;
  const guint8 *payload;
  gsize len;

  if (!rs_jpeg_walk_init (&walk, d, n))
    return 0;
  while (rs_jpeg_walk_next (&walk, &marker, &payload, &len))
    if (marker == 0xDA)
      return walk.marker_pos;
  return 0;
}

static gboolean
memfind (const guint8 *hay,
         gsize         n,
         const char   *needle,
         gsize         len)
{
  for (gsize i = 0; i + len <= n; i++)
    if (memcmp (hay + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the file ends as its format requires: decoders fill a truncated
 * JPEG with grey without an error, so look for the end marker ourselves.
 * Data after the end (camera trailers) is allowed. */
static gboolean
looks_complete (const char   *path,
                const char   *format,
                gint64        size,
                const guint8 *head,
                gsize         head_len)
{
  gint64 start;
  g_autofree guint8 *tail = NULL;
  gsize n = 0;
  FILE *fp;
  gboolean ok = TRUE;

  if (g_str_equal (format, "webp"))
    return head_len < 8 || size >= (gint64) rd32 (head + 4, TRUE) + 8;
  if (!g_str_equal (format, "jpeg") && !g_str_equal (format, "png"))
    return TRUE;

  start = g_str_equal (format, "jpeg") ? (gint64) jpeg_scan_offset (head, head_len) + 2 : 8;
  start = MAX (start, size - 65536);
  fp = g_fopen (path, "rb");
  if (fp == NULL)
    return TRUE; /* reading reports it */
  if (fseek (fp, (long) start, SEEK_SET) == 0)
    {
      tail = g_malloc ((gsize) (size - start) + 1);
      n = fread (tail, 1, (gsize) (size - start), fp);
      if (g_str_equal (format, "jpeg"))
        ok = memfind (tail, n, "\xFF\xD9", 2);
      else
        ok = memfind (tail, n, "IEND", 4);
    }
  fclose (fp);
  return ok;
}

/* Width and height from the header bytes themselves, for the formats whose
 * decoders may refuse (or try to allocate) huge sizes before telling us. */
static gboolean
header_dimensions (const guint8 *d,
                   gsize         n,
                   gint64       *w,
                   gint64       *h)
{
  if (n >= 24 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (d + 12, "IHDR", 4) == 0)
    {
      *w = rd32 (d + 16, FALSE);
      *h = rd32 (d + 20, FALSE);
      return TRUE;
    }
  if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8)
    {
      RsJpegWalk walk;
      guint8 marker;
      const guint8 *payload;
      gsize len;

      rs_jpeg_walk_init (&walk, d, n);
      while (rs_jpeg_walk_next (&walk, &marker, &payload, &len) && marker != 0xDA)
        if (rs_jpeg_marker_is_sof (marker) && len >= 5)
          {
            *h = rd16 (payload + 1, FALSE);
            *w = rd16 (payload + 3, FALSE);
            return TRUE;
          }
      return FALSE;
    }
  if (n >= 30 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    {
      if (memcmp (d + 12, "VP8X", 4) == 0)
        {
          *w = 1 + (d[24] | (d[25] << 8) | (d[26] << 16));
          *h = 1 + (d[27] | (d[28] << 8) | (d[29] << 16));
          return TRUE;
        }
      if (memcmp (d + 12, "VP8L", 4) == 0 && n >= 25)
        {
          guint32 b = rd32 (d + 21, TRUE);
          *w = 1 + (b & 0x3FFF);
          *h = 1 + ((b >> 14) & 0x3FFF);
          return TRUE;
        }
      if (memcmp (d + 12, "VP8 ", 4) == 0)
        {
          *w = rd16 (d + 26, TRUE) & 0x3FFF;
          *h = rd16 (d + 28, TRUE) & 0x3FFF;
          return TRUE;
        }
    }
  return FALSE;
}

/* Magic bytes of the formats we know, to tell "damaged" from "not an image". */
static gboolean
looks_like_image (const guint8 *d,
                  gsize         n)
{
  return (n >= 2 && d[0] == 0xFF && d[1] == 0xD8) ||
         (n >= 4 && memcmp (d, "\x89PNG", 4) == 0) ||
         (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0) ||
         (n >= 4 && memcmp (d, "GIF8", 4) == 0) ||
         (n >= 12 && memcmp (d + 4, "ftyp", 4) == 0);
}

static char *
display_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  return g_filename_display_name (base);
}

/* Head of the file (first 256 KiB: enough for EXIF and GIF frame headers of
 * small GIFs; a big GIF with two frames further on is caught when decoding). */
static GBytes *
read_head (const char  *path,
           gsize        max,
           GError     **error)
{
  g_autofree guint8 *buf = g_malloc (max);
  g_autofree char *name = display_name (path);
  FILE *fp;
  gsize n;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int e = errno;
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNREADABLE,
                   _("“%s” cannot be read (%s). Check the file’s permissions or copy it to your home folder."),
                   name, g_strerror (e));
      return NULL;
    }
  n = fread (buf, 1, max, fp);
  if (ferror (fp))
    {
      fclose (fp);
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNREADABLE,
                   _("“%s” cannot be read because of an input/output error. Copy it again from its source."),
                   name);
      return NULL;
    }
  fclose (fp);
  return g_bytes_new_take (g_steal_pointer (&buf), n);
}

gboolean
rs_image_probe (const char   *path,
                RsImageInfo  *info,
                GError      **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) head = NULL;
  GStatBuf st;
  GdkPixbufFormat *format;
  const guint8 *d;
  gsize n;
  int w = 0, h = 0;
  g_autofree char *fname = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  name = display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int e = errno;
      if (e == ENOENT || e == ENOTDIR)
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_NOT_FOUND,
                     _("“%s” does not exist. Choose the photo again."), name);
      else
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNREADABLE,
                     _("“%s” cannot be read (%s). Check the file’s permissions or copy it to your home folder."),
                     name, g_strerror (e));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_NOT_REGULAR_FILE,
                   S_ISDIR (st.st_mode)
                     ? _("“%s” is a folder, not a photo. Choose a photo file inside it.")
                     : _("“%s” is not a regular file. Choose a photo file."),
                   name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_EMPTY,
                   _("“%s” is empty (0 bytes). It may not have finished copying; copy it again."), name);
      return FALSE;
    }
  if ((gint64) st.st_size > RS_IMAGE_MAX_BYTES)
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_TOO_LARGE,
                   _("“%s” is too large (%.0f MB; at most %.0f MB). Take the photo again at a lower resolution."),
                   name, st.st_size / 1e6, RS_IMAGE_MAX_BYTES / 1e6);
      return FALSE;
    }

  head = read_head (path, 256 * 1024, error);
  if (head == NULL)
    return FALSE;
  d = g_bytes_get_data (head, &n);

  {
    gint64 hw = 0, hh = 0;

    /* refuse before any decoder sees it */
    /* Unsigned: two 32-bit PNG sides multiply past G_MAXINT64. */
    if (header_dimensions (d, n, &hw, &hh) && (guint64) hw * (guint64) hh > RS_IMAGE_MAX_PIXELS)
      {
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_TOO_LARGE,
                     _("“%s” is too large (%u × %u pixels, at most %d megapixels). Take the photo again at a lower resolution."),
                     name, (guint) hw, (guint) hh, RS_IMAGE_MAX_PIXELS / 1000000);
        return FALSE;
      }
  }

  format = gdk_pixbuf_get_file_info (path, &w, &h);
  if (format == NULL && n >= 12 && memcmp (d + 4, "ftyp", 4) == 0)
    {
      /* HEIF/HEIC/AVIF without a decoder installed */
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNSUPPORTED_FORMAT,
                   _("“%s” is a HEIC/HEIF photo, which this computer cannot open. Set the phone to save photos as JPEG (“Most Compatible”) or convert the photo to JPEG."),
                   name);
      return FALSE;
    }
  if (format == NULL || w <= 0 || h <= 0)
    {
      if (looks_like_image (d, n))
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_CORRUPT,
                     _("“%s” is damaged or incomplete and cannot be opened. Copy it again from its source or take a new photo."),
                     name);
      else
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNSUPPORTED_FORMAT,
                     _("“%s” is not a photo in a supported format. Use a JPEG, PNG or WebP photo."),
                     name);
      return FALSE;
    }

  fname = gdk_pixbuf_format_get_name (format);
  if (g_strcmp0 (fname, "gif") == 0)
    {
      if (gif_frame_count (d, n) > 1)
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_ANIMATED,
                     _("“%s” is an animation, not a photo. Use a JPEG or PNG photo."), name);
      else
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNSUPPORTED_FORMAT,
                     _("“%s” is a GIF image, which is not accepted. Use a JPEG, PNG or WebP photo."), name);
      return FALSE;
    }
  if (!format_allowed (fname))
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNSUPPORTED_FORMAT,
                   _("“%s” is in a format that is not accepted (%s). Use a JPEG, PNG or WebP photo."),
                   name, fname);
      return FALSE;
    }
  if (g_strcmp0 (fname, "webp") == 0 && webp_animated (d, n))
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_ANIMATED,
                   _("“%s” is an animation, not a photo. Use a JPEG or PNG photo."), name);
      return FALSE;
    }
  if ((gint64) w * h > RS_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_TOO_LARGE,
                   _("“%s” is too large (%u × %u pixels, at most %d megapixels). Take the photo again at a lower resolution."),
                   name, (guint) w, (guint) h, RS_IMAGE_MAX_PIXELS / 1000000);
      return FALSE;
    }

  if (!looks_complete (path, fname, st.st_size, d, n))
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_CORRUPT,
                   _("“%s” is incomplete (the end of the file is missing) and cannot be used. Copy it again from its source or take a new photo."),
                   name);
      return FALSE;
    }

  if (g_str_equal (fname, "heic") || g_str_has_prefix (fname, "heif"))
    /* one name whatever the loader; AVIF (same container, "avif" brand) apart */
    info->format = g_strdup (n >= 12 && (memcmp (d + 8, "avif", 4) == 0 ||
                                         memcmp (d + 8, "avis", 4) == 0) ? "avif" : "heif");
  else
    info->format = g_strdup (fname);
  {
    char **mimes = gdk_pixbuf_format_get_mime_types (format);
    info->mime_type = g_strdup (mimes && mimes[0] ? mimes[0] : NULL);
    g_strfreev (mimes);
  }
  info->bytes = st.st_size;
  info->orientation = g_str_equal (fname, "jpeg") ? jpeg_orientation (d, n) : 1;
  if (info->orientation >= 5)
    {
      info->width = h;
      info->height = w;
    }
  else
    {
      info->width = w;
      info->height = h;
    }
  return TRUE;
}

/* Apply an EXIF orientation (1..8) to a pixbuf. */
static GdkPixbuf *
apply_orientation (GdkPixbuf *src,
                   int        orientation)
{
  GdkPixbuf *tmp, *out;

  switch (orientation)
    {
    case 2: return gdk_pixbuf_flip (src, TRUE);
    case 3: return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4: return gdk_pixbuf_flip (src, FALSE);
    case 5:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
      out = tmp ? gdk_pixbuf_flip (tmp, TRUE) : NULL;
      g_clear_object (&tmp);
      return out;
    case 6: return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      out = tmp ? gdk_pixbuf_flip (tmp, TRUE) : NULL;
      g_clear_object (&tmp);
      return out;
    case 8: return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default: return g_object_ref (src);
    }
}

typedef struct {
  int width;
  int height;
} WantedSize;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  WantedSize *want = user_data;

  if (want->width > 0 && want->height > 0 && want->width < width)
    gdk_pixbuf_loader_set_size (loader, want->width, want->height);
}

GdkPixbuf *
rs_image_load (const char    *path,
               int            max_long_side,
               RsImageInfo   *info,
               GCancellable  *cancellable,
               GError       **error)
{
  RsImageInfo local = { 0 };
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autofree char *name = NULL;
  g_autofree guint8 *buf = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *decoded;
  WantedSize want = { 0, 0 };
  int raw_w, raw_h, long_side;
  FILE *fp;
  gboolean ok = TRUE;
  gsize total = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!rs_image_probe (path, &local, error))
    return NULL;
  name = display_name (path);

  raw_w = local.orientation >= 5 ? local.height : local.width;
  raw_h = local.orientation >= 5 ? local.width : local.height;
  long_side = MAX (raw_w, raw_h);
  if (max_long_side > 0 && long_side > max_long_side)
    {
      if (g_str_equal (local.format, "jpeg"))
        {
          /* libjpeg decodes at 1/2, 1/4, 1/8 cheaply: take the smallest of
           * those that keeps at least 70 % of the wanted size. */
          int den = 1;
          while (den < 8 && long_side / (den * 2) >= max_long_side * 7 / 10)
            den *= 2;
          want.width = (raw_w + den - 1) / den;
          want.height = (raw_h + den - 1) / den;
        }
      if (want.width == 0 || MAX (want.width, want.height) > max_long_side)
        {
          double s = (double) max_long_side / long_side;
          want.width = MAX (1, (int) (raw_w * s + 0.5));
          want.height = MAX (1, (int) (raw_h * s + 0.5));
        }
    }

  /* HEIF/AVIF loaders have other names on other systems (format_allowed):
   * take the one that recognised the file, by its MIME type. */
  if ((g_str_equal (local.format, "heif") || g_str_equal (local.format, "avif")) &&
      local.mime_type != NULL)
    loader = gdk_pixbuf_loader_new_with_mime_type (local.mime_type, &local_error);
  else
    loader = gdk_pixbuf_loader_new_with_type (local.format, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNSUPPORTED_FORMAT,
                   _("“%s” is in a format this computer cannot open (%s). Use a JPEG, PNG or WebP photo."),
                   name, local.format);
      rs_image_info_clear (&local);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &want);
  rs_counters_add (RS_COUNTER_DECODE);

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int e = errno;
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_UNREADABLE,
                   _("“%s” cannot be read (%s). Check the file’s permissions or copy it to your home folder."),
                   name, g_strerror (e));
      gdk_pixbuf_loader_close (loader, NULL);
      rs_image_info_clear (&local);
      return NULL;
    }
  buf = g_malloc (256 * 1024);
  while (ok)
    {
      gsize n = fread (buf, 1, 256 * 1024, fp);

      if (n == 0)
        break;
      total += n;
      /* the file may have grown since we checked it */
      if ((gint64) total > RS_IMAGE_MAX_BYTES)
        {
          g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_TOO_LARGE,
                       _("“%s” is too large (at most %.0f MB). Take the photo again at a lower resolution."),
                       name, RS_IMAGE_MAX_BYTES / 1e6);
          ok = FALSE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (!gdk_pixbuf_loader_write (loader, buf, n, &local_error))
        {
          g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be opened (%s). Copy it again from its source or take a new photo."),
                       name, local_error->message);
          ok = FALSE;
        }
    }
  fclose (fp);
  g_clear_error (&local_error);
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL) && ok)
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_CORRUPT,
                   _("“%s” is damaged or incomplete and cannot be opened (%s). Copy it again from its source or take a new photo."),
                   name, local_error ? local_error->message : "");
      ok = FALSE;
    }
  if (!ok)
    {
      rs_image_info_clear (&local);
      return NULL;
    }

  {
    GdkPixbufAnimation *anim = gdk_pixbuf_loader_get_animation (loader);
    if (anim != NULL && !gdk_pixbuf_animation_is_static_image (anim))
      {
        g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_ANIMATED,
                     _("“%s” is an animation, not a photo. Use a JPEG or PNG photo."), name);
        rs_image_info_clear (&local);
        return NULL;
      }
  }

  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  if (decoded == NULL)
    {
      g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_CORRUPT,
                   _("“%s” is damaged or incomplete and cannot be opened. Copy it again from its source or take a new photo."),
                   name);
      rs_image_info_clear (&local);
      return NULL;
    }

  /* The loader may have given a larger image (JPEG decodes at 1/2^k). */
  if (max_long_side > 0 &&
      MAX (gdk_pixbuf_get_width (decoded), gdk_pixbuf_get_height (decoded)) > max_long_side)
    {
      int dw = gdk_pixbuf_get_width (decoded), dh = gdk_pixbuf_get_height (decoded);
      double s = (double) max_long_side / MAX (dw, dh);
      g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (decoded, MAX (1, (int) (dw * s + 0.5)),
                                                             MAX (1, (int) (dh * s + 0.5)),
                                                             GDK_INTERP_BILINEAR);
      if (scaled == NULL)
        goto oom;
      upright = apply_orientation (scaled, local.orientation);
    }
  else
    upright = apply_orientation (decoded, local.orientation);

  if (upright == NULL)
    goto oom;

  if (info != NULL)
    *info = local;
  else
    rs_image_info_clear (&local);
  return g_steal_pointer (&upright);

oom:
  g_set_error (error, RS_IMAGE_ERROR, RS_IMAGE_ERROR_TOO_LARGE,
               _("“%s” is too large to open on this computer. Take the photo again at a lower resolution."),
               name);
  rs_image_info_clear (&local);
  return NULL;
}
