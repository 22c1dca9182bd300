"""Conditional text: inline forms read at a moment of play, their errors, and where lint puts
them in the file (escapes in the JSON string shift the columns)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.expr import VarInfo
from game.story.load import load_story
from game.story.template import TemplateError, conditions, parse_template, text_conditions
from game.story.text import PRONOUNS, Cast, Moment, Person, render, tidy
from tests.tools.helpers import ending, write_story

CHARS = {"partner": object(), "you": object()}
VARS = {"safety": VarInfo("safety", 0, "integer", 0, 100), "told": VarInfo("told", 1, "bool")}
CAST = Cast({"partner": Person("Sam", PRONOUNS["they"]), "you": Person("You", PRONOUNS["she"])})


def read(text: str, *, safety: int = 50, told: bool = False, visit: int = 1,
         seed: int | None = 0, trace: list | None = None) -> str:
    values = [safety, told]
    moment = Moment(values, {"here": visit}, 0, "here", seed)
    template = parse_template(text, CHARS, VARS)
    return render(template, CAST, lambda n: values[VARS[n].slot], moment, trace)


def test_if_shows_its_text_or_the_other_and_spaces_read_right() -> None:
    text = "{partner.They} {if safety >= 60: stay{partner.s} | go{partner.es}}."
    assert read(text, safety=70) == "They stay."
    assert read(text, safety=10) == "They go."
    assert read("Thanks for waiting{if told: up for me}.", told=True) == \
        "Thanks for waiting up for me."
    assert read("Thanks for waiting{if told: up for me}.") == "Thanks for waiting."
    assert read("{if told: You said it.} Hey.") == "Hey."
    assert read("walk{if told:s}", told=True) == "walks"


def test_alternatives_follow_the_visits() -> None:
    seq, cycle, once = "{seq: a | b | c}", "{cycle: a | b}", "{once: a | b}"
    assert [read(seq, visit=v) for v in (1, 2, 3, 4)] == ["a", "b", "c", "c"]
    assert [read(cycle, visit=v) for v in (1, 2, 3, 4)] == ["a", "b", "a", "b"]
    assert [read(once, visit=v) for v in (1, 2, 3)] == ["a", "b", ""]


def test_a_shuffle_is_the_same_for_the_same_seed_node_and_visit() -> None:
    text = "{shuffle: a | b | c | d | e | f}"
    picks = [read(text, seed=s, visit=v) for s in range(6) for v in (1, 2)]
    assert picks == [read(text, seed=s, visit=v) for s in range(6) for v in (1, 2)]
    assert len(set(picks)) > 1  # not always the same item
    trace: list = []
    assert read(text, seed=None, trace=trace) == "[one of: a / b / c / d / e / f]"
    assert trace == [(0, "shuffle", None)]


def test_nested_forms_escapes_and_interpolation_inside_branches() -> None:
    text = "{if told: {if safety > 60: {partner} stays{|}sits | {partner.they} go{partner.es}} | no}"
    assert read(text, told=True, safety=70) == "Sam stays|sits"
    assert read(text, told=True, safety=10) == "they go"
    assert read(text) == "no"
    assert read("{{braces}} and a {|} bar") == "{braces} and a | bar"
    trace: list = []
    read(text, told=True, safety=10, trace=trace)
    assert trace == [(0, "if", 0), (10, "if", 1)]


def test_tidy_only_touches_spaces() -> None:
    assert tidy("  He  stays .\n x , y ”") == "He stays.\nx, y”"


def test_conditions_are_type_checked_and_placed_inside_the_text() -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template("Hi {if saftey > 2: x}", CHARS, VARS)
    assert caught.value.code == "LT302" and caught.value.offset == 7
    assert "did you mean 'safety'" in caught.value.message
    with pytest.raises(TemplateError) as caught:
        parse_template("{if safety: x}", CHARS, VARS)
    assert caught.value.code == "LT303" and "'safety > 0'" in caught.value.message


def test_names_in_branches_are_checked_and_conditions_listed() -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template("{seq: a | {parnter}}", CHARS, VARS)
    assert caught.value.offset == 10 and "{partner}" in caught.value.message
    template = parse_template("{if told: {cycle: {if safety > 1: x}}}", CHARS, VARS)
    assert [(c.source, at) for c, at in conditions(template)] == [("told", 4), ("safety > 1", 22)]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{partner.Thier} hand", "did you mean '{partner.Their}'?"),
        ("{partner.Her} coat", "{partner.Them} or {partner.Their}"),
        ("{Parnter.They}", "did you mean '{Partner.They}'?"),
        ("{Parnter}", "did you mean '{Partner}'?"),
        ("{$safety}", "variables have no '$'; write '{safety}'"),
    ],
)
def test_hints_keep_the_capital_asked_for(text: str, says: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, CHARS, VARS)
    assert says in caught.value.message


def test_texts_shown_outside_play_take_names_and_forms_only() -> None:
    assert parse_template("{partner.Their} bids", CHARS, VARS, inline=False) == (
        ("form", "partner", "their", True), " bids")
    for text in ("{safety}", "{if told: x}"):
        with pytest.raises(TemplateError, match="outside play"):
            parse_template(text, CHARS, VARS, inline=False)


@pytest.mark.parametrize(
    "text",
    [
        "Plain {if saftey > 2: x}",
        "Quoted \"so\" {if saftey > 2: x}",
        "Curly \u2019 and \u201cquotes\u201d {if saftey > 2: x}",
        "Tab\there {if saftey > 2: x}",
    ],
)
def test_an_error_inside_inline_text_is_placed_at_its_character(tmp_path: Path, text: str) -> None:
    root = write_story(tmp_path / "s", {
        "a": {"text": text, "choices": [{"text": "Go.", "to": "z"}]}, "z": ending()},
        variables={"safety": {"type": "integer", "initial": 50}})
    # Write the file with \uXXXX escapes, as some editors save it: they shift the columns.
    data = json.loads((root / "story.json").read_text("utf-8"))
    (root / "story.json").write_text(json.dumps(data, indent=2, ensure_ascii=True), "utf-8")
    story, diagnostics = load_story(root)
    assert story is None
    (d,) = diagnostics
    line = (root / "story.json").read_text("utf-8").splitlines()[d.line - 1]
    assert d.code == "LT302" and d.pointer == "/nodes/a/text"
    assert line[d.column - 1 :].startswith("saftey > 2: x}")


def test_a_missing_node_in_an_inline_condition_is_placed(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", {
        "a": {"lines": [{"text": "A {if seen('nowhere'): again}"}],
              "choices": [{"text": "Go.", "to": "z"}]},
        "z": ending()})
    (d,) = load_story(root)[1]
    line = (root / "story.json").read_text("utf-8").splitlines()[d.line - 1]
    assert d.code == "LT200" and line[d.column - 1 :].startswith("'nowhere'")


def test_every_text_condition_of_a_story_is_found(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", {
        "a": {"lines": [{"text": "A", "if": "safety > 1"}, {"text": "{if safety > 2: b}"}],
              "choices": [{"text": "Go{if safety > 3: !}", "to": "z"}]},
        "z": {"text": "End", "ending": {"title": "{if safety > 4: E}", "dynamic": "d",
                                       "debrief": ["x", {"if": "safety > 5", "text": "y"}]}}},
        variables={"safety": {"type": "integer", "initial": 50}})
    story, diagnostics = load_story(root)
    assert diagnostics == [] and story is not None
    found = sorted(c.source for c in text_conditions(story))
    assert found == [f"safety > {n}" for n in range(1, 6)]


NAMES_ONLY = st.text(alphabet=st.sampled_from(list("{}ab .\nifseqoncpartnery$")), max_size=30)


@pytest.mark.parametrize("cached", [False, True])
@given(text=st.one_of(NAMES_ONLY, st.sampled_from([
    "{partner} {partner.They} {safety}", "{{x}} and }}", "{if x}", "{seq}", "{ once}", "{a {b}",
    "{partner.thier}", "x }", "{$safety}"])))
@settings(max_examples=400)
def test_the_shortcut_for_texts_without_forms_reads_as_the_scanner_does(
    text: str, cached: bool
) -> None:
    # cached: as in a story, whose texts share their placeholders (one read them all before)
    cache: dict[str, tuple] | None = None
    if cached:
        cache = {}
        parse_template("{partner} {partner.They} {safety} {told}", CHARS, VARS, cache)
    try:
        quick = parse_template(text, CHARS, VARS, cache)
    except TemplateError as err:
        with pytest.raises(TemplateError) as full:
            parse_template(text, CHARS, VARS, shortcut=False)
        assert (full.value.code, full.value.offset, full.value.message) == \
            (err.code, err.offset, err.message)
        return
    assert quick == parse_template(text, CHARS, VARS, shortcut=False)
    if cache is not None:  # every placeholder of the text is known now
        assert parse_template(text, CHARS, VARS, cache) == quick
