"""The story picker: every folder in stories/, with its title and blurb.

A story that fails to load is listed with its errors, dimmed, never hidden; it cannot be picked,
but its problems can be read.
"""

from __future__ import annotations

import pygame

from game.app.catalog import Entry, for_players, scan
from game.app.endinghints import unnamed_blurb
from game.app.render import theme
from game.app.render.widgets import blit_panel, fade_edges, vertical_gradient
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop

CARD_X, CARD_W = 120, 1040
TOP = 150
GAP = 14
VISIBLE = 520


class PickerScreen(Screen):
    name = "picker"

    def __init__(self, app: Window, entries: list[Entry] | None = None):
        super().__init__(app)
        self.entries = entries if entries is not None else for_players(scan())
        self.focus = next((i for i, e in enumerate(self.entries) if e.playable), 0)
        self.scroll = 0.0
        self.heights = [self._height(e) for e in self.entries]

    def blurb(self, e: Entry) -> str:
        """The blurb as a player who has not named the partner yet reads it."""
        return unnamed_blurb(e.story) if e.story is not None else e.blurb

    def _height(self, e: Entry) -> int:
        pal = self.palette
        sv = self.app.services
        h = 30 + 40
        if e.blurb:
            h += sv.text.block(self.blurb(e), sv.font("serif", 19), pal.INK_SOFT, CARD_W - 64,
                               27).height + 6
        if e.problems:
            shown = 6 if self.entries.index(e) == self.focus else 3
            h += 34 + 22 * min(len(e.problems), shown) + (22 if len(e.problems) > shown else 0)
        return h + 16

    def _tops(self) -> list[int]:
        tops, y = [], TOP
        for h in self.heights:
            tops.append(y)
            y += h + GAP
        return tops

    def rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(CARD_X, self._tops()[i] - int(self.scroll), CARD_W, self.heights[i])

    def handle_event(self, event: pygame.event.Event) -> Next:
        n = len(self.entries)
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                return Pop(None)
            if event.key in (pygame.K_DOWN, pygame.K_TAB) and n:
                self._focus((self.focus + 1) % n)
            elif event.key == pygame.K_UP and n:
                self._focus((self.focus - 1) % n)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and n:
                return self._pick(self.focus)
            elif pygame.K_1 <= event.key <= pygame.K_9:
                i = event.key - pygame.K_1
                if i < n:
                    self._focus(i)
                    return self._pick(i)
        elif event.type == pygame.MOUSEMOTION:
            i = self._at(event.pos)
            if i is not None and i != self.focus:
                self._focus(i)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self._back_rect().collidepoint(event.pos):
                return Pop(None)
            i = self._at(event.pos)
            if i is not None:
                self._focus(i)
                return self._pick(i)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0.0, self.scroll - event.y * 40)
        return None

    def _at(self, pos) -> int | None:
        for i in range(len(self.entries)):
            if self.rect(i).collidepoint(pos):
                return i
        return None

    def _focus(self, i: int) -> None:
        self.focus = i
        self.heights = [self._height(e) for e in self.entries]

    def _pick(self, i: int) -> Next:
        """Hand the story back to whoever opened the picker; a broken one cannot be picked."""
        return Pop(self.entries[i]) if self.entries[i].playable else None

    def spoken(self) -> str | None:
        if not self.entries:
            return "No stories were found."
        e = self.entries[self.focus]
        return f"{e.title}. {self.blurb(e)}" if e.playable else f"{e.title}, cannot be played"

    def _back_rect(self) -> pygame.Rect:
        return pygame.Rect(theme.WIDTH - 220, 52, 120, 40)

    def update(self, dt: float) -> None:
        if not self.entries:
            return
        r = self.rect(self.focus)
        target = self.scroll
        if r.bottom > TOP + VISIBLE:
            target = self.scroll + r.bottom - (TOP + VISIBLE)
        if r.top < TOP:
            target = self.scroll - (TOP - r.top)
        self.scroll += (target - self.scroll) * min(1.0, dt * 10)

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        surface.blit(vertical_gradient(theme.SIZE, pal.NIGHT, pal.TEAL), (0, 0))
        surface.blit(sv.text.line("Choose a story", sv.font("serif", 44), pal.STAR),
                     (CARD_X, 56))
        back = self._back_rect()
        surface.blit(sv.text.line("Esc  back", sv.font("sans", 17), pal.CREAM_DARK),
                     (back.x + 14, back.y + 10))
        if not self.entries:
            msg = sv.text.block("No stories were found in the stories folder.",
                                sv.font("serif", 22), pal.CREAM, 800)
            msg.draw(surface, CARD_X, TOP + 20)
            return
        clip = surface.get_clip()
        area = pygame.Rect(0, TOP - 20, theme.WIDTH, VISIBLE + 60)
        surface.set_clip(area)
        for i, e in enumerate(self.entries):
            r = self.rect(i)
            if r.bottom < TOP - 30 or r.top > TOP + VISIBLE + 40:
                continue
            self._draw_card(surface, r, e, i == self.focus)
        surface.set_clip(clip)
        self._fade_list_edges(surface, area)

    def _draw_card(self, surface: pygame.Surface, r: pygame.Rect, e: Entry,
                   focused: bool) -> None:
        """One story: its title, folder and blurb, and the problems of one that cannot play."""
        pal = self.palette
        sv = self.app.services
        if not e.playable:  # dimmed: it can be read, not picked
            blit_panel(surface, r, pal.CREAM_DARK, 200, radius=20, pal=pal)
        elif focused:
            blit_panel(surface, r, pal.PANEL, 252, radius=20, shadow=10, pal=pal)
            pygame.draw.rect(surface, pal.AMBER, r, 3, border_radius=20)
        else:  # a warm card of its own, raised a little: it can be clicked too
            blit_panel(surface, r, pal.CREAM, 240, radius=20, shadow=4, pal=pal)
        if focused:
            pygame.draw.rect(surface, pal.AMBER, (r.x + 10, r.y + 18, 5, r.h - 36),
                             border_radius=3)
        y = r.y + 22
        title_colour = pal.INK if e.playable else pal.INK_SOFT
        surface.blit(sv.text.line(e.title, sv.font("serif-bold", 27), title_colour),
                     (r.x + 32, y))
        folder = sv.text.line(e.path.name, sv.font("sans", 15), pal.INK_SOFT)
        surface.blit(folder, (r.right - folder.get_width() - 28, y + 8))
        y += 44
        if e.blurb:
            block = sv.text.block(self.blurb(e), sv.font("serif", 19), pal.INK_SOFT,
                                  CARD_W - 64, 27)
            block.draw(surface, r.x + 32, y)
            y += block.height + 6
        if e.problems:
            self._draw_problems(surface, r.x, y, e, 6 if focused else 3)

    def _draw_problems(self, surface: pygame.Surface, x: int, y: int, e: Entry,
                       shown: int) -> None:
        """Why a story cannot be played: its first problems, and how to see them all."""
        pal = self.palette
        sv = self.app.services
        n = len(e.problems)
        head = f"Cannot be played: {n} problem{'s' if n != 1 else ''}"
        surface.blit(sv.text.line(head, sv.font("sans-bold", 17), pal.TERRACOTTA),
                     (x + 32, y + 6))
        y += 34
        small = sv.font("sans", 15)
        for text in e.problems[:shown]:
            line = text if len(text) < 120 else text[:117] + "…"
            surface.blit(sv.text.line(line, small, pal.PLUM), (x + 44, y))
            y += 22
        if n > shown:
            more = sv.text.line(f"… and {n - shown} more (lowtide lint {e.path})",
                                small, pal.INK_SOFT)
            surface.blit(more, (x + 44, y))

    def _fade_list_edges(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Cards running past the top or the bottom of the list fade out instead of being cut."""
        pal = self.palette
        tops = self._tops()
        end = tops[-1] + self.heights[-1] - int(self.scroll)
        background = vertical_gradient(theme.SIZE, pal.NIGHT, pal.TEAL)
        fade_edges(surface, area,
                   top=background.get_at((0, area.y)) if self.scroll > 1 else None,
                   bottom=background.get_at((0, area.bottom - 1)) if end > area.bottom else None,
                   size=36)
