/* rs-window.c: the main window: title, Back/Next actions, "Delete All My
 * Data", the window's size and state.  The draft lifecycle is in
 * rs-window-drafts.c, opening a bundle in rs-window-bundle.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-a11y.h"
#include "rs-bundle-open.h"
#include "rs-draft.h"
#include "rs-recent.h"
#include "rs-review-page.h"
#include "rs-settings.h"
#include "rs-window.h"
#include "rs-window-private.h"

G_DEFINE_FINAL_TYPE (RsWindow, rs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (RsWindow *self)
{
  RsPage *page = rs_navigator_get_current_page (self->navigator);
  guint n = rs_navigator_get_n_pages (self->navigator);
  g_autofree char *step = NULL;

  /* TRANSLATORS: the wizard's step indicator in the header bar */
  step = g_strdup_printf (_("Step %u of %u"), rs_navigator_get_step (self->navigator) + 1, n);
  adw_window_title_set_title (self->step_title, step);
  adw_window_title_set_subtitle (self->step_title, page ? rs_page_get_title (page) : NULL);
}

static void
step_changed_cb (RsWindow    *self,
                 guint        step,
                 RsNavigator *navigator)
{
  update_title (self);
}

static void
sync_actions (RsWindow *self)
{
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "next");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               rs_navigator_get_can_go_next (self->navigator));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "back");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               rs_navigator_get_can_go_back (self->navigator));
}

static void
next_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  rs_navigator_next (RS_WINDOW (user_data)->navigator);
}

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  rs_navigator_back (RS_WINDOW (user_data)->navigator);
}

/* Deleting all data */

static void
stop_autosave (RsWindow *self,
               gboolean  flush)
{
  if (self->autosave == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->autosave, self);
  if (flush)
    {
      g_autoptr(GError) error = NULL;

      if (!rs_draft_autosave_flush (self->autosave, &error))
        g_warning ("Could not save the draft: %s", error->message);
    }
  /* Nothing may be written once we let go of it. */
  rs_draft_autosave_set_paused (self->autosave, TRUE);
  g_clear_object (&self->autosave);
}

static void
deleted_dialog (RsWindow  *self,
                char     **removed,
                GError    *error)
{
  GString *body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  guint n = removed ? g_strv_length (removed) : 0;

  if (error != NULL)
    g_string_append_printf (body, "%s\n\n", error->message);

  if (n == 0 && error == NULL)
    g_string_append (body, _("There was nothing to delete: no draft or copies of photos were stored."));
  else if (n > 0)
    g_string_append_printf (body,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Removed %u item from this computer.",
                                         "Removed %u items from this computer.", n),
                            n);
  g_string_append (body, "\n");
  g_string_append (body, _("Your original photo files were not touched."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       error ? _("Not Everything Could Be Deleted")
                                                             : _("Your Data Was Deleted"),
                                                       body->str));

  /* The paths themselves, left-aligned and selectable, under the text. */
  if (n > 0)
    {
      g_autofree char *list = g_strjoinv ("\n", removed);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (list);
      PangoAttrList *attrs;

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_yalign (GTK_LABEL (label), 0.0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
      /* A path broken with an inserted hyphen reads as a different path. */
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_name (label, "removed-paths");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Removed files and folders"),
                                      -1);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RsWindow         *self)
{
  g_auto(GStrv) removed = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  /* Stop saving first, or the reset below would be written back. */
  self->autosave_armed = FALSE;
  stop_autosave (self, FALSE);

  rs_recent_forget_ours (gtk_recent_manager_get_default (), self->session, NULL);
  rs_draft_delete_all_data (&removed, &error);
  /* The pages follow the reset (they are not built again). */
  rs_session_reset (self->session);
  rs_navigator_go_to_step (self->navigator, 0);

  /* From now on only what the user enters again creates a draft. */
  self->autosave_armed = TRUE;

  deleted_dialog (self, removed, error);
}

static void
delete_data_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RsWindow *self = RS_WINDOW (user_data);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete All Your Data?"),
                                                       _("This removes the saved draft with everything you entered, "
                                                         "and the corrected copies of your photos, from this computer. "
                                                         "Your original photo files and exported bundles are not touched. "
                                                         "This cannot be undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Window state */

static void
load_window_state (RsWindow *self)
{
  GSettings *settings = rs_settings_get_default ();
  int width, height;

  if (settings == NULL)
    return;

  width = g_settings_get_int (settings, "window-width");
  height = g_settings_get_int (settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (RsWindow *self)
{
  GSettings *settings = rs_settings_get_default ();
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (settings);
}

static gboolean
rs_window_close_request (GtkWindow *window)
{
  RsWindow *self = RS_WINDOW (window);

  save_window_state (self);

  if (self->autosave != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The window is going away; the draft must be complete on disk. */
      if (!rs_draft_autosave_flush (self->autosave, &error))
        g_warning ("Could not save the draft: %s", error->message);
    }

  return GTK_WINDOW_CLASS (rs_window_parent_class)->close_request (window);
}

static void
rs_window_map (GtkWidget *widget)
{
  RsWindow *self = RS_WINDOW (widget);

  GTK_WIDGET_CLASS (rs_window_parent_class)->map (widget);

  /* Offer the draft once the window is on screen, so that the dialog has a
   * parent to attach to. */
  if (!self->draft_checked && g_getenv ("RESUBMIT_NO_DRAFT_CHECK") == NULL)
    rs_window_check_draft (self);
}

static void
rs_window_dispose (GObject *object)
{
  RsWindow *self = RS_WINDOW (object);

  /* Destroyed without a close request (app quit): save what is pending
   * now, and make sure nothing is written afterwards. */
  self->autosave_armed = FALSE;
  stop_autosave (self, TRUE);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->resume_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->resume_dialog), (gpointer *) &self->resume_dialog);
      self->resume_dialog = NULL;
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_WINDOW);

  G_OBJECT_CLASS (rs_window_parent_class)->dispose (object);
}

static void
rs_window_finalize (GObject *object)
{
  RsWindow *self = RS_WINDOW (object);

  g_clear_object (&self->session);
  g_free (self->draft_path);

  G_OBJECT_CLASS (rs_window_parent_class)->finalize (object);
}

static void
rs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RsWindow *self = RS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_window_class_init (RsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rs_window_dispose;
  object_class->finalize = rs_window_finalize;
  object_class->get_property = rs_window_get_property;
  widget_class->map = rs_window_map;
  window_class->close_request = rs_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         RS_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/rs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RsWindow, step_title);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, announcer);
  gtk_widget_class_bind_template_child (widget_class, RsWindow, menu_button);
}

static const GActionEntry win_actions[] = {
  { "next", next_activated, NULL, NULL, NULL, { 0 } },
  { "back", back_activated, NULL, NULL, NULL, { 0 } },
  { "delete-data", delete_data_activated, NULL, NULL, NULL, { 0 } },
  { "open-bundle", rs_window_open_bundle_activated, NULL, NULL, NULL, { 0 } },
};

static void
rs_window_init (RsWindow *self)
{
  g_type_ensure (RS_TYPE_NAVIGATOR);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "rs-main");
  /* A development build (-Dprofile=development) looks it: striped header bar. */
  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->session = rs_session_new ();
  /* The files chosen for this session stay out of the desktop's recent list. */
  rs_recent_watch (gtk_recent_manager_get_default (), self->session);
  self->draft_path = rs_draft_get_default_path ();
  g_signal_connect_object (self->session, "changed",
                           G_CALLBACK (rs_window_session_changed_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  self->navigator = RS_NAVIGATOR (rs_navigator_new (self->session));
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->navigator));
  rs_a11y_set_announcer (GTK_WIDGET (self), GTK_WIDGET (self->announcer));
  g_signal_connect_object (self->navigator, "step-changed",
                           G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->navigator, "notify::can-go-next",
                           G_CALLBACK (sync_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->navigator, "notify::can-go-back",
                           G_CALLBACK (sync_actions), self, G_CONNECT_SWAPPED);

  update_title (self);
  sync_actions (self);
  load_window_state (self);
}

RsWindow *
rs_window_new (GtkApplication *application)
{
  return g_object_new (RS_TYPE_WINDOW, "application", application, NULL);
}

RsSession *
rs_window_get_session (RsWindow *self)
{
  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  return self->session;
}

RsNavigator *
rs_window_get_navigator (RsWindow *self)
{
  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  return self->navigator;
}

AdwToastOverlay *
rs_window_get_toast_overlay (RsWindow *self)
{
  g_return_val_if_fail (RS_IS_WINDOW (self), NULL);
  return self->toast_overlay;
}

void
rs_window_show_toast (RsWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (RS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are Pango markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  /* libadwaita 1.2's toasts are not announced by themselves. */
  rs_a11y_announce (GTK_WIDGET (self), message);
}
