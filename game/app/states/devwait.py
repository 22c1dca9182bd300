"""Developer mode's answer to a story that does not load at launch: its diagnostics, shown
until a save fixes them, and then play begins (as an editor with live preview would).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.app import dev, devplay
from game.app.render import devpanels, theme
from game.app.screen import Screen
from game.story.diagnostics import Diagnostic
from game.story.load import load_story
from game.story.model import Story
from game.tools.checks import run_checks


class DevWaitScreen(Screen):
    name = "dev-wait"

    def __init__(self, app, root: Path, begin: Callable[[Story], str | None]):
        super().__init__(app)
        self.root = Path(root)
        self.begin = begin  # starts play with a story that loads; a message when it cannot
        self.elapsed = 0.0
        self.watcher = dev.StoryWatcher(self.root, clock=lambda: self.elapsed)
        self.failed: list[Diagnostic] = []
        self.problem = ""
        self.check()

    def check(self) -> None:
        """Load the story; play it when it loads and lints without errors."""
        story, diagnostics = load_story(self.root)
        if story is not None:
            diagnostics = diagnostics + run_checks(story)
        self.failed = [d for d in diagnostics if d.severity == "error"]
        if story is not None and not self.failed:
            self.problem = self.begin(story) or ""

    def update(self, dt: float) -> None:
        self.elapsed += dt
        if self.watcher.changed():
            self.check()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit(0)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_r and \
                getattr(event, "mod", 0) & pygame.KMOD_CTRL:
            self.check()

    def drive_hint(self):
        return {"action": "wait", "message": "the story does not load yet"}

    def draw(self, surface: pygame.Surface) -> None:
        sv = self.app.services
        surface.fill(theme.NIGHT_DEEP)
        lines = [devplay._relative(d, self.root) for d in self.failed]
        if self.problem:
            lines.append(self.problem)
        rect = devpanels.draw_failure(surface, sv, lines, title=(
            f"The story in {self.root.name}/ does not load yet: {len(lines)} "
            f"error{'s' * (len(lines) != 1)}. Waiting for a fix."))
        note = ("Developer mode watches the story's files: save a fix and play begins. "
                "Ctrl+R looks again now; Esc quits.")
        surface.blit(sv.text.line(note, sv.font("sans", 16), theme.SEA_LIGHT),
                     (rect.x, rect.bottom + 18))
