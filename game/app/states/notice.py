"""A short notice over the screen below it (for example: the story changed since a save)."""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.veil import darken
from game.app.render.widgets import Entry, Menu, blit_panel
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop

W = 720


class NoticeScreen(Screen):
    name = "notice"
    opaque = False

    def __init__(self, app: Window, title: str, lines: list[str]):
        super().__init__(app)
        self.title = title
        self.lines = list(lines)
        self.rect = pygame.Rect((theme.WIDTH - W) // 2, 0, W, 0)
        self.menu = Menu([Entry("Carry on")], 0, 0, 240, row=50)
        self._layout()

    def _layout(self) -> None:
        body = self._body()
        h = 40 + 48 + body.height + 30 + 50 + 24
        self.rect = pygame.Rect((theme.WIDTH - W) // 2, (theme.HEIGHT - h) // 2, W, h)
        self.menu.x = self.rect.x + 28
        self.menu.y = self.rect.bottom - 74

    def _body(self):
        pal = self.palette
        sv = self.app.services
        return sv.text.block(" ".join(self.lines), sv.font("serif", 20), pal.INK, W - 80, 30)

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN,
                                                          pygame.K_SPACE, pygame.K_KP_ENTER):
            return Pop(None)
        return Pop(None) if self.menu.handle_event(event) == 0 else None

    def spoken(self) -> str | None:
        return f"{self.title}. {' '.join(self.lines)}"

    def update(self, dt: float) -> None:
        self.menu.update(dt)

    def drive_hint(self):
        return {"action": "notice", "message": " ".join(self.lines)}

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        darken(surface, pal.NIGHT_DEEP, 150)
        blit_panel(surface, self.rect, radius=24, shadow=14, pal=pal)
        title = sv.text.line(self.title, sv.font("serif", 28), pal.INK)
        surface.blit(title, (self.rect.x + 40, self.rect.y + 36))
        self._body().draw(surface, self.rect.x + 40, self.rect.y + 92)
        self.menu.draw(surface, sv)
