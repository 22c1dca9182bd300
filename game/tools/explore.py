"""`lowtide explore`: every state a story can be in, searched breadth first from the start.

A state of play is the node, every variable's value and, only when the story's conditions or
effects look at them, the visit counts of the nodes they name and the turn. The search takes
states that nothing in the story can tell apart as one (``game.tools.statespace``: numbers by
the ranges that decide play, variables nothing reads left out), so a story whose heart rate is
a decimal is still searched to the end; each state it keeps is a real state of play, and each
step goes through ``game.story.step``, the functions play itself uses, so the explorer cannot
disagree with play. ``exact=True`` searches play's own states one by one (what the tests hold
the abstraction to). The search is bounded (``max_states``); a report always says whether it
was complete.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.story import step
from game.story.model import Node, Story
from game.story.template import text_conditions
from game.story.text import Moment, render
from game.tools.statespace import Inexact, OutOfWork, Space

DEFAULT_MAX_STATES = 200_000
# What `lowtide explore` lets the search over ranges do (choices played over ranges) before it
# gives way to play's states: about ten seconds of CPU time, so a story the ranges cannot finish
# costs a writer little; `--max-work` asks for more (the default of `--max-work` in game/cli.py).
DEFAULT_MAX_WORK = 500_000
_STRINGS = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_TURN = re.compile(r"\bturn\s*\(")


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
    ranged: tuple[str, ...] = ()  # parts of a state searched by the ranges that decide play
    unread: tuple[str, ...] = ()  # variables nothing reads, left out of states

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
    exprs: list[Any] = [r.condition for r in story.each_turn if r.condition is not None]
    for rule in story.each_turn:
        exprs.extend(rule.effects)
    for kind in story.kinds.values():
        exprs.extend(kind.effects)
    for node in story.nodes.values():
        exprs.extend(node.effects)
        for choice in node.choices:
            exprs.extend(choice.effects)
            if choice.condition is not None:
                exprs.append(choice.condition)
        exprs.extend(e.condition for e in node.route if e.condition is not None)
    exprs.extend(text_conditions(story))
    return exprs


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
    visit counts of the tracked nodes, turn), the state it was first reached from and by which
    choice, its depth, and the states each one leads to (one entry per choice)."""

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
    ranged: tuple[str, ...] = ()  # what states hold as ranges (empty: play's exact states)
    unread: tuple[str, ...] = ()  # variables left out of states: nothing reads them

    def moment(self, sid: int, node: str | None = None, visit: int = 1) -> Moment:
        """What text at state ``sid`` reads at (as the story's own cast; ``visit`` of the
        node, which the caller knows from the road)."""
        node_id, values, counts, _ = self.keys[sid]
        visits = dict(zip(self.watched, counts, strict=True))
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
        self.queue: deque[int] = deque()
        self.progress = progress

    def visit(self, node: Node, cursor: _Cursor) -> None:
        self.graph.reached_nodes.add(node.id)
        if node.id in self.watched_set:
            cursor.visits[node.id] = cursor.visits.get(node.id, 0) + 1

    def key_of(self, node_id: str, values: list, cursor: _Cursor) -> tuple:
        g = self.graph
        counts = tuple(cursor.visits.get(n, 0) for n in g.watched) if g.watched else ()
        return (node_id, tuple(values), counts, cursor.turn if g.with_turn else 0)

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
        base_visits = dict(zip(g.watched, counts, strict=True))
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


def search(
    story: Story,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int, int], None] | None = None,
    exact: bool = False,
    max_work: int | None = None,
) -> StateGraph:
    """Every state reachable from the start, up to ``max_states`` states, breadth first (so
    the first state found of anything is at the end of a shortest road to it). States no
    condition or text can tell apart are one state, unless ``exact``. That search may play
    ``max_work`` choices over ranges (default: a quarter of ``max_states``, a small share of
    the time the search of play's states takes); one that would need more, or more than
    ``max_states`` states, gives way to searching play's states one by one, so the result is
    either complete or play's own states up to the cap."""
    if not exact:
        work = max_states // 4 if max_work is None else max_work
        try:
            return _abstract(story, max_states, progress, work)
        except (Inexact, OutOfWork):
            pass  # search play's states one by one
    return _Search(story, max_states, progress).run()


def _abstract(story: Story, max_states: int,
              progress: Callable[[int, int], None] | None, max_work: int) -> StateGraph:
    watched, with_turn = tracked_parts(story)
    space = Space(story, watched, with_turn, max_states, progress, max_work)
    space.run()
    if space.full:
        raise OutOfWork(f"the search of '{story.id}' found more than {max_states:,} states")
    names = {v.slot: v.id for v in story.variables.values()}
    slots = space.plan.slots
    ranged = tuple(names[s] if s < space.plan.nvars else
                   "turn()" if s == slots.turn else
                   f'visits("{watched[s - space.plan.nvars]}")' for s in space.plan.dims)
    g = StateGraph(story, watched, with_turn, max_states, ranged=ranged,
                   unread=space.plan.unread)
    g.reached_nodes = space.reached_nodes
    g.reached_choices = space.reached_choices
    _whole(space, g)
    return g


def _key(space: Space, state: tuple) -> tuple:
    """A state of play as a ``StateGraph`` key: (node, values, visit counts, turn)."""
    plan = space.plan
    nvars, nwatched = plan.nvars, len(plan.watched)
    return (state[:nvars], state[nvars:nvars + nwatched], state[-1] if plan.with_turn else 0)


def _fill(space: Space, g: StateGraph, order: list[int], states: list[tuple]) -> None:
    """Keys, endings and stuck states of the classes in ``order`` (their states given)."""
    sid_of = {cid: sid for sid, cid in enumerate(order)}
    for sid, cid in enumerate(order):
        node, reason = space.node_of(cid)
        values, counts, turn = _key(space, states[sid])
        g.keys.append((node.id, values, counts, turn))
        edges = space.edges[cid] or []
        g.edges_from.append([sid_of[e[0]] for e in edges if e is not None and e[0] in sid_of])
        if reason is not None:
            g.stuck_states.add(sid)
            g.stuck_at.setdefault((node.id, reason), (sid, -1))
        elif node.ending is not None:
            g.ending_states.append(sid)
        elif space.edges[cid] is not None and all(e is None for e in edges):
            g.stuck_states.add(sid)
            g.stuck_at.setdefault((node.id, "no choice is on offer"), (sid, -1))


def _whole(space: Space, g: StateGraph) -> None:
    """A finished search: every class, numbered breadth first, each with the state a shortest
    road into it reaches (played, so each road reads exactly as it plays)."""
    order, states = [0], [space.rep[0]]
    g.parents.append(-1)
    g.via.append(-1)
    g.depths.append(0)
    sid_of = {0: 0}
    for sid, cid in enumerate(order):
        node, _ = space.node_of(cid)
        for i, edge in enumerate(space.edges[cid] or []):
            if edge is None or edge[0] in sid_of:
                continue
            target, reason, state = space.play(states[sid], node.choices[i])
            if space.locate(target if reason is None else (target, reason), state) != edge[0]:
                raise Inexact(f"a road of '{space.story.id}' left its class")
            sid_of[edge[0]] = len(order)
            order.append(edge[0])
            states.append(state)
            g.parents.append(sid)
            g.via.append(i)
            g.depths.append(g.depths[sid] + 1)
    if len(order) != len(space.rep):
        raise Inexact(f"the classes of '{space.story.id}' changed while being read")
    _fill(space, g, order, states)
    g.complete = True


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
        depth=g.cut_depth if not g.complete else max(g.depths, default=0),
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
