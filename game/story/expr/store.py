"""How an effect stores its result, so that a session's values always stay valid.

Numbers are made finite (NaN -> 0, infinities and huge integers -> +-1e15) and clamped to the
variable's ``min``/``max``; integers are stored as ``int`` and numbers as ``float``; strings
are cut at ``MAX_STRING`` characters. ``x += k`` and friends are fused into one closure.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from game.story.expr.arithmetic import arith
from game.story.expr.typed import Typed, safe_float
from game.story.expr.values import BOOL, INTEGER, LIMIT, MAX_STRING, NUMBER, STRING, Fn, VarInfo


def store(op: str, info: VarInfo, value: Typed, source: str) -> Fn:
    """The closure for ``info.name op value``, already type-checked by the caller."""
    s = info.slot
    if info.type == BOOL:
        return _plain_store(s, value)
    if info.type == STRING:
        return _store_string(op, s, value)
    lo, hi = limits(info)
    if info.type == NUMBER:
        value = safe_float(value)
    if op == "=":
        if value.const:
            x = value.value
            stored = (
                _store_number(x, lo, hi)
                if info.type == NUMBER
                else (lo if x < lo else hi if x > hi else x)
            )
            return _plain_store(s, replace(value, value=stored))
        expr_ = value
    else:
        target = Typed(info.type, lambda v, c: v[s], 0, 0, slot=s, bound=LIMIT)
        if value.const and op != "/=":
            k = value.value
            if k - k == 0:  # finite: values stay finite, so no NaN check is needed
                return _fused(op, s, k, lo, hi)
        expr_ = arith(op[0], 0, target, value, source)
        if expr_.const:
            return _plain_store(s, replace(expr_, value=_store_number(expr_.value, lo, hi)))
    f = expr_.fn
    if info.type == INTEGER:

        def store_int(v: list, c: Any) -> None:
            x = f(v, c)
            v[s] = lo if x < lo else hi if x > hi else x

        return store_int
    z = _store_number(0.0, lo, hi)

    def store_number(v: list, c: Any) -> None:
        x = f(v, c)
        v[s] = (lo if x < lo else hi if x > hi else x) if x == x else z

    return store_number


def _store_string(op: str, s: int, value: Typed) -> Fn:
    """'=' or '+=' on a string variable, cut at MAX_STRING characters."""
    if op == "+=":
        g = value.fn
        if value.const:
            k = value.value

            def append_k(v: list, c: Any) -> None:
                v[s] = (v[s] + k)[:MAX_STRING]

            return append_k

        def append(v: list, c: Any) -> None:
            v[s] = (v[s] + g(v, c))[:MAX_STRING]

        return append
    if value.const:
        return _plain_store(s, replace(value, value=value.value[:MAX_STRING]))
    g = value.fn

    def assign(v: list, c: Any) -> None:
        v[s] = g(v, c)[:MAX_STRING]

    return assign


def limits(info: VarInfo) -> tuple[Any, Any]:
    """The clamp range of a numeric variable, within +-LIMIT and of the variable's own type: what
    effects store and what a value set or loaded from a save is held to."""
    lo, hi = -LIMIT, LIMIT
    # compared before any conversion: Python compares ints and floats exactly, and a declared
    # bound may be a whole number too long for a float (lint reports it as LT311)
    if info.min is not None and info.min == info.min:
        lo = float(max(lo, min(info.min, LIMIT)))
    if info.max is not None and info.max == info.max:
        hi = float(min(hi, max(info.max, -LIMIT)))
    if info.type == INTEGER:
        return math.ceil(lo), math.floor(hi)
    return lo, hi


def _store_number(x: float, lo: float, hi: float) -> float:
    if x != x:
        x = 0.0
    return lo if x < lo else hi if x > hi else x


def _plain_store(s: int, value: Typed) -> Fn:
    if value.const:
        k = value.value

        def set_k(v: list, c: Any) -> None:
            v[s] = k

        return set_k
    g = value.fn

    def set_value(v: list, c: Any) -> None:
        v[s] = g(v, c)

    return set_value


def _fused(op: str, s: int, k: Any, lo: Any, hi: Any) -> Fn:
    """``x += k``, ``x -= k`` and ``x *= k`` in one closure."""
    if op == "+=":

        def add(v: list, c: Any) -> None:
            x = v[s] + k
            v[s] = lo if x < lo else hi if x > hi else x

        return add
    if op == "-=":

        def sub(v: list, c: Any) -> None:
            x = v[s] - k
            v[s] = lo if x < lo else hi if x > hi else x

        return sub

    def mul(v: list, c: Any) -> None:
        x = v[s] * k
        v[s] = lo if x < lo else hi if x > hi else x

    return mul
