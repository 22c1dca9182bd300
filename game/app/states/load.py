"""Load: the saved games game.app.persist can list; a calm note when there are none."""

from __future__ import annotations

import pygame

from game.app import flow, saves
from game.app.render import theme
from game.app.render.widgets import Entry, Menu, blit_panel, vertical_gradient
from game.app.screen import Screen


class LoadScreen(Screen):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.saves = saves.listing()
        entries = [Entry(label) for label, _, _ in self.saves] + [Entry("Back")]
        self.menu = Menu(entries, 300, 230, 680, row=56)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss(None)
            return
        picked = self.menu.handle_event(event)
        if picked is None:
            return
        if picked >= len(self.saves):
            self.dismiss(None)
            return
        from game.app.catalog import load_entry

        _, folder, data = self.saves[picked]
        entry = load_entry(folder)
        if entry.story is None:
            flow.show_error(self.app, "The saved story cannot be played",
                            "\n".join(entry.problems[:8]))
            return
        flow.resume(self.app, entry.story, data)

    def update(self, dt: float) -> None:
        self.menu.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        sv = self.app.services
        surface.blit(vertical_gradient(theme.SIZE, theme.NIGHT, theme.TEAL), (0, 0))
        rect = pygame.Rect(240, 110, 800, 500)
        blit_panel(surface, rect, radius=28, shadow=12)
        surface.blit(sv.text.line("Load", sv.font("serif", 40), theme.INK), (300, 150))
        if not self.saves:
            note = sv.text.line("No saved games yet.", sv.font("serif-italic", 21),
                                theme.INK_SOFT)
            surface.blit(note, (300, 200))
        self.menu.draw(surface, sv.text, sv.fonts)
