"""Developer mode's answer to a story that does not load at launch: its diagnostics, shown
until a save fixes them, and then play begins (as an editor with live preview would).
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app import dev
from game.app.keymods import ctrl
from game.app.render import devpanels
from game.app.screen import Screen, Window
from game.app.transitions import Next, Quit, Replace
from game.story.diagnostics import Diagnostic
from game.story.launch import UsageError, start_session
from game.story.model import Story

NOTE = ("Developer mode watches the story's files: save a fix and play begins. "
        "Ctrl+R looks again now; Esc quits.")


class DevWaitScreen(Screen):
    name = "dev-wait"

    def __init__(self, app: Window, root: Path):
        super().__init__(app)
        self.root = dev.story_folder(Path(root))
        self.elapsed = 0.0
        self.watcher = dev.StoryWatcher(self.root, clock=lambda: self.elapsed)
        self.failed: list[Diagnostic] = []
        self.problem = ""
        self.ready: Story | None = None  # passed while this screen was being made: play it
        self.check(begin=False)

    def check(self, begin: bool = True) -> Next:
        """Load the story by developer mode's rule; play it when it passes (once this screen
        is showing, so play is never opened beneath it)."""
        story, _, self.failed = dev.load_checked(self.root, self.app.services.check)
        if story is not None and not begin:
            self.ready = story
        elif story is not None:
            return self.begin(story)
        return None

    def begin(self, story: Story) -> Next:
        """Play ``story`` as the launch options say; when they do not fit it, say why here."""
        try:
            session = start_session(story, self.app.services.options)
        except UsageError as err:
            self.problem = str(err)
            return None
        self.problem = ""
        return Replace("play", session=session)

    def update(self, dt: float) -> Next:
        self.elapsed += dt
        if self.ready is not None:
            story, self.ready = self.ready, None
            return self.begin(story)
        if self.watcher.changed():
            return self.check()
        return None

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Quit(0)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_r and ctrl(event):
            return self.check()
        return None

    def title(self, count: int) -> str:
        name = self.root.resolve().name
        return (f"The story in {name}/ does not load yet: {count} "
                f"error{'s' * (count != 1)}. Waiting for a fix.")

    def spoken(self) -> str | None:
        """What the panel says: how many errors, the first of them, and what to do."""
        lines = [dev.shown(d, self.root) for d in self.failed]
        if self.problem:
            lines.append(self.problem)
        first = f" {lines[0]}" if lines else ""
        return f"{self.title(len(lines))}{first} {NOTE}"

    def drive_hint(self) -> dict[str, str]:
        return {"action": "wait", "message": "the story does not load yet"}

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        surface.fill(pal.NIGHT_DEEP)
        lines = [dev.shown(d, self.root) for d in self.failed]
        if self.problem:
            lines.append(self.problem)
        rect = devpanels.draw_failure(surface, sv, lines, title=self.title(len(lines)))
        surface.blit(sv.text.line(NOTE, sv.font("sans", 16), pal.SEA_LIGHT),
                     (rect.x, rect.bottom + 18))
