"""The entry points: source text -> a compiled condition, effect or expression.

These are what the loader and the tools call; a ``Condition`` or ``Effect`` also keeps the
variables and node ids it reads, so lint and explore can reason about a story without
running it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from game.story.expr.errors import ExprError, syntax_error
from game.story.expr.parser import ASSIGN, Parser, parse
from game.story.expr.store import store
from game.story.expr.typed import as_test, describe, rewritten
from game.story.expr.values import BOOL, INTEGER, NUMBER, NUMERIC, STRING, Context, Fn, VarInfo

# Condition and Effect write their own __init__ (``init=False``), as the model's classes made
# once per node do: a story has tens of thousands of them, and the one ``dataclass(frozen=True)``
# writes calls ``object.__setattr__`` per field. Same parameters and defaults; still frozen.


@dataclass(frozen=True, init=False)
class Condition:
    """A compiled condition; call ``fn`` directly in hot loops."""

    source: str
    reads: frozenset[str]
    nodes: tuple[tuple[str, int], ...]
    fn: Callable[[list, Context], bool]
    constant: bool | None = None  # True/False when the result never changes

    def __init__(
        self,
        source: str,
        reads: frozenset[str],
        nodes: tuple[tuple[str, int], ...],
        fn: Callable[[list, Context], bool],
        constant: bool | None = None,
    ) -> None:
        d = self.__dict__
        d["source"] = source
        d["reads"] = reads
        d["nodes"] = nodes
        d["fn"] = fn
        d["constant"] = constant

    def __call__(self, values: list, ctx: Context) -> bool:
        return self.fn(values, ctx)


@dataclass(frozen=True, init=False)
class Effect:
    """A compiled effect; ``reads`` includes the target for '+=' and friends."""

    source: str
    target: str
    slot: int
    op: str
    reads: frozenset[str]
    nodes: tuple[tuple[str, int], ...]
    fn: Callable[[list, Context], None]

    def __init__(
        self,
        source: str,
        target: str,
        slot: int,
        op: str,
        reads: frozenset[str],
        nodes: tuple[tuple[str, int], ...],
        fn: Callable[[list, Context], None],
    ) -> None:
        d = self.__dict__
        d["source"] = source
        d["target"] = target
        d["slot"] = slot
        d["op"] = op
        d["reads"] = reads
        d["nodes"] = nodes
        d["fn"] = fn

    def apply(self, values: list, ctx: Context) -> None:
        self.fn(values, ctx)


def compile_expression(source: str, variables: Mapping[str, VarInfo]) -> tuple[str, Fn]:
    """Any-typed expression -> (type, fn); used by tools."""
    _, e = parse(source, variables)
    return e.type, e.fn


def compile_condition(source: str, variables: Mapping[str, VarInfo]) -> Condition:
    """Compile a condition, which must be true or false."""
    return condition_of(Parser(source, variables))


def condition_of(p: Parser) -> Condition:
    """The parser's whole source compiled as a condition."""
    source = p.src
    e = p.whole()
    if e.type != BOOL:
        suggestion = rewritten(source, e.offset, e.end, as_test(e, source))
        raise ExprError(
            "LT303",
            f"a condition must be true or false; did you mean '{suggestion}'?",
            e.offset,
            e.end - e.offset,
        )
    return Condition(
        p.src,
        frozenset(p.reads),
        tuple(p.nodes),
        e.fn,
        constant=bool(e.value) if e.const else None,
    )


def _atom(value, source: str) -> str:
    """The value's text, in parentheses unless it is one name, number or call, which stays
    whole after an operator."""
    text = source[value.offset : value.end].strip()
    if re.fullmatch(r"[A-Za-z_]\w*|[0-9.]+", text):
        return text
    if re.match(r"[A-Za-z_]\w*\(", text) and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += (ch == "(") - (ch == ")")
            if depth == 0 and ch == ")":
                return text if i == len(text) - 1 else f"({text})"
    return f"({text})"


_ALLOWED = {  # the assignment operators each type of variable accepts
    INTEGER: ASSIGN[:4],
    NUMBER: ASSIGN,
    BOOL: ("=",),
    STRING: ("=", "+="),
}


def compile_effect(source: str, variables: Mapping[str, VarInfo]) -> Effect:
    """Compile ``name = expr`` (or +=, -=, *=, /=) into a closure that stores the result."""
    return effect_of(Parser(source, variables))


def effect_of(p: Parser) -> Effect:
    """The parser's whole source compiled as an effect."""
    source = p.src
    tok = p.take()
    if tok.kind != "name" or tok.text in ("true", "false", "and", "or", "not"):
        raise syntax_error(
            "an effect starts with the variable to change, e.g. 'trust += 1'",
            tok.offset,
            len(tok.text),
        )
    if p.peek().is_op("("):
        raise syntax_error("an effect must change a variable, e.g. 'trust += 1'", tok.offset)
    info = p.variable(tok)
    op_tok = p.take()
    if op_tok.kind != "op" or op_tok.text not in ASSIGN:
        hint = "; '==' compares, '=' assigns" if op_tok.is_op("==") else ""
        raise syntax_error(
            f"expected '=', '+=', '-=', '*=' or '/=' after '{tok.text}'{hint}",
            op_tok.offset,
            max(1, len(op_tok.text)),
        )
    op = op_tok.text
    if p.peek().kind == "end":
        raise syntax_error(f"expected a value after '{op}'", p.peek().offset)
    value = p.parse_or()
    p.expect_end()
    vtype, ttype = value.type, info.type
    if op not in _ALLOWED[ttype]:
        why = ""
        if op == "/=":
            meant = f"{info.name} = round({info.name} / {_atom(value, source)})"
            why = f"an integer variable can't use '/='; did you mean '{meant}'?"
        raise ExprError(
            "LT303",
            why or f"'{op}' doesn't work on {ttype} variable '{info.name}'",
            op_tok.offset,
            len(op),
        )
    ok = {
        INTEGER: vtype == INTEGER,
        NUMBER: vtype in NUMERIC,
        BOOL: vtype == BOOL,
        STRING: vtype == STRING,
    }[ttype]
    if not ok:
        message = f"'{info.name}' is {ttype} but {describe(value, source)} is not"
        if ttype == INTEGER and vtype == NUMBER:
            text = source[value.offset : value.end].strip()
            inner = text if op == "=" else f"{info.name} {op[0]} {_atom(value, source)}"
            message = (f"'{info.name}' is an integer but this is a number; did you mean "
                       f"'{info.name} = round({inner})'?")
        raise ExprError("LT303", message, value.offset, value.end - value.offset)
    reads = set(p.reads)
    if op != "=":
        reads.add(info.name)
    fn = store(op, info, value, source)
    return Effect(source, info.name, info.slot, op, frozenset(reads), tuple(p.nodes), fn)
