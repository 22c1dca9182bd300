"""The grammar: a recursive-descent, precedence-climbing parser over the tokens.

Each rule hands its operands to the module that knows the operator's type rules
(``arithmetic``, ``comparison``, ``logic``, ``functions``), so what comes back is already
checked and compiled. The parser also records which variables and node ids an expression
reads, for the loader's and the tools' checks.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import replace

from game.story.expr import functions
from game.story.expr.arithmetic import arith, negate
from game.story.expr.comparison import OPS as CMP_OPS
from game.story.expr.comparison import compare
from game.story.expr.errors import ExprError, did_you_mean, syntax_error
from game.story.expr.logic import logic, negation
from game.story.expr.tokens import Token, tokenize
from game.story.expr.typed import Typed, const
from game.story.expr.values import (
    BOOL,
    INF,
    INTEGER,
    LIMIT,
    MAX_DEPTH,
    MAX_SOURCE,
    NUMBER,
    STRING,
    Param,
    VarInfo,
)

ASSIGN = ("=", "+=", "-=", "*=", "/=")
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


class Parser:
    """Precedence climbing: or < and < not < comparison < + - < * / % < unary minus.

    ``params`` maps the offsets of some node ids' opening quotes to parameter numbers: those
    ids are compiled as ``Param`` placeholders, to make a shape that other sources fill in
    (see ``intern``); ``bound`` counts the ones used.
    """

    def __init__(
        self,
        source: str,
        variables: Mapping[str, VarInfo],
        params: Mapping[int, int] | None = None,
    ) -> None:
        if len(source) > MAX_SOURCE:
            raise ExprError(
                "LT305",
                f"expression is {len(source)} characters long; the limit is {MAX_SOURCE}",
                MAX_SOURCE,
                len(source) - MAX_SOURCE,
            )
        self.src = source
        self.vars = variables
        self.toks = tokenize(source)
        self.pos = 0
        self.depth = 0
        self.reads: set[str] = set()
        self.nodes: list[tuple[str, int]] = []
        self.params = params
        self.bound = 0

    # token helpers
    def peek(self) -> Token:
        return self.toks[self.pos]

    def take(self) -> Token:
        tok = self.toks[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def enter(self, tok: Token) -> None:
        """One level deeper; the depth limit keeps hostile input from exhausting the stack."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("LT305", f"nested more than {MAX_DEPTH} levels deep", tok.offset)

    def expect_end(self) -> None:
        """Fail on anything left over, explaining the likely slip."""
        tok = self.peek()
        if tok.kind == "end":
            return
        if tok.is_op(")"):
            raise syntax_error("')' without a matching '('", tok.offset)
        if tok.is_op("="):
            after = self.toks[self.pos + 1] if self.pos + 1 < len(self.toks) else None
            if after is not None and after.offset == tok.offset + 1 and after.text in ("<", ">"):
                meant = after.text + "="
                raise syntax_error(f"'={after.text}' is not an operator; did you mean '{meant}'?",
                                   tok.offset, 2)
            raise syntax_error("use '==' to compare; '=' only starts an effect", tok.offset)
        if tok.kind == "name" and tok.text in _KEYWORD_HINTS:
            raise syntax_error(_KEYWORD_HINTS[tok.text], tok.offset, len(tok.text))
        if tok.kind == "op" and tok.text in ASSIGN:
            raise syntax_error(
                f"'{tok.text}' changes a variable; it can only start an effect", tok.offset, 2
            )
        if tok.kind == "op" and tok.text in CMP_OPS:
            raise syntax_error(
                "comparisons can't be chained; write 'a < b and b < c'", tok.offset, len(tok.text)
            )
        raise syntax_error(f"missing operator before '{tok.text}'", tok.offset, len(tok.text))

    def variable(self, tok: Token) -> VarInfo:
        """The declared variable ``tok`` names, or LT302 with a hint."""
        info = self.vars.get(tok.text)
        if info is None:
            if tok.text in _KEYWORD_HINTS:
                raise syntax_error(_KEYWORD_HINTS[tok.text], tok.offset, len(tok.text))
            extra = ""
            if tok.text in functions.FUNCTIONS:
                extra = f"; '{tok.text}' is a function: write {tok.text}(...)"
            else:
                extra = did_you_mean(tok.text, list(self.vars))
            raise ExprError(
                "LT302", f"unknown variable '{tok.text}'{extra}", tok.offset, len(tok.text)
            )
        return info

    # grammar
    def parse_or(self) -> Typed:
        items = [self.parse_and()]
        while self.peek().is_name("or"):
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else logic("or", items, self.src)

    def parse_and(self) -> Typed:
        items = [self.parse_not()]
        while self.peek().is_name("and"):
            self.take()
            items.append(self.parse_not())
        return items[0] if len(items) == 1 else logic("and", items, self.src)

    def parse_not(self) -> Typed:
        tok = self.peek()
        if not tok.is_name("not"):
            return self.parse_cmp()
        self.take()
        self.enter(tok)
        e = self.parse_not()
        self.depth -= 1
        return negation(tok.offset, e, self.src)

    def parse_cmp(self) -> Typed:
        left = self.parse_add()
        tok = self.peek()
        if tok.kind != "op" or tok.text not in CMP_OPS:
            return left
        self.take()
        right = self.parse_add()
        nxt = self.peek()
        if nxt.kind == "op" and nxt.text in CMP_OPS:
            raise syntax_error(
                "comparisons can't be chained; write 'a < b and b < c'", nxt.offset, len(nxt.text)
            )
        return compare(tok.text, left, right, self.src)

    def parse_add(self) -> Typed:
        left = self.parse_mul()
        while True:
            tok = self.peek()
            if tok.kind != "op" or tok.text not in ("+", "-"):
                return left
            self.take()
            left = arith(tok.text, tok.offset, left, self.parse_mul(), self.src)

    def parse_mul(self) -> Typed:
        left = self.parse_unary()
        while True:
            tok = self.peek()
            if tok.kind != "op" or tok.text not in ("*", "/", "%"):
                return left
            self.take()
            left = arith(tok.text, tok.offset, left, self.parse_unary(), self.src)

    def parse_unary(self) -> Typed:
        tok = self.peek()
        if tok.is_op("-"):
            self.take()
            self.enter(tok)
            e = self.parse_unary()
            self.depth -= 1
            return negate(tok.offset, e, self.src)
        if tok.is_name("not"):
            raise syntax_error("put 'not ...' in parentheses here", tok.offset, 3)
        if tok.is_op("+"):
            raise syntax_error("there is no unary '+'; drop it", tok.offset)
        e = self.parse_primary()
        nxt = self.peek()
        if nxt.is_op("("):
            raise syntax_error("only functions can be called", nxt.offset)
        return e

    def parse_primary(self) -> Typed:
        tok = self.take()
        if tok.kind == "num":
            if tok.value > LIMIT:  # what a variable may hold; a literal beyond it means nothing
                raise ExprError("LT311", f"{tok.text} is beyond what a number may be (at most "
                                         f"{LIMIT:g})", tok.offset, len(tok.text))
            return const(
                INTEGER if type(tok.value) is int else NUMBER, tok.value, tok.offset, tok.end
            )
        if tok.kind == "str":
            return const(STRING, tok.value, tok.offset, tok.end)
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return const(BOOL, tok.text == "true", tok.offset, tok.end)
            if tok.text in ("and", "or"):
                raise syntax_error(
                    f"expected a value before '{tok.text}'", tok.offset, len(tok.text)
                )
            if self.peek().is_op("("):
                return self.call(tok)
            return self.read(tok)
        if tok.is_op("("):
            self.enter(tok)
            if self.peek().is_op(")"):
                raise syntax_error("empty parentheses: expected an expression", self.peek().offset)
            e = self.parse_or()
            close = self.peek()
            if not close.is_op(")"):
                if close.kind == "end":
                    raise syntax_error("'(' is never closed", tok.offset)
                self.expect_end()  # always raises; the line below is a safety net
                raise syntax_error("expected ')'", close.offset)  # pragma: no cover
            self.take()
            self.depth -= 1
            return replace(e, offset=tok.offset, end=close.end)
        if tok.kind == "end":
            raise syntax_error("the expression ends too early", tok.offset)
        if tok.is_op("="):
            raise syntax_error("use '==' to compare", tok.offset)
        raise syntax_error(f"expected a value, found '{tok.text}'", tok.offset, len(tok.text))

    def read(self, tok: Token) -> Typed:
        """A plain variable read: ``values[slot]``, marked so parents can specialise on it."""
        info = self.variable(tok)
        self.reads.add(info.name)
        s = info.slot
        bound = LIMIT if info.type == INTEGER else INF
        atom = (operator.ne, s, False) if info.type == BOOL else None
        return Typed(
            info.type,
            lambda v, c: v[s],
            tok.offset,
            tok.end,
            slot=s,
            bound=bound,
            atom=atom,
            name=info.name,
        )

    # functions
    def call(self, name: Token) -> Typed:
        fname = name.text
        if fname not in functions.FUNCTIONS:
            if fname in self.vars:
                message = f"'{fname}' is a variable, not a function"
            else:
                hint = did_you_mean(fname, list(functions.FUNCTIONS))
                message = f"unknown function '{fname}'{hint}"
            raise ExprError("LT304", message, name.offset, len(fname))
        self.take()  # '('
        self.enter(name)
        if fname in functions.NODE_FUNCTIONS:
            return self.node_call(name)
        args: list[Typed] = []
        if not self.peek().is_op(")"):
            while True:
                args.append(self.parse_or())
                if not self.peek().is_op(","):
                    break
                self.take()
        close = self.peek()
        if not close.is_op(")"):
            if close.kind == "end":
                raise syntax_error(f"'{fname}(' is never closed", name.offset, len(fname) + 1)
            raise syntax_error(
                f"expected ',' or ')' in {fname}(...)", close.offset, len(close.text)
            )
        self.take()
        self.depth -= 1
        return functions.call(fname, args, name.offset, close.end, self.src)

    def node_call(self, name: Token) -> Typed:
        arg, close = self.take(), self.take()
        if arg.kind != "str" or not close.is_op(")"):
            raise ExprError(
                "LT304",
                f'{name.text}() takes one node id in quotes, e.g. {name.text}("den")',
                name.offset,
                max(close.end, arg.end) - name.offset,
            )
        self.depth -= 1
        self.nodes.append((arg.value, arg.offset))
        node: str | Param = arg.value
        if self.params is not None and arg.offset in self.params:
            node = Param(self.params[arg.offset])
            self.bound += 1
        return functions.node_call(name.text, node, name.offset, close.end)

    def whole(self) -> Typed:
        """The whole source as one expression, nothing left over."""
        if self.peek().kind == "end":
            raise syntax_error("empty expression", 0)
        e = self.parse_or()
        self.expect_end()
        return e


def parse(source: str, variables: Mapping[str, VarInfo]) -> tuple[Parser, Typed]:
    """Parse a whole expression; the parser is returned for what it recorded (reads, nodes)."""
    p = Parser(source, variables)
    return p, p.whole()
