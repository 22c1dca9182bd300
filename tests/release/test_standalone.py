"""The standalone build (PyInstaller, one folder) runs on a machine without Python.

It is built as ``make dist`` builds it, unpacked from its .tar.gz into a folder outside the
checkout, and run with an environment holding nothing but HOME and the dummy SDL drivers: no
PATH (so no python to find) and no PYTHONPATH.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile

import pytest

from game import __version__
from release.build import size_budget
from tests.release.conftest import FIRST_REPLIES, build, clean_env, fingerprint, transcript

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build"),
]

NEEDS = ("objdump", "objcopy", "strip")



@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    """The archive ``release/build.py standalone`` made, unpacked where a player would."""
    missing = [tool for tool in NEEDS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"PyInstaller needs {' and '.join(missing)}: install Debian's binutils "
                    "package (apt-get install binutils)")
    out = tmp_path_factory.mktemp("standalone")
    build("standalone", out, "--work", str(out / "work"))
    archives = list(out.glob(f"lowtide-{__version__}-linux-*.tar.gz"))
    assert len(archives) == 1, list(out.iterdir())
    player = tmp_path_factory.mktemp("player")
    with tarfile.open(archives[0]) as tf:
        tf.extractall(player, filter="data")
    folder = player / "lowtide"
    return folder, fingerprint(folder), archives[0].stat().st_size


def run(folder, *args, home, stdin="", **env):
    return subprocess.run([str(folder / "lowtide"), *map(str, args)], input=stdin,
                          cwd=home, env=clean_env(home, path="", **env), capture_output=True,
                          text=True, timeout=300)


def test_the_window_plays_to_an_ending_headless(unpacked, tmp_path):
    folder, _, _ = unpacked
    out = tmp_path / "run.json"
    done = run(folder, "--autoplay", "random", "--seed", "3", "--transcript", out,
               home=tmp_path)
    assert done.returncode == 0, done.stderr
    played = transcript(out)
    assert played["story"] == "low-tide" and played["ending"] is not None
    assert len(played["steps"]) >= 3 and played["final_node"] == played["ending"]["id"]
    assert "warning" not in done.stderr.lower(), done.stderr
    assert (tmp_path / ".local" / "share" / "lowtide" / "saves" / "low-tide" / "auto.json")\
        .is_file()


def test_the_text_player_and_the_version(unpacked, tmp_path):
    folder, _, _ = unpacked
    done = run(folder, "play", "--text", "two-bars", home=tmp_path, stdin=FIRST_REPLIES)
    assert done.returncode == 0, done.stderr
    assert "Ending: " in done.stdout
    version = run(folder, "--version", home=tmp_path)
    assert version.stdout.strip() == f"lowtide {__version__}"


def test_it_keeps_to_the_size_budget_in_readme_and_carries_its_licences(unpacked):
    folder, _, archive = unpacked
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    folder_mb, archive_mb = size_budget()  # what README says
    assert size < folder_mb * 1_000_000, f"the folder is {size / 1e6:.1f} MB"
    assert archive < archive_mb * 1_000_000, f"the archive is {archive / 1e6:.1f} MB"
    # one zstandard backend, the one CPython imports
    assert list((folder / "_internal" / "zstandard").glob("backend_c*"))
    assert not list((folder / "_internal" / "zstandard").glob("_cffi*"))
    licences = folder / "licenses"
    listed = (licences / "README.md").read_text("utf-8")
    for name in ("LICENSE-lowtide.txt", "LICENSE-python.txt", "pygame-ce.txt"):
        assert (licences / name).is_file() and name in listed
    assert len(list(folder.rglob("OFL.txt"))) == 3
    assert not list(folder.rglob("tests")) and not list(folder.rglob("bench"))


def test_the_desktop_entry_installs_for_the_user(unpacked, tmp_path):
    folder, _, _ = unpacked
    share = tmp_path / "share"
    done = subprocess.run(["sh", str(folder / "install-desktop.sh")], capture_output=True,
                          text=True, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(share),
                                          "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    entry = (share / "applications" / "lowtide.desktop").read_text("utf-8")
    assert f'Exec="{folder}/lowtide"' in entry and "Icon=lowtide" in entry
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "lowtide.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" /
                                                             "lowtide.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    subprocess.run(["sh", str(folder / "install-desktop.sh"), "--uninstall"], check=True,
                   capture_output=True, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(share),
                                             "PATH": "/usr/bin:/bin"})
    assert not (share / "applications" / "lowtide.desktop").exists()


def test_playing_never_writes_into_the_game_folder(unpacked, tmp_path):
    folder, before, _ = unpacked
    run(folder, "play", "sample", "--autoplay", "first", home=tmp_path)
    assert fingerprint(folder) == before
