"""Saves that name a node: what renaming or deleting it would send elsewhere.

The game keeps saves in ``$LOWTIDE_DATA_DIR/saves`` or the user's data folder (platformdirs),
one folder per story, as JSON envelopes holding ``Session.to_json()``. This reads them only to
warn; it never changes one. (A renamed node in an old save falls back to the nearest node that
remains when the save is loaded.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "lowtide"
ENV_DATA_DIR = "LOWTIDE_DATA_DIR"
MAX_SAVE_BYTES = 64 * 2**20  # as the game's own reader (game/app/persist/datafile.py)


def saves_dir() -> Path:
    chosen = os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser() / "saves"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "saves"


def _names(session: Any, node_id: str) -> bool:
    if not isinstance(session, dict):
        return False
    if session.get("node") == node_id or node_id in (session.get("path") or []):
        return True
    steps = session.get("steps") or []
    return any(isinstance(s, dict) and s.get("node") == node_id for s in steps)


def saves_naming(story_id: str, node_id: str, folder: Path | None = None) -> list[Path]:
    """The save files of story ``story_id`` whose playthrough is at or went through ``node_id``."""
    root = folder or saves_dir()
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.glob("*/*.json")):
        try:
            if path.stat().st_size > MAX_SAVE_BYTES:  # no save is this large: not one of ours
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # damaged saves are the game's to set aside
            continue
        if isinstance(data, dict) and data.get("story") == story_id and _names(data.get("session"), node_id):
            found.append(path)
    return found
