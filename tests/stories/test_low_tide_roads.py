"""Low Tide's endings say only what is true on every road into them.

The road report (``lowtide explore --endings``) groups the roads into each ending by the text
they read. This test reads every arrival it can find the same way, with the report's own
reader: every ending state of the explorer's search, and playthroughs picked the ways players
and the simulator pick (at random, one reply kind at a time, warm replies first). A claim is a
phrase of an ending as the player reads it and the condition under which it is true; wherever
an arrival's text shows the phrase, the condition must hold in that arrival's state. Checking
every arrival, not one state per group, also catches a claim that holds on a group's shortest
road and fails on a longer one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest

from game.story.expr import compile_condition
from game.story.load import load_or_raise
from game.story.model import Story
from game.story.session import Session
from game.story.text import Moment
from game.tools.explore import search
from game.tools.roads import EndingReader
from game.tools.simulate import make_policy
from tests.conftest import STORIES

MAX_STATES = 120_000
RUNS_PER_POLICY = 150
WARM = "gentle=100,validate=100,appreciate=100,responsibility=100,space=100,soothe=100"

# (ending, phrase as read with the story's own cast, condition that makes it true). Conditions
# read the model where it can say what happened, and seen() where only the road can.
CLAIMS: list[tuple[str, str, str]] = [
    # Still Water: he told it at the counter, because she was steady (more than once, if it says so).
    ("safe-haven", "he opened up before he ever reached the den", "not seen('return')"),
    ("safe-haven", "More than once tonight you steadied yourself", "steadiness >= 2"),
    ("safe-haven", "At the door you put the spoon down", "seen('door-breath')"),
    ("safe-haven", "you filled his glass instead of asking", "seen('dad-quiet')"),
    ("safe-haven", "tonight his did", "arousal < 85"),
    ("safe-haven", "by at least five to one", "positive >= 5 * max(negative, 1)"),
    ("safe-haven", "You didn't pull the story out of him", "coaching == 0"),
    ("safe-haven", "with a reassurance or a plan", "hurried >= 1"),
    # Thank You for Trying: only thanks that were said, and heard.
    ("gratitude", "about the work I actually did", "thanked_work"),
    ("gratitude", "once for the job itself", "thanked_work"),
    ("gratitude", "You thanked him twice", "appreciation == 2"),
    ("gratitude", "You thanked him again and again", "appreciation >= 3"),
    ("gratitude", "yours came when he could hear it", "appreciation >= 2"),
    # Do-Over: the repair the player made, where they made it.
    ("repair", "before I'd even got my coat off", "repair_at == 'door'"),
    ("repair", "When I came out of there", "repair_at == 'return'"),
    ("repair", "when you said that about the car park", "repair_at == 'telling'"),
    ("repair", "you owned your part", "apologies >= 1"),
    ("repair", "before he had flooded", "not outburst"),
    ("repair", "You turned toward him at last", "repair_at == 'couch' or repair_at == 'bed'"),
    ("repair", "said out loud, to you", "told"),
    ("repair", "properly this time", "seen('repair-accepted')"),
    ("repair", "brushing your teeth side by side", "repair_at != 'bed'"),
    ("repair", "nearly asleep", "repair_at == 'bed'"),
    # High Water: twenty quiet minutes, unless it says the last stretch was shorter.
    ("cave-and-return", "at least twenty minutes without pressure", "cave_minutes >= 20"),
    ("cave-and-return", "You didn't knock or ask", "pursuit == 0"),
    ("cave-and-return", "kind words said through the door", "interrupted >= 1"),
    ("cave-and-return", "if only with kind words", "pursuit <= interrupted"),
    ("cave-and-return", "kind words through the door among the rest",
     "pursuit > interrupted and interrupted >= 1"),
    ("cave-and-return", "on his own, the second time", "visits('return') >= 2"),
    ("cave-and-return", "you turned toward it", "bids_met >= 1"),
    # The Door That Doesn't Shut: whether he ever came out, and why he stayed in.
    ("flight-den", "he never came back out", "not seen('return')"),
    ("flight-den", "He came out once", "seen('return')"),
    ("flight-den", "had started to tell you what happened", "told"),
    ("flight-den", "there had been sharp words", "attacks >= 1"),
    ("flight-den", "Felt safety was not what stopped him", "safety >= 40"),
    ("flight-den", "the balance ran the other way", "positive < 5 * max(negative, 1)"),
    ("flight-den", "Most of what you said tonight was warm", "positive >= 5 * max(negative, 1)"),
    ("flight-den", "Kind words count too", "interrupted >= 1"),
    # The Balcony: the steps named are the steps taken.
    ("pursuit", "the knocks,", "seen('den-knock') or seen('knock-2') or seen('knock-3')"),
    ("pursuit", "the messages,", "seen('den-text')"),
    ("pursuit", "the kind words through the gap in the door", "interrupted >= 1"),
    ("pursuit", "the headphones and then the glass door", "seen('pursuit-bedroom')"),
    ("pursuit", "You step out.", "pursuit >= 4"),
    # Side by Side: the bids it names are the bids he made, and the count agrees.
    ("drift", "Nothing went wrong tonight, exactly", "attacks == 0"),
    ("drift", "None of it was cruel", "attacks == 0"),
    ("drift", "the heron on the lock gates, the boiler", "seen('kitchen-phone')"),
    ("drift", "the last crust of bread", "seen('dad-quiet')"),
    ("drift", "'Dad rang earlier' in the dark", "seen('drift-late')"),
    ("drift", "Counting those",
     "bids == 3 + visits('kitchen-phone') + visits('dad-quiet') + visits('drift-late')"),
    ("drift", "the letting agent wanted an answer", "seen('kitchen-phone') or seen('dad-away')"),
    ("drift", "from different ends of the room", "repair_at != 'couch'"),
    ("drift", "when you did reach for him, at the end", "seen('drift-turn')"),
    # Both of You at Once: the attacks it names.
    ("fight", "There was sarcasm", "contempt >= 1"),
    ("fight", "two flooded people", "arousal >= 100"),
    ("fight", "Once his heart rate passed 100", "outburst"),
    ("fight", "There was criticism", "attacks > contempt"),
    ("fight", "Near the end you tried to stop it", "repair_at == 'fight'"),
    # Statue.
    ("flight", "By the end his heart rate was past 100", "arousal >= 100"),
    # Walking by the Water: what was said at the door, and what was still in the kitchen. ("By
    # the time he stood up, his pulse was past 100" is about the node before: every way into
    # `leaving` is a route that needs arousal >= 100.)
    ("flight-door", "asked for a text on the way back", "door == 'break'"),
    ("flight-door", "'if you walk out that door' was meant to keep him", "door == 'threat'"),
    ("flight-door", "you stood in his way", "door == 'blocked'"),
    ("flight-door", "The soup pot is still on the cooker", "not seen('cave-wait-3')"),
    # After the Noise: calm when it counted, and only as calm as it was.
    ("anger-aftermath", "you didn't pile on", "shame == 0"),
    ("anger-aftermath", "For a while you were both shouting", "seen('fight-escalates')"),
    ("anger-aftermath", "twenty minutes on the balcony", "seen('fight-break')"),
    ("anger-aftermath", "What you said about two hours ago", "seen('second-check')"),
    ("anger-aftermath", "guilt, not shame, had the last word", "guilt >= shame"),
    ("anger-aftermath", "told you what had happened", "told"),
    ("anger-aftermath", "you found your way back to it", "shame >= 1 and not seen('second-check')"),
    ("anger-aftermath", "Tonight you managed it,", "shame == 0"),
    # The Second Wave.
    ("second-eruption", "the day he had just told you about", "told"),
    ("second-eruption", "the day you never got to hear about", "not told"),
    ("second-eruption", "you defended yourself", "not seen('second-check')"),
    ("second-eruption", "the thing about two hours ago", "seen('second-check')"),
    # The Right Answer: corrected, hurried or made to look after you, as many times as it says.
    ("not-good-enough", "you sent him back for better ones", "coaching > hurried"),
    ("not-good-enough", "I can't even get sad right", "coaching > hurried"),
    ("not-good-enough", "you hurried past it", "hurried >= 1"),
    ("not-good-enough", "More than once you hurried", "hurried >= 2"),
    ("not-good-enough", "you've made it better before I've said it", "hurried >= 2"),
    ("not-good-enough", "you said sorry when there was nothing to own", "carried >= 1"),
    ("not-good-enough", "More than once you said sorry", "carried >= 2"),
    ("not-good-enough", "now you're upset as well", "carried >= 1"),
    ("not-good-enough", "'annoyed makes sense'", "seen('coach-1')"),
    # ... and in bed, where the drift's late turning toward tells it, there is no bathroom fan.
    ("not-good-enough", "I'm going to have a shower", "not seen('bed-repair')"),
    ("not-good-enough", "The bathroom fan runs", "not seen('bed-repair')"),
    ("not-good-enough", "to face the wall", "seen('bed-repair')"),
]


@dataclass(frozen=True)
class Arrival:
    node: str
    moment: Moment
    text: str  # lines, title and debrief as read
    road: tuple[str, ...]  # the replies that led here, as the player read them


@cache
def _story() -> Story:
    return load_or_raise(STORIES / "low-tide")


def _text(reader: EndingReader, story: Story, node: str, moment: Moment) -> str:
    _, text, _ = reader.read(story.nodes[node], moment)
    lines = "\n".join(t for _, _, t in text.lines)
    return f"{lines}\n{text.title}\n{text.debrief}"


def _arrivals(story: Story) -> Iterator[Arrival]:
    """Every ending state of the search, then seeded playthroughs under many policies."""
    reader = EndingReader(story)
    graph = search(story, max_states=MAX_STATES)
    for sid in graph.ending_states:
        node = graph.keys[sid][0]
        moment = graph.moment(sid)
        yield Arrival(node, moment, _text(reader, story, node, moment),
                      tuple(s.shown for s in graph.road(sid)))
    policies = ["random", WARM, *(f"{kind}=100" for kind in sorted(story.kinds))]
    rng = random.Random(11)
    for spec in policies:
        pick = make_policy(spec, story)
        for _ in range(RUNS_PER_POLICY):
            session = Session.start(story, seed=0)
            while not session.is_over and len(session.steps) < 200:
                session.choose(pick(session, session.choices(), rng).index)
            if session.ending is None:
                continue
            moment = Moment(session.values, session.visits, session.turn, session.node_id, None)
            yield Arrival(session.node_id, moment, _text(reader, story, session.node_id, moment),
                          tuple(s.text for s in session.steps))


@cache
def _all_arrivals() -> tuple[Arrival, ...]:
    return tuple(_arrivals(_story()))


def test_every_ending_is_reached() -> None:
    reached = {a.node for a in _all_arrivals()}
    missing = [n.id for n in _story().endings() if n.id not in reached]
    assert not missing, f"endings no road reached: {missing}"


def test_every_claim_is_still_in_its_ending() -> None:
    """A phrase no arrival shows is a claim the text no longer makes: keep the table true."""
    story = _story()
    endings = {n.id for n in story.endings()}
    seen = {(a.node, phrase) for a in _all_arrivals() for e, phrase, _ in CLAIMS
            if e == a.node and phrase in a.text}
    stale = [(e, p) for e, p, _ in CLAIMS if e not in endings or (e, p) not in seen]
    assert not stale, f"claims whose phrase no road reads: {stale}"


def test_claims_only_read_what_the_search_tracks() -> None:
    """seen() of a node the story never reads is not kept in the search's states."""
    story = _story()
    graph = search(story, max_states=1)
    variables = {v.id: v.info for v in story.variables.values()}
    for _, _, source in CLAIMS:
        condition = compile_condition(source, variables)
        untracked = [n for n, _ in condition.nodes if n not in graph.watched]
        assert not untracked, f"'{source}' reads {untracked}, which the search does not track"


@pytest.mark.parametrize("ending", sorted({e for e, _, _ in CLAIMS}))
def test_no_road_contradicts_its_ending(ending: str) -> None:
    story = _story()
    variables = {v.id: v.info for v in story.variables.values()}
    claims = [(p, compile_condition(c, variables)) for e, p, c in CLAIMS if e == ending]
    wrong: dict[tuple[str, str], Arrival] = {}
    for arrival in _all_arrivals():
        if arrival.node != ending:
            continue
        for phrase, condition in claims:
            if phrase in arrival.text and not condition.fn(arrival.moment.values, arrival.moment):
                best = wrong.get((phrase, condition.source))
                if best is None or len(arrival.road) < len(best.road):
                    wrong[(phrase, condition.source)] = arrival
    report = [
        f"'{phrase}' needs {source}, and this road reads it without:\n  "
        + "\n  ".join(f"{i}. {r}" for i, r in enumerate(a.road, 1))
        for (phrase, source), a in wrong.items()
    ]
    assert not report, f"{ending}:\n" + "\n".join(report)
