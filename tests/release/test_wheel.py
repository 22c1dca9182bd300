"""The wheel carries the whole game: code, every bundled story, fonts, art, sounds, licences.

And nothing a player does not need: no tests, benchmarks, art masters or build scripts.
"""

from __future__ import annotations

import zipfile
from email.parser import Parser

import pytest

from game import __version__
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow


def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def package_files() -> set[str]:
    """What the checkout's ``game/`` holds, as wheel entries (compiled files aside)."""
    game = PROJECT / "game"
    return {p.relative_to(PROJECT).as_posix() for p in game.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def test_the_wheel_is_named_for_the_one_version(wheel):
    assert wheel.name == f"lowtide-{__version__}-py3-none-any.whl"


def test_every_file_of_the_package_is_in_the_wheel(wheel):
    inside = names(wheel)
    missing = package_files() - inside
    assert not missing, sorted(missing)[:20]


@pytest.mark.parametrize("path", [
    "game/data/stories/low-tide/story.json",
    "game/data/stories/low-tide/maps/apartment.tmx",
    "game/data/stories/two-bars/story.json",
    "game/data/stories/long-weekend/story.json",
    "game/data/stories/sample/story.json",
    "game/data/fonts/literata/Literata-Regular.ttf",
    "game/data/fonts/lato/Lato-Regular.ttf",
    "game/data/fonts/atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf",
    "game/data/fonts/README.md",
    "game/data/sounds/ambient-evening.wav",
    "game/data/art/title/sky.png",
    "game/data/art/ui/icon.png",
    "game/story/schema/story.schema.json",
])
def test_what_the_game_reads_at_run_time_is_inside(wheel, path):
    assert path in names(wheel)


def test_every_bundled_story_file_is_inside(wheel):
    stories = PROJECT / "game" / "data" / "stories"
    wanted = {p.relative_to(PROJECT).as_posix() for p in stories.rglob("*") if p.is_file()}
    assert len(wanted) > 40
    assert wanted <= names(wheel)


def test_the_licences_travel_in_the_wheel(wheel):
    inside = names(wheel)
    licences = f"lowtide-{__version__}.dist-info/licenses/"
    assert licences + "LICENSE" in inside
    for family in ("literata", "lato", "atkinson-hyperlegible"):
        assert f"game/data/fonts/{family}/OFL.txt" in inside
        assert f"{licences}game/data/fonts/{family}/OFL.txt" in inside


def test_the_metadata_says_mit_as_an_spdx_expression(wheel):
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read(f"lowtide-{__version__}.dist-info/METADATA").decode())
    assert meta["License-Expression"] == "MIT"
    assert meta["Version"] == __version__
    assert "LICENSE" in meta.get_all("License-File")
    assert meta["License"] is None  # the deprecated field is gone


def test_nothing_but_the_game_and_its_metadata(wheel):
    tops = {name.split("/")[0] for name in names(wheel)}
    assert tops == {"game", f"lowtide-{__version__}.dist-info"}
    assert not [n for n in names(wheel) if "__pycache__" in n or n.endswith(".pyc")]
