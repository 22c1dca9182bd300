"""Audio: ambient loops and interface sounds at the player's volumes; silence never fails."""

from __future__ import annotations

import logging

import pygame
import pytest

from game.app.audio import Audio
from game.app.settings import Settings
from tests.conftest import STORIES


@pytest.fixture
def mixer():
    yield
    if pygame.mixer.get_init():
        pygame.mixer.quit()


def test_plays_ambient_and_interface_sounds(mixer):
    audio = Audio(settings=Settings(master_volume=0.5, music_volume=0.5, effects_volume=1.0))
    assert audio.music_gain == 0.25 and audio.effects_gain == 0.5
    audio.ambient("evening")
    audio.ambient("evening")  # the same loop again does not restart it
    assert audio.current == "evening"
    for name in ("move", "select", "back", "page", "save", "error", "ending"):
        audio.play(name)
        assert audio.last_effect == name
    audio.ambient(None)
    assert audio.current is None
    audio.stop()


def test_every_bundled_sound_loads(mixer):
    audio = Audio()
    if not audio.enabled:
        pytest.skip("no mixer here")
    for stem in ("ambient-evening", "ambient-night", "ambient-country", "ambient-title",
                 "ui-move", "ui-select", "ui-back", "ui-page", "ui-save", "ui-error", "ending"):
        assert audio._sound(stem) is not None, stem


def test_a_scene_plays_its_declared_ambient(mixer):
    from game.story.load import load_story

    story, _ = load_story(STORIES / "sample")
    audio = Audio()
    audio.scene(story, "flat")
    assert audio.current == story.scenes["flat"].ambient == "evening"
    audio.scene(story, None)
    assert audio.current is None


def test_a_missing_file_is_a_quiet_no_op(mixer, tmp_path, caplog):
    audio = Audio(folder=tmp_path)
    with caplog.at_level(logging.WARNING, "lowtide.audio"):
        audio.ambient("nowhere")
        audio.play("select")
        audio.play("select")
    if audio.enabled:
        assert sum("not available" in r.message for r in caplog.records) == 2  # once per file


def test_no_audio_device_means_silence_not_failure(monkeypatch, caplog):
    def refuse(*a, **k):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", refuse)
    with caplog.at_level(logging.WARNING, "lowtide.audio"):
        audio = Audio(settings=Settings())
    assert not audio.enabled
    assert any("no sound" in r.message for r in caplog.records)
    audio.ambient("evening")
    audio.play("select")
    audio.apply(Settings(master_volume=0.0))
    audio.stop()
    assert audio.effects_gain == 0.0
