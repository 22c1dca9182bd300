"""The contract every screen keeps, the stack that holds them, and the registry that names them.

A screen handles events, updates with the time passed, and draws; ``draw`` never changes
state. ``handle_event``, ``update`` and ``on_result`` return what should happen next as data
(``game.app.transitions``); the loop applies it. A screen never builds another: it names one
(``Push("settings")``) and the registry the entry point made builds it, so no screen imports
another screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

import pygame

from game.app.keep import Opened
from game.app.render.theme import Palette
from game.app.services import Services
from game.app.transitions import Next, Push, Replace
from game.story.session import Session


class Window(Protocol):
    """What a screen may ask of the window that shows it (``game.app.loop.App`` is one)."""

    services: Services

    @property
    def top(self) -> Screen | None: ...

    def notify(self, what: str, subject: object) -> None:
        """Tell observers (the driver's recorder) that something happened: a node, a choice."""


class Screen:
    #: a stable name: what transitions and input scripts (``wait-for NAME``) call the screen
    name = "screen"
    #: an opaque screen hides the ones below it (they are not drawn)
    opaque = True
    #: the screen takes typed text, so letters are not the window's keys (V for self-voicing)
    takes_text = False

    def __init__(self, app: Window):
        self.app = app

    @property
    def palette(self) -> Palette:
        """The colours to draw with now (the services', by the contrast setting)."""
        return self.app.services.palette

    def handle_event(self, event: pygame.event.Event) -> Next:
        """React to one input event (mouse positions are in logical 1280×720 coordinates)."""
        return None

    def update(self, dt: float) -> Next:
        """Advance animations and timers by ``dt`` seconds."""
        return None

    def on_result(self, source: str, result: object) -> Next:
        """The screen named ``source``, opened over this one, closed with ``result``."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw onto the logical surface; never changes state."""

    def on_enter(self) -> None:
        """Called when the screen becomes the top of the stack (opened or uncovered)."""

    def on_exit(self) -> None:
        """Called when the screen leaves the stack."""

    def spoken(self) -> str | None:
        """What self-voicing reads now: the focused item, or the line on screen; None for
        nothing. Read each frame and spoken when it changes."""
        return None

    def drive_hint(self) -> object:
        """What an automatic player may do now (see game.app.drive); None when nothing."""
        return None


def carry_on(opened: Opened) -> Next:
    """Where an opened save leads: play (with a notice of what changed in the story since), or
    the error screen when its story cannot be played; nowhere when the player was told why."""
    if opened.session is not None and opened.notes:
        return (Replace("play", session=opened.session),
                Push("notice", title="The story has changed since this save",
                     lines=list(opened.notes)))
    if opened.session is not None:
        return Replace("play", session=opened.session)
    if opened.failure is not None:
        title, message = opened.failure
        return Replace("error", title=title, message=message)
    return None


#: builds a screen for the window from a transition's arguments (a Screen class is one)
Factory = Callable[..., Screen]


class UnknownScreen(LookupError):
    """A transition named a screen that nobody registered."""


class Registry:
    """Every screen of the window by name; the loop builds screens only through it."""

    def __init__(self, factories: Mapping[str, Factory]):
        self._factories = dict(factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories

    def names(self) -> list[str]:
        return sorted(self._factories)

    def build(self, name: str, window: Window, args: Mapping[str, object]) -> Screen:
        factory = self._factories.get(name)
        if factory is None:
            raise UnknownScreen(f"no screen is named '{name}' (screens: "
                                f"{', '.join(self.names())})")
        return factory(window, **args)


class Stack:
    """The screens, bottom first; the top one gets the input."""

    def __init__(self) -> None:
        self.screens: list[Screen] = []

    @property
    def top(self) -> Screen | None:
        return self.screens[-1] if self.screens else None

    def session(self) -> Session | None:
        """The playthrough open in the window: the topmost screen's that holds one."""
        for screen in reversed(self.screens):
            session = getattr(screen, "session", None)
            if isinstance(session, Session):
                return session
        return None

    def visible(self) -> list[Screen]:
        """The screens to draw, bottom first: from the topmost opaque one up."""
        start = 0
        for i in range(len(self.screens) - 1, -1, -1):
            if self.screens[i].opaque:
                start = i
                break
        return self.screens[start:]
