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
