"""The title's menu by name: Continue only with a save to carry on from, Esc to Quit."""

from __future__ import annotations

import pygame
import pytest

from game.app.states.title import KEYS
from game.app.transitions import Replace
from tests.app.conftest import frames
from tests.app.looping import choose, press, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_without_a_save_new_game_has_the_focus_and_escape_goes_to_quit(tmp_path):
    app = window(tmp_path)
    app.apply(Replace("title"))
    frames(app, 3)
    title = app.top
    assert title.name == "title" and title.focused == "new"
    assert not title.menu.entries[KEYS.index("continue")].enabled
    press(app, pygame.K_ESCAPE)
    assert title.focused == "quit" and app.exit_code is None
    press(app, pygame.K_RETURN)
    assert app.exit_code == 0


def test_with_a_save_continue_has_the_focus_and_carries_on(tmp_path):
    app = window(tmp_path)
    choose(app, 1)  # the autosave
    node = app.top.session.node_id
    app.apply(Replace("title"))
    frames(app, 3)
    assert app.top.focused == "continue"
    press(app, pygame.K_DOWN)
    assert app.top.focused == "new"
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN, n=6)
    assert app.top.name == "play" and app.top.session.node_id == node
