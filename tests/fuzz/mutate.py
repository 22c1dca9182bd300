"""Hypothesis strategies that damage the bundled stories and maps the way files get damaged.

A story or branch file is parsed, changed as JSON (a value deleted, retyped, nested deep, made
huge, renamed, pointed at another id or a hostile path), written out, and sometimes changed as
bytes (cut off, bytes flipped or inserted, a key repeated, re-encoded). A map, tileset or image
is changed as text or bytes (an attribute given a hostile value, an element dropped or
repeated, an entity bomb, a cut, a flip). Every draw comes from hypothesis, so a failure
shrinks to a small, readable change.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import strategies as st

SPECIAL_STRINGS = [
    "", " ", "\x00", "face\x00.png", "a\nb", "../../../../../../etc/passwd", "/etc/passwd",
    "C:\\Windows\\win.ini", "\\\\server\\share\\x.png", "maps/../../x.tmx", "~/x.png",
    "portraits", ".", "..", "\u202e\U0001f30a\u0301", "\ud800", "{partner}", "{", "}", "{{",
    "{if safety > 1: a | b}", "{seq: a | b}", "{you.their}", "{partner.Are}", "$safety",
    "visits('nowhere') > 0", "safety >= 1", "safety += 1", "safety = 1e400", "(" * 60,
    "1" * 40, "not not not not x", "turn() / 0", "__import__('os').system('x')",
    "x" * 1001, "a" * 12_000, "sprites/../sprites/ben.png", "maps/apartment.tmx",
    "evening", "sounds/none.ogg", "neutral", "partner", "you", "start", "true", "NaN",
]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 10**15, 10**16, -(10**20)]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 1e-308, 0.5, 1e15, 1e16]),
    st.text(max_size=20),
    st.sampled_from(SPECIAL_STRINGS),
)

VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=8,
)

TREE_OPS = ("delete", "replace", "nest", "grow", "rename", "swap", "duplicate", "empty")
TEXT_OPS = ("none", "none", "none", "truncate", "flip", "insert", "duplicate-key", "bom",
            "crlf", "latin-1", "nan")


def places(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON tree, root first, in a stable order."""
    out: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                out.append((node, key))
                stack.append(node[key])
        elif isinstance(node, list):
            for i in range(len(node)):
                out.append((node, i))
                stack.append(node[i])
    return out


def strings(tree: Any) -> list[str]:
    found = [k for c, k in places(tree) if isinstance(k, str)]
    found += [c[k] for c, k in places(tree) if isinstance(c[k], str)]
    return found or ["x"]


def nest(value: Any, depth: int, kind: str) -> Any:
    for _ in range(depth):
        value = [value] if kind == "list" else {"n": value}
    return value


@st.composite
def mutated_json(draw, text: str) -> bytes:
    """A story or branch file's text, changed as JSON and perhaps as bytes."""
    tree = json.loads(text)
    for _ in range(draw(st.integers(1, 3))):
        spots = places(tree)
        if not spots:
            break
        container, key = spots[draw(st.integers(0, len(spots) - 1))]
        _change(draw, tree, container, key)
    indent = draw(st.sampled_from([None, 1, 2]))
    data = json.dumps(tree, indent=indent, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return _damage(draw, data)


def _change(draw, tree: Any, container: Any, key: Any) -> None:
    op = draw(st.sampled_from(TREE_OPS))
    value = container[key]
    if op == "delete":
        del container[key]
    elif op == "replace":
        container[key] = draw(VALUES)
    elif op == "nest":
        container[key] = nest(value, draw(st.integers(1, 120)), draw(st.sampled_from(["list",
                                                                                      "dict"])))
    elif op == "grow":
        times = draw(st.integers(2, 400))
        if isinstance(value, list) and value:
            container[key] = (value * times)[:20_000]
        elif isinstance(value, str):
            container[key] = (value or "x") * min(times * 40, 20_000 // max(1, len(value)))
        elif isinstance(value, dict) and value:
            first = next(iter(value.values()))
            for i in range(min(times, 300)):
                value[f"copy{i}"] = first
        elif isinstance(value, float):
            container[key] = value * 1e300 if value else 1e300  # perhaps infinite
        elif isinstance(value, int) and not isinstance(value, bool):
            container[key] = value * 10**draw(st.integers(1, 400)) if value else 10**20
        else:
            container[key] = draw(VALUES)
    elif op == "rename" and isinstance(container, dict):
        new = draw(st.one_of(st.sampled_from(strings(tree)), st.sampled_from(SPECIAL_STRINGS)))
        container[new] = container.pop(key)
    elif op == "swap":
        container[key] = draw(st.sampled_from(strings(tree)))
    elif op == "duplicate":
        if isinstance(container, list):
            container.insert(key, value)
        else:
            container[f"{key}{draw(st.sampled_from(['', '-2', 'x']))}"] = value
    else:  # empty
        container[key] = type(value)() if isinstance(value, list | dict | str) else None


def _damage(draw, text: str) -> bytes:
    op = draw(st.sampled_from(TEXT_OPS))
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate makes bytes no UTF-8 reads
    if op == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    if op == "flip" and raw:
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if op == "insert":
        i = draw(st.integers(0, len(raw)))
        return raw[:i] + draw(st.binary(min_size=1, max_size=12)) + raw[i:]
    if op == "duplicate-key" and "{" in text:
        i = text.index("{") + 1
        return (text[:i] + '"format": 1, ' + text[i:]).encode("utf-8", "surrogatepass")
    if op == "bom":
        return b"\xef\xbb\xbf" + raw
    if op == "crlf":
        return raw.replace(b"\n", b"\r\n")
    if op == "latin-1":
        return text.encode("latin-1", "replace")
    if op == "nan":
        return re.sub(rb"\b\d+\b", b"NaN", raw, count=1)
    return raw


# -- maps ---------------------------------------------------------------------------------------

ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
ELEMENT = re.compile(rb"<[^<>]*>")
HOSTILE_ATTRIBUTES = [
    b"0", b"-1", b"1", b"100000", b"2147483648", b"99999999999999999999", b"abc", b"", b"1e9",
    b"nan", b"-0", b"../../../../etc/passwd", b"/etc/passwd", b"C:\\x.png", b"a&#10;b",
    b"&#0;", b"tiles.tsx", b"tiles.png", b"none.png", b"base64", b"zlib", b"gzip", b"zstd",
    b"csv", b"isometric", b"staggered", b"hexagonal", b"left-up", b"#zzzzzz", b"#80ffd8a0",
    b"\xff\xfe", b"\x00",
]
BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE map [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
        b']>\n')
MAP_OPS = ("attribute", "attribute", "attribute", "drop", "repeat", "truncate", "flip", "bomb",
           "insert", "deep")


@st.composite
def mutated_xml(draw, raw: bytes) -> bytes:
    """A map, tileset or template, changed as text and bytes."""
    for _ in range(draw(st.integers(1, 3))):
        raw = _change_xml(draw, raw)
    return raw


def _change_xml(draw, raw: bytes) -> bytes:
    op = draw(st.sampled_from(MAP_OPS))
    if op == "attribute":
        found = list(ATTRIBUTE.finditer(raw))
        if found:
            m = found[draw(st.integers(0, len(found) - 1))]
            value = draw(st.one_of(st.sampled_from(HOSTILE_ATTRIBUTES),
                                   st.integers(-(2**40), 2**40).map(lambda n: str(n).encode())))
            return raw[: m.start(2)] + value + raw[m.end(2):]
    if op in ("drop", "repeat"):
        found = list(ELEMENT.finditer(raw))
        if found:
            m = found[draw(st.integers(0, len(found) - 1))]
            if op == "drop":
                return raw[: m.start()] + raw[m.end():]
            return raw[: m.start()] + m.group() * draw(st.integers(2, 2000)) + raw[m.end():]
    if op == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    if op == "flip" and raw:
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data)
    if op == "bomb":
        body = raw.split(b"?>", 1)[-1]
        return BOMB + body.replace(b"<map ", b"<map name=\"&e;\" ", 1)
    if op == "insert":
        i = draw(st.integers(0, len(raw)))
        return raw[:i] + draw(st.binary(min_size=1, max_size=16)) + raw[i:]
    if op == "deep":
        depth = draw(st.integers(10, 5000))
        return raw.replace(b"</map>", b"<group>" * depth + b"</group>" * depth + b"</map>", 1)
    return raw


@st.composite
def mutated_image(draw, raw: bytes) -> bytes:
    """A PNG cut, flipped or replaced: what lint reads of an image is its header."""
    op = draw(st.sampled_from(["truncate", "flip", "header", "random", "empty"]))
    if op == "truncate":
        return raw[: draw(st.integers(0, min(len(raw), 64)))]
    if op == "flip":
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 6))):
            i = draw(st.integers(0, min(len(data), 40) - 1))
            data[i] = draw(st.integers(0, 255))
        return bytes(data)
    if op == "header":  # a width and height of the largest a PNG header can say
        return raw[:16] + b"\x7f\xff\xff\xff\x7f\xff\xff\xff" + raw[24:]
    if op == "random":
        return draw(st.binary(max_size=64))
    return b""
