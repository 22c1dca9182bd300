"""Saves, settings, seen text and discovered endings: everything the game keeps between runs.

``Persist`` gathers them for one run: ``Persist.open(data_dir)`` uses ``data_dir`` for
everything when given (``--data-dir DIR``), else ``$LOWTIDE_DATA_DIR``, else the user's own
folders (platformdirs). Every file is written atomically (see ``files``); nothing here imports
pygame, so tests and tools use it without a window. The window reaches it through
``game.app.keep.Keeper``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import paths
from game.app.persist import datafile
from game.app.persist.files import DataDirs, move_aside, sweep_leftovers, write_atomic
from game.app.persist.progress import Progress
from game.app.persist.saves import (
    AUTO,
    NUMBERED,
    PLAYER_SLOTS,
    QUICK,
    SLOTS,
    SaveError,
    SaveInfo,
    SaveProblem,
    SaveStore,
    load,
)
from game.story.confine import inside
from game.story.session import Session

if TYPE_CHECKING:
    from game.app.settings import SettingsStore

__all__ = [
    "AUTO", "NUMBERED", "PLAYER_SLOTS", "QUICK", "SLOTS", "DataDirs", "Persist", "Progress",
    "SaveError", "SaveInfo", "SaveProblem", "SaveStore", "load",
    "move_aside", "write_atomic",
]

log = logging.getLogger("lowtide.persist")


@dataclass
class Persist:
    dirs: DataDirs
    saves: SaveStore
    settings: SettingsStore
    progress: Progress

    @classmethod
    def open(cls, data_dir: Path | str | None = None) -> Persist:
        from game.app.settings import SettingsStore  # settings.py uses persist.files

        dirs = DataDirs.resolve(data_dir)
        for gone in sweep_leftovers(dirs.folders()):
            log.info("removed %s, left over from a write that was cut off", gone)
        return cls(dirs, SaveStore(dirs.saves), SettingsStore(dirs.settings_file),
                   Progress(dirs.progress_file))

    def problems(self) -> list[str]:
        """What the player should hear about the files read at start (set aside as damaged)."""
        return [m for m in (self.settings.message, self.progress.message) if m]

    def record(self, session: Session) -> None:
        """Remember what this session has shown: its nodes, and its ending if it has one."""
        sid = session.story.id
        self.progress.mark_seen(sid, session.path)
        if session.node.ending is not None:
            when = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
            self.progress.mark_ending(sid, session.node_id, when)
        self.progress.save()

    def autosave(self, session: Session, *, line: str | None = None,
                 thumbnail: bytes | None = None) -> SaveInfo:
        self.record(session)
        return self.saves.autosave(session, line=line, thumbnail=thumbnail)

    def latest(self) -> tuple[Path, dict[str, Any]] | None:
        """(story folder, session JSON) of the newest save that reads well, for Continue."""
        info = self.saves.latest()
        if info is None:
            return None
        folder = story_folder(info)
        return (folder, info.session) if folder is not None else None


def story_folder(info: SaveInfo) -> Path | None:
    """The folder of the story a save belongs to: the save's own folder while it still holds
    that story (a copy of a bundled story keeps its own saves, though the ids are the same),
    else the installed story with the save's id; None when neither exists."""
    own = _saved_folder(info)
    if own is not None and _story_id(own) == info.story_id:
        return own
    for folder in paths.story_dirs():
        if _story_id(folder) == info.story_id:
            return folder
    return None


def _saved_folder(info: SaveInfo) -> Path | None:
    """The story folder a save was written from (``story_dir`` in the file), if it says."""
    try:
        data = datafile.read(info.path)
    except (OSError, datafile.Damaged):
        return None
    hint = data.get("story_dir") if isinstance(data, dict) else None
    return Path(hint) if isinstance(hint, str) and hint else None


def _story_id(folder: Path) -> str | None:
    """The id a story folder's story.json declares (None when there is none to read, or it
    is not inside the folder)."""
    found = inside(folder, "story.json")
    try:
        raw = datafile.read(found) if found is not None else None
    except (OSError, datafile.Damaged):
        return None
    return raw.get("id") if isinstance(raw, dict) else None
