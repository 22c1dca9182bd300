"""One playthrough of a story: where it is, the variables, the road taken, and the way back.

Every front end (text player, window, tools, tests) plays through this one narrow API:
``lines()`` and ``choices()`` read without changing anything; ``choose()`` and ``rollback()``
change the state. The session refers to story content by id only, so it serialises to JSON
and survives edits to the story.
"""

from __future__ import annotations

import secrets
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from game.story import step
from game.story.expr.store import limits
from game.story.model import Choice, Line, Node, Story
from game.story.text import Cast, Moment, Person, Pronouns, render
from game.story.turning import TurningPoint, turning_points

SAVE_FORMAT = 1
MIN_SAVE_FORMAT = 1
MAX_HOPS = step.MAX_HOPS


class SessionError(ValueError):
    """A request the session cannot honour (an unknown node, a choice not on offer)."""


# The values play hands out are named tuples: immutable like the frozen dataclasses they
# replace (a reader cannot change what it gets), and made in about half the time, which counts
# on the path every choice takes.


class Snapshot(NamedTuple):
    """The state before a choice: enough to come back to it exactly."""

    node: str
    values: tuple[Any, ...]
    scene: str | None
    places: tuple[tuple[str, str], ...]
    path_len: int
    turn: int


class Step(NamedTuple):
    """One choice made: where, which, how it read, and the variables after it."""

    node: str
    choice: int
    text: str
    kind: str | None
    before: Snapshot
    values: tuple[Any, ...]


class ShownLine(NamedTuple):
    speaker: str | None
    name: str | None
    expression: str | None
    text: str


class ChoiceView(NamedTuple):
    """A choice on offer: ``index`` is its place among the node's choices (pass it to choose)."""

    index: int
    text: str
    kind: str | None
    target: str


class _Offer(NamedTuple):
    """The choices last shown and the state they were read at, so that ``choose`` takes the
    text the player read instead of rendering it again."""

    node: str
    values: tuple[Any, ...]
    path_len: int
    turn: int
    cast: Cast
    views: tuple[ChoiceView | None, ...]  # by the choice's index; None where not on offer


@dataclass
class Session:
    story: Story
    cast: Cast = field(default_factory=Cast)
    node_id: str = ""
    values: list[Any] = field(default_factory=list)
    visits: dict[str, int] = field(default_factory=dict)
    turn: int = 0
    scene: str | None = None
    places: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    redo: list[int] = field(default_factory=list)
    stuck: str | None = None
    # Picks each {shuffle: ...}, with the node and the visit: saved, so a load reads the same.
    seed: int = 0
    _offer: _Offer | None = field(default=None, init=False, repr=False, compare=False)
    _moment: Moment | None = field(default=None, init=False, repr=False, compare=False)

    # -- starting ----------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        story: Story,
        cast: Cast | None = None,
        *,
        at: str | None = None,
        values: dict[str, Any] | None = None,
        seed: int | None = None,
    ) -> Session:
        """A new playthrough from the story's start (or node ``at``), with optional values set;
        ``seed`` (a fresh random one when None) decides what shuffles show."""
        session = cls(story, cast or story.default_cast(), values=list(story.initial_values),
                      seed=secrets.randbits(32) if seed is None else seed)
        for name, value in (values or {}).items():
            session.set_value(name, value)
        first = at or story.start
        if first not in story.nodes:
            raise SessionError(f"no node '{first}' in story '{story.id}'")
        if first != story.start:
            session.scene, session.places = step.staging(story, first)
        session._enter(first)
        return session

    def set_value(self, name: str, value: Any) -> None:
        """Set a variable, checked against its type and clamped to its bounds."""
        var = self.story.variables.get(name)
        if var is None:
            raise SessionError(f"no variable '{name}' in story '{self.story.id}'")
        self.values[var.slot] = coerce(var, value)
        self._offer = None

    # -- reading (never changes anything) ----------------------------------------------------

    @property
    def node(self) -> Node:
        return self.story.nodes[self.node_id]

    @property
    def ending(self):
        return self.node.ending

    @property
    def is_over(self) -> bool:
        return self.node.ending is not None or self.stuck is not None

    def value(self, name: str) -> Any:
        return self.values[self.story.variables[name].slot]

    def variables(self) -> dict[str, Any]:
        return {v.id: self.values[v.slot] for v in self.story.variables.values()}

    def moment(self) -> Moment:
        """What the current node's text reads at: the values, visits and turn now (the values
        and visits themselves, not copies, so one moment serves until the node or turn moves)."""
        m = self._moment
        if (m is not None and m.node == self.node_id and m.turn == self.turn
                and m.values is self.values and m.visits is self.visits and m.seed == self.seed):
            return m
        self._moment = m = Moment(self.values, self.visits, self.turn, self.node_id, self.seed)
        return m

    def moment_at(self, snap: Snapshot) -> Moment:
        """What the text of the node a snapshot was taken at read then."""
        return Moment(snap.values, Counter(self.path[: snap.path_len]), snap.turn, snap.node,
                      self.seed)

    def render(self, template, moment: Moment | None = None) -> str:
        """A text of the story as this playthrough reads it (at the current node by default)."""
        if moment is None:
            moment = self.moment()
        return render(template, self.cast, self._reader(moment.values), moment)

    def _reader(self, values) -> Any:
        """A variable's value by name, from ``values`` (by slot)."""
        variables = self.story.variables
        return lambda name: values[variables[name].slot]

    def name_of(self, character: str | None) -> str | None:
        if character is None:
            return None
        person = self.cast.people.get(character)
        return person.name if person else character

    def lines(self) -> list[ShownLine]:
        """The current node's lines as the player reads them: those whose condition holds."""
        return self.lines_at_moment(self.node, self.moment())

    def lines_at(self, snap: Snapshot) -> list[ShownLine]:
        """The lines shown at the node a snapshot was taken at, as they read then (history)."""
        node = self.story.nodes.get(snap.node)
        return [] if node is None else self.lines_at_moment(node, self.moment_at(snap))

    def lines_at_moment(self, node: Node, moment: Moment) -> list[ShownLine]:
        cast, name_of = self.cast, self.name_of
        value_of = self._reader(moment.values)
        out = []
        for line in node.lines:
            if shown(line, moment):
                out.append(ShownLine(line.speaker, name_of(line.speaker), line.expression,
                                     render(line.template, cast, value_of, moment)))
        return out

    def turning_points(self) -> tuple[TurningPoint, ...]:
        """The replies that moved the partner most so far (``game.story.turning``)."""
        return turning_points(self.story, self.steps, self.cast)

    def title(self) -> str:
        """The ending's title as the player reads it ('' when the story has not ended)."""
        ending = self.node.ending
        return self.render(ending.title_template) if ending is not None else ""

    def debrief(self) -> str:
        """The ending's debrief as the player reads it: the paragraphs whose condition holds,
        joined by a blank line ('' when the story has not ended)."""
        ending = self.node.ending
        if ending is None:
            return ""
        moment = self.moment()
        return "\n\n".join(
            self.render(p.template, moment)
            for p in ending.paragraphs
            if p.condition is None or p.condition.fn(moment.values, moment)
        )

    def available(self, choice: Choice) -> bool:
        return step.available(choice, self.values, self)

    def choices(self) -> list[ChoiceView]:
        if self.stuck is not None:
            return []
        return [view for view in self._offered().views if view is not None]

    def _offered(self) -> _Offer:
        """The choices on offer now, each read once: kept until the state changes, so that
        ``choose`` records the text shown rather than rendering it a second time."""
        now = tuple(self.values)
        offer = self._offer
        if (offer is not None and offer.values == now and offer.node == self.node_id
                and offer.turn == self.turn and offer.path_len == len(self.path)
                and offer.cast is self.cast):
            return offer
        if self.steps and self.steps[-1].values == now:
            now = self.steps[-1].values  # one tuple for the last step and the next snapshot
        moment = self.moment()
        values, cast = self.values, self.cast
        value_of = self._reader(values)
        views: list[ChoiceView | None] = []
        for i, c in enumerate(self.node.choices):
            if c.condition is None or c.condition.fn(values, self):
                views.append(ChoiceView(i, render(c.template, cast, value_of, moment), c.kind,
                                        c.to))
            else:
                views.append(None)
        self._offer = offer = _Offer(self.node_id, now, len(self.path), self.turn, cast,
                                     tuple(views))
        return offer

    @property
    def can_rollback(self) -> bool:
        return bool(self.steps)

    @property
    def can_roll_forward(self) -> bool:
        return bool(self.redo)

    # -- changing ----------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        """Take choice ``index`` of the current node: effects, per-turn rules, the next node."""
        node = self.node
        if self.stuck is not None or not 0 <= index < len(node.choices):
            raise SessionError(f"node '{node.id}' has no choice {index}")
        choice = node.choices[index]
        offer = self._offered()
        view = offer.views[index]
        if view is None:
            raise SessionError(f"choice {index} of node '{node.id}' is not available now")
        before = self._snapshot(offer.values)
        text = view.text
        step.apply_choice(self.story, choice, self.values, self)
        self._enter(choice.to)
        self.steps.append(Step(node.id, index, text, choice.kind, before, tuple(self.values)))
        if self.redo and self.redo[-1] == index:
            self.redo.pop()
        else:
            self.redo.clear()

    def rollback(self, steps: int = 1) -> None:
        """Undo the last ``steps`` choices; they can be rolled forward again."""
        if not 0 < steps <= len(self.steps):
            raise SessionError(f"cannot roll back {steps} step(s); {len(self.steps)} made")
        undone = self.steps[-steps:]
        del self.steps[-steps:]
        self.redo.extend(s.choice for s in reversed(undone))
        self._restore(undone[0].before)

    def rollback_to(self, step_count: int) -> None:
        """Go back to the moment when ``step_count`` choices had been made."""
        if step_count < len(self.steps):
            self.rollback(len(self.steps) - step_count)

    def roll_forward(self) -> bool:
        """Make again the choice that was rolled back, if it is still on offer."""
        if not self.redo:
            return False
        index = self.redo[-1]
        node = self.node
        if index >= len(node.choices) or not self.available(node.choices[index]):
            self.redo.clear()
            return False
        self.choose(index)
        return True

    # -- internals ---------------------------------------------------------------------------

    def _snapshot(self, values: tuple[Any, ...]) -> Snapshot:
        return Snapshot(
            self.node_id,
            values,
            self.scene,
            tuple(self.places.items()),
            len(self.path),
            self.turn,
        )

    def _restore(self, snap: Snapshot) -> None:
        for node_id in self.path[snap.path_len :]:
            count = self.visits.get(node_id, 0) - 1
            if count > 0:
                self.visits[node_id] = count
            else:
                self.visits.pop(node_id, None)
        del self.path[snap.path_len :]
        self.node_id = snap.node
        self.values[:] = snap.values
        self.scene = snap.scene
        self.places = dict(snap.places)
        self.turn = snap.turn
        self.stuck = None
        self._offer = None

    def _enter(self, node_id: str) -> None:
        """Enter a node and follow routes until a node with text (or a dead end)."""
        self.node_id, self.stuck = step.enter(self.story, node_id, self.values, self, self._visit)

    def _visit(self, node: Node) -> None:
        self._offer = None
        self.visits[node.id] = self.visits.get(node.id, 0) + 1
        self.path.append(node.id)
        self.node_id = node.id
        if node.scene is not None:
            self.scene = node.scene
        if node.place:
            self.places.update(node.place)

    # -- saving ------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Everything needed to carry on, by ids and variable names, as plain JSON."""
        names = self.story.var_order
        return {
            "format": SAVE_FORMAT,
            "story": self.story.id,
            "node": self.node_id,
            "values": dict(zip(names, self.values)),
            "visits": dict(self.visits),
            "turn": self.turn,
            "scene": self.scene,
            "places": dict(self.places),
            "path": list(self.path),
            "steps": [_step_json(s, names) for s in self.steps],
            "redo": list(self.redo),
            "stuck": self.stuck,
            "seed": self.seed,
            "cast": {
                cid: {"name": p.name, "pronouns": p.pronouns.to_json()}
                for cid, p in self.cast.people.items()
            },
        }

    @classmethod
    def from_json(cls, story: Story, data: Any) -> tuple[Session, list[str]]:
        """A session from saved JSON, and notes for the player about what had to change.

        Raises SessionError when the data is not a save of this story at all.
        """
        return _Restorer(story).restore(data)


def shown(line: Line, moment: Moment) -> bool:
    """Whether a line shows at ``moment``: its condition holds, and a ``once`` line only on
    the node's first visit."""
    if line.once and moment.visit > 1:
        return False
    return line.condition is None or bool(line.condition.fn(moment.values, moment))


def story_seed(story: Story) -> int:
    """The seed of a save made before sessions had one: the same for every such save of a
    story, so it still plays the same way every time it is loaded."""
    return zlib.crc32(story.id.encode("utf-8"))


def coerce(var, value: Any) -> Any:
    """A value fit for ``var``: type checked (SessionError), numbers clamped to bounds."""
    kind = var.type
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise SessionError(f"'{var.id}' is true or false, not {value!r}")
    if kind == "string":
        if isinstance(value, str):
            return value
        raise SessionError(f"'{var.id}' is text, not {value!r}")
    if isinstance(value, str):
        try:
            value = float(value) if kind == "number" or "." in value else int(value)
        except ValueError:
            raise SessionError(f"'{var.id}' is a number, not {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise SessionError(f"'{var.id}' is a number, not {value!r}")
    if kind == "integer":
        if isinstance(value, float) and not value.is_integer():
            raise SessionError(f"'{var.id}' is a whole number, not {value!r}")
        value = int(value)
    else:
        value = float(value)
    lo, hi = limits(var)
    return lo if value < lo else hi if value > hi else value


def _snapshot_json(s: Snapshot, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        "node": s.node,
        "values": dict(zip(names, s.values)),
        "scene": s.scene,
        "places": dict(s.places),
        "path_len": s.path_len,
        "turn": s.turn,
    }


def _step_json(s: Step, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        "node": s.node,
        "choice": s.choice,
        "text": s.text,
        "kind": s.kind,
        "before": _snapshot_json(s.before, names),
        "values": dict(zip(names, s.values)),
    }


class _Restorer:
    """Reads a save leniently: whatever of it still fits the story, with notes for the rest."""

    def __init__(self, story: Story):
        self.story = story
        self.notes: list[str] = []

    def restore(self, data: Any) -> tuple[Session, list[str]]:
        story = self.story
        if not isinstance(data, dict):
            raise SessionError("a save is a JSON object")
        version = data.get("format")
        if not isinstance(version, int) or isinstance(version, bool) or version < MIN_SAVE_FORMAT:
            raise SessionError(f"unknown save format {version!r}")
        if version > SAVE_FORMAT:
            raise SessionError(f"save format {version} is newer than this game reads ({SAVE_FORMAT})")
        if data.get("story") != story.id:
            raise SessionError(f"this save belongs to story {data.get('story')!r}, not {story.id!r}")
        seed = data.get("seed")
        if not isinstance(seed, int) or isinstance(seed, bool):
            seed = story_seed(story)
        session = Session(story, self.cast(data.get("cast")),
                          values=self.values(data.get("values")), seed=seed)
        session.turn = self.int(data.get("turn"))
        session.scene = self.scene(data.get("scene"))
        session.places = self.places(data.get("places"))
        session.path = [n for n in self.list(data.get("path")) if isinstance(n, str)]
        session.visits = {
            k: v for k, v in self.dict(data.get("visits")).items()
            if k in story.nodes and isinstance(v, int) and v > 0
        }
        steps = self.steps(data.get("steps"))
        node = data.get("node")
        stuck = data.get("stuck") if isinstance(data.get("stuck"), str) else None
        if isinstance(node, str) and node in story.nodes and (stuck or not story.nodes[node].route):
            session.node_id = node
            session.stuck = stuck
            session.steps = steps
            session.redo = [i for i in self.list(data.get("redo")) if isinstance(i, int)]
            return session, self.notes
        if isinstance(node, str) and node in story.nodes:  # it became a route: follow it
            session.steps = steps
            session._enter(node)
            self.notes.append(f"The story has changed: '{node}' now only routes on, so play "
                              f"went on to '{session.node_id}'.")
            return session, self.notes
        return self.fall_back(session, node, steps), self.notes

    def fall_back(self, session: Session, node: Any, steps: list[Step]) -> Session:
        """The save's node is gone: go to the last step whose node still exists."""
        self.notes.append(f"The story has changed: the place this save was at ('{node}') is gone.")
        while steps and steps[-1].node not in self.story.nodes:
            steps.pop()
        if steps:
            last = steps.pop()
            session.steps = steps
            session._restore(last.before)
            session.path = session.path[: last.before.path_len]
            self.notes.append(f"You are back at the last choice that still exists ('{last.node}').")
            return session
        self.notes.append("No earlier point of it remains; the story starts again.")
        fresh = Session.start(self.story, session.cast, seed=session.seed)
        return fresh

    def cast(self, raw: Any) -> Cast:
        cast = dict(self.story.default_cast().people)
        for cid, spec in self.dict(raw).items():
            if cid not in cast or not isinstance(spec, dict):
                continue
            name = spec.get("name") if isinstance(spec.get("name"), str) else cast[cid].name
            try:
                pronouns = Pronouns.from_json(spec.get("pronouns"))
            except ValueError:
                pronouns = cast[cid].pronouns
            cast[cid] = Person(name, pronouns)
        return Cast(cast)

    def values(self, raw: Any) -> list[Any]:
        values = list(self.story.initial_values)
        saved = self.dict(raw)
        for var in self.story.variables.values():
            if var.id not in saved:
                continue
            try:
                values[var.slot] = coerce(var, saved[var.id])
            except SessionError:
                self.notes.append(f"'{var.id}' had a value this story no longer accepts; it starts over.")
        return values

    def snapshot(self, raw: Any) -> Snapshot | None:
        if not isinstance(raw, dict) or raw.get("node") not in self.story.nodes:
            return None
        return Snapshot(
            raw["node"],
            tuple(self.values(raw.get("values"))),
            self.scene(raw.get("scene")),
            tuple(self.places(raw.get("places")).items()),
            self.int(raw.get("path_len")),
            self.int(raw.get("turn")),
        )

    def steps(self, raw: Any) -> list[Step]:
        out = []
        for item in self.list(raw):
            if not isinstance(item, dict):
                continue
            before = self.snapshot(item.get("before"))
            node, choice = item.get("node"), item.get("choice")
            if before is None or not isinstance(node, str) or not isinstance(choice, int):
                continue
            kind = item.get("kind") if isinstance(item.get("kind"), str) else None
            text = item.get("text") if isinstance(item.get("text"), str) else ""
            out.append(Step(node, choice, text, kind, before, tuple(self.values(item.get("values")))))
        return out

    def scene(self, raw: Any) -> str | None:
        return raw if isinstance(raw, str) and raw in self.story.scenes else None

    def places(self, raw: Any) -> dict[str, str]:
        return {k: v for k, v in self.dict(raw).items() if k in self.story.characters and isinstance(v, str)}

    @staticmethod
    def int(raw: Any) -> int:
        return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 else 0

    @staticmethod
    def dict(raw: Any) -> dict:
        return raw if isinstance(raw, dict) else {}

    @staticmethod
    def list(raw: Any) -> list:
        return raw if isinstance(raw, list) else []
