"""The benchmark generator and the peers runner's own-engine part work on a tiny graph.

No timing is checked, and no peer (inkjs, bink) is installed or run here.
"""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

from bench import peers
from bench.__main__ import main as bench_main
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


def test_our_side_of_the_peers_benchmark_runs(tmp_path: Path) -> None:
    paths = peers.prepare(30, seed=5, root=tmp_path)
    assert paths["ink"].is_file()
    config = {
        "folder": str(paths["lowtide"]),
        "seed": 5,
        "playthroughs": 5,
        "repeats": 2,
        "load_repeats": 2,
        "max_steps": 50,
        "verify": 3,
    }
    raw = peers.run_lowtide(config)
    assert raw["plays"][0]["choices"] > 0 and raw["diagnostics"] == 0
    figures = peers.summarise(raw)
    assert figures["choices_per_s"] > 0 and figures["load_s"] > 0
    assert raw["transcript_head"][0].startswith("Stop 0:")
    # The same seed gives the same playthroughs.
    assert peers.run_lowtide(config)["transcript_sha256"] == raw["transcript_sha256"]
    memory = peers.measure_memory(str(paths["lowtide"]))
    assert memory["nodes"] == 30 and memory["tracemalloc_retained_bytes"] > 0
    report = {
        "date": "today",
        "machine": peers.machine(),
        "versions": {"lowtide": "test"},
        "settings": {"seed": 5, "playthroughs": 5, "repeats": 2, "load_repeats": 2},
        "sizes": {"30": {"nodes": 30, "lowtide": figures, "ratios": {}, "transcripts_match": True}},
        "memory": memory,
    }
    assert "| 30 | lowtide |" in peers.markdown(json.loads(json.dumps(report)))


def test_bench_entry_point_lists_the_benchmarks(capsys) -> None:
    assert bench_main(["--help"]) == 0
    assert "peers" in capsys.readouterr().out
    assert bench_main(["no-such-benchmark"]) == 2
