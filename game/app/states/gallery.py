"""The endings gallery: each story's endings, found ones with their title and dynamic, the
others locked with a one-line hint (never their title). Kept across playthroughs.

Keys: arrows move, PageUp/PageDown (or the arrows by the story's name) change story, F opens
the story's flowchart, Esc goes back. The mouse does the same.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from game.app import flowgraph
from game.app.render import sheet, theme
from game.app.render.widgets import blit_panel
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop, Push
from game.story.model import Node, Story
from game.story.text import render

CARD_W, CARD_H = 540, 104
GAP = 12
TOP = sheet.TOP + 84
HINT_WORDS = 9


def hint(story: Story, node: Node) -> str:
    """One line that hints at a locked ending without naming it."""
    ending = node.ending
    dyn = story.dynamics.get(ending.dynamic or "") if ending else None
    if dyn is not None and dyn.summary:
        return dyn.summary
    first = ending.paragraphs[0] if ending and ending.paragraphs else None
    start = story.initial_values
    words = render(first.template, story.default_cast(),
                   lambda n: start[story.variables[n].slot]).split() if first else []
    if words:
        return " ".join(words[:HINT_WORDS]) + ("…" if len(words) > HINT_WORDS else "")
    return "An ending not found yet."


class GalleryScreen(Screen):
    name = "gallery"

    def __init__(self, app: Window, stories: list[Story], story_id: str | None = None):
        super().__init__(app)
        self.keep = app.services.keep
        self.stories = [s for s in stories if s is not None]
        self.index = next((i for i, s in enumerate(self.stories) if s.id == story_id), 0)
        self.focus = 0
        self.scroll = 0
        self.back = sheet.back_button()
        self.prev_story = sheet.Button("‹", pygame.Rect(0, 0, 36, 32))
        self.next_story = sheet.Button("›", pygame.Rect(0, 0, 36, 32))
        self.chart = sheet.Button("Flowchart", pygame.Rect(sheet.PANEL.right - 44 - 250,
                                                           sheet.PANEL.bottom - 58, 130, 36))

    @property
    def story(self) -> Story | None:
        return self.stories[self.index] if self.stories else None

    def endings(self) -> list[Node]:
        return list(self.story.endings()) if self.story else []

    def found(self) -> dict[str, str]:
        return self.keep.endings(self.story.id) if self.story else {}

    def rect(self, i: int) -> pygame.Rect:
        row, col = divmod(i, 2)
        return pygame.Rect(sheet.LEFT + col * (CARD_W + GAP + 10),
                           TOP + (row - self.scroll) * (CARD_H + GAP), CARD_W, CARD_H)

    def rows_shown(self) -> int:
        return max(1, (sheet.PANEL.bottom - 80 - TOP) // (CARD_H + GAP))

    # -- input -----------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.back.handle_event(event):
            return self._close()
        if self.chart.handle_event(event):
            return self.open_chart()
        if len(self.stories) > 1 and (self.prev_story.handle_event(event)
                                      or self.next_story.handle_event(event)):
            self._story(-1 if self.prev_story.rect.collidepoint(event.pos) else 1)
            return None
        n = len(self.endings())
        if event.type == pygame.KEYDOWN:
            k = event.key
            moves = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1, pygame.K_UP: -2, pygame.K_DOWN: 2}
            if k in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                return self._close()
            if k in moves and n:
                self.focus = min(n - 1, max(0, self.focus + moves[k]))
                self._show()
                self.keep.sound("move")
            elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self._story(-1 if k == pygame.K_PAGEUP else 1)
            elif k == pygame.K_f:
                return self.open_chart()
        elif event.type == pygame.MOUSEMOTION:
            for i in range(n):
                if self.rect(i).collidepoint(event.pos):
                    self.focus = i
        elif event.type == pygame.MOUSEWHEEL and n:
            rows = (n + 1) // 2
            self.scroll = min(max(0, self.scroll - event.y), max(0, rows - self.rows_shown()))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return self._close()
        return None

    def _show(self) -> None:
        row = self.focus // 2
        if row < self.scroll:
            self.scroll = row
        elif row >= self.scroll + self.rows_shown():
            self.scroll = row - self.rows_shown() + 1

    def _story(self, step: int) -> None:
        if len(self.stories) > 1:
            self.index = (self.index + step) % len(self.stories)
            self.focus = self.scroll = 0
            self.keep.sound("page")

    def open_chart(self) -> Next:
        if self.story is None:
            return None
        self.keep.sound("select")
        return Push("flowchart", story=self.story)

    def _close(self) -> Next:
        self.keep.sound("back")
        return Pop(None)

    def drive_hint(self):
        return {"action": "gallery", "story": self.story.id if self.story else None,
                "found": sorted(self.found())}

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        sv = self.app.services
        sheet.background(surface)
        sheet.title(surface, sv, "Endings", kicker="Found across every playthrough")
        story = self.story
        if story is None:
            note = sv.text.line("No stories to show.", sv.font("serif-italic", 21), theme.INK_SOFT)
            surface.blit(note, (sheet.LEFT, TOP))
            self.back.draw(surface, sv)
            return
        endings = self.endings()
        found = self.found()
        self._draw_story_name(surface, f"{story.title}  ·  {len(found)} of {len(endings)} found")
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(sheet.LEFT - 10, TOP - 6, sheet.PANEL.w - 60,
                                     sheet.PANEL.bottom - 74 - TOP))
        for i, node in enumerate(endings):
            r = self.rect(i)
            if r.bottom < TOP - 10 or r.top > sheet.PANEL.bottom:
                continue
            self._draw_card(surface, r, node, found.get(node.id), i == self.focus)
        surface.set_clip(clip)
        sheet.hints(surface, sv, "Arrows move  ·  PageUp/PageDown another story  ·  "
                                 "F the flowchart  ·  Esc back")
        self.chart.draw(surface, sv)
        self.back.draw(surface, sv)

    def _draw_story_name(self, surface: pygame.Surface, text: str) -> None:
        sv = self.app.services
        line = sv.text.line(text, sv.font("serif-italic", 21), theme.PLUM)
        x, y = sheet.LEFT + 220, sheet.TOP + 30
        if len(self.stories) > 1:
            self.prev_story.rect.topleft = (x, y - 2)
            self.prev_story.draw(surface, sv)
            x += 48
            self.next_story.rect.topleft = (x + line.get_width() + 12, y - 2)
            self.next_story.draw(surface, sv)
        surface.blit(line, (x, y))

    def _draw_card(self, surface: pygame.Surface, r: pygame.Rect, node: Node, when: str | None,
                   focused: bool) -> None:
        sv = self.app.services
        story = self.story
        ending = node.ending
        colour = flowgraph.dynamic_colour(story, ending.dynamic)
        blit_panel(surface, r, theme.CREAM_LIGHT if focused else theme.CREAM,
                   255 if focused else 200, radius=16)
        if focused:
            pygame.draw.rect(surface, theme.TERRACOTTA, r, 3, border_radius=16)
        x = r.x + 56
        width = r.right - 18 - x
        if when is not None:
            pygame.draw.circle(surface, colour, (r.x + 28, r.y + 32), 13)
            pygame.draw.circle(surface, theme.STAR, (r.x + 28, r.y + 32), 13, 2)
            title = render(ending.title_template, story.default_cast(), self._initial)
            head = sheet.ellipsis(title, sv.font("serif", 21), width)
            surface.blit(sv.text.line(head, sv.font("serif", 21), theme.INK), (x, r.y + 14))
            dyn = story.dynamics.get(ending.dynamic or "")
            label = dyn.label if dyn else "An ending"
            dyn_line = sv.text.line(label, sv.font("sans-bold", 15), _darker(colour))
            surface.blit(dyn_line, (x, r.y + 48))
            date = _date(when)
            if date:
                small = sv.text.line(f"found {date}", sv.font("sans", 14), theme.INK_SOFT)
                surface.blit(small, (x + dyn_line.get_width() + 12, r.y + 49))
            if dyn and dyn.summary:
                font = sv.font("serif-italic", 15)
                text = sheet.ellipsis(dyn.summary, font, width)
                surface.blit(sv.text.line(text, font, theme.INK_SOFT), (x, r.y + 72))
        else:
            pygame.draw.circle(surface, theme.CREAM_DARK, (r.x + 28, r.y + 32), 13)
            _lock(surface, (r.x + 28, r.y + 32))
            surface.blit(sv.text.line("Not found yet", sv.font("serif-italic", 20), theme.GREY),
                         (x, r.y + 14))
            font = sv.font("serif-italic", 16)
            for i, text in enumerate(sheet.clip_lines(hint(story, node), font, width, 2)):
                surface.blit(sv.text.line(text, font, theme.INK_SOFT), (x, r.y + 46 + i * 22))

    def _initial(self, name: str):
        var = self.story.variables[name]
        return self.story.initial_values[var.slot]


def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%d %b %Y")
    except ValueError:
        return ""


def _darker(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(int(c * 0.62) for c in colour)  # type: ignore[return-value]


def _lock(surface: pygame.Surface, centre: tuple[int, int]) -> None:
    x, y = centre
    pygame.draw.rect(surface, theme.INK_SOFT, (x - 6, y - 2, 12, 9), border_radius=2)
    pygame.draw.arc(surface, theme.INK_SOFT, (x - 5, y - 9, 10, 12), 0, 3.1416, 2)
