/* rs-details-page-private.h: what the parts of the Details page share
 * (rs-details-page.c, -widgets.c, -keyboard.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-details-page.h"
#include "rs-validate.h"

G_BEGIN_DECLS

#define MAX_MRZ_LINES 3

typedef enum {
  STATE_NONE,
  STATE_WARNING,
  STATE_ERROR,
} FieldState;

typedef struct
{
  RsDetailsPage       *page;          /* unowned */
  const RsFieldInfo   *info;          /* owned by page->infos */
  AdwPreferencesGroup *group;
  GPtrArray           *rows;          /* every row this field added */
  GPtrArray           *focus_controllers;  /* unowned, disconnected on clear */
  GtkWidget           *row;           /* the focus target */
  GtkWidget           *lines[MAX_MRZ_LINES];
  guint                n_lines;
  GtkWidget           *long_term_switch;
  GtkWidget           *message_row;
  GtkWidget           *message_icon;
  GtkWidget           *message_label;
  gboolean             touched;
  FieldState           state;
  char                *message;
} Field;

struct _RsDetailsPage
{
  RsPage               parent_instance;

  AdwPreferencesPage  *prefs_page;
  AdwPreferencesGroup *reason_group;
  GtkWidget           *reason_row;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *optional_group;
  AdwActionRow        *status_row;
  GtkImage            *status_icon;
  AdwActionRow        *ack_row;
  GtkCheckButton      *ack_check;
  AdwPreferencesGroup *fill_group;
  AdwActionRow        *fill_row;
  GtkWidget           *fill_button;
  char                *fill_message;  /* the last fill's toast */

  char                *built_type;    /* document type the rows are for */
  char                *stash_type;    /* the last non-NULL built_type */
  GPtrArray           *infos;         /* RsFieldInfo*, from the validators */
  GPtrArray           *fields;        /* Field* */
  GPtrArray           *warning_keys;  /* char*, current acknowledgment keys */
  GHashTable          *stash;         /* type → (field → value) of other types */
  guint                check_id;
  gint64               check_pending_since;  /* monotonic µs of the first unchecked change */
  gboolean             updating;
  gboolean             disposing;
};

/* rs-details-page-widgets.c */
char               *rs_details_field_get_raw       (Field         *f);
void                rs_details_field_set_value     (Field         *f,
                                                    const char    *value);
GtkListItemFactory *rs_details_sex_item_factory    (void);

Field              *rs_details_page_find_field     (RsDetailsPage *self,
                                                    const char    *id);

/* rs-details-page-rows.c: the rows, and keeping them in step with the
 * session */
void                rs_details_page_rebuild        (RsDetailsPage *self);
void                rs_details_page_update_reason  (RsDetailsPage *self);
void                rs_details_page_session_part_changed (RsDetailsPage *self);
void                rs_details_page_session_field_changed (RsDetailsPage *self,
                                                           const char    *id,
                                                           RsSession     *session);
void                rs_details_page_session_acknowledged_changed (RsDetailsPage *self,
                                                                  const char    *key);
void                rs_details_page_ack_toggled    (RsDetailsPage *self);

/* rs-details-page-fill.c: "Fill from photo" */
void                rs_details_page_fill_update    (RsDetailsPage *self);
void                rs_details_page_fill_clicked   (RsDetailsPage *self);

/* rs-details-page-keyboard.c */
void                rs_details_page_tab_chain_init (RsDetailsPage *self);

G_END_DECLS
