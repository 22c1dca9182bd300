"""Keys and buttons: what the keyboard, the mouse and a gamepad do in play, each pad button
drawn as the glyph on the pad (A, B, X, Y in their colours, the shoulders, the d-pad). F1, a
pad's Back button, or the pause menu opens it; any key, button or click closes it."""

from __future__ import annotations

import pygame

from game.app.render import sheet
from game.app.screen import Screen
from game.app.transitions import Next, Pop

ROWS = (
    ("Go on", "Space, Enter, click", "A"),
    ("Choose a reply", "1–9, or Up/Down and Enter", "D-pad, then A"),
    ("Step back a line, then a choice", "Backspace, Page Up, wheel up", "LB"),
    ("Forward again", "Page Down, wheel down", "RB"),
    ("The menu", "Esc, right click", "Start"),
    ("Back from a page", "Esc", "B"),
    ("The quick menu", "Q, then Left/Right and Enter", "Y"),
    ("Hide the interface", "H, middle click", "X"),
    ("Skip (to the next choice)", "Tab, or hold Ctrl", ""),
    ("History", "L", ""),
    ("Quick save, quick load", "F5, F9", ""),
    ("Self-voicing", "V", ""),
    ("Full screen", "F11", ""),
    ("These keys and buttons", "F1", "Back"),
)
GLYPH = {"A": (96, 168, 80), "B": (204, 72, 64), "X": (72, 120, 204), "Y": (228, 184, 56)}


class HelpScreen(Screen):
    name = "help"

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return Pop(None)
        return None

    def spoken(self) -> str | None:
        return "Keys and buttons. " + " ".join(
            f"{what}: {keys}{'; on a pad, ' + pad if pad else ''}." for what, keys, pad in ROWS)

    def drive_hint(self):
        return {"action": "help"}

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.palette
        sv = self.app.services
        sheet.background(surface, self.app.services)
        y = sheet.title(surface, sv, "Keys and buttons", kicker="Keyboard, mouse and gamepad")
        font, small = sv.font("sans", 18), sv.font("sans-bold", 14)
        heads = sv.font("sans-bold", 14)
        for x, text in ((sheet.LEFT, "WHAT"), (sheet.LEFT + 360, "KEYBOARD AND MOUSE"),
                        (sheet.LEFT + 800, "GAMEPAD")):
            surface.blit(sv.text.line(text, heads, pal.DUSK), (x, y))
        y += 28
        for what, keys, pad in ROWS:
            surface.blit(sv.text.line(what, font, pal.INK), (sheet.LEFT, y))
            surface.blit(sv.text.line(keys, font, pal.INK_SOFT), (sheet.LEFT + 360, y))
            if pad:
                self._glyphs(surface, pad, sheet.LEFT + 800, y + 11, small, font)
            y += 32
        sheet.hints(surface, sv, "Any key, button or click closes this page")

    def _glyphs(self, surface, pad: str, x: int, cy: int, small, font) -> None:
        """The pad's buttons as they look: coloured face buttons, pill-shaped others."""
        pal = self.palette
        sv = self.app.services
        for part in pad.split(", then "):
            if part in GLYPH:
                pygame.draw.circle(surface, GLYPH[part], (x + 12, cy), 12)
                label = sv.text.line(part, small, pal.CREAM_LIGHT)
                surface.blit(label, label.get_rect(center=(x + 12, cy)))
                x += 34
            else:
                label = sv.text.line(part, small, pal.CREAM_LIGHT)
                pill = pygame.Rect(x, cy - 12, label.get_width() + 20, 24)
                pygame.draw.rect(surface, pal.INK_SOFT, pill, border_radius=12)
                surface.blit(label, label.get_rect(center=pill.center))
                x = pill.right + 10
            then = sv.text.line("then", font, pal.INK_SOFT)
            if part != pad.split(", then ")[-1]:
                surface.blit(then, (x, cy - then.get_height() // 2))
                x += then.get_width() + 10
