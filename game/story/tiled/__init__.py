"""Tiled maps read with the standard library, for the story loader, lint and the renderer.

pytmx (which the renderer still uses to cut tile images) reads neither infinite maps, zstd
layers, per-tile image rectangles nor Tiled's order of layers through groups, and cannot say
where in a file a problem is; this reader does, and stays free of pygame.
"""

from game.story.tiled.model import Layer, MapObject, Problem, TiledMap, Tileset, Where
from game.story.tiled.read import MapError, Reading, confine, read_tmx

__all__ = ["Layer", "MapError", "MapObject", "Problem", "Reading", "TiledMap", "Tileset",
           "Where", "confine", "read_tmx"]
