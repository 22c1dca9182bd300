"""Small front-facing figures (32×64) that stand on a map's spots.

The feet touch y=61 at x=16 (bottom-centre anchor); a soft shadow sits under them.
"""

from __future__ import annotations

import pygame

from . import palette as P
from .characters import LOOKS, Look
from .draw import Pen

SIZE = (32, 64)
FEET = (16, 61)


def _hair_back(p: Pen, lk: Look) -> None:
    if lk.hair_style == "shoulder":
        p.rect(lk.hair, 7, 6, 18, 25, 7)
    elif lk.hair_style == "curly":
        for x, y in ((9, 10), (23, 10), (12, 6), (20, 6), (16, 5), (8, 15), (24, 15)):
            p.circle(lk.hair, x, y, 4.2)
    else:
        p.ellipse(lk.hair, 16, 12, 8.2, 8)


def _hair_front(p: Pen, lk: Look) -> None:
    h = lk.hair
    if lk.hair_style == "short":
        p.blob(h, (8, 14), (16, -2), (24, 14), (17, 7))
    elif lk.hair_style == "tied":
        p.blob(h, (8, 15), (15, -3), (24, 15), (18, 8))
        p.circle(h, 22, 4, 3.6)
        p.circle(P.shade(h, 0.15), 21.5, 3.5, 1.5)
    elif lk.hair_style == "curly":
        for x, y in ((10, 8), (14, 6), (18, 6), (22, 8), (12, 10), (20, 10)):
            p.circle(h, x, y, 3.4)
        p.circle(P.shade(h, 0.18), 14, 5.5, 1.2)
    elif lk.hair_style == "shoulder":
        p.blob(h, (8, 17), (12, -3), (25, 13), (14, 8))
        p.rect(h, 7.5, 12, 3.2, 17, 1.5)
        p.rect(h, 21.5, 12, 3.2, 17, 1.5)


def _body(p: Pen, lk: Look) -> None:
    top = lk.top
    dark = P.shade(top, -0.15)
    # legs and shoes
    p.rect(lk.legs, 10.5, 42, 5, 17, 2)
    p.rect(lk.legs, 16.5, 42, 5, 17, 2)
    p.rect(P.INK, 10, 57, 6, 3.5, 1.5)
    p.rect(P.INK, 16, 57, 6, 3.5, 1.5)
    # arms behind the torso
    p.rect(dark, 6, 24.5, 5, 19, 2.5)
    p.rect(dark, 21, 24.5, 5, 19, 2.5)
    p.circle(lk.skin, 8.5, 44, 2.3)
    p.circle(lk.skin, 23.5, 44, 2.3)
    length = 49 if lk.top_style == "coat" else 45
    p.rect(top, 9, 23, 14, length - 23, 4)
    p.rect(P.shade(top, 0.12), 10, 23, 12, 3, 2)
    if lk.top_style == "jumper":
        p.rect(dark, 9, length - 3, 14, 3, 1.5)
    elif lk.top_style == "cardigan":
        p.rect(P.CREAM, 14.5, 23, 3, length - 24, 1)
    elif lk.top_style == "coat":
        p.poly(P.shade(top, 0.15), [(12, 23), (16, 30), (14, 23)])
        p.poly(P.shade(top, 0.15), [(20, 23), (16, 30), (18, 23)])
        p.rect(dark, 15.5, 30, 1, length - 31)
    elif lk.top_style == "shirt":
        p.poly(P.GREY_LIGHT, [(13, 23), (16, 27), (19, 23)])
    p.rect(lk.skin, 14, 20, 4, 4, 1)
    p.rect(P.alpha(P.INK, 40), 14, 22.5, 4, 1.5)


def _head(p: Pen, lk: Look) -> None:
    _hair_back(p, lk)
    p.ellipse(P.shade(lk.skin, -0.05), 8, 15, 1.6, 2.2)
    p.ellipse(P.shade(lk.skin, -0.05), 24, 15, 1.6, 2.2)
    p.ellipse(lk.skin, 16, 14.5, 7.4, 8)
    if lk.stubble:
        jaw = p.layer()
        jaw.ellipse(P.alpha(P.HAIR_DARK, 70), 16, 14.5, 7.4, 8)
        clip = p.layer()
        clip.rect(P.INK, 0, 17, 32, 10)
        jaw.clip_to(clip)
        p.paste(jaw)
    p.circle(P.INK, 13.2, 15, 0.95)
    p.circle(P.INK, 18.8, 15, 0.95)
    p.circle(P.alpha(P.TERRACOTTA, 60), 11.5, 17.5, 1.6)
    p.circle(P.alpha(P.TERRACOTTA, 60), 20.5, 17.5, 1.6)
    p.line(P.shade(lk.skin, -0.35), [(15, 19.2), (17, 19.2)], 0.7)
    _hair_front(p, lk)


def sprite(lk: Look) -> pygame.Surface:
    """One standing figure."""
    p = Pen(*SIZE, scale=4)
    p.ellipse(P.SHADOW, 16, 60.5, 10, 3)
    _body(p, lk)
    _head(p, lk)
    return p.result()


def all_sprites() -> dict[str, pygame.Surface]:
    """Every character's scene sprite by id."""
    return {name: sprite(lk) for name, lk in LOOKS.items()}
