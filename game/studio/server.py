"""The studio over HTTP: a Starlette app on 127.0.0.1 that only its own page may use.

Every request must name this machine as its host (``127.0.0.1:PORT`` or ``localhost:PORT``),
so a page served from elsewhere cannot reach the studio through DNS rebinding; a request from
a browser page must come from the studio's own origin; and everything that reads or writes the
story carries the random token printed with the address (``?token=`` for the page, the
``X-Studio-Token`` header for its requests). Requests from other pages cannot set that header
without a preflight the studio never grants.

Changes the page did not ask for arrive by long polling ``/api/events``: the debounced lint of
the whole story, and files changed on disk by another program.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from game import paths
from game.studio import heat
from game.studio.checks import lint_texts
from game.studio.project import EditError
from game.studio.studio import Studio

log = logging.getLogger("lowtide.studio")

STATIC = Path(__file__).parent / "static"
LINT_DELAY = 0.25  # seconds of quiet after an edit before the whole story is linted, at least
LINT_DELAY_MAX = 4.0
POLL_WAIT = 20.0  # seconds a long poll waits for news
TOKEN_HEADER = "x-studio-token"


@dataclass
class Events:
    """News for the page, numbered; a long poll waits for any number above its own."""

    items: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    seq: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def publish(self, event: dict[str, Any]) -> None:
        self.seq += 1
        self.items.append((self.seq, event))
        del self.items[:-50]
        self.changed.set()
        self.changed = asyncio.Event()

    async def after(self, seq: int, wait: float) -> tuple[int, list[dict[str, Any]]]:
        if seq >= self.seq:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.changed.wait(), wait)
        return self.seq, [e for n, e in self.items if n > seq]


class StudioApp:
    """The routes, the checks on every request, and the background work of one studio."""

    def __init__(self, studio: Studio, token: str, hosts: list[str],
                 launch_window: Callable[..., dict[str, Any]] | None = None,
                 watch: bool = True) -> None:
        self.studio = studio
        self.token = token
        self.hosts = set(hosts)
        self.origins = {f"http://{h}" for h in hosts}
        self.launch_window = launch_window
        self.watch = watch
        self.events: Events | None = None
        self.stop: asyncio.Event | None = None
        self.tasks: list[asyncio.Task] = []
        routes = [
            Route("/", self.index),
            Route("/api/state", self.state),
            Route("/api/node/{node_id}", self.node),
            Route("/api/edit", self.edit, methods=["POST"]),
            Route("/api/undo", self.undo, methods=["POST"]),
            Route("/api/redo", self.redo, methods=["POST"]),
            Route("/api/save", self.save, methods=["POST"]),
            Route("/api/settle", self.settle, methods=["POST"]),
            Route("/api/positions", self.positions, methods=["POST"]),
            Route("/api/warning/{node_id}", self.warning),
            Route("/api/events", self.poll),
            Route("/api/heat", self.heat, methods=["POST"]),
            Route("/api/preview", self.preview, methods=["POST"]),
            Route("/api/play", self.play, methods=["POST"]),
            Route("/api/cast", self.cast, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
            Mount("/fonts", StaticFiles(directory=paths.data_dir() / "fonts"), name="fonts"),
        ]
        self.app = Starlette(routes=routes, lifespan=self.lifespan)
        self.lint_wanted: asyncio.Event | None = None

    # -- the ASGI entry, with the checks every request passes ------------------------------------

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http":
            problem = self._refuse(scope)
            if problem is not None:
                await PlainTextResponse(problem, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refuse(self, scope: dict) -> str | None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if headers.get("host") not in self.hosts:
            return "This studio answers only at the address lowtide edit printed."
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return "Requests from other pages are refused."
        path = scope.get("path", "")
        if path == "/" or path.startswith("/api/"):
            given = headers.get(TOKEN_HEADER)
            if given is None and path == "/":
                from urllib.parse import parse_qs

                given = (parse_qs(scope.get("query_string", b"").decode()).get("token") or [None])[0]
            if given is None or not hmac.compare_digest(given, self.token):
                return "Open the studio with the address lowtide edit printed (it holds the key)."
        return None

    # -- life ---------------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette):
        self.events = Events()
        self.stop = asyncio.Event()
        self.lint_wanted = asyncio.Event()
        self.lint_wanted.set()  # the first lint, as soon as the page can be served
        self.tasks = [asyncio.create_task(self._linter())]
        if self.watch:
            self.tasks.append(asyncio.create_task(self._watcher()))
        try:
            yield
        finally:
            self.stop.set()
            for task in self.tasks:
                task.cancel()
            for task in self.tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    def _changed(self) -> None:
        if self.lint_wanted is not None:
            self.lint_wanted.set()

    async def _linter(self) -> None:
        assert self.lint_wanted is not None and self.events is not None
        loop = asyncio.get_running_loop()
        delay = LINT_DELAY
        while True:
            await self.lint_wanted.wait()
            # a pause in typing as long as a lint takes, so a large story's lint never runs
            # under the keystrokes (it shares the interpreter with the quick lint)
            self.lint_wanted.clear()
            await asyncio.sleep(delay)
            while self.lint_wanted.is_set():
                self.lint_wanted.clear()
                await asyncio.sleep(delay)
            started = loop.time()
            version, texts = self.studio.lint_input()
            try:
                story, found = await loop.run_in_executor(None, lint_texts, self.studio.root, texts)
            except Exception:  # a bug in a check must not stop the studio
                log.exception("lint failed")
                continue
            delay = min(LINT_DELAY_MAX, max(LINT_DELAY, 1.5 * (loop.time() - started)))
            self.studio.lint_done(version, story, found)
            self.events.publish({"type": "lint", "version": version,
                                 "findings": [f.to_json() for f in found]})

    async def _watcher(self) -> None:
        import watchfiles

        assert self.events is not None and self.stop is not None
        root = self.studio.root.resolve()

        def story_file(change: watchfiles.Change, path: str) -> bool:
            p = Path(path)
            return p.suffix == ".json" and (p.parent == root or p.parent == root / "branches") \
                and not p.name.startswith(".")

        async for batch in watchfiles.awatch(root, watch_filter=story_file, stop_event=self.stop,
                                             debounce=200, step=50):
            for rel in sorted({Path(p).resolve().relative_to(root).as_posix() for _, p in batch}):
                outcome = self.studio.project.check_disk(rel)
                if outcome == "same":
                    continue
                self.events.publish({"type": "disk", "file": rel, "outcome": outcome,
                                     **self.studio.after_change(None)})
                self._changed()

    # -- routes -----------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def state(self, request: Request) -> Response:
        return JSONResponse(self.studio.state())

    async def node(self, request: Request) -> Response:
        return self._answer(lambda: self.studio.node(request.path_params["node_id"]))

    async def warning(self, request: Request) -> Response:
        return self._answer(lambda: self.studio.rename_warning(request.path_params["node_id"]))

    async def edit(self, request: Request) -> Response:
        body = await request.json()
        return self._answer(lambda: self.studio.edit(
            body.get("ops", []), str(body.get("label", "edit")), body.get("coalesce"), body.get("focus")
        ), changed=True)

    async def undo(self, request: Request) -> Response:
        body = await request.json()
        return self._answer(lambda: self.studio.undo(body.get("focus")), changed=True)

    async def redo(self, request: Request) -> Response:
        body = await request.json()
        return self._answer(lambda: self.studio.redo(body.get("focus")), changed=True)

    async def save(self, request: Request) -> Response:
        return self._answer(self.studio.save)

    async def settle(self, request: Request) -> Response:
        body = await request.json()
        return self._answer(lambda: self.studio.settle(body["file"], body["keep"]), changed=True)

    async def positions(self, request: Request) -> Response:
        body = await request.json()
        return self._answer(lambda: self.studio.move_cards(body.get("positions", {})) or {"ok": True})

    async def poll(self, request: Request) -> Response:
        assert self.events is not None
        after = int(request.query_params.get("after", "0"))
        wait = min(float(request.query_params.get("wait", POLL_WAIT)), POLL_WAIT)
        seq, items = await self.events.after(after, wait)
        return JSONResponse({"seq": seq, "events": items})

    async def heat(self, request: Request) -> Response:
        body = await request.json()
        story = self.studio.story
        if story is None:
            return JSONResponse({"error": "the story has errors: heat needs a story that loads"},
                                status_code=400)
        runs = max(1, min(int(body.get("runs", heat.RUNS)), 20_000))
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(None, lambda: heat.measure(story, runs=runs))
        return JSONResponse({**result, "version": self.studio.story_version})

    async def preview(self, request: Request) -> Response:
        body = await request.json()
        action = body.get("action", "start")
        s = self.studio
        if action == "start":
            return self._answer(lambda: s.preview_start(
                body.get("node"), body.get("values") or {}, body.get("name"), body.get("pronouns")))
        if action == "choose":
            return self._answer(lambda: s.preview_choose(body["id"], int(body["index"])))
        return self._answer(lambda: s.preview_back(body["id"]))

    async def cast(self, request: Request) -> Response:
        body = await request.json()
        return self._answer(lambda: self.studio.set_cast(body.get("name"), body.get("pronouns"))
                            or {"ok": True})

    async def play(self, request: Request) -> Response:
        body = await request.json()
        if self.launch_window is None:
            return JSONResponse({"error": "playing in a window is not available here"}, status_code=400)
        return self._answer(lambda: self.launch_window(**body))

    def _answer(self, work: Callable[[], Any], changed: bool = False) -> Response:
        try:
            result = work()
        except EditError as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        except (KeyError, ValueError, TypeError) as err:
            return JSONResponse({"error": f"bad request: {err}"}, status_code=400)
        if changed:
            self._changed()
        return JSONResponse(result)
