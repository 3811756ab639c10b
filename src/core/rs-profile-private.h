/* rs-profile-private.h: the profile object's fields and the helpers its
 * files share (rs-profile.c, rs-profile-parse.c, rs-profile-load.c).
 * Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rs-profile.h"

G_BEGIN_DECLS

struct _RsProfile
{
  GObject     parent_instance;

  char       *id;
  int         version;
  char       *source;
  GHashTable *names;     /* language → name */
  GPtrArray  *documents; /* RsProfileDocument* */
  gboolean    selfie_required;
  gboolean    selfie_with_document;
  double      selfie_min_face_percent;
  char      **formats;
  gint64      max_bytes;
  int         min_short_side;
  int         max_long_side;
  gboolean    color_required;
  double      min_margin_percent;
  double      max_skew_degrees;
  int         min_age;
  int         min_days_valid;
};

G_END_DECLS
