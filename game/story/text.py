"""Interpolation of names, pronouns and variables into story text.

Text is parsed into a template once, when the story loads, so producing a line at play time
is a join over ready parts. The player may rename characters and pick pronouns; a ``Cast``
carries those choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
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


class TemplateError(ValueError):
    """A problem in a text template; ``offset`` is where in the text it starts."""

    def __init__(self, message: str, offset: int, code: str = "LT210"):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code


# A part is a literal string or a tuple: ("name", char, cap) / ("form", char, form, cap) /
# ("var", name). Templates with no placeholders are plain strings.
Part = str | tuple
Template = tuple[Part, ...]

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def parse_template(
    text: str,
    characters: Mapping[str, Any],
    variables: Mapping[str, Any],
    cache: dict[str, tuple] | None = None,
) -> Template:
    """Split text into literal and placeholder parts, checking every name; raise TemplateError.

    ``cache`` (placeholder text -> part), when given, is shared by the texts of one story,
    which name the same few placeholders again and again.
    """
    if "{" not in text and "}" not in text:
        return (text,) if text else ()  # plain text, the common case: nothing to look for
    parts: list[Part] = []
    literal = ""  # adjacent literal text (and escaped braces) becomes one part
    last = 0
    for m in _PLACEHOLDER.finditer(text):
        start = m.start()
        if start > last:
            literal += text[last:start]
        last = m.end()
        inner = m.group(1)
        if inner is None:
            token = m.group(0)
            if token in ("{{", "}}"):
                literal += token[0]
                continue
            if token == "{":
                message = ("a '{' with no '}' to close it: end the name with '}' (as in "
                           "{partner}), or write '{{' for a brace in text")
            else:
                message = ("a '}' with no '{' before it: start the name with '{' (as in "
                           "{partner}), or write '}}' for a brace in text")
            raise TemplateError(message, start, "LT210")
        if literal:
            parts.append(literal)
            literal = ""
        part = cache.get(inner) if cache is not None else None
        if part is None:
            part = _placeholder(inner, start, characters, variables)
            if cache is not None:
                cache[inner] = part
        parts.append(part)
    if last < len(text):
        literal += text[last:]
    if literal:
        parts.append(literal)
    return tuple(parts)


def _placeholder(
    inner: str, offset: int, characters: Mapping[str, Any], variables: Mapping[str, Any]
) -> tuple:
    name = inner.strip()
    who, _, form = name.partition(".")
    char = who[:1].lower() + who[1:]
    cap = who[:1].isupper()
    if form:
        if char not in characters:
            raise TemplateError(f"unknown character '{who}' in '{{{inner}}}'{_hint(char, characters)}", offset)
        lower = form[:1].lower() + form[1:]
        if lower not in FORMS:
            options = ", ".join(FORMS)
            raise TemplateError(f"unknown form '{form}' in '{{{inner}}}'"
                                f"{_form_hint(who, form)}; forms are {options}", offset)
        return ("form", char, lower, form[:1].isupper())
    if char in characters:
        return ("name", char, cap)
    if name in variables:
        return ("var", name)
    return _raise_unknown(inner, offset, characters, variables)


def _raise_unknown(inner: str, offset: int, characters: Mapping, variables: Mapping) -> tuple:
    import difflib

    close = difflib.get_close_matches(inner.strip(), [*characters, *variables], n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise TemplateError(f"'{{{inner}}}' names no character or variable{hint}", offset)


# he/she forms a writer may reach for, and the "they" form that stands for each of them
_GENDERED = {
    "he": "they", "she": "they", "him": "them", "his": "their", "hers": "theirs",
    "himself": "themself", "herself": "themself", "is": "are", "was": "were", "has": "have",
    "does": "do", "he's": "they're", "she's": "they're", "themselves": "themself",
}


def _form_hint(who: str, form: str) -> str:
    """Why a form is unknown, and the one that is meant."""
    import difflib

    lower = form[:1].lower() + form[1:]
    if lower == "her":
        return (f": forms are always written as for 'they', so use {{{who}.them}} or "
                f"{{{who}.their}}; they become him/his, her/her or them/their as the player chose")
    if lower in _GENDERED:
        meant = _GENDERED[lower]
        meant = meant[:1].upper() + meant[1:] if form[:1].isupper() else meant
        return (f": forms are always written as for 'they', so use {{{who}.{meant}}}; it "
                "becomes the right word for the pronouns the player chose")
    close = difflib.get_close_matches(lower, FORMS, n=1, cutoff=0.6)
    return f"; did you mean '{{{who}.{close[0]}}}'?" if close else ""


def _hint(word: str, options: Mapping[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def is_plain(template: Template) -> bool:
    return all(isinstance(p, str) for p in template)


def render(template: Template, cast: Cast, value_of: Callable[[str], Any]) -> str:
    """The text as this playthrough reads it."""
    out: list[str] = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
        elif part[0] == "name":
            out.append(cast.people[part[1]].name)
        elif part[0] == "form":
            word = cast.people[part[1]].form(part[2])
            out.append(word[:1].upper() + word[1:] if part[3] else word)
        else:
            out.append(format_value(value_of(part[1])))
    return "".join(out)


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"
    return str(value)
