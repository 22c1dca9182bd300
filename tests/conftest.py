"""Shared test setup: headless SDL, and paths to fixtures and bundled stories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent
STORIES = PROJECT / "stories"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
