"""Settings: every setting of ``game.app.settings``, live, stored the moment it changes.

Rows come from the Settings dataclass's fields (so a new setting appears here by itself),
grouped under Reading, Sound, and Display and access. Up/Down choose, Left/Right change a
number (or flip a switch), Enter or Space flips a switch, Esc goes back. With the mouse: click
a switch, click or drag along a slider, the wheel over a slider changes it.
"""

from __future__ import annotations

import dataclasses

import pygame

from game.app.render import sheet
from game.app.render.widgets import blit_panel
from game.app.screen import Screen, Window
from game.app.settings import Settings, fields
from game.app.transitions import Next, Pop

GROUPS = (
    ("Reading", ("text_speed", "instant_text", "auto_advance", "auto_delay", "skip_seen",
                 "skip_unseen", "quick_menu")),
    ("Sound", ("master_volume", "music_volume", "effects_volume")),
    ("Display and access", ("fullscreen", "text_size", "high_contrast", "legible_font",
                            "reduced_motion", "show_dynamics", "self_voicing")),
)
HELP = {
    "text_speed": "How fast lines appear, letter by letter.",
    "instant_text": "Show each line whole, at once.",
    "auto_advance": "Go on to the next line by itself after a pause (never past a choice).",
    "auto_delay": "How long a finished line stays before the next one.",
    "skip_seen": "Lines read in an earlier playthrough pass quickly, up to the next choice.",
    "skip_unseen": "Skipping (Ctrl held, Tab, or Skip) passes text you have not read yet "
                   "too; it still stops at every choice.",
    "quick_menu": "The row of buttons under the dialogue: Back, History, Skip, Auto, Save, "
                  "Q.Save, Q.Load, Settings.",
    "master_volume": "The loudness of everything.",
    "music_volume": "The soft sound of each place.",
    "effects_volume": "The quiet sounds of menus and saving.",
    "fullscreen": "Fill the screen (F11 does the same).",
    "text_size": "Larger text in the dialogue, the replies and the history; the layout reflows.",
    "high_contrast": "Darker ink and plainer backgrounds.",
    "legible_font": "Atkinson Hyperlegible everywhere, a font made for low vision.",
    "reduced_motion": "No typewriter, no fades, no drifting camera.",
    "show_dynamics": "Show the partner's tracked state and the kind of each reply while playing.",
    "self_voicing": "Read the lines, the replies and every menu aloud with the computer's "
                    "voice (V switches it anywhere).",
}
COL_X = (sheet.LEFT, sheet.LEFT + 580)
COL_W = 520
ROW_H = 42
SLIDER_W = 180
VALUE_ROOM = 96  # right of a slider: its knob at the end, a gap, and the widest value ("200%")


@dataclasses.dataclass
class Row:
    field: dataclasses.Field
    rect: pygame.Rect

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def is_flag(self) -> bool:
        return isinstance(self.field.default, bool)


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app: Window):
        super().__init__(app)
        self.keep = app.services.keep
        self.rows: list[Row] = []
        self.heads: list[tuple[str, int, int]] = []
        by_name = {f.name: f for f in fields()}
        placed = set()
        columns = ((GROUPS[0], GROUPS[1]), (GROUPS[2],))
        for col, groups in enumerate(columns):
            y = sheet.TOP + 80
            for label, names in groups:
                self.heads.append((label, COL_X[col], y))
                y += 30
                for name in names:
                    self.rows.append(Row(by_name[name], pygame.Rect(COL_X[col], y, COL_W,
                                                                    ROW_H - 4)))
                    placed.add(name)
                    y += ROW_H
                y += 16
        # a setting not in a group still gets a row, under the last column
        for f in fields():
            if f.name not in placed:
                last = self.rows[-1].rect
                self.rows.append(Row(f, pygame.Rect(last.x, last.bottom + 4, COL_W, ROW_H - 4)))
        self.focus = 0
        self.dragging: int | None = None
        self.back = sheet.back_button()
        self.message = self.keep.settings_problem

    @property
    def settings(self) -> Settings:
        return self.app.services.settings

    # -- changing --------------------------------------------------------------------------------

    def set(self, name: str, value) -> None:
        if getattr(self.settings, name) == value:
            return
        self.app.services.change_settings(**{name: value})
        self.keep.sound("move")

    def nudge(self, row: Row, direction: int) -> None:
        if row.is_flag:
            self.set(row.name, not getattr(self.settings, row.name))
            return
        step = row.field.metadata["step"]
        value = getattr(self.settings, row.name) + direction * step
        lo, hi = row.field.metadata["range"]
        value = min(max(value, lo), hi)
        self.set(row.name, round(value, 3))

    def _slider(self, row: Row) -> pygame.Rect:
        r = row.rect
        return pygame.Rect(r.right - SLIDER_W - VALUE_ROOM, r.centery - 10, SLIDER_W, 20)

    def _from_x(self, row: Row, x: int) -> None:
        lo, hi = row.field.metadata["range"]
        step = row.field.metadata["step"]
        bar = self._slider(row)
        k = min(1.0, max(0.0, (x - bar.x) / bar.w))
        value = lo + round(k * (hi - lo) / step) * step
        self.set(row.name, round(min(max(value, lo), hi), 3))

    # -- input -----------------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> Next:
        if self.back.handle_event(event):
            return self._close()
        if event.type == pygame.KEYDOWN:
            k = event.key
            if k in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                return self._close()
            if k in (pygame.K_UP, pygame.K_w):
                self.focus = (self.focus - 1) % len(self.rows)
            elif k in (pygame.K_DOWN, pygame.K_s, pygame.K_TAB):
                self.focus = (self.focus + 1) % len(self.rows)
            elif k in (pygame.K_LEFT, pygame.K_a, pygame.K_MINUS, pygame.K_KP_MINUS):
                self.nudge(self.rows[self.focus], -1)
            elif k in (pygame.K_RIGHT, pygame.K_d, pygame.K_PLUS, pygame.K_EQUALS,
                       pygame.K_KP_PLUS):
                self.nudge(self.rows[self.focus], 1)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                row = self.rows[self.focus]
                if row.is_flag:
                    self.nudge(row, 1)
        elif event.type == pygame.MOUSEMOTION:
            i = self.at(event.pos)
            if i is not None:
                self.focus = i
            if self.dragging is not None:
                self._from_x(self.rows[self.dragging], event.pos[0])
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            i = self.at(event.pos)
            if i is None:
                return None
            self.focus = i
            row = self.rows[i]
            if row.is_flag:
                self.nudge(row, 1)
            elif self._slider(row).inflate(24, 20).collidepoint(event.pos):
                self.dragging = i
                self._from_x(row, event.pos[0])
            else:
                self.nudge(row, 1 if event.pos[0] > self._slider(row).centerx else -1)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return self._close()
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.dragging = None
        elif event.type == pygame.MOUSEWHEEL:
            row = self.rows[self.focus]
            if not row.is_flag:
                self.nudge(row, 1 if event.y > 0 else -1)
        return None

    def at(self, pos) -> int | None:
        for i, row in enumerate(self.rows):
            if row.rect.collidepoint(pos):
                return i
        return None

    def _close(self) -> Next:
        self.keep.sound("back")
        return Pop(None)

    def spoken(self) -> str | None:
        row = self.rows[self.focus]
        value = getattr(self.settings, row.name)
        said = ("on" if value else "off") if row.is_flag else self._value_text(row, value)
        return f"{row.field.metadata['label']}: {said}"

    def drive_hint(self):
        return {"action": "settings", "focus": self.rows[self.focus].name}

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        sheet.background(surface, self.app.services)
        sheet.title(surface, sv, "Settings", kicker="Kept for next time")
        head_font = sv.font("sans-bold", 14)
        for label, x, y in self.heads:
            surface.blit(sv.text.line(label.upper(), head_font, pal.DUSK), (x + 14, y + 6))
        for i, row in enumerate(self.rows):
            self._draw_row(surface, row, i == self.focus)
        self._draw_help(surface)
        sheet.hints(surface, sv, "Up/Down choose  ·  Left/Right change  ·  Enter switches  ·  "
                                 "Esc back")
        self.back.draw(surface, sv)

    def _draw_row(self, surface: pygame.Surface, row: Row, focused: bool) -> None:
        pal = self.palette
        sv = self.app.services
        r = row.rect
        if focused:
            blit_panel(surface, r, pal.CREAM_DARK, 160, radius=r.h // 2, pal=pal)
            pygame.draw.circle(surface, pal.TERRACOTTA, (r.x + 10, r.centery), 4)
        label = sv.text.line(row.field.metadata["label"], sv.font("sans", 19), pal.INK)
        surface.blit(label, (r.x + 22, r.centery - label.get_height() // 2))
        value = getattr(self.settings, row.name)
        if row.is_flag:
            self._draw_switch(surface, pygame.Rect(r.right - 70, r.centery - 13, 50, 26), value)
            return
        bar = self._slider(row)
        lo, hi = row.field.metadata["range"]
        k = (value - lo) / (hi - lo) if hi > lo else 0
        pygame.draw.line(surface, pal.CREAM_DARK, (bar.x, bar.centery), (bar.right, bar.centery),
                         6)
        pygame.draw.line(surface, pal.SLIDER_FILL, (bar.x, bar.centery),
                         (bar.x + int(k * bar.w), bar.centery), 6)
        pygame.draw.circle(surface, pal.SLIDER_KNOB, (bar.x + int(k * bar.w), bar.centery), 9)
        pygame.draw.circle(surface, pal.CREAM_LIGHT, (bar.x + int(k * bar.w), bar.centery), 4)
        text = self._value_text(row, value)
        shown = sv.text.line(text, sv.font("sans-bold", 16), pal.INK_SOFT)
        surface.blit(shown, (r.right - 14 - shown.get_width(), r.centery - shown.get_height() // 2))

    @staticmethod
    def _value_text(row: Row, value) -> str:
        name = row.name
        if name.endswith("volume"):
            return f"{round(value * 100)}%"
        if name == "text_size":
            return f"{value}%"
        if name == "auto_delay":
            return f"{value:g} s"
        if name == "text_speed":
            return f"{value}/s"
        return f"{value:g}"

    def _draw_switch(self, surface: pygame.Surface, rect: pygame.Rect, on: bool) -> None:
        pal = self.palette
        blit_panel(surface, rect, pal.SAGE_DARK if on else pal.CREAM_DARK, 255,
                   radius=rect.h // 2, pal=pal)
        x = rect.right - 13 if on else rect.x + 13
        pygame.draw.circle(surface, pal.CREAM_LIGHT, (x, rect.centery), 10)

    def _draw_help(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        row = self.rows[self.focus]
        x = COL_X[1] + 14
        y = self.rows[-1].rect.bottom + 22
        width = sheet.PANEL.right - 44 - x
        text = HELP.get(row.name, "")
        if self.message:
            text = f"{self.message} {text}"
        block = sv.text.block(text, sv.font("serif-italic", 17), pal.INK_SOFT, width, 24)
        block.draw(surface, x, y)
        y += block.height + 14
        size = sv.settings.scaled(21)
        sample = sv.text.block("“I'm not going anywhere. Take the time you need.”",
                               sv.font("serif", size), pal.INK, width, int(size * 1.4))
        box = pygame.Rect(x - 14, y, width + 28, min(sample.height + 24,
                                                     sheet.PANEL.bottom - 80 - y))
        if box.h > 30:
            blit_panel(surface, box, pal.CREAM_LIGHT, 255, radius=14, pal=pal)
            clip = surface.get_clip()
            surface.set_clip(box.inflate(-4, -4))
            sample.draw(surface, x, y + 12)
            surface.set_clip(clip)
