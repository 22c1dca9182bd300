"""The window loop: one place owns the clock, the display and the stack of screens.

Each frame: the driver (if any) posts its input, events go to the top screen, the top screen
updates with ``dt``, the visible screens draw onto the 1280×720 logical surface, and the window
shows it scaled with letterboxing. What a screen returns (``game.app.transitions``) is applied
here and only here: screens are built by name from the registry the entry point gave. Any
unexpected exception in a screen becomes the error screen with the message and a way back to
the title; it never leaves a traceback or a frozen window.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Mapping
from typing import Protocol, TypeVar

import pygame

from game.app import display
from game.app.keymods import alt, ctrl
from game.app.pad import PAD_EVENTS, Pads
from game.app.render import veil
from game.app.screen import Registry, Screen, Stack
from game.app.services import Services
from game.app.transitions import Next, Pop, Push, Quit, Replace, Transition, steps
from game.app.voice import MISSING
from game.story.session import Session

log = logging.getLogger("lowtide.app")

FADE_TIME = 0.35
CLOSING = "close"  # the topic of the question the window's close button asks
MAX_ERRORS = 20  # more failures than this in one run end it rather than loop on error screens

T = TypeVar("T")


class Driver(Protocol):
    """Plays instead of a person (``game.app.drive``): input before a frame, a look after."""

    def before_frame(self, app: App) -> None: ...

    def after_frame(self, app: App) -> None: ...


class App:
    def __init__(self, services: Services, screens: Registry, *, driver: Driver | None = None,
                 max_frames: int | None = None, fixed_dt: float | None = None):
        self.services = services
        self.screens = screens
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
        self.observers: list[Callable[[str, object], None]] = []
        self.errors = 0
        self._failing = False
        self.first_frame_at: float | None = None
        self.pads = Pads()

    # -- window --------------------------------------------------------------------------

    def open_window(self) -> pygame.Surface:
        self.surface = display.open_window(self.services.settings.fullscreen)
        self.pads.start()
        return self.surface

    # -- the stack -----------------------------------------------------------------------

    @property
    def top(self) -> Screen | None:
        return self.stack.top

    def apply(self, what: Next) -> None:
        """Do what a screen asked for: open, replace or close screens, or end the run."""
        for step in steps(what):
            if self.exit_code is not None:
                return
            self._apply(step)

    def _apply(self, step: Transition) -> None:
        if isinstance(step, Push):
            screen = self._guard(lambda: self._build(step.screen, step.args))
            if screen is not None:
                self._push(screen, step.fade)
        elif isinstance(step, Replace):
            screen = self._guard(lambda: self._build(step.screen, step.args))
            if screen is not None:
                self._close_all()
                self._push(screen, fade=True)
        elif isinstance(step, Pop):
            self._pop(step.result)
        elif isinstance(step, Quit):
            self.quit(step.code, step.message)

    def _build(self, name: str, args: Mapping[str, object]) -> Screen:
        return self.screens.build(name, self, args)

    def _push(self, screen: Screen, fade: bool | None) -> None:
        self.stack.screens.append(screen)
        if (fade if fade is not None else screen.opaque) and \
                not self.services.settings.reduced_motion:
            self.fade = 1.0
        self._entered(screen)

    def _pop(self, result: object) -> None:
        """Close the top screen; the one beneath hears its result, then is on top again."""
        if not self.stack.screens:
            return
        gone = self.stack.screens.pop()
        self._guard(gone.on_exit)
        top = self.stack.top
        if top is None:
            return
        if getattr(gone, "topic", None) == CLOSING:  # the close button's question: ours
            if result is True:
                self.quit(0)
            else:
                self._entered(top)
            return
        after = self._guard(lambda: top.on_result(gone.name, result))
        self._entered(top)
        self.apply(after)

    def _close_all(self) -> None:
        while self.stack.screens:
            gone = self.stack.screens.pop()
            self._guard(gone.on_exit)

    def _entered(self, screen: Screen) -> None:
        self._guard(screen.on_enter)
        self.notify("screen", screen)

    def notify(self, what: str, subject: object) -> None:
        for observer in list(self.observers):
            observer(what, subject)

    def quit(self, code: int = 0, message: str = "") -> None:
        self.exit_code = code
        self.exit_message = message

    def close(self) -> None:
        """The end of the run: every screen closed and the services let go of what they made,
        while pygame still runs (``game.app.run.finish`` then stops pygame). Nothing here
        opens another screen, whatever fails."""
        while self.stack.screens:
            gone = self.stack.screens.pop()
            try:
                gone.on_exit()
            except Exception as exc:  # noqa: BLE001 - closing goes on whatever a screen does
                log.warning("closing the %s screen failed: %s", gone.name, exc)
        self.services.close()

    # -- running -------------------------------------------------------------------------

    def run(self) -> int:
        if self.surface is None:
            self.open_window()
        while self.exit_code is None:
            try:
                self.frame()
            except Exception as exc:  # noqa: BLE001 - the loop's own failures too
                self.fail(exc)
        return self.exit_code

    def frame(self) -> None:
        """One frame: input, update, draw, show."""
        if self.fixed_dt is not None:
            self.clock.tick()
            dt = self.fixed_dt
        else:
            dt = min(self.clock.tick(60) / 1000.0, 0.1)
        driver = self.driver
        if driver is not None:
            self._guard(lambda: driver.before_frame(self))
        for event in pygame.event.get():
            self._dispatch(event)
            if self.exit_code is not None:
                return
        top = self.stack.top
        if top is not None:
            self.apply(self._guard(lambda: top.update(dt)))
        self.services.keep.toast.update(dt)
        self._guard(self._speak)
        self.fade = max(0.0, self.fade - dt / FADE_TIME)
        self.draw()
        pygame.display.flip()
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        self.frame_count += 1
        if driver is not None:
            self._guard(lambda: driver.after_frame(self))
        if self.max_frames is not None and self.frame_count >= self.max_frames \
                and self.exit_code is None:
            self.quit(1, f"no ending was reached within {self.max_frames} frames")

    def draw(self) -> None:
        surface = self.surface
        assert surface is not None
        screens = self.stack.visible()
        pal = self.services.palette
        if not screens:
            surface.fill(pal.NIGHT_DEEP)
        for screen in screens:
            try:
                screen.draw(surface)
            except Exception as exc:  # noqa: BLE001 - any failure becomes an error screen
                self.fail(exc)
                surface.fill(pal.NIGHT_DEEP)
                break
        settings = self.services.settings
        # the toast ("Saved", "Settings could not be stored") over whichever screen is showing
        self.services.keep.toast.draw(surface, self.services, scale=settings.scale,
                                      reduced_motion=settings.reduced_motion)
        if self.fade > 0:
            veil.darken(surface, self.services.palette.NIGHT_DEEP, int(255 * _ease(self.fade)))

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.apply(self._guard(self.closing))
            return
        if event.type in PAD_EVENTS:  # a pad's press is the key press it stands for
            as_key = self.pads.translate(event)
            if as_key is None:
                return
            event = as_key
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:  # the setting, kept
            self.services.change_settings(fullscreen=not self.services.settings.fullscreen)
            return
        top = self.stack.top
        held = ctrl(event) or alt(event)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_v and not held \
                and not (top and top.takes_text):
            self.toggle_voicing()
            return
        if top is not None:
            self.apply(self._guard(lambda: top.handle_event(event)))

    def closing(self) -> Next:
        """The window's close button, as "Quit the game": asked first when the playthrough on
        screen has progress that would be lost; pressed again while asking, it quits."""
        top = self.stack.top
        if top is not None and getattr(top, "topic", None) == CLOSING:
            return Quit(0)
        keep = self.services.keep
        session = self.stack.session()
        if session is None or not keep.unsaved(session):
            return Quit(0)
        return Push("confirm", question="Quit the game?", detail=keep.loss(session),
                    yes="Quit", no="Keep playing", topic=CLOSING)

    def _speak(self) -> None:
        """Self-voicing: say what the top screen offers, when it changes."""
        top = self.stack.top
        sv = self.services
        sv.voice.follow(top.spoken() if top is not None else None, sv.settings.self_voicing)

    def toggle_voicing(self) -> None:
        """V: self-voicing on or off (with a clear message when no speech exists here)."""
        sv = self.services
        on = not sv.settings.self_voicing
        if on and not sv.voice.available():
            sv.keep.say(MISSING)
            return
        sv.change_settings(self_voicing=on)
        sv.keep.say("Self-voicing on (V turns it off)" if on else "Self-voicing off")

    def _guard(self, fn: Callable[[], T]) -> T | None:
        """``fn()``, or None after showing its failure (screens never crash the window)."""
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - any failure becomes an error screen
            self.fail(exc)
            return None

    def fail(self, exc: BaseException) -> None:
        """An unexpected failure: the player's place kept (the autosave, when the session is
        sound), the traceback written to a report in the log folder, and the error screen with
        a way back to the title and the report's path; never a traceback on screen. A driven
        run ends with the message instead."""
        if self._failing:  # a failure while handling one: logged, and left to the first
            log.error("a further error while handling one: %s", _summary(exc))
            return
        self._failing = True
        try:
            self.errors += 1
            summary = _summary(exc)
            log.error("unexpected error: %s", summary)
            log.debug("%s", "".join(traceback.format_exception(exc)))
            keep = self.services.keep
            session = self._session()
            report = keep.report_crash(exc, self._context(session))
            kept = session is not None and keep.keep_place(session)
            where = f" (the details are in {report})" if report else ""
            if self.driver is not None or self.errors > MAX_ERRORS or "error" not in self.screens:
                self.quit(1, f"unexpected error: {summary}{where}")
                return
            lines = [summary]
            if kept:
                lines.append("Your place is kept: Continue on the title carries on from it.")
            if report:
                lines.append(f"The details are in {report}")
            self.apply(Replace("error", title="Something went wrong",
                               message="\n\n".join(lines)))
        finally:
            self._failing = False

    def _session(self) -> Session | None:
        """The playthrough open in the window (the topmost screen holding one), if any."""
        for screen in reversed(self.stack.screens):
            session = getattr(screen, "session", None)
            if isinstance(session, Session):
                return session
        return None

    def _context(self, session: Session | None) -> dict[str, str]:
        """What a failure report says of where the window was."""
        out = {"screens": " > ".join(s.name for s in self.stack.screens) or "none",
               "frame": str(self.frame_count)}
        if session is not None:
            out["story"] = f"{session.story.id} ({session.story.root})"
            out["node"] = session.node_id
        return out


def _summary(exc: BaseException) -> str:
    """A failure in one line for the player: its kind and message, never its traceback."""
    text = " ".join(str(exc).split())
    text = text if len(text) <= 300 else f"{text[:297]}..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)
