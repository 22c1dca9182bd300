"""Where the writer put each card on the map: a small side file beside the story, not in it.

``.studio-layout.json`` in the story folder holds ``{"format": 1, "positions": {id: [x, y]}}``,
one node per line in id order, so moving cards gives short diffs and the story's own files
never change for it. The game never reads it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from game.studio.project import read_text, write_atomic

FILE = ".studio-layout.json"


def load(root: Path) -> dict[str, tuple[float, float]]:
    """The saved positions; none when the file is missing or unreadable."""
    text = read_text(root / FILE)
    if text is None:
        return {}
    try:
        data = json.loads(text)
        raw = data["positions"]
        return {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return {}  # a damaged side file: the map lays the cards out afresh


def dump(positions: Mapping[str, tuple[float, float]]) -> str:
    def number(v: float) -> str:
        return str(int(round(v)))

    rows = [
        f"    {json.dumps(k, ensure_ascii=False)}: [{number(x)}, {number(y)}]"
        for k, (x, y) in sorted(positions.items())
    ]
    body = ",\n".join(rows)
    return '{\n  "format": 1,\n  "positions": {\n' + body + ("\n" if rows else "") + "  }\n}\n"


def save(root: Path, positions: Mapping[str, tuple[float, float]]) -> None:
    write_atomic(root / FILE, dump(positions))
