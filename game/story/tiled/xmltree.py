"""XML read with the place of every element, so a problem in a .tmx file points at its line.

ElementTree drops positions; the standard library's expat parser reports them as it reads.
The tile gids of a layer written as ``<tile gid="..."/>`` elements are gathered straight into
an array of numbers instead of one object each, so a big map in that format stays small.
"""

from __future__ import annotations

import bisect
import re
import xml.parsers.expat as expat
from array import array
from dataclasses import dataclass, field

#: elements nested deeper than this are refused (a Tiled map nests about six deep, groups
#: included); what reads the tree walks it by recursion
MAX_DEPTH = 64


class XmlError(Exception):
    """The file is not well-formed XML; ``line`` and ``column`` say where the parser stopped."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class TooDeep(XmlError):
    """Well-formed, perhaps, but nested deeper than ``MAX_DEPTH``."""


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int  # 1-based, in characters
    offset: int  # byte offset of the '<' that opens it
    path: str  # /map/layer[2]/data: where it is, for tools
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    gids: array | None = None  # <tile gid> children of a <data> or <chunk>

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def find(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]


class Document:
    """A parsed file: its root element, and the bytes to place an attribute exactly."""

    def __init__(self, root: Element, data: bytes):
        self.root = root
        self._data = data
        self._lines: list[int] | None = None

    def where(self, element: Element, attribute: str | None = None) -> tuple[int, int]:
        """(line, column) of ``attribute`` in the element's start tag, else of the element."""
        if attribute is None:
            return element.line, element.column
        end = self._data.find(b">", element.offset)
        tag = self._data[element.offset : end if end >= 0 else len(self._data)]
        name = attribute.encode()
        at = -1
        for sep in (b" ", b"\n", b"\t", b"\r"):
            found = tag.find(sep + name + b"=")
            if found >= 0 and (at < 0 or found < at):
                at = found
        if at < 0:
            return element.line, element.column
        return self._place(element.offset + at + 1)

    def where_in_text(self, element: Element, item: int) -> tuple[int, int]:
        """(line, column) of the ``item``-th comma-separated entry (from 0) of the element's
        text, as in a CSV layer; the element's own place when the text has fewer entries."""
        start = self._data.find(b">", element.offset) + 1
        end = self._data.find(b"<", start)
        if start <= 0:
            return element.line, element.column
        text = self._data[start : end if end >= 0 else len(self._data)]
        for n, found in enumerate(re.finditer(rb"[^,\s]+", text)):
            if n == item:
                return self._place(start + found.start())
        return element.line, element.column

    def _place(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            starts, i = [0], self._data.find(b"\n")
            while i >= 0:
                starts.append(i + 1)
                i = self._data.find(b"\n", i + 1)
            self._lines = starts
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1]
        column = len(self._data[start:offset].decode("utf-8", "replace")) + 1
        return line, column


def parse(data: bytes) -> Document:
    """The document, or XmlError with the place where it stops being XML."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    stack: list[Element] = []
    counts: list[dict[str, int]] = [{}]
    root: list[Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        parent = stack[-1] if stack else None
        if parent is not None and tag == "tile" and parent.tag in ("data", "chunk"):
            if parent.gids is None:
                parent.gids = array("I")
            try:
                parent.gids.append(int(attrs.get("gid", "0")) & 0xFFFFFFFF)
            except ValueError:
                parent.gids.append(0xFFFFFFFF)  # not a number: a tile no tileset has
            stack.append(parent)  # its end tag pops this again
            counts.append({})
            return
        if len(stack) >= MAX_DEPTH:
            raise TooDeep(f"elements nested deeper than {MAX_DEPTH} levels",
                          parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        n = counts[-1][tag] = counts[-1].get(tag, 0) + 1
        base = parent.path if parent is not None else ""
        element = Element(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1,
                          parser.CurrentByteIndex, f"{base}/{tag}" + (f"[{n}]" if parent else ""))
        if parent is not None:
            parent.children.append(element)
        else:
            root.append(element)
        stack.append(element)
        counts.append({})

    def end(tag: str) -> None:
        stack.pop()
        counts.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].parts.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise XmlError(expat.errors.messages.get(err.code, str(err)) if hasattr(err, "code")
                       else str(err), err.lineno, err.offset + 1) from None
    except (LookupError, ValueError) as err:  # an encoding expat cannot read
        raise XmlError(f"the file's encoding cannot be read ({str(err).split(':')[-1].strip()})",
                       1, 1) from None
    except RecursionError:
        raise XmlError("too deeply nested", 1, 1) from None
    finally:
        # The parser holds the handlers and they hold the parser: a cycle that would keep the
        # parser and every element with it until a full collection. Broken here, all of it is
        # freed (or kept, the document) as soon as this returns.
        parser.StartElementHandler = parser.EndElementHandler = None
        parser.CharacterDataHandler = None
    if not root:
        raise XmlError("no element", 1, 1)
    return Document(root[0], data)
