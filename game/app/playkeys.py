"""The keys play adds for going back and keeping, as named actions.

F5 quick save, F9 quick load; Backspace, Ctrl+Z, PageUp or the mouse wheel up step back (a
line, then the choice before); Ctrl+Y, PageDown or the wheel down roll forward again; L opens
the history (the log); H or a middle click hides the interface; Tab skips; Q reaches the quick
menu. Play asks ``action(event)`` first and does the action it names.
"""

from __future__ import annotations

from enum import Enum

import pygame

from game.app.keymods import ctrl, shift


class Action(Enum):
    QUICK_SAVE = "quick save"
    QUICK_LOAD = "quick load"
    ROLL_BACK = "roll back"
    ROLL_FORWARD = "roll forward"
    HISTORY = "history"
    HELP = "keys and buttons"
    HIDE = "hide the interface"
    SKIP = "skip"
    QUICK_MENU = "quick menu"


def action(event: pygame.event.Event) -> Action | None:
    """What ``event`` asks of play for going back and keeping; None when it is not one of these."""
    if event.type == pygame.MOUSEWHEEL:
        if event.y > 0:
            return Action.ROLL_BACK
        return Action.ROLL_FORWARD if event.y < 0 else None
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 2:
        return Action.HIDE
    if event.type != pygame.KEYDOWN:
        return None
    k = event.key
    if k == pygame.K_F5:
        return Action.QUICK_SAVE
    if k == pygame.K_F9:
        return Action.QUICK_LOAD
    if k in (pygame.K_BACKSPACE, pygame.K_PAGEUP) or (k == pygame.K_z and ctrl(event)):
        return Action.ROLL_BACK
    if k == pygame.K_PAGEDOWN or (k == pygame.K_y and ctrl(event)):
        return Action.ROLL_FORWARD
    if k == pygame.K_F1:
        return Action.HELP
    if k == pygame.K_l:
        return Action.HISTORY
    if k == pygame.K_h:
        return Action.HIDE
    if k == pygame.K_TAB and not shift(event):
        return Action.SKIP
    if k == pygame.K_q:
        return Action.QUICK_MENU
    return None
