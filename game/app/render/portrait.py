"""The speaker's portrait, cross-fading gently when the face or the speaker changes."""

from __future__ import annotations

import pygame

from game.app.render.images import Images
from game.story.model import Story

FADE = 0.28  # seconds
MAX = (400, 480)  # a larger portrait is scaled down to fit


def portrait_image(story: Story, images: Images, speaker: str | None, expression: str | None,
                   scaled: dict[int, pygame.Surface]) -> pygame.Surface | None:
    """The speaker's portrait for ``expression`` (else their neutral one, else any), scaled
    to fit ``MAX`` (once: ``scaled`` keeps the scaled images); None for a speaker without
    portraits."""
    char = story.characters.get(speaker or "")
    if char is None or not char.portraits:
        return None
    rel = char.portraits.get(expression or "") or char.portraits.get("neutral") \
        or next(iter(char.portraits.values()))
    image = images.load(story.asset(rel), placeholder=(360, 440),
                        label=f"{char.name}: {expression or 'neutral'}")
    w, h = image.get_size()
    if w > MAX[0] or h > MAX[1]:
        small = scaled.get(id(image))
        if small is None:
            k = min(MAX[0] / w, MAX[1] / h)
            small = pygame.transform.smoothscale(image, (int(w * k), int(h * k)))
            scaled[id(image)] = small
        image = small
    return image


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
