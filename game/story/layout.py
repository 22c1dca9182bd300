"""A layered, top-to-bottom layout of a story graph, as plain coordinates.

Pure and independent of any drawing: the story map (``lowtide graph``) and the in-game
flowchart both place nodes with it. Layers come from the longest path from the start (so a
node sits below everything that leads to it, in story order); order within a layer is refined
by barycentres; x positions are then pulled towards each node's parents without overlapping.
Everything is linear or n log n in nodes plus edges, so 10,000 nodes take well under a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Layout:
    """Node centres (x, y) in layout units; ``layer`` is each node's row from the top."""

    positions: Mapping[str, tuple[float, float]]
    layer: Mapping[str, int]
    width: float
    height: float
    back_edges: frozenset[tuple[str, str]] = field(default_factory=frozenset)


def layered_layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str]],
    *,
    roots: Sequence[str] = (),
    x_gap: float = 1.0,
    y_gap: float = 1.0,
    sweeps: int = 4,
) -> Layout:
    """Lay ``nodes`` (in story order) out in layers along ``edges``, starting from ``roots``.

    Edges that close a cycle (found by a depth-first search from the roots, then from any node
    not yet seen, in story order) are set aside as ``back_edges`` so the rest is acyclic.
    """
    index = {n: i for i, n in enumerate(nodes)}
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        if a in succ and b in succ and a != b:
            succ[a].append(b)
    back = _back_edges(nodes, succ, roots)
    forward: dict[str, list[str]] = {
        n: [m for m in dict.fromkeys(succ[n]) if (n, m) not in back] for n in nodes
    }
    pred: dict[str, list[str]] = {n: [] for n in nodes}
    for n in nodes:
        for m in forward[n]:
            pred[m].append(n)

    layer = _longest_path_layers(nodes, forward, pred)
    rows: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for n in nodes:
        rows[layer[n]].append(n)
    _order(rows, pred, forward, index, sweeps)
    xs = _coordinates(rows, pred, x_gap)
    positions = {n: (xs[n], layer[n] * y_gap) for n in nodes}
    width = max((x for x, _ in positions.values()), default=0.0)
    height = max(0.0, (len(rows) - 1) * y_gap)
    return Layout(positions, layer, width, height, frozenset(back))


def _back_edges(
    nodes: Sequence[str], succ: Mapping[str, list[str]], roots: Sequence[str]
) -> set[tuple[str, str]]:
    """Edges to a node still on the depth-first stack: the ones that close cycles."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    for start in [*roots, *nodes]:
        if start not in succ or start in state:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                mark = state.get(child)
                if mark == 1:
                    back.add((node, child))
                elif mark is None:
                    state[child] = 1
                    stack.append((child, iter(succ[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def _longest_path_layers(
    nodes: Sequence[str], forward: Mapping[str, list[str]], pred: Mapping[str, list[str]]
) -> dict[str, int]:
    """Kahn's topological order; each node one layer below its deepest predecessor."""
    waiting = {n: len(pred[n]) for n in nodes}
    layer = dict.fromkeys(nodes, 0)
    ready = [n for n in nodes if waiting[n] == 0]
    ready.reverse()
    while ready:
        n = ready.pop()
        for m in forward[n]:
            layer[m] = max(layer[m], layer[n] + 1)
            waiting[m] -= 1
            if waiting[m] == 0:
                ready.append(m)
    return layer


def _order(
    rows: list[list[str]],
    pred: Mapping[str, list[str]],
    succ: Mapping[str, list[str]],
    index: Mapping[str, int],
    sweeps: int,
) -> None:
    """Barycentre ordering: sort each row by the mean position of its neighbours, down then up.

    Starts from story order, so without edges to pull on a row keeps the order of writing.
    """
    pos = {n: float(i) for row in rows for i, n in enumerate(row)}
    at = pos.__getitem__

    def sweep(row_ids: range, neighbours: Mapping[str, list[str]]) -> None:
        for r in row_ids:
            row = rows[r]
            if len(row) < 2:  # alone in its row: nothing to order (deep graphs have many)
                continue
            keyed = []
            for n in row:
                around = neighbours[n]
                key = sum(map(at, around)) / len(around) if around else pos[n]
                keyed.append((key, index[n], n))
            keyed.sort()  # by barycentre, then story order (an index is never repeated)
            for i, (_, _, n) in enumerate(keyed):
                row[i] = n
                pos[n] = float(i)

    for _ in range(sweeps):
        sweep(range(1, len(rows)), pred)
        sweep(range(len(rows) - 2, -1, -1), succ)
    sweep(range(1, len(rows)), pred)


def _coordinates(
    rows: list[list[str]], pred: Mapping[str, list[str]], gap: float
) -> dict[str, float]:
    """x for each node: under its parents where there is room, never closer than ``gap``."""
    widest = max((len(r) for r in rows), default=1)
    xs: dict[str, float] = {}
    for row in rows:
        offset = (widest - len(row)) * gap / 2
        wanted = []
        for i, n in enumerate(row):
            parents = [xs[p] for p in pred[n] if p in xs]
            wanted.append(sum(parents) / len(parents) if parents else offset + i * gap)
        # Keep the order, push apart to the gap, then shift back so the row sits on its wish.
        placed: list[float] = []
        for want in wanted:
            placed.append(want if not placed else max(want, placed[-1] + gap))
        shift = (sum(wanted) - sum(placed)) / len(row) if row else 0.0
        # A shift must not push a row past the left edge.
        shift = max(shift, -min(placed, default=0.0))
        for n, x in zip(row, placed, strict=True):
            xs[n] = x + shift
    low = min(xs.values(), default=0.0)
    return {n: x - low for n, x in xs.items()}
