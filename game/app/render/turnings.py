"""The turning points of a playthrough as the ending shows them, beside its chart.

Each is the reply the player chose, quoted as they read it, under a disc with the reply's
number in its tone (the same disc marks it on the chart's axis), then the scene it was said in
and what it changed. The list grows with the player's text size and scrolls within its panel
when it no longer fits; the focused point is outlined and kept in view.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.app.render import theme
from game.app.render.chart import number_disc
from game.app.render.text import Lettering, TextBlock
from game.app.render.widgets import blit_panel, fade_edges, scrollbar
from game.story.turning import MINUS, Change, TurningPoint

PAD = 16  # inside the panel
GAP = 10  # between two points
QUOTE, NOTE, HEAD = 17, 14, 14  # font sizes at 100 %
NBSP = "\u00a0"


@dataclass(frozen=True)
class Shown:
    """One turning point as the list shows and speaks it."""

    reply: int  # the reply's number, as on the chart's axis (1 for the first reply)
    tone: str
    quote: str  # the reply as the player read it when choosing it
    where: str  # the scene it was said in ("" when the story names none)
    change: str  # what it changed, as the transcript's ``summary`` has it

    def note(self, font: pygame.font.Font, width: int) -> str:
        """The scene, then the change: on one line when they fit, else one under the other; a
        line breaks between changes, never inside one."""
        change = ", ".join(part.replace(" ", NBSP) for part in self.change.split(", "))
        if not self.where:
            return change
        one = f"{self.where}  ·  {change}"
        return one if font.size(one)[0] <= width else f"{self.where}\n{change}"


def shown(points: tuple[TurningPoint, ...], tones: dict[str, str]) -> list[Shown]:
    """The list's entries for ``points``; ``tones`` gives each reply kind's tone."""
    return [Shown(p.step + 1, tones.get(p.kind or "", "neutral"), p.text, p.scene_label,
                  p.summary) for p in points]


def spoken_change(change: Change) -> str:
    """"Heart rate up 8 bpm": a change as speech reads it (no plus or minus signs)."""
    rest = change.text()[len(change.label):].strip()
    word = "up " if rest.startswith("+") else "down " if rest.startswith(MINUS) else ""
    return f"{change.label} {word}{rest.lstrip('+' + MINUS)}"


def speech(point: TurningPoint, number: int, count: int) -> str:
    """What self-voicing says of a focused turning point."""
    where = f" Scene: {point.scene_label}." if point.scene_label else ""
    changes = ", ".join(spoken_change(c) for c in point.changes)
    return (f"Turning point {number} of {count}, reply {point.step + 1}: {point.text}{where} "
            f"{changes}.")


class TurningList:
    """The panel of turning points: laid out for a width and text size, drawn at a rect."""

    def __init__(self, entries: list[Shown], heading: str, caption: str):
        self.entries = entries
        self.heading = heading
        self.caption = caption
        self.scale = 0.0
        self.width = 0
        self.head = 0  # the heading's height: it stays put above the part that scrolls
        self.tops: list[int] = []  # each entry's top within the list
        self.heights: list[int] = []
        self.content = 0  # the height of the list, under the heading
        self.rect = pygame.Rect(0, 0, 0, 0)  # where it was last drawn
        self.view = pygame.Rect(0, 0, 0, 0)  # the part of the panel that scrolls

    # -- layout ----------------------------------------------------------------------------

    def _size(self, base: int) -> int:
        return max(base, int(round(base * self.scale)))

    def _quote(self, sv: Lettering, e: Shown) -> TextBlock:
        pal = sv.palette
        size = self._size(QUOTE)
        return sv.text.block(e.quote, sv.font("serif-italic", size), pal.INK,
                             self.width - self.gutter, int(size * 1.34))

    def _note(self, sv: Lettering, e: Shown) -> TextBlock:
        pal = sv.palette
        size = self._size(NOTE)
        font, width = sv.font("sans", size), self.width - self.gutter
        return sv.text.block(e.note(font, width), font, pal.INK_SOFT, width, int(size * 1.35))

    def _head_height(self, sv: Lettering) -> int:
        """The heading's room: one line, which stays put (with the caption when it fits
        beside; else the caption opens the list and scrolls with it)."""
        return sv.font("sans-bold", self._size(HEAD)).get_linesize() + 8

    def _caption_beside(self, sv: Lettering) -> bool:
        head = sv.font("sans-bold", self._size(HEAD)).size(self.heading)[0]
        caption = sv.font("sans", self._size(HEAD)).size(self.caption)[0]
        return head + 16 + caption <= self.width

    def lay_out(self, sv: Lettering, width: int, scale: float) -> None:
        """Work out each entry's place for the panel's ``width`` at text ``scale``."""
        self.scale, self.width = scale, width - 2 * PAD
        self.head = self._head_height(sv)
        y = 0 if self._caption_beside(sv) else sv.font("sans", self._size(HEAD)).get_linesize() + 8
        self.tops, self.heights = [], []
        for e in self.entries:
            h = max(self._quote(sv, e).height + 4 + self._note(sv, e).height,
                    2 * self.disc_radius + 4)
            self.tops.append(y)
            self.heights.append(h)
            y += h + GAP
        self.content = y - GAP if self.entries else y

    @property
    def disc_radius(self) -> int:
        return max(13, int(13 * self.scale))

    @property
    def gutter(self) -> int:
        """The disc's column, left of the text."""
        return 2 * self.disc_radius + 20

    def height_wanted(self) -> int:
        """The panel's height with every entry in view."""
        return self.head + self.content + 2 * PAD

    def _room(self, height: int) -> int:
        """The height of the part that scrolls, in a panel ``height`` tall."""
        return height - 2 * PAD - self.head

    def max_scroll(self, height: int) -> float:
        return float(max(0, self.content - self._room(height)))

    def scroll_to_show(self, i: int, scroll: float, height: int) -> float:
        """The scroll that keeps entry ``i`` in a panel ``height`` tall (as little as needed)."""
        room = self._room(height)
        bottom = self.tops[i] + self.heights[i] + 6
        top = 0 if i == 0 and bottom <= room else self.tops[i] - 6  # the caption too if it fits
        if top < scroll:
            scroll = top
        elif bottom > scroll + room:
            scroll = min(top, bottom - room)  # one taller than the room shows its start
        return min(max(0.0, scroll), self.max_scroll(height))

    def at(self, pos: tuple[int, int], scroll: float) -> int | None:
        """The entry under ``pos`` as last drawn, if any."""
        if not self.view.collidepoint(pos):
            return None
        y = pos[1] - self.view.y + scroll
        for i, (top, h) in enumerate(zip(self.tops, self.heights)):
            if top - GAP // 2 <= y < top + h + GAP // 2:
                return i
        return None

    # -- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, sv: Lettering, rect: pygame.Rect, scroll: float,
             focus: int | None) -> None:
        pal = sv.palette
        self.rect = rect
        blit_panel(surface, rect, pal.PANEL, pal.solid(236), radius=18, pal=pal)
        paper = surface.get_at((rect.x + 4, rect.centery))  # the panel as it shows, for fades
        inside = rect.inflate(-2 * PAD, -2 * PAD)
        head = sv.font("sans-bold", self._size(HEAD))
        surface.blit(sv.text.line(self.heading, head, pal.BADGE_FOCUS), inside.topleft)
        caption = sv.text.line(self.caption, sv.font("sans", self._size(HEAD)), pal.INK_SOFT)
        beside = self._caption_beside(sv)
        if beside:
            surface.blit(caption, (inside.x + head.size(self.heading)[0] + 16, inside.y))
        # the list scrolls under the heading: what scrolls into sight is the panel below it
        self.view = view = pygame.Rect(inside.x, inside.y + self.head, inside.w,
                                       max(0, inside.h - self.head))
        top = view.y - 8  # the heading's gap: room for the first point's focus ring
        inner = pygame.Rect(rect.x + 3, top, rect.w - 6, max(0, rect.bottom - 4 - top))
        clip = surface.get_clip()
        surface.set_clip(inner.clip(clip))
        y0 = view.y - int(scroll)
        if not beside:
            surface.blit(caption, (view.x, y0))
        digits = sv.font("sans-bold", self._size(NOTE))
        for i, e in enumerate(self.entries):
            top = y0 + self.tops[i]
            if top > view.bottom or top + self.heights[i] < view.y:
                continue
            if i == focus:
                ring = pygame.Rect(view.x - 10, top - 7, view.w + 20, self.heights[i] + 14)
                pygame.draw.rect(surface, theme.mix(pal.AMBER, pal.PANEL, 0.28), ring,
                                 border_radius=12)
                pygame.draw.rect(surface, pal.BADGE_FOCUS, ring, 2, border_radius=12)
            r = self.disc_radius
            number_disc(surface, (view.x + r + 2, top + r), e.reply, pal.tone(e.tone),
                        pal.CREAM_LIGHT, sv.text, digits, r)
            quote = self._quote(sv, e)
            quote.draw(surface, view.x + self.gutter, top)
            self._note(sv, e).draw(surface, view.x + self.gutter, top + quote.height + 4)
        surface.set_clip(clip)
        most = self.max_scroll(rect.h)
        if most > 0:
            fade_edges(surface, inner, top=paper if scroll > 0.5 else None,
                       bottom=paper if scroll < most - 0.5 else None, size=PAD + 8)
            scrollbar(surface, rect.right - 9, view.y, view.h, self.content, scroll,
                      pal.CREAM_DARK, pal.PLUM)

