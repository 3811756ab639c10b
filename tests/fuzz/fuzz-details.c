/* fuzz-details.c: details records (rs_details_from_data + rs_details_check),
 * and every document number and MRZ validator on the same bytes as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-fuzz.h"
#include "rs-validate.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GDateTime *now;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *text = NULL;
  const char * const *types = rs_validate_id_types ();

  if (now == NULL)
    now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);

  fields = rs_details_from_data ((const char *) data, (gssize) size, &type, &error);
  if (fields != NULL)
    {
      g_autoptr(RsDetailsCheck) check = rs_details_check (type, fields, NULL, now);
      g_autoptr(JsonNode) node = rs_details_check_to_json (check, "fuzz");

      g_assert (node != NULL);
    }

  /* As typed text: what a user may paste into any box. */
  text = g_strndup ((const char *) data, size);
  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autoptr(RsValidation) v = rs_validate_id (types[i], text, now);

      g_assert (v != NULL);
    }
  {
    g_autoptr(RsValidation) mrz = rs_validate_mrz_text (text, now);
    g_autoptr(RsValidation) phone = rs_validate_phone (text);
    g_autoptr(RsValidation) email = rs_validate_email (text);

    g_assert (mrz != NULL && phone != NULL && email != NULL);
  }
  return 0;
}
