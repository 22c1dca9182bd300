"""Reports of unexpected failures: the traceback the player never sees, kept in a file.

The window shows a calm error screen with the path of the report; the report holds what a
developer needs (the version, the system, the screens open, the story and node, the
traceback). Reports go to the user's log folder (platformdirs ``user_log_dir``; under
``--data-dir DIR``, DIR/logs), the newest ``KEEP`` of them, so a game that fails again and
again never fills a disk.
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import re
import sys
import traceback
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from game import __version__
from game.app.persist.files import write_atomic

log = logging.getLogger("lowtide.persist")

KEEP = 20
_NAME = re.compile(r"crash-\d{8}-\d{6}-\d+(-\d+)?\.log\Z")


def write_report(folder: Path, exc: BaseException, context: Mapping[str, str]) -> Path | None:
    """Write a report of ``exc`` into ``folder``; its path, or None when it cannot be written
    (the failure is still in the game's log)."""
    now = datetime.now()
    lines = [
        f"Low Tide {__version__} failed at {now.isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.platform()} ({sys.platform})",
        *(f"{key}: {value}" for key, value in context.items()),
        "",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip(),
        "",
    ]
    stem = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}"
    try:
        path = folder / f"{stem}.log"
        for n in range(1, 100):
            if not path.exists():
                break
            path = folder / f"{stem}-{n}.log"
        write_atomic(path, "\n".join(lines).encode("utf-8", "replace"))
    except OSError as err:
        log.warning("the report of this failure could not be written to %s: %s", folder, err)
        return None
    _prune(folder)
    return path


def reports(folder: Path) -> list[Path]:
    """The reports in ``folder``, oldest first."""
    try:
        found = [p for p in folder.iterdir() if _NAME.match(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def _prune(folder: Path) -> None:
    for old in reports(folder)[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
