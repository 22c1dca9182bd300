"""Text the window draws, whatever it holds: a NUL byte, a lone surrogate from a story's JSON,
a line of only zero-width characters, control characters typed into a field."""

from __future__ import annotations

import pygame
import pytest

from game.app.render.text import TextCache, drawable, field_text
from game.app.states.setup import SetupScreen
from game.app.transitions import Push
from game.story.load import load_story
from tests.app.conftest import STORIES, frames, prepare

pytestmark = pytest.mark.usefixtures("fresh_pygame")


@pytest.mark.parametrize("text", ["a\x00b", "a\ud800b", "\u202e", "\u200b", "\x00",
                                  "tab\tand\x1b[31m", "🌊" * 50])
def test_any_text_lays_out_without_failing(text: str) -> None:
    font = pygame.font.Font(None, 20)
    block = TextCache().block(text, font, (0, 0, 0), 300)
    assert block.lines and all(line.surface.get_height() > 0 for line in block.lines)


def test_drawable_and_field_text() -> None:
    assert drawable("a\x00b") == "a\ufffdb"
    assert drawable("a\ud800b") == "a?b"
    assert field_text("\x00Be\nn\x7f\ud800 \u00e9") == "Ben \u00e9"


def test_a_nul_typed_into_the_name_field_is_dropped(tmp_path) -> None:
    story, _ = load_story(STORIES / "sample")
    ready = prepare("--data-dir", tmp_path)
    app = ready.app
    frames(app, 2)
    app.apply(Push("setup", story=story))
    frames(app, 2)
    setup = app.top
    assert isinstance(setup, SetupScreen) and setup.focused == "name"
    before = setup.name_text
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="\x00Sa\x01m"))
    frames(app, 3)
    assert setup.name_text == before + "Sam" and app.errors == 0
