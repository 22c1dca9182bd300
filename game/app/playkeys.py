"""What play adds for going back and keeping: rollback, roll forward, history, quick save and
load, the pause menu's pages, and the reader (auto-advance, skip text already seen).

Keys in play: F5 quick save, F9 quick load; Backspace, Ctrl+Z, PageUp or the mouse wheel up
roll back one choice; Ctrl+Y, PageDown or the wheel down roll forward again; H the history.
Play calls ``handle(play, event)`` first and stops when it returns True.
"""

from __future__ import annotations

import logging
from typing import Any

import pygame

from game.app import flow, keep
from game.app.persist import QUICK

log = logging.getLogger("lowtide.app")

SKIP_WAIT = 0.12  # seconds a seen line stays when skipping


def _ctrl(event: pygame.event.Event) -> bool:
    return bool(getattr(event, "mod", 0) & pygame.KMOD_CTRL)


def handle(play: Any, event: pygame.event.Event) -> bool:
    """Handle the keeping and going-back input of play; True when the event was used."""
    if event.type == pygame.MOUSEWHEEL:
        if event.y > 0:
            rollback(play)
        elif event.y < 0:
            roll_forward(play)
        return event.y != 0
    if event.type != pygame.KEYDOWN:
        return False
    k = event.key
    if k == pygame.K_F5:
        keep.save(play.app, play.session, QUICK, current_line(play))
    elif k == pygame.K_F9:
        keep.quickload(play.app, play.story.id)
    elif k in (pygame.K_BACKSPACE, pygame.K_PAGEUP) or (k == pygame.K_z and _ctrl(event)):
        rollback(play)
    elif k == pygame.K_PAGEDOWN or (k == pygame.K_y and _ctrl(event)):
        roll_forward(play)
    elif k == pygame.K_h:
        open_page(play, "history")
    else:
        return False
    return True


def current_line(play: Any) -> str:
    """The line on screen, as a save slot shows it ("Name: text")."""
    if not play.lines:
        return ""
    line = play.lines[min(play.index, len(play.lines) - 1)]
    return f"{line.name}: {line.text}" if line.name else line.text


def to_choices(play: Any) -> None:
    """Show the node's last line whole, with its replies: where one lands after going back."""
    if play.phase == "lines" and play.lines:
        play.index = len(play.lines) - 1
        play._show_line()
        play.box.finish()
        play._after_lines()


def rollback(play: Any, steps: int = 1) -> bool:
    session = play.session
    if len(session.steps) < steps or steps <= 0:
        keep.sound(play.app, "error")
        keep.toast(play.app, "This is where the story began.")
        return False
    session.rollback(steps)
    play.enter_node()
    to_choices(play)
    keep.sound(play.app, "page")
    return True


def roll_forward(play: Any) -> bool:
    if not play.session.roll_forward():
        keep.sound(play.app, "error")
        return False
    play.app.notify("choice", play.session)
    flow.autosave(play.app, play.session)
    play.enter_node()
    to_choices(play)
    keep.sound(play.app, "page")
    return True


def open_page(play: Any, page: str) -> None:
    """Open one of the pages play offers (from its keys or the pause menu)."""
    app, session = play.app, play.session
    if page == "history":
        from game.app.states.history import HistoryScreen

        app.push(HistoryScreen(app, session), lambda result: _back_to(play, result))
    elif page in ("save", "load"):
        from game.app.states.saveload import SaveLoadScreen

        app.push(SaveLoadScreen(app, page, session, line=current_line(play)))
    elif page == "flowchart":
        from game.app.states.flowchart import FlowchartScreen

        app.push(FlowchartScreen(app, play.story, list(session.path), session.node_id))
    elif page == "settings":
        from game.app.states.settings import SettingsScreen

        app.push(SettingsScreen(app), lambda _: play.enter_node_tags())
    elif page == "endings":
        from game.app.states.gallery import GalleryScreen

        app.push(GalleryScreen(app, [play.story], play.story.id))
    keep.sound(app, "select")


def _back_to(play: Any, result: Any) -> None:
    if isinstance(result, tuple) and result and result[0] == "rollback":
        steps = len(play.session.steps) - int(result[1])
        if steps > 0:
            rollback(play, steps)


class Reader:
    """Auto-advance and skipping seen text, and what entering a node records."""

    def __init__(self) -> None:
        self.seen_before = False
        self.wait = 0.0
        self.scale = 1.0

    def entered(self, play: Any) -> None:
        app, session = play.app, play.session
        found = keep.persist_of(app)
        self.seen_before = bool(found is not None
                                and found.progress.has_seen(session.story.id, session.node_id))
        self.wait = 0.0
        keep.record(app, session)
        keep.ambient(app, _ambient(session))

    def update(self, play: Any, dt: float) -> None:
        settings = play.services.settings
        if settings.scale != self.scale:
            self.scale = settings.scale
            play.box.scale = play.choices.scale = self.scale
            _reflow(play)
        if play.phase != "lines" or play.app.top is not play:
            self.wait = 0.0
            return
        if settings.skip_seen and self.seen_before:
            play.box.finish()
            self.wait += dt
            if self.wait >= SKIP_WAIT:
                self.wait = 0.0
                play.advance()
        elif settings.auto_advance and play.box.complete:
            self.wait += dt
            if self.wait >= settings.auto_delay:
                self.wait = 0.0
                play.advance()
        else:
            self.wait = 0.0


def _reflow(play: Any) -> None:
    """Lay the dialogue and replies out again at the new text size."""
    if not play.lines or play.phase == "stuck":
        return
    complete = play.box.complete
    shown = play.box.shown
    play._show_line()
    play.box.shown = float(play.box.block.chars) if complete else min(shown, play.box.block.chars)
    if play.phase == "choices":
        play.enter_node_tags()


def _ambient(session: Any) -> str | None:
    scene = session.story.scenes.get(session.scene) if session.scene else None
    return getattr(scene, "ambient", None)
