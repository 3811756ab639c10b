/* rs-ack.h: the keys under which the session stores acknowledged warnings.
 *
 * One place builds them, so that the pages, the export and the draft agree.
 * The stored form is part of the draft format and stays as it was:
 * "photo:<slot>:<check-id>", "details:<field or record>:<issue-id>" and
 * "confirm:<id>".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-session.h"

G_BEGIN_DECLS

/* Field name used for issues about the details as a whole. */
#define RS_ACK_DETAILS_RECORD "record"

/* Newly allocated keys. */
char    *rs_ack_photo_key       (const char *slot,
                                 const char *check_id);
/* @field NULL: the record as a whole. */
char    *rs_ack_details_key     (const char *field,
                                 const char *issue_id);

gboolean rs_ack_is_details_key  (const char *key);

/* Whether @session acknowledges the warning @check_id of @slot's photo. */
gboolean rs_ack_photo_get       (RsSession  *session,
                                 const char *slot,
                                 const char *check_id);
void     rs_ack_photo_set       (RsSession  *session,
                                 const char *slot,
                                 const char *check_id,
                                 gboolean    acknowledged);
/* Drops every acknowledgement given for @slot's photo (a new photo). */
void     rs_ack_photo_clear     (RsSession  *session,
                                 const char *slot);

G_END_DECLS
