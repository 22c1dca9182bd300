"""A hint for each ending not found yet, different for every ending of a story.

Derived from the story, never its title: an ending's dynamic explains it when no other ending
of the story shows the same dynamic; otherwise the first words of how the ending opens tell it
apart (three endings of flight: one in the hall at half past eleven, one with the door, one
that stays in the room), or of its debrief when it has no lines. The partner is not named in
them ("your partner", they/them): the player may not have named them yet. This is the one
place the gallery and the flowchart take their locked endings' hints from.
"""

from __future__ import annotations

import re
from collections import Counter

from game.story.model import Node, Story
from game.story.text import PRONOUNS, Cast, Moment, Person, Template, render

TEASER_WORDS = 12
UNNAMED = "your partner"


def unnamed_cast(story: Story) -> Cast:
    """The story's cast with the partner not named yet: "your partner", they/them."""
    people = dict(story.default_cast().people)
    partner = story.partner
    if partner is not None:
        people[partner.id] = Person(UNNAMED, PRONOUNS["they"])
    return Cast(people)


def read_unnamed(story: Story, template: Template, node: str = "") -> str:
    """A text of ``story`` as it reads at the start of a playthrough with the partner unnamed:
    an inline condition decided on the starting values, an alternative at its first visit."""
    return read(story, template, None, node)


def read(story: Story, template: Template, cast: Cast | None, node: str = "") -> str:
    """A text of ``story`` read outside play (a card, a gallery): with the player's ``cast``
    when there is one, else with the partner unnamed; at the starting values and a first
    visit."""
    values = story.initial_values
    variables = story.variables
    moment = Moment(values, {}, 0, node, 0)
    text = render(template, cast or unnamed_cast(story),
                  lambda name: values[variables[name].slot], moment)
    return text if cast is not None else _sentences(text)


def unnamed_blurb(story: Story) -> str:
    """A story's blurb before the player has named the partner ("your partner" where the
    blurb names them)."""
    return read_unnamed(story, story.blurb_template) if story.blurb else ""


def _sentences(text: str) -> str:
    """Capitals where a sentence starts with the unnamed partner ("your partner" → "Your")."""
    return re.sub(r"(^|[.!?]\s+|[“\"]\s*)(y)(our partner)", lambda m: m[1] + "Y" + m[3], text)


def teaser(story: Story, node: Node) -> str:
    """The opening words of an ending, as a reader would meet them: its first line that
    always shows (else its first line), or the first paragraph of its debrief."""
    template: Template = ()
    if node.lines:
        line = next((li for li in node.lines if li.condition is None), node.lines[0])
        template = line.template
    elif node.ending is not None and node.ending.paragraphs:
        paragraphs = node.ending.paragraphs
        template = next((p for p in paragraphs if p.condition is None), paragraphs[0]).template
    words = read_unnamed(story, template, node.id).split()
    cut = " ".join(words[:TEASER_WORDS])
    return cut + ("…" if len(words) > TEASER_WORDS else "")


def hints(story: Story) -> dict[str, str]:
    """A one-line hint for every ending of ``story``, by node id; no two alike."""
    endings = story.endings()
    shared = Counter(n.ending.dynamic for n in endings if n.ending is not None)
    out: dict[str, str] = {}
    for node in endings:
        ending = node.ending
        assert ending is not None
        dyn = story.dynamics.get(ending.dynamic or "")
        if dyn is not None and dyn.summary and shared[ending.dynamic] == 1:
            out[node.id] = read_unnamed(story, dyn.summary_template, node.id)
        else:
            opening = teaser(story, node)
            label = f"{dyn.label}: " if dyn is not None else ""
            out[node.id] = f"{label}{opening}" if opening else f"{label}an ending not found yet"
    taken = Counter(out.values())
    seen: Counter[str] = Counter()
    for nid, text in out.items():  # endings that open alike: numbered, still never named
        if taken[text] > 1:
            seen[text] += 1
            out[nid] = f"{text} ({seen[text]} of {taken[text]})"
    return out
