"""Frame benchmark: CPU time per frame on the play screen, and the time to the first frame.

Headless (SDL dummy drivers). The play screen shows the story's longest spoken line with a
portrait, over its Tiled map, with the replies below: the heaviest ordinary frame. Reported:
median and 99th percentile CPU time per frame over FRAMES frames in five states (settled,
typewriter revealing, the dynamics panel on, the comfort features on: the quick menu with the
keyboard moving along it and self-voicing following the focus, and the ending screen: its
chart and its turning points, the focus moving along them and self-voicing reading them),
and the wall time from starting a new Python process to the first frame drawn (median of
several runs). Not a test: nothing here fails.

    python -m bench.frame [STORY_DIR] [--frames N]

Writes bench/results/frame.md and bench/results/frame.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
FRAMES = 1200
STARTS = 5
TARGET_MEDIAN_MS, TARGET_START_S = 2.0, 1.0
STATES = ("settled", "typewriter", "dynamics", "comfort", "ending")

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from game.app import run
from game.cli import build_parser
from game.tools.lint import load_linted
ready = run.prepare(build_parser().parse_args(["play", {story!r}, "--autoplay", "first"]),
                    check=load_linted)
run.start(ready)
ready.app.frame()
print(time.perf_counter(), flush=True)
"""


def heaviest_node(story):
    """The node with the longest line among those that offer replies: the fullest box."""
    best, size = None, -1
    for node in story.nodes.values():
        if not node.choices:
            continue
        for i, line in enumerate(node.lines):
            if len(line.text) > size:
                best, size = (node.id, i), len(line.text)
    return best


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Keep:
    """A speech engine that keeps what it is given (the benchmark makes no sound)."""

    def __init__(self, said: list[str]):
        self.said = said

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


def measure_frames(story_dir: Path, frames: int) -> dict:
    import pygame

    from game.app.loop import App
    from game.app.screens import registry
    from game.app.services import Services
    from game.app.states.play import PlayScreen
    from game.app.transitions import Replace
    from game.app.voice import Voice
    from game.story.load import load_story
    from game.story.session import Session

    story, diagnostics = load_story(story_dir)
    if story is None:
        raise SystemExit(f"bench: {story_dir} does not load: {diagnostics[:3]}")
    node_id, line_index = heaviest_node(story) or (story.start, 0)
    pygame.init()
    app = App(Services(), registry(), fixed_dt=1 / 60)
    app.open_window()
    app.apply(Replace("play", session=Session.start(story, at=node_id)))
    play = app.top
    assert isinstance(play, PlayScreen)
    play.index = line_index
    play._show_line()
    play.box.finish()
    if line_index == len(play.lines) - 1:
        play._after_lines()
    partner = story.partner
    if play.portrait.current is None and partner is not None and partner.portraits:
        play.portrait.show("bench", play._portrait(partner.id, None))

    def run(n: int, each=None) -> list[float]:
        out = []
        for i in range(n):
            if each is not None:
                each(i)
            t0 = time.process_time_ns()
            app.frame()
            out.append((time.process_time_ns() - t0) / 1e6)
        return out

    run(240)  # let the camera, light and fades settle
    results = {"node": node_id, "line_chars": len(play.lines[line_index].text)}
    settled = run(frames)

    def retype(i: int) -> None:
        if i % 120 == 0:
            play.box.shown = 0.0

    phase = play.phase
    play.phase = "lines"
    typing = run(frames, retype)
    play.box.finish()
    play.phase = phase
    app.services.settings = dataclasses.replace(app.services.settings, show_dynamics=True)
    run(60)
    dynamics = run(frames)
    # the comfort features on: the quick menu with the keyboard on it, and self-voicing
    # following what is focused (to an engine that only keeps the text: no sound here)
    said: list[str] = []
    app.services.voice = Voice(Keep(said))
    app.services.settings = dataclasses.replace(app.services.settings, show_dynamics=False,
                                                quick_menu=True, self_voicing=True)
    play.quick.reach()

    def move_focus(i: int) -> None:
        if i % 30 == 0:
            play.quick.focus = (i // 30) % 8

    run(60)
    comfort = run(frames, move_focus)
    results["spoken"] = len(said)
    # the ending: the chart of every charted variable with the turning points marked, and the
    # turning points beside it, the focus moving along them (self-voicing still on)
    session = Session.start(story)
    while not session.is_over and session.choices():
        session.choose(session.choices()[0].index)
    app.apply(Replace("ending", session=session))
    ending = app.top
    count = len(getattr(ending, "points", ()))

    def move_point(i: int) -> None:
        if i % 30 == 0 and count:
            ending._focus_point((i // 30) % count)

    run(60)
    at_ending = run(frames, move_point)
    results["ending_node"] = session.node_id
    results["turning_points"] = count
    for name, values in (("settled", settled), ("typewriter", typing), ("dynamics", dynamics),
                         ("comfort", comfort), ("ending", at_ending)):
        results[name] = {
            "frames": len(values),
            "median_ms": round(statistics.median(values), 3),
            "p99_ms": round(percentile(values, 99), 3),
            "max_ms": round(max(values), 3),
        }
    pygame.quit()
    return results


def measure_start(story_dir: Path, runs: int) -> dict:
    times = []
    code = CHILD.format(root=str(ROOT), story=str(story_dir))
    env = dict(os.environ)
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=120, cwd=ROOT)
        if done.returncode != 0 or not done.stdout.strip():
            raise SystemExit(f"bench: the start run failed:\n{done.stderr}")
        first = float(done.stdout.strip().splitlines()[-1])
        times.append(first - t0)
    return {"runs": runs, "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3), "max_s": round(max(times), 3)}


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
        "frame": per_frame,
        "start": start,
        "targets": {"median_ms": TARGET_MEDIAN_MS, "start_s": TARGET_START_S},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "frame.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    (RESULTS / "frame.md").write_text(render_md(data), "utf-8")
    print(render_md(data))
    return 0


def render_md(d: dict) -> str:
    f = d["frame"]
    rows = "\n".join(
        f"| {name} | {f[name]['frames']} | {f[name]['median_ms']:.3f} | {f[name]['p99_ms']:.3f} "
        f"| {f[name]['max_ms']:.3f} |"
        for name in STATES if name in f
    )
    s = d["start"]
    worst = max(f[name]["median_ms"] for name in STATES if name in f)
    ok_frame = "met" if worst < d["targets"]["median_ms"] else "NOT met"
    ok_start = "met" if s["median_s"] < d["targets"]["start_s"] else "NOT met"
    return f"""# Frame benchmark

Command: `{d['command']}` (headless, SDL dummy drivers) · {d['when']} · {d['machine']}

CPU time per frame (process time: events, update, draw, flip) on the play screen of
`{d['story']}` at node `{f['node']}`: a {f['line_chars']}-character spoken line in the dialogue
box, the speaker's portrait, the Tiled map and the replies.

| state | frames | median ms | p99 ms | max ms |
|---|---|---|---|---|
{rows}

Start: from launching a new Python process to the first frame drawn (play screen, map and
portrait loaded): median {s['median_s']:.3f} s over {s['runs']} runs (min {s['min_s']:.3f},
max {s['max_s']:.3f}).

The comfort state has the quick menu on with the keyboard moving along it and self-voicing
following the focus ({f.get('spoken', 0)} things said, to an engine that keeps the text). The
ending state is the ending screen after the first reply at every choice (`{f.get('ending_node',
'')}`): the chart of the charted variables with {f.get('turning_points', 0)} turning points
marked, and the turning points beside it, the focus moving along them every half second with
self-voicing on.

Targets: median frame under {d['targets']['median_ms']} ms in every state ({ok_frame}); start under
{d['targets']['start_s']} s ({ok_start}).
"""


if __name__ == "__main__":
    raise SystemExit(main())
