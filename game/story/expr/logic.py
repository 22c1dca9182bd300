"""Type rules and closures for 'and', 'or' and 'not'.

A chain like ``a and b and c`` is compiled as one closure, not nested pairs; constants that
settle the chain fold it away, and two simple tests (``x > 3 and not b``) are fused into a
single closure that reads the values list directly.
"""

from __future__ import annotations

import operator
from dataclasses import replace
from typing import Any

from game.story.expr.typed import Typed, as_test, const, describe, rewritten, type_error
from game.story.expr.values import BOOL, Fn


def logic(kind: str, items: list[Typed], src: str) -> Typed:
    """Type-check and compile ``items[0] kind items[1] kind ...`` (kind is 'and' or 'or')."""
    for e in items:
        if e.type != BOOL:
            meant = rewritten(src, e.offset, e.end, as_test(e, src))
            raise type_error(
                f"'{kind}' needs true or false on both sides, not {describe(e, src)}; "
                f"did you mean '{meant}'?", e
            )
    start, end = items[0].offset, items[-1].end
    decisive = kind == "or"  # the value that settles the whole chain
    kept = []
    for e in items:
        if e.const:
            if e.value == decisive:
                return const(BOOL, decisive, start, end)
        else:
            kept.append(e)
    if not kept:
        return const(BOOL, not decisive, start, end)
    if len(kept) == 1:
        return replace(kept[0], offset=start, end=end)
    if len(kept) == 2:
        a, b = kept
        if a.atom is not None and b.atom is not None:
            (o1, s1, k1), (o2, s2, k2) = a.atom, b.atom
            if kind == "and":
                fn: Fn = lambda v, c: o1(v[s1], k1) and o2(v[s2], k2)  # noqa: E731
            else:
                fn = lambda v, c: o1(v[s1], k1) or o2(v[s2], k2)  # noqa: E731
        else:
            f, g = a.fn, b.fn
            if kind == "and":
                fn = lambda v, c: f(v, c) and g(v, c)  # noqa: E731
            else:
                fn = lambda v, c: f(v, c) or g(v, c)  # noqa: E731
        return Typed(BOOL, fn, start, end)
    if len(kept) == 3:
        f, g, h = (e.fn for e in kept)
        if kind == "and":
            fn = lambda v, c: f(v, c) and g(v, c) and h(v, c)  # noqa: E731
        else:
            fn = lambda v, c: f(v, c) or g(v, c) or h(v, c)  # noqa: E731
        return Typed(BOOL, fn, start, end)
    fns = tuple(e.fn for e in kept)
    if kind == "and":

        def chain(v: list, c: Any) -> bool:
            return all(f(v, c) for f in fns)
    else:

        def chain(v: list, c: Any) -> bool:
            return any(f(v, c) for f in fns)

    return Typed(BOOL, chain, start, end)


def negation(offset: int, e: Typed, src: str) -> Typed:
    """``not e``, starting at the 'not' at ``offset``."""
    if e.type != BOOL:
        zero = '""' if e.type == "string" else "0"
        meant = rewritten(src, offset, e.end, f"{src[e.offset:e.end]} == {zero}")
        raise type_error(f"'not' needs true or false, not {describe(e, src)}; "
                         f"did you mean '{meant}'?", e)
    if e.const:
        return const(BOOL, not e.value, offset, e.end)
    if e.slot >= 0:
        s = e.slot
        return Typed(BOOL, lambda v, c: not v[s], offset, e.end, atom=(operator.eq, s, False))
    f = e.fn
    return Typed(BOOL, lambda v, c: not f(v, c), offset, e.end)
