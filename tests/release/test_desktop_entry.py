"""The Linux menu entry that ``install-desktop.sh`` writes starts the game wherever its folder
is, whatever the folder's name holds: spaces, & | $ % " ' ` and backslashes are quoted as the
Desktop Entry Specification says (a quoted argument, % doubled, string escapes applied)."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT

LINUX = PROJECT / "release" / "linux"
ICONS = PROJECT / "release" / "icons"


def unescape_string(value: str) -> str:
    """A desktop entry's string value as read: \\s \\n \\t \\r \\\\ decoded."""
    out, i = [], 0
    codes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in codes:
            out.append(codes[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def exec_arguments(value: str) -> list[str]:
    """The arguments of an Exec value, read as the specification reads them."""
    text = unescape_string(value)
    args, current, i, quoted, started = [], [], 0, False, False
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
                current.append(text[i + 1])
                i += 1
            elif c == '"':
                quoted = False
            else:
                assert c not in '"`$', f"{c!r} must be escaped inside quotes: {value}"
                current.append(c)
        elif c == '"':
            quoted = started = True
        elif c == " ":
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            assert c not in "&|$;<>()`'\"\\*?#~", f"{c!r} must be quoted: {value}"
            current.append(c)
            started = True
        i += 1
    assert not quoted, f"unterminated quote: {value}"
    if started:
        args.append("".join(current))
    out = []
    for arg in args:
        assert "%" not in arg.replace("%%", ""), f"a lone % is a field code: {value}"
        out.append(arg.replace("%%", "%"))
    return out


def game_folder(parent: Path, name: str) -> Path:
    """What the standalone archive unpacks to, as far as the installer reads it."""
    folder = parent / name
    (folder / "icons").mkdir(parents=True)
    program = folder / "lowtide"
    program.write_text("#!/bin/sh\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    for png in ICONS.glob("lowtide-*.png"):
        shutil.copy2(png, folder / "icons" / png.name)
    for extra in ("lowtide.desktop", "install-desktop.sh"):
        shutil.copy2(LINUX / extra, folder / extra)
    return folder


NAMES = [
    "Low Tide",
    "Games & Toys | 100% \"fun\" it's $HOME",
    "back\\slash `tick` ; (x) * ? # ~ < >",
]


@pytest.mark.parametrize("name", NAMES)
def test_the_menu_entry_starts_the_program_in_a_folder_with_any_name(tmp_path: Path, name: str):
    folder = game_folder(tmp_path, name)
    share = tmp_path / "share"
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(share), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["sh", str(folder / "install-desktop.sh")], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 0, done.stderr
    entry = share / "applications" / "lowtide.desktop"
    lines = entry.read_text("utf-8").splitlines()
    keys = dict(line.split("=", 1) for line in lines if "=" in line)
    assert exec_arguments(keys["Exec"]) == [str(folder / "lowtide")]
    assert unescape_string(keys["Path"]) == str(folder)
    assert keys["Icon"] == "lowtide" and keys["Name"] == "Low Tide"
    assert len(lines) == len((LINUX / "lowtide.desktop").read_text().splitlines()) + 1
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_the_exec_reader_reads_the_specifications_own_examples():
    assert exec_arguments(r'"/opt/a b/x" --flag') == ["/opt/a b/x", "--flag"]
    assert exec_arguments(r'"/opt/\\$HOME/x"') == ["/opt/$HOME/x"]
    assert exec_arguments(r'"/opt/\\\\/x"') == ["/opt/\\/x"]
    assert exec_arguments('"/opt/100%%"') == ["/opt/100%"]
    with pytest.raises(AssertionError):
        exec_arguments("/opt/a&b/x")
