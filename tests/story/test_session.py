"""Session: choices, routes, per-turn rules, endings, rollback and saves, on real stories."""

from __future__ import annotations

import json

import pytest

from game.story.load import load_or_raise
from game.story.session import Session, SessionError
from game.story.text import PRONOUNS, Cast, Person
from tests.conftest import FIXTURES, STORIES


@pytest.fixture(scope="module")
def sample():
    return load_or_raise(STORIES / "sample")


@pytest.fixture(scope="module")
def tiny():
    return load_or_raise(FIXTURES / "valid/with-branch")


def pick(session: Session, text_start: str) -> None:
    for c in session.choices():
        if c.text.startswith(text_start):
            session.choose(c.index)
            return
    raise AssertionError(f"no choice starting {text_start!r} in {[c.text for c in session.choices()]}")


def test_start_shows_lines_with_names(sample) -> None:
    s = Session.start(sample)
    assert s.node_id == "keys"
    assert s.lines()[1].name == "Ben" and s.lines()[1].text == "Hey."
    assert s.scene == "flat" and s.places == {"partner": "door", "you": "kitchen"}


def test_kind_effects_then_choice_effects_then_each_turn(sample) -> None:
    s = Session.start(sample)
    pick(s, "You're late again.")  # criticise: arousal +12, safety -6, then drift toward 70
    assert s.value("arousal") == pytest.approx(70 + 0.8 * (94 + 12 - 70))
    assert s.value("safety") == 39
    assert s.steps[-1].kind == "criticise"
    pick(s, "Take your minute")  # space sets a flag, the reply adds 2, a per-turn rule reads the flag
    assert s.value("safety") == 39 + 2 + 4
    assert s.value("spaced") is False  # the flag lasts one turn


def test_effects_clamp_to_bounds(sample) -> None:
    s = Session.start(sample, values={"safety": 2})
    pick(s, "You're late again.")  # safety -8 → clamped at 0
    assert s.value("safety") == 0


def test_route_goes_to_first_matching_target(sample) -> None:
    s = Session.start(sample, at="couch", values={"arousal": 120})
    pick(s, "It's never nothing")
    assert s.node_id == "standing" and s.ending is None  # flooded: the first target that holds
    assert s.path[-2:] == ["check", "standing"]
    pick(s, "Don't walk off")
    assert s.node_id == "flooded" and s.ending is not None


def test_conditional_choice_hidden_until_it_holds(sample) -> None:
    low = Session.start(sample, at="couch", values={"safety": 10})
    high = Session.start(sample, at="couch", values={"safety": 80})
    assert not any(c.text.startswith("Sit with him") for c in low.choices())
    assert any(c.text.startswith("Sit with him") for c in high.choices())
    with pytest.raises(SessionError):
        low.choose(3)


def test_reaches_the_safe_haven_ending(sample) -> None:
    s = Session.start(sample)
    pick(s, "Hey you.")
    pick(s, "Take your minute")
    pick(s, "Carry the tea")
    assert s.node_id == "return"
    pick(s, "That sounds exhausting")
    assert s.ending is not None and s.ending.dynamic == "safe-haven"
    assert s.is_over and s.choices() == [] or s.node.choices == ()


def test_rollback_restores_everything_and_rolls_forward(sample) -> None:
    s = Session.start(sample)
    before = json.dumps(s.to_json(), sort_keys=True)
    pick(s, "Hey you.")
    pick(s, "Take your minute")
    s.rollback(2)
    assert json.dumps({**s.to_json(), "redo": []}, sort_keys=True) == before
    assert s.can_roll_forward
    assert s.roll_forward() and s.node_id == "couch"
    assert s.roll_forward() and s.node_id == "ten-minutes"
    assert not s.roll_forward()


def test_choosing_differently_clears_roll_forward(sample) -> None:
    s = Session.start(sample)
    pick(s, "Hey you.")
    s.rollback()
    pick(s, "What happened?")
    assert not s.can_roll_forward


def test_rollback_counts_visits_back(sample) -> None:
    s = Session.start(sample)
    pick(s, "Hey you.")
    pick(s, "Take your minute")
    assert s.visits["ten-minutes"] == 1
    s.rollback()
    assert "ten-minutes" not in s.visits


def test_save_round_trip_mid_story(sample) -> None:
    s = Session.start(sample)
    pick(s, "Hey you.")
    data = json.loads(json.dumps(s.to_json()))
    t, notes = Session.from_json(sample, data)
    assert notes == [] and t.to_json() == s.to_json()
    t.rollback()
    assert t.node_id == "keys"


def test_save_whose_node_is_gone_falls_back_to_the_last_choice_that_exists(sample) -> None:
    s = Session.start(sample)
    pick(s, "Hey you.")
    pick(s, "Take your minute")
    data = s.to_json()
    data["node"] = "a-node-that-was-deleted"
    t, notes = Session.from_json(sample, data)
    assert t.node_id == "couch" and len(t.steps) == 1
    assert any("gone" in n for n in notes)


def test_save_of_another_story_or_future_format_is_refused(sample) -> None:
    data = Session.start(sample).to_json()
    with pytest.raises(SessionError):
        Session.from_json(sample, {**data, "story": "other"})
    with pytest.raises(SessionError):
        Session.from_json(sample, {**data, "format": 99})
    with pytest.raises(SessionError):
        Session.from_json(sample, [])


def test_cast_renames_and_repronouns_everywhere(sample) -> None:
    cast = Cast({"partner": Person("Robin", PRONOUNS["they"]), "you": Person("You", PRONOUNS["she"])})
    s = Session.start(sample, cast, at="flooded")
    text = " ".join(line.text for line in s.lines())
    assert "They go without looking back" in text
    assert "Robin" in s.debrief()


def test_set_value_checks_type(sample) -> None:
    with pytest.raises(SessionError):
        Session.start(sample, values={"pushed": "maybe"})
    s = Session.start(sample, values={"pushed": "true", "arousal": "999"})
    assert s.value("pushed") is True and s.value("arousal") == 180.0


def test_branch_choice_with_condition(tiny) -> None:
    s = Session.start(tiny)
    assert [c.text for c in s.choices()] == ["Hi.", "Wait."]
    s.choose(1)
    assert s.node_id == "aside" and s.lines()[0].text == "An aside, he says."


def test_starting_mid_story_stages_the_scene_and_places_of_the_road_there() -> None:
    story = load_or_raise(STORIES / "sample")
    assert story.nodes["couch"].scene is None  # couch inherits the flat from keys
    session = Session.start(story, at="couch")
    assert session.scene == "flat"
    assert session.places == {"partner": "couch", "you": "kitchen"}
    assert Session.start(story).places == {"partner": "door", "you": "kitchen"}
