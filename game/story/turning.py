"""Turning points: the two or three replies of a playthrough that moved the partner most.

They are derived from the session's own steps, never written, so they are true on every road.
"Most" is measured on the model the story charts (its variables with ``chart: true``, or, when
none is charted, every number variable with both a ``min`` and a ``max``): each variable's
change over the turn a reply began (the reply's effects, the per-turn rules, the nodes entered
after it) as a share of the variable's span, ``max - min``, so that a heart rate of 50-180 bpm
and a felt safety of 0-100 weigh alike; a reply's weight is the sum of those shares. Only
replies (choices with a kind) count, unless a playthrough has none. The two heaviest are
kept, and the third when it moved the model at least half as much as the heaviest (so a
quiet playthrough shows two, not padding); they are listed in the order they were made.
Labels read with the player's cast when one is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.story.model import Story, Variable
from game.story.text import Cast, Template, format_value, render

MOST = 3
KEEP_SHARE = 0.5  # a third turning point must move the model at least half as much as the first
MINUS = "\u2212"


@dataclass(frozen=True)
class Change:
    """How one variable of the model moved: by ``delta`` from ``before`` to ``after``."""

    variable: str
    label: str
    unit: str
    before: float
    after: float
    share: float  # |delta| as a share of the variable's span

    @property
    def delta(self) -> float:
        return self.after - self.before

    def text(self) -> str:
        """"Heart rate +18 bpm", "Felt safety −12": the change as a player reads it."""
        word = format_value(round(abs(self.delta)) if abs(self.delta) >= 1 else abs(self.delta))
        sign = "+" if self.delta > 0 else MINUS
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.label} {sign}{word}{unit}"

    def to_json(self) -> dict[str, Any]:
        return {"variable": self.variable, "label": self.label, "unit": self.unit,
                "before": self.before, "after": self.after, "delta": self.delta,
                "text": self.text()}


@dataclass(frozen=True)
class TurningPoint:
    """One reply that moved the model: ``step`` is its index among the session's steps."""

    step: int
    node: str
    scene: str | None
    scene_label: str
    text: str  # the reply as the player read it when choosing it
    kind: str | None
    kind_label: str
    weight: float
    changes: tuple[Change, ...]  # largest first

    @property
    def summary(self) -> str:
        """"Heart rate +18 bpm, Felt safety −12"."""
        return ", ".join(c.text() for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "node": self.node,
            "scene": self.scene,
            "scene_label": self.scene_label,
            "choice": self.text,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "weight": round(self.weight, 4),
            "changes": [c.to_json() for c in self.changes],
            "summary": self.summary,
        }


def model_variables(story: Story) -> tuple[Variable, ...]:
    """The variables turning points are weighed on: the charted ones, else every number
    variable with a span; always only those with both bounds."""
    def spanned(v: Variable) -> bool:
        return v.type in ("integer", "number") and v.min is not None and v.max is not None \
            and v.max > v.min

    charted = tuple(v for v in story.variables.values() if v.chart and spanned(v))
    return charted or tuple(v for v in story.variables.values() if spanned(v))


def _label(text: str, template: Template, cast: Cast | None) -> str:
    return render(template, cast, str) if cast is not None and template else text


def changes(
    story: Story, before: Sequence[Any], after: Sequence[Any], cast: Cast | None = None
) -> tuple[Change, ...]:
    """How each model variable moved between two lists of values, largest share first; the
    ones a player would read as no change (less than 0.05) are left out."""
    out = []
    for var in model_variables(story):
        a, b = float(before[var.slot]), float(after[var.slot])
        if abs(b - a) < 0.05:
            continue
        span = float(var.max) - float(var.min)  # type: ignore[arg-type]
        label = _label(var.label, var.label_template, cast)
        out.append(Change(var.id, label, var.unit, a, b, abs(b - a) / span))
    out.sort(key=lambda c: -c.share)
    return tuple(out)


def turning_points(
    story: Story, steps: Sequence[Any], cast: Cast | None = None, most: int = MOST
) -> tuple[TurningPoint, ...]:
    """The replies of ``steps`` (a session's ``Step``s) that moved the model most, in the
    order they were made; see the module's docstring for how they are weighed. ``cast``
    (the session's) reads the labels with the player's names and pronouns."""
    candidates = []
    replies = [i for i, s in enumerate(steps) if s.kind is not None] or range(len(steps))
    for i in replies:
        s = steps[i]
        moved = changes(story, s.before.values, s.values, cast)
        weight = sum(c.share for c in moved)
        if weight > 0:
            candidates.append((weight, i, moved))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    kept = candidates[:most]
    if kept:
        top = kept[0][0]
        kept = [c for j, c in enumerate(kept) if j < 2 or c[0] >= KEEP_SHARE * top]
    out = []
    for weight, i, moved in sorted(kept, key=lambda c: c[1]):
        s = steps[i]
        scene = s.before.scene
        scene_obj = story.scenes.get(scene) if scene else None
        kind = story.kinds.get(s.kind) if s.kind else None
        out.append(TurningPoint(
            step=i, node=s.node, scene=scene,
            scene_label=scene_obj.label if scene_obj is not None else "",
            text=s.text, kind=s.kind,
            kind_label=_label(kind.label, kind.label_template, cast) if kind is not None else "",
            weight=weight, changes=moved,
        ))
    return tuple(out)
