"""Save files: nine slots per story, an autosave and a quick save, each checked when read.

A save is one JSON file per slot (``saves/<story>/slot-3.json``, ``auto.json``, ``quick.json``)
with a PNG thumbnail beside it. The file is an envelope::

    {"format": 1, "min_format": 1, "checksum": "sha256:…", "created": "2025-…Z",
     "story": "two-bars", "story_title": "Two Bars", "slot": "3",
     "line": "the line on screen", "node": "…", "scene": "…", "thumbnail": "slot-3.….png",
     "session": {… Session.to_json() …}}

``checksum`` is the sha256 of the canonical JSON of every other field, so any change to the
file is noticed. Reading a slot gives a ``SaveInfo``, or a ``SaveProblem`` with a message for
the player; a file that cannot be used is moved aside (``<name>.damaged-<timestamp>``) and
never overwritten or deleted, and every other slot keeps working.

The ``format`` here is the save *file's*; the session inside carries its own format, checked by
``Session.from_json``. A file whose ``min_format`` is newer than this game is refused politely;
one with a newer ``format`` but an old enough ``min_format`` is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.app.persist import datafile
from game.app.persist.files import move_aside, set_aside, write_atomic
from game.story.model import Story
from game.story.session import Session, SessionError

log = logging.getLogger("lowtide.persist")

FORMAT = 1
MIN_FORMAT = 1
NUMBERED = tuple(str(n) for n in range(1, 10))
AUTO, QUICK = "auto", "quick"
SLOTS = (*NUMBERED, QUICK, AUTO)
#: slots a player may write to (the autosave is written only by the game)
PLAYER_SLOTS = (*NUMBERED, QUICK)

_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


class SaveError(Exception):
    """A save that could not be written (the old one, if any, is still whole)."""


@dataclass(frozen=True)
class SaveInfo:
    """A save that reads well: what the slot shows, and the session to carry on from."""

    slot: str
    path: Path
    story_id: str
    story_title: str
    created: datetime
    line: str
    node: str
    scene: str | None
    thumbnail: Path | None
    session: dict[str, Any] = field(repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return True

    @property
    def label(self) -> str:
        return slot_label(self.slot)

    def when(self) -> str:
        """The save's local date and time, as a player reads it."""
        return self.created.astimezone().strftime("%d %b %Y, %H:%M")


@dataclass(frozen=True)
class SaveProblem:
    """A save that cannot be used: why, in words for the player, and where it was put."""

    slot: str
    path: Path
    kind: str  # damaged | truncated | foreign | future | old | checksum | story-missing
    message: str
    moved_to: Path | None = None

    @property
    def ok(self) -> bool:
        return False

    @property
    def label(self) -> str:
        return slot_label(self.slot)


Slot = SaveInfo | SaveProblem | None


def slot_label(slot: str) -> str:
    if slot == AUTO:
        return "Autosave"
    if slot == QUICK:
        return "Quick save"
    return f"Slot {slot}"


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def checksum(payload: dict[str, Any]) -> str:
    body = {k: v for k, v in payload.items() if k != "checksum"}
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()


def now() -> datetime:
    return datetime.now(timezone.utc)


class SaveStore:
    """Every save of every story under one folder."""

    def __init__(self, root: Path):
        self.root = Path(root)

    # -- where -------------------------------------------------------------------------------

    def folder(self, story_id: str) -> Path:
        safe = _SAFE_ID.sub("_", story_id).strip("._") or "_"
        return self.root / safe

    def path(self, story_id: str, slot: str) -> Path:
        _check_slot(slot)
        name = f"slot-{slot}" if slot in NUMBERED else slot
        return self.folder(story_id) / f"{name}.json"

    def story_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    # -- writing -----------------------------------------------------------------------------

    def save(self, session: Session, slot: str, *, line: str | None = None,
             thumbnail: bytes | None = None, when: datetime | None = None) -> SaveInfo:
        """Write the session to a player slot (1–9 or quick). Raises SaveError."""
        if slot not in PLAYER_SLOTS:
            raise SaveError(f"'{slot}' is not a slot a player can save to")
        return self._write(session, slot, line, thumbnail, when)

    def autosave(self, session: Session, *, line: str | None = None,
                 thumbnail: bytes | None = None, when: datetime | None = None) -> SaveInfo:
        """Write the autosave slot (the game does this after every choice). Raises SaveError."""
        return self._write(session, AUTO, line, thumbnail, when)

    def _write(self, session: Session, slot: str, line: str | None, thumbnail: bytes | None,
               when: datetime | None) -> SaveInfo:
        story = session.story
        path = self.path(story.id, slot)
        created = (when or now()).astimezone(timezone.utc)
        if line is None:
            line = first_line(session)
        thumb_name = None
        try:
            if thumbnail:
                digest = hashlib.sha256(thumbnail).hexdigest()[:12]
                thumb_name = f"{path.stem}.{digest}.png"
                write_atomic(path.with_name(thumb_name), thumbnail)
            envelope: dict[str, Any] = {
                "format": FORMAT,
                "min_format": MIN_FORMAT,
                "created": created.isoformat().replace("+00:00", "Z"),
                "story": story.id,
                "story_title": story.title,
                "story_dir": str(Path(story.root).resolve()),
                "slot": slot,
                "line": line,
                "node": session.node_id,
                "scene": session.scene,
                "thumbnail": thumb_name,
                "session": session.to_json(),
            }
            envelope["checksum"] = checksum(envelope)
            data = json.dumps(envelope, indent=1, ensure_ascii=False, allow_nan=False)
            if path.exists() and not isinstance(self._read(path, slot, story.id), SaveInfo):
                # never overwrite an unreadable file silently: keep it beside the new one
                moved = move_aside(path)
                log.warning("a damaged save in %s was set aside as %s", path, moved)
            write_atomic(path, data.encode("utf-8"))
        except (OSError, ValueError, TypeError) as err:
            raise SaveError(f"the save could not be written to {path}: {err}") from err
        self._drop_old_thumbnails(path, keep=thumb_name)
        found = self._read(path, slot, story.id)
        if not isinstance(found, SaveInfo):
            raise SaveError(f"the save in {path} did not read back: {found.message}")
        return found

    def _drop_old_thumbnails(self, path: Path, keep: str | None) -> None:
        for old in path.parent.glob(f"{path.stem}.*.png"):
            if old.name != keep:
                with contextlib.suppress(OSError):
                    old.unlink()

    # -- reading -----------------------------------------------------------------------------

    def read(self, story_id: str, slot: str) -> Slot:
        """The slot's save, or its problem (the file is then set aside), or None if empty.

        A slot whose damaged file was set aside earlier keeps showing that problem until
        something is saved there again.
        """
        path = self.path(story_id, slot)
        if path.exists():
            found = self._read(path, slot, story_id)
            if isinstance(found, SaveProblem):
                moved = move_aside(path)
                log.warning("save %s cannot be used (%s); set aside as %s", path,
                            found.message, moved)
                found = SaveProblem(found.slot, found.path, found.kind,
                                    _with_aside(found.message, moved), moved)
            return found
        aside = set_aside(path)
        if aside:
            found = self._read(aside[0], slot, story_id)
            if isinstance(found, SaveProblem):
                return SaveProblem(slot, path, found.kind, _with_aside(found.message, aside[0]),
                                   aside[0])
            return SaveProblem(slot, path, "damaged",
                               _with_aside("This save was set aside.", aside[0]), aside[0])
        return None

    def slots(self, story_id: str, which: Iterable[str] = SLOTS) -> dict[str, Slot]:
        """Every slot of a story: one damaged file never keeps the others from reading."""
        out: dict[str, Slot] = {}
        for slot in which:
            try:
                out[slot] = self.read(story_id, slot)
            except Exception as err:  # noqa: BLE001 - a slot must never break the menu
                log.error("reading slot %s of %s failed: %s", slot, story_id, err)
                out[slot] = SaveProblem(slot, self.path(story_id, slot), "damaged",
                                        f"This save could not be read ({err}).")
        return out

    def latest(self, story_ids: Iterable[str] | None = None) -> SaveInfo | None:
        """The most recent save that reads well, of any slot and story (for Continue)."""
        best: SaveInfo | None = None
        for sid in story_ids if story_ids is not None else self.story_ids():
            for found in self.slots(sid).values():
                if isinstance(found, SaveInfo) and (best is None or found.created > best.created):
                    best = found
        return best

    def _read(self, path: Path, slot: str, story_id: str) -> SaveInfo | SaveProblem:
        try:
            if path.stat().st_size > datafile.MAX_BYTES:
                return SaveProblem(slot, path, "damaged", _DAMAGE["too-large"][1])
            raw = path.read_bytes()
        except OSError as err:
            return SaveProblem(slot, path, "damaged", f"This save could not be opened ({err}).")
        return parse(raw, path, slot, story_id)


#: how each way a file can be damaged (``datafile.Damaged.kind``) reads on a save's card
_DAMAGE = {
    "empty": ("truncated", "This save is empty: it was cut off while being written."),
    "truncated": ("truncated", "This save is incomplete: it was cut off partway."),
    "not-text": ("damaged", "This save is damaged: it is not readable text."),
    "garbled": ("damaged", "This save is damaged: its contents are garbled."),
    "too-deep": ("damaged", "This save is damaged: its contents are garbled."),
    "too-large": ("damaged", "This save is damaged: it is far larger than any save."),
}


def parse(raw: bytes, path: Path, slot: str, story_id: str | None = None) -> SaveInfo | SaveProblem:
    """Check a save file's bytes: every way it can be wrong becomes a SaveProblem."""

    def problem(kind: str, message: str) -> SaveProblem:
        return SaveProblem(slot, path, kind, message)

    try:
        data = datafile.decode(raw)
    except datafile.Damaged as err:
        kind, message = _DAMAGE.get(err.kind, _DAMAGE["garbled"])
        return problem(kind, message)
    if not isinstance(data, dict) or "session" not in data or "format" not in data:
        return problem("foreign", "This file is not a Low Tide save.")
    version, minimum = data.get("format"), data.get("min_format", data.get("format"))
    if not _is_int(version) or not _is_int(minimum):
        return problem("foreign", "This file is not a Low Tide save (it has no version).")
    if minimum > FORMAT:
        return problem("future", f"This save was made by a newer version of Low Tide (save format "
                                 f"{version}); this version reads format {FORMAT}.")
    if version < MIN_FORMAT:
        return problem("old", f"This save is from an old version of Low Tide (format {version}) "
                              "that can no longer be read.")
    if data.get("checksum") != checksum(data):
        return problem("checksum", "This save is damaged: its contents do not match its checksum.")
    session = data.get("session")
    sid = data.get("story")
    if not isinstance(session, dict) or not isinstance(sid, str):
        return problem("foreign", "This file is not a Low Tide save (it holds no playthrough).")
    if story_id is not None and sid != story_id:
        return problem("foreign", f"This save belongs to another story ('{sid}').")
    try:
        created = datetime.fromisoformat(str(data.get("created", "")).replace("Z", "+00:00"))
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
    except ValueError:
        created = datetime.fromtimestamp(0, timezone.utc)
    thumb = data.get("thumbnail")
    thumbnail = path.with_name(thumb) if isinstance(thumb, str) and _plain_name(thumb) else None
    return SaveInfo(
        slot=slot,
        path=path,
        story_id=sid,
        story_title=_text(data.get("story_title")) or sid,
        created=created,
        line=_text(data.get("line")),
        node=_text(data.get("node")),
        scene=data.get("scene") if isinstance(data.get("scene"), str) else None,
        thumbnail=thumbnail if thumbnail is not None and thumbnail.is_file() else None,
        session=session,
    )


def load(info: SaveInfo, story: Story) -> tuple[Session, list[str]]:
    """The session a save holds, played against ``story`` as it is now.

    Notes tell the player what had to change (for example: the save's place in the story is
    gone, so it carries on from the last choice that still exists). Raises SaveError when the
    save is not of this story at all.
    """
    try:
        return Session.from_json(story, info.session)
    except SessionError as err:
        raise SaveError(str(err)) from err


def first_line(session: Session) -> str:
    """A line that says where the session is: the node's first line, else the last choice."""
    try:
        lines = session.lines()
    except Exception:  # noqa: BLE001 - a line that cannot render must not stop a save
        lines = []
    for line in lines:
        if line.text.strip():
            return f"{line.name}: {line.text}" if line.name else line.text
    if session.steps:
        return session.steps[-1].text
    return ""


def _with_aside(message: str, moved: Path | None) -> str:
    if moved is None:
        return message
    return f"{message} It was kept as {moved.name}."


def _check_slot(slot: str) -> None:
    if slot not in SLOTS:
        raise ValueError(f"no save slot '{slot}' (slots: 1–9, quick, auto)")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _plain_name(name: str) -> bool:
    return "/" not in name and "\\" not in name and name not in ("", ".", "..")
