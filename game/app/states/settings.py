"""Settings: show the dynamics, text speed, full screen. Saved through game.app.persist."""

from __future__ import annotations

import pygame

from game.app import saves
from game.app.render import theme
from game.app.render.widgets import Entry, Menu, blit_panel, vertical_gradient
from game.app.screen import Screen

SPEEDS = ((30.0, "slow"), (45.0, "gentle"), (80.0, "quick"), (400.0, "instant"))


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app):
        super().__init__(app)
        self.menu = Menu(self._entries(), 300, 250, 680, row=58)

    def _entries(self) -> list[Entry]:
        s = self.app.services.settings
        speed = min(SPEEDS, key=lambda p: abs(p[0] - s.text_speed))[1]
        return [
            Entry("Show the dynamics while playing", note="on" if s.show_dynamics else "off"),
            Entry("Text speed", note=speed),
            Entry("Full screen (F11)", note="on" if s.fullscreen else "off"),
            Entry("Back"),
        ]

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss(None)
            return
        picked = self.menu.handle_event(event)
        s = self.app.services.settings
        if picked == 0:
            s.show_dynamics = not s.show_dynamics
        elif picked == 1:
            i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k][0] - s.text_speed))
            s.text_speed = SPEEDS[(i + 1) % len(SPEEDS)][0]
        elif picked == 2:
            s.fullscreen = not s.fullscreen
            self.app.toggle_fullscreen()
        elif picked == 3:
            self.dismiss(None)
            return
        if picked is not None:
            saves.save_settings(s)
            focus = self.menu.focus
            self.menu.entries = self._entries()
            self.menu.focus = focus

    def update(self, dt: float) -> None:
        self.menu.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        sv = self.app.services
        surface.blit(vertical_gradient(theme.SIZE, theme.NIGHT, theme.TEAL), (0, 0))
        rect = pygame.Rect(240, 110, 800, 480)
        blit_panel(surface, rect, radius=28, shadow=12)
        surface.blit(sv.text.line("Settings", sv.font("serif", 40), theme.INK), (300, 150))
        self.menu.draw(surface, sv.text, sv.fonts)
        note = sv.text.block(
            "The dynamics panel shows the partner's tracked state live, and marks each reply "
            "with its kind, for players who want to learn how he reacts.",
            sv.font("serif-italic", 18), theme.INK_SOFT, 680, 26)
        note.draw(surface, 300, 500)
