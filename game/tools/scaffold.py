"""`lowtide new-branch`: a new branch file, ready to fill in, that already passes lint.

The file adds one choice to an existing node (through ``extend``) leading to the branch's first
node, whose one choice goes back to where the existing node led, so the story stays whole
from the first save.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from game.story.diagnostics import ERROR, format_text
from game.story.load import BRANCH_DIR, load_story
from game.story.model import Story
from game.story.validate import suggest
from game.tools.checks.slips import PLACEHOLDER_NODE, PLACEHOLDER_REPLY
from game.tools.lint import lint_story

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_NAME = re.compile(r"[a-z][a-z0-9_-]*\Z")
SCHEMA = Path(__file__).resolve().parent.parent / "story" / "schema" / "branch.schema.json"


class ScaffoldError(ValueError):
    """A request that cannot be honoured; ``status`` is the exit code to report it with."""

    def __init__(self, message: str, status: int = EXIT_USAGE):
        super().__init__(message)
        self.status = status


def branch_document(story: Story, name: str, node_id: str, schema: str) -> dict[str, Any]:
    """The JSON of the new branch: one new node, one choice added to ``node_id``."""
    node = story.nodes[node_id]
    back = node.choices[0].to
    return {
        "$schema": schema,
        "format": 1,
        "nodes": {
            name: {
                "text": PLACEHOLDER_NODE,
                "choices": [{"text": "Carry on.", "to": back}],
            }
        },
        "extend": {
            node_id: {"choices": [{"text": PLACEHOLDER_REPLY.format(name=name), "to": name}]}
        },
    }


def check_request(story: Story, root: Path, name: str, node_id: str) -> Path:
    """The path to write, or ScaffoldError explaining why not."""
    if not _NAME.match(name):
        raise ScaffoldError(
            f"'{name}' is not a usable name: lower-case letters, digits, '-' and '_', "
            "starting with a letter (for example porch-light)"
        )
    target = root / BRANCH_DIR / f"{name}.json"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; pick another name (nothing was changed)")
    if name in story.nodes:
        raise ScaffoldError(f"the story already has a node '{name}'; pick another name")
    node = story.nodes.get(node_id)
    if node is None:
        raise ScaffoldError(f"--from: no node '{node_id}'{suggest(node_id, list(story.nodes))}")
    if node.is_ending:
        raise ScaffoldError(f"--from: '{node_id}' is an ending; endings have no choices")
    if node.is_route:
        raise ScaffoldError(
            f"--from: '{node_id}' is a route (it has no choices); pick a node the player sees"
        )
    if not node.choices:
        raise ScaffoldError(f"--from: '{node_id}' has no choices to lead back to")
    return target


def new_branch(root: Path, name: str, node_id: str) -> Path:
    """Write the branch file and return its path; ScaffoldError when it cannot."""
    story, diagnostics = load_story(root)
    if story is None:
        raise ScaffoldError(
            "the story does not load, so no branch was added:\n" + format_text(diagnostics),
            EXIT_ERRORS,
        )
    target = check_request(story, root, name, node_id)
    schema = Path(os.path.relpath(SCHEMA, (root / BRANCH_DIR).resolve())).as_posix()
    document = branch_document(story, name, node_id, schema)
    target.parent.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": never overwrite
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return target


def run_new_branch(root: Path, name: str, node_id: str) -> int:
    try:
        target = new_branch(root, name, node_id)
    except ScaffoldError as err:
        print(f"lowtide new-branch: {err}", file=sys.stderr)
        return err.status
    except FileExistsError:
        print(f"lowtide new-branch: branches/{name}.json already exists", file=sys.stderr)
        return EXIT_USAGE
    mine = [d for d in lint_story(root) if d.file.endswith(f"{BRANCH_DIR}/{name}.json")]
    print(f"wrote {target}")
    print(f"  '{node_id}' has a new choice leading to '{name}', which leads back on.")
    print("  Next: write the texts, add nodes, then run")
    print(f"    lowtide lint {root}")
    print(f"    lowtide explore {root}")
    if any(d.severity == ERROR for d in mine):
        print(format_text(mine), file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK
