"""Developer mode's logic: watching files, reloading in place, the console."""

from __future__ import annotations

import json
import os
from pathlib import Path

from game.app.dev import CONSOLE_HELP, StoryWatcher, complete, console, overlay_lines, reload
from game.story.load import load_or_raise
from game.story.session import Session
from game.tools.lint import load_linted
from tests.tools.helpers import ending, write_story

NODES = {
    "a": {"text": "A", "choices": [{"text": "go", "effects": ["n += 1"], "to": "b"}]},
    "b": {"text": "B", "choices": [{"text": "end", "to": "z"}]},
    "z": ending(),
}
VARS = {"n": {"type": "integer", "initial": 0, "min": 0, "max": 9}}


def test_watcher_polls_at_most_once_a_second(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", NODES, variables=VARS)
    now = [0.0]
    watcher = StoryWatcher(root, clock=lambda: now[0])
    assert not watcher.changed()
    story_file = root / "story.json"
    os.utime(story_file, ns=(1, story_file.stat().st_mtime_ns + 10**9))
    now[0] = 0.5
    assert not watcher.changed()  # too soon to look
    now[0] = 1.2
    assert watcher.changed()
    now[0] = 2.5
    assert not watcher.changed()
    (root / "branches").mkdir()
    (root / "branches" / "x.json").write_text("{}")
    now[0] = 3.6
    assert watcher.changed()


def test_reload_keeps_the_place_and_values(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", NODES, variables=VARS)
    story = load_or_raise(root)
    session = Session.start(story)
    session.choose(0)
    nodes = dict(NODES, b={"text": "B, rewritten", "choices": [{"text": "end", "to": "z"}]})
    write_story(root, nodes, variables=VARS)
    result = reload(root, story, session, load_linted)
    assert result.ok and result.session.node_id == "b" and result.session.value("n") == 1
    assert result.session.lines()[0].text == "B, rewritten"


def test_a_broken_save_keeps_the_last_good_story(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", NODES, variables=VARS)
    story = load_or_raise(root)
    session = Session.start(story)
    data = json.loads((root / "story.json").read_text())
    data["nodes"]["b"]["choices"][0]["to"] = "nowhere"
    (root / "story.json").write_text(json.dumps(data))
    result = reload(root, story, session, load_linted)
    assert not result.ok and result.story is story and result.session is session
    assert [d.code for d in result.diagnostics] == ["LT200"]
    data["nodes"]["b"] = {"text": "dead end"}
    (root / "story.json").write_text(json.dumps(data))
    assert [d.code for d in reload(root, story, session, load_linted).diagnostics] == ["LT501"]


def test_console_goto_and_set(tmp_path: Path) -> None:
    session = Session.start(load_or_raise(write_story(tmp_path / "s", NODES, variables=VARS)))
    session, reply = console(session, "set n=12")
    assert reply == "n = 9 (n stays within 0..9)"  # held to the declared bounds, and said
    session, reply = console(session, "goto b")
    assert session.node_id == "b" and session.value("n") == 9
    _, reply = console(session, "goto c")
    assert reply.startswith("no node 'c'")
    _, reply = console(session, "set m=1")
    assert "no variable 'm'" in reply
    assert overlay_lines(session)[:2] == ["node b  turn 0", "n = 9"]


def test_console_goto_with_values_and_the_other_commands(tmp_path: Path) -> None:
    session = Session.start(load_or_raise(write_story(tmp_path / "s", NODES, variables=VARS)))
    moved, reply = console(session, "goto b n=4")
    assert moved.node_id == "b" and moved.value("n") == 4 and reply == "at b · n = 4"
    assert console(moved, "goto b m=4")[1].startswith("no variable 'm'")
    assert console(moved, "goto b n")[1] == "'n' is not NAME=VALUE"
    assert console(moved, "set n=x")[1] == "'n' is a number, not 'x'"
    assert console(moved, "nodes")[1] == "a, b, z"
    assert console(moved, "nodes q")[1] == "no node has 'q' in its id"
    assert console(moved, "got b")[1].startswith("no command 'got'; did you mean 'goto'? Commands: goto")
    assert console(moved, "help")[1] == CONSOLE_HELP


def test_tab_completes_commands_nodes_and_variables(tmp_path: Path) -> None:
    nodes = dict(NODES, bay={"text": "Bay", "choices": [{"text": "end", "to": "z"}]})
    session = Session.start(load_or_raise(write_story(tmp_path / "s", nodes, variables=VARS)))
    assert complete(session, "go") == "goto "
    assert complete(session, "goto b") == "goto b"  # b and bay: nothing more in common
    assert complete(session, "goto ba") == "goto bay "
    assert complete(session, "goto bay n") == "goto bay n="
    assert complete(session, "set n") == "set n="
    assert complete(session, "xyz") == "xyz"


def test_reload_moves_on_when_the_node_is_gone(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", NODES, variables=VARS)
    story = load_or_raise(root)
    session = Session.start(story)
    session.choose(0)
    nodes = {"a": NODES["a"] | {"choices": [{"text": "go", "to": "c"}]},
             "c": {"text": "C", "choices": [{"text": "end", "to": "z"}]}, "z": ending()}
    write_story(root, nodes, variables=VARS)
    result = reload(root, story, session, load_linted)
    # b is gone: back to the last choice whose node still exists, before it was made
    assert result.ok and result.session.node_id == "a" and result.session.steps == []
    assert "('b') is gone" in result.notes[0] and "('a')" in result.notes[1]


def test_reload_follows_a_node_that_became_a_route(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", NODES, variables=VARS)
    story = load_or_raise(root)
    session = Session.start(story)
    session.choose(0)
    nodes = dict(NODES, b={"route": [{"to": "z"}]})
    write_story(root, nodes, variables=VARS)
    result = reload(root, story, session, load_linted)
    assert result.ok and result.session.node_id == "z" and len(result.session.steps) == 1
    assert result.notes == ["The story has changed: 'b' now only routes on, so play went on "
                            "to 'z'."]


def test_tab_after_spaces_and_a_set_that_fails_changes_nothing(tmp_path: Path) -> None:
    session = Session.start(load_or_raise(write_story(tmp_path / "s", NODES, variables=VARS)))
    assert complete(session, " ") == " "
    assert complete(session, " go") == " goto "
    assert complete(session, "goto  b") == "goto  b "
    bools = dict(VARS, flag={"type": "bool", "initial": False})
    session = Session.start(load_or_raise(write_story(tmp_path / "t", NODES, variables=bools)))
    _, reply = console(session, "set flag=true n=x")
    assert reply == "'n' is a number, not 'x'" and session.value("flag") is False
