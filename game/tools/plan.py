"""What the explorer's search over ranges keeps of a state of play, and what it leaves out.

A state of play is its node, every value, the visit counts of the nodes conditions name and the
turn. The may-search (``game.tools.abstract``) keeps exact what is few-valued (flags, texts,
numbers only ever set to constants), holds every other number, visit count and the turn as a
range, and leaves out the variables nothing reads (no condition, no text, no effect on a variable
that is read), which can never change what play does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from game.story.expr import Condition, Effect
from game.story.model import Node, Story
from game.story.template import text_conditions, walk
from game.story.text import Template
from game.tools.boxes import Slots, limits
from game.tools.intervals import all_effects, parse

COUNT_LIMIT = 2**62  # the end of the range of a visit count or the turn


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


def all_conditions(story: Story) -> Iterable[Condition]:
    """Every condition of the story: per-turn rules, choices, routes and text."""
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
    for condition in all_conditions(story):
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
