"""Checks for slips writers make in prose: text left from ``new-branch``'s placeholder,
``{partner.their}`` where ``theirs`` is meant, a variable written with a ``$``, and a line or
a reply left empty."""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.story.diagnostics import Diagnostic
from game.tools.checks.base import Facts
from game.tools.checks.texts import all_texts, distinct_texts

# What `lowtide new-branch` writes for a writer to replace (game/tools/scaffold.py uses these).
PLACEHOLDER_NODE = ("Write what happens here. Add lines, a speaker, choices; see "
                    "docs/writing-a-branch.md.")
PLACEHOLDER_REPLY = "Write the reply that leads into {name}."
_PLACEHOLDERS = (
    re.compile(r"Write what happens here\.", re.IGNORECASE),
    re.compile(r"Write the reply that leads into \S+?\.", re.IGNORECASE),
)

# {partner.their} is a word that needs a noun after it ("his coat"); standing alone, or
# followed by a verb, the writer meant {partner.theirs} ("the choice is his", "his stayed").
_THEIR = re.compile(r"\{\s*([A-Za-z][\w-]*)\.(their|Their)\s*\}")
_NEXT_WORD = re.compile(r"\s*([A-Za-z']+|\{[^{}]*\}|[^\sA-Za-z{])?")
# Words that follow a possessive pronoun standing as a subject: verbs, never nouns (so not
# "felt" or "held", which also come before one: "their felt safety").
_VERB_WORDS = (
    "is was are were has had have does did do will would can could should must might may "
    "isn't wasn't aren't weren't hasn't hadn't haven't doesn't didn't won't wouldn't can't "
    "couldn't shouldn't stayed stays stay went goes came comes holds stood stands sat sits "
    "said says feels looked looks seemed seems needed needs got gets kept keeps lay lies"
)
_VERBS = frozenset(_VERB_WORDS.split())
_ALONE = frozenset(",.;:!?)\u201d\u2019\u2026")  # punctuation that ends the phrase
_VERB_FORM = re.compile(r"\{\s*[A-Za-z][\w-]*\.(are|were|have|do|s|es)\s*\}", re.IGNORECASE)

_DOLLAR = re.compile(r"\$\{?([A-Za-z_]\w*)")


def placeholder_text(facts: Facts) -> Iterator[Diagnostic]:
    """LT513: text that `new-branch` wrote for the writer to replace, still there."""
    for text in all_texts(facts, "rite "):
        for pattern in _PLACEHOLDERS:
            m = pattern.search(text.text)
            if m is not None:
                yield facts.diag(
                    "LT513",
                    f"'{m.group(0)}' is the placeholder new-branch wrote: replace it with what "
                    "the player reads here",
                    text.file, text.pointer(facts), offset=m.start(),
                )
                break


def their_for_theirs(facts: Facts) -> Iterator[Diagnostic]:
    """LT514: ``{partner.their}`` standing alone or followed by a verb, where ``theirs`` is
    meant: "the last word was {partner.their}." reads "the last word was his.", but "their."
    for a partner who is "they"."""
    characters = facts.story.characters
    for text in all_texts(facts, "heir"):
        for m in _THEIR.finditer(text.text):
            who, form = m.group(1), m.group(2)
            if who[:1].lower() + who[1:] not in characters:
                continue
            after = _NEXT_WORD.match(text.text, m.end())
            word = after.group(1) if after is not None else None
            if word is None:
                why = "ends the text"
            elif word in _ALONE:
                why = f"stands alone before '{word}'"
            elif word.lower() in _VERBS or _VERB_FORM.fullmatch(word):
                why = f"is followed by the verb '{word}'"
            else:
                continue
            meant = "Theirs" if form == "Their" else "theirs"
            yield facts.diag(
                "LT514",
                f"'{m.group(0)}' {why}: '{{{who}.{form}}}' needs a noun after it (his coat, "
                f"their coat); for the one standing alone write '{{{who}.{meant}}}' (his, "
                "hers, theirs)",
                text.file, text.pointer(facts), offset=m.start(),
            )


def dollar_variable(facts: Facts) -> Iterator[Diagnostic]:
    """LT515: ``$safety`` in text, written as some other engines write variables: it is shown
    as written. Variables have no '$': ``{safety}`` shows the value."""
    names = set(facts.story.variables) | set(facts.story.characters)
    for text in all_texts(facts, "$"):
        for m in _DOLLAR.finditer(text.text):
            name = m.group(1)
            if name not in names and name[:1].lower() + name[1:] not in names:
                continue
            what = "variable" if name in facts.story.variables else "character"
            yield facts.diag(
                "LT515",
                f"'{m.group(0)}' is shown as written: a {what} has no '$'; write '{{{name}}}' "
                "to show its " + ("value" if what == "variable" else "name"),
                text.file, text.pointer(facts), offset=m.start(),
            )


def empty_text(facts: Facts) -> Iterator[Diagnostic]:
    """LT516: a line or a choice whose text is empty or only spaces. The player reads a blank
    line, or is offered a reply that says nothing (the studio makes new choices empty, for
    the writer to fill)."""
    if all(text.strip() for text in distinct_texts(facts)):
        return  # no text of the story is blank (each distinct one looked at once)
    for node in facts.story.nodes.values():
        pointers: list[str] | None = None
        for i, line in enumerate(node.lines):
            if line.text.strip():
                continue
            pointers = pointers if pointers is not None else facts.line_pointers(node)
            which = f"line {i + 1} of node '{node.id}'" if len(node.lines) > 1 \
                else f"the text of node '{node.id}'"
            yield facts.diag(
                "LT516",
                f"{which} is empty: the player would read a blank line; write it, or remove "
                "the line",
                node.where.file, pointers[i],
            )
        for choice in node.choices:
            if choice.where is None or choice.text.strip():
                continue
            yield facts.diag(
                "LT516",
                f"the choice of node '{node.id}' that leads to '{choice.to}' has no text: the "
                "player would be offered an empty reply; write what the player says or does",
                choice.where.file, f"{choice.where.pointer}/text",
            )
