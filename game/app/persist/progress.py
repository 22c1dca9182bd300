"""What the player has seen across every playthrough: nodes read, and endings discovered.

Kept per story, by node id, in one JSON file written atomically. "Skip text already seen" and
the flowchart read it; the endings gallery shows the endings found. A damaged file is set
aside (``progress.json.damaged-<timestamp>``) and the game carries on with what it can.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.app.persist import datafile
from game.app.persist.files import write_atomic

log = logging.getLogger("lowtide.persist")

FORMAT = 1


@dataclass
class StoryProgress:
    seen: set[str] = field(default_factory=set)
    endings: dict[str, str] = field(default_factory=dict)  # ending node id → first reached (ISO)

    def to_json(self) -> dict[str, Any]:
        return {"seen": sorted(self.seen), "endings": dict(sorted(self.endings.items()))}

    @classmethod
    def from_json(cls, raw: Any) -> StoryProgress:
        if not isinstance(raw, dict):
            return cls()
        seen = raw.get("seen")
        endings = raw.get("endings")
        return cls(
            {s for s in seen if isinstance(s, str)} if isinstance(seen, list) else set(),
            {k: v for k, v in endings.items() if isinstance(k, str) and isinstance(v, str)}
            if isinstance(endings, dict) else {},
        )


def _progress_shape(value: Any) -> str | None:
    if not isinstance(value, dict) or not isinstance(value.get("stories"), dict):
        return "not a progress file"
    return None


class Progress:
    """Seen nodes and discovered endings per story; ``save()`` writes only when changed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.stories: dict[str, StoryProgress] = {}
        self.message: str | None = None  # set when the file was damaged and set aside
        self.dirty = False
        self._load()

    def _load(self) -> None:
        loaded = datafile.load(self.path, "progress", _progress_shape)
        if loaded.damaged:
            self.message = ("The record of what you have read and the endings you found could "
                            f"not be read; it was kept as {loaded.kept_as(self.path)} and a new "
                            "one started.")
            return
        if loaded.value is None:
            return
        self.stories = {sid: StoryProgress.from_json(raw)
                        for sid, raw in loaded.value["stories"].items() if isinstance(sid, str)}

    def story(self, story_id: str) -> StoryProgress:
        found = self.stories.get(story_id)
        if found is None:
            found = self.stories[story_id] = StoryProgress()
        return found

    def seen(self, story_id: str) -> frozenset[str]:
        found = self.stories.get(story_id)
        return frozenset(found.seen) if found else frozenset()

    def has_seen(self, story_id: str, node_id: str) -> bool:
        found = self.stories.get(story_id)
        return found is not None and node_id in found.seen

    def endings(self, story_id: str) -> dict[str, str]:
        found = self.stories.get(story_id)
        return dict(found.endings) if found else {}

    def mark_seen(self, story_id: str, node_ids) -> bool:
        """Record nodes as read; True when anything was new."""
        mine = self.story(story_id)
        new = set(node_ids) - mine.seen
        if new:
            mine.seen |= new
            self.dirty = True
        return bool(new)

    def mark_ending(self, story_id: str, node_id: str, when: str) -> bool:
        """Record an ending as discovered; True the first time."""
        mine = self.story(story_id)
        self.mark_seen(story_id, [node_id])
        if node_id in mine.endings:
            return False
        mine.endings[node_id] = when
        self.dirty = True
        return True

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT,
                "stories": {sid: p.to_json() for sid, p in sorted(self.stories.items())}}

    def save(self) -> None:
        """Write the file atomically if anything changed (OSError is logged, not raised)."""
        if not self.dirty:
            return
        data = json.dumps(self.to_json(), indent=1, ensure_ascii=False)
        try:
            write_atomic(self.path, data.encode("utf-8"))
            self.dirty = False
        except OSError as err:
            log.warning("progress could not be written to %s: %s", self.path, err)
