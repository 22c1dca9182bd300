"""The one palette every generated image draws from, so the whole game reads as one place.

Warm evening: a deep teal night outside, amber lamp light inside, terracotta, cream, muted sage
and a soft plum for shadows. Add a colour here rather than inline in a drawing function.
"""

from __future__ import annotations

Color = tuple[int, int, int] | tuple[int, int, int, int]

# Night and sea
NIGHT_DEEP: Color = (20, 33, 46)
NIGHT: Color = (30, 52, 66)
TEAL: Color = (44, 80, 92)
TEAL_LIGHT: Color = (72, 114, 120)
SEA: Color = (52, 92, 104)
SEA_LIGHT: Color = (96, 140, 142)
DUSK: Color = (156, 104, 112)

# Light
AMBER: Color = (240, 172, 88)
AMBER_LIGHT: Color = (250, 208, 138)
LAMP: Color = (255, 230, 172)
STAR: Color = (250, 240, 214)

# Warm earth
TERRACOTTA: Color = (192, 98, 70)
TERRACOTTA_DARK: Color = (150, 72, 54)
RUST: Color = (166, 78, 50)
RUST_DARK: Color = (126, 58, 40)
CREAM: Color = (242, 228, 202)
CREAM_DARK: Color = (220, 200, 170)
SAND: Color = (214, 186, 146)
SAND_DARK: Color = (178, 148, 112)
MUSTARD: Color = (212, 160, 62)
MUSTARD_DARK: Color = (176, 126, 44)

# Green and plum
SAGE: Color = (136, 158, 124)
SAGE_DARK: Color = (96, 118, 92)
SAGE_DEEP: Color = (66, 88, 70)
LEAF: Color = (104, 140, 96)
LEAF_DARK: Color = (70, 104, 72)
PLUM: Color = (106, 72, 98)
PLUM_DARK: Color = (64, 44, 64)
PLUM_LIGHT: Color = (146, 108, 132)

# Wood
WOOD: Color = (166, 112, 76)
WOOD_DARK: Color = (124, 82, 58)
WOOD_LIGHT: Color = (194, 144, 100)
WOOD_PALE: Color = (210, 172, 128)

# Cloth and things
NAVY: Color = (46, 60, 94)
NAVY_DARK: Color = (32, 42, 70)
GREY: Color = (128, 124, 128)
GREY_DARK: Color = (92, 88, 94)
GREY_LIGHT: Color = (176, 170, 168)
DENIM: Color = (70, 84, 112)
METAL: Color = (170, 176, 176)
INK: Color = (44, 32, 44)

# Walls
WALL_CAP: Color = (54, 42, 58)
WALL_RIM: Color = (92, 74, 92)
WALL_CREAM: Color = (222, 196, 168)
WALL_SAGE: Color = (160, 170, 142)
WALL_PLUM: Color = (170, 140, 150)
WALL_CLAY: Color = (198, 132, 100)
BASEBOARD: Color = (120, 86, 72)

# Skin and hair
SKIN_LIGHT: Color = (236, 190, 156)
SKIN_MID: Color = (206, 150, 112)
SKIN_DEEP: Color = (148, 98, 70)
HAIR_DARK: Color = (50, 38, 40)
HAIR_BROWN: Color = (92, 60, 44)
HAIR_BLACK: Color = (34, 28, 34)
HAIR_AUBURN: Color = (128, 70, 48)

SHADOW: Color = (24, 16, 28, 70)
SHADOW_SOFT: Color = (24, 16, 28, 40)

#: Named swatches, in the order shown in assets/README.md.
SWATCHES: dict[str, Color] = {
    "night deep": NIGHT_DEEP,
    "night": NIGHT,
    "teal": TEAL,
    "sea": SEA,
    "amber": AMBER,
    "lamp": LAMP,
    "terracotta": TERRACOTTA,
    "rust": RUST,
    "cream": CREAM,
    "sand": SAND,
    "mustard": MUSTARD,
    "sage": SAGE,
    "leaf": LEAF,
    "plum": PLUM,
    "plum dark": PLUM_DARK,
    "wood": WOOD,
    "navy": NAVY,
    "grey": GREY,
    "wall cap": WALL_CAP,
}


def shade(color: Color, amount: float) -> Color:
    """Darken (amount < 0) or lighten (amount > 0) a colour, keeping alpha; used for soft light."""
    r, g, b = color[:3]
    if amount >= 0:
        out = tuple(round(c + (255 - c) * amount) for c in (r, g, b))
    else:
        out = tuple(round(c * (1 + amount)) for c in (r, g, b))
    return (*out, color[3]) if len(color) == 4 else out  # type: ignore[return-value]


def alpha(color: Color, a: int) -> Color:
    """The same colour with a given opacity."""
    return (color[0], color[1], color[2], a)


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend of two opaque colours (t=0 gives a, t=1 gives b)."""
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]
