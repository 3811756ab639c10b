/* rs-details-page-fill.c: "Fill from photo" on the Details step.
 *
 * What a document photo's report read when the photo was checked (never
 * read again here) fills the empty fields; typed values that differ are
 * replaced only after a dialog listing them.  A toast says how many fields
 * changed, with Undo.  Nothing is kept but the details themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-details-page-private.h"
#include "rs-a11y.h"
#include "rs-photo-set.h"
#include "rs-read.h"

/* What was read, for the fields of this page. */
typedef struct
{
  GHashTable *values;   /* RS_FIELD_* (static) → read value */
  GPtrArray  *empty;    /* RS_FIELD_* to fill, in page order */
  GPtrArray  *differ;   /* RS_FIELD_* typed otherwise, in page order */
  const char *slot;     /* the first photo that gave a value */
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_pointer (&offer->values, g_hash_table_unref);
  g_clear_pointer (&offer->empty, g_ptr_array_unref);
  g_clear_pointer (&offer->differ, g_ptr_array_unref);
  g_free (offer);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Offer, offer_free)

/* The MRZ as typed or read, without the spaces and case the user may add. */
static char *
mrz_key (const char *mrz)
{
  GString *out = g_string_new (NULL);

  for (const char *p = mrz; p != NULL && *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static Offer *
compute_offer (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = session != NULL ? rs_session_get_profile (session) : NULL;
  const char *type = session != NULL ? rs_session_get_document_type (session) : NULL;
  g_auto(GStrv) slots = NULL;
  g_autoptr(GHashTable) typed = NULL;
  g_autoptr(GHashTable) differ = NULL;
  Offer *offer = g_new0 (Offer, 1);

  offer->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  offer->empty = g_ptr_array_new ();
  offer->differ = g_ptr_array_new ();
  if (profile == NULL || type == NULL || self->fields == NULL)
    return offer;

  typed = rs_details_from_session (session);
  differ = g_hash_table_new (g_str_hash, g_str_equal);
  slots = rs_profile_get_slots (profile, type);
  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *path = rs_session_get_photo (session, slots[i]);
      RsPhotoReport *report;
      RsReadResult *read;
      g_autoptr(GHashTable) values = NULL;
      g_autoptr(GPtrArray) diff = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (path == NULL || g_str_equal (slots[i], RS_SLOT_SELFIE))
        continue;
      report = rs_photo_set_lookup (rs_photo_set_for_session (session), slots[i], path, profile, NULL);
      read = report != NULL ? rs_photo_report_get_read (report) : NULL;
      if (read == NULL)
        continue;
      values = rs_read_result_get_details (read, type);
      if (g_hash_table_size (values) == 0)
        continue;
      if (offer->slot == NULL)
        offer->slot = g_intern_string (slots[i]);
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (offer->values, key))
          g_hash_table_insert (offer->values, key, g_strdup (value));
      /* Differences as details.match sees them: case, accents and the
       * ways of writing a date do not count. */
      diff = rs_read_match_details (read, type, typed, NULL);
      for (guint j = 0; diff != NULL && j < diff->len; j++)
        g_hash_table_add (differ, (gpointer) g_intern_string (g_ptr_array_index (diff, j)));
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      const char *id = f->info->id;
      const char *read = g_hash_table_lookup (offer->values, id);
      const char *now = rs_session_get_field (session, id);

      if (read == NULL)
        continue;
      if (now == NULL || *now == '\0')
        g_ptr_array_add (offer->empty, (gpointer) id);
      else if (g_str_equal (id, RS_FIELD_MRZ))
        {
          g_autofree char *a = mrz_key (now);
          g_autofree char *b = mrz_key (read);

          if (!g_str_equal (a, b))
            g_ptr_array_add (offer->differ, (gpointer) id);
        }
      else if (g_hash_table_contains (differ, g_intern_string (id)))
        g_ptr_array_add (offer->differ, (gpointer) id);
    }
  return offer;
}

void
rs_details_page_fill_update (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_autoptr(Offer) offer = NULL;
  g_autofree char *subtitle = NULL;
  const char *type;
  gboolean any;

  if (self->disposing || self->fill_group == NULL)
    return;
  offer = compute_offer (self);
  gtk_widget_set_visible (GTK_WIDGET (self->fill_group), g_hash_table_size (offer->values) > 0);
  if (g_hash_table_size (offer->values) == 0)
    return;

  type = rs_session_get_document_type (session);
  any = offer->empty->len > 0 || offer->differ->len > 0;
  if (!any)
    subtitle = g_strdup (_("Every field read on the photo is already filled in with the same value."));
  else if (offer->differ->len > 0)
    /* TRANSLATORS: %s is a photo's name, e.g. "Passport photo page" */
    subtitle = g_strdup_printf (_("The text on the photo of “%s” was read. It can fill the empty fields; you are asked before a typed value that differs is replaced."),
                                rs_slot_get_name_for_document (offer->slot, type));
  else
    subtitle = g_strdup_printf (_("The text on the photo of “%s” was read. It can fill the empty fields; compare them with your document afterwards."),
                                rs_slot_get_name_for_document (offer->slot, type));
  adw_action_row_set_subtitle (self->fill_row, subtitle);
  gtk_widget_set_sensitive (self->fill_button, any);
}

/* ---- Filling ------------------------------------------------------------- */

typedef struct
{
  RsDetailsPage *page;    /* weak */
  GHashTable    *before;  /* field → old value ("" when it was empty) */
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->page);
  g_hash_table_unref (undo->before);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  RsSession *session;
  GHashTableIter iter;
  gpointer key, value;

  if (undo->page == NULL)
    return;
  session = rs_page_get_session (RS_PAGE (undo->page));
  g_hash_table_iter_init (&iter, undo->before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    rs_session_set_field (session, key, *(const char *) value ? value : NULL);
  rs_details_page_check_now (undo->page);
}

static void
set_field (RsDetailsPage *self,
           GHashTable    *before,
           const char    *id,
           const char    *value)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *now = rs_session_get_field (session, id);

  if (!g_hash_table_contains (before, id))
    g_hash_table_insert (before, (gpointer) id, g_strdup (now != NULL ? now : ""));
  rs_session_set_field (session, id, value);
}

static void
apply (RsDetailsPage *self,
       Offer         *offer,
       gboolean       replace)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  GHashTable *before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      GPtrArray *ids = pass == 0 ? offer->empty : offer->differ;

      if (pass == 1 && !replace)
        break;
      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          const char *value = g_hash_table_lookup (offer->values, id);

          /* The second copy of the number catches typing slips: a number
           * read with its check digit needs none, so it follows, unless
           * the user typed it on its own. */
          if (g_str_equal (id, RS_FIELD_ID_NUMBER) &&
              rs_details_page_find_field (self, RS_FIELD_ID_NUMBER_CONFIRM) != NULL)
            {
              const char *number = rs_session_get_field (session, RS_FIELD_ID_NUMBER);
              const char *confirm = rs_session_get_field (session, RS_FIELD_ID_NUMBER_CONFIRM);

              if (confirm == NULL || *confirm == '\0' || g_strcmp0 (confirm, number) == 0)
                set_field (self, before, RS_FIELD_ID_NUMBER_CONFIRM, value);
            }
          set_field (self, before, id, value);
          n++;
        }
    }
  rs_details_page_check_now (self);

  if (n > 0)
    {
      AdwToastOverlay *overlay = rs_page_get_window_toast_overlay (RS_PAGE (self));
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u field filled from the photo. Compare it with your document.",
                                                             "%u fields filled from the photo. Compare them with your document.",
                                                             n),
                                                n);

      if (overlay != NULL)
        {
          AdwToast *toast = adw_toast_new (title);
          Undo *undo = g_new0 (Undo, 1);

          g_set_weak_pointer (&undo->page, self);
          undo->before = g_steal_pointer (&before);
          adw_toast_set_button_label (toast, _("_Undo"));
          adw_toast_set_timeout (toast, 10);
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                                 undo, (GClosureNotify) (void (*) (void)) undo_free, 0);
          adw_toast_overlay_add_toast (overlay, toast);
        }
      g_free (self->fill_message);
      self->fill_message = g_steal_pointer (&title);
    }
  g_clear_pointer (&before, g_hash_table_unref);
  rs_details_page_fill_update (self);
}

static char *
shown_value (RsDetailsPage *self,
             const char    *id,
             const char    *value)
{
  if (g_str_equal (id, RS_FIELD_SEX))
    {
      if (g_strcmp0 (value, "male") == 0)
        return g_strdup (_("Male"));
      if (g_strcmp0 (value, "female") == 0)
        return g_strdup (_("Female"));
    }
  if (g_str_equal (id, RS_FIELD_MRZ))
    return g_strdelimit (g_strdup (value), "\n", ' ');
  return g_strdup (value);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RsDetailsPage    *self)
{
  g_autoptr(Offer) offer = NULL;

  if (g_strcmp0 (response, "cancel") == 0 || self->disposing)
    return;
  /* Computed again: the photos or the fields may have changed meanwhile. */
  offer = compute_offer (self);
  apply (self, offer, g_strcmp0 (response, "replace") == 0);
}

void
rs_details_page_fill_clicked (RsDetailsPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_autoptr(Offer) offer = compute_offer (self);
  g_autoptr(GString) body = NULL;
  GtkRoot *root;
  AdwMessageDialog *dialog;

  if (offer->differ->len == 0)
    {
      apply (self, offer, FALSE);
      return;
    }

  /* Never silently: list what would be replaced. */
  body = g_string_new (_("These fields were typed differently from what the photo reads. Replace them only if the photo is of your document and the typed value is wrong:"));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < offer->differ->len; i++)
    {
      const char *id = g_ptr_array_index (offer->differ, i);
      Field *f = rs_details_page_find_field (self, id);
      g_autofree char *now = shown_value (self, id, rs_session_get_field (session, id));
      g_autofree char *read = shown_value (self, id, g_hash_table_lookup (offer->values, id));

      /* TRANSLATORS: one line of the list: field, typed value, value read
       * on the photo, e.g. "Date of birth: 1990-01-02 → 1990-01-01" */
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%1$s: %2$s → %3$s"), f->info->label, now, read);
    }
  if (offer->empty->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u empty field is filled either way.",
                                                 "%u empty fields are filled either way.",
                                                 offer->empty->len),
                              offer->empty->len);
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Replace Typed Details?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", offer->empty->len > 0 ? _("_Fill Empty Fields Only")
                                                                  : _("_Keep What I Typed"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
rs_details_page_get_fill_message (RsDetailsPage *self)
{
  g_return_val_if_fail (RS_IS_DETAILS_PAGE (self), NULL);
  return self->fill_message;
}
