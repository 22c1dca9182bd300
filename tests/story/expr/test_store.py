"""What effects store: clamped, finite, of the variable's own type, strings capped."""

from __future__ import annotations

import pytest

from game.story.expr import compile_effect
from tests.story.expr.support import VARS, Ctx, fresh, run_effect

# values far beyond what a variable holds, made from literals within it (a literal beyond
# 1e15 is LT311)
BIG_INT = "1000000000000000 * 100000000000000"
BIG_NUM = "(1000000000000000.0 * 1000000000000.0)"


@pytest.mark.parametrize(
    "source, slot, expected",
    [
        ("safety += 500", 1, 100),
        ("safety -= 500", 1, 0),
        ("safety = -3", 1, 0),
        ("safety = i * 1000", 1, 100),
        ("arousal = 0", 0, 40.0),
        ("arousal += 1000", 0, 180.0),
        ("arousal *= -1", 0, 40.0),
        ("ratio = 2", 8, 1.0),
        ("ratio = n / 0", 8, 0.0),
        (f"i = {BIG_INT}", 4, 10**15),
        (f"i = -({BIG_INT})", 4, -(10**15)),
        (f"i *= {BIG_INT}", 4, 10**15),
        (f"n = {BIG_NUM}", 5, 1e15),
        (f"n *= {BIG_NUM} * {BIG_NUM}", 5, 1e15),
    ],
)
def test_effects_clamp(source: str, slot: int, expected: object) -> None:
    got = run_effect(source)[slot]
    assert got == expected
    assert type(got) is type(expected)


def test_effects_make_numbers_finite() -> None:
    big = " * ".join(["1000000000000000.0"] * 22)  # inf once folded
    assert run_effect(f"n = {big}")[5] == 1e15
    assert run_effect(f"n = -{big}")[5] == -1e15
    assert run_effect(f"n = {big} - {big}")[5] == 0.0  # NaN -> 0
    assert run_effect(f"ratio = {big} - {big}")[8] == 0.0
    vals = fresh()
    vals[5] = 1e15
    for _ in range(5):
        compile_effect("n = n * n * n * n", VARS).apply(vals, Ctx())
    assert vals[5] == 1e15
    power = " * ".join(["n"] * 21)  # 1e15 ** 21 overflows to inf
    compile_effect(f"n = {power} - {power}", VARS).apply(vals, Ctx())  # inf - inf
    assert vals[5] == 0.0
    vals[4] = 10**15  # huge integer products, then mixed with numbers
    src = "n = " + " * ".join(["i"] * 30) + " * 0.5"
    compile_effect(src, VARS).apply(vals, Ctx())
    assert vals[5] == 1e15
    vals[4] = 10**15
    src = "n = " + " * ".join(["i"] * 30) + " / 3"
    compile_effect(src, VARS).apply(vals, Ctx())
    assert vals[5] == 1e15
    src = "n = max(" + " * ".join(["i"] * 30) + ", 0.5)"
    compile_effect(src, VARS).apply(vals, Ctx())
    assert vals[5] == 1e15
    src = "i = " + " * ".join(["i"] * 30)
    compile_effect(src, VARS).apply(vals, Ctx())
    assert vals[4] == 10**15
    assert type(vals[4]) is int


def test_integer_results_stay_int_and_numbers_float() -> None:
    vals = fresh()
    compile_effect("safety = round(n * 3)", VARS).apply(vals, Ctx())
    assert vals[1] == 8
    assert type(vals[1]) is int
    compile_effect("arousal = safety", VARS).apply(vals, Ctx())
    assert type(vals[0]) is float
    compile_effect("n = min(i, 2)", VARS).apply(vals, Ctx())
    assert type(vals[5]) is float


def test_long_strings_are_capped() -> None:
    vals = fresh()
    eff = compile_effect("s += s", VARS)
    for _ in range(20):
        eff.apply(vals, Ctx())
    assert len(vals[7]) == 10_000
