"""Two tabs on one studio: every change reaches both, an edit made from a view older than
another tab's change to the same field is refused (and the answer holds what the tab needs to
catch up), and what is saved or not is the server's, told to every tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.studio.history import History, changed_paths, overlap
from game.studio.server import StudioApp
from game.studio.studio import Studio

TOKEN = "k3y"
LINE = ["nodes", "couch", "lines", 0, "text"]
CHOICE = ["nodes", "couch", "choices", 0, "text"]


@pytest.fixture
def client(sample: Path):
    app = StudioApp(Studio(sample), TOKEN, ["testserver"], watch=False)
    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as c:
        yield c


def set_op(path: list, value: str) -> list[dict]:
    return [{"op": "set", "file": "story.json", "path": path, "value": value}]


def events(client: TestClient, after: int) -> tuple[int, list[dict]]:
    data = client.get(f"/api/events?after={after}&wait=0").json()
    return data["seq"], data["events"]


def test_an_edit_from_an_older_view_of_the_same_field_is_refused(client: TestClient):
    seen = client.get("/api/node/couch").json()  # both tabs open couch
    base = seen["version"]
    b = client.post("/api/edit", json={"ops": set_op(LINE, "B wrote this."), "tab": "B",
                                       "base": base, "focus": "couch", "coalesce": "x"})
    assert b.status_code == 200
    # A typed in the same line before it heard of B's change: refused, nothing overwritten
    a = client.post("/api/edit", json={"ops": set_op(LINE, "A's stale text"), "tab": "A",
                                       "base": base, "focus": "couch", "coalesce": "x"})
    assert a.status_code == 409
    stale = a.json()
    assert stale["stale"] is True and "another tab" in stale["error"]
    assert stale["node"]["value"]["lines"][0]["text"] == "B wrote this."  # what A catches up to
    assert stale["node"]["version"] == b.json()["version"] and stale["dirty"] is True
    assert client.get("/api/node/couch").json()["value"]["lines"][0]["text"] == "B wrote this."
    # another field of the same node, from the same old view, is no conflict
    other = client.post("/api/edit", json={"ops": set_op(CHOICE, "A's reply"), "tab": "A",
                                           "base": base, "focus": "couch"})
    assert other.status_code == 200
    # and from the view it caught up to, A's edit of the line goes through
    again = client.post("/api/edit", json={"ops": set_op(LINE, "B wrote this. A adds."),
                                           "tab": "A", "base": stale["node"]["version"]})
    assert again.status_code == 200


def test_a_tab_never_conflicts_with_itself(client: TestClient):
    node = client.get("/api/node/couch").json()
    before = node["value"]["lines"][0]["text"]
    for text in ("O", "On", "One"):  # keystrokes sent before the answers came back
        r = client.post("/api/edit", json={"ops": set_op(LINE, text), "tab": "A",
                                           "base": node["version"], "coalesce": "line",
                                           "label": "type"})
        assert r.status_code == 200
    assert client.get("/api/node/couch").json()["value"]["lines"][0]["text"] == "One"
    # typing in one field is one undo step
    assert client.post("/api/undo", json={"tab": "A"}).json()["did"] == "type"
    assert client.get("/api/node/couch").json()["value"]["lines"][0]["text"] == before


def test_every_tab_hears_every_change_with_who_made_it(client: TestClient):
    seq = client.get("/api/state").json()["seq"]
    client.post("/api/edit", json={"ops": set_op(LINE, "Changed."), "tab": "B", "label": "type"})
    seq, news = events(client, seq)
    (change,) = [e for e in news if e["type"] == "change"]
    assert change["tab"] == "B" and change["nodes"] == ["couch"] and change["dirty"] is True
    assert [c["id"] for c in change["map"]["cards"]] == ["couch"]
    assert change["map"]["cards"][0]["line"] == "Changed."
    stamp = change["stamp"]
    # saving in one tab: every tab's Save button learns there is nothing left to save
    client.post("/api/save", json={})
    seq, news = events(client, seq)
    (status,) = [e for e in news if e["type"] == "status"]
    assert status["dirty"] is False and status["stamp"] > stamp
    # cards moved in one tab move in the others
    client.post("/api/positions", json={"positions": {"couch": [5, 6]}, "tab": "B"})
    seq, news = events(client, seq)
    assert {"type": "moved", "tab": "B", "positions": {"couch": [5.0, 6.0]}} in news


def test_a_page_that_missed_news_is_told_to_load_again(client: TestClient):
    state = client.get("/api/state").json()
    answer = client.get(f"/api/events?after={state['seq'] + 40}&wait=0").json()
    assert answer["resync"] is True  # a page from an earlier run of the studio


def test_a_change_on_disk_refuses_edits_made_from_before_it(sample: Path):
    studio = Studio(sample)
    base = studio.node("couch")["version"]
    path = sample / "story.json"
    path.write_text(path.read_text().replace("drops onto the couch", "sits on the couch"))
    assert studio.project.check_disk("story.json") == "reloaded"
    studio.after_change(None, disk={"file": "story.json", "outcome": "reloaded"})
    with pytest.raises(Exception, match="on disk"):
        studio.edit(set_op(LINE, "stale"), "type", tab="A", base=base)


def test_changed_paths_follow_shared_values():
    line = {"text": "a"}
    old = {"s.json": {"nodes": {"x": {"lines": [line, {"text": "b"}]}, "y": {"text": "c"}}}}
    doc = old["s.json"]
    new_x = {"lines": [line, {"text": "B"}]}
    new = {"s.json": {**doc, "nodes": {**doc["nodes"], "x": new_x}}}
    assert changed_paths(old, new) == [("s.json", "nodes", "x", "lines", 1, "text")]
    grown = {"s.json": {**doc, "nodes": {**doc["nodes"], "x": {"lines": [line]}}}}
    assert changed_paths(old, grown) == [("s.json", "nodes", "x", "lines")]
    assert changed_paths(old, {**old, "n.json": {}}) == [("n.json",)]
    assert overlap(("f", "nodes", "x"), ("f", "nodes", "x", "lines", 0))
    assert not overlap(("f", "nodes", "x", "lines", 0), ("f", "nodes", "x", "lines", 1))


def test_history_refuses_what_it_no_longer_remembers():
    h = History()
    h.changes = type(h.changes)(maxlen=2)
    for v in (1, 2, 3):
        h.record(v, "B", [("f", "a")])
    assert h.conflict(3, "A", [("f", "a")]) is None
    assert h.conflict(2, "A", [("f", "b")]) is None
    assert h.conflict(2, "A", [("f", "a")]) is not None
    assert h.conflict(0, "A", [("f", "b")]) is not None  # older than what is kept
