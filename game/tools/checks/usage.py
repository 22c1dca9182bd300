"""Checks for things declared and never used, and variables written but never read.

A declaration nobody uses is usually a typo on one side or a plan that was dropped; either way
the writer wants to know before a player does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from game.story.diagnostics import Diagnostic
from game.story.model import Story
from game.story.template import walk
from game.story.text import Part, Template
from game.story.validate import escape
from game.tools.checks.base import Facts


def declared_templates(story: Story) -> Iterator[Template]:
    """The templates of the texts also shown outside play: the blurb, reply kinds' labels and
    explanations, dynamics' summaries, variables' labels."""
    yield story.blurb_template
    for kind in story.kinds.values():
        yield kind.label_template
        yield kind.explain_template
    for dynamic in story.dynamics.values():
        yield dynamic.summary_template
    for var in story.variables.values():
        yield var.label_template


@dataclass
class Uses:
    """Where each declared name is used, gathered in one pass over the story."""

    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)
    characters: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    scenes: set[str] = field(default_factory=set)
    dynamics: set[str] = field(default_factory=set)
    portraits: set[tuple[str, str]] = field(default_factory=set)
    spots: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, story: Story) -> Uses:
        """Everything the story uses, in one pass over its nodes (a large story has hundreds
        of thousands of lines and choices)."""
        uses = cls()
        reads, characters, portraits = uses.reads, uses.characters, uses.portraits
        # Equal sources compile to one effect, equal lists of effects are one tuple and equal
        # texts one template, and adding to a set twice changes nothing: each is looked at once.
        effects_seen: set[int] = set()
        sources_seen: set[str] = set()

        def effects(found: tuple) -> None:
            if not found or id(found) in effects_seen:
                return
            effects_seen.add(id(found))
            for effect in found:
                if effect.source not in sources_seen:
                    sources_seen.add(effect.source)
                    uses.writes.add(effect.target)
                    reads.update(effect.reads - {effect.target})

        read: set[int] = set()

        def note(parts: Iterable[Part]) -> None:
            for part in parts:
                if isinstance(part, tuple):
                    tag = part[0]
                    if tag == "var":
                        reads.add(part[1])
                    elif tag == "if":
                        reads.update(part[2].reads)
                    elif tag != "alt":
                        characters.add(part[1])

        def text(template: Template) -> None:
            if id(template) in read:
                return
            read.add(id(template))
            for part in template:  # one pass: an inline form is walked into where it is
                if isinstance(part, tuple):
                    tag = part[0]
                    if tag == "var":
                        reads.add(part[1])
                    elif tag == "if" or tag == "alt":
                        note(walk((part,)))
                    else:
                        characters.add(part[1])

        for kind in story.kinds.values():
            effects(kind.effects)
        for rule in story.each_turn:
            effects(rule.effects)
            if rule.condition is not None:
                reads.update(rule.condition.reads)
        for template in declared_templates(story):
            text(template)
        for node in story.nodes.values():
            if node.effects:
                effects(node.effects)
            if node.scene:
                uses.scenes.add(node.scene)
            if node.place:
                characters.update(node.place)
                uses.spots.update(node.place.values())
            for line in node.lines:
                text(line.template)
                if line.condition is not None:
                    reads.update(line.condition.reads)
                if line.speaker:
                    characters.add(line.speaker)
                    # The window shows the 'neutral' portrait when a line names no expression.
                    portraits.add((line.speaker, line.expression or "neutral"))
            for choice in node.choices:
                if id(choice.template) not in read:  # choice texts repeat: most seen before
                    text(choice.template)
                if choice.effects:
                    effects(choice.effects)
                if choice.kind:
                    uses.kinds.add(choice.kind)
                if choice.condition is not None:
                    reads.update(choice.condition.reads)
            for entry in node.route:
                if entry.condition is not None:
                    reads.update(entry.condition.reads)
            ending = node.ending
            if ending is not None:
                text(ending.title_template)
                if ending.dynamic:
                    uses.dynamics.add(ending.dynamic)
                for paragraph in ending.paragraphs:
                    text(paragraph.template)
                    if paragraph.condition is not None:
                        reads.update(paragraph.condition.reads)
        return uses


def unused_declarations(facts: Facts) -> Iterator[Diagnostic]:
    """LT504: variables, characters, reply kinds, scenes, dynamics and portraits never used."""
    story, file = facts.story, facts.main_file
    uses = facts.memo("uses", Uses.of)

    def unused(section: str, name: str, what: str) -> Diagnostic:
        return facts.diag(
            "LT504", f"{what} '{name}' is declared but never used", file,
            f"/{section}/{escape(name)}", at_key=True,
        )

    for var in story.variables.values():
        if var.id not in uses.reads and var.id not in uses.writes and not var.chart:
            yield unused("variables", var.id, "variable")
    for char in story.characters.values():
        if char.id not in uses.characters and not char.player:
            yield unused("characters", char.id, "character")
        for expression in char.portraits:
            # 'neutral' is the window's fallback portrait, so it is always in use.
            if (char.id, expression) not in uses.portraits and expression != "neutral":
                yield facts.diag(
                    "LT504",
                    f"portrait '{expression}' of '{char.id}' is never shown",
                    file,
                    f"/characters/{escape(char.id)}/portraits/{escape(expression)}",
                    at_key=True,
                )
    for kind in story.kinds:
        if kind not in uses.kinds:
            yield unused("kinds", kind, "reply kind")
    for scene in story.scenes:
        if scene not in uses.scenes:
            yield unused("scenes", scene, "scene")
    for dynamic in story.dynamics:
        if dynamic not in uses.dynamics:
            yield unused("dynamics", dynamic, "dynamic")


def write_only_variables(facts: Facts) -> Iterator[Diagnostic]:
    """LT505: a variable that effects change but nothing reads (no condition, effect or text,
    and not drawn on the ending chart)."""
    story = facts.story
    uses = facts.memo("uses", Uses.of)
    for var in story.variables.values():
        if var.id in uses.writes and var.id not in uses.reads and not var.chart:
            yield facts.diag(
                "LT505",
                f"variable '{var.id}' is changed but never read by a condition, an effect or a "
                "text, and is not charted",
                facts.main_file,
                f"/variables/{escape(var.id)}",
                at_key=True,
            )


def unused_spots(facts: Facts) -> Iterator[Diagnostic]:
    """LT509 (information): a spot of a scene's map where no node ever places anyone."""
    story = facts.story
    uses = facts.memo("uses", Uses.of)
    for scene in story.scenes.values():
        spare = sorted((scene.spots or frozenset()) - uses.spots)
        if spare and scene.id in uses.scenes:
            yield facts.diag(
                "LT509",
                f"scene '{scene.id}': nobody is ever placed at {', '.join(spare)}",
                facts.main_file,
                f"/scenes/{escape(scene.id)}/map" if scene.map else f"/scenes/{escape(scene.id)}",
            )
