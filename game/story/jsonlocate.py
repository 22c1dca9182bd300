"""Positions of a few JSON pointers in a large document, found without parsing all of it.

Lint reports a few hundred findings in files of megabytes. Building the full position index of
``jsonpos`` for each such file costs about a third of a second per megabyte; a ``Locator``
instead walks from the root towards each pointer it is asked for, one container level at a
time. The members of a container are listed once, lazily (only as far as the member asked for),
and the values in between are skipped with the C scanner of the ``json`` module, so all the
pointers of one file together cost about one pass of that scanner over it. Line numbers are
counted from the nearest offset already placed.

The answers are exactly those of ``jsonpos.parse(text).index`` (same fallbacks to the nearest
existing ancestor, same handling of duplicate keys, escapes, byte order mark and line breaks),
for every text that ``jsonpos.parse`` accepts; ``Locator.valid`` says whether it does, for
texts that ``json.loads`` already accepted.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right, insort
from itertools import accumulate
from json.decoder import scanstring

from game.story.jsonpos import MAX_DEPTH, Position, raw_offset

__all__ = ["Locator", "nested_deeper_than"]

_BOM = "\ufeff"
_WS = re.compile(r"[ \t\n\r]*")
# After a value (or an opening bracket): blanks, maybe a comma, and a plain key with its colon.
_NEXT_MEMBER = re.compile(r'[ \t\n\r]*(?:,[ \t\n\r]*)?(?:"([^"\\]*)"[ \t\n\r]*:[ \t\n\r]*)?')
_NEXT_ITEM = re.compile(r"[ \t\n\r]*(?:,[ \t\n\r]*)?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Everything but the characters that decide nesting, for bytes.translate(None, delete).
_NOT_STRUCTURE = bytes(range(256)).translate(None, b'"[]{}')
_DEPTH_STEP = [0] * 256
_DEPTH_STEP[ord("[")] = _DEPTH_STEP[ord("{")] = 1
_DEPTH_STEP[ord("]")] = _DEPTH_STEP[ord("}")] = -1


class _Container:
    """The members (or items) of one object (or array) listed so far, and where to go on."""

    __slots__ = ("members", "items", "resume", "pending", "end")

    def __init__(self, start: int, is_object: bool) -> None:
        self.members: dict[str, tuple[int, int]] | None = {} if is_object else None
        self.items: list[int] | None = None if is_object else []
        self.resume = start + 1  # just after the opening bracket, then after the last value
        self.pending = False  # True when ``resume`` is the start of a value still to skip
        self.end: int | None = None  # just after the closing bracket, once listed to the end


def nested_deeper_than(text: str, limit: int) -> bool:
    """Whether containers nest more than ``limit`` deep in the valid JSON ``text``.

    Works on the UTF-8 bytes with C-speed operations only: escaped backslashes and quotes are
    dropped, everything but quotes and brackets is deleted, and what was inside strings goes.
    """
    data = text.encode("utf-8", "surrogatepass")
    if data.count(b"[") + data.count(b"{") <= limit:
        return False  # not enough brackets, whatever the strings hold
    data = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    # Dropping two neighbouring quotes keeps every other quote opening or closing as before,
    # and removes at once the strings that hold no bracket (almost all of them).
    data = data.replace(b'""', b"")
    if b'"' in data:
        data = b"".join(data.split(b'"')[::2])
    return max(accumulate(map(_DEPTH_STEP.__getitem__, data)), default=0) > limit


class Locator:
    """Line and column of JSON pointers in one document, each found on demand."""

    def __init__(self, text: str) -> None:
        if text.startswith(_BOM):
            text = text[1:]
        self._text = text
        self._root = _WS.match(text).end()  # type: ignore[union-attr]
        self._containers: dict[int, _Container] = {}
        self._scan = json.JSONDecoder().scan_once
        # Offsets already placed on a line, sorted, with their line numbers.
        self._known: list[int] = [0]
        self._lines: dict[int, int] = {0: 1}
        # Every line start, worked out at once for the rare texts with a '\r' line break.
        self._starts: list[int] | None = None
        self._crlf = "\r" in text
        self._valid: bool | None = None

    @property
    def valid(self) -> bool:
        """Whether ``jsonpos.parse`` accepts the text, given that ``json.loads`` does.

        The one difference between the two is nesting deeper than ``jsonpos.MAX_DEPTH``.
        """
        if self._valid is None:
            self._valid = not nested_deeper_than(self._text, MAX_DEPTH)
        return self._valid

    # -- positions -----------------------------------------------------------------------------

    def __contains__(self, pointer: object) -> bool:
        if not isinstance(pointer, str):
            return False
        if not pointer.startswith("/"):
            return pointer == ""
        return self._find(pointer)[1] == pointer.count("/")

    def value(self, pointer: str) -> Position:
        """Position of the value at ``pointer``, or of its nearest existing ancestor."""
        return self._position(self._find(pointer)[0])

    def key(self, pointer: str) -> Position:
        """Position of the key naming that member; array items and the root give their value."""
        offset, depth, key = self._find(pointer)
        if key is not None and pointer.startswith("/") and depth == pointer.count("/"):
            return self._position(key)
        return self._position(offset)

    def in_string(self, pointer: str, index: int) -> Position:
        """Position of decoded character ``index`` of the string at ``pointer`` (see jsonpos)."""
        start, depth, _ = self._find(pointer)
        exact = depth == pointer.count("/") if pointer.startswith("/") else pointer == ""
        if exact and index >= 0 and self._text.startswith('"', start):
            offset = raw_offset(self._text, start, index)
            if offset is not None:
                return self._position(offset)
        return self._position(start)

    # -- finding -------------------------------------------------------------------------------

    def _find(self, pointer: str) -> tuple[int, int, int | None]:
        """Value offset of the deepest existing prefix of ``pointer``, how many tokens it has,
        and the offset of its key (None for the root and array items)."""
        offset, key = self._root, None
        if not pointer.startswith("/"):
            return offset, 0, None
        depth = 0
        for token in pointer[1:].split("/"):
            char = self._text[offset : offset + 1]
            if char == "{":
                found = self._member(offset, token)
                if found is None:
                    break
                key, offset = found
            elif char == "[":
                item = self._item(offset, token)
                if item is None:
                    break
                key, offset = None, item
            else:
                break
            depth += 1
        return offset, depth, key

    def _container(self, start: int) -> _Container:
        found = self._containers.get(start)
        if found is None:
            found = self._containers[start] = _Container(start, self._text[start] == "{")
        return found

    def _skip(self, start: int, outline: bool) -> int:
        """The offset just after the value that starts at ``start``.

        With ``outline``, a container is listed (its members or items, not deeper) on the way,
        for about the cost of skipping it: the root's few members are the large sections
        (``nodes``, ``extend``) that later pointers lead into, in whatever order they come.
        """
        box = self._containers.get(start)
        if box is not None and box.end is not None:
            return box.end
        char = self._text[start]
        if outline and char == "{":
            self._member(start, None)
            return self._containers[start].end  # type: ignore[return-value]
        if outline and char == "[":
            self._item(start, None)
            return self._containers[start].end  # type: ignore[return-value]
        return self._scan(self._text, start)[1]

    def _member(self, start: int, token: str | None) -> tuple[int, int] | None:
        """(key offset, value offset) of the first member whose escaped key is ``token``
        (with None, every member is listed and None returned)."""
        box = self._container(start)
        members = box.members
        assert members is not None
        found = members.get(token) if token is not None else None
        if found is not None or box.end is not None:
            return found
        text = self._text
        outline = start == self._root
        while True:
            pos = box.resume
            if box.pending:
                pos = self._skip(pos, outline)
            m = _NEXT_MEMBER.match(text, pos)
            name = m.group(1)  # type: ignore[union-attr]
            if name is not None:
                at, value = m.start(1) - 1, m.end()  # type: ignore[union-attr]
            else:
                at = m.end()  # type: ignore[union-attr]
                if text[at] == "}":
                    box.end, box.pending = at + 1, False
                    return None
                name, pos = scanstring(text, at + 1)  # a key with escapes in it
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]  # the colon
                value = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            box.resume, box.pending = value, True
            if "~" in name or "/" in name:
                name = name.replace("~", "~0").replace("/", "~1")
            if name not in members:  # a repeated key keeps its first place, as in jsonpos
                members[name] = (at, value)
                if name == token:
                    return at, value

    def _item(self, start: int, token: str | None) -> int | None:
        """Value offset of array item ``token`` (a canonical decimal index), if there is one
        (with None, every item is listed and None returned)."""
        if token is None:
            index = -1
        else:
            canonical = token.isascii() and token.isdigit() and (token == "0" or token[0] != "0")
            # No array has more items than the text has characters; this also keeps int() off
            # tokens too long to convert.
            if not canonical or len(token) > len(str(len(self._text))):
                return None
            index = int(token)
        box = self._container(start)
        items = box.items
        assert items is not None
        text = self._text
        outline = start == self._root
        while (index < 0 or len(items) <= index) and box.end is None:
            pos = box.resume
            if box.pending:
                pos = self._skip(pos, outline)
            at = _NEXT_ITEM.match(text, pos).end()  # type: ignore[union-attr]
            if text[at] == "]":
                box.end, box.pending = at + 1, False
                break
            items.append(at)
            box.resume, box.pending = at, True
        return items[index] if 0 <= index < len(items) else None

    # -- lines ---------------------------------------------------------------------------------

    def _position(self, offset: int) -> Position:
        text = self._text
        if self._crlf:
            if self._starts is None:
                self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
            line = bisect_right(self._starts, offset)
            return Position(line, offset - self._starts[line - 1] + 1)
        line = self._lines.get(offset)
        if line is None:
            known = self._known
            before = known[bisect_right(known, offset) - 1]
            line = self._lines[before] + text.count("\n", before, offset)
            self._lines[offset] = line
            insort(known, offset)
        return Position(line, offset - text.rfind("\n", 0, offset))
