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
    after,
    all_of,
    any_of,
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

NEG = ("criticise", "mock", "demand", "follow", "defend", "turn-away")
WARM_WORDS = ("gentle", "validate", "reassure", "appreciate", "fix")
CAVE = ("needs-a-bit", "cave-quiet", "cave-long", "cave-pursued", "going-to-bed")
REACHING = ("details", "holding-up", "eaten", "garden", "buttons", "trying-to-feel", "snap-quiet",
            "tells-you", "voice-note")
COMMANDS = ("details", "fine-thing", "holding-up", "buttons", "trying-to-feel")


def missed(n: int):
    """Reaches missed: a turn away, or silence or a break offered while he reached out."""
    return any_of(
        said("turn-away", n=n),
        lambda p: sum(s.kind == "turn-away" or (s.kind in ("soothe", "space") and s.node in REACHING)
                      for s in p.steps) >= n,
    )


def value_test(test):
    return lambda p: test(p.session.value)


TWO_BARS = [
    Claim("voice-at-midnight", "went quiet in the garden", neg(entered("going-to-bed")),
          "he never went to bed"),
    Claim("voice-at-midnight", "first in bed and then out in the garden", entered("going-to-bed"),
          "he went to bed first"),
    Claim("he-calls", "Not one thing you sent all night was sharp, pushing or cool", never(*NEG),
          "no sharp reply"),
    Claim("he-calls", "Not every reply landed softly", any_of(said(*NEG), missed(1)),
          "a sharp reply or a missed reach"),
    Claim("he-calls", "You noticed what he had been carrying all day",
          said("validate", at=["details"]), "the reply that noticed"),
    Claim("he-calls", "More than once you told him plainly what you valued", said("appreciate", n=2),
          "two thanks"),
    Claim("he-calls", "Once, you stopped to tell him what you valued",
          all_of(said("appreciate"), neg(said("appreciate", n=2))), "exactly one thanks"),
    Claim("he-calls", "outnumbered the sharp ones by five to one",
          value_test(lambda v: v("positive") >= 5 * max(v("negative"), 1)), "five to one"),
    Claim("he-calls", "When he had said it, you offered a plan", said("fix", at=["tells-you"]),
          "the plan after the telling"),
    Claim("he-calls", "would he go back?", entered("moving-back"), "the question"),
    Claim("voice-at-midnight", "you had already told him it would all be okay, before he had said",
          said("reassure", at=["first-message", "cave-quiet"]), "the early reassurance"),
    Claim("voice-at-midnight", "One kind message did go out into that quiet",
          all_of(said(*WARM_WORDS, at=CAVE), neg(said(*WARM_WORDS, at=CAVE, n=2))), "one knock"),
    Claim("voice-at-midnight", "you didn't ask for the future at midnight", neg(entered("moving-back")),
          "no question about moving back"),
    Claim("voice-at-midnight", "Your first answer asked for the future", entered("moving-back"),
          "the question about moving back"),
    Claim("told-closed", "Your answer was “ok x”", chose("voice-note", "Type: “ok x”"), "ok x"),
    Claim("told-closed", "Your answer was to offer a break", said("space", at=["tells-you"]), "sleep on it"),
    Claim("told-closed", "You put the phone down to let it land", said("soothe", at=["tells-you"]),
          "silence"),
    Claim("told-closed", "Your answer was an apology", said("responsibility", at=["voice-note"]),
          "the apology"),
    Claim("told-closed", "out loud, from his parents' garden", entered("voice-note"), "the voice note"),
    Claim("told-closed", "a few lines at a time", entered("tells-you"), "typed"),
    Claim("just-here", "what you sent into that quiet was kind", said(*WARM_WORDS, at=CAVE, n=2),
          "two kind messages"),
    Claim("just-here", "Earlier there had been calls as well", said("follow"), "a chase"),
    Claim("just-here", "You had already told him it would be okay", said("reassure"), "reassurance"),
    Claim("delivered", "You rang when he had asked for texts", entered("rings-out"), "a call"),
    Claim("delivered", "and rang again after the first call was turned down", entered("rings-again"),
          "a second call"),
    Claim("delivered", "whether he would move back, and then asked again",
          entered("moving-back-check"), "asked twice"),
    Claim("nine-oclock", "calls he had asked you not to make", entered("rings-out"), "a call"),
    Claim("nine-oclock", "the need to hear his voice right now", entered("need-your-voice"),
          "the demand to hear him"),
    Claim("nine-oclock", "whether he would move back, and then asked again",
          entered("moving-back-check"), "asked twice"),
    Claim("nine-oclock", "the thing he couldn't type at midnight came out",
          neg(entered("tells-you", "voice-note")), "not yet said"),
    Claim("nine-oclock", "the one he couldn't type at midnight", neg(entered("tells-you", "voice-note")),
          "not yet said"),
    Claim("not-for-you", "a reply that spoke down to him", said("mock"), "contempt"),
    Claim("not-for-you", "being chased after asking for quiet", said("follow", n=2), "chased"),
    Claim("not-for-you", "You owned your part straight away", said("responsibility", at=["snap"]),
          "owned"),
    Claim("not-for-you", "You told him it made complete sense", said("validate", at=["snap"]),
          "validated while flooded"),
    Claim("not-for-you", "In the heat of it you hit back", said("mock", "defend", at=["snap"]),
          "hit back"),
    Claim("not-for-you", "You said it wasn't fair, that you understood",
          said("validate", at=["snap-quiet"]), "the calm answer"),
    Claim("second-eruption", "Contempt lands harder", said("mock"), "contempt"),
    Claim("second-eruption", "being chased after asking for quiet", said("follow", n=2), "chased"),
    Claim("second-eruption", "Agreeing that it had been cruel", said("criticise", at=["snap-quiet"]),
          "agreed"),
    Claim("second-eruption", "Mocking the apology", said("mock", at=["snap-quiet"]), "mocked"),
    Claim("second-eruption", "You didn't answer it", said("soothe", at=["snap-quiet"]), "silence"),
    Claim("second-eruption", "You answered it well", said("validate", at=["snap-quiet"]),
          "the calm answer"),
    Claim("cant-get-it-right", "instructions about how to feel",
          any_of(chose("details", "Don't do the"), said("criticise", "demand", at=COMMANDS)),
          "an instruction to feel"),
    Claim("cant-get-it-right", "more than once you told him how", said("criticise", "demand", "fix", n=2),
          "two instructions or plans"),
    Claim("cant-get-it-right", "Some of it came as plans", said("fix"), "a plan"),
    Claim("cant-get-it-right", "“Tired, and sad I think”", entered("trying-to-feel"), "he tried"),
    Claim("goodnight", "the half-sentence in the garden", entered("garden"), "the garden"),
    Claim("goodnight", "More than once your reply went past the reach", missed(2), "two misses"),
    Claim("goodnight", "At least once your reply went past the reach", missed(1), "a miss"),
    Claim("goodnight", "You told him early on that it would all be okay",
          said("reassure", at=["first-message", "cave-quiet"]), "the early reassurance"),
    Claim("goodnight", "the cool and sharp replies kept pace with the warm ones",
          value_test(lambda v: v("negative") >= v("positive")), "kept pace"),
    Claim("goodnight", "He never got to the point of saying what was really wrong",
          neg(entered("tells-you", "voice-note")), "unsaid"),
    Claim("goodnight", "you will hear about it eventually", neg(entered("tells-you", "voice-note")),
          "unsaid"),
    Claim("goodnight", "He did say it, in the end", entered("tells-you", "voice-note"), "said"),
    Claim("goodnight", "your first answer asked for the future", entered("moving-back"), "the question"),
]

SHARP = ("criticise", "mock", "demand", "follow", "defend")
APART = ("porch", "porch-long", "mother-on-porch")
LIDS = ("washing-up", "bench-invite", "porch")


def owed_at(node: str):
    """A sharp reply, not yet owned by an apology, when the player replied at ``node``."""

    def check(p) -> bool:
        owed = False
        for s in p.steps:
            if s.node == node:
                return owed
            owed = (owed or s.kind in SHARP) and s.kind != "responsibility"
        return owed

    return check


LONG_WEEKEND = [
    Claim("two-teas", "You dried the glasses", chose("washing-up", "Pick up the tea towel"), "drying"),
    Claim("two-teas", "you put a hand on her knee at the table", chose("nightcap", "Put your hand"),
          "the hand on the knee"),
    Claim("two-teas", "with nothing sharp at all", never(*SHARP), "nothing sharp"),
    Claim("two-teas", "the stars included", entered("bench-stars"), "the stars"),
    Claim("two-teas", "you offered the one plan", said("fix", at=["bench-tells"]), "the plan"),
    Claim("shed-light", "You sent her off with a sharp word", said("mock"), "contempt"),
    Claim("shed-light", "nobody knocked and nothing arrived on her phone",
          never(*WARM_WORDS, at=APART), "no texts"),
    Claim("shed-light", "One text did go down the garden",
          all_of(said(*WARM_WORDS, at=APART), neg(said(*WARM_WORDS, at=APART, n=2))), "one text"),
    Claim("shed-light", "Earlier you had told her it was all fine", said("reassure", at=LIDS),
          "the early reassurance"),
    Claim("shed-light", "you had been rehearsing on the porch", entered("porch"), "the porch"),
    Claim("shed-light", "At the table you whispered a plan", chose("nightcap", "Whisper"), "the plan"),
    Claim("start-again", "you said what you had been thinking since the potatoes", entered("lisbon"),
          "the outburst at the sink"),
    Claim("start-again", "you asked for the conversation there and then",
          said("demand", at=["washing-up"]), "the demand at the sink"),
    Claim("start-again", "One mistake, quickly owned",
          all_of(said("responsibility", at=["lisbon"]),
                 lambda p: sum(k in SHARP for k in p.kinds()) == 1), "one sharp word, owned"),
    Claim("start-again", "It took you two goes to catch it", all_of(entered("lisbon"), entered("not-here")),
          "two sharp words"),
    Claim("start-again", "nothing sharp came after it to undo it", after("drying", never(*SHARP)),
          "nothing sharp after the repair"),
    Claim("start-again", "when you said sorry straight away",
          all_of(said("responsibility", at=["lisbon"]), neg(entered("not-here"))), "at once"),
    Claim("bolted", "stepped after her: down the garden", entered("garden-follow"), "the garden"),
    Claim("bolted", ", to the shed door", entered("shed-door"), "the shed door"),
    Claim("bolted", ", up the stairs", said("follow", at=["upstairs"]), "the stairs"),
    Claim("bolted", "on the inside of the shed door", neg(entered("upstairs")), "she is in the shed"),
    Claim("morning-tea", "a conversation asked for in the kitchen", entered("not-here"), "the kitchen"),
    Claim("morning-tea", "then again in the garden", entered("garden-follow"), "the garden"),
    Claim("glasses", "a reply that spoke down to her", said("mock"), "contempt"),
    Claim("glasses", "being followed when she had gone off to be alone", said("follow", "demand", n=2),
          "pursued"),
    Claim("glasses", "You owned your part straight away", said("responsibility", at=["snap"]), "owned"),
    Claim("glasses", "You told her she was right to be angry", said("validate", at=["snap"]),
          "validated while flooded"),
    Claim("glasses", "In the heat of it you hit back", said("mock", "defend", at=["snap"]), "hit back"),
    Claim("glasses", "You said she didn't sound like her", said("validate", at=["snap-quiet"]),
          "the calm answer"),
    Claim("slammed", "the ones that spoke down to her", said("mock"), "contempt"),
    Claim("slammed", "you followed her into the quiet she had asked for", said("follow", "demand", n=2),
          "pursued"),
    Claim("slammed", "Agreeing that it had been unforgivable", said("criticise", at=["snap-quiet"]),
          "agreed"),
    Claim("slammed", "You didn't answer. You sat down and breathed", said("soothe", at=["snap-quiet"]),
          "silence"),
    Claim("slammed", "You answered it well", said("validate", at=["snap-quiet"]), "the calm answer"),
    Claim("podcast", "a story about Granny's glasses", entered("drying"), "the glasses"),
    Claim("podcast", "a knee against yours at the table", entered("nightcap"), "the table"),
    Claim("podcast", "a shed with its light left on",
          entered("she-goes-out", "you-said-it", "bench-shed"), "she went to the shed"),
    Claim("podcast", ", and in the end the real thing itself", entered("bench-tells", "shed-return"),
          "told"),
    Claim("podcast", "Here the sharp ones kept pace", value_test(lambda v: v("negative") >= v("positive")),
          "kept pace"),
    Claim("podcast", "Most of what you said was warm", value_test(lambda v: v("negative") < v("positive")),
          "mostly warm"),
    Claim("podcast", "So it stays unsaid.", neg(entered("bench-tells", "shed-return")), "unsaid"),
    Claim("podcast", "She said it, in the end.", entered("bench-tells", "shed-return"), "said"),
    Claim("podcast", "At the table you whispered a plan", chose("nightcap", "Whisper"), "the plan"),
    Claim("podcast", "what you said on the stairs named no time",
          said("reassure", "turn-away", at=["upstairs"]), "no time named on the stairs"),
    Claim("podcast", "before she came back up the garden", neg(entered("upstairs")),
          "she was in the shed, not her room"),
    Claim("told-closed", "on the bench, under the damson", entered("bench-tells"), "the bench"),
    Claim("told-closed", "came back up the garden and told you", entered("shed-return"), "the porch"),
    Claim("told-closed", "offer to leave it until you were home", said("space", at=["bench-tells"]),
          "the break"),
    Claim("told-closed", "There was nothing for you to own",
          all_of(said("responsibility", at=["shed-return"]), neg(owed_at("shed-return"))), "over-apology"),
    Claim("told-closed", "so we just let them carry on?", said("demand", at=["shed-return"]), "the push"),
    Claim("told-closed", "a glance at the landing window", said("turn-away", at=["shed-return"]), "the glance"),
    Claim("still-here", "What you sent down the garden after her was kind",
          said(*WARM_WORDS, at=APART, n=2), "two kind texts"),
    Claim("still-here", "You had already told her it was all fine", said("reassure", at=LIDS),
          "the early reassurance"),
]

CLAIMS = {"sample": SAMPLE, "two-bars": TWO_BARS, "long-weekend": LONG_WEEKEND}
RUNS = {"sample": 1000, "two-bars": 2000, "long-weekend": 2000}  # the road report adds its own
SAMPLES = {"sample": 300, "two-bars": 2500, "long-weekend": 2500}


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_every_ending_says_only_what_its_roads_did(name: str) -> None:
    story = load_or_raise(STORIES / name)
    claims = CLAIMS[name]
    found = check(story, claims, runs=RUNS[name], max_states=30_000, samples=SAMPLES[name])
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
