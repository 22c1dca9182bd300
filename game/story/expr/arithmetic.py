"""Type rules and closures for '+', '-', '*', '/', '%' and unary minus.

Integers stay ``int`` and anything with a number becomes ``float``; '/' always gives a number.
Division and modulo by zero give 0 rather than raising. Common operand shapes (variable with
constant, two variables) get their own closure so a step costs one call, not three.
"""

from __future__ import annotations

from typing import Any

from game.story.expr.errors import ExprError
from game.story.expr.typed import Typed, const, describe, mixable, safe_float, type_error
from game.story.expr.values import BOOL, INF, INTEGER, MAXF, NUMBER, NUMERIC, STRING, Fn

# Closures for the common shapes: v = variable, k = constant, g = any subexpression.
_VK = {
    "+": lambda s, k: lambda v, c: v[s] + k,
    "-": lambda s, k: lambda v, c: v[s] - k,
    "*": lambda s, k: lambda v, c: v[s] * k,
}
_KV = {
    "+": lambda k, s: lambda v, c: k + v[s],
    "-": lambda k, s: lambda v, c: k - v[s],
    "*": lambda k, s: lambda v, c: k * v[s],
}
_VV = {
    "+": lambda a, b: lambda v, c: v[a] + v[b],
    "-": lambda a, b: lambda v, c: v[a] - v[b],
    "*": lambda a, b: lambda v, c: v[a] * v[b],
}
_GK = {
    "+": lambda f, k: lambda v, c: f(v, c) + k,
    "-": lambda f, k: lambda v, c: f(v, c) - k,
    "*": lambda f, k: lambda v, c: f(v, c) * k,
}
_KG = {
    "+": lambda k, f: lambda v, c: k + f(v, c),
    "-": lambda k, f: lambda v, c: k - f(v, c),
    "*": lambda k, f: lambda v, c: k * f(v, c),
}
_GG = {
    "+": lambda f, g: lambda v, c: f(v, c) + g(v, c),
    "-": lambda f, g: lambda v, c: f(v, c) - g(v, c),
    "*": lambda f, g: lambda v, c: f(v, c) * g(v, c),
}


def arith(op: str, offset: int, left: Typed, right: Typed, src: str) -> Typed:
    """Type-check and compile ``left op right``; also used by compound effects."""
    lt, rt = left.type, right.type
    if lt == STRING and rt == STRING:
        if op != "+":
            raise ExprError("LT303", f"strings can only be joined with '+', not '{op}'", offset)
        rtype = STRING
    else:
        bad = [e for e in (left, right) if e.type not in NUMERIC]
        if bad:
            # point at a bool first; for '+' with one string, at the operand that isn't one
            bools = [e for e in bad if e.type == BOOL]
            if bools:
                e = bools[0]
            elif op == "+":
                e = right if left.type == STRING else left
            else:
                e = bad[0]
            if op == "+" and STRING in (lt, rt) and e.type != STRING:
                message = f"only strings can be joined to a string, not {describe(e, src)}"
            else:
                message = f"'{op}' needs numbers, not {describe(e, src)}"
            raise type_error(message, e)
        rtype = NUMBER if op == "/" or NUMBER in (lt, rt) else INTEGER
    start, end = left.offset, right.end
    if rtype == NUMBER:
        if op == "/" and lt == INTEGER and rt == INTEGER:
            if left.bound > MAXF or right.bound > MAXF:
                left, right = safe_float(left), safe_float(right)
        else:
            left, right = mixable(left), mixable(right)
    bound = INF
    if rtype == INTEGER:
        if op == "+" or op == "-":
            bound = left.bound + right.bound
        elif op == "*":
            bound = left.bound * right.bound if left.bound and right.bound else 0.0
        else:
            bound = right.bound
    if op in ("/", "%"):
        zero = 0 if rtype == INTEGER else 0.0
        if right.const and not right.value:
            return const(rtype, zero, start, end)  # x / 0 and x % 0 give 0
        fn = _divmod(op, left, right, zero)
    elif left.slot >= 0 and right.const:
        fn = _VK[op](left.slot, right.value)
    elif left.const and right.slot >= 0:
        fn = _KV[op](left.value, right.slot)
    elif left.slot >= 0 and right.slot >= 0:
        fn = _VV[op](left.slot, right.slot)
    elif right.const:
        fn = _GK[op](left.fn, right.value)
    elif left.const:
        fn = _KG[op](left.value, right.fn)
    else:
        fn = _GG[op](left.fn, right.fn)
    if left.const and right.const:
        return const(rtype, fn(None, None), start, end)
    return Typed(rtype, fn, start, end, bound=bound)


def _divmod(op: str, left: Typed, right: Typed, zero: float) -> Fn:
    """'/' or '%' giving ``zero`` for a zero divisor; no check when the divisor is a constant."""
    f, g = left.fn, right.fn
    if right.const:  # non-zero constant
        k = right.value
        if left.slot >= 0:
            s = left.slot
            return (lambda v, c: v[s] / k) if op == "/" else (lambda v, c: v[s] % k)
        return (lambda v, c: f(v, c) / k) if op == "/" else (lambda v, c: f(v, c) % k)
    if op == "/":

        def div(v: list, c: Any) -> Any:
            b = g(v, c)
            return f(v, c) / b if b else zero

        return div

    def mod(v: list, c: Any) -> Any:
        b = g(v, c)
        return f(v, c) % b if b else zero

    return mod


def negate(offset: int, e: Typed, src: str) -> Typed:
    """Unary minus of a number, starting at the '-' at ``offset``."""
    if e.type not in NUMERIC:
        raise type_error(f"unary '-' needs a number, not {describe(e, src)}", e)
    if e.const:
        return const(e.type, -e.value, offset, e.end)
    if e.slot >= 0:
        s = e.slot
        fn: Fn = lambda v, c: -v[s]  # noqa: E731
    else:
        f = e.fn
        fn = lambda v, c: -f(v, c)  # noqa: E731
    return Typed(e.type, fn, offset, e.end, bound=e.bound)
