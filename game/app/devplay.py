"""Developer mode on screen: reload the story when a file of it is saved, keeping the place; the
overlay of the node and variables; the console; the diagnostics of a reload that failed.

Keys (only with ``lowtide play --dev``): F3 shows or hides the overlay; ` (backquote) or F2
opens the console; Ctrl+R reloads now. One ``DevMode`` lives for the run (in
``services.dev``, made by ``Services.dev_mode``); the play and ending screens host it in turn,
handing it their events first, their time and a place to draw, and taking the sessions it moves
them to (what they return then is where the window goes next).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Protocol

import pygame

from game.app import dev
from game.app.keep import Keeper
from game.app.keymods import ctrl
from game.app.render import devpanels
from game.app.render.images import Images
from game.app.render.text import Lettering
from game.app.transitions import Next, Push
from game.story.diagnostics import Diagnostic
from game.story.session import Session
from game.story.text import format_value

log = logging.getLogger("lowtide.app")

CONSOLE_KEYS = (pygame.K_BACKQUOTE, pygame.K_F2)
LOG_LIMIT = 200
NOTICE_SECONDS = 4.0


class Host(Protocol):
    """A screen developer mode works on: it shows a session and can carry on with another."""

    session: Session

    def replace(self, session: Session) -> Next:
        """Carry on with ``session``; what the window does next (None: stay)."""

    def update(self, dt: float) -> Next: ...


class DevMode:
    """Developer mode's state for one story folder."""

    def __init__(self, root: Path, keep: Keeper, images: Images, check: dev.StoryCheck):
        self.root = Path(root)
        self.keep = keep
        self.images = images
        self.check = check  # loading and lint: the rule a story must pass to be played
        self.host: Host | None = None
        self.elapsed = 0.0  # game time: the watcher polls by it, so driven runs stay exact
        self.watcher = dev.StoryWatcher(self.root, clock=lambda: self.elapsed)
        self.overlay = True
        self.failed: list[Diagnostic] = []
        self.reloads = 0
        self.log: list[str] = [dev.CONSOLE_HELP]
        self.history: list[str] = []
        self.notice = ""  # the overlay's word on the last reload, shown for a few seconds
        self.notice_left = 0.0
        #: where the overlay and the failure panel were last drawn (None: not shown)
        self.drawn: tuple[pygame.Rect | None, pygame.Rect | None] = (None, None)

    @property
    def session(self) -> Session:
        assert self.host is not None
        return self.host.session

    # -- time and input ---------------------------------------------------------------------

    def attach(self, host: Host) -> None:
        """Work on ``host`` from now on (the screen showing the story)."""
        self.host = host

    def update(self, dt: float) -> Next:
        self.elapsed += dt
        self.notice_left = max(0.0, self.notice_left - dt)
        if self.watcher.changed():
            return self.reload()
        return None

    @staticmethod
    def claims(event: pygame.event.Event) -> bool:
        """Whether ``event`` is one of the developer keys (the host then hands it over)."""
        if event.type != pygame.KEYDOWN:
            return False
        return event.key in (pygame.K_F3, *CONSOLE_KEYS) or (
            event.key == pygame.K_r and ctrl(event))

    def handle(self, event: pygame.event.Event) -> Next:
        """Act on a developer key (one ``claims`` accepted)."""
        if event.key == pygame.K_F3:
            self.overlay = not self.overlay
        elif event.key in CONSOLE_KEYS:
            return Push("console", mode=self, fade=False)
        else:
            return self.reload()
        return None

    # -- what it does -------------------------------------------------------------------------

    def reload(self) -> Next:
        """Load the story's files again; on errors keep the last good story and show why."""
        host = self.host
        assert host is not None
        session = host.session
        result = dev.reload(self.root, session.story, session, self.check)
        if not result.ok:
            self.failed = list(result.diagnostics)
            count = len(self.failed)
            self.say(f"reload failed with {count} error{'s' * (count != 1)}; "
                     "still playing the last good version")
            for d in self.failed:
                log.warning("%s", d.format())
            self.keep.sound("error")
            return None
        self.failed = []
        self.reloads += 1
        self.images.forget(self.root)
        notes = " ".join(result.notes)
        self.say(f"reloaded at {result.session.node_id}" + (f". {notes}" if notes else ""))
        stamp = time.strftime("%H:%M:%S")
        self.notice, self.notice_left = (f"reloaded at {stamp}" + (f": {notes}" if notes else ""),
                                         NOTICE_SECONDS)
        if not self.overlay:
            self.keep.say("Story reloaded" + (f". {notes}" if notes else ""))
        return host.replace(result.session)

    def run(self, line: str) -> Next:
        """Run one console line against the host's session; the reply goes to the log."""
        line = line.strip()
        if not line:
            return None
        self.history.append(line)
        self.say(f"> {line}")
        if line.split()[0] == "reload":
            return self.reload()
        host = self.host
        assert host is not None
        before = host.session
        session, reply = dev.console(before, line)
        self.say(reply)
        if session is not before or line.split()[0] == "set":
            return host.replace(session)
        return None

    def say(self, text: str) -> None:
        self.log.append(text)
        del self.log[:-LOG_LIMIT]

    # -- what it shows --------------------------------------------------------------------------

    def rows(self) -> list[tuple[str, bool]]:
        """The overlay's variable rows, each with whether the last reply changed it."""
        session = self.session
        before = session.steps[-1].before.values if session.steps else None
        out = []
        for var in session.story.variables.values():
            value = session.values[var.slot]
            changed = before is not None and before[var.slot] != value
            text = f"{var.id} = {format_value(value)}"
            if changed:
                text += f"  (was {format_value(before[var.slot])})"
            out.append((text, changed))
        return out

    def header(self) -> str:
        s = self.session
        scene = f"  scene {s.scene}" if s.scene else ""
        stuck = f"  stuck: {s.stuck}" if s.stuck else ""
        return f"{s.node_id}  turn {s.turn}{scene}{stuck}"

    def draw(self, surface: pygame.Surface, lettering: Lettering, left: int = 24) -> None:
        """The overlay (its left edge at ``left``, clear of the host's own panels) and the
        failed reload's diagnostics beside it."""
        sv = lettering
        beside = None
        if self.overlay:
            status = (f"watching {len(self.watcher.stamps)} files · reloaded {self.reloads}× · "
                      "F3 hides · ` console")
            notice = self.notice if self.notice_left > 0 else ""
            beside = devpanels.draw_overlay(surface, sv, self.header(), self.rows(), status,
                                            notice, left)
        failure = None
        if self.failed:
            failure = devpanels.draw_failure(
                surface, sv, [dev.shown(d, self.root) for d in self.failed], beside)
        self.drawn = (beside, failure)
