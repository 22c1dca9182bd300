"""Painting a rectangle of a Tiled map, at the map's own pixel size, layer by layer.

Tile layers draw the cells near the rectangle in Tiled's order for the orientation; object
layers draw their tile objects (aligned, sized and turned as Tiled places them) and text;
image layers draw their image, repeated if asked. Layers in "lights" add their light instead
of covering what is below, and their shapes glow. Layers named "spots" are for the writer and
never drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.app.render import theme
from game.app.render.tiles import TileBank, finish
from game.story.tiled.geometry import Grid, align
from game.story.tiled.model import GID_MASK, LIGHTS, SPOTS, Layer, MapObject, TiledMap

GLOW_COLOUR = "#80ffd8a0"
GLOW_RADIUS = 96
GLOW_MAX = 1024  # pixels: a bigger pool of light would cost more memory than it shows
TEXT_MAX = 2000  # characters of a text object drawn


class Painter:
    def __init__(self, m: TiledMap, grid: Grid, bank: TileBank):
        self.map, self.grid, self.bank = m, grid, bank
        self._glows: dict[tuple, pygame.Surface] = {}
        self._images: dict[tuple, pygame.Surface] = {}
        self._fonts: dict[tuple, pygame.font.Font] = {}

    def paint(self, target: pygame.Surface, region: tuple[int, int, int, int],
              layers: Sequence[Layer], ms: int) -> frozenset[int]:
        """Draw ``layers`` of the map rectangle ``region`` onto ``target`` (which is that
        rectangle); returns the animated tiles drawn (the picture holds while they hold)."""
        animated: set[int] = set()
        for layer in layers:
            if not layer.visible or layer.named(SPOTS):
                continue
            additive = layer.named(LIGHTS)
            if layer.kind == "tiles":
                self._tiles(target, region, layer, ms, additive, animated)
            elif layer.kind == "objects":
                self._objects(target, region, layer, ms, additive, animated)
            elif layer.kind == "image":
                self._image(target, region, layer, additive)
        return frozenset(animated)

    # -- tile layers -------------------------------------------------------------------------

    def _tiles(self, target: pygame.Surface, region: tuple[int, int, int, int], layer: Layer,
               ms: int, additive: bool, animated: set[int]) -> None:
        cells = layer.grid
        if cells is None or cells.width <= 0 or cells.height <= 0:
            return
        bank, grid = self.bank, self.grid
        ox, oy = layer.offset
        rx, ry, rw, rh = region
        limits = (cells.x, cells.y, cells.x + cells.width - 1, cells.y + cells.height - 1)
        near = grid.near((rx - ox, ry - oy, rw, rh), bank.margin, limits)
        flags = pygame.BLEND_RGB_ADD if additive else pygame.BLEND_PREMULTIPLIED
        tint, opacity = layer.tint, layer.opacity
        get, anchor = cells.get, grid.cell_anchor
        for x, y in grid.order(*near):
            raw = get(x, y)
            if not raw:
                continue
            if bank.animated(raw):
                animated.add(raw)
                raw = bank.frame(raw, ms)
            placed = bank.cell(raw, tint, opacity)
            if placed is None:
                continue
            image, dx, dy = placed
            ax, ay = anchor(x, y)
            target.blit(image, (round(ax + dx + ox - rx), round(ay + dy + oy - ry)),
                        special_flags=flags)

    # -- object layers -----------------------------------------------------------------------

    def _objects(self, target: pygame.Surface, region: tuple[int, int, int, int], layer: Layer,
                 ms: int, additive: bool, animated: set[int]) -> None:
        objects = layer.objects
        if layer.draw_order == "topdown":
            objects = tuple(sorted(objects, key=lambda o: o.y))
        for obj in objects:
            if not obj.visible:
                continue
            if obj.gid & GID_MASK:
                self._tile_object(target, region, layer, obj, ms, additive, animated)
            elif obj.text is not None:
                self._text(target, region, layer, obj)
            elif additive and obj.shape in ("ellipse", "rectangle", "point"):
                self._glow(target, region, layer, obj)

    def _tile_object(self, target: pygame.Surface, region: tuple[int, int, int, int],
                     layer: Layer, obj: MapObject, ms: int, additive: bool,
                     animated: set[int]) -> None:
        raw = obj.gid
        if self.bank.animated(raw):
            animated.add(raw)
            raw = self.bank.frame(raw, ms)
        found = self.map.tileset_of(raw & GID_MASK)
        plain = self.bank.plain(raw & GID_MASK)
        if found is None or plain is None:
            return
        tileset, _ = found
        pw, ph = plain.get_size()
        w = obj.width or pw
        h = obj.height or ph
        image = self.bank.sized(raw, (max(1, round(w)), max(1, round(h))), layer.tint,
                                layer.opacity)
        if image is None:
            return
        px, py = self.grid.pixel_to_screen(obj.x, obj.y)
        alignment = tileset.alignment
        if alignment == "unspecified":
            alignment = self.grid.default_alignment()
        left, top = align(alignment, px, py, w, h)
        left += tileset.offset[0] * w / pw
        top += tileset.offset[1] * h / ph
        if obj.rotation:
            # turned about the object's own point, as Tiled turns it
            cx, cy = left + w / 2 - px, top + h / 2 - py
            a = math.radians(obj.rotation)
            cx, cy = cx * math.cos(a) - cy * math.sin(a), cx * math.sin(a) + cy * math.cos(a)
            image = pygame.transform.rotate(image, -obj.rotation)
            left = px + cx - image.get_width() / 2
            top = py + cy - image.get_height() / 2
        ox, oy = layer.offset
        target.blit(image, (round(left + ox - region[0]), round(top + oy - region[1])),
                    special_flags=pygame.BLEND_RGB_ADD if additive else pygame.BLEND_PREMULTIPLIED)

    def _text(self, target: pygame.Surface, region: tuple[int, int, int, int], layer: Layer,
              obj: MapObject) -> None:
        spec = obj.text
        key = (spec.pixel_size, spec.bold, spec.italic)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = pygame.font.Font(None, spec.pixel_size)
            font.bold, font.italic = spec.bold, spec.italic
        colour = spec.colour
        text = spec.text[:TEXT_MAX]
        lines = _wrap(font, text, obj.width) if spec.wrap and obj.width else \
            text.splitlines() or [""]
        height = len(lines) * font.get_linesize()
        px, py = self.grid.pixel_to_screen(obj.x, obj.y)
        y = py + {"center": (obj.height - height) / 2, "bottom": obj.height - height}.get(
            spec.valign, 0)
        ox, oy = layer.offset
        for line in lines:
            surf = finish(font.render(line, True, colour[:3]), (255, 255, 255, colour[3]),
                          layer.opacity)
            x = px + {"center": (obj.width - surf.get_width()) / 2,
                      "right": obj.width - surf.get_width()}.get(spec.halign, 0)
            target.blit(surf, (round(x + ox - region[0]), round(y + oy - region[1])),
                        special_flags=pygame.BLEND_PREMULTIPLIED)
            y += font.get_linesize()

    def _glow(self, target: pygame.Surface, region: tuple[int, int, int, int], layer: Layer,
              obj: MapObject) -> None:
        props = obj.properties
        try:
            radius = float(props.get("radius", ""))
        except ValueError:
            radius = 0.0
        if not 0 < radius <= GLOW_MAX:
            radius = min(GLOW_MAX, max(obj.width, obj.height) / 2) or GLOW_RADIUS
        text = str(props.get("color") or props.get("colour") or GLOW_COLOUR)
        colour = theme.hex_colour(text, theme.DEFAULT.LAMP)
        strength = 0.5
        if text.startswith("#") and len(text) == 9 and _is_hex(text[1:3]):
            strength = int(text[1:3], 16) / 255
        strength *= layer.opacity
        cx, cy = self.grid.pixel_to_screen(obj.x + obj.width / 2, obj.y + obj.height / 2)
        glow = self.glow(int(radius), colour, strength)
        ox, oy = layer.offset
        target.blit(glow, (round(cx - radius + ox - region[0]), round(cy - radius + oy - region[1])),
                    special_flags=pygame.BLEND_RGB_ADD)

    def glow(self, radius: int, colour: tuple[int, int, int], strength: float) -> pygame.Surface:
        """A soft round glow for additive blending, made once per size and colour."""
        key = (radius, colour, round(strength, 2))
        found = self._glows.get(key)
        if found is None:
            found = self._glows[key] = radial(radius, colour, strength)
        return found

    # -- image layers ------------------------------------------------------------------------

    def _image(self, target: pygame.Surface, region: tuple[int, int, int, int], layer: Layer,
               additive: bool) -> None:
        if layer.image is None:
            return
        key = (layer.image.path, layer.tint, layer.opacity)
        image = self._images.get(key)
        if image is None:
            image = finish(self.bank.image_surface(layer.image), layer.tint, layer.opacity)
            self._images[key] = image
        w, h = image.get_size()
        rx, ry, rw, rh = region
        x0, y0 = layer.offset[0] - rx, layer.offset[1] - ry
        xs = _repeats(x0, w, rw) if layer.repeat[0] else [x0]
        ys = _repeats(y0, h, rh) if layer.repeat[1] else [y0]
        flags = pygame.BLEND_RGB_ADD if additive else pygame.BLEND_PREMULTIPLIED
        for y in ys:
            for x in xs:
                target.blit(image, (round(x), round(y)), special_flags=flags)


def radial(radius: int, colour: tuple[int, int, int], strength: float) -> pygame.Surface:
    """A soft round glow for additive blending."""
    n = 48
    small = pygame.Surface((n, n))
    c = (n - 1) / 2
    for y in range(n):
        for x in range(n):
            d = math.hypot(x - c, y - c) / c
            k = max(0.0, 1 - d) ** 2 * strength
            small.set_at((x, y), (int(colour[0] * k), int(colour[1] * k), int(colour[2] * k)))
    return pygame.transform.smoothscale(small, (max(1, radius * 2), max(1, radius * 2)))


def _repeats(start: float, size: int, span: int) -> list[float]:
    if size <= 0:
        return []
    first = start - math.ceil(start / size) * size
    return [first + i * size for i in range(int((span - first) // size) + 1)]


def _wrap(font: pygame.font.Font, text: str, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if line and font.size(trial)[0] > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)
