"""Speed of the studio (``lowtide edit``): time to a usable map, and keystroke to squiggle.

    python -m bench.studio [--sizes 10000] [--keys 40] [--no-browser] [--out bench/results]

On the flagship (``low-tide``, 92 nodes) and on generated stories (``bench.generate``, seed 1):

- in Python, without a browser: opening the story (``Studio`` reads the files and builds the
  map with its positions: what the page's first request answers), the whole-story lint of the
  texts being edited, and one keystroke in a condition (the edit, then the quick lint of the
  node that the page turns into a squiggle);
- in Debian's chromium (when installed): ``lowtide edit STORY --no-browser`` started, the page
  asked for, and the time until the map is drawn (``performance.now()`` at Cytoscape's first
  render, counted from the page's request); then keystrokes typed into a choice's condition,
  each timed from the keystroke until the squiggles of its answer are on the page.

Medians (and the slowest, for keystrokes) go to ``studio.md`` and ``studio.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate, write_lowtide
from game import paths
from game.studio.studio import Studio

DEFAULT_SIZES = (10_000,)
BREAK = "  "  # two spaces: a line break in Markdown
OPENS, OPENS_BIG = 5, 3


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _a_choice(studio: Studio) -> tuple[str, str, list]:
    """A node with a choice, its file and the choice's path, to type a condition into."""
    for rel, value in studio.project.values().items():
        for node_id, node in (value.get("nodes") or {}).items():
            if isinstance(node, dict) and node.get("choices"):
                return node_id, rel, ["nodes", node_id, "choices", 0, "if"]
    raise RuntimeError("no node with a choice")


def python_side(root: Path, keys: int) -> dict[str, Any]:
    size = sum(p.stat().st_size for p in root.rglob("*.json"))
    repeat = OPENS_BIG if size > 1_000_000 else OPENS
    out: dict[str, Any] = {}
    out["open_s"] = _median_time(lambda: Studio(root).state(), repeat)
    studio = Studio(root)
    studio.state()
    out["nodes"] = len(studio.story_map()["cards"])
    out["lint_s"] = _median_time(studio.lint_now, repeat)
    node, rel, path = _a_choice(studio)
    typed = "safty >= 5"
    times = []
    for i in range(keys):
        text = typed[: i % len(typed) + 1]
        t0 = time.perf_counter()
        answer = studio.edit([{"op": "set", "file": rel, "path": path, "value": text}], "type",
                             coalesce="bench", focus=node)
        times.append(time.perf_counter() - t0)
        assert "node" in answer
    out["keystroke_ms_median"] = statistics.median(times) * 1000
    out["keystroke_ms_max"] = max(times) * 1000
    return out


_TYPE_ONE = """
const [label, ch, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const el = document.querySelector(`.cm-content[aria-label='${label}']`);
const view = StudioVendor.EditorView.findFromDOM(el);
const before = window.studio.timings.squiggledAt || 0;
const t0 = performance.now();
const end = view.state.doc.length;
view.dispatch({ changes: { from: end, insert: ch }, userEvent: "input.type" });
const wait = () => {
  const at = window.studio.timings.squiggledAt || 0;
  if (at > before && at >= t0) done(at - t0); else setTimeout(wait, 1);
};
wait();
"""


def browser_side(root: Path, keys: int) -> dict[str, Any] | None:
    from tests.studio.browser import CHROMEDRIVER, CHROMIUM, chromium, studio, wait_for

    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        return None
    out: dict[str, Any] = {}
    loads = []
    with studio(root) as url, chromium() as driver:
        for i in range(3):
            driver.get(url if i == 0 else url + f"&again={i}")
            wait_for(driver, "window.studio && window.studio.ready", timeout=120)
            loads.append(driver.execute_script("return window.studio.timings.readyAt") / 1000)
        out["map_ready_s"] = statistics.median(loads)
        out["map_ready_s_all"] = loads
        node_id, _, _ = _a_choice(Studio(root))
        driver.execute_script(f"window.studio.map.getCy().getElementById('{node_id}').emit('tap')")
        wait_for(driver, f"document.getElementById('node-title')?.textContent === '{node_id}'")
        wait_for(driver, "document.querySelector(\".cm-content[aria-label='choice 1 condition']\")")
        driver.execute_script(
            "StudioVendor.EditorView.findFromDOM(document.querySelector("
            "\".cm-content[aria-label='choice 1 condition']\")).focus()")
        latencies = []
        typed = "safty >= 5 and tide < 9"
        for i in range(keys):
            ch = typed[i % len(typed)]
            latencies.append(driver.execute_async_script(_TYPE_ONE, "choice 1 condition", ch))
        squiggled = driver.execute_script("return !!document.querySelector('.cm-lintRange-error')")
        out["keystroke_to_squiggle_ms_median"] = statistics.median(latencies)
        out["keystroke_to_squiggle_ms_max"] = max(latencies)
        out["squiggle_shown"] = squiggled
    return out


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, " \
           f"{platform.python_implementation()} {platform.python_version()}"


def _fmt(x: float | None, unit: str = "s") -> str:
    if x is None:
        return "–"
    return f"{x:.3f} s" if unit == "s" else f"{x:.1f} ms"


def write_results(results: list[dict[str, Any]], out: Path, command: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    data = {"command": command, "date": when, "machine": _machine(), "stories": results}
    (out / "studio.json").write_text(json.dumps(data, indent=2) + "\n")
    rows = []
    for r in results:
        p, b = r["python"], r.get("browser") or {}
        rows.append(
            f"| {r['story']} | {p['nodes']:,} | {_fmt(p['open_s'])} | {_fmt(b.get('map_ready_s'))} | "
            f"{_fmt(p['lint_s'])} | {_fmt(p['keystroke_ms_median'], 'ms')} | "
            f"{_fmt(b.get('keystroke_to_squiggle_ms_median'), 'ms')} "
            f"(slowest {_fmt(b.get('keystroke_to_squiggle_ms_max'), 'ms')}) |")
    flagship = results[0]
    b = flagship.get("browser") or {}
    goals = []
    if b:
        goals.append(f"flagship map usable in {b['map_ready_s']:.2f} s (goal: under 1 s): "
                     f"{'met' if b['map_ready_s'] < 1 else 'not met'}")
        goals.append(f"flagship keystroke to squiggle {b['keystroke_to_squiggle_ms_median']:.1f} ms median "
                     f"(goal: under 100 ms): "
                     f"{'met' if b['keystroke_to_squiggle_ms_median'] < 100 else 'not met'}")
    text = f"""# The studio: time to a usable map, keystroke to squiggle

Command: `{command}`{BREAK}
Date: {when}{BREAK}
Machine: {data['machine']}

"open" is `Studio(root).state()` in Python: reading the files and building the map with
positions, what the page's first request answers (median of {OPENS} runs, {OPENS_BIG} for large
stories). "map usable" is measured in headless chromium from the page's request to Cytoscape's
first drawing of the map (median of 3 loads, the server already running). "lint" is the
whole-story lint of the texts being edited (debounced in the studio). "keystroke (Python)" is
one edit of a choice's condition with the quick lint of its node; "keystroke to squiggle" is in
the page, from the keystroke in the field to the squiggles of its answer being set (median of
the keystrokes typed, and the slowest).

| story | nodes | open (Python) | map usable (browser) | lint | keystroke (Python) | keystroke to squiggle (browser) |
|---|---:|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

{chr(10).join('- ' + g for g in goals)}
"""
    notes = out / "studio-notes.md"
    if notes.exists():
        text += "\n## Notes\n\n" + notes.read_text()
    (out / "studio.md").write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.studio")
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    command = "python -m bench.studio" + (f" --sizes {args.sizes}" if args.sizes != "10000" else "")
    work = Path(tempfile.mkdtemp(prefix="lowtide-bench-studio-"))
    results = []
    try:
        flagship = work / "low-tide"
        shutil.copytree(paths.bundled_stories_dir() / "low-tide", flagship)
        stories = [("low-tide (flagship)", flagship)]
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            folder = write_lowtide(generate(size, 1), work / f"g{size}")
            stories.append((f"generated, {size:,} nodes", folder))
        for name, root in stories:
            print(f"studio: {name}", file=sys.stderr, flush=True)
            result = {"story": name, "python": python_side(root, args.keys)}
            if not args.no_browser:
                result["browser"] = browser_side(root, args.keys)
            print(json.dumps(result), file=sys.stderr, flush=True)
            results.append(result)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.no_write:
        write_results(results, args.out, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
