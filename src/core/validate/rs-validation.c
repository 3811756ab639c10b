/* rs-validation.c: the result of checking one value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "rs-validate.h"
#include "rs-validate-private.h"

struct _RsValidation {
  gatomicrefcount  ref;
  char            *normalized;
  GPtrArray       *issues;  /* RsIssue* */
  GHashTable      *fields;  /* char* → char* */
};

G_DEFINE_BOXED_TYPE (RsValidation, rs_validation, rs_validation_ref, rs_validation_unref)
G_DEFINE_QUARK (rs-validate-error-quark, rs_validate_error)

static void
rs_issue_free (gpointer data)
{
  RsIssue *issue = data;

  g_free (issue->id);
  g_free (issue->message);
  g_free (issue->field);
  g_free (issue);
}

RsValidation *
rs_validation_new (const char *normalized)
{
  RsValidation *self = g_new0 (RsValidation, 1);

  g_atomic_ref_count_init (&self->ref);
  self->normalized = g_strdup (normalized ? normalized : "");
  self->issues = g_ptr_array_new_with_free_func (rs_issue_free);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

RsValidation *
rs_validation_ref (RsValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rs_validation_unref (RsValidation *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->normalized);
  g_ptr_array_unref (self->issues);
  g_hash_table_unref (self->fields);
  g_free (self);
}

gboolean
rs_validation_get_valid (const RsValidation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return rs_validation_count_issues (self, RS_SEVERITY_ERROR) == 0;
}

const char *
rs_validation_get_normalized (const RsValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->normalized;
}

void
rs_validation_set_normalized (RsValidation *self,
                              const char   *normalized)
{
  g_return_if_fail (self != NULL);
  if (normalized == self->normalized)
    return;
  g_free (self->normalized);
  self->normalized = g_strdup (normalized ? normalized : "");
}

GPtrArray *
rs_validation_get_issues (const RsValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->issues;
}

guint
rs_validation_count_issues (const RsValidation *self,
                            RsSeverity          severity)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->issues->len; i++)
    {
      const RsIssue *issue = g_ptr_array_index (self->issues, i);
      if (issue->severity == severity)
        n++;
    }
  return n;
}

gboolean
rs_validation_has_issue (const RsValidation *self,
                         const char         *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < self->issues->len; i++)
    {
      const RsIssue *issue = g_ptr_array_index (self->issues, i);
      if (g_strcmp0 (issue->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

GHashTable *
rs_validation_get_fields (const RsValidation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fields;
}

const char *
rs_validation_get_field (const RsValidation *self,
                         const char         *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_hash_table_lookup (self->fields, key);
}

void
rs_validation_add_issue (RsValidation *self,
                         const char   *id,
                         RsSeverity    severity,
                         const char   *field,
                         const char   *message)
{
  RsIssue *issue;

  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL && message != NULL);

  issue = g_new0 (RsIssue, 1);
  issue->id = g_strdup (id);
  issue->severity = severity;
  issue->message = g_strdup (message);
  issue->field = g_strdup (field);
  g_ptr_array_add (self->issues, issue);
}

void
rs_validation_add (RsValidation *self,
                   const char   *id,
                   RsSeverity    severity,
                   const char   *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  rs_validation_add_issue (self, id, severity, NULL, message);
}

void
rs_validation_set_field (RsValidation *self,
                         const char   *key,
                         const char   *value)
{
  g_return_if_fail (self != NULL && key != NULL);
  if (value == NULL)
    g_hash_table_remove (self->fields, key);
  else
    g_hash_table_replace (self->fields, g_strdup (key), g_strdup (value));
}

void
rs_validation_take_issues (RsValidation *self,
                           RsValidation *other,
                           const char   *field)
{
  for (guint i = 0; i < other->issues->len; i++)
    {
      const RsIssue *issue = g_ptr_array_index (other->issues, i);
      rs_validation_add_issue (self, issue->id, issue->severity,
                               field ? field : issue->field, issue->message);
    }
}

void
rs_issue_to_json (JsonBuilder   *builder,
                  const RsIssue *issue,
                  gboolean       with_field)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, issue->id);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, issue->message);
  if (with_field && issue->field)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, issue->field);
    }
  json_builder_end_object (builder);
}

void
rs_issues_to_json (JsonBuilder *builder,
                   GPtrArray   *issues,
                   RsSeverity   severity,
                   gboolean     with_field)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < issues->len; i++)
    {
      const RsIssue *issue = g_ptr_array_index (issues, i);
      if (issue->severity == severity)
        rs_issue_to_json (builder, issue, with_field);
    }
  json_builder_end_array (builder);
}

JsonNode *
rs_validation_to_json (const RsValidation *self,
                       const char         *type,
                       const char         *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  if (type)
    {
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type);
    }
  if (input)
    {
      json_builder_set_member_name (builder, "input");
      json_builder_add_string_value (builder, input);
    }
  json_builder_set_member_name (builder, "normalized");
  json_builder_add_string_value (builder, self->normalized);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, rs_validation_get_valid (self));
  json_builder_set_member_name (builder, "errors");
  rs_issues_to_json (builder, self->issues, RS_SEVERITY_ERROR, FALSE);
  json_builder_set_member_name (builder, "warnings");
  rs_issues_to_json (builder, self->issues, RS_SEVERITY_WARNING, FALSE);

  /* Sorted, so that output is stable. */
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  keys = g_list_sort (g_hash_table_get_keys (self->fields), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (self->fields, l->data));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
