"""The pause menu over play: resume, save, load, history, the paths, endings, settings, take
back a reply, title, quit. It closes with the chosen key, and play (beneath) opens the page."""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.veil import darken
from game.app.render.widgets import Entry, Menu, blit_panel
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop

W, H = 460, 644
ENTRIES = (
    ("resume", "Resume", "Esc"),
    ("save", "Save", ""),
    ("load", "Load", ""),
    ("history", "History", "L"),
    ("flowchart", "The paths so far", ""),
    ("endings", "Endings found", ""),
    ("settings", "Settings", ""),
    ("help", "Keys and buttons", "F1"),
    # no key: Backspace steps back a line of the node first, and only then the reply
    ("rewind", "Take back the last reply", ""),
    ("title", "Back to the title", ""),
    ("quit", "Quit the game", ""),
)


class PauseScreen(Screen):
    name = "pause"
    opaque = False

    def __init__(self, app: Window, can_rewind: bool = False, focus: str | None = None):
        super().__init__(app)
        self.can_rewind = can_rewind
        self.rect = pygame.Rect((theme.WIDTH - W) // 2, (theme.HEIGHT - H) // 2, W, H)
        self.menu = Menu(self._entries(), self.rect.x + 30, self.rect.y + 92, W - 60, row=49,
                         size=22)
        keys = [key for key, _, _ in ENTRIES]
        if focus in keys:  # back from a page: on the entry that opened it
            self.menu.focus = keys.index(focus)
        self.t = 0.0

    def _entries(self) -> list[Entry]:
        return [Entry(label, enabled=(key != "rewind" or self.can_rewind), note=note)
                for key, label, note in ENTRIES]

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE or \
                event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return Pop("resume")
        picked = self.menu.handle_event(event)
        return Pop(ENTRIES[picked][0]) if picked is not None else None

    def spoken(self) -> str | None:
        return self.menu.focused_label

    def update(self, dt: float) -> None:
        self.t = min(1.0, self.t + dt / 0.2)
        self.menu.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        darken(surface, pal.NIGHT_DEEP, int(140 * self.t))
        blit_panel(surface, self.rect, radius=26, shadow=14, pal=pal)
        sv = self.app.services
        title = sv.text.line("Paused", sv.font("serif", 38), pal.INK)
        surface.blit(title, (self.rect.x + 36, self.rect.y + 30))
        self.menu.draw(surface, sv)

