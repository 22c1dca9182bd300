"""The interner compiles exactly as the plain compiler does: the same conditions and effects
(same value on the same inputs, same reads and node ids with their offsets) and the same
errors at the same places, whether a source is compiled alone, found again, or filled into a
shape made from another source."""

from __future__ import annotations

import itertools
import re

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
)
from game.story.expr.intern import Interner, shape, shape_by_pattern
from tests.story.expr.strategies import TOKENS, VALUES, extend, leaves
from tests.story.expr.support import VARS, Ctx, fresh

# Node ids as a writer might type them, and texts that are not ids at all: quotes, escapes,
# control characters, letters beyond ASCII.
_PLAIN_IDS = st.from_regex(r"[a-z][a-z0-9_-]{0,7}", fullmatch=True)
_ANY_IDS = st.text(alphabet=st.sampled_from('ab-_ "\'\\nté\x01\x7f'), max_size=5)
_IDS = st.one_of(_PLAIN_IDS, _PLAIN_IDS, _PLAIN_IDS, _ANY_IDS)
_NODE_LEAVES = st.sampled_from(
    [(INTEGER, 'visits("den")'), (INTEGER, "visits('x')"), (BOOL, 'seen("den")')]
)
# Expressions of every kind, most naming nodes, often several.
EXPRESSIONS = st.recursive(st.one_of(_NODE_LEAVES, _NODE_LEAVES, leaves()), extend, max_leaves=8)
_NODE_CALL = re.compile(r"""(visits|seen)\((?:"[^"]*"|'[^']*')\)""")


def _outcome(compiled: Condition | Effect | ExprError) -> tuple:
    """What must agree between the two ways of compiling, evaluation apart."""
    if isinstance(compiled, ExprError):
        return ("error", compiled.code, compiled.message, compiled.offset, compiled.length)
    if isinstance(compiled, Condition):
        return ("condition", compiled.source, compiled.reads, compiled.nodes, compiled.constant)
    return (
        "effect", compiled.source, compiled.target, compiled.slot, compiled.op, compiled.reads,
        compiled.nodes,
    )  # fmt: skip


def _plain(mode: str, source: str) -> Condition | Effect | ExprError:
    try:
        return (compile_condition if mode == "condition" else compile_effect)(source, VARS)
    except ExprError as err:
        return err


def _agree(interner: Interner, mode: str, source: str, values: tuple, counts: list[int]) -> None:
    got, want = interner.compile(mode, source), _plain(mode, source)
    assert _outcome(got) == _outcome(want), source
    if isinstance(want, ExprError):
        return
    named = [node for node, _ in want.nodes]
    ctx = Ctx(visits={node: counts[i % len(counts)] for i, node in enumerate(named)}, turn=3)
    if isinstance(want, Condition):
        assert got.fn(list(values), ctx) is want.fn(list(values), ctx)
    else:
        mine, theirs = list(values), list(values)
        got.fn(mine, ctx)
        want.fn(theirs, ctx)
        assert mine == theirs


def _fill(skeleton: str, ids: list[str], quote: str) -> str:
    """The skeleton with each visits/seen argument replaced by the next id, quoted."""
    it = itertools.cycle(ids)  # as many as the skeleton has calls (nested clamps have many)
    return _NODE_CALL.sub(lambda m: f"{m.group(1)}({quote}{next(it)}{quote})", skeleton)


# Turning an expression of each type into a condition, and a variable of each type to set.
_AS_CONDITION = {BOOL: "{}", INTEGER: "({}) >= 2", NUMBER: "({}) < 0.5", STRING: '({}) != ""'}
_TARGET = {BOOL: "b", INTEGER: "safety", NUMBER: "ratio", STRING: "mood"}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    EXPRESSIONS,
    st.lists(st.lists(_IDS, min_size=1, max_size=3), min_size=2, max_size=5),
    st.sampled_from(['"', "'"]),
    st.sampled_from(["condition", "effect"]),
    st.sampled_from(["=", "=", "+=", "-=", "*="]),
    st.sampled_from([None, *sorted(VARS)]),
    VALUES,
    st.lists(st.integers(0, 3), min_size=1, max_size=4),
)
def test_sources_of_one_shape_compile_as_each_would_alone(
    expr, fills, quote, mode, op, target, values, counts
) -> None:
    type_, skeleton = expr
    interner = Interner(VARS)
    for ids in fills:
        source = _fill(skeleton, ids, quote)
        if mode == "effect":  # mostly well typed; a random target for errors too
            source = f"{target or _TARGET[type_]} {op} {source}"
        elif target is None:
            source = _AS_CONDITION[type_].format(source)
        _agree(interner, mode, source, values, counts)
        _agree(interner, mode, source, values, counts)  # found again: the same


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.sampled_from([*TOKENS, 'visits("a")', "seen('b-1')", 'visits("x\\"y")']),
                 max_size=12).map(" ".join),
        min_size=1, max_size=4,
    ),
    st.lists(_IDS, min_size=1, max_size=3),
    st.sampled_from(["condition", "effect"]),
    VALUES,
)  # fmt: skip
def test_any_token_soup_gives_the_plain_compilers_result_or_error(
    soups, ids, mode, values
) -> None:
    interner = Interner(VARS)
    for soup in soups:
        for source in (soup, _fill(soup, ids, '"')):
            _agree(interner, mode, source, values, [0, 1])


def test_one_shape_is_made_for_ids_that_differ() -> None:
    interner = Interner(VARS)
    ids = [f"n{i}-c{i % 3}" for i in range(200)]
    made = [interner.condition(f'visits("{node}") == 0 and i >= 2') for node in ids]
    assert len(interner._shapes) == 1
    ctx = Ctx(visits={"n7-c1": 1})
    assert [c.fn(fresh(), ctx) for c in made[6:9]] == [True, False, True]
    assert made[7].nodes == (("n7-c1", 7),) and made[123].nodes == (("n123-c0", 7),)
    assert interner.condition(f'visits("{ids[5]}") == 0 and i >= 2') is made[5]


def test_a_node_id_in_a_string_is_not_a_parameter() -> None:
    interner = Interner(VARS)
    first = interner.condition("""s == 'visits("a")'""")
    second = interner.condition("""s == 'visits("b")'""")
    values = fresh()
    values[7] = 'visits("b")'
    assert (first.fn(values, Ctx()), second.fn(values, Ctx())) == (False, True)
    # An escaped id the pattern does not take, and a quoted one inside a string it does.
    # One node id each, one quoted id each that looks like a parameter: still not one.
    tricky = """visits("a\\"b") > 0 and s == 'seen("c")'"""
    alike = """visits("a\\"b") > 0 and s == 'seen("f")'"""
    assert shape(tricky)[0] == shape(alike)[0] == """visits("a\\"b") > 0 and s == 'seen("")'"""
    values[7] = 'seen("f")'
    ctx = Ctx(visits={'a"b': 1})
    assert interner.condition(tricky).fn(values, ctx) is False
    assert interner.condition(alike).fn(values, ctx) is True
    assert interner.condition(alike).nodes == (('a"b', 7),)
    assert all(made is None for made in interner._shapes.values())  # each compiled alone


def test_errors_are_each_sources_own() -> None:
    interner = Interner(VARS)
    assert isinstance(interner.compile("condition", 'visits("a") == 0'), Condition)
    longer = 'visits("a-much-longer-id") == "x"'
    got = interner.compile("condition", longer)
    assert isinstance(got, ExprError)
    assert _outcome(got) == _outcome(_plain("condition", longer))
    too_long = 'visits("' + "a" * 1000 + '") == 0'
    assert interner.compile("condition", too_long).code == "LT305"


@given(
    st.text(alphabet=st.sampled_from(list('ab-1 "\\\'\x00\x7f\u200b\té')), max_size=10),
    st.sampled_from(['") == 0', '")', '") == 0 and seen("b")', "\") > 1 or visits('c') == 2",
                     '") == 0 and unseen', '") + visits ( "d" )', ""]),
)
def test_the_shape_of_a_source_that_begins_with_visits_is_the_patterns(node: str, tail: str):
    source = 'visits("' + node + tail
    assert shape(source) == shape_by_pattern(source)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_IDS, min_size=2, max_size=5),
    st.sampled_from(['") == 0', '") == 0 and i >= 2', '") > 1 or b', '") + i > 3',
                     '") == 0 and seen("b")', '") == 0 and s == \'visits("c")\'', '")',
                     '") == "x"', '") >= clamp(i, 0, 3)', '") == 0 and not b']),
    st.sampled_from(["condition", "effect"]),
    VALUES,
    st.lists(st.integers(0, 3), min_size=1, max_size=4),
)
def test_sources_that_begin_with_visits_are_filled_from_their_tail_as_each_would_alone(
    ids, tail, mode, values, counts
) -> None:
    interner = Interner(VARS)
    for node in ids:
        source = 'visits("' + node + tail
        _agree(interner, mode, source, values, counts)
        _agree(interner, mode, source, values, counts)
