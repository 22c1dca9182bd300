"""bench/studio.py runs: its Python side on the sample, and its results page (no timings checked)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.studio import python_side, write_results
from tests.conftest import STORIES


def test_the_python_side_measures_the_sample(tmp_path: Path):
    story = tmp_path / "sample"
    shutil.copytree(STORIES / "sample", story)
    result = python_side(story, keys=3)
    assert result["nodes"] == 18
    assert {"open_s", "lint_s", "keystroke_ms_median", "keystroke_ms_max"} <= set(result)
    write_results([{"story": "sample", "python": result, "browser": None}], tmp_path / "out",
                  "python -m bench.studio")
    data = json.loads((tmp_path / "out" / "studio.json").read_text())
    assert data["stories"][0]["python"]["nodes"] == 18
    assert "| sample | 18 |" in (tmp_path / "out" / "studio.md").read_text()
