/* rs-details.c: a whole details record: which fields each document type
 * needs, each field checked alone, then the cross-checks between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "rs-validate.h"
#include "rs-validate-private.h"
#include "rs-json.h"

/* ------------------------------------------------------------------ */
/* Which fields a document type needs                                  */

typedef struct {
  const char  *id;
  const char  *label;  /* untranslated (N_) */
  const char  *hint;   /* untranslated (N_), may be NULL */
  RsFieldKind  kind;
  gboolean     required;
} FieldSpec;

static const FieldSpec f_name_han = { RS_FIELD_NAME, N_("Name"), N_("In Chinese characters, exactly as printed; put · between the parts of a minority name"), RS_FIELD_KIND_TEXT, TRUE };
static const FieldSpec f_name_any = { RS_FIELD_NAME, N_("Name"), N_("Exactly as printed on the card, in Chinese characters or in English letters"), RS_FIELD_KIND_TEXT, TRUE };
static const FieldSpec f_cn_number = { RS_FIELD_ID_NUMBER, N_("ID number"), N_("18 characters; the last one may be X"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_dl_number = { RS_FIELD_ID_NUMBER, N_("Licence number"), N_("The 18-character ID number printed on the licence"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_passport_number = { RS_FIELD_ID_NUMBER, N_("Passport number"), N_("As printed at the top right of the photo page"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_hkid_number = { RS_FIELD_ID_NUMBER, N_("HKID number"), N_("Like A123456(3); brackets are optional"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_bir_number = { RS_FIELD_ID_NUMBER, N_("Identity card number"), N_("Like 1234567(8); brackets are optional"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_tw_number = { RS_FIELD_ID_NUMBER, N_("ID number"), N_("A letter and 9 digits, like A123456789"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_hkmo_number = { RS_FIELD_ID_NUMBER, N_("Permit number"), N_("H or M followed by 8 or 10 digits"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_twp_number = { RS_FIELD_ID_NUMBER, N_("Permit number"), N_("8 digits"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_confirm = { RS_FIELD_ID_NUMBER_CONFIRM, N_("Number again"), N_("Type it once more, without copying, to catch typos"), RS_FIELD_KIND_DOCUMENT_NUMBER, TRUE };
static const FieldSpec f_birth = { RS_FIELD_BIRTH_DATE, N_("Date of birth"), N_("YYYY-MM-DD"), RS_FIELD_KIND_DATE, TRUE };
static const FieldSpec f_sex = { RS_FIELD_SEX, N_("Sex"), NULL, RS_FIELD_KIND_SEX, TRUE };
static const FieldSpec f_valid_from = { RS_FIELD_VALID_FROM, N_("Valid from"), N_("First date of the validity period"), RS_FIELD_KIND_DATE, TRUE };
static const FieldSpec f_valid_until = { RS_FIELD_VALID_UNTIL, N_("Valid until"), N_("Last date of the validity period, or “long-term” (长期)"), RS_FIELD_KIND_DATE_OR_LONG_TERM, TRUE };
static const FieldSpec f_surname = { RS_FIELD_SURNAME, N_("Surname"), N_("In Latin letters, as printed in the passport"), RS_FIELD_KIND_TEXT, TRUE };
static const FieldSpec f_given = { RS_FIELD_GIVEN_NAMES, N_("Given names"), N_("In Latin letters, as printed in the passport"), RS_FIELD_KIND_TEXT, TRUE };
static const FieldSpec f_nationality = { RS_FIELD_NATIONALITY, N_("Nationality"), N_("3-letter code as in the passport, like CHN"), RS_FIELD_KIND_COUNTRY, TRUE };
static const FieldSpec f_expiry = { RS_FIELD_EXPIRY_DATE, N_("Date of expiry"), N_("YYYY-MM-DD"), RS_FIELD_KIND_DATE, TRUE };
static const FieldSpec f_mrz = { RS_FIELD_MRZ, N_("Machine-readable zone"), N_("The lines of letters, digits and < at the bottom of the photo page, one line per row"), RS_FIELD_KIND_MRZ, TRUE };
static const FieldSpec f_phone = { RS_FIELD_PHONE, N_("Phone number (optional)"), N_("With country code, like +86 138 0013 8000"), RS_FIELD_KIND_PHONE, FALSE };
static const FieldSpec f_email = { RS_FIELD_EMAIL, N_("E-mail (optional)"), NULL, RS_FIELD_KIND_EMAIL, FALSE };

static const struct {
  const char      *type;
  gboolean         han_name;  /* a Chinese document: name in Han characters */
  const FieldSpec *fields[12];
} doc_fields[] = {
  { RS_DOC_CN_RIC, TRUE,
    { &f_name_han, &f_cn_number, &f_confirm, &f_birth, &f_sex, &f_valid_from, &f_valid_until, &f_phone, &f_email } },
  { RS_DOC_PASSPORT, FALSE,
    { &f_surname, &f_given, &f_passport_number, &f_confirm, &f_nationality, &f_birth, &f_sex, &f_expiry, &f_mrz, &f_phone, &f_email } },
  { RS_DOC_HK_HKID, FALSE,
    { &f_name_any, &f_hkid_number, &f_confirm, &f_birth, &f_sex, &f_phone, &f_email } },
  { RS_DOC_MO_BIR, FALSE,
    { &f_name_any, &f_bir_number, &f_confirm, &f_birth, &f_sex, &f_expiry, &f_phone, &f_email } },
  { RS_DOC_TW_ID, TRUE,
    { &f_name_han, &f_tw_number, &f_confirm, &f_birth, &f_sex, &f_phone, &f_email } },
  { RS_DOC_HK_MO_PERMIT, TRUE,
    { &f_name_han, &f_hkmo_number, &f_confirm, &f_birth, &f_sex, &f_expiry, &f_phone, &f_email } },
  { RS_DOC_TW_PERMIT, TRUE,
    { &f_name_han, &f_twp_number, &f_confirm, &f_birth, &f_sex, &f_expiry, &f_phone, &f_email } },
  { RS_DOC_DRIVING_LICENCE, TRUE,
    { &f_name_han, &f_dl_number, &f_confirm, &f_birth, &f_sex, &f_valid_from, &f_valid_until, &f_phone, &f_email } },
};

static int
find_doc (const char *type)
{
  for (guint i = 0; type && i < G_N_ELEMENTS (doc_fields); i++)
    if (g_str_equal (doc_fields[i].type, type))
      return (int) i;
  return -1;
}

GPtrArray *
rs_details_required_fields (const char *document_type)
{
  int doc = find_doc (document_type);
  GPtrArray *fields;

  if (doc < 0)
    return NULL;
  fields = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; doc_fields[doc].fields[i]; i++)
    {
      const FieldSpec *spec = doc_fields[doc].fields[i];
      RsFieldInfo *info = g_new0 (RsFieldInfo, 1);

      info->id = spec->id;
      info->label = _(spec->label);
      info->hint = spec->hint ? _(spec->hint) : NULL;
      info->kind = spec->kind;
      info->required = spec->required;
      g_ptr_array_add (fields, info);
    }
  return fields;
}

/* ------------------------------------------------------------------ */
/* RsDetailsCheck                                                      */

struct _RsDetailsCheck {
  gatomicrefcount  ref;
  char            *type;
  gboolean         han_name;
  GPtrArray       *order;    /* char*, NULL-terminated */
  GHashTable      *results;  /* field id → RsValidation* */
  RsValidation    *record;
  GPtrArray       *all;      /* RsIssue* (borrowed), built on demand */
};

G_DEFINE_BOXED_TYPE (RsDetailsCheck, rs_details_check, rs_details_check_ref, rs_details_check_unref)

RsDetailsCheck *
rs_details_check_ref (RsDetailsCheck *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rs_details_check_unref (RsDetailsCheck *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->type);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->results);
  rs_validation_unref (self->record);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_free (self);
}

gboolean
rs_details_check_get_valid (RsDetailsCheck *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!rs_validation_get_valid (self->record))
    return FALSE;
  g_hash_table_iter_init (&iter, self->results);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!rs_validation_get_valid (value))
      return FALSE;
  return TRUE;
}

const char *
rs_details_check_get_document_type (RsDetailsCheck *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->type;
}

const char * const *
rs_details_check_list_fields (RsDetailsCheck *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->order->pdata;
}

RsValidation *
rs_details_check_get_field (RsDetailsCheck *self,
                            const char     *field)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_hash_table_lookup (self->results, field);
}

RsValidation *
rs_details_check_get_record (RsDetailsCheck *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->record;
}

GPtrArray *
rs_details_check_get_all_issues (RsDetailsCheck *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->all == NULL)
    {
      GPtrArray *issues;

      self->all = g_ptr_array_new ();
      issues = rs_validation_get_issues (self->record);
      for (guint i = 0; i < issues->len; i++)
        g_ptr_array_add (self->all, g_ptr_array_index (issues, i));
      for (guint f = 0; f + 1 < self->order->len; f++)
        {
          RsValidation *v = g_hash_table_lookup (self->results, g_ptr_array_index (self->order, f));

          issues = rs_validation_get_issues (v);
          for (guint i = 0; i < issues->len; i++)
            g_ptr_array_add (self->all, g_ptr_array_index (issues, i));
        }
    }
  return self->all;
}

JsonNode *
rs_details_check_to_json (RsDetailsCheck *self,
                          const char     *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *all;

  g_return_val_if_fail (self != NULL, NULL);
  all = rs_details_check_get_all_issues (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->type);
  if (input)
    {
      json_builder_set_member_name (builder, "input");
      json_builder_add_string_value (builder, input);
    }
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, rs_details_check_get_valid (self));
  json_builder_set_member_name (builder, "errors");
  rs_issues_to_json (builder, all, RS_SEVERITY_ERROR, TRUE);
  json_builder_set_member_name (builder, "warnings");
  rs_issues_to_json (builder, all, RS_SEVERITY_WARNING, TRUE);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint f = 0; f + 1 < self->order->len; f++)
    {
      const char *id = g_ptr_array_index (self->order, f);
      RsValidation *v = g_hash_table_lookup (self->results, id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, rs_validation_get_normalized (v));
      json_builder_set_member_name (builder, "errors");
      rs_issues_to_json (builder, rs_validation_get_issues (v), RS_SEVERITY_ERROR, FALSE);
      json_builder_set_member_name (builder, "warnings");
      rs_issues_to_json (builder, rs_validation_get_issues (v), RS_SEVERITY_WARNING, FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------------ */
/* Checking                                                            */

static void field_add (RsDetailsCheck *self,
                       const char     *field,
                       const char     *id,
                       RsSeverity      severity,
                       const char     *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
field_add (RsDetailsCheck *self,
           const char     *field,
           const char     *id,
           RsSeverity      severity,
           const char     *format,
           ...)
{
  g_autofree char *message = NULL;
  RsValidation *v = g_hash_table_lookup (self->results, field);
  va_list args;

  g_return_if_fail (v != NULL);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  rs_validation_add_issue (v, id, severity, field, message);
}

/* A per-field copy of @src: normalized value, issues tagged with @field,
 * parsed fields. */
static RsValidation *
wrap (const char   *field,
      RsValidation *src)
{
  RsValidation *v = rs_validation_new (rs_validation_get_normalized (src));
  GHashTableIter iter;
  gpointer key, value;

  rs_validation_take_issues (v, src, field);
  g_hash_table_iter_init (&iter, rs_validation_get_fields (src));
  while (g_hash_table_iter_next (&iter, &key, &value))
    rs_validation_set_field (v, key, value);
  return v;
}

static const char *
value_of (RsDetailsCheck *self,
          const char     *field)
{
  RsValidation *v = g_hash_table_lookup (self->results, field);
  const char *s = v ? rs_validation_get_normalized (v) : NULL;

  return s && *s ? s : NULL;
}

/* The value when the field has no error of its own. */
static const char *
good_value_of (RsDetailsCheck *self,
               const char     *field)
{
  RsValidation *v = g_hash_table_lookup (self->results, field);

  if (v == NULL || !rs_validation_get_valid (v))
    return NULL;
  return value_of (self, field);
}

static const char *
parsed_of (RsDetailsCheck *self,
           const char     *field,
           const char     *key)
{
  RsValidation *v = g_hash_table_lookup (self->results, field);
  return v ? rs_validation_get_field (v, key) : NULL;
}

static gboolean
is_han_char (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

static void
check_han_name (RsValidation *v,
                const char   *name,
                gboolean      han_only)
{
  gboolean han = FALSE, latin = FALSE, digit = FALSE, other = FALSE;

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_han_char (c))
        han = TRUE;
      else if (c < 0x80 && g_ascii_isalpha ((char) c))
        latin = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (c == 0x00B7 || c == ' ' || c == '-' || c == '\'' || c == ',' || c == '.')
        ;
      else
        other = TRUE;
    }

  if (digit)
    rs_validation_add (v, "name", RS_SEVERITY_ERROR, "%s",
                       _("A name cannot contain digits. Type the name exactly as printed on the document."));
  else if (han_only && (latin || !han))
    rs_validation_add (v, "name", RS_SEVERITY_ERROR, "%s",
                       _("On this document the name is written in Chinese characters: remove the Latin letters, and put · between the parts of a minority name (like 阿依古丽·买买提)."));
  else if (han && latin)
    rs_validation_add (v, "name", RS_SEVERITY_ERROR, "%s",
                       _("Type the name either in Chinese characters or in English letters, as printed on the card, not a mix of both."));
  else if (other)
    rs_validation_add (v, "name", RS_SEVERITY_ERROR, "%s",
                       _("The name contains a symbol that is not printed on identity documents. Type only the name; use · between the parts of a minority name."));
  else if (han && (strstr (name, " ") || strstr (name, "··") ||
                   g_str_has_prefix (name, "·") || g_str_has_suffix (name, "·")))
    rs_validation_add (v, "name", RS_SEVERITY_ERROR, "%s",
                       _("A Chinese name has no spaces, and a · only between two parts of the name. Check the name against the document."));
}

static RsValidation *
check_latin_name (const char *input,
                  const char *field)
{
  g_autofree char *norm = rs_normalize_name (input);
  g_autofree char *upper = g_utf8_strup (norm, -1);
  RsValidation *v = rs_validation_new (upper);

  for (const char *p = upper; *p; p++)
    if (!(g_ascii_isupper (*p) || *p == ' ' || *p == '-' || *p == '\''))
      {
        rs_validation_add_issue (v, "name", RS_SEVERITY_ERROR, field,
                                 _("Type the name in Latin letters (A–Z) exactly as printed in the passport, without accents, digits or Chinese characters."));
        break;
      }
  return v;
}

static char *
normalize_sex (const char *input)
{
  g_autofree char *norm = rs_normalize_name (input);
  g_autofree char *lower = g_utf8_strdown (norm, -1);

  if (g_str_equal (lower, "male") || g_str_equal (lower, "m") || g_str_equal (lower, "男") ||
      g_str_equal (lower, "man"))
    return g_strdup ("male");
  if (g_str_equal (lower, "female") || g_str_equal (lower, "f") || g_str_equal (lower, "女") ||
      g_str_equal (lower, "woman"))
    return g_strdup ("female");
  return g_steal_pointer (&norm);
}

static gboolean
is_long_term (const char *input)
{
  g_autofree char *norm = rs_normalize_name (input);
  g_autofree char *lower = g_utf8_strdown (norm, -1);

  return g_str_equal (lower, RS_VALID_LONG_TERM) || g_str_equal (lower, "long term") ||
         g_str_equal (lower, "longterm") || g_str_equal (lower, "长期") ||
         g_str_equal (lower, "長期") || g_str_equal (lower, "permanent");
}

/* One field alone.  @raw is non-empty. */
static RsValidation *
check_one (RsDetailsCheck *self,
           const char     *field,
           const char     *raw,
           GDateTime      *now)
{
  const char *type = self->type;
  GDate today;

  rs_today (now, &today);

  if (g_str_equal (field, RS_FIELD_NAME))
    {
      g_autofree char *norm = rs_normalize_name (raw);
      RsValidation *v = rs_validation_new (norm);

      check_han_name (v, norm, self->han_name);
      return v;
    }

  if (g_str_equal (field, RS_FIELD_ID_NUMBER) || g_str_equal (field, RS_FIELD_ID_NUMBER_CONFIRM))
    {
      g_autoptr(RsValidation) src = NULL;

      if (rs_validate_id_type_is_supported (type))
        src = rs_validate_id (type, raw, now);
      else
        {
          g_autofree char *norm = rs_normalize_document_number (raw);
          size_t len = strlen (norm);

          src = rs_validation_new (norm);
          /* Passport numbers: up to 9 letters and digits (ICAO 9303). */
          if (g_strcmp0 (type, RS_DOC_PASSPORT) == 0 &&
              (len < 5 || len > 9 || strspn (norm, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != len))
            rs_validation_add (src, len < 5 || len > 9 ? "length" : "format", RS_SEVERITY_ERROR, "%s",
                               _("A passport number has 5 to 9 letters and digits, like E12345678. Type it as printed at the top right of the photo page."));
        }
      if (g_str_equal (field, RS_FIELD_ID_NUMBER_CONFIRM))
        {
          /* Only compared with the first box: its own errors would repeat
           * those of the first box. */
          return rs_validation_new (rs_validation_get_normalized (src));
        }
      return wrap (field, src);
    }

  if (g_str_equal (field, RS_FIELD_BIRTH_DATE) || g_str_equal (field, RS_FIELD_VALID_FROM) ||
      g_str_equal (field, RS_FIELD_VALID_UNTIL) || g_str_equal (field, RS_FIELD_EXPIRY_DATE))
    {
      g_autofree char *iso = NULL;
      RsValidation *v;
      GDate date;

      if (g_str_equal (field, RS_FIELD_VALID_UNTIL) && is_long_term (raw))
        return rs_validation_new (RS_VALID_LONG_TERM);

      iso = rs_normalize_date (raw);
      if (iso == NULL)
        {
          g_autofree char *trimmed = rs_normalize_name (raw);

          v = rs_validation_new (trimmed);
          rs_validation_add_issue (v, "date", RS_SEVERITY_ERROR, field,
                                   g_str_equal (field, RS_FIELD_VALID_UNTIL)
                                   ? _("Type a real date as YYYY-MM-DD (like 2035-01-31), or “long-term” if the card says 长期.")
                                   : _("Type a real date as YYYY-MM-DD, like 1990-01-31."));
          return v;
        }
      v = rs_validation_new (iso);
      rs_date_parse_iso (iso, &date);
      if (g_str_equal (field, RS_FIELD_BIRTH_DATE))
        {
          if (g_date_compare (&date, &today) > 0)
            rs_validation_add_issue (v, "date", RS_SEVERITY_ERROR, field,
                                     _("The date of birth is in the future. Check the year."));
          else if (g_date_get_year (&date) < 1900)
            rs_validation_add_issue (v, "date", RS_SEVERITY_ERROR, field,
                                     _("The date of birth is before 1900. Check the year."));
        }
      else if (g_str_equal (field, RS_FIELD_VALID_FROM) && g_date_compare (&date, &today) > 0)
        rs_validation_add_issue (v, "date", RS_SEVERITY_ERROR, field,
                                 _("The start of validity is in the future. Check the date on the document."));
      return v;
    }

  if (g_str_equal (field, RS_FIELD_SEX))
    {
      g_autofree char *norm = normalize_sex (raw);
      RsValidation *v = rs_validation_new (norm);

      if (!g_str_equal (norm, "male") && !g_str_equal (norm, "female"))
        rs_validation_add_issue (v, "sex", RS_SEVERITY_ERROR, field,
                                 _("Choose male or female, as printed on the document."));
      return v;
    }

  if (g_str_equal (field, RS_FIELD_SURNAME) || g_str_equal (field, RS_FIELD_GIVEN_NAMES))
    return check_latin_name (raw, field);

  if (g_str_equal (field, RS_FIELD_NATIONALITY))
    {
      g_autofree char *norm = rs_normalize_document_number (raw);
      RsValidation *v = rs_validation_new (norm);

      if (strlen (norm) != 3 || strspn (norm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ<") != 3)
        rs_validation_add_issue (v, "format", RS_SEVERITY_ERROR, field,
                                 _("Type the 3-letter nationality code printed in the passport, like CHN."));
      return v;
    }

  if (g_str_equal (field, RS_FIELD_MRZ))
    {
      g_autoptr(RsValidation) src = rs_validate_mrz_text (raw, now);
      return wrap (field, src);
    }

  if (g_str_equal (field, RS_FIELD_PHONE))
    {
      g_autoptr(RsValidation) src = rs_validate_phone (raw);
      return wrap (field, src);
    }

  if (g_str_equal (field, RS_FIELD_EMAIL))
    {
      g_autoptr(RsValidation) src = rs_validate_email (raw);
      return wrap (field, src);
    }

  /* A field this module does not know: kept, trimmed. */
  {
    g_autofree char *norm = rs_normalize_name (raw);
    return rs_validation_new (norm);
  }
}

/* 1-based position of the first differing character (in characters). */
static void
check_confirm (RsDetailsCheck *self)
{
  const char *a = value_of (self, RS_FIELD_ID_NUMBER);
  const char *b = value_of (self, RS_FIELD_ID_NUMBER_CONFIRM);
  const char *pa = a, *pb = b;
  int pos = 1;

  if (a == NULL || b == NULL || g_str_equal (a, b))
    return;
  while (*pa && *pb && g_utf8_get_char (pa) == g_utf8_get_char (pb))
    {
      pa = g_utf8_next_char (pa);
      pb = g_utf8_next_char (pb);
      pos++;
    }
  if (*pb == '\0')
    field_add (self, RS_FIELD_ID_NUMBER_CONFIRM, "mismatch", RS_SEVERITY_ERROR,
               _("The two numbers differ: this one stops after character %d, the first one goes on. Check both against the document."),
               pos - 1);
  else if (*pa == '\0')
    field_add (self, RS_FIELD_ID_NUMBER_CONFIRM, "mismatch", RS_SEVERITY_ERROR,
               _("The two numbers differ: this one is longer than the first, from character %d on. Check both against the document."),
               pos);
  else
    {
      char ca[8] = { 0 }, cb[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (pa), ca);
      g_unichar_to_utf8 (g_utf8_get_char (pb), cb);
      field_add (self, RS_FIELD_ID_NUMBER_CONFIRM, "mismatch", RS_SEVERITY_ERROR,
                 _("The two numbers differ from character %d: “%s” here, “%s” in the first box. Check both against the document."),
                 pos, cb, ca);
    }
}

static const char *
sex_name (const char *sex)
{
  return g_strcmp0 (sex, "male") == 0 ? _("male") : _("female");
}

/* Birth date and sex typed vs those inside the number or the MRZ. */
static void
check_birth_and_sex (RsDetailsCheck *self)
{
  gboolean passport = g_strcmp0 (self->type, RS_DOC_PASSPORT) == 0;
  const char *source = passport ? RS_FIELD_MRZ : RS_FIELD_ID_NUMBER;
  const char *birth = good_value_of (self, RS_FIELD_BIRTH_DATE);
  const char *sex = good_value_of (self, RS_FIELD_SEX);
  const char *doc_birth = parsed_of (self, source, "birth_date");
  const char *doc_sex = parsed_of (self, source, "sex");

  if (birth && doc_birth && !g_str_equal (birth, doc_birth))
    field_add (self, RS_FIELD_BIRTH_DATE, "mismatch", RS_SEVERITY_ERROR,
               passport ? _("The date of birth %s does not match the one in the MRZ (%s). Check both against the passport.")
                        : _("The date of birth %s does not match the one inside the ID number (%s). Check both against the document."),
               birth, doc_birth);
  if (sex && doc_sex && g_strcmp0 (doc_sex, "unspecified") != 0 && !g_str_equal (sex, doc_sex))
    field_add (self, RS_FIELD_SEX, "mismatch", RS_SEVERITY_ERROR,
               passport ? _("You chose %s, but the MRZ says %s. Check both against the passport.")
                        : _("You chose %s, but the ID number says %s. Check both against the document."),
               sex_name (sex), sex_name (doc_sex));
}

static void
check_age (RsDetailsCheck *self,
           RsProfile      *profile,
           const GDate    *today)
{
  const char *birth = good_value_of (self, RS_FIELD_BIRTH_DATE);
  GDate date;
  int min_age, age;

  if (profile == NULL || birth == NULL || (min_age = rs_profile_get_min_age (profile)) <= 0)
    return;
  rs_date_parse_iso (birth, &date);
  age = rs_date_years_between (&date, today);
  if (age < min_age)
    field_add (self, RS_FIELD_BIRTH_DATE, "age", RS_SEVERITY_ERROR,
               _("With this date of birth you are %d, but %s accepts only people aged %d or over. Check the date; if it is right, this platform cannot verify you yet."),
               age, rs_profile_get_name (profile), min_age);
}

static void
check_expiry (RsDetailsCheck *self,
              RsProfile      *profile,
              const GDate    *today)
{
  const char *field = value_of (self, RS_FIELD_VALID_UNTIL) ? RS_FIELD_VALID_UNTIL : RS_FIELD_EXPIRY_DATE;
  const char *until = good_value_of (self, field);
  GDate date;
  int days, min_days;

  if (until == NULL || g_str_equal (until, RS_VALID_LONG_TERM))
    return;
  rs_date_parse_iso (until, &date);
  days = g_date_days_between (today, &date);
  min_days = profile ? rs_profile_get_min_days_valid (profile) : 0;
  if (days < 0)
    field_add (self, field, "expired", RS_SEVERITY_ERROR,
               _("This document expired on %s. Expired documents are rejected: renew it or use another document."),
               until);
  else if (days < min_days)
    field_add (self, field, "expiry", RS_SEVERITY_ERROR,
               g_dngettext (GETTEXT_PACKAGE,
                            "This document expires on %s, in %d day, but %s needs at least %d days of validity left. Renew it first or use another document.",
                            "This document expires on %s, in %d days, but %s needs at least %d days of validity left. Renew it first or use another document.",
                            (gulong) days),
               until, days, rs_profile_get_name (profile), min_days);
}

/* Mainland ID cards: validity depends on age at issue (Resident Identity
 * Card Law, art. 5): under 16: 5 years; 16–25: 10; 26–45: 20; 46+: long-term. */
static void
check_cn_validity (RsDetailsCheck *self)
{
  const char *from = good_value_of (self, RS_FIELD_VALID_FROM);
  const char *until = good_value_of (self, RS_FIELD_VALID_UNTIL);
  const char *birth = good_value_of (self, RS_FIELD_BIRTH_DATE);
  GDate from_date, until_date, birth_date, expected;
  int age, years;

  if (from == NULL || until == NULL)
    return;
  rs_date_parse_iso (from, &from_date);
  if (!g_str_equal (until, RS_VALID_LONG_TERM))
    {
      rs_date_parse_iso (until, &until_date);
      if (g_date_compare (&until_date, &from_date) <= 0)
        {
          field_add (self, RS_FIELD_VALID_UNTIL, "date", RS_SEVERITY_ERROR, "%s",
                     _("The end of validity is not after its start. Check both dates on the document."));
          return;
        }
    }
  if (birth == NULL)
    birth = parsed_of (self, RS_FIELD_ID_NUMBER, "birth_date");
  if (birth == NULL || g_strcmp0 (self->type, RS_DOC_CN_RIC) != 0)
    return;
  rs_date_parse_iso (birth, &birth_date);
  if (g_date_compare (&from_date, &birth_date) < 0)
    {
      field_add (self, RS_FIELD_VALID_FROM, "date", RS_SEVERITY_ERROR, "%s",
                 _("The start of validity is before the date of birth. Check both dates."));
      return;
    }
  age = rs_date_years_between (&birth_date, &from_date);
  years = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : 0;

  if (years == 0)
    {
      if (!g_str_equal (until, RS_VALID_LONG_TERM))
        field_add (self, RS_FIELD_VALID_UNTIL, "validity", RS_SEVERITY_WARNING,
                   _("Cards issued at age 46 or over are long-term (长期), but you typed an end date. Check the back of the card."));
      return;
    }
  if (g_str_equal (until, RS_VALID_LONG_TERM))
    {
      field_add (self, RS_FIELD_VALID_UNTIL, "validity", RS_SEVERITY_WARNING,
                 _("Cards issued at age %d are valid for %d years, not long-term. Check the back of the card."),
                 age, years);
      return;
    }
  expected = from_date;
  g_date_add_years (&expected, (guint) years);
  if (g_date_compare (&expected, &until_date) != 0)
    {
      g_autofree char *iso = rs_date_to_iso (&expected);
      field_add (self, RS_FIELD_VALID_UNTIL, "validity", RS_SEVERITY_WARNING,
                 _("Cards issued at age %d are valid for %d years, so it should end on %s. Check both validity dates on the back of the card."),
                 age, years, iso);
    }
}

/* In the MRZ, spaces and hyphens become '<' (shown as spaces here) and
 * apostrophes are dropped. */
static char *
mrz_transliterate (const char *name)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = upper; *p; p++)
    {
      char c = *p == '-' ? ' ' : *p;

      if (c == '\'')
        continue;
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
check_passport (RsDetailsCheck *self)
{
  static const struct {
    const char *field;
    const char *key;
  } pairs[] = {
    { RS_FIELD_SURNAME, "surname" },
    { RS_FIELD_GIVEN_NAMES, "given_names" },
  };
  RsValidation *mrz = g_hash_table_lookup (self->results, RS_FIELD_MRZ);
  const char *number, *doc_number, *nat, *doc_nat, *expiry, *doc_expiry;

  /* Only an MRZ with correct check digits is worth comparing with. */
  if (mrz == NULL || !rs_validation_get_valid (mrz) || rs_validation_get_field (mrz, "format") == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *typed = good_value_of (self, pairs[i].field);
      const char *in_mrz = rs_validation_get_field (mrz, pairs[i].key);
      g_autofree char *translit = NULL;

      if (typed == NULL || in_mrz == NULL)
        continue;
      translit = mrz_transliterate (typed);
      /* Long names are cut at the end of the line. */
      if (!g_str_equal (translit, in_mrz) && !(*in_mrz && g_str_has_prefix (translit, in_mrz) &&
                                               strlen (in_mrz) >= 10))
        field_add (self, pairs[i].field, "mismatch", RS_SEVERITY_ERROR,
                   _("“%s” does not match the name in the MRZ (“%s”). Type it as printed in the passport; in the MRZ spaces and hyphens appear as <."),
                   typed, in_mrz);
    }

  number = good_value_of (self, RS_FIELD_ID_NUMBER);
  doc_number = rs_validation_get_field (mrz, "document_number");
  if (number && doc_number && !g_str_equal (number, doc_number))
    field_add (self, RS_FIELD_ID_NUMBER, "mismatch", RS_SEVERITY_ERROR,
               _("The passport number %s does not match the one in the MRZ (%s). Check both against the passport."),
               number, doc_number);

  nat = good_value_of (self, RS_FIELD_NATIONALITY);
  doc_nat = rs_validation_get_field (mrz, "nationality");
  if (nat && doc_nat)
    {
      g_autofree char *clean = g_strstrip (g_strdelimit (g_strdup (nat), "<", ' '));
      if (!g_str_equal (clean, doc_nat))
        field_add (self, RS_FIELD_NATIONALITY, "mismatch", RS_SEVERITY_ERROR,
                   _("The nationality %s does not match the one in the MRZ (%s). Check both against the passport."),
                   nat, doc_nat);
    }

  expiry = good_value_of (self, RS_FIELD_EXPIRY_DATE);
  doc_expiry = rs_validation_get_field (mrz, "expiry_date");
  if (expiry && doc_expiry && !g_str_equal (expiry, doc_expiry))
    field_add (self, RS_FIELD_EXPIRY_DATE, "mismatch", RS_SEVERITY_ERROR,
               _("The date of expiry %s does not match the one in the MRZ (%s). Check both against the passport."),
               expiry, doc_expiry);
}

/* The MRZ field's own "expired" warning repeats the expiry check. */
static void
drop_issue (RsValidation *v,
            const char   *id)
{
  GPtrArray *issues = rs_validation_get_issues (v);

  for (guint i = issues->len; i > 0; i--)
    {
      const RsIssue *issue = g_ptr_array_index (issues, i - 1);
      if (g_str_equal (issue->id, id))
        g_ptr_array_remove_index (issues, i - 1);
    }
}

static void
tag_issues (RsValidation *v,
            const char   *field)
{
  GPtrArray *issues = rs_validation_get_issues (v);

  for (guint i = 0; i < issues->len; i++)
    {
      RsIssue *issue = g_ptr_array_index (issues, i);
      if (issue->field == NULL)
        issue->field = g_strdup (field);
    }
}

guint
rs_details_field_max_length (const char *field)
{
  /* Generous for every real document (the longest MRZ name is 39
   * characters, an e-mail address 254), small enough that a pasted page
   * cannot make a bundle of hundreds of megabytes. */
  static const struct { const char *field; guint max; } limits[] = {
    { RS_FIELD_NAME, 100 }, { RS_FIELD_SURNAME, 100 }, { RS_FIELD_GIVEN_NAMES, 100 },
    { RS_FIELD_ID_NUMBER, 40 }, { RS_FIELD_ID_NUMBER_CONFIRM, 40 },
    { RS_FIELD_BIRTH_DATE, 40 }, { RS_FIELD_VALID_FROM, 40 }, { RS_FIELD_VALID_UNTIL, 40 },
    { RS_FIELD_EXPIRY_DATE, 40 }, { RS_FIELD_SEX, 20 }, { RS_FIELD_NATIONALITY, 40 },
    { RS_FIELD_MRZ, 200 }, { RS_FIELD_PHONE, 40 }, { RS_FIELD_EMAIL, 254 },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (limits); i++)
    if (g_str_equal (field, limits[i].field))
      return limits[i].max;
  return 1000;
}

RsDetailsCheck *
rs_details_check (const char *document_type,
                  GHashTable *fields,
                  RsProfile  *profile,
                  GDateTime  *now)
{
  RsDetailsCheck *self = g_new0 (RsDetailsCheck, 1);
  int doc = find_doc (document_type);
  g_autoptr(GList) keys = NULL;
  GDate today;

  g_atomic_ref_count_init (&self->ref);
  self->type = g_strdup (document_type ? document_type : "");
  self->han_name = doc >= 0 && doc_fields[doc].han_name;
  self->order = g_ptr_array_new_with_free_func (g_free);
  self->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) rs_validation_unref);
  self->record = rs_validation_new (self->type);
  rs_today (now, &today);

  if (doc < 0)
    rs_validation_add_issue (self->record, "unsupported", RS_SEVERITY_ERROR, "document_type",
                             *self->type ? _("This document type is not supported. Choose one of the listed documents.")
                                         : _("No document type was chosen. Choose the document you will upload."));
  else if (profile && rs_profile_find_document (profile, self->type) == NULL)
    rs_validation_add_issue (self->record, "unsupported", RS_SEVERITY_ERROR, "document_type",
                             _("This platform does not accept this document type. Choose another document."));

  /* The type's fields in order, then any others present, sorted. */
  if (doc >= 0)
    for (guint i = 0; doc_fields[doc].fields[i]; i++)
      g_ptr_array_add (self->order, g_strdup (doc_fields[doc].fields[i]->id));
  if (fields)
    {
      keys = g_list_sort (g_hash_table_get_keys (fields), (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l; l = l->next)
        {
          const char *value = g_hash_table_lookup (fields, l->data);
          gboolean known = FALSE;

          for (guint i = 0; i < self->order->len && !known; i++)
            known = g_str_equal (g_ptr_array_index (self->order, i), l->data);
          if (!known && value && *value)
            g_ptr_array_add (self->order, g_strdup (l->data));
        }
    }

  for (guint i = 0; i < self->order->len; i++)
    {
      const char *field = g_ptr_array_index (self->order, i);
      const char *raw = fields ? g_hash_table_lookup (fields, field) : NULL;
      g_autofree char *trimmed = raw ? rs_normalize_name (raw) : NULL;
      RsValidation *v;

      if (trimmed == NULL || *trimmed == '\0')
        {
          v = rs_validation_new ("");
          if (doc >= 0 && i < G_N_ELEMENTS (doc_fields[doc].fields) && doc_fields[doc].fields[i] &&
              doc_fields[doc].fields[i]->required)
            rs_validation_add_issue (v, "required", RS_SEVERITY_ERROR, field,
                                     g_str_equal (field, RS_FIELD_ID_NUMBER_CONFIRM)
                                     ? _("Type the number a second time, without copying, to catch typos.")
                                     : _("This field is required. Copy it from the document."));
        }
      else if (g_utf8_strlen (raw, -1) > (glong) rs_details_field_max_length (field))
        {
          g_autofree char *message =
            g_strdup_printf (_("This is %ld characters long, more than the %u this field "
                               "holds. Check what was typed or pasted here."),
                             g_utf8_strlen (raw, -1), rs_details_field_max_length (field));

          v = rs_validation_new ("");
          rs_validation_add_issue (v, "too-long", RS_SEVERITY_ERROR, field, message);
        }
      else
        v = check_one (self, field, raw, now);
      tag_issues (v, field);
      g_hash_table_insert (self->results, g_strdup (field), v);
    }
  g_ptr_array_add (self->order, NULL);

  /* Cross-checks. */
  check_confirm (self);
  check_birth_and_sex (self);
  check_age (self, profile, &today);
  if (value_of (self, RS_FIELD_EXPIRY_DATE) && g_hash_table_contains (self->results, RS_FIELD_MRZ))
    drop_issue (g_hash_table_lookup (self->results, RS_FIELD_MRZ), "expired");
  /* Validity period first: an end before the start is the real problem,
   * not that the document has expired. */
  if (g_strcmp0 (self->type, RS_DOC_CN_RIC) == 0 || g_strcmp0 (self->type, RS_DOC_DRIVING_LICENCE) == 0)
    check_cn_validity (self);
  check_expiry (self, profile, &today);
  if (g_strcmp0 (self->type, RS_DOC_PASSPORT) == 0)
    check_passport (self);

  return self;
}

RsDetailsCheck *
rs_details_check_session (RsSession *session,
                          GDateTime *now)
{
  g_autoptr(GHashTable) fields = NULL;

  g_return_val_if_fail (RS_IS_SESSION (session), NULL);
  fields = rs_details_from_session (session);
  return rs_details_check (rs_session_get_document_type (session), fields,
                           rs_session_get_profile (session), now);
}

/* ------------------------------------------------------------------ */
/* Records as JSON and in sessions                                     */

GHashTable *
rs_details_from_json (JsonNode  *node,
                      char     **document_type,
                      GError   **error)
{
  g_autoptr(GHashTable) fields = NULL;
  JsonObject *object, *members;
  JsonNode *type_node, *fields_node;
  g_autoptr(GList) names = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_PARSE, "%s",
                   _("This is not a details record: expected a JSON object with “document_type” and “fields”."));
      return NULL;
    }
  object = json_node_get_object (node);
  type_node = json_object_get_member (object, "document_type");
  if (type_node == NULL || json_node_get_value_type (type_node) != G_TYPE_STRING)
    {
      g_set_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_INVALID, "%s",
                   _("The details record has no “document_type” string (like \"cn-ric\"). Add it."));
      return NULL;
    }
  fields_node = json_object_get_member (object, "fields");
  if (fields_node == NULL || !JSON_NODE_HOLDS_OBJECT (fields_node))
    {
      g_set_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_INVALID, "%s",
                   _("The details record has no “fields” object. Add one, like \"fields\": {\"name\": \"张三\"}."));
      return NULL;
    }

  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_node_get_object (fields_node);
  names = json_object_get_members (members);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (members, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_INVALID,
                       _("The field “%s” must be a string in quotes."), (const char *) l->data);
          return NULL;
        }
      if (!g_utf8_validate (json_node_get_string (value), -1, NULL) ||
          g_utf8_strlen (json_node_get_string (value), -1) >
          (glong) rs_details_field_max_length (l->data))
        {
          g_set_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_INVALID,
                       _("The field “%s” is longer than the %u characters it may hold."),
                       (const char *) l->data, rs_details_field_max_length (l->data));
          return NULL;
        }
      g_hash_table_insert (fields, g_strdup (l->data), g_strdup (json_node_get_string (value)));
    }

  if (document_type)
    *document_type = g_strdup (json_node_get_string (type_node));
  return g_steal_pointer (&fields);
}

GHashTable *
rs_details_from_data (const char  *data,
                      gssize       length,
                      char       **document_type,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (length < 0)
    length = data ? (gssize) strlen (data) : 0;
  if (!rs_json_load (parser, data, (gsize) length, &local_error))
    {
      g_set_error (error, RS_VALIDATE_ERROR, RS_VALIDATE_ERROR_PARSE,
                   _("This is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  return rs_details_from_json (json_parser_get_root (parser), document_type, error);
}

JsonNode *
rs_details_to_json (const char *document_type,
                    GHashTable *fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) keys = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document_type");
  json_builder_add_string_value (builder, document_type ? document_type : "");
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  if (fields)
    {
      keys = g_list_sort (g_hash_table_get_keys (fields), (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_string_value (builder, g_hash_table_lookup (fields, l->data));
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
rs_details_apply_to_session (RsSession  *session,
                             const char *document_type,
                             GHashTable *fields)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (RS_IS_SESSION (session));
  rs_session_set_document_type (session, document_type);
  rs_session_clear_fields (session);
  if (fields == NULL)
    return;
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    rs_session_set_field (session, key, value);
}

GHashTable *
rs_details_from_session (RsSession *session)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (RS_IS_SESSION (session), fields);
  ids = rs_session_list_fields (session);
  for (guint i = 0; ids && ids[i]; i++)
    g_hash_table_insert (fields, g_strdup (ids[i]), g_strdup (rs_session_get_field (session, ids[i])));
  return fields;
}
