"""The on-demand locator gives exactly the positions of the careful parser's full index."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.jsonlocate import Locator, nested_deeper_than
from game.story.jsonpos import MAX_DEPTH, JsonSyntaxError, Position, parse
from game.story.load import SourceMap
from tests.story.test_jsonpos import walk  # every (pointer, value) of a document

# -- JSON text with everything that moves positions: blanks and line breaks of every kind,
# escapes in keys and strings, keys that decode alike (duplicates), a byte order mark.

BLANKS = st.sampled_from(["", " ", "\n", "\n  ", "\r\n", "\r", "\t", " \r\n\t"])
KEYS = st.sampled_from(
    [
        '"a"',
        '"b"',
        '"\\u0061"',  # decodes to "a": a duplicate of it
        '"a/b"',
        '"a\\/b"',  # decodes to "a/b"
        '"c~d"',
        '"~1"',
        '""',
        '"0"',
        '"01"',
        '"é"',
        '"\\ud83c\\udf0a"',
        '"🌊"',
        '"nodes"',
    ]
)
SCALARS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(json.dumps),
    st.sampled_from(["true", "false", "null", "1e400", "-0", "0.5e-3", "12E+2"]),
    st.tuples(st.text(max_size=10), st.booleans()).map(lambda t: json.dumps(t[0], ensure_ascii=t[1])),
    st.sampled_from(['"\\u00e9\\n\\"x\\\\"', '"\\ud83c\\udf0ay"', '"a\\/b\\t"', '"[{\\"}]"']),
)


def _members(draw: st.DrawFn, children: st.SearchStrategy[str], keyed: bool) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        value = draw(children)
        if keyed:
            key = draw(KEYS)
            parts.append(f"{draw(BLANKS)}{key}{draw(BLANKS)}:{draw(BLANKS)}{value}{draw(BLANKS)}")
        else:
            parts.append(f"{draw(BLANKS)}{value}{draw(BLANKS)}")
    inner = ",".join(parts) or draw(BLANKS)
    return "{" + inner + "}" if keyed else "[" + inner + "]"


@st.composite
def _container(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    return _members(draw, children, draw(st.booleans()))


VALUES = st.recursive(SCALARS, _container, max_leaves=30)


@st.composite
def documents(draw: st.DrawFn) -> str:
    text = draw(BLANKS) + draw(VALUES) + draw(BLANKS)
    return ("\ufeff" if draw(st.booleans()) else "") + text


TOKENS = ["a", "b", "a~1b", "c~0d", "~1", "", "0", "1", "01", "00", "-1", "9" * 40, "é", "🌊", "x"]


def pointers(value: Any) -> list[str]:
    """Every pointer of the value, each also followed by a token that may or may not exist,
    and some that are no pointers at all."""
    out = ["", "not a pointer", "/", "//", "/a/"]
    for pointer, _ in walk(value):
        out.append(pointer)
        out.extend(f"{pointer}/{token}" for token in TOKENS)
    return out


def assert_same(text: str, extra: tuple[str, ...] = ()) -> None:
    parsed = parse(text)
    index, values = parsed.index, dict(walk(parsed.value))
    locator = Locator(text)
    for pointer in [*pointers(parsed.value), *extra]:
        assert locator.value(pointer) == index.value(pointer), pointer
        assert locator.key(pointer) == index.key(pointer), pointer
        assert (pointer in locator) == (pointer in index), pointer
        item = values.get(pointer)
        length = len(item) if isinstance(item, str) else 2
        for i in range(-1, length + 2):
            assert locator.in_string(pointer, i) == index.in_string(pointer, i), (pointer, i)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_position_matches_the_careful_parser(text: str) -> None:
    assert_same(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(st.sampled_from(TOKENS), max_size=4))
def test_positions_match_in_any_order_of_asking(text: str, path: list[str]) -> None:
    """Lazily listed containers give the same answers whichever pointer is asked first."""
    index = parse(text).index
    locator = Locator(text)
    for pointer in reversed(["/" + "/".join(path[:n]) for n in range(1, len(path) + 1)]):
        assert locator.key(pointer) == index.key(pointer)
        assert locator.value(pointer) == index.value(pointer)


def test_duplicate_keys_keep_the_first_member() -> None:
    text = '{\n  "nodes": {\n    "a": {"x": 1},\n    "\\u0061": {"y": 2}\n  },\n "nodes": 3}'
    assert_same(text, ("/nodes/a/x", "/nodes/a/y"))
    assert "/nodes/a/y" not in Locator(text)


def test_known_positions() -> None:
    text = '{\n  "title": "Low Tide",\n  "nodes": {\n\t"arrival": [1, true, null]\n  }\n}\n'
    locator = Locator(text)
    assert locator.key("/nodes/arrival") == Position(4, 2)
    assert locator.value("/nodes/arrival/2") == Position(4, 23)
    assert locator.in_string("/title", 3) == Position(2, 16)
    assert locator.value("/nodes/missing/0") == locator.value("/nodes")


def depth_of(text: str) -> int:
    """How deeply containers nest, by a plain walk over the characters."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


@settings(max_examples=300)
@given(VALUES, st.integers(0, 8))
def test_nesting_depth_is_measured_outside_strings(text: str, limit: int) -> None:
    assert nested_deeper_than(text, limit) == (depth_of(text) > limit)


@pytest.mark.parametrize("levels", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 300])
@pytest.mark.parametrize("filler", ['"]]]"', '"[[[\\\\"', '"\\"{"', '{"k[": "v}"}'])
def test_nesting_check_agrees_with_the_careful_parser(levels: int, filler: str) -> None:
    text = "[" * levels + filler + ', "\\\\", "x"' + "]" * levels
    json.loads(text)
    total = levels + filler.startswith("{")
    try:
        parse(text)
        careful = True
    except JsonSyntaxError:
        careful = False
    assert careful == (total <= MAX_DEPTH)
    assert nested_deeper_than(text, MAX_DEPTH) == (total > MAX_DEPTH)


def test_source_map_places_nothing_in_files_it_cannot_place() -> None:
    sources = SourceMap()
    assert sources.locate("missing.json", "/a") == (1, 1)
    deep = '{"a": 1, "b": ' + "[" * 300 + "]" * 300 + "}"
    sources.add("deep.json", deep)
    assert sources.locate("deep.json", "/b", at_key=True) == (1, 1)
    sources.add("ok.json", '{"a": 1,\n "b": "xy"}')
    assert sources.locate("ok.json", "/b", at_key=True) == (2, 2)
    assert sources.locate("ok.json", "/b", offset=1) == (2, 9)
    assert sources.locate("ok.json", "/b/c") == (2, 7)
