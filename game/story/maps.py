"""What the story model needs to know of a Tiled map: its spots, and that it is whole.

Read with the standard XML parser rather than pytmx, so the story model stays free of pygame
and a lint run never needs a display. The app draws maps with pytmx.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from game.story.confine import Refused, confine, shown


@dataclass(frozen=True)
class MapInfo:
    spots: frozenset[str]
    width: int
    height: int
    tile_width: int
    tile_height: int
    images: tuple[Path, ...]


class MapError(Exception):
    def __init__(self, message: str, code: str = "LT402"):
        super().__init__(message)
        self.message = message
        self.code = code


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as err:
        line, column = err.position
        raise MapError(f"not valid XML at line {line}, column {column + 1}") from None
    except OSError as err:
        raise MapError(f"cannot be read: {err.strerror or err}") from None


def _inside(base: Path, source: str, root: Path, what: str) -> Path:
    """The file ``source`` names from the folder ``base``, confined to the story folder."""
    try:
        folder = base.resolve().relative_to(root).as_posix()
        return confine(root, source, base="" if folder == "." else folder, what=what).path
    except ValueError:  # a map or tileset outside the folder (refused before it is read)
        raise MapError(f"{what} '{shown(source)}' leaves the story folder", "LT400") from None
    except Refused as refused:
        raise MapError(refused.message, refused.code) from None


def read_map(path: Path, root: Path) -> MapInfo:
    """Spots (named objects; the "spots" layer if there is one) and every image the map uses."""
    tree = _parse(path)
    if tree.tag != "map":
        raise MapError(f"the root element is <{tree.tag}>, not a Tiled <map>")
    try:
        width, height = int(tree.get("width", "0")), int(tree.get("height", "0"))
        tw, th = int(tree.get("tilewidth", "0")), int(tree.get("tileheight", "0"))
    except ValueError:
        raise MapError("its size is not a number") from None
    images: list[Path] = []
    for tileset in tree.iter("tileset"):
        holder = tileset
        base = path.parent
        if tileset.get("source"):
            tsx = _inside(path.parent, tileset.get("source", ""), root, "tileset")
            holder = _parse(tsx)
            base = tsx.parent
        for image in holder.iter("image"):
            images.append(_inside(base, image.get("source", ""), root, "tileset image"))
    for layer in tree.iter("imagelayer"):
        for image in layer.iter("image"):
            images.append(_inside(path.parent, image.get("source", ""), root, "image layer"))
    groups = list(tree.iter("objectgroup"))
    named = [g for g in groups if g.get("name") == "spots"] or groups
    spots = frozenset(o.get("name", "") for g in named for o in g.iter("object") if o.get("name"))
    return MapInfo(spots, width, height, tw, th, tuple(images))
