"""The quick menu under the dialogue, as in Ren'Py: Back, History, Skip, Auto, Save, Q.Save,
Q.Load, Settings.

The mouse clicks an item; the keyboard reaches the row with Q (or a pad's Y), moves along it
with Left/Right and uses an item with Enter; Q or Esc leaves the row. Skip and Auto show
whether they are on. It says which item was used; play does it.

The row sits on a dark backing, opaque enough that its light text reads at WCAG AA (4.5:1)
over any scene, even a white one, in either palette.
"""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.text import Lettering
from game.app.render.widgets import blit_panel

ITEMS = (("back", "Back"), ("history", "History"), ("skip", "Skip"), ("auto", "Auto"),
         ("save", "Save"), ("quick-save", "Q.Save"), ("quick-load", "Q.Load"),
         ("settings", "Settings"))
SIZE = 15
GAP = 6
BOTTOM = theme.HEIGHT - 2
BACKING_ALPHA = 222  # the backing over the scene: the text holds 4.5:1 even over white
LIT = 0.22  # how much lighter than the backing a pointed-at item's pill is


class QuickMenu:
    def __init__(self) -> None:
        self.rects: list[pygame.Rect] = []
        self.hover: int | None = None
        #: the item the keyboard is on; None when the row does not have the keyboard
        self.focus: int | None = None
        self.on: set[str] = set()  # items shown as switched on (skip, auto)

    def lay_out(self, lettering: Lettering) -> None:
        """Place the items centred along the bottom edge, under the dialogue."""
        font = lettering.font("sans-bold", SIZE)
        widths = [font.size(label)[0] + 22 for _, label in ITEMS]
        total = sum(widths) + GAP * (len(widths) - 1)
        x = (theme.WIDTH - total) // 2
        h = font.get_linesize() + 2  # clear of the replies above, which end 28 pixels up
        self.rects = []
        for w in widths:
            self.rects.append(pygame.Rect(x, BOTTOM - h, w, h))
            x += w + GAP

    @property
    def top(self) -> int:
        return min((r.top for r in self.rects), default=BOTTOM)

    @property
    def focused_label(self) -> str | None:
        return ITEMS[self.focus][1] if self.focus is not None else None

    def at(self, pos: tuple[int, int]) -> int | None:
        for i, r in enumerate(self.rects):
            if r.collidepoint(pos):
                return i
        return None

    def handle_event(self, event: pygame.event.Event) -> str | None:
        """The key of the item this event used, "" when the event was the row's own (moving
        along it), None when it is not the quick menu's."""
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.at(event.pos)
            return None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            i = self.at(event.pos)
            return ITEMS[i][0] if i is not None else None
        if event.type != pygame.KEYDOWN or self.focus is None:
            return None
        k = event.key
        if k in (pygame.K_LEFT, pygame.K_UP):
            self.focus = (self.focus - 1) % len(ITEMS)
        elif k in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_TAB):
            self.focus = (self.focus + 1) % len(ITEMS)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return ITEMS[self.focus][0]
        elif k in (pygame.K_ESCAPE, pygame.K_q):
            self.focus = None
        else:
            return None
        return ""

    def reach(self) -> None:
        """Give the row the keyboard (Q), or take it back."""
        self.focus = 0 if self.focus is None else None

    def backing(self) -> pygame.Rect:
        """The dark strip the row sits on: round at the top, running off the bottom edge."""
        first, last = self.rects[0], self.rects[-1]
        return pygame.Rect(first.x - 10, first.y - 1, last.right - first.x + 20,
                           theme.HEIGHT - first.y + 16)

    def draw(self, surface: pygame.Surface, lettering: Lettering) -> None:
        pal = lettering.palette
        if not self.rects:
            self.lay_out(lettering)
        back = self.backing()
        blit_panel(surface, back, pal.NIGHT_DEEP, pal.solid(BACKING_ALPHA), radius=14, pal=pal)
        font = lettering.font("sans-bold", SIZE)
        for i, ((key, label), rect) in enumerate(zip(ITEMS, self.rects)):
            lit = i == self.focus or i == self.hover
            on = key in self.on
            if on:
                blit_panel(surface, rect, pal.AMBER, pal.solid(230), radius=rect.h // 2,
                           pal=pal)
            elif lit:  # an opaque pill a little lighter than the backing
                under = surface.get_at(rect.midleft)[:3]
                pygame.draw.rect(surface, theme.mix(pal.CREAM_LIGHT, under, LIT), rect,
                                 border_radius=rect.h // 2)
            ink = pal.NIGHT_DEEP if on else (pal.STAR if lit else pal.CREAM_DARK)
            text = lettering.text.line(label, font, ink)
            surface.blit(text, text.get_rect(center=rect.center))
            if i == self.focus:
                pygame.draw.rect(surface, pal.AMBER, rect.inflate(4, 4), 2,
                                 border_radius=rect.h // 2 + 2)
