/* rs-a11y.c
 *
 * Small fixes for what GTK 4.8 and libadwaita 1.2 tell a screen reader.
 * GTK 4.8 builds a name from the accessible label *and* every labelled-by
 * target, so a control with a label set by us and a row or mnemonic label
 * that points at it is read twice ("Name Name"); a button's own label keeps
 * its mnemonic underscore ("_Back Back").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-a11y.h"

#include <string.h>

/* "_Back" → "Back", "上一步(_B)" → "上一步": the bracketed ASCII mnemonic of
 * translations is dropped whole, it means nothing read aloud. */
char *
rs_a11y_strip_mnemonic (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '(' && p[1] == '_' && p[2] != '\0' && p[3] == ')')
        {
          p += 3;
          continue;
        }
      if (p[0] == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* One name, read once: our label, without the labelled-by targets GTK
 * would add to it. */
void
rs_a11y_set_name (GtkWidget  *widget,
                  const char *name)
{
  g_autofree char *clean = rs_a11y_strip_mnemonic (name);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clean != NULL ? clean : "",
                                  -1);
}

/* For a widget whose accessible label is already set (in a .ui file):
 * only drop the labelled-by targets that would repeat it. */
void
rs_a11y_name_once (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* A button with a mnemonic label and no label of its own for screen
 * readers: named by its visible label, without the underscore. */
void
rs_a11y_fix_button (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    rs_a11y_set_name (button, gtk_button_get_label (GTK_BUTTON (button)));
}

static gboolean
is_heading_label (GtkWidget *widget)
{
  static const char * const classes[] = { "heading", "title-1", "title-2", "title-3", "title-4" };

  if (!GTK_IS_LABEL (widget))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (gtk_widget_has_css_class (widget, classes[i]))
      return TRUE;
  return FALSE;
}

/* Labels drawn as headings (libadwaita's group titles, our "title-N"
 * labels) get the heading role, so that a screen reader can jump between
 * them.  GTK 4.8 accepts a new role only before the widget's accessible
 * is realized: call this from init, before the page is shown. */
void
rs_a11y_mark_headings (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* A heading inside a control is part of its name. */
      if (GTK_IS_BUTTON (child) || GTK_IS_LIST_BOX_ROW (child))
        continue;
      if (is_heading_label (child) &&
          gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) == GTK_ACCESSIBLE_ROLE_LABEL)
        g_object_set (child, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      rs_a11y_mark_headings (child);
    }
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) || GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The boxed list inside @container (an AdwPreferencesGroup) takes the
 * focus on its way to the rows and is otherwise read as "GtkListBox"; so
 * does the list in a combo row's popover ("GtkListView"). */
void
rs_a11y_name_list (GtkWidget  *container,
                   const char *name)
{
  GtkWidget *list;

  g_return_if_fail (GTK_IS_WIDGET (container));

  list = find_list_box (container);
  if (list != NULL && name != NULL && *name != '\0')
    rs_a11y_set_name (list, name);
}

/* Announcements.  GTK 4.8 has no announcement API (gtk_accessible_announce
 * is GTK 4.14), so a status change is told to screen readers the way a web
 * page's live region does it: an invisible label with the alert role that
 * appears with the message (AT-SPI "showing" and a new name).  The window
 * owns the label; widgets find it through their root. */
#define ANNOUNCER_KEY "rs-a11y-announcer"

void
rs_a11y_set_announcer (GtkWidget *root,
                       GtkWidget *announcer)
{
  g_return_if_fail (GTK_IS_ROOT (root));
  g_return_if_fail (GTK_IS_LABEL (announcer));

  g_object_set_data (G_OBJECT (root), ANNOUNCER_KEY, announcer);
}

void
rs_a11y_announce (GtkWidget  *widget,
                  const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (message == NULL || *message == '\0')
    return;

#if GTK_CHECK_VERSION (4, 14, 0)
  /* Newer than the GDK_VERSION_MAX_ALLOWED pin, and the right call where
   * it exists. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), message,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *announcer = root != NULL ? g_object_get_data (G_OBJECT (root), ANNOUNCER_KEY) : NULL;
  if (announcer == NULL)
    return;

  /* Hidden first, so that the same message twice is announced twice. */
  gtk_widget_set_visible (announcer, FALSE);
  gtk_label_set_text (GTK_LABEL (announcer), message);
  gtk_widget_set_visible (announcer, TRUE);
#endif
}
