"""A Tiled map as the game draws it: tilesets, and the layers flattened in Tiled's file order.

Groups are folded into the layers they hold: each layer carries its effective visibility,
opacity, offset, tint and parallax (its own combined with every group around it, as Tiled
combines them), and the names of those groups, which the game's layer conventions read.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

FLIP_H = 0x80000000
FLIP_V = 0x40000000
FLIP_D = 0x20000000  # diagonal (a turn of 60 degrees on hexagonal maps)
ROTATE_120 = 0x10000000  # hexagonal maps only
GID_MASK = 0x0FFFFFFF

Colour = tuple[int, int, int, int]

#: the layer names the game gives a meaning (see docs/story-format.md)
ABOVE, LIGHTS, SPOTS = "above", "lights", "spots"


@dataclass(frozen=True)
class Where:
    """A place in a map or tileset file: line and column (1-based) and the element's path."""

    file: Path
    line: int
    column: int
    path: str


@dataclass(frozen=True)
class Problem:
    """Something in a map the game cannot draw, with the diagnostic code that names it."""

    code: str
    where: Where
    message: str


@dataclass(frozen=True)
class Image:
    path: Path
    width: int | None  # as the file says, when it says
    height: int | None
    trans: tuple[int, int, int] | None  # the colour Tiled treats as transparent
    where: Where


@dataclass(frozen=True)
class Frame:
    tile: int  # local tile id in the same tileset
    duration: int  # milliseconds


@dataclass(frozen=True)
class Tile:
    """A tile with something of its own: an image, a part of an image, or an animation."""

    id: int
    image: Image | None = None
    rect: tuple[int, int, int, int] | None = None  # part of its image (Tiled 1.9+)
    frames: tuple[Frame, ...] = ()


@dataclass(frozen=True)
class Tileset:
    firstgid: int
    name: str
    tile_width: int
    tile_height: int
    spacing: int
    margin: int
    columns: int
    tilecount: int
    offset: tuple[int, int]
    alignment: str  # Tiled's objectalignment; "unspecified" follows the orientation
    render_size: str  # "tile" (the tile's own size) or "grid" (the map's tile size)
    fill: str  # with render_size "grid": "stretch" or "preserve-aspect-fit"
    image: Image | None
    tiles: Mapping[int, Tile]
    where: Where

    def grid_rect(self, local: int, image_size: tuple[int, int]) -> tuple[int, int, int, int] | None:
        """The part of the tileset's image that tile ``local`` is, cut as Tiled cuts it."""
        tw, th = self.tile_width, self.tile_height
        iw, ih = image_size
        columns = (iw - 2 * self.margin + self.spacing) // (tw + self.spacing) if tw > 0 else 0
        rows = (ih - 2 * self.margin + self.spacing) // (th + self.spacing) if th > 0 else 0
        if columns <= 0 or rows <= 0 or not 0 <= local < columns * rows:
            return None
        x = self.margin + (local % columns) * (tw + self.spacing)
        y = self.margin + (local // columns) * (th + self.spacing)
        return x, y, tw, th


class TileGrid:
    """A tile layer's cells: one array for a fixed-size map, blocks for an infinite one."""

    BLOCK = 16

    def __init__(self, x: int, y: int, width: int, height: int, cells: array | None = None):
        self.x, self.y, self.width, self.height = x, y, width, height
        self._cells = cells
        self._blocks: dict[tuple[int, int], array] = {}
        self._gids: frozenset[int] | None = None

    @classmethod
    def from_chunks(cls, chunks: list[tuple[int, int, int, int, array]]) -> TileGrid:
        """An infinite layer's chunks, kept as aligned blocks whatever their own size."""
        if not chunks:
            return cls(0, 0, 0, 0)
        x0 = min(c[0] for c in chunks)
        y0 = min(c[1] for c in chunks)
        x1 = max(c[0] + c[2] for c in chunks)
        y1 = max(c[1] + c[3] for c in chunks)
        grid = cls(x0, y0, x1 - x0, y1 - y0)
        b = cls.BLOCK
        for cx, cy, w, _, cells in chunks:
            for i, gid in enumerate(cells):
                if gid:
                    tx, ty = cx + i % w, cy + i // w
                    block = grid._blocks.get((tx // b, ty // b))
                    if block is None:
                        block = grid._blocks[(tx // b, ty // b)] = array("I", bytes(4 * b * b))
                    block[(ty % b) * b + tx % b] = gid
        return grid

    def get(self, x: int, y: int) -> int:
        """The raw gid (with its flip bits) at tile (x, y); 0 where there is none."""
        if self._cells is not None:
            x -= self.x
            y -= self.y
            if 0 <= x < self.width and 0 <= y < self.height:
                return self._cells[y * self.width + x]
            return 0
        b = self.BLOCK
        block = self._blocks.get((x // b, y // b))
        return block[(y % b) * b + x % b] if block is not None else 0

    def used(self) -> Iterator[tuple[int, int, int]]:
        """(x, y, raw gid) of every cell that holds a tile."""
        if self._cells is not None:
            w = self.width
            for i, gid in enumerate(self._cells):
                if gid:
                    yield self.x + i % w, self.y + i // w, gid
            return
        b = self.BLOCK
        for (bx, by), block in self._blocks.items():
            for i, gid in enumerate(block):
                if gid:
                    yield bx * b + i % b, by * b + i // b, gid

    def gids(self) -> frozenset[int]:
        """Every distinct raw gid used (0 included when a cell is empty), worked out once."""
        if self._gids is None:
            if self._cells is not None:
                self._gids = frozenset(self._cells)
            else:
                self._gids = frozenset(g for block in self._blocks.values() for g in block)
        return self._gids


@dataclass(frozen=True)
class TextSpec:
    text: str
    pixel_size: int
    colour: Colour
    bold: bool
    italic: bool
    wrap: bool
    halign: str
    valign: str


@dataclass(frozen=True)
class MapObject:
    id: int
    name: str
    type: str
    x: float
    y: float
    width: float
    height: float
    rotation: float
    gid: int  # raw, with flip bits; 0 for a shape
    visible: bool
    shape: str  # rectangle, ellipse, point, polygon, polyline, text
    properties: Mapping[str, str]
    where: Where
    text: TextSpec | None = None


@dataclass(frozen=True)
class Layer:
    """One drawable layer, with its groups folded in."""

    kind: str  # "tiles", "objects" or "image"
    id: int
    name: str
    groups: tuple[str, ...]  # names of the groups around it, outermost first
    visible: bool
    opacity: float
    offset: tuple[float, float]
    tint: Colour | None
    parallax: tuple[float, float]
    properties: Mapping[str, str]
    where: Where
    grid: TileGrid | None = None
    objects: tuple[MapObject, ...] = ()
    image: Image | None = None
    repeat: tuple[bool, bool] = (False, False)
    draw_order: str = "index"  # an object layer's: "topdown" sorts its objects by y

    def named(self, convention: str) -> bool:
        """Whether the layer, or a group around it, carries one of the game's layer names."""
        return convention == self.name.strip().lower() or any(
            convention == g.strip().lower() for g in self.groups
        )


@dataclass(frozen=True)
class TiledMap:
    path: Path
    orientation: str
    render_order: str
    width: int
    height: int
    tile_width: int
    tile_height: int
    side: int  # hexsidelength
    stagger_x: bool
    stagger_even: bool
    infinite: bool
    background: Colour | None
    parallax_origin: tuple[float, float]
    properties: Mapping[str, str]
    tilesets: tuple[Tileset, ...]
    layers: tuple[Layer, ...]
    _firsts: list[int] = field(default_factory=list, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._firsts.extend(t.firstgid for t in self.tilesets)

    def tileset_of(self, gid: int) -> tuple[Tileset, int] | None:
        """The tileset a gid (flip bits cleared) belongs to, and its local id there."""
        i = bisect.bisect_right(self._firsts, gid) - 1
        if gid <= 0 or i < 0:
            return None
        tileset = self.tilesets[i]
        return tileset, gid - tileset.firstgid
