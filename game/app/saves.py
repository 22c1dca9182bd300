"""The app's door to saved games: ``game.app.persist`` when it provides a function, else nothing.

Every call here is safe: a missing module, a missing function or a failing save is logged and
treated as "no save", never raised into a screen.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from game.story.session import Session

log = logging.getLogger("lowtide.app")


ENABLED = [True]


def enable(on: bool) -> None:
    """Driven runs (tests, tools) switch saving off so they never touch a player's saves."""
    ENABLED[0] = on


def _persist() -> Any:
    if not ENABLED[0]:
        return None
    try:
        return importlib.import_module("game.app.persist")
    except Exception as err:  # noqa: BLE001 - saving is optional for playing
        log.debug("no persistence available: %s", err)
        return None


def autosave(session: Session) -> None:
    persist = _persist()
    fn = getattr(persist, "autosave", None) if persist else None
    if fn is None:
        return
    try:
        fn(session)
    except Exception as err:  # noqa: BLE001
        log.warning("the autosave could not be written: %s", err)


def latest() -> tuple[Path, Any] | None:
    """(story folder, save JSON) of the most recent autosave, or None."""
    persist = _persist()
    fn = getattr(persist, "latest_autosave", None) if persist else None
    if fn is None:
        return None
    try:
        found = fn()
    except Exception as err:  # noqa: BLE001
        log.warning("the latest save could not be read: %s", err)
        return None
    if not found:
        return None
    if isinstance(found, tuple) and len(found) == 2:
        return Path(found[0]), found[1]
    return None


def load_settings(settings: Any) -> None:
    persist = _persist()
    fn = getattr(persist, "load_settings", None) if persist else None
    if fn is None:
        return
    try:
        settings.update_from(fn())
    except Exception as err:  # noqa: BLE001
        log.warning("the settings could not be read: %s", err)


def save_settings(settings: Any) -> None:
    persist = _persist()
    fn = getattr(persist, "save_settings", None) if persist else None
    if fn is None:
        return
    try:
        fn(settings.to_json())
    except Exception as err:  # noqa: BLE001
        log.warning("the settings could not be saved: %s", err)


def listing() -> list[tuple[str, Path, Any]]:
    """(label, story folder, save JSON) for every save game.app.persist can list."""
    persist = _persist()
    fn = getattr(persist, "list_saves", None) if persist else None
    if fn is None:
        return []
    try:
        found = list(fn())
    except Exception as err:  # noqa: BLE001
        log.warning("the saves could not be listed: %s", err)
        return []
    out = []
    for item in found:
        if isinstance(item, tuple) and len(item) == 3:
            out.append((str(item[0]), Path(item[1]), item[2]))
    return out
