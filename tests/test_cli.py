"""The command line as a user meets it: exit codes, output formats, the piped text player."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.conftest import FIXTURES, PROJECT

TINY = FIXTURES / "valid/tiny"
BRANCHY = FIXTURES / "valid/with-branch"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )


def test_lint_clean_story_exits_0(capsys) -> None:
    assert main(["lint", str(TINY)]) == 0


def test_lint_errors_exit_1_with_positions(capsys) -> None:
    assert main(["lint", str(FIXTURES / "bad/LT200-dangling-target")]) == 1
    out = capsys.readouterr().out
    assert "story.json:" in out and ": error LT200: target node 'by' does not exist" in out


def test_lint_json_lists_objects_with_every_key(capsys) -> None:
    main(["lint", "--format", "json", str(FIXTURES / "bad/LT302-undefined-variable")])
    items = json.loads(capsys.readouterr().out)
    assert items and {"severity", "code", "message", "file", "line", "column", "pointer"} <= set(items[0])


def test_lint_bad_usage_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["lint"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["lint", "--format", "xml", str(TINY)])
    assert caught.value.code == 2


def test_lint_several_stories_reports_all(capsys) -> None:
    code = main(["lint", str(FIXTURES / "bad/LT204-unknown-kind"), str(FIXTURES / "bad/LT205-unknown-scene")])
    out = capsys.readouterr().out
    assert code == 1 and "LT204" in out and "LT205" in out


def test_text_player_piped_to_an_ending_with_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "run.json"
    result = run("play", "--text", str(TINY), "--transcript", str(transcript), stdin="1\n")
    assert result.returncode == 0, result.stderr
    assert "Ben: Hi, You." in result.stdout and "Ending: Bye" in result.stdout
    data = json.loads(transcript.read_text())
    assert set(data) >= {"story", "steps", "ending"}
    assert data["story"] == "tiny"
    assert data["steps"][0] | {"variables": None} == {
        "node": "hello", "choice": "Hi.", "choice_index": 0, "kind": "kind", "variables": None,
        "lines": [{"speaker": "partner", "name": "Ben", "text": "Hi, You."}],
    }
    assert data["steps"][0]["variables"] == {"calm": 6}
    assert data["ending"] | {"lines": None, "debrief": None} == {
        "id": "bye", "title": "Bye", "dynamic": "peace", "lines": None, "debrief": None}
    assert isinstance(data["seed"], int) and isinstance(data["turning_points"], list)


def test_text_player_asks_again_and_ends_cleanly_at_eof(tmp_path: Path) -> None:
    transcript = tmp_path / "run.json"
    result = run("play", "--text", str(BRANCHY), "--transcript", str(transcript), stdin="9\nhello\n\n")
    assert result.returncode == 0
    assert result.stdout.count("Please type a number from 1 to 2, or h for help.") == 3
    assert json.loads(transcript.read_text())["ending"] is None


def test_text_player_help_back_save_load_and_quit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run("play", "--text", "sample", "--data-dir", str(data),
                 stdin="?\n1\nb\n2\ns\n1\nl\nq\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "b  go back one choice" in out and "q  quit" in out
    assert "(Back one choice.)" in out and "(Loaded your save.)" in out
    saved = json.loads((data / "text-saves" / "sample.json").read_text())
    assert saved["story"] == "sample" and saved["session"]["node"] == "couch"
    # after loading, the couch is shown again, and q ended the run there, no ending
    assert out.rstrip().endswith("> q") and "Ending:" not in out


def test_text_player_asks_for_the_partner(tmp_path: Path) -> None:
    import argparse
    import io

    from game.story.load import load_story
    from game.tools.play import ask_partner
    from tests.conftest import STORIES

    story, _ = load_story(STORIES / "sample")
    args = argparse.Namespace(name=None, pronouns=None)
    out = io.StringIO()
    assert ask_partner(story, args, io.StringIO("Sam\nxe\nshe\n"), out)
    assert args.name == "Sam" and args.pronouns == "she"
    assert "Their name [Ben]" in out.getvalue() and out.getvalue().count("Pronouns:") == 2
    assert "xyrs/xemself [he]: " in out.getvalue()  # what Enter keeps, by name
    kept = argparse.Namespace(name=None, pronouns=None)
    assert ask_partner(story, kept, io.StringIO("\n\n"), io.StringIO())
    assert kept.name is None and kept.pronouns is None  # Enter keeps the story's own
    assert not ask_partner(story, kept, io.StringIO(""), io.StringIO())


def test_from_and_set_start_anywhere_in_any_state() -> None:
    result = run("play", "--text", str(BRANCHY), "--from", "aside", "--set", "calm=9", stdin="1\n")
    assert result.returncode == 0 and "An aside, he says." in result.stdout


def test_name_and_pronouns_for_the_partner() -> None:
    result = run("play", "--text", str(BRANCHY), "--from", "aside", "--name", "Kai", "--pronouns", "they")
    assert "An aside, they say." in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "nowhere"],
        ["--set", "calm"],
        ["--set", "nothing=1"],
        ["--set", "calm=lots"],
        ["--pronouns", "it/that"],
    ],
)
def test_bad_play_options_exit_2_with_a_message(args: list[str]) -> None:
    result = run("play", "--text", str(BRANCHY), *args)
    assert result.returncode == 2 and result.stderr.startswith("lowtide play:")
    assert "Traceback" not in result.stderr


def test_playing_a_broken_story_exits_1_with_diagnostics() -> None:
    result = run("play", "--text", str(FIXTURES / "bad/LT101-invalid-json"))
    assert result.returncode == 1 and "error LT101" in result.stderr and "Traceback" not in result.stderr


def test_main_py_and_module_do_the_same() -> None:
    via_main = subprocess.run(
        [sys.executable, "main.py", "lint", str(TINY)], capture_output=True, text=True, cwd=PROJECT
    )
    via_module = run("lint", str(TINY))
    assert via_main.returncode == via_module.returncode == 0
    assert via_main.stdout == via_module.stdout


def test_the_pronoun_prompt_names_five_forms_a_story_gives() -> None:
    from game.story.text import Pronouns
    from game.tools.play import pronoun_label

    assert pronoun_label(Pronouns.parse("they")) == "they"
    assert pronoun_label(Pronouns.parse("xe/xem/xyr/xyrs/xemself")) == "xe/xem/xyr/xyrs/xemself"


def test_a_reply_that_wraps_lines_up_under_its_words(tmp_path: Path) -> None:
    """In a narrow terminal a long reply goes on under its first word, not under its number."""
    import os
    import shutil

    story = tmp_path / "tiny"
    shutil.copytree(TINY, story)
    data = json.loads((story / "story.json").read_text("utf-8"))
    data["nodes"]["hello"]["choices"][0]["text"] = "Hi. " + "It has been a long day for both of us. " * 3
    (story / "story.json").write_text(json.dumps(data), "utf-8")
    result = subprocess.run([sys.executable, "-m", "game", "play", "--text", str(story)],
                            input="q\n", capture_output=True, text=True, cwd=PROJECT, timeout=60,
                            env={**os.environ, "COLUMNS": "50"})
    lines = result.stdout.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("  1. Hi.")))
    for after in lines[first + 1:first + 3]:
        assert after.startswith("     ") and after[5] != " ", after  # under "Hi.", not "1."


@pytest.mark.parametrize("command", [["new-branch", "low-tide", "nook", "--from", "hall"],
                                     ["edit", "low-tide", "--no-browser"]])
def test_writer_tools_leave_an_installed_games_own_stories_alone(command, monkeypatch,
                                                                   capsys) -> None:
    """Installed (not a checkout), a bundled story is the game's own folder: new-branch and
    edit refuse it (exit 2), say where it is and how to copy it, and write nothing."""
    from game import paths

    monkeypatch.setattr(paths, "in_checkout", lambda: False)
    branches = paths.bundled_stories_dir() / "low-tide" / "branches"
    before = sorted(p.name for p in branches.iterdir())
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "installed game's own copy" in err and "cp -r" in err and "./low-tide" in err
    assert sorted(p.name for p in branches.iterdir()) == before


def test_in_a_checkout_the_bundled_stories_are_the_projects_own() -> None:
    from game import paths

    assert paths.in_checkout()
    assert not paths.installed_copy(paths.bundled_stories_dir() / "low-tide")
