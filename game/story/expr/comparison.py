"""Type rules and closures for '<', '<=', '>', '>=', '==' and '!='.

Numbers compare with numbers (integers with numbers too); '==' and '!=' also compare two
strings or two bools. A comparison of a variable with a constant, the commonest condition,
compiles to one closure and records an ``atom`` so 'and'/'or' can fuse two of them.
"""

from __future__ import annotations

import operator

from game.story.expr.errors import ExprError
from game.story.expr.typed import Typed, const, describe, rewritten, type_error
from game.story.expr.values import BOOL, NUMBER, NUMERIC, STRING

OPS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}

# Closures for the common shapes: v = variable, k = constant, n = visits() of a node, g = any
# subexpression.
_VK = {
    "<": lambda s, k: lambda v, c: v[s] < k,
    "<=": lambda s, k: lambda v, c: v[s] <= k,
    ">": lambda s, k: lambda v, c: v[s] > k,
    ">=": lambda s, k: lambda v, c: v[s] >= k,
    "==": lambda s, k: lambda v, c: v[s] == k,
    "!=": lambda s, k: lambda v, c: v[s] != k,
}
_VV = {
    "<": lambda a, b: lambda v, c: v[a] < v[b],
    "<=": lambda a, b: lambda v, c: v[a] <= v[b],
    ">": lambda a, b: lambda v, c: v[a] > v[b],
    ">=": lambda a, b: lambda v, c: v[a] >= v[b],
    "==": lambda a, b: lambda v, c: v[a] == v[b],
    "!=": lambda a, b: lambda v, c: v[a] != v[b],
}
_NK = {  # visits("n") compared with a constant: one closure (ink's once-only choices)
    "<": lambda n, k: lambda v, c: c.visits.get(n, 0) < k,
    "<=": lambda n, k: lambda v, c: c.visits.get(n, 0) <= k,
    ">": lambda n, k: lambda v, c: c.visits.get(n, 0) > k,
    ">=": lambda n, k: lambda v, c: c.visits.get(n, 0) >= k,
    "==": lambda n, k: lambda v, c: c.visits.get(n, 0) == k,
    "!=": lambda n, k: lambda v, c: c.visits.get(n, 0) != k,
}
_GK = {
    "<": lambda f, k: lambda v, c: f(v, c) < k,
    "<=": lambda f, k: lambda v, c: f(v, c) <= k,
    ">": lambda f, k: lambda v, c: f(v, c) > k,
    ">=": lambda f, k: lambda v, c: f(v, c) >= k,
    "==": lambda f, k: lambda v, c: f(v, c) == k,
    "!=": lambda f, k: lambda v, c: f(v, c) != k,
}
_GG = {
    "<": lambda f, g: lambda v, c: f(v, c) < g(v, c),
    "<=": lambda f, g: lambda v, c: f(v, c) <= g(v, c),
    ">": lambda f, g: lambda v, c: f(v, c) > g(v, c),
    ">=": lambda f, g: lambda v, c: f(v, c) >= g(v, c),
    "==": lambda f, g: lambda v, c: f(v, c) == g(v, c),
    "!=": lambda f, g: lambda v, c: f(v, c) != g(v, c),
}


def _meant(op: str, left: Typed, right: Typed, src: str) -> str:
    """A "did you mean" for the comparisons writers reach for: a flag with 1 or 0, a text
    with a number."""
    for flag, other in ((left, right), (right, left)):
        if flag.type == BOOL and other.const and other.value in (0, 1) and other.type in NUMERIC:
            name = src[flag.offset : flag.end]
            holds = (other.value == 1) == (op == "==")
            meant = rewritten(src, min(left.offset, right.offset), max(left.end, right.end),
                              name if holds else f"not {name}")
            return f"; a flag is true or false: did you mean '{meant}'?"
        if flag.type == STRING and other.const and other.type in NUMERIC:
            meant = rewritten(src, other.offset, other.end, f'"{src[other.offset:other.end]}"')
            return f"; did you mean '{meant}'?"
    return ""


def compare(op: str, left: Typed, right: Typed, src: str) -> Typed:
    """Type-check and compile ``left op right`` into a bool."""
    lt, rt = left.type, right.type
    if op in ("==", "!="):
        same = (lt in NUMERIC and rt in NUMERIC) or lt == rt
        if not same:
            raise ExprError(
                "LT303",
                f"can't compare {describe(left, src)} with {describe(right, src)}"
                f"{_meant(op, left, right, src)}",
                right.offset,
                right.end - right.offset,
            )
    else:
        for e in (left, right):
            if e.type not in NUMERIC:
                raise type_error(f"'{op}' compares numbers, not {describe(e, src)}", e)
    start, end = left.offset, right.end
    if left.const and right.const:
        return const(BOOL, OPS[op](left.value, right.value), start, end)
    if left.const:  # k OP x  ->  x MIRROR(OP) k
        left, right, op = right, left, _MIRROR[op]
    if right.const:
        k = right.value
        if left.type == NUMBER and type(k) is int:
            k = float(k) if -(2**53) <= k <= 2**53 else k
        if left.slot >= 0:
            return Typed(BOOL, _VK[op](left.slot, k), start, end, atom=(OPS[op], left.slot, k))
        if left.node is not None:
            return Typed(BOOL, _NK[op](left.node, k), start, end)
        return Typed(BOOL, _GK[op](left.fn, k), start, end)
    if left.slot >= 0 and right.slot >= 0:
        return Typed(BOOL, _VV[op](left.slot, right.slot), start, end)
    return Typed(BOOL, _GG[op](left.fn, right.fn), start, end)
