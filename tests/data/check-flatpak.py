#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-flatpak.py MANIFEST: the Flatpak manifest parses and keeps the app
offline and without broad device access."""
import json
import sys

FORBIDDEN = {
    "--share=network": "the app must work offline and never reach the network",
    "--device=all": "only --device=dri is needed; the camera goes through the portal",
}
EXPECTED = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]


def main(path):
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot parse: {e}")
        return 1

    problems = []
    args = manifest.get("finish-args", [])
    for module in manifest.get("modules", []):
        if isinstance(module, dict):
            args = args + module.get("finish-args", [])
    for arg in args:
        if arg in FORBIDDEN:
            problems.append(f"finish-args contains {arg}: {FORBIDDEN[arg]}")
        elif arg.startswith("--filesystem="):
            problems.append(f"finish-args contains {arg}: files come through the file chooser portal")
    if manifest.get("finish-args") != EXPECTED:
        problems.append(f"finish-args are {manifest.get('finish-args')}, expected {EXPECTED}")
    if manifest.get("id", manifest.get("app-id")) != "io.github.resubmit.Resubmit":
        problems.append("id is not io.github.resubmit.Resubmit")
    if manifest.get("command") != "resubmit":
        problems.append("command is not resubmit")
    names = [m.get("name") for m in manifest.get("modules", []) if isinstance(m, dict)]
    if not names or names[-1] != "resubmit":
        problems.append(f"the last module must be resubmit, modules are {names}")

    for p in problems:
        print(f"{path}: {p}")
    if not problems:
        print(f"{path}: ok ({len(names)} modules, finish-args {' '.join(args)})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
