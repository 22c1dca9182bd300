"""Going back in play: Backspace, Ctrl+Z and the wheel step back (a line of the node, then the
choice before); Ctrl+Y and the wheel go on."""

from __future__ import annotations

import pygame
import pytest

from tests.app.looping import choose, press, to_choices, wheel, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_backspace_rolls_back_and_ctrl_y_rolls_forward(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    choose(app, 1)
    play = app.top
    path = [s.node for s in play.session.steps]
    at = play.session.node_id
    press(app, pygame.K_BACKSPACE)
    assert len(play.session.steps) == 1 and play.session.node_id == path[1]
    assert play.phase == "choices"  # lands on the replies, ready to choose differently
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert play.phase == "lines" and play.index == 0  # the line before the replies
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert play.session.steps == [] and play.session.node_id == "keys"
    press(app, pygame.K_y, mod=pygame.KMOD_CTRL)
    press(app, pygame.K_y, mod=pygame.KMOD_CTRL)
    assert play.session.node_id == at and len(play.session.steps) == 2


def test_the_mouse_wheel_goes_back_and_forth(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    play = app.top
    at = play.session.node_id
    wheel(app, 1)
    assert play.session.node_id == "keys"
    wheel(app, -1)
    assert play.session.node_id == at


def test_rolling_back_at_the_start_is_harmless(tmp_path):
    app = window(tmp_path)
    press(app, pygame.K_BACKSPACE)
    assert app.top.name == "play" and app.top.session.node_id == "keys"
    assert "began" in app.services.keep.toast.text


def test_choosing_differently_after_rolling_back(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    first = app.top.session.node_id
    to_choices(app)
    options = app.top.session.choices()
    press(app, pygame.K_BACKSPACE)  # the line before the replies
    press(app, pygame.K_BACKSPACE)  # the choice before
    choose(app, 1)
    assert app.top.session.node_id == first
    to_choices(app)
    other = next(i for i, c in enumerate(options) if c.target != options[0].target)
    press(app, pygame.K_1 + other, n=4)
    assert app.top.session.node_id == options[other].target or app.top.session.steps
    press(app, pygame.K_y, mod=pygame.KMOD_CTRL)  # nothing to roll forward to now
    assert app.top.name == "play"


def test_pause_menu_take_back_still_works(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    press(app, pygame.K_ESCAPE)
    for _ in range(8):  # "Take back the last reply"
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and app.top.session.node_id == "keys"


def test_the_key_the_pause_menu_names_for_taking_back_a_reply_takes_it_back(tmp_path):
    """At the replies of a node with several lines, Backspace steps back a line, not the reply:
    the menu's "Take back the last reply" may name only a key that does what it does."""
    from game.app.states.pause import ENTRIES

    app = window(tmp_path)
    choose(app, 1)
    to_choices(app)
    play = app.top
    assert len(play.lines) > 1
    before = len(play.session.steps)
    note = {key: note for key, _, note in ENTRIES}["rewind"]
    if note:
        press(app, pygame.key.key_code(note.lower()))
        assert len(play.session.steps) == before - 1, f"{note} did less than the entry"
        press(app, pygame.K_y, mod=pygame.KMOD_CTRL)
        to_choices(app)
    press(app, pygame.K_ESCAPE)
    for _ in range(8):
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN)
    assert app.top is play and len(play.session.steps) == before - 1
