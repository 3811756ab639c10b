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

static void schedule_check (RsDetailsPage *self);

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

/* ---- Building the rows -------------------------------------------------- */

static gboolean
check_timeout_cb (gpointer user_data)
{
  RsDetailsPage *self = user_data;

  self->check_id = 0;
  rs_details_page_check_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (RsDetailsPage *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  /* Restarted by every keystroke, to check once the user pauses — but never
   * postponed past RS_DETAILS_PAGE_CHECK_MAX_DELAY_MS, so that a user who
   * types on without pausing still has the text saved in the draft. */
  if (self->check_id == 0)
    self->check_pending_since = now;
  waited_ms = (now - self->check_pending_since) / 1000;
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CLAMP (RS_DETAILS_PAGE_CHECK_MAX_DELAY_MS - waited_ms, 0,
                                         RS_DETAILS_PAGE_CHECK_DELAY_MS),
                                  check_timeout_cb, self);
  g_source_set_name_by_id (self->check_id, "[resubmit] details check");
}

static void
field_changed_cb (Field *f)
{
  if (f->page->updating)
    return;
  /* Typed in (even if then deleted): from now on an empty field is an
   * error worth showing. */
  f->touched = TRUE;
  schedule_check (f->page);
}

static void
long_term_cb (Field *f)
{
  gboolean active = gtk_switch_get_active (GTK_SWITCH (f->long_term_switch));

  gtk_widget_set_sensitive (f->row, !active);
  if (f->page->updating)
    return;
  f->touched = TRUE;
  rs_details_page_check_now (f->page);
}

static void
combo_changed_cb (Field *f)
{
  if (f->page->updating)
    return;
  f->touched = TRUE;
  rs_details_page_check_now (f->page);
}

/* Leaving a field shows its problems at once, and the value the way it is
 * kept (e.g. a date typed as 1990/1/1 becomes 1990-01-01). */
static void
focus_leave_cb (GtkEventControllerFocus *controller,
                Field                   *f)
{
  RsDetailsPage *self = f->page;
  RsSession *session;
  const char *kept;

  if (self->disposing || self->updating)
    return;

  /* Only passing through (Tab) an empty field does not scold it: it is
   * "touched" once edited (field_changed_cb). */
  rs_details_page_check_now (self);

  if (f->state == STATE_ERROR || f->info->kind == RS_FIELD_KIND_MRZ ||
      f->info->kind == RS_FIELD_KIND_SEX)
    return;

  session = rs_page_get_session (RS_PAGE (self));
  kept = rs_session_get_field (session, f->info->id);
  if (kept != NULL && !g_str_equal (kept, RS_VALID_LONG_TERM) &&
      !g_str_equal (kept, gtk_editable_get_text (GTK_EDITABLE (f->row))))
    {
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (f->row), kept);
      self->updating = FALSE;
    }
}

static void
field_add_row (Field     *f,
               GtkWidget *row)
{
  adw_preferences_group_add (f->group, row);
  g_ptr_array_add (f->rows, row);
}

static GtkWidget *
new_entry_row (Field      *f,
               const char *title,
               const char *name)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkInputHints hints = GTK_INPUT_HINT_NO_SPELLCHECK;
  GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;
  GtkEventController *focus = gtk_event_controller_focus_new ();

  switch (f->info->kind)
    {
    case RS_FIELD_KIND_DOCUMENT_NUMBER:
    case RS_FIELD_KIND_COUNTRY:
    case RS_FIELD_KIND_MRZ:
      hints |= GTK_INPUT_HINT_UPPERCASE_CHARS | GTK_INPUT_HINT_NO_EMOJI;
      break;
    case RS_FIELD_KIND_PHONE:
      purpose = GTK_INPUT_PURPOSE_PHONE;
      break;
    case RS_FIELD_KIND_EMAIL:
      purpose = GTK_INPUT_PURPOSE_EMAIL;
      break;
    case RS_FIELD_KIND_TEXT:
      purpose = GTK_INPUT_PURPOSE_NAME;
      break;
    case RS_FIELD_KIND_DATE:
    case RS_FIELD_KIND_DATE_OR_LONG_TERM:
    case RS_FIELD_KIND_SEX:
    default:
      hints |= GTK_INPUT_HINT_NO_EMOJI;
      break;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), hints);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), purpose);
  gtk_widget_set_name (row, name);
  if (f->info->kind == RS_FIELD_KIND_MRZ || f->info->kind == RS_FIELD_KIND_DOCUMENT_NUMBER)
    gtk_widget_add_css_class (row, "monospace");
  rs_a11y_set_name (row, title);
  /* The text inside is what takes the focus and what is read. */
  rs_a11y_set_name (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), title);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), f);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), f);
  g_ptr_array_add (f->focus_controllers, focus);
  gtk_widget_add_controller (row, focus);
  return row;
}

static GtkWidget *
new_message_row (Field *f)
{
  /* An AdwPreferencesRow, not a plain list row: only those go into the
   * group's boxed list, right beneath the field. */
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *name = NULL;

  f->message_icon = gtk_image_new ();
  f->message_label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "rs-field-message");
  name = g_strconcat (f->info->id, ":message", NULL);
  gtk_widget_set_name (row, g_intern_string (name));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (f->message_icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (f->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (f->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (f->message_label), 0.0);
  gtk_widget_set_hexpand (f->message_label, TRUE);
  gtk_widget_add_css_class (f->message_label, "caption");

  gtk_box_append (GTK_BOX (box), f->message_icon);
  gtk_box_append (GTK_BOX (box), f->message_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static void
build_field (RsDetailsPage     *self,
             const RsFieldInfo *info)
{
  Field *f = g_new0 (Field, 1);

  f->page = self;
  f->info = info;
  f->rows = g_ptr_array_new ();
  f->focus_controllers = g_ptr_array_new ();
  f->group = info->required ? self->fields_group : self->optional_group;
  g_ptr_array_add (self->fields, f);

  switch (info->kind)
    {
    case RS_FIELD_KIND_SEX:
      {
        g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

        /* TRANSLATORS: the sex choice before the user has made one. */
        gtk_string_list_append (choices, C_("sex", "Not chosen"));
        gtk_string_list_append (choices, C_("sex", "Male"));
        gtk_string_list_append (choices, C_("sex", "Female"));
        f->row = adw_combo_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), info->label);
        adw_combo_row_set_model (ADW_COMBO_ROW (f->row), G_LIST_MODEL (choices));
        gtk_widget_set_name (f->row, g_intern_string (info->id));
        rs_a11y_set_name (f->row, info->label);
        rs_a11y_name_list (f->row, info->label);
        adw_combo_row_set_factory (ADW_COMBO_ROW (f->row), rs_details_sex_item_factory ());
        g_signal_connect_swapped (f->row, "notify::selected", G_CALLBACK (combo_changed_cb), f);
        field_add_row (f, f->row);
      }
      break;

    case RS_FIELD_KIND_MRZ:
      {
        /* Passports (TD3) have two lines, ID cards (TD1) three. */
        f->n_lines = g_strcmp0 (self->built_type, RS_DOC_PASSPORT) == 0 ? 2 : 3;
        for (guint i = 0; i < f->n_lines; i++)
          {
            g_autofree char *title = NULL;
            g_autofree char *name = g_strdup_printf ("%s:%u", info->id, i + 1);

            /* TRANSLATORS: %1$s is the field's name (e.g. "Machine-readable
             * zone"), %2$u the line number. */
            title = g_strdup_printf (_("%1$s, line %2$u"), info->label, i + 1);
            f->lines[i] = new_entry_row (f, title, g_intern_string (name));
            field_add_row (f, f->lines[i]);
          }
        f->row = f->lines[0];
      }
      break;

    case RS_FIELD_KIND_DATE_OR_LONG_TERM:
      {
        GtkWidget *switch_row = adw_action_row_new ();
        g_autofree char *name = g_strdup_printf ("%s:long-term", info->id);

        f->row = new_entry_row (f, info->label, g_intern_string (info->id));
        field_add_row (f, f->row);

        f->long_term_switch = gtk_switch_new ();
        gtk_widget_set_valign (f->long_term_switch, GTK_ALIGN_CENTER);
        gtk_widget_set_name (f->long_term_switch, g_intern_string (name));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (switch_row),
                                       _("No end date (long-term)"));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (switch_row),
                                     _("Turn on if the card says “长期” instead of an end date"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (switch_row), f->long_term_switch);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (switch_row), f->long_term_switch);
        /* After the row: it labels its activatable widget with its title. */
        rs_a11y_set_name (f->long_term_switch, _("No end date (long-term)"));
        g_signal_connect_swapped (f->long_term_switch, "notify::active",
                                  G_CALLBACK (long_term_cb), f);
        field_add_row (f, switch_row);
      }
      break;

    case RS_FIELD_KIND_TEXT:
    case RS_FIELD_KIND_DOCUMENT_NUMBER:
    case RS_FIELD_KIND_DATE:
    case RS_FIELD_KIND_COUNTRY:
    case RS_FIELD_KIND_PHONE:
    case RS_FIELD_KIND_EMAIL:
    default:
      f->row = new_entry_row (f, info->label, g_intern_string (info->id));
      field_add_row (f, f->row);
      break;
    }

  if (info->hint != NULL)
    gtk_widget_set_tooltip_text (f->row, info->hint);

  f->message_row = new_message_row (f);
  field_add_row (f, f->message_row);
}

static void
clear_fields (RsDetailsPage *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      /* A removed row can outlive its Field (GTK may still hold it, and
       * send it focus-leave): it must not call back into freed memory. */
      for (guint j = 0; j < f->focus_controllers->len; j++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (f->focus_controllers, j), f);
      for (guint j = 0; j < f->rows->len; j++)
        adw_preferences_group_remove (f->group, g_ptr_array_index (f->rows, j));
    }
  g_ptr_array_set_size (self->fields, 0);
  g_clear_pointer (&self->infos, g_ptr_array_unref);
}

static gboolean
infos_contain (GPtrArray  *infos,
               const char *id)
{
  for (guint i = 0; infos != NULL && i < infos->len; i++)
    if (g_str_equal (((RsFieldInfo *) g_ptr_array_index (infos, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Switching the document type keeps the fields both types share; the
 * others are put aside (in memory) and come back if the user switches back,
 * so that a slip in the first step loses nothing typed. */
static void
stash_and_restore (RsDetailsPage *self,
                   const char    *old_type,
                   const char    *new_type,
                   GPtrArray     *new_infos)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_auto(GStrv) ids = rs_session_list_fields (session);
  GHashTable *stashed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *restore;

  for (guint i = 0; ids[i] != NULL; i++)
    if (!infos_contain (new_infos, ids[i]))
      {
        g_hash_table_insert (stashed, g_strdup (ids[i]),
                             g_strdup (rs_session_get_field (session, ids[i])));
        rs_session_set_field (session, ids[i], NULL);
      }

  restore = new_type != NULL ? g_hash_table_lookup (self->stash, new_type) : NULL;
  if (restore != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, restore);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (rs_session_get_field (session, key) == NULL)
          rs_session_set_field (session, key, value);
      g_hash_table_remove (self->stash, new_type);
    }

  if (old_type != NULL && g_hash_table_size (stashed) > 0)
    g_hash_table_replace (self->stash, g_strdup (old_type), stashed);
  else
    g_hash_table_unref (stashed);
}

static void
rebuild (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *type = rs_session_get_document_type (session);
  g_autoptr(GPtrArray) infos = type != NULL ? rs_details_required_fields (type) : NULL;
  gboolean any_optional = FALSE;

  /* Removing a focused row emits focus-leave: ignore it while rebuilding. */
  self->updating = TRUE;
  clear_fields (self);
  g_free (self->built_type);
  self->built_type = g_strdup (type);

  /* Compared with the last real type: the Start page may pass through
   * "no type" while the platform changes. */
  if (type != NULL)
    {
      if (self->stash_type != NULL && !g_str_equal (self->stash_type, type))
        stash_and_restore (self, self->stash_type, type, infos);
      g_free (self->stash_type);
      self->stash_type = g_strdup (type);
    }

  /* The group is named after the document, so the user knows which one
   * to have at hand. */
  adw_preferences_group_set_title (self->fields_group,
                                   type != NULL ? rs_document_type_get_name (type) : "");
  rs_a11y_name_list (GTK_WIDGET (self->fields_group),
                     type != NULL ? rs_document_type_get_name (type) : _("Your Details"));
  adw_preferences_group_set_description (self->fields_group,
                                         type != NULL
                                         ? _("The fields in the order they appear on the document.")
                                         : NULL);

  self->infos = infos != NULL ? g_ptr_array_ref (infos) : NULL;
  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      const RsFieldInfo *info = g_ptr_array_index (infos, i);

      build_field (self, info);
      any_optional |= !info->required;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->optional_group), any_optional);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      rs_details_field_set_value (f, rs_session_get_field (session, f->info->id));
    }
  self->updating = FALSE;

  rs_details_page_check_now (self);
}

static void
update_reason (RsDetailsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->reason_group),
                          rs_session_has_reason (rs_page_get_session (RS_PAGE (self)),
                                                 RS_REASON_DETAILS));
}

/* The document type, the reasons or the profile changed. */
static void
session_part_changed_cb (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  if (self->updating || self->disposing)
    return;

  update_reason (self);
  if (g_strcmp0 (rs_session_get_document_type (session), self->built_type) != 0)
    {
      rebuild (self);
      return;
    }
  /* The profile (minimum age, days of validity) may have changed. */
  schedule_check (self);
}

/* A field set by someone else (Review, a test, a restored draft) wins over
 * what the rows hold, so that the next check does not undo it.  The page's
 * own writes happen while it is updating. */
static void
session_field_changed_cb (RsDetailsPage *self,
                          const char    *id,
                          RsSession     *session)
{
  Field *f;

  if (self->updating || self->disposing)
    return;

  f = find_field (self, id);
  if (f != NULL)
    {
      const char *value = rs_session_get_field (session, id);

      self->updating = TRUE;
      rs_details_field_set_value (f, value);
      f->touched |= value != NULL;
      self->updating = FALSE;
    }
  schedule_check (self);
}

static void
session_acknowledged_changed_cb (RsDetailsPage *self,
                                 const char    *key)
{
  if (!self->updating && !self->disposing && rs_ack_is_details_key (key))
    schedule_check (self);
}

static void
ack_toggled_cb (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  gboolean active = gtk_check_button_get_active (self->ack_check);

  if (self->updating)
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->warning_keys->len; i++)
    rs_session_set_acknowledged (session, g_ptr_array_index (self->warning_keys, i), active);
  self->updating = FALSE;

  rs_details_page_check_now (self);
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

  update_reason (self);
  rs_details_page_fill_update (self);
  if (g_strcmp0 (rs_session_get_document_type (rs_page_get_session (page)), self->built_type) != 0)
    rebuild (self);
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
                           G_CALLBACK (ack_toggled_cb), self, G_CONNECT_SWAPPED);

  if (session != NULL)
    {
      const char *parts[] = { "notify::document-type", "notify::reasons", "notify::profile" };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        g_signal_connect_object (session, parts[i], G_CALLBACK (session_part_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "field-changed", G_CALLBACK (session_field_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "acknowledged-changed",
                               G_CALLBACK (session_acknowledged_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "photo-changed",
                               G_CALLBACK (rs_details_page_fill_update), self, G_CONNECT_SWAPPED);
      update_reason (self);
      rebuild (self);
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
