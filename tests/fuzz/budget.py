"""How much fuzzing a run does: a bounded amount in ``make test``, a long run in ``make fuzz``.

``LOWTIDE_FUZZ=long`` (what ``make fuzz`` sets) asks for the long run; ``LOWTIDE_FUZZ_SCALE``
multiplies either (0.1 for a quick look, 10 for a night). Every fuzz test counts what it ran in
``COUNTS``, and ``tests/fuzz/conftest.py`` prints the totals at the end of the session.
"""

from __future__ import annotations

import os
from collections import Counter

LONG = os.environ.get("LOWTIDE_FUZZ", "") == "long"
SCALE = float(os.environ.get("LOWTIDE_FUZZ_SCALE", "1") or 1)

#: what a bounded run (make test) and a long run (make fuzz) each do
PLAN = {
    # story and branch files mutated as JSON and as text, each loaded, linted and played
    "story inputs": (300, 90_000),
    # maps, tilesets and images mutated, each story then loaded, linted, and its maps drawn
    "map inputs": (60, 10_000),
    # random keys, clicks, wheel, text and controller events through the real loop
    "monkey events": (3_000, 100_000),
}

COUNTS: Counter[str] = Counter()
#: seconds spent on each, inputs and checks (not the rest of the session)
SECONDS: Counter[str] = Counter()


def planned(what: str) -> int:
    short, long = PLAN[what]
    return max(1, int((long if LONG else short) * SCALE))
