"""Where nodes are, and every place a node id is written: for renaming and deleting nodes.

A node id appears as a key of some file's ``nodes``, as ``start``, as the ``to`` of choices and
route entries, as a key of a branch file's ``extend``, and inside expressions and texts as
``visits("id")`` or ``seen("id")``. Renaming changes all of them, in every file, at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from game.studio.values import rename_key

STORY_FILE = "story.json"
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")

Files = Mapping[str, Any]  # path relative to the story folder -> the file's value


@dataclass(frozen=True)
class Reference:
    """One place that names a node: its file and the JSON path there, and what it is."""

    file: str
    path: tuple[str | int, ...]
    what: str  # "start", "choice", "route", "extend", "expression"


def valid_id(node_id: str) -> bool:
    """Whether ``node_id`` is a well-formed id (the schema's rule for node ids)."""
    return bool(_ID.match(node_id))


def node_files(files: Files) -> dict[str, str]:
    """Node id -> the file that defines it (the first, story.json first, as the loader does)."""
    out: dict[str, str] = {}
    for rel in ordered(files):
        nodes = files[rel].get("nodes") if isinstance(files[rel], dict) else None
        if isinstance(nodes, dict):
            for node_id in nodes:
                out.setdefault(node_id, rel)
    return out


def ordered(files: Files) -> list[str]:
    """The files in the order the loader reads them: story.json, then branches by name."""
    return sorted(files, key=lambda rel: (rel != STORY_FILE, rel))


def _call_pattern(node_id: str) -> re.Pattern[str]:
    return re.compile(r'\b(visits|seen)(\s*\(\s*)"' + re.escape(node_id) + r'"(\s*\))')


def _ways(node: Any) -> Iterator[tuple[tuple[str | int, ...], Any, str]]:
    """(path in the node, the entry, "choice" or "route") of each choice and route entry."""
    if not isinstance(node, dict):
        return
    for key, what in (("choices", "choice"), ("route", "route")):
        items = node.get(key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    yield (key, i), item, what


def references(files: Files, node_id: str) -> list[Reference]:
    """Every place outside the node's own definition that names ``node_id``."""
    out: list[Reference] = []
    pattern = _call_pattern(node_id)
    for rel in ordered(files):
        doc = files[rel]
        if not isinstance(doc, dict):
            continue
        if rel == STORY_FILE and doc.get("start") == node_id:
            out.append(Reference(rel, ("start",), "start"))
        for section in ("nodes", "extend"):
            for key, node in (doc.get(section) or {}).items() if isinstance(doc.get(section), dict) else ():
                if section == "extend" and key == node_id:
                    out.append(Reference(rel, ("extend", key), "extend"))
                for where, item, what in _ways(node):
                    if item.get("to") == node_id:
                        out.append(Reference(rel, (section, key, *where, "to"), what))
        for path, text in _strings(doc, ()):
            if pattern.search(text):
                out.append(Reference(rel, path, "expression"))
    return out


def in_node(ref: Reference) -> str | None:
    """The node whose definition (or ``extend`` entry) holds the reference, if any."""
    path = ref.path
    if len(path) >= 3 and path[0] in ("nodes", "extend") and isinstance(path[1], str):
        return path[1]
    return None


def describe(files: Files, ref: Reference) -> str:
    """Where a reference is, in a writer's words: "the choice 'Sit with them' in node hall"."""
    path, file = ref.path, ref.file
    if ref.what == "start":
        return "the story's start (story.json)"
    node = in_node(ref)
    if node is None:
        if ref.what == "extend":
            return f"the choices {file} adds to it"
        top = path[0] if path else ""
        what = {"variables": "the variable", "kinds": "the reply kind", "characters":
                "the character", "dynamics": "the dynamic", "scenes": "the scene"}.get(str(top))
        if what and len(path) >= 2:
            return f"{what} '{path[1]}' ({file})"
        return f"{'/'.join(map(str, path)) or 'the top'} of {file}"
    raw = _get(files.get(file), path[:2])
    rest = path[2:]
    where = f"node {node}" if path[0] == "nodes" else f"what {file} adds to node {node}"
    if rest[:1] == ("choices",) and len(rest) >= 2:
        choice = _get(raw, rest[:2])
        text = choice.get("text") if isinstance(choice, dict) else None
        named = _named(text) if isinstance(text, str) and text.strip() \
            else f"choice {rest[1] + 1 if isinstance(rest[1], int) else rest[1]} (no text yet)"
        part = _part(rest[2:])
        return f"{part}{named} in {where}" if path[0] == "nodes" \
            else f"{part}{named} that {file} adds to node {node}"
    if rest[:1] == ("route",) and len(rest) >= 2:
        n = rest[1] + 1 if isinstance(rest[1], int) else rest[1]
        return f"{_part(rest[2:])}way {n} of the route of {where}"
    if rest[:1] == ("lines",) and len(rest) >= 2:
        n = rest[1] + 1 if isinstance(rest[1], int) else rest[1]
        return f"{_part(rest[2:], line=True)}line {n} of {where}"
    if rest[:1] == ("text",):
        return f"the text of {where}"
    if rest[:1] == ("effects",):
        return f"an effect on entering {where}"
    if rest[:2] == ("ending", "debrief"):
        return f"the debrief of {where}"
    if rest[:2] == ("ending", "title"):
        return f"the ending title of {where}"
    if rest[:1] == ("ending",):
        return f"the ending of {where}"
    return where


@dataclass(frozen=True)
class Place:
    """One place that refers to a node, as a writer is told of it: once however many of its
    parts (a debrief's paragraphs, a line's text and condition) name the node."""

    words: str  # where it is, with how many paragraphs when more than one refer
    node: str | None  # the node holding it (see ``in_node``)
    what: str
    count: int  # how many of its paragraphs (or other parts) refer


def _unit(ref: Reference) -> tuple:
    """The part of a place that counts once: a debrief's paragraph, else the string itself."""
    path = ref.path
    if len(path) >= 5 and path[0] in ("nodes", "extend") and path[2:4] == ("ending", "debrief"):
        return path[:5]
    return path


def places(files: Files, found: list[Reference]) -> list[Place]:
    """``found`` (from ``references``) as the places a writer reads, each listed once, in
    order: "the debrief of node back-inside (3 paragraphs)"."""
    groups: dict[tuple[str, str], tuple[Reference, set[tuple]]] = {}
    for ref in found:
        key = (ref.file, describe(files, ref))
        groups.setdefault(key, (ref, set()))[1].add(_unit(ref))
    out = []
    for (_, words), (ref, units) in groups.items():
        n = len(units)
        noun = "paragraphs" if ref.path[2:4] == ("ending", "debrief") else "places"
        out.append(Place(f"{words} ({n} {noun})" if n > 1 else words, in_node(ref), ref.what,
                         n))
    return out


def _part(rest: tuple, line: bool = False) -> str:
    """The part of a choice, route entry or line that holds the reference, as a prefix."""
    key = rest[0] if rest else "to"
    if key == "if":
        return "the condition of "
    if key == "effects":
        return "an effect of "
    if key == "text" and not line:
        return "the text of "
    return ""


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


def _named(text: str) -> str:
    """A choice by its words, in quotes unless it opens with its own."""
    text = _clip(text)
    return f"the choice {text}" if text[:1] in "\"\u201c\u2018" else f"the choice '{text}'"


def _clip(text: str, n: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))


def _rename_strings(value: Any, pattern: re.Pattern[str], new: str) -> Any:
    """``value`` with every ``visits("old")``/``seen("old")`` in its strings naming ``new``;
    containers without one are returned as they are (not copied)."""
    if isinstance(value, str):
        return pattern.sub(lambda m: f'{m.group(1)}{m.group(2)}"{new}"{m.group(3)}', value)
    if isinstance(value, dict):
        changed = {k: _rename_strings(v, pattern, new) for k, v in value.items()}
        return value if all(changed[k] is value[k] for k in value) else changed
    if isinstance(value, list):
        items = [_rename_strings(v, pattern, new) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    return value


def _retarget(node: Any, old: str, new: str) -> Any:
    """A node (or extend entry) whose choices and routes going to ``old`` go to ``new``."""
    if not isinstance(node, dict):
        return node
    out = node
    for key in ("choices", "route"):
        items = node.get(key)
        if not isinstance(items, list) or not any(
            isinstance(i, dict) and i.get("to") == old for i in items
        ):
            continue
        fixed = [
            {k: (new if k == "to" else v) for k, v in i.items()}
            if isinstance(i, dict) and i.get("to") == old else i
            for i in items
        ]
        out = {**out, key: fixed} if out is node else {**out, key: fixed}
    return out


def rename_node(files: Files, old: str, new: str) -> dict[str, Any]:
    """The files that change when node ``old`` becomes ``new``: file -> its new value."""
    pattern = _call_pattern(old)
    changed: dict[str, Any] = {}
    for rel in ordered(files):
        doc = files[rel]
        if not isinstance(doc, dict):
            continue
        out = doc
        if rel == STORY_FILE and doc.get("start") == old:
            out = {**out, "start": new}
        for section in ("nodes", "extend"):
            block = out.get(section)
            if not isinstance(block, dict):
                continue
            fixed = {k: _retarget(v, old, new) for k, v in block.items()}
            if old in fixed:
                fixed = rename_key(fixed, old, new)
            if any(fixed.get(k) is not v for k, v in block.items() if k != old) or old in block:
                out = {**out, section: fixed}
        out = _rename_strings(out, pattern, new)
        if out is not doc:
            changed[rel] = out
    return changed


def delete_node(files: Files, node_id: str) -> dict[str, Any]:
    """The files that change when node ``node_id`` goes, with the choices other files append
    to it through ``extend``. Choices and routes leading to it stay (lint then shows them)."""
    changed: dict[str, Any] = {}
    for rel, doc in files.items():
        if not isinstance(doc, dict):
            continue
        out = doc
        for section in ("nodes", "extend"):
            block = out.get(section)
            if isinstance(block, dict) and node_id in block:
                out = {**out, section: {k: v for k, v in block.items() if k != node_id}}
        if out is not doc:
            changed[rel] = out
    return changed
