"""Small builders for tool tests: a story folder written from a dict."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

BASE: dict[str, Any] = {
    "format": 1,
    "id": "t",
    "title": "T",
    "blurb": "A test story.",
    "authors": ["Tests"],
    "start": "a",
    "characters": {
        "you": {"name": "You", "pronouns": "she", "player": True},
        "partner": {"name": "Ben", "pronouns": "he"},
    },
    "variables": {},
    "dynamics": {"d": {"label": "D"}},
    "nodes": {},
}


def write_story(root: Path, nodes: dict[str, Any], **fields: Any) -> Path:
    """A story folder at ``root`` with these nodes (and top-level fields overridden)."""
    data = copy.deepcopy(BASE)
    data["nodes"] = nodes
    data.update(fields)
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return root


def ending(title: str = "End") -> dict[str, Any]:
    return {"text": title, "ending": {"title": title, "dynamic": "d", "debrief": "Why."}}
