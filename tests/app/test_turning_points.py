"""The ending's turning points through the real loop: an input script plays the flagship to an
ending, and the screen shows (draws, and says through self-voicing) the same turning points as
the transcript the run writes; the keys and the mouse move among them; they grow with the
text size, scrolling in their panel, and keep to the palette in high contrast."""

from __future__ import annotations

import json

import pygame
import pytest

from game.app.render import theme
from game.app.render.chart import BAND
from game.app.settings import Settings, SettingsStore
from game.app.states.ending import COL_BOTTOM, EndingScreen
from game.app.voice import Voice
from tests.app.conftest import STORIES, frames, prepare, run_to_end
from tests.app.looping import button, press
from tests.app.test_voice import Recorder

pytestmark = pytest.mark.usefixtures("fresh_pygame")

# A fixed playthrough: complete each line, pick a reply, again until an ending (a number a node
# does not offer is ignored, and the next is tried).
PICKS = "2131211321121" + "1" * 12
SCRIPT = "wait-for play\n" + "".join(
    f"until choices|ending space\nkey {n}\n" for n in PICKS) + "until ending space\nwait 30\n"


class Drawn:
    """The texts a frame lays out, by wrapping the run's text cache."""

    def __init__(self, cache) -> None:
        self.cache = cache
        self.texts: list[str] = []
        self.block = cache.block

        def block(text, *args, **kwargs):
            self.texts.append(text)
            return self.block(text, *args, **kwargs)

        cache.block = block


def to_ending(tmp_path, **settings):
    """The flagship played to an ending by the fixed script, its transcript written."""
    if settings:
        SettingsStore(tmp_path / "data" / "config" / "settings.json").save(Settings(**settings))
    script = tmp_path / "script.txt"
    script.write_text(SCRIPT, "utf-8")
    out = tmp_path / "run.json"
    ready = prepare(STORIES / "low-tide", "--input-script", script, "--transcript", out,
                    "--data-dir", tmp_path / "data", "--name", "Robin", "--pronouns", "she")
    assert run_to_end(ready) == 0
    screen = ready.app.top
    assert isinstance(screen, EndingScreen)
    ready.app.exit_code = None  # the script is over; the window goes on for the test
    return ready.app, screen, json.loads(out.read_text("utf-8"))


def test_the_ending_shows_the_turning_points_of_the_transcript(tmp_path):
    app, screen, transcript = to_ending(tmp_path)
    points = transcript["turning_points"]
    assert 2 <= len(points) <= 3
    shown = screen.drive_hint()["turning_points"]
    assert shown == [{"reply": p["step"] + 1, "choice": p["choice"],
                      "scene_label": p["scene_label"], "summary": p["summary"]}
                     for p in points]
    # quoted as the player chose them, with the partner's name and pronouns
    steps = transcript["steps"]
    assert [p["choice"] for p in points] == [steps[p["step"]]["choice"] for p in points]
    assert not any("{" in p["choice"] or "}" in p["choice"] for p in shown)
    # and drawn: each quote, and its scene and change, laid out in this frame
    drawn = Drawn(app.services.text)
    frames(app, 1)
    text = "\n".join(drawn.texts)
    for p in points:
        assert p["choice"] in drawn.texts
        assert p["summary"].split(", ")[0].replace(" ", "\u00a0") in text
        assert p["scene_label"] in text
    assert "TURNING POINTS" in drawn.texts
    # the chart and the panel share the right column without overlapping, on screen
    assert screen.figure is not None
    figure = screen.figure.surface.get_rect(topleft=(screen.point_rect.x, 64))
    assert not figure.colliderect(screen.point_rect)
    assert screen.point_rect.bottom <= COL_BOTTOM
    assert screen.turnings.max_scroll(screen.point_rect.h) == 0  # all in view at 100 %


def test_the_keys_and_the_mouse_move_among_the_turning_points_and_voicing_says_them(tmp_path):
    app, screen, transcript = to_ending(tmp_path)
    engine = Recorder()
    app.services.voice = Voice(engine)
    press(app, pygame.K_v)
    assert engine.said[-1].startswith(f"An ending: {screen.title}.")
    assert engine.said[-1].endswith("Right arrow: the turning points.")
    points = transcript["turning_points"]
    first = points[0]

    press(app, pygame.K_RIGHT)
    assert screen.point_focus == 0 and screen.menu.focus is None
    said = engine.said[-1]
    assert said.startswith(f"Turning point 1 of {len(points)}, reply {first['step'] + 1}: "
                           f"{first['choice']}")
    assert f"Scene: {first['scene_label']}." in said
    assert "+" not in said and "\u2212" not in said  # changes read as words: "up", "down"
    assert any(w in said for w in (" up ", " down "))
    press(app, pygame.K_DOWN)
    assert screen.point_focus == 1
    assert engine.said[-1].startswith(f"Turning point 2 of {len(points)}")
    press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_DOWN, n=1)
    assert screen.point_focus == len(points) - 1  # stays on the last
    press(app, pygame.K_RETURN)
    assert app.top is screen  # Enter on a point leaves nothing
    press(app, pygame.K_LEFT)
    assert screen.point_focus is None and screen.menu.focus is None
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_TAB)  # Tab goes back to the menu
    assert screen.point_focus is None and screen.menu.focus == 0
    assert engine.said[-1] == "Back to the title"

    # pointing at a reply's band on the chart, or at its entry, focuses it
    last = points[-1]
    band = screen.figure.band(last["step"] + 1).move(screen.point_rect.x, 64)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=band.center, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    frames(app, 3)
    assert screen.point_focus == len(points) - 1 and screen.menu.focus is None
    turnings = screen.turnings
    entry = (turnings.view.x + 60, turnings.view.y + turnings.tops[0] + 4)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=entry, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    frames(app, 3)
    assert screen.point_focus == 0
    assert band.w == BAND


def test_at_200_percent_the_points_grow_and_scroll_into_view(tmp_path):
    app, screen, transcript = to_ending(tmp_path, text_size=200)
    turnings = screen.turnings
    quote = app.services.font("serif-italic", 34)
    assert turnings._quote(app.services, turnings.entries[0]).lines[0].surface.get_height() \
        >= quote.get_height() - 1  # laid out at twice the size
    room = screen.point_rect
    assert room.bottom <= COL_BOTTOM and room.h > 150
    most = turnings.max_scroll(room.h)
    assert most > 0  # too tall for its room at this size: it scrolls
    press(app, pygame.K_RIGHT)
    for i in range(len(screen.points)):
        frames(app, 40)
        assert screen.point_scroll == screen.point_target
        top = turnings.view.y + turnings.tops[i] - screen.point_scroll
        bottom = top + turnings.heights[i]
        assert turnings.view.y - 8 <= top and bottom <= turnings.view.bottom + 8, \
            f"point {i + 1} is not in view when focused"
        press(app, pygame.K_DOWN, n=1)
    # the wheel over the panel scrolls it back up, and the debrief stays where it was
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(room.right - 4, room.y + 4),
                                         rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=10, flipped=False))
    frames(app, 3)
    assert screen.point_target == 0 and screen.target == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    frames(app, 3)
    assert 0 < screen.point_target <= most


def test_in_high_contrast_the_chart_is_redrawn_and_the_points_read_clearly(tmp_path):
    app, screen, _ = to_ending(tmp_path)
    before = screen.figure.surface
    app.services.change_settings(high_contrast=True)
    try:
        frames(app, 2)
        assert screen.figure.surface is not before  # drawn again in the new palette
        assert screen.figure.surface.get_at((40, 40))[3] == 255  # opaque panels
        pal = app.services.palette
        assert theme.contrast(pal.INK, pal.PANEL) >= 7
        assert theme.contrast(pal.INK_SOFT, pal.PANEL) >= 7
        assert theme.contrast(pal.BADGE_FOCUS, pal.PANEL) >= 4.5
    finally:
        app.services.change_settings(high_contrast=False)
    pal = app.services.palette
    assert theme.contrast(pal.INK_SOFT, pal.PANEL) >= 4.5


def test_at_200_percent_the_heading_stays_put_as_the_list_scrolls(tmp_path):
    app, screen, _ = to_ending(tmp_path, text_size=200)
    turnings = screen.turnings
    room = screen.point_rect
    assert turnings.max_scroll(room.h) > 0  # the list scrolls at this size

    line = app.services.font("sans-bold", 28).get_linesize()  # the heading at 200 %

    def heading() -> pygame.Surface:
        surface = pygame.Surface(theme.SIZE)
        screen.draw(surface)
        return surface.subsurface((room.x, room.y, room.w, 16 + line)).copy()

    before = heading()
    engine = Recorder()
    app.services.voice = Voice(engine)
    press(app, pygame.K_v)
    press(app, pygame.K_RIGHT)  # the keyboard reaches the list; the pad moves down it
    for _ in range(len(screen.points) - 1):
        button(app, pygame.CONTROLLER_BUTTON_DPAD_DOWN, n=1)
    frames(app, 60)
    assert screen.point_focus == len(screen.points) - 1
    assert screen.point_scroll > 0
    after = heading()
    assert pygame.image.tobytes(before, "RGB") == pygame.image.tobytes(after, "RGB"), \
        "the heading moved with the list"
    # the focused point is below the heading, in view, and spoken
    top = turnings.view.y + turnings.tops[-1] - screen.point_scroll
    assert top >= room.y + 16 + line
    assert top + turnings.heights[-1] <= turnings.view.bottom + 8
    assert engine.said[-1].startswith(f"Turning point {len(screen.points)} of")


def test_the_marks_names_hide_no_point_nor_each_other_in_every_palette_and_size(tmp_path):
    app, screen, _ = to_ending(tmp_path)
    drawn = []
    for settings in ({}, {"high_contrast": True}, {"text_size": 200}, {"high_contrast": False}):
        app.services.change_settings(**settings)
        frames(app, 2)
        figure = screen.figure
        assert all(figure is not before for before in drawn)  # drawn again for each
        drawn.append(figure)
        assert len(figure.names) == 4  # the flagship's marks: flooding, two of safety, the cave
        for i, name in enumerate(figure.names):
            hidden = [p for p in figure.dots if name.colliderect((p[0] - 8, p[1] - 8, 16, 16))]
            assert not hidden, f"a mark's name at {name} covers the points {hidden}"
            assert name.collidelist(figure.names[i + 1:]) == -1, "two marks' names overlap"
        # and as drawn: every point shows its own colour, not a name's backing
        panel = app.services.palette.PANEL
        starts = set(figure.dots[::len(figure.dots) // 3])  # each line's start is hollow
        for p in figure.dots:
            if p not in starts:
                assert figure.surface.get_at(p)[:3] != panel, f"the point at {p} is hidden"
