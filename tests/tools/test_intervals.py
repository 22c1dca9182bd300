"""Interval reasoning: sound answers (never a wrong 'never'), precise on simple bounds."""

from __future__ import annotations

from game.tools.intervals import BOTH, FALSE, TRUE, Range, Texts, truth

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
