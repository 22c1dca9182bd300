"""The studio over HTTP: a Starlette app on 127.0.0.1 that only its own page may use.

Every request must name this machine as its host (``127.0.0.1:PORT`` or ``localhost:PORT``),
so a page served from elsewhere cannot reach the studio through DNS rebinding; a request from
a browser page must come from the studio's own origin; and everything that reads or writes the
story carries the random token printed with the address (``?token=`` for the page, the
``X-Studio-Token`` header for its requests). Requests from other pages cannot set that header
without a preflight the studio never grants.

Changes the page did not ask for arrive by long polling ``/api/events``: the debounced lint of
the whole story, files changed on disk by another program, and every change made in any tab
(each tab shows all of them; an edit made from a view older than a change of the same field is
refused with a 409, and the tab catches up).
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
from game.studio import heat, inputs
from game.studio.checks import lint_texts
from game.studio.inputs import BadRequest, Fields
from game.studio.project import EditError
from game.studio.studio import Stale, Studio

log = logging.getLogger("lowtide.studio")

STATIC = Path(__file__).parent / "static"
LINT_DELAY = 0.25  # seconds of quiet after an edit before the whole story is linted, at least
LINT_DELAY_MAX = 4.0
POLL_WAIT = 20.0  # seconds a long poll waits for news
KEPT_EVENTS = 500  # a page further behind than this loads the whole state again
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
        del self.items[:-KEPT_EVENTS]
        self.changed.set()
        self.changed = asyncio.Event()

    def lost(self, seq: int) -> bool:
        """Whether a page that has seen up to ``seq`` missed news: events it never got are no
        longer kept, or it was listening to an earlier run of the studio."""
        return seq > self.seq or (bool(self.items) and seq < self.items[0][0] - 1)

    async def after(self, seq: int, wait: float,
                    closing: asyncio.Event) -> tuple[int, list[dict[str, Any]]]:
        """The events after ``seq``, waiting up to ``wait`` seconds for one, or until the
        studio is closing."""
        if seq >= self.seq:
            news = asyncio.ensure_future(self.changed.wait())
            end = asyncio.ensure_future(closing.wait())
            try:
                await asyncio.wait((news, end), timeout=wait, return_when=asyncio.FIRST_COMPLETED)
            finally:
                news.cancel()
                end.cancel()
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
        self.closing = asyncio.Event()  # set when the server begins to stop: polls end at once
        self.loop: asyncio.AbstractEventLoop | None = None
        self.tasks: list[asyncio.Task] = []
        routes = [
            Route("/", self.index),
            Route("/api/state", self.state),
            Route("/api/node/{node_id:path}", self.node),
            Route("/api/edit", self.edit, methods=["POST"]),
            Route("/api/undo", self.undo, methods=["POST"]),
            Route("/api/redo", self.redo, methods=["POST"]),
            Route("/api/save", self.save, methods=["POST"]),
            Route("/api/settle", self.settle, methods=["POST"]),
            Route("/api/positions", self.positions, methods=["POST"]),
            Route("/api/warning/{node_id:path}", self.warning),
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

    def game_stopped(self, reason: str, node: str | None) -> None:
        """The game window started from a page stopped with an error (called from the thread
        that watches it): every page hears why."""
        loop, events = self.loop, self.events
        if loop is not None and events is not None and not loop.is_closed():
            loop.call_soon_threadsafe(events.publish, {"type": "play", "node": node,
                                                       "error": reason})

    def begin_shutdown(self) -> None:
        """The server is stopping: answer every open poll now, so no request outlives it."""
        self.closing.set()

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette):
        self.events = Events()
        self.stop = asyncio.Event()
        self.closing = asyncio.Event()
        self.loop = asyncio.get_running_loop()
        self.lint_wanted = asyncio.Event()
        self.lint_wanted.set()  # the first lint, as soon as the page can be served
        self.studio.on_change = self.events.publish
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
                self.studio.after_change(None, disk={"file": rel, "outcome": outcome})
                self._changed()

    # -- routes -----------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def state(self, request: Request) -> Response:
        assert self.events is not None
        # the news after this state: a page listens from here
        return JSONResponse({**self.studio.state(), "seq": self.events.seq})

    async def node(self, request: Request) -> Response:
        return self._answer(lambda: self.studio.node(request.path_params["node_id"]))

    async def warning(self, request: Request) -> Response:
        return self._answer(lambda: self.studio.rename_warning(request.path_params["node_id"]))

    async def edit(self, request: Request) -> Response:
        def work(b: Fields) -> dict[str, Any]:
            return self.studio.edit(b.items("ops"), b.text("label", "edit") or "edit",
                                    b.text("coalesce"), b.text("focus"), b.text("tab"),
                                    b.integer("base", None, -1, 1 << 62))
        return await self._handle(request, work, changed=True)

    async def undo(self, request: Request) -> Response:
        return await self._handle(
            request, lambda b: self.studio.undo(b.text("focus"), b.text("tab")), changed=True)

    async def redo(self, request: Request) -> Response:
        return await self._handle(
            request, lambda b: self.studio.redo(b.text("focus"), b.text("tab")), changed=True)

    async def save(self, request: Request) -> Response:
        return await self._handle(request, lambda b: self.studio.save())

    async def settle(self, request: Request) -> Response:
        def work(b: Fields) -> dict[str, Any]:
            rel = b.text("file", required=True)
            if rel not in self.studio.project.files:
                raise BadRequest(f"the story has no file {rel[:80]!r}")
            return self.studio.settle(rel, b.text("keep", required=True,
                                                  choices=("mine", "theirs")), b.text("tab"))
        return await self._handle(request, work, changed=True)

    async def positions(self, request: Request) -> Response:
        def work(b: Fields) -> dict[str, Any]:
            self.studio.move_cards(inputs.positions(b.object("positions")), b.text("tab"))
            return {"ok": True}
        return await self._handle(request, work)

    async def poll(self, request: Request) -> Response:
        assert self.events is not None
        try:
            query = Fields(request.query_params, "the address")
            after = query.integer("after", 0, 0, 1 << 62)
            wait = query.number("wait", POLL_WAIT, 0.0, POLL_WAIT)
        except BadRequest as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        assert after is not None
        if self.closing.is_set():
            return JSONResponse({"seq": self.events.seq, "events": [], "closing": True})
        if self.events.lost(after):
            return JSONResponse({"seq": self.events.seq, "events": [], "resync": True})
        seq, items = await self.events.after(after, wait, self.closing)
        return JSONResponse({"seq": seq, "events": items, "closing": self.closing.is_set()})

    async def heat(self, request: Request) -> Response:
        try:
            runs = Fields(await self._body(request)).integer("runs", heat.RUNS, 1, 20_000)
        except BadRequest as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        story = self.studio.story
        if story is None:
            return JSONResponse({"error": "the story has errors: heat needs a story that loads"},
                                status_code=400)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(None, lambda: heat.measure(story, runs=runs or 1))
        return JSONResponse({**result, "version": self.studio.story_version})

    async def preview(self, request: Request) -> Response:
        s = self.studio

        def work(b: Fields) -> dict[str, Any]:
            action = b.text("action", "start", choices=("start", "choose", "back"))
            if action == "start":
                return s.preview_start(b.text("node"), inputs.scalars(b.object("values"),
                                                                      "'values'"),
                                       b.text("name"), b.text("pronouns"))
            key = b.text("id", required=True) or ""
            if action == "choose":
                return s.preview_choose(key, b.integer("index", None, 0, 10_000) or 0)
            return s.preview_back(key)
        return await self._handle(request, work)

    async def cast(self, request: Request) -> Response:
        def work(b: Fields) -> dict[str, Any]:
            self.studio.set_cast(b.text("name"), b.text("pronouns"))
            return {"ok": True}
        return await self._handle(request, work)

    async def play(self, request: Request) -> Response:
        def work(b: Fields) -> dict[str, Any]:
            if self.launch_window is None:
                raise BadRequest("playing in a window is not available here")
            return self.launch_window(node=b.text("node"),
                                      values=inputs.scalars(b.object("values"), "'values'"),
                                      name=b.text("name"), pronouns=b.text("pronouns"))
        return await self._handle(request, work)

    @staticmethod
    async def _body(request: Request) -> dict[str, Any]:
        return inputs.body_object(await request.body())

    async def _handle(self, request: Request, work: Callable[[Fields], Any],
                      changed: bool = False) -> Response:
        """Read the body, do the work, answer: a 400 with a message when either fails."""
        try:
            body = Fields(await self._body(request))
        except BadRequest as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        focus = body.values.get("focus")
        return self._answer(lambda: work(body), changed, focus if isinstance(focus, str) else None)

    def _answer(self, work: Callable[[], Any], changed: bool = False,
                focus: str | None = None) -> Response:
        try:
            result = work()
        except Stale as err:
            # the page's view was older than a change made elsewhere: it catches up from this
            caught_up = {**self.studio.status(), "error": str(err), "stale": True}
            with contextlib.suppress(EditError):
                if focus is not None:
                    caught_up["node"] = self.studio.node(focus)
            return JSONResponse(caught_up, status_code=409)
        except (EditError, BadRequest) as err:
            return JSONResponse({"error": str(err)}, status_code=400)
        except (KeyError, ValueError, TypeError) as err:  # a value the checks above let by
            return JSONResponse({"error": f"cannot do that: {err}"}, status_code=400)
        if changed:
            self._changed()
        return JSONResponse(result)
