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
from tests.story.expr.support import VARS, Ctx, fresh

TOKENS = [
    "i", "n", "b", "s", "safety", "arousal", "ratio", "nope", "True", "true", "false", "and", "or",
    "not", "min", "max", "abs", "round", "floor", "ceil", "clamp", "visits", "seen", "turn", "(",
    ")", ",", "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "=", "+=", "-=", "*=",
    "/=", "0", "1", "2.5", "999999999999", "0.0", '"den"', "'x'", '"', ".", "[", "]", "**", "!",
    "&&", " ",
]  # fmt: skip


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


def _leaves() -> st.SearchStrategy[tuple[str, str]]:
    return st.one_of(
        st.integers(0, 10**12).map(lambda k: (INTEGER, str(k))),
        st.sampled_from(["i", "safety", "turn()", 'visits("den")', 'visits("x")']).map(
            lambda t: (INTEGER, t)
        ),
        st.floats(0, 1e9, allow_nan=False).map(lambda x: (NUMBER, f"{x:.6f}")),
        st.sampled_from(["n", "arousal", "ratio"]).map(lambda t: (NUMBER, t)),
        st.sampled_from(["true", "false", "b", "apologised", 'seen("den")']).map(
            lambda t: (BOOL, t)
        ),
        st.sampled_from(["s", "mood", "'x'", '""', '"a b"']).map(lambda t: (STRING, t)),
    )


NUM = (INTEGER, NUMBER)


def _extend(children: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
    pairs = st.tuples(children, children)

    def binary(pair: tuple[tuple[str, str], tuple[str, str]], op: str) -> tuple[str, str]:
        (ta, a), (tb, b) = pair
        if ta in NUM and tb in NUM:
            if op in "+-*%":
                return (INTEGER if ta == tb == INTEGER else NUMBER, f"({a} {op} {b})")
            if op == "/":
                return (NUMBER, f"({a} / {b})")
            if op in ("and", "or"):
                return (ta, a)
            return (BOOL, f"({a} {op} {b})")
        if ta == tb == STRING and op in ("+", "==", "!="):
            return (STRING if op == "+" else BOOL, f"({a} {op} {b})")
        if ta == tb == BOOL and op in ("and", "or", "==", "!="):
            return (BOOL, f"({a} {op} {b})")
        return (ta, a)

    def unary(child: tuple[str, str], op: str) -> tuple[str, str]:
        t, a = child
        if op == "not":
            return (BOOL, f"(not {a})") if t == BOOL else child
        if t not in NUM:
            return child
        if op == "-":
            return (t, f"(-{a})")
        if op == "abs":
            return (t, f"abs({a})")
        return (INTEGER, f"{op}({a})")

    def many(args: list[tuple[str, str]], fname: str) -> tuple[str, str]:
        nums = [a for a in args if a[0] in NUM]
        if not nums:
            return args[0]
        if fname == "clamp":
            nums = (nums * 3)[:3]
        t = INTEGER if all(a[0] == INTEGER for a in nums) else NUMBER
        return (t, f"{fname}({', '.join(a for _, a in nums)})")

    ops = ["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "and", "or"]
    return st.one_of(
        st.builds(binary, pairs, st.sampled_from(ops)),
        st.builds(unary, children, st.sampled_from(["not", "-", "abs", "round", "floor", "ceil"])),
        st.builds(
            many,
            st.lists(children, min_size=1, max_size=4),
            st.sampled_from(["min", "max", "clamp"]),
        ),
    )


EXPRESSIONS = st.recursive(_leaves(), _extend, max_leaves=12)
FINITE = {"allow_nan": False, "allow_infinity": False}
VALUES = st.tuples(
    st.floats(40, 180, **FINITE),
    st.integers(0, 100),
    st.booleans(),
    st.text(max_size=5),
    st.integers(-(10**15), 10**15),
    st.floats(-1e15, 1e15, **FINITE),
    st.booleans(),
    st.text(max_size=5),
    st.floats(0, 1, **FINITE),
)
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
