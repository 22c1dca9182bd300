"""The title: the game's name over a quiet evening shore; Continue, New game, Load, Endings,
Settings, Quit.

The shore is drawn from the parallax layers in ``assets/art/title`` (sky, far, sea, near), each
swaying slowly on its own; when they are missing a simple painted shore stands in.
"""

from __future__ import annotations

import logging
import math
import random

import pygame

from game import paths
from game.app.catalog import Entry as StoryEntry
from game.app.catalog import for_players, scan
from game.app.render import theme
from game.app.render.widgets import Entry, Menu, vertical_gradient
from game.app.screen import Screen, Window, carry_on
from game.app.transitions import Next, Push, Quit, Replace
from game.story.session import Session

log = logging.getLogger("lowtide.app")

LAYERS = (("sky", 0.0, 0.0), ("far", 5.0, 1.02), ("sea", 9.0, 1.03), ("near", 16.0, 1.05))
ENTRIES = (
    ("continue", "Continue"),
    ("new", "New game"),
    ("load", "Load"),
    ("endings", "Endings"),
    ("settings", "Settings"),
    ("quit", "Quit"),
)
KEYS = tuple(key for key, _ in ENTRIES)


def shore_layers(images) -> list[tuple[pygame.Surface, float, float]]:
    """(surface, sway in pixels, phase) for each layer, scaled once a run (kept by the run's
    images) so the sway shows no edge."""
    return images.derived("title-shore", lambda: _shore_layers(images))


def _shore_layers(images) -> list[tuple[pygame.Surface, float, float]]:
    out = []
    folder = paths.assets_dir() / "art" / "title"
    for i, (name, sway, grow) in enumerate(LAYERS):
        surf = images.try_load(folder / f"{name}.png")
        if surf is None:
            continue
        if grow > 1.0:
            w, h = surf.get_size()
            surf = pygame.transform.smoothscale(surf, (int(w * grow), int(h * grow)))
        out.append((surf, sway, i * 1.7))
    if not out:
        out = [(_painted_shore(), 0.0, 0.0)]
    return out


def _painted_shore() -> pygame.Surface:
    surf = vertical_gradient(theme.SIZE, theme.DEFAULT.NIGHT, theme.DEFAULT.DUSK).copy()
    pygame.draw.circle(surf, theme.DEFAULT.STAR, (940, 250), 34)
    pygame.draw.rect(surf, theme.DEFAULT.SEA, (0, 430, theme.WIDTH, 120))
    pygame.draw.rect(surf, theme.DEFAULT.SAND, (0, 540, theme.WIDTH, 180))
    return surf


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app: Window):
        super().__init__(app)
        self.keep = app.services.keep
        self.t = 0.0
        self.latest = self.keep.latest()
        self.menu = Menu([Entry(label) for _, label in ENTRIES], 74, 336, 300, row=54,
                         light=True, size=24)
        self._entry("continue").enabled = self.latest is not None
        self.layers = shore_layers(app.services.images)
        rnd = random.Random(7)
        self.glints = [(rnd.uniform(0, theme.WIDTH), rnd.uniform(452, 520),
                        rnd.uniform(0, 6.28), rnd.uniform(10, 40)) for _ in range(26)]

    def _entry(self, key: str) -> Entry:
        return self.menu.entries[KEYS.index(key)]

    @property
    def focused(self) -> str | None:
        """The key of the entry with the focus."""
        return KEYS[self.menu.focus] if self.menu.focus is not None else None

    def on_enter(self) -> None:
        self.keep.ambient("title")
        self.latest = self.keep.latest()
        self._entry("continue").enabled = self.latest is not None
        if self.menu.focus is None or not self.menu.entries[self.menu.focus].enabled:
            self.menu.focus = KEYS.index("new")

    def handle_event(self, event: pygame.event.Event) -> Next:
        picked = self.menu.handle_event(event)
        if picked is None:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.menu.focus = KEYS.index("quit")  # Esc goes to Quit; Enter then quits
            return None
        return self.use(KEYS[picked])

    def use(self, key: str) -> Next:
        """What an entry of the menu does."""
        if key == "continue" and self.latest is not None:
            return carry_on(self.keep.resume(*self.latest))
        if key == "new":
            return Push("picker")
        if key == "load":
            return Push("saves", mode="load")
        if key == "endings":
            return Push("gallery", stories=[e.story for e in for_players(scan()) if e.story])
        if key == "settings":
            return Push("settings")
        if key == "quit":
            return Quit(0)
        return None

    def on_result(self, source: str, result: object) -> Next:
        """A new game: the story picked, then the partner set up, then play."""
        if source == "picker" and isinstance(result, StoryEntry) and result.story is not None:
            return Push("setup", story=result.story)
        if source == "setup" and isinstance(result, Session):
            return Replace("play", session=result)
        return None

    def spoken(self) -> str | None:
        return self.menu.focused_label

    def update(self, dt: float) -> None:
        self.t += dt
        self.menu.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        t = self.t
        for surf, sway, phase in self.layers:
            if sway == 0:
                surface.blit(surf, (0, 0))
                continue
            extra_w = surf.get_width() - theme.WIDTH
            extra_h = surf.get_height() - theme.HEIGHT
            x = -extra_w / 2 + math.sin(t * 0.11 + phase) * min(sway, extra_w / 2)
            y = -extra_h + math.sin(t * 0.23 + phase) * 1.5
            surface.blit(surf, (int(x), int(y)))
        for gx, gy, ph, speed in self.glints:
            a = (math.sin(t * 1.3 + ph) + 1) / 2
            if a > 0.55:
                x = (gx + t * speed * 0.2) % theme.WIDTH
                w = int(6 + 18 * (a - 0.55))
                pygame.draw.line(surface, pal.AMBER_LIGHT, (x, gy), (x + w, gy), 1)
        sv = self.app.services
        title = sv.text.line("Low Tide", sv.font("serif", 92), pal.STAR)
        surface.blit(title, (70, 150))
        sub = sv.text.line("a quiet story about coming back", sv.font("serif-italic", 24),
                           pal.SAND)
        surface.blit(sub, (76, 262))
        self.menu.draw(surface, sv)
        hint = sv.text.line("Arrows and Enter, or the mouse  ·  F11 full screen",
                            sv.font("sans", 15), pal.CREAM_DARK)
        surface.blit(hint, (theme.WIDTH - hint.get_width() - 40, theme.HEIGHT - 40))

