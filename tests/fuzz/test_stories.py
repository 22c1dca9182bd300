"""Fuzzing the bundled stories and maps: whatever a file holds, loading and lint only ever
return diagnostics (never raise), every diagnostic is well formed, a story that still loads
plays, and its maps draw.

A bounded run is part of ``make test``; ``make fuzz`` runs the long one (tests/fuzz/budget.py).
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.codes import CODES
from game.story.diagnostics import Diagnostic
from game.story.load import load_story
from game.story.session import Session
from game.tools.lint import load_linted
from tests.conftest import FIXTURES, STORIES
from tests.fuzz import budget
from tests.fuzz.mutate import mutated_image, mutated_json, mutated_xml

CORPUS = [*sorted(p for p in STORIES.iterdir() if (p / "story.json").is_file()),
          FIXTURES / "valid/tiny", FIXTURES / "valid/with-branch"]


class Workspace:
    """Copies of the corpus, each file put back as it was after every example."""

    def __init__(self, root: Path):
        self.stories: list[Path] = []
        self.files: dict[Path, bytes] = {}
        for src in CORPUS:
            dest = root / src.name
            shutil.copytree(src, dest)
            self.stories.append(dest)
            for path in dest.rglob("*"):
                if path.is_file():
                    self.files[path] = path.read_bytes()

    def of(self, story: Path, suffixes: tuple[str, ...]) -> list[Path]:
        return sorted(p for p in self.files if p.is_relative_to(story) and p.suffix in suffixes)

    def restore(self, path: Path) -> None:
        path.write_bytes(self.files[path])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def window():
    """A headless display for drawing maps (the SDL dummy driver)."""
    import pygame

    pygame.init()
    pygame.display.set_mode((1280, 720))
    yield
    pygame.quit()


def well_formed(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.code in CODES, d
        assert d.line >= 1 and d.column >= 1, d
        assert isinstance(d.file, str) and isinstance(d.message, str) and d.message, d
        text = d.format()
        assert "\x00" not in text and "Traceback" not in text, text


def plays(story, seed: int) -> None:
    """A short random playthrough of a story that loaded, through every reading of it."""
    session = Session.start(story)
    rnd = random.Random(seed)
    for _ in range(30):
        session.lines()
        offered = session.choices()
        if not offered or session.node.ending is not None:
            break
        session.choose(rnd.choice(offered).index)
    again, _ = Session.from_json(story, session.to_json())
    assert again.node_id == session.node_id


def load_and_lint(root: Path, seed: int, *, draw: bool = False) -> None:
    """Lint loads the story (its diagnostics begin with the loader's), then checks it."""
    story, linted = load_linted(root)
    well_formed(linted)
    if story is not None:
        plays(story, seed)
        if draw:
            draws(story)


def draws(story) -> None:
    """What lint passes, the game draws: every map of the story, composed with the camera at
    its corners (a map it cannot draw is a placeholder room, never a failure)."""
    from game.app.render.mapview import SceneView

    for scene in story.scenes.values():
        path = story.asset(scene.map) if scene.map else None
        view = SceneView(path, root=story.root)
        for focus in ((0, 0), (10_000, 10_000)):
            view.compose([], 0.5, view.camera_for(focus, (640, 360)))


FUZZ = settings(max_examples=budget.planned("story inputs"), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])


@FUZZ
@given(st.data())
def test_a_damaged_story_or_branch_file_only_ever_gives_diagnostics(workspace, data) -> None:
    started = time.perf_counter()
    story = data.draw(st.sampled_from(workspace.stories), label="story")
    path = data.draw(st.sampled_from(workspace.of(story, (".json",))), label="file")
    raw = data.draw(mutated_json(workspace.files[path].decode("utf-8")), label="content")
    path.write_bytes(raw)
    try:
        load_and_lint(story, data.draw(st.integers(0, 2**16), label="seed"))
    finally:
        workspace.restore(path)
    budget.COUNTS["story inputs"] += 1
    budget.SECONDS["story inputs"] += time.perf_counter() - started


@settings(FUZZ, max_examples=budget.planned("map inputs"))
@given(st.data())
def test_a_damaged_map_tileset_or_image_only_ever_gives_diagnostics(workspace, window,
                                                                   data) -> None:
    started = time.perf_counter()
    story = data.draw(st.sampled_from(workspace.stories), label="story")
    path = data.draw(st.sampled_from(workspace.of(story, (".tmx", ".tsx", ".tx", ".png"))),
                     label="file")
    original = workspace.files[path]
    raw = data.draw(mutated_image(original) if path.suffix == ".png" else mutated_xml(original),
                    label="content")
    path.write_bytes(raw)
    try:
        load_and_lint(story, 0, draw=True)
    finally:
        workspace.restore(path)
    budget.COUNTS["map inputs"] += 1
    budget.SECONDS["map inputs"] += time.perf_counter() - started


def test_the_corpus_is_whole_before_it_is_damaged(workspace) -> None:
    """Every story of the corpus loads as it is, so a damaged copy is the only difference."""
    for story in workspace.stories:
        loaded, diagnostics = load_story(story)
        assert loaded is not None, [d.format() for d in diagnostics]
        assert workspace.of(story, (".json",))
