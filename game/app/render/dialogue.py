"""The dialogue box: the speaker's name, and a pre-laid-out text revealed as a typewriter."""

from __future__ import annotations

import math

import pygame

from game.app.render import theme
from game.app.render.text import TextBlock, TextCache
from game.app.render.widgets import blit_panel

TEXT_SIZE = 25
NAME_SIZE = 19
PAD_X, PAD_Y = 34, 24
LINE_HEIGHT = 36


class DialogueBox:
    def __init__(self, text: TextCache, fonts: theme.Fonts, rect: pygame.Rect):
        self.cache = text
        self.fonts = fonts
        self.rect = rect
        self.block: TextBlock | None = None
        self.name: pygame.Surface | None = None
        self.name_colour: tuple[int, int, int] | None = None  # the speaker's, else the palette's
        self.pal = theme.DEFAULT  # the palette the line was laid out in
        self.line: tuple[str | None, str, tuple[int, int, int] | None, bool] | None = None
        self.italic = False
        self.shown = 0.0
        self.clock = 0.0
        self.scale = 1.0  # the player's text size (1.0–2.0); the box grows to fit

    def set_line(self, name: str | None, text: str, colour: tuple[int, int, int] | None,
                 narration: bool) -> None:
        self.line = (name, text, colour, narration)
        self._lay_out()
        self.shown = 0.0

    def _lay_out(self) -> None:
        assert self.line is not None
        name, text, colour, narration = self.line
        pal = self.pal
        role = "serif-italic" if narration else "serif"
        ink = pal.INK_SOFT if narration else pal.INK
        font = self.fonts.get(role, round(TEXT_SIZE * self.scale))
        self.block = self.cache.block(text, font, ink, self.rect.w - 2 * PAD_X, self.line_height)
        self.name = None
        if name:
            self.name = self.cache.line(
                name, self.fonts.get("sans-bold", round(NAME_SIZE * self.scale)), pal.CREAM_LIGHT)
        self.name_colour = colour

    def text_height(self) -> int:
        return self.block.height if self.block else self.line_height

    @property
    def line_height(self) -> int:
        return round(LINE_HEIGHT * self.scale)

    def fit(self, bottom: int) -> None:
        """Size the box to its text, its bottom edge at ``bottom``."""
        h = max(self.text_height(), 2 * self.line_height) + 2 * PAD_Y + 8
        self.rect = pygame.Rect(self.rect.x, bottom - h, self.rect.w, h)

    @property
    def complete(self) -> bool:
        return self.block is None or self.shown >= self.block.chars

    def finish(self) -> None:
        if self.block is not None:
            self.shown = float(self.block.chars)

    def update(self, dt: float, speed: float) -> None:
        self.clock += dt
        if self.block is not None and self.shown < self.block.chars:
            self.shown = min(float(self.block.chars), self.shown + speed * dt)

    def draw(self, surface: pygame.Surface, show_more: bool, pal: theme.Palette) -> None:
        if pal is not self.pal and self.line is not None:  # the contrast setting changed
            self.pal = pal
            self._lay_out()
        r = self.rect
        blit_panel(surface, r, alpha=pal.solid(248), radius=22, shadow=10, pal=pal)
        if self.name is not None:
            tag = pygame.Rect(r.x + PAD_X - 14, r.y - 18, self.name.get_width() + 28,
                              max(36, self.name.get_height() + 10))
            blit_panel(surface, tag, self.name_colour or pal.TERRACOTTA, 255, radius=18,
                       pal=pal)
            surface.blit(self.name, (tag.x + 14, tag.centery - self.name.get_height() // 2))
        if self.block is not None:
            self.block.draw(surface, r.x + PAD_X, r.y + PAD_Y + 6, int(self.shown))
        if show_more and self.complete:
            bob = math.sin(self.clock * 3.2) * 3
            cx, cy = r.right - 30, r.bottom - 22 + bob
            pygame.draw.polygon(surface, pal.TERRACOTTA,
                                [(cx - 7, cy - 4), (cx + 7, cy - 4), (cx, cy + 4)])
