"""Saves: written atomically, read back whole, and every kind of damage caught and set aside."""

from __future__ import annotations

import json
import os
import random
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from game.app import persist
from game.app.persist import files
from game.app.persist.files import DataDirs, write_atomic
from game.app.persist.saves import (
    AUTO,
    QUICK,
    SaveError,
    SaveInfo,
    SaveProblem,
    SaveStore,
    checksum,
    load,
    parse,
)
from game.story.load import load_story
from game.story.session import Session
from tests.conftest import STORIES

T0 = datetime(2025, 3, 1, 20, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def sample():
    story, _ = load_story(STORIES / "sample")
    assert story is not None
    return story


def played(story, picks=(0, 0)) -> Session:
    session = Session.start(story)
    for p in picks:
        session.choose(session.choices()[p].index)
    return session


@pytest.fixture
def store(tmp_path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


def dump(info: SaveInfo | None) -> dict:
    assert isinstance(info, SaveInfo)
    return info.session


# -- where files go ----------------------------------------------------------------------------


def test_data_dir_puts_everything_in_one_folder(tmp_path):
    dirs = DataDirs.resolve(tmp_path)
    assert dirs.saves.parent == dirs.config.parent == dirs.progress.parent == tmp_path


def test_environment_variable_chooses_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(files.ENV_DATA_DIR, str(tmp_path))
    assert DataDirs.resolve().saves == tmp_path / "saves"


def test_user_folders_come_from_platformdirs(monkeypatch):
    monkeypatch.delenv(files.ENV_DATA_DIR, raising=False)
    dirs = DataDirs.resolve()
    assert "lowtide" in str(dirs.saves) and "lowtide" in str(dirs.config)
    assert not str(dirs.saves).startswith(str(STORIES.parent))


# -- atomic writes -----------------------------------------------------------------------------


def test_atomic_write_syncs_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    target = tmp_path / "a" / "file.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]
    assert len(synced) >= 2


def test_interrupted_atomic_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "file.json"
    write_atomic(target, b"old and whole")

    def fail(src, dst):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old and whole"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


# -- saving and loading ------------------------------------------------------------------------


def test_save_and_load_round_trip(store, sample):
    session = played(sample)
    info = store.save(session, "3", line="Ben: hello", thumbnail=b"png-bytes", when=T0)
    again = store.read("sample", "3")
    assert again == info
    assert again.story_title == sample.title and again.line == "Ben: hello"
    assert again.node == session.node_id and again.created == T0
    assert again.thumbnail is not None and again.thumbnail.read_bytes() == b"png-bytes"
    restored, notes = load(again, sample)
    assert notes == []
    assert restored.to_json() == session.to_json()


def test_every_slot_is_its_own_file(store, sample):
    session = played(sample)
    for slot in persist.PLAYER_SLOTS:
        store.save(session, slot)
    store.autosave(session)
    found = store.slots("sample")
    assert set(found) == set(persist.SLOTS)
    assert all(isinstance(v, SaveInfo) for v in found.values())
    assert len({v.path for v in found.values()}) == 11


def test_the_autosave_slot_cannot_be_written_by_the_player(store, sample):
    with pytest.raises(SaveError):
        store.save(played(sample), AUTO)
    with pytest.raises(ValueError):
        store.path("sample", "10")


def test_a_new_thumbnail_replaces_the_old(store, sample):
    store.save(played(sample), "1", thumbnail=b"first")
    info = store.save(played(sample), "1", thumbnail=b"second")
    pngs = sorted(p.name for p in info.path.parent.glob("*.png"))
    assert pngs == [info.thumbnail.name]
    assert info.thumbnail.read_bytes() == b"second"


def test_line_defaults_to_what_the_node_says(store, sample):
    info = store.save(played(sample, ()), QUICK)
    assert info.line.startswith("Keys in the bowl")


def test_latest_is_the_newest_save_of_any_slot_or_story(store, sample):
    store.autosave(played(sample), when=T0)
    store.save(played(sample, (1,)), "7", when=T0 + timedelta(minutes=5))
    store.save(played(sample, ()), QUICK, when=T0 + timedelta(minutes=1))
    latest = store.latest()
    assert latest is not None and latest.slot == "7"
    assert SaveStore(store.root / "nowhere").latest() is None


def test_continue_finds_the_story_folder(tmp_path, sample):
    run = persist.Persist.open(tmp_path)
    run.autosave(played(sample))
    folder, data = run.latest()
    assert folder.resolve() == (STORIES / "sample").resolve()
    assert data["story"] == "sample"


def test_a_save_of_a_copied_story_opens_the_copy_not_the_bundled_story(tmp_path, sample):
    copy = tmp_path / "mine" / "sample"  # the same id as the bundled sample
    shutil.copytree(STORIES / "sample", copy)
    mine, _ = load_story(copy)
    run = persist.Persist.open(tmp_path / "data")
    run.autosave(played(mine))
    folder, _ = run.latest()
    assert folder.resolve() == copy.resolve()
    # a folder that now holds another story is not this save's: the installed one is
    text = (copy / "story.json").read_text("utf-8")
    (copy / "story.json").write_text(text.replace('"id": "sample"', '"id": "other"', 1), "utf-8")
    folder, _ = run.latest()
    assert folder.resolve() == (STORIES / "sample").resolve()
    # and a folder that is gone, likewise
    shutil.rmtree(copy)
    folder, _ = run.latest()
    assert folder.resolve() == (STORIES / "sample").resolve()


def test_autosave_records_progress(tmp_path, sample):
    run = persist.Persist.open(tmp_path)
    session = Session.start(sample)
    while not session.is_over:
        session.choose(session.choices()[0].index)
        run.autosave(session)
    assert session.node_id in persist.Persist.open(tmp_path).progress.endings("sample")
    assert set(session.path) <= persist.Persist.open(tmp_path).progress.seen("sample")


# -- damage ------------------------------------------------------------------------------------


def real_save(store, sample) -> tuple[bytes, SaveInfo]:
    info = store.save(played(sample, (0, 1, 0)), "1", line="a line", when=T0)
    return info.path.read_bytes(), info


def test_truncated_at_every_byte_offset(store, sample):
    raw, good = real_save(store, sample)
    path = store.path("sample", "2")
    for n in range(len(raw)):
        found = parse(raw[:n], path, "2", "sample")
        assert isinstance(found, SaveProblem), n
        assert found.kind in ("truncated", "damaged"), (n, found)
        assert found.message
    assert isinstance(parse(raw, path, "2", "sample"), SaveInfo)


def test_truncated_files_are_set_aside_and_other_slots_keep_working(store, sample):
    raw, good = real_save(store, sample)
    path = store.path("sample", "2")
    offsets = sorted({0, 1, len(raw) // 3, len(raw) // 2, len(raw) - 2, len(raw) - 1}
                     | set(range(0, len(raw), max(1, len(raw) // 40))))
    for n in offsets:
        path.write_bytes(raw[:n])
        slots = store.slots("sample")
        problem = slots["2"]
        assert isinstance(problem, SaveProblem), n
        assert problem.moved_to is not None and problem.moved_to.read_bytes() == raw[:n]
        assert not path.exists()
        assert slots["1"] == good
    kept = list(path.parent.glob("slot-2.json.damaged-*"))
    assert len(kept) == len(offsets)  # none overwritten, none deleted


def test_every_bit_flip_is_caught(store, sample):
    raw, _ = real_save(store, sample)
    rng = random.Random(4)
    path = store.path("sample", "1")
    for i in range(len(raw)):
        flipped = bytearray(raw)
        flipped[i] ^= 1 << rng.randrange(8)
        found = parse(bytes(flipped), path, "1", "sample")
        assert isinstance(found, SaveProblem), (i, chr(raw[i]))


def test_a_changed_value_fails_the_checksum(store, sample):
    raw, _ = real_save(store, sample)
    data = json.loads(raw)
    data["session"]["values"]["safety"] = 100
    found = parse(json.dumps(data).encode(), Path("x.json"), "1", "sample")
    assert isinstance(found, SaveProblem) and found.kind == "checksum"
    assert "checksum" in found.message


def rewrite(raw: bytes, **changes) -> bytes:
    data = json.loads(raw)
    data.update(changes)
    data["checksum"] = checksum(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "changes, kind",
    [
        ({"format": 7, "min_format": 5}, "future"),
        ({"format": 0, "min_format": 0}, "old"),
        ({"format": "1"}, "foreign"),
        ({"format": True}, "foreign"),
        ({"story": "another-story"}, "foreign"),
        ({"session": "not a session"}, "foreign"),
    ],
)
def test_wrong_versions_and_owners(store, sample, changes, kind):
    raw, _ = real_save(store, sample)
    found = parse(rewrite(raw, **changes), Path("x.json"), "1", "sample")
    assert isinstance(found, SaveProblem) and found.kind == kind, found
    assert found.message[0].isupper()


def test_a_newer_format_that_still_reads_is_read(store, sample):
    raw, _ = real_save(store, sample)
    found = parse(rewrite(raw, format=2, min_format=1), Path("x.json"), "1", "sample")
    assert isinstance(found, SaveInfo)


@pytest.mark.parametrize(
    "content",
    [b"[]", b"{}", b'{"a": 1}', b"42", b'"text"', b"null", b'{"format": 1, "settings": {}}',
     b"\xff\xfe\x00binary", b"   \n", "Ünïcode but not json".encode()],
)
def test_foreign_files_are_problems_not_crashes(store, sample, content):
    path = store.path("sample", "4")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    found = store.read("sample", "4")
    assert isinstance(found, SaveProblem)
    assert found.moved_to is not None and found.moved_to.read_bytes() == content


def test_a_slot_that_cannot_be_opened_is_a_problem(store, sample):
    store.save(played(sample), "1")
    store.path("sample", "5").mkdir(parents=True)
    slots = store.slots("sample")
    assert isinstance(slots["5"], SaveProblem)
    assert isinstance(slots["1"], SaveInfo)


def test_a_damaged_slot_keeps_its_message_until_saved_over(store, sample):
    raw, _ = real_save(store, sample)
    path = store.path("sample", "6")
    path.write_bytes(raw[: len(raw) // 2])
    first = store.read("sample", "6")
    again = store.read("sample", "6")
    assert isinstance(again, SaveProblem) and again.kind == first.kind == "truncated"
    assert again.moved_to == first.moved_to and again.moved_to.name in again.message
    store.save(played(sample), "6")
    assert isinstance(store.read("sample", "6"), SaveInfo)
    assert first.moved_to.read_bytes() == raw[: len(raw) // 2]  # kept, never deleted


def test_saving_over_a_damaged_file_sets_it_aside_first(store, sample):
    path = store.path("sample", "8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{ half a sa")
    store.save(played(sample), "8")
    kept = list(path.parent.glob("slot-8.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"{ half a sa"


def test_interrupted_save_leaves_the_old_save_whole(store, sample, monkeypatch):
    before = store.save(played(sample, (0,)), "1", when=T0)
    old_bytes = before.path.read_bytes()

    def fail(src, dst):
        raise OSError("the power went out")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SaveError):
        store.save(played(sample, (0, 1, 0)), "1", thumbnail=b"new")
    monkeypatch.undo()
    assert before.path.read_bytes() == old_bytes
    after = store.read("sample", "1")
    assert isinstance(after, SaveInfo) and after.session == before.session
    leftovers = [p.name for p in before.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


# -- a story edited after the save -------------------------------------------------------------


def edited_sample(tmp_path: Path) -> Path:
    """The sample story without its 'ten-minutes' node (choices to it now go to 'check')."""
    copy = tmp_path / "sample"
    shutil.copytree(STORIES / "sample", copy)
    path = copy / "story.json"
    data = json.loads(path.read_text("utf-8"))
    del data["nodes"]["ten-minutes"]
    text = json.dumps(data).replace('"to": "ten-minutes"', '"to": "check"')
    text = text.replace('visits(\\"ten-minutes\\")', 'visits(\\"check\\")')
    path.write_text(text, "utf-8")
    return copy


def test_a_save_whose_node_is_gone_goes_to_the_nearest_safe_point(store, sample, tmp_path):
    session = Session.start(sample)
    session.choose(0)  # keys → couch
    take = next(c for c in session.choices() if c.target == "ten-minutes")
    session.choose(take.index)
    assert session.node_id == "ten-minutes"
    store.save(session, "2")
    edited, diagnostics = load_story(edited_sample(tmp_path))
    assert edited is not None, [str(d) for d in diagnostics]
    assert "ten-minutes" not in edited.nodes
    info = store.read("sample", "2")
    restored, notes = load(info, edited)
    assert restored.node_id == "couch"
    assert any("changed" in n for n in notes)
    assert any("couch" in n for n in notes)
    assert restored.choices()  # playable from there


def test_a_save_of_an_unchanged_story_has_no_notes(store, sample):
    info = store.save(played(sample, (0, 0, 0)), "2")
    _, notes = load(info, sample)
    assert notes == []
