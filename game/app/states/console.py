"""The developer console, over play: type a command, see its reply; the story keeps its place.

Commands are run by ``game.app.dev.console`` (goto, set, vars, nodes, reload, help); this screen
is only the typing: text input, Backspace, Enter, Tab completion and the lines typed before.
"""

from __future__ import annotations

import pygame

from game.app import dev
from game.app.devplay import CONSOLE_KEYS, DevMode
from game.app.keymods import ctrl
from game.app.render import devpanels
from game.app.render.text import field_text
from game.app.screen import Screen, Window
from game.app.transitions import Next, Pop

MAX_TYPED = 200


class ConsoleScreen(Screen):
    name = "console"
    opaque = False

    def __init__(self, app: Window, mode: DevMode):
        super().__init__(app)
        self.mode = mode
        self.typed = ""
        self.back = 0  # how far up the lines typed before Up has gone
        self.time = 0.0
        self.swallow = True  # the key that opened the console also arrives as text

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    def handle_event(self, event: pygame.event.Event) -> Next:
        if event.type == pygame.TEXTINPUT:
            if self.swallow and event.text in ("`", "~"):
                self.swallow = False
                return None
            self.swallow = False
            self.typed = (self.typed + field_text(event.text))[:MAX_TYPED]
            return None
        if event.type != pygame.KEYDOWN:
            return None
        self.swallow = False
        k = event.key
        if k == pygame.K_ESCAPE or (k in CONSOLE_KEYS and not self.typed):
            return Pop(None)
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            typed, self.typed, self.back = self.typed, "", 0
            return self.mode.run(typed)
        if k == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif k == pygame.K_TAB:
            self.typed = dev.complete(self.mode.session, self.typed)
        elif k == pygame.K_u and ctrl(event):
            self.typed = ""
        elif k in (pygame.K_UP, pygame.K_DOWN):
            history = self.mode.history
            self.back = max(0, min(len(history), self.back + (1 if k == pygame.K_UP else -1)))
            self.typed = history[-self.back] if self.back else ""
        return None

    def update(self, dt: float) -> Next:
        self.time += dt
        host = self.mode.host
        return host.update(dt) if host is not None else None  # the screen beneath goes on

    def spoken(self) -> str | None:
        """The console's last word (its help, or the reply to the line just run)."""
        last = self.mode.log[-1] if self.mode.log else ""
        return f"Console. {last}" if last else "Console"

    def drive_hint(self) -> dict[str, str]:
        return {"action": "console"}

    def draw(self, surface: pygame.Surface) -> None:
        caret = (self.time % 1.0) < 0.6
        devpanels.draw_console(surface, self.app.services, self.mode.log, self.typed, caret)
