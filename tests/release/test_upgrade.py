"""Saves and settings of an installed game live in the player's folders and outlive an upgrade.

Installed from this wheel, the game is played, saved and set; then a wheel of a newer version,
built from a copy of the tree, is installed over it. The newer game still finds the save
(Continue resumes it) and the settings, both where platformdirs puts them under HOME.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from game import __version__
from tests.conftest import PROJECT
from tests.release.conftest import build, fingerprint, fresh_install, only_wheel, transcript

pytestmark = pytest.mark.slow

#: Play the second reply, quick save, then switch on "Show text at once" in the settings.
PLAY_SAVE_AND_SET = """\
wait-for play
until choices space
key 2
until choices space
key f5
wait 10
key escape
wait-for pause
key down down down down down down
key return
wait-for settings
key down
key return
key escape
wait-for pause
key escape
wait-for play
quit
"""

#: From the title, Continue: the newest save, which autoplay then plays to an ending.
CONTINUE = """\
wait-for title
key return
wait-for play
"""


def newer(version: str) -> str:
    major, minor, micro = (int(n) for n in re.match(r"(\d+)\.(\d+)\.(\d+)", version).groups())
    return f"{major}.{minor}.{micro + 1}"


@pytest.fixture(scope="module")
def newer_wheel(tmp_path_factory):
    """The same game at the next version, built from a copy of what a wheel is built from."""
    tree = tmp_path_factory.mktemp("newer") / "lowtide"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(PROJECT / "game", tree / "game", ignore=junk)
    shutil.copytree(PROJECT / "release", tree / "release", ignore=junk)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT / name, tree / name)
    init = tree / "game" / "__init__.py"
    text = init.read_text("utf-8")
    init.write_text(text.replace(f'"{__version__}"', f'"{newer(__version__)}"'), "utf-8")
    out = tree.parent / "dist"
    build("wheel", out, root=tree)
    return only_wheel(out)


def test_saves_and_settings_survive_an_upgrade(wheel, newer_wheel, tmp_path):
    game = fresh_install(tmp_path, wheel)
    script = tmp_path / "play.txt"
    script.write_text(PLAY_SAVE_AND_SET, "utf-8")
    first = tmp_path / "first.json"
    done = game.lowtide("play", "sample", "--input-script", script, "--transcript", first)
    assert done.returncode == 0, done.stderr
    data = game.home / ".local" / "share" / "lowtide"
    settings = game.home / ".config" / "lowtide" / "settings.json"
    assert (data / "saves" / "sample" / "quick.json").is_file()
    assert json.loads(settings.read_text("utf-8"))["settings"]["instant_text"] is True
    kept = (fingerprint(data), fingerprint(settings.parent))

    game.install(newer_wheel)
    assert game.lowtide("--version").stdout.strip() == f"lowtide {newer(__version__)}"
    assert (fingerprint(data), fingerprint(settings.parent)) == kept

    loaded = game.python("-c", "from game.app.persist import Persist; "
                               "print(Persist.open().settings.load().instant_text)")
    assert loaded.stdout.strip() == "True"
    script.write_text(CONTINUE, "utf-8")
    after = tmp_path / "after.json"
    done = game.lowtide("--input-script", script, "--autoplay", "first", "--transcript", after)
    assert done.returncode == 0, done.stderr
    before, resumed = transcript(first), transcript(after)
    assert resumed["story"] == "sample" and resumed["ending"] is not None
    # autoplay "first" would have taken reply 1: reply 2 here means the save was resumed
    assert [s["choice_index"] for s in before["steps"]] == [1]
    assert resumed["steps"][: len(before["steps"])] == before["steps"]
