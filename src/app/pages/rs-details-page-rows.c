/* rs-details-page-rows.c: the Details page's rows — one per field of the
 * chosen document type, built again when the type changes (values of other
 * types kept aside), and kept in step with the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "rs-details-page-private.h"
#include "rs-a11y.h"
#include "rs-ack.h"
#include "rs-validate.h"

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

void
rs_details_page_rebuild (RsDetailsPage *self)
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

void
rs_details_page_update_reason (RsDetailsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->reason_group),
                          rs_session_has_reason (rs_page_get_session (RS_PAGE (self)),
                                                 RS_REASON_DETAILS));
}

/* The document type, the reasons or the profile changed. */
void
rs_details_page_session_part_changed (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  if (self->updating || self->disposing)
    return;

  rs_details_page_update_reason (self);
  if (g_strcmp0 (rs_session_get_document_type (session), self->built_type) != 0)
    {
      rs_details_page_rebuild (self);
      return;
    }
  /* The profile (minimum age, days of validity) may have changed. */
  schedule_check (self);
}

/* A field set by someone else (Review, a test, a restored draft) wins over
 * what the rows hold, so that the next check does not undo it.  The page's
 * own writes happen while it is updating. */
void
rs_details_page_session_field_changed (RsDetailsPage *self,
                                       const char    *id,
                                       RsSession     *session)
{
  Field *f;

  if (self->updating || self->disposing)
    return;

  f = rs_details_page_find_field (self, id);
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

void
rs_details_page_session_acknowledged_changed (RsDetailsPage *self,
                                              const char    *key)
{
  if (!self->updating && !self->disposing && rs_ack_is_details_key (key))
    schedule_check (self);
}

void
rs_details_page_ack_toggled (RsDetailsPage *self)
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

