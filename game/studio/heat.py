"""How often players reach each node, and what the explorer finds: shown on the map as heat.

Visits come from the simulator's own playthroughs (``simulate.play_once``, random replies), as
the share of runs that entered each node; the explorer's findings (endings no road reaches,
states play cannot leave, loops with no way out) mark the cards they are about.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from game.story.model import Story
from game.tools.explore import explore
from game.tools.simulate import DEFAULT_MAX_STEPS, make_policy, play_once

RUNS = 1000
SEED = 1
MAX_STATES = 50_000


def visits(story: Story, *, runs: int = RUNS, seed: int = SEED) -> dict[str, float]:
    """Node id -> the share of ``runs`` random playthroughs that entered it (0 to 1)."""
    rng = random.Random(seed)
    policy = make_policy("random", story)
    counts: Counter[str] = Counter()
    for _ in range(runs):
        counts.update(play_once(story, policy, rng, DEFAULT_MAX_STEPS).visited)
    return {node: counts[node] / runs for node in story.nodes}


def findings(story: Story, *, max_states: int = MAX_STATES) -> dict[str, Any]:
    """The explorer's findings, by node."""
    ex = explore(story, max_states=max_states)
    return {
        "complete": ex.complete,
        "states": ex.states,
        "unreached": list(ex.unreached_nodes),
        "stuck": [{"node": s.node, "reason": s.reason} for s in ex.stuck],
        "traps": [t.node for t in ex.traps],
        "endings_unreached": [e.node for e in ex.endings if e.reachable(ex.complete) is False],
    }


def measure(story: Story, *, runs: int = RUNS) -> dict[str, Any]:
    return {"runs": runs, "visits": visits(story, runs=runs), "explore": findings(story)}
