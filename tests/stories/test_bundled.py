"""Every bundled story is lint-clean, and every ending is reached by its shortest road."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.load import load_or_raise
from game.story.session import Session
from game.tools.explore import explore
from game.tools.lint import run_lint
from tests.conftest import STORIES

BUNDLED = sorted(p for p in STORIES.iterdir() if (p / "story.json").is_file())


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_lint_reports_no_errors_or_warnings(folder: Path, capsys) -> None:
    assert run_lint([folder], strict=True) == 0, capsys.readouterr().out


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_shortest_road_to_every_ending_plays_to_it(folder: Path) -> None:
    story = load_or_raise(folder)
    found = explore(story, max_states=250_000)
    assert not found.stuck
    for ending in found.endings:
        assert ending.path is not None, f"{folder.name}: ending '{ending.node}' not reached"
        session = Session.start(story)
        for step in ending.path:
            assert session.node_id == step.node
            session.choose(step.choice)
        assert session.node_id == ending.node
        assert session.ending is not None and session.ending.dynamic == ending.dynamic
        assert ending.dynamic in story.dynamics


def test_flagship_has_every_dynamic_of_the_article() -> None:
    story = load_or_raise(STORIES / "low-tide")
    wanted = {
        "fight", "flight", "anger-aftermath", "cave-and-return", "pursuit", "safe-haven",
        "gratitude", "not-good-enough", "repair", "drift",
    }
    endings = {n.id: n.ending for n in story.endings()}
    for dynamic in wanted:
        assert endings[dynamic].dynamic == dynamic
    assert len(story.nodes) >= 80 and len(endings) >= 10
