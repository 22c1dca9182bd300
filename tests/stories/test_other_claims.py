"""Every ending of two-bars, long-weekend and the sample says only what its roads did.

Each claim below ties a phrase of an ending's text (as read with the story's own cast) to what
the player must have done, or what must have happened, for the phrase to be true; the
checker (``claims.py``) plays one road of every text variant the road report finds, and
thousands of random roads, and fails on any road that reads a phrase its test denies.
"""

from __future__ import annotations

import json
import shutil

import pytest

from game.story.load import load_or_raise
from tests.conftest import STORIES
from tests.stories.claims import (
    Claim,
    check,
    chose,
    entered,
    last,
    neg,
    never,
    said,
)

SAMPLE = [
    Claim("flooded", "his heart was past a hundred beats a minute", entered("standing"),
          "flooding is only ever named where he stood up, flooded"),
    Claim("flooded", "you told him it made sense", said("validate", at=["standing"]),
          "the validation while flooded"),
    Claim("flooded", "your last reply answered the leaving", last("demand", "criticise", at="standing"),
          "the last reply was to his leaving"),
    Claim("flooded", "you asked for the answer straight away", said("demand"), "a demand"),
    Claim("flooded", "the replies that pressed or found fault", said("demand", "criticise"),
          "pressing or criticising"),
    Claim("flooded", "I'm going to the den.", neg(entered("den")), "he is not in the den already"),
    Claim("haven", "You gave Ben the minute he asked for", entered("ten-minutes"), "the minute"),
    Claim("haven", "you told him it would be all right before he had said what",
          said("reassure", at=["couch"]), "the early reassurance"),
    Claim("haven", "When he said he was bad company, you let him be it",
          said("validate", at=["quiet"]), "validation of 'bad company'"),
    Claim("fine", "you told him it would be all right", said("reassure", at=["couch"]),
          "the early reassurance"),
    Claim("fine", "you went to bed and left it till morning", chose("den", "Go to bed"), "bed"),
    Claim("fine", "Honestly. It's fine.", neg(entered("den")), "said on the couch"),
    Claim("tomorrow", "you offered to leave it till tomorrow",
          chose("return", "You've had enough"), "the offer"),
    Claim("back-inside", "You said yes and meant it, and you did not follow him out with questions",
          chose("balcony", "Till the end of the cup"), "yes to the cup"),
    Claim("back-inside", "you made it conditional on talking after", chose("balcony", "Only if"),
          "the condition"),
    Claim("back-inside", "you named twenty minutes and the balcony",
          chose("standing", "Go on. Twenty minutes"), "the twenty minutes"),
    Claim("back-inside", "You did not knock, and you did not follow.",
          never("demand", "criticise", at=["den"]), "nothing pressing at the den"),
    Claim("back-inside", "The den door opens", entered("den"), "he was in the den"),
    Claim("back-inside", "the cold still coming off his jumper", entered("later"),
          "he was outside"),
]

CLAIMS = {"sample": SAMPLE}
RUNS = {"sample": 1500}


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_every_ending_says_only_what_its_roads_did(name: str) -> None:
    story = load_or_raise(STORIES / name)
    claims = CLAIMS[name]
    found = check(story, claims, runs=RUNS[name], max_states=60_000, samples=1000)
    endings = {n.id for n in story.endings()}
    assert found.reached == endings, f"never reached: {sorted(endings - found.reached)}"
    unseen = [f"{c.ending}: {c.phrase!r}" for c in claims if c not in found.shown]
    assert not unseen, f"claims no road reads (the text changed?): {unseen}"
    assert not found.broken, found.report()


def test_a_claim_whose_condition_is_dropped_is_caught(tmp_path) -> None:
    """The check has teeth: the fine ending's paragraph about early reassurance, shown on
    every road (its `if` removed), is read on the road through the den, which never said it."""
    copy = tmp_path / "sample"
    shutil.copytree(STORIES / "sample", copy)
    data = json.loads((copy / "story.json").read_text("utf-8"))
    data["nodes"]["fine"]["ending"]["debrief"][0].pop("if")
    (copy / "story.json").write_text(json.dumps(data), "utf-8")
    story = load_or_raise(copy)
    found = check(story, SAMPLE, runs=600, max_states=60_000, samples=200)
    broken = {c.phrase for c in found.broken}
    assert "you told him it would be all right" in broken, found.report()
