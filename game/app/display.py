"""The window itself: 1280×720 logical pixels, scaled and letterboxed, full screen on request.

Kept apart from the loop so the services can switch full screen when the setting changes
without knowing about the loop; the setting is what decides (F11 changes it).
"""

from __future__ import annotations

import logging
import os

import pygame

from game import paths
from game.app.render import theme

log = logging.getLogger("lowtide.app")

#: the hint (read from the environment) that turns off pygame's whole-multiple scaling
SMOOTH_SCALING = "SDL_HINT_RENDER_SCALE_QUALITY"


def open_window(fullscreen: bool = False) -> pygame.Surface:
    """The logical surface the screens draw on, in a window the player can resize."""
    pygame.display.set_caption("Low Tide")
    _set_icon()
    flags = 0
    if pygame.display.get_driver() not in ("dummy", "offscreen"):
        flags = pygame.SCALED | pygame.RESIZABLE
        # pygame's scaled window grows only by whole multiples unless this is set: then a
        # window of any size shows the whole picture, smoothly scaled and letterboxed
        os.environ.setdefault(SMOOTH_SCALING, "1")
    try:
        surface = pygame.display.set_mode(theme.SIZE, flags)
    except pygame.error as err:
        log.warning("a scaled window is not available (%s); using a fixed one", err)
        surface = pygame.display.set_mode(theme.SIZE)
    if flags:
        _allow_smaller()
    if fullscreen and flags:
        set_fullscreen(True)
    return surface


MIN_SIZE = (theme.WIDTH // 2, theme.HEIGHT // 2)


def _allow_smaller() -> None:
    """Let the player make the window smaller than the picture: SDL's scaled mode would keep
    it at least 1280×720 and a smaller screen or a window manager then crops it; below that
    the picture is scaled down, letterboxed, whole."""
    try:
        from pygame._sdl2.video import Window

        Window.from_display_module().minimum_size = MIN_SIZE
    except (ImportError, pygame.error, AttributeError) as err:
        log.info("the window keeps its smallest size (%s)", err)


def _set_icon() -> None:
    """The lighthouse in the title bar and task bar (set before the window opens, as SDL asks)."""
    path = paths.assets_dir() / "art" / "ui" / "icon.png"
    try:
        pygame.display.set_icon(pygame.image.load(str(path)))
    except (OSError, pygame.error) as err:
        log.warning("the window icon %s cannot be loaded (%s)", path, err)


def set_fullscreen(on: bool) -> None:
    """Full screen on or off, as the setting says (the one source of truth: F11 changes the
    setting, never the window alone); nothing when the window already is so."""
    try:
        if pygame.display.is_fullscreen() != on:
            pygame.display.toggle_fullscreen()
    except pygame.error as err:
        log.warning("full screen is not available here (%s)", err)
