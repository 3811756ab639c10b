/* rs-read-glyphs.c: the OCR-B glyph templates, rendered once with FreeType
 * from the installed face (Debian fonts-ocr-b; /app/share/fonts in the
 * Flatpak).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "rs-read-private.h"

const char rs_read_alphabet[RS_READ_N_GLYPHS + 1] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<()";

static const char *font_names[] = {
  "fonts/opentype/ocr-b/OCRB.otf",    /* Debian fonts-ocr-b */
  "fonts/OCRB.otf",                   /* the Flatpak module */
  "fonts/opentype/OCRB.otf",
};

static gpointer
find_font (gpointer data)
{
  const char *env = g_getenv ("RESUBMIT_OCRB_FONT");
  const char * const *dirs;
  const char *first[] = { "/app/share", "/usr/share", "/usr/local/share", NULL };

  (void) data;
  if (env && *env)
    return g_file_test (env, G_FILE_TEST_IS_REGULAR) ? g_strdup (env) : NULL;
  for (int pass = 0; pass < 2; pass++)
    {
      dirs = pass == 0 ? first : g_get_system_data_dirs ();
      for (guint i = 0; dirs[i]; i++)
        for (guint k = 0; k < G_N_ELEMENTS (font_names); k++)
          {
            g_autofree char *p = g_build_filename (dirs[i], font_names[k], NULL);
            if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
              return g_steal_pointer (&p);
          }
    }
  return NULL;
}

const char *
rs_read_font_path (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, find_font, NULL);
}

/* Separable [1 2 1] smoothing: the photographed cells are never sharp, so
 * the templates should not be either. */
void
rs_read_smooth (float *p,
                int    w,
                int    h)
{
  g_autofree float *t = g_new (float, (gsize) w * h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float l = p[y * w + MAX (x - 1, 0)], r = p[y * w + MIN (x + 1, w - 1)];
        t[y * w + x] = 0.25f * l + 0.5f * p[y * w + x] + 0.25f * r;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float u = t[MAX (y - 1, 0) * w + x], d = t[MIN (y + 1, h - 1) * w + x];
        p[y * w + x] = 0.25f * u + 0.5f * t[y * w + x] + 0.25f * d;
      }
}

/* Zero mean, unit norm; returns the standard deviation before. */
double
rs_read_normalize (float *p,
                   int    n)
{
  double s = 0, ss = 0, sd;

  for (int i = 0; i < n; i++)
    s += p[i];
  s /= n;
  for (int i = 0; i < n; i++)
    {
      p[i] -= (float) s;
      ss += (double) p[i] * p[i];
    }
  sd = sqrt (ss / n);
  if (ss > 1e-12)
    for (int i = 0; i < n; i++)
      p[i] /= (float) sqrt (ss);
  return sd;
}

#define RENDER_PX 128

static gpointer
render_templates (gpointer data)
{
  const char *path = rs_read_font_path ();
  RsReadTemplates *t;
  FT_Library lib = NULL;
  FT_Face face = NULL;
  double pitch, cap, cap_mid;

  (void) data;
  if (path == NULL)
    return NULL;
  if (FT_Init_FreeType (&lib) != 0)
    return NULL;
  if (FT_New_Face (lib, path, 0, &face) != 0 || FT_Set_Pixel_Sizes (face, 0, RENDER_PX) != 0)
    {
      g_warning ("Cannot load the OCR-B face %s", path);
      if (face)
        FT_Done_Face (face);
      FT_Done_FreeType (lib);
      return NULL;
    }

  /* the cell: the fixed advance wide, the cap height of H high */
  if (FT_Load_Char (face, 'H', FT_LOAD_RENDER) != 0)
    goto fail;
  pitch = face->glyph->advance.x / 64.0;
  cap = face->glyph->bitmap.rows;
  cap_mid = cap / 2.0; /* above the baseline */

  t = g_new0 (RsReadTemplates, 1);
  t->pitch_per_height = pitch / cap;
  for (int g = 0; g < RS_READ_N_GLYPHS; g++)
    {
      FT_GlyphSlot s;
      float *out = t->glyph[g];
      double left, top;

      if (FT_Load_Char (face, (FT_ULong) rs_read_alphabet[g], FT_LOAD_RENDER) != 0)
        {
          g_free (t);
          goto fail;
        }
      s = face->glyph;
      /* glyph bitmap origin relative to the cell centre on the cap middle */
      left = s->bitmap_left - pitch / 2.0;
      top = -(s->bitmap_top - cap_mid);
      for (int v = 0; v < RS_READ_PH; v++)
        for (int u = 0; u < RS_READ_PW; u++)
          {
            double acc = 0;

            for (int sy = 0; sy < 4; sy++)
              for (int sx = 0; sx < 4; sx++)
                {
                  double x = ((u + (sx + 0.5) / 4.0) / RS_READ_PW - 0.5) * pitch;
                  double y = ((v + (sy + 0.5) / 4.0) / RS_READ_PH - 0.5) * RS_READ_PATCH_HEIGHT * cap;
                  int bx = (int) floor (x - left), by = (int) floor (y - top);

                  if (bx >= 0 && by >= 0 && bx < (int) s->bitmap.width && by < (int) s->bitmap.rows)
                    acc += s->bitmap.buffer[by * s->bitmap.pitch + bx] / 255.0;
                }
            out[v * RS_READ_PW + u] = (float) (acc / 16.0);
          }
      rs_read_smooth (out, RS_READ_PW, RS_READ_PH);
      rs_read_normalize (out, RS_READ_PW * RS_READ_PH);
    }
  FT_Done_Face (face);
  FT_Done_FreeType (lib);
  return t;

fail:
  FT_Done_Face (face);
  FT_Done_FreeType (lib);
  return NULL;
}

const RsReadTemplates *
rs_read_templates (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, render_templates, NULL);
}

int
rs_read_glyph_index (char c)
{
  const char *p = c ? strchr (rs_read_alphabet, c) : NULL;

  return p ? (int) (p - rs_read_alphabet) : -1;
}
