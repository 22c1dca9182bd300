"""Changing parsed JSON without changing it in place: every edit returns a new value.

Only the containers on the path to a change are copied; everything else is shared with the old
value. So keeping the value before an edit for undo costs nothing, and ``jsontext.rewrite``
recognises unchanged parts by identity without comparing them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Path = Sequence[str | int]

__all__ = [
    "Path", "delete_in", "get_in", "insert_in", "move_in", "remove_in", "rename_key", "set_in",
    "update_in",
]


def get_in(value: Any, path: Path, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when some step of it is not there."""
    for step in path:
        in_dict = isinstance(value, dict) and isinstance(step, str) and step in value
        in_list = isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value)
        if in_dict or in_list:
            value = value[step]
        else:
            return default
    return value


def update_in(value: Any, path: Path, change: Callable[[Any], Any]) -> Any:
    """A copy of ``value`` with ``change`` applied at ``path``; objects on the way are created.

    A key that is new to its object goes last, so the keys already there keep their order.
    """
    if not path:
        return change(value)
    step, rest = path[0], path[1:]
    if isinstance(value, list):
        if not isinstance(step, int) or not 0 <= step < len(value):
            raise KeyError(f"no item {step!r}")
        copy = list(value)
        copy[step] = update_in(value[step], rest, change)
        return copy
    if value is None:
        value = {}
    if not isinstance(value, dict) or not isinstance(step, str):
        raise KeyError(f"cannot go into {step!r}")
    copy = dict(value)
    copy[step] = update_in(value.get(step), rest, change)
    return copy


def set_in(value: Any, path: Path, new: Any) -> Any:
    return update_in(value, path, lambda _old: new)


def delete_in(value: Any, path: Path) -> Any:
    """A copy without the member (or item) at ``path``; the same value if it is not there."""
    if get_in(value, path, _MISSING) is _MISSING:
        return value
    parent, last = path[:-1], path[-1]

    def drop(container: Any) -> Any:
        if isinstance(container, dict):
            return {k: v for k, v in container.items() if k != last}
        return [v for i, v in enumerate(container) if i != last]

    return update_in(value, parent, drop)


def insert_in(value: Any, path: Path, index: int, item: Any) -> Any:
    """A copy with ``item`` inserted at ``index`` of the list at ``path`` (made if missing)."""

    def insert(items: Any) -> list:
        items = list(items) if isinstance(items, list) else []
        items.insert(index if index >= 0 else len(items), item)
        return items

    return update_in(value, path, insert)


def remove_in(value: Any, path: Path, index: int) -> Any:
    return update_in(value, path, lambda items: [v for i, v in enumerate(items) if i != index])


def move_in(value: Any, path: Path, source: int, target: int) -> Any:
    """A copy with item ``source`` of the list at ``path`` moved to place ``target``."""

    def move(items: list) -> list:
        items = list(items)
        items.insert(target, items.pop(source))
        return items

    return update_in(value, path, move)


def rename_key(obj: dict, old: str, new: str) -> dict:
    """``obj`` with key ``old`` named ``new``, in the same place among the others."""
    return {(new if k == old else k): v for k, v in obj.items()}


class _Missing:
    pass


_MISSING = _Missing()

