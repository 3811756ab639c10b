#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-appstream.py METAINFO APP_ID VERSION: the built metainfo passes
`appstreamcli validate --pedantic` with no remark but the known ones below,
and says what a store needs to know: a short summary in every language, the
developer in AppStream 1.0's form, screenshots of this release's tag, no
network use, and bundles as the only media type."""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REPO = "https://raw.githubusercontent.com/resubmit/resubmit/"
BUNDLE_TYPE = "application/x-resubmit-bundle"
MAX_SUMMARY = 35


def known(issue, validator):
    """The remarks that cannot be changed, each for a stated reason."""
    tag, hint = issue.get("tag"), issue.get("hint", "")
    # Reverse-DNS of a GitHub organisation keeps the repository's case; the
    # id is what Flathub and the desktop file use, so it stays.
    if tag == "cid-contains-uppercase-letter":
        return True
    # <developer> is AppStream 1.0's replacement of <developer_name>; the
    # 0.16 validator of Debian 12 does not know it yet (info, not an error).
    if tag == "unknown-tag" and hint == "developer" and validator < (1, 0):
        return True
    return False


def parse_report(text):
    """Issues of `--format=yaml` (flat enough to read without a YAML
    library): a list of {tag, severity, hint}."""
    issues, current = [], None
    validator = (0, 0)
    for line in text.splitlines():
        m = re.match(r"^Validator:\s*(\d+)\.(\d+)", line)
        if m:
            validator = (int(m.group(1)), int(m.group(2)))
        m = re.match(r"^- tag:\s*(\S+)", line)
        if m:
            current = {"tag": m.group(1)}
            issues.append(current)
            continue
        m = re.match(r"^  (severity|hint):\s*(.*)$", line)
        if m and current is not None:
            current[m.group(1)] = m.group(2).strip()
    return issues, validator


def check_validator(path):
    tool = shutil.which("appstreamcli")
    if tool is None:
        print("appstreamcli is not installed (build-aux/dev setup installs it)")
        sys.exit(77)
    run = subprocess.run([tool, "validate", "--no-net", "--pedantic", "--format=yaml", path],
                         capture_output=True, text=True)
    issues, validator = parse_report(run.stdout)
    problems = []
    if run.returncode != 0:
        problems.append(f"appstreamcli validate failed (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    for issue in issues:
        what = f"{issue.get('severity', '?')}: {issue['tag']} {issue.get('hint', '')}".rstrip()
        if known(issue, validator):
            print(f"known remark, {what}")
        else:
            problems.append(f"validator remark {what}")
    if not issues and run.returncode == 0 and "Validator:" not in run.stdout:
        problems.append(f"no report from appstreamcli:\n{run.stdout}{run.stderr}")
    return problems


def check_content(path, app_id, version):
    problems = []
    root = ET.parse(path).getroot()
    if root.findtext("id") != app_id:
        problems.append(f"id is {root.findtext('id')}, expected {app_id}")
    launchable = root.find("launchable")
    if launchable is None or launchable.text != app_id + ".desktop":
        problems.append(f"launchable is not {app_id}.desktop")

    summaries = root.findall("summary")
    langs = {s.get(XML_LANG, "C") for s in summaries}
    if not {"C", "zh_CN"} <= langs:
        problems.append(f"summary languages are {sorted(langs)}, expected C and zh_CN")
    for s in summaries:
        text = (s.text or "").strip()
        if len(text) > MAX_SUMMARY:
            problems.append(f"summary ({s.get(XML_LANG, 'C')}) has {len(text)} characters, "
                            f"at most {MAX_SUMMARY}: {text}")

    if root.find("developer_name") is not None:
        problems.append("deprecated <developer_name>: use <developer id=…><name>")
    developer = root.find("developer")
    if developer is None or not developer.get("id") or not developer.findtext("name"):
        problems.append("no <developer id=…><name>…</name></developer>")

    internet = root.findall("supports/internet") + root.findall("requires/internet") + \
        root.findall("recommends/internet")
    if [i.text for i in internet] != ["offline-only"] or internet[0] not in root.findall("supports/internet"):
        problems.append("no <supports><internet>offline-only</internet></supports>: "
                        "the app never uses the network")

    images = [i.text or "" for i in root.findall("screenshots/screenshot/image")]
    if not images:
        problems.append("no screenshots")
    for url in images:
        if not url.startswith(REPO + "v" + version + "/"):
            problems.append(f"screenshot {url} is not on the release tag v{version}")

    types = [m.text for m in root.findall("provides/mediatype")]
    if types != [BUNDLE_TYPE]:
        problems.append(f"media types are {types}, expected only {BUNDLE_TYPE}")

    releases = [r.get("version") for r in root.findall("releases/release")]
    if not releases or releases[0] != version:
        problems.append(f"the newest release is {releases[:1]}, expected {version} (meson.build)")
    return problems


def main(path, app_id, version):
    problems = check_content(path, app_id, version) + check_validator(path)
    for p in problems:
        print(f"{path}: {p}")
    if not problems:
        print(f"{path}: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
