/* rs-photos-page-sources.c: where the Photos step's photos come from
 * besides drag and drop: paste, the file chooser, and files opened with
 * the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-photos-page.h"
#include "rs-photos-page-private.h"

#include <glib/gi18n.h>

#include "rs-application.h"
#include "rs-fix.h"
#include "rs-image.h"

/* Paste */

static void
save_texture_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (GDK_TEXTURE (task_data));
  GError *error = NULL;
  GFile *file = rs_fix_write_private ("pasted", "pasted", "png", png, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

static void
on_pasted_texture_saved (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  RsPhotosPage *self = RS_PHOTOS_PAGE (source);
  g_autofree char *target = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    {
      rs_photos_page_show_message (self, error->message, FALSE);
      return;
    }
  rs_photos_page_add_files (self, &file, 1, target);
}

/* An asynchronous request (paste, file chooser) aimed at a slot. */
typedef struct {
  RsPhotosPage *page;
  char         *target;
} SlotCall;

static void
slot_call_free (SlotCall *call)
{
  g_object_unref (call->page);
  g_free (call->target);
  g_free (call);
}

static void
on_clipboard_texture (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SlotCall *call = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (texture == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not paste the image: %s"), error->message);
      rs_photos_page_show_message (call->page, msg, FALSE);
      slot_call_free (call);
      return;
    }
  /* Encoding a large image takes a moment: off the main thread. */
  task = g_task_new (call->page, NULL, on_pasted_texture_saved, g_strdup (call->target));
  g_task_set_task_data (task, g_object_ref (texture), g_object_unref);
  g_task_run_in_thread (task, save_texture_thread);
  slot_call_free (call);
}

static void
on_clipboard_files (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SlotCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
      g_ptr_array_add (files, g_object_ref (l->data));

  if (files->len == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Could not paste the files: %s"),
                                              error ? error->message : _("the clipboard is empty"));
      rs_photos_page_show_message (call->page, msg, FALSE);
    }
  else
    rs_photos_page_add_files (call->page, (GFile **) files->pdata, files->len, call->target);
  slot_call_free (call);
}

void
rs_photos_page_paste (RsPhotosPage *self,
                      const char   *target_slot)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;
  SlotCall *call;

  g_return_if_fail (RS_IS_PHOTOS_PAGE (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);
  call = g_new0 (SlotCall, 1);
  call->page = g_object_ref (self);
  call->target = g_strdup (target_slot);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    NULL, on_clipboard_files, call);
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, NULL, on_clipboard_texture, call);
  else
    {
      rs_photos_page_show_message (self, _("There is no image or photo file on the clipboard to paste. Copy a photo first."), FALSE);
      slot_call_free (call);
    }
}

/* The slot the keyboard focus is in, if any. */
const char *
rs_photos_page_focused_slot_id (RsPhotosPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *slot = focus ? gtk_widget_get_ancestor (focus, RS_TYPE_PHOTO_SLOT) : NULL;

  return slot ? rs_photo_slot_get_slot_id (RS_PHOTO_SLOT (slot)) : NULL;
}

/* File chooser */


static void
add_file_list (RsPhotosPage *self,
               GListModel   *list,
               const char   *target)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = list ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (list, i));
  rs_photos_page_add_files (self, (GFile **) files->pdata, files->len, target);
}

static GtkFileFilter *
image_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/heif");
  gtk_file_filter_add_mime_type (filter, "image/heic");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "webp");
  gtk_file_filter_add_suffix (filter, "heic");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* The build pins GDK_VERSION_MAX_ALLOWED to 4.8, so newer API is marked
 * unavailable; where GtkFileDialog exists it is the right choice anyway. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_file_dialog_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SlotCall *call = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, &error);
  if (files != NULL)
    add_file_list (call->page, files, call->target);
  slot_call_free (call);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
on_file_chooser_response (GtkNativeDialog *dialog,
                          int              response,
                          SlotCall      *call)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      add_file_list (call->page, files, call->target);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  slot_call_free (call);
}
#endif

void
rs_photos_page_choose_file (RsPhotosPage *self,
                            const char   *slot_id)
{
  RsPhotoSlot *slot = rs_photos_page_find_slot (self, slot_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = image_filter ();
  g_autofree char *title = NULL;
  SlotCall *call = g_new0 (SlotCall, 1);

  call->page = g_object_ref (self);
  call->target = g_strdup (slot_id);
  title = g_strdup_printf (_("Choose a Photo: %s"),
                           slot ? rs_photo_slot_get_title (slot) : _("Photos"));

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_open_multiple (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   NULL, on_file_dialog_done, call);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *dialog;

    dialog = gtk_file_chooser_native_new (title,
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                          _("_Open"), _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
    g_signal_connect (dialog, "response", G_CALLBACK (on_file_chooser_response), call);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}

/* Files opened with the app */

void
rs_photos_page_take_pending_files (RsPhotosPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GPtrArray) files = NULL;

  if (!RS_IS_APPLICATION (app) || rs_application_get_n_pending_files (RS_APPLICATION (app)) == 0)
    return;
  files = rs_application_take_pending_files (RS_APPLICATION (app));
  rs_photos_page_add_files (self, (GFile **) files->pdata, files->len, NULL);
}

void
rs_photos_page_files_opened (GApplication *app,
                             RsPhotosPage *self)
{
  /* Only while the step is on screen: the slots depend on the document
   * chosen on earlier steps.  Otherwise they wait for shown(). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rs_photos_page_take_pending_files (self);
}
