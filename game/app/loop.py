"""The window loop: one place owns the clock, the display and the stack of screens.

Each frame: the driver (if any) posts its input, events go to the top screen, the top screen
updates with ``dt``, the visible screens draw onto the 1280×720 logical surface, and the window
shows it scaled with letterboxing. Any unexpected exception in a screen becomes an error screen
with the message and a way back to the title; it never leaves a traceback or a frozen window.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

import pygame

from game import paths
from game.app.render import theme
from game.app.screen import Screen, Stack
from game.app.services import Services

log = logging.getLogger("lowtide.app")

FADE_TIME = 0.35


def _set_icon() -> None:
    """The lighthouse in the title bar and task bar (set before the window opens, as SDL asks)."""
    path = paths.assets_dir() / "art" / "ui" / "icon.png"
    try:
        pygame.display.set_icon(pygame.image.load(str(path)))
    except (OSError, pygame.error) as err:
        log.warning("the window icon %s cannot be loaded (%s)", path, err)


class App:
    def __init__(self, services: Services, *, driver: Any = None,
                 max_frames: int | None = None, fixed_dt: float | None = None):
        self.services = services
        self.driver = driver
        self.max_frames = max_frames
        self.fixed_dt = fixed_dt
        self.stack = Stack()
        self.frame_count = 0
        self.exit_code: int | None = None
        self.exit_message = ""
        self.surface: pygame.Surface | None = None
        self.clock = pygame.time.Clock()
        self.fade = 0.0  # 1 = fully covered, fading towards 0
        self.observers: list[Callable[[str, Any], None]] = []
        self.errors = 0
        self.first_frame_at: float | None = None

    # -- window --------------------------------------------------------------------------

    def open_window(self) -> pygame.Surface:
        pygame.display.set_caption("Low Tide")
        _set_icon()
        flags = 0
        if pygame.display.get_driver() not in ("dummy", "offscreen"):
            flags = pygame.SCALED | pygame.RESIZABLE
        try:
            self.surface = pygame.display.set_mode(theme.SIZE, flags)
        except pygame.error as err:
            log.warning("a scaled window is not available (%s); using a fixed one", err)
            self.surface = pygame.display.set_mode(theme.SIZE)
        if self.services.settings.fullscreen and flags:
            self.toggle_fullscreen()
        return self.surface

    def toggle_fullscreen(self) -> None:
        try:
            pygame.display.toggle_fullscreen()
        except pygame.error as err:
            log.warning("full screen is not available here (%s)", err)

    # -- the stack -----------------------------------------------------------------------

    @property
    def top(self) -> Screen | None:
        return self.stack.top

    def push(self, screen: Screen, on_result: Callable[[Any], None] | None = None,
             fade: bool | None = None) -> Screen:
        screen.on_result = on_result
        self.stack.screens.append(screen)
        if (fade if fade is not None else screen.opaque) and \
                not getattr(self.services.settings, "reduced_motion", False):
            self.fade = 1.0
        self._guard(screen.on_enter)
        self.notify("screen", screen)
        return screen

    def pop(self, screen: Screen, value: Any = None) -> None:
        if screen not in self.stack.screens:
            return
        while self.stack.screens:
            gone = self.stack.screens.pop()
            self._guard(gone.on_exit)
            if gone is screen:
                break
        if screen.on_result is not None:
            self._guard(lambda: screen.on_result(value))
        top = self.stack.top
        if top is not None and top is not screen and self.stack.screens[-1] is top:
            self._guard(top.on_enter)
            self.notify("screen", top)

    def replace_all(self, screen: Screen) -> Screen:
        """Close every screen and show ``screen`` alone (with a gentle fade)."""
        while self.stack.screens:
            gone = self.stack.screens.pop()
            self._guard(gone.on_exit)
        return self.push(screen, fade=True)

    def notify(self, what: str, subject: Any) -> None:
        for observer in list(self.observers):
            observer(what, subject)

    def quit(self, code: int = 0, message: str = "") -> None:
        self.exit_code = code
        self.exit_message = message

    # -- running -------------------------------------------------------------------------

    def run(self) -> int:
        if self.surface is None:
            self.open_window()
        while self.exit_code is None:
            self.frame()
        return self.exit_code

    def frame(self) -> None:
        """One frame: input, update, draw, show."""
        if self.fixed_dt is not None:
            self.clock.tick()
            dt = self.fixed_dt
        else:
            dt = min(self.clock.tick(60) / 1000.0, 0.1)
        if self.driver is not None:
            self._guard(lambda: self.driver.before_frame(self))
        for event in pygame.event.get():
            self._dispatch(event)
            if self.exit_code is not None:
                return
        top = self.stack.top
        if top is not None:
            self._guard(lambda: top.update(dt))
        self.fade = max(0.0, self.fade - dt / FADE_TIME)
        self.draw()
        pygame.display.flip()
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        self.frame_count += 1
        if self.driver is not None:
            self._guard(lambda: self.driver.after_frame(self))
        if self.max_frames is not None and self.frame_count >= self.max_frames \
                and self.exit_code is None:
            self.quit(1, f"no ending was reached within {self.max_frames} frames")

    def draw(self) -> None:
        surface = self.surface
        assert surface is not None
        screens = self.stack.visible()
        if not screens:
            surface.fill(theme.NIGHT_DEEP)
        for screen in screens:
            try:
                screen.draw(surface)
            except Exception as exc:  # noqa: BLE001 - any failure becomes an error screen
                self.fail(exc)
                surface.fill(theme.NIGHT_DEEP)
                break
        if self.fade > 0:
            a = int(255 * _ease(self.fade))
            veil = _veil()
            veil.set_alpha(a)
            surface.blit(veil, (0, 0))

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        top = self.stack.top
        if top is not None:
            self._guard(lambda: top.handle_event(event))

    def _guard(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - any failure becomes an error screen
            self.fail(exc)

    def fail(self, exc: BaseException) -> None:
        """Show an unexpected failure on screen (or end a driven run with its message)."""
        self.errors += 1
        message = f"{type(exc).__name__}: {exc}"
        log.error("unexpected error: %s", message)
        log.debug("%s", "".join(traceback.format_exception(exc)))
        if self.driver is not None or self.errors > 20:
            self.quit(1, f"unexpected error: {message}")
            return
        from game.app.states.error import ErrorScreen

        self.replace_all(ErrorScreen(self, "Something went wrong", message))


_VEIL: list[pygame.Surface] = []


def _veil() -> pygame.Surface:
    if not _VEIL:
        surf = pygame.Surface(theme.SIZE)
        surf.fill(theme.NIGHT_DEEP)
        _VEIL.append(surf)
    return _VEIL[0]


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)
