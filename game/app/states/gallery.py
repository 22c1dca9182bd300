"""The endings gallery: each story's endings, found ones with their title and dynamic, the
others locked with a one-line hint (never their title). Kept across playthroughs.

Keys: arrows move, PageUp/PageDown (or the arrows by the story's name) change story, F opens
the story's flowchart, Esc goes back. The mouse does the same.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from game.app import endinghints, flowgraph
from game.app.render import sheet, theme
from game.app.render.widgets import blit_panel
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop, Push
from game.story.model import Node, Story
from game.story.text import Cast

CARD_W, CARD_H = 540, 104
GAP = 12
TOP = sheet.TOP + 84


class GalleryScreen(Screen):
    name = "gallery"

    def __init__(self, app: Window, stories: list[Story], story_id: str | None = None,
                 cast: Cast | None = None):
        super().__init__(app)
        #: the player's names and pronouns, for the story being played (``story_id``); the
        #: others are read with the partner unnamed
        self.cast = cast
        self.keep = app.services.keep
        self.stories = [s for s in stories if s is not None]
        self.index = next((i for i, s in enumerate(self.stories) if s.id == story_id), 0)
        self.story_id = story_id
        self.focus = 0
        self.scroll = 0
        self.announce = True  # say the story's name before its first ending (a new story)
        self.back = sheet.back_button()
        self._hints: dict[str, dict[str, str]] = {}
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
                self.announce = False
                self.focus = min(n - 1, max(0, self.focus + moves[k]))
                self._show()
                self.keep.sound("move")
            elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self._story(-1 if k == pygame.K_PAGEUP else 1)
            elif k == pygame.K_f:
                return self.open_chart()
        elif event.type == pygame.MOUSEMOTION:
            for i in range(n):
                if self.rect(i).collidepoint(event.pos) and i != self.focus:
                    self.focus = i
                    self.announce = False
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
            self.announce = True
            self.keep.sound("page")

    def open_chart(self) -> Next:
        if self.story is None:
            return None
        self.keep.sound("select")
        return Push("flowchart", story=self.story)

    def _close(self) -> Next:
        self.keep.sound("back")
        return Pop(None)

    def spoken(self) -> str | None:
        """The focused ending: its title, dynamic and when it was found, or its hint while it
        is locked; the story's name and count first when the story has just come up."""
        story = self.story
        if story is None:
            return "Endings: no stories to show."
        endings, found = self.endings(), self.found()
        head = f"{story.title}: {len(found)} of {len(endings)} endings found. " \
            if self.announce else ""
        if not endings:
            return f"{head}This story has no endings."
        node = endings[min(self.focus, len(endings) - 1)]
        where = f"Ending {self.focus + 1} of {len(endings)}"
        when = found.get(node.id)
        if when is None:
            return f"{head}{where}, not found yet. {self.hints(story).get(node.id, '')}"
        ending = node.ending
        title = self.read(ending.title_template)
        dyn = story.dynamics.get(ending.dynamic or "")
        about = f" {dyn.label}. {self.read(dyn.summary_template)}" if dyn is not None else ""
        date = _date(when)
        return f"{head}{where}: {title}.{about}" + (f" Found {date}." if date else "")

    def read(self, template) -> str:
        """A text of the story shown, with the player's names when it is the one played."""
        story = self.story
        assert story is not None
        cast = self.cast if self.cast is not None and story.id == self.story_id else None
        return endinghints.read(story, template, cast)

    def drive_hint(self):
        return {"action": "gallery", "story": self.story.id if self.story else None,
                "found": sorted(self.found())}

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        sheet.background(surface, self.app.services)
        sheet.title(surface, sv, "Endings", kicker="Found across every playthrough")
        story = self.story
        if story is None:
            note = sv.text.line("No stories to show.", sv.font("serif-italic", 21), pal.INK_SOFT)
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
        pal = self.palette
        sv = self.app.services
        line = sv.text.line(text, sv.font("serif-italic", 21), pal.PLUM)
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
        pal = self.palette
        sv = self.app.services
        story = self.story
        ending = node.ending
        colour = flowgraph.dynamic_colour(story, ending.dynamic)
        blit_panel(surface, r, pal.CREAM_LIGHT if focused else pal.CREAM,
                   255 if focused else 200, radius=16, pal=pal)
        if focused:
            pygame.draw.rect(surface, pal.TERRACOTTA, r, 3, border_radius=16)
        x = r.x + 56
        width = r.right - 18 - x
        if when is not None:
            pygame.draw.circle(surface, colour, (r.x + 28, r.y + 32), 13)
            pygame.draw.circle(surface, pal.STAR, (r.x + 28, r.y + 32), 13, 2)
            title = self.read(ending.title_template)
            head = sheet.ellipsis(title, sv.font("serif", 21), width)
            surface.blit(sv.text.line(head, sv.font("serif", 21), pal.INK), (x, r.y + 14))
            dyn = story.dynamics.get(ending.dynamic or "")
            label = dyn.label if dyn else "An ending"
            dyn_line = sv.text.line(label, sv.font("sans-bold", 15), _darker(colour))
            surface.blit(dyn_line, (x, r.y + 48))
            date = _date(when)
            if date:
                small = sv.text.line(f"found {date}", sv.font("sans", 14), pal.INK_SOFT)
                surface.blit(small, (x + dyn_line.get_width() + 12, r.y + 49))
            if dyn and dyn.summary:
                font = sv.font("serif-italic", 15)
                text = sheet.ellipsis(self.read(dyn.summary_template), font, width)
                surface.blit(sv.text.line(text, font, pal.INK_SOFT), (x, r.y + 72))
        else:
            pygame.draw.circle(surface, pal.CREAM_DARK, (r.x + 28, r.y + 32), 13)
            _lock(surface, (r.x + 28, r.y + 32), pal)
            surface.blit(sv.text.line("Not found yet", sv.font("serif-italic", 20), pal.GREY),
                         (x, r.y + 14))
            font = sv.font("serif-italic", 16)
            hint = self.hints(story).get(node.id, "")
            for i, text in enumerate(sheet.clip_lines(hint, font, width, 2)):
                surface.blit(sv.text.line(text, font, pal.INK_SOFT), (x, r.y + 46 + i * 22))

    def hints(self, story: Story) -> dict[str, str]:
        """The story's locked-ending hints, worked out once."""
        found = self._hints.get(story.id)
        if found is None:
            found = self._hints[story.id] = endinghints.hints(story)
        return found



def _date(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%d %b %Y")
    except ValueError:
        return ""


def _darker(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(int(c * 0.62) for c in colour)  # type: ignore[return-value]


def _lock(surface: pygame.Surface, centre: tuple[int, int], pal: theme.Palette) -> None:
    x, y = centre
    pygame.draw.rect(surface, pal.INK_SOFT, (x - 6, y - 2, 12, 9), border_radius=2)
    pygame.draw.arc(surface, pal.INK_SOFT, (x - 5, y - 9, 10, 12), 0, 3.1416, 2)
