/* rs-json.h: loading JSON the core parses, with the checks json-glib lacks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RS_JSON_ERROR (rs_json_error_quark ())

typedef enum {
  RS_JSON_ERROR_EMPTY,     /* no value at all */
  RS_JSON_ERROR_TOO_DEEP,  /* nested deeper than RS_JSON_MAX_DEPTH */
  RS_JSON_ERROR_NUL,       /* a NUL character, raw or as \u0000 */
} RsJsonError;

/* Nothing Resubmit writes or reads nests deeper than 6 levels; json-glib
 * recurses once per level and overflows the stack at about 80,000. */
#define RS_JSON_MAX_DEPTH 64

GQuark   rs_json_error_quark (void);

gboolean rs_json_check       (const char  *data,
                              gsize        length,
                              GError     **error);
gboolean rs_json_load        (JsonParser  *parser,
                              const char  *data,
                              gsize        length,
                              GError     **error);

G_END_DECLS
