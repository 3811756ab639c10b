/* rs-bundle-zip.c: reading helpers shared by opening and verifying a bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <archive.h>
#include <archive_entry.h>

#include "rs-bundle-private.h"

gboolean
rs_bundle_name_is_safe (const char *name)
{
  return name != NULL && name[0] != '\0' && name[0] != '.' &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL;
}

const char *
rs_bundle_json_get_string (JsonObject *object,
                           const char *member,
                           const char *fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  /* json-glib's _with_default gives NULL for a number: check the type. */
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

gboolean
rs_bundle_zip_open (const char      *path,
                    struct archive **archive)
{
  *archive = archive_read_new ();
  archive_read_support_format_zip (*archive);
  return archive_read_open_filename (*archive, path, 65536) == ARCHIVE_OK;
}

const char *
rs_bundle_zip_entry_name (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  return name;
}
