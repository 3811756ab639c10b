/* rs-camera-hook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-camera-hook.h"
#include "rs-camera-window.h"

typedef struct {
  GWeakRef page;
  char    *slot;
} HookData;

static void
hook_data_free (gpointer data)
{
  HookData *d = data;

  g_weak_ref_clear (&d->page);
  g_free (d->slot);
  g_free (d);
}

static void
on_captured (RsCameraWindow *window,
             const char     *path,
             HookData       *d)
{
  g_autoptr(RsPhotosPage) page = g_weak_ref_get (&d->page);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (page)
    rs_photos_page_add_files (page, &file, 1, d->slot);
}

static void
on_import_requested (RsCameraWindow *window,
                     HookData       *d)
{
  g_autoptr(RsPhotosPage) page = g_weak_ref_get (&d->page);

  if (page)
    gtk_widget_activate_action (GTK_WIDGET (page), "photos.choose", "s", d->slot);
}

static void
on_take_photo (RsPhotosPage *page,
               const char   *slot,
               gpointer      user_data)
{
  RsSession *session = rs_page_get_session (RS_PAGE (page));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  RsCameraWindow *window;
  HookData *d = g_new0 (HookData, 1);

  g_weak_ref_init (&d->page, page);
  d->slot = g_strdup (slot);

  window = rs_camera_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 rs_session_get_profile (session), slot,
                                 rs_slot_get_name_for_document (slot, rs_session_get_document_type (session)));
  g_signal_connect (window, "captured", G_CALLBACK (on_captured), d);
  g_signal_connect (window, "import-requested", G_CALLBACK (on_import_requested), d);
  g_object_set_data_full (G_OBJECT (window), "rs-camera-hook", d, hook_data_free);
  gtk_window_present (GTK_WINDOW (window));
}

void
rs_camera_hook_attach (RsPhotosPage *page)
{
  g_return_if_fail (RS_IS_PHOTOS_PAGE (page));

  rs_photos_page_set_camera_available (page, TRUE);
  g_signal_connect (page, "take-photo", G_CALLBACK (on_take_photo), NULL);
}
