#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh SOURCE_ROOT [--sources]
#
# Fails when po/zh_CN.po is broken, has untranslated or fuzzy messages.  With
# --sources it first merges the catalogue with a template extracted from
# po/POTFILES.in right now, so that strings added to the code but not yet to
# zh_CN.po count as untranslated too.
set -eu

root=$1
mode=${2:-}
po=$root/po/zh_CN.po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

export LC_ALL=C

if [ "$mode" = "--sources" ]; then
  # The same keywords as meson's i18n.gettext(preset: 'glib').
  (cd "$root" && xgettext --from-code=UTF-8 --add-comments --package-name=resubmit \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
      --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
      --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
      --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
      --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
      --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
      --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
      --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
      --files-from=po/POTFILES.in --output="$tmp/resubmit.pot")
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/zh_CN.po" "$po" "$tmp/resubmit.pot"
  po=$tmp/zh_CN.po
  what="zh_CN.po merged with the current sources"
else
  what="zh_CN.po"
fi

if ! stats=$(msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1); then
  echo "$what: msgfmt --check failed:"
  echo "$stats"
  exit 1
fi
echo "$what: $stats"

status=0
case $stats in
  *untranslated*)
    echo "Untranslated messages (run build-aux/update-po, then translate them in po/zh_CN.po):"
    msgattrib --untranslated --no-obsolete --no-wrap "$po" | grep '^msgid ' | tail -n +2
    status=1
    ;;
esac
case $stats in
  *fuzzy*)
    echo "Fuzzy messages (check the translation, then remove the fuzzy flag):"
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | grep '^msgid ' | tail -n +2
    status=1
    ;;
esac
exit $status
