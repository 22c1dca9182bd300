"""The studio sits beside the app, not on it: it never imports game.app (nor pygame), even
inside a function; the game window is another process."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

STUDIO = Path(__file__).parents[2] / "game" / "studio"


def test_no_module_of_the_studio_imports_the_app():
    for path in STUDIO.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("game.app", "pygame")), f"{path}:{node.lineno}: {name}"


def test_running_the_studio_loads_neither_the_app_nor_pygame():
    code = ("import sys, game.studio.server, game.studio.launch, game.studio.studio; "
            "print(any(m == 'pygame' or m.startswith('game.app') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
