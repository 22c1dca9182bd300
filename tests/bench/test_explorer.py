"""The explorer benchmark measures both searches and the road report on a small story."""

from __future__ import annotations

from bench.explorer import markdown, measure
from tests.conftest import FIXTURES


def test_the_explorer_benchmark_measures_both_searches_and_the_roads() -> None:
    row = measure(FIXTURES / "valid/conditional-text", max_states=1000, max_work=100_000)
    assert row["states"]["complete"] and row["ranges"]["complete"] and row["roads"]["complete"]
    assert row["ranges"]["states"] <= row["states"]["states"]
    assert row["roads"]["endings_reached"] == row["roads"]["endings"] == 2
    text = markdown({"when": "now", "machine": "m", "load_before": [1, 1, 1],
                     "load_after": [1, 1, 1], "max_states": 1000, "max_work": 100_000,
                     "git": "abc", "stories": [row]})
    assert "| conditional-text |" in text and "complete" in text
