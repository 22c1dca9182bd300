"""The replies on offer, as soft pills below the dialogue box.

Picked with the mouse, the number keys, or the arrows and Enter. Input is ignored for a short
moment after the list appears, so the press that finished the line cannot pick a reply too.
"""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.text import TextBlock, TextCache
from game.app.render.widgets import blit_panel

SIZE = 21
GAP = 10
PAD_X, PAD_Y = 54, 12
GUARD = 0.25  # seconds


class ChoiceList:
    def __init__(self, text: TextCache, fonts: theme.Fonts, x: int, width: int):
        self.cache, self.fonts = text, fonts
        self.x, self.width = x, width
        self.items: list[tuple[str, str | None]] = []
        self.blocks: list[TextBlock] = []
        self.rects: list[pygame.Rect] = []
        self.focus = 0
        self.keyboard = False
        self.age = 0.0
        self.glow: list[float] = []
        self.scale = 1.0  # the player's text size (1.0–2.0)
        self.shrink = 1.0  # how much smaller than ``scale`` the replies are drawn to fit
        self.tags: list[pygame.Surface | None] = []
        self._tag_specs: list[tuple[str, tuple] | None] = []
        self.pal = theme.DEFAULT  # the palette the replies were last laid out in

    def set(self, items: list[tuple[str, str | None]], tags: list[tuple[str, tuple] | None]) -> None:
        """``items`` are (text, kind); ``tags`` an optional (label, colour) to show per item."""
        self.items = items
        self._tag_specs = list(tags)
        self.shrink = 1.0
        self._lay_out()
        self.focus = 0
        self.keyboard = False
        self.age = 0.0
        self.glow = [0.0] * len(items)

    @property
    def size(self) -> float:
        """The scale the replies are drawn at: the player's text size, shrunk to fit."""
        return self.scale * self.shrink

    def _lay_out(self) -> None:
        font = self.fonts.get("sans", round(SIZE * self.size))
        tag_font = self.fonts.get("sans", round(14 * max(1.0, self.size * 0.8)))
        self.tags = [self.cache.line(t[0], tag_font, t[1]) if t else None
                     for t in self._tag_specs]
        room = self.width - self.pad_x - 24 - max(
            (t.get_width() + 16 for t in self.tags if t), default=0)
        self.blocks = [self.cache.block(text, font, self.pal.INK, room, round(28 * self.size))
                       for text, _ in self.items]

    @property
    def pad_x(self) -> int:
        """Room at the left of a reply for its number badge, grown with the text."""
        return round(PAD_X * max(1.0, self.size * 0.85))

    def fit(self, x: int, width: int, room: int, smallest: float = 1.0) -> None:
        """Lay the replies out ``width`` wide at ``x``, drawn smaller (never below
        ``smallest`` of normal size) until they take at most ``room`` pixels of height."""
        self.x, self.width = x, width
        self.shrink = 1.0
        self._lay_out()
        while self.height() > room and self.size > smallest + 1e-6:
            self.shrink = max(smallest / self.scale, self.shrink - 0.05)
            self._lay_out()

    def height(self) -> int:
        return sum(b.height + 2 * PAD_Y + GAP for b in self.blocks) - (GAP if self.blocks else 0)

    def place(self, top: int) -> None:
        self.rects = []
        y = top
        for b in self.blocks:
            h = b.height + 2 * PAD_Y
            self.rects.append(pygame.Rect(self.x, y, self.width, h))
            y += h + GAP

    def clear(self) -> None:
        self.items, self.blocks, self.rects, self.glow = [], [], [], []

    def at(self, pos: tuple[int, int]) -> int | None:
        for i, r in enumerate(self.rects):
            if r.collidepoint(pos):
                return i
        return None

    def handle_event(self, event: pygame.event.Event) -> int | None:
        """The position of the reply picked by this event, if any."""
        if not self.items:
            return None
        ready = self.age >= GUARD
        if event.type == pygame.KEYDOWN:
            n = len(self.items)
            if event.key in (pygame.K_DOWN, pygame.K_TAB):
                self.focus = (self.focus + 1) % n if self.keyboard else 0
                self.keyboard = True
            elif event.key == pygame.K_UP:
                self.focus = (self.focus - 1) % n if self.keyboard else n - 1
                self.keyboard = True
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and ready and self.keyboard:
                return self.focus
            elif pygame.K_1 <= event.key <= pygame.K_9 and ready:
                i = event.key - pygame.K_1
                if i < n:
                    self.focus = i
                    return i
            elif pygame.K_KP1 <= event.key <= pygame.K_KP9 and ready:
                i = event.key - pygame.K_KP1
                if i < n:
                    return i
        elif event.type == pygame.MOUSEMOTION:
            i = self.at(event.pos)
            if i is not None:
                self.focus, self.keyboard = i, True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and ready:
            i = self.at(event.pos)
            if i is not None:
                self.focus = i
                return i
        return None

    def update(self, dt: float) -> None:
        self.age += dt
        for i in range(len(self.glow)):
            target = 1.0 if (i == self.focus and self.keyboard) else 0.0
            self.glow[i] += (target - self.glow[i]) * min(1.0, dt * 14)

    def draw(self, surface: pygame.Surface, pal: theme.Palette) -> None:
        if pal is not self.pal:  # the contrast setting changed: the text in its new ink
            self.pal = pal
            self._lay_out()
        appear = min(1.0, self.age / 0.3)
        num_font = self.fonts.get("sans-bold", round(18 * max(1.0, self.size * 0.85)))
        for i, (rect, block) in enumerate(zip(self.rects, self.blocks)):
            g = self.glow[i] if i < len(self.glow) else 0.0
            shift = int((1 - appear) * 12 * (i + 1))
            r = rect.move(int(8 * g), shift)
            colour = pal.CREAM_LIGHT if g < 0.5 else (255, 249, 238)
            blit_panel(surface, r, colour, int(pal.solid(244 + int(11 * g)) * appear),
                       radius=r.h // 2 if
                       r.h < 60 else 22, shadow=4, pal=pal)
            radius = round(14 * max(1.0, self.size * 0.85))
            # the badge sits level with the reply's first line, whatever the text size
            badge = (r.x + self.pad_x // 2 + 1, r.y + PAD_Y + block.line_height // 2)
            focused = g > 0.5
            dot = pal.BADGE_FOCUS if focused else pal.BADGE
            pygame.draw.circle(surface, dot, badge, radius)
            num = self.cache.line(str(i + 1), num_font,
                                  pal.BADGE_FOCUS_TEXT if focused else pal.BADGE_TEXT)
            surface.blit(num, num.get_rect(center=badge))
            block.draw(surface, r.x + self.pad_x, r.y + PAD_Y, alpha=int(255 * appear))
            tag = self.tags[i] if i < len(self.tags) else None
            if tag is not None:
                surface.blit(tag, (r.right - tag.get_width() - 22, r.y + PAD_Y + 6))
