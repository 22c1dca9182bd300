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


Entry = tuple[str, str, str, "Node | None", "int | str"]  # text, file, kind, node, index


def _every_text(story: Story) -> list[Entry]:
    """Every text of the story once, as plain tuples in story order (each node's lines,
    choices, ending title and debrief paragraphs, then the texts story.json declares)."""
    out: list[Entry] = []
    add = out.append
    for node in story.nodes.values():
        file = node.where.file
        for i, line in enumerate(node.lines):
            add((line.text, file, "line", node, i))
        for i, choice in enumerate(node.choices):
            if choice.where is not None:
                add((choice.text, choice.where.file, "choice", node, i))
        ending = node.ending
        if ending is not None:
            add((ending.title, file, "title", node, 0))
            for i, paragraph in enumerate(ending.paragraphs):
                add((paragraph.text, file, "paragraph", node, i))
    main = story.files[0] if story.files else "story.json"
    out.extend((text, main, "declared", None, pointer) for pointer, text in story.declared_texts)
    return out


def _distinct_texts(story: Story) -> list[str]:
    """The texts of ``_every_text``, each distinct one once: what the checks look through
    (texts repeat, and most checks find nothing, so the places are listed only for a find)."""
    seen: dict[str, None] = {}
    for node in story.nodes.values():
        for line in node.lines:
            seen[line.text] = None
        for choice in node.choices:
            if choice.where is not None:
                seen[choice.text] = None
        ending = node.ending
        if ending is not None:
            seen[ending.title] = None
            for paragraph in ending.paragraphs:
                seen[paragraph.text] = None
    seen.update((text, None) for _, text in story.declared_texts)
    return list(seen)


def distinct_texts(facts: Facts) -> list[str]:
    """Each distinct text of the story once, in the order of their first places."""
    return facts.memo("distinct texts", _distinct_texts)


def all_texts(
    facts: Facts, contains: str = "", match: Callable[[str], Any] | None = None
) -> Iterator[Text]:
    """Every text (each node's, then those declared in story.json: the blurb, reply kinds'
    labels and explanations, dynamics' summaries, variables' labels) that contains
    ``contains`` and, when given, that ``match`` finds something in. Checks look for what
    most texts lack, so each distinct text is looked at once (texts repeat), and only the
    texts that have it are made into a ``Text``, in story order."""
    hits = {
        text for text in distinct_texts(facts)
        if contains in text and (match is None or match(text))
    }
    if not hits:
        return
    for text, file, kind, node, index in facts.memo("texts", _every_text):
        if text not in hits:
            continue
        if node is None:
            yield Text(text, file, kind, fixed=str(index))
        else:
            yield Text(text, file, kind, node, int(index))
