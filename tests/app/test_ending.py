"""The ending screen through the real loop: a long debrief keeps a readable size and scrolls,
with the keys, the wheel and the scroll bar, and the menu below it still works."""

from __future__ import annotations

import pygame
import pytest

from game.app.states.ending import DEBRIEF_SIZE, EndingScreen
from tests.app.conftest import click
from tests.app.looping import play_to_ending, press, wheel, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")

# one of the longest debriefs among the bundled stories
LONG = ("two-bars", "he-calls")


def ending(tmp_path, story: str, node: str) -> tuple:
    app = window(tmp_path, story, "--from", node)
    play_to_ending(app)
    screen = app.top
    assert isinstance(screen, EndingScreen)
    return app, screen


def settle(app, frames: int = 60) -> None:
    for _ in range(frames):
        app.frame()


def test_a_long_debrief_keeps_its_size_and_scrolls_with_the_keys(tmp_path):
    app, screen = ending(tmp_path, *LONG)
    body = screen._body()
    # read at the full size: a 19 px serif, every line as tall as such a line is
    assert screen.debrief and len(body.lines) > 12
    assert body.line_height >= int(18 * 1.42)
    assert min(line.surface.get_height() for line in body.lines) >= 18
    most = screen.max_scroll
    assert most > body.line_height  # longer than its room, so it scrolls
    assert screen.scroll == 0 and screen.menu.focus is None  # nothing chosen yet

    press(app, pygame.K_DOWN)
    assert 0 < screen.target < most
    assert screen.menu.focus is None  # Down read on; the menu is not reached yet
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_END)
    assert screen.target == most
    settle(app)
    assert screen.scroll == most
    # the last line ends exactly at the bottom of the debrief's room
    assert screen.view.y - int(screen.scroll) + body.height == screen.view.bottom

    press(app, pygame.K_DOWN)  # at the end, Down moves into the menu
    assert screen.menu.focus == 0 and screen.target == most
    press(app, pygame.K_DOWN)
    assert screen.menu.focus == 1 and screen.target == most
    press(app, pygame.K_UP)  # Up goes back up the menu first …
    assert screen.menu.focus == 0 and screen.target == most
    press(app, pygame.K_UP)  # … then back up the debrief
    assert screen.target < most and screen.menu.focus == 0
    press(app, pygame.K_PAGEUP)
    press(app, pygame.K_HOME)
    assert screen.target == 0
    press(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert screen.menu.focus == 2
    press(app, pygame.K_RETURN)
    assert app.top.name == "gallery"


def test_the_wheel_and_the_scroll_bar_scroll_the_debrief(tmp_path):
    app, screen = ending(tmp_path, *LONG)
    most = screen.max_scroll
    wheel(app, -1)
    down = screen.target
    assert down > 0
    wheel(app, 1)
    assert screen.target < down
    settle(app)
    # the bar is drawn beside the debrief: its thumb at the top of its track
    top, h = screen._thumb()
    bar = screen._bar_rect()
    assert tuple(app.surface.get_at((bar.centerx, top + h // 2)))[:3] == \
        app.services.palette.AMBER_LIGHT
    # a click on the track below the thumb pages down
    click((bar.centerx, screen.view.bottom - 4))
    settle(app, 3)
    assert screen.target >= min(most, screen.view.h - screen._body().line_height)
    press(app, pygame.K_HOME)
    settle(app)
    # dragging the thumb to the bottom of the track shows the end
    top, h = screen._thumb()
    grab = (bar.centerx, top + h // 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=grab, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(grab[0], grab[1] + 400),
                                         rel=(0, 400), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(grab[0], grab[1] + 400),
                                         button=1))
    settle(app, 3)
    assert screen.scroll == most and screen.drag is None
    assert app.top is screen  # nothing in the menu was picked by the drag


def test_a_short_debrief_does_not_scroll_and_arrows_move_the_menu(tmp_path):
    app, screen = ending(tmp_path, "sample", "haven")
    assert screen.debrief and screen.max_scroll == 0
    wheel(app, -2)
    press(app, pygame.K_END)
    assert screen.target == 0
    press(app, pygame.K_DOWN)
    assert screen.menu.focus == 0
    press(app, pygame.K_DOWN)
    assert screen.menu.focus == 1
    settle(app)
    # no scroll bar beside it
    bar = screen._bar_rect()
    colours = {tuple(app.surface.get_at((bar.centerx, y)))[:3]
               for y in range(screen.view.y, screen.view.bottom, 4)}
    pal = app.services.palette
    assert pal.AMBER_LIGHT not in colours and pal.PLUM_LIGHT not in colours


def test_a_bigger_text_size_grows_the_debrief(tmp_path):
    from game.app.settings import Settings, SettingsStore

    SettingsStore(tmp_path / "data" / "config" / "settings.json").save(Settings(text_size=150))
    app, screen = ending(tmp_path, *LONG)
    assert screen._body().line_height == int(round(DEBRIEF_SIZE * 1.5) * 1.42)
    press(app, pygame.K_END)
    settle(app)
    assert screen.scroll == screen.max_scroll > 0


def test_space_through_the_last_line_never_leaves_the_ending(tmp_path):
    """A player pressing Space at a reading pace sees the ending: nothing in its menu has the
    focus until they reach for it, so the stray presses do nothing (and never reach the title,
    where Space would press Continue)."""
    app, screen = ending(tmp_path, "sample", "haven")
    assert screen.menu.focus is None
    for k in (pygame.K_SPACE, pygame.K_SPACE, pygame.K_RETURN, pygame.K_SPACE):
        press(app, k, n=20)
    assert app.top is screen
    press(app, pygame.K_TAB)  # a deliberate move into the menu
    assert screen.menu.focus == 0
    press(app, pygame.K_RETURN, n=10)
    assert app.top.name == "title"
