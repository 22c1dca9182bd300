"""Hypothesis strategies for the loader's tests: any JSON, and JSON shaped somewhat like a
story (its field names, small values, expressions), which the property tests of loading and
of the schema's own checks share."""

from __future__ import annotations

from hypothesis import strategies as st

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)
# Values shaped somewhat like stories, so the checks past the structure are reached too.
FIELDS = st.sampled_from(
    ["format", "id", "title", "blurb", "authors", "start", "characters", "variables", "kinds",
     "each_turn", "dynamics", "scenes", "nodes", "text", "choices", "to", "if", "effects", "route",
     "ending", "speaker", "lines", "place", "scene", "type", "initial", "min", "max", "name"]
)
STORYISH = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["a", "x > 1", "{a}", "he", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(FIELDS | st.text(max_size=3), inner, max_size=5),
    max_leaves=30,
)
