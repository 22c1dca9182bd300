"""Floors, outdoor ground and walls: the surfaces every room is built on.

Walls are drawn 3/4 top-down: a dark cap seen from above (16 variants that light the edges
facing a room) and a two-tile face seen from the front on walls that have a room to the south.
"""

from __future__ import annotations

from . import palette as P
from .draw import Pen, seeded
from .tileset import TILE, add

WALL_STYLES = {
    "cream": P.WALL_CREAM,
    "sage": P.WALL_SAGE,
    "plum": P.WALL_PLUM,
    "clay": P.WALL_CLAY,
    "den": (150, 140, 132),
}

VARIANTS = {"wood": 4, "grass": 4, "void": 3, "carpet": 2, "path": 2, "boards": 2}


def _wood(p: Pen, seed: int, base: P.Color = P.WOOD) -> None:
    """Horizontal planks, 8 px tall, with staggered joints."""
    rnd = seeded(seed)
    for i in range(4):
        col = P.shade(base, rnd.uniform(-0.06, 0.05))
        p.rect(col, 0, i * 8, TILE, 8)
        p.rect(P.shade(base, -0.22), 0, i * 8 + 7.2, TILE, 0.8)
        jx = rnd.choice([6, 11, 17, 23, 27])
        p.rect(P.shade(base, -0.18), jx, i * 8, 0.8, 7.4)
        p.rect(P.shade(col, 0.06), 0, i * 8, TILE, 1)


def _grass(p: Pen, seed: int) -> None:
    rnd = seeded(seed)
    p.fill(P.LEAF)
    for _ in range(7):
        x, y = rnd.uniform(2, 30), rnd.uniform(3, 30)
        p.ellipse(P.alpha(P.shade(P.LEAF, 0.12), 150), x, y, rnd.uniform(3, 6), rnd.uniform(2, 4))
    for _ in range(6):
        x, y = rnd.uniform(3, 29), rnd.uniform(4, 30)
        c = P.shade(P.LEAF, -0.2)
        p.line(c, [(x, y), (x - 1, y - 3)], 0.9)
        p.line(c, [(x + 1.5, y), (x + 2.5, y - 2.5)], 0.9)
    if seed % 4 == 3:
        for _ in range(2):
            x, y = rnd.uniform(5, 27), rnd.uniform(5, 27)
            p.circle(P.CREAM, x, y, 1.4)
            p.circle(P.MUSTARD, x, y, 0.6)


def _void(p: Pen, seed: int) -> None:
    rnd = seeded(seed)
    p.fill(P.NIGHT_DEEP)
    if seed % 3 == 1:
        p.circle(P.alpha(P.STAR, 150), rnd.uniform(4, 28), rnd.uniform(4, 28), 0.7)


def _carpet(p: Pen, seed: int) -> None:
    rnd = seeded(seed)
    p.fill(P.PLUM_LIGHT)
    for _ in range(14):
        p.circle(P.alpha(P.shade(P.PLUM_LIGHT, -0.12), 120), rnd.uniform(0, 32), rnd.uniform(0, 32), 0.8)


def _path(p: Pen, seed: int) -> None:
    rnd = seeded(seed)
    p.fill(P.shade(P.SAND_DARK, -0.1))
    stones = [(8, 8), (24, 8), (16, 24), (2, 24), (30, 24)] if seed % 2 == 0 else [
        (16, 8), (0, 8), (32, 8), (8, 24), (24, 24)]
    for x, y in stones:
        p.ellipse(P.shade(P.SAND, rnd.uniform(-0.08, 0.05)), x, y, 7, 6)
        p.ellipse(P.alpha(P.CREAM, 60), x - 1, y - 2, 4, 2.5)


def _boards(p: Pen, seed: int) -> None:
    """Outdoor decking: vertical boards with dark gaps."""
    rnd = seeded(seed)
    p.fill(P.shade(P.WOOD_DARK, -0.35))
    for i in range(4):
        p.rect(P.shade(P.WOOD_DARK, rnd.uniform(-0.05, 0.08)), i * 8 + 0.6, 0, 6.8, TILE)
        p.circle(P.shade(P.WOOD_DARK, -0.3), i * 8 + 4, rnd.choice([6, 20, 27]), 0.6)


def _kitchen_tile(p: Pen) -> None:
    p.fill(P.shade(P.CREAM_DARK, -0.15))
    for ix in range(2):
        for iy in range(2):
            c = P.CREAM if (ix + iy) % 2 == 0 else P.shade(P.WALL_SAGE, 0.15)
            p.rect(c, ix * 16 + 0.5, iy * 16 + 0.5, 15, 15, 1)


def _concrete(p: Pen) -> None:
    rnd = seeded(77)
    base = (138, 130, 124)
    p.fill(base)
    for _ in range(10):
        p.circle(P.alpha(P.shade(base, rnd.choice([-0.15, 0.12])), 110),
                 rnd.uniform(0, 32), rnd.uniform(0, 32), rnd.uniform(0.5, 1.5))
    p.rect(P.shade(base, -0.12), 0, 31, 32, 1)


def _rug(p: Pen, w: int, h: int, base: P.Color, edge: P.Color, floor: P.Color) -> None:
    """A rug inset into a wood floor, so the piece sits in the floor layer."""
    for ty in range(h):
        for tx in range(w):
            sub = Pen(TILE, TILE, p.s)
            _wood(sub, 100 + tx + ty * 7, floor)
            p.paste(sub, tx * TILE, ty * TILE)
    W, H = w * TILE, h * TILE
    p.rect(P.SHADOW_SOFT, 5, 7, W - 10, H - 10, 4)
    p.rect(edge, 5, 5, W - 10, H - 10, 4)
    p.rect(base, 9, 9, W - 18, H - 18, 2)
    p.rect(P.alpha(edge, 150), 14, 14, W - 28, H - 28, 2)
    p.rect(base, 16, 16, W - 32, H - 32, 2)
    cx, cy = W / 2, H / 2
    for k in range(3):
        r = 10 - k * 3
        p.poly(edge if k % 2 == 0 else base, [(cx - r * 2, cy), (cx, cy - r), (cx + r * 2, cy),
                                               (cx, cy + r)])
    for x in range(8, W - 6, 6):
        p.rect(P.CREAM_DARK, x, 2, 1.2, 3)
        p.rect(P.CREAM_DARK, x, H - 5, 1.2, 3)


def _mat(p: Pen) -> None:
    for tx in range(2):
        sub = Pen(TILE, TILE, p.s)
        _wood(sub, 300 + tx)
        p.paste(sub, tx * TILE, 0)
    p.rect(P.SHADOW_SOFT, 6, 9, 52, 18, 3)
    p.rect(P.SAGE_DARK, 6, 7, 52, 18, 3)
    for x in range(10, 56, 4):
        p.rect(P.alpha(P.SAGE_DEEP, 160), x, 10, 1.5, 12)


def _cap(p: Pen, mask: int) -> None:
    """Wall top; bits N=1, E=2, S=4, W=8 mark sides that face a room and get a lit rim."""
    p.fill(P.WALL_CAP)
    rim = P.WALL_RIM
    if mask & 1:
        p.rect(rim, 0, 0, TILE, 3)
    if mask & 2:
        p.rect(rim, TILE - 3, 0, 3, TILE)
    if mask & 4:
        p.rect(rim, 0, TILE - 3, TILE, 3)
    if mask & 8:
        p.rect(rim, 0, 0, 3, TILE)


def _face(p: Pen, color: P.Color, lower: bool, style: str) -> None:
    """The front of a wall: wallpaper above, skirting board below."""
    p.fill(color)
    if style == "clay":
        for y in range(0, TILE, 8):
            p.rect(P.shade(color, -0.12), 0, y + 7, TILE, 1)
            p.rect(P.shade(color, 0.06), 0, y, TILE, 1)
    elif style == "den":
        for y in range(0, TILE, 8):
            off = 8 if (y // 8) % 2 else 0
            p.rect(P.shade(color, -0.1), 0, y + 7, TILE, 1)
            for x in range(off, TILE + 16, 16):
                p.rect(P.shade(color, -0.1), x, y, 1, 8)
    else:
        for x in (4, 12, 20, 28):
            p.rect(P.alpha(P.shade(color, -0.08), 120), x, 0, 1.2, TILE)
    if not lower:
        p.rect(P.alpha(P.PLUM_DARK, 70), 0, 0, TILE, 5)
        p.rect(P.alpha(P.PLUM_DARK, 35), 0, 5, TILE, 4)
    else:
        if style not in ("clay", "den"):
            p.rect(P.shade(color, -0.1), 0, 10, TILE, 1.2)
        p.rect(P.BASEBOARD, 0, TILE - 7, TILE, 7)
        p.rect(P.shade(P.BASEBOARD, 0.15), 0, TILE - 7, TILE, 1.5)


def register() -> None:
    """Add every floor and wall piece to the registry."""
    for i in range(VARIANTS["wood"]):
        add(f"wood{i}", 1, 1, lambda p, i=i: _wood(p, i))
    for i in range(VARIANTS["grass"]):
        add(f"grass{i}", 1, 1, lambda p, i=i: _grass(p, 10 + i))
    for i in range(VARIANTS["void"]):
        add(f"void{i}", 1, 1, lambda p, i=i: _void(p, i))
    for i in range(VARIANTS["carpet"]):
        add(f"carpet{i}", 1, 1, lambda p, i=i: _carpet(p, 20 + i))
    for i in range(VARIANTS["path"]):
        add(f"path{i}", 1, 1, lambda p, i=i: _path(p, i))
    for i in range(VARIANTS["boards"]):
        add(f"boards{i}", 1, 1, lambda p, i=i: _boards(p, 40 + i))
    add("kitchen-tile", 1, 1, _kitchen_tile)
    add("concrete", 1, 1, _concrete)
    for mask in range(16):
        add(f"cap{mask}", 1, 1, lambda p, m=mask: _cap(p, m))
    for style, color in WALL_STYLES.items():
        add(f"face-{style}-upper", 1, 1, lambda p, c=color, s=style: _face(p, c, False, s))
        add(f"face-{style}-lower", 1, 1, lambda p, c=color, s=style: _face(p, c, True, s))
    add("rug", 5, 3, lambda p: _rug(p, 5, 3, P.TERRACOTTA, P.CREAM, P.WOOD))
    add("rug-plum", 3, 2, lambda p: _rug(p, 3, 2, P.PLUM, P.WALL_PLUM, P.WOOD))
    add("mat", 2, 1, _mat)
