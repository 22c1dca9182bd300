"""Our engine side by side with ink's runtimes: inkjs (JavaScript) and bink (Rust, from Python).

    python -m bench peers                 # or: make bench (runs every benchmark)
    python -m bench.peers --sizes 1000 --big 0 --playthroughs 200   # a quicker look

For each size, one generated graph (``bench.generate``) is written as our story folder and as
ink source; the ink source is compiled once with inkjs's compiler and the compiled JSON is what
inkjs and bink load. Every runtime then, in its own process:

- loads the ready story several times (ours: folder -> ``Story`` with ``load_story``;
  theirs: compiled JSON file -> story object), and
- plays the same seeded random playthroughs several times, producing the text of every
  step (ours: ``Session.lines()`` and ``Session.choices()``; theirs: ``Continue()`` until it
  stops, and the current choices' text), choosing with one shared xorshift32 stream.

The transcripts of the first playthroughs are hashed in each runtime: equal hashes show the
three did exactly the same work. Medians go to ``bench/results/peers.{md,json}``.

The peers are installed here on first use, into ignored folders: inkjs with npm into
``bench/peers/``, bink with pip into ``bench/.venv-bink/``. A peer that cannot be installed
is skipped with a message saying why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import generate, write_ink, write_lowtide

BENCH = Path(__file__).resolve().parent
PEERS = BENCH / "peers"  # npm prefix for inkjs, and the generated stories
BINK_VENV = BENCH / ".venv-bink"
RESULTS = BENCH / "results"
INKJS_VERSION = "2.4.0"
BINK_VERSION = "0.7.1"

SIZES = (1000, 10000)
BIG = 100_000  # our engine only
MEMORY_SIZE = 10000
SEED = 20240601
PLAYTHROUGHS = 1000
ROUNDS = 3  # the runtimes take turns this many times; each turn does a share of the repeats
REPEATS = 6
LOAD_REPEATS = 6
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


def prepare(nodes: int, seed: int, root: Path = PEERS / "stories", ink: bool = True) -> dict[str, Path]:
    """Write the graph as our folder and as ink source under ``root``; return the paths."""
    folder = root / f"n{nodes}-s{seed}"
    graph = generate(nodes, seed)
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


# -- our engine ------------------------------------------------------------------------------


def play_lowtide(story: Any, playthroughs: int, seed: int, max_steps: int, transcript: list | None) -> dict:
    """Seeded random playthroughs through the Session API, producing every step's text."""
    from game.story.session import Session

    cast = story.default_cast()
    x = (seed & 0xFFFFFFFF) or 1
    choices = chars = 0
    for _ in range(playthroughs):
        session = Session.start(story, cast)
        step = 0
        while True:
            for line in session.lines():
                chars += len(line.text)
                if transcript is not None:
                    transcript.append(line.text)
            offered = session.choices()
            n = len(offered)
            if n == 0 or step >= max_steps:
                break
            for view in offered:
                chars += len(view.text)
                if transcript is not None:
                    transcript.append("* " + view.text)
            x ^= (x << 13) & 0xFFFFFFFF
            x ^= x >> 17
            x ^= (x << 5) & 0xFFFFFFFF
            index = x % n
            if transcript is not None:
                transcript.append(f"> {index}")
            session.choose(offered[index].index)
            choices += 1
            step += 1
        if transcript is not None:
            transcript.append("--")
    return {"choices": choices, "chars": chars}


def run_lowtide(config: dict[str, Any]) -> dict[str, Any]:
    """Our side of one size: load times, playthrough times, the transcript hash."""
    from game.story.load import load_story

    loads = []
    story = None
    for _ in range(config["load_repeats"]):
        story = None
        gc.collect()
        t0 = time.perf_counter()
        story, diagnostics = load_story(config["folder"])
        loads.append(time.perf_counter() - t0)
        if story is None:
            raise RuntimeError(f"the generated story did not load: {diagnostics[:3]}")
    plays = []
    for _ in range(config["repeats"]):
        gc.collect()
        t0 = time.perf_counter()
        r = play_lowtide(story, config["playthroughs"], config["seed"], config["max_steps"], None)
        plays.append({"seconds": time.perf_counter() - t0, **r})
    transcript: list[str] = []
    play_lowtide(story, config["verify"], config["seed"], config["max_steps"], transcript)
    return {
        "load_s": loads,
        "plays": plays,
        "transcript_sha256": hashlib.sha256("\n".join(transcript).encode()).hexdigest(),
        "transcript_head": transcript[:12],
        "diagnostics": len(diagnostics),
    }


def _rss() -> int | None:
    """The resident set size of this process in bytes (Linux), or None."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def measure_memory(folder: str) -> dict[str, Any]:
    """Memory of our engine with the story at ``folder`` loaded (run in a fresh process)."""
    import tracemalloc

    from game.story.load import load_story

    gc.collect()
    before = _rss()
    story, _ = load_story(folder)
    gc.collect()
    after = _rss()
    tracemalloc.start()
    again, _ = load_story(folder)
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert story is not None and again is not None
    return {
        "nodes": len(story.nodes),
        "rss_delta_bytes": after - before if before is not None and after is not None else None,
        "tracemalloc_retained_bytes": retained,
        "tracemalloc_peak_bytes": peak,
        "story_files_bytes": sum(f.stat().st_size for f in Path(folder).rglob("*.json")),
    }


# -- running the three -----------------------------------------------------------------------


def _subprocess_json(cmd: list[str]) -> dict[str, Any] | str:
    done = _run(cmd)
    if done.returncode != 0:
        return f"failed: {done.stderr.strip()[-600:]}"
    return json.loads(done.stdout)


def _ours_in_subprocess(mode: str, config: dict[str, Any]) -> dict[str, Any] | str:
    project = BENCH.parent
    cmd = [sys.executable, "-m", "bench.peers", f"--{mode}", json.dumps(config)]
    done = _run(cmd, cwd=project)
    if done.returncode != 0:
        return f"failed: {done.stderr.strip()[-600:]}"
    return json.loads(done.stdout)


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians of one runtime's raw figures."""
    rates = [p["choices"] / p["seconds"] for p in raw["plays"]]
    return {
        "load_s": statistics.median(raw["load_s"]),
        "load_s_all": [round(s, 4) for s in raw["load_s"]],
        "choices_per_s": statistics.median(rates),
        "choices_per_s_all": [round(r) for r in rates],
        "choices_per_repeat": raw["plays"][0]["choices"],
        "transcript_sha256": raw["transcript_sha256"],
    }


def ratios(ours: dict[str, Any], peers: dict[str, dict[str, Any]]) -> dict[str, float]:
    """choices_per_s_ratio_vs_X: ours / X (above 1: we play faster).
    load_s_ratio_vs_X: our load seconds / X's (below 1: we load faster)."""
    out = {}
    for name, figures in peers.items():
        out[f"choices_per_s_ratio_vs_{name}"] = ours["choices_per_s"] / figures["choices_per_s"]
        out[f"load_s_ratio_vs_{name}"] = ours["load_s"] / figures["load_s"]
    return out


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
    big: int = BIG,
    seed: int = SEED,
    playthroughs: int = PLAYTHROUGHS,
    repeats: int = REPEATS,
    load_repeats: int = LOAD_REPEATS,
    write: bool = True,
) -> dict[str, Any]:
    settings = {
        "seed": seed,
        "playthroughs": playthroughs,
        "repeats": repeats,
        "load_repeats": load_repeats,
        "rounds": ROUNDS,
        "max_steps": MAX_STEPS,
        "verify_playthroughs": VERIFY,
    }
    skipped: dict[str, str] = {}
    for name, ensure in (("inkjs", ensure_inkjs), ("bink", ensure_bink)):
        why = ensure()
        if why:
            skipped[name] = why
            log(why)
    versions: dict[str, str] = {"lowtide": _our_version(), "python": platform.python_version()}
    results: dict[str, Any] = {}
    for nodes in (*sizes, *((big,) if big else ())):
        peers_wanted = nodes in sizes
        log(f"-- {nodes} nodes")
        paths = prepare(nodes, seed, ink=peers_wanted)
        entry: dict[str, Any] = {"nodes": nodes}
        base = {"seed": seed, "playthroughs": playthroughs, "repeats": repeats,
                "load_repeats": load_repeats if nodes < 50_000 else max(1, load_repeats // 2),
                "max_steps": MAX_STEPS, "verify": VERIFY}
        runners = {"lowtide": None}
        if peers_wanted and "inkjs" not in skipped:
            compiled = compile_ink(paths)
            if isinstance(compiled, str):
                skipped["inkjs"] = skipped["bink"] = compiled
                log(compiled)
            elif compiled.get("compile_s") is not None:
                entry["ink_compile_s"] = compiled["compile_s"]
        if peers_wanted and (paths.get("ink_json") is None or not paths["ink_json"].is_file()):
            for name in ("inkjs", "bink"):
                skipped.setdefault(name, "no compiled ink JSON (inkjs, whose compiler makes it, is missing)")
        for name in ("inkjs", "bink") if peers_wanted else ():
            if name not in skipped:
                runners[name] = None
        # The runtimes take turns, a few loads and plays each per round, so that a machine
        # growing busier or quieter during the run weighs on all of them alike.
        rounds = ROUNDS if nodes < 50_000 else 1
        samples: dict[str, dict[str, Any]] = {}
        for _ in range(rounds):
            for name in list(runners):
                config = {**base, "repeats": max(1, repeats // rounds),
                          "load_repeats": max(1, base["load_repeats"] // rounds)}
                if name == "lowtide":
                    raw = _ours_in_subprocess("ours", {**config, "folder": str(paths["lowtide"])})
                    if isinstance(raw, str):
                        raise RuntimeError(f"our engine {raw}")
                else:
                    config.update(json=str(paths["ink_json"]), peers=str(PEERS), mode="run")
                    cmd = (["node", str(BENCH / "inkjs_runner.js")] if name == "inkjs"
                           else [str(bink_python()), str(BENCH / "bink_runner.py")])
                    raw = _subprocess_json([*cmd, json.dumps(config)])
                    if isinstance(raw, str):
                        skipped[name] = f"{name} {raw}"
                        log(skipped[name])
                        del runners[name]
                        samples.pop(name, None)
                        continue
                    versions[name] = raw["version"]
                    if name == "inkjs":
                        versions["node"] = raw["node"]
                if name in samples:
                    samples[name]["load_s"] += raw["load_s"]
                    samples[name]["plays"] += raw["plays"]
                else:
                    samples[name] = raw
        entry["lowtide"] = summarise(samples.pop("lowtide"))
        peer_figures = {name: summarise(raw) for name, raw in samples.items()}
        for name, f in (("lowtide", entry["lowtide"]), *peer_figures.items()):
            log(f"   {name}: load {f['load_s']:.3f} s, {f['choices_per_s']:,.0f} choices/s")
        entry.update(peer_figures)
        entry["ratios"] = ratios(entry["lowtide"], peer_figures)
        hashes = {k: v["transcript_sha256"] for k, v in (("lowtide", entry["lowtide"]), *peer_figures.items())}
        entry["transcripts_match"] = len(set(hashes.values())) == 1
        if not entry["transcripts_match"]:
            log(f"   WARNING: the runtimes' transcripts differ: {hashes}")
        results[str(nodes)] = entry
    log(f"-- memory, {MEMORY_SIZE} nodes")
    memory_paths = prepare(MEMORY_SIZE, seed, ink=False)
    memory = _ours_in_subprocess("memory", {"folder": str(memory_paths["lowtide"])})
    report = {
        "benchmark": "peers",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions,
        "settings": settings,
        "skipped": skipped,
        "sizes": results,
        "memory": memory,
    }
    headline = results.get(str(MEMORY_SIZE)) or results[str(max(sizes))]
    report.update({k: v for k, v in headline["ratios"].items()})
    report["ratios_at_nodes"] = headline["nodes"]
    report["targets"] = targets(headline)
    if write:
        write_results(report)
    return report


def targets(entry: dict[str, Any]) -> dict[str, Any]:
    r = entry["ratios"]
    out: dict[str, Any] = {}
    if "choices_per_s_ratio_vs_bink" in r:
        out["plays_at_least_as_fast_as_bink"] = r["choices_per_s_ratio_vs_bink"] >= 1
        out["loads_faster_than_bink"] = r["load_s_ratio_vs_bink"] < 1
    if "choices_per_s_ratio_vs_inkjs" in r:
        out["plays_at_least_twice_as_fast_as_inkjs"] = r["choices_per_s_ratio_vs_inkjs"] >= 2
    return out


# -- results ---------------------------------------------------------------------------------


def _fmt_rate(x: float) -> str:
    return f"{x:,.0f}"


def markdown(report: dict[str, Any]) -> str:
    m, v = report["machine"], report["versions"]
    s = report["settings"]
    lines = [
        "# Our engine against ink's runtimes",
        "",
        f"Run on {report['date']} with `python -m bench peers` (see `bench/README.md`).",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['system']}, {m['implementation']} {m['python']}.",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        f"Settings: seed {s['seed']}, {s['playthroughs']} random playthroughs per repeat, "
        f"medians of {s['repeats']} play repeats and {s['load_repeats']} loads per runtime, "
        f"the runtimes taking turns over {s.get('rounds', 1)} rounds "
        f"(100,000 nodes: one round, fewer loads).",
        "",
        "| nodes | runtime | load (s) | choices/s | choices per repeat | same transcript |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for key, entry in report["sizes"].items():
        for name in ("lowtide", "inkjs", "bink"):
            if name not in entry:
                continue
            f = entry[name]
            lines.append(
                f"| {int(key):,} | {name} | {f['load_s']:.3f} | {_fmt_rate(f['choices_per_s'])} | "
                f"{f['choices_per_repeat']:,} | {'yes' if entry['transcripts_match'] else 'NO'} |"
            )
    lines += ["", "Ratios (choices/s: ours ÷ theirs, higher is better for us; "
              "load: our seconds ÷ theirs, lower is better for us):", ""]
    lines += ["| nodes | ratio | value |", "|---:|---|---:|"]
    for key, entry in report["sizes"].items():
        for name, value in entry["ratios"].items():
            lines.append(f"| {int(key):,} | `{name}` | {value:.2f} |")
    mem = report.get("memory")
    if isinstance(mem, dict):
        lines += [
            "",
            f"Memory of our engine with the {mem['nodes']:,}-node story loaded: "
            f"RSS grows by {mem['rss_delta_bytes'] / 2**20:.1f} MiB; tracemalloc counts "
            f"{mem['tracemalloc_retained_bytes'] / 2**20:.1f} MiB retained by the story and a peak "
            f"of {mem['tracemalloc_peak_bytes'] / 2**20:.1f} MiB while loading "
            f"(its JSON files: {mem['story_files_bytes'] / 2**20:.1f} MiB).",
        ]
    if report.get("targets"):
        lines += ["", "Targets at {:,} nodes:".format(report["ratios_at_nodes"]), ""]
        ratio_of = {
            "plays_at_least_as_fast_as_bink": "choices_per_s_ratio_vs_bink",
            "loads_faster_than_bink": "load_s_ratio_vs_bink",
            "plays_at_least_twice_as_fast_as_inkjs": "choices_per_s_ratio_vs_inkjs",
        }
        for name, ok in report["targets"].items():
            value = report.get(ratio_of.get(name, ""))
            shown = f" (`{ratio_of[name]}` {value:.2f})" if isinstance(value, float) else ""
            lines.append(f"- {name.replace('_', ' ')}: {'met' if ok else 'NOT met'}{shown}")
    if report.get("skipped"):
        lines += ["", "Skipped:", ""] + [f"- {why}" for why in report["skipped"].values()]
    if report.get("notes"):
        lines += ["", "## Notes", "", report["notes"]]
    return "\n".join(lines) + "\n"


def write_results(report: dict[str, Any], folder: Path = RESULTS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    notes = folder / "peers-notes.md"
    if notes.is_file():
        report["notes"] = notes.read_text(encoding="utf-8").strip()
    (folder / "peers.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (folder / "peers.md").write_text(markdown(report), encoding="utf-8")
    log(f"wrote {folder / 'peers.md'} and {folder / 'peers.json'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="node counts for all runtimes")
    parser.add_argument("--big", type=int, default=BIG, help="a size for our engine alone (0: none)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--playthroughs", type=int, default=PLAYTHROUGHS)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--load-repeats", type=int, default=LOAD_REPEATS)
    parser.add_argument("--no-write", action="store_true", help="print the JSON, keep bench/results/")
    # Internal: one runtime's part in a fresh process.
    parser.add_argument("--ours", help=argparse.SUPPRESS)
    parser.add_argument("--memory", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ours:
        print(json.dumps(run_lowtide(json.loads(args.ours))))
        return 0
    if args.memory:
        print(json.dumps(measure_memory(json.loads(args.memory)["folder"])))
        return 0
    report = run(
        tuple(int(s) for s in args.sizes.split(",") if s),
        args.big,
        args.seed,
        args.playthroughs,
        args.repeats,
        args.load_repeats,
        write=not args.no_write,
    )
    if args.no_write:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
