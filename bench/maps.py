"""Map benchmark: the time from reading a Tiled map to its first frame, and the memory it takes.

Maps of 40×22 (a bundled room's size), 200×200 and 1000×1000 tiles are generated with the
bundled 32-pixel tileset: four tile layers (floor everywhere, walls of rooms every 10 tiles,
furniture, an "above" layer), spots and lights, as the bundled maps have. Each run is a new
Python process (SDL dummy drivers) that opens the window, then times ``SceneView`` reading the
map and composing the first frame with the camera on the middle of the map; it reports that
time and the process's peak resident memory (and its growth over the process before the map).
Medians over several runs. The map view of git revision ``--before`` (by default the last one
that drew a map as one surface) runs too, on the sizes it can afford, for a comparison
measured in the same run; ``--before ''`` leaves it out, as does a clone without that history.

    python -m bench.maps [--runs N] [--before REV] [--sizes 40x22,200x200,1000x1000]

Writes bench/results/maps.md and bench/results/maps.json. Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TILESET = ROOT / "game" / "data" / "stories" / "sample" / "maps"
SIZES = ((40, 22), (200, 200), (1000, 1000))
BEFORE_SIZES = ((40, 22), (200, 200))  # the old view makes one surface: 1000² would not fit
TARGET_S, TARGET_MB = 1.0, 200.0  # for 200×200 (issue 15)
BEFORE = "52b3be5"  # the map view that rendered every layer into one map-sized surface

CHILD = """
import json, os, resource, sys, time
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
sys.path.insert(0, {root!r})
from pathlib import Path
import pygame
pygame.init()
pygame.display.set_mode((1280, 720))

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

module = {module!r}
if module:
    import importlib.util
    spec = importlib.util.spec_from_file_location("old_mapview", module)
    mapview = importlib.util.module_from_spec(spec)
    sys.modules["old_mapview"] = mapview
    spec.loader.exec_module(mapview)
else:
    from game.app.render import mapview
path = Path({path!r})
before = rss()
t0 = time.perf_counter()
if module:
    view = mapview.SceneView(path)
else:
    view = mapview.SceneView(path, root=path.parent)
size = view.size if hasattr(view, "size") else view.base.get_size()
camera = view.camera_for((size[0] / 2, size[1] / 2), (640, 360))
frame = view.compose([], 0.0, camera)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"seconds": seconds, "peak_bytes": peak, "before_bytes": before,
                  "problem": view.problem, "size": list(size)}}))
"""


def write_map(folder: Path, w: int, h: int, seed: int = 1) -> Path:
    """A map of w×h tiles with the bundled tileset, laid out as the bundled rooms are."""
    rng = random.Random(seed)
    floors = [132, 133, 134, 135, 156, 157, 165, 166]
    walls, furniture, above = 149, [197, 198, 199, 200, 201, 213, 214, 215], [202, 203, 204]
    layers = {name: [] for name in ("floor", "walls", "furniture", "above")}
    for y in range(h):
        room_floor = floors[(y // 10) % len(floors)]
        rows = {name: [] for name in layers}
        for x in range(w):
            wall = x % 10 == 0 or y % 10 == 0
            door = (x % 10 == 5 or y % 10 == 5)
            rows["floor"].append(room_floor if (x // 10 + y // 10) % 2 else floors[(x + y) % 4])
            rows["walls"].append(walls if wall and not door else 0)
            rows["furniture"].append(rng.choice(furniture) if not wall and rng.random() < 0.08
                                     else 0)
            rows["above"].append(rng.choice(above) if not wall and rng.random() < 0.02 else 0)
        for name in layers:
            layers[name].append(",".join(map(str, rows[name])))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" '
        f'renderorder="right-down" width="{w}" height="{h}" tilewidth="32" tileheight="32" '
        'infinite="0" nextlayerid="7" nextobjectid="9">',
        ' <tileset firstgid="1" source="tiles.tsx"/>',
    ]
    for i, (name, rows) in enumerate(layers.items(), start=1):
        out.append(f' <layer id="{i}" name="{name}" width="{w}" height="{h}">')
        out.append('  <data encoding="csv">')
        out.append(",\n".join(rows))
        out.append("</data>")
        out.append(" </layer>")
    out.append(' <objectgroup id="5" name="spots">')
    for i in range(4):
        out.append(f'  <object id="{i + 1}" name="spot{i}" x="{rng.randrange(w * 32)}" '
                   f'y="{rng.randrange(h * 32)}"><point/></object>')
    out.append(" </objectgroup>")
    out.append(' <objectgroup id="6" name="lights">')
    for i in range(4):
        out.append(f'  <object id="{i + 5}" x="{w * 16 + i * 64}" y="{h * 16}" width="192" '
                   'height="192"><properties><property name="color" value="#80ffd8a0"/>'
                   '</properties><ellipse/></object>')
    out.append(" </objectgroup>")
    out.append("</map>")
    path = folder / f"map-{w}x{h}.tmx"
    path.write_text("\n".join(out) + "\n", "utf-8")
    return path


def measure(path: Path, runs: int, module: str = "") -> dict:
    samples = []
    code = CHILD.format(root=str(ROOT), path=str(path), module=module)
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=900, cwd=ROOT)
        if done.returncode != 0 or not done.stdout.strip():
            return {"failed": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if samples[0]["problem"]:
        return {"failed": samples[0]["problem"][:300]}
    seconds = [s["seconds"] for s in samples]
    peaks = [s["peak_bytes"] / 2**20 for s in samples]
    growth = [(s["peak_bytes"] - s["before_bytes"]) / 2**20 for s in samples]
    return {
        "runs": runs,
        "first_frame_s": round(statistics.median(seconds), 3),
        "first_frame_s_max": round(max(seconds), 3),
        "peak_rss_mb": round(statistics.median(peaks), 1),
        "growth_mb": round(statistics.median(growth), 1),
        "scene_px": samples[0]["size"],
    }


def old_view(rev: str, folder: Path) -> str:
    """The map view of git revision ``rev``, written to a file the child can load ("" when
    git or that revision is not at hand)."""
    try:
        done = subprocess.run(["git", "show", f"{rev}:game/app/render/mapview.py"], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        done = None
    if done is None or done.returncode != 0:
        print(f"maps bench: the map view of {rev} is not at hand; measuring without it",
              file=sys.stderr)
        return ""
    path = folder / "old_mapview.py"
    path.write_text(done.stdout, "utf-8")
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.maps")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--before", metavar="REV", default=BEFORE,
                        help=f"also time the map view of this git revision (default {BEFORE}; "
                             "'' for none)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",") if s]
    import pygame

    rows = []
    with tempfile.TemporaryDirectory(prefix="lowtide-maps-") as tmp:
        folder = Path(tmp)
        for name in ("tiles.tsx", "tiles.png"):
            shutil.copy(TILESET / name, folder / name)
        module = old_view(args.before, folder) if args.before else ""
        before = args.before if module else None
        for w, h in sizes:
            path = write_map(folder, w, h)
            runs = max(1, args.runs if w * h <= 40_000 else min(args.runs, 3))
            print(f"maps bench: {w}×{h}, {runs} runs", file=sys.stderr, flush=True)
            row = {"size": f"{w}x{h}", "file_mb": round(path.stat().st_size / 2**20, 2),
                   "now": measure(path, runs)}
            if before and (w, h) in BEFORE_SIZES:
                print(f"maps bench: {w}×{h} with the view of {args.before}", file=sys.stderr,
                      flush=True)
                row["before"] = measure(path, min(runs, 3), module)
            rows.append(row)
    command = "python -m bench.maps" + (f" --runs {args.runs}" if args.runs != 5 else "") + \
        (f" --before {args.before}" if args.before != BEFORE else "")
    data = {
        "command": command,
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}, pygame-ce {pygame.version.ver}",
        "before": before,
        "rows": rows,
        "targets": {"size": "200x200", "first_frame_s": TARGET_S, "peak_rss_mb": TARGET_MB},
    }
    text = render_md(data)
    print(text)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "maps.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        (RESULTS / "maps.md").write_text(text, "utf-8")
    return 0


def render_md(d: dict) -> str:
    def cells(m: dict | None) -> str:
        if not m:
            return "| – | – | – |"
        if "failed" in m:
            return f"| failed: {m['failed']} | | |"
        return f"| {m['first_frame_s']:.3f} | {m['peak_rss_mb']:.0f} | {m['growth_mb']:.0f} |"

    head = "| map (tiles) | file MB | first frame s | peak RSS MB | growth MB |"
    rule = "|---|---|---|---|---|"
    if d["before"]:
        head += f" before ({d['before']}): first frame s | peak RSS MB | growth MB |"
        rule += "---|---|---|"
    lines = [head, rule]
    for row in d["rows"]:
        line = f"| {row['size'].replace('x', '×')} | {row['file_mb']} {cells(row['now'])}"
        if d["before"]:
            line += " " + cells(row.get("before"))[2:]
        lines.append(line)
    target = next((r["now"] for r in d["rows"] if r["size"] == d["targets"]["size"]), None)
    verdict = ""
    if target and "failed" not in target:
        ok = (target["first_frame_s"] < d["targets"]["first_frame_s"]
              and target["peak_rss_mb"] < d["targets"]["peak_rss_mb"])
        verdict = (f"\nTarget for 200×200: first frame under {d['targets']['first_frame_s']} s and "
                   f"under {d['targets']['peak_rss_mb']:.0f} MB: {'met' if ok else 'NOT met'} "
                   f"({target['first_frame_s']:.3f} s, {target['peak_rss_mb']:.0f} MB).\n")
    return f"""# Map benchmark

Command: `{d['command']}` (headless, SDL dummy drivers) · {d['when']} · {d['machine']}

Each map is generated with the bundled 32-pixel tileset (four CSV tile layers, spots, lights)
and opened in a new process: the time is from `SceneView` reading the map to the first frame
composed with the camera on the middle of the map (medians; 3 runs at 1000×1000). Peak RSS is
the whole process's (Python, pygame and the window included); growth is peak RSS minus the
process's size just before the map was read.

{chr(10).join(lines)}
{verdict}"""


if __name__ == "__main__":
    raise SystemExit(main())
