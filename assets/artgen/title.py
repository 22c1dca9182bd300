"""Title-screen layers (1280×720): a quiet evening shore at low tide, split for parallax.

sky: opaque gradient, moon and stars; far: headland and lighthouse (transparent above);
sea: the band of water with shimmer lines; near: wet sand, pools and rocks in the foreground.
Each layer can drift or shimmer on its own.
"""

from __future__ import annotations

import math

import pygame

from . import palette as P
from .draw import Pen, radial_glow, seeded, vertical_gradient

W, H = 1280, 720
HORIZON = 430


def sky() -> pygame.Surface:
    """Night above, a last plum-amber glow at the horizon, the moon and a scatter of stars."""
    surf = vertical_gradient((W, H), [
        (0.0, P.NIGHT_DEEP), (0.35, P.NIGHT), (0.52, P.TEAL), (0.6, P.DUSK),
        (0.64, P.shade(P.AMBER, -0.1)), (1.0, P.shade(P.AMBER, -0.1)),
    ])
    rnd = seeded(2024)
    pen = Pen(W, H, 2)
    for _ in range(90):
        x, y = rnd.uniform(0, W), rnd.uniform(0, HORIZON * 0.7)
        r = rnd.choice((0.8, 1.0, 1.2, 1.6))
        a = round(120 + 120 * (1 - y / (HORIZON * 0.7)) * rnd.random())
        pen.circle(P.alpha(P.STAR, a), x, y, r)
    surf.blit(pen.result(), (0, 0))
    glow = radial_glow(120, P.alpha(P.LAMP, 50))
    surf.blit(glow, (930 - 120, 120 - 120))
    moon = Pen(80, 80, 4)
    moon.circle(P.CREAM, 40, 40, 26)
    moon.circle(P.alpha(P.CREAM_DARK, 200), 48, 34, 6)
    moon.circle(P.alpha(P.CREAM_DARK, 160), 32, 50, 4)
    surf.blit(moon.result(), (890, 80))
    return surf


def far() -> pygame.Surface:
    """A low headland on the right with a lighthouse whose lamp is lit."""
    pen = Pen(W, H, 2)
    pen.poly(P.shade(P.NIGHT, -0.1), [(720, HORIZON + 2), (820, HORIZON - 26), (940, HORIZON - 44),
                                      (1060, HORIZON - 52), (1180, HORIZON - 40),
                                      (1280, HORIZON - 30), (1280, HORIZON + 2)])
    pen.poly(P.shade(P.NIGHT, -0.25), [(0, HORIZON + 2), (0, HORIZON - 18), (120, HORIZON - 24),
                                       (260, HORIZON - 10), (340, HORIZON + 2)])
    lx, base = 1100, HORIZON - 50
    pen.poly(P.CREAM, [(lx - 12, base), (lx + 12, base), (lx + 8, base - 86), (lx - 8, base - 86)])
    for k in (20, 48):
        pen.poly(P.TERRACOTTA, [(lx - 12 + k * 0.05, base - k), (lx + 12 - k * 0.05, base - k),
                                (lx + 11 - k * 0.05, base - k - 12),
                                (lx - 11 + k * 0.05, base - k - 12)])
    pen.rect(P.NIGHT_DEEP, lx - 10, base - 90, 20, 5)
    pen.rect(P.LAMP, lx - 6, base - 104, 12, 14, 2)
    pen.poly(P.PLUM_DARK, [(lx - 10, base - 104), (lx + 10, base - 104), (lx, base - 116)])
    surf = pen.result()
    glow = radial_glow(70, P.alpha(P.LAMP, 150))
    surf.blit(glow, (lx - 70, base - 97 - 70))
    return surf


def sea() -> pygame.Surface:
    """The water from the horizon to the shoreline, with thin shimmer strokes."""
    surf = pygame.Surface((W, H), pygame.SRCALPHA)
    band = vertical_gradient((W, 180), [(0, P.shade(P.DUSK, -0.2)), (0.25, P.SEA),
                                        (1, P.shade(P.SEA, -0.15))])
    surf.blit(band, (0, HORIZON))
    pen = Pen(W, H, 2)
    rnd = seeded(7)
    for _ in range(70):
        y = rnd.uniform(HORIZON + 4, HORIZON + 140)
        depth = (y - HORIZON) / 140
        x = rnd.uniform(0, W)
        w = 20 + 60 * depth * rnd.random()
        near_moon = math.exp(-((x - 930) / 160) ** 2)
        a = round(60 + 150 * near_moon)
        pen.line(P.alpha(P.AMBER_LIGHT if near_moon > 0.4 else P.SEA_LIGHT, a),
                 [(x, y), (x + w, y)], 1.2 + depth * 1.5)
    surf.blit(pen.result(), (0, 0))
    return surf


def near() -> pygame.Surface:
    """Wet sand at low tide: a curving shoreline, pools holding the sky, a few dark rocks."""
    pen = Pen(W, H, 2)
    shore = [(0, 590), (200, 576), (420, 586), (640, 572), (880, 582), (1100, 566), (1280, 574)]
    pen.poly(P.shade(P.SAND_DARK, -0.35), shore + [(1280, 720), (0, 720)])
    pen.poly(P.shade(P.SAND_DARK, -0.2), [(x, y + 18) for x, y in shore] + [(1280, 720),
                                                                          (0, 720)])
    pen.poly(P.shade(P.SAND, -0.22), [(x, y + 60) for x, y in shore] + [(1280, 720), (0, 720)])
    for x, y, rx, ry in ((300, 640, 110, 14), (760, 626, 150, 16), (1080, 672, 90, 10)):
        pen.ellipse(P.shade(P.SEA, -0.1), x, y, rx, ry)
        pen.ellipse(P.alpha(P.AMBER_LIGHT, 90), x + rx * 0.2, y - 2, rx * 0.5, 2.5)
    for x, y, r in ((90, 676, 34), (130, 690, 22), (1190, 640, 26), (560, 700, 18)):
        pen.ellipse(P.shade(P.NIGHT, -0.1), x, y, r * 1.5, r)
        pen.ellipse(P.alpha(P.SEA_LIGHT, 70), x - r * 0.4, y - r * 0.5, r * 0.6, r * 0.25)
    return pen.result()


def layers() -> dict[str, pygame.Surface]:
    """All title layers by file stem, back to front."""
    return {"sky": sky(), "far": far(), "sea": sea(), "near": near()}
