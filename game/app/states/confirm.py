"""A question before something that cannot be taken back (quitting, leaving for the title):
two answers, the safe one focused first. It closes with ``Pop(True)`` for yes and
``Pop(False)`` for no; Esc, B on a pad or a right click are no."""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.veil import darken
from game.app.render.widgets import Entry, Menu, blit_panel
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop

W = 600


class ConfirmScreen(Screen):
    name = "confirm"
    opaque = False

    def __init__(self, app: Window, question: str, detail: str = "", yes: str = "Yes",
                 no: str = "No", topic: str = ""):
        super().__init__(app)
        self.question, self.detail = question, detail
        #: what is being confirmed ("quit", "title"): the opener reads it with the answer
        self.topic = topic
        sv, pal = app.services, self.palette
        title = sv.text.block(question, sv.font("serif", 27), pal.INK, W - 80, 34)
        body = sv.text.block(detail, sv.font("serif", 19), pal.INK, W - 80, 28) if detail \
            else None
        h = 32 + title.height + 14 + (body.height + 18 if body else 0) + 2 * 50 + 28
        self.rect = pygame.Rect((theme.WIDTH - W) // 2, (theme.HEIGHT - h) // 2, W, h)
        # the answer that loses nothing comes first and has the focus
        self.menu = Menu([Entry(no), Entry(yes)], self.rect.x + 28, self.rect.bottom - 128,
                         W - 56, row=50, size=21)

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_n) or \
                event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return Pop(False)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_y:
            return Pop(True)
        picked = self.menu.handle_event(event)
        return None if picked is None else Pop(picked == 1)

    def update(self, dt: float) -> None:
        self.menu.update(dt)

    def spoken(self) -> str | None:
        label = self.menu.focused_label
        return f"{self.question} {label}" if label else self.question

    def drive_hint(self):
        return {"action": "confirm", "question": self.question}

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        darken(surface, pal.NIGHT_DEEP, 160)
        blit_panel(surface, self.rect, radius=24, shadow=14, pal=pal)
        title = sv.text.block(self.question, sv.font("serif", 27), pal.INK, W - 80, 34)
        title.draw(surface, self.rect.x + 40, self.rect.y + 32)
        if self.detail:
            body = sv.text.block(self.detail, sv.font("serif", 19), pal.INK_SOFT, W - 80, 28)
            body.draw(surface, self.rect.x + 40, self.rect.y + 36 + title.height + 14)
        self.menu.draw(surface, sv)
