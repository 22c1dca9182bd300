"""Screens by name, transitions as data: the registry, and the loop applying what screens return."""

from __future__ import annotations

import ast
from pathlib import Path

import pygame
import pytest

from game.app.loop import App
from game.app.screen import Registry, Screen, UnknownScreen
from game.app.screens import SCREENS, registry
from game.app.services import Services
from game.app.transitions import Pop, Push, Quit, Replace, steps
from tests.app.conftest import PROJECT, key

pytestmark = pytest.mark.usefixtures("fresh_pygame")


class Note(Screen):
    """A screen that keeps what happened to it, and does what it is told on a key."""

    name = "note"

    def __init__(self, app, label: str = "", log: list | None = None, then=None):
        super().__init__(app)
        self.label = label
        self.log = log if log is not None else []
        self.then = then

    def handle_event(self, event):
        return self.then if event.type == pygame.KEYDOWN else None

    def on_result(self, source, result):
        self.log.append((self.label, "heard", source, result))
        return Push("note", label="after", log=self.log) if result == "more" else None

    def on_enter(self):
        self.log.append((self.label, "enter"))

    def on_exit(self):
        self.log.append((self.label, "exit"))


class Broken(Screen):
    name = "broken"

    def __init__(self, app):
        raise RuntimeError("this screen cannot be built")


def window(**screens) -> App:
    app = App(Services(), Registry({"note": Note, "broken": Broken, **screens}), fixed_dt=1 / 60)
    app.open_window()
    return app


def test_every_screen_is_registered_under_its_own_name():
    found = registry()
    assert found.names() == sorted(screen.name for screen in SCREENS)
    assert len(set(found.names())) == len(SCREENS)


def test_every_screen_a_transition_names_is_registered():
    named = set()
    for path in (PROJECT / "game" / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("Push", "Replace") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                named.add((node.args[0].value, Path(path).name))
    assert len(named) > 15  # the scan sees the transitions
    missing = sorted((name, where) for name, where in named if name not in registry())
    assert missing == [], f"screens named but not registered: {missing}"


def test_an_unknown_name_says_which_screens_there_are():
    with pytest.raises(UnknownScreen, match="no screen is named 'nowhere'.*note"):
        Registry({"note": Note}).build("nowhere", None, {})


def test_push_then_pop_hands_the_result_to_the_screen_beneath():
    log: list = []
    app = window()
    app.apply(Replace("note", label="below", log=log))
    app.apply(Push("note", label="above", log=log, then=Pop("picked")))
    assert app.top.label == "above"
    key(pygame.K_RETURN)
    app.frame()
    assert app.top.label == "below"
    assert log[-3:] == [("above", "exit"), ("below", "heard", "note", "picked"),
                        ("below", "enter")]


def test_what_the_result_asks_for_happens_next():
    log: list = []
    app = window()
    app.apply((Replace("note", label="below", log=log),
               Push("note", label="above", log=log, then=Pop("more"))))
    key(pygame.K_RETURN)
    app.frame()
    assert [s.label for s in app.stack.screens] == ["below", "after"]


def test_replace_closes_every_screen_and_quit_ends_the_run():
    log: list = []
    app = window()
    app.apply((Replace("note", label="a", log=log), Push("note", label="b", log=log)))
    app.apply(Replace("note", label="c", log=log, then=Quit(3, "done")))
    assert [s.label for s in app.stack.screens] == ["c"]
    assert ("a", "exit") in log and ("b", "exit") in log
    key(pygame.K_SPACE)
    app.frame()
    assert (app.exit_code, app.exit_message) == (3, "done")


def test_a_screen_that_cannot_be_built_becomes_the_error_screen():
    app = App(Services(), registry(), fixed_dt=1 / 60)
    app.open_window()
    app.apply(Replace("title"))
    app.apply(Push("nowhere"))
    assert app.top.name == "error" and "nowhere" in app.top.message
    assert app.exit_code is None


def test_transitions_are_plain_data():
    assert Push("history", session=1) == Push("history", session=1)
    assert Push("history", session=1) != Push("history", session=2)
    assert dict(Replace("play", session="s").args) == {"session": "s"}
    assert steps(None) == () and steps(Pop()) == (Pop(),)
    with pytest.raises(TypeError):
        Push("x", session=1).args["session"] = 2  # type: ignore[index]


def test_without_an_error_screen_a_failure_ends_the_run_with_its_message():
    app = window()
    app.apply(Replace("note"))
    app.apply(Push("broken"))
    assert app.exit_code == 1 and "this screen cannot be built" in app.exit_message
