"""A chart of a variable over the conversation: one point per step, marks as lines.

Each point after the first is coloured by the tone of the reply that led to it, so a player can
see which kinds of reply moved the partner where.
"""

from __future__ import annotations

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
    plot = pygame.Rect(62, 48, w - 62 - 26, h - 48 - 34)
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

    def y_of(v: float) -> int:
        return int(plot.bottom - (v - lo) / (hi - lo) * plot.h)

    def x_of(i: int) -> int:
        n = max(1, len(values) - 1)
        return int(plot.x + i * plot.w / n)

    small = fonts.get("sans", 14)
    for frac in (0.0, 0.5, 1.0):
        v = lo + frac * (hi - lo)
        y = y_of(v)
        pygame.draw.line(surf, theme.CREAM_DARK, (plot.x, y), (plot.right, y), 1)
        tick = text.line(fmt(var, v).replace(var.unit, "").strip(), small, theme.INK_SOFT)
        surf.blit(tick, (plot.x - 10 - tick.get_width(), y - tick.get_height() // 2))
    for mark in var.marks:
        y = y_of(mark.value)
        for x in range(plot.x, plot.right, 14):
            pygame.draw.line(surf, theme.TERRACOTTA, (x, y), (min(x + 8, plot.right), y), 2)
    points = [(x_of(i), y_of(v)) for i, v in enumerate(values)]
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
    # each mark's name goes where it hides no point of the line, nor another mark's name
    taken: list[pygame.Rect] = []
    for mark in var.marks:
        y = y_of(mark.value)
        tag = text.line(f"{mark.label} · {fmt(var, mark.value)}", small, theme.TERRACOTTA)
        box = _tag_place(tag.get_size(), y, plot, points, taken, h)
        taken.append(box)
        pygame.draw.rect(surf, theme.PANEL, box, border_radius=8)
        surf.blit(tag, (box.x + 6, box.y + 1))
    for i in range(len(values)):
        if len(values) <= 16 or i % 2 == 0:
            num = text.line("start" if i == 0 else str(i), small, theme.INK_SOFT)
            x = x_of(i) - num.get_width() // 2
            surf.blit(num, (max(4, x), plot.bottom + 10))
    return surf


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
