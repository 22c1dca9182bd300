"""Soak benchmark: memory over many playthroughs in one process.

Each playthrough is a whole run of the window, as ``lowtide play STORY --autoplay random``
builds it (services, screens, saves with thumbnails, progress), played to an ending through the
real loop under the SDL dummy drivers, then closed (``run.finish``, as ``lowtide play`` ends). The bundled stories take
turns, so story switches are part of it; every tenth playthrough also reloads its story in
developer mode's way (``DevMode.reload``). Everything stays in one Python process, as a long
session of a player (or a writer) would.

After each playthrough the process's resident set (RSS, from ``/proc/self/statm``, or
``psutil`` where there is no /proc) and the number of live Python objects are read, after a
full garbage collection and, on glibc, ``malloc_trim(0)`` (free heap pages handed back, so a
step in the allocator's arenas is not read as growth; what is alive stays counted). Reported: RSS at the start and at the end, and the growth per
playthrough: the slope of a least-squares line through the RSS of every playthrough after the
warm-up (the first WARMUP), in KB. The goal is under 50 KB per playthrough.

    python -m bench.soak [--runs 500] [--warmup 25] [--stories low-tide,two-bars,...]

Writes bench/results/soak.md and bench/results/soak.json. Not a test: nothing here fails
(``tests/app/test_soak.py`` runs a short version with a looser bound).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
RUNS, WARMUP = 500, 25
GOAL_KB = 50.0
RELOAD_EVERY = 10


@dataclass(frozen=True)
class Sample:
    run: int
    story: str
    rss: int  # bytes
    objects: int
    seconds: float
    frames: int
    exit_code: int


def release_free_heap() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``), so the
    resident set counts what is alive, not what the allocator keeps for later: without it the
    set moves in steps of megabytes as arenas grow and shrink, whatever the program holds."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the resident set as it is
        pass


def rss_bytes() -> int:
    """The process's resident set now (not its peak)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import psutil  # where there is no /proc

        return int(psutil.Process().memory_info().rss)


def slope(xs: list[float], ys: list[float]) -> float:
    """The least-squares slope of ys over xs (0 for fewer than two points)."""
    if len(xs) < 2:
        return 0.0
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0


def playthrough(story: Path, seed: int, data_dir: Path, *, reload: bool = False) -> tuple[int, int]:
    """One whole window run to an ending; (exit code, frames drawn)."""
    from game.app import run
    from game.cli import build_parser
    from game.tools.lint import load_linted

    args = build_parser().parse_args(["play", str(story), "--autoplay", "random", "--seed",
                                      str(seed), "--data-dir", str(data_dir)])
    ready = run.prepare(args, check=load_linted)
    if isinstance(ready, int):
        return ready, 0
    try:
        run.start(ready)
        if reload:
            _reload_in_place(ready.app)
        code = ready.app.run()
    finally:
        run.finish(ready)
    return code, ready.app.frame_count


def _reload_in_place(app) -> None:
    """Reload the story being played the way developer mode does on a save."""
    from game.app.devplay import DevMode

    screen = app.top
    session = getattr(screen, "session", None)
    if session is None:
        return
    services = app.services
    mode = DevMode(Path(session.story.root), services.keep, services.images, services.check)
    mode.attach(screen)
    app.apply(mode.reload())


def soak(stories: list[Path], runs: int, warmup: int, progress: bool = True) -> list[Sample]:
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="lowtide-soak-") as tmp:
        for i in range(runs):
            story = stories[i % len(stories)]
            t0 = time.perf_counter()
            code, frames = playthrough(story, i, Path(tmp), reload=(i % RELOAD_EVERY == 9))
            seconds = time.perf_counter() - t0
            gc.collect()
            release_free_heap()
            sample = Sample(i, story.name, rss_bytes(), len(gc.get_objects()), seconds, frames,
                            code)
            samples.append(sample)
            if progress and (i % 25 == 0 or i == runs - 1):
                print(f"soak: {i + 1}/{runs} {story.name}: RSS {sample.rss / 2**20:.1f} MB, "
                      f"{sample.objects} objects, {seconds:.2f} s", file=sys.stderr, flush=True)
    return samples


def summarise(samples: list[Sample], warmup: int) -> dict:
    after = [s for s in samples if s.run >= warmup] or samples
    per_run = slope([s.run for s in after], [s.rss for s in after]) / 1024
    objects = slope([s.run for s in after], [s.objects for s in after])
    return {
        "runs": len(samples),
        "warmup": warmup,
        "rss_first_mb": samples[0].rss / 2**20,
        "rss_after_warmup_mb": after[0].rss / 2**20,
        "rss_last_mb": samples[-1].rss / 2**20,
        "rss_max_mb": max(s.rss for s in samples) / 2**20,
        "growth_kb_per_playthrough": per_run,
        "objects_per_playthrough": objects,
        "objects_last": samples[-1].objects,
        "median_seconds": statistics.median(s.seconds for s in samples),
        "failed_runs": sum(1 for s in samples if s.exit_code != 0),
        "goal_kb": GOAL_KB,
        "met": per_run < GOAL_KB,
    }


def write(samples: list[Sample], summary: dict, stories: list[Path], command: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    import pygame

    when = time.strftime("%Y-%m-%d %H:%M")
    machine = (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
               f"{platform.python_version()}, pygame-ce {pygame.version.ver}")
    (RESULTS / "soak.json").write_text(json.dumps({
        "command": command, "when": when, "machine": machine,
        "stories": [p.name for p in stories], "summary": summary,
        "samples": [s.__dict__ for s in samples],
    }, indent=1) + "\n")
    marks = [s for s in samples if s.run in (0, summary["warmup"]) or (s.run + 1) % 100 == 0]
    rows = "\n".join(f"| {s.run + 1} | {s.story} | {s.rss / 2**20:.1f} | {s.objects} |"
                     for s in marks)
    met = "met" if summary["met"] else "not met"
    (RESULTS / "soak.md").write_text(f"""# Soak benchmark

Command: `{command}` (headless, SDL dummy drivers) · {when} · {machine}

{summary['runs']} playthroughs in one process, each a whole window run (`lowtide play STORY
--autoplay random --seed N`, saves and progress in a temporary `--data-dir`) to an ending,
taking the stories in turn ({', '.join(p.name for p in stories)}); every
{RELOAD_EVERY}th also reloads its story as developer mode does. Resident set after each
playthrough, a full garbage collection and `malloc_trim(0)` (the C heap's free pages handed
back):

| playthrough | story | RSS MB | live objects |
|---|---|---|---|
{rows}

- RSS: {summary['rss_first_mb']:.1f} MB after the first playthrough,
  {summary['rss_after_warmup_mb']:.1f} MB after the warm-up ({summary['warmup']}),
  {summary['rss_last_mb']:.1f} MB after the last (most {summary['rss_max_mb']:.1f} MB).
- **Growth per playthrough after the warm-up: {summary['growth_kb_per_playthrough']:.1f} KB**
  (least-squares slope); live Python objects {summary['objects_per_playthrough']:+.1f} per
  playthrough ({summary['objects_last']} at the end).
- Median playthrough {summary['median_seconds']:.2f} s; runs that did not end well:
  {summary['failed_runs']}.

Goal: under {GOAL_KB:.0f} KB per playthrough ({met}).
""")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--stories", default="", help="bundled story ids, comma-separated "
                        "(default: every bundled story)")
    parser.add_argument("--no-write", action="store_true", help="print, write no results")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from game import paths

    bundled = paths.bundled_stories_dir()
    names = [n for n in args.stories.split(",") if n] or sorted(
        p.name for p in bundled.iterdir() if (p / "story.json").is_file())
    stories = [bundled / n for n in names]
    samples = soak(stories, args.runs, args.warmup)
    summary = summarise(samples, min(args.warmup, max(0, args.runs - 2)))
    command = "python -m bench soak" if argv is None and len(sys.argv) <= 1 else \
        "python -m bench.soak " + " ".join(argv if argv is not None else sys.argv[1:])
    print(json.dumps(summary, indent=1))
    if not args.no_write:
        write(samples, summary, stories, command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
