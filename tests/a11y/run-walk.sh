#!/bin/sh
# run-walk.sh: runs a11y-walk.py under its own X server (big enough for
# full-HD screenshots) and its own session bus, on which the AT-SPI bus
# (at-spi2-core's launcher and registry) is activated.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
here=$(cd "$(dirname "$0")" && pwd)

# Debian's python3-pyatspi/python3-gi are for /usr/bin/python3.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
for tool in xvfb-run dbus-run-session; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (build-aux/dev setup installs it)"
    exit 77
  fi
done
if [ ! -e /usr/libexec/at-spi-bus-launcher ]; then
  echo "SKIP: at-spi2-core is not installed (build-aux/dev setup installs it)"
  exit 77
fi

exec xvfb-run -a -s '-screen 0 1920x1200x24 -noreset' \
  dbus-run-session -- "$python" "$here/a11y-walk.py" "$@"
