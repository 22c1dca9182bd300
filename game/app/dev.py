"""Developer mode's logic, free of pygame: watch a story's files, reload keeping the player's
place, and the console's commands.

The window polls ``StoryWatcher.changed()`` once a frame (it looks at the files at most once a
second); on a change it calls ``reload``, which keeps the last good story and session when the
new files fail lint, and hands back the diagnostics to show. Lint itself is given by the entry
point (``StoryCheck``: ``game.tools.lint.load_linted``), so the window never imports the tools.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.story.diagnostics import ERROR, Diagnostic
from game.story.model import Story
from game.story.session import Session, SessionError, coerce
from game.story.text import format_value
from game.story.validate import suggest

POLL_SECONDS = 1.0
#: the files whose saving reloads the story: its JSON, its maps, tilesets and templates, its images
WATCHED = (".json", ".tmx", ".tsx", ".tx", ".png")

#: loads a story folder and checks it: the story (None when it does not load) and every
#: diagnostic, lint's included
StoryCheck = Callable[[Path], tuple[Story | None, list[Diagnostic]]]


class StoryWatcher:
    """Notices when a file of the story is saved, by modification time and size, polled gently."""

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

    def scan(self) -> dict[str, tuple[int, int]]:
        """(modification time, size) of every watched file under the story's folder, by path."""
        out: dict[str, tuple[int, int]] = {}
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.endswith(WATCHED) or name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_mtime_ns, st.st_size)
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


def story_folder(path: Path) -> Path:
    """The story's folder, whether ``path`` names it or its story.json (as load_story allows)."""
    path = Path(path)
    return path.parent if path.is_file() else path


def load_checked(root: Path, check: StoryCheck
                 ) -> tuple[Story | None, list[Diagnostic], list[Diagnostic]]:
    """The story, every diagnostic, and the errors among them (loading and lint): the one rule
    developer mode applies at launch, while waiting, and on every reload."""
    story, diagnostics = check(root)
    errors = [d for d in diagnostics if d.severity == ERROR]  # a story that fails has some
    return (None if errors else story), diagnostics, errors


def shown(d: Diagnostic, root: Path) -> str:
    """A diagnostic as lint prints it, with the file named from the story's folder."""
    try:
        name = str(Path(d.file).resolve().relative_to(Path(root).resolve()))
    except (ValueError, OSError):
        name = d.file
    return f"{name}:{d.line}:{d.column}: {d.severity} {d.code}: {d.message}"


def reload(root: Path, story: Story, session: Session, check: StoryCheck) -> Reloaded:
    """Load the story again and move the session onto it, through its own save format.

    When the new files have errors (loading or lint), nothing changes: the last good story and
    session carry on, and the diagnostics say why.
    """
    fresh, diagnostics, errors = load_checked(root, check)
    if fresh is None:
        return Reloaded(story, session, False, errors)
    try:
        moved, notes = Session.from_json(fresh, session.to_json())
    except SessionError as err:
        moved, notes = Session.start(fresh, session.cast, seed=session.seed), [f"{err}; started again"]
    return Reloaded(fresh, moved, True, diagnostics, notes)


def overlay_lines(session: Session) -> list[str]:
    """What the overlay shows: the node (and how it was reached) and every variable."""
    lines = [f"node {session.node_id}  turn {session.turn}"]
    if session.stuck:
        lines.append(f"stuck: {session.stuck}")
    for name, value in session.variables().items():
        lines.append(f"{name} = {format_value(value)}")
    return lines


CONSOLE_HELP = ("goto NODE [NAME=VALUE ...] · set NAME=VALUE ... · vars · nodes [TEXT] · "
                "reload · help")
COMMANDS = ("goto", "set", "vars", "nodes", "reload", "help")


class ConsoleError(ValueError):
    """A console line that cannot be run; the message says what to type instead."""


def _assignments(session: Session, words: list[str]) -> dict[str, str]:
    """NAME=VALUE words, each checked against the story's variables."""
    out: dict[str, str] = {}
    names = list(session.story.variables)
    for word in words:
        name, sep, value = word.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ConsoleError(f"'{word}' is not NAME=VALUE")
        if name not in session.story.variables:
            raise ConsoleError(f"no variable '{name}'{suggest(name, names)}")
        out[name] = value.strip()
    return out


def console(session: Session, command: str) -> tuple[Session, str]:
    """Run one console line; returns the session to carry on with and a reply to show.

    ``reload`` is not run here (it needs the story's folder): the window handles it.
    """
    word, _, rest = command.strip().partition(" ")
    words = rest.split()
    story = session.story
    try:
        if word == "goto":
            if not words:
                raise ConsoleError("goto wants a node: goto NODE [NAME=VALUE ...]")
            target = words[0]
            if target not in story.nodes:
                raise ConsoleError(f"no node '{target}'{suggest(target, list(story.nodes))}")
            values = dict(session.variables())
            values.update(_assignments(session, words[1:]))
            moved = Session.start(story, session.cast, at=target, values=values,
                                  seed=session.seed)
            where = f"at {moved.node_id}"
            if moved.node_id != target:
                where += f" (routed on from {target})"
            wanted = _assignments(session, words[1:])
            return moved, where + _values_note(moved, words[1:]) + _clamped(moved, wanted)
        if word == "set":
            if not words:
                raise ConsoleError("set wants NAME=VALUE")
            wanted = _assignments(session, words)
            for name, value in wanted.items():  # every value checked before any is set
                coerce(story.variables[name], value)
            for name, value in wanted.items():
                session.set_value(name, value)
            return session, _values_note(session, words).lstrip(" ·") + _clamped(session, wanted)
        if word == "vars":
            return session, ", ".join(overlay_lines(session)[1:]) or "no variables"
        if word == "nodes":
            found = [n for n in story.nodes if rest.strip() in n]
            shown = ", ".join(found[:30]) + (f" … and {len(found) - 30} more"
                                             if len(found) > 30 else "")
            return session, shown or f"no node has '{rest.strip()}' in its id"
    except (ConsoleError, SessionError) as err:
        return session, str(err)
    if word and word != "help":
        hint = suggest(word, list(COMMANDS)) or "."
        return session, f"no command '{word}'{hint} Commands: {CONSOLE_HELP}"
    return session, CONSOLE_HELP


def _values_note(session: Session, words: list[str]) -> str:
    names = [w.partition("=")[0].strip() for w in words]
    if not names:
        return ""
    return " · " + ", ".join(f"{n} = {format_value(session.value(n))}" for n in names)


def _clamped(session: Session, wanted: dict[str, str]) -> str:
    """A word on the values that were held to their declared bounds."""
    held = []
    for name, typed in wanted.items():
        var = session.story.variables[name]
        try:
            number = float(typed)
        except ValueError:
            continue
        if var.type not in ("number", "integer") or number == session.value(name):
            continue
        if var.min is not None and var.max is not None:
            held.append(f"{name} stays within {format_value(var.min)}..{format_value(var.max)}")
        elif var.max is not None:
            held.append(f"{name} is at most {format_value(var.max)}")
        else:
            held.append(f"{name} is at least {format_value(var.min)}")
    return f" ({'; '.join(held)})" if held else ""


def complete(session: Session, line: str) -> str:
    """Tab completion: the command, a node id after ``goto``, a variable name before ``=``."""
    typed = line.lstrip()
    lead = line[: len(line) - len(typed)]
    return lead + _complete(session, typed)


def _complete(session: Session, line: str) -> str:
    head, space, last = line.rpartition(" ")
    if not space:
        options = [c for c in COMMANDS if c.startswith(line)]
    elif head.split() == ["goto"]:
        options = [n for n in session.story.nodes if n.startswith(last)]
    elif "=" not in last:
        options = [f"{v}=" for v in session.story.variables if v.startswith(last)]
    else:
        options = []
    if not options:
        return line
    common = os.path.commonprefix(options)
    if len(options) == 1 and not common.endswith("="):
        common += " "
    return f"{head}{space}{common}" if len(common) >= len(last) else line
