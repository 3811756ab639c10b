/* rs-navigator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "rs-navigator.h"
#include "rs-a11y.h"
#include "rs-pages.h"

struct _RsNavigator
{
  GtkWidget     parent_instance;

  RsSession    *session;
  GArray       *page_types;   /* GType; NULL: the table in rs-pages.c */
  GPtrArray    *pages;        /* RsPage, owned by the stack too */
  guint         step;
  gboolean      busy;
  GCancellable *cancellable;

  GtkStack     *stack;
  GtkWidget    *action_bar;
  GtkButton    *back_button;
  GtkButton    *next_button;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (RsNavigator, rs_navigator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PAGE_TYPES,
  PROP_STEP,
  PROP_N_PAGES,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_NEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STEP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (RsNavigator *self)
{
  gboolean can_back = rs_navigator_get_can_go_back (self);
  gboolean can_next = rs_navigator_get_can_go_next (self);
  gboolean last = self->pages->len == 0 || self->step + 1 >= self->pages->len;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "navigator.back", can_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "navigator.next", can_next);
  /* The last step finishes with its own button (Export), not with Next. */
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !last);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_NEXT]);
}

static void
set_busy (RsNavigator *self,
          gboolean     busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  /* No clicks while the page applies what the user entered.  (Not
   * insensitive: that would yank the keyboard focus out of an entry.) */
  gtk_widget_set_can_target (GTK_WIDGET (self->stack), !busy);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->next_button),
                               GTK_ACCESSIBLE_STATE_BUSY, busy,
                               -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_actions (self);
}

static void
show_step (RsNavigator *self,
           guint        step,
           gboolean     move_focus)
{
  RsPage *page;

  g_return_if_fail (step < self->pages->len);

  page = g_ptr_array_index (self->pages, step);
  self->step = step;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));

  if (self->session != NULL)
    rs_session_set_step (self->session, (int) step);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  g_signal_emit (self, signals[STEP_CHANGED], 0, step);

  rs_page_shown (page);

  /* Keyboard users continue in the new page rather than on a button that
   * may just have become insensitive. */
  if (move_focus)
    gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD);
}

static void
page_notify_state_cb (RsNavigator *self,
                         GParamSpec  *pspec,
                         RsPage      *page)
{
  if (rs_navigator_get_current_page (self) == page)
    update_actions (self);
}

static void
page_notify_title_cb (RsNavigator *self,
                      GParamSpec  *pspec,
                      RsPage      *page)
{
  gtk_stack_page_set_title (gtk_stack_get_page (self->stack, GTK_WIDGET (page)),
                            rs_page_get_title (page));
  /* The window's step indicator shows the title. */
  if (rs_navigator_get_current_page (self) == page)
    g_signal_emit (self, signals[STEP_CHANGED], 0, self->step);
}

/* Empties each page before it is destroyed.  A page whose template binds
 * its own AdwBin child would otherwise have that child unparented twice
 * (by gtk_widget_dispose_template() and by AdwBin). */
static void
release_page_children (RsNavigator *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    adw_bin_set_child (ADW_BIN (g_ptr_array_index (self->pages, i)), NULL);
}

static void
clear_pages (RsNavigator *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Drop the focus before its widget goes away with its page. */
  if (root != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
        gtk_root_set_focus (root, NULL);
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      RsPage *page = g_ptr_array_index (self->pages, i);

      g_signal_handlers_disconnect_by_data (page, self);
      adw_bin_set_child (ADW_BIN (page), NULL);
      gtk_stack_remove (self->stack, GTK_WIDGET (page));
    }
  g_ptr_array_set_size (self->pages, 0);
}

static void
build_pages (RsNavigator *self)
{
  guint n = self->page_types ? self->page_types->len : rs_pages_get_n_pages ();

  for (guint i = 0; i < n; i++)
    {
      GType type = self->page_types
                   ? g_array_index (self->page_types, GType, i)
                   : rs_pages_get_page_type (i);
      g_autofree char *name = NULL;
      RsPage *page;

      if (type == G_TYPE_INVALID)
        continue;

      page = g_object_new (type, "session", self->session, NULL);
      rs_pages_compose (page);
      g_ptr_array_add (self->pages, page);
      name = g_strdup_printf ("step-%u", self->pages->len);
      gtk_stack_add_titled (self->stack, GTK_WIDGET (page), name, rs_page_get_title (page));
      g_signal_connect_object (page, "notify::complete",
                               G_CALLBACK (page_notify_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::busy",
                               G_CALLBACK (page_notify_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::title",
                               G_CALLBACK (page_notify_title_cb), self,
                               G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RsNavigator) self = user_data;
  g_autoptr(GError) error = NULL;
  RsPage *page = RS_PAGE (source);
  gboolean ok;

  ok = rs_page_apply_finish (page, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (!ok)
    {
      rs_page_show_toast (page, error->message);
      return;
    }

  /* The page may have been replaced while applying. */
  if (rs_navigator_get_current_page (self) == page &&
      self->step + 1 < self->pages->len)
    show_step (self, self->step + 1, TRUE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rs_navigator_next (RS_NAVIGATOR (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rs_navigator_back (RS_NAVIGATOR (widget));
}

static void
rs_navigator_root (GtkWidget *widget)
{
  RsNavigator *self = RS_NAVIGATOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (rs_navigator_parent_class)->root (widget);

  /* Enter in an entry that activates the default goes to the next step. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (self->next_button));
}

static void
rs_navigator_constructed (GObject *object)
{
  RsNavigator *self = RS_NAVIGATOR (object);

  G_OBJECT_CLASS (rs_navigator_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = rs_session_new ();

  build_pages (self);
  if (self->pages->len > 0)
    show_step (self, 0, FALSE);
  else
    update_actions (self);
}

static void
rs_navigator_dispose (GObject *object)
{
  RsNavigator *self = RS_NAVIGATOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->pages != NULL)
    {
      for (guint i = 0; i < self->pages->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->pages, i), self);
      release_page_children (self);
      g_ptr_array_set_size (self->pages, 0);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_NAVIGATOR);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rs_navigator_parent_class)->dispose (object);
}

static void
rs_navigator_finalize (GObject *object)
{
  RsNavigator *self = RS_NAVIGATOR (object);

  g_ptr_array_unref (self->pages);
  g_clear_pointer (&self->page_types, g_array_unref);

  G_OBJECT_CLASS (rs_navigator_parent_class)->finalize (object);
}

static void
rs_navigator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RsNavigator *self = RS_NAVIGATOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PAGE_TYPES:
      g_value_set_boxed (value, self->page_types);
      break;
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pages->len);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, rs_navigator_get_can_go_back (self));
      break;
    case PROP_CAN_GO_NEXT:
      g_value_set_boolean (value, rs_navigator_get_can_go_next (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_navigator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RsNavigator *self = RS_NAVIGATOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_PAGE_TYPES:
      self->page_types = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Shows the step of a page type and focuses an item on it; an item the
 * page does not know shows the step as it would show after Next. */
static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RsNavigator *self = RS_NAVIGATOR (widget);
  const char *type_name, *item_id;
  GType type;

  g_variant_get (parameter, "(&s&s)", &type_name, &item_id);
  type = g_type_from_name (type_name);
  if (type == G_TYPE_INVALID)
    return;
  if (!rs_navigator_go_to_item (self, type, *item_id != '\0' ? item_id : NULL) && *item_id != '\0')
    rs_navigator_go_to_item (self, type, NULL);
}

static void
rs_navigator_class_init (RsNavigatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rs_navigator_constructed;
  object_class->dispose = rs_navigator_dispose;
  object_class->finalize = rs_navigator_finalize;
  object_class->get_property = rs_navigator_get_property;
  object_class->set_property = rs_navigator_set_property;

  widget_class->root = rs_navigator_root;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         RS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A GArray of GType; unset means the table in rs-pages.c. */
  properties[PROP_PAGE_TYPES] =
    g_param_spec_boxed ("page-types", NULL, NULL,
                        G_TYPE_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_NEXT] =
    g_param_spec_boolean ("can-go-next", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RsNavigator::step-changed:
   * @step: the new 0-based step
   *
   * Emitted when another page becomes visible or the current page's title
   * changes.
   */
  signals[STEP_CHANGED] = g_signal_new ("step-changed",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/rs-navigator.ui");
  gtk_widget_class_bind_template_child (widget_class, RsNavigator, stack);
  gtk_widget_class_bind_template_child (widget_class, RsNavigator, action_bar);
  gtk_widget_class_bind_template_child (widget_class, RsNavigator, back_button);
  gtk_widget_class_bind_template_child (widget_class, RsNavigator, next_button);
  gtk_widget_class_bind_template_child (widget_class, RsNavigator, spinner);

  gtk_widget_class_install_action (widget_class, "navigator.next", NULL, next_action);
  /* (page type name, item id or ""): what rs_page_go_to() asks for. */
  gtk_widget_class_install_action (widget_class, "navigator.go-to", "(ss)", go_to_action);
  gtk_widget_class_install_action (widget_class, "navigator.back", NULL, back_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "navigator");
}

static void
rs_navigator_init (RsNavigator *self)
{
  self->pages = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rs_a11y_fix_button (GTK_WIDGET (self->back_button));
  /* Next has its own label; its mnemonic label would repeat it. */
  rs_a11y_name_once (GTK_WIDGET (self->next_button));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
rs_navigator_new (RsSession *session)
{
  return g_object_new (RS_TYPE_NAVIGATOR, "session", session, NULL);
}

GtkWidget *
rs_navigator_new_with_types (RsSession   *session,
                             const GType *page_types,
                             guint        n_page_types)
{
  g_autoptr(GArray) types = g_array_sized_new (FALSE, FALSE, sizeof (GType), n_page_types);

  g_array_append_vals (types, page_types, n_page_types);
  /* The pages are built in constructed(), so the types go in as a
   * construct-only property. */
  return g_object_new (RS_TYPE_NAVIGATOR,
                       "session", session,
                       "page-types", types,
                       NULL);
}

RsSession *
rs_navigator_get_session (RsNavigator *self)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), NULL);
  return self->session;
}

guint
rs_navigator_get_n_pages (RsNavigator *self)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), 0);
  return self->pages->len;
}

RsPage *
rs_navigator_get_page (RsNavigator *self,
                       guint        index)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), NULL);

  if (index >= self->pages->len)
    return NULL;
  return g_ptr_array_index (self->pages, index);
}

RsPage *
rs_navigator_find_page (RsNavigator *self,
                        GType        page_type)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), NULL);

  for (guint i = 0; i < self->pages->len; i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (self->pages, i), page_type))
      return g_ptr_array_index (self->pages, i);
  return NULL;
}

guint
rs_navigator_get_step (RsNavigator *self)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), 0);
  return self->step;
}

RsPage *
rs_navigator_get_current_page (RsNavigator *self)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), NULL);
  return rs_navigator_get_page (self, self->step);
}

gboolean
rs_navigator_get_can_go_back (RsNavigator *self)
{
  RsPage *page;

  g_return_val_if_fail (RS_IS_NAVIGATOR (self), FALSE);

  page = rs_navigator_get_current_page (self);
  return !self->busy && self->step > 0 && (page == NULL || !rs_page_get_busy (page));
}

gboolean
rs_navigator_get_can_go_next (RsNavigator *self)
{
  RsPage *page;

  g_return_val_if_fail (RS_IS_NAVIGATOR (self), FALSE);

  page = rs_navigator_get_current_page (self);
  return !self->busy && page != NULL && !rs_page_get_busy (page) &&
         self->step + 1 < self->pages->len &&
         rs_page_get_complete (page);
}

gboolean
rs_navigator_get_busy (RsNavigator *self)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), FALSE);
  return self->busy;
}

void
rs_navigator_next (RsNavigator *self)
{
  g_return_if_fail (RS_IS_NAVIGATOR (self));

  if (!rs_navigator_get_can_go_next (self))
    return;

  set_busy (self, TRUE);
  rs_page_apply_async (rs_navigator_get_current_page (self),
                       self->cancellable,
                       apply_cb,
                       g_object_ref (self));
}

void
rs_navigator_back (RsNavigator *self)
{
  g_return_if_fail (RS_IS_NAVIGATOR (self));

  if (!rs_navigator_get_can_go_back (self))
    return;

  show_step (self, self->step - 1, TRUE);
}

void
rs_navigator_go_to_step (RsNavigator *self,
                         guint        step)
{
  g_return_if_fail (RS_IS_NAVIGATOR (self));

  if (self->busy || step >= self->pages->len)
    return;

  show_step (self, step, FALSE);
}

gboolean
rs_navigator_go_to_item (RsNavigator *self,
                         GType        page_type,
                         const char  *item_id)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), FALSE);

  if (self->busy)
    return FALSE;

  for (guint i = 0; i < self->pages->len; i++)
    {
      RsPage *page = g_ptr_array_index (self->pages, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (page, page_type))
        continue;

      show_step (self, i, item_id == NULL);
      return rs_page_focus_item (page, item_id);
    }

  return FALSE;
}

guint
rs_navigator_get_first_incomplete_step (RsNavigator *self)
{
  g_return_val_if_fail (RS_IS_NAVIGATOR (self), 0);

  for (guint i = 0; i < self->pages->len; i++)
    if (!rs_page_get_complete (g_ptr_array_index (self->pages, i)))
      return i;
  return self->pages->len;
}

void
rs_navigator_rebuild (RsNavigator *self)
{
  g_return_if_fail (RS_IS_NAVIGATOR (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);

  clear_pages (self);
  build_pages (self);
  self->step = 0;
  if (self->pages->len > 0)
    show_step (self, 0, FALSE);
  else
    update_actions (self);
}
