"""Interface images: the 9-slice dialogue panel, the choice marker, a light glow, the icon."""

from __future__ import annotations

import pygame

from . import palette as P
from .draw import Pen, radial_glow

#: Panel images are 96×96: a 12 px soft shadow margin around a 72 px rounded card with 20 px
#: corners; slice them with a 32 px border on every side.
PANEL_SIZE = 96
PANEL_SLICE = 32


def _panel(fill: P.Color, edge: P.Color) -> pygame.Surface:
    p = Pen(PANEL_SIZE, PANEL_SIZE, 4)
    for k in range(6):
        p.rect(P.alpha(P.NIGHT_DEEP, 14), 12 - k * 2, 14 - k * 2 + 2, 72 + k * 4, 72 + k * 4,
               20 + k * 2)
    p.rect(fill, 12, 12, 72, 72, 20)
    p.rect(edge, 12, 12, 72, 2.2, 20)
    return p.result()


def marker() -> pygame.Surface:
    """A small amber chevron that points at the selected choice."""
    p = Pen(24, 24, 4)
    p.line(P.AMBER, [(8, 5), (16, 12), (8, 19)], 4)
    return p.result()


def dot() -> pygame.Surface:
    """A soft round bullet for unselected choices and page indicators."""
    p = Pen(16, 16, 4)
    p.circle(P.alpha(P.CREAM, 200), 8, 8, 3.5)
    return p.result()


#: The desktop icon's sizes (freedesktop hicolor, Windows .ico, macOS .icns take their pick).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def icon(size: int = 64) -> pygame.Surface:
    """The window and desktop icon: a lighthouse on a night-teal disc with its lamp lit.

    Drawn on a 64-unit grid at enough resolution for ``size``, then shrunk once.
    """
    p = Pen(64, 64, max(4, -(-4 * size // 64)))
    p.circle(P.NIGHT, 32, 32, 30)
    p.rect(P.SEA, 4, 42, 56, 8)
    p.circle(P.alpha(P.LAMP, 70), 32, 17, 11)
    p.poly(P.CREAM, [(26, 50), (38, 50), (35, 22), (29, 22)])
    p.poly(P.TERRACOTTA, [(27.5, 40), (36.5, 40), (36, 34), (28, 34)])
    p.rect(P.LAMP, 28.5, 14, 7, 8, 1.5)
    p.poly(P.TERRACOTTA, [(27, 14), (37, 14), (32, 8)])
    p.rect(P.SAND, 8, 48, 48, 6, 3)
    mask = p.layer()
    mask.circle(P.INK, 32, 32, 30)
    p.clip_to(mask)
    return p.result() if size == 64 else pygame.transform.smoothscale(p.surf, (size, size))


def images() -> dict[str, pygame.Surface]:
    """Every UI image by file stem."""
    return {
        "panel": _panel(P.alpha(P.NIGHT, 238), P.alpha(P.TEAL_LIGHT, 255)),
        "panel-light": _panel(P.CREAM, P.alpha((255, 255, 255), 255)),
        "marker": marker(),
        "dot": dot(),
        "glow": radial_glow(128, (255, 255, 255, 255), 1.8),
        "icon": icon(),
    }
