"""Leaving asks first: quitting the game always (saying whether anything would be lost), the
title only when the playthrough moved since it was last kept. The safe answer has the focus."""

from __future__ import annotations

import pygame
import pytest

from game.app.states.pause import ENTRIES
from tests.app.looping import choose, press, to_choices, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def pause_entry(app, key: str) -> None:
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    for _ in range([k for k, _, _ in ENTRIES].index(key)):
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN, n=5)


def roll_back_a_reply(app) -> None:
    """Backspace steps back through the node's lines first, then undoes the reply before them:
    pressed until a reply is undone, so the autosave is ahead of the screen."""
    steps = len(app.top.session.steps)
    for _ in range(20):
        press(app, pygame.K_BACKSPACE)
        if len(app.top.session.steps) < steps:
            return
    raise AssertionError("no reply was rolled back")


def test_quit_the_game_asks_and_no_keeps_playing(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    pause_entry(app, "quit")
    assert app.top.name == "confirm"
    assert "kept" in app.top.detail  # the autosave holds this place
    press(app, pygame.K_RETURN)  # the focused answer is the safe one
    assert app.top.name == "play" and app.exit_code is None
    pause_entry(app, "quit")
    press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN)
    assert app.exit_code == 0


def test_the_title_asks_only_when_progress_would_be_lost(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    to_choices(app)
    pause_entry(app, "title")  # just autosaved: nothing to lose
    assert app.top.name == "title"


def test_the_title_asks_after_going_back(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    choose(app, 1)
    to_choices(app)
    roll_back_a_reply(app)  # rolled back: the autosave is ahead of the screen
    pause_entry(app, "title")
    assert app.top.name == "confirm"
    assert "lost" in app.top.detail
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "play"
    pause_entry(app, "title")
    press(app, pygame.K_y)
    assert app.top.name == "title"


def close_button(app) -> None:
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    for _ in range(3):
        app.frame()


def test_the_close_button_asks_as_quit_does_when_progress_would_be_lost(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    choose(app, 1)
    to_choices(app)
    roll_back_a_reply(app)  # rolled back: the autosave is ahead of the screen
    press(app, pygame.K_ESCAPE)  # over the pause menu, too
    assert app.top.name == "pause"
    close_button(app)
    assert app.exit_code is None and app.top.name == "confirm"
    assert app.top.question == "Quit the game?" and "lost" in app.top.detail
    assert app.top.menu.focused_label == "Keep playing"  # the safe answer first
    press(app, pygame.K_RETURN)
    assert app.exit_code is None and app.top.name == "pause"  # back where the player was
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "play"
    close_button(app)
    press(app, pygame.K_y)
    assert app.exit_code == 0


def test_the_close_button_pressed_again_while_asking_quits(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    choose(app, 1)
    to_choices(app)
    roll_back_a_reply(app)
    close_button(app)
    assert app.top.name == "confirm"
    close_button(app)
    assert app.exit_code == 0


def test_the_close_button_quits_at_once_when_nothing_would_be_lost(tmp_path):
    app = window(tmp_path)
    choose(app, 1)  # the reply wrote the autosave
    to_choices(app)
    close_button(app)
    assert app.exit_code == 0
