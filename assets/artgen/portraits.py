"""Head-and-shoulders portraits (360×440) with expressions that read at a glance.

Every expression shares one face geometry; only brows, lids, gaze, mouth, blush and a small
head tilt change, so a cross-fade between two expressions looks calm rather than jumpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from . import palette as P
from .characters import LOOKS, Look
from .draw import Pen, bezier

W, H = 360, 440
CHARACTERS = ("ben", "theo", "maya")
EXPRESSIONS = (
    "neutral", "tired", "hurt", "angry", "withdrawn", "thinking", "ashamed", "softening", "open",
)

CX, CY = 180, 196  # face centre
EYE_DX, EYE_Y = 38, 204
PIVOT = (180, 300)


@dataclass(frozen=True)
class Face:
    """Expression parameters; distances are in portrait pixels, positive y is down."""

    brows: tuple[float, float, float, float] = (0, 0, 0, 0)  # l-inner, l-outer, r-inner, r-outer
    lid: float = 0.15  # upper lid cover, 0 open .. 1 shut
    lower: float = 0.0  # lower lid raise (smiling eyes, narrowing)
    gaze: tuple[float, float] = (0, 0)  # -1..1 left/up .. right/down
    smile: float = 0.0  # -1 down-turned .. 1 big smile
    mouth_w: float = 1.0
    mouth_open: float = 0.0
    mouth_dx: float = 0.0
    tilt: float = 0.0  # degrees, positive leans the head to its left (viewer's right)
    pitch: float = 0.0  # features move down when the head bows
    yaw: float = 0.0  # features slide sideways when the head turns
    blush: float = 0.0
    bags: bool = False
    glint: bool = False
    crease: bool = False


FACES: dict[str, Face] = {
    "neutral": Face(),
    "tired": Face(brows=(-3, 3, -3, 3), lid=0.45, gaze=(0, 0.25), smile=-0.12, mouth_w=0.9,
                  tilt=3, pitch=3, bags=True),
    "hurt": Face(brows=(-13, 3, -13, 3), lid=0.22, gaze=(0.35, 0.35), smile=-0.45,
                 mouth_w=0.8, tilt=-4, pitch=4, blush=0.35, glint=True),
    "angry": Face(brows=(14, -4, 14, -4), lid=0.28, lower=0.22, gaze=(0, -0.05), smile=-0.45,
                  mouth_w=0.66, pitch=2, crease=True),
    "withdrawn": Face(brows=(2, 2, 2, 2), lid=0.38, gaze=(0.9, 0.7), smile=-0.06, mouth_w=0.72,
                      tilt=6, pitch=9, yaw=9),
    "thinking": Face(brows=(-12, -6, 3, 3), lid=0.12, gaze=(-0.8, -0.9), smile=-0.08,
                     mouth_w=0.6, mouth_dx=-10, tilt=-6, pitch=-3, yaw=-6),
    "ashamed": Face(brows=(-12, 4, -12, 4), lid=0.42, gaze=(0.25, 1.0), smile=-0.22,
                    mouth_w=0.7, tilt=4, pitch=12, yaw=4, blush=0.9),
    "softening": Face(brows=(-4, -2, -4, -2), lid=0.22, lower=0.12, gaze=(0, 0.1), smile=0.35,
                      mouth_w=0.92, tilt=-3, blush=0.35),
    "open": Face(brows=(-6, -4, -6, -4), lid=0.05, lower=0.2, smile=0.85, mouth_w=1.08,
                 mouth_open=0.7, blush=0.45),
}


# -- body --------------------------------------------------------------------------------------
def _body(p: Pen, lk: Look) -> None:
    top, dark = lk.top, P.shade(lk.top, -0.14)
    p.rect(top, 26, 352, 308, 140, 80)
    p.poly(top, [(110, 340), (250, 340), (300, 380), (60, 380)])
    shade = p.layer()
    shade.ellipse(P.alpha(P.PLUM_DARK, 34), 350, 430, 90, 110)
    body_mask = p.layer()
    body_mask.rect(top, 26, 352, 308, 140, 80)
    body_mask.poly(top, [(110, 340), (250, 340), (300, 380), (60, 380)])
    shade.clip_to(body_mask)
    p.paste(shade)
    if lk.top_style == "coat":
        p.poly(dark, [(92, 372), (150, 338), (178, 440), (120, 440)])
        p.poly(dark, [(268, 372), (210, 338), (182, 440), (240, 440)])
        p.poly(P.shade(lk.top, 0.1), [(150, 338), (172, 350), (180, 440), (160, 440)])
        p.poly(P.shade(lk.top, 0.1), [(210, 338), (188, 350), (180, 440), (200, 440)])
    if lk.top_style == "cardigan":
        p.poly(P.CREAM, [(150, 340), (210, 340), (196, 440), (164, 440)])
    if lk.top_style == "shirt":
        p.poly(P.GREY_LIGHT, [(140, 336), (180, 372), (220, 336), (214, 360), (180, 392),
                              (146, 360)])


def _collar(p: Pen, lk: Look) -> None:
    """Necklines drawn over the base of the neck."""
    band = P.shade(lk.top, -0.12)
    if lk.top_style in ("jumper", "sweater"):
        p.blob(band, (134, 338), (180, 392), (226, 338), (180, 362))
        p.curve(P.alpha(P.shade(lk.top, 0.18), 200), (138, 339), (180, 364), (222, 339), 2.5)
    elif lk.top_style == "coat":
        p.blob(P.CREAM, (140, 334), (180, 380), (220, 334), (180, 360))
        p.curve(P.shade(P.CREAM, -0.12), (146, 340), (180, 372), (214, 340), 3)


# -- head --------------------------------------------------------------------------------------
def _face_shape(p: Pen, color: P.Color) -> None:
    p.ellipse(color, CX, CY - 8, 86, 100)
    p.ellipse(color, CX, CY + 30, 74, 82)


def _hair_back(p: Pen, lk: Look) -> None:
    h = lk.hair
    if lk.hair_style == "shoulder":
        p.rect(h, 74, 96, 212, 270, 90)
        p.rect(h, 70, 250, 220, 110, 40)
        p.rect(P.alpha(P.shade(h, -0.3), 120), 110, 230, 140, 130, 40)
    elif lk.hair_style == "curly":
        for i in range(15):
            ang = 180 + i * 12.8
            import math

            x = CX + math.cos(math.radians(ang)) * 96
            y = CY - 20 + math.sin(math.radians(ang)) * 104
            p.circle(h if i % 2 else P.shade(h, 0.08), x, y, 30)
    else:
        p.ellipse(h, CX, CY - 18, 94, 100)


def _cap(p: Pen, lk: Look, fy: float, line: tuple[float, float, float]) -> None:
    """The hair over the crown: the back-hair ellipse kept only above a curved hairline."""
    left_y, mid_y, right_y = line
    cap = p.layer()
    cap.ellipse(lk.hair, CX, CY - 20, 95, 100)
    keep = p.layer()
    curve = [(84, left_y), (CX, mid_y + fy), (276, right_y)]
    keep.poly(P.INK, [(0, 0), (W, 0), (W, right_y)] + bezier(*curve)[::-1] + [(0, left_y)])
    cap.clip_to(keep)
    p.paste(cap)


def _hair_front(p: Pen, lk: Look, fy: float) -> None:
    h = lk.hair
    hi = P.shade(h, 0.16)
    if lk.hair_style == "short":
        _cap(p, lk, fy, (190, 52, 190))
        p.poly(h, [(86, 150), (104, 150), (104, 206), (92, 206)])
        p.poly(h, [(274, 150), (256, 150), (256, 206), (268, 206)])
        p.blob(h, (120, 112 + fy * 0.6), (150, 150 + fy), (196, 122 + fy * 0.8),
               (150, 108 + fy * 0.6))
        p.blob(h, (150, 104 + fy * 0.6), (210, 110 + fy), (236, 140), (214, 100 + fy * 0.6))
        p.curve(hi, (196, 92 + fy * 0.5), (226, 90 + fy * 0.5), (250, 110 + fy * 0.5), 6)
    elif lk.hair_style == "tied":
        _cap(p, lk, fy, (196, 44, 196))
        p.circle(h, 240, 70, 34)
        p.circle(hi, 232, 62, 12)
    elif lk.hair_style == "curly":
        import math

        for i in range(9):
            t = i / 8
            x = 104 + t * 152
            y = 116 + fy * 0.6 - math.sin(t * math.pi) * 22
            p.circle(h if i % 2 else P.shade(h, 0.1), x, y, 24)
        for x, y in ((130, 96), (180, 84), (230, 96)):
            p.circle(hi, x, y + fy * 0.5, 8)
        p.circle(h, 92, 168, 18)
        p.circle(h, 268, 168, 18)
    elif lk.hair_style == "shoulder":
        _cap(p, lk, fy, (260, 40, 190))
        p.blob(h, (112, 104 + fy * 0.5), (128, 150 + fy), (92, 240), (90, 170))
        p.poly(h, [(84, 170), (102, 180), (100, 312), (78, 320)])
        p.poly(h, [(254, 126), (250, 140), (256, 312), (286, 320), (280, 176)])
        p.curve(hi, (200, 80 + fy * 0.5), (232, 86 + fy * 0.5), (252, 116 + fy * 0.5), 6)


def _eye(p: Pen, face: Face, lk: Look, cx: float, cy: float, side: int) -> None:
    """One eye: white, iris following the gaze, lids covering from above and below."""
    ew, eh = 21, 11
    eye = p.layer()
    mask = p.layer()
    almond = ((cx - ew, cy), (cx, cy - eh * 2), (cx + ew, cy), (cx, cy + eh * 1.6))
    mask.blob(P.INK, *almond[:3], almond[3])
    eye.blob((250, 244, 234), *almond[:3], almond[3])
    gx, gy = face.gaze
    ix, iy = cx + gx * 10, cy + gy * 5 + 1
    eye.circle(lk.iris, ix, iy, 10.5)
    eye.circle(P.INK, ix, iy, 5.2)
    eye.circle((255, 255, 255), ix - 3.5, iy - 3.5, 2.6)
    lid = min(0.7, face.lid + max(0.0, gy) * 0.2)
    top_y, bottom_y = cy - eh, cy + eh * 0.8
    lid_y = top_y + (bottom_y - top_y) * lid
    edge = bezier((cx - ew - 1, cy), (cx, 2 * lid_y - cy), (cx + ew + 1, cy))
    skin = lk.skin
    eye.poly(skin, [(cx - ew - 4, cy - 40), (cx + ew + 4, cy - 40), (cx + ew + 4, cy)]
             + edge[::-1] + [(cx - ew - 4, cy)])
    if face.lower > 0:
        low_y = bottom_y - (bottom_y - top_y) * face.lower
        low = bezier((cx - ew - 1, cy), (cx, 2 * low_y - cy), (cx + ew + 1, cy))
        eye.poly(skin, [(cx - ew - 4, cy + 30), (cx + ew + 4, cy + 30), (cx + ew + 4, cy)]
                 + low[::-1] + [(cx - ew - 4, cy)])
    eye.clip_to(mask)
    p.paste(eye)
    p.line(P.INK, edge, 3.6)
    if face.bags:
        p.curve(P.alpha(P.PLUM, 110), (cx - 15, cy + 16), (cx, cy + 22), (cx + 15, cy + 16), 2.5)
    if face.glint:
        p.curve(P.alpha((255, 255, 255), 200), (cx - 10, cy + 9), (cx, cy + 12),
                (cx + 10, cy + 9), 1.8)


def _brow(p: Pen, lk: Look, cx: float, side: int, inner: float, outer: float) -> None:
    base = EYE_Y - 36
    ix, ox = cx - side * 20, cx + side * 24
    mid = ((ix + ox) / 2, base - 6 + (inner + outer) / 2)
    p.curve(P.shade(lk.hair, 0.05), (ix, base + inner), mid, (ox, base + 4 + outer), 9)


def _mouth(p: Pen, face: Face, lk: Look, ox: float, oy: float) -> None:
    mx, my = CX + ox + face.mouth_dx, 272 + oy
    half = 26 * face.mouth_w
    lip = P.mix(P.shade(lk.skin, -0.42), P.TERRACOTTA_DARK, 0.4)
    corner_y = my - face.smile * 10
    mid_y = my + face.smile * 8
    if face.mouth_open > 0:
        depth = 10 + 14 * face.mouth_open
        p.blob(P.PLUM_DARK, (mx - half, corner_y), (mx, mid_y - 4), (mx + half, corner_y),
               (mx, mid_y + depth))
        teeth = p.layer()
        teeth.rect((250, 244, 234), mx - half, mid_y - 12, half * 2, 12)
        m = p.layer()
        m.blob(P.INK, (mx - half, corner_y), (mx, mid_y - 4), (mx + half, corner_y),
               (mx, mid_y + depth))
        teeth.clip_to(m)
        p.paste(teeth)
        p.curve(lip, (mx - half, corner_y), (mx, mid_y - 4), (mx + half, corner_y), 3.5)
    else:
        width = 5 if face.smile > -0.25 else 6
        p.curve(lip, (mx - half, corner_y), (mx, mid_y), (mx + half, corner_y), width)
        p.curve(P.alpha(P.shade(lk.skin, -0.2), 90), (mx - 7, my + 15), (mx, my + 17),
                (mx + 7, my + 15), 2.5)


def _head(lk: Look, face: Face) -> Pen:
    p = Pen(W, H, 3)
    fx, fy = face.yaw, face.pitch
    _hair_back(p, lk)
    p.rect(P.shade(lk.skin, -0.12), 148, 250, 64, 100, 24)
    p.ellipse(P.alpha(P.PLUM_DARK, 60), CX, 300, 40, 20)
    for sx in (-1, 1):
        p.ellipse(P.shade(lk.skin, -0.06), CX + sx * 86 - fx * 0.3, 214, 15, 24)
    _face_shape(p, lk.skin)
    mask = p.layer()
    _face_shape(mask, P.INK)
    light = p.layer()
    light.ellipse(P.alpha(P.PLUM_DARK, 26), CX + 150 + fx, CY + 10, 80, 150)
    if lk.stubble:
        for k in range(5):
            light.ellipse(P.alpha(P.HAIR_DARK, 7), CX + fx * 0.5, 312 + fy * 0.6, 60 + k * 7,
                          40 + k * 7)
    if face.blush:
        a = round(22 * face.blush)
        for sx in (-1, 1):
            for k in range(3):
                light.ellipse(P.alpha(P.TERRACOTTA, a), CX + sx * 52 + fx, 246 + fy,
                              14 + k * 6, 8 + k * 4)
    light.clip_to(mask)
    p.paste(light)
    for side, (inner, outer) in ((-1, face.brows[:2]), (1, face.brows[2:])):
        ecx = CX + side * EYE_DX + fx
        _eye(p, face, lk, ecx, EYE_Y + fy, side)
        _brow(p, lk, ecx, side, inner + fy, outer + fy)
    if face.crease:
        for sx in (-1, 1):
            p.line(P.alpha(P.shade(lk.skin, -0.3), 170),
                   [(CX + sx * 7 + fx, 168 + fy), (CX + sx * 5 + fx, 184 + fy)], 2.5)
    nose = P.shade(lk.skin, -0.22)
    p.curve(nose, (CX - 2 + fx * 1.2, 224 + fy), (CX + 8 + fx * 1.2, 246 + fy),
            (CX - 4 + fx * 1.2, 250 + fy), 4)
    _mouth(p, face, lk, fx * 1.1, fy)
    _hair_front(p, lk, fy * 0.4)
    return p


def portrait(who: str, expression: str) -> pygame.Surface:
    """One character's portrait in one expression, on a transparent background."""
    lk, face = LOOKS[who], FACES[expression]
    base = Pen(W, H, 3)
    _body(base, lk)
    head = _head(lk, face)
    if face.tilt:
        head = head.rotated(face.tilt, PIVOT)
    base.paste(head)
    _collar(base, lk)
    return base.result()
