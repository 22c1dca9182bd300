"""The speaker's portrait, cross-fading gently when the face or the speaker changes."""

from __future__ import annotations

import pygame

FADE = 0.28  # seconds


class PortraitView:
    def __init__(self, bottom_left: tuple[int, int]):
        self.bottom_left = bottom_left
        self.current: pygame.Surface | None = None
        self.previous: pygame.Surface | None = None
        self.key: object = None
        self.t = 1.0  # 0 → 1 through a change

    def show(self, key: object, image: pygame.Surface | None) -> None:
        if key == self.key:
            return
        self.previous = self.current if self.t > 0.5 else self.previous
        self.current = image
        self.key = key
        self.t = 0.0

    def update(self, dt: float) -> None:
        if self.t < 1.0:
            self.t = min(1.0, self.t + dt / FADE)
            if self.t >= 1.0:
                self.previous = None

    def draw(self, surface: pygame.Surface) -> None:
        x, bottom = self.bottom_left
        t = self.t * self.t * (3 - 2 * self.t)
        if self.previous is not None and t < 1.0:
            self._blit(surface, self.previous, x, bottom, int(255 * (1 - t)), 0)
        if self.current is not None:
            rise = int(10 * (1 - t))
            self._blit(surface, self.current, x, bottom, int(255 * t), rise)

    @staticmethod
    def _blit(surface: pygame.Surface, image: pygame.Surface, x: int, bottom: int, alpha: int,
              rise: int) -> None:
        if alpha <= 0:
            return
        if alpha < 255:
            image.set_alpha(alpha)
        surface.blit(image, (x, bottom - image.get_height() + rise))
        if alpha < 255:
            image.set_alpha(255)
