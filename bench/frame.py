"""Frame benchmark: CPU time per frame in the game window, and the time to the first frame.

Headless (SDL dummy drivers). The window is started and driven only as ``lowtide play`` starts
and drives it (``game.app.run.prepare`` and ``start`` with the command's own options: ``--from``,
``--input-script``, ``--data-dir`` for the settings), and frames are read through what input
scripts read (the screen's name and its ``drive_hint``), so the benchmark does not depend on
how the window's code is arranged inside. Three runs:

- play, at the node whose last line is the longest of those that offer replies, with the text
  speed at its slowest: every frame while a line types out (``typewriter``), then, once the
  last line is shown and the replies are on offer and settled, ``settled``: the fullest
  ordinary frame (the long line in the box, the portrait, the Tiled map and the replies);
- the same frame with the dynamics panel on (``dynamics``);
- the same frame with the comfort features on: the quick menu reached with Q and the keyboard
  moving along it, and self-voicing following the focus (``comfort``);
- an input script that plays from the start to an ending, choosing as ``--autoplay first``
  would, then the ending screen with its chart of the whole playthrough and its turning points
  (``ending``), and again with the focus moving along the turning points and self-voicing
  reading them (``turning``).

Self-voicing speaks to an engine that keeps the text (the benchmark makes no sound and times
the window, not a speech program).

Reported: median, 99th percentile and max CPU time per frame for each state, and from starting
a new Python process to the first frame drawn, its wall time and its CPU time (min, median and
max over several runs). Not a test: nothing here fails.

    python -m bench.frame [STORY_DIR] [--frames N]

Writes bench/results/frame.md and bench/results/frame.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
FRAMES = 1200
SETTLE = 240  # frames for the camera, light, fades and charts to settle before timing
STARTS = 5
LIMIT = 200_000  # frames a run may take to reach the state it measures
MAX_CHOICES = 500
TARGET_MEDIAN_MS, TARGET_START_S = 2.0, 1.0
STATES = ("settled", "typewriter", "dynamics", "comfort", "ending", "turning")
FOCUS_EVERY = 30  # frames between two moves of the focus in the comfort and turning runs

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from game.app import run
from game.cli import build_parser
from game.tools.lint import load_linted
args = build_parser().parse_args(["play", {story!r}, "--autoplay", "first"])
ready = run.prepare(args, load_linted)
run.start(ready)
ready.app.frame()
print(time.perf_counter(), time.process_time(), flush=True)
"""


def heaviest_node(story: Any) -> tuple[str, int, int] | None:
    """The node whose last line is the longest among those that offer replies (so the replies
    show beneath it): its id, its number of lines and that line's length."""
    best = None
    for node in story.nodes.values():
        if node.choices and node.lines:
            size = len(node.lines[-1].text)
            if best is None or size > best[2]:
                best = (node.id, len(node.lines), size)
    return best


def route_to_ending(story: Any) -> list[int]:
    """The replies ``--autoplay first`` takes from the start to an ending, as the number keys
    pressed (1 for the first reply on offer)."""
    from game.story.session import Session

    session = Session.start(story)
    keys = []
    while not session.is_over and len(keys) < MAX_CHOICES:
        offered = session.choices()
        if not offered:
            break
        keys.append(1)
        session.choose(offered[0].index)
    if session.node.ending is None:
        raise SystemExit(f"bench: the first replies of {story.id} reach no ending")
    return keys


def _start(story_dir: Path, script: str, folder: Path, settings: dict[str, Any],
           extra: list[str]) -> Any:
    """The window as ``lowtide play STORY --input-script ... --data-dir ...`` opens it."""
    from game.app import run
    from game.app.persist import Persist
    from game.app.settings import Settings
    from game.cli import build_parser
    from game.tools.lint import load_linted

    data = folder / "data"
    Persist.open(data).settings.save(Settings(**settings))
    (folder / "script.txt").write_text(script, "utf-8")
    args = build_parser().parse_args(
        ["play", str(story_dir), "--input-script", str(folder / "script.txt"),
         "--data-dir", str(data), "--max-frames", str(10 * LIMIT), *extra]
    )  # fmt: skip
    ready = run.prepare(args, load_linted)
    if isinstance(ready, int):
        raise SystemExit(f"bench: the window did not start (exit {ready})")
    run.start(ready)
    return ready.app


class Keep:
    """A speech engine that keeps what it is given."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


def _voiced(app: Any) -> Keep:
    """Self-voicing (on in the settings) speaking to an engine that keeps the text."""
    from game.app.voice import Voice

    engine = Keep()
    app.services.voice = Voice(engine)
    return engine


def _moves(frames: int, keys: tuple[str, ...]) -> str:
    """Script lines moving the focus every ``FOCUS_EVERY`` frames for ``frames`` frames and
    more, cycling through ``keys``."""
    count = (SETTLE + frames) // FOCUS_EVERY + 4
    return "".join(f"wait {FOCUS_EVERY - 1}\nkey {keys[i % len(keys)]}\n" for i in range(count))


def _hint(app: Any) -> dict:
    top = app.top
    hint = top.drive_hint() if top is not None else None
    return hint if isinstance(hint, dict) else {}


def _timed(app: Any) -> float:
    t0 = time.process_time_ns()
    app.frame()
    if app.exit_code is not None:
        raise SystemExit(f"bench: the window stopped: {app.exit_message}")
    return (time.process_time_ns() - t0) / 1e6


def _until(app: Any, done: Callable[[Any], bool], each: Callable[[Any, float], None] | None = None
           ) -> None:
    """Frames until ``done(app)``, each timed and given to ``each``."""
    for _ in range(LIMIT):
        if done(app):
            return
        ms = _timed(app)
        if each is not None:
            each(app, ms)
    raise SystemExit("bench: the window never reached the state to measure")


def _choices_ready(app: Any) -> bool:
    hint = _hint(app)
    return hint.get("action") == "choose" and bool(hint.get("ready"))


def _settled(app: Any, frames: int) -> list[float]:
    for _ in range(SETTLE):
        _timed(app)
    return [_timed(app) for _ in range(frames)]


def _play_run(story_dir: Path, node: str, lines: int, frames: int, folder: Path,
              dynamics: bool) -> tuple[list[float], list[float]]:
    """Typewriter frames (slowest text speed) and settled frames at ``node``."""
    import pygame

    script = "wait-for typed 100000\nkey space\n" * (lines - 1)
    script += "wait-for choices 100000\nwait 10000000\n"
    settings = {"show_dynamics": dynamics, "text_speed": 45 if dynamics else 10}
    app = _start(story_dir, script, folder, settings, ["--from", node])
    typing: list[float] = []

    def keep_typing(app: Any, ms: float) -> None:
        hint = _hint(app)
        if hint.get("action") == "advance" and not hint.get("complete") and len(typing) < frames:
            typing.append(ms)

    try:
        _until(app, _choices_ready, None if dynamics else keep_typing)
        settled = _settled(app, frames)
    finally:
        pygame.quit()
    return typing, settled


def _comfort_run(story_dir: Path, node: str, lines: int, frames: int, folder: Path
                 ) -> tuple[list[float], int]:
    """Settled at ``node`` with the quick menu reached (Q) and the keyboard moving along it,
    self-voicing following the focus; the frames, and how many things were said."""
    import pygame

    script = "wait-for typed 100000\nkey space\n" * (lines - 1)
    script += "wait-for choices 100000\nkey q\n" + _moves(frames, ("right",))
    script += "wait 10000000\n"
    settings = {"quick_menu": True, "self_voicing": True}
    app = _start(story_dir, script, folder, settings, ["--from", node])
    engine = _voiced(app)
    try:
        _until(app, _choices_ready)
        return _settled(app, frames), len(engine.said)
    finally:
        pygame.quit()


def _ending_run(story_dir: Path, keys: list[int], frames: int, folder: Path,
                turning: bool = False) -> tuple[list[float], int, int]:
    """Play from the start to an ending by script, then time the ending screen (``turning``:
    with the focus moving along its turning points, self-voicing reading them); the frames,
    the turning points shown and how many things were said."""
    import pygame

    script = "".join(f"until choices space 100000\nkey {k}\n" for k in keys)
    script += "until ending space 100000\n"
    if turning:
        script += "key right\n" + _moves(frames, ("down", "down", "up", "up"))
    script += "wait 10000000\n"
    app = _start(story_dir, script, folder, {"self_voicing": turning}, [])
    engine = _voiced(app)
    try:
        _until(app, lambda a: a.top is not None and a.top.name == "ending")
        timed = _settled(app, frames)
        return timed, len(_hint(app).get("turning_points", ())), len(engine.said)
    finally:
        pygame.quit()


def _figures(values: list[float]) -> dict[str, Any]:
    return {
        "frames": len(values),
        "median_ms": round(statistics.median(values), 3),
        "p99_ms": round(percentile(values, 99), 3),
        "max_ms": round(max(values), 3),
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure_frames(story_dir: Path, frames: int) -> dict[str, Any]:
    from game.story.load import load_story

    story, diagnostics = load_story(story_dir)
    if story is None:
        raise SystemExit(f"bench: {story_dir} does not load: {diagnostics[:3]}")
    heavy = heaviest_node(story)
    if heavy is None:
        raise SystemExit(f"bench: no node of {story_dir} offers replies")
    node, lines, chars = heavy
    keys = route_to_ending(story)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        typing, settled = _play_run(story_dir, node, lines, frames, base / "play", False)
        _, dynamics = _play_run(story_dir, node, lines, frames, base / "dynamics", True)
        comfort, said = _comfort_run(story_dir, node, lines, frames, base / "comfort")
        ending, points, _ = _ending_run(story_dir, keys, frames, base / "ending")
        turning, _, read = _ending_run(story_dir, keys, frames, base / "turning", True)
    results: dict[str, Any] = {"node": node, "line_chars": chars, "ending_after": len(keys),
                               "spoken": said, "turning_points": points, "points_read": read}
    for name, values in (("settled", settled), ("typewriter", typing), ("dynamics", dynamics),
                         ("comfort", comfort), ("ending", ending), ("turning", turning)):
        results[name] = _figures(values)
    return results


def measure_start(story_dir: Path, runs: int) -> dict[str, Any]:
    """From launching a new Python process to its first frame drawn: wall and CPU seconds."""
    walls, cpus = [], []
    code = CHILD.format(root=str(ROOT), story=str(story_dir))
    env = dict(os.environ)
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=120, cwd=ROOT)
        if done.returncode != 0 or not done.stdout.strip():
            raise SystemExit(f"bench: the start run failed:\n{done.stderr}")
        first, cpu = (float(x) for x in done.stdout.strip().splitlines()[-1].split())
        walls.append(first - t0)
        cpus.append(cpu)

    def spread(values: list[float]) -> dict[str, float]:
        return {"min": round(min(values), 3), "median": round(statistics.median(values), 3),
                "max": round(max(values), 3)}

    return {"runs": runs, "wall_s": spread(walls), "cpu_s": spread(cpus)}


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.frame")
    parser.add_argument("story", nargs="?", type=Path, default=ROOT / "game" / "data" / "stories" / "low-tide")
    parser.add_argument("--frames", type=int, default=FRAMES)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    frames = max(600, args.frames)
    story = args.story.resolve()
    if argv is None and len(sys.argv) <= 1 and not (story / "story.json").is_file():
        story = (ROOT / "game" / "data" / "stories" / "sample").resolve()
    print(f"frame bench: {story.name}, {frames} frames per state", file=sys.stderr)
    load_before = _load_average()
    per_frame = measure_frames(story, frames)
    start = measure_start(story, STARTS)
    import pygame

    command = f"python -m bench.frame {os.path.relpath(story, ROOT)} --frames {frames}"
    data = {
        "command": command,
        "story": story.name,
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}, pygame-ce {pygame.version.ver}",
        "load_average": {"start": load_before, "end": _load_average()},
        "frame": per_frame,
        "start": start,
        "targets": {"median_ms": TARGET_MEDIAN_MS, "start_s": TARGET_START_S},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "frame.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    (RESULTS / "frame.md").write_text(render_md(data), "utf-8")
    print(render_md(data))
    return 0


STATE_TEXT = {
    "settled": "the last line shown, the replies on offer and settled",
    "typewriter": "a line typing out (at the slowest text speed)",
    "dynamics": "settled, with the dynamics panel on",
    "comfort": "settled, the quick menu reached and the keyboard moving along it, "
               "self-voicing on",
    "ending": "the ending screen with its chart of the playthrough and its turning points",
    "turning": "the ending, the focus moving along the turning points, self-voicing on",
}


def render_md(d: dict) -> str:
    f = d["frame"]
    rows = "\n".join(
        f"| {name} | {STATE_TEXT[name]} | {f[name]['frames']} | {f[name]['median_ms']:.3f} | "
        f"{f[name]['p99_ms']:.3f} | {f[name]['max_ms']:.3f} |"
        for name in STATES
    )
    s = d["start"]
    w, c = s["wall_s"], s["cpu_s"]
    worst = max(f[name]["median_ms"] for name in STATES)
    ok_frame = "met" if worst < d["targets"]["median_ms"] else "NOT met"
    ok_start = "met" if w["median"] < d["targets"]["start_s"] else "NOT met"
    load = d.get("load_average") or {}
    return f"""# Frame benchmark

Command: `{d['command']}` (headless, SDL dummy drivers) · {d['when']} · {d['machine']} ·
load average (1, 5, 15 min) {load.get('start')} at the start, {load.get('end')} at the end

CPU time per frame (process time: events, update, draw, flip) in the window of
`{d['story']}`, started and driven as `lowtide play` is (`--from`, `--input-script`,
`--data-dir`). Play is at node `{f['node']}`, whose last line ({f['line_chars']} characters)
is the longest of any node with replies, so the settled frame has that line in the box, the
speaker's portrait, the Tiled map and the replies. The ending is reached by a script taking the
first reply {f['ending_after']} times from the start; it shows {f['turning_points']} turning
points. Self-voicing speaks to an engine that keeps the text: {f['spoken']} things said in the
comfort run, {f['points_read']} in the turning run (the focus moves every {FOCUS_EVERY}
frames).

| state | what is on screen | frames | median ms | p99 ms | max ms |
|---|---|---:|---:|---:|---:|
{rows}

Start: from launching a new Python process to the first frame drawn (`lowtide play` with a
story: play screen, map and portrait loaded), over {s['runs']} runs: wall
{w['min']:.3f} / **{w['median']:.3f}** / {w['max']:.3f} s (min / median / max), CPU
{c['min']:.3f} / **{c['median']:.3f}** / {c['max']:.3f} s.

Targets: median frame under {d['targets']['median_ms']} ms in every state ({ok_frame});
start under {d['targets']['start_s']} s wall ({ok_start}).
"""


if __name__ == "__main__":
    raise SystemExit(main())
