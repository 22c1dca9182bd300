"""A chart of a variable over the conversation: one point per step, marks as lines.

Each point after the first is coloured by the tone of the reply that led to it, so a player can
see which kinds of reply moved the partner where.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.app.render import theme
from game.app.render.dynamics import fmt
from game.app.render.text import TextCache
from game.app.render.widgets import panel
from game.story.model import Kind, Variable


def series(var: Variable, steps, start_values) -> list[float]:
    """The variable's value at the start and after each step."""
    out = [float(start_values[var.slot])]
    out += [float(step.values[var.slot]) for step in steps]
    return out


@dataclass(frozen=True)
class Plot:
    """Where the chart's values go: the plotting rectangle and the range of values it shows."""

    rect: pygame.Rect
    lo: float
    hi: float
    steps: int  # points on the line, the start included

    def y(self, v: float) -> int:
        return int(self.rect.bottom - (v - self.lo) / (self.hi - self.lo) * self.rect.h)

    def x(self, i: int) -> int:
        n = max(1, self.steps - 1)
        return int(self.rect.x + i * self.rect.w / n)


def value_range(var: Variable, values: list[float]) -> tuple[float, float]:
    """The values and marks with some room around them, within the variable's bounds."""
    marks = [m.value for m in var.marks]
    lo = min(values + marks)
    hi = max(values + marks)
    pad = max(1.0, (hi - lo) * 0.18)
    lo, hi = lo - pad, hi + pad
    if var.min is not None:
        lo = max(lo, float(var.min))
    if var.max is not None:
        hi = min(hi, float(var.max))
    if hi <= lo:
        hi = lo + 1
    return lo, hi


def draw_chart(size: tuple[int, int], var: Variable, values: list[float],
               kinds: list[Kind | None], text: TextCache, fonts: theme.Fonts,
               label: str | None = None) -> pygame.Surface:
    """The chart of ``var``; ``label`` is its label as the player reads it (default: as the
    story's own cast reads it)."""
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.blit(panel(size, theme.PANEL, 236, 18), (0, 0))
    label = label or var.label or var.id
    if var.unit:
        label = f"{label} ({var.unit})"
    surf.blit(text.line(label, fonts.get("sans-bold", 17), theme.INK), (20, 14))
    plot = Plot(pygame.Rect(62, 48, w - 62 - 26, h - 48 - 34), *value_range(var, values),
                len(values))
    small = fonts.get("sans", 14)
    _draw_grid(surf, plot, var, text, small)
    points = [(plot.x(i), plot.y(v)) for i, v in enumerate(values)]
    _draw_line(surf, points, kinds)
    _draw_mark_names(surf, plot, var, points, text, small)
    for i in range(len(values)):
        if len(values) <= 16 or i % 2 == 0:
            num = text.line("start" if i == 0 else str(i), small, theme.INK_SOFT)
            x = plot.x(i) - num.get_width() // 2
            surf.blit(num, (max(4, x), plot.rect.bottom + 10))
    return surf


def _draw_grid(surf: pygame.Surface, plot: Plot, var: Variable, text: TextCache,
               small: pygame.font.Font) -> None:
    """Three value lines with their values, and each mark as a dashed line."""
    rect = plot.rect
    for frac in (0.0, 0.5, 1.0):
        v = plot.lo + frac * (plot.hi - plot.lo)
        y = plot.y(v)
        pygame.draw.line(surf, theme.CREAM_DARK, (rect.x, y), (rect.right, y), 1)
        tick = text.line(fmt(var, v).replace(var.unit, "").strip(), small, theme.INK_SOFT)
        surf.blit(tick, (rect.x - 10 - tick.get_width(), y - tick.get_height() // 2))
    for mark in var.marks:
        y = plot.y(mark.value)
        for x in range(rect.x, rect.right, 14):
            pygame.draw.line(surf, theme.TERRACOTTA, (x, y), (min(x + 8, rect.right), y), 2)


def _draw_line(surf: pygame.Surface, points: list[tuple[int, int]],
               kinds: list[Kind | None]) -> None:
    """The values as a line; each point after the start in the tone of the reply before it."""
    if len(points) > 1:
        pygame.draw.lines(surf, theme.PLUM_LIGHT, False, points, 3)
    for i, p in enumerate(points):
        if i == 0:
            pygame.draw.circle(surf, theme.PANEL, p, 6)
            pygame.draw.circle(surf, theme.PLUM, p, 6, 2)
            continue
        kind = kinds[i - 1] if i - 1 < len(kinds) else None
        colour = theme.TONES.get(kind.tone, theme.GREY) if kind else theme.GREY
        pygame.draw.circle(surf, theme.PANEL, p, 8)
        pygame.draw.circle(surf, colour, p, 6)


def _draw_mark_names(surf: pygame.Surface, plot: Plot, var: Variable,
                     points: list[tuple[int, int]], text: TextCache,
                     small: pygame.font.Font) -> None:
    """Each mark's name where it hides no point of the line, nor another mark's name."""
    taken: list[pygame.Rect] = []
    for mark in var.marks:
        y = plot.y(mark.value)
        tag = text.line(f"{mark.label} · {fmt(var, mark.value)}", small, theme.TERRACOTTA)
        box = _tag_place(tag.get_size(), y, plot.rect, points, taken, surf.get_height())
        taken.append(box)
        pygame.draw.rect(surf, theme.PANEL, box, border_radius=8)
        surf.blit(tag, (box.x + 6, box.y + 1))


def _tag_place(size: tuple[int, int], y: int, plot: pygame.Rect, points: list[tuple[int, int]],
               taken: list[pygame.Rect], height: int) -> pygame.Rect:
    """Where a mark's name goes: above or below its line, at the right or the left end, the
    first place that covers the fewest points and stretches of the line (right above first)."""
    box = pygame.Rect(0, 0, size[0] + 12, size[1] + 2)
    spots = []
    for corner, at in (("bottomright", (plot.right + 4, y - 3)), ("bottomleft", (plot.x + 4, y - 3)),
                       ("topright", (plot.right + 4, y + 3)), ("topleft", (plot.x + 4, y + 3))):
        place = box.copy()
        setattr(place, corner, at)
        if place.top < 2 or place.bottom > height - 2:
            continue
        near = place.inflate(8, 6)
        hits = sum(near.collidepoint(p) for p in points)
        hits += sum(bool(near.clipline(a, b)) for a, b in zip(points, points[1:]))
        hits += 10 * sum(near.colliderect(t) for t in taken)
        spots.append((hits, len(spots), place))
    if not spots:
        box.bottomright = (plot.right + 4, y - 3)
        return box
    return min(spots)[2]
