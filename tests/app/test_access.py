"""Details that make the window comfortable to read, checked on what it draws: high contrast's
opaque panels and darker slider fill, reply badges in the same place in both themes, the
"200%" beside its slider with room to spare, and a caret in the name field."""

from __future__ import annotations

import pygame
import pytest

from game.app.render import theme
from game.app.transitions import Push
from tests.app.conftest import frames
from tests.app.looping import press, to_choices, window
from tests.app.test_look import with_settings

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_high_contrast_makes_the_pause_panel_opaque(tmp_path):
    with_settings(tmp_path, high_contrast=True)
    app = window(tmp_path, "low-tide")
    to_choices(app)
    press(app, pygame.K_ESCAPE, n=20)
    pause = app.top
    assert pause.name == "pause"
    # inside the panel, below its last entry: the panel's own colour, whatever is beneath
    probe = [(pause.rect.x + 20, y) for y in range(pause.rect.bottom - 24, pause.rect.bottom - 14)]
    assert {tuple(app.surface.get_at(p))[:3] for p in probe} == {app.services.palette.PANEL}


def _knob_and_value(app):
    settings = app.top
    row = next(r for r in settings.rows if r.name == "text_size")
    bar = settings._slider(row)
    value = getattr(app.services.settings, row.name)
    lo, hi = row.field.metadata["range"]
    knob_right = bar.x + int((value - lo) / (hi - lo) * bar.w) + 9
    # the value text's first inked column, found on screen
    ink = [x for x in range(knob_right - 20, row.rect.right)
           if any(tuple(app.surface.get_at((x, y)))[:3] == app.services.palette.INK_SOFT
                  for y in range(row.rect.top, row.rect.bottom))]
    return knob_right, min(ink), bar, row


def test_the_200_percent_label_keeps_clear_of_its_knob(tmp_path):
    with_settings(tmp_path, text_size=200)
    app = window(tmp_path)
    app.apply(Push("settings"))
    frames(app, 30)
    knob_right, text_left, _, _ = _knob_and_value(app)
    assert text_left - knob_right >= 8


@pytest.mark.parametrize("high", [False, True])
def test_the_slider_fill_is_never_paler_in_high_contrast(tmp_path, high):
    with_settings(tmp_path, high_contrast=high, text_size=150)
    app = window(tmp_path)
    app.apply(Push("settings"))
    frames(app, 30)
    _, _, bar, _ = _knob_and_value(app)
    fill = tuple(app.surface.get_at((bar.x + 10, bar.centery)))[:3]
    pal = app.services.palette
    assert fill == pal.SLIDER_FILL and pal.high_contrast is high
    if high:
        assert theme.luminance(pal.SLIDER_FILL) < theme.luminance(theme.DEFAULT.SLIDER_FILL)
        assert theme.contrast(pal.SLIDER_FILL, pal.CREAM_DARK) >= 3


def _badges(tmp_path, high: bool) -> list[tuple[int, int]]:
    with_settings(tmp_path, high_contrast=high)
    app = window(tmp_path)
    to_choices(app)
    frames(app, 40)
    out = []
    for rect in app.top.choices.rects:
        dark = [(x, y) for x in range(rect.x, rect.x + 48) for y in range(rect.y, rect.y + 40)
                if tuple(app.surface.get_at((x, y)))[:3] == app.services.palette.BADGE]
        xs, ys = [p[0] for p in dark], [p[1] for p in dark]
        out.append(((min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2))
    pygame.quit()
    pygame.init()
    return out


def test_reply_badges_sit_in_the_same_place_in_both_themes(tmp_path):
    plain = _badges(tmp_path / "plain", False)
    high = _badges(tmp_path / "high", True)
    assert plain == high


@pytest.mark.parametrize("reduced", [False, True])
def test_the_name_field_shows_a_caret(tmp_path, reduced):
    with_settings(tmp_path, reduced_motion=reduced)
    app = window(tmp_path)
    story = app.top.session.story
    app.apply(Push("setup", story=story))
    frames(app, 30)
    setup = app.top
    assert setup.focused == "name"
    shown = 0
    for _ in range(66):  # 1.1 s: one whole blink
        app.frame()
        shown += setup.caret_visible
    assert shown >= 66 * 0.65 if not reduced else shown == 66
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="x"))
    app.frame()
    assert setup.caret_visible  # typing shows it at once
    field = setup._rows()["name"]
    font = app.services.font("serif", 26)
    x = field.x + 18 + font.size(setup.name_text)[0] + 2
    column = {tuple(app.surface.get_at((x, y)))[:3] for y in range(field.y + 12, field.bottom - 12)}
    assert app.services.palette.INK in column
