"""The one loader of the game's JSON data files, and the leftovers of writes cut off: a damaged
file is set aside with a timestamp (never deleted) and the game starts with its defaults."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.app import run
from game.app.persist import Persist, datafile
from game.app.persist.files import DataDirs, sweep_leftovers, write_atomic
from game.app.persist.progress import Progress
from game.app.persist.saves import SaveProblem, SaveStore
from game.app.settings import Settings, SettingsStore
from tests.app.conftest import prepare
from tests.conftest import PROJECT

DEEP = b"[" * 100_000
STAMPED = re.compile(r"\.damaged-\d{8}-\d{6}(-\d+)?\Z")


# -- decoding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "kind"), [
    (b"", "empty"), (b"  \n", "empty"), (b"\xff\xfe{", "not-text"), (b'{"a": [1, 2', "truncated"),
    (b'{"a": "cut', "truncated"), (b"{a: 1}", "garbled"), (b'{"a": NaN}', "garbled"),
    (DEEP, "too-deep"), (b"{" * 5000, "too-deep"), (b'[{"a": ' * 40 + b"1" + b"}]" * 40, "too-deep"),
])
def test_every_kind_of_damage_is_named_and_nothing_else_is_raised(raw: bytes, kind: str) -> None:
    with pytest.raises(datafile.Damaged) as caught:
        datafile.decode(raw)
    assert caught.value.kind == kind


def test_a_file_larger_than_any_the_game_writes_is_refused_unread(tmp_path: Path) -> None:
    with pytest.raises(datafile.Damaged) as caught:
        datafile.decode(b"[1]", max_bytes=2)
    assert caught.value.kind == "too-large"
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"0," * 100 + b"0]")
    with pytest.raises(datafile.Damaged):
        datafile.read(path, max_bytes=50)


def test_files_decode_with_or_without_a_bom() -> None:
    assert datafile.decode(b'\xef\xbb\xbf{"a": [1, 2.5, "x"]}') == {"a": [1, 2.5, "x"]}
    assert datafile.decode(b"[" * 60 + b"]" * 60) is not None  # deep, but within bounds


# -- loading: set aside, never lost -------------------------------------------------------------


def test_a_missing_file_is_no_problem(tmp_path: Path) -> None:
    loaded = datafile.load(tmp_path / "none.json", "settings")
    assert loaded.value is None and not loaded.damaged


def test_a_damaged_file_is_renamed_with_a_timestamp_and_logged(tmp_path: Path, caplog) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(DEEP)
    with caplog.at_level(logging.WARNING, logger="lowtide.persist"):
        loaded = datafile.load(path, "settings")
    assert loaded.damaged and loaded.problem.kind == "too-deep"
    assert not path.exists()
    assert loaded.moved_to is not None and STAMPED.search(loaded.moved_to.name)
    assert loaded.moved_to.read_bytes() == DEEP  # kept whole
    assert any("set aside" in r.message and "settings" in r.message for r in caplog.records)


def test_a_value_of_the_wrong_shape_is_set_aside_too(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text("[1, 2, 3]")
    loaded = datafile.load(path, "progress", lambda v: None if isinstance(v, dict) else "no")
    assert loaded.damaged and loaded.problem.kind == "shape" and loaded.moved_to.exists()


def test_two_damaged_files_in_one_second_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for content in (b"{", b"}"):
        path.write_bytes(content)
        datafile.load(path, "settings")
    kept = sorted(tmp_path.glob("settings.json.damaged-*"))
    assert sorted(p.read_bytes() for p in kept) == [b"{", b"}"]


@pytest.mark.parametrize("name", ["settings", "progress"])
def test_a_deeply_nested_file_gives_defaults_at_every_start(tmp_path: Path, name: str) -> None:
    dirs = DataDirs.under(tmp_path)
    path = dirs.settings_file if name == "settings" else dirs.progress_file
    path.parent.mkdir(parents=True)
    path.write_bytes(DEEP)
    for _ in range(2):  # the first start sets it aside; the second finds none
        persist = Persist.open(tmp_path)
        assert persist.settings.load() == Settings()
        assert persist.progress.seen("sample") == frozenset()
    kept = list(path.parent.glob(f"{path.name}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == DEEP


def test_the_window_starts_with_defaults_and_tells_the_player(tmp_path: Path) -> None:
    dirs = DataDirs.under(tmp_path)
    for path in (dirs.settings_file, dirs.progress_file):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(DEEP)
    ready = prepare("--data-dir", tmp_path, "--input-script", _script(tmp_path, "wait 5"))
    try:
        app = ready.app
        assert app.services.settings == Settings()
        for _ in range(5):
            app.frame()
        assert app.top is not None and app.top.name == "title"
        assert app.services.keep.toast.text  # the player is told
    finally:
        run.finish(ready)
    assert list(dirs.config.glob("settings.json.damaged-*"))
    assert list(dirs.progress.glob("progress.json.damaged-*"))


def test_a_deeply_nested_save_is_a_problem_and_set_aside(tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    path = store.path("sample", "3")
    path.parent.mkdir(parents=True)
    path.write_bytes(DEEP)
    found = store.read("sample", "3")
    assert isinstance(found, SaveProblem) and found.kind == "damaged"
    assert found.moved_to is not None and found.moved_to.read_bytes() == DEEP


def test_stores_read_through_the_one_loader(tmp_path: Path, monkeypatch) -> None:
    seen = []
    real = datafile.decode
    monkeypatch.setattr(datafile, "decode", lambda raw, **k: (seen.append(raw), real(raw, **k))[1])
    (tmp_path / "settings.json").write_text('{"settings": {}}')
    (tmp_path / "progress.json").write_text('{"stories": {}}')
    SettingsStore(tmp_path / "settings.json").load()
    Progress(tmp_path / "progress.json")
    store = SaveStore(tmp_path / "saves")
    store.path("s", "1").parent.mkdir(parents=True)
    store.path("s", "1").write_text("{}")
    store.read("s", "1")
    assert len(seen) == 3


# -- leftovers of a write cut off ----------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_only_our_old_leftovers_are_swept(tmp_path: Path) -> None:
    ours_old = [".auto.json.k3x_9q2a.tmp", ".settings.json.ab12cd34.tmp",
                ".slot-3.0123456789ab.png.zz__zz99.tmp"]
    kept = [".auto.json.fresh123.tmp",  # young: a live process may be writing it
            ".notes.txt.ab12cd34.tmp", "auto.json.ab12cd34.tmp", ".auto.json.tmp",
            "slot-3.json", ".slot-10.json.ab12cd34.tmp"]
    for name in ours_old + kept:
        (tmp_path / name).write_text("x")
        if name != ".auto.json.fresh123.tmp":
            _age(tmp_path / name, 3600)
    link = tmp_path / ".quick.json.linklink.tmp"
    link.symlink_to(tmp_path / "slot-3.json")
    removed = sweep_leftovers([tmp_path])
    assert sorted(p.name for p in removed) == sorted(ours_old)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept, link.name])


def test_a_save_killed_mid_write_leaves_a_leftover_that_the_next_start_sweeps(tmp_path):
    """SIGKILL between writing the temporary file and renaming it, then start again."""
    dirs = DataDirs.under(tmp_path)
    target = dirs.saves / "sample" / "auto.json"
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], cwd=PROJECT,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "written"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    left = list(target.parent.glob(".auto.json.*.tmp"))
    assert len(left) == 1 and not target.exists()
    Persist.open(tmp_path)
    assert left[0].exists()  # young: it could still be another game's write
    _age(left[0], 3600)
    Persist.open(tmp_path)
    assert not left[0].exists()


_WRITER = """
import os, sys, time
from pathlib import Path
from game.app.persist import files
def stall(src, dst):
    print("written", flush=True)
    time.sleep(60)
os.replace = stall
files.write_atomic(Path(sys.argv[1]), b'{"format": 1}' * 1000)
"""


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "script.txt"
    path.write_text(body + "\n")
    return path


def test_the_loader_reads_what_the_game_writes(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    write_atomic(path, json.dumps({"format": 1, "stories": {}}).encode())
    assert datafile.load(path, "progress").value == {"format": 1, "stories": {}}
