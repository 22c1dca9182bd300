"""The settings screen through the real loop: every change applies at once and is stored."""

from __future__ import annotations

import pygame
import pytest

from game.app.render import theme
from game.app.settings import Settings, SettingsStore, fields
from game.app.states.settings import GROUPS
from tests.app.looping import choose, press, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def open_settings(app):
    from game.app.transitions import Push

    app.apply(Push("settings"))
    for _ in range(2):
        app.frame()
    return app.top


def stored(tmp_path) -> Settings:
    return SettingsStore(tmp_path / "data" / "config" / "settings.json").load()


def test_every_setting_has_a_row(tmp_path):
    app = window(tmp_path)
    screen = open_settings(app)
    assert [r.name for r in screen.rows] == [n for _, names in GROUPS for n in names]
    assert {r.name for r in screen.rows} == {f.name for f in fields()}


def test_keyboard_changes_every_setting_and_stores_it(tmp_path):
    app = window(tmp_path)
    screen = open_settings(app)
    for i, row in enumerate(screen.rows):
        screen.focus = i
        before = getattr(app.services.settings, row.name)
        key = pygame.K_RETURN if row.is_flag else (
            pygame.K_LEFT if before == row.field.metadata["range"][1] else pygame.K_RIGHT)
        press(app, key, n=1)
        after = getattr(app.services.settings, row.name)
        assert after != before, row.name
        assert getattr(stored(tmp_path), row.name) == after, row.name


def test_text_size_reflows_the_dialogue(tmp_path):
    app = window(tmp_path)
    play = app.top
    small = play.box.rect.h
    screen = open_settings(app)
    screen.focus = next(i for i, r in enumerate(screen.rows) if r.name == "text_size")
    for _ in range(10):
        press(app, pygame.K_RIGHT, n=1)
    assert app.services.settings.text_size == 200
    press(app, pygame.K_ESCAPE)
    assert app.top is play and play.box.scale == 2.0
    assert play.box.rect.h > small


def test_contrast_and_font_switch_the_theme(tmp_path):
    app = window(tmp_path)
    screen = open_settings(app)
    ink = app.services.palette.INK
    screen.set("high_contrast", True)
    assert app.services.palette is theme.HIGH_CONTRAST and ink != app.services.palette.INK
    screen.set("legible_font", True)
    assert app.services.fonts.legible
    screen.set("high_contrast", False)
    assert app.services.palette is theme.DEFAULT and ink == app.services.palette.INK


def test_the_mouse_drags_a_slider(tmp_path):
    app = window(tmp_path)
    screen = open_settings(app)
    row = next(r for r in screen.rows if r.name == "master_volume")
    bar = screen._slider(row)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(bar.x + 2, bar.centery),
                                         button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(bar.x + 2, bar.centery),
                                         button=1))
    for _ in range(2):
        app.frame()
    assert app.services.settings.master_volume == 0.0
    assert stored(tmp_path).master_volume == 0.0


def test_reduced_motion_and_instant_text_show_lines_at_once(tmp_path):
    app = window(tmp_path)
    open_settings(app).set("reduced_motion", True)
    press(app, pygame.K_ESCAPE)
    choose(app, 1)
    assert app.top.box.complete
    assert app.fade == 0


def test_stored_settings_are_used_by_the_next_run(tmp_path):
    SettingsStore(tmp_path / "data" / "config" / "settings.json").save(
        Settings(show_dynamics=True, text_size=150))
    app = window(tmp_path)
    assert app.services.settings.show_dynamics and app.top.box.scale == 1.5


def test_auto_advance_goes_on_by_itself(tmp_path):
    app = window(tmp_path)
    open_settings(app).set("auto_advance", True)
    app.services.settings = app.services.settings.replace(auto_delay=0.5)
    press(app, pygame.K_ESCAPE)
    for _ in range(600):
        app.frame()
        if app.top.phase == "choices":
            break
    assert app.top.phase == "choices"


def test_skip_seen_text_hurries_through_nodes_read_before(tmp_path):
    app = window(tmp_path)
    choose(app, 1)
    open_settings(app).set("skip_seen", True)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_BACKSPACE)  # back at the first node, read before
    app.top.enter_node()
    for _ in range(120):
        app.frame()
        if app.top.phase == "choices":
            break
    assert app.top.phase == "choices"


class Screenful:
    """A display that can fill the screen (the dummy driver cannot): its state, and how many
    times it was asked to switch."""

    def __init__(self, monkeypatch) -> None:
        self.full = False
        self.switches = 0
        monkeypatch.setattr(pygame.display, "is_fullscreen", lambda: self.full)
        monkeypatch.setattr(pygame.display, "toggle_fullscreen", self.toggle)

    def toggle(self) -> int:
        self.full = not self.full
        self.switches += 1
        return 1


def test_f11_is_the_full_screen_setting_and_is_remembered(tmp_path, monkeypatch):
    app = window(tmp_path)
    display = Screenful(monkeypatch)
    press(app, pygame.K_F11)
    assert app.services.settings.fullscreen and stored(tmp_path).fullscreen
    assert display.full and display.switches == 1  # once: the key and the setting are one
    screen = open_settings(app)
    row = next(i for i, r in enumerate(screen.rows) if r.name == "fullscreen")
    assert screen.rows[row].name == "fullscreen"
    screen.focus = row
    press(app, pygame.K_RETURN)  # the setting, switched back on the settings page
    assert not app.services.settings.fullscreen and not stored(tmp_path).fullscreen
    assert not display.full and display.switches == 2
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_F11)
    press(app, pygame.K_F11)
    assert not display.full and not app.services.settings.fullscreen
    assert display.switches == 4
    # the next run opens as the last one left it
    press(app, pygame.K_F11)
    assert stored(tmp_path).fullscreen
