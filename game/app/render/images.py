"""Images from a story or the assets folder, loaded once, with a visible placeholder when missing.

A missing or unreadable image never stops the game: it is drawn as a soft placeholder with its
name on it, and a warning goes to the log once.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import pygame

from game.app.render import theme

log = logging.getLogger("lowtide.app")

MAX_IMAGES = 256  # images kept for the run; beyond, the least recently used are read again
DERIVED = 16
MAX_WARNINGS = 200
T = TypeVar("T")


class Images:
    def __init__(self, fonts: theme.Fonts | None = None):
        self._cache: OrderedDict[tuple[str, tuple[int, int] | None], pygame.Surface] = \
            OrderedDict()
        self._derived: OrderedDict[Hashable, Any] = OrderedDict()
        self.fonts = fonts
        self.warned: list[str] = []

    def load(self, path: Path | None, *, placeholder: tuple[int, int] = (64, 64),
             label: str = "") -> pygame.Surface:
        """The image at ``path`` converted for fast blits, or a placeholder of that size."""
        key = (str(path), None)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        surface = self._read(path)
        if surface is None:
            surface = self.placeholder(placeholder, label or (path.stem if path else "missing"))
        self._keep(key, surface)
        return surface

    def try_load(self, path: Path | None) -> pygame.Surface | None:
        """The image, or None (with a warning) when it is missing or broken."""
        key = (str(path), (0, 0))
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        surface = self._read(path)
        if surface is not None:
            self._keep(key, surface)
        return surface

    def _keep(self, key: tuple[str, tuple[int, int] | None], surface: pygame.Surface) -> None:
        self._cache[key] = surface
        while len(self._cache) > MAX_IMAGES:
            self._cache.popitem(last=False)

    def clear(self) -> None:
        self._cache.clear()
        self._derived.clear()

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """What ``make`` builds from images (scaled layers, say), kept by ``key`` for the run:
        the least recently used go first beyond ``DERIVED``."""
        if key in self._derived:
            self._derived.move_to_end(key)
            return self._derived[key]
        made = self._derived[key] = make()
        while len(self._derived) > DERIVED:
            self._derived.popitem(last=False)
        return made

    def forget(self, folder: Path) -> None:
        """Drop every image loaded from under ``folder``, so edited files are read again."""
        prefix = str(folder)
        for key in [k for k in self._cache if k[0].startswith(prefix)]:
            del self._cache[key]

    def _read(self, path: Path | None) -> pygame.Surface | None:
        if path is None:
            return None
        try:
            surface = pygame.image.load(str(path))
        except (OSError, pygame.error, FileNotFoundError) as err:
            self._warn(f"image {path} cannot be loaded ({err}); drawing a placeholder")
            return None
        try:
            return surface.convert_alpha()
        except pygame.error:
            return surface

    def _warn(self, message: str) -> None:
        if message not in self.warned and len(self.warned) < MAX_WARNINGS:
            self.warned.append(message)
            log.warning(message)

    def placeholder(self, size: tuple[int, int], label: str) -> pygame.Surface:
        w, h = max(8, size[0]), max(8, size[1])
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        rect = surf.get_rect()
        pygame.draw.rect(surf, (*theme.DEFAULT.CREAM_DARK, 170), rect, border_radius=min(w, h) // 6)
        pygame.draw.rect(surf, (*theme.DEFAULT.PLUM_LIGHT, 200), rect, 2, border_radius=min(w, h) // 6)
        if w >= 80 and h >= 40 and self.fonts is not None:
            font = self.fonts.get("sans", 16 if w < 200 else 20)
            text = font.render(label, True, theme.DEFAULT.PLUM)
            if text.get_width() > w - 12:
                text = font.render(label[: max(1, (w - 12) // 9)] + "…", True, theme.DEFAULT.PLUM)
            surf.blit(text, text.get_rect(center=rect.center))
        return surf
