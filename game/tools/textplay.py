"""The text player: a story in a terminal, choices read from standard input.

A number chooses a reply; a letter is a command: ``b`` goes back a choice, ``s`` saves, ``l``
loads, ``h`` or ``?`` shows them, ``q`` quits. It can be driven by a pipe; the end of input
ends the game cleanly.

Its save is a file of its own per story (``SAVE_FOLDER`` in the player's data folder), not one
of the window's slots: the text player sits below the window in the layers and never reaches
into it, and a window save carries a picture and a slot the terminal has no use for. The file
holds the session as the window's saves do (``Session.to_json``), written whole or not at all.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import textwrap
from pathlib import Path
from typing import TextIO

from game.story.session import Session, SessionError
from game.story.transcript import write as write_transcript

SAVE_FOLDER = "text-saves"
HELP = (
    "Type the number of a reply to choose it. Or:\n"
    "  b  go back one choice    s  save    l  load your save\n"
    "  h or ?  this help        q  quit"
)


def _width() -> int:
    return max(40, min(88, shutil.get_terminal_size((80, 24)).columns) - 2)


class TextPlayer:
    def __init__(self, session: Session, out: TextIO, inp: TextIO, transcript: Path | None = None,
                 save_file: Path | None = None):
        self.session = session
        self.out = out
        self.inp = inp
        self.transcript = transcript
        self.save_file = save_file
        self.width = _width()
        self.quit = False

    def say(self, text: str = "", indent: str = "", hang: int = 0) -> None:
        """Print ``text`` wrapped to the terminal; ``hang`` indents the lines after the first
        further, so a numbered reply's words line up under its first word, not its number."""
        if not text:
            print(file=self.out)
            return
        for para in text.split("\n"):
            wrapped = textwrap.fill(
                para, self.width, initial_indent=indent, subsequent_indent=indent + " " * hang
            )
            print(wrapped, file=self.out)

    def say_numbered(self, number: int, text: str) -> None:
        """A numbered item (a reply, a turning point), its later lines under its words."""
        mark = f"{number}. "
        self.say(f"{mark}{text}", indent="  ", hang=len(mark))

    def show_node(self) -> None:
        for line in self.session.lines():
            if line.name:
                self.say(f"{line.name}: {line.text}")
            else:
                self.say(line.text)
            self.say()

    def show_ending(self) -> None:
        s = self.session
        ending = s.node.ending
        assert ending is not None
        rule = "─" * min(self.width, 60)
        print(rule, file=self.out)
        self.say(f"Ending: {s.title()}")
        dynamic = s.story.dynamics.get(ending.dynamic or "")
        if dynamic:
            summary = s.render(dynamic.summary_template) if dynamic.summary_template else ""
            about = f" — {summary}" if summary else ""
            self.say(f"The dynamic: {dynamic.label}{about}")
        print(rule, file=self.out)
        debrief = s.debrief()
        if debrief:
            self.say()
            self.say(debrief)
        self.show_turning_points()

    def show_turning_points(self) -> None:
        """The replies that moved the partner most, quoted, with where and what they changed."""
        points = self.session.turning_points()
        if not points:
            return
        self.say()
        self.say("Turning points:")
        for number, point in enumerate(points, 1):
            self.say_numbered(number, point.text)
            about = " · ".join(p for p in (point.scene_label, point.kind_label) if p)
            self.say(f"{about}: {point.summary}" if about else point.summary, indent="     ")

    def ask(self, count: int) -> int | str | None:
        """A number from 1 to count, or a command letter (b, s, l, q), asked again until given;
        None at the end of input or on q."""
        while True:
            print("> ", end="", file=self.out, flush=True)
            answer = self.inp.readline()
            if not answer:
                print(file=self.out)
                return None
            answer = answer.strip()
            if not self.inp.isatty():
                print(answer, file=self.out)  # a piped answer would not otherwise show
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer)
            word = answer.lower()
            if word in ("q", "quit"):
                self.quit = True
                return None
            if word in ("h", "?", "help"):
                self.say(HELP)
                continue
            if word in ("b", "back", "s", "save", "l", "load"):
                return word[0]
            self.say(("Please type 1" if count == 1 else
                      f"Please type a number from 1 to {count}") + ", or h for help.")

    def command(self, word: str) -> bool:
        """Go back, save or load; True when the story moved (show where it is now)."""
        s = self.session
        if word == "b":
            if not s.steps:
                self.say("This is where the story began.")
                return False
            s.rollback(1)
            self.say("(Back one choice.)")
            return True
        if word == "s":
            self.say(self._save())
            return False
        if word == "l":
            return self._load()
        return False

    def _save(self) -> str:
        if self.save_file is None:
            return "Saving is not available here."
        data = json.dumps({"format": 1, "story": self.session.story.id,
                           "session": self.session.to_json()}).encode("utf-8")
        try:
            self.save_file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.save_file.parent, prefix=".save-",
                                       suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.save_file)
        except OSError as err:
            return f"The save could not be written: {err.strerror or err}."
        return f"Saved (to {self.save_file}). Type l to come back here."

    def _load(self) -> bool:
        if self.save_file is None or not self.save_file.is_file():
            self.say("There is no save yet (s saves).")
            return False
        try:
            data = json.loads(self.save_file.read_text("utf-8"))
            session, notes = Session.from_json(self.session.story, data["session"])
        except (OSError, ValueError, KeyError, TypeError, SessionError) as err:
            self.say(f"The save cannot be loaded: {err}.")
            return False
        for note in notes:
            self.say(note)
        self.session = session
        self.say("(Loaded your save.)")
        return True

    def run(self) -> int:
        story = self.session.story
        self.say(story.title.upper())
        if story.blurb:
            self.say(self.session.render(story.blurb_template))
        self.say("(h or ? for help: going back, saving, loading, quitting.)")
        self.say()
        code = 0
        while True:
            s = self.session
            self.show_node()
            if s.node.ending is not None:
                self.show_ending()
                break
            choices = s.choices()
            if s.stuck is not None or not choices:
                reason = s.stuck or f"node '{s.node_id}' offers no choice now"
                self.say(f"The story cannot go on here: {reason}.")
                code = 1
                break
            for number, choice in enumerate(choices, 1):
                self.say_numbered(number, choice.text)
            picked = self.ask(len(choices))
            while isinstance(picked, str):
                if self.command(picked):
                    break
                picked = self.ask(len(choices))
            if picked is None:
                break
            self.say()
            if isinstance(picked, int):
                s.choose(choices[picked - 1].index)
        if self.transcript is not None:
            write_transcript(self.session, self.transcript)
        return code

