"""Which modifier keys a key event came with, read in one place: a keyboard's event carries
``mod``, while a pad's press translated into a key and an event a test posts may not."""

from __future__ import annotations

import pygame


def _mods(event: pygame.event.Event) -> int:
    return int(getattr(event, "mod", 0))


def ctrl(event: pygame.event.Event) -> bool:
    return bool(_mods(event) & pygame.KMOD_CTRL)


def shift(event: pygame.event.Event) -> bool:
    return bool(_mods(event) & pygame.KMOD_SHIFT)


def alt(event: pygame.event.Event) -> bool:
    return bool(_mods(event) & pygame.KMOD_ALT)
