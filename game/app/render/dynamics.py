"""The "show the dynamics" panel: the partner's tracked variables, live, and the last reply's kind.

Which variables appear comes from the story: every number or integer variable, charted ones
first, with their labels, units and marks.
"""

from __future__ import annotations

import pygame

from game.app.render import theme
from game.app.render.text import TextCache
from game.app.render.widgets import blit_panel
from game.story.model import Kind, Story, Variable

WIDTH = 300


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


class DynamicsPanel:
    def __init__(self, story: Story, text: TextCache, fonts: theme.Fonts):
        self.story = story
        self.vars = tracked(story)
        self.cache = text
        self.fonts = fonts
        self.shown: dict[str, float] = {}
        self.kind: Kind | None = None
        self.seen: dict[str, float] = {}

    def set_values(self, values: list, kind: str | None) -> None:
        for v in self.vars:
            self.seen[v.id] = float(values[v.slot])
            self.shown.setdefault(v.id, float(values[v.slot]))
        self.kind = self.story.kinds.get(kind) if kind else None

    def update(self, dt: float) -> None:
        k = min(1.0, dt * 3.0)
        for vid, target in self.seen.items():
            cur = self.shown.get(vid, target)
            self.shown[vid] = target if abs(target - cur) < 0.05 else cur + (target - cur) * k

    def draw(self, surface: pygame.Surface) -> None:
        if not self.vars:
            return
        sans = self.fonts.get("sans", 16)
        bold = self.fonts.get("sans-bold", 16)
        small = self.fonts.get("sans", 14)
        row = 50
        explain = None
        if self.kind is not None:
            explain = self.cache.block(self.kind.explain or self.kind.label, small, theme.INK_SOFT,
                                       WIDTH - 36)
        h = 46 + row * len(self.vars) + (40 + explain.height if explain else 0)
        rect = pygame.Rect(theme.WIDTH - WIDTH - 24, 24, WIDTH, h)
        blit_panel(surface, rect, alpha=225, radius=16, shadow=6)
        surface.blit(self.cache.line("THE DYNAMICS", bold, theme.PLUM), (rect.x + 18, rect.y + 14))
        y = rect.y + 44
        for var in self.vars:
            value = self.shown.get(var.id, float(var.initial))
            surface.blit(self.cache.line(var.label or var.id, sans, theme.INK), (rect.x + 18, y))
            val = self.cache.line(fmt(var, value), bold, theme.INK)
            surface.blit(val, (rect.right - 18 - val.get_width(), y))
            lo, hi = bounds(var)
            bar = pygame.Rect(rect.x + 18, y + 24, WIDTH - 36, 8)
            pygame.draw.rect(surface, theme.CREAM_DARK, bar, border_radius=4)
            frac = max(0.0, min(1.0, (value - lo) / (hi - lo)))
            over = any(value >= m.value for m in var.marks)
            fill = theme.TERRACOTTA if over else theme.SAGE_DARK
            if frac > 0:
                pygame.draw.rect(surface, fill, (bar.x, bar.y, max(8, int(bar.w * frac)), bar.h),
                                 border_radius=4)
            for mark in var.marks:
                mx = bar.x + int(bar.w * max(0.0, min(1.0, (mark.value - lo) / (hi - lo))))
                pygame.draw.line(surface, theme.PLUM, (mx, bar.y - 4), (mx, bar.bottom + 3), 2)
            y += row
        if self.kind is not None and explain is not None:
            tone = theme.TONES.get(self.kind.tone, theme.GREY)
            pygame.draw.circle(surface, tone, (rect.x + 24, y + 12), 6)
            surface.blit(self.cache.line(f"Last reply: {self.kind.label}", bold, theme.INK),
                         (rect.x + 36, y + 3))
            explain.draw(surface, rect.x + 18, y + 28)
