"""Which parts of the story changed at which version, and from which page: so an edit made from
an older view of the story is refused where someone else has changed what it would change.

Several tabs (or a tab and the disk) may edit one story. Each page sends, with its edit, the
version its view was made from; an edit is refused when a change after that version, made by
another page (or by a file changing on disk), touched the same part of a file: the same field,
or a list the edit's field is in, or an object around it. Edits to other fields go through.
Parts are JSON paths (file first), found by comparing values, which edits share where they
did not change, so only the changed branches are walked.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

JsonPath = tuple[str | int, ...]

MAX_PATHS = 64  # more changed places than this in one step: the whole file counts as changed
KEPT = 5_000  # changes remembered; an edit based on an older version than they reach is refused


def changed_paths(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[JsonPath]:
    """Where ``new`` differs from ``old`` (files by name): the paths of changed values, a list
    whose length changed counting as changed whole."""
    out: list[JsonPath] = []
    for rel in sorted(set(old) | set(new)):
        a, b = old.get(rel, _GONE), new.get(rel, _GONE)
        if a is b:
            continue
        found: list[JsonPath] = []
        if not _walk(a, b, (rel,), found):
            found = [(rel,)]
        out.extend(found)
    return out


def _walk(a: Any, b: Any, path: JsonPath, out: list[JsonPath]) -> bool:
    """Add the paths where ``a`` and ``b`` differ to ``out``; False when there are too many."""
    if a is b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if not _walk(a.get(key, _GONE), b.get(key, _GONE), (*path, key), out):
                return False
        return True
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return all(_walk(x, y, (*path, i), out) for i, (x, y) in enumerate(zip(a, b)))
    if type(a) is type(b) and not isinstance(a, (dict, list)) and a == b:
        return True
    out.append(path)
    return len(out) <= MAX_PATHS


def overlap(a: JsonPath, b: JsonPath) -> bool:
    """Whether one path is the other or inside it."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@dataclass(frozen=True)
class Change:
    version: int
    tab: str | None  # the page that made it; None for a file changed on disk
    paths: tuple[JsonPath, ...]


class History:
    """The recent changes, newest last."""

    def __init__(self) -> None:
        self.changes: deque[Change] = deque(maxlen=KEPT)
        self.forgotten = -1  # the newest version whose changes are no longer kept

    def record(self, version: int, tab: str | None, paths: list[JsonPath]) -> None:
        if not paths:
            return
        if len(self.changes) == self.changes.maxlen:
            self.forgotten = max(self.forgotten, self.changes[0].version)
        self.changes.append(Change(version, tab, tuple(paths)))

    def conflict(self, base: int, tab: str | None, paths: list[JsonPath]) -> Change | None:
        """The first change after ``base``, by another page, that touched one of ``paths``."""
        if base < self.forgotten:
            return Change(self.forgotten, None, ())
        for change in self.changes:
            if change.version <= base or (tab is not None and change.tab == tab):
                continue
            if any(overlap(p, q) for p in paths for q in change.paths):
                return change
        return None


class _Gone:
    """A file or member that is not there."""

    def __repr__(self) -> str:
        return "<gone>"


_GONE = _Gone()
