"""Self-voicing through the real loop: V switches it, and the line on screen, the focused reply
and every focused menu item are said (to a fake engine that records them); a clear message
where no speech exists; and once for real, espeak-ng writing what it says to a WAV file."""

from __future__ import annotations

import shutil
import wave

import pygame
import pytest

from game.app.voice import MISSING, Voice, espeak
from tests.app.looping import press, to_choices, window

pytestmark = pytest.mark.usefixtures("fresh_pygame")


class Recorder:
    """A speech engine that keeps what it would have said."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.stopped = 0

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stopped += 1


def voiced(tmp_path):
    app = window(tmp_path)
    engine = Recorder()
    app.services.voice = Voice(engine)
    return app, engine


def test_self_voicing_is_off_by_default_and_v_switches_it(tmp_path):
    app, engine = voiced(tmp_path)
    press(app, pygame.K_SPACE)
    assert engine.said == [] and not app.services.settings.self_voicing
    press(app, pygame.K_v)
    assert app.services.settings.self_voicing
    line = app.top.current_line()
    assert engine.said == [line]
    press(app, pygame.K_v)
    assert not app.services.settings.self_voicing and engine.stopped


def test_lines_replies_and_menu_items_are_spoken(tmp_path):
    app, engine = voiced(tmp_path)
    press(app, pygame.K_v)
    to_choices(app)
    play = app.top
    assert play.current_line() in engine.said
    press(app, pygame.K_DOWN)
    first = play.session.choices()[0].text
    assert engine.said[-1] == f"Reply 1 of {len(play.session.choices())}: {first}"
    press(app, pygame.K_ESCAPE)
    assert engine.said[-1] == "Resume"
    press(app, pygame.K_DOWN)
    assert engine.said[-1] == "Save"
    press(app, pygame.K_RETURN, n=10)
    assert engine.said[-1].startswith("Slot 1")
    press(app, pygame.K_ESCAPE)
    for _ in range(5):
        press(app, pygame.K_DOWN, n=1)
    press(app, pygame.K_RETURN, n=10)  # Settings
    assert engine.said[-1] == "Text speed: 45/s"
    press(app, pygame.K_DOWN)
    assert engine.said[-1] == "Show text at once: off"


def test_without_speech_the_player_is_told_what_to_install(tmp_path):
    app = window(tmp_path)
    app.services.voice = Voice(find=lambda: None)
    press(app, pygame.K_v)
    assert not app.services.settings.self_voicing
    assert app.services.keep.toast.text == MISSING and "espeak-ng" in MISSING


def test_v_types_in_the_name_field(tmp_path):
    app, engine = voiced(tmp_path)
    from game.app.transitions import Push

    app.apply(Push("setup", story=app.top.session.story))
    press(app, pygame.K_v)
    assert not app.services.settings.self_voicing


def test_espeak_ng_speaks_for_real_into_a_wav_file(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (Debian package: espeak-ng)")
    out = tmp_path / "said.wav"
    engine = espeak(wav=out)
    assert engine is not None
    engine.say("I'm not going anywhere. Take the time you need.")
    assert engine.wait() == 0
    with wave.open(str(out)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert 1.0 < seconds < 10.0
