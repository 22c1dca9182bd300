"""The explorer on the bundled stories (and a generated once-only one): play's own states one
by one against what ``lowtide explore`` does now (play's states up to ``--max-states``, then
the may-search over ranges, its proofs and steered roads: ``game.tools.abstract`` and
``game.tools.witness``).

For each story in ``game/data/stories`` (or those named), in one process: the search of play's
states alone (``search(exact=True)``, capped at ``--max-states``), then ``lowtide explore``'s
search and summary, then the road report ``lowtide explore --endings`` makes. Each is timed in
wall and CPU time, with the states it kept, the abstract states, the roads found beyond the
breadth-first search, what was left unsettled and whether the verdicts are complete. Not a
test: nothing here fails.

    python -m bench.explorer [--stories low-tide,two-bars] [--max-states N] [--max-work W]

``--once N`` adds a generated story of N knots in the once-only shape (``bench.generate``,
seed 20240601, as in the peers benchmark: each choice through a route node of its own, behind
``visits("...") == 0``), whose states count thousands of nodes; 0 leaves it out.

Writes bench/results/explorer.md and bench/results/explorer.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``fn()``, its wall seconds and this process's CPU seconds."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


ONCE_SEED = 20240601


def measure(story_dir: Path, max_states: int, max_work: int,
            name: str | None = None) -> dict[str, Any]:
    from game.story.load import load_or_raise
    from game.tools.explore import explore, search
    from game.tools.roads import road_report

    story = load_or_raise(story_dir)
    row: dict[str, Any] = {"story": name or story.id, "nodes": len(story.nodes)}
    g, wall, cpu = timed(lambda: search(story, max_states=max_states, exact=True))
    row["states"] = {"states": len(g.keys), "complete": g.complete, "wall_s": round(wall, 2),
                     "cpu_s": round(cpu, 2)}
    ex, wall, cpu = timed(lambda: explore(story, max_states=max_states, max_work=max_work))
    row["explore"] = {"states": ex.states, "exhaustive": ex.exhaustive,
                      "abstract_states": ex.abstract_states, "witnessed": ex.witnessed,
                      "unsettled": list(ex.unsettled), "complete": ex.complete,
                      "verdict": "FAILED" if ex.failed else
                      "PASSED" if ex.complete else "INCOMPLETE",
                      "endings_reached": sum(e.path is not None for e in ex.endings),
                      "endings": len(ex.endings), "stuck": len(ex.stuck), "loops": len(ex.traps),
                      "unreached_nodes": len(ex.unreached_nodes),
                      "unreached_choices": len(ex.unreached_choices),
                      "wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}
    report, wall, cpu = timed(lambda: road_report(story, max_states=max_states,
                                                  max_work=max_work))
    row["roads"] = {"complete": report.complete, "states": report.states,
                    "variants": sum(len(e.groups) for e in report.endings),
                    "endings_reached": sum(bool(e.groups) for e in report.endings),
                    "endings": len(report.endings), "unsettled": len(report.unsettled),
                    "wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}
    return row


def _how(part: dict[str, Any]) -> str:
    return "complete" if part["complete"] else "cut short"


def markdown(data: dict[str, Any]) -> str:
    out = [
        "# The explorer on the bundled stories and a once-only story",
        "",
        f"Run on {data['when']} with `python -m bench explorer` (see `bench/README.md`).",
        f"Machine: {data['machine']}; load average (1, 5, 15 min) {data['load_before']} at the "
        f"start and {data['load_after']} at the end.",
        f"Settings: --max-states {data['max_states']:,}, --max-work {data['max_work']:,}; git "
        f"{data['git']}.",
        "",
        "Play's states: the search one state at a time alone (`search(exact=True)`, the "
        "explorer of old). Explore: `lowtide explore STORY` (play's states up to the cap, then "
        "the may-search over ranges, its proofs, and steered roads to what it allows): the "
        "states of play kept, the abstract states, the roads found beyond the breadth-first "
        "search, what is left unsettled, and the verdict. Roads: `lowtide explore --endings`. "
        "Seconds are wall time, CPU time in brackets.",
        "",
        "| story | nodes | play's states | s | explore: states, abstract, roads | unsettled "
        "| verdict | s | road report | s |",
        "|---|---:|---|---:|---|---:|---|---:|---|---:|",
    ]
    for r in data["stories"]:
        s, e, rd = r["states"], r["explore"], r["roads"]
        verdict = f"{e['verdict']}, {'complete' if e['complete'] else 'not complete'}"
        roads = "complete" if rd["complete"] else f"{rd['unsettled']} variants not settled"
        out.append(
            f"| {r['story']} | {r['nodes']} | {s['states']:,}, {_how(s)} | {s['wall_s']} "
            f"({s['cpu_s']}) | {e['states']:,}, {e['abstract_states']:,}, {e['witnessed']} | "
            f"{len(e['unsettled'])} | {verdict} | {e['wall_s']} ({e['cpu_s']}) | "
            f"{rd['variants']} variants of {rd['endings_reached']}/{rd['endings']} endings, "
            f"{roads} "
            f"| {rd['wall_s']} ({rd['cpu_s']}) |")
    notes = RESULTS / "explorer-notes.md"
    if notes.exists():
        out += ["", notes.read_text(encoding="utf-8").strip()]
    return "\n".join(out) + "\n"


def _git() -> str:
    head = ROOT / ".git"
    try:
        import subprocess

        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown" if not head.exists() else "?"


def main(argv: list[str] | None = None) -> int:
    from game.paths import bundled_stories_dir
    from game.tools.explore import DEFAULT_MAX_STATES, DEFAULT_MAX_WORK

    parser = argparse.ArgumentParser(prog="python -m bench.explorer")
    parser.add_argument("--stories", default="low-tide,two-bars,long-weekend,sample",
                        help="bundled stories, by name")
    parser.add_argument("--max-states", type=int, default=DEFAULT_MAX_STATES)
    parser.add_argument("--max-work", type=int, default=DEFAULT_MAX_WORK)
    parser.add_argument("--once", type=int, default=1000,
                        help="knots of the generated once-only story (0: leave it out)")
    parser.add_argument("--no-write", action="store_true", help="print the JSON only")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    data: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, CPython "
                   f"{platform.python_version()}",
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "max_states": args.max_states, "max_work": args.max_work, "git": _git(),
        "stories": [],
    }
    for name in args.stories.split(","):
        print(f"explorer bench: {name}", file=sys.stderr, flush=True)
        data["stories"].append(measure(bundled_stories_dir() / name, args.max_states, args.max_work))
    if args.once:
        from bench.generate import generate, write_lowtide

        name = f"once-only {args.once:,}"
        print(f"explorer bench: {name}", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_lowtide(generate(args.once, ONCE_SEED, "once"), Path(tmp) / "once")
            data["stories"].append(measure(folder, args.max_states, args.max_work, name))
    data["load_after"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(data, indent=2)
    if args.no_write:
        print(text)
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "explorer.json").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "explorer.md").write_text(markdown(data), encoding="utf-8")
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
