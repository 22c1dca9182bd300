"""Tile images for one map: cut from its tilesets, flipped, turned, sized, tinted, animated.

pytmx's pygame loader cuts each tile from its image (with Tiled's transparent colour and its
flips); this adds what Tiled does on top: per-tile image rectangles, tiles drawn at the grid's
size, tile offsets, hexagonal turns, layer tint and opacity, and animation frames chosen by
the map's clock. Every variant is made once and kept while the map is shown.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

import pygame
from pytmx import TileFlags
from pytmx.util_pygame import pygame_image_loader

from game.story.tiled.geometry import Grid
from game.story.tiled.model import (
    FLIP_D,
    FLIP_H,
    FLIP_V,
    GID_MASK,
    ROTATE_120,
    Colour,
    Image,
    TiledMap,
)

log = logging.getLogger("lowtide.app")

#: a tile ready to draw: its image and where its top-left goes from the cell's bottom-left
Placed = tuple[pygame.Surface, float, float]
VARIANTS = 8192  # tile variants kept per map


class ImageUnreadable(Exception):
    """A tileset or layer image that pygame cannot load."""

    def __init__(self, image: Image):
        super().__init__(str(image.path))
        self.image = image


class TileBank:
    def __init__(self, m: TiledMap, grid: Grid):
        self.map, self.grid = m, grid
        self._loaders: dict[Path, object] = {}
        self._sizes: dict[Path, tuple[int, int]] = {}
        self._plain: dict[int, pygame.Surface | None] = {}
        self._made: OrderedDict[tuple, object] = OrderedDict()
        self._frames: dict[int, tuple[tuple[int, int], ...]] = {}
        for tileset in m.tilesets:
            for tile in tileset.tiles.values():
                if tile.frames:
                    self._frames[tileset.firstgid + tile.id] = tuple(
                        (tileset.firstgid + f.tile, f.duration) for f in tile.frames)
        self.margin = self._margin()

    # -- animation ---------------------------------------------------------------------------

    def animated(self, raw: int) -> bool:
        return (raw & GID_MASK) in self._frames

    def frame(self, raw: int, ms: int) -> int:
        """The gid shown at ``ms`` milliseconds of the map's clock (flip bits kept)."""
        frames = self._frames.get(raw & GID_MASK)
        if not frames:
            return raw
        total = sum(d for _, d in frames)
        if total <= 0:
            return frames[0][0] | (raw & ~GID_MASK)
        t = ms % total
        for gid, duration in frames:
            if t < duration:
                return gid | (raw & ~GID_MASK)
            t -= duration
        return frames[-1][0] | (raw & ~GID_MASK)

    def state(self, raws: frozenset[int], ms: int) -> tuple[int, ...]:
        """Which frame each of these animated gids shows at ``ms``: a chunk drawn with them is
        still right while this is unchanged."""
        return tuple(self.frame(r, ms) for r in sorted(raws))

    # -- images ------------------------------------------------------------------------------

    def image_surface(self, image: Image) -> pygame.Surface:
        """A whole image (an image layer's), converted for fast drawing."""
        loader = self._loader(image)
        return loader()

    def plain(self, gid: int) -> pygame.Surface | None:
        """Tile ``gid`` (no flip bits) as drawn unflipped, at its own size; None if it has no
        image (reported by lint as LT525 or LT528)."""
        if gid in self._plain:
            return self._plain[gid]
        self._plain[gid] = found = self._cut(gid, None)
        return found

    def _cut(self, gid: int, flags: TileFlags | None) -> pygame.Surface | None:
        found = self.map.tileset_of(gid)
        if found is None:
            return None
        tileset, local = found
        tile = tileset.tiles.get(local)
        image = tile.image if tile is not None and tile.image is not None else tileset.image
        if image is None:
            return None
        loader = self._loader(image)
        rect = tile.rect if tile is not None and tile.rect is not None else None
        if rect is None and image is tileset.image:
            rect = tileset.grid_rect(local, self._sizes[image.path])
            if rect is None:
                return None
        try:
            return loader(rect, flags) if rect is not None else loader(None, flags)
        except ValueError:  # a rectangle outside the image: lint says LT528
            return None

    def _loader(self, image: Image):
        loader = self._loaders.get(image.path)
        if loader is None:
            key = "{:02x}{:02x}{:02x}".format(*image.trans) if image.trans else None
            try:
                loader = pygame_image_loader(str(image.path), key)
                self._sizes[image.path] = loader(None, None).get_size()
            except (pygame.error, OSError, ValueError) as err:
                log.warning("image %s cannot be loaded: %s", image.path, err)
                raise ImageUnreadable(image) from None
            self._loaders[image.path] = loader
        return loader

    # -- variants ----------------------------------------------------------------------------

    def cell(self, raw: int, tint: Colour | None, opacity: float) -> Placed | None:
        """A layer's tile as Tiled draws it in a cell: flipped or turned, at its render size,
        moved by its tileset's offset, tinted; placed from the cell's bottom-left corner."""
        key = ("cell", raw, tint, opacity)
        found = self._made.get(key)
        if found is not None or key in self._made:
            self._made.move_to_end(key)
            return found
        placed = self._place_cell(raw, tint, opacity)
        self._keep(key, placed)
        return placed

    def sized(self, raw: int, size: tuple[int, int], tint: Colour | None,
              opacity: float) -> pygame.Surface | None:
        """A tile object's image: flipped, stretched to the object's size, tinted."""
        key = ("sized", raw, size, tint, opacity)
        found = self._made.get(key)
        if found is not None or key in self._made:
            self._made.move_to_end(key)
            return found
        image = self._oriented(raw)
        if image is not None:
            if image.get_size() != size and size[0] > 0 and size[1] > 0:
                image = pygame.transform.scale(image, size)
            image = finish(image, tint, opacity)
        self._keep(key, image)
        return image

    def _keep(self, key: tuple, value) -> None:
        self._made[key] = value
        if len(self._made) > VARIANTS:
            self._made.popitem(last=False)

    def _oriented(self, raw: int) -> pygame.Surface | None:
        gid = raw & GID_MASK
        if self.grid.hex:
            base = self._flipped(gid, raw & FLIP_H, raw & FLIP_V, 0)
            turn = (60 if raw & FLIP_D else 0) + (120 if raw & ROTATE_120 else 0)
            if base is not None and turn:
                base = pygame.transform.rotate(base, -turn)
            return base
        return self._flipped(gid, raw & FLIP_H, raw & FLIP_V, raw & FLIP_D)

    def _flipped(self, gid: int, h: int, v: int, d: int) -> pygame.Surface | None:
        if not (h or v or d):
            return self.plain(gid)
        return self._cut(gid, TileFlags(bool(h), bool(v), bool(d)))

    def _place_cell(self, raw: int, tint: Colour | None, opacity: float) -> Placed | None:
        gid = raw & GID_MASK
        plain = self.plain(gid)
        if plain is None:
            return None
        tileset, _ = self.map.tileset_of(gid)
        w, h = plain.get_size()
        scale_x = scale_y = 1.0
        if tileset.render_size == "grid":
            tw, th = self.grid.tw, self.grid.th
            scale_x, scale_y = tw / w, th / h
            if tileset.fill == "preserve-aspect-fit":
                scale_x = scale_y = min(scale_x, scale_y)
            box_w, box_h = tw, th
        else:
            box_w, box_h = w, h
        image = self._oriented(raw)
        if image is None:
            return None
        turned = self.grid.hex and raw & (FLIP_D | ROTATE_120)
        if scale_x != 1.0 or scale_y != 1.0:
            iw, ih = image.get_size()
            if turned:
                size = (max(1, round(iw * scale_x)), max(1, round(ih * scale_y)))
            elif raw & FLIP_D:  # transposed: the image's sides swapped
                size = (max(1, round(iw * scale_y)), max(1, round(ih * scale_x)))
            else:
                size = (max(1, round(iw * scale_x)), max(1, round(ih * scale_y)))
            image = pygame.transform.scale(image, size)
        image = finish(image, tint, opacity)
        ox, oy = tileset.offset[0] * scale_x, tileset.offset[1] * scale_y
        iw, ih = image.get_size()
        # Tiled centres the (scaled) image on the box the cell reserves, which sits on the
        # cell's bottom-left corner
        cx, cy = box_w / 2 + ox, -box_h / 2 + oy
        if raw & FLIP_D and not self.grid.hex:  # turned a quarter about the box's corner
            cx += box_h / 2 - box_w / 2
            cy += box_h / 2 - box_w / 2
        return image, cx - iw / 2, cy - ih / 2

    def _margin(self) -> int:
        """How far any tile image reaches past its cell: regions are widened by it so a tall
        tree drawn from the row below still shows."""
        reach = 0
        for tileset in self.map.tilesets:
            sizes = [(tileset.tile_width, tileset.tile_height)]
            sizes += [(t.rect[2], t.rect[3]) for t in tileset.tiles.values() if t.rect]
            sizes += [(t.image.width or 0, t.image.height or 0) for t in tileset.tiles.values()
                      if t.image is not None and t.rect is None]
            for w, h in sizes:
                reach = max(reach, w, h)
            reach += max(abs(tileset.offset[0]), abs(tileset.offset[1]))
        return reach + max(self.grid.tw, self.grid.th)


def finish(image: pygame.Surface, tint: Colour | None, opacity: float) -> pygame.Surface:
    """The image ready to compose: tinted (every channel multiplied by the colour, as Tiled
    tints), its colours premultiplied by its alpha and faded by the layer's opacity. Drawn with
    BLEND_PREMULTIPLIED, layers then stack correctly on transparent chunks too; drawn with
    BLEND_RGB_ADD (a "lights" layer), they add their light."""
    image = image.convert_alpha()  # a copy; a transparent colour key becomes alpha
    if tint is not None and tint != (255, 255, 255, 255):
        image.fill(tint, special_flags=pygame.BLEND_RGBA_MULT)
    image = image.premul_alpha()
    if opacity < 1.0:
        k = max(0, min(255, round(opacity * 255)))
        image.fill((k, k, k, k), special_flags=pygame.BLEND_RGBA_MULT)
    return image


__all__ = ["ImageUnreadable", "Placed", "TileBank", "finish"]
