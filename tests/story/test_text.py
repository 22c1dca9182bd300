"""Interpolation: names, pronoun forms with capitals, verb agreement, variables, braces."""

from __future__ import annotations

import pytest

from game.story.template import TemplateError, parse_template
from game.story.text import PRONOUNS, Cast, Person, Pronouns, render

CHARS = {"partner": object(), "you": object()}
VARS = {"safety": object(), "arousal": object()}


def show(text: str, pronouns: str | Pronouns = "he", name: str = "Ben") -> str:
    p = PRONOUNS[pronouns] if isinstance(pronouns, str) else pronouns
    cast = Cast({"partner": Person(name, p), "you": Person("You", PRONOUNS["she"])})
    values = {"safety": 55, "arousal": 101.26}
    return render(parse_template(text, CHARS, VARS), cast, values.__getitem__)


@pytest.mark.parametrize(
    ("pronouns", "expected"),
    [
        ("he", "He closes his book; he is tired and has had enough of himself."),
        ("she", "She closes her book; she is tired and has had enough of herself."),
        ("they", "They close their book; they are tired and have had enough of themself."),
    ],
)
def test_pronoun_forms_and_verb_agreement(pronouns: str, expected: str) -> None:
    text = (
        "{partner.They} close{partner.s} {partner.their} book; {partner.they} {partner.are} tired "
        "and {partner.have} had enough of {partner.themself}."
    )
    assert show(text, pronouns) == expected


def test_custom_pronouns_and_names() -> None:
    xe = Pronouns.parse("xe/xem/xyr/xyrs/xemself")
    assert show("{partner.They} lost {partner.their} keys; {partner.they're} sure.", xe, "Ash") == (
        "Xe lost xyr keys; xe's sure."
    )


def test_variables_are_formatted_and_braces_escape() -> None:
    assert show("{safety} and {arousal} {{literal}}") == "55 and 101.3 {literal}"


@pytest.mark.parametrize(
    ("text", "offset"),
    [("Hi {parnter}", 3), ("Hi {partner.thay}", 3), ("a } b", 2), ("{nobody.they}", 0), ("x {", 2)],
)
def test_unknown_names_raise_with_offset(text: str, offset: int) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, CHARS, VARS)
    assert caught.value.offset == offset


def test_unknown_name_suggests() -> None:
    with pytest.raises(TemplateError, match="did you mean '{partner}'"):
        parse_template("{parnter}", CHARS, VARS)


def test_plain_text_is_one_part() -> None:
    assert parse_template("no braces here", CHARS, VARS) == ("no braces here",)


@pytest.mark.parametrize("typed", ["he", "He/Him", "she/her", "they", "THEY/THEM"])
def test_typed_pronoun_shortcuts(typed: str) -> None:
    assert Pronouns.parse(typed) in PRONOUNS.values()


def test_bad_typed_pronouns_are_refused() -> None:
    with pytest.raises(ValueError):
        Pronouns.parse("it/that")


def test_pronouns_round_trip_json() -> None:
    xe = Pronouns.parse("xe/xem/xyr/xyrs/xemself")
    assert Pronouns.from_json(xe.to_json()) == xe
    assert PRONOUNS["they"].to_json() == "they"


@pytest.mark.parametrize(
    "text, says",
    [
        ("{partner.thier} hand", "did you mean '{partner.their}'?"),
        ("{partner.He} sits", "use {partner.They}; it becomes the right word"),
        ("{partner.his} coat", "use {partner.their}"),
        ("{partner.her} coat", "use {partner.them} or {partner.their}"),
        ("{partner sits.", "a '{' with no '}' to close it"),
        ("it ends} here", "a '}' with no '{' before it"),
    ],
)
def test_template_mistakes_say_what_was_meant(text: str, says: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, CHARS, VARS)
    assert says in str(caught.value)
