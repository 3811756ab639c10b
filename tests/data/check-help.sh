#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-help.sh SOURCE_ROOT
#
# The user guide in help/: every Mallard page valid (yelp-check validate),
# every language in help/LINGUAS fully translated against the pages as they
# are now (no untranslated or fuzzy message), and each translated page,
# built with itstool as meson's gnome.yelp() does, valid too.
set -eu

root=$1
help=$root/help
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8

for tool in yelp-check itstool msgfmt msgmerge; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is not installed (build-aux/dev setup installs it)"
    exit 77
  fi
done

pages=$(sed -n "s/^ *'\([a-z0-9-]*\.page\)',\$/\1/p" "$help/meson.build")
if [ -z "$pages" ]; then
  echo "no pages listed in help/meson.build"
  exit 1
fi
# Every page in C/ is listed (else it would not be installed).
for f in "$help"/C/*.page; do
  name=$(basename "$f")
  if ! echo "$pages" | grep -qx "$name"; then
    echo "help/C/$name is not listed in help/meson.build"
    exit 1
  fi
done

status=0
(cd "$help/C" && yelp-check validate $pages) || status=1
echo "C: $(echo "$pages" | wc -l) pages validated"

(cd "$help/C" && itstool -o "$tmp/help.pot" $pages)
for lang in $(sed 's/#.*//' "$help/LINGUAS"); do
  po=$help/$lang/$lang.po
  if [ ! -f "$po" ]; then
    echo "$lang: $po is missing"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/help.pot"
  stats=$(msgfmt --check --statistics --output-file="$tmp/$lang.mo" "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      echo "$lang: translate the new or changed messages in help/$lang/$lang.po" \
           "(meson compile -C _build help-io.github.resubmit.Resubmit-update-po):"
      msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^msgid ' | tail -n +2 || true
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^msgid ' | tail -n +2 || true
      status=1
      ;;
  esac
  mkdir -p "$tmp/$lang"
  (cd "$help/C" && itstool -m "$tmp/$lang.mo" -o "$tmp/$lang" $pages)
  (cd "$tmp/$lang" && yelp-check validate $pages) || status=1
  echo "$lang: translated pages validated"
done
exit $status
