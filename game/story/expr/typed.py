"""The parser's tree: each subexpression, already type-checked and compiled to a closure.

There is no separate syntax tree. Parsing, checking and compiling happen in one pass, and a
``Typed`` keeps just what its parent needs: the type, the closure, the source range, and the
facts that let the parent pick a faster closure (a constant, a plain variable read, a bound on
an integer's size, a simple bool test).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.story.expr.errors import ExprError
from game.story.expr.values import INF, INTEGER, MAXF, NUMBER, Fn


@dataclass(frozen=True)
class Typed:
    """A type-checked, compiled subexpression."""

    type: str
    fn: Fn
    offset: int
    end: int
    const: bool = False
    value: Any = None
    slot: int = -1  # >= 0 for a plain variable read
    bound: float = INF  # for integers: no value is larger in magnitude
    atom: tuple | None = None  # (op, slot, k): a bool test op(values[slot], k)
    name: str = ""  # the variable's name for a plain read
    node: Any = None  # the node id (or its Param) for a plain visits("...")


def _k(x: Any) -> Fn:
    return lambda v, c: x


def _ibound(x: int) -> float:
    return float(abs(x)) if -(10**300) < x < 10**300 else INF


def const(type_: str, value: Any, offset: int, end: int) -> Typed:
    """A constant; parents fold constants so they never cost anything at play time."""
    bound = _ibound(value) if type_ == INTEGER else INF
    return Typed(type_, _k(value), offset, end, const=True, value=value, bound=bound)


def tofloat(x: int) -> float:
    """int -> float that saturates instead of raising OverflowError."""
    if -MAXF <= x <= MAXF:
        return float(x)
    return INF if x > 0 else -INF


def safe_float(e: Typed) -> Typed:
    """An integer operand made float; guarded only when it might not fit in a float."""
    if e.type != INTEGER:
        return e
    if e.const:
        return const(NUMBER, tofloat(e.value), e.offset, e.end)
    f = e.fn
    conv = float if e.bound <= MAXF else tofloat
    return Typed(NUMBER, lambda v, c: conv(f(v, c)), e.offset, e.end)


def mixable(e: Typed) -> Typed:
    """Leave an integer operand as is when Python's own int->float conversion can't overflow."""
    if e.type == INTEGER and (e.const or e.bound > MAXF):
        return safe_float(e)
    return e


def describe(e: Typed, src: str) -> str:
    """The subexpression's text (shortened) and type, for messages."""
    text = src[e.offset : e.end]
    if len(text) > 30:
        text = text[:27] + "..."
    return f"'{text}' ({e.type})"


def as_test(e: Typed, src: str) -> str:
    """``e`` written as a test that is true or false: 'safety > 0', 'mood != ""'."""
    text = src[e.offset : e.end]
    return f'{text} != ""' if e.type == "string" else f"{text} > 0"


def rewritten(src: str, start: int, end: int, replacement: str) -> str:
    """The whole expression with ``src[start:end]`` replaced, for a "did you mean" hint."""
    return " ".join((src[:start] + replacement + src[end:]).split())


def type_error(message: str, e: Typed) -> ExprError:
    """LT303 over the whole of ``e``."""
    return ExprError("LT303", message, e.offset, e.end - e.offset)
