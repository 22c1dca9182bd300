"""LT520–LT529: what a scene's Tiled map holds that the game cannot draw, and sizes outside
sane bounds, each reported where it is in the .tmx (or .tsx) file.

The renderer reads maps with the same reader and refuses the same problems with the same
messages, so a map lint passes is a map the game draws.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.story.diagnostics import Diagnostic
from game.story.maps import diagnostics
from game.story.tiled import MapError, read_tmx
from game.tools.checks.base import Facts

CODES = tuple(f"LT5{n}" for n in range(20, 30))


def map_features(facts: Facts) -> Iterator[Diagnostic]:
    """Every problem of every map the scenes name, once per map file."""
    story = facts.story
    root = story.root.resolve()
    main = facts.main_file
    shown_root = main[: -len("story.json")] if main.endswith("story.json") else ""
    seen = set()
    for scene in story.scenes.values():
        if not scene.map:
            continue
        path = story.asset(scene.map).resolve()
        if path in seen:
            continue
        seen.add(path)
        try:
            reading = read_tmx(path, root)
        except MapError:
            continue  # a map that cannot be read at all stops the load (LT400–LT402)
        yield from diagnostics(reading.problems, root, shown_root)
