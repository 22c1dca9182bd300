"""The studio's side file of card positions: whatever it holds, the map opens."""

from __future__ import annotations

import pytest

from game.studio import positions


@pytest.mark.parametrize("text", [
    "[" * 100_000,                      # nested past what Python's parser can follow
    '{"positions": [1, 2]}',            # a list where places by node belong
    '{"positions": {"a": 1}}',          # a number where a place belongs
    '{"positions": {"a": ["x", 1]}}',   # a place that is not numbers
    "\xff not json",
])
def test_a_damaged_side_file_gives_no_positions(tmp_path, text) -> None:
    (tmp_path / positions.FILE).write_text(text, encoding="utf-8")
    assert positions.load(tmp_path) == {}


def test_a_sound_side_file_gives_its_positions(tmp_path) -> None:
    (tmp_path / positions.FILE).write_text(positions.dump({"start": (10.4, -3.0)}))
    assert positions.load(tmp_path) == {"start": (10.0, -3.0)}
