"""What play may reach, and what it surely does: a search over boxes of values that always ends.

An *abstract state* is a node (or a route play stops on, with the reason), the exact values of
what a state keeps exact (flags, texts, numbers only ever set to constants: ``plan``) and a
*box*: a range for every other number, visit count and the turn. A node and exact values keep
up to ``WIDTH`` boxes apart (states reached by different roads); past that, a box that arrives
is joined into one (the smallest box holding both). Boxes never shrink, so every state of play
that arrives lies in a box. A bound that keeps growing round a loop is widened to the next
constant the story compares it with (or to the range's limit), so the search always ends.

Conditions and effects are evaluated over boxes (``game.tools.boxes``: sound interval
arithmetic). A condition that is neither true nor false over a box goes both ways, each side
narrowed where the condition compares one value with a constant, so the search
*over-approximates*: every state play can reach lies in some abstract state it finds, and
whatever it never finds (a node, a choice, an ending, a text variant, a stuck route) is proved
unreachable.

``surely`` is the other half: an abstract state surely reaches an ending (or a state play
cannot go on from) if it is one, or if every state of its box has a choice on offer whose every
abstract successor surely does (a least fixed point over the finished graph); a loop of such
states is allowed when it is proved to end (a whole number that never falls along it, rises on
some of its choices and is bounded in its boxes). When every reachable abstract state surely
does, play can never go round for ever with no ending in reach.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import le
from types import MappingProxyType
from typing import Any

from game.story import step
from game.story.expr import Condition, Effect
from game.story.model import Node, Story
from game.story.template import walk
from game.tools.boxes import (
    Box,
    BoxCondition,
    BoxEffect,
    Playing,
    Unknown,
    box_condition,
    box_effect,
)
from game.tools.intervals import parse, walk_tree
from game.tools.plan import Plan, all_conditions, make_plan

NO_CHOICE = "no choice is on offer"
TOO_MANY = ("too many",)  # a text variant target standing for more than can be told apart
# Boxes one node and exact values may keep apart before new arrivals are joined into them:
# states reached by different roads stay apart (and exact) that far, which keeps what they
# tell apart (a heart rate that crosses a threshold on one road only) from being blurred.
WIDTH = 8
# Numbers a box may hold for a choice played over it to count as one unit of work: a box
# holding more (a story that counts the visits of many nodes) costs one unit per this many.
WORK_WIDTH = 128
# How many times a bound may grow by joining before it is widened to the next threshold.
GROWTHS_BEFORE_WIDENING = 4


class GaveUp(Exception):  # noqa: N818 - a limit reached, not a failure of the story
    """The search ran out of work or room, or met a text it cannot bound."""


Narrow = Callable[[Box, Box, bool], bool]


@dataclass
class AbstractState:
    """A node (or ``(node, reason)`` for a route play stops on), exact values, and a box."""

    key: tuple
    lo: Box
    hi: Box
    order: int  # when first found: abstract states are expanded in this order
    growths: Box = field(default_factory=Box)  # per range (by slot): times a bound grew
    # per choice: None (never on offer) or the ids of the abstract states it may lead to
    edges: list[list[int] | None] = field(default_factory=list)
    passed: list[frozenset[str]] = field(default_factory=list)  # per choice: nodes entered
    # per choice and abstract state it may lead to: what each counter (by slot) surely gains
    # on the way; a counter left out gains nothing
    gains: list[dict[int, dict[int, Any]]] = field(default_factory=list)
    maybe_stuck: bool = False  # some state of the box may have no choice on offer
    queued: bool = False
    floor: frozenset[int] | None = None  # the counts the box holds above 0 (None: not known)

    @property
    def node_key(self) -> Any:
        return self.key[0]


class Abstraction:
    """The may-search over abstract states, and what the finished graph proves."""

    def __init__(self, story: Story, watched: tuple[str, ...], with_turn: bool,
                 max_states: int, max_work: int | None, width: int = WIDTH):
        self.story = story
        self.width = width
        self.plan: Plan = make_plan(story, watched, with_turn)
        self.max_states = max_states
        self.work_left = max_work
        plan = self.plan
        size = plan.slots.size
        self.nvars = plan.nvars
        self.dim_of = {s: k for k, s in enumerate(plan.dims)}
        # Visit counts are the sparse part of a box (slots first_visit up to end_visit): a
        # box holds the ones that can be other than 0, and only those are compared.
        self.first_visit = plan.nvars
        self.end_visit = plan.nvars + len(plan.watched)
        self.dense_dims = tuple(s for s in plan.dims
                                if not self.first_visit <= s < self.end_visit)
        # every slot but the visit counts: what a box's keys hold besides its counts
        self.fixed_slots = frozenset(range(plan.slots.size)) - set(plan.slots.visits.values())
        self.exact_set = set(plan.exact)
        self.floats = [False] * size
        for k, s in enumerate(plan.dims):
            self.floats[s] = plan.floats[k]
        self.universe: list[tuple[Any, Any]] = [(None, None)] * size
        for k, s in enumerate(plan.dims):
            self.universe[s] = plan.universe[k]
        self.unread_slots = {story.variables[v].slot for v in plan.unread}
        self.bool_slots = [s for s in plan.exact if s < self.nvars
                           and self._var_of(s).type == "bool"]
        self._conditions: dict[int, tuple[BoxCondition, Narrow]] = {}
        self._effects: dict[int, BoxEffect | None] = {}
        self.rules = [(None if r.condition is None else self.condition(r.condition),
                       self.effects_of(r.effects)) for r in story.each_turn]
        self.stops = self._stops()
        self.counters = sorted(self._counters())
        self.counter_set = set(self.counters)
        self._kinds: dict[int, tuple] = {}
        self.states: list[AbstractState] = []
        self.index: dict[tuple, list[int]] = {}  # key -> its abstract states' ids
        self.heap: list[tuple[int, int]] = []
        self.root = -1
        self.work = 0

    def _var_of(self, slot: int) -> Any:
        for var in self.story.variables.values():
            if var.slot == slot:
                return var
        raise KeyError(slot)

    # -- compiled forms ------------------------------------------------------------------------

    def condition(self, condition: Condition) -> tuple[BoxCondition, Narrow]:
        found = self._conditions.get(id(condition))
        if found is None:
            box = box_condition(condition, self.plan.slots, self.nvars)
            tree = parse(condition.source)
            narrow = self._narrower(tree) if tree is not None else _keep
            found = self._conditions[id(condition)] = (box, narrow)
        return found

    def effect(self, effect: Effect) -> BoxEffect | None:
        key = id(effect)
        if key not in self._effects:
            var = self.story.variables[effect.target]
            self._effects[key] = None if var.id in self.plan.unread else box_effect(
                effect, var, self.plan.slots, self.nvars)
        return self._effects[key]

    def effects_of(self, effects: Iterable[Effect]) -> tuple[BoxEffect, ...]:
        return tuple(e for e in (self.effect(x) for x in effects) if e is not None)

    def _slot_of(self, tree: tuple) -> int | None:
        """The slot a tree reads directly (a variable, a visit count, the turn), if it is one."""
        slots = self.plan.slots
        if tree[0] == "var":
            return slots.variables.get(tree[1])
        if tree[0] == "call" and tree[1] == "visits" and tree[2]:
            return slots.visits.get(tree[2][0][1])
        if tree[0] == "call" and tree[1] == "turn" and slots.turn >= 0:
            return slots.turn
        return None

    def _narrower(self, tree: tuple) -> Narrow:
        """A function that shrinks a box to the part where the condition may be ``want``
        (False: the part is empty). Only comparisons of one value with a constant, flags,
        ``seen`` and their ``and``/``or``/``not`` narrow; anything else keeps the box."""
        tag = tree[0]
        if tag == "not":
            inner = self._narrower(tree[1])
            return lambda lo, hi, want: inner(lo, hi, not want)
        if tag in ("and", "or"):
            parts = [self._narrower(t) for t in tree[1]]
            every = tag == "and"  # "and" narrows when it must hold, "or" when it must not

            def chain(lo: Box, hi: Box, want: bool) -> bool:
                if want != every:
                    return True
                return all(p(lo, hi, want) for p in parts)
            return chain
        if tag == "bool":
            value = tree[1]
            return lambda lo, hi, want: value == want
        if tag == "call" and tree[1] == "seen" and tree[2]:
            s = self.plan.slots.visits.get(tree[2][0][1])
            if s is None:
                return _keep
            return lambda lo, hi, want: _cut(lo, hi, s, ">=" if want else "<", 1, False)
        if tag == "var":
            s = self.plan.slots.variables.get(tree[1])
            if s is None or s not in self.exact_set and s not in self.dim_of:
                return _keep
            return lambda lo, hi, want: _flag(lo, hi, s, want)
        if tag == "cmp":
            op, left, right = tree[1], tree[2], tree[3]
            s = self._slot_of(left)
            k = right
            if s is None or right[0] != "num":
                s, k, op = self._slot_of(right), left, _FLIP.get(op, op)
            if s is None or k[0] != "num":
                return _keep
            const, whole = k[1], not self.floats[s]
            negated = _NEGATE[op]
            return lambda lo, hi, want: _cut(lo, hi, s, op if want else negated, const, not whole)
        return _keep

    def _stops(self) -> dict[int, list]:
        """Per range: the constants the story compares it with (each as the first value on
        the other side), where a bound that keeps growing stops when it is widened."""
        stops: dict[int, set] = {s: set() for s in self.plan.dims}
        for condition in all_conditions(self.story):
            tree = parse(condition.source)
            if tree is None:
                continue
            for part in walk_tree(tree):
                if part[0] == "call" and part[1] == "seen" and part[2]:
                    s = self.plan.slots.visits.get(part[2][0][1])
                    if s in stops:
                        stops[s].add(1)
                    continue
                if part[0] != "cmp":
                    continue
                op = part[1]
                for a, b, o in ((part[2], part[3], op), (part[3], part[2], _FLIP[op])):
                    s = self._slot_of(a)
                    if s is None or s not in stops or b[0] != "num":
                        continue
                    stops[s].update(_starts(o, b[1], self.floats[s]))
        out: dict[int, list] = {}
        for s, found in stops.items():
            high = self.universe[s][1]
            if self.floats[s]:  # a bound stops just short of a constant, or at it
                found |= {math.nextafter(x, -math.inf) for x in found}
            else:
                found |= {x - 1 for x in found}
            out[s] = sorted(x for x in found if x <= high)
        return out

    def _counters(self) -> set[int]:
        """The whole-number ranges (variables, visit counts, the turn) whose gains along each
        choice are followed, to prove that a loop cannot go on for ever."""
        return {s for s in self.plan.dims if not self.floats[s]}

    def _widen(self, s: int, bound: Any, down: bool) -> Any:
        """A bound that keeps growing, moved out to the next constant the story compares the
        range with (or to the range's limit): the search then always ends."""
        low, high = self.universe[s]
        stops = self.stops[s]
        if down:
            i = bisect_right(stops, bound)
            return max(stops[i - 1], low) if i else low
        i = bisect_left(stops, bound)
        return min(stops[i], high) if i < len(stops) else high

    # -- the search ----------------------------------------------------------------------------

    def run(self, values: list, visits: dict[str, int], turn: int, first: str,
            reason: str | None) -> None:
        """Search from play's first state (``values``, ``visits``, ``turn`` at node ``first``,
        stuck there for ``reason`` if not None) until no box grows."""
        state = self.point(values, visits, turn)
        key = first if reason is None else (first, reason)
        (self.root,) = self.land(key, state, state.copy())
        while self.heap:
            _, sid = heapq.heappop(self.heap)
            a = self.states[sid]
            a.queued = False
            self.expand(sid)

    def point(self, values: list, visits: dict[str, int], turn: int) -> Box:
        """A state of play as a box's end: its values, the visit counts it holds, the turn."""
        plan = self.plan
        state = Box(enumerate(values))
        watched = plan.slots.visits
        for node, count in visits.items():
            s = watched.get(node)
            if s is not None and count:
                state[s] = count
        if plan.with_turn:
            state[plan.slots.turn] = turn
        return state

    def held_counts(self, hi: Box) -> set[int]:
        """The visit counts a box with highs ``hi`` holds; with the ranged variables and the
        turn (``dense_dims``), what it is compared over (a count is never below 0, so one
        its high does not hold is 0 .. 0)."""
        return hi.keys() - self.fixed_slots

    def floor(self, a: AbstractState) -> frozenset[int]:
        """The visit counts ``a``'s box holds above 0 (a box that does not hold one of them
        has it at 0, outside ``a``)."""
        if a.floor is None:
            first, end = self.first_visit, self.end_visit
            a.floor = frozenset(s for s, x in a.lo.items() if first <= s < end and x > 0)
        return a.floor

    def holds(self, a: AbstractState, lo: Box, hi: Box, counts: set[int]) -> bool:
        """Whether abstract state ``a``'s box holds the box ``lo`` .. ``hi`` (``counts`` is
        ``self.held_counts(hi)``): only the ranges the box holds and the counts ``a`` holds
        above 0 can tell them apart."""
        alo, ahi = a.lo, a.hi
        for s in self.dense_dims:
            if alo[s] > lo[s] or hi[s] > ahi[s]:
                return False
        return all(map(le, map(hi.__getitem__, counts), map(ahi.get, counts, repeat(0)))) \
            and all(map(le, map(alo.get, counts, repeat(0)), map(lo.get, counts, repeat(0)))) \
            and hi.keys() >= self.floor(a)

    def _meets(self, a: AbstractState, lo: Box, hi: Box, counts: set[int]) -> bool:
        """Whether ``a``'s box and the box ``lo`` .. ``hi`` share a point (as ``holds``)."""
        alo, ahi = a.lo, a.hi
        for s in self.dense_dims:
            if alo[s] > hi[s] or lo[s] > ahi[s]:
                return False
        return all(map(le, map(alo.get, counts, repeat(0)), map(hi.__getitem__, counts))) \
            and all(map(le, map(lo.get, counts, repeat(0)), map(ahi.get, counts, repeat(0)))) \
            and hi.keys() >= self.floor(a)

    def join(self, node_key: Any, lo: Box, hi: Box, origin: tuple | None = None) -> int:
        """Add the box to the abstract state of its node and exact values (and, at an ending,
        of the abstract state and choice it came by: an ending leads nowhere, so keeping its
        arrivals apart costs little and keeps its text precise); its id."""
        lo, hi = Box(lo), Box(hi)  # without the gains of the way here
        for s in self.unread_slots:
            lo[s] = hi[s] = None
        counts = self.held_counts(hi)
        for s in chain(self.dense_dims, counts):  # past the end of its range: at the end
            low, high = self.universe[s]
            if hi[s] > high:
                hi[s] = high
                lo[s] = min(lo[s], high)
        key = (node_key, tuple(lo[s] for s in self.plan.exact))
        if origin is not None:
            key = (*key, origin)
        boxes = self.index.setdefault(key, [])
        states = self.states
        for sid in boxes:
            if self.holds(states[sid], lo, hi, counts):
                return sid
        if len(boxes) < self.width:
            if len(states) >= self.max_states:
                raise GaveUp(f"more than {self.max_states:,} abstract states")
            sid = len(states)
            boxes.append(sid)
            a = AbstractState(key, lo, hi, sid)
            states.append(a)
            self._queue(a, sid)
            return sid
        sid = next((b for b in boxes if self._meets(states[b], lo, hi, counts)), boxes[-1])
        a = states[sid]
        grew = False
        growths = a.growths
        # where the box may grow: the ranges it holds, and counts a holds above 0 (seen twice
        # at most: the second time, nothing is left to grow)
        alo, ahi = a.lo, a.hi
        for s in [*self.dense_dims, *counts, *self.floor(a)]:
            x = lo.get(s, 0)
            if x < alo.get(s, 0):
                a.floor = None
                growths[s] += 1
                alo[s] = x if growths[s] <= GROWTHS_BEFORE_WIDENING \
                    else self._widen(s, x, down=True)
                grew = True
            x = hi.get(s, 0)
            if x > ahi.get(s, 0):
                growths[s] += 1
                ahi[s] = x if growths[s] <= GROWTHS_BEFORE_WIDENING \
                    else self._widen(s, x, down=False)
                grew = True
        if grew and not a.queued:
            self._queue(a, sid)
        return sid

    def _queue(self, a: AbstractState, sid: int) -> None:
        a.queued = True
        heapq.heappush(self.heap, (a.order, sid))

    def expand(self, sid: int) -> None:
        a = self.states[sid]
        node_key = a.node_key
        a.edges, a.passed, a.gains, a.maybe_stuck = [], [], [], False
        if isinstance(node_key, tuple):
            return  # a route play stops on
        node = self.story.nodes[node_key]
        if node.ending is not None:
            return
        offered: list[tuple[BoxCondition, Narrow] | None] = []
        for choice in node.choices:
            lo, hi = a.lo.copy(), a.hi.copy()
            if choice.condition is not None:
                cond = self.condition(choice.condition)
                truth = _truth(cond[0], lo, hi)
                if truth is False:
                    a.edges.append(None)
                    a.passed.append(frozenset())
                    a.gains.append({})
                    offered.append(cond)
                    continue
                if truth is None and not cond[1](lo, hi, True):
                    a.edges.append(None)
                    a.passed.append(frozenset())
                    a.gains.append({})
                    offered.append(cond)
                    continue
                offered.append(cond)
            else:
                offered.append(None)
            targets: list[int] = []
            passed: set[str] = set()
            gains: dict[int, dict[int, Any]] = {}
            for node_key2, tlo, thi in self.image(self.effects_of(choice.all_effects),
                                                   choice.to, lo, hi, passed):
                got = {c: x for c, x in (tlo.gains or {}).items() if x}
                for t in self.land(node_key2, tlo, thi, (sid, len(a.edges))):
                    if t not in targets:
                        targets.append(t)
                    had = gains.get(t)
                    gains[t] = got if had is None else _least_gains(had, got)
            a = self.states[sid]
            a.edges.append(targets)
            a.passed.append(frozenset(passed))
            a.gains.append(gains)
        a.maybe_stuck = self._may_have_none(a.lo.copy(), a.hi.copy(), offered, 0)

    def _may_have_none(self, lo: Box, hi: Box, conds: list, i: int) -> bool:
        """Whether some state of the box may have none of the choices ``conds[i:]`` on offer."""
        for j in range(i, len(conds)):
            cond = conds[j]
            if cond is None:
                return False
            truth = _truth(cond[0], lo, hi)
            if truth is True:
                return False
            if truth is None and not cond[1](lo, hi, False):
                return False
        return True

    def land(self, node_key: Any, lo: Box, hi: Box,
             origin: tuple | None = None) -> Iterator[int]:
        """Join a box play may arrive in to the abstract states it spans; their ids."""
        for flo, fhi in self._split_flags(lo, hi):
            ending = not isinstance(node_key, tuple) and \
                self.story.nodes[node_key].ending is not None
            yield self.join(node_key, flo, fhi, origin if ending else None)

    def _split_flags(self, lo: Box, hi: Box) -> Iterator[tuple[Box, Box]]:
        """A box whose flags are either way, as boxes with each flag one way."""
        open_flags = [s for s in self.bool_slots if lo[s] != hi[s]]
        if not open_flags:
            yield lo, hi
            return
        for bits in range(1 << len(open_flags)):
            blo, bhi = lo.copy(), hi.copy()
            for i, s in enumerate(open_flags):
                blo[s] = bhi[s] = bool(bits >> i & 1)
            yield blo, bhi

    def _spend(self, held: int) -> None:
        """A choice played over a box holding ``held`` numbers: one unit of work, or one per
        WORK_WIDTH numbers for a wider box (it costs that much more), so a budget of work is
        one of time whatever the story counts."""
        cost = 1 if held <= WORK_WIDTH else -(-held // WORK_WIDTH)
        self.work += cost
        if self.work_left is not None:
            self.work_left -= cost
            if self.work_left < 0:
                raise GaveUp("out of work")

    def _apply(self, effect: BoxEffect, lo: Box, hi: Box) -> None:
        if effect.target in self.counter_set and lo.gains is not None:
            self._count(effect, lo.gains, lo, hi)
        try:
            effect.apply(lo, hi)
        except Unknown:
            s = effect.target
            if s in self.dim_of:
                lo[s], hi[s] = self.universe[s]
            elif s in self.bool_slots:
                lo[s], hi[s] = False, True
            else:
                raise GaveUp(f"cannot bound '{effect.source}'") from None

    def _count(self, effect: BoxEffect, gains: dict[int, Any], lo: Box, hi: Box) -> None:
        """What ``effect`` surely adds to a counter (kept in ``gains``, by its slot): a
        constant or a variable never below zero, unless the counter may hit its limit."""
        kind = self._kinds.get(id(effect))
        if kind is None:
            kind = self._kinds[id(effect)] = _count_kind(effect, self.plan.slots.variables)
        s = effect.target
        high = self.universe[s][1]
        if kind[0] == "add" and hi[s] + kind[1] <= high:
            gains[s] = gains.get(s, 0) + kind[1]
        elif kind[0] == "addvar" and lo[kind[1]] is not None and lo[kind[1]] >= 0 \
                and hi[s] + hi[kind[1]] <= high:
            gains[s] = gains.get(s, 0) + lo[kind[1]]
        else:
            gains[s] = -math.inf

    def image(self, effects: tuple[BoxEffect, ...], to: str, lo: Box, hi: Box,
              passed: set[str]) -> Iterator[tuple[Any, Box, Box]]:
        """Play's ``step.apply_choice`` then ``step.enter`` over a box: every (node key, box)
        play may arrive at, conditions neither true nor false taken both ways."""
        self._spend(len(hi))
        lo, hi = Playing(lo), hi.copy()
        lo.gains = {}  # what each counter surely gains on the way: nothing yet
        for effect in effects:
            self._apply(effect, lo, hi)
        t = self.plan.slots.turn
        if t >= 0:
            lo[t] += 1
            hi[t] += 1
            if t in self.counter_set:
                lo.gains[t] = lo.gains.get(t, 0) + 1
        for rlo, rhi in self._rules(0, lo, hi):
            yield from self._enter(to, rlo, rhi, passed, 0)

    def _rules(self, i: int, lo: Box, hi: Box) -> Iterator[tuple[Box, Box]]:
        while i < len(self.rules):
            cond, effects = self.rules[i]
            i += 1
            if cond is None:
                for e in effects:
                    self._apply(e, lo, hi)
                continue
            truth = _truth(cond[0], lo, hi)
            if truth is True:
                for e in effects:
                    self._apply(e, lo, hi)
                continue
            if truth is False:
                continue
            yes_lo, yes_hi = lo.copy(), hi.copy()
            if cond[1](yes_lo, yes_hi, True):
                for e in effects:
                    self._apply(e, yes_lo, yes_hi)
                yield from self._rules(i, yes_lo, yes_hi)
            if cond[1](lo, hi, False):
                yield from self._rules(i, lo, hi)
            return
        yield lo, hi

    def _enter(self, node_id: str, lo: Box, hi: Box, passed: set[str],
               hops: int) -> Iterator[tuple[Any, Box, Box]]:
        nodes, visits = self.story.nodes, self.plan.slots.visits
        while True:
            if hops >= step.MAX_HOPS:
                yield (node_id, f"more than {step.MAX_HOPS} routes in a row from '{node_id}'"), \
                    lo, hi
                return
            hops += 1
            node = nodes[node_id]
            passed.add(node_id)
            s = visits.get(node_id, -1)
            if s >= 0:
                lo[s] += 1
                hi[s] += 1
                if s in self.counter_set and lo.gains is not None:
                    lo.gains[s] = lo.gains.get(s, 0) + 1
            for effect in self.effects_of(node.effects):
                self._apply(effect, lo, hi)
            if not node.route:
                yield node_id, lo, hi
                return
            for entry in node.route:
                if entry.condition is None:
                    node_id = entry.to
                    break
                cond = self.condition(entry.condition)
                truth = _truth(cond[0], lo, hi)
                if truth is True:
                    node_id = entry.to
                    break
                if truth is False:
                    continue
                yes_lo, yes_hi = lo.copy(), hi.copy()
                if cond[1](yes_lo, yes_hi, True):
                    yield from self._enter(entry.to, yes_lo, yes_hi, passed, hops)
                if not cond[1](lo, hi, False):
                    return
            else:
                yield (node_id, f"route '{node_id}': no condition held"), lo, hi
                return

    # -- what the finished graph says ---------------------------------------------------------

    def reachable(self) -> list[int]:
        """The abstract states reachable from the start by the final edges (a box that grew
        leaves behind edges to states only its smaller self reached)."""
        seen = [False] * len(self.states)
        order = [self.root]
        seen[self.root] = True
        for sid in order:
            for targets in self.states[sid].edges:
                for t in targets or ():
                    if not seen[t]:
                        seen[t] = True
                        order.append(t)
        return order

    def node_of(self, sid: int) -> tuple[Node, str | None]:
        key = self.states[sid].node_key
        if isinstance(key, tuple):
            return self.story.nodes[key[0]], key[1]
        return self.story.nodes[key], None

    def surely(self, reach: list[int], stuck_counts: bool) -> set[int]:
        """The reachable abstract states from every state of play of which some road surely
        reaches an ending (or, with ``stuck_counts``, an ending or a state play cannot go on
        from). A least fixed point over the finished graph, and loops proved to end: a loop
        along which some whole number never falls, rises on some choices and is bounded
        cannot be taken for ever, so the choices that keep to it still lead out."""
        sure = self._least(reach, set(), stuck_counts)
        while True:
            extra = self._ranked(reach, sure, stuck_counts)
            if not extra:
                return sure
            sure = self._least(reach, sure | extra, stuck_counts)

    def _least(self, reach: list[int], sure: set[int], stuck_counts: bool) -> set[int]:
        sure = set(sure)
        back: dict[int, set[int]] = {}
        for sid in reach:
            for targets in self.states[sid].edges:
                for t in targets or ():
                    back.setdefault(t, set()).add(sid)
        todo = [s for s in reach if s not in sure]
        pending = set(todo)
        while todo:
            sid = todo.pop()
            pending.discard(sid)
            if sid in sure or not self._sure_here(sid, sure, stuck_counts):
                continue
            sure.add(sid)
            for src in back.get(sid, ()):
                if src not in sure and src not in pending:
                    pending.add(src)
                    todo.append(src)
        return sure

    def _ranked(self, reach: list[int], sure: set[int], stuck_counts: bool) -> set[int]:
        """The states not yet sure that surely reach a sure one: the largest set each state of
        which has choices covering its box that lead only to sure states or back into the set,
        where every loop of the set is proved to end."""
        chosen = {s for s in reach if s not in sure and self.node_of(s)[1] is None
                  and self.node_of(s)[0].ending is None}
        while chosen:
            while True:
                ok = sure | chosen
                drop = {s for s in chosen if not self._sure_here(s, ok, stuck_counts)}
                if not drop:
                    break
                chosen -= drop
            ok = sure | chosen
            inner: dict[int, list[tuple[int, dict]]] = {}
            for sid in chosen:
                a = self.states[sid]
                inner[sid] = [(t, a.gains[i][t]) for i, targets in enumerate(a.edges)
                              if targets is not None and all(t in ok for t in targets)
                              for t in targets if t in chosen]
            bad: set[int] = set()
            for part in _cycles({s: [t for t, _ in e] for s, e in inner.items()}):
                if not self._ends(set(part), inner):
                    bad.update(part)
            if not bad:
                return chosen
            chosen -= bad
        return set()

    def _ends(self, part: set[int], inner: dict[int, list[tuple[int, dict]]]) -> bool:
        """Whether no road can go round the loops of ``part`` for ever: some counter never
        falls along them, is bounded in each of their states, and rises on some of their
        choices; without those choices, every loop left is proved to end the same way."""
        edges = [(s, t, g) for s in part for t, g in inner[s] if t in part]
        # Only a counter that rises on some choice of the loop can prove it ends.
        rising = sorted({slot for _, _, g in edges for slot, x in g.items() if x >= 1})
        for slot in rising:
            high = self.universe[slot][1]
            if any(g.get(slot, 0) < 0 for _, _, g in edges):
                continue
            if any(self.states[s].hi[slot] >= high for s in part):
                continue
            rest = [(s, t, g) for s, t, g in edges if g.get(slot, 0) < 1]
            if len(rest) == len(edges):
                continue
            succ: dict[int, list[int]] = {s: [] for s in part}
            for s, t, _ in rest:
                succ[s].append(t)
            sub = {s: [(t, g) for s2, t, g in rest if s2 == s] for s in part}
            if all(self._ends(set(p), sub) for p in _cycles(succ)):
                return True
        return False

    def _sure_here(self, sid: int, sure: set[int], stuck_counts: bool) -> bool:
        node, reason = self.node_of(sid)
        if reason is not None:
            return stuck_counts
        if node.ending is not None:
            return True
        a = self.states[sid]
        lo, hi = a.lo.copy(), a.hi.copy()
        tainted = False
        for i, choice in enumerate(node.choices):
            targets = a.edges[i] if i < len(a.edges) else None
            if targets is None:
                continue
            good = all(t in sure for t in targets)
            cond = None if choice.condition is None else self.condition(choice.condition)
            truth = True if cond is None else _truth(cond[0], lo, hi)
            if not good:
                tainted = tainted or truth is not False
                continue
            if truth is True:
                return True
            if truth is None and cond is not None and not cond[1](lo, hi, False):
                return True
        return stuck_counts and not tainted


# -- helpers -----------------------------------------------------------------------------------

_FLIP = MappingProxyType({"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="})
_NEGATE = MappingProxyType({"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="})


def _keep(lo: Box, hi: Box, want: bool) -> bool:
    return True


def _least_gains(had: dict[int, Any], got: dict[int, Any]) -> dict[int, Any]:
    """What a counter surely gains by either of two ways (a counter left out gains 0)."""
    out = {}
    for slot in had.keys() | got.keys():
        x = min(had.get(slot, 0), got.get(slot, 0))
        if x:
            out[slot] = x
    return out


def _truth(cond: BoxCondition, lo: Box, hi: Box) -> bool | None:
    try:
        a, b = cond.fn(lo, hi)
    except Unknown:
        return None
    return bool(a) if a == b else None


def _flag(lo: Box, hi: Box, s: int, want: bool) -> bool:
    if lo[s] == hi[s]:
        return bool(lo[s]) == want
    if lo[s] is False and hi[s] is True:
        lo[s] = hi[s] = want
        return True
    return True


def _cut(lo: Box, hi: Box, s: int, op: str, k: Any, decimal: bool) -> bool:
    """Shrink range ``s`` of the box to where ``value op k`` may hold; False when none does."""
    a, b = lo[s], hi[s]
    if a is None or isinstance(a, (bool, str)):
        return True
    if op == "<":
        b = min(b, math.nextafter(k, -math.inf) if decimal else math.ceil(k) - 1)
    elif op == "<=":
        b = min(b, k if decimal else math.floor(k))
    elif op == ">":
        a = max(a, math.nextafter(k, math.inf) if decimal else math.floor(k) + 1)
    elif op == ">=":
        a = max(a, k if decimal else math.ceil(k))
    elif op == "==":
        if decimal:
            a, b = max(a, k), min(b, k)
        elif k != math.floor(k):
            return False
        else:
            a, b = max(a, int(k)), min(b, int(k))
    elif op == "!=":
        return not a == b == k
    if a > b:
        return False
    if decimal:
        a, b = float(a), float(b)
    lo[s], hi[s] = a, b
    return True


def _count_kind(effect: BoxEffect, slots: Any) -> tuple:
    """How an effect changes a whole number: ("add", k), ("addvar", slot) or ("other",)."""
    head, op, rest = effect.source.partition("+=")
    tree = parse(rest) if op and head.strip().isidentifier() else None
    if tree is not None:
        if tree[0] == "num" and tree[1] > 0:
            return ("add", tree[1])
        if tree[0] == "var" and tree[1] in slots:
            return ("addvar", slots[tree[1]])
    return ("other",)


def _cycles(succ: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected parts of a graph that hold a loop (Tarjan's, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in succ:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = len(index)
                stack.append(v)
                on.add(v)
            targets = succ[v]
            if i < len(targets):
                work.append((v, i + 1))
                w = targets[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                part = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    part.append(w)
                    if w == v:
                        break
                if len(part) > 1 or v in succ[v]:
                    out.append(part)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


def _starts(op: str, k: Any, decimal: bool) -> tuple:
    """Where cells start so that ``value op k`` is one way over each."""
    if decimal:
        k = float(k)
        after = math.nextafter(k, math.inf)
        return {"<": (k,), ">=": (k,), "<=": (after,), ">": (after,)}.get(op, (k, after))
    down, up = math.floor(k), math.ceil(k)
    return {"<": (up,), ">=": (up,), "<=": (down + 1,), ">": (down + 1,)}.get(op, (up, down + 1))


def ending_conditions(node: Node) -> list[Condition]:
    """Every condition an ending's text reads."""
    ending = node.ending
    assert ending is not None
    out = [line.condition for line in node.lines if line.condition is not None]
    out += [p.condition for p in ending.paragraphs if p.condition is not None]
    templates = [line.template for line in node.lines] + [ending.title_template]
    templates += [p.template for p in ending.paragraphs]
    for template in templates:
        out += [p[2] for p in walk(template) if isinstance(p, tuple) and p[0] == "if"]
    return out
