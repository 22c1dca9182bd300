"""The short note at the top of the screen ("Saved to the quick slot"), fading by itself."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.app.render import theme
from game.app.render.text import Lettering
from game.app.render.widgets import blit_panel

TOAST_TIME = 2.2


@dataclass
class Toast:
    text: str = ""
    left: float = 0.0

    def show(self, text: str, seconds: float = TOAST_TIME) -> None:
        self.text, self.left = text, seconds

    def update(self, dt: float) -> None:
        self.left = max(0.0, self.left - dt)

    def draw(self, surface: pygame.Surface, lettering: Lettering, *, scale: float = 1.0,
             reduced_motion: bool = False) -> None:
        pal = lettering.palette
        if self.left <= 0 or not self.text:
            return
        alpha = 255 if reduced_motion else int(
            255 * min(1.0, self.left / 0.4, (TOAST_TIME - self.left + 0.4) / 0.4))
        font = lettering.font("sans-bold", int(round(17 * scale)))
        line = lettering.text.line(self.text, font, pal.CREAM_LIGHT)
        rect = pygame.Rect(0, 0, line.get_width() + 44, line.get_height() + 20)
        rect.midtop = (theme.WIDTH // 2, 8)
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
        blit_panel(layer, layer.get_rect(), pal.NIGHT_DEEP, 225, radius=rect.h // 2, pal=pal)
        pygame.draw.circle(layer, pal.AMBER, (16, rect.h // 2), 4)
        layer.blit(line, (28, (rect.h - line.get_height()) // 2))
        layer.set_alpha(alpha)
        surface.blit(layer, rect.topleft)
