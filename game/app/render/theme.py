"""The palettes, the fonts and the sizes every screen draws with.

Fonts are looked for in ``assets/fonts`` (any ``.ttf``/``.otf`` whose name matches a role);
a missing face falls back to pygame's bundled font with a warning, never an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import pygame

from game import paths

log = logging.getLogger("lowtide.app")

WIDTH, HEIGHT = 1280, 720
SIZE = (WIDTH, HEIGHT)
MARGIN = 48

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Every colour the window draws with, as one value: the default palette or the
    high-contrast one. The run's services hold the palette of the player's setting
    (``Services.palette``) and every drawing reads it from there, so switching contrast is
    choosing the other value, never changing one."""

    # one warm evening palette (shared in spirit with assets/artgen/palette.py)
    NIGHT_DEEP: Colour = (20, 33, 46)
    NIGHT: Colour = (30, 52, 66)
    TEAL: Colour = (44, 80, 92)
    SEA: Colour = (52, 92, 104)
    SEA_LIGHT: Colour = (96, 140, 142)
    DUSK: Colour = (156, 104, 112)
    AMBER: Colour = (240, 172, 88)
    AMBER_LIGHT: Colour = (250, 208, 138)
    LAMP: Colour = (255, 230, 172)
    STAR: Colour = (250, 240, 214)
    TERRACOTTA: Colour = (192, 98, 70)
    CREAM: Colour = (242, 228, 202)
    CREAM_LIGHT: Colour = (250, 243, 230)
    CREAM_DARK: Colour = (220, 200, 170)
    SAND: Colour = (214, 186, 146)
    SAGE: Colour = (136, 158, 124)
    SAGE_DARK: Colour = (96, 118, 92)
    PLUM: Colour = (106, 72, 98)
    PLUM_DARK: Colour = (64, 44, 64)
    PLUM_LIGHT: Colour = (146, 108, 132)
    INK: Colour = (52, 40, 50)
    INK_SOFT: Colour = (112, 96, 104)
    GREY: Colour = (150, 142, 146)
    PANEL: Colour = (250, 243, 230)
    PANEL_ALPHA: int = 238
    # the tones of reply kinds: a point on a chart, a tag, a badge
    POSITIVE: Colour = (96, 118, 92)
    NEGATIVE: Colour = (192, 98, 70)
    NEUTRAL: Colour = (150, 142, 146)
    # a slider: the filled part of its track, and its knob
    SLIDER_FILL: Colour = (96, 140, 142)
    SLIDER_KNOB: Colour = (52, 92, 104)
    # the number badge of a reply: its disc and digit, resting and when the reply has the focus
    BADGE: Colour = (214, 186, 146)
    BADGE_TEXT: Colour = (52, 40, 50)
    BADGE_FOCUS: Colour = (165, 78, 52)  # a deeper terracotta: 5.1:1
    BADGE_FOCUS_TEXT: Colour = (250, 243, 230)
    high_contrast: bool = False

    def solid(self, alpha: int) -> int:
        """A panel's opacity: as asked in the default palette, fully opaque in high contrast."""
        return 255 if self.high_contrast else alpha

    def tone(self, name: str | None) -> Colour:
        """The colour of a reply kind's tone (positive, negative, neutral)."""
        return {"positive": self.POSITIVE, "negative": self.NEGATIVE}.get(name or "",
                                                                            self.NEUTRAL)


DEFAULT = Palette()
# darker ink, brighter light text, opaque panels, deeper night; the tones deeper, since they
# are also written as small text on the light replies
HIGH_CONTRAST = replace(
    DEFAULT,
    NIGHT_DEEP=(6, 10, 16), NIGHT=(10, 18, 26), TEAL=(24, 44, 52),
    INK=(8, 6, 10), INK_SOFT=(36, 28, 36), GREY=(78, 72, 76),
    SAND=(250, 238, 214), CREAM_DARK=(196, 180, 152), PANEL_ALPHA=255,
    SEA_LIGHT=(150, 200, 200), DUSK=(120, 60, 70), PLUM=(70, 36, 64),
    POSITIVE=(70, 92, 66), NEGATIVE=(150, 66, 44), NEUTRAL=(78, 72, 76),
    # a dark disc with a light digit: the light sand disc would vanish on the bright replies
    BADGE=(8, 6, 10), BADGE_TEXT=(250, 243, 230), BADGE_FOCUS=(150, 66, 44),
    # the filled part of a slider darker, never paler, than in the default palette
    SLIDER_FILL=(22, 70, 82), SLIDER_KNOB=(8, 40, 50),
    high_contrast=True,
)


def palette(high_contrast: bool) -> Palette:
    """The palette of the player's contrast setting."""
    return HIGH_CONTRAST if high_contrast else DEFAULT


def luminance(c: tuple[int, ...]) -> float:
    """A colour's relative luminance as WCAG defines it (0 black to 1 white)."""
    def channel(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; 4.5 is enough for body text)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: tuple[int, ...], b: tuple[int, ...], k: float) -> Colour:
    """``k`` of colour ``a`` laid over colour ``b`` (0: ``b``, 1: ``a``)."""
    return (int(b[0] + (a[0] - b[0]) * k), int(b[1] + (a[1] - b[1]) * k),
            int(b[2] + (a[2] - b[2]) * k))


def hex_colour(text: str | None, default: Colour) -> Colour:
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
