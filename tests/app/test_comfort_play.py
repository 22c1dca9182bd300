"""Comfort in play through the real loop: stepping back line by line (then to the choice
before, figures where they stood), skipping (Tab, Ctrl held, the quick menu) that stops at
choices and at unseen text, the quick menu by mouse and keyboard, and hiding the interface."""

from __future__ import annotations

import pygame
import pytest

from game.app.render import theme
from game.app.render.quickmenu import ITEMS
from tests.app.conftest import click, frames
from tests.app.looping import choose, press, to_choices, wheel, window
from tests.app.test_look import with_settings

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def figures(play) -> dict[str, tuple[float, float]]:
    return {cid: (f.x, f.y) for cid, f in play.stage.figures.items()}


def test_the_wheel_steps_back_line_by_line_then_to_the_choice_before(tmp_path):
    app = window(tmp_path)
    play = app.top
    to_choices(app)
    frames(app, 200)  # everyone has walked to their spot
    at_keys = figures(play)
    choose(app, 1)  # to the couch: the partner walks over
    to_choices(app)
    frames(app, 200)
    assert play.session.node_id == "couch" and figures(play) != at_keys
    wheel(app, 1)  # the replies give way to the line before them
    assert play.phase == "lines" and play.index == 0 and play.session.node_id == "couch"
    assert play.box.complete
    wheel(app, 1, n=1)  # from the first line: back to the choice before, as it stood
    assert play.session.node_id == "keys" and play.phase == "choices"
    assert figures(play) == at_keys  # at once, not walking back
    wheel(app, 1)
    assert play.phase == "lines" and play.index == 0
    wheel(app, -1)  # forward again: the last line and its replies
    assert play.phase == "choices" and play.session.node_id == "keys"
    wheel(app, -1)  # then the reply chosen before
    assert play.session.node_id == "couch"


def test_tab_skips_seen_text_and_stops_at_unseen_text_and_at_choices(tmp_path):
    app = window(tmp_path)
    play = app.top
    choose(app, 1)
    choose(app, 1)
    # back to the start: its text has been seen now, and is shown from its first line
    play.rollback(1)
    play.enter_node()
    assert play.session.node_id == "couch" and play.reader.seen_before and play.index == 0
    press(app, pygame.K_TAB, n=1)
    assert play.skipping
    frames(app, 60)
    assert play.phase == "choices" and not play.skipping  # stopped at the choice
    press(app, pygame.K_4, n=4)  # a reply never chosen: unseen text
    assert not play.reader.seen_before
    press(app, pygame.K_TAB, n=3)
    assert not play.skipping and play.index == 0  # unseen: skipping stops at once


def test_skip_unseen_text_when_allowed_and_ctrl_held(tmp_path):
    with_settings(tmp_path, skip_unseen=True)
    app = window(tmp_path)
    play = app.top
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LCTRL,
                                         mod=pygame.KMOD_LCTRL, unicode="", scancode=0))
    frames(app, 60)
    assert play.phase == "choices"  # skipped to the first choice, and no further
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_LCTRL, mod=0, unicode="",
                                         scancode=0))
    frames(app, 2)
    assert not play.ctrl


def test_the_quick_menu_by_mouse_and_keyboard(tmp_path):
    app = window(tmp_path)
    play = app.top
    to_choices(app)
    frames(app, 3)
    keys = [key for key, _ in ITEMS]
    history = play.quick.rects[keys.index("history")]
    click(history.center)
    frames(app, 5)
    assert app.top.name == "history"
    press(app, pygame.K_ESCAPE, n=5)
    assert app.top is play
    press(app, pygame.K_q, n=1)
    assert play.quick.focus == 0
    for _ in range(keys.index("save")):
        press(app, pygame.K_RIGHT, n=1)
    press(app, pygame.K_RETURN, n=5)
    assert app.top.name == "saves" and app.top.mode == "save"
    press(app, pygame.K_ESCAPE, n=5)
    click(play.quick.rects[keys.index("auto")].center)
    frames(app, 2)
    assert app.services.settings.auto_advance and "auto" in play.quick.on


def test_the_quick_menu_can_be_switched_off(tmp_path):
    with_settings(tmp_path, quick_menu=False)
    app = window(tmp_path)
    play = app.top
    play.quick.lay_out(app.services)
    spot = play.quick.rects[1].center
    index = play.index
    click(spot)  # an ordinary click in play: it goes on with the story
    frames(app, 3)
    assert app.top is play and (play.index != index or play.box.complete)


def test_h_hides_the_interface_and_any_press_brings_it_back(tmp_path):
    app = window(tmp_path)
    play = app.top
    to_choices(app)
    frames(app, 30)
    box = play.box.rect
    shown = app.surface.get_at(box.center)
    press(app, pygame.K_h)
    assert play.hidden
    assert app.surface.get_at(box.center) != shown  # the room shows through
    node = play.session.node_id
    press(app, pygame.K_1)  # brings it back, and picks nothing
    assert not play.hidden and play.session.node_id == node
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 10), button=2))
    frames(app, 2)
    assert play.hidden


def test_the_quick_menu_reads_at_4_5_to_1_over_any_scene_in_either_palette(tmp_path):
    app = window(tmp_path, "low-tide")
    play = app.top
    to_choices(app)
    keys = [key for key, _ in ITEMS]
    press(app, pygame.K_q, n=1)  # the keyboard on the first item
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, rel=(0, 0), buttons=(0, 0, 0),
                                         pos=play.quick.rects[keys.index("history")].center))
    frames(app, 2)
    assert play.quick.focus == 0 and play.quick.hover == keys.index("history")
    for contrast in (False, True):
        app.services.change_settings(high_contrast=contrast)
        frames(app, 1)
        play.quick.on = {"auto"}  # as the row shows Auto while it is on
        pal = app.services.palette
        for under in ("scene", (255, 255, 255), (0, 0, 0), (128, 128, 128)):
            surface = pygame.Surface((1280, 720))
            play.draw(surface)
            if under != "scene":  # the worst a scene could put under the row
                surface.fill(under)
                play.quick.draw(surface, app.services)
            for i, (key, label) in enumerate(ITEMS):
                rect = play.quick.rects[i]
                if key in play.quick.on:
                    ink = pal.NIGHT_DEEP
                elif i in (play.quick.focus, play.quick.hover):
                    ink = pal.STAR
                else:
                    ink = pal.CREAM_DARK
                behind = surface.get_at((rect.x + 4, rect.centery))
                ratio = theme.contrast(ink, behind)
                assert ratio >= 4.5, \
                    f"{label} at {ratio:.2f}:1 over {under} (high contrast {contrast})"
    app.services.change_settings(high_contrast=False)
