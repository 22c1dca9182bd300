"""The story model is pure: importing it never imports pygame, and it executes nothing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

STORY = Path(__file__).parents[2] / "game" / "story"


def test_importing_game_story_does_not_import_pygame() -> None:
    code = (
        "import sys, game.story, game.story.load, game.story.session, game.story.expr, "
        "game.story.transcript, game.story.maps; print('pygame' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_eval_or_exec_in_the_engine() -> None:
    banned = {"eval", "exec", "compile", "__import__"}
    for path in STORY.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in banned, f"{path}:{node.lineno}: {node.func.id}()"
