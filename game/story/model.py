"""The story model: what a story is, fixed once it has loaded.

Everything here is a frozen dataclass or tuple; all change during play lives in ``Session``.
Conditions and effects arrive compiled (see ``expr``) and texts arrive parsed (see ``text``),
so playing never parses anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.story.confine import inside, names_file
from game.story.expr import Condition, Effect, VarInfo
from game.story.text import Cast, Person, Pronouns, Template

FORMAT_VERSION = 1
MIN_FORMAT_VERSION = 1
# The schema's minor version: 1.1 adds conditional text (``if`` and ``once`` on lines,
# debrief paragraphs, inline forms). Files still say ``"format": 1``; 1.0 stories load as they
# always did.
FORMAT_MINOR = 1
SCHEMA_VERSION = f"{FORMAT_VERSION}.{FORMAT_MINOR}"

# The classes made once per node, line and choice (Where, Line, Paragraph, Choice, RouteEntry,
# Ending, Node) write their own __init__ (``init=False``): the one ``dataclass(frozen=True)`` writes
# calls ``object.__setattr__`` once per field, which made building the model of a large story
# several times slower than filling the instance's dict directly. Same parameters, same
# defaults; instances stay frozen. tests/story/test_model_init.py keeps them in step.
# Filling the instance's own dict, rather than assigning a new one, keeps most of the memory
# saving of CPython's shared-key instance dicts (the story costs about 15% more than with the
# generated __init__; assigning a new dict cost 40%).
_NO_PLACE: Any = object()


@dataclass(frozen=True, init=False)
class Where:
    """Where something was written: a file of the story and a JSON pointer into it."""

    file: str
    pointer: str

    def __init__(self, file: str, pointer: str) -> None:
        d = self.__dict__
        d["file"] = file
        d["pointer"] = pointer


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    pronouns: Pronouns
    player: bool = False
    color: str | None = None
    sprite: str | None = None
    portraits: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mark:
    value: float
    label: str


@dataclass(frozen=True)
class Variable:
    id: str
    type: str
    initial: Any
    slot: int
    min: float | None = None
    max: float | None = None
    label: str = ""
    unit: str = ""
    hidden: bool = False
    chart: bool = False
    marks: tuple[Mark, ...] = ()
    # ``label`` is read with the story's own cast; this template reads it with the player's.
    label_template: Template = ()

    @property
    def info(self) -> VarInfo:
        return VarInfo(self.id, self.slot, self.type, self.min, self.max)


@dataclass(frozen=True)
class Kind:
    """A named category of reply, with default effects and what it means."""

    id: str
    label: str
    tone: str = "neutral"
    effects: tuple[Effect, ...] = ()
    explain: str = ""
    # ``label`` and ``explain`` read with the story's own cast; these with the player's.
    label_template: Template = ()
    explain_template: Template = ()


@dataclass(frozen=True)
class Rule:
    """A per-turn rule: effects applied after every choice, when the condition holds."""

    effects: tuple[Effect, ...]
    condition: Condition | None = None
    where: Where | None = None


@dataclass(frozen=True)
class Dynamic:
    id: str
    label: str
    summary: str = ""
    # ``summary`` reads with the story's own cast; this template with the player's.
    summary_template: Template = ()


@dataclass(frozen=True)
class Scene:
    id: str
    map: str | None = None
    label: str = ""
    #: a loop the game brings ("evening"), or a sound file of the story ("sounds/rain.ogg")
    ambient: str | None = None
    # Spot names from the map; None when there is no map or it could not be read.
    spots: frozenset[str] | None = None

    @property
    def ambient_file(self) -> str | None:
        """The story's own sound file the scene loops, when ``ambient`` names one."""
        return self.ambient if self.ambient is not None and names_file(self.ambient) else None


@dataclass(frozen=True, init=False)
class Line:
    """One line of a node: shown when ``condition`` holds on entering the node (None: always),
    and with ``once`` only on the node's first visit."""

    speaker: str | None
    expression: str | None
    text: str
    template: Template
    condition: Condition | None = None
    once: bool = False

    def __init__(
        self,
        speaker: str | None,
        expression: str | None,
        text: str,
        template: Template,
        condition: Condition | None = None,
        once: bool = False,
    ) -> None:
        d = self.__dict__
        d["speaker"] = speaker
        d["expression"] = expression
        d["text"] = text
        d["template"] = template
        d["condition"] = condition
        d["once"] = once


@dataclass(frozen=True, init=False)
class Paragraph:
    """One paragraph of a debrief, left out when ``condition`` does not hold."""

    text: str
    template: Template
    condition: Condition | None = None

    def __init__(
        self, text: str, template: Template, condition: Condition | None = None
    ) -> None:
        d = self.__dict__
        d["text"] = text
        d["template"] = template
        d["condition"] = condition


@dataclass(frozen=True, init=False)
class Choice:
    text: str
    template: Template
    to: str
    kind: str | None = None
    condition: Condition | None = None
    effects: tuple[Effect, ...] = ()
    # The kind's effects followed by the choice's own, resolved once at load.
    all_effects: tuple[Effect, ...] = ()
    where: Where | None = None

    def __init__(
        self,
        text: str,
        template: Template,
        to: str,
        kind: str | None = None,
        condition: Condition | None = None,
        effects: tuple[Effect, ...] = (),
        all_effects: tuple[Effect, ...] = (),
        where: Where | None = None,
    ) -> None:
        d = self.__dict__
        d["text"] = text
        d["template"] = template
        d["to"] = to
        d["kind"] = kind
        d["condition"] = condition
        d["effects"] = effects
        d["all_effects"] = all_effects
        d["where"] = where


@dataclass(frozen=True, init=False)
class RouteEntry:
    to: str
    condition: Condition | None = None
    where: Where | None = None

    def __init__(
        self, to: str, condition: Condition | None = None, where: Where | None = None
    ) -> None:
        d = self.__dict__
        d["to"] = to
        d["condition"] = condition
        d["where"] = where


@dataclass(frozen=True, init=False)
class Ending:
    """An ending's title, the dynamic it shows and its debrief: ``debrief`` is the text as
    written (its paragraphs joined by a blank line), ``paragraphs`` what is read of it."""

    title: str
    title_template: Template
    dynamic: str | None = None
    debrief: str = ""
    paragraphs: tuple[Paragraph, ...] = ()

    def __init__(
        self,
        title: str,
        title_template: Template,
        dynamic: str | None = None,
        debrief: str = "",
        paragraphs: tuple[Paragraph, ...] = (),
    ) -> None:
        d = self.__dict__
        d["title"] = title
        d["title_template"] = title_template
        d["dynamic"] = dynamic
        d["debrief"] = debrief
        d["paragraphs"] = paragraphs


@dataclass(frozen=True, init=False)
class Node:
    """A text node (lines and choices), a route (no text), or an ending (lines and an ending)."""

    id: str
    lines: tuple[Line, ...] = ()
    choices: tuple[Choice, ...] = ()
    route: tuple[RouteEntry, ...] = ()
    ending: Ending | None = None
    scene: str | None = None
    place: Mapping[str, str] = field(default_factory=dict)
    effects: tuple[Effect, ...] = ()
    where: Where = Where("", "")

    def __init__(
        self,
        id: str,
        lines: tuple[Line, ...] = (),
        choices: tuple[Choice, ...] = (),
        route: tuple[RouteEntry, ...] = (),
        ending: Ending | None = None,
        scene: str | None = None,
        place: Mapping[str, str] = _NO_PLACE,
        effects: tuple[Effect, ...] = (),
        where: Where = Where("", ""),
    ) -> None:
        d = self.__dict__
        d["id"] = id
        d["lines"] = lines
        d["choices"] = choices
        d["route"] = route
        d["ending"] = ending
        d["scene"] = scene
        d["place"] = {} if place is _NO_PLACE else place
        d["effects"] = effects
        d["where"] = where

    @property
    def is_route(self) -> bool:
        return bool(self.route)

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    def targets(self) -> tuple[str, ...]:
        """Every node this one can lead to, in order, without regard to conditions."""
        if self.route:
            return tuple(r.to for r in self.route)
        return tuple(c.to for c in self.choices)


@dataclass(frozen=True)
class Story:
    """A whole story: every file of its folder, merged, checked and compiled."""

    id: str
    title: str
    blurb: str  # read with the story's own cast (``blurb_template`` with the player's)
    authors: tuple[str, ...]
    start: str
    characters: Mapping[str, Character]
    variables: Mapping[str, Variable]
    kinds: Mapping[str, Kind]
    each_turn: tuple[Rule, ...]
    dynamics: Mapping[str, Dynamic]
    scenes: Mapping[str, Scene]
    nodes: Mapping[str, Node]
    root: Path
    files: tuple[str, ...]
    format: int = FORMAT_VERSION
    # Values by slot at the start of a playthrough.
    initial_values: tuple[Any, ...] = ()
    # Finds line and column of a JSON pointer in a file (``locate``); lint and tools use it.
    sources: Any = field(default=None, compare=False, repr=False)
    blurb_template: Template = ()
    # (pointer in story.json, text as written) of the blurb and every label, explanation and
    # summary: texts also shown outside play, for lint to read as written
    declared_texts: tuple[tuple[str, str], ...] = ()

    @property
    def var_order(self) -> tuple[str, ...]:
        return tuple(sorted(self.variables, key=lambda v: self.variables[v].slot))

    @property
    def player(self) -> Character | None:
        return next((c for c in self.characters.values() if c.player), None)

    @property
    def partner(self) -> Character | None:
        """The character the player may rename: ``partner`` if declared, else the first other."""
        if "partner" in self.characters:
            return self.characters["partner"]
        return next((c for c in self.characters.values() if not c.player), None)

    def default_cast(self) -> Cast:
        return Cast({c.id: Person(c.name, c.pronouns) for c in self.characters.values()})

    def endings(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes.values() if n.ending is not None)

    def asset(self, relative: str) -> Path | None:
        """Where an asset path leads inside the story folder; None when the path is refused (it
        leaves the folder, or holds a NUL byte: ``confine``). A file deleted since the story
        loaded still has its path, so the window can say which one is missing."""
        return inside(self.root, relative, must_exist=False)
