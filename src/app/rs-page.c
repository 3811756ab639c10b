/* rs-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-page.h"

#include "rs-a11y.h"

typedef struct
{
  RsSession *session;
  char      *title;
  gboolean   complete;
  gboolean   busy;
} RsPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RsPage, rs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rs_page_real_apply_async (RsPage              *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, rs_page_real_apply_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
rs_page_real_apply_finish (RsPage        *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rs_page_dispose (GObject *object)
{
  RsPage *self = RS_PAGE (object);
  RsPagePrivate *priv = rs_page_get_instance_private (self);

  g_clear_object (&priv->session);

  G_OBJECT_CLASS (rs_page_parent_class)->dispose (object);
}

static void
rs_page_finalize (GObject *object)
{
  RsPage *self = RS_PAGE (object);
  RsPagePrivate *priv = rs_page_get_instance_private (self);

  g_free (priv->title);

  G_OBJECT_CLASS (rs_page_parent_class)->finalize (object);
}

static void
rs_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RsPage *self = RS_PAGE (object);
  RsPagePrivate *priv = rs_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, priv->complete);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RsPage *self = RS_PAGE (object);
  RsPagePrivate *priv = rs_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;
    case PROP_TITLE:
      rs_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_COMPLETE:
      rs_page_set_complete (self, g_value_get_boolean (value));
      break;
    case PROP_BUSY:
      rs_page_set_busy (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_page_class_init (RsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rs_page_dispose;
  object_class->finalize = rs_page_finalize;
  object_class->get_property = rs_page_get_property;
  object_class->set_property = rs_page_set_property;

  klass->apply_async = rs_page_real_apply_async;
  klass->apply_finish = rs_page_real_apply_finish;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         RS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A long task the user should not leave (an export): the navigator
   * turns Back and Next off while it is set. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rs_page_init (RsPage *self)
{
}

RsSession *
rs_page_get_session (RsPage *self)
{
  RsPagePrivate *priv;

  g_return_val_if_fail (RS_IS_PAGE (self), NULL);
  priv = rs_page_get_instance_private (self);
  return priv->session;
}

const char *
rs_page_get_title (RsPage *self)
{
  RsPagePrivate *priv;

  g_return_val_if_fail (RS_IS_PAGE (self), NULL);
  priv = rs_page_get_instance_private (self);
  return priv->title;
}

void
rs_page_set_title (RsPage     *self,
                   const char *title)
{
  RsPagePrivate *priv;

  g_return_if_fail (RS_IS_PAGE (self));
  priv = rs_page_get_instance_private (self);

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
rs_page_get_complete (RsPage *self)
{
  RsPagePrivate *priv;

  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);
  priv = rs_page_get_instance_private (self);
  return priv->complete;
}

void
rs_page_set_complete (RsPage   *self,
                      gboolean  complete)
{
  RsPagePrivate *priv;

  g_return_if_fail (RS_IS_PAGE (self));
  priv = rs_page_get_instance_private (self);

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

gboolean
rs_page_get_busy (RsPage *self)
{
  RsPagePrivate *priv;

  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);
  priv = rs_page_get_instance_private (self);
  return priv->busy;
}

void
rs_page_set_busy (RsPage   *self,
                  gboolean  busy)
{
  RsPagePrivate *priv;

  g_return_if_fail (RS_IS_PAGE (self));
  priv = rs_page_get_instance_private (self);

  busy = !!busy;
  if (priv->busy == busy)
    return;

  priv->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
rs_page_shown (RsPage *self)
{
  g_return_if_fail (RS_IS_PAGE (self));

  if (RS_PAGE_GET_CLASS (self)->shown)
    RS_PAGE_GET_CLASS (self)->shown (self);
}

void
rs_page_apply_async (RsPage              *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (RS_IS_PAGE (self));

  RS_PAGE_GET_CLASS (self)->apply_async (self, cancellable, callback, user_data);
}

gboolean
rs_page_apply_finish (RsPage        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);

  return RS_PAGE_GET_CLASS (self)->apply_finish (self, result, error);
}

gboolean
rs_page_focus_item (RsPage     *self,
                    const char *item_id)
{
  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);

  if (item_id == NULL)
    return TRUE;
  if (RS_PAGE_GET_CLASS (self)->focus_item == NULL)
    return FALSE;
  return RS_PAGE_GET_CLASS (self)->focus_item (self, item_id);
}

AdwToastOverlay *
rs_page_get_window_toast_overlay (RsPage *self)
{
  GtkWidget *overlay;

  g_return_val_if_fail (RS_IS_PAGE (self), NULL);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  return overlay ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

void
rs_page_show_toast (RsPage     *self,
                    const char *message)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (RS_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  overlay = rs_page_get_window_toast_overlay (self);
  if (overlay != NULL)
    {
      /* Toast titles are Pango markup in libadwaita 1.2. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (overlay, adw_toast_new (escaped));
    }
  /* libadwaita 1.2's toasts are not announced by themselves. */
  rs_a11y_announce (GTK_WIDGET (self), message);
}

gboolean
rs_page_go_to (RsPage     *self,
               GType       page_type,
               const char *item_id)
{
  g_return_val_if_fail (RS_IS_PAGE (self), FALSE);

  /* An action, so that pages need not know the navigator (rs-navigator.h
   * includes this header). */
  return gtk_widget_activate_action (GTK_WIDGET (self), "navigator.go-to", "(ss)",
                                     g_type_name (page_type), item_id != NULL ? item_id : "");
}
