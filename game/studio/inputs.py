"""What the studio's endpoints accept: request bodies and queries read into plain values.

Whatever a request holds, a field of the wrong type, a body that is not JSON, a number out of
range, reading it here either gives the values the studio works with or raises ``BadRequest``
with a message that says what was wrong, which the server answers as a 400. Nothing a request
holds reaches the studio unchecked, so no request can end in a traceback.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from game.story.validate import describe

MAX_BODY = 16 * 1024 * 1024  # bytes: far more than any edit of a story needs
MAX_TEXT = 1_000_000  # characters in one text field of a request
MAX_DEPTH = 64  # objects and lists inside each other: a story file needs a dozen


class BadRequest(ValueError):
    """A request the studio cannot act on; the message says why."""


def _no_constant(name: str) -> Any:
    raise BadRequest(f"the request holds {name}, which is not a JSON number")


def body_object(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object; an empty body is an empty object."""
    if len(raw) > MAX_BODY:
        raise BadRequest(f"the request is larger than {MAX_BODY // (1024 * 1024)} MB")
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BadRequest("the request body is not UTF-8 text") from None
    except RecursionError:
        raise BadRequest("the request body is nested too deeply") from None
    except json.JSONDecodeError as err:
        raise BadRequest(f"the request body is not JSON ({err.msg} at {err.pos})") from None
    if not isinstance(value, dict):
        raise BadRequest(f"the request body must be a JSON object, not {describe(value)}")
    if _depth(value) > MAX_DEPTH:
        raise BadRequest(f"the request body is nested more than {MAX_DEPTH} deep")
    return value


def _depth(value: Any) -> int:
    """How deep objects and lists are nested in ``value`` (without recursion)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            todo.extend((v, depth + 1) for v in item if isinstance(v, (dict, list)))
    return deepest


class Fields:
    """The named fields of one body (or query), each read as the type it must have."""

    def __init__(self, values: Mapping[str, Any], what: str = "the request") -> None:
        self.values = values
        self.what = what

    def _bad(self, name: str, must: str, value: Any) -> BadRequest:
        return BadRequest(f"'{name}' in {self.what} must be {must}, not {describe(value)}")

    def text(self, name: str, default: str | None = None, *, required: bool = False,
             choices: tuple[str, ...] | None = None) -> str | None:
        """A string field (null or missing: ``default``)."""
        value = self.values.get(name)
        if value is None:
            if required:
                raise BadRequest(f"{self.what} has no '{name}'")
            return default
        if not isinstance(value, str):
            raise self._bad(name, "a string", value)
        if len(value) > MAX_TEXT:
            raise BadRequest(f"'{name}' in {self.what} is longer than {MAX_TEXT:,} characters")
        if choices is not None and value not in choices:
            raise BadRequest(f"'{name}' in {self.what} must be one of "
                             f"{', '.join(repr(c) for c in choices)}, not {value[:40]!r}")
        return value

    def integer(self, name: str, default: int | None, low: int, high: int) -> int | None:
        """A whole number from ``low`` to ``high`` (a string of digits, as in a query, too)."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise BadRequest(f"'{name}' in {self.what} must be a whole number, not "
                                 f"{value[:40]!r}") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(name, "a whole number", value)
        if not low <= value <= high:
            raise BadRequest(f"'{name}' in {self.what} must be {low} to {high:,}, not {value}")
        return value

    def number(self, name: str, default: float, low: float, high: float) -> float:
        """A finite number from ``low`` to ``high`` (a string, as in a query, too)."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                raise BadRequest(f"'{name}' in {self.what} must be a number, not "
                                 f"{value[:40]!r}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._bad(name, "a number", value)
        if not (math.isfinite(value) and low <= value <= high):
            raise BadRequest(f"'{name}' in {self.what} must be {low:g} to {high:g}, not {value}")
        return float(value)

    def object(self, name: str) -> dict[str, Any]:
        """A JSON object field (null or missing: empty)."""
        value = self.values.get(name)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self._bad(name, "an object", value)
        return value

    def items(self, name: str) -> list[Any]:
        """A list field (null or missing: empty)."""
        value = self.values.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._bad(name, "a list", value)
        return value


def scalars(values: Mapping[str, Any], what: str) -> dict[str, str | int | float | bool]:
    """Starting values for a variable each (``{"safety": 60}``): strings, numbers, true, false;
    empty ones (``""`` or null) are left out."""
    out: dict[str, str | int | float | bool] = {}
    for key, value in values.items():
        if value is None or value == "":
            continue
        if not isinstance(value, (str, int, float, bool)):
            raise BadRequest(f"the value of '{key}' in {what} must be a string, a number, true "
                             f"or false, not {describe(value)}")
        out[key] = value
    return out


def positions(values: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Card places: ``{id: [x, y]}`` with finite numbers."""
    out: dict[str, tuple[float, float]] = {}
    for key, place in values.items():
        ok = isinstance(place, list) and len(place) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            and abs(v) < 1e9 for v in place)
        if not ok:
            raise BadRequest(f"the place of '{key[:40]}' must be [x, y], two numbers")
        out[key] = (float(place[0]), float(place[1]))
    return out
