"""Conditions and effects evaluated over boxes of values, for the explorer.

A box gives every value slot a closed range ``lo[s] .. hi[s]``: a range of numbers, a range of
truth values (``False .. True`` is either), or one exact value (``lo[s] == hi[s]``, the only
form strings take). Its two ends are ``Box`` mappings: a visit count a box does not hold is
0. Evaluating an expression over a box gives a range that holds what play computes at every
point of the box. Play's float operations are monotone, so the same
operations on the ends, in the same order, bound them; on a point the result is exactly
play's. What cannot be bounded raises ``Unknown``, which only ever makes the box smaller.

The expression is read from its (already checked) source by ``intervals.parse``. A source it
cannot read is evaluated by play's own compiled closure, on points only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from game.story.expr import Condition, Effect
from game.story.expr.values import LIMIT, MAX_STRING
from game.story.model import Variable
from game.tools.intervals import parse

Pair = tuple[Any, Any]
BoxFn = Callable[[list, list], Pair]

FALSE: Pair = (False, False)
TRUE: Pair = (True, True)
EITHER: Pair = (False, True)


class Unknown(Exception):  # noqa: N818 - not an error: the box is too wide to tell
    """The box is too wide to bound this expression."""


_UNKNOWN = Unknown()


class Box(dict):
    """One end of a box (its lows or its highs), by slot. Every variable and the turn are
    held; a visit count only once it can be other than 0 (a count not held is 0), so a box
    costs what its roads touched, not one slot per node the story counts."""

    __slots__ = ()
    gains: dict[int, Any] | None = None  # only a Playing box keeps gains

    def __missing__(self, slot: int) -> int:
        return 0

    def copy(self) -> Box:
        return Box(self)


class Playing(Box):
    """The lows of a box while a choice is played over it, with ``gains``: what each counter
    (by slot) surely gained on the way."""

    __slots__ = ("gains",)

    def copy(self) -> Playing:
        box = Playing(self)
        box.gains = dict(self.gains)
        return box


class _Visits:
    """A box's visit counts as play's closures read them (``visits.get(node, 0)``)."""

    __slots__ = ("box", "slots")

    def __init__(self, box: Box, slots: Mapping[str, int]):
        self.box = box
        self.slots = slots

    def get(self, node: str, default: int = 0) -> int:
        s = self.slots.get(node)
        return default if s is None else self.box[s]


@dataclass(frozen=True)
class Slots:
    """Where each name lives in a box: variables by their own slot, then the visit counts of
    the nodes conditions name, then the turn (``turn`` is -1 when no condition reads it)."""

    variables: Mapping[str, int]
    visits: Mapping[str, int]
    turn: int
    size: int


def limits(var: Variable) -> tuple[Any, Any]:
    """The range play clamps a numeric variable to (``expr.store``): its bounds, within
    +-LIMIT, whole numbers for an integer."""
    lo, hi = -LIMIT, LIMIT
    if var.min is not None and var.min == var.min:
        lo = max(lo, min(float(var.min), LIMIT))
    if var.max is not None and var.max == var.max:
        hi = min(hi, max(float(var.max), -LIMIT))
    if var.type == "integer":
        return math.ceil(lo), math.floor(hi)
    return lo, hi


# -- play's rounding functions, as ``expr.functions`` has them ---------------------------------

_ILIMIT = 10**15


def _round(x: Any) -> Any:
    if isinstance(x, int):
        return x
    if x - x != 0:
        return 0 if x != x else (_ILIMIT if x > 0 else -_ILIMIT)
    return math.floor(x + 0.5) if x >= 0 else -math.floor(0.5 - x)


def _floor(x: Any) -> Any:
    if isinstance(x, int):
        return x
    if x - x != 0:
        return 0 if x != x else (_ILIMIT if x > 0 else -_ILIMIT)
    return math.floor(x)


def _ceil(x: Any) -> Any:
    if isinstance(x, int):
        return x
    if x - x != 0:
        return 0 if x != x else (_ILIMIT if x > 0 else -_ILIMIT)
    return math.ceil(x)


_ROUNDING = {"round": _round, "floor": _floor, "ceil": _ceil}


# -- compiling a tree of ``intervals.parse`` into a closure over (lo, hi) -----------------------


def _const(x: Any) -> BoxFn:
    pair = (x, x)
    return lambda lo, hi: pair


def _slot(s: int) -> BoxFn:
    return lambda lo, hi: (lo[s], hi[s])


def _add(f: BoxFn, g: BoxFn) -> BoxFn:
    def add(lo: list, hi: list) -> Pair:
        a, b = f(lo, hi), g(lo, hi)
        return a[0] + b[0], a[1] + b[1]
    return add


def _sub(f: BoxFn, g: BoxFn) -> BoxFn:
    def sub(lo: list, hi: list) -> Pair:
        a, b = f(lo, hi), g(lo, hi)
        return a[0] - b[1], a[1] - b[0]
    return sub


def _corners(values: list) -> Pair:
    for x in values:
        if x != x:
            raise _UNKNOWN
    return min(values), max(values)


def _mul(f: BoxFn, g: BoxFn) -> BoxFn:
    def mul(lo: list, hi: list) -> Pair:
        (a0, a1), (b0, b1) = f(lo, hi), g(lo, hi)
        if a0 == a1 and b0 == b1:
            x = a0 * b0
            return x, x
        return _corners([a0 * b0, a0 * b1, a1 * b0, a1 * b1])
    return mul


def _div(f: BoxFn, g: BoxFn) -> BoxFn:
    def div(lo: list, hi: list) -> Pair:
        (a0, a1), (b0, b1) = f(lo, hi), g(lo, hi)
        if b0 == b1 == 0:
            return 0.0, 0.0  # play: x / 0 gives 0
        if b0 <= 0 <= b1:
            raise _UNKNOWN
        if a0 == a1 and b0 == b1:
            x = a0 / b0
            return x, x
        return _corners([a0 / b0, a0 / b1, a1 / b0, a1 / b1])
    return div


def _mod(f: BoxFn, g: BoxFn) -> BoxFn:
    def mod(lo: list, hi: list) -> Pair:
        (a0, a1), (b0, b1) = f(lo, hi), g(lo, hi)
        if a0 != a1 or b0 != b1:
            raise _UNKNOWN
        if not b0:
            x: Any = 0 if isinstance(a0, int) and isinstance(b0, int) else 0.0
        else:
            x = a0 % b0
        return x, x
    return mod


def _neg(f: BoxFn) -> BoxFn:
    def neg(lo: list, hi: list) -> Pair:
        a0, a1 = f(lo, hi)
        return -a1, -a0
    return neg


def _lt(f: BoxFn, g: BoxFn) -> BoxFn:
    def lt(lo: list, hi: list) -> Pair:
        (a0, a1), (b0, b1) = f(lo, hi), g(lo, hi)
        return TRUE if a1 < b0 else FALSE if a0 >= b1 else EITHER
    return lt


def _le(f: BoxFn, g: BoxFn) -> BoxFn:
    def le(lo: list, hi: list) -> Pair:
        (a0, a1), (b0, b1) = f(lo, hi), g(lo, hi)
        return TRUE if a1 <= b0 else FALSE if a0 > b1 else EITHER
    return le


def _equal(f: BoxFn, g: BoxFn, want: bool) -> BoxFn:
    yes, no = (TRUE, FALSE) if want else (FALSE, TRUE)

    def equal(lo: list, hi: list) -> Pair:
        (a0, a1), (b0, b1) = f(lo, hi), g(lo, hi)
        if a0 == a1 and b0 == b1:
            return yes if a0 == b0 else no
        if a1 < b0 or b1 < a0:
            return no
        return EITHER
    return equal


def _slot_vs_constant(op: str, s: int, k: Any) -> BoxFn | None:
    """``variable op constant``, the commonest condition, in one closure."""
    if op == "<":
        return lambda lo, hi: TRUE if hi[s] < k else FALSE if lo[s] >= k else EITHER
    if op == "<=":
        return lambda lo, hi: TRUE if hi[s] <= k else FALSE if lo[s] > k else EITHER
    if op == ">":
        return lambda lo, hi: TRUE if lo[s] > k else FALSE if hi[s] <= k else EITHER
    if op == ">=":
        return lambda lo, hi: TRUE if lo[s] >= k else FALSE if hi[s] < k else EITHER
    return None


def _compare(op: str, f: BoxFn, g: BoxFn) -> BoxFn:
    if op == "<":
        return _lt(f, g)
    if op == "<=":
        return _le(f, g)
    if op == ">":
        return _lt(g, f)
    if op == ">=":
        return _le(g, f)
    return _equal(f, g, op == "==")


def _logic(kind: str, items: list[BoxFn]) -> BoxFn:
    decisive = kind == "or"  # the value that settles the chain

    def chain(lo: list, hi: list) -> Pair:
        unsure = False
        for f in items:
            a0, a1 = f(lo, hi)
            if a0 == a1:
                if a0 == decisive:
                    return (decisive, decisive)
            else:
                unsure = True
        return EITHER if unsure else (not decisive, not decisive)
    return chain


def _not(f: BoxFn) -> BoxFn:
    def negation(lo: list, hi: list) -> Pair:
        a0, a1 = f(lo, hi)
        return not a1, not a0
    return negation


def _floated(pair: Pair, widen: bool) -> Pair:
    return (float(pair[0]), float(pair[1])) if widen else pair


def _minmax(pick: Callable, items: list[BoxFn]) -> BoxFn:
    def minmax(lo: list, hi: list) -> Pair:
        pairs = [f(lo, hi) for f in items]
        widen = any(isinstance(x, float) for p in pairs for x in p)
        out = pick(p[0] for p in pairs), pick(p[1] for p in pairs)
        return _floated(out, widen)
    return minmax


def _abs(f: BoxFn) -> BoxFn:
    def absolute(lo: list, hi: list) -> Pair:
        a0, a1 = f(lo, hi)
        if a0 >= 0:
            return a0, a1
        if a1 <= 0:
            return -a1, -a0
        return (0.0 if isinstance(a0, float) else 0), max(-a0, a1)
    return absolute


def _rounding(conv: Callable, f: BoxFn) -> BoxFn:
    def rounding(lo: list, hi: list) -> Pair:
        a0, a1 = f(lo, hi)
        return conv(a0), conv(a1)
    return rounding


def _clamp(x: BoxFn, low: BoxFn, high: BoxFn) -> BoxFn:
    def clamp(lo: list, hi: list) -> Pair:
        (y0, y1), (a0, a1), (b0, b1) = x(lo, hi), low(lo, hi), high(lo, hi)
        widen = any(isinstance(v, float) for v in (y0, y1, a0, a1, b0, b1))
        if a1 > b0 and (a0 != a1 or b0 != b1 or y0 != y1):
            raise _UNKNOWN  # a lower bound above the upper one: no longer monotone
        out = (a0 if y0 < a0 else b0 if y0 > b0 else y0,
               a1 if y1 < a1 else b1 if y1 > b1 else y1)
        return _floated(out, widen)
    return clamp


def _seen(s: int) -> BoxFn:
    return lambda lo, hi: (lo[s] > 0, hi[s] > 0)


_ARITH = {"+": _add, "-": _sub, "*": _mul, "/": _div, "%": _mod}


def compile_tree(tree: tuple, slots: Slots) -> BoxFn:
    """The closure for a tree of ``intervals.parse``. KeyError for a name it does not know."""
    tag = tree[0]
    if tag in ("num", "str", "bool"):
        return _const(tree[1])
    if tag == "var":
        return _slot(slots.variables[tree[1]])
    if tag == "neg":
        return _neg(compile_tree(tree[1], slots))
    if tag == "not":
        return _not(compile_tree(tree[1], slots))
    if tag in ("and", "or"):
        return _logic(tag, [compile_tree(t, slots) for t in tree[1]])
    if tag == "cmp":
        left, right = tree[2], tree[3]
        if left[0] == "var" and right[0] == "num":
            fast = _slot_vs_constant(tree[1], slots.variables[left[1]], right[1])
            if fast is not None:
                return fast
        return _compare(tree[1], compile_tree(left, slots), compile_tree(right, slots))
    if tag == "bin":
        return _ARITH[tree[1]](compile_tree(tree[2], slots), compile_tree(tree[3], slots))
    assert tag == "call", tag
    name, args = tree[1], tree[2]
    if name in ("visits", "seen"):
        s = slots.visits[args[0][1]]
        return _slot(s) if name == "visits" else _seen(s)
    if name == "turn":
        if slots.turn < 0:
            raise KeyError("turn")
        return _slot(slots.turn)
    fns = [compile_tree(t, slots) for t in args]
    if name in ("min", "max"):
        return fns[0] if len(fns) == 1 else _minmax(min if name == "min" else max, fns)
    if name == "abs":
        return _abs(fns[0])
    if name == "clamp":
        return _clamp(*fns)
    return _rounding(_ROUNDING[name], fns[0])


def _reads(tree: tuple | None, source_reads: frozenset[str], nodes: tuple,
           slots: Slots) -> tuple[int, ...]:
    out = {slots.variables[n] for n in source_reads if n in slots.variables}
    out.update(slots.visits[n] for n, _ in nodes if n in slots.visits)
    if slots.turn >= 0 and (tree is None or _calls_turn(tree)):
        out.add(slots.turn)
    return tuple(sorted(out))


def _calls_turn(tree: tuple) -> bool:
    if tree[0] == "call" and tree[1] == "turn":
        return True
    return any(_calls_turn(part) for part in tree[1:] if isinstance(part, tuple)) or any(
        _calls_turn(item) for part in tree[1:] if isinstance(part, list) for item in part)


class _Context:
    """What play's own closures read besides the values: visit counts and the turn."""

    __slots__ = ("visits", "turn")

    def __init__(self, visits: _Visits, turn: int):
        self.visits = visits
        self.turn = turn


def _by_play(fn: Callable, reads: tuple[int, ...], slots: Slots, nvars: int) -> BoxFn:
    """Play's closure, on a box that is a point in everything it reads."""
    t = slots.turn

    def run(lo: Box, hi: Box) -> Pair:
        for s in reads:
            if lo[s] != hi[s]:
                raise _UNKNOWN
        ctx = _Context(_Visits(lo, slots.visits), lo[t] if t >= 0 else 0)
        x = fn([lo[s] for s in range(nvars)], ctx)
        return x, x
    return run


@dataclass(frozen=True)
class BoxCondition:
    """A condition over boxes: ``fn(lo, hi)`` gives FALSE, TRUE or EITHER (or raises
    Unknown); ``reads`` are the slots it looks at."""

    source: str
    fn: BoxFn
    reads: tuple[int, ...]


def box_condition(condition: Condition, slots: Slots, nvars: int) -> BoxCondition:
    tree = parse(condition.source)
    reads = _reads(tree, condition.reads, condition.nodes, slots)
    fn: BoxFn | None = None
    if tree is not None:
        try:
            fn = compile_tree(tree, slots)
        except KeyError:
            fn = None
    if fn is None:
        engine = condition.fn
        fn = _by_play(lambda v, c: bool(engine(v, c)), reads, slots, nvars)
    return BoxCondition(condition.source, fn, reads)


@dataclass(frozen=True)
class BoxEffect:
    """An effect over boxes: ``apply(lo, hi)`` changes the target's range in place, clamped
    and typed as play stores it (or raises Unknown)."""

    source: str
    target: int
    reads: tuple[int, ...]
    apply: Callable[[list, list], None]


def box_effect(effect: Effect, var: Variable, slots: Slots, nvars: int) -> BoxEffect:
    """``effect`` (which sets ``var``) over boxes."""
    target = slots.variables[var.id]
    source = effect.source
    tree = None
    op = effect.op
    cut = _rhs_start(source, op)
    if cut is not None:
        tree = parse(source[cut:])
    reads = _reads(tree, effect.reads, effect.nodes, slots)
    rhs: BoxFn | None = None
    if tree is not None:
        try:
            rhs = compile_tree(tree, slots)
        except KeyError:
            rhs = None
    if rhs is None:
        return BoxEffect(source, target, reads, _effect_by_play(effect, reads, slots, nvars))
    if op in ("+=", "-=") and tree[0] == "num" and var.type in ("integer", "number"):
        step = tree[1] if op == "+=" else -tree[1]
        return BoxEffect(source, target, reads, _shift(var, target, step))
    if op != "=":
        rhs = _ARITH[op[0]](_slot(target), rhs)
    return BoxEffect(source, target, reads, _store(var, target, rhs))


def _shift(var: Variable, s: int, step: Any) -> Callable[[list, list], None]:
    """``x += k`` and ``x -= k``: play adds (or takes away) the constant, then clamps."""
    low, high = limits(var)
    if var.type == "number":
        step = float(step)

    def shift(lo: list, hi: list) -> None:
        a0, a1 = lo[s] + step, hi[s] + step
        lo[s] = low if a0 < low else high if a0 > high else a0
        hi[s] = low if a1 < low else high if a1 > high else a1
    return shift


def _rhs_start(source: str, op: str) -> int | None:
    """Where the value of ``name op value`` starts."""
    head = source.lstrip()
    start = len(source) - len(head)
    i = start
    while i < len(source) and (source[i].isalnum() or source[i] == "_"):
        i += 1
    rest = source[i:]
    stripped = rest.lstrip()
    if not stripped.startswith(op):
        return None
    return i + (len(rest) - len(stripped)) + len(op)


def _store(var: Variable, s: int, rhs: BoxFn) -> Callable[[list, list], None]:
    kind = var.type
    if kind == "bool":
        def set_bool(lo: list, hi: list) -> None:
            lo[s], hi[s] = rhs(lo, hi)
        return set_bool
    if kind == "string":
        def set_string(lo: list, hi: list) -> None:
            a0, a1 = rhs(lo, hi)
            if a0 != a1:
                raise _UNKNOWN
            lo[s] = hi[s] = a0[:MAX_STRING]
        return set_string
    low, high = limits(var)
    if kind == "integer":
        def set_integer(lo: list, hi: list) -> None:
            a0, a1 = rhs(lo, hi)
            lo[s] = low if a0 < low else high if a0 > high else a0
            hi[s] = low if a1 < low else high if a1 > high else a1
        return set_integer
    z = 0.0 if low <= 0.0 <= high else (low if low > 0.0 else high)

    def set_number(lo: list, hi: list) -> None:
        a0, a1 = rhs(lo, hi)
        a0, a1 = float(a0), float(a1)
        if a0 != a0 or a1 != a1:  # NaN: play stores ``z``, but only a point is sure of it
            if a0 == a0 or a1 == a1:
                raise _UNKNOWN
            a0 = a1 = z
        lo[s] = low if a0 < low else high if a0 > high else a0
        hi[s] = low if a1 < low else high if a1 > high else a1
    return set_number


def _effect_by_play(effect: Effect, reads: tuple[int, ...], slots: Slots,
                    nvars: int) -> Callable[[list, list], None]:
    t = slots.turn
    s = effect.slot
    fn = effect.fn

    def run(lo: Box, hi: Box) -> None:
        for r in reads:
            if lo[r] != hi[r]:
                raise _UNKNOWN
        values = [lo[v] for v in range(nvars)]
        fn(values, _Context(_Visits(lo, slots.visits), lo[t] if t >= 0 else 0))
        lo[s] = hi[s] = values[s]
    return run
