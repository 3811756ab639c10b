/* rs-eval-truth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rs-eval-truth.h"

gboolean
rs_eval_read_truth (const char *json_path,
                    int         image_width,
                    RsQuad     *quad,
                    GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *q;
  double scale = 1.0;

  if (!json_parser_load_from_file (parser, json_path, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || !json_object_has_member (root, "quad"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no \"quad\" member", json_path);
      return FALSE;
    }
  q = json_object_get_array_member (root, "quad");
  if (q == NULL || json_array_get_length (q) != 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: \"quad\" needs 4 points", json_path);
      return FALSE;
    }
  if (image_width > 0 && json_object_has_member (root, "width") &&
      json_object_get_double_member (root, "width") > 0)
    scale = image_width / json_object_get_double_member (root, "width");
  for (guint i = 0; i < 4; i++)
    {
      JsonArray *pt = json_array_get_array_element (q, i);

      quad->p[i].x = json_array_get_double_element (pt, 0) * scale;
      quad->p[i].y = json_array_get_double_element (pt, 1) * scale;
    }
  return TRUE;
}
