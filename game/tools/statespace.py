"""The explorer's states: play's states, with those the story can never tell apart taken as one.

A state of play is its node, every value, the visit counts of the nodes conditions name and the
turn. Heart rate is a decimal that drifts every turn, so states rarely repeat, yet a story only
ever compares it with a few thresholds. Here a *class* is a node, the exact values of what is
kept exact (flags, texts, numbers only ever set to constants) and a *cell*: a range for each
other number, visit count and the turn. Each (node, exact values) has a grid: cut points per
range, the same for all its classes, so the class of a state is found by a few bisections.

Two rules keep a class to states that behave alike, and both are checked by evaluating over the
whole cell (``game.tools.boxes``), never by sampling:

- **decided here**: every condition the node reads (its choices' conditions, its lines', the
  inline ``{if}`` of its texts, a stuck route's entries) has one value over the cell, and every
  number its text shows reads the same;
- **stable**: each choice taken from anywhere in the cell (its effects, the per-turn rules,
  the routes followed) decides every condition it meets the same way and lands inside the cell
  of the class that the class's own state lands in.

When a cell breaks a rule it is cut down to the largest part around its state that keeps it,
and the cut points go into the grid, which splits any class they cross; states that arrived in
the part cut off start a class of their own. Cells only shrink, and each class holds a state
play reaches, so the search ends when play's own would; it ends much sooner when numbers that
differ meet no threshold that tells them apart. Variables that nothing reads are left out.

When every rule holds, every state play can reach lies in a class that makes the same choices
to the same classes, so endings, stuck states, loops, the choices on offer and the text each
ending shows are exactly play's, and every road given is a real road. A search that runs out
of room (``max_states`` classes, ``full``) or of work (``max_work`` choices played over boxes,
``OutOfWork``) stops, and ``game.tools.explore`` searches play's states instead.
"""

from __future__ import annotations

import math
import struct
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from game.story import step
from game.story.expr import Condition, Effect
from game.story.model import Choice, Node, Story
from game.story.template import text_conditions, walk
from game.story.text import Template, format_value
from game.tools.boxes import (
    BoxCondition,
    BoxEffect,
    Slots,
    Unknown,
    box_condition,
    box_effect,
    limits,
)
from game.tools.intervals import all_effects, parse

COUNT_LIMIT = 2**62  # the end of the range of a visit count or the turn


class Inexact(Exception):  # noqa: N818 - a fallback, not a failure of the story
    """Evaluation over a box disagreed with play on a single state: search play's states."""


class OutOfWork(Exception):  # noqa: N818 - a fallback, not a failure of the story
    """The search used up its work (``max_work`` steps over boxes) before it ended."""


@dataclass(frozen=True)
class Plan:
    """Which value slots a class keeps exact, which it keeps as ranges, which it leaves out."""

    slots: Slots
    nvars: int
    watched: tuple[str, ...]
    with_turn: bool
    exact: tuple[int, ...]  # slots kept exact: flags, texts, numbers only set to constants
    dims: tuple[int, ...]  # slots kept as ranges
    floats: tuple[bool, ...]  # per range: decimals (else whole numbers)
    universe: tuple[tuple[Any, Any], ...]  # per range: all it can hold
    unread: tuple[str, ...]  # variables nothing reads, left out


def _conditions(story: Story) -> Iterable[Condition]:
    for rule in story.each_turn:
        if rule.condition is not None:
            yield rule.condition
    for node in story.nodes.values():
        for choice in node.choices:
            if choice.condition is not None:
                yield choice.condition
        for entry in node.route:
            if entry.condition is not None:
                yield entry.condition
    yield from text_conditions(story)


def _templates(node: Node) -> Iterable[Template]:
    """Every text shown at ``node``: lines, choices, and an ending's title and debrief."""
    for line in node.lines:
        yield line.template
    for choice in node.choices:
        yield choice.template
    if node.ending is not None:
        yield node.ending.title_template
        for paragraph in node.ending.paragraphs:
            yield paragraph.template


def _shown_names(template: Template) -> Iterable[str]:
    for part in walk(template):
        if isinstance(part, tuple) and part[0] == "var":
            yield part[1]


def _constant(effect: Effect) -> bool:
    """Whether an effect sets its variable to a constant."""
    if effect.op != "=" or effect.reads or effect.nodes:
        return False
    tree = parse(effect.source.split("=", 1)[1])
    return tree is not None and _has_no_names(tree)


def _has_no_names(tree: tuple) -> bool:
    if tree[0] in ("var", "call"):
        return False
    return all(_has_no_names(p) for p in tree[1:] if isinstance(p, tuple)) and all(
        _has_no_names(i) for p in tree[1:] if isinstance(p, list) for i in p)


def make_plan(story: Story, watched: tuple[str, ...], with_turn: bool) -> Plan:
    """What a class keeps of a state. A variable is read when a condition reads it, a text
    shows it, or an effect on a read variable reads it; the rest can never change anything."""
    read: set[str] = set()
    for condition in _conditions(story):
        read.update(condition.reads)
    for node in story.nodes.values():
        for template in _templates(node):
            read.update(_shown_names(template))
    writes: dict[str, list[Effect]] = {}
    for effect in all_effects(story):
        writes.setdefault(effect.target, []).append(effect)
    todo = list(read)
    while todo:
        for effect in writes.get(todo.pop(), ()):
            for name in effect.reads:
                if name not in read:
                    read.add(name)
                    todo.append(name)
    variables = story.variables
    nvars = len(variables)
    by_slot = sorted(variables.values(), key=lambda v: v.slot)
    exact: list[int] = []
    dims: list[int] = []
    floats: list[bool] = []
    universe: list[tuple[Any, Any]] = []
    for var in by_slot:
        if var.id not in read:
            continue
        numeric = var.type in ("integer", "number")
        if not numeric or all(_constant(e) for e in writes.get(var.id, ())):
            exact.append(var.slot)
        else:
            dims.append(var.slot)
            floats.append(var.type == "number")
            universe.append(limits(var))
    visits = {n: nvars + i for i, n in enumerate(watched)}
    for slot in visits.values():
        dims.append(slot)
        floats.append(False)
        universe.append((0, COUNT_LIMIT))
    turn = -1
    if with_turn:
        turn = nvars + len(watched)
        dims.append(turn)
        floats.append(False)
        universe.append((0, COUNT_LIMIT))
    slots = Slots({v.id: v.slot for v in by_slot}, visits, turn,
                  nvars + len(watched) + (1 if with_turn else 0))
    unread = tuple(v.id for v in by_slot if v.id not in read)
    return Plan(slots, nvars, watched, with_turn, tuple(exact), tuple(dims), tuple(floats),
                tuple(universe), unread)


# -- ordered floats, for searching a range of decimals by halves --------------------------------

_PACK = struct.Struct("<d")
_UNPACK = struct.Struct("<q")


def _order(x: float) -> int:
    i = _UNPACK.unpack(_PACK.pack(float(x)))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def _unorder(i: int) -> float:
    bits = i if i >= 0 else (-i) | (1 << 63)
    return _PACK.unpack(_UNPACK.pack(bits - (1 << 64) if bits >= 1 << 63 else bits))[0]


class _Cursor:
    __slots__ = ("visits", "turn")

    def __init__(self, visits: dict[str, int], turn: int):
        self.visits = visits
        self.turn = turn


Test = Callable[[list, list], bool]


class Space:
    """The search over classes: expands each class's state, checks both rules, cuts cells."""

    def __init__(self, story: Story, watched: tuple[str, ...], with_turn: bool,
                 max_states: int, progress: Callable[[int, int], None] | None = None,
                 max_work: int | None = None):
        self.story = story
        self.plan = make_plan(story, watched, with_turn)
        self.max_states = max_states
        # each choice played over a box is a step of work: a search given too little for the
        # story stops (OutOfWork) rather than run on for minutes
        self.work_left = max_work
        self.progress = progress
        plan = self.plan
        self.watched_set = set(watched)
        self.dim_of = {s: k for k, s in enumerate(plan.dims)}
        self.after = [(lambda x: math.nextafter(x, math.inf)) if f else (lambda x: x + 1)
                      for f in plan.floats]
        self.before = [(lambda x: math.nextafter(x, -math.inf)) if f else (lambda x: x - 1)
                       for f in plan.floats]
        self._conditions: dict[int, BoxCondition] = {}
        self._effects: dict[int, BoxEffect | None] = {}
        self._local: dict[str, tuple[list[BoxCondition], list[tuple[int, bool]]]] = {}
        self._writes: dict[int, tuple[int, ...]] = {}
        self._entering: dict[str, tuple] = {}
        self.rules = [(None if r.condition is None else self.condition(r.condition),
                       self.effects_of(r.effects)) for r in story.each_turn]
        # per grid key and range: every cut made there, tried first when cutting again
        self.hints: dict[tuple, list[list]] = {}
        # the classes, as parallel lists by class id
        self.gkey: list[tuple] = []  # (node key, exact values)
        self.leaf: list[int] = []  # its cell in the tree of its grid key
        self.bounds: list[tuple[list, list]] = []  # its cell: lowest and highest per range
        self.rep: list[tuple] = []  # the state of play the class was found by
        self.parent: list[int] = []
        self.via: list[int] = []
        self.depth: list[int] = []
        self.edges: list[list | None] = []  # per choice: None (not on offer) or [class, state, ok]
        self.arrivals: list[set[tuple[int, int]]] = []
        # the cells of each grid key, as a tree: a node splits range ``dim`` at ``at`` (below:
        # ``low``, from it up: ``high``); a leaf (dim -1) is a cell, with its class or -1, and
        # whether what the node reads is decided over it
        self.roots: dict[tuple, int] = {}
        self.dim: list[int] = []
        self.at: list[Any] = []
        self.low: list[int] = []
        self.high: list[int] = []
        self.owner: list[int] = []
        self.decided: list[bool] = []
        self.expand_queue: deque[int] = deque()
        self.check_queue: deque[tuple[int, int]] = deque()
        self.blame: tuple[int, ...] = ()
        self.full = False  # max_states was reached
        self.reached_nodes: set[str] = set()
        self.reached_choices: set[tuple[str, int]] = set()
        self.refinements = 0

    # -- compiled forms ------------------------------------------------------------------------

    def condition(self, condition: Condition) -> BoxCondition:
        found = self._conditions.get(id(condition))
        if found is None:
            found = self._conditions[id(condition)] = box_condition(
                condition, self.plan.slots, self.plan.nvars)
        return found

    def effect(self, effect: Effect) -> BoxEffect | None:
        """The effect over boxes; None when it sets a variable nothing reads."""
        key = id(effect)
        if key not in self._effects:
            var = self.story.variables[effect.target]
            unread = var.id in self.plan.unread
            self._effects[key] = None if unread else box_effect(
                effect, var, self.plan.slots, self.plan.nvars)
        return self._effects[key]

    def local(self, node: Node, stuck: bool) -> tuple[list[BoxCondition], list[tuple[int, bool]]]:
        """What a class at ``node`` must decide: its conditions, and the numbers its text
        shows (slot, decimal)."""
        key = node.id if not stuck else f"{node.id}\0stuck"
        found = self._local.get(key)
        if found is None:
            conditions: list[Condition] = []
            if stuck:
                conditions += [e.condition for e in node.route if e.condition is not None]
            else:
                conditions += [c.condition for c in node.choices if c.condition is not None]
                conditions += [line.condition for line in node.lines
                               if line.condition is not None]
                if node.ending is not None:
                    conditions += [p.condition for p in node.ending.paragraphs
                                   if p.condition is not None]
                for template in _templates(node):
                    conditions += [p[2] for p in walk(template)
                                   if isinstance(p, tuple) and p[0] == "if"]
            shown: dict[int, bool] = {}
            if not stuck:
                for template in _templates(node):
                    for name in _shown_names(template):
                        slot = self.story.variables[name].slot
                        if slot in self.dim_of:
                            shown[slot] = self.plan.floats[self.dim_of[slot]]
            unique = {id(c): self.condition(c) for c in conditions}
            found = self._local[key] = (list(unique.values()), list(shown.items()))
        return found

    # -- states of play ------------------------------------------------------------------------

    def state(self, values: list, cursor: _Cursor) -> tuple:
        extra = tuple(cursor.visits.get(n, 0) for n in self.plan.watched)
        return (*values, *extra, *((cursor.turn,) if self.plan.with_turn else ()))

    def unpack(self, state: tuple) -> tuple[list, _Cursor]:
        plan = self.plan
        nvars = plan.nvars
        visits = {n: state[nvars + i] for i, n in enumerate(plan.watched) if state[nvars + i]}
        return list(state[:nvars]), _Cursor(visits, state[-1] if plan.with_turn else 0)

    def visit(self, node: Node, cursor: _Cursor) -> None:
        self.reached_nodes.add(node.id)
        if node.id in self.watched_set:
            cursor.visits[node.id] = cursor.visits.get(node.id, 0) + 1

    def play(self, state: tuple, choice: Choice) -> tuple[str, str | None, tuple]:
        """Where ``choice`` takes play from ``state``: the node, why play stops there (or
        None), and the state."""
        values, cursor = self.unpack(state)
        step.apply_choice(self.story, choice, values, cursor)
        target, reason = step.enter(self.story, choice.to, values, cursor,
                                    lambda n: self.visit(n, cursor))
        return target, reason, self.state(values, cursor)

    # -- classes -------------------------------------------------------------------------------

    def grid_key(self, node_key: Any, state: tuple) -> tuple:
        return (node_key, tuple(state[s] for s in self.plan.exact))

    def cell(self, cid: int) -> tuple[list, list]:
        """The class's cell as a box: its exact values, and the ranges of its cell."""
        rep = self.rep[cid]
        lo, hi = list(rep), list(rep)
        low, high = self.bounds[cid]
        for k, s in enumerate(self.plan.dims):
            lo[s] = low[k]
            hi[s] = high[k]
        return lo, hi

    def _leaf(self, n: int) -> int:
        self.dim.append(-1)
        self.at.append(None)
        self.low.append(-1)
        self.high.append(-1)
        self.owner.append(-1)
        self.decided.append(False)
        return len(self.dim) - 1

    def descend(self, gkey: tuple, state: tuple) -> int:
        """The leaf of ``gkey``'s tree that holds ``state`` (-1: no tree yet)."""
        n = self.roots.get(gkey, -1)
        if n < 0:
            return -1
        dim, at, low, high, dims = self.dim, self.at, self.low, self.high, self.plan.dims
        while dim[n] >= 0:
            n = low[n] if state[dims[dim[n]]] < at[n] else high[n]
        return n

    def leaf_bounds(self, gkey: tuple, state: tuple) -> tuple[list, list]:
        """The lowest and highest value of each range in the leaf that holds ``state``."""
        low = [u[0] for u in self.plan.universe]
        high = [u[1] for u in self.plan.universe]
        n = self.roots[gkey]
        dims = self.plan.dims
        while self.dim[n] >= 0:
            k, at = self.dim[n], self.at[n]
            if state[dims[k]] < at:
                high[k] = self.before[k](at)
                n = self.low[n]
            else:
                low[k] = at
                n = self.high[n]
        return low, high

    def locate(self, node_key: Any, state: tuple) -> int | None:
        """The class ``state`` belongs to, if there is one."""
        n = self.descend(self.grid_key(node_key, state), state)
        return None if n < 0 or self.owner[n] < 0 else self.owner[n]

    def find(self, node_key: Any, state: tuple, parent: int, via: int) -> int | None:
        """The class ``state`` belongs to, new if need be (None: no room for it)."""
        gkey = self.grid_key(node_key, state)
        if gkey not in self.roots:
            self.roots[gkey] = self._leaf(-1)
        n = self.descend(gkey, state)
        if self.owner[n] >= 0:
            return self.owner[n]
        cid = self.new(gkey, n, self.leaf_bounds(gkey, state), state, parent, via)
        if cid is not None and not self.decided[n]:
            self.decide_here(cid)
            self.decided[self.leaf[cid]] = True
        return cid

    def new(self, gkey: tuple, leaf: int, bounds: tuple[list, list], state: tuple, parent: int,
            via: int) -> int | None:
        if len(self.rep) >= self.max_states:
            self.full = True
            return None
        cid = len(self.rep)
        self.gkey.append(gkey)
        self.leaf.append(leaf)
        self.bounds.append(bounds)
        self.rep.append(state)
        self.parent.append(parent)
        self.via.append(via)
        self.depth.append(self.depth[parent] + 1 if parent >= 0 else 0)
        self.edges.append(None)
        self.arrivals.append(set())
        self.owner[leaf] = cid
        self.expand_queue.append(cid)
        if self.progress is not None and cid % 2000 == 0:
            self.progress(cid, self.max_states)
        return cid

    def node_of(self, cid: int) -> tuple[Node, str | None]:
        node_key = self.gkey[cid][0]
        if isinstance(node_key, tuple):
            return self.story.nodes[node_key[0]], node_key[1]
        return self.story.nodes[node_key], None

    # -- the two rules -------------------------------------------------------------------------

    def decided_test(self, cid: int) -> Test:
        node, reason = self.node_of(cid)
        conditions, shown = self.local(node, reason is not None)

        def test(lo: list, hi: list) -> bool:
            for c in conditions:
                try:
                    a, b = c.fn(lo, hi)
                except Unknown:
                    a, b = False, True
                if a != b:
                    self.blame = c.reads
                    return False
            for s, decimal in shown:
                if lo[s] != hi[s] and (not decimal or format_value(lo[s]) != format_value(hi[s])):
                    self.blame = (s,)
                    return False
            return True
        return test

    def decide_here(self, cid: int) -> None:
        test = self.decided_test(cid)
        lo, hi = self.cell(cid)
        if not test(lo, hi):
            self.refine(cid, test, lo, hi)

    def stable_test(self, cid: int, index: int) -> Test:
        node, _ = self.node_of(cid)
        choice = node.choices[index]
        effects = self.effects_of(choice.all_effects)
        dims, exact = self.plan.dims, self.plan.exact
        image = self.image

        def test(lo: list, hi: list) -> bool:
            lo, hi = list(lo), list(hi)
            try:
                target, reason = image(effects, choice.to, lo, hi)
            except Unknown:
                return False
            edge = self.edges[cid][index]
            gkey = self.gkey[edge[0]]
            if (target if reason is None else (target, reason)) != gkey[0]:
                self.blame = ()
                return False
            values = gkey[1]
            for i, s in enumerate(exact):
                if lo[s] != hi[s] or lo[s] != values[i]:
                    self.blame = self.writers(s)
                    return False
            tlo, thi = self.bounds[edge[0]]
            for k, s in enumerate(dims):
                if lo[s] < tlo[k] or hi[s] > thi[k]:
                    self.blame = (s, *self.writers(s))
                    return False
            return True
        return test

    def writers(self, slot: int) -> tuple[int, ...]:
        """Every slot an effect on ``slot`` reads: where to look first when it falls outside."""
        found = self._writes.get(slot)
        if found is None:
            out: set[int] = set()
            for effect in self._effects.values():
                if effect is not None and effect.target == slot:
                    out.update(effect.reads)
            found = self._writes[slot] = tuple(sorted(out))
        return found

    def effects_of(self, effects: Iterable[Effect]) -> tuple[BoxEffect, ...]:
        return tuple(e for e in (self.effect(x) for x in effects) if e is not None)

    def entering(self, node_id: str) -> tuple:
        """What entering a node does over boxes: (its visit count's slot or -1, its effects,
        its route entries as (target, condition or None))."""
        found = self._entering.get(node_id)
        if found is None:
            node = self.story.nodes[node_id]
            found = self._entering[node_id] = (
                self.plan.slots.visits.get(node_id, -1),
                self.effects_of(node.effects),
                tuple((e.to, None if e.condition is None else self.condition(e.condition))
                      for e in node.route),
            )
        return found

    def image(self, effects: tuple[BoxEffect, ...], to: str, lo: list,
              hi: list) -> tuple[str, str | None]:
        """Play's ``step.apply_choice`` then ``step.enter``, over the box ``lo``..``hi`` (changed
        in place): the node reached and why play stops there (or None). Unknown when a
        condition on the way is not decided over the box (``blame`` says what it read)."""
        if self.work_left is not None:
            self.work_left -= 1
            if self.work_left < 0:
                raise OutOfWork(f"the search of '{self.story.id}' ran out of work")
        current: Any = None
        try:
            for current in effects:
                current.apply(lo, hi)
            t = self.plan.slots.turn
            if t >= 0:
                lo[t] += 1
                hi[t] += 1
            for condition, rule_effects in self.rules:
                if condition is not None:
                    current = condition
                    a, b = condition.fn(lo, hi)
                    if a != b:
                        raise Unknown
                    if not a:
                        continue
                for current in rule_effects:
                    current.apply(lo, hi)
            node_id = to
            entering = self._entering
            for _ in range(step.MAX_HOPS):
                found = entering.get(node_id) or self.entering(node_id)
                slot, node_effects, route = found
                if slot >= 0:
                    lo[slot] += 1
                    hi[slot] += 1
                for current in node_effects:
                    current.apply(lo, hi)
                if not route:
                    return node_id, None
                for target, condition in route:
                    if condition is None:
                        node_id = target
                        break
                    current = condition
                    a, b = condition.fn(lo, hi)
                    if a != b:
                        raise Unknown
                    if a:
                        node_id = target
                        break
                else:
                    return node_id, f"route '{node_id}': no condition held"
            return node_id, f"more than {step.MAX_HOPS} routes in a row from '{node_id}'"
        except Unknown:
            self.blame = current.reads if current is not None else ()
            raise

    # -- cutting cells -------------------------------------------------------------------------

    def refine(self, cid: int, test: Test, lo: list, hi: list) -> None:
        """Cut the class's cell down to a box around its state where ``test`` holds."""
        self.refinements += 1
        old_lo, old_hi = list(lo), list(hi)
        gkey = self.gkey[cid]
        hints = self.hints.get(gkey)
        if hints is None:
            hints = self.hints[gkey] = [[] for _ in self.plan.dims]
        self.shrink(lo, hi, self.rep[cid], test, self.blame, hints)
        for k, s in enumerate(self.plan.dims):
            if lo[s] != old_lo[s]:
                self.split(cid, k, lo[s])
            if hi[s] != old_hi[s]:
                self.split(cid, k, self.after[k](hi[s]))

    def shrink(self, lo: list, hi: list, rep: tuple, test: Test, first: tuple[int, ...],
               hints: list[list]) -> None:
        """Make ``lo``..``hi`` a box around ``rep`` where ``test`` holds, as wide as a search
        range by range finds: the ranges ``first`` names are tried first."""
        dims = self.plan.dims
        order = [s for s in first if s in self.dim_of]
        order += [s for s in dims if s not in order]
        pinned: list[tuple[int, Any, Any]] = []
        for s in order:
            a, b = lo[s], hi[s]
            if a == b:
                continue
            lo[s] = hi[s] = rep[s]
            if test(lo, hi):
                self.widen(s, a, b, lo, hi, test, hints)
                break
            pinned.append((s, a, b))
        else:
            if not test(lo, hi):
                raise Inexact(f"a single state of '{self.story.id}' read differently over boxes")
        for s, a, b in pinned:
            self.widen(s, a, b, lo, hi, test, hints)

    def widen(self, s: int, a: Any, b: Any, lo: list, hi: list, test: Test,
              hints: list[list]) -> None:
        """Widen range ``s`` (a point now, where ``test`` holds) towards ``a``..``b``."""
        k = self.dim_of[s]
        start = lo[s]
        hi[s] = b
        if not test(lo, hi):
            hi[s] = self.furthest(k, s, start, b, lo, hi, test, hints[k], up=True)
        lo[s] = a
        if not test(lo, hi):
            lo[s] = self.furthest(k, s, start, a, lo, hi, test, hints[k], up=False)

    def furthest(self, k: int, s: int, good: Any, bad: Any, lo: list, hi: list, test: Test,
                 cuts: list, up: bool) -> Any:
        """The value furthest from ``good`` towards ``bad`` at which ``test`` still holds
        (``bad`` fails). Cuts made before in this grid key are tried first: the same
        thresholds cut cell after cell."""
        side = hi if up else lo
        before, after = self.before[k], self.after[k]
        # the ends a cut made before would give, between good and bad, from good outwards
        if up:
            ends = [before(c) for c in cuts[bisect_right(cuts, good):bisect_left(cuts, bad)]]
        else:
            ends = cuts[bisect_right(cuts, bad):bisect_right(cuts, good)][::-1]
        ends = [e for e in ends if (e - good) * (1 if up else -1) > 0]
        if ends:
            i, j = 0, len(ends)  # ends[:i] hold, ends[j:] fail
            while i < j:
                mid = (i + j) // 2
                side[s] = ends[mid]
                if test(lo, hi):
                    i = mid + 1
                else:
                    j = mid
            if i:
                good = ends[i - 1]
            if j < len(ends):
                bad = ends[j]
            nxt = after(good) if up else before(good)
            if nxt != bad:
                side[s] = nxt
                if not test(lo, hi):
                    return good
                good = nxt
        if self.plan.floats[k]:
            return self._furthest_decimal(s, good, bad, side, lo, hi, test)
        return self._furthest_whole(s, good, bad, side, lo, hi, test, up)

    @staticmethod
    def _furthest_decimal(s: int, good: float, bad: float, side: list, lo: list, hi: list,
                          test: Test) -> float:
        g, b = _order(good), _order(bad)
        # halves to a few parts in a hundred million: a sliver short of the exact end costs
        # a class only if a state of play ever lands in it
        close = max(1, abs(b - g) >> 26)
        while abs(b - g) > close:
            mid = (g + b) // 2
            side[s] = _unorder(mid)
            if test(lo, hi):
                g = mid
            else:
                b = mid
        return _unorder(g)

    @staticmethod
    def _furthest_whole(s: int, good: int, bad: int, side: list, lo: list, hi: list,
                        test: Test, up: bool) -> int:
        g, b = good, bad
        stride = 1 if up else -1  # gallop out first: counters usually stop close by
        while (b - g) * stride > 1:
            probe = g + stride
            if (b - probe) * stride <= 0:
                break
            side[s] = probe
            if not test(lo, hi):
                b = probe
                break
            g = probe
            stride *= 2
        while abs(b - g) > 1:
            mid = (g + b) // 2
            side[s] = mid
            if test(lo, hi):
                g = mid
            else:
                b = mid
        return g

    def split(self, cid: int, k: int, at: Any) -> None:
        """Split a class's cell at ``at`` in range ``k``: it keeps the side of its state; the
        states that arrived on the other side make a new class there."""
        s = self.plan.dims[k]
        n = self.leaf[cid]
        low, high = self.bounds[cid]
        if not low[k] < at <= high[k]:
            return
        hints = self.hints.get(self.gkey[cid])
        if hints is not None:
            cuts = hints[k]
            i = bisect_left(cuts, at)
            if i == len(cuts) or cuts[i] != at:
                cuts.insert(i, at)
        below, above = self._leaf(n), self._leaf(n)
        self.dim[n], self.at[n], self.low[n], self.high[n] = k, at, below, above
        self.owner[n] = -1
        self.decided[below] = self.decided[above] = self.decided[n]
        upper = self.rep[cid][s] >= at
        other_low, other_high = list(low), list(high)
        if upper:
            other_high[k] = self.before[k](at)
            low[k] = at
        else:
            other_low[k] = at
            high[k] = self.before[k](at)
        mine, theirs = (above, below) if upper else (below, above)
        self.leaf[cid] = mine
        self.owner[mine] = cid
        arrivals = self.arrivals[cid]
        moved = [a for a in arrivals if (self.edges[a[0]][a[1]][1][s] >= at) != upper]
        for src, j in arrivals:
            self.edges[src][j][2] = False
            self.check_queue.append((src, j))
        if not moved:
            return
        for a in moved:
            arrivals.discard(a)
        src, j = min(moved, key=lambda a: (self.depth[a[0]], a))
        new = self.new(self.gkey[cid], theirs, (other_low, other_high), self.edges[src][j][1],
                       src, j)
        if new is None:
            return  # no room (full): the search stops here and gives way to play's states
        for a in moved:
            self.edges[a[0]][a[1]][0] = new
            self.arrivals[new].add(a)

    # -- the search ----------------------------------------------------------------------------

    def run(self) -> None:
        story = self.story
        values = list(story.initial_values)
        cursor = _Cursor({}, 0)
        first, reason = step.enter(story, story.start, values, cursor,
                                   lambda n: self.visit(n, cursor))
        self.root_reason = reason
        self.find(first if reason is None else (first, reason), self.state(values, cursor), -1, -1)
        while (self.expand_queue or self.check_queue) and not self.full:
            while self.check_queue and not self.full:
                self.check(*self.check_queue.popleft())
            if self.expand_queue and not self.full:
                self.expand(self.expand_queue.popleft())
        if self.progress is not None:
            self.progress(len(self.rep), self.max_states)

    def expand(self, cid: int) -> None:
        node, reason = self.node_of(cid)
        edges: list = []
        self.edges[cid] = edges
        if reason is not None or node.ending is not None:
            return
        values, cursor = self.unpack(self.rep[cid])
        for i, choice in enumerate(node.choices):
            if not step.available(choice, values, cursor):
                edges.append(None)
                continue
            self.reached_choices.add((node.id, i))
            target, why, state = self.play(self.rep[cid], choice)
            t = self.find(target if why is None else (target, why), state, cid, i)
            if t is None:
                return  # no room (full): the search stops here and gives way to play's states
            edges.append([t, state, False])
            self.arrivals[t].add((cid, i))
            self.check_queue.append((cid, i))

    def check(self, cid: int, index: int) -> None:
        edge = self.edges[cid][index]
        if edge is None or edge[2]:
            return
        test = self.stable_test(cid, index)
        lo, hi = self.cell(cid)
        if test(lo, hi):
            edge[2] = True
            return
        self.refine(cid, test, lo, hi)
        self.check_queue.append((cid, index))
