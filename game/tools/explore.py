"""`lowtide explore`: every state a story can be in, searched breadth first from the start.

A state is the node, every variable's value and, only when the story's conditions or effects
look at them, the visit counts of the nodes they name and the turn. Each step goes through
``game.story.step``, the functions play itself uses, so the explorer cannot disagree with play.
The search is bounded (``max_states``); a report always says whether it was complete.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.story import step
from game.story.model import Node, Story
from game.story.text import render

DEFAULT_MAX_STATES = 200_000
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


def tracked_parts(story: Story) -> tuple[tuple[str, ...], bool]:
    """The nodes whose visits and whether the turn matter, from every expression's use."""
    nodes: set[str] = set()
    turn = False
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
    for expr in exprs:
        nodes.update(name for name, _ in expr.nodes)
        if not turn and "turn" in expr.source:
            turn = uses_turn(_STRINGS.sub('""', expr.source))
    return tuple(sorted(n for n in nodes if n in story.nodes)), turn


def explore(
    story: Story,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[int, int], None] | None = None,
) -> Exploration:
    """Search every state reachable from the start, up to ``max_states`` states."""
    nodes = story.nodes
    watched, with_turn = tracked_parts(story)
    watched_set = set(watched)
    reached_nodes: set[str] = set()
    reached_choices: set[tuple[str, int]] = set()

    # state id -> key, parent id, choice index taken from the parent, depth
    index: dict[tuple, int] = {}
    keys: list[tuple] = []
    parents: list[int] = []
    via: list[int] = []
    depths: list[int] = []
    edges_from: list[list[int]] = []
    stuck_at: dict[tuple[str, str], tuple[int, int]] = {}  # (node, reason) -> (state, choice)

    def visit(node: Node, cursor: _Cursor) -> None:
        reached_nodes.add(node.id)
        if node.id in watched_set:
            cursor.visits[node.id] = cursor.visits.get(node.id, 0) + 1

    def key_of(node_id: str, values: list, cursor: _Cursor) -> tuple:
        counts = tuple(cursor.visits.get(n, 0) for n in watched) if watched else ()
        return (node_id, tuple(values), counts, cursor.turn if with_turn else 0)

    def add(key: tuple, parent: int, choice: int, depth: int) -> int | None:
        if key in index:
            return index[key]
        if len(keys) >= max_states:
            return None
        sid = len(keys)
        index[key] = sid
        keys.append(key)
        parents.append(parent)
        via.append(choice)
        depths.append(depth)
        edges_from.append([])
        queue.append(sid)
        return sid

    queue: deque[int] = deque()
    values = list(story.initial_values)
    cursor = _Cursor({}, 0)
    first, reason = step.enter(story, story.start, values, cursor, lambda n: visit(n, cursor))
    root = add(key_of(first, values, cursor), -1, -1, 0)
    if reason is not None and root is not None:
        stuck_at.setdefault((first, reason), (root, -1))
    complete = True
    cut_depth = 0
    late_endings: dict[str, tuple[int, int]] = {}
    ending_states: list[int] = []
    stuck_states: set[int] = set()
    open_states: set[int] = set()  # a way on from these did not fit under max_states
    while queue:
        sid = queue.popleft()
        node_id, vals, counts, turn = keys[sid]
        depth = depths[sid]
        node = nodes[node_id]
        if node.ending is not None:
            ending_states.append(sid)
            continue
        if node.route:  # a route we stopped on: no condition held
            stuck_states.add(sid)
            continue
        base_visits = dict(zip(watched, counts, strict=True))
        offered = False
        for i, choice in enumerate(node.choices):
            cursor = _Cursor(base_visits, turn)
            if not step.available(choice, list(vals), cursor):
                continue
            offered = True
            reached_choices.add((node_id, i))
            new_values = list(vals)
            cursor = _Cursor(dict(base_visits), turn)
            step.apply_choice(story, choice, new_values, cursor)
            target, reason = step.enter(
                story, choice.to, new_values, cursor, lambda n, c=cursor: visit(n, c)
            )
            child = add(key_of(target, new_values, cursor), sid, i, depth + 1)
            if child is None:
                open_states.add(sid)
                if complete:
                    complete, cut_depth = False, depth
                if nodes[target].ending is not None:
                    # No room for the state, but the way to this ending is known all the same.
                    late_endings.setdefault(target, (sid, i))
                continue
            edges_from[sid].append(child)
            if reason is not None:
                stuck_at.setdefault((target, reason), (child, -1))
        if not offered:
            stuck_states.add(sid)
            stuck_at.setdefault((node_id, "no choice is on offer"), (sid, -1))
        if progress is not None and sid % 2000 == 0:
            progress(len(keys), max_states)
    if progress is not None:
        progress(len(keys), max_states)

    cast = story.default_cast()

    def step_of(node: Node, i: int) -> PathStep:
        choice = node.choices[i]
        shown = render(choice.template, cast, lambda name: f"{{{name}}}")
        return PathStep(node.id, i, choice.text, shown)

    def path_to(sid: int) -> Path:
        out: list[PathStep] = []
        while parents[sid] >= 0:
            parent = parents[sid]
            node = nodes[keys[parent][0]]
            out.append(step_of(node, via[sid]))
            sid = parent
        return tuple(reversed(out))

    endings = []
    first_ending: dict[str, int] = {}
    for sid in ending_states:
        first_ending.setdefault(keys[sid][0], sid)
    for node in story.endings():
        ending = node.ending
        assert ending is not None
        sid = first_ending.get(node.id)
        path = path_to(sid) if sid is not None else None
        if path is None and node.id in late_endings:
            parent, i = late_endings[node.id]
            here = nodes[keys[parent][0]]
            path = path_to(parent) + (step_of(here, i),)
        endings.append(EndingResult(node.id, ending.title, ending.dynamic, path))

    stuck = tuple(
        Stuck(node, reason, path_to(sid)) for (node, reason), (sid, _) in stuck_at.items()
    )
    traps = _traps(keys, edges_from, [*ending_states, *stuck_states, *open_states], path_to)
    all_choices = [(n.id, i) for n in nodes.values() for i in range(len(n.choices))]
    unreached_choices = tuple(
        step_of(nodes[n], i)
        for n, i in all_choices
        if (n, i) not in reached_choices
    )
    endings_reached = sum(e.path is not None for e in endings)
    coverage = {
        "nodes": Coverage(len(reached_nodes), len(nodes)),
        "choices": Coverage(len(reached_choices), len(all_choices)),
        "endings": Coverage(endings_reached, len(endings)),
    }
    tracked = (
        ("node",)
        + tuple(story.var_order)
        + tuple(f'visits("{n}")' for n in watched)
        + (("turn()",) if with_turn else ())
    )
    distinct = {} if complete else _distinct(story, keys)
    return Exploration(
        story=story.id,
        states=len(keys),
        max_states=max_states,
        complete=complete,
        depth=cut_depth if not complete else max(depths, default=0),
        tracked=tracked,
        endings=tuple(endings),
        unreached_nodes=tuple(n for n in nodes if n not in reached_nodes),
        unreached_choices=unreached_choices,
        stuck=stuck,
        traps=traps,
        coverage=coverage,
        distinct_values=distinct,
    )


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
