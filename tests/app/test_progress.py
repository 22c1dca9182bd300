"""Progress: seen nodes and discovered endings kept across playthroughs, damage set aside."""

from __future__ import annotations

from game.app.persist.progress import Progress


def test_seen_and_endings_survive_a_restart(tmp_path):
    path = tmp_path / "progress.json"
    p = Progress(path)
    assert p.mark_seen("sample", ["keys", "couch"])
    assert not p.mark_seen("sample", ["keys"])
    assert p.mark_ending("sample", "haven", "2025-01-01T00:00:00Z")
    assert not p.mark_ending("sample", "haven", "2025-02-01T00:00:00Z")
    p.save()
    again = Progress(path)
    assert again.seen("sample") == {"keys", "couch", "haven"}
    assert again.endings("sample") == {"haven": "2025-01-01T00:00:00Z"}
    assert again.has_seen("sample", "couch") and not again.has_seen("other", "couch")
    assert again.seen("other") == frozenset()


def test_nothing_is_written_when_nothing_changed(tmp_path):
    p = Progress(tmp_path / "progress.json")
    p.save()
    assert not (tmp_path / "progress.json").exists()


def test_a_damaged_progress_file_is_kept_and_a_new_one_started(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text('{"stories": {"sample": {"seen": ["ke')
    p = Progress(path)
    assert p.message and p.seen("sample") == frozenset()
    kept = list(tmp_path.glob("progress.json.damaged-*"))
    assert len(kept) == 1
    p.mark_seen("sample", ["keys"])
    p.save()
    assert Progress(path).seen("sample") == {"keys"}
    assert kept[0].exists()


def test_odd_entries_are_skipped(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text('{"format": 1, "stories": {"s": {"seen": ["a", 3, null], '
                    '"endings": {"e": "t", "f": 4}}, "t": 5}}')
    p = Progress(path)
    assert p.seen("s") == {"a"} and p.endings("s") == {"e": "t"} and p.seen("t") == frozenset()
