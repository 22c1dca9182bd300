"""`lowtide explore --endings`: for each ending, the roads into it grouped by the text they see.

An ending's text can depend on the road (lines and debrief paragraphs with ``if``, inline
``{if ...}``): a *variant* is one way its conditional pieces read. The explorer's search gives
every state the ending is reached in, breadth first, so the first state of each variant ends a
shortest road to it; a story too large to search to the end is also played at random
(``samples``, uniform and habit-keeping in turn) to find variants deeper than the search
went. A writer reads each variant once,
with one shortest road into it as a player reads it, and knows every road's text.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from game.story.model import Node, Story
from game.story.session import Session, shown
from game.story.template import walk
from game.story.text import Decision, Moment, alternative, render
from game.tools.abstract import TOO_MANY, Abstraction
from game.tools.boxes import Box, Unknown
from game.tools.checks.base import Facts
from game.tools.explore import (
    DEFAULT_MAX_STATES,
    MAX_VARIANTS,
    Path,
    PathStep,
    StateGraph,
    describe,
    search,
)

DEFAULT_SAMPLES = 5000
MAX_STEPS = 1000  # choices in one random playthrough at most


@dataclass(frozen=True)
class Piece:
    """One conditional piece of an ending's text and how a variant reads it: a line or a
    debrief paragraph shown or left out, or an inline form in one of them (or the title)."""

    kind: str  # "line", "paragraph" or "inline"
    part: str  # "line 3", "debrief paragraph 1", "title"
    pointer: str
    condition: str | None = None
    once: bool = False
    shown: bool | None = None  # a line or paragraph
    form: str | None = None  # an inline form: if, seq, cycle, shuffle or once
    offset: int | None = None  # where the form starts in its text
    branch: int | None = None  # the branch it shows (None: nothing, or any of a shuffle)

    def describe(self) -> str:
        if self.kind != "inline":
            why = f"if {self.condition}" if self.condition else ""
            why = ", ".join(w for w in (why, "once" if self.once else "") if w)
            return f"{self.part} ({why}): {'shown' if self.shown else 'left out'}"
        where = f"{self.part}, character {(self.offset or 0) + 1}"
        if self.form == "if":
            holds = "holds" if self.branch == 0 else "does not hold"
            return f"{{if {self.condition}: ...}} in {where}: {holds}"
        if self.branch is None:
            nothing = "any item (at random)" if self.form == "shuffle" else "nothing"
            return f"{{{self.form}: ...}} in {where}: {nothing}"
        return f"{{{self.form}: ...}} in {where}: item {self.branch + 1}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "part": self.part, "pointer": self.pointer}
        if self.kind == "inline":
            out.update(form=self.form, offset=self.offset, branch=self.branch)
            if self.form == "if":
                out["if"] = self.condition
        else:
            out.update({"if": self.condition, "once": self.once, "shown": self.shown})
        return out


@dataclass(frozen=True)
class EndingText:
    """An ending as a variant reads it, with the story's own cast."""

    lines: tuple[tuple[str | None, str | None, str], ...]  # (speaker, name, text)
    title: str
    debrief: str

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": [{"speaker": s, "name": n, "text": t} for s, n, t in self.lines],
            "title": self.title,
            "debrief": self.debrief,
        }


@dataclass(frozen=True)
class Group:
    """The roads into an ending that read its text one way."""

    variant: tuple[Piece, ...]
    arrivals: int  # states of the search that reach the ending this way
    sampled: int  # random playthroughs that ended this way
    road: Path  # the shortest road found
    shortest: bool  # proven shortest (the search looked at every shorter road)
    text: EndingText

    def to_json(self) -> dict[str, Any]:
        return {
            "variant": [p.to_json() for p in self.variant],
            "arrivals": self.arrivals,
            "sampled": self.sampled,
            "shortest": self.shortest,
            "road": [s.to_json() for s in self.road],
            "text": self.text.to_json(),
        }


@dataclass(frozen=True)
class EndingRoads:
    node: str
    title: str
    dynamic: str | None
    reachable: bool | None  # None: not found, and the search was cut short
    conditional: bool  # whether its text has any conditional piece at all
    groups: tuple[Group, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "title": self.title,
            "dynamic": self.dynamic,
            "reachable": self.reachable,
            "conditional": self.conditional,
            "groups": [g.to_json() for g in self.groups],
        }


@dataclass(frozen=True)
class RoadReport:
    story: str
    complete: bool  # the search saw every state: every variant that exists is listed
    states: int
    max_states: int
    depth: int  # every road of up to this many choices was followed
    samples: int
    seed: int
    endings: tuple[EndingRoads, ...]
    exhaustive: bool = True  # every state of play was searched (else: roads and proofs)
    abstract_states: int = 0  # the may-search's abstract states (0: it did not run or end)
    unsettled: tuple[str, ...] = ()  # what the may-search allows and no road met

    def to_json(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "complete": self.complete,
            "states": self.states,
            "max_states": self.max_states,
            "depth": self.depth,
            "samples": self.samples,
            "seed": self.seed,
            "endings": [e.to_json() for e in self.endings],
            "exhaustive": self.exhaustive,
            "abstract_states": self.abstract_states,
            "unsettled": list(self.unsettled),
        }


# -- reading an ending --------------------------------------------------------------------------


class EndingReader:
    """Reads an ending's text at a moment: what it says, and which variant that is."""

    def __init__(self, story: Story):
        self.story = story
        self.cast = story.default_cast()
        self.facts = Facts(story)
        self._pointers: dict[str, tuple[list[str], list[str]]] = {}

    def pointers(self, node: Node) -> tuple[list[str], list[str]]:
        found = self._pointers.get(node.id)
        if found is None:
            found = self._pointers[node.id] = (
                self.facts.line_pointers(node), self.facts.paragraph_pointers(node))
        return found

    def conditional(self, node: Node) -> bool:
        """Whether anything in the ending's text depends on the road."""
        ending = node.ending
        assert ending is not None
        texts = [line.template for line in node.lines] + [ending.title_template]
        texts += [p.template for p in ending.paragraphs]
        return (any(line.condition is not None or line.once for line in node.lines)
                or any(p.condition is not None for p in ending.paragraphs)
                or any(isinstance(p, tuple) and p[0] in ("if", "alt")
                       for t in texts for p in t))

    def read(self, node: Node, moment: Moment) -> tuple[tuple, EndingText, tuple[Piece, ...]]:
        """(the variant's key, the text, its pieces) of ending ``node`` at ``moment``."""
        ending = node.ending
        assert ending is not None
        line_pointers, paragraph_pointers = self.pointers(node)
        pieces: list[Piece] = []
        lines = []
        for i, line in enumerate(node.lines):
            part = f"line {i + 1}"
            show = shown(line, moment)
            if line.condition is not None or line.once:
                pieces.append(Piece("line", part, line_pointers[i], _source(line.condition),
                                    line.once, show))
            if show:
                text = self._render(line.template, moment, part, line_pointers[i], pieces)
                name = self.cast.people[line.speaker].name if line.speaker in self.cast.people \
                    else line.speaker
                lines.append((line.speaker, name, text))
        title_pointer = f"{node.where.pointer}/ending/title"
        title = self._render(ending.title_template, moment, "title", title_pointer, pieces)
        paragraphs = []
        for i, paragraph in enumerate(ending.paragraphs):
            part = f"debrief paragraph {i + 1}"
            condition = paragraph.condition
            show = condition is None or bool(condition.fn(moment.values, moment))
            if condition is not None:
                pieces.append(Piece("paragraph", part, paragraph_pointers[i], condition.source,
                                    shown=show))
            if show:
                paragraphs.append(self._render(paragraph.template, moment, part,
                                               paragraph_pointers[i], pieces))
        key = tuple((p.kind, p.pointer, p.offset, p.shown, p.branch) for p in pieces)
        return key, EndingText(tuple(lines), title, "\n\n".join(paragraphs)), tuple(pieces)

    def _render(self, template: Any, moment: Moment, part: str, pointer: str,
                pieces: list[Piece]) -> str:
        trace: list[Decision] = []
        text = render(template, self.cast, _value_of(self.story, moment), moment, trace)
        if trace:
            sources = {p[1]: p[2].source for p in walk(template)
                       if isinstance(p, tuple) and p[0] == "if"}
            for start, form, branch in trace:
                pieces.append(Piece("inline", part, pointer, sources.get(start), form=form,
                                    offset=start, branch=branch))
        return text


def _source(condition: Any) -> str | None:
    return condition.source if condition is not None else None


def _value_of(story: Story, moment: Moment) -> Any:
    variables = story.variables
    return lambda name: moment.values[variables[name].slot]


# -- finding the variants ------------------------------------------------------------------------


@dataclass
class _Found:
    sid: int = -1  # the first search state of the variant, if the search found one
    arrivals: int = 0
    sampled: int = 0
    road: Path | None = None
    shortest: bool = False
    text: EndingText | None = None
    pieces: tuple[Piece, ...] = ()
    order: int = 0


@dataclass
class _Variants:
    reader: EndingReader
    found: dict[tuple[str, tuple], _Found] = field(default_factory=dict)

    def note(self, node: Node, moment: Moment) -> _Found:
        key, text, pieces = self.reader.read(node, moment)
        entry = self.found.get((node.id, key))
        if entry is None:
            entry = self.found[(node.id, key)] = _Found(text=text, pieces=pieces,
                                                        order=len(self.found))
        return entry


def road_report(
    story: Story,
    *,
    max_states: int = DEFAULT_MAX_STATES,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 1,
    exact: bool = False,
    max_work: int | None = None,
) -> RoadReport:
    """Every ending's variants: from the search's states, then ``samples`` random
    playthroughs (seeded with ``seed``) for those the search did not reach. ``exact`` and
    ``max_work`` are ``explore.search``'s."""
    reader = EndingReader(story)
    graph = search(story, max_states=max_states, exact=exact, max_work=max_work,
                   variants=variant_targets(reader))
    variants = _Variants(reader)
    depth = graph.cut_depth if not graph.exhaustive else max(graph.depths, default=0)
    _from_search(story, graph, variants, depth)
    for node_id, (parent, choice) in graph.late_endings.items():
        _from_road(story, graph.road_via(parent, choice), variants, node_id)
    complete, unsettled = graph.complete, tuple(graph.unsettled)
    if not complete:
        rng = random.Random(seed)
        for run in range(samples):
            _sample(story, rng, variants, run)
        if graph.abstract_states:  # the may-search ended: a variant sampled is settled too
            left = [t for t in graph.open_targets
                    if not (t[0] == "variant" and (t[1][0], t[1][1]) in variants.found)]
            complete, unsettled = not left, tuple(describe(t) for t in left)
    return RoadReport(
        story=story.id,
        complete=complete,
        states=len(graph.keys),
        max_states=max_states,
        depth=depth,
        samples=0 if graph.complete else samples,
        seed=seed,
        endings=tuple(_endings(story, graph, variants)),
        exhaustive=graph.exhaustive,
        abstract_states=graph.abstract_states,
        unsettled=unsettled,
    )


# -- the text variants an abstract state allows ---------------------------------------------------


def variant_targets(reader: EndingReader) -> Callable[[Abstraction, StateGraph], tuple]:
    """For ``explore.search``: given the finished may-search, (the variant keys an ending's
    abstract state allows, the variant key of a state of play at an ending). An ending is
    entered once, so its text hangs only on its conditions: each is taken both ways where it
    is neither true nor false over the box (narrowed), in the order play reads them."""
    story = reader.story

    def make(ab: Abstraction, graph: StateGraph) -> tuple:
        cache: dict[int, frozenset] = {}

        def variants_at(sid: int) -> frozenset:
            found = cache.get(sid)
            if found is None:
                node, _ = ab.node_of(sid)
                a = ab.states[sid]
                found = cache[sid] = frozenset(islice(
                    _box_variants(reader, ab, node, a.lo, a.hi), MAX_VARIANTS + 1))
                if len(found) > MAX_VARIANTS:  # too many to tell apart: not settled
                    found = cache[sid] = frozenset({TOO_MANY})
            return found

        def variant_of(play: Any) -> tuple:
            node = story.nodes[play.node]
            return reader.read(node, Moment(play.values, play.visits, play.turn, node.id,
                                            None))[0]
        return variants_at, variant_of
    return make


def _box_variants(reader: EndingReader, ab: Abstraction, node: Node, lo: Box,
                  hi: Box) -> Iterator[tuple]:
    ending = node.ending
    assert ending is not None
    line_pointers, paragraph_pointers = reader.pointers(node)
    segments: list[tuple[str, str, Any, bool, Any]] = [
        ("line", line_pointers[i], line.condition, line.once, line.template)
        for i, line in enumerate(node.lines)]
    segments.append(("title", f"{node.where.pointer}/ending/title", None, False,
                     ending.title_template))
    segments += [("paragraph", paragraph_pointers[i], p.condition, False, p.template)
                 for i, p in enumerate(ending.paragraphs)]
    first = Moment((), {}, 0, node.id, None)  # an ending's only visit, no session

    def decide(condition: Any, lo: Box, hi: Box) -> Iterator[tuple[bool, Box, Box]]:
        if condition is None:
            yield True, lo, hi
            return
        box, narrow = ab.condition(condition)
        try:
            a, b = box.fn(lo, hi)
        except Unknown:
            a, b = False, True
        if a == b:
            yield bool(a), lo, hi
            return
        for want in (True, False):
            wlo, whi = lo.copy(), hi.copy()
            if narrow(wlo, whi, want):
                yield want, wlo, whi

    def parts(template: Any, i: int, pointer: str, lo: Box, hi: Box,
              acc: tuple) -> Iterator[tuple[Box, Box, tuple]]:
        while i < len(template):
            part = template[i]
            i += 1
            if type(part) is str or part[0] in ("var", "name", "form"):
                continue
            if part[0] == "if":
                for holds, wlo, whi in decide(part[2], lo, hi):
                    piece = ("inline", pointer, part[1], None, 0 if holds else 1)
                    for blo, bhi, got in parts(part[3] if holds else part[4], 0, pointer,
                                               wlo, whi, (*acc, piece)):
                        yield from parts(template, i, pointer, blo, bhi, got)
                return
            pick = alternative(part[2], len(part[3]), first, part[1])
            acc = (*acc, ("inline", pointer, part[1], None, pick))
            if pick is not None:
                for blo, bhi, got in parts(part[3][pick], 0, pointer, lo, hi, acc):
                    yield from parts(template, i, pointer, blo, bhi, got)
                return
        yield lo, hi, acc

    def go(k: int, lo: Box, hi: Box, acc: tuple) -> Iterator[tuple]:
        if k == len(segments):
            yield acc
            return
        kind, pointer, condition, once, template = segments[k]
        if kind == "title":
            for blo, bhi, got in parts(template, 0, pointer, lo, hi, acc):
                yield from go(k + 1, blo, bhi, got)
            return
        for show, wlo, whi in decide(condition, lo, hi):
            piece = ((kind, pointer, None, show, None),) \
                if condition is not None or once else ()
            if not show:
                yield from go(k + 1, wlo, whi, (*acc, *piece))
                continue
            for blo, bhi, got in parts(template, 0, pointer, wlo, whi, (*acc, *piece)):
                yield from go(k + 1, blo, bhi, got)

    yield from go(0, lo.copy(), hi.copy(), ())


def _from_search(story: Story, graph: StateGraph, variants: _Variants, depth: int) -> None:
    for sid in graph.ending_states:  # in the order found: shallowest first
        node = story.nodes[graph.keys[sid][0]]
        entry = variants.note(node, graph.moment(sid))
        entry.arrivals += 1
        if entry.sid < 0:
            entry.sid = sid
            entry.road = graph.road(sid)
            entry.shortest = graph.exhaustive or graph.depths[sid] <= depth


def _from_road(story: Story, road: Path, variants: _Variants, node_id: str) -> None:
    """A road the search knows but had no room to keep the state of: played to see its text."""
    session = Session.start(story, seed=0)
    for s in road:
        session.choose(s.choice)
    if session.node_id == node_id and session.ending is not None:
        _keep(variants.note(session.node, _moment(session)), road)


def _chooser(story: Story, rng: random.Random, run: int) -> Any:
    """How one random playthrough picks among the choices on offer. Variants often hang on a
    reply made again and again (thanks twice, three turns away), which uniform picks rarely
    string together, so the runs take turns: uniform; keeping to one reply kind, picked for
    the run; keeping to one choice per node, picked on the first visit."""
    style = run % 3
    kinds = sorted(story.kinds)
    kind = rng.choice(kinds) if kinds else None
    habit: dict[str, int] = {}

    def choose(session: Session, offered: list) -> int:
        if style == 1 and kind is not None and rng.random() < 0.9:
            liked = [c for c in offered if c.kind == kind]
            if liked:
                return rng.choice(liked).index
        if style == 2 and rng.random() < 0.9:
            index = habit.setdefault(session.node_id, rng.choice(offered).index)
            if any(c.index == index for c in offered):
                return index
        return rng.choice(offered).index

    return choose


def _sample(story: Story, rng: random.Random, variants: _Variants, run: int = 0) -> None:
    """One random playthrough; an ending reached adds to its variant."""
    session = Session.start(story, seed=0)
    choose = _chooser(story, rng, run)
    while not session.is_over and len(session.steps) < MAX_STEPS:
        offered = session.choices()
        if not offered:
            return
        session.choose(choose(session, offered))
    if session.ending is None:
        return
    entry = variants.note(session.node, _moment(session))
    entry.sampled += 1
    if entry.road is None or len(session.steps) < len(entry.road):
        _keep(entry, _road_of(session))


def _keep(entry: _Found, road: Path) -> None:
    if entry.road is None or len(road) < len(entry.road):
        entry.road = road
        entry.shortest = False


def _moment(session: Session) -> Moment:
    """The session's moment, with no seed: a shuffle counts as any of its items."""
    return Moment(session.values, session.visits, session.turn, session.node_id, None)


def _road_of(session: Session) -> Path:
    """A playthrough's choices as a road, read as the explorer reads roads."""
    story = session.story
    cast = story.default_cast()
    out = []
    for s in session.steps:
        choice = story.nodes[s.node].choices[s.choice]
        moment = session.moment_at(s.before)
        moment = Moment(moment.values, moment.visits, moment.turn, moment.node, None)
        out.append(PathStep(s.node, s.choice, choice.text,
                            render(choice.template, cast, lambda name: f"{{{name}}}", moment)))
    return tuple(out)


def _endings(story: Story, graph: StateGraph, variants: _Variants) -> Iterator[EndingRoads]:
    by_node: dict[str, list[_Found]] = {}
    for (node_id, _), entry in variants.found.items():
        by_node.setdefault(node_id, []).append(entry)
    for node in story.endings():
        ending = node.ending
        assert ending is not None
        found = sorted(by_node.get(node.id, []),
                       key=lambda e: (len(e.road or ()), e.order))
        groups = tuple(
            Group(e.pieces, e.arrivals, e.sampled, e.road or (), e.shortest, e.text)
            for e in found if e.text is not None
        )
        proved = graph.complete or (graph.abstract_states > 0
                                    and ("node", node.id) not in graph.open_targets)
        reachable = True if groups else (False if proved else None)
        yield EndingRoads(node.id, ending.title, ending.dynamic, reachable,
                          variants.reader.conditional(node), groups)
