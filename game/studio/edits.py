"""The edits the page asks for, applied to the files' values: each op gives new values.

Ops are plain JSON (``{"op": "set", "file": ..., "path": [...], "value": ...}``) so the page
and tests send the same thing. A list of ops is applied as one undoable step; an op that cannot
be made raises ``EditError`` and nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.studio import refs, values
from game.studio.project import EditError

Files = dict[str, Any]

_TEXT_KEYS = ("speaker", "expression", "text")


def apply_ops(files: Mapping[str, Any], ops: list[dict[str, Any]]) -> Files:
    """The files after every op in turn (only the changed ones differ by identity)."""
    out: Files = dict(files)
    for op in ops:
        if not isinstance(op, dict):
            raise EditError(f"an edit is an object with an 'op', not {type(op).__name__}")
        kind = op.get("op")
        handler = _OPS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            raise EditError(f"unknown edit {str(kind)[:40]!r}")
        try:
            out.update(handler(out, op))
        except (KeyError, IndexError, TypeError) as err:
            raise EditError(f"cannot {kind}: {err}") from None
    return out


def _text(op: dict[str, Any], name: str) -> str:
    value = op.get(name)
    if not isinstance(value, str):
        raise EditError(f"'{name}' of a {op.get('op')} edit must be a string")
    return value


def _int(op: dict[str, Any], name: str, default: int | None = None) -> int:
    value = op.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"'{name}' of a {op.get('op')} edit must be a whole number")
    return value


def _value(op: dict[str, Any]) -> Any:
    if "value" not in op:
        raise EditError(f"a {op.get('op')} edit needs a 'value'")
    return op["value"]


def _file(files: Files, op: dict[str, Any]) -> tuple[str, Any]:
    rel = _text(op, "file")
    if rel not in files:
        raise EditError(f"no file {rel[:80]}")
    return rel, files[rel]


def _path(op: dict[str, Any]) -> list[str | int]:
    path = op.get("path", [])
    if not isinstance(path, list) or not all(isinstance(p, (str, int)) for p in path):
        raise EditError("a path is a list of keys and indices")
    return path


def _set(files: Files, op: dict[str, Any]) -> Files:
    rel, doc = _file(files, op)
    return {rel: values.set_in(doc, _path(op), _value(op))}


def _delete(files: Files, op: dict[str, Any]) -> Files:
    rel, doc = _file(files, op)
    return {rel: values.delete_in(doc, _path(op))}


def _insert(files: Files, op: dict[str, Any]) -> Files:
    rel, doc = _file(files, op)
    return {rel: values.insert_in(doc, _path(op), _int(op, "index", -1), _value(op))}


def _remove(files: Files, op: dict[str, Any]) -> Files:
    rel, doc = _file(files, op)
    return {rel: values.remove_in(doc, _path(op), _int(op, "index"))}


def _move(files: Files, op: dict[str, Any]) -> Files:
    rel, doc = _file(files, op)
    return {rel: values.move_in(doc, _path(op), _int(op, "from"), _int(op, "to"))}


def _check_new_id(files: Files, node_id: Any) -> str:
    if not isinstance(node_id, str) or not refs.valid_id(node_id):
        raise EditError(
            f"'{node_id}' is not a node id: lower-case letters, digits, '-' and '_', "
            "starting with a letter"
        )
    if node_id in refs.node_files(files):
        raise EditError(f"there is already a node '{node_id}'")
    return node_id


def _add_node(files: Files, op: dict[str, Any]) -> Files:
    rel, doc = _file(files, op)
    node_id = _check_new_id(files, op.get("id"))
    return {rel: values.set_in(doc, ["nodes", node_id], op.get("value") or {"text": ""})}


def _rename_node(files: Files, op: dict[str, Any]) -> Files:
    old = _text(op, "old")
    if old not in refs.node_files(files):
        raise EditError(f"there is no node '{old}'")
    new = _check_new_id(files, op.get("new"))
    return refs.rename_node(files, old, new)


def _delete_node(files: Files, op: dict[str, Any]) -> Files:
    node_id = _text(op, "id")
    main = files.get(refs.STORY_FILE)
    if isinstance(main, dict) and main.get("start") == node_id:
        raise EditError(f"'{node_id}' is where the story starts: choose another start first")
    if node_id not in refs.node_files(files):
        raise EditError(f"there is no node '{node_id}'")
    return refs.delete_node(files, node_id)


def _to_lines(files: Files, op: dict[str, Any]) -> Files:
    """A node written with one ``text`` (and ``speaker``, ``expression``) rewritten to use
    ``lines``, in the place its text was, so a second line can be added."""
    node_id = _text(op, "id")
    rel = refs.node_files(files).get(node_id)
    if rel is None:
        raise EditError(f"there is no node '{node_id}'")
    node = files[rel]["nodes"][node_id]
    if not isinstance(node, dict) or "lines" in node or "text" not in node:
        return {}
    line = {k: node[k] for k in node if k in _TEXT_KEYS}
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k in _TEXT_KEYS:
            if "lines" not in out:
                out["lines"] = [line]
            continue
        out[k] = v
    return {rel: values.set_in(files[rel], ["nodes", node_id], out)}


def _new_file(files: Files, op: dict[str, Any]) -> Files:
    rel = _text(op, "file")
    if rel in files:
        raise EditError(f"{rel} exists already")
    if not (isinstance(rel, str) and rel.startswith("branches/") and rel.endswith(".json")
            and "/" not in rel[len("branches/"):] and refs.valid_id(rel[9:-5])):
        raise EditError("a new file is branches/NAME.json, NAME a lower-case id")
    value: dict[str, Any] = {"format": 1, "nodes": {}}
    main = files.get(refs.STORY_FILE)
    schema = main.get("$schema") if isinstance(main, dict) else None
    if isinstance(schema, str) and schema.endswith("story.schema.json") and "://" not in schema:
        value = {"$schema": "../" + schema.replace("story.schema.json", "branch.schema.json"), **value}
    return {rel: op.get("value") or value}


_OPS = {
    "set": _set,
    "delete": _delete,
    "insert": _insert,
    "remove": _remove,
    "move": _move,
    "add_node": _add_node,
    "rename_node": _rename_node,
    "delete_node": _delete_node,
    "to_lines": _to_lines,
    "new_file": _new_file,
}
