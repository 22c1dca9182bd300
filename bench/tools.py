"""Speed of the writer's tools on generated stories: load, lint, explore and simulate.

    python -m bench.tools [--sizes 1000,10000,100000] [--out bench/results]

For each size, ``bench.generate`` writes a seeded random story; we time loading it, linting it
(``lint_story``, what ``lowtide lint`` runs: load plus every check), exploring it (states per
second, over a bounded search) and simulating it (choices per second). Figures go to
``tools.md`` and ``tools.json`` with the command, the machine and the date; ``tools-notes.md``
in the same folder, if present, is added to ``tools.md`` as notes. These are measurements, not
tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate, write_lowtide
from game.story.load import load_story
from game.tools.checks import run_checks
from game.tools.explore import explore
from game.tools.lint import lint_story
from game.tools.simulate import simulate

DEFAULT_SIZES = (1_000, 10_000, 100_000)
EXPLORE_STATES = 50_000
SIM_RUNS, SIM_STEPS = 200, 200
REPEAT, REPEAT_BIG = 5, 3  # runs of load, lint and checks: up to 10,000 nodes, and above


def _median(fn, repeat: int) -> tuple[float, Any]:
    """The median time of ``repeat`` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def measure(nodes: int, folder: Path, seed: int = 1) -> dict[str, Any]:
    write_lowtide(generate(nodes, seed), folder)
    repeat = REPEAT if nodes <= 10_000 else REPEAT_BIG
    load_s, (story, diagnostics) = _median(lambda: load_story(folder), repeat)
    assert story is not None, [d.format() for d in diagnostics[:5]]
    lint_s, found = _median(lambda: lint_story(folder), repeat)
    checks_s, _ = _median(lambda: run_checks(story), repeat)
    t0 = time.perf_counter()
    result = explore(story, max_states=EXPLORE_STATES)
    explore_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = simulate(story, runs=SIM_RUNS, seed=seed, max_steps=SIM_STEPS)
    simulate_s = time.perf_counter() - t0
    return {
        "nodes": nodes,
        "choices": sum(len(n.choices) for n in story.nodes.values()),
        "load_s": round(load_s, 4),
        "lint_s": round(lint_s, 4),
        "checks_s": round(checks_s, 4),
        "lint_diagnostics": len(found),
        "explore_states": result.states,
        "explore_complete": result.complete,
        "explore_s": round(explore_s, 3),
        "explore_states_per_s": round(result.states / explore_s),
        "simulate_choices": report["choices_made"],
        "simulate_s": round(simulate_s, 3),
        "simulate_choices_per_s": round(report["choices_made"] / simulate_s),
    }


def machine() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
        "processor": platform.processor() or platform.machine(),
        "cpus": str(os.cpu_count()),
    }


def write_results(rows: list[dict[str, Any]], out: Path, command: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    meta = {
        "command": command,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "explore_max_states": EXPLORE_STATES,
        "simulate": {"runs": SIM_RUNS, "max_steps": SIM_STEPS},
    }
    (out / "tools.json").write_text(json.dumps({**meta, "results": rows}, indent=2) + "\n")
    m = meta["machine"]
    lines = [
        "# Writer's tools: speed on generated stories",
        "",
        f"Command: `{command}`  ",
        f"Date: {meta['date']}  ",
        f"Machine: {m['system']}, {m['processor']}, {m['cpus']} CPUs, "
        f"{m['implementation']} {m['python']}",
        "",
        "Stories from `bench/generate.py` (seed 1): three choices per node, about 5% endings, "
        "integer variables, a story.json and three branch files. Load, lint and checks are "
        f"medians of {REPEAT} runs ({REPEAT_BIG} above 10,000 nodes), in one process; lint is "
        "`lint_story`, what `lowtide lint` runs: load plus every check, with the position of "
        "every finding. Explore is a bounded "
        f"search of {EXPLORE_STATES:,} states; simulate is {SIM_RUNS} random runs of at most "
        f"{SIM_STEPS} choices.",
        "",
        "| nodes | choices | load | lint (load + checks) | checks alone | explore | simulate |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['choices']:,} | {r['load_s']:.3f} s | {r['lint_s']:.3f} s | "
            f"{r['checks_s']:.3f} s | {r['explore_states_per_s']:,} states/s | "
            f"{r['simulate_choices_per_s']:,} choices/s |"
        )
    if len(rows) > 1:
        steps = [
            f"{(b['lint_s'] / a['lint_s']) / (b['nodes'] / a['nodes']):.2f} from {a['nodes']:,} "
            f"to {b['nodes']:,} nodes"
            for a, b in zip(rows, rows[1:])
        ]
        lines += [
            "",
            f"Lint time per node changes by a factor of {', and '.join(steps)} (1.00 is exactly "
            "linear).",
        ]
    notes = out / "tools-notes.md"
    if notes.is_file():
        lines += ["", "## Notes", "", notes.read_text(encoding="utf-8").strip()]
    (out / "tools.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tools", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            row = measure(size, Path(tmp) / f"g{size}")
            print(
                f"{size:>7,} nodes: load {row['load_s']:.3f} s, lint {row['lint_s']:.3f} s, "
                f"explore {row['explore_states_per_s']:,} states/s, "
                f"simulate {row['simulate_choices_per_s']:,} choices/s",
                file=sys.stderr,
            )
            rows.append(row)
    command = "python -m bench.tools" + (f" --sizes {args.sizes}" if argv or sys.argv[1:] else "")
    write_results(rows, args.out, command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
