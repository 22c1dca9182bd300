"""The benchmark generator, the peers runner's own-engine part and its chart work on tiny
graphs.

No timing is checked, and no peer (inkjs, bink) is installed or run here.
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bench import peers
from bench.__main__ import main as bench_main
from bench.chart import peers_svg
from bench.generate import generate, write_ink, write_lowtide
from game.story.load import load_story


def test_generated_story_loads_clean_and_every_node_is_reachable(tmp_path: Path) -> None:
    graph = generate(30, seed=3)
    assert generate(30, seed=3) == graph  # deterministic
    folder = write_lowtide(graph, tmp_path / "lowtide")
    assert sorted(p.name for p in (folder / "branches").iterdir()) == [
        "part-1.json",
        "part-2.json",
        "part-3.json",
    ]
    story, diagnostics = load_story(folder)
    assert diagnostics == []
    assert story is not None and len(story.nodes) == 30

    seen = {story.start}
    queue = deque([story.start])
    while queue:
        for target in story.nodes[queue.popleft()].targets():
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert seen == set(story.nodes)
    endings = {n.id for n in story.endings()}
    assert endings and endings <= seen
    for node in story.nodes.values():  # no dead ends: two choices always on offer
        if node.ending is None:
            assert len(node.choices) == 3
            assert sum(c.condition is None for c in node.choices) >= 2

    ink = write_ink(graph, tmp_path / "story.ink").read_text()
    assert ink.count("=== n") == 30 and ink.count("-> END") == len(endings)
    assert "VAR coins = 0" in ink and "-> n0" in ink


def test_the_once_shape_guards_every_choice_by_its_own_route_node(tmp_path: Path) -> None:
    graph = generate(40, seed=3, shape="once")
    story, diagnostics = load_story(write_lowtide(graph, tmp_path / "lowtide"))
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert story is not None
    knots = {n.id for n in graph.nodes}
    routes = [n for n in story.nodes.values() if n.id not in knots]
    assert len(routes) == sum(len(n.choices) for n in graph.nodes)
    assert all(len(n.route) == 1 and n.route[0].condition is None for n in routes)
    conditions = [c.condition for n in story.nodes.values() for c in n.choices]
    assert all(c is not None and c.nodes == ((c.source.split('"')[1], 7),) for c in conditions)
    assert len({c.source for c in conditions}) == len(conditions)  # each its own
    for node in story.nodes.values():
        for choice in node.choices:
            assert choice.to == choice.condition.nodes[0][0]  # guarded by where it leads
    ink = write_ink(graph, tmp_path / "story.ink").read_text()
    assert "\n+ " not in ink and ink.count("* -> END") == len(knots) - len(graph.endings())


def test_our_worker_answers_the_peers_protocol(tmp_path: Path) -> None:
    paths = peers.prepare(30, seed=5, root=tmp_path)
    assert paths["ink"].is_file()
    worker = peers.Worker("lowtide", peers.worker_command("lowtide", paths))
    try:
        loaded = worker.ask("load")
        assert loaded["nodes"] == 30 and loaded["wall_s"] > 0 and loaded["cpu_s"] > 0
        played = worker.ask("play", playthroughs=5, seed=5, max_steps=50)
        assert played["choices"] > 0 and played["chars"] > 0
        first = worker.ask("verify", playthroughs=3, seed=5, max_steps=50)
        assert first["head"][0].startswith("Stop 0:")
        assert worker.ask("verify", playthroughs=3, seed=5, max_steps=50) == first  # same seed
        with pytest.raises(peers.WorkerError, match="lowtide failed: nothing"):
            worker.ask("nothing")
    finally:
        worker.close()
    memory = peers.measure_memory("lowtide", paths)
    assert memory["retained_bytes"] > 0 and memory["tracemalloc_retained_bytes"] > 0


def test_a_run_of_our_engine_alone_gives_tables_and_a_chart(tmp_path: Path) -> None:
    report = peers.run(
        sizes=(30, 60), shapes=("sticky", "once"), big=0, playthroughs=5, rounds=2,
        write=False, runtimes=("lowtide",), root=tmp_path,
    )  # fmt: skip
    assert sorted(report["sizes"]) == ["30", "30-once", "60", "60-once"]
    entry = report["sizes"]["60-once"]
    assert entry["story_nodes"] > 60 and entry["transcripts_match"]
    assert entry["lowtide"]["load_s"]["min"] <= entry["lowtide"]["load_s"]["median"]
    assert len(entry["lowtide"]["samples"]["play_s"]) == 2
    text = peers.markdown(json.loads(json.dumps(report)))
    assert "| 60 once-only (" in text and "min / median / max" in text
    svg = ElementTree.fromstring(peers_svg(report))
    lines = svg.findall(".//{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 4  # two figures, two shapes, one runtime
    assert peers.rotated(["a", "b", "c"], 4) == ["b", "c", "a"]


def test_paired_ratios_are_taken_round_by_round() -> None:
    ours = {"loads": [{"wall_s": 1.0, "cpu_s": 1.0}, {"wall_s": 3.0, "cpu_s": 1.0}],
            "plays": [{"choices": 10, "wall_s": 1.0, "cpu_s": 1.0},
                      {"choices": 10, "wall_s": 2.0, "cpu_s": 1.0}]}
    theirs = {"loads": [{"wall_s": 2.0, "cpu_s": 2.0}, {"wall_s": 3.0, "cpu_s": 4.0}],
              "plays": [{"choices": 10, "wall_s": 4.0, "cpu_s": 2.0},
                        {"choices": 10, "wall_s": 2.0, "cpu_s": 3.0}]}  # fmt: skip
    r = peers.ratios(ours, theirs)
    assert r["load_s"] == {"min": 0.5, "median": 0.75, "max": 1.0}
    assert r["load_s_cpu"] == {"min": 0.25, "median": 0.375, "max": 0.5}
    assert r["choices_per_s"] == {"min": 1.0, "median": 2.5, "max": 4.0}
    assert r["choices_per_s_cpu"]["max"] == 3.0


def test_bench_entry_point_lists_the_benchmarks(capsys) -> None:
    assert bench_main(["--help"]) == 0
    assert "peers" in capsys.readouterr().out
    assert bench_main(["no-such-benchmark"]) == 2


def test_the_bink_worker_and_what_it_shares_import_nothing_of_the_game() -> None:
    # bink's worker runs under the Python of bench/.venv-bink, which holds bink and nothing else
    import ast
    import sys

    bench = Path(__file__).resolve().parents[2] / "bench"
    for name, allowed in (("worker.py", set()), ("bink_runner.py", {"bench.worker", "bink.story"})):
        tree = ast.parse((bench / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert top in sys.stdlib_module_names or module in allowed, (name, module)
