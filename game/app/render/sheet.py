"""The look the full-page menus share (saves, history, settings, endings): a dusk background,
one soft panel, a title, small round buttons for the mouse, and a line of key hints.
"""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.text import Lettering
from game.app.render.widgets import blit_panel, vertical_gradient

PANEL = pygame.Rect(40, 28, theme.WIDTH - 80, theme.HEIGHT - 56)
LEFT = PANEL.x + 44
TOP = PANEL.y + 34


def background(surface: pygame.Surface, services: Lettering) -> None:
    pal = services.palette
    surface.blit(vertical_gradient(theme.SIZE, pal.NIGHT, pal.TEAL), (0, 0))
    blit_panel(surface, PANEL, radius=28, shadow=12, pal=pal)


def title(surface: pygame.Surface, services: Lettering, text: str, kicker: str = "") -> int:
    """Draw the page title (and a small kicker above it); returns the y below it."""
    pal = services.palette
    y = TOP
    if kicker:
        small = services.text.line(kicker.upper(), services.font("sans-bold", 14), pal.DUSK)
        surface.blit(small, (LEFT, y))
        y += 22
    big = services.text.line(text, services.font("serif", 36), pal.INK)
    surface.blit(big, (LEFT, y))
    return y + big.get_height() + 12


def hints(surface: pygame.Surface, services: Lettering, text: str) -> None:
    pal = services.palette
    line = services.text.line(text, services.font("sans", 15), pal.INK_SOFT)
    surface.blit(line, (LEFT, PANEL.bottom - 22 - line.get_height()))


class Button:
    """A small pill the mouse can press (the keyboard has its own keys for the same thing)."""

    def __init__(self, label: str, rect: pygame.Rect, dark: bool = False):
        self.label = label
        self.rect = rect
        self.hover = False
        self.dark = dark  # drawn over a dark background

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.rect.collidepoint(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.rect.collidepoint(event.pos)
        return False

    def draw(self, surface: pygame.Surface, services: Lettering, active: bool = False) -> None:
        pal = services.palette
        if self.dark:
            fill, alpha, ink = (pal.SEA_LIGHT if self.hover else pal.SEA), 255, pal.STAR
        elif active:
            fill, alpha, ink = pal.PLUM, 255, pal.CREAM_LIGHT
        elif self.hover:
            fill, alpha, ink = pal.CREAM_DARK, 255, pal.INK
        else:
            fill, alpha, ink = pal.CREAM_DARK, 120, pal.INK
        blit_panel(surface, self.rect, fill, alpha, radius=self.rect.h // 2, pal=pal)
        line = services.text.line(self.label, services.font("sans-bold", 16), ink)
        surface.blit(line, line.get_rect(center=self.rect.center))


def back_button() -> Button:
    return Button("Back", pygame.Rect(PANEL.right - 44 - 110, PANEL.bottom - 58, 110, 36))


def ellipsis(text: str, font: pygame.font.Font, width: int) -> str:
    """``text`` cut with an ellipsis so it fits on one line of ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def clip_lines(text: str, font: pygame.font.Font, width: int, lines: int) -> list[str]:
    """At most ``lines`` wrapped lines, the last one ending in an ellipsis when cut."""
    from game.app.render.text import wrap

    out = wrap(text, font, width)
    if len(out) <= lines:
        return out
    kept = out[:lines]
    kept[-1] = ellipsis(kept[-1] + " " + out[lines], font, width)
    if not kept[-1].endswith("…"):
        kept[-1] = ellipsis(kept[-1] + "…", font, width)
    return kept
