/* rs-slot-example.h: a small drawing of a good shot for a photo slot.
 *
 * Drawn with cairo, never a photo of a real document: a card outline with a
 * photo box and text lines (ID front), the emblem side (ID back), a passport
 * page with its two machine-readable lines, a person holding a card (selfie).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RS_TYPE_SLOT_EXAMPLE (rs_slot_example_get_type ())
G_DECLARE_FINAL_TYPE (RsSlotExample, rs_slot_example, RS, SLOT_EXAMPLE, GtkWidget)

/* @slot: an RS_SLOT_* id, or RS_SLOT_EXAMPLE_SELFIE_WITH_DOCUMENT for a
 * selfie holding the document; unknown ids draw a generic card. */
#define RS_SLOT_EXAMPLE_SELFIE_WITH_DOCUMENT "selfie-with-document"

GtkWidget  *rs_slot_example_new      (const char    *slot);
void        rs_slot_example_set_slot (RsSlotExample *self,
                                      const char    *slot);
const char *rs_slot_example_get_slot (RsSlotExample *self);

G_END_DECLS
