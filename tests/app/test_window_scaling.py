"""A window of any size shows the whole picture: the scaled window is opened resizable, with
pygame's whole-multiple scaling turned off and a smallest size below the picture's, so a
smaller or larger window scales the picture instead of cropping or boxing it at 1×. (Checked
by eye under Xvfb with a window manager resizing it; here, what the window is asked for.)"""

from __future__ import annotations

import os

import pygame
import pytest

from game.app import display

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_a_real_window_scales_at_any_size(monkeypatch):
    asked = {}
    monkeypatch.delenv(display.SMOOTH_SCALING, raising=False)
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "x11")
    real_set_mode = pygame.display.set_mode

    def set_mode(size, flags=0):
        asked["size"], asked["flags"] = size, flags
        return real_set_mode(size)

    monkeypatch.setattr(pygame.display, "set_mode", set_mode)
    smaller = []
    monkeypatch.setattr(display, "_allow_smaller", lambda: smaller.append(True))
    display.open_window()
    assert asked["flags"] & pygame.SCALED and asked["flags"] & pygame.RESIZABLE
    assert os.environ[display.SMOOTH_SCALING] == "1"
    assert smaller == [True]
    assert display.MIN_SIZE[0] < 1280 and display.MIN_SIZE[1] < 720
