"""Where a JSON pointer is in the story's files, as line and column, for diagnostics."""

from __future__ import annotations

from game.story.jsonlocate import Locator


class SourceMap:
    """Positions of JSON pointers in the story's files, worked out only when asked for.

    Only texts that parsed are added; a file that is not there (or nests deeper than the
    careful parser allows) has every position at line 1, column 1.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._locators: dict[str, Locator] = {}
        self._shallow: set[str] = set()

    def add(self, display: str, text: str) -> None:
        """Keep ``text``, a document ``json.loads`` accepts, for positions in ``display``."""
        self._texts[display] = text
        self._locators.pop(display, None)
        self._shallow.discard(display)

    def matched_schema(self, display: str) -> None:
        """Note that the file matched the schema, so it nests only a few levels deep and the
        check for nesting beyond what the careful parser allows can be skipped."""
        self._shallow.add(display)

    def locate(
        self, file: str, pointer: str, *, at_key: bool = False, offset: int | None = None
    ) -> tuple[int, int]:
        """(line, column) of the value at ``pointer`` in ``file``, of its key with ``at_key``,
        or of character ``offset`` of the string there; (1, 1) when the file cannot say."""
        locator = self._locators.get(file)
        if locator is None:
            text = self._texts.get(file)
            if text is None:
                return (1, 1)
            locator = self._locators[file] = Locator(text)
        try:
            if file not in self._shallow and not locator.valid:
                return (1, 1)
            if offset is not None:
                pos = locator.in_string(pointer, offset)
            elif at_key:
                pos = locator.key(pointer)
            else:
                pos = locator.value(pointer)
        except (ValueError, IndexError, StopIteration):  # not JSON after all: as if unparsed
            return (1, 1)
        return (pos.line, pos.column)
