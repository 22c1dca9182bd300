"""`lowtide edit STORY`: start the studio on 127.0.0.1, print its address, open a browser.

The game window for "play from here" is another process (``lowtide play STORY --dev --from
NODE --set NAME=VALUE``), so the studio never imports the app and a crash in one leaves the
other running.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
import subprocess
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

from game.studio.project import EditError
from game.studio.studio import Studio

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def window_command(root: Path, node: str | None = None, values: dict[str, Any] | None = None,
                   name: str | None = None, pronouns: str | None = None) -> list[str]:
    """The command that plays the story in the game window in developer mode."""
    cmd = [sys.executable, "-m", "game", "play", str(root), "--dev"]
    if node:
        cmd += ["--from", node]
    for key, value in (values or {}).items():
        if value not in ("", None):
            text = str(value).lower() if isinstance(value, bool) else str(value)
            cmd += ["--set", f"{key}={text}"]
    if name:
        cmd += ["--name", name]
    if pronouns:
        cmd += ["--pronouns", pronouns]
    return cmd


class WindowLauncher:
    """Starts the game window; says what went wrong if it stops at once."""

    def __init__(self, root: Path, extra: list[str] | None = None) -> None:
        self.root = root
        self.extra = extra or []
        self.processes: list[subprocess.Popen] = []

    def __call__(self, node: str | None = None, values: dict[str, Any] | None = None,
                 name: str | None = None, pronouns: str | None = None) -> dict[str, Any]:
        cmd = window_command(self.root, node, values, name, pronouns) + self.extra
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL)
        except OSError as err:
            raise EditError(f"cannot start the game: {err}") from None
        self.processes.append(proc)
        try:
            proc.wait(timeout=1.5)
        except subprocess.TimeoutExpired:
            return {"started": True, "pid": proc.pid, "command": cmd[1:]}
        err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
        if proc.returncode == 0:
            return {"started": True, "pid": proc.pid, "command": cmd[1:], "ended": True}
        raise EditError(err.splitlines()[-1] if err else f"the game stopped (exit {proc.returncode})")


def free_socket(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (``port`` 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def run_edit(story: Path, *, port: int = 0, browser: bool = True) -> int:
    """Serve the studio until Ctrl+C; exit 2 when ``story`` is not a story folder."""
    import uvicorn

    from game.studio.server import StudioApp

    root = Path(story)
    if root.is_file() and root.name == "story.json":
        root = root.parent
    if not (root / "story.json").is_file():
        print(f"lowtide edit: no story.json in {story}: give a story folder or a bundled "
              "story's name", file=sys.stderr)
        return EXIT_USAGE
    try:
        sock = free_socket(port)
    except OSError as err:
        print(f"lowtide edit: cannot listen on port {port}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    studio = Studio(root)
    app = StudioApp(studio, token, [f"127.0.0.1:{port}", f"localhost:{port}"],
                    launch_window=WindowLauncher(root))
    url = f"http://127.0.0.1:{port}/?token={token}"
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    print(f"Low Tide studio for {root}: {url}", flush=True)
    print("Keep this running while you write; Ctrl+C stops it.", flush=True)
    if browser:
        threading.Timer(0.3, lambda: webbrowser.open(url)).start()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(server.serve(sockets=[sock]))
    unsaved = studio.project.dirty()
    if unsaved:
        print(f"lowtide edit: unsaved changes were not written: {', '.join(unsaved)}",
              file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK
