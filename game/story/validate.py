"""Structural checks of story files against the published JSON Schema.

The schema in ``schema/`` is the single source of truth: editors use it for autocompletion and
this module compiles the subset of JSON Schema it uses into small checking closures, which
word every problem (with "did you mean" hints). A file is first given to jsonschema-rs, a
validator written in Rust, for a verdict only: a file it finds valid (almost every file of every
load) is not walked again in Python, which costs about eight times as long. The verdicts agree
(property tests compare both with jsonschema, the oracle); where the schema's meaning and ours
differ (a number like 1.0 is an integer to JSON Schema, not to us) the verdict is not trusted.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from game.story import bounds

try:
    import jsonschema_rs
except ImportError:  # the standalone build leaves it out (its size budget): the walk decides
    jsonschema_rs = None

_JSON_TYPES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


@dataclass(frozen=True)
class Problem:
    """A structural problem at a JSON pointer; ``at_key`` points at the member's key."""

    pointer: str
    code: str
    message: str
    at_key: bool = False


# A check takes a value, where it is, and the list to add problems to. "Where" is a path:
# the root pointer (a string) or a pair (parent path, key or index). Pointer strings are built
# only for values with a problem, since a large story has hundreds of thousands of values.
Path = Any
Check = Callable[[Any, Path, list[Problem]], None]


def pointer_of(path: Path) -> str:
    """The JSON pointer of a path."""
    parts: list[str] = []
    while type(path) is tuple:
        path, key = path
        parts.append(escape(key) if isinstance(key, str) else str(key))
    return path + "".join("/" + part for part in reversed(parts))


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


# The exact Python types json gives for each schema type (bool is not an integer).
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    actual = json_type(value)
    return actual == name or (name == "number" and actual == "integer")


def describe(value: Any) -> str:
    return _JSON_TYPES[json_type(value)]


def escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def suggest(word: str, options: list[str] | tuple[str, ...]) -> str:
    """A "did you mean" hint, or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def suggest_or_list(word: str, options: list[str] | tuple[str, ...], what: str,
                    limit: int = 12) -> str:
    """A "did you mean" hint, else the options themselves when there are few of them."""
    hint = suggest(word, options)
    if hint or not options or len(options) > limit:
        return hint
    return f"; the {what} are " + ", ".join(f"'{o}'" for o in options)


# Keywords that say nothing about a value: a schema with only these (and "type", "pattern") is
# a leaf that a member or an item of the exact type can be checked against in line.
_NOTES = frozenset({"description", "title", "default", "examples", "markdownDescription"})

# A typed check -> (the exact types for which it is only its other checks, those checks): a
# member or an item of such a type goes straight to them, one call instead of two.
_SHORTCUTS: dict[Check, tuple[frozenset[type], Check]] = {}

# A leaf: the exact Python types a value may have, and the pattern a string must match (or
# None). A value of one of those types (that matches) has nothing to report.
Leaf = tuple[frozenset[type], Callable[[str], Any] | None]


class _Compiler:
    """Compiles a schema into checks; ``inline`` (the default) lets members and items that fit
    a leaf or a typed check skip a call (tests compare the problems found with and without)."""

    def __init__(self, root: dict[str, Any], inline: bool = True):
        self.root = root
        self.refs: dict[str, Check] = {}
        self.inline = inline

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema a ``$ref`` names (followed to the end), or the schema itself."""
        while "$ref" in schema:
            node: Any = self.root
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def fast(self, check: Check | None, schema: dict[str, Any]) -> tuple | None:
        """How a member checked by ``check`` (compiled from ``schema``) is checked in line:
        (exact types, pattern or None, None) for a leaf, (exact types, None, the other checks)
        for a typed check, None for neither."""
        if not self.inline:
            return None
        leaf = self.leaf(schema)
        if leaf is not None:
            return (leaf[0], leaf[1], None)
        if check in _SHORTCUTS:
            types, rest = _SHORTCUTS[check]
            return (types, None, rest)
        return None

    def leaf(self, schema: dict[str, Any]) -> Leaf | None:
        """The schema as a leaf, when it is one: one type that is not an object or a list,
        perhaps a pattern, nothing else. Members and items that fit one are not checked through
        a call each: most values of a large story are such strings."""
        schema = self.resolve(schema)
        kind = schema.get("type")
        if not self.inline or not isinstance(kind, str) or kind in ("object", "array"):
            return None
        if any(k not in _NOTES and k not in ("type", "pattern") for k in schema):
            return None
        if "pattern" in schema and kind != "string":
            return None
        pattern = re.compile(schema["pattern"]).search if "pattern" in schema else None
        return frozenset(_PY_TYPES[kind]), pattern

    def ref(self, target: str) -> Check:
        """The check of a definition; an indirection only where it refers to itself."""
        if target not in self.refs:
            box: list[Check] = []
            self.refs[target] = lambda v, p, out: box[0](v, p, out)  # while compiling it
            node: Any = self.root
            for part in target.removeprefix("#/").split("/"):
                node = node[part]
            box.append(self.compile(node))
            self.refs[target] = box[0]
        return self.refs[target]

    def compile(self, schema: dict[str, Any]) -> Check:
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "oneOf" in schema:
            return self._one_of([self.compile(s) for s in schema["oneOf"]], schema["oneOf"])
        checks: list[Check] = []
        types = schema.get("type")
        if types is not None:
            names = types if isinstance(types, list) else [types]
            checks.append(self._type(names))
        if "enum" in schema:
            checks.append(self._enum(schema["enum"]))
        if "const" in schema:
            checks.append(self._enum([schema["const"]]))
        if "pattern" in schema:
            checks.append(self._pattern(schema["pattern"]))
        if any(k in schema for k in ("properties", "required", "additionalProperties")):
            checks.append(self._object(schema))
        if "items" in schema or "minItems" in schema:
            checks.append(self._array(schema))
        if types is not None and len(checks) > 1:
            return self._typed(names, checks[0], self._all(checks[1:]))
        return self._all(checks)

    @staticmethod
    def _typed(names: list[str], type_check: Check, rest: Check) -> Check:
        """A type check followed by the others, with no detour for values of an exact type."""
        exact = frozenset(t for n in names for t in _PY_TYPES[n])

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            if type(value) in exact:
                rest(value, path, out)
                return
            before = len(out)
            type_check(value, path, out)
            if len(out) == before:
                rest(value, path, out)

        _SHORTCUTS[check] = (exact, rest)
        return check

    @staticmethod
    def _all(checks: list[Check]) -> Check:
        if len(checks) == 1:
            return checks[0]

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            before = len(out)
            for c in checks:
                c(value, path, out)
                if len(out) > before:
                    return

        return check

    @staticmethod
    def _type(names: list[str]) -> Check:
        wanted = " or ".join(_JSON_TYPES[n] for n in names)
        exact = frozenset(t for n in names for t in _PY_TYPES[n])

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            if type(value) in exact:
                return
            if not any(_is_type(value, n) for n in names):
                out.append(Problem(pointer_of(path), "LT104", f"expected {wanted}, got {describe(value)}"))

        return check

    @staticmethod
    def _enum(options: list[Any]) -> Check:
        shown = ", ".join(json.dumps(o) for o in options)

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            if not any(value == o and json_type(value) == json_type(o) for o in options):
                hint = suggest(value, [str(o) for o in options]) if isinstance(value, str) else ""
                out.append(Problem(pointer_of(path), "LT106", f"{json.dumps(value)} is not one of {shown}{hint}"))

        return check

    @staticmethod
    def _pattern(pattern: str) -> Check:
        rx = re.compile(pattern)
        return lambda v, p, out: (
            None
            if rx.search(v)
            else out.append(Problem(pointer_of(p), "LT106", f"{json.dumps(v)} is not a valid id: {_id_rule(pattern)}"))
        )

    def _object(self, schema: dict[str, Any]) -> Check:
        props = {k: self.compile(s) for k, s in schema.get("properties", {}).items()}
        names = tuple(props)
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        extra_check = self.compile(extra) if isinstance(extra, dict) else None
        closed = extra is False
        key_rx = re.compile(schema["propertyNames"]["pattern"]) if "propertyNames" in schema else None
        key_rule = _id_rule(schema["propertyNames"]["pattern"]) if key_rx else ""
        # Members checked in line when they fit: (exact types, pattern, None) for a leaf, and
        # (exact types, None, the other checks) for a typed check; by name, or for any other
        # member under an open schema.
        fast = {k: self.fast(c, s) for k, s in schema.get("properties", {}).items() if (c := props[k])}
        other_fast = self.fast(extra_check, extra) if isinstance(extra, dict) else None
        get = props.get
        get_fast = fast.get
        required_keys = frozenset(required)

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            if not isinstance(value, dict):
                return
            if not required_keys <= value.keys():
                for key in required:
                    if key not in value:
                        out.append(Problem(pointer_of(path), "LT105", f"missing required field '{key}'"))
            for key, item in value.items():
                if key_rx is not None and not key_rx.search(key):
                    out.append(
                        Problem(pointer_of((path, key)), "LT106", f"'{key}' is not a valid id: {key_rule}", True)
                    )
                    continue
                f = get_fast(key, other_fast)
                if f is not None and type(item) in f[0]:
                    if f[2] is not None:
                        f[2](item, (path, key), out)
                        continue
                    if f[1] is None or f[1](item):
                        continue
                sub = get(key)
                if sub is not None:
                    sub(item, (path, key), out)
                elif extra_check is not None:
                    extra_check(item, (path, key), out)
                elif closed:
                    out.append(
                        Problem(pointer_of((path, key)), "LT103", f"unknown field '{key}'{suggest(key, names)}", True)
                    )

        return check

    def _array(self, schema: dict[str, Any]) -> Check:
        item_check = self.compile(schema["items"]) if "items" in schema else None
        item_leaf = self.leaf(schema["items"]) if "items" in schema else None
        item_shortcut = _SHORTCUTS.get(item_check) if item_check and self.inline else None
        min_items = schema.get("minItems", 0)

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            if not isinstance(value, list):
                return
            if len(value) < min_items:
                out.append(Problem(pointer_of(path), "LT106", f"needs at least {min_items} item(s)"))
            if item_check is None:
                return
            if item_leaf is not None:
                types, pattern = item_leaf
                if all(type(item) in types and (pattern is None or pattern(item)) for item in value):
                    return
            if item_shortcut is not None:
                types, rest = item_shortcut
                for i, item in enumerate(value):
                    if type(item) in types:
                        rest(item, (path, i), out)
                    else:
                        item_check(item, (path, i), out)
                return
            for i, item in enumerate(value):
                item_check(item, (path, i), out)

        return check

    @staticmethod
    def _one_of(checks: list[Check], schemas: list[dict[str, Any]]) -> Check:
        """Choose the branch whose type fits: the schema's oneOf branches differ by type."""
        kinds = [s.get("type") for s in schemas]
        wanted = " or ".join(_JSON_TYPES[k] for k in kinds if isinstance(k, str))
        by_type = {}
        for kind, c in zip(kinds, checks):
            if isinstance(kind, str):
                for t in _PY_TYPES[kind]:
                    by_type.setdefault(t, c)

        def check(value: Any, path: Path, out: list[Problem]) -> None:
            c = by_type.get(type(value))
            if c is not None:
                c(value, path, out)
                return
            for kind, c in zip(kinds, checks):
                if isinstance(kind, str) and _is_type(value, kind):
                    c(value, path, out)
                    return
            out.append(Problem(pointer_of(path), "LT104", f"expected {wanted}, got {describe(value)}"))

        return check


def _id_rule(pattern: str) -> str:
    if "_-" in pattern:
        return "use lower-case letters, digits, '-' and '_', starting with a letter"
    return "use lower-case letters, digits and '_', starting with a letter"


@cache
def schema(name: str) -> dict[str, Any]:
    """The published schema ``story`` or ``branch``."""
    text = resources.files("game.story").joinpath(f"schema/{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def checker(name: str) -> Check:
    return _Compiler(schema(name)).compile(schema(name))


def check_file(kind: str, value: Any) -> list[Problem]:
    """Every structural problem of one file's JSON value; ``kind`` is "story" or "branch"."""
    if fast_valid(kind, value):
        return []
    out: list[Problem] = []
    checker(kind)(value, "", out)
    return out


def fast_valid(kind: str, value: Any, lists: tuple[tuple[str, int], ...] | None = None) -> bool:
    """Whether the file certainly has no structural problem, by jsonschema-rs's verdict. False
    means only "walk it to find out": a value it cannot take (an integer beyond 64 bits) or a
    number where the schema asks for an integer is left to the checks that word problems.
    Always False without jsonschema-rs (the standalone build, whose stories are small).

    With ``lists`` (``bounds.list_limits()``) the bounds on each node's lists are checked in
    the same pass (``bounds.lengths_schema``): True then also says every list fits."""
    if jsonschema_rs is None:
        return False
    validator, integers = _fast(kind, lists)
    for path in integers:  # JSON Schema counts 1.0 as an integer; ours does not
        node = value
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, float):
            return False
    try:
        return bool(validator.is_valid(value))
    except (ValueError, TypeError, OverflowError):
        return False


@cache
def _fast(
    kind: str, lists: tuple[tuple[str, int], ...] | None = None
) -> tuple[Any, tuple[tuple[str, ...], ...]]:
    """The compiled verdict of a schema (with the bounds on lists beside it, when given), and
    the paths of its integer members."""
    root = schema(kind)
    both = root
    if lists is not None:
        both = {**root, "allOf": [*root.get("allOf", ()), bounds.lengths_schema(lists)]}
    return jsonschema_rs.Draft202012Validator(both), tuple(_integer_paths(root, root, ()))


def _integer_paths(root: dict[str, Any], node: Any, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Where the schema asks for an integer: only members at a fixed path (as "format" is)
    can be looked at before the verdict, so an integer anywhere else is refused here, and the
    test that builds every verdict fails until this learns to look there too."""
    found: list[tuple[str, ...]] = []

    def anywhere(schema_part: Any) -> bool:
        if isinstance(schema_part, dict):
            kind = schema_part.get("type")
            if kind == "integer" or isinstance(kind, list) and "integer" in kind:
                return True
            return any(anywhere(v) for v in schema_part.values())
        if isinstance(schema_part, list):
            return any(anywhere(v) for v in schema_part)
        return False

    kind = node.get("type")
    if kind == "integer" or isinstance(kind, list) and "integer" in kind:
        found.append(path)
    for key, sub in node.get("properties", {}).items():
        found += _integer_paths(root, sub, (*path, key))
    others = {k: v for k, v in node.items() if k not in ("properties", "type", "$defs")}
    if path == () and anywhere(root.get("$defs", {})) or anywhere(others):
        raise ValueError("an integer below a fixed path: the fast verdict cannot be trusted")
    return found
