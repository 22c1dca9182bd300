"""Bounds on every size a story can declare: each has its code and its place, a story beyond
one never loads, and checking a story within them walks nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.story import bounds
from game.story.load import load_story
from game.story.validate import fast_valid
from tests.conftest import FIXTURES, STORIES

TINY = FIXTURES / "valid/tiny"


def tiny(tmp_path: Path, change=None, *, text: str | None = None) -> Path:
    root = tmp_path / "story"
    shutil.copytree(TINY, root)
    if text is None:
        data = json.loads((root / "story.json").read_text())
        if change is not None:
            change(data)
        text = json.dumps(data, indent=1, ensure_ascii=False)
    (root / "story.json").write_text(text, encoding="utf-8")
    return root


def codes(root: Path) -> list[str]:
    story, diagnostics = load_story(root)
    assert story is None or not diagnostics
    return [d.code for d in diagnostics]


def test_a_hundred_thousand_brackets_are_refused_at_the_first_one_too_deep(tmp_path) -> None:
    root = tiny(tmp_path, text="[" * 100_000)
    story, (d,) = load_story(root)
    assert story is None and d.code == "LT111"
    assert (d.line, d.column) == (1, bounds.MAX_NESTING + 1)


def test_brackets_inside_strings_do_not_count(tmp_path) -> None:
    root = tiny(tmp_path, lambda d: d.update(authors=["[" * 500 + '\\"{' * 100]))
    assert codes(root) == []


def test_a_file_beyond_the_size_bound_is_refused_unread(tmp_path, monkeypatch) -> None:
    root = tiny(tmp_path)
    monkeypatch.setattr(bounds, "MAX_FILE_BYTES", 200)
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (read.append(self), real(self))[1])
    story, (d,) = load_story(root)
    assert story is None and d.code == "LT110" and (d.line, d.column) == (1, 1)
    assert not any(p.name == "story.json" for p in read)


@pytest.mark.parametrize("where", ["text", "blurb", "name", "debrief"])
def test_a_text_beyond_the_bound_is_lt112_at_its_place(tmp_path, where: str) -> None:
    long = "x" * (bounds.MAX_TEXT + 1)

    def change(d):
        if where == "text":
            d["nodes"]["hello"]["text"] = long
        elif where == "blurb":
            d["blurb"] = long
        elif where == "name":
            d["characters"]["partner"]["name"] = long
        else:
            end = next(n for n in d["nodes"].values() if "ending" in n)
            end["ending"]["debrief"] = long

    story, diagnostics = load_story(tiny(tmp_path, change))
    assert story is None and [x.code for x in diagnostics] == ["LT112"]
    assert diagnostics[0].pointer.endswith(where)


def test_a_text_at_the_bound_is_fine_and_escapes_are_counted_as_characters(tmp_path) -> None:
    at = "y" * bounds.MAX_TEXT
    assert codes(tiny(tmp_path, lambda d: d.update(blurb=at))) == []
    quoted = '"' * (bounds.MAX_TEXT + 1)  # each is two characters in the file, one in the text
    assert codes(tiny(tmp_path / "2", lambda d: d.update(blurb=quoted))) == ["LT112"]


# a whole number too long for a float (found by the long fuzz run: it overflowed while the
# effects that clamp to it compiled)
HUGE = "1" + "0" * 400


@pytest.mark.parametrize("raw", ["1e400", "-1e400", "1e16", "10000000000000001", "-2e15",
                                 HUGE, "-" + HUGE])
def test_numbers_beyond_what_a_variable_holds_are_lt311(tmp_path, raw: str) -> None:
    text = (TINY / "story.json").read_text().replace('"max": 10', f'"max": {raw}')
    story, diagnostics = load_story(tiny(tmp_path, text=text))
    assert story is None and "LT311" in [d.code for d in diagnostics]
    d = next(d for d in diagnostics if d.code == "LT311")
    assert d.pointer == "/variables/calm/max"


def test_long_runs_of_digits_in_text_are_only_text(tmp_path) -> None:
    root = tiny(tmp_path, lambda d: d.update(blurb="Call 55512345678901234567 or 1e99."))
    assert codes(root) == []


def test_a_number_literal_beyond_the_bound_in_an_expression_is_lt311(tmp_path) -> None:
    def change(d):
        d["nodes"]["hello"]["choices"][0]["if"] = "calm < 100000000000000000"

    story, diagnostics = load_story(tiny(tmp_path, change))
    assert story is None and [x.code for x in diagnostics] == ["LT311"]
    assert diagnostics[0].pointer.endswith("/if")


@pytest.mark.parametrize("verdict", ["jsonschema-rs", "walked"])
@pytest.mark.parametrize(("key", "count"), [("choices", 101), ("lines", 501), ("effects", 101),
                                            ("reply effects", 101), ("route", 101)])
def test_lists_of_a_node_beyond_their_bound_are_lt113(
    tmp_path, monkeypatch, key: str, count: int, verdict: str
) -> None:
    if verdict == "walked":  # as in the standalone build, which leaves jsonschema-rs out
        monkeypatch.setattr(bounds, "jsonschema_rs", None)

    def change(d):
        node = d["nodes"]["hello"]
        if key == "choices":
            node["choices"] = node["choices"] * count
        elif key == "lines":
            node.pop("text")
            node["lines"] = [{"text": f"Line {i}."} for i in range(count)]
        elif key == "reply effects":
            node["choices"][0]["effects"] = ["calm += 1"] * count
        elif key == "route":
            d["nodes"]["hello"] = {"route": [{"to": "hello"}] * count}
        else:
            node["effects"] = ["calm += 1"] * count

    story, diagnostics = load_story(tiny(tmp_path, change))
    assert story is None and "LT113" in [d.code for d in diagnostics]
    d = next(d for d in diagnostics if d.code == "LT113")
    expected = {"reply effects": "choices/0/effects"}.get(key, key)
    assert d.pointer == f"/nodes/hello/{expected}"


def test_one_pass_of_jsonschema_rs_checks_the_schema_and_the_lists_together(tmp_path) -> None:
    pytest.importorskip("jsonschema_rs")
    data = json.loads((tiny(tmp_path) / "story.json").read_text())
    assert fast_valid("story", data, bounds.list_limits())
    data["nodes"]["hello"]["choices"] *= 101  # still the schema's shape, beyond the bound
    assert fast_valid("story", data)
    assert not fast_valid("story", data, bounds.list_limits())


def test_too_many_nodes_are_not_built(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(bounds.MAX_COUNTS, "nodes", 1)
    from game.story import nodes

    monkeypatch.setattr(nodes.NodeBuilder, "node", lambda *a, **k: pytest.fail("built"))
    story, diagnostics = load_story(TINY)
    assert story is None and [d.code for d in diagnostics] == ["LT113"]
    assert "at most 1" in diagnostics[0].message


def test_too_many_branch_files_are_not_read(tmp_path, monkeypatch) -> None:
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "valid/with-branch", root)
    for i in range(3):
        shutil.copy(root / "branches/extra.json", root / f"branches/copy{i}.json")
    monkeypatch.setattr(bounds, "MAX_BRANCH_FILES", 2)
    story, diagnostics = load_story(root)
    assert story is None and [d.code for d in diagnostics] == ["LT113"]


@pytest.mark.parametrize("name", sorted(p.name for p in STORIES.iterdir()))
def test_the_bundled_stories_are_within_bounds_without_walking_a_value(name, monkeypatch) -> None:
    monkeypatch.setattr(bounds, "_walk", lambda *a: pytest.fail("walked a story within bounds"))
    story, diagnostics = load_story(STORIES / name)
    assert story is not None, [d.format() for d in diagnostics]


def test_nodes_are_counted_across_the_files(monkeypatch) -> None:
    monkeypatch.setitem(bounds.MAX_COUNTS, "nodes", 2)  # story.json has 2, its branch 1
    story, diagnostics = load_story(FIXTURES / "valid/with-branch")
    assert story is None and [d.code for d in diagnostics] == ["LT113"]
    assert "3 nodes" in diagnostics[0].message and diagnostics[0].file.endswith("story.json")


def test_a_map_file_beyond_the_size_bound_is_lt110_unread(tmp_path, monkeypatch) -> None:
    root = tiny(tmp_path)
    tmx = (root / "room.tmx").read_text()
    (root / "room.tmx").write_text(tmx.replace("<map ", "<!--" + "~" * 5000 + "-->\n<map ", 1))
    monkeypatch.setattr(bounds, "MAX_FILE_BYTES", 3000)  # story.json is well under it
    story, diagnostics = load_story(root)
    assert story is None and [d.code for d in diagnostics] == ["LT110"]
    assert diagnostics[0].file.endswith("room.tmx")
    assert f"{(root / 'room.tmx').stat().st_size:,} bytes" in diagnostics[0].message
    assert "at most 3,000 bytes" in diagnostics[0].message


def test_a_map_nested_thousands_deep_is_lt111_not_a_recursion_error(tmp_path) -> None:
    root = tiny(tmp_path)
    tmx = (root / "room.tmx").read_text()
    (root / "room.tmx").write_text(tmx.replace("</map>", "<group>" * 5000 + "</group>" * 5000
                                               + "</map>", 1))
    story, diagnostics = load_story(root)
    assert story is None and [d.code for d in diagnostics] == ["LT111"]
    assert diagnostics[0].file.endswith("room.tmx") and diagnostics[0].line > 1


def test_a_file_that_parses_but_nests_too_deep_is_lt111_at_the_first_bracket_too_deep(tmp_path):
    deep = "[" * 100 + "]" * 100  # within what the C parser takes, beyond MAX_NESTING
    text = (TINY / "story.json").read_text().replace('"authors": [', f'"authors": [{deep}, ', 1)
    assert deep in text
    story, (d,) = load_story(tiny(tmp_path, text=text))
    assert story is None and d.code == "LT111"
    line = next(i for i, s in enumerate(text.splitlines(), 1) if deep in s)
    assert d.line == line


def _deepest(root: dict, part, refs: tuple[str, ...] = ()) -> int | None:
    """How deep a value that matches ``part`` of the schema ``root`` can nest; None when the
    schema does not bound it (any value allowed, or a reference to itself)."""
    if part is True or part == {}:
        return None
    if part is False:
        return 0
    known = {"$ref", "type", "properties", "additionalProperties", "items", "oneOf", "enum",
             "const", "pattern", "required", "minItems", "propertyNames", "description",
             "title", "$schema", "$id", "$defs"}
    assert set(part) <= known, f"a keyword this measure does not know: {set(part) - known}"
    if "$ref" in part:
        ref = part["$ref"]
        if ref in refs:
            return None
        target = root
        for key in ref.removeprefix("#/").split("/"):
            target = target[key]
        return _deepest(root, target, (*refs, ref))
    if "oneOf" in part:
        depths = [_deepest(root, sub, refs) for sub in part["oneOf"]]
        return None if None in depths else max(depths)
    if "enum" in part or "const" in part:
        values = part.get("enum", [part.get("const")])
        return 0 if all(not isinstance(v, dict | list) for v in values) else None
    kinds = part.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if kinds is None:
        return None
    depth = 0
    if "object" in kinds:
        subs = list(part.get("properties", {}).values())
        if part.get("additionalProperties", True) is not False:
            subs.append(part.get("additionalProperties", True))
        inner = [_deepest(root, sub, refs) for sub in subs]
        if None in inner:
            return None
        depth = 1 + max(inner, default=0)
    if "array" in kinds:
        inner_item = _deepest(root, part.get("items", True), refs)
        if inner_item is None:
            return None
        depth = max(depth, 1 + inner_item)
    return depth


@pytest.mark.parametrize("kind", ["story", "branch"])
def test_a_file_that_matches_its_schema_nests_within_the_bound(kind: str) -> None:
    # The loader measures nesting only in files that do not match their schema.
    from game.story.validate import schema

    depth = _deepest(schema(kind), schema(kind))
    assert depth is not None and depth < bounds.MAX_NESTING


@pytest.mark.parametrize("raw", ["1e400", "-1e400", "1e16", "10000000000000001", "-2e15",
                                 HUGE, "-" + HUGE, "1e15", "999999999999999", "-1000000000000000",
                                 "0.5", "12", "-0.0"])
def test_the_parsers_number_hooks_note_every_number_beyond_the_bound(raw: str) -> None:
    # The loader checks numbers only when the parser's hooks saw one that may be too large.
    numbers = bounds.Numbers()
    value = json.loads(raw, parse_int=numbers.integer, parse_float=numbers.real)
    assert value == json.loads(raw) and type(value) is type(json.loads(raw))
    assert numbers.big is bounds._number_beyond(value)


@given(st.one_of(st.integers(min_value=-(10**30), max_value=10**30),
                 st.floats(allow_nan=False, allow_infinity=False)))
def test_the_number_hooks_never_miss_a_number_beyond_the_bound(value) -> None:
    numbers = bounds.Numbers()
    parsed = json.loads(json.dumps(value), parse_int=numbers.integer, parse_float=numbers.real)
    assert parsed == value
    assert numbers.big or not bounds._number_beyond(parsed)


@given(st.text(alphabet='ab"\\', max_size=60), st.integers(min_value=2, max_value=12))
def test_the_quick_measure_of_the_longest_string_agrees_with_splitting(text: str, limit: int):
    plain = text.replace("\\\\", "xx").replace('\\"', "xx")
    exact = max(map(len, plain.split('"'))) <= limit
    assert bounds._longest_string_at_most(text, limit) is exact
