"""Exact source positions for JSON story files.

The loader parses stories with the fast C ``json`` module. Only when a file has a problem (or a
lint message must point into it) is this slower, hand-written parser used: it returns the same
value, plus the line and column of every value, key and string character, and it reports the
duplicate keys that ``json`` silently resolves.

Conventions, chosen so editors and messages agree:

* Lines and columns are 1-based; columns count code points, and a tab counts as one column.
* Line breaks are ``\\n``, ``\\r\\n`` and a lone ``\\r`` (the only ones JSON allows outside
  strings).
* A leading byte order mark (U+FEFF) is ignored: it is not part of the value and not counted, so
  the first character after it is line 1, column 1.
* "Unexpected end of file" is reported just after the last non-blank character, not on the empty
  line a trailing newline would create.
* Beyond ``json.loads``, NaN/Infinity/-Infinity, nesting deeper than 256 containers and integers
  longer than Python's int conversion limit are rejected; for duplicate keys the first value is
  kept.

The parser is iterative (an explicit stack), so deep nesting never raises ``RecursionError``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_DEPTH",
    "Duplicate",
    "JsonSyntaxError",
    "Parsed",
    "Position",
    "PositionIndex",
    "escape_pointer_token",
    "join_pointer",
    "parse",
    "raw_offset",
]

MAX_DEPTH = 256

_BOM = "\ufeff"
_BLANK = " \t\n\r"
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# A number that cannot be the start of a malformed one ("01", "1.", "1e"): the common case.
_CLEAN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?(?![0-9.eE])")
_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_CONTROL_HINTS = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NOT_JSON_WORDS = {"NaN", "Infinity"}


@dataclass(frozen=True)
class Position:
    """A place in the source, as an editor shows it."""

    line: int  # 1-based
    column: int  # 1-based, in code points; a tab counts as 1


class JsonSyntaxError(Exception):
    """Invalid JSON, with where and a message a person understands."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column

    @property
    def position(self) -> Position:
        return Position(self.line, self.column)


@dataclass(frozen=True)
class Duplicate:
    """A key that appears twice in one object; ``json`` would silently keep the last value."""

    pointer: str  # JSON pointer (RFC 6901) of the member, e.g. "/nodes/arrival"
    key: str
    first: Position  # where the key first appeared
    second: Position  # where it appears again (report this one)


def escape_pointer_token(token: str) -> str:
    """Escape one key for a JSON pointer (RFC 6901): ``~`` becomes ``~0`` and ``/`` ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, *tokens: str | int) -> str:
    """Append keys or array indices to a JSON pointer, escaping them."""
    return parent + "".join("/" + escape_pointer_token(str(t)) for t in tokens)


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def _locate(starts: list[int], offset: int) -> Position:
    line = bisect_right(starts, offset)
    return Position(line, offset - starts[line - 1] + 1)


class PositionIndex:
    """Offsets of every value and key of one document, turned into positions on request.

    Only integer offsets are stored while parsing, and array items are kept as one list per array
    rather than one pointer string each; line numbers are worked out lazily because most callers
    ask for a handful of positions.
    """

    def __init__(
        self,
        text: str,
        values: dict[str, int],
        keys: dict[str, int],
        arrays: dict[str, list[int]],
    ) -> None:
        self._text = text
        self._values = values  # value offsets of the root and of object members
        self._keys = keys  # key offsets of object members
        self._arrays = arrays  # item value offsets, by the pointer of their array
        self._starts: list[int] | None = None

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self._offset(pointer) is not None

    def _offset(self, pointer: str) -> int | None:
        offset = self._values.get(pointer)
        if offset is None:
            cut = pointer.rfind("/")
            items = self._arrays.get(pointer[:cut]) if cut >= 0 else None
            token = pointer[cut + 1 :]
            if (
                items is not None
                and token.isascii()
                and token.isdigit()
                and (token == "0" or not token.startswith("0"))
                and len(token) <= len(str(len(items)))
                and int(token) < len(items)
            ):
                return items[int(token)]
        return offset

    def _position(self, offset: int) -> Position:
        if self._starts is None:
            self._starts = _line_starts(self._text)
        return _locate(self._starts, offset)

    def _existing(self, pointer: str) -> str:
        """The pointer itself if it names a value, else its nearest existing ancestor."""
        if not pointer.startswith("/"):
            return ""
        while self._offset(pointer) is None:
            pointer = pointer[: pointer.rfind("/")]
        return pointer

    def value(self, pointer: str) -> Position:
        """Position of the first character of the value at ``pointer`` ("" is the root).

        A pointer that does not exist falls back to its nearest existing ancestor, so a message
        about a missing member still points at the object that lacks it.
        """
        return self._position(self._offset(self._existing(pointer)))  # type: ignore[arg-type]

    def key(self, pointer: str) -> Position:
        """Position of the opening quote of the key naming that member.

        Array items and the root have no key, so this is their value position; a pointer that
        does not exist gives the same as :meth:`value`.
        """
        offset = self._keys.get(pointer)
        if offset is None:
            return self.value(pointer)
        return self._position(offset)

    def in_string(self, pointer: str, index: int) -> Position:
        """Position of decoded character ``index`` of the string value at ``pointer``.

        Escapes are mapped back to the raw source (an escape maps to its backslash); ``index`` may
        equal the string's length, giving the closing quote. Out-of-range indices and non-string
        values fall back to :meth:`value`.
        """
        found = self._existing(pointer)
        start: int = self._offset(found)  # type: ignore[assignment]
        if found == pointer and index >= 0 and self._text.startswith('"', start):
            offset = raw_offset(self._text, start, index)
            if offset is not None:
                return self._position(offset)
        return self._position(start)


@dataclass(frozen=True)
class Parsed:
    """A parsed document: the value ``json.loads`` gives (first of duplicate keys kept)."""

    value: Any
    index: PositionIndex
    duplicates: tuple[Duplicate, ...]


class _Fail(Exception):
    """Internal: a syntax error at an offset, turned into a line and column by :func:`parse`."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


def _eof(text: str) -> _Fail:
    return _Fail(len(text.rstrip(_BLANK)), "unexpected end of file")


def _show(char: str) -> str:
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def _is_comment(text: str, pos: int) -> bool:
    return text.startswith("//", pos) or text.startswith("/*", pos)


def _bad_value(text: str, pos: int) -> _Fail:
    """Explain why no JSON value starts at ``pos``."""
    if pos >= len(text):
        return _eof(text)
    char = text[pos]
    if char == "'":
        return _Fail(pos, 'single quotes are not JSON (use ")')
    if _is_comment(text, pos):
        return _Fail(pos, "comments are not JSON")
    word = _WORD.match(text, pos)
    if word:
        w = word.group()
        if w in _NOT_JSON_WORDS:
            return _Fail(pos, f"{w} is not JSON")
        fix = {"none": "null", "true": "true", "false": "false", "null": "null"}.get(w.lower())
        if fix:
            return _Fail(pos, f"{w} is not JSON (use {fix})")
        if len(w) > 30:
            w = w[:30] + "..."
        return _Fail(pos, f"expected a value, found '{w}' (strings need double quotes)")
    return _Fail(pos, f"expected a value, found {_show(char)}")


def _bad_key(text: str, pos: int, after_comma: bool) -> _Fail:
    """Explain why no object key starts at ``pos``."""
    if pos >= len(text):
        return _eof(text)
    if text[pos] == "'":
        return _Fail(pos, 'single quotes are not JSON (use ")')
    if _is_comment(text, pos):
        return _Fail(pos, "comments are not JSON")
    if _WORD.match(text, pos) or text[pos] in "-0123456789":
        return _Fail(pos, "object keys must be strings in double quotes")
    if after_comma:
        return _Fail(pos, f"expected a string key after ',', found {_show(text[pos])}")
    return _Fail(pos, f"expected a string key or '}}', found {_show(text[pos])}")


def _after_value(text: str, pos: int, in_object: bool) -> _Fail:
    """Explain why a value is not followed by ',' or the closing bracket."""
    if pos >= len(text):
        return _eof(text)
    if _is_comment(text, pos):
        return _Fail(pos, "comments are not JSON")
    end = pos  # just after the value before: where a missing comma belongs
    while end > 0 and text[end - 1] in _BLANK:
        end -= 1
    closer = "}" if in_object else "]"
    char = text[pos]
    if text[end - 1] == '"' and end == pos and (char.isalnum() or char in "'(_-"):
        return _Fail(pos, "the text in quotes ended at the '\"' just before this: to put a "
                          "quote inside text write \\\" (or use curly quotes “ ”), or in a "
                          "condition quote the node id with ' ', as in visits('den')")
    if char in '"{[0123456789-tfn' and end < pos:
        return _Fail(end, f"a comma is missing here, before the next "
                          f"{'entry' if in_object else 'item'} (or a '{closer}' to close this)")
    return _Fail(pos, f"expected a ',' before the next {'entry' if in_object else 'item'}, "
                      f"or a '{closer}' to close this")


def _unicode_escape(text: str, pos: int) -> tuple[str, int]:
    """Decode ``\\uXXXX`` at ``pos`` (joining a surrogate pair as ``json`` does)."""
    if not _HEX4.match(text, pos + 2):
        raise _Fail(pos, "invalid \\u escape (it needs 4 hex digits, e.g. \\u00e9)")
    code = int(text[pos + 2 : pos + 6], 16)
    if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", pos + 6) and _HEX4.match(text, pos + 8):
        low = int(text[pos + 8 : pos + 12], 16)
        if 0xDC00 <= low <= 0xDFFF:
            return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), pos + 12
    return chr(code), pos + 6


def _scan_string(text: str, start: int) -> tuple[str, int]:
    """Decode the string whose opening quote is at ``start``; return it and the end offset."""
    parts: list[str] = []
    pos = start + 1
    n = len(text)
    while True:
        run = _STRING_RUN.match(text, pos)
        parts.append(run.group())  # type: ignore[union-attr]
        pos = run.end()  # type: ignore[union-attr]
        if pos >= n:
            raise _Fail(start, "unterminated string")
        char = text[pos]
        if char == '"':
            return "".join(parts), pos + 1
        if char == "\\":
            if pos + 1 >= n:
                raise _Fail(start, "unterminated string")
            code = text[pos + 1]
            simple = _SIMPLE_ESCAPES.get(code)
            if simple is not None:
                parts.append(simple)
                pos += 2
            elif code == "u":
                decoded, pos = _unicode_escape(text, pos)
                parts.append(decoded)
            else:
                raise _Fail(pos, f"invalid escape '\\{code}'")
        else:
            if text.find('"', pos) < 0:
                raise _Fail(start, "unterminated string")
            hint = _CONTROL_HINTS.get(char, f"\\u{ord(char):04x}")
            raise _Fail(pos, f"control character in string (use {hint})")


def raw_offset(text: str, start: int, index: int) -> int | None:
    """Source offset of decoded character ``index`` of the (valid) string at ``start``."""
    pos = start + 1
    count = 0
    n = len(text)
    while pos < n:
        run = _STRING_RUN.match(text, pos)
        end = run.end()  # type: ignore[union-attr]
        if index < count + end - pos:
            return pos + index - count
        count += end - pos
        pos = end
        if pos >= n or text[pos] != "\\":
            return pos if index == count and text.startswith('"', pos) else None
        if index == count:
            return pos
        if text.startswith("u", pos + 1):
            pos = _unicode_escape(text, pos)[1]
        else:
            pos += 2
        count += 1
    return None


def _checked_number(text: str, pos: int) -> re.Match[str]:
    """Match a number that the fast pattern refused, or explain what is wrong with it."""
    m = _NUMBER.match(text, pos)
    if m is None:
        if text.startswith("-Infinity", pos):
            raise _Fail(pos, "-Infinity is not JSON")
        raise _Fail(pos, "expected a digit after '-'")
    end = m.end()
    frac, exp = m.group(1, 2)
    after = text[end : end + 1]
    if after == "." and not frac and not exp:
        raise _Fail(end, "expected a digit after the decimal point")
    if after in ("e", "E") and not exp:
        raise _Fail(end, "expected a digit in the exponent")
    if after.isascii() and after.isdigit():
        raise _Fail(pos, "leading zeros are not JSON")
    return m  # well-formed; whatever follows is reported by the caller


_OPENED = object()  # what ``_Parser.start`` gives when the value is a container just opened


class _Parser:
    """The careful parse of one document, with an explicit stack of open containers.

    Each frame is a list: ``[container, pointer, is_object, current_key,
    current_is_duplicate, discarding, first_keys_or_item_offsets]``. Values under a duplicate
    key are parsed (to check them) but neither stored nor indexed. While an array item is
    parsed, ``pointer`` is None: most items are scalars that never need a pointer string, so
    one is built only when an item is a container.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.values: dict[str, int] = {}  # value offsets of the root and of object members
        self.keys: dict[str, int] = {}  # key offsets of object members
        self.arrays: dict[str, list[int]] = {}  # item offsets, by the pointer of their array
        self.items: list[int] = []  # the offsets of the array being filled
        self.dups: list[tuple[str, str, int, int]] = []
        self.stack: list[list[Any]] = []
        # Where the value being parsed goes: its pointer (None for an array item), and
        # whether its offset is recorded (not under a duplicate key).
        self.pointer: str | None = ""
        self.record = True

    def parse(self) -> tuple[Any, PositionIndex, list[tuple[str, str, int, int]]]:
        """The value, its position index and its duplicate keys."""
        pos = _WS.match(self.text, 0).end()  # type: ignore[union-attr]
        while True:
            value, pos = self.start(pos)
            if value is _OPENED:
                continue
            finished, value, pos = self.finish(value, pos)
            if finished:
                return value, PositionIndex(self.text, self.values, self.keys, self.arrays), self.dups

    def start(self, pos: int) -> tuple[Any, int]:
        """Parse the value starting at ``pos`` (blanks skipped): a scalar or an empty container
        whole, else open the container and move to its first member or item."""
        text = self.text
        if pos >= self.n:
            raise _eof(text)
        if self.record:
            if self.pointer is None:
                self.items.append(pos)
            else:
                self.values[self.pointer] = pos
        char = text[pos]
        if char == '"':
            m = _PLAIN_STRING.match(text, pos)
            if m:
                return m.group(1), m.end()
            return _scan_string(text, pos)
        if char == "{" or char == "[":
            return self.open(pos, char)
        if char in "-0123456789":
            return _number(text, pos)
        if char == "t" and text.startswith("true", pos):
            return True, pos + 4
        if char == "f" and text.startswith("false", pos):
            return False, pos + 5
        if char == "n" and text.startswith("null", pos):
            return None, pos + 4
        raise _bad_value(text, pos)

    def open(self, pos: int, char: str) -> tuple[Any, int]:
        """An object or array at ``pos``: the empty one whole, else a new frame."""
        text, stack = self.text, self.stack
        if len(stack) >= MAX_DEPTH:
            raise _Fail(pos, f"nesting deeper than {MAX_DEPTH} levels")
        inner = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        pointer = self.pointer
        if pointer is None:
            pointer = f"{stack[-1][1]}/{len(stack[-1][0])}"
        if char == "{":
            if text.startswith("}", inner):
                return {}, inner + 1
            frame = [{}, pointer, True, None, False, not self.record, {}]
            stack.append(frame)
            return _OPENED, self.member(frame, inner, False)
        if text.startswith("]", inner):
            return [], inner + 1
        items: list[int] = []
        if self.record:
            self.arrays[pointer] = items
        stack.append([[], pointer, False, None, False, not self.record, items])
        self.items = items
        self.pointer = None
        return _OPENED, inner

    def member(self, frame: list[Any], pos: int, after_comma: bool) -> int:
        """Parse ``"key" :`` at ``pos``; the member's value starts at the offset returned."""
        text, n = self.text, self.n
        if pos >= n or text[pos] != '"':
            raise _bad_key(text, pos, after_comma)
        m = _PLAIN_STRING.match(text, pos)
        if m:
            key, end = m.group(1), m.end()
        else:
            key, end = _scan_string(text, pos)
        colon = _WS.match(text, end).end()  # type: ignore[union-attr]
        if colon >= n:
            raise _eof(text)
        if text[colon] != ":":
            raise _Fail(colon, "expected ':' after an object key")
        pointer = frame[1] + "/" + key.replace("~", "~0").replace("/", "~1")
        first_keys = frame[6]
        first = first_keys.get(key)
        frame[3] = key
        if first is not None:
            self.dups.append((pointer, key, first, pos))
            frame[4] = True
            self.record = False
        else:
            first_keys[key] = pos
            frame[4] = False
            self.record = not frame[5]
            if self.record:
                self.keys[pointer] = pos
        self.pointer = pointer
        return _WS.match(text, colon + 1).end()  # type: ignore[union-attr]

    def finish(self, value: Any, pos: int) -> tuple[bool, Any, int]:
        """Store a complete value in its container and see what follows: (True, the document,
        the end) when it was the last, else (False, None, where the next value starts)."""
        text, n = self.text, self.n
        while True:
            if not self.stack:
                end = _WS.match(text, pos).end()  # type: ignore[union-attr]
                if end < n:
                    if _is_comment(text, end):
                        raise _Fail(end, "comments are not JSON")
                    raise _Fail(end, "extra data after the top-level value")
                return True, value, end
            frame = self.stack[-1]
            container, is_object = frame[0], frame[2]
            if not is_object:
                container.append(value)
            elif not frame[4]:
                container[frame[3]] = value
            if pos < n and text[pos] in _BLANK:
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            char = text[pos] if pos < n else ""
            if char == ",":
                return False, None, self.next_entry(frame, pos)
            if char == ("}" if is_object else "]"):
                self.stack.pop()
                value = container
                pos += 1
                continue
            raise _after_value(text, pos, is_object)

    def next_entry(self, frame: list[Any], comma: int) -> int:
        """After the comma at ``comma``: where the next member's or item's value starts."""
        text, n = self.text, self.n
        pos = comma + 1
        if pos < n and text[pos] in _BLANK:
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if frame[2]:
            if text.startswith("}", pos):
                raise _Fail(comma, "trailing comma before '}'")
            return self.member(frame, pos, True)
        if text.startswith("]", pos):
            raise _Fail(comma, "trailing comma before ']'")
        self.pointer = None
        self.items = frame[6]
        self.record = not frame[5]
        return pos


def _number(text: str, pos: int) -> tuple[int | float, int]:
    """The number at ``pos`` and where it ends."""
    m = _CLEAN_NUMBER.match(text, pos) or _checked_number(text, pos)
    frac, exp = m.group(1, 2)
    if frac or exp:
        return float(m.group()), m.end()
    try:
        return int(m.group()), m.end()
    except ValueError:
        raise _Fail(pos, "number too long") from None


def _parse(text: str) -> tuple[Any, PositionIndex, list[tuple[str, str, int, int]]]:
    """Parse ``text`` into its value, its position index and its duplicate keys."""
    return _Parser(text).parse()


def parse(text: str) -> Parsed:
    """Parse JSON ``text`` with positions; raise :class:`JsonSyntaxError` if it is not JSON."""
    if text.startswith(_BOM):
        text = text[1:]
    try:
        value, index, dups = _parse(text)
    except _Fail as fail:
        where = _locate(_line_starts(text), fail.offset)
        raise JsonSyntaxError(fail.message, where.line, where.column) from None
    duplicates = tuple(
        Duplicate(pointer, key, index._position(first), index._position(second))
        for pointer, key, first, second in dups
    )
    return Parsed(value, index, duplicates)
