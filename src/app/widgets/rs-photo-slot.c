/* rs-photo-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photo-slot.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rs-a11y.h"
#include "rs-read.h"
#include "rs-slot-example.h"

struct _RsPhotoSlot
{
  GtkWidget       parent_instance;

  char           *slot_id;
  char           *title;
  GFile          *file;
  GdkTexture     *texture;
  RsPhotoReport  *report;
  GdkTexture     *original_texture;
  RsPhotoReport  *original_report;
  char           *error;
  char           *duplicate_of;
  char           *mismatch;       /* details.match message, or NULL */
  char           *mismatch_field; /* the first differing RS_FIELD_* */
  char           *mismatch_label;
  gboolean        busy;
  gboolean        rejection_first;
  gboolean        acknowledged;
  GPtrArray      *shown_ids;     /* char*, display order */

  GtkLabel       *title_label;
  GtkImage       *status_icon;
  GtkLabel       *status_label;
  GtkLabel       *description_label;
  GtkStack       *visual_stack;
  RsSlotExample  *example;
  RsPhotoPreview *preview;
  GtkWidget      *busy_box;
  GtkWidget      *before_label;
  GtkSpinner     *spinner;
  GtkLabel       *busy_label;
  GtkWidget      *choose_button;
  GtkWidget      *take_photo_button;
  GtkWidget      *rotate_button;
  GtkWidget      *straighten_button;
  GtkToggleButton *compare_button;
  GtkWidget      *remove_button;
  GtkWidget      *more_button;
  GtkPopover     *more_popover;
  GtkLabel       *error_label;
  GtkLabel       *guidance_label;
  GtkLabel       *retake_label;
  GtkListBox     *findings_list;
  GtkExpander    *passed_expander;
  GtkListBox     *passed_list;
  GtkCheckButton *ack_check;
};

G_DEFINE_FINAL_TYPE (RsPhotoSlot, rs_photo_slot, GTK_TYPE_WIDGET)

enum {
  FILES_DROPPED,
  ACKNOWLEDGED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The checks platforms reject a photo for (as opposed to file problems):
 * listed first when the user says a photo was rejected. */
static const char * const rejection_checks[] = {
  RS_CHECK_DOCUMENT_RECAPTURE,
  RS_CHECK_DOCUMENT_FOUND,
  RS_CHECK_DOCUMENT_CUTOFF,
  RS_CHECK_GLARE,
  RS_CHECK_SHARPNESS,
  RS_CHECK_EXPOSURE_DARK,
  RS_CHECK_EXPOSURE_BRIGHT,
  RS_CHECK_DOCUMENT_MARGIN,
  RS_CHECK_DOCUMENT_SKEW,
  RS_CHECK_DOCUMENT_SIZE,
  RS_CHECK_COLOR_GRAYSCALE,
};

static gboolean
is_rejection_check (const char *id)
{
  return g_strv_contains ((const char * const *) rejection_checks, id);
}

/* What to do when software cannot fix it. */
static const char *
retake_hint (const char *id)
{
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_RECAPTURE) == 0)
    return _("A photo of a screen is refused whatever its quality. Put the document itself on a table and photograph it.");
  if (g_strcmp0 (id, RS_CHECK_SHARPNESS) == 0)
    return _("Blur cannot be fixed afterwards. Take the photo again: hold the phone steady with both hands, tap the document to focus, and use good light.");
  if (g_strcmp0 (id, RS_CHECK_GLARE) == 0)
    return _("Glare cannot be fixed afterwards. Take the photo again without flash, and tilt the document slightly or move away from lamps and windows until the bright spot is gone.");
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_CUTOFF) == 0 ||
      g_strcmp0 (id, RS_CHECK_DOCUMENT_FOUND) == 0)
    return _("A document that is cut off or not visible cannot be fixed afterwards. Take the photo again from further away, with all four corners in the frame and a plain, contrasting surface around it.");
  if (g_strcmp0 (id, RS_CHECK_EXPOSURE_DARK) == 0)
    return _("Take the photo again in brighter, even light, for example near a window in daylight, without flash.");
  if (g_strcmp0 (id, RS_CHECK_EXPOSURE_BRIGHT) == 0)
    return _("Take the photo again with softer light: out of direct sunlight and without flash.");
  if (g_strcmp0 (id, RS_CHECK_IMAGE_RESOLUTION) == 0)
    return _("Take the photo again with the camera’s full resolution; do not send a screenshot or a photo shrunk by a chat app.");
  if (g_strcmp0 (id, RS_CHECK_COLOR_GRAYSCALE) == 0)
    return _("Take the photo again in colour: turn off black-and-white or document-scanner modes.");
  return NULL;
}

static const char *
status_icon_name (RsCheckStatus status)
{
  switch (status)
    {
    case RS_CHECK_FAIL:
      return "dialog-error-symbolic";
    case RS_CHECK_WARN:
      return "dialog-warning-symbolic";
    case RS_CHECK_PASS:
    default:
      return "emblem-ok-symbolic";
    }
}

static const char *
status_text (RsCheckStatus status)
{
  switch (status)
    {
    case RS_CHECK_FAIL:
      return C_("check status", "Problem");
    case RS_CHECK_WARN:
      return C_("check status", "Warning");
    case RS_CHECK_PASS:
    default:
      return C_("check status", "Passed");
    }
}

static const char *
status_css (RsCheckStatus status)
{
  switch (status)
    {
    case RS_CHECK_FAIL:
      return "error";
    case RS_CHECK_WARN:
      return "warning";
    case RS_CHECK_PASS:
    default:
      return "success";
    }
}

/* The measured value against the requirement, in the check's own unit
 * (docs/checker.md); NULL when the check has no meaningful number. */
static char *
format_measure (const RsPhotoFinding *f)
{
  const char *id = f->id;

  if (g_strcmp0 (id, RS_CHECK_FILE_SIZE) == 0)
    {
      g_autofree char *v = g_format_size ((guint64) MAX (f->value, 0));
      g_autofree char *t = g_format_size ((guint64) MAX (f->threshold, 0));
      return g_strdup_printf (_("File size %s; at most %s"), v, t);
    }
  if (g_strcmp0 (id, RS_CHECK_IMAGE_RESOLUTION) == 0)
    return g_strdup_printf (_("Short side %.0f pixels; at least %.0f"), f->value, f->threshold);
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_FOUND) == 0)
    return g_strdup_printf (_("Confidence %.0f%%; at least %.0f%%"), f->value * 100, f->threshold * 100);
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_CUTOFF) == 0)
    return f->status == RS_CHECK_PASS ? NULL
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f corner outside the photo; none allowed",
                                      "%.0f corners outside the photo; none allowed",
                                      (gulong) MAX (f->value, 0)),
                         f->value);
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_MARGIN) == 0)
    return g_strdup_printf (_("Background around the document %.1f%% of the photo; at least %.1f%%"),
                            MAX (f->value, 0), f->threshold);
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_SIZE) == 0)
    return f->status != RS_CHECK_PASS && f->value > f->threshold
      ? g_strdup_printf (_("The document fills %.0f%% of the photo; at most %.0f%%"),
                         f->value * 100, f->threshold * 100)
      : g_strdup_printf (_("The document fills %.0f%% of the photo; at least %.0f%%"),
                         f->value * 100, f->threshold * 100);
  if (g_strcmp0 (id, RS_CHECK_DOCUMENT_SKEW) == 0)
    return g_strdup_printf (_("Angle %.1f°; at most %.0f°"), f->value, f->threshold);
  if (g_strcmp0 (id, RS_CHECK_SHARPNESS) == 0)
    return g_strdup_printf (_("Sharpness %.0f; at least %.0f"), f->value, f->threshold);
  if (g_strcmp0 (id, RS_CHECK_EXPOSURE_DARK) == 0)
    return g_strdup_printf (_("Brightness %.0f of 255; at least %.0f"), f->value, f->threshold);
  if (g_strcmp0 (id, RS_CHECK_EXPOSURE_BRIGHT) == 0)
    return g_strdup_printf (_("%.0f%% of the document is washed out; at most %.0f%%"),
                            f->value * 100, f->threshold * 100);
  if (g_strcmp0 (id, RS_CHECK_GLARE) == 0)
    return g_strdup_printf (_("Glare on %.1f%% of the document; at most %.1f%%"),
                            f->value * 100, f->threshold * 100);
  if (g_strcmp0 (id, RS_CHECK_COLOR_GRAYSCALE) == 0)
    return g_strdup_printf (_("Colour %.1f; at least %.1f"), f->value, f->threshold);
  return NULL;
}

static GtkWidget *
make_finding_row (const char    *id,
                  RsCheckStatus  status,
                  const char    *message,
                  const char    *measure)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (status_icon_name (status));
  GtkWidget *state = gtk_label_new (status_text (status));
  GtkWidget *msg = gtk_label_new (message);
  g_autofree char *a11y = NULL;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, status_css (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_text (status), -1);

  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_widget_add_css_class (state, "caption-heading");
  gtk_widget_add_css_class (state, status_css (status));
  gtk_label_set_xalign (GTK_LABEL (msg), 0);
  gtk_label_set_wrap (GTK_LABEL (msg), TRUE);
  gtk_box_append (GTK_BOX (texts), state);
  gtk_box_append (GTK_BOX (texts), msg);
  if (measure != NULL)
    {
      GtkWidget *m = gtk_label_new (measure);
      gtk_label_set_xalign (GTK_LABEL (m), 0);
      gtk_label_set_wrap (GTK_LABEL (m), TRUE);
      gtk_widget_add_css_class (m, "caption");
      gtk_widget_add_css_class (m, "dim-label");
      gtk_box_append (GTK_BOX (texts), m);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  a11y = measure ? g_strdup_printf ("%s: %s %s", status_text (status), message, measure)
                 : g_strdup_printf ("%s: %s", status_text (status), message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (row), "finding-id", g_strdup (id), g_free);
  return row;
}

/* details.match: the finding with a button to the field on the Details
 * step (the page's "photos.go-to-field" action). */
static GtkWidget *
make_mismatch_row (RsPhotoSlot *self)
{
  GtkWidget *row = make_finding_row (RS_CHECK_DETAILS_MATCH, RS_CHECK_FAIL, self->mismatch, NULL);
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  /* No mnemonic: every document slot may show one. */
  GtkWidget *button = gtk_button_new_with_label (_("Go to the Field"));
  g_autofree char *name = NULL;

  gtk_widget_set_name (button, "go-to-field");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Correct the typed value on the Details step"));
  /* TRANSLATORS: accessible name; %s is a field such as "Date of birth" */
  name = g_strdup_printf (_("Go to “%s” on the Details step"),
                          self->mismatch_label ? self->mismatch_label : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "photos.go-to-field");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    self->mismatch_field ? self->mismatch_field : "");
  gtk_box_append (GTK_BOX (box), button);
  return row;
}

static int
finding_rank (RsPhotoSlot          *self,
              const RsPhotoFinding *f)
{
  int rank = f->status == RS_CHECK_PASS ? 2 : 0;

  if (self->rejection_first)
    rank = (is_rejection_check (f->id) ? 0 : 4) + (f->status == RS_CHECK_PASS ? 2 : 0);
  return rank;
}

static gboolean
slot_is_checked (RsPhotoSlot *self)
{
  return self->report != NULL && !self->busy;
}

static void
update_findings (RsPhotoSlot *self)
{
  GtkWidget *child;
  g_autoptr(GString) retake = g_string_new (NULL);
  g_autofree char *passed_title = NULL;
  guint n, n_problems = 0, n_passed = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->passed_list))) != NULL)
    gtk_list_box_remove (self->passed_list, child);
  g_ptr_array_set_size (self->shown_ids, 0);

  if (!slot_is_checked (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->findings_list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->passed_expander), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->retake_label), FALSE);
      return;
    }

  if (self->duplicate_of != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("This is the same photo as in “%s”. Each item needs its own photo."),
                                              self->duplicate_of);
      gtk_list_box_append (self->findings_list,
                           make_finding_row (RS_CHECK_DUPLICATE, RS_CHECK_FAIL, msg, NULL));
      g_ptr_array_add (self->shown_ids, g_strdup (RS_CHECK_DUPLICATE));
      n_problems++;
    }

  if (self->mismatch != NULL)
    {
      gtk_list_box_append (self->findings_list, make_mismatch_row (self));
      g_ptr_array_add (self->shown_ids, g_strdup (RS_CHECK_DETAILS_MATCH));
      n_problems++;
    }

  n = rs_photo_report_get_n_findings (self->report);
  for (int rank = 0; rank < 8; rank++)
    for (guint i = 0; i < n; i++)
      {
        const RsPhotoFinding *f = rs_photo_report_get_finding (self->report, i);
        g_autofree char *measure = NULL;
        const char *hint;

        /* The checker's own duplicate finding is shown from the page's
         * set-level state above. */
        if (g_strcmp0 (f->id, RS_CHECK_DUPLICATE) == 0 || finding_rank (self, f) != rank)
          continue;
        measure = format_measure (f);
        /* Problems in view; passed checks folded away below them. */
        if (f->status == RS_CHECK_PASS)
          {
            gtk_list_box_append (self->passed_list,
                                 make_finding_row (f->id, f->status, f->message, measure));
            n_passed++;
          }
        else
          {
            gtk_list_box_append (self->findings_list,
                                 make_finding_row (f->id, f->status, f->message, measure));
            n_problems++;
          }
        g_ptr_array_add (self->shown_ids, g_strdup (f->id));

        hint = f->status != RS_CHECK_PASS ? retake_hint (f->id) : NULL;
        /* An angle the app can correct itself; not worth saying for a
         * photo that has to go anyway (the same picture in two slots). */
        if (f->status != RS_CHECK_PASS && g_strcmp0 (f->id, RS_CHECK_DOCUMENT_SKEW) == 0 &&
            self->duplicate_of == NULL &&
            rs_photo_report_get_document_found (self->report) &&
            rs_photo_report_get_cut_corners (self->report) == 0)
          hint = _("The app can correct the angle: choose “Crop and Straighten” in the photo’s menu. Your original photo is kept.");
        if (hint != NULL && strstr (retake->str, hint) == NULL)
          {
            if (retake->len > 0)
              g_string_append_c (retake, '\n');
            g_string_append (retake, hint);
          }
      }

  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), n_problems > 0);
  passed_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check passed", "%u checks passed", n_passed),
                                  n_passed);
  gtk_expander_set_label (self->passed_expander, passed_title);
  {
    g_autofree char *name = g_strdup_printf (_("%s in the photo of “%s”"), passed_title,
                                             self->title ? self->title : "");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->passed_expander),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->passed_expander), n_passed > 0);
  gtk_label_set_text (self->retake_label, retake->str);
  gtk_widget_set_visible (GTK_WIDGET (self->retake_label), retake->len > 0);
}

static gboolean
has_status (RsPhotoReport *report,
            RsCheckStatus  status)
{
  guint n = report ? rs_photo_report_get_n_findings (report) : 0;

  for (guint i = 0; i < n; i++)
    {
      const RsPhotoFinding *f = rs_photo_report_get_finding (report, i);
      if (f->status == status && g_strcmp0 (f->id, RS_CHECK_DUPLICATE) != 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_failure (RsPhotoSlot *self)
{
  return self->duplicate_of != NULL || self->mismatch != NULL ||
         has_status (self->report, RS_CHECK_FAIL);
}

static void
set_status (RsPhotoSlot *self,
            const char  *icon,
            const char  *css,
            const char  *text)
{
  const char * const classes[] = { "error", "warning", "success", "dim-label", NULL };

  for (guint i = 0; classes[i] != NULL; i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (icon != NULL)
    {
      gtk_image_set_from_icon_name (self->status_icon, icon);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css);
    }
  if (text != NULL)
    {
      gtk_label_set_text (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css);
    }
}

/* The same controls repeat in every slot: their names say which. */
static void
set_name_owned (gpointer  widget,
                char     *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* GTK 4.8 reads a button's visible label (labelled-by) after the name:
   * "Replace the photo of … Replace…".  The name says it all. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_free (name);
}
#define set_name(widget, format, title) set_name_owned (widget, g_strdup_printf (format, title))

static void
update_names (RsPhotoSlot *self,
              gboolean     filled)
{
  const char *title = self->title ? self->title : "";
  g_autofree char *more = g_strdup_printf (_("More actions for “%s”"), title);

  set_name (self->choose_button,
            filled ? _("Replace the photo of “%s”") : _("Choose a file for “%s”"), title);
  set_name (self->take_photo_button, _("Take the photo of “%s”"), title);
  set_name (self->rotate_button, _("Rotate the photo of “%s”"), title);
  set_name (self->straighten_button, _("Crop and straighten the photo of “%s”"), title);
  set_name (self->remove_button, _("Remove the photo of “%s”"), title);
  set_name (self->compare_button, _("Show the original photo of “%s”"), title);
  set_name (self->ack_check, _("Use the photo of “%s” despite the warnings"), title);
  set_name (self->findings_list, _("Problems found in the photo of “%s”"), title);
  gtk_widget_set_tooltip_text (self->more_button, more);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, more, -1);
}

static void
update_state (RsPhotoSlot *self)
{
  gboolean filled = self->texture != NULL;
  gboolean checked = slot_is_checked (self);
  gboolean warnings = checked && has_status (self->report, RS_CHECK_WARN);
  gboolean failure = checked && has_failure (self);
  gboolean comparing = gtk_toggle_button_get_active (self->compare_button);
  RsQuad quad;
  g_autofree char *a11y = NULL;

  gtk_stack_set_visible_child_name (self->visual_stack, filled ? "photo" : "example");
  if (comparing && self->original_texture != NULL)
    rs_photo_preview_set_photo (self->preview, self->original_texture, self->original_report);
  else
    rs_photo_preview_set_photo (self->preview, self->texture, checked ? self->report : NULL);

  gtk_widget_set_visible (self->busy_box, self->busy);
  gtk_widget_set_visible (self->before_label, comparing && self->original_texture != NULL);
  gtk_spinner_set_spinning (self->spinner, self->busy);

  gtk_widget_set_visible (self->rotate_button, filled);
  gtk_widget_set_visible (self->straighten_button,
                          checked && rs_photo_report_get_document_quad (self->report, &quad) &&
                          rs_photo_report_get_cut_corners (self->report) == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_button), filled && self->original_texture != NULL);
  gtk_widget_set_visible (self->remove_button, filled);
  gtk_widget_set_visible (self->more_button, filled);
  gtk_widget_set_sensitive (self->rotate_button, !self->busy);
  gtk_widget_set_sensitive (self->straighten_button, !self->busy);
  gtk_button_set_label (GTK_BUTTON (self->choose_button),
                        filled ? _("_Replace…") : _("_Choose File…"));
  update_names (self, filled);

  gtk_label_set_text (self->error_label, self->error ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);

  if (checked)
    {
      const char *guidance = self->duplicate_of
        ? _("Use a different photo: the same photo is used for two items.")
        : self->mismatch != NULL && !has_status (self->report, RS_CHECK_FAIL)
        ? _("The details you typed differ from this photo: correct them on the Details step, or use a photo of the right document.")
        : rs_photo_report_get_guidance (self->report);
      gtk_label_set_text (self->guidance_label, guidance);
      gtk_widget_set_visible (GTK_WIDGET (self->guidance_label), guidance != NULL && *guidance);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->guidance_label), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->ack_check), warnings && !failure);
  if (gtk_check_button_get_active (self->ack_check) != self->acknowledged)
    gtk_check_button_set_active (self->ack_check, self->acknowledged);

  if (self->busy)
    set_status (self, "content-loading-symbolic", "dim-label", _("Checking…"));
  else if (!filled && self->error != NULL)
    set_status (self, "dialog-error-symbolic", "error", _("Problem"));
  else if (!filled)
    /* Not list-add: a plus reads as a button, and this is only a status. */
    set_status (self, "image-x-generic-symbolic", "dim-label", _("Photo needed"));
  else if (failure && self->mismatch != NULL && self->duplicate_of == NULL &&
           !has_status (self->report, RS_CHECK_FAIL))
    set_status (self, "dialog-error-symbolic", "error", _("Details differ"));
  else if (failure)
    set_status (self, "dialog-error-symbolic", "error", _("Needs a new photo"));
  else if (warnings && !self->acknowledged)
    set_status (self, "dialog-warning-symbolic", "warning", _("Check the warnings"));
  else if (warnings)
    set_status (self, "emblem-ok-symbolic", "success", _("Accepted with warnings"));
  else
    set_status (self, "emblem-ok-symbolic", "success", _("Good"));

  /* One accessible description for the whole slot: name and state. */
  a11y = g_strdup_printf ("%s: %s", self->title ? self->title : "",
                          gtk_label_get_text (self->status_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);

  update_findings (self);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RsPhotoSlot   *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        g_ptr_array_add (files, g_object_ref (l->data));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GFile *file = g_value_get_object (value);
      if (file != NULL)
        g_ptr_array_add (files, g_object_ref (file));
    }

  if (files->len == 0)
    return FALSE;
  g_signal_emit (self, signals[FILES_DROPPED], 0, files);
  return TRUE;
}

static void
on_ack_toggled (GtkCheckButton *check,
                RsPhotoSlot    *self)
{
  gboolean active = gtk_check_button_get_active (check);

  if (active == self->acknowledged)
    return;
  self->acknowledged = active;
  update_state (self);
  g_signal_emit (self, signals[ACKNOWLEDGED_CHANGED], 0);
}

static void
on_compare_toggled (GtkToggleButton *button,
                    RsPhotoSlot     *self)
{
  update_state (self);
}

static void
rs_photo_slot_dispose (GObject *object)
{
  RsPhotoSlot *self = RS_PHOTO_SLOT (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RS_TYPE_PHOTO_SLOT);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->file);
  g_clear_object (&self->texture);
  g_clear_object (&self->report);
  g_clear_object (&self->original_texture);
  g_clear_object (&self->original_report);

  G_OBJECT_CLASS (rs_photo_slot_parent_class)->dispose (object);
}

static void
rs_photo_slot_finalize (GObject *object)
{
  RsPhotoSlot *self = RS_PHOTO_SLOT (object);

  g_free (self->slot_id);
  g_free (self->title);
  g_free (self->error);
  g_free (self->duplicate_of);
  g_free (self->mismatch);
  g_free (self->mismatch_field);
  g_free (self->mismatch_label);
  g_ptr_array_unref (self->shown_ids);

  G_OBJECT_CLASS (rs_photo_slot_parent_class)->finalize (object);
}

static void
rs_photo_slot_class_init (RsPhotoSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rs_photo_slot_dispose;
  object_class->finalize = rs_photo_slot_finalize;

  /**
   * RsPhotoSlot::files-dropped:
   * @files: a GPtrArray of GFile, in the order dropped
   */
  signals[FILES_DROPPED] = g_signal_new ("files-dropped",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[ACKNOWLEDGED_CHANGED] = g_signal_new ("acknowledged-changed",
                                                G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);

  g_type_ensure (RS_TYPE_PHOTO_PREVIEW);
  g_type_ensure (RS_TYPE_SLOT_EXAMPLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/resubmit/Resubmit/widgets/rs-photo-slot.ui");
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, title_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, status_icon);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, status_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, description_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, visual_stack);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, example);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, preview);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, busy_box);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, before_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, spinner);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, busy_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, take_photo_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, rotate_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, straighten_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, compare_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, remove_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, more_button);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, more_popover);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, error_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, retake_label);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, findings_list);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, passed_expander);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, passed_list);
  gtk_widget_class_bind_template_child (widget_class, RsPhotoSlot, ack_check);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rs-photo-slot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rs_photo_slot_init (RsPhotoSlot *self)
{
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  self->shown_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->ack_check, "toggled", G_CALLBACK (on_ack_toggled), self);
  g_signal_connect (self->compare_button, "toggled", G_CALLBACK (on_compare_toggled), self);
  /* Menu entries are plain buttons (so each can carry the slot in its
   * name); they close the menu like menu items do. */
  g_signal_connect_swapped (self->rotate_button, "clicked", G_CALLBACK (gtk_popover_popdown), self->more_popover);
  g_signal_connect_swapped (self->straighten_button, "clicked", G_CALLBACK (gtk_popover_popdown), self->more_popover);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (gtk_popover_popdown), self->more_popover);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
rs_photo_slot_new (const char *slot_id,
                   const char *title,
                   const char *description)
{
  RsPhotoSlot *self;
  GtkWidget *actionables[5];

  g_return_val_if_fail (slot_id != NULL, NULL);

  self = g_object_new (RS_TYPE_PHOTO_SLOT, NULL);
  self->slot_id = g_strdup (slot_id);
  self->title = g_strdup (title ? title : slot_id);
  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);
  rs_slot_example_set_slot (self->example, slot_id);
  rs_photo_preview_set_enlarge_title (self->preview, self->title);

  /* Every button acts on this slot. */
  actionables[0] = self->choose_button;
  actionables[1] = self->take_photo_button;
  actionables[2] = self->rotate_button;
  actionables[3] = self->straighten_button;
  actionables[4] = self->remove_button;
  for (guint i = 0; i < G_N_ELEMENTS (actionables); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (actionables[i]), "s", slot_id);

  update_state (self);
  return GTK_WIDGET (self);
}

const char *
rs_photo_slot_get_slot_id (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->slot_id;
}

void
rs_photo_slot_set_example (RsPhotoSlot *self,
                           const char  *example_id)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));
  rs_slot_example_set_slot (self->example, example_id ? example_id : self->slot_id);
}

const char *
rs_photo_slot_get_title (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->title;
}

void
rs_photo_slot_set_photo (RsPhotoSlot   *self,
                         GFile         *file,
                         GdkTexture    *texture,
                         RsPhotoReport *report,
                         GdkTexture    *original_texture,
                         RsPhotoReport *original_report)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  g_set_object (&self->file, file);
  g_set_object (&self->texture, texture);
  g_set_object (&self->report, report);
  g_set_object (&self->original_texture, original_texture);
  g_set_object (&self->original_report, original_report);
  gtk_toggle_button_set_active (self->compare_button, FALSE);
  update_state (self);
}

GFile *
rs_photo_slot_get_file (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->file;
}

GdkTexture *
rs_photo_slot_get_texture (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->texture;
}

RsPhotoReport *
rs_photo_slot_get_report (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->report;
}

GdkTexture *
rs_photo_slot_get_original_texture (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->original_texture;
}

RsPhotoReport *
rs_photo_slot_get_original_report (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->original_report;
}

gboolean
rs_photo_slot_get_has_original (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);
  return self->original_texture != NULL;
}

void
rs_photo_slot_set_comparing (RsPhotoSlot *self,
                             gboolean     comparing)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));
  gtk_toggle_button_set_active (self->compare_button,
                                comparing && self->original_texture != NULL);
}

gboolean
rs_photo_slot_get_comparing (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);
  return gtk_toggle_button_get_active (self->compare_button);
}

void
rs_photo_slot_set_busy (RsPhotoSlot *self,
                        gboolean     busy,
                        const char  *what)
{
  gboolean was_busy;

  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  was_busy = self->busy;
  self->busy = !!busy;
  gtk_label_set_text (self->busy_label, what ? what : _("Checking the photo…"));
  update_state (self);

  /* The verdict of a check the user started from this slot (the focus is
   * in it: not a resumed session's photos checked in the background). */
  if (was_busy && !self->busy && slot_is_checked (self))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        {
          const char *guidance = rs_photo_slot_get_guidance (self);
          g_autofree char *message = NULL;

          /* Translators: a photo slot's title, its verdict, then what to do. */
          message = guidance != NULL
                    ? g_strdup_printf (_("%s: %s. %s"), self->title ? self->title : "",
                                       gtk_label_get_text (self->status_label), guidance)
                    : g_strdup_printf (_("%s: %s"), self->title ? self->title : "",
                                       gtk_label_get_text (self->status_label));
          rs_a11y_announce (GTK_WIDGET (self), message);
        }
    }
}

gboolean
rs_photo_slot_get_busy (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);
  return self->busy;
}

void
rs_photo_slot_set_error (RsPhotoSlot *self,
                         const char  *message)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  g_free (self->error);
  self->error = g_strdup (message);
  update_state (self);
}

const char *
rs_photo_slot_get_error (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->error;
}

void
rs_photo_slot_set_duplicate_of (RsPhotoSlot *self,
                                const char  *other_title)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  if (g_strcmp0 (self->duplicate_of, other_title) == 0)
    return;
  g_free (self->duplicate_of);
  self->duplicate_of = g_strdup (other_title);
  update_state (self);
}

void
rs_photo_slot_set_details_mismatch (RsPhotoSlot *self,
                                    const char  *message,
                                    const char  *field,
                                    const char  *field_label)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  if (g_strcmp0 (self->mismatch, message) == 0 &&
      g_strcmp0 (self->mismatch_field, field) == 0 &&
      g_strcmp0 (self->mismatch_label, field_label) == 0)
    return;
  g_free (self->mismatch);
  g_free (self->mismatch_field);
  g_free (self->mismatch_label);
  self->mismatch = g_strdup (message);
  self->mismatch_field = message != NULL ? g_strdup (field) : NULL;
  self->mismatch_label = message != NULL ? g_strdup (field_label) : NULL;
  update_state (self);
}

const char *
rs_photo_slot_get_details_mismatch (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->mismatch;
}

gboolean
rs_photo_slot_get_is_duplicate (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);
  return self->duplicate_of != NULL;
}

void
rs_photo_slot_set_rejection_first (RsPhotoSlot *self,
                                   gboolean     rejection_first)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  rejection_first = !!rejection_first;
  if (self->rejection_first == rejection_first)
    return;
  self->rejection_first = rejection_first;
  update_findings (self);
}

void
rs_photo_slot_set_acknowledged (RsPhotoSlot *self,
                                gboolean     acknowledged)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));

  acknowledged = !!acknowledged;
  if (self->acknowledged == acknowledged)
    return;
  /* The check button's handler updates the state and emits. */
  gtk_check_button_set_active (self->ack_check, acknowledged);
}

gboolean
rs_photo_slot_get_acknowledged (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);
  return self->acknowledged;
}

const char **
rs_photo_slot_get_warning_ids (RsPhotoSlot *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);

  n = self->report ? rs_photo_report_get_n_findings (self->report) : 0;
  for (guint i = 0; i < n; i++)
    {
      const RsPhotoFinding *f = rs_photo_report_get_finding (self->report, i);
      if (f->status == RS_CHECK_WARN)
        g_ptr_array_add (ids, (gpointer) f->id);
    }
  g_ptr_array_add (ids, NULL);
  return (const char **) g_ptr_array_free (ids, FALSE);
}

void
rs_photo_slot_set_camera_available (RsPhotoSlot *self,
                                    gboolean     available)
{
  g_return_if_fail (RS_IS_PHOTO_SLOT (self));
  gtk_widget_set_visible (self->take_photo_button, available);
}

gboolean
rs_photo_slot_get_ready (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);

  if (self->texture == NULL || !slot_is_checked (self) || has_failure (self))
    return FALSE;
  if (rs_photo_report_get_verdict (self->report) == RS_CHECK_FAIL)
    return FALSE;
  return !has_status (self->report, RS_CHECK_WARN) || self->acknowledged;
}

RsPhotoPreview *
rs_photo_slot_get_preview (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);
  return self->preview;
}

char **
rs_photo_slot_dup_shown_finding_ids (RsPhotoSlot *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);

  for (guint i = 0; i < self->shown_ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->shown_ids, i));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

const char *
rs_photo_slot_get_guidance (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->guidance_label)))
    return NULL;
  return gtk_label_get_text (self->guidance_label);
}

gboolean
rs_photo_slot_focus (RsPhotoSlot *self)
{
  g_return_val_if_fail (RS_IS_PHOTO_SLOT (self), FALSE);
  return gtk_widget_grab_focus (self->choose_button);
}
