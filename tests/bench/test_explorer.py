"""The explorer benchmark measures play's states alone, `lowtide explore` and the road report:
on a small story searched to the end, and with the search of play's states held to two states,
so the proofs and roads are measured too."""

from __future__ import annotations

import json

from bench.explorer import markdown, measure
from tests.conftest import FIXTURES


def test_the_explorer_benchmark_measures_both_searches_and_the_roads() -> None:
    row = measure(FIXTURES / "valid/conditional-text", max_states=1000, max_work=100_000)
    assert row["states"]["complete"] and row["explore"]["complete"] and row["roads"]["complete"]
    assert row["explore"]["states"] == row["states"]["states"]
    assert row["explore"]["verdict"] == "PASSED" and row["explore"]["unsettled"] == []
    assert row["roads"]["endings_reached"] == row["roads"]["endings"] == 2
    proved = measure(FIXTURES / "valid/conditional-text", max_states=2, max_work=100_000)
    assert not proved["states"]["complete"] and proved["explore"]["abstract_states"] > 0
    assert proved["explore"]["complete"] and proved["explore"]["endings_reached"] == 2
    text = markdown({"when": "now", "machine": "m", "load_before": [1, 1, 1],
                     "load_after": [1, 1, 1], "max_states": 1000, "max_work": 100_000,
                     "git": "abc", "stories": [row, proved]})
    assert "| conditional-text |" in text and "PASSED, complete" in text


def test_the_explorer_benchmark_adds_a_generated_once_only_story(capsys) -> None:
    from bench.explorer import main

    assert main(["--stories", "sample", "--once", "30", "--max-states", "200",
                 "--max-work", "20000", "--no-write"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["story"] for r in data["stories"]] == ["sample", "once-only 30"]
    once = data["stories"][1]
    assert once["nodes"] > 30 and once["explore"]["endings"] >= 1
