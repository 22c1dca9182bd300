"""The grammar: precedence, nesting limits, and the hints its syntax errors give."""

from __future__ import annotations

import pytest

from tests.story.expr.support import err, val


@pytest.mark.parametrize(
    "source, expected",
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("2 * 3 % 4", 2),
        ("-2 * 3", -6),
        ("-(2 + 3) * 2", -10),
        ("12 / 4 / 3", 1.0),
        ("1 + 2 == 3", True),
        ("not 1 > 2", True),
        ("not b and apologised", False),
        ("true or true and false", True),
        ("(true or true) and false", False),
        ("not true or true", True),
        ("1 < 2 == true", None),  # chained: error
    ],
)
def test_precedence(source: str, expected: object) -> None:
    if expected is None:
        assert err(source).code == "LT301"
    else:
        assert val(source) == expected


def test_comparisons_do_not_chain() -> None:
    e = err("1 < i < 5")
    assert e.code == "LT301"
    assert e.offset == 6
    assert "and" in e.message


def test_long_flat_chain_within_limit() -> None:
    source = " + ".join(["i"] * 240)
    assert len(source) < 1000
    assert val(source) == 720


def test_undefined_variable_offset_and_hint() -> None:
    e = err("safety + arousl")
    assert e.code == "LT302"
    assert e.offset == 9
    assert e.length == 6
    assert "did you mean 'arousal'?" in e.message
    e = err("1 + 2 * (zzzz_qqq - 1)")
    assert (e.code, e.offset) == ("LT302", 9)
    assert "did you mean" not in e.message
    assert "did you mean 'safety'" in err("Safety > 1").message


@pytest.mark.parametrize(
    "source, hint",
    [
        ("True", "use 'true'"),
        ("b == False", "use 'false'"),
        ("b && b", "use 'and'"),
        ("b || b", "use 'or'"),
        ("!b", "use 'not'"),
        ("b AND b", "use 'and'"),
        ("i = 3", "'=='"),
        ("i += 3", "effect"),
        ("2 ** 3", "'**'"),
        ("i => 3", "'=>' is not an operator; did you mean '>='?"),
        ("i =< 3", "did you mean '<='?"),
    ],
)
def test_hints(source: str, hint: str) -> None:
    e = err(source)
    assert e.code == "LT301"
    assert hint in e.message


def test_error_is_exception_with_readable_text() -> None:
    e = err("safety + arousl")
    assert "LT302" in str(e)
    assert "arousl" in str(e)


def test_size_and_depth_limits() -> None:
    deep = "(" * 10_000 + "1" + ")" * 10_000
    e = err(deep)
    assert (e.code, e.offset) == ("LT305", 1000)
    e = err("1" + " " * 1_000_000)
    assert e.code == "LT305"
    e = err("x" * 1_000_000)
    assert e.code == "LT305"
    ok = "(" * 32 + "1" + ")" * 32
    assert val(ok) == 1
    e = err("(" * 33 + "1" + ")" * 33)
    assert (e.code, e.offset) == ("LT305", 32)
    assert err("-" * 40 + "1").code == "LT305"
    assert err("not " * 40 + "b").code == "LT305"
    assert err("abs(" * 40 + "1" + ")" * 40).code == "LT305"
    assert val("- " * 30 + "1") == 1
    assert val("1" * 15) == int("1" * 15)
    assert err("1" * 30).code == "LT311"  # beyond what a variable may hold
    assert err("1" * 31).code == "LT305"  # longer than a number literal may be
