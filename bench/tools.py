"""Speed of the writer's tools on generated stories: load, lint, graph, explore and simulate.

    python -m bench.tools [--sizes 1000,10000,100000] [--once-sizes 10000] [--out bench/results]

For each size, ``bench.generate`` writes a seeded random story; in rounds, we time loading it,
linting it (``lint_story``, what ``lowtide lint`` runs: load plus every check), the checks
alone, and drawing its map (``lowtide graph`` to .dot and to .html: load, map, layout, text),
each once a round in a fresh process, in wall and CPU time; then exploring it (``lowtide explore`` with a cap of
play's states: its seconds and whether it proved everything) and simulating it (choices per
second). Figures (min / median / max over the rounds)
go to ``tools.md`` and ``tools.json`` with the command, the machine, its load average and the
date; ``tools-notes.md`` in the same folder, if present, is added to ``tools.md`` as notes.
These are measurements, not tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from bench.generate import generate, write_lowtide
from game.story.load import load_story
from game.tools.checks import run_checks
from game.tools.explore import explore
from game.tools.graph import run_graph
from game.tools.lint import lint_story
from game.tools.simulate import simulate

DEFAULT_SIZES = (1_000, 10_000, 100_000)
EXPLORE_STATES = 50_000
SIM_RUNS, SIM_STEPS = 200, 200
ROUNDS, ROUNDS_BIG = 5, 5  # rounds of load, lint, checks and graph: up to 10,000 nodes, above
TIMED = ("load", "lint", "checks", "graph_dot", "graph_html")
DEFAULT_ONCE_SIZES = (10_000,)
ONCE_SEED = 20240601  # the peers benchmark's seed: the same once-only graphs


def spread(values: list[float]) -> dict[str, float]:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call, and its result."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def _graph(folder: Path, out: Path) -> int:
    """``lowtide graph`` as the command runs it, its message to the terminal kept quiet."""
    with contextlib.redirect_stderr(io.StringIO()):
        code = run_graph(folder, out)
    assert code == 0, f"lowtide graph failed on {folder}"
    return code


def _loaded(folder: Path) -> Any:
    story, diagnostics = load_story(folder)
    assert story is not None, [d.format() for d in diagnostics[:5]]
    return story


def _tool(name: str, folder: Path) -> tuple[float, float, int]:
    """One timed run of tool ``name`` on the story in ``folder``: wall and CPU seconds, and
    how many findings lint gave (0 for the others). Runs in a process of its own."""
    work: dict[str, Callable[[Any], Any]] = {
        "load": lambda _: load_story(folder),
        "lint": lambda _: lint_story(folder),
        "checks": run_checks,
        "graph_dot": lambda _: _graph(folder, folder.parent / "map.dot"),
        "graph_html": lambda _: _graph(folder, folder.parent / "map.html"),
    }
    story = _loaded(folder) if name == "checks" else None  # untimed
    wall, cpu, result = _timed(partial(work[name], story))
    return wall, cpu, len(result) if name == "lint" else 0


def _fresh(name: str, folder: Path) -> tuple[float, float, int]:
    """``_tool`` in a new interpreter, as a writer's ``lowtide lint`` or ``lowtide graph``
    runs: no heap left by the tools timed before it."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        return pool.submit(_tool, name, folder).result()


def rounds(folder: Path, count: int) -> tuple[dict[str, dict[str, Any]], int]:
    """Each timed tool once a round, ``count`` rounds; their spreads, and lint's findings.

    Each run is a fresh process, timed from inside around the tool's call (the interpreter's
    start and imports are not counted): in one long process the 100,000-node tools ran a fifth
    slower than the commands do, on a heap left by the loads and maps before them."""
    samples: dict[str, dict[str, list[float]]] = {k: {"wall": [], "cpu": []} for k in TIMED}
    found = 0
    for _ in range(count):
        for name in TIMED:
            wall, cpu, lint_found = _fresh(name, folder)
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(cpu)
            if name == "lint":
                found = lint_found
    figures = {
        name: {"wall_s": spread(s["wall"]), "cpu_s": spread(s["cpu"]),
               "samples_wall_s": [round(x, 4) for x in s["wall"]]}
        for name, s in samples.items()
    }  # fmt: skip
    return figures, found


def measure(nodes: int, folder: Path, seed: int = 1) -> dict[str, Any]:
    write_lowtide(generate(nodes, seed), folder)
    timed, found = rounds(folder, ROUNDS if nodes <= 10_000 else ROUNDS_BIG)
    story = _loaded(folder)
    explore_s, explore_cpu_s, result = _timed(partial(explore, story, max_states=EXPLORE_STATES))
    t0 = time.perf_counter()
    report = simulate(story, runs=SIM_RUNS, seed=seed, max_steps=SIM_STEPS)
    simulate_s = time.perf_counter() - t0
    return {
        "nodes": nodes,
        "choices": sum(len(n.choices) for n in story.nodes.values()),
        **timed,
        "lint_diagnostics": found,
        "explore_states": result.states,
        "explore_complete": result.complete,
        "explore_s": round(explore_s, 3),
        "explore_cpu_s": round(explore_cpu_s, 3),
        "simulate_choices": report["choices_made"],
        "simulate_s": round(simulate_s, 3),
        "simulate_choices_per_s": round(report["choices_made"] / simulate_s),
    }


def measure_once(nodes: int, folder: Path) -> dict[str, Any]:
    """Lint, once, of the once-only graph of ``nodes`` knots (minutes long where lint is slow,
    so not in rounds)."""
    write_lowtide(generate(nodes, ONCE_SEED, shape="once"), folder)
    wall, cpu, found = _timed(lambda: lint_story(folder))
    story = _loaded(folder)
    return {"knots": nodes, "nodes": len(story.nodes), "lint_wall_s": round(wall, 3),
            "lint_cpu_s": round(cpu, 3), "lint_diagnostics": len(found)}


def machine() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
        "processor": platform.processor() or platform.machine(),
        "cpus": str(os.cpu_count()),
    }


def _three(f: dict[str, Any]) -> str:
    w, c = f["wall_s"], f["cpu_s"]
    return f"{w['min']:.3f} / **{w['median']:.3f}** / {w['max']:.3f} s ({c['median']:.3f} s CPU)"


def write_results(rows: list[dict[str, Any]], out: Path, command: str, load: dict,
                  once: list[dict[str, Any]] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    meta = {
        "command": command,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_average": load,
        "rounds": {"up_to_10000_nodes": ROUNDS, "above": ROUNDS_BIG},
        "explore_max_states": EXPLORE_STATES,
        "simulate": {"runs": SIM_RUNS, "max_steps": SIM_STEPS},
    }
    whole = {**meta, "results": rows, "once_only_lint": once or []}
    (out / "tools.json").write_text(json.dumps(whole, indent=2) + "\n")
    m = meta["machine"]
    lines = [
        "# Writer's tools: speed on generated stories",
        "",
        f"Command: `{command}`  ",
        f"Date: {meta['date']}  ",
        f"Machine: {m['system']}, {m['processor']}, {m['cpus']} CPUs, "
        f"{m['implementation']} {m['python']}; load average (1, 5, 15 min) {load.get('start')} "
        f"at the start and {load.get('end')} at the end",
        "",
        "Stories from `bench/generate.py` (seed 1): three choices per node, about 5% endings, "
        "integer variables, a story.json and three branch files. In each round (5 up to 10,000 "
        f"nodes, {ROUNDS_BIG} above) every tool runs once, one after the other, each in a fresh "
        "process and timed from inside it around the tool's call: "
        "load (`load_story`); lint (`lint_story`, what `lowtide lint` runs: load plus every "
        "check, with the position of every finding); the checks alone on a story loaded just "
        "before them (untimed); and "
        "the story map as `lowtide graph` writes it, to .dot and to .html (load, map, layout, "
        "text, file). Figures are min / **median** / max wall time over the rounds, with the "
        "median CPU time. Explore is `lowtide explore` once, with play's states capped at "
        f"{EXPLORE_STATES:,} (past the cap the may-search over ranges and steered roads "
        "settle the rest): its time, and whether its verdicts are complete; simulate is {SIM_RUNS} random runs of at most "
        f"{SIM_STEPS} choices.",
        "",
        "| nodes | choices | load | lint (load + checks) | checks alone |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['choices']:,} | {_three(r['load'])} | {_three(r['lint'])} | "
            f"{_three(r['checks'])} |"
        )
    lines += ["", "| nodes | graph to .dot | graph to .html | explore | simulate |",
              "|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {_three(r['graph_dot'])} | {_three(r['graph_html'])} | "
            f"{_explored(r)} | {r['simulate_choices_per_s']:,} choices/s |"
        )
    if len(rows) > 1:
        for name, label in (("lint", "Lint"), ("graph_html", "The .html map")):
            steps = [
                f"{(b[name]['wall_s']['median'] / a[name]['wall_s']['median']) / (b['nodes'] / a['nodes']):.2f} "
                f"from {a['nodes']:,} to {b['nodes']:,} nodes"
                for a, b in zip(rows, rows[1:])
            ]
            lines += ["", f"{label}: time per node changes by a factor of {', and '.join(steps)} "
                      "(1.00 is exactly linear)."]
    if once:
        lines += ["", f"Lint of the once-only graphs (`bench.generate --shape once`, seed {ONCE_SEED}: "
                  "each choice through a route node of its own and behind "
                  "`visits(\"...\") == 0`), one run each:", "",
                  "| knots | nodes | lint | findings |", "|---:|---:|---:|---:|"]
        for r in once:
            lines.append(f"| {r['knots']:,} | {r['nodes']:,} | {r['lint_wall_s']:.3f} s "
                         f"({r['lint_cpu_s']:.3f} s CPU) | {r['lint_diagnostics']:,} |")
    notes = out / "tools-notes.md"
    if notes.is_file():
        lines += ["", "## Notes", "", notes.read_text(encoding="utf-8").strip()]
    (out / "tools.md").write_text("\n".join(lines) + "\n")


def _explored(row: dict[str, Any]) -> str:
    """One explore run: seconds (CPU), play's states kept, and whether it is complete."""
    verdict = "complete" if row["explore_complete"] else "not complete"
    return (f"{row['explore_s']:.2f} s ({row.get('explore_cpu_s', row['explore_s']):.2f} s CPU), "
            f"{row['explore_states']:,} states, {verdict}")


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tools", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--once-sizes", default=",".join(map(str, DEFAULT_ONCE_SIZES)),
                        help="knots of the once-only graphs linted once each (empty: none)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    load = {"start": _load_average()}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            row = measure(size, Path(tmp) / f"g{size}")
            median = {k: row[k]["wall_s"]["median"] for k in TIMED}
            print(
                f"{size:>7,} nodes: load {median['load']:.3f} s, lint {median['lint']:.3f} s, "
                f"graph .dot {median['graph_dot']:.3f} s, .html {median['graph_html']:.3f} s, "
                f"explore {_explored(row)}, "
                f"simulate {row['simulate_choices_per_s']:,} choices/s",
                file=sys.stderr,
            )
            rows.append(row)
        once = []
        for size in [int(s) for s in args.once_sizes.split(",") if s.strip()]:
            once.append(measure_once(size, Path(tmp) / f"once{size}"))
            print(f"{size:>7,} knots once-only: lint {once[-1]['lint_wall_s']:.3f} s",
                  file=sys.stderr)
    load["end"] = _load_average()
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python -m bench.tools", *given])
    write_results(rows, args.out, command, load, once)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
