"""The "show the dynamics" panel: the partner's tracked variables, live, and the last reply's kind.

Which variables appear comes from the story: every number or integer variable, charted ones
first, with their labels, units and marks.

The panel stands in the column left of the dialogue box, above the speaker's portrait, where the
replies and the lines never go: the box and the replies grow upwards as far as they need, so a
panel over on the right would cover them. It starts below the place where a scene's name is
shown and rises only as far as its rows need.
"""

from __future__ import annotations

import pygame

from game.app.render import light, theme
from game.app.render.text import TextCache
from game.app.render.widgets import blit_panel
from game.story.model import Kind, Story, Variable
from game.story.text import Cast, Template, render

# The play screen's layout the panel keeps clear of: the dialogue box's left edge (with and
# without portraits), the top of a portrait's face, and the scene's name at the top left.
BOX_LEFT_WITH_PORTRAITS, BOX_LEFT = 392, 215
PORTRAIT_TOP = 348
SCENE_NAME_BOTTOM = 92
EDGE = 20  # from the screen's edge and the box
PAD = 12
ROW_GAP = 8
LINE = 17  # a label line


def tracked(story: Story) -> list[Variable]:
    numeric = [v for v in story.variables.values() if v.type in ("number", "integer")]
    numeric.sort(key=lambda v: (not v.chart, not v.marks, v.slot))
    return numeric[:6]


def bounds(var: Variable, series: list[float] | None = None) -> tuple[float, float]:
    lo = var.min if var.min is not None else None
    hi = var.max if var.max is not None else None
    values = list(series or []) + [float(var.initial)] + [m.value for m in var.marks]
    if lo is None:
        lo = min(0.0, min(values))
    if hi is None:
        hi = max(values) * 1.25 + 1
    if hi <= lo:
        hi = lo + 1
    return float(lo), float(hi)


def fmt(var: Variable, value: float) -> str:
    text = f"{value:.0f}" if var.type == "integer" or abs(value) >= 10 else f"{value:.1f}"
    return f"{text} {var.unit}".strip()


def column(story: Story) -> pygame.Rect:
    """The room the panel may take: left of the dialogue box, clear of the scene's name, and
    above the portrait when the story has portraits."""
    portraits = any(c.portraits for c in story.characters.values())
    right = (BOX_LEFT_WITH_PORTRAITS if portraits else BOX_LEFT) - EDGE
    bottom = PORTRAIT_TOP if portraits else theme.HEIGHT - EDGE
    return pygame.Rect(EDGE, EDGE, right - EDGE, bottom - EDGE)


class DynamicsPanel:
    def __init__(self, story: Story, text: TextCache, fonts: theme.Fonts):
        self.story = story
        self.vars = tracked(story)
        self.cache = text
        self.fonts = fonts
        self.shown: dict[str, float] = {}
        self.kind: Kind | None = None
        self.seen: dict[str, float] = {}
        self.peak: dict[str, float] = {}  # the highest value so far, for a scale without a max
        self.tension = light.tension_variable(story)
        self.rect = pygame.Rect(0, 0, 0, 0)  # where it was last drawn
        self.cast: Cast | None = None

    def _read(self, text: str, template: Template) -> str:
        """A label or explanation as the player reads it."""
        return render(template, self.cast, str) if self.cast is not None and template else text

    def set_values(self, values: list, kind: str | None, cast: Cast | None = None) -> None:
        """The values to show, the last reply's kind, and the names and pronouns the player
        chose (labels and explanations are read with them)."""
        self.cast = cast
        for v in self.vars:
            value = float(values[v.slot])
            self.seen[v.id] = value
            self.shown.setdefault(v.id, value)
            self.peak[v.id] = max(self.peak.get(v.id, value), value)
        self.kind = self.story.kinds.get(kind) if kind else None

    def update(self, dt: float) -> None:
        k = min(1.0, dt * 3.0)
        for vid, target in self.seen.items():
            cur = self.shown.get(vid, target)
            self.shown[vid] = target if abs(target - cur) < 0.05 else cur + (target - cur) * k

    def _rows(self, width: int, pal: theme.Palette
              ) -> list[tuple[Variable, object, pygame.Surface, int]]:
        """Each variable's label block, value and row height, at ``width``."""
        sans = self.fonts.get("sans", 14)
        bold = self.fonts.get("sans-bold", 14)
        rows = []
        for var in self.vars:
            value = self.shown.get(var.id, float(var.initial))
            val = self.cache.line(fmt(var, value), bold, pal.INK)
            label = self.cache.block(self._read(var.label, var.label_template) or var.id,
                                     sans, pal.INK,
                                     max(40, width - val.get_width() - 12), LINE)
            rows.append((var, label, val, label.height + 3 + 5 + ROW_GAP))
        return rows

    def draw(self, surface: pygame.Surface, pal: theme.Palette) -> None:
        if not self.vars:
            return
        room = column(self.story)
        inner = room.w - 2 * PAD
        bold = self.fonts.get("sans-bold", 14)
        small = self.fonts.get("sans", 14)
        rows = self._rows(inner, pal)
        explain = None
        if self.kind is not None:
            kind = self.kind
            explain = self.cache.block(self._read(kind.explain, kind.explain_template)
                                       or self._read(kind.label, kind.label_template), small,
                                       pal.INK_SOFT, inner, LINE)
        h = PAD + 22 + sum(r[3] for r in rows) - ROW_GAP + PAD
        if explain is not None:
            h += 10 + 20 + explain.height
        # below the scene's name when it fits, else as high as it must go
        top = max(room.y, min(SCENE_NAME_BOTTOM, room.bottom - h))
        rect = pygame.Rect(room.x, top, room.w, h)
        self.rect = rect
        blit_panel(surface, rect, alpha=pal.PANEL_ALPHA, radius=16, shadow=6, pal=pal)
        surface.blit(self.cache.line("THE DYNAMICS", bold, pal.PLUM), (rect.x + PAD, rect.y + PAD))
        y = rect.y + PAD + 22
        for var, label, val, row_h in rows:
            value = self.shown.get(var.id, float(var.initial))
            label.draw(surface, rect.x + PAD, y)
            surface.blit(val, (rect.right - PAD - val.get_width(), y + label.height - LINE))
            lo, hi = bounds(var, [self.peak.get(var.id, value)])
            bar = pygame.Rect(rect.x + PAD, y + label.height + 3, inner, 5)
            pygame.draw.rect(surface, pal.CREAM_DARK, bar, border_radius=3)
            frac = max(0.0, min(1.0, (value - lo) / (hi - lo)))
            if frac > 0:
                pygame.draw.rect(surface, self._fill(var, value, pal),
                                 (bar.x, bar.y, max(6, int(bar.w * frac)), bar.h), border_radius=3)
            for mark in var.marks:
                mx = bar.x + int(bar.w * max(0.0, min(1.0, (mark.value - lo) / (hi - lo))))
                pygame.draw.line(surface, pal.PLUM, (mx, bar.y - 3), (mx, bar.bottom + 2), 2)
            y += row_h
        if self.kind is not None and explain is not None:
            y += 10 - ROW_GAP
            tone = pal.tone(self.kind.tone)
            pygame.draw.circle(surface, tone, (rect.x + PAD + 5, y + 9), 5)
            kind_label = self._read(self.kind.label, self.kind.label_template)
            surface.blit(self.cache.line(f"Last reply: {kind_label}", bold, pal.INK),
                         (rect.x + PAD + 16, y))
            explain.draw(surface, rect.x + PAD, y + 20)

    def _fill(self, var: Variable, value: float, pal: theme.Palette) -> tuple[int, int, int]:
        """A bar's colour: warm past the mark of the variable that sets the room's tension (the
        one the story treats as rising towards trouble), the calm sea colour otherwise, since a
        mark alone does not say whether passing it is good or bad."""
        if self.tension is not None and var.id == self.tension.id and value >= var.marks[0].value \
                and float(var.initial) < var.marks[0].value:
            return pal.TERRACOTTA
        return pal.SEA
