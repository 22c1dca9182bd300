"""What a player installs, built and installed as a player would get it, outside the checkout.

The wheel is built once per run by ``release/build.py`` (as ``make dist`` does) and installed
into a fresh venv in a temporary folder. Every run of the installed game gets an environment of
its own: a throwaway HOME (so saves and settings go where platformdirs puts them, there), the
dummy SDL drivers, no PYTHONPATH, and a working directory that is not the checkout.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PROJECT, STORIES

BUILD = PROJECT / "release" / "build.py"
BUNDLED = sorted(p.name for p in STORIES.iterdir() if (p / "story.json").is_file())
#: Enough "first reply" answers for the text player to reach an ending in every bundled story.
FIRST_REPLIES = "1\n" * 400

#: Loaded into the installed game's Python by a .pth file: it writes down every file or folder
#: the game opens or lists inside the checkout. The game must never need one.
GUARD = '''
import os, sys

_root = os.environ.get("LOWTIDE_GUARD_ROOT")
_log = os.environ.get("LOWTIDE_GUARD_LOG")
_events = {"open", "os.listdir", "os.scandir", "os.chdir", "glob.glob", "os.mkdir",
           "os.remove", "os.rename", "shutil.copyfile"}


def _hook(event, args):
    if event not in _events or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    path = os.path.abspath(os.fsdecode(os.fspath(args[0])))
    if path == _root or path.startswith(_root + os.sep):
        with open(_log, "a", encoding="utf-8") as out:
            out.write(f"{event} {path}\\n")


if _root and _log:
    sys.addaudithook(_hook)
'''


def build(what: str, out: Path, *extra: str, root: Path = PROJECT) -> subprocess.CompletedProcess:
    """``release/build.py WHAT --out OUT`` of the tree at ``root``, with its output kept."""
    done = subprocess.run([sys.executable, str(root / "release" / "build.py"), what,
                           "--out", str(out), *extra], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def only_wheel(folder: Path) -> Path:
    wheels = list(folder.glob("lowtide-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its relative path, with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_env(home: Path, path: str = os.defpath, **extra: str) -> dict[str, str]:
    """A player's environment: nothing from this test run, the checkout or its venv."""
    env = {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8",
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.update(extra)
    return env


def transcript(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


@dataclass
class Installed:
    """The game pip-installed from the wheel into a fresh venv, and a place to run it from."""

    venv: Path
    home: Path
    work: Path
    guard_log: Path
    package: Path = field(init=False)
    at_install: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        found = self.python("-c", "import game, os; print(os.path.dirname(game.__file__))")
        self.package = Path(found.stdout.strip())
        self.at_install = fingerprint(self.package)

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, guard_log: Path | None = None) -> dict[str, str]:
        return clean_env(self.home, f"{self.bin}{os.pathsep}{os.defpath}",
                         LOWTIDE_GUARD_ROOT=str(PROJECT),
                         LOWTIDE_GUARD_LOG=str(guard_log or self.guard_log))

    def lowtide(self, *args: object, stdin: str = "", cwd: Path | None = None,
                guard_log: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / "lowtide"), *map(str, args)], input=stdin,
                              cwd=cwd or self.work, env=self.env(guard_log),
                              capture_output=True, text=True, timeout=300)

    def python(self, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(self.bin / "python"), *args], cwd=self.work, env=self.env(),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done

    def install(self, wheel: Path) -> None:
        """``pip install`` over what is there: an upgrade when the wheel is newer."""
        pip_install(self.venv, wheel)


def pip_install(venv: Path, wheel: Path) -> None:
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", str(wheel)], cwd=venv.parent,
                         capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]


def fresh_install(root: Path, wheel: Path) -> Installed:
    """A new venv under ``root`` with ``wheel`` installed, and the checkout guard in place."""
    venv, home, work = root / "venv", root / "home", root / "work"
    home.mkdir(parents=True)
    work.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    site = subprocess.run([str(venv / "bin" / "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "_checkout_guard.py").write_text(GUARD, "utf-8")
    (Path(site) / "_checkout_guard.pth").write_text("import _checkout_guard\n", "utf-8")
    pip_install(venv, wheel)
    return Installed(venv, home, work, root / "read-from-checkout.log")


@pytest.fixture(scope="session")
def wheel_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build("wheel", out)
    return out


@pytest.fixture(scope="session")
def wheel(wheel_dir) -> Path:
    return only_wheel(wheel_dir)


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Installed:
    return fresh_install(tmp_path_factory.mktemp("installed"), wheel)
