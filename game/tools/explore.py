"""`lowtide explore`: which endings, nodes and choices play can reach, with a real road to each,
which it cannot, and whether it can get stuck or go round for ever with no ending in reach.

A state of play is the node, every variable's value and, only when the story's conditions or
effects look at them, the visit counts of the nodes they name and the turn. ``search`` first
searches play's own states breadth first (``game.story.step``, the functions play itself
uses), up to ``max_states``: shortest roads, and every verdict exact when it ends. Heart rate
is a decimal and counters combine, so on a large story it does not end; then the may-search
over ranges (``game.tools.abstract``) proves what cannot happen, and playthroughs steered by it
(``game.tools.witness``) find real roads to what it allows. A report says "complete" only when
its verdicts are proofs; otherwise it names what is not settled. ``exact=True`` searches
play's states alone (the brute force the tests hold the proofs to).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from game.story import step
from game.story.model import Node, Story
from game.story.text import Moment, render
from game.tools.abstract import NO_CHOICE, TOO_MANY, Abstraction, GaveUp
from game.tools.intervals import all_effects
from game.tools.plan import all_conditions
from game.tools.witness import Target, Walker

DEFAULT_MAX_STATES = 200_000
# Text variants one ending may allow over ranges before they are no longer told apart (its
# variants are then one target, never settled: the road report says so).
MAX_VARIANTS = 256
# What `lowtide explore` lets the search over ranges do (choices played over ranges) before it
# gives way to play's states: about ten seconds of CPU time, so a story the ranges cannot finish
# costs a writer little; `--max-work` asks for more (the default of `--max-work` in game/cli.py).
DEFAULT_MAX_WORK = 500_000
_STRINGS = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_TURN = re.compile(r"\bturn\s*\(")


def visits_of(counts: tuple) -> dict[str, int]:
    """A key's visit counts (node, count, node, count...) as play's cursor holds them."""
    return dict(zip(counts[::2], counts[1::2], strict=True))


def uses_turn(source: str) -> bool:
    return _TURN.search(source) is not None


@dataclass(frozen=True)
class PathStep:
    """One choice on a path: at ``node``, choice ``choice`` (its index), written ``text`` in the
    file and read ``shown`` by a player with the story's own cast (variables left as {name})."""

    node: str
    choice: int
    text: str
    shown: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"node": self.node, "choice": self.choice, "text": self.text,
                "shown": self.shown or self.text}


Path = tuple[PathStep, ...]


@dataclass(frozen=True)
class EndingResult:
    node: str
    title: str
    dynamic: str | None
    path: Path | None  # shortest path when reached, else None

    def reachable(self, complete: bool) -> bool | None:
        """True when reached; False when the search was complete and it was not; else unknown."""
        if self.path is not None:
            return True
        return False if complete else None


@dataclass(frozen=True)
class Stuck:
    """A state play cannot go on from: ``reason`` says why, ``path`` how to get there."""

    node: str
    reason: str
    path: Path


@dataclass(frozen=True)
class Trap:
    """A node where play can go round for ever without any ending being reachable any more."""

    node: str
    states: int
    path: Path


@dataclass(frozen=True)
class Coverage:
    reached: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.reached / self.total

    def to_json(self) -> dict[str, Any]:
        return {"reached": self.reached, "total": self.total, "percent": round(self.percent, 1)}


@dataclass(frozen=True)
class Exploration:
    """What a search found; ``complete`` is False when ``max_states`` cut it short."""

    story: str
    states: int
    max_states: int
    complete: bool
    depth: int  # every state this many choices or fewer from the start was found
    tracked: tuple[str, ...]
    endings: tuple[EndingResult, ...]
    unreached_nodes: tuple[str, ...]
    unreached_choices: tuple[PathStep, ...]
    stuck: tuple[Stuck, ...]
    traps: tuple[Trap, ...]
    coverage: dict[str, Coverage]
    distinct_values: dict[str, int] = field(default_factory=dict)
    ranged: tuple[str, ...] = ()  # what the may-search held as ranges (empty: not run)
    unread: tuple[str, ...] = ()  # variables nothing reads, left out of the may-search
    exhaustive: bool = True  # every state of play was searched (else: roads and proofs)
    abstract_states: int = 0  # the may-search's abstract states (0: it did not run or end)
    witnessed: int = 0  # roads found by steered playthroughs
    unsettled: tuple[str, ...] = ()  # what the may-search allows and no road met

    @property
    def failed(self) -> bool:
        """An ending proven unreachable, or a stuck state found."""
        unreachable = any(e.reachable(self.complete) is False for e in self.endings)
        return unreachable or bool(self.stuck)


class _Cursor:
    """What conditions see of a playthrough: visit counts (of tracked nodes) and the turn."""

    __slots__ = ("visits", "turn")

    def __init__(self, visits: dict[str, int], turn: int):
        self.visits = visits
        self.turn = turn


def _expressions(story: Story) -> list[Any]:
    """Every compiled condition and effect of the story, text conditions included."""
    return [*all_conditions(story), *all_effects(story)]


def tracked_parts(story: Story) -> tuple[tuple[str, ...], bool]:
    """The nodes whose visits and whether the turn matter, from every expression's use (the
    conditions that decide what text shows among them, so roads read exactly as played)."""
    nodes: set[str] = set()
    turn = False
    for expr in _expressions(story):
        nodes.update(name for name, _ in expr.nodes)
        if not turn and "turn" in expr.source:
            turn = uses_turn(_STRINGS.sub('""', expr.source))
    return tuple(sorted(n for n in nodes if n in story.nodes)), turn


@dataclass
class StateGraph:
    """Every state the search found, as parallel lists by state id: its key (node, values,
    visit counts, turn), the state it was first reached from and by which choice, its depth,
    and the states each one leads to (one entry per choice). A key's visit counts are the
    tracked nodes the state has entered, as one flat tuple of node, count, node, count... in
    the order of the nodes' ids: a node never entered counts 0 and is left out, so a key is
    the size of its road, not of the story (and states with the same counts share one)."""

    story: Story
    watched: tuple[str, ...]
    with_turn: bool
    max_states: int
    keys: list[tuple] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    via: list[int] = field(default_factory=list)
    depths: list[int] = field(default_factory=list)
    edges_from: list[list[int]] = field(default_factory=list)
    complete: bool = True
    cut_depth: int = 0
    reached_nodes: set[str] = field(default_factory=set)
    reached_choices: set[tuple[str, int]] = field(default_factory=set)
    ending_states: list[int] = field(default_factory=list)
    stuck_states: set[int] = field(default_factory=set)
    open_states: set[int] = field(default_factory=set)  # a way on did not fit under max_states
    stuck_at: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    late_endings: dict[str, tuple[int, int]] = field(default_factory=dict)
    ranged: tuple[str, ...] = ()  # what the may-search holds as ranges (empty: not run)
    unread: tuple[str, ...] = ()  # variables the may-search leaves out: nothing reads them
    exhaustive: bool = True  # the search of play's states saw every state
    abstract_states: int = 0  # the may-search's reachable abstract states (0: not run)
    witnessed: int = 0  # roads found by steered playthroughs, beyond the breadth-first search
    unsettled: list[str] = field(default_factory=list)  # what the may-search allows, unfound
    open_targets: list[Target] = field(default_factory=list)  # the same, as targets
    trap_witnesses: dict[str, list[int]] = field(default_factory=dict)
    may_variants: dict[str, set] | None = None  # per ending: every text variant it allows

    def moment(self, sid: int, node: str | None = None, visit: int = 1) -> Moment:
        """What text at state ``sid`` reads at (as the story's own cast; ``visit`` of the
        node, which the caller knows from the road)."""
        node_id, values, counts, _ = self.keys[sid]
        visits = visits_of(counts)
        node = node or node_id
        visits[node] = visit
        return Moment(values, visits, self.depths[sid], node, None)

    def road(self, sid: int) -> Path:
        """The shortest road the search found to state ``sid``, as a player reads it."""
        chain: list[tuple[int, int]] = []  # (parent state, choice)
        while self.parents[sid] >= 0:
            chain.append((self.parents[sid], self.via[sid]))
            sid = self.parents[sid]
        chain.reverse()
        return self._steps(chain)

    def road_via(self, parent: int, choice: int) -> Path:
        """The road to ``parent``, then ``choice`` there."""
        return self.road(parent) + self._steps([(parent, choice)], self.road(parent))

    def _steps(self, chain: list[tuple[int, int]], before: Path = ()) -> Path:
        cast = self.story.default_cast()
        seen: dict[str, int] = {}
        for earlier in before:
            seen[earlier.node] = seen.get(earlier.node, 0) + 1
        out: list[PathStep] = []
        for parent, i in chain:
            node = self.story.nodes[self.keys[parent][0]]
            seen[node.id] = seen.get(node.id, 0) + 1  # the road's own count of this node
            choice = node.choices[i]
            moment = self.moment(parent, node.id, seen[node.id])
            shown = render(choice.template, cast, lambda name: f"{{{name}}}", moment)
            out.append(PathStep(node.id, i, choice.text, shown))
        return tuple(out)


class _Search:
    """A breadth-first search over states, bounded by ``max_states``."""

    def __init__(self, story: Story, max_states: int,
                 progress: Callable[[int, int], None] | None):
        watched, with_turn = tracked_parts(story)
        self.graph = StateGraph(story, watched, with_turn, max_states)
        self.watched_set = set(watched)
        self.index: dict[tuple, int] = {}
        self.counts: dict[tuple, tuple] = {}  # each distinct visit counts, kept once
        self.queue: deque[int] = deque()
        self.progress = progress

    def visit(self, node: Node, cursor: _Cursor) -> None:
        self.graph.reached_nodes.add(node.id)
        if node.id in self.watched_set:
            cursor.visits[node.id] = cursor.visits.get(node.id, 0) + 1

    def key_of(self, node_id: str, values: list, cursor: _Cursor) -> tuple:
        counts: tuple = ()
        if cursor.visits:
            counts = tuple(chain.from_iterable(sorted(cursor.visits.items())))
            counts = self.counts.setdefault(counts, counts)
        return (node_id, tuple(values), counts, cursor.turn if self.graph.with_turn else 0)

    def add(self, key: tuple, parent: int, choice: int, depth: int) -> int | None:
        """The state's id, new or known; None when there is no room for a new one."""
        found = self.index.get(key)
        if found is not None:
            return found
        g = self.graph
        if len(g.keys) >= g.max_states:
            return None
        sid = len(g.keys)
        self.index[key] = sid
        g.keys.append(key)
        g.parents.append(parent)
        g.via.append(choice)
        g.depths.append(depth)
        g.edges_from.append([])
        self.queue.append(sid)
        return sid

    def run(self) -> StateGraph:
        g = self.graph
        story = g.story
        values = list(story.initial_values)
        cursor = _Cursor({}, 0)
        first, reason = step.enter(story, story.start, values, cursor,
                                   lambda n: self.visit(n, cursor))
        root = self.add(self.key_of(first, values, cursor), -1, -1, 0)
        if reason is not None and root is not None:
            g.stuck_at.setdefault((first, reason), (root, -1))
        while self.queue:
            sid = self.queue.popleft()
            self.expand(sid)
            if self.progress is not None and sid % 2000 == 0:
                self.progress(len(g.keys), g.max_states)
        if self.progress is not None:
            self.progress(len(g.keys), g.max_states)
        return g

    def expand(self, sid: int) -> None:
        """Every way on from state ``sid``: each choice on offer, played as play would."""
        g = self.graph
        story, nodes = g.story, g.story.nodes
        node_id, vals, counts, turn = g.keys[sid]
        depth = g.depths[sid]
        node = nodes[node_id]
        if node.ending is not None:
            g.ending_states.append(sid)
            return
        if node.route:  # a route we stopped on: no condition held
            g.stuck_states.add(sid)
            return
        base_visits = visits_of(counts)
        offered = False
        for i, choice in enumerate(node.choices):
            cursor = _Cursor(base_visits, turn)
            if not step.available(choice, list(vals), cursor):
                continue
            offered = True
            g.reached_choices.add((node_id, i))
            new_values = list(vals)
            cursor = _Cursor(dict(base_visits), turn)
            step.apply_choice(story, choice, new_values, cursor)
            target, reason = step.enter(
                story, choice.to, new_values, cursor, lambda n, c=cursor: self.visit(n, c)
            )
            child = self.add(self.key_of(target, new_values, cursor), sid, i, depth + 1)
            if child is None:
                g.open_states.add(sid)
                if g.complete:
                    g.complete, g.cut_depth = False, depth
                if nodes[target].ending is not None:
                    # No room for the state, but the way to this ending is known all the same.
                    g.late_endings.setdefault(target, (sid, i))
                continue
            g.edges_from[sid].append(child)
            if reason is not None:
                g.stuck_at.setdefault((target, reason), (child, -1))
        if not offered:
            g.stuck_states.add(sid)
            g.stuck_at.setdefault((node_id, "no choice is on offer"), (sid, -1))

    def follow(self, road: tuple[int, ...]) -> int:
        """Play ``road`` (choice indices) from the start, keeping each state it passes that
        the search did not (beyond ``max_states``: these are roads, not a search), and noting
        what it meets; the id of the state it ends at."""
        g = self.graph
        story = g.story
        sid = 0
        endings = set(g.ending_states)
        for depth, index in enumerate(road, 1):
            node_id, vals, counts, turn = g.keys[sid]
            base = visits_of(counts)
            node = story.nodes[node_id]
            for i, choice in enumerate(node.choices):
                if step.available(choice, list(vals), _Cursor(base, turn)):
                    g.reached_choices.add((node_id, i))
            new_values = list(vals)
            cursor = _Cursor(dict(base), turn)
            choice = node.choices[index]
            step.apply_choice(story, choice, new_values, cursor)
            target, reason = step.enter(story, choice.to, new_values, cursor,
                                        lambda n, c=cursor: self.visit(n, c))
            key = self.key_of(target, new_values, cursor)
            child = self.index.get(key)
            if child is None:
                child = len(g.keys)
                self.index[key] = child
                g.keys.append(key)
                g.parents.append(sid)
                g.via.append(index)
                g.depths.append(depth)
                g.edges_from.append([])
                g.open_states.add(child)
            if reason is not None:
                g.stuck_states.add(child)
                g.stuck_at.setdefault((target, reason), (child, -1))
            sid = child
        node_id, vals, counts, turn = g.keys[sid]
        node = story.nodes[node_id]
        base = visits_of(counts)
        offered = [i for i, c in enumerate(node.choices)
                   if step.available(c, list(vals), _Cursor(base, turn))]
        g.reached_choices.update((node_id, i) for i in offered)
        if node.ending is not None:
            if sid not in endings:
                g.ending_states.append(sid)
        elif not node.route and not offered:
            g.stuck_states.add(sid)
            g.stuck_at.setdefault((node_id, "no choice is on offer"), (sid, -1))
        return sid


def search(
    story: Story,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int, int], None] | None = None,
    exact: bool = False,
    max_work: int | None = None,
    variants: Callable[..., Any] | None = None,
) -> StateGraph:
    """Every state reachable from the start, up to ``max_states`` states, breadth first (so
    the first state found of anything is at the end of a shortest road to it).

    When that search is cut short (and not ``exact``), the may-search over boxes
    (``game.tools.abstract``, at most ``max_work`` choices played over boxes and
    ``max_states`` abstract states) says what play may reach at all and proves what it
    cannot, and steered playthroughs (``game.tools.witness``) look for a real road to each
    thing it allows that the search did not meet. The graph is ``complete`` when every one
    was met and no state can be stuck or trapped unless one was found: its verdicts are then
    proofs. ``variants``, when given, makes text variants of endings targets too (see
    ``roads.variant_targets``)."""
    searcher = _Search(story, max_states, progress)
    g = searcher.run()
    if exact or g.complete:
        return g
    g.exhaustive = False
    _settle(searcher, DEFAULT_MAX_WORK if max_work is None else max_work, variants)
    return g


def _settle(searcher: _Search, max_work: int, variants: Callable[..., Any] | None) -> None:
    """Run the may-search, find roads to what it allows, and decide whether the graph is
    complete (see ``search``)."""
    g = searcher.graph
    story = g.story
    values = list(story.initial_values)
    cursor = _Cursor({}, 0)
    watched = set(g.watched)
    first, reason = step.enter(story, story.start, values, cursor,
                               lambda n: _count(n.id, cursor, watched))
    try:
        ab = Abstraction(story, g.watched, g.with_turn, max_work + 1, max_work)
        ab.run(values, cursor.visits, cursor.turn, first, reason)
    except GaveUp:
        return
    reach = ab.reachable()
    sure_out = ab.surely(reach, True)
    variants_at = variant_of = None
    if variants is not None:
        variants_at, variant_of = variants(ab, g)
    targets = may_targets(ab, reach, sure_out, variants_at)
    if variants_at is not None:
        g.may_variants = {}
        for kind, what in targets:
            if kind == "variant":
                g.may_variants.setdefault(what[0], set()).add(what[1])
    met = _met_by_search(g)
    missing = [t for t in targets if t not in met]
    walker = Walker(story, ab, reach, sure_out, variants_at, variant_of)
    found = walker.find(missing) if missing else {}
    for target, road in found.items():
        sid = searcher.follow(road)
        if target[0] == "loop":
            g.trap_witnesses.setdefault(target[1], []).append(sid)
    g.witnessed = len(found)
    g.open_targets = [t for t in missing if t not in found]
    g.unsettled = [describe(t) for t in g.open_targets]
    g.complete = not g.unsettled
    g.abstract_states = len(reach)
    names = {v.slot: v.id for v in story.variables.values()}
    plan = ab.plan
    g.ranged = tuple(names[s] if s < plan.nvars else
                     "turn()" if s == plan.slots.turn else
                     f'visits("{g.watched[s - plan.nvars]}")' for s in plan.dims)
    g.unread = plan.unread


def _count(node_id: str, cursor: _Cursor, watched: set[str]) -> None:
    if node_id in watched:
        cursor.visits[node_id] = cursor.visits.get(node_id, 0) + 1


def may_targets(ab: Abstraction, reach: list[int], sure_out: set[int],
                variants_at: Callable[[int], Any] | None = None) -> list[Target]:
    """Everything the may-search allows: nodes, choices, stuck states, loops with no way to an
    ending or a stuck state, and (with ``variants_at``) endings' text variants."""
    out: dict[Target, None] = {}
    for sid in reach:
        node, reason = ab.node_of(sid)
        a = ab.states[sid]
        out[("node", node.id)] = None
        if reason is not None:
            out[("stuck", (node.id, reason))] = None
            continue
        for i, targets in enumerate(a.edges):
            if targets is not None:
                out[("choice", (node.id, i))] = None
                for n in sorted(a.passed[i]):
                    out[("node", n)] = None
        if a.maybe_stuck:
            out[("stuck", (node.id, NO_CHOICE))] = None
        if node.ending is None and sid not in sure_out:
            out[("loop", node.id)] = None
        if node.ending is not None and variants_at is not None:
            for key in variants_at(sid):
                out[("variant", (node.id, key))] = None
    if variants_at is not None:  # an ending with too many to tell apart: one target for all
        per_ending: dict[str, int] = {}
        for kind, what in out:
            if kind == "variant":
                per_ending[what[0]] = per_ending.get(what[0], 0) + 1
        crowded = {e for e, n in per_ending.items() if n > MAX_VARIANTS}
        if crowded:
            kept: dict[Target, None] = {}
            for t in out:
                if t[0] == "variant" and t[1][0] in crowded:
                    t = ("variant", (t[1][0], TOO_MANY))
                kept[t] = None
            out = kept
    return list(out)


def _met_by_search(g: StateGraph) -> set[Target]:
    """What the breadth-first search of play's states already met for real."""
    met: set[Target] = {("node", n) for n in g.reached_nodes}
    met.update(("choice", c) for c in g.reached_choices)
    met.update(("stuck", k) for k in g.stuck_at)
    outlets = [*g.ending_states, *g.stuck_states, *g.open_states]
    for trap in _traps(g.keys, g.edges_from, outlets, lambda sid: ()):
        met.add(("loop", trap.node))
    return met


def describe(target: Target) -> str:
    """A target as the report names it."""
    kind, what = target
    if kind == "node":
        return f"node {what}"
    if kind == "choice":
        return f"{what[0]} choice {what[1] + 1}"
    if kind == "stuck":
        return f"a stuck state at {what[0]} ({what[1]})"
    if kind == "loop":
        return f"a loop with no way to an ending at {what}"
    if what[1] == TOO_MANY:
        return (f"the text variants of ending {what[0]} (more than the ranges can tell "
                "apart)")
    pieces = []
    for kind, pointer, offset, shown, branch in what[1]:
        if kind != "inline":
            pieces.append(f"{pointer} {'shown' if shown else 'left out'}")
        else:
            pieces.append(f"{pointer} character {offset + 1}: "
                          + ("nothing" if branch is None else f"branch {branch + 1}"))
    return f"a text variant of ending {what[0]} ({'; '.join(pieces) or 'its only text'})"


def explore(
    story: Story,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int, int], None] | None = None,
    max_work: int | None = None,
) -> Exploration:
    """Search every state reachable from the start, up to ``max_states`` states (``search``
    says what ``max_work`` bounds)."""
    return summarise(search(story, max_states=max_states, progress=progress, max_work=max_work))


def summarise(g: StateGraph) -> Exploration:
    """What a search found: endings and their shortest roads, stuck states, loops, coverage."""
    story = g.story
    nodes = story.nodes
    endings = _endings(g)
    stuck = tuple(
        Stuck(node, reason, g.road(sid)) for (node, reason), (sid, _) in g.stuck_at.items()
    )
    traps = _traps(g.keys, g.edges_from, [*g.ending_states, *g.stuck_states, *g.open_states],
                   g.road)
    found = {t.node for t in traps}
    traps += tuple(Trap(node, len(sids), g.road(min(sids)))
                   for node, sids in sorted(g.trap_witnesses.items()) if node not in found)
    all_choices = [(n.id, i) for n in nodes.values() for i in range(len(n.choices))]
    unreached_choices = tuple(
        PathStep(n, i, nodes[n].choices[i].text, _preview(story, nodes[n].choices[i]))
        for n, i in all_choices
        if (n, i) not in g.reached_choices
    )
    endings_reached = sum(e.path is not None for e in endings)
    coverage = {
        "nodes": Coverage(len(g.reached_nodes), len(nodes)),
        "choices": Coverage(len(g.reached_choices), len(all_choices)),
        "endings": Coverage(endings_reached, len(endings)),
    }
    tracked = (
        ("node",)
        + tuple(v for v in story.var_order if v not in g.unread)
        + tuple(f'visits("{n}")' for n in g.watched)
        + (("turn()",) if g.with_turn else ())
    )
    return Exploration(
        story=story.id,
        states=len(g.keys),
        max_states=g.max_states,
        complete=g.complete,
        depth=g.cut_depth if not g.exhaustive else max(g.depths, default=0),
        tracked=tracked,
        endings=endings,
        unreached_nodes=tuple(n for n in nodes if n not in g.reached_nodes),
        unreached_choices=unreached_choices,
        stuck=stuck,
        traps=traps,
        coverage=coverage,
        distinct_values={} if g.complete else _distinct(story, g.keys),
        ranged=g.ranged,
        unread=g.unread,
        exhaustive=g.exhaustive,
        abstract_states=g.abstract_states,
        witnessed=g.witnessed,
        unsettled=tuple(g.unsettled),
    )


def first_states(g: StateGraph) -> dict[str, int]:
    """The first state found at each ending: the end of a shortest road to it."""
    first: dict[str, int] = {}
    for sid in g.ending_states:
        first.setdefault(g.keys[sid][0], sid)
    return first


def _endings(g: StateGraph) -> tuple[EndingResult, ...]:
    """Each ending of the story with the shortest road the search found to it."""
    first = first_states(g)
    out = []
    for node in g.story.endings():
        ending = node.ending
        assert ending is not None
        sid = first.get(node.id)
        path = g.road(sid) if sid is not None else None
        if path is None and node.id in g.late_endings:
            path = g.road_via(*g.late_endings[node.id])
        out.append(EndingResult(node.id, ending.title, ending.dynamic, path))
    return tuple(out)


def _preview(story: Story, choice: Any) -> str:
    """A choice never on offer, read with the story's own cast (no state to read it at)."""
    return render(choice.template, story.default_cast(), lambda name: f"{{{name}}}")


def _distinct(story: Story, keys: list[tuple]) -> dict[str, int]:
    """How many values each variable took: the ones with many are what blew the search up."""
    names = story.var_order
    seen: list[set] = [set() for _ in names]
    for key in keys:
        for slot, value in enumerate(key[1]):
            seen[slot].add(value)
    return {name: len(s) for name, s in zip(names, seen, strict=True)}


def _traps(
    keys: list[tuple],
    edges_from: list[list[int]],
    outlets: list[int],
    path_to: Callable[[int], Path],
) -> tuple[Trap, ...]:
    """Nodes with states from which play goes on for ever: neither an ending nor a stuck state
    can be reached from them any more, so every way on goes round in a loop.

    ``outlets`` are the endings, the stuck states, and (when the search was cut short) the
    states with a way on that did not fit: those count as a way out, so every trap reported is
    proven, even by a search that did not finish.
    """
    back: list[list[int]] = [[] for _ in keys]
    for src, targets in enumerate(edges_from):
        for dst in targets:
            back[dst].append(src)
    alive = [False] * len(keys)
    todo = list(outlets)
    for sid in todo:
        alive[sid] = True
    while todo:
        sid = todo.pop()
        for src in back[sid]:
            if not alive[src]:
                alive[src] = True
                todo.append(src)
    by_node: dict[str, list[int]] = {}
    for sid, ok in enumerate(alive):
        if not ok and edges_from[sid]:
            by_node.setdefault(keys[sid][0], []).append(sid)
    return tuple(
        Trap(node, len(sids), path_to(min(sids))) for node, sids in sorted(by_node.items())
    )
