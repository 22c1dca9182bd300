"""The loader's structural checks agree with jsonschema on the published schema."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.validate import _Compiler, check_file, checker, fast_valid, schema
from tests.conftest import FIXTURES, STORIES
from tests.story.strategies import STORYISH


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name))


def test_published_schemas_are_valid_2020_12() -> None:
    for name in ("story", "branch"):
        jsonschema.Draft202012Validator.check_schema(schema(name))
        assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_valid_fixtures_and_bundled_stories_pass_both() -> None:
    files = list((FIXTURES / "valid").rglob("*.json")) + list(STORIES.rglob("*.json"))
    assert files
    for path in files:
        name = "branch" if path.parent.name == "branches" else "story"
        value = json.loads(path.read_text())
        assert check_file(name, value) == [], path
        assert list(validator(name).iter_errors(value)) == [], path


def test_unknown_field_is_caught_by_both() -> None:
    value = json.loads((FIXTURES / "bad/LT103-unknown-field/story.json").read_text())
    assert [p.code for p in check_file("story", value)] == ["LT103"]
    assert list(validator("story").iter_errors(value))


@settings(max_examples=300, deadline=None)
@given(STORYISH)
def test_structure_verdict_agrees_with_jsonschema_on_random_nodes(nodes) -> None:
    value = {
        "format": 1, "id": "s", "title": "t", "blurb": "b", "authors": [], "start": "a",
        "characters": {"p": {"name": "P"}}, "nodes": nodes,
    }
    ours = not check_file("story", value)
    theirs = validator("story").is_valid(value)
    assert ours == theirs


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["format", "nodes", "extend", "$schema", "x"]), STORYISH))
def test_branch_verdict_agrees_with_jsonschema(value) -> None:
    assert (not check_file("branch", value)) == validator("branch").is_valid(value)


_PLAIN = {name: _Compiler(schema(name), inline=False).compile(schema(name)) for name in ("story", "branch")}


def _plain_problems(name: str, value) -> list:
    out: list = []
    _PLAIN[name](value, "", out)
    return out


@settings(max_examples=300, deadline=None)
@given(STORYISH, st.sampled_from(["story", "branch"]))
def test_checks_in_line_find_exactly_what_the_plain_checks_find(nodes, name) -> None:
    value = {"format": 1, "nodes": nodes, "extend": nodes} if name == "branch" else {
        "format": 1, "id": "s", "title": "t", "blurb": "b", "authors": [], "start": "a",
        "characters": {"p": {"name": "P", "portraits": {"x": 1}}}, "nodes": nodes,
    }  # fmt: skip
    assert check_file(name, value) == _plain_problems(name, value)


def _walked(name: str, value) -> list:
    out: list = []
    checker(name)(value, "", out)
    return out


@settings(max_examples=300, deadline=None)
@given(STORYISH, st.sampled_from(["story", "branch"]))
def test_fast_verdict_agrees_with_the_walk_and_with_jsonschema(nodes, name) -> None:
    value = {"format": 1, "nodes": nodes, "extend": nodes} if name == "branch" else {
        "format": 1, "id": "s", "title": "t", "blurb": "b", "authors": [], "start": "a",
        "characters": {"p": {"name": "P"}}, "nodes": nodes,
    }  # fmt: skip
    fast = fast_valid(name, value)
    assert fast == (not _walked(name, value)) == validator(name).is_valid(value)


def test_fast_verdict_leaves_what_json_schema_and_we_read_differently_to_the_walk() -> None:
    # JSON Schema counts 1.0 as an integer; the loader says it is not a whole number.
    assert not fast_valid("branch", {"format": 1.0, "nodes": {}})
    assert [p.message for p in check_file("branch", {"format": 1.0, "nodes": {}})] == [
        "expected a whole number, got a number"
    ]
    # An integer too large for the Rust validator is walked, not refused.
    assert not fast_valid("branch", {"format": 10**30, "nodes": {}})
    assert [p.code for p in check_file("branch", {"format": 10**30, "nodes": {}})] == ["LT106"]


def test_valid_files_pass_the_fast_verdict() -> None:
    for path in list((FIXTURES / "valid").rglob("*.json")) + list(STORIES.rglob("*.json")):
        name = "branch" if path.parent.name == "branches" else "story"
        assert fast_valid(name, json.loads(path.read_text())), path


def test_without_jsonschema_rs_the_walk_decides(monkeypatch) -> None:
    # The standalone build leaves jsonschema-rs out: every file is walked, with the same result.
    from game.story import validate

    monkeypatch.setattr(validate, "jsonschema_rs", None)
    assert not fast_valid("branch", {"format": 1, "nodes": {}})
    assert check_file("branch", {"format": 1, "nodes": {}}) == []
    assert [p.code for p in check_file("branch", {"format": 1, "nodes": {"a": {"txt": "x"}}})] == [
        "LT103"
    ]
