/* rs-photo-report.c: the result of checking one photo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rs-photo-check-private.h"
#include "rs-read.h"
#include "rs-content.h"

typedef struct {
  char          *id;
  RsCheckStatus  status;
  double         value;
  double         threshold;
  char          *message;
} Finding;

struct _RsPhotoReport {
  GObject        parent_instance;

  char          *kind;
  char          *path;
  RsImageInfo    info;
  RsCheckStatus  verdict;

  gboolean       doc_found;
  double         doc_confidence;
  RsQuad         doc_quad;
  guint          cut_corners;

  GArray        *findings;     /* Finding */
  GPtrArray     *public_findings; /* RsPhotoFinding*, views of findings */
  GArray        *glare_spots;  /* RsImageRect */
  char          *guidance;
  const char    *guidance_id;

  guint64        image_hash;
  gboolean       has_doc_hash;
  guint64        doc_hash;
  gboolean       has_image_thumb;
  gboolean       has_doc_thumb;
  float          image_thumb[RS_THUMB_SIZE];
  float          doc_thumb[RS_THUMB_SIZE];
  double         decode_ms;
  double         analyse_ms;
  RsMeasures     measures;
  RsReadResult  *read;         /* what was read, once per photo (rs-read.h) */
  RsContentReport *content;    /* the content checks (rs-content.h) */
};

G_DEFINE_FINAL_TYPE (RsPhotoReport, rs_photo_report, G_TYPE_OBJECT)

const char *
rs_check_status_to_string (RsCheckStatus status)
{
  switch (status)
    {
    case RS_CHECK_PASS: return "pass";
    case RS_CHECK_WARN: return "warn";
    case RS_CHECK_FAIL: return "fail";
    default: return "fail";
    }
}

static void
finding_clear (gpointer data)
{
  Finding *f = data;
  g_free (f->id);
  g_free (f->message);
}

static void
rs_photo_report_finalize (GObject *object)
{
  RsPhotoReport *self = RS_PHOTO_REPORT (object);

  g_free (self->kind);
  g_free (self->path);
  rs_image_info_clear (&self->info);
  g_clear_pointer (&self->public_findings, g_ptr_array_unref);
  g_array_unref (self->findings);
  g_array_unref (self->glare_spots);
  g_free (self->guidance);
  /* Found by fuzz-bundle-zip (LeakSanitizer): every checked photo leaked it. */
  g_clear_pointer (&self->read, rs_read_result_unref);
  /* Found by fuzz-bundle-zip too, once every report kept its content. */
  g_clear_object (&self->content);

  G_OBJECT_CLASS (rs_photo_report_parent_class)->finalize (object);
}

static void
rs_photo_report_class_init (RsPhotoReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_photo_report_finalize;
}

static void
rs_photo_report_init (RsPhotoReport *self)
{
  self->findings = g_array_new (FALSE, TRUE, sizeof (Finding));
  g_array_set_clear_func (self->findings, finding_clear);
  self->glare_spots = g_array_new (FALSE, TRUE, sizeof (RsImageRect));
  self->verdict = RS_CHECK_PASS;
}

RsPhotoReport *
rs_photo_report_new (const char        *kind,
                     const char        *path,
                     const RsImageInfo *info)
{
  RsPhotoReport *self = g_object_new (RS_TYPE_PHOTO_REPORT, NULL);

  self->kind = g_strdup (kind ? kind : RS_SLOT_ID_FRONT);
  self->path = g_strdup (path);
  if (info != NULL)
    rs_image_info_copy (info, &self->info);
  else
    {
      self->info.format = g_strdup ("raw");
      self->info.orientation = 1;
    }
  return self;
}

void
rs_photo_report_add_finding (RsPhotoReport *self,
                             const char    *id,
                             RsCheckStatus  status,
                             double         value,
                             double         threshold,
                             const char    *message)
{
  Finding f = { g_strdup (id), status, value, threshold, g_strdup (message) };

  g_return_if_fail (RS_IS_PHOTO_REPORT (self));
  /* a check reported twice (set level run again): replace */
  for (guint i = 0; i < self->findings->len; i++)
    if (g_str_equal (g_array_index (self->findings, Finding, i).id, id))
      {
        g_array_remove_index (self->findings, i);
        break;
      }
  g_array_append_val (self->findings, f);
  g_clear_pointer (&self->public_findings, g_ptr_array_unref);
}

void
rs_photo_report_set_document (RsPhotoReport *self,
                              gboolean       found,
                              double         confidence,
                              const RsQuad  *quad,
                              guint          cut_corners)
{
  self->doc_found = found;
  self->doc_confidence = confidence;
  if (quad != NULL)
    self->doc_quad = *quad;
  self->cut_corners = cut_corners;
}

void
rs_photo_report_add_glare_spot (RsPhotoReport     *self,
                                const RsImageRect *rect)
{
  g_array_append_val (self->glare_spots, *rect);
}

void
rs_photo_report_set_hash (RsPhotoReport *self,
                          guint64        image_hash,
                          gboolean       has_doc_hash,
                          guint64        doc_hash)
{
  self->image_hash = image_hash;
  self->has_doc_hash = has_doc_hash;
  self->doc_hash = doc_hash;
}

void
rs_photo_report_set_thumbs (RsPhotoReport *self,
                            const float   *image_thumb,
                            const float   *doc_thumb)
{
  self->has_image_thumb = image_thumb != NULL;
  if (image_thumb)
    memcpy (self->image_thumb, image_thumb, sizeof self->image_thumb);
  self->has_doc_thumb = doc_thumb != NULL;
  if (doc_thumb)
    memcpy (self->doc_thumb, doc_thumb, sizeof self->doc_thumb);
}

void
rs_photo_report_set_timings (RsPhotoReport *self,
                             double         decode_ms,
                             double         analyse_ms)
{
  self->decode_ms = decode_ms;
  self->analyse_ms = analyse_ms;
}

void
rs_photo_report_set_measures (RsPhotoReport    *self,
                              const RsMeasures *measures)
{
  self->measures = *measures;
}

const RsMeasures *
rs_photo_report_get_measures (RsPhotoReport *self)
{
  return &self->measures;
}

/* Guidance order.  A photo of a screen first: nothing else helps until
 * the document itself is photographed.  What the photo shows comes before how well it shows it
 * when the content check rests on evidence (a second document, a finger,
 * the portrait on the side meant to have none, an MRZ of another type):
 * reshooting a blurred photo of the wrong side only gives a sharp photo of
 * the wrong side.  A portrait *not found* is weaker evidence — blur, glare
 * or darkness also hide it — so document.portrait and a front-slot
 * document.side without a portrait come after the pixel checks: fixing
 * those first either reveals the portrait or confirms the finding.  A
 * black-and-white copy is refused whatever it shows, like a screen: the
 * original has to be photographed, so it comes right after the document
 * was found (issue 14: a copy on a sheet said "overexposed"). */
static const char * const priority[] = {
  RS_CHECK_DOCUMENT_RECAPTURE,
  RS_CHECK_DOCUMENT_FOUND, RS_CHECK_COLOR_GRAYSCALE, RS_CHECK_DOCUMENT_COUNT,
  RS_CHECK_DOCUMENT_SIDE, RS_CHECK_DOCUMENT_OCCLUDED, RS_CHECK_DOCUMENT_TYPE,
  RS_CHECK_FACE_COUNT, RS_CHECK_FACE_INSIDE, RS_CHECK_FACE_SIZE,
  RS_CHECK_DOCUMENT_CUTOFF, RS_CHECK_DOCUMENT_MARGIN,
  RS_CHECK_DOCUMENT_SIZE, RS_CHECK_DOCUMENT_SKEW,
  RS_CHECK_EXPOSURE_DARK, RS_CHECK_EXPOSURE_BRIGHT,
  RS_CHECK_GLARE,
  RS_CHECK_SHARPNESS, RS_CHECK_FACE_QUALITY,
  "document.side-absent", RS_CHECK_DOCUMENT_PORTRAIT, RS_CHECK_SELFIE_DOCUMENT,
  RS_CHECK_DOCUMENT_SAME, RS_CHECK_DUPLICATE, RS_CHECK_IMAGE_RESOLUTION,
  RS_CHECK_FILE_FORMAT, RS_CHECK_FILE_SIZE,
};

static guint
priority_of (const Finding *f)
{
  const char *id = f->id;

  /* document.side with value 0: the front slot, no portrait found */
  if (g_str_equal (id, RS_CHECK_DOCUMENT_SIDE) && f->value < 0.5)
    id = "document.side-absent";
  for (guint i = 0; i < G_N_ELEMENTS (priority); i++)
    if (g_str_equal (priority[i], id))
      return i;
  return G_N_ELEMENTS (priority);
}

void
rs_photo_report_finish (RsPhotoReport *self)
{
  const Finding *best = NULL;

  self->verdict = RS_CHECK_PASS;
  for (guint i = 0; i < self->findings->len; i++)
    {
      const Finding *f = &g_array_index (self->findings, Finding, i);

      self->verdict = MAX (self->verdict, f->status);
      if (f->status == RS_CHECK_PASS)
        continue;
      /* a failure outranks a warning; then the fixed priority */
      if (best == NULL || f->status > best->status ||
          (f->status == best->status && priority_of (f) < priority_of (best)))
        best = f;
    }
  g_free (self->guidance);
  if (best != NULL)
    {
      self->guidance = g_strdup (best->message);
      self->guidance_id = best->id;
    }
  else
    {
      self->guidance = g_strdup (g_strcmp0 (self->kind, RS_SLOT_SELFIE) == 0
                                 ? _("The selfie looks good.")
                                 : _("The photo looks good: the whole document is visible, sharp and evenly lit."));
      self->guidance_id = NULL;
    }
}

const char *
rs_photo_report_get_kind (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return self->kind;
}

const char *
rs_photo_report_get_path (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return self->path;
}

RsCheckStatus
rs_photo_report_get_verdict (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), RS_CHECK_FAIL);
  return self->verdict;
}

const RsImageInfo *
rs_photo_report_get_image_info (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return &self->info;
}

gboolean
rs_photo_report_get_document_found (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), FALSE);
  return self->doc_found;
}

double
rs_photo_report_get_document_confidence (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), 0);
  return self->doc_confidence;
}

gboolean
rs_photo_report_get_document_quad (RsPhotoReport *self,
                                   RsQuad        *quad)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), FALSE);
  if (!self->doc_found)
    return FALSE;
  if (quad != NULL)
    *quad = self->doc_quad;
  return TRUE;
}

guint
rs_photo_report_get_cut_corners (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), 0);
  return self->cut_corners;
}

guint
rs_photo_report_get_n_findings (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), 0);
  return self->findings->len;
}

static void
ensure_public (RsPhotoReport *self)
{
  if (self->public_findings != NULL)
    return;
  self->public_findings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const Finding *f = &g_array_index (self->findings, Finding, i);
      RsPhotoFinding *p = g_new0 (RsPhotoFinding, 1);

      p->id = f->id;
      p->status = f->status;
      p->value = f->value;
      p->threshold = f->threshold;
      p->message = f->message;
      g_ptr_array_add (self->public_findings, p);
    }
}

const RsPhotoFinding *
rs_photo_report_get_finding (RsPhotoReport *self,
                             guint          index)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  ensure_public (self);
  return g_ptr_array_index (self->public_findings, index);
}

const RsPhotoFinding *
rs_photo_report_find_finding (RsPhotoReport *self,
                              const char    *id)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  for (guint i = 0; i < self->findings->len; i++)
    if (g_str_equal (g_array_index (self->findings, Finding, i).id, id))
      return rs_photo_report_get_finding (self, i);
  return NULL;
}

const char *
rs_photo_report_get_guidance (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return self->guidance ? self->guidance : "";
}

const char *
rs_photo_report_get_guidance_id (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return self->guidance_id;
}

RsReadResult *
rs_photo_report_get_read (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return self->read;
}

void
rs_photo_report_set_read (RsPhotoReport *self,
                          RsReadResult  *read,
                          gboolean       must_read)
{
  RsCheckStatus status;
  const char *message;

  g_clear_pointer (&self->read, rs_read_result_unref);
  self->read = read ? rs_read_result_ref (read) : NULL;
  if (read && rs_read_result_readable (read, self->kind, must_read, &status, &message))
    rs_photo_report_add_finding (self, RS_CHECK_DOCUMENT_READABLE, status,
                                 status == RS_CHECK_FAIL ? 0 : rs_read_result_get_score (read),
                                 0.5, message);
}

RsContentReport *
rs_photo_report_get_content (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  return self->content;
}

void
rs_photo_report_set_content (RsPhotoReport   *self,
                             RsContentReport *content)
{
  g_clear_object (&self->content);
  if (content == NULL)
    return;
  self->content = g_object_ref (content);
  for (guint i = 0; i < rs_content_report_get_n_findings (content); i++)
    {
      const RsPhotoFinding *f = rs_content_report_get_finding (content, i);

      rs_photo_report_add_finding (self, f->id, f->status, f->value, f->threshold, f->message);
    }
}

const RsImageRect *
rs_photo_report_get_glare_spots (RsPhotoReport *self,
                                 guint         *n_spots)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);
  if (n_spots != NULL)
    *n_spots = self->glare_spots->len;
  return (const RsImageRect *) (gpointer) self->glare_spots->data;
}

guint64
rs_photo_report_get_hash (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), 0);
  return self->image_hash;
}

double
rs_photo_report_get_decode_ms (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), 0);
  return self->decode_ms;
}

double
rs_photo_report_get_analyse_ms (RsPhotoReport *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), 0);
  return self->analyse_ms;
}

static double
round_to (double v,
          double step)
{
  if (!isfinite (v))
    return 0;
  return round (v / step) * step;
}

JsonNode *
rs_photo_report_to_json (RsPhotoReport *self,
                         const char    *display_name)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *file = NULL;
  guint n_spots = 0;
  const RsImageRect *spots;

  g_return_val_if_fail (RS_IS_PHOTO_REPORT (self), NULL);

  if (display_name != NULL)
    file = g_strdup (display_name);
  else if (self->path != NULL)
    file = g_filename_display_name (self->path);

  json_builder_begin_object (b);
  if (file != NULL)
    {
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, file);
    }
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, self->kind);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, rs_check_status_to_string (self->verdict));

  json_builder_set_member_name (b, "image");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, self->info.width);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, self->info.height);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, self->info.format ? self->info.format : "raw");
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, self->info.bytes);
  json_builder_set_member_name (b, "orientation");
  json_builder_add_int_value (b, self->info.orientation);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "document");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "found");
  json_builder_add_boolean_value (b, self->doc_found);
  if (g_strcmp0 (self->kind, RS_SLOT_SELFIE) == 0)
    {
      /* a selfie is not searched for a document */
      json_builder_set_member_name (b, "checked");
      json_builder_add_boolean_value (b, FALSE);
    }
  else
    {
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, round_to (self->doc_confidence, 0.001));
    }
  if (self->doc_found)
    {
      json_builder_set_member_name (b, "quad");
      json_builder_begin_array (b);
      for (int i = 0; i < 4; i++)
        {
          json_builder_begin_array (b);
          /* whole pixels: the outline is not more precise than that */
          json_builder_add_int_value (b, (gint64) round (self->doc_quad.p[i].x));
          json_builder_add_int_value (b, (gint64) round (self->doc_quad.p[i].y));
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      /* effective resolution: the document's short side in image pixels */
      json_builder_set_member_name (b, "short_side");
      json_builder_add_int_value (b, (gint64) round (self->measures.doc_short_side));
      json_builder_set_member_name (b, "cut_corners");
      json_builder_begin_array (b);
      for (int i = 0; i < 4; i++)
        if (self->cut_corners & (1u << i))
          json_builder_add_int_value (b, i);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const Finding *f = &g_array_index (self->findings, Finding, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, f->id);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, rs_check_status_to_string (f->status));
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, round_to (f->value, 0.0001));
      json_builder_set_member_name (b, "threshold");
      json_builder_add_double_value (b, round_to (f->threshold, 0.0001));
      /* the second figure some checks measure */
      if (g_str_equal (f->id, RS_CHECK_GLARE))
        {
          json_builder_set_member_name (b, "largest_spot");
          json_builder_add_double_value (b, round_to (self->measures.glare_largest, 0.0001));
        }
      else if (g_str_equal (f->id, RS_CHECK_DOCUMENT_SKEW))
        {
          json_builder_set_member_name (b, "rotation");
          json_builder_add_double_value (b, round_to (self->measures.skew_rotation, 0.1));
          json_builder_set_member_name (b, "tilt");
          json_builder_add_double_value (b, round_to (self->measures.skew_tilt, 0.1));
        }
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  spots = rs_photo_report_get_glare_spots (self, &n_spots);
  if (n_spots > 0)
    {
      json_builder_set_member_name (b, "glare_spots");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_spots; i++)
        {
          json_builder_begin_array (b);
          json_builder_add_int_value (b, spots[i].x);
          json_builder_add_int_value (b, spots[i].y);
          json_builder_add_int_value (b, spots[i].width);
          json_builder_add_int_value (b, spots[i].height);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }

  /* the content checks' marks, faces and side guess (their findings are
   * in "findings" above) */
  if (self->content != NULL)
    {
      g_autoptr(JsonNode) c = rs_content_report_to_json (self->content);
      JsonObject *o = json_node_get_object (c);
      static const char * const members[] = { "marks", "faces", "side" };

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        if (json_object_has_member (o, members[i]))
          {
            json_builder_set_member_name (b, members[i]);
            json_builder_add_value (b, json_node_copy (json_object_get_member (o, members[i])));
          }
    }

  if (self->read && rs_read_result_get_source (self->read) != RS_READ_SOURCE_NONE)
    {
      json_builder_set_member_name (b, "read");
      json_builder_add_value (b, rs_read_result_to_json (self->read));
    }

  json_builder_set_member_name (b, "guidance");
  json_builder_add_string_value (b, rs_photo_report_get_guidance (self));

  json_builder_set_member_name (b, "timing_ms");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "decode");
  json_builder_add_double_value (b, round_to (self->decode_ms, 0.1));
  json_builder_set_member_name (b, "analyse");
  json_builder_add_double_value (b, round_to (self->analyse_ms, 0.1));
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

guint
rs_photo_hash_distance (guint64 a,
                        guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

/* Correlation of two normalised thumbnails (zero mean, unit variance). */
static double
thumb_correlation (const float *a,
                   const float *b)
{
  double s = 0;

  for (int i = 0; i < RS_THUMB_SIZE; i++)
    s += a[i] * b[i];
  return s / RS_THUMB_SIZE;
}

void
rs_photo_report_similarity (RsPhotoReport *a,
                            RsPhotoReport *b,
                            double        *image_corr,
                            double        *doc_corr)
{
  *image_corr = a->has_image_thumb && b->has_image_thumb ? thumb_correlation (a->image_thumb, b->image_thumb) : -2;
  *doc_corr = a->has_doc_thumb && b->has_doc_thumb ? thumb_correlation (a->doc_thumb, b->doc_thumb) : -2;
}

/* Re-encoded or rescaled copies of one photo correlate above 0.999 on the
 * evaluation frames; different frames of the same scene and document at
 * most 0.93 (docs/checker.md).  The document region alone is no help: the
 * same side of the same card looks the same in any photo of it. */
#define DUPLICATE_MIN_CORRELATION 0.985

gboolean
rs_photo_report_same_photo (RsPhotoReport *a,
                            RsPhotoReport *b)
{
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (a), FALSE);
  g_return_val_if_fail (RS_IS_PHOTO_REPORT (b), FALSE);

  return a->has_image_thumb && b->has_image_thumb &&
         thumb_correlation (a->image_thumb, b->image_thumb) >= DUPLICATE_MIN_CORRELATION;
}

guint
rs_photo_set_check (RsPhotoReport **reports,
                    guint           n_reports)
{
  guint pairs = 0;

  for (guint i = 0; i < n_reports; i++)
    for (guint j = i + 1; j < n_reports; j++)
      {
        RsPhotoReport *a = reports[i], *b = reports[j];
        double c;

        if (a == NULL || b == NULL || !rs_photo_report_same_photo (a, b))
          continue;
        c = thumb_correlation (a->image_thumb, b->image_thumb);
        pairs++;
        for (int k = 0; k < 2; k++)
          {
            RsPhotoReport *self = k == 0 ? a : b;
            RsPhotoReport *other = k == 0 ? b : a;
            g_autofree char *msg = NULL;

            if (g_strcmp0 (self->kind, other->kind) == 0)
              msg = g_strdup (_("The same photo is used twice. Take a separate photo for each slot."));
            else
              msg = g_strdup_printf (_("This is the same photo as the one for “%s”. Take a separate photo for each slot."),
                                     rs_slot_get_name (other->kind));
            rs_photo_report_add_finding (self, RS_CHECK_DUPLICATE, RS_CHECK_FAIL, c,
                                         DUPLICATE_MIN_CORRELATION, msg);
            rs_photo_report_finish (self);
          }
      }

  /* the same side of the document in two slots, in different shots (the
   * same shot is a duplicate already) */
  for (guint i = 0; i < n_reports; i++)
    for (guint j = i + 1; j < n_reports; j++)
      {
        RsPhotoReport *a = reports[i], *b = reports[j];
        double score;

        if (a == NULL || b == NULL || a->content == NULL || b->content == NULL ||
            rs_photo_report_find_finding (a, RS_CHECK_DUPLICATE) != NULL ||
            rs_photo_report_find_finding (b, RS_CHECK_DUPLICATE) != NULL ||
            !rs_content_same_document (a->content, b->content, &score))
          continue;
        for (int k = 0; k < 2; k++)
          {
            RsPhotoReport *self = k == 0 ? a : b;
            RsPhotoReport *other = k == 0 ? b : a;
            g_autofree char *msg = rs_photo_same_document_message (other->kind);

            rs_photo_report_add_finding (self, RS_CHECK_DOCUMENT_SAME, RS_CHECK_FAIL, score,
                                         RS_CONTENT_SAME_DOCUMENT_MIN, msg);
            rs_photo_report_finish (self);
          }
      }
  return pairs;
}

char *
rs_photo_same_document_message (const char *other_slot)
{
  /* TRANSLATORS: %s is a photo slot's name, e.g. "ID card — emblem side" */
  return g_strdup_printf (_("This is the same side of the document as in “%s”. Photograph the other side."),
                          rs_slot_get_name (other_slot));
}
