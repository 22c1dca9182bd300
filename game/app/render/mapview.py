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
WALK_SPEED = 150.0  # map pixels a second
ZOOM = 1.5  # a room fills the view more closely than the whole map would
OVERSCROLL = 260  # how far past the map's bottom edge the camera may look
APRON_FADE = 140  # how far below the map its bottom edge fades into its surroundings


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
        speed = WALK_SPEED * ZOOM * max(0.35, min(1.0, dist / 60))
        step = min(dist, speed * dt)
        self.x += dx / dist * step
        self.y += dy / dist * step
        self.phase += dt * 9

    def feet(self) -> tuple[int, int]:
        bob = -abs(math.sin(self.phase)) * 4 if self.walking else 0
        return int(round(self.x)), int(round(self.y + bob))


def radial(radius: int, colour: tuple[int, int, int], strength: float) -> pygame.Surface:
    """A soft round glow for additive blending (drawn once per light, when the map loads)."""
    n = 48
    small = pygame.Surface((n, n))
    c = (n - 1) / 2
    for y in range(n):
        for x in range(n):
            d = math.hypot(x - c, y - c) / c
            k = max(0.0, 1 - d) ** 2 * strength
            small.set_at((x, y), (int(colour[0] * k), int(colour[1] * k), int(colour[2] * k)))
    return pygame.transform.smoothscale(small, (radius * 2, radius * 2))


class SceneView:
    def __init__(self, path: Path | None, size: tuple[int, int] = (theme.WIDTH, theme.HEIGHT)):
        self.path = path
        self.view = size
        self.spots: dict[str, tuple[float, float]] = {}
        self.problem: str | None = None
        self.base: pygame.Surface
        self.lights: pygame.Surface | None = None
        self.above: list[tuple[pygame.Surface, pygame.Rect]] | None = None
        # what the camera sees below the map's bottom edge when it looks past it
        self.apron: pygame.Surface | None = None
        self.offset = (0, 0)
        self.scale = 1.0
        self._frame: pygame.Surface | None = None
        self._key: tuple | None = None
        # figures' images at the scene's scale, for as long as the scene is shown
        self._scaled: dict[int, tuple[pygame.Surface, pygame.Surface]] = {}
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
        # a map about the size of the view is shown closer, with a camera; a small one is
        # enlarged to fill most of the view
        scale = ZOOM if w >= vw * 0.8 and h >= vh * 0.8 else min(vw / w, vh / h) * 0.8
        if scale != 1.0:
            size = (max(1, int(w * scale)), max(1, int(h * scale)))
            base = pygame.transform.smoothscale(base, size)
            above = pygame.transform.smoothscale(above, size) if above else None
            lights = pygame.transform.smoothscale(lights, size) if lights else None
            self.spots = {k: (x * scale, y * scale) for k, (x, y) in self.spots.items()}
        self.scale = scale
        if lights is not None:
            base.blit(lights, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
        self.base, self.lights = base, None
        self.above = _chunks(above) if above is not None else None
        bw, bh = base.get_size()
        self.offset = ((vw - bw) // 2 if bw < vw else 0, (vh - bh) // 2 if bh < vh else 0)
        self.apron = _apron(base, OVERSCROLL) if bh > vh else None

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
        self.apron = None
        self.offset = (0, 0)
        self.scale = 1.0

    # -- drawing ---------------------------------------------------------------------------

    def spot(self, name: str) -> tuple[float, float] | None:
        """Where a spot is, in the scene's (scaled) coordinates."""
        found = self.spots.get(name)
        if found is None:
            return None
        return found[0] + self.offset[0], found[1] + self.offset[1]

    def camera_for(self, focus: tuple[float, float], at: tuple[int, int]) -> tuple[float, float]:
        """The view's top-left that puts ``focus`` near screen point ``at``, inside the map;
        below a tall map's bottom edge it may look on by ``OVERSCROLL`` pixels, onto the apron
        (so someone standing low in the map still shows above the dialogue box)."""
        bw, bh = self.base.get_size()
        vw, vh = self.view
        x = min(max(0.0, focus[0] - at[0]), max(0.0, bw - vw))
        # below the map the view may go on, over the apron, under the dialogue box
        y = min(max(0.0, focus[1] - at[1]), max(0.0, bh - vh) + OVERSCROLL if bh > vh else 0.0)
        return x, y

    def sprite(self, image: pygame.Surface) -> pygame.Surface:
        """A figure's image at the scene's scale (scaled once)."""
        if self.scale == 1.0:
            return image
        found = self._scaled.get(id(image))
        if found is None or found[0] is not image:  # the image is kept so its id stays its own
            w, h = image.get_size()
            found = (image, pygame.transform.smoothscale(image, (round(w * self.scale),
                                                                 round(h * self.scale))))
            self._scaled[id(image)] = found
        return found[1]

    def compose(self, figures: list[Figure], t: float, camera: tuple[float, float] = (0, 0),
                veil: pygame.Surface | None = None) -> pygame.Surface:
        """The lit room with its figures; rebuilt only when something changed."""
        cam = (int(camera[0]), int(camera[1]))
        key = (round(t * 48), cam, id(veil),
               tuple((f.feet(), id(f.image)) for f in figures))
        if self._frame is not None and key == self._key:
            return self._frame
        if self._frame is None:
            self._frame = pygame.Surface(self.view).convert()
        frame = self._frame
        frame.fill(theme.NIGHT_DEEP)
        area = pygame.Rect(cam[0], cam[1], self.view[0], self.view[1])
        frame.blit(self.base, (self.offset[0], self.offset[1]), area)
        below = self.base.get_height() - cam[1]  # where the map ends on screen
        if self.apron is not None and below < self.view[1]:
            frame.blit(self.apron, (self.offset[0], self.offset[1] + below),
                       pygame.Rect(cam[0], 0, self.view[0], self.view[1] - below))
        for fig in sorted(figures, key=lambda f: f.y):
            fx, fy = fig.feet()
            img = self.sprite(fig.image)
            w, h = img.get_size()
            frame.blit(img, (fx - cam[0] - w // 2, fy - cam[1] - h + max(1, h * 3 // 64)))
        if self.above is not None:
            view = pygame.Rect(cam[0] - self.offset[0], cam[1] - self.offset[1], *self.view)
            for chunk, rect in self.above:
                if rect.colliderect(view):
                    frame.blit(chunk, (rect.x - view.x, rect.y - view.y))
        mult, add = light.tint(t)
        frame.fill(mult, special_flags=pygame.BLEND_RGB_MULT)
        if any(add):
            frame.fill(add, special_flags=pygame.BLEND_RGB_ADD)
        if veil is not None:
            frame.blit(veil, (0, self.view[1] - veil.get_height()))
        self._key = key
        return frame


def _apron(base: pygame.Surface, height: int) -> pygame.Surface:
    """The ground below a map, for a camera that looks past its bottom edge: the edge's own
    colours (smoothed, so railings and fences leave no stripes) fading into the colour around
    the map (its top row), so the map never ends in a hard line over an empty band."""
    w, h = base.get_size()
    around = pygame.transform.average_color(base, pygame.Rect(0, 0, w, min(h, 2)))[:3]
    apron = pygame.Surface((w, height)).convert()
    apron.fill(around)
    rows = min(h, 6)
    edge = pygame.transform.smoothscale(base.subsurface((0, h - rows, w, rows)),
                                        (max(2, w // 32), 1))
    gradient = pygame.Surface((edge.get_width(), 2)).convert()
    gradient.blit(edge, (0, 0))
    gradient.fill(around, (0, 1, edge.get_width(), 1))
    fade = min(height, APRON_FADE)
    apron.blit(pygame.transform.smoothscale(gradient, (w, fade)), (0, 0))
    return apron


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


CHUNK = 64


def _chunks(layer: pygame.Surface) -> list[tuple[pygame.Surface, pygame.Rect]]:
    """The non-empty parts of a mostly transparent layer, so drawing it skips the empty rest."""
    out = []
    w, h = layer.get_size()
    for y in range(0, h, CHUNK):
        for x in range(0, w, CHUNK):
            rect = pygame.Rect(x, y, min(CHUNK, w - x), min(CHUNK, h - y))
            part = layer.subsurface(rect)
            used = part.get_bounding_rect()
            if used.w and used.h:
                piece = part.subsurface(used).copy()
                out.append((piece, used.move(x, y)))
    return out
