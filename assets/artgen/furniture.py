"""Furniture and fittings, drawn as flat shapes with a lit top, a plain front and a soft shadow.

Every piece sits on a transparent background so it can be laid on any floor or wall face.
"""

from __future__ import annotations

from . import palette as P
from .draw import Pen, seeded
from .tileset import piece

SH = P.SHADOW


def _shadow(p: Pen, x: float, y: float, w: float, h: float) -> None:
    p.rect(SH, x, y, w, h, min(w, h) / 2)


def _box(p: Pen, x: float, y: float, w: float, h: float, top: float, color: P.Color,
         r: float = 2) -> None:
    """A block seen in 3/4: a lighter top of depth `top` over a front face."""
    p.rect(color, x, y, w, h, r)
    p.rect(P.shade(color, 0.14), x, y, w, top, r)
    p.rect(P.alpha(P.shade(color, 0.3), 160), x + 1, y + 0.5, w - 2, 1.2, 1)


# -- windows and doors (overlays for wall faces) ----------------------------------------------
def _sky(p: Pen, x: float, y: float, w: float, h: float, seed: int) -> None:
    rnd = seeded(seed)
    steps = 8
    for i in range(steps):
        c = P.mix(P.NIGHT_DEEP, P.TEAL, i / (steps - 1))
        p.rect(c, x, y + h * i / steps, w, h / steps + 0.5)
    for _ in range(3):
        p.circle(P.STAR, x + rnd.uniform(2, w - 2), y + rnd.uniform(2, h * 0.6), 0.7)


@piece("window", 1, 2)
def window(p: Pen) -> None:
    """A tall window showing the night sky, with a sill and a hint of curtain."""
    p.rect(P.CREAM, 3, 6, 26, 48, 2)
    _sky(p, 6, 9, 20, 42, 5)
    p.rect(P.CREAM, 15, 9, 2, 42)
    p.rect(P.CREAM, 6, 28, 20, 2)
    p.circle(P.alpha(P.STAR, 220), 22, 15, 2.2)
    p.circle(P.shade(P.TEAL, -0.1), 23, 14.3, 2)
    p.rect(P.CREAM_DARK, 1, 52, 30, 4, 1)
    p.rect(P.alpha(P.PLUM_DARK, 60), 1, 56, 30, 2)
    p.rect(P.alpha(P.TERRACOTTA, 230), 1, 4, 4, 44, 2)
    p.rect(P.alpha(P.TERRACOTTA, 230), 27, 4, 4, 44, 2)


@piece("window-city", 2, 2)
def window_city(p: Pen) -> None:
    """A wide window onto a city at night: dark towers with a few lit windows."""
    rnd = seeded(9)
    p.rect(P.CREAM_DARK, 3, 5, 58, 50, 2)
    _sky(p, 6, 8, 52, 44, 11)
    x = 6.0
    while x < 58:
        bw = rnd.uniform(6, 11)
        bh = rnd.uniform(12, 32)
        bw = min(bw, 58 - x)
        c = P.shade(P.NIGHT, rnd.uniform(-0.2, 0.1))
        p.rect(c, x, 52 - bh, bw, bh)
        for wy in range(int(52 - bh + 3), 50, 4):
            for wx in range(int(x + 2), int(x + bw - 1), 3):
                if rnd.random() < 0.22:
                    p.rect(P.AMBER_LIGHT if rnd.random() < 0.7 else P.LAMP, wx, wy, 1.4, 1.6)
        x += bw
    p.rect(P.CREAM_DARK, 31, 8, 2, 44)
    p.rect(P.CREAM, 1, 52, 62, 4, 1)
    p.rect(P.alpha(P.PLUM_DARK, 60), 1, 56, 62, 2)


@piece("door", 1, 2)
def door(p: Pen) -> None:
    """A closed wooden door in a wall face."""
    p.rect(P.CREAM_DARK, 2, 4, 28, 60, 2)
    p.rect(P.WOOD, 5, 7, 22, 57, 1)
    p.rect(P.shade(P.WOOD, 0.1), 8, 11, 16, 20, 1)
    p.rect(P.shade(P.WOOD, 0.1), 8, 36, 16, 22, 1)
    p.circle(P.AMBER_LIGHT, 23, 36, 1.6)
    p.rect(P.alpha(P.PLUM_DARK, 80), 5, 7, 22, 2)


@piece("door-den", 1, 2)
def door_den(p: Pen) -> None:
    """A plain painted door, left ajar: a strip of dark shows at the hinge side."""
    p.rect(P.CREAM_DARK, 2, 4, 28, 60, 2)
    p.rect(P.NIGHT_DEEP, 5, 7, 22, 57)
    p.rect(P.SAGE_DARK, 9, 7, 18, 57, 1)
    p.rect(P.shade(P.SAGE_DARK, 0.1), 12, 12, 12, 46, 1)
    p.circle(P.AMBER_LIGHT, 24, 37, 1.4)


@piece("wall-cabinet", 1, 1)
def wall_cabinet(p: Pen) -> None:
    """Upper kitchen cupboard hung on a wall face."""
    p.rect(P.alpha(P.PLUM_DARK, 60), 2, 6, 28, 24, 2)
    p.rect(P.SAGE, 2, 3, 28, 24, 2)
    p.rect(P.shade(P.SAGE, 0.1), 4, 5, 11, 20, 1)
    p.rect(P.shade(P.SAGE, 0.1), 17, 5, 11, 20, 1)
    p.rect(P.CREAM, 13, 20, 1.5, 3)
    p.rect(P.CREAM, 17.5, 20, 1.5, 3)


@piece("wall-shelf", 1, 1)
def wall_shelf(p: Pen) -> None:
    """A short shelf with jars, for a kitchen or den wall."""
    p.rect(P.WOOD_DARK, 2, 22, 28, 3, 1)
    p.rect(P.alpha(P.PLUM_DARK, 60), 2, 25, 28, 2)
    p.rect(P.alpha(P.CREAM, 200), 5, 13, 6, 9, 2)
    p.rect(P.TERRACOTTA, 5, 12, 6, 2, 1)
    p.rect(P.alpha(P.CREAM, 200), 13, 15, 5, 7, 2)
    p.rect(P.SAGE_DARK, 13, 14, 5, 2, 1)
    p.circle(P.LEAF, 24, 15, 4)
    p.rect(P.TERRACOTTA, 21, 17, 6, 5, 1)


@piece("picture", 1, 1)
def picture(p: Pen) -> None:
    """A small framed picture of the sea, hung on a wall face."""
    p.rect(P.alpha(P.PLUM_DARK, 60), 6, 9, 22, 18, 1)
    p.rect(P.WOOD_LIGHT, 5, 7, 22, 18, 1)
    p.rect(P.SEA_LIGHT, 7, 9, 18, 8)
    p.rect(P.SAND, 7, 17, 18, 6)
    p.circle(P.AMBER_LIGHT, 20, 12, 2)


@piece("pegboard", 2, 1)
def pegboard(p: Pen) -> None:
    """A pegboard with hanging tools above the workbench."""
    p.rect(P.WOOD_PALE, 3, 3, 58, 26, 1)
    for x in range(7, 60, 5):
        for y in range(7, 28, 5):
            p.circle(P.shade(P.WOOD_PALE, -0.2), x, y, 0.6)
    p.rect(P.GREY_DARK, 10, 8, 2, 14)
    p.rect(P.RUST, 7, 6, 8, 4, 1)
    p.line(P.METAL, [(22, 8), (22, 22)], 2)
    p.circle(P.METAL, 22, 8, 2.5)
    p.rect(P.MUSTARD, 30, 9, 10, 6, 2)
    p.rect(P.GREY_DARK, 33, 15, 4, 8, 1)
    p.poly(P.METAL, [(46, 8), (56, 8), (56, 20), (46, 12)])
    p.rect(P.WOOD_DARK, 44, 7, 4, 12, 1)


# -- kitchen ----------------------------------------------------------------------------------
def _counter(p: Pen) -> None:
    _shadow(p, 0, 26, 32, 6)
    p.rect(P.SAGE_DARK, 0, 9, 32, 21)
    p.rect(P.shade(P.SAGE_DARK, 0.08), 2, 12, 13, 16, 1)
    p.rect(P.shade(P.SAGE_DARK, 0.08), 17, 12, 13, 16, 1)
    p.rect(P.CREAM, 13, 14, 1.5, 4)
    p.rect(P.CREAM, 17.5, 14, 1.5, 4)
    p.rect(P.CREAM_DARK, 0, 0, 32, 10)
    p.rect(P.CREAM, 0, 0, 32, 8.5)


@piece("counter")
def counter(p: Pen) -> None:
    """Kitchen worktop and cupboard."""
    _counter(p)


@piece("counter-board")
def counter_board(p: Pen) -> None:
    """Worktop with a chopping board and a lemon."""
    _counter(p)
    p.rect(P.WOOD_LIGHT, 5, 1.5, 16, 6, 1.5)
    p.ellipse(P.MUSTARD, 26, 4, 3, 2.5)


@piece("counter-sink")
def counter_sink(p: Pen) -> None:
    """Worktop with a sink and tap."""
    _counter(p)
    p.rect(P.METAL, 5, 1, 22, 7, 2)
    p.rect(P.shade(P.METAL, -0.2), 7, 2, 18, 5, 2)
    p.line(P.METAL, [(16, 0), (16, 3)], 2)


@piece("counter-stove")
def counter_stove(p: Pen) -> None:
    """A stove: four rings on top and an oven door."""
    _shadow(p, 0, 26, 32, 6)
    p.rect(P.GREY_LIGHT, 0, 9, 32, 21)
    p.rect(P.NIGHT, 4, 14, 24, 12, 2)
    p.rect(P.alpha(P.AMBER, 90), 6, 16, 20, 8, 2)
    p.rect(P.METAL, 6, 11, 20, 1.5)
    p.rect(P.GREY_DARK, 0, 0, 32, 10)
    for x, y in ((8, 3), (20, 3), (8, 7), (20, 7)):
        p.ellipse(P.NIGHT_DEEP, x, y, 4, 1.8)
    p.ellipse(P.TERRACOTTA_DARK, 24, 5, 6, 3)
    p.ellipse(P.TERRACOTTA, 24, 4.2, 5.2, 2.4)


@piece("counter-kettle")
def counter_kettle(p: Pen) -> None:
    """Worktop with the kettle and two mugs."""
    _counter(p)
    p.ellipse(SH, 12, 7, 7, 2)
    p.rect(P.TERRACOTTA, 6, -2, 12, 9, 4)
    p.rect(P.shade(P.TERRACOTTA, 0.15), 7, -2, 10, 3, 2)
    p.line(P.TERRACOTTA_DARK, [(18, 1), (21, 3)], 1.6)
    p.rect(P.INK, 9, -4, 6, 2, 1)
    p.rect(P.CREAM, 23, 2, 4, 5, 1)
    p.rect(P.SAGE, 27.5, 3, 3.5, 4.5, 1)


@piece("fridge", 1, 2)
def fridge(p: Pen) -> None:
    """A tall rounded fridge whose top half overlaps the wall face."""
    _shadow(p, 1, 57, 30, 7)
    p.rect(P.CREAM, 2, 4, 28, 56, 4)
    p.rect(P.shade(P.CREAM, -0.08), 2, 24, 28, 36, 4)
    p.rect(P.shade(P.CREAM, -0.15), 2, 23, 28, 1.2)
    p.rect(P.GREY_LIGHT, 24, 12, 1.6, 8, 1)
    p.rect(P.GREY_LIGHT, 24, 28, 1.6, 10, 1)
    p.rect(P.TERRACOTTA, 7, 30, 5, 5, 1)
    p.rect(P.SEA_LIGHT, 13, 32, 6, 4, 1)


# -- living room ------------------------------------------------------------------------------
def _sofa(p: Pen, w: int, color: P.Color) -> None:
    W = w * 32
    _shadow(p, 1, 52, W - 2, 10)
    dark = P.shade(color, -0.18)
    p.rect(dark, 2, 6, W - 4, 28, 7)
    p.rect(P.shade(color, 0.05), 4, 7, W - 8, 8, 5)
    seat_y = 26
    p.rect(color, 6, seat_y, W - 12, 30, 5)
    n = w
    cw = (W - 16) / n
    for i in range(n):
        p.rect(P.shade(color, 0.1), 8 + i * cw, seat_y + 2, cw - 2, 14, 4)
    p.rect(dark, 1, 18, 8, 40, 4)
    p.rect(dark, W - 9, 18, 8, 40, 4)
    p.rect(P.shade(color, 0.08), 2, 18, 6, 5, 3)
    p.rect(P.shade(color, 0.08), W - 8, 18, 6, 5, 3)


@piece("couch", 3, 2)
def couch(p: Pen) -> None:
    """The big sage couch, facing down the room, with a terracotta cushion."""
    _sofa(p, 3, P.SAGE_DARK)
    p.rect(P.TERRACOTTA, 12, 18, 12, 11, 4)
    p.rect(P.CREAM, 70, 20, 12, 10, 4)


@piece("loveseat", 2, 2)
def loveseat(p: Pen) -> None:
    """A small plum two-seater with a folded blanket."""
    _sofa(p, 2, P.PLUM)
    p.rect(P.CREAM_DARK, 36, 30, 16, 8, 2)
    p.rect(P.CREAM, 36, 30, 16, 3, 2)


def _armchair(p: Pen, color: P.Color, worn: bool) -> None:
    _shadow(p, 6, 52, 52, 10)
    dark = P.shade(color, -0.2)
    p.rect(dark, 10, 8, 44, 30, 9)
    p.rect(P.shade(color, 0.05), 13, 9, 38, 9, 6)
    p.rect(color, 13, 28, 38, 28, 6)
    p.rect(P.shade(color, 0.1), 15, 30, 34, 13, 5)
    p.rect(dark, 6, 20, 10, 38, 5)
    p.rect(dark, 48, 20, 10, 38, 5)
    if worn:
        p.rect(P.MUSTARD_DARK, 20, 12, 10, 8, 2)
        p.line(P.CREAM_DARK, [(21, 13), (29, 13)], 0.6)
        p.rect(P.alpha(P.CREAM, 40), 16, 31, 14, 8, 4)


@piece("armchair", 2, 2)
def armchair(p: Pen) -> None:
    """A mustard reading chair."""
    _armchair(p, P.MUSTARD, False)


@piece("old-armchair", 2, 2)
def old_armchair(p: Pen) -> None:
    """The den's old faded armchair with a patch on the back."""
    _armchair(p, (128, 112, 86), True)


@piece("coffee-table", 3, 1)
def coffee_table(p: Pen) -> None:
    """A low table with two mugs and a book, centred in three tiles."""
    _shadow(p, 12, 22, 72, 8)
    _box(p, 12, 6, 72, 20, 13, P.WOOD_LIGHT, 3)
    p.rect(P.WOOD_DARK, 15, 19, 3, 7)
    p.rect(P.WOOD_DARK, 78, 19, 3, 7)
    p.rect(P.CREAM, 24, 7, 5, 5, 1.5)
    p.rect(P.SAGE, 64, 8, 5, 5, 1.5)
    p.rect(P.PLUM, 40, 8, 12, 7, 1)
    p.rect(P.CREAM, 41, 8.5, 11, 1)


@piece("side-lamp")
def side_lamp(p: Pen) -> None:
    """A small side table with a lit lamp."""
    _shadow(p, 6, 26, 20, 5)
    _box(p, 7, 14, 18, 14, 6, P.WOOD, 2)
    p.rect(P.CREAM_DARK, 15, 6, 2, 9)
    p.poly(P.AMBER_LIGHT, [(9, 8), (23, 8), (20, -1), (12, -1)])
    p.rect(P.alpha(P.LAMP, 200), 10, 7, 12, 2)


@piece("floor-lamp", 1, 2)
def floor_lamp(p: Pen) -> None:
    """A standing lamp with a glowing shade."""
    p.ellipse(SH, 16, 60, 8, 3)
    p.ellipse(P.WOOD_DARK, 16, 59, 6, 2)
    p.rect(P.WOOD_DARK, 15, 16, 2, 43)
    p.poly(P.AMBER_LIGHT, [(7, 20), (25, 20), (21, 6), (11, 6)])
    p.poly(P.shade(P.AMBER_LIGHT, 0.25), [(11, 6), (21, 6), (22, 10), (10, 10)])
    p.rect(P.alpha(P.LAMP, 220), 8, 19, 16, 2)


@piece("bookshelf", 2, 2)
def bookshelf(p: Pen) -> None:
    """A tall bookcase against a wall, full of coloured spines."""
    rnd = seeded(3)
    _shadow(p, 2, 58, 60, 6)
    p.rect(P.WOOD_DARK, 3, 2, 58, 60, 2)
    p.rect(P.shade(P.WOOD_DARK, 0.15), 3, 2, 58, 3, 2)
    cols = [P.TERRACOTTA, P.SAGE, P.CREAM, P.PLUM_LIGHT, P.MUSTARD, P.NAVY, P.SEA_LIGHT]
    for sy in (7, 22, 37):
        p.rect(P.shade(P.WOOD_DARK, -0.3), 6, sy, 52, 13)
        x = 7.0
        while x < 54:
            bw = rnd.uniform(2.5, 4.5)
            bh = rnd.uniform(8, 12)
            if rnd.random() < 0.12:
                x += 3
                continue
            p.rect(rnd.choice(cols), x, sy + 13 - bh, bw, bh, 0.6)
            x += bw + 0.4
        p.rect(P.WOOD, 5, sy + 13, 54, 2)
    p.rect(P.WOOD, 5, 52, 54, 8)
    p.rect(P.shade(P.WOOD, 0.1), 8, 54, 22, 4, 1)
    p.rect(P.shade(P.WOOD, 0.1), 34, 54, 22, 4, 1)


@piece("tv-stand", 2, 1)
def tv_stand(p: Pen) -> None:
    """A low sideboard with a record player and a plant."""
    _shadow(p, 2, 24, 60, 7)
    _box(p, 2, 8, 60, 20, 7, P.WOOD, 2)
    p.rect(P.shade(P.WOOD, -0.12), 6, 16, 24, 9, 1)
    p.rect(P.shade(P.WOOD, -0.12), 34, 16, 24, 9, 1)
    p.rect(P.GREY_DARK, 8, 2, 20, 9, 1.5)
    p.ellipse(P.INK, 17, 6, 6, 2.6)
    p.ellipse(P.TERRACOTTA, 17, 6, 1.6, 0.8)
    p.rect(P.TERRACOTTA, 46, 4, 8, 7, 1.5)
    p.circle(P.LEAF, 48, 1, 4)
    p.circle(P.LEAF_DARK, 53, 2, 3.5)


# -- dining -----------------------------------------------------------------------------------
@piece("dining-table", 2, 2)
def dining_table(p: Pen) -> None:
    """A wooden table for four with a candle and a bowl."""
    _shadow(p, 2, 46, 60, 12)
    p.rect(P.WOOD_DARK, 6, 36, 3, 18)
    p.rect(P.WOOD_DARK, 55, 36, 3, 18)
    _box(p, 2, 8, 60, 34, 28, P.WOOD, 3)
    p.rect(P.CREAM, 18, 14, 28, 14, 2)
    p.ellipse(P.SAGE, 32, 20, 7, 4)
    p.ellipse(P.MUSTARD, 30, 19, 2, 1.6)
    p.ellipse(P.TERRACOTTA, 34, 19.5, 2, 1.6)
    p.rect(P.CREAM, 50, 12, 3, 6, 1)
    p.circle(P.LAMP, 51.5, 10.5, 1.4)


@piece("table-long", 3, 2)
def table_long(p: Pen) -> None:
    """The farmhouse table: long, pale wood, a jug of flowers."""
    _shadow(p, 2, 46, 92, 12)
    for x in (6, 46, 87):
        p.rect(P.WOOD_DARK, x, 36, 3, 18)
    _box(p, 2, 8, 92, 34, 28, P.WOOD_LIGHT, 3)
    p.rect(P.alpha(P.CREAM, 200), 8, 20, 80, 8, 1)
    p.rect(P.SEA_LIGHT, 44, 12, 8, 10, 3)
    for x, y, c in ((44, 10, P.CREAM), (48, 8, P.MUSTARD), (52, 10, P.TERRACOTTA)):
        p.circle(c, x, y, 2.4)
    p.ellipse(P.CREAM, 20, 23, 5, 3)
    p.ellipse(P.CREAM, 74, 23, 5, 3)


def _chair(p: Pen, back: str) -> None:
    c = P.WOOD_DARK
    _shadow(p, 7, 24, 18, 6)
    p.rect(c, 9, 18, 2, 10)
    p.rect(c, 21, 18, 2, 10)
    p.rect(P.shade(c, 0.15), 8, 12, 16, 10, 2)
    p.rect(P.TERRACOTTA, 10, 13, 12, 6, 2)
    if back == "n":
        p.rect(c, 8, 2, 16, 4, 1.5)
        p.rect(c, 9, 2, 2, 12)
        p.rect(c, 21, 2, 2, 12)
    elif back == "s":
        p.rect(c, 9, 12, 2, 16)
        p.rect(c, 21, 12, 2, 16)
        p.rect(c, 8, 12, 16, 4, 1.5)
    elif back == "w":
        p.rect(c, 7, 4, 3, 20, 1.5)
    else:
        p.rect(c, 22, 4, 3, 20, 1.5)


for _side in "nswe":
    piece(f"chair-{_side}")(lambda p, s=_side: _chair(p, s))


# -- bedroom and desk -------------------------------------------------------------------------
def _bed(p: Pen, blanket: P.Color, phone: bool, single: bool) -> None:
    W = 32 if single else 64
    _shadow(p, 2, 86, W - 4, 10)
    p.rect(P.WOOD_DARK, 2, 2, W - 4, 20, 3)
    p.rect(P.shade(P.WOOD_DARK, 0.15), 2, 2, W - 4, 4, 3)
    p.rect(P.CREAM, 4, 14, W - 8, 76, 3)
    for x in ((8,) if single else (7, 34)):
        p.rect(P.shade(P.CREAM, 0.3), x, 18, 22 if not single else 16, 12, 4)
        p.rect(P.alpha(P.CREAM_DARK, 150), x + 2, 27, 18 if not single else 12, 3, 1)
    p.rect(blanket, 3, 38, W - 6, 52, 3)
    p.rect(P.shade(blanket, 0.15), 3, 38, W - 6, 7, 3)
    p.rect(P.alpha(P.shade(blanket, -0.2), 120), 3, 60, W - 6, 1.5)
    p.rect(P.WOOD_DARK, 2, 86, W - 4, 6, 2)
    if phone:
        p.rect(P.INK, 40, 50, 7, 11, 1.5)
        p.rect(P.SEA_LIGHT, 41, 51, 5, 9, 1)
        p.rect(P.alpha(P.LAMP, 90), 36, 46, 15, 19, 6)


@piece("bed", 2, 3)
def bed(p: Pen) -> None:
    """The double bed with a terracotta blanket."""
    _bed(p, P.TERRACOTTA, False, False)


@piece("bed-phone", 2, 3)
def bed_phone(p: Pen) -> None:
    """An unmade plum bed with a phone glowing on the blanket."""
    _bed(p, P.PLUM, True, False)


@piece("bed-guest", 1, 3)
def bed_guest(p: Pen) -> None:
    """A narrow guest bed with a sage quilt."""
    _bed(p, P.SAGE, False, True)


@piece("nightstand")
def nightstand(p: Pen) -> None:
    """A bedside table with a book and a small lamp."""
    _shadow(p, 4, 26, 24, 5)
    _box(p, 5, 12, 22, 16, 7, P.WOOD, 2)
    p.rect(P.shade(P.WOOD, -0.15), 8, 21, 16, 1)
    p.rect(P.CREAM_DARK, 18, 4, 2, 9)
    p.ellipse(P.AMBER_LIGHT, 19, 4, 5, 4)
    p.rect(P.SAGE, 7, 13, 8, 4, 1)


@piece("desk", 2, 2)
def desk(p: Pen) -> None:
    """A desk against the wall: a green-shaded lamp, an open laptop, papers."""
    _shadow(p, 2, 52, 60, 10)
    p.rect(P.WOOD_DARK, 5, 30, 3, 26)
    p.rect(P.WOOD_DARK, 56, 30, 3, 26)
    p.rect(P.shade(P.WOOD, -0.1), 38, 30, 20, 20, 1)
    p.rect(P.WOOD, 40, 38, 16, 1)
    _box(p, 2, 10, 60, 24, 18, P.WOOD)
    p.rect(P.CREAM, 8, 16, 10, 8, 0.5)
    p.rect(P.CREAM_DARK, 10, 14, 10, 8, 0.5)
    p.rect(P.GREY_DARK, 24, 6, 18, 12, 1.5)
    p.rect(P.SEA_LIGHT, 25.5, 7.5, 15, 9, 1)
    p.rect(P.GREY_LIGHT, 22, 18, 22, 5, 1)
    p.rect(P.INK, 52, 8, 2, 12)
    p.ellipse(P.INK, 53, 21, 4, 1.5)
    p.poly(P.SAGE_DARK, [(46, 10), (58, 10), (55, 2), (49, 2)])
    p.ellipse(P.alpha(P.LAMP, 200), 52, 11, 6, 2)
    p.rect(P.CREAM, 46, 24, 4, 4, 1)


@piece("desk-chair")
def desk_chair(p: Pen) -> None:
    """An office chair seen from behind."""
    p.ellipse(SH, 16, 28, 10, 3)
    p.rect(P.INK, 15, 18, 2, 9)
    p.rect(P.GREY_DARK, 8, 14, 16, 6, 3)
    p.rect(P.NAVY, 9, 0, 14, 16, 4)
    p.rect(P.shade(P.NAVY, 0.15), 10, 1, 12, 4, 3)


@piece("wardrobe", 2, 2)
def wardrobe(p: Pen) -> None:
    """A tall two-door wardrobe."""
    _shadow(p, 2, 58, 60, 6)
    p.rect(P.WOOD_LIGHT, 3, 0, 58, 60, 2)
    p.rect(P.shade(P.WOOD_LIGHT, 0.12), 3, 0, 58, 4, 2)
    p.rect(P.shade(P.WOOD_LIGHT, -0.08), 6, 6, 25, 50, 1)
    p.rect(P.shade(P.WOOD_LIGHT, -0.08), 33, 6, 25, 50, 1)
    p.rect(P.WOOD_DARK, 28, 28, 1.5, 6)
    p.rect(P.WOOD_DARK, 35, 28, 1.5, 6)


# -- plants -----------------------------------------------------------------------------------
def _pot(p: Pen, cx: float, bottom: float, w: float, h: float, color: P.Color) -> None:
    p.ellipse(SH, cx, bottom, w * 0.7, 2.5)
    p.poly(color, [(cx - w / 2, bottom - h), (cx + w / 2, bottom - h), (cx + w / 2.6, bottom),
                   (cx - w / 2.6, bottom)])
    p.rect(P.shade(color, 0.15), cx - w / 2 - 1, bottom - h - 2, w + 2, 3, 1)


@piece("plant-tall", 1, 2)
def plant_tall(p: Pen) -> None:
    """A tall leafy plant in a terracotta pot."""
    _pot(p, 16, 62, 14, 12, P.TERRACOTTA)
    leaves = [(16, 14, 9, 7, P.LEAF_DARK), (10, 24, 8, 6, P.LEAF), (23, 22, 8, 6, P.LEAF),
              (12, 36, 7, 5, P.LEAF_DARK), (21, 34, 8, 5, P.LEAF), (16, 28, 7, 6, P.SAGE)]
    p.line(P.SAGE_DEEP, [(16, 48), (16, 20)], 1.5)
    for x, y, rx, ry, c in leaves:
        p.ellipse(c, x, y, rx, ry)
        p.line(P.alpha(P.SAGE_DEEP, 150), [(x - rx * 0.6, y), (x + rx * 0.6, y)], 0.8)


@piece("plant-small")
def plant_small(p: Pen) -> None:
    """A round bushy plant in a cream pot."""
    _pot(p, 16, 30, 12, 9, P.CREAM_DARK)
    p.circle(P.LEAF_DARK, 12, 14, 6)
    p.circle(P.LEAF, 19, 12, 6.5)
    p.circle(P.SAGE, 15, 9, 5)


@piece("plant-fern")
def plant_fern(p: Pen) -> None:
    """A fern with drooping fronds in a plum pot."""
    _pot(p, 16, 30, 11, 8, P.PLUM)
    for ang in (-60, -30, 0, 30, 60):
        dx = ang / 6
        p.curve(P.LEAF, (16, 20), (16 + dx * 0.8, 6), (16 + dx * 1.6, 14), 3)
    p.circle(P.LEAF_DARK, 16, 19, 3)


@piece("plant-cactus")
def plant_cactus(p: Pen) -> None:
    """A small cactus, for a windowsill or a desk corner."""
    _pot(p, 16, 30, 10, 7, P.TERRACOTTA)
    p.rect(P.SAGE_DARK, 13, 8, 6, 16, 3)
    p.rect(P.SAGE_DARK, 8, 12, 4, 7, 2)
    p.rect(P.SAGE_DARK, 20, 10, 4, 6, 2)
    p.circle(P.TERRACOTTA, 16, 8, 1.4)


@piece("bush")
def bush(p: Pen) -> None:
    """A garden shrub."""
    p.ellipse(SH, 16, 27, 13, 4)
    p.circle(P.LEAF_DARK, 10, 19, 8)
    p.circle(P.LEAF_DARK, 22, 19, 8)
    p.circle(P.LEAF, 16, 13, 9)
    p.circle(P.alpha(P.SAGE, 150), 13, 10, 4)


@piece("flowers")
def flowers(p: Pen) -> None:
    """A small flower bed patch."""
    rnd = seeded(8)
    p.ellipse(P.alpha(P.WOOD_DARK, 200), 16, 18, 14, 10)
    for _ in range(9):
        x, y = rnd.uniform(6, 26), rnd.uniform(11, 25)
        p.circle(P.LEAF_DARK, x, y + 2, 3)
        p.circle(rnd.choice([P.CREAM, P.TERRACOTTA, P.MUSTARD, P.PLUM_LIGHT]), x, y, 1.8)


# -- den --------------------------------------------------------------------------------------
@piece("workbench", 3, 2)
def workbench(p: Pen) -> None:
    """A heavy bench with a vice, a half-built birdhouse and scattered tools."""
    _shadow(p, 2, 52, 92, 10)
    for x in (6, 46, 86):
        p.rect(P.WOOD_DARK, x, 30, 4, 26)
    p.rect(P.shade(P.WOOD_DARK, -0.1), 8, 44, 80, 3)
    p.rect(P.RUST, 56, 46, 16, 10, 1)
    _box(p, 2, 8, 92, 26, 20, P.WOOD_LIGHT, 2)
    p.rect(P.GREY_DARK, 6, 4, 12, 10, 1)
    p.rect(P.METAL, 8, 2, 8, 4, 1)
    p.poly(P.WOOD_PALE, [(36, 20), (48, 20), (48, 10), (42, 5), (36, 10)])
    p.circle(P.INK, 42, 13, 2)
    p.poly(P.TERRACOTTA, [(34, 11), (42, 3), (50, 11), (48, 12), (42, 6), (36, 12)])
    p.rect(P.WOOD_DARK, 62, 14, 14, 3, 1)
    p.rect(P.GREY_DARK, 74, 12, 6, 7, 1)
    for i in range(5):
        p.circle(P.METAL, 22 + i * 2.5, 22 + (i % 2) * 2, 0.8)
    p.rect(P.CREAM, 82, 12, 8, 10, 0.5)


@piece("boxes")
def boxes(p: Pen) -> None:
    """Two stacked cardboard boxes."""
    _shadow(p, 2, 26, 28, 6)
    _box(p, 3, 12, 26, 18, 6, P.SAND_DARK, 1)
    p.rect(P.alpha(P.CREAM, 180), 13, 12, 6, 6)
    _box(p, 7, 2, 18, 12, 5, P.SAND, 1)
    p.rect(P.alpha(P.CREAM, 180), 14, 2, 4, 5)


@piece("boxes-tall", 1, 2)
def boxes_tall(p: Pen) -> None:
    """A taller stack of boxes, one labelled in marker."""
    _shadow(p, 2, 58, 28, 6)
    _box(p, 2, 40, 28, 22, 7, P.SAND_DARK, 1)
    _box(p, 4, 22, 24, 20, 6, P.SAND, 1)
    _box(p, 6, 8, 20, 16, 5, P.SAND_DARK, 1)
    p.line(P.INK, [(9, 31), (13, 30), (17, 32), (21, 30)], 0.8)


@piece("bulb")
def bulb(p: Pen) -> None:
    """A single bulb hanging on a cord (goes in the `above` layer)."""
    p.line(P.INK, [(16, 0), (16, 18)], 0.8)
    p.rect(P.GREY_DARK, 14, 16, 4, 4, 1)
    p.circle(P.alpha(P.LAMP, 70), 16, 23, 7)
    p.circle(P.LAMP, 16, 23, 3.6)
    p.circle(P.CREAM, 15, 22, 1.2)


@piece("bike", 2, 1)
def bike(p: Pen) -> None:
    """A bicycle leaning in the den."""
    p.ellipse(SH, 32, 28, 28, 3)
    for cx in (14, 50):
        p.ring(P.INK, cx, 20, 9, 1.4)
    p.line(P.TERRACOTTA, [(14, 20), (28, 20), (40, 10), (26, 10), (14, 20)], 1.6)
    p.line(P.TERRACOTTA, [(40, 10), (50, 20)], 1.6)
    p.line(P.INK, [(26, 10), (25, 6)], 1.2)
    p.rect(P.INK, 22, 5, 7, 2, 1)
    p.line(P.INK, [(40, 10), (42, 4), (46, 4)], 1.2)


# -- outdoors ---------------------------------------------------------------------------------
@piece("railing")
def railing(p: Pen) -> None:
    """Balcony railing running left to right."""
    p.rect(P.alpha(P.PLUM_DARK, 60), 0, 26, 32, 4)
    for x in (4, 12, 20, 28):
        p.rect(P.GREY_DARK, x - 1, 10, 2, 17)
    p.rect(P.GREY_LIGHT, 0, 8, 32, 3, 1)


@piece("railing-v")
def railing_v(p: Pen) -> None:
    """Balcony railing running top to bottom."""
    p.rect(P.alpha(P.PLUM_DARK, 60), 14, 0, 6, 32)
    p.rect(P.GREY_LIGHT, 13, 0, 3, 32, 1)
    for y in (6, 22):
        p.rect(P.GREY_DARK, 13, y, 3, 4)


@piece("fence")
def fence(p: Pen) -> None:
    """A garden fence running left to right: pickets and a rail."""
    p.rect(P.alpha(P.PLUM_DARK, 60), 0, 27, 32, 4)
    for x in (2, 10, 18, 26):
        p.poly(P.CREAM_DARK, [(x, 28), (x, 10), (x + 2.5, 7), (x + 5, 10), (x + 5, 28)])
        p.rect(P.CREAM, x, 10, 1.5, 18)
    p.rect(P.SAND_DARK, 0, 16, 32, 3)


@piece("fence-v")
def fence_v(p: Pen) -> None:
    """The same fence running top to bottom, seen from above: a rail with squat posts."""
    p.rect(P.alpha(P.PLUM_DARK, 60), 14, 0, 8, 32)
    p.rect(P.CREAM_DARK, 13, 0, 6, 32)
    p.rect(P.CREAM, 13, 0, 2, 32)
    p.rect(P.SAND_DARK, 11, 12, 10, 8, 1.5)
    p.rect(P.shade(P.SAND_DARK, 0.15), 11, 12, 10, 2, 1)


@piece("tree", 3, 4)
def tree(p: Pen) -> None:
    """A broad garden tree: canopy (upper rows, drawn above people) and trunk."""
    p.ellipse(SH, 48, 120, 30, 7)
    p.poly(P.WOOD_DARK, [(42, 122), (54, 122), (52, 80), (44, 80)])
    p.line(P.WOOD_DARK, [(48, 88), (36, 76)], 4)
    p.line(P.WOOD_DARK, [(49, 84), (62, 72)], 4)
    blobs = [(48, 40, 34, P.LEAF_DARK), (26, 58, 22, P.LEAF_DARK), (70, 58, 22, P.LEAF_DARK),
             (48, 66, 24, P.LEAF_DARK), (40, 34, 22, P.LEAF), (60, 44, 20, P.LEAF),
             (30, 52, 14, P.LEAF), (42, 24, 12, P.SAGE)]
    for x, y, r, c in blobs:
        p.circle(c, x, y, r)
    p.circle(P.alpha(P.SAGE, 120), 50, 30, 8)


@piece("shed", 4, 4)
def shed(p: Pen) -> None:
    """A small timber shed: pitched roof, board walls, a door ajar with warm light inside."""
    p.rect(SH, 4, 116, 120, 10, 5)
    p.rect(P.WOOD, 10, 52, 108, 68, 2)
    for x in range(12, 118, 8):
        p.rect(P.shade(P.WOOD, -0.15), x, 52, 1, 68)
    p.rect(P.NIGHT_DEEP, 52, 72, 24, 48, 1)
    p.rect(P.alpha(P.AMBER, 200), 52, 72, 10, 48)
    p.poly(P.WOOD_LIGHT, [(62, 72), (80, 70), (80, 122), (62, 120)])
    p.rect(P.CREAM, 22, 66, 18, 16, 1)
    p.rect(P.alpha(P.AMBER_LIGHT, 230), 24, 68, 14, 12)
    p.rect(P.CREAM, 30, 68, 1.5, 12)
    p.poly(P.PLUM, [(0, 56), (64, 4), (128, 56)])
    p.poly(P.shade(P.PLUM, 0.12), [(0, 56), (64, 4), (64, 14), (12, 56)])
    p.rect(P.PLUM_DARK, 0, 54, 128, 5, 2)
    p.circle(P.PLUM_DARK, 64, 8, 4)


@piece("bench", 2, 1)
def bench(p: Pen) -> None:
    """A slatted garden bench."""
    _shadow(p, 2, 24, 60, 7)
    p.rect(P.INK, 6, 18, 3, 10)
    p.rect(P.INK, 55, 18, 3, 10)
    for i, y in enumerate((2, 7)):
        p.rect(P.shade(P.WOOD, 0.05 * i), 3, y, 58, 4, 1.5)
    p.rect(P.WOOD_LIGHT, 2, 13, 60, 7, 2)
    p.rect(P.shade(P.WOOD_LIGHT, 0.15), 2, 13, 60, 2, 2)


@piece("porch-post", 1, 2)
def porch_post(p: Pen) -> None:
    """A painted porch post with a hanging lantern."""
    p.ellipse(SH, 16, 61, 7, 2.5)
    p.rect(P.CREAM, 13, 0, 6, 61, 1)
    p.rect(P.CREAM_DARK, 17, 0, 2, 61)
    p.line(P.INK, [(19, 10), (24, 10), (24, 14)], 0.8)
    p.rect(P.INK, 21, 14, 6, 8, 1)
    p.rect(P.LAMP, 22, 15.5, 4, 5, 1)


@piece("steps", 2, 1)
def steps(p: Pen) -> None:
    """Two wooden steps down from the porch."""
    p.rect(P.shade(P.WOOD_DARK, -0.1), 0, 0, 64, 32)
    p.rect(P.WOOD, 0, 2, 64, 12, 1)
    p.rect(P.shade(P.WOOD, 0.12), 0, 2, 64, 3, 1)
    p.rect(P.WOOD, 0, 17, 64, 13, 1)
    p.rect(P.shade(P.WOOD, 0.12), 0, 17, 64, 3, 1)


@piece("boots")
def boots(p: Pen) -> None:
    """Wellington boots by a door."""
    p.ellipse(SH, 16, 28, 12, 3)
    for x, c in ((9, P.SAGE_DARK), (19, P.TERRACOTTA)):
        p.rect(c, x, 8, 7, 18, 2)
        p.rect(c, x, 22, 11, 5, 2)
        p.rect(P.shade(c, 0.15), x, 8, 7, 2, 1)


@piece("coat-rack", 1, 2)
def coat_rack(p: Pen) -> None:
    """A coat stand by the door with a scarf and a coat."""
    p.ellipse(SH, 16, 60, 8, 3)
    p.rect(P.WOOD_DARK, 15, 8, 2.5, 52)
    p.ellipse(P.WOOD_DARK, 16, 59, 6, 2)
    p.rect(P.NAVY, 8, 12, 10, 26, 4)
    p.rect(P.MUSTARD, 16, 10, 6, 20, 3)
    p.circle(P.WOOD_DARK, 16, 8, 2.5)
