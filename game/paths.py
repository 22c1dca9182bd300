"""Where the game finds its bundled stories, fonts, art and sounds.

They live inside the package (``game/data/``), so a wheel or a frozen build carries them, and
they are found through ``importlib.resources`` wherever the package was installed.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

DEFAULT_STORY = "low-tide"


def data_dir() -> Path:
    """The package's data folder (``game/data``), as a real folder on disk."""
    return Path(str(resources.files("game") / "data"))


def bundled_stories_dir() -> Path:
    """The stories that come with the game."""
    return data_dir() / "stories"


def stories_dir() -> Path:
    """``$LOWTIDE_STORIES`` if set (a folder of story folders), else the bundled stories."""
    env = os.environ.get("LOWTIDE_STORIES")
    return Path(env) if env else bundled_stories_dir()


def assets_dir() -> Path:
    """Fonts (``fonts/``), interface art (``art/``) and sounds (``sounds/``)."""
    return data_dir()


def story_dirs() -> list[Path]:
    """Every folder of the stories directory that holds a story.json, flagship first."""
    root = stories_dir()
    if not root.is_dir():
        return []
    found = sorted(p for p in root.iterdir() if (p / "story.json").is_file())
    found.sort(key=lambda p: (p.name != DEFAULT_STORY, p.name))
    return found


def default_story() -> Path | None:
    dirs = story_dirs()
    return dirs[0] if dirs else None


def resolve_story(arg: Path) -> Path:
    """A story argument as a folder: the path itself if it exists, else a bundled story's name.

    So ``lowtide play two-bars`` works from any folder, while ``./two-bars`` on disk still wins.
    """
    if arg.exists() or len(arg.parts) != 1:
        return arg
    bundled = bundled_stories_dir() / arg.name
    return bundled if (bundled / "story.json").is_file() else arg


def in_checkout() -> bool:
    """Whether the game runs from a source checkout (``game/`` beside ``pyproject.toml``), where
    the bundled stories are the project's own files, rather than from a wheel or a build."""
    return (Path(str(resources.files("game"))).parent / "pyproject.toml").is_file()


def installed_copy(folder: Path) -> bool:
    """A bundled story of an installed game: the game never writes in its own folder (an update
    replaces it, and with it whatever a writer wrote there), so writer tools copy it first."""
    if in_checkout():
        return False
    try:
        folder.resolve().relative_to(bundled_stories_dir().resolve())
    except ValueError:
        return False
    return True
