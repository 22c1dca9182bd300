"""What screens are given: fonts, the text cache, images, settings, saves, sound, options.

One ``Services`` object is made per run and handed to every screen's constructor; nothing in
the app is global.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.app.render.images import Images
from game.app.render.text import TextCache
from game.app.render.theme import Fonts
from game.app.settings import Settings

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
    images: Images | None = None
    settings: Settings = field(default_factory=Settings)
    options: Options = field(default_factory=Options)
    stories_root: Path | None = None
    #: saves, settings file and progress (game.app.persist.Persist); None: nothing is kept
    persist: Any = None
    #: ambient and interface sounds (game.app.audio.Audio); None: silence
    audio: Any = None
    #: the short note shown after a quick save and the like (game.app.keep.Toast)
    toast: Any = None
    #: developer mode's state for the story being written (game.app.devplay.DevMode), kept
    #: across the play and ending screens that host it; None outside developer mode
    dev: Any = None

    def __post_init__(self) -> None:
        if self.images is None:
            self.images = Images(self.fonts)
        if self.toast is None:
            from game.app.keep import Toast

            self.toast = Toast()

    def font(self, role: str, size: int):
        return self.fonts.get(role, size)
