"""Settings: every field survives a round trip; bad files and bad values never stop the game."""

from __future__ import annotations

import dataclasses
import json
import math
import os

import pytest

from game.app.settings import Settings, SettingsStore, fields


def other_value(f: dataclasses.Field):
    """A valid value for ``f`` that is not its default."""
    default = f.default
    if isinstance(default, bool):
        return not default
    lo, hi = f.metadata["range"]
    value = hi if default != hi else lo
    return int(value) if isinstance(default, int) else float(value)


@pytest.mark.parametrize("f", fields(), ids=lambda f: f.name)
def test_each_setting_round_trips(tmp_path, f):
    store = SettingsStore(tmp_path / "settings.json")
    changed = Settings().replace(**{f.name: other_value(f)})
    assert getattr(changed, f.name) == other_value(f) != f.default
    assert store.save(changed)
    loaded = SettingsStore(tmp_path / "settings.json").load()
    assert loaded == changed
    assert getattr(loaded, f.name) == other_value(f)


def test_every_setting_changed_at_once_round_trips(tmp_path):
    store = SettingsStore(tmp_path / "config" / "settings.json")
    changed = Settings(**{f.name: other_value(f) for f in fields()})
    assert all(getattr(changed, f.name) != f.default for f in fields())
    store.save(changed)
    assert store.load() == changed
    assert store.message is None


def test_every_setting_has_a_label_and_numbers_have_a_range():
    for f in fields():
        assert f.metadata["label"]
        if not isinstance(f.default, bool):
            lo, hi = f.metadata["range"]
            assert lo <= f.default <= hi and f.metadata["step"] > 0


def test_the_issue_lists_these_settings():
    names = {f.name for f in fields()}
    assert {"text_speed", "instant_text", "auto_advance", "auto_delay", "skip_seen",
            "master_volume", "music_volume", "effects_volume", "fullscreen", "text_size",
            "high_contrast", "legible_font", "reduced_motion", "show_dynamics"} <= names


def test_a_missing_file_gives_the_defaults(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings() and store.message is None


def test_out_of_range_values_are_clamped_and_unknown_keys_ignored():
    s = Settings.from_json({"text_size": 900, "text_speed": -3, "master_volume": 7,
                            "auto_delay": 0, "no_such_setting": True})
    assert s.text_size == 200 and s.text_speed == 10 and s.master_volume == 1.0
    assert s.auto_delay == 0.5


@pytest.mark.parametrize("bad", ["loud", None, [], {}, float("nan"), True])
def test_values_of_the_wrong_type_fall_back_to_the_default(bad):
    s = Settings.from_json({"master_volume": bad, "fullscreen": bad if bad is not True else 1})
    assert s.master_volume == Settings().master_volume
    assert s.fullscreen is False


def test_whole_numbers_stay_whole():
    s = Settings.from_json({"text_size": 151.6})
    assert s.text_size == 152 and isinstance(s.text_size, int)


@pytest.mark.parametrize("content", [b"{ broken", b"[1, 2]", b"\xff\xfe", b""])
def test_a_damaged_file_gives_defaults_with_a_message_and_is_kept(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert store.message and "default" in store.message
    kept = list(tmp_path.glob("settings.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert kept[0].name in store.message


def test_an_interrupted_write_keeps_the_old_settings(tmp_path, monkeypatch):
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(text_size=150))

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    assert store.save(Settings(text_size=200)) is False
    monkeypatch.undo()
    assert store.load().text_size == 150


def test_the_file_is_plain_json(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(high_contrast=True))
    data = json.loads((tmp_path / "settings.json").read_text())
    assert data["settings"]["high_contrast"] is True and data["format"] == 1


def test_instant_text_and_reduced_motion_remove_the_typewriter():
    assert Settings().cps == 45
    assert math.isinf(Settings(instant_text=True).cps)
    assert math.isinf(Settings(reduced_motion=True).cps)


def test_volumes_multiply_by_the_master():
    s = Settings(master_volume=0.5, music_volume=0.5, effects_volume=1.0)
    assert s.music_gain() == 0.25 and s.effects_gain() == 0.5


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().text_size = 120  # type: ignore[misc]
