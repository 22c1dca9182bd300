"""One rule for every file a story names: refused names get their own code, never a traceback,
and a refused file is never read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.story.confine import Refused, confine, inside, names_file, relative_name
from game.story.load import load_story
from game.story.loader import Loader
from tests.conftest import FIXTURES

TINY = FIXTURES / "valid/tiny"
BRANCHY = FIXTURES / "valid/with-branch"


def refused(root: Path, name: str, base: str = "") -> str:
    with pytest.raises(Refused) as caught:
        confine(root, name, base=base)
    return caught.value.code


# -- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["face\x00.png", "a\nb.png", "tab\there.png", "del\x7f.png"])
def test_control_characters_are_refused_from_the_name_alone(name: str) -> None:
    with pytest.raises(Refused) as caught:
        relative_name(name)
    assert caught.value.code == "LT403"
    assert "\x00" not in caught.value.message and "\\x" in caught.value.message


@pytest.mark.parametrize("name", ["/etc/passwd", "\\\\server\\share\\x.png", "\\x.png",
                                  "C:\\art\\ben.png", "c:ben.png", "D:/x.png"])
def test_absolute_names_are_refused(name: str) -> None:
    with pytest.raises(Refused) as caught:
        relative_name(name)
    assert caught.value.code == "LT404"


@pytest.mark.parametrize(("name", "base"), [("../x.png", ""), ("a/../../x.png", ""),
                                            ("..", ""), ("../../tiles.png", "maps"),
                                            ("..\\..\\x.png", "")])
def test_climbing_out_with_dots_is_refused(name: str, base: str) -> None:
    with pytest.raises(Refused) as caught:
        relative_name(name, base)
    assert caught.value.code == "LT400"


def test_dots_that_stay_inside_are_fine_and_backslashes_are_separators() -> None:
    assert relative_name("maps/../face.png") == "face.png"
    assert relative_name("../tiles/t.png", "maps") == "tiles/t.png"
    assert relative_name("portraits\\ben.png") == "portraits/ben.png"
    assert relative_name("./face.png") == "face.png"


def test_a_file_inside_is_found_and_a_missing_one_is_lt401(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "a.png").write_bytes(b"x")
    found = confine(tmp_path, "art/a.png")
    assert found.path == (tmp_path / "art" / "a.png").resolve() and found.relative == "art/a.png"
    assert refused(tmp_path, "art/b.png") == "LT401"
    assert refused(tmp_path, "art") == "LT401"  # a folder is not a file
    assert refused(tmp_path, "") == "LT401"
    assert refused(tmp_path, "x" * 5000 + ".png") == "LT401"  # too long for the file system
    assert confine(tmp_path, "art/new.png", must_exist=False).relative == "art/new.png"


def test_links_out_of_the_folder_are_refused_and_links_inside_are_fine(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "story", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("root:x:0:0")
    (root / "real.png").write_bytes(b"x")
    (root / "out.png").symlink_to(elsewhere / "secret.txt")
    (root / "art").symlink_to(elsewhere, target_is_directory=True)
    (root / "same.png").symlink_to(root / "real.png")
    (root / "loop.png").symlink_to(root / "loop.png")
    assert refused(root, "out.png") == "LT405"
    assert refused(root, "art/secret.txt") == "LT405"
    assert confine(root, "same.png").path == (root / "real.png").resolve()
    assert refused(root, "loop.png") in ("LT401", "LT405")
    # the story folder itself may be reached through a link
    (tmp_path / "linked").symlink_to(root, target_is_directory=True)
    assert confine(tmp_path / "linked", "real.png").path == (root / "real.png").resolve()
    assert inside(root, "out.png") is None and inside(root, "real.png") is not None


def test_names_file_tells_a_loop_name_from_a_file() -> None:
    assert not names_file("evening")
    assert all(names_file(n) for n in ("sounds/rain.ogg", "rain.wav", "a\\b", "x\x00"))


# -- every kind of file a story names ----------------------------------------------------------


def story_with(tmp_path: Path, change) -> Path:
    root = tmp_path / "story"
    shutil.copytree(TINY, root)
    data = json.loads((root / "story.json").read_text())
    change(data)
    (root / "story.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return root


NUL_CASES = {
    "portrait": lambda d: d["characters"]["partner"]["portraits"].update(neutral="face\x00.png"),
    "sprite": lambda d: d["characters"]["partner"].update(sprite="ben\x00.png"),
    "map": lambda d: d["scenes"]["room"].update(map="room\x00.tmx"),
    "sound": lambda d: d["scenes"]["room"].update(ambient="sounds/rain\x00.ogg"),
}


@pytest.mark.parametrize("kind", sorted(NUL_CASES))
def test_a_nul_byte_in_any_asset_path_is_lt403_in_lint(tmp_path: Path, kind: str, capsys) -> None:
    root = story_with(tmp_path, NUL_CASES[kind])
    story, diagnostics = load_story(root)
    assert story is None
    assert [d.code for d in diagnostics] == ["LT403"]
    assert diagnostics[0].line > 1  # at the name, in story.json
    assert main(["lint", str(root)]) == 1
    out = capsys.readouterr().out
    assert "error LT403" in out and "Traceback" not in out


@pytest.mark.parametrize("kind", sorted(NUL_CASES))
def test_a_nul_byte_in_any_asset_path_is_a_message_in_play(tmp_path: Path, kind: str,
                                                           capsys) -> None:
    root = story_with(tmp_path, NUL_CASES[kind])
    assert main(["play", "--text", str(root)]) == 1
    assert main(["play", str(root), "--autoplay", "first"]) == 1
    captured = capsys.readouterr()
    assert "LT403" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_a_branch_file_name_with_a_nul_byte_is_lt403(tmp_path: Path) -> None:
    loader = Loader(root=tmp_path, display_root="s")
    assert loader.read_json("branches/a\x00.json", "branch") is None
    (d,) = loader.diagnostics()
    assert d.code == "LT403" and d.file == "s/branches/a\\x00.json"  # written out


def test_a_tileset_path_with_a_control_character_in_a_map_is_lt403(tmp_path: Path) -> None:
    root = story_with(tmp_path, lambda d: None)
    tmx = (root / "room.tmx").read_text()
    tmx = tmx.replace("<layer ", '<tileset firstgid="1" source="ti&#10;les.tsx"/>\n <layer ', 1)
    (root / "room.tmx").write_text(tmx)
    story, diagnostics = load_story(root)
    assert story is None and [d.code for d in diagnostics] == ["LT403"]


def test_a_tileset_image_climbing_out_of_the_folder_is_lt400(tmp_path: Path) -> None:
    root = story_with(tmp_path, lambda d: None)
    (root / "maps").mkdir()
    (root / "room.tmx").rename(root / "maps" / "room.tmx")
    (root / "maps" / "tiles.tsx").write_text(
        '<?xml version="1.0"?><tileset name="t" tilewidth="32" tileheight="32" tilecount="1" '
        'columns="1"><image source="../../outside.png" width="32" height="32"/></tileset>')
    tmx = (root / "maps" / "room.tmx").read_text()
    (root / "maps" / "room.tmx").write_text(
        tmx.replace("<layer ", '<tileset firstgid="1" source="../maps/tiles.tsx"/>\n <layer ', 1))
    data = json.loads((root / "story.json").read_text())
    data["scenes"]["room"]["map"] = "maps/room.tmx"
    (root / "story.json").write_text(json.dumps(data))
    story, diagnostics = load_story(root)
    assert story is None and [d.code for d in diagnostics] == ["LT400"]
    assert "outside.png" in diagnostics[0].message


def test_a_branch_file_linked_to_etc_passwd_is_refused_unread(tmp_path: Path, capsys) -> None:
    root = tmp_path / "story"
    shutil.copytree(BRANCHY, root)
    secret = tmp_path / "passwd"
    secret.write_text("rootword:x:0:0:root:/root:/bin/bash\n")
    target = Path("/etc/passwd") if Path("/etc/passwd").is_file() else secret
    (root / "branches" / "zz.json").symlink_to(target)
    (root / "branches" / "zy.json").symlink_to(secret)
    assert main(["lint", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.count("error LT405") == 2, out
    assert "root" not in out.replace(str(root), "")
    assert "rootword" not in out


def test_a_linked_branch_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "story"
    shutil.copytree(BRANCHY, root)
    shutil.move(str(root / "branches"), str(tmp_path / "shared"))
    os.symlink(tmp_path / "shared", root / "branches", target_is_directory=True)
    story, diagnostics = load_story(root)
    assert story is None and {d.code for d in diagnostics} == {"LT405"}


def test_a_story_sound_file_plays_through_the_same_rule(tmp_path: Path) -> None:
    root = story_with(tmp_path, lambda d: d["scenes"]["room"].update(ambient="sounds/rain.wav"))
    story, diagnostics = load_story(root)
    assert story is None and [d.code for d in diagnostics] == ["LT401"]
    (root / "sounds").mkdir()
    shutil.copy(FIXTURES.parent.parent / "game/data/sounds/ui-move.wav", root / "sounds/rain.wav")
    story, diagnostics = load_story(root)
    assert story is not None and diagnostics == []
    assert story.scenes["room"].ambient_file == "sounds/rain.wav"
    assert story.asset("sounds/rain.wav") == (root / "sounds/rain.wav").resolve()


def test_story_asset_refuses_instead_of_joining(tmp_path: Path) -> None:
    story, _ = load_story(TINY)
    assert story is not None
    assert story.asset("face.png") is not None
    assert story.asset("face\x00.png") is None
    assert story.asset("../tiny/face.png") is None
    assert story.asset("/etc/passwd") is None
