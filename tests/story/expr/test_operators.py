"""Arithmetic, comparison and logic: values, result types and type errors."""

from __future__ import annotations

import pytest

from game.story.expr import BOOL, INTEGER, NUMBER, STRING, compile_condition
from tests.story.expr.support import VARS, Ctx, err, ev, fresh, run_effect, val

# -- values and result types ------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, type_, expected",
    [
        ("12", INTEGER, 12),
        ("0.8", NUMBER, 0.8),
        ("true", BOOL, True),
        ("false", BOOL, False),
        ('"text"', STRING, "text"),
        ("'single'", STRING, "single"),
        (r'"a\"b\\c\n"', STRING, 'a"b\\c\n'),
        ("i", INTEGER, 3),
        ("n", NUMBER, 2.5),
        ("b", BOOL, True),
        ("s", STRING, "ab"),
        ("i + 2", INTEGER, 5),
        ("i - 5", INTEGER, -2),
        ("i * 4", INTEGER, 12),
        ("i / 2", NUMBER, 1.5),
        ("6 / 3", NUMBER, 2.0),
        ("i % 2", INTEGER, 1),
        ("-7 % 3", INTEGER, 2),
        ("n % 1", NUMBER, 0.5),
        ("i + n", NUMBER, 5.5),
        ("n * 2", NUMBER, 5.0),
        ("2 * n", NUMBER, 5.0),
        ("-i", INTEGER, -3),
        ("-n", NUMBER, -2.5),
        ("- -i", INTEGER, 3),
        ("s + 'c'", STRING, "abc"),
        ("'x' + s + mood", STRING, "xabtired"),
        ("i == 3", BOOL, True),
        ("i != 3", BOOL, False),
        ("i < 4", BOOL, True),
        ("i <= 3", BOOL, True),
        ("i > 3", BOOL, False),
        ("i >= 4", BOOL, False),
        ("3 < i", BOOL, False),
        ("i == n", BOOL, False),
        ("i < n", BOOL, False),
        ("n == 2.5", BOOL, True),
        ("s == 'ab'", BOOL, True),
        ("s != mood", BOOL, True),
        ("b == true", BOOL, True),
        ("b != apologised", BOOL, True),
        ("b and apologised", BOOL, False),
        ("b or apologised", BOOL, True),
        ("not b", BOOL, False),
        ("not not b", BOOL, True),
        ("min(3, i, 7)", INTEGER, 3),
        ("min(i)", INTEGER, 3),
        ("max(1, i)", INTEGER, 3),
        ("max(i, 9)", INTEGER, 9),
        ("max(i, n, 1)", NUMBER, 3.0),
        ("min(i, n)", NUMBER, 2.5),
        ("abs(-4)", INTEGER, 4),
        ("abs(0 - n)", NUMBER, 2.5),
        ("round(n)", INTEGER, 3),
        ("round(0 - n)", INTEGER, -3),
        ("round(2.4)", INTEGER, 2),
        ("round(i)", INTEGER, 3),
        ("floor(n)", INTEGER, 2),
        ("floor(-n)", INTEGER, -3),
        ("ceil(n)", INTEGER, 3),
        ("ceil(-n)", INTEGER, -2),
        ("clamp(i, 0, 2)", INTEGER, 2),
        ("clamp(i, 5, 9)", INTEGER, 5),
        ("clamp(i, 0, 10)", INTEGER, 3),
        ("clamp(n, 0, 1)", NUMBER, 1.0),
        ("clamp(i * 3, i, 10)", INTEGER, 9),
        ('visits("den")', INTEGER, 2),
        ('visits("hall")', INTEGER, 0),
        ('visits("nowhere")', INTEGER, 0),
        ('seen("den")', BOOL, True),
        ('seen("hall")', BOOL, False),
        ("turn()", INTEGER, 7),
        ("turn() * 2 + 1", INTEGER, 15),
    ],
)
def test_values_and_types(source: str, type_: str, expected: object) -> None:
    got_type, got = ev(source)
    assert got_type == type_
    assert got == expected
    assert type(got) is type(expected)


def test_doc_examples() -> None:
    vals = fresh()
    vals[0], vals[2] = 120.0, False
    assert compile_condition("arousal >= 100 and not apologised", VARS)(vals, Ctx())
    assert compile_condition('visits("den") > 1', VARS)(vals, Ctx())
    cond = compile_condition("safety >= 60 and i >= 5 * max(safety, 1)", VARS)
    assert not cond(vals, Ctx())


def test_division_and_modulo_by_zero_give_zero() -> None:
    assert val("7 / 0") == 0.0
    assert val("i / (i - 3)") == 0.0
    assert val("n / 0.0") == 0.0
    assert val("i % 0") == 0
    assert type(val("i % (i - 3)")) is int
    assert val("n % (n - n)") == 0.0
    assert run_effect("n /= 0")[5] == 0.0
    assert run_effect("n /= i - 3")[5] == 0.0


def test_long_and_or_chains() -> None:
    vals = fresh()
    cond = compile_condition(" and ".join(f"i > {k}" for k in range(-5, 3)), VARS)
    assert cond(vals, Ctx()) is True
    cond = compile_condition(" and ".join(f"i > {k}" for k in range(-5, 4)), VARS)
    assert cond(vals, Ctx()) is False
    cond = compile_condition(" or ".join(f"i == {k}" for k in range(10)), VARS)
    assert cond(vals, Ctx()) is True
    cond = compile_condition("i == 9 or i == 8 or i == 3", VARS)
    assert cond(vals, Ctx()) is True
    cond = compile_condition("b and b and apologised", VARS)
    assert cond(vals, Ctx()) is False


# -- type rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, offset",
    [
        ("i + b", 4),
        ("b + i", 0),
        ("s + i", 4),
        ("i + s", 0),
        ("s - s", 2),
        ("s * 2", 0),
        ("2 * s", 4),
        ("-b", 1),
        ("-s", 1),
        ("not 3", 4),
        ("not i", 4),
        ("i and b", 0),
        ("b or n", 5),
        ("i < s", 4),
        ("b > false", 0),
        ("s <= s", 0),
        ("i == s", 5),
        ("b == 1", 5),
        ("s != b", 5),
        ("min(i, b)", 7),
        ("max(s)", 4),
        ("abs(true)", 4),
        ("round(s)", 6),
        ("clamp(i, 0, b)", 12),
    ],
)
def test_type_mismatch(source: str, offset: int) -> None:
    e = err(source)
    assert e.code == "LT303", e.message
    assert e.offset == offset, e.message
