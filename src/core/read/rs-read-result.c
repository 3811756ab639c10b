/* rs-read-result.c: what was read, its JSON, the document.readable finding
 * and the comparison with the typed details (details.match).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rs-read-private.h"
#include "rs-validate.h"

G_DEFINE_BOXED_TYPE (RsReadResult, rs_read_result, rs_read_result_ref, rs_read_result_unref)

RsReadResult *
rs_read_result_new (void)
{
  RsReadResult *self = g_new0 (RsReadResult, 1);

  g_atomic_ref_count_init (&self->ref);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

RsReadResult *
rs_read_result_ref (RsReadResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rs_read_result_unref (RsReadResult *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_strfreev (self->lines);
  g_hash_table_unref (self->fields);
  g_free (self->bad_parts);
  g_free (self->message);
  g_free (self);
}

RsReadSource
rs_read_result_get_source (RsReadResult *self)
{
  return self->source;
}

gboolean
rs_read_result_get_valid (RsReadResult *self)
{
  return self->source != RS_READ_SOURCE_NONE && self->valid;
}

gboolean
rs_read_result_get_band_seen (RsReadResult *self)
{
  return self->band_seen;
}

const char * const *
rs_read_result_get_lines (RsReadResult *self)
{
  return (const char * const *) self->lines;
}

const char *
rs_read_result_get_field (RsReadResult *self,
                          const char   *key)
{
  return g_hash_table_lookup (self->fields, key);
}

const char *
rs_read_result_get_bad_parts (RsReadResult *self)
{
  return self->bad_parts;
}

double
rs_read_result_get_score (RsReadResult *self)
{
  return self->score;
}

/* The order of the example. */
static const char * const mrz_field_order[] = {
  "document_number", "nationality", "birth_date", "sex", "expiry_date",
  "surname", "given_names", "issuing_state", "optional_data",
};

JsonNode *
rs_read_result_to_json (RsReadResult *self)
{
  g_autoptr(JsonBuilder) b = NULL;

  if (self->source == RS_READ_SOURCE_NONE)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  if (self->source == RS_READ_SOURCE_MRZ)
    {
      json_builder_add_string_value (b, "mrz");
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint i = 0; self->lines && self->lines[i]; i++)
        json_builder_add_string_value (b, self->lines[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, self->valid);
      json_builder_set_member_name (b, "fields");
      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (mrz_field_order); i++)
        {
          const char *v = g_hash_table_lookup (self->fields, mrz_field_order[i]);
          if (v == NULL)
            continue;
          json_builder_set_member_name (b, mrz_field_order[i]);
          json_builder_add_string_value (b, v);
        }
      json_builder_end_object (b);
    }
  else
    {
      json_builder_add_string_value (b, "number");
      json_builder_set_member_name (b, "document_type");
      json_builder_add_string_value (b, g_hash_table_lookup (self->fields, "document_type"));
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, g_hash_table_lookup (self->fields, "number"));
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, self->valid);
    }
  if (self->bad_parts)
    {
      json_builder_set_member_name (b, "unreadable");
      json_builder_add_string_value (b, self->bad_parts);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
rs_read_result_readable (RsReadResult   *self,
                         const char     *kind,
                         gboolean        must_read,
                         RsCheckStatus  *status,
                         const char    **message)
{
  gboolean card_number = self->source == RS_READ_SOURCE_NUMBER;

  g_clear_pointer (&self->message, g_free);
  if (self->source == RS_READ_SOURCE_NONE)
    {
      /* A page that carries a code and where the reader ran: nothing read
       * is a failure, and the two cases need different advice.  Otherwise
       * nothing is said (a card front, a page not found). */
      if (!must_read)
        return FALSE;
      *status = RS_CHECK_FAIL;
      *message = self->band_seen
                 ? _("The code at the bottom of the page could not be read. Move closer so the code is sharp, and tilt the page so the light does not shine on it.")
                 : _("The two lines of code at the bottom of the page could not be found. Make sure the whole page, with its code, is in the photo, sharp and without glare.");
      return TRUE;
    }
  if (self->valid)
    {
      *status = RS_CHECK_PASS;
      *message = card_number ? _("The card number could be read.")
                             : _("The code at the bottom of the page could be read.");
      return TRUE;
    }
  *status = RS_CHECK_WARN;
  if (card_number)
    self->message = g_strdup (_("The card number could not be read reliably. Move closer so the number is sharp, and tilt the card so the light does not shine on it."));
  else
    /* Translators: %s lists the parts, e.g. "birth date, final check digit" */
    self->message = g_strdup_printf (_("Part of the code at the bottom of the page could not be read (%s). Tilt the page so the light does not shine on the code, and move closer so it is sharp."),
                                     self->bad_parts ? self->bad_parts : _("check digits"));
  *message = self->message;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* details.match                                                       */

/* @german: Ä → AE, Ö → OE, Ü → UE, ß → SS (ICAO's transliteration) rather
 * than the bare letter. */
static char *
fold_name (const char *name,
           gboolean    german)
{
  g_autofree char *nfd = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_NFD);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (german && next == 0x0308 && (c == 'a' || c == 'o' || c == 'u' || c == 'A' || c == 'O' || c == 'U'))
        {
          g_string_append_c (out, g_ascii_toupper ((char) c));
          g_string_append_c (out, 'E');
          space = FALSE;
          continue;
        }
      if (c == 0x00df)
        {
          g_string_append (out, "SS");
          space = FALSE;
          continue;
        }
      if (c == 0x00e6 || c == 0x00c6)
        {
          g_string_append (out, "AE");
          space = FALSE;
          continue;
        }
      if (c == 0x00f8 || c == 0x00d8)
        {
          g_string_append (out, german ? "OE" : "O");
          space = FALSE;
          continue;
        }
      if (g_unichar_isalnum (c))
        {
          if (space && out->len)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, g_unichar_toupper (c));
        }
      else
        space = TRUE; /* '<', spaces, hyphens, apostrophes */
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rs_read_fold_name (const char *name)
{
  return fold_name (name, FALSE);
}

static gboolean
names_equal (const char *typed,
             const char *read)
{
  g_autofree char *r = fold_name (read, FALSE);
  g_autofree char *a = fold_name (typed, FALSE);
  g_autofree char *b = fold_name (typed, TRUE);

  /* The MRZ may truncate long names: the typed one must start the same. */
  return g_str_equal (a, r) || g_str_equal (b, r);
}

static gboolean
is_ascii_name (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Han characters cannot be compared with the MRZ's pinyin */
      if (c >= 0x2e80)
        return FALSE;
    }
  return TRUE;
}

static char *
normalized_number (const char *s)
{
  g_autofree char *n = rs_normalize_document_number (s);
  GString *out = g_string_new (NULL);

  for (const char *p = n; *p; p++)
    if (*p != '(' && *p != ')' && *p != '<' && *p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

typedef struct {
  const char *field;
  const char *read_key;
  int         kind;   /* 0 text, 1 number, 2 date, 3 sex, 4 name */
} Compare;

static const Compare compares[] = {
  { RS_FIELD_ID_NUMBER, "document_number", 1 },
  { RS_FIELD_ID_NUMBER, "number", 1 },
  { RS_FIELD_BIRTH_DATE, "birth_date", 2 },
  { RS_FIELD_SEX, "sex", 3 },
  { RS_FIELD_EXPIRY_DATE, "expiry_date", 2 },
  { RS_FIELD_NATIONALITY, "nationality", 0 },
  { RS_FIELD_SURNAME, "surname", 4 },
  { RS_FIELD_GIVEN_NAMES, "given_names", 4 },
};

static const char *
field_label (const char *field)
{
  if (g_str_equal (field, RS_FIELD_ID_NUMBER))
    return _("Document number");
  if (g_str_equal (field, RS_FIELD_BIRTH_DATE))
    return _("Birth date");
  if (g_str_equal (field, RS_FIELD_SEX))
    return _("Sex");
  if (g_str_equal (field, RS_FIELD_EXPIRY_DATE))
    return _("Expiry date");
  if (g_str_equal (field, RS_FIELD_NATIONALITY))
    return _("Nationality");
  if (g_str_equal (field, RS_FIELD_SURNAME))
    return _("Surname");
  return _("Given names");
}

GPtrArray *
rs_read_match_report (RsPhotoReport *report,
                      const char    *document_type,
                      GHashTable    *fields,
                      char         **message)
{
  RsReadResult *read = report != NULL ? rs_photo_report_get_read (report) : NULL;

  *message = NULL;
  if (read == NULL)
    return NULL;
  return rs_read_match_details (read, document_type, fields, message);
}

GPtrArray *
rs_read_match_details (RsReadResult *self,
                       const char   *document_type,
                       GHashTable   *fields,
                       char        **message)
{
  GPtrArray *diff;
  g_autoptr(GString) msg = g_string_new (NULL);
  guint compared = 0;

  if (message)
    *message = NULL;
  if (self->source == RS_READ_SOURCE_NONE || fields == NULL)
    return NULL;
  /* a card number read as another type than the one typed is not this
   * document's number (or not a number at all) */
  if (self->source == RS_READ_SOURCE_NUMBER && document_type != NULL &&
      g_strcmp0 (g_hash_table_lookup (self->fields, "document_type"), document_type) != 0)
    return NULL;
  diff = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (compares); i++)
    {
      const Compare *c = &compares[i];
      const char *read = g_hash_table_lookup (self->fields, c->read_key);
      const char *typed = g_hash_table_lookup (fields, c->field);
      g_autofree char *tn = NULL;
      g_autofree char *rn = NULL;
      gboolean equal;

      if (read == NULL || *read == '\0' || typed == NULL || *typed == '\0')
        continue;
      /* unchecked parts that did not read clearly are not compared */
      if ((c->kind == 4 && self->names_unsure) ||
          (g_str_equal (c->field, RS_FIELD_NATIONALITY) && self->nationality_unsure))
        continue;
      switch (c->kind)
        {
        case 1:
          tn = normalized_number (typed);
          rn = normalized_number (read);
          break;
        case 2:
          tn = rs_normalize_date (typed);
          rn = g_strdup (read);
          if (tn == NULL)
            continue; /* not a date yet: the validator says so */
          break;
        case 3:
          if (g_str_equal (read, "unspecified"))
            continue;
          tn = g_ascii_strdown (typed, -1);
          rn = g_strdup (read);
          break;
        case 4:
          if (!is_ascii_name (typed))
            continue;
          tn = g_strdup (typed);
          rn = g_strdup (read);
          break;
        default:
          tn = g_ascii_strup (g_strstrip (g_strdup (typed)), -1);
          rn = g_strdup (read);
          break;
        }
      compared++;
      equal = c->kind == 4 ? names_equal (tn, rn) : g_str_equal (tn, rn);
      if (equal)
        continue;
      g_ptr_array_add (diff, g_strdup (c->field));
      if (msg->len)
        g_string_append (msg, " ");
      /* Translators: a field, what was typed and what the document says,
       * e.g. "Birth date — typed: 1990-01-02, on the document: 1990-01-01." */
      g_string_append_printf (msg, _("%s — typed: %s, on the document: %s."),
                              field_label (c->field), typed, read);
    }
  if (compared == 0)
    {
      g_ptr_array_unref (diff);
      return NULL;
    }
  if (diff->len && message)
    *message = g_strdup_printf (_("The details do not match the document. %s Correct the details or take a photo of the right document."),
                                msg->str);
  return diff;
}

/* ------------------------------------------------------------------ */
/* Fill from photo                                                     */

GHashTable *
rs_read_result_get_details (RsReadResult *self,
                            const char   *document_type)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (self != NULL, out);

  /* A failed check digit may sit in any field: none is offered then. */
  if (!rs_read_result_get_valid (self))
    return out;
  if (self->source == RS_READ_SOURCE_NUMBER && document_type != NULL &&
      g_strcmp0 (g_hash_table_lookup (self->fields, "document_type"), document_type) != 0)
    return out;
  for (guint i = 0; i < G_N_ELEMENTS (compares); i++)
    {
      const Compare *c = &compares[i];
      const char *read = g_hash_table_lookup (self->fields, c->read_key);

      if (read == NULL || *read == '\0')
        continue;
      if ((c->kind == 4 && self->names_unsure) ||
          (g_str_equal (c->field, RS_FIELD_NATIONALITY) && self->nationality_unsure))
        continue;
      if (c->kind == 3 && !g_str_equal (read, "male") && !g_str_equal (read, "female"))
        continue;
      g_hash_table_insert (out, (char *) c->field, g_strdup (read));
    }
  if (self->source == RS_READ_SOURCE_MRZ && self->lines != NULL && self->lines[0] != NULL)
    g_hash_table_insert (out, (char *) RS_FIELD_MRZ, g_strjoinv ("\n", self->lines));
  return out;
}
