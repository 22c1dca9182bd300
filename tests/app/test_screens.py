"""Screens under the real loop: the picker with a broken story, placeholders, typewriter, input."""

from __future__ import annotations

import shutil

import pygame
import pytest

from game.app.catalog import scan
from game.app.states.picker import PickerScreen
from game.app.states.play import PlayScreen
from game.app.transitions import Push, Replace
from game.story.load import load_story
from game.story.session import Session
from tests.app.conftest import FIXTURES, STORIES, click, frames, key, prepare

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_picker_lists_a_broken_story_with_its_errors(tmp_path, monkeypatch):
    root = tmp_path / "stories"
    root.mkdir()
    shutil.copytree(FIXTURES / "bad" / "LT200-dangling-target", root / "broken")
    shutil.copytree(FIXTURES / "bad" / "LT101-invalid-json", root / "not-json")
    shutil.copytree(FIXTURES / "valid" / "tiny", root / "tiny")
    (root / "empty-folder").mkdir()
    monkeypatch.setenv("LOWTIDE_STORIES", str(root))
    entries = {e.path.name: e for e in scan()}
    assert set(entries) == {"broken", "not-json", "tiny", "empty-folder"}
    assert entries["tiny"].playable
    assert any("LT200" in p for p in entries["broken"].problems)
    assert any("LT101" in p for p in entries["not-json"].problems)
    assert any("LT108" in p for p in entries["empty-folder"].problems)

    ready = prepare("--input-script", _script(tmp_path, "wait 1000"))
    app = ready.app
    frames(app, 3)
    app.apply(Push("picker"))  # New game on the title
    frames(app, 5)
    picker = app.top
    assert isinstance(picker, PickerScreen)
    assert len(picker.entries) == 4
    for i in range(len(picker.entries)):  # walk over every card, broken ones included
        picker._focus(i)
        key(pygame.K_RETURN)
        frames(app, 2)
        if picker.entries[i].playable:
            assert app.top.name == "setup"
            return
        assert app.top is picker  # a broken story cannot be picked, and nothing breaks
    raise AssertionError("the playable story was never reached")


def _script(tmp_path, text: str):
    path = tmp_path / "idle.txt"
    path.write_text(text + "\n", "utf-8")
    return path


def _play(tmp_path, story_dir) -> tuple:
    ready = prepare("--input-script", _script(tmp_path, "wait 100000"))
    story, diagnostics = load_story(story_dir)
    assert story is not None, diagnostics
    ready.app.apply(Replace("play", session=Session.start(story)))
    frames(ready.app, 2)
    assert isinstance(ready.app.top, PlayScreen)
    return ready.app, ready.app.top


def test_missing_portrait_draws_a_placeholder(tmp_path):
    story_dir = shutil.copytree(FIXTURES / "valid" / "tiny", tmp_path / "tiny")
    story, _ = load_story(story_dir)
    (story_dir / "face.png").unlink()  # gone after the story loaded
    (story_dir / "room.tmx").write_text("<map><broken", "utf-8")
    ready = prepare("--input-script", _script(tmp_path, "wait 100000"))
    ready.app.apply(Replace("play", session=Session.start(story)))
    frames(ready.app, 30)
    play = ready.app.top
    assert isinstance(play, PlayScreen) and ready.app.exit_code is None
    assert play.portrait.current is not None
    assert play.portrait.current.get_size() == (360, 440)
    assert any("face.png" in w for w in ready.app.services.images.warned)
    assert play.stage.scene is not None and play.stage.scene.problem  # the broken map says so


def test_typewriter_first_press_completes_second_advances(tmp_path):
    app, play = _play(tmp_path, STORIES / "sample")
    assert play.index == 0 and not play.box.complete
    key(pygame.K_SPACE)
    frames(app, 1)
    assert play.box.complete and play.index == 0
    key(pygame.K_SPACE)
    frames(app, 1)
    assert play.index == 1 and not play.box.complete


def _to_choices(app, play) -> None:
    for _ in range(20):
        if play.phase == "choices":
            break
        key(pygame.K_SPACE)
        frames(app, 2)
    frames(app, 30)  # past the short guard against picking by accident
    assert play.phase == "choices"


def test_keyboard_only_choice(tmp_path):
    app, play = _play(tmp_path, STORIES / "sample")
    session = play.session
    _to_choices(app, play)
    key(pygame.K_DOWN)
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)
    frames(app, 2)
    assert session.steps and session.steps[0].choice == 1


def test_number_key_choice(tmp_path):
    app, play = _play(tmp_path, STORIES / "sample")
    _to_choices(app, play)
    key(pygame.K_3)
    frames(app, 2)
    assert play.session.steps[0].choice == 2


def test_mouse_only_choice(tmp_path):
    app, play = _play(tmp_path, STORIES / "sample")
    session = play.session
    for _ in range(20):  # clicks advance the text as Space does
        if play.phase == "choices":
            break
        click((640, 300))
        frames(app, 2)
    frames(app, 40)
    assert play.phase == "choices"
    target = play.choices.rects[2].center
    click(target)
    frames(app, 2)
    assert session.steps and session.steps[0].choice == 2


def test_escape_pauses_and_resumes(tmp_path):
    app, play = _play(tmp_path, STORIES / "sample")
    key(pygame.K_ESCAPE)
    frames(app, 2)
    assert app.top.name == "pause"
    key(pygame.K_ESCAPE)
    frames(app, 2)
    assert app.top is play


def test_an_unexpected_error_becomes_an_error_screen(tmp_path):
    app, play = _play(tmp_path, STORIES / "sample")
    app.driver = None  # as for a person: the error is shown, the loop goes on

    def boom(dt):
        raise RuntimeError("the kettle exploded")

    play.update = boom
    frames(app, 3)
    assert app.top.name == "error" and "kettle" in app.top.message
    assert app.exit_code is None
    key(pygame.K_RETURN)
    frames(app, 3)
    assert app.top.name == "title"


def test_playthroughs_one_after_another_keep_no_scene_of_the_last(tmp_path):
    """Issue 16: memory grew with every playthrough in one process, the map view keeping each
    scene's scaled sprites in a module-level dict. Now the scene owns them, and goes."""
    import gc
    import weakref

    ready = prepare("--input-script", _script(tmp_path, "wait 100000"))
    app = ready.app
    story, _ = load_story(STORIES / "sample")
    scenes = []
    for _ in range(4):
        app.apply(Replace("play", session=Session.start(story)))
        frames(app, 20)
        play = app.top
        assert isinstance(play, PlayScreen) and play.stage.scene is not None and play.stage.figures
        sprite = play.stage.scene.sprite(next(iter(play.stage.figures.values())).image)
        scenes.append((weakref.ref(play.stage.scene), weakref.ref(sprite)))
        app.apply(Replace("title"))
        frames(app, 5)
        del play, sprite
    gc.collect()
    assert [s() for s, _ in scenes[:-1]] == [None] * 3  # the title may hold nothing of them
    assert [p() for _, p in scenes[:-1]] == [None] * 3
