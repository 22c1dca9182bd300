"""new-branch: a branch file that loads and lints clean, and every refusal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from game.cli import main
from game.tools.lint import lint_story
from tests.conftest import FIXTURES


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "lint" / "clean", root)
    return root


def test_new_branch_is_wired_in_and_lint_clean(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    assert main(["new-branch", str(root), "porch", "--from", "hello"]) == 0
    data = json.loads((root / "branches" / "porch.json").read_text())
    assert data["extend"]["hello"]["choices"][0]["to"] == "porch"
    assert data["nodes"]["porch"]["choices"][0]["to"] == "check"
    assert (root / "branches" / data["$schema"]).resolve().name == "branch.schema.json"
    # Nothing but the reminders to replace the two placeholder texts (LT513).
    found = sorted((d.code, d.pointer) for d in lint_story(root))
    assert found == [("LT513", "/extend/hello/choices/0/text"), ("LT513", "/nodes/porch/text")]


def test_refusals_exit_2_and_change_nothing(tmp_path: Path, capsys) -> None:
    root = _copy(tmp_path)
    assert main(["new-branch", str(root), "porch", "--from", "hello"]) == 0
    before = (root / "branches" / "porch.json").read_text()
    assert main(["new-branch", str(root), "porch", "--from", "hello"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (root / "branches" / "porch.json").read_text() == before
    assert main(["new-branch", str(root), "Bad Name", "--from", "hello"]) == 2
    assert main(["new-branch", str(root), "other", "--from", "helo"]) == 2
    assert "did you mean 'hello'?" in capsys.readouterr().err
    assert main(["new-branch", str(root), "other", "--from", "bye"]) == 2
    assert main(["new-branch", str(root), "other", "--from", "check"]) == 2
    assert main(["new-branch", str(root), "bye", "--from", "hello"]) == 2
    assert sorted(p.name for p in (root / "branches").iterdir()) == ["porch.json"]
