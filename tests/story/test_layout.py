"""The layered layout: edges point down, rows do not overlap, cycles and size are handled."""

from __future__ import annotations

import random

from game.story.layout import layered_layout


def test_edges_go_down_and_rows_keep_their_gap() -> None:
    nodes = ["a", "b", "c", "d", "e"]
    edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("a", "d"), ("d", "e")]
    layout = layered_layout(nodes, edges, roots=["a"])
    assert layout.layer == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}
    for a, b in edges:
        assert layout.positions[a][1] < layout.positions[b][1]
    xb, xc = layout.positions["b"][0], layout.positions["c"][0]
    assert abs(xb - xc) >= 1.0 and xb < xc  # story order kept


def test_cycles_become_back_edges() -> None:
    layout = layered_layout(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")], roots=["a"])
    assert layout.back_edges == frozenset({("c", "a")})
    assert [layout.layer[n] for n in "abc"] == [0, 1, 2]


def test_large_graph_is_laid_out_without_overlaps() -> None:
    rng = random.Random(3)
    nodes = [f"n{i}" for i in range(3000)]
    edges = [(nodes[i], nodes[min(2999, i + rng.randint(1, 15))]) for i in range(2999) for _ in (0, 1)]
    edges += [(nodes[i], nodes[i // 2]) for i in range(10, 3000, 97)]
    layout = layered_layout(nodes, edges, roots=["n0"])
    rows: dict[int, list[float]] = {}
    for n in nodes:
        rows.setdefault(layout.layer[n], []).append(layout.positions[n][0])
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= 1.0 - 1e-9 for a, b in zip(xs, xs[1:]))
    for a, b in edges:
        if (a, b) not in layout.back_edges and a != b:
            assert layout.layer[a] < layout.layer[b]
