"""The tools benchmark runs end to end on a tiny generated story (figures are not checked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

bench_tools = pytest.importorskip("bench.tools")


def test_bench_entry_point_on_a_tiny_graph(tmp_path: Path) -> None:
    argv = ["--sizes", "40", "--once-sizes", "20", "--out", str(tmp_path)]
    assert bench_tools.main(argv) == 0
    data = json.loads((tmp_path / "tools.json").read_text())
    (row,) = data["results"]
    assert row["nodes"] == 40 and row["explore_states"] > 0 and row["simulate_choices"] > 0
    for tool in ("load", "lint", "checks", "graph_dot", "graph_html"):
        spread = row[tool]["wall_s"]
        assert 0 < spread["min"] <= spread["median"] <= spread["max"]
        assert len(row[tool]["samples_wall_s"]) == 5
    (once,) = data["once_only_lint"]
    assert once["knots"] == 20 and once["nodes"] > 20 and once["lint_wall_s"] > 0
    text = (tmp_path / "tools.md").read_text()
    assert "python -m bench.tools --sizes 40 --once-sizes 20" in text
    assert "| 20 | " in text
    assert row["explore_cpu_s"] >= 0 and isinstance(row["explore_complete"], bool)
    verdict = "complete" if row["explore_complete"] else "not complete"
    assert f"{row['explore_states']:,} states, {verdict} |" in text
