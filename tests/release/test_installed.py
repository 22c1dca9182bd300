"""The game pip-installed from its wheel into a fresh venv plays everything it bundles.

Each run starts from a working directory outside the checkout, with a HOME of its own and no
PYTHONPATH; a guard in the venv notes any file the game opens inside the checkout.
"""

from __future__ import annotations

import shutil

import pytest

from game import __version__
from tests.conftest import FIXTURES, STORIES
from tests.release.conftest import BUNDLED, FIRST_REPLIES, fingerprint, transcript

pytestmark = pytest.mark.slow


def test_version_is_the_installed_version(installed):
    done = installed.lowtide("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"lowtide {__version__}"
    meta = installed.python("-c", "import importlib.metadata as m; print(m.version('lowtide'))")
    assert meta.stdout.strip() == __version__


def test_the_game_finds_its_data_inside_the_installed_package(installed):
    done = installed.python("-c", "from game import paths; print(paths.data_dir())")
    data = done.stdout.strip()
    assert data == str(installed.package / "data")
    assert str(installed.venv) in data


@pytest.mark.parametrize("story", BUNDLED)
def test_the_text_player_plays_each_bundled_story_to_an_ending(installed, story, tmp_path):
    out = tmp_path / "run.json"
    done = installed.lowtide("play", "--text", story, "--transcript", out, stdin=FIRST_REPLIES,
                             cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    run = transcript(out)
    assert run["story"] == story and run["ending"] is not None, run["final_node"]
    assert "Ending: " in done.stdout


@pytest.mark.parametrize("story", BUNDLED)
def test_the_window_plays_each_bundled_story_to_an_ending(installed, story, tmp_path):
    out = tmp_path / "run.json"
    done = installed.lowtide("play", story, "--autoplay", "random", "--seed", "5",
                             "--transcript", out, "--screenshot-dir", tmp_path / "shots",
                             cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    run = transcript(out)
    assert run["story"] == story and run["ending"] is not None
    assert any("-ending-" in p.name for p in (tmp_path / "shots").iterdir())
    assert "warning" not in done.stderr.lower(), done.stderr  # fonts, art and sounds all found


def test_play_text_with_no_story_plays_the_flagship(installed, tmp_path):
    out = tmp_path / "run.json"
    done = installed.lowtide("play", "--text", "--transcript", out, stdin=FIRST_REPLIES)
    assert done.returncode == 0, done.stderr
    assert transcript(out)["story"] == "low-tide" and transcript(out)["ending"] is not None


def test_no_story_opens_the_title_screen(installed, tmp_path):
    script = tmp_path / "look.txt"
    script.write_text("wait-for title\nscreenshot title.png\nquit\n", "utf-8")
    done = installed.lowtide("--input-script", script, "--screenshot-dir", tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "title.png").stat().st_size > 10_000  # the shore, not a blank frame


def test_a_writers_story_loads_from_any_folder(installed, tmp_path):
    story = tmp_path / "my stories" / "tiny"
    shutil.copytree(FIXTURES / "valid" / "tiny", story)
    lint = installed.lowtide("lint", story)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    out = tmp_path / "run.json"
    done = installed.lowtide("play", "--text", story, "--transcript", out, stdin=FIRST_REPLIES)
    assert done.returncode == 0, done.stderr
    assert transcript(out)["ending"] is not None


def test_playing_never_writes_into_the_installed_package(installed, tmp_path):
    installed.lowtide("play", "sample", "--autoplay", "first", cwd=tmp_path)
    installed.lowtide("play", "--text", "sample", stdin=FIRST_REPLIES, cwd=tmp_path)
    assert fingerprint(installed.package) == installed.at_install
    kept = installed.home / ".local" / "share" / "lowtide"
    assert (kept / "saves" / "sample" / "auto.json").is_file()  # the saves went home


def test_the_writer_tools_never_write_into_the_installed_package(installed, tmp_path):
    """new-branch and edit on a bundled story's name: refused, with the copy to make; a copy
    made as it says takes the branch."""
    made = installed.lowtide("new-branch", "low-tide", "nook", "--from", "hall", cwd=tmp_path)
    assert made.returncode == 2 and "cp -r" in made.stderr, made.stderr
    assert installed.lowtide("edit", "low-tide", "--no-browser", cwd=tmp_path).returncode == 2
    assert fingerprint(installed.package) == installed.at_install
    shutil.copytree(installed.package / "data" / "stories" / "low-tide", tmp_path / "low-tide")
    made = installed.lowtide("new-branch", "./low-tide", "nook", "--from", "hall", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "low-tide" / "branches" / "nook.json").is_file()


def test_nothing_is_read_from_the_checkout(installed, tmp_path):
    installed.lowtide("play", "sample", "--autoplay", "first", cwd=tmp_path)
    installed.lowtide("lint", "low-tide")
    log = installed.guard_log
    assert not log.exists(), log.read_text("utf-8")[:2000]


def test_the_guard_would_notice_a_read_from_the_checkout(installed, tmp_path):
    log = tmp_path / "guard.log"
    installed.lowtide("lint", STORIES / "sample", guard_log=log)
    assert str(STORIES / "sample" / "story.json") in log.read_text("utf-8")


def test_the_installed_studio_serves_its_page(installed, tmp_path):
    """pip install carries the studio: its server, its page and the page's vendored code."""
    import re
    import subprocess
    import urllib.request

    story = tmp_path / "sample"
    shutil.copytree(STORIES / "sample", story)
    proc = subprocess.Popen([str(installed.bin / "lowtide"), "edit", str(story), "--no-browser"],
                            cwd=tmp_path, env=installed.env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=\S+", line)
        assert match, line
        with urllib.request.urlopen(match.group(0), timeout=30) as page:
            assert b"Low Tide studio" in page.read()
        vendor = f"http://127.0.0.1:{match.group(1)}/static/vendor/studio-vendor.js"
        with urllib.request.urlopen(vendor, timeout=30) as js:
            assert len(js.read()) > 100_000
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert (installed.package / "studio" / "static" / "vendor" / "licenses" / "cytoscape.LICENSE").is_file()
