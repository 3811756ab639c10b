/* Owned by the Review/Export page helper. */
/* rs-review-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rs-ack.h"
#include "rs-bundle.h"
#include "rs-photo-check.h"
#include "rs-photo-set.h"
#include "rs-read.h"
#include "rs-validate.h"

#include "rs-details-page.h"
#include "rs-photos-page.h"
#include "rs-review-page.h"
#include "rs-start-page.h"

typedef struct
{
  const char *key;
  const char *title;
  const char *subtitle;
} Confirmation;

static const Confirmation confirmations[] = {
  { RS_REVIEW_CONFIRM_COMPARED,
    N_("I compared every detail with my document"),
    N_("Names, numbers and dates are typed exactly as printed") },
  { RS_REVIEW_CONFIRM_ORIGINAL,
    N_("The photos show the original document, not a copy or a screen"),
    N_("Platforms reject photocopies, scans of copies and photos of screens") },
  { RS_REVIEW_CONFIRM_VALID,
    N_("The document is valid and not expired"),
    N_("An expired or cancelled document cannot be used for verification") },
};

typedef struct
{
  char           *id;
  RsReviewStatus  status;
  GStrv           warning_keys;  /* what the check button acknowledges */
  GtkWidget      *row;
  GtkWidget      *group;         /* unowned: the group holding the row */
} Item;

struct _RsReviewPage
{
  RsPage               parent_instance;

  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *photos_group;
  AdwPreferencesGroup *files_group;
  AdwPreferencesGroup *confirm_group;

  GPtrArray           *items;           /* Item, in display order */

  /* The photo reports are the session's photo model's
   * (rs_photo_set_for_session()): the page keeps none of its own. */
  GCancellable        *cancellable;
  guint                generation;
  guint                n_pending;
  guint                n_photo_checks;
  gboolean             updating;

  /* path → GdkTexture: the rows are built again on every change, the
   * thumbnails are decoded once per file. */
  GHashTable          *thumbnails;
};

G_DEFINE_FINAL_TYPE (RsReviewPage, rs_review_page, RS_TYPE_PAGE)

static void
item_free (Item *item)
{
  if (item->row != NULL && item->group != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (item->group), item->row);
  g_free (item->id);
  g_strfreev (item->warning_keys);
  g_free (item);
}

static Item *
find_item (RsReviewPage *self,
           const char   *id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

static gboolean
item_acknowledged (RsReviewPage *self,
                   Item         *item)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  if (item->warning_keys == NULL || item->warning_keys[0] == NULL)
    return FALSE;
  for (guint i = 0; item->warning_keys[i] != NULL; i++)
    if (!rs_session_is_acknowledged (session, item->warning_keys[i]))
      return FALSE;
  return TRUE;
}

guint
rs_review_page_count_failures (RsReviewPage *self)
{
  guint n = 0;

  g_return_val_if_fail (RS_IS_REVIEW_PAGE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (((Item *) g_ptr_array_index (self->items, i))->status == RS_REVIEW_STATUS_FAIL)
      n++;
  return n;
}

guint
rs_review_page_count_unacknowledged (RsReviewPage *self)
{
  guint n = 0;

  g_return_val_if_fail (RS_IS_REVIEW_PAGE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->status == RS_REVIEW_STATUS_WARNING && !item_acknowledged (self, item))
        n++;
    }
  return n;
}

gboolean
rs_review_page_get_busy (RsReviewPage *self)
{
  g_return_val_if_fail (RS_IS_REVIEW_PAGE (self), FALSE);
  return self->n_pending > 0;
}

guint
rs_review_page_get_n_photo_checks (RsReviewPage *self)
{
  g_return_val_if_fail (RS_IS_REVIEW_PAGE (self), 0);
  return self->n_photo_checks;
}

RsReviewStatus
rs_review_page_get_item_status (RsReviewPage *self,
                                const char   *item_id)
{
  Item *item;

  g_return_val_if_fail (RS_IS_REVIEW_PAGE (self), RS_REVIEW_STATUS_UNKNOWN);

  item = find_item (self, item_id);
  return item != NULL ? item->status : RS_REVIEW_STATUS_UNKNOWN;
}

static void
update_summary (RsReviewPage *self)
{
  guint failures = rs_review_page_count_failures (self);
  guint open = rs_review_page_count_unacknowledged (self);
  g_autofree char *text = NULL;

  if (self->n_pending > 0)
    text = g_strdup (_("Checking your photos…"));
  else if (failures > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u item must be fixed before you can export. Use its Fix button.",
                                         "%u items must be fixed before you can export. Use their Fix buttons.",
                                         failures),
                            failures);
  else if (open > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u item needs your confirmation: tick its check box once you have looked at it.",
                                         "%u items need your confirmation: tick their check boxes once you have looked at them.",
                                         open),
                            open);
  else
    text = g_strdup (_("Everything is ready. Go on to export the bundle."));

  adw_preferences_group_set_description (self->summary_group, text);
}

static void
update_complete (RsReviewPage *self)
{
  update_summary (self);
  rs_page_set_complete (RS_PAGE (self),
                        self->n_pending == 0 &&
                        self->items->len > 0 &&
                        rs_review_page_count_failures (self) == 0 &&
                        rs_review_page_count_unacknowledged (self) == 0);
}

/* ------------------------------------------------------------------ */
/* Rows                                                               */

static void
fix_clicked_cb (GtkButton *button,
                gpointer   user_data)
{
  RsReviewPage *self = RS_REVIEW_PAGE (user_data);
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "rs-fix-type"));
  const char *item = g_object_get_data (G_OBJECT (button), "rs-fix-item");

  rs_page_go_to (RS_PAGE (self), type, item);
}

static void
acknowledge_toggled_cb (GtkCheckButton *check,
                        GParamSpec     *pspec,
                        gpointer        user_data)
{
  RsReviewPage *self = RS_REVIEW_PAGE (user_data);
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  Item *item = find_item (self, g_object_get_data (G_OBJECT (check), "rs-item"));
  gboolean active = gtk_check_button_get_active (check);

  if (self->updating || item == NULL)
    return;
  for (guint i = 0; item->warning_keys != NULL && item->warning_keys[i] != NULL; i++)
    rs_session_set_acknowledged (session, item->warning_keys[i], active);
  update_complete (self);
}

static const char *
status_icon_name (RsReviewStatus status)
{
  switch (status)
    {
    case RS_REVIEW_STATUS_PASS:
      return "emblem-ok-symbolic";
    case RS_REVIEW_STATUS_WARNING:
      return "dialog-warning-symbolic";
    case RS_REVIEW_STATUS_FAIL:
      return "dialog-error-symbolic";
    case RS_REVIEW_STATUS_PENDING:
    case RS_REVIEW_STATUS_UNKNOWN:
    default:
      return "content-loading-symbolic";
    }
}

static const char *
status_label (RsReviewStatus status)
{
  switch (status)
    {
    case RS_REVIEW_STATUS_PASS:
      return _("Passed");
    case RS_REVIEW_STATUS_WARNING:
      return _("Warning");
    case RS_REVIEW_STATUS_FAIL:
      return _("Must be fixed");
    case RS_REVIEW_STATUS_PENDING:
    case RS_REVIEW_STATUS_UNKNOWN:
    default:
      return _("Checking");
    }
}

/* One checklist row: status icon (shape and accessible name, not only
 * colour), the reason as subtitle, a check button for warnings and a Fix
 * button for anything that does not pass.  @fix_type G_TYPE_INVALID: no Fix. */
static Item *
add_row (RsReviewPage        *self,
         AdwPreferencesGroup *group,
         const char          *id,
         const char          *title,
         const char          *subtitle,
         RsReviewStatus       status,
         GStrv                warning_keys,
         GType                fix_type,
         const char          *fix_item)
{
  Item *item = g_new0 (Item, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *description = NULL;

  item->id = g_strdup (id);
  item->status = status;
  item->warning_keys = warning_keys;
  item->row = row;
  item->group = GTK_WIDGET (group);

  gtk_widget_set_name (row, id);
  /* The value or reason is what the row is about: not small grey text. */
  gtk_widget_add_css_class (row, "rs-review-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (status == RS_REVIEW_STATUS_PENDING)
    {
      icon = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (icon), TRUE);
    }
  else
    {
      icon = gtk_image_new_from_icon_name (status_icon_name (status));
      gtk_widget_add_css_class (icon, status == RS_REVIEW_STATUS_PASS ? "success"
                                      : status == RS_REVIEW_STATUS_WARNING ? "warning"
                                      : "error");
    }
  gtk_widget_set_name (icon, "status");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, status_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_label (status),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* TRANSLATORS: accessible description of a checklist row: "%1$s" is the
   * status (Passed, Warning…), "%2$s" the reason. */
  description = g_strdup_printf (_("%1$s: %2$s"), status_label (status),
                                 subtitle != NULL ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  if (status == RS_REVIEW_STATUS_WARNING && warning_keys != NULL && warning_keys[0] != NULL)
    {
      /* No mnemonic: the same button is on every such row. */
      GtkWidget *check = gtk_check_button_new_with_label (_("Checked"));
      g_autofree char *name = g_strconcat (id, ":acknowledge", NULL);
      g_autofree char *label = g_strdup_printf (_("I have checked: %s"), title);

      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("Tick once you are sure this is right as it is"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      /* The name says it all: without this GTK 4.8 appends the visible label. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      g_object_set_data_full (G_OBJECT (check), "rs-item", g_strdup (id), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item_acknowledged (self, item));
      g_signal_connect_object (check, "notify::active", G_CALLBACK (acknowledge_toggled_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
    }

  if (status != RS_REVIEW_STATUS_PASS && status != RS_REVIEW_STATUS_PENDING &&
      fix_type != G_TYPE_INVALID)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Fix"));
      g_autofree char *name = g_strconcat (id, ":fix", NULL);
      g_autofree char *label = g_strdup_printf (_("Fix: %s"), title);

      gtk_widget_set_name (button, name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Go to the step where this is entered"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      /* The name says it all: without this GTK 4.8 appends the visible label. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      g_object_set_data (G_OBJECT (button), "rs-fix-type", GSIZE_TO_POINTER (fix_type));
      g_object_set_data_full (G_OBJECT (button), "rs-fix-item", g_strdup (fix_item), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (fix_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->items, item);
  return item;
}

static void
confirmation_toggled_cb (GtkCheckButton *check,
                         GParamSpec     *pspec,
                         gpointer        user_data)
{
  RsReviewPage *self = RS_REVIEW_PAGE (user_data);
  const char *key = gtk_widget_get_name (GTK_WIDGET (check));
  Item *item = find_item (self, key);
  gboolean active = gtk_check_button_get_active (check);

  if (self->updating)
    return;
  rs_session_set_acknowledged (rs_page_get_session (RS_PAGE (self)), key, active);
  if (item != NULL)
    item->status = active ? RS_REVIEW_STATUS_PASS : RS_REVIEW_STATUS_WARNING;
  update_complete (self);
}

static void
add_confirmation_rows (RsReviewPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (confirmations); i++)
    {
      const Confirmation *c = &confirmations[i];
      gboolean active = rs_session_is_acknowledged (session, c->key);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      Item *item = g_new0 (Item, 1);

      item->id = g_strdup (c->key);
      item->status = active ? RS_REVIEW_STATUS_PASS : RS_REVIEW_STATUS_WARNING;
      item->warning_keys = g_strdupv ((char *[]) { (char *) c->key, NULL });
      item->row = row;
      item->group = GTK_WIDGET (self->confirm_group);

      gtk_widget_set_name (row, c->key);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(c->title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(c->subtitle));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

      gtk_widget_set_name (check, c->key);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(c->title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(c->subtitle),
                                      -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (confirmation_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* Its label is the row's title: read once, not again through
       * labelled-by. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

      adw_preferences_group_add (self->confirm_group, row);
      g_ptr_array_add (self->items, item);
    }
}

/* ------------------------------------------------------------------ */
/* Details                                                            */

static char *
display_value (const RsFieldInfo *info,
               const char        *value)
{
  if (info->kind == RS_FIELD_KIND_SEX)
    {
      if (g_strcmp0 (value, "male") == 0)
        return g_strdup (_("Male"));
      if (g_strcmp0 (value, "female") == 0)
        return g_strdup (_("Female"));
    }
  if (info->kind == RS_FIELD_KIND_DATE_OR_LONG_TERM && g_strcmp0 (value, RS_VALID_LONG_TERM) == 0)
    return g_strdup (_("Long-term"));
  if (g_strcmp0 (info->id, RS_FIELD_ID_NUMBER_CONFIRM) == 0)
    return g_strdup (_("Matches the ID number"));
  return g_strdup (value);
}

static char *
join_messages (RsValidation *validation,
               RsSeverity    severity,
               GPtrArray    *keys,
               const char   *field)
{
  GPtrArray *issues = rs_validation_get_issues (validation);
  GString *text = g_string_new (NULL);

  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      RsIssue *issue = g_ptr_array_index (issues, i);

      if (issue->severity != severity)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, issue->message);
      if (keys != NULL)
        g_ptr_array_add (keys, rs_ack_details_key (issue->field != NULL ? issue->field : field,
                                                   issue->id));
    }
  return g_string_free (text, FALSE);
}

/* One row for the validation @v of a field (or of the record). */
static void
add_validation_row (RsReviewPage *self,
                    const char   *item_id,
                    const char   *title,
                    RsValidation *v,
                    const char   *field,
                    const char   *pass_text)
{
  RsReviewStatus status = RS_REVIEW_STATUS_PASS;
  g_autofree char *subtitle = NULL;
  GPtrArray *keys = g_ptr_array_new ();

  if (v != NULL && rs_validation_count_issues (v, RS_SEVERITY_ERROR) > 0)
    {
      status = RS_REVIEW_STATUS_FAIL;
      subtitle = join_messages (v, RS_SEVERITY_ERROR, NULL, field);
    }
  else if (v != NULL && rs_validation_count_issues (v, RS_SEVERITY_WARNING) > 0)
    {
      status = RS_REVIEW_STATUS_WARNING;
      subtitle = join_messages (v, RS_SEVERITY_WARNING, keys, field);
    }
  else
    subtitle = g_strdup (pass_text);

  g_ptr_array_add (keys, NULL);
  add_row (self, self->details_group, item_id, title, subtitle, status,
           (GStrv) g_ptr_array_free (keys, FALSE),
           RS_TYPE_DETAILS_PAGE, field);
}

static void
add_details_rows (RsReviewPage *self,
                  RsSession    *session)
{
  const char *document_type = rs_session_get_document_type (session);
  g_autoptr(RsDetailsCheck) check = rs_details_check_session (session, NULL);
  g_autoptr(GPtrArray) infos = rs_details_required_fields (document_type);
  RsValidation *record = rs_details_check_get_record (check);

  if (record != NULL && rs_validation_get_issues (record)->len > 0)
    add_validation_row (self, "details:record", _("Details as a whole"), record, "record", NULL);

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      const RsFieldInfo *info = g_ptr_array_index (infos, i);
      RsValidation *v = rs_details_check_get_field (check, info->id);
      const char *value = rs_session_get_field (session, info->id);
      g_autofree char *item_id = g_strconcat ("details:", info->id, NULL);
      g_autofree char *shown = NULL;

      if (value == NULL && !info->required &&
          (v == NULL || rs_validation_get_issues (v)->len == 0))
        /* The field’s own title already says “(optional)”. */
        shown = g_strdup (_("Not given"));
      else if (v != NULL)
        shown = display_value (info, rs_validation_get_normalized (v));
      else
        shown = display_value (info, value);

      add_validation_row (self, item_id, info->label, v, info->id, shown);
    }
}

/* ------------------------------------------------------------------ */
/* Photos                                                             */

typedef struct
{
  RsReviewPage *self;
  guint         generation;
} CheckData;

/* A small picture of the photo beside its verdict (decoded at that size). */
static GtkWidget *
photo_thumbnail (RsReviewPage *self,
                 const char   *path,
                 const char   *name)
{
  GdkTexture *texture = g_hash_table_lookup (self->thumbnails, path);
  GtkWidget *picture;
  g_autofree char *label = NULL;

  if (texture == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 96, 96, TRUE, NULL);
      g_autoptr(GdkPixbuf) oriented = pixbuf ? gdk_pixbuf_apply_embedded_orientation (pixbuf) : NULL;

      if (oriented == NULL)
        return NULL;
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      texture = gdk_texture_new_for_pixbuf (oriented);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_hash_table_insert (self->thumbnails, g_strdup (path), texture);
    }
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 72, 56);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (picture, 6);
  gtk_widget_set_margin_bottom (picture, 6);
  gtk_widget_set_name (picture, "thumbnail");
  /* TRANSLATORS: accessible name of a photo's thumbnail; %s is the item */
  label = g_strdup_printf (_("Photo of “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return picture;
}

static void start_photo_checks (RsReviewPage *self);
static void rebuild (RsReviewPage *self);

static void
photo_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CheckData *data = user_data;
  RsReviewPage *self = data->self;
  g_autoptr(GError) error = NULL;
  /* The model keeps the result (an unreadable file as its error). */
  g_autoptr(RsPhotoReport) report = rs_photo_set_check_finish (RS_PHOTO_SET (source), result,
                                                               NULL, &error);

  if (data->generation == self->generation && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_assert (self->n_pending > 0);
      if (--self->n_pending == 0)
        start_photo_checks (self);
    }

  g_object_unref (data->self);
  g_free (data);
}

static void
add_photo_rows (RsReviewPage *self,
                RsSession    *session,
                RsProfile    *profile,
                const char   *document_type,
                guint        *n_converted)
{
  g_auto(GStrv) slots = rs_profile_get_slots (profile, document_type);

  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *slot = slots[i];
      const char *path = rs_session_get_photo (session, slot);
      const char *name = rs_slot_get_name_for_document (slot, document_type);
      g_autofree char *item_id = g_strconcat ("photo:", slot, NULL);
      RsPhotoSet *set = rs_photo_set_for_session (session);
      const GError *error = NULL;
      RsPhotoReport *report;
      const char *dup;
      GString *text;
      GPtrArray *warn_keys;
      RsReviewStatus status = RS_REVIEW_STATUS_PASS;

      if (path == NULL)
        {
          add_row (self, self->photos_group, item_id, name,
                   _("Missing. Add this photo on the Photos step."),
                   RS_REVIEW_STATUS_FAIL, NULL, RS_TYPE_PHOTOS_PAGE, slot);
          continue;
        }

      report = rs_photo_set_lookup (set, slot, path, profile, &error);
      if ((report == NULL && error == NULL) || self->n_pending > 0)
        {
          add_row (self, self->photos_group, item_id, name, _("Checking the photo…"),
                   RS_REVIEW_STATUS_PENDING, NULL, G_TYPE_INVALID, NULL);
          continue;
        }
      if (report == NULL)
        {
          add_row (self, self->photos_group, item_id, name, error->message,
                   RS_REVIEW_STATUS_FAIL, NULL, RS_TYPE_PHOTOS_PAGE, slot);
          continue;
        }

      text = g_string_new (NULL);
      warn_keys = g_ptr_array_new ();
      /* Set level: the same picture in two slots (the model's finding). */
      dup = rs_photo_set_find_duplicate (set, session, profile, slot, (const char * const *) slots);
      if (dup != NULL)
        {
          g_autofree char *message = rs_photo_set_duplicate_message (slot, dup);

          g_string_append (text, message);
          status = RS_REVIEW_STATUS_FAIL;
        }
      /* Failures first: they decide the row. */
      for (int pass = 0; pass < 2; pass++)
        for (guint j = 0; j < rs_photo_report_get_n_findings (report); j++)
          {
            const RsPhotoFinding *finding = rs_photo_report_get_finding (report, j);

            if (finding->status != (pass == 0 ? RS_CHECK_FAIL : RS_CHECK_WARN))
              continue;
            if (rs_bundle_finding_fixed_by_export (report, finding, profile))
              {
                if (pass == 1)
                  (*n_converted)++;
                continue;
              }
            if (text->len > 0)
              g_string_append_c (text, '\n');
            g_string_append (text, finding->message);
            if (finding->status == RS_CHECK_FAIL)
              status = RS_REVIEW_STATUS_FAIL;
            else
              {
                if (status == RS_REVIEW_STATUS_PASS)
                  status = RS_REVIEW_STATUS_WARNING;
                g_ptr_array_add (warn_keys, rs_ack_photo_key (slot, finding->id));
              }
          }
      if (status == RS_REVIEW_STATUS_PASS)
        g_string_assign (text, _("Added, and passes every check"));
      if (status == RS_REVIEW_STATUS_FAIL)
        {
          /* A failing photo is replaced, not acknowledged. */
          g_ptr_array_set_free_func (warn_keys, g_free);
          g_ptr_array_set_size (warn_keys, 0);
        }
      g_ptr_array_add (warn_keys, NULL);
      {
        Item *item = add_row (self, self->photos_group, item_id, name, text->str, status,
                              (GStrv) g_ptr_array_free (warn_keys, FALSE), RS_TYPE_PHOTOS_PAGE, slot);
        GtkWidget *thumbnail = photo_thumbnail (self, path, name);

        if (thumbnail != NULL)
          adw_action_row_add_prefix (ADW_ACTION_ROW (item->row), thumbnail);
      }
      g_string_free (text, TRUE);
    }
}

/* details.match: the typed details against what each document photo's
 * report read when it was checked (never read again here).  One failing
 * row per photo; its Fix button focuses the first differing field. */
static void
add_match_rows (RsReviewPage *self,
                RsSession    *session,
                RsProfile    *profile,
                const char   *document_type)
{
  g_auto(GStrv) slots = rs_profile_get_slots (profile, document_type);
  g_autoptr(GHashTable) typed = rs_details_from_session (session);
  RsPhotoSet *set = rs_photo_set_for_session (session);

  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *slot = slots[i];
      const char *path = rs_session_get_photo (session, slot);
      g_autoptr(GPtrArray) diff = NULL;
      g_autofree char *message = NULL;
      g_autofree char *item_id = NULL;
      g_autofree char *title = NULL;

      if (path == NULL)
        continue;
      diff = rs_read_match_report (rs_photo_set_lookup (set, slot, path, profile, NULL),
                                   document_type, typed, &message);
      if (diff == NULL || diff->len == 0)
        continue;
      item_id = g_strconcat ("match:", slot, NULL);
      /* TRANSLATORS: %s is a photo's name, e.g. "Passport photo page" */
      title = g_strdup_printf (_("Details do not match the photo of “%s”"),
                               rs_slot_get_name_for_document (slot, document_type));
      add_row (self, self->details_group, item_id, title, message,
               RS_REVIEW_STATUS_FAIL, NULL, RS_TYPE_DETAILS_PAGE,
               g_ptr_array_index (diff, 0));
    }
}

static void
add_files_row (RsReviewPage *self,
               RsProfile    *profile,
               guint         n_converted)
{
  gint64 max_bytes = rs_profile_get_max_bytes (profile);
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  int max_long = rs_profile_get_max_long_side (profile);

  /* Platforms state limits like "10 MB" meaning 10 × 1024 × 1024 bytes:
   * show them that way, not as "10.5 MB". */
  if (max_bytes > 0 && max_bytes % (1024 * 1024) == 0)
    size = g_strdup_printf ("%" G_GINT64_FORMAT " MB", max_bytes / (1024 * 1024));
  else if (max_bytes > 0 && max_bytes % 1024 == 0)
    size = g_strdup_printf ("%" G_GINT64_FORMAT " KB", max_bytes / 1024);
  else
    size = g_format_size (max_bytes);

  if (!rs_profile_accepts_format (profile, "jpeg"))
    {
      add_row (self, self->files_group, "files", _("File format and size after export"),
               _("This platform’s profile does not accept JPEG, the format the export writes. "
                 "Choose another platform profile or update this one."),
               RS_REVIEW_STATUS_FAIL, NULL, RS_TYPE_START_PAGE, "profile");
      return;
    }

  if (max_long > 0)
    /* TRANSLATORS: %1$s is a file size such as "5.0 MB", %2$d a number of pixels. */
    text = g_strdup_printf (_("Export saves every photo as a JPEG file of at most %1$s, "
                              "at most %2$d pixels on the long side, as this platform requires."),
                            size, max_long);
  else
    text = g_strdup_printf (_("Export saves every photo as a JPEG file of at most %s, "
                              "as this platform requires."),
                            size);
  if (n_converted > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u photo will be converted or made smaller.",
                                                            "%u photos will be converted or made smaller.",
                                                            n_converted),
                                               n_converted);
      char *joined = g_strconcat (text, " ", more, NULL);

      g_free (text);
      text = joined;
    }
  add_row (self, self->files_group, "files", _("File format and size after export"), text,
           RS_REVIEW_STATUS_PASS, NULL, G_TYPE_INVALID, NULL);
}

static void
rebuild (RsReviewPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = rs_session_get_profile (session);
  const char *document_type = rs_session_get_document_type (session);
  guint n_converted = 0;

  self->updating = TRUE;
  g_ptr_array_set_size (self->items, 0);

  if (profile == NULL || document_type == NULL ||
      rs_profile_find_document (profile, document_type) == NULL)
    {
      add_row (self, self->details_group, "setup", _("Platform and document"),
               _("No platform or no document accepted by it is chosen. Choose them on the first step."),
               RS_REVIEW_STATUS_FAIL, NULL, RS_TYPE_START_PAGE,
               profile == NULL ? "profile" : "document");
    }
  else
    {
      add_details_rows (self, session);
      add_photo_rows (self, session, profile, document_type, &n_converted);
      if (self->n_pending == 0)
        add_match_rows (self, session, profile, document_type);
      add_files_row (self, profile, n_converted);
    }
  add_confirmation_rows (self);

  gtk_widget_set_visible (GTK_WIDGET (self->photos_group), profile != NULL && document_type != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), profile != NULL && document_type != NULL);
  self->updating = FALSE;
  update_complete (self);
}

/* Reads the model's report of every photo this page has not read yet
 * (the model checks a photo only if the Photos step did not), then shows
 * the results. */
static void
start_photo_checks (RsReviewPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile = rs_session_get_profile (session);
  const char *document_type = rs_session_get_document_type (session);
  g_auto(GStrv) slots = NULL;

  if (profile != NULL && document_type != NULL)
    slots = rs_profile_get_slots (profile, document_type);

  for (guint i = 0; slots != NULL && slots[i] != NULL; i++)
    {
      const char *path = rs_session_get_photo (session, slots[i]);
      const GError *error = NULL;
      CheckData *data;

      if (path == NULL ||
          rs_photo_set_lookup (rs_photo_set_for_session (session), slots[i], path, profile, &error) != NULL ||
          error != NULL)
        continue;

      data = g_new0 (CheckData, 1);
      data->self = g_object_ref (self);
      data->generation = self->generation;
      self->n_pending++;
      self->n_photo_checks++;
      rs_photo_set_check_async (rs_photo_set_for_session (session), slots[i], path, profile, 0,
                                self->cancellable, photo_checked_cb, data);
    }

  rebuild (self);
}

void
rs_review_page_refresh (RsReviewPage *self)
{
  g_return_if_fail (RS_IS_REVIEW_PAGE (self));

  /* Checks of an earlier visit may go on: the model keeps their results, but
   * only this round's are counted. */
  self->generation++;
  self->n_pending = 0;
  start_photo_checks (self);
}

/* ------------------------------------------------------------------ */

static void
rs_review_page_shown (RsPage *page)
{
  rs_review_page_refresh (RS_REVIEW_PAGE (page));
}

static gboolean
rs_review_page_focus_item (RsPage     *page,
                           const char *item_id)
{
  RsReviewPage *self = RS_REVIEW_PAGE (page);
  Item *item = find_item (self, item_id);

  if (item == NULL)
    return FALSE;
  return gtk_widget_grab_focus (item->row);
}

static void
rs_review_page_constructed (GObject *object)
{
  RsReviewPage *self = RS_REVIEW_PAGE (object);

  G_OBJECT_CLASS (rs_review_page_parent_class)->constructed (object);

  rs_page_set_title (RS_PAGE (self), _("Review"));
  /* The details and confirmations at once; photos when the page is shown. */
  rebuild (self);
}

static void
rs_review_page_dispose (GObject *object)
{
  RsReviewPage *self = RS_REVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), RS_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (rs_review_page_parent_class)->dispose (object);
}

static void
rs_review_page_finalize (GObject *object)
{
  RsReviewPage *self = RS_REVIEW_PAGE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);

  G_OBJECT_CLASS (rs_review_page_parent_class)->finalize (object);
}

static void
rs_review_page_class_init (RsReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RsPageClass *page_class = RS_PAGE_CLASS (klass);

  object_class->constructed = rs_review_page_constructed;
  object_class->dispose = rs_review_page_dispose;
  object_class->finalize = rs_review_page_finalize;
  page_class->shown = rs_review_page_shown;
  page_class->focus_item = rs_review_page_focus_item;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/pages/rs-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsReviewPage, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RsReviewPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, RsReviewPage, photos_group);
  gtk_widget_class_bind_template_child (widget_class, RsReviewPage, files_group);
  gtk_widget_class_bind_template_child (widget_class, RsReviewPage, confirm_group);
}

/* AdwPreferencesGroup (1.2) shows its title in a plain label: find it by
 * its text and give it the heading role, while its accessible is not
 * realized yet (the role cannot change afterwards). */
static gboolean
mark_heading (GtkWidget  *widget,
              const char *title)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), title) == 0)
    {
      g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (mark_heading (c, title))
      return TRUE;
  return FALSE;
}

static void
mark_group_heading (AdwPreferencesGroup *group)
{
  const char *title = adw_preferences_group_get_title (group);

  if (title != NULL && *title != '\0')
    mark_heading (GTK_WIDGET (group), title);
}

static void
rs_review_page_init (RsReviewPage *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->cancellable = g_cancellable_new ();
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  mark_group_heading (self->summary_group);
  mark_group_heading (self->details_group);
  mark_group_heading (self->photos_group);
  mark_group_heading (self->files_group);
  mark_group_heading (self->confirm_group);
}
