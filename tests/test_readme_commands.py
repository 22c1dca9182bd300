"""The terminal commands README gives a player work as written: each ``lowtide play --text``
example (with no placeholder to fill in) starts, and stops cleanly at ``q``."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

COMMANDS = sorted({
    command for command in re.findall(r"`lowtide (play [^`]*--text[^`]*)`",
                                      (PROJECT / "README.md").read_text("utf-8"))
    if not re.search(r"\b[A-Z]{2,}\b", command)  # STORY, FILE: a placeholder, not a command
})


def test_readme_has_text_commands_to_try():
    assert any("--from" in c for c in COMMANDS) and len(COMMANDS) >= 3


@pytest.mark.parametrize("command", COMMANDS)
def test_a_readme_text_command_runs(command, tmp_path):
    result = subprocess.run([sys.executable, "-m", "game", *shlex.split(command),
                             "--data-dir", str(tmp_path / "data")],
                            input="q\n", capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "> q" in result.stdout
