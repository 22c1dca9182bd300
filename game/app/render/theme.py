"""The one palette, the fonts and the sizes every screen draws with.

Fonts are looked for in ``assets/fonts`` (any ``.ttf``/``.otf`` whose name matches a role);
a missing face falls back to pygame's bundled font with a warning, never an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game import paths

log = logging.getLogger("lowtide.app")

WIDTH, HEIGHT = 1280, 720
SIZE = (WIDTH, HEIGHT)
MARGIN = 48

# One warm evening palette (shared in spirit with assets/artgen/palette.py).
NIGHT_DEEP = (20, 33, 46)
NIGHT = (30, 52, 66)
TEAL = (44, 80, 92)
SEA = (52, 92, 104)
SEA_LIGHT = (96, 140, 142)
DUSK = (156, 104, 112)
AMBER = (240, 172, 88)
AMBER_LIGHT = (250, 208, 138)
LAMP = (255, 230, 172)
STAR = (250, 240, 214)
TERRACOTTA = (192, 98, 70)
CREAM = (242, 228, 202)
CREAM_LIGHT = (250, 243, 230)
CREAM_DARK = (220, 200, 170)
SAND = (214, 186, 146)
SAGE = (136, 158, 124)
SAGE_DARK = (96, 118, 92)
PLUM = (106, 72, 98)
PLUM_DARK = (64, 44, 64)
PLUM_LIGHT = (146, 108, 132)
INK = (52, 40, 50)
INK_SOFT = (112, 96, 104)
GREY = (150, 142, 146)

PANEL = (250, 243, 230)
PANEL_ALPHA = 238

TONES = {"positive": SAGE_DARK, "negative": TERRACOTTA, "neutral": GREY}

# The number badge of a reply: its disc and digit, resting and when the reply has the focus.
BADGE, BADGE_TEXT = SAND, INK
BADGE_FOCUS, BADGE_FOCUS_TEXT = (165, 78, 52), CREAM_LIGHT  # a deeper terracotta: 5.1:1

# The palette as drawn by default, and the changes of the high-contrast theme: darker ink,
# brighter light text, opaque panels, deeper night. ``use_high_contrast`` swaps them in place,
# so every screen, which reads ``theme.NAME`` when it draws, follows at once.
_NAMES = ("NIGHT_DEEP", "NIGHT", "TEAL", "INK", "INK_SOFT", "GREY", "SAND", "CREAM_DARK",
          "PANEL_ALPHA", "SEA_LIGHT", "DUSK", "PLUM", "BADGE", "BADGE_TEXT", "BADGE_FOCUS")
_BASE = {name: globals()[name] for name in _NAMES}
_HIGH = {
    "NIGHT_DEEP": (6, 10, 16), "NIGHT": (10, 18, 26), "TEAL": (24, 44, 52),
    "INK": (8, 6, 10), "INK_SOFT": (36, 28, 36), "GREY": (78, 72, 76),
    "SAND": (250, 238, 214), "CREAM_DARK": (196, 180, 152), "PANEL_ALPHA": 255,
    "SEA_LIGHT": (150, 200, 200), "DUSK": (120, 60, 70), "PLUM": (70, 36, 64),
    # a dark disc with a light digit: the light sand disc would vanish on the bright replies
    "BADGE": (8, 6, 10), "BADGE_TEXT": CREAM_LIGHT, "BADGE_FOCUS": (150, 66, 44),
}
HIGH_CONTRAST = [False]
# the tones of reply kinds, also written as small text on the light replies: deeper when high
_TONES_BASE = dict(TONES)
_TONES_HIGH = {"positive": (70, 92, 66), "negative": (150, 66, 44), "neutral": _HIGH["GREY"]}


def use_high_contrast(on: bool) -> None:
    """Switch the palette between the default and the high-contrast theme."""
    HIGH_CONTRAST[0] = bool(on)
    globals().update(_HIGH if on else _BASE)
    TONES.update(_TONES_HIGH if on else _TONES_BASE)


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; 4.5 is enough for body text)."""

    def luminance(c: tuple[int, ...]) -> float:
        def channel(v: int) -> float:
            v = v / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hex_colour(text: str | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#aarrggbb``, alpha ignored) as a colour; ``default`` when unreadable."""
    if not text or not isinstance(text, str) or not text.startswith("#"):
        return default
    digits = text[1:]
    if len(digits) == 8:
        digits = digits[2:]
    try:
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    except (ValueError, IndexError):
        return default


# role → file name fragments to look for, best first
FONT_ROLES: dict[str, tuple[str, ...]] = {
    "serif": ("literata-regular", "sourceserif4-regular", "source-serif", "literata", "serif"),
    "serif-italic": ("literata-italic", "sourceserif4-it", "serif-italic", "italic"),
    "serif-bold": ("literata-semibold", "literata-bold", "sourceserif4-semibold", "serif-bold"),
    "sans": ("atkinson", "inter-regular", "notosans-regular", "sans-regular", "sans"),
    "legible": ("atkinsonhyperlegible-regular", "atkinson"),
    "legible-bold": ("atkinsonhyperlegible-bold",),
    "sans-bold": ("atkinson-hyperlegible-bold", "inter-semibold", "notosans-semibold",
                  "notosans-bold", "sans-bold", "bold"),
}


@dataclass
class Fonts:
    """Fonts by role and size, opened once."""

    folder: Path = field(default_factory=lambda: paths.assets_dir() / "fonts")
    _files: dict[str, Path | None] = field(default_factory=dict)
    _open: dict[tuple[str, int], pygame.font.Font] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    #: every role drawn in Atkinson Hyperlegible (the player's "hyper-legible font" setting)
    legible: bool = False

    def set_legible(self, on: bool) -> None:
        self.legible = bool(on)

    def _file(self, role: str) -> Path | None:
        if role in self._files:
            return self._files[role]
        found: Path | None = None
        candidates: list[Path] = []
        if self.folder.is_dir():
            candidates = sorted(
                p for p in self.folder.rglob("*") if p.suffix.lower() in (".ttf", ".otf")
            )
        for fragment in FONT_ROLES.get(role, (role,)):
            for path in candidates:
                name = path.stem.lower().replace("_", "-").replace(" ", "-")
                if fragment in name and (role.endswith(("bold", "italic")) or _plain(name)):
                    found = path
                    break
            if found:
                break
        if found is None and role != "sans" and "-" in role:
            found = self._file(role.split("-")[0])
        if found is None:
            self.missing.append(role)
            log.warning("font for '%s' not found in %s; using the built-in font", role, self.folder)
        self._files[role] = found
        return found

    def close(self) -> None:
        """Let go of every open font. Call it before ``pygame.quit``: a font freed after the
        font module has stopped is never closed, and its glyph caches stay for good."""
        self._open.clear()

    def get(self, role: str, size: int) -> pygame.font.Font:
        if self.legible:
            role = "legible-bold" if role.endswith("bold") else "legible"
        key = (role, size)
        font = self._open.get(key)
        if font is None:
            path = self._file(role)
            try:
                font = pygame.font.Font(path, size)
            except (OSError, pygame.error) as err:
                log.warning("font %s cannot be opened (%s); using the built-in font", path, err)
                font = pygame.font.Font(None, size)
            if role.endswith("bold") and path is None:
                font.bold = True
            if role.endswith("italic") and path is None:
                font.italic = True
            self._open[key] = font
        return font


def _plain(name: str) -> bool:
    return not any(w in name for w in ("bold", "italic", "-it", "light", "thin", "black", "medium"))
