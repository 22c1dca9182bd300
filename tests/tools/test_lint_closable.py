"""LT512 searches with the explorer's ranges: a stuck state deeper than play's own states can
be searched within lint's cap is still found, and a story that is never stuck says nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.story.load import load_or_raise
from game.tools.checks.flow import CLOSABLE_MAX_STATES
from game.tools.explore import explore
from game.tools.lint import lint_story
from tests.tools.helpers import ending, write_story

VARIABLES = {"h": {"type": "number", "initial": 78, "min": 50, "max": 180},
             "n": {"type": "integer", "initial": 0}}


def _story(tmp_path: Path, last: list[dict[str, Any]]) -> Path:
    """Ten replies that move heart rate three ways, drifting back each turn, then a node whose
    ways on all have conditions on it (ten replies make 3**10 roads of play's own states)."""
    nodes = {
        "a": {"text": "A", "choices": [
            {"text": "press", "effects": ["h += 12", "n += 1"], "to": "b"},
            {"text": "soothe", "effects": ["h -= 5", "n += 1"], "to": "b"},
            {"text": "wait", "effects": ["n += 1"], "to": "b"}]},
        "b": {"route": [{"if": "n < 10", "to": "a"}, {"to": "c"}]},
        "c": {"text": "C", "choices": last},
        "y": ending("Calm"),
        "z": ending("Flooded"),
    }
    return write_story(tmp_path / "s", nodes, variables=VARIABLES,
                       each_turn=["h = 70 + 0.8 * (h - 70)"])


def test_a_stuck_state_beyond_play_states_cap_is_found(tmp_path: Path) -> None:
    root = _story(tmp_path, [{"text": "calm", "if": "h < 90", "to": "y"},
                             {"text": "flood", "if": "h >= 100", "to": "z"}])
    one_by_one = explore(load_or_raise(root), max_states=CLOSABLE_MAX_STATES, max_work=0)
    assert not one_by_one.complete and not one_by_one.stuck  # too deep for play's states
    (found,) = [d for d in lint_story(root) if d.code == "LT512"]
    assert "play can stop at 'c'" in found.message


def test_a_node_that_one_condition_always_opens_says_nothing(tmp_path: Path) -> None:
    root = _story(tmp_path, [{"text": "calm", "if": "h < 100", "to": "y"},
                             {"text": "flood", "if": "h >= 100", "to": "z"}])
    assert not [d for d in lint_story(root) if d.code == "LT512"]


def test_the_budget_is_whole_for_a_story_of_usual_width_and_shrinks_for_a_wide_one(
        tmp_path: Path) -> None:
    """LT512's budget is one of time: a state that holds many visit counts costs more, so a
    story counting hundreds of nodes gets fewer states and choices over ranges."""
    from bench.generate import generate, write_lowtide
    from game.tools.checks.flow import CLOSABLE_MAX_WORK, CLOSABLE_MIN_STATES, closable_budget
    from tests.conftest import STORIES

    assert closable_budget(load_or_raise(STORIES / "low-tide")) == (
        CLOSABLE_MAX_STATES, CLOSABLE_MAX_WORK)
    write_lowtide(generate(300, 20240601, shape="once"), tmp_path / "once")
    wide = load_or_raise(tmp_path / "once")
    states, work = closable_budget(wide)
    assert CLOSABLE_MIN_STATES <= states < CLOSABLE_MAX_STATES // 4
    assert 0 < work < CLOSABLE_MAX_WORK // 4
