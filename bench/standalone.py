"""Standalone build benchmark: how big the PyInstaller folder is, and how fast it starts.

Builds the folder and its archive with ``release/build.py standalone`` (what ``make dist``
runs) into a temporary folder, unpacks the archive elsewhere as a player would, and times,
from launch to exit, a run that draws one frame of the play screen and stops
(``--autoplay first --max-frames 1``: the flagship, its map, portrait and fonts loaded, the
first frame drawn, the window closed). Cold starts (the folder's files dropped from the page cache
first) are reported apart from warm ones; the venv's ``lowtide`` runs the same command in turn
with the warm ones, so the two are compared in one run. Not a test: nothing here fails.

    python -m bench.standalone [--runs N] [--folder DIR]

``--folder DIR`` times an existing build (``dist/lowtide``) instead of building one. Writes
bench/results/standalone.md and bench/results/standalone.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from release.build import size_budget

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
RUNS = 7
BUDGET_MB = size_budget()  # (folder, archive): README states it, the standalone test holds to it
ONE_FRAME = ["play", "--autoplay", "first", "--max-frames", "1"]


def build(into: Path) -> tuple[Path, Path, float]:
    """A fresh standalone build: its archive, the folder unpacked from it, the build's seconds."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "release" / "build.py"), "standalone", "--out",
                    str(into / "dist"), "--work", str(into / "work")], check=True,
                   capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    archive = next((into / "dist").glob("lowtide-*.tar.gz"))
    player = into / "player"
    with tarfile.open(archive) as tf:
        tf.extractall(player, filter="data")
    return archive, player / "lowtide", seconds


def one_start(program: list[str], home: Path, path: str) -> float:
    """Seconds from launch to exit of a run that draws one frame."""
    env = {"HOME": str(home), "PATH": path, "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy"}
    t0 = time.perf_counter()
    done = subprocess.run([*program, *ONE_FRAME], env=env, cwd=home, capture_output=True,
                          text=True, timeout=120)
    seconds = time.perf_counter() - t0
    if "within 1 frames" not in done.stderr:  # the one frame was drawn, then it stopped
        raise SystemExit(f"bench: the start run did not draw its frame:\n{done.stderr}")
    return seconds


def evict(folder: Path) -> None:
    """Drop the folder's files from the page cache, so the next start reads them from disk.

    Only these files: the system's own libraries stay cached, as on a desktop where other
    programs have run. ``posix_fadvise`` needs no privileges; the files are synced first,
    since the kernel drops only pages already written back.
    """
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def sizes(folder: Path) -> dict:
    def total(p: Path) -> int:
        return p.stat().st_size if p.is_file() else sum(
            f.stat().st_size for f in p.rglob("*") if f.is_file())

    inner = folder / "_internal"
    parts = sorted(((p.name, total(p)) for p in inner.iterdir()), key=lambda x: -x[1])
    return {"folder_bytes": total(folder), "files": sum(1 for p in folder.rglob("*")
                                                        if p.is_file()),
            "largest": [{"name": n, "bytes": b} for n, b in parts[:6]]}


def summary(times: list[float]) -> dict:
    return {"runs": len(times), "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3), "max_s": round(max(times), 3),
            "samples_s": [round(t, 3) for t in times]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.standalone")
    parser.add_argument("--runs", type=int, default=RUNS, help="starts after the first")
    parser.add_argument("--folder", type=Path, help="time this build instead of a fresh one")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="lowtide-standalone-") as tmp:
        tmp = Path(tmp)
        if args.folder:
            folder, archive, build_s = args.folder.resolve(), None, None
        else:
            print("standalone bench: building with release/build.py", file=sys.stderr)
            archive, folder, build_s = build(tmp)
        home = tmp / "home"
        home.mkdir()
        frozen = [str(folder / "lowtide")]
        venv = [str(Path(sys.executable).parent / "lowtide")]
        cold_times = []
        for _ in range(max(3, args.runs // 2)):
            evict(folder)
            cold_times.append(one_start(frozen, home, ""))
        frozen_times, venv_times = [], []
        for _ in range(args.runs):  # in turn, so both meet the same machine
            frozen_times.append(one_start(frozen, home, ""))
            venv_times.append(one_start(venv, home, os.environ.get("PATH", os.defpath)))
        measured = sizes(folder)
        archive_bytes = archive.stat().st_size if archive else None
        archive_name = archive.name if archive else None
    import pygame

    data = {
        "command": "python -m bench.standalone" + (f" --folder {args.folder}" if args.folder
                                                   else ""),
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}, pygame-ce {pygame.version.ver}",
        "build_s": round(build_s, 1) if build_s is not None else None,
        "archive": archive_name,
        "archive_bytes": archive_bytes,
        **measured,
        "budget_mb": list(BUDGET_MB),
        "cold_start": summary(cold_times),
        "start": summary(frozen_times),
        "venv_start": summary(venv_times),
        "ratio_standalone_vs_venv": round(statistics.median(frozen_times)
                                          / statistics.median(venv_times), 2),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "standalone.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    (RESULTS / "standalone.md").write_text(render_md(data), "utf-8")
    print(render_md(data))
    return 0


def mb(n: int | None) -> str:
    return "-" if n is None else f"{n / 1e6:.1f} MB"


def render_md(d: dict) -> str:
    largest = "\n".join(f"| `_internal/{p['name']}` | {mb(p['bytes'])} |" for p in d["largest"])
    c, s, v = d["cold_start"], d["start"], d["venv_start"]
    folder_mb, archive_mb = d["budget_mb"]
    within = "within" if d["folder_bytes"] < folder_mb * 1e6 and (
        d["archive_bytes"] is None or d["archive_bytes"] < archive_mb * 1e6) else "NOT within"
    built = f" (built in {d['build_s']} s)" if d["build_s"] is not None else ""
    return f"""# Standalone build

Command: `{d['command']}` · {d['when']} · {d['machine']}

The PyInstaller one-folder build for players without Python{built}: the folder is
{mb(d['folder_bytes'])} in {d['files']} files; the archive `{d['archive']}` is
{mb(d['archive_bytes'])}: {within} README's budget of {folder_mb} MB for the folder and
{archive_mb} MB for the archive.

| largest parts | size |
|---|---|
{largest}

Start to first frame: from launching the program to its exit after drawing one frame of the
play screen (`lowtide play --autoplay first --max-frames 1`, headless: the flagship, its map,
portrait and fonts loaded), with no PATH and a HOME of its own.

| | runs | median s | min s | max s |
|---|---|---|---|---|
| standalone, cold: its files out of the page cache | {c['runs']} | {c['median_s']:.3f} | {c['min_s']:.3f} | {c['max_s']:.3f} |
| standalone, warm | {s['runs']} | {s['median_s']:.3f} | {s['min_s']:.3f} | {s['max_s']:.3f} |
| the venv's `lowtide` | {v['runs']} | {v['median_s']:.3f} | {v['min_s']:.3f} | {v['max_s']:.3f} |

Warm, the standalone build starts in {d['ratio_standalone_vs_venv']}× the venv's time (medians
of runs taken in turn). Cold starts first drop every file of the folder from the page cache
(`posix_fadvise`, DONTNEED), as after a reboot; the system's own libraries stay cached.
"""


if __name__ == "__main__":
    raise SystemExit(main())
