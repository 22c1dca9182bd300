"""The contract every screen keeps, and the stack that holds them.

A screen handles events, updates with the time passed, and draws; ``draw`` never changes
state. Screens get what they need through their constructor. A screen opens another with
``self.app.push(screen, on_result)`` and hands back a result with ``self.dismiss(value)``;
nobody polls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from game.app.loop import App


class Screen:
    #: a stable name, used by input scripts (``wait-for NAME``) and logs
    name = "screen"
    #: an opaque screen hides the ones below it (they are not drawn)
    opaque = True

    def __init__(self, app: App):
        self.app = app
        self.on_result: Callable[[Any], None] | None = None

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event (mouse positions are in logical 1280×720 coordinates)."""

    def update(self, dt: float) -> None:
        """Advance animations and timers by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw onto the logical surface; never changes state."""

    def on_enter(self) -> None:
        """Called when the screen becomes the top of the stack (pushed or uncovered)."""

    def on_exit(self) -> None:
        """Called when the screen leaves the stack."""

    def drive_hint(self) -> Any:
        """What an automatic player may do now (see game.app.drive); None when nothing."""
        return None

    def dismiss(self, value: Any = None) -> None:
        """Close this screen and hand ``value`` to whoever opened it."""
        self.app.pop(self, value)


class Stack:
    """The screens, bottom first; the top one gets the input."""

    def __init__(self) -> None:
        self.screens: list[Screen] = []

    @property
    def top(self) -> Screen | None:
        return self.screens[-1] if self.screens else None

    def visible(self) -> list[Screen]:
        """The screens to draw, bottom first: from the topmost opaque one up."""
        start = 0
        for i in range(len(self.screens) - 1, -1, -1):
            if self.screens[i].opaque:
                start = i
                break
        return self.screens[start:]
