"""Session: choices, routes, per-turn rules, endings, rollback and saves, on real stories."""

from __future__ import annotations

import json

import pytest

from game.story.expr.store import LIMIT
from game.story.load import load_or_raise
from game.story.model import Variable
from game.story.session import Session, SessionError, coerce
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


def test_a_value_set_is_held_to_the_same_limits_as_an_effect_stores() -> None:
    """Set by hand or read from a save, a number is clamped as ``x = ...`` would clamp it: to
    the engine's finite limit when unbounded, to whole bounds for a whole number."""
    loose = Variable(id="x", type="number", initial=0.0, slot=0)
    assert coerce(loose, 1e300) == LIMIT and coerce(loose, "-1e300") == -LIMIT
    halves = Variable(id="n", type="integer", initial=1, slot=0, min=0.5, max=9.5)
    assert coerce(halves, 0) == 1 and coerce(halves, 12) == 9
    assert type(coerce(halves, 3.0)) is int


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


def test_what_play_hands_out_cannot_be_changed(sample) -> None:
    s = Session.start(sample)
    pick(s, "Hey you.")
    line, view, step = s.lines()[0], s.choices()[0], s.steps[-1]
    for value, name in ((line, "text"), (view, "index"), (step, "text"), (step.before, "node")):
        with pytest.raises(AttributeError):
            setattr(value, name, "changed")
    assert isinstance(step.values, tuple) and isinstance(step.before.values, tuple)


def test_choices_offered_follow_every_change_of_state(sample) -> None:
    s = Session.start(sample, at="couch", values={"safety": 10})
    assert not any(c.text.startswith("Sit with him") for c in s.choices())
    s.set_value("safety", 80)
    assert any(c.text.startswith("Sit with him") for c in s.choices())
    s.values[sample.variables["safety"].slot] = 10  # even a value changed behind its back
    assert not any(c.text.startswith("Sit with him") for c in s.choices())
    sit = next(i for i, c in enumerate(s.node.choices) if c.text.startswith("Sit with"))
    with pytest.raises(SessionError):
        s.choose(sit)
    s.set_value("safety", 80)
    assert any(c.text == "Sit with him, and say nothing at all." for c in s.choices())
    s.cast = Cast({**s.cast.people, "partner": Person("Robin", PRONOUNS["they"])})
    assert any(c.text == "Sit with them, and say nothing at all." for c in s.choices())


def test_a_step_records_the_text_shown_and_shares_its_values_with_the_next_snapshot(
    sample,
) -> None:
    s = Session.start(sample)
    shown = {c.index: c.text for c in s.choices()}
    pick(s, "Hey you.")
    assert s.steps[-1].text == shown[s.steps[-1].choice]
    after = s.steps[-1].values
    s.choose(s.choices()[0].index)
    assert s.steps[-1].before.values is after  # one tuple for both, not two copies
    s.rollback()
    assert s.steps[-1].values == after and s.values == list(after)
    assert [c.text for c in s.choices()] == [c.text for c in s.choices()]


def test_choose_without_reading_the_choices_first(sample) -> None:
    read, blind = Session.start(sample, seed=3), Session.start(sample, seed=3)
    for _ in range(3):
        offered = read.choices()
        if not offered:
            break
        read.choose(offered[-1].index)
        blind.choose(offered[-1].index)
    assert [st.text for st in blind.steps] == [st.text for st in read.steps]
    assert blind.to_json() == read.to_json()
