"""docs/architecture.md names every module of the window, so its map of the code stays true."""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_the_window_section_names_every_module_of_game_app():
    text = (PROJECT / "docs" / "architecture.md").read_text("utf-8")
    start = text.index("## The game window: `game/app/`")
    section = text[start:text.index("### Screens by name", start)]
    words = set(re.findall(r"[a-z_]+", section))
    missing = sorted(
        str(path.relative_to(PROJECT))
        for path in (PROJECT / "game" / "app").rglob("*.py")
        if path.stem != "__init__" and path.stem not in words)
    assert missing == [], f"docs/architecture.md does not name {missing}"
