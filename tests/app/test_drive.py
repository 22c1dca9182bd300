"""The real loop driven to an ending: autoplay, input scripts, screenshots, transcripts."""

from __future__ import annotations

import json

import pytest

from game.app.drive import Recorder
from game.app.states.play import BOX_BOTTOM, PlayScreen
from game.story import transcript
from game.story.load import load_story
from game.story.session import Session
from game.story.text import PRONOUNS
from tests.app.conftest import STORIES, prepare, run_to_end


def replayed(story_dir, data) -> dict:
    """The transcript the engine gives for the same choices, to compare with the window's."""
    story, _ = load_story(story_dir)
    session = Session.start(story, seed=data["seed"])
    for step in data["steps"]:
        session.choose(step["choice_index"])
    return transcript.build(session)


pytestmark = pytest.mark.usefixtures("fresh_pygame")


def test_autoplay_sample_reaches_an_ending_with_screenshots_and_transcript(tmp_path):
    shots, out = tmp_path / "shots", tmp_path / "t.json"
    ready = prepare(STORIES / "sample", "--autoplay", "first", "--screenshot-dir", shots,
                    "--transcript", out)
    assert run_to_end(ready) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["ending"] is not None
    assert data == replayed(STORIES / "sample", data)
    names = sorted(p.name for p in shots.iterdir())
    assert names[0].endswith(f"-{data['steps'][0]['node']}.png")
    assert names[-1] == f"{len(names):04d}-ending-{data['final_node']}.png"
    assert len(names) == len(data["steps"]) + 2  # each node, the last node, the ending


def test_each_nodes_screenshot_shows_its_replies_settled(tmp_path, monkeypatch):
    ready = prepare(STORIES / "low-tide", "--autoplay", "first", "--screenshot-dir",
                    tmp_path / "shots", "--data-dir", tmp_path / "data")
    shown: list[tuple[str, bool]] = []  # each screenshot of replies, and whether they stood still
    save = Recorder.save

    def seen(self, surface, name, folder=None):
        play = ready.app.top
        if isinstance(play, PlayScreen) and play.phase == "choices":
            shown.append((name, play.box_bottom == BOX_BOTTOM - play.choices.height() - 20))
        return save(self, surface, name, folder)

    monkeypatch.setattr(Recorder, "save", seen)
    assert run_to_end(ready) == 0
    assert len(shown) >= 5
    moving = [name for name, settled in shown if not settled]
    assert not moving, f"taken while the replies were still sliding in: {moving}"


def test_autoplay_by_kind_on_two_bars(tmp_path):
    out = tmp_path / "t.json"
    story = STORIES / "two-bars"
    loaded, _ = load_story(story)
    kinds = [k for k, v in loaded.kinds.items() if v.tone == "positive"]
    ready = prepare(story, "--autoplay", ",".join(kinds), "--seed", "4", "--transcript", out)
    assert run_to_end(ready) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["ending"] is not None
    assert data == replayed(story, data)


def test_autoplay_random_is_repeatable(tmp_path):
    runs = []
    for i in range(2):
        out = tmp_path / f"t{i}.json"
        assert run_to_end(prepare(STORIES / "sample", "--autoplay", "random", "--seed", "11",
                                  "--transcript", out)) == 0
        runs.append(json.loads(out.read_text("utf-8")))
    assert runs[0] == runs[1]


SCRIPT = """\
# from the title: New game, the sample, a new name and pronouns, then play to an ending
wait-for title
wait 20
screenshot title.png
key return
wait-for picker
screenshot picker.png
key return
wait-for setup
key backspace backspace backspace
type Sam
key tab
key right
screenshot setup.png
key tab
key return
wait-for play
until choices space
screenshot play.png
key escape
wait-for pause
screenshot pause.png
key escape
until choices|ending space
key 1
until choices|ending space
key 1
until choices|ending space
key 1
until choices|ending space
key 1
until ending space
wait 30
screenshot ending.png
"""


def test_input_script_from_title_to_ending(tmp_path, stories_root):
    script = tmp_path / "run.txt"
    script.write_text(SCRIPT, "utf-8")
    shots, out = tmp_path / "shots", tmp_path / "t.json"
    ready = prepare("--input-script", script, "--screenshot-dir", shots, "--transcript", out)
    assert run_to_end(ready) == 0
    for name in ("title", "picker", "setup", "play", "pause", "ending"):
        assert (shots / f"{name}.png").is_file(), name
    session = ready.recorder.session
    partner = session.cast.people["partner"]
    assert partner.name == "Sam" and partner.pronouns == PRONOUNS["she"]
    data = json.loads(out.read_text("utf-8"))
    assert data["story"] == "sample" and data["ending"] is not None


def test_input_script_drives_two_bars_through_the_title(tmp_path, stories_root):
    script = tmp_path / "run.txt"
    lines = ["wait-for title", "key return", "wait-for picker", "key down", "key return",
             "wait-for setup", "key tab", "key tab", "key return", "wait-for play"]
    lines += ["until choices|ending space 3000", "key 2"] * 30
    script.write_text("\n".join(lines) + "\n", "utf-8")
    ready = prepare("--input-script", script)
    assert run_to_end(ready) == 0
    assert ready.recorder.ended
    assert ready.recorder.session.story.id == "two-bars"
