"""Lint for the studio: the whole story debounced, and one node at once as the writer types.

Both give lint's own codes and messages. The whole-story lint is ``lint``'s ``load_linted`` on
the texts being edited. The quick one builds just the edited node with the loader's own
``NodeBuilder`` against the story's declarations (kept while story.json's declarations are
unchanged), so a squiggle in a condition arrives in a millisecond or two even on a large story.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.story import declarations
from game.story.codes import severity
from game.story.diagnostics import Diagnostic
from game.story.jsonlocate import Locator
from game.story.lenient import as_dict, as_list
from game.story.loader import Loader
from game.story.model import Story
from game.story.nodes import NodeBuilder, gather
from game.story.validate import escape
from game.studio.refs import STORY_FILE, ordered
from game.tools.lint import load_linted

_DECLARED = ("variables", "characters", "kinds", "dynamics", "scenes")


@dataclass(frozen=True)
class Finding:
    """A diagnostic as the page shows it: where in which file and field, and what."""

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    pointer: str
    node: str | None  # the node the pointer is inside, if any
    offset: int | None  # where in the field's string, when the problem is inside one

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"


def node_of(pointer: str) -> str | None:
    """The node a pointer is in (``/nodes/ID/...`` or ``/extend/ID/...``)."""
    parts = pointer.split("/")
    if len(parts) >= 3 and parts[1] in ("nodes", "extend"):
        return parts[2].replace("~1", "/").replace("~0", "~")
    return None


def string_offset(text: str, locator: Locator, pointer: str, line: int, column: int,
                  starts: list[int] | None = None) -> int | None:
    """Where (line, column) falls inside the string value at ``pointer``, counted in the
    string's own characters (escapes decoded); None when the value is not a string there.
    ``starts`` are the offsets where the text's lines start (worked out once per file)."""
    try:
        pos = locator.value(pointer)
    except (ValueError, IndexError, StopIteration):
        return None
    starts = starts if starts is not None else line_starts(text)
    start = _index(starts, pos.line, pos.column)
    at = _index(starts, line, column)
    if start is None or at is None or start >= len(text) or text[start] != '"' or at <= start:
        return None
    raw = text[start + 1 : at]
    try:
        return len(json.loads('"' + raw + '"'))
    except ValueError:
        return None


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]


def _index(starts: list[int], line: int, column: int) -> int | None:
    if not 0 < line <= len(starts):
        return None
    return starts[line - 1] + column - 1


def findings(diagnostics: list[Diagnostic], texts: Mapping[str, str], root_display: str) -> list[Finding]:
    """Lint's diagnostics with each file relative to the story and each place in a field."""
    locators: dict[str, Locator] = {}
    lines: dict[str, list[int]] = {}
    out = []
    prefix = root_display.rstrip("/") + "/" if root_display else ""
    for d in diagnostics:
        rel = d.file[len(prefix):] if prefix and d.file.startswith(prefix) else d.file
        offset = None
        text = texts.get(rel)
        if text is not None and d.pointer:
            if rel not in locators:
                locators[rel], lines[rel] = Locator(text), line_starts(text)
            offset = string_offset(text, locators[rel], d.pointer, d.line, d.column, lines[rel])
        out.append(Finding(rel, d.line, d.column, d.severity, d.code, d.message, d.pointer,
                           node_of(d.pointer), offset))
    return out


def lint_texts(root: Path, texts: Mapping[str, str]) -> tuple[Story | None, list[Finding]]:
    """The whole story linted as it stands in the editor: the story if it loads, findings."""
    story, diagnostics = load_linted(root, texts=texts)
    return story, findings(diagnostics, texts, str(root))


class QuickLint:
    """Lint of one node against the story's declarations, remade only when they change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._key: tuple | None = None
        self._declared: tuple | None = None
        self._ids_key: tuple = ()
        self._raw: dict[str, tuple] = {}

    def _declarations(self, main: dict[str, Any]) -> tuple:
        key = tuple(id(main.get(name)) for name in _DECLARED)
        if key != self._key or self._declared is None:
            loader = Loader(root=self.root, display_root="")
            # Characters first: labels and summaries name them ({partner.their}).
            characters = declarations.characters(loader, as_dict(main.get("characters")),
                                                 STORY_FILE)
            variables = declarations.variables(loader, as_dict(main.get("variables")), STORY_FILE,
                                               characters)
            infos = {v.id: v.info for v in variables.values()}
            self._declared = (
                infos,
                characters,
                declarations.kinds(loader, as_dict(main.get("kinds")), STORY_FILE, infos,
                                   characters),
                declarations.scenes(loader, as_dict(main.get("scenes")), STORY_FILE),
                declarations.dynamics(loader, as_dict(main.get("dynamics")), STORY_FILE,
                                      characters),
            )
            self._key = key
        return self._declared

    def _ids(self, files: Mapping[str, Any], loader: Loader) -> dict[str, tuple]:
        """Every node id with its file and pointer (what references are checked against),
        gathered again only when some file's set of node ids changed."""
        key = tuple((rel, tuple(doc.get("nodes") or ())) for rel, doc in files.items()
                    if isinstance(doc, dict))
        if key != self._ids_key:
            docs = [(rel, files[rel]) for rel in ordered(files) if isinstance(files[rel], dict)]
            self._raw, _ = gather(loader, docs)
            loader.pending.clear()  # what gather says of other nodes is for the full lint
            self._ids_key = key
        return self._raw

    def node(self, files: Mapping[str, Any], node_id: str) -> list[Finding]:
        """Every problem building node ``node_id`` finds, with its place in the field."""
        main = files.get(STORY_FILE)
        if not isinstance(main, dict):
            return []
        infos, characters, kinds, scenes, dynamics = self._declarations(main)
        loader = Loader(root=self.root, display_root="")
        raw_nodes = self._ids(files, loader)
        if node_id not in raw_nodes:
            return []
        file, pointer, _ = raw_nodes[node_id]
        raw = files[file]["nodes"][node_id]
        extra = [(rel, f"/extend/{escape(node_id)}/choices/{i}", c)
                 for rel, i, c in extensions(files, node_id)]
        builder = NodeBuilder(loader, characters, infos, kinds, scenes, dynamics, raw_nodes)
        builder.node(node_id, file, pointer, raw, extra)
        out = []
        for p in loader.pending:
            out.append(Finding(p.file, 0, 0, severity(p.code), p.code, p.message, p.pointer,
                               node_of(p.pointer), p.offset))
        return out


def extensions(files: Mapping[str, Any], node_id: str) -> list[tuple[str, int, Any]]:
    """The choices branch files append to ``node_id``: (file, index in its extend list, choice)."""
    out = []
    for rel in ordered(files):
        doc = files[rel]
        if rel == STORY_FILE or not isinstance(doc, dict):
            continue
        ext = as_dict(as_dict(doc.get("extend")).get(node_id))
        for i, choice in enumerate(as_list(ext.get("choices"))):
            out.append((rel, i, choice))
    return out


def pointer_of(node_id: str) -> str:
    return f"/nodes/{escape(node_id)}"
