"""A playthrough as JSON: what tools, tests and players keep of a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.story.session import Session


def build(session: Session) -> dict[str, Any]:
    """Top-level keys ``story``, ``steps`` and ``ending`` (null when none was reached)."""
    names = session.story.var_order
    ending = session.node.ending
    return {
        "story": session.story.id,
        "steps": [
            {
                "node": step.node,
                "choice": step.text,
                "choice_index": step.choice,
                "kind": step.kind,
                "variables": dict(zip(names, step.values)),
            }
            for step in session.steps
        ],
        "ending": None
        if ending is None
        else {
            "id": session.node_id,
            "title": session.render(ending.title_template),
            "dynamic": ending.dynamic,
        },
        "final_node": session.node_id,
        "variables": session.variables(),
    }


def write(session: Session, path: Path) -> None:
    """The transcript as a JSON file, written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(build(session), indent=2, ensure_ascii=False) + "\n", "utf-8")
    tmp.replace(path)
