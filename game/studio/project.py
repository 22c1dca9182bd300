"""The story being edited: its JSON files as on disk and as edited, undo and redo, saving.

The files on disk stay the one source of truth. Each file keeps the text last read from or
written to disk (its *base*) and the value being edited; its text to save is the base rewritten
to hold that value (``jsontext.rewrite``), so unchanged files are never written and changed ones
keep their layout. Saving writes each changed file atomically, and never over a file that
changed on disk since it was read: that file is reported as a conflict for the writer to settle.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.studio.jsontext import FileStyle, dump_new, rewrite, same

STORY_FILE = "story.json"
BRANCH_DIR = "branches"
HISTORY_LIMIT = 500


class EditError(ValueError):
    """An edit that cannot be made (an unknown node, a taken id); nothing was changed."""


@dataclass
class StoryFile:
    """One JSON file of the story: its base on disk and the value being edited."""

    rel: str
    base_text: str | None  # None: a new file, not on disk yet
    base_value: Any
    value: Any
    broken: str | None = None  # why the file on disk cannot be edited (not JSON)
    conflict: str | None = None  # the disk's text, when it changed while this file was edited
    _texts: list[tuple[Any, str]] = field(default_factory=list, repr=False)

    @property
    def dirty(self) -> bool:
        return self.broken is None and (self.base_text is None or not same(self.value, self.base_value))

    def text(self) -> str:
        """The text this file would be saved as."""
        value = self.value
        for known, text in self._texts:
            if known is value:
                return text
        if self.base_text is None:
            text = dump_new(value)
        elif value is self.base_value:
            text = self.base_text
        else:
            text = rewrite(self.base_text, self.base_value, value, FileStyle.of(self.base_text))
        self._remember(value, text)
        return text

    def _remember(self, value: Any, text: str) -> None:
        """Keep the text of a value that was on disk or rendered, so undoing back to it gives
        exactly those bytes again (even across saves)."""
        self._texts = [(v, t) for v, t in self._texts if v is not value][-15:]
        self._texts.append((value, text))


@dataclass(frozen=True)
class Transaction:
    """One undoable step: the value of each file it changed, before and after."""

    label: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    coalesce: str | None = None


@dataclass(frozen=True)
class SaveResult:
    written: tuple[str, ...]
    conflicts: tuple[str, ...]
    errors: tuple[str, ...] = ()


def read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, sync it, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _parse(text: str) -> tuple[Any, str | None]:
    try:
        return json.loads(text.removeprefix("\ufeff")), None
    except ValueError as err:
        return None, f"not valid JSON ({err}); fix it in a text editor and the studio reloads it"


class Project:
    """The story's files being edited, with undo and redo; pure but for ``open``, ``save`` and
    ``check_disk``, which touch the folder."""

    def __init__(self, root: Path, files: dict[str, StoryFile]) -> None:
        self.root = root
        self.files = files
        self.undo_stack: list[Transaction] = []
        self.redo_stack: list[Transaction] = []
        self.version = 0  # goes up with every change of any value

    @classmethod
    def open(cls, root: Path) -> Project:
        root = Path(root)
        files: dict[str, StoryFile] = {}
        rels = [STORY_FILE]
        if (root / BRANCH_DIR).is_dir():
            rels += sorted(
                f"{BRANCH_DIR}/{p.name}" for p in (root / BRANCH_DIR).glob("*.json") if p.is_file()
            )
        for rel in rels:
            text = read_text(root / rel)
            if text is None:
                continue
            value, broken = _parse(text)
            files[rel] = StoryFile(rel, text, value, value, broken=broken)
        return cls(root, files)

    # -- reading --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """File -> value being edited, for every file that can be edited."""
        return {rel: f.value for rel, f in self.files.items() if f.broken is None}

    def texts(self) -> dict[str, str]:
        """File -> the text it would be saved as (what lint and previews read); a file that
        is not JSON on disk as it is there, so lint says exactly what is wrong with it."""
        return {rel: f.text() if f.broken is None else (f.base_text or "")
                for rel, f in self.files.items()}

    def dirty(self) -> list[str]:
        return [rel for rel, f in self.files.items() if f.dirty]

    # -- changing -------------------------------------------------------------------------------

    def apply(self, label: str, changes: Mapping[str, Any], coalesce: str | None = None) -> bool:
        """Set files to new values as one undoable step; False when nothing changed.

        Consecutive steps with the same ``coalesce`` key (typing in one field) become one.
        """
        changes = {rel: v for rel, v in changes.items() if rel not in self.files
                   or not same(self.files[rel].value, v)}
        if not changes:
            return False
        for rel in changes:
            f = self.files.get(rel)
            if f is not None and f.broken is not None:
                raise EditError(f"{rel} is {f.broken}")
        before = {rel: (self.files[rel].value if rel in self.files else None) for rel in changes}
        last = self.undo_stack[-1] if self.undo_stack else None
        if coalesce is not None and last is not None and last.coalesce == coalesce \
                and set(last.after) == set(changes):
            self.undo_stack[-1] = Transaction(label, last.before, dict(changes), coalesce)
        else:
            self.undo_stack.append(Transaction(label, before, dict(changes), coalesce))
            del self.undo_stack[:-HISTORY_LIMIT]
        self.redo_stack.clear()
        self._set(changes)
        return True

    def _set(self, values: Mapping[str, Any]) -> None:
        for rel, value in values.items():
            f = self.files.get(rel)
            if value is None:
                if f is not None and f.base_text is None:
                    del self.files[rel]  # a new file undone: it never existed
                continue
            if f is None:
                self.files[rel] = StoryFile(rel, None, None, value)
            else:
                f.value = value
        self.version += 1

    def undo(self) -> Transaction | None:
        if not self.undo_stack:
            return None
        t = self.undo_stack.pop()
        self.redo_stack.append(t)
        self._set(t.before)
        return t

    def redo(self) -> Transaction | None:
        if not self.redo_stack:
            return None
        t = self.redo_stack.pop()
        self.undo_stack.append(t)
        self._set(t.after)
        return t

    def break_coalescing(self) -> None:
        """The next edit starts a new undo step even if it is in the same field."""
        if self.undo_stack and self.undo_stack[-1].coalesce is not None:
            t = self.undo_stack[-1]
            self.undo_stack[-1] = Transaction(t.label, t.before, t.after, None)

    # -- disk -----------------------------------------------------------------------------------

    def save(self, only: Iterable[str] | None = None) -> SaveResult:
        """Write every changed file (or those in ``only``) atomically; skip conflicts."""
        written, conflicts, errors = [], [], []
        for rel in list(only) if only is not None else self.dirty():
            f = self.files.get(rel)
            if f is None or not f.dirty:
                continue
            on_disk = read_text(self.root / rel)
            changed = f.conflict is not None or on_disk != f.base_text
            if changed and (on_disk is not None or f.base_text is not None):
                f.conflict = on_disk if on_disk is not None else ""
                conflicts.append(rel)
                continue
            text = f.text()
            try:
                write_atomic(self.root / rel, text)
            except OSError as err:
                errors.append(f"{rel}: {err.strerror or err}")
                continue
            f.base_text, f.base_value = text, f.value
            f._remember(f.value, text)
            written.append(rel)
        return SaveResult(tuple(written), tuple(conflicts), tuple(errors))

    def check_disk(self, rel: str) -> str:
        """Look at ``rel`` on disk after it changed there; what happened, in one word:
        ``same`` (our own write, or no change), ``reloaded`` (taken in: nothing was edited),
        ``conflict`` (edited here too: kept apart until settled), ``broken`` or ``gone``."""
        text = read_text(self.root / rel)
        f = self.files.get(rel)
        if text is None:
            if f is not None and f.base_text is not None and not f.dirty:
                del self.files[rel]
                self.version += 1
            return "gone"
        if f is not None and text == f.base_text and f.broken is None:
            if f.conflict is not None:
                f.conflict = None
            return "same"
        value, broken = _parse(text)
        if f is not None and f.dirty:
            f.conflict = text
            return "conflict"
        if broken is not None:
            if f is None:
                self.files[rel] = StoryFile(rel, text, None, None, broken=broken)
            else:
                f.base_text, f.broken = text, broken
            self.version += 1
            return "broken"
        if f is None:
            self.files[rel] = StoryFile(rel, text, value, value)
        else:
            f.base_text, f.base_value, f.value, f.broken, f.conflict = text, value, value, None, None
            f._remember(value, text)
            # earlier steps of this file would undo the change made on disk: forget them
            self.undo_stack = [t for t in self.undo_stack if rel not in t.after]
            self.redo_stack = [t for t in self.redo_stack if rel not in t.after]
        self.version += 1
        return "reloaded"

    def settle(self, rel: str, keep: str) -> None:
        """End a conflict: ``keep="mine"`` saves over the disk next time, ``"theirs"`` drops
        the edits made here to that file and takes the disk's text."""
        f = self.files[rel]
        if f.conflict is None:
            return
        disk = f.conflict
        f.conflict = None
        if keep == "mine":
            f.base_text = disk
            value, broken = _parse(disk)
            if broken is None:
                f.base_value = value
            return
        value, broken = _parse(disk)
        if broken is not None:
            raise EditError(f"{rel} on disk is {broken}")
        f.base_text, f.base_value, f.value = disk, value, value
        f._remember(value, disk)
        self.undo_stack = [t for t in self.undo_stack if rel not in t.after]
        self.redo_stack = [t for t in self.redo_stack if rel not in t.after]
        self.version += 1
