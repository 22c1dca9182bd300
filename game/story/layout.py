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
    The work is done on node numbers (their story order) in lists, not on names in dicts: a
    map of 100,000 nodes is laid out several times faster so.
    """
    index: dict[str, int] = {}
    names: list[str] = []
    for n in nodes:  # a name given twice is one node, at its first place
        if n not in index:
            index[n] = len(names)
            names.append(n)
    count = len(names)
    succ: list[list[int]] = [[] for _ in range(count)]
    get = index.get
    for a, b in edges:
        i, j = get(a), get(b)
        if i is not None and j is not None and i != j:
            succ[i].append(j)
    starts = [i for i in map(get, roots) if i is not None]
    back = _back_edges(count, succ, starts)
    if back:
        forward = [
            [m for m in dict.fromkeys(succ[n]) if (n, m) not in back] for n in range(count)
        ]
    else:
        forward = [list(dict.fromkeys(s)) for s in succ]
    pred: list[list[int]] = [[] for _ in range(count)]
    for n in range(count):
        for m in forward[n]:
            pred[m].append(n)

    layer = _longest_path_layers(count, forward, pred)
    rows: list[list[int]] = [[] for _ in range(max(layer, default=-1) + 1)]
    for n in range(count):
        rows[layer[n]].append(n)
    _order(rows, pred, forward, count, sweeps)
    xs = _coordinates(rows, pred, count, x_gap)
    positions = {names[n]: (xs[n], layer[n] * y_gap) for n in range(count)}
    width = max(xs, default=0.0)
    height = max(0.0, (len(rows) - 1) * y_gap)
    return Layout(
        positions,
        dict(zip(names, layer)),
        width,
        height,
        frozenset((names[a], names[b]) for a, b in back),
    )


def _back_edges(count: int, succ: list[list[int]], roots: list[int]) -> set[tuple[int, int]]:
    """Edges to a node still on the depth-first stack: the ones that close cycles."""
    state = [0] * count  # 1 on the stack, 2 done
    back: set[tuple[int, int]] = set()
    for start in [*roots, *range(count)]:
        if state[start]:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                mark = state[child]
                if mark == 1:
                    back.add((node, child))
                elif mark == 0:
                    state[child] = 1
                    stack.append((child, iter(succ[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def _longest_path_layers(count: int, forward: list[list[int]], pred: list[list[int]]) -> list[int]:
    """Kahn's topological order; each node one layer below its deepest predecessor."""
    waiting = [len(p) for p in pred]
    layer = [0] * count
    ready = [n for n in range(count) if waiting[n] == 0]
    ready.reverse()
    while ready:
        n = ready.pop()
        below = layer[n] + 1
        for m in forward[n]:
            if layer[m] < below:
                layer[m] = below
            waiting[m] -= 1
            if waiting[m] == 0:
                ready.append(m)
    return layer


def _order(
    rows: list[list[int]],
    pred: list[list[int]],
    succ: list[list[int]],
    count: int,
    sweeps: int,
) -> None:
    """Barycentre ordering: sort each row by the mean position of its neighbours, down then up.

    Starts from story order, so without edges to pull on a row keeps the order of writing.
    """
    pos = [0.0] * count
    for row in rows:
        for i, n in enumerate(row):
            pos[n] = float(i)
    at = pos.__getitem__
    busy = [r for r in range(len(rows)) if len(rows[r]) > 1]  # alone in a row: nothing to order
    down = [r for r in busy if r >= 1]
    up = [r for r in reversed(busy) if r <= len(rows) - 2]

    def sweep(row_ids: list[int], neighbours: list[list[int]]) -> None:
        for r in row_ids:
            row = rows[r]
            keyed = []
            for n in row:
                around = neighbours[n]
                key = sum(map(at, around)) / len(around) if around else pos[n]
                keyed.append((key, n))
            keyed.sort()  # by barycentre, then story order (a node number is never repeated)
            for i, (_, n) in enumerate(keyed):
                row[i] = n
                pos[n] = float(i)

    for _ in range(sweeps):
        sweep(down, pred)
        sweep(up, succ)
    sweep(down, pred)


def _coordinates(
    rows: list[list[int]], pred: list[list[int]], count: int, gap: float
) -> list[float]:
    """x for each node: under its parents where there is room, never closer than ``gap``."""
    widest = max((len(r) for r in rows), default=1)
    xs = [0.0] * count
    placed_yet = [False] * count
    for row in rows:
        offset = (widest - len(row)) * gap / 2
        wanted = []
        for i, n in enumerate(row):
            parents = [xs[p] for p in pred[n] if placed_yet[p]]
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
            placed_yet[n] = True
    low = min(xs, default=0.0)
    return [x - low for x in xs]
