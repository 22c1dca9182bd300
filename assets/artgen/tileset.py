"""The tileset registry: every tile or multi-tile piece is a named drawing function.

Pieces keep their shape in the atlas (a 3×2 couch stays a 3×2 block), so the tileset reads
naturally in the Tiled editor, and maps place pieces by name instead of by raw tile number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from .draw import Pen

TILE = 32
COLUMNS = 16

Drawer = Callable[[Pen], None]


@dataclass(frozen=True)
class PieceSpec:
    """A named drawing of w×h tiles."""

    name: str
    w: int
    h: int
    draw: Drawer


REGISTRY: list[PieceSpec] = []


def piece(name: str, w: int = 1, h: int = 1) -> Callable[[Drawer], Drawer]:
    """Register a drawing function as a tileset piece."""

    def deco(fn: Drawer) -> Drawer:
        REGISTRY.append(PieceSpec(name, w, h, fn))
        return fn

    return deco


def add(name: str, w: int, h: int, fn: Drawer) -> None:
    """Register a piece from a closure (used for generated variants)."""
    REGISTRY.append(PieceSpec(name, w, h, fn))


class Tileset:
    """The packed atlas plus a lookup from (piece, dx, dy) to a local tile id."""

    def __init__(self, specs: list[PieceSpec]) -> None:
        self.ids: dict[tuple[str, int, int], int] = {}
        self.sizes: dict[str, tuple[int, int]] = {}
        occupied: set[tuple[int, int]] = set()
        placed: list[tuple[PieceSpec, int, int]] = []
        for spec in specs:
            if spec.name in self.sizes:
                raise ValueError(f"duplicate tile piece {spec.name!r}")
            col, row = self._find(occupied, spec.w, spec.h)
            for dy in range(spec.h):
                for dx in range(spec.w):
                    occupied.add((col + dx, row + dy))
                    self.ids[(spec.name, dx, dy)] = (row + dy) * COLUMNS + col + dx
            self.sizes[spec.name] = (spec.w, spec.h)
            placed.append((spec, col, row))
        self.rows = max(r for _, r in occupied) + 1
        self.image = pygame.Surface((COLUMNS * TILE, self.rows * TILE), pygame.SRCALPHA)
        for spec, col, row in placed:
            pen = Pen(spec.w * TILE, spec.h * TILE, 4)
            spec.draw(pen)
            self.image.blit(pen.result(), (col * TILE, row * TILE))

    @staticmethod
    def _find(occupied: set[tuple[int, int]], w: int, h: int) -> tuple[int, int]:
        """First free w×h slot in reading order (a simple first-fit packer)."""
        row = 0
        while True:
            for col in range(COLUMNS - w + 1):
                if all(
                    (col + dx, row + dy) not in occupied for dx in range(w) for dy in range(h)
                ):
                    return col, row
            row += 1

    @property
    def tilecount(self) -> int:
        """Tiles in the atlas image (Tiled counts empty cells too)."""
        return COLUMNS * self.rows

    def gid(self, name: str, dx: int = 0, dy: int = 0, firstgid: int = 1) -> int:
        """The global id of one cell of a piece in a map whose tileset starts at firstgid."""
        return self.ids[(name, dx, dy)] + firstgid

    def has(self, name: str) -> bool:
        """Whether a piece with this name exists."""
        return name in self.sizes
