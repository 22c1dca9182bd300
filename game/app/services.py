"""What screens are given: fonts, the text cache, images, settings, the launch options.

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

log = logging.getLogger("lowtide.app")


@dataclass
class Settings:
    """What the player can change in play; saved by game.app.persist when it is there."""

    show_dynamics: bool = False
    text_speed: float = 45.0  # characters a second
    fullscreen: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"show_dynamics": self.show_dynamics, "text_speed": self.text_speed,
                "fullscreen": self.fullscreen}

    def update_from(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        if isinstance(data.get("show_dynamics"), bool):
            self.show_dynamics = data["show_dynamics"]
        speed = data.get("text_speed")
        if isinstance(speed, int | float) and not isinstance(speed, bool) and 5 <= speed <= 1000:
            self.text_speed = float(speed)
        if isinstance(data.get("fullscreen"), bool):
            self.fullscreen = data["fullscreen"]


@dataclass
class Options:
    """The launch options that shape a playthrough (from the command line)."""

    story: Path | None = None
    name: str | None = None
    pronouns: str | None = None
    start: str | None = None
    values: list[str] = field(default_factory=list)
    driven: bool = False


@dataclass
class Services:
    fonts: Fonts = field(default_factory=Fonts)
    text: TextCache = field(default_factory=TextCache)
    images: Images | None = None
    settings: Settings = field(default_factory=Settings)
    options: Options = field(default_factory=Options)
    stories_root: Path | None = None

    def __post_init__(self) -> None:
        if self.images is None:
            self.images = Images(self.fonts)

    def font(self, role: str, size: int):
        return self.fonts.get(role, size)
