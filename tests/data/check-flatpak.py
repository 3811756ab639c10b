#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-flatpak.py VERSION RELEASE.json DEVEL.json: both Flatpak manifests
parse (also for flatpak-builder when it is installed), keep the app offline
and without broad device access, take libportal from the GNOME runtime, pin
every source, and differ only where they must: the release builds the
project's git tag v<VERSION>, the development manifest the local tree with
-Dprofile=development, on the same runtime with the same dependencies."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASE_ID = "io.github.resubmit.Resubmit"
REPO_URL = "https://github.com/resubmit/resubmit.git"
FORBIDDEN = {
    "--share=network": "the app must work offline and never reach the network",
    "--device=all": "only --device=dri is needed; the camera goes through the portal",
}
EXPECTED = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
# The first GNOME runtime that ships libportal (with its GTK 4 part):
# gnome-build-meta moved it from core-deps to the SDK for GNOME 51.
MIN_RUNTIME = 51
HEX40 = re.compile(r"^[0-9a-f]{40}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX128 = re.compile(r"^[0-9a-f]{128}$")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def modules_of(manifest, base_dir, problems, where):
    """Every module, with modules given as file names loaded, depth first."""
    out = []
    for m in manifest.get("modules", []):
        if isinstance(m, str):
            path = os.path.join(base_dir, m)
            try:
                m = load(path)
            except (OSError, ValueError) as e:
                problems.append(f"{where}: module file {path}: {e}")
                continue
            out += modules_of(m, os.path.dirname(path), problems, path)
            out.append((m, os.path.dirname(path)))
        elif isinstance(m, dict):
            out += modules_of(m, base_dir, problems, where)
            out.append((m, base_dir))
    return out


def source_problems(name, source, allow_dir):
    """Why @source is not pinned, or []."""
    kind = source.get("type") if isinstance(source, dict) else "file name"
    if kind == "git":
        commit = source.get("commit", "")
        if not HEX40.match(commit):
            return [f"module {name}: git source {source.get('url')} has no full commit"]
        if "branch" in source:
            return [f"module {name}: git source {source.get('url')} follows a branch"]
        return []
    if kind in ("archive", "file"):
        if source.get("path") and kind == "file":
            return []  # a file of this repository
        if HEX64.match(source.get("sha256", "")) or HEX128.match(source.get("sha512", "")):
            return []
        return [f"module {name}: {kind} {source.get('url')} has no sha256"]
    if kind == "dir":
        return [] if allow_dir else [f"module {name}: a dir source builds whatever is on disk"]
    if kind in ("patch", "script", "shell", "inline"):
        return []
    return [f"module {name}: source type {kind} cannot be pinned"]


def check_manifest(path, expected_id, is_release, version):
    problems = []
    try:
        manifest = load(path)
    except (OSError, ValueError) as e:
        return None, [f"{path}: cannot parse: {e}"]
    base_dir = os.path.dirname(os.path.abspath(path))
    modules = modules_of(manifest, base_dir, problems, path)

    if manifest.get("id", manifest.get("app-id")) != expected_id:
        problems.append(f"id is {manifest.get('id')}, expected {expected_id}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("runtime and sdk are not org.gnome.Platform and org.gnome.Sdk")
    runtime_version = str(manifest.get("runtime-version", ""))
    if not runtime_version.isdigit() or int(runtime_version) < MIN_RUNTIME:
        problems.append(f"runtime-version {runtime_version!r}: at least {MIN_RUNTIME} (libportal)")
    if manifest.get("command") != "resubmit":
        problems.append("command is not resubmit")

    args = list(manifest.get("finish-args", []))
    build_args = list(manifest.get("build-options", {}).get("build-args", []))
    for m, _ in modules:
        args += m.get("finish-args", [])
        build_args += m.get("build-options", {}).get("build-args", [])
    for arg in args:
        if arg in FORBIDDEN:
            problems.append(f"finish-args contains {arg}: {FORBIDDEN[arg]}")
        elif arg.startswith("--filesystem="):
            problems.append(f"finish-args contains {arg}: files come through the file chooser portal")
    if manifest.get("finish-args") != EXPECTED:
        problems.append(f"finish-args are {manifest.get('finish-args')}, expected {EXPECTED}")
    if "--share=network" in build_args:
        problems.append("a module builds with --share=network: every source must be pinned instead")

    names = [m.get("name") for m, _ in modules]
    if "libportal" in names:
        problems.append("a libportal module: the GNOME runtime ships libportal and libportal-gtk4")
    if not names or names[-1] != "resubmit":
        problems.append(f"the last module must be resubmit, modules are {names}")
    for m, _ in modules:
        for source in m.get("sources", []):
            allow_dir = not is_release and m.get("name") == "resubmit"
            problems += source_problems(m.get("name"), source, allow_dir)

    app = modules[-1][0] if modules else {}
    opts = app.get("config-opts", [])
    sources = app.get("sources", [])
    if is_release:
        if any(o.startswith("-Dprofile=") and o != "-Dprofile=default" for o in opts):
            problems.append(f"the release builds with {opts}")
        src = sources[0] if len(sources) == 1 else {}
        if src.get("type") != "git" or src.get("url") != REPO_URL:
            problems.append(f"resubmit must build from git {REPO_URL}, not {sources}")
        elif src.get("tag") != "v" + version:
            problems.append(f"resubmit builds tag {src.get('tag')}, but meson.build says {version}: "
                            f"run build-aux/flatpak-pin-release after tagging v{version}")
    else:
        if "-Dprofile=development" not in opts:
            problems.append("the development manifest must configure -Dprofile=development")
        if [s.get("type") for s in sources] != ["dir"]:
            problems.append("the development manifest builds the local tree (a dir source)")

    return (manifest, modules), [f"{path}: {p}" for p in problems]


def check_pin(path, manifest_modules, root):
    """The release pin against this clone's git, where there is one."""
    src = manifest_modules[-1][0].get("sources", [{}])[0]
    tag, commit = src.get("tag"), src.get("commit")
    git = shutil.which("git")
    if git is None or not os.path.exists(os.path.join(root, ".git")):
        print(f"{path}: no git repository here, the pin {tag} → {commit} is not checked")
        return []
    def rev(ref):
        r = subprocess.run([git, "-C", root, "rev-parse", "--verify", "--quiet", ref + "^{commit}"],
                           capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None
    tagged = rev("refs/tags/" + tag)
    if tagged is not None:
        if tagged != commit:
            return [f"{path}: tag {tag} is {tagged}, the manifest pins {commit}: "
                    f"run build-aux/flatpak-pin-release {tag}"]
        print(f"{path}: {tag} → {commit} matches the tag")
        return []
    if rev(commit) is None:
        return [f"{path}: commit {commit} is not in this repository"]
    print(f"{path}: tag {tag} is not in this clone (not tagged yet, or not fetched); "
          f"{commit} is a commit of this repository")
    return []


def flatpak_builder_problems(path):
    """flatpak-builder's own reading: unknown properties and source types
    are warnings there, so any warning is a problem."""
    tool = shutil.which("flatpak-builder")
    if tool is None:
        print(f"{path}: flatpak-builder is not installed, its own parse is skipped")
        return []
    # It keeps a .flatpak-builder folder in its working directory: a scratch one.
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run([tool, "--show-manifest", os.path.abspath(path)], cwd=scratch,
                             capture_output=True, text=True)
    if run.returncode != 0 or "WARNING" in run.stderr or "CRITICAL" in run.stderr:
        return [f"{path}: flatpak-builder --show-manifest: exit {run.returncode}\n{run.stderr}"]
    return []


def main(version, release_path, devel_path):
    problems = []
    release, p = check_manifest(release_path, BASE_ID, True, version)
    problems += p
    devel, p = check_manifest(devel_path, BASE_ID + ".Devel", False, version)
    problems += p
    if release and devel:
        r, d = release[0], devel[0]
        for key in ("runtime", "runtime-version", "sdk", "command", "finish-args", "cleanup"):
            if r.get(key) != d.get(key):
                problems.append(f"{devel_path}: {key} differs from the release manifest")
        if [m for m, _ in release[1][:-1]] != [m for m, _ in devel[1][:-1]]:
            problems.append(f"{devel_path}: the dependencies differ from the release manifest's")
        if not [x for x in problems if x.startswith(release_path)]:
            root = os.path.dirname(os.path.dirname(os.path.abspath(release_path)))
            problems += check_pin(release_path, release[1], root)
    for path in (release_path, devel_path):
        problems += flatpak_builder_problems(path)

    for p in problems:
        print(p)
    if not problems:
        names = [m.get("name") for m, _ in release[1]]
        print(f"ok: {len(names)} modules ({', '.join(names)}), runtime "
              f"{release[0]['runtime']}//{release[0]['runtime-version']}, every source pinned")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:4]))
