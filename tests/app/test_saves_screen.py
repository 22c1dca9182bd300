"""Saving through the real loop: autosave after a choice, F5/F9, the save and load screens."""

from __future__ import annotations

import pygame
import pytest

from game.app import persist
from game.app.persist import SaveInfo, SaveProblem
from game.app.states.saveload import SaveLoadScreen
from game.app.transitions import Push, Replace
from tests.app.looping import choose, press, to_choices, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def store(tmp_path) -> persist.SaveStore:
    return persist.SaveStore(tmp_path / "data" / "saves")


def test_a_choice_writes_the_autosave_with_a_thumbnail(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    auto = store(tmp_path).read("sample", "auto")
    assert isinstance(auto, SaveInfo)
    assert auto.node == app.top.session.node_id
    assert auto.thumbnail is not None and auto.thumbnail.read_bytes()[:4] == b"\x89PNG"
    assert persist.Persist.open(tmp_path / "data").progress.seen("sample") >= {"keys", "couch"}


def test_f5_quick_saves_and_f9_loads_it_back(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    to_choices(app)
    saved_at = app.top.session.node_id
    press(app, pygame.K_F5)
    quick = store(tmp_path).read("sample", "quick")
    assert isinstance(quick, SaveInfo) and quick.node == saved_at
    assert app.services.keep.toast.text.startswith("Saved")
    choose(app, 1)
    assert app.top.session.node_id != saved_at
    press(app, pygame.K_F9, n=6)
    assert app.top.name == "play"
    assert app.top.session.node_id == saved_at


def test_f9_without_a_quick_save_says_so(tmp_path):
    app = window(tmp_path)
    press(app, pygame.K_F9)
    assert app.top.name == "play"
    assert "no quick save" in app.services.keep.toast.text.lower()


def test_save_screen_writes_a_slot_and_load_screen_opens_it(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    to_choices(app)
    at = app.top.session.node_id
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Save
    assert app.top.name == "saves" and app.top.mode == "save"
    press(app, pygame.K_4)  # slot 4
    info = store(tmp_path).read("sample", "4")
    assert isinstance(info, SaveInfo) and info.node == at and info.line
    press(app, pygame.K_4)  # saving over it asks first
    assert app.top.confirm == "4"
    press(app, pygame.K_ESCAPE)
    assert app.top.confirm is None
    press(app, pygame.K_ESCAPE)  # back to the menu it was opened from
    assert app.top.name == "pause"
    press(app, pygame.K_ESCAPE)  # and on to play
    assert app.top.name == "play"
    choose(app, 1)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Load
    assert app.top.name == "saves" and app.top.mode == "load"
    press(app, pygame.K_4, n=6)
    assert app.top.name == "play" and app.top.session.node_id == at


def test_the_save_screen_cannot_write_the_autosave(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    app.apply(Push("saves", mode="save", session=app.stack.screens[0].session))
    before = store(tmp_path).read("sample", "auto")
    app.apply(app.top.use("auto"))
    assert store(tmp_path).read("sample", "auto") == before


def test_a_damaged_slot_shows_its_message_and_the_rest_still_load(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    press(app, pygame.K_F5)
    path = store(tmp_path).path("sample", "2")
    path.write_text('{"format": 1, "session": {"trunc', "utf-8")
    app.apply(Push("saves", mode="load"))
    screen = app.top
    assert isinstance(screen, SaveLoadScreen)
    for _ in range(3):
        app.frame()
    assert isinstance(screen.slots["2"], SaveProblem)
    assert "cut off" in screen.slots["2"].message
    assert isinstance(screen.slots["quick"], SaveInfo)
    assert list(path.parent.glob("slot-2.json.damaged-*"))
    app.apply(screen.use("2"))  # nothing happens but a sound
    assert app.top is screen
    app.apply(screen.use("quick"))
    for _ in range(3):
        app.frame()
    assert app.top.name == "play"


def test_load_from_the_title_lists_every_story_with_saves(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    app.apply(Replace("title"))
    for _ in range(3):
        app.frame()
    assert app.top.name == "title"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.top.name == "saves" and app.top.story_id == "sample"
    press(app, pygame.K_a, n=6)
    assert app.top.name == "play"


def edited_copy(tmp_path):
    """A copy of the sample the player plays (its saves name this folder)."""
    import shutil

    from tests.app.conftest import STORIES

    copy = tmp_path / "stories" / "sample"
    shutil.copytree(STORIES / "sample", copy)
    return copy


def remove_ten_minutes(copy) -> None:
    """The writer takes out the node the player is at (its ways in go to 'check')."""
    import json

    data = json.loads((copy / "story.json").read_text("utf-8"))
    del data["nodes"]["ten-minutes"]
    text = json.dumps(data).replace('"to": "ten-minutes"', '"to": "check"')
    text = text.replace('visits(\\"ten-minutes\\")', 'visits(\\"check\\")')
    (copy / "story.json").write_text(text, "utf-8")


def to_ten_minutes(app) -> None:
    to_choices(app)
    press(app, pygame.K_1, n=4)  # keys → couch
    take = next(c for c in app.top.session.choices() if c.target == "ten-minutes")
    to_choices(app)
    app.top.pick([c.index for c in app.top.session.choices()].index(take.index))
    to_choices(app)
    assert app.top.session.node_id == "ten-minutes"


def test_a_save_from_before_a_story_edit_tells_the_player(tmp_path):
    copy = edited_copy(tmp_path)
    app = window(tmp_path, str(copy))
    to_ten_minutes(app)
    press(app, pygame.K_F5)
    remove_ten_minutes(copy)
    press(app, pygame.K_F9, n=6)
    assert app.top.name == "notice"
    assert "changed" in " ".join(app.top.lines)
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and app.top.session.node_id == "couch"


def test_continue_tells_the_player_what_changed_as_load_does(tmp_path):
    copy = edited_copy(tmp_path)
    app = window(tmp_path, str(copy))
    to_ten_minutes(app)  # the reply that led here wrote the autosave
    remove_ten_minutes(copy)
    app.apply(Replace("title"))
    press(app, pygame.K_RETURN, n=6)  # Continue has the focus
    assert app.top.name == "notice"
    assert app.top.title == "The story has changed since this save"
    assert "ten-minutes" in " ".join(app.top.lines)
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and app.top.session.node_id == "couch"
    assert app.top.session.story.root == copy


def _mean_difference(a: pygame.Surface, b: pygame.Surface) -> float:
    small = (32, 18)
    a, b = pygame.transform.smoothscale(a, small), pygame.transform.smoothscale(b, small)
    total = 0
    for x in range(small[0]):
        for y in range(small[1]):
            ca, cb = a.get_at((x, y)), b.get_at((x, y))
            total += sum(abs(ca[i] - cb[i]) for i in range(3))
    return total / (small[0] * small[1] * 3)


def test_a_save_made_on_the_save_page_shows_the_scene_not_the_page(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    to_choices(app)
    play = app.top
    scene = play.picture()
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN, n=30)  # Save: the page has faded in
    assert app.top.name == "saves"
    page = app.surface.copy()
    press(app, pygame.K_1, n=5)
    saved = store(tmp_path).read("sample", "1")
    assert isinstance(saved, SaveInfo) and saved.thumbnail is not None
    thumb = pygame.image.load(str(saved.thumbnail))
    assert _mean_difference(thumb, scene) < 6
    assert _mean_difference(thumb, page) > 30
    # and the quick save from play has no toast or menu in its picture either
    press(app, pygame.K_ESCAPE, n=10)  # the pause menu
    press(app, pygame.K_ESCAPE, n=10)  # play
    press(app, pygame.K_F5)
    press(app, pygame.K_F5)  # the first one's "Saved" toast is on screen now
    quick = store(tmp_path).read("sample", "quick")
    assert _mean_difference(pygame.image.load(str(quick.thumbnail)), play.picture()) < 6


def test_a_toast_shows_over_the_settings_page(tmp_path):
    app = window(tmp_path)
    press(app, pygame.K_ESCAPE)
    app.apply(Push("settings"))
    app.services.keep.say("Settings could not be stored; they hold until you quit.")
    before = app.surface.copy()
    app.frame()
    top_band = pygame.Rect(440, 8, 400, 40)
    assert any(app.surface.get_at((x, 28)) != before.get_at((x, 28))
               for x in range(top_band.left, top_band.right, 4))
