"""Our engine side by side with ink's runtimes: inkjs (JavaScript) and bink (Rust, from Python).

    python -m bench peers                 # or: make bench (runs every benchmark)
    python -m bench.peers --sizes 1000 --shapes sticky --big 0 --rounds 3 --playthroughs 200 --no-write

For each case (a size and a shape, ``bench.generate``), one generated graph is written as our
story folder and as ink source; the ink source is compiled once with inkjs's compiler and the
compiled JSON is what inkjs and bink load. Each runtime is a worker process that stays up for
the whole case and answers commands, one JSON object a line (``bench/ours_runner.py``,
``bench/inkjs_runner.js``, ``bench/bink_runner.py``):

- ``load``: load the ready story (ours: folder -> ``Story`` with ``load_story``; theirs:
  compiled JSON file -> story object), timed in wall and CPU time;
- ``play``: seeded random playthroughs producing the text of every step (ours:
  ``Session.lines()`` and ``Session.choices()``; theirs: ``Continue()`` until it stops, and the
  current choices' text), with one shared xorshift32 stream, timed the same way;
- ``verify``: the hash of the first playthroughs' transcript, equal in all three when they did
  exactly the same work;
- ``memory`` (in a fresh process): the resident set kept after loading and its peak.

The runtimes are paired round by round: in each round every runtime loads and plays once, one
after the other, in an order that rotates from round to round, so that each round's ratios
compare runs made within seconds of each other. Tables give the min, median and max over the
rounds, and the CPU-time figures beside the wall-time ones. Results go to
``bench/results/peers.{md,json}`` and the chart to ``bench/results/peers.svg``.

The peers are installed here on first use, into ignored folders: inkjs with npm into
``bench/peers/``, bink with pip into ``bench/.venv-bink/``. A peer that cannot be installed
is skipped with a message saying why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.generate import SHAPES, generate, write_ink, write_lowtide

BENCH = Path(__file__).resolve().parent
PEERS = BENCH / "peers"  # npm prefix for inkjs, and the generated stories
BINK_VENV = BENCH / ".venv-bink"
RESULTS = BENCH / "results"
INKJS_VERSION = "2.4.0"
BINK_VERSION = "0.7.1"
RUNTIMES = ("lowtide", "inkjs", "bink")

SIZES = (1000, 3000, 10000)
BIG = 100_000  # our engine only, the sticky shape
HEADLINE = 10000  # the size the targets are judged at
SEED = 20240601
PLAYTHROUGHS = 1000
ROUNDS = 7
BIG_ROUNDS = 3
WARMUP_PLAYTHROUGHS = 100
MAX_STEPS = 500  # a playthrough stops here if it has not reached an ending
VERIFY = 20  # playthroughs whose transcript is hashed and compared


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- installing the peers --------------------------------------------------------------------


def _run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def ensure_inkjs() -> str | None:
    """Install inkjs into bench/peers/ if needed; None when ready, else why it is skipped."""
    manifest = PEERS / "node_modules" / "inkjs" / "package.json"
    if manifest.is_file() and json.loads(manifest.read_text())["version"] == INKJS_VERSION:
        return None
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return "inkjs skipped: Node.js and npm are not installed (need node >= 14)"
    PEERS.mkdir(parents=True, exist_ok=True)
    package = PEERS / "package.json"
    if not package.exists():
        package.write_text('{"name": "lowtide-bench-peers", "private": true}\n')
    log(f"installing inkjs {INKJS_VERSION} with npm into {PEERS} ...")
    done = _run(
        [npm, "install", "--no-audit", "--no-fund", "--save-exact", f"inkjs@{INKJS_VERSION}"],
        cwd=PEERS,
    )
    if done.returncode != 0 or not manifest.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return f"inkjs skipped: npm install inkjs@{INKJS_VERSION} failed: {' / '.join(tail)}"
    return None


def bink_python() -> Path:
    return BINK_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_bink() -> str | None:
    """Install bink into bench/.venv-bink if needed; None when ready, else why it is skipped."""
    python = bink_python()
    check = [str(python), "-c", "import importlib.metadata as m; print(m.version('bink'))"]
    if python.exists() and _run(check).stdout.strip() == BINK_VERSION:
        return None
    log(f"installing bink {BINK_VERSION} with pip into {BINK_VENV} ...")
    if not python.exists():
        made = _run([sys.executable, "-m", "venv", str(BINK_VENV)])
        if made.returncode != 0:
            return f"bink skipped: cannot make a venv: {made.stderr.strip()[-200:]}"
    done = _run([str(python), "-m", "pip", "install", "--quiet", f"bink=={BINK_VERSION}"])
    if done.returncode != 0 or _run(check).stdout.strip() != BINK_VERSION:
        tail = (done.stderr or done.stdout).strip().splitlines()[-2:]
        return f"bink skipped: pip install bink=={BINK_VERSION} failed: {' / '.join(tail)}"
    return None


# -- the stories -----------------------------------------------------------------------------


def case_key(nodes: int, shape: str) -> str:
    """How a case is named in the results: "10000", or "10000-once" for another shape."""
    return str(nodes) if shape == "sticky" else f"{nodes}-{shape}"


def prepare(
    nodes: int, seed: int, root: Path = PEERS / "stories", ink: bool = True, shape: str = "sticky"
) -> dict[str, Path]:
    """Write the graph as our folder and as ink source under ``root``; return the paths."""
    folder = root / f"n{nodes}-s{seed}{'' if shape == 'sticky' else '-' + shape}"
    graph = generate(nodes, seed, shape)
    write_lowtide(graph, folder / "lowtide")
    paths = {"lowtide": folder / "lowtide"}
    if ink:
        paths["ink"] = write_ink(graph, folder / "story.ink")
        paths["ink_json"] = folder / "story.ink.json"
    return paths


def compile_ink(paths: dict[str, Path]) -> dict[str, Any] | str:
    """Compile the ink source once with inkjs's compiler (reused while the source is unchanged)."""
    source_hash = hashlib.sha256(paths["ink"].read_bytes()).hexdigest()
    stamp = paths["ink_json"].with_suffix(".sha256")
    if paths["ink_json"].is_file() and stamp.is_file() and stamp.read_text() == source_hash:
        return {"compile_s": None, "cached": True}
    log(f"compiling {paths['ink']} with inkjs's compiler ...")
    config = {"mode": "compile", "peers": str(PEERS), "ink": str(paths["ink"]), "out": str(paths["ink_json"])}
    done = _run(["node", str(BENCH / "inkjs_runner.js"), json.dumps(config)])
    if done.returncode != 0:
        return f"inkjs could not compile the story: {done.stderr.strip()[-400:]}"
    result = json.loads(done.stdout)
    if result.get("errors"):
        return f"inkjs reported errors compiling the story: {result['errors'][:3]}"
    stamp.write_text(source_hash)
    return result


# -- the workers -----------------------------------------------------------------------------


def worker_command(name: str, paths: dict[str, Path]) -> list[str]:
    """The command that starts runtime ``name``'s worker on the story at ``paths``."""
    if name == "lowtide":
        return [sys.executable, "-m", "bench.ours_runner", json.dumps({"story": str(paths["lowtide"])})]
    config = {"story": str(paths["ink_json"]), "peers": str(PEERS), "mode": "serve"}
    if name == "inkjs":
        return ["node", "--expose-gc", str(BENCH / "inkjs_runner.js"), json.dumps(config)]
    # as a module, from the project's folder (the worker's working directory), so it can
    # import bench.worker with bink's Python
    return [str(bink_python()), "-m", "bench.bink_runner", json.dumps(config)]


class WorkerError(RuntimeError):
    """A worker that failed or stopped answering; the message says which and why."""


class Worker:
    """One runtime's worker process, asked one command at a time."""

    def __init__(self, name: str, command: list[str]) -> None:
        self.name = name
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, bufsize=1, cwd=BENCH.parent,
        )  # fmt: skip

    def ask(self, op: str, **arguments: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
            self.process.stdin.flush()
        except OSError:
            pass  # it has stopped: the empty answer below says so with its error output
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=30)
            tail = (self.process.stderr.read() if self.process.stderr else "").strip()[-600:]
            raise WorkerError(f"{self.name} stopped during '{op}': {tail}")
        answer = json.loads(line)
        if "error" in answer:
            raise WorkerError(f"{self.name} failed: {answer['error']}")
        return answer

    def close(self) -> None:
        try:
            if self.process.stdin:
                self.process.stdin.write('{"op": "quit"}\n')
                self.process.stdin.close()
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def measure_memory(name: str, paths: dict[str, Path]) -> dict[str, Any]:
    """Memory of one runtime holding the story, in a fresh worker."""
    worker = Worker(name, worker_command(name, paths))
    try:
        return worker.ask("memory")
    finally:
        worker.close()


# -- one case: the runtimes paired round by round --------------------------------------------


def rotated(names: list[str], round_index: int) -> list[str]:
    """The order of round ``round_index``: each round starts one runtime further along."""
    k = round_index % len(names)
    return names[k:] + names[:k]


def run_case(
    names: list[str], paths: dict[str, Path], rounds: int, settings: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Every runtime's loads, plays and transcript hash; and those that failed, with why."""
    play = {k: settings[k] for k in ("seed", "max_steps")}
    workers: dict[str, Worker] = {}
    failed: dict[str, str] = {}
    raw: dict[str, dict[str, Any]] = {}
    try:
        for name in names:
            workers[name] = Worker(name, worker_command(name, paths))
        for name in list(workers):  # warm up: imports, caches, a JIT
            try:
                about = workers[name].ask("about")
                first = workers[name].ask("load")
                workers[name].ask("play", playthroughs=WARMUP_PLAYTHROUGHS, **play)
            except WorkerError as err:
                failed[name] = str(err)
                workers.pop(name).close()
                continue
            raw[name] = {"about": about, "nodes": first.get("nodes"), "loads": [], "plays": []}
        for r in range(rounds):
            for name in rotated([n for n in names if n in workers], r):
                try:
                    raw[name]["loads"].append(workers[name].ask("load"))
                    raw[name]["plays"].append(
                        workers[name].ask("play", playthroughs=settings["playthroughs"], **play)
                    )
                except WorkerError as err:
                    failed[name] = str(err)
                    workers.pop(name).close()
                    raw.pop(name)
        for name, worker in workers.items():
            raw[name]["verify"] = worker.ask("verify", playthroughs=settings["verify"], **play)
    finally:
        for worker in workers.values():
            worker.close()
    return raw, failed


# -- figures ---------------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, float]:
    """Min, median and max of one figure over the rounds."""
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    """One runtime's figures over the rounds, wall and CPU, with every sample kept."""
    loads, plays = raw["loads"], raw["plays"]
    return {
        "load_s": spread([x["wall_s"] for x in loads]),
        "load_cpu_s": spread([x["cpu_s"] for x in loads]),
        "choices_per_s": spread([p["choices"] / p["wall_s"] for p in plays]),
        "choices_per_cpu_s": spread([p["choices"] / p["cpu_s"] for p in plays]),
        "choices_per_repeat": plays[0]["choices"] if plays else 0,
        "transcript_sha256": raw["verify"]["sha256"],
        "transcript_head": raw["verify"]["head"],
        "samples": {
            "load_s": [round(x["wall_s"], 4) for x in loads],
            "load_cpu_s": [round(x["cpu_s"], 4) for x in loads],
            "play_s": [round(p["wall_s"], 4) for p in plays],
            "play_cpu_s": [round(p["cpu_s"], 4) for p in plays],
        },
    }


def ratios(ours: dict[str, Any], peer: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Our figures over the peer's, round by round (the rounds are paired), as min/median/max.

    choices_per_s: ours / theirs (above 1: we play faster); load_s: our seconds / theirs
    (below 1: we load faster); the ``_cpu`` ones the same in CPU time.
    """
    out = {}
    for key, ours_of, theirs_of, invert in (
        ("choices_per_s", "plays", "plays", True),
        ("load_s", "loads", "loads", False),
    ):
        for clock in ("wall_s", "cpu_s"):
            mine, theirs = ours[ours_of], peer[theirs_of]
            paired = []
            for a, b in zip(mine, theirs):
                if invert:  # a rate: choices per second, both made the same choices
                    paired.append((a["choices"] / a[clock]) / (b["choices"] / b[clock]))
                else:
                    paired.append(a[clock] / b[clock])
            name = key if clock == "wall_s" else f"{key}_cpu"
            out[name] = spread(paired)
    return out


# -- the whole run ---------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
    }


def load_average() -> list[float] | None:
    """The machine's load average over 1, 5 and 15 minutes, where the system tells it."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _our_version() -> str:
    try:
        from importlib.metadata import version

        base = version("lowtide")
    except Exception:
        base = "unknown"
    done = _run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH.parent)
    dirty = _run(["git", "status", "--porcelain", "--", "game/story"], cwd=BENCH.parent).stdout.strip()
    commit = done.stdout.strip() if done.returncode == 0 else "?"
    return f"{base} (git {commit}{', game/story modified' if dirty else ''})"


def run(
    sizes: tuple[int, ...] = SIZES,
    shapes: tuple[str, ...] = SHAPES,
    big: int = BIG,
    seed: int = SEED,
    playthroughs: int = PLAYTHROUGHS,
    rounds: int = ROUNDS,
    write: bool = True,
    runtimes: tuple[str, ...] = RUNTIMES,
    root: Path = PEERS / "stories",
) -> dict[str, Any]:
    settings = {"seed": seed, "playthroughs": playthroughs, "rounds": rounds,
                "big_rounds": BIG_ROUNDS, "max_steps": MAX_STEPS, "verify": VERIFY,
                "warmup_playthroughs": WARMUP_PLAYTHROUGHS}  # fmt: skip
    skipped: dict[str, str] = {}
    for name, ensure in (("inkjs", ensure_inkjs), ("bink", ensure_bink)):
        why = ensure() if name in runtimes else f"{name} not asked for"
        if why:
            skipped[name] = why
            log(why)
    versions: dict[str, str] = {"lowtide": _our_version(), "python": platform.python_version()}
    started = load_average()
    cases = [(n, shape, True) for shape in shapes for n in sizes]
    if big:
        cases.append((big, "sticky", False))
    results: dict[str, Any] = {}
    memory: dict[str, Any] = {}
    for nodes, shape, with_peers in cases:
        key = case_key(nodes, shape)
        log(f"-- {key}")
        paths = prepare(nodes, seed, root, ink=with_peers, shape=shape)
        names = ["lowtide"] + [n for n in ("inkjs", "bink") if with_peers and n not in skipped]
        entry: dict[str, Any] = {"nodes": nodes, "shape": shape}
        if len(names) > 1:
            compiled = compile_ink(paths)
            if isinstance(compiled, str):
                log(compiled)
                entry["peers_skipped"] = compiled
                names = ["lowtide"]
            elif compiled.get("compile_s") is not None:
                entry["ink_compile_s"] = compiled["compile_s"]
        raw, failed = run_case(names, paths, rounds if with_peers else BIG_ROUNDS, settings)
        if "lowtide" in failed:
            raise RuntimeError(failed["lowtide"])
        for name, why in failed.items():
            skipped[f"{name} at {key}"] = why
            log(why)
        for name, r in raw.items():
            entry[name] = summarise(r)
            versions.setdefault(name, r["about"]["version"])
            if "node" in r["about"]:
                versions.setdefault("node", r["about"]["node"])
        entry["story_nodes"] = raw["lowtide"]["nodes"]
        entry["ratios"] = {
            f"vs_{peer}": ratios(raw["lowtide"], raw[peer]) for peer in raw if peer != "lowtide"
        }
        hashes = {name: entry[name]["transcript_sha256"] for name in raw}
        entry["transcripts_match"] = len(set(hashes.values())) == 1
        if not entry["transcripts_match"]:
            log(f"   WARNING: the runtimes' transcripts differ: {hashes}")
        for name in raw:
            f = entry[name]
            log(f"   {name}: load {f['load_s']['median']:.3f} s, "
                f"{f['choices_per_s']['median']:,.0f} choices/s")
        results[key] = entry
        if nodes == HEADLINE and with_peers:
            log(f"   memory of {', '.join(raw)} holding the story")
            memory[key] = {name: measure_memory(name, paths) for name in raw}
    report = {
        "benchmark": "peers",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m bench peers",
        "machine": machine(),
        "load_average": {"start": started, "end": load_average()},
        "versions": versions,
        "settings": settings,
        "skipped": skipped,
        "sizes": results,
        "memory": memory,
    }
    headline = results.get(str(HEADLINE))
    if headline is not None:  # the medians at the headline size, as figures of their own
        for peer, figures in headline["ratios"].items():
            name = peer.removeprefix("vs_")
            report[f"choices_per_s_ratio_vs_{name}"] = figures["choices_per_s"]["median"]
            report[f"load_s_ratio_vs_{name}"] = figures["load_s"]["median"]
        report["ratios_at_nodes"] = HEADLINE
    report["targets"] = targets(results)
    if write:
        write_results(report)
    return report


# What issue 18 asks for, judged on the medians of the paired rounds (the slowest round too).
TARGETS = (
    ("plays at least 3x as fast as bink (median)", str(HEADLINE), "vs_bink", "choices_per_s", "median", ">=", 3.0),
    ("plays at least 4x as fast as inkjs (median)", str(HEADLINE), "vs_inkjs", "choices_per_s", "median", ">=", 4.0),
    ("plays over 2x as fast as bink in every round", str(HEADLINE), "vs_bink", "choices_per_s", "min", ">", 2.0),
    ("loads in at most half of bink's time (median)", str(HEADLINE), "vs_bink", "load_s", "median", "<=", 0.5),
    ("loads the once-only graph in at most bink's time (median)", f"{HEADLINE}-once", "vs_bink", "load_s", "median", "<=", 1.0),
)  # fmt: skip


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for label, case, peer, figure, stat, op, bound in TARGETS:
        found = results.get(case, {}).get("ratios", {}).get(peer)
        if found is None:
            continue
        value = found[figure][stat]
        met = value >= bound if op == ">=" else value > bound if op == ">" else value <= bound
        out.append({"target": label, "case": case, "ratio": f"{figure}_ratio_{peer}",
                    "statistic": stat, "value": value, "bound": bound, "met": met,
                    "spread": found[figure]})  # fmt: skip
    return out


# -- results ---------------------------------------------------------------------------------


def _case_label(entry: dict[str, Any]) -> str:
    label = f"{entry['nodes']:,}"
    if entry.get("shape", "sticky") != "sticky":
        label += f" {entry['shape']}-only"
    return label


def _three(s: dict[str, float], fmt: str) -> str:
    return f"{format(s['min'], fmt)} / **{format(s['median'], fmt)}** / {format(s['max'], fmt)}"


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def markdown(report: dict[str, Any]) -> str:
    m, v, s = report["machine"], report["versions"], report["settings"]
    load = report.get("load_average") or {}
    lines = [
        "# Our engine against ink's runtimes",
        "",
        f"Run on {report['date']} with `{report.get('command', 'python -m bench peers')}` "
        "(see `bench/README.md`).",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['system']}, {m['implementation']} {m['python']}; "
        f"load average (1, 5, 15 min) {load.get('start')} at the start and {load.get('end')} at the end.",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        f"Settings: seed {s['seed']}; {s['playthroughs']:,} random playthroughs per play; "
        f"{s['rounds']} rounds, in each of which every runtime loads the story once and plays once, "
        f"one after the other in an order that rotates each round (at "
        f"{BIG:,} nodes our engine alone, {s['big_rounds']} rounds). Figures are "
        "min / **median** / max over the rounds; ratios are taken round by round, so each compares "
        "runs made seconds apart.",
        "",
        "## Speed",
        "",
        "Load: seconds from the files to a playable story (wall, and this process's CPU time). "
        "Play: choices made per second of playing, all text produced.",
        "",
        "| nodes | runtime | load, s (min / median / max) | load CPU, s (median) | "
        "choices/s (min / median / max) | choices per CPU s (median) | same transcript |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for entry in report["sizes"].values():
        for name in RUNTIMES:
            if name not in entry:
                continue
            f = entry[name]
            label = _case_label(entry)
            if name == "lowtide" and entry.get("story_nodes") not in (None, entry["nodes"]):
                label += f" ({entry['story_nodes']:,} in ours)"
            lines.append(
                f"| {label} | {name} | {_three(f['load_s'], '.3f')} | "
                f"{f['load_cpu_s']['median']:.3f} | {_three(f['choices_per_s'], ',.0f')} | "
                f"{f['choices_per_cpu_s']['median']:,.0f} | "
                f"{'yes' if entry['transcripts_match'] else 'NO'} |"
            )
    lines += [
        "",
        "## Ratios, round by round",
        "",
        "Choices/s: ours ÷ theirs (above 1: we play faster). Load: our seconds ÷ theirs (below 1: "
        "we load faster). Wall time, and CPU time beside it.",
        "",
        "| nodes | against | choices/s ratio | CPU | load ratio | CPU |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for entry in report["sizes"].values():
        for peer, r in entry["ratios"].items():
            lines.append(
                f"| {_case_label(entry)} | {peer.removeprefix('vs_')} | "
                f"{_three(r['choices_per_s'], '.2f')} | {_three(r['choices_per_s_cpu'], '.2f')} | "
                f"{_three(r['load_s'], '.2f')} | {_three(r['load_s_cpu'], '.2f')} |"
            )
    if report.get("memory"):
        lines += [
            "",
            "## Memory",
            "",
            "Each runtime in a fresh process: how much its resident set grows to hold the loaded "
            "story (kept), and at most while loading (peak), in MiB.",
            "",
            "| nodes | runtime | kept | peak |",
            "|---|---|---:|---:|",
        ]
        for key, per in report["memory"].items():
            label = _case_label(report["sizes"][key])
            for name, mem in per.items():
                lines.append(
                    f"| {label} | {name} | {_mib(mem['retained_bytes'])} | {_mib(mem['peak_bytes'])} |"
                )
        ours = [(k, p["lowtide"]) for k, p in report["memory"].items() if "lowtide" in p]
        for key, mem in ours:
            lines.append("")
            lines.append(
                f"Ours at {_case_label(report['sizes'][key])}: tracemalloc counts "
                f"{_mib(mem['tracemalloc_retained_bytes'])} MiB kept by the story and a peak of "
                f"{_mib(mem['tracemalloc_peak_bytes'])} MiB while loading (its JSON files: "
                f"{mem['story_files_bytes'] / 2**20:.1f} MiB)."
            )
    if report.get("targets"):
        lines += ["", "## Targets (issue 18)", ""]
        for t in report["targets"]:
            sp = t["spread"]
            lines.append(
                f"- {t['target']}: {'met' if t['met'] else 'NOT met'} (`{t['ratio']}` at "
                f"{t['case']}: {t['statistic']} {t['value']:.2f}; over the rounds "
                f"{sp['min']:.2f} / {sp['median']:.2f} / {sp['max']:.2f})"
            )
    lines += ["", "![Choices per second and load time by size](peers.svg)"]
    if report.get("skipped"):
        lines += ["", "Skipped:", ""] + [f"- {why}" for why in report["skipped"].values()]
    if report.get("notes"):
        lines += ["", "## Notes", "", report["notes"]]
    return "\n".join(lines) + "\n"


def write_results(report: dict[str, Any], folder: Path = RESULTS) -> None:
    from bench.chart import peers_svg

    folder.mkdir(parents=True, exist_ok=True)
    notes = folder / "peers-notes.md"
    if notes.is_file():
        report["notes"] = notes.read_text(encoding="utf-8").strip()
    (folder / "peers.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (folder / "peers.md").write_text(markdown(report), encoding="utf-8")
    (folder / "peers.svg").write_text(peers_svg(report), encoding="utf-8")
    log(f"wrote {folder / 'peers.md'}, {folder / 'peers.json'} and {folder / 'peers.svg'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="knot counts for all runtimes")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="graph shapes: sticky, once")
    parser.add_argument("--big", type=int, default=BIG, help="a size for our engine alone (0: none)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--playthroughs", type=int, default=PLAYTHROUGHS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES), help="lowtide and any of inkjs, bink")
    parser.add_argument("--no-write", action="store_true", help="print the JSON, keep bench/results/")
    args = parser.parse_args(argv)
    report = run(
        tuple(int(s) for s in args.sizes.split(",") if s),
        tuple(s for s in args.shapes.split(",") if s),
        args.big,
        args.seed,
        args.playthroughs,
        args.rounds,
        write=not args.no_write,
        runtimes=tuple(s for s in args.runtimes.split(",") if s),
    )
    if args.no_write:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
