"""Developer mode through the real loop: reload on save keeping the place, a failed reload that
keeps the last good story, the overlay and the console."""

from __future__ import annotations

import json

import pygame

from game.app import dev, devplay
from tests.app.conftest import STORIES, copy_story, frames
from tests.app.looping import choose, press, to_choices, window

SECOND = 70  # frames: a driven window runs at 1/60 s a frame; the watcher looks once a second


def dev_window(tmp_path, *extra: str):
    story = copy_story(STORIES / "sample", tmp_path / "sample")
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    from tests.app.conftest import prepare

    ready = prepare(story, "--dev", "--input-script", idle, "--data-dir", tmp_path / "data",
                    *extra)
    frames(ready.app, 3)
    return ready.app, story


def edit(story, change) -> None:
    path = story / "story.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), "utf-8")


def type_line(app, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    press(app, pygame.K_RETURN)


def test_saving_a_file_reloads_the_story_in_place(tmp_path, fresh_pygame) -> None:
    app, story = dev_window(tmp_path)
    play = app.top
    assert isinstance(play.dev, devplay.DevMode)
    choose(app, 1)  # keys -> couch
    to_choices(app)
    assert play.session.node_id == "couch" and play.phase == "choices"
    old_story = play.story

    def reword(data):
        data["nodes"]["couch"]["lines"][1]["text"] = "Just a minute. That is all I need."
        data["nodes"]["couch"]["choices"][0]["text"] = "Take all the minutes you want."

    edit(story, reword)
    frames(app, SECOND)
    assert play.story is not old_story and play.dev.reloads == 1
    assert play.session.node_id == "couch" and len(play.session.steps) == 1  # place kept
    assert play.phase == "choices"  # still at the replies, not back at the first line
    assert play.lines[-1].text == "Just a minute. That is all I need."
    assert play.session.choices()[0].text == "Take all the minutes you want."
    assert play.dev.notice.startswith("reloaded at ") and play.dev.notice_left > 0  # in the overlay
    choose(app, 1)  # the reloaded story plays on
    assert play.session.node_id == "ten-minutes"


def test_a_broken_save_shows_diagnostics_and_keeps_the_last_good_story(tmp_path, fresh_pygame):
    app, story = dev_window(tmp_path)
    play = app.top
    good = play.story
    (story / "story.json").write_text('{"format": 1, "nodes": {', "utf-8")
    frames(app, SECOND)
    assert play.story is good and play.dev.reloads == 0
    assert [d.code for d in play.dev.failed] == ["LT101"]
    shown = dev.shown(play.dev.failed[0], story)
    assert shown.startswith("story.json:1:") and "error LT101: unexpected end of file" in shown
    overlay, failure = play.dev.drawn
    assert overlay is not None and failure is not None
    assert not overlay.colliderect(failure)  # side by side: neither hides the other
    assert app.surface.get_rect().contains(failure)
    choose(app, 1)  # the last good story goes on
    assert play.session.node_id == "couch"

    def dangle(data):
        data["nodes"]["couch"]["choices"][0]["to"] = "nowhere"

    copy_story(STORIES / "sample", tmp_path / "fresh")
    (story / "story.json").write_text((tmp_path / "fresh" / "story.json").read_text("utf-8"))
    edit(story, dangle)
    frames(app, SECOND)
    assert play.story is good and [d.code for d in play.dev.failed] == ["LT200"]
    assert "nowhere" in play.dev.failed[0].message

    (story / "story.json").write_text((tmp_path / "fresh" / "story.json").read_text("utf-8"))
    frames(app, SECOND)
    assert play.dev.failed == [] and play.dev.reloads == 1
    assert play.session.node_id == "couch"


def test_the_console_jumps_anywhere_with_any_values(tmp_path, fresh_pygame) -> None:
    app, _ = dev_window(tmp_path)
    play = app.top
    press(app, pygame.K_BACKQUOTE)
    assert app.top.name == "console"
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="`"))  # the opening key's text
    frames(app, 2)
    assert app.top.typed == ""
    type_line(app, "goto quiet arousal=120 pushed=true")
    assert play.session.node_id == "quiet" and app.top.mode.log[-1].startswith("at quiet")
    assert play.session.value("arousal") == 120.0 and play.session.value("pushed") is True
    type_line(app, "goto check-again safety=60 arousal=80")  # a node that routes on at once
    assert play.session.node_id == "return"
    assert app.top.mode.log[-1].startswith("at return (routed on from check-again)")
    type_line(app, "set safety=250")
    assert play.session.value("safety") == 100  # clamped to the declared maximum
    assert app.top.mode.log[-1] == "safety = 100 (safety stays within 0..100)"
    type_line(app, "goto nowhere")
    assert play.session.node_id == "return" and "no node 'nowhere'" in app.top.mode.log[-1]
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="goto ret"))
    press(app, pygame.K_TAB)
    assert app.top.typed == "goto return "
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_F2)
    press(app, pygame.K_UP)
    assert app.top.typed == "goto nowhere"
    press(app, pygame.K_ESCAPE)
    assert app.top is play


def test_the_overlay_shows_the_node_and_what_the_last_reply_moved(tmp_path, fresh_pygame):
    app, _ = dev_window(tmp_path)
    play = app.top
    choose(app, 1)
    choose(app, 1)  # "take your minute": safety += 2
    rows = dict(play.dev.rows())
    safety = play.story.variables["safety"]
    was = play.session.steps[-1].before.values[safety.slot]
    now = play.session.value("safety")
    assert now != was and rows[f"safety = {now}  (was {was})"] is True
    assert rows["pushed = false"] is False  # untouched by the reply: no highlight
    assert play.dev.header().startswith("ten-minutes  turn 2")
    assert play.dev.overlay
    press(app, pygame.K_F3)
    assert not play.dev.overlay


def test_without_dev_the_keys_do_nothing(tmp_path, fresh_pygame) -> None:
    app = window(tmp_path)
    play = app.top
    assert play.dev is None
    press(app, pygame.K_BACKQUOTE)
    press(app, pygame.K_F3)
    assert app.top is play


def test_dev_panels_keep_clear_of_the_dynamics_panel(tmp_path, fresh_pygame) -> None:
    from game.app.settings import Settings, SettingsStore

    SettingsStore(tmp_path / "data" / "config" / "settings.json").save(
        Settings(show_dynamics=True))
    app, story = dev_window(tmp_path)
    play = app.top
    assert app.services.settings.show_dynamics
    (story / "story.json").write_text("{", "utf-8")
    frames(app, SECOND)
    overlay, failure = play.dev.drawn
    panel = play.dynamics.rect
    assert overlay is not None and failure is not None and panel.w > 0
    assert not overlay.colliderect(panel) and not failure.colliderect(panel)
    assert not overlay.colliderect(failure)
    assert app.surface.get_rect().contains(overlay)


def test_a_story_broken_at_launch_waits_for_a_fix_then_plays(tmp_path, fresh_pygame, capsys):
    story = copy_story(STORIES / "sample", tmp_path / "sample")
    good = (story / "story.json").read_text("utf-8")
    (story / "story.json").write_text(good.replace('"start": "keys"', '"start": "kees"'), "utf-8")
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    from tests.app.conftest import prepare

    ready = prepare(story, "--dev", "--input-script", idle, "--data-dir", tmp_path / "data")
    app = ready.app
    frames(app, 3)
    assert app.top.name == "dev-wait"
    assert [d.code for d in app.top.failed] == ["LT200"]
    assert "start node 'kees' does not exist" in capsys.readouterr().err  # said in the terminal too
    (story / "story.json").write_text(good, "utf-8")
    frames(app, SECOND)
    assert app.top.name == "play" and app.top.session.node_id == "keys"
    assert app.top.dev is not None  # and developer mode goes on in play


def test_without_dev_a_broken_story_still_stops_at_once(tmp_path) -> None:
    from game.app import run
    from game.tools.lint import load_linted
    from tests.app.conftest import args_for

    story = copy_story(STORIES / "sample", tmp_path / "sample")
    (story / "story.json").write_text("{", "utf-8")
    assert run.prepare(args_for(story, "--autoplay", "first"), load_linted) == run.EXIT_ERRORS
    assert run.prepare(args_for(story, "--dev", "--autoplay", "first"),
                       load_linted) == run.EXIT_ERRORS


def test_given_its_story_json_a_broken_story_still_waits_and_starts(tmp_path, fresh_pygame):
    story = copy_story(STORIES / "sample", tmp_path / "sample")
    good = (story / "story.json").read_text("utf-8")
    # a dead end loads but fails lint: developer mode's one rule holds at launch too
    (story / "story.json").write_text(
        good.replace('"to": "couch"', '"to": "stub"', 1).replace(
            '"nodes": {', '"nodes": {\n    "stub": {"text": "TODO"},', 1), "utf-8")
    idle = tmp_path / "idle.txt"
    idle.write_text("wait 100000\n", "utf-8")
    from tests.app.conftest import prepare

    ready = prepare(story / "story.json", "--dev", "--input-script", idle,
                    "--data-dir", tmp_path / "data")
    app = ready.app
    frames(app, 3)
    assert app.top.name == "dev-wait" and app.top.root == story
    assert [d.code for d in app.top.failed] == ["LT501"]
    (story / "story.json").write_text(good, "utf-8")
    frames(app, SECOND)
    assert app.top.name == "play"


def test_jumps_in_dev_mode_leave_the_players_progress_alone(tmp_path, fresh_pygame) -> None:
    app, _ = dev_window(tmp_path)
    play = app.top
    choose(app, 1)
    press(app, pygame.K_F2)
    type_line(app, "goto flooded")
    press(app, pygame.K_ESCAPE)
    assert play.session.node_id == "flooded"
    kept = app.services.keep.persist
    progress = kept.progress
    assert progress.endings("sample") == {} and not progress.has_seen("sample", "keys")
    assert kept.latest() is None  # no autosave in the player's slot either


def test_dev_mode_goes_on_at_an_ending_and_reloads_its_debrief(tmp_path, fresh_pygame) -> None:
    app, story = dev_window(tmp_path)
    mode = app.top.dev
    press(app, pygame.K_F2)
    type_line(app, "goto flooded")
    press(app, pygame.K_ESCAPE)
    for _ in range(40):
        if app.top.name == "ending":
            break
        press(app, pygame.K_SPACE, n=6)
    ending = app.top
    assert ending.name == "ending" and ending.dev is mode  # the same mode, log and all
    assert any(line == "> goto flooded" for line in mode.log)

    def retitle(data):
        data["nodes"]["flooded"]["ending"]["title"] = "Too Much, Too Fast"

    edit(story, retitle)
    frames(app, SECOND)
    assert app.top is ending and ending.title == "Too Much, Too Fast" and mode.reloads == 1
    press(app, pygame.K_F2)
    type_line(app, "goto couch")
    assert app.top.name == "play" and app.top.session.node_id == "couch"  # back to play


def test_the_overlay_stays_on_screen_with_many_variables(fresh_pygame) -> None:
    from game.app.render import devpanels
    from game.app.services import Services

    pygame.display.set_mode((1280, 720))
    surface = pygame.display.get_surface()
    rows = [(f"variable_{i} = {i}", i % 3 == 0) for i in range(40)]
    for left in (24, 400, 700):
        rect = devpanels.draw_overlay(surface, Services(), "node  turn 1", rows, "status",
                                      left=left)
        assert surface.get_rect().contains(rect), (left, rect)
