"""Helpers for driving the real game loop headless (SDL dummy drivers, set in tests/conftest)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame
import pytest

from game.app import run
from game.cli import build_parser
from game.tools.lint import load_linted

PROJECT = Path(__file__).resolve().parents[2]
STORIES = PROJECT / "game" / "data" / "stories"
FIXTURES = PROJECT / "tests" / "fixtures"

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def args_for(*argv: str):
    return build_parser().parse_args(["play", *map(str, argv)])


def prepare(*argv: str) -> run.Prepared:
    """A window ready to run, exactly as ``lowtide play ARGV`` would build it."""
    ready = run.prepare(args_for(*argv), check=load_linted)
    assert not isinstance(ready, int), f"could not start: exit {ready}"
    run.start(ready)
    return ready


def run_to_end(ready: run.Prepared) -> int:
    try:
        return ready.app.run()
    finally:
        if ready.recorder.transcript is not None and ready.recorder.session is not None:
            ready.recorder.write_transcript()


def frames(app, n: int) -> None:
    for _ in range(n):
        app.frame()


def key(k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))


def click(pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))


@pytest.fixture
def stories_root(tmp_path, monkeypatch) -> Path:
    """A stories folder holding the sample and Two Bars for the title and picker: Two Bars
    linked, the sample copied without its writers' sample flag, so players are offered it."""
    root = tmp_path / "stories"
    root.mkdir()
    (root / "two-bars").symlink_to(STORIES / "two-bars", target_is_directory=True)
    sample = copy_story(STORIES / "sample", root / "sample")
    text = (sample / "story.json").read_text("utf-8")
    (sample / "story.json").write_text(text.replace('"sample": true,', ""), "utf-8")
    monkeypatch.setenv("LOWTIDE_STORIES", str(root))
    return root


def copy_story(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest
