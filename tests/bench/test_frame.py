"""The frame benchmark runs its three states on the real play screen (a few frames, no timing
checked), so it cannot rot between the runs that record its figures."""

from __future__ import annotations

from bench.frame import measure_frames
from tests.conftest import STORIES


def test_each_state_of_the_frame_benchmark_runs(fresh_pygame) -> None:
    results = measure_frames(STORIES / "sample", 5)
    for state in ("settled", "typewriter", "dynamics", "ending"):
        assert results[state]["frames"] == 5
        assert results[state]["median_ms"] > 0
    assert results["line_chars"] > 0 and results["ending_after"] > 0
