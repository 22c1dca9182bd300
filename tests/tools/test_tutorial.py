"""docs/writing-a-branch.md: its worked example is real, lints clean and explores, so the
tutorial cannot rot."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.story.diagnostics import ERROR
from game.story.load import load_or_raise, load_story
from game.tools.explore import explore
from game.tools.lint import lint_story
from tests.conftest import PROJECT, STORIES

DOC = PROJECT / "docs" / "writing-a-branch.md"
EXAMPLE = re.compile(
    r"<!-- example: (?P<file>branches/[a-z0-9_-]+\.json), grows from the node: (?P<node>[a-z0-9_-]+)"
    r" -->\s*```json\n(?P<body>.*?)```",
    re.S,
)


def _example() -> tuple[str, str, dict]:
    match = EXAMPLE.search(DOC.read_text(encoding="utf-8"))
    assert match, "the worked example block is missing from docs/writing-a-branch.md"
    return match["file"], match["node"], json.loads(match["body"])


def test_the_example_extends_the_node_the_doc_names() -> None:
    _, node, body = _example()
    assert node in body["extend"]
    assert f"--from {node}" in DOC.read_text(encoding="utf-8")


def test_the_example_lints_clean_and_explores_on_the_flagship(tmp_path: Path) -> None:
    flagship = STORIES / "low-tide"
    if load_story(flagship)[0] is None:
        pytest.skip("the flagship does not load at the moment")
    file, _, body = _example()
    root = tmp_path / "low-tide"
    shutil.copytree(flagship, root)
    (root / file).write_text(json.dumps(body, indent=2), encoding="utf-8")
    found = lint_story(root)
    assert not [d.format() for d in found if d.severity == ERROR]
    assert not [d.format() for d in found if d.file.endswith(file) and d.severity != "info"]
    story = load_or_raise(root)
    result = explore(story, max_states=20_000)
    for node in body["nodes"]:
        assert node not in result.unreached_nodes, node
    assert not result.stuck
