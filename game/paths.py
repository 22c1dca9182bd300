"""Where the game finds its bundled stories and assets."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent


def stories_dir() -> Path:
    """``$LOWTIDE_STORIES``, else ``stories/`` beside the package, else ``./stories``."""
    env = os.environ.get("LOWTIDE_STORIES")
    if env:
        return Path(env)
    bundled = PROJECT / "stories"
    return bundled if bundled.is_dir() else Path("stories")


def assets_dir() -> Path:
    return PROJECT / "assets"


def story_dirs() -> list[Path]:
    """Every folder of the stories directory that holds a story.json, flagship first."""
    root = stories_dir()
    if not root.is_dir():
        return []
    found = sorted(p for p in root.iterdir() if (p / "story.json").is_file())
    found.sort(key=lambda p: (p.name != DEFAULT_STORY, p.name))
    return found


DEFAULT_STORY = "low-tide"


def default_story() -> Path | None:
    dirs = story_dirs()
    return dirs[0] if dirs else None
