"""The studio's HTTP side: only its own page, with the key, may read or write the story;
edits answer with lint's own codes for the edited field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from game.studio.launch import window_command
from game.studio.server import StudioApp
from game.studio.studio import Studio
from game.tools.lint import lint_story

TOKEN = "k3y"


@pytest.fixture
def client(sample: Path):
    app = StudioApp(Studio(sample), TOKEN, ["testserver"], watch=False)
    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as c:
        yield c


def test_every_read_and_write_needs_the_key(sample: Path):
    app = StudioApp(Studio(sample), TOKEN, ["testserver"], watch=False)
    with TestClient(app) as c:
        assert c.get("/api/state").status_code == 403
        assert c.post("/api/save", json={}).status_code == 403
        assert c.get("/api/state", headers={"X-Studio-Token": "wrong"}).status_code == 403
        assert c.get("/?token=wrong").status_code == 403
        page = c.get(f"/?token={TOKEN}")
        assert page.status_code == 200 and "studio-vendor.js" in page.text
        assert c.get("/static/vendor/studio-vendor.js").status_code == 200


def test_other_hosts_and_origins_are_refused(client: TestClient):
    assert client.get("/api/state", headers={"Host": "evil.example:80"}).status_code == 403
    assert client.post("/api/save", json={}, headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.get("/api/state", headers={"Origin": "http://testserver"}).status_code == 200


def test_state_has_the_map_and_the_cast(client: TestClient):
    state = client.get("/api/state").json()
    cards = {c["id"]: c for c in state["map"]["cards"]}
    assert cards["keys"]["start"] and cards["check"]["shape"] == "route"
    assert cards["haven"]["title"] == "Two Mugs"
    assert {a["target"] for a in state["map"]["arrows"] if a["source"] == "couch"} >= {"balcony", "check"}
    assert any(a["conditional"] for a in state["map"]["arrows"])
    assert "partner" in state["facts"]["characters"] and "safety" in state["facts"]["variables"]


def test_an_edit_answers_with_lints_code_and_message_for_the_field(client: TestClient, sample: Path):
    ops = [{"op": "set", "file": "story.json", "path": ["nodes", "couch", "choices", 2, "if"], "value": "safty >= 50"}]
    answer = client.post("/api/edit", json={"ops": ops, "label": "condition", "focus": "couch"}).json()
    quick = answer["node"]["quick"]
    assert [(q["code"], q["pointer"], q["offset"]) for q in quick] == [("LT302", "/nodes/couch/choices/2/if", 0)]
    client.post("/api/save", json={})
    printed = [d for d in lint_story(sample) if d.code == "LT302"]
    assert [d.message for d in printed] == [quick[0]["message"]]
    assert answer["dirty"] is True and answer["undo"] == "condition"


def test_undo_redo_and_save(client: TestClient, sample: Path):
    before = (sample / "story.json").read_bytes()
    ops = [{"op": "set", "file": "story.json", "path": ["title"], "value": "The Tea"}]
    client.post("/api/edit", json={"ops": ops, "label": "title"})
    assert client.post("/api/undo", json={}).json()["did"] == "title"
    assert client.post("/api/save", json={}).json()["written"] == []
    assert (sample / "story.json").read_bytes() == before
    client.post("/api/redo", json={})
    assert client.post("/api/save", json={}).json()["written"] == ["story.json"]
    assert json.loads((sample / "story.json").read_text())["title"] == "The Tea"


def test_a_refused_edit_says_why(client: TestClient):
    r = client.post("/api/edit", json={"ops": [{"op": "rename_node", "old": "later", "new": "couch"}]})
    assert r.status_code == 400 and "already a node" in r.json()["error"]


def test_the_debounced_lint_arrives_as_an_event(client: TestClient):
    ops = [{"op": "set", "file": "story.json", "path": ["nodes", "couch", "choices", 0, "to"], "value": "nowhere"}]
    version = client.post("/api/edit", json={"ops": ops}).json()["version"]
    seen, seq = None, 0
    for _ in range(20):
        data = client.get(f"/api/events?after={seq}&wait=5").json()
        seq = data["seq"]
        for e in data["events"]:
            if e["type"] == "lint" and e["version"] == version:
                seen = e
        if seen:
            break
    assert seen is not None
    [f] = [f for f in seen["findings"] if f["code"] == "LT200"]
    assert f["node"] == "couch" and f["file"] == "story.json" and f["offset"] is None  # the whole field
    assert "target node 'nowhere' does not exist" in f["message"]


def test_the_text_preview_plays_from_a_node_with_a_name_and_pronouns(client: TestClient):
    client.get("/api/state")
    client.app.studio.lint_now()
    view = client.post("/api/preview", json={"action": "start", "node": "couch", "name": "Robin",
                                             "pronouns": "they", "values": {"safety": "60"}}).json()
    assert view["node"] == "couch"
    assert view["lines"][0]["text"].startswith("Robin drops onto the couch without taking their coat")
    assert view["values"]["safety"] == 60
    third = [c for c in view["choices"] if c["to"] == "check"][-1]
    after = client.post("/api/preview", json={"action": "choose", "id": view["id"], "index": third["index"]}).json()
    assert after["node"] == "quiet" and after["can_back"]
    node = client.get("/api/node/couch").json()
    assert node["rendered"]["/nodes/couch/lines/0/text"].startswith("Robin drops")


def test_positions_go_to_the_side_file_not_the_story(client: TestClient, sample: Path):
    before = (sample / "story.json").read_bytes()
    client.post("/api/positions", json={"positions": {"couch": [10, 20]}})
    data = json.loads((sample / ".studio-layout.json").read_text())
    assert data["positions"]["couch"] == [10, 20]
    assert (sample / "story.json").read_bytes() == before


def test_the_map_opens_as_it_was_left_after_one_card_is_moved(client: TestClient, sample: Path):
    def places(cards: list[dict]) -> dict[str, tuple[int, int]]:
        return {c["id"]: (round(c["x"]), round(c["y"])) for c in cards}  # the file keeps pixels

    shown = places(client.get("/api/state").json()["map"]["cards"])
    client.post("/api/positions", json={"positions": {"couch": [10, 20]}})
    app = StudioApp(Studio(sample), TOKEN, ["testserver"], watch=False)
    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as again:
        cards = again.get("/api/state").json()["map"]["cards"]
    assert places(cards) == {**shown, "couch": (10, 20)}


def test_rename_warns_about_saves_naming_the_node(client: TestClient, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LOWTIDE_DATA_DIR", str(tmp_path / "data"))
    save = tmp_path / "data" / "saves" / "sample" / "slot-1.json"
    save.parent.mkdir(parents=True)
    save.write_text(json.dumps({"story": "sample", "session": {"node": "later", "path": ["keys", "later"]}}))
    warning = client.get("/api/warning/later").json()
    assert warning["saves"] == [str(save)]
    assert {r["what"] for r in warning["references"]} == {"choice", "expression"}


def test_play_here_runs_the_game_in_developer_mode(sample: Path):
    cmd = window_command(sample, "couch", {"safety": 70, "pushed": True}, "Robin", "they")
    assert cmd[1:] == ["-m", "game", "play", str(sample), "--dev", "--from", "couch", "--set", "safety=70",
                       "--set", "pushed=true", "--name", "Robin", "--pronouns", "they"]
    # the window, driven without a person for a few frames, starts where it was asked to
    run = subprocess.run([*cmd, "--max-frames", "3", "--data-dir", str(sample.parent / "d")],
                         capture_output=True, text=True, timeout=120)
    # usage errors would exit 2; this ran its frames at the node and stopped as asked
    assert run.returncode == 1 and "no ending was reached within 3 frames" in run.stderr, run.stderr


def test_lowtide_edit_refuses_a_folder_without_a_story(tmp_path: Path):
    run = subprocess.run([sys.executable, "-m", "game", "edit", str(tmp_path), "--no-browser"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "no story.json" in run.stderr


def test_a_file_changed_on_disk_is_noticed(sample: Path):
    """watchfiles tells the studio; an unedited file is taken in, and the page hears of it."""
    import time

    app = StudioApp(Studio(sample), TOKEN, ["testserver"], watch=True)
    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as c:
        time.sleep(0.5)  # the watcher is listening
        path = sample / "branches" / "balcony.json"
        path.write_text(path.read_text().replace("Refill?", "More tea?"))
        seq, found = 0, None
        for _ in range(20):
            data = c.get(f"/api/events?after={seq}&wait=3").json()
            seq = data["seq"]
            found = next((e for e in data["events"] if e.get("disk")), None)
            if found:
                break
        assert found is not None and found["disk"] == {"file": "branches/balcony.json",
                                                        "outcome": "reloaded"}
        assert found["type"] == "change" and found["tab"] is None and "later" in found["nodes"]
        assert "More tea?" in json.dumps(c.get("/api/node/later").json()["value"])


def test_lowtide_edit_serves_the_page_only_with_its_key(sample: Path):
    """The real command: a free port on 127.0.0.1, the address printed, the key required."""
    import re
    import urllib.error
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "game", "edit", str(sample), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", line)
        assert match, line
        port, token = match.groups()
        with urllib.request.urlopen(match.group(0), timeout=10) as page:
            assert page.status == 200 and b"Low Tide studio" in page.read()

        def status(url: str, headers: dict | None = None) -> int:
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
                    return r.status
            except urllib.error.HTTPError as err:
                return err.code

        base = f"http://127.0.0.1:{port}"
        assert status(f"{base}/") == 403
        assert status(f"{base}/api/state") == 403
        assert status(f"{base}/api/state", {"X-Studio-Token": token}) == 200
        assert status(f"{base}/api/state", {"X-Studio-Token": token, "Host": "attacker.example"}) == 403
        assert status(f"{base}/api/state", {"X-Studio-Token": token, "Origin": "http://attacker.example"}) == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode in (0, -15)


def test_ctrl_c_with_a_page_open_stops_quietly(sample: Path):
    """A page keeps a long poll open; Ctrl+C answers it and stops without a traceback."""
    import re
    import signal
    import threading
    import time
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "game", "edit", str(sample), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", proc.stdout.readline())
        assert match, proc.stderr.read()
        port, token = match.groups()
        answers: list[dict] = []

        def poll(after: int) -> None:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/events?after={after}",
                                             headers={"X-Studio-Token": token})
            with urllib.request.urlopen(request, timeout=30) as r:
                answers.append(json.loads(r.read()))

        poll(0)  # the first lint's news, at once or as soon as it is done
        waiting = threading.Thread(target=poll, args=(answers[0]["seq"],))
        waiting.start()
        time.sleep(1.0)  # the poll is waiting for news
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        waiting.join(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 3  # the poll did not hold it up
    assert "Traceback" not in err and "Error" not in err and "ERROR" not in err, err
    assert len(answers) == 2 and answers[1]["closing"] is True


def test_a_window_that_cannot_open_says_why_whole_and_what_to_do_here(sample: Path, monkeypatch):
    from game.studio.launch import WindowLauncher
    from game.studio.project import EditError

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(EditError) as caught:
        WindowLauncher(sample)(node="couch")
    message = str(caught.value)
    assert "no display is available (DISPLAY and WAYLAND_DISPLAY are not set)" in message
    assert "Preview from here" in message
    assert "--text" not in message and "terminal" not in message


def test_the_reason_keeps_every_line_but_the_terminal_advice():
    from game.studio.launch import failure

    said = failure("lowtide: story.json:3:4: error LT200: target node 'x' does not exist\n"
                   "lowtide: the story has 1 error\n"
                   "Play in the terminal instead: lowtide play --text\n", 1)
    assert said.startswith("The game window did not open: story.json:3:4: error LT200: target "
                           "node 'x' does not exist; the story has 1 error.")
    assert failure("Traceback (most recent call last):\n  File x\nValueError: boom\n", 1) \
        .startswith("The game window did not open: ValueError: boom.")
    assert "exit 3" in failure("", 3)


def late_failure(*_args) -> list[str]:
    """A game that runs for a while, then stops with an error."""
    return [sys.executable, "-c", "import sys, time; time.sleep(2.5); "
            "print('lowtide: the map went away', file=sys.stderr); "
            "print('Play in the terminal instead: lowtide play --text', file=sys.stderr); "
            "sys.exit(1)"]


def test_a_game_that_stops_later_is_heard_of_on_every_page(sample: Path):
    from game.studio.launch import WindowLauncher

    launcher = WindowLauncher(sample, command=late_failure)
    app = StudioApp(Studio(sample), TOKEN, ["testserver"], watch=False, launch_window=launcher)
    launcher.on_stop = app.game_stopped
    with TestClient(app, headers={"X-Studio-Token": TOKEN}) as c:
        seq = c.get("/api/state").json()["seq"]
        assert c.post("/api/play", json={"node": "couch"}).json()["started"] is True
        heard = None
        for _ in range(10):
            data = c.get(f"/api/events?after={seq}&wait=5").json()
            seq = data["seq"]
            heard = next((e for e in data["events"] if e["type"] == "play"), None)
            if heard:
                break
    assert heard is not None and heard["node"] == "couch"
    assert heard["error"].startswith("The game window stopped: the map went away.")
    assert "Preview from here" in heard["error"] and "terminal" not in heard["error"]
