/* rs-details-page-widgets.c: reading and writing the Details page's
 * field widgets (what the user typed or chose, as the validators expect
 * it, and back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "rs-details-page-private.h"
#include "rs-a11y.h"

/* ---- Reading and writing the widgets ------------------------------------ */

static const char * const sex_values[] = { "", "male", "female" };

static void
sex_item_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

/* The choices of the popover's list are read by their text: GTK 4.8 does
 * not name a list item after its child. */
static void
sex_item_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_widget_get_parent (label);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (cell != NULL)
    rs_a11y_set_name (cell, text);
}

GtkListItemFactory *
rs_details_sex_item_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (sex_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (sex_item_bind_cb), NULL);
  return factory;
}

/* What the user has typed or chosen, as the validators expect it. */
char *
rs_details_field_get_raw (Field *f)
{
  switch (f->info->kind)
    {
    case RS_FIELD_KIND_SEX:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (f->row));

        return g_strdup (selected < G_N_ELEMENTS (sex_values) ? sex_values[selected] : "");
      }

    case RS_FIELD_KIND_MRZ:
      {
        GString *text = g_string_new (NULL);

        for (guint i = 0; i < f->n_lines; i++)
          {
            if (i > 0)
              g_string_append_c (text, '\n');
            g_string_append (text, gtk_editable_get_text (GTK_EDITABLE (f->lines[i])));
          }
        /* Empty trailing lines are not part of the zone. */
        while (text->len > 0 && text->str[text->len - 1] == '\n')
          g_string_truncate (text, text->len - 1);
        return g_string_free (text, FALSE);
      }

    case RS_FIELD_KIND_DATE_OR_LONG_TERM:
      if (f->long_term_switch != NULL &&
          gtk_switch_get_active (GTK_SWITCH (f->long_term_switch)))
        return g_strdup (RS_VALID_LONG_TERM);
      G_GNUC_FALLTHROUGH;

    case RS_FIELD_KIND_TEXT:
    case RS_FIELD_KIND_DOCUMENT_NUMBER:
    case RS_FIELD_KIND_DATE:
    case RS_FIELD_KIND_COUNTRY:
    case RS_FIELD_KIND_PHONE:
    case RS_FIELD_KIND_EMAIL:
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->row)));
    }
}

void
rs_details_field_set_value (Field      *f,
                            const char *value)
{
  if (value == NULL)
    value = "";

  switch (f->info->kind)
    {
    case RS_FIELD_KIND_SEX:
      {
        guint selected = 0;

        for (guint i = 1; i < G_N_ELEMENTS (sex_values); i++)
          if (g_str_equal (sex_values[i], value))
            selected = i;
        adw_combo_row_set_selected (ADW_COMBO_ROW (f->row), selected);
      }
      break;

    case RS_FIELD_KIND_MRZ:
      {
        g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
        guint n = g_strv_length (lines);

        for (guint i = 0; i < f->n_lines; i++)
          {
            /* Any extra lines go into the last row rather than being lost. */
            g_autofree char *text = NULL;

            if (i + 1 == f->n_lines && n > f->n_lines)
              text = g_strjoinv ("", lines + i);
            else
              text = g_strdup (i < n ? lines[i] : "");
            gtk_editable_set_text (GTK_EDITABLE (f->lines[i]), text);
          }
      }
      break;

    case RS_FIELD_KIND_DATE_OR_LONG_TERM:
      if (f->long_term_switch != NULL)
        {
          gboolean long_term = g_str_equal (value, RS_VALID_LONG_TERM);

          gtk_switch_set_active (GTK_SWITCH (f->long_term_switch), long_term);
          gtk_widget_set_sensitive (f->row, !long_term);
          if (long_term)
            value = "";
        }
      G_GNUC_FALLTHROUGH;

    case RS_FIELD_KIND_TEXT:
    case RS_FIELD_KIND_DOCUMENT_NUMBER:
    case RS_FIELD_KIND_DATE:
    case RS_FIELD_KIND_COUNTRY:
    case RS_FIELD_KIND_PHONE:
    case RS_FIELD_KIND_EMAIL:
    default:
      gtk_editable_set_text (GTK_EDITABLE (f->row), value);
      break;
    }
}
