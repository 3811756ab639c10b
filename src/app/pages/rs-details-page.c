/* rs-details-page.c
 *
 * One row per field of the chosen document type (from the validators'
 * rs_details_required_fields()), checked as the user types: the whole
 * record goes through rs_details_check() RS_DETAILS_PAGE_CHECK_DELAY_MS
 * after the last keystroke, the normalised values go to the session (the
 * draft autosaves them) and each issue is shown beneath its field with an
 * icon and text, never by colour alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "rs-details-page-private.h"
#include "rs-a11y.h"
#include "rs-ack.h"
#include "rs-validate.h"

G_DEFINE_FINAL_TYPE (RsDetailsPage, rs_details_page, RS_TYPE_PAGE)


static void
field_free (Field *f)
{
  g_clear_pointer (&f->rows, g_ptr_array_unref);
  g_clear_pointer (&f->focus_controllers, g_ptr_array_unref);
  g_free (f->message);
  g_free (f);
}

static Field *
find_field (RsDetailsPage *self,
            const char    *id)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (f->info->id, id) == 0)
        return f;
    }
  return NULL;
}

Field *
rs_details_page_find_field (RsDetailsPage *self,
                            const char    *id)
{
  return find_field (self, id);
}

/* ---- Showing the result ------------------------------------------------- */

static void
set_style (GtkWidget  *widget,
           FieldState  state)
{
  if (state == STATE_ERROR)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  if (state == STATE_WARNING)
    gtk_widget_add_css_class (widget, "warning");
  else
    gtk_widget_remove_css_class (widget, "warning");
}

static void
mark_accessible (GtkWidget  *widget,
                 FieldState  state,
                 const char *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               state == STATE_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                    : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
field_mark (GtkWidget  *row,
            FieldState  state,
            const char *description)
{
  mark_accessible (row, state, description);
  if (ADW_IS_ENTRY_ROW (row))
    mark_accessible (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                     state, description);
}

static void
field_show (Field      *f,
            FieldState  state,
            const char *message)
{
  const char *hint = f->info->hint;
  const char *description;

  f->state = state;
  g_free (f->message);
  f->message = g_strdup (state != STATE_NONE && message != NULL ? message : "");

  set_style (f->row, state);
  for (guint i = 1; i < f->n_lines; i++)
    set_style (f->lines[i], state);
  set_style (f->message_row, state);

  if (state == STATE_NONE)
    {
      g_autofree char *raw = rs_details_field_get_raw (f);

      /* No problem: an empty field shows its hint (the format to type)
       * instead; a filled one needs none, which keeps the form short. */
      gtk_widget_set_visible (f->message_icon, FALSE);
      gtk_label_set_text (GTK_LABEL (f->message_label), hint != NULL ? hint : "");
      gtk_widget_add_css_class (f->message_label, "dim-label");
      gtk_widget_set_visible (f->message_row, hint != NULL && *hint != '\0' && *raw == '\0');
      description = hint;
    }
  else
    {
      gboolean error = state == STATE_ERROR;

      gtk_image_set_from_icon_name (GTK_IMAGE (f->message_icon),
                                    error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->message_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error ? _("Error") : _("Warning"),
                                      -1);
      gtk_widget_set_visible (f->message_icon, TRUE);
      gtk_label_set_text (GTK_LABEL (f->message_label), f->message);
      gtk_widget_remove_css_class (f->message_label, "dim-label");
      gtk_widget_set_visible (f->message_row, TRUE);
      description = f->message;
    }

  /* Screen readers hear the problem with the field, not only its name:
   * on the row and, for a text field, on the text inside, which is what
   * has the focus. */
  field_mark (f->row, state, description);
  for (guint i = 1; i < f->n_lines; i++)
    field_mark (f->lines[i], state, description);
}

static char *
ack_key (const RsIssue *issue)
{
  return rs_ack_details_key (issue->field, issue->id);
}

static gboolean
all_warnings_acknowledged (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  for (guint i = 0; i < self->warning_keys->len; i++)
    if (!rs_session_is_acknowledged (session, g_ptr_array_index (self->warning_keys, i)))
      return FALSE;
  return TRUE;
}

/* Acknowledgments of warnings that are gone no longer mean anything: a
 * warning that comes back must be looked at again. */
static void
forget_stale_acknowledgments (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_auto(GStrv) keys = rs_session_list_acknowledged (session);

  for (guint i = 0; keys[i] != NULL; i++)
    if (rs_ack_is_details_key (keys[i]) &&
        !g_ptr_array_find_with_equal_func (self->warning_keys, keys[i], g_str_equal, NULL))
      rs_session_set_acknowledged (session, keys[i], FALSE);
}

static void
show_status (RsDetailsPage *self,
             const char    *icon,
             FieldState     state,
             const char    *title,
             const char    *subtitle)
{
  gtk_image_set_from_icon_name (self->status_icon, icon);
  set_style (GTK_WIDGET (self->status_row), state);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle != NULL ? subtitle : "");
  /* Read as one: the result and what to do about it. */
  rs_a11y_set_name (GTK_WIDGET (self->status_row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle != NULL ? subtitle : "",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  state == STATE_ERROR ? _("Error")
                                  : state == STATE_WARNING ? _("Warning") : _("Status"),
                                  -1);
}

static void
append_line (GString    *text,
             const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

void
rs_details_page_check_now (RsDetailsPage *self)
{
  RsSession *session;
  g_autoptr(GHashTable) raw = NULL;
  g_autoptr(RsDetailsCheck) check = NULL;
  g_autoptr(GString) record_errors = g_string_new (NULL);
  g_autoptr(GString) unseen = g_string_new (NULL);
  GPtrArray *issues;
  guint n_error_fields = 0;
  guint n_shown_errors = 0;
  guint n_warnings = 0;
  gboolean valid;
  gboolean acknowledged;

  g_return_if_fail (RS_IS_DETAILS_PAGE (self));

  g_clear_handle_id (&self->check_id, g_source_remove);
  session = rs_page_get_session (RS_PAGE (self));

  if (self->built_type == NULL || self->fields->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->ack_row), FALSE);
      show_status (self, "dialog-information-symbolic", STATE_NONE,
                   self->built_type == NULL
                   ? _("Choose your document type in the first step")
                   : _("This document type has no details to check"),
                   NULL);
      rs_page_set_complete (RS_PAGE (self), self->built_type != NULL);
      return;
    }

  raw = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      char *value = rs_details_field_get_raw (f);

      if (*value != '\0')
        f->touched = TRUE;
      g_hash_table_insert (raw, (gpointer) f->info->id, value);
    }

  check = rs_details_check (self->built_type, raw, rs_session_get_profile (session), NULL);
  issues = rs_details_check_get_all_issues (check);

  self->updating = TRUE;

  /* The normalised values are what is kept (and autosaved). */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      const char *typed = g_hash_table_lookup (raw, f->info->id);
      RsValidation *v = rs_details_check_get_field (check, f->info->id);
      const char *normalized = v != NULL ? rs_validation_get_normalized (v) : typed;

      rs_session_set_field (session, f->info->id, *typed != '\0' ? normalized : NULL);
    }

  g_ptr_array_set_size (self->warning_keys, 0);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autoptr(GString) errors = g_string_new (NULL);
      g_autoptr(GString) warnings = g_string_new (NULL);

      for (guint j = 0; j < issues->len; j++)
        {
          const RsIssue *issue = g_ptr_array_index (issues, j);

          if (g_strcmp0 (issue->field, f->info->id) != 0)
            continue;
          if (issue->severity == RS_SEVERITY_ERROR)
            append_line (errors, issue->message);
          else
            {
              append_line (warnings, issue->message);
              g_ptr_array_add (self->warning_keys, ack_key (issue));
            }
        }

      if (errors->len > 0)
        n_error_fields++;
      /* Not shown beneath the field yet (never edited): named in the
       * status, so that "3 fields need fixing" says which. */
      if (errors->len > 0 && !f->touched)
        {
          if (unseen->len > 0)
            /* TRANSLATORS: between field names in a list. */
            g_string_append (unseen, C_("list separator", ", "));
          g_string_append (unseen, f->info->label);
        }
      n_warnings += warnings->len > 0;

      /* An empty field the user has not reached yet is not scolded; it
       * still keeps Next off. */
      if (errors->len > 0 && f->touched)
        {
          field_show (f, STATE_ERROR, errors->str);
          n_shown_errors++;
        }
      else if (errors->len == 0 && warnings->len > 0)
        field_show (f, STATE_WARNING, warnings->str);
      else
        field_show (f, STATE_NONE, NULL);
    }

  /* Issues about the record as a whole or about fields without a row. */
  for (guint j = 0; j < issues->len; j++)
    {
      const RsIssue *issue = g_ptr_array_index (issues, j);

      if (issue->field != NULL && find_field (self, issue->field) != NULL)
        continue;
      if (issue->severity == RS_SEVERITY_ERROR)
        append_line (record_errors, issue->message);
      else
        {
          g_ptr_array_add (self->warning_keys, ack_key (issue));
          n_warnings++;
        }
    }

  forget_stale_acknowledgments (self);
  acknowledged = all_warnings_acknowledged (self);
  gtk_widget_set_visible (GTK_WIDGET (self->ack_row), self->warning_keys->len > 0);
  gtk_check_button_set_active (self->ack_check, self->warning_keys->len > 0 && acknowledged);

  self->updating = FALSE;

  valid = rs_details_check_get_valid (check);
  if (record_errors->len > 0)
    show_status (self, "dialog-error-symbolic", STATE_ERROR,
                 _("These details cannot be checked"), record_errors->str);
  else if (n_shown_errors > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u field needs fixing before you can continue",
                                      "%u fields need fixing before you can continue",
                                      n_error_fields),
                         n_error_fields);

      g_autofree char *subtitle = NULL;

      if (unseen->len > 0)
        /* TRANSLATORS: %s is a list of fields, e.g. "Sex, Valid until". */
        subtitle = g_strdup_printf (_("Each problem is explained beneath its field. Still to fill in: %s."),
                                    unseen->str);
      show_status (self, "dialog-error-symbolic", STATE_ERROR, title,
                   subtitle != NULL ? subtitle : _("Each problem is explained beneath its field."));
    }
  else if (!valid)
    {
      g_autofree char *subtitle = NULL;

      if (unseen->len > 0)
        subtitle = g_strdup_printf (_("Still to fill in: %s."), unseen->str);
      show_status (self, "dialog-information-symbolic", STATE_NONE,
                   _("Fill in every field to continue"), subtitle);
    }
  else if (self->warning_keys->len > 0 && !acknowledged)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Check %u warning against your document",
                                      "Check %u warnings against your document",
                                      n_warnings),
                         n_warnings);

      show_status (self, "dialog-warning-symbolic", STATE_WARNING, title,
                   _("Then tick the box below to confirm."));
    }
  else
    show_status (self, "emblem-ok-symbolic", STATE_NONE,
                 _("Your details pass every check"), NULL);

  rs_details_page_fill_update (self);
  rs_page_set_complete (RS_PAGE (self),
                        valid && record_errors->len == 0 &&
                        (self->warning_keys->len == 0 || acknowledged));
}

/* ---- Public API and RsPage vfuncs -------------------------------------- */

GtkWidget *
rs_details_page_get_field_widget (RsDetailsPage *self,
                                  const char    *field)
{
  g_autofree char *id = NULL;
  const char *colon;
  Field *f;

  g_return_val_if_fail (RS_IS_DETAILS_PAGE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  colon = strchr (field, ':');
  id = colon != NULL ? g_strndup (field, colon - field) : g_strdup (field);
  f = find_field (self, id);
  if (f == NULL)
    return NULL;
  if (colon == NULL)
    return f->row;
  if (g_str_equal (colon + 1, "long-term"))
    return f->long_term_switch;
  if (f->n_lines > 0)
    {
      guint64 line = g_ascii_strtoull (colon + 1, NULL, 10);

      if (line >= 1 && line <= f->n_lines)
        return f->lines[line - 1];
    }
  return NULL;
}

const char *
rs_details_page_get_field_message (RsDetailsPage *self,
                                   const char    *field)
{
  Field *f;

  g_return_val_if_fail (RS_IS_DETAILS_PAGE (self), NULL);

  f = find_field (self, field);
  return f != NULL && f->message != NULL ? f->message : "";
}

gboolean
rs_details_page_field_has_error (RsDetailsPage *self,
                                 const char    *field)
{
  Field *f;

  g_return_val_if_fail (RS_IS_DETAILS_PAGE (self), FALSE);

  f = find_field (self, field);
  return f != NULL && f->state == STATE_ERROR;
}

gboolean
rs_details_page_field_has_warning (RsDetailsPage *self,
                                   const char    *field)
{
  Field *f;

  g_return_val_if_fail (RS_IS_DETAILS_PAGE (self), FALSE);

  f = find_field (self, field);
  return f != NULL && f->state == STATE_WARNING;
}

static gboolean
rs_details_page_focus_item (RsPage     *page,
                            const char *item_id)
{
  RsDetailsPage *self = RS_DETAILS_PAGE (page);
  Field *f;

  if (g_strcmp0 (item_id, "acknowledge") == 0)
    return gtk_widget_get_visible (GTK_WIDGET (self->ack_row)) &&
           gtk_widget_grab_focus (GTK_WIDGET (self->ack_check));

  f = find_field (self, item_id);
  if (f == NULL)
    return FALSE;

  /* Coming from Review's "Fix": show the field's problem right away. */
  f->touched = TRUE;
  rs_details_page_check_now (self);
  return gtk_widget_grab_focus (f->row);
}

static void
rs_details_page_shown (RsPage *page)
{
  RsDetailsPage *self = RS_DETAILS_PAGE (page);

  rs_details_page_update_reason (self);
  rs_details_page_fill_update (self);
  if (g_strcmp0 (rs_session_get_document_type (rs_page_get_session (page)), self->built_type) != 0)
    rs_details_page_rebuild (self);
  else
    rs_details_page_check_now (self);
}

static void
rs_details_page_constructed (GObject *object)
{
  RsDetailsPage *self = RS_DETAILS_PAGE (object);
  RsSession *session;

  G_OBJECT_CLASS (rs_details_page_parent_class)->constructed (object);

  /* TRANSLATORS: the name of this step, shown in the header bar. */
  rs_page_set_title (RS_PAGE (self), C_("step title", "Details"));
  session = rs_page_get_session (RS_PAGE (self));

  rs_a11y_set_name (GTK_WIDGET (self->ack_check),
                    _("I have checked these warnings against my document"));
  g_signal_connect_object (self->ack_check, "notify::active",
                           G_CALLBACK (rs_details_page_ack_toggled), self, G_CONNECT_SWAPPED);

  if (session != NULL)
    {
      const char *parts[] = { "notify::document-type", "notify::reasons", "notify::profile" };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        g_signal_connect_object (session, parts[i], G_CALLBACK (rs_details_page_session_part_changed),
                                 self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "field-changed", G_CALLBACK (rs_details_page_session_field_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "acknowledged-changed",
                               G_CALLBACK (rs_details_page_session_acknowledged_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "photo-changed",
                               G_CALLBACK (rs_details_page_fill_update), self, G_CONNECT_SWAPPED);
      rs_details_page_update_reason (self);
      rs_details_page_rebuild (self);
    }
}

static void
rs_details_page_dispose (GObject *object)
{
  RsDetailsPage *self = RS_DETAILS_PAGE (object);

  self->disposing = TRUE;
  g_clear_handle_id (&self->check_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (object), RS_TYPE_DETAILS_PAGE);

  G_OBJECT_CLASS (rs_details_page_parent_class)->dispose (object);
}

static void
rs_details_page_finalize (GObject *object)
{
  RsDetailsPage *self = RS_DETAILS_PAGE (object);

  g_free (self->built_type);
  g_free (self->stash_type);
  g_free (self->fill_message);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->infos, g_ptr_array_unref);
  g_clear_pointer (&self->warning_keys, g_ptr_array_unref);
  g_clear_pointer (&self->stash, g_hash_table_unref);

  G_OBJECT_CLASS (rs_details_page_parent_class)->finalize (object);
}

static void
rs_details_page_class_init (RsDetailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RsPageClass *page_class = RS_PAGE_CLASS (klass);

  object_class->constructed = rs_details_page_constructed;
  object_class->dispose = rs_details_page_dispose;
  object_class->finalize = rs_details_page_finalize;
  page_class->shown = rs_details_page_shown;
  page_class->focus_item = rs_details_page_focus_item;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/pages/rs-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, prefs_page);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, reason_group);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, optional_group);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, ack_row);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, ack_check);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, fill_group);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, fill_row);
  gtk_widget_class_bind_template_child (widget_class, RsDetailsPage, fill_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "fill_clicked_cb",
                                                G_CALLBACK (rs_details_page_fill_clicked));
}

static void
rs_details_page_init (RsDetailsPage *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->warning_keys = g_ptr_array_new_with_free_func (g_free);
  self->stash = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
  /* Keys are the validators' static field ids. */
  gtk_widget_init_template (GTK_WIDGET (self));
  rs_a11y_mark_headings (GTK_WIDGET (self));
  rs_a11y_name_list (GTK_WIDGET (self->optional_group), _("Contact (Optional)"));
  /* Advice, nothing to activate: read, not a stop for Tab. */
  rs_a11y_name_list (GTK_WIDGET (self->reason_group),
                     _("Your last attempt was rejected because the details did not match the document"));
  gtk_widget_set_focusable (self->reason_row, FALSE);
  rs_a11y_name_list (gtk_widget_get_parent (GTK_WIDGET (self->status_row)), _("Status"));
  rs_details_page_tab_chain_init (self);
}

gboolean
rs_details_page_get_check_pending (RsDetailsPage *self)
{
  g_return_val_if_fail (RS_IS_DETAILS_PAGE (self), FALSE);
  return self->check_id != 0;
}
