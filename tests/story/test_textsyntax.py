"""The syntax of story text: round trips, no traceback on any string, positions inside it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.textsyntax import (
    Inline,
    Literal,
    Placeholder,
    TemplateError,
    scan,
    unparse,
)

# Characters that matter to the syntax, and some that do not, so random strings hit the rules.
SYNTAX = st.text(alphabet=st.sampled_from(list("{}|:if seqcylhufon\"'ab. \n\\")), max_size=40)
ANY = st.one_of(SYNTAX, st.text(max_size=60))


def shape(nodes) -> tuple:
    """A tree without positions, adjacent literals joined, for comparing trees."""
    out: list = []
    for node in nodes:
        if isinstance(node, Literal):
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + node.text)
            else:
                out.append(("text", node.text))
        elif isinstance(node, Placeholder):
            out.append(("name", node.inner))
        else:
            out.append((node.form, node.condition, tuple(shape(b) for b in node.branches)))
    return tuple(out)


def check_positions(nodes, start: int, end: int) -> None:
    """Every node lies inside [start, end], in order, without overlapping."""
    at = start
    for node in nodes:
        assert at <= node.start < node.end <= end
        at = node.end
        if isinstance(node, Inline):
            for branch in node.branches:
                check_positions(branch, node.start + 1, node.end - 1)


@given(ANY)
@settings(max_examples=600)
def test_any_string_scans_or_fails_inside_it(text: str) -> None:
    try:
        nodes = scan(text)
    except TemplateError as err:
        assert 0 <= err.offset < len(text)
        assert err.code in ("LT210", "LT211")
        return
    check_positions(nodes, 0, len(text))
    # The top level covers the whole text, with nothing left out.
    assert (nodes[0].start if nodes else 0) == 0
    assert (nodes[-1].end if nodes else 0) == len(text)
    for a, b in zip(nodes, nodes[1:]):
        assert a.end == b.start


@given(ANY)
@settings(max_examples=400)
def test_what_scans_writes_back_and_scans_the_same(text: str) -> None:
    try:
        nodes = scan(text)
    except TemplateError:
        return
    again = unparse(nodes)
    assert shape(scan(again)) == shape(nodes)


# Trees made up, written out, and read back.
WORD = st.text(alphabet=st.sampled_from(list("abc xyz.,!?'\"|{}-")), min_size=1, max_size=8)
CONDITION = st.sampled_from(["safety >= 60", "x", 'mood == "a:b|c"', "not told", "n > 2 or y"])
NAME = st.sampled_from(["partner", "partner.they", "Partner.Their", "safety"])


def trees(depth: int) -> st.SearchStrategy:
    literal = WORD.map(lambda w: ("text", w))
    name = NAME.map(lambda n: ("name", n))
    leaf = st.one_of(literal, name) if depth == 0 else st.one_of(literal, name, form(depth - 1))
    return st.lists(leaf, max_size=4)


def form(depth: int) -> st.SearchStrategy:
    items = st.lists(trees(depth), min_size=1, max_size=3)
    alt = st.tuples(st.sampled_from(["seq", "cycle", "shuffle", "once"]), st.none(), items)
    cond = st.tuples(st.just("if"), CONDITION, st.lists(trees(depth), min_size=1, max_size=2))
    return st.one_of(alt, cond).map(lambda t: (t[0], t[1], tuple(tuple(b) for b in t[2])))


def write(tree, in_branch: bool = False) -> str:
    out = []
    for part in tree:
        if part[0] == "text":  # a '}' cannot be written inside a form: it closes it
            if in_branch:
                out.append(part[1].replace("}", "").replace("{", "{{").replace("|", "{|}"))
            else:
                out.append(part[1].replace("{", "{{").replace("}", "}}"))
        elif part[0] == "name":
            out.append("{" + part[1] + "}")
        else:
            head = f"if {part[1]}:" if part[0] == "if" else f"{part[0]}:"
            out.append("{" + head + "|".join(write(b, True) for b in part[2]) + "}")
    return "".join(out)


def normal(tree, in_branch: bool = False) -> tuple:
    """The tree as ``shape`` gives it back: adjacent texts joined, empty ones gone."""
    out: list = []
    for part in tree:
        if part[0] == "text":
            text = part[1].replace("}", "") if in_branch else part[1]
            if not text:
                continue
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + text)
            else:
                out.append(("text", text))
        elif part[0] == "name":
            out.append(part)
        else:
            out.append((part[0], part[1], tuple(normal(b, True) for b in part[2])))
    return tuple(out)


@given(trees(2))
@settings(max_examples=300)
def test_made_up_trees_read_back_as_written(tree) -> None:
    text = write(tree)
    nodes = scan(text)
    assert shape(nodes) == normal(tree)
    assert unparse(nodes) == text
    check_positions(nodes, 0, len(text))


@pytest.mark.parametrize(
    ("text", "offset", "says"),
    [
        ("a {seq: one", 2, "no '}' to close it"),
        ("{if x a}", 0, "needs a ':'"),
        ("{if : a}", 0, "needs a condition"),
        ("{if x: a | b | c}", 13, "at most two branches"),
        ("x {iff y: a}", 2, "did you mean 'if'?"),
        ("{partner|x}", 0, "not an inline form"),
        ("a } b", 2, "a '}' with no '{'"),
        ("{partner sits", 0, "a '{' with no '}'"),
    ],
)
def test_mistakes_are_placed_and_explained(text: str, offset: int, says: str) -> None:
    with pytest.raises(TemplateError) as caught:
        scan(text)
    assert caught.value.offset == offset and says in caught.value.message


def test_nested_forms_close_together_and_escapes_stay_literal() -> None:
    (form,) = scan("{if a: {if b: x}}")
    assert form.form == "if" and isinstance(form.branches[0][1], Inline)
    assert shape(scan("{{x}} {|} {seq: a{|}b | c}")) == (
        ("text", "{x} | "), ("seq", None, ((("text", " a|b "),), (("text", " c"),))))
    (form,) = scan('{if mood == "a:b|}": yes}')
    assert form.condition == 'mood == "a:b|}"'
