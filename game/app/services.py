"""What screens are given: fonts, the text cache, images, settings, the launch options, and
``keep`` (saves, progress, sound, the toast).

One ``Services`` object is made per run by the entry point and reached by every screen through
its window (``self.app.services``); nothing in the app is global: the palette too is the
services' (``palette``, from the contrast setting), read by every drawing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.app import display
from game.app.dev import StoryCheck
from game.app.devplay import DevMode, Host
from game.app.keep import Keeper
from game.app.render import theme, veil, widgets
from game.app.render.images import Images
from game.app.render.text import TextCache
from game.app.render.theme import Fonts, Palette
from game.app.settings import Settings
from game.app.voice import Voice
from game.story.load import load_story

log = logging.getLogger("lowtide.app")


@dataclass
class Options:
    """The launch options that shape a playthrough (from the command line)."""

    story: Path | None = None
    name: str | None = None
    pronouns: str | None = None
    start: str | None = None
    values: list[str] = field(default_factory=list)
    driven: bool = False
    #: developer mode: reload on save, the overlay and the console (game.app.devplay)
    dev: bool = False


@dataclass
class Services:
    fonts: Fonts = field(default_factory=Fonts)
    text: TextCache = field(default_factory=TextCache)
    settings: Settings = field(default_factory=Settings)
    options: Options = field(default_factory=Options)
    #: saves, progress, the settings file, sound and the toast (nothing kept by default)
    keep: Keeper = field(default_factory=Keeper)
    #: how developer mode loads and checks a story (the entry point gives lint's own rule)
    check: StoryCheck = field(default=load_story)
    #: developer mode's state for the story being written, kept across the play and ending
    #: screens that host it; None outside developer mode (see ``dev_mode``)
    dev: DevMode | None = None
    #: self-voicing: reads aloud what the top screen offers (``Screen.spoken``)
    voice: Voice = field(default_factory=Voice)
    images: Images = field(init=False)

    def __post_init__(self) -> None:
        self.images = Images(self.fonts)

    def font(self, role: str, size: int) -> pygame.font.Font:
        return self.fonts.get(role, size)

    def close(self) -> None:
        """Let go of everything made for the window (fonts, text, images, sounds, the voice
        speaking), before ``pygame.quit``: what pygame frees after it has stopped is never
        given back."""
        self.voice.stop()
        self.keep.close()
        self.text.clear()
        self.images.clear()
        self.fonts.close()
        widgets.forget()
        veil.forget()
        self.dev = None

    @property
    def palette(self) -> Palette:
        """The colours to draw with: the default palette, or high contrast's."""
        return theme.palette(self.settings.high_contrast)

    # -- settings ----------------------------------------------------------------------------

    def change_settings(self, **changes: object) -> Settings:
        """Apply changed settings at once and store them; returns the new settings."""
        old = self.settings
        self.settings = new = old.replace(**changes)
        self.apply_settings(old, new)
        self.keep.store_settings(new)
        return new

    def apply_settings(self, old: Settings | None, new: Settings) -> None:
        """Make the window match the settings: volumes, full screen and font (the palette
        follows the contrast setting by itself)."""
        if self.keep.audio is not None:
            self.keep.audio.apply(new)
        if old is not None and old.fullscreen != new.fullscreen:
            display.set_fullscreen(new.fullscreen)
        self.fonts.set_legible(new.legible_font)

    # -- developer mode ----------------------------------------------------------------------

    def dev_mode(self, host: Host) -> DevMode | None:
        """The run's developer mode, now working on ``host``; None outside developer mode.

        The mode (its console log, overlay setting, last failure) carries over from screen to
        screen while the story is the same one; another story gets a fresh mode.
        """
        if not self.options.dev:
            return None
        root = Path(host.session.story.root)
        if self.dev is None or self.dev.root != root:
            self.dev = DevMode(root, self.keep, self.images, self.check)
        self.dev.attach(host)
        return self.dev
