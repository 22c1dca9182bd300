"""Every text a player reads, with where it was written, for the checks that read prose.

Texts repeat across a story and a large one has hundreds of thousands, so a ``Text`` works out
its JSON pointer only when a check has something to report there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from game.story.model import Node, Story
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


def node_texts(node: Node) -> Iterator[tuple[str, str, str, Node, int]]:
    """(text, file, kind, node, index) of each text of a node: its lines, its choices, its
    ending's title and debrief paragraphs."""
    file = node.where.file
    for i, line in enumerate(node.lines):
        yield line.text, file, "line", node, i
    for i, choice in enumerate(node.choices):
        if choice.where is not None:
            yield choice.text, choice.where.file, "choice", node, i
    ending = node.ending
    if ending is not None:
        yield ending.title, file, "title", node, 0
        for i, paragraph in enumerate(ending.paragraphs):
            yield paragraph.text, file, "paragraph", node, i


def _every_text(story: Story) -> list[tuple[str, str, str, Node | None, int | str]]:
    """Every text of the story once, as plain tuples (the checks share this list)."""
    out: list[tuple[str, str, str, Node | None, int | str]] = []
    for node in story.nodes.values():
        out.extend(node_texts(node))
    main = story.files[0] if story.files else "story.json"
    out.extend((text, main, "declared", None, pointer) for pointer, text in story.declared_texts)
    return out


def all_texts(
    facts: Facts, contains: str = "", match: Callable[[str], Any] | None = None
) -> Iterator[Text]:
    """Every text (each node's, then those declared in story.json: the blurb, reply kinds'
    labels and explanations, dynamics' summaries, variables' labels) that contains
    ``contains`` and, when given, that ``match`` finds something in. Checks look for what
    most texts lack, so only the texts that have it are made into a ``Text``; ``match`` runs
    once per distinct text, since texts repeat."""
    seen: dict[str, Any] = {}
    for text, file, kind, node, index in facts.memo("texts", _every_text):
        if contains not in text:
            continue
        if match is not None:
            found = seen.get(text)
            if found is None:
                found = seen[text] = bool(match(text))
            if not found:
                continue
        if node is None:
            yield Text(text, file, kind, fixed=str(index))
        else:
            yield Text(text, file, kind, node, int(index))
