/* rs-validate-country.c: the three-letter codes an MRZ may carry as issuing
 * state or nationality (ICAO Doc 9303 part 3: ISO 3166-1 alpha-3, and the
 * codes ICAO adds for Germany, British nationals, organisations and the
 * stateless).  No check digit covers these letters, so the reader uses the
 * list to choose between look-alike glyphs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rs-validate.h"

/* Sorted (strcmp), '<' as the filler: D<< sorts first. */
static const char * const codes[] = {
  "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA",
  "ATF", "ATG", "AUS", "AUT", "AZE",
  "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR",
  "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA",
  "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL",
  "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE",
  "D<<", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA",
  "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "EUE",
  "FIN", "FJI", "FLK", "FRA", "FRO", "FSM",
  "GAB", "GBD", "GBN", "GBO", "GBP", "GBR", "GBS", "GEO", "GGY", "GHA", "GIB", "GIN",
  "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY",
  "HKG", "HMD", "HND", "HRV", "HTI", "HUN",
  "IDN", "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA",
  "JAM", "JEY", "JOR", "JPN",
  "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT",
  "LAO", "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA",
  "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT",
  "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT",
  "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL", "NRU", "NZL",
  "OMN",
  "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK", "PRT", "PRY",
  "PSE", "PYF",
  "QAT",
  "REU", "RKS", "ROU", "RUS", "RWA",
  "SAU", "SDN", "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM",
  "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR",
  "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON", "TTO", "TUN", "TUR",
  "TUV", "TWN", "TZA",
  /* UTO: Utopia, the made-up state of ICAO's specimens. */
  "UGA", "UKR", "UMI", "UNA", "UNK", "UNO", "URY", "USA", "UTO", "UZB",
  "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT",
  "WLF", "WSM",
  "XBA", "XCC", "XCE", "XCO", "XDC", "XEC", "XES", "XIM", "XMP", "XOM", "XPO", "XXA",
  "XXB", "XXC", "XXX",
  "YEM",
  "ZAF", "ZMB", "ZWE",
};

static int
compare_code (const void *a,
              const void *b)
{
  return strncmp (a, *(const char * const *) b, 3);
}

gboolean
rs_validate_mrz_country_known (const char *code)
{
  if (code == NULL || strlen (code) < 3)
    return FALSE;
  return bsearch (code, codes, G_N_ELEMENTS (codes), sizeof codes[0], compare_code) != NULL;
}

const char * const *
rs_validate_mrz_countries (guint *n_codes)
{
  *n_codes = G_N_ELEMENTS (codes);
  return codes;
}
