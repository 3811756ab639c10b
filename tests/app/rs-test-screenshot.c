/* rs-test-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "rs-i18n.h"
#include "rs-test-screenshot.h"
#include "rs-test-fixtures.h"

#define IGNORE_KEY "rs-test-translation-ignore"

static char *config_dir;
static char *temp_base;

/* Latin words that are fine in Chinese text: names, acronyms, formats. */
static const char * const allowed_words[] = {
  "OKX", "ID", "MRZ", "JPEG", "JPG", "PNG", "HEIC", "WebP", "PDF", "ZIP",
  "e", "mail", "email", "KYC", "SHA", "MB", "KB", "GB", "px", "USB",
  "Wi", "Fi", "OK", "HKID", "QR", "GNOME", "DPI", "EXIF", "GPS", "UTC",
  /* Key names stay Latin on Chinese keyboards and in Chinese UIs. */
  "Alt", "Ctrl", "Shift", "Enter", "Esc", "Tab",
  /* Date format placeholders, as in 年-月-日（YYYY-MM-DD）. */
  "YYYY", "MM", "DD",
  NULL
};

static void
set_temp_xdg_dir (const char *variable,
                  const char *base)
{
  g_autofree char *dir = g_build_filename (base, variable, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_setenv (variable, dir, TRUE);
  if (g_str_equal (variable, "XDG_CONFIG_HOME"))
    config_dir = g_steal_pointer (&dir);
}

/* The temporary XDG dirs hold drafts and profiles the tests wrote. */
static void
remove_temp_base (void)
{
  if (temp_base != NULL && g_getenv ("RS_TEST_KEEP_TEMP") == NULL)
    rs_test_remove_tree (temp_base);
}

/* GTK 4.8's own file chooser (the tests have no portal, so "Choose…" opens
 * it) can show or hide a child between its layout and its drawing, and GTK
 * then warns "Trying to snapshot GtkButton 0x… without a current allocation"
 * for that frame.  A slow run (the sanitizer build) hits it now and then.
 * Such a warning from inside GTK's chooser is not ours to fix, so it is let
 * through; the same warning about any of our widgets stays fatal, and names
 * the widget's ancestry so that the next failure says where it was. */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  char type_name[128];
  void *pointer = NULL;
  GtkWidget *widget;

  if (g_strcmp0 (log_domain, "Gtk") != 0 || message == NULL ||
      sscanf (message, "Trying to snapshot %127s %p without a current allocation",
              type_name, &pointer) != 2 || pointer == NULL)
    return TRUE;

  /* GTK is drawing this widget as it warns: the pointer is alive. */
  widget = pointer;
  if (!GTK_IS_WIDGET (widget))
    return TRUE;
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_FILE_CHOOSER_WIDGET) != NULL)
    return FALSE;

  g_printerr ("the widget without an allocation, and its ancestors:\n");
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_printerr ("  %s \"%s\"\n", G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w));
  return TRUE;
}

void
rs_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  /* Before anything asks GLib for the user dirs (it caches them). */
  base = g_dir_make_tmp ("resubmit-test-XXXXXX", &error);
  g_assert_no_error (error);
  set_temp_xdg_dir ("XDG_DATA_HOME", base);
  set_temp_xdg_dir ("XDG_CACHE_HOME", base);
  set_temp_xdg_dir ("XDG_CONFIG_HOME", base);
  temp_base = g_strdup (base);
  atexit (remove_temp_base);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  rs_i18n_init ();
  g_test_init (argc, argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  gtk_init ();
  adw_init ();

  /* Tests look at the end state, not at transitions. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

const char *
rs_test_get_config_dir (void)
{
  return config_dir;
}

gboolean
rs_test_is_chinese (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language != NULL && g_str_has_prefix (language, "zh");
}

const char *
rs_test_get_lang (void)
{
  return rs_test_is_chinese () ? "zh_CN" : "en";
}

static gboolean
timeout_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
rs_test_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
rs_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return condition (data);
      rs_test_wait (10);
    }
  return TRUE;
}

static gboolean
widget_mapped_cond (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

gboolean
rs_test_wait_mapped (GtkWidget *widget,
                     guint      timeout_ms)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  return rs_test_wait_until (widget_mapped_cond, widget, timeout_ms);
}

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_cond (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
rs_test_wait_frame (GtkWidget *widget,
                    guint      timeout_ms)
{
  gboolean ticked = FALSE;
  guint id;
  gboolean done;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  id = gtk_widget_add_tick_callback (widget, frame_tick_cb, &ticked, NULL);
  gtk_widget_queue_draw (widget);
  done = rs_test_wait_until (flag_cond, &ticked, timeout_ms);
  if (!ticked)
    gtk_widget_remove_tick_callback (widget, id);
  return done;
}

static gboolean
flag_set_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
rs_test_wait_idle (guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean done = FALSE;
  guint id;

  /* A low-priority idle runs once everything ready at a higher priority
   * (GTK's layout and drawing, default idles, finished tasks) has run; a
   * running animation does not keep it waiting, as it only wakes up per
   * frame. */
  id = g_idle_add_full (G_PRIORITY_LOW, flag_set_cb, &done, NULL);
  while (!done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (id);
  return done;
}

typedef struct {
  GtkWidget *chooser;
  GFile     *file;
} ChooserWait;

static gboolean
chooser_folder_cond (gpointer data)
{
  ChooserWait *w = data;
  g_autoptr(GFile) current = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (w->chooser));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return current != NULL && g_file_equal (current, w->file);
}

static gboolean
chooser_file_cond (gpointer data)
{
  ChooserWait *w = data;
  g_autoptr(GFile) chosen = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (w->chooser));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return chosen != NULL && g_file_equal (chosen, w->file);
}

gboolean
rs_test_wait_chooser_folder (GtkWidget *chooser,
                             GFile     *folder,
                             guint      timeout_ms)
{
  ChooserWait w = { chooser, folder };

  return rs_test_wait_until (chooser_folder_cond, &w, timeout_ms) && rs_test_wait_idle (timeout_ms);
}

gboolean
rs_test_wait_chooser_file (GtkWidget *chooser,
                           GFile     *file,
                           guint      timeout_ms)
{
  ChooserWait w = { chooser, file };

  return rs_test_wait_until (chooser_file_cond, &w, timeout_ms) && rs_test_wait_idle (timeout_ms);
}

GtkWidget *
rs_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *name)
{
  if (root == NULL)
    return NULL;

  if ((type == G_TYPE_NONE || G_TYPE_CHECK_INSTANCE_TYPE (root, type)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rs_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

GtkWidget *
rs_test_find_button_by_label (GtkWidget  *root,
                              const char *label)
{
  if (root == NULL)
    return NULL;

  if (GTK_IS_BUTTON (root))
    {
      g_autofree char *text = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (root)));
      GtkWidget *inner = rs_test_find_widget (root, GTK_TYPE_LABEL, NULL);

      if (g_strcmp0 (text, label) == 0)
        return root;
      if (inner != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (inner)), label) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rs_test_find_button_by_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

AdwMessageDialog *
rs_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return (rs_test_find_message_dialog () != NULL) == GPOINTER_TO_INT (data);
}

gboolean
rs_test_wait_message_dialog (gboolean shown,
                             guint    timeout_ms)
{
  return rs_test_wait_until (dialog_shown, GINT_TO_POINTER (!!shown), timeout_ms);
}

void
rs_test_message_dialog_click (AdwMessageDialog *dialog,
                              const char       *response)
{
  g_autofree char *label = NULL;
  GtkWidget *button;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (dialog, response));

  label = strip_mnemonic (adw_message_dialog_get_response_label (dialog, response));
  button = rs_test_find_button_by_label (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

static char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("RS_SCREENSHOT_DIR");
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  if (builddir != NULL && *builddir != '\0')
    return g_build_filename (builddir, "app", "screenshots", NULL);
  return g_build_filename (g_get_current_dir (), "screenshots", NULL);
}

char *
rs_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = screenshot_dir ();
  g_autofree char *file = NULL;
  GtkSnapshot *snapshot;
  GtkWidget *toplevel;
  GskRenderer *renderer;
  char *path;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  /* The surface the widget is drawn on: its window, or its popover. */
  toplevel = GTK_WIDGET (gtk_widget_get_native (widget));
  g_assert_nonnull (toplevel);
  g_assert_true (rs_test_wait_until (is_drawn, toplevel, 30000));
  /* The paintable renders its image from an idle: create it before letting
   * pending layout, idles and resizes settle, or a window that redraws all
   * the time (the live camera) gives an empty picture. */
  paintable = gtk_widget_paintable_new (toplevel);
  rs_test_wait (150);

  width = gtk_widget_get_width (toplevel);
  height = gtk_widget_get_height (toplevel);

  /* On a slow run (valgrind) the image may not be there yet: give it
   * some more frames before calling it empty. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      if (attempt > 0)
        rs_test_wait (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (toplevel));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strdup_printf ("%s-%s.png", name, rs_test_get_lang ());
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return path;
}

static void
collect (GtkWidget *widget,
         GPtrArray *texts)
{
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (g_object_get_data (G_OBJECT (widget), IGNORE_KEY) != NULL)
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        g_ptr_array_add (texts, g_strdup (text));
    }
  if (GTK_IS_WINDOW (widget))
    {
      const char *title = gtk_window_get_title (GTK_WINDOW (widget));

      if (title != NULL && *title != '\0')
        g_ptr_array_add (texts, g_strdup (title));
    }

  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL && *tooltip != '\0')
    g_ptr_array_add (texts, g_strdup (tooltip));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, texts);
}

GPtrArray *
rs_test_collect_visible_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GTK_IS_WIDGET (root), texts);

  collect (root, texts);
  return texts;
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *clashes)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other;

      if (key != GDK_KEY_VoidSymbol)
        {
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));
          if (other != NULL)
            g_string_append_printf (clashes, "\n  “%s” and “%s” (Alt+%s)", other, text,
                                    gdk_keyval_name (key));
          else
            g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes);
}

/* Every mnemonic shown under @root (the view the user sees now: hidden
 * stack pages and popovers are not mapped) is a different key. */
void
rs_test_assert_mnemonics_unique (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GString) clashes = g_string_new (NULL);

  g_return_if_fail (GTK_IS_WIDGET (root));

  collect_mnemonics (root, seen, clashes);
  if (clashes->len > 0)
    g_error ("mnemonics used twice in one view (%s):%s", rs_test_get_lang (), clashes->str);
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
}

/* The chain of widest children down from @widget: what keeps a window
 * from getting narrower. */
static void
describe_widest (GtkWidget *widget,
                 GString   *out,
                 guint      depth)
{
  GtkWidget *widest = NULL;
  int widest_min = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > widest_min)
        {
          widest = child;
          widest_min = min;
        }
    }
  if (widest == NULL || depth > 40)
    return;
  g_string_append_printf (out, "\n  %*s%s#%s %d px", (int) depth, "",
                          G_OBJECT_TYPE_NAME (widest), gtk_widget_get_name (widest), widest_min);
  if (GTK_IS_LABEL (widest))
    g_string_append_printf (out, " “%s”", gtk_label_get_text (GTK_LABEL (widest)));
  describe_widest (widest, out, depth + 1);
}

/* @root (a window) can be made @width pixels wide: its minimum width,
 * as GTK measures it, is no more. */
void
rs_test_assert_min_width (GtkWidget *root,
                          int        width)
{
  int min = 0;

  g_return_if_fail (GTK_IS_WIDGET (root));

  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > width)
    {
      g_autoptr(GString) chain = g_string_new (NULL);

      describe_widest (root, chain, 0);
      g_error ("%s is at least %d px wide (%s), more than %d px; widest parts:%s",
               G_OBJECT_TYPE_NAME (root), min, rs_test_get_lang (), width, chain->str);
    }
}

void
rs_test_translation_ignore (GtkWidget *widget)
{
  g_object_set_data (G_OBJECT (widget), IGNORE_KEY, GINT_TO_POINTER (TRUE));
}

/* Labels showing what the user typed or file paths are data, not UI text. */
void
rs_test_translation_ignore_data (GtkWidget *root,
                                 RsSession *session)
{
  if (GTK_IS_LABEL (root))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));
      g_auto(GStrv) fields = rs_session_list_fields (session);

      if (strchr (text, '/') != NULL || strchr (text, '@') != NULL)
        rs_test_translation_ignore (root);
      for (guint i = 0; fields[i] != NULL; i++)
        if (g_str_equal (text, rs_session_get_field (session, fields[i])))
          rs_test_translation_ignore (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rs_test_translation_ignore_data (child, session);
}

GtkWidget *
rs_test_find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

gboolean
rs_test_has_file_chooser (gpointer data)
{
  return rs_test_find_file_chooser () != NULL;
}

gboolean
rs_test_no_file_chooser (gpointer data)
{
  return rs_test_find_file_chooser () == NULL;
}

static gboolean
word_allowed (const char         *word,
              const char * const *extra_allowed)
{
  for (guint i = 0; allowed_words[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, allowed_words[i]) == 0)
      return TRUE;
  for (guint i = 0; extra_allowed != NULL && extra_allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, extra_allowed[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The first Latin word of two or more letters that is not allowed, or NULL. */
static char *
find_latin_word (const char         *text,
                 const char * const *extra_allowed)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;

      if (!g_ascii_isalpha (*p))
        {
          p++;
          continue;
        }

      start = p;
      while (g_ascii_isalpha (*p))
        p++;
      if (p - start < 2)
        continue;

      word = g_strndup (start, p - start);
      if (!word_allowed (word, extra_allowed))
        return g_steal_pointer (&word);
    }

  return NULL;
}

GPtrArray *
rs_test_list_untranslated (GtkWidget          *root,
                           const char * const *extra_allowed)
{
  g_autoptr(GPtrArray) texts = NULL;
  GPtrArray *bad = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GTK_IS_WIDGET (root), bad);

  texts = rs_test_collect_visible_texts (root);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_autofree char *word = find_latin_word (text, extra_allowed);

      if (word != NULL)
        g_ptr_array_add (bad, g_strdup_printf ("“%s” (word “%s”)", text, word));
    }

  return bad;
}

guint
rs_test_assert_translated (GtkWidget          *root,
                           const char         *what,
                           const char * const *extra_allowed)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GString) failures = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);

  if (!rs_test_is_chinese ())
    return 0;

  texts = rs_test_collect_visible_texts (root);
  /* A screen with no text at all means the check looked at nothing. */
  g_assert_cmpuint (texts->len, >, 0);

  bad = rs_test_list_untranslated (root, extra_allowed);
  if (bad->len == 0)
    return 0;

  failures = g_string_new (NULL);
  for (guint i = 0; i < bad->len; i++)
    g_string_append_printf (failures, "\n  %s", (const char *) g_ptr_array_index (bad, i));
  g_printerr ("%s: %u untranslated text(s):%s\n", what, bad->len, failures->str);
  g_test_fail_printf ("%s: %u untranslated text(s):%s", what, bad->len, failures->str);

  return bad->len;
}

RsApplication *
rs_test_application_new (void)
{
  RsApplication *app = rs_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return app;
}

void
rs_test_application_free (RsApplication **app)
{
  if (*app == NULL)
    return;
  g_application_release (G_APPLICATION (*app));
  g_clear_object (app);
}

char *
rs_test_clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  return g_value_dup_string (&value);
}
