"""The tools benchmark runs end to end on a tiny generated story (figures are not checked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

bench_tools = pytest.importorskip("bench.tools")


def test_bench_entry_point_on_a_tiny_graph(tmp_path: Path) -> None:
    assert bench_tools.main(["--sizes", "40", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "tools.json").read_text())
    (row,) = data["results"]
    assert row["nodes"] == 40 and row["explore_states"] > 0 and row["simulate_choices"] > 0
    for tool in ("load", "lint", "checks", "graph_dot", "graph_html"):
        spread = row[tool]["wall_s"]
        assert 0 < spread["min"] <= spread["median"] <= spread["max"]
        assert len(row[tool]["samples_wall_s"]) == 5
    assert "python -m bench.tools" in (tmp_path / "tools.md").read_text()
