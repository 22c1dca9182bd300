"""A calm error screen: what went wrong, in words, and a way back to the title."""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.widgets import Entry, Menu, blit_panel, vertical_gradient
from game.app.screen import Screen, Window
from game.app.transitions import Next, Quit, Replace


class ErrorScreen(Screen):
    name = "error"

    def __init__(self, app: Window, title: str, message: str):
        super().__init__(app)
        self.title = title
        self.message = message
        self.menu = Menu([Entry("Back to the title"), Entry("Quit")], 200, 512, 320, row=52)

    def handle_event(self, event: pygame.event.Event) -> Next:
        picked = self.menu.handle_event(event)
        if picked == 0 or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            return Replace("title")
        if picked == 1:
            return Quit(1, self.message)
        return None

    def spoken(self) -> str | None:
        """What went wrong, then the focused way on."""
        return f"{self.title}. {self.message} {self.menu.focused_label or ''}".strip()

    def update(self, dt: float) -> None:
        self.menu.update(dt)

    def drive_hint(self):
        return {"action": "error", "message": f"{self.title}: {self.message}"}

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        surface.blit(vertical_gradient(theme.SIZE, pal.NIGHT, pal.PLUM_DARK), (0, 0))
        rect = pygame.Rect(160, 110, 960, 520)
        blit_panel(surface, rect, radius=28, shadow=12, pal=pal)
        surface.blit(sv.text.line(self.title, sv.font("serif", 38), pal.INK), (200, 150))
        body = sv.text.block(self.message, sv.font("sans", 19), pal.INK_SOFT, 880, 28)
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(200, 214, 880, 280))
        body.draw(surface, 200, 214)
        surface.set_clip(clip)
        self.menu.draw(surface, sv)
