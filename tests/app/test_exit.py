"""`lowtide play` exit codes and messages, run as a person would run it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.app.conftest import FIXTURES, PROJECT, STORIES


def lowtide(*argv, env_extra=None, drop=()):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.update(env_extra or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run([sys.executable, "main.py", "play", *map(str, argv)], cwd=PROJECT,
                          env=env, capture_output=True, text=True, timeout=120)


def test_a_broken_story_exits_1_with_its_errors():
    done = lowtide(FIXTURES / "bad" / "LT200-dangling-target", "--autoplay", "first")
    assert done.returncode == 1
    assert "LT200" in done.stderr and "Traceback" not in done.stderr


def test_max_frames_without_an_ending_exits_1():
    done = lowtide(STORIES / "sample", "--autoplay", "first", "--max-frames", "20")
    assert done.returncode == 1
    assert "no ending was reached within 20 frames" in done.stderr


def test_a_bad_input_script_exits_2(tmp_path):
    script = tmp_path / "bad.txt"
    script.write_text("wait 5\njump 3\n", "utf-8")
    done = lowtide("--input-script", script)
    assert done.returncode == 2
    assert "bad.txt:2: unknown command 'jump'" in done.stderr


def test_no_display_points_to_the_text_player():
    done = lowtide(drop=("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"))
    assert done.returncode == 1
    assert "no display" in done.stderr and "lowtide play --text" in done.stderr


def test_the_module_entry_point_plays_to_an_ending_and_exits_0():
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run([sys.executable, "-m", "game", "play", str(STORIES / "sample"),
                           "--autoplay", "validate,space", "--seed", "1"], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
