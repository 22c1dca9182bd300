"""A gamepad alone through the real loop: synthetic controller events (as pygame-ce's
controller API posts them) take a player from the title through the setup to a reply, the
menu, a page and back, step back with a shoulder button, and open the keys and buttons."""

from __future__ import annotations

import pygame
import pytest

from game.app import run
from game.tools.lint import load_linted
from tests.app.conftest import args_for, frames
from tests.app.looping import button, to_choices
from tests.app.looping import window as play_window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def stick(app, axis: int, value: int, n: int = 2) -> None:
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERAXISMOTION, axis=axis, value=value,
                                         instance_id=0))
    frames(app, n)


def title_window(tmp_path):
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    ready = run.prepare(args_for("--input-script", idle, "--data-dir", tmp_path / "data"),
                        check=load_linted)
    run.start(ready)
    frames(ready.app, 3)
    return ready.app


def test_a_pad_alone_starts_a_story_and_plays(tmp_path, stories_root):
    app = title_window(tmp_path)
    assert app.top.name == "title"
    button(app, pygame.CONTROLLER_BUTTON_A, n=20)  # New game (Continue is not there yet)
    assert app.top.name == "picker"
    button(app, pygame.CONTROLLER_BUTTON_A, n=20)  # the first story
    assert app.top.name == "setup"
    for _ in range(3):  # past the name (kept) and the pronouns, to Begin
        button(app, pygame.CONTROLLER_BUTTON_A)
    button(app, pygame.CONTROLLER_BUTTON_A, n=30)
    assert app.top.name == "play"
    play = app.top
    for _ in range(60):
        if play.phase == "choices" and play.choices.age > 0.3:
            break
        button(app, pygame.CONTROLLER_BUTTON_A)
    stick(app, pygame.CONTROLLER_AXIS_LEFTY, 30000)  # the stick leans down: the first reply
    stick(app, pygame.CONTROLLER_AXIS_LEFTY, 31000)  # still leaning: no second move
    assert play.choices.keyboard and play.choices.focus == 0
    stick(app, pygame.CONTROLLER_AXIS_LEFTY, 0)
    node = play.session.node_id
    button(app, pygame.CONTROLLER_BUTTON_A)
    assert play.session.node_id != node
    button(app, pygame.CONTROLLER_BUTTON_LEFTSHOULDER)  # step back: to the choice before
    assert play.session.node_id == node
    button(app, pygame.CONTROLLER_BUTTON_START)
    assert app.top.name == "pause"
    button(app, pygame.CONTROLLER_BUTTON_DPAD_DOWN, n=1)
    button(app, pygame.CONTROLLER_BUTTON_A, n=20)
    assert app.top.name == "saves"
    button(app, pygame.CONTROLLER_BUTTON_B, n=10)
    assert app.top.name == "pause"
    button(app, pygame.CONTROLLER_BUTTON_B, n=10)
    assert app.top is play


def test_the_back_button_shows_the_pad_glyphs(tmp_path):
    app = play_window(tmp_path)
    to_choices(app)
    button(app, pygame.CONTROLLER_BUTTON_BACK, n=40)  # the page has faded in
    assert app.top.name == "help"
    # the A button's green disc is drawn
    assert (96, 168, 80) in {tuple(app.surface.get_at((x, y)))[:3]
                             for x in range(900, 1000) for y in range(150, 300)}
    button(app, pygame.CONTROLLER_BUTTON_B, n=10)
    assert app.top.name == "play"


def test_a_pad_plugged_in_and_out_is_opened_and_closed(tmp_path):
    app = play_window(tmp_path)
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=0))
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=0))
    frames(app, 3)  # no pad is really there: nothing breaks, nothing is left open
    assert app.top.name == "play" and app.pads.open == {}
