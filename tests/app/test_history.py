"""History through the real loop: every line and reply listed; choosing one goes back to it."""

from __future__ import annotations

import pygame
import pytest

from game.app.states.history import entries
from tests.app.looping import choose, press, to_choices, wheel, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_history_lists_lines_and_replies_in_order(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    choose(app, 1)
    to_choices(app)
    session = app.top.session
    items = entries(session)
    replies = [i.text for i in items if i.kind == "reply"]
    assert replies == [s.text for s in session.steps]
    assert items[0].text.startswith("Keys in the bowl")
    assert items[-1].kind == "now"


def history_after_two_replies(tmp_path):
    """A sample window two replies in, with the history open (L): the app and the screen."""
    app = window(tmp_path)
    choose(app, 1)
    choose(app, 1)
    to_choices(app)
    press(app, pygame.K_l)
    return app, app.top


def test_l_opens_history_and_enter_goes_back_to_an_entry(tmp_path):
    app, history = history_after_two_replies(tmp_path)
    assert history.name == "history"
    wheel(app, 3)  # scrolling is harmless
    press(app, pygame.K_HOME)
    assert history.focus == 0
    press(app, pygame.K_RETURN)
    assert app.top.name == "play"
    assert app.top.session.steps == [] and app.top.session.node_id == "keys"
    press(app, pygame.K_y, mod=pygame.KMOD_CTRL)  # and forward again
    assert len(app.top.session.steps) == 1


def test_a_click_on_a_reply_goes_back_to_before_it(tmp_path):
    app, history = history_after_two_replies(tmp_path)
    second = next(i for i, item in enumerate(history.items) if item.kind == "reply" and
                  item.step == 1)
    history._show(second)
    for _ in range(30):
        app.frame()
    pos = history._row(second).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    for _ in range(3):
        app.frame()
    assert app.top.name == "play" and len(app.top.session.steps) == 1


def test_escape_closes_history_without_change(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    press(app, pygame.K_l)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "play" and len(app.top.session.steps) == 1
