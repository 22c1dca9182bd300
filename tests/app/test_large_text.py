"""At the largest text size the line being answered stays on screen, with its speaker's name,
above the replies (they take the whole width, and shrink a little only when they must)."""

from __future__ import annotations

import pytest

from game.app.render import theme
from tests.app.conftest import frames
from tests.app.looping import choose, to_choices, window
from tests.app.test_look import with_settings

pytestmark = pytest.mark.usefixtures("fresh_pygame")


@pytest.mark.parametrize("size", [100, 150, 200])
def test_the_line_and_its_speaker_stay_on_screen_above_the_replies(tmp_path, size):
    with_settings(tmp_path, text_size=size)
    app = window(tmp_path, "low-tide")
    play = app.top
    for number in (2, 1, 3, 1):
        to_choices(app)
        frames(app, 40)  # the box has slid up to make room for the replies
        box = play.box.rect
        assert box.top - 18 >= 0, f"the speaker's name is cut off at {size}%"
        assert box.bottom <= play.choices.rects[0].top
        assert play.choices.rects[-1].bottom <= theme.HEIGHT
        assert play.choices.size >= 1.0 - 1e-6  # never smaller than normal text
        if size == 100:
            assert box.w == 850 and play.choices.shrink == 1.0  # the usual layout
        choose(app, number)
        if app.top.name != "play":
            break
