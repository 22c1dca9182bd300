"""Reading a Tiled map (.tmx) with its tilesets (.tsx) and object templates (.tx).

One reader serves the story loader (spots, and that every file a map names exists), lint
(every feature the game cannot draw, every size outside sane bounds, each with its code and
its place in the file) and the game's renderer, so what lint passes is what the game draws.

Files that cannot be had at all raise ``MapError`` (LT400 a path leaving the story folder,
LT401 a file missing, LT402 not a Tiled file); everything else is a ``Problem`` in the result.
Sizes are checked before any layer data is decoded, so a map declaring a billion tiles costs
nothing to refuse.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.story.bounds import size_problem
from game.story.confine import Refused, shown
from game.story.confine import confine as story_confine
from game.story.tiled import data as layer_data
from game.story.tiled.geometry import ORIENTATIONS, RENDER_ORDERS
from game.story.tiled.imagesize import image_size
from game.story.tiled.model import (
    FLIP_D,
    FLIP_H,
    FLIP_V,
    GID_MASK,
    Colour,
    Frame,
    Image,
    Layer,
    MapObject,
    Problem,
    TextSpec,
    Tile,
    TiledMap,
    TileGrid,
    Tileset,
    Where,
)
from game.story.tiled.xmltree import Document, Element, TooDeep, XmlError, parse

#: bounds on what a map may declare (docs/diagnostics.md, LT520–LT522)
MAX_SIDE = 4096  # tiles along one side of a map or a layer
MAX_CELLS = 16_777_216  # tiles in all the tile layers of a map together
MAX_TILE = 1024  # pixels along one side of a tile
MAX_IMAGE_SIDE = 16_384  # pixels along one side of an image
MAX_IMAGE_PIXELS = 33_554_432  # pixels in one image (128 MB once loaded)
MAX_PROBLEMS = 50
PICTURES = (".png", ".gif", ".bmp", ".jpg", ".jpeg", ".webp")  # headers lint can read


class MapError(Exception):
    """A map (or a file it names) that cannot be read at all."""

    def __init__(self, message: str, code: str = "LT402", where: Where | None = None):
        super().__init__(message)
        self.message, self.code, self.where = message, code, where


@dataclass
class Reading:
    """What reading a map found: the map (its tile layers without cells when they were not
    decoded), the problems that keep the game from drawing it, and every image it uses."""

    map: TiledMap
    problems: list[Problem] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)


def confine(base: Path, source: str, root: Path, what: str, where: Where | None) -> Path:
    """The file ``source`` names (relative to ``base``), if it is inside ``root`` and exists.

    Every path a map, tileset or template names goes through here, and so through the story's
    one rule for files (``game.story.confine``): the same codes as any other file a story names.
    """
    try:
        folder = Path(os.path.realpath(base)).relative_to(root).as_posix()
    except (OSError, ValueError):  # a file outside the story folder names this one
        raise MapError(f"{what} '{shown(source)}' leaves the story folder", "LT400",
                       where) from None
    try:
        return story_confine(root, source, base="" if folder == "." else folder, what=what).path
    except Refused as refused:
        raise MapError(refused.message, refused.code, where) from None


def read_tmx(path: Path, root: Path, *, tiles: bool = True) -> Reading:
    """Read the map at ``path`` (inside ``root``); ``tiles=False`` skips decoding layer data
    (all the story loader needs)."""
    return _Reader(path, root.resolve(), tiles).read()


def read_document(path: Path, expect: str) -> Document:
    try:
        too_large = size_problem(path.stat().st_size)
        if too_large:  # refused unread, like any story file (LT110)
            raise MapError(too_large, "LT110", Where(path, 1, 1, ""))
        raw = path.read_bytes()
    except OSError as err:
        raise MapError(f"cannot be read: {err.strerror or err}",
                       where=Where(path, 1, 1, "")) from None
    try:
        doc = parse(raw)
    except TooDeep as err:
        raise MapError(f"{err.message}; a Tiled file needs about six", "LT111",
                       Where(path, err.line, err.column, "")) from None
    except XmlError as err:
        raise MapError(f"not valid XML: {err.message}",
                       where=Where(path, err.line, err.column, "")) from None
    if doc.root.tag != expect:
        raise MapError(f"the root element is <{doc.root.tag}>, not a Tiled <{expect}>",
                       where=Where(path, doc.root.line, doc.root.column, doc.root.path))
    return doc


class _Reader:
    def __init__(self, path: Path, root: Path, tiles: bool):
        self.path, self.root, self.tiles = path, root, tiles
        self.problems: list[Problem] = []
        self.images: list[Path] = []
        self.docs: dict[Path, Document] = {}
        self.templates: dict[Path, tuple[Element, Path, list[tuple[int, Path]]]] = {}
        self.cells = 0
        self.sizes: dict[Path, tuple[int, int] | None] = {}

    # -- places and problems -----------------------------------------------------------------

    def where(self, file: Path, element: Element, attribute: str | None = None) -> Where:
        line, column = self.docs[file].where(element, attribute)
        return Where(file, line, column, element.path + (f"/@{attribute}" if attribute else ""))

    def problem(self, code: str, where: Where, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(code, where, message))

    def document(self, path: Path, expect: str) -> Element:
        if path not in self.docs:
            self.docs[path] = read_document(path, expect)
        return self.docs[path].root

    # -- numbers -----------------------------------------------------------------------------

    def integer(self, file: Path, el: Element, name: str, default: int | None, code: str,
                what: str) -> int | None:
        text = el.attrs.get(name)
        if text is None:
            return default
        try:
            return int(text.strip())
        except ValueError:
            self.problem(code, self.where(file, el, name), f"{what} '{text[:20]}' is not a whole "
                                                           "number")
            return None

    def number(self, el: Element, name: str, default: float) -> float:
        return _number(el.attrs, name, default)

    def bounded(self, file: Path, el: Element, name: str, value: int | None, low: int,
                high: int, code: str, what: str, fix: str) -> bool:
        if value is None:
            return False
        if not low <= value <= high:
            self.problem(code, self.where(file, el, name),
                         f"{what} is {value}: it must be {low} to {high:,}; {fix}")
            return False
        return True

    # -- the map -----------------------------------------------------------------------------

    def read(self) -> Reading:
        el = self.document(self.path, "map")
        f = self.path
        orientation = el.attrs.get("orientation", "orthogonal")
        if orientation not in ORIENTATIONS:
            self.problem("LT526", self.where(f, el, "orientation"),
                         f"the '{orientation}' orientation is not supported: the game draws "
                         f"{', '.join(ORIENTATIONS[:-1])} and {ORIENTATIONS[-1]} maps; change "
                         "it in Tiled with Map > Map Properties > Orientation")
        order = el.attrs.get("renderorder", "right-down")
        if order not in RENDER_ORDERS:
            self.problem("LT526", self.where(f, el, "renderorder"),
                         f"the tile render order '{order}' is not one Tiled knows: use "
                         f"{', '.join(RENDER_ORDERS)} (Map > Map Properties > Tile Render Order)")
            order = "right-down"
        axis = el.attrs.get("staggeraxis", "y")
        index = el.attrs.get("staggerindex", "odd")
        if orientation in ("staggered", "hexagonal"):
            if axis not in ("x", "y"):
                self.problem("LT526", self.where(f, el, "staggeraxis"),
                             f"the stagger axis '{axis}' is neither x nor y (Map > Map Properties "
                             "> Stagger Axis)")
            if index not in ("odd", "even"):
                self.problem("LT526", self.where(f, el, "staggerindex"),
                             f"the stagger index '{index}' is neither odd nor even (Map > Map "
                             "Properties > Stagger Index)")
        sizes_ok = True
        size_fix = "set it in Tiled with Map > Resize Map"
        width = self.integer(f, el, "width", None, "LT520", "the map's width")
        height = self.integer(f, el, "height", None, "LT520", "the map's height")
        for name, value in (("width", width), ("height", height)):
            if value is None and name not in el.attrs:
                self.problem("LT520", self.where(f, el), f"the map has no {name}: {size_fix}")
            sizes_ok &= self.bounded(f, el, name, value, 1, MAX_SIDE, "LT520",
                                     f"the map's {name} in tiles", size_fix)
        if sizes_ok and width * height > MAX_CELLS:
            self.problem("LT520", self.where(f, el, "width"),
                         f"the map is {width}×{height} = {width * height:,} tiles: at most "
                         f"{MAX_CELLS:,} can be drawn; {size_fix}, or split it into scenes")
            sizes_ok = False
        tile_fix = "set it in Tiled with Map > Map Properties > Tile Width / Tile Height"
        tw = self.integer(f, el, "tilewidth", None, "LT521", "the map's tile width")
        th = self.integer(f, el, "tileheight", None, "LT521", "the map's tile height")
        for name, value in (("tilewidth", tw), ("tileheight", th)):
            if value is None and name not in el.attrs:
                self.problem("LT521", self.where(f, el), f"the map has no {name}: {tile_fix}")
            sizes_ok &= self.bounded(f, el, name, value, 1, MAX_TILE, "LT521",
                                     f"the map's {name.replace('tile', 'tile ')} in pixels", tile_fix)
        side = self.integer(f, el, "hexsidelength", 0, "LT521", "the hex side length") or 0
        if orientation == "hexagonal" and sizes_ok:
            across = tw if axis == "x" else th
            sizes_ok &= self.bounded(f, el, "hexsidelength", side, 0, across, "LT521",
                                     "the hex side length in pixels",
                                     "set it in Map > Map Properties > Hex Side Length")
        infinite = el.attrs.get("infinite", "0").strip() == "1"
        background = _colour(el.attrs.get("backgroundcolor"))
        origin = (self.number(el, "parallaxoriginx", 0.0), self.number(el, "parallaxoriginy", 0.0))
        properties = _properties(el)
        tilesets = [t for t in (self.tileset(c) for c in el.findall("tileset")) if t is not None]
        tilesets.sort(key=lambda t: t.firstgid)
        decode = self.tiles and sizes_ok
        skeleton = TiledMap(self.path, orientation, order, width or 0, height or 0, tw or 0,
                            th or 0, side, axis == "x", index == "even", infinite, background,
                            origin, properties, tuple(tilesets), ())
        layers: list[Layer] = []
        self.layers(el, skeleton, _Inherited(), layers, decode, (width or 0, height or 0))
        return Reading(replace(skeleton, layers=tuple(layers)), self.problems, self.images)

    # -- tilesets ----------------------------------------------------------------------------

    def tileset(self, ref: Element) -> Tileset | None:
        f = self.path
        first = self.integer(f, ref, "firstgid", None, "LT525", "the tileset's first tile number")
        if first is None and "firstgid" in ref.attrs:
            return None  # reported: not a number
        if first is None or first < 1:
            self.problem("LT525", self.where(f, ref, "firstgid" if first is not None else None),
                         "the tileset has no first tile number (firstgid) of 1 or more: add "
                         "the tileset to the map again in Tiled")
            return None
        el, file = ref, f
        if ref.attrs.get("source"):
            file = confine(f.parent, ref.attrs["source"], self.root, "tileset",
                           self.where(f, ref, "source"))
            el = self.document(file, "tileset")
        return self.tileset_body(el, file, first)

    def tileset_body(self, el: Element, file: Path, first: int) -> Tileset | None:
        name = el.attrs.get("name", file.stem)
        fix = "set it in Tiled's Tileset Properties (Tile Width / Tile Height)"
        tw = self.integer(file, el, "tilewidth", None, "LT521", "the tileset's tile width")
        th = self.integer(file, el, "tileheight", None, "LT521", "the tileset's tile height")
        ok = True
        for attr, value in (("tilewidth", tw), ("tileheight", th)):
            if value is None:
                if attr not in el.attrs:
                    self.problem("LT521", self.where(file, el), f"the tileset '{name}' has no "
                                                                f"{attr}: {fix}")
                ok = False
            else:
                ok &= self.bounded(file, el, attr, value, 1, MAX_TILE, "LT521",
                                   f"the tileset '{name}' {attr.replace('tile', 'tile ')} in "
                                   "pixels", fix)
        spacing = self.integer(file, el, "spacing", 0, "LT521", "the tileset's spacing") or 0
        margin = self.integer(file, el, "margin", 0, "LT521", "the tileset's margin") or 0
        for attr, value in (("spacing", spacing), ("margin", margin)):
            ok &= self.bounded(file, el, attr, value, 0, MAX_IMAGE_SIDE, "LT521",
                               f"the tileset '{name}' {attr} in pixels",
                               "set it in Tiled's Tileset Properties")
        columns = max(0, self.integer(file, el, "columns", 0, "LT521", "columns") or 0)
        tilecount = max(0, self.integer(file, el, "tilecount", 0, "LT521", "tile count") or 0)
        offset_el = el.find("tileoffset")
        offset = (0, 0)
        if offset_el is not None:
            offset = (int(self.number(offset_el, "x", 0)), int(self.number(offset_el, "y", 0)))
        image_el = el.find("image")
        image = self.image(image_el, file, f"the tileset '{name}'") if image_el is not None else None
        tiles: dict[int, Tile] = {}
        frames_at: list[tuple[Tile, list[Element]]] = []
        for tile_el in el.findall("tile"):
            made = self.tile(tile_el, file, name, image)
            if made is not None:
                tile, frame_els = made
                tiles[tile.id] = tile
                if tile.frames:
                    frames_at.append((tile, frame_els))
        if image is None and image_el is None and not any(t.image for t in tiles.values()):
            self.problem("LT528", self.where(file, el), f"the tileset '{name}' has no image: add "
                         "one in Tiled (Tileset > Tileset Properties > Image)")
        if not ok:
            return None
        tileset = Tileset(first, name, tw, th, spacing, margin, columns, tilecount, offset,
                          el.attrs.get("objectalignment", "unspecified"),
                          el.attrs.get("tilerendersize", "tile"),
                          el.attrs.get("fillmode", "stretch"), image, tiles,
                          self.where(file, el))
        for tile, frame_els in frames_at:
            for frame, frame_el in zip(tile.frames, frame_els):
                if not self.has_tile(tileset, frame.tile):
                    self.problem("LT529", self.where(file, frame_el, "tileid"),
                                 f"an animation of tile {tile.id} in tileset '{name}' shows "
                                 f"tile {frame.tile}, which the tileset does not have: fix the "
                                 "animation in Tiled's Tile Animation Editor")
                    break
        return tileset

    def tile(self, el: Element, file: Path, tileset: str,
             sheet: Image | None) -> tuple[Tile, list[Element]] | None:
        """The tile, and the ``<frame>`` element of each of its animation's frames."""
        local = self.integer(file, el, "id", None, "LT525", "the tile id")
        if local is None or local < 0:
            return None
        image_el = el.find("image")
        image = self.image(image_el, file, f"tile {local} of '{tileset}'") if image_el is not None \
            else None
        rect = None
        if any(k in el.attrs for k in ("x", "y", "width", "height")):
            source = image or sheet
            size = _known_size(source)
            x = self.integer(file, el, "x", 0, "LT528", "the tile's x") or 0
            y = self.integer(file, el, "y", 0, "LT528", "the tile's y") or 0
            w = self.integer(file, el, "width", size[0] if size else None, "LT528", "width")
            h = self.integer(file, el, "height", size[1] if size else None, "LT528", "height")
            if w is not None and h is not None:
                rect = (x, y, w, h)
                if w <= 0 or h <= 0 or x < 0 or y < 0 or (
                        size and (x + w > size[0] or y + h > size[1])):
                    inside = f"its {size[0]}×{size[1]} image" if size else "its image"
                    self.problem("LT528", self.where(file, el),
                                 f"tile {local} of tileset '{tileset}' is the part {x},{y} "
                                 f"{w}×{h}, which is not inside {inside}: fix its rectangle in "
                                 "Tiled (select the tile, Tile Properties)")
                    rect = None
        frames: list[Frame] = []
        frame_els: list[Element] = []
        animation = el.find("animation")
        if animation is not None:
            for frame in animation.findall("frame"):
                tid = self.integer(file, frame, "tileid", None, "LT529", "the frame's tile id")
                duration = self.integer(file, frame, "duration", 100, "LT529", "duration")
                if tid is not None:
                    frames.append(Frame(tid, max(0, duration if duration is not None else 100)))
                    frame_els.append(frame)
        return Tile(local, image, rect, tuple(frames)), frame_els

    def has_tile(self, tileset: Tileset, local: int) -> bool:
        if local < 0:
            return False
        if tileset.image is None and not any(t.image for t in tileset.tiles.values()):
            return True  # a tileset without images: reported once, as LT527 or LT528
        if tileset.image is not None:
            size = _known_size(tileset.image)
            if size is not None:
                return tileset.grid_rect(local, size) is not None
            return tileset.tilecount <= 0 or local < tileset.tilecount
        found = tileset.tiles.get(local)
        return found is not None and found.image is not None

    def image(self, el: Element, file: Path, what: str) -> Image | None:
        source = el.attrs.get("source")
        if not source:
            if el.find("data") is not None or el.attrs.get("format"):
                self.problem("LT527", self.where(file, el),
                             f"{what} has its image embedded in the file, which the game does "
                             "not read: save the image as a file beside the map and use it in "
                             "Tiled instead")
            else:
                self.problem("LT528", self.where(file, el), f"{what} has an image with no file: "
                             "choose its image again in Tiled")
            return None
        path = confine(file.parent, source, self.root, f"image of {what}",
                       self.where(file, el, "source"))
        width = self.integer(file, el, "width", None, "LT522", "the image's width")
        height = self.integer(file, el, "height", None, "LT522", "the image's height")
        first = path not in self.sizes
        if first:
            self.images.append(path)
            self.sizes[path] = image_size(path)
        found = self.sizes[path]  # Tiled, too, goes by the image itself
        if found is not None:
            width, height = found
        elif first and path.suffix.lower() in PICTURES:
            self.problem("LT528", self.where(file, el, "source"),
                         f"the image '{source}' of {what} cannot be read: the file is damaged, or "
                         f"not the {path.suffix[1:].upper()} picture its name says; save it again "
                         "from an image editor")
        if first and width is not None and height is not None:
            fix = "make the image smaller, or cut it into several"
            if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
                self.problem("LT522", self.where(file, el, "source"),
                             f"the image '{source}' of {what} is {width}×{height} pixels: at most "
                             f"{MAX_IMAGE_SIDE:,} on a side and {MAX_IMAGE_PIXELS:,} in all can "
                             f"be drawn; {fix}")
            elif width <= 0 or height <= 0:
                self.problem("LT522", self.where(file, el, "source"),
                             f"the image '{source}' of {what} is {width}×{height} pixels: an "
                             "image must be at least 1×1; choose its image again in Tiled")
        return Image(path, width, height, _trans(el.attrs.get("trans")), self.where(file, el))

    # -- layers ------------------------------------------------------------------------------

    def layers(self, parent: Element, m: TiledMap, inherited: _Inherited, out: list[Layer],
               decode: bool, size: tuple[int, int]) -> None:
        for el in parent.children:
            if el.tag not in ("layer", "objectgroup", "imagelayer", "group"):
                continue
            mine = inherited.inside(el, self)
            if el.tag == "group":
                self.layers(el, m, mine, out, decode, size)
                continue
            common = dict(id=int(self.number(el, "id", 0)), name=el.attrs.get("name", ""),
                          groups=inherited.names, visible=mine.visible, opacity=mine.opacity,
                          offset=mine.offset, tint=mine.tint, parallax=mine.parallax,
                          properties=_properties(el), where=self.where(self.path, el))
            if el.tag == "layer":
                grid = self.grid(el, m, decode, size)
                out.append(Layer("tiles", grid=grid, **common))
            elif el.tag == "objectgroup":
                objects = tuple(o for o in (self.object(o, m) for o in el.findall("object")) if o)
                out.append(Layer("objects", objects=objects,
                                 draw_order=el.attrs.get("draworder", "index"), **common))
            else:
                image_el = el.find("image")
                image = self.image(image_el, self.path, f"the image layer '{common['name']}'") \
                    if image_el is not None else None
                repeat = (el.attrs.get("repeatx") == "1", el.attrs.get("repeaty") == "1")
                out.append(Layer("image", image=image, repeat=repeat, **common))

    def grid(self, el: Element, m: TiledMap, decode: bool, size: tuple[int, int]) -> TileGrid | None:
        f = self.path
        name = el.attrs.get("name", "")
        data = el.find("data")
        if data is None:
            return TileGrid(0, 0, 0, 0)
        encoding, compression = data.attrs.get("encoding"), data.attrs.get("compression")
        why = layer_data.unsupported(encoding, compression)
        if why:
            self.problem("LT523", self.where(f, data, "compression" if compression else "encoding"),
                         why)
            return None
        if not decode:
            return None
        chunks = data.findall("chunk")
        if m.infinite or chunks:
            parts = []
            for chunk in chunks:
                box = [self.integer(f, chunk, k, None, "LT520", f"the chunk's {k}")
                       for k in ("x", "y", "width", "height")]
                if None in box:
                    return None
                x, y, w, h = box
                if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE and abs(x) <= 1 << 24
                        and abs(y) <= 1 << 24):
                    self.problem("LT520", self.where(f, chunk),
                                 f"a chunk of layer '{name}' is {w}×{h} tiles at {x},{y}: chunks "
                                 f"must be 1 to {MAX_SIDE} tiles on a side; save the map again "
                                 "in Tiled")
                    return None
                if not self.count(chunk, w * h, name):
                    return None
                cells = self.cells_of(chunk, encoding, compression, w * h, name)
                if cells is None:
                    return None
                parts.append((x, y, w, h, cells))
                self.check_cells(cells, m, chunk, encoding, (x, y, w), f"layer '{name}'")
            grid = TileGrid.from_chunks(parts)
            if grid.width > MAX_SIDE or grid.height > MAX_SIDE:
                self.problem("LT520", self.where(f, el),
                             f"layer '{name}' spans {grid.width}×{grid.height} tiles: at most "
                             f"{MAX_SIDE} on a side can be drawn; keep the map's tiles closer "
                             "together, or split it into scenes")
                return None
        else:
            w = self.integer(f, el, "width", size[0], "LT520", "the layer's width")
            h = self.integer(f, el, "height", size[1], "LT520", "the layer's height")
            if w is None or h is None:
                return None
            if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
                self.problem("LT520", self.where(f, el, "width"),
                             f"layer '{name}' is {w}×{h} tiles: layers must be 1 to {MAX_SIDE} "
                             "tiles on a side; set the size in Tiled with Map > Resize Map")
                return None
            if not self.count(el, w * h, name):
                return None
            cells = self.cells_of(data, encoding, compression, w * h, name)
            if cells is None:
                return None
            grid = TileGrid(0, 0, w, h, cells)
            self.check_cells(cells, m, data, encoding, (0, 0, w), f"layer '{name}'")
        return grid

    def count(self, el: Element, n: int, name: str) -> bool:
        self.cells += n
        if self.cells > MAX_CELLS:
            self.problem("LT520", self.where(self.path, el),
                         f"with layer '{name}' the map's layers hold more than {MAX_CELLS:,} "
                         "tiles in all: remove empty layers, make the map smaller, or split it "
                         "into scenes")
            return False
        return True

    def cells_of(self, el: Element, encoding: str | None, compression: str | None, n: int,
                 name: str) -> array | None:
        try:
            return layer_data.decode(el.text, el.gids, encoding, compression, n)
        except layer_data.DataError as err:
            fix = "; open the map in Tiled and save it again" if err.code == "LT524" else ""
            self.problem(err.code, self.where(self.path, el), f"layer '{name}': {err.message}{fix}")
            return None

    def missing_gids(self, gids: Iterable[int], m: TiledMap) -> list[int]:
        """The raw gids among ``gids`` whose tile no tileset of the map has."""
        missing = []
        for raw in sorted(gids):
            gid = raw & GID_MASK
            if not gid:
                continue
            found = m.tileset_of(gid)
            if found is None or not self.has_tile(*found):
                missing.append(raw)
        return missing

    def check_gids(self, gids: set[int], m: TiledMap, where: Where, what: str) -> None:
        missing = self.missing_gids(gids, m)
        if missing:
            self.report_missing(where, what, missing, "")

    def check_cells(self, cells: array, m: TiledMap, el: Element, encoding: str | None,
                    box: tuple[int, int, int], what: str) -> None:
        """LT525 for a layer's (or chunk's) cells, at the first cell whose tile is missing:
        in CSV, at that number; otherwise at ``el`` (the ``<data>`` or ``<chunk>``), with the
        cell's x,y in the message."""
        missing = self.missing_gids(set(cells), m)
        if not missing:
            return
        bad = set(missing)
        first = next(i for i, raw in enumerate(cells) if raw in bad)
        x0, y0, width = box
        x, y = x0 + first % width, y0 + first // width
        if encoding == "csv":
            line, column = self.docs[self.path].where_in_text(el, first)
            where = Where(self.path, line, column, el.path)
        else:
            where = self.where(self.path, el)
        gid = cells[first] & GID_MASK
        others = sorted({g & GID_MASK for g in missing} - {gid})
        self.report_missing(where, what, [gid, *others], f" at tile {x},{y}")

    def report_missing(self, where: Where, what: str, missing: list[int], at: str) -> None:
        gid = missing[0] & GID_MASK
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        self.problem("LT525", where,
                     f"{what} uses tile number {gid}{at}{more}, which no tileset of the map "
                     "has: the tileset was changed or removed after the layer was painted; "
                     "add the tileset back, or repaint those tiles in Tiled")

    # -- objects -----------------------------------------------------------------------------

    def object(self, el: Element, m: TiledMap) -> MapObject | None:
        attrs = dict(el.attrs)
        body = el
        template_gid = None
        if attrs.get("template"):
            found = self.template(attrs["template"], el, m)
            if found is not None:
                body, template_gid = found
                merged = dict(body.attrs)
                merged.update(attrs)
                attrs = merged
        where = self.where(self.path, el)
        raw_gid = 0
        if "gid" in el.attrs or template_gid is None:
            try:
                raw_gid = int(attrs.get("gid", "0")) & 0xFFFFFFFF
            except ValueError:
                raw_gid = GID_MASK
        elif template_gid is not None:
            raw_gid = template_gid
        if raw_gid & GID_MASK:
            self.check_gids({raw_gid}, m, where, f"object {attrs.get('id', '')}")
            w, h = _number(attrs, "width", 0.0), _number(attrs, "height", 0.0)
            if w > MAX_IMAGE_SIDE or h > MAX_IMAGE_SIDE or w * h > MAX_IMAGE_PIXELS:
                self.problem("LT522", where,
                             f"tile object {attrs.get('id', '')} is {w:g}×{h:g} pixels: it is "
                             f"drawn at that size, and at most {MAX_IMAGE_SIDE:,} on a side and "
                             f"{MAX_IMAGE_PIXELS:,} in all can be; make it smaller in Tiled")
        shape = "rectangle"
        text = None
        for kind in ("ellipse", "point", "polygon", "polyline", "text"):
            child = el.find(kind) or (body.find(kind) if body is not el else None)
            if child is not None:
                shape = kind
                if kind == "text":
                    text = _text(child)
                break
        props = _properties(body) if body is not el else {}
        props.update(_properties(el))
        return MapObject(
            id=int(_number(attrs, "id", 0)), name=attrs.get("name", ""),
            type=attrs.get("type", attrs.get("class", "")),
            x=_number(attrs, "x", 0.0), y=_number(attrs, "y", 0.0),
            width=max(0.0, _number(attrs, "width", 0.0)),
            height=max(0.0, _number(attrs, "height", 0.0)),
            rotation=_number(attrs, "rotation", 0.0), gid=raw_gid,
            visible=attrs.get("visible", "1") != "0", shape=shape, properties=props,
            where=where, text=text)

    def template(self, source: str, el: Element, m: TiledMap) -> tuple[Element, int | None] | None:
        path = confine(self.path.parent, source, self.root, "object template",
                       self.where(self.path, el, "template"))
        if path not in self.templates:
            root = self.document(path, "template")
            body = root.find("object")
            tilesets = []
            for ref in root.findall("tileset"):
                try:
                    first = int(ref.attrs.get("firstgid", ""))
                except ValueError:
                    continue
                if ref.attrs.get("source"):
                    tsx = confine(path.parent, ref.attrs["source"], self.root, "tileset",
                                  self.where(path, ref, "source"))
                    tilesets.append((first, tsx))
            self.templates[path] = (body if body is not None else root, path, tilesets)
        body, tpath, tilesets = self.templates[path]
        gid = None
        try:
            tgid = int(body.attrs.get("gid", "0")) & 0xFFFFFFFF
        except ValueError:
            tgid = 0
        if tgid & GID_MASK:
            gid = self.map_template_gid(tgid, tilesets, m, el)
        return body, gid

    def map_template_gid(self, raw: int, tilesets: list[tuple[int, Path]], m: TiledMap,
                         el: Element) -> int:
        gid, flags = raw & GID_MASK, raw & ~GID_MASK
        mine = [t for t in tilesets if t[0] <= gid]
        if mine:
            first, tsx = max(mine)
            for ref in self.docs[self.path].root.findall("tileset"):
                source = ref.attrs.get("source")
                if source and (self.path.parent / source).resolve() == tsx:
                    try:
                        return (gid - first + int(ref.attrs.get("firstgid", ""))) | flags
                    except ValueError:
                        break
            self.problem("LT525", self.where(self.path, el, "template"),
                         f"the object's template uses the tileset '{tsx.name}', which the map "
                         "does not have: add that tileset to the map in Tiled")
            return 0
        return raw


class _Inherited:
    """What a layer takes from the groups around it, combined as Tiled combines it."""

    def __init__(self, visible: bool = True, opacity: float = 1.0,
                 offset: tuple[float, float] = (0.0, 0.0), tint: Colour | None = None,
                 parallax: tuple[float, float] = (1.0, 1.0), names: tuple[str, ...] = ()):
        self.visible, self.opacity, self.offset = visible, opacity, offset
        self.tint, self.parallax, self.names = tint, parallax, names

    def inside(self, el: Element, reader: _Reader) -> _Inherited:
        opacity = min(1.0, max(0.0, reader.number(el, "opacity", 1.0)))
        offset = (self.offset[0] + reader.number(el, "offsetx", 0.0),
                  self.offset[1] + reader.number(el, "offsety", 0.0))
        tint = _colour(el.attrs.get("tintcolor"))
        if tint is not None and self.tint is not None:
            tint = tuple(a * b // 255 for a, b in zip(tint, self.tint))
        elif tint is None:
            tint = self.tint
        parallax = (self.parallax[0] * reader.number(el, "parallaxx", 1.0),
                    self.parallax[1] * reader.number(el, "parallaxy", 1.0))
        names = self.names + ((el.attrs.get("name", ""),) if el.tag == "group" else ())
        return _Inherited(self.visible and el.attrs.get("visible", "1") != "0",
                          self.opacity * opacity, offset, tint, parallax, names)


def _number(attrs: dict[str, str], name: str, default: float) -> float:
    """A number attribute; its default when it is missing, not a number, NaN or huge."""
    try:
        value = float(attrs.get(name, default))
    except ValueError:
        return default
    return value if value == value and abs(value) < 1e9 else default


def _colour(text: str | None) -> Colour | None:
    """A Tiled colour: #RRGGBB or #AARRGGBB (the # optional), as (r, g, b, a)."""
    if not text:
        return None
    t = text.strip().lstrip("#")
    try:
        if len(t) == 6:
            return int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16), 255
        if len(t) == 8:
            return int(t[2:4], 16), int(t[4:6], 16), int(t[6:8], 16), int(t[0:2], 16)
    except ValueError:
        return None
    return None


def _trans(text: str | None) -> tuple[int, int, int] | None:
    found = _colour(text)
    return found[:3] if found else None


def _known_size(image: Image | None) -> tuple[int, int] | None:
    if image is None or image.width is None or image.height is None:
        return None
    return image.width, image.height


def _properties(el: Element) -> dict[str, str]:
    out: dict[str, str] = {}
    props = el.find("properties")
    if props is None:
        return out
    for prop in props.findall("property"):
        name = prop.attrs.get("name")
        if name:
            out[name] = prop.attrs.get("value", prop.text)
    return out


def _text(el: Element) -> TextSpec:
    def size() -> int:
        try:
            return max(1, min(512, int(el.attrs.get("pixelsize", "16"))))
        except ValueError:
            return 16

    return TextSpec(el.text, size(), _colour(el.attrs.get("color")) or (0, 0, 0, 255),
                    el.attrs.get("bold") == "1", el.attrs.get("italic") == "1",
                    el.attrs.get("wrap") == "1", el.attrs.get("halign", "left"),
                    el.attrs.get("valign", "top"))


__all__ = ["FLIP_D", "FLIP_H", "FLIP_V", "MapError", "Reading", "confine", "read_tmx"]
