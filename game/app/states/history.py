"""History: every line shown and every reply chosen, in order; choosing one goes back to it.

Lines are written as they read at the time (names and values of that moment). Selecting a line
or a reply rolls the story back to the moment it was on screen (roll forward again with
Ctrl+Y or the mouse wheel in play). Up/Down or the wheel move, PageUp/PageDown and Home/End
jump, Enter or a click goes back to the entry, Esc or a right click closes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.app.render import sheet, theme
from game.app.render.text import TextBlock
from game.app.render.widgets import blit_panel, ease_scroll, fade_edges, scrollbar
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop
from game.story.session import Session

COLUMN = 860
TOP = sheet.TOP + 78
BOTTOM = sheet.PANEL.bottom - 70
GAP = 12


@dataclass(frozen=True)
class Item:
    """One entry: a line (``who`` speaking, or narration) or the reply chosen at ``step``."""

    kind: str  # line | reply | now
    who: str | None
    text: str
    step: int  # roll back to this many choices made
    speaker: str | None = None


def entries(session: Session) -> list[Item]:
    """Everything shown in this playthrough, oldest first (the current node's lines last),
    each line as it read at the time (its conditions and inline text at that moment)."""
    out: list[Item] = []

    def lines_of(lines, step: int, kind: str) -> None:
        for line in lines:
            out.append(Item(kind, line.name, line.text, step, line.speaker))

    for i, step in enumerate(session.steps):
        lines_of(session.lines_at(step.before), i, "line")
        out.append(Item("reply", None, step.text, i))
    lines_of(session.lines(), len(session.steps), "now")
    return out


class HistoryScreen(Screen):
    name = "history"

    def __init__(self, app: Window, session: Session):
        super().__init__(app)
        self.keep = app.services.keep
        self.session = session
        self.items = entries(session)
        self.blocks: list[tuple[TextBlock, pygame.Surface | None]] = []
        self.scale = 0.0
        self.focus = max(0, len(self.items) - 1)
        self.scroll = 0.0
        self.target = 0.0
        self.back = sheet.back_button()
        self._layout()
        self.target = self.scroll = self._max_scroll()

    def _layout(self) -> None:
        pal = self.palette
        sv = self.app.services
        self.scale = sv.settings.scale
        body = sv.font("serif", sv.settings.scaled(19))
        italic = sv.font("serif-italic", sv.settings.scaled(19))
        name_font = sv.font("sans-bold", sv.settings.scaled(14))
        lh = int(sv.settings.scaled(19) * 1.45)
        self.blocks = []
        self.tops: list[int] = []
        y = 0
        for item in self.items:
            if item.kind == "reply":
                block = sv.text.block(item.text, body, pal.SAGE_DARK, COLUMN - 120, lh)
                name = sv.text.line("YOU", name_font, pal.SAGE_DARK)
            else:
                font = italic if item.speaker is None else body
                ink = pal.INK_SOFT if item.speaker is None else pal.INK
                block = sv.text.block(item.text, font, ink, COLUMN - 140, lh)
                name = sv.text.line(item.who.upper(), name_font, self._colour(item)) \
                    if item.who else None
            self.blocks.append((block, name))
            self.tops.append(y)
            y += block.height + 2 * 8 + GAP
        self.total = y

    def _colour(self, item: Item) -> tuple[int, int, int]:
        pal = self.palette
        char = self.session.story.characters.get(item.speaker or "")
        return theme.hex_colour(char.color if char else None, pal.TERRACOTTA) \
            if char and not char.player else pal.SAGE_DARK

    def _max_scroll(self) -> float:
        return max(0.0, self.total - (BOTTOM - TOP))

    def _row(self, i: int) -> pygame.Rect:
        block, _ = self.blocks[i]
        y = TOP + self.tops[i] - int(self.scroll)
        return pygame.Rect(sheet.LEFT, y, COLUMN + 120, block.height + 16)

    def _show(self, i: int) -> None:
        """Scroll so entry ``i`` is in view."""
        top = self.tops[i]
        bottom = top + self.blocks[i][0].height + 16
        view = BOTTOM - TOP
        if top < self.target:
            self.target = top
        elif bottom > self.target + view:
            self.target = bottom - view
        self.target = min(max(0.0, self.target), self._max_scroll())

    # -- input -----------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.back.handle_event(event):
            return self._close()
        if event.type == pygame.KEYDOWN:
            k = event.key
            n = len(self.items)
            if k in (pygame.K_ESCAPE, pygame.K_l, pygame.K_BACKSPACE):
                return self._close()
            if not n:
                return None
            if k in (pygame.K_UP, pygame.K_w, pygame.K_DOWN, pygame.K_s):
                step = -1 if k in (pygame.K_UP, pygame.K_w) else 1
                self.focus = min(n - 1, max(0, self.focus + step))
                self._show(self.focus)
            elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.target += (BOTTOM - TOP) * (-0.9 if k == pygame.K_PAGEUP else 0.9)
                self.target = min(max(0.0, self.target), self._max_scroll())
                self.focus = self._nearest()
            elif k == pygame.K_HOME:
                self.focus = 0
                self._show(0)
            elif k == pygame.K_END:
                self.focus = n - 1
                self._show(n - 1)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.choose(self.focus)
        elif event.type == pygame.MOUSEWHEEL:
            self.target -= event.y * 60
            self.target = min(max(0.0, self.target), self._max_scroll())
        elif event.type == pygame.MOUSEMOTION:
            i = self.at(event.pos)
            if i is not None:
                self.focus = i
        elif event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 3:
                return self._close()
            if event.button == 1:
                i = self.at(event.pos)
                if i is not None:
                    return self.choose(i)
        return None

    def at(self, pos) -> int | None:
        if not TOP <= pos[1] < BOTTOM:
            return None
        for i in range(len(self.items)):
            if self._row(i).collidepoint(pos):
                return i
        return None

    def _nearest(self) -> int:
        for i, top in enumerate(self.tops):
            if top >= self.target:
                return i
        return max(0, len(self.items) - 1)

    def choose(self, i: int) -> Next:
        """Go back to entry ``i``: close with the number of choices to keep."""
        if not 0 <= i < len(self.items):
            return None
        item = self.items[i]
        if item.step >= len(self.session.steps):
            return self._close()
        self.keep.sound("select")
        return Pop(("rollback", item.step))

    def _close(self) -> Next:
        self.keep.sound("back")
        return Pop(None)

    def update(self, dt: float) -> None:
        settings = self.app.services.settings
        if settings.scale != self.scale:
            self._layout()
        self.scroll = ease_scroll(self.scroll, self.target, dt, settings.reduced_motion)

    def spoken(self) -> str | None:
        """The focused entry: who said it, or that it was the player's reply, and whether
        Enter goes back to it."""
        if not self.items:
            return "History: nothing has been said yet."
        item = self.items[self.focus]
        if item.kind == "reply":
            said = f"You replied: {item.text}"
        else:
            said = f"{item.who}: {item.text}" if item.who else item.text
        back = " Enter goes back to here." if item.step < len(self.session.steps) else ""
        return f"{said}{back}"

    def drive_hint(self):
        return {"action": "history", "entries": len(self.items), "focus": self.focus}

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        sheet.background(surface, self.app.services)
        sheet.title(surface, sv, "What was said", kicker="History")
        if not self.items:
            note = sv.text.line("Nothing has been said yet.", sv.font("serif-italic", 21),
                                pal.INK_SOFT)
            surface.blit(note, (sheet.LEFT, TOP))
        clip = surface.get_clip()
        area = pygame.Rect(sheet.LEFT - 10, TOP - 6, COLUMN + 160, BOTTOM - TOP + 12)
        surface.set_clip(area)
        for i, (block, name) in enumerate(self.blocks):
            r = self._row(i)
            if r.bottom < TOP - 10 or r.top > BOTTOM + 10:
                continue
            item = self.items[i]
            if i == self.focus:
                blit_panel(surface, r, pal.CREAM_DARK, 150, radius=12, pal=pal)
                if item.step < len(self.session.steps):
                    tip = sv.text.line("Enter: go back to here", sv.font("sans", 13),
                                       pal.INK_SOFT)
                    surface.blit(tip, (r.right - tip.get_width() - 12, r.y + 8))
            if item.kind == "reply":
                pygame.draw.line(surface, pal.SAGE, (r.x + 96, r.y + 8), (r.x + 96, r.bottom - 8),
                                 3)
                if name is not None:
                    surface.blit(name, (r.x + 40, r.y + 10))
                block.draw(surface, r.x + 110, r.y + 8)
            else:
                if name is not None:
                    surface.blit(name, (r.x + 12, r.y + 11))
                block.draw(surface, r.x + 130, r.y + 8)
        surface.set_clip(clip)
        # lines running under the top or the bottom edge fade out instead of being cut in half
        paper = surface.get_at((sheet.PANEL.x + 12, area.y))
        fade_edges(surface, area, top=paper if self.scroll > 0.5 else None,
                   bottom=surface.get_at((sheet.PANEL.x + 12, area.bottom - 1))
                   if self.scroll < self._max_scroll() - 0.5 else None, size=22)
        self._draw_scrollbar(surface)
        sheet.hints(surface, sv, "Up/Down or the wheel scroll  ·  Enter or a click goes back to "
                                 "that moment  ·  Esc closes")
        self.back.draw(surface, sv)

    def _draw_scrollbar(self, surface: pygame.Surface) -> None:
        pal = self.palette
        view = BOTTOM - TOP
        if self.total <= view:
            return
        scrollbar(surface, sheet.PANEL.right - 40, TOP, view, self.total, self.scroll,
                  pal.CREAM_DARK, pal.DUSK)
