#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-desktop.py DESKTOP METAINFO MIME_XML APP_ID: the launcher of a build
profile is named and iconed by its app id and registers for exactly the types
the MIME package defines (bundles), which are the metainfo's media types: no
image type, so the app is not in every photo's "Open With"."""
import configparser
import os
import sys
import xml.etree.ElementTree as ET

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def main(desktop, metainfo, mime_xml, app_id):
    problems = []
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    group = entry["Desktop Entry"]

    if os.path.basename(desktop) != app_id + ".desktop":
        problems.append(f"file name is {os.path.basename(desktop)}, expected {app_id}.desktop")
    if group.get("Icon") != app_id:
        problems.append(f"Icon is {group.get('Icon')}, expected {app_id}")
    exec_line = group.get("Exec", "").split()
    if not exec_line or exec_line[0] != "resubmit" or not ({"%f", "%F"} & set(exec_line)):
        problems.append(f"Exec is {group.get('Exec')}: expected resubmit with a file argument")

    registered = [t for t in group.get("MimeType", "").split(";") if t]
    defined = [t.get("type") for t in ET.parse(mime_xml).getroot().findall(MIME_NS + "mime-type")]
    provided = [m.text for m in ET.parse(metainfo).getroot().findall("provides/mediatype")]
    if not registered:
        problems.append("no MimeType: bundles would not open from the file manager")
    for t in registered:
        if t.startswith("image/"):
            problems.append(f"MimeType lists {t}: photos come in on the Photos step (Choose File…, drop, paste, camera)")
    if sorted(registered) != sorted(defined):
        problems.append(f"MimeType is {registered}, but {mime_xml} defines {defined}")
    if sorted(provided) != sorted(registered):
        problems.append(f"metainfo media types {provided} differ from MimeType {registered}")

    for p in problems:
        print(f"{desktop}: {p}")
    if not problems:
        print(f"{desktop}: ok (Icon {app_id}, MimeType {';'.join(registered)})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
