"""Bounds on every size a story can declare, checked when it loads (and so in lint and play).

A story is data from anyone: a file of a gigabyte, brackets nested a hundred thousand deep, a
line of ten million characters, a node with a million replies or a variable whose bound is
1e400 would each cost the game memory or time out of all proportion, or overflow what a number
may hold. Each has a code, and every bound is far beyond what a real story needs:

- LT110 a story file larger than ``MAX_FILE_BYTES`` (refused unread)
- LT111 JSON nested deeper than ``MAX_NESTING`` (refused before anything walks it)
- LT112 a text longer than ``MAX_TEXT`` characters
- LT113 more nodes, replies, lines or effects than ``MAX_COUNTS`` allows
- LT311 a number beyond ±``LIMIT`` (what a variable may hold), or not finite

Expressions have their own bounds (``expr.values``: length, nesting, number literals). Maps
have theirs in the Tiled reader (LT520-LT522).

The checks cost almost nothing on a story within bounds: the longest run between quotes is
looked at in the text (one ``find`` per block), numbers as the parser reads them (``Numbers``),
the lengths of each node's lists by jsonschema-rs, and only a file that could break a bound is
walked value by value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from game.story.expr.values import LIMIT

try:
    import jsonschema_rs
except ImportError:  # the standalone build leaves it out: the lists are looked at one by one
    jsonschema_rs = None

MAX_FILE_BYTES = 64 * 2**20
MAX_NESTING = 64  # a story file nests about eight deep: nodes/id/choices/0/effects/0
MAX_TEXT = 10_000  # characters in one text: a line, a reply, a debrief, a name, a note
MAX_BRANCH_FILES = 1_000
#: the most of each list or table a story may hold
MAX_COUNTS = {
    "nodes": 200_000,  # in the whole story
    "choices": 100,  # replies of one node
    "lines": 500,  # lines of one node
    "effects": 100,  # effects of one choice, node or kind
    "route": 100,  # entries of one route
    "each_turn": 100,
    "variables": 10_000,
    "characters": 1_000,
    "kinds": 1_000,
    "scenes": 10_000,
    "dynamics": 1_000,
    "portraits": 1_000,
    "marks": 100,
    "authors": 100,
    "extend": 200_000,
}

Report = Callable[[str, str, str], None]
"""report(pointer, code, message), placing a problem in the file being checked."""

# a number that may be beyond LIMIT: sixteen digits or more before any point, or an exponent
_BIG_NUMBER = re.compile(r"\d{16}|[eE]\+?0*(?:1[5-9]|[2-9]\d|\d{3,})")


def size_problem(size: int) -> str | None:
    """Why a file of ``size`` bytes is refused before it is read, if it is."""
    if size > MAX_FILE_BYTES:
        return (f"the file is {_bytes(size)}; a story file may be at most "
                f"{_bytes(MAX_FILE_BYTES)} (split it into smaller files)")
    return None


def _bytes(n: int) -> str:
    return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n:,} bytes"


def too_deep(text: str) -> tuple[int, str] | None:
    """(offset, message) where ``text`` first nests deeper than ``MAX_NESTING``, if it does.

    Walks only the brackets and quotes, and stops at the first one too deep.
    """
    depth = 0
    in_string = False
    for m in _STRUCTURE.finditer(text):
        ch = m.group()
        if in_string:
            if ch == '"':
                in_string = False
            continue  # an escape pair (\\x) inside a string
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return m.start(), (f"nested deeper than {MAX_NESTING} levels; a story file "
                                   "needs about eight")
        elif ch in "]}":
            depth -= 1
    return None


_STRUCTURE = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def check_file(text: str, data: Any, report: Report, *, big_numbers: bool | None = None,
               lists_fit: bool = False) -> bool:
    """Report every text, number and list of one parsed story or branch file beyond its bound;
    False when the file holds more than the game should build.

    ``big_numbers`` is whether the parser met a number that may be beyond ``LIMIT``
    (``Numbers``), when it watched; None has the text searched for one instead. ``lists_fit``
    says every node's lists are known to be within their bounds (``lengths_schema`` held)."""
    if _longest_string_at_most(text, MAX_TEXT) is False:
        for pointer, value in _walk(data):
            if isinstance(value, str) and len(value) > MAX_TEXT:
                report(pointer, "LT112", f"this text is {len(value):,} characters long; one text "
                                         f"may be at most {MAX_TEXT:,} (split it into lines)")
    if big_numbers if big_numbers is not None else _BIG_NUMBER.search(text):
        for pointer, value in _walk(data):
            if _number_beyond(value):
                report(pointer, "LT311", f"{_shown_number(value)} is beyond what a number may "
                                         f"be here (at most {LIMIT:g} either way)")
    return _check_counts(data, report, lists_fit)


class Numbers:
    """Hooks for ``json.loads`` (``parse_int=numbers.integer, parse_float=numbers.real``) that
    note whether the file holds a number that may be beyond ``LIMIT`` (``big``), so the check
    of numbers needs no search of the whole text: a story has few numbers and much prose."""

    __slots__ = ("big",)

    def __init__(self) -> None:
        self.big = False

    def integer(self, digits: str) -> int:
        value = int(digits)
        if len(digits) > 15 and not -LIMIT <= value <= LIMIT:  # 10**15 has sixteen digits
            self.big = True
        return value

    def real(self, digits: str) -> float:
        value = float(digits)
        if not -LIMIT <= value <= LIMIT:  # NaN too
            self.big = True
        return value


def too_many_nodes(count: int) -> str | None:
    """Why a story of ``count`` nodes is not built, if it is not."""
    if count > MAX_COUNTS["nodes"]:
        return (f"the story has {count:,} nodes; it may have at most {MAX_COUNTS['nodes']:,}")
    return None


# -- the parts ----------------------------------------------------------------------------------


def _longest_string_at_most(text: str, limit: int) -> bool:
    """Whether every string in the JSON ``text`` is at most ``limit`` characters (True), or
    one may be longer (False): measured between quotes, escapes counted at their full length,
    so a text can only look longer than it is, never shorter."""
    if len(text) <= limit:
        return True
    # A run of more than ``limit`` characters without a quote covers a whole block of
    # ``limit // 2``: when every block holds a quote, no string is that long (a few hundred
    # C-speed finds for a file of megabytes, instead of splitting it into every string). A
    # quote after anything but a backslash is one a string begins or ends with; one after a
    # backslash may be escaped, so another is looked for.
    step = limit // 2
    if all(_bare_quote(text, start, start + step) for start in range(0, len(text) - step + 1, step)):
        return True
    plain = text.replace("\\\\", "xx").replace('\\"', "xx")
    return max(map(len, plain.split('"'))) <= limit


def _bare_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a quote not written after a backslash."""
    at = text.find('"', start, end)
    while at > 0 and text[at - 1] == "\\":
        at = text.find('"', at + 1, end)
    return at >= 0


def _number_beyond(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return True
    return abs(value) > LIMIT


def _shown_number(value: int | float) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)} digits)"


def _walk(data: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every value of a parsed JSON document with its pointer (only for a file that may break a
    bound: most files are never walked)."""
    stack = [(pointer, data)]
    while stack:
        where, value = stack.pop()
        yield where, value
        if isinstance(value, dict):
            stack.extend((f"{where}/{_escape(str(k))}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}/{i}", v) for i, v in enumerate(value))


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _check_counts(data: Any, report: Report, lists_fit: bool = False) -> bool:
    """The lists and tables of one file against ``MAX_COUNTS``; False when the file holds more
    nodes than a story may, which is not built at all."""
    if not isinstance(data, dict):
        return True
    fine = True
    for key in ("each_turn", "variables", "characters", "kinds", "scenes", "dynamics",
                "authors", "nodes", "extend"):
        value = data.get(key)
        if isinstance(value, dict | list) and len(value) > MAX_COUNTS[key]:
            report(f"/{key}", "LT113", _many(key, len(value), "the story"))
            fine = fine and key not in ("nodes", "extend")
    for char_id, spec in _items(data.get("characters")):
        portraits = spec.get("portraits")
        if isinstance(portraits, dict) and len(portraits) > MAX_COUNTS["portraits"]:
            report(f"/characters/{_escape(char_id)}/portraits", "LT113",
                   _many("portraits", len(portraits), "a character"))
    for var_id, spec in _items(data.get("variables")):
        marks = spec.get("marks")
        if isinstance(marks, list) and len(marks) > MAX_COUNTS["marks"]:
            report(f"/variables/{_escape(var_id)}/marks", "LT113",
                   _many("marks", len(marks), "a variable"))
    for kind_id, spec in _items(data.get("kinds")):
        _list(spec, "effects", f"/kinds/{_escape(kind_id)}", "a reply kind", report)
    if not fine:
        return False
    if lists_fit or not _any_long_list(data):
        return True
    for table in ("nodes", "extend"):
        for node_id, node in _items(data.get(table)):
            where = f"/{table}/{_escape(node_id)}"
            for key in ("choices", "lines", "effects", "route"):
                _list(node, key, where, "a node", report)
            choices = node.get("choices")
            for i, choice in enumerate(choices if isinstance(choices, list) else ()):
                if isinstance(choice, dict):
                    _list(choice, "effects", f"{where}/choices/{i}", "a reply", report)
    return True


def _any_long_list(data: dict) -> bool:
    """Whether any node (or extension) of the file may hold a list beyond its bound, with no
    pointer built (the walk that says where runs only when one may): by jsonschema-rs when
    it is there (a schema of just those lists' lengths), else one look per list."""
    limits = list_limits()
    if jsonschema_rs is not None:
        try:
            return not _lengths(limits).is_valid(data)
        except (ValueError, TypeError, OverflowError):
            pass  # a value jsonschema-rs cannot take: looked at below
    return _any_long_list_walked(data, limits)


def list_limits() -> tuple[tuple[str, int], ...]:
    """The bound on each list of a node, as (key, most items), read from ``MAX_COUNTS`` on
    each call (tests lower them)."""
    return tuple((key, MAX_COUNTS[key]) for key in ("choices", "lines", "effects", "route"))


def lengths_schema(limits: tuple[tuple[str, int], ...]) -> dict[str, Any]:
    """A schema of the lengths of each node's lists (and of its replies' effects) only:
    ``properties`` looks only into objects and ``maxItems`` only at arrays, as the walk does.
    ``validate.fast_valid`` can check it in the same pass as a file's own schema."""
    members: dict[str, Any] = {key: {"maxItems": limit} for key, limit in limits}
    members["choices"] = {**members["choices"], "items": {"properties": {"effects": members["effects"]}}}
    node = {"additionalProperties": {"properties": members}}
    return {"properties": {"nodes": node, "extend": node}}


@cache
def _lengths(limits: tuple[tuple[str, int], ...]) -> Any:
    """A validator of ``lengths_schema`` alone."""
    return jsonschema_rs.Draft202012Validator(lengths_schema(limits))


def _any_long_list_walked(data: dict, limits: tuple[tuple[str, int], ...]) -> bool:
    """``_any_long_list`` without jsonschema-rs."""
    effects_limit = MAX_COUNTS["effects"]
    for table in ("nodes", "extend"):
        holder = data.get(table)
        if type(holder) is not dict:
            continue
        for node in holder.values():
            if type(node) is not dict:
                continue
            for key, limit in limits:
                value = node.get(key)
                if type(value) is list and len(value) > limit:
                    return True
            choices = node.get("choices")
            if type(choices) is list:
                for choice in choices:
                    if type(choice) is dict:
                        value = choice.get("effects")
                        if type(value) is list and len(value) > effects_limit:
                            return True
    return False


def _items(table: Any) -> Iterator[tuple[str, dict]]:
    if isinstance(table, dict):
        for key, value in table.items():
            if isinstance(value, dict):
                yield key, value


def _list(holder: dict, key: str, where: str, owner: str, report: Report) -> None:
    value = holder.get(key)
    if isinstance(value, list) and len(value) > MAX_COUNTS[key]:
        report(f"{where}/{key}", "LT113", _many(key, len(value), owner))


_NAMES = {"choices": "replies", "each_turn": "per-turn rules", "route": "route entries",
          "extend": "extended nodes"}


def _many(key: str, count: int, owner: str) -> str:
    name = _NAMES.get(key, key)
    return f"{owner} has {count:,} {name}; it may have at most {MAX_COUNTS[key]:,}"
