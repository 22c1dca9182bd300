"""What the story model needs to know of a Tiled map: its spots, and that it is whole.

Read with the standard XML parser (``game.story.tiled``) rather than pytmx, so the story
model stays free of pygame and a lint run never needs a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.story.codes import severity
from game.story.diagnostics import Diagnostic
from game.story.tiled import MapError, Problem, TiledMap, read_tmx
from game.story.tiled.geometry import Grid
from game.story.tiled.model import LIGHTS, SPOTS


@dataclass(frozen=True)
class MapInfo:
    spots: frozenset[str]
    width: int
    height: int
    tile_width: int
    tile_height: int
    images: tuple[Path, ...]


def read_map(path: Path, root: Path) -> MapInfo:
    """Spots (named objects; the "spots" layer if there is one) and every image the map uses.

    Raises MapError when the map or a file it names cannot be read; what it holds that the
    game cannot draw is lint's to report (``game.tools.checks.maps``).
    """
    reading = read_tmx(path, root, tiles=False)
    m = reading.map
    return MapInfo(frozenset(spots(m)), m.width, m.height, m.tile_width, m.tile_height,
                   tuple(reading.images))


def spots(m: TiledMap) -> dict[str, tuple[float, float]]:
    """Where each spot is, in the map's pixels: the named objects of the layers called
    "spots" (else of every object layer but "lights"); hidden objects and layers have none."""
    layers = [layer for layer in m.layers if layer.kind == "objects" and layer.visible]
    chosen = [layer for layer in layers if layer.named(SPOTS)] or [
        layer for layer in layers if not layer.named(LIGHTS)]
    grid = Grid.of(m)
    out: dict[str, tuple[float, float]] = {}
    for layer in chosen:
        for obj in layer.objects:
            if obj.name and obj.visible and obj.name not in out:
                x, y = grid.pixel_to_screen(obj.x, obj.y)
                out[obj.name] = (x + layer.offset[0], y + layer.offset[1])
    return out


def diagnostics(problems: list[Problem], root: Path, display_root: str = "") -> list[Diagnostic]:
    """A map's problems as diagnostics, placed in the file (map, tileset or template) where
    each is, named as lint names it: under ``display_root``, relative to the story folder."""
    out = []
    for p in problems:
        w = p.where
        out.append(Diagnostic(_shown(w.file, root, display_root), w.line, w.column,
                              severity(p.code), p.code, p.message, w.path))
    return out


def error_diagnostic(err: MapError, map_path: Path, root: Path,
                     display_root: str = "") -> Diagnostic:
    """A map that cannot be read at all, as a diagnostic (at the map's start if unplaced)."""
    w = err.where
    if w is None:
        return Diagnostic(_shown(map_path, root, display_root), 1, 1, severity(err.code),
                          err.code, err.message, "")
    return Diagnostic(_shown(w.file, root, display_root), w.line, w.column, severity(err.code),
                      err.code, err.message, w.path)


def _shown(file: Path, root: Path, display_root: str) -> str:
    root = root.resolve()
    name = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name
    return f"{display_root.rstrip('/')}/{name}" if display_root else name


__all__ = ["MapError", "MapInfo", "diagnostics", "error_diagnostic", "read_map", "spots"]
