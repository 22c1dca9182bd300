"""Esc goes back where the player came from, the same way from every page: a page opened from
the pause menu closes back onto the pause menu (on the entry that opened it), and the menu
closes back onto the story."""

from __future__ import annotations

import pygame
import pytest

from game.app.states.pause import ENTRIES
from tests.app.looping import choose, press, to_choices, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")

PAGES = {"save": "saves", "load": "saves", "history": "history", "flowchart": "flowchart",
         "endings": "gallery", "settings": "settings"}


@pytest.mark.parametrize("entry", sorted(PAGES))
def test_esc_on_a_page_from_the_pause_menu_goes_back_to_the_menu(tmp_path, entry):
    app = window(tmp_path)
    choose(app, 1)
    to_choices(app)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    index = [key for key, _, _ in ENTRIES].index(entry)
    for _ in range(index):
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN, n=10)
    assert app.top.name == PAGES[entry]
    press(app, pygame.K_ESCAPE, n=10)
    assert app.top.name == "pause"
    assert app.top.menu.focus == index
    press(app, pygame.K_ESCAPE, n=5)
    assert app.top.name == "play"


def test_a_page_opened_from_play_goes_back_to_play(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    press(app, pygame.K_l, n=10)
    assert app.top.name == "history"
    press(app, pygame.K_ESCAPE, n=5)
    assert app.top.name == "play"
