"""Many playthroughs in one process hold flat memory: nothing a run made outlives it.

The figures (memory per playthrough over 500) come from ``python -m bench soak``; this test
checks the causes it found, exactly and without timing: after each whole window run, closed as
``lowtide play`` closes, no font was alive as pygame stopped, and no services, scene, screen or
thumbnail buffer of it is alive.
"""

from __future__ import annotations

import gc
import io
import weakref

import pygame

from bench import soak
from game.app.render.mapview import SceneView
from game.app.screen import Screen
from game.app.services import Services
from tests.conftest import STORIES


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


def test_nothing_a_run_made_outlives_it(tmp_path, monkeypatch) -> None:
    stories = [STORIES / "sample", STORIES / "two-bars"]
    opened: weakref.WeakSet = weakref.WeakSet()

    class Font(pygame.font.Font):  # every font the runs open, followed without keeping it
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            opened.add(self)

    at_quit = []
    real_quit = pygame.quit

    def quit_counting() -> None:  # a font alive as pygame stops is freed after it: leaked
        at_quit.append(len(opened))
        real_quit()

    monkeypatch.setattr(pygame.font, "Font", Font)
    monkeypatch.setattr(pygame, "quit", quit_counting)
    counts = []
    for i in range(6):
        code, frames = soak.playthrough(stories[i % 2], i, tmp_path, reload=(i == 3))
        assert code == 0 and frames > 0
        counts.append((alive(Services) + alive(SceneView) + alive(Screen), alive(io.BytesIO)))
    assert at_quit == [0] * 6, f"fonts alive as pygame stopped: {at_quit}"
    runs, buffers = zip(*counts)
    assert set(runs) == {0}, f"services, scenes or screens of a closed run alive: {runs}"
    assert buffers[-1] <= buffers[1], f"thumbnail buffers pile up: {buffers}"
    assert any((tmp_path / "saves").rglob("auto.*.png")), "the runs wrote thumbnails"


def test_the_slope_is_the_growth_per_playthrough() -> None:
    assert soak.slope([0, 1, 2, 3], [10, 12, 14, 16]) == 2
    assert soak.slope([5], [1]) == 0.0
    samples = [soak.Sample(i, "s", 100_000_000 + i * 10_240, 1000, 1.0, 10, 0) for i in range(40)]
    summary = soak.summarise(samples, 10)
    assert round(summary["growth_kb_per_playthrough"]) == 10 and summary["met"]
