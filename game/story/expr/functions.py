"""The whitelist of functions a story may call, with their arity, types and closures.

Nothing outside ``FUNCTIONS`` can be called. ``round``, ``floor`` and ``ceil`` never raise:
NaN gives 0 and infinities give +-1e15. ``visits``/``seen`` take a node id in quotes so the
loader can check that the node exists.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from game.story.expr.errors import ExprError
from game.story.expr.typed import Typed, const, describe, safe_float, type_error
from game.story.expr.values import BOOL, ILIMIT, INTEGER, MAXF, NUMBER, NUMERIC, Fn

FUNCTIONS = ("min", "max", "abs", "round", "floor", "ceil", "clamp", "visits", "seen", "turn")
NODE_FUNCTIONS = ("visits", "seen")  # take one node id in quotes, not expressions
_ARITY = {"abs": 1, "round": 1, "floor": 1, "ceil": 1, "clamp": 3, "turn": 0}  # else 1 or more


def call(fname: str, args: list[Typed], start: int, end: int, src: str) -> Typed:
    """Check the arguments of a numeric function (or turn()) and compile the call."""
    wanted = _ARITY.get(fname)
    if wanted is None and not args:
        raise ExprError("LT304", f"{fname}() needs at least one argument", start, end - start)
    if wanted is not None and len(args) != wanted:
        plural = "" if wanted == 1 else "s"
        raise ExprError(
            "LT304",
            f"{fname}() takes {wanted} argument{plural}, not {len(args)}",
            start,
            end - start,
        )
    for e in args:
        if e.type not in NUMERIC:
            raise type_error(f"{fname}() needs numbers, not {describe(e, src)}", e)
    if fname == "turn":
        return Typed(INTEGER, lambda v, c: c.turn, start, end)
    if fname in ("min", "max"):
        return _minmax(fname, args, start, end)
    if fname == "clamp":
        return _clamp(args, start, end)
    return _unary(fname, args[0], start, end)


def node_call(fname: str, node: Any, start: int, end: int) -> Typed:
    """``visits("node")`` (times entered) or ``seen("node")`` (entered at least once).

    ``node`` is the id, or a ``Param`` standing for it in a shape (never called as such).
    """
    if fname == "visits":
        return Typed(INTEGER, lambda v, c: c.visits.get(node, 0), start, end, node=node)
    return Typed(BOOL, lambda v, c: c.visits.get(node, 0) > 0, start, end)


def _round(x: float) -> int:
    if x - x != 0:
        return 0 if x != x else (ILIMIT if x > 0 else -ILIMIT)
    return math.floor(x + 0.5) if x >= 0 else -math.floor(0.5 - x)


def _floor(x: float) -> int:
    if x - x != 0:
        return 0 if x != x else (ILIMIT if x > 0 else -ILIMIT)
    return math.floor(x)


def _ceil(x: float) -> int:
    if x - x != 0:
        return 0 if x != x else (ILIMIT if x > 0 else -ILIMIT)
    return math.ceil(x)


def _widened(args: list[Typed]) -> tuple[list[Typed], str]:
    """The arguments made all numbers when any is one (else all stay integers), and that type."""
    if any(e.type == NUMBER for e in args):
        return [safe_float(e) for e in args], NUMBER
    return args, INTEGER


def _minmax(fname: str, args: list[Typed], start: int, end: int) -> Typed:
    args, rtype = _widened(args)
    bound = max(e.bound for e in args)
    if len(args) == 1:
        return replace(args[0], offset=start, end=end)
    pick = max if fname == "max" else min
    if all(e.const for e in args):
        return const(rtype, pick(e.value for e in args), start, end)
    if len(args) == 2:
        a, b = args
        if a.const:
            a, b = b, a
        f = a.fn
        if b.const:
            k = b.value
            if a.slot >= 0:
                s = a.slot
                if fname == "max":
                    fn: Fn = lambda v, c: v[s] if v[s] > k else k  # noqa: E731
                else:
                    fn = lambda v, c: v[s] if v[s] < k else k  # noqa: E731
            elif fname == "max":

                def fn(v: list, c: Any) -> Any:
                    x = f(v, c)
                    return x if x > k else k
            else:

                def fn(v: list, c: Any) -> Any:
                    x = f(v, c)
                    return x if x < k else k
        else:
            g = b.fn
            if fname == "max":

                def fn(v: list, c: Any) -> Any:
                    x, y = f(v, c), g(v, c)
                    return x if x >= y else y
            else:

                def fn(v: list, c: Any) -> Any:
                    x, y = f(v, c), g(v, c)
                    return x if x <= y else y

        return Typed(rtype, fn, start, end, bound=bound)
    fns = tuple(e.fn for e in args)
    return Typed(rtype, lambda v, c: pick([f(v, c) for f in fns]), start, end, bound=bound)


def _clamp(args: list[Typed], start: int, end: int) -> Typed:
    args, rtype = _widened(args)
    bound = max(e.bound for e in args)
    x, lo, hi = args
    if lo.const and hi.const:
        a, b = lo.value, hi.value
        if x.const:
            xv = x.value
            return const(rtype, a if xv < a else b if xv > b else xv, start, end)
        if x.slot >= 0:
            s = x.slot
            fn: Fn = lambda v, c: a if v[s] < a else b if v[s] > b else v[s]  # noqa: E731
        else:
            f = x.fn

            def fn(v: list, c: Any) -> Any:
                y = f(v, c)
                return a if y < a else b if y > b else y
    else:
        f, g, h = x.fn, lo.fn, hi.fn

        def fn(v: list, c: Any) -> Any:
            y, a, b = f(v, c), g(v, c), h(v, c)
            return a if y < a else b if y > b else y

    return Typed(rtype, fn, start, end, bound=bound)


def _unary(fname: str, e: Typed, start: int, end: int) -> Typed:
    if fname == "abs":
        if e.const:
            return const(e.type, abs(e.value), start, end)
        f = e.fn
        return Typed(e.type, lambda v, c: abs(f(v, c)), start, end, bound=e.bound)
    if e.type == INTEGER:  # round/floor/ceil of an integer is the integer
        return replace(e, offset=start, end=end)
    conv = {"round": _round, "floor": _floor, "ceil": _ceil}[fname]
    if e.const:
        return const(INTEGER, conv(e.value), start, end)
    f = e.fn
    return Typed(INTEGER, lambda v, c: conv(f(v, c)), start, end, bound=MAXF)
