"""Build what players install: the wheel, and the standalone folder with its archive.

    python release/build.py                 # both, into dist/ (what `make dist` runs)
    python release/build.py wheel --out D   # only the wheel (and the sdist it is built from)
    python release/build.py standalone      # only the PyInstaller folder and its .tar.gz/.zip

The wheel is built by ``python -m build`` from an sdist, so a file left over in ``build/`` can
never slip into it, and without build isolation, so it needs no network (the ``dist`` extra
brings setuptools and build). The standalone folder is PyInstaller's one-folder build of
``release/lowtide.spec``; this script adds the licences of everything it carries, the icons,
and on Linux the desktop entry and its installer, then packs it as ``.tar.gz`` (``.zip`` on
Windows; on macOS the archive holds ``Low Tide.app`` and the licences) named for the version
and the platform.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "release"
NAME = "lowtide"
APP = "Low Tide.app"  # what the spec's BUNDLE makes on macOS


def version() -> str:
    """The one version, read where pyproject reads it (``game.__version__``)."""
    text = (ROOT / "game" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if found is None:
        raise SystemExit("release: no __version__ in game/__init__.py")
    return found.group(1)


def size_budget() -> tuple[int, int]:
    """The standalone build's size budget as README states it, in MB: (folder, archive)."""
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    found = re.search(r"size budget[^.]*?(\d+) MB for the folder and (\d+) MB for the archive",
                      readme)
    if found is None:
        raise SystemExit("release: README states no size budget for the standalone build")
    return int(found.group(1)), int(found.group(2))


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-amd64``, ``macos-arm64``: what a player picks a download by."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    system = "linux" if system.startswith("linux") else system
    return f"{system}-{platform.machine().lower()}"


def build_wheel(out: Path) -> Path:
    """The sdist, then the wheel built from it, into ``out``; returns the wheel's path."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{NAME}-*.whl"):
        old.unlink()
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(ROOT)], check=True)
    wheels = sorted(out.glob(f"{NAME}-{version()}-*.whl"))
    if not wheels:
        raise SystemExit(f"release: no wheel was written to {out}")
    return wheels[-1]


def build_standalone(out: Path, work: Path) -> Path:
    """PyInstaller's folder (``out/lowtide``), with licences, icons and desktop files added."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(out), "--workpath", str(work),
                    str(HERE / "lowtide.spec")], check=True)
    folder = out / NAME
    add_licences(folder / "licenses")
    icons = folder / "icons"
    icons.mkdir(exist_ok=True)
    for png in (HERE / "icons").glob("lowtide-*.png"):
        shutil.copy2(png, icons / png.name)
    if sys.platform.startswith("linux"):
        for extra in ("lowtide.desktop", "install-desktop.sh"):
            shutil.copy2(HERE / "linux" / extra, folder / extra)
    shutil.copy2(HERE / "PLAYERS.md", folder / "README.md")
    return folder


def runtime_distributions() -> list[metadata.Distribution]:
    """The installed distributions the game runs on: its dependencies and theirs, no extras."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [NAME]
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = dist
        for req in dist.requires or []:
            spec, _, marker = req.partition(";")
            if "extra" in marker:
                continue
            if marker.strip() and not _marker_holds(marker):
                continue
            todo.append(re.split(r"[\s\[<>=!~(]", spec.strip(), maxsplit=1)[0])
    seen.pop(NAME, None)
    return sorted(seen.values(), key=lambda d: _canonical(d.metadata["Name"]))


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _marker_holds(marker: str) -> bool:
    """An environment marker of a dependency, judged by the build's own Python."""
    from packaging.markers import Marker  # PyInstaller and build depend on packaging

    return Marker(marker).evaluate({"extra": ""})


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    found = []
    for f in dist.files or []:
        name = f.name.lower()
        if ".dist-info" in str(f) and (name.startswith(("licen", "copying", "notice", "authors"))
                                       or "/licenses/" in str(f).replace("\\", "/")):
            path = Path(str(f.locate()))
            if path.is_file():
                found.append(path)
    return found


def add_licences(dest: Path) -> None:
    """Every licence the folder's contents come under, and a list saying which is which."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "LICENSE", dest / "LICENSE-lowtide.txt")
    rows = ["| component | licence | files here |", "|---|---|---|",
            "| Low Tide (the game, its stories, art and sounds) | MIT | LICENSE-lowtide.txt |",
            "| fonts: Literata, Lato, Atkinson Hyperlegible | OFL-1.1 | "
            "game/data/fonts/*/OFL.txt inside the program's folder |",
            "| the studio's page (`lowtide edit`): Cytoscape.js, CodeMirror 6 and their parts, "
            "vendored | MIT | game/studio/static/vendor/licenses/ inside the program's folder |"]
    python_licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}." \
        f"{sys.version_info.minor}" / "LICENSE.txt"
    if not python_licence.is_file():
        python_licence = Path(sys.base_prefix) / "LICENSE.txt"
    if python_licence.is_file():
        shutil.copy2(python_licence, dest / "LICENSE-python.txt")
    rows.append(f"| Python {platform.python_version()} | PSF-2.0 | "
                f"{'LICENSE-python.txt' if python_licence.is_file() else '(see python.org)'} |")
    for dist in runtime_distributions():
        name, ver = dist.metadata["Name"], dist.version
        declared = dist.metadata.get("License-Expression") or _short(dist.metadata.get("License"))
        files = []
        for src in _licence_files(dist):
            target = dest / f"{_canonical(name)}-{src.name}"
            shutil.copy2(src, target)
            files.append(target.name)
        own = HERE / "licenses" / f"{_canonical(name)}.txt"
        if not files and own.is_file():  # its wheel carries no licence text: ours has a copy
            shutil.copy2(own, dest / own.name)
            files.append(own.name)
        rows.append(f"| {name} {ver} | {declared or '?'} | {', '.join(files) or '-'} |")
    libs = _bundled_native_libraries()
    text = ["# Licences", "", "What this folder carries, and the licence each part comes under.",
            "", *rows, ""]
    if libs:
        text += ["pygame-ce brings SDL 2 and the libraries it reads images, fonts and sound "
                 "with (each under its own free licence, listed with pygame-ce's sources):",
                 "", ", ".join(libs) + ".", ""]
    (dest / "README.md").write_text("\n".join(text), "utf-8")


def _short(text: str | None) -> str:
    """A licence field that holds a whole licence text is named by its first line."""
    if not text:
        return ""
    first = text.strip().splitlines()[0]
    return first if len(first) < 60 else first[:57] + "..."


def _bundled_native_libraries() -> list[str]:
    try:
        dist = metadata.distribution("pygame-ce")
    except metadata.PackageNotFoundError:
        return []
    names = set()
    for f in dist.files or []:
        parts = str(f).replace("\\", "/").split("/")
        if parts[0] in ("pygame_ce.libs", "pygame.libs") or (
                parts[0] == "pygame" and f.name.lower().endswith((".dll", ".dylib"))):
            names.add(re.split(r"[-.]", f.name.removeprefix("lib"), maxsplit=1)[0])
    return sorted(names, key=str.lower)


def archive(folder: Path) -> Path:
    """The folder packed for download: ``lowtide-VERSION-PLATFORM.tar.gz`` (``.zip`` on Windows)."""
    stem = folder.parent / f"{NAME}-{version()}-{platform_tag()}"
    if sys.platform == "win32":
        target = stem.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                zf.write(path, Path(NAME) / path.relative_to(folder))
        return target
    target = Path(f"{stem}.tar.gz")
    app = folder.parent / APP
    with tarfile.open(target, "w:gz") as tf:
        if sys.platform == "darwin" and app.is_dir():
            # macOS players get the app (signed as PyInstaller left it) and the licences
            for part in (app, folder / "licenses", folder / "README.md"):
                tf.add(part, arcname=f"{NAME}/{part.name}")
        else:
            tf.add(folder, arcname=NAME)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release/build.py", description=__doc__.split("\n")[0])
    parser.add_argument("what", nargs="?", choices=("all", "wheel", "standalone"), default="all")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where to write")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if args.what in ("all", "wheel"):
        wheel = build_wheel(out)
        print(f"wheel: {wheel} ({wheel.stat().st_size / 1e6:.1f} MB)")
    if args.what in ("all", "standalone"):
        folder = build_standalone(out, args.work.resolve())
        packed = archive(folder)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"standalone: {folder} ({size / 1e6:.1f} MB), {packed} "
              f"({packed.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
