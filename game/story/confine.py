"""The one rule for every file a story names or its folder holds: it stays inside the folder.

Branch files, maps, the tilesets and images a map names, portraits, sprites and sounds are all
found through ``confine``, in lint, in play and in the tools, so a story can never make the
game read (or print) a file outside its folder. Each kind of refusal has its own code, so a
writer reads what is wrong and where:

- LT403: the name holds a NUL byte or another control character
- LT404: the name is absolute (``/etc/x``, ``\\\\server\\x``, ``C:\\x``)
- LT400: ``..`` climbs out of the story folder
- LT405: a symbolic link on the way leads out of the story folder (or loops)
- LT401: no such file inside the folder

The first four are decided from the name alone, before the file system is asked anything.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"[A-Za-z]:")


class Refused(Exception):
    """A name that does not lead to a usable file inside the story folder."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Confined:
    """A file inside the story folder: where it is, and its name relative to the folder."""

    path: Path
    relative: str


def shown(name: str) -> str:
    """A name as a message can quote it: control characters written out, and not too long."""
    text = "".join(f"\\x{ord(c):02x}" if _CONTROL.match(c) else c for c in name)
    return text if len(text) <= 120 else f"{text[:80]}…{text[-30:]}"


def relative_name(name: str, base: str = "", what: str = "file") -> str:
    """``name`` (relative to the folder ``base``, itself relative to the story folder) as a
    plain relative path inside the story folder; raises Refused for a name that cannot be one.

    Decided from the text alone: nothing on disk is looked at.
    """
    if not isinstance(name, str) or not name:
        raise Refused("LT401", f"{what} has no file name")
    if _CONTROL.search(name):
        raise Refused("LT403", f"{what} '{shown(name)}' holds a control character (a NUL byte or "
                               "a line break); a file name cannot")
    plain = name.replace("\\", "/")
    if plain.startswith("/") or _DRIVE.match(plain):
        raise Refused("LT404", f"{what} '{shown(name)}' is an absolute path; name the file relative "
                               "to the story folder")
    joined = posixpath.normpath(posixpath.join(base.replace("\\", "/"), plain)) if base \
        else posixpath.normpath(plain)
    if joined == ".." or joined.startswith("../"):
        raise Refused("LT400", f"{what} '{shown(name)}' leaves the story folder")
    if joined == ".":
        raise Refused("LT401", f"{what} '{shown(name)}' names a folder, not a file")
    return joined


def confine(root: Path, name: str, *, base: str = "", what: str = "file",
            must_exist: bool = True) -> Confined:
    """The file ``name`` names inside the story folder ``root`` (relative to its subfolder
    ``base``, as a map names its tilesets); raises Refused with the code for what is wrong.

    With ``must_exist``, the name must lead to a regular file; without, only the way to it
    must stay inside (for a file about to be written, or one whose absence is no error).
    """
    relative = relative_name(name, base, what)
    try:
        real_root = Path(os.path.realpath(root))
        target = Path(os.path.realpath(real_root / relative))
    except (OSError, RuntimeError, ValueError) as err:
        raise Refused("LT405", f"{what} '{shown(name)}' cannot be followed: {err}") from None
    if not target.is_relative_to(real_root):
        raise Refused("LT405", f"{what} '{shown(name)}' is a link that leads out of the "
                               "story folder")
    if must_exist:
        try:
            ok = target.is_file()
        except OSError as err:  # a name too long, a folder that cannot be read
            raise Refused("LT401", f"{what} '{shown(name)}' cannot be used: "
                                   f"{err.strerror or err}") from None
        if not ok:
            raise Refused("LT401", f"{what} '{shown(name)}' does not exist")
    return Confined(target, relative)


def names_file(name: str) -> bool:
    """Whether ``name`` is a file name (a path, or a name with an extension) rather than a bare
    name such as a loop the game brings (``"evening"``)."""
    return any(c in name for c in "/\\.") or bool(_CONTROL.search(name))


def inside(root: Path, name: str, *, base: str = "", must_exist: bool = True) -> Path | None:
    """The file inside ``root`` that ``name`` names, or None when it is refused (or missing,
    with ``must_exist``): for the window, which draws a placeholder rather than reporting."""
    try:
        return confine(root, name, base=base, must_exist=must_exist).path
    except Refused:
        return None
