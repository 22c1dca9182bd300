"""The pause menu over play: resume, show the dynamics, take back a reply, title, quit."""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.widgets import Entry, Menu, blit_panel
from game.app.screen import Screen

W, H = 460, 420


class PauseScreen(Screen):
    name = "pause"
    opaque = False

    def __init__(self, app, play):
        super().__init__(app)
        self.play = play
        self.rect = pygame.Rect((theme.WIDTH - W) // 2, (theme.HEIGHT - H) // 2, W, H)
        self.menu = Menu(self._entries(), self.rect.x + 30, self.rect.y + 100, W - 60, row=54)
        self.t = 0.0

    def _entries(self) -> list[Entry]:
        dyn = "on" if self.app.services.settings.show_dynamics else "off"
        return [
            Entry("Resume"),
            Entry("Show the dynamics", note=dyn),
            Entry("Take back the last reply", enabled=self.play.session.can_rollback),
            Entry("Back to the title"),
            Entry("Quit the game"),
        ]

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss("resume")
            return
        picked = self.menu.handle_event(event)
        if picked == 0:
            self.dismiss("resume")
        elif picked == 1:
            settings = self.app.services.settings
            settings.show_dynamics = not settings.show_dynamics
            from game.app import saves

            saves.save_settings(settings)
            focus = self.menu.focus
            self.menu.entries = self._entries()
            self.menu.focus = focus
            self.play.enter_node_tags()
        elif picked == 2:
            self.dismiss("rewind")
        elif picked == 3:
            self.dismiss("title")
        elif picked == 4:
            self.dismiss("quit")

    def update(self, dt: float) -> None:
        self.t = min(1.0, self.t + dt / 0.2)
        self.menu.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        veil = _veil()
        veil.set_alpha(int(140 * self.t))
        surface.blit(veil, (0, 0))
        blit_panel(surface, self.rect, radius=26, shadow=14)
        sv = self.app.services
        title = sv.text.line("Paused", sv.font("serif", 38), theme.INK)
        surface.blit(title, (self.rect.x + 36, self.rect.y + 30))
        self.menu.draw(surface, sv.text, sv.fonts)


_V: list[pygame.Surface] = []


def _veil() -> pygame.Surface:
    if not _V:
        s = pygame.Surface(theme.SIZE)
        s.fill(theme.NIGHT_DEEP)
        _V.append(s)
    return _V[0]
