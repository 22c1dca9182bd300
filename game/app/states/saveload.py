"""Save and load: nine slots per story, the autosave and the quick save, each with its picture.

A slot shows its thumbnail, date, story and the line on screen when it was saved; an empty
slot says so; a damaged one shows what is wrong (its file was set aside, never lost). From
play both tabs are open (Save, Load); from the title only Load, with every story that has
saves (PageUp/PageDown or the arrows beside its name to change story).

Keys: arrows move, Enter or Space use the slot, 1–9 pick a slot, Q the quick save, A the
autosave (load only), Tab switches Save/Load, Esc goes back. The mouse does all of it too.
"""

from __future__ import annotations

import pygame

from game.app.persist import AUTO, NUMBERED, QUICK, SaveInfo, SaveProblem
from game.app.persist.saves import Slot
from game.app.render import sheet, theme
from game.app.render.veil import darken
from game.app.render.widgets import blit_panel
from game.app.screen import Screen, Window, carry_on
from game.app.transitions import Next, Pop
from game.story.session import Session

CARD_W, CARD_H = 352, 122
GAP = 10
TOP_H = 84
THUMB = (160, 90)
GRID_X = sheet.LEFT
ORDER = (AUTO, QUICK, *NUMBERED)


class SaveLoadScreen(Screen):
    name = "saves"

    def __init__(self, app: Window, mode: str = "load", session: Session | None = None,
                 story_id: str | None = None, line: str | None = None,
                 picture: pygame.Surface | None = None):
        super().__init__(app)
        self.keep = app.services.keep
        self.session = session
        self.line = line
        #: the scene as play last showed it: a save's thumbnail, never this page itself
        self.picture = picture
        self.mode = mode if session is not None else "load"
        self.stories = self._stories(story_id)
        self.story_index = 0
        self.slots: dict[str, Slot] = {}
        self.focus = "1"
        self.confirm: str | None = None  # a slot waiting for "replace it?"
        self.thumbs: dict[str, pygame.Surface | None] = {}
        self.back = sheet.back_button()
        y = sheet.TOP + 2
        self.tabs = {"save": sheet.Button("Save", pygame.Rect(sheet.PANEL.right - 300, y, 110, 36)),
                     "load": sheet.Button("Load", pygame.Rect(sheet.PANEL.right - 180, y, 110, 36))}
        self.prev_story = sheet.Button("‹", pygame.Rect(0, 0, 36, 32))
        self.next_story = sheet.Button("›", pygame.Rect(0, 0, 36, 32))
        self.yes = sheet.Button("Replace", pygame.Rect(0, 0, 120, 38))
        self.no = sheet.Button("Keep it", pygame.Rect(0, 0, 120, 38))
        self.refresh()

    # -- data ------------------------------------------------------------------------------------

    def _stories(self, story_id: str | None) -> list[tuple[str, str]]:
        """(id, title) of the stories to show: the one being played, or every one with saves."""
        if self.session is not None:
            return [(self.session.story.id, self.session.story.title)]
        return self.keep.saved_stories(first=story_id)

    @property
    def story_id(self) -> str | None:
        return self.stories[self.story_index][0] if self.stories else None

    def refresh(self) -> None:
        self.slots = self.keep.slots(self.story_id)
        self.thumbs = {}
        for slot, info in self.slots.items():
            self.thumbs[slot] = self._thumb(info) if isinstance(info, SaveInfo) else None
        if self.mode == "load" and self.focus not in self.usable():
            usable = self.usable()
            self.focus = usable[0] if usable else "1"

    def _thumb(self, info: SaveInfo) -> pygame.Surface | None:
        if info.thumbnail is None:
            return None
        try:
            image = pygame.image.load(str(info.thumbnail))
            return pygame.transform.smoothscale(image, THUMB)
        except (pygame.error, OSError, ValueError):
            return None

    def usable(self) -> list[str]:
        if self.mode == "save":
            return [QUICK, *NUMBERED]
        return [s for s in ORDER if isinstance(self.slots.get(s), SaveInfo)]

    # -- layout ----------------------------------------------------------------------------------

    def rect(self, slot: str) -> pygame.Rect:
        top = sheet.TOP + 80
        if slot == AUTO:
            return pygame.Rect(GRID_X, top, (3 * CARD_W + 2 * GAP) // 2 - 10, TOP_H)
        if slot == QUICK:
            w = (3 * CARD_W + 2 * GAP) // 2 - 10
            return pygame.Rect(GRID_X + 3 * CARD_W + 2 * GAP - w, top, w, TOP_H)
        n = int(slot) - 1
        row, col = divmod(n, 3)
        y = top + TOP_H + GAP + 4 + row * (CARD_H + GAP)
        return pygame.Rect(GRID_X + col * (CARD_W + GAP), y, CARD_W, CARD_H)

    def at(self, pos) -> str | None:
        for slot in ORDER:
            if self.rect(slot).collidepoint(pos):
                return slot
        return None

    def _neighbour(self, slot: str, dx: int, dy: int) -> str:
        if slot in (AUTO, QUICK):
            if dy > 0:
                return "1" if slot == AUTO else "3"
            if dx:
                return QUICK if slot == AUTO else AUTO
            return slot
        row, col = divmod(int(slot) - 1, 3)
        if dy < 0 and row == 0:
            return AUTO if col < 2 else QUICK
        row = min(2, max(0, row + dy))
        col = (col + dx) % 3
        return str(row * 3 + col + 1)

    # -- input -----------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.confirm is not None:
            self._confirm_event(event)
            return None
        if self.back.handle_event(event):
            return self._leave()
        if self.session is not None:
            for mode, button in self.tabs.items():
                if button.handle_event(event) and mode != self.mode:
                    self._switch(mode)
                    return None
        if len(self.stories) > 1:
            if self.prev_story.handle_event(event):
                self._story(-1)
                return None
            if self.next_story.handle_event(event):
                self._story(1)
                return None
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEMOTION:
            slot = self.at(event.pos)
            if slot is not None:
                self.focus = slot
        elif event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 3:
                return self._leave()
            if event.button == 1:
                slot = self.at(event.pos)
                if slot is not None:
                    self.focus = slot
                    return self.use(slot)
        return None

    def _key(self, event: pygame.event.Event) -> Next:
        k = event.key
        moves = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1),
                 pygame.K_DOWN: (0, 1)}
        if k in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            return self._leave()
        if k in moves:
            self.focus = self._neighbour(self.focus, *moves[k])
            self.keep.sound("move")
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.use(self.focus)
        elif pygame.K_1 <= k <= pygame.K_9:
            self.focus = str(k - pygame.K_0)
            return self.use(self.focus)
        elif k == pygame.K_q:
            self.focus = QUICK
            return self.use(QUICK)
        elif k == pygame.K_a and self.mode == "load":
            self.focus = AUTO
            return self.use(AUTO)
        elif k == pygame.K_TAB and self.session is not None:
            self._switch("load" if self.mode == "save" else "save")
        elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self._story(-1 if k == pygame.K_PAGEUP else 1)
        return None

    def _confirm_event(self, event: pygame.event.Event) -> None:
        if self.yes.handle_event(event):
            self._write(self.confirm)
        elif self.no.handle_event(event):
            self.confirm = None
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_y):
                self._write(self.confirm)
            elif event.key in (pygame.K_ESCAPE, pygame.K_n, pygame.K_BACKSPACE):
                self.confirm = None
                self.keep.sound("back")
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            self.confirm = None

    def _leave(self) -> Next:
        self.keep.sound("back")
        return Pop(None)

    def _switch(self, mode: str) -> None:
        self.mode = mode
        self.keep.sound("page")
        self.refresh()

    def _story(self, step: int) -> None:
        if len(self.stories) > 1:
            self.story_index = (self.story_index + step) % len(self.stories)
            self.keep.sound("page")
            self.refresh()

    def use(self, slot: str) -> Next:
        """Save to or load from ``slot``, as the tab says."""
        found = self.slots.get(slot)
        if self.mode == "save":
            if slot == AUTO:
                self.keep.sound("error")
                self.keep.say("The autosave is written by the game after every choice.")
            elif isinstance(found, SaveInfo):
                self.confirm = slot
                self.keep.sound("move")
            else:
                self._write(slot)
            return None
        if isinstance(found, SaveInfo):
            self.keep.sound("select")
            return carry_on(self.keep.open_save(found))
        self.keep.sound("error")
        if isinstance(found, SaveProblem):
            self.keep.say("This save cannot be loaded.")
        return None

    def _write(self, slot: str | None) -> None:
        self.confirm = None
        if slot is None or self.session is None:
            return
        self.keep.save(self.session, slot, self.line, picture=self.picture)
        self.refresh()

    def spoken(self) -> str | None:
        if self.confirm is not None:
            return f"{self._replace_question()} Enter replaces it, Esc keeps it."
        label = {AUTO: "Autosave", QUICK: "Quick save"}.get(self.focus, f"Slot {self.focus}")
        info = self.slots.get(self.focus)
        if isinstance(info, SaveInfo):
            return f"{label}, {info.when()}: {info.line or ''}"
        return f"{label}, damaged" if isinstance(info, SaveProblem) else f"{label}, empty"

    def drive_hint(self):
        return {"action": "saves", "mode": self.mode, "focus": self.focus}

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        sheet.background(surface, self.app.services)
        heading = "Save your place" if self.mode == "save" else "Carry on from a save"
        sheet.title(surface, sv, heading, kicker="Save" if self.mode == "save" else "Load")
        if self.session is not None:
            for mode, button in self.tabs.items():
                button.draw(surface, sv, active=mode == self.mode)
        self._draw_story_name(surface)
        if not self.stories:
            note = sv.text.line("No saved games yet. The game saves by itself after every "
                                "reply you choose.", sv.font("serif-italic", 21), pal.INK_SOFT)
            surface.blit(note, (sheet.LEFT, sheet.TOP + 110))
        else:
            for slot in ORDER:
                self._draw_card(surface, slot)
        keys = ("Arrows move  ·  Enter saves  ·  Tab: load  ·  Esc back" if self.mode == "save"
                else "Arrows move  ·  Enter loads  ·  1–9, Q, A pick a slot  ·  Esc back")
        if self.session is not None and self.mode == "load":
            keys = keys.replace("  ·  Esc", "  ·  Tab: save  ·  Esc")
        sheet.hints(surface, sv, keys)
        self.back.draw(surface, sv)
        if self.confirm is not None:
            self._draw_confirm(surface)

    def _draw_story_name(self, surface: pygame.Surface) -> None:
        pal = self.palette
        if not self.stories:
            return
        sv = self.app.services
        title = self.stories[self.story_index][1]
        line = sv.text.line(title, sv.font("serif-italic", 22), pal.PLUM)
        x = sheet.LEFT + 400
        y = sheet.TOP + 30
        if len(self.stories) > 1:
            self.prev_story.rect.topleft = (x, y - 2)
            self.prev_story.draw(surface, sv)
            x += 48
            surface.blit(line, (x, y))
            self.next_story.rect.topleft = (x + line.get_width() + 12, y - 2)
            self.next_story.draw(surface, sv)
        else:
            surface.blit(line, (x, y))

    def _draw_card(self, surface: pygame.Surface, slot: str) -> None:
        """One slot: its picture, its name, and what it holds (a save, a problem, nothing)."""
        pal = self.palette
        sv = self.app.services
        r = self.rect(slot)
        info = self.slots.get(slot)
        focused = slot == self.focus
        usable = slot in self.usable()
        fill = pal.CREAM_LIGHT if focused else pal.CREAM
        blit_panel(surface, r, fill, 255 if focused else 200, radius=16, pal=pal)
        if focused:
            pygame.draw.rect(surface, pal.TERRACOTTA if usable else pal.GREY, r, 3,
                             border_radius=16)
        if isinstance(info, SaveProblem):
            pygame.draw.rect(surface, pal.DUSK, r.inflate(-4, -4), 1, border_radius=14)
        thumb_rect = self._draw_thumb(surface, r, slot, info)
        x = thumb_rect.right + 14
        width = r.right - 14 - x
        y = r.y + 12
        label = {AUTO: "Autosave", QUICK: "Quick save"}.get(slot, f"Slot {slot}")
        head = sv.text.line(label, sv.font("sans-bold", 16), pal.PLUM)
        surface.blit(head, (x, y))
        if isinstance(info, SaveInfo):
            self._draw_save(surface, r, slot, info, (x, y), head.get_width(), width)
        elif isinstance(info, SaveProblem):
            y += 24
            font = sv.font("sans", 14)
            rows = max(1, (r.bottom - 8 - y) // 18)
            for text in sheet.clip_lines(info.message, font, width, rows):
                surface.blit(sv.text.line(text, font, pal.TERRACOTTA), (x, y))
                y += 18
        else:
            y += 26
            note = "Written after every choice" if slot == AUTO else (
                "F5 saves here while playing" if slot == QUICK else "Empty")
            surface.blit(sv.text.line(note, sv.font("serif-italic", 16), pal.INK_SOFT), (x, y))

    def _draw_thumb(self, surface: pygame.Surface, r: pygame.Rect, slot: str,
                    info: Slot | None) -> pygame.Rect:
        """The slot's picture (smaller for the autosave and the quick save), or a mark for a
        slot without one; returns where it went."""
        pal = self.palette
        sv = self.app.services
        thumb_rect = pygame.Rect(r.x + 14, r.y + (r.h - THUMB[1]) // 2, *THUMB)
        if slot in (AUTO, QUICK):
            thumb_rect.size = (THUMB[0] * 3 // 4, THUMB[1] * 3 // 4)
            thumb_rect.y = r.y + (r.h - thumb_rect.h) // 2
        image = self.thumbs.get(slot)
        if image is not None:
            if image.get_size() != thumb_rect.size:
                image = pygame.transform.smoothscale(image, thumb_rect.size)
            surface.blit(image, thumb_rect)
            pygame.draw.rect(surface, pal.CREAM_DARK, thumb_rect, 1, border_radius=4)
        else:
            blit_panel(surface, thumb_rect, pal.CREAM_DARK, 150, radius=8, pal=pal)
            mark = "!" if isinstance(info, SaveProblem) else ("—" if info is None else "·")
            m = sv.text.line(mark, sv.font("serif", 28), pal.INK_SOFT)
            surface.blit(m, m.get_rect(center=thumb_rect.center))
        return thumb_rect

    def _draw_save(self, surface: pygame.Surface, r: pygame.Rect, slot: str, info: SaveInfo,
                   at: tuple[int, int], head_width: int, width: int) -> None:
        """A save's date, its story (when another than the one played) and its line."""
        pal = self.palette
        sv = self.app.services
        x, y = at
        when = sv.text.line(info.when(), sv.font("sans", 14), pal.INK_SOFT)
        if slot in (AUTO, QUICK):
            surface.blit(when, (x + head_width + 10, y + 2))
        else:
            y += 20
            surface.blit(when, (x, y))
        y += 24
        small = sv.font("sans", 14)
        if self.session is None or info.story_id != self.session.story.id:
            story = sheet.ellipsis(info.story_title, small, width)
            surface.blit(sv.text.line(story, small, pal.INK_SOFT), (x, y))
            y += 20
        font = sv.font("serif", 16)
        rows = max(1, (r.bottom - 10 - y) // 21)
        for text in sheet.clip_lines(info.line or "…", font, width, rows):
            surface.blit(sv.text.line(text, font, pal.INK), (x, y))
            y += 21

    def _replace_question(self) -> str:
        label = {QUICK: "the quick save"}.get(self.confirm or "", f"slot {self.confirm}")
        return f"Replace the save in {label}?"

    def _draw_confirm(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        darken(surface, pal.NIGHT_DEEP, 120)
        box = pygame.Rect(0, 0, 520, 170)
        box.center = (theme.WIDTH // 2, theme.HEIGHT // 2)
        blit_panel(surface, box, radius=22, shadow=12, pal=pal)
        text = sv.text.line(self._replace_question(), sv.font("serif", 24), pal.INK)
        surface.blit(text, (box.x + 32, box.y + 30))
        small = sv.text.line("Enter replaces it, Esc keeps it.", sv.font("sans", 15),
                             pal.INK_SOFT)
        surface.blit(small, (box.x + 32, box.y + 70))
        self.yes.rect.topleft = (box.x + 32, box.bottom - 58)
        self.no.rect.topleft = (box.x + 168, box.bottom - 58)
        self.yes.draw(surface, sv, active=True)
        self.no.draw(surface, sv)
