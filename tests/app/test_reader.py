"""Play's collaborators: the reader's pace (auto-advance, skipping seen text) and its keys."""

from __future__ import annotations

import pygame

from game.app.playkeys import Action, action
from game.app.reader import SKIP_WAIT, Reader
from game.app.settings import Settings


def ticks(reader: Reader, settings: Settings, seconds: float, **state) -> list:
    out = []
    for _ in range(int(round(seconds * 60))):
        out.append(reader.tick(1 / 60, settings, **state))
    return out


def test_auto_advance_waits_its_delay_after_a_finished_line():
    reader = Reader()
    reader.entered(seen_before=False)
    settings = Settings(auto_advance=True, auto_delay=1.0)
    paces = ticks(reader, settings, 2.0, reading=True, complete=True)
    going = [i for i, p in enumerate(paces) if p.advance]
    assert going and 58 <= going[0] <= 60 and not any(p.finish for p in paces)
    assert not any(p.advance for p in ticks(reader, settings, 2.0, reading=True, complete=False))


def test_seen_text_is_shown_whole_and_passed_quickly_only_when_asked():
    reader = Reader()
    reader.entered(seen_before=True)
    paces = ticks(reader, Settings(skip_seen=True), SKIP_WAIT * 3, reading=True, complete=False)
    assert all(p.finish for p in paces) and sum(p.advance for p in paces) >= 2
    assert not any(p.finish or p.advance
                   for p in ticks(reader, Settings(), 1.0, reading=True, complete=True))
    reader.entered(seen_before=False)
    assert not any(p.finish or p.advance for p in
                   ticks(reader, Settings(skip_seen=True), 1.0, reading=True, complete=True))


def test_nothing_moves_on_while_replies_show_or_another_screen_is_on_top():
    reader = Reader()
    reader.entered(seen_before=True)
    settings = Settings(skip_seen=True, auto_advance=True, auto_delay=0.5)
    assert not any(p.finish or p.advance
                   for p in ticks(reader, settings, 2.0, reading=False, complete=True))


def keydown(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def test_the_keys_of_going_back_and_keeping():
    assert action(keydown(pygame.K_F5)) is Action.QUICK_SAVE
    assert action(keydown(pygame.K_F9)) is Action.QUICK_LOAD
    for back in (keydown(pygame.K_BACKSPACE), keydown(pygame.K_PAGEUP),
                 keydown(pygame.K_z, pygame.KMOD_CTRL),
                 pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1)):
        assert action(back) is Action.ROLL_BACK
    for forward in (keydown(pygame.K_PAGEDOWN), keydown(pygame.K_y, pygame.KMOD_CTRL),
                    pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1)):
        assert action(forward) is Action.ROLL_FORWARD
    assert action(keydown(pygame.K_l)) is Action.HISTORY
    assert action(keydown(pygame.K_z)) is None  # z alone is not undo
    assert action(keydown(pygame.K_SPACE)) is None
