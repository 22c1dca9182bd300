"""Where the game keeps its files, and how it writes them so that nothing is lost.

Every write goes to a temporary file in the same folder, is flushed and synced to disk, then
renamed over the old file (``os.replace`` is atomic), and the folder is synced where the system
allows it. A crash or power cut at any moment leaves either the old file or the new one, whole.

A file that cannot be read is never overwritten or deleted: ``move_aside`` renames it to
``<name>.damaged-<timestamp>`` beside the original.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "lowtide"
ENV_DATA_DIR = "LOWTIDE_DATA_DIR"
DAMAGED = ".damaged-"


@dataclass(frozen=True)
class DataDirs:
    """The places the game writes to: saves, settings (config), progress, and logs (the
    reports of failures, for the player to send)."""

    saves: Path
    config: Path
    progress: Path
    logs: Path

    @classmethod
    def under(cls, root: Path | str) -> DataDirs:
        """Everything in one folder (``--data-dir DIR``): DIR/saves, DIR/config, DIR/progress,
        DIR/logs."""
        root = Path(root).expanduser()
        return cls(root / "saves", root / "config", root / "progress", root / "logs")

    @classmethod
    def user(cls) -> DataDirs:
        """The user's own folders, as the platform names them (platformdirs)."""
        import platformdirs

        data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        logs = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
        return cls(data / "saves", config, data / "progress", logs)

    @classmethod
    def resolve(cls, data_dir: Path | str | None = None) -> DataDirs:
        """``data_dir`` if given, else ``$LOWTIDE_DATA_DIR`` if set, else the user's folders."""
        chosen = data_dir or os.environ.get(ENV_DATA_DIR)
        return cls.under(chosen) if chosen else cls.user()

    def folders(self) -> list[Path]:
        """Every folder the game writes files into: config, progress, and each story's saves."""
        out = [self.config, self.progress, self.saves]
        with contextlib.suppress(OSError):
            out += sorted(p for p in self.saves.iterdir() if p.is_dir() and not p.is_symlink())
        return out

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def progress_file(self) -> Path:
        return self.progress / "progress.json"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the old file stays whole until the new one is."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


#: the temporary files ``write_atomic`` makes for the game's own files (``mkstemp`` adds eight
#: characters): ``.auto.json.k3x_9q2a.tmp``, ``.slot-3.0123456789ab.png.k3x_9q2a.tmp``
LEFTOVER = re.compile(r"\.(?:settings|progress|auto|quick|slot-[1-9])"
                      r"(?:\.json|\.[0-9a-f]{12}\.png)\.[A-Za-z0-9_]{8}\.tmp\Z")
#: a temporary file this old is a leftover: a write takes well under a second
LEFTOVER_AGE = 600.0


def sweep_leftovers(folders: list[Path], *, older_than: float = LEFTOVER_AGE,
                    now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed write left behind (the process stopped between
    writing and renaming), and return them.

    Only ours (names ``write_atomic`` gives the game's own files, regular files of this user,
    not links), and only old enough that no live process can still be writing them.
    """
    now = time.time() if now is None else now
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not LEFTOVER.match(entry.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if not entry.is_file(follow_symlinks=False) or now - st.st_mtime < older_than \
                        or (uid is not None and st.st_uid != uid):
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def sync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable, where the system allows opening folders."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return  # Windows cannot open a folder; its renames are durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_aside(path: Path) -> Path | None:
    """Rename a damaged file to ``<name>.damaged-<timestamp>`` (never over another file).

    Returns the new path, or None when the file could not be moved (it is then left as it is).
    """
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        suffix = "" if n == 0 else f"-{n}"
        target = path.with_name(f"{path.name}{DAMAGED}{stamp}{suffix}")
        if target.exists():
            continue
        try:
            # os.link + unlink would refuse to overwrite too, but is not available everywhere;
            # the exists() check above is enough for one game writing its own folder.
            os.rename(path, target)
        except FileNotFoundError:
            return None
        except OSError:
            return None
        sync_folder(path.parent)
        return target
    return None


def set_aside(path: Path) -> list[Path]:
    """The files that ``move_aside`` made from ``path``, newest first."""
    path = Path(path)
    if not path.parent.is_dir():
        return []
    prefix = f"{path.name}{DAMAGED}"
    found = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    return sorted(found, key=lambda p: p.name, reverse=True)
