"""The one way the game reads the JSON files it keeps: saves, settings, progress and seen text.

Every such file goes through ``decode`` (bytes → JSON value, with bounds on size and nesting)
and, for the files read whole at start, ``load``: a file that is missing gives nothing; a file
that cannot be used (unreadable, not UTF-8, cut off, garbled, nested deeper than any file the
game writes, larger than any it writes, or not the shape its owner expects) is set aside
(renamed ``<name>.damaged-<timestamp>`` beside it, never deleted or overwritten), a warning is
logged, and its owner goes on with its defaults. Nothing here raises for a bad file: a damaged
settings file must never stop the game from starting, now or at any later start.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.app.persist.files import move_aside
from game.story.jsonlocate import nested_deeper_than

log = logging.getLogger("lowtide.persist")

#: far deeper than anything the game writes (a save nests about six levels)
MAX_DEPTH = 64
#: far larger than anything the game writes (a save of a 10,000-choice playthrough is ~2 MB)
MAX_BYTES = 64 * 2**20


class Damaged(ValueError):
    """A data file that cannot be used: ``kind`` says how, ``message`` says it for the log."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # unreadable | too-large | empty | not-text | too-deep | truncated
        self.message = message  # | garbled | shape


def decode(raw: bytes, *, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_BYTES) -> Any:
    """The JSON value of a data file's bytes; raises Damaged (never anything else) when they
    cannot be one."""
    if len(raw) > max_bytes:
        raise Damaged("too-large", f"the file is {len(raw)} bytes, more than the game ever "
                                   f"writes ({max_bytes})")
    if not raw.strip():
        raise Damaged("empty", "the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Damaged("not-text", "the file is not UTF-8 text") from None
    if nested_deeper_than(text, max_depth):
        raise Damaged("too-deep", f"the file nests deeper than {max_depth} levels")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
            raise Damaged("truncated", "the file ends partway: it was cut off") from None
        raise Damaged("garbled", f"the file is not JSON ({err.msg} at line {err.lineno}, "
                                 f"column {err.colno})") from None
    except (ValueError, RecursionError) as err:
        raise Damaged("garbled", f"the file is not JSON ({err})") from None


def read(path: Path, *, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_BYTES) -> Any:
    """The JSON value of the file at ``path``; raises Damaged (``unreadable`` when the file
    cannot be opened) and FileNotFoundError when there is no file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Damaged("too-large", f"the file is {size} bytes, more than the game ever "
                                       f"writes ({max_bytes})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as err:
        raise Damaged("unreadable", f"the file cannot be read ({err})") from None
    return decode(raw, max_depth=max_depth, max_bytes=max_bytes)


@dataclass(frozen=True)
class Loaded:
    """What reading a data file gave: its value (None when missing or set aside), and when it
    was set aside, why and where it went."""

    value: Any = None
    problem: Damaged | None = None
    moved_to: Path | None = None

    @property
    def damaged(self) -> bool:
        return self.problem is not None

    def kept_as(self, path: Path) -> str:
        """The name the damaged file now has (its own name when it could not be moved)."""
        return self.moved_to.name if self.moved_to is not None else Path(path).name


def load(path: Path, what: str, shape: Callable[[Any], str | None] | None = None) -> Loaded:
    """Read the data file at ``path`` (``what`` names it in the log: "settings").

    ``shape`` says what is wrong with a value that parsed but is not what the owner keeps
    (None when it is fine). A file that is missing gives ``Loaded()``; one that cannot be used
    is set aside and logged, and gives ``Loaded(problem=…, moved_to=…)``.
    """
    path = Path(path)
    try:
        value = read(path)
        wrong = shape(value) if shape is not None else None
        if wrong is not None:
            raise Damaged("shape", wrong)
    except FileNotFoundError:
        return Loaded()
    except Damaged as problem:
        moved = move_aside(path)
        log.warning("%s file %s cannot be used (%s); %s, and the game goes on with %s",
                    what, path, problem.message,
                    f"set aside as {moved.name}" if moved else "left where it is",
                    "the defaults")
        return Loaded(problem=problem, moved_to=moved)
    return Loaded(value)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
