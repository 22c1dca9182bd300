"""A failure in the window never loses the player's place: a failure injected into a screen of
the real loop keeps the autosave, writes the traceback to a report in the log folder, and shows
the error screen (with the report's path, never a traceback) and the way back to the title."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.app import run
from game.app.loop import MAX_ERRORS
from game.app.persist import crashlog
from game.app.states.error import ErrorScreen
from game.app.states.play import PlayScreen
from tests.app.conftest import STORIES, frames, key, prepare

pytestmark = pytest.mark.usefixtures("fresh_pygame")


class Injected(RuntimeError):
    """The failure the tests put into a screen."""


def _inject(monkeypatch, cls: type, method: str, times: int = 1) -> list[int]:
    """Make ``cls.method`` raise ``times`` times, then behave again; the count left."""
    real = getattr(cls, method)
    left = [times]

    def failing(self, *args, **kwargs):
        if left[0] > 0:
            left[0] -= 1
            raise Injected("the tide came in\n  over the stairs")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, method, failing)
    return left


def _to_a_choice_made(app) -> str:
    """Play the first node to its replies, take the first: the autosave is written."""
    play = app.top
    assert isinstance(play, PlayScreen)
    for _ in range(40):
        if play.phase == "choices":
            break
        key(pygame.K_RETURN)
        frames(app, 2)
    assert play.phase == "choices"
    frames(app, 40)  # replies take a moment before they can be picked
    key(pygame.K_1)
    frames(app, 2)
    assert play.session.steps, "a reply was taken"
    return play.session.node_id


def _autosave(data_dir: Path, story: str) -> dict:
    return json.loads((data_dir / "saves" / story / "auto.json").read_text("utf-8"))


@pytest.fixture
def ready(tmp_path):
    """The sample in a window with its data in ``tmp_path``, closed after the test."""
    ready = prepare(STORIES / "sample", "--data-dir", tmp_path)
    try:
        yield ready
    finally:
        run.finish(ready)


@pytest.fixture
def chosen(ready):
    """The window after the first reply was taken: (the app, the node it led to)."""
    app = ready.app
    frames(app, 3)
    return app, _to_a_choice_made(app)


def test_a_failure_in_a_screen_keeps_the_place_logs_and_shows_the_way_back(tmp_path, monkeypatch,
                                                                         chosen):
    app, node = chosen
    assert _autosave(tmp_path, "sample")["node"] == node
    (tmp_path / "saves" / "sample" / "auto.json").unlink()  # only the failure writes it now
    _inject(monkeypatch, PlayScreen, "update")
    frames(app, 2)

    error = app.top
    assert error is not None and error.name == "error" and app.errors == 1
    reports = crashlog.reports(tmp_path / "logs")
    assert len(reports) == 1
    text = reports[0].read_text("utf-8")
    assert "Traceback" in text and "Injected: the tide came in" in text
    assert "in failing" in text  # the frame that raised
    assert f"node: {node}" in text and "screens: play" in text
    # on screen: what happened in a line, that the place is kept, where the details are
    assert str(reports[0]) in error.message
    assert "Continue" in error.message
    assert error.message.startswith("Injected: the tide came in over the stairs\n")
    assert "Traceback" not in error.message and 'File "' not in error.message
    assert _autosave(tmp_path, "sample")["node"] == node

    key(pygame.K_RETURN)  # Back to the title
    frames(app, 3)
    assert app.top.name == "title"
    key(pygame.K_RETURN)  # Continue
    frames(app, 3)
    assert isinstance(app.top, PlayScreen) and app.top.session.node_id == node
    assert app.errors == 1


def test_a_session_a_failure_left_unsound_does_not_replace_the_autosave(tmp_path, monkeypatch,
                                                                         chosen):
    app, node = chosen
    play = app.top
    real_update = PlayScreen.update

    def half_changed(self, dt):
        self.session.node_id = "a-node-that-is-not-there"
        raise Injected("failed halfway through a change")

    monkeypatch.setattr(PlayScreen, "update", half_changed)
    frames(app, 1)
    monkeypatch.setattr(PlayScreen, "update", real_update)
    assert app.top.name == "error" and play.session.node_id != node
    assert _autosave(tmp_path, "sample")["node"] == node  # the good one stays
    assert "Continue" not in app.top.message


def test_a_failure_of_the_loop_itself_is_shown_too(tmp_path, monkeypatch, ready):
    app = ready.app
    real_get = pygame.event.get
    calls = [0]

    def get(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 3:
            raise Injected("events could not be read")
        return real_get(*args, **kwargs)

    monkeypatch.setattr(pygame.event, "get", get)
    app.max_frames = 6
    assert app.run() == 1  # ends at max_frames, not with a traceback
    assert app.top.name == "error" and app.errors == 1
    assert crashlog.reports(tmp_path / "logs")


def test_a_driven_run_ends_with_the_message_and_the_report(tmp_path, monkeypatch):
    ready = prepare(STORIES / "sample", "--autoplay", "first", "--data-dir", tmp_path)
    try:
        _inject(monkeypatch, PlayScreen, "draw")
        assert ready.app.run() == 1
        message = ready.app.exit_message
        assert message.startswith("unexpected error: Injected: the tide came in")
        (report,) = crashlog.reports(tmp_path / "logs")
        assert str(report) in message
    finally:
        run.finish(ready)


def test_failing_again_and_again_ends_the_run_instead_of_looping(tmp_path, monkeypatch, ready):
    app = ready.app
    _inject(monkeypatch, PlayScreen, "update")
    _inject(monkeypatch, ErrorScreen, "draw", times=10_000)
    for _ in range(MAX_ERRORS + 5):
        if app.exit_code is not None:
            break
        app.frame()
    assert app.exit_code == 1 and "unexpected error" in app.exit_message
    assert len(crashlog.reports(tmp_path / "logs")) == crashlog.KEEP  # the newest kept


def test_reports_go_to_the_user_log_folder_without_a_data_dir(monkeypatch):
    from game.app.persist.files import DataDirs

    monkeypatch.delenv("LOWTIDE_DATA_DIR", raising=False)
    logs = DataDirs.resolve().logs
    import platformdirs

    assert logs == Path(platformdirs.user_log_dir("lowtide", appauthor=False))
