"""Build Tiled maps from a readable plan and write them as Tiled 1.10 XML.

A plan is ASCII (walls, wall faces, floors) plus a list of placed pieces, the spots where
characters stand and the lights a renderer can glow. The output opens in the Tiled editor and
loads with pytmx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from .floors import VARIANTS
from .tileset import TILE, Tileset

W, H = 40, 22
LAYERS = ("floor", "walls", "furniture", "above")

FLOORS = {
    "w": "wood", "k": "kitchen-tile", "c": "carpet", "o": "concrete", "b": "boards",
    "g": "grass", "p": "path", ".": "void",
}
FACES = {"C": "cream", "S": "sage", "P": "plum", "K": "clay", "D": "den"}
CAP = "#"

NOTES = (
    "Tile layers draw in file order; 'above' draws after the characters. "
    "Objects in 'spots' are points where a character's feet stand (sprite bottom-centre), "
    "with an optional 'facing'. Ellipse objects in 'lights' are warm pools: centre = "
    "x + width/2, y + height/2; 'radius' in pixels; 'color' is #AARRGGBB (alpha = strength); "
    "draw them additively over the tiles, under the characters."
)


@dataclass(frozen=True)
class Spot:
    """Where a character stands: tile coordinates of the feet (fractions allowed)."""

    name: str
    tx: float
    ty: float
    facing: str = "down"


@dataclass(frozen=True)
class Light:
    """A pool of light centred on tile coordinates."""

    tx: float
    ty: float
    radius: int
    color: str  # #AARRGGBB


@dataclass
class MapPlan:
    """Everything that makes one map."""

    name: str
    mood: str
    rows: list[str]
    pieces: list[tuple[str, int, int, str]] = field(default_factory=list)
    spots: list[Spot] = field(default_factory=list)
    lights: list[Light] = field(default_factory=list)
    floor_under: dict[str, str] = field(default_factory=dict)

    def put(self, name: str, x: int, y: int, layer: str = "furniture") -> None:
        """Place a piece with its top-left tile at (x, y)."""
        self.pieces.append((name, x, y, layer))


def _floor_name(ch: str, x: int, y: int) -> str:
    base = FLOORS[ch]
    n = VARIANTS.get(base)
    if not n:
        return base
    return f"{base}{(x * 7 + y * 13 + (x * y) % 5) % n}"


def build_layers(plan: MapPlan, ts: Tileset) -> dict[str, list[list[int]]]:
    """Turn a plan into gid grids for each tile layer."""
    rows = plan.rows
    if len(rows) != H or any(len(r) != W for r in rows):
        bad = [(i, len(r)) for i, r in enumerate(rows) if len(r) != W]
        raise ValueError(f"{plan.name}: plan must be {W}x{H}; bad rows {bad} of {len(rows)}")
    grid = {name: [[0] * W for _ in range(H)] for name in LAYERS}

    def at(x: int, y: int) -> str:
        return rows[y][x] if 0 <= x < W and 0 <= y < H else CAP

    for y in range(H):
        for x in range(W):
            ch = rows[y][x]
            if ch in FLOORS:
                grid["floor"][y][x] = ts.gid(_floor_name(ch, x, y))
            elif ch == CAP:
                mask = 0
                for bit, (dx, dy) in zip((1, 2, 4, 8), ((0, -1), (1, 0), (0, 1), (-1, 0)),
                                         strict=True):
                    if at(x + dx, y + dy) != CAP:
                        mask |= bit
                grid["walls"][y][x] = ts.gid(f"cap{mask}")
            elif ch in FACES:
                part = "upper" if at(x, y - 1) == CAP else "lower"
                grid["walls"][y][x] = ts.gid(f"face-{FACES[ch]}-{part}")
            else:
                raise ValueError(f"{plan.name}: unknown plan character {ch!r} at {x},{y}")
    for name, px, py, layer in plan.pieces:
        w, h = ts.sizes[name]
        target = "floor" if layer == "floor" else layer
        for dy in range(h):
            for dx in range(w):
                x, y = px + dx, py + dy
                if not (0 <= x < W and 0 <= y < H):
                    raise ValueError(f"{plan.name}: {name} at {px},{py} leaves the map")
                lay = target
                if layer == "split" and dy < h - 1:
                    lay = "above"
                elif layer == "split":
                    lay = "furniture"
                grid[lay][y][x] = ts.gid(name, dx, dy)
    return grid


def _csv(grid: list[list[int]]) -> str:
    return ",\n".join(",".join(str(v) for v in row) for row in grid)


def _prop(name: str, value: str | int, kind: str = "string") -> str:
    t = "" if kind == "string" else f" type={quoteattr(kind)}"
    return f'<property name={quoteattr(name)}{t} value={quoteattr(str(value))}/>'


def write_tmx(plan: MapPlan, ts: Tileset, tsx_name: str = "tiles.tsx") -> str:
    """Tiled 1.10 XML for a plan: CSV layers, an external tileset, spots and lights."""
    grid = build_layers(plan, ts)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" '
        f'renderorder="right-down" width="{W}" height="{H}" tilewidth="{TILE}" '
        f'tileheight="{TILE}" infinite="0" nextlayerid="7" nextobjectid="{{nextobj}}">',
        " <properties>",
        "  " + _prop("mood", plan.mood),
        "  " + _prop("notes", NOTES),
        " </properties>",
        f' <tileset firstgid="1" source="{tsx_name}"/>',
    ]
    for i, name in enumerate(LAYERS, start=1):
        out.append(f' <layer id="{i}" name="{name}" width="{W}" height="{H}">')
        out.append('  <data encoding="csv">')
        out.append(_csv(grid[name]))
        out.append("</data>")
        out.append(" </layer>")
    oid = 1
    out.append(' <objectgroup id="5" name="spots">')
    for s in plan.spots:
        x, y = round(s.tx * TILE), round(s.ty * TILE)
        out.append(f'  <object id="{oid}" name={quoteattr(s.name)} type="spot" x="{x}" y="{y}">')
        out.append("   <properties>")
        out.append("    " + _prop("facing", s.facing))
        out.append("   </properties>")
        out.append("   <point/>")
        out.append("  </object>")
        oid += 1
    out.append(" </objectgroup>")
    out.append(' <objectgroup id="6" name="lights">')
    for lt in plan.lights:
        cx, cy = lt.tx * TILE, lt.ty * TILE
        r = lt.radius
        out.append(
            f'  <object id="{oid}" name="light" type="light" x="{cx - r:g}" y="{cy - r:g}" '
            f'width="{2 * r}" height="{2 * r}">'
        )
        out.append("   <properties>")
        out.append("    " + _prop("color", lt.color, "color"))
        out.append("    " + _prop("radius", r, "int"))
        out.append("   </properties>")
        out.append("   <ellipse/>")
        out.append("  </object>")
        oid += 1
    out.append(" </objectgroup>")
    out.append("</map>")
    return "\n".join(out).replace("{nextobj}", str(oid)) + "\n"


def write_tsx(ts: Tileset, image: str = "tiles.png") -> str:
    """The external tileset: the atlas image plus each tile's piece name as a property."""
    names = {v: k for k, v in ts.ids.items()}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tileset version="1.10" tiledversion="1.10.2" name="tiles" tilewidth="{TILE}" '
        f'tileheight="{TILE}" tilecount="{ts.tilecount}" columns="{ts.image.get_width() // TILE}">',
        f' <image source="{image}" width="{ts.image.get_width()}" '
        f'height="{ts.image.get_height()}"/>',
    ]
    for tid in sorted(names):
        name, dx, dy = names[tid]
        label = name if ts.sizes[name] == (1, 1) else f"{name}:{dx},{dy}"
        out.append(f' <tile id="{tid}">')
        out.append("  <properties>")
        out.append("   " + _prop("piece", label))
        out.append("  </properties>")
        out.append(" </tile>")
    out.append("</tileset>")
    return "\n".join(out) + "\n"
