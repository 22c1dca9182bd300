"""The map benchmark's generator makes maps the reader takes without a problem, and its runner
times one in a new process (a small map, one run, no timing checked), so it cannot rot."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.maps import TILESET, measure, render_md, write_map
from game.story.tiled import read_tmx


def test_a_generated_map_reads_cleanly_and_the_runner_measures_it(tmp_path: Path) -> None:
    for name in ("tiles.tsx", "tiles.png"):
        shutil.copy(TILESET / name, tmp_path / name)
    path = write_map(tmp_path, 30, 20)
    reading = read_tmx(path, tmp_path)
    assert reading.problems == [] and len(reading.map.layers) == 6
    result = measure(path, 1)
    assert "failed" not in result, result
    assert result["first_frame_s"] > 0 and result["peak_rss_mb"] > 0
    assert result["scene_px"] == [30 * 48, 20 * 48]
    text = render_md({"command": "c", "when": "w", "machine": "m", "before": None,
                      "rows": [{"size": "30x20", "file_mb": 0.01, "now": result}],
                      "targets": {"size": "200x200", "first_frame_s": 1.0, "peak_rss_mb": 200}})
    assert "| 30×20 |" in text
