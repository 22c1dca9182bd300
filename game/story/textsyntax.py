"""The syntax of story text: literal runs, placeholders and inline forms, with their positions.

This is the first step of reading a text and knows nothing of the story: ``scan`` splits a
string into ``Literal``, ``Placeholder`` and ``Inline`` nodes (``{if COND: A | B}``,
``{seq: A | B}``, ``{cycle: ...}``, ``{shuffle: ...}``, ``{once: ...}``), or raises
``TemplateError`` at the offset of the first problem. ``{{`` is a literal ``{`` and ``{|}`` a
literal ``|`` everywhere; ``}}`` is a literal ``}`` outside inline forms, while inside one a
``}`` always closes a form, so nested forms can end together (``{if a: {if b: x}}``).
``unparse`` writes a tree back as text, so the property tests can check that the two agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMS = ("if", "seq", "cycle", "shuffle", "once")
ALTERNATIVES = ("seq", "cycle", "shuffle", "once")
MAX_NESTING = 8  # inline forms inside inline forms


class TemplateError(ValueError):
    """A problem in a text; ``offset`` is where in the text it starts (always inside it)."""

    def __init__(self, message: str, offset: int, code: str = "LT210"):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code


@dataclass(slots=True)
class Literal:
    """Text shown as written; ``text`` has the escapes resolved, ``start``/``end`` span the
    source (escapes included)."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Placeholder:
    """``{inner}``: a name, a pronoun or verb form, or a variable (resolved later)."""

    inner: str
    start: int
    end: int


@dataclass(slots=True)
class Inline:
    """An inline form from its ``{`` to its ``}``. ``condition`` (for ``if`` only) is the
    condition's source as written, starting at ``condition_start``; each branch is the nodes
    between ``:``, ``|`` and ``}``, spaces included."""

    form: str
    condition: str | None
    condition_start: int
    branches: tuple[tuple[Node, ...], ...]
    start: int
    end: int


Node = Literal | Placeholder | Inline

_AT_TOP = re.compile(r"[{}]")
_IN_BRANCH = re.compile(r"[{}|]")
_HEAD = re.compile(r"\s*(if)(?=\s)|\s*(seq|cycle|shuffle|once)\s*:")
_WORD = re.compile(r"\s*([A-Za-z_$]\w*)")


def scan(text: str) -> tuple[Node, ...]:
    """The text's nodes in order; TemplateError for the first problem found."""
    if "{" not in text and "}" not in text:
        return (Literal(text, 0, len(text)),) if text else ()
    nodes, end, stop = _Scanner(text).sequence(0, 0, in_branch=False)
    assert stop is None and end == len(text)
    return nodes


# For a shortcut through texts with no inline form (the common case; template.py): where a
# form (or a '{|}') could start, a placeholder or escaped brace, and the head of a form that
# has lost its ':'.
FORM_INSIDE = re.compile(r"\{[^{}]*[:|]")
NAMES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
HEAD_WORD = re.compile(r"\s*(?:if\s|seq\b|cycle\b|shuffle\b|once\b)")


class _Scanner:
    def __init__(self, text: str):
        self.text = text

    def sequence(
        self, i: int, depth: int, *, in_branch: bool
    ) -> tuple[tuple[Node, ...], int, str | None]:
        """Nodes from ``i`` to the end of the text, or (in a branch) to the next top-level '|'
        or '}'; returns the nodes, where the scan stopped and the character it stopped at."""
        text, n = self.text, len(self.text)
        nodes: list[Node] = []
        buf: list[str] = []
        buf_start = i

        def flush(at: int) -> None:
            if buf:
                nodes.append(Literal("".join(buf), buf_start, at))
                buf.clear()

        special = _IN_BRANCH if in_branch else _AT_TOP
        while i < n:
            m = special.search(text, i)
            j = m.start() if m is not None else n
            if j > i:  # a run of plain text, taken whole
                if not buf:
                    buf_start = i
                buf.append(text[i:j])
                i = j
                if i >= n:
                    break
            c = text[i]
            if c == "{":
                if text.startswith("{{", i) or text.startswith("{|}", i):
                    if not buf:
                        buf_start = i
                    buf.append("{" if text[i + 1] == "{" else "|")
                    i += 2 if text[i + 1] == "{" else 3
                    continue
                flush(i)
                node = self.brace(i, depth)
                nodes.append(node)
                i = node.end
                buf_start = i
                continue
            if c == "}":
                if not in_branch and text.startswith("}}", i):
                    if not buf:
                        buf_start = i
                    buf.append("}")
                    i += 2
                    continue
                if in_branch:
                    flush(i)
                    return tuple(nodes), i, "}"
                raise TemplateError(
                    "a '}' with no '{' before it: start the name with '{' (as in {partner}), "
                    "or write '}}' for a brace in text", i)
            # c == "|", in a branch: the end of this branch
            flush(i)
            return tuple(nodes), i, "|"
        flush(i)
        return tuple(nodes), i, None

    def brace(self, start: int, depth: int) -> Node:
        """The placeholder or inline form that starts with the '{' at ``start``."""
        text = self.text
        head = _HEAD.match(text, start + 1)
        if head is None:
            return self.placeholder(start)
        if depth >= MAX_NESTING:
            raise TemplateError(
                f"inline forms nest more than {MAX_NESTING} deep here: split the text",
                start, "LT211")
        if head.group(1):
            return self.conditional(start, head.end(), depth)
        form = head.group(2)
        branches, end, _ = self.branches(start, head.end(), depth, form)
        return Inline(form, None, -1, branches, start, end)

    def placeholder(self, start: int) -> Placeholder:
        text = self.text
        close = text.find("}", start + 1)
        opened = text.find("{", start + 1)
        if close < 0 or 0 <= opened < close:
            raise TemplateError(
                "a '{' with no '}' to close it: end the name with '}' (as in {partner}), or "
                "write '{{' for a brace in text", start)
        inner = text[start + 1 : close]
        if ":" in inner or "|" in inner:  # no name or form has either: a form misspelt
            word = _WORD.match(inner)
            raise TemplateError(_unknown_form(word.group(1) if word else inner.strip()),
                                start, "LT211")
        return Placeholder(inner, start, close + 1)

    def conditional(self, start: int, i: int, depth: int) -> Inline:
        """``{if CONDITION: TEXT}`` or ``{if CONDITION: TEXT | OTHERWISE}``; ``i`` is just
        after the word ``if``."""
        text, n = self.text, len(self.text)
        while i < n and text[i].isspace():
            i += 1
        cond_start = i
        quote = ""
        while i < n:
            c = text[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c == ":":
                break
            elif c in "{}|":
                raise TemplateError(
                    "an '{if ...}' needs a ':' after its condition, as in "
                    "'{if safety >= 60: stays | goes}'", start, "LT211")
            i += 1
        if i >= n:
            raise TemplateError(
                "an '{if ...}' with no '}' to close it: write '{if CONDITION: TEXT}' or "
                "'{if CONDITION: TEXT | OTHERWISE}'", start, "LT211")
        condition = text[cond_start:i]
        if not condition.strip():
            raise TemplateError(
                "an '{if ...}' needs a condition before its ':', as in '{if safety >= 60: ...}'",
                start, "LT211")
        branches, end, bars = self.branches(start, i + 1, depth, "if")
        if len(branches) > 2:
            raise TemplateError(
                "an '{if ...}' has at most two branches, the text and what shows otherwise; "
                "write '{|}' for a '|' in text", bars[1], "LT211")
        return Inline("if", condition, cond_start, branches, start, end)

    def branches(
        self, start: int, i: int, depth: int, form: str
    ) -> tuple[tuple[tuple[Node, ...], ...], int, list[int]]:
        """The branches after the ':' at ``i - 1``, up to the '}' that closes the form at
        ``start``: them, the offset just after that '}', and where each '|' between them is."""
        out: list[tuple[Node, ...]] = []
        bars: list[int] = []
        while True:
            nodes, i, stop = self.sequence(i, depth + 1, in_branch=True)
            out.append(nodes)
            if stop is None:
                shape = "{if ...}" if form == "if" else f"{{{form}: ...}}"
                raise TemplateError(f"an '{shape}' with no '}}' to close it", start, "LT211")
            if stop == "}":
                return tuple(out), i + 1, bars
            bars.append(i)
            i += 1


def _unknown_form(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name.lower(), FORMS, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else "."
    return (f"'{name}' is not an inline form{hint} The forms are {{if CONDITION: A | B}}, "
            "{seq: A | B}, {cycle: A | B}, {shuffle: A | B} and {once: A | B}; write '{|}' "
            "for a '|' in text")


def unparse(nodes: tuple[Node, ...]) -> str:
    """Text that scans back to ``nodes`` (positions aside): literal braces and bars escaped."""
    return "".join(_unparse(node, in_branch=False) for node in nodes)


def _unparse(node: Node, *, in_branch: bool) -> str:
    if isinstance(node, Literal):
        if in_branch:  # a '}' cannot be written inside a form: it would close it
            return node.text.replace("{", "{{").replace("|", "{|}")
        return node.text.replace("{", "{{").replace("}", "}}")
    if isinstance(node, Placeholder):
        return "{" + node.inner + "}"
    head = f"if {node.condition}:" if node.form == "if" else f"{node.form}:"
    body = "|".join("".join(_unparse(n, in_branch=True) for n in b) for b in node.branches)
    return "{" + head + body + "}"
