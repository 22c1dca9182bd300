"""Every story folder, loaded or not: title, blurb, and the problems that keep it from playing.

A story that fails to load is listed with its errors, never hidden and never raised.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from game import paths
from game.story.confine import inside
from game.story.diagnostics import Diagnostic
from game.story.load import load_story
from game.story.model import Story

log = logging.getLogger("lowtide.app")


@dataclass
class Entry:
    path: Path
    title: str
    blurb: str
    story: Story | None
    problems: list[str] = field(default_factory=list)
    #: a writers' sample (``"sample": true`` in story.json): not offered to players
    sample: bool = False

    @property
    def playable(self) -> bool:
        return self.story is not None


def describe(d: Diagnostic, root: Path) -> str:
    where = d.file or ""
    try:
        where = str(Path(where).relative_to(root))
    except ValueError:
        where = Path(where).name if where else ""
    pos = f":{d.line}" if d.line else ""
    return f"{where}{pos}  {d.code}: {d.message}" if where else f"{d.code}: {d.message}"


def load_entry(path: Path) -> Entry:
    """One story folder as an entry; never raises."""
    title, blurb, sample = path.name, "", False
    try:
        found = inside(path, "story.json")
        raw = json.loads(found.read_text("utf-8")) if found is not None else None
        if isinstance(raw, dict):
            title = raw.get("title") if isinstance(raw.get("title"), str) else title
            blurb = raw.get("blurb") if isinstance(raw.get("blurb"), str) else ""
            sample = raw.get("sample") is True
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        pass
    try:
        story, diagnostics = load_story(path)
    except Exception as exc:  # noqa: BLE001 - a loader bug must not hide the story
        log.error("loading %s failed: %s", path, exc)
        return Entry(path, title, blurb, None, [f"the story could not be read: {exc}"],
                     sample)
    problems = [describe(d, path) for d in diagnostics if d.severity == "error"]
    if story is not None:
        return Entry(path, story.title or title, story.blurb or blurb, story, [], sample)
    if not problems:
        problems = ["the story could not be loaded"]
    return Entry(path, title, blurb, None, problems, sample)


def story_folders(root: Path | None = None) -> list[Path]:
    """Every folder in the stories directory (with or without a story.json), flagship first."""
    root = root or paths.stories_dir()
    if not root.is_dir():
        return []
    found = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    found.sort(key=lambda p: (p.name != paths.DEFAULT_STORY, p.name))
    return found


def scan(root: Path | None = None) -> list[Entry]:
    return [load_entry(p) for p in story_folders(root)]


def for_players(entries: list[Entry]) -> list[Entry]:
    """The stories a player picks from: every one but the writers' samples."""
    return [e for e in entries if not e.sample]
