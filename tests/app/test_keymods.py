"""Modifier keys read in one place: a keyboard's event, and events that carry no ``mod``."""

from __future__ import annotations

import pygame

from game.app.keymods import alt, ctrl, shift


def test_modifiers_are_read_from_the_event_and_missing_ones_are_none():
    held = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=pygame.KMOD_LCTRL)
    assert ctrl(held) and not shift(held) and not alt(held)
    both = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB,
                              mod=pygame.KMOD_RSHIFT | pygame.KMOD_LALT)
    assert shift(both) and alt(both) and not ctrl(both)
    bare = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z)  # a pad's press, as a key
    assert not ctrl(bare) and not shift(bare) and not alt(bare)
