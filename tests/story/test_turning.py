"""Turning points: the replies that moved the model most, weighed against each variable's span,
quoted as the player read them, and the same as a transcript's biggest changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.story.load import load_or_raise
from game.story.session import Session
from game.story.text import PRONOUNS, Cast, Person
from game.story.transcript import build
from game.story.turning import turning_points
from tests.conftest import STORIES
from tests.tools.helpers import ending, write_story

# A fixed road through the flagship: a rough start, a repair, then steadiness and thanks.
SCRIPT = [
    "“Oh good, you remembered where we live.”",
    "“Don't sulk. I'm allowed to be annoyed.”",
    "“Hang on. Can I have a do-over? I went for you before you'd even got your coat off.”",
]


def test_a_wide_variable_does_not_drown_a_narrow_one(tmp_path: Path) -> None:
    root = write_story(
        tmp_path / "s",
        {
            "a": {"text": "A", "choices": [{"text": "Big.", "kind": "big", "to": "b"}]},
            "b": {"text": "B", "choices": [{"text": "Small.", "kind": "small", "to": "c"}]},
            "c": {"text": "C", "choices": [{"text": "Tiny.", "kind": "tiny", "to": "z"}]},
            "z": ending(),
        },
        variables={
            "wide": {"type": "integer", "initial": 0, "min": 0, "max": 1000, "chart": True,
                     "label": "Wide", "unit": "m"},
            "narrow": {"type": "integer", "initial": 0, "min": 0, "max": 10, "chart": True,
                       "label": "Narrow"},
        },
        kinds={"big": {"label": "Big", "effects": ["wide += 100"]},
               "small": {"label": "Small", "effects": ["narrow += 5"]},
               "tiny": {"label": "Tiny", "effects": ["narrow -= 1"]}},
    )
    story = load_or_raise(root)
    s = Session.start(story)
    for _ in range(3):
        s.choose(0)
    points = turning_points(story, s.steps)
    # 50% of its span beats 10% of one a hundred times wider; the last is under half the top.
    assert [(p.text, p.summary) for p in points] == [("Big.", "Wide +100 m"), ("Small.", "Narrow +5")]
    assert points[1].weight == 0.5 and points[0].kind_label == "Big"


def _oracle(story, data: dict) -> list[int]:
    """The steps a reader of the transcript would pick: the biggest moves of the charted
    variables, each measured against its span, the third kept only if at least half the top."""
    charted = [v for v in story.variables.values()
               if v.chart and v.min is not None and v.max is not None]
    before = {v.id: v.initial for v in charted}
    moves = []
    for i, step in enumerate(data["steps"]):
        after = step["variables"]
        weight = sum(abs(after[v.id] - before[v.id]) / (v.max - v.min) for v in charted
                     if abs(after[v.id] - before[v.id]) >= 0.05)
        if step["kind"] is not None and weight > 0:
            moves.append((-weight, i))
        before = {v.id: after[v.id] for v in charted}
    top = sorted(moves)[:3]
    if len(top) == 3 and -top[2][0] < -top[0][0] / 2:
        top = top[:2]
    return sorted(i for _, i in top)


def _play_script(story) -> Session:
    cast = Cast({"partner": Person("Robin", PRONOUNS["they"]), "you": Person("You", PRONOUNS["she"])})
    s = Session.start(story, cast, seed=1)
    for text in SCRIPT:
        (choice,) = [c for c in s.choices() if c.text == text]
        s.choose(choice.index)
    while not s.is_over:  # then always the first reply on offer
        s.choose(s.choices()[0].index)
    return s


def test_the_flagships_turning_points_are_the_transcripts_biggest_changes() -> None:
    story = load_or_raise(STORIES / "low-tide")
    s = _play_script(story)
    data = build(s)
    expected = _oracle(story, data)
    assert len(expected) >= 2
    assert [t["step"] for t in data["turning_points"]] == expected
    for point in data["turning_points"]:
        step = data["steps"][point["step"]]
        assert point["choice"] == step["choice"]  # quoted as the player read it
        assert point["node"] == step["node"]
        assert point["scene_label"] == "The flat on the estuary"
        assert all(c["text"].startswith(("Heart rate", "Felt safety")) for c in point["changes"])


def test_the_text_player_ends_with_the_turning_points(tmp_path: Path) -> None:
    story = load_or_raise(STORIES / "low-tide")
    s = _play_script(story)
    numbers = []
    replay = Session.start(story, seed=1)
    for step in s.steps:
        offered = [c.index for c in replay.choices()]
        numbers.append(str(offered.index(step.choice) + 1))
        replay.choose(step.choice)
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "low-tide", "--name", "Robin",
         "--pronouns", "they", "--seed", "1"],
        input="\n".join(numbers) + "\n", capture_output=True, text=True, timeout=120,
    ).stdout
    tail = " ".join(out[out.index("Turning points:"):].split())  # as read, not as wrapped
    for point in s.turning_points():
        assert point.text in tail and point.summary.split(",")[0] in tail
    assert "Robin" in out and "Ben" not in tail
