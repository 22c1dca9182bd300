"""Text laid out once and cached: wrapped blocks, and a typewriter that reveals a laid-out box.

``TextCache.block(text, font, colour, width)`` returns a ``TextBlock`` whose lines are rendered
surfaces; the same arguments return the same block without rendering again. A typewriter shows
the first ``n`` characters of a block by clipping its line surfaces, never by rendering a
growing string.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pygame

if TYPE_CHECKING:
    from game.app.render.theme import Palette

Colour = tuple[int, int, int]


@dataclass
class TextLine:
    text: str
    surface: pygame.Surface
    y: int
    # x offset after each character (len(text) + 1 entries), for clipping a partial line
    advances: list[int]


@dataclass
class TextBlock:
    lines: list[TextLine]
    width: int
    height: int
    chars: int
    line_height: int

    def draw(self, target: pygame.Surface, x: int, y: int, shown: int | None = None,
             alpha: int = 255) -> None:
        """Draw the block at (x, y); only the first ``shown`` characters when given."""
        left = self.chars if shown is None else shown
        for line in self.lines:
            if left <= 0:
                break
            surf = line.surface
            if alpha < 255:
                surf.set_alpha(alpha)
            n = len(line.text)
            if left >= n:
                target.blit(surf, (x, y + line.y))
            else:
                target.blit(surf, (x, y + line.y), (0, 0, line.advances[left], surf.get_height()))
            if alpha < 255:
                surf.set_alpha(255)
            left -= n + 1  # the break between lines counts as one character


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Lines no wider than ``width`` (a word longer than a line is broken by characters)."""
    out: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            trial = word if not line else f"{line} {word}"
            if font.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                out.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out


def drawable(text: str) -> str:
    """``text`` as a font can draw it: a NUL byte (which SDL_ttf refuses) shown as U+FFFD, and
    a lone surrogate (which a story's JSON can hold, and UTF-8 cannot) as '?'."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def field_text(text: str) -> str:
    """What a text field keeps of typed text: no control characters, nothing undrawable."""
    return "".join(c for c in text if c.isprintable() or c == " ")


def render(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    """One line drawn; a line of only zero-width characters (which SDL_ttf refuses to draw) is
    an empty surface of the line's height."""
    try:
        return font.render(text, True, colour)
    except pygame.error:
        return pygame.Surface((1, font.get_linesize()), pygame.SRCALPHA)


def layout(text: str, font: pygame.font.Font, colour: Colour, width: int,
           line_height: int | None = None) -> TextBlock:
    text = drawable(text)
    step = line_height or font.get_linesize()
    lines: list[TextLine] = []
    widest = 0
    for i, raw in enumerate(wrap(text, font, width)):
        surf = render(font, raw, colour)
        advances = [0]
        for k in range(1, len(raw) + 1):
            advances.append(font.size(raw[:k])[0])
        lines.append(TextLine(raw, surf, i * step, advances))
        widest = max(widest, surf.get_width())
    chars = sum(len(line.text) for line in lines) + max(0, len(lines) - 1)
    height = step * len(lines) if lines else 0
    return TextBlock(lines, widest, height, chars, step)


class TextCache:
    """Rendered text keyed by (text, font, colour, width); least recently used dropped first."""

    def __init__(self, limit: int = 512):
        self.limit = limit
        self._blocks: OrderedDict[tuple, TextBlock] = OrderedDict()

    def block(self, text: str, font: pygame.font.Font, colour: Colour, width: int = 100000,
              line_height: int | None = None) -> TextBlock:
        key = (text, id(font), colour, width, line_height)
        found = self._blocks.get(key)
        if found is not None:
            self._blocks.move_to_end(key)
            return found
        made = layout(text, font, colour, width, line_height)
        self._blocks[key] = made
        if len(self._blocks) > self.limit:
            self._blocks.popitem(last=False)
        return made

    def clear(self) -> None:
        self._blocks.clear()

    def line(self, text: str, font: pygame.font.Font, colour: Colour) -> pygame.Surface:
        """One unwrapped line as a surface."""
        block = self.block(text, font, colour)
        if not block.lines:
            return pygame.Surface((1, 1), pygame.SRCALPHA)
        return block.lines[0].surface


class Lettering(Protocol):
    """What drawing needs of the run's services: the text cache, fonts by role and size, and
    the palette."""

    text: TextCache

    def font(self, role: str, size: int) -> pygame.font.Font: ...

    @property
    def palette(self) -> Palette: ...
