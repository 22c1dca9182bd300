"""The story picker is for players: a story that declares itself a writers' sample
(``"sample": true``) is not offered, and no blurb names the partner before the player has."""

from __future__ import annotations

import pytest

from game.app.catalog import scan
from game.app.states.picker import PickerScreen
from game.app.transitions import Push
from tests.app.looping import window
from tests.conftest import STORIES

pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_the_writers_sample_declares_itself_and_is_not_offered(tmp_path, monkeypatch):
    monkeypatch.setenv("LOWTIDE_STORIES", str(STORIES))
    assert {e.path.name for e in scan() if e.sample} == {"sample"}
    app = window(tmp_path)
    app.apply(Push("picker"))
    picker = app.top
    assert isinstance(picker, PickerScreen)
    names = [e.path.name for e in picker.entries]
    assert "sample" not in names and "low-tide" in names
    for entry in picker.entries:
        partner = entry.story.partner if entry.story else None
        if partner is not None:
            assert partner.name not in picker.blurb(entry), entry.path.name
    low_tide = next(e for e in picker.entries if e.path.name == "low-tide")
    assert picker.blurb(low_tide).startswith("One evening. Your partner comes home")
