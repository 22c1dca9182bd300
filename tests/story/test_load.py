"""The loader: every fixture's problem is found, with its code and exact position."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.story import bounds
from game.story.codes import CODES
from game.story.diagnostics import ERROR, StoryError
from game.story.load import load_or_raise, load_story
from tests.conftest import FIXTURES

BAD = sorted((FIXTURES / "bad").iterdir())


def codes_of(path: Path) -> list[str]:
    return [d.code for d in load_story(path)[1]]


@pytest.mark.parametrize("folder", sorted((FIXTURES / "valid").iterdir()), ids=lambda p: p.name)
def test_valid_fixtures_load_without_diagnostics(folder: Path) -> None:
    story, diagnostics = load_story(folder)
    assert diagnostics == []
    assert story is not None and story.start in story.nodes


@pytest.mark.parametrize("folder", BAD, ids=lambda p: p.name)
def test_each_bad_fixture_reports_its_code_and_does_not_load(folder: Path, monkeypatch) -> None:
    code = folder.name.split("-")[0]
    # a bound too large to show in a small file is lowered for its fixture (limits.json)
    limits = folder / "limits.json"
    for name, value in (json.loads(limits.read_text()) if limits.exists() else {}).items():
        monkeypatch.setattr(bounds, name, value)
    story, diagnostics = load_story(folder)
    assert story is None
    assert code in [d.code for d in diagnostics], [d.format() for d in diagnostics]
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1
        assert d.format().startswith(f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code}: ")


def test_every_loader_code_has_a_fixture() -> None:
    loader_codes = {c for c in CODES if c < "LT500"}
    covered = {p.name.split("-")[0] for p in BAD}
    assert loader_codes - covered == set()


def test_invalid_json_points_at_the_missing_comma() -> None:
    (d,) = load_story(FIXTURES / "bad/LT101-invalid-json")[1]
    text = (FIXTURES / "bad/LT101-invalid-json/story.json").read_text().splitlines()
    line = text[d.line - 1]
    assert line.rstrip().endswith('"Tiny"') and d.column == len(line.rstrip()) + 1  # right after it
    assert "a comma is missing here" in d.message
    assert d.severity == ERROR


def test_duplicate_key_reports_the_second_occurrence() -> None:
    (d,) = load_story(FIXTURES / "bad/LT102-duplicate-key")[1]
    line = (FIXTURES / "bad/LT102-duplicate-key/story.json").read_text().splitlines()[d.line - 1]
    assert "Tiny again" in line and "first at line" in d.message


def test_unknown_field_points_at_the_key_and_suggests() -> None:
    (d,) = load_story(FIXTURES / "bad/LT103-unknown-field")[1]
    line = (FIXTURES / "bad/LT103-unknown-field/story.json").read_text().splitlines()[d.line - 1]
    assert line[d.column - 1 :].startswith('"choises"')
    assert "did you mean 'choices'?" in d.message
    assert d.pointer == "/nodes/hello/choises"


def test_expression_error_points_inside_the_string() -> None:
    (d,) = load_story(FIXTURES / "bad/LT302-undefined-variable")[1]
    line = (FIXTURES / "bad/LT302-undefined-variable/story.json").read_text().splitlines()[d.line - 1]
    assert line[d.column - 1 :].startswith("clam > 2")
    assert "did you mean 'calm'?" in d.message


def test_dangling_target_suggests_the_near_name() -> None:
    (d,) = load_story(FIXTURES / "bad/LT200-dangling-target")[1]
    assert "'by'" in d.message and "did you mean 'bye'?" in d.message


def test_duplicate_node_names_the_first_file() -> None:
    (d,) = load_story(FIXTURES / "bad/LT201-duplicate-node")[1]
    assert d.file.endswith("branches/again.json") and "story.json" in d.message


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    story = json.loads((FIXTURES / "valid/tiny/story.json").read_text())
    story["nodes"]["hello"]["choices"][0]["to"] = "nowhere"
    story["nodes"]["hello"]["choices"][0]["kind"] = "unkind"
    story["nodes"]["bye"]["speaker"] = "nobody"
    story["nodes"]["hello"]["text"] = "{nobody}"
    for name in ("room.tmx", "face.png"):
        (tmp_path / name).write_bytes((FIXTURES / "valid/tiny" / name).read_bytes())
    (tmp_path / "story.json").write_text(json.dumps(story, indent=2))
    assert sorted(codes_of(tmp_path)) == ["LT200", "LT202", "LT204", "LT210"]


def test_load_or_raise_carries_every_diagnostic() -> None:
    with pytest.raises(StoryError) as caught:
        load_or_raise(FIXTURES / "bad/LT200-dangling-target")
    assert caught.value.diagnostics[0].code == "LT200"


def test_branch_extends_a_node_of_another_file() -> None:
    story = load_or_raise(FIXTURES / "valid/with-branch")
    hello = story.nodes["hello"]
    assert [c.to for c in hello.choices] == ["bye", "aside"]
    assert story.files[-1].endswith("branches/extra.json")


def test_a_story_json_path_is_accepted_for_its_folder() -> None:
    assert load_or_raise(FIXTURES / "valid/tiny/story.json").id == "tiny"


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"x")
    folder = tmp_path / "story"
    folder.mkdir()
    for name in ("story.json", "room.tmx"):
        (folder / name).write_bytes((FIXTURES / "valid/tiny" / name).read_bytes())
    (folder / "face.png").symlink_to(outside)
    assert codes_of(folder) == ["LT405"]  # a link out has its own code (LT400 is for '..')


def test_an_unknown_speaker_lists_the_characters_when_nothing_is_close(tmp_path) -> None:
    from tests.tools.helpers import ending, write_story

    nodes = {"a": {"speaker": "ben", "text": "Hi.", "choices": [{"text": "Bye.", "to": "z"}]},
             "z": ending()}
    (d,) = load_story(write_story(tmp_path / "s", nodes))[1]
    assert d.code == "LT202"
    assert d.message == "character 'ben' does not exist; the characters are 'you', 'partner'"
    nodes["a"]["speaker"] = "partnr"
    (d,) = load_story(write_story(tmp_path / "s", nodes))[1]
    assert d.message.endswith("did you mean 'partner'?")


def test_an_ending_with_choices_says_what_to_do(tmp_path) -> None:
    from tests.tools.helpers import ending, write_story

    nodes = {"a": ending() | {"choices": [{"text": "On.", "to": "a"}]}}
    (d,) = load_story(write_story(tmp_path / "s", nodes))[1]
    assert d.code == "LT208" and "remove 'choices', or remove 'ending'" in d.message


def test_control_characters_in_names_are_written_out_in_every_message(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "valid/tiny/story.json").read_text())
    data["nodes"]["hello"]["wh\x00at\nnow"] = 1
    folder = tmp_path / "story"
    folder.mkdir()
    for name in ("room.tmx", "face.png"):
        (folder / name).write_bytes((FIXTURES / "valid/tiny" / name).read_bytes())
    (folder / "story.json").write_text(json.dumps(data, indent=1))
    (d,) = load_story(folder)[1]
    assert d.code == "LT103" and "'wh\\x00at\\x0anow'" in d.message
    assert "\x00" not in d.format() and "\n" not in d.format()
