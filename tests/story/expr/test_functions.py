"""The whitelisted functions: values, arity and names."""

from __future__ import annotations

import pytest

from tests.story.expr.support import err, val


def test_round_halves_away_from_zero_and_non_finite() -> None:
    assert val("round(2.5)") == 3
    assert val("round(0 - 2.5)") == -3
    # 1e15 * 1e15 ... overflows to inf; round/floor/ceil saturate instead of raising
    huge = " * ".join(["1000000000000000.0"] * 22)
    assert val(f"round({huge})") == 10**15
    assert val(f"floor(-{huge})") == -(10**15)
    assert val(f"ceil({huge} - {huge})") == 0  # inf - inf is NaN


@pytest.mark.parametrize(
    "source, code, offset",
    [
        ("foo(1)", "LT304", 0),
        ("i + mx(1, 2)", "LT304", 4),
        ("safety(1)", "LT304", 0),
        ("min()", "LT304", 0),
        ("max()", "LT304", 0),
        ("abs(1, 2)", "LT304", 0),
        ("round()", "LT304", 0),
        ("clamp(1, 2)", "LT304", 0),
        ("turn(1)", "LT304", 0),
        ("visits(den)", "LT304", 0),
        ("visits('a' + 'b')", "LT304", 0),
        ("seen()", "LT304", 0),
        ("seen('a', 'b')", "LT304", 0),
        ("visits(1)", "LT304", 0),
        ("turn", "LT302", 0),
        ("min(1, 2", "LT301", 0),
        ("min(1 2)", "LT301", 6),
    ],
)
def test_function_errors(source: str, code: str, offset: int) -> None:
    e = err(source)
    assert (e.code, e.offset) == (code, offset), e.message


def test_unknown_function_hint() -> None:
    assert "did you mean 'max'?" in err("mxa(1)").message
    assert "write turn(...)" in err("turn > 3").message
