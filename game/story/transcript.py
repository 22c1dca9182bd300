"""A playthrough as JSON: what tools, tests and players keep of a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.story.session import Session, ShownLine


def _lines(lines: list[ShownLine]) -> list[dict[str, Any]]:
    return [{"speaker": line.speaker, "name": line.name, "text": line.text} for line in lines]


def build(session: Session) -> dict[str, Any]:
    """Top-level keys ``story``, ``seed``, ``steps`` (each with the ``lines`` read at its node
    and the choice made there), ``ending`` (null when none was reached; else with its
    ``lines``, ``title`` and ``debrief`` as read), ``turning_points``, ``final_node`` and
    ``variables``."""
    names = session.story.var_order
    ending = session.node.ending
    return {
        "story": session.story.id,
        "seed": session.seed,
        "steps": [
            {
                "node": step.node,
                "lines": _lines(session.lines_at(step.before)),
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
            "title": session.title(),
            "dynamic": ending.dynamic,
            "lines": _lines(session.lines()),
            "debrief": session.debrief(),
        },
        "turning_points": [t.to_json() for t in session.turning_points()],
        "final_node": session.node_id,
        "variables": session.variables(),
    }


def write(session: Session, path: Path) -> None:
    """The transcript as a JSON file, written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(build(session), indent=2, ensure_ascii=False) + "\n", "utf-8")
    tmp.replace(path)
