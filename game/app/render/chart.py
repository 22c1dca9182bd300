"""Charts of the story's variables over the conversation: one point per step, marks as lines.

Each point after the first is coloured by the tone of the reply that led to it, so a player can
see which kinds of reply moved the partner where. The variables share one axis of replies in
one figure, and the turning points stand out on it as bands across every plot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.app.render import theme
from game.app.render.dynamics import fmt
from game.app.render.text import Lettering, TextCache
from game.app.render.theme import Palette
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


@dataclass(frozen=True)
class Row:
    """One charted variable: its label as the player reads it and its value at each point."""

    var: Variable
    label: str
    values: list[float]


@dataclass
class Figure:
    """The charted variables stacked over one shared axis of replies, drawn once.

    ``x(i)`` is where point ``i`` (0 the start, ``n`` after the n-th reply) sits on the
    surface, and ``band(i)`` the column a marked reply's band takes, so a screen can draw its
    focus over the figure without drawing the figure again."""

    surface: pygame.Surface
    left: int
    right: int
    points: int
    top: int  # of the first plot
    bottom: int  # of the last plot
    axis_y: int  # the middle of the axis labels
    dots: list[tuple[int, int]] = field(default_factory=list)  # every point drawn, by centre
    names: list[pygame.Rect] = field(default_factory=list)  # where the marks' names are

    def x(self, i: int) -> int:
        n = max(1, self.points - 1)
        return int(self.left + i * (self.right - self.left) / n)

    def band(self, i: int) -> pygame.Rect:
        """From above the first plot down to the reply's number on the axis."""
        return pygame.Rect(self.x(i) - BAND // 2, self.top - 8, BAND, self.axis_y - self.top + 8)


BAND = 26  # the width of a marked reply's band
PAD_LEFT, PAD_RIGHT = 150, 26  # left: each plot's label, then its values
LABEL_X, LABEL_W = 18, 88
ROW_GAP = 20
TOP = 18
AXIS_H = 34


def figure_height(rows: int, plot: int) -> int:
    """The height of a figure of ``rows`` plots each ``plot`` pixels tall."""
    return TOP + rows * plot + max(0, rows - 1) * ROW_GAP + AXIS_H


LANE = 30  # the room a row's names take above its plot when they fit nowhere on it


def _plots(size: tuple[int, int], rows: list[Row], points: int, lanes: list[int]) -> list[Plot]:
    """Each row's plot, sharing the height left by the gaps, the axis and any lanes."""
    w, h = size
    n = len(rows)
    room = h - TOP - AXIS_H - max(0, n - 1) * ROW_GAP - sum(lanes)
    plot_h = max(24, room // max(1, n))
    y = TOP
    plots: list[Plot] = []
    for row, lane in zip(rows, lanes):
        y += lane
        plots.append(Plot(pygame.Rect(PAD_LEFT, y, w - PAD_LEFT - PAD_RIGHT, plot_h),
                          *value_range(row.var, row.values), points))
        y += plot_h + ROW_GAP
    return plots


def _name_places(plots: list[Plot], rows: list[Row], sizes: list[list[tuple[int, int]]],
                 lanes: list[int], avoid: list[pygame.Rect]) -> list[list[pygame.Rect] | None]:
    """Where each row's marks' names go: on the plot, by its line, where they hide no point
    and no other name; in the lane above the plot for a row with one (right-aligned, side by
    side, clear of the points below); None for a row whose names do not all fit on it."""
    out: list[list[pygame.Rect] | None] = []
    for k, (row, plot) in enumerate(zip(rows, plots)):
        names = sizes[k]
        if lanes[k]:
            boxes, right = [], plot.rect.right + 4
            for w, h in names:
                box = pygame.Rect(0, 0, w + 12, h + 2)
                box.bottomright = (right, plot.rect.top - DOT - 1)
                boxes.append(box)
                right = box.left - 8
            out.append(boxes)
            continue
        line = [(plot.x(i), plot.y(v)) for i, v in enumerate(row.values)]
        # a name may reach over the rule into the gap (at a cost), never near the points of
        # the plots beside nor down to the axis's numbers
        top = plots[k - 1].rect.bottom + DOT + 1 if k else 4
        bottom = min(plot.rect.bottom + ROW_GAP - 1, plots[k + 1].rect.top - DOT - 1) \
            if k + 1 < len(rows) else plot.rect.bottom + 5
        marks = row.var.marks
        taken: list[pygame.Rect] = []
        for mark, size in zip(marks, names):
            others = tuple(plot.y(m.value) for m in marks if m is not mark)
            box = _tag_place(size, plot.y(mark.value), plot.rect, line, taken, bottom, top,
                             avoid, others)
            if box is None:
                break
            taken.append(box)
        out.append(taken if len(taken) == len(names) else None)
    return out


def draw_figure(size: tuple[int, int], rows: list[Row], kinds: list[Kind | None],
                lettering: Lettering, marked: dict[int, Kind | None] | None = None) -> Figure:
    """Every row's chart in one panel over one axis; ``marked`` (point index → the kind of
    the reply that led there) gets a band across every plot and its number in a disc of its
    tone on the axis (the turning points). The marks' names hide no point and no other
    name: a row whose names fit nowhere on its plot gets a lane above it for them."""
    w, h = size
    marked = marked or {}
    pal, text = lettering.palette, lettering.text
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.blit(panel(size, pal.PANEL, pal.solid(236), 18, pal=pal), (0, 0))
    n = len(rows)
    points = max((len(r.values) for r in rows), default=1)
    small = lettering.font("sans", 14)
    tags = [[text.line(f"{m.label} · {fmt(row.var, m.value)}", small, pal.TERRACOTTA)
             for m in row.var.marks] for row in rows]
    sizes = [[tag.get_size() for tag in row_tags] for row_tags in tags]
    lanes = [0] * n
    for _ in range(n + 1):  # each pass gives a lane to the rows still without room
        plots = _plots(size, rows, points, lanes)
        fig = Figure(surf, PAD_LEFT, w - PAD_RIGHT, points, plots[0].rect.top if plots else TOP,
                     plots[-1].rect.bottom if plots else TOP, h - AXIS_H // 2 - 2)
        bands = [fig.band(i) for i in marked]
        rules = [pygame.Rect(LABEL_X, above.rect.bottom + ROW_GAP // 2 - 1, w - 2 * LABEL_X, 2)
                 for above in plots[:-1]]
        places = _name_places(plots, rows, sizes, lanes, bands + rules)
        if all(p is not None for p in places):
            break
        lanes = [LANE if p is None or lane else 0 for p, lane in zip(places, lanes)]
    for band in bands:  # the turning points' bands, under everything drawn on the plots
        pygame.draw.rect(surf, _band_colour(pal), band, border_radius=BAND // 2)
    for rule in rules:  # a rule between two plots: whose values are whose
        pygame.draw.line(surf, pal.CREAM_DARK, rule.midleft, rule.midright, 2)
    for k, (row, plot) in enumerate(zip(rows, plots)):
        label = f"{row.label} ({row.var.unit})" if row.var.unit else row.label
        title = text.block(label, lettering.font("sans-bold", 14), pal.INK, LABEL_W, 17)
        title.draw(surf, LABEL_X, plot.rect.centery - title.height // 2)
        _draw_grid(surf, plot, row.var, text, small, pal)
        line = [(plot.x(i), plot.y(v)) for i, v in enumerate(row.values)]
        _draw_line(surf, line, kinds, pal)
        fig.dots += line
        for tag, box in zip(tags[k], places[k] or []):
            pygame.draw.rect(surf, pal.PANEL, box, border_radius=8)
            surf.blit(tag, (box.x + 6, box.y + 1))
            fig.names.append(box)
    _draw_axis(surf, fig, text, small, lettering.font("sans-bold", 14), marked, pal)
    return fig


def _band_colour(pal: Palette) -> tuple[int, int, int]:
    """A pale amber on the panel: the turning points' columns, behind the lines."""
    return theme.mix(pal.AMBER, pal.PANEL, 0.42 if pal.high_contrast else 0.3)


def _draw_axis(surf: pygame.Surface, fig: Figure, text: TextCache, small: pygame.font.Font,
               bold: pygame.font.Font, marked: dict[int, Kind | None], pal: Palette) -> None:
    """The reply numbers under the plots; a turning point's in a disc of its reply's tone."""
    y = fig.axis_y
    apart = fig.x(1) - fig.x(0) if fig.points > 1 else BAND
    radius = max(8, min(11, apart // 2 - 1))
    for i in range(fig.points):
        if i in marked:
            kind = marked[i]
            disc = pal.tone(kind.tone) if kind else pal.GREY
            number_disc(surf, (fig.x(i), y), i, disc, pal.CREAM_LIGHT, text, bold, radius)
        elif i == 0:  # ends under the first point, reaching into the values' column
            num = text.line("start", small, pal.INK_SOFT)
            surf.blit(num, (fig.x(0) + 6 - num.get_width(), y - num.get_height() // 2))
        elif fig.points <= 16 or i % 2 == 0:
            num = text.line(str(i), small, pal.INK_SOFT)
            surf.blit(num, (fig.x(i) - num.get_width() // 2, y - num.get_height() // 2))


def number_disc(surf: pygame.Surface, centre: tuple[int, int], number: int,
                colour: tuple[int, int, int], ink: tuple[int, int, int], text: TextCache,
                font: pygame.font.Font, radius: int | None = None) -> pygame.Rect:
    """A reply's number (in ``ink``) in a disc of its tone: the chart's axis and the turning
    points' list mark the same reply alike."""
    digits = text.line(str(number), font, ink)
    r = radius or max(11, (max(digits.get_width(), digits.get_height()) + 8) // 2)
    pygame.draw.circle(surf, colour, centre, r)
    surf.blit(digits, digits.get_rect(center=(centre[0], centre[1] + 1)))
    return pygame.Rect(centre[0] - r, centre[1] - r, 2 * r, 2 * r)


def _draw_grid(surf: pygame.Surface, plot: Plot, var: Variable, text: TextCache,
               small: pygame.font.Font, pal: Palette) -> None:
    """Three value lines with their values, and each mark as a dashed line."""
    rect = plot.rect
    for frac in (0.0, 0.5, 1.0) if rect.h >= 48 else (0.0, 1.0):
        v = plot.lo + frac * (plot.hi - plot.lo)
        y = plot.y(v)
        pygame.draw.line(surf, pal.CREAM_DARK, (rect.x, y), (rect.right, y), 1)
        tick = text.line(fmt(var, v).replace(var.unit, "").strip(), small, pal.INK_SOFT)
        surf.blit(tick, (rect.x - 10 - tick.get_width(), y - tick.get_height() // 2))
    for mark in var.marks:
        y = plot.y(mark.value)
        for x in range(rect.x, rect.right, 14):
            pygame.draw.line(surf, pal.TERRACOTTA, (x, y), (min(x + 8, rect.right), y), 2)


def _draw_line(surf: pygame.Surface, points: list[tuple[int, int]],
               kinds: list[Kind | None], pal: Palette) -> None:
    """The values as a line; each point after the start in the tone of the reply before it."""
    if len(points) > 1:
        pygame.draw.lines(surf, pal.PLUM_LIGHT, False, points, 3)
    for i, p in enumerate(points):
        if i == 0:
            pygame.draw.circle(surf, pal.PANEL, p, 6)
            pygame.draw.circle(surf, pal.PLUM, p, 6, 2)
            continue
        kind = kinds[i - 1] if i - 1 < len(kinds) else None
        colour = pal.tone(kind.tone) if kind else pal.GREY
        pygame.draw.circle(surf, pal.PANEL, p, 8)
        pygame.draw.circle(surf, colour, p, 6)


DOT = 9  # a point's radius as drawn (its disc and the panel's ring round it), and a pixel
NEAR = 12  # how much further from its line than the nearest place a name may go


def _tag_place(size: tuple[int, int], y: int, plot: pygame.Rect, points: list[tuple[int, int]],
               taken: list[pygame.Rect], height: int, top: int = 0,
               avoid: list[pygame.Rect] | tuple = (),
               others: tuple[int, ...] = ()) -> pygame.Rect | None:
    """Where a mark's name goes: never over a point of the line or another name, and always
    nearer its own line (at ``y``) than any of ``others`` (the other marks' lines). Among such
    places, the one crossing the fewest stretches of the line and the least of ``avoid`` (the
    turning points' bands), each 6 pixels further from its line (or sitting on it) counting
    as one more crossing, then the furthest right: above its line at the right end when
    nothing is in the way, else slid along the line (or a little off it, or onto it) to its
    quiet part. None when there is no such place."""
    box = pygame.Rect(0, 0, size[0] + 12, size[1] + 2)
    dots = [pygame.Rect(x - DOT, py - DOT, 2 * DOT, 2 * DOT) for x, py in points]
    segments = list(zip(points, points[1:]))
    right = plot.right + 4 - box.w
    xs = [right, plot.x + 4] + list(range(right - 8, plot.x + 4, -8))
    best: tuple | None = None
    # from just above the line, outwards on both sides, then across the line itself
    ys = [y - 3 - box.h, y + 3]
    for d in range(6, NEAR + 1, 6):
        ys += [y - 3 - d - box.h, y + 3 + d]
    ys += [y - box.h // 2 + k for k in (0, -4, 4)]
    for place_y in ys:
        if place_y < top or place_y + box.h > height:
            continue
        middle = place_y + box.h / 2
        if any(abs(middle - o) < abs(middle - y) for o in others):
            continue  # it would read as another mark's name
        gap = max(0, place_y - y, y - place_y - box.h)  # 0: over its own line
        away = (gap - 3) / 6 if gap else 1  # hiding a stretch of its line costs as much
        if best is not None and best[0][0] <= away:
            continue  # nothing this far out can do better
        for x in xs:
            place = pygame.Rect(x, place_y, box.w, box.h)
            blocked = place.inflate(4, 2).collidelist(taken) >= 0 \
                or place.collidelist(dots) >= 0
            crossings = sum(bool(place.clipline(a, b)) for a, b in segments)
            cost = (crossings + 3 * sum(place.colliderect(a) for a in avoid) + away, -x)
            if not blocked and (best is None or cost < best[0]):
                best = (cost, place)
    return best[1] if best is not None else None
