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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from game.studio.project import EditError
from game.studio.server import StudioApp
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
    """Starts the game window, and says what went wrong when it stops with an error: at once
    (the answer to the page's request is the reason), or later, once the page was told it
    opened (``on_stop`` hears the reason then, from a thread of its own)."""

    WAIT = 1.5  # seconds to wait for a game that stops at once
    KEEP = 16_384  # characters of the game's error output kept

    def __init__(self, root: Path, extra: list[str] | None = None,
                 command: Callable[..., list[str]] = window_command,
                 on_stop: Callable[[str, str | None], None] | None = None) -> None:
        self.root = root
        self.extra = extra or []
        self.command = command
        self.on_stop = on_stop
        self.processes: list[subprocess.Popen] = []

    def __call__(self, node: str | None = None, values: dict[str, Any] | None = None,
                 name: str | None = None, pronouns: str | None = None) -> dict[str, Any]:
        cmd = self.command(self.root, node, values, name, pronouns) + self.extra
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL)
        except OSError as err:
            raise EditError(f"cannot start the game: {err}") from None
        self.processes.append(proc)
        lock, ended = threading.Lock(), threading.Event()
        outcome: dict[str, Any] = {}

        def watch() -> None:
            # the error output is read as it comes (a full pipe would stop the game), its
            # tail kept; then whoever is still waiting hears how the game ended
            tail = ""
            assert proc.stderr is not None
            for chunk in iter(lambda: proc.stderr.read1(4096), b""):
                tail = (tail + chunk.decode("utf-8", "replace"))[-self.KEEP:]
            code = proc.wait()
            with lock:
                outcome.update(code=code, err=tail)
                late = outcome.get("answered", False)
            ended.set()
            if late and code != 0 and self.on_stop is not None:
                self.on_stop(failure(tail, code, late=True), node)

        threading.Thread(target=watch, daemon=True, name="lowtide-game-window").start()
        ended.wait(self.WAIT)
        with lock:
            if "code" not in outcome:
                outcome["answered"] = True
                return {"started": True, "pid": proc.pid, "command": cmd[1:]}
        if outcome["code"] == 0:
            return {"started": True, "pid": proc.pid, "command": cmd[1:], "ended": True}
        raise EditError(failure(outcome["err"], outcome["code"]))


#: What the game tells a player in a terminal to do instead; in the studio the page says what.
_TERMINAL_ADVICE = ("Play in the terminal instead", "Run it in the terminal")
_MAX_REASON = 700


def failure(stderr: str, code: int, late: bool = False) -> str:
    """Why the game window stopped at once, whole, with the studio's own advice: the game's
    lines without their ``lowtide:`` prefix and without the advice meant for a terminal (a
    traceback, which the window should never print, is cut to its last line)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        lines = lines[-1:]
    kept = [line.removeprefix("lowtide: ") for line in lines
            if not line.startswith(_TERMINAL_ADVICE)]
    reason = ""
    for line in kept:
        reason += ("" if not reason else " " if reason.endswith((".", ":", ";")) else "; ") + line
    reason = reason or f"it stopped at once (exit {code}) without saying why"
    if len(reason) > _MAX_REASON:
        reason = reason[: _MAX_REASON - 1].rstrip() + "…"
    if not reason.endswith((".", "!", "?", "…")):
        reason += "."
    what = "The game window stopped" if late else "The game window did not open"
    return (f"{what}: {reason} Preview from here (T) plays the story as text in this page "
            "meanwhile.")


class StudioServer(uvicorn.Server):
    """Uvicorn, ending the page's open long polls as soon as it begins to stop (Ctrl+C), so
    every request has its answer before the connections close and nothing is cancelled."""

    def __init__(self, config: uvicorn.Config, app: StudioApp) -> None:
        super().__init__(config)
        self.studio_app = app

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.studio_app.begin_shutdown()
        await super().shutdown(sockets)


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
    launcher = WindowLauncher(root)
    app = StudioApp(studio, token, [f"127.0.0.1:{port}", f"localhost:{port}"],
                    launch_window=launcher)
    launcher.on_stop = app.game_stopped
    url = f"http://127.0.0.1:{port}/?token={token}"
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=3)
    server = StudioServer(config, app)
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
