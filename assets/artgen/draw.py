"""A small supersampling pen: draw with float coordinates at N×, shrink once, get soft edges.

pygame's primitives are not antialiased; drawing everything at 4× and smoothscaling down gives
clean edges for every shape with one simple code path.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from .palette import Color

Point = tuple[float, float]


class Pen:
    """A transparent canvas of logical size (w, h) drawn at `scale`× resolution."""

    def __init__(self, w: float, h: float, scale: int = 4) -> None:
        self.w, self.h, self.s = w, h, scale
        size = (round(w * scale), round(h * scale))
        self.surf = pygame.Surface(size, pygame.SRCALPHA)
        self._scratch: pygame.Surface | None = None

    # -- plumbing -------------------------------------------------------------------------
    def _target(self, color: Color) -> pygame.Surface:
        """Opaque colours draw straight in; translucent ones go via a scratch layer to blend."""
        if len(color) == 4 and color[3] < 255:
            if self._scratch is None:
                self._scratch = pygame.Surface(self.surf.get_size(), pygame.SRCALPHA)
            self._scratch.fill((0, 0, 0, 0))
            return self._scratch
        return self.surf

    def _done(self, target: pygame.Surface) -> None:
        if target is not self.surf:
            self.surf.blit(target, (0, 0))

    def _p(self, x: float, y: float) -> tuple[float, float]:
        return (x * self.s, y * self.s)

    # -- shapes ---------------------------------------------------------------------------
    def fill(self, color: Color) -> None:
        """Fill the whole canvas."""
        self.surf.fill(color)

    def rect(
        self, color: Color, x: float, y: float, w: float, h: float, r: float = 0
    ) -> None:
        """A rectangle with optional rounded corners of radius r."""
        t = self._target(color)
        s = self.s
        rr = pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))
        pygame.draw.rect(t, color, rr, border_radius=round(r * s) if r else 0)
        self._done(t)

    def ellipse(self, color: Color, cx: float, cy: float, rx: float, ry: float) -> None:
        """An ellipse centred on (cx, cy)."""
        t = self._target(color)
        s = self.s
        rr = pygame.Rect(0, 0, round(2 * rx * s), round(2 * ry * s))
        rr.center = (round(cx * s), round(cy * s))
        pygame.draw.ellipse(t, color, rr)
        self._done(t)

    def circle(self, color: Color, cx: float, cy: float, r: float) -> None:
        """A circle centred on (cx, cy)."""
        t = self._target(color)
        pygame.draw.circle(t, color, self._p(cx, cy), r * self.s)
        self._done(t)

    def ring(self, color: Color, cx: float, cy: float, r: float, width: float) -> None:
        """A circle outline of the given stroke width."""
        t = self._target(color)
        pygame.draw.circle(t, color, self._p(cx, cy), r * self.s, max(1, round(width * self.s)))
        self._done(t)

    def poly(self, color: Color, pts: Sequence[Point]) -> None:
        """A filled polygon."""
        t = self._target(color)
        pygame.draw.polygon(t, color, [self._p(x, y) for x, y in pts])
        self._done(t)

    def line(self, color: Color, pts: Sequence[Point], width: float) -> None:
        """A polyline with round caps and joins (a chain of capsules)."""
        t = self._target(color)
        s = self.s
        half = width * s / 2
        sp = [self._p(x, y) for x, y in pts]
        for (x0, y0), (x1, y1) in zip(sp, sp[1:], strict=False):
            dx, dy = x1 - x0, y1 - y0
            n = math.hypot(dx, dy) or 1.0
            ox, oy = -dy / n * half, dx / n * half
            pygame.draw.polygon(
                t, color, [(x0 + ox, y0 + oy), (x1 + ox, y1 + oy), (x1 - ox, y1 - oy),
                           (x0 - ox, y0 - oy)]
            )
        for x, y in sp:
            pygame.draw.circle(t, color, (x, y), half)
        self._done(t)

    def curve(self, color: Color, p0: Point, p1: Point, p2: Point, width: float) -> None:
        """A quadratic Bézier stroke from p0 to p2 pulled towards p1."""
        self.line(color, bezier(p0, p1, p2), width)

    def blob(self, color: Color, p0: Point, p1: Point, p2: Point, q1: Point) -> None:
        """A lens shape between two Béziers sharing ends p0, p2 (mouths, lids, leaves)."""
        top = bezier(p0, p1, p2)
        bottom = bezier(p2, q1, p0)
        self.poly(color, top + bottom)

    # -- layers ---------------------------------------------------------------------------
    def layer(self) -> Pen:
        """A blank canvas of the same size and scale, to build a part and clip or rotate it."""
        return Pen(self.w, self.h, self.s)

    def paste(self, other: Pen, dx: float = 0, dy: float = 0) -> None:
        """Composite another pen's canvas onto this one."""
        self.surf.blit(other.surf, self._p(dx, dy))

    def clip_to(self, mask: Pen) -> None:
        """Keep only what lies where `mask` is opaque (multiplies alpha by the mask's alpha)."""
        m = mask.surf.copy()
        m.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
        self.surf.blit(m, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)

    def rotated(self, degrees: float, pivot: Point) -> Pen:
        """This canvas rotated about a logical pivot, same size (counter-clockwise positive)."""
        out = self.layer()
        rot = pygame.transform.rotozoom(self.surf, degrees, 1.0)
        px, py = self._p(*pivot)
        cx, cy = self.surf.get_width() / 2, self.surf.get_height() / 2
        vx, vy = cx - px, cy - py
        a = math.radians(degrees)
        rvx = vx * math.cos(a) + vy * math.sin(a)
        rvy = -vx * math.sin(a) + vy * math.cos(a)
        rect = rot.get_rect(center=(px + rvx, py + rvy))
        out.surf.blit(rot, rect)
        return out

    def result(self) -> pygame.Surface:
        """The canvas shrunk to its logical size with smooth filtering."""
        size = (round(self.w), round(self.h))
        if self.s == 1:
            return self.surf.copy()
        return pygame.transform.smoothscale(self.surf, size)


def bezier(p0: Point, p1: Point, p2: Point, steps: int = 18) -> list[Point]:
    """Points along a quadratic Bézier curve."""
    out = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
        out.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return out


def vertical_gradient(size: tuple[int, int], stops: Sequence[tuple[float, Color]]) -> pygame.Surface:
    """A surface filled top to bottom through colour stops given as (position 0..1, colour)."""
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(h):
        t = y / max(1, h - 1)
        for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
            if t0 <= t <= t1:
                k = (t - t0) / (t1 - t0) if t1 > t0 else 0
                col = tuple(
                    round(c0[i] + (c1[i] - c0[i]) * k) for i in range(len(c0))
                )
                pygame.draw.line(surf, col, (0, y), (w, y))
                break
    return surf


def radial_glow(radius: int, color: Color, power: float = 2.0) -> pygame.Surface:
    """A round glow whose alpha falls from colour's alpha at the centre to 0 at the rim."""
    size = radius * 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    peak = color[3] if len(color) == 4 else 255
    for r in range(radius, 0, -1):
        a = peak * (1 - r / radius) ** power
        pygame.draw.circle(surf, (*color[:3], round(a)), (radius, radius), r)
    return surf


def seeded(seed: int):  # noqa: ANN201 - returns random.Random
    """A private random generator so every run draws identical pixels."""
    import random

    return random.Random(seed)
