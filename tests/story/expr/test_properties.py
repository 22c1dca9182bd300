"""Property tests: any text compiles or fails cleanly; well-typed code evaluates."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.expr import (
    BOOL,
    INTEGER,
    NUMBER,
    STRING,
    Condition,
    Effect,
    ExprError,
    compile_condition,
    compile_effect,
    compile_expression,
)
from tests.story.expr.strategies import EXPRESSIONS, NUM, TOKENS, VALUES
from tests.story.expr.support import VARS, Ctx, fresh


def _check_any_text(text: str) -> None:
    for compiler in (compile_condition, compile_effect, compile_expression):
        try:
            result = compiler(text, VARS)
        except ExprError as e:
            assert e.code in {"LT301", "LT302", "LT303", "LT304", "LT305", "LT311"}
            assert 0 <= e.offset <= len(text)
            continue
        values = fresh()
        if compiler is compile_condition:
            assert isinstance(result, Condition)
            assert type(result(values, Ctx())) is bool
        elif compiler is compile_effect:
            assert isinstance(result, Effect)
            result.apply(values, Ctx())
        else:
            result[1](values, Ctx())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_compiles_or_raises_expr_error(text: str) -> None:
    _check_any_text(text)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join))
def test_token_soup_compiles_or_raises_expr_error(text: str) -> None:
    _check_any_text(text)


PY_TYPE = {INTEGER: int, NUMBER: float, BOOL: bool, STRING: str}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS, VALUES, st.integers(0, 10**6), st.integers(0, 10**6))
def test_well_typed_expressions_evaluate(
    expr: tuple[str, str], values: tuple, visits: int, turn: int
) -> None:
    type_, source = expr
    try:
        got_type, fn = compile_expression(source, VARS)
    except ExprError as e:
        assert e.code == "LT305"  # generated text may exceed the size or depth limits
        return
    assert got_type == type_
    ctx = Ctx(visits={"den": visits}, turn=turn)
    result = fn(list(values), ctx)
    assert type(result) is PY_TYPE[type_]
    if type_ == BOOL:
        cond = compile_condition(source, VARS)
        assert cond(list(values), ctx) is result


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(VARS)),
    st.sampled_from(["=", "+=", "-=", "*=", "/="]),
    EXPRESSIONS,
    VALUES,
)
def test_well_typed_effects_store_finite_clamped_values(
    target: str, op: str, expr: tuple[str, str], values: tuple
) -> None:
    type_, source = expr
    try:
        eff = compile_effect(f"{target} {op} {source}", VARS)
    except ExprError as e:
        assert e.code in {"LT303", "LT305"}
        return
    info = VARS[target]
    vals = list(values)
    eff.apply(vals, Ctx())
    stored = vals[info.slot]
    assert type(stored) is PY_TYPE[info.type]
    if info.type in NUM:
        assert math.isfinite(stored)
        assert -1e15 <= stored <= 1e15
        if info.min is not None:
            assert info.min <= stored <= info.max
