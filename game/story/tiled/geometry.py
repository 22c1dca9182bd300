"""Where Tiled puts each tile and object, for every orientation, and in which order it draws.

The rules follow Tiled's own renderers (orthogonal, isometric, staggered and hexagonal): the
point each cell's image is drawn from (its bottom-left corner), the pixel bounds of a map, the
order tiles are painted in (which decides what overlaps what), and how an object's position
becomes a place on screen (only isometric maps transform it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from game.story.tiled.model import TiledMap

ORIENTATIONS = ("orthogonal", "isometric", "staggered", "hexagonal")
RENDER_ORDERS = ("right-down", "right-up", "left-down", "left-up")

Rect = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Grid:
    orientation: str
    tw: int
    th: int
    side: int
    stagger_x: bool
    stagger_even: bool
    map_width: int
    map_height: int
    render_order: str = "right-down"

    @classmethod
    def of(cls, m: TiledMap) -> Grid:
        return cls(m.orientation, m.tile_width, m.tile_height, m.side, m.stagger_x,
                   m.stagger_even, m.width, m.height, m.render_order)

    # -- hexagonal and staggered parameters, as Tiled works them out ----------------------------

    @property
    def hex(self) -> bool:
        return self.orientation in ("staggered", "hexagonal")

    def _params(self) -> tuple[int, int, int, int, int, int, int, int]:
        tw, th = self.tw & ~1, self.th & ~1
        side_x = self.side if self.orientation == "hexagonal" and self.stagger_x else 0
        side_y = self.side if self.orientation == "hexagonal" and not self.stagger_x else 0
        off_x, off_y = (tw - side_x) // 2, (th - side_y) // 2
        return tw, th, side_x, side_y, off_x, off_y, off_x + side_x, off_y + side_y

    def _staggered(self, i: int) -> bool:
        return bool((i & 1) ^ self.stagger_even)

    # -- tiles -------------------------------------------------------------------------------

    def cell_anchor(self, x: int, y: int) -> tuple[float, float]:
        """The point a cell's tile image is drawn from: its bottom-left corner."""
        if self.orientation == "isometric":
            sx, sy = self.tile_to_screen(x, y)
            return sx - self.tw // 2, sy + self.th
        if self.hex:
            sx, sy = self.tile_to_screen(x, y)
            return sx, sy + (self.th & ~1)
        return x * self.tw, (y + 1) * self.th

    def tile_to_screen(self, x: float, y: float) -> tuple[float, float]:
        """The top of a cell (isometric: its top corner; others: its top-left)."""
        if self.orientation == "isometric":
            origin = self.map_height * self.tw // 2
            return (x - y) * self.tw / 2 + origin, (x + y) * self.th / 2
        if self.hex:
            tw, th, side_x, side_y, _, _, col_w, row_h = self._params()
            tx, ty = math.floor(x), math.floor(y)
            if self.stagger_x:
                py = ty * (th + side_y) + (row_h if self._staggered(tx) else 0)
                return tx * col_w, py
            px = tx * (tw + side_x) + (col_w if self._staggered(ty) else 0)
            return px, ty * row_h
        return x * self.tw, y * self.th

    def bounds(self, x: int, y: int, w: int, h: int) -> Rect:
        """The pixel rectangle the cells of a tile rectangle cover (Tiled's boundingRect)."""
        if w <= 0 or h <= 0:
            return 0, 0, 0, 0
        if self.orientation == "isometric":
            origin = self.map_height * self.tw // 2
            side = w + h
            return ((x - (y + h)) * self.tw // 2 + origin, (x + y) * self.th // 2,
                    side * self.tw // 2, side * self.th // 2)
        if self.hex:
            tw, th, side_x, side_y, off_x, off_y, col_w, row_h = self._params()
            if self.stagger_x:
                return (x * col_w, y * (th + side_y), w * col_w + off_x,
                        h * (th + side_y) + (row_h if w > 1 else 0))
            return (x * (tw + side_x), y * row_h, w * (tw + side_x) + (col_w if h > 1 else 0),
                    h * row_h + off_y)
        return x * self.tw, y * self.th, w * self.tw, h * self.th

    def near(self, region: Rect, margin: float, limits: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """A tile rectangle (x0, y0, x1, y1 inclusive, within ``limits``) holding every cell
        whose image, reaching at most ``margin`` pixels past its cell, may touch ``region``."""
        rx, ry, rw, rh = region
        left, top, right, bottom = rx - margin, ry - margin, rx + rw + margin, ry + rh + margin
        if self.orientation == "isometric":
            corners = [self.screen_to_tile(px, py) for px in (left, right) for py in (top, bottom)]
            xs = [c[0] for c in corners]
            ys = [c[1] for c in corners]
            x0, x1 = math.floor(min(xs)) - 1, math.ceil(max(xs)) + 1
            y0, y1 = math.floor(min(ys)) - 1, math.ceil(max(ys)) + 1
        elif self.hex:
            tw, th, side_x, side_y, _, _, col_w, row_h = self._params()
            if self.stagger_x:
                step_x, step_y = max(1, col_w), max(1, th + side_y)
            else:
                step_x, step_y = max(1, tw + side_x), max(1, row_h)
            x0, x1 = math.floor(left / step_x) - 2, math.floor(right / step_x) + 2
            y0, y1 = math.floor(top / step_y) - 2, math.floor(bottom / step_y) + 2
        else:
            x0, x1 = math.floor(left / self.tw) - 1, math.floor(right / self.tw) + 1
            y0, y1 = math.floor(top / self.th) - 1, math.floor(bottom / self.th) + 1
        lx0, ly0, lx1, ly1 = limits
        return max(x0, lx0), max(y0, ly0), min(x1, lx1), min(y1, ly1)

    def screen_to_tile(self, x: float, y: float) -> tuple[float, float]:
        """Isometric only: the (fractional) cell under a pixel."""
        x -= self.map_height * self.tw // 2
        ty, tx = y / self.th, x / self.tw
        return ty + tx, ty - tx

    def order(self, x0: int, y0: int, x1: int, y1: int) -> Iterator[tuple[int, int]]:
        """The cells of a tile rectangle (inclusive) in the order Tiled paints them."""
        if x0 > x1 or y0 > y1:
            return
        if self.orientation == "isometric":
            for s in range(x0 + y0, x1 + y1 + 1):
                for x in range(max(x0, s - y1), min(x1, s - y0) + 1):
                    yield x, s - x
        elif self.hex and self.stagger_x:
            upper = 1 if self.stagger_even else 0  # the columns not pushed down come first
            for y in range(y0, y1 + 1):
                for parity in (upper, 1 - upper):
                    for x in range(x0 + (parity - x0) % 2, x1 + 1, 2):
                        yield x, y
        elif self.hex:
            for y in range(y0, y1 + 1):
                for x in range(x0, x1 + 1):
                    yield x, y
        else:
            xs = range(x0, x1 + 1) if self.render_order.startswith("right") else range(x1, x0 - 1, -1)
            ys = range(y0, y1 + 1) if self.render_order.endswith("down") else range(y1, y0 - 1, -1)
            for y in ys:
                for x in xs:
                    yield x, y

    # -- objects -----------------------------------------------------------------------------

    def pixel_to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Where an object's position is drawn: isometric maps measure objects along the grid."""
        if self.orientation != "isometric":
            return x, y
        origin = self.map_height * self.tw // 2
        tx, ty = x / self.th, y / self.th
        return (tx - ty) * self.tw / 2 + origin, (tx + ty) * self.th / 2

    def default_alignment(self) -> str:
        return "bottom" if self.orientation == "isometric" else "bottomleft"


def align(alignment: str, x: float, y: float, w: float, h: float) -> tuple[float, float]:
    """The top-left of a ``w``×``h`` image whose ``alignment`` point sits at (x, y)."""
    if "left" in alignment:
        left = x
    elif "right" in alignment:
        left = x - w
    else:
        left = x - w / 2
    if alignment.startswith("top"):
        top = y
    elif alignment.startswith("bottom"):
        top = y - h
    else:
        top = y - h / 2
    return left, top
