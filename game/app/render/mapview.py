"""A Tiled scene drawn with pytmx: tile layers rendered once, spots, lights and walking figures.

``SceneView`` renders the map's layers to one surface at load (the layer named "above" to a
second one drawn over the figures), glows the ``lights`` objects additively, and composes the
lit room with the figures only when something moved or the light changed. A map that cannot be
loaded becomes a quiet placeholder room with a message, and a warning in the log.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.app.render import light, theme

log = logging.getLogger("lowtide.app")

ABOVE = "above"
WALK_SPEED = 150.0  # pixels a second


@dataclass
class Figure:
    """A character's sprite standing at (or walking to) a spot."""

    image: pygame.Surface
    x: float
    y: float
    tx: float
    ty: float
    phase: float = 0.0

    @property
    def walking(self) -> bool:
        return abs(self.x - self.tx) > 0.5 or abs(self.y - self.ty) > 0.5

    def update(self, dt: float) -> None:
        dx, dy = self.tx - self.x, self.ty - self.y
        dist = math.hypot(dx, dy)
        if dist <= 0.5:
            self.x, self.y, self.phase = self.tx, self.ty, 0.0
            return
        # ease out over the last stretch so arrivals are soft
        speed = WALK_SPEED * max(0.35, min(1.0, dist / 60))
        step = min(dist, speed * dt)
        self.x += dx / dist * step
        self.y += dy / dist * step
        self.phase += dt * 9

    def feet(self) -> tuple[int, int]:
        bob = -abs(math.sin(self.phase)) * 3 if self.walking else 0
        return int(round(self.x)), int(round(self.y + bob))


lru_radial: dict = {}


def radial(radius: int, colour: tuple[int, int, int], strength: float) -> pygame.Surface:
    """A soft round glow for additive blending."""
    key = (radius, colour, round(strength, 2))
    found = lru_radial.get(key)
    if found is not None:
        return found
    n = 48
    small = pygame.Surface((n, n))
    c = (n - 1) / 2
    for y in range(n):
        for x in range(n):
            d = math.hypot(x - c, y - c) / c
            k = max(0.0, 1 - d) ** 2 * strength
            small.set_at((x, y), (int(colour[0] * k), int(colour[1] * k), int(colour[2] * k)))
    surf = pygame.transform.smoothscale(small, (radius * 2, radius * 2))
    lru_radial[key] = surf
    return surf


class SceneView:
    def __init__(self, path: Path | None, size: tuple[int, int] = (theme.WIDTH, theme.HEIGHT)):
        self.path = path
        self.view = size
        self.spots: dict[str, tuple[float, float]] = {}
        self.problem: str | None = None
        self.base: pygame.Surface
        self.lights: pygame.Surface | None = None
        self.above: pygame.Surface | None = None
        self.offset = (0, 0)
        self.scale = 1.0
        self._frame: pygame.Surface | None = None
        self._key: tuple | None = None
        self._load()

    # -- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        if self.path is None:
            self._placeholder("This scene has no map.")
            return
        try:
            import pytmx
            from pytmx.util_pygame import load_pygame

            tm = load_pygame(str(self.path))
        except Exception as err:  # noqa: BLE001 - any broken map becomes a placeholder
            message = f"The map {self.path.name} could not be loaded: {err}"
            log.warning("%s", message)
            self._placeholder(message)
            return
        tw, th = tm.tilewidth, tm.tileheight
        w, h = max(1, tm.width * tw), max(1, tm.height * th)
        base = pygame.Surface((w, h)).convert()
        base.fill(theme.NIGHT_DEEP)
        above = pygame.Surface((w, h), pygame.SRCALPHA).convert_alpha()
        has_above = False
        lights = pygame.Surface((w, h)).convert()
        lights.fill((0, 0, 0))
        has_lights = False
        for layer in tm.visible_layers:
            target = above if (getattr(layer, "name", "") or "").lower() == ABOVE else base
            if isinstance(layer, pytmx.TiledTileLayer):
                for x, y, image in layer.tiles():
                    if image is not None:
                        target.blit(image, (x * tw, y * th + th - image.get_height()))
                        has_above = has_above or target is above
            elif isinstance(layer, pytmx.TiledImageLayer) and layer.image is not None:
                target.blit(layer.image, (getattr(layer, "offsetx", 0) or 0,
                                          getattr(layer, "offsety", 0) or 0))
            elif isinstance(layer, pytmx.TiledObjectGroup):
                name = (layer.name or "").lower()
                if name == "lights":
                    has_lights = self._glow(lights, layer) or has_lights
                    continue
                for obj in layer:
                    if obj.name and (name == "spots" or obj.image is None):
                        self.spots.setdefault(obj.name, (float(obj.x), float(obj.y)))
                    if obj.image is not None and name != "spots":
                        target.blit(obj.image, (obj.x, obj.y))
        self._fit(base, above if has_above else None, lights if has_lights else None)

    def _glow(self, lights: pygame.Surface, layer) -> bool:
        drew = False
        for obj in layer:
            props = getattr(obj, "properties", {}) or {}
            radius = props.get("radius")
            if not isinstance(radius, int | float) or radius <= 0:
                radius = max(obj.width or 0, obj.height or 0) / 2 or 96
            colour_text = props.get("color") or props.get("colour") or "#80ffd8a0"
            colour = theme.hex_colour(str(colour_text), theme.LAMP)
            strength = 0.5
            text = str(colour_text)
            if text.startswith("#") and len(text) == 9 and _is_hex(text[1:3]):
                strength = int(text[1:3], 16) / 255
            cx = obj.x + (obj.width or 0) / 2
            cy = obj.y + (obj.height or 0) / 2
            glow = radial(int(radius), colour, strength)
            lights.blit(glow, (cx - radius, cy - radius), special_flags=pygame.BLEND_RGB_ADD)
            drew = True
        return drew

    def _fit(self, base: pygame.Surface, above: pygame.Surface | None,
             lights: pygame.Surface | None) -> None:
        vw, vh = self.view
        w, h = base.get_size()
        scale = min(1.0, vw / w, vh / h)
        if w < vw / 2 and h < vh / 2:
            scale = min(vw / w, vh / h) * 0.6
        if scale != 1.0:
            size = (max(1, int(w * scale)), max(1, int(h * scale)))
            base = pygame.transform.smoothscale(base, size)
            above = pygame.transform.smoothscale(above, size) if above else None
            lights = pygame.transform.smoothscale(lights, size) if lights else None
            self.spots = {k: (x * scale, y * scale) for k, (x, y) in self.spots.items()}
        self.scale = scale
        self.base, self.above, self.lights = base, above, lights
        bw, bh = base.get_size()
        self.offset = ((vw - bw) // 2, (vh - bh) // 2)

    def _placeholder(self, message: str) -> None:
        self.problem = message
        vw, vh = self.view
        base = pygame.Surface((vw, vh))
        base.fill(theme.NIGHT)
        floor = pygame.Rect(120, 200, vw - 240, vh - 320)
        pygame.draw.rect(base, theme.TEAL, floor, border_radius=24)
        pygame.draw.rect(base, theme.SEA, floor.inflate(-40, -40), border_radius=18)
        names = ("door", "couch", "kitchen", "table", "window", "den")
        for i, name in enumerate(names):
            self.spots[name] = (floor.x + 120 + i * (floor.w - 240) / (len(names) - 1),
                                floor.centery + (40 if i % 2 else -10))
        self.base, self.above, self.lights = base, None, None
        self.offset = (0, 0)

    # -- drawing ---------------------------------------------------------------------------

    def spot(self, name: str) -> tuple[float, float] | None:
        found = self.spots.get(name)
        if found is None:
            return None
        return found[0] + self.offset[0], found[1] + self.offset[1]

    def compose(self, figures: list[Figure], t: float) -> pygame.Surface:
        """The lit room with its figures; rebuilt only when something changed."""
        key = (round(t * 48), tuple((f.feet(), id(f.image)) for f in figures))
        if self._frame is not None and key == self._key:
            return self._frame
        if self._frame is None:
            self._frame = pygame.Surface(self.view).convert()
        frame = self._frame
        frame.fill(theme.NIGHT_DEEP)
        frame.blit(self.base, self.offset)
        if self.lights is not None:
            strength = max(0.35, min(1.0, 0.85 - 0.5 * t))
            if strength >= 0.999:
                frame.blit(self.lights, self.offset, special_flags=pygame.BLEND_RGB_ADD)
            else:
                lit = self.lights.copy()
                k = int(255 * strength)
                lit.fill((k, k, k), special_flags=pygame.BLEND_RGB_MULT)
                frame.blit(lit, self.offset, special_flags=pygame.BLEND_RGB_ADD)
        for fig in sorted(figures, key=lambda f: f.y):
            fx, fy = fig.feet()
            img = fig.image
            w, h = img.get_size()
            frame.blit(img, (fx - w // 2, fy - h + max(1, h * 3 // 64)))
        if self.above is not None:
            frame.blit(self.above, self.offset)
        mult, add = light.tint(t)
        frame.fill(mult, special_flags=pygame.BLEND_RGB_MULT)
        if any(add):
            frame.fill(add, special_flags=pygame.BLEND_RGB_ADD)
        self._key = key
        return frame


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)
