"""Checks on what players read: repeated choices, endings without their explanation, and verb
forms that disagree with a name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.story.diagnostics import Diagnostic
from game.tools.checks.base import Facts
from game.tools.checks.texts import all_texts

# "{partner} {partner.are}" or "{partner} walk{partner.s}": a name, then a verb form of the
# same character. After a name the verb is singular, whatever the pronouns.
_NAME_THEN_VERB = re.compile(
    r"\{\s*([A-Za-z][\w-]*)\s*\}(\s+[A-Za-z']*)\{\s*([A-Za-z][\w-]*)\.(are|were|have|do|s|es)\s*\}",
    re.IGNORECASE,
)
_SINGULAR = {"are": "is", "were": "was", "have": "has", "do": "does", "s": "s", "es": "es"}


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def duplicate_choices(facts: Facts) -> Iterator[Diagnostic]:
    """LT506: two choices of one node with the same text that can be on offer together.

    Two choices with different conditions may well exclude each other, so only pairs with no
    condition or the same condition are reported.
    """
    normal: dict[str, str] = {}  # choice texts repeat across a story: normalise each once
    for node in facts.story.nodes.values():
        first: dict[tuple[str, str], int] = {}
        for i, choice in enumerate(node.choices):
            text = normal.get(choice.text)
            if text is None:
                text = normal[choice.text] = _normal(choice.text)
            key = (text, choice.condition.source if choice.condition else "")
            if key in first and choice.where is not None:
                yield facts.diag(
                    "LT506",
                    f"choice {i + 1} of '{node.id}' says the same as choice {first[key] + 1}: "
                    f"'{choice.text}'",
                    choice.where.file,
                    f"{choice.where.pointer}/text",
                )
            first.setdefault(key, i)


def ending_explanations(facts: Facts) -> Iterator[Diagnostic]:
    """LT507: an ending with no debrief, or no dynamic when the story declares dynamics."""
    has_dynamics = bool(facts.story.dynamics)
    for node in facts.story.endings():
        ending = node.ending
        assert ending is not None
        missing = []
        if not ending.debrief.strip():
            missing.append("a debrief")
        if has_dynamics and not ending.dynamic:
            missing.append("a dynamic")
        if missing:
            yield facts.diag(
                "LT507",
                f"ending '{node.id}' has no {' and no '.join(m[2:] for m in missing)}: the "
                "player is not told what happened and why",
                node.where.file,
                f"{node.where.pointer}/ending",
                at_key=True,
            )


def verb_after_name(facts: Facts) -> Iterator[Diagnostic]:
    """LT508: a verb form right after the same character's name.

    ``{partner} {partner.are}`` reads "Sam are" for a partner who is "they": after a name the
    verb is always singular, so the form belongs after a pronoun only.
    """
    characters = facts.story.characters
    for text in all_texts(facts, "{", _NAME_THEN_VERB.search):
        for m in _NAME_THEN_VERB.finditer(text.text):
            name, verb, who, form = m.group(1), m.group(2), m.group(3), m.group(4).lower()
            char = name[:1].lower() + name[1:]
            if char != who[:1].lower() + who[1:] or char not in characters:
                continue
            word = verb.strip()
            fix = f"{{{name}}} {word}{_SINGULAR[form]}" if word else f"{{{name}}} {_SINGULAR[form]}"
            yield facts.diag(
                "LT508",
                f"'{m.group(0)}': after a name the verb is singular whatever the pronouns; "
                f"write '{fix}', or use '{{{who}.they}}' before the verb",
                text.file,
                text.pointer(facts),
                offset=m.start(),
            )


def partner_named(facts: Facts) -> Iterator[Diagnostic]:
    """LT511: the partner's default name written into text; the player may have renamed them.

    The texts shown outside play (the blurb, labels, explanations, summaries) count too: they
    are read with the player's names during and after play."""
    partner = facts.story.partner
    if partner is None or not partner.name:
        return
    word = partner.name
    name = re.compile(rf"\b{re.escape(word)}\b")
    for text in all_texts(facts, word):
        for m in name.finditer(text.text):
            yield facts.diag(
                "LT511",
                f"'{partner.name}' is written out: the player may have renamed "
                f"{partner.name}; write '{{{partner.id}}}' so the chosen name shows",
                text.file,
                text.pointer(facts),
                offset=m.start(),
            )
