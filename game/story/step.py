"""How play moves from one node to the next, as plain functions over values and a context.

The session, the explorer and the simulator all step through these, so a tool can never
disagree with play about which choices are on offer, what a choice changes, or where a route
leads. ``ctx`` is anything with ``visits`` (node id -> times entered) and ``turn``: the
session itself, or a lighter cursor in the tools.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from game.story.expr import Condition
from game.story.model import Choice, Node, Story

MAX_HOPS = 1000


@dataclass(frozen=True)
class Edge:
    """A way out of a node: a choice (``index`` among the node's choices) or a route entry."""

    source: str
    index: int
    target: str
    condition: Condition | None
    is_route: bool


def edges(node: Node) -> Iterator[Edge]:
    """Every way out of ``node`` in story order, conditions not yet evaluated."""
    if node.route:
        for i, entry in enumerate(node.route):
            yield Edge(node.id, i, entry.to, entry.condition, True)
    else:
        for i, choice in enumerate(node.choices):
            yield Edge(node.id, i, choice.to, choice.condition, False)


def available(choice: Choice, values: list, ctx: Any) -> bool:
    """Whether ``choice`` is on offer now."""
    return choice.condition is None or choice.condition.fn(values, ctx)


def apply_choice(story: Story, choice: Choice, values: list, ctx: Any) -> None:
    """A choice's effects (its kind's, then its own), one more turn, then the per-turn rules.

    Changes ``values`` in place and increments ``ctx.turn``.
    """
    for effect in choice.all_effects:
        effect.fn(values, ctx)
    ctx.turn += 1
    for rule in story.each_turn:
        if rule.condition is None or rule.condition.fn(values, ctx):
            for effect in rule.effects:
                effect.fn(values, ctx)


def enter(
    story: Story,
    node_id: str,
    values: list,
    ctx: Any,
    visit: Callable[[Node], None],
) -> tuple[str, str | None]:
    """Enter ``node_id`` and follow routes until a node with text.

    ``visit(node)`` is called as each node is entered, before its effects (it is where the
    caller counts visits). Returns the node arrived at and, when play cannot go on from a
    route, why (else None).
    """
    nodes = story.nodes
    for _ in range(MAX_HOPS):
        node = nodes[node_id]
        visit(node)
        for effect in node.effects:
            effect.fn(values, ctx)
        if not node.route:
            return node_id, None
        for entry in node.route:
            if entry.condition is None or entry.condition.fn(values, ctx):
                node_id = entry.to
                break
        else:
            return node_id, f"route '{node.id}': no condition held"
    return node_id, f"more than {MAX_HOPS} routes in a row from '{node_id}'"


def staging(story: Story, node_id: str) -> tuple[str | None, dict[str, str]]:
    """The scene and places one has on reaching ``node_id`` by the shortest road from the start
    (conditions aside), so that starting or jumping mid-story shows the right room."""
    parent: dict[str, str | None] = {story.start: None}
    queue = deque([story.start])
    while queue and node_id not in parent:
        here = queue.popleft()
        for edge in edges(story.nodes[here]):
            if edge.target not in parent and edge.target in story.nodes:
                parent[edge.target] = here
                queue.append(edge.target)
    road: list[str] = []
    at = parent.get(node_id) if node_id in parent else None
    while at is not None:
        road.append(at)
        at = parent[at]
    scene: str | None = None
    places: dict[str, str] = {}
    for nid in reversed(road):
        node = story.nodes[nid]
        scene = node.scene if node.scene is not None else scene
        places.update(node.place)
    return scene, places
