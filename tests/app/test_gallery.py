"""The endings gallery: an ending reached shows up with its title; the others stay locked."""

from __future__ import annotations

import pygame
import pytest

from game.app import persist
from game.app.states.gallery import GalleryScreen, hint
from game.app.transitions import Push
from tests.app.looping import play_to_ending, press, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_reaching_an_ending_discovers_it_and_the_gallery_shows_it(tmp_path):
    app = window(tmp_path)
    session = app.top.session
    play_to_ending(app)
    assert app.top.name == "ending"
    found = persist.Persist.open(tmp_path / "data").progress.endings("sample")
    assert session.node_id in found
    press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN)
    gallery = app.top
    assert isinstance(gallery, GalleryScreen)
    assert gallery.drive_hint()["found"] == [session.node_id]
    assert len(gallery.endings()) == 3
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"


def test_a_locked_ending_hints_without_its_title(tmp_path):
    from game.story.load import load_story
    from tests.app.conftest import STORIES

    story, _ = load_story(STORIES / "sample")
    for node in story.endings():
        text = hint(story, node)
        assert text and node.ending.title not in text


def test_the_gallery_opens_the_flowchart(tmp_path):
    app = window(tmp_path)
    from game.story.load import load_story
    from tests.app.conftest import STORIES

    story, _ = load_story(STORIES / "two-bars")
    app.apply(Push("gallery", stories=[app.top.story, story]))
    press(app, pygame.K_PAGEDOWN)
    assert app.top.story.id == "two-bars"
    press(app, pygame.K_f)
    assert app.top.name == "flowchart"


def test_a_hint_from_the_debrief_reads_its_names_not_its_placeholders(tmp_path):
    from game.story.load import load_story
    from tests.app.conftest import FIXTURES

    story, _ = load_story(FIXTURES / "valid/conditional-text")
    cool = story.nodes["cool"]  # its dynamic has no summary: the debrief gives the hint
    assert hint(story, cool) == "Nothing was said that Sam could keep."
