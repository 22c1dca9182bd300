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


def test_every_screen_says_what_has_its_focus():
    from game.app.screen import Screen
    from game.app.screens import SCREENS

    silent = [cls.name for cls in SCREENS if cls.spoken is Screen.spoken]
    assert silent == []


def test_the_history_says_each_entry_and_whether_enter_goes_back_to_it(tmp_path):
    app, engine = voiced(tmp_path)
    press(app, pygame.K_v)
    to_choices(app)
    press(app, pygame.K_1, n=4)
    to_choices(app)
    press(app, pygame.K_l)
    history = app.top
    assert history.name == "history"
    now = history.items[-1]
    assert engine.said[-1] == (f"{now.who}: {now.text}" if now.who else now.text)
    reply = max(i for i, item in enumerate(history.items) if item.kind == "reply")
    for _ in range(len(history.items) - 1 - reply):
        press(app, pygame.K_UP, n=1)
    press(app, pygame.K_UP, n=1)
    press(app, pygame.K_DOWN)
    said = engine.said[-1]
    assert said == f"You replied: {history.items[reply].text} Enter goes back to here."


def test_the_gallery_says_the_story_then_each_ending_found_or_its_hint(tmp_path):
    from game.app.endinghints import hints
    from game.app.transitions import Push

    app, engine = voiced(tmp_path)
    story = app.top.session.story
    press(app, pygame.K_v)
    app.apply(Push("gallery", stories=[story]))
    app.frame()
    press(app, pygame.K_RIGHT, n=1)
    press(app, pygame.K_LEFT)
    endings = story.endings()
    assert engine.said[-3] == (f"{story.title}: 0 of {len(endings)} endings found. Ending 1 of "
                               f"{len(endings)}, not found yet. {hints(story)[endings[0].id]}")
    assert engine.said[-2] == (f"Ending 2 of {len(endings)}, not found yet. "
                               f"{hints(story)[endings[1].id]}")
    assert engine.said[-1].startswith(f"Ending 1 of {len(endings)}, not found yet.")


def test_the_flowchart_says_the_place_selected(tmp_path):
    from game.app.transitions import Push

    app, engine = voiced(tmp_path)
    session = app.top.session
    press(app, pygame.K_v)
    app.apply(Push("flowchart", story=session.story))
    app.frame()
    assert engine.said[-1].startswith(f"The paths of {session.story.title}: ")
    press(app, pygame.K_TAB)
    chart = app.top
    heading, body = chart.card()
    assert engine.said[-1] == (f"{heading}. {body}" if body else heading)
    assert chart.selected is not None


def test_the_console_and_the_wait_for_a_fix_are_spoken(tmp_path):
    from tests.app.conftest import STORIES, copy_story, frames, prepare

    story = copy_story(STORIES / "sample", tmp_path / "sample")
    good = (story / "story.json").read_text("utf-8")
    (story / "story.json").write_text(good.replace('"start": "keys"', '"start": "kees"'), "utf-8")
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    app = prepare(story, "--dev", "--input-script", idle, "--data-dir", tmp_path / "data").app
    engine = Recorder()
    app.services.voice = Voice(engine)
    frames(app, 3)
    press(app, pygame.K_v)
    assert app.top.name == "dev-wait"
    said = engine.said[-1]
    assert said.startswith("The story in sample/ does not load yet: 1 error.")
    assert "kees" in said and "Ctrl+R" in said
    (story / "story.json").write_text(good, "utf-8")
    frames(app, 70)
    assert app.top.name == "play"
    press(app, pygame.K_F2)
    assert app.top.name == "console"
    assert engine.said[-1].startswith("Console. ")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="goto quiet"))
    press(app, pygame.K_RETURN)
    assert engine.said[-1].startswith("Console. at quiet")


def test_replacing_a_save_and_an_error_say_their_question_and_message(tmp_path):
    from game.app.transitions import Push, Replace

    app, engine = voiced(tmp_path)
    press(app, pygame.K_v)
    to_choices(app)
    session = app.top.session
    app.apply(Push("saves", mode="save", session=session))
    app.frame()
    saves = app.top
    slot = saves.focus
    saves.use(slot)  # an empty slot: saved at once
    press(app, pygame.K_RETURN)  # the same slot again: asked first
    assert saves.confirm == slot
    assert engine.said[-1].startswith("Replace the save in ")
    assert engine.said[-1].endswith("Enter replaces it, Esc keeps it.")
    press(app, pygame.K_ESCAPE)
    assert saves.confirm is None and engine.said[-1] == saves.spoken()
    assert not engine.said[-1].startswith("Replace")
    app.apply(Replace("error", title="Something went wrong", message="The map is missing."))
    app.frame()
    assert engine.said[-1] == "Something went wrong. The map is missing. Back to the title"
