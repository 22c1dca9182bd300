"""Story text → template: every name and form checked, every inline condition compiled.

A text is parsed once, when the story loads (``textsyntax`` finds its parts, this module gives
them meaning), so producing a line at play time is a walk over ready parts (``text.render``).
Problems raise ``TemplateError`` at the offset inside the text where they start; an error
inside an inline condition keeps the expression language's own code (LT301-LT305).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from game.story.expr import Condition, ExprError, compile_condition
from game.story.text import FORMS, Part, Template
from game.story.textsyntax import (
    FORM_INSIDE,
    HEAD_WORD,
    NAMES,
    PLACEHOLDER,
    Inline,
    Literal,
    Node,
    Placeholder,
    TemplateError,
    scan,
)

__all__ = [
    "TemplateError", "conditions", "has_inline", "parse_template", "text_conditions", "walk",
]


def parse_template(
    text: str,
    characters: Mapping[str, Any],
    variables: Mapping[str, Any],
    cache: dict[str, tuple] | None = None,
    *,
    compile: Callable[[str], Condition] | None = None,
    inline: bool = True,
    shortcut: bool = True,
) -> Template:
    """Split text into literal and placeholder parts, checking every name; raise TemplateError.

    ``cache`` (placeholder text -> part), when given, is shared by the texts of one story,
    which name the same few placeholders again and again. ``compile`` compiles an inline
    condition (default: ``compile_condition`` over ``variables``, which must then be
    ``VarInfo``s). With ``inline=False`` only names and forms are allowed (texts shown outside
    play, such as a story's blurb). ``shortcut=False`` reads every text through the full
    scanner (the tests compare the two).
    """
    if "{" not in text and "}" not in text:
        return (text,) if text else ()  # plain text, the common case: nothing to look for
    # An inline form is a brace, then no brace, then ':' or '|' (FORM_INSIDE); a text with
    # neither after its first brace has none, and is not searched for one.
    if shortcut and (text.find(":", text.find("{")) < 0 and "|" not in text
                     or FORM_INSIDE.search(text) is None):
        quick = _names_only(text, characters, variables, cache, inline)
        if quick is not None:
            return quick
    builder = _Builder(characters, variables, cache, compile, inline)
    return builder.parts(scan(text))


def _names_only(
    text: str, characters: Mapping[str, Any], variables: Mapping[str, Any],
    cache: dict[str, tuple] | None, inline: bool,
) -> Template | None:
    """The template of a text with no inline form, by one regular expression: what most texts
    are, read without building a syntax tree. None for anything irregular (a stray brace, a
    form that lost its ':'), which the scanner then words (the tests check the two agree)."""
    if "{{" in text or "}}" in text:
        return _names_with_braces(text, characters, variables, cache, inline)
    # No doubled braces: the text splits into literal, placeholder, literal, ..., literal.
    pieces = PLACEHOLDER.split(text)
    inners = pieces[1::2]
    if cache is not None and text.count("{") == len(inners) == text.count("}"):
        # No stray brace (each placeholder holds one of each), and when every placeholder
        # was met before (so none is a form's head word), nothing is left to check.
        known = [cache.get(inner) for inner in inners]
        if None not in known:
            out = []
            for literal, part in zip(pieces[0::2], known):
                if literal:
                    out.append(literal)
                out.append(part)
            if pieces[-1]:
                out.append(pieces[-1])
            return tuple(out)
    parts: list[Any] = []
    offset = 0
    for i, piece in enumerate(pieces):
        if i % 2 == 0:  # literal text
            if piece:
                if "{" in piece or "}" in piece:
                    return None  # a stray brace: the scanner says where
                parts.append(piece)
            offset += len(piece)
            continue
        if HEAD_WORD.match(piece):
            return None
        parts.append((piece, offset))
        offset += len(piece) + 2
    return _resolve(parts, characters, variables, cache, inline)


def _names_with_braces(
    text: str, characters: Mapping[str, Any], variables: Mapping[str, Any],
    cache: dict[str, tuple] | None, inline: bool,
) -> Template | None:
    """``_names_only`` for a text with ``{{`` or ``}}`` (braces written as text)."""
    parts: list[Any] = []  # literal text, and (inner, offset) of each placeholder
    literal = ""
    last = 0
    for m in NAMES.finditer(text):
        start = m.start()
        if start > last:
            literal += text[last:start]
        last = m.end()
        inner = m.group(1)
        if inner is None:
            token = m.group(0)
            if token not in ("{{", "}}"):
                return None
            literal += token[0]
            continue
        if HEAD_WORD.match(inner):
            return None
        if literal:
            parts.append(literal)
            literal = ""
        parts.append((inner, start))
    if last < len(text):
        literal += text[last:]
    if literal:
        parts.append(literal)
    return _resolve(parts, characters, variables, cache, inline)


def _resolve(
    parts: list[Any], characters: Mapping[str, Any], variables: Mapping[str, Any],
    cache: dict[str, tuple] | None, inline: bool,
) -> Template:
    """Each (inner, offset) of ``parts`` made its placeholder part. Names are checked once the
    whole text is known to be well formed, as the scanner does."""
    for i, item in enumerate(parts):
        if type(item) is tuple:
            inner, start = item
            part = cache.get(inner) if cache is not None else None
            if part is None:
                part = _placeholder(inner, start, characters, variables, inline)
                if cache is not None:
                    cache[inner] = part
            parts[i] = part
    return tuple(parts)


class _Builder:
    def __init__(
        self,
        characters: Mapping[str, Any],
        variables: Mapping[str, Any],
        cache: dict[str, tuple] | None,
        compile: Callable[[str], Condition] | None,
        inline: bool,
    ):
        self.characters = characters
        self.variables = variables
        self.cache = cache
        self.compile = compile or (lambda source: compile_condition(source, variables))
        self.inline = inline

    def parts(self, nodes: tuple[Node, ...]) -> Template:
        """The template of ``nodes``: literal runs joined, names resolved, forms compiled.
        Spaces stay as written (``text.tidy`` reads them once a text has been read)."""
        out: list[Part] = []
        for node in nodes:
            if isinstance(node, Literal):
                if out and isinstance(out[-1], str):
                    out[-1] += node.text
                else:
                    out.append(node.text)
            elif isinstance(node, Placeholder):
                out.append(self.placeholder(node))
            else:
                out.append(self.form(node))
        return tuple(out)

    def placeholder(self, node: Placeholder) -> tuple:
        cache = self.cache
        part = cache.get(node.inner) if cache is not None else None
        if part is None:
            part = _placeholder(node.inner, node.start, self.characters, self.variables,
                                self.inline)
            if cache is not None:
                cache[node.inner] = part
        return part

    def form(self, node: Inline) -> tuple:
        if not self.inline:
            raise TemplateError(
                f"'{{{node.form} ...}}' cannot be used here: this text is also shown outside "
                "play, so only names and pronoun forms such as {partner.their} can be used",
                node.start, "LT211")
        branches = tuple(self.parts(b) for b in node.branches)
        if node.form != "if":
            return ("alt", node.start, node.form, branches)
        assert node.condition is not None
        try:
            condition = self.compile(node.condition)
        except ExprError as err:
            raise TemplateError(err.message, node.condition_start + err.offset, err.code) from None
        otherwise = branches[1] if len(branches) > 1 else ()
        return ("if", node.start, condition, branches[0], otherwise, node.condition_start)


def _placeholder(
    inner: str, offset: int, characters: Mapping[str, Any], variables: Mapping[str, Any],
    with_variables: bool = True,
) -> tuple:
    name = inner.strip()
    who, _, form = name.partition(".")
    char = who[:1].lower() + who[1:]
    cap = who[:1].isupper()
    if form:
        if char not in characters:
            raise TemplateError(
                f"unknown character '{who}' in '{{{inner}}}'"
                f"{_character_hint(who, '.' + form, characters)}", offset)
        lower = form[:1].lower() + form[1:]
        if lower not in FORMS:
            options = ", ".join(FORMS)
            raise TemplateError(f"unknown form '{form}' in '{{{inner}}}'"
                                f"{_form_hint(who, form)}; forms are {options}", offset)
        return ("form", char, lower, form[:1].isupper())
    if char in characters:
        return ("name", char, cap)
    if name in variables:
        if not with_variables:
            raise TemplateError(
                f"'{{{inner}}}' is a variable: this text is also shown outside play, where "
                "variables have no value, so only names and pronoun forms can be used", offset)
        return ("var", name)
    return _raise_unknown(inner, offset, characters, variables)


def _raise_unknown(inner: str, offset: int, characters: Mapping, variables: Mapping) -> tuple:
    name = inner.strip()
    if name.startswith("$") and (name[1:] in variables or name[1:] in characters):
        raise TemplateError(
            f"'{{{inner}}}': variables have no '$'; write '{{{name[1:]}}}'", offset)
    hint = _character_hint(name, "", characters, variables)
    raise TemplateError(f"'{{{inner}}}' names no character or variable{hint}", offset)


def _with_capital(word: str, like: str) -> str:
    """``word`` with a capital first letter when ``like`` has one (as the writer asked)."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _character_hint(who: str, rest: str, characters: Mapping, variables: Mapping = ()) -> str:
    """'; did you mean '{Partner.their}'?' for a misspelt name, its capital kept."""
    options = [*characters, *variables]
    close = difflib.get_close_matches(who, options, n=1, cutoff=0.6) or \
        difflib.get_close_matches(who.lower(), options, n=1, cutoff=0.6)
    if not close:
        return ""
    meant = _with_capital(close[0], who) if close[0] in characters else close[0]
    return f"; did you mean '{{{meant}{rest}}}'?"


# he/she forms a writer may reach for, and the "they" form that stands for each of them
_GENDERED = {
    "he": "they", "she": "they", "him": "them", "his": "their", "hers": "theirs",
    "himself": "themself", "herself": "themself", "is": "are", "was": "were", "has": "have",
    "does": "do", "he's": "they're", "she's": "they're", "themselves": "themself",
}


def _form_hint(who: str, form: str) -> str:
    """Why a form is unknown, and the one that is meant (with the capital asked for)."""
    lower = form[:1].lower() + form[1:]
    if lower == "her":
        them, their = _with_capital("them", form), _with_capital("their", form)
        return (f": forms are always written as for 'they', so use {{{who}.{them}}} or "
                f"{{{who}.{their}}}; they become him/his, her/her or them/their as the player "
                "chose")
    if lower in _GENDERED:
        meant = _with_capital(_GENDERED[lower], form)
        return (f": forms are always written as for 'they', so use {{{who}.{meant}}}; it "
                "becomes the right word for the pronouns the player chose")
    close = difflib.get_close_matches(lower, FORMS, n=1, cutoff=0.6)
    return f"; did you mean '{{{who}.{_with_capital(close[0], form)}}}'?" if close else ""


# -- reading templates (for tools) -------------------------------------------------------------


def walk(template: Template) -> Iterator[Part]:
    """Every part of ``template``, those inside inline forms too (the forms themselves first)."""
    for part in template:
        yield part
        if isinstance(part, tuple):
            if part[0] == "if":
                yield from walk(part[3])
                yield from walk(part[4])
            elif part[0] == "alt":
                for item in part[3]:
                    yield from walk(item)


def conditions(template: Template) -> Iterator[tuple[Condition, int]]:
    """Each inline condition of ``template`` and where its source starts in the text."""
    for part in walk(template):
        if isinstance(part, tuple) and part[0] == "if":
            yield part[2], part[5]


def text_conditions(story: Any) -> Iterator[Condition]:
    """Every condition of a story that decides what text shows: on lines, on debrief
    paragraphs, and inside texts ({if ...}), each distinct text looked at once."""
    seen: set[int] = set()

    def inline(template: Template) -> Iterator[Condition]:
        if id(template) not in seen:
            seen.add(id(template))
            if has_inline(template):
                yield from (condition for condition, _ in conditions(template))

    for node in story.nodes.values():
        for line in node.lines:
            if line.condition is not None:
                yield line.condition
            yield from inline(line.template)
        for choice in node.choices:
            yield from inline(choice.template)
        if node.ending is not None:
            yield from inline(node.ending.title_template)
            for paragraph in node.ending.paragraphs:
                if paragraph.condition is not None:
                    yield paragraph.condition
                yield from inline(paragraph.template)


def has_inline(template: Template) -> bool:
    """Whether the text has an inline form, so what it reads depends on the moment."""
    for part in template:  # noqa: SIM110 - a plain loop: called for every text of a story
        if type(part) is tuple and (part[0] == "if" or part[0] == "alt"):
            return True
    return False
