"""Self-voicing, as in Ren'Py: the line on screen, the focused reply and every focused menu
item read aloud by the platform's own speech, off by default (V or the setting switches it).

Speech goes through the platform's speech program in a child process: ``espeak-ng`` (or
``spd-say``, speech-dispatcher's client) on Linux, ``say`` on macOS, PowerShell's
System.Speech on Windows. A child process never blocks the frame, and the utterance is cut off
at once when the focus moves on, which self-voicing needs most; pyttsx3 was weighed and left
out: its ``runAndWait`` blocks the loop, and on Linux it drives the same espeak underneath.
Where no speech program exists, switching self-voicing on says what to install instead.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

log = logging.getLogger("lowtide.app")

MISSING = ("Self-voicing needs a speech program, and none was found. On Debian or Ubuntu: "
           "sudo apt install espeak-ng")


class Speech(Protocol):
    """Something that reads text aloud; a new ``say`` cuts off the one before."""

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...


class ProgramSpeech:
    """Speech through a program run with the text as its last argument."""

    def __init__(self, command: Sequence[str]):
        self.command = list(command)
        self.process: subprocess.Popen | None = None

    def say(self, text: str) -> None:
        self.stop()
        try:
            self.process = subprocess.Popen([*self.command, text], stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)
        except OSError as err:
            log.warning("speech failed: %s", err)
            self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        self.process = None

    def wait(self, timeout: float = 30.0) -> int | None:
        """Wait for the current utterance to end (for a WAV being written); its exit code."""
        if self.process is None:
            return None
        return self.process.wait(timeout)


def espeak(wav: Path | None = None) -> ProgramSpeech | None:
    """espeak-ng, speaking or (``wav``) writing what it would say to a WAV file."""
    program = shutil.which("espeak-ng") or shutil.which("espeak")
    if program is None:
        return None
    return ProgramSpeech([program, *(["-w", str(wav)] if wav is not None else [])])


def platform_speech() -> Speech | None:
    """The speech of this computer, or None when it has none."""
    if sys.platform == "darwin" and shutil.which("say"):
        return ProgramSpeech(["say"])
    if sys.platform == "win32" and shutil.which("powershell"):
        script = ("Add-Type -AssemblyName System.Speech; "
                  "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak($args[0])")
        return ProgramSpeech(["powershell", "-NoProfile", "-Command", script])
    found = espeak()
    if found is not None:
        return found
    if shutil.which("spd-say"):
        return ProgramSpeech(["spd-say", "--wait"])
    return None


class Voice:
    """What the window says aloud: it follows the text the top screen offers (``follow``) and
    speaks it when it changes, while self-voicing is on."""

    def __init__(self, engine: Speech | None = None, *, find=platform_speech):
        self._engine = engine
        self._find = find
        self._looked = engine is not None
        self.last: str | None = None

    @property
    def engine(self) -> Speech | None:
        if not self._looked:
            self._looked = True
            self._engine = self._find()
        return self._engine

    def available(self) -> bool:
        return self.engine is not None

    def follow(self, text: str | None, on: bool) -> None:
        """Speak ``text`` if self-voicing is ``on`` and it is not what was said last."""
        if not on:
            if self.last is not None:
                self.last = None
                if self._engine is not None:
                    self._engine.stop()
            return
        if not text or text == self.last:
            return
        self.last = text
        engine = self.engine
        if engine is not None:
            engine.say(text)

    def stop(self) -> None:
        if self._engine is not None:
            self._engine.stop()
