"""The expression language of conditions and effects, compiled to Python closures.

Story text is never handed to ``eval``: a small tokenizer and a precedence-climbing parser
check types while they parse and build closures that read ``values[slot]`` directly, so a
condition costs a lambda call or two per evaluation.

Evaluation never raises. ``x / 0`` and ``x % 0`` give 0; ``round``, ``floor`` and ``ceil`` turn
NaN into 0 and infinities into +-1e15; effects make every number finite (NaN -> 0, infinities
and huge integers -> +-1e15), clamp it to the variable's ``min``/``max`` and store integers as
``int`` and numbers as ``float``; strings stored by effects are cut at 10,000 characters. The
session is expected to hold number variables as ``float`` and keep values within +-1e15, as
effects do.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

__all__ = [
    "BOOL",
    "INTEGER",
    "NUMBER",
    "STRING",
    "Condition",
    "Context",
    "Effect",
    "ExprError",
    "VarInfo",
    "compile_condition",
    "compile_effect",
    "compile_expression",
]

INTEGER, NUMBER, BOOL, STRING = "integer", "number", "bool", "string"

MAX_SOURCE = 1000  # characters in one expression
MAX_DEPTH = 32  # nested parentheses, calls, unary minus and 'not'
MAX_NUMBER = 30  # characters in one number literal
MAX_STRING = 10_000  # characters an effect may store in a string variable
LIMIT = 1e15  # stored numbers stay within +-LIMIT
_ILIMIT = 10**15
_MAXF = sys.float_info.max
_INF = math.inf


@dataclass(frozen=True)
class VarInfo:
    """What the compiler needs to know about a declared variable."""

    name: str
    slot: int  # index of the variable's value in the session's values list
    type: str  # INTEGER, NUMBER, BOOL or STRING
    min: float | None = None
    max: float | None = None


class ExprError(Exception):
    """A problem in an expression, located so the loader can point at it."""

    def __init__(self, code: str, message: str, offset: int, length: int = 1) -> None:
        super().__init__(f"{code} at {offset}: {message}")
        self.code = code
        self.message = message
        self.offset = offset
        self.length = max(1, length)


class Context(Protocol):
    """The part of a session that visits(), seen() and turn() look at."""

    visits: Mapping[str, int]  # node id -> times entered
    turn: int  # choices made so far


Fn = Callable[[list, Any], Any]


@dataclass(frozen=True)
class Condition:
    """A compiled condition; call ``fn`` directly in hot loops."""

    source: str
    reads: frozenset[str]
    nodes: tuple[tuple[str, int], ...]
    fn: Callable[[list, Context], bool]
    constant: bool | None = None  # True/False when the result never changes

    def __call__(self, values: list, ctx: Context) -> bool:
        return self.fn(values, ctx)


@dataclass(frozen=True)
class Effect:
    """A compiled effect; ``reads`` includes the target for '+=' and friends."""

    source: str
    target: str
    slot: int
    op: str
    reads: frozenset[str]
    nodes: tuple[tuple[str, int], ...]
    fn: Callable[[list, Context], None]

    def apply(self, values: list, ctx: Context) -> None:
        self.fn(values, ctx)


# -- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    kind: str  # "num", "str", "name", "op" or "end"
    text: str
    value: Any
    offset: int

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    def is_op(self, text: str) -> bool:
        return self.kind == "op" and self.text == text

    def is_name(self, text: str) -> bool:
        return self.kind == "name" and self.text == text


_TOKEN = re.compile(
    r"(?P<ws>[ \t\r\n]+)"
    r"|(?P<num>[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|\+=|-=|\*=|/=|%=|==|!=|<=|>=|&&|\|\||[-+*/%<>=(),])"
)
_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t"}
_BAD_CHARS = {
    ".": "'.' is not allowed: there is no attribute access (write decimals like 0.5)",
    "[": "there is no indexing with '[...]'",
    "]": "there is no indexing with '[...]'",
    "!": "use 'not' instead of '!'",
    "&": "use 'and' instead of '&'",
    "|": "use 'or' instead of '|'",
    ":": "unexpected ':' (there are no lambdas or slices)",
}
_BAD_OPS = {
    "**": "there is no '**' operator; multiply instead",
    "&&": "use 'and' instead of '&&'",
    "||": "use 'or' instead of '||'",
    "%=": "effects can use '=', '+=', '-=', '*=' or '/=', not '%='",
}


def _syntax(message: str, offset: int, length: int = 1) -> ExprError:
    return ExprError("LT301", message, offset, length)


def _tokenize(src: str) -> list[_Tok]:
    """Split ``src`` into tokens, rejecting anything outside the language as early as possible."""
    toks: list[_Tok] = []
    i, n = 0, len(src)
    match = _TOKEN.match
    while i < n:
        ch = src[i]
        if ch == '"' or ch == "'":
            i = _string(src, i, toks)
            continue
        m = match(src, i)
        if m is None:
            if ch in _BAD_CHARS:
                raise _syntax(_BAD_CHARS[ch], i)
            if ch.isidentifier():
                raise _syntax(f"unexpected {ch!r}: names use only a-z, 0-9 and '_'", i)
            raise _syntax(f"unexpected character {ch!r}", i)
        kind, text = m.lastgroup, m.group()
        if kind == "num":
            if len(text) > MAX_NUMBER:
                raise ExprError(
                    "LT305", f"number literal longer than {MAX_NUMBER} characters", i, len(text)
                )
            nxt = src[m.end() : m.end() + 1]
            if nxt and (nxt.isalnum() or nxt == "_"):
                raise _syntax(f"a number can't be followed by {nxt!r}", m.end())
            value: Any = float(text) if "." in text else int(text)
            toks.append(_Tok("num", text, value, i))
        elif kind == "name":
            toks.append(_Tok("name", text, None, i))
        elif kind == "op":
            if text in _BAD_OPS:
                raise _syntax(_BAD_OPS[text], i, len(text))
            toks.append(_Tok("op", text, None, i))
        i = m.end()
    toks.append(_Tok("end", "", None, n))
    return toks


def _string(src: str, start: int, toks: list[_Tok]) -> int:
    quote, i, n = src[start], start + 1, len(src)
    out: list[str] = []
    while i < n:
        ch = src[i]
        if ch == quote:
            toks.append(_Tok("str", src[start : i + 1], "".join(out), start))
            return i + 1
        if ch == "\\":
            esc = src[i + 1 : i + 2]
            if esc not in _ESCAPES:
                raise _syntax("unknown escape in a string (use \\\\, \\\", \\', \\n or \\t)", i, 2)
            out.append(_ESCAPES[esc])
            i += 2
            continue
        if ch < " " or ch == "\x7f":
            raise _syntax(f"control character {ch!r} in a string", i)
        out.append(ch)
        i += 1
    raise _syntax(f"unterminated string: missing closing {quote}", start, n - start)


# -- compiled nodes -------------------------------------------------------------------------


@dataclass(frozen=True)
class _E:
    """A type-checked, compiled subexpression."""

    type: str
    fn: Fn
    offset: int
    end: int
    const: bool = False
    value: Any = None
    slot: int = -1  # >= 0 for a plain variable read
    bound: float = _INF  # for integers: no value is larger in magnitude
    atom: tuple | None = None  # (op, slot, k): a bool test op(values[slot], k)
    name: str = ""  # the variable's name for a plain read


def _k(x: Any) -> Fn:
    return lambda v, c: x


def _ibound(x: int) -> float:
    return float(abs(x)) if -(10**300) < x < 10**300 else _INF


def _const(type_: str, value: Any, offset: int, end: int) -> _E:
    bound = _ibound(value) if type_ == INTEGER else _INF
    return _E(type_, _k(value), offset, end, const=True, value=value, bound=bound)


def _tofloat(x: int) -> float:
    """int -> float that saturates instead of raising OverflowError."""
    if -_MAXF <= x <= _MAXF:
        return float(x)
    return _INF if x > 0 else -_INF


def _safe_float(e: _E) -> _E:
    """An integer operand made float; guarded only when it might not fit in a float."""
    if e.type != INTEGER:
        return e
    if e.const:
        return _const(NUMBER, _tofloat(e.value), e.offset, e.end)
    f = e.fn
    conv = float if e.bound <= _MAXF else _tofloat
    return _E(NUMBER, lambda v, c: conv(f(v, c)), e.offset, e.end)


def _mixable(e: _E) -> _E:
    """Leave an integer operand as is when Python's own int->float conversion can't overflow."""
    if e.type == INTEGER and (e.const or e.bound > _MAXF):
        return _safe_float(e)
    return e


def _round(x: float) -> int:
    if x - x != 0:
        return 0 if x != x else (_ILIMIT if x > 0 else -_ILIMIT)
    return math.floor(x + 0.5) if x >= 0 else -math.floor(0.5 - x)


def _floor(x: float) -> int:
    if x - x != 0:
        return 0 if x != x else (_ILIMIT if x > 0 else -_ILIMIT)
    return math.floor(x)


def _ceil(x: float) -> int:
    if x - x != 0:
        return 0 if x != x else (_ILIMIT if x > 0 else -_ILIMIT)
    return math.ceil(x)


# Closures for the common shapes: v = variable, k = constant, g = any subexpression.
_ARITH_VK = {
    "+": lambda s, k: lambda v, c: v[s] + k,
    "-": lambda s, k: lambda v, c: v[s] - k,
    "*": lambda s, k: lambda v, c: v[s] * k,
}
_ARITH_KV = {
    "+": lambda k, s: lambda v, c: k + v[s],
    "-": lambda k, s: lambda v, c: k - v[s],
    "*": lambda k, s: lambda v, c: k * v[s],
}
_ARITH_VV = {
    "+": lambda a, b: lambda v, c: v[a] + v[b],
    "-": lambda a, b: lambda v, c: v[a] - v[b],
    "*": lambda a, b: lambda v, c: v[a] * v[b],
}
_ARITH_GK = {
    "+": lambda f, k: lambda v, c: f(v, c) + k,
    "-": lambda f, k: lambda v, c: f(v, c) - k,
    "*": lambda f, k: lambda v, c: f(v, c) * k,
}
_ARITH_KG = {
    "+": lambda k, f: lambda v, c: k + f(v, c),
    "-": lambda k, f: lambda v, c: k - f(v, c),
    "*": lambda k, f: lambda v, c: k * f(v, c),
}
_ARITH_GG = {
    "+": lambda f, g: lambda v, c: f(v, c) + g(v, c),
    "-": lambda f, g: lambda v, c: f(v, c) - g(v, c),
    "*": lambda f, g: lambda v, c: f(v, c) * g(v, c),
}
_CMP_VK = {
    "<": lambda s, k: lambda v, c: v[s] < k,
    "<=": lambda s, k: lambda v, c: v[s] <= k,
    ">": lambda s, k: lambda v, c: v[s] > k,
    ">=": lambda s, k: lambda v, c: v[s] >= k,
    "==": lambda s, k: lambda v, c: v[s] == k,
    "!=": lambda s, k: lambda v, c: v[s] != k,
}
_CMP_VV = {
    "<": lambda a, b: lambda v, c: v[a] < v[b],
    "<=": lambda a, b: lambda v, c: v[a] <= v[b],
    ">": lambda a, b: lambda v, c: v[a] > v[b],
    ">=": lambda a, b: lambda v, c: v[a] >= v[b],
    "==": lambda a, b: lambda v, c: v[a] == v[b],
    "!=": lambda a, b: lambda v, c: v[a] != v[b],
}
_CMP_GK = {
    "<": lambda f, k: lambda v, c: f(v, c) < k,
    "<=": lambda f, k: lambda v, c: f(v, c) <= k,
    ">": lambda f, k: lambda v, c: f(v, c) > k,
    ">=": lambda f, k: lambda v, c: f(v, c) >= k,
    "==": lambda f, k: lambda v, c: f(v, c) == k,
    "!=": lambda f, k: lambda v, c: f(v, c) != k,
}
_CMP_GG = {
    "<": lambda f, g: lambda v, c: f(v, c) < g(v, c),
    "<=": lambda f, g: lambda v, c: f(v, c) <= g(v, c),
    ">": lambda f, g: lambda v, c: f(v, c) > g(v, c),
    ">=": lambda f, g: lambda v, c: f(v, c) >= g(v, c),
    "==": lambda f, g: lambda v, c: f(v, c) == g(v, c),
    "!=": lambda f, g: lambda v, c: f(v, c) != g(v, c),
}
_CMP_OPS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NUMERIC = (INTEGER, NUMBER)
_FUNCTIONS = ("min", "max", "abs", "round", "floor", "ceil", "clamp", "visits", "seen", "turn")
_KEYWORD_HINTS = {
    "True": "use 'true'",
    "False": "use 'false'",
    "TRUE": "use 'true'",
    "FALSE": "use 'false'",
    "AND": "use 'and'",
    "And": "use 'and'",
    "OR": "use 'or'",
    "Or": "use 'or'",
    "NOT": "use 'not'",
    "Not": "use 'not'",
    "lambda": "there are no lambdas",
}
_ASSIGN = ("=", "+=", "-=", "*=", "/=")


def _hint(name: str, names: list[str]) -> str:
    found = difflib.get_close_matches(name, names, n=1) or difflib.get_close_matches(
        name.lower(), names, n=1
    )
    return f"; did you mean '{found[0]}'?" if found else ""


def _describe(e: _E, src: str) -> str:
    text = src[e.offset : e.end]
    if len(text) > 30:
        text = text[:27] + "..."
    return f"'{text}' ({e.type})"


# -- parser ---------------------------------------------------------------------------------


class _Parser:
    """Precedence climbing: or < and < not < comparison < + - < * / % < unary minus."""

    def __init__(self, source: str, variables: Mapping[str, VarInfo]) -> None:
        if len(source) > MAX_SOURCE:
            raise ExprError(
                "LT305",
                f"expression is {len(source)} characters long; the limit is {MAX_SOURCE}",
                MAX_SOURCE,
                len(source) - MAX_SOURCE,
            )
        self.src = source
        self.vars = variables
        self.toks = _tokenize(source)
        self.pos = 0
        self.depth = 0
        self.reads: set[str] = set()
        self.nodes: list[tuple[str, int]] = []

    # token helpers
    def peek(self) -> _Tok:
        return self.toks[self.pos]

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def enter(self, tok: _Tok) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("LT305", f"nested more than {MAX_DEPTH} levels deep", tok.offset)

    def expect_end(self) -> None:
        tok = self.peek()
        if tok.kind == "end":
            return
        if tok.is_op(")"):
            raise _syntax("')' without a matching '('", tok.offset)
        if tok.is_op("="):
            raise _syntax("use '==' to compare; '=' only starts an effect", tok.offset)
        if tok.kind == "name" and tok.text in _KEYWORD_HINTS:
            raise _syntax(_KEYWORD_HINTS[tok.text], tok.offset, len(tok.text))
        if tok.kind == "op" and tok.text in _ASSIGN:
            raise _syntax(
                f"'{tok.text}' changes a variable; it can only start an effect", tok.offset, 2
            )
        if tok.kind == "op" and tok.text in _CMP_OPS:
            raise _syntax(
                "comparisons can't be chained; write 'a < b and b < c'", tok.offset, len(tok.text)
            )
        raise _syntax(f"missing operator before '{tok.text}'", tok.offset, len(tok.text))

    def variable(self, tok: _Tok) -> VarInfo:
        info = self.vars.get(tok.text)
        if info is None:
            if tok.text in _KEYWORD_HINTS:
                raise _syntax(_KEYWORD_HINTS[tok.text], tok.offset, len(tok.text))
            extra = ""
            if tok.text in _FUNCTIONS:
                extra = f"; '{tok.text}' is a function: write {tok.text}(...)"
            else:
                extra = _hint(tok.text, list(self.vars))
            raise ExprError(
                "LT302", f"unknown variable '{tok.text}'{extra}", tok.offset, len(tok.text)
            )
        return info

    # grammar
    def parse_or(self) -> _E:
        items = [self.parse_and()]
        while self.peek().is_name("or"):
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else self.logic("or", items)

    def parse_and(self) -> _E:
        items = [self.parse_not()]
        while self.peek().is_name("and"):
            self.take()
            items.append(self.parse_not())
        return items[0] if len(items) == 1 else self.logic("and", items)

    def parse_not(self) -> _E:
        tok = self.peek()
        if not tok.is_name("not"):
            return self.parse_cmp()
        self.take()
        self.enter(tok)
        e = self.parse_not()
        self.depth -= 1
        if e.type != BOOL:
            raise ExprError(
                "LT303",
                f"'not' needs true or false, not {_describe(e, self.src)}",
                e.offset,
                e.end - e.offset,
            )
        if e.const:
            return _const(BOOL, not e.value, tok.offset, e.end)
        if e.slot >= 0:
            s = e.slot
            return _E(BOOL, lambda v, c: not v[s], tok.offset, e.end, atom=(operator.eq, s, False))
        f = e.fn
        return _E(BOOL, lambda v, c: not f(v, c), tok.offset, e.end)

    def parse_cmp(self) -> _E:
        left = self.parse_add()
        tok = self.peek()
        if tok.kind != "op" or tok.text not in _CMP_OPS:
            return left
        self.take()
        right = self.parse_add()
        nxt = self.peek()
        if nxt.kind == "op" and nxt.text in _CMP_OPS:
            raise _syntax(
                "comparisons can't be chained; write 'a < b and b < c'", nxt.offset, len(nxt.text)
            )
        return self.compare(tok, left, right)

    def parse_add(self) -> _E:
        left = self.parse_mul()
        while True:
            tok = self.peek()
            if tok.kind != "op" or tok.text not in ("+", "-"):
                return left
            self.take()
            left = self.arith(tok, left, self.parse_mul())

    def parse_mul(self) -> _E:
        left = self.parse_unary()
        while True:
            tok = self.peek()
            if tok.kind != "op" or tok.text not in ("*", "/", "%"):
                return left
            self.take()
            left = self.arith(tok, left, self.parse_unary())

    def parse_unary(self) -> _E:
        tok = self.peek()
        if tok.is_op("-"):
            self.take()
            self.enter(tok)
            e = self.parse_unary()
            self.depth -= 1
            return self.negate(tok, e)
        if tok.is_name("not"):
            raise _syntax("put 'not ...' in parentheses here", tok.offset, 3)
        if tok.is_op("+"):
            raise _syntax("there is no unary '+'; drop it", tok.offset)
        e = self.parse_primary()
        nxt = self.peek()
        if nxt.is_op("("):
            raise _syntax("only functions can be called", nxt.offset)
        return e

    def parse_primary(self) -> _E:
        tok = self.take()
        if tok.kind == "num":
            return _const(
                INTEGER if type(tok.value) is int else NUMBER, tok.value, tok.offset, tok.end
            )
        if tok.kind == "str":
            return _const(STRING, tok.value, tok.offset, tok.end)
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return _const(BOOL, tok.text == "true", tok.offset, tok.end)
            if tok.text in ("and", "or"):
                raise _syntax(f"expected a value before '{tok.text}'", tok.offset, len(tok.text))
            if self.peek().is_op("("):
                return self.call(tok)
            info = self.variable(tok)
            self.reads.add(info.name)
            s = info.slot
            bound = LIMIT if info.type == INTEGER else _INF
            atom = (operator.ne, s, False) if info.type == BOOL else None
            return _E(
                info.type,
                lambda v, c: v[s],
                tok.offset,
                tok.end,
                slot=s,
                bound=bound,
                atom=atom,
                name=info.name,
            )
        if tok.is_op("("):
            self.enter(tok)
            if self.peek().is_op(")"):
                raise _syntax("empty parentheses: expected an expression", self.peek().offset)
            e = self.parse_or()
            close = self.peek()
            if not close.is_op(")"):
                if close.kind == "end":
                    raise _syntax("'(' is never closed", tok.offset)
                self.expect_end()
                raise _syntax("expected ')'", close.offset)  # pragma: no cover - expect_end raised
            self.take()
            self.depth -= 1
            return replace(e, offset=tok.offset, end=close.end)
        if tok.kind == "end":
            raise _syntax("the expression ends too early", tok.offset)
        if tok.is_op("="):
            raise _syntax("use '==' to compare", tok.offset)
        raise _syntax(f"expected a value, found '{tok.text}'", tok.offset, len(tok.text))

    # operators
    def logic(self, kind: str, items: list[_E]) -> _E:
        for e in items:
            if e.type != BOOL:
                raise ExprError(
                    "LT303",
                    f"'{kind}' needs true or false on both sides, not {_describe(e, self.src)}",
                    e.offset,
                    e.end - e.offset,
                )
        start, end = items[0].offset, items[-1].end
        decisive = kind == "or"  # the value that settles the whole chain
        kept = []
        for e in items:
            if e.const:
                if e.value == decisive:
                    return _const(BOOL, decisive, start, end)
            else:
                kept.append(e)
        if not kept:
            return _const(BOOL, not decisive, start, end)
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
            return _E(BOOL, fn, start, end)
        if len(kept) == 3:
            f, g, h = (e.fn for e in kept)
            if kind == "and":
                fn = lambda v, c: f(v, c) and g(v, c) and h(v, c)  # noqa: E731
            else:
                fn = lambda v, c: f(v, c) or g(v, c) or h(v, c)  # noqa: E731
            return _E(BOOL, fn, start, end)
        fns = tuple(e.fn for e in kept)
        if kind == "and":

            def chain(v: list, c: Any) -> bool:
                return all(f(v, c) for f in fns)
        else:

            def chain(v: list, c: Any) -> bool:
                return any(f(v, c) for f in fns)

        return _E(BOOL, chain, start, end)

    def compare(self, tok: _Tok, left: _E, right: _E) -> _E:
        op = tok.text
        lt, rt = left.type, right.type
        if op in ("==", "!="):
            same = (lt in _NUMERIC and rt in _NUMERIC) or lt == rt
            if not same:
                raise ExprError(
                    "LT303",
                    f"can't compare {_describe(left, self.src)} with {_describe(right, self.src)}",
                    right.offset,
                    right.end - right.offset,
                )
        else:
            for e in (left, right):
                if e.type not in _NUMERIC:
                    raise ExprError(
                        "LT303",
                        f"'{op}' compares numbers, not {_describe(e, self.src)}",
                        e.offset,
                        e.end - e.offset,
                    )
        start, end = left.offset, right.end
        if left.const and right.const:
            return _const(BOOL, _CMP_OPS[op](left.value, right.value), start, end)
        if left.const:  # k OP x  ->  x MIRROR(OP) k
            left, right, op = right, left, _MIRROR[op]
        if right.const:
            k = right.value
            if left.type == NUMBER and type(k) is int:
                k = float(k) if -(2**53) <= k <= 2**53 else k
            if left.slot >= 0:
                return _E(
                    BOOL, _CMP_VK[op](left.slot, k), start, end, atom=(_CMP_OPS[op], left.slot, k)
                )
            return _E(BOOL, _CMP_GK[op](left.fn, k), start, end)
        if left.slot >= 0 and right.slot >= 0:
            return _E(BOOL, _CMP_VV[op](left.slot, right.slot), start, end)
        return _E(BOOL, _CMP_GG[op](left.fn, right.fn), start, end)

    def arith(self, tok: _Tok, left: _E, right: _E) -> _E:
        return _arith(tok.text, tok.offset, left, right, self.src)

    def negate(self, tok: _Tok, e: _E) -> _E:
        if e.type not in _NUMERIC:
            raise ExprError(
                "LT303",
                f"unary '-' needs a number, not {_describe(e, self.src)}",
                e.offset,
                e.end - e.offset,
            )
        if e.const:
            return _const(e.type, -e.value, tok.offset, e.end)
        if e.slot >= 0:
            s = e.slot
            fn: Fn = lambda v, c: -v[s]  # noqa: E731
        else:
            f = e.fn
            fn = lambda v, c: -f(v, c)  # noqa: E731
        return _E(e.type, fn, tok.offset, e.end, bound=e.bound)

    # functions
    def call(self, name: _Tok) -> _E:
        fname = name.text
        if fname not in _FUNCTIONS:
            if fname in self.vars:
                message = f"'{fname}' is a variable, not a function"
            else:
                message = f"unknown function '{fname}'{_hint(fname, list(_FUNCTIONS))}"
            raise ExprError("LT304", message, name.offset, len(fname))
        self.take()  # '('
        self.enter(name)
        if fname in ("visits", "seen"):
            return self.node_call(name)
        args: list[_E] = []
        if not self.peek().is_op(")"):
            while True:
                args.append(self.parse_or())
                if not self.peek().is_op(","):
                    break
                self.take()
        close = self.peek()
        if not close.is_op(")"):
            if close.kind == "end":
                raise _syntax(f"'{fname}(' is never closed", name.offset, len(fname) + 1)
            raise _syntax(f"expected ',' or ')' in {fname}(...)", close.offset, len(close.text))
        self.take()
        self.depth -= 1
        start, end = name.offset, close.end
        wanted = {"abs": 1, "round": 1, "floor": 1, "ceil": 1, "clamp": 3, "turn": 0}.get(fname)
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
            if e.type not in _NUMERIC:
                raise ExprError(
                    "LT303",
                    f"{fname}() needs numbers, not {_describe(e, self.src)}",
                    e.offset,
                    e.end - e.offset,
                )
        if fname == "turn":
            return _E(INTEGER, lambda v, c: c.turn, start, end)
        if fname in ("min", "max"):
            return _minmax(fname, args, start, end)
        if fname == "clamp":
            return _clamp(args, start, end)
        return _unary_fn(fname, args[0], start, end)

    def node_call(self, name: _Tok) -> _E:
        arg, close = self.take(), self.take()
        if arg.kind != "str" or not close.is_op(")"):
            raise ExprError(
                "LT304",
                f'{name.text}() takes one node id in quotes, e.g. {name.text}("den")',
                name.offset,
                max(close.end, arg.end) - name.offset,
            )
        self.depth -= 1
        node = arg.value
        self.nodes.append((node, arg.offset))
        if name.text == "visits":
            return _E(INTEGER, lambda v, c: c.visits.get(node, 0), name.offset, close.end)
        return _E(BOOL, lambda v, c: c.visits.get(node, 0) > 0, name.offset, close.end)


def _arith(op: str, offset: int, left: _E, right: _E, src: str) -> _E:
    """Type-check and compile ``left op right``; also used by compound effects."""
    lt, rt = left.type, right.type
    if lt == STRING and rt == STRING:
        if op != "+":
            raise ExprError("LT303", f"strings can only be joined with '+', not '{op}'", offset)
        rtype = STRING
    else:
        bad = [e for e in (left, right) if e.type not in _NUMERIC]
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
                message = f"only strings can be joined to a string, not {_describe(e, src)}"
            else:
                message = f"'{op}' needs numbers, not {_describe(e, src)}"
            raise ExprError("LT303", message, e.offset, e.end - e.offset)
        rtype = NUMBER if op == "/" or NUMBER in (lt, rt) else INTEGER
    start, end = left.offset, right.end
    if rtype == NUMBER:
        if op == "/" and lt == INTEGER and rt == INTEGER:
            if left.bound > _MAXF or right.bound > _MAXF:
                left, right = _safe_float(left), _safe_float(right)
        else:
            left, right = _mixable(left), _mixable(right)
    bound = _INF
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
            return _const(rtype, zero, start, end)  # x / 0 and x % 0 give 0
        fn = _divmod(op, left, right, zero)
    elif left.slot >= 0 and right.const:
        fn = _ARITH_VK[op](left.slot, right.value)
    elif left.const and right.slot >= 0:
        fn = _ARITH_KV[op](left.value, right.slot)
    elif left.slot >= 0 and right.slot >= 0:
        fn = _ARITH_VV[op](left.slot, right.slot)
    elif right.const:
        fn = _ARITH_GK[op](left.fn, right.value)
    elif left.const:
        fn = _ARITH_KG[op](left.value, right.fn)
    else:
        fn = _ARITH_GG[op](left.fn, right.fn)
    if left.const and right.const:
        return _const(rtype, fn(None, None), start, end)
    return _E(rtype, fn, start, end, bound=bound)


def _divmod(op: str, left: _E, right: _E, zero: float) -> Fn:
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


def _minmax(fname: str, args: list[_E], start: int, end: int) -> _E:
    if any(e.type == NUMBER for e in args):
        args = [_safe_float(e) for e in args]
        rtype = NUMBER
    else:
        rtype = INTEGER
    bound = max(e.bound for e in args)
    if len(args) == 1:
        return replace(args[0], offset=start, end=end)
    pick = max if fname == "max" else min
    if all(e.const for e in args):
        return _const(rtype, pick(e.value for e in args), start, end)
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

        return _E(rtype, fn, start, end, bound=bound)
    fns = tuple(e.fn for e in args)
    return _E(rtype, lambda v, c: pick([f(v, c) for f in fns]), start, end, bound=bound)


def _clamp(args: list[_E], start: int, end: int) -> _E:
    if any(e.type == NUMBER for e in args):
        args = [_safe_float(e) for e in args]
        rtype = NUMBER
    else:
        rtype = INTEGER
    bound = max(e.bound for e in args)
    x, lo, hi = args
    if lo.const and hi.const:
        a, b = lo.value, hi.value
        if x.const:
            xv = x.value
            return _const(rtype, a if xv < a else b if xv > b else xv, start, end)
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

    return _E(rtype, fn, start, end, bound=bound)


def _unary_fn(fname: str, e: _E, start: int, end: int) -> _E:
    if fname == "abs":
        if e.const:
            return _const(e.type, abs(e.value), start, end)
        f = e.fn
        return _E(e.type, lambda v, c: abs(f(v, c)), start, end, bound=e.bound)
    if e.type == INTEGER:  # round/floor/ceil of an integer is the integer
        return replace(e, offset=start, end=end)
    conv = {"round": _round, "floor": _floor, "ceil": _ceil}[fname]
    if e.const:
        return _const(INTEGER, conv(e.value), start, end)
    f = e.fn
    return _E(INTEGER, lambda v, c: conv(f(v, c)), start, end, bound=_MAXF)


# -- public entry points --------------------------------------------------------------------


def _parse_all(source: str, variables: Mapping[str, VarInfo]) -> tuple[_Parser, _E]:
    p = _Parser(source, variables)
    if p.peek().kind == "end":
        raise _syntax("empty expression", 0)
    e = p.parse_or()
    p.expect_end()
    return p, e


def compile_expression(source: str, variables: Mapping[str, VarInfo]) -> tuple[str, Fn]:
    """Any-typed expression -> (type, fn); used by tools."""
    _, e = _parse_all(source, variables)
    return e.type, e.fn


def compile_condition(source: str, variables: Mapping[str, VarInfo]) -> Condition:
    """Compile a condition, which must be true or false."""
    p, e = _parse_all(source, variables)
    if e.type != BOOL:
        subject = e.name or "..."
        suggestion = f'{subject} != ""' if e.type == STRING else f"{subject} > 0"
        raise ExprError(
            "LT303",
            f"a condition must be true or false; did you mean '{suggestion}'?",
            e.offset,
            e.end - e.offset,
        )
    return Condition(
        source,
        frozenset(p.reads),
        tuple(p.nodes),
        e.fn,
        constant=bool(e.value) if e.const else None,
    )


def _limits(info: VarInfo) -> tuple[Any, Any]:
    """The clamp range of a numeric variable, within +-LIMIT and of the variable's own type."""
    lo, hi = -LIMIT, LIMIT
    if info.min is not None and info.min == info.min:
        lo = max(lo, min(float(info.min), LIMIT))
    if info.max is not None and info.max == info.max:
        hi = min(hi, max(float(info.max), -LIMIT))
    if info.type == INTEGER:
        return math.ceil(lo), math.floor(hi)
    return lo, hi


def _store_number(x: float, lo: float, hi: float) -> float:
    if x != x:
        x = 0.0
    return lo if x < lo else hi if x > hi else x


def compile_effect(source: str, variables: Mapping[str, VarInfo]) -> Effect:
    """Compile ``name = expr`` (or +=, -=, *=, /=) into a closure that stores the result."""
    p = _Parser(source, variables)
    tok = p.take()
    if tok.kind != "name" or tok.text in ("true", "false", "and", "or", "not"):
        raise _syntax(
            "an effect starts with the variable to change, e.g. 'trust += 1'",
            tok.offset,
            len(tok.text),
        )
    if p.peek().is_op("("):
        raise _syntax("an effect must change a variable, e.g. 'trust += 1'", tok.offset)
    info = p.variable(tok)
    op_tok = p.take()
    if op_tok.kind != "op" or op_tok.text not in _ASSIGN:
        hint = "; '==' compares, '=' assigns" if op_tok.is_op("==") else ""
        raise _syntax(
            f"expected '=', '+=', '-=', '*=' or '/=' after '{tok.text}'{hint}",
            op_tok.offset,
            max(1, len(op_tok.text)),
        )
    op = op_tok.text
    if p.peek().kind == "end":
        raise _syntax(f"expected a value after '{op}'", p.peek().offset)
    value = p.parse_or()
    p.expect_end()
    vtype, ttype = value.type, info.type
    allowed = {
        INTEGER: _ASSIGN[:4],
        NUMBER: _ASSIGN,
        BOOL: ("=",),
        STRING: ("=", "+="),
    }[ttype]
    if op not in allowed:
        why = "integer variables can't use '/=' (try '= round(x / y)')" if op == "/=" else ""
        raise ExprError(
            "LT303",
            why or f"'{op}' doesn't work on {ttype} variable '{info.name}'",
            op_tok.offset,
            len(op),
        )
    ok = {
        INTEGER: vtype == INTEGER,
        NUMBER: vtype in _NUMERIC,
        BOOL: vtype == BOOL,
        STRING: vtype == STRING,
    }[ttype]
    if not ok:
        message = f"'{info.name}' is {ttype} but {_describe(value, source)} is not"
        if ttype == INTEGER and vtype == NUMBER:
            message = f"'{info.name}' is an integer but this is a number; use round(...)"
        raise ExprError("LT303", message, value.offset, value.end - value.offset)
    reads = set(p.reads)
    if op != "=":
        reads.add(info.name)
    fn = _effect_fn(op, info, value, source)
    return Effect(source, info.name, info.slot, op, frozenset(reads), tuple(p.nodes), fn)


def _effect_fn(op: str, info: VarInfo, value: _E, source: str) -> Fn:
    s = info.slot
    if info.type == BOOL:
        return _plain_store(s, value)
    if info.type == STRING:
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
    lo, hi = _limits(info)
    if info.type == NUMBER:
        value = _safe_float(value)
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
        target = _E(info.type, lambda v, c: v[s], 0, 0, slot=s, bound=LIMIT)
        if value.const and op != "/=":
            k = value.value
            if k - k == 0:  # finite: values stay finite, so no NaN check is needed
                return _fused(op, s, k, lo, hi)
        expr_ = _arith(op[0], 0, target, value, source)
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


def _plain_store(s: int, value: _E) -> Fn:
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
