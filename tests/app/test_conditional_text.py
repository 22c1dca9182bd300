"""Conditional text in the window, through the real loop: the play screen's lines and replies,
history as each node read at the time, and the ending's title and debrief."""

from __future__ import annotations

import pygame
import pytest

from game.app.states.ending import EndingScreen
from game.app.states.history import entries
from tests.app.conftest import FIXTURES, frames, prepare
from tests.app.looping import choose, play_to_ending, press, to_choices

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def window(tmp_path):
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    ready = prepare(FIXTURES / "valid/conditional-text", "--input-script", idle,
                    "--data-dir", tmp_path / "data", "--seed", "4")
    frames(ready.app, 3)
    return ready.app


def shown(app) -> list[str]:
    return [line.text for line in app.top.lines]


def test_lines_replies_history_and_ending_read_by_the_road(tmp_path):
    app = window(tmp_path)
    play = app.top
    assert shown(app) == ["The door opens.", "The hall light is still on from this morning.",
                          "Hey."]
    to_choices(app)
    assert [text for text, _ in play.choices.items] == [
        "“Thank you for coming back.”", "“Where were you?”", "Wait, for now."]
    choose(app, 1)
    assert shown(app) == ["The door opens again.", "You said thanks."]
    choose(app, 1)
    assert shown(app) == ["The door, once more.", "You said thanks. Twice!"]
    to_choices(app)
    assert [text for text, _ in play.choices.items] == ["“Where were you?”", "Wait."]

    press(app, pygame.K_l)  # the history (H hides the interface)
    history = app.top
    assert history.name == "history"
    lines = [item.text for item in history.items if item.kind != "reply"]
    assert lines == ["The door opens.", "The hall light is still on from this morning.", "Hey.",
                     "The door opens again.", "You said thanks.",
                     "The door, once more.", "You said thanks. Twice!"]
    assert history.items == entries(app.top.session)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "play"

    choose(app, 1)  # "Where were you?": felt safety falls back to 50, not under it
    (kettle,) = shown(app)  # so "Don't start." (if safety < 50) is not shown
    assert kettle.startswith("Tick. The kettle ") and kettle.endswith(("hums.", "sighs.",
                                                                         "rattles."))
    play_to_ending(app)
    screen = app.top
    assert isinstance(screen, EndingScreen)
    assert screen.title == "Tea"
    assert screen.debrief == ("You were there when he came in.\n\n"
                              "You thanked him 2 times, and he heard each one.")
    assert screen.summary == "Thanked, he comes closer."
