"""The window carries the game's icon, drawn by assets/artgen and shipped in game/data."""

from __future__ import annotations

import pygame
import pytest

from game.app.loop import App
from game.app.screens import registry
from game.app.services import Services

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_the_window_gets_the_lighthouse_icon(monkeypatch):
    given: list[pygame.Surface] = []
    monkeypatch.setattr(pygame.display, "set_icon", given.append)
    App(Services(), registry()).open_window()
    assert len(given) == 1 and given[0].get_size() == (64, 64)
    # a round icon: opaque in the middle, transparent in the corners outside the disc
    assert given[0].get_at((32, 32)).a == 255 and given[0].get_at((0, 0)).a == 0


def test_a_missing_icon_is_a_warning_not_a_failure(monkeypatch, tmp_path):
    warned: list[str] = []
    monkeypatch.setattr("game.paths.assets_dir", lambda: tmp_path)
    monkeypatch.setattr("game.app.display.log.warning", lambda msg, *a: warned.append(msg % a))
    surface = App(Services(), registry()).open_window()
    assert surface.get_size() == (1280, 720)
    assert len(warned) == 1 and "window icon" in warned[0] and str(tmp_path) in warned[0]
