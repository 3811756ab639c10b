/* rs-counters.c: process-wide counts of costly work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-counters.h"

static gint counters[RS_N_COUNTERS];

void
rs_counters_add (RsCounter counter)
{
  g_return_if_fail (counter < RS_N_COUNTERS);
  g_atomic_int_inc (&counters[counter]);
}

guint
rs_counters_get (RsCounter counter)
{
  g_return_val_if_fail (counter < RS_N_COUNTERS, 0);
  return (guint) g_atomic_int_get (&counters[counter]);
}

void
rs_counters_reset (void)
{
  for (int i = 0; i < RS_N_COUNTERS; i++)
    g_atomic_int_set (&counters[i], 0);
}
