/* rs-ack.c: the keys under which the session stores acknowledged warnings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-ack.h"

#define PHOTO_PREFIX   "photo:"
#define DETAILS_PREFIX "details:"

char *
rs_ack_photo_key (const char *slot,
                  const char *check_id)
{
  g_return_val_if_fail (slot != NULL && check_id != NULL, NULL);
  return g_strconcat (PHOTO_PREFIX, slot, ":", check_id, NULL);
}

char *
rs_ack_details_key (const char *field,
                    const char *issue_id)
{
  g_return_val_if_fail (issue_id != NULL, NULL);
  return g_strconcat (DETAILS_PREFIX, field != NULL ? field : RS_ACK_DETAILS_RECORD,
                      ":", issue_id, NULL);
}

gboolean
rs_ack_is_details_key (const char *key)
{
  return key != NULL && g_str_has_prefix (key, DETAILS_PREFIX);
}

gboolean
rs_ack_photo_get (RsSession  *session,
                  const char *slot,
                  const char *check_id)
{
  g_autofree char *key = rs_ack_photo_key (slot, check_id);

  g_return_val_if_fail (RS_IS_SESSION (session), FALSE);
  return rs_session_is_acknowledged (session, key);
}

void
rs_ack_photo_set (RsSession  *session,
                  const char *slot,
                  const char *check_id,
                  gboolean    acknowledged)
{
  g_autofree char *key = rs_ack_photo_key (slot, check_id);

  g_return_if_fail (RS_IS_SESSION (session));
  rs_session_set_acknowledged (session, key, acknowledged);
}

void
rs_ack_photo_clear (RsSession  *session,
                    const char *slot)
{
  g_autofree char *prefix = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_if_fail (RS_IS_SESSION (session));
  g_return_if_fail (slot != NULL);

  prefix = g_strconcat (PHOTO_PREFIX, slot, ":", NULL);
  keys = rs_session_list_acknowledged (session);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (g_str_has_prefix (keys[i], prefix))
      rs_session_set_acknowledged (session, keys[i], FALSE);
}
