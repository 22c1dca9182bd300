"""rewrite keeps a file's layout: unchanged parts byte for byte, new parts like their neighbours."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from game.studio.jsontext import FileStyle, dump_new, rewrite, same
from game.studio.values import delete_in, get_in, insert_in, set_in
from tests.conftest import STORIES

HAND_WRITTEN = (STORIES / "sample" / "story.json").read_text(encoding="utf-8")
DUMPED = (STORIES / "sample" / "branches" / "balcony.json").read_text(encoding="utf-8")


def changed_lines(a: str, b: str) -> int:
    import difflib

    return sum(1 for line in difflib.ndiff(a.splitlines(), b.splitlines()) if line[:1] in "+-")


def test_same_value_gives_the_same_text():
    value = json.loads(HAND_WRITTEN)
    assert rewrite(HAND_WRITTEN, value, copy.deepcopy(value)) == HAND_WRITTEN


def test_one_string_changed_changes_one_line_of_a_hand_written_file():
    old = json.loads(HAND_WRITTEN)
    new = set_in(old, ["nodes", "keys", "lines", 1, "text"], "Hey. “Long” day.")
    out = rewrite(HAND_WRITTEN, old, new)
    assert json.loads(out) == new
    assert changed_lines(HAND_WRITTEN, out) == 2  # the old line out, the new line in
    assert '{ "speaker": "partner", "expression": "tired", "text": "Hey. “Long” day." }' in out


def test_a_new_choice_is_written_like_its_neighbours():
    old = json.loads(HAND_WRITTEN)
    new = insert_in(old, ["nodes", "keys", "choices"], -1, {"text": "Hi.", "to": "couch"})
    out = rewrite(HAND_WRITTEN, old, new)
    assert '        { "text": "Hi.", "to": "couch" }\n      ]' in out
    assert changed_lines(HAND_WRITTEN, out) == 3  # the last choice gains a comma, one new line


def test_a_new_node_in_an_indented_file_follows_its_indentation():
    old = json.loads(DUMPED)
    new = set_in(old, ["nodes", "porch"], {"lines": [{"text": "Cold."}], "choices": []})
    out = rewrite(DUMPED, old, new)
    assert json.loads(out) == new
    assert '    "porch": {\n      "lines": [\n        {\n          "text": "Cold."\n        }\n      ],\n' \
        '      "choices": []\n    }\n' in out


def test_removing_a_member_keeps_the_rest():
    old = json.loads(HAND_WRITTEN)
    new = delete_in(old, ["nodes", "couch", "choices", 3, "if"])
    out = rewrite(HAND_WRITTEN, old, new)
    assert json.loads(out) == new
    assert changed_lines(HAND_WRITTEN, out) == 2


def test_types_count_for_sameness():
    assert not same(1, True)
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # key order is part of the text
    assert same([1, {"a": "x"}], [1, {"a": "x"}])


def test_style_is_read_from_the_text():
    style = FileStyle.of("{\n    \"a\": [1, 2],\n    \"b\": {}\n}\n")
    assert style.unit == "    " and style.inline
    assert FileStyle.of(DUMPED).inline is False
    assert dump_new({"a": [1]}) == '{\n  "a": [\n    1\n  ]\n}\n'


# -- properties ------------------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000),
                    st.text(max_size=12), st.floats(allow_nan=False, allow_infinity=False, width=32))
keys = st.text(alphabet="abcdefgxyz_-", min_size=1, max_size=6)
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=25)
layouts = st.sampled_from([
    lambda v: json.dumps(v, indent=2, ensure_ascii=False),
    lambda v: json.dumps(v, indent=4),
    lambda v: json.dumps(v, ensure_ascii=False),
    lambda v: json.dumps(v, indent="\t", separators=(",", ":")),
])


def paths_in(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths_in(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths_in(v, (*prefix, i))


@settings(max_examples=150, deadline=None)
@given(documents.filter(lambda v: isinstance(v, (dict, list))), layouts, documents, st.data())
def test_any_edit_gives_the_new_value_and_keeps_what_did_not_change(doc, layout, replacement, data):
    text = layout(doc) + "\n"
    path = data.draw(st.sampled_from(list(paths_in(doc))))
    if path:
        new = set_in(doc, list(path), replacement)
    else:
        new = replacement if isinstance(replacement, (dict, list)) else [replacement]
    out = rewrite(text, doc, new)
    assert same(json.loads(out), new)
    assert out.endswith("\n")
    # writing the old value back into the new text gives a document equal to the old one
    assert same(json.loads(rewrite(out, new, doc)), doc)


@settings(max_examples=100, deadline=None)
@given(documents.filter(lambda v: isinstance(v, dict) and v), layouts, keys, documents)
def test_adding_a_member_leaves_every_other_member_as_written(doc, layout, key, value):
    text = layout(doc)
    new = {**doc, key: value} if key not in doc else {**doc, key: value}
    out = rewrite(text, doc, new)
    assert same(json.loads(out), new)
    for k in doc:
        if k != key and isinstance(doc[k], (dict, list)) and doc[k]:
            inner = layout(doc[k])
            if "\n" not in inner:
                assert inner in out  # one-line members are copied exactly
    assert get_in(json.loads(out), [key]) == value
