"""Helpers for the tests of saving, going back, history, settings, endings and the flowchart:
a sample-story window in its own data folder, kept running, driven by posted events."""

from __future__ import annotations

import pygame

from tests.app.conftest import STORIES, frames, prepare


def window(tmp_path, story: str = "sample", *extra: str):
    """A window playing ``story`` with saves in ``tmp_path/data``; it waits for our input."""
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    ready = prepare(STORIES / story, "--input-script", idle, "--data-dir", tmp_path / "data",
                    *extra)
    frames(ready.app, 3)
    return ready.app


def press(app, k: int, mod: int = 0, n: int = 3) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    frames(app, n)


def button(app, b: int, n: int = 4) -> None:
    """A pad's button pressed and let go."""
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=b, instance_id=0))
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERBUTTONUP, button=b, instance_id=0))
    frames(app, n)


def wheel(app, y: int, n: int = 3) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    frames(app, n)


def to_choices(app, limit: int = 400) -> None:
    """Press Space until the play screen offers its replies."""
    for _ in range(limit):
        hint = app.top.drive_hint() if app.top is not None else None
        if isinstance(hint, dict) and hint.get("action") == "choose" and hint.get("ready"):
            return
        if isinstance(hint, dict) and hint.get("action") == "ending":
            return
        press(app, pygame.K_SPACE, n=4)
    raise AssertionError(f"no replies reached; top is {app.top.name}")


def choose(app, number: int = 1) -> None:
    to_choices(app)
    press(app, pygame.K_1 + number - 1, n=4)


def play_to_ending(app, limit: int = 40) -> None:
    for _ in range(limit):
        if app.top.name != "play":
            return
        to_choices(app)
        if app.top.name == "play" and app.top.phase == "end":
            press(app, pygame.K_SPACE, n=30)
            continue
        if app.top.name != "play":
            return
        press(app, pygame.K_1, n=4)
    raise AssertionError("no ending reached")
