"""Developer mode's logic, free of pygame: watch a story's files, reload keeping the player's
place, and the console's commands.

The window polls ``StoryWatcher.changed()`` once a frame (it looks at the files at most once a
second); on a change it calls ``reload``, which keeps the last good story and session when the
new files fail lint, and hands back the diagnostics to show.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.story.diagnostics import ERROR, Diagnostic
from game.story.load import BRANCH_DIR, STORY_FILE, load_story
from game.story.model import Story
from game.story.session import Session, SessionError
from game.story.text import format_value
from game.tools.checks import run_checks

POLL_SECONDS = 1.0


class StoryWatcher:
    """Notices when a file of the story is saved, by modification times, polled gently."""

    def __init__(
        self,
        root: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        interval: float = POLL_SECONDS,
    ):
        self.root = Path(root)
        self.clock = clock
        self.interval = interval
        self.stamps = self.scan()
        self.checked = clock()

    def scan(self) -> dict[str, int]:
        """Modification times of the story's JSON files and maps, by path."""
        files = [self.root / STORY_FILE]
        for folder, pattern in ((BRANCH_DIR, "*.json"), ("maps", "*.tmx")):
            files.extend(sorted((self.root / folder).glob(pattern)))
        out = {}
        for path in files:
            try:
                out[str(path)] = path.stat().st_mtime_ns
            except OSError:
                continue
        return out

    def changed(self) -> bool:
        """True once after any file was saved, added or removed (checked at most every interval)."""
        now = self.clock()
        if now - self.checked < self.interval:
            return False
        self.checked = now
        stamps = self.scan()
        if stamps == self.stamps:
            return False
        self.stamps = stamps
        return True


@dataclass(frozen=True)
class Reloaded:
    """The outcome of a reload: the story and session to carry on with, and what to show."""

    story: Story
    session: Session
    ok: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def reload(root: Path, story: Story, session: Session) -> Reloaded:
    """Load the story again and move the session onto it, through its own save format.

    When the new files have errors (loading or lint), nothing changes: the last good story and
    session carry on, and the diagnostics say why.
    """
    fresh, diagnostics = load_story(root)
    if fresh is not None:
        diagnostics = diagnostics + run_checks(fresh)
    errors = [d for d in diagnostics if d.severity == ERROR]
    if fresh is None or errors:
        return Reloaded(story, session, False, errors or diagnostics)
    moved, notes = Session.from_json(fresh, session.to_json())
    return Reloaded(fresh, moved, True, diagnostics, notes)


def overlay_lines(session: Session) -> list[str]:
    """What the overlay shows: the node (and how it was reached) and every variable."""
    lines = [f"node {session.node_id}  turn {session.turn}"]
    if session.stuck:
        lines.append(f"stuck: {session.stuck}")
    for name, value in session.variables().items():
        lines.append(f"{name} = {format_value(value)}")
    return lines


CONSOLE_HELP = "goto NODE · set NAME=VALUE · vars · help"


def console(session: Session, command: str) -> tuple[Session, str]:
    """Run one console line; returns the session to carry on with and a reply to show."""
    word, _, rest = command.strip().partition(" ")
    rest = rest.strip()
    story = session.story
    if word == "goto":
        if rest not in story.nodes:
            from game.story.validate import suggest

            return session, f"no node '{rest}'{suggest(rest, list(story.nodes))}"
        moved = Session.start(story, session.cast, at=rest, values=session.variables())
        return moved, f"at {moved.node_id}"
    if word == "set":
        name, sep, value = rest.partition("=")
        name = name.strip()
        if not sep or not name:
            return session, "set wants NAME=VALUE"
        try:
            session.set_value(name, value.strip())
        except SessionError as err:
            return session, str(err)
        return session, f"{name} = {format_value(session.value(name))}"
    if word == "vars":
        return session, ", ".join(overlay_lines(session)[1:])
    return session, CONSOLE_HELP
