"""The collector pause: off inside, back on after, what was built moved to the oldest
generation with nothing left frozen, and cycles still collected."""

from __future__ import annotations

import gc
import weakref

from game.story.collector import collector_paused
from game.story.load import load_story
from tests.conftest import FIXTURES, STORIES


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_the_collector_is_off_inside_and_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outermost pause turns it back on
    assert gc.isenabled()


def test_what_was_built_goes_to_the_oldest_generation_and_nothing_stays_frozen() -> None:
    with collector_paused():
        kept = [_Node() for _ in range(50)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(node) in oldest for node in kept)
    assert gc.get_freeze_count() == 0


def test_cycles_made_inside_are_still_collected() -> None:
    with collector_paused():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
    assert ref() is not None  # a cycle: only the collector frees it
    gc.collect()
    assert ref() is None


def test_a_program_that_froze_its_objects_keeps_them_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            _Node()
        assert gc.get_freeze_count() == frozen  # not unfrozen by the pause
    finally:
        gc.unfreeze()


def test_loading_stories_good_and_bad_leaves_no_cycles_behind() -> None:
    """What a load built goes to the oldest generation, where a cycle would wait for a full
    collection; so a load (and its problems, and the maps it reads) makes none."""
    folders = [STORIES / "low-tide", STORIES / "sample", *sorted((FIXTURES / "bad").iterdir())]
    gc.collect()
    for folder in folders:
        story, diagnostics = load_story(folder)
        del story, diagnostics
    assert gc.collect() == 0
