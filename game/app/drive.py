"""Driving the real loop without a person: autoplay, input scripts, screenshots, transcripts.

Drivers post ordinary input events (key presses, clicks, typed text) before a frame, so a
driven run goes through exactly the code a player's input does. The input-script format is
described in docs/input-scripts.md.
"""

from __future__ import annotations

import logging
import random
import shlex
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.app.loop import App
from game.app.screen import Screen
from game.story import transcript
from game.story.session import Session

log = logging.getLogger("lowtide.app")

READ_FRAMES = 8  # a fast reader: frames before completing a line, and before going on
CHOOSE_FRAMES = 12
# after a node's replies show, frames before its screenshot, by when they have slid into place
# (autoplay waits for the screenshot before it picks one)
SETTLE_FRAMES = 45
PRESS_EVERY = 10  # frames between presses of an 'until' command


def press(key: int, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode,
                                         scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode,
                                         scancode=0))


def click(pos: tuple[int, int], button: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def type_text(text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


# -- screenshots and transcripts ---------------------------------------------------------------


class Recorder:
    """Saves a PNG whenever the node changes (once its replies show) and at the ending."""

    def __init__(self, shots: Path | None, transcript: Path | None):
        self.shots = shots
        self.transcript = transcript
        self.session: Session | None = None
        self.ended = False
        self.count = 0
        self.pending: list[tuple[str, int]] = []
        self.saved: list[Path] = []
        self.last_node: str | None = None

    def observe(self, what: str, subject: object) -> None:
        if not isinstance(subject, Session):
            return
        if what in ("node", "settled", "choice", "ending"):
            self.session = subject
        if what == "settled" and subject.node_id != self.last_node:
            self.last_node = subject.node_id
            self.queue(f"{subject.node_id}", SETTLE_FRAMES)
        elif what == "ending":
            self.ended = True
            self.queue(f"ending-{subject.node_id}", 40)
            self.write_transcript()

    def queue(self, name: str, frames: int) -> None:
        if self.shots is None:
            return
        self.count += 1
        self.pending.append((f"{self.count:04d}-{name}.png", frames))

    def after_frame(self, app: App) -> None:
        still = []
        for name, frames in self.pending:
            if frames <= 0:
                self.save(app.surface, name)
            else:
                still.append((name, frames - 1))
        self.pending = still

    @property
    def idle(self) -> bool:
        return not self.pending

    def save(self, surface: pygame.Surface | None, name: str, folder: Path | None = None) -> None:
        folder = folder or self.shots
        if surface is None or folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        pygame.image.save(surface, str(path))
        self.saved.append(path)

    def write_transcript(self) -> None:
        if self.transcript is None or self.session is None:
            return
        transcript.write(self.session, self.transcript)


# -- autoplay ----------------------------------------------------------------------------------


class Autoplay:
    """Picks replies itself: ``random``, ``first``, or a list of preferred reply kinds."""

    def __init__(self, mode: str, seed: int | None = None):
        self.mode = mode
        self.prefer = [] if mode in ("random", "first") else [k.strip() for k in mode.split(",")
                                                              if k.strip()]
        self.rng = random.Random(seed)
        self.wait = 0

    def pick(self, choices) -> int:
        if self.mode == "first" or not choices:
            return 0
        if self.mode == "random":
            return self.rng.randrange(len(choices))
        for kind in self.prefer:
            matches = [i for i, c in enumerate(choices) if c.kind == kind]
            if matches:
                return self.rng.choice(matches)
        return 0

    def step(self, app: App, recorder: Recorder) -> None:
        top = app.top
        hint = top.drive_hint() if top is not None else None
        if not isinstance(hint, dict):
            return
        action = hint.get("action")
        if self.wait > 0:
            self.wait -= 1
            return
        if action == "advance":
            press(pygame.K_SPACE)
            self.wait = READ_FRAMES
        elif action == "choose" and hint.get("ready") and recorder.idle:
            i = self.pick(hint["choices"])
            if i < 9:
                press(pygame.K_1 + i)
            else:
                for _ in range(i + 1):
                    press(pygame.K_DOWN)
                press(pygame.K_RETURN)
            self.wait = CHOOSE_FRAMES
        elif action == "ending" and recorder.idle and hint.get("age", 0) > 0.5:
            app.quit(0)
        elif action in ("stuck", "error"):
            app.quit(1, f"the story cannot be played on: {hint.get('message')}")


# -- input scripts -----------------------------------------------------------------------------


class ScriptError(ValueError):
    pass


@dataclass
class Command:
    line: int
    verb: str
    args: list[str]


VERBS = {"key", "click", "wait", "wait-for", "until", "type", "screenshot", "quit"}


def parse_script(text: str, origin: str = "script") -> list[Command]:
    """Commands of an input script; ScriptError naming the line for anything unknown."""
    out: list[Command] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("type ") \
            else raw.strip()
        if not line:
            continue
        verb, _, rest = line.partition(" ")
        verb = verb.lower()
        if verb not in VERBS:
            raise ScriptError(f"{origin}:{number}: unknown command '{verb}' "
                              f"(known: {', '.join(sorted(VERBS))})")
        if verb == "type":
            args = [rest]
        else:
            try:
                args = shlex.split(rest)
            except ValueError as err:
                raise ScriptError(f"{origin}:{number}: {err}") from None
        _check(verb, args, origin, number)
        out.append(Command(number, verb, args))
    return out


def _check(verb: str, args: list[str], origin: str, number: int) -> None:
    where = f"{origin}:{number}"
    if verb == "key":
        if not args:
            raise ScriptError(f"{where}: 'key' needs a key name, like 'key space'")
        for name in args:
            key_code(name, where)
    elif verb == "click":
        if len(args) != 2 or not all(a.lstrip("-").isdigit() for a in args):
            raise ScriptError(f"{where}: 'click' needs two whole numbers: click X Y")
    elif verb == "wait":
        if len(args) != 1 or not args[0].isdigit():
            raise ScriptError(f"{where}: 'wait' needs a number of frames: wait 30")
    elif verb == "wait-for":
        if len(args) not in (1, 2) or (len(args) == 2 and not args[1].isdigit()):
            raise ScriptError(f"{where}: 'wait-for' needs a screen name: wait-for play")
    elif verb == "until":
        if len(args) not in (2, 3) or (len(args) == 3 and not args[2].isdigit()):
            raise ScriptError(f"{where}: 'until' needs a screen and a key: until choices space")
        key_code(args[1], where)
    elif verb == "screenshot" and (len(args) != 1 or not args[0].lower().endswith(".png")):
        raise ScriptError(f"{where}: 'screenshot' needs a file name ending in .png")


ALIASES = {"enter": "return", "esc": "escape", "spacebar": "space"}


def key_code(name: str, where: str = "") -> int:
    name = ALIASES.get(name.lower(), name.lower())
    if not pygame.get_init():
        pygame.init()
    try:
        return pygame.key.key_code(name)
    except (ValueError, pygame.error):
        raise ScriptError(f"{where}: unknown key '{name}'") from None


class Script:
    """Feeds an input script's commands to the loop, one frame at a time."""

    def __init__(self, commands: list[Command], shots: Path | None, base: Path):
        self.commands = commands
        self.pc = 0
        self.wait = 0
        self.waiting_for: tuple[str, int] | None = None
        self.pressing: int | None = None
        self.shots = shots
        self.base = base
        self.finished = False

    def step(self, app: App, recorder: Recorder) -> None:
        if self.wait > 0:
            self.wait -= 1
            return
        if self.waiting_for is not None:
            target, left = self.waiting_for
            top = app.top
            if top is not None and _matches(top, target):
                self.waiting_for = None
            elif left <= 0:
                app.quit(1, f"input script: '{target}' did not come within the frames allowed")
                return
            else:
                self.waiting_for = (target, left - 1)
                if self.pressing is not None and left % PRESS_EVERY == 0:
                    press(self.pressing)
                return
        self.pressing = None
        while self.pc < len(self.commands):
            cmd = self.commands[self.pc]
            self.pc += 1
            if self._run(cmd, app, recorder):
                return
        self.finished = True

    def _run(self, cmd: Command, app: App, recorder: Recorder) -> bool:
        """Run one command; True when the script must wait for later frames."""
        verb, args = cmd.verb, cmd.args
        if verb == "key":
            for name in args:
                press(key_code(name))
            self.wait = 1
            return True
        if verb == "click":
            click((int(args[0]), int(args[1])))
            self.wait = 1
            return True
        if verb == "type":
            type_text(args[0])
            self.wait = 1
            return True
        if verb == "wait":
            self.wait = max(0, int(args[0]) - 1)
            return True
        if verb == "wait-for":
            limit = int(args[1]) if len(args) == 2 else 3000
            self.waiting_for = (args[0], limit)
            return True
        if verb == "until":
            limit = int(args[2]) if len(args) == 3 else 6000
            self.waiting_for = (args[0], limit)
            self.pressing = key_code(args[1])
            return True
        if verb == "screenshot":
            folder = self.shots or self.base
            recorder.save(app.surface, args[0], folder)
            return False
        if verb == "quit":
            app.quit(0)
            return True
        return False


def _matches(screen: Screen, target: str) -> bool:
    if "|" in target:
        return any(_matches(screen, t) for t in target.split("|") if t)
    if target == "choices":
        hint = screen.drive_hint()
        return isinstance(hint, dict) and hint.get("action") == "choose" and hint.get("ready")
    if target == "typed":
        hint = screen.drive_hint()
        return isinstance(hint, dict) and hint.get("action") == "advance" and hint.get("complete")
    return screen.name == target


class Driver:
    """Autoplay and/or an input script, and a recorder; decides when a driven run is over."""

    def __init__(self, recorder: Recorder, autoplay: Autoplay | None = None,
                 script: Script | None = None):
        self.recorder = recorder
        self.autoplay = autoplay
        self.script = script

    def before_frame(self, app: App) -> None:
        if self.script is not None and not self.script.finished:
            self.script.step(app, self.recorder)
            if not self.script.finished:
                return
        if self.autoplay is not None:
            self.autoplay.step(app, self.recorder)
            return
        if self.script is not None and self.script.finished and self.recorder.idle:
            if self.recorder.ended:
                app.quit(0)
            else:
                app.quit(1, "the input script ended before an ending was reached")

    def after_frame(self, app: App) -> None:
        self.recorder.after_frame(app)
