"""A layered, top-to-bottom layout of a story graph, as plain coordinates.

Pure and independent of any drawing: the story map (``lowtide graph``) and the in-game
flowchart both place nodes with it. Layers come from the longest path from the start (so a
node sits below everything that leads to it, in story order); order within a layer is refined
by barycentres; x positions are then pulled towards each node's parents without overlapping.
Everything is linear or n log n in nodes plus edges, so 10,000 nodes take well under a second.
"""

from __future__ import annotations

import math
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
    The work is done on node numbers (``place``), not on names in dicts: a map of 100,000
    nodes is laid out several times faster so.
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
    placed = place(succ, starts, x_gap=x_gap, sweeps=sweeps)
    xs, layer = placed.x, placed.layer
    return Layout(
        {names[n]: (xs[n], layer[n] * y_gap) for n in range(count)},
        dict(zip(names, layer)),
        max(xs, default=0.0),
        max(0.0, (placed.rows - 1) * y_gap),
        frozenset((names[a], names[b]) for a, b in placed.back),
    )


@dataclass(frozen=True)
class Placed:
    """A layout by node number: node i's centre is at ``x[i]``, row ``layer[i]`` from the top;
    ``back`` holds the edges (i, j) set aside as closing cycles, ``rows`` counts the rows."""

    x: list[float]
    layer: list[int]
    back: set[tuple[int, int]]
    rows: int


def place(
    succ: list[list[int]], roots: Sequence[int] = (), *, x_gap: float = 1.0, sweeps: int = 4
) -> Placed:
    """``layered_layout`` on node numbers: ``succ[i]`` lists the nodes i's edges lead to (no
    edge from a node to itself), ``roots`` the numbers to start from. For a caller that has
    its graph as numbers already (the .html map), so no name is looked up or built."""
    count = len(succ)
    back, forward, done = _back_edges(count, succ, list(roots))
    pred: list[list[int]] = [[] for _ in range(count)]
    for n, s in enumerate(forward):
        for m in s:
            pred[m].append(n)

    layer = _longest_path_layers(count, forward, done)
    rows: list[list[int]] = [[] for _ in range(max(layer, default=-1) + 1)]
    for n, r in enumerate(layer):
        rows[r].append(n)
    _order(rows, pred, forward, count, sweeps)
    return Placed(_coordinates(rows, pred, count, x_gap), layer, back, len(rows))


def _back_edges(
    count: int, succ: list[list[int]], roots: list[int]
) -> tuple[set[tuple[int, int]], list[list[int]], list[int]]:
    """Edges to a node still on the depth-first stack (the ones that close cycles), and the
    rest: each node's successors without those, each once, in the order of ``succ``; and the
    nodes in the order the search finished them.

    The rest is kept as the search meets it, so no second pass filters every node's edges. A
    pair (i, j) is back at every one of its edges or at none: j is on the stack at the first
    exactly when it is at a repeat (it stays there while i is searched, or is done before)."""
    state = [0] * count  # 1 on the stack, 2 done
    back: set[tuple[int, int]] = set()
    kept: list[list[int]] = [[] for _ in range(count)]
    done: list[int] = []
    for start in [*roots, *range(count)]:
        if state[start]:
            continue
        state[start] = 1
        stack = [(start, iter(succ[start]), kept[start].append)]
        while stack:
            node, children, keep = stack[-1]
            for child in children:
                mark = state[child]
                if mark == 1:
                    back.add((node, child))
                else:
                    keep(child)
                    if mark == 0:
                        state[child] = 1
                        stack.append((child, iter(succ[child]), kept[child].append))
                        break
            else:
                state[node] = 2
                done.append(node)
                stack.pop()
    return back, [k if len(k) < 2 else list(dict.fromkeys(k)) for k in kept], done


def _longest_path_layers(count: int, forward: list[list[int]], done: list[int]) -> list[int]:
    """Each node one layer below its deepest predecessor (the longest path from a node with
    none), worked out in the reverse of the order the search finished the nodes: with the back
    edges set aside, every edge leads to a node finished before its source, so that order is a
    topological one and no count of waiting predecessors is kept."""
    layer = [0] * count
    for n in reversed(done):
        below = layer[n] + 1
        for m in forward[n]:
            if layer[m] < below:
                layer[m] = below
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
    """x for each node: under its parents where there is room, never closer than ``gap``.

    A node's parents all sit in rows above its own (layers follow the longest path), so they
    are placed before it."""
    widest = max((len(r) for r in rows), default=1)
    xs = [0.0] * count
    at = xs.__getitem__
    for row in rows:
        offset = (widest - len(row)) * gap / 2
        # Each node where it wants to be (under its parents), kept in order and pushed apart to
        # the gap; then the row is shifted back so it sits on its wish.
        wanted: list[float] = []
        placed: list[float] = []
        want_more, place_more = wanted.append, placed.append
        last = -math.inf
        for i, n in enumerate(row):
            parents = pred[n]
            want = sum(map(at, parents)) / len(parents) if parents else offset + i * gap
            want_more(want)
            last = want if want >= last + gap else last + gap
            place_more(last)
        shift = (sum(wanted) - sum(placed)) / len(row) if row else 0.0
        # A shift must not push a row past the left edge (the row's first place is its least).
        if placed and shift < -placed[0]:
            shift = -placed[0]
        for n, x in zip(row, placed, strict=True):
            xs[n] = x + shift
    low = min(xs, default=0.0)
    return [x - low for x in xs]
