"""The text player: a story in a terminal, choices read from standard input.

It reads numbers only, so it can be driven by a pipe; the end of input ends the game cleanly.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import TextIO

from game.story.session import Session
from game.story.transcript import write as write_transcript


def _width() -> int:
    return max(40, min(88, shutil.get_terminal_size((80, 24)).columns) - 2)


class TextPlayer:
    def __init__(self, session: Session, out: TextIO, inp: TextIO, transcript: Path | None = None):
        self.session = session
        self.out = out
        self.inp = inp
        self.transcript = transcript
        self.width = _width()

    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in text.split("\n"):
            wrapped = textwrap.fill(
                para, self.width, initial_indent=indent, subsequent_indent=indent
            )
            print(wrapped, file=self.out)

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
            self.say(f"{number}. {point.text}", indent="  ")
            about = " · ".join(p for p in (point.scene_label, point.kind_label) if p)
            self.say(f"{about}: {point.summary}" if about else point.summary, indent="     ")

    def ask(self, count: int) -> int | None:
        """A number from 1 to count, asked again until given; None at the end of input."""
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
            self.say("Please type 1." if count == 1 else f"Please type a number from 1 to {count}.")

    def run(self) -> int:
        s = self.session
        story = s.story
        self.say(story.title.upper())
        if story.blurb:
            self.say(s.render(story.blurb_template))
        self.say()
        code = 0
        while True:
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
                self.say(f"{number}. {choice.text}", indent="  ")
            picked = self.ask(len(choices))
            if picked is None:
                break
            self.say()
            s.choose(choices[picked - 1].index)
        if self.transcript is not None:
            write_transcript(s, self.transcript)
        return code

