"""Writing a JSON file's new value into its old text, keeping the writer's layout.

The studio edits values; a writer's files keep their shape. ``rewrite`` copies every part of the
old text whose value did not change, byte for byte, and writes only what changed, in the style
of what is around it: the file's indentation unit and line breaks, its key order, a member's
spacing after the colon, whether its neighbours sit on one line (``{ "text": "…", "to": "x" }``)
or spread over several. So a diff shows the edit and nothing else, and an edit followed by its
undo gives the file back exactly.

Only the containers on the way to a change are looked into; the values in between are skipped
with the C scanner of the ``json`` module, so a small edit in a large file costs little.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

__all__ = ["FileStyle", "dump_new", "rewrite", "same"]

_WS = re.compile(r"[ \t\n\r]*")
_BLANKS = re.compile(r"[ \t]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_KEY = re.compile(r'"(?:[^"\\]|\\.)*"[ \t\n\r]*:[ \t\n\r]*')
_SCAN = json.JSONDecoder().scan_once
_BOM = "\ufeff"
WIDTH = 100  # a container written on one line stays under this many columns


@dataclass(frozen=True)
class FileStyle:
    """How a file is laid out where nothing nearby says otherwise."""

    unit: str = "  "  # one level of indentation
    newline: str = "\n"
    inline: bool = False  # whether the file writes small containers on one line
    object_pad: str = " "  # "{ " or "{" when an object is written on one line
    array_pad: str = ""  # "[ " or "[" when an array is written on one line
    colon: str = ": "

    @classmethod
    def of(cls, text: str) -> FileStyle:
        """The style the text mostly uses (two spaces and ``\\n`` for a new file)."""
        newline = "\r\n" if "\r\n" in text else "\n"
        unit_match = re.search(r"\n([ \t]+)\S", text)
        unit = unit_match.group(1) if unit_match else "  "
        if unit.startswith("\t"):
            unit = "\t"
        bare = _STRING.sub('""', text)  # brackets inside strings are not layout
        inline = re.search(r"[{\[][ \t]*[^\s}\]][^\n]*[}\]]", bare) is not None
        pads = Counter(re.findall(r'\{( ?)"', text))
        arrays = Counter(re.findall(r'\[( ?)[{"\d\-tfn]', text))
        colons = Counter(re.findall(r'"(:\s?)[^\s]', text))
        return cls(
            unit=unit,
            newline=newline,
            inline=inline,
            object_pad=pads.most_common(1)[0][0] if pads else " ",
            array_pad=arrays.most_common(1)[0][0] if arrays else "",
            colon=colons.most_common(1)[0][0] if colons else ": ",
        )


def same(a: Any, b: Any) -> bool:
    """Equal as JSON text would be: same types (``1`` is not ``true``), same key order."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


@dataclass(frozen=True)
class _Member:
    key: str | None  # None for an array item
    start: int  # where the member starts: its key, or the item's value
    value: int  # where its value starts
    end: int  # just after its value


def _skip_ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _members(text: str, start: int) -> tuple[list[_Member], int]:
    """The members (or items) of the container opening at ``start``, and where it closes."""
    is_object = text[start] == "{"
    closer = "}" if is_object else "]"
    out: list[_Member] = []
    i = _skip_ws(text, start + 1)
    if text[i] == closer:
        return out, i
    while True:
        key = None
        member_start = i
        if is_object:
            m = _KEY.match(text, i)
            if m is None:
                raise ValueError(f"expected a key at {i}")
            key = json.loads(text[i : m.end()].rstrip(" \t\n\r:").rstrip())
            i = m.end()
        _, end = _SCAN(text, i)
        out.append(_Member(key, member_start, i, end))
        i = _skip_ws(text, end)
        if text[i] == ",":
            i = _skip_ws(text, i + 1)
            continue
        if text[i] == closer:
            return out, i
        raise ValueError(f"expected ',' or '{closer}' at {i}")


def _line_indent(text: str, i: int) -> str:
    """The blanks that start the line holding offset ``i``."""
    line_start = text.rfind("\n", 0, i) + 1
    return _BLANKS.match(text, line_start).group(0)  # type: ignore[union-attr]


@dataclass(frozen=True)
class _Sample:
    """An existing value of the text to copy the layout of for a new one beside it."""

    text: str
    start: int
    end: int

    @property
    def multiline(self) -> bool:
        return "\n" in self.text[self.start : self.end]

    def child(self, key: str | int) -> _Sample | None:
        """The sample's member ``key`` (or item ``key``, else its last item) as a sample."""
        if self.text[self.start] not in "{[":
            return None
        members, _ = _members(self.text, self.start)
        if not members:
            return None
        if isinstance(key, str):
            found = [m for m in members if m.key == key]
            if not found:
                return None
            m = found[0]
        else:
            m = members[min(key, len(members) - 1)]
        return _Sample(self.text, m.value, m.end)


class _Writer:
    def __init__(self, text: str, style: FileStyle) -> None:
        self.text = text
        self.style = style

    # -- changed values, in the old text ---------------------------------------------------------

    def emit(self, start: int, end: int, old: Any, new: Any, indent: str) -> str:
        """The text for ``new`` where ``old`` was written at ``text[start:end]``."""
        if same(old, new):
            return self.text[start:end]
        opener = self.text[start]
        if isinstance(new, dict) and isinstance(old, dict) and opener == "{" and old:
            return self.container(start, end, old, new, indent)
        if isinstance(new, list) and isinstance(old, list) and opener == "[" and old:
            return self.container(start, end, old, new, indent)
        sample = _Sample(self.text, start, end) if opener in "{[" else None
        return self.fresh(new, indent, sample)

    def container(self, start: int, end: int, old: Any, new: Any, indent: str) -> str:
        text = self.text
        members, close = _members(text, start)
        is_object = isinstance(new, dict)
        if is_object:
            keys = [m.key for m in members]
            if len(set(keys)) != len(keys) or len(keys) != len(old):
                return self.fresh(new, indent, _Sample(text, start, end))
            kept_old = [k for k in keys if k in new]
            kept_new = [k for k in new if k in old]
            if kept_old != kept_new:
                return self.fresh(new, indent, _Sample(text, start, end))
            pairs = self._object_plan(members, old, new)
        else:
            if len(members) != len(old):
                return self.fresh(new, indent, _Sample(text, start, end))
            pairs = self._array_plan(members, old, new)
        prefix = text[start + 1 : members[0].start]
        suffix = text[members[-1].end : close]
        multiline = "\n" in prefix
        child_indent = prefix.rsplit("\n", 1)[-1] if multiline else indent
        seps = [text[a.end : b.start] for a, b in zip(members, members[1:])]
        if seps:
            typical = Counter(seps).most_common(1)[0][0]
        else:
            typical = "," + prefix if multiline else ", "
        pieces: list[str] = []
        last_old = -2
        for index, member, value in pairs:
            if pieces:
                pieces.append(seps[index - 1] if index is not None and index == last_old + 1 else typical)
            if member is not None:
                assert index is not None
                old_value = old[member.key] if is_object else old[index]
                body = self.emit(member.value, member.end, old_value, value, child_indent)
                pieces.append(text[member.start : member.value] + body)
                last_old = index
            else:
                sample = self._neighbour(members, pieces, value)
                body = self.fresh(value[1], child_indent, sample) if is_object else self.fresh(
                    value, child_indent, sample
                )
                if is_object:
                    colon = text[members[0].start : members[0].value]
                    colon = colon[colon.rindex('"') + 1 :] if '"' in colon else self.style.colon
                    body = json.dumps(value[0], ensure_ascii=False) + colon + body
                pieces.append(body)
                last_old = -2
        if not pieces:
            return "{}" if is_object else "[]"
        return text[start] + prefix + "".join(pieces) + suffix + text[close]

    def _object_plan(self, members: list[_Member], old: dict, new: dict) -> list:
        by_key = {m.key: (i, m) for i, m in enumerate(members)}
        plan = []
        for key, value in new.items():
            if key in by_key:
                i, m = by_key[key]
                plan.append((i, m, value))
            else:
                plan.append((None, None, (key, value)))
        return plan

    def _array_plan(self, members: list[_Member], old: list, new: list) -> list:
        def keys(items: list) -> list[str]:
            return [json.dumps(x, ensure_ascii=False) for x in items]

        matcher = SequenceMatcher(None, keys(old), keys(new), autojunk=False)
        plan = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                plan.extend((i1 + k, members[i1 + k], new[j1 + k]) for k in range(i2 - i1))
                continue
            paired = min(i2 - i1, j2 - j1)
            plan.extend((i1 + k, members[i1 + k], new[j1 + k]) for k in range(paired))
            plan.extend((None, None, new[j]) for j in range(j1 + paired, j2))
        return plan

    def _neighbour(self, members: list[_Member], pieces: list[str], value: Any) -> _Sample | None:
        """A sibling to copy the layout from: one holding the same kind of value."""
        wanted = value[1] if isinstance(value, tuple) else value
        for m in members:
            opener = self.text[m.value]
            if (isinstance(wanted, dict) and opener == "{") or (
                isinstance(wanted, list) and opener == "["
            ):
                return _Sample(self.text, m.value, m.end)
        return None

    # -- new values --------------------------------------------------------------------------------

    def fresh(self, value: Any, indent: str, sample: _Sample | None) -> str:
        """``value`` written anew, laid out like ``sample`` (or the file) at ``indent``."""
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            return json.dumps(value, ensure_ascii=False)
        if not items:
            return "{}" if isinstance(value, dict) else "[]"
        is_object = isinstance(value, dict)
        if sample is not None and self.text[sample.start] != ("{" if is_object else "["):
            sample = None
        style = self.style
        inner = indent + style.unit

        def part(key: Any, item: Any, where: str) -> str:
            child = sample.child(key) if sample is not None else None
            body = self.fresh(item, where, child)
            return json.dumps(key, ensure_ascii=False) + style.colon + body if is_object else body

        if sample is not None:
            inline = not sample.multiline
        else:
            inline = style.inline and not any(isinstance(v, (dict, list)) and v for _, v in items)
        if inline:
            pad = style.object_pad if is_object else style.array_pad
            if sample is not None:
                sample_text = self.text[sample.start + 1 : sample.end]
                pad = " " if sample_text.startswith(" ") else ""
            body = ", ".join(part(k, v, indent) for k, v in items)
            line = ("{" if is_object else "[") + pad + body + pad + ("}" if is_object else "]")
            if sample is not None or len(indent) + len(line) <= WIDTH:
                return line
        nl = style.newline
        body = ("," + nl + inner).join(part(k, v, inner) for k, v in items)
        opener, closer = ("{", "}") if is_object else ("[", "]")
        return opener + nl + inner + body + nl + indent + closer


def rewrite(text: str, old: Any, new: Any, style: FileStyle | None = None) -> str:
    """``text`` (a JSON document whose value is ``old``) changed to hold ``new``.

    Unchanged parts are copied as they are; changed parts follow ``style`` (by default, the
    style the text itself uses) and the layout of their neighbours.
    """
    if same(old, new):
        return text
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]
    start = _skip_ws(body, 0)
    _, end = _SCAN(body, start)
    writer = _Writer(body, style or FileStyle.of(body))
    return bom + body[:start] + writer.emit(start, end, old, new, _line_indent(body, start)) + body[end:]


def dump_new(value: Any, style: FileStyle | None = None) -> str:
    """A new file's text: ``value`` in ``style`` (two spaces by default), ending with a newline."""
    style = style or FileStyle()
    return _Writer("", style).fresh(value, "", None) + style.newline
