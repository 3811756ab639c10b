/* rs-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-settings.h"

GSettings *
rs_settings_get_default (void)
{
  static GSettings *settings;
  static gboolean looked_up;

  if (!looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked_up = TRUE;
      /* g_settings_new() aborts on a missing schema; look it up first. */
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
    }

  return settings;
}
