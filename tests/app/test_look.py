"""How screens look, checked on what they draw: the dynamics panel keeps clear of the lines and
the replies, the reply numbers can be read in both themes, the camera never shows an empty band
below a map, story cards read as cards, and a chart's mark names leave its points in view."""

from __future__ import annotations

import random

import pygame
import pytest

from game.app.render import theme
from game.app.render.chart import (
    TOP,
    Row,
    _tag_place,
    draw_figure,
    figure_height,
    series,
)
from game.app.render.choices import PAD_Y
from game.app.render.mapview import OVERSCROLL, SceneView
from game.app.settings import Settings, SettingsStore
from game.app.states.ending import COL_W, PLOT_MAX, PLOT_MIN
from game.story.load import load_story
from game.story.session import Session
from tests.app.conftest import STORIES, frames, prepare
from tests.app.looping import choose, press, to_choices, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def with_settings(tmp_path, **values) -> None:
    SettingsStore(tmp_path / "data" / "config" / "settings.json").save(Settings(**values))


def test_the_dynamics_panel_covers_neither_the_lines_nor_the_replies(tmp_path):
    with_settings(tmp_path, show_dynamics=True)
    app = window(tmp_path, "low-tide")
    play = app.top
    for number in (2, 1, 3):
        to_choices(app)
        frames(app, 30)
        panel = play.dynamics.rect
        assert panel.w > 0 and panel.h > 0, "the panel was drawn"
        assert not panel.colliderect(play.box.rect)
        assert not any(panel.colliderect(r) for r in play.choices.rects)
        assert panel.bottom <= 350  # above the face of the speaker's portrait
        assert panel.x >= 0 and panel.y >= 0
        choose(app, number)
    assert play.dynamics.kind is not None  # the last reply is explained too
    frames(app, 30)
    assert not play.dynamics.rect.colliderect(play.box.rect)


def test_the_dynamics_scale_grows_with_a_value_that_has_no_maximum(tmp_path):
    app = window(tmp_path, "low-tide")
    panel = app.top.dynamics
    unbounded = next(v for v in panel.vars if v.max is None and not v.marks)
    values = list(app.top.session.values)
    for value in (1, 4, 9):
        values[unbounded.slot] = value
        panel.set_values(values, None)
    assert panel.peak[unbounded.id] == 9
    values[unbounded.slot] = 1
    panel.set_values(values, None)
    assert panel.peak[unbounded.id] == 9  # a later lower value keeps the scale


@pytest.mark.parametrize("high", [False, True])
def test_reply_numbers_are_readable(tmp_path, high):
    with_settings(tmp_path, high_contrast=high)
    app = window(tmp_path)
    pal = app.services.palette
    assert pal.high_contrast is high
    to_choices(app)
    frames(app, 30)
    play = app.top
    rect = play.choices.rects[1]
    disc = tuple(app.surface.get_at((rect.x + 28 - 11, rect.y + PAD_Y + 14)))[:3]
    assert disc == pal.BADGE
    assert theme.contrast(pal.BADGE, pal.BADGE_TEXT) >= 4.5
    assert theme.contrast(pal.BADGE_FOCUS, pal.BADGE_FOCUS_TEXT) >= 4.5
    if high:
        # the disc itself stands out from the bright reply it sits on
        assert theme.contrast(pal.BADGE, pal.CREAM_LIGHT) >= 4.5
    # the digit is drawn in the badge's own text colour
    digit = {tuple(app.surface.get_at((x, y)))[:3]
             for x in range(rect.x + 22, rect.x + 35) for y in range(rect.y + PAD_Y + 7,
                                                                      rect.y + PAD_Y + 22)}
    assert pal.BADGE_TEXT in digit
    press(app, pygame.K_DOWN)  # the keyboard focus turns the first badge to its focus colours
    frames(app, 30)
    rect = play.choices.rects[0]
    focused = tuple(app.surface.get_at((rect.x + 8 + 28 - 11, rect.y + PAD_Y + 14)))[:3]
    assert focused == pal.BADGE_FOCUS


def test_the_camera_shows_no_empty_band_below_a_tall_map(tmp_path):
    window(tmp_path)  # a display to convert surfaces for
    view = SceneView(STORIES / "low-tide" / "maps" / "apartment.tmx")
    bw, bh = view.size
    vw, vh = view.view
    assert bh > vh and view.has_apron
    lowest = view.camera_for((bw / 2, bh), (700, 150))
    assert lowest[1] == bh - vh + OVERSCROLL  # looking past the bottom edge, as far as it may
    frame = view.compose([], 0.0, lowest)
    edge = bh - int(lowest[1])  # where the map ends on screen
    assert edge < vh - 100
    # no seam where the map ends: the first row below it continues the map's last row, and
    # further down the frame shows the colour around the map, not a band of another colour
    # the colour around the map is its top edge's, averaged over the whole width
    left = bw - vw
    first = pygame.transform.average_color(view.compose([], 0.0, (0, 0)),
                                           pygame.Rect(0, 0, left, 2))[:3]
    rest = pygame.transform.average_color(view.compose([], 0.0, (left, 0)),
                                          pygame.Rect(0, 0, vw, 2))[:3]
    around = tuple((a * left + b * vw) // bw for a, b in zip(first, rest))
    assert max(abs(a - b) for a, b in zip(around, view.around)) <= 3, (around, view.around)
    frame = view.compose([], 0.0, lowest)
    for x in (4, 320, 640, 1000):
        above, below = frame.get_at((x, edge - 1)), frame.get_at((x, edge))
        assert max(abs(a - b) for a, b in zip(above[:3], below[:3])) <= 3, (x, above, below)
        bottom = tuple(frame.get_at((x, vh - 1)))[:3]
        assert max(abs(a - b) for a, b in zip(bottom, around)) <= 3, (x, bottom, around)
        assert bottom != theme.DEFAULT.NIGHT_DEEP


def test_story_cards_are_warm_cards_and_the_chosen_one_stands_out(tmp_path, stories_root):
    from game.app.transitions import Push

    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    app = prepare("--input-script", idle, "--data-dir", tmp_path / "data").app
    frames(app, 3)
    app.apply(Push("picker"))  # New game on the title
    frames(app, 20)
    picker = app.top
    assert picker.name == "picker" and len(picker.entries) >= 2
    chosen, other = picker.rect(picker.focus), picker.rect(1 - picker.focus)
    # a blank spot of each card, right of its text
    a = app.surface.get_at((chosen.right - 30, chosen.bottom - 20))
    b = app.surface.get_at((other.right - 30, other.bottom - 20))
    backdrop = app.surface.get_at((30, other.centery))
    assert b[0] - b[2] >= 20, f"an unchosen card reads warm, not grey: {b}"
    assert theme.contrast(b, backdrop) >= 4.5
    assert sum(a[:3]) > sum(b[:3])  # the chosen card is the lightest
    # the chosen card is outlined
    outline = app.surface.get_at((chosen.x + 1, chosen.centery))
    assert max(abs(a - b) for a, b in zip(outline[:3], app.services.palette.AMBER)) <= 3


def test_a_marks_name_leaves_the_points_of_the_line_in_view():
    plot = pygame.Rect(62, 48, 500, 200)
    size = (150, 18)
    # the line runs through the corner where a mark's name would go first
    points = [(62, 240), (300, 200), (540, 70), (560, 66)]
    box = _tag_place(size, 80, plot, points, [], 300)
    assert not any(box.collidepoint(p) for p in points)
    assert not any(box.clipline(p, q) for p, q in zip(points, points[1:]))
    # with nothing in the way the name stays at the right, above its line
    box = _tag_place(size, 80, plot, [(62, 240), (560, 240)], [], 300)
    assert box.right == plot.right + 4 and box.bottom == 77
    # a line through every place near its own: no place on the plot (the figure gives the
    # names a lane above it then)
    zigzag = [(62 + 12 * i, 70 if i % 2 else 90) for i in range(42)]
    assert _tag_place(size, 80, plot, zigzag, [], 300, others=(40, 120)) is None


@pytest.mark.parametrize("story", ["low-tide", "two-bars", "long-weekend"])
def test_no_marks_name_hides_a_point_or_another_name_on_any_road(tmp_path, story):
    app = window(tmp_path)
    loaded = load_story(STORIES / story)[0]
    charted = sorted((v for v in loaded.variables.values() if v.chart), key=lambda v: v.slot)
    lanes = 0
    for seed in range(40):
        rng = random.Random(seed)
        session = Session.start(loaded, seed=seed)
        while not session.is_over and session.choices():
            session.choose(rng.choice(session.choices()).index)
        start = session.steps[0].before.values
        rows = [Row(v, session.render(v.label_template), series(v, session.steps, start))
                for v in charted[:3]]
        kinds = [loaded.kinds.get(step.kind or "") for step in session.steps]
        marked = {p.step + 1: loaded.kinds.get(p.kind or "") for p in session.turning_points()}
        for contrast, plot in ((False, PLOT_MIN), (True, PLOT_MIN), (False, PLOT_MAX)):
            app.services.change_settings(high_contrast=contrast)
            size = (COL_W, figure_height(len(rows), plot))
            figure = draw_figure(size, rows, kinds, app.services, marked)
            assert len(figure.names) == sum(len(v.marks) for v in charted[:3])
            for i, name in enumerate(figure.names):
                hidden = [p for p in figure.dots if name.colliderect((p[0] - 8, p[1] - 8, 16, 16))]
                assert not hidden, f"seed {seed}: a name at {name} hides the points {hidden}"
                assert name.collidelist(figure.names[i + 1:]) == -1, f"seed {seed}: names overlap"
                assert figure.surface.get_rect().contains(name)
            lanes += figure.top > TOP
    if story == "low-tide":
        assert lanes, "some roads crowd the smallest chart: their names go above the plot"


def test_the_scene_name_keeps_clear_of_the_dynamics_panel(tmp_path):
    with_settings(tmp_path, show_dynamics=True)
    app = window(tmp_path, "low-tide")
    play = app.top
    seen = 0
    for _ in range(3):
        choose(app, 1)
        for _ in range(30):
            frames(app, 2)
            if play.stage.label_time > 0 and play.stage.label_rect.w:
                seen += 1
                assert not play.stage.label_rect.colliderect(play.dynamics.rect)
    assert seen, "a scene's name was shown"
