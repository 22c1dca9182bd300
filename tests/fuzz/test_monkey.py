"""The monkey: every screen of the real loop, opened by name through the registry, then driven
by random keys, clicks, motion, wheel, text, window and controller events. Whatever arrives,
no screen fails: the loop's failure handler (``App.fail``) is never reached.

A bounded count runs in ``make test``, a long one under ``make fuzz`` (tests/fuzz/budget.py).
Screens are built from their constructors' parameter names, so a screen that gains a feature
keeps being visited; a new required parameter only needs a value in ``ARGUMENTS``.
"""

from __future__ import annotations

import inspect
import os
import random
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.app import run
from game.app.devplay import DevMode
from game.app.screens import SCREENS
from game.app.transitions import Push, Replace
from game.story.load import load_story
from game.story.model import Story
from game.story.session import Session
from tests.app.conftest import STORIES, prepare
from tests.fuzz import budget

pytestmark = pytest.mark.usefixtures("fresh_pygame")

#: screens shown alone (the others open over a playthrough, as play opens them)
ALONE = {"title", "play", "ending", "error", "dev-wait", "picker", "setup"}
KEYS = [
    pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_TAB,
    pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT,
    pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END,
    *range(pygame.K_0, pygame.K_9 + 1), *range(pygame.K_a, pygame.K_z + 1), pygame.K_F1,
    pygame.K_F2, pygame.K_F3, pygame.K_F5, pygame.K_F9, pygame.K_F11, pygame.K_F12,
    pygame.K_BACKQUOTE, pygame.K_MINUS, pygame.K_EQUALS, pygame.K_KP1, pygame.K_KP9,
    pygame.K_LCTRL, pygame.K_RSHIFT,
]
MODS = [0, 0, 0, pygame.KMOD_CTRL, pygame.KMOD_SHIFT, pygame.KMOD_ALT,
        pygame.KMOD_CTRL | pygame.KMOD_SHIFT]
TEXTS = ["a", "Z", " ", "é", "🌊", "\u202e", "{", "}", "jump ", "set safety = 99", "help",
         "\x00", "x" * 300, "`", "~"]


def _controller_events() -> list[int]:
    names = ["CONTROLLERBUTTONDOWN", "CONTROLLERBUTTONUP", "CONTROLLERAXISMOTION",
             "CONTROLLERDEVICEADDED", "CONTROLLERDEVICEREMOVED", "JOYBUTTONDOWN", "JOYBUTTONUP",
             "JOYHATMOTION", "JOYAXISMOTION"]
    return [getattr(pygame, n) for n in names if hasattr(pygame, n)]


def random_event(rnd: random.Random) -> pygame.event.Event:
    kind = rnd.choices(["key", "click", "motion", "wheel", "text", "pad", "window"],
                       weights=[40, 15, 15, 8, 8, 10, 4])[0]
    pos = (rnd.randint(-20, 1300), rnd.randint(-20, 740))
    if kind == "key":
        k = rnd.choice(KEYS)
        down = rnd.random() < 0.8
        return pygame.event.Event(pygame.KEYDOWN if down else pygame.KEYUP, key=k,
                                  mod=rnd.choice(MODS), unicode=chr(k) if 32 <= k < 127 else "",
                                  scancode=0)
    if kind == "click":
        button = rnd.choice([1, 1, 1, 2, 3, 4, 5])
        kind_ = pygame.MOUSEBUTTONDOWN if rnd.random() < 0.7 else pygame.MOUSEBUTTONUP
        return pygame.event.Event(kind_, pos=pos, button=button)
    if kind == "motion":
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(rnd.randint(-40, 40),
                                  rnd.randint(-40, 40)), buttons=(rnd.random() < 0.2, 0, 0))
    if kind == "wheel":
        return pygame.event.Event(pygame.MOUSEWHEEL, x=rnd.randint(-2, 2), y=rnd.randint(-4, 4),
                                  flipped=False, precise_x=0.0, precise_y=rnd.uniform(-4, 4))
    if kind == "text":
        return pygame.event.Event(pygame.TEXTINPUT, text=rnd.choice(TEXTS))
    if kind == "pad":
        event_type = rnd.choice(_controller_events())
        return pygame.event.Event(
            event_type, instance_id=rnd.choice([0, 1, 7]), device_index=rnd.choice([0, 3]),
            joy=0, button=rnd.randint(0, 20), axis=rnd.randint(0, 5),
            value=rnd.choice([-32768, -16000, 0, 16000, 32767]) if event_type != getattr(
                pygame, "JOYHATMOTION", -1) else rnd.choice([(0, 1), (0, -1), (1, 0), (0, 0)]),
            hat=0)
    choice = rnd.choice(["resize", "focus", "expose"])
    if choice == "resize":
        w, h = rnd.choice([(640, 360), (1920, 1080), (1, 1), (1280, 720)])
        return pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h)
    if choice == "focus":
        return pygame.event.Event(pygame.WINDOWFOCUSLOST)
    return pygame.event.Event(pygame.VIDEOEXPOSE)


class Monkey:
    """A window, a story, and the failures the loop would have shown."""

    def __init__(self, data_dir: Path, story: Story, seed: int):
        self.ready = prepare(STORIES / story.id, "--data-dir", data_dir)
        self.app = self.ready.app
        self.app.fixed_dt = 1 / 60  # as fast as frames go, with game time as a person's
        self.story = story
        self.rnd = random.Random(seed)
        self.failures: list[str] = []
        real_fail = self.app.fail

        def fail(exc: BaseException) -> None:
            self.failures.append("".join(traceback.format_exception(exc)))
            real_fail(exc)

        self.app.fail = fail  # type: ignore[method-assign]
        self.events = 0

    # -- opening a screen by name ----------------------------------------------------------------

    def session(self, steps: int) -> Session:
        session = Session.start(self.story)
        for _ in range(steps):
            offered = session.choices()
            if not offered or session.node.ending is not None:
                break
            session.choose(self.rnd.choice(offered).index)
        return session

    def ended(self) -> Session:
        for _ in range(50):
            session = self.session(200)
            if session.node.ending is not None:
                return session
        raise AssertionError(f"no ending reached in {self.story.id}")

    def arguments(self, name: str) -> dict[str, object]:
        """Values for the screen's constructor, by parameter name."""
        session = self.ended() if name == "ending" else self.session(self.rnd.randint(0, 6))
        pool: dict[str, Callable[[], object]] = {
            "session": lambda: session,
            "story": lambda: self.story,
            "stories": lambda: [self.story],
            "story_id": lambda: self.story.id,
            "path": lambda: list(session.path),
            "current": lambda: session.node_id,
            "title": lambda: "A notice from the monkey",
            "question": lambda: "Go back to the title?",
            "detail": lambda: self.rnd.choice(["", "Your place is kept. " * 6]),
            "message": lambda: "Something happened; nothing is lost.",
            "lines": lambda: ["One line.", "Another, longer line " * 8],
            "line": lambda: "the line on screen",
            "root": lambda: Path(self.story.root),
            "can_rewind": lambda: self.rnd.random() < 0.5,
            "mode": lambda: self.rnd.choice(["save", "load"]),
        }
        if name == "console":
            pool["mode"] = lambda: self.dev_mode()
        cls = next(s for s in SCREENS if s.name == name)
        out: dict[str, object] = {}
        for param in list(inspect.signature(cls.__init__).parameters.values())[2:]:
            if param.name in pool:
                out[param.name] = pool[param.name]()
            elif param.default is inspect.Parameter.empty:
                raise AssertionError(f"the monkey has no value for {name}'s '{param.name}': "
                                     "add one to Monkey.arguments")
        return out

    def dev_mode(self) -> DevMode:
        sv = self.app.services
        mode = DevMode(Path(self.story.root), sv.keep, sv.images, sv.check)
        host = self.app.top if getattr(self.app.top, "session", None) is not None else None
        mode.attach(host)
        return mode

    def open(self, name: str) -> None:
        self.app.exit_code = None  # a Quit the monkey pressed ends nothing here
        if name in ALONE:
            self.app.apply(Replace(name, **self.arguments(name)))
        else:
            self.app.apply(Replace("play", session=self.session(self.rnd.randint(0, 4))))
            self.app.frame()
            self.app.apply(Push(name, **self.arguments(name)))
        self.app.frame()

    # -- playing with it -------------------------------------------------------------------------

    def play(self, events: int) -> None:
        while events > 0:
            for _ in range(min(events, self.rnd.randint(0, 6))):
                pygame.event.post(random_event(self.rnd))
                events -= 1
                self.events += 1
            if self.rnd.random() < 0.001:
                pygame.event.post(pygame.event.Event(pygame.QUIT))
            self.app.frame()
            if self.app.exit_code is not None:
                self.app.exit_code = None
                self.app.apply(Replace("title"))
            assert not self.failures, self.failures[0]

    def close(self) -> None:
        run.finish(self.ready)


@pytest.fixture
def stories() -> list[Story]:
    out = []
    for name in ("sample", "two-bars"):
        story, diagnostics = load_story(STORIES / name)
        assert story is not None, diagnostics
        out.append(story)
    return out


def test_every_screen_survives_random_input(tmp_path, stories) -> None:
    seed = int(os.environ.get("LOWTIDE_MONKEY_SEED", random.randrange(2**32)))
    total = budget.planned("monkey events")
    names = [s.name for s in SCREENS]
    per_visit = max(20, total // (len(names) * 2 * len(stories)))
    done = visits = 0
    started = time.perf_counter()
    while done < total:
        story = stories[(visits // len(names)) % len(stories)]
        monkey = Monkey(tmp_path, story, seed + visits)
        try:
            for name in names:  # every screen, by its name, then the monkey's input
                visits += 1
                try:
                    monkey.open(name)
                    monkey.play(max(1, min(per_visit, total - done - monkey.events)))
                except AssertionError as failed:
                    raise AssertionError(f"seed {seed} (LOWTIDE_MONKEY_SEED), screen {name}, "
                                         f"visit {visits}:\n{failed}") from None
        finally:
            done += monkey.events
            budget.COUNTS["monkey events"] += monkey.events
            monkey.close()
    budget.SECONDS["monkey events"] += time.perf_counter() - started
    assert visits >= len(names) and done >= total
