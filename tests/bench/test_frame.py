"""The frame benchmark runs each of its states on the real play and ending screens (a few
frames, no timing checked), so it cannot rot between the runs that record its figures."""

from __future__ import annotations

from bench.frame import measure_frames
from tests.conftest import STORIES


def test_each_state_of_the_frame_benchmark_runs(fresh_pygame) -> None:
    results = measure_frames(STORIES / "sample", 5)
    for state in ("settled", "typewriter", "dynamics", "comfort", "ending", "turning"):
        assert results[state]["frames"] == 5
        assert results[state]["median_ms"] > 0
    assert results["line_chars"] > 0 and results["ending_after"] > 0
    assert results["turning_points"] >= 2  # the ending measured shows its turning points
    assert results["spoken"] > 0 and results["points_read"] > 0  # self-voicing followed
