"""Lenient reads of parsed JSON: a value of the wrong type reads as empty.

The schema check has already reported it, so building goes on with what is there and every
other problem is still found.
"""

from __future__ import annotations

from typing import Any


def as_dict(value: Any) -> dict[str, Any]:
    """The object, or an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The list, or an empty one."""
    return value if isinstance(value, list) else []


def as_str(value: Any, default: str = "") -> str:
    """The string, or ``default``."""
    return value if isinstance(value, str) else default


def as_number(value: Any) -> float | None:
    """The number (not a bool), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value
