"""The room's mood light, derived from the story's own variables and marks.

The first charted variable with a mark (else the first variable with a mark) drives "tension":
0 at its starting value, 1 at its first mark, negative when it moves the other way. Nothing
here knows a variable's name.
"""

from __future__ import annotations

from game.story.model import Story, Variable


def tension_variable(story: Story) -> Variable | None:
    ordered = sorted(story.variables.values(), key=lambda v: v.slot)
    numeric = [v for v in ordered if v.type in ("number", "integer") and v.marks]
    charted = [v for v in numeric if v.chart]
    found = charted or numeric
    return found[0] if found else None


def tension(var: Variable | None, values: list | tuple) -> float:
    """-1 (calmer than the start) … 0 (as at the start) … 1 (at the mark and beyond)."""
    if var is None:
        return 0.0
    start = float(var.initial)
    mark = float(var.marks[0].value)
    if mark == start:
        return 1.0 if float(values[var.slot]) >= mark else 0.0
    t = (float(values[var.slot]) - start) / (mark - start)
    return max(-1.0, min(1.0, t))


def tint(t: float) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(multiply colour, add colour) for a tension ``t``: cool and dim up, warm down."""
    if t >= 0:
        k = t
        mult = (int(255 - 92 * k), int(255 - 74 * k), int(255 - 30 * k))
        add = (0, 0, int(8 * k))
    else:
        k = -t
        mult = (255, int(255 - 10 * k), int(255 - 34 * k))
        add = (int(16 * k), int(8 * k), 0)
    return mult, add
