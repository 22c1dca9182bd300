"""docs/input-scripts.md: its example, run as the page says, goes from the title through the
picker and the setup into the flagship and, with --autoplay first, on to an ending."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from tests.conftest import PROJECT

DOC = PROJECT / "docs" / "input-scripts.md"


def test_the_example_script_runs_as_the_page_says(tmp_path):
    text = DOC.read_text("utf-8")
    script = re.search(r"## Example\n\n```\n(.*?)```", text, re.S).group(1)
    command = re.search(r"`lowtide (--input-script run\.txt[^`]*)`", text).group(1).split()
    (tmp_path / "run.txt").write_text(script, "utf-8")
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run([sys.executable, "-m", "game", *command, "--data-dir", "data",
                           "--transcript", "run.json"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    run = json.loads((tmp_path / "run.json").read_text("utf-8"))
    assert run["story"] == "low-tide" and run["ending"] is not None
    assert [s["choice_index"] for s in run["steps"][:2]] == [0, 1]  # key 1, key 2
    assert {"title.png", "first-choice.png", "third-choice.png"} <= {
        p.name for p in tmp_path.iterdir()}
