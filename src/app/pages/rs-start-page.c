/* rs-start-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n.h>

#include "rs-settings.h"
#include "rs-start-page.h"
#include "rs-a11y.h"

typedef struct
{
  RsReason    reason;
  const char *title;
  const char *subtitle;
  const char *advice;
} ReasonInfo;

static const ReasonInfo reasons[] = {
  { RS_REASON_DETAILS,
    N_("My details did not match the document"),
    N_("Name, ID number, date of birth or validity dates were wrong or typed differently"),
    N_("You will type your details, and your ID number twice. They are checked against the document’s "
       "rules: the ID number’s check digit, the date of birth it contains, and the expiry date. Copy every "
       "field exactly as printed on the document.") },
  { RS_REASON_PHOTO,
    N_("A photo was rejected"),
    N_("Blurry, too dark, glare, cut off, taken at an angle or on a busy background"),
    N_("You will add each photo again and it is checked as you go. Use daylight and no flash, hold the "
       "camera straight above the document, keep all four corners in the frame with a little space around "
       "them, and lay the document on a plain, dark surface.") },
  { RS_REASON_FILES,
    N_("Files were missing or had the wrong format or size"),
    N_("A side was missing, or the file type or size was not accepted"),
    N_("The app knows which sides this platform needs. At the end it exports every photo as a JPEG within "
       "the platform’s size limits, named in upload order, so nothing is missing.") },
  { RS_REASON_UPLOAD,
    N_("The upload failed"),
    N_("A network error, a timeout or a problem on the platform’s side"),
    N_("Your data may well be fine. Use a stable network, and do not resubmit again and again while a "
       "review is pending: repeated submissions can delay it. Wait for the platform’s feedback before "
       "changing anything, and if none arrives, contact its support.") },
  { RS_REASON_UNSURE,
    N_("I am not sure"),
    N_("The message was unclear, or I did not get one"),
    N_("Then everything is checked: your details, every photo and the files. Look for the platform’s e-mail "
       "or in-app notification too; it usually names the reason.") },
};

struct _RsStartPage
{
  RsPage                 parent_instance;

  GPtrArray             *profiles;       /* RsProfile, in combo order */
  GPtrArray             *document_types; /* char*, in combo order */
  gboolean               updating;
  guint                  writing;        /* > 0 while this page writes the session */

  AdwPreferencesGroup   *reasons_group;
  AdwComboRow           *profile_row;
  AdwComboRow           *document_row;
  AdwExpanderRow        *errors_row;
  GtkCheckButton        *checks[G_N_ELEMENTS (reasons)];
  GtkWidget             *advice_rows[G_N_ELEMENTS (reasons)];
};

G_DEFINE_FINAL_TYPE (RsStartPage, rs_start_page, RS_TYPE_PAGE)

static void
update_complete (RsStartPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));

  rs_page_set_complete (RS_PAGE (self),
                        rs_session_get_profile (session) != NULL &&
                        rs_session_get_document_type (session) != NULL &&
                        rs_session_get_reasons (session) != RS_REASON_NONE);
}

static RsProfile *
selected_profile (RsStartPage *self)
{
  guint selected = adw_combo_row_get_selected (self->profile_row);

  if (selected >= self->profiles->len)
    return NULL;
  return g_ptr_array_index (self->profiles, selected);
}

/* The combo popovers' items.  The default ones are ellipsized at about 20
 * characters, which makes "Mainland Travel Permit for Hong Kong and Macao
 * Residents" and "… for Taiwan Residents" look the same: these wrap instead,
 * and keep the check mark on the chosen item. */
static void
choice_sync_check (GtkListItem *item,
                   AdwComboRow *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = box != NULL ? gtk_widget_get_last_child (box) : NULL;

  if (check != NULL)
    gtk_widget_set_visible (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item));
}

static void
choice_selected_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    GtkListItem *item)
{
  choice_sync_check (item, row);
}

static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (check, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chosen"),
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  choice_sync_check (item, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_selected_cb), item, 0);
}

static void
choice_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, choice_selected_cb, item);
}

static void
set_choice_factory (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (choice_unbind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
}

/* Fills the document combo with what @profile accepts, keeping the
 * session's document type when the profile accepts it. */
static void
fill_documents (RsStartPage *self,
                RsProfile   *profile)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *current = rs_session_get_document_type (session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->document_types, 0);
  if (profile != NULL)
    {
      for (guint i = 0; i < rs_profile_get_n_documents (profile); i++)
        {
          const RsProfileDocument *doc = rs_profile_get_document (profile, i);

          if (g_strcmp0 (doc->type, current) == 0)
            selected = i;
          g_ptr_array_add (self->document_types, g_strdup (doc->type));
          gtk_string_list_append (names, rs_document_type_get_name (doc->type));
        }
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->document_row, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->document_row), self->document_types->len > 0);
  if (self->document_types->len > 0)
    adw_combo_row_set_selected (self->document_row, selected);
  self->updating = FALSE;

  self->writing++;
  rs_session_set_document_type (session,
                                self->document_types->len > 0
                                ? g_ptr_array_index (self->document_types, selected)
                                : NULL);
  self->writing--;
}

static void
profile_selected_cb (RsStartPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsProfile *profile;
  GSettings *settings;

  if (self->updating)
    return;

  profile = selected_profile (self);
  self->writing++;
  rs_session_set_profile (session, profile);
  self->writing--;
  fill_documents (self, profile);

  settings = rs_settings_get_default ();
  if (settings != NULL && profile != NULL)
    g_settings_set_string (settings, "last-profile", rs_profile_get_id (profile));

  update_complete (self);
}

static void
document_selected_cb (RsStartPage *self)
{
  guint selected;

  if (self->updating)
    return;

  selected = adw_combo_row_get_selected (self->document_row);
  self->writing++;
  if (selected < self->document_types->len)
    rs_session_set_document_type (rs_page_get_session (RS_PAGE (self)),
                                  g_ptr_array_index (self->document_types, selected));
  self->writing--;
  update_complete (self);
}

static void
reason_toggled_cb (RsStartPage    *self,
                   GParamSpec     *pspec,
                   GtkCheckButton *check)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  RsReason chosen = RS_REASON_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      gboolean active = gtk_check_button_get_active (self->checks[i]);

      gtk_widget_set_visible (self->advice_rows[i], active);
      if (active)
        chosen |= reasons[i].reason;
    }

  self->writing++;
  if (!self->updating)
    rs_session_set_reasons (session, chosen);
  self->writing--;
  update_complete (self);
}

char *
rs_start_page_build_support_message (RsStartPage *self)
{
  RsSession *session;
  RsProfile *profile;
  const char *document_type;
  g_autofree char *platform = NULL;
  const char *document;

  g_return_val_if_fail (RS_IS_START_PAGE (self), NULL);

  session = rs_page_get_session (RS_PAGE (self));
  profile = rs_session_get_profile (session);
  document_type = rs_session_get_document_type (session);

  /* Only the platform and the document type: the message is pasted into a
   * support chat, so no detail the user typed may appear in it. */
  if (profile != NULL)
    {
      /* Profile names may carry a note after a dash ("OKX 欧易 — from its
       * photo guide"); support staff only need the platform. */
      const char *name = rs_profile_get_name (profile);
      const char *dash = strstr (name, " — ");

      platform = dash ? g_strndup (name, dash - name) : g_strdup (name);
    }
  else
    platform = g_strdup (_("your platform"));
  document = document_type ? rs_document_type_get_name (document_type) : _("my identity document");

  /* TRANSLATORS: a message the user pastes into the platform's support chat.
   * %1$s is the platform, %2$s the document type. */
  return g_strdup_printf (_("Hello,\n\n"
                            "I tried to complete identity verification on %1$s with my %2$s, but the "
                            "upload failed because of a network or system error. Could you please check "
                            "whether my submission was received, and tell me whether I need to submit again?\n\n"
                            "For privacy I have not included my ID number in this message; I can confirm my "
                            "identity through the official verification page.\n\n"
                            "Thank you."),
                          platform, document);
}

static void
copy_support_message_cb (RsStartPage *self,
                         GtkButton   *button)
{
  g_autofree char *message = rs_start_page_build_support_message (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), message);
  rs_page_show_toast (RS_PAGE (self), _("Support message copied"));
}

static GtkWidget *
build_advice_row (RsStartPage      *self,
                  const ReasonInfo *info)
{
  /* A preferences row, so that the group puts it in its list right under
   * the reason (other widgets would go below the list). */
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  GtkWidget *label = gtk_label_new (_(info->advice));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "rs-advice");
  gtk_widget_set_visible (row, FALSE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Advice"),
                                  -1);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (hbox), icon);
  gtk_box_append (GTK_BOX (hbox), label);
  gtk_box_append (GTK_BOX (box), hbox);

  if (info->reason == RS_REASON_UPLOAD)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Copy Support Message"));

      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (button,
                                   _("Copies a message for the platform’s support team. "
                                     "It names the platform and document type, never your ID number."));
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_name (button, "copy-support-message");
      rs_a11y_fix_button (button);
      g_signal_connect_object (button, "clicked", G_CALLBACK (copy_support_message_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
build_reason_rows (RsStartPage *self)
{
  RsReason chosen = rs_session_get_reasons (rs_page_get_session (RS_PAGE (self)));

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(reasons[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(reasons[i].subtitle));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_name (check, rs_reason_to_string (reasons[i].reason));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(reasons[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(reasons[i].subtitle),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The row made its title label the check box's label too. */
      rs_a11y_name_once (check);
      adw_preferences_group_add (self->reasons_group, row);

      self->checks[i] = GTK_CHECK_BUTTON (check);
      self->advice_rows[i] = build_advice_row (self, &reasons[i]);
      adw_preferences_group_add (self->reasons_group, self->advice_rows[i]);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (chosen & reasons[i].reason) != 0);
      gtk_widget_set_visible (self->advice_rows[i], (chosen & reasons[i].reason) != 0);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (reason_toggled_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
show_load_errors (RsStartPage *self,
                  GPtrArray   *errors)
{
  g_autofree char *subtitle = NULL;

  if (errors == NULL || errors->len == 0)
    return;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u file was skipped; fix it and restart the app",
                                           "%u files were skipped; fix them and restart the app",
                                           errors->len),
                              errors->len);
  adw_expander_row_set_subtitle (self->errors_row, subtitle);

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      adw_expander_row_add_row (self->errors_row, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->errors_row), TRUE);
  /* With nothing to choose from, the errors are all there is to see. */
  adw_expander_row_set_expanded (self->errors_row, self->profiles->len == 0);
}

/* The combo position of the profile @id, or 0. */
static guint
profile_index (RsStartPage *self,
               const char  *id)
{
  for (guint i = 0; i < self->profiles->len; i++)
    if (g_strcmp0 (rs_profile_get_id (g_ptr_array_index (self->profiles, i)), id) == 0)
      return i;
  return 0;
}

static void
fill_profiles (RsStartPage *self)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *last = NULL;
  const char *wanted;
  GSettings *settings = rs_settings_get_default ();
  guint selected = 0;

  self->profiles = rs_profile_load_all (NULL, &errors);
  if (self->profiles == NULL)
    self->profiles = g_ptr_array_new_with_free_func (g_object_unref);

  /* A resumed session wins over the remembered platform. */
  wanted = rs_session_get_profile_id (session);
  if (wanted == NULL && settings != NULL)
    wanted = last = g_settings_get_string (settings, "last-profile");

  selected = profile_index (self, wanted);
  for (guint i = 0; i < self->profiles->len; i++)
    gtk_string_list_append (names, rs_profile_get_name (g_ptr_array_index (self->profiles, i)));

  self->updating = TRUE;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_row), self->profiles->len > 0);
  if (self->profiles->len > 0)
    adw_combo_row_set_selected (self->profile_row, selected);
  else
    {
      adw_combo_row_set_use_subtitle (self->profile_row, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->profile_row),
                                   _("No platform profile could be loaded; see the errors below"));
    }
  self->updating = FALSE;

  show_load_errors (self, errors);

  if (self->profiles->len > 0)
    {
      RsProfile *profile = g_ptr_array_index (self->profiles, selected);

      self->writing++;
      rs_session_set_profile (session, profile);
      self->writing--;
      fill_documents (self, profile);
    }
  else
    fill_documents (self, NULL);
}

/* The session changed from elsewhere (a resumed draft, an opened bundle,
 * "Start over"): show what it holds, as a newly built page would, instead
 * of being built again. */
static void
sync_from_session (RsStartPage *self,
                   gboolean     resetting)
{
  RsSession *session = rs_page_get_session (RS_PAGE (self));
  const char *wanted = rs_session_get_profile_id (session);
  g_autofree char *last = NULL;
  RsProfile *shown = selected_profile (self);
  RsReason chosen;

  if (self->writing > 0)
    return;
  self->writing++;

  if (resetting)
    {
      /* The remembered platform, as on a first start. */
      GSettings *settings = rs_settings_get_default ();

      wanted = last = settings != NULL ? g_settings_get_string (settings, "last-profile") : NULL;
    }
  /* A profile cleared elsewhere (its file removed) stays cleared: Review
   * says so. */
  if (self->profiles->len > 0 && (wanted != NULL || resetting) &&
      (shown == NULL || g_strcmp0 (rs_profile_get_id (shown), wanted) != 0 ||
       rs_session_get_profile (session) == NULL))
    {
      guint selected = profile_index (self, wanted);

      self->updating = TRUE;
      adw_combo_row_set_selected (self->profile_row, selected);
      self->updating = FALSE;
      /* A reset, or a profile that is not installed: choose one, as a
       * newly built page does.  Otherwise the session's own stays. */
      if (rs_session_get_profile (session) == NULL ||
          g_strcmp0 (rs_profile_get_id (g_ptr_array_index (self->profiles, selected)), wanted) != 0)
        rs_session_set_profile (session, g_ptr_array_index (self->profiles, selected));
      fill_documents (self, selected_profile (self));
    }
  else
    {
      /* Only shown: a type cleared elsewhere (a profile change on its
       * way) is not chosen again here. */
      const char *type = rs_session_get_document_type (session);

      for (guint i = 0; type != NULL && i < self->document_types->len; i++)
        if (g_str_equal (g_ptr_array_index (self->document_types, i), type) &&
            adw_combo_row_get_selected (self->document_row) != i)
          {
            self->updating = TRUE;
            adw_combo_row_set_selected (self->document_row, i);
            self->updating = FALSE;
          }
    }

  chosen = rs_session_get_reasons (session);
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    gtk_check_button_set_active (self->checks[i], (chosen & reasons[i].reason) != 0);
  self->updating = FALSE;

  self->writing--;
  update_complete (self);
}

static void
session_part_changed_cb (RsStartPage *self)
{
  sync_from_session (self, FALSE);
}

static void
session_reset_cb (RsStartPage *self)
{
  sync_from_session (self, TRUE);
}

static gboolean
rs_start_page_focus_item (RsPage     *page,
                          const char *item_id)
{
  RsStartPage *self = RS_START_PAGE (page);

  if (g_strcmp0 (item_id, "profile") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->profile_row));
  if (g_strcmp0 (item_id, "document") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->document_row));
  if (g_strcmp0 (item_id, "reasons") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->checks[0]));
  return FALSE;
}

static void
rs_start_page_constructed (GObject *object)
{
  RsStartPage *self = RS_START_PAGE (object);

  G_OBJECT_CLASS (rs_start_page_parent_class)->constructed (object);

  rs_page_set_title (RS_PAGE (self), _("Platform and Reason"));

  set_choice_factory (self->profile_row);
  set_choice_factory (self->document_row);
  fill_profiles (self);
  build_reason_rows (self);
  g_signal_connect_object (self->profile_row, "notify::selected",
                           G_CALLBACK (profile_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_row, "notify::selected",
                           G_CALLBACK (document_selected_cb), self, G_CONNECT_SWAPPED);
  {
    RsSession *session = rs_page_get_session (RS_PAGE (self));
    const char *parts[] = { "notify::profile-id", "notify::document-type", "notify::reasons" };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      g_signal_connect_object (session, parts[i], G_CALLBACK (session_part_changed_cb),
                               self, G_CONNECT_SWAPPED);
    g_signal_connect_object (session, "reset", G_CALLBACK (session_reset_cb),
                             self, G_CONNECT_SWAPPED);
  }
  update_complete (self);
}

static void
rs_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RS_TYPE_START_PAGE);

  G_OBJECT_CLASS (rs_start_page_parent_class)->dispose (object);
}

static void
rs_start_page_finalize (GObject *object)
{
  RsStartPage *self = RS_START_PAGE (object);

  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->document_types, g_ptr_array_unref);

  G_OBJECT_CLASS (rs_start_page_parent_class)->finalize (object);
}

static void
rs_start_page_class_init (RsStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RsPageClass *page_class = RS_PAGE_CLASS (klass);

  object_class->constructed = rs_start_page_constructed;
  object_class->dispose = rs_start_page_dispose;
  object_class->finalize = rs_start_page_finalize;
  page_class->focus_item = rs_start_page_focus_item;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/pages/rs-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RsStartPage, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, RsStartPage, profile_row);
  gtk_widget_class_bind_template_child (widget_class, RsStartPage, document_row);
  gtk_widget_class_bind_template_child (widget_class, RsStartPage, errors_row);
}

static void
rs_start_page_init (RsStartPage *self)
{
  self->document_types = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  rs_a11y_mark_headings (GTK_WIDGET (self));
}
