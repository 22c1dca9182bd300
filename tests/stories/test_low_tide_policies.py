"""A player who picks Low Tide's replies by the warmth of their words does not win by it, and
no single reply kind decides an ending: timing does.

The goals of issue 11, measured as `lowtide simulate` measures them, with fewer runs than the
figures in docs/story-bible.md (2,000 runs, seed 1) and the same seed. The figures there sit
well inside the goals (warm replies reach a connected ending in 55.8% and 53.8% of runs; no
single kind reaches one ending in more than 43.9%), so a smaller sample stays inside them too.
"""

from __future__ import annotations

from functools import cache

import pytest

from game.story.load import load_or_raise
from game.story.model import Story
from game.tools.simulate import simulate
from tests.conftest import STORIES

RUNS = 800
SEED = 1
CONNECTED = ("safe-haven", "gratitude", "repair", "cave-and-return")
WARM_SIX = "gentle=100,validate=100,appreciate=100,responsibility=100,space=100,soothe=100"
MOST_CONNECTED = 0.60  # warm replies reach the connected endings in at most this share of runs
MOST_ONE_ENDING = 0.50  # no single kind reaches any one ending in more than this share


@cache
def _story() -> Story:
    return load_or_raise(STORIES / "low-tide")


def _shares(policy: str) -> dict[str, float]:
    report = simulate(_story(), runs=RUNS, seed=SEED, policy=policy)
    assert report["stuck"] == 0 and report["unfinished"] == 0
    return {e["node"]: e["share"] for e in report["endings"]}


def _warm_kinds() -> str:
    """Every kind of reply the story calls warm (tone positive): the six the issue names, and
    the reassurance and fixing that sound just as warm."""
    return ",".join(f"{k}=100" for k, kind in sorted(_story().kinds.items())
                    if kind.tone == "positive")


def test_the_connected_endings_are_the_ones_the_bible_names() -> None:
    endings = {n.id: n.ending for n in _story().endings()}
    for node in CONNECTED:
        assert endings[node] is not None and endings[node].dynamic == node


def test_warm_kinds_include_the_six_the_issue_names_and_nothing_harsh() -> None:
    warm = {part.split("=")[0] for part in _warm_kinds().split(",")}
    assert {p.split("=")[0] for p in WARM_SIX.split(",")} <= warm
    assert {"reassure", "fix"} <= warm
    assert not warm & {"criticise", "mock", "demand", "follow", "defend", "instruct", "turn-away"}


@pytest.mark.parametrize("policy", [WARM_SIX, "warm kinds"], ids=["six-warm-kinds", "all-warm-kinds"])
def test_picking_by_warmth_does_not_reach_a_connected_ending_most_of_the_time(policy: str) -> None:
    shares = _shares(_warm_kinds() if policy == "warm kinds" else policy)
    connected = sum(shares[n] for n in CONNECTED)
    assert connected <= MOST_CONNECTED, f"{policy}: connected endings in {connected:.1%} of runs"
    # and it still reaches them often: warmth at the right moments does help
    assert connected >= 0.3, f"{policy}: connected endings in only {connected:.1%} of runs"


@pytest.mark.parametrize("kind", sorted(load_or_raise(STORIES / "low-tide").kinds))
def test_no_single_kind_decides_an_ending(kind: str) -> None:
    shares = _shares(f"{kind}=100")
    node, share = max(shares.items(), key=lambda item: item[1])
    assert share <= MOST_ONE_ENDING, f"{kind}=100 reaches {node} in {share:.1%} of runs"
