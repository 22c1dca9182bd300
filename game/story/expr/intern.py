"""Compiling a story's conditions and effects: each source once, and each shape once.

A story repeats itself. The same source (``trust >= 2``) is compiled once and shared. Sources
that differ only in the node ids they name, such as ``visits("pier-c0") == 0`` and
``visits("dunes-c2") == 0`` (ink's once-only choices, written out), share a *shape*: the
source with the text inside the quotes of ``visits("...")`` and ``seen("...")`` taken out.
The first source of a shape is compiled with those ids as parameters (``Param``); every other
source of the shape gets copies of the shape's closures with its own ids put in, without being
tokenised or parsed again.

This is exact, not a guess. Two sources of one shape are the same text but for the characters
inside those quotes, and those are plain (no escape, no control character), so they tokenise
the same but for those string tokens; and the parser and type checker never look at the text
of a node id, which only ends up in the closure that counts visits. A shape is made only from
a source that compiles, whose every parameter is the argument of a ``visits``/``seen`` call
(checked while parsing) and reaches the compiled closures (checked while planning); otherwise
every source of that shape is compiled on its own. Errors are never taken from a shape: a
source that does not compile is compiled on its own and reports its own error and position.
Numbers are not parameters: constant folding, integer bounds and clamps depend on their values.

Most such sources begin with ``visits("`` and name no other node (``visits("n12-c0") == 0 and
trust >= 2``). Once one has made its shape, the others are found by their tail, the text after
the id's closing quote, with no shape worked out, and each gets the shape's closure with one
new cell holding its id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import CellType, FunctionType
from typing import Any

from game.story.expr.compiler import Condition, Effect, condition_of, effect_of
from game.story.expr.errors import ExprError
from game.story.expr.parser import Parser
from game.story.expr.values import MAX_SOURCE, Param, VarInfo

Compiled = Condition | Effect
MODES = ("condition", "effect")

# A node id in quotes as the argument of visits(...) or seen(...), with nothing in it that
# the tokenizer would decode or refuse (the same characters its fast string pattern takes).
_NODE_ARG = re.compile(
    r"\b(?:visits|seen)[ \t\r\n]*\([ \t\r\n]*"
    r"(?:\"([^\"\\\x00-\x1f\x7f]*)\"|'([^'\\\x00-\x1f\x7f]*)')"
)


def shape(source: str) -> tuple[str, tuple[int, ...], tuple[str, ...], tuple[int, ...]]:
    """The source with the node ids in ``visits("...")``/``seen("...")`` taken out, where
    each was taken out (offsets in that text), the ids, and their opening quotes' offsets in
    ``source``."""
    if "visits" not in source and "seen" not in source:
        return source, (), (), ()
    if source.startswith('visits("'):  # how most begin: one id, no regular expression
        end = source.find('"', 8)
        node = source[8:end]
        if (end > 0 and node.isprintable() and "\\" not in node
                and source.find("visits", end) < 0 and source.find("seen", end) < 0):
            return source[:8] + source[end:], (8,), (node,), (7,)
    m = _NODE_ARG.search(source)
    if m is None:
        return source, (), (), ()
    group = 1 if m.group(1) is not None else 2
    start, end = m.span(group)
    if _NODE_ARG.search(source, end) is None:  # the usual case: one id
        return source[:start] + source[end:], (start,), (m.group(group),), (start - 1,)
    return shape_by_pattern(source)


def shape_by_pattern(
        source: str) -> tuple[str, tuple[int, ...], tuple[str, ...], tuple[int, ...]]:
    """``shape`` from every match of the pattern, without the shortcuts (which the tests hold
    to it)."""
    parts: list[str] = []
    cuts: list[int] = []
    ids: list[str] = []
    quotes: list[int] = []
    last = kept = 0
    for m in _NODE_ARG.finditer(source):
        group = 1 if m.group(1) is not None else 2
        start, end = m.span(group)
        parts.append(source[last:start])
        kept += start - last
        cuts.append(kept)
        ids.append(m.group(group))
        quotes.append(start - 1)
        last = end
    if not ids:
        return source, (), (), ()
    parts.append(source[last:])
    return "".join(parts), tuple(cuts), tuple(ids), tuple(quotes)


class Interner:
    """Compiles the conditions and effects of one story (one set of variables), each distinct
    source once and each shape once; ``compile`` gives the same result as ``compile_condition``
    or ``compile_effect`` would, or the ``ExprError`` they would raise."""

    def __init__(self, variables: Mapping[str, VarInfo]) -> None:
        self.variables = variables
        # By mode, each source compiled so far: what it gave, or why it does not compile.
        self.done: dict[str, dict[str, Compiled | ExprError]] = {mode: {} for mode in MODES}
        self._shapes: dict[tuple[str, str, tuple[int, ...]], _Shape | None] = {}
        # The shapes of sources that begin with ``visits("`` and name no other node (ink's
        # once-only choices, written out), by mode and by what follows the id's closing quote:
        # such a source is filled in from its tail, without working out its shape.
        self._tails: dict[str, dict[str, _Shape]] = {mode: {} for mode in MODES}
        # Lists of effect sources whose every effect compiled, and the effects, for callers
        # that meet the same list many times (a reply kind's, "steps += 1").
        self.effect_lists: dict[tuple[str, ...], tuple[Effect, ...]] = {}

    def compile(self, mode: str, source: str) -> Compiled | ExprError:
        """``mode`` is "condition" or "effect"; the compiled source, or why it does not compile."""
        done = self.done[mode]
        found = done.get(source)
        if found is None:
            found = done[source] = self._compile(mode, source)
        return found

    def compile_new(self, mode: str, source: str) -> Compiled | ExprError:
        """``compile`` for a source not compiled before (the caller looked in ``done``)."""
        found = self.done[mode][source] = self._compile(mode, source)
        return found

    def condition(self, source: str) -> Condition:
        """Like ``compile_condition``: the condition, or raises its ``ExprError``."""
        return _raised(self.compile("condition", source))  # type: ignore[return-value]

    def effect(self, source: str) -> Effect:
        """Like ``compile_effect``: the effect, or raises its ``ExprError``."""
        return _raised(self.compile("effect", source))  # type: ignore[return-value]

    def _compile(self, mode: str, source: str) -> Compiled | ExprError:
        if source.startswith('visits("'):  # a tail met before: what ``shape`` would find
            end = source.find('"', 8)
            if end > 0:
                made = self._tails[mode].get(source[end:])
                if made is not None:
                    node = source[8:end]
                    if node.isprintable() and "\\" not in node and len(source) <= MAX_SOURCE:
                        return made.fill_one(source, node)
        text, cuts, ids, quotes = shape(source)
        if not ids or len(source) > MAX_SOURCE:
            return self._alone(mode, source)
        key = (mode, text, cuts)
        made = self._shapes.get(key, _UNSEEN)
        if made is _UNSEEN:
            made = self._shapes[key] = _Shape.make(mode, source, ids, quotes, self.variables)
            if made is not None and cuts == (8,) and made.direct == (0,) and text.startswith(
                    'visits("'):
                tail = text[8:]
                if tail.find("visits") < 0 and tail.find("seen") < 0:
                    self._tails[mode][tail] = made
        if made is None:
            return self._alone(mode, source)
        return made.fill(source, cuts, ids, quotes)

    def _alone(self, mode: str, source: str) -> Compiled | ExprError:
        parser_of = condition_of if mode == "condition" else effect_of
        try:
            return parser_of(Parser(source, self.variables))
        except ExprError as err:
            err.__traceback__ = None  # kept in the cache: keep no frames alive with it
            return err


_UNSEEN: Any = object()


def _raised(result: Compiled | ExprError) -> Compiled:
    if isinstance(result, ExprError):
        raise result.with_traceback(None)  # a cached error: no frames of an earlier raise
    return result


class _Shape:
    """A compiled source with its node ids as parameters, and how to fill in others."""

    __slots__ = ("first", "plan", "nodes", "direct", "cell")

    def __init__(self, first: Compiled, plan: _Plan, ids: tuple[str, ...], quotes: tuple[int, ...]):
        self.first = first
        self.plan = plan
        # Each node the source names, in order: its parameter number (None for an id left in
        # place, one with an escape say), the id, and its offset in the text of the shape.
        by_quote = {q: i for i, q in enumerate(quotes)}
        self.nodes = tuple(
            (
                by_quote.get(offset),
                node,
                offset - sum(len(ids[i]) for i, q in enumerate(quotes) if q < offset),
            )
            for node, offset in first.nodes
        )
        # The parameter numbers in order, when every node named is a parameter (the usual
        # case): a source of this shape names its own ids, at its own quotes.
        numbers = tuple(index for index, _, _ in self.nodes)
        self.direct = None if None in numbers else numbers
        # When the id is a cell of the closure itself (``visits("n") == k``): what a closure
        # of the shape is made from, but for that cell (``fill_one``).
        self.cell = None
        around = getattr(plan, "around", None)
        if self.direct == (0,) and around is not None and type(around[1]) is _Id:
            fn = plan.fn  # type: ignore[attr-defined]
            self.cell = (fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, around[0],
                         around[2])

    @classmethod
    def make(
        cls,
        mode: str,
        source: str,
        ids: tuple[str, ...],
        quotes: tuple[int, ...],
        variables: Mapping[str, VarInfo],
    ) -> _Shape | None:
        """The shape of ``source`` with the ids at ``quotes`` as parameters; None when the
        source does not compile or they are not all node ids that reach its closures."""
        try:
            p = Parser(source, variables, {q: i for i, q in enumerate(quotes)})
            compiled = condition_of(p) if mode == "condition" else effect_of(p)
        except ExprError:
            return None
        if p.bound != len(quotes):
            return None  # some quotes were not a visits/seen argument (inside a string, say)
        found: set[int] = set()
        plan = _plan(compiled.fn, found)
        if plan is None or found != set(range(len(quotes))):
            return None
        return cls(compiled, plan, ids, quotes)

    def fill(
        self, source: str, cuts: tuple[int, ...], ids: tuple[str, ...], quotes: tuple[int, ...]
    ) -> Compiled:
        """The compiled ``source``, one of this shape: ids ``ids`` with their opening quotes at
        ``quotes``, cut from the shape's text at ``cuts``."""
        fn = self.plan.build(ids)
        direct = self.direct
        if direct == (0,):
            nodes: tuple = ((ids[0], quotes[0]),)
        elif direct is not None:
            nodes = tuple([(ids[index], quotes[index]) for index in direct])
        else:
            nodes = tuple(
                (ids[index], quotes[index])
                if index is not None
                else (node, at + sum(len(ids[i]) for i, cut in enumerate(cuts) if cut <= at))
                for index, node, at in self.nodes
            )
        first = self.first
        if type(first) is Condition:
            return Condition(source, first.reads, nodes, fn, first.constant)
        return Effect(source, first.target, first.slot, first.op, first.reads, nodes, fn)

    def fill_one(self, source: str, node: str) -> Compiled:
        """``fill`` for a shape whose one parameter is the id of ``visits("`` at its start:
        ``fill(source, (8,), (node,), (7,))``, in fewer steps."""
        cell = self.cell
        if cell is not None:
            fn = FunctionType(cell[0], cell[1], cell[2], cell[3], cell[4] + (CellType(node),) + cell[5])
        else:
            fn = self.plan.build_one(node)
        first = self.first
        if type(first) is Condition:
            return Condition(source, first.reads, ((node, 7),), fn, first.constant)
        return Effect(source, first.target, first.slot, first.op, first.reads, ((node, 7),), fn)


# -- plans: how to copy a shape's closures with other ids in them ---------------------------


class _Plan:
    """How to make one value of a shape's closures from the ids: ``build(ids)``."""

    __slots__ = ()

    def build(self, ids: tuple[str, ...]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def build_one(self, node: str) -> Any:
        """``build((node,))``: one id."""
        return self.build((node,))


class _Id(_Plan):
    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def build(self, ids: tuple[str, ...]) -> Any:
        return ids[self.index]


class _Function(_Plan):
    """A closure made again from its code, with new cells where a parameter is inside."""

    __slots__ = ("fn", "cells", "todo", "around")

    def __init__(self, fn: FunctionType, cells: list[CellType | _Plan]) -> None:
        self.fn = fn
        self.cells = cells  # the cells to share, with a plan in place of each to make anew
        self.todo = [(i, c) for i, c in enumerate(cells) if isinstance(c, _Plan)]
        # The cells before and after the one to make anew, when there is one (``visits("n")
        # == k``, or a closure around it): ``build_one`` puts a new cell between them.
        self.around = None
        if len(self.todo) == 1:
            i, plan = self.todo[0]
            self.around = (tuple(cells[:i]), plan, tuple(cells[i + 1:]))

    def build(self, ids: tuple[str, ...]) -> Any:
        fn = self.fn
        cells = self.cells.copy()
        for i, plan in self.todo:
            cells[i] = CellType(ids[plan.index] if type(plan) is _Id else plan.build(ids))
        return FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, tuple(cells))

    def build_one(self, node: str) -> Any:
        around = self.around
        if around is None:
            return self.build((node,))
        before, plan, after = around
        inner = node if type(plan) is _Id else plan.build_one(node)
        fn = self.fn
        return FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__,
                            before + (CellType(inner),) + after)


class _Tuple(_Plan):
    __slots__ = ("items",)

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def build(self, ids: tuple[str, ...]) -> Any:
        return tuple(i.build(ids) if isinstance(i, _Plan) else i for i in self.items)


def _plan(value: Any, found: set[int]) -> _Plan | None:
    """The plan for ``value``, or None when no parameter is inside it (it is shared as is).

    Closures hold functions, tuples of functions and plain values; parameters found are added
    to ``found``, so the caller can check that none is hidden anywhere else.
    """
    if type(value) is Param:
        found.add(value.index)
        return _Id(value.index)
    if type(value) is FunctionType and value.__closure__:
        cells: list[CellType | _Plan] = []
        changed = False
        for cell in value.__closure__:
            try:
                inner = cell.cell_contents
            except ValueError:  # an empty cell
                cells.append(cell)
                continue
            sub = _plan(inner, found)
            cells.append(cell if sub is None else sub)
            changed = changed or sub is not None
        return _Function(value, cells) if changed else None
    if type(value) is tuple:
        subs = [_plan(item, found) for item in value]
        if all(s is None for s in subs):
            return None
        return _Tuple([item if s is None else s for item, s in zip(value, subs)])
    return None
