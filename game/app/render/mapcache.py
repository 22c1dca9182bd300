"""Bounded caches a map view owns: drawn chunks of the map, and figures at the map's scale.

Both live and die with the view that holds them (never in a module), and both drop what was
used least recently once full, so a long session of many scenes and playthroughs stays flat.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import pygame


@dataclass
class Chunk:
    """A square of one plane of the map, drawn at the view's scale."""

    surface: pygame.Surface | None  # None: nothing of this plane here
    at: tuple[int, int]  # where the surface goes inside the square
    animated: frozenset[int]  # animated tiles drawn in it
    state: tuple[int, ...]  # the frames they showed


class ChunkCache:
    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self._items: OrderedDict[Hashable, Chunk] = OrderedDict()

    def get(self, key: Hashable) -> Chunk | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: Hashable, chunk: Chunk) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.used -= _bytes(old.surface)
        self._items[key] = chunk
        self.used += _bytes(chunk.surface)
        while self.used > self.budget and len(self._items) > 1:
            _, dropped = self._items.popitem(last=False)
            self.used -= _bytes(dropped.surface)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.used = 0


class SpriteCache:
    """Figures' images scaled to the scene, kept while their source images live."""

    def __init__(self, limit: int = 64):
        self.limit = limit
        self._items: OrderedDict[int, tuple[weakref.ref, pygame.Surface]] = OrderedDict()

    def get(self, image: pygame.Surface,
            make: Callable[[pygame.Surface], pygame.Surface]) -> pygame.Surface:
        key = id(image)
        found = self._items.get(key)
        if found is not None and found[0]() is image:
            self._items.move_to_end(key)
            return found[1]
        scaled = make(image)
        self._items[key] = (weakref.ref(image), scaled)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return scaled

    def __len__(self) -> int:
        return len(self._items)


def _bytes(surface: pygame.Surface | None) -> int:
    if surface is None:
        return 64
    w, h = surface.get_size()
    return w * h * surface.get_bytesize() + 64
