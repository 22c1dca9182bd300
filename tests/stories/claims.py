"""Checking that an ending's text claims nothing a road into it did not do.

A *claim* ties a phrase of an ending's text (its lines, title or debrief, read with the story's
own cast) to a test of the road: whenever a playthrough that reaches the ending reads the
phrase, the test must hold for that playthrough. The tests read what the player actually did
(the reply kinds chosen, where, the nodes entered) or the values on arrival, never the story's
own conditions, so a paragraph given the wrong ``if``, or a flag set by the wrong choice, is
caught as surely as a sentence with no ``if`` at all.

The roads checked: one road of every text variant the road report finds (so every way each
ending can read is checked at least once, however rare), and many random playthroughs picked
in turn uniformly, by one reply kind and by habit (so the many roads behind one variant are
checked too).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from game.story.model import Story
from game.story.session import Session
from game.tools.roads import road_report


@dataclass
class Played:
    """A playthrough that reached an ending: what it read, and what the player did."""

    session: Session
    start: int = 0  # read the replies from this step on (see ``after``)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        s = self.session
        parts = [line.text for line in s.lines()] + [s.title(), s.debrief()]
        self.text = re.sub(r"\s+", " ", " ".join(parts))

    @property
    def ending(self) -> str:
        return self.session.node_id

    def kinds(self, at: Iterable[str] | None = None) -> list[str]:
        nodes = None if at is None else set(at)
        return [s.kind or "" for s in self.steps if nodes is None or s.node in nodes]

    @property
    def steps(self) -> list:
        return self.session.steps[self.start:]

    def road(self) -> str:
        return " / ".join(f"{s.node}: {s.text} [{s.kind or 'plain'}]" for s in self.session.steps)


Test = Callable[[Played], bool]


def said(*kinds: str, at: Iterable[str] | None = None, n: int = 1) -> Test:
    """The player made at least ``n`` replies of these kinds (at these nodes, if given)."""
    nodes = None if at is None else tuple(at)
    return lambda p: sum(k in kinds for k in p.kinds(nodes)) >= n


def never(*kinds: str, at: Iterable[str] | None = None) -> Test:
    nodes = None if at is None else tuple(at)
    return lambda p: not any(k in kinds for k in p.kinds(nodes))


def chose(node: str, start: str) -> Test:
    """The player picked the reply at ``node`` whose text (as read) starts with ``start``."""
    return lambda p: any(s.node == node and s.text.startswith(start) for s in p.steps)


def last(*kinds: str, at: str | None = None) -> Test:
    """The player's final reply was of one of these kinds (made at node ``at``, if given)."""

    def check(p: Played) -> bool:
        steps = p.steps
        return bool(steps) and (steps[-1].kind or "") in kinds and at in (None, steps[-1].node)

    return check


def entered(*nodes: str) -> Test:
    return lambda p: any(n in p.session.path for n in nodes)


def value(name: str, test: Callable[[object], bool]) -> Test:
    """A value on arrival at the ending."""
    return lambda p: bool(test(p.session.value(name)))


def after(first: str, then: Test) -> Test:
    """``then`` holds for the replies made after node ``first`` was first entered."""

    def check(p: Played) -> bool:
        steps = p.session.steps
        i = next((k for k, s in enumerate(steps) if s.node == first), None)
        return i is not None and then(Played(p.session, i))

    return check


def all_of(*tests: Test) -> Test:
    return lambda p: all(t(p) for t in tests)


def any_of(*tests: Test) -> Test:
    return lambda p: any(t(p) for t in tests)


def neg(test: Test) -> Test:
    return lambda p: not test(p)


@dataclass(frozen=True)
class Claim:
    """``phrase`` in ending ``ending``'s text is true only on roads where ``holds``."""

    ending: str
    phrase: str
    holds: Test
    why: str = ""


@dataclass
class Findings:
    reached: set[str] = field(default_factory=set)
    shown: set[Claim] = field(default_factory=set)  # claims some road read
    broken: dict[Claim, str] = field(default_factory=dict)  # claim -> a road that breaks it
    roads: int = 0

    def note(self, played: Played, claims: Iterable[Claim]) -> None:
        self.roads += 1
        self.reached.add(played.ending)
        for claim in claims:
            if claim.ending != played.ending or claim.phrase not in played.text:
                continue
            self.shown.add(claim)
            if claim not in self.broken and not claim.holds(played):
                self.broken[claim] = played.road()

    def report(self) -> str:
        return "\n".join(
            f"{c.ending}: {c.phrase!r} ({c.why}) is false on the road: {road}"
            for c, road in self.broken.items()
        )


def report_roads(story: Story, max_states: int, samples: int) -> Iterator[Session]:
    """One road of every text variant of every ending the road report finds, played."""
    report = road_report(story, max_states=max_states, samples=samples)
    for ending in report.endings:
        for group in ending.groups:
            session = Session.start(story, seed=0)
            for step in group.road:
                session.choose(step.choice)
            yield session


def random_roads(story: Story, runs: int, seed: int) -> Iterator[Session]:
    """Random playthroughs: uniform, keeping to one kind, or keeping a habit, in turn."""
    rng = random.Random(seed)
    kinds = sorted(story.kinds)
    for run in range(runs):
        session = Session.start(story, seed=run)
        style = run % 3
        kind = kinds[(run // 3) % len(kinds)] if kinds else None
        habit: dict[str, int] = {}
        while not session.is_over and len(session.steps) < 200:
            offered = session.choices()
            if not offered:
                break
            pick = rng.choice(offered)
            if style == 1 and rng.random() < 0.85:
                liked = [c for c in offered if c.kind == kind]
                pick = rng.choice(liked) if liked else pick
            elif style == 2:
                index = habit.setdefault(session.node_id, pick.index)
                pick = next((c for c in offered if c.index == index), pick)
            session.choose(pick.index)
        if session.ending is not None:
            yield session


def check(story: Story, claims: list[Claim], *, runs: int, max_states: int,
          samples: int, seed: int = 1) -> Findings:
    found = Findings()
    for session in report_roads(story, max_states, samples):
        found.note(Played(session), claims)
    for session in random_roads(story, runs, seed):
        found.note(Played(session), claims)
    return found
