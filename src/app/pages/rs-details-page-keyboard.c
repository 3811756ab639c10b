/* rs-details-page-keyboard.c: the Details page's Tab order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-details-page-private.h"

/* ---- Keyboard ----------------------------------------------------------- */

/* The controls Tab visits, in the order they are shown.  A boxed list
 * (GtkListBox) lets Tab leave it from any row, so without this Tab goes
 * from the first field straight out of the group. */
static GPtrArray *
tab_chain (RsDetailsPage *self)
{
  GPtrArray *chain = g_ptr_array_new ();

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->fields->len; i++)
      {
        Field *f = g_ptr_array_index (self->fields, i);

        /* The required group comes first on screen, then the optional. */
        if (f->info->required != (pass == 0))
          continue;
        if (f->n_lines > 0)
          for (guint j = 0; j < f->n_lines; j++)
            g_ptr_array_add (chain, f->lines[j]);
        else
          g_ptr_array_add (chain, f->row);
        if (f->long_term_switch != NULL)
          g_ptr_array_add (chain, f->long_term_switch);
      }
  return chain;
}

static gboolean
tab_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RsDetailsPage         *self)
{
  g_autoptr(GPtrArray) chain = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean back;
  int at = -1;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  back = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL)
    return FALSE;

  chain = tab_chain (self);
  for (guint i = 0; i < chain->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (chain, i);

      if (focus == w || gtk_widget_is_ancestor (focus, w))
        {
          at = i;
          break;
        }
    }
  if (at < 0)
    return FALSE;

  for (int i = at + (back ? -1 : 1); i >= 0 && i < (int) chain->len; i += back ? -1 : 1)
    {
      GtkWidget *w = g_ptr_array_index (chain, i);

      if (gtk_widget_is_drawable (w) && gtk_widget_is_sensitive (w))
        return gtk_widget_grab_focus (w);
    }
  /* Past either end: GTK's own order leaves the form. */
  return FALSE;
}

void
rs_details_page_tab_chain_init (RsDetailsPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Capture: before the list box and the entry see the key. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (tab_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->prefs_page), keys);
}
