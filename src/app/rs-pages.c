/* rs-pages.c: the ONE place where wizard steps are registered, in order.
 *
 * Adding a step: write src/app/pages/rs-foo-page.{c,h,ui} (an RsPage
 * subclass), add the .c to src/app/meson.build, the .ui to
 * src/app/resubmit.gresource.xml, then add its include and one line to
 * the table below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rs-pages.h"
#include "rs-page.h"

#include "pages/rs-start-page.h"
#include "pages/rs-details-page.h"
#include "pages/rs-photos-page.h"
#include "pages/rs-review-page.h"
#include "pages/rs-export-page.h"
#include "camera/rs-camera-hook.h"

typedef GType (*RsPageGetType) (void);

static const RsPageGetType page_types[] = {
  rs_start_page_get_type,
  rs_details_page_get_type,
  rs_photos_page_get_type,
  rs_review_page_get_type,
  rs_export_page_get_type,
};

guint
rs_pages_get_n_pages (void)
{
  return G_N_ELEMENTS (page_types);
}

GType
rs_pages_get_page_type (guint index)
{
  GType type;

  g_return_val_if_fail (index < G_N_ELEMENTS (page_types), G_TYPE_INVALID);

  type = page_types[index] ();
  g_return_val_if_fail (g_type_is_a (type, RS_TYPE_PAGE), G_TYPE_INVALID);
  return type;
}

void
rs_pages_compose (gpointer page)
{
  g_return_if_fail (RS_IS_PAGE (page));

  if (RS_IS_PHOTOS_PAGE (page))
    rs_camera_hook_attach (RS_PHOTOS_PAGE (page));
}
