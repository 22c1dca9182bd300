"""The endings gallery: an ending reached shows up with its title; the others stay locked."""

from __future__ import annotations

import pygame
import pytest

from game.app import persist
from game.app.endinghints import hints
from game.app.states.gallery import GalleryScreen
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
    press(app, pygame.K_UP, n=1)  # into the menu from below: "Endings found"
    press(app, pygame.K_RETURN)
    gallery = app.top
    assert isinstance(gallery, GalleryScreen)
    assert gallery.drive_hint()["found"] == [session.node_id]
    assert len(gallery.endings()) == 5
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "ending"


def test_a_locked_ending_hints_without_its_title(tmp_path):
    from game.story.load import load_story
    from tests.app.conftest import STORIES

    story, _ = load_story(STORIES / "sample")
    for node in story.endings():
        text = hints(story)[node.id]
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


def test_a_hint_reads_names_and_forms_not_placeholders_or_inline_forms(tmp_path):
    from game.story.load import load_story
    from tests.app.conftest import FIXTURES

    story, _ = load_story(FIXTURES / "valid/conditional-text")
    found = hints(story)
    # a dynamic shown by one ending only: its summary, with the partner not named yet
    assert found["warm"] == "Thanked, they come closer."
    # a dynamic with no summary: the ending's opening words
    assert found["cool"] == "Coolness: The kettle clicks off. Nobody pours."
    for text in found.values():
        assert "{" not in text and "Sam" not in text


def test_a_hint_from_a_debrief_when_the_ending_has_no_lines(tmp_path):
    import dataclasses

    from game.app.endinghints import teaser
    from game.story.load import load_story
    from tests.app.conftest import FIXTURES

    story, _ = load_story(FIXTURES / "valid/conditional-text")
    cool = dataclasses.replace(story.nodes["cool"], lines=())
    assert teaser(story, cool) == "Nothing was said that your partner could keep."


def test_the_paths_and_the_endings_read_the_players_names_from_play(tmp_path):
    from tests.app.conftest import FIXTURES
    from tests.app.looping import choose

    app = window(tmp_path, str(FIXTURES / "valid/conditional-text"), "--name", "Robin",
                 "--pronouns", "she")
    choose(app, 1)  # thanks: the warm ending
    play_to_ending(app)
    assert app.top.name == "ending"
    press(app, pygame.K_f)  # the paths taken, the ending selected
    chart = app.top
    assert chart.name == "flowchart" and chart.selected == "warm"
    assert chart.card()[1] == "Warmth — Thanked, she comes closer."  # as the player set her
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_UP, n=1)  # into the menu from below: "Endings found"
    press(app, pygame.K_RETURN)
    gallery = app.top
    assert gallery.name == "gallery" and gallery.endings()[0].id == "warm"
    assert "Thanked, she comes closer." in gallery.spoken()
    # from the title, with no playthrough, the partner is not named
    titled = GalleryScreen(app, [gallery.story])
    assert titled.read(gallery.story.dynamics["warm"].summary_template) == \
        "Thanked, they come closer."
