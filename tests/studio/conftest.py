"""Studio tests: a copy of the sample story to edit, so the bundled one never changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import STORIES


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the sample story ("The Kettle")."""
    target = tmp_path / "sample"
    shutil.copytree(STORIES / "sample", target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a story folder, as bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
