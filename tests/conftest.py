"""Shared test setup: headless SDL, and paths to fixtures and bundled stories."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests run on shared, sometimes loaded machines (and CI's): no per-example deadline,
# which a busy machine turns into failures that say nothing about the code, and no complaint
# about a strategy being slow for the same reason. Counts stay as each test sets them.
settings.register_profile(
    "lowtide", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "lowtide"))

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Saves, settings and progress of tests go to a throwaway folder, never the user's.
os.environ.setdefault("LOWTIDE_DATA_DIR", tempfile.mkdtemp(prefix="lowtide-tests-"))

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent
STORIES = PROJECT / "game" / "data" / "stories"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path_factory, monkeypatch):
    """Each test keeps its saves, settings and progress in a folder of its own."""
    monkeypatch.setenv("LOWTIDE_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def fresh_pygame():
    """pygame started fresh for a test that drives the window, and stopped after it."""
    import pygame

    pygame.init()
    pygame.event.clear()
    yield
    pygame.quit()
