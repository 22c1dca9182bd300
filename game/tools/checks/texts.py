"""Every text a player reads, with where it was written, for the checks that read prose.

Texts repeat across a story and a large one has hundreds of thousands, so a ``Text`` works out
its JSON pointer only when a check has something to report there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from game.story.model import Node
from game.story.validate import escape
from game.tools.checks.base import Facts


@dataclass(frozen=True)
class Text:
    """A text as written: in ``file``, at the pointer ``Facts`` finds for ``kind`` (line,
    choice, title, paragraph, or a declaration's own pointer) and ``index``."""

    text: str
    file: str
    kind: str
    node: Node | None = None
    index: int = 0
    fixed: str = ""  # the pointer, when it is known without looking

    def pointer(self, facts: Facts) -> str:
        node = self.node
        if self.fixed or node is None:
            return self.fixed
        if self.kind == "line":
            return facts.line_pointers(node)[self.index]
        if self.kind == "choice":
            choice = node.choices[self.index]
            return f"{choice.where.pointer}/text" if choice.where else node.where.pointer
        if self.kind == "title":
            return f"{node.where.pointer}/ending/title"
        return facts.paragraph_pointers(node)[self.index]


def node_texts(node: Node, *, braces_only: bool = False) -> Iterator[Text]:
    """The texts of a node: its lines, its choices, its ending's title and debrief paragraphs;
    with ``braces_only``, the lines and choices only when they have a '{' in them."""
    file = node.where.file
    for i, line in enumerate(node.lines):
        if not braces_only or "{" in line.text:
            yield Text(line.text, file, "line", node, i)
    for i, choice in enumerate(node.choices):
        if choice.where is not None and (not braces_only or "{" in choice.text):
            yield Text(choice.text, choice.where.file, "choice", node, i)
    ending = node.ending
    if ending is not None:
        yield Text(ending.title, file, "title", node)
        for i, paragraph in enumerate(ending.paragraphs):
            yield Text(paragraph.text, file, "paragraph", node, i)


def declared_texts(facts: Facts) -> Iterator[Text]:
    """The texts story.json declares that are also shown outside play: the blurb, reply kinds'
    labels and explanations, dynamics' summaries and variables' labels (as written)."""
    raw = facts.raw.get(facts.main_file, {})
    raw = raw if isinstance(raw, dict) else {}
    file = facts.main_file

    def written(section: str, key: str, field: str) -> Iterator[Text]:
        for name, spec in (raw.get(section) or {}).items():
            if isinstance(spec, dict) and isinstance(spec.get(field), str):
                pointer = f"/{section}/{escape(name)}/{field}"
                yield Text(spec[field], file, key, fixed=pointer)

    if isinstance(raw.get("blurb"), str):
        yield Text(raw["blurb"], file, "blurb", fixed="/blurb")
    yield from written("kinds", "kind", "label")
    yield from written("kinds", "kind", "explain")
    yield from written("dynamics", "dynamic", "summary")
    yield from written("variables", "variable", "label")


def all_texts(facts: Facts, *, braces_only: bool = False) -> Iterator[Text]:
    """Every node's texts, then the declared ones."""
    for node in facts.story.nodes.values():
        yield from node_texts(node, braces_only=braces_only)
    yield from declared_texts(facts)
