"""Interval reasoning: sound answers (never a wrong 'never'), precise on simple bounds."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.load import load_or_raise
from game.story.model import Story
from game.tools.intervals import (
    ANY_TEXT,
    BOTH,
    FALSE,
    TRUE,
    Range,
    Texts,
    Value,
    _clip,
    _effect_parts,
    _widen,
    all_effects,
    declared,
    evaluate,
    initial_values,
    possible_values,
    truth,
)
from tests.tools.helpers import ending, write_story

ENV = {
    "safety": Range(0, 100),
    "arousal": Range(50.0, 180.0),
    "pushed": frozenset((False,)),
    "mood": Texts(frozenset(("tired", "easier"))),
}


def test_bounds_decide_comparisons() -> None:
    assert truth("safety > 100", ENV) == FALSE
    assert truth("safety >= 0", ENV) == TRUE
    assert truth("safety > 50", ENV) == BOTH
    assert truth("arousal - 50 < 0", ENV) == FALSE


def test_logic_and_constants() -> None:
    assert truth("pushed and safety > 5", ENV) == FALSE
    assert truth("not pushed or safety > 5", ENV) == TRUE
    assert truth("1 > 2", ENV) == FALSE
    assert truth('mood == "angry"', ENV) == FALSE
    assert truth('mood == "tired"', ENV) == BOTH


def test_functions_and_unknowns_stay_unsure() -> None:
    assert truth('visits("den") > 0', ENV) == BOTH
    assert truth("turn() >= 0", ENV) == TRUE
    assert truth("max(safety, 200) >= 200", ENV) == TRUE
    assert truth("safety / (safety - safety) > 3", ENV) == BOTH
    assert truth("abs(safety - 50) <= 50", ENV) == TRUE


# -- possible values: each distinct effect once gives what applying all of them in order gives --

_EFFECTS = st.sampled_from(
    [
        "x = {n}", "x += {n}", "x -= {n}", "x *= {n}", "y /= 2", "x = x * {n}", "x = min(x, {n})",
        "x = max(x + {n}, -3)", "x = x + round(y)", "y = {n} / 4", "y += 0.5", "y -= {n}", "y = y * -1",
        "b = not b", "b = x > {n}", "b = true", "s = \"a\"", "s += \"b\"", "s = s",
    ]
)


def _in_order(story: Story) -> dict[str, Value]:
    """possible_values as it was: every effect of the story applied in order, repeats too."""
    env = {v.id: declared(v) for v in story.variables.values()}
    out = initial_values(story)
    for effect in all_effects(story):
        name, bounds = effect.target, env[effect.target]
        tree = _effect_parts(effect)
        value = evaluate(tree, env) if tree is not None else None
        current = out[name]
        if isinstance(current, frozenset):
            out[name] = current | (value if isinstance(value, frozenset) else BOTH)
        elif isinstance(current, Texts):
            out[name] = current.join(value) if effect.op == "=" and isinstance(value, Texts) else ANY_TEXT
        else:
            out[name] = _clip(_widen(current, effect.op, value, bounds), bounds)
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.tuples(_EFFECTS, st.integers(-5, 5)), max_size=3), min_size=1, max_size=8),
    st.sampled_from([(None, None), (0, 10), (-2, 3), (0, None), (None, 4)]),
)
def test_each_effect_once_gives_the_same_values(
    steps: list[list[tuple[str, int]]], bounds: tuple[int | None, int | None]
) -> None:
    lo, hi = bounds
    x: dict[str, Any] = {"type": "integer", "initial": 0 if lo is None or lo <= 0 else lo}
    x.update({k: v for k, v in (("min", lo), ("max", hi)) if v is not None})
    variables = {
        "x": x,
        "y": {"type": "number", "initial": 1.5, "min": -8, "max": 8},
        "b": {"type": "bool", "initial": False},
        "s": {"type": "string", "initial": "z"},
    }
    nodes: dict[str, Any] = {}
    for i, effects in enumerate(steps):
        sources = [e.format(n=n) for e, n in effects]
        nodes[f"n{i}"] = {"text": "On.", "choices": [{"text": "Go.", "to": f"n{i + 1}", "effects": sources}]}
    nodes[f"n{len(steps)}"] = ending()
    with tempfile.TemporaryDirectory() as tmp:
        story = load_or_raise(write_story(Path(tmp), nodes, start="n0", variables=variables))
    assert possible_values(story) == _in_order(story)
