"""Shared pieces of the look: soft rounded panels, gradients, and a menu of choices.

``Menu`` handles its own keys (arrows, Enter, number keys) and mouse (hover, click) and says
which entry was activated; the screen that owns it decides what that means.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from game.app.render.text import Lettering
from game.app.render.theme import Palette

Colour = tuple[int, int, int]


def panel(size: tuple[int, int], colour: Colour | None = None, alpha: int | None = None,
          radius: int = 18, shadow: int = 0, *, pal: Palette) -> pygame.Surface:
    """A rounded panel (cached), optionally with a soft shadow of ``shadow`` pixels; the
    palette's panel colour and opacity unless given."""
    return _panel(size, pal.PANEL if colour is None else colour,
                  pal.PANEL_ALPHA if alpha is None else alpha, radius, shadow, pal.NIGHT_DEEP)


@lru_cache(maxsize=128)
def _panel(size: tuple[int, int], colour: Colour, alpha: int, radius: int,
           shadow: int, shade: Colour) -> pygame.Surface:
    w, h = size
    pad = shadow
    surf = pygame.Surface((w + 2 * pad, h + 2 * pad + pad // 2), pygame.SRCALPHA)
    if shadow:
        for i in range(shadow, 0, -2):
            a = int(28 * (1 - i / (shadow + 1)))
            rect = pygame.Rect(pad - i, pad - i + pad // 2, w + 2 * i, h + 2 * i)
            pygame.draw.rect(surf, (*shade, a), rect, border_radius=radius + i)
    pygame.draw.rect(surf, (*colour, alpha), (pad, pad, w, h), border_radius=radius)
    return surf


def forget() -> None:
    """Empty the drawing caches below (bounded, keyed by sizes and colours of the layout):
    called when a run ends, so nothing drawn outlives the window it was drawn for."""
    _panel.cache_clear()
    vertical_gradient.cache_clear()
    _fade_strip.cache_clear()


def blit_panel(target: pygame.Surface, rect: pygame.Rect, colour: Colour | None = None,
               alpha: int | None = None, radius: int = 18, shadow: int = 0, *,
               pal: Palette) -> None:
    """A panel at ``rect``: the palette's panel colour and opacity unless given (so high
    contrast's opaque panels reach every screen)."""
    surf = panel((rect.w, rect.h), colour, alpha, radius, shadow, pal=pal)
    target.blit(surf, (rect.x - shadow, rect.y - shadow))


@lru_cache(maxsize=16)
def vertical_gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> pygame.Surface:
    w, h = size
    small = pygame.Surface((1, 2))
    small.set_at((0, 0), top)
    small.set_at((0, 1), bottom)
    return pygame.transform.smoothscale(small, (w, h)).convert() if pygame.display.get_surface() \
        else pygame.transform.smoothscale(small, (w, h))


@lru_cache(maxsize=32)
def _fade_strip(width: int, height: int, colour: Colour, solid_at_top: bool) -> pygame.Surface:
    strip = pygame.Surface((width, height), pygame.SRCALPHA)
    for i in range(height):
        k = 1 - (i + 0.5) / height  # 1 at the solid edge, towards 0 inside
        y = i if solid_at_top else height - 1 - i
        pygame.draw.line(strip, (*colour, int(255 * k * k)), (0, y), (width - 1, y))
    return strip


def fade_edges(surface: pygame.Surface, rect: pygame.Rect, *, top: Colour | None = None,
               bottom: Colour | None = None, size: int = 26) -> None:
    """Soften the edges of a scrolled area: text running under an edge fades into the colour
    behind it (``top``, ``bottom``: that colour; None leaves the edge sharp)."""
    size = max(1, min(size, rect.h // 3))
    if top is not None:
        surface.blit(_fade_strip(rect.w, size, tuple(top[:3]), True), rect.topleft)
    if bottom is not None:
        surface.blit(_fade_strip(rect.w, size, tuple(bottom[:3]), False),
                     (rect.x, rect.bottom - size))


def ease_scroll(scroll: float, target: float, dt: float, reduced_motion: bool) -> float:
    """Where a smooth scroll is after ``dt`` seconds on its way to ``target`` (there at once
    with reduced motion)."""
    if reduced_motion:
        return target
    scroll += (target - scroll) * min(1.0, dt * 14)
    return target if abs(target - scroll) < 0.5 else scroll


def scroll_thumb(top: int, height: int, total: float, scroll: float) -> tuple[int, int]:
    """The top and the height of a scroll bar's thumb, for ``height`` pixels in view of
    ``total`` scrolled by ``scroll``."""
    view = max(1, height)
    most = max(1.0, total - view)
    h = max(30, int(view * view / max(total, view)))
    return top + int((view - h) * min(1.0, max(0.0, scroll / most))), h


def scrollbar(surface: pygame.Surface, x: int, top: int, height: int, total: float,
              scroll: float, track: Colour, thumb: Colour, width: int = 4) -> pygame.Rect:
    """A thin track with a thumb showing which part of ``total`` is in view; the thumb's rect."""
    pygame.draw.rect(surface, track, (x - width // 2, top, width, max(1, height)),
                     border_radius=width)
    y, h = scroll_thumb(top, height, total, scroll)
    rect = pygame.Rect(x - width // 2 - 1, y, width + 2, h)
    pygame.draw.rect(surface, thumb, rect, border_radius=width)
    return rect


@dataclass
class Entry:
    label: str
    enabled: bool = True
    note: str = ""


class Menu:
    """A vertical list of entries: keyboard (arrows, Enter, numbers) and mouse alike."""

    def __init__(self, entries: list[Entry], x: int, y: int, width: int, *, row: int = 52,
                 font_role: str = "sans", size: int = 24, numbered: bool = False,
                 light: bool = False, focused: bool = True):
        self.entries = entries
        self.x, self.y, self.width, self.row = x, y, width, row
        self.font_role, self.size = font_role, size
        self.numbered = numbered
        self.light = light  # light text on a dark background
        #: the entry Enter would use; None until the player moves into a menu made with
        #: ``focused=False``, so no stray key press can use an entry nobody chose
        self.focus: int | None = next((i for i, e in enumerate(entries) if e.enabled), 0) \
            if focused else None
        self.glow = [0.0] * len(entries)

    @property
    def focused_label(self) -> str | None:
        """The focused entry's label (what self-voicing reads), None when nothing has focus."""
        if self.focus is None or not 0 <= self.focus < len(self.entries):
            return None
        entry = self.entries[self.focus]
        return entry.label if entry.enabled else f"{entry.label}, unavailable"

    def rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(self.x, self.y + i * self.row, self.width, self.row - 8)

    def move(self, step: int) -> None:
        """Move the focus ``step`` entries on, over disabled ones, wrapping around."""
        n = len(self.entries)
        if not any(e.enabled for e in self.entries):
            return
        if self.focus is None:  # the first move into the menu lands on its first (or last) entry
            i = -1 if step > 0 else n
            step = 1 if step > 0 else -1
        else:
            i = self.focus
        for _ in range(n):
            i = (i + step) % n
            if self.entries[i].enabled:
                self.focus = i
                return

    def handle_event(self, event: pygame.event.Event) -> int | None:
        """The index of the entry activated by this event, if any."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_s, pygame.K_TAB):
                self.move(1)
            elif event.key in (pygame.K_UP, pygame.K_w):
                self.move(-1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                if self.focus is not None and self.entries and self.entries[self.focus].enabled:
                    return self.focus
            elif self.numbered and pygame.K_1 <= event.key <= pygame.K_9:
                i = event.key - pygame.K_1
                if i < len(self.entries) and self.entries[i].enabled:
                    self.focus = i
                    return i
        elif event.type == pygame.MOUSEMOTION:
            i = self.at(event.pos)
            if i is not None and self.entries[i].enabled:
                self.focus = i
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            i = self.at(event.pos)
            if i is not None and self.entries[i].enabled:
                self.focus = i
                return i
        return None

    def at(self, pos: tuple[int, int]) -> int | None:
        for i in range(len(self.entries)):
            if self.rect(i).collidepoint(pos):
                return i
        return None

    def update(self, dt: float) -> None:
        for i in range(len(self.glow)):
            target = 1.0 if i == self.focus else 0.0
            self.glow[i] += (target - self.glow[i]) * min(1.0, dt * 12)

    def draw(self, surface: pygame.Surface, lettering: Lettering) -> None:
        pal, text = lettering.palette, lettering.text
        font = lettering.font(self.font_role, self.size)
        for i, entry in enumerate(self.entries):
            rect = self.rect(i)
            g = self.glow[i]
            if g > 0.02:
                colour = pal.CREAM_LIGHT if self.light else pal.CREAM_DARK
                alpha = int((40 if self.light else 150) * g)
                blit_panel(surface, rect, colour, alpha, radius=rect.h // 2, pal=pal)
            if self.light:
                colour = pal.STAR if entry.enabled else pal.GREY
            else:
                colour = pal.INK if entry.enabled else pal.GREY
            label = f"{i + 1}   {entry.label}" if self.numbered else entry.label
            line = text.line(label, font, colour)
            offset = int(6 * g)
            surface.blit(line, (rect.x + 22 + offset, rect.centery - line.get_height() // 2))
            if g > 0.02:
                dot = pal.AMBER if self.light else pal.TERRACOTTA
                pygame.draw.circle(surface, dot, (rect.x + 10, rect.centery), max(1, int(4 * g)))
            if entry.note:
                small = lettering.font("sans", max(14, self.size - 8))
                note = text.line(entry.note, small, pal.GREY)
                surface.blit(note, (rect.right - note.get_width() - 16,
                                    rect.centery - note.get_height() // 2))
