"""Names, pronouns and variables in story text, and reading a parsed text at a moment of play.

Text is parsed into a template once, when the story loads (``game.story.template``), so
producing a line at play time is a walk over ready parts. The player may rename characters and
pick pronouns; a ``Cast`` carries those choices. Inline forms (``{if ...}``, ``{seq: ...}``
and the other alternatives) read the ``Moment`` the text is shown at.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Pronouns:
    subject: str
    object: str
    possessive: str
    possessive_pronoun: str
    reflexive: str
    plural: bool = False

    def to_json(self) -> str | dict[str, Any]:
        for name, value in PRONOUNS.items():
            if value == self:
                return name
        return {
            "subject": self.subject,
            "object": self.object,
            "possessive": self.possessive,
            "possessive_pronoun": self.possessive_pronoun,
            "reflexive": self.reflexive,
            "plural": self.plural,
        }

    @classmethod
    def from_json(cls, value: Any) -> Pronouns:
        """Pronouns from "he"/"she"/"they" or an object of the five forms; ValueError if neither."""
        if isinstance(value, str) and value in PRONOUNS:
            return PRONOUNS[value]
        if isinstance(value, dict):
            try:
                return cls(
                    subject=str(value["subject"]),
                    object=str(value["object"]),
                    possessive=str(value["possessive"]),
                    possessive_pronoun=str(value["possessive_pronoun"]),
                    reflexive=str(value["reflexive"]),
                    plural=bool(value.get("plural", False)),
                )
            except KeyError as missing:
                raise ValueError(f"pronouns need the form {missing}") from None
        raise ValueError(f"unknown pronouns {value!r}")

    @classmethod
    def parse(cls, text: str) -> Pronouns:
        """Pronouns typed by a player: "he", "she", "they" or "xe/xem/xyr/xyrs/xemself"."""
        word = text.strip().lower()
        if word in PRONOUNS:
            return PRONOUNS[word]
        for alias, name in (("he/him", "he"), ("she/her", "she"), ("they/them", "they")):
            if word == alias:
                return PRONOUNS[name]
        parts = [p.strip() for p in re.split(r"[/,\s]+", text.strip()) if p.strip()]
        if len(parts) == 5:
            return cls(*parts)
        raise ValueError("type he, she, they, or five forms like xe/xem/xyr/xyrs/xemself")


PRONOUNS: dict[str, Pronouns] = {
    "he": Pronouns("he", "him", "his", "his", "himself"),
    "she": Pronouns("she", "her", "her", "hers", "herself"),
    "they": Pronouns("they", "them", "their", "theirs", "themself", plural=True),
}

# Form name -> (singular, plural) for verb agreement; pronoun forms look up the Pronouns.
_PRONOUN_FORMS = {
    "they": "subject",
    "them": "object",
    "their": "possessive",
    "theirs": "possessive_pronoun",
    "themself": "reflexive",
}
_VERB_FORMS = {
    "are": ("is", "are"),
    "were": ("was", "were"),
    "have": ("has", "have"),
    "do": ("does", "do"),
    "s": ("s", ""),
    "es": ("es", ""),
    "they're": ("'s", "'re"),
}
FORMS = tuple(_PRONOUN_FORMS) + tuple(_VERB_FORMS)


@dataclass(frozen=True)
class Person:
    """A character as this playthrough calls them."""

    name: str
    pronouns: Pronouns

    def form(self, form: str) -> str:
        if form in _PRONOUN_FORMS:
            return getattr(self.pronouns, _PRONOUN_FORMS[form])
        singular, plural = _VERB_FORMS[form]
        if form == "they're":
            return self.pronouns.subject + (plural if self.pronouns.plural else singular)
        return plural if self.pronouns.plural else singular


@dataclass(frozen=True)
class Cast:
    """Names and pronouns by character id, as the player set them."""

    people: Mapping[str, Person] = field(default_factory=dict)

    def person(self, character: str) -> Person:
        return self.people[character]


# A part is a literal string or a tuple: ("name", char, cap) / ("form", char, form, cap) /
# ("var", name) / ("if", start, condition, then, otherwise, condition_start) /
# ("alt", start, form, items) for the forms seq, cycle, shuffle and once. Templates with no
# placeholders are plain strings. ``game.story.template`` makes them.
Part = str | tuple
Template = tuple[Part, ...]


@dataclass(frozen=True)
class Moment:
    """What a text with inline forms reads at: the values (by slot), visit counts and turn as
    the text is shown, the node showing it and the session's seed.

    It is also the context conditions see (``visits``, ``turn``). A ``seed`` of None stands
    for no session in particular: a shuffle then shows all its items ("[one of: A / B]").
    """

    values: Sequence[Any]
    visits: Mapping[str, int]
    turn: int = 0
    node: str = ""
    seed: int | None = 0

    @property
    def visit(self) -> int:
        """How many times the node has been entered (1 on the first visit)."""
        return max(1, self.visits.get(self.node, 0))


# How an inline form was read, for tools: (start of the form in its text, form, branch shown).
# The branch is an index (for "if", 0 when the condition held, 1 otherwise), or None for an
# alternative that shows nothing on this visit, or a shuffle with no session to pick for it.
Decision = tuple[int, str, int | None]


def alternative(form: str, count: int, moment: Moment | None, start: int) -> int | None:
    """Which item of ``{seq|cycle|shuffle|once: ...}`` a visit shows (None: nothing)."""
    visit = moment.visit if moment is not None else 1
    if form == "seq":
        return min(visit, count) - 1
    if form == "cycle":
        return (visit - 1) % count
    if form == "once":
        return visit - 1 if visit <= count else None
    if moment is None or moment.seed is None:
        return None
    # A pick of its own for each session, node, visit and form: saves, rollback and
    # transcripts read the same. (A string seed is hashed with SHA-512: stable everywhere.)
    return random.Random(f"{moment.seed}/{moment.node}/{visit}/{start}").randrange(count)


def is_plain(template: Template) -> bool:
    return all(isinstance(p, str) for p in template)


def render(
    template: Template,
    cast: Cast,
    value_of: Callable[[str], Any],
    moment: Moment | None = None,
    trace: list[Decision] | None = None,
) -> str:
    """The text as this playthrough reads it at ``moment``.

    Without a moment (a preview, outside play) an ``{if}`` shows its text and an alternative
    its first item. ``trace``, when given, receives how each inline form was read. A text
    with inline forms is tidied once read (``tidy``), so it reads right whichever branch
    shows; other texts are exactly as written.
    """
    out: list[str] = []
    _render(template, cast, value_of, moment, trace, out)
    text = "".join(out)
    if any(type(p) is tuple and p[0] in _INLINE for p in template):
        return tidy(text)
    return text


_INLINE = ("if", "alt")
_SPACES = re.compile(r"[ \t]{2,}")
_BEFORE_STOP = re.compile(r"[ \t]+(?=[,.;:!?)\]\u201d\u2019\u2026])")


def tidy(text: str) -> str:
    """The spaces of a text read from inline forms: runs of spaces become one, none before
    , . ; : ! ? ) ] ” ’ or …, and none at either end of the text or of a line in it."""
    text = _BEFORE_STOP.sub("", _SPACES.sub(" ", text))
    return "\n".join(line.strip(" \t") for line in text.split("\n"))


def _render(
    template: Template,
    cast: Cast,
    value_of: Callable[[str], Any],
    moment: Moment | None,
    trace: list[Decision] | None,
    out: list[str],
) -> None:
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        tag = part[0]
        if tag == "name":
            out.append(cast.people[part[1]].name)
        elif tag == "form":
            word = cast.people[part[1]].form(part[2])
            out.append(word[:1].upper() + word[1:] if part[3] else word)
        elif tag == "var":
            out.append(format_value(value_of(part[1])))
        elif tag == "if":
            holds = moment is None or bool(part[2].fn(moment.values, moment))
            if trace is not None:
                trace.append((part[1], "if", 0 if holds else 1))
            _render(part[3] if holds else part[4], cast, value_of, moment, trace, out)
        else:
            items = part[3]
            pick = alternative(part[2], len(items), moment, part[1])
            if trace is not None:
                trace.append((part[1], part[2], pick))
            if pick is not None:
                _render(items[pick], cast, value_of, moment, trace, out)
            elif part[2] == "shuffle":  # no session to pick for: every item, marked
                shown = []
                for item in items:
                    shown.append(render(item, cast, value_of, moment))
                out.append("[one of: " + " / ".join(shown) + "]")


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"
    return str(value)
