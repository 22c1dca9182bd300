"""Veils: the whole window darkened under a menu, a question or a fade, and the soft shade
under the dialogue. One sheet per colour is made and kept; each use lays it over at the
opacity it asks for, so nothing is filled again each frame."""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.app.render import theme

Colour = tuple[int, int, int]
SHADE_HEIGHT = 380  # the shade under the dialogue, from the bottom edge up


@lru_cache(maxsize=4)
def _sheet(colour: Colour, size: tuple[int, int]) -> pygame.Surface:
    sheet = pygame.Surface(size)
    sheet.fill(colour)
    return sheet


def forget() -> None:
    """Empty the sheets and shades kept below: called when a run ends, so no surface outlives
    the window it was made for."""
    _sheet.cache_clear()
    bottom_shade.cache_clear()


def darken(surface: pygame.Surface, colour: Colour, alpha: int) -> None:
    """Lay ``colour`` over all of ``surface`` at opacity ``alpha`` (0–255)."""
    if alpha <= 0:
        return
    sheet = _sheet(tuple(colour[:3]), surface.get_size())
    sheet.set_alpha(min(255, int(alpha)))
    surface.blit(sheet, (0, 0))


@lru_cache(maxsize=2)
def bottom_shade(colour: Colour) -> pygame.Surface:
    """A soft darkening towards the bottom of the window, so the dialogue sits calmly over
    the room (the same surface for the same colour)."""
    h = SHADE_HEIGHT
    shade = pygame.Surface((theme.WIDTH, h), pygame.SRCALPHA)
    for y in range(h):
        k = (y / h) ** 1.6
        pygame.draw.line(shade, (*colour[:3], int(175 * k)), (0, y), (theme.WIDTH, y))
    return shade
