"""A Tiled scene drawn as Tiled draws it, with its spots, lights and walking figures.

The map is read with the project's reader (``game.story.tiled``), the one lint uses: a map lint
refuses is not drawn, and the view shows a quiet placeholder room with lint's own message
instead. A drawable map is cut into planes (runs of layers in Tiled's file order that scroll
alike: the layers below the figures, and those of "above" over them) and each plane is drawn
in square chunks around the camera, at the view's scale, kept in a bounded cache owned by the
view. Tile animations follow the view's clock, which only ``update(dt)`` advances.

Scale: maps of small tiles (pixel art) are enlarged by a whole number with nearest-neighbour
sampling, others smoothly; the map properties ``scaling`` ("pixel" or "smooth") and ``zoom``
(a number) choose otherwise. Maps smaller than the view are centred, never stretched.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.app.render import light, theme
from game.app.render.mapcache import Chunk, ChunkCache, SpriteCache
from game.app.render.mappaint import Painter
from game.app.render.tiles import ImageUnreadable, TileBank
from game.story.maps import diagnostics, error_diagnostic, spots
from game.story.tiled import Layer, MapError, TiledMap, read_tmx
from game.story.tiled.geometry import Grid
from game.story.tiled.model import ABOVE, GID_MASK

log = logging.getLogger("lowtide.app")

WALK_SPEED = 150.0  # map pixels a second
ZOOM = 1.5  # the scale a map of 32-pixel tiles is shown at
TILE_ON_SCREEN = 48  # how big a tile looks, which sets the scale for other tile sizes
PIXEL_ART = 24  # tiles this small or smaller are pixel art: whole-number, sharp scaling
OVERSCROLL = 260  # how far past the map's bottom edge the camera may look
APRON_FADE = 140  # how far below the map its bottom edge fades into its surroundings
CHUNK_BUDGET = 48 * 1024 * 1024  # bytes of drawn chunks a view keeps
SAMPLE = 32  # view pixels per colour sample of the apron
MAX_SAMPLES = 4096  # colour samples of the apron at most, however wide the map


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


@dataclass(frozen=True)
class Plane:
    """Consecutive layers that scroll alike, drawn together into chunks."""

    layers: tuple[Layer, ...]
    parallax: tuple[float, float]
    opaque: bool  # the ground: filled with the map's background, so light can add to it


def scale_for(m: TiledMap) -> tuple[float, bool]:
    """(scale, smooth) for a map: whole numbers and sharp pixels for small tiles, unless the
    map's ``scaling`` or ``zoom`` property says otherwise."""
    mode = str(m.properties.get("scaling", "")).strip().lower()
    unit = max(1, min(m.tile_width, m.tile_height))
    smooth = mode == "smooth" or (mode != "pixel" and unit > PIXEL_ART)
    try:
        zoom = float(m.properties.get("zoom", "") or 0)
    except ValueError:
        zoom = 0.0
    zoom = zoom if 0 < zoom <= 16 else 0.0
    if smooth:
        wanted = zoom or max(1.0, TILE_ON_SCREEN / unit)
        return max(0.25, min(16.0, round(wanted * 8) / 8)), True
    return float(max(1, min(16, round(zoom or TILE_ON_SCREEN / unit)))), False


class SceneView:
    def __init__(self, path: Path | None, size: tuple[int, int] = (theme.WIDTH, theme.HEIGHT),
                 root: Path | None = None):
        self.path = path
        self.root = root if root is not None else (path.parent if path else None)
        self.view = size
        self.spots: dict[str, tuple[float, float]] = {}
        self.problem: str | None = None
        self.size = size  # the scene's size at the view's scale
        self.offset = (0, 0)  # where the scene's top-left is in the view (small maps: centred)
        self.scale = 1.0
        self.smooth = True
        self.clock = 0.0  # seconds of game time; animations follow it
        self.around: tuple[int, int, int] = theme.DEFAULT.NIGHT_DEEP  # the colour around the map
        self.has_apron = False
        self.room: pygame.Surface | None = None  # the placeholder room, when there is no map
        self.native = self.chunk = 256  # a chunk's side: in map pixels, in view pixels
        self.margin = 0
        self.bounds = (0, 0, size[0], size[1])  # the map's pixel rectangle
        self._below: list[Plane] = []
        self._above: list[Plane] = []
        self._chunks = ChunkCache(CHUNK_BUDGET)
        self._sprites = SpriteCache()
        self._animated: frozenset[int] = frozenset()
        self._frame: pygame.Surface | None = None
        self._key: tuple | None = None
        self._load()

    # -- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        if self.path is None:
            self._placeholder("This scene has no map.")
            return
        root = (self.root or self.path.parent).resolve()
        try:
            reading = read_tmx(self.path.resolve(), root)
        except MapError as err:
            self._placeholder(self._refusal([error_diagnostic(err, self.path.resolve(), root)]))
            return
        found = diagnostics(reading.problems, root)
        if found:
            self._placeholder(self._refusal(found))
            return
        try:
            self._prepare(reading.map)
        except ImageUnreadable as err:
            name = _shown(err.image.path, root)
            self._placeholder(f"The map {self.path.name} cannot be drawn: its image {name} is "
                              "not a picture the game can read (save it as PNG).")
        except (pygame.error, MemoryError, ValueError, OverflowError):
            log.exception("the map %s could not be drawn", self.path)
            self._placeholder(f"The map {self.path.name} could not be drawn; the log says why.")

    def _refusal(self, found: list) -> str:
        first = found[0].format()
        more = len(found) - 1
        tail = f" (and {more} more: lowtide lint lists them)" if more else ""
        log.warning("the map %s cannot be drawn: %s", self.path, first)
        return f"This map cannot be drawn. {first}{tail}"

    def _prepare(self, m: TiledMap) -> None:
        grid = Grid.of(m)
        self.map, self.grid = m, grid
        self.bank = TileBank(m, grid)
        self.painter = Painter(m, grid, self.bank)
        for layer in m.layers:  # every image is read now, so a broken one is known at once
            if layer.kind == "image" and layer.image is not None and layer.visible:
                self.bank.image_surface(layer.image)
        for tileset in m.tilesets:
            for image in [tileset.image] + [t.image for t in tileset.tiles.values()]:
                if image is not None:
                    self.bank.image_surface(image)
        self.scale, self.smooth = scale_for(m)
        s = self.scale
        self.native = 512 if s < 1 else 256 if s <= 2 else 128 if s <= 4 else 64
        self.chunk = round(self.native * s)
        self.margin = 8 if self.smooth and s != 1.0 else 0
        self.bounds = self._bounds(m, grid)
        bx, by, bw, bh = self.bounds
        self.size = (max(1, math.ceil(bw * s)), max(1, math.ceil(bh * s)))
        vw, vh = self.view
        w, h = self.size
        self.offset = ((vw - w) // 2 if w < vw else 0, (vh - h) // 2 if h < vh else 0)
        self.background = m.background[:3] if m.background else theme.DEFAULT.NIGHT_DEEP
        self._below, self._above = _planes(m.layers)
        self._animated = self._animated_gids(m)
        self.spots = {name: ((x - bx) * s, (y - by) * s) for name, (x, y) in spots(m).items()}
        self.around = self._around()
        self.has_apron = h > vh
        if self.has_apron:
            self._samples = self._edge_samples()

    def _bounds(self, m: TiledMap, grid: Grid) -> tuple[int, int, int, int]:
        """The map's pixel rectangle, widened by how far its tiles reach past their cells."""
        if m.infinite:
            grids = [la.grid for la in m.layers if la.grid is not None and la.grid.width > 0]
            if grids:
                x0 = min(g.x for g in grids)
                y0 = min(g.y for g in grids)
                x1 = max(g.x + g.width for g in grids)
                y1 = max(g.y + g.height for g in grids)
            else:
                x0, y0, x1, y1 = 0, 0, 1, 1
            x, y, w, h = grid.bounds(x0, y0, x1 - x0, y1 - y0)
        else:
            x, y, w, h = grid.bounds(0, 0, m.width, m.height)
        top = right = left = bottom = 0
        used = set()
        for layer in m.layers:
            if layer.grid is not None and layer.visible:
                used.update(layer.grid.gids())
        for raw in used:
            placed = self.bank.cell(raw, None, 1.0) if raw & GID_MASK else None
            if placed is None:
                continue
            image, dx, dy = placed
            iw, ih = image.get_size()
            # the cell's box runs from (0, -th) to (tw, 0) around its bottom-left corner
            left = max(left, -dx)
            right = max(right, dx + iw - grid.tw)
            top = max(top, -dy - grid.th)
            bottom = max(bottom, dy + ih)
        return (math.floor(x - left), math.floor(y - top), math.ceil(w + left + right),
                math.ceil(h + top + bottom))

    def _animated_gids(self, m: TiledMap) -> frozenset[int]:
        out = set()
        for layer in m.layers:
            if layer.grid is not None:
                out.update(g & GID_MASK for g in layer.grid.gids() if self.bank.animated(g))
            out.update(o.gid & GID_MASK for o in layer.objects if self.bank.animated(o.gid))
        return frozenset(out)

    def _placeholder(self, message: str) -> None:
        self.problem = message
        vw, vh = self.view
        base = pygame.Surface((vw, vh))
        base.fill(theme.DEFAULT.NIGHT)
        floor = pygame.Rect(120, 200, vw - 240, vh - 320)
        pygame.draw.rect(base, theme.DEFAULT.TEAL, floor, border_radius=24)
        pygame.draw.rect(base, theme.DEFAULT.SEA, floor.inflate(-40, -40), border_radius=18)
        names = ("door", "couch", "kitchen", "table", "window", "den")
        self.spots = {}
        for i, name in enumerate(names):
            self.spots[name] = (floor.x + 120 + i * (floor.w - 240) / (len(names) - 1),
                                floor.centery + (40 if i % 2 else -10))
        self.room = base
        self._below, self._above = [], []
        self.has_apron = False
        self.size = self.view
        self.offset = (0, 0)
        self.scale = 1.0

    # -- time ------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        """Advance the scene's clock (tile animations follow it)."""
        self.clock += max(0.0, dt)

    @property
    def ms(self) -> int:
        return int(self.clock * 1000)

    # -- places ----------------------------------------------------------------------------

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
        bw, bh = self.size
        vw, vh = self.view
        x = min(max(0.0, focus[0] - at[0]), max(0.0, bw - vw))
        # below the map the view may go on, over the apron, under the dialogue box
        y = min(max(0.0, focus[1] - at[1]), max(0.0, bh - vh) + OVERSCROLL if bh > vh else 0.0)
        return x, y

    def sprite(self, image: pygame.Surface) -> pygame.Surface:
        """A figure's image at the scene's scale (scaled once, while the image lives)."""
        if self.scale == 1.0:
            return image
        return self._sprites.get(image, self._scaled)

    def _scaled(self, image: pygame.Surface) -> pygame.Surface:
        w, h = image.get_size()
        size = (max(1, round(w * self.scale)), max(1, round(h * self.scale)))
        if self.smooth:
            return pygame.transform.smoothscale(image, size)
        return pygame.transform.scale(image, size)

    # -- drawing ---------------------------------------------------------------------------

    def compose(self, figures: list[Figure], t: float, camera: tuple[float, float] = (0, 0),
                veil: pygame.Surface | None = None) -> pygame.Surface:
        """The lit room with its figures; rebuilt only when something changed."""
        cam = (int(camera[0]), int(camera[1]))
        key = (round(t * 48), cam, id(veil), self._state(),
               tuple((f.feet(), id(f.image)) for f in figures))
        if self._frame is not None and key == self._key:
            return self._frame
        if self._frame is None:
            self._frame = pygame.Surface(self.view).convert()
        frame = self._frame
        frame.fill(theme.DEFAULT.NIGHT_DEEP)
        try:
            if self.room is not None:
                frame.blit(self.room, (0, 0), pygame.Rect(cam[0], cam[1], *self.view))
            self._draw_planes(frame, self._below, cam)
            self._draw_apron(frame, cam)
            self._draw_figures(frame, figures, cam)
            self._draw_planes(frame, self._above, cam)
        except (pygame.error, MemoryError, ValueError, OverflowError, ImageUnreadable):
            log.exception("the map %s could not be drawn", self.path)
            self._placeholder(f"The map {self.path.name if self.path else ''} could not be "
                              "drawn; the log says why.")
            frame.blit(self.room, (0, 0))
            self._draw_figures(frame, figures, cam)
        mult, add = light.tint(t)
        frame.fill(mult, special_flags=pygame.BLEND_RGB_MULT)
        if any(add):
            frame.fill(add, special_flags=pygame.BLEND_RGB_ADD)
        if veil is not None:
            frame.blit(veil, (0, self.view[1] - veil.get_height()))
        self._key = key
        return frame

    def _state(self) -> tuple[int, ...]:
        if not self._animated:
            return ()
        return self.bank.state(self._animated, self.ms)

    def _draw_figures(self, frame: pygame.Surface, figures: list[Figure],
                      cam: tuple[int, int]) -> None:
        for fig in sorted(figures, key=lambda f: f.y):
            fx, fy = fig.feet()
            img = self.sprite(fig.image)
            w, h = img.get_size()
            frame.blit(img, (fx - cam[0] - w // 2, fy - cam[1] - h + max(1, h * 3 // 64)))

    def _draw_planes(self, frame: pygame.Surface, planes: list[Plane],
                     cam: tuple[int, int]) -> None:
        vw, vh = self.view
        ox, oy = self.offset
        size = self.chunk
        w, h = self.size
        for index, plane in enumerate(planes):
            shift = self._parallax(plane, cam)
            left, top = cam[0] - ox - shift[0], cam[1] - oy - shift[1]
            cx0, cy0 = math.floor(left / size), math.floor(top / size)
            cx1, cy1 = math.floor((left + vw - 1) / size), math.floor((top + vh - 1) / size)
            if plane.opaque or plane.parallax == (1.0, 1.0):
                cx0, cy0 = max(cx0, 0), max(cy0, 0)
                cx1, cy1 = min(cx1, (w - 1) // size), min(cy1, (h - 1) // size)
            for cy in range(cy0, cy1 + 1):
                for cx in range(cx0, cx1 + 1):
                    chunk = self._chunk(planes is self._above, index, plane, cx, cy)
                    if chunk.surface is not None:
                        frame.blit(chunk.surface, (cx * size + chunk.at[0] - left,
                                                   cy * size + chunk.at[1] - top),
                                   special_flags=0 if plane.opaque else pygame.BLEND_PREMULTIPLIED)

    def _parallax(self, plane: Plane, cam: tuple[int, int]) -> tuple[float, float]:
        """How far a plane is moved by its parallax: Tiled's (1 - factor) times the distance
        from the map's parallax origin to the middle of the view."""
        fx, fy = plane.parallax
        if (fx, fy) == (1.0, 1.0):
            return 0.0, 0.0
        s = self.scale
        bx, by = self.bounds[:2]
        px, py = self.map.parallax_origin
        centre_x = cam[0] + self.view[0] / 2 - self.offset[0]
        centre_y = cam[1] + self.view[1] / 2 - self.offset[1]
        return ((1 - fx) * (centre_x - (px - bx) * s), (1 - fy) * (centre_y - (py - by) * s))

    def _chunk(self, above: bool, index: int, plane: Plane, cx: int, cy: int) -> Chunk:
        key = (above, index, cx, cy)
        found = self._chunks.get(key)
        if found is not None and (not found.animated
                                  or self.bank.state(found.animated, self.ms) == found.state):
            return found
        chunk = self._render(plane, cx, cy)
        self._chunks.put(key, chunk)
        return chunk

    def _render(self, plane: Plane, cx: int, cy: int) -> Chunk:
        """One chunk of a plane: painted at the map's own size (with a margin, so smooth
        scaling blends across chunk edges as across the rest), then scaled."""
        n, m, s, size = self.native, self.margin, self.scale, self.chunk
        bx, by, bw, bh = self.bounds
        # smoothscale maps output pixel x to input x * (width - 1) / output width: one extra
        # input pixel makes that exactly x / scale, so chunks meet without a seam
        extra = 1 if self.smooth and s != 1.0 else 0
        side = n + 2 * m + extra
        region = (bx + cx * n - m, by + cy * n - m, side, side)
        if plane.opaque:
            surf = pygame.Surface(region[2:]).convert()
            surf.fill(self.background)
        else:
            surf = pygame.Surface(region[2:], pygame.SRCALPHA).convert_alpha()
        animated = self.painter.paint(surf, region, plane.layers, self.ms)
        state = self.bank.state(animated, self.ms) if animated else ()
        if extra:
            _clamp(surf, pygame.Rect(bx - region[0], by - region[1], bw, bh))
        if s != 1.0:
            full = round((side - extra) * s)
            surf = (pygame.transform.smoothscale if self.smooth else pygame.transform.scale)(
                surf, (full, full))
            if m:
                inset = round(m * s)
                surf = surf.subsurface((inset, inset, size, size)).copy()
        if plane.opaque:
            # only the part inside the map: around it the frame shows the night
            w, h = self.size
            inside = pygame.Rect(0, 0, size, size).clip(
                pygame.Rect(-cx * size, -cy * size, w, h))
            if not inside.w or not inside.h:
                return Chunk(None, (0, 0), animated, state)
            if inside.size != (size, size):
                surf = surf.subsurface(inside).copy()
            return Chunk(surf, inside.topleft, animated, state)
        used = surf.get_bounding_rect()
        if not used.w or not used.h:
            return Chunk(None, (0, 0), animated, state)
        return Chunk(surf.subsurface(used).copy(), used.topleft, animated, state)

    # -- below the map -----------------------------------------------------------------------

    def _strip(self, y: int, height: int, x0: int, width: int) -> pygame.Surface:
        """A strip of the map below the figures, at its own size, on its background."""
        surf = pygame.Surface((max(1, width), max(1, height))).convert()
        surf.fill(self.background)
        layers = tuple(la for plane in self._below for la in plane.layers)
        self.painter.paint(surf, (x0, y, width, height), layers, 0)
        return surf

    def _around(self) -> tuple[int, int, int]:
        """The colour around the map: its top edge's, averaged (over at most 32 stretches of
        it, spread evenly, on a very wide map)."""
        bx, by, bw, _ = self.bounds
        pieces = max(1, math.ceil(bw / 2048))
        starts = [round(i * (bw - 2048) / 31) for i in range(32)] if pieces > 32 else \
            list(range(0, bw, 2048))
        total, width = [0, 0, 0], 0
        for x0 in starts:
            w = min(2048, bw - x0)
            c = pygame.transform.average_color(self._strip(by, 1, bx + x0, w))
            for i in range(3):
                total[i] += c[i] * w
            width += w
        return tuple(int(v / max(1, width)) for v in total)

    def _edge_samples(self) -> list[tuple[int, int, int]]:
        """The colours along the map's bottom edge, one per ``SAMPLE`` view pixels."""
        bx, by, bw, bh = self.bounds
        n = max(2, min(MAX_SAMPLES, self.size[0] // SAMPLE))
        rows = max(1, math.ceil(6 / self.scale))
        out = []
        step = 64
        for first in range(0, n, step):
            last = min(n, first + step)
            x0 = math.floor(first * bw / n)
            x1 = math.ceil(last * bw / n)
            strip = self._strip(by + bh - rows, rows, bx + x0, x1 - x0)
            for i in range(first, last):
                a = math.floor(i * bw / n) - x0
                b = max(a + 1, math.ceil((i + 1) * bw / n) - x0)
                rect = pygame.Rect(a, 0, b - a, rows).clip(strip.get_rect())
                out.append(tuple(pygame.transform.average_color(strip, rect))[:3])
        return out

    def _draw_apron(self, frame: pygame.Surface, cam: tuple[int, int]) -> None:
        """The ground below the map for a camera that looks past its bottom edge: the edge's
        own colours (smoothed, so railings and fences leave no stripes) fading into the colour
        around the map, so the map never ends in a hard line over an empty band."""
        if not self.has_apron or self.room is not None:
            return
        w, h = self.size
        below = h - cam[1] + self.offset[1]  # where the map ends on screen
        if below >= self.view[1]:
            return
        size = self.chunk
        left = cam[0] - self.offset[0]
        for cx in range(max(0, left // size), min((w - 1) // size, (left + self.view[0]) // size) + 1):
            key = ("apron", cx)
            found = self._chunks.get(key)
            if found is None:
                found = Chunk(self._apron(cx), (0, 0), frozenset(), ())
                self._chunks.put(key, found)
            frame.blit(found.surface, (cx * size - left, below))

    def _apron(self, cx: int) -> pygame.Surface:
        size, w = self.chunk, self.size[0]
        samples = self._samples
        n = len(samples)
        x0 = cx * size
        width = min(size, w - x0)
        apron = pygame.Surface((width, OVERSCROLL)).convert()
        apron.fill(self.around)
        i0 = max(0, math.floor(x0 * n / w) - 1)
        i1 = min(n - 1, math.ceil((x0 + width) * n / w) + 1)
        gradient = pygame.Surface((i1 - i0 + 1, 2)).convert()
        for i in range(i0, i1 + 1):
            gradient.set_at((i - i0, 0), samples[i])
            gradient.set_at((i - i0, 1), self.around)
        span = round((i1 - i0 + 1) * w / n)
        fade = min(OVERSCROLL, APRON_FADE)
        apron.blit(pygame.transform.smoothscale(gradient, (max(1, span), fade)),
                   (round(i0 * w / n) - x0, 0))
        return apron


def _planes(layers: tuple[Layer, ...]) -> tuple[list[Plane], list[Plane]]:
    """The layers below the figures and those above (in "above"), each cut into runs that
    scroll alike; the first run below, if it scrolls with the camera, is the opaque ground."""
    below: list[Plane] = []
    above: list[Plane] = []
    for layer in layers:
        if not layer.visible:
            continue
        planes = above if layer.named(ABOVE) else below
        if planes and planes[-1].parallax == layer.parallax:
            last = planes[-1]
            planes[-1] = Plane(last.layers + (layer,), last.parallax, last.opaque)
        else:
            opaque = planes is below and not below and layer.parallax == (1.0, 1.0)
            planes.append(Plane((layer,), layer.parallax, opaque))
    if not below or not below[0].opaque:
        below.insert(0, Plane((), (1.0, 1.0), True))  # the map's background alone
    return below, above


def _clamp(surf: pygame.Surface, inside: pygame.Rect) -> None:
    """Repeat the map's edge pixels over the margin outside it, so smooth scaling ends the map
    on its own colours (as scaling the whole map at once would) rather than the night."""
    full = surf.get_rect()
    inside = inside.clip(full)
    if not inside.w or not inside.h or inside == full:
        return
    alpha = bool(surf.get_flags() & pygame.SRCALPHA)

    def copy(source: pygame.Rect, target: pygame.Rect) -> None:
        part = pygame.transform.scale(surf.subsurface(source), target.size)
        if alpha:  # copy the pixels as they are, alpha included, not blended
            surf.fill((0, 0, 0, 0), target)
            surf.blit(part, target, special_flags=pygame.BLEND_RGBA_MAX)
        else:
            surf.blit(part, target)

    if inside.left > 0:
        copy(pygame.Rect(inside.left, inside.top, 1, inside.h),
             pygame.Rect(0, inside.top, inside.left, inside.h))
    if inside.right < full.w:
        copy(pygame.Rect(inside.right - 1, inside.top, 1, inside.h),
             pygame.Rect(inside.right, inside.top, full.w - inside.right, inside.h))
    if inside.top > 0:
        copy(pygame.Rect(0, inside.top, full.w, 1), pygame.Rect(0, 0, full.w, inside.top))
    if inside.bottom < full.h:
        copy(pygame.Rect(0, inside.bottom - 1, full.w, 1),
             pygame.Rect(0, inside.bottom, full.w, full.h - inside.bottom))


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
