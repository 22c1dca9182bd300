"""Gamepads and controllers, through pygame-ce's controller API (``pygame._sdl2.controller``):
each button press becomes the key press every screen already understands, so every screen is
usable with a pad alone and no screen needs to know pads exist.

D-pad or left stick: the arrows (move the focus); A: Enter (confirm); B: Esc (back); Start:
Esc (the menu); Y: Q (the quick menu); X: H (hide the interface); shoulders: Page Up and Page
Down (step back, and forward again); Back: F1 (the keys and buttons). Pads plugged in or out
while playing are opened and closed as they come and go.
"""

from __future__ import annotations

import logging

import pygame

log = logging.getLogger("lowtide.app")

#: a pad's button → (the key it stands for, its glyph in the help)
BUTTONS: dict[int, tuple[int, str]] = {
    pygame.CONTROLLER_BUTTON_DPAD_UP: (pygame.K_UP, "D-pad up"),
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: (pygame.K_DOWN, "D-pad down"),
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: (pygame.K_LEFT, "D-pad left"),
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: (pygame.K_RIGHT, "D-pad right"),
    pygame.CONTROLLER_BUTTON_A: (pygame.K_RETURN, "A"),
    pygame.CONTROLLER_BUTTON_B: (pygame.K_ESCAPE, "B"),
    pygame.CONTROLLER_BUTTON_START: (pygame.K_ESCAPE, "Start"),
    pygame.CONTROLLER_BUTTON_Y: (pygame.K_q, "Y"),
    pygame.CONTROLLER_BUTTON_X: (pygame.K_h, "X"),
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: (pygame.K_PAGEUP, "LB"),
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: (pygame.K_PAGEDOWN, "RB"),
    pygame.CONTROLLER_BUTTON_BACK: (pygame.K_F1, "Back"),
}
STICK = 0.5  # how far the stick must lean (of its full range) to move the focus once
_AXIS_MAX = 32767


class Pads:
    """The pads plugged in, and the lean of each stick (so one lean moves the focus once)."""

    def __init__(self) -> None:
        self.open: dict[int, object] = {}  # instance id → controller
        self.lean: dict[tuple[int, int], int] = {}

    def start(self) -> None:
        """Open every pad already plugged in (later ones arrive as events)."""
        try:
            from pygame._sdl2 import controller

            controller.init()
            for i in range(controller.get_count()):
                self._add(i)
        except (pygame.error, ImportError) as err:
            log.info("no controller support here: %s", err)

    def _add(self, index: int) -> None:
        try:
            from pygame._sdl2 import controller

            if controller.is_controller(index):
                pad = controller.Controller(index)
                self.open[pad.as_joystick().get_instance_id()] = pad
                log.info("controller connected: %s", pad.name)
        except (pygame.error, ImportError) as err:
            log.warning("a controller could not be opened: %s", err)

    def translate(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """The key press a pad's event stands for; None for an event that is not one (a
        plugged pad is opened, an unplugged one closed)."""
        if event.type == pygame.CONTROLLERDEVICEADDED:
            self._add(event.device_index)
            return None
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            gone = self.open.pop(getattr(event, "instance_id", -1), None)
            if gone is not None:
                log.info("controller disconnected")
            return None
        if event.type == pygame.CONTROLLERBUTTONDOWN and event.button in BUTTONS:
            return _key(BUTTONS[event.button][0])
        if event.type == pygame.CONTROLLERAXISMOTION and event.axis in (
                pygame.CONTROLLER_AXIS_LEFTX, pygame.CONTROLLER_AXIS_LEFTY):
            return self._stick(event)
        return None

    def _stick(self, event: pygame.event.Event) -> pygame.event.Event | None:
        where = (getattr(event, "instance_id", 0), event.axis)
        value = event.value / _AXIS_MAX
        lean = 1 if value > STICK else (-1 if value < -STICK else 0)
        if lean == self.lean.get(where, 0):
            return None
        self.lean[where] = lean
        if lean == 0:
            return None
        if event.axis == pygame.CONTROLLER_AXIS_LEFTX:
            return _key(pygame.K_RIGHT if lean > 0 else pygame.K_LEFT)
        return _key(pygame.K_DOWN if lean > 0 else pygame.K_UP)


PAD_EVENTS = (pygame.CONTROLLERDEVICEADDED, pygame.CONTROLLERDEVICEREMOVED,
              pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP,
              pygame.CONTROLLERAXISMOTION)


def _key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0,
                              from_pad=True)
