"""Real roads to what the may-search allows: playthroughs steered by the abstract graph.

A *target* is something the may-search (``game.tools.abstract``) says play may reach and no
state of the breadth-first search of play's own states showed: a node, a choice on offer, a
state play cannot go on from, a loop with no way to an ending, a text variant of an ending.
A walk plays the story with play's own steps (``game.story.step``) from the start, at each
state picking at random among the choices whose abstract successors can still lead to the
target, until it meets it. What a walk meets is real (it was played); what no walk meets
stays "may be reachable" and the report says so.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from game.story import step
from game.story.model import Story
from game.tools.abstract import NO_CHOICE, TOO_MANY, Abstraction

MAX_STEPS = 400  # choices in one walk at most
WALKS_PER_TARGET = 60  # walks towards one target at most (a text variant: a tenth)
MAX_WALKS = 3000  # walks in all, so a story with many unsettled targets still ends soon
TRAP_CLOSURE = 5000  # states of play followed from a state to prove it is in a trap
CLOSURES = 5  # such proofs tried at one node at most

# ("node", id), ("choice", (id, index)), ("stuck", (id, reason)), ("loop", id),
# ("variant", (ending id, variant key))
Target = tuple[str, Any]


class Cursor:
    """What conditions see of a playthrough: visit counts (of watched nodes) and the turn."""

    __slots__ = ("visits", "turn")

    def __init__(self, visits: dict[str, int], turn: int):
        self.visits = visits
        self.turn = turn


@dataclass
class Play:
    """A state of play: where it is (a node, or ``(node, reason)`` when play stops on a
    route), the values, the watched visit counts and the turn."""

    node_key: Any
    values: list
    visits: dict[str, int]
    turn: int

    @property
    def node(self) -> str:
        return self.node_key[0] if isinstance(self.node_key, tuple) else self.node_key


class Walker:
    """Steered playthroughs over one story and its finished may-search."""

    def __init__(self, story: Story, ab: Abstraction, reach: list[int], sure_out: set[int],
                 variants_at: Callable[[int], Iterable[Any]] | None = None,
                 variant_of: Callable[[Play], Any] | None = None, seed: int = 1):
        self.story = story
        self.ab = ab
        self.watched = set(ab.plan.watched)
        self.reach = reach
        self.sure_out = sure_out
        self.variants_at = variants_at
        self.variant_of = variant_of
        self.rng = random.Random(seed)
        self.walks = 0
        self.closures: dict[str, int] = {}  # per node: states followed to prove a loop
        self._by_variant: dict[Any, set[int]] | None = None
        self.back: dict[int, set[int]] = {}
        for sid in reach:
            for targets in ab.states[sid].edges:
                for t in targets or ():
                    self.back.setdefault(t, set()).add(sid)

    # -- playing ------------------------------------------------------------------------------

    def start(self) -> tuple[Play, set[str]]:
        story = self.story
        values = list(story.initial_values)
        cursor = Cursor({}, 0)
        entered: set[str] = set()
        first, reason = step.enter(story, story.start, values, cursor,
                                   lambda n: self._visit(n.id, cursor, entered))
        return Play(first if reason is None else (first, reason), values, cursor.visits,
                    cursor.turn), entered

    def _visit(self, node_id: str, cursor: Cursor, entered: set[str]) -> None:
        entered.add(node_id)
        if node_id in self.watched:
            cursor.visits[node_id] = cursor.visits.get(node_id, 0) + 1

    def offered(self, play: Play) -> list[int]:
        if isinstance(play.node_key, tuple):
            return []
        node = self.story.nodes[play.node_key]
        if node.ending is not None:
            return []
        cursor = Cursor(play.visits, play.turn)
        return [i for i, c in enumerate(node.choices) if step.available(c, play.values, cursor)]

    def take(self, play: Play, index: int) -> tuple[Play, set[str]]:
        story = self.story
        choice = story.nodes[play.node].choices[index]
        values = list(play.values)
        cursor = Cursor(dict(play.visits), play.turn)
        step.apply_choice(story, choice, values, cursor)
        entered: set[str] = set()
        target, reason = step.enter(story, choice.to, values, cursor,
                                    lambda n: self._visit(n.id, cursor, entered))
        return Play(target if reason is None else (target, reason), values, cursor.visits,
                    cursor.turn), entered

    def abstract_of(self, play: Play) -> int:
        """The abstract state holding ``play`` (the may-search holds every state play
        reaches: one it does not is a fault of the analysis, not of the story)."""
        found = self.holding(play)
        if not found:
            raise AssertionError(f"a state of play at '{play.node}' lies in no abstract state")
        return found[0]

    def holding(self, play: Play) -> list[int]:
        """Every abstract state whose box holds ``play``."""
        ab = self.ab
        key = (play.node_key, tuple(play.values[s] for s in ab.plan.exact))
        boxes = ab.index.get(key, ())
        if not boxes:
            return []
        state = ab.point(play.values, play.visits, play.turn)
        counts = ab.held_counts(state)
        for s in (*ab.dense_dims, *counts):  # past the end of its range: at the end
            state[s] = min(state[s], ab.universe[s][1])
        return [sid for sid in boxes if ab.holds(ab.states[sid], state, state, counts)]

    # -- targets ------------------------------------------------------------------------------

    def goals(self, target: Target) -> set[int]:
        """The abstract states at which ``target`` may be met."""
        kind, what = target
        ab = self.ab
        if kind == "variant":
            return self._variant_goals().get(what, set())
        out: set[int] = set()
        for sid in self.reach:
            a = ab.states[sid]
            node, reason = ab.node_of(sid)
            if kind == "node":
                if node.id == what or any(what in p for p in a.passed):
                    out.add(sid)
            elif kind == "choice":
                if node.id == what[0] and reason is None and what[1] < len(a.edges) \
                        and a.edges[what[1]] is not None:
                    out.add(sid)
            elif kind == "stuck":
                if what[1] == NO_CHOICE:
                    if node.id == what[0] and a.maybe_stuck:
                        out.add(sid)
                elif a.node_key == what:
                    out.add(sid)
            elif kind == "loop" and node.id == what and sid not in self.sure_out \
                    and reason is None and node.ending is None:
                out.add(sid)
        return out

    def _variant_goals(self) -> dict[Any, set[int]]:
        """(ending, variant) -> the abstract states at which it may show, found once."""
        if self._by_variant is None:
            self._by_variant = {}
            if self.variants_at is not None:
                for sid in self.reach:
                    node, reason = self.ab.node_of(sid)
                    if reason is None and node.ending is not None:
                        for key in self.variants_at(sid):
                            self._by_variant.setdefault((node.id, key), set()).add(sid)
        return self._by_variant

    def useful(self, goals: set[int]) -> set[int]:
        out = set(goals)
        todo = list(goals)
        while todo:
            for src in self.back.get(todo.pop(), ()):
                if src not in out:
                    out.add(src)
                    todo.append(src)
        return out

    def met(self, target: Target, play: Play, entered: set[str], offered: list[int]) -> bool:
        """Whether the state ``play`` (just entered, through ``entered``) meets ``target``."""
        kind, what = target
        if kind == "node":
            return what in entered
        if kind == "choice":
            return play.node_key == what[0] and what[1] in offered
        if kind == "stuck":
            if what[1] == NO_CHOICE:
                node = self.story.nodes[play.node]
                return play.node_key == what[0] and node.ending is None and not offered
            return play.node_key == what
        if kind == "loop":
            if play.node_key != what or not offered or self.closures.get(what, 0) >= CLOSURES:
                return False
            return self.trapped(play)
        if kind == "variant":
            return play.node_key == what[0] and self.variant_of is not None \
                and self.variant_of(play) == what[1]
        return False

    def trapped(self, play: Play) -> bool:
        """Whether no ending and no state play cannot go on from can be reached from
        ``play``: proved by the may-search when its abstract state reaches neither, else by
        following every state of play from it (up to ``TRAP_CLOSURE`` of them)."""
        holding = self.holding(play)
        if not holding:
            raise AssertionError(f"a state of play at '{play.node}' lies in no abstract state")
        if any(sid in self.sure_out for sid in holding):
            return False
        if any(not self._may_get_out(sid) for sid in holding):
            return True
        self.closures[play.node] = self.closures.get(play.node, 0) + 1
        seen = {self._key(play)}
        todo = [play]
        while todo:
            here = todo.pop()
            offered = self.offered(here)
            if not offered:
                return False  # an ending or a stuck state
            for i in offered:
                nxt, _ = self.take(here, i)
                key = self._key(nxt)
                if key not in seen:
                    if len(seen) >= TRAP_CLOSURE:
                        return False  # cannot tell: not a proof
                    seen.add(key)
                    todo.append(nxt)
        return True

    def _may_get_out(self, sid: int) -> bool:
        ab = self.ab
        seen = {sid}
        todo = [sid]
        while todo:
            here = todo.pop()
            node, reason = ab.node_of(here)
            a = ab.states[here]
            if reason is not None or node.ending is not None or a.maybe_stuck:
                return True
            for targets in a.edges:
                for t in targets or ():
                    if t not in seen:
                        seen.add(t)
                        todo.append(t)
        return False

    @staticmethod
    def _key(play: Play) -> tuple:
        return (play.node_key, tuple(play.values), tuple(sorted(play.visits.items())),
                play.turn)

    # -- walking ------------------------------------------------------------------------------

    def find(self, targets: list[Target],
             budget: int = WALKS_PER_TARGET) -> dict[Target, tuple[int, ...]]:
        """A road (choice indices from the start) to each target a walk meets."""
        found: dict[Target, tuple[int, ...]] = {}
        open_targets = _Targets(targets)
        for target in targets:
            if target in found:
                continue
            if target[0] == "variant" and target[1][1] == TOO_MANY:
                continue  # no single variant to look for
            goals = self.goals(target)
            if not goals:
                continue
            useful = self.useful(goals)
            node_goal = target[1] if target[0] == "node" else None
            for _ in range(budget if target[0] != "variant" else max(1, budget // 10)):
                if self.walks >= MAX_WALKS:
                    return found
                self.walks += 1
                self._walk(target, useful, node_goal, open_targets, found)
                if target in found:
                    break
        return found

    def _walk(self, target: Target, useful: set[int], node_goal: str | None,
              open_targets: _Targets, found: dict[Target, tuple[int, ...]]) -> None:
        play, entered = self.start()
        road: list[int] = []
        for _ in range(MAX_STEPS + 1):
            offered = self.offered(play)
            for t in open_targets.near(play.node, entered):
                if t not in found and self.met(t, play, entered, offered):
                    found[t] = tuple(road)
            if target in found or not offered:
                return
            sid = self.abstract_of(play)
            a = self.ab.states[sid]
            ways = [i for i in offered if i < len(a.edges) and a.edges[i] is not None and (
                    (node_goal is not None and node_goal in a.passed[i])
                    or any(t in useful for t in a.edges[i]))]
            if not ways:
                return
            index = self.rng.choice(ways)
            play, entered = self.take(play, index)
            road.append(index)


class _Targets:
    """Targets by the node where a state of play can meet them (a node target: any node
    entered on the way; the others: the node play is at), so a step tests only those."""

    def __init__(self, targets: list[Target]):
        self.entering: dict[str, list[tuple[int, Target]]] = {}
        self.at: dict[str, list[tuple[int, Target]]] = {}
        for i, target in enumerate(targets):
            kind, what = target
            if kind == "node":
                self.entering.setdefault(what, []).append((i, target))
            else:
                node = what if kind == "loop" else what[0]
                self.at.setdefault(node, []).append((i, target))

    def near(self, node: str, entered: set[str]) -> list[Target]:
        """The targets a state at ``node``, just entered through ``entered``, may meet, in
        the order they were given."""
        out = list(self.at.get(node, ()))
        for n in entered:
            out += self.entering.get(n, ())
        out.sort()
        return [t for _, t in out]
