"""What values an expression can take, worked out without playing: interval reasoning.

The engine compiles expressions to closures, which cannot be inspected; lint re-reads the
(already checked) source into a small tree and evaluates it over *sets of values*: a number is
an interval, a bool a subset of {true, false}, a string a set of texts or "any". The result is
always a superset of what play can produce, so "can never hold" is a proof, not a guess.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from game.story.expr import Effect
from game.story.model import Story, Variable

INF = math.inf
BOTH: frozenset[bool] = frozenset((True, False))
TRUE: frozenset[bool] = frozenset((True,))
FALSE: frozenset[bool] = frozenset((False,))


@dataclass(frozen=True)
class Range:
    """Every number from ``lo`` to ``hi`` (either may be infinite)."""

    lo: float
    hi: float

    def join(self, other: Range) -> Range:
        return Range(min(self.lo, other.lo), max(self.hi, other.hi))

    def describe(self) -> str:
        def num(x: float) -> str:
            if x in (INF, -INF):
                return "any"
            return str(int(x)) if float(x).is_integer() else f"{x:g}"

        if self.lo == self.hi:
            return f"always {num(self.lo)}"
        if self.lo == -INF and self.hi == INF:
            return "any number"
        if self.lo == -INF:
            return f"at most {num(self.hi)}"
        if self.hi == INF:
            return f"at least {num(self.lo)}"
        return f"between {num(self.lo)} and {num(self.hi)}"


@dataclass(frozen=True)
class Texts:
    """A set of possible strings, or any string when ``values`` is None."""

    values: frozenset[str] | None

    def join(self, other: Texts) -> Texts:
        if self.values is None or other.values is None:
            return Texts(None)
        return Texts(self.values | other.values)


ANY_NUMBER = Range(-INF, INF)
ANY_TEXT = Texts(None)
Value = Any  # Range | frozenset[bool] | Texts


# -- a small parser for checked expressions --------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<str>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')"
    r"|(?P<op>\+=|-=|\*=|/=|==|!=|<=|>=|[-+*/%<>=(),]))"
)
_ESC = {"n": "\n", "t": "\t"}


class _Unreadable(ValueError):
    pass


def _tokens(src: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    i = 0
    src = src.rstrip()
    while i < len(src):
        m = _TOKEN.match(src, i)
        if m is None or m.end() == i:
            raise _Unreadable(src[i:])
        kind = m.lastgroup or ""
        text = m.group(kind)
        if kind == "num":
            out.append(("num", float(text) if "." in text else int(text)))
        elif kind == "str":
            body = re.sub(r"\\(.)", lambda e: _ESC.get(e.group(1), e.group(1)), text[1:-1])
            out.append(("str", body))
        else:
            out.append((kind, text))
        i = m.end()
    out.append(("end", None))
    return out


class _Parser:
    def __init__(self, src: str):
        self.toks = _tokens(src)
        self.i = 0

    def peek(self) -> tuple[str, Any]:
        return self.toks[self.i]

    def take(self) -> tuple[str, Any]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_(self, kind: str, text: Any) -> bool:
        return self.toks[self.i] == (kind, text)

    def expr(self) -> tuple:
        items = [self.conj()]
        while self.is_("name", "or"):
            self.take()
            items.append(self.conj())
        return items[0] if len(items) == 1 else ("or", items)

    def conj(self) -> tuple:
        items = [self.neg()]
        while self.is_("name", "and"):
            self.take()
            items.append(self.neg())
        return items[0] if len(items) == 1 else ("and", items)

    def neg(self) -> tuple:
        if self.is_("name", "not"):
            self.take()
            return ("not", self.neg())
        return self.cmp()

    def cmp(self) -> tuple:
        left = self.add()
        kind, text = self.peek()
        if kind == "op" and text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return ("cmp", text, left, self.add())
        return left

    def add(self) -> tuple:
        left = self.mul()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            left = ("bin", op, left, self.mul())
        return left

    def mul(self) -> tuple:
        left = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/", "%"):
            op = self.take()[1]
            left = ("bin", op, left, self.unary())
        return left

    def unary(self) -> tuple:
        if self.is_("op", "-"):
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self) -> tuple:
        kind, text = self.take()
        if kind == "num":
            return ("num", text)
        if kind == "str":
            return ("str", text)
        if kind == "op" and text == "(":
            inner = self.expr()
            self.take()
            return inner
        if kind == "name":
            if text in ("true", "false"):
                return ("bool", text == "true")
            if self.is_("op", "("):
                self.take()
                args = []
                if not self.is_("op", ")"):
                    args.append(self.expr())
                    while self.is_("op", ","):
                        self.take()
                        args.append(self.expr())
                self.take()
                return ("call", text, args)
            return ("var", text)
        raise _Unreadable(str(text))


def parse(source: str) -> tuple | None:
    """The expression as a tree of tuples, or None if it cannot be read."""
    try:
        p = _Parser(source)
        tree = p.expr()
        return tree if p.peek()[0] == "end" else None
    except (_Unreadable, IndexError):
        return None


def walk_tree(tree: tuple) -> Iterable[tuple]:
    """Every subtree of a parsed expression, the tree itself first."""
    yield tree
    for part in tree[1:]:
        if isinstance(part, tuple):
            yield from walk_tree(part)
        elif isinstance(part, list):
            for item in part:
                yield from walk_tree(item)


# -- evaluation over sets of values ----------------------------------------------------------


def _nan_safe(lo: float, hi: float) -> Range:
    if lo != lo or hi != hi:
        return ANY_NUMBER
    return Range(lo, hi)


def _mul(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b


def _arith(op: str, a: Range, b: Range) -> Range:
    if op == "+":
        return _nan_safe(a.lo + b.lo, a.hi + b.hi)
    if op == "-":
        return _nan_safe(a.lo - b.hi, a.hi - b.lo)
    if op == "*":
        corners = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        return _nan_safe(min(corners), max(corners))
    if op == "/":
        if b.lo <= 0 <= b.hi:
            return ANY_NUMBER  # x / 0 gives 0, and near-zero divisors give anything
        corners = [x / y for x in (a.lo, a.hi) for y in (b.lo, b.hi) if abs(y) != INF]
        corners += [0.0] if any(abs(y) == INF for y in (b.lo, b.hi)) else []
        return _nan_safe(min(corners), max(corners)) if corners else ANY_NUMBER
    if op == "%" and b.lo > 0 and b.hi < INF:
        return Range(0, b.hi)
    return ANY_NUMBER


def _compare(op: str, a: Value, b: Value) -> frozenset[bool]:
    if isinstance(a, Range) and isinstance(b, Range):
        if op == "<":
            return TRUE if a.hi < b.lo else FALSE if a.lo >= b.hi else BOTH
        if op == "<=":
            return TRUE if a.hi <= b.lo else FALSE if a.lo > b.hi else BOTH
        if op == ">":
            return TRUE if a.lo > b.hi else FALSE if a.hi <= b.lo else BOTH
        if op == ">=":
            return TRUE if a.lo >= b.hi else FALSE if a.hi < b.lo else BOTH
        disjoint = a.hi < b.lo or b.hi < a.lo
        same = a.lo == a.hi == b.lo == b.hi
        eq = FALSE if disjoint else TRUE if same else BOTH
        return eq if op == "==" else frozenset(not x for x in eq)
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        results = {(x == y) for x in a for y in b}
    elif isinstance(a, Texts) and isinstance(b, Texts):
        if a.values is None or b.values is None:
            return BOTH
        results = {(x == y) for x in a.values for y in b.values}
    else:
        return BOTH
    eqs = frozenset(results) or BOTH
    return eqs if op == "==" else frozenset(not x for x in eqs)


def _call(name: str, args: list[Value]) -> Value:
    if name == "turn" or name == "visits":
        return Range(0, INF)
    if name == "seen":
        return BOTH
    nums = [a if isinstance(a, Range) else ANY_NUMBER for a in args]
    if name == "min":
        return Range(min(a.lo for a in nums), min(a.hi for a in nums))
    if name == "max":
        return Range(max(a.lo for a in nums), max(a.hi for a in nums))
    if name == "abs":
        a = nums[0]
        if a.lo >= 0:
            return a
        if a.hi <= 0:
            return Range(-a.hi, -a.lo)
        return Range(0, max(-a.lo, a.hi))
    if name in ("round", "floor", "ceil"):
        a = nums[0]
        lo = math.floor(a.lo) if a.lo != -INF else -INF
        hi = math.ceil(a.hi) if a.hi != INF else INF
        return Range(lo, hi)
    if name == "clamp":
        x, lo, hi = nums
        low = Range(max(x.lo, lo.lo), max(x.hi, lo.hi))
        return Range(min(low.lo, hi.lo), min(low.hi, hi.hi))
    return ANY_NUMBER


def evaluate(tree: tuple, env: Mapping[str, Value]) -> Value:
    """Every value ``tree`` can take when each variable takes any value of its set in ``env``."""
    tag = tree[0]
    if tag == "num":
        return Range(tree[1], tree[1])
    if tag == "str":
        return Texts(frozenset((tree[1],)))
    if tag == "bool":
        return TRUE if tree[1] else FALSE
    if tag == "var":
        return env.get(tree[1], ANY_NUMBER)
    if tag == "not":
        inner = evaluate(tree[1], env)
        return frozenset(not x for x in inner) if isinstance(inner, frozenset) else BOTH
    if tag in ("and", "or"):
        parts = [evaluate(t, env) for t in tree[1]]
        parts = [p if isinstance(p, frozenset) else BOTH for p in parts]
        if tag == "and":
            if any(p == FALSE for p in parts):
                return FALSE
            return TRUE if all(p == TRUE for p in parts) else BOTH
        if any(p == TRUE for p in parts):
            return TRUE
        return FALSE if all(p == FALSE for p in parts) else BOTH
    if tag == "cmp":
        return _compare(tree[1], evaluate(tree[2], env), evaluate(tree[3], env))
    if tag == "neg":
        inner = evaluate(tree[1], env)
        return Range(-inner.hi, -inner.lo) if isinstance(inner, Range) else ANY_NUMBER
    if tag == "bin":
        left, right = evaluate(tree[2], env), evaluate(tree[3], env)
        if isinstance(left, Texts) and isinstance(right, Texts):
            if left.values is None or right.values is None or len(left.values) * len(right.values) > 64:
                return ANY_TEXT
            return Texts(frozenset(x + y for x in left.values for y in right.values))
        if isinstance(left, Range) and isinstance(right, Range):
            return _arith(tree[1], left, right)
        return ANY_NUMBER
    if tag == "call":
        if tree[1] in ("visits", "seen", "turn"):
            return _call(tree[1], [])
        return _call(tree[1], [evaluate(a, env) for a in tree[2]])
    return ANY_NUMBER


def truth(source: str, env: Mapping[str, Value]) -> frozenset[bool]:
    """The truth values a condition can take: {True}, {False} or both (when unsure)."""
    tree = parse(source)
    if tree is None:
        return BOTH
    result = evaluate(tree, env)
    return result if isinstance(result, frozenset) and result else BOTH


# -- what each variable can hold ---------------------------------------------------------------


def declared(var: Variable) -> Value:
    """Everything the declaration allows."""
    if var.type == "bool":
        return BOTH
    if var.type == "string":
        return ANY_TEXT
    lo = -INF if var.min is None else float(var.min)
    hi = INF if var.max is None else float(var.max)
    return Range(lo, hi)


def _clip(value: Range, bounds: Range) -> Range:
    lo, hi = max(value.lo, bounds.lo), min(value.hi, bounds.hi)
    return Range(lo, hi) if lo <= hi else bounds


def _effect_parts(effect: Effect) -> tuple | None:
    source = effect.source.strip()
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*\s*(\+=|-=|\*=|/=|=)", source)
    if m is None:
        return None
    return parse(source[m.end() :])


def all_effects(story: Story) -> Iterable[Effect]:
    """Every effect written anywhere in the story (kinds, rules, nodes, choices)."""
    for kind in story.kinds.values():
        yield from kind.effects
    for rule in story.each_turn:
        yield from rule.effects
    for node in story.nodes.values():
        yield from node.effects
        for choice in node.choices:
            yield from choice.effects


def distinct_effects(story: Story) -> Iterable[Effect]:
    """The effects of ``all_effects`` in the same order, each list of effects once: equal
    lists are one tuple in a loaded story, and a story of 100,000 nodes repeats a few lists
    hundreds of thousands of times."""
    seen: set[int] = set()
    lists = [kind.effects for kind in story.kinds.values()]
    lists += [rule.effects for rule in story.each_turn]
    for node in story.nodes.values():
        lists.append(node.effects)
        for choice in node.choices:
            effects = choice.effects
            if effects and id(effects) not in seen:
                seen.add(id(effects))
                lists.append(effects)
    for effects in {id(effects): effects for effects in lists}.values():  # first places kept
        yield from effects


def initial_values(story: Story) -> dict[str, Value]:
    """Each variable's value before any effect: its initial value alone."""
    out: dict[str, Value] = {}
    for var in story.variables.values():
        if var.type == "bool":
            out[var.id] = frozenset((var.initial,))
        elif var.type == "string":
            out[var.id] = Texts(frozenset((var.initial,)))
        else:
            out[var.id] = Range(float(var.initial), float(var.initial))
    return out


def possible_values(story: Story) -> dict[str, Value]:
    """For each variable, a superset of the values it can hold in any playthrough.

    Starts from the initial value and widens by every effect that writes the variable: an
    assignment adds what its right side can give, ``+=`` a positive amount opens the range up to
    the maximum, and so on. Right sides are judged against declared ranges, which keeps this
    one pass and still sound.

    Each effect lowers the low end to at most a fixed value and raises the high end to at least
    one (clipped to the declared range), or adds fixed values to a set: done again, or in
    another order, it changes nothing more. So each distinct effect source is judged and applied
    once, however many choices repeat it.
    """
    env = {v.id: declared(v) for v in story.variables.values()}
    out = initial_values(story)
    judged: dict[str, Any] = {}  # effect source -> what its right side can give
    for effect in distinct_effects(story):  # a list seen before adds nothing: all judged
        if effect.source in judged:
            continue
        tree = _effect_parts(effect)
        value = judged[effect.source] = evaluate(tree, env) if tree is not None else None
        name = effect.target
        if name not in out:
            continue
        bounds = env[name]
        current = out[name]
        if isinstance(current, frozenset):
            out[name] = current | (value if isinstance(value, frozenset) else BOTH)
        elif isinstance(current, Texts):
            if effect.op == "=" and isinstance(value, Texts):
                out[name] = current.join(value)
            else:
                out[name] = ANY_TEXT
        else:
            out[name] = _clip(_widen(current, effect.op, value, bounds), bounds)
    return out


def _widen(current: Range, op: str, value: Any, bounds: Range) -> Range:
    if not isinstance(value, Range):
        return bounds
    if op == "=":
        return current.join(value)
    step = value if op == "+=" else Range(-value.hi, -value.lo) if op == "-=" else None
    if step is None:
        return bounds
    lo = bounds.lo if step.lo < 0 else current.lo
    hi = bounds.hi if step.hi > 0 else current.hi
    return Range(lo, hi)


def describe(name: str, value: Value) -> str:
    """A writer-readable account of what a variable can hold."""
    if isinstance(value, frozenset):
        if value == TRUE:
            return f"'{name}' is always true"
        if value == FALSE:
            return f"'{name}' is always false"
        return f"'{name}' can be true or false"
    if isinstance(value, Texts):
        if value.values is None:
            return f"'{name}' can be any text"
        shown = ", ".join(f'"{v}"' for v in sorted(value.values))
        return f"'{name}' is only ever {shown}"
    return f"'{name}' is {value.describe()}"
