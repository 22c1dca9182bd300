"""The story map as the page draws it: a card per node and an arrow per way on, from the files.

Read straight from the JSON being edited (not from a loaded ``Story``), so the map stays whole
while the story has errors. Cards carry what a writer scans for: the id, the first line, who
speaks, the scene, the kind of node; arrows are dashed when a condition guards them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.story.layout import layered_layout
from game.studio.refs import STORY_FILE, ordered

X_GAP, Y_GAP = 280.0, 140.0  # pixels between layout columns and rows
FIRST_LINE = 90  # characters of the first line on a card


def _clip(text: str, n: int = FIRST_LINE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _first_line(node: dict[str, Any]) -> tuple[str, str | None]:
    """The node's first line of text and its speaker."""
    lines = node.get("lines")
    if isinstance(lines, list):
        for line in lines:
            if isinstance(line, dict) and isinstance(line.get("text"), str):
                speaker = line.get("speaker")
                return line["text"], speaker if isinstance(speaker, str) else None
        return "", None
    text = node.get("text")
    speaker = node.get("speaker")
    return (text if isinstance(text, str) else ""), (speaker if isinstance(speaker, str) else None)


def card(node_id: str, node: Any, file: str, start: str | None) -> dict[str, Any]:
    """One node's card."""
    node = node if isinstance(node, dict) else {}
    first, speaker = _first_line(node)
    ending = node.get("ending")
    if "route" in node:
        shape = "route"
    elif isinstance(ending, dict) or "ending" in node:
        shape = "ending"
    else:
        shape = "text"
    title = ending.get("title") if isinstance(ending, dict) else None
    scene = node.get("scene")
    return {
        "id": node_id,
        "file": file,
        "shape": shape,
        "line": _clip(first),
        "speaker": speaker,
        "scene": scene if isinstance(scene, str) else None,
        "title": title if isinstance(title, str) else None,
        "start": node_id == start,
    }


def arrows(source: str, node: Any, file: str, section: str) -> list[dict[str, Any]]:
    out = []
    if not isinstance(node, dict):
        return out
    for key, what in (("choices", "choice"), ("route", "route")):
        items = node.get(key)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("to"), str):
                continue
            text = item.get("text")
            out.append({
                "id": f"{file}#{section}/{source}/{key}/{i}",
                "source": source,
                "target": item["to"],
                "kind": what,
                "file": file,
                "conditional": "if" in item,
                "label": _clip(text, 40) if isinstance(text, str) else "",
            })
    return out


def story_map(files: Mapping[str, Any]) -> dict[str, Any]:
    """Every card and arrow of the story's files (the first definition of an id wins)."""
    main = files.get(STORY_FILE)
    start = main.get("start") if isinstance(main, dict) else None
    cards: dict[str, dict[str, Any]] = {}
    found: list[dict[str, Any]] = []
    for rel in ordered(files):
        doc = files[rel]
        if not isinstance(doc, dict):
            continue
        nodes = doc.get("nodes")
        for node_id, node in nodes.items() if isinstance(nodes, dict) else ():
            if node_id in cards:
                continue
            cards[node_id] = card(node_id, node, rel, start if isinstance(start, str) else None)
            found.extend(arrows(node_id, node, rel, "nodes"))
        extend = doc.get("extend")
        for node_id, ext in extend.items() if isinstance(extend, dict) else ():
            found.extend(arrows(node_id, ext, rel, "extend"))
    return {"cards": list(cards.values()), "arrows": found,
            "files": ordered([rel for rel in files if isinstance(files[rel], dict)])}


def place(
    story: dict[str, Any], saved: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """A position for every card: the saved one, else one from the layered layout.

    When some cards already have places, a new card goes to the nearest free place below the
    first card that leads to it (beside, when below is taken), so arranging the map by hand is
    not undone by one new node and no card lands on another.
    """
    ids = [c["id"] for c in story["cards"]]
    missing = [n for n in ids if n not in saved]
    out = {n: tuple(saved[n]) for n in ids if n in saved}
    if not missing:
        return out  # type: ignore[return-value]
    edges = [(a["source"], a["target"]) for a in story["arrows"]]
    if not out:
        start = [c["id"] for c in story["cards"] if c["start"]]
        layout = layered_layout(ids, edges, roots=start, sweeps=4 if len(ids) < 3000 else 1)
        return {n: (x * X_GAP, y * Y_GAP) for n, (x, y) in layout.positions.items()}
    parents: dict[str, str] = {}
    for a, b in edges:
        parents.setdefault(b, a)
    lowest = max((y for _, y in out.values()), default=0.0)
    taken = _Taken(out.values())
    spare = 0
    for n in missing:
        parent = parents.get(n)
        if parent in out:
            x, y = out[parent]
            out[n] = taken.free_near(x, y + Y_GAP)
        else:
            out[n] = taken.free_near(spare * X_GAP, lowest + 2 * Y_GAP)
            spare += 1
        taken.add(*out[n])
    return out  # type: ignore[return-value]


CARD_W, CARD_H, MARGIN = 236.0, 92.0, 24.0  # a card on the page, and the space kept round it


class _Taken:
    """Where cards are, bucketed, to find a place where a new one overlaps none."""

    def __init__(self, places) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for x, y in places:
            self.add(x, y)

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return int(x // (CARD_W + MARGIN)), int(y // (CARD_H + MARGIN))

    def add(self, x: float, y: float) -> None:
        self.cells.setdefault(self._cell(x, y), []).append((x, y))

    def free(self, x: float, y: float) -> bool:
        cx, cy = self._cell(x, y)
        return not any(abs(x - ox) < CARD_W + MARGIN and abs(y - oy) < CARD_H + MARGIN
                       for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                       for ox, oy in self.cells.get((cx + dx, cy + dy), ()))

    def free_near(self, x: float, y: float) -> tuple[float, float]:
        """The nearest free place at or below (x, y), then beside it."""
        for row in range(400):
            for dx in (0.0, X_GAP, -X_GAP, 2 * X_GAP, -2 * X_GAP):
                if self.free(x + dx, y + row * 60.0):
                    return x + dx, y + row * 60.0
        return x, y + 400 * 60.0
