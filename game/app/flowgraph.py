"""The flowchart's content, without drawing: where each node sits, what was seen, what was taken.

Node positions come from the same layered layout as ``lowtide graph`` (``game.story.layout``):
top to bottom in story order. Route nodes (no text) stay in the graph, since the path runs
through them. Each node knows whether it was seen in any playthrough, whether this playthrough
passed it, and, for an ending, its dynamic and that dynamic's colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.story.layout import layered_layout
from game.story.model import Story

X_GAP, Y_GAP = 150.0, 110.0  # pixels between neighbours at zoom 1

# Soft but distinct hues for endings' dynamics, in declaration order (twelve before repeating).
PALETTE = (
    (214, 104, 78), (104, 160, 176), (142, 176, 120), (176, 120, 160), (240, 176, 88),
    (120, 128, 200), (226, 150, 150), (90, 170, 140), (200, 190, 110), (160, 100, 90),
    (150, 200, 220), (190, 150, 210),
)
NO_DYNAMIC = (150, 142, 146)  # an ending that names no dynamic
TEXT_NODE = (242, 228, 202)  # a place that is not an ending


def dynamic_colour(story: Story, dynamic: str | None) -> tuple[int, int, int]:
    """A steady colour for each of a story's dynamics (by the order they are declared)."""
    if dynamic is None or dynamic not in story.dynamics:
        return NO_DYNAMIC
    return PALETTE[list(story.dynamics).index(dynamic) % len(PALETTE)]


@dataclass(frozen=True)
class FlowNode:
    id: str
    x: float
    y: float
    layer: int
    kind: str  # text | route | ending
    seen: bool
    on_path: bool
    dynamic: str | None
    colour: tuple[int, int, int]
    label: str  # a short label (the node id)


@dataclass(frozen=True)
class FlowGraph:
    nodes: dict[str, FlowNode]
    edges: tuple[tuple[str, str], ...]
    path_edges: frozenset[tuple[str, str]]
    width: float
    height: float
    start: str
    current: str | None

    def near(self, x: float, y: float, radius: float) -> FlowNode | None:
        """The node whose centre is nearest (x, y), within ``radius`` (graph pixels)."""
        best, best_d = None, radius * radius
        for node in self.nodes.values():
            d = (node.x - x) ** 2 + (node.y - y) ** 2
            if d <= best_d:
                best, best_d = node, d
        return best

    def seen_in_order(self) -> list[FlowNode]:
        """Seen nodes top to bottom, left to right (the keyboard's order of selection)."""
        return sorted((n for n in self.nodes.values() if n.seen), key=lambda n: (n.y, n.x))


def build(story: Story, seen: Iterable[str] = (), path: Iterable[str] = (),
          current: str | None = None) -> FlowGraph:
    """The flowchart of ``story``; ``seen`` from every playthrough, ``path`` from this one."""
    ids = list(story.nodes)
    edges: list[tuple[str, str]] = []
    for node in story.nodes.values():
        for target in dict.fromkeys(node.targets()):
            if target in story.nodes:
                edges.append((node.id, target))
    layout = layered_layout(ids, edges, roots=[story.start], x_gap=X_GAP, y_gap=Y_GAP)
    path = [p for p in path if p in story.nodes]
    walked = set(path)
    seen_set = set(seen) | walked
    steps = frozenset(zip(path, path[1:]))
    nodes = {}
    for nid in ids:
        node = story.nodes[nid]
        x, y = layout.positions[nid]
        kind = "ending" if node.ending is not None else ("route" if node.route else "text")
        dynamic = node.ending.dynamic if node.ending is not None else None
        colour = dynamic_colour(story, dynamic) if kind == "ending" else TEXT_NODE
        nodes[nid] = FlowNode(nid, x, y, layout.layer[nid], kind, nid in seen_set, nid in walked,
                              dynamic, colour, nid)
    return FlowGraph(nodes, tuple(edges), steps, layout.width, layout.height, story.start,
                     current)
