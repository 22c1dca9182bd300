"""Every endpoint of the studio reads its input with care: whatever a request holds, the answer
is the studio's own (200) or a 400 that says what was wrong, never a 500 and a traceback in the
writer's terminal. Random bodies are thrown at every route the app has, so a new endpoint is
covered the day it is added."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient

from game.studio import heat
from game.studio.inputs import BadRequest, Fields, body_object
from game.studio.server import StudioApp
from game.studio.studio import Studio

TOKEN = "k3y"
NAMES = ["ops", "label", "coalesce", "focus", "file", "keep", "positions", "action", "node",
         "values", "name", "pronouns", "id", "index", "runs", "base", "client", "op", "path",
         "value", "old", "new", "from", "to", "after", "wait"]
NODES = ["couch", "quiet", "later", "keys", "nowhere", "", "../x", "%2e%2e"]

scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) \
    | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=12) | st.sampled_from(NAMES + NODES + ["story.json", "mine", "theirs",
                                                              "start", "choose", "back", "set"])
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=6), inner, max_size=5),
    max_leaves=20,
)
# bodies that look like the studio's own: known field names, values of any shape, and edits
# that are nearly right
ops = st.fixed_dictionaries(
    {"op": st.sampled_from(["set", "delete", "insert", "remove", "move", "add_node",
                            "rename_node", "delete_node", "to_lines", "new_file", "nope"])},
    optional={"file": st.sampled_from(["story.json", "branches/balcony.json", "x.json"]) | scalars,
              "path": st.lists(st.sampled_from(["nodes", "couch", "choices", "text", "lines"])
                               | st.integers(-2, 5), max_size=5) | scalars,
              "value": json_values, "index": scalars, "from": scalars, "to": scalars,
              "id": st.sampled_from(NODES) | scalars, "old": st.sampled_from(NODES) | scalars,
              "new": st.sampled_from(["fresh", "Bad Id", "couch"]) | scalars})
studio_like = st.dictionaries(st.sampled_from(NAMES), json_values | st.lists(ops, max_size=3),
                              max_size=6)
bodies = (st.binary(max_size=40) | json_values.map(lambda v: json.dumps(v).encode())
          | studio_like.map(lambda v: json.dumps(v).encode()))
queries = st.dictionaries(st.sampled_from(["after", "wait", "token", "x"]),
                          st.text(max_size=8) | st.integers(-5, 10**20).map(str), max_size=3)


@pytest.fixture
def app(sample: Path, monkeypatch):
    # heat's thousand runs, and a real game window, are beside the point here
    monkeypatch.setattr(heat, "measure", lambda story, runs=1000: {"runs": runs, "visits": {}})
    played: list[dict[str, Any]] = []
    studio = Studio(sample)
    studio.lint_now()
    return StudioApp(studio, TOKEN, ["testserver"], watch=False,
                     launch_window=lambda **kw: played.append(kw) or {"started": True})


def routes(app: StudioApp) -> list[tuple[str, str]]:
    found = []
    for route in app.app.routes:
        if isinstance(route, Route) and route.path.startswith("/api/"):
            for method in sorted(route.methods or {"GET"}):
                if method != "HEAD":
                    found.append((method, route.path))
    return found


def fill(path: str, node: str) -> str:
    return re.sub(r"\{[^}]+\}", quote(node, safe="") or "x", path)


def check(answer) -> None:
    assert answer.status_code in (200, 400), (answer.status_code, answer.text)
    data = answer.json()
    if answer.status_code == 400:
        assert isinstance(data["error"], str) and data["error"]


def test_every_api_route_is_thrown_random_bodies(app: StudioApp):
    assert len(routes(app)) >= 14  # every endpoint of the studio is in the list

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(body=bodies, node=st.sampled_from(NODES), query=queries)
    def throw(client: TestClient, body: bytes, node: str, query: dict[str, str]) -> None:
        for method, path in routes(app):
            url = fill(path, node)
            if method == "GET":
                if path == "/api/events":
                    query = {**query, "wait": "0"} if "wait" not in query else query
                answer = client.get(url, params=query)
            else:
                answer = client.request(method, url, content=body,
                                        headers={"Content-Type": "application/json"})
            check(answer)

    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as client:
        throw(client)


def test_what_the_review_sent_is_refused_with_a_message(app: StudioApp):
    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as c:
        r = c.post("/api/edit", content=b"this is not json")
        assert r.status_code == 400 and "not JSON" in r.json()["error"]
        r = c.get("/api/events?after=abc")
        assert r.status_code == 400 and "'after'" in r.json()["error"]
        r = c.post("/api/heat", json={"runs": "lots"})
        assert r.status_code == 400 and "'runs'" in r.json()["error"]
        r = c.post("/api/edit", json={"ops": [{"op": "set", "file": "story.json",
                                               "path": ["title"]}]})
        assert r.status_code == 400 and "needs a 'value'" in r.json()["error"]
        r = c.post("/api/positions", json={"positions": {"couch": [1, "x"]}})
        assert r.status_code == 400 and "[x, y]" in r.json()["error"]
        r = c.post("/api/settle", json={"file": "story.json", "keep": "both"})
        assert r.status_code == 400 and "'mine', 'theirs'" in r.json()["error"]
        # and what is right still works
        assert c.post("/api/heat", json={"runs": 5}).status_code == 200
        assert c.post("/api/save", content=b"").status_code == 200


@given(st.binary(max_size=60) | json_values.map(lambda v: json.dumps(v).encode()))
def test_a_body_is_an_object_or_a_bad_request(raw: bytes):
    try:
        value = body_object(raw)
    except BadRequest as err:
        assert str(err)
    else:
        assert isinstance(value, dict)


def test_fields_read_each_type_or_say_what_is_wrong():
    f = Fields({"n": "12", "b": True, "x": 1.5, "s": "hi", "nan": "nan", "big": 10**30})
    assert f.integer("n", 0, 0, 20) == 12
    assert f.text("s") == "hi" and f.text("missing", "d") == "d"
    assert f.number("x", 0.0, 0.0, 2.0) == 1.5
    for bad in (lambda: f.integer("b", 0, 0, 9), lambda: f.integer("n", 0, 0, 5),
                lambda: f.number("nan", 0.0, 0.0, 1.0), lambda: f.integer("big", 0, 0, 9),
                lambda: f.text("n", choices=("a",)), lambda: f.text("missing", required=True),
                lambda: f.object("s"), lambda: f.items("s")):
        with pytest.raises(BadRequest):
            bad()
    with pytest.raises(BadRequest, match="nested"):
        body_object(b'{"a":' + b"[" * 80 + b"]" * 80 + b"}")
